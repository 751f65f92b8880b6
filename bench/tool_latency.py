"""Tool latency at scale: every scheduling operation's p50/p99 on SQLite and PostgreSQL.

Loads the same synthetic clinic history (default 1,000,000 appointments for 100,000 users)
into a SQLite file and into a PostgreSQL 15 server this script starts itself, then drives the
real SchedulingService over SqlStore (the code path behind the agent's tools) and times each
operation, interleaving the two backends so both see the same machine noise.

Data shape (clinic calendar defaults: Mon-Fri, hourly slots 09:00-15:00, 90-day horizon):
past appointments over the last --years years, 80 % 'completed' / 20 % 'cancelled'
(the partial unique index only constrains 'booked' rows, so the past may hold many rows per
slot); in the future, about half of the slots 'booked' (at most one per slot, as the index
demands) plus some 'cancelled' rows; users drawn uniformly, so ~10 appointments each.

Usage:
    python bench/tool_latency.py                 # full run (1M appointments, 2000 ops/kind)
    python bench/tool_latency.py --quick         # 20k appointments, 2k users, 50 ops/kind
    python bench/tool_latency.py --backends postgresql --ops 500 --json /tmp/t.json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import random
import sqlite3
import sys
import tempfile
import time as _time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

from voice_agent.adapters.storage import SqlStore, open_store  # noqa: E402
from voice_agent.domain.calendar import ClinicCalendar  # noqa: E402
from voice_agent.domain.clock import FixedClock  # noqa: E402
from voice_agent.domain.codes import ALPHABET, CODE_LENGTH  # noqa: E402
from voice_agent.services.scheduling import SchedulingService  # noqa: E402

NAME = "tool_latency"
# Wednesday 25 November 2026, 10:00 in New York: the same "now" as the test suite.
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
TARGET_P99_MS = 5.0
TARGET_BACKEND = "postgresql"
BACKENDS = ("sqlite", "postgresql")

# The operations, in the order each measured iteration runs them.
OPERATIONS = (
    "identify_existing",  # known caller: lookup by phone + their upcoming appointments
    "identify_unknown",  # unknown caller who has not given a name yet: lookup miss
    "identify_register",  # unknown caller with a name: lookup miss + INSERT user
    "available_slots",  # free slots of one future weekday
    "appointments",  # all of a user's appointments, newest first (~10 rows)
    "upcoming",  # a user's active future appointments
    "book",  # book a free slot (checks the user exists, INSERT)
    "reschedule",  # move that appointment to another free slot (lookup by code, UPDATE)
    "cancel",  # cancel it (lookup by code, UPDATE)
)
# Reference rows (not operations, not part of the target): the floor of the stack and of the
# machine at the moment of measuring, taken in the same loop as the operations.
REFERENCES = (
    "ref_store_ping",  # SqlStore.ping(): pool checkout (+pre-ping), SELECT 1, return
    "ref_driver_select1",  # SELECT 1 on a raw driver connection (asyncpg / aiosqlite)
)

# Secondary indexes dropped before the bulk load and re-created afterwards from the
# database's own DDL (constraint indexes -- primary keys, unique code/phone -- stay).
SECONDARY_INDEXES = (
    "ix_appointments_user_id",
    "ix_appointments_date_time",
    "ix_appointments_status",
    "uq_appointments_active_slot",
)

STATUS_NAMES = ("booked", "cancelled", "completed")
FIRST_NAMES = (
    "Ann",
    "Ben",
    "Carla",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
)
LAST_NAMES = (
    "Lee",
    "Garcia",
    "Okafor",
    "Nguyen",
    "Smith",
    "Kowalski",
    "Haddad",
    "Ito",
    "Silva",
    "Brown",
    "Moreau",
    "Patel",
    "O'Neil",
    "Schmidt",
    "Rossi",
    "Kim",
    "Novak",
    "Diaz",
)


def person_name(i: int) -> str:
    first = FIRST_NAMES[i % len(FIRST_NAMES)]
    last = LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"


BOOKED, CANCELLED, COMPLETED = 0, 1, 2


# --- the synthetic data set -------------------------------------------------------------------
@dataclass
class Dataset:
    """Column arrays for users and appointments (numpy), expanded to rows chunk by chunk."""

    user_ids: list[uuid.UUID]
    user_phones: list[str]  # E.164
    user_created: np.ndarray  # epoch seconds
    slots: list[tuple[date, int]]  # slot table: (day, hour); index = slot id
    slot_start: np.ndarray  # epoch seconds of each slot's start (clinic time zone)
    appt_ids: np.ndarray  # (n, 16) uint8
    appt_user: np.ndarray  # user index
    appt_slot: np.ndarray  # slot index
    appt_status: np.ndarray  # BOOKED / CANCELLED / COMPLETED
    appt_codes: np.ndarray  # dtype S8
    appt_created: np.ndarray  # epoch seconds
    appt_updated: np.ndarray  # epoch seconds
    future_free: set[tuple[date, int]] = field(default_factory=set)
    unknown_phones: list[str] = field(default_factory=list)
    first_future: int = 0  # slot index of the first future slot

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    @property
    def n_appointments(self) -> int:
        return len(self.appt_user)

    def shape(self) -> dict[str, Any]:
        counts = np.bincount(self.appt_status, minlength=3)
        per_user = np.bincount(self.appt_user, minlength=self.n_users)
        future = self.appt_slot >= self.first_future
        booked_future = int(np.count_nonzero(future & (self.appt_status == BOOKED)))
        return {
            "users": self.n_users,
            "appointments": self.n_appointments,
            "by_status": {STATUS_NAMES[i]: int(counts[i]) for i in range(3)},
            "future_rows": int(np.count_nonzero(future)),
            "future_booked_slots": booked_future,
            "future_free_slots": len(self.future_free),
            "first_day": min(d for d, _ in self.slots).isoformat(),
            "last_day": max(d for d, _ in self.slots).isoformat(),
            "appointments_per_user": {
                "mean": round(float(per_user.mean()), 2),
                "max": int(per_user.max()),
                "users_without_any": int(np.count_nonzero(per_user == 0)),
            },
        }


def _weekday_slots(calendar: ClinicCalendar, first: date, last: date) -> list[tuple[date, int]]:
    out = []
    day = first
    while day <= last:
        for start in calendar.slot_starts(day) if calendar.is_open_on(day) else []:
            out.append((day, start.hour))
        day += timedelta(days=1)
    return out


def _unique_codes(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct 8-character codes from the product's alphabet (numpy, fast)."""
    alphabet = np.frombuffer(ALPHABET.encode(), dtype=np.uint8)
    codes = np.empty(0, dtype=f"S{CODE_LENGTH}")
    while len(codes) < n:
        need = n - len(codes) + 16
        raw = alphabet[rng.integers(0, len(alphabet), size=(need, CODE_LENGTH))]
        fresh = raw.view(f"S{CODE_LENGTH}").ravel()
        codes = np.unique(np.concatenate([codes, fresh]))  # sorted + distinct
    rng.shuffle(codes)
    return codes[:n]


