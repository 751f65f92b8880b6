"""Turn latency budget: end of caller speech -> first agent audio frame, per turn.

Real ``AgentSession``s (the project's ``build_providers`` / ``build_session`` / ``start_call``
with the call recorder, events and cost meter) over the real Silero VAD, with fake providers
that only wait (voice_agent.testing.fakes): STT final ``--stt-delay`` after the session
flushes it at end of speech, LLM first token ``--llm-delay`` after each request, TTS first audio
``--tts-delay`` after each request (defaults: the low ends of the seed's published per-stage
figures, 200 / 500 / 200 ms). The caller is espeak-ng speech (silence trimmed) played in real
time through ``ScriptedCallerInput`` in the format the product's calls get from their room
(16 kHz as the worker asks for, 50 ms frames, each handed over once spoken; ``--audio
livekit-24k`` for a room's default 24 kHz; end of speech = when the last voiced sample was
spoken); the
agent's audio goes to ``RecordingAudioOutput`` at 24 kHz, re-framed to 50 ms as a room's
output is. The tool variant calls the real ``fetch_available_slots`` over a
SQLite database, then answers from its result (two LLM requests per turn).

Per turn: measured = first agent audio frame - last caller speech frame; provider sum = the
configured delays the turn waited for (STT + LLM x requests + TTS); overhead = measured -
provider sum - VAD_MIN_SILENCE (the silence Silero must see before it may declare end of
speech: a design parameter, not processing). The overhead is then split from the fakes'
timestamps into Silero's detection lag, the pipeline's own time between providers
(framework + project code: turn commit, tool execution, recorder/event handlers, sentence
splitting, audio forwarding) and sleep overshoot inside the fakes.

Variants: no_tool, tool, a shorter VAD silence, and another Silero deactivation threshold
(``--deactivation``, default 0.35: the plugin's own, activation - 0.15; the product's default
is 0.5, ``VAD_DEACTIVATION_THRESHOLD``), which is the setting that moves the VAD's detection
lag.

    python -m bench.turn_latency            # 20 turns per variant (~7 min)
    python -m bench.turn_latency --quick    # 3 turns per variant (~40 s)
"""

from __future__ import annotations

import asyncio
import functools
import os
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from livekit.plugins import silero

from bench import common
from bench.voice import AUDIO_FORMATS, caller_speech, cloud_like_tts, first_after, voice_call
from voice_agent.adapters.voice.providers import Engines, load_vad
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.testing.fakes import FakeSTT, ScriptedLLM, receptionist_reply

NAME = "turn_latency"
TARGET_OVERHEAD_P95_MS = 30.0
SEED_PUBLISHED = {"no_tool": "1.5-3 s", "tool": "3-5 s"}
LINES = [
    "What times are available on Friday?",
    "Do you have anything on Monday morning?",
    "Is Thursday afternoon free?",
    "Can I come in next week?",
]


def parse_args(argv: Sequence[str] | None) -> Any:
    p = common.base_parser(__doc__.splitlines()[0])
    p.add_argument("--turns", type=int, default=None, help="turns per variant (20; quick 3)")
    p.add_argument(
        "--runs", type=int, default=None, help="runs of every variant; figures are medians (3)"
    )
    # the seed's published per-stage figures, low ends: STT 200-500 ms, LLM 500-1,500 ms,
    # TTS 200-400 ms
    p.add_argument("--stt-delay", type=float, default=0.2)
    p.add_argument("--llm-delay", type=float, default=0.5)
    p.add_argument("--tts-delay", type=float, default=0.2)
    p.add_argument(
        "--token-interval", type=float, default=0.0, help="LLM delay between words after the first"
    )
    p.add_argument(
        "--short-silence", type=float, default=0.3, help="VAD min silence of the extra variant"
    )
    p.add_argument("--no-short", action="store_true", help="skip the short-silence variant")
    p.add_argument(
        "--deactivation",
        type=float,
        default=0.35,
        help="Silero deactivation threshold of the extra VAD variant (0.35, the plugin's own;"
        " the product's default is 0.5)",
    )
    p.add_argument("--no-deactivation", action="store_true", help="skip that variant")
    p.add_argument(
        "--audio",
        choices=tuple(AUDIO_FORMATS),
        default="livekit",
        help=(
            "caller frames: livekit = 16 kHz, 50 ms (what the worker asks its room for);"
            " livekit-24k = 24 kHz, 50 ms (a room's default); legacy = 16 kHz, 20 ms"
        ),
    )
    args = p.parse_args(argv)
    if args.turns is None:
        args.turns = 3 if args.quick else 20
    if args.runs is None:
        args.runs = 1 if args.quick else 3
    if args.runs < 1:
        p.error("--runs must be at least 1")
    return args


