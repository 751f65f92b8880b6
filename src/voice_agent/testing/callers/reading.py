"""Reading the receptionist's reply the way a caller hears it.

The simulated caller must answer whatever the agent actually asks, whatever its wording: is it
asking for the phone number, the name, a day and time, a pick among offered times, which
appointment, a yes/no confirmation of a specific change (and of which weekday, date and time),
or is it done? The cues here are deliberately broad (question shape, a few content words,
dates and times in any common spelling), never the engine's current sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Final, Literal

from voice_agent.domain.datetimes import MONTH_NAMES
from voice_agent.domain.spoken_numbers import ORDINALS as _ORDINAL_WORDS
from voice_agent.domain.weekdays import WEEKDAY_WORDS

ProposalKind = Literal["book", "move", "cancel", "unknown"]

_MONTHS = MONTH_NAMES
_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_HOUR_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


@dataclass(frozen=True)
class SlotMention:
    """A day and/or time the agent named, in the order said."""

    day: date | None
    start: time | None
    weekday_said: bool = False
    date_said: bool = False  # month and day of month (or a day of month) were said
    pos: int = 0

    @property
    def slot(self) -> tuple[date, time] | None:
        if self.day is None or self.start is None:
            return None
        return self.day, self.start


@dataclass(frozen=True)
class Proposal:
    """A yes/no question about one change: what kind, which slot, named how."""

    kind: ProposalKind
    day: date | None
    start: time | None
    previous: tuple[date, time] | None = None  # a move's "from" slot, when said
    weekday_said: bool = False
    date_said: bool = False
    time_said: bool = False
    text: str = ""
    also: tuple[tuple[date, time], ...] = ()
    """Further appointments one cancel or book question names ("cancel both your appointments,
    on Monday at 11 AM and on Tuesday at 11 AM?", "shall I book both, Thursday at 3 PM and
    Thursday at 2 PM?"): one yes for each of them."""
    more: tuple[Proposal, ...] = ()
    """Further changes of another kind, or further moves, the same question names ("shall I
    move your appointment from A to B, and cancel the one on C?", "move both: the one on A
    to B, and the one on C to D?"): one yes for each of them."""

    @property
    def slot(self) -> tuple[date, time] | None:
        if self.day is None or self.start is None:
            return None
        return self.day, self.start


@dataclass(frozen=True)
class Reading:
    text: str
    asks_phone: bool = False
    asks_name: bool = False
    asks_when: bool = False
    open_question: bool = False  # "how can I help?"
    anything_else: bool = False
    yes_no: bool = False  # the last question is a yes/no question
    proposal: Proposal | None = None
    phone_readback: str | None = None  # digits the agent read back and asks to confirm
    name_readback: str | None = None  # a name (or its letters) read back to confirm
    asks_spelling: bool = False  # "could you spell it?"
    choices: tuple[SlotMention, ...] = ()  # times offered to pick from
    which: bool = False  # "which one?"
    mentions: tuple[SlotMention, ...] = ()
    codes: tuple[str, ...] = ()
    failure: bool = False  # sorry / unavailable / couldn't
    success: bool = False  # booked / cancelled / moved / all set
    not_understood: bool = False
    questions: tuple[str, ...] = field(default=())

    @property
    def asks_anything(self) -> bool:
        return bool(self.questions)


# --- normalising ----------------------------------------------------------------------------
_AMPM = re.compile(r"\b([ap])\.\s?m\.?(?=\W|$)", re.IGNORECASE)


def normalise(text: str) -> str:
    """Curly quotes to straight, "a.m." to "am"; keeps the text otherwise."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2014", " - ")
    return _AMPM.sub(lambda m: m.group(1).lower() + "m", text)


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.?!])\s+", normalise(text).strip())
    return [p.strip() for p in parts if p.strip()]


# --- digits and codes ------------------------------------------------------------------------
def _words_to_digits(text: str) -> str:
    """ "six four six, double five" -> "6 4 6, 5 5" (only spoken-digit words change)."""
    tokens = re.split(r"(\W+)", text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower()
        if low in ("double", "triple", "treble") and i + 2 < len(tokens):
            nxt = tokens[i + 2].lower()
            digit = _DIGIT_WORDS.get(nxt, nxt if nxt.isdigit() and len(nxt) == 1 else None)
            if digit is not None:
                out.append(" ".join([digit] * (2 if low == "double" else 3)))
                i += 3
                continue
        if low in _DIGIT_WORDS and (low != "oh" or _near_digit_word(tokens, i)):
            out.append(_DIGIT_WORDS[low])
        else:
            out.append(tok)
        i += 1
    return "".join(out)


def _near_digit_word(tokens: list[str], i: int) -> bool:
    for j in (i - 2, i + 2):
        if 0 <= j < len(tokens):
            low = tokens[j].lower()
            if low in _DIGIT_WORDS and low != "oh" or low.isdigit():
                return True
    return False


_PHONE_SHAPES = {(10,), (11,), (3, 3, 4), (1, 3, 3, 4), (3, 7), (6, 4), (1, 10), (3, 3, 2, 2)}


def phone_numbers(text: str) -> list[str]:
    """Runs of digits shaped like a phone number (7+ digits), as said or typed."""
    spoken = _words_to_digits(normalise(text))
    found: list[str] = []
    for match in re.finditer(r"\+?\d[\d\s,.\-()]*\d", spoken):
        groups = [g for g in re.split(r"[\s,.\-()+]+", match.group(0)) if g]
        digits = "".join(groups)
        if len(digits) < 7:
            continue
        lengths = tuple(len(g) for g in groups)
        if all(n == 1 for n in lengths) or lengths in _PHONE_SHAPES or len(groups) == 1:
            found.append(digits)
    return found


def digits_of_phone(text: str) -> str:
    """All the digits a caller's line contains, spoken or typed (for checks)."""
    return re.sub(r"\D", "", _words_to_digits(normalise(text)))


_SPELLED_CODE = re.compile(r"(?<![\w-])((?:[a-z0-9][\s,\-]{1,3}){7}[a-z0-9])(?![\w-])", re.I)
_WORD_CODE = re.compile(r"\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{8}\b", re.I)


def codes(text: str) -> list[str]:
    """Confirmation codes: eight characters, spelled out ("d e f 6 7 8 9 a") or as one word."""
    text = normalise(text)
    found: list[str] = []
    for match in _SPELLED_CODE.finditer(text):
        chars = re.sub(r"[\s,\-]", "", match.group(1)).lower()
        cued = "code" in text[max(0, match.start() - 30) : match.start()].lower()
        if any(c.isalpha() for c in chars) and (any(c.isdigit() for c in chars) or cued):
            found.append(chars)  # codes may be all letters; then only after "code"
    found += [m.group(0).lower() for m in _WORD_CODE.finditer(text)]
    for m in re.finditer(r"\bcode (?:is |is still )?([a-z2-9]{8})\b", text, re.I):
        if m.group(1).lower() not in found:
            found.append(m.group(1).lower())
    return found


def says_code(text: str, code: str) -> bool:
    """Whether ``code`` is said in ``text``, spelled or as a word, any case."""
    squashed = re.sub(r"[\s,\-.]", "", normalise(text).lower())
    return code.lower() in squashed


def _mask(text: str) -> str:
    """Phone numbers and codes replaced by spaces (so their digits are not read as times)."""
    spoken = text
    for match in list(_SPELLED_CODE.finditer(spoken)) + list(_WORD_CODE.finditer(spoken)):
        spoken = spoken[: match.start()] + " " * len(match.group(0)) + spoken[match.end() :]
    for match in re.finditer(r"\+?\d[\d\s\-.()]{8,}\d", spoken):
        if len(re.sub(r"\D", "", match.group(0))) >= 7:
            spoken = spoken[: match.start()] + " " * len(match.group(0)) + spoken[match.end() :]
    return spoken


# --- times -----------------------------------------------------------------------------------
def _clinic_hour(hour: int) -> int:
    """An hour said without am/pm, read as a clinic hour: 1-7 are afternoon."""
    return hour + 12 if 1 <= hour <= 7 else hour


_HOUR_WORD_RE = "|".join(_HOUR_WORDS)
_TIME_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{1,2})(?::([0-5]\d))?\s*([ap])m\b", re.I), "ampm"),
    (
        re.compile(
            rf"\b({_HOUR_WORD_RE})(?:[\s-](thirty|fifteen|forty[\s-]five))?\s+([ap])m\b", re.I
        ),
        "word_ampm",
    ),
    (re.compile(rf"\bhalf\s+past\s+(\d{{1,2}}|{_HOUR_WORD_RE})\b", re.I), "half_past"),
    (re.compile(rf"\b(\d{{1,2}}|{_HOUR_WORD_RE})\s+o'?\s?clock\b", re.I), "oclock"),
    (
        re.compile(rf"\b(\d{{1,2}}|{_HOUR_WORD_RE})\s+in\s+the\s+(morning|afternoon)\b", re.I),
        "part",
    ),
    (re.compile(r"\b(noon|midday)\b", re.I), "noon"),
    (re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b", re.I), "clock"),
]


