"""Turning what is due into delivery rows, once: the unique (recipient, key) does the rest.

Planning and sending are separate steps. A row is written before anything is sent, so
a crash between the two loses nothing, and two workers planning the same slot insert
one row between them (`ON CONFLICT DO NOTHING`). Subscribers are planned under row
locks (`FOR UPDATE SKIP LOCKED` on PostgreSQL) so their rotation state moves once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.content import Tip
from bot.push import rotation, texts
from bot.push.models import GuardianLink, PushAlert, PushCampaign, PushDelivery, PushSubscriber
from bot.push.repository import list_campaigns, recipients_query
from bot.push.schedule import due_slot
from bot.storage.db import Database
from bot.storage.models import utcnow

CHUNK = 500


@dataclass(frozen=True)
class TipPlan:
    """What planning needs besides the database: the tips and the catch-up window."""

    tips: Sequence[Tip]
    catch_up: timedelta


async def _insert(session: AsyncSession, db: Database, rows: list[dict[str, Any]]) -> None:
    """Insert delivery rows, skipping (recipient, key) pairs that already exist."""
    insert = sqlite_insert if db.is_sqlite else pg_insert
    stmt = insert(PushDelivery.__table__).on_conflict_do_nothing(  # type: ignore[attr-defined]
        index_elements=["recipient_id", "key"]
    )
    await session.exec(stmt, params=rows)


def _row(recipient: int, key: str, kind: str, slot: datetime, text: str, **extra: Any) -> Any:
    now = utcnow()
    return {
        "recipient_id": recipient,
        "key": key,
        "kind": kind,
        "tip_id": extra.get("tip_id"),
        "alert_id": extra.get("alert_id"),
        "slot": slot,
        "text": text,
        "status": "pending",
        "attempts": 0,
        "not_before": now,
        "created_at": now,
    }


async def _due_ids(db: Database, at: datetime, catch_up: timedelta) -> list[int]:
    query = select(PushSubscriber).where(
        col(PushSubscriber.subscribed).is_(True), col(PushSubscriber.paused).is_(False)
    )
    async with db.session() as session:
        subs = (await session.exec(query.order_by(col(PushSubscriber.id)))).all()
    return [s.id for s in subs if s.id is not None and due_slot(s, at, catch_up=catch_up)]


async def _tip_sharing(session: AsyncSession, ids: Iterable[int]) -> dict[int, list[int]]:
    """subscriber id -> guardians who asked for a copy of the tips."""
    query = (
        select(GuardianLink.subscriber_id, GuardianLink.guardian_id)
        .join(PushSubscriber, col(PushSubscriber.id) == col(GuardianLink.guardian_id))
        .where(
            col(GuardianLink.subscriber_id).in_(list(ids)),
            GuardianLink.status == "active",
            col(GuardianLink.share_tips).is_(True),
            col(PushSubscriber.paused).is_(False),
        )
    )
    out: dict[int, list[int]] = {}
    for sub_id, guardian_id in (await session.exec(query)).all():
        if guardian_id is not None:
            out.setdefault(sub_id, []).append(guardian_id)
    return out


def _guardian_copy(guardian: PushSubscriber, sub: PushSubscriber, tip: Any, slot: datetime) -> Any:
    text = texts.text("guardian_tip_head", guardian.language) + rotation.tip_message(
        tip, guardian.language, guardian.elderly
    )
    key = f"gtip:{sub.id}:{slot.isoformat()}"
    return _row(guardian.id or 0, key, "guardian_tip", slot, text, tip_id=tip.id)


async def _plan_chunk(
    db: Database, ids: list[int], at: datetime, plan: TipPlan, campaigns: list[PushCampaign]
) -> int:
    query = select(PushSubscriber).where(col(PushSubscriber.id).in_(ids))
    if not db.is_sqlite:
        query = query.with_for_update(skip_locked=True)
    async with db.session() as session:
        subs = list((await session.exec(query.order_by(col(PushSubscriber.id)))).all())
        sharing = await _tip_sharing(session, [s.id for s in subs if s.id is not None])
        guardian_ids = {g for gs in sharing.values() for g in gs}
        guardians = {
            g.id: g
            for g in (
                await session.exec(
                    select(PushSubscriber).where(col(PushSubscriber.id).in_(guardian_ids))
                )
            ).all()
        }
        rows, changes = [], []
        regular_by_audience: dict[str, list[rotation.TipText]] = {}
        for sub in subs:
            slot = due_slot(sub, at, catch_up=plan.catch_up)
            if slot is None or sub.id is None:
                continue  # another worker planned it meanwhile
            regular = regular_by_audience.get(sub.audience)
            if regular is None:
                regular = regular_by_audience[sub.audience] = rotation.audience_tips(
                    plan.tips, sub.audience
                )
            special = rotation.campaign_tips(campaigns, plan.tips, sub.audience, slot)
            tip, seen = rotation.choose(sub.seen_tips, regular, special)
            changes.append({"id": sub.id, "seen_tips": seen, "last_slot": slot})
            if tip is None:
                continue
            text = rotation.tip_message(tip, sub.language, sub.elderly)
            rows.append(_row(sub.id, f"tip:{slot.isoformat()}", "tip", slot, text, tip_id=tip.id))
            for guardian_id in sharing.get(sub.id, []):
                rows.append(_guardian_copy(guardians[guardian_id], sub, tip, slot))
        if changes:
            await session.exec(update(PushSubscriber), params=changes)
        if rows:
            await _insert(session, db, rows)
        await session.commit()
    return len(rows)


async def plan_tips(db: Database, *, at: datetime, plan: TipPlan) -> int:
    """Write a delivery for every subscriber whose slot is due at `at`; rows written."""
    campaigns = await list_campaigns(db)
    ids = await _due_ids(db, at, plan.catch_up)
    planned = 0
    for start in range(0, len(ids), CHUNK):
        planned += await _plan_chunk(db, ids[start : start + CHUNK], at, plan, campaigns)
    return planned


async def _plan_alert(db: Database, alert: PushAlert) -> int:
    planned, after = 0, 0
    assert alert.id is not None and alert.confirmed_at is not None
    while True:
        query = recipients_query(alert.audience).where(col(PushSubscriber.id) > after)
        async with db.session() as session:
            subs = list(
                (await session.exec(query.order_by(col(PushSubscriber.id)).limit(CHUNK))).all()
            )
            if not subs:
                break
            rows = [
                _row(
                    s.id or 0,
                    f"alert:{alert.id}",
                    "alert",
                    alert.confirmed_at,
                    rotation.alert_message(alert.text_zh, alert.text_en, s.language, s.elderly),
                    alert_id=alert.id,
                )
                for s in subs
            ]
            await _insert(session, db, rows)
            await session.commit()
        planned += len(rows)
        after = subs[-1].id or after
    return planned


async def plan_alerts(db: Database, *, at: datetime) -> int:
    """Write a delivery for every recipient of each confirmed, unplanned alert."""
    query = select(PushAlert).where(
        PushAlert.status == "confirmed",
        col(PushAlert.planned).is_(False),
        col(PushAlert.confirmed_at) <= at,
    )
    async with db.session() as session:
        alerts = list((await session.exec(query.order_by(col(PushAlert.id)))).all())
    planned = 0
    for alert in alerts:
        planned += await _plan_alert(db, alert)
        async with db.session() as session:
            await session.exec(
                update(PushAlert).where(col(PushAlert.id) == alert.id).values(planned=True)
            )
            await session.commit()
    return planned


async def insert_deliveries(db: Database, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows (skipping keys that exist); the ids of the rows now owed for them."""
    if not rows:
        return []
    async with db.session() as session:
        await _insert(session, db, rows)
        await session.commit()
        keys = {(r["recipient_id"], r["key"]) for r in rows}
        query = select(PushDelivery).where(
            col(PushDelivery.recipient_id).in_({k[0] for k in keys}),
            col(PushDelivery.key).in_({k[1] for k in keys}),
            PushDelivery.status == "pending",
        )
        found = (await session.exec(query)).all()
    return [d.id for d in found if d.id is not None and (d.recipient_id, d.key) in keys]


def delivery_row(
    recipient: int, key: str, kind: str, slot: datetime, text: str, **extra: Any
) -> dict[str, Any]:
    """A pending delivery row, for callers outside the planner (guardian alerts)."""
    row: dict[str, Any] = _row(recipient, key, kind, slot, text, **extra)
    return row