def _uuid4_bytes(rng: np.random.Generator, n: int) -> np.ndarray:
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw


def _phones(rng: np.random.Generator, n: int, exclude: set[int] | None = None) -> list[int]:
    """n distinct 10-digit US national numbers (area code and exchange start with 2-9)."""
    out: set[int] = set()
    exclude = exclude or set()
    while len(out) < n:
        area = rng.integers(200, 1000, size=n)
        exchange = rng.integers(200, 1000, size=n)
        line = rng.integers(0, 10000, size=n)
        for value in (area * 10_000_000 + exchange * 10_000 + line).tolist():
            if value not in exclude:
                out.add(value)
                if len(out) == n:
                    break
    return sorted(out, key=lambda _: rng.random())


def generate(
    *, users: int, appointments: int, years: float, seed: int, calendar: ClinicCalendar
) -> Dataset:
    rng = np.random.default_rng(seed)
    today = calendar.today(NOW)
    past = _weekday_slots(
        calendar, today - timedelta(days=round(365.25 * years)), today - timedelta(days=1)
    )
    future = _weekday_slots(
        calendar, today + timedelta(days=1), today + timedelta(days=calendar.booking_horizon_days)
    )
    slots = past + future
    slot_start = np.array(
        [datetime.combine(d, time(h), tzinfo=calendar.timezone).timestamp() for d, h in slots],
        dtype=np.int64,
    )
    first_future = len(past)

    # Future: about half of the slots booked (one row each), plus cancelled rows on ~30 %.
    n_future = len(future)
    booked_mask = rng.random(n_future) < 0.5
    cancelled_mask = rng.random(n_future) < 0.3
    future_slot = (
        np.concatenate([np.nonzero(booked_mask)[0], np.nonzero(cancelled_mask)[0]]).astype(np.int64)
        + first_future
    )
    future_status = np.concatenate(
        [np.full(int(booked_mask.sum()), BOOKED), np.full(int(cancelled_mask.sum()), CANCELLED)]
    )
    n_past = appointments - len(future_slot)
    if n_past < 0:
        raise ValueError("too few appointments for the future part of the data set")
    past_slot = rng.integers(0, len(past), size=n_past)
    past_status = np.where(rng.random(n_past) < 0.8, COMPLETED, CANCELLED)

    appt_slot = np.concatenate([past_slot, future_slot])
    appt_status = np.concatenate([past_status, future_status]).astype(np.int8)
    order = rng.permutation(appointments)  # mix past and future in insertion order
    appt_slot, appt_status = appt_slot[order], appt_status[order]
    appt_user = rng.integers(0, users, size=appointments).astype(np.int64)

    start = slot_start[appt_slot]
    created = start - rng.integers(3_600, 45 * 86_400, size=appointments)
    updated = np.where(
        appt_status == COMPLETED,
        start + 3_600,
        np.where(
            appt_status == CANCELLED, created + rng.integers(60, 86_400, size=appointments), created
        ),
    )
    created = np.minimum(created, int(NOW.timestamp()))
    updated = np.minimum(np.maximum(updated, created), int(NOW.timestamp()))

    phones = _phones(rng, users)
    unknown = _phones(rng, 10_000, exclude=set(phones))
    user_bytes = _uuid4_bytes(rng, users)
    user_created = int(NOW.timestamp()) - rng.integers(
        86_400, int(years * 365 * 86_400) + 86_400, size=users
    )

    free = {future[i] for i in range(n_future) if not booked_mask[i]}
    ds = Dataset(
        user_ids=[uuid.UUID(bytes=b.tobytes()) for b in user_bytes],
        user_phones=[f"+1{p}" for p in phones],
        user_created=user_created,
        slots=slots,
        slot_start=slot_start,
        appt_ids=_uuid4_bytes(rng, appointments),
        appt_user=appt_user,
        appt_slot=appt_slot,
        appt_status=appt_status,
        appt_codes=_unique_codes(rng, appointments),
        appt_created=created,
        appt_updated=updated,
        future_free=free,
        unknown_phones=[f"+1{p}" for p in unknown],
        first_future=first_future,
    )
    return ds