def _hour_value(token: str) -> int:
    return int(token) if token.isdigit() else _HOUR_WORDS[token.lower()]


def find_times(text: str) -> list[tuple[int, time]]:
    masked = _mask(normalise(text))
    spans: list[tuple[int, int]] = []
    found: list[tuple[int, time]] = []
    for pattern, kind in _TIME_PATTERNS:
        for m in pattern.finditer(masked):
            if any(m.start() < end and start < m.end() for start, end in spans):
                continue
            value = _time_of(kind, m)
            if value is None:
                continue
            spans.append((m.start(), m.end()))
            found.append((m.start(), value))
    return sorted(found)


def _time_of(kind: str, m: re.Match[str]) -> time | None:
    try:
        if kind == "ampm":
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if not 1 <= hour <= 12:
                return None
            return time((hour % 12) + (12 if m.group(3).lower() == "p" else 0), minute)
        if kind == "word_ampm":
            hour = _HOUR_WORDS[m.group(1).lower()]
            minute = {"thirty": 30, "fifteen": 15}.get((m.group(2) or "").lower(), 0)
            if m.group(2) and m.group(2).lower().startswith("forty"):
                minute = 45
            return time((hour % 12) + (12 if m.group(3).lower() == "p" else 0), minute)
        if kind == "half_past":
            return time(_clinic_hour(_hour_value(m.group(1))) % 24, 30)
        if kind == "oclock":
            return time(_clinic_hour(_hour_value(m.group(1))) % 24, 0)
        if kind == "part":
            hour = _hour_value(m.group(1))
            if m.group(2).lower() == "afternoon":
                return time(hour % 12 + 12, 0)
            return time(hour % 12, 0)
        if kind == "noon":
            return time(12, 0)
        if kind == "clock":
            hour, minute = int(m.group(1)), int(m.group(2))
            return time(hour if hour >= 8 or hour == 0 else _clinic_hour(hour), minute)
    except (ValueError, KeyError):
        return None
    return None


# --- days ------------------------------------------------------------------------------------
_MONTH_RE = "|".join(_MONTHS)
_WEEKDAY_RE = "|".join(WEEKDAY_WORDS)
_ORD_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
# the spelled ordinals a day of the month is said with ("the eleventh", "the twenty third"; not
# "the first", far more often the first of those offered)
_ORD_WORD_RE = (
    rf"(?:twenty|thirty)[\s-]+(?:first|{'|'.join(w for w, n in _ORDINAL_WORDS.items() if n < 10)})"
    rf"|{'|'.join(w for w, n in _ORDINAL_WORDS.items() if n <= 31 and w != 'first')}"
)
_NOT_A_DATE_RE = (
    r"(?:one|ones|time|slot|option|appointment|booking|choice|of\s+(?:them|those|the))\b"
)
"""What follows "the second" when it is a place in a list, not a date ("the second one")."""


def _ord_word_value(said: str) -> int | None:
    """ "eleventh" -> 11, "twenty third" -> 23."""
    parts = re.split(r"[\s-]+", said.lower())
    if len(parts) == 2:
        unit = _ORDINAL_WORDS.get(parts[1])
        return None if unit is None else (20 if parts[0] == "twenty" else 30) + unit
    return _ORDINAL_WORDS.get(parts[0])


