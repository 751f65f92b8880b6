"""Parsing number words as callers say them ("nine eight seven", "twenty fourth", "double
five") into digits and numbers. The opposite direction, formatting what the agent says, is
``domain/speech.py``."""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0,
    "oh": 0,
    "o": 0,
    "nought": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_REPEAT = {"double": 2, "triple": 3, "treble": 3}
# Words a speech recogniser writes for a digit. Only read as digits *between* two digits, so
# "for" and "to" in ordinary speech stay words. ("r": pocketsphinx hears "five four" as
# "five r", the F of "four" merging into the V of "five".)
_DIGIT_HOMOPHONES = {
    "for": "4",
    "fore": "4",
    "r": "4",
    "to": "2",
    "too": "2",
    "won": "1",
    "ate": "8",
}
_TOKEN = re.compile(r"[a-z]+|\d+(?:st|nd|rd|th)(?![a-z])|\d+")


def tokens(text: str) -> list[str]:
    """Lower-cased word and digit-run tokens; punctuation and dashes are dropped."""
    return _TOKEN.findall(text.lower())


def spoken_digits(text: str) -> str:
    """All digits a caller said, in order, whether written ("987-654") or spoken.

    "nine eight seven six five four three two one oh" -> "9876543210";
    "double five" -> "55"; "thirty four" -> "34"; words that are not numbers are ignored.
    """
    out: list[str] = []
    toks = tokens(text)
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.isdigit():
            out.append(tok)
        elif tok in _REPEAT and i + 1 < len(toks):
            nxt = toks[i + 1]
            digit = (
                str(UNITS[nxt])
                if nxt in UNITS
                else (nxt if len(nxt) == 1 and nxt.isdigit() else None)
            )
            if digit is not None:
                out.append(digit * _REPEAT[tok])
                i += 1
        elif tok in UNITS:
            out.append(str(UNITS[tok]))
        elif tok in TEENS:
            out.append(str(TEENS[tok]))
        elif tok in TENS:
            value = TENS[tok]
            if i + 1 < len(toks) and toks[i + 1] in UNITS and UNITS[toks[i + 1]] > 0:
                value += UNITS[toks[i + 1]]
                i += 1
            out.append(str(value))
        elif tok == "hundred" and out:
            out.append("00")
        elif tok == "thousand" and out:
            out.append("000")
        elif tok in _DIGIT_HOMOPHONES and out and _is_digit_word(toks, i + 1):
            out.append(_DIGIT_HOMOPHONES[tok])
        i += 1
    return "".join(out)


def _is_digit_word(toks: list[str], i: int) -> bool:
    return i < len(toks) and (toks[i].isdigit() or toks[i] in UNITS or toks[i] in _REPEAT)


def parse_small_number(words: list[str]) -> tuple[int, int] | None:
    """Parse a number below 100 (cardinal or ordinal) at the start of ``words``.

    Returns (value, tokens consumed), or None. Accepts "24", "24th", "twenty four",
    "twenty fourth", "eleven", "first".
    """
    if not words:
        return None
    first = words[0]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", first)
    if m:
        return int(m.group(1)), 1
    if first in ORDINALS:
        return ORDINALS[first], 1
    if first in TEENS:
        return TEENS[first], 1
    if first in UNITS and first not in ("o", "oh", "nought"):
        return UNITS[first], 1
    if first in TENS:
        value = TENS[first]
        if len(words) > 1:
            nxt = words[1]
            if nxt in UNITS and UNITS[nxt] > 0 and nxt not in ("o", "oh"):
                return value + UNITS[nxt], 2
            if nxt in ORDINALS and ORDINALS[nxt] < 10:
                return value + ORDINALS[nxt], 2
        return value, 1
    return None