# --- rows for each backend -------------------------------------------------------------------
def _epoch_to_dt(values: np.ndarray) -> list[datetime]:
    fromts = datetime.fromtimestamp
    return [fromts(v, UTC) for v in values.tolist()]


def _epoch_to_sqlite(values: np.ndarray) -> list[str]:
    """SQLAlchemy's SQLite DATETIME storage format for naive UTC: 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    text = np.datetime_as_string(values.astype("datetime64[s]"), unit="s")
    return [s.replace("T", " ") + ".000000" for s in text.tolist()]


def user_rows(ds: Dataset, backend: str) -> list[tuple[Any, ...]]:
    names = [person_name(i) for i in range(ds.n_users)]
    if backend == "postgresql":
        return list(
            zip(ds.user_ids, ds.user_phones, names, _epoch_to_dt(ds.user_created), strict=True)
        )
    return list(
        zip(
            [u.hex for u in ds.user_ids],
            ds.user_phones,
            names,
            _epoch_to_sqlite(ds.user_created),
            strict=True,
        )
    )


def appointment_chunks(ds: Dataset, backend: str, chunk: int) -> Iterator[list[tuple[Any, ...]]]:
    """Rows in the column order of APPOINTMENT_COLUMNS, in the backend's native types."""
    pg = backend == "postgresql"
    if pg:
        slot_day = [d for d, _ in ds.slots]
        slot_time = [time(h) for _, h in ds.slots]
        user_key: list[Any] = ds.user_ids
    else:
        slot_day = [d.isoformat() for d, _ in ds.slots]
        slot_time = [f"{h:02d}:00:00.000000" for _, h in ds.slots]
        user_key = [u.hex for u in ds.user_ids]
    slot_label = [f"{h:02d}:00-{h + 1:02d}:00" for _, h in ds.slots]
    for lo in range(0, ds.n_appointments, chunk):
        hi = min(lo + chunk, ds.n_appointments)
        raw_ids = ds.appt_ids[lo:hi]
        if pg:
            ids: list[Any] = [uuid.UUID(bytes=b.tobytes()) for b in raw_ids]
            created: list[Any] = _epoch_to_dt(ds.appt_created[lo:hi])
            updated: list[Any] = _epoch_to_dt(ds.appt_updated[lo:hi])
        else:
            ids = [b.tobytes().hex() for b in raw_ids]
            created = _epoch_to_sqlite(ds.appt_created[lo:hi])
            updated = _epoch_to_sqlite(ds.appt_updated[lo:hi])
        codes = [c.decode() for c in ds.appt_codes[lo:hi].tolist()]
        users = ds.appt_user[lo:hi].tolist()
        slots = ds.appt_slot[lo:hi].tolist()
        statuses = ds.appt_status[lo:hi].tolist()
        yield [
            (
                ids[i],
                user_key[users[i]],
                codes[i],
                slot_day[slots[i]],
                slot_time[slots[i]],
                slot_label[slots[i]],
                STATUS_NAMES[statuses[i]],
                created[i],
                updated[i],
            )
            for i in range(hi - lo)
        ]


