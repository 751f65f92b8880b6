"""Tool latency through the agent's tool functions, with 1, 8 and 32 concurrent clients.

Each client is one caller's conversation as the model drives it: a ``ReceptionistAgent`` (the
product's agent, tools and JSON results) with its own ``CallState``, calling the tool
functions themselves (``agent.identify_user(context, ...)``, the ``@function_tool`` wrappers the
framework calls), over one ``SchedulingService`` and ``SqlStore`` per backend (the pool the
application opens: 5 connections + 10 overflow). A client's cycle: ``identify_user`` (a known
caller, the next of the client's 50), ``fetch_available_slots``, ``get_user_appointments``,
``book_appointment`` into a free slot, ``modify_appointment`` to another,
``cancel_appointment`` (so the booked set is the same after every cycle; each client has its
own free slots, so clients never race for one), then the baseline ``ref_store_ping`` (pool
checkout + ``SELECT 1``) in the same loop. Data: the tool_latency data set (1M appointments,
100k users by default), loaded into each backend.

The clients run in up to ``--processes`` processes (8: one per client up to 8, as the LiveKit
worker runs each call in a process of its own), each with its own ``SqlStore`` and pool, so
8 clients measure the database and the service rather than one client process's event loop
(``--processes 1`` puts every client in this process, the earlier layout).

By default a client calls its tools back to back, so 8 or 32 clients saturate both CPUs and
the percentiles measure queueing for the CPU as much as the service. ``--think-ms`` gives each
client a pause after every tool call (exponential, that mean), as a caller talks for seconds
between the model's tool calls: 8 clients at 50 ms still make far more tool calls per second
than 8 real calls would, without queueing behind each other.

Every figure is the median over ``--runs`` runs (3) of that run's percentile; each run is
``--seconds`` long after a warm-up; the 1-minute load average at the end of each run is printed
next to it. No ``gc.freeze()``: the process collects garbage as the application would.

    python -m bench.tool_latency.clients                       # 1M rows, SQLite + PostgreSQL
    python -m bench.tool_latency.clients --quick               # 20k rows, SQLite, 1 and 4 clients
    python -m bench.tool_latency.clients --backends postgresql --clients 8
    python -m bench.tool_latency.clients --backends postgresql --processes 1   # one client process
    python -m bench.tool_latency.clients --backends postgresql --think-ms 50   # paced clients
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import multiprocessing
import os
import queue
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bench import common
from bench.tool_latency.bulk_load import load_postgres, load_sqlite, migrate
from bench.tool_latency.dataset import NOW, Dataset, generate
from voice_agent.adapters.storage import open_store
from voice_agent.adapters.voice.agent import ReceptionistAgent
from voice_agent.adapters.voice.tools import CallState
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.services.scheduling import SchedulingService

NAME = "tool_clients"
TOOLS = (
    "identify_user",
    "fetch_available_slots",
    "get_user_appointments",
    "book_appointment",
    "modify_appointment",
    "cancel_appointment",
)
BASELINE = "ref_store_ping"
TARGET = {"backend": "postgresql", "clients": 8, "p99_ms": 5.0}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = common.base_parser(__doc__.splitlines()[0])
    p.add_argument("--clients", default=None, help="comma list (1,8,32; quick 1,4)")
    p.add_argument("--runs", type=int, default=None, help="runs per configuration (3)")
    p.add_argument(
        "--processes",
        type=int,
        default=8,
        help="client processes, at most one per client (8; 1: all clients in this process)",
    )
    p.add_argument("--seconds", type=float, default=None, help="per run (10; quick 1)")
    p.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="each client's mean pause after every tool call, exponential (0: back to back, "
        "which saturates the CPU and measures queueing; a caller pauses seconds)",
    )
    p.add_argument("--warmup", type=float, default=None, help="seconds before each run (2)")
    p.add_argument("--appointments", type=int, default=None, help="1,000,000 (quick 20,000)")
    p.add_argument("--users", type=int, default=None, help="100,000 (quick 2,000)")
    p.add_argument("--backends", default=None, help="sqlite,postgresql (quick: sqlite)")
    common.add_postgres_flags(p)
    args = p.parse_args(argv)
    q = args.quick
    args.clients = [int(x) for x in str(args.clients or ("1,4" if q else "1,8,32")).split(",")]
    args.runs = args.runs or (1 if q else 3)
    args.seconds = args.seconds or (1.0 if q else 10.0)
    args.warmup = args.warmup if args.warmup is not None else (0.3 if q else 2.0)
    args.appointments = args.appointments or (20_000 if q else 1_000_000)
    args.users = args.users or (2_000 if q else 100_000)
    args.backends = [
        b for b in str(args.backends or ("sqlite" if q else "sqlite,postgresql")).split(",") if b
    ]
    return args


class _Session:
    """The session's model, as ``identify_user`` reads it to decide how much of a name to
    hand back: none here, so the tools answer as they do to a cloud model."""

    llm: object = None


class _Context:
    """What the tools read from the framework's ``RunContext``: the call's state and the
    session (its model)."""

    def __init__(self) -> None:
        self.userdata = CallState()
        self.session = _Session()


@dataclass
class Client:
    agent: ReceptionistAgent
    phones: list[str]
    free: list[tuple[date, int]]
    context: _Context = field(default_factory=_Context)
    think_s: float = 0.0
    rng: random.Random = field(default_factory=random.Random)

    async def think(self) -> None:
        """A caller's pause between tool calls: exponential, mean ``think_s`` (0: none)."""
        if self.think_s > 0:
            await asyncio.sleep(self.rng.expovariate(1.0 / self.think_s))


