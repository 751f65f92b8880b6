"""Tool latency at scale: arguments, the run (generate, load, measure), report and ``main``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import tempfile
import time as _time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import common
from bench.tool_latency.bulk_load import load_postgres, load_sqlite, migrate
from bench.tool_latency.dataset import NOW, generate
from bench.tool_latency.measure import (
    OPERATIONS,
    REFERENCES,
    Backend,
    Workload,
    count_statements,
    explain_postgres,
    raw_select1,
    run_iteration,
)
from voice_agent.adapters.storage import open_store
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.services.scheduling import SchedulingService

NAME = "tool_latency"
DESCRIPTION = (
    "Tool latency at scale: every scheduling operation's p50/p99 on SQLite and PostgreSQL."
)
TARGET_P99_MS = 5.0
TARGET_BACKEND = "postgresql"
BACKENDS = ("sqlite", "postgresql")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = common.base_parser(DESCRIPTION)
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
    p.add_argument(
        "--runs",
        type=int,
        default=None,
        help="measured runs of --ops each, after one warm-up; figures are medians (3; quick 1)",
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
    args.runs = args.runs or (1 if quick else 3)
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
    iterations = args.warmup + args.runs * args.ops
    if iterations > len(ds.unknown_phones) // 2:
        raise SystemExit(f"at most {len(ds.unknown_phones) // 2} iterations (warm-up + ops)")
    work = Workload(ds, iterations, args.seed, calendar)

    urls: dict[str, str] = {}
    load: dict[str, Any] = {"generate_seconds": round(gen.elapsed, 2)}
    if "sqlite" in args.backends:
        path = workdir / "tool_latency.db"
        urls["sqlite"] = f"sqlite:///{path}"
        await migrate(urls["sqlite"])
        with common.Progress("loading SQLite", quiet=quiet) as prog:
            load["sqlite"] = load_sqlite(path, ds, args.chunk, prog)
    if "postgresql" in args.backends:
        assert pg is not None
        urls["postgresql"] = pg.create_database("bench")
        await migrate(urls["postgresql"])
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
            raw_select1=await raw_select1(name, urls[name], raw),
        )
        count_statements(b)
        backends.append(b)
    del ds  # the load's garbage goes before measuring; nothing is frozen (as in the app)
    gc.collect()

    loadavg_before = [round(x, 2) for x in os.getloadavg()]
    per_run: list[dict[str, Any]] = []
    try:
        with common.Progress(f"warm-up, {args.warmup} iterations", quiet=quiet):
            for i in range(args.warmup):
                for b in backends:
                    await run_iteration(b, work, i, False)
        for k in range(args.runs):
            label = f"run {k + 1}/{args.runs}: {args.ops} x {len(OPERATIONS)} ops"
            with common.Progress(label, quiet=quiet) as prog:
                for b in backends:
                    for op in b.samples:
                        b.samples[op].clear()
                        b.statements[op] = 0
                for j in range(args.ops):
                    i = args.warmup + k * args.ops + j
                    for b in backends:
                        await run_iteration(b, work, i, True)
                    if (j + 1) % 250 == 0:
                        prog.say(f"iteration {j + 1}/{args.ops}")
            per_run.append(
                {
                    "loadavg_1m": round(os.getloadavg()[0], 2),
                    "results": {
                        b.name: {
                            op: {
                                **common.summarize(b.samples[op]),
                                "statements_per_op": round(
                                    b.statements[op] / max(1, len(b.samples[op])), 2
                                ),
                            }
                            for op in OPERATIONS + REFERENCES
                        }
                        for b in backends
                    },
                }
            )
    finally:
        for b in backends:
            await b.store.close()
        await raw.aclose()

    results = common.median_merge([r["results"] for r in per_run])
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
            "runs": args.runs,
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
        "loadavg_per_run": [r["loadavg_1m"] for r in per_run],
        "per_run": per_run,
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
        f"{cfg['ops_per_kind']:,} ops per kind; median of {cfg['runs']} runs, load (1 min) per "
        f"run {' '.join(f'{x:.2f}' for x in doc['loadavg_per_run'])}",
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
    return common.publish(NAME, doc, report=report, path=args.json)
