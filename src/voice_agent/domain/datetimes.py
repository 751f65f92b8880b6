"""Parsing the dates and times callers (or a language model) give us.

Both ISO forms ("2026-01-24", "14:00") and everyday forms ("tomorrow", "Friday",
"January 24th", "2 PM", "eleven a m", "noon") are accepted; anything else is a named error.
A caller's sentence may carry a date among other words ("friday would be great"); with
``exact=True`` (what staff and the command line type) the text must be a date or a time and
nothing else: "tomorrow-ish" or "10ish" is refused, not read as tomorrow or 10:00.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from voice_agent.domain.errors import InvalidDate, InvalidTime
from voice_agent.domain.spoken_numbers import (
    ORDINALS,
    TEENS,
    TENS,
    UNITS,
    parse_small_number,
    tokens,
)
from voice_agent.domain.weekdays import WEEKDAYS

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""The months, spelled once, lower case: January first."""
MONTHS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAY_NAMES: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAYS)}

_NUMBER_WORDS = frozenset({*UNITS, *TEENS, *TENS, *ORDINALS})
_DATE_WORDS = frozenset(
    {*MONTHS, *WEEKDAY_NAMES, "today", "tomorrow", "the", "of", "next", "this", "after", "day"}
    | {"on", "and", "a", "week", "fortnight", "from", "but"}
)
_TIME_WORDS = frozenset(
    {"am", "pm", "a", "p", "m", "oclock", "o", "clock", "noon", "midday", "at", "in", "the"}
    | {"quarter", "half", "past", "after", "to", "before", "til", "till"}
    | {"morning", "afternoon", "evening"}
)


# typed, not said ("sat", "sun" and "wed" are words in a sentence): read in exact texts only
_TYPED_WEEKDAYS = {name[:3]: name for name in WEEKDAY_NAMES} | {
    "tues": "tuesday",
    "thur": "thursday",
    "thurs": "thursday",
}
_TYPED_WEEKDAY = re.compile(r"^(?:(next|this|on)\s+)?([A-Za-z]{3,5})\.?$", re.IGNORECASE)


def _only(words: frozenset[str], raw: str) -> bool:
    """Every word of ``raw`` is a number or one of ``words``."""
    return all(
        w in words or w in _NUMBER_WORDS or re.fullmatch(r"\d+(?:st|nd|rd|th)?", w)
        for w in tokens(raw)
    )


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_ISO_DATE_TIME = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:T|\s+)(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$",
    re.I,
)
"""An ISO date-time ("2026-12-10T14:00", "2026-12-10 14:00:00+05:00"), as a model may pass
for either the date or the time."""


def _clinic_offset(m: re.Match[str], timezone: tzinfo | None) -> bool:
    """Whether an ISO date-time's offset is the clinic's own at that wall-clock time (then
    it is clinic time as written: get_current_time answers "2026-11-25T11:40:00-05:00")."""
    zone = (m.group(5) or "").upper()
    if timezone is None or not zone:
        return False
    if zone == "Z":
        offset = timedelta(0)
    else:
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        offset = -offset if zone[0] == "-" else offset
    clock = m.group(4).split(":")
    try:
        wall = datetime(
            int(m.group(1)), int(m.group(2)), int(m.group(3)), int(clock[0]), int(clock[1])
        )
    except ValueError:  # no such date or time: the readers below say so
        return True
    # either side of a fall-back hour: both offsets are the clinic's there
    return offset in {wall.replace(tzinfo=timezone, fold=fold).utcoffset() for fold in (0, 1)}


def _zoned_date_time(raw: str) -> str:
    return (
        f"'{raw}' has a time zone: give the date and time in the clinic's own time, "
        "like 2026-12-10 and 14:00."
    )


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\s*$")


MAX_SPOKEN_LENGTH = 200
"""The longest date or time text read. The readers slow down with the square of their input
(a tool argument of "1 " 5,400 times took 4.6 s in ``parse_time``, on the event loop of every
call in the worker); a model can be talked into passing such text, a date or time never is."""