async def _timed(
    samples: dict[str, list[float]], name: str, call: Awaitable[Any], c: Client
) -> Any:
    t0 = time.perf_counter()
    result = await call
    samples[name].append(time.perf_counter() - t0)
    await c.think()  # outside the timed span
    return result


async def _cycle(
    c: Client, samples: dict[str, list[float]], ping: Callable[[], Awaitable[Any]]
) -> None:
    import json

    a, ctx = c.agent, c.context
    phone = c.phones[0]
    c.phones.append(c.phones.pop(0))  # the next cycle is another caller's call
    ctx.userdata = CallState()  # ... so a call of its own (a call's limits count per call)
    await _timed(samples, "identify_user", a.identify_user(ctx, phone_number=phone), c)
    day, hour = c.free[0]
    await _timed(
        samples, "fetch_available_slots", a.fetch_available_slots(ctx, date=day.isoformat()), c
    )
    await _timed(samples, "get_user_appointments", a.get_user_appointments(ctx), c)
    booked = json.loads(
        await _timed(
            samples,
            "book_appointment",
            a.book_appointment(ctx, date=day.isoformat(), time=f"{hour:02d}:00"),
            c,
        )
    )
    code = booked["appointment"]["appointment_id"]
    day2, hour2 = c.free[1]
    await _timed(
        samples,
        "modify_appointment",
        a.modify_appointment(
            ctx, appointment_id=code, new_date=day2.isoformat(), new_time=f"{hour2:02d}:00"
        ),
        c,
    )
    await _timed(samples, "cancel_appointment", a.cancel_appointment(ctx, appointment_id=code), c)
    c.free.append(c.free.pop(0))  # next cycle starts from another slot
    await _timed(samples, BASELINE, ping(), c)


async def _run_once(
    clients: list[Client], seconds: float, warmup: float, ping: Callable[[], Awaitable[Any]]
) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in (*TOOLS, BASELINE)}
    scratch: dict[str, list[float]] = {name: [] for name in (*TOOLS, BASELINE)}
    loop = asyncio.get_running_loop()
    start = loop.time()
    measure_from, stop_at = start + warmup, start + warmup + seconds

    async def client(c: Client) -> None:
        while loop.time() < stop_at:
            await _cycle(c, samples if loop.time() >= measure_from else scratch, ping)

    await asyncio.gather(*(client(c) for c in clients))
    return samples


Spec = tuple[list[str], list[tuple[date, int]]]
"""A client: its callers' phone numbers as said, and the free slots it books and moves."""

CALLERS_PER_CLIENT = 50
"""Each cycle books, moves and cancels, leaving a cancelled row: cycles go round this many
callers so that no one caller piles up thousands of cancelled appointments in a run."""


def _specs(n: int, ds: Dataset, offset: int) -> list[Spec]:
    free = sorted(ds.future_free)
    per = len(free) // n
    if per < 2:
        raise SystemExit(f"{len(free)} free future slots: too few for {n} clients (2 each)")
    out = []
    for i in range(n):
        phones = []
        for k in range(CALLERS_PER_CLIENT):
            p = ds.user_phones[(offset + (i * CALLERS_PER_CLIENT + k) * 7919) % ds.n_users]
            phones.append(f"({p[2:5]}) {p[5:8]}-{p[8:]}")
        out.append((phones, free[i * per : (i + 1) * per]))
    return out


def _clients(specs: list[Spec], service: SchedulingService, think_s: float) -> list[Client]:
    return [
        Client(
            agent=ReceptionistAgent(service, clinic_name="the clinic"),
            phones=list(phones),
            free=list(free),
            think_s=think_s,
            rng=random.Random(phones[0]),
        )
        for phones, free in specs
    ]


