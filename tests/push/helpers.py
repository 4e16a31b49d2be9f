"""Builders shared by the push tests (fixtures live in conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlmodel import select

from bot.push import repository as repo
from bot.push.models import PushSubscriber
from bot.storage.db import Database

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(day_offset: int, hh: int, mm: int = 0) -> datetime:
    """Today (+offset) at hh:mm in Shanghai, as UTC: the clock tests pick."""
    today = datetime.now(SHANGHAI).date() + timedelta(days=day_offset)
    return datetime(today.year, today.month, today.day, hh, mm, tzinfo=SHANGHAI).astimezone(UTC)


async def subscriber(db: Database, chat_id: str | int, **settings: Any) -> PushSubscriber:
    """A subscribed chat on the "fake" channel (or `channel=`) with these settings."""
    channel = settings.pop("channel", "fake")
    return await repo.ensure_subscriber(
        db,
        channel=channel,
        chat_id=str(chat_id),
        user_ref=settings.pop("user_ref", f"{channel}:{chat_id}"),
        subscribed=True,
        **settings,
    )


async def many(
    db: Database, count: int, *, channel: str = "fake", first: int = 10_000, **settings: Any
) -> list[int]:
    """`count` subscribed chats (chat ids first, first+1, ...) in one insert; their ids."""
    now = datetime.now(UTC) - timedelta(days=1)
    rows = [
        PushSubscriber(
            channel=channel,
            chat_id=str(first + n),
            user_ref=f"{channel}:{first + n}",
            created_at=now,
            updated_at=now,
            **settings,
        ).model_dump(exclude={"id"})
        for n in range(count)
    ]
    async with db.session() as session:
        for start in range(0, len(rows), 1000):
            await session.exec(insert(PushSubscriber).values(rows[start : start + 1000]))
        await session.commit()
        query = select(PushSubscriber.id).where(PushSubscriber.channel == channel)
        return [i for i in (await session.exec(query)).all() if i is not None]