def _too_long(raw: str) -> bool:
    return len(raw) > MAX_SPOKEN_LENGTH


def parse_date(
    text: str, *, today: date, exact: bool = False, timezone: tzinfo | None = None
) -> date:
    """Parse a date; relative words are resolved against ``today`` (the clinic's today).
    ``exact``: the text is a date and nothing else (see the module's docstring).
    ``timezone``: the clinic's, against which a date-time's offset is checked."""
    if text is None or not str(text).strip():
        raise InvalidDate(
            "Which date would you like? For example, tomorrow or January 24th.", reason="empty"
        )
    raw = str(text).strip()
    if _too_long(raw):
        raise InvalidDate(
            "I couldn't understand that date. Please say a date like tomorrow or January 24th.",
            reason="too_long",
        )
    if _SIGNED.match(raw):
        # "-2026-11-27" was read as November 27 from inside it, its sign dropped: no day has one
        raise InvalidDate(
            f"'{raw}' is not a date: give the day itself, like 2026-01-24 or tomorrow.",
            reason="signed",
            text=raw,
        )
    m = _ISO_DATE.match(raw) or _ISO_DATE_TIME.match(raw)
    if m:
        if m.re is _ISO_DATE_TIME and m.group(5) and not _clinic_offset(m, timezone):
            # "2026-12-10T14:00+05:00" was read as December 10 whatever the offset: late in
            # the evening there it is the next day here (the date and time come separately,
            # so the offset is refused rather than half applied)
            raise InvalidDate(_zoned_date_time(raw), reason="time_zone", text=raw)
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
    m = _SLASH_DATE.match(raw)
    if m:
        month, day_n = int(m.group(1)), int(m.group(2))
        if m.group(3):
            year = int(m.group(3))
            year = year + 2000 if year < 100 else year
            return _make_date(year, month, day_n, raw)
        return _next_occurrence(month, day_n, today, raw)
    past = _typed_past(raw, today=today) if exact else None
    if past is not None:
        return past
    typed = _TYPED_WEEKDAY.match(raw) if exact else None
    if typed and typed.group(2).lower() in _TYPED_WEEKDAYS:  # "fri", "next Tue."
        raw = f"{typed.group(1) or ''} {_TYPED_WEEKDAYS[typed.group(2).lower()]}"
    found = find_date(raw, today=today) if not exact or _only(_DATE_WORDS, raw) else None
    if found is None:
        raise InvalidDate(
            f"I couldn't understand the date '{raw}'. Please use a date like 2026-01-24, "
            "tomorrow, or Friday.",
            reason="unrecognised",
            text=raw,
        )
    return _dated_over_weekday(raw, found, today=today) if exact else found


def _dated_over_weekday(raw: str, found: date, *, today: date) -> date:
    """A typed weekday with a date ("wednesday september 30", "wednesday the 30th") is that date:
    the first date in the text was the coming Wednesday, and `voice-agent slots` listed
    September 2nd for it. A weekday that is not the date's own is refused."""
    words = tokens(raw.replace("-", " "))
    named = [WEEKDAY_NAMES[w] for w in words if w in WEEKDAY_NAMES]
    rest = " ".join(w for w in words if w not in WEEKDAY_NAMES)
    dated = find_date(rest, today=today) if named and rest else None
    if dated is None:
        return found
    if dated.weekday() != named[0]:
        said = next(name for name, n in WEEKDAY_NAMES.items() if n == named[0])
        raise InvalidDate(
            f"{dated:%B} {dated.day} is a {dated:%A}, not a {said.capitalize()}.",
            reason="weekday_mismatch",
            day=dated,
        )
    return dated


_TYPED_PAST = re.compile(r"^(?:(the\s+)?day\s+before\s+)?yesterday$|^last\s+([a-z]{3,9})\.?$")


