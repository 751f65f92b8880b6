"""The seed's schema (users, appointments, conversations), column names kept.

Additions: `appointments.code` holds the 8-character confirmation code (the seed exposed
"appointment_id" as 8 characters); `conversations.updated_at/ended_at/end_reason` let a call's
row be saved as the call goes and tell how it ended; `conversations.caller_identity` binds the
summary to the participant who called, and `conversations.heartbeat_at` tells a live call from
one whose process died. `staff_sessions` makes staff log-ins revocable; `limit_counters` holds
the rate limits when several server processes share them (LIMITS_STORE=database).
`conversations.outcome` (migration 0003_staff_console) lets staff filter calls by what they
did; `staff_actions` records what staff did for callers. `call_places` (0004) holds the calls
LiveKit may be running, so every token server and worker counts them together.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
TZ = sa.DateTime(timezone=True)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("contact_number", sa.String(20), nullable=False, unique=True),
    sa.Column("name", sa.String(255)),
    sa.Column("created_at", TZ, nullable=False),
)

appointments = sa.Table(
    "appointments",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("code", sa.String(8), nullable=False, unique=True),
    sa.Column("date", sa.Date(), nullable=False),
    sa.Column("time", sa.Time(), nullable=False),
    sa.Column("slot", sa.String(50), nullable=False),
    sa.Column("status", sa.String(20), nullable=False, server_default="booked"),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("updated_at", TZ, nullable=False),
    sa.CheckConstraint("status IN ('booked', 'cancelled', 'completed')", name="status"),
    sa.Index("ix_appointments_user_id", "user_id"),
    sa.Index("ix_appointments_date_time", "date", "time"),
    sa.Index("ix_appointments_status", "status"),
    # The double-booking guard: at most one *booked* appointment per slot.
    sa.Index(
        "uq_appointments_active_slot",
        "date",
        "time",
        unique=True,
        sqlite_where=sa.text("status = 'booked'"),
        postgresql_where=sa.text("status = 'booked'"),
    ),
)

conversations = sa.Table(
    "conversations",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL")),
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
    sa.Column("caller_identity", sa.String(255)),
    sa.Column("heartbeat_at", TZ),
    # the call's appointment actions, " booked cancelled " (domain/staff.py), for filtering
    sa.Column("outcome", sa.String(64)),
    sa.Index("ix_conversations_user_id", "user_id"),
    sa.Index("ix_conversations_room_name", "room_name"),
    sa.Index("ix_conversations_created_at", "created_at"),
    # the sweep for abandoned calls reads only the open ones
    sa.Index(
        "ix_conversations_open",
        "heartbeat_at",
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    ),
)

# What staff did on a caller's behalf from the console: who, when, what, how it went.
staff_actions = sa.Table(
    "staff_actions",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("at", TZ, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("outcome", sa.String(64), nullable=False),
    sa.Column("message", sa.Text()),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL")),
    sa.Column("appointment_id", sa.Uuid(), sa.ForeignKey("appointments.id", ondelete="SET NULL")),
    sa.Column("code", sa.String(8)),
    sa.Column("date", sa.Date()),
    sa.Column("time", sa.Time()),
    sa.Column("previous_date", sa.Date()),
    sa.Column("previous_time", sa.Time()),
    sa.Index("ix_staff_actions_at", "at"),
    sa.Index("ix_staff_actions_code", "code"),
)

staff_sessions = sa.Table(
    "staff_sessions",
    metadata,
    # SHA-256 of the session id the signed cookie carries (the id itself is never stored)
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("expires_at", TZ, nullable=False),
    sa.Column("revoked_at", TZ),
    sa.Index("ix_staff_sessions_expires_at", "expires_at"),
)

limit_counters = sa.Table(
    "limit_counters",
    metadata,
    sa.Column("key", sa.String(255), nullable=False),
    sa.Column("window_start", sa.BigInteger(), nullable=False),
    sa.Column("hits", sa.Integer(), nullable=False),
    sa.Column("expires_at", TZ, nullable=False),
    sa.PrimaryKeyConstraint("key", "window_start"),
    sa.Index("ix_limit_counters_expires_at", "expires_at"),
)

call_places = sa.Table(
    "call_places",
    metadata,
    sa.Column("room_name", sa.String(255), primary_key=True),
    # the client key /token counted the token against (an address, or an IPv6 /64); NULL for
    # a room the worker took without a token of ours
    sa.Column("client", sa.String(64)),
    sa.Column("expires_at", sa.Float(), nullable=False),
    sa.Column("call_until", sa.Float()),
)