# --- client processes -------------------------------------------------------------------------
# In the LiveKit worker each call is a process of its own with its own pool; one process
# driving 8 or 32 clients measures that process's event loop (about 1.4 ms of Python per tool
# call) more than the database. With --processes the clients are spread over processes, each
# with its own SqlStore and pool, started once per configuration and run on the parent's word.


def _child_main(
    url: str,
    specs: list[Spec],
    pace: tuple[float, float, float],
    inbox: Any,
    outbox: Any,
) -> None:
    common.quiet_logs()
    asyncio.run(_child(url, specs, pace, inbox, outbox))


async def _child(
    url: str, specs: list[Spec], pace: tuple[float, float, float], inbox: Any, outbox: Any
) -> None:
    seconds, warmup, think_s = pace
    store = await open_store(url, migrate=False)
    try:
        service = SchedulingService(store, ClinicCalendar(), FixedClock(NOW))
        clients = _clients(specs, service, think_s)
        await store.ping()
        outbox.put(("ready", os.getpid()))
        while (await asyncio.to_thread(inbox.get)) == "run":
            samples = await _run_once(clients, seconds, warmup, store.ping)
            outbox.put(("result", samples))
    finally:
        await store.close()


class ClientProcesses:
    """``specs`` spread over ``n`` processes; :meth:`run` runs them all once, together."""

    def __init__(self, url: str, specs: list[Spec], n: int, pace: tuple[float, float, float]):
        ctx = multiprocessing.get_context("spawn")  # no fork of a process with threads
        self.outbox = ctx.Queue()
        self.inboxes = [ctx.Queue() for _ in range(n)]
        self.procs = [
            ctx.Process(
                target=_child_main,
                args=(url, specs[i::n], pace, self.inboxes[i], self.outbox),
                daemon=True,
            )
            for i in range(n)
        ]
        for proc in self.procs:
            proc.start()
        self._collect("ready")

    def _collect(self, kind: str) -> list[Any]:
        out = []
        for _ in self.procs:
            try:
                got, value = self.outbox.get(timeout=300)
            except queue.Empty:
                raise RuntimeError(f"a client process sent no {kind!r} in 300 s") from None
            if got != kind:
                raise RuntimeError(f"a client process sent {got!r}, expected {kind!r}")
            out.append(value)
        return out

    def run(self) -> dict[str, list[float]]:
        for inbox in self.inboxes:
            inbox.put("run")
        merged: dict[str, list[float]] = {name: [] for name in (*TOOLS, BASELINE)}
        for samples in self._collect("result"):
            for name, values in samples.items():
                merged[name].extend(values)
        return merged

    def close(self) -> None:
        for inbox in self.inboxes:
            inbox.put("stop")
        for proc in self.procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()


async def _backend(args: argparse.Namespace, name: str, url: str, ds: Dataset) -> dict[str, Any]:
    store = await open_store(url, migrate=False)
    service = SchedulingService(store, ClinicCalendar(), FixedClock(NOW))
    configs = []
    try:
        for n in args.clients:
            procs = max(1, min(n, args.processes))
            group = None
            if procs > 1:
                label = f"{name}: starting {procs} client processes"
                with common.Progress(label, quiet=args.quiet):
                    pace = (args.seconds, args.warmup, args.think_ms / 1000)
                    group = await asyncio.to_thread(
                        ClientProcesses, url, _specs(n, ds, 0), procs, pace
                    )
            runs = []
            try:
                for k in range(args.runs):
                    label = f"{name}: {n} clients in {procs} process(es), run {k + 1}/{args.runs}"
                    with common.Progress(label, quiet=args.quiet):
                        if group is not None:
                            samples = await asyncio.to_thread(group.run)
                        else:
                            samples = await _run_once(
                                _clients(_specs(n, ds, k * 131), service, args.think_ms / 1000),
                                args.seconds,
                                args.warmup,
                                store.ping,
                            )
                    runs.append(
                        {
                            "loadavg_1m": round(os.getloadavg()[0], 2),
                            "cycles": len(samples[BASELINE]),
                            **{op: common.summarize(v) for op, v in samples.items()},
                        }
                    )
            finally:
                if group is not None:
                    await asyncio.to_thread(group.close)
            configs.append({**_median_config(n, runs, args.seconds), "processes": procs})
    finally:
        await store.close()
    return {"configs": configs}


