"""Offline call concurrency: how many offline voice calls one process, and the machine, keep in
real time, with callers who start at random moments and speak at different moments.

Each call is the product's offline call: real Silero VAD (one model per process),
``PocketSphinxSTT`` (decoding in the recognition worker process), ``DialogueLLM`` and
``EspeakTTS`` from the composition root with offline settings, the real tools on a SQLite
database (one per process), its own ``ScriptedCallerInput`` (espeak-ng caller lines, real-time
paced, 50 ms frames at the 16 kHz the worker asks its room for; ``--audio livekit-24k`` for a
room's default 24 kHz) and ``RecordingAudioOutput`` (24 kHz, re-framed to 50 ms as a
room's output is). Call k starts at a uniform random offset in [0, ``--spread``] s; its caller
says ``--turns`` lines (random lines, then a goodbye that ends the call), each after a random
pause of ``--pause`` MIN,MAX seconds once the agent has gone quiet (a caller thinking).

A step (N calls per process) is in real time when, as the median over ``--runs`` runs:

* end of speech -> first agent audio p95 < 1.0 s (it includes the VAD's 0.5 s silence),
* no agent audio frame is late (a frame arriving after the audio before it finished: a gap),
* event-loop lag p99 < 50 ms (a ticker task sleeping 20 ms), and every turn is answered.

Warm-up, before anything is measured: bootstrap, the VAD, one decoder set per call in the
recognition worker, caller speech, one warm-up call; then ``settle_heap()`` (the
``gc.freeze()`` the LiveKit worker's prewarm does; ``--no-settle-heap`` skips it). Nothing is
frozen or collected by the benchmark while it measures.

    python -m bench.concurrency                      # 10,15,20,25,30 calls, 3 runs each
    python -m bench.concurrency --quick              # 2 calls, 1 run, short pauses (smoke)
    python -m bench.concurrency --ramp 20 --runs 3   # one step
    python -m bench.concurrency --processes 2 --ramp 15   # the machine: 2 processes x 15 calls

With ``--processes P`` each step runs P child processes of this script (each warms up, then
all start together); the figures are over every call of every process, CPU is the sum of the
processes and their recognition workers (100 % = one core).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psutil

from bench import common
from bench.sessions import prewarm_decoders
from bench.voice import AUDIO_FORMATS, STAGES, LoopLag, caller_speech, describe_audio, voice_call
from voice_agent.adapters.offline.recognition_worker import shared_pool
from voice_agent.adapters.voice.providers import load_vad
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.listening import ListeningHint
from voice_agent.entrypoints.lifecycle import settle_heap

NAME = "concurrency"
P95_LIMIT_MS = 1000.0
LAG_P99_LIMIT_MS = 50.0
LINES = [
    "What times are available on Friday?",
    "What about Thursday?",
    "Do you have anything on Monday morning?",
    "Is Tuesday afternoon free?",
    "What are your opening hours?",
    "Can I come in next week?",
]
GOODBYE = "No thanks, goodbye."  # one sentence: no pause the VAD could end the turn at
# --script phone: a caller asks about their appointments, is asked for their number and says
# it digit by digit (the ten-digit grammar's turn, where Whisper's second opinion runs)
PHONE_REQUEST = "Hi, I'd like to check my appointments please."
PHONE_NUMBERS = [
    "six one seven, five five five, zero one four two",
    "two one two, four four seven, nine three one eight",
    "four one five, eight six two, seven seven zero five",
    "nine seven eight, three one four, two six six one",
    "three zero five, nine nine one, four eight two seven",
    "five zero eight, two seven three, six one nine four",
]


def parse_args(argv: Sequence[str] | None) -> Any:
    p = common.base_parser(__doc__.splitlines()[0])
    p.add_argument("--ramp", default=None, help="calls per process, comma list (10,15,20,25,30)")
    p.add_argument("--runs", type=int, default=None, help="runs per step (3; quick 1)")
    p.add_argument("--processes", type=int, default=1, help="processes per step (1)")
    p.add_argument("--turns", type=int, default=None, help="caller lines per call (3; quick 2)")
    p.add_argument("--spread", type=float, default=None, help="call starts within (s; 10)")
    p.add_argument("--pause", default=None, help="MIN,MAX caller pause before a line (0.5,3)")
    p.add_argument(
        "--stt-workers",
        type=int,
        default=None,
        help="recognition worker processes per process (default: the product's)",
    )
    p.add_argument(
        "--audio",
        choices=tuple(AUDIO_FORMATS),
        default="livekit",
        help="caller frames: livekit = 16 kHz, 50 ms (what the worker asks its room for); "
        "livekit-24k = 24 kHz, 50 ms (a room's default)",
    )
    p.add_argument("--no-settle-heap", action="store_true", help="no gc.freeze after warm-up")
    p.add_argument("--keep-going", action="store_true", help="run every step of the ramp")
    p.add_argument(
        "--script",
        choices=("lines", "phone"),
        default="lines",
        help="lines = random scheduling lines then a goodbye; phone = a request, a phone "
        "number said digit by digit (the turn Whisper's second opinion reads), a goodbye",
    )
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    quick = args.quick
    args.ramp = [int(x) for x in str(args.ramp or ("2" if quick else "10,15,20,25,30")).split(",")]
    args.runs = args.runs or (1 if quick else 3)
    args.turns = args.turns or (2 if quick else 3)
    args.spread = args.spread if args.spread is not None else (1.0 if quick else 10.0)
    lo, hi = (float(x) for x in str(args.pause or ("0.2,0.5" if quick else "0.5,3")).split(","))
    args.pause = (lo, hi)
    return args


def _settings(workdir: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{workdir / 'calls.db'}",
        data_dir=workdir / "data",
        stt_provider="offline",
        tts_provider="offline",
        llm_provider="offline",
        _env_file=None,  # type: ignore[call-arg]
    )


class CpuMeter:
    """CPU of this process and its children (the recognition workers) over a stretch."""

    def __init__(self) -> None:
        self.proc = psutil.Process()

    def _used(self) -> float:
        total = 0.0
        for proc in [self.proc, *self.proc.children(recursive=True)]:
            try:
                t = proc.cpu_times()
            except psutil.Error:
                continue
            total += t.user + t.system
        return total

    def __enter__(self) -> CpuMeter:
        self.t0 = time.perf_counter()
        self.c0 = self._used()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t0
        # a child that exited in between is not counted; the recognition workers live on
        self.pct = round(100.0 * (self._used() - self.c0) / self.wall, 1) if self.wall else 0.0


def _plan(n: int, args: Any, rng: random.Random) -> list[tuple[float, list[int], list[float]]]:
    """Per call: start offset, line indices (then the goodbye), pauses before each line."""
    plan = []
    for _ in range(n):
        if args.script == "phone":
            plan.append(_phone_plan(args, rng))
            continue
        lines = [rng.randrange(len(LINES)) for _ in range(max(0, args.turns - 1))]
        pauses = [rng.uniform(*args.pause) for _ in range(len(lines) + 1)]
        plan.append((rng.uniform(0.0, args.spread), lines, pauses))
    return plan


def _phone_plan(args: Any, rng: random.Random) -> tuple[float, list[str], list[float]]:
    """A request, one of the numbers, the goodbye; pauses as for lines."""
    texts = [PHONE_REQUEST, rng.choice(PHONE_NUMBERS), GOODBYE]
    pauses = [rng.uniform(*args.pause) for _ in texts]
    return rng.uniform(0.0, args.spread), texts, pauses


def rss_mb() -> dict[str, Any]:
    """Resident memory of this process and of each recognition worker (its children), MB."""
    me = psutil.Process()
    workers = []
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            workers.append(round(child.memory_info().rss / 1e6, 1))
    own = round(me.memory_info().rss / 1e6, 1)
    return {"process": own, "workers": workers, "total": round(own + sum(workers), 1)}


class Engine:
    """One process's application, engines and caller speech, warmed up once."""

    async def start(self, args: Any, workdir: Path, calls: int) -> dict[str, Any]:
        self.settings = _settings(workdir)
        self.audio = args.audio
        if args.stt_workers:
            shared_pool(args.stt_workers)  # the pool's size counts when it is first made
        self.container = await bootstrap(self.settings)
        self.vad = await asyncio.to_thread(load_vad, self.settings)
        # the recognition workers are process-wide: one engine starts them and their decoders
        first = self.container.providers(vad=self.vad, listening=ListeningHint())
        try:
            warm = await prewarm_decoders(first.stt, max(1, calls))
        finally:
            await first.aclose()
        self.speech = {}
        for line in [*LINES, GOODBYE, PHONE_REQUEST, *PHONE_NUMBERS]:
            self.speech[line] = await asyncio.to_thread(caller_speech, line)
        self.services = self.container.call_services()
        # one call end to end: first-use costs (imports, caches, the first decode) go here
        if args.script == "phone":
            await self.call(0.0, [PHONE_REQUEST, PHONE_NUMBERS[0]], [0.0, 0.0], room="warm-up")
        else:
            await self.call(0.0, [0], [0.0], room="warm-up")
        if not args.no_settle_heap:
            settle_heap()
        return {"decoders": warm, "settle_heap": not args.no_settle_heap}

    async def call(
        self, offset: float, lines: list[int] | list[str], pauses: list[float], room: str
    ) -> Any:
        await asyncio.sleep(offset)
        texts = [x if isinstance(x, str) else LINES[x] for x in lines]
        texts += [] if texts[-1:] == [GOODBYE] else [GOODBYE]
        utterances = [(t, *self.speech[t]) for t in texts]
        # as the product's calls: engines of their own (the dialogue and the recogniser share
        # the call's listening hint), one VAD model per process
        providers = self.container.providers(vad=self.vad, listening=ListeningHint())
        try:
            return await voice_call(
                self.services,
                providers,
                utterances,
                greeting=self.services.greeting,
                room_name=room,
                reply_timeout=15.0,
                audio=AUDIO_FORMATS[self.audio],
                pauses=pauses,
            )
        finally:
            await providers.aclose()

    async def run(self, n: int, args: Any, seed: int) -> dict[str, Any]:
        """N calls at random offsets; raw figures (merged across processes by the parent)."""
        plan = _plan(n, args, random.Random(seed))
        lag = LoopLag().start()
        errors: list[str] = []

        async def one(i: int) -> Any:
            offset, lines, pauses = plan[i]
            try:
                return await self.call(offset, lines, pauses, room=f"bench-{seed}-{i}")
            except Exception as exc:  # noqa: BLE001 - reported
                errors.append(f"{type(exc).__name__}: {exc}")
                return None

        peak: dict[str, Any] = {"total": 0.0}

        async def sample_rss() -> None:
            while True:
                now = await asyncio.to_thread(rss_mb)
                if now["total"] > peak["total"]:
                    peak.update(now)
                await asyncio.sleep(1.0)

        sampler = asyncio.create_task(sample_rss())
        try:
            with CpuMeter() as cpu:
                results = [r for r in await asyncio.gather(*(one(i) for i in range(n))) if r]
        finally:
            sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampler
        await lag.stop()
        turns = [t for r in results for t in r.turns]
        return {
            "stages_ms": {
                k: [round(t.stages[k] * 1000, 1) for t in turns if k in t.stages] for k in STAGES
            },
            "calls": n,
            "latencies_ms": [round(t.latency * 1000, 1) for t in turns if t.latency is not None],
            "unanswered": sum(1 for t in turns if t.latency is None),
            "errors": errors,
            "frames_late_ms": [round(x * 1000, 1) for r in results for x in r.frames_late],
            "loop_lag_p99_ms": round(common.percentile([x * 1000 for x in lag.lags], 99), 1),
            "loop_lag_max_ms": round(lag.max * 1000, 1),
            "cpu_pct": cpu.pct,
            "wall_s": round(cpu.wall, 1),
            "rss_peak_mb": peak,
        }

    async def close(self) -> None:
        await self.container.aclose()


