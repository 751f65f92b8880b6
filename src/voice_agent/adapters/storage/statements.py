"""The statements of the agent's tool calls, built once at import with named parameters.

SQLAlchemy compiles a statement once and caches the SQL, but a statement built per call is
still a tree of Python objects to construct and to hash into its cache key on every call:
about as much client CPU as the round trip itself on a local server (measured with cProfile,
bench/README.md "Tool latency"). A statement built here is hashed once (SQLAlchemy memoises the
key on the object) and each call only binds values. Parameter names avoid the tables' column
names, which SQLAlchemy keeps for the SET clause of an UPDATE.

The repositories in ``database.py`` run these; everything else there (staff console, call
records) is built per call, where a few hundred microseconds do not matter.
"""

from __future__ import annotations

import sqlalchemy as sa

from voice_agent.adapters.storage.tables import appointments, users
from voice_agent.domain.models import AppointmentStatus

a = appointments
BOOKED = AppointmentStatus.BOOKED.value
CANCELLED = AppointmentStatus.CANCELLED.value

USER_BY_PHONE = sa.select(users).where(users.c.contact_number == sa.bindparam("p_phone"))

# The caller and their active appointments from a day on, in one round trip (an outer join:
# a caller with none comes back as one row whose appointment columns are all NULL).
USER_WITH_ACTIVE = (
    sa.select(
        users.c.id.label("user_id"),
        users.c.contact_number,
        users.c.name,
        users.c.created_at.label("user_created_at"),
        *(c for c in a.c if c.name != "user_id"),
    )
    .select_from(
        users.outerjoin(
            a,
            sa.and_(
                a.c.user_id == users.c.id,
                a.c.status == BOOKED,
                a.c.date >= sa.bindparam("p_from_day"),
            ),
        )
    )
    .where(users.c.contact_number == sa.bindparam("p_phone"))
    .order_by(a.c.date, a.c.time)
)

BOOKED_STARTS = sa.select(a.c.time).where(a.c.date == sa.bindparam("p_day"), a.c.status == BOOKED)

ALL_FOR_USER = (
    sa.select(a)
    .where(a.c.user_id == sa.bindparam("p_user_id"))
    .order_by(a.c.date.desc(), a.c.time.desc())
)

ACTIVE_FOR_USER = (
    sa.select(a)
    .where(
        a.c.user_id == sa.bindparam("p_user_id"),
        a.c.status == BOOKED,
        a.c.date >= sa.bindparam("p_from_day"),
    )
    .order_by(a.c.date, a.c.time)
)

INSERT_APPOINTMENT = a.insert()

# A booking only while its caller holds fewer than p_max booked appointments that have not
# started (after p_after_day at p_after_time): one statement, so SQLite decides it under its
# write lock; PostgreSQL runs it after locking the caller's row (``add_within``).
_UPCOMING = sa.and_(
    a.c.user_id == sa.bindparam("p_user_id"),
    a.c.status == BOOKED,
    sa.or_(
        a.c.date > sa.bindparam("p_after_day"),
        sa.and_(a.c.date == sa.bindparam("p_after_day"), a.c.time > sa.bindparam("p_after_time")),
    ),
)
INSERTED = ("id", "user_id", "code", "date", "time", "slot", "status", "created_at", "updated_at")
INSERT_APPOINTMENT_WITHIN = (
    a.insert()
    .from_select(
        list(INSERTED),
        sa.select(*(sa.bindparam(f"v_{c}", type_=a.c[c].type) for c in INSERTED)).where(
            sa.select(sa.func.count()).select_from(a).where(_UPCOMING).scalar_subquery()
            < sa.bindparam("p_max")
        ),
    )
    .returning(a.c.id)
)
LOCK_USER = sa.select(users.c.id).where(users.c.id == sa.bindparam("p_user_id")).with_for_update()

# One of the caller's own booked appointments, by code, that has not started yet.
_OWNED = sa.and_(
    a.c.code == sa.bindparam("p_code"),
    a.c.user_id == sa.bindparam("p_user_id"),
    a.c.status == BOOKED,
    sa.or_(
        a.c.date > sa.bindparam("p_after_day"),
        sa.and_(a.c.date == sa.bindparam("p_after_day"), a.c.time > sa.bindparam("p_after_time")),
    ),
)

CANCEL_OWNED = (
    a.update()
    .where(_OWNED)
    .values(status=CANCELLED, updated_at=sa.bindparam("p_at"))
    .returning(*a.c)
)

# The caller's appointment, not already at the new slot.
_MOVABLE = sa.and_(
    _OWNED, sa.not_(sa.and_(a.c.date == sa.bindparam("p_day"), a.c.time == sa.bindparam("p_time")))
)
_MOVE: dict[str, sa.BindParameter[object]] = {
    "date": sa.bindparam("p_day"),
    "time": sa.bindparam("p_time"),
    "slot": sa.bindparam("p_slot"),
    "updated_at": sa.bindparam("p_at"),
}

# PostgreSQL: one statement, the row as it was beside the row as it is now. The status is
# checked again on the row itself: a cancel that commits first is seen here (the subquery's
# row is the one read before it).
_WAS = (
    sa.select(a.c.id, a.c.date, a.c.time, a.c.slot, a.c.updated_at).where(_MOVABLE).subquery("was")
)
RESCHEDULE_OWNED_RETURNING_OLD = (
    a.update()
    .where(a.c.id == _WAS.c.id, a.c.status == BOOKED)
    .values(**_MOVE)
    .returning(
        *a.c,
        _WAS.c.date.label("was_date"),
        _WAS.c.time.label("was_time"),
        _WAS.c.slot.label("was_slot"),
        _WAS.c.updated_at.label("was_updated_at"),
    )
)

# SQLite's RETURNING cannot name another table: read the row, then move it only if it is
# still where it was read.
MOVABLE = sa.select(a).where(_MOVABLE)
MOVE_IF_UNCHANGED = (
    a.update()
    .where(
        a.c.id == sa.bindparam("p_id"),
        a.c.status == BOOKED,
        a.c.date == sa.bindparam("p_was_day"),
        a.c.time == sa.bindparam("p_was_time"),
    )
    .values(**_MOVE)
    .returning(*a.c)
)