USER_COLUMNS = ("id", "contact_number", "name", "created_at")
APPOINTMENT_COLUMNS = (
    "id",
    "user_id",
    "code",
    "date",
    "time",
    "slot",
    "status",
    "created_at",
    "updated_at",
)


# --- bulk loading ---------------------------------------------------------------------------
async def _migrate(url: str) -> None:
    store = await open_store(url)
    await store.close()


def load_sqlite(path: Path, ds: Dataset, chunk: int, progress: common.Progress) -> dict[str, Any]:
    """executemany in one big transaction with the sync sqlite3 module, indexes built after."""
    t0 = _time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # no WAL growth while loading
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-1048576")  # 1 GiB page cache for the load
        ddl = {
            name: sql
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='appointments'"
            )
            if name in SECONDARY_INDEXES
        }
        assert set(ddl) == set(SECONDARY_INDEXES), ddl
        for name in ddl:
            conn.execute(f'DROP INDEX "{name}"')
        conn.execute("BEGIN")
        conn.executemany(
            f"INSERT INTO users ({', '.join(USER_COLUMNS)}) VALUES (?, ?, ?, ?)",
            user_rows(ds, "sqlite"),
        )
        insert = (
            f"INSERT INTO appointments ({', '.join(APPOINTMENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(APPOINTMENT_COLUMNS))})"
        )
        done = 0
        for rows in appointment_chunks(ds, "sqlite", chunk):
            conn.executemany(insert, rows)
            done += len(rows)
            progress.say(f"sqlite {done:,}/{ds.n_appointments:,} appointments")
        conn.execute("COMMIT")
        t_rows = _time.perf_counter() - t0
        for sql in ddl.values():
            conn.execute(sql)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA journal_mode=WAL")  # what the application's connections use
        t_total = _time.perf_counter() - t0
    finally:
        conn.close()
    return {
        "seconds": round(t_total, 2),
        "rows_seconds": round(t_rows, 2),
        "index_and_analyze_seconds": round(t_total - t_rows, 2),
        "method": "sqlite3 executemany in one transaction (journal_mode=DELETE, synchronous=OFF), "
        "secondary indexes dropped and re-created, ANALYZE",
        "file_bytes": path.stat().st_size,
    }