def _typed_past(raw: str, *, today: date) -> date | None:
    """A day before today, typed ("yesterday", "the day before yesterday", "last friday"):
    read in exact texts only, so that the command line and staff can say it is in the past
    (with the date it was) instead of "cannot read". A caller's sentence is not read so:
    "I called yesterday about friday" means Friday."""
    m = _TYPED_PAST.match(" ".join(raw.lower().split()))
    if m is None:
        return None
    if m.group(2) is None:
        before = m.group(0) != "yesterday"
        return today - timedelta(days=2 if before else 1)
    name = _TYPED_WEEKDAYS.get(m.group(2), m.group(2))
    if name not in WEEKDAY_NAMES:
        return None
    return today - timedelta(days=(today.weekday() - WEEKDAY_NAMES[name] - 1) % 7 + 1)


_GLUED = re.compile(r"(?![Tt]\d)[^\W\d_]")
"""A letter right after a written date's day, other than the T of a time: "2026-12-2O" (a
letter O for a zero) or "2026-12-1l" was read as December 2 or 1, by the tools and at the
staff desk, where the day meant was the 20th or the 11th. No reading is safe: it is refused."""


def date_in_time(text: str, *, today: date) -> date | None:
    """The day a time's text names as well, if any: "2026-12-10T14:00", "tomorrow at 2pm".
    A time comes with its date as a separate argument; a model passing a date-time (or words
    with a day in them) for the time had the day in it ignored, and the appointment booked on
    the other argument's day."""
    raw = str(text).strip()
    if _too_long(raw):
        return None
    m = _ISO_DATE_TIME.match(raw)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return find_date(raw, today=today)


def time_in_date(text: str) -> time | None:
    """The time of day a date's text carries as an ISO date-time ("2026-12-10T14:00"), if
    any."""
    m = _ISO_DATE_TIME.match(str(text).strip())
    if m is None:
        return None
    hour, minute = (int(x) for x in m.group(4).split(":")[:2])
    return time(hour, minute) if hour < 24 and minute < 60 else None