_DAY_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b"), "iso"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+{_ORD_RE}\b", re.I), "month_day"),
    (re.compile(rf"\bthe\s+{_ORD_RE}\s+of\s+({_MONTH_RE})\b", re.I), "day_of_month"),
    (re.compile(rf"\b{_ORD_RE}\s+of\s+({_MONTH_RE})\b", re.I), "day_of_month"),
    (re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I), "the_nth"),
    (re.compile(rf"\bthe\s+({_ORD_WORD_RE})\b(?!\s+{_NOT_A_DATE_RE})", re.I), "the_nth_word"),
    (re.compile(r"\b(the\s+day\s+after\s+tomorrow|tomorrow|today)\b", re.I), "relative"),
    (re.compile(rf"\b(?:(this|next|coming)\s+)?({_WEEKDAY_RE})\b", re.I), "weekday"),
]


@dataclass
class _Day:
    pos: int
    end: int
    day: date | None
    weekday: int | None = None
    date_said: bool = False


def _year_for(month: int, dom: int, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, dom)
        except ValueError:
            continue
        if candidate >= today - timedelta(days=31):
            return candidate
    return None


def _next_dom(dom: int, today: date) -> date | None:
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, dom)
            if candidate >= today:
                return candidate
        except ValueError:
            pass
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return None


def find_days(text: str, today: date) -> list[_Day]:
    masked = _mask(normalise(text))
    spans: list[tuple[int, int]] = []
    found: list[_Day] = []
    for pattern, kind in _DAY_PATTERNS:
        for m in pattern.finditer(masked):
            if any(m.start() < end and start < m.end() for start, end in spans):
                continue
            found_day = _day_of(kind, m, today)
            if found_day is None:
                continue
            spans.append((m.start(), m.end()))
            found.append(found_day)
    found.sort(key=lambda d: d.pos)
    return _merge_days(found, masked)


def _day_of(kind: str, m: re.Match[str], today: date) -> _Day | None:
    if kind == "iso":
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return _Day(m.start(), m.end(), day, date_said=True)
    if kind == "month_day":
        month = _MONTHS.index(m.group(1).lower()) + 1
        return _Day(m.start(), m.end(), _year_for(month, int(m.group(2)), today), date_said=True)
    if kind == "day_of_month":
        month = _MONTHS.index(m.group(2).lower()) + 1
        return _Day(m.start(), m.end(), _year_for(month, int(m.group(1)), today), date_said=True)
    if kind == "the_nth":
        return _Day(m.start(), m.end(), _next_dom(int(m.group(1)), today), date_said=True)
    if kind == "the_nth_word":
        value = _ord_word_value(m.group(1))
        if value is None or value > 31:
            return None
        return _Day(m.start(), m.end(), _next_dom(value, today), date_said=True)
    if kind == "relative":
        word = m.group(1).lower()
        delta = 0 if word == "today" else 1 if word == "tomorrow" else 2
        return _Day(m.start(), m.end(), today + timedelta(days=delta))
    if kind == "weekday":
        weekday = WEEKDAY_WORDS.index(m.group(2).lower())
        ahead = (weekday - today.weekday()) % 7
        if ahead == 0 and (m.group(1) or "").lower() != "this":
            ahead = 7
        return _Day(m.start(), m.end(), today + timedelta(days=ahead), weekday=weekday)
    return None


def _dom_on_weekday(d: _Day, weekday: int, text: str) -> date | None:
    """ "Monday the 4th" with no month said: the next 4th that is a Monday (January's, when
    December's 4th is a Friday), as a person echoing "Monday, January 4th" means it; a month
    said keeps its date."""
    if d.day is None or d.day.weekday() == weekday or _MONTH_SAID.search(text[d.pos : d.end]):
        return d.day
    year, month = d.day.year, d.day.month
    for _ in range(12):
        month += 1
        if month == 13:
            year, month = year + 1, 1
        try:
            candidate = date(year, month, d.day.day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            return candidate
    return d.day


_MONTH_SAID: Final = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\b", re.I)


def _merge_days(days: list[_Day], text: str) -> list[_Day]:
    """ "Tuesday, December 1st" is one day: a weekday right before or after a date."""
    merged: list[_Day] = []
    for d in days:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : d.pos]
            if len(gap) <= 3 and re.fullmatch(r"[\s,]*(the\s*)?", gap or " ", re.I) is not None:
                if prev.weekday is not None and d.date_said and not prev.date_said:
                    day = _dom_on_weekday(d, prev.weekday, text)
                    merged[-1] = _Day(prev.pos, d.end, day, prev.weekday, True)
                    continue
                if d.weekday is not None and prev.date_said and prev.weekday is None:
                    merged[-1] = _Day(prev.pos, d.end, prev.day, d.weekday, True)
                    continue
        merged.append(d)
    return merged


def mentions(text: str, today: date, context_day: date | None = None) -> list[SlotMention]:
    """Days and times in ``text``, each time paired with the day it belongs to.

    A time takes the last day named before it in its sentence, else the first named after
    it in that sentence, else the last day named earlier in the text, else ``context_day``."""
    out: list[SlotMention] = []
    last_day: _Day | None = None
    offset = 0
    norm = normalise(text)
    for sentence in sentences(norm):
        start = norm.find(sentence, offset)
        offset = start + len(sentence)
        days = find_days(sentence, today)
        times = find_times(sentence)
        used: set[int] = set()
        for pos, value in times:
            before = [d for d in days if d.pos < pos]
            after = [d for d in days if d.pos > pos]
            day = before[-1] if before else after[0] if after else last_day
            if day is not None and day in days:
                used.add(days.index(day))
            out.append(
                SlotMention(
                    day=day.day if day is not None else context_day,
                    start=value,
                    weekday_said=day is not None and day.weekday is not None,
                    date_said=day is not None and day.date_said,
                    pos=start + pos,
                )
            )
        for i, d in enumerate(days):
            if i not in used:
                out.append(
                    SlotMention(d.day, None, d.weekday is not None, d.date_said, start + d.pos)
                )
        if days:
            last_day = days[-1]
    return sorted(out, key=lambda m: m.pos)