async def load_postgres(
    url: str, ds: Dataset, chunk: int, progress: common.Progress
) -> dict[str, Any]:
    """COPY (asyncpg copy_records_to_table), FK trigger off, indexes built after, VACUUM ANALYZE."""
    import asyncpg

    t0 = _time.perf_counter()
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'appointments'"
        )
        ddl = {r["indexname"]: r["indexdef"] for r in rows if r["indexname"] in SECONDARY_INDEXES}
        assert set(ddl) == set(SECONDARY_INDEXES), ddl
        await conn.execute("SET maintenance_work_mem = '512MB'")
        async with conn.transaction():
            # Superuser-only bulk-load switch: skip the per-row FK trigger (data is consistent
            # by construction); constraint indexes (pk, unique code) are still maintained.
            await conn.execute("SET LOCAL session_replication_role = replica")
            for name in ddl:
                await conn.execute(f'DROP INDEX "{name}"')
            await conn.copy_records_to_table(
                "users", records=user_rows(ds, "postgresql"), columns=list(USER_COLUMNS)
            )
            done = 0
            for batch in appointment_chunks(ds, "postgresql", chunk):
                await conn.copy_records_to_table(
                    "appointments", records=batch, columns=list(APPOINTMENT_COLUMNS)
                )
                done += len(batch)
                progress.say(f"postgresql {done:,}/{ds.n_appointments:,} appointments")
            t_rows = _time.perf_counter() - t0
            for sql in ddl.values():
                await conn.execute(sql)
        await conn.execute("VACUUM ANALYZE users")
        await conn.execute("VACUUM ANALYZE appointments")
        t_total = _time.perf_counter() - t0
        size = await conn.fetchval("SELECT pg_database_size(current_database())")
    finally:
        await conn.close()
    return {
        "seconds": round(t_total, 2),
        "rows_seconds": round(t_rows, 2),
        "index_and_analyze_seconds": round(t_total - t_rows, 2),
        "method": "asyncpg copy_records_to_table in one transaction, FK trigger off "
        "(session_replication_role=replica), secondary indexes dropped and re-created, "
        "VACUUM ANALYZE",
        "database_bytes": int(size),
    }


# --- measuring ------------------------------------------------------------------------------
def _national(e164: str) -> str:
    """How a caller might type it: '(212) 555-0123'."""
    d = e164[2:]
    return f"({d[:3]}) {d[3:6]}-{d[6:]}"


@dataclass
class Backend:
    name: str
    store: SqlStore
    service: SchedulingService
    free: set[tuple[date, int]]  # future slots with no booked row, tracked exactly
    raw_select1: Callable[[], Awaitable[Any]] | None = None
    samples: dict[str, list[float]] = field(
        default_factory=lambda: {op: [] for op in OPERATIONS + REFERENCES}
    )
    statements: dict[str, int] = field(
        default_factory=lambda: {op: 0 for op in OPERATIONS + REFERENCES}
    )
    executed: int = 0


class Workload:
    """Pre-drawn arguments for every iteration, shared by the backends (same calls on each)."""

    def __init__(self, ds: Dataset, iterations: int, seed: int, calendar: ClinicCalendar) -> None:
        rng = random.Random(seed)
        self.rng = rng
        have = np.nonzero(np.bincount(ds.appt_user, minlength=ds.n_users) > 0)[0].tolist()
        today = calendar.today(NOW)
        days = [
            today + timedelta(days=i)
            for i in range(1, calendar.booking_horizon_days + 1)
            if calendar.is_open_on(today + timedelta(days=i))
        ]
        self.known: list[tuple[uuid.UUID, str]] = []
        self.unknown: list[str] = []
        self.register: list[tuple[str, str]] = []
        self.days: list[str] = []
        spare = list(ds.unknown_phones)
        rng.shuffle(spare)
        # Half of the spare numbers stay unknown, the other half get registered.
        half = len(spare) // 2
        for i in range(iterations):
            u = rng.choice(have)
            self.known.append((ds.user_ids[u], _national(ds.user_phones[u])))
            self.unknown.append(_national(spare[i % half]))
            self.register.append((_national(spare[half + i]), person_name(i * 7 + 3)))
            self.days.append(rng.choice(days).isoformat())


async def _timed(
    backend: Backend, op: str, call: Callable[[], Awaitable[Any]], record: bool
) -> Any:
    before = backend.executed
    t0 = _time.perf_counter()
    result = await call()
    elapsed = _time.perf_counter() - t0
    if record:
        backend.samples[op].append(elapsed)
        backend.statements[op] += backend.executed - before
    return result


