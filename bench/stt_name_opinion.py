"""Names and spelled names at a name turn: pocketsphinx (the census-name grammar and the
spelling grammar, through the recogniser's own rules) against Whisper tiny.en on the same
audio, with several prompts, and rules for when Whisper's reading is taken.

Speech is espeak-ng at run time (nothing committed). ``--split tuning`` uses the tuning voices
of :mod:`bench.stt_eval` and random census names from the whole list (``data/names.txt``, not
only the grammar's); ``--split heldout`` (the default) the held-out voices and the names of
the corpus's fixed scripts, which strangers chose (many are in no census list). Each name is
said once as a name ("my name is ...") and once spelled as the simulated caller spells it
("D A N, M O O R E."), clean and with white noise at 20 dB SNR.

    python -m bench.stt_name_opinion                    # held-out voices, the scripts' names
    python -m bench.stt_name_opinion --split tuning     # what the rules are chosen on
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bench.stt_eval import SPLITS, degrade, render, stable_seed
from bench.stt_names import CARRIERS, script_names
from voice_agent.adapters.offline import grammars, name_opinion, second_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.stt import PocketSphinxSTT

SPELL_CARRIERS = ("{}", "sure, it's {}", "{}", "okay, {}")
PROMPTS: dict[str, dict[str, str]] = {
    "asked": {"initial_prompt": name_opinion.NAME_PROMPT},
}
SPELL_PROMPTS: dict[str, dict[str, str]] = {
    "asked": {"initial_prompt": name_opinion.SPELL_PROMPT},
}


def spelled(name: str) -> str:
    """As the simulated caller spells a name (``simulator.spelled_name``)."""
    words = ["".join(c for c in part if c.isalpha()) for part in name.split()]
    return ", ".join(" ".join(w.upper()) for w in words if w) + "."


def letters_of(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalpha())


def words_of(name: str) -> str:
    """The name as a spelling keeps it: its words' letters, a space between words."""
    return " ".join(
        w for w in ("".join(c for c in p if c.isalpha()) for p in name.lower().split()) if w
    )


