"""Spelled names at a spelling turn, spoken as people spell them, through the recogniser as a
call runs it (the spelling search beside the domain LM, the recogniser's own rules, and
Whisper tiny.en where the recogniser reads spellings with it), then read by the dialogue
(``understand(..., asked="spell")``).

Speech is espeak-ng at run time (nothing committed). ``--split tuning`` uses the tuning voices
of :mod:`bench.stt_eval` and random names from the whole census list (``data/names.txt``);
``--split heldout`` (the default) the held-out voices and the names of the corpus's fixed
scripts, which strangers chose (many are in no census list). Each name is spelled in one of
the ways callers spell (:data:`STYLES`), clean and with white noise at 20 dB SNR.

A spelled letter is written for espeak as its name sounds ("ay" for A, "ee" for E: espeak
says a lone "A" as the article and garbles a lone "E"); the caller's words around it are as
written.

Per condition: letters right (1 - letter edit distance / letters, summed over names), names
exact (the letters of what the caller spelled, words apart as stored), "Unknown Caller" (the
recogniser could not vouch for the spelling, or the dialogue read no letters), and wrong (a
name stored that is not the caller's).

    python -m bench.stt_spelling --split tuning --per-voice 5
    python -m bench.stt_spelling --rows bench/results/stt_spelling_tuning.json   # re-score
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bench.stt_eval import SPLITS, degrade, edit_distance, render, stable_seed
from bench.stt_names import script_names
from voice_agent.adapters.offline import grammars, name_opinion, second_opinion
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.domain.listening import UNCLEAR_NAME

SOUNDS = {
    "a": "ay", "b": "bee", "c": "see", "d": "dee", "e": "ee", "f": "eff", "g": "gee",
    "h": "aitch", "i": "eye", "j": "jay", "k": "kay", "l": "el", "m": "em", "n": "en",
    "o": "oh", "p": "pee", "q": "cue", "r": "ar", "s": "ess", "t": "tee", "u": "you",
    "v": "vee", "w": "double you", "x": "ex", "y": "why", "z": "zee",
}  # fmt: skip
"""How each letter's name sounds, for espeak."""

AS_IN = {
    "b": "boy", "d": "david", "p": "peter", "t": "tom", "v": "victor", "z": "zebra",
    "m": "mary", "n": "nancy", "f": "frank", "s": "sam", "e": "edward", "c": "charlie",
    "g": "george",
}  # fmt: skip
"""The word a caller says after "as in" for a letter people mishear."""


def words_of(name: str) -> list[str]:
    return [w for w in ("".join(c for c in p if c.isalpha()) for p in name.lower().split()) if w]


def _letters(word: str, sep: str = " ") -> str:
    """A word's letters as spoken, "double l" for a doubled one."""
    out: list[str] = []
    i = 0
    while i < len(word):
        if i + 1 < len(word) and word[i + 1] == word[i]:
            out.append(f"double {SOUNDS[word[i]]}")
            i += 2
        else:
            out.append(SOUNDS[word[i]])
            i += 1
    return sep.join(out)


def _as_in(word: str) -> str:
    """The first letter people mishear said "as in" a word, the rest one by one."""
    out: list[str] = []
    done = False
    for c in word:
        if not done and c in AS_IN:
            out.append(f"{SOUNDS[c]} as in {AS_IN[c]},")
            done = True
        else:
            out.append(SOUNDS[c])
    return " ".join(out)


STYLES = ("surname", "full", "pauses", "as_in", "thats", "its")
"""How callers spell: the surname only ("K, I, M"), first and last name ("D A N, M O O R E"),
a pause after every letter ("M. A. R. I. N. O."), a letter "as in" a word ("S as in Sam"),
"that's M-A-R-I-N-O, Marino", and "sure, it's ..."; doubled letters "double L"."""