async def run_iteration(backend: Backend, work: Workload, i: int, record: bool) -> None:
    svc = backend.service
    user_id, phone = work.known[i]
    ident = await _timed(backend, "identify_existing", lambda: svc.identify(phone), record)
    assert ident.user is not None and ident.user.id == user_id, "known caller not found"
    miss = await _timed(backend, "identify_unknown", lambda: svc.identify(work.unknown[i]), record)
    assert miss.user is None
    new_phone, new_name = work.register[i]
    reg = await _timed(
        backend, "identify_register", lambda: svc.identify(new_phone, new_name), record
    )
    assert reg.created
    avail = await _timed(
        backend, "available_slots", lambda: svc.available_slots(work.days[i]), record
    )
    assert avail.total == 7
    await _timed(backend, "appointments", lambda: svc.appointments(user_id), record)
    await _timed(backend, "upcoming", lambda: svc.upcoming(user_id), record)

    # Write cycle: book a free slot, move it to another free slot, cancel it. The set of
    # booked slots is the same before and after, so any number of iterations fits.
    rng = random.Random(i)  # same slots on every backend
    first = rng.choice(sorted(backend.free))
    backend.free.discard(first)
    booked = await _timed(
        backend,
        "book",
        lambda: svc.book(user_id, first[0].isoformat(), f"{first[1]:02d}:00"),
        record,
    )
    second = rng.choice(sorted(backend.free))
    backend.free.discard(second)
    moved = await _timed(
        backend,
        "reschedule",
        lambda: svc.reschedule(user_id, booked.code, second[0].isoformat(), f"{second[1]:02d}:00"),
        record,
    )
    assert (moved.after.day, moved.after.start.hour) == second
    backend.free.add(first)
    cancelled = await _timed(backend, "cancel", lambda: svc.cancel(user_id, booked.code), record)
    assert cancelled.status.value == "cancelled"
    backend.free.add(second)

    await _timed(backend, "ref_store_ping", backend.store.ping, record)
    if backend.raw_select1 is not None:
        await _timed(backend, "ref_driver_select1", backend.raw_select1, record)


async def _raw_select1(
    name: str, url: str, stack: contextlib.AsyncExitStack
) -> Callable[[], Awaitable[Any]]:
    if name == "postgresql":
        import asyncpg

        conn = await asyncpg.connect(url)
        stack.push_async_callback(conn.close)
        return lambda: conn.fetchval("SELECT 1")
    import aiosqlite

    db = await aiosqlite.connect(url.removeprefix("sqlite:///"))
    stack.push_async_callback(db.close)

    async def select1() -> Any:
        async with db.execute("SELECT 1") as cur:
            return await cur.fetchone()

    return select1


def _count_statements(backend: Backend) -> None:
    from sqlalchemy import event

    @event.listens_for(backend.store.engine.sync_engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        backend.executed += 1


# --- EXPLAIN ANALYZE of the operations' queries on PostgreSQL -------------------------------
EXPLAIN_QUERIES = {
    "users.get_by_phone": "SELECT * FROM users WHERE contact_number = $1",
    "users.get": "SELECT * FROM users WHERE id = $1",
    "appointments.list_for_user": (
        "SELECT * FROM appointments WHERE user_id = $1 ORDER BY date DESC, time DESC"
    ),
    "appointments.booked_starts": ("SELECT time FROM appointments WHERE date = $1 AND status = $2"),
    "appointments.get_by_code": "SELECT * FROM appointments WHERE code = $1",
}


async def explain_postgres(url: str, ds: Dataset, work: Workload) -> dict[str, Any]:
    import asyncpg

    user_id, _ = work.known[0]
    day = date.fromisoformat(work.days[0])
    code = ds.appt_codes[0].decode()
    params: dict[str, tuple[Any, ...]] = {
        "users.get_by_phone": (ds.user_phones[0],),
        "users.get": (user_id,),
        "appointments.list_for_user": (user_id,),
        "appointments.booked_starts": (day, "booked"),
        "appointments.get_by_code": (code,),
    }
    conn = await asyncpg.connect(url)
    out: dict[str, Any] = {}
    try:
        for name, sql in EXPLAIN_QUERIES.items():
            rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *params[name])
            lines = [r[0] for r in rows]
            out[name] = {
                "sql": sql,
                "plan": lines[0].strip(),
                "execution_ms": next(
                    (
                        float(x.split(":")[1].split()[0])
                        for x in lines
                        if x.startswith("Execution Time")
                    ),
                    None,
                ),
                "full": lines,
            }
    finally:
        await conn.close()
    return out


