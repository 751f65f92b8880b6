"""Engine creation and the SQL implementations of the domain's repository ports."""

from __future__ import annotations

import asyncio
import dataclasses
import errno
import hashlib
import logging
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, time
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from voice_agent.adapters.logging_filters import RAISED
from voice_agent.adapters.storage import statements as q
from voice_agent.adapters.storage.faults import (
    UNAVAILABLE,
    classify_database_error,
    classify_os_error,
    is_refused_connection,
    is_storage_fault,
)
from voice_agent.adapters.storage.migrate import upgrade
from voice_agent.adapters.storage.tables import (
    appointments,
    call_places,
    conversations,
    limit_counters,
    staff_actions,
    staff_sessions,
    users,
)
from voice_agent.domain.errors import (
    AppointmentNotFound,
    SlotUnavailable,
    StorageUnavailable,
    UserNotFound,
)
from voice_agent.domain.models import (
    Appointment,
    AppointmentStatus,
    Conversation,
    User,
    changes_from_json,
)
from voice_agent.domain.names import UNKNOWN_NAME
from voice_agent.domain.ports import (
    APPOINTMENT_INACTIVE,
    APPOINTMENT_UNKNOWN,
    SLOT_TAKEN,
    USER_UNKNOWN,
    CallPlace,
    DuplicateCode,
    PlacesUpdate,
)
from voice_agent.domain.staff import (
    CallOutcome,
    CallPage,
    CallQuery,
    StaffAction,
    StaffActionKind,
    call_outcomes,
)

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def async_url(url: str) -> str:
    """Map plain URLs (as Supabase and libpq print them) to the async drivers we use."""
    if url.startswith(("postgres://", "postgresql://")):
        scheme, rest = url.split("://", 1)
        parts = urlsplit("postgresql+asyncpg://" + rest)
        query = dict(parse_qsl(parts.query))
        if "sslmode" in query:  # libpq spelling -> asyncpg spelling
            query["ssl"] = query.pop("sslmode")
        return urlunsplit(parts._replace(query=urlencode(query)))
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url[len("sqlite:///") :]
    return url


def create_engine(url: str, *, pool_size: int = 5) -> AsyncEngine:
    real = async_url(url)
    parsed = make_url(real)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            create_private_file(Path(parsed.database))
        # hide_parameters: no caller's phone or name in SQLAlchemy's logs or error strings
        engine = create_async_engine(real, connect_args={"timeout": 30}, hide_parameters=True)
        _configure_sqlite(engine)
        return engine
    return create_async_engine(
        real,
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=1800,
        # Supabase's pooler (pgbouncer, transaction mode) cannot keep prepared statements.
        connect_args={"statement_cache_size": 0},
    )


PRIVATE_FILE_MODE = 0o600
"""A new SQLite file (callers' names, numbers, transcripts) is readable by its owner only."""


