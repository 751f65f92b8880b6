"""Helpers shared by the benchmarks (``from bench import common``).

What is here: percentiles and latency summaries, a plain-text table printer, JSON result files
(bench/results/<name>.json by default), argparse helpers shared by every benchmark, progress
lines, ``publish`` (how every benchmark's ``main`` ends: report, JSON, path), and a throw-away
PostgreSQL server that accepts extra settings (more connections, fsync on, bigger buffers) on
top of voice_agent.testing.postgres.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from voice_agent.testing.postgres import PostgresServer, PostgresUnavailable

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"

__all__ = [
    "BENCH_DIR",
    "RESULTS_DIR",
    "BenchPostgres",
    "PostgresUnavailable",
    "Progress",
    "base_parser",
    "environment",
    "format_table",
    "percentile",
    "postgres_server",
    "print_table",
    "publish",
    "quiet_logs",
    "async_main",
    "result_path",
    "summarize",
    "write_json",
]


# --- statistics ---------------------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between closest ranks.

    Matches numpy's default ("linear") method. Returns nan for an empty sequence.
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    rank = (len(ordered) - 1) * (q / 100.0)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    frac = rank - low
    return float(ordered[low] + (ordered[high] - ordered[low]) * frac)


def median_merge(runs: Sequence[Any]) -> Any:
    """Runs' results of one shape merged: every number is the median of the runs' values
    (NaNs left out), dicts are merged key by key, anything else comes from the first run."""
    first = runs[0]
    if isinstance(first, dict):
        return {
            k: median_merge([r[k] for r in runs if isinstance(r, dict) and k in r]) for k in first
        }
    if isinstance(first, bool) or not isinstance(first, int | float):
        return first
    nums = [
        v
        for v in runs
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
    ]
    return round(statistics.median(nums), 4) if nums else math.nan


def summarize(seconds: Sequence[float]) -> dict[str, float | int]:
    """Latency summary in milliseconds of a list of durations in seconds.

    ``ops_per_s`` is the serial throughput (1 / mean), i.e. one client issuing the operation
    back to back.
    """
    n = len(seconds)
    if n == 0:
        return {
            "n": 0,
            "p50_ms": math.nan,
            "p90_ms": math.nan,
            "p99_ms": math.nan,
            "mean_ms": math.nan,
            "max_ms": math.nan,
            "ops_per_s": math.nan,
        }
    ms = [s * 1000.0 for s in seconds]
    mean = statistics.fmean(ms)
    return {
        "n": n,
        "p50_ms": round(percentile(ms, 50), 4),
        "p90_ms": round(percentile(ms, 90), 4),
        "p99_ms": round(percentile(ms, 99), 4),
        "mean_ms": round(mean, 4),
        "max_ms": round(max(ms), 4),
        "ops_per_s": round(1000.0 / mean, 1) if mean > 0 else math.nan,
    }


# --- output ---------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        if abs(value) >= 100:
            return f"{value:.1f}"
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> str:
    """A fixed-width text table; numbers right-aligned, text left-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], len(c))
    numeric = [
        all(isinstance(r[i], int | float) and not isinstance(r[i], bool) for r in rows) and rows
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if numeric[i] else v.ljust(widths[i]) for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    out = []
    if title:
        out.append(title)
    out.append(line(list(headers)))
    out.append("  ".join("-" * w for w in widths))
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> None:
    print()
    print(format_table(headers, rows, title))
    print(flush=True)


def result_path(name: str, override: str | os.PathLike[str] | None = None) -> Path:
    return Path(override) if override else RESULTS_DIR / f"{name}.json"


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def _finite(value: Any) -> Any:
    """Replace nan/inf (not valid JSON) by None, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def write_json(
    name: str, data: Mapping[str, Any], path: str | os.PathLike[str] | None = None
) -> Path:
    """Write a result document to ``path`` (default bench/results/<name>.json); return the path."""
    target = result_path(name, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(_finite(dict(data)), indent=2, default=_json_default) + "\n")
    return target


def environment() -> dict[str, Any]:
    """Where the figures were measured, stored in every result file."""
    git = None
    with contextlib.suppress(Exception):
        git = (
            subprocess.run(
                ["git", "-C", str(BENCH_DIR), "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
                check=False,
                timeout=5,
            ).stdout.strip()
            or None
        )
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        # Other work on the machine skews tail latencies; the 1/5/15-minute load is recorded.
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "git_head": git,
        "argv": sys.argv,
    }


def publish(
    name: str,
    doc: dict[str, Any],
    *,
    report: Callable[[dict[str, Any]], None],
    path: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """How every benchmark's ``main`` ends: print the report, write the JSON, say where."""
    report(doc)
    written = write_json(name, doc, path)
    print(f"JSON: {written}")
    return doc


def quiet_logs() -> None:
    """Only errors from the framework and the project: progress lines and tables stay readable."""
    logging.basicConfig(level=logging.ERROR)


def async_main(
    name: str,
    parse_args: Callable[[Sequence[str] | None], argparse.Namespace],
    measure: Callable[[argparse.Namespace], Awaitable[dict[str, Any]]],
    report: Callable[[dict[str, Any]], None],
) -> Callable[[Sequence[str] | None], dict[str, Any]]:
    """The ``main`` of a benchmark that is one coroutine: arguments, quiet logs, run, publish."""

    def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
        args = parse_args(argv)
        quiet_logs()
        return publish(name, asyncio.run(measure(args)), report=report, path=args.json)

    return main


class Progress:
    """Progress lines on stderr for long steps: ``with Progress("loading"): ...``."""

    def __init__(self, label: str, *, quiet: bool = False) -> None:
        self.label = label
        self.quiet = quiet
        self.started = 0.0
        self.elapsed = 0.0

    def __enter__(self) -> Progress:
        self.started = time.perf_counter()
        self.say("...")
        return self

    def say(self, message: str) -> None:
        if not self.quiet:
            t = time.perf_counter() - self.started
            print(f"[{t:7.1f}s] {self.label}: {message}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        self.elapsed = time.perf_counter() - self.started
        self.say(f"done in {self.elapsed:.1f}s" if exc[0] is None else "failed")


# --- arguments ------------------------------------------------------------------------------
def base_parser(description: str) -> argparse.ArgumentParser:
    """The flags every benchmark script accepts: --quick, --json, --seed, --quiet."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny configuration for smoke tests (seconds, not minutes)",
    )
    parser.add_argument(
        "--json",
        metavar="PATH",
        default=None,
        help="where to write the JSON result (default bench/results/<name>.json)",
    )
    parser.add_argument("--seed", type=int, default=20261125, help="random seed")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


def add_postgres_flags(parser: argparse.ArgumentParser) -> None:
    """--pg-fsync/--no-pg-fsync and repeatable --pg-setting NAME=VALUE."""
    parser.add_argument(
        "--pg-fsync",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run PostgreSQL with fsync/synchronous_commit on (default; production-like)",
    )
    parser.add_argument(
        "--pg-setting",
        type=pg_setting,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra PostgreSQL setting (repeatable)",
    )


def pg_setting(text: str) -> tuple[str, str]:
    """argparse type for --pg-setting name=value."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError("expected name=value")
    return name.strip(), value.strip()


# --- PostgreSQL -----------------------------------------------------------------------------
class BenchPostgres(PostgresServer):
    """The test launcher plus extra ``-c name=value`` settings on the postgres command line.

    The launcher passes ``-c max_connections=300``; PostgreSQL applies command-line options
    in order, so the settings appended here win.
    """

    def __init__(self, settings: Mapping[str, Any] | None = None, *, fsync: bool = False) -> None:
        super().__init__(fsync=fsync)
        self.settings = {k: str(v) for k, v in (settings or {}).items()}

    def _cmd(self, *args: str) -> list[str]:
        if args and Path(args[0]).name == "postgres" and self.settings:
            extra: list[str] = []
            for name, value in self.settings.items():
                extra += ["-c", f"{name}={value}"]
            args = (*args, *extra)
        return super()._cmd(*args)

    def show(self, name: str, database: str = "postgres") -> str:
        return self.psql(f"SHOW {name}", database).strip()


@contextlib.contextmanager
def postgres_server(
    settings: Mapping[str, Any] | None = None, *, fsync: bool = False
) -> Iterator[BenchPostgres]:
    """Start a throw-away PostgreSQL 15 (fsync off unless asked) and remove it afterwards."""
    server = BenchPostgres(settings, fsync=fsync)
    server.start()
    try:
        yield server
    finally:
        server.stop()
