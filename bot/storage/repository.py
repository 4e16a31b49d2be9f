"""Reading and writing the consultation log and conversation state.

Every function takes the store first and everything else by keyword, so a call site
reads like a record (`add_consultation(db, channel="telegram", ...)`). The store is the
`Database` (the function commits its own work) or an open session (the work joins the
caller's transaction, which the caller commits).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import bindparam, func, insert, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel, col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.core.normalize import mask_text
from bot.storage.db import Database, Store, reading, transaction
from bot.storage.models import (
    FEEDBACKS,
    OUTCOMES,
    STATUSES,
    Consultation,
    ConversationState,
    utcnow,
)

R = TypeVar("R", bound=SQLModel)

# Fields staff or the service may change after the fact; identity and timestamps stay.
UPDATABLE_FIELDS = frozenset(
    {
        "language", "text", "category", "pattern", "score", "risk", "urgent", "entities",
        "feedback", "status", "outcome", "amount_at_risk", "amount_lost", "staff_notes",
    }
)  # fmt: skip
_ALLOWED: dict[str, tuple[str | None, ...]] = {
    "status": STATUSES,
    "outcome": OUTCOMES,
    "feedback": (*FEEDBACKS, None),
}
_NULLABLE_FIELDS = frozenset({"pattern", "feedback", "amount_at_risk", "amount_lost"})
_MASKED_FIELDS = ("text", "staff_notes")


def _check_values(values: Mapping[str, Any]) -> None:
    for name, allowed in _ALLOWED.items():
        if name in values and values[name] not in allowed:
            raise ValueError(f"{name} must be one of {allowed}, not {values[name]!r}")


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")


def consultation_values(
    *,
    channel: str,
    user_ref: str,
    language: str,
    text: str,
    category: str,
    pattern: str | None,
    score: float,
    risk: str,
    urgent: bool,
    entities: dict[str, Any],
    status: str,
    amount_at_risk: float | None = None,
    amount_lost: float | None = None,
    outcome: str = "unknown",
) -> dict[str, Any]:
    """The checked column values of a new consultation, its text masked (again)."""
    _check_values({"status": status, "outcome": outcome})
    now = utcnow()
    return {
        "created_at": now,
        "updated_at": now,
        "channel": channel,
        "user_ref": user_ref,
        "language": language,
        "text": mask_text(text),
        "category": category,
        "pattern": pattern,
        "score": score,
        "risk": risk,
        "urgent": urgent,
        "entities": dict(entities),
        "status": status,
        "outcome": outcome,
        "amount_at_risk": amount_at_risk,
        "amount_lost": amount_lost,
        "feedback": None,
        "staff_notes": "",
    }


async def add_consultation(store: Store, **fields: Any) -> Consultation:
    """Log one assessed message (fields as in `consultation_values`); returns the row."""
    values = consultation_values(**fields)
    async with transaction(store) as session:
        result = await session.exec(insert(Consultation).values(**values))
        key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return Consultation(id=int(key[0]), **values)


def checked_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes, validated, with free text masked; ValueError names what is wrong."""
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}; allowed: {sorted(UPDATABLE_FIELDS)}")
    required = {f for f, v in changes.items() if v is None and f not in _NULLABLE_FIELDS}
    if required:
        raise ValueError(f"{sorted(required)} cannot be None")
    _check_values(changes)
    masked = {f: mask_text(changes[f]) for f in _MASKED_FIELDS if changes.get(f) is not None}
    return {**changes, **masked}


async def update_consultation(
    store: Store, *, consultation_id: int, **changes: Any
) -> Consultation | None:
    """Change the given fields of one consultation; None when there is no such id."""
    return await update_row(store, Consultation, consultation_id, checked_changes(changes))


async def update_row(
    store: Store, model: type[R], row_id: Any, changes: Mapping[str, Any]
) -> R | None:
    """Set already-checked fields on one row and stamp `updated_at`; None when it is gone."""
    async with transaction(store) as session:
        row = await session.get(model, row_id)
        if row is None:
            return None
        for field, value in changes.items():
            setattr(row, field, value)
        row.updated_at = utcnow()  # type: ignore[attr-defined]  # every updatable table has it
        session.add(row)
    return row


