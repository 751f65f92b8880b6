"""Calls bound to their caller, heartbeats for abandoned calls, staff sessions, shared limits.

Revision ID: 0002_security
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_security"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("caller_identity", sa.String(255)))
        batch.add_column(sa.Column("heartbeat_at", TZ))
    # a call open before this revision was last seen when its row was last written
    op.execute("UPDATE conversations SET heartbeat_at = updated_at WHERE heartbeat_at IS NULL")
    op.create_index(
        "ix_conversations_open",
        "conversations",
        ["heartbeat_at"],
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ),
        sa.PrimaryKeyConstraint("id", name="pk_staff_sessions"),
    )
    op.create_index("ix_staff_sessions_expires_at", "staff_sessions", ["expires_at"])
    op.create_table(
        "limit_counters",
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("window_start", sa.BigInteger(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("key", "window_start", name="pk_limit_counters"),
    )
    op.create_index("ix_limit_counters_expires_at", "limit_counters", ["expires_at"])


def downgrade() -> None:
    op.drop_table("limit_counters")
    op.drop_table("staff_sessions")
    op.drop_index("ix_conversations_open", table_name="conversations")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("heartbeat_at")
        batch.drop_column("caller_identity")