def create_private_file(path: Path) -> None:
    """Create the SQLite file ``path`` (and its folder) readable by its owner only, unless it
    exists; SQLite gives its -wal and -shm files the database file's mode.

    Left to SQLite, the file took the process's umask (usually 0644): every other account on
    the machine could read the callers' names, numbers and transcripts. An existing file
    keeps the mode its owner gave it.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only working directory, a file in the way...
        error = classify_os_error(exc, folder, what="the database folder")
        elsewhere = "name another file in DATABASE_URL (or --database)"
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):  # said "unavailable (File exists)"
            blocking = next((p for p in (folder, *folder.parents) if p.is_file()), folder)
            error.detail["reason"] = f"{blocking.resolve()} is a file, not a folder"
            error.detail["advice"] = f"move that file, or {elsewhere}"
        elif not error.advice:
            error.detail["advice"] = f"the folder cannot be made there: {elsewhere}"
        raise error from None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    except OSError:
        return  # a read-only folder: SQLite's own open says what is wrong, as before
    os.close(fd)  # an empty file is an empty SQLite database


def _lower(value: object) -> object:
    """SQL ``lower()`` as Python's: every script's letters, not A to Z only."""
    return value.lower() if isinstance(value, str) else value


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions are unreliable).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # SQLite's own lower() changes only A to Z: a search for "émile", or any Cyrillic or
        # Greek name, found nobody (users.find_by_name)
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Not on an autocommit connection: SQLAlchemy never commits it, so a BEGIN here would
        # leave its statement to the rollback on return to the pool.
        if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            conn.exec_driver_sql("BEGIN")


def _guarded(
    *, retry: bool
) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Coroutine[Any, Any, R]]]:
    """Translate connection-level failures into the domain's StorageUnavailable.

    There is no pre-ping on checkout (it cost ~0.45 ms per call, bench/tool_latency.py), so
    a pooled connection may turn out dead after a database restart: SQLAlchemy then
    invalidates the pool, and reads (``retry``) are tried once more on a fresh connection.
    Writes are not repeated, since a dropped connection may have committed them. A read-only
    file, a full disk or a permission problem becomes its own type, naming the database.
    """

    def decorate(fn: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
        @wraps(fn)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            attempts = 2 if retry else 1
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except IntegrityError:
                    raise
                except SATimeoutError:
                    # every pooled connection is busy for longer than the pool's timeout
                    logger.warning("database pool exhausted")
                    raise StorageUnavailable(UNAVAILABLE) from None
                except DBAPIError as exc:
                    if exc.connection_invalidated and attempt + 1 < attempts:
                        continue
                    if not (
                        isinstance(exc, OperationalError | InterfaceError)
                        or exc.connection_invalidated
                        or is_storage_fault(exc)
                    ):
                        raise
                    raise _unavailable(args[0], exc) from None
                except (OSError, ConnectionError) as exc:
                    raise _unavailable(args[0], exc) from None
            raise AssertionError("unreachable")

        return wrapper

    return decorate


def _unavailable(owner: object, exc: BaseException) -> StorageUnavailable:
    engine: AsyncEngine | None = getattr(owner, "_engine", None) or getattr(owner, "engine", None)
    error = (
        classify_database_error(exc, engine.url)
        if engine is not None
        else StorageUnavailable(UNAVAILABLE)
    )
    log_storage_error(error, exc)
    return error


def log_storage_error(error: StorageUnavailable, exc: BaseException) -> None:
    logger.warning(
        "database unavailable: %s",
        error.operator_message,
        extra={"error": type(exc).__name__, "kind": error.kind, RAISED: True},
    )


_reads = _guarded(retry=True)
_writes = _guarded(retry=False)


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _user(row: Any) -> User:
    return User(
        id=row.id,
        phone=row.contact_number,
        name=row.name,
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
    )


def _appointment(row: Any) -> Appointment:
    return Appointment(
        id=row.id,
        code=row.code,
        user_id=row.user_id,
        day=row.date,
        start=row.time,
        slot=row.slot,
        status=AppointmentStatus(row.status),
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
        updated_at=_aware(row.updated_at),  # type: ignore[arg-type]
    )


def _conversation(row: Any) -> Conversation:
    return Conversation(
        id=row.id,
        room_name=row.room_name,
        started_at=_aware(row.created_at),  # type: ignore[arg-type]
        user_id=row.user_id,
        summary=row.summary,
        appointments_discussed=changes_from_json(row.appointments_discussed or []),
        preferences_mentioned=list(row.preferences_mentioned or []),
        transcript=list(row.transcript or []),
        cost_breakdown=row.cost_breakdown,
        duration_seconds=row.duration_seconds,
        ended_at=_aware(row.ended_at),
        end_reason=row.end_reason,
        caller_identity=row.caller_identity,
        heartbeat_at=_aware(row.heartbeat_at),
    )


class _Repo:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # Every read and every write here is ONE statement, and a statement is atomic on its
        # own: run without a transaction around it, it is one round trip to the server instead
        # of three (BEGIN, the statement, COMMIT or ROLLBACK). A write that fails (a taken
        # slot, a duplicate code) changes nothing, exactly as a rolled-back transaction.
        self._reader = engine.execution_options(isolation_level="AUTOCOMMIT")

    @asynccontextmanager
    async def _statement(self) -> AsyncIterator[AsyncConnection]:
        """A connection for one write statement, committed as it runs (see ``_reader``).
        Two statements that must stand or fall together need ``engine.begin()`` instead."""
        async with self._reader.connect() as conn:
            yield conn

    async def _first(self, query: sa.Executable, params: dict[str, Any] | None = None) -> Any:
        """The first row of a read, or None."""
        async with self._reader.connect() as conn:
            return (await conn.execute(query, params)).first()

    async def _all(self, query: sa.Executable, params: dict[str, Any] | None = None) -> list[Any]:
        """Every row of a read."""
        async with self._reader.connect() as conn:
            return list(await conn.execute(query, params))

    async def _write(self, statement: sa.Executable, params: dict[str, Any]) -> Any:
        """The first row a write returns, or None; committed as it runs (see ``_reader``)."""
        async with self._statement() as conn:
            return (await conn.execute(statement, params)).first()


class SqlUserRepository(_Repo):
    @_reads
    async def get(self, user_id: UUID) -> User | None:
        row = await self._first(sa.select(users).where(users.c.id == user_id))
        return _user(row) if row else None

    @_reads
    async def get_by_phone(self, phone: str) -> User | None:
        row = await self._first(q.USER_BY_PHONE, {"p_phone": phone})
        return _user(row) if row else None

    @_reads
    async def get_by_phone_with_active(
        self, phone: str, *, from_day: date
    ) -> tuple[User, list[Appointment]] | None:
        rows = await self._all(q.USER_WITH_ACTIVE, {"p_phone": phone, "p_from_day": from_day})
        if not rows:
            return None
        first = rows[0]
        user = User(
            id=first.user_id,
            phone=first.contact_number,
            name=first.name,
            created_at=_aware(first.user_created_at),  # type: ignore[arg-type]
        )
        return user, [_appointment(r) for r in rows if r.id is not None]

    @_writes
    async def add(self, user: User) -> User:
        row = {"id": user.id, "contact_number": user.phone, "name": user.name}
        try:
            async with self._statement() as conn:
                await conn.execute(users.insert().values(**row, created_at=_utc(user.created_at)))
            return user
        except IntegrityError:
            existing = await self.get_by_phone(user.phone)
            if existing is None:
                raise
            return existing

    @_writes
    async def rename(self, user_id: UUID, name: str) -> User | None:
        row = await self._write(
            users.update().where(users.c.id == user_id).values(name=name).returning(*users.c), {}
        )
        return _user(row) if row is not None else None

    @_reads
    async def find_by_name(self, words: Sequence[str], *, limit: int) -> list[User]:
        name = sa.func.lower(users.c.name)
        query = sa.select(users).where(
            *(name.contains(word.lower(), autoescape=True) for word in words)
        )
        rows = await self._all(query.order_by(users.c.name, users.c.contact_number).limit(limit))
        return [_user(row) for row in rows]

    @_reads
    async def without_name(self, *, limit: int) -> list[User]:
        query = sa.select(users).where(
            sa.or_(
                users.c.name.is_(None),
                sa.func.trim(users.c.name) == "",
                users.c.name == UNKNOWN_NAME,
            )
        )
        rows = await self._all(
            query.order_by(users.c.created_at.desc(), users.c.contact_number).limit(limit)
        )
        return [_user(row) for row in rows]


class SqlAppointmentRepository(_Repo):
    @_writes
    async def add(self, appointment: Appointment) -> None:
        row = {
            "id": appointment.id,
            "user_id": appointment.user_id,
            "code": appointment.code,
            "date": appointment.day,
            "time": appointment.start,
            "slot": appointment.slot,
            "status": appointment.status.value,
            "created_at": _utc(appointment.created_at),
            "updated_at": _utc(appointment.updated_at),
        }
        try:
            async with self._statement() as conn:
                await conn.execute(q.INSERT_APPOINTMENT, row)
        except IntegrityError as exc:
            raise _classify(exc) from None

    @_writes
    async def add_within(
        self, appointment: Appointment, *, later_than: tuple[date, time], max_upcoming: int
    ) -> bool:
        after_day, after_time = later_than
        params: dict[str, Any] = {
            "v_id": appointment.id,
            "v_user_id": appointment.user_id,
            "v_code": appointment.code,
            "v_date": appointment.day,
            "v_time": appointment.start,
            "v_slot": appointment.slot,
            "v_status": appointment.status.value,
            "v_created_at": _utc(appointment.created_at),
            "v_updated_at": _utc(appointment.updated_at),
            "p_user_id": appointment.user_id,
            "p_after_day": after_day,
            "p_after_time": after_time,
            "p_max": max_upcoming,
        }
        try:
            if self._engine.dialect.name == "postgresql":
                # READ COMMITTED reads the count before another call's insert commits: the
                # caller's row, locked first, makes the bookings of one caller wait in turn
                async with self._engine.begin() as conn:
                    await conn.execute(q.LOCK_USER, {"p_user_id": appointment.user_id})
                    row = (await conn.execute(q.INSERT_APPOINTMENT_WITHIN, params)).first()
            else:  # one write statement: SQLite holds its write lock from the count on
                row = await self._write(q.INSERT_APPOINTMENT_WITHIN, params)
        except IntegrityError as exc:
            raise _classify(exc) from None
        return row is not None

    @_reads
    async def get_by_code(self, code: str) -> Appointment | None:
        row = await self._first(sa.select(appointments).where(appointments.c.code == code))
        return _appointment(row) if row else None

    @_reads
    async def booked_starts(self, day: date) -> set[time]:
        rows = await self._all(q.BOOKED_STARTS, {"p_day": day})
        return {r.time for r in rows}

    @_reads
    async def list_for_user(self, user_id: UUID) -> list[Appointment]:
        rows = await self._all(q.ALL_FOR_USER, {"p_user_id": user_id})
        return [_appointment(r) for r in rows]

    @_reads
    async def active_for_user(self, user_id: UUID, *, from_day: date) -> list[Appointment]:
        rows = await self._all(q.ACTIVE_FOR_USER, {"p_user_id": user_id, "p_from_day": from_day})
        return [_appointment(r) for r in rows]

    @_writes
    async def reschedule(
        self, appointment_id: UUID, *, day: date, start: time, slot: str, at: datetime
    ) -> Appointment:
        # One UPDATE: the row either moves into the free slot or stays where it was.
        try:
            async with self._statement() as conn:
                result = await conn.execute(
                    appointments.update()
                    .where(
                        appointments.c.id == appointment_id,
                        appointments.c.status == AppointmentStatus.BOOKED.value,
                    )
                    .values(date=day, time=start, slot=slot, updated_at=_utc(at))
                    .returning(*appointments.c)
                )
                row = result.first()
        except IntegrityError as exc:
            raise _classify(exc) from None
        if row is None:
            raise AppointmentNotFound(APPOINTMENT_INACTIVE)
        return _appointment(row)

    @_writes
    async def set_status(
        self, appointment_id: UUID, status: AppointmentStatus, *, at: datetime
    ) -> Appointment:
        async with self._statement() as conn:
            row = (
                await conn.execute(
                    appointments.update()
                    .where(appointments.c.id == appointment_id)
                    .values(status=status.value, updated_at=_utc(at))
                    .returning(*appointments.c)
                )
            ).first()
        if row is None:
            raise AppointmentNotFound(APPOINTMENT_UNKNOWN)
        return _appointment(row)

    @staticmethod
    def _owned(user_id: UUID, code: str, later_than: tuple[date, time]) -> dict[str, Any]:
        day, start = later_than
        return {"p_user_id": user_id, "p_code": code, "p_after_day": day, "p_after_time": start}

    @_writes
    async def cancel_owned(
        self, user_id: UUID, code: str, *, later_than: tuple[date, time], at: datetime
    ) -> Appointment | None:
        row = await self._write(
            q.CANCEL_OWNED, {**self._owned(user_id, code, later_than), "p_at": _utc(at)}
        )
        return _appointment(row) if row is not None else None

    @_writes
    async def reschedule_owned(
        self,
        user_id: UUID,
        code: str,
        *,
        later_than: tuple[date, time],
        day: date,
        start: time,
        slot: str,
        at: datetime,
    ) -> tuple[Appointment, Appointment] | None:
        params = {
            **self._owned(user_id, code, later_than),
            "p_day": day,
            "p_time": start,
            "p_slot": slot,
            "p_at": _utc(at),
        }
        try:
            if self._engine.dialect.name == "postgresql":
                row = await self._write(q.RESCHEDULE_OWNED_RETURNING_OLD, params)
                if row is None:
                    return None
                after = _appointment(row)
                before = dataclasses.replace(
                    after,
                    day=row.was_date,
                    start=row.was_time,
                    slot=row.was_slot,
                    updated_at=_aware(row.was_updated_at),  # type: ignore[arg-type]
                )
                return before, after
            # SQLite (see statements.MOVABLE): a local file has no round trip to save.
            found = await self._first(q.MOVABLE, params)
            if found is None:
                return None
            row = await self._write(
                q.MOVE_IF_UNCHANGED,
                {**params, "p_id": found.id, "p_was_day": found.date, "p_was_time": found.time},
            )
            return (_appointment(found), _appointment(row)) if row is not None else None
        except IntegrityError as exc:
            raise _classify(exc) from None

    @_reads
    async def list_between(self, first: date, last: date) -> list[tuple[Appointment, User]]:
        rows = await self._all(
            sa.select(
                appointments,
                users.c.contact_number,
                users.c.name,
                users.c.created_at.label("user_created_at"),
            )
            .join(users, users.c.id == appointments.c.user_id)
            .where(appointments.c.date >= first, appointments.c.date <= last)
            .order_by(appointments.c.date, appointments.c.time, appointments.c.updated_at)
        )
        return [
            (
                _appointment(r),
                User(
                    id=r.user_id,
                    phone=r.contact_number,
                    name=r.name,
                    created_at=_aware(r.user_created_at),  # type: ignore[arg-type]
                ),
            )
            for r in rows
        ]


class SqlConversationRepository(_Repo):
    @_writes
    async def save(self, conversation: Conversation) -> None:
        now = datetime.now(UTC)
        values = {
            "id": conversation.id,
            "user_id": conversation.user_id,
            "room_name": conversation.room_name,
            "summary": conversation.summary,
            "appointments_discussed": [c.to_json() for c in conversation.appointments_discussed],
            "preferences_mentioned": conversation.preferences_mentioned,
            "transcript": conversation.transcript,
            "cost_breakdown": conversation.cost_breakdown,
            "duration_seconds": conversation.duration_seconds,
            "created_at": _utc(conversation.started_at),
            "updated_at": now,
            "ended_at": _utc(conversation.ended_at) if conversation.ended_at else None,
            "end_reason": conversation.end_reason,
            "outcome": call_outcomes(conversation.appointments_discussed),
            "caller_identity": conversation.caller_identity,
            "heartbeat_at": _utc(conversation.heartbeat_at) if conversation.heartbeat_at else None,
        }
        insert = (
            postgresql.insert(conversations)
            if self._engine.dialect.name == "postgresql"
            else sqlite.insert(conversations)
        )
        stmt = insert.values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[conversations.c.id],
            set_={k: stmt.excluded[k] for k in values if k not in ("id", "created_at")},
            # an open call's save never reopens an ended row; a final save always wins
            where=sa.or_(conversations.c.ended_at.is_(None), stmt.excluded.ended_at.isnot(None)),
        )
        async with self._statement() as conn:
            await conn.execute(stmt)

    @_reads
    async def get(self, conversation_id: UUID) -> Conversation | None:
        row = await self._first(
            sa.select(conversations).where(conversations.c.id == conversation_id)
        )
        return _conversation(row) if row else None

    @_reads
    async def latest_for_room(self, room_name: str) -> Conversation | None:
        row = await self._first(
            sa.select(conversations)
            .where(conversations.c.room_name == room_name)
            .order_by(conversations.c.created_at.desc())
            .limit(1)
        )
        return _conversation(row) if row else None

    @_reads
    async def recent(self, limit: int = 20) -> list[Conversation]:
        rows = await self._all(
            sa.select(conversations).order_by(conversations.c.created_at.desc()).limit(limit)
        )
        return [_conversation(r) for r in rows]

    @_reads
    async def search(self, query: CallQuery) -> CallPage:
        joined = conversations.outerjoin(users, users.c.id == conversations.c.user_id)
        where: list[sa.ColumnElement[bool]] = []
        if query.started_from is not None:
            where.append(conversations.c.created_at >= _utc(query.started_from))
        if query.started_before is not None:
            where.append(conversations.c.created_at < _utc(query.started_before))
        if query.phone_digits:
            where.append(users.c.contact_number.contains(query.phone_digits, autoescape=True))
        if query.outcome is CallOutcome.UNFINISHED:
            where.append(conversations.c.ended_at.is_(None))
        elif query.outcome is CallOutcome.NO_CHANGE:
            where.append(conversations.c.outcome == " ")
            where.append(conversations.c.ended_at.is_not(None))
        elif query.outcome is not None:
            where.append(conversations.c.outcome.contains(f" {query.outcome.value} "))
        total_query = sa.select(sa.func.count()).select_from(joined).where(*where)
        page_query = (
            sa.select(conversations)
            .select_from(joined)
            .where(*where)
            .order_by(conversations.c.created_at.desc(), conversations.c.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        async with self._engine.connect() as conn:
            total = (await conn.execute(total_query)).scalar_one()
            rows = list(await conn.execute(page_query))
        return CallPage(items=[_conversation(r) for r in rows], total=int(total))

    @staticmethod
    def _stale(cutoff: datetime) -> sa.ColumnElement[bool]:
        last_seen = sa.func.coalesce(conversations.c.heartbeat_at, conversations.c.created_at)
        return sa.and_(conversations.c.ended_at.is_(None), last_seen < _utc(cutoff))

    @_reads
    async def stale_open(self, cutoff: datetime, *, limit: int) -> list[Conversation]:
        rows = await self._all(
            sa.select(conversations)
            .where(self._stale(cutoff))
            .order_by(conversations.c.created_at)
            .limit(limit)
        )
        return [_conversation(r) for r in rows]

    @_writes
    async def delete_ended_before(self, cutoff: datetime) -> int:
        async with self._statement() as conn:
            result = await conn.execute(
                conversations.delete().where(
                    # a call that ended before the cutoff started before it: the index on
                    # created_at keeps the sweep (every minute in serve) off the whole table
                    conversations.c.created_at < _utc(cutoff),
                    conversations.c.ended_at.is_not(None),
                    conversations.c.ended_at < _utc(cutoff),
                )
            )
        return int(result.rowcount or 0)

    @_writes
    async def close_abandoned(self, conversation: Conversation, *, cutoff: datetime) -> bool:
        async with self._statement() as conn:
            result = await conn.execute(
                conversations.update()
                .where(conversations.c.id == conversation.id, self._stale(cutoff))
                .values(
                    summary=conversation.summary,
                    ended_at=_utc(conversation.ended_at) if conversation.ended_at else None,
                    end_reason=conversation.end_reason,
                    duration_seconds=conversation.duration_seconds,
                    updated_at=datetime.now(UTC),
                )
            )
        return bool(result.rowcount == 1)


def _staff_action(row: Any) -> StaffAction:
    return StaffAction(
        id=row.id,
        at=_aware(row.at),  # type: ignore[arg-type]
        actor=row.actor,
        kind=StaffActionKind(row.kind),
        outcome=row.outcome,
        message=row.message,
        user_id=row.user_id,
        appointment_id=row.appointment_id,
        code=row.code,
        day=row.date,
        start=row.time,
        previous_day=row.previous_date,
        previous_start=row.previous_time,
        name=row.name,
        previous_name=row.previous_name,
    )


def _staff_action_values(action: StaffAction) -> dict[str, Any]:
    return {
        "outcome": action.outcome,
        "message": action.message,
        "user_id": action.user_id,
        "appointment_id": action.appointment_id,
        "code": action.code,
        "date": action.day,
        "time": action.start,
        "previous_date": action.previous_day,
        "previous_time": action.previous_start,
        "name": action.name,
        "previous_name": action.previous_name,
    }


class SqlStaffActionRepository(_Repo):
    @_writes
    async def add(self, action: StaffAction) -> None:
        async with self._statement() as conn:
            await conn.execute(
                staff_actions.insert().values(
                    id=action.id,
                    at=_utc(action.at),
                    actor=action.actor,
                    kind=action.kind.value,
                    **_staff_action_values(action),
                )
            )

    @_writes
    async def settle(self, action: StaffAction) -> None:
        async with self._statement() as conn:
            await conn.execute(
                staff_actions.update()
                .where(staff_actions.c.id == action.id)
                .values(**_staff_action_values(action))
            )

    @_reads
    async def recent(self, limit: int = 50, *, code: str | None = None) -> list[StaffAction]:
        query = sa.select(staff_actions).order_by(staff_actions.c.at.desc()).limit(limit)
        if code is not None:
            query = query.where(staff_actions.c.code == code)
        return [_staff_action(r) for r in await self._all(query)]


def _session_key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


class SqlStaffSessionRepository(_Repo):
    @_writes
    async def add(self, session_id: str, *, created_at: datetime, expires_at: datetime) -> None:
        async with self._statement() as conn:
            await conn.execute(
                staff_sessions.insert().values(
                    id=_session_key(session_id),
                    created_at=_utc(created_at),
                    expires_at=_utc(expires_at),
                )
            )

    @_reads
    async def is_active(self, session_id: str, *, now: datetime) -> bool:
        row = await self._first(
            sa.select(staff_sessions.c.id).where(
                staff_sessions.c.id == _session_key(session_id),
                staff_sessions.c.revoked_at.is_(None),
                staff_sessions.c.expires_at > _utc(now),
            )
        )
        return row is not None

    @_writes
    async def revoke(self, session_id: str, *, at: datetime) -> bool:
        async with self._statement() as conn:
            result = await conn.execute(
                staff_sessions.update()
                .where(
                    staff_sessions.c.id == _session_key(session_id),
                    staff_sessions.c.revoked_at.is_(None),
                    staff_sessions.c.expires_at > _utc(at),
                )
                .values(revoked_at=_utc(at))
            )
        return bool(result.rowcount)

    @_writes
    async def purge(self, *, now: datetime) -> int:
        async with self._statement() as conn:
            result = await conn.execute(
                staff_sessions.delete().where(staff_sessions.c.expires_at <= _utc(now))
            )
        return int(result.rowcount or 0)


class SqlLimitCounters(_Repo):
    """Fixed-window counters in one upsert per hit (``INSERT ... ON CONFLICT ... RETURNING``)."""

    @_writes
    async def add(self, key: str, *, window: int, now: float) -> int:
        start = int(now // window) * window
        insert = (
            postgresql.insert(limit_counters)
            if self._engine.dialect.name == "postgresql"
            else sqlite.insert(limit_counters)
        )
        stmt = insert.values(
            key=key,
            window_start=start,
            hits=1,
            expires_at=datetime.fromtimestamp(start + window, UTC),
        )
        upsert = stmt.on_conflict_do_update(
            index_elements=[limit_counters.c.key, limit_counters.c.window_start],
            set_={"hits": limit_counters.c.hits + 1},
        ).returning(limit_counters.c.hits)
        async with self._statement() as conn:
            return int((await conn.execute(upsert)).scalar_one())

    @_reads
    async def get(self, key: str, *, window: int, now: float) -> int:
        start = int(now // window) * window
        row = await self._first(
            sa.select(limit_counters.c.hits).where(
                limit_counters.c.key == key, limit_counters.c.window_start == start
            )
        )
        return int(row.hits) if row is not None else 0

    @_writes
    async def reset(self, key: str) -> None:
        async with self._statement() as conn:
            await conn.execute(limit_counters.delete().where(limit_counters.c.key == key))

    @_writes
    async def purge(self, *, now: float) -> int:
        async with self._statement() as conn:
            result = await conn.execute(
                limit_counters.delete().where(
                    limit_counters.c.expires_at <= datetime.fromtimestamp(now, UTC)
                )
            )
        return int(result.rowcount or 0)


_PLACES_LOCK = 0x76615F63616C6C73
"""The PostgreSQL advisory lock the call places are decided under (``"va_calls"``)."""


class SqlCallPlaces(_Repo):
    """The call places, decided on in one transaction that holds the database's write lock
    (SQLite) or an advisory lock (PostgreSQL) from the first read: two processes never both
    see room for one more call and both take it."""

    @_writes
    async def update(self, decide: Callable[[list[CallPlace]], tuple[PlacesUpdate, R]]) -> R:
        async with self._engine.begin() as conn:
            if self._engine.dialect.name == "postgresql":
                await conn.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PLACES_LOCK}
                )
            else:  # a write takes SQLite's write lock (waiting busy_timeout for it) before the read
                await conn.execute(call_places.delete().where(sa.false()))
            rows = await conn.execute(sa.select(call_places))
            places = [
                CallPlace(r.room_name, r.client, float(r.expires_at), _float(r.call_until))
                for r in rows
            ]
            update, answer = decide(places)
            gone = set(update.forget) | ({update.put.room_name} if update.put else set())
            if gone:
                await conn.execute(call_places.delete().where(call_places.c.room_name.in_(gone)))
            if update.put is not None:
                await conn.execute(call_places.insert().values(dataclasses.asdict(update.put)))
        return answer

    @_writes
    async def end_call(self, room_name: str) -> None:
        async with self._engine.begin() as conn:
            mine = call_places.c.room_name == room_name
            await conn.execute(call_places.delete().where(mine, call_places.c.client.is_(None)))
            await conn.execute(call_places.update().where(mine).values(call_until=None))


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _classify(exc: IntegrityError) -> Exception:
    text = str(exc.orig).lower()
    if "foreign key" in text or "fk_appointments_user_id_users" in text:
        return UserNotFound(USER_UNKNOWN)
    if "code" in text and ("appointments.code" in text or "uq_appointments_code" in text):
        return DuplicateCode()
    if "uq_appointments_active_slot" in text or "appointments.date, appointments.time" in text:
        return SlotUnavailable(SLOT_TAKEN)
    return exc


_PING = sa.text("SELECT 1")


class SqlStore:
    """The Store port over one async engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._ping_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._users = SqlUserRepository(engine)
        self._appointments = SqlAppointmentRepository(engine)
        self._conversations = SqlConversationRepository(engine)
        self._staff_actions = SqlStaffActionRepository(engine)
        self._staff_sessions = SqlStaffSessionRepository(engine)
        self._limit_counters = SqlLimitCounters(engine)
        self._call_places = SqlCallPlaces(engine)

    @property
    def users(self) -> SqlUserRepository:
        return self._users

    @property
    def appointments(self) -> SqlAppointmentRepository:
        return self._appointments

    @property
    def conversations(self) -> SqlConversationRepository:
        return self._conversations

    @property
    def staff_actions(self) -> SqlStaffActionRepository:
        return self._staff_actions

    @property
    def staff_sessions(self) -> SqlStaffSessionRepository:
        return self._staff_sessions

    @property
    def limit_counters(self) -> SqlLimitCounters:
        return self._limit_counters

    @property
    def call_places(self) -> SqlCallPlaces:
        return self._call_places

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @_reads
    async def ping(self) -> None:
        # autocommit, as the repositories' reads: one round trip, no BEGIN and ROLLBACK around it
        async with self._ping_engine.connect() as conn:
            await conn.execute(_PING)

    async def close(self) -> None:
        await self.engine.dispose()


