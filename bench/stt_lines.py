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

``--later``: every caller line after the first, decoded as a later open turn of a call is
(Whisper loaded for the opening only, the product's default), once with and once without
``RecognizerConfig.garbled_open_turn`` (Whisper's reading of a turn the domain LM garbled
into spelled letters), side by side: WER, the lines the rule sent to Whisper, and the
goodbyes said that were heard. ``--split tuning`` speaks the tuning voices.

    python -m bench.stt_lines --later --split tuning --scripts scripts.toml scripts_fresh.toml
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
from typing import Any

import numpy as np

from bench.stt_eval import SPLITS, degrade, edit_distance, render
from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.testing.callers.voice import spoken_form

SCRIPTS = Path(__file__).resolve().parents[1] / "src/voice_agent/testing/callers"
DEFAULT_SCRIPTS = ("scripts.toml", "scripts_stranger.toml", "scripts_fresh.toml")


def caller_lines(name: str, *, first: bool = False, later: bool = False) -> list[str]:
    """The caller lines of a script file as spoken (``first``: each call's first line only,
    the opening request; ``later``: every line but the first)."""
    doc = tomllib.loads((SCRIPTS / name).read_text(encoding="utf-8"))
    said = (
        spoken_form(line)
        for call in doc["call"]
        for line in call.get("lines", [])[1 if later else 0 : 1 if first else None]
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


def _bye(words: Sequence[str]) -> bool:
    return bool({"bye", "goodbye"} & set(words))


def measure_later(
    lines: Sequence[str], sides: dict[str, rec.DecoderSet], split: str
) -> dict[str, Any]:
    """Each line as a later open turn, decoded by each side's decoders (same audio, same
    voice order and cepstral-mean resets as :func:`measure`)."""
    voices = SPLITS[split].voices
    floors = {name: rec.NoiseFloor(d.cfg.noise_floor) for name, d in sides.items()}
    out: dict[str, Any] = {
        name: {"errors": 0, "words": 0, "byes_said": 0, "byes_heard": 0} for name in sides
    }
    fired: list[dict[str, str]] = []
    for i, line in enumerate(lines):
        voice, pitch = voices[i % len(voices)]
        samples, _ = degrade(render(line, voice, 140 + 10 * (i % 6), pitch), "clean", "wide", 0)
        ref = lm.normalize_text(line).split()
        heard: dict[str, str] = {}
        for name, decoders in sides.items():
            if i % len(voices) == 0:
                decoders.reset_cmn()
            utt = rec.Utterance(decoders, grammars.DOMAIN_SEARCH)
            utt.process(floors[name].mix(samples.astype(np.int16)).tobytes())
            heard[name] = utt.finish(0.3).text
            tally = out[name]
            tally["errors"] += edit_distance(ref, heard[name].split())
            tally["words"] += len(ref)
            tally["byes_said"] += _bye(ref)
            tally["byes_heard"] += _bye(ref) and _bye(heard[name].split())
        if len(set(heard.values())) > 1:
            fired.append({"voice": voice, "said": line, **heard})
    for name, tally in out.items():
        tally["wer"] = round(tally["errors"] / max(tally["words"], 1), 4)
        changed_errors = sum(
            edit_distance(lm.normalize_text(r["said"]).split(), r[name].split()) for r in fired
        )
        tally["changed_lines_errors"] = changed_errors
    out["changed"] = fired
    out["changed_lines_words"] = sum(len(lm.normalize_text(r["said"]).split()) for r in fired)
    return out


def main_later(args: argparse.Namespace) -> int:
    """``--later``: both sides of ``garbled_open_turn`` on each script file's later lines."""
    base = PocketSphinxSTT(second_opinion="whisper").recognizer_config()
    sides = {
        "before": rec.DecoderSet(dataclasses.replace(base, context=False, garbled_open_turn=False)),
        "after": rec.DecoderSet(dataclasses.replace(base, context=False)),
    }
    doc: dict[str, object] = {}
    print(
        f"{'scripts':28s} {'lines':>5} {'words':>6} {'WER before':>11} {'after':>7} "
        f"{'changed':>8} {'their WER':>16} {'byes heard':>12}"
    )
    for name in args.scripts:
        lines = caller_lines(name, later=True)
        random.Random(5).shuffle(lines)
        lines = lines[: args.limit]
        got = measure_later(lines, sides, args.split)
        b, a = got["before"], got["after"]
        words = max(got["changed_lines_words"], 1)
        print(
            f"{name:28s} {len(lines):>5} {b['words']:>6} {b['wer']:>11.1%} {a['wer']:>7.1%} "
            f"{len(got['changed']):>8} "
            f"{b['changed_lines_errors'] / words:>7.1%} -> "
            f"{a['changed_lines_errors'] / words:>5.1%} "
            f"{b['byes_heard']:>3}/{b['byes_said']} -> {a['byes_heard']}/{a['byes_said']}",
            flush=True,
        )
        doc[name] = got
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; voices {args.split}")
    if args.out:
        args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="stt_lines", description=__doc__.split("\n\n")[0])
    p.add_argument("--scripts", nargs="+", default=list(DEFAULT_SCRIPTS), metavar="FILE")
    p.add_argument("--limit", type=int, default=200, help="lines per script file (200)")
    p.add_argument("--out", type=Path, help="write every line and what was heard as JSON")
    p.add_argument("--first", action="store_true", help="each call's first line only")
    p.add_argument(
        "--later",
        action="store_true",
        help="every line but the first, as later open turns, with and without Whisper's "
        "reading of a garbled one (RecognizerConfig.garbled_open_turn)",
    )
    p.add_argument("--split", choices=("heldout", "tuning"), default="heldout", help="voices")
    args = p.parse_args(argv)
    if args.later:
        return main_later(args)
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