def median_of_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One variant's figures over its runs: every number is the median of the runs' values
    (lists and text come from the first run); ``per_run`` keeps each run's summary."""

    merged: dict[str, Any] = common.median_merge(runs)
    merged["runs"] = len(runs)
    merged["loadavg_1m"] = [r["loadavg_1m"] for r in runs]
    merged["per_run"] = [
        {k: v for k, v in r.items() if k not in ("per_turn", "per_run")} for r in runs
    ]
    return merged


def _ms(x: float | None) -> float | None:
    return None if x is None else round(x * 1000.0, 2)


def _stats(values: list[float]) -> dict[str, Any]:
    ms = [v * 1000.0 for v in values]
    return {
        "n": len(ms),
        "p50_ms": round(common.percentile(ms, 50), 2),
        "p95_ms": round(common.percentile(ms, 95), 2),
        "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
        "max_ms": round(max(ms), 2) if ms else None,
        "min_ms": round(min(ms), 2) if ms else None,
    }


async def run_variant(
    args: Any,
    *,
    name: str,
    tool: bool,
    silence: float,
    workdir: Path,
    vad_cache: dict,
    deactivation: float | None = None,
) -> dict[str, Any]:
    settings = Settings(
        database_url=f"sqlite:///{workdir / f'{name}.db'}",
        data_dir=workdir / name,
        stt_provider="offline",
        tts_provider="offline",
        llm_provider="offline",
        vad_min_silence=silence,
        _env_file=None,  # type: ignore[call-arg]
    )
    if (silence, deactivation) not in vad_cache:
        if deactivation is None:
            vad_cache[silence, None] = await asyncio.to_thread(load_vad, settings)
        else:
            vad_cache[silence, deactivation] = await asyncio.to_thread(
                functools.partial(
                    silero.VAD.load,
                    min_silence_duration=silence,
                    min_speech_duration=settings.vad_min_speech,
                    deactivation_threshold=deactivation,
                )
            )
    vad = vad_cache[silence, deactivation]
    fake_stt = FakeSTT(delay=args.stt_delay)
    policy = receptionist_reply(
        tool=("fetch_available_slots", {"date": "Friday"}) if tool else None,
        text="Sure. We are open Monday to Friday from nine to four. What day suits you?",
    )
    fake_llm = ScriptedLLM(
        first_token_delay=args.llm_delay, token_interval=args.token_interval, reply=policy
    )
    fake_tts = cloud_like_tts(first_audio_delay=args.tts_delay)
    engines = Engines(
        offline_stt=lambda s: fake_stt,
        offline_llm=lambda s: fake_llm,
        offline_tts=lambda s: fake_tts,
    )
    container = await bootstrap(settings, engines=engines)
    providers = container.providers(vad=vad)
    speech = [caller_speech(LINES[i % len(LINES)]) for i in range(len(LINES))]
    utterances = [(LINES[i % len(LINES)], *speech[i % len(LINES)]) for i in range(args.turns)]

    def before_turn(_i: int, text: str) -> None:
        fake_stt.text = text.lower().rstrip("?.")

    try:
        result = await voice_call(
            container.call_services(),
            providers,
            utterances,
            before_turn=before_turn,
            audio=AUDIO_FORMATS[args.audio],
        )
    finally:
        await providers.aclose()
        await container.aclose()

    llm_per_turn = 2 if tool else 1
    provider_sum = args.stt_delay + args.llm_delay * llm_per_turn + args.tts_delay
    rows = []
    flushes = fake_stt.times("stt_flush")
    finals = fake_stt.times("stt_final")
    llm_calls = fake_llm.times("llm_call")
    llm_first = fake_llm.times("llm_first_token")
    tts_calls = fake_tts.times("tts_call")
    tts_first = fake_tts.times("tts_first_audio")
    for t in result.turns:
        lat = t.latency
        row: dict[str, Any] = {"caller": t.caller, "latency_ms": _ms(lat), "reply": t.reply}
        if lat is None or t.end_of_speech is None or t.first_audio is None:
            rows.append(row)
            continue
        eos, out = t.end_of_speech, t.first_audio
        flush = first_after(flushes, eos)
        final = first_after(finals, flush)
        c1 = first_after(llm_calls, final)
        f1 = first_after(llm_first, c1)
        c_last, f_last = c1, f1
        if tool:
            c_last = first_after(llm_calls, f1)
            f_last = first_after(llm_first, c_last)
        tc = first_after(tts_calls, f_last)
        ta = first_after(tts_first, tc)
        stamps = [flush, final, c1, f1, c_last, f_last, tc, ta]
        row.update(
            overhead_ms=_ms(lat - provider_sum - silence),
            provider_sum_ms=_ms(provider_sum),
        )
        if all(s is not None and eos <= s <= out + 1e-6 for s in stamps):
            assert None not in stamps
            vad_lag = flush - eos - silence  # type: ignore[operator]
            stt = final - flush  # type: ignore[operator]
            llm1 = f1 - c1  # type: ignore[operator]
            tool_gap = (c_last - f1) if tool else 0.0  # type: ignore[operator]
            llm2 = (f_last - c_last) if tool else 0.0  # type: ignore[operator]
            tts = ta - tc  # type: ignore[operator]
            pipeline = (c1 - final) + tool_gap + (tc - f_last) + (out - ta)  # type: ignore[operator]
            overshoot = (stt - args.stt_delay) + (llm1 - args.llm_delay) + (tts - args.tts_delay)
            if tool:
                overshoot += llm2 - args.llm_delay
            row["breakdown_ms"] = {
                "eos_to_vad_end": _ms(flush - eos),  # type: ignore[operator]
                "vad_detection_lag": _ms(vad_lag),
                "stt": _ms(stt),
                "final_to_llm_request": _ms(c1 - final),  # type: ignore[operator]
                "llm_first_token": _ms(llm1),
                "tool_step": _ms(tool_gap) if tool else None,
                "llm2_first_token": _ms(llm2) if tool else None,
                "llm_to_tts_request": _ms(tc - f_last),  # type: ignore[operator]
                "tts_first_audio": _ms(tts),
                "tts_to_output_frame": _ms(out - ta),  # type: ignore[operator]
                "pipeline": _ms(pipeline),
                "provider_overshoot": _ms(overshoot),
            }
            row["pipeline_ms"] = _ms(pipeline)
            row["vad_lag_ms"] = _ms(vad_lag)
        rows.append(row)

    ok = [r for r in rows if r.get("latency_ms") is not None]
    lat_s = [r["latency_ms"] / 1000 for r in ok]
    over_s = [r["overhead_ms"] / 1000 for r in ok]
    pipe_s = [r["pipeline_ms"] / 1000 for r in ok if r.get("pipeline_ms") is not None]
    vad_s = [r["vad_lag_ms"] / 1000 for r in ok if r.get("vad_lag_ms") is not None]
    conv = result.conversation
    return {
        "variant": name,
        "tool": tool,
        "vad_min_silence_s": silence,
        "vad_deactivation_threshold": deactivation,
        "turns": len(result.turns),
        "answered": len(ok),
        "provider_sum_ms": round(provider_sum * 1000, 2),
        "measured": _stats(lat_s),
        "overhead": _stats(over_s),
        "pipeline": _stats(pipe_s),
        "vad_detection_lag": _stats(vad_s),
        "frames_late_max_ms": _ms(max(result.frames_late, default=0.0)),
        "transcript_turns": len(conv.transcript) if conv is not None else None,
        "per_turn": rows,
    }