def find_date(text: str, *, today: date) -> date | None:
    """The first date mentioned anywhere in a sentence, or None."""
    words = tokens(text.replace("-", " "))
    iso = re.search(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", text)
    if iso and _GLUED.match(text, iso.end()):
        return None  # "2026-12-2O": December 2 or 20?
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    for i, w in enumerate(words):
        if w == "today":
            return today + timedelta(days=7 * _weeks_before(words, i))
        if w == "tomorrow":
            weeks = _weeks_before(words, i)
            if not weeks and i > 0 and words[i - 1] == "after":  # "the day after tomorrow"
                return today + timedelta(days=2)
            return today + timedelta(days=1 + 7 * weeks)
        if w in MONTHS and (
            w != "may"
            or _looks_like_date_after(words, i)
            or (i > 0 and words[i - 1] == "of" and _number_before(words, i) is not None)
        ):
            month = MONTHS[w]
            after = parse_small_number([x for x in words[i + 1 : i + 3] if x != "the"])
            if after and 1 <= after[0] <= 31:
                return _year_for(month, after[0], today, words, i + 1 + after[1])
            before = _number_before(words, i)
            if before and 1 <= before <= 31:
                return _year_for(month, before, today, words, i + 1)
        if w in WEEKDAY_NAMES:
            said_after = words[i - 1] if i else ""
            day = weekday_date(WEEKDAY_NAMES[w], today=today, said_after=said_after)
            if words[i + 1 : i + 3] == ["next", "week"]:  # "Friday next week"
                monday = today - timedelta(days=today.weekday())
                return monday + timedelta(days=7 + WEEKDAY_NAMES[w])
            return day + timedelta(days=7 * _weeks_on(words, i))
        if w == "the" and i + 1 < len(words):
            num = parse_small_number(words[i + 1 : i + 3])
            if num and _is_ordinal(words[i + 1 : i + 1 + num[1]]):
                if _month_follows(words, i + 1 + num[1]):
                    continue  # "the 5th of March": the month's own branch reads it
                return _next_occurrence(today.month, num[0], today, text, allow_next_month=True)
    return None


def _weeks_on(words: list[str], i: int) -> int:
    """How many weeks after the one it names a weekday at ``words[i]`` is said to be: "the
    Wednesday after next", "the Friday after this one", "next Friday but one", "a week on
    Tuesday", "Tuesday week" are the week after; "Friday fortnight" the one after that."""
    after = words[i + 1 : i + 4]
    before = words[max(0, i - 3) : i]
    if after[:2] == ["after", "next"] or after == ["after", "this", "one"]:
        return 1
    if before[-1:] == ["next"] and after[:2] == ["but", "one"]:
        return 1
    for weeks, span in ((1, "week"), (2, "fortnight")):
        if after[:1] == [span] and after[1:2] not in (["is"], ["was"], ["s"], ["off"]):
            return weeks
        if before[-3:] in (["a", span, "on"], ["a", span, "from"]):
            return weeks
        if before[-2:] == ["a", span]:
            return weeks
    return 0


_SPANS = {"week": 1, "weeks": 1, "fortnight": 2, "fortnights": 2}
MAX_WEEKS_AHEAD = 52


def _weeks_before(words: list[str], i: int) -> int:
    """The weeks said before "today" or "tomorrow" at ``words[i]``: "a week from today",
    "two weeks from tomorrow", "a fortnight from today", "a week today" (they were read as
    today, and as tomorrow, whatever the weeks)."""
    before = words[max(0, i - 4) : i]
    if before[-1:] in (["from"], ["after"], ["on"]):
        before = before[:-1]
    if not before or before[-1] not in _SPANS:
        return 0
    count = before[-2:-1]
    if count in (["a"], ["one"]):
        n = 1
    else:
        said = parse_small_number(count) if count else None
        if not said or said[0] > MAX_WEEKS_AHEAD:
            return 0
        n = said[0]
    return n * _SPANS[before[-1]]


def weekday_date(weekday: int, *, today: date, said_after: str = "") -> date:
    """The day a caller means by a weekday's name (0 Monday) said on ``today``, ``said_after``
    being the word before it. "Friday" and "next Friday" both mean the coming Friday; today's
    weekday means a week from today unless the caller says "this"; "next" with tomorrow's
    weekday ("next Wednesday" said on a Tuesday) means the week after, as tomorrow would have
    been "tomorrow". The dialogue engine and the command line both read weekdays here."""
    delta = (weekday - today.weekday()) % 7
    if delta == 0 and said_after != "this":
        delta = 7
    if said_after == "next" and delta <= 1:
        delta += 7
    return today + timedelta(days=delta)


def _month_follows(words: list[str], j: int) -> bool:
    """A month name at ``words[j]``, or after an "of" there: "the 5th (of) March" was read as
    the 5th of this month, and "the 31st of February" as the 31st of the next month with 31
    days."""
    of = j < len(words) and words[j] == "of"
    j += of
    # "may" is a month after "of" only ("the 5th, may I come then?")
    return j < len(words) and words[j] in MONTHS and (words[j] != "may" or of)


def _looks_like_date_after(words: list[str], i: int) -> bool:
    nxt = [x for x in words[i + 1 : i + 3] if x != "the"]
    return bool(nxt) and parse_small_number(nxt) is not None


def _is_ordinal(words: list[str]) -> bool:
    return bool(words) and _is_ordinal_word(words[-1])


def _number_before(words: list[str], i: int) -> int | None:
    j = i - 1
    if j >= 0 and words[j] == "of":
        j -= 1
    if j < 0:
        return None
    for span in (2, 1):
        start = j - span + 1
        if start >= 0:
            num = parse_small_number(words[start : j + 1])
            if num and num[1] == span:
                return num[0]
    return None


def _year_for(month: int, day_n: int, today: date, words: list[str], after_idx: int) -> date:
    if after_idx < len(words) and re.fullmatch(r"\d{4}", words[after_idx]):
        return _make_date(int(words[after_idx]), month, day_n, " ".join(words))
    return _next_occurrence(month, day_n, today, " ".join(words))


def _next_occurrence(
    month: int, day_n: int, today: date, raw: str, *, allow_next_month: bool = False
) -> date:
    """The next time this month/day comes round (this year, or next if it has passed)."""
    candidate = _make_date(today.year, month, day_n, raw, strict=False)
    if candidate is not None and candidate >= today:
        return candidate
    if allow_next_month:
        nm = month % 12 + 1
        year = today.year + (1 if nm == 1 else 0)
        result = _make_date(year, nm, day_n, raw, strict=False)
        if result is not None:
            return result
    result = _make_date(today.year + 1, month, day_n, raw, strict=False)
    if result is None:
        raise InvalidDate(f"There is no such date as '{raw}'.", reason="no_such_date")
    return result


def _make_date(year: int, month: int, day_n: int, raw: str, *, strict: bool = True) -> date:
    try:
        return date(year, month, day_n)
    except ValueError:
        if not strict:
            return None  # type: ignore[return-value]
        raise InvalidDate(f"There is no such date as '{raw}'.", reason="no_such_date") from None


_ISO_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*$")
_ZONED_TIME = re.compile(
    r"^\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)\s*$", re.I
)
_ZONE_WORDS = re.compile(
    r"\b(utc|gmt|[ecmp][sd]t|ak[sd]t|h[sd]t|a[sd]t|n[sd]t|bst|ist|cest|cet|eest|eet|wet|aest"
    r"|aedt|jst|[ecmp]t|eastern|central|mountain|pacific|alaska|hawaii|atlantic)\b",
    re.I,
)
"""Time zones a time may be said in ("9 AM PST", "10am pacific", "2pm UTC")."""
_GENERIC_ZONES = {"e": "eastern", "c": "central", "m": "mountain", "p": "pacific"}
_ZONE_YEAR = 2026
"""The year whose winter and summer give the clinic zone's abbreviations (a fixed one: the
domain reads no clock of its own, and a zone's names change once in decades)."""


def _own_zone_words(timezone: tzinfo, year: int) -> set[str]:
    """The names the clinic's own zone goes by: its abbreviations in winter and summer
    ("est", "edt") and, for a US zone, its generic names ("et", "eastern")."""
    names = {
        (datetime(year, month, 1, 12, tzinfo=timezone).tzname() or "").lower() for month in (1, 7)
    }
    for name in list(names):
        generic = _GENERIC_ZONES.get(name[:1]) if re.fullmatch(r"[ecmp][sd]t", name) else None
        if generic is not None:
            names |= {f"{name[0]}t", generic}
    return names


def _other_zone(raw: str, timezone: tzinfo | None) -> str | None:
    """The time zone ``raw`` names when it is not the clinic's ("9:00 am PST" for a clinic in
    New York), else None."""
    if timezone is None:
        return None
    own = _own_zone_words(timezone, _ZONE_YEAR)
    for m in _ZONE_WORDS.finditer(raw):
        if m.group(1).lower() not in own:
            return m.group(1)
    return None


_SIGNED = re.compile(r"^\s*[-+\u2212\u2012\u2013\u2014]\s*\d")
"""A number with a sign ("-1:00", "+2"): an offset or a sum, never a time of day."""
_TIME_RANGE = re.compile(r"^\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*$")
"""A slot's label, "09:00-10:00": its start is the time meant."""
_CLOCK_TIME = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|o'?clock)?(?![\d:])", re.I
)


