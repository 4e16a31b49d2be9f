"""Push tables: subscribers, deliveries and their attempts, staff alerts, campaigns, guardians.

Every schema change here needs a migration (`bot/storage/migrations/versions/0002_push.py`
created these); the drift test in `tests/storage/test_migrations.py` compares the two.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.models import UTCDateTime, utcnow

Frequency = Literal["daily", "weekdays", "weekly"]
AudienceName = Literal["elderly", "student", "business", "general"]
DeliveryStatus = Literal["pending", "sending", "sent", "failed", "blocked"]
Outcome = Literal["sent", "failed", "blocked", "retry"]
LinkStatus = Literal["invited", "awaiting_consent", "active", "ended", "declined"]

FREQUENCIES: tuple[Frequency, ...] = get_args(Frequency)
AUDIENCES: tuple[AudienceName, ...] = get_args(AudienceName)
LANGUAGES = ("zh", "zh-hant", "en")


def _fk(target: str) -> Any:
    """A non-null integer column referencing `target`, removed with it."""
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), nullable=False, index=True)


class PushSubscriber(SQLModel, table=True):
    """One chat the bot may push to: a subscriber to tips, a guardian, or both."""

    __tablename__ = "push_subscribers"
    __table_args__ = (UniqueConstraint("channel", "chat_id", name="uq_push_subscribers_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str
    # Where to deliver (Telegram chat id, WeChat openid); needed to push, never logged.
    chat_id: str
    # The same keyed hash the consultation log uses, to find a person's guardians.
    user_ref: str = Field(index=True)
    subscribed: bool = True  # receives tips of their own
    paused: bool = False  # the chat cannot be reached (blocked the bot, left WeChat)
    paused_reason: str = ""
    language: str = "zh"
    send_time: str = "09:00"  # HH:MM in `timezone`
    timezone: str = "Asia/Shanghai"
    frequency: str = "daily"
    weekday: int = 0  # for weekly: Monday=0 .. Sunday=6
    audience: str = "general"
    elderly: bool = False
    seen_tips: list[str] = Field(default_factory=list, sa_type=JSON)
    last_slot: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PushDelivery(SQLModel, table=True):
    """One message owed to one recipient; `key` makes it unique (tip slot, alert, ...)."""

    __tablename__ = "push_deliveries"
    __table_args__ = (
        UniqueConstraint("recipient_id", "key", name="uq_push_deliveries_key"),
        Index("ix_push_deliveries_queue", "status", "not_before"),
    )

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = Field(sa_column=_fk("push_subscribers.id"))
    key: str  # "tip:<slot>", "alert:<id>", "guardian:<consultation>:<level>", ...
    kind: str = Field(index=True)  # tip, alert, guardian_alert, guardian_tip
    tip_id: str | None = None
    alert_id: int | None = Field(default=None, index=True)
    slot: datetime = Field(sa_type=UTCDateTime)
    text: str = Field(sa_type=Text)
    status: str = "pending"
    attempts: int = 0
    not_before: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    claimed_by: str | None = None
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PushAttempt(SQLModel, table=True):
    """Every try at a delivery, whatever came of it."""

    __tablename__ = "push_attempts"

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: int = Field(sa_column=_fk("push_deliveries.id"))
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    worker: str
    outcome: str
    detail: str = ""


class PushAlert(SQLModel, table=True):
    """A staff warning about a new scam wave; sent once confirmed."""

    __tablename__ = "push_alerts"

    id: int | None = Field(default=None, primary_key=True)
    audience: str  # "all" or one audience
    text_zh: str = Field(sa_type=Text)
    text_en: str = Field(sa_type=Text)
    created_by: str
    status: str = "draft"  # draft, confirmed, cancelled
    planned: bool = False  # every recipient has a delivery row
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PushCampaign(SQLModel, table=True):
    """Seasonal or campaign tips staff schedule; they go first while the campaign runs."""

    __tablename__ = "push_campaigns"

    id: str = Field(primary_key=True)
    audience: str  # "all" or one audience
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    tip_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    # Staff-written tips: [{"zh": ..., "en": ...}, ...]
    texts: list[dict[str, str]] = Field(default_factory=list, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GuardianLink(SQLModel, table=True):
    """A family member who watches over a subscriber, from invite code to consent to end."""

    __tablename__ = "push_guardian_links"
    __table_args__ = (UniqueConstraint("code", name="uq_push_guardian_links_code"),)

    id: int | None = Field(default=None, primary_key=True)
    subscriber_id: int = Field(sa_column=_fk("push_subscribers.id"))
    guardian_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("push_subscribers.id", ondelete="CASCADE"), index=True
        ),
    )
    code: str
    code_expires_at: datetime = Field(sa_type=UTCDateTime)
    status: str = "invited"
    share_tips: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    consented_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