# --- main -----------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = common.base_parser(__doc__.split("\n\n")[0])
    p.add_argument(
        "--appointments", type=int, default=None, help="default 1,000,000 (quick: 20,000)"
    )
    p.add_argument("--users", type=int, default=None, help="default 100,000 (quick: 2,000)")
    p.add_argument(
        "--ops",
        type=int,
        default=None,
        help="measured operations per kind (default 2000, quick: 50)",
    )
    p.add_argument(
        "--warmup", type=int, default=None, help="warm-up iterations (default 200, quick: 10)"
    )
    p.add_argument("--years", type=float, default=5.0, help="years of history (default 5)")
    p.add_argument("--backends", default=",".join(BACKENDS), help="comma list: sqlite,postgresql")
    p.add_argument("--chunk", type=int, default=100_000, help="rows per load batch")
    common.add_postgres_flags(p)
    p.add_argument(
        "--workdir", default=None, help="where the SQLite file goes (default: a temp dir)"
    )
    p.add_argument("--no-explain", action="store_true", help="skip EXPLAIN ANALYZE on PostgreSQL")
    args = p.parse_args(argv)
    quick = args.quick
    args.appointments = args.appointments or (20_000 if quick else 1_000_000)
    args.users = args.users or (2_000 if quick else 100_000)
    args.ops = args.ops or (50 if quick else 2_000)
    args.warmup = args.warmup if args.warmup is not None else (10 if quick else 200)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(args.backends) - set(BACKENDS)
    if unknown:
        p.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    return args


async def _run(
    args: argparse.Namespace, pg: common.BenchPostgres | None, workdir: Path
) -> dict[str, Any]:
    calendar = ClinicCalendar()
    quiet = args.quiet
    wall0 = _time.perf_counter()

    with common.Progress("generating data", quiet=quiet) as gen:
        ds = generate(
            users=args.users,
            appointments=args.appointments,
            years=args.years,
            seed=args.seed,
            calendar=calendar,
        )
    shape = ds.shape()
    iterations = args.warmup + args.ops
    if iterations > len(ds.unknown_phones) // 2:
        raise SystemExit(f"at most {len(ds.unknown_phones) // 2} iterations (warm-up + ops)")
    work = Workload(ds, iterations, args.seed, calendar)

    urls: dict[str, str] = {}
    load: dict[str, Any] = {"generate_seconds": round(gen.elapsed, 2)}
    if "sqlite" in args.backends:
        path = workdir / "tool_latency.db"
        urls["sqlite"] = f"sqlite:///{path}"
        await _migrate(urls["sqlite"])
        with common.Progress("loading SQLite", quiet=quiet) as prog:
            load["sqlite"] = load_sqlite(path, ds, args.chunk, prog)
    if "postgresql" in args.backends:
        assert pg is not None
        urls["postgresql"] = pg.create_database("bench")
        await _migrate(urls["postgresql"])
        with common.Progress("loading PostgreSQL", quiet=quiet) as prog:
            load["postgresql"] = await load_postgres(urls["postgresql"], ds, args.chunk, prog)

    explain = None
    if pg is not None and not args.no_explain:
        explain = await explain_postgres(urls["postgresql"], ds, work)

    backends: list[Backend] = []
    raw = contextlib.AsyncExitStack()
    for name in args.backends:
        store = await open_store(urls[name], migrate=False)
        svc = SchedulingService(store, calendar, FixedClock(NOW))
        b = Backend(
            name=name,
            store=store,
            service=svc,
            free=set(ds.future_free),
            raw_select1=await _raw_select1(name, urls[name], raw),
        )
        _count_statements(b)
        backends.append(b)
    del ds  # the measurement runs without a million row objects for the GC to walk
    gc.collect()
    gc.freeze()

    loadavg_before = [round(x, 2) for x in os.getloadavg()]
    try:
        with common.Progress(f"measuring {args.ops} x {len(OPERATIONS)} ops", quiet=quiet) as prog:
            for i in range(iterations):
                record = i >= args.warmup
                for b in backends:
                    await run_iteration(b, work, i, record)
                if (i + 1) % 250 == 0:
                    prog.say(f"iteration {i + 1}/{iterations}")
    finally:
        for b in backends:
            await b.store.close()
        await raw.aclose()
        gc.unfreeze()

    results = {
        b.name: {
            op: {
                **common.summarize(b.samples[op]),
                "statements_per_op": round(b.statements[op] / max(1, len(b.samples[op])), 2),
            }
            for op in OPERATIONS + REFERENCES
        }
        for b in backends
    }
    target: dict[str, Any] = {"backend": TARGET_BACKEND, "p99_ms": TARGET_P99_MS}
    if TARGET_BACKEND in results:
        pg_ops = {op: results[TARGET_BACKEND][op] for op in OPERATIONS}
        misses = [op for op, r in pg_ops.items() if not r["p99_ms"] < TARGET_P99_MS]
        target.update(
            met=not misses, misses=misses, worst_p99_ms=max(r["p99_ms"] for r in pg_ops.values())
        )
    else:
        target.update(met=None, misses=[], note="PostgreSQL not measured")

    postgres_info = None
    if pg is not None:
        postgres_info = {
            "version": pg.show("server_version"),
            "fsync": pg.show("fsync"),
            "synchronous_commit": pg.show("synchronous_commit"),
            "shared_buffers": pg.show("shared_buffers"),
            "extra_settings": pg.settings,
        }
    return {
        "benchmark": NAME,
        "config": {
            "appointments": args.appointments,
            "users": args.users,
            "ops_per_kind": args.ops,
            "warmup_iterations": args.warmup,
            "years": args.years,
            "backends": args.backends,
            "seed": args.seed,
            "quick": args.quick,
            "now": NOW.isoformat(),
            "pool_size": 5,
            "client": "one asyncio task, operations issued back to back",
        },
        "environment": {**common.environment(), "loadavg_before_measuring": loadavg_before},
        "postgresql": postgres_info,
        "data_shape": shape,
        "load": load,
        "operations": list(OPERATIONS),
        "references": list(REFERENCES),
        "results": results,
        "target": target,
        "explain": explain,
        "wall_seconds": round(_time.perf_counter() - wall0, 1),
    }


