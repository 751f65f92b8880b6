"""Word error rate, speed and latency of the offline STT on synthetic scheduling calls.

Builds a test set from *held-out* templates (phrasings that are not in the LM training
templates, filled with a different seed), renders it with espeak-ng using several voices and
speaking rates (optionally adding white noise at ``--snr`` dB), and runs it through
``PocketSphinxSTT`` in three configurations side by side:

* ``domain``   - the domain LM alone,
* ``general``  - pocketsphinx's general en-us LM alone,
* ``hybrid``   - domain LM with the general LM decoding every utterance too, used when its
  score is clearly better (``fallback="always"``: the default until the per-turn grammars;
  see bench/stt_eval.py for those).

For each it reports WER (batch and streaming), the real-time factor of batch decoding, and
the latency from the end of the audio (last frame pushed, then ``flush()`` as the session's
VAD would) to the FINAL transcript, with audio fed at real-time pace. A small out-of-domain
set shows what the fallback buys. Results go to ``bench/results/stt_wer.json``.

    python bench/stt_wer.py --quick
    python bench/stt_wer.py               # 48 utterances
    python bench/stt_wer.py --snr 15
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from livekit.agents import stt

from voice_agent.adapters.offline import audio
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.adapters.offline.tts import synthesize

logger = logging.getLogger("bench.stt_wer")

HELD_OUT_TEMPLATES = (
    "hi i'm calling to book an appointment for {date}",
    "could i get an appointment on {date} at {time}",
    "do you have any openings on {date}",
    "sure my phone number is {phone}",
    "you can call me at {phone}",
    "hi my name is {name}",
    "the appointment is under {name}",
    "my code is {code}",
    "here is my confirmation code {code}",
    "i need to cancel my appointment on {date}",
    "can i reschedule to {date} at {time} please",
    "what time slots do you have on {date}",
    "is {time} on {date} free",
    "yes please book it",
    "no that's not right",
    "okay thank you goodbye",
    "is there anything earlier",
    "can you do {time}",
    "i would like {date} at {time} if possible",
    "please move my appointment to {time}",
)

OUT_OF_DOMAIN = (
    "the weather is really nice today",
    "i think my car is making a strange noise",
    "where is the nearest pharmacy",
    "my insurance company sent me a letter",
    "do you accept credit cards",
    "what is your address",
    "is there parking near the building",
    "my daughter has a fever",
    "how much does it cost",
    "i lost my wallet yesterday",
    "can you send me an email",
    "i work from home on mondays",
)

VOICES = ("en-us", "en-us+m3", "en-us+f2", "en-us+f4", "en-us+m1")
RATES = (140, 160, 175, 190)
CANONICAL = {"pm": "p m", "am": "a m", "p.m.": "p m", "a.m.": "a m", "ok": "okay"}


@dataclass
class Utterance:
    text: str
    voice: str
    rate: int
    samples: np.ndarray  # int16 @ 22050
    in_domain: bool

    @property
    def seconds(self) -> float:
        return self.samples.size / 22050


@dataclass
class Score:
    errors: int = 0
    words: int = 0
    latencies: list[float] = field(default_factory=list)
    decode_seconds: float = 0.0
    audio_seconds: float = 0.0
    max_loop_lag: float = 0.0
    examples: list[dict[str, str]] = field(default_factory=list)

    @property
    def wer(self) -> float:
        return self.errors / self.words if self.words else 0.0


def normalise(text: str) -> list[str]:
    words: list[str] = []
    for w in lm.normalize_text(text).split():
        words.extend(CANONICAL.get(w, w).split())
    return words


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        prev, row[0] = row[:], i
        for j in range(1, len(hyp) + 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ref[i - 1] != hyp[j - 1]))
    return row[len(hyp)]


def make_test_set(n: int, seed: int, snr: float | None, n_ood: int) -> list[Utterance]:
    rng = random.Random(seed)
    items: list[tuple[str, bool]] = []
    for i in range(n):
        template = HELD_OUT_TEMPLATES[i % len(HELD_OUT_TEMPLATES)]
        items.append((lm.normalize_text(lm.fill_template(template, rng)), True))
    items.extend((s, False) for s in OUT_OF_DOMAIN[:n_ood])
    out: list[Utterance] = []
    for i, (text, in_domain) in enumerate(items):
        voice, rate = VOICES[i % len(VOICES)], RATES[(i // len(VOICES)) % len(RATES)]
        samples, sr = synthesize(text, voice=voice, rate=rate)
        samples = np.concatenate([audio.silence(0.3, sr), samples, audio.silence(0.3, sr)])
        if snr is not None:
            samples = audio.add_white_noise(samples, snr, seed=seed + i)
        out.append(Utterance(text, voice, rate, samples, in_domain))
    return out


def make_engine(name: str, cache_dir: str | None) -> PocketSphinxSTT:
    if name == "domain":
        return PocketSphinxSTT(fallback=False, cache_dir=cache_dir)
    if name == "general":
        return PocketSphinxSTT(
            fallback=False,
            lm_path=lm.general_lm_path(),
            dict_path=lm.default_dictionary_path(),
        )
    return PocketSphinxSTT(fallback="always", cache_dir=cache_dir)


async def run_batch(engine: PocketSphinxSTT, utt: Utterance) -> tuple[str, float]:
    frame = audio.to_audio_frame(utt.samples, 22050)
    started = time.perf_counter()
    event = await engine.recognize(frame)
    return event.alternatives[0].text, time.perf_counter() - started


async def run_stream(
    engine: PocketSphinxSTT, utt: Utterance, pace: float
) -> tuple[str, float, float]:
    """Feed 20 ms frames at ``pace`` x real time, flush, and time the final transcript."""
    stream = engine.stream()
    frames = list(audio.split_frames(utt.samples, 22050, 20))
    end_of_audio = 0.0
    lag = 0.0

    async def feed() -> None:
        nonlocal end_of_audio, lag
        t0 = time.perf_counter()
        for i, frame in enumerate(frames):
            due = t0 + (i + 1) * 0.02 / pace if pace > 0 else 0.0
            delay = due - time.perf_counter()
            before = time.perf_counter()
            await asyncio.sleep(max(delay, 0.0))
            lag = max(lag, time.perf_counter() - before - max(delay, 0.0))
            stream.push_frame(frame)
        end_of_audio = time.perf_counter()
        stream.flush()
        stream.end_input()

    task = asyncio.create_task(feed())
    texts: list[str] = []
    final_at = 0.0
    async for ev in stream:
        if ev.type == stt.SpeechEventType.FINAL_TRANSCRIPT:
            if ev.alternatives[0].text:
                texts.append(ev.alternatives[0].text)
            if end_of_audio and not final_at:
                final_at = time.perf_counter()
    await task
    await stream.aclose()
    return " ".join(texts), max(0.0, final_at - end_of_audio), lag


async def evaluate(
    name: str, utts: list[Utterance], pace: float, cache_dir: str | None, stream: bool
) -> dict[str, Any]:
    engine = make_engine(name, cache_dir)
    t = time.perf_counter()
    await asyncio.to_thread(engine.prewarm)
    load_s = time.perf_counter() - t
    batch_in, batch_ood, stream_in = Score(), Score(), Score()
    for utt in utts:
        ref = normalise(utt.text)
        hyp, secs = await run_batch(engine, utt)
        score = batch_in if utt.in_domain else batch_ood
        score.errors += edit_distance(ref, normalise(hyp))
        score.words += len(ref)
        score.decode_seconds += secs
        score.audio_seconds += utt.seconds
        if len(score.examples) < 6 and normalise(hyp) != ref:
            score.examples.append({"ref": utt.text, "hyp": hyp, "voice": utt.voice})
        if stream and utt.in_domain:
            hyp_s, latency, lag = await run_stream(engine, utt, pace)
            stream_in.errors += edit_distance(ref, normalise(hyp_s))
            stream_in.words += len(ref)
            stream_in.latencies.append(latency)
            stream_in.max_loop_lag = max(stream_in.max_loop_lag, lag)
    await engine.aclose()
    lat = sorted(stream_in.latencies)
    return {
        "config": name,
        "load_seconds": round(load_s, 3),
        "wer_batch": round(batch_in.wer, 4),
        "words": batch_in.words,
        "wer_stream": round(stream_in.wer, 4) if stream else None,
        "wer_out_of_domain": round(batch_ood.wer, 4) if batch_ood.words else None,
        "rtf": round(batch_in.decode_seconds / max(batch_in.audio_seconds, 1e-9), 4),
        "latency_median_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "latency_p95_ms": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000, 1)
        if lat
        else None,
        "max_loop_lag_ms": round(stream_in.max_loop_lag * 1000, 1) if stream else None,
        "errors_sample": batch_in.examples,
    }


def print_table(rows: list[dict[str, Any]], n_in: int, n_ood: int, audio_s: float) -> None:
    print(f"\n{n_in} in-domain utterances ({audio_s:.0f} s audio), {n_ood} out-of-domain\n")
    head = (
        f"{'config':<8} {'WER':>7} {'WER-str':>8} {'WER-OOD':>8} {'RTF':>6} "
        f"{'lat-med':>8} {'lat-p95':>8} {'loop-lag':>9} {'load':>6}"
    )
    print(head)
    print("-" * len(head))

    def fmt(v: Any, spec: str, suffix: str = "") -> str:
        return "n/a" if v is None else f"{v:{spec}}{suffix}"

    for r in rows:
        print(
            f"{r['config']:<8} {fmt(r['wer_batch'] * 100, '6.1f', '%'):>7} "
            f"{fmt(r['wer_stream'] and r['wer_stream'] * 100, '7.1f', '%'):>8} "
            f"{fmt(r['wer_out_of_domain'] and r['wer_out_of_domain'] * 100, '7.1f', '%'):>8} "
            f"{r['rtf']:6.3f} {fmt(r['latency_median_ms'], '6.0f', 'ms'):>8} "
            f"{fmt(r['latency_p95_ms'], '6.0f', 'ms'):>8} "
            f"{fmt(r['max_loop_lag_ms'], '7.1f', 'ms'):>9} {r['load_seconds']:5.2f}s"
        )


async def amain(args: argparse.Namespace) -> dict[str, Any]:
    n = 8 if args.quick else args.n
    n_ood = 4 if args.quick else len(OUT_OF_DOMAIN)
    utts = make_test_set(n, args.seed, args.snr, n_ood)
    in_domain = [u for u in utts if u.in_domain]
    audio_s = sum(u.seconds for u in in_domain)
    oov = sum(
        1
        for u in in_domain
        for w in normalise(u.text)
        if w not in lm.build_language_model(args.cache_dir).vocabulary
    )
    rows = []
    for name in args.configs:
        t = time.perf_counter()
        rows.append(await evaluate(name, utts, args.pace, args.cache_dir, not args.no_stream))
        logger.info("config done", extra={"config": name, "s": round(time.perf_counter() - t)})
    print_table(rows, len(in_domain), n_ood, audio_s)
    n_words = sum(len(normalise(u.text)) for u in in_domain)
    print(f"\ndomain-LM OOV rate of the held-out set: {oov / max(n_words, 1):.1%}")
    print(f"load average at end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    result = {
        "args": {k: v for k, v in vars(args).items()},
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "utterances": len(in_domain),
        "out_of_domain_utterances": n_ood,
        "audio_seconds": round(audio_s, 2),
        "oov_rate": round(oov / max(n_words, 1), 4),
        "results": rows,
    }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="8 utterances, 4 out-of-domain")
    parser.add_argument("--n", type=int, default=48, help="in-domain utterances (default 48)")
    parser.add_argument("--snr", type=float, default=None, help="add white noise at this SNR dB")
    parser.add_argument(
        "--pace",
        type=float,
        default=1.0,
        help="streaming feed speed vs real time (0 = as fast as possible)",
    )
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument(
        "--configs",
        nargs="+",
        default=["domain", "general", "hybrid"],
        choices=["domain", "general", "hybrid"],
    )
    parser.add_argument("--no-stream", action="store_true", help="skip the streaming pass")
    parser.add_argument("--cache-dir", default=None, help="LM cache directory")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "stt_wer.json"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = asyncio.run(amain(args))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
