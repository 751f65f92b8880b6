"""Silero's end-of-speech lag in audio time, per deactivation threshold: how long after the
caller's last voiced sample, beyond the configured silence, the VAD declares end of speech.

Each caller line (espeak-ng, silence trimmed, several voices) is pushed as fast as the VAD
takes it, in the frames the product's calls get (16 kHz, 50 ms), through the product's VAD
(``call_vad``: the batched Silero streams), with 0.5 s of silence before and 2 s after. The
lag is END_OF_SPEECH's timestamp (audio time) - the last voiced sample - min silence. It
does not depend on the machine's load (no real-time pacing), unlike the detection lag
``bench/turn_latency.py`` reports from a live session. A line the VAD splits into two
utterances (a pause inside it ended the turn) is counted.

    python -m bench.vad_lag                       # thresholds 0.35 (the plugin's) and 0.5
    python -m bench.vad_lag --thresholds 0.35,0.4,0.5,0.6 --silence 0.5
    python -m bench.vad_lag --quick
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from livekit import rtc
from livekit.agents import vad as agents_vad
from livekit.plugins import silero

from bench import common
from bench.concurrency import GOODBYE
from bench.concurrency import LINES as CONCURRENCY_LINES
from bench.turn_latency import LINES as TURN_LINES
from bench.voice import caller_speech
from voice_agent.adapters.offline.audio import resample
from voice_agent.adapters.voice.providers import call_vad
from voice_agent.adapters.voice.session import CALL_INPUT_SAMPLE_RATE

NAME = "vad_lag"
RATE = CALL_INPUT_SAMPLE_RATE
FRAME = RATE // 20  # 50 ms
VOICES = ("en-us+m3", "en-us+klatt", "en-us+f2", "en-gb-x-rp")
LINES = sorted({*CONCURRENCY_LINES, GOODBYE, *TURN_LINES})


def parse_args(argv: Sequence[str] | None) -> Any:
    p = common.base_parser(__doc__.splitlines()[0])
    p.add_argument("--thresholds", default="0.35,0.5", help="deactivation thresholds (comma)")
    p.add_argument("--silence", type=float, default=0.5, help="VAD min silence (s; 0.5)")
    p.add_argument("--min-speech", type=float, default=0.1, help="VAD min speech (s; 0.1)")
    args = p.parse_args(argv)
    args.thresholds = [float(x) for x in str(args.thresholds).split(",")]
    return args


async def utterance_lag(
    vad: agents_vad.VAD, samples: np.ndarray, silence: float
) -> tuple[float | None, int]:
    """(lag in ms or None when no end of speech came, number of END_OF_SPEECH events)."""
    audio = np.concatenate([np.zeros(RATE // 2, np.int16), samples, np.zeros(2 * RATE, np.int16)])
    spoken_end = (RATE // 2 + samples.size) / RATE
    stream = vad.stream()
    for i in range(0, audio.size - FRAME + 1, FRAME):
        stream.push_frame(rtc.AudioFrame(audio[i : i + FRAME].tobytes(), RATE, 1, FRAME))
    stream.end_input()
    ends = []
    async for ev in stream:
        if ev.type == agents_vad.VADEventType.END_OF_SPEECH:
            ends.append(ev.timestamp)
    await stream.aclose()
    if not ends:
        return None, 0
    return round((ends[-1] - spoken_end - silence) * 1000, 1), len(ends)


async def _run(args: Any) -> dict[str, Any]:
    voices = VOICES[:1] if args.quick else VOICES
    lines = LINES[:2] if args.quick else LINES
    speech = []
    for voice in voices:
        for line in lines:
            samples, rate = await asyncio.to_thread(caller_speech, line, voice=voice)
            speech.append((voice, line, resample(samples, rate, RATE)))
    results = []
    for threshold in args.thresholds:
        loaded = silero.VAD.load(
            min_silence_duration=args.silence,
            min_speech_duration=args.min_speech,
            deactivation_threshold=threshold,
        )
        lags: list[float] = []
        split = missed = 0
        with common.Progress(f"deactivation {threshold:g}", quiet=args.quiet):
            for _voice, _line, samples in speech:
                lag, ends = await utterance_lag(call_vad(loaded), samples, args.silence)
                if lag is None:
                    missed += 1
                    continue
                lags.append(lag)
                split += ends > 1
        results.append(
            {
                "deactivation_threshold": threshold,
                "utterances": len(speech),
                "lag_ms": (
                    {
                        "p50": round(common.percentile(lags, 50), 1),
                        "p95": round(common.percentile(lags, 95), 1),
                        "max": max(lags),
                    }
                    if lags
                    else None
                ),
                "lag_mean_ms": round(float(np.mean(lags)), 1) if lags else None,
                "split_utterances": split,
                "no_end_of_speech": missed,
            }
        )
    return {
        "benchmark": NAME,
        "config": {
            "thresholds": args.thresholds,
            "min_silence_s": args.silence,
            "min_speech_s": args.min_speech,
            "voices": list(voices),
            "lines": len(lines),
            "audio": "16 kHz, 50 ms frames; 0.5 s silence before, 2 s after",
            "quick": args.quick,
        },
        "environment": common.environment(),
        "results": results,
    }


def report(doc: dict[str, Any]) -> None:
    rows = [
        [
            r["deactivation_threshold"],
            r["utterances"],
            r["lag_ms"]["p50"] if r["lag_ms"] else "-",
            r["lag_ms"]["p95"] if r["lag_ms"] else "-",
            r["lag_mean_ms"] if r["lag_mean_ms"] is not None else "-",
            r["split_utterances"],
            r["no_end_of_speech"],
        ]
        for r in doc["results"]
    ]
    common.print_table(
        ["deactivation", "utterances", "lag p50 ms", "lag p95 ms", "mean ms", "split", "missed"],
        rows,
        title=(
            "Silero end of speech beyond the last voiced sample and the "
            f"{doc['config']['min_silence_s']:g} s silence (audio time)"
        ),
    )


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    common.quiet_logs()
    started = time.perf_counter()
    doc = asyncio.run(_run(args))
    doc["wall_seconds"] = round(time.perf_counter() - started, 1)
    return common.publish(NAME, doc, report=report, path=args.json)


if __name__ == "__main__":
    main()