def summarize_run(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One run's figures over its processes' raw parts."""
    lat = [x for p in parts for x in p["latencies_ms"]]
    late = [x for p in parts for x in p["frames_late_ms"]]
    run = {
        "calls": sum(p["calls"] for p in parts),
        "turns": len(lat) + sum(p["unanswered"] for p in parts),
        "unanswered": sum(p["unanswered"] for p in parts),
        "errors": [e for p in parts for e in p["errors"]],
        "p50_ms": round(common.percentile(lat, 50), 1),
        "p95_ms": round(common.percentile(lat, 95), 1),
        "max_ms": round(max(lat, default=float("nan")), 1),
        "late_frames": len(late),
        "max_frame_late_ms": max(late, default=0.0),
        "loop_lag_p99_ms": max(p["loop_lag_p99_ms"] for p in parts),
        "loop_lag_max_ms": max(p["loop_lag_max_ms"] for p in parts),
        "cpu_pct": round(sum(p["cpu_pct"] for p in parts), 1),
        "wall_s": max(p["wall_s"] for p in parts),
        "rss_peak_mb": round(sum(p["rss_peak_mb"]["total"] for p in parts), 1),
        "rss_process_mb": max(p["rss_peak_mb"].get("process", 0.0) for p in parts),
        "rss_workers_mb": [w for p in parts for w in p["rss_peak_mb"].get("workers", [])],
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "stages": _stage_figures(parts),
    }
    run["realtime"] = not _misses(run)
    return run


def _stage_figures(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """p50/p95 of each stage of the turn's critical path (bench.voice.STAGES) over the turns
    whose markers were all seen."""
    out: dict[str, Any] = {}
    for k in STAGES:
        xs = [x for p in parts for x in p.get("stages_ms", {}).get(k, [])]
        out[k] = {
            "p50_ms": round(common.percentile(xs, 50), 1) if xs else None,
            "p95_ms": round(common.percentile(xs, 95), 1) if xs else None,
            "turns": len(xs),
        }
    return out


def _misses(r: dict[str, Any]) -> list[str]:
    out = []
    if not r["p95_ms"] < P95_LIMIT_MS:
        out.append(f"p95 {r['p95_ms']:.0f} ms >= {P95_LIMIT_MS:.0f}")
    if r["late_frames"]:
        out.append(f"{r['late_frames']} frames late (max {r['max_frame_late_ms']} ms)")
    if not r["loop_lag_p99_ms"] < LAG_P99_LIMIT_MS:
        out.append(f"loop lag p99 {r['loop_lag_p99_ms']} ms >= {LAG_P99_LIMIT_MS:.0f}")
    if r["unanswered"] or r["errors"]:
        out.append(f"{r['unanswered']} unanswered, {len(r['errors'])} errors")
    return out


def summarize_step(n: int, processes: int, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """A step's figures: the median over its runs of each run's figure."""

    def med(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 1)

    step: dict[str, Any] = {
        "calls_per_process": n,
        "processes": processes,
        "calls": n * processes,
        "runs": len(runs),
        "turns": runs[0]["turns"],
        "p50_ms": med("p50_ms"),
        "p95_ms": med("p95_ms"),
        "max_ms": med("max_ms"),
        "late_frames": int(statistics.median(r["late_frames"] for r in runs)),
        "max_frame_late_ms": med("max_frame_late_ms"),
        "loop_lag_p99_ms": med("loop_lag_p99_ms"),
        "loop_lag_max_ms": med("loop_lag_max_ms"),
        "cpu_pct": med("cpu_pct"),
        "rss_peak_mb": med("rss_peak_mb"),
        "rss_process_mb": med("rss_process_mb"),
        "unanswered": int(statistics.median(r["unanswered"] for r in runs)),
        "errors": [e for r in runs for e in r["errors"]][:5],
        "runs_in_realtime": sum(1 for r in runs if r["realtime"]),
        "loadavg_1m": [r["loadavg_1m"] for r in runs],
        "stages": {
            k: {
                q: _median_or_none([r["stages"][k][q] for r in runs])
                for q in ("p50_ms", "p95_ms", "turns")
            }
            for k in STAGES
        },
        "per_run": runs,
    }
    misses = _misses({**step, "errors": [] if step["unanswered"] == 0 else step["errors"]})
    step["realtime"] = not misses
    step["misses"] = misses
    return step


def _median_or_none(xs: list[float | None]) -> float | None:
    got = [x for x in xs if x is not None]
    return round(statistics.median(got), 1) if got else None


# --- one process ---------------------------------------------------------------------------
async def _single(args: Any, workdir: Path) -> dict[str, Any]:
    engine = Engine()
    warm = await engine.start(args, workdir, max(args.ramp))
    steps: list[dict[str, Any]] = []
    try:
        for n in args.ramp:
            runs = []
            for k in range(args.runs):
                with common.Progress(f"N={n} run {k + 1}/{args.runs}", quiet=args.quiet):
                    runs.append(
                        summarize_run([await engine.run(n, args, args.seed + 1000 * k + n)])
                    )
            step = summarize_step(n, 1, runs)
            steps.append(step)
            if not step["realtime"] and not args.keep_going:
                break
    finally:
        await engine.close()
    return {"warm_up": warm, "steps": steps}


async def _child(args: Any) -> None:
    """A child process of ``--processes``: warm up, say READY, wait for GO, run, print JSON."""
    n = args.ramp[0]
    with tempfile.TemporaryDirectory(prefix="bench-concurrency-") as tmp:
        engine = Engine()
        await engine.start(args, Path(tmp), n)
        try:
            loop = asyncio.get_running_loop()
            for _ in range(args.runs):
                print("READY", flush=True)
                words = (await loop.run_in_executor(None, sys.stdin.readline)).split()
                if not words or words[0] != "GO":  # "GO <seed>"; anything else: stop
                    return
                seed = int(words[1]) if len(words) > 1 else args.seed
                part = await engine.run(n, args, seed)
                print("RESULT " + json.dumps(part), flush=True)
        finally:
            await engine.close()


def _child_argv(args: Any, n: int) -> list[str]:
    argv = [sys.executable, "-m", "bench.concurrency", "--child", "--quiet", "--ramp", str(n)]
    argv += ["--runs", str(args.runs), "--turns", str(args.turns), "--spread", str(args.spread)]
    argv += ["--pause", f"{args.pause[0]},{args.pause[1]}", "--audio", args.audio]
    argv += ["--script", args.script]
    if args.no_settle_heap:
        argv.append("--no-settle-heap")
    if args.stt_workers:
        argv += ["--stt-workers", str(args.stt_workers)]
    return argv


def _read_until(proc: subprocess.Popen[str], prefix: str) -> str:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(prefix):
            return line
    raise RuntimeError(f"bench child {proc.pid} exited (code {proc.wait()}) before {prefix}")


def _multi(args: Any) -> dict[str, Any]:
    steps: list[dict[str, Any]] = []
    for n in args.ramp:
        procs = [
            subprocess.Popen(
                _child_argv(args, n), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
            for _ in range(args.processes)
        ]
        runs = []
        try:
            for k in range(args.runs):
                with common.Progress(
                    f"{args.processes} x N={n} run {k + 1}/{args.runs}", quiet=args.quiet
                ):
                    for proc in procs:
                        _read_until(proc, "READY")
                    for i, proc in enumerate(procs):
                        assert proc.stdin is not None
                        proc.stdin.write(f"GO {args.seed + 1000 * k + 100 * i + n}\n")
                        proc.stdin.flush()
                    parts = [json.loads(_read_until(p, "RESULT ")[7:]) for p in procs]
                runs.append(summarize_run(parts))
        finally:
            for proc in procs:
                if proc.stdin is not None:
                    proc.stdin.close()
            for proc in procs:
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
        step = summarize_step(n, args.processes, runs)
        steps.append(step)
        if not step["realtime"] and not args.keep_going:
            break
    return {"steps": steps}


def _run(args: Any) -> dict[str, Any]:
    env = common.environment()
    started = time.perf_counter()
    if args.processes > 1:
        body = _multi(args)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-concurrency-") as tmp:
            body = asyncio.run(_single(args, Path(tmp)))
    env["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    held = [s["calls"] for s in body["steps"] if s["realtime"]]
    return {
        "benchmark": NAME,
        "config": {
            "ramp": args.ramp,
            "processes": args.processes,
            "runs": args.runs,
            "turns": args.turns,
            "spread_s": args.spread,
            "pause_s": list(args.pause),
            "script": args.script,
            "second_opinion": Settings(_env_file=None).offline_second_opinion,  # type: ignore[call-arg]
            "audio": f"{args.audio}: {describe_audio(AUDIO_FORMATS[args.audio])}",
            "settle_heap": not args.no_settle_heap,
            "stt_workers": shared_pool().size if args.processes == 1 else args.stt_workers,
            "limits": {"p95_ms": P95_LIMIT_MS, "loop_lag_p99_ms": LAG_P99_LIMIT_MS},
            "quick": args.quick,
        },
        "environment": env,
        **body,
        "max_realtime_calls": max(held) if held else 0,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }


COLUMNS = (
    ("procs", "processes"),
    ("calls", "calls"),
    ("turns", "turns"),
    ("p50 ms", "p50_ms"),
    ("p95 ms", "p95_ms"),
    ("late", "late_frames"),
    ("lag p99", "loop_lag_p99_ms"),
    ("lag max", "loop_lag_max_ms"),
    ("cpu %", "cpu_pct"),
    ("RSS MB", "rss_peak_mb"),
)


def _pair(fig: dict[str, Any]) -> str:
    if fig["p50_ms"] is None:
        return "-"
    return f"{fig['p50_ms']:.0f} / {fig['p95_ms']:.0f}"


def report(doc: dict[str, Any]) -> None:
    steps = doc["steps"]
    rows = [
        [s[k] for _, k in COLUMNS]
        + [
            f"{s['runs_in_realtime']}/{s['runs']}",
            "yes" if s["realtime"] else "NO",
            " ".join(f"{x:.2f}" for x in s["loadavg_1m"]),
        ]
        for s in steps
    ]
    cfg = doc["config"]
    common.print_table(
        [h for h, _ in COLUMNS] + ["runs ok", "real time", "load (1 min) per run"],
        rows,
        title=(
            f"Offline calls, end of speech -> first audio (median of {cfg['runs']} runs; "
            f"starts within {cfg['spread_s']:g} s, pauses {cfg['pause_s'][0]:g}-"
            f"{cfg['pause_s'][1]:g} s; script {cfg['script']}, second opinion "
            f"{cfg['second_opinion']})"
        ),
    )
    common.print_table(
        ["calls", "timed turns", *STAGES],
        [
            [
                s["calls"],
                s["stages"][STAGES[0]]["turns"],
                *(_pair(s["stages"][k]) for k in STAGES),
            ]
            for s in steps
        ],
        title="Per stage, p50 / p95 ms (median of the runs; see bench.voice.STAGES)",
    )
    for s in steps:
        if s["misses"]:
            print(f"{s['calls']} calls: " + "; ".join(s["misses"]))
    print(
        f"max calls in real time ({cfg['processes']} process(es)): {doc['max_realtime_calls']}"
        f"; load average at the end {doc['environment']['loadavg_end']}"
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any] | None:
    args = parse_args(argv)
    common.quiet_logs()
    if args.child:
        asyncio.run(_child(args))
        return None
    return common.publish(NAME, _run(args), report=report, path=args.json)


if __name__ == "__main__":
    main()