# --- the reply -------------------------------------------------------------------------------
_YN_LEADS = re.compile(
    r"^(?:\w+,\s+)?(shall|should|can|could|would|will|do|does|did|is|are|was|were|want|may|"
    r"ok|okay|alright|all right|just to confirm|to confirm|so|great|perfect)\b",
    re.I,
)
_YN_TAGS = re.compile(
    r"(want me to|like me to|go ahead|is that (ok|okay|right|correct|alright|all right)|"
    r"does that (work|sound)|that work for you|sound good|, right\?|\bconfirm\b|"
    r"is this correct|did i get that right|have that right)",
    re.I,
)
_WH_LEADS = re.compile(r"^(?:\w+,\s+)?(what|which|when|where|who|how)\b", re.I)
_REQUEST = re.compile(
    r"^(?:\w+,\s+)?(please|could you|can you|would you|tell me|give me|say|spell|"
    r"may i (have|get)|can i (have|get)|could i (have|get)|i('ll| will)? need|i just need|"
    r"let me have|go ahead and)\b",
    re.I,
)
_PHONE_CUE = re.compile(r"\b(phone|number|digits|reach you|call you back|cell)\b", re.I)
_NOT_PHONE = re.compile(r"\b(confirmation|booking|appointment) (number|code)\b", re.I)
_NAME_CUE = re.compile(
    r"\b(your (full |first and last )?name|name (is it|please|for the)|who am i speaking|"
    r"who's calling|who is calling|spell (it|your)|name\?|the name)\b",
    re.I,
)
_WHEN_CUE = re.compile(
    r"\b(what|which) (day|date|time|days|times)\b|\bwhen (would|do|did|works|is good|can|"
    r"should|are you)\b|\b(day|date) and time\b|\bin mind\b|\bprefer(red|ence)?\b|"
    r"\b(a|another|other) (day|time|date)\b|\bwhat works\b|\bwhich works\b|\bany (day|time)\b",
    re.I,
)
_OPEN_CUE = re.compile(
    r"\b(how can i help|how may i help|what can i do for you|what can i help|help you with)\b",
    re.I,
)
_ELSE_CUE = re.compile(
    r"\b(anything else|something else|else (i|we) can|else can (i|we)|else today|"
    r"any other questions|anything more)\b",
    re.I,
)
_WHICH_CUE = re.compile(
    r"\bwhich (one|appointment|of (them|those|these|your))\b|\b(first|second) one\b", re.I
)
_FAILURE = re.compile(
    r"\b(sorry|unavailable|not available|isn't available|already (booked|taken)|taken|"
    r"couldn't|could not|can't|cannot|unable|closed|not open|no (free|open|available)|"
    r"fully booked|invalid|didn't catch|did not catch|not sure i understood|"
    r"don't (see|have)|no appointments?)\b",
    re.I,
)
_SUCCESS = re.compile(
    r"\b(you're (all )?(booked|set)|you are (all )?(booked|set)|is booked|have booked|"
    r"i've booked|booked you|has been (booked|moved|rescheduled|cancell?ed|changed)|"
    r"(is|are) now|now at|moved|rescheduled|cancell?ed|all set|confirmed|done)\b",
    re.I,
)
_NOT_UNDERSTOOD = re.compile(
    r"\b(didn't catch|did not catch|didn't understand|not sure (what|i understood)|"
    r"say (it|that) again|could you repeat|can you repeat|didn't get that|pardon)\b",
    re.I,
)
_PICK_CUE = re.compile(
    r"\b(which|what time|any of|one of|prefer|either|works? best|suits?|sound good|"
    r"do any|does any|would any|do you want|would you like|shall we)\b",
    re.I,
)
_REFERS = re.compile(
    r"\b(it|that|this|that one|that time|that slot)\b|^\W*(ok|okay|alright|all right|right)\W*$",
    re.I,
)
_KIND_CUES: list[tuple[ProposalKind, re.Pattern[str]]] = [
    ("cancel", re.compile(r"\bcancel", re.I)),
    ("move", re.compile(r"\b(move|moving|reschedul|change|switch|push|shift)", re.I)),
    (
        "book",
        re.compile(
            r"\b(book|schedul|reserve|put you (down|in)|set you up|sign you up|pencil|"
            r"lock (it|that) in|make (the|an|that) appointment|grab)",
            re.I,
        ),
    ),
]


def is_question(sentence: str) -> bool:
    s = sentence.strip()
    return s.endswith("?") or bool(_REQUEST.match(s))


def is_yes_no(sentence: str) -> bool:
    s = sentence.strip()
    if _WH_LEADS.match(s) and not _YN_TAGS.search(s):
        return False
    return bool(_YN_LEADS.match(s) or _YN_TAGS.search(s)) and (
        s.endswith("?") or bool(_YN_TAGS.search(s))
    )


