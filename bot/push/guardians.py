"""Family guardians: a one-time invite, the guardian's yes, the subscriber's consent, an end.

Once a link is active, an urgent or high-risk consultation by the subscriber sends the
guardian a masked alert (the kind of scam and the advice, never the person's words).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, update
from sqlmodel import col, select

from bot.core.content import Library
from bot.push import texts
from bot.push.engine import DeliveryEngine, EngineConfig
from bot.push.models import GuardianLink, PushSubscriber
from bot.push.planner import delivery_row, insert_deliveries
from bot.push.senders import Sender
from bot.runtime import Runtime
from bot.storage import repository as core_repo
from bot.storage.db import Database
from bot.storage.models import Consultation, utcnow

INVITE_HOURS = 48
# No 0/O or 1/I: the code may be read out over the phone.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
OPEN_STATUSES = ("invited", "awaiting_consent", "active")


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


async def create_invite(db: Database, *, subscriber_id: int) -> GuardianLink:
    """A fresh one-time code for this subscriber's family member."""
    now = utcnow()
    link = GuardianLink(
        subscriber_id=subscriber_id,
        code=new_code(),
        code_expires_at=now + timedelta(hours=INVITE_HOURS),
        created_at=now,
    )
    async with db.session() as session:
        session.add(link)
        await session.commit()
    return link


async def redeem(db: Database, *, code: str, guardian_id: int) -> GuardianLink | None:
    """Accept an invitation: once only, before it expires; None when it cannot be used."""
    now = utcnow()
    stmt = (
        update(GuardianLink)
        .where(
            col(GuardianLink.code) == code.strip().upper(),
            col(GuardianLink.status) == "invited",
            col(GuardianLink.code_expires_at) > now,
            col(GuardianLink.subscriber_id) != guardian_id,
        )
        .values(guardian_id=guardian_id, status="awaiting_consent")
        .returning(col(GuardianLink.id))
    )
    async with db.session() as session:
        found = (await session.exec(stmt)).first()
        await session.commit()
        return await session.get(GuardianLink, found[0]) if found else None


async def _change(
    db: Database, link_id: int, where: Sequence[ColumnElement[bool]], **values: object
) -> GuardianLink | None:
    stmt = (
        update(GuardianLink)
        .where(col(GuardianLink.id) == link_id, *where)
        .values(**values)
        .returning(col(GuardianLink.id))
    )
    async with db.session() as session:
        found = (await session.exec(stmt)).first()
        await session.commit()
        if not found:
            return None
        link = await session.get(GuardianLink, link_id)
        if link is not None:
            await session.refresh(link)
        return link


async def set_share_tips(
    db: Database, *, link_id: int, guardian_id: int, share: bool
) -> GuardianLink | None:
    """The guardian chooses whether to get a copy of the subscriber's tips."""
    where = [
        col(GuardianLink.guardian_id) == guardian_id,
        col(GuardianLink.status).in_(OPEN_STATUSES),
    ]
    return await _change(db, link_id, where, share_tips=share)


async def consent(
    db: Database, *, link_id: int, subscriber_id: int, agree: bool
) -> GuardianLink | None:
    """The subscriber agrees (link active) or declines; only while it awaits consent."""
    where = [
        col(GuardianLink.subscriber_id) == subscriber_id,
        col(GuardianLink.status) == "awaiting_consent",
    ]
    if agree:
        return await _change(db, link_id, where, status="active", consented_at=utcnow())
    return await _change(db, link_id, where, status="declined", ended_at=utcnow())


async def end_link(db: Database, *, link_id: int, party_id: int) -> GuardianLink | None:
    """Either side ends the link, at once."""
    where = [
        or_(col(GuardianLink.subscriber_id) == party_id, col(GuardianLink.guardian_id) == party_id),
        col(GuardianLink.status).in_(OPEN_STATUSES),
    ]
    return await _change(db, link_id, where, status="ended", ended_at=utcnow())


async def links_of(db: Database, *, party_id: int) -> list[GuardianLink]:
    """Open links where this chat is the subscriber or the guardian (unused invites aside)."""
    query = select(GuardianLink).where(
        or_(col(GuardianLink.subscriber_id) == party_id, col(GuardianLink.guardian_id) == party_id),
        col(GuardianLink.status).in_(("awaiting_consent", "active")),
    )
    async with db.session() as session:
        return list((await session.exec(query.order_by(col(GuardianLink.id)))).all())


async def guardians_for(
    db: Database, *, user_ref: str | None = None, consultation_id: int | None = None
) -> list[PushSubscriber]:
    """The reachable guardians of a person, by user ref or by one of their consultations.

    One active link each. By consultation the lookup is a single query, which matters
    because it runs after every high-risk reply and almost nobody has a guardian.
    """
    if consultation_id is not None:
        who = select(Consultation.user_ref).where(Consultation.id == consultation_id)
        watched = select(PushSubscriber.id).where(col(PushSubscriber.user_ref).in_(who))
    else:
        watched = select(PushSubscriber.id).where(PushSubscriber.user_ref == user_ref)
    query = (
        select(PushSubscriber)
        .join(GuardianLink, col(GuardianLink.guardian_id) == col(PushSubscriber.id))
        .where(
            col(GuardianLink.subscriber_id).in_(watched),
            GuardianLink.status == "active",
            col(PushSubscriber.paused).is_(False),
        )
    )
    async with db.session() as session:
        return list({g.id: g for g in (await session.exec(query)).all()}.values())


def alert_text(library: Library, consultation: Consultation, language: str) -> str:
    """The masked guardian alert: level, category and advice; never what was written."""
    key = texts.key(language)
    category = library.categories.get(consultation.category)
    name = getattr(category, key) if category is not None else consultation.category
    pattern = library.pattern_by_id.get(consultation.pattern or "")
    if pattern is not None:
        steps = pattern.if_money_lost if consultation.urgent else pattern.what_to_do
        advice = ("; " if key == "en" else "；").join(getattr(steps, key)[:2])
    else:
        advice = texts.text("check_short", "en" if key == "en" else "zh")
    level = texts.text("level_urgent" if consultation.urgent else "level_high", key)
    body = texts.text("guardian_alert", key, level=level, category=name, advice=advice)
    return texts.convert(body, language)


async def notify_guardians(
    runtime: Runtime,
    consultation: Consultation | int,
    *,
    senders: Mapping[str, Sender] | None = None,
    config: EngineConfig | None = None,
) -> list[int]:
    """Queue (and with `senders`, send now) the masked alert for an urgent or high-risk case.

    Safe to call after every reply: each guardian gets one alert per consultation and
    level (a high-risk case that turns urgent alerts again). Returns the delivery ids.
    """
    if isinstance(consultation, Consultation):
        row: Consultation | None = consultation
        guardians = await guardians_for(runtime.db, user_ref=consultation.user_ref)
    else:
        guardians = await guardians_for(runtime.db, consultation_id=consultation)
        if not guardians:
            return []
        row = await core_repo.get_consultation(runtime.db, consultation_id=consultation)
    if row is None or row.id is None or not (row.urgent or row.risk == "high"):
        return []
    level = "urgent" if row.urgent else "high"
    library = runtime.content.library
    now: datetime = utcnow()
    rows = [
        delivery_row(
            g.id or 0,
            f"guardian:{row.id}:{level}",
            "guardian_alert",
            now,
            alert_text(library, row, g.language),
        )
        for g in guardians
    ]
    ids = await insert_deliveries(runtime.db, rows)
    if senders and ids:
        await DeliveryEngine(runtime.db, senders, config).dispatch(ids)
    return ids
