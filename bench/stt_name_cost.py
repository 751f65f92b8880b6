"""Where a name turn's recognition CPU goes, and what cheaper readings cost in names.

Each name is said once in a carrier ("my name is ...") by the split's voices (as
:mod:`bench.stt_names`), plus ``--requests`` script lines said instead of a name; each
utterance is decoded by the domain LM alone, the census-name grammar alone, both together
through the recogniser's rules (as a call does, Whisper off), and Whisper tiny.en in several
settings. Rows go to JSON (``--out``) and are scored with :func:`score` (``--rows`` re-scores).

    python -m bench.stt_name_cost --split tuning --per-voice 5 --requests 2
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import random
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bench.stt_eval import SPLITS, degrade, render
from bench.stt_names import CARRIERS, name_pool, request_lines
from voice_agent.adapters.offline import grammars, name_opinion, second_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.stt import PocketSphinxSTT

WHISPERS: dict[str, dict[str, Any]] = {
    "main": {},
    "short": {"short": True},
}


def whisper(model: Any, samples: np.ndarray, short: bool = False) -> dict[str, Any]:
    started = time.process_time()
    if short:
        heard = name_opinion.read_name(model, samples)
    else:
        segments = second_opinion.transcribe(
            model, samples, initial_prompt=name_opinion.NAME_PROMPT
        )
        text = " ".join(s.text for s in segments).strip()
        heard = name_opinion.Heard(text, min((s.avg_logprob for s in segments), default=-10.0))
    return {"text": heard.text, "logprob": heard.logprob, "cpu": time.process_time() - started}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("heldout", "tuning"), default="tuning")
    p.add_argument("--per-voice", type=int, default=5)
    p.add_argument("--voices", type=int, default=None)
    p.add_argument("--requests", type=int, default=2)
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--rows", type=Path, default=None)
    p.add_argument("--profile", type=int, default=12, help="items each decoder also runs alone")
    p.add_argument(
        "--spell-rates",
        type=float,
        nargs=3,
        default=SPELL_RATES,
        metavar=("EXACT", "WRONG", "UNKNOWN"),
        help="what a spelling turn makes of a name (the spelling round's tuning figures)",
    )
    args = p.parse_args(argv)
    if args.rows is not None:
        score(json.loads(args.rows.read_text()), args.spell_rates)
        return 0
    load_start = os.getloadavg()
    rng = random.Random(8 if args.split == "heldout" else 7)
    pool = name_pool(args.split, rng)
    requests = request_lines(args.split)
    random.Random(9).shuffle(requests)
    cfg = dataclasses.replace(PocketSphinxSTT().recognizer_config(), second_opinion=None)
    decoders = rec.DecoderSet(cfg)
    floor = rec.NoiseFloor(cfg.noise_floor)
    model = second_opinion.whisper_model()
    rows: list[dict[str, Any]] = []
    k = r = 0
    for voice, pitch in SPLITS[args.split].voices[: args.voices]:
        decoders.reset_cmn()
        for i in range(args.per_voice + args.requests):
            rate = 140 + 10 * ((i + k) % 6)
            name = pool[k % len(pool)].lower() if i < args.per_voice else None
            k += 1
            if name:
                text = rng.choice(CARRIERS).format(name)
            else:
                text = requests[r % len(requests)]
                r += 1
            samples, _ = degrade(render(text, voice, rate, pitch), "clean", "wide", 0)
            data = floor.mix(samples.astype(np.int16)).tobytes()
            row: dict[str, Any] = {
                "name": name,
                "said": text,
                "voice": voice,
                "seconds": len(samples) / 16000,
            }
            # each decoder alone, then both through the recogniser's rules
            for which in ("domain", "grammar") if len(rows) < args.profile else ():
                dec = decoders.domain if which == "domain" else decoders.context
                if which == "grammar":
                    dec.activate_search(grammars.NAME_SEARCH)
                t0 = time.process_time()
                dec.start_utt()
                for s in range(0, len(data), rec.SLICE_BYTES):
                    dec.process_raw(data[s : s + rec.SLICE_BYTES], False, False)
                dec.end_utt()
                row[f"{which}_cpu"] = time.process_time() - t0
                res = rec._result(
                    dec, grammars.DOMAIN_SEARCH if which == "domain" else grammars.NAME_SEARCH
                )
                row[which] = res.text
                row[f"{which}_score"] = res.log_score
            t0 = time.process_time()
            utt = rec.Utterance(decoders, grammars.NAME_SEARCH)
            utt.process(data)
            best = utt.finish(cfg.margin(grammars.NAME_SEARCH))
            row["both_cpu"] = time.process_time() - t0
            row["both"] = best.text
            row["both_source"] = best.source
            for label, opts in WHISPERS.items():
                row[f"w_{label}"] = whisper(model, samples.astype(np.int16), **opts)
            rows.append(row)
            print(
                f"  {voice} {row['both_cpu']:.2f}s {row['w_main']['cpu']:.2f}s "
                f"{row['w_short']['cpu']:.2f}s: {text!r} -> {row['both']!r} / "
                + " / ".join(repr(row[f"w_{w}"]["text"]) for w in WHISPERS),
                file=sys.stderr,
            )
    out = args.out or Path(f"/tmp/stt_name_cost_{args.split}.json")
    out.write_text(json.dumps(rows, indent=1))
    score(rows, args.spell_rates)
    print(f"load average start {load_start}, end {os.getloadavg()}")
    return 0


SPELL_RATES = (4 / 48, 1 / 48, 43 / 48)
"""What a spelling turn made of a census name on the tuning voices, clean (``python -m
bench.stt_spelling --split tuning --per-voice 6``, bench/README.md "Spelled names"): exact,
stored under a wrong name, "Unknown Caller"."""


def _unclear(rule: str, both: str, grammar_won: bool, heard: name_opinion.Heard) -> bool:
    """:func:`.name_opinion.unclear` under ``rule``, or "census": the name taken is
    doubtful where Whisper wrote no census first or last name (a name the grammar cannot
    hold), or its census name is not the grammar's ("both")."""
    if rule != "census":
        return name_opinion.unclear(both, grammar_won, heard, rule=rule)
    firsts, lasts = name_opinion.census_shares()
    words = name_opinion.spoken_name(heard.text).split()
    if not any(w in firsts or w in lasts for w in words):
        return name_opinion.unclear(both, grammar_won, heard, rule="whisper")
    return name_opinion.unclear(both, grammar_won, heard, rule="both")