def read_reply(text: str, today: date, context_day: date | None = None) -> Reading:
    """What a caller understands from the agent's reply (one turn, all its sentences)."""
    norm = normalise(text)
    parts = sentences(norm)
    questions = [s for s in parts if is_question(s)]
    last_q = questions[-1] if questions else ""
    all_mentions = mentions(norm, today, context_day)
    q_mentions = mentions(last_q, today, _last_day(all_mentions) or context_day) if last_q else []
    codes_said = tuple(dict.fromkeys(codes(norm)))

    readback = None
    if questions and (is_yes_no(last_q) or "?" in last_q):
        numbers = [n for n in phone_numbers(norm) if len(n) >= 7]
        # "you can reach staff at 207 555 0142 ... Is there anything else?" reads out the
        # clinic's number: no read-back of the caller's
        # nor does "... at 207 555 0142. Shall I book Wednesday at 9 AM?", the question after
        # it about a slot
        about_slot = (
            any(cue.search(last_q) for _, cue in _KIND_CUES)
            and any(m.start is not None for m in q_mentions)
            and not numbers_in(last_q)
        )
        if (
            numbers
            and not _WHEN_CUE.search(last_q)
            and not _ELSE_CUE.search(last_q)
            and not about_slot
        ):
            readback = numbers[-1]

    # times offered to choose from: in the question, else in the sentence before it
    choices: list[SlotMention] = []
    timed_q = [m for m in q_mentions if m.start is not None]
    if len(timed_q) >= 2:
        choices = timed_q
    elif last_q and not timed_q and _PICK_CUE.search(last_q) and not _YN_TAGS.search(last_q):
        idx = parts.index(last_q)
        if idx > 0:
            prev = mentions(parts[idx - 1], today, _last_day(all_mentions) or context_day)
            timed_prev = [m for m in prev if m.start is not None]
            if len(timed_prev) >= 2:
                choices = timed_prev
    distinct_choices = {(m.day, m.start) for m in choices}

    yes_no = bool(last_q) and is_yes_no(last_q)
    moving = yes_no and _KIND_CUES[1][1].search(last_q) is not None
    if moving and not re.search(r"\bor\b", last_q, re.I):
        distinct_choices, choices = set(), []  # "move it from X to Y?" is one proposal
    cancelling_all = (
        yes_no
        and _KIND_CUES[0][1].search(last_q) is not None
        and _EVERY_ONE.search(last_q) is not None
        and not re.search(r"\bor\b", last_q, re.I)
    )
    booking_all = (
        yes_no
        and _KIND_CUES[2][1].search(last_q) is not None
        and _KIND_CUES[0][1].search(last_q) is None
        and _KIND_CUES[1][1].search(last_q) is None
        and _EVERY_ONE.search(last_q) is not None
        and not re.search(r"\bor\b", last_q, re.I)
    )
    several_kinds = (
        yes_no and len(_kinds_asked(last_q)) > 1 and not re.search(r"\bor\b", last_q, re.I)
    )
    if cancelling_all or booking_all or several_kinds:
        # "cancel both, on X and on Y?", "book both, X and Y?", "move A to B and cancel C?"
        # is one proposal
        distinct_choices, choices = set(), []
    proposal = None
    if readback is None and last_q and len(distinct_choices) < 2:
        proposal = _proposal(last_q, parts, yes_no, today, all_mentions, context_day)

    asks_phone = bool(
        last_q and _PHONE_CUE.search(last_q) and not _NOT_PHONE.search(last_q) and not readback
    )
    name_check = NAME_READBACK.search(text) if last_q else None
    asks_spelling = bool(last_q and SPELL_CUE.search(last_q))
    asks_name = bool(last_q and _NAME_CUE.search(last_q)) and name_check is None
    asks_when = bool(last_q and _WHEN_CUE.search(last_q)) and proposal is None
    return Reading(
        text=text,
        asks_phone=asks_phone,
        asks_name=asks_name,
        asks_when=asks_when,
        open_question=bool(last_q and _OPEN_CUE.search(last_q)),
        anything_else=bool(_ELSE_CUE.search(norm)),
        yes_no=yes_no,
        proposal=proposal,
        phone_readback=readback,
        name_readback=name_check.group(1) if name_check is not None else None,
        asks_spelling=asks_spelling,
        choices=tuple(choices) if len(distinct_choices) >= 2 else (),
        which=bool(last_q and _WHICH_CUE.search(last_q)),
        mentions=tuple(all_mentions),
        codes=codes_said,
        failure=bool(_FAILURE.search(norm)),
        success=bool(_SUCCESS.search(norm)),
        not_understood=bool(_NOT_UNDERSTOOD.search(norm)),
        questions=tuple(questions),
    )


def numbers_in(sentence: str) -> bool:
    """Whether a sentence itself says a number of seven digits or more."""
    return any(len(n) >= 7 for n in phone_numbers(sentence))


NAME_READBACK = re.compile(
    r"\b(?:have|got) (?:your name|you)(?: down)? as (.+?)[.,]? (?:is that|is this|am i) "
    r"(?:right|correct)\b",
    re.I,
)
SPELL_CUE = re.compile(r"\bspell (?:it|that|your (?:first |last |full )?name)\b", re.I)


def _last_day(found: list[SlotMention]) -> date | None:
    days = [m.day for m in found if m.day is not None]
    return days[-1] if days else None


def _proposal(
    question: str,
    parts: list[str],
    yes_no: bool,
    today: date,
    all_mentions: list[SlotMention],
    context_day: date | None,
) -> Proposal | None:
    """A yes/no question about one slot (or one appointment to cancel)."""
    if not yes_no or _ELSE_CUE.search(question):
        return None
    kind: ProposalKind = "unknown"
    for name, cue in _KIND_CUES:
        if cue.search(question):
            kind = name
            break
    found = mentions(question, today, _last_day(all_mentions) or context_day)
    source = question
    if not any(m.start is not None or m.day is not None for m in found):
        # "Tuesday, December 1st at 2 PM is free. Shall I book it?" -- only a question that
        # refers back ("book it", "go ahead", "does that work") takes its slot from before
        if kind == "unknown" and not _YN_TAGS.search(question) and not _REFERS.search(question):
            return None
        idx = parts.index(question)
        for prev in reversed(parts[:idx]):
            found = mentions(prev, today, _last_day(all_mentions) or context_day)
            if found:
                source = prev
                break
    if kind == "unknown":
        for name, cue in _KIND_CUES:
            if cue.search(source):
                kind = name
                break
    timed = [m for m in found if m.start is not None]
    if source != question and len({(m.day, m.start) for m in timed}) > 1:
        return None  # "You have 9 AM and 2 PM. Would you like to change either?"
    if not found:
        if kind == "cancel":
            return Proposal(kind, None, None, text=question)
        return None
    if source == question and not re.search(r"\bor\b", question, re.I):
        several = _several_changes(question, timed)
        if several is not None:
            return several
    if kind == "move" and len(timed) >= 2:
        target, previous = _move_target(question if source == question else source, timed)
    else:
        target = timed[-1] if timed else found[-1]
        previous = None
    slots = list(dict.fromkeys((m.day, m.start) for m in timed))
    if (
        kind in ("cancel", "book")
        and len(slots) > 1
        and source == question
        and _EVERY_ONE.search(question)
        and not re.search(r"\bor\b", question, re.I)
        and all(m.day is not None for m in timed)
    ):
        # "shall I cancel both your appointments, on A and on B?", "shall I book both, A and
        # B?": one question, every slot
        first = timed[0]
        return Proposal(
            kind=kind,
            day=first.day,
            start=first.start,
            weekday_said=all(m.weekday_said for m in timed),
            date_said=all(m.date_said for m in timed),
            time_said=True,
            text=question,
            also=tuple((d, t) for d, t in slots[1:] if d is not None and t is not None),
        )
    if len(slots) > 1 and kind not in ("move",):
        # several different times in one yes/no question: a choice, not one proposal
        return None
    return Proposal(
        kind=kind,
        day=target.day,
        start=target.start,
        previous=previous,
        weekday_said=target.weekday_said,
        date_said=target.date_said,
        time_said=target.start is not None,
        text=question,
    )


_EVERY_ONE = re.compile(r"\b(?:both|all \w+|all of)\b", re.I)