def parse_time(
    text: str,
    *,
    open_hour: int = 9,
    close_hour: int = 16,
    exact: bool = False,
    timezone: tzinfo | None = None,
) -> time:
    """Parse a time of day. Bare hours ("2", "two") are read within clinic hours (2 -> 14:00).
    ``exact``: the text is a time and nothing else (see the module's docstring).
    ``timezone``: the clinic's, against which a date-time's offset is checked."""
    if text is None or not str(text).strip():
        raise InvalidTime("What time would you like? For example, 9 AM or 2 PM.", reason="empty")
    raw = str(text).strip()
    if _too_long(raw):
        raise InvalidTime(
            "I couldn't understand that time. Please say a time like 9 AM or 2 PM.",
            reason="too_long",
        )
    if _SIGNED.match(raw):
        # "-1:00" was read as 1 PM, its sign dropped: no time of day has one
        raise InvalidTime(
            f"'{raw}' is not a time of day: give the clinic's local time, like 14:00.",
            reason="signed",
            text=raw,
        )
    m = _ISO_DATE_TIME.match(raw)
    if m:
        # a date-time for the time: its time ("2026-12-10T14:00" was read as 12:10, from the
        # date's "12-10"), and never one written in another zone (read as written, or as 05:00
        # from "+05:00")
        if m.group(5) and not _clinic_offset(m, timezone):
            raise InvalidTime(_zoned_date_time(raw), reason="time_zone", text=raw)
        raw = m.group(4)
    m = _ISO_TIME.match(raw)
    if m:
        hour, minute, seconds = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if hour > 23 or minute > 59:
            raise _no_such_time(raw, raw)
        if seconds > 59:
            # "10:30:99" was read as 10:30, its seconds never looked at
            raise InvalidTime(f"'{raw}' is not a valid time. Please use a time like 14:00.")
        if seconds or (m.group(4) or "0").strip("0"):
            raise InvalidTime(
                f"'{raw}' is not on the minute: appointments start at a time like 14:00."
            )
        if hour < 12 and not raw.startswith("0"):
            hour = _bare_hour(hour, open_hour=open_hour, close_hour=close_hour)
        return time(hour, minute)
    if _ZONED_TIME.match(raw) and not _TIME_RANGE.match(raw):
        # "14:00:00Z" and "14:00+02:00" were searched for a time as in a sentence: the first
        # was read from its "00:00" as 12:00 (a booking two hours off), the second lost its zone
        raise InvalidTime(
            f"'{raw}' has a time zone: give the clinic's local time, like 14:00.",
            reason="time_zone",
        )
    zone = _other_zone(raw, timezone)
    if zone is not None:
        # "9:00 am PST" was read as 9 AM at the clinic (6 AM in Los Angeles): a time said in
        # another zone is not converted here, as a date-time's offset is not
        raise InvalidTime(
            f"'{raw}' is in another time zone ({zone}): give the clinic's local time, like 14:00.",
            reason="time_zone",
            text=raw,
        )
    impossible = no_such_time(raw)
    if impossible is not None:
        # "13 pm" was booked at 1 PM, "14 am" at 2 PM, "twenty-five o'clock" at five: a time
        # no clock shows is the caller's to say again, not one to guess
        raise _no_such_time(impossible, raw)
    hours = {"open_hour": open_hour, "close_hour": close_hour}
    if not _TIME_RANGE.match(raw) and len(named := _times_named(raw, **hours)) > 1:
        # "2pm or 3pm", "14:00 and 15:00" were read as their first time, and booked there: which
        # of them the caller chose is for the caller to say
        raise InvalidTime(
            f"'{raw}' names more than one time ({', '.join(f'{t:%H:%M}' for t in named)}): "
            "ask the caller which one, then give that time alone, like 14:00.",
            reason="two_times",
            text=raw,
        )
    whole = _whole_hour(raw, **hours)
    if whole is not None:
        return whole
    found = None
    if not exact or _only(_TIME_WORDS, raw):
        found = find_time(raw, open_hour=open_hour, close_hour=close_hour)
    if found is None:
        raise InvalidTime(
            f"I couldn't understand the time '{raw}'. Please say a time like 9 AM or 2 PM.",
            reason="unrecognised",
            text=raw,
        )
    return found


