"""Reading and writing subscribers, alerts, campaigns and delivery figures.

Like `bot.storage.repository`: the `Database` first, everything else by keyword.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlmodel import col, delete, select

from bot.push.models import (
    AUDIENCES,
    FREQUENCIES,
    LANGUAGES,
    GuardianLink,
    PushAlert,
    PushAttempt,
    PushCampaign,
    PushDelivery,
    PushSubscriber,
)
from bot.push.schedule import parse_time, zone
from bot.storage.db import Database, Store, transaction
from bot.storage.models import utcnow
from bot.storage.repository import update_row

SETTABLE = frozenset(
    {"language", "send_time", "timezone", "frequency", "weekday", "audience", "elderly"}
)
STATUSES = ("sent", "failed", "blocked", "skipped", "pending", "sending")


def check_settings(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate subscriber settings; ValueError names the first bad one."""
    unknown = set(changes) - SETTABLE - {"subscribed", "paused", "paused_reason", "last_slot"}
    if unknown:
        raise ValueError(f"cannot set {sorted(unknown)}")
    allowed = {"language": LANGUAGES, "frequency": FREQUENCIES, "audience": AUDIENCES}
    for field, values in allowed.items():
        if field in changes and changes[field] not in values:
            raise ValueError(f"{field} must be one of {values}, not {changes[field]!r}")
    if "send_time" in changes:
        changes = {**changes, "send_time": parse_time(changes["send_time"])}
    if "timezone" in changes:
        zone(changes["timezone"])
    if "weekday" in changes and changes["weekday"] not in range(7):
        raise ValueError("weekday must be 0 (Monday) .. 6 (Sunday)")
    return changes


async def get_subscriber(db: Database, *, channel: str, chat_id: str) -> PushSubscriber | None:
    """The subscriber row for one chat, or None."""
    query = select(PushSubscriber).where(
        PushSubscriber.channel == channel, PushSubscriber.chat_id == chat_id
    )
    async with db.session() as session:
        return (await session.exec(query)).first()


async def get_subscriber_by_id(db: Database, *, subscriber_id: int) -> PushSubscriber | None:
    async with db.session() as session:
        return await session.get(PushSubscriber, subscriber_id)


async def ensure_subscriber(
    db: Database, *, channel: str, chat_id: str, user_ref: str, **defaults: Any
) -> PushSubscriber:
    """The row for this chat, created with `defaults` if new (safe under concurrency)."""
    values = check_settings({k: v for k, v in defaults.items() if k in SETTABLE})
    now = utcnow()
    row = PushSubscriber(
        channel=channel,
        chat_id=chat_id,
        user_ref=user_ref,
        subscribed=bool(defaults.get("subscribed", False)),
        created_at=now,
        updated_at=now,
        **values,
    )
    insert = sqlite_insert if db.is_sqlite else pg_insert
    stmt = insert(PushSubscriber).values(row.model_dump(exclude={"id"}))
    stmt = stmt.on_conflict_do_nothing(index_elements=["channel", "chat_id"])
    async with db.session() as session:
        await session.exec(stmt)
        await session.commit()
    found = await get_subscriber(db, channel=channel, chat_id=chat_id)
    assert found is not None  # just inserted or already there
    return found


async def update_subscriber(
    db: Database, *, subscriber_id: int, **changes: Any
) -> PushSubscriber | None:
    """Change a subscriber's settings or state; None when there is no such id."""
    return await update_row(db, PushSubscriber, subscriber_id, check_settings(changes))


def recipients_query(audience: str) -> Any:
    """Subscribers who get tips and alerts for `audience` ("all" for everyone)."""
    query = select(PushSubscriber).where(
        col(PushSubscriber.subscribed).is_(True), col(PushSubscriber.paused).is_(False)
    )
    if audience != "all":
        query = query.where(PushSubscriber.audience == audience)
    return query


async def count_recipients(db: Database, *, audience: str) -> int:
    """How many people an alert for `audience` would reach now."""
    query = select(func.count()).select_from(recipients_query(audience).subquery())
    async with db.session() as session:
        return int((await session.exec(query)).one())


# --- staff alerts -------------------------------------------------------------------


async def create_alert(
    db: Database, *, audience: str, text_zh: str, text_en: str, created_by: str
) -> PushAlert:
    """A draft alert; nothing is sent until it is confirmed."""
    if audience != "all" and audience not in AUDIENCES:
        raise ValueError(f"audience must be 'all' or one of {AUDIENCES}, not {audience!r}")
    if not text_zh.strip():
        raise ValueError("the alert needs a Chinese text")
    row = PushAlert(
        audience=audience,
        text_zh=text_zh.strip(),
        text_en=(text_en or text_zh).strip(),
        created_by=created_by,
    )
    async with db.session() as session:
        session.add(row)
        await session.commit()
    return row


async def get_alert(db: Database, *, alert_id: int) -> PushAlert | None:
    async with db.session() as session:
        return await session.get(PushAlert, alert_id)