def spelling_trade(
    rows: list[dict[str, Any]], name_of: Any, rates: Sequence[float], w: str = "main"
) -> None:
    """Names stored right / wrong / as "Unknown Caller", and spelling turns asked, where a
    doubtful name (each rule) is taken anyway (main), stored as "Unknown Caller" (the
    opt-in ``unclear_names``), or the caller is asked to spell it: a spelled name counts as
    ``rates`` (exact, wrong, unknown) of a name, the spelling bench's rates - an estimate
    from two benches, not one measured turn pair. Lines said instead of a name are left out
    (a doubt never applies to a request Whisper heard)."""
    exact, wrong, unknown = rates
    names = [r for r in rows if r["name"]]
    for rule in ("none", *name_opinion.DOUBT_RULES, "census"):
        kept = [0.0, 0.0, 0.0]  # right, wrong, unknown
        asked_unknown = [0.0, 0.0, 0.0]
        spelled = [0.0, 0.0, 0.0]
        turns = 0
        for r in names:
            heard = name_opinion.Heard(r[f"w_{w}"]["text"], r[f"w_{w}"]["logprob"])
            got = name_of(name_opinion.choose_reading(r["both"], heard))
            grammar_won = r["both_source"] == grammars.NAME_SEARCH
            outcome = 0 if got == r["name"] else (2 if not got else 1)
            doubt = rule != "none" and _unclear(rule, r["both"], grammar_won, heard)
            kept[outcome] += 1
            if not doubt:
                asked_unknown[outcome] += 1
                spelled[outcome] += 1
                continue
            asked_unknown[2] += 1
            turns += 1
            spelled[0] += exact
            spelled[1] += wrong
            spelled[2] += unknown

        def fmt(xs: list[float]) -> str:
            return "/".join(f"{x:.1f}" if x % 1 else f"{x:.0f}" for x in xs)

        print(
            f"  spell where {rule:<8}: right/wrong/unknown of {len(names)} - taken anyway "
            f"{fmt(kept)}, unknown caller {fmt(asked_unknown)}, spelled {fmt(spelled)}; "
            f"spelling turns {turns}"
        )