def _no_such_time(said: str, raw: str) -> InvalidTime:
    return InvalidTime(
        f"'{said}' is not a real time of day: ask the caller what time they mean, "
        "then give that time, like 14:00.",
        reason="no_such_time",
        said=said,
        text=raw,
    )


_CLOCK_WRITTEN = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")
_MARKED_HOUR = re.compile(r"(?<![\d:.])(\d{1,2})(?::\d{2})?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?)", re.I)


def no_such_time(text: str) -> str | None:
    """A time of day in ``text`` that no clock shows, as written: an hour past 23 or minutes
    past 59 ("25:00", "10:75"), an am or pm on an hour no twelve-hour clock has ("13 pm",
    "14:30 am", "0 am"), an o'clock past 24 ("twenty-five o'clock"); else None. A number after
    an hour is its minutes ("ten fifteen pm"), not an hour."""
    for m in _CLOCK_WRITTEN.finditer(text):
        if int(m.group(1)) > 23 or int(m.group(2)) > 59:
            return m.group(0)
    for m in _MARKED_HOUR.finditer(text):
        if not 1 <= int(m.group(1)) <= 12 and not re.search(r"\d[\s:]*$", text[: m.start()]):
            return m.group(0).strip()
    words = tokens(text.replace("a.m.", "am").replace("p.m.", "pm"))
    for i in range(len(words)):
        if i and parse_small_number(words[i - 1 :]) is not None:
            continue  # a number after an hour is its minutes
        said = parse_small_number(words[i:])
        if said is None or _is_ordinal_word(words[i]):
            continue
        value, used = said
        rest = words[i + used : i + used + 2]
        if rest[:1] in (["am"], ["pm"], ["oclock"]):
            mark, size = rest[0], 1
        elif rest in (["a", "m"], ["p", "m"], ["o", "clock"]):
            mark, size = ("oclock" if rest[0] == "o" else rest[0] + "m"), 2
        else:
            continue
        if (mark == "oclock" and value > 24) or (mark != "oclock" and not 1 <= value <= 12):
            return " ".join(words[i : i + used + size])
    return None


