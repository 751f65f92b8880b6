"""Names at a name turn: the census-name grammar against the domain LM, and other speech said
instead ("two o'clock if that's free") kept out, per score margin (with the recogniser's own
rule, :func:`~voice_agent.adapters.offline.recognizer.keep_grammar`: a bare "yes" or a goodbye
the domain LM heard is never made a name).

Speech is espeak-ng at run time (nothing committed). ``--split tuning`` uses the tuning voices
of :mod:`bench.stt_eval` and random census names (what the margin was chosen on);
``--split heldout`` (the default) uses the held-out voices and the names of the corpus's
fixed scripts, which strangers chose (some are not in the census lists at all).

    python -m bench.stt_names                    # held-out voices, the scripts' names
    python -m bench.stt_names --split tuning     # tuning voices, census names
    python -m bench.stt_names --split tuning --requests 4   # and 4 requests a voice

``--requests N`` has each voice also say N of the split's script lines that hold no name and
no digits ("I'd like another appointment, Wednesday next week"), as a caller who answers the
name question with a request: the tuning split's from scripts.toml, scripts_fresh.toml and
scripts_fresh2.toml, the held-out split's from scripts_fresh12-14.toml and the stranger's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

from bench.stt_eval import SPLITS, degrade, render
from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.stt import PocketSphinxSTT

CARRIERS = ("{}", "yes that's right, {}", "it's {}", "my name is {}", "yes, {}", "{}")
OTHERS = (
    "two o'clock if that's free",
    "yes please",
    "monday at nine please",
    "sorry, could you repeat that",
    "i'd like to book for friday",
    "no thank you, bye",
    "actually I want to cancel",
    "what times do you have",
)
SCRIPTS = Path(__file__).resolve().parents[1] / "src/voice_agent/testing/callers"
MARGINS = (0.0, 0.025, 0.05, 0.1, 0.2)
REQUEST_SCRIPTS = {
    "tuning": ("scripts.toml", "scripts_fresh.toml", "scripts_fresh2.toml"),
    "heldout": (
        "scripts_fresh12.toml",
        "scripts_fresh13.toml",
        "scripts_fresh14.toml",
        "scripts_stranger.toml",
    ),
}
REQUEST_WORDS = 4
"""A request line has at least this many words (shorter lines are answers: "yes please")."""


def request_lines(split: str) -> list[str]:
    """Caller lines of the split's scripts that hold no digit and not the caller's name, at
    least :data:`REQUEST_WORDS` words long: what a caller says instead of a name."""
    lines: list[str] = []
    for file in REQUEST_SCRIPTS[split]:
        for call in tomllib.loads((SCRIPTS / file).read_text(encoding="utf-8"))["call"]:
            name = str(call.get("caller", {}).get("name", "")).lower().split()
            for line in call.get("lines", []):
                words = line.lower().replace(",", " ").split()
                if len(words) < REQUEST_WORDS or any(c.isdigit() for c in line):
                    continue
                if any(w.strip(".?!'") in name for w in words):
                    continue
                lines.append(line)
    return lines


def script_names() -> list[str]:
    names: list[str] = []
    for path in sorted(SCRIPTS.glob("scripts*.toml")):
        for call in tomllib.loads(path.read_text(encoding="utf-8"))["call"]:
            name = call.get("caller", {}).get("name")
            if name:
                names.append(name.lower())
    return names


def name_pool(split: str, rng: random.Random) -> list[str]:
    """The names said: on the tuning split 400 drawn from the census names the grammar holds,
    held out the scripts' own callers' names (shuffled)."""
    if split == "tuning":
        firsts, lasts = grammars.census_names()
        return [
            f"{rng.choice(firsts[: grammars.FIRST_NAMES])[0]} "
            f"{rng.choice(lasts[: grammars.LAST_NAMES])[0]}"
            for _ in range(400)
        ]
    pool = script_names()
    rng.shuffle(pool)
    return pool


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("heldout", "tuning"), default="heldout")
    p.add_argument("--per-voice", type=int, default=6, help="names per voice (6)")
    p.add_argument("--voices", type=int, default=None, help="only the first N voices")
    p.add_argument("--out", type=Path, default=None, help="JSON rows (bench/results/...)")
    p.add_argument("--requests", type=int, default=0, help="script request lines per voice (0)")
    args = p.parse_args(argv)
    rng = random.Random(8 if args.split == "heldout" else 7)
    requests = request_lines(args.split)
    random.Random(9).shuffle(requests)
    pool = name_pool(args.split, rng)
    cfg = PocketSphinxSTT().recognizer_config()
    decoders = rec.DecoderSet(cfg)
    floor = rec.NoiseFloor(cfg.noise_floor)
    ctx = Context(today=date(2026, 11, 25), asked="name")
    rows: list[dict[str, object]] = []
    k = r = 0
    for voice, pitch in SPLITS[args.split].voices[: args.voices]:
        decoders.reset_cmn()
        for i in range(args.per_voice + 3 + args.requests):
            rate = 140 + 10 * ((i + k) % 6)
            name = pool[k % len(pool)] if i < args.per_voice else None
            request = i >= args.per_voice + 3
            if name:
                text = rng.choice(CARRIERS).format(name)
            elif request:
                text = requests[r % len(requests)]
                r += 1
            else:
                text = OTHERS[(k + i) % len(OTHERS)]
            k += 1
            samples, _ = degrade(render(text, voice, rate, pitch), "clean", "wide", 0)
            utt = rec.Utterance(decoders, grammars.NAME_SEARCH)
            utt.process(floor.mix(samples.astype(np.int16)).tobytes())
            decoders.domain.end_utt()
            domain = rec._result(decoders.domain, grammars.DOMAIN_SEARCH)
            decoders.context.end_utt()
            grammar = rec._result(decoders.context, grammars.NAME_SEARCH)
            rows.append(
                {
                    "name": name,
                    "request": text if request else None,
                    "heard_grammar": grammar.text,
                    "heard_domain": domain.text,
                    "margin": grammar.log_score - domain.log_score if grammar.text else None,
                }
            )
            print(f"  {voice}: {text!r} -> {grammar.text!r} / {domain.text!r}", file=sys.stderr)

    def kept(row: dict[str, object], margin: float) -> bool:
        """The recogniser's own rule (score margin and the answer/goodbye checks)."""
        m = row["margin"]
        if m is None:
            return False
        grammar = rec.Result(str(row["heard_grammar"]), 0.0, float(m), grammars.NAME_SEARCH)
        domain = rec.Result(str(row["heard_domain"]), 0.0, 0.0, grammars.DOMAIN_SEARCH)
        return rec.keep_grammar(grammars.NAME_SEARCH, grammar, domain, margin)

    def taken(row: dict[str, object], margin: float) -> str:
        text = row["heard_grammar"] if kept(row, margin) else row["heard_domain"]
        return (understand(str(text), ctx).name or "").lower()

    names = [r for r in rows if r["name"]]
    others = [r for r in rows if not r["name"] and not r.get("request")]
    asks = [r for r in rows if r.get("request")]
    print(
        f"\nnames at a name turn ({args.split}: {len(names)} names, {len(others)} other lines, "
        f"{len(asks)} requests)"
    )
    print("margin  exact name  first name  other speech kept out  requests kept out")
    for margin in MARGINS:
        exact = sum(taken(r, margin) == r["name"] for r in names)
        first = sum(taken(r, margin).split()[:1] == str(r["name"]).split()[:1] for r in names)
        out = sum(not kept(r, margin) for r in others)
        asked = sum(not kept(r, margin) for r in asks)
        n = len(names)
        print(
            f"{margin:>6}  {exact:>4}/{n:<5}  {first:>4}/{n:<5}  {out:>4}/{len(others):<17}"
            f"  {asked}/{len(asks)}"
        )
    domain_exact = sum(
        (understand(str(r["heard_domain"]), ctx).name or "").lower() == r["name"] for r in names
    )
    print(f"domain LM alone: {domain_exact}/{len(names)} exact; load average {os.getloadavg()}")
    results = Path(__file__).resolve().parent / "results"
    out_path = args.out or results / f"stt_names_{args.split}.json"
    out_path.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