async def _sqlite_threads_ended(before: set[threading.Thread]) -> None:
    """Wait for the aiosqlite threads started since ``before`` to end.

    When SQLite cannot open the file, aiosqlite stops its thread by a job whose result it
    hands back to the event loop without waiting for it; a command that then ends (and closes
    its loop) first made that thread print "RuntimeError: Event loop is closed" and its
    traceback under the command's error, about one run in twenty."""
    started = [
        t
        for t in threading.enumerate()
        if t not in before and "_connection_worker_thread" in t.name and t.is_alive()
    ]
    for thread in started:
        await asyncio.to_thread(thread.join, 2.0)


async def open_store(url: str, *, migrate: bool = True, pool_size: int = 5) -> SqlStore:
    """Open (and by default migrate) the database at ``url``."""
    engine = create_engine(url, pool_size=pool_size)
    if migrate:
        threads = set(threading.enumerate())
        try:
            await upgrade(engine)
        except (DBAPIError, OSError, ConnectionError) as exc:
            await engine.dispose()
            await _sqlite_threads_ended(threads)
            if isinstance(exc, DBAPIError) and not (
                isinstance(exc, OperationalError | InterfaceError)
                or is_storage_fault(exc)
                or is_refused_connection(exc)
            ):
                raise
            error = classify_database_error(exc, engine.url)
            log_storage_error(error, exc)
            raise error from None
    return SqlStore(engine)
