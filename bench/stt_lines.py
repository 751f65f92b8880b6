"""The domain language model on what callers really say: word error rate on the caller lines
of the corpus's fixed scripts, spoken by the held-out voices of :mod:`bench.stt_eval`.

Each line is said as the voice corpus says it (``spoken_form``: phone numbers digit by digit),
rendered by espeak-ng at run time (nothing committed), and decoded by the domain language
model alone, as an open turn is: the measure of the open-request search, where every call
starts. Lines still holding digits after ``spoken_form`` (times such as "3pm") are left out,
since their reference words would depend on how espeak reads them. Compare two versions of
the code by running this module from each (``PYTHONPATH=<other tree>/src:<other tree>``).

    python -m bench.stt_lines                          # dev, stranger and fresh scripts
    python -m bench.stt_lines --scripts scripts_fresh2.toml --limit 100
    python -m bench.stt_lines --scripts scripts_fresh3.toml --limit 100
    python -m bench.stt_lines --scripts scripts_fresh4.toml --limit 100
    python -m bench.stt_lines --scripts scripts_fresh5.toml --limit 100
    python -m bench.stt_lines --first --scripts scripts_fresh13.toml   # opening requests only
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.stt_eval import SPLITS, degrade, edit_distance, render
from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.testing.callers.voice import spoken_form

SCRIPTS = Path(__file__).resolve().parents[1] / "src/voice_agent/testing/callers"
DEFAULT_SCRIPTS = ("scripts.toml", "scripts_stranger.toml", "scripts_fresh.toml")


def caller_lines(name: str, *, first: bool = False) -> list[str]:
    """The caller lines of a script file as spoken (``first``: each call's first line only,
    the opening request)."""
    doc = tomllib.loads((SCRIPTS / name).read_text(encoding="utf-8"))
    said = (
        spoken_form(line)
        for call in doc["call"]
        for line in call.get("lines", [])[: 1 if first else None]
    )
    return [line for line in said if not re.search(r"\d", line)]


def measure(lines: Sequence[str], decoders: rec.DecoderSet) -> tuple[int, int, list[list[str]]]:
    floor = rec.NoiseFloor(decoders.cfg.noise_floor)
    voices = SPLITS["heldout"].voices
    errors = words = 0
    rows: list[list[str]] = []
    for i, line in enumerate(lines):
        voice, pitch = voices[i % len(voices)]
        if i % len(voices) == 0:
            decoders.reset_cmn()
        samples, _ = degrade(render(line, voice, 140 + 10 * (i % 6), pitch), "clean", "wide", 0)
        utt = rec.Utterance(decoders, grammars.DOMAIN_SEARCH)
        utt.process(floor.mix(samples.astype(np.int16)).tobytes())
        heard = utt.finish(0.3).text
        ref = lm.normalize_text(line).split()
        errors += edit_distance(ref, heard.split())
        words += len(ref)
        rows.append([voice, line, heard])
    return errors, words, rows


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="stt_lines", description=__doc__.split("\n\n")[0])
    p.add_argument("--scripts", nargs="+", default=list(DEFAULT_SCRIPTS), metavar="FILE")
    p.add_argument("--limit", type=int, default=200, help="lines per script file (200)")
    p.add_argument("--out", type=Path, help="write every line and what was heard as JSON")
    p.add_argument("--first", action="store_true", help="each call's first line only")
    args = p.parse_args(argv)
    cfg = dataclasses.replace(PocketSphinxSTT().recognizer_config(), context=False)
    decoders = rec.DecoderSet(cfg)
    doc: dict[str, object] = {}
    print(f"{'scripts':28s} {'lines':>5} {'words':>6}   WER")
    for name in args.scripts:
        lines = caller_lines(name, first=args.first)
        random.Random(5).shuffle(lines)
        errors, words, rows = measure(lines[: args.limit], decoders)
        wer = errors / words if words else 0.0
        print(f"{name:28s} {len(rows):>5} {words:>6} {wer:6.1%}", flush=True)
        doc[name] = {"lines": len(rows), "words": words, "wer": round(wer, 4), "rows": rows}
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; LM {Path(cfg.domain_lm).name}")
    if args.out:
        args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
