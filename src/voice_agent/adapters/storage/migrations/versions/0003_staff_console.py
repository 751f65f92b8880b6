"""The staff console: calls filterable by outcome, and a record of what staff did.

Adds ``conversations.outcome`` (the call's appointment actions, " booked cancelled ", or " "
for none), filled in for the calls already recorded, an index on ``conversations.created_at``
for date ranges, and the ``staff_actions`` table.

Revision ID: 0003_staff_console
Revises: 0002_security
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003_staff_console"
down_revision = "0002_security"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
_ACTIONS = ("booked", "rescheduled", "cancelled")


def _outcome(discussed: object) -> str:
    # frozen copy of domain.staff.call_outcomes as of this revision
    actions = sorted(
        {
            str(item.get("action"))
            for item in (discussed if isinstance(discussed, list) else [])
            if isinstance(item, dict) and item.get("action") in _ACTIONS
        }
    )
    return f" {' '.join(actions)} " if actions else " "


def upgrade() -> None:
    op.add_column("conversations", sa.Column("outcome", sa.String(64)))
    op.create_index("ix_conversations_created_at", "conversations", ["created_at"])
    conversations = sa.table(
        "conversations",
        sa.column("id", sa.Uuid()),
        sa.column("appointments_discussed", JSONType),
        sa.column("outcome", sa.String(64)),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(conversations.c.id, conversations.c.appointments_discussed))
    for conversation_id, discussed in list(rows):
        bind.execute(
            conversations.update()
            .where(conversations.c.id == conversation_id)
            .values(outcome=_outcome(discussed))
        )
    op.create_table(
        "staff_actions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("message", sa.Text()),
        sa.Column("user_id", sa.Uuid()),
        sa.Column("appointment_id", sa.Uuid()),
        sa.Column("code", sa.String(8)),
        sa.Column("date", sa.Date()),
        sa.Column("time", sa.Time()),
        sa.Column("previous_date", sa.Date()),
        sa.Column("previous_time", sa.Time()),
        sa.PrimaryKeyConstraint("id", name="pk_staff_actions"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="SET NULL", name="fk_staff_actions_user_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            ondelete="SET NULL",
            name="fk_staff_actions_appointment_id_appointments",
        ),
    )
    op.create_index("ix_staff_actions_at", "staff_actions", ["at"])
    op.create_index("ix_staff_actions_code", "staff_actions", ["code"])


def downgrade() -> None:
    op.drop_table("staff_actions")
    op.drop_index("ix_conversations_created_at", table_name="conversations")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("outcome")