_TIME_PARTS = re.compile(r"\s*(?:[,;&]|\b(?:or|and|then)\b)\s*", re.I)
"""What separates times said as alternatives or a list: "2pm or 3pm", "14:00, 15:00"."""
_HOUR_RANGE = re.compile(
    r"(?<![\d:-])(\d{1,2}(?::\d{2})?)\s*[-\u2012\u2013\u2014]\s*(\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?)",
    re.I,
)
"""A range with its suffix at the end, "2-3pm": it was read as 3 PM, its end."""


def _whole_hour(raw: str, *, open_hour: int, close_hour: int) -> time | None:
    """A text that is an hour and nothing else ("2", "two"), read within clinic hours."""
    words = tokens(raw)
    whole = parse_small_number(words)
    if whole and whole[1] == len(words) and 1 <= whole[0] <= 12:
        return _apply_suffix(whole[0], 0, "", open_hour=open_hour, close_hour=close_hour)
    return None


def _times_named(raw: str, *, open_hour: int, close_hour: int) -> list[time]:
    """The different times a text names, in order: each clock time written with its minutes or
    an am/pm ("2:00 to 3:00", "2 pm/3 pm"), else the time each alternative names ("at 2 or
    3pm": its bare "2" is an hour as an alternative to one)."""
    hours = {"open_hour": open_hour, "close_hour": close_hour}
    text = _HOUR_RANGE.sub(r"\1 or \2", raw)
    named: list[time] = []
    for part in _TIME_PARTS.split(text):
        written = [
            _apply_suffix(
                int(m.group(1)),
                int(m.group(2) or 0),
                (m.group(3) or "").replace(".", "").replace(" ", "").lower(),
                **hours,
            )
            for m in _CLOCK_TIME.finditer(part)
            if (m.group(2) or m.group(3)) and int(m.group(1)) <= 23 and int(m.group(2) or 0) <= 59
        ]
        alone = None if written else _whole_hour(part, **hours) or find_time(part, **hours)
        named += [t for t in [*written, alone] if t is not None and t not in named]
    return named


_PAST = ("past", "after")
_TO = ("to", "before", "til", "till")


