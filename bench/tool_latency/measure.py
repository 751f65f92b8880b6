"""The measured operations: the real SchedulingService over SqlStore, timed per operation,
with the statements each one executes; and EXPLAIN ANALYZE of their queries on PostgreSQL."""

from __future__ import annotations

import contextlib
import random
import time as _time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from bench.tool_latency.dataset import NOW, Dataset, person_name
from voice_agent.adapters.storage import SqlStore
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.services.scheduling import SchedulingService

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


async def raw_select1(
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


def count_statements(backend: Backend) -> None:
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
