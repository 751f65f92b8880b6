"""Concurrent sessions: how many calls one process keeps in real time on this machine.

Voice: N simultaneous OFFLINE voice calls in one process and one event loop - real Silero VAD
(one model, shared), PocketSphinxSTT, DialogueLLM and EspeakTTS from the composition root
with offline settings (one set shared by every call, built without a listening hint), the
real tools on one SQLite database - each call with its own ``ScriptedCallerInput``
(espeak-ng caller lines, real-time paced) and ``RecordingAudioOutput``. Call starts are
staggered by ``--stagger`` seconds. N ramps 1, 2, 3, 4, 6, 8, ... and stops at the first N
where a session:

* has an agent audio frame late by more than 100 ms (``RecordingAudioOutput.frames_late``:
  an audible gap), or
* has end-of-speech -> first-audio p95 above 2x the N=1 figure, or
* sees the event loop more than 100 ms late (a ticker task sleeping 20 ms), or
* leaves a turn unanswered.

Text: N simultaneous text-mode calls (``session.run(user_input=...)``, a fake LLM with no
delay, the real tools over SQLite, the call recorder writing rows), started over one second,
three turns each with ``--think`` seconds (default 1) between turns; per-turn latency =
duration of ``session.run``. N ramps 10, 50, 100, 200, 500 (within the time budget); a step
is within target when per-turn p95 < 200 ms. ``--think 0`` gives a back-to-back burst.

    python -m bench.sessions            # ~5 min
    python -m bench.sessions --quick    # < 45 s
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench import common
from bench.voice import LoopLag, caller_speech, scheduling_reply, voice_call
from voice_agent.adapters.voice.providers import Providers, load_vad
from voice_agent.adapters.voice.session import CallServices, build_session, start_call
from voice_agent.bootstrap import Container, bootstrap
from voice_agent.config import Settings
from voice_agent.testing.fakes import ScriptedLLM

NAME = "sessions"
LATE_LIMIT = 0.100
LAG_LIMIT = 0.100
DEGRADE_FACTOR = 2.0
TEXT_P95_LIMIT_MS = 200.0
VOICE_LINES = [
    "What times are available on Friday?",
    "What about Thursday?",
    "No thanks. Goodbye.",
]
TEXT_TURNS = [
    "Hi, what are your opening hours?",
    "What times are available on Friday?",
    "Thanks, I will think about it.",
]


def parse_args(argv: Sequence[str] | None) -> Any:
    p = common.base_parser(__doc__.splitlines()[0])
    p.add_argument("--voice-ramp", default=None, help="comma list (default 1,2,3,4,6,8,10,12)")
    p.add_argument("--text-ramp", default=None, help="comma list (default 10,50,100,200,500)")
    p.add_argument("--voice-turns", type=int, default=None, help="caller lines per call (3)")
    p.add_argument("--stagger", type=float, default=0.5, help="seconds between call starts")
    p.add_argument("--budget", type=float, default=None, help="seconds for the voice ramp")
    p.add_argument("--text-budget", type=float, default=None, help="seconds for the text ramp")
    p.add_argument("--text-llm-delay", type=float, default=0.0)
    p.add_argument("--think", type=float, default=1.0, help="text: pause between turns (s)")
    p.add_argument(
        "--cold",
        action="store_true",
        help="pre-load one STT decoder set only (not one per session)",
    )
    p.add_argument("--no-voice", action="store_true")
    p.add_argument("--no-text", action="store_true")
    args = p.parse_args(argv)
    if args.voice_ramp is None:
        args.voice_ramp = "1,2" if args.quick else "1,2,3,4,6,8,10,12"
    if args.text_ramp is None:
        args.text_ramp = "10,50" if args.quick else "10,50,100,200,500"
    if args.voice_turns is None:
        args.voice_turns = 1 if args.quick else len(VOICE_LINES)
    if args.budget is None:
        args.budget = 30.0 if args.quick else 200.0
    if args.text_budget is None:
        args.text_budget = 12.0 if args.quick else 90.0
    args.voice_ramp = [int(x) for x in str(args.voice_ramp).split(",") if x]
    args.text_ramp = [int(x) for x in str(args.text_ramp).split(",") if x]
    return args


async def prewarm_decoders(stt_engine: Any, n: int) -> dict[str, Any] | None:
    """Load ``n`` pocketsphinx decoder sets before the ramp (as a worker would at start-up)
    and measure what loading one costs the event loop.

    ``PocketSphinxSTT`` loads a decoder set per concurrent stream on first use, in a worker
    thread - but pocketsphinx holds the GIL while loading, so the event loop stalls for the
    whole load (~200-250 ms here). Without this warm-up the first call that needs a new set
    shows that stall as loop lag. Uses the engine's private pool (``_acquire``/``_release``).
    """
    if not hasattr(stt_engine, "_acquire"):
        if not hasattr(stt_engine, "recognizer_config"):
            return None
        # decoding runs in recognition worker processes: start them and their decoders now
        lag = LoopLag().start()
        t0 = time.perf_counter()
        await asyncio.to_thread(stt_engine.prewarm, max(1, n))
        load_s = time.perf_counter() - t0
        await lag.stop()
        return {
            "decoder_set_load_ms": round(load_s * 1000, 1),
            "loop_lag_during_load_ms": round(lag.max * 1000, 1),
            "prewarmed_sets": max(1, n),
        }
    lag = LoopLag().start()
    await asyncio.sleep(0.2)
    t0 = time.perf_counter()
    first = await asyncio.to_thread(stt_engine._create_set)
    load_s = time.perf_counter() - t0
    await asyncio.sleep(0.1)
    await lag.stop()
    sets = [first] + [await asyncio.to_thread(stt_engine._acquire) for _ in range(max(0, n - 1))]
    for dec in sets:
        stt_engine._release(dec)
    return {
        "decoder_set_load_ms": round(load_s * 1000, 1),
        "loop_lag_during_load_ms": round(lag.max * 1000, 1),
        "prewarmed_sets": len(sets),
    }


def _settings(workdir: Path, name: str) -> Settings:
    return Settings(
        database_url=f"sqlite:///{workdir / f'{name}.db'}",
        data_dir=workdir / name,
        stt_provider="offline",
        tts_provider="offline",
        llm_provider="offline",
        _env_file=None,  # type: ignore[call-arg]
    )


@dataclass
class Ramp:
    """Steps of growing N within a time budget (a step's results go in ``steps``)."""

    budget: float
    steps: list[dict[str, Any]] = field(default_factory=list)
    stop_reason: str | None = None
    started: float = field(default_factory=time.monotonic)

    def out_of_time(self, n: int, projected: float) -> bool:
        """Whether step N, expected to take ``projected`` seconds, would overrun the budget."""
        if time.monotonic() - self.started + projected <= self.budget:
            return False
        self.stop_reason = f"time budget ({self.budget:.0f} s) reached before N={n}"
        return True


class CpuMeter:
    def __init__(self) -> None:
        self.proc = psutil.Process()

    def __enter__(self) -> CpuMeter:
        self.t0 = time.perf_counter()
        self.c0 = self.proc.cpu_times()
        psutil.cpu_percent(None)
        return self

    def __exit__(self, *exc: object) -> None:
        c1 = self.proc.cpu_times()
        wall = time.perf_counter() - self.t0
        used = (c1.user - self.c0.user) + (c1.system - self.c0.system)
        self.process_pct = round(100.0 * used / wall, 1) if wall > 0 else 0.0
        self.system_pct = psutil.cpu_percent(None)
        self.wall = wall


# --- voice -------------------------------------------------------------------------------------
async def voice_step(
    n: int, args: Any, services: CallServices, providers: Providers, utterances: list[Any]
) -> dict[str, Any]:
    lag = LoopLag().start()
    results: list[Any] = []
    errors: list[str] = []

    async def one(i: int) -> None:
        await asyncio.sleep(i * args.stagger)
        try:
            results.append(
                await voice_call(
                    services,
                    providers,
                    utterances,
                    greeting=services.greeting,
                    room_name=f"bench-voice-{n}-{i}",
                    reply_timeout=15.0,
                )
            )
        except Exception as exc:  # noqa: BLE001 - reported
            errors.append(f"{type(exc).__name__}: {exc}")

    with CpuMeter() as cpu:
        await asyncio.gather(*(one(i) for i in range(n)))
    await lag.stop()
    lat = [t.latency for r in results for t in r.turns if t.latency is not None]
    unanswered = sum(1 for r in results for t in r.turns if t.latency is None)
    late = [x for r in results for x in r.frames_late]
    return {
        "sessions": n,
        "turns": sum(len(r.turns) for r in results),
        "unanswered": unanswered,
        "errors": errors,
        "p50_ms": round(common.percentile([x * 1000 for x in lat], 50), 1),
        "p95_ms": round(common.percentile([x * 1000 for x in lat], 95), 1),
        "max_ms": round(max(lat, default=float("nan")) * 1000, 1),
        "late_frames": len(late),
        "max_frame_late_ms": round(max(late, default=0.0) * 1000, 1),
        "max_loop_lag_ms": round(lag.max * 1000, 1),
        "p99_loop_lag_ms": round(common.percentile([x * 1000 for x in lag.lags], 99), 1),
        "cpu_process_pct": cpu.process_pct,
        "cpu_system_pct": cpu.system_pct,
        "wall_s": round(cpu.wall, 1),
    }


async def run_voice(args: Any, workdir: Path) -> dict[str, Any]:
    settings = _settings(workdir, "voice")
    container = await bootstrap(settings)
    vad = await asyncio.to_thread(load_vad, settings)
    providers = container.providers(vad=vad)
    decoder_stall = await prewarm_decoders(providers.stt, 0 if args.cold else max(args.voice_ramp))
    lines = VOICE_LINES[: args.voice_turns]
    utterances = []
    for line in lines:
        samples, rate = await asyncio.to_thread(caller_speech, line)
        utterances.append((line, samples, rate))
    services = container.call_services()
    ramp = Ramp(args.budget)
    steps = ramp.steps
    try:
        for n in args.voice_ramp:
            if steps and ramp.out_of_time(n, steps[-1]["wall_s"] * 1.3):
                break
            with common.Progress(f"voice N={n}", quiet=args.quiet):
                step = await voice_step(n, args, services, providers, utterances)
            base = steps[0]["p95_ms"] if steps else step["p95_ms"]
            reasons = []
            if step["max_frame_late_ms"] > LATE_LIMIT * 1000:
                reasons.append(f"frame late {step['max_frame_late_ms']} ms > 100")
            if steps and step["p95_ms"] > DEGRADE_FACTOR * base:
                reasons.append(f"p95 {step['p95_ms']} ms > 2 x N=1 ({base} ms)")
            if step["max_loop_lag_ms"] > LAG_LIMIT * 1000:
                reasons.append(f"loop lag {step['max_loop_lag_ms']} ms > 100")
            if step["unanswered"] or step["errors"]:
                reasons.append(f"{step['unanswered']} unanswered, {len(step['errors'])} errors")
            step["realtime"] = not reasons
            step["violations"] = reasons
            steps.append(step)
            if reasons:
                ramp.stop_reason = f"N={n}: " + "; ".join(reasons)
                break
    finally:
        await providers.aclose()
        await container.aclose()
    held = [s["sessions"] for s in steps if s["realtime"]]
    return {
        "engines": dict(providers.modes),
        "decoder_prewarm": decoder_stall,
        "lines": lines,
        "stagger_s": args.stagger,
        "steps": steps,
        "max_realtime_sessions": max(held) if held else 0,
        "stop_reason": ramp.stop_reason or "ramp exhausted (all steps real-time)",
    }


# --- text --------------------------------------------------------------------------------------
async def text_step(n: int, args: Any, container: Container, model: ScriptedLLM) -> dict[str, Any]:
    lag = LoopLag().start()
    turn_lat: list[float] = []
    start_lat: list[float] = []
    finish_lat: list[float] = []
    errors: list[str] = []

    async def one(i: int) -> None:
        await asyncio.sleep(i / n)  # starts spread over one second
        try:
            t0 = time.perf_counter()
            session = build_session(llm=model)
            handle = await start_call(
                container.call_services(), session, room_name=f"bench-text-{n}-{i}"
            )
            start_lat.append(time.perf_counter() - t0)
            try:
                for k, line in enumerate(TEXT_TURNS):
                    if k and args.think > 0:
                        await asyncio.sleep(args.think)
                    t = time.perf_counter()
                    await session.run(user_input=line)
                    turn_lat.append(time.perf_counter() - t)
            finally:
                t = time.perf_counter()
                await handle.aclose()
                finish_lat.append(time.perf_counter() - t)
        except Exception as exc:  # noqa: BLE001 - reported
            errors.append(f"{type(exc).__name__}: {exc}")

    with CpuMeter() as cpu:
        await asyncio.gather(*(one(i) for i in range(n)))
    await lag.stop()
    ms = [x * 1000 for x in turn_lat]
    return {
        "sessions": n,
        "turns": len(turn_lat),
        "errors": len(errors),
        "error_samples": errors[:3],
        "turn_p50_ms": round(common.percentile(ms, 50), 1),
        "turn_p95_ms": round(common.percentile(ms, 95), 1),
        "turn_max_ms": round(max(ms, default=float("nan")), 1),
        "start_p95_ms": round(common.percentile([x * 1000 for x in start_lat], 95), 1),
        "finish_p95_ms": round(common.percentile([x * 1000 for x in finish_lat], 95), 1),
        "max_loop_lag_ms": round(lag.max * 1000, 1),
        "cpu_process_pct": cpu.process_pct,
        "cpu_system_pct": cpu.system_pct,
        "wall_s": round(cpu.wall, 1),
        "turns_per_s": round(len(turn_lat) / cpu.wall, 1) if cpu.wall else None,
    }


async def run_text(args: Any, workdir: Path) -> dict[str, Any]:
    settings = _settings(workdir, "text")
    container = await bootstrap(settings)
    model = ScriptedLLM(
        first_token_delay=args.text_llm_delay,
        reply=scheduling_reply("Of course. We are open Monday to Friday, nine to four."),
    )
    ramp = Ramp(args.text_budget)
    steps = ramp.steps
    try:
        for n in args.text_ramp:
            if steps and ramp.out_of_time(n, steps[-1]["wall_s"] * n / steps[-1]["sessions"]):
                break
            with common.Progress(f"text N={n}", quiet=args.quiet):
                step = await text_step(n, args, container, model)
            step["within_target"] = step["turn_p95_ms"] < TEXT_P95_LIMIT_MS and not step["errors"]
            steps.append(step)
    finally:
        await container.aclose()
    ok = [s["sessions"] for s in steps if s["within_target"]]
    return {
        "llm_first_token_s": args.text_llm_delay,
        "think_s": args.think,
        "start_spread_s": 1.0,
        "turns_per_call": TEXT_TURNS,
        "steps": steps,
        "max_sessions_within_target": max(ok) if ok else 0,
        "target_turn_p95_ms": TEXT_P95_LIMIT_MS,
        "stop_reason": ramp.stop_reason or "ramp exhausted",
    }


async def _run(args: Any) -> dict[str, Any]:
    env = common.environment()
    started = time.perf_counter()
    doc: dict[str, Any] = {
        "benchmark": NAME,
        "config": {
            "voice_ramp": args.voice_ramp,
            "text_ramp": args.text_ramp,
            "voice_turns": args.voice_turns,
            "stagger_s": args.stagger,
            "limits": {
                "frame_late_ms": LATE_LIMIT * 1000,
                "loop_lag_ms": LAG_LIMIT * 1000,
                "p95_degradation": DEGRADE_FACTOR,
                "text_turn_p95_ms": TEXT_P95_LIMIT_MS,
            },
            "quick": args.quick,
        },
        "environment": env,
    }
    with tempfile.TemporaryDirectory(prefix="bench-sessions-") as tmp:
        if not args.no_voice:
            doc["voice"] = await run_voice(args, Path(tmp))
        if not args.no_text:
            doc["text"] = await run_text(args, Path(tmp))
    doc["wall_seconds"] = round(time.perf_counter() - started, 1)
    env["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    return doc


VOICE_COLUMNS = (
    ("N", "sessions"),
    ("turns", "turns"),
    ("p50 ms", "p50_ms"),
    ("p95 ms", "p95_ms"),
    ("max late ms", "max_frame_late_ms"),
    ("max lag ms", "max_loop_lag_ms"),
    ("cpu %", "cpu_process_pct"),
)
TEXT_COLUMNS = (
    ("N", "sessions"),
    ("turns", "turns"),
    ("p50 ms", "turn_p50_ms"),
    ("p95 ms", "turn_p95_ms"),
    ("max ms", "turn_max_ms"),
    ("turns/s", "turns_per_s"),
    ("max lag ms", "max_loop_lag_ms"),
    ("cpu %", "cpu_process_pct"),
)


def _steps_table(
    steps: list[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    verdict: tuple[str, str],
    title: str,
) -> None:
    """One row per ramp step; the last column (``verdict``: header, key) says if it held."""
    header, flag = verdict
    common.print_table(
        [name for name, _ in columns] + [header],
        [[s[key] for _, key in columns] + ["yes" if s[flag] else "NO"] for s in steps],
        title=title,
    )


def report(doc: dict[str, Any]) -> None:
    if "voice" in doc:
        v = doc["voice"]
        title = "Offline voice sessions in one process (end of speech -> first audio)"
        _steps_table(v["steps"], VOICE_COLUMNS, ("real-time", "realtime"), title)
        print(f"max real-time voice sessions: {v['max_realtime_sessions']} ({v['stop_reason']})")
    if "text" in doc:
        t = doc["text"]
        title = "Text-mode sessions, fake LLM (per-turn session.run duration)"
        _steps_table(t["steps"], TEXT_COLUMNS, ("ok", "within_target"), title)
        print(
            f"max text sessions with turn p95 < {t['target_turn_p95_ms']:.0f} ms: "
            f"{t['max_sessions_within_target']} ({t['stop_reason']})"
        )


main = common.async_main(NAME, parse_args, _run, report)


if __name__ == "__main__":
    main()