def _quarter_or_half(words: list[str], *, open_hour: int, close_hour: int) -> time | None:
    """ "quarter to two" (13:45; it was read as 14:00, "to two"), "half past ten", "quarter
    past 3 pm"."""
    for i, w in enumerate(words[:-2]):
        way = words[i + 1]
        if w not in ("quarter", "half") or way not in (*_PAST, *_TO):
            continue
        if w == "half" and way in _TO:
            continue
        num = parse_small_number(words[i + 2 :])
        if not num or not 1 <= num[0] <= 12:
            continue
        rest = words[i + 2 + num[1] :]
        suffix = rest[0] if rest[:1] in (["am"], ["pm"]) else ""
        hour = _apply_suffix(num[0], 0, suffix, open_hour=open_hour, close_hour=close_hour)
        minutes = hour.hour * 60 + (15 if w == "quarter" else 30) * (1 if way in _PAST else -1)
        minutes %= 24 * 60
        return time(minutes // 60, minutes % 60)
    return None


def find_time(text: str, *, open_hour: int = 9, close_hour: int = 16) -> time | None:
    """The first time of day mentioned in a sentence, or None."""
    low = text.lower()
    if re.search(r"\bnoon\b|\bmidday\b", low):
        return time(12, 0)
    relative = _quarter_or_half(
        tokens(low.replace("a.m.", "am").replace("p.m.", "pm")),
        open_hour=open_hour,
        close_hour=close_hour,
    )
    if relative is not None:
        return relative
    for m in _CLOCK_TIME.finditer(low):
        hour = int(m.group(1))
        minute = int(m.group(2) or 0)
        suffix = (m.group(3) or "").replace(".", "").replace(" ", "")
        if hour > 23 or minute > 59:
            continue
        # A bare number is only a time if it looks like one ("at 2", "2:30", "2 pm").
        if (
            not suffix
            and m.group(2) is None
            and not re.search(rf"\b(at|for|around|to|by)\s+{hour}\b", low)
        ):
            continue
        return _apply_suffix(hour, minute, suffix, open_hour=open_hour, close_hour=close_hour)
    words = tokens(low.replace("a.m.", "am").replace("p.m.", "pm"))
    for i, w in enumerate(words):
        num = parse_small_number(words[i:]) if w not in ("the",) else None
        if not num or num[0] > 12 or num[0] == 0:
            continue
        rest = words[i + num[1] :]
        minute = 0
        if rest and rest[0] not in ("am", "pm", "a", "p", "o", "oclock"):
            mins = parse_small_number(rest)
            if mins and 10 <= mins[0] <= 59 and not _is_ordinal_word(rest[0]):
                minute = mins[0]
                rest = rest[mins[1] :]
            elif rest[:1] == ["oh"] and len(rest) > 1:
                mins = parse_small_number(rest[1:])
                if mins and mins[0] < 10:
                    minute = mins[0]
                    rest = rest[1 + mins[1] :]
        suffix = ""
        if rest[:1] in (["am"], ["pm"]):
            suffix = rest[0]
        elif rest[:2] in (["a", "m"], ["p", "m"]):
            suffix = rest[0] + "m"
        elif rest[:1] in (["oclock"],) or rest[:2] == ["o", "clock"]:
            suffix = "oclock"
        elif rest[:3] in (["in", "the", "morning"],):
            suffix = "am"
        elif rest[:3] in (["in", "the", "afternoon"], ["in", "the", "evening"]):
            suffix = "pm"
        prev = words[i - 1] if i > 0 else ""
        if not suffix and minute == 0 and prev not in ("at", "for", "around", "to", "by"):
            continue
        if _is_ordinal_word(w):
            continue
        return _apply_suffix(num[0], minute, suffix, open_hour=open_hour, close_hour=close_hour)
    return None


def _is_ordinal_word(w: str) -> bool:
    return bool(re.fullmatch(r"\d+(st|nd|rd|th)", w)) or w in ORDINALS


def _apply_suffix(hour: int, minute: int, suffix: str, *, open_hour: int, close_hour: int) -> time:
    if suffix.startswith("p") and hour < 12:
        hour += 12
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    elif not suffix.startswith(("a", "p")) and hour <= 12:
        hour = _bare_hour(hour, open_hour=open_hour, close_hour=close_hour)
    return time(hour, minute)


def _bare_hour(hour: int, *, open_hour: int, close_hour: int) -> int:
    """Read "2" as 2 PM when the clinic is closed at 2 AM but open at 2 PM."""
    if hour < 12 and not open_hour <= hour < close_hour and open_hour <= hour + 12 < close_hour + 1:
        return hour + 12
    return hour