def report(doc: dict[str, Any]) -> None:
    results = doc["results"]
    names = list(results)
    headers = ["operation"]
    for n in names:
        short = "pg" if n == "postgresql" else n
        headers += [f"{short} p50", f"{short} p99", f"{short} mean", f"{short} ops/s"]
    rows = []
    for op in doc["operations"] + doc["references"]:
        row: list[Any] = [op]
        for n in names:
            r = results[n][op]
            row += [r["p50_ms"], r["p99_ms"], r["mean_ms"], r["ops_per_s"]]
        rows.append(row)
    cfg = doc["config"]
    common.print_table(
        headers,
        rows,
        title=f"Tool latency (ms) -- {cfg['appointments']:,} appointments, {cfg['users']:,} users, "
        f"{cfg['ops_per_kind']:,} ops per kind",
    )
    load = doc["load"]
    parts = [f"generate {load['generate_seconds']}s"]
    for n in names:
        parts.append(
            f"{n} load {load[n]['seconds']}s (rows {load[n]['rows_seconds']}s + indexes "
            f"{load[n]['index_and_analyze_seconds']}s)"
        )
    print("Load: " + "; ".join(parts))
    t = doc["target"]
    if t.get("met") is not None:
        verdict = "MET" if t["met"] else "MISSED by " + ", ".join(t["misses"])
        print(
            f"Target p99 < {t['p99_ms']} ms on PostgreSQL: {verdict} "
            f"(worst p99 {t['worst_p99_ms']} ms)"
        )
    print(f"Wall time: {doc['wall_seconds']}s")


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    settings = dict(args.pg_setting)
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(
            tempfile.TemporaryDirectory(prefix="bench-tool-latency-", dir=args.workdir)
        )
        pg = None
        if "postgresql" in args.backends:
            with common.Progress("starting PostgreSQL", quiet=args.quiet):
                pg = stack.enter_context(common.postgres_server(settings, fsync=args.pg_fsync))
        doc = asyncio.run(_run(args, pg, Path(tmp)))
    report(doc)
    path = common.write_json(NAME, doc, args.json)
    print(f"JSON: {path}")
    return doc


if __name__ == "__main__":
    main()