def _kinds_asked(question: str) -> list[tuple[int, ProposalKind]]:
    """Where each kind of change is asked for in a question, in order ("move ... and cancel
    ..." is two), one entry per run of the same kind."""
    found = sorted((m.start(), kind) for kind, cue in _KIND_CUES for m in cue.finditer(question))
    runs: list[tuple[int, ProposalKind]] = []
    for pos, kind in found:
        if not runs or runs[-1][1] != kind:
            runs.append((pos, kind))
    return runs


def _several_changes(question: str, timed: list[SlotMention]) -> Proposal | None:
    """One yes/no question naming two changes: two moves ("move both your appointments: the
    one on A to B, and the one on C to D?") or two kinds ("move A to B, and cancel the one on
    C?", "cancel A and book B?"): the first, with the rest in ``more``."""
    if any(m.day is None for m in timed):
        return None
    runs = _kinds_asked(question)
    parts: list[tuple[ProposalKind, list[SlotMention]]] = []
    if len(runs) == 1 and runs[0][1] == "move" and _EVERY_ONE.search(question):
        if len(timed) != 4:
            return None
        parts = [("move", timed[:2]), ("move", timed[2:])]
    elif len(runs) == 2:
        (_, first), (split, second) = runs
        parts = [
            (first, [m for m in timed if m.pos < split]),
            (second, [m for m in timed if m.pos >= split]),
        ]
    else:
        return None
    found: list[Proposal] = []
    for kind, said in parts:
        wanted = 2 if kind == "move" else 1
        # "cancel A, and book B and C?": the bookings after the first, one yes for each
        booked = tuple(m.slot for m in said[1:] if m.slot is not None) if kind == "book" else ()
        if len(said) != wanted and not (booked and len(booked) == len(said) - 1):
            return None
        target = said[0] if booked else said[-1]
        found.append(
            Proposal(
                kind=kind,
                day=target.day,
                start=target.start,
                previous=said[0].slot if kind == "move" else None,
                weekday_said=all(m.weekday_said for m in said),
                date_said=all(m.date_said for m in said),
                time_said=True,
                text=question,
                also=booked,
            )
        )
    first_one, *rest = found
    return Proposal(
        kind=first_one.kind,
        day=first_one.day,
        start=first_one.start,
        previous=first_one.previous,
        weekday_said=first_one.weekday_said and all(p.weekday_said for p in rest),
        date_said=first_one.date_said and all(p.date_said for p in rest),
        time_said=True,
        text=question,
        more=tuple(rest),
    )


def _move_target(
    text: str, timed: list[SlotMention]
) -> tuple[SlotMention, tuple[date, time] | None]:
    """In "move it from Friday at 9 AM to Monday at 11 AM" the target follows " to "."""
    low = normalise(text).lower()
    marker = low.rfind(" to ")
    after = [m for m in timed if m.pos > marker] if marker >= 0 else []
    target = after[0] if after else timed[-1]
    others = [m for m in timed if m is not target]
    previous = others[0].slot if others else None
    return target, previous


# "you already have that one" (not "that slot is already booked", which may be anyone's)
HELD_CUE = re.compile(
    r"\b(you already|you've already|you have already|you're already|you are already|"
    r"already (have|hold|got)|already yours|already booked for you|that's your|that is your|"
    r"is yours|you have (an|that|this) appointment|you're booked (for|on|at) that|"
    r"have you down)\b",
    re.I,
)


# --- the caller's own lines (for fixed scripts) ----------------------------------------------
AFFIRM = re.compile(
    # a hesitant lead: "Mm, yeah, fine.", "I guess so, yeah.", "Hmm... sure, why not."
    r"^\W*(?:(?:okay|ok|oh|um|uh|right|mm+|hmm+|eh|well|grand|uh[- ]huh|mm[- ]hm+|sorry"
    r"|i guess(?: so)?|i suppose(?: so)?)"
    # (two of them, a dash between: "Oh, right - fine, just move it please.")
    r"\s*[,.\-\u2013]*\s+){0,2}"
    r"(?:(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|\d{1,2}(?:st|nd|rd|th)"
    r"|this(?=\s+one)|that(?=\s+one)"  # "this one yes book it"
    r"|\d{1,2}(?::\d{2})?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon"
    # a pick by its place in what was read out: "the earliest one is fine"
    r"|first|second|third|middle|earliest|earlier|latest|later"
    r"|(?:nine|ten|eleven|twelve|one|two|three)\s+(?:am|pm|o'clock))"
    # "Thursday, yes", "eleven's fine", "two's good"
    r"(?:\s*(?:am|pm|o'?clock))?(?:\s+one)?(?:'s)?,?\s+(?:is\s+|would\s+be\s+)?)?"
    r"(um+,?\s*|uh+,?\s*|oh,?\s*|okay,?\s*|ok,?\s*)?(?:(yes+|yeah|yep|yup|sure|correct|"
    r"that'?s (right|correct|fine|perfect|great|grand|lovely|brilliant)|that works|perfect|"
    r"(?:that\s+)?sounds\s+(?:good|great|fine|lovely|perfect|grand)|"
    r"please do|go (for it|ahead)|go on(?: then)?|absolutely|definitely|works for me|"
    r"that'?ll work|that will work|"
    # warm and formal: "That would be lovely, thank you", "oh that'd be marvellous"
    r"(?:(?:that|it)(?:'d| would)|that(?:'ll| will)) be (?:great|lovely|wonderful|marvell?ous"
    r"|perfect|fine|brilliant"
    r"|ideal|grand|super)|"
    r"let'?s do (it|that)|mm[- ]hm+|mhm+|uh[- ]huh|fine|grand|great|alright|all right|book it"
    r"|do it|works|"
    # the change itself asked for, and nothing else after it: "cancel it please", "move it"
    r"(?:cancel|move|shift|change) (?:it|that)(?: one)?(?=\W*(?:(?:please|then|for me|thanks"
    r"|thank you)\W*)*$)|"
    r"i guess so|i suppose so|"
    # British and everyday warmth that answers a yes/no question: "Lovely, yes please"
    r"lovely|brilliant|excellent|wonderful|fantastic|aye|that'?ll do|that will do|"
    # radio and service talk: "Affirmative, yes", "Roger that"
    r"affirmative|roger(?: that)?|ten[- ]four|10-4|"
    # the thing proposed said to be just right: "Spot on", "Bang on, book it in", "That's the
    # one", "Righto, sounds like a plan", "By all means", "It is indeed", "You bet"
    r"spot on|bang on|that'?s the one|right-?o|sounds like a plan|by all means|(?:it is )?indeed"
    r"|you bet|"
    # slang and formal registers: "Say less, book it", "Bet, that works", "Lock it in", "That is
    # correct. Please proceed", "That is entirely satisfactory", "I hereby confirm"
    r"say less|bet|lock it in|let'?s action (?:it|that)|that is (?:right|correct|fine)|"
    r"(?:that|it) (?:is|would be|'d be) (?:quite |entirely |perfectly |most )?"
    r"(?:satisfactory|acceptable|agreeable)|i (?:hereby )?confirm|"
    # "thats it just that one" to "shall I cancel Monday's?" (not a bare "that's it")
    r"(?:that'?s (?:it|right),?\s+)?(?:just|only) (?:that|this|the) one(?=\W*$)|"
    # Australian: "Too easy, book it", "Sweet as"
    r"too easy|sweet as|"
    r"good(?!\s+(?:morning|afternoon|evening|day|grief|lord))|"
    # typed in a chat window: "ya", "yea", "k", "ok" on its own, a thumbs-up
    r"ya|yah|yea|yeh|y|k|kk|ok|okay|okey|"
    # a yes in the caller's first language: "Sí, perfecto", "Ja, genau", "tak tak yes"
    r"s[ií]|ja|oui|da|tak|hai|haan|aywa|sim|claro|genau|d'accord|vale|sawa)\b|\U0001f44d)",
    re.I,
)
_NEGATE = re.compile(
    r"\b(no|nope|nah|not|don't|wait|actually|instead|rather|scratch|never mind)\b"
    # "okay good, leave mine as it is, that's fine" to "shall I cancel it?": kept, no yes
    r"|\bleave (?:it|mine|them|that|this|both|those)(?: one)?"
    r" (?:as it is|as they are|alone|be|where it is|where they are|for now)\b"
    # "okay thanks, I'll ring back when I know", "right - I won't book just now": put off (not
    # after a yes of its own: "Yes, cancel it please. And I'll ring back when I have my rota")
    r"|^(?!.*\b(?:yes|yeah|yep|cancel it|move it|book it|go ahead|please do)\b)"
    r"(?:.*\b(?:i|we) (?:won'?t|will not|am not going to) book\b"
    r"(?! (?:another|a new|again|anything else|a second)\b)"
    r"|.*\b(?:i'?ll|i will) (?:ring|call|phone) (?:you )?back (?:when|once|later|tomorrow)\b)",
    re.I,
)