async def get_consultation(store: Store, *, consultation_id: int) -> Consultation | None:
    """One consultation by id, or None."""
    async with reading(store) as session:
        return await session.get(Consultation, consultation_id)


async def list_consultations(
    db: Database,
    *,
    limit: int = 50,
    status: str | None = None,
    since: datetime | None = None,
    category: str | None = None,
) -> list[Consultation]:
    """The newest consultations first, optionally filtered by status, time and category."""
    query = select(Consultation)
    if status is not None:
        _check_values({"status": status})
        query = query.where(Consultation.status == status)
    if since is not None:
        _require_aware(since, "since")
        query = query.where(Consultation.created_at >= since)
    if category is not None:
        query = query.where(Consultation.category == category)
    query = query.order_by(col(Consultation.created_at).desc(), col(Consultation.id).desc())
    async with db.session() as session:
        return list((await session.exec(query.limit(max(0, limit)))).all())


async def consultations_since(db: Database, *, since: datetime) -> list[Consultation]:
    """Every consultation from a moment on, oldest first (for exports)."""
    _require_aware(since, "since")
    query = (
        select(Consultation)
        .where(Consultation.created_at >= since)
        .order_by(col(Consultation.created_at), col(Consultation.id))
    )
    async with db.session() as session:
        return list((await session.exec(query)).all())


async def consultations_for_user(store: Store, *, user_ref: str) -> list[Consultation]:
    """Everything logged for one user, oldest first (for a data-access request)."""
    query = (
        select(Consultation)
        .where(Consultation.user_ref == user_ref)
        .order_by(col(Consultation.created_at), col(Consultation.id))
    )
    async with reading(store) as session:
        return list((await session.exec(query)).all())


async def delete_user_data(store: Store, *, user_ref: str) -> int:
    """Erase one user's consultations and conversation state; return the rows deleted."""
    async with transaction(store) as session:
        logged = await session.exec(
            delete(Consultation).where(col(Consultation.user_ref) == user_ref)
        )
        state = await session.exec(
            delete(ConversationState).where(col(ConversationState.user_ref) == user_ref)
        )
    return int(logged.rowcount or 0) + int(state.rowcount or 0)


async def load_state(store: Store, *, user_ref: str) -> dict[str, Any] | None:
    """The saved conversation state for a user, or None when there is none."""
    query = select(ConversationState.data).where(ConversationState.user_ref == user_ref)
    async with reading(store) as session:
        data = (await session.exec(query)).first()
    return dict(data) if data is not None else None


async def save_state(store: Store, *, user_ref: str, data: dict[str, Any]) -> None:
    """Insert or replace a user's state in one statement, so concurrent saves cannot clash."""
    values = {"user_ref": user_ref, "data": dict(data), "updated_at": utcnow()}
    async with transaction(store) as session:
        await session.exec(_upsert_state(session.get_bind().dialect.name).values(**values))


@dataclass
class TurnWrite:
    """What one conversation turn writes: saved together with other turns' writes."""

    user_ref: str
    state: dict[str, Any] | None  # None after /forget: nothing is saved again
    new: dict[str, Any] | None = None  # `consultation_values` of a new consultation
    changes: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> checked changes
    # Called with the new consultation's id before the state is saved, so the state
    # can point at it.
    on_new_id: Callable[[int], None] | None = None
    new_id: int | None = None

    def change(self, consultation_id: int, **changes: Any) -> None:
        """Queue checked changes to a consultation (later ones win, field by field)."""
        checked = checked_changes(changes)  # a rejected change leaves nothing behind
        self.changes.setdefault(consultation_id, {}).update(checked)


