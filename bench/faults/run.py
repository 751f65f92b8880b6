"""Faults: arguments, running the chosen faults, report and ``main``."""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import common
from bench.faults import database_down_at_end, database_outage, provider_failure, sigterm

NAME = "faults"
DESCRIPTION = "Faults: does a call survive its database, a provider, or its process going away?"
ALL = ("db", "db_end", "llm", "stt", "tts", "sigterm")


def parse_args(argv: Sequence[str] | None) -> Any:
    p = common.base_parser(DESCRIPTION)
    p.add_argument("--only", default=",".join(ALL), help=f"comma list of {', '.join(ALL)}")
    p.add_argument("--fail-on", type=int, default=2, help="provider request that fails (N)")
    p.add_argument(
        "--non-retryable", action="store_true", help="provider errors with retryable=False"
    )
    args = p.parse_args(argv)
    args.only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = set(args.only) - set(ALL)
    if unknown:
        p.error(f"unknown faults {sorted(unknown)}")
    return args


async def _run_async(args: Any, workdir: Path, out: dict[str, Any]) -> None:
    vad_cache: dict[str, Any] = {}
    for name in args.only:
        if name == "sigterm":
            continue
        with common.Progress(f"fault {name}", quiet=args.quiet):
            try:
                if name == "db":
                    out[name] = await database_outage.run(args, workdir)
                elif name == "db_end":
                    out[name] = await database_down_at_end.run(args, workdir)
                else:
                    out[name] = await provider_failure.run(name, args, workdir, vad_cache)
            except Exception as exc:  # noqa: BLE001 - a crash is a FAIL, reported
                logging.getLogger(NAME).exception("fault %s crashed", name)
                out[name] = {"passed": False, "checks": {}, "crash": f"{type(exc).__name__}: {exc}"}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    common.quiet_logs()
    env = common.environment()
    started = time.perf_counter()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        asyncio.run(_run_async(args, Path(tmp), results))
        if "sigterm" in args.only:
            with common.Progress("fault sigterm", quiet=args.quiet):
                results["sigterm"] = sigterm.run(args, Path(tmp))
    env["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    doc = {
        "benchmark": NAME,
        "config": {
            "only": args.only,
            "fail_on": args.fail_on,
            "quick": args.quick,
            "retryable_errors": not args.non_retryable,
        },
        "environment": env,
        "wall_seconds": round(time.perf_counter() - started, 1),
        "results": results,
        "passed": {k: v["passed"] for k, v in results.items()},
    }
    return common.publish(NAME, doc, report=report, path=args.json)


def _detail(name: str, r: dict[str, Any]) -> str:
    if "crash" in r:
        return r["crash"]
    failed = [k for k, ok in r["checks"].items() if not ok]
    parts = []
    if name in ("llm", "stt", "tts"):
        parts.append(
            f"fault turn {r['fault_turn_latency_ms']} ms vs {r['other_turns_median_ms']} ms"
            f" (recovery {r['recovery_ms']} ms)"
        )
    elif name == "db":
        down = [t["seconds"] for t in r["turns"] if t["phase"] == "down"]
        parts.append(f"outage {r['outage_seconds']} s, down-turns {down} s")
    elif name == "db_end":
        parts.append(f"finish took {r['finish_seconds']} s")
    elif name == "sigterm":
        parts.append(f"exit {r['exit_code']} after {r['exit_seconds_after_sigterm']} s")
        if r["row"]:
            parts.append(f"row end_reason={r['row']['end_reason']}")
    if failed:
        parts.append("failed: " + ", ".join(failed))
    return "; ".join(parts)


def report(doc: dict[str, Any]) -> None:
    rows = [
        (name, "PASS" if r["passed"] else "FAIL", _detail(name, r))
        for name, r in doc["results"].items()
    ]
    common.print_table(["fault", "result", "details"], rows, title="Faults")
