"""The calls LiveKit may be running, shared by token servers and workers.

Revision ID: 0004_call_places
Revises: 0003_staff_console
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_call_places"
down_revision = "0003_staff_console"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_places",
        sa.Column("room_name", sa.String(255), nullable=False),
        sa.Column("client", sa.String(64)),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("call_until", sa.Float()),
        sa.PrimaryKeyConstraint("room_name", name="pk_call_places"),
    )


def downgrade() -> None:
    op.drop_table("call_places")
