"""Booking contention: many concurrent callers racing for the same few slots.

500 clients (each a SchedulingService over its own SqlStore whose pool holds one connection)
race for the 70 slots of the next 10 weekdays on a PostgreSQL server this script starts (or on
a SQLite file with --sqlite). Every client loops: pick a random day that still has free slots,
ask available_slots, try to book a random free one; a clean SlotUnavailable means someone else
won that slot and the client tries again, until it holds a booking or every slot is gone.

Checks afterwards, by SQL: no (date, time) has more than one 'booked' row, exactly one booked
row per slot, at most one booking per client, and no exception other than SlotUnavailable.

Usage:
    python -m bench.contention                  # 500 clients, 70 slots, PostgreSQL
    python -m bench.contention --sqlite         # the same race on a SQLite file
    python -m bench.contention --quick          # 40 clients, 14 slots
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import tempfile
import time as _time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench import common
from voice_agent.adapters.storage import SqlStore, open_store
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.errors import SlotUnavailable
from voice_agent.services.scheduling import SchedulingService

NAME = "contention"
# Wednesday 25 November 2026, 10:00 in New York: the same "now" as the test suite.
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@dataclass
class Client:
    index: int
    store: SqlStore
    service: SchedulingService
    user_id: Any = None
    attempts: int = 0  # book() calls
    availability_queries: int = 0
    conflicts: int = 0  # clean SlotUnavailable from book()
    unclean_conflicts: int = 0  # SlotUnavailable whose message does not say so
    errors: Counter[str] = field(default_factory=Counter)  # anything else, by type
    booked: tuple[date, int, str] | None = None  # (day, hour, code)
    booked_after: float | None = None  # seconds after the start signal
    outcome: str = "pending"  # won | sold_out | gave_up
    latencies_ok: list[float] = field(default_factory=list)
    latencies_conflict: list[float] = field(default_factory=list)


def race_days(calendar: ClinicCalendar, n: int) -> list[date]:
    """The next n open days after today (clinic time)."""
    today = calendar.today(NOW)
    days: list[date] = []
    d = today + timedelta(days=1)
    while len(days) < n:
        if calendar.is_open_on(d):
            days.append(d)
        d += timedelta(days=1)
    return days


async def run_client(
    c: Client,
    days: list[date],
    go: asyncio.Event,
    t0: list[float],
    rng: random.Random,
    max_attempts: int,
    deadline: float,
) -> None:
    await go.wait()
    candidates = list(days)
    while True:
        if _time.monotonic() > deadline or c.attempts >= max_attempts:
            c.outcome = "gave_up"
            return
        if not candidates:
            c.outcome = "sold_out"
            return
        day = rng.choice(candidates)
        try:
            avail = await c.service.available_slots(day)
        except Exception as exc:  # counted, never expected
            c.errors[f"available_slots:{type(exc).__name__}"] += 1
            await asyncio.sleep(0.01)
            continue
        c.availability_queries += 1
        if not avail.free:
            candidates.remove(day)
            continue
        slot = rng.choice(avail.free)
        c.attempts += 1
        start = _time.perf_counter()
        try:
            appt = await c.service.book(c.user_id, day, slot.start)
        except SlotUnavailable as exc:
            c.latencies_conflict.append(_time.perf_counter() - start)
            c.conflicts += 1
            if "unavailable" not in str(exc):
                c.unclean_conflicts += 1
            continue
        except Exception as exc:
            c.errors[f"book:{type(exc).__name__}"] += 1
            await asyncio.sleep(0.01)
            continue
        c.latencies_ok.append(_time.perf_counter() - start)
        c.booked = (appt.day, appt.start.hour, appt.code)
        c.booked_after = _time.perf_counter() - t0[0]
        c.outcome = "won"
        return


async def verify(url: str, days: list[date], clients: list[Client]) -> dict[str, Any]:
    """Independent checks on a fresh connection."""
    store = await open_store(url, migrate=False, pool_size=1)
    try:
        async with store.engine.connect() as conn:
            doubles = (
                await conn.execute(
                    sa.text(
                        "SELECT date, time, count(*) AS n FROM appointments "
                        "WHERE status = 'booked' GROUP BY date, time HAVING count(*) > 1"
                    )
                )
            ).all()
            booked = int(
                (
                    await conn.execute(
                        sa.text("SELECT count(*) FROM appointments WHERE status = 'booked'")
                    )
                ).scalar_one()
            )
            distinct_slots = int(
                (
                    await conn.execute(
                        sa.text(
                            "SELECT count(*) FROM (SELECT DISTINCT date, time FROM appointments "
                            "WHERE status = 'booked') s"
                        )
                    )
                ).scalar_one()
            )
            max_per_user = (
                await conn.execute(
                    sa.text(
                        "SELECT coalesce(max(n), 0) FROM (SELECT user_id, count(*) AS n "
                        "FROM appointments WHERE status = 'booked' GROUP BY user_id) s"
                    )
                )
            ).scalar_one()
            codes = {
                r.code: str(r.user_id)
                for r in (
                    await conn.execute(
                        sa.text("SELECT code, user_id FROM appointments WHERE status = 'booked'")
                    )
                ).all()
            }
    finally:
        await store.close()
    winners = [c for c in clients if c.booked is not None]
    mismatched = [
        c.index
        for c in winners
        if codes.get(c.booked[2]) is None  # type: ignore[index]
        or codes[c.booked[2]].replace("-", "") != str(c.user_id).replace("-", "")  # type: ignore[index]
    ]
    slots = len(days) * 7
    return {
        "double_booked_slots": [f"{r.date} {r.time}" for r in doubles],
        "booked_rows": booked,
        "distinct_booked_slots": distinct_slots,
        "expected_booked": slots,
        "max_bookings_per_user": int(max_per_user),
        "winners_reported": len(winners),
        "winners_not_matching_rows": mismatched,
        "ok": not doubles
        and booked == slots == distinct_slots == len(winners)
        and int(max_per_user) <= 1
        and not mismatched,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = common.base_parser(__doc__.split("\n\n")[0])
    p.add_argument(
        "--clients", type=int, default=None, help="concurrent clients (default 500, quick 40)"
    )
    p.add_argument(
        "--days",
        type=int,
        default=None,
        help="weekdays raced for, 7 slots each (default 10, quick 2)",
    )
    p.add_argument(
        "--sqlite", action="store_true", help="race on a SQLite file instead of PostgreSQL"
    )
    p.add_argument("--max-attempts", type=int, default=500, help="per-client cap on book() calls")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds before clients give up")
    common.add_postgres_flags(p)
    args = p.parse_args(argv)
    args.clients = args.clients or (40 if args.quick else 500)
    args.days = args.days or (2 if args.quick else 10)
    return args


async def _run(args: argparse.Namespace, url: str, backend: str) -> dict[str, Any]:
    calendar = ClinicCalendar()
    clock = FixedClock(NOW)
    days = race_days(calendar, args.days)
    slots = sum(len(calendar.slots_for(d)) for d in days)
    quiet = args.quiet
    wall0 = _time.perf_counter()

    first = await open_store(url)  # migrates once
    await first.close()
    with common.Progress(f"opening {args.clients} stores (one connection each)", quiet=quiet):
        clients: list[Client] = []
        for i in range(args.clients):
            store = await open_store(url, migrate=False, pool_size=1)
            clients.append(Client(i, store, SchedulingService(store, calendar, clock)))
        sem = asyncio.Semaphore(50)

        async def warm(c: Client) -> None:
            async with sem:
                await c.store.ping()

        await asyncio.gather(*(warm(c) for c in clients))
    with common.Progress(f"registering {args.clients} callers", quiet=quiet):
        for c in clients:
            ident = await clients[0].service.identify(f"555{c.index:07d}", "Race Caller")
            assert ident.user is not None
            c.user_id = ident.user.id

    go = asyncio.Event()
    t0 = [0.0]
    deadline = _time.monotonic() + args.timeout
    tasks = [
        asyncio.create_task(
            run_client(
                c,
                days,
                go,
                t0,
                random.Random(args.seed * 1_000 + c.index),
                args.max_attempts,
                deadline,
            )
        )
        for c in clients
    ]
    await asyncio.sleep(0.05)  # every task parked on the start signal
    try:
        with common.Progress(f"race: {args.clients} clients, {slots} slots", quiet=quiet):
            t0[0] = _time.perf_counter()
            go.set()
            await asyncio.gather(*tasks)
            race_seconds = _time.perf_counter() - t0[0]
    finally:
        await asyncio.gather(*(c.store.close() for c in clients), return_exceptions=True)

    with common.Progress("verifying by SQL", quiet=quiet):
        checks = await verify(url, days, clients)

    winners = [c for c in clients if c.outcome == "won"]
    sell_out = max((c.booked_after or 0.0) for c in winners) if winners else float("nan")
    attempts = sum(c.attempts for c in clients)
    conflicts = sum(c.conflicts for c in clients)
    errors: Counter[str] = Counter()
    for c in clients:
        errors.update(c.errors)
    ok_lat = [x for c in clients for x in c.latencies_ok]
    conflict_lat = [x for c in clients for x in c.latencies_conflict]
    outcomes = Counter(c.outcome for c in clients)
    summary = {
        "slots": slots,
        "bookings": len(winners),
        "race_seconds": round(race_seconds, 3),
        "sell_out_seconds": round(sell_out, 3),
        "bookings_per_s": round(len(winners) / sell_out, 1) if winners and sell_out > 0 else None,
        "book_attempts": attempts,
        "book_attempts_per_s": round(attempts / race_seconds, 1) if race_seconds else None,
        "availability_queries": sum(c.availability_queries for c in clients),
        "slot_unavailable": conflicts,
        "slot_unavailable_unclean_message": sum(c.unclean_conflicts for c in clients),
        "other_exceptions": sum(errors.values()),
        "other_exceptions_by_type": dict(errors),
        "clients_won": outcomes["won"],
        "clients_sold_out": outcomes["sold_out"],
        "clients_gave_up": outcomes["gave_up"],
        "clients_with_a_conflict": sum(1 for c in clients if c.conflicts),
        "max_attempts_by_one_client": max((c.attempts for c in clients), default=0),
        "book_latency_success": common.summarize(ok_lat),
        "book_latency_conflict": common.summarize(conflict_lat),
    }
    return {
        "benchmark": NAME,
        "backend": backend,
        "config": {
            "clients": args.clients,
            "days": [d.isoformat() for d in days],
            "slots": slots,
            "connections_per_client": 1,
            "max_attempts": args.max_attempts,
            "timeout_s": args.timeout,
            "seed": args.seed,
            "quick": args.quick,
            "now": NOW.isoformat(),
            "client": "one asyncio task per client in one process; each its own SqlStore "
            "(pool_size=1), connections opened and pinged before the start signal",
        },
        "environment": common.environment(),
        "summary": summary,
        "checks": checks,
        "passed": bool(
            checks["ok"]
            and summary["other_exceptions"] == 0
            and summary["slot_unavailable_unclean_message"] == 0
            and summary["clients_gave_up"] == 0
        ),
        "wall_seconds": round(_time.perf_counter() - wall0, 1),
    }


def report(doc: dict[str, Any]) -> None:
    s, chk = doc["summary"], doc["checks"]
    ok, bad = s["book_latency_success"], s["book_latency_conflict"]
    rows = [
        ("backend", doc["backend"]),
        ("clients / slots", f"{doc['config']['clients']} / {s['slots']}"),
        ("bookings", s["bookings"]),
        ("sell-out time (s)", s["sell_out_seconds"]),
        ("bookings per second", s["bookings_per_s"]),
        ("book() attempts", s["book_attempts"]),
        ("book() attempts per second", s["book_attempts_per_s"]),
        ("available_slots() queries", s["availability_queries"]),
        ("clean SlotUnavailable", s["slot_unavailable"]),
        ("other exceptions (must be 0)", s["other_exceptions"]),
        (
            "clients won / sold out / gave up",
            f"{s['clients_won']} / {s['clients_sold_out']} / {s['clients_gave_up']}",
        ),
        ("clients that lost a race at least once", s["clients_with_a_conflict"]),
        ("book() ms p50/p99 (won)", f"{ok['p50_ms']:.2f} / {ok['p99_ms']:.2f}"),
        ("book() ms p50/p99 (SlotUnavailable)", f"{bad['p50_ms']:.2f} / {bad['p99_ms']:.2f}"),
        ("double-booked slots (SQL)", len(chk["double_booked_slots"])),
        ("booked rows (SQL) / expected", f"{chk['booked_rows']} / {chk['expected_booked']}"),
        ("max bookings per caller (SQL)", chk["max_bookings_per_user"]),
        ("verdict", "PASS" if doc["passed"] else "FAIL"),
    ]
    common.print_table(["metric", "value"], [(k, v) for k, v in rows], title="Booking contention")
    if s["other_exceptions_by_type"]:
        print("Other exceptions:", s["other_exceptions_by_type"])
    print(f"Wall time: {doc['wall_seconds']}s")


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    with contextlib.ExitStack() as stack:
        if args.sqlite:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-contention-")))
            url, backend = f"sqlite:///{tmp / 'contention.db'}", "sqlite"
        else:
            settings = {"max_connections": args.clients + 50, **dict(args.pg_setting)}
            with common.Progress("starting PostgreSQL", quiet=args.quiet):
                pg = stack.enter_context(common.postgres_server(settings, fsync=args.pg_fsync))
            url, backend = pg.create_database("contention"), "postgresql"
        doc = asyncio.run(_run(args, url, backend))
        if not args.sqlite:
            doc["postgresql"] = {
                "max_connections": pg.show("max_connections"),
                "fsync": pg.show("fsync"),
                "synchronous_commit": pg.show("synchronous_commit"),
            }
    return common.publish(NAME, doc, report=report, path=args.json)


if __name__ == "__main__":
    main()
