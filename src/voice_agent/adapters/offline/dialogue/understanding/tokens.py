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

from voice_agent.domain.weekdays import WEEKDAY_WORDS

WEEKDAY_WORD: Final = "(?:" + "|".join(WEEKDAY_WORDS) + ")"
"""The days of the week as callers' words, one alternation for every pattern that names them."""

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
    aside: bool = False
    """A dash set off by spaces comes before this token ("Mary Byrne - Mary is my first
    name"): a break in the sentence, never a hyphen inside a word ("Ji-woo")."""

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def is_num(self) -> bool:
        return self.kind == "num"

    @property
    def breaks_before(self) -> bool:
        """A sentence or clause break comes before this token (".", ",", ";", "!", "?", or
        a typed form's field break: a new line, "|")."""
        return any(ch in self.sep for ch in ".,;!?|\n")


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


_ORDINAL_DAYS: Final = (
    r"\d{1,2}(?:st|nd|rd|th)|(?:twenty|thirty)[- ]?(?:first|second)"
    r"|(?:twenty[- ]?)?(?:third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh"
    r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth"
)
"""A date said by its ordinal ("the 3rd", "the twenty-first"): "the 3rd's fine" is "the 3rd
is fine", "the 4th's one" the appointment on it ("the second's" is left alone: as often the
second time offered)."""


_IS_CONTRACTED = re.compile(
    rf"\b({hour_words(*MIDDAY_WORDS)}|\d{{1,2}}|{_ORDINAL_DAYS}"
    rf"|today|tomorrow|{WEEKDAY_WORD}|morning"
    r"|afternoon|evening|week|o['\u2019]clock)['\u2019]s\b",
    re.I,
)


