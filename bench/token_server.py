"""Token server throughput: POST /token against a bare FastAPI endpoint, same run, same load.

Starts each app with uvicorn in its own process on 127.0.0.1 (one worker, access log off, and
as ``voice-agent serve`` runs it: no proxy-header handling in uvicorn, no Server header),
drives it with wrk (Lua script for the POST body) for a fixed time at a fixed number of
connections, and reports requests per second and p50/p99 latency. Only wrk: a Python load
generator on the same 2 cores saturates before the servers do, and its ratios mean nothing
(``scripts/bench.sh`` installs Debian's ``wrk`` when it is missing).

Each run measures the three targets back to back (bare first), so a ratio compares figures
taken within seconds of each other; every figure is the median over ``--runs`` runs (3),
with the 1-minute load average of each run printed next to it.

Targets:
  bare            a minimal FastAPI app: POST / -> {"ok": true}
  token           POST /token {"participant_name": ...}: a room named by the server
  token+room      POST /token with a room_name, which only becomes the prefix of the room the
                  server names (no database read: the room is always a fresh one)

The token server runs with the real middleware stack (CORS, 16 KiB body limit, security
headers, rate limiter raised to 1e9/min so it never refuses) over a throw-away SQLite file.

Usage:
    python -m bench.token_server                   # 3 runs x 10 s per target, 32 connections
    python -m bench.token_server --quick           # 1 run x 2 s per target
    python -m bench.token_server --duration 20 --connections 64 --runs 5
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import common

NAME = "token_server"
HOST = "127.0.0.1"
BODY_GENERATED = '{"participant_name":"bench-user"}'
BODY_NAMED = '{"room_name":"room-bench","participant_name":"bench-user"}'
LIVEKIT_KEY = "APIbench"
LIVEKIT_SECRET = "bench-livekit-secret-0123456789abcdef0123"


# --- the servers (run in child processes) -------------------------------------------------
def _serve(kind: str, port: int, db: str) -> None:
    import uvicorn

    if kind == "bare":
        from fastapi import FastAPI

        app = FastAPI()

        @app.post("/")
        async def ok() -> dict[str, bool]:
            return {"ok": True}

        target: Any = app
    else:
        from voice_agent.config import Settings
        from voice_agent.entrypoints.serve import build_app

        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            environment="test",
            database_url=f"sqlite:///{db}",
            livekit_api_key=LIVEKIT_KEY,
            livekit_api_secret=LIVEKIT_SECRET,
            token_rate_limit_per_minute=1_000_000_000,
            token_rate_limit_per_hour=1_000_000_000,
            token_max_calls_per_client=1_000_000,
            token_max_calls=1_000_000,
            log_level="WARNING",
        )
        target = build_app(settings)
    uvicorn.run(
        target,
        host=HOST,
        port=port,
        workers=1,
        log_level="warning",
        access_log=False,
        proxy_headers=False,  # as voice_agent.entrypoints.serve: the app trusts TRUSTED_PROXIES
        server_header=False,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, kind: str, db: str) -> None:
        self.kind = kind
        self.port = _free_port()
        command = ["--serve", kind, "--port", str(self.port), "--db", db]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", f"bench.{NAME}", *command],
            cwd=common.BENCH_DIR.parent,
            stdout=subprocess.DEVNULL,
        )

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} server exited with {self.proc.returncode}")
            try:
                with socket.create_connection((HOST, self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.kind} server did not start in {timeout} s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# --- load generators ----------------------------------------------------------------------
LUA = """
wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
"""

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"cannot parse wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_wrk(
    url: str, body: str, *, duration: float, connections: int, threads: int
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA.replace("{body}", body))
        script = f.name
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(duration))}s",  # wrk takes whole seconds
                "--latency",
                "-s",
                script,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 30,
        ).stdout
    finally:
        os.unlink(script)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": total,
        "rps": rps,
        "p50_ms": _ms(pct["50"]),
        "p90_ms": _ms(pct["90"]),
        "p99_ms": _ms(pct["99"]),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1).strip() if errors else None,
    }


def measure(url: str, body: str, *, duration: float, connections: int, threads: int) -> Any:
    return run_wrk(url, body, duration=duration, connections=connections, threads=threads)


# --- main -----------------------------------------------------------------------------------
TARGETS = [
    ("bare", "bare", "/", BODY_GENERATED),
    ("token", "token", "/token", BODY_GENERATED),
    ("token+room", "token", "/token", BODY_NAMED),
]
GOALS = {"token": 0.7, "token+room": 0.5}


def main(argv: list[str] | None = None) -> int:
    parser = common.base_parser(__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=None, help="seconds per target (10)")
    parser.add_argument("--warmup", type=float, default=None, help="warm-up seconds (2)")
    parser.add_argument("--runs", type=int, default=None, help="runs (3; quick 1)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--serve", choices=["bare", "token"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.serve:
        _serve(args.serve, args.port, args.db)
        return 0

    duration = args.duration or (2.0 if args.quick else 10.0)
    warmup = args.warmup if args.warmup is not None else (1.0 if args.quick else 2.0)
    runs = args.runs or (1 if args.quick else 3)
    if not shutil.which("wrk"):
        parser.error("wrk is not installed: scripts/bench.sh installs it (apt-get install -y wrk)")

    per_run: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, common.Progress(NAME, quiet=args.quiet) as progress:
        servers = {kind: Server(kind, str(Path(tmp) / "bench.db")) for kind in ("bare", "token")}
        try:
            for server in servers.values():
                server.wait_ready()
            for label, kind, path, body in TARGETS:
                url = f"http://{HOST}:{servers[kind].port}{path}"
                progress.say(f"{label}: warm-up {warmup:g} s")
                measure(url, body, duration=warmup, connections=args.connections, threads=1)
            for k in range(runs):
                run: dict[str, Any] = {}
                for label, kind, path, body in TARGETS:
                    url = f"http://{HOST}:{servers[kind].port}{path}"
                    progress.say(f"run {k + 1}/{runs}: {label}, {duration:g} s")
                    run[label] = measure(
                        url,
                        body,
                        duration=duration,
                        connections=args.connections,
                        threads=args.threads,
                    )
                bare = run["bare"]["rps"]
                for r in run.values():
                    r["ratio_to_bare"] = round(r["rps"] / bare, 3) if bare else None
                run["loadavg_1m"] = round(os.getloadavg()[0], 2)
                per_run.append(run)
        finally:
            for server in servers.values():
                server.stop()

    results: dict[str, dict[str, Any]] = {}
    for label, *_ in TARGETS:
        rows = [r[label] for r in per_run]
        results[label] = {
            key: round(statistics.median(x[key] for x in rows), 3)
            for key in ("rps", "p50_ms", "p99_ms", "ratio_to_bare")
        }
        results[label]["non_2xx"] = sum(x["non_2xx"] for x in rows)
        if label in GOALS:
            results[label]["goal"] = GOALS[label]
            results[label]["met"] = results[label]["ratio_to_bare"] >= GOALS[label]
    loads = " ".join(f"{r['loadavg_1m']:.2f}" for r in per_run)
    common.print_table(
        ["target", "req/s", "p50 ms", "p99 ms", "vs bare", "goal", "non-2xx", "load per run"],
        [
            [
                label,
                round(r["rps"]),
                r["p50_ms"],
                r["p99_ms"],
                f"{r['ratio_to_bare']:.2f}",
                f">= {r['goal']}" if "goal" in r else "",
                r["non_2xx"],
                loads,
            ]
            for label, r in results.items()
        ],
        title=(
            f"POST throughput, uvicorn 1 worker, wrk {args.connections} connections, "
            f"{duration:g} s each, median of {runs} runs"
        ),
    )
    path = common.write_json(
        NAME,
        {
            "benchmark": NAME,
            "environment": common.environment(),
            "parameters": {
                "generator": "wrk",
                "runs": runs,
                "duration_s": duration,
                "warmup_s": warmup,
                "connections": args.connections,
                "wrk_threads": args.threads,
                "server": (
                    "uvicorn, 1 worker, access log off, proxy_headers off, no Server header, "
                    "127.0.0.1"
                ),
                "database": "SQLite file (not read by POST /token)",
            },
            "results": results,
            "per_run": per_run,
        },
        args.json,
    )
    print(f"wrote {path}")
    failed = [label for label, r in results.items() if r["non_2xx"]]
    if failed:
        print(f"non-2xx responses from: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