async def _run(args: Any) -> dict[str, Any]:
    default_silence = Settings(_env_file=None).vad_min_silence  # type: ignore[call-arg]
    variants: list[tuple[str, bool, float, float | None]] = [
        ("no_tool", False, default_silence, None),
        ("tool", True, default_silence, None),
    ]
    if not args.no_short:
        name = f"no_tool_silence_{args.short_silence:g}"
        variants.append((name, False, args.short_silence, None))
    if not args.no_deactivation:
        name = f"no_tool_deactivation_{args.deactivation:g}"
        variants.append((name, False, default_silence, args.deactivation))
    env = common.environment()
    started = time.perf_counter()
    by_variant: dict[str, list[dict[str, Any]]] = {name: [] for name, *_ in variants}
    vad_cache: dict[float, Any] = {}
    for k in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="bench-turns-") as tmp:
            for name, tool, silence, deactivation in variants:
                label = f"run {k + 1}/{args.runs}: variant {name} ({args.turns} turns)"
                with common.Progress(label, quiet=args.quiet):
                    result = await run_variant(
                        args,
                        name=name,
                        tool=tool,
                        silence=silence,
                        workdir=Path(tmp),
                        vad_cache=vad_cache,
                        deactivation=deactivation,
                    )
                result["loadavg_1m"] = round(os.getloadavg()[0], 2)
                by_variant[name].append(result)
    results = [median_of_runs(runs) for runs in by_variant.values()]
    worst = max((r["overhead"]["p95_ms"] for r in results if r["answered"]), default=None)
    env["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    return {
        "benchmark": NAME,
        "config": {
            "turns": args.turns,
            "runs": args.runs,
            "stt_delay_s": args.stt_delay,
            "llm_first_token_s": args.llm_delay,
            "tts_first_audio_s": args.tts_delay,
            "token_interval_s": args.token_interval,
            "vad_min_silence_default_s": default_silence,
            "endpointing_min_delay_s": 0.5,
            "audio": args.audio,
            "quick": args.quick,
        },
        "environment": env,
        "wall_seconds": round(time.perf_counter() - started, 1),
        "definitions": {
            "measured": "first agent audio frame at the output - last caller speech frame sent",
            "provider_sum": "stt_delay + llm_delay x LLM requests in the turn + tts_delay",
            "overhead": "measured - provider_sum - vad_min_silence",
            "vad_detection_lag": "(STT flush at VAD end of speech - end of speech) - min_silence",
            "pipeline": "time between provider stages (framework + project code)",
        },
        "seed_published_totals": SEED_PUBLISHED,
        "target": {
            "overhead_p95_ms": TARGET_OVERHEAD_P95_MS,
            "worst_overhead_p95_ms": worst,
            "met": (worst is not None and worst < TARGET_OVERHEAD_P95_MS),
            "worst_pipeline_p95_ms": max(
                (r["pipeline"]["p95_ms"] for r in results if r["pipeline"]["n"]), default=None
            ),
        },
        "results": {r["variant"]: r for r in results},
    }