_POSSESSIVE_DAY = re.compile(
    rf"\b(today|tomorrow|{WEEKDAY_WORD}|week|morning|afternoon|evening"
    rf"|{_ORDINAL_DAYS})"
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


_STAMMER = re.compile(r"\b([a-z]{1,3})-((?:\1-)*)(?=(\1[a-z]*))", re.I)
"""A stammered start of a word, typed or transcribed with hyphens ("t-t-tuesday", "Y-yes",
"th-thursday", "M-my"): the word itself - but see :func:`_unstammer` for names."""
_CALENDAR_WORD = re.compile(
    r"(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$",
    re.I,
)


def _unstammer(m: re.Match[str]) -> str:
    """The stammered piece dropped, unless it is a name's own first part: a capitalised piece
    of two letters or more, said once, before a capitalised word that is no day or month
    ("Omar Al-Ali", "Li-Lian Chen", "Anna Ma-Mason" keep theirs; "T-Tuesday", "Th-Thursday",
    "Y-Yes", "t-t-tuesday" lose it)."""
    piece, again, word = m.group(1), m.group(2), m.group(3)
    named = piece[0].isupper() and word[:1].isupper() and not _CALENDAR_WORD.match(word)
    if not again and len(piece) >= 2 and named:
        return m.group(0)
    return ""


_CUT_OFF = re.compile(r"\b([a-z]{1,4})-\s+(?=(?:[a-z]+\s+){0,2}\1)", re.I)
"""A word broken off and begun again a word or two later ("the n-nin- the ninth", "the tw- the
two", "yes- well- yes"): the broken-off piece goes (a whole phrase begun again, "I'd like- I
need", stays: the readers take the later words)."""
_BROKEN_OFF = re.compile(r"\b([a-z]{2,5}) (?=(\1[a-z]{2,})\b)", re.I)
"""A word broken off and begun again at once, as a recogniser without hyphens writes it ("at
ele eleven", "on fri friday", "to bo book"): the piece goes when the word begun again is a
day, a month, a number or a word of the request (:data:`_BEGUN_AGAIN`; never a name's: "Jack
Jackson"), unless the piece is a word of its own (see :data:`_WHOLE_PIECES`)."""


def _broken_off(m: re.Match[str]) -> str:
    piece, word = m.group(1).lower(), m.group(2).lower()
    return "" if word in _BEGUN_AGAIN and piece not in _WHOLE_PIECES else m.group(0)


_STUMBLED = re.compile(
    r"\b(i|my|me|the|to|a|an|on|at|in|for|it|its|is|and|same|that|this|can|could|need|want"
    r"|id|im|we|you|of|change|move|book|cancel)(?:[\s,]+\1\b)+",
    re.I,
)
"""A small word said twice or more as a recogniser hears a speaker stumble ("i i i need",
"my my tuesday", "to to wednesday", "same same time"): once (never a number, a yes or a no:
"no no" and "five five" mean something)."""
_DIGIT_SOUNDS = frozenset({"to", "for"})
"""Small words a recogniser writes for a digit ("two", "four"): said twice after a digit
("five five five to to one six") they are two digits, no stumble."""
_DIGIT_BEFORE = re.compile(
    r"\b(?:zero|oh|o|one|won|two|too|three|four|five|six|seven|eight|ate|nine|\d+)\W*$", re.I
)


def _stumbled(m: re.Match[str]) -> str:
    if m.group(1).lower() in _DIGIT_SOUNDS and _DIGIT_BEFORE.search(m.string, 0, m.start()):
        return m.group(0)
    return m.group(1)


_TEN_FOUR = re.compile(
    r"^(\W*)(?:ten[- ]four|10[- ]4)\b(?=\W*(?:$|go|good|roger|copy|yes|yeah|that|book|over"
    r"|please|thanks))",
    re.I,
)
"""The radio "ten-four" said first in a line ("10-4, go ahead"): an okay, not two times."""
_DOTTED_CLOCK = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
"""A time typed with a dot ("13.00", "9.30"), the British and European way: "13:00"."""
_COMPACT_CLOCK = re.compile(r"(?<![\w:/.-])(@\s*)?([01]\d|2[0-3])(00|15|30|45)(?![\w:/]|\.\d)")
"""Four digits that may be the 24-hour clock typed without a colon ("1400", "0900")."""
_CLOCK_LEAD = re.compile(
    r"\b(?:(?:at|for|by|from|after|before|until|till|til|to|around|about|than|or)"
    r"|(?:monday|tuesday|wednesday|thursday|friday|mon|tue|tues|wed|weds|thu|thur|thurs|fri"
    r"|today|tomorrow|tmrw|day|week|month|\d{1,2}(?:st|nd|rd|th)|\d{1,2}/\d{1,2})\W*)"
    r"(?:\s-)?\s*$|[a-z]\s+[-\u2013\u2014]\s*$",
    re.I,
)
_DIGIT_GROUP_BEFORE = re.compile(r"(?<![/\d])\d{2,}[\s.-]*$")
_CLOCK_AFTER = re.compile(r"\s*(?:hrs|hours|h)\b", re.I)


def _compact_clocks(text: str) -> str:
    """The 24-hour clock typed as four digits ("at 1400", "@ 0900", "12/15 0930", "1500 hrs",
    "Monday 0900", "next month, 0900") as "14:00": with "hrs" after it, or after a word or a
    day that leads a time; never a group of a number said in groups ("617 555 1400", "the last
    four are 0900") nor a number with more digits after it ("1200 5th Avenue")."""
    out: list[str] = []
    last = 0
    for m in _COMPACT_CLOCK.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        if _DIGIT_GROUP_BEFORE.search(before) or re.match(r"[\s.-]*\d", after):
            continue
        hours = _CLOCK_AFTER.match(after)
        if not (m.group(1) or hours or _CLOCK_LEAD.search(before)):
            continue
        lead = "at " if m.group(1) else ""
        out.append(f"{text[last : m.start()]}{lead}{int(m.group(2))}:{m.group(3)}")
        last = m.end() + (hours.end() if hours else 0)
    return "".join(out) + text[last:]


_DIGITS_BEFORE = re.compile(
    r"(?:\b(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|\d+)[\s,.-]+){3,}$", re.I
)
"""Three digits or more said just before: "... five five five oh nine hundred" ends a phone
number (0900), no clock."""


def _hundred_hours(m: re.Match[str]) -> str:
    if _DIGITS_BEFORE.search(m.string, 0, m.start()):
        return m.group(0)
    if m.group(3) is not None:
        return f"{m.group(3)}:00"
    hour = _TWENTY_FOUR[m.group(1).lower()]
    if hour < 13 and m.group(2) is None and m.group(1).lower() in ("ten", "eleven", "twelve"):
        return m.group(0)
    return f"{hour}:00"


_OR_SO = re.compile(
    rf"(?<!the )\b({hour_words()}|\d{{1,2}})(?: o['\u2019]?clock)? or (?:so|thereabouts)\b"
    r"(?=\s*(?:[.,;!?]|$|if\b|would\b|is\b|please\b|then\b|works\b|maybe\b))",
    re.I,
)
"""An hour said roughly ("eleven or so", "ten o'clock or thereabouts"): that hour, as "two-ish"
is (not "ten or so minutes", "a week or so")."""


def _ish(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return m.group(1)
    return f"{m.group(2)} o'clock"


_CREOLE_CANT = re.compile(r"\b(?:cyaan|kyaan|caan)\b", re.I)
_CREOLE_MAKE = re.compile(r"\bmek(?= (?:it|the|my|dat|that|di)\b)", re.I)
_CREOLE_I = re.compile(
    r"\bmi(?= (?:have|haffi|affi|has|got|need|want|wan|did|nah|nuh|never|cant|cannot|cyaan"
    r"|kyaan|caan|can|wont|will|would|gwine|a go|just|am|know|tink|think|calling|call|ring)\b)",
    re.I,
)
"""Jamaican and other Caribbean English ("mi have an appointment and mi cyaan make it", "mi
cyaan mek it"): "I", "can't", "make" (never "Mi" as a name: only before a verb)."""


def _creole(text: str) -> str:
    out = _CREOLE_CANT.sub("can't", text)
    out = _CREOLE_MAKE.sub("make", out)
    return _CREOLE_I.sub("I", out)


def _prepare(text: str) -> str:
    """Contractions joined, "2pm" split, "a.m." -> "am"; the caller's case kept.

    "eleven's fine" and "Thursday's no good" become "eleven is", "Thursday is" first; a
    day's own ("tomorrow's one", "Friday's appointment") stays the day."""
    out = _creole(text or "")  # "mi cyaan make it": I can't make it
    out = _STAMMER.sub(_unstammer, out)  # "t-t-tuesday": tuesday
    out = _CUT_OFF.sub("", out)  # "the n-nin- the ninth": the ninth
    out = _BROKEN_OFF.sub(_broken_off, out)  # "at ele eleven": at eleven
    out = _STUMBLED.sub(_stumbled, out)  # "my my tuesday": my tuesday
    out = _TEN_FOUR.sub(r"\1roger", out)  # "ten four, go ahead": roger, go ahead
    out = _POSSESSIVE_DAY.sub(r"\1 ", out)
    out = _H_CLOCK.sub(r"\1:\2", out)  # "14h30": 14:30
    out = _HUNDRED_HOURS.sub(_hundred_hours, out)  # "fourteen hundred": 14:00
    out = _DOTTED_CLOCK.sub(r"\1:\2", out)  # "13.00": 13:00
    out = _compact_clocks(out)  # "at 1400": at 14:00
    out = _ISH.sub(_ish, out)  # "two-ish": two o'clock
    out = _OR_SO.sub(r"\1 o'clock", out)  # "eleven or so": eleven o'clock
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
        # a new line is kept: a typed form's fields ("NAME: ...", "PH: ...") one a line
        gap = src[last : m.start()]
        sep = "".join(ch for ch in gap if not ch.isspace()) + ("\n" if "\n" in gap else "")
        raw = raw_src[m.start() : m.end()] if len(raw_src) == len(src) else m.group()
        spaced = gap[:1].isspace() and gap[-1:].isspace()
        aside = any(ch in sep for ch in "\u2013\u2014") or "-" in sep and spaced
        out.append(Token(m.group(), kind, len(out), sep, raw, aside))
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


_BEGUN_AGAIN = word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty first second third
    fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
    fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth appointment
    morning afternoon tomorrow today book booking cancel change move reschedule want need
    when what which"""
)
_WHOLE_PIECES = word_set(
    """to no on in an at is it me we he be do go so or as us up my by oh the for and can not
    now all any our out her his who how see day too far man new old off per way yes then when
    what this that with some more less just will well here there week book time same next last
    over back near half also only even down into part move want need call like make work come
    free after under thank thanks mine your form four five six seven eight nine ten one two
    three eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred"""
)
"""Short words that often begin a longer one said next ("no noon", "to tomorrow", "six
sixteen", "four fourteen"): each said whole, never a piece broken off."""
