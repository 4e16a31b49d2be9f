"""The consultation log and per-user conversation state, as SQLModel tables.

Every schema change here needs a migration in `bot/storage/migrations/versions/`;
`tests/storage/test_migrations.py` fails when the two drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal, get_args

from sqlalchemy import JSON, DateTime, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

Status = Literal["new", "needs_follow_up", "closed", "unmatched"]
Outcome = Literal["stopped", "lost", "unknown"]
Feedback = Literal["helpful", "not_helpful"]

STATUSES: tuple[Status, ...] = get_args(Status)
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
FEEDBACKS: tuple[Feedback, ...] = get_args(Feedback)


def utcnow() -> datetime:
    """The current time as a timezone-aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that goes in and comes out as aware UTC on every backend.

    SQLite has no timezone type and hands back naive values, so we store UTC there and
    re-attach the zone on the way out; naive input is refused because its zone is a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware datetime")
        value = value.astimezone(UTC)
        # SQLite would store the wall-clock digits only; they must already be UTC.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Consultation(SQLModel, table=True):
    """One assessed message: what was asked (masked), what we concluded, what happened."""

    __tablename__ = "consultations"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    channel: str = Field(index=True)
    # A keyed hash of the channel's user id, never the raw id.
    user_ref: str = Field(index=True)
    language: str
    text: str = Field(sa_type=Text)
    category: str = Field(index=True)
    pattern: str | None = None
    score: float
    risk: str
    urgent: bool
    entities: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    feedback: str | None = None
    status: str = "new"
    outcome: str = "unknown"
    amount_at_risk: float | None = None
    amount_lost: float | None = None
    staff_notes: str = Field(default="", sa_type=Text)


class ConversationState(SQLModel, table=True):
    """Where one user's conversation stands, so a restart does not lose the thread."""

    __tablename__ = "conversation_states"

    user_ref: str = Field(primary_key=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