def load_states(conn: Connection, *, user_refs: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The saved states of several users in one query (users without one are absent).

    Synchronous, like `save_turns`: both run through `Database.run_sync`.
    """
    rows = conn.execute(_LOAD_STATES, {"refs": list(user_refs)}).all()
    return {ref: dict(data) for ref, data in rows}


# The statements every message runs are built once: building one costs more than
# SQLite takes to run it (docs/benchmarks.md, Telegram throughput).
_LOAD_STATES = select(ConversationState.user_ref, ConversationState.data).where(
    col(ConversationState.user_ref).in_(bindparam("refs", expanding=True))
)
_INSERT_CONSULTATIONS = insert(Consultation).returning(
    col(Consultation.id), sort_by_parameter_order=True
)


@lru_cache(maxsize=64)
def _update_consultations(columns: tuple[str, ...]) -> Any:
    return (
        update(Consultation)
        .where(col(Consultation.id) == bindparam("v_id"))
        .values({name: bindparam(f"v_{name}") for name in (*columns, "updated_at")})
    )


def save_turns(conn: Connection, writes: Sequence[TurnWrite]) -> None:
    """Write several turns in the caller's transaction.

    One multi-row INSERT of the new consultations (ids in order), the changes to
    earlier ones, then one upsert of all the states.
    """
    news = [w for w in writes if w.new is not None]
    if news:
        result = conn.execute(_INSERT_CONSULTATIONS, [w.new for w in news if w.new is not None])
        for w, new_id in zip(news, result.scalars().all(), strict=True):
            w.new_id = int(new_id or 0)
            if w.on_new_id is not None:
                w.on_new_id(w.new_id)
    now = utcnow()
    # Changes that set the same columns go as one executemany.
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for w in writes:
        for consultation_id, changes in w.changes.items():
            columns = tuple(sorted(changes))
            row = {"v_id": consultation_id, "v_updated_at": now}
            row.update({f"v_{name}": value for name, value in changes.items()})
            by_columns.setdefault(columns, []).append(row)
    for columns, rows in by_columns.items():
        conn.execute(_update_consultations(columns), rows)
    states = [
        {"user_ref": w.user_ref, "data": dict(w.state), "updated_at": now}
        for w in writes
        if w.state is not None
    ]
    if states:
        conn.execute(_upsert_state(conn.dialect.name), states)


@lru_cache(maxsize=4)
def _upsert_state(dialect: str) -> Any:
    stmt = (sqlite_insert if dialect == "sqlite" else pg_insert)(ConversationState)
    return stmt.on_conflict_do_update(
        index_elements=["user_ref"],
        set_={"data": stmt.excluded.data, "updated_at": stmt.excluded.updated_at},
    )


async def _count_by(session: AsyncSession, column: Any, since: datetime) -> dict[str, int]:
    query = (
        select(column, func.count())
        .where(Consultation.created_at >= since)
        .group_by(column)
        .order_by(column)
    )
    return {str(key): int(n) for key, n in (await session.exec(query)).all()}


def _counts_query(since: datetime) -> Select[int, int, int, int]:
    return select(
        func.count(),
        func.count().filter(col(Consultation.urgent).is_(True)),
        func.count().filter(col(Consultation.status) == "needs_follow_up"),
        func.count().filter(col(Consultation.outcome) == "stopped"),
    ).where(Consultation.created_at >= since)


def _money_query(since: datetime) -> Select[float | None, float | None]:
    stopped = col(Consultation.outcome) == "stopped"
    return select(
        func.coalesce(func.sum(Consultation.amount_at_risk).filter(stopped), 0.0),
        func.coalesce(func.sum(Consultation.amount_lost), 0.0),
    ).where(Consultation.created_at >= since)


async def summary(db: Database, *, since: datetime) -> dict[str, Any]:
    """Figures for staff since a moment: counts by category and risk, urgency, money.

    `money_saved` is the amount at risk in consultations whose outcome is "stopped".
    """
    _require_aware(since, "since")
    async with db.session() as session:
        total, urgent, follow_up, stopped = (await session.exec(_counts_query(since))).one()
        saved, lost = (await session.exec(_money_query(since))).one()
        by_category = await _count_by(session, Consultation.category, since)
        by_risk = await _count_by(session, Consultation.risk, since)
    return {
        "since": since,
        "total": int(total),
        "by_category": by_category,
        "by_risk": by_risk,
        "urgent": int(urgent),
        "needs_follow_up": int(follow_up),
        "stopped": int(stopped),
        "money_saved": float(saved or 0.0),
        "amount_lost": float(lost or 0.0),
    }
