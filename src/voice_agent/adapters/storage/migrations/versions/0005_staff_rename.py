"""Staff correct a caller's name: the record of staff actions keeps its old and new forms.

Adds ``staff_actions.name`` and ``staff_actions.previous_name`` (both empty for the bookings,
moves and cancellations already recorded).

Revision ID: 0005_staff_rename
Revises: 0004_call_places
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_staff_rename"
down_revision = "0004_call_places"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_actions") as batch:
        batch.add_column(sa.Column("name", sa.String(255)))
        batch.add_column(sa.Column("previous_name", sa.String(255)))


def downgrade() -> None:
    with op.batch_alter_table("staff_actions") as batch:
        batch.drop_column("previous_name")
        batch.drop_column("name")