_NOT_A_NEGATION = re.compile(
    # "Yes, like I said. You don't have to keep checking": the agent told it need not ask
    r"\bwhy not\b|\bnot a problem\b|\bno problem\b|\b(?:you )?(?:don'?t|do not) (?:have|need) to\b"
    # "Yes, please, if you're sure it's no trouble": a courtesy, no refusal
    r"|\b(?:it'?s|its|it is|if it'?s) no (?:trouble|bother)\b"
    r"|\bno need to\b"
    # "Yes, cancel it please. And don't worry about the week after": a worry waved away
    r"|\b(?:don'?t|do not) worry\b|\bno worries\b"
    # "Yes, cancel that one please. But not the one in January": another appointment kept
    r"|(?<=[.!;] )but not the (?:other )?(?:[\w']+ )?one\b",
    re.I,
)


_YES_BY_NEGATION = re.compile(
    r"\bno objections?(?: at all| whatsoever)?\b|\bno reason not to\b"
    r"|\b(?:i )?(?:don'?t|do not|can'?t|cannot) see why not\b"
    r"|\b(?:i )?(?:wouldn'?t|would not) say no\b"
    r"|\b(?:no|not a) problem(?: at all)?(?=\W+(?:go ahead|go on|book|do it|yes|yeah|yep)\b)"
    r"|^(?:no|nah|nope),? (?:that'?s|that is|it'?s) (?:fine|ok|okay|alright)"
    r"(?=\W+(?:yes|yeah|yep|go on|go ahead|book it|do it)\b)",
    re.I,
)
"""A yes said through a negation: "No objection at all - go ahead", "I don't see why not",
"I wouldn't say no!", "no problem go ahead", "no that's fine yeah go on"."""


_SAID_BACK: Final = (
    frozenset(WEEKDAY_WORDS)
    | frozenset(_MONTHS)
    | frozenset(_DIGIT_WORDS)
    | frozenset(_HOUR_WORDS)
    | frozenset(_ORDINAL_WORDS)
    | frozenset({"so", "thats", "that's", "from", "to", "the", "at", "on", "in", "of", "and"})
    | frozenset({"morning", "afternoon", "noon", "am", "pm", "o'clock", "oclock", "twenty"})
    | frozenset({"thirty", "zero", "oh"})
    | frozenset(f"{n}{s}" for n in range(1, 32) for s in ("", "st", "nd", "rd", "th"))
)
"""Words a caller says a slot or a number back in ("Wednesday the 9th at 9", "six one seven
five five five ...")."""


_LINE_ASIDE = re.compile(
    r"^\W*(?:(?:oh|ah|hello|hi|sorry|oops|um|uh|gosh)\W+)*"
    r"(?:(?:it'?s|you'?re|this is) (?:not|no) (?:a |an |the )?(?:answering )?(?:machine|recording"
    r"|robot|voicemail)|(?:you'?re|it'?s) (?:a |an )?(?:real |actual )?(?:person|human)"
    r"|i thought (?:(?:this|it) was|i was (?:getting|leaving)|i'?d get|i'?d be leaving)"
    r" (?:a |an |the )?(?:answering )?(?:machine|message|voicemail|recording))"
    r"\W*(?:(?:sorry|oh|so)\W+)*",
    re.I,
)
"""An aside about the line itself at the start of a reply, from a caller who expected an
answering machine ("Oh, it's not a machine! Sorry.", "oh hello sorry i thought i was leaving
a message"): what follows it is the answer."""


_CUT_OFF_START = re.compile(r"^\W*([a-z]{1,3})-?\s+(?=\1[a-z]*\b)", re.I)
"""A first word broken off and begun again ("ye yeah go ahead", "y- yes", as a recogniser
writes a caller cut off by the line): the word said whole is the answer."""