async def set_alert_status(db: Database, *, alert_id: int, status: str) -> PushAlert | None:
    """Confirm or cancel a draft; a confirmed or cancelled alert stays as it is."""
    if status not in ("confirmed", "cancelled"):
        raise ValueError(f"status must be confirmed or cancelled, not {status!r}")
    async with db.session() as session:
        row = await session.get(PushAlert, alert_id, with_for_update=True)
        if row is None:
            return None
        if row.status == "draft":
            row.status = status
            row.confirmed_at = utcnow() if status == "confirmed" else None
            session.add(row)
            await session.commit()
    return row


async def list_alerts(db: Database, *, limit: int = 20) -> list[PushAlert]:
    query = select(PushAlert).order_by(col(PushAlert.id).desc()).limit(limit)
    async with db.session() as session:
        return list((await session.exec(query)).all())


# --- campaigns -----------------------------------------------------------------------


async def add_campaign(
    db: Database,
    *,
    campaign_id: str,
    audience: str,
    starts_at: datetime,
    ends_at: datetime,
    tip_ids: list[str] | None = None,
    texts: list[dict[str, str]] | None = None,
) -> PushCampaign:
    """Schedule (or replace) a campaign; its tips go first while it runs."""
    if audience != "all" and audience not in AUDIENCES:
        raise ValueError(f"audience must be 'all' or one of {AUDIENCES}, not {audience!r}")
    if ends_at <= starts_at:
        raise ValueError("the campaign must end after it starts")
    if not tip_ids and not texts:
        raise ValueError("a campaign needs tip ids or texts")
    row = PushCampaign(
        id=campaign_id,
        audience=audience,
        starts_at=starts_at,
        ends_at=ends_at,
        tip_ids=list(tip_ids or []),
        texts=[dict(t) for t in texts or []],
    )
    async with db.session() as session:
        await session.merge(row)
        await session.commit()
    return row


async def list_campaigns(db: Database, *, at: datetime | None = None) -> list[PushCampaign]:
    """Every campaign, or those running at `at`."""
    query = select(PushCampaign).order_by(col(PushCampaign.starts_at), col(PushCampaign.id))
    if at is not None:
        query = query.where(PushCampaign.starts_at <= at, PushCampaign.ends_at > at)
    async with db.session() as session:
        return list((await session.exec(query)).all())


# --- figures -------------------------------------------------------------------------


async def figures(
    db: Database, *, alert_id: int | None = None, since: datetime | None = None
) -> dict[str, dict[str, int]]:
    """Deliveries counted by kind and status, for one alert or since a moment."""
    query = select(PushDelivery.kind, PushDelivery.status, func.count()).group_by(
        PushDelivery.kind, PushDelivery.status
    )
    if alert_id is not None:
        query = query.where(PushDelivery.alert_id == alert_id)
    if since is not None:
        query = query.where(PushDelivery.created_at >= since)
    out: dict[str, dict[str, int]] = {}
    async with db.session() as session:
        for kind, status, n in (await session.exec(query)).all():
            out.setdefault(kind, dict.fromkeys(STATUSES, 0))[status] = int(n)
    return out


def totals(by_kind: dict[str, dict[str, int]]) -> dict[str, int]:
    """The figures of every kind added up per status."""
    total = dict.fromkeys(STATUSES, 0)
    for counts in by_kind.values():
        for status, n in counts.items():
            total[status] = total.get(status, 0) + n
    return total


async def delete_push_data(store: Store, *, user_ref: str) -> int:
    """Erase a person's subscriptions, deliveries, attempts and guardian links (for /forget).

    Done table by table: SQLite does not enforce the ON DELETE CASCADE in the schema.
    """
    async with transaction(store) as session:
        ids = list(
            (
                await session.exec(
                    select(PushSubscriber.id).where(PushSubscriber.user_ref == user_ref)
                )
            ).all()
        )
        if not ids:
            return 0
        deliveries = select(PushDelivery.id).where(col(PushDelivery.recipient_id).in_(ids))
        await session.exec(delete(PushAttempt).where(col(PushAttempt.delivery_id).in_(deliveries)))
        await session.exec(delete(PushDelivery).where(col(PushDelivery.recipient_id).in_(ids)))
        await session.exec(
            delete(GuardianLink).where(
                or_(
                    col(GuardianLink.subscriber_id).in_(ids), col(GuardianLink.guardian_id).in_(ids)
                )
            )
        )
        await session.exec(delete(PushSubscriber).where(col(PushSubscriber.id).in_(ids)))
    return len(ids)


def watched_user_refs(conn: Connection, *, user_refs: Sequence[str]) -> set[str]:
    """Which of these people have an active guardian (one query for a batch of turns)."""
    return {str(ref) for ref in conn.execute(_WATCHED, {"refs": list(user_refs)}).scalars()}


# Built once: every message's turn runs it (see bot/storage/repository.py, _LOAD_STATES).
_WATCHED = (
    select(PushSubscriber.user_ref)
    .join(GuardianLink, col(GuardianLink.subscriber_id) == col(PushSubscriber.id))
    .where(
        col(PushSubscriber.user_ref).in_(bindparam("refs", expanding=True)),
        GuardianLink.status == "active",
    )
    .distinct()
)
