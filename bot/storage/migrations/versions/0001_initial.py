"""The consultation log and conversation state.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("user_ref", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("pattern", sa.String(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("risk", sa.String(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("feedback", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("amount_at_risk", sa.Float(), nullable=True),
        sa.Column("amount_lost", sa.Float(), nullable=True),
        sa.Column("staff_notes", sa.Text(), nullable=False),
    )
    for column in ("created_at", "channel", "user_ref", "category"):
        op.create_index(f"ix_consultations_{column}", "consultations", [column])
    op.create_table(
        "conversation_states",
        sa.Column("user_ref", sa.String(), primary_key=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("conversation_states")
    for column in ("created_at", "channel", "user_ref", "category"):
        op.drop_index(f"ix_consultations_{column}", table_name="consultations")
    op.drop_table("consultations")