_DITHERED_START = re.compile(
    r"^\W*(?:(?:ugh|um+|uh+|er+|erm|hm+|oh|ah+)\W+)*"
    r"(?:(?:yes|yeah|yep|no|nope|nah)\W+(?:(?:um+|uh+|er+|erm|hm+|ugh)\W+)*){2,}"
    r"(?=(?:yes|yeah|yep)\b)",
    re.I,
)
"""A caller going back and forth out loud before they settle on a yes ("yeah no yeah fine do
that", "Ugh... yeah... no... yeah. Yeah, cancel it"): the yes they end on is the answer."""


_SHORT_LEAD = re.compile(
    r"^\W*(?!(?:maybe|perhaps|possibly|probably|dunno|unsure|guess|if|not|no|nope|nah|wait"
    r"|actually|rather|instead|scratch|hold|hang|but|dont|don't)\b)[a-z']+\W+"
    r"(?=(?:yes|yeah|yep)\b)",
    re.I,
)
"""One word of approval in the caller's own English before the yes ("tidy yeah do that",
"lush, yes please", "grand yeah go on"): the yes after it is the answer (not a hedge:
"maybe yes")."""


_LEFT_TO_YOU = re.compile(
    r"^\W*(?:(?:oh|well|right|um+|uh+)\W+)?(?:whatever|whichever)(?:'s| is| one'?s)?"
    r" (?:soonest|earliest|first|sooner|quickest|nearest)"
    r"(?: (?:today|tomorrow|then|for you|you'?ve got))?[\s\-\u2013\u2014,.]+"
    r"(?=(?:yes|yeah|yep)\b)",
    re.I,
)
"""The pick left to the receptionist before the yes ("Whatever's soonest today - yes, I'll
take it", "whichever's first, yeah, book it"), said to the earliest time proposed: the yes
after it is the answer."""


_TOLD_SOMEONE_ELSE = re.compile(
    r"(?<=[.!?,;])\s*(?i:no|not now)\W+(?i:not you)"
    r"(?:,\s*(?:[A-Z][a-z]+|(?i:love|darling|sweetheart|sweetie|pet|mate|honey)))?\s*[.!]\s*(?=\S)"
)
"""A sentence said to someone in the room between two parts of the answer ("Yes, please. No -
not you, Ben. Yes, cancel it"): not a no to the agent. Only as a sentence of its own after
the first: "No, not you - I said Tuesday" at the start stays a no."""


_OPENING_PAIR = re.compile(
    r"^\W*(?:(?:yeah|yea|yes|yep|yup)\W+(?:no|nah)|(?:no|nah)\W+(?:yeah|yea|yes|yep|yup))\W+"
    r"(?!(?:no|nah|nope|yeah|yea|yes|yep|yup|problem|worries|rush|hurry|bother|way|thanks"
    r"|thank|need|chance|not)\b)"
    # (not before a bare acknowledgement, "yeah no, sure", "yeah nah ok then": read whole)
    r"(?!(?:ok|okay|sure|fine|right|good|alright|cool|whatever)(?:\W+(?:then|so))?\W*$)(?=\w)",
    re.I,
)
"""A "yeah, no" or "no, yeah" a caller opens on, words after it ("No, yeah, eleven's
perfect, go ahead", "yeah no that's right"): a speaker's habit, not an answer; what follows
it is the answer (and "yeah, no, one's no good" stays a no by the no after it)."""


_CLOSING_YES = re.compile(
    r"\w[\w' ]*,?\s+[-\u2013\u2014,]\s*(?:yes|yeah|yep)(?: please)?[.!]*$", re.I
)
"""A yes closing the line after the change asked for ("Just cancel it, please - yes.")."""


def is_affirmative(line: str) -> bool:
    """Whether a caller's line says yes (and takes nothing back); "sure, why not" is a yes,
    and so is a yes right after a checking question ("Oh, Friday, is it? Yeah, cancel it")
    or a short first sentence ("Oh, good. Yes, I'll take that."), or after an aside about the
    line itself ("Oh, you're a real person! Sorry. Yes, book it")."""
    line = _LINE_ASIDE.sub("", line)
    line = _OPENING_PAIR.sub("", line, count=1)
    line = _TOLD_SOMEONE_ELSE.sub(" ", line)
    line = _CUT_OFF_START.sub("", line)
    line = _DITHERED_START.sub("", line)
    line = _SHORT_LEAD.sub("", line)
    line = _LEFT_TO_YOU.sub("", line)
    line = _YES_BY_NEGATION.sub("yes", line)
    if _NEGATE.search(_NOT_A_NEGATION.sub(" ", line)):
        return False
    if AFFIRM.match(line):
        return True
    _, asked, rest = line.partition("?")
    if asked and AFFIRM.match(rest.strip()):
        return True
    # a yes after the thing said back: "Right, Wednesday the 2nd, yes, that's the one."
    back = re.match(r"^\W*(?:(?:right|ok|okay|oh|so)[,.]?\s+)?[\w' ]{1,30},\s*(.*)$", line, re.I)
    if back and re.match(r"(?:yes|yeah|yep)\b", back.group(1), re.I):
        return True
    # a yes closing the line after the change asked for: "Just cancel it, please - yes."
    if _CLOSING_YES.search(line) and not asked:
        return True
    # a yes after the slot or the number said back, however long: "friday morning yeah that
    # works", "From Monday at nine to Wednesday at nine - yes, that's right."
    words = re.findall(r"[\w']+|[^\w\s]+", line)
    k = 0
    while k < len(words) and (words[k].lower() in _SAID_BACK or not words[k][0].isalnum()):
        k += 1
    if k >= 2 and k < len(words) and AFFIRM.match(" ".join(words[k:])):
        return True
    # a yes after a short first sentence: "Oh, good. Yes, I'll take that."
    m = re.match(r"([^.!]*)[.!](.*)$", line)
    if m and len(m.group(1).split()) <= 4 and AFFIRM.match(m.group(2).strip()):
        return True
    # a yes that closes the line after a word with someone in the room: "Let me check with my
    # manager. Ray? Can I take it? ... Yep, he says that's fine. Yes, book it."
    sentences = [x.strip() for x in re.split(r"[.!?]+", line) if x.strip()]
    return len(sentences) > 1 and AFFIRM.match(sentences[-1]) is not None