def report(doc: dict[str, Any]) -> None:
    rows = []
    for r in doc["results"].values():
        seed = SEED_PUBLISHED["tool" if r["tool"] else "no_tool"]
        rows.append(
            (
                r["variant"],
                f"{r['answered']}/{r['turns']}",
                r["vad_min_silence_s"] * 1000,
                r["provider_sum_ms"],
                r["measured"]["p50_ms"],
                r["measured"]["p95_ms"],
                r["overhead"]["p50_ms"],
                r["overhead"]["p95_ms"],
                r["vad_detection_lag"]["p50_ms"],
                r["vad_detection_lag"]["p95_ms"],
                r["pipeline"]["p50_ms"],
                r["pipeline"]["p95_ms"],
                seed,
                " ".join(f"{x:.2f}" for x in r["loadavg_1m"]),
            )
        )
    common.print_table(
        [
            "variant",
            "answered",
            "silence",
            "providers",
            "meas p50",
            "meas p95",
            "ovh p50",
            "ovh p95",
            "vad lag p50",
            "vad lag p95",
            "pipe p50",
            "pipe p95",
            "seed total",
            "load (1 min) per run",
        ],
        rows,
        title=(
            "End of speech -> first agent audio (ms; median of "
            f"{doc['config']['runs']} runs); ovh = measured - providers - silence"
        ),
    )
    env = doc["environment"]
    print(f"load average at start {env['loadavg']}, at the end {env.get('loadavg_end')}")
    t = doc["target"]
    print(
        f"target: overhead p95 < {t['overhead_p95_ms']:.0f} ms -> worst "
        f"{t['worst_overhead_p95_ms']} ms ({'met' if t['met'] else 'NOT met'}); "
        f"pipeline-only worst p95 {t['worst_pipeline_p95_ms']} ms"
    )


main = common.async_main(NAME, parse_args, _run, report)


if __name__ == "__main__":
    main()