def spoken(name: str, style: str) -> tuple[str, str]:
    """(what the caller says, the name as the dialogue should store it: words apart)."""
    words = words_of(name)
    last = words[-1]
    if style == "surname":
        return f"{_letters(last, ', ')}.", last
    if style == "full":
        return ", ".join(_letters(w) for w in words) + ".", " ".join(words)
    if style == "pauses":
        return ". ".join(_letters(last, ". ").split(". ")) + ".", last
    if style == "as_in":
        return f"{_as_in(last)}.", last
    if style == "thats":
        return f"that's {_letters(last)}, {last}.", last
    return f"sure, it's {', '.join(_letters(w) for w in words)}.", " ".join(words)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("heldout", "tuning"), default="heldout")
    p.add_argument("--per-voice", type=int, default=6, help="names per voice (6)")
    p.add_argument("--voices", type=int, default=None, help="only the first N voices")
    p.add_argument("--conditions", nargs="+", default=["clean", "snr20"])
    p.add_argument("--no-whisper", action="store_true", help="pocketsphinx alone")
    p.add_argument("--out", type=Path, default=None, help="JSON rows (bench/results/...)")
    p.add_argument("--rows", type=Path, default=None, help="score a previous run's JSON rows")
    p.add_argument(
        "--rescore",
        action="store_true",
        help="with --rows: the name each row's readings resolve to by this code's rule",
    )
    args = p.parse_args(argv)
    if args.rows is not None:
        rows = json.loads(args.rows.read_text())
        if args.rescore:
            for r in rows:
                r["stored"] = rescored(r)
        score(rows)
        return 0
    load_start = os.getloadavg()
    rng = random.Random(18 if args.split == "heldout" else 17)
    if args.split == "tuning":
        firsts, lasts = grammars.census_names()
        pool = [f"{rng.choice(firsts)[0]} {rng.choice(lasts)[0]}" for _ in range(400)]
    else:
        pool = script_names()
        rng.shuffle(pool)
    cfg = dataclasses.replace(PocketSphinxSTT().recognizer_config(), second_opinion=None)
    reader = None
    if not args.no_whisper:
        reader = name_opinion.WhisperNameReader(second_opinion.whisper_model())
    decoders = rec.DecoderSet(cfg, name_reader=reader)
    floor = rec.NoiseFloor(cfg.noise_floor)
    spell_ctx = Context(today=date(2026, 11, 25), asked="spell")
    rows: list[dict[str, Any]] = []
    k = 0
    for voice, pitch in SPLITS[args.split].voices[: args.voices]:
        decoders.reset_cmn()
        for i in range(args.per_voice):
            rate = 140 + 10 * ((i + k) % 6)
            name = pool[k % len(pool)]
            style = STYLES[k % len(STYLES)]
            k += 1
            said, want = spoken(name, style)
            for condition in args.conditions:
                seed = stable_seed(voice, said, condition)
                samples, _ = degrade(render(said, voice, rate, pitch), condition, "wide", seed)
                started = time.process_time()
                utt = rec.Utterance(decoders, grammars.SPELLING_SEARCH)
                utt.process(floor.mix(samples.astype(np.int16)).tobytes())
                result = utt.finish(cfg.margin(grammars.SPELLING_SEARCH))
                cpu = time.process_time() - started
                raw = getattr(utt, "spelling_heard", None) or (result.text, None, True)
                unclear = result.text.strip().lower() == UNCLEAR_NAME
                stored = "" if unclear else understand(result.text, spell_ctx).spelled or ""
                rows.append(
                    {
                        "name": name,
                        "style": style,
                        "said": said,
                        "want": want,
                        "voice": voice,
                        "condition": condition,
                        "seconds": len(samples) / 16000,
                        "heard": result.text,
                        "source": result.source,
                        "stored": stored,
                        "grammar": raw[0],
                        "whisper": raw[1],
                        "grammar_won": raw[2],
                        "cpu": cpu,
                    }
                )
                print(
                    f"  {voice} {condition} {style}: {said!r} -> {result.text!r} "
                    f"(grammar {raw[0]!r}, Whisper {raw[1]!r})",
                    file=sys.stderr,
                )
    results = Path(__file__).resolve().parent / "results"
    out_path = args.out or results / f"stt_spelling_{args.split}.json"
    out_path.write_text(json.dumps(rows, indent=1))
    score(rows)
    print(f"load average start {load_start}, end {os.getloadavg()}")
    return 0


def rescored(row: dict[str, Any]) -> str:
    """What the dialogue stores from a row's raw readings by :func:`spelled_names.choose`."""
    from voice_agent.adapters.offline import spelled_names  # not in older code the bench runs

    spell_ctx = Context(today=date(2026, 11, 25), asked="spell")
    grammar, whisper = row["grammar"], row["whisper"]
    name = spelled_names.choose(grammar if row.get("grammar_won", True) else "", whisper)
    if name is None:
        if row.get("grammar_won", True):
            return ""
        return understand(grammar, spell_ctx).spelled or ""
    return understand(spelled_names.as_letters(name), spell_ctx).spelled or ""


def _letters_read(text: str, *, whisper: bool) -> str:
    """Every letter a reading holds, in order ("double l" two; Whisper's "M-A-R-I-N-O")."""
    if whisper:
        text = name_opinion.spoken_letters(text)
    words = text.lower().split()
    out: list[str] = []
    for k, w in enumerate(words):
        if len(w) == 1 and w.isalpha():
            out.append(w * (2 if k and words[k - 1] == "double" else 1))
    return "".join(out)


def score(rows: list[dict[str, Any]]) -> None:
    """Letters right, names exact, Unknown Caller and wrong names per condition and style."""
    conditions = sorted({r["condition"] for r in rows})
    for condition in conditions:
        mine = [r for r in rows if r["condition"] == condition]
        print(f"[{condition}] {len(mine)} spellings")
        for style in (*STYLES, "all"):
            sel = [r for r in mine if style in ("all", r["style"])]
            if not sel:
                continue
            letters = sum(len(r["want"].replace(" ", "")) for r in sel)
            wrong_letters = sum(
                min(
                    edit_distance(r["want"].replace(" ", ""), r["stored"].replace(" ", "")),
                    len(r["want"].replace(" ", "")),
                )
                for r in sel
            )
            exact = sum(r["stored"] == r["want"] for r in sel)
            unknown = sum(not r["stored"] for r in sel)
            wrong = len(sel) - exact - unknown
            print(
                f"  {style:<8} letters right {1 - wrong_letters / letters:.0%}  exact "
                f"{exact}/{len(sel)}  Unknown Caller {unknown}  wrong name {wrong}"
            )
        print(f"  letters right as each reader wrote them (of {len(mine)} spellings):", end="")
        for reader in ("grammar", "whisper"):
            read = [r for r in mine if r.get(reader) is not None]
            if not read:
                continue
            total = sum(len(r["want"].replace(" ", "")) for r in read)
            wrong = 0
            for r in read:
                want = r["want"].replace(" ", "")
                got = _letters_read(r[reader], whisper=reader == "whisper")
                wrong += min(edit_distance(want, got), len(want))
            print(f" {reader} {1 - wrong / total:.0%} ({len(read)} read)", end="")
        print()
    audio_s = sum(r["seconds"] for r in rows)
    print(f"recognition CPU-s per audio-s {sum(r['cpu'] for r in rows) / audio_s:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