def score(rows: list[dict[str, Any]], spell_rates: Sequence[float] = SPELL_RATES) -> None:
    ctx = Context(today=date(2026, 11, 25), asked="name")

    def name_of(text: str) -> str:
        return (understand(text, ctx).name or "").lower()

    names = [r for r in rows if r["name"]]
    asks = [r for r in rows if not r["name"]]
    secs = sum(r["seconds"] for r in rows)
    print(f"{len(names)} names, {len(asks)} requests, {secs:.1f} s of audio")
    profiled = [r for r in rows if "domain_cpu" in r]
    psecs = sum(r["seconds"] for r in profiled) or 1.0
    for key in ("domain_cpu", "grammar_cpu", "both_cpu"):
        print(
            f"  {key} ({len(profiled)} items): "
            f"{sum(r[key] for r in profiled) / psecs:.3f} CPU-s per audio-s"
        )
    print(f"  both_cpu (all): {sum(r['both_cpu'] for r in rows) / secs:.3f} CPU-s per audio-s")
    for w in WHISPERS:
        cpu = sum(r[f"w_{w}"]["cpu"] for r in rows)
        print(f"  whisper {w}: {cpu / secs:.3f} CPU-s per audio-s ({cpu / len(rows):.3f} s a turn)")
    for w in WHISPERS:
        exact = first = request_names = 0
        for r in names:
            heard = name_opinion.Heard(r[f"w_{w}"]["text"], r[f"w_{w}"]["logprob"])
            got = name_of(name_opinion.choose_reading(r["both"], heard))
            exact += got == r["name"]
            first += got.split()[:1] == r["name"].split()[:1]
        for r in asks:
            heard = name_opinion.Heard(r[f"w_{w}"]["text"], r[f"w_{w}"]["logprob"])
            request_names += bool(name_of(name_opinion.choose_reading(r["both"], heard)))
        wexact = sum(
            name_of(name_opinion.spoken_name(r[f"w_{w}"]["text"])) == r["name"] for r in names
        )
        print(
            f"  rule with whisper {w}: exact {exact}/{len(names)}, first {first}/{len(names)}, "
            f"whisper alone exact {wexact}; requests made a name {request_names}/{len(asks)}"
        )
    for w in WHISPERS:
        for rule in name_opinion.DOUBT_RULES:
            right = [0, 0]  # [vouched, unclear]
            wrong = [0, 0]
            asked = [0, 0]
            for r in rows:
                heard = name_opinion.Heard(r[f"w_{w}"]["text"], r[f"w_{w}"]["logprob"])
                grammar_won = r["both_source"] == grammars.NAME_SEARCH
                text = name_opinion.choose_reading(r["both"], heard)
                got = name_of(text)
                if not got:
                    continue
                unclear = name_opinion.unclear(r["both"], grammar_won, heard, rule=rule)
                if not r["name"]:
                    asked[unclear] += 1
                elif got == r["name"]:
                    right[unclear] += 1
                else:
                    wrong[unclear] += 1
            print(
                f"  doubt {rule:<10} whisper {w}: right names vouched/unclear {right[0]}/"
                f"{right[1]}, wrong names vouched/unclear {wrong[0]}/{wrong[1]}, "
                f"requests made a name vouched/unclear {asked[0]}/{asked[1]}"
            )
    g = sum(name_of(r["both"]) == r["name"] for r in names)
    print(f"  grammar (rules) alone: exact {g}/{len(names)}")
    spelling_trade(rows, name_of, spell_rates)
    _ = math


if __name__ == "__main__":
    raise SystemExit(main())