def _median_config(n: int, runs: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    def med(op: str, key: str) -> float:
        return round(statistics.median(r[op][key] for r in runs), 3)

    ops = {
        op: {k: med(op, k) for k in ("p50_ms", "p99_ms", "mean_ms")} for op in (*TOOLS, BASELINE)
    }
    worst_tool = max(TOOLS, key=lambda op: ops[op]["p99_ms"])
    base = ops[BASELINE]["p50_ms"]
    return {
        "clients": n,
        "runs": len(runs),
        "loadavg_1m": [r["loadavg_1m"] for r in runs],
        # the six tools of every measured cycle, over the measured seconds (not the warm-up)
        "tool_calls_per_s": round(
            statistics.median(r["cycles"] for r in runs) * len(TOOLS) / seconds, 1
        ),
        "ops": ops,
        "worst_tool": worst_tool,
        "worst_p99_ms": ops[worst_tool]["p99_ms"],
        # tool p50 over the baseline's p50 (a pool checkout and SELECT 1), same run and clients
        "p50_vs_baseline": {
            op: round(ops[op]["p50_ms"] / base, 2) if base else None for op in TOOLS
        },
        "per_run": runs,
    }


async def _measure(
    args: argparse.Namespace, pg: common.BenchPostgres | None, workdir: Path
) -> dict[str, Any]:
    calendar = ClinicCalendar()
    with common.Progress("generating data", quiet=args.quiet):
        ds = generate(
            users=args.users,
            appointments=args.appointments,
            years=5.0,
            seed=args.seed,
            calendar=calendar,
        )
    urls: dict[str, str] = {}
    if "sqlite" in args.backends:
        path = workdir / "tools.db"
        urls["sqlite"] = f"sqlite:///{path}"
        await migrate(urls["sqlite"])
        with common.Progress("loading SQLite", quiet=args.quiet) as prog:
            load_sqlite(path, ds, 100_000, prog)
    if "postgresql" in args.backends:
        assert pg is not None
        urls["postgresql"] = pg.create_database("bench")
        await migrate(urls["postgresql"])
        with common.Progress("loading PostgreSQL", quiet=args.quiet) as prog:
            await load_postgres(urls["postgresql"], ds, 100_000, prog)
    gc.collect()  # the load's garbage goes before measuring; nothing is frozen
    results = {name: await _backend(args, name, urls[name], ds) for name in args.backends}
    target: dict[str, Any] = {**TARGET, "think_ms": args.think_ms}
    pg_res = results.get("postgresql")
    hit = (
        next((c for c in pg_res["configs"] if c["clients"] == TARGET["clients"]), None)
        if pg_res
        else None
    )
    if hit is not None:
        target.update(worst_p99_ms=hit["worst_p99_ms"], met=hit["worst_p99_ms"] < TARGET["p99_ms"])
    return {
        "benchmark": NAME,
        "config": {
            "appointments": args.appointments,
            "users": args.users,
            "clients": args.clients,
            "runs": args.runs,
            "seconds": args.seconds,
            "warmup_s": args.warmup,
            "think_ms": args.think_ms,
            "backends": args.backends,
            "pool": "5 + 10 overflow (as the application opens it), one per client process",
            "processes": args.processes,
            "quick": args.quick,
        },
        "environment": common.environment(),
        "results": results,
        "target": target,
    }


def report(doc: dict[str, Any]) -> None:
    for name, res in doc["results"].items():
        rows = []
        for c in res["configs"]:
            for op in (*TOOLS, BASELINE):
                o = c["ops"][op]
                ratio = c["p50_vs_baseline"].get(op) if op != BASELINE else 1.0
                rows.append(
                    [
                        c["clients"],
                        op,
                        o["p50_ms"],
                        o["p99_ms"],
                        ratio,
                        " ".join(f"{x:.2f}" for x in c["loadavg_1m"]),
                    ]
                )
        common.print_table(
            ["clients", "tool", "p50 ms", "p99 ms", "p50 / ping", "load (1 min) per run"],
            rows,
            title=(
                f"{name}: agent tool functions (median of {doc['config']['runs']} runs; "
                f"think {doc['config'].get('think_ms', 0):g} ms)"
            ),
        )
        for c in res["configs"]:
            print(
                f"{name} {c['clients']} clients in {c['processes']} process(es): "
                f"{c['tool_calls_per_s']} tool calls/s; "
                f"worst p99 {c['worst_p99_ms']} ms ({c['worst_tool']})"
            )
    t = doc["target"]
    if "met" in t:
        verdict = "MET" if t["met"] else "NOT met"
        print(
            f"target p99 < {t['p99_ms']} ms, PostgreSQL, {t['clients']} clients "
            f"(think {t.get('think_ms', 0):g} ms): {verdict} "
            f"(worst {t['worst_p99_ms']} ms)"
        )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    common.quiet_logs()
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-tool-clients-")))
        pg = None
        if "postgresql" in args.backends:
            with common.Progress("starting PostgreSQL", quiet=args.quiet):
                pg = stack.enter_context(
                    common.postgres_server(dict(args.pg_setting), fsync=args.pg_fsync)
                )
        doc = asyncio.run(_measure(args, pg, tmp))
    return common.publish(NAME, doc, report=report, path=args.json)


if __name__ == "__main__":
    main()