def wider_names(rng: random.Random, n: int = 400) -> list[str]:
    """Tuning names for the wider name grammar: a first name of the census ranked beyond
    600 or of ``names_more.txt``, a last name of the census's 1,500 or of ``names_more.txt``,
    no word of any corpus script's caller (those are held out)."""
    firsts, lasts = grammars.census_names()
    more_firsts, more_lasts = grammars.more_names()
    held = {w for name in script_names() for w in words_of(name).split()}
    first_pool = [f for f, _ in (*firsts[600:], *more_firsts) if f not in held]
    last_pool = [f for f, _ in (*lasts[:1500], *more_lasts) if f not in held]
    return [f"{rng.choice(first_pool)} {rng.choice(last_pool)}" for _ in range(n)]


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("heldout", "tuning"), default="heldout")
    p.add_argument("--per-voice", type=int, default=6, help="names per voice (6)")
    p.add_argument("--voices", type=int, default=None, help="only the first N voices")
    p.add_argument("--conditions", nargs="+", default=["clean", "snr20"])
    p.add_argument(
        "--names",
        choices=("split", "scripts", "uncensused", "wider"),
        default="split",
        help="names said: the split's (default); the scripts' callers' names (held out) on"
        " any split; or only those of them with a word no census list holds; or (wider,"
        " for tuning) a first name of the census beyond the old grammar's 600 or of"
        " names_more.txt with a last name of either list, no word of a script's name",
    )
    p.add_argument(
        "--old-grammar",
        action="store_true",
        help="the name grammar before voice29 (600 census first names, no names_more.txt)",
    )
    p.add_argument(
        "--last-names",
        type=int,
        default=None,
        help=f"census last names in the name grammar ({grammars.LAST_NAMES}): a wider or"
        " narrower list measured (right / wrong-taken / left, the grammar's CPU)",
    )
    p.add_argument("--kinds", nargs="+", default=["name", "spell"], choices=("name", "spell"))
    p.add_argument("--out", type=Path, default=None, help="JSON rows (bench/results/...)")
    p.add_argument("--rows", type=Path, default=None, help="score a previous run's JSON rows")
    args = p.parse_args(argv)
    if args.rows is not None:
        rows = json.loads(args.rows.read_text())
        score(rows, sorted({r["condition"] for r in rows}), args.split)
        return 0
    load_start = os.getloadavg()
    rng = random.Random(8 if args.split == "heldout" else 7)
    if args.old_grammar:
        before = grammars.name_grammar
        grammars.name_grammar = lambda: before(600, grammars.LAST_NAMES, more=False)  # type: ignore[assignment,misc]
        grammars.all_grammars.cache_clear()
    if args.last_names is not None:
        wider, last = grammars.name_grammar, args.last_names
        grammars.name_grammar = lambda: wider(grammars.FIRST_NAMES, last)  # type: ignore[assignment,misc]
        grammars.all_grammars.cache_clear()
    firsts, lasts = grammars.census_names()
    if args.split == "tuning" and args.names == "split":
        pool = [f"{rng.choice(firsts)[0]} {rng.choice(lasts)[0]}" for _ in range(400)]
    elif args.names == "wider":
        pool = wider_names(rng)
    else:
        pool = sorted(set(script_names()))
        if args.names == "uncensused":
            known = {n for n, _ in firsts} | {n for n, _ in lasts}
            pool = [n for n in pool if any(w not in known for w in words_of(n).split())]
        rng.shuffle(pool)
    cfg = dataclasses.replace(PocketSphinxSTT().recognizer_config(), second_opinion=None)
    decoders = rec.DecoderSet(cfg)
    floor = rec.NoiseFloor(cfg.noise_floor)
    model = second_opinion.whisper_model()
    rows: list[dict[str, Any]] = []
    k = 0

    def pocketsphinx(samples: np.ndarray, search: str) -> tuple[str, float, dict[str, Any]]:
        """The letter or name grammar's reading through the recogniser's rules (no Whisper),
        with the letters of a spelling split into a census first and last name."""
        started = time.process_time()
        data = floor.mix(samples.astype(np.int16)).tobytes()
        utt = rec.Utterance(decoders, search)
        utt.process(data)
        first = utt.finish(cfg.margin(search))
        extra: dict[str, Any] = {
            "log_score": first.log_score,
            "source": first.source,
            "grammar_won": first.source == grammars.NAME_SEARCH,
        }
        return first.text, time.process_time() - started, extra

    def whisper(samples: np.ndarray, prompt: dict[str, str]) -> dict[str, Any]:
        started, wall = time.process_time(), time.perf_counter()
        segments = second_opinion.transcribe(model, samples.astype(np.int16), **prompt)
        text = " ".join(s.text for s in segments).strip()
        logprob = min((s.avg_logprob for s in segments), default=-9.0)
        return {
            "text": text,
            "logprob": logprob,
            "cpu": time.process_time() - started,
            "wall": time.perf_counter() - wall,
        }

    for voice, pitch in SPLITS[args.split].voices[: args.voices]:
        decoders.reset_cmn()
        for i in range(args.per_voice):
            rate = 140 + 10 * ((i + k) % 6)
            name = pool[k % len(pool)].lower()
            k += 1
            said = rng.choice(CARRIERS).format(name)
            spelt = rng.choice(SPELL_CARRIERS).format(spelled(name))
            for condition in args.conditions:
                for kind, text, search, prompts in (
                    ("name", said, grammars.NAME_SEARCH, PROMPTS),
                    ("spell", spelt, grammars.SPELLING_SEARCH, SPELL_PROMPTS),
                ):
                    if kind not in args.kinds:
                        continue
                    seed = stable_seed(voice, text, condition)
                    samples, _ = degrade(render(text, voice, rate, pitch), condition, "wide", seed)
                    heard, cpu, extra = pocketsphinx(samples, search)
                    row: dict[str, Any] = {
                        "kind": kind,
                        "name": name,
                        "said": text,
                        "voice": voice,
                        "condition": condition,
                        "seconds": len(samples) / 16000,
                        "grammar": heard,
                        "grammar_cpu": cpu,
                        **extra,
                        "whisper": {p: whisper(samples, prompt) for p, prompt in prompts.items()},
                    }
                    rows.append(row)
                    w = {p: r["text"] for p, r in row["whisper"].items()}
                    print(f"  {voice} {condition}: {text!r} -> {heard!r} / {w}", file=sys.stderr)

    results = Path(__file__).resolve().parent / "results"
    out_path = args.out or results / f"stt_name_opinion_{args.split}.json"
    out_path.write_text(json.dumps(rows, indent=1))
    score(rows, args.conditions, args.split)
    print(f"load average start {load_start}, end {os.getloadavg()}")
    return 0


