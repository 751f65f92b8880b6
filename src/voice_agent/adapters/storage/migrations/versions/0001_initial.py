"""Initial schema: the seed's users, appointments and conversations tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("contact_number", sa.String(20), nullable=False),
        sa.Column("name", sa.String(255)),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("contact_number", name="uq_users_contact_number"),
    )
    op.create_table(
        "appointments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("time", sa.Time(), nullable=False),
        sa.Column("slot", sa.String(50), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="booked"),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_appointments"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE", name="fk_appointments_user_id_users"
        ),
        sa.UniqueConstraint("code", name="uq_appointments_code"),
        sa.CheckConstraint(
            "status IN ('booked', 'cancelled', 'completed')", name="ck_appointments_status"
        ),
    )
    op.create_index("ix_appointments_user_id", "appointments", ["user_id"])
    op.create_index("ix_appointments_date_time", "appointments", ["date", "time"])
    op.create_index("ix_appointments_status", "appointments", ["status"])
    op.create_index(
        "uq_appointments_active_slot",
        "appointments",
        ["date", "time"],
        unique=True,
        sqlite_where=sa.text("status = 'booked'"),
        postgresql_where=sa.text("status = 'booked'"),
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid()),
        sa.Column("room_name", sa.String(255)),
        sa.Column("summary", sa.Text()),
        sa.Column("appointments_discussed", JSONType, nullable=False),
        sa.Column("preferences_mentioned", JSONType, nullable=False),
        sa.Column("transcript", JSONType, nullable=False),
        sa.Column("cost_breakdown", JSONType),
        sa.Column("duration_seconds", sa.Integer()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("ended_at", TZ),
        sa.Column("end_reason", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_conversations"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="SET NULL", name="fk_conversations_user_id_users"
        ),
    )
    op.create_index("ix_conversations_user_id", "conversations", ["user_id"])
    op.create_index("ix_conversations_room_name", "conversations", ["room_name"])


def downgrade() -> None:
    op.drop_table("conversations")
    op.drop_index("uq_appointments_active_slot", table_name="appointments")
    op.drop_table("appointments")
    op.drop_table("users")
