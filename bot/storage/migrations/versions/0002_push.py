"""Pushed tips: subscribers, deliveries and attempts, staff alerts, campaigns, guardians.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WHEN = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def _ref(name: str, target: str, *, nullable: bool = False) -> sa.Column[int]:
    fk = sa.ForeignKey(target, ondelete="CASCADE")
    return sa.Column(name, sa.Integer(), fk, nullable=nullable)


def _subscribers() -> None:
    op.create_table(
        "push_subscribers",
        _id(),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("chat_id", sa.String(), nullable=False),
        sa.Column("user_ref", sa.String(), nullable=False),
        sa.Column("subscribed", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("paused_reason", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("send_time", sa.String(), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("frequency", sa.String(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("elderly", sa.Boolean(), nullable=False),
        sa.Column("seen_tips", sa.JSON(), nullable=False),
        sa.Column("last_slot", _WHEN, nullable=True),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("updated_at", _WHEN, nullable=False),
        sa.UniqueConstraint("channel", "chat_id", name="uq_push_subscribers_chat"),
    )
    op.create_index("ix_push_subscribers_user_ref", "push_subscribers", ["user_ref"])


def _deliveries() -> None:
    op.create_table(
        "push_deliveries",
        _id(),
        _ref("recipient_id", "push_subscribers.id"),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("tip_id", sa.String(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("slot", _WHEN, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", _WHEN, nullable=False),
        sa.Column("claimed_by", sa.String(), nullable=True),
        sa.Column("lease_until", _WHEN, nullable=True),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("sent_at", _WHEN, nullable=True),
        sa.UniqueConstraint("recipient_id", "key", name="uq_push_deliveries_key"),
    )
    for column in ("recipient_id", "kind", "alert_id"):
        op.create_index(f"ix_push_deliveries_{column}", "push_deliveries", [column])
    op.create_index("ix_push_deliveries_queue", "push_deliveries", ["status", "not_before"])
    op.create_table(
        "push_attempts",
        _id(),
        _ref("delivery_id", "push_deliveries.id"),
        sa.Column("at", _WHEN, nullable=False),
        sa.Column("worker", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
    )
    op.create_index("ix_push_attempts_delivery_id", "push_attempts", ["delivery_id"])


def _staff_tables() -> None:
    op.create_table(
        "push_alerts",
        _id(),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("text_zh", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("planned", sa.Boolean(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("confirmed_at", _WHEN, nullable=True),
    )
    op.create_table(
        "push_campaigns",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("starts_at", _WHEN, nullable=False),
        sa.Column("ends_at", _WHEN, nullable=False),
        sa.Column("tip_ids", sa.JSON(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
    )


def _guardians() -> None:
    op.create_table(
        "push_guardian_links",
        _id(),
        _ref("subscriber_id", "push_subscribers.id"),
        _ref("guardian_id", "push_subscribers.id", nullable=True),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("code_expires_at", _WHEN, nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("share_tips", sa.Boolean(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("consented_at", _WHEN, nullable=True),
        sa.Column("ended_at", _WHEN, nullable=True),
        sa.UniqueConstraint("code", name="uq_push_guardian_links_code"),
    )
    for column in ("subscriber_id", "guardian_id"):
        op.create_index(f"ix_push_guardian_links_{column}", "push_guardian_links", [column])


def upgrade() -> None:
    _subscribers()
    _deliveries()
    _staff_tables()
    _guardians()


def downgrade() -> None:
    for table in (
        "push_guardian_links",
        "push_campaigns",
        "push_alerts",
        "push_attempts",
        "push_deliveries",
        "push_subscribers",
    ):
        op.drop_table(table)