def score(rows: list[dict[str, Any]], conditions: Sequence[str], split: str) -> None:
    """Names exact, spelled names and CPU per rule and condition."""
    name_ctx = Context(today=date(2026, 11, 25), asked="name")
    spell_ctx = Context(today=date(2026, 11, 25), asked="spell")

    def name_of(text: str) -> str:
        return (understand(text, name_ctx).name or "").lower()

    def letters_heard(text: str) -> str:
        return understand(text, spell_ctx).spelled or ""

    rules: dict[str, Callable[[dict[str, Any]], str]] = {
        "grammar": lambda r: name_of(r["grammar"]),
    }
    for p in PROMPTS:
        rules[f"whisper {p}"] = lambda r, p=p: name_of(
            name_opinion.spoken_name(r["whisper"][p]["text"])
        )
        for rule in ("pair", "any"):
            for floor in (-10.0, -1.0, -0.6, -0.4):
                rules[f"{rule} {floor} {p}"] = lambda r, p=p, rule=rule, floor=floor: name_of(
                    name_opinion.choose_name(
                        r["grammar"],
                        name_opinion.Heard(r["whisper"][p]["text"], r["whisper"][p]["logprob"]),
                        rule=rule,
                        min_logprob=floor,
                    )
                )

    def call_rule(r: dict[str, Any]) -> str:
        """What a call makes of the turn: "right", "wrong" (a wrong name taken and not
        doubted), "left" (:func:`.name_opinion.unclear` doubts it, or no name was made)."""
        heard = name_opinion.Heard(r["whisper"]["asked"]["text"], r["whisper"]["asked"]["logprob"])
        name = name_of(name_opinion.choose_reading(r["grammar"], heard))
        doubted = name_opinion.unclear(r["grammar"], r.get("grammar_won", True), heard)
        if not name or doubted:
            return "left"
        return "right" if name == r["name"] else "wrong"

    spell_rules: dict[str, Callable[[dict[str, Any]], str]] = {
        "grammar (before)": lambda r: letters_heard(r["grammar"].replace(" space ", " ")),
        "grammar split": lambda r: letters_heard(r["grammar"]),
    }
    for p in SPELL_PROMPTS:
        spell_rules[f"whisper {p}"] = lambda r, p=p: letters_heard(
            name_opinion.spoken_letters(r["whisper"][p]["text"])
        )
        spell_rules[f"rule {p}"] = lambda r, p=p: letters_heard(
            name_opinion.choose_letters(r["grammar"], r["whisper"][p]["text"])
        )

    said = sum(r["kind"] == "name" for r in rows) // len(conditions)
    print(f"\n{split}: {said} names per condition")
    for condition in conditions:
        names = [r for r in rows if r["kind"] == "name" and r["condition"] == condition]
        spells = [r for r in rows if r["kind"] == "spell" and r["condition"] == condition]
        print(f"[{condition}] names exact (first+last) / first name")
        for label, rule in rules.items():
            exact = sum(rule(r) == r["name"] for r in names)
            first = sum(rule(r).split()[:1] == r["name"].split()[:1] for r in names)
            print(f"  {label:<22} {exact:>3}/{len(names)}  {first:>3}/{len(names)}")
        verdicts = [call_rule(r) for r in names]
        print(
            f"  a call's rule ({name_opinion.DOUBT_RULE}): right / wrong-taken / left "
            f"{verdicts.count('right')} / {verdicts.count('wrong')} / {verdicts.count('left')}"
        )
        print(f"[{condition}] spelled names: every letter right / as the name (words apart)")
        for label, rule in spell_rules.items():
            exact = sum(rule(r).replace(" ", "") == letters_of(r["name"]) for r in spells)
            named = sum(rule(r) == words_of(r["name"]) for r in spells)
            print(f"  {label:<16} {exact:>3}/{len(spells)}  {named:>3}/{len(spells)}")
    audio_s = sum(r["seconds"] for r in rows)
    print(
        "CPU-s per audio-s: pocketsphinx", round(sum(r["grammar_cpu"] for r in rows) / audio_s, 3)
    )
    for p in PROMPTS:
        cpu = sum(r["whisper"][p]["cpu"] for r in rows) / audio_s
        walls = sorted(r["whisper"][p]["wall"] for r in rows)
        print(f"  whisper {p} on both kinds of turn")
        print(
            f"  whisper {p}: {cpu:.3f} CPU-s per audio-s, decode wall median "
            f"{walls[len(walls) // 2]:.2f} s, p95 {walls[int(len(walls) * 0.95)]:.2f} s"
        )


if __name__ == "__main__":
    raise SystemExit(main())
