"""Splitting what a caller typed or a recogniser heard into tokens the readers can walk.

Both "My number's 987-654-3210, tomorrow at 2:30pm!" and "my number is nine eight seven ...
tomorrow at two thirty p m" become lower-case tokens; punctuation is not a token but is kept
as the separator in front of the next token, because "646, 555" and "Tuesday. No, Wednesday"
carry meaning in where the breaks are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

# Contractions are joined ("that's" -> "thats", "I'd" -> "id"), so patterns see one word.
_APOSTROPHE = re.compile(r"(?<=[a-z])['\u2019](?=[a-z])", re.I)
_AM_PM = re.compile(r"\b([ap])\.\s?m\b\.?", re.I)
_TOKEN = re.compile(
    r"(?P<clock>\d{1,2}:\d{2})"
    r"|(?P<slash>\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
    r"|(?P<iso>\d{4}-\d{1,2}-\d{1,2})"
    r"|(?P<ord>\d{1,2}(?:st|nd|rd|th))(?![a-z])"
    r"|(?P<num>\d+)"
    r"|(?P<word>[a-z]+)"
    r"|(?P<plus>\+)"
    r"|(?P<hash>[#*])"
)
_AMPM_GLUED = re.compile(r"(\d)(am|pm|a\.m\.|p\.m\.)(?![a-z])", re.I)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    """Lower-case word, digit run ("0177"), "10:30", "12/3", "2026-12-01", "5th", "+"."""
    kind: str
    """word, num, clock, slash, iso, ord, plus, hash."""
    index: int
    sep: str
    """Punctuation between the previous token and this one ("" when only spaces)."""
    raw: str
    """The token as written (for names: keep the caller's spelling)."""

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def is_num(self) -> bool:
        return self.kind == "num"

    @property
    def breaks_before(self) -> bool:
        """A sentence or clause break comes before this token (".", ",", ";", "!" or "?")."""
        return any(ch in self.sep for ch in ".,;!?")


HOUR_WORDS: Final = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip
"""The hours of a clock face said as words ("two", "eleven")."""
MIDDAY_WORDS: Final = ("noon", "midday")


def hour_words(*more: str) -> str:
    """The hour words as a regex alternation ("one|two|...|twelve"), then ``more`` (such as
    ``*MIDDAY_WORDS``): for patterns that read a time said in words."""
    return "|".join((*HOUR_WORDS, *more))


_IS_CONTRACTED = re.compile(
    rf"\b({hour_words(*MIDDAY_WORDS)}|\d{{1,2}}"
    r"|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning"
    r"|afternoon|evening|week|o['\u2019]clock)['\u2019]s\b",
    re.I,
)


_POSSESSIVE_DAY = re.compile(
    r"\b(today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week)"
    r"['\u2019]s (?=(?:one|ones|appointment|appointments|appt|booking|visit|slot)\b)",
    re.I,
)


_H_CLOCK = re.compile(r"\b([01]?\d|2[0-3])h([0-5]\d)\b", re.I)

_TWENTY_FOUR = {
    **dict.fromkeys(("oh seven", "zero seven", "o seven"), 7),
    **dict.fromkeys(("oh eight", "zero eight", "o eight"), 8),
    **dict.fromkeys(("oh nine", "zero nine", "o nine"), 9),
    **{w: 10 + k for k, w in enumerate(("ten", "eleven", "twelve", "thirteen", "fourteen"))},
    **{w: 15 + k for k, w in enumerate(("fifteen", "sixteen", "seventeen", "eighteen"))},
    "nineteen": 19,
    "twenty": 20,
}
_HUNDRED_HOURS = re.compile(
    rf"\b({'|'.join(_TWENTY_FOUR)}) hundred( hours)?\b|\b([01]\d|2[0-3])00 ?(?:hours|hrs)\b",
    re.I,
)
"""The 24-hour clock said or typed the military way ("fourteen hundred", "oh nine hundred
hours", "1400 hours"); below thirteen only with "oh" or "hours" (not a hundred of something)."""

_ISH = re.compile(
    rf"\b(morning|afternoon|evening|noon|midday|lunchtime|o['\u2019]?clock)[- ]?ish\b"
    rf"|\b({hour_words()}|\d{{1,2}})[- ]?ish\b",
    re.I,
)
"""'Noonish', "afternoonish", "two-ish", "2ish", "two o'clock-ish": the time itself."""


def _hundred_hours(m: re.Match[str]) -> str:
    if m.group(3) is not None:
        return f"{m.group(3)}:00"
    hour = _TWENTY_FOUR[m.group(1).lower()]
    if hour < 13 and m.group(2) is None and m.group(1).lower() in ("ten", "eleven", "twelve"):
        return m.group(0)
    return f"{hour}:00"


def _ish(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return m.group(1)
    return f"{m.group(2)} o'clock"


def _prepare(text: str) -> str:
    """Contractions joined, "2pm" split, "a.m." -> "am"; the caller's case kept.

    "eleven's fine" and "Thursday's no good" become "eleven is", "Thursday is" first; a
    day's own ("tomorrow's one", "Friday's appointment") stays the day."""
    out = _POSSESSIVE_DAY.sub(r"\1 ", text or "")
    out = _H_CLOCK.sub(r"\1:\2", out)  # "14h30": 14:30
    out = _HUNDRED_HOURS.sub(_hundred_hours, out)  # "fourteen hundred": 14:00
    out = _ISH.sub(_ish, out)  # "two-ish": two o'clock
    out = _IS_CONTRACTED.sub(r"\1 is", out)
    out = _APOSTROPHE.sub("", out)
    out = _AMPM_GLUED.sub(r"\1 \2", out)
    return _AM_PM.sub(r"\1m", out)


def _folded(ch: str) -> str:
    """One letter without its accent ("í" -> "i", "ã" -> "a", "ü" -> "u"), else itself."""
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base.isascii() and base.isalpha() else ch


def fold(text: str) -> str:
    """``text`` with accented Latin letters as their plain letters, one for one (the length
    kept, so a token's ``raw`` still lines up): "sí" is "si", "não" is "nao", "Tschüss" is
    "Tschuss". Callers whose first language is not English say their yes in it."""
    return "".join(_folded(ch) for ch in text)


def normalise(text: str) -> str:
    return fold(_prepare(text).lower())


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with their separators (see :class:`Token`)."""
    raw_src = _prepare(text)
    src = fold(raw_src.lower())
    out: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(src):
        kind = m.lastgroup or "word"
        sep = "".join(ch for ch in src[last : m.start()] if not ch.isspace())
        raw = raw_src[m.start() : m.end()] if len(raw_src) == len(src) else m.group()
        out.append(Token(m.group(), kind, len(out), sep, raw))
        last = m.end()
    return out


def words(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def joined(tokens: list[Token]) -> str:
    """The tokens as one space-separated string, for whole-phrase patterns."""
    return " ".join(t.text for t in tokens)


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (readable word lists)."""
    return frozenset(text.split())
