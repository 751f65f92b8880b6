"""Days and times in what a caller says, as *mentions* with their position in the sentence.

Callers correct themselves ("Tuesday at three, no sorry, two pm not three"; "Monday at nine,
oh no, I mean Tuesday"), so every day and time said is kept as a mention: a mention after
"not" is negated, and of the rest the last one said wins (see :func:`resolve`).

Days can be exact ("tomorrow", "Friday", "December 3rd", "the 5th", "12/3") or ranges ("next
week", "later this week", "in two weeks"); times can be exact ("2", "two pm", "half past ten",
"10:30", "noon"), windows ("morning", "afternoon", "after 2", "before 11"), the ends of the
day ("earliest", "first thing", "last appointment"), or relative to an appointment being moved
("same time", "an hour later").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from typing import Final

from voice_agent.adapters.offline.dialogue.understanding.tokens import (
    HOUR_WORDS,
    MIDDAY_WORDS,
    Token,
    tokenize,
)
from voice_agent.domain.datetimes import MONTHS, WEEKDAY_NAMES, weekday_date
from voice_agent.domain.spoken_numbers import ORDINALS, TEENS, TENS, UNITS

TimeOfDay = time  # for annotations inside When, whose field is called "time"
NUMBER_WORDS = {**{k: v for k, v in UNITS.items() if k not in ("oh", "o", "nought")}, **TEENS}
_NEGATORS = frozenset({"not", "except", "but", "instead", "than"})
_SKIP_BEFORE = frozenset({"on", "at", "the", "for", "of", "a", "an", "til", "until", "around"})
_TIME_LEAD = frozenset(
    {
        "at",
        "around",
        "about",
        "for",
        "by",
        "say",
        "maybe",
        "perhaps",
        "like",
        "til",
        "until",
        "from",
        "how",
        "what",
        "actually",
        "rather",
        "instead",
        "no",
        "then",
        "try",
        "mean",
        "meant",
        "or",
        "do",
        "correction",
        "make",
    }
)
_AM = frozenset({"am", "morning"})
_PM = frozenset({"pm", "afternoon", "evening", "tonight"})


@dataclass(frozen=True, slots=True)
class DayMention:
    start: int
    end: int
    dates: tuple[date, ...]
    """One date (exact), or the dates of a range in order ("next week")."""
    negated: bool = False
    earliest: bool = False
    """"The soonest day" ("earliest", "next available", "as soon as possible")."""
    shift_days: int | None = None
    """Relative to the appointment being moved ("a day later", "push it back a week")."""
    same: bool = False
    """"Same day"."""
    from_weekday: bool = False
    """Said as a weekday name ("Friday"), not as a date."""
    fallback: bool = False
    """A second choice ("Thursday, or if not the Friday"): the day before it is wanted first."""
    either: bool = False
    """Days said as equal alternatives ("tomorrow or the day after"): any of them will do."""
    habit: bool = False
    """Said in the plural, as a habit ("Tuesdays my son takes me shopping")."""
    held_weekday: date | None = None
    """Counted from the caller's own booking named only by its weekday ("the day after my
    Tuesday one"): the day that weekday was taken to be (the next one), to count from the
    booking itself once the caller's appointments are known."""
    week_of: date | None = None
    """ "The Wednesday of that week" after a day said by its weekday alone ("a Monday, this
    coming one or the one after"): that day, whose week was taken; an appointment being moved
    that turns out to be on another such weekday is the week meant."""

    @property
    def exact(self) -> date | None:
        return self.dates[0] if len(self.dates) == 1 else None


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    at: time | None = None
    window: tuple[time, time] | None = None
    """[from, to): a part of the day, "after 2" (from 3), "before 11"."""
    earliest: bool = False
    latest: bool = False
    same: bool = False
    shift_minutes: int | None = None
    negated: bool = False
    bare: bool = False
    """A bare number ("at 2" counts as a time; "2" alone only when a time was asked for)."""
    set_aside: bool = False
    """Hours set aside inside a day otherwise free ("except from twelve till two")."""
    or_next: bool = False
    """Followed by "or" and another time, as an equal alternative ("two or three")."""


@dataclass(frozen=True, slots=True)
class Hours:
    """The clinic hours the readers need to read a bare "2" as 2 PM."""

    open_hour: int = 9
    close_hour: int = 16

    def bare(self, hour: int) -> int:
        if hour == 12:
            return 12
        if 1 <= hour < 12 and not self.open_hour <= hour < self.close_hour:
            if self.open_hour <= hour + 12 <= self.close_hour:
                return hour + 12
            if hour < 8:
                return hour + 12
        return hour


# --- days --------------------------------------------------------------------------------------


_SAME_BREATH = 8
"""Tokens between a week or month said and a weekday that falls inside it ("end of next week,
maybe Friday"); further apart, the weekday is read on its own."""

_AFTER_A_GREETING: Final = frozenset(
    {"its", "it", "this", "im", "hi", "hello", "hiya", "there", "love", "dear", "all"}
    | {"everyone", "my", "sorry", "mate", "ladies", "folks", "guys"}
)
"""Words that follow a greeting "morning", "afternoon" said first ("morning its Irene")."""


def _num_value(tok: Token) -> int | None:
    """A small number as a token: "5", "5th", "five", "fifth", "twenty" (alone)."""
    if tok.kind == "num" and len(tok.text) <= 2:
        return int(tok.text)
    if tok.kind == "ord":
        return int(tok.text[:-2])
    if tok.text in NUMBER_WORDS:
        return NUMBER_WORDS[tok.text]
    if tok.text in ORDINALS:
        return ORDINALS[tok.text]
    if tok.text in TENS:
        return TENS[tok.text]
    return None


def _compound(tokens: list[Token], i: int) -> tuple[int, int, bool] | None:
    """(value, tokens used, is ordinal) of a number at ``i``: "twenty third" -> (23, 2, True)."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    value = _num_value(tok)
    if value is None:
        return None
    ordinal = tok.kind == "ord" or tok.text in ORDINALS
    if tok.text in TENS and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.text in UNITS and UNITS[nxt.text] > 0 and nxt.text not in ("oh", "o"):
            return value + UNITS[nxt.text], 2, False
        if nxt.text in ORDINALS and ORDINALS[nxt.text] < 10:
            return value + ORDINALS[nxt.text], 2, True
    return value, 1, ordinal


RECENT_PAST = timedelta(days=62)
"""A date this far back, said without a year, has passed (not next year's): "November 20"
on 25 November is gone, "the 4th of January" in December is next year's."""


_DAY_FIRST: Final = re.compile(
    r"\b(?:day (?:first|before the month)|british|uk|european|english|european way|dd mm)\b"
)
"""The caller says their numeric dates put the day first ("I'm British, I write the day
first")."""


def _next_date(today: date, month: int, day_n: int, *, recent_past: bool = False) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day_n)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
        if recent_past and today - candidate <= RECENT_PAST:
            return None  # said of a day that has just passed: not next year's
    return None


@dataclass(frozen=True, slots=True)
class BadDay:
    """A day asked for that cannot be had: it has passed, or there is no such date."""

    kind: str  # "past" | "no_such_date" | "unclear"
    said: str  # "yesterday", "November 31st", "December 1st or December 15th" ("2026-12-1 5")
    day: date | None = None
    """The date that has passed, when said as a date ("November 23rd")."""


_TIME_AFTER: Final = frozenset({"am", "pm", "a", "p", "oclock", "o", "h", "hours", "ish"})
_DIGIT_LETTERS: Final = {"o": "0"}
"""A letter typed for a digit ("2026-12-2O")."""


def _run_on(tokens: list[Token], i: int) -> bool:
    """A written date whose day runs on into what follows: "2026-12-1 5" (the 1st at 5, or
    the 15th with a space typed in it?), "12/1 5", "2026-12-2O" (a letter O for a zero).
    Neither reading is taken; the caller is asked. Not "2026-12-1 5pm" nor "12/3 9" (no 39th)."""
    tok = tokens[i]
    if i + 1 >= len(tokens) or tokens[i + 1].sep:
        return False
    parts = tok.text.split("-" if tok.kind == "iso" else "/")
    if tok.kind == "slash" and len(parts) != 2:
        return False
    day_part = parts[-1]
    nxt = tokens[i + 1]
    if nxt.kind == "num" and len(nxt.text) == 1:
        more = nxt.text
    elif nxt.kind == "word" and nxt.text in _DIGIT_LETTERS:
        more = _DIGIT_LETTERS[nxt.text]
    else:
        return False
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if nxt.kind == "num" and after is not None and after.text in _TIME_AFTER:
        return False
    return len(day_part) == 1 and 1 <= int(day_part + more) <= 31


def bad_days(tokens: list[Token], today: date) -> list[BadDay]:
    """Days said that have passed ("yesterday", "last Monday", "November 20" a few days
    after it) or do not exist ("the 31st of November", "February 30th")."""
    from voice_agent.domain.speech import ordinal, say_date

    w = [t.text for t in tokens]
    out: list[BadDay] = []
    names: dict[int, str] = {}
    for key, value in MONTHS.items():
        if len(key) > len(names.get(value, "")):
            names[value] = key

    def month_day(month: int, day_n: int) -> None:
        try:
            this_year = date(today.year, month, day_n)
        except ValueError:
            try:
                date(today.year + 1, month, day_n)
            except ValueError:
                out.append(BadDay("no_such_date", f"{names[month].title()} {ordinal(day_n)}"))
            return
        if this_year < today and today - this_year <= RECENT_PAST:
            out.append(BadDay("past", say_date(this_year), this_year))

    for i, word in enumerate(w):
        if tokens[i].kind in ("iso", "slash") and _run_on(tokens, i):
            written = word.split("-" if tokens[i].kind == "iso" else "/")
            month = int(written[-2])
            longer = written[-1] + _DIGIT_LETTERS.get(w[i + 1], w[i + 1])
            if month in names:
                said = " or ".join(
                    f"{names[month].title()} {ordinal(int(d))}" for d in (written[-1], longer)
                )
                out.append(BadDay("unclear", said))
        elif word == "yesterday":
            out.append(BadDay("past", "yesterday"))
        elif word == "last" and i + 1 < len(w) and w[i + 1] in WEEKDAY_NAMES:
            target = WEEKDAY_NAMES[w[i + 1]]
            back = (today.weekday() - target) % 7 or 7
            out.append(BadDay("past", say_date(today - timedelta(days=back))))
        elif tokens[i].kind == "slash":
            parts = [int(x) for x in word.split("/")]
            if len(parts) == 2 and 1 <= parts[0] <= 12 and 1 <= parts[1] <= 31:
                month_day(parts[0], parts[1])
        elif word in MONTHS and word != "may":
            k = i + 1 + (1 if i + 1 < len(w) and w[i + 1] == "the" else 0)
            after = _compound(tokens, k)
            if after is not None and 1 <= after[0] <= 31:
                if not (k + after[1] < len(w) and w[k + after[1]].isdigit()):
                    month_day(MONTHS[word], after[0])
                continue
            j = i - 1
            if j >= 0 and w[j] == "of":
                j -= 1
            for span in (2, 1):
                num = _compound(tokens, j - span + 1) if j - span + 1 >= 0 else None
                if num is not None and num[1] == span and num[2] and 1 <= num[0] <= 31:
                    month_day(MONTHS[word], num[0])
                    break
    return out


_BARE_DATE_WORDS: Final = frozenset({"the", "on", "for", "of", "in", "week"})
"""Words that may stand in a day of the month said bare ("on the 11th", "the week of the
eleventh")."""


def _in_month_of(
    found: tuple[DayMention, int], tokens: list[Token], focus: date
) -> tuple[DayMention, int]:
    """A day of the month said bare, read in the later month the call is about."""
    mention, used = found
    if not mention.dates or mention.from_weekday or mention.shift_days is not None:
        return found
    span = tokens[mention.start : mention.end]
    numbered = [k for k, t in enumerate(span) if t.kind in ("num", "ord") or t.text in ORDINALS]
    numbered += [k for k, t in enumerate(span) if t.text in TENS]
    if not numbered or not all(
        t.kind in ("num", "ord")
        or t.text in ORDINALS
        or t.text in TENS
        or t.text in _BARE_DATE_WORDS
        for t in span
    ):
        return found
    first = focus.replace(day=1)
    if mention.dates[-1] >= first:
        return found
    said = _compound(span, min(numbered))
    if said is None or not 1 <= said[0] <= 31:
        return found
    moved = _next_day_of_month(first, said[0])
    if moved is None:
        return found
    if mention.exact is None:  # "the week of the eleventh": that week
        return replace(mention, dates=_week(moved)[:5]), used
    return replace(mention, dates=(moved,)), used


def _next_day_of_month(today: date, day_n: int) -> date | None:
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, day_n)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return candidate
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None


def _month_word_before(out: list[DayMention], w: list[str], i: int, today: date) -> date | None:
    """The first day of a later month than today's, named by a month word said alone just
    before token ``i``, in no day said ("push them into January - the week of the 4th", "to
    February, the 2nd if you can"): a day of the month said bare after it is that month's."""
    for k in range(i - 1, max(-1, i - 7), -1):
        if any(m.start <= k < m.end for m in out):
            return None  # a day said between: that one counts (see _month_said_before)
        month = MONTHS.get(w[k]) if w[k] != "may" else None
        if month is None:
            continue
        if (
            k > 0
            and w[k - 1] not in ("into", "to", "till", "until", "in", "for")
            and not _held_by_its_month(w, k)
        ):
            return None
        if month == today.month:
            return None
        return date(today.year + (month < today.month), month, 1)
    return None


_HELD_BY_MONTH_NOUNS: Final = frozenset(
    {"one", "appointment", "appt", "visit", "booking", "slot", "checkup", "session"}
)
"""Words naming an appointment held, after its month ("the January one")."""


def _held_by_its_month(w: list[str], k: int) -> bool:
    """The month word at ``k`` names an appointment the caller holds ("move the January one
    to the fifth", "can my March appointment go to the 2nd"): a day of the month said bare
    after it, for the new day, is read in that month. Callers moving an appointment name a
    day near it and say the month when it is another one; the nearest such day from today
    stands only when no month is named (or it is this month's)."""
    return (
        k > 0
        and w[k - 1] in ("the", "my", "that", "our", "his", "her", "their")
        and w[k + 1 : k + 2] != []
        and w[k + 1] in _HELD_BY_MONTH_NOUNS
    )


def _month_said_before(out: list[DayMention], w: list[str], i: int, today: date) -> date | None:
    """The first day of a later month than today's, named by the day mention said just before
    token ``i`` ("in February", "early February", "the first week of January")."""
    between = [
        m
        for m in out
        if m.from_weekday and m.exact is not None and not _HOLIDAY_WORDS & set(w[m.start : m.end])
    ]
    said = [m for m in out if m not in between]
    if not said or any(m.start < said[-1].start for m in between[-1:]):
        return None
    last = said[-1]
    gap = i - last.end - sum(m.end - m.start for m in between if m.start >= last.end)
    if last.negated or not last.dates or gap > 8:
        return None
    span = w[last.start : last.end]
    if last.exact is None:
        if gap > 4 or not any(x in MONTHS and x != "may" for x in span):
            return None  # "early February", "in January": a part of a month named
    elif not _HOLIDAY_WORDS & set(span) and not (
        "week" in span and any(x in MONTHS and x != "may" for x in span)
    ):
        # a date said whole ("the 3rd of December"): no month for the next one (but "the
        # Tuesday of the second week of February? That's the 9th": February's)
        return None
    first = last.dates[0].replace(day=1)
    if last.dates[-1].replace(day=1) != first or first <= today.replace(day=1):
        return None
    return first


def _sentence_ends_before(tokens: list[Token], k: int) -> bool:
    """A full stop, a question mark or an exclamation mark comes before token ``k``: "after"
    at the end of a sentence ("the Monday after? The 30th.") binds nothing that follows."""
    return k < len(tokens) and any(ch in tokens[k].sep for ch in ".?!")


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(day: date, *, from_day: date | None = None) -> tuple[date, ...]:
    start = _week_start(day)
    days = [start + timedelta(days=k) for k in range(7)]
    if from_day is not None:
        days = [d for d in days if d >= from_day]
    return tuple(days)


_RELATIVE_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "couple": 2}


def _count(tokens: list[Token], i: int) -> int | None:
    if i < 0 or i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.text in _RELATIVE_NUMBERS:
        return _RELATIVE_NUMBERS[tok.text]
    if tok.kind == "num" and len(tok.text) <= 2:
        return int(tok.text)
    if tok.text in NUMBER_WORDS:
        return NUMBER_WORDS[tok.text]
    return None


def day_mentions(
    tokens: list[Token],
    *,
    today: date,
    skip: set[int] | None = None,
    anchor: date | None = None,
    anchored: bool = False,
    proposed: date | None = None,
    discussed: date | None = None,
    focus: date | None = None,
) -> list[DayMention]:
    """Every day or range of days mentioned, in order.

    ``anchor`` is the day under discussion (an appointment being moved, a slot just proposed):
    "the Friday" then means the Friday of that week, and so does any bare weekday when
    ``anchored`` (the caller is correcting a proposal: "no, Thursday instead"). ``discussed``
    is a date just asked for or asked about ("what day is the 14th?"): a bare weekday that
    falls on it ("Monday's fine") means that date, not the nearest such weekday. ``focus`` is
    a day in a later month the call is about ("something in January", a slot in February
    proposed): a day of the month said bare ("the 11th") is that month's, not this one's."""
    skip = skip or set()
    out: list[DayMention] = []
    own: date | None = None  # the day of the caller's own appointment, said first ("my Tuesday")
    w = [t.text for t in tokens]
    n = len(tokens)
    i = 0
    while i < n:
        if i in skip:
            i += 1
            continue
        next_to_said = _day_next_to_said(w, i, out)
        if next_to_said is not None:
            out[-1], i = next_to_said, next_to_said.end
            continue
        counted = _counted_after_said(tokens, w, i, out)
        if counted is not None:
            # "the one on the 9th, and they want me back three weeks after that": the day
            # counted from the day said, which was only where the count starts
            out[-1], i = counted, counted.end
            continue
        found = _day_at(tokens, w, i, today)
        if found is not None and focus is not None:
            found = _in_month_of(found, tokens, focus)
        elif (
            found is not None
            and proposed is not None
            and (proposed.year, proposed.month) > (today.year, today.month)
            and not _PUT_RIGHT_WORDS & set(w)
        ):
            # "yes, book the 4th" to Monday, January 4th proposed: that 4th, not this month's
            # (not "no, I meant to the 18th" to Monday, January 18th: another 18th meant)
            in_month = _in_month_of(found, tokens, proposed)
            if in_month[0].exact == proposed:
                found = in_month
        if (
            found is not None
            and w[found[0].end : found[0].end + 2] == ["week", "of"]
            and found[0].end - found[0].start <= 2
            and w[found[0].end - 1] in _WEEK_OF_MONTH
        ):
            found = None  # "the first week of the new year": a week, read at "week", not the 1st
        month_said = _month_said_before(out, w, i, today) or _month_word_before(out, w, i, today)
        if found is not None and month_said is not None:
            # "early February - the Tuesday, the 2nd": the day of the month said just after a
            # later month is named is that month's
            found = _in_month_of(found, tokens, month_said)
        said_after = (
            found is not None
            and found[0].end < n
            and w[found[0].end] == "after"
            and (
                (w[found[0].end + 1] if found[0].end + 1 < n else "") in _AFTER_ANCHOR_ENDS
                or tokens[found[0].end + 1].breaks_before  # "the Friday after, at 10"
            )
        )
        same_weekday = (
            not said_after
            and found is not None
            and proposed is not None
            and found[0].from_weekday
            and found[0].exact is not None
            and found[0].exact.weekday() == proposed.weekday()
            and w[found[0].start] != "following"  # "the following Thursday": a week on
        )
        if (
            found is not None
            and w[max(0, found[0].start - 2) : found[0].start + 2]
            == ["same", "time", "next", "week"]
            and (anchor or proposed) is not None
        ):
            # "the same time next week as well" after a booking: a week after the day in
            # question, not after today
            base = anchor or proposed
            assert base is not None
            found = (replace(found[0], dates=(base + timedelta(days=7),)), found[1])
        elif (
            not same_weekday
            and not said_after
            and found is not None
            and discussed is not None
            and discussed >= today
            and found[0].from_weekday
            and (found[0].start, found[0].end) == (i, i + 1)  # bare: not "next Monday"
            and found[0].exact is not None
            and found[0].exact.weekday() == discussed.weekday()
        ):
            found = (replace(found[0], dates=(discussed,)), found[1])  # "the 14th ... Monday"
        elif found is not None and same_weekday and proposed is not None:
            found = (replace(found[0], dates=(proposed,)), found[1])  # the day proposed
        elif found is not None and (anchor or proposed) is not None:
            base = anchor or proposed
            assert base is not None
            found = _anchored(found, w, i, today, base, always=anchored)
        elif found is not None and out and out[-1].exact is not None and _said_before(w, found[0]):
            # "the 9th of January, a Saturday - what have you got the Friday before?": the
            # last such weekday before the day said before
            found = _before_said(found, w, out[-1].exact)
        elif found is not None and out and out[-1].exact is not None and _following(w, i):
            # "move the 4th to the following Monday", "this Friday or the following Monday":
            # the first such weekday after the day said before, not a week past the next one
            found = _anchored(found, w, i, today, out[-1].exact, always=False)
        elif found is not None and own is not None:
            # "move my Tuesday to the Thursday": the Thursday of that Tuesday's week
            found = _anchored(found, w, i, today, own, always=_moved_to(w, i))
        elif found is not None and said_after and out and out[-1].exact is not None:
            # "one this Friday and a follow-up the Friday after": after the day said before
            found = _after_said(found, w, out[-1].exact)
        if found is not None and out and out[-1].exact is not None:
            # "next Tuesday's moved to the Friday of that week": the week of the day said before
            found = _in_that_week(found, w, out[-1], today)
        if found is None:
            i += 1
            continue
        mention, used = found
        if (
            w[i - 1 : i] == ["a"]
            and mention.from_weekday
            and (mention.start, mention.end) == (i, i + 1)
            and mention.exact is not None
        ):
            weekday = mention.exact.weekday()
            same = [
                m.exact for m in out[-2:] if m.exact is not None and m.exact.weekday() == weekday
            ]
            if same:
                # "the 4th of January, I make it, a Monday": the weekday of the date said
                mention = replace(mention, dates=(same[-1],))
        if _past_year_after(w, mention.end, today) or (
            mention.exact is not None and mention.exact.year < today.year
        ):
            # "it's the 4th of March, 1948": a date of birth, no day asked for
            i += max(1, used)
            continue
        if _kept(w, mention.start, mention.end) or _held_besides(w, mention.start, mention.end):
            # "Tuesday I keep", "I'll keep the Friday one": staying as it is, nothing asked;
            # "I've got one on Wednesday already but I also need ...": the one held
            i += max(1, used)
            continue
        if (
            mention.exact is not None
            and mention.start > 0
            and w[mention.start - 1] == "after"
            and (mention.start < 2 or w[mention.start - 2] not in _NOT_A_BOUND_AFTER)
            and not mention.shift_days
            and not _sentence_ends_before(tokens, mention.start)
        ):
            # "whenever's soonest after the 10th", "any day after Friday": the days after it
            first = mention.exact
            mention = replace(
                mention,
                start=mention.start - 1,
                dates=tuple(first + timedelta(days=k) for k in range(1, 15)),
                from_weekday=False,
            )
        limit = _deadline(w, mention) if mention.exact is not None else None
        if limit is not None and any(
            tokens[k].breaks_before for k in range(limit[0] + 2, mention.start + 1)
        ):
            limit = None  # "the Thursday before it, Christmas Eve": the day named again
        if limit is not None and any(ch in tokens[limit[0] + 1].sep for ch in ".!?"):
            limit = None  # "never been to you before. Wednesday afternoon": a new sentence
        if (
            limit is not None
            and w[limit[0] + 1 : limit[0] + 2] in (["i"], ["we"], ["he"], ["she"], ["they"])
            and any(tokens[k].aside for k in range(limit[0] + 2, mention.start + 1))
        ):
            # "before I go - this Wednesday or Thursday": the days the caller can come before
            # going, set off by a dash; not a limit ("before I fly out on the 9th" is one)
            limit = None
        if limit is not None and mention.exact is not None and not mention.shift_days:
            # "sometime before the 20th", "by Friday at the latest", "before I fly out on the
            # 9th": a limit, not a day: every day from today up to it
            start, inclusive = limit
            last = mention.exact if inclusive else mention.exact - timedelta(days=1)
            span = (last - today).days + 1
            if span > 0:
                mention = replace(
                    mention,
                    start=min(start, mention.start),
                    dates=tuple(today + timedelta(days=k) for k in range(span)),
                    from_weekday=False,
                )
        if (
            own is None
            and anchor is None
            and proposed is None
            and (_own_day(w, mention) or _own_said(w, mention))
        ):
            own = mention.exact
        if w[max(0, mention.start - 3) : mention.start] == ["same", "time", "as"] and (
            mention.end - mention.start == 1 and w[mention.start] in ("today", "yesterday")
        ):
            # "back in a fortnight, same time as today": what the time is like, not the day
            i += max(1, used)
            continue
        if _own_day(w, mention) and w[max(0, mention.start - 3) : mention.start] in _LIKE_OWN:
            # "Monday the 14th at the same time as my Friday one": what the time is like, not
            # the day asked for
            i += max(1, used)
            continue
        hour_first = _busy_hour_of_the_day(tokens, i)
        negated = (
            _negated(w, i)
            or (_busy(tokens, i) and not hour_first)
            or (_ruled_out_after(w, mention.end) and not _held_said(w, mention))
        )
        if not negated and mention.start < i:
            negated = _negated(w, mention.start)  # "tomorrow, not next week": read from "week"
        if negated and _part_of_the_day_refused(w, mention.end) and _negated(w, i):
            negated = False  # "not Monday morning - the afternoon?": that part refused, not Monday
        if (
            negated
            and mention.start > 0
            and (
                w[mention.start - 1] == "if"
                or w[mention.start - 2 : mention.start] == ["in", "case"]
            )
            and not _negated(w, mention.start)
            and not _busy(tokens, i)
        ):
            negated = False  # "what about Wednesday, if Tuesday's no good?": not turned down
        if not negated and _clinic_shut_then(w, mention):
            negated = True  # "oh, you're not open Saturdays? what's the nearest then?"
        prior = out[-1] if out else None
        through = mention.exact
        if through is not None and prior is not None and prior.exact is not None:
            while mention.from_weekday and through <= prior.exact:
                through += timedelta(days=7)  # "Tuesday to Thursday": the Thursday after it
        if (
            not negated
            and prior is not None
            and prior.negated
            and prior.exact is not None
            and through is not None
            and mention.start == prior.end + 1
            and w[prior.end] in _RANGE_TO
            and prior.exact < through <= prior.exact + timedelta(days=14)
        ):
            # "I'm away Tuesday to Thursday": the days through to the prior one are gone too
            negated = True
            span = (through - prior.exact).days
            mention = replace(
                mention, dates=tuple(prior.exact + timedelta(days=k) for k in range(1, span + 1))
            )
        habit = _habit(w, mention) or _off_day(w, mention)
        if habit and not negated and not hour_first and _works_then(tokens, w, i, mention.end):
            negated = True  # "I work Mondays", "Tuesdays I teach"
        if not negated and _week_of_a_change(w, mention):
            habit = True  # "normally twelve, but this week we've gone onto late lunches"
        if habit and negated and mention.exact is not None:
            # "Tuesdays are no good": every Tuesday, not only the coming one (and today, said
            # on a Tuesday)
            first = mention.exact
            while first - timedelta(days=7) >= today:
                first -= timedelta(days=7)
            mention = replace(
                mention, dates=tuple(first + timedelta(days=7 * k) for k in range(_HABIT_WEEKS))
            )
        elif not negated and _any_such(w, mention, habit, out):
            # "any Tuesday at 10", "Thursdays are best", "whichever Monday's soonest": the
            # coming one first, then the ones after it
            coming = mention.exact
            assert coming is not None
            mention = replace(
                mention, dates=tuple(coming + timedelta(days=7 * k) for k in range(_ANY_WEEKS))
            )
            if w[mention.start - 1] == "or" and out and len(out[-1].dates) == _ANY_WEEKS:
                # "any Tuesday or Thursday": whichever of the two comes first
                both = tuple(sorted({*out[-1].dates, *mention.dates}))
                out[-1] = replace(out[-1], end=mention.end, dates=both)
                i += max(1, used)
                continue
        fallback = bool(out) and _second_choice(w, mention.start)
        either = fallback and _plain_or(w, mention.start)
        out.append(replace(mention, negated=negated, fallback=fallback, either=either, habit=habit))
        out[-2:] = _weekday_of_range(out[-2:], w)
        i += max(1, used)
        next_day = _or_the_day_after(w, i, mention)
        if next_day is not None:
            out.append(next_day)  # "tomorrow or the day after": either of the two
            i = next_day.end
            continue
        week_on = _the_one_after(w, i, mention)
        if week_on is not None:
            out.append(week_on)
            i = week_on.end
    if not out and anchor is not None:
        # "could I get something that morning?" with no other day said: the day under
        # discussion
        for k in range(n - 1):
            if w[k] == "that" and w[k + 1] in ("day", "morning", "afternoon", "evening", "date"):
                out.append(DayMention(k, k + 1, (anchor,)))
                break
    out = _days_with_a_part_ruled_out(out, w)
    return _merge_weekday_and_date(_within_range(_between(_week_shared(out, w), w)), w)


def _part_ruled_out(w: list[str], k: int, *, listed: bool) -> bool:
    """The part of the day ending at ``k`` is refused by what follows it: "(mornings) so not
    them"; said of several weekdays (``listed``) also "(afternoons) are out", "(mornings) are
    no good" (one weekday's part refused is read as before: "Monday mornings are no good")."""
    after = w[k : k + 4]
    if listed and (_ruled_out_after(w, k) or after[:2] == ["are", "out"]):
        return True
    # (not "Tuesday morning, if not then Tuesday afternoon": a second choice)
    return any(
        a == "not" and b in ("them", "those", "then", "either") and (j == 0 or after[j - 1] != "if")
        for j, (a, b) in enumerate(zip(after, after[1:], strict=False))
    )


def _days_with_a_part_ruled_out(out: list[DayMention], w: list[str]) -> list[DayMention]:
    """ "I've my swimming Monday and Wednesday mornings, so not them", "Tuesday and Thursday
    afternoons are out": every weekday of the list is ruled out (the part of the day with it
    is no wish; the whole day is left alone, the safe reading)."""
    result = list(out)
    k = 0
    while k < len(result):
        run = [k]
        while (
            run[-1] + 1 < len(result)
            and result[run[-1]].from_weekday
            and result[run[-1] + 1].from_weekday
            and w[result[run[-1]].end : result[run[-1] + 1].start] in ([], ["and"], ["or"])
        ):
            run.append(run[-1] + 1)
        last = result[run[-1]].end
        if (
            result[k].from_weekday
            and last < len(w)
            and w[last] in _PARTS_OF_DAY
            and _part_ruled_out(w, last + 1, listed=len(run) > 1)
        ):
            for r in run:
                result[r] = replace(result[r], negated=True)
        k = run[-1] + 1
    return result


_WEEK_SAID: Final = frozenset({"week", "weeks", "fortnight"})


def _week_shared(mentions: list[DayMention], w: list[str]) -> list[DayMention]:
    """ "Tuesday or Wednesday next week", "Monday and Tuesday of the week after": the week said
    after the last of two weekdays joined by "or" (or "and") is the first one's week too, not
    the nearest such weekday."""
    out = list(mentions)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not (a.from_weekday and b.from_weekday and a.exact and b.exact) or a.negated:
            continue
        if w[a.end : b.start] not in (["or"], ["and"], ["or", "maybe"], ["or", "even"]):
            continue
        if _WEEK_SAID & set(w[a.start : a.end]) or not _WEEK_SAID & set(w[b.start : b.end]):
            continue
        monday = b.exact - timedelta(days=b.exact.weekday())
        day = monday + timedelta(days=a.exact.weekday())
        if day != a.exact:
            out[k] = replace(a, dates=(day,))
    return out


_AROUND_A_DAY: Final = frozenset({"in", "on", "for", "the"})
"""Words that may stand around a day typed alone ("in two weeks", "on the 5th")."""


def days_named(text: str, *, today: date) -> tuple[date, ...] | None:
    """The days ``text`` names, and nothing else, read as a caller's words are: one date
    ("in two weeks", "friday week", "the day after thanksgiving") or the dates of a range
    ("next week"); None when the text says more or other than a day ("friday or so",
    "not friday", two days). For those who type a day (the command line), so that what the
    receptionist understands is understood there too, by the same reader."""
    tokens = tokenize(text)
    mentions = day_mentions(tokens, today=today)
    if len(mentions) != 1:
        return None
    said = mentions[0]
    if said.negated or said.earliest or said.same or said.shift_days is not None:
        return None
    if not said.dates or said.habit:
        return None
    rest = [t.text for t in (*tokens[: said.start], *tokens[said.end :])]
    if any(word not in _AROUND_A_DAY for word in rest):
        return None
    return said.dates


def _between(mentions: list[DayMention], w: list[str]) -> list[DayMention]:
    """ "Between Christmas and New Year", "between the 14th and the 18th": the days from one
    to the other (the two holidays themselves left out: the days between them)."""
    out: list[DayMention] = []
    k = 0
    while k < len(mentions):
        first = mentions[k]
        second = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            second is not None
            and first.exact is not None
            and second.exact is not None
            and not first.negated
            and not second.negated
            and first.start > 0
            and w[first.start - 1] == "between"
            and first.end < len(w)
            and w[first.end] == "and"
            and second.start in (first.end + 1, first.end + 2)
            and first.exact < second.exact <= first.exact + timedelta(days=31)
        ):
            lo, hi = first.exact, second.exact
            if _HOLIDAY_WORDS & set(w[first.start : first.end]):
                lo += timedelta(days=1)
            if _HOLIDAY_WORDS & set(w[second.start : second.end]):
                hi -= timedelta(days=1)
            days = tuple(lo + timedelta(days=n) for n in range((hi - lo).days + 1))
            if days:
                out.append(DayMention(first.start - 1, second.end, days))
                k += 2
                continue
        out.append(first)
        k += 1
    return out


_HOLIDAY_WORDS = frozenset({"christmas", "eve", "new", "boxing", "thanksgiving", "halloween"})


def _weekday_of_range(mentions: list[DayMention], w: list[str]) -> list[DayMention]:
    """ "The Tuesday of the second week of February": that weekday inside the days said
    right after it, one mention."""
    out: list[DayMention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.from_weekday
            and last.exact is not None
            and not last.negated
            and m.start == last.end + 1
            and w[last.end] == "of"
            and 1 < len(m.dates) <= 14
        ):
            inside = [d for d in m.dates if d.weekday() == last.exact.weekday()]
            if len(inside) == 1:
                out[-1] = replace(m, start=last.start, dates=(inside[0],))
                continue
        out.append(m)
    return out


def _within_range(mentions: list[DayMention]) -> list[DayMention]:
    """ "The back end of next week? Thursday or Friday": a bare weekday said after a range
    that holds that weekday means the one inside it, not the coming one."""
    out: list[DayMention] = []
    span: tuple[date, ...] = ()
    for m in mentions:
        if m.negated or m.shift_days is not None:
            out.append(m)
            continue
        if len(m.dates) > 1 and len(m.dates) <= 14:
            span = m.dates
        elif m.from_weekday and m.exact is not None and span and m.exact not in span:
            inside = [d for d in span if d.weekday() == m.exact.weekday()]
            if len(inside) == 1:
                m = replace(m, dates=(inside[0],))
        elif m.exact is not None and m.exact not in span:
            span = ()
        out.append(m)
    return out


_DEADLINE_GAP: Final = frozenset(
    {
        "i",
        "im",
        "m",
        "we",
        "were",
        "my",
        "our",
        "the",
        "next",
        "this",
        "fly",
        "flying",
        "out",
        "on",
        "go",
        "going",
        "leave",
        "leaving",
        "holiday",
        "holidays",
        "vacation",
        "trip",
        "away",
        "off",
        "travel",
        "travelling",
        "traveling",
        "is",
        "am",
        "its",
        "it",
        "due",
        "get",
        "back",
        "surgery",
        "operation",
        "move",
        "moving",
        "start",
        "starting",
        "new",
        "job",
        # "before the kids break up for Christmas on the 18th", "before school finishes"
        *("kids", "children", "school", "schools", "term", "break", "breaks", "up"),
        *("finish", "finishes", "for", "christmas", "easter", "summer", "they", "ends"),
    }
)
"""Words that may stand between "before" and the day it bounds ("before I fly out on the 9th",
"before my holiday next Wednesday")."""


def _deadline(w: list[str], mention: DayMention) -> tuple[int, bool] | None:
    """Where a limit on the day begins and whether the day itself is inside it: "before the
    20th" (not the 20th), "by Friday", "no later than the 9th", "Friday at
    the latest", "before I fly out on the 9th", "I fly next Wednesday, so before that"."""
    after = w[mention.end : mention.end + 4]
    if after[:3] == ["at", "the", "latest"] or after[:2] == ["at", "latest"]:
        return mention.start, True
    for lead in (["so", "before", "that"], ["so", "before", "then"]):
        if after[:3] == lead or after[:2] == lead[1:]:
            return mention.start, False
    k = mention.start - 1
    gap = 0
    while k >= 0 and gap <= 8:
        word = w[k]
        if word in ("before", "by"):
            if word == "by" and gap:
                return None  # "by" only right before the day: "by Friday"
            if k > 0 and w[k - 1] in ("not", "day", "week", "night", "days", "weeks"):
                return None  # "not before the 9th", "the day before Thanksgiving"
            return k, word == "by"
        if word == "than" and k >= 2 and w[k - 2 : k] == ["no", "later"]:
            return k - 2, True
        if word not in _DEADLINE_GAP:
            return None
        k -= 1
        gap += 1
    return None


_HABIT_WEEKS: Final = 12
"""How far ahead a weekday the caller is never free on ("I work Mondays") is kept out."""
_WORK_WORDS: Final = frozenset(
    {"work", "works", "working", "teach", "teaching", "volunteer", "volunteering"}
)
_WORK_AFTER: Final = frozenset({"i", "im", "m", "we", "were", "he", "she", "hes", "shes", "at"})


_SHUT_WORDS: Final = frozenset({"closed", "shut"})
_CLINIC_SUBJECT: Final = frozenset({"you", "youre", "re", "they", "theyre", "clinic", "guys"})
_NOT_OPEN_LEADS: Final = frozenset({"not", "arent", "dont", "never", "no"})


def _clinic_shut_then(w: list[str], mention: DayMention) -> bool:
    """A weekend day said back as one the clinic is shut ("oh, you're not open Saturdays?",
    "closed Sundays, typical", "you don't do Saturdays then"): the caller taking the no in,
    not asking for that day again. Not a weekday ("is the clinic closed on Monday?" asks, and
    may still want it)."""
    if mention.exact is None:
        return False
    k = mention.start - 1
    while k >= 0 and w[k] in _SKIP_BEFORE:
        k -= 1
    if k < 0:
        return False
    if mention.exact.weekday() < 5:
        return False  # "is it closed on Monday?" asks, and may still want Monday
    if w[k] in _SHUT_WORDS:
        # "closed Saturdays", "you're shut on Sundays" - not "if you're closed" (a condition)
        return k == 0 or w[k - 1] not in ("if", "when", "unless")
    before = w[max(0, k - 4) : k]
    return (
        w[k] in ("open", "do", "work", "working")
        and k > 0
        and w[k - 1] in _NOT_OPEN_LEADS
        and any(x in _CLINIC_SUBJECT for x in before)
    )


def _habit(w: list[str], mention: DayMention) -> bool:
    """The day was said as a plural weekday ("Mondays"): a habit, every one of them."""
    return any(x.endswith("s") and x[:-1] in WEEKDAY_NAMES for x in w[mention.start : mention.end])


_ROUTINE_SUBJECTS: Final = frozenset(
    {"i", "im", "ive", "we", "were", "weve", "theyve", "theyre", "hes", "shes", "they", "he", "she"}
)
_ROUTINE_CHANGED: Final = frozenset(
    {"gone", "been", "switched", "changed", "started", "moved", "on", "onto", "working", "doing"}
)


def _week_of_a_change(w: list[str], mention: DayMention) -> bool:
    """A week said of the caller's routine, not asked for: "this week we've gone onto late
    lunches", "this week I'm on lates", "next week they've switched me to nights" (the day asked
    for is said elsewhere; with none said, the week is kept)."""
    said = w[mention.start : mention.end]
    if mention.from_weekday or len(mention.dates) < 2 or said[-1:] != ["week"]:
        return False
    after = w[mention.end : mention.end + 4]
    k = 1 if after[:1] in (["but"], ["though"]) else 0
    if after[k : k + 1] == ["i"] and after[k + 1 : k + 2] in (["ve"], ["m"]):
        k += 1  # "i ve", "i m" written apart
    return (
        after[k : k + 1] != []
        and after[k] in _ROUTINE_SUBJECTS
        and bool(_ROUTINE_CHANGED & set(after[k + 1 : k + 3]))
    )


_OFF_OWNERS: Final = frozenset({"my", "his", "her", "their", "our"})


def _off_day(w: list[str], mention: DayMention) -> bool:
    """A weekday said as someone's day off ("that's my first Friday off", "his Monday off"):
    their week explained, like a plural, not the day asked for when another is said."""
    if not mention.from_weekday or w[mention.end : mention.end + 1] != ["off"]:
        return False
    return bool(_OFF_OWNERS & set(w[max(0, mention.start - 2) : mention.start]))


_ANY_WEEKS: Final = 8
"""How many weeks on a weekday said as any such day ("any Tuesday") is looked for."""
_ANY_LEADS: Final = frozenset({"any", "whichever", "whatever", "a"})


def _any_such(w: list[str], mention: DayMention, habit: bool, out: list[DayMention]) -> bool:
    """A weekday said as any such day rather than the coming one: "any Tuesday", "a Wednesday,
    doesn't matter which", "whichever Monday", a plural said as a preference ("Thursdays are
    best", "I can only do Mondays"), or the second of "any Tuesday or Thursday"."""
    if not mention.from_weekday or mention.exact is None or mention.end - mention.start != 1:
        return False  # "next Tuesday", "Tuesday week", "the 3rd": one day said
    if any(len(m.dates) > 1 and not m.from_weekday for m in out):
        return False  # "early March, a Monday": the Monday inside it (_within_range)
    lead = w[mention.start - 1] if mention.start else ""
    if lead not in ("next", "this", "coming") and any(
        m.from_weekday
        and not m.negated
        and len(m.dates) == _ANY_WEEKS
        and m.dates[0].weekday() == mention.exact.weekday()
        for m in out
    ):
        # "he's only off on a Monday, so could you move it to a Monday": the same any such day
        # said again (not "next Monday": that one)
        return True
    if lead in ("first", "next", "earliest") and _free_after(w, mention.end):
        return True
    if lead in _ANY_LEADS or lead == "which":
        return lead not in ("a", "which") or _any_said(w) or _only_before(w, mention.start)
    if lead == "or" and out and len(out[-1].dates) == _ANY_WEEKS and out[-1].from_weekday:
        return True
    # a plural as the one weekday wanted ("Thursdays are best for me"), not one of several
    # ranked or set in a week said ("next week - Tuesdays best, Wednesdays fine")
    named = {x.rstrip("s") for x in w if x.rstrip("s") in WEEKDAY_NAMES}
    return habit and not out and len(named) == 1


def _only_before(w: list[str], start: int) -> bool:
    """ "my daughter can only drive me on a Wednesday", "he's only off on a Monday": that
    weekday is the only one the caller can come, so any of them (not "not only")."""
    lead = w[max(0, start - 8) : start - 1]
    if "only" not in lead:
        return False
    k = max(0, start - 8) + lead.index("only")
    if k > 0 and w[k - 1] == "not":
        return False
    # not "I only work on a Monday": the day the caller is busy
    return not any(x in _WORK_WORDS for x in w[k + 1 : start])


def _free_after(w: list[str], k: int) -> bool:
    """Words after a weekday that ask for one with room: "you have", "you've got", "free"."""
    return w[k : k + 2] in (["you", "have"], ["you", "got"], ["youve", "got"]) or w[k : k + 1] in (
        ["available"],
        ["free"],
        ["going"],
    )


def _any_said(w: list[str]) -> bool:
    """ "a Tuesday" is any Tuesday when the caller says so: "any Tuesday", "doesn't matter
    which", "whichever"."""
    text = " ".join(w)
    days = "|".join(WEEKDAY_NAMES)
    return bool(
        re.search(rf"\b(?:any|whichever|whatever) (?:{days})\b|\bdoes ?n?t matter which\b", text)
    )


_AWAY_FROM: Final = frozenset({"from", "off", "out"})
"""Before "work": time away from it ("get away from work", "I'm off work"), not at it."""


def _works_then(tokens: list[Token], w: list[str], i: int, end: int) -> bool:
    """A plural weekday said as when the caller works ("I work Mondays", "I'm at work on
    Fridays", "Tuesdays I teach"), within the same clause."""
    j = i - 1
    reach = 4
    while j >= 0 and i - j <= reach and not tokens[j + 1].breaks_before:
        if w[j] in ("and", "or") and j > 0 and _habit_word(w[j - 1]):
            # "I work Mondays and Tuesdays now": the second day of the same list
            j, reach = j - 2, reach + 2
            continue
        if w[j] in ("but", "so", "and", "or", "then"):
            break
        if w[j] in _WORK_WORDS and any(
            w[k] == "off" and w[k - 1] in ("day", "days") for k in range(max(1, j - 3), j)
        ):
            return False  # "I've swapped my day off at work to Mondays": free then
        if w[j] in _WORK_WORDS:
            # "I can only get away from work on Thursdays", "off work Fridays": free then;
            # "he only works from home on Fridays": at home then, so free to bring the caller
            return not (j > 0 and w[j - 1] in _AWAY_FROM) and w[j + 1 : j + 3] != ["from", "home"]
        j -= 1
    after = w[end : end + 3]
    return any(x in _WORK_WORDS for x in after) and bool(after) and after[0] in _WORK_AFTER


def _habit_word(word: str) -> bool:
    return word.endswith("s") and word[:-1] in WEEKDAY_NAMES


_NOT_A_BOUND_AFTER = frozenset(
    {"day", "week", "one", "right", "just", "straight", "the", "im", "were", "really"}
)
"""Before "after <day>" where it is not a bound: "the day after Friday", "right after", "I'm
after Thursday at three" (looking for it)."""


def _past_year_after(w: list[str], end: int, today: date) -> bool:
    """Whether a year before this one follows a date ("March 4th, 1948", "the 4th of March
    nineteen forty eight" is left alone): a birthday or a past event, not a day to book."""
    if end >= len(w) or not w[end].isdigit() or len(w[end]) != 4:
        return False
    return 1900 <= int(w[end]) < today.year


def _the_one_after(w: list[str], i: int, mention: DayMention) -> DayMention | None:
    """ "not this Wednesday, the one after": the same weekday a week after the one just
    named ("the one after that", "the following one" too)."""
    if not mention.from_weekday or mention.exact is None:
        return None
    fallback = False
    lead = _IF_NOT_THEN.match(" ".join(w[i : i + 12]))
    if lead is not None:
        # "this Friday if you've got it, if not the one after": the week after as the second
        # choice
        i += lead.group(0).count(" ")
        fallback = True
    for phrase in (
        ("the", "one", "after", "that"),
        ("the", "one", "after"),
        ("the", "following", "one"),
        ("the", "next", "one"),
        ("the", "one", "after", "it"),
    ):
        if tuple(w[i : i + len(phrase)]) == phrase:
            end = i + len(phrase)
            if end < len(w) and w[end] in ("that", "it") and phrase[-1] == "after":
                end += 1
            return DayMention(i, end, (mention.exact + timedelta(days=7),), fallback=fallback)
    return None


_IF_NOT_THEN: Final = re.compile(
    r"(?:if (?:you (?:have|ve got|got)|youve got|youve|theres|there is|its) "
    r"(?:it|one|room|something|anything|free|space) )?"
    r"(?:or |and )?(?:if not|otherwise|failing that|or else) (?=the )"
)
"""Between a day and "the one after" offered as the second choice: "if you've got it, if not",
"otherwise", "or failing that"."""


_SECOND_CHOICE_LEAD = frozenset(
    {"the", "on", "maybe", "perhaps", "then", "if", "not", "i", "ill", "will", "we", "well",
     "just", "keep", "stick", "with", "to", "go", "stay", "settle", "for", "take"}
)  # fmt: skip
"""Words between "or", "otherwise" or "if not" and a second choice ("otherwise I'll keep
Monday", "if not, I'll stick with the Friday")."""


def _second_choice(w: list[str], start: int) -> bool:
    """ "..., or if not, the Friday", "otherwise Monday", "failing that Tuesday", "if not
    I'll go with Monday": a day offered as the second choice."""
    j = start - 1
    if_not = False
    while j >= 0 and w[j] in _SECOND_CHOICE_LEAD:
        if w[j] == "not" and (j == 0 or w[j - 1] != "if"):
            return False
        if_not = if_not or w[j] == "not"
        j -= 1
    if j < 0 or (if_not and w[j] not in ("or", "otherwise")):
        return if_not
    return w[j] in ("or", "otherwise") or (w[j] == "that" and j > 0 and w[j - 1] == "failing")


_DAY_AFTER: Final = re.compile(
    r"^or (?:maybe |perhaps )?(?:the )?(?:day after(?: that| it)?|next day|following day"
    r"|one after(?: that)?)\b"
)


def _or_the_day_after(w: list[str], i: int, mention: DayMention) -> DayMention | None:
    """ "Tomorrow or the day after", "Monday or the next day": the day after a day just said,
    as an alternative to it."""
    if mention.exact is None or mention.negated:
        return None
    m = _DAY_AFTER.match(" ".join(w[i:]))
    if m is None:
        return None
    rest = w[i + m.group(0).count(" ") + 1 :]
    if rest and rest[0] in ("tomorrow", "next", "that"):
        return None  # "or the day after tomorrow" is a day of its own
    end = i + m.group(0).count(" ") + 1
    return DayMention(i, end, (mention.exact + timedelta(days=1),), fallback=True, either=True)


def _own_day(w: list[str], mention: DayMention) -> bool:
    """ "my Tuesday", "my Friday one", "the Tuesday appointment": the day of an appointment the
    caller holds (a move's source), said as a weekday."""
    if not mention.from_weekday or mention.exact is None:
        return False
    before = w[mention.start - 1] if mention.start > 0 else ""
    after = w[mention.end] if mention.end < len(w) else ""
    if (
        before == "on"
        and mention.start >= 2
        and "everything" in w[max(0, mention.start - 5) : mention.start]
    ):
        return True  # "everything I've got on Tuesday (to Thursday)": the days held
    return before == "my" or after in ("one", "appointment", "appt", "booking", "visit")


_LIKE_OWN: Final = tuple(
    [what, "as", whose] for what in ("time", "hour", "slot") for whose in ("my", "the", "our")
)
"""Before the day of an appointment held that only says which time is meant ("same time as my
Friday one", "the same hour as the Tuesday appointment")."""


_SAID_OF_OWN: Final = frozenset(
    {"is", "s", "on", "for", "has", "been", "booked", "scheduled", "set", "next", "this", "at"}
)


def _own_said(w: list[str], mention: DayMention) -> bool:
    """ "My appointment's next Tuesday", "your appointment has been booked for Tuesday the
    15th" (read from a letter): the day of the appointment held, said as a sentence about it."""
    if mention.exact is None:
        return False
    j = mention.start - 1
    while j >= 0 and w[j] in _SAID_OF_OWN and mention.start - j <= 5:
        j -= 1
    return (
        j >= 1
        and w[j] in ("appointment", "appointments", "appt", "appts", "booking", "visit")
        and w[j - 1] in ("my", "your", "our")
    )


_HELD_LEAD: Final = frozenset({"this", "coming", "next", "on", "for", "at", "the"})


def _held_said(w: list[str], mention: DayMention | TimeMention) -> bool:
    """ "The one I have this Friday, I can't make it", "what I've got on Monday - can't make
    it": the day of an appointment held, said with why it is given up - the day named is the
    one held, not a day ruled out."""
    j = mention.start - 1
    while j >= 0 and w[j] in _HELD_LEAD and mention.start - j <= 3:
        j -= 1
    if isinstance(mention, TimeMention) and j < mention.start - 1:
        # "I've got Friday at two, can't do it", "I have the 14th at nine": the hour of the
        # day held (the hour is not ruled out on other days)
        k = j
        while k >= 0 and j - k < 3 and _held_day_word(w[k]):
            k -= 1
        if k < j:
            j = k
            while j >= 0 and w[j] in _HELD_LEAD and k - j < 3:
                j -= 1
    if (
        isinstance(mention, DayMention)
        and mention.start > 0
        and w[mention.start - 1] == "my"
        and w[mention.end : mention.end + 1] in (["appointment"], ["appt"], ["one"], ["booking"])
    ):
        return True  # "my Monday appointment won't work as it is": the one held, given up
    return (
        j >= 1
        and w[j] in ("have", "got", "booked", "had")
        and w[j - 1] in ("i", "ive", "we", "weve", "i ve")
    )


_ORDINAL_SAID: Final = re.compile(r"\d{1,2}(st|nd|rd|th)")


def _held_day_word(word: str) -> bool:
    """A word of a day named: "friday", "tomorrow", "14th", "fourteenth", "december"."""
    return (
        word in WEEKDAY_NAMES
        or word in ("today", "tomorrow", "tomorrows")
        or word in ORDINALS
        or word in MONTHS
        or _ORDINAL_SAID.fullmatch(word) is not None
    )


def _moved_to(w: list[str], i: int) -> bool:
    """The day after "to" / "to the" / "for" / "till": where a move goes."""
    j = i - 1
    while j >= 0 and w[j] in ("the", "a"):
        j -= 1
    return j >= 0 and w[j] in ("to", "for", "till", "until", "onto", "into")


def _plain_or(w: list[str], start: int) -> bool:
    """ "Friday or Monday", "tomorrow or maybe the day after": an alternative as good as the
    day before it (not "or if not", "otherwise", "failing that")."""
    j = start - 1
    while j >= 0 and w[j] in ("the", "on", "maybe", "perhaps"):
        j -= 1
    return j > 0 and w[j] == "or"


_ASIDE: Final = frozenset(
    {"i", "suppose", "guess", "mean", "think", "so", "that", "thats", "is", "which", "well", "er",
     "um", "uh", "now"}
)  # fmt: skip
_NAMED_AGAIN: Final = frozenset({"the", "a", "its", "it", "s"})
"""Words that name a date's weekday again after an aside ("the thirtieth I think the Wednesday",
"the 16th, it's the Wednesday"): only of a weekday the date falls on."""
"""Words said between a day and its weekday that name it again ("today I suppose, Tuesday",
"tomorrow, that is Wednesday")."""


_TWO_DAYS_JOINED: Final = frozenset(
    {"to", "or", "and", "till", "til", "until", "from", "not", "then", "than", "instead", "into",
     "but", "nor", "versus", "vs", "over"}
)  # fmt: skip
"""Words between a weekday and a date that make them two days ("Monday to the 11th")."""


def _merge_weekday_and_date(mentions: list[DayMention], w: list[str]) -> list[DayMention]:
    """ "Friday, December 4th" / "Friday the 4th" / "the 4th, a Friday" / "today I suppose,
    Tuesday" is one day: when a weekday and a date (or today, tomorrow) are said side by side,
    or with an aside between, the date wins."""
    out: list[DayMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        gap = set(w[prev.end : m.start]) if prev is not None else set()
        if (
            prev is not None
            and prev.exact is not None
            and m.exact is not None
            and m.from_weekday
            and not prev.from_weekday
            and prev.exact.weekday() == m.exact.weekday()
            and gap & _NAMED_AGAIN
            and gap <= _ASIDE | _NAMED_AGAIN
            and "so" not in gap
            and w[m.end : m.end + 1] not in (["after"], ["before"])
            and prev.negated == m.negated
        ):
            # "the thirtieth I think the Wednesday": the date, its weekday said again
            out[-1] = replace(prev, end=m.end)
            continue
        if (
            prev is not None
            and (m.start - prev.end <= 1 or gap <= _ASIDE)
            and prev.exact is not None
            and m.exact is not None
            and prev.negated == m.negated
            and prev.from_weekday != m.from_weekday
        ):
            if prev.exact.weekday() == m.exact.weekday():
                precise = prev if m.from_weekday else m
                out[-1] = replace(precise, start=prev.start, end=m.end)
                continue
            # "Wednesday the thirtieth" on 25 November (the 30th a Monday): next month's
            # 30th is the Wednesday meant, when no month was said
            dated = m if prev.from_weekday else prev
            later = _next_month_same_day(dated, w, m.exact if m.from_weekday else prev.exact)
            # "move Monday to the eleventh", "the 4th or the Friday": two days, not one
            if later is not None and not _TWO_DAYS_JOINED & gap:
                out[-1] = replace(dated, dates=(later,), start=prev.start, end=m.end)
                continue
        out.append(m)
    return out


def _next_month_same_day(dated: DayMention, w: list[str], weekday: date) -> date | None:
    """The same day of the next month, when it is the weekday said with it and the date was
    said without a month or a year ("the thirtieth", "the 30th"), else None."""
    said = w[dated.start : dated.end]
    if dated.exact is None or any(x in MONTHS or x.isdigit() and len(x) == 4 for x in said):
        return None
    if not any(x in ORDINALS or x[:1].isdigit() for x in said):
        return None  # not a numbered date ("tomorrow, Friday")
    month_start = (dated.exact.replace(day=1) + timedelta(days=32)).replace(day=1)
    try:
        later = month_start.replace(day=dated.exact.day)
    except ValueError:
        return None
    return later if later.weekday() == weekday.weekday() else None


@dataclass(frozen=True, slots=True)
class WeekdayClash:
    """A weekday said with a date that is not its own ("Tuesday the 10th" when the 10th is a
    Thursday), or with a date that has passed ("Tuesday the 24th" on the 25th, "Monday
    November 23rd" two days after it)."""

    weekday: date
    """The weekday's own date as heard (the coming one)."""
    dated: date
    """The date said, as heard (the next one of that number)."""
    passed: date | None = None
    """The date said was this month's, which has passed (its weekday the one said)."""
    near: date | None = None
    """That weekday within three days of the date said, still ahead ("Monday the 8th" when
    the 7th is a Monday: the 7th), to be said beside it."""


def weekday_clash(
    mentions: list[DayMention], tokens: list[Token], today: date
) -> WeekdayClash | None:
    """A weekday and a date said side by side that cannot both be meant: they disagree (not
    merged into one day), or the date has passed (a date said with its number: not "a week
    from Thursday")."""

    def numbered(m: DayMention) -> bool:
        span = tokens[m.start : m.end]
        words = {t.text for t in span}
        return not words & _NOT_NUMBERED and any(
            t.kind in ("num", "ord", "iso", "slash") or t.text in ORDINALS for t in span
        )

    for prev, m in zip(mentions, mentions[1:], strict=False):
        dated_m = m if prev.from_weekday else prev
        if not numbered(dated_m):
            continue
        if (
            m.start - prev.end <= 1
            # ("my appointment on the 7th. Anything next Wednesday?": two days, two sentences;
            # "my one on the 8th to Thursday": from one day to another; "for mon no tuesday
            # the first", "on fri on thursday the third": a day begun and taken back)
            and not {t.text for t in tokens[prev.end : m.start]} & _NOT_SIDE_BY_SIDE
            and not any(
                set(tokens[k].sep) & set(".!?")
                for k in range(prev.end, min(m.start + 1, len(tokens)))
            )
            and prev.exact is not None
            and m.exact is not None
            and not prev.negated
            and not m.negated
            and prev.from_weekday != m.from_weekday
            and prev.exact.weekday() != m.exact.weekday()
            and not m.fallback
            and not m.either
        ):
            weekday, dated = (prev, m) if prev.from_weekday else (m, prev)
            assert weekday.exact is not None and dated.exact is not None
            passed = _passed_this_month(tokens, dated, today)
            if passed is not None and passed.weekday() == weekday.exact.weekday():
                return WeekdayClash(weekday.exact, dated.exact, passed=passed)
            near = next(
                (
                    d
                    for k in (1, -1, 2, -2, 3, -3)
                    if (d := dated.exact + timedelta(days=k)).weekday() == weekday.exact.weekday()
                    and d >= today
                ),
                None,
            )
            return WeekdayClash(weekday.exact, dated.exact, near=near)
    for m in mentions:
        # "Monday November 23rd" on the 25th: the date was dropped as passed (see bad_days)
        if not m.from_weekday or m.exact is None or m.negated:
            continue
        k = m.end + (m.end < len(tokens) and tokens[m.end].text in ("the", "on"))
        if k >= len(tokens) or not (tokens[k].text in MONTHS or tokens[k].kind == "ord"):
            continue
        end = k + 1
        while end < min(len(tokens), k + 4) and not tokens[end].sep.strip():
            end += 1  # (not into "2pm" after "November 23rd,")
        past = [b for b in bad_days(tokens[k:end], today) if b.day is not None]
        if past and past[0].day is not None:
            return WeekdayClash(m.exact, past[0].day, passed=past[0].day)
    return None


def _passed_this_month(tokens: list[Token], dated: DayMention, today: date) -> date | None:
    """ "The 24th" said on the 25th without a month: this month's, which has passed."""
    if any(t.text in MONTHS for t in tokens[dated.start : dated.end]) or dated.exact is None:
        return None
    try:
        this_month = date(today.year, today.month, dated.exact.day)
    except ValueError:
        return None
    return this_month if this_month < today else None


_NOT_SIDE_BY_SIDE: Final = frozenset(
    {"to", "into", "from", "no", "sorry", "on", "or", "nope", "wait", "actually", "mean"}
)
"""Words between a weekday and a date that make them two days, not one said twice."""
_NOT_NUMBERED: Final = frozenset(
    {"week", "weeks", "fortnight", "from", "today", "tomorrow", "days"}
)


_RANGE_BEFORE_BUT = frozenset(
    {"anything", "anytime", "any", "day", "days", "week", "weekday", "weekdays", "whenever"}
)
"""Words after which "but" rules the next day out: "any day but Friday"."""
_DISLIKE = frozenset({"avoid", "hate", "never", "decline"})  # "I must decline the morning"
_NEGATIVE_AUX = frozenset({"dont", "cant", "couldnt", "wont", "not"})
_DISLIKE_VERBS = frozenset({"like", "want", "do", "fancy", "manage", "love", "prefer", "really"})
_BE_LINKS = frozenset({"a", "an", "on", "the", "in"})
"""Words between "can't be" and the day or time it rules out ("it can't be on a Monday")."""
_BUSY = frozenset(
    {
        "busy", "working", "because", "cause", "since", "meeting", "meetings", "interview",
        "dentist", "forgot", "drop", "dropping",
    }
)  # fmt: skip
"""Words before a time that make it the caller's reason, not their wish: "I have a meeting at
12", "I forgot I drop my son off at ten", "forgot I work mornings"."""
_ROUTINE: Final = frozenset(
    {
        "rehearse", "rehearses", "rehearsal", "choir", "gym", "physio", "opticians", "optician",
        "nursery", "carer", "sleeps", "leaves", "lates", "earlies",
        "dialysis", "sleep", "sleeping", "asleep", "swimming", "swim",
    }
)  # fmt: skip
"""Words before an hour or a part of the day that make it the caller's routine, not their
wish ("we rehearse Thursday afternoons from two", "he sleeps till one"); the day said with
them may still be the one wanted ("... so this Thursday morning")."""
_FETCH: Final = frozenset({"get", "collect", "fetch", "pick"})
_FETCHED: Final = frozenset({"her", "him", "them", "up", "kids"})
_FETCH_LEADS: Final = frozenset({"and", "then", "to"})
_SEEN: Final = frozenset({"in", "seen", "booked", "checked", "looked", "an", "a", "down"})
"""After "get him": a visit for them ("get him in", "get her seen"), not a pick-up."""
_GONE = frozenset(
    {"away", "station", "travelling", "traveling", "vacation", "holiday", "abroad", "overseas"}
)
"""Being gone, said right before when: "I'm away next week", "I am out of station next week"
(South Asian English for out of town), "travelling on Monday"."""
_GONE_LINKS = frozenset({"next", "this", "coming", "on", "the", "all", "for", "that", "until"})
_AWAY_AFTER: Final = frozenset({"be", "im", "m", "am", "were", "re", "is", "s", "ill", "being"})
"""Before "away" said of the caller ("I'll be away", "we're away"; not "right away")."""
_MOVED_AWAY_LINKS: Final = _GONE_LINKS | {"just", "right", "after", "from", "away", "out", "in"}
"""Between the caller "moving" (house) and the day they go ("we're moving just after New
Year", "I'm moving away next month")."""
_AWAY_SAID_OF: Final = _GONE_LINKS | {"later", "earlier", "early", "most", "of", "in", "from"}
"""What may stand between "away" and the day it is said of ("away later this week", "away
from Tuesday till Thursday")."""
_BUSY_AFTER_GOT = frozenset(
    {"the", "a", "an", "my", "school", "work", "class", "meeting", "another"}
)


def _gone_then(tokens: list[Token], j: int, i: int) -> bool:
    """Being gone (``tokens[j]``, one of ``_GONE``) at the day or time said at ``i``: "I'm
    away next week", "out of station on Monday" (not "before I go away on the 2nd"); "away"
    said of the caller may reach further, "I'm going to be away later this week" (not "I'm
    away a while - the latest day you can": the day asked for after it)."""
    between = [t.text for t in tokens[j + 1 : i]]
    if all(x in _GONE_LINKS for x in between) and "before" not in (
        t.text for t in tokens[max(0, j - 4) : j]
    ):
        return True
    of_caller = tokens[j].text == "away" and j > 0 and tokens[j - 1].text in _AWAY_AFTER
    return of_caller and all(x in _AWAY_SAID_OF for x in between)


_DEPARTING: Final = frozenset(
    {"fly", "flying", "flies", "leave", "leaving", "leaves", "depart", "departing", "flight"}
)
"""Going away on the day said after it ("I fly out on the Friday"): a day to offer around."""
_NOT_DEPARTING_AFTER: Final = frozenset(
    {"it", "that", "this", "them", "my", "the", "a", "an", "as", "alone", "with", "in", "early"}
)
"""After "leave": something left, not the caller going ("I'll leave it on Friday", "leave the
Monday one as it is"); "leave early" is from work, still there that day."""
_BOUND_OR_ASK: Final = frozenset(
    {"before", "after", "until", "till", "til", "by", "when", "once", "if", "can", "could"}
)


def _departing(tokens: list[Token], j: int, i: int) -> bool:
    """The caller (or their family) leaving at ``j`` ("I fly out on the Friday", "we're
    leaving Thursday", "my flight's on Monday"), the day said at ``i`` gone; not "before I fly
    out on the 9th" nor "I fly next Wednesday, so before that", "flying out on the 18th, so the
    day before" (a limit or a day counted from it, read as such), "flying in next week"
    (arriving), "leave it till Friday" (an appointment kept) or "could I leave on Friday"."""
    word = tokens[j].text
    prev = tokens[j - 1].text if j > 0 else ""
    if {t.text for t in tokens[max(0, j - 4) : j]} & _BOUND_OR_ASK:
        return False
    for t in tokens[i + 1 :]:
        if any(ch in t.sep for ch in ".?!"):
            break
        if t.text == "before":
            return False
    if j + 1 < len(tokens) and tokens[j + 1].text in ("in", "into", "back", "home"):
        return False
    if word == "flight":
        return prev in ("my", "our", "his", "her", "their")
    after = tokens[j + 1].text if j + 1 < len(tokens) else ""
    if word.startswith("leav") and after in _NOT_DEPARTING_AFTER:
        return False
    return prev in _LEAVERS or prev in _WORKERS


_CALLED_OFF: Final = frozenset({"cancelled", "canceled", "postponed", "scrapped"})


def _called_off(tokens: list[Token], j: int) -> bool:
    """The commitment at ``j`` said to be off ("I've cancelled the dentist", "they've
    postponed the away day", "work cancelled my shift"): no longer a reason."""
    return any(t.text in _CALLED_OFF for t in tokens[max(0, j - 4) : j])


def _busy(tokens: list[Token], i: int, *, of_time: bool = False) -> bool:
    """A time given as a reason it does not suit: "I've got the school run at two",
    "I'm working Monday", "I don't like mornings" (within the same clause). ``of_time``: the
    mention is an hour or a part of the day, which the caller's routine rules out too ("we
    rehearse Thursday afternoons from two"; the day said with it may still be the one)."""
    if tokens[i].breaks_before or (
        i > 0 and tokens[i].text in _TILL and tokens[i - 1].breaks_before
    ):
        # "I'm on lates all week, two till ten": the hours of the shift named just before
        return _shift_hours(tokens, i)  # (else "I've got the dentist tomorrow. Thursday at
        # ten": a new sentence)
    before = tokens[i - 1].text if i > 0 else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if (
        before == "my"
        or after in _OWN_BOOKING
        or (after == "one" and tokens[i].text not in ("half", "quarter"))
    ):
        # "... because I need to cancel my Thursday appointment": the appointment named
        return False
    k = i - 1
    while k > 0 and tokens[k].text in ("next", "this", "coming", "week"):
        k -= 1  # "the one next week": "week" is where the mention was found
    lead = [t.text for t in tokens[max(0, k - 1) : k + 1]]
    if lead[-1:] == ["one"] or (lead[-1:] in (["on"], ["for"]) and lead[:1] == ["one"]):
        # "he can't do the one next week", "I can't make the one on Friday": the appointment
        return False
    j = i - 1
    seen = 0
    while j >= 0 and seen < 7:
        word = tokens[j].text
        follows = tokens[j + 1].text if j + 1 < len(tokens) else ""
        if (
            word == "and"
            and follows in ("a", "an", "my", "the")
            and i > j + 2
            and not tokens[j].breaks_before
        ):
            # "except I've got physio Tuesday morning and a work call Thursday": the list of
            # what keeps them busy goes on
            j -= 1
            seen = 0
            continue
        if word in ("so", "but", "and", "then", "instead", "or"):
            break
        if word == "except" or (word == "apart" and follows == "from"):
            return True  # "free all week except I've got physio Tuesday": ruled out
        if word in _GONE and _gone_then(tokens, j, i):
            return True  # "I'm away next week", "we'll be away later this week"
        if (
            word == "moving"
            and j > 0
            and tokens[j - 1].text in _AWAY_AFTER | {"are", "we", "i"}
            and all(t.text in _MOVED_AWAY_LINKS for t in tokens[j + 1 : i])
        ):
            return True  # "we're moving just after New Year", "I'm moving away next month"
        if word in _DEPARTING and _departing(tokens, j, i):
            return True  # "I fly out on the Friday", "we're leaving for Spain on Thursday"
        if (
            word == "off"
            and follows == "to"
            and j > 0
            and tokens[j - 1].text in _AWAY_AFTER
            and not {t.text for t in tokens[j + 2 : i]} & (_BOUND_OR_ASK | {"see", "get"})
        ):
            return True  # "I'm off to Lisbon Tuesday to Friday", "we're off to my sister's Monday"
        if word == "about" and j > 0 and tokens[j - 1].text in ("what", "how"):
            break  # "I start work at half ten - what about Friday first thing?": a new ask
        if word in ("whats", "hows"):
            break  # "I got work after ten, what's next week looking like?": a new ask
        if (
            word == "make"
            and j > 0
            and tokens[j - 1].text in _NEGATIVE_AUX
            and all(t.text in ("it", "for", "by", "at") for t in tokens[j + 1 : i])
        ):
            return True  # "we won't make ten", "I can't make it for nine": ruled out
        if word == "make" and follows in ("it", "that"):
            break  # "I can't do nine, make it ten": the hour asked for after the reason
        if word in ("something", "anything") and follows in ("after", "later", "from", "past"):
            break  # "I work nights, I sleep in the morning - something after twelve": the ask
        if (
            word in _COMMITMENTS
            and j > 0
            and tokens[j - 1].text in ("at", "in")
            and all(t.text in ("till", "until", "til", "by") for t in tokens[j + 1 : i])
            and (i > j + 1 or tokens[i].text in ("till", "until", "til"))
        ):
            return True  # "I'm at work till two", "in school until three": busy until then
        if word in ("can", "could") and follows in ("i", "we", "you", "it", "that", "this"):
            # "cause I got work, can I come Friday instead", "I've got a meeting - could it be
            # the afternoon instead?": the ask after the reason
            break
        if word == "chance" and j > 0 and tokens[j - 1].text in ("any", "some", "a"):
            break  # "my ear's been bad since Friday, any chance of today?": the ask after it
        if (
            word == "got"
            and tokens[j + 1 : j + 3]
            and tokens[j + 1].text in ("heaps", "loads", "lots", "tons")
            and tokens[j + 2].text == "on"
        ):
            return True  # "I've got heaps on next week", "got loads on Monday": busy then
        if (
            word == "there"
            and j >= 2
            and tokens[j - 1].text in ("be", "get", "make", "come")
            and tokens[j - 2].text in _NEGATIVE_AUX
            and all(t.text in ("for", "by", "at", "until", "till") for t in tokens[j + 1 : i])
        ):
            return True  # "I can't be there for ten", "can't get there at nine": ruled out
        if word in _ASKING and not (j > 0 and tokens[j - 1].text in _NEGATIVE_AUX):
            break  # "I'm on my break, I need to cancel Friday": the request is a new clause
        if (word in _BUSY or word in _DISLIKE) and not (
            word in _WORKING and follows in ("day", "days")  # "three working days from now"
        ):
            # (not "I've already cancelled the dentist on Tuesday, so Tuesday's free now": the
            # thing that kept them busy is off)
            return not _called_off(tokens, j)
        if (
            word in ("work", "works")
            and j > 0
            and tokens[j - 1].text in _WORKERS
            and all(t.text in _WORK_LINKS for t in tokens[j + 1 : i])
        ):
            return True  # "he works afternoons", "I work in the morning": when they can't
        if (
            word in ("do", "does")
            and j > 0
            and tokens[j - 1].text in _WORKERS
            and tokens[i].text in _SHIFTS
            and all(t.text in _WORK_LINKS for t in tokens[j + 1 : i])
        ):
            return True  # "I do mornings now", "she does afternoons": the shifts they work
        if word in _COMMITMENTS and j > 0 and tokens[j - 1].text in _COMMITMENT_VERBS:
            return True  # "I start work at ten", "she finishes school at three"
        if word in _DONE_VERBS and _shift_ends_that_day(tokens, j, i):
            return True  # "my last one finishes Wednesday morning", "nights end on Tuesday"
        if (
            word in _COMMITMENT_VERBS
            and j > 0
            and tokens[j - 1].text in _WORKERS | _COMMITMENTS | {"and", "then"}
            # "I start at one"; "I start one o'clock", as learners say it
            and (i > j + 1 or (i + 1 < len(tokens) and tokens[i + 1].text == "oclock"))
            and all(t.text in _AT_LINKS for t in tokens[j + 1 : i])
            and not _comes_when_done(tokens)
            and not (j >= 2 and tokens[j - 2].text in _ASKING_MODALS)  # "could I start at ten?"
        ):
            return True  # "I work mornings, I finish at twelve", "she starts at nine"
        if (
            word in _SHIFT_BOUNDS
            and i > j + 1
            and all(t.text in _AT_LINKS for t in tokens[j + 1 : i])
            and _of_work(tokens[max(0, j - 5) : j])
        ):
            return True  # "I'm on lates now, starting at twelve", "new shifts, finishing at two"
        if word in _RIDES and _without_a_ride(tokens, j):
            return True  # "my husband has the car on Tuesdays", "no lift on a Monday"
        if (
            word in _DUTIES
            and i > j + 1
            and all(t.text in _DUTY_LINKS for t in tokens[j + 1 : i])
            and tokens[i - 1].text in _AT_LINKS
        ):
            return True  # "the school pickup's at three", "my shift's at nine": when it is
        if word in _ROUTINE and of_time:
            return True  # "we rehearse Thursday afternoons from two": when they are busy
        if (
            word in _FETCH
            and follows in _FETCHED
            and j > 0
            and tokens[j - 1].text in _WORKERS | _FETCH_LEADS
            and not (j + 2 < len(tokens) and tokens[j + 2].text in _SEEN)
        ):
            # (not "could I get him in on Wednesday?", "get her seen Friday": a visit for them)
            return True  # "I drop her at half eight and get her at half twelve": collected
        if word in ("lunch", "break") and j > 0 and tokens[j - 1].text in _MEAL_LEADS:
            return True  # "before my lunch break, I take lunch at twelve": when lunch is
        if (
            word in _NEGATIVE_AUX
            and follows == "be"
            and all(t.text in _BE_LINKS for t in tokens[j + 2 : i])
        ):
            return True  # "it can't be a Monday", "it won't be on Friday": ruled out
        if word in _NEGATIVE_AUX and follows in _DISLIKE_VERBS:
            # "I don't like mornings"; not "I can't make my two o'clock" or "I don't need
            # the Friday one" (the appointment meant)
            return True
        if word in ("got", "have", "having", "taking") and _TIME_OFF.search(
            " ".join(t.text for t in tokens[j + 1 : i + 3])
        ):
            return False  # "I've got a half day Friday", "I'm taking Monday off": free then
        if (
            (word == "got" or _has_it(tokens, j))
            and j + 1 < len(tokens)
            and (j == 0 or tokens[j - 1].text not in ("you", "youve"))  # the clinic's, asked
            and tokens[j + 1].text in _BUSY_AFTER_GOT
            and not (_OWN_BOOKING | _NOTICES) & {t.text for t in tokens[j + 1 : j + 3]}
            and not _held_by_its_time(tokens, j, i)
        ):
            # "I've got the school run at two"; not "I've got an appointment Tuesday at
            # eleven" (the caller's own appointment, named)
            return True
        if tokens[j].breaks_before:
            break
        j -= 1
        seen += 1
    return False


_ON_THE_DAY: Final = frozenset({"on", "this", "next", "the", "coming"})
_RANGE_TO: Final = frozenset({"to", "till", "until", "til", "through", "thru"})
"""Between two days of one span ("away Tuesday to Thursday")."""
_THEIR_OWN: Final = frozenset({"my", "his", "her", "our", "their"})
"""Before "last one": the caller's own ("my last one finishes Wednesday"), not "the last one"
(the latest slot)."""


def _shift_ends_that_day(tokens: list[Token], j: int, i: int) -> bool:
    """The caller's work (or the last shift of a run) ending on the day at ``i``, said right
    after the verb at ``j``: "my last one finishes Wednesday morning", "my nights end on
    Tuesday", "I finish Friday" - a day they are at work, not one asked for (not "can we start
    this Friday?": a start asked for)."""
    if tokens[i].text not in _DAY_AFTER_HOUR or not all(
        t.text in _ON_THE_DAY for t in tokens[j + 1 : i]
    ):
        return False
    who = tokens[j - 1].text if j > 0 else ""
    if who in ("one", "ones"):
        return j > 1 and tokens[j - 2].text in ("last", "first")
    if j > 1 and tokens[j - 2].text in _ASKING_MODALS:
        return False  # "could I finish on Monday?": asked
    return who in _WORKERS | _COMMITMENTS | _WORK_PATTERN


_WORK_PATTERN: Final = frozenset(
    {"lates", "earlies", "nights", "shift", "shifts", "rota", "work", "job", "earlys"}
)
"""Words of a working pattern whose hours may follow after a comma ("I'm on earlies, six till
two", "I'm on the late shift, two to ten")."""


_SHIFT_KINDS: Final = ("late", "early", "night", "day", "evening", "morning")
"""A shift's kind before it ("the late shift"); "late" alone is not work ("a late lunch")."""


def _shift_hours(tokens: list[Token], i: int) -> bool:
    """A span of hours at ``i`` ("two till ten") said just after a clause that names a shift or
    work: the hours the caller works, not the ones wished for."""
    if tokens[i].text in (*_TILL, "to") and i > 0 and tokens[i - 1].kind != "":
        i -= 1  # the span found at its "till": "two | till ten"
        if not tokens[i].breaks_before:
            return False
    if i + 1 >= len(tokens) or tokens[i + 1].text not in (*_TILL, "to"):
        return False
    j = i - 1
    while j >= 0 and i - j <= 5:
        if tokens[j].text in _WORK_PATTERN:
            return j == 0 or tokens[j - 1].text in ("on", "the", "my", "at", "a", *_SHIFT_KINDS)
        if tokens[j + 1].breaks_before and j + 1 != i:
            return False
        j -= 1
    return False


_TIME_OFF: Final = re.compile(
    r"^(?:a |the )?(?:half (?:a )?day|day off|(?:morning|afternoon|time) off|(?:\w+ )?off\b"
    r"|holiday|(?:annual )?leave)"
)
"""What a caller has that frees them, not what keeps them busy ("I've got a half day Friday",
"I have Monday off", "I've got the afternoon off")."""


_ASKS_FOR: Final = frozenset({"can", "could", "may", "might", "shall", "will", "would", "do"})


def _has_it(tokens: list[Token], j: int) -> bool:
    """ "I've the hairdresser at two", "I have the school run at 3": having, said without
    "got" (not "could I have the slot at two": an ask)."""
    word = tokens[j].text
    if word == "ive":
        return True
    return (
        word == "have"
        and j > 0
        and tokens[j - 1].text == "i"
        and (j < 2 or tokens[j - 2].text not in _ASKS_FOR)
    )


def _held_by_its_time(tokens: list[Token], got: int, i: int) -> bool:
    """ "I've got the ten o'clock today", "I've got the 2:30 tomorrow": the caller's own
    appointment named by its time (not "I've got the school run at two", "I've got a ten
    o'clock meeting")."""
    if i < got + 2 or tokens[got + 1].text not in ("the", "my"):
        return False
    between = tokens[got + 2 : i]
    if not all(_clock_word(t) for t in between) or not (between or _clock_word(tokens[i])):
        # a day is the appointment's only after its time ("the ten o'clock today"), not
        # alone ("I've got the Friday at 3": that day and time are being moved away from)
        return False
    after = {t.text for t in tokens[i + 1 : i + 4]}
    return not after & (_COMMITMENTS | _BUSY | {"meeting", "run", "lecture", "call", "pickup"})


_ASKING_MODALS: Final = frozenset(
    {"can", "could", "may", "shall", "should", "would", "will", "cani"}
)
_STRAIGHT: Final = frozenset({"straight", "right", "directly", "just"})
_AFTER_WHAT: Final = frozenset({"shift", "work", "nights", "finish", "finishing", "that", "it"})


_DONE_VERBS: Final = frozenset({"finish", "finishes", "end", "ends"})


def _done_at(w: list[str], i: int) -> bool:
    """The hour at ``i`` is when the caller's work ends: "I finish at two", "my shift ends at
    2", "I finish work at twelve"."""
    if i < 2 or w[i - 1] not in _AT_LINKS:
        return False
    if w[i - 2] in _DONE_VERBS:
        return True
    return i >= 3 and w[i - 2] in _COMMITMENTS and w[i - 3] in _DONE_VERBS


def _comes_when_done(tokens: list[Token]) -> bool:
    """ "Can I come straight off shift? I finish at eight", "come in right after work, I finish
    at three", "once I finish, I finish at two": the hour they finish is when they can come, not
    an hour ruled out."""
    for k, t in enumerate(tokens[:-1]):
        after = tokens[k + 1].text
        if t.text in _STRAIGHT and after in ("off", "after", "from"):
            return True
        if t.text == "after" and after in _AFTER_WHAT | {"i", "my"}:
            return True
        if (
            t.text in ("once", "when")
            and after == "i"
            and k + 2 < len(tokens)
            and tokens[k + 2].text in ("finish", "get", "clock", "come")
        ):
            return True
    return False


_HOUR_LEADS: Final = frozenset({"at", "till", "until", "til", "from", "by", "around"})
_DAY_AFTER_HOUR: Final = frozenset(
    {*WEEKDAY_NAMES, *(f"{d}s" for d in WEEKDAY_NAMES), "today", "tomorrow"}
)


def _busy_hour_of_the_day(tokens: list[Token], i: int) -> bool:
    """ "I start work at nine on Mondays", "she's busy till two on Fridays": the busy hour is
    said before the day (the day at ``i``), and no other day follows to be the one asked for -
    the hour on that day is ruled out, not the day."""
    k = i - 1
    while k >= 0 and tokens[k].text in ("on", "every", "a"):
        k -= 1
    if k == i - 1 or k < 1 or not _clock_word(tokens[k]):
        return False
    while k > 0 and _clock_word(tokens[k - 1]):
        k -= 1
    if k < 1 or tokens[k - 1].text not in _HOUR_LEADS:
        return False
    # (the same weekday said again after it is that day narrowed, not another one asked for:
    # "I finish at two on Fridays, so a Friday after that")
    same = {tokens[i].text, tokens[i].text.removesuffix("s"), f"{tokens[i].text}s"}
    return not ({t.text for t in tokens[i + 1 :]} & _DAY_AFTER_HOUR) - same


def _clock_word(tok: Token) -> bool:
    return tok.kind in ("num", "clock") or tok.text in _CLOCK_WORDS


_CLOCK_WORDS = frozenset(
    {*HOUR_WORDS, *MIDDAY_WORDS, "oclock", "clock", "o", "am", "pm", "thirty", "fifteen", "half"}
)
_COMMITMENTS = frozenset({"work", "school", "class", "shift"})
_WORKERS = frozenset({"i", "he", "she", "we", "they", "husband", "wife", "son", "daughter"})
_ASKING = frozenset({"need", "cancel", "move", "reschedule", "book", "rebook"})
"""Verbs of a request: a reason said before one is not said of the time after it."""
_CAN_BE = frozenset(
    # "late as you've got", "early as there is", "late as ya can"
    {"possible", "poss", "you", "u", "they", "can", "it", "youve", "ya", "theres", "there"}
)
_SHIFTS = frozenset({"mornings", "afternoons", "evenings", "nights", "days", "lates", "earlies"})
_WORK_LINKS = frozenset(
    {"in", "the", "on", "all", "most", "every", "mostly", "usually", "at", "from", "till", "until"}
)
_GETTING = frozenset({"get", "book", "need", "want", "have", "grab", "squeeze", "fit", "schedule"})
_HOUR_SUFFIXES = frozenset({"oclock", "clock", "pm", "am", "p", "a", "thirty", "fifteen", "forty"})
_NEARER: Final = frozenset({"nearer", "closer", "near", "close", "towards", "toward"})
"""Words before "lunch" that ask for a time as near noon as may be ("closer to lunch")."""
_MEAL_LEADS = frozenset({"take", "have", "my", "lunch", "eat"})
_COMMITMENT_VERBS = frozenset(
    {"start", "starts", "begin", "begins", "finish", "finishes", "end", "ends"}
)
"""Said after who (or whose shift) is busy: "I finish at twelve", "my shift ends at two"."""
_SHIFT_BOUNDS: Final = frozenset({"starting", "finishing", "beginning", "ending"})
_SHIFT_CONTEXT: Final = frozenset(
    {"work", "shift", "shifts", "lates", "earlies", "nights", "job", "rota", "hours"}
)
_SLOT_WORDS: Final = frozenset(
    {"anything", "something", "appointment", "appointments", "slot", "slots", "one", "ones"}
)


def _of_work(before: list[Token]) -> bool:
    """Words before "starting at twelve" that say it is the caller's work ("I'm on lates now,
    starting at twelve"), not a time asked for ("anything starting at two?")."""
    said = {t.text for t in before}
    return bool(said & _SHIFT_CONTEXT) and not said & _SLOT_WORDS


_AT_LINKS = frozenset({"at", "around", "about", "by"})
_DUTIES = frozenset(
    {
        "pickup", "pickups", "run", "runs", "shift", "shifts", "class", "classes", "lesson",
        "lessons", "practice", "practices", "dropoff", "dropoffs", "training", "trainings",
    }
)  # fmt: skip
"""The caller's fixed duties, said with their hour ("the school pickup's at three")."""
_DUTY_LINKS = frozenset({"s", "is", "at", "around", "about", "by"})
_RIDES = frozenset({"car", "van", "lift", "ride", "transport"})
_RIDE_TAKEN = frozenset({"has", "takes", "needs", "uses", "borrows", "got", "gets", "keeps"})


def _without_a_ride(tokens: list[Token], j: int) -> bool:
    """The caller without a way to come: "my husband has the car", "she takes the car", "no
    lift", "I haven't got the car"."""
    before = [t.text for t in tokens[max(0, j - 3) : j]]
    if before[-1:] == ["no"]:
        return True  # "no car on Tuesdays", "there's no lift Monday"
    if before[-1:] not in (["the"], ["a"]) or len(before) < 2 or before[-2] not in _RIDE_TAKEN:
        return False
    subject = before[-3] if len(before) == 3 else ""
    return subject not in ("i", "ive", "we", "weve", "")


_OWN_BOOKING = frozenset({"appointment", "appointments", "appt", "booking", "slot"})
_NOTICES: Final = frozenset(
    {"letter", "text", "card", "reminder", "message", "email", "leaflet", "note", "voicemail"}
)
"""What a caller has that tells them a day, not a thing that keeps them busy on it: "I've got
a letter - Tuesday the 26th at 3pm", "I have a text here, Friday at ten" (read from it)."""


_NO_BUT_FINE: Final = frozenset(
    {"problem", "problems", "worries", "rush", "hurry", "bother", "later", "earlier", "sooner"}
    | {"wait", "hang", "hold", "actually", "make", "scratch", "i mean"}
)
"""What after "no" says it is fine ("Friday, no problem", "at ten, no rush"), or that what is
put right is something else ("Thursday at ten, no wait, Friday, same time")."""
_RULED_OUT = (
    ("no", "good"), ("not", "good"), ("isnt", "good"), ("doesnt", "work"), ("dont", "work"),
    ("wont", "work"), ("is", "out"), ("is", "bad"), ("isnt", "great"), ("not", "great"),
    ("is", "no"), ("s", "no"), ("not", "possible"), ("cant", "do"), ("isnt", "possible"),
    ("too", "early"), ("too", "late"), ("too", "soon"), ("doesnt", "suit"), ("cant", "make"),
    ("not", "ideal"), ("wont", "do"), ("not", "convenient"), ("bit", "early"), ("bit", "late"),
    # "a one o'clock wouldn't leave me time", "ten wouldn't work", "Friday won't suit"
    ("wouldnt", "work"), ("wouldnt", "leave"), ("wouldnt", "suit"), ("wouldnt", "do"),
    ("wont", "leave"), ("wont", "suit"), ("doesnt", "leave"),
    # "Tuesday's back-to-back", "Monday's slammed", "Friday's cooked for me", "Thursday's a
    # bit tricky"
    ("is", "back"), ("is", "slammed"), ("is", "packed"), ("is", "rammed"), ("is", "cooked"),
    ("is", "tricky"), ("bit", "tricky"), ("is", "awkward"), ("bit", "awkward"),
    # "mornings are a bit difficult for me, really", "afternoons are tricky"
    ("are", "difficult"), ("bit", "difficult"), ("is", "difficult"), ("are", "tricky"),
    ("are", "awkward"), ("little", "difficult"), ("little", "tricky"),
)  # fmt: skip


def _kept(w: list[str], start: int, end: int) -> bool:
    """ "Tuesday I keep", "the Friday one I'll keep", "keep the Monday": a day that stays
    (not "keep the same day but later": the day asked for)."""
    if w[start] == "same":
        return False
    lead = w[max(0, start - 6) : start]
    if {"otherwise", "else"} & set(lead) or ("if", "not") in zip(lead, lead[1:], strict=False):
        return False  # "otherwise I'll keep Monday": a second choice (see _second_choice)
    after = w[end : end + 4]
    if after[:1] == ["one"]:
        after = after[1:]
    if after[:2] in (["i", "keep"], ["we", "keep"], ["ill", "keep"], ["i", "will"]):
        kept = w[end : end + 7]
        k = kept.index("keep") if "keep" in kept else len(kept)
        if kept[k + 1 : k + 3] in (["the", "other"], ["the", "others"], ["the", "rest"]):
            return False  # "cancel the 17th. I'll keep the other": the day is the one to go
        if kept[k + 1 : k + 3] in (["the", "one"], ["my", "one"], ["the", "appointment"]):
            return False  # "cancel next Tuesday? I'll keep the one on the 17th": that one stays
        return after[:2] != ["i", "will"] or after[2:3] == ["keep"]
    keeping = 3 if after[:3] == ["i", "am", "keeping"] else 2
    if (after[:2] in (["im", "keeping"], ["were", "keeping"]) or keeping == 3) and w[
        end + keeping : end + keeping + 1
    ] in ([], ["though"], ["thanks"], ["it"], ["that"]):
        # "the one on the 4th I'm keeping": staying as it is (not "only the Wednesday, I'm
        # keeping Monday": what is kept comes after)
        return True
    if after[:1] in (["stays"], ["remains"]) or after[:2] in _STAYS:
        return True  # "Monday stays as it is", "the Friday one can stay": nothing asked of it
    if _left_beside_a_cancel(w, start, end):
        return True  # "I need to cancel Friday's. Wednesday's ok.": that one stays
    before = w[max(0, start - 2) : start]
    if (before[-1:] == ["leave"] or before in (["leave", "the"], ["leave", "my"])) and (
        after[:1] in (["alone"], ["as"], ["where"], ["be"])
    ):
        return True  # "leave the Monday alone", "leave my Friday one as it is"
    if after[:1] in (["ill"], ["i"], ["we"], ["well"]) and after[1:3] in (
        ["still", "make"],
        ["still", "come"],
        ["can", "still"],
    ):
        return True  # "the one on the 8th I'll still make": staying as it is
    j = start - 1
    while j >= 0 and start - j <= 5 and w[j] in _KEPT_ONES_WORDS:
        j -= 1  # "I'm keeping my one on the 14th", "keep the appointment on Monday"
    if j < 0 or w[j] not in ("keep", "keeping"):
        return False  # ("keep it on Monday but later": Monday is where it stays, asked for)
    if j < start - 2 and not _ANOTHER & set(w) and w[j - 1 : j] not in (["ill"], ["will"]):
        # "I only want to keep the one on Monday, the other one can go": which (but "cancel
        # the one next Tuesday? I'll keep the one on the 17th": staying as it is)
        return False
    if j < start - 3 and {"but", "later", "earlier", "instead", "time"} & set(w[end : end + 4]):
        return False  # "keep my appointment on Monday but later": Monday asked for
    return not {"dont", "not", "cant"} & set(w[max(0, j - 3) : start])


_CANCEL_WORDS: Final = frozenset({"cancel", "cancelled", "cancelling", "scrap", "drop"})
_NOT_ONLY_A_CANCEL: Final = frozenset(
    {"move", "moved", "moving", "book", "booked", "booking", "instead", "reschedule", "rebook",
     "change", "swap", "shift", "push", "another", "new", "switch", "available", "free"}
)  # fmt: skip
_TURN_CLOSERS: Final = frozenset(
    {"though", "thanks", "thank", "please", "cheers", "ta", "hi", "hello", "bye", "that", "it"}
)


def _left_beside_a_cancel(w: list[str], start: int, end: int) -> bool:
    """ "I need to cancel Friday's. Wednesday's ok.", "cancel the Friday please, leave
    Wednesday's": beside a cancel asked for before it, another day said to be fine or to be
    left, with nothing asked of it after - that appointment stays (not the one to cancel).
    Not where the turn also asks for a day ("cancel the 3rd and move me to Monday, Monday's
    fine": the day wanted)."""
    if not _CANCEL_WORDS & set(w[:start]) or _NOT_ONLY_A_CANCEL & set(w):
        return False
    after = w[end : end + 5]
    while after[:1] in (["one"], ["s"], ["is"], ["appointment"], ["appt"]):
        after = after[1:]
    before = w[max(0, start - 2) : start]
    if before[-1:] == ["leave"] or before in (["leave", "the"], ["leave", "my"]):
        return not after or after[0] in _TURN_CLOSERS
    return (
        bool(after)
        and after[0] in _FINE_AS_IT_IS
        and after[1:2] in ([], *([c] for c in _TURN_CLOSERS))
    )


_KEPT_ONES_WORDS: Final = frozenset(
    {"the", "my", "our", "on", "for", "one", "appointment", "appt", "booking", "visit"}
)
"""Words between "keep" and the day of the appointment kept ("keeping my one on the 14th")."""


_STAYS: Final = (
    ["can", "stay"], ["will", "stay"], ["should", "stay"], ["is", "staying"], ["s", "staying"],
    ["stay", "as"], ["stay", "put"],
)  # fmt: skip
"""Said after a day held that is to stay as it is ("the Monday can stay", "Friday's staying")."""


_ANOTHER: Final = frozenset({"also", "another", "second", "too", "besides", "extra", "else"})
_HOLD_VERBS: Final = frozenset({"got", "have", "had", "booked", "ive", "theres"})


def _held_besides(w: list[str], start: int, end: int) -> bool:
    """ "I've got one on Wednesday already but I also need a follow-up on the 5th", "I already
    have one Tuesday, can I get another": the day of an appointment held, said beside a
    second booking asked for; not the day asked for."""
    if not _ANOTHER & set(w[end:]):
        return False
    lead = w[max(0, start - 5) : start]
    after = w[end : end + 2]
    already = "already" in lead or after[:1] == ["already"] or after == ["one", "already"]
    return already and bool(_HOLD_VERBS & set(lead))


_HOUR_SAID: Final = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|\d{1,2}(?:am|pm)?)s?"
)


_FINE_AS_IT_IS: Final = frozenset({"fine", "ok", "okay", "alright", "good"})


def _kept_as_fine(after: list[str]) -> bool:
    """ "Wednesday's fine, leave that one", "the Friday one's okay, you can keep that",
    "Wednesday's fine as it is", "the Monday one can stay": the day of an appointment that
    stays as it is (not "Wednesday's fine for me", a day asked for)."""
    k = 0
    while k < len(after) and after[k] in ("one", "ones", "appointment", "is", "s"):
        k += 1
    if after[k : k + 2] in (["can", "stay"], ["stays"], ["is", "staying"]):
        return True
    if after[k : k + 1] and after[k] not in _FINE_AS_IT_IS:
        return False
    rest = after[k + 1 :]
    if rest[:3] == ["as", "it", "is"]:
        return True
    while rest[:1] in (["so"], ["just"], ["you"], ["can"], ["please"]):
        rest = rest[1:]
    return (
        rest[:1] in (["leave"], ["keep"])
        and rest[1:2] in (["that"], ["it"], ["this"])
        and rest[2:3] not in (["at"], ["for"], ["on"], ["to"], ["same"], ["the"])
    )


def _ruled_out_after(w: list[str], end: int) -> bool:
    """ "Thursday's no good", "Monday doesn't work for me": said, then ruled out."""
    after = w[end : end + 4]
    pairs = set(zip(after, after[1:], strict=False))
    if after[:2] in (["not", "too"], ["but", "not"]):
        return False  # "mid-morning, not too early": a wish about it, not a refusal of it
    if _kept_as_fine(w[end : end + 8]):
        return True  # "Wednesday's fine, leave that one": kept, not the one meant
    if after and _HOUR_SAID.fullmatch(after[0]):
        return False  # "Tuesday? Nine's too early, ten I'd have to rush": the hour ruled out
    if after[:1] == ["if"] or after[:2] == ["in", "case"]:
        return False  # "the Wednesday, if Tuesday's no good": said of what follows
    if (
        after[:1] in (["keep"], ["leave"])
        and after[1:2] in (["that"], ["it"])
        and after[2:3] not in (["at"], ["as"], ["the"], ["same"], ["for"], ["on"], ["s"])
    ):
        # "no worries about the Tuesday, keep that": kept, not the one meant (not "the 18th.
        # Keep this week's": another kept)
        return True
    if after and after[0].removesuffix("s") in WEEKDAY_NAMES:
        return False  # "Tuesday? Wednesday's no good": said of the next day named
    if after[:1] == ["no"] and _only_a_day_kept(w[end + 1 : end + 6]):
        return False  # "Tuesday and Thursday at eleven - no, sorry, just Thursday": the days
    # (or "ten... actually, no - if there's anything in the afternoon": the hour taken back)
    # (not "Monday at nine, oh no sorry, I mean Tuesday": the day put right, the hour kept)
    lead = 1 if after[:1] == ["actually"] else 0
    if (
        after[lead : lead + 1] in (["no"], ["nah"], ["nope"])
        and len(after) > lead + 1
        and after[lead + 1] not in _NO_BUT_FINE
        and not (lead and after[lead + 1] in ("sorry", "i", "wait", "make"))
        and end > 0
        and (_HOUR_SAID.fullmatch(w[end - 1]) or w[end - 1] in ("am", "pm", "oclock"))
    ):
        return True  # "nine? no, I can't get there by nine" (an hour; not "Monday, no later")
    if w[end + 3 : end + 4] == ["before"] and ("cant", "do") in pairs:
        return False  # "on Monday I can't do before noon": the hours ruled out, not the day
    if _said_of_a_part(w, end):
        return False  # "afternoons, I'm not good for much of a morning": the morning ruled out
    if after[:2] in (["i", "cant"], ["i", "cannot"], ["we", "cant"], ["we", "cannot"]) and (
        after[2:3] in ([], *_CANT_ENDS)
    ):
        return True  # "Tuesday I cannot, every Tuesday I take my mother to hospital"
    if _day_spoken_for(w[end : end + 5]):
        return True  # "Friday, Thursday's my mum's day": that day given to something else
    return any(p in pairs for p in _RULED_OUT) and "but" not in after[:1]


_FREE_DAY: Final = frozenset(
    {"best", "good", "free", "easy", "easiest", "only", "preferred", "favourite", "favorite"}
    | {"quiet", "quietest", "usual", "normal", "better", "spare", "off", "first", "last"}
)
"""What a caller's day can be called that says it suits ("Monday's my free day")."""


def _day_spoken_for(after: list[str]) -> bool:
    """ "Thursday's my mum's day", "Wednesday is my gym day", "Tuesday's my golf day": a day
    the caller gives to something of theirs (not "Monday's my day off", "my best day")."""
    if after[:2] != ["is", "my"]:
        return False
    for n in (3, 4):
        if after[n : n + 1] == ["day"]:
            named = after[2:n]
            return not set(named) & _FREE_DAY
    return False


_CANT_ENDS: Final = (
    ["sorry"], ["every"], ["because"], ["cause"], ["as"], ["i"], ["im"], ["ive"], ["my"],
    ["then"], ["at"], ["its"], ["thats"], ["we"], ["he"], ["she"],
)  # fmt: skip
"""What may follow "(Tuesday) I can't" that leaves it the whole day ruled out (not "Tuesday I
can't come before ten": the hours)."""


_A_PART_OF: Final = frozenset({"much", "of", "a", "an", "the", "any", "early", "late"})


def _said_of_a_part(w: list[str], end: int) -> bool:
    """The refusal after ``end`` names a part of the day of its own ("not good for much of a
    morning", "no good in the mornings"): it rules that part out, not what was said before."""
    for k in range(end, min(end + 5, len(w))):
        if w[k] not in ("for", "in", "of"):
            continue
        j = k + 1
        while j < len(w) and w[j] in _A_PART_OF:
            j += 1
        return j < len(w) and w[j] in _PARTS_OF_DAY and j > k
    return False


def _only_a_day_kept(w: list[str]) -> bool:
    """ "(no,) sorry, just Thursday", "(no,) only the Wednesday": one of the days said kept."""
    rest = list(w)
    while rest and rest[0] in ("sorry", "wait", "actually", "hang", "on", "make", "it"):
        rest.pop(0)
    if rest[:1] not in (["just"], ["only"]):
        return False
    rest = rest[2:] if rest[1:2] == ["the"] else rest[1:]
    return bool(rest) and rest[0].removesuffix("s") in WEEKDAY_NAMES


def _negated(w: list[str], i: int) -> bool:
    if w[max(0, i - 2) : i] == ["instead", "of"] or (
        w[max(0, i - 3) : i - 1] == ["instead", "of"]
        and w[i - 1] in (*_SKIP_BEFORE, "this", "that", "my", "your", "our")
    ):
        # "instead of 3", "instead of the 3" (not "instead of Wednesday, same time")
        return True
    back = w[max(0, i - 7) : i]
    if (
        ("keep" in back or ("only" in back and ("need" in back or "want" in back)))
        and "one" in back
        and "other" in w[i + 1 :]
    ):
        return True  # "I only need the one on the 14th, the other one can go": kept, not meant
    if w[max(0, i - 2) : i] in (["rather", "than"], ["other", "than"]):
        return True
    k = i - 1
    while k >= 0 and i - k <= 8 and w[k] in _KEPT_BETWEEN:
        k -= 1
    if (
        k >= 0
        and w[k] in ("keep", "keeping", "leave", "leaving")
        and (k == 0 or w[k - 1] != "dont")
        and "same" not in w[k : i + 1]  # "keep the same day but do it later": the day meant
        and not (w[k].startswith("leav") and k > 0 and w[k - 1] in _LEAVERS)
        and not (k > 0 and w[k - 1] in ("i", "we", "ill", "well", "lets"))  # "I keep the nine"
    ):
        return True  # "cancel the next two but keep the one on the 14th": kept, not meant
    j = i - 1
    while j >= 0 and (
        w[j] in _SKIP_BEFORE
        or w[j] in ("this", "coming")
        or (w[j] in ("one", "ones") and j > 0 and w[j - 1] in ("the", "that"))
    ):
        j -= 1  # "not this Wednesday", "not this coming Friday", "not the one on the 4th"
    if j < 0:
        return False
    if w[j] == "not" and j > 0 and w[j - 1] == "if":
        return False  # "Thursday, or if not the Friday": the Friday as a second choice
    if w[j] == "not" and j > 0 and w[j - 1] == "or" and (j < 2 or w[j - 2] != "either"):
        return False  # "you have time or not? three o'clock can?": a question's tag, no refusal
    if w[j] in ("or", "nor") and j > 0 and w[j - 1] != "not" and _negated(w, j - 1):
        return True  # "not Monday or Friday": neither
    if w[j] in ("not", "except"):
        return True
    if (
        w[j] == "said"
        and j > 0
        and w[j - 1] == "i"
        and (
            w[i + 1 : i + 3] in (["didnt", "i"], ["by", "mistake"])
            or _OWN_SLIP & set(w[max(0, j - 4) : j])
        )
    ):
        # "sorry, I said Tuesday, didn't I - it's Monday's": said by mistake (not "no no, I
        # said Monday": the day insisted on)
        return True
    if _forgotten(w, i, j):
        return True  # "ok, forget Tuesday, the earliest you can": that day ruled out
    if w[j] in ("bandwidth", "capacity") and j > 0 and w[j - 1] in ("no", "zero"):
        return True  # "I've got zero bandwidth Monday": the day ruled out
    if w[j] == "but" and j > 0 and w[j - 1] in _RANGE_BEFORE_BUT and not _but_narrows(w, j):
        return True  # "any day but Friday", "any day this week but Monday"
    if w[j] == "of" and j > 0 and w[j - 1] == "instead":
        return True
    return w[j] == "than" and j > 0 and w[j - 1] in ("rather", "other")


_OWN_SLIP: Final = frozenset({"oops", "whoops", "silly", "doh"})
"""Before "I said Tuesday": the caller owning a slip ("oops, I said Tuesday")."""


def _forgotten(w: list[str], i: int, j: int) -> bool:
    """ "Forget Tuesday", "scratch Monday then": a day asked for before, given up (not "don't
    forget Tuesday", nor "forget my Tuesday appointment": one held, maybe to cancel)."""
    k = j - 1 if w[j] == "about" and j > 0 else j
    if w[k] not in ("forget", "scratch"):
        return False
    if k > 0 and w[k - 1] in ("dont", "not", "never", "i", "to", "might", "may", "will", "ill"):
        return False
    held = w[i + 1 : i + 2] in (["one"], ["appointment"], ["appt"], ["booking"])
    return "my" not in w[k:i] and not held


_LEAVERS: Final = frozenset(
    {"i", "we", "he", "she", "they", "you", "im", "m", "were", "re", "is", "s", "are", "am",
     "ill", "well", "to", "be"}
)  # fmt: skip
"""Before "leave" said of going away ("I leave next Wednesday", "we're leaving on the 2nd"),
not of an appointment left as it is."""
_KEPT_BETWEEN: Final = frozenset(
    {"the", "my", "one", "ones", "appointment", "appt", "booking", "on", "for", "at", "of",
     "this", "that", "just", "coming", "next", "other"}
)  # fmt: skip
"""Between "keep"/"leave" and the day or time of the appointment kept ("keep the one on",
"leave the other one, the one on the 11th")."""


def _but_narrows(w: list[str], j: int) -> bool:
    """ "Same day but after lunch", "tomorrow but in the afternoon": the "but" at ``j`` says
    what is wanted of the day just said, not what is ruled out ("anything but the morning")."""
    return w[max(0, j - 2) : j] == ["same", "day"] or (
        j > 0 and w[j - 1] in ("today", "tomorrow", *WEEKDAY_NAMES)
    )


def _day_at(
    tokens: list[Token], w: list[str], i: int, today: date
) -> tuple[DayMention, int] | None:
    tok = tokens[i]
    word = tok.text
    nxt = w[i + 1] if i + 1 < len(w) else ""
    nxt2 = w[i + 2] if i + 2 < len(w) else ""
    prev = w[i - 1] if i > 0 else ""
    if tok.kind in ("iso", "slash") and _run_on(tokens, i):
        return None  # "2026-12-1 5": the 1st or the 15th? asked (see bad_days), not guessed
    if tok.kind == "iso":
        y, m, d = (int(x) for x in word.split("-"))
        try:
            return DayMention(i, i + 1, (date(y, m, d),)), 1
        except ValueError:
            return None
    if tok.kind == "slash":
        parts = [int(x) for x in word.split("/")]
        try:
            if len(parts) == 3:
                year = parts[2] + 2000 if parts[2] < 100 else parts[2]
                return DayMention(i, i + 1, (date(year, parts[0], parts[1]),)), 1
            found = _next_date(today, parts[0], parts[1], recent_past=True)
        except ValueError:
            return None
        day_first = _next_date(today, parts[1], parts[0]) if parts[0] != parts[1] else None
        if day_first is not None and (
            _DAY_FIRST.search(" ".join(w))
            or parts[0] > 12
            or (found is None or (found - today).days > 180)
            and (day_first - today).days <= 60
        ):
            # "10/12 - I'm British, I write the day first", "25/12", or "10/12" said in
            # December (October has gone; the 10th of December is next week): day first
            found = day_first
        return (DayMention(i, i + 1, (found,)), 1) if found else None
    beside_own = _beside_own(tokens, w, i, today)
    if beside_own is not None:
        return beside_own
    if word == "same" and nxt in ("day", "days"):
        return DayMention(i, i + 2, (), same=True), 2
    holiday = _holiday(w, i, today)
    if holiday is not None:
        return holiday
    loose = _loose_amount(w, i, today) if word in _LOOSE_UNITS else None
    if loose is not None:
        return loose
    from_a_day = nxt == "from" and nxt2 not in ("", "today", "now", "tomorrow")
    if (
        word == "fortnight"
        and prev in ("a", "one")
        and (i < 2 or w[i - 2] not in _SHIFT_WORDS)
        and not from_a_day  # "a fortnight from next Tuesday": counted at the day (_counted_from)
    ):
        target = today + timedelta(days=14)
        start = i - 2 if i >= 2 and w[i - 2] == "in" else i - 1
        if target.weekday() < 5:
            return DayMention(start, i + 1, (target,)), 1
        return DayMention(start, i + 1, _week(target)), 1
    if word == "day" and prev == "this" and nxt in ("week", "fortnight"):
        # Irish and British "this day week": a week from today
        days = 7 if nxt == "week" else 14
        return DayMention(i - 1, i + 2, (today + timedelta(days=days),)), 2
    if word in ("today", "tonight") or (word == "this" and nxt in ("afternoon", "morning")):
        week_on = _week_on(w, i) if word == "today" else None
        if week_on is not None:
            # "a week today", "today week": the same weekday next week
            start, end = week_on
            return DayMention(start, end, (today + timedelta(days=7),)), end - i
        fortnight_on = _fortnight_on(w, i) if word == "today" else None
        if fortnight_on is not None:
            # "a fortnight today", "two weeks today", "today fortnight": two weeks on
            start, end = fortnight_on
            return DayMention(start, end, (today + timedelta(days=14),)), end - i
        return DayMention(i, i + 1, (today,)), 1
    if word in ("todays", "tomorrows") and nxt in (*_OWN_BOOKING, "one", "visit"):
        # a recogniser's "tomorrows appointment", "todays one": that day's appointment
        return DayMention(i, i + 1, (today + timedelta(days=int(word == "tomorrows")),)), 1
    if word == "tomorrow":
        if prev == "after" and i >= 2 and w[i - 2] == "day":
            return DayMention(i - 2, i + 1, (today + timedelta(days=2),)), 1
        week_on = _week_on(w, i)
        if week_on is not None:
            # British "a week tomorrow", "tomorrow week", "a week from tomorrow"
            start, end = week_on
            return DayMention(start, end, (today + timedelta(days=8),)), end - i
        fortnight_on = _fortnight_on(w, i)
        if fortnight_on is not None:
            # "a fortnight tomorrow", "tomorrow fortnight": two weeks after tomorrow
            start, end = fortnight_on
            return DayMention(start, end, (today + timedelta(days=15),)), end - i
        return DayMention(i, i + 1, (today + timedelta(days=1),)), 1
    if word in WEEKDAY_NAMES and prev in ("first", "next", "earliest") and _free_after(w, i + 1):
        # "the first Thursday you have free", "the next Friday you've got a 9 o'clock": any
        # such weekday, the coming one first (_any_such), not the first of the month
        return DayMention(
            i, i + 1, (weekday_date(WEEKDAY_NAMES[word], today=today),), from_weekday=True
        ), 1
    if word in WEEKDAY_NAMES and (prev in _NTH_WEEKDAY or (prev == "last" and nxt == "before")):
        nth = _nth_weekday(tokens, w, i, today)
        if nth is not None:
            return nth
    if word in WEEKDAY_NAMES and prev == "last":
        return None  # "last Monday" has passed (see bad_days)
    if word in WEEKDAY_NAMES or (word.endswith("s") and word[:-1] in WEEKDAY_NAMES):
        named = _weekday(w, i, today)
        if (
            i >= 3
            and w[i - 1] in ("from", "on")
            and w[i - 2] in ("week", "fortnight")
            and w[i - 3] in ("a", "one")
        ):
            # "a week from Friday": the Friday after the coming one
            mention, used = named
            later = (mention.dates[0] + timedelta(days=7 if w[i - 2] == "week" else 14),)
            return replace(mention, start=i - 3, dates=later), used
        week_on = _week_on(w, i)
        if week_on is not None and week_on[0] < i and named[0].exact is not None:
            # "a week on Tuesday", "Tuesday week": the Tuesday after the coming one
            start, end = week_on
            later = (named[0].exact + timedelta(days=7),)
            return replace(named[0], start=start, end=end, dates=later), end - i
        fortnight_on = _fortnight_on(w, i)
        if fortnight_on is not None and named[0].exact is not None:
            # "Friday fortnight", "a fortnight on Friday": two weeks after the coming Friday
            start, end = fortnight_on
            later = (named[0].exact + timedelta(days=14),)
            return replace(named[0], start=start, end=end, dates=later), end - i
        counted = _counted_from(tokens, w, i, named[0])
        if counted is not None:
            return counted
        if nxt == "before" and i + 2 < len(w) and named[0].exact is not None:
            # "the Wednesday before Christmas", "the Friday before the 18th": the last such
            # weekday before that day
            before_day = _day_at(tokens, w, i + 2, today)
            if before_day is None and w[i + 2] == "the" and i + 3 < len(w):
                before_day = _day_at(tokens, w, i + 3, today)  # "... before the 5th of March"
            if before_day is not None and before_day[0].exact is not None:
                anchor = before_day[0].exact
                weekday = named[0].exact.weekday()
                earlier = anchor - timedelta(days=(anchor.weekday() - weekday) % 7 or 7)
                if anchor.weekday() == weekday and (
                    "-" in tokens[i + 2].sep or "," in tokens[i + 2].sep
                ):
                    # "the Friday before - the 5th of March", "then the Friday before, the
                    # 11th": the date said after a dash or a comma is that Friday, named (the
                    # one before the day talked about)
                    earlier = anchor
                if earlier >= today:
                    end = before_day[0].end
                    mention = replace(named[0], end=end, dates=(earlier,), from_weekday=False)
                    return mention, end - i
        if (
            nxt == "after"
            and i + 2 < len(w)
            and named[0].exact is not None
            and not _sentence_ends_before(tokens, i + 2)
        ):
            # "the Monday after New Year", "the Friday after the 18th": the first such
            # weekday after that day (not "the Monday after? The 30th.": a new sentence)
            after_day = _day_at(tokens, w, i + 2, today)
            if after_day is not None and after_day[0].exact is not None:
                anchor = after_day[0].exact
                weekday = named[0].exact.weekday()
                later = (anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7),)
                if anchor.weekday() == weekday and (
                    "-" in tokens[i + 2].sep or "," in tokens[i + 2].sep
                ):
                    # "the Monday after, the 14th": the date said after a comma or a dash is
                    # that Monday, named (the one after the day talked about)
                    later = (anchor,)
                end = after_day[0].end
                # counted from a date, or dated ("the Friday after the 4th", "the Tuesday after,
                # the 8th"): no bare weekday to be read as the one proposed; counted from a
                # holiday ("the Friday after Thanksgiving") it is still said by its weekday
                has_date = any(tokens[k].kind in ("num", "ord") for k in range(i + 2, end))
                as_weekday = named[0].from_weekday and not has_date
                return replace(named[0], end=end, dates=later, from_weekday=as_weekday), end - i
        dated = _weekday_with_bare_date(tokens, w, i, today)
        if dated is not None:
            return dated
        return named
    if word == "month":
        return _relative_month(w, i, today)
    if word == "year" and prev == "next" and (week := _week_of_month(w, i - 2)) is not None:
        # "the first week of next year": that week of next January
        lo, hi, start = week
        january = _days_of_month(today.year + 1, 1, lo, hi, today)
        return (DayMention(start, i + 1, january), 1) if january else None
    if (
        word == "holidays"
        and prev == "the"
        and i >= 2
        and w[i - 2] in ("after", "past")
        and today.month in (11, 12)
    ):
        # "push it till after the holidays": from the first weekday after New Year's Day
        first = date(today.year + 1, 1, 2)
        return DayMention(i - 2, i + 1, tuple(first + timedelta(days=k) for k in range(14))), 1
    if word == "week" and nxt == "of" and i + 2 < len(w):
        # "the week of the 14th": that whole week, not the day
        inner = _day_at(tokens, w, i + 2, today)
        if inner is not None and inner[0].exact is not None:
            start = i - 1 if prev == "the" else i
            week_days = tuple(d for d in _week(inner[0].exact)[:5] if d >= today)
            if week_days:
                return DayMention(start, inner[0].end, week_days), inner[0].end - i
    if word == "week" and prev == "next" and w[max(0, i - 3) : i - 1] == ["this", "time"]:
        # "this time next week": a week from today (the time, if any, said on its own); "the
        # same time next week" is a week after the day in question (day_mentions), else next
        # week, its "same time" read as the time in question
        return DayMention(i - 3, i + 1, (today + timedelta(days=7),)), 1
    if word in ("week", "weeks") or (word == "weekend" and prev in ("this", "next")):
        return _week_phrase(w, i, today)
    if word in ("days", "day") and prev in _WORKING:
        return _working_days(tokens, w, i, today)
    if word in ("days", "day") and prev != "same":
        count = _count(tokens, i - 1)
        if count is not None and i >= 2 and w[i - 2] == "in":
            return DayMention(i - 2, i + 1, (today + timedelta(days=count),)), 1
        if (
            count is not None
            and i >= 2
            and w[i - 2] == "after"
            and w[i + 1 : i + 2] not in (["of"], ["from"], ["later"], ["after"], ["before"])
            and not _SHIFT_WORDS & set(w[: i - 2])
        ):
            # a learner's "my appointment after two days": two days from today (not "push it
            # back ... after two days", a move by so many days)
            return DayMention(i - 2, i + 1, (today + timedelta(days=count),)), 1
        base, end = _from_today(w, i + 1, today)
        if count is not None and end > i + 1:
            # "ten days from today", "three days from tomorrow"
            return DayMention(i - 1, end, (base + timedelta(days=count),)), end - i
        if word == "day" and prev == "next" and not (i >= 2 and w[i - 2] in ("the",)):
            return None
    if word in MONTHS and (word != "may" or _compound(tokens, i + 1) is not None):
        dated = _month_date(tokens, w, i, today)
        if dated is None and not (i > 0 and w[i - 1] == "the"):
            return _month_part(w, i, today)
        return dated
    if (word == "the" or (word == "on" and nxt == "the")) and prev not in MONTHS:
        # ("June the 31st" is read at the month: no such date, not the 31st of this month)
        k = i + 1 if word == "the" else i + 2
        num = _compound(tokens, k)
        if (
            num is not None
            and k + num[1] < len(w)
            and w[k + num[1]] in _NOT_A_DATE_AFTER
            and not _one_oclock(w, k + num[1])
        ):
            return None  # "the first thing", "the first one": not the 1st of the month
        if (
            num is not None
            and tokens[k].kind != "ord"
            and w[k + num[1] : k + num[1] + 1] in (["morning"], ["afternoon"], ["evening"])
        ):
            return None  # "the first afternoon one", "the second morning slot": in the day
        if num is not None and w[k + num[1] : k + num[1] + 2] in (["to", "last"], ["last"]):
            return None  # "the second to last slot", "the second last": a place in the day
        numbered = _of_the_nth_month(tokens, w, k, num, today) if num is not None else None
        if numbered is not None:
            return replace(numbered, start=i), numbered.end - i
        if (
            num is not None
            and w[k + num[1] : k + num[1] + 2] in (["of", "the"], ["of", "those"], ["of", "them"])
            and w[k + num[1] + 2 : k + num[1] + 3] != ["month"]
        ):
            return None  # "the first of the two": one of the times offered, not the 1st
        if (
            num is not None
            and not num[0] > 5
            and k + num[1] < len(w)
            and w[k + num[1]] in WEEKDAY_NAMES
            and not tokens[k + num[1]].breaks_before
            and tokens[k].kind != "ord"
        ):
            return None  # "the first Monday after New Year": that Monday, not the 1st
        if num is not None and num[2] and 1 <= num[0] <= 31:
            after = k + num[1]
            if (
                after < len(w)
                and w[after] == "of"
                and after + 1 < len(w)
                and w[after + 1] in MONTHS
            ):
                return None  # "the 3rd of December": read at the month
            if after < len(w) and w[after] in MONTHS:
                return None
            if w[after : after + 3] == ["of", "next", "month"]:
                # "the 2nd of next month": that day of the month after this one
                first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
                try:
                    found = first.replace(day=num[0])
                except ValueError:
                    return None
                return DayMention(i, after + 3, (found,)), after + 3 - i
            found = _next_day_of_month(today, num[0])
            return (DayMention(i, after, (found,)), after - i) if found else None
    tens_ord = word in TENS and nxt in ORDINALS  # "the twenty third of December"
    month_after = nxt2 in MONTHS or (nxt2 == "of" and w[i + 3 : i + 4] and w[i + 3] in MONTHS)
    if (
        tok.kind == "ord"
        or (word in ORDINALS and nxt == "of" and nxt2 in MONTHS)
        or (tens_ord and month_after)
    ):
        num = _compound(tokens, i)
        numbered = _of_the_nth_month(tokens, w, i, num, today) if num is not None else None
        if numbered is not None:
            return numbered, numbered.end - i
        if num is not None and num[2]:
            after = i + num[1]
            if after + 1 < len(w) and w[after] == "of" and w[after + 1] in MONTHS:
                found = _next_date(today, MONTHS[w[after + 1]], num[0], recent_past=True)
                return (DayMention(i, after + 2, (found,)), after + 2 - i) if found else None
            if after < len(w) and w[after] in MONTHS:
                found = _next_date(today, MONTHS[w[after]], num[0], recent_past=True)
                return (DayMention(i, after + 1, (found,)), after + 1 - i) if found else None
            if (
                tok.kind == "ord"
                and prev in ("on", "for", "the")
                and not (i >= 2 and w[i - 2] in MONTHS)
            ):
                found = _next_day_of_month(today, num[0])
                return (DayMention(i, after, (found,)), num[1]) if found else None
    if (
        prev in ("on", "for")
        and (tens_ord or (word in ORDINALS and ORDINALS[word] >= 10))
        and not (i >= 2 and w[i - 2] in MONTHS)
    ):
        # a recogniser's text with "the" dropped: "can I get in on twenty second at ten", "for
        # fifteenth" (a day of the month; not "on second thought" - no tens, below the tenth)
        num = _compound(tokens, i)
        if num is not None and num[2] and 1 <= num[0] <= 31:
            after = i + num[1]
            ahead = w[after] if after < len(w) else ""
            if not (ahead in _NOT_A_DATE_AFTER | _NOT_A_DAY_OF_MONTH and not _one_oclock(w, after)):
                found = _next_day_of_month(today, num[0])
                return (DayMention(i, after, (found,)), num[1]) if found else None
    if word in ("earliest", "soonest", "asap") or (word == "soon" and prev == "as" and nxt == "as"):
        if word == "earliest" and _earliest_of_a_bound(w, i):
            return None  # "not before two at the earliest": the hour's bound, not the soonest day
        return DayMention(i, i + 1, (), earliest=True), 1
    if word in ("next", "first") and nxt in ("available", "opening", "free", "slot", "appointment"):
        return DayMention(i, i + 2, (), earliest=True), 2
    if (
        word in ("nearest", "closest")
        and nxt in _NEAREST_AFTER
        and prev != "your"
        # "the nearest you've got", "(not open at the weekend?) whatever's nearest then": a
        # day; not "only on the hour? whatever's closest then" - the time nearest the one
        # asked, on the day asked (f33-time-quarter-to-eleven-nearest)
        and (prev == "the" or not _NEAREST_DAY_CUES.isdisjoint(w))
        and _NEAREST_TIME_CUES.isdisjoint(w)
    ):
        # "what's the nearest you've got then?" after the day asked for could not be had: the
        # soonest there is (not "the nearest to ten", an hour, nor "the closest one" of a list)
        return DayMention(i, i + 1, (), earliest=True), 1
    if word == "next" and nxt == "thing" and nxt2 in ("you", "youve", "available", "free", "going"):
        return DayMention(i, i + 2, (), earliest=True), 2  # "what's the next thing you've got?"
    return None


_NEAREST_DAY_CUES: Final = frozenset(
    {"open", "shut", "closed", "weekend", "weekends", "holiday", "day", "days", "date"}
    | {"saturday", "saturdays", "sunday", "sundays"}
)
"""Words that make "whatever's nearest" a day: the one asked for could not be had."""
_NEAREST_TIME_CUES: Final = frozenset({"hour", "hours", "oclock", "minutes", "half", "quarter"})
"""Words that make "the nearest" a time on the day asked ("only on the hour? the closest")."""


_NEAREST_AFTER: Final = frozenset(
    {"you", "youve", "youd", "ya", "u", "day", "date", "available", "free", "open", "opening"}
    | {"then", "thing", "possible", "there", "going", "i", "we"}
)
"""What follows "the nearest" when it means the soonest day ("the nearest you've got", "the
nearest day", "the closest then")."""


_CLOCKISH = frozenset({"oclock", "clock", "am", "pm", "ish", "hundred", "thirty", "fifteen"})
"""Words after a number that make it an hour, not a date ("December, two o'clock")."""


def _one_oclock(w: list[str], j: int) -> bool:
    """Whether the "one" at ``j`` is an hour by what follows it ("the fifth one p m", "the
    twenty second one o'clock"): a day said with the hour straight after it, not "the fifth
    one" (a slot or an appointment)."""
    after = w[j + 1 : j + 3]
    return w[j] == "one" and (
        after[:1] in (["pm"], ["am"], ["oclock"]) or after in (["p", "m"], ["a", "m"])
    )


_NOT_A_DAY_OF_MONTH: Final = frozenset(
    {"floor", "birthday", "anniversary", "century", "street", "avenue", "place", "row", "grade"}
)
"""What an ordinal said without "the" counts when it is no date ("on twenty first floor")."""
_NOT_A_DATE_AFTER = frozenset(
    {
        "thing",
        "one",
        "ones",
        "time",
        "slot",
        "option",
        "available",
        "opening",
        "appointment",
        "appointments",
        # "what should I bring to the first visit": the visit, not the 1st of the month
        "visit",
        "visits",
        "consultation",
        "session",
        "question",
        "name",
        "names",
        "initial",
        "working",  # "the first working day after Thanksgiving"
        "business",
        "place",  # "what I asked for in the first place"
        "instance",
        # "nine's too early, the first bus doesn't get in till half nine", "the first train
        # out", "I'm on the first shift": the bus, not the 1st of the month
        "bus",
        "buses",
        "train",
        "trains",
        "tram",
        "ferry",
        "flight",
        "flights",
        "shift",
        "shifts",
        "meeting",
        "lesson",
        "class",
    }
)


_HOLIDAYS: dict[tuple[str, ...], tuple[int, int]] = {
    ("christmas", "eve"): (12, 24),
    ("christmas", "day"): (12, 25),
    ("christmas",): (12, 25),
    ("boxing", "day"): (12, 26),
    ("new", "years", "eve"): (12, 31),
    ("new", "years", "day"): (1, 1),
    ("new", "years"): (1, 1),
    ("new", "year"): (1, 1),
    ("valentines", "day"): (2, 14),
    ("independence", "day"): (7, 4),
    ("halloween",): (10, 31),
}


_NTH_WEEKDAY: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


def _nth_weekday(
    tokens: list[Token], w: list[str], i: int, today: date
) -> tuple[DayMention, int] | None:
    """ "The second Tuesday in January", "the first Monday of next month", "the last Friday
    of the month", "the last Friday before Christmas": a weekday counted within a month (for
    "the month" or "this month", next month's once this month's has passed), or the last one
    before a day."""
    weekday = WEEKDAY_NAMES[w[i]]
    nth = _NTH_WEEKDAY[w[i - 1]]
    start = i - 2 if i >= 2 and w[i - 2] == "the" else i - 1
    nxt = w[i + 1] if i + 1 < len(w) else ""
    if nth == -1 and nxt == "before" and i + 2 < len(w):
        before_day = _day_at(tokens, w, i + 2, today)
        if before_day is None or before_day[0].exact is None:
            return None
        anchor = before_day[0].exact
        day = anchor - timedelta(days=(anchor.weekday() - weekday) % 7 or 7)
        end = before_day[0].end
        return (DayMention(start, end, (day,)), end - i) if day >= today else None
    if nxt not in ("in", "of") or i + 2 >= len(w):
        return None
    this_month = today.replace(day=1)
    following = (this_month + timedelta(days=32)).replace(day=1)
    month_at = i + 2 + (w[i + 2] == "the")
    if w[i + 2 : i + 4] in (["the", "month"], ["this", "month"]):
        months, end = [this_month, following], i + 4
    elif month_at < len(w) and w[month_at] in MONTHS:
        month = MONTHS[w[month_at]]
        months, end = [date(today.year + (month < today.month), month, 1)], month_at + 1
    elif w[month_at : month_at + 2] == ["next", "month"]:
        months, end = [following], month_at + 2
    elif w[i + 2 : i + 4] in (["the", "year"], ["this", "year"]):
        # "the last Monday of the year": this year's December; "the first Monday of the
        # year" said this late in the year: next January's
        late = today.month >= 11 and nth != -1
        months = [
            date(today.year + 1, 1, 1) if late else date(today.year, 12 if nth == -1 else 1, 1)
        ]
        end = i + 4
    elif w[i + 2 : i + 4] == ["next", "year"] or w[i + 2 : i + 5] == ["the", "new", "year"]:
        # "the first Monday of next year", "the second Tuesday of the new year"
        months, end = [date(today.year + 1, 1, 1)], i + 4 + (w[i + 2] == "the")
    else:
        return None
    for first in months:
        if nth == -1:
            after = (first + timedelta(days=32)).replace(day=1)
            day = after - timedelta(days=(after.weekday() - weekday) % 7 or 7)
        else:
            day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        if day.month == first.month and day >= today:
            return DayMention(start, end, (day,)), end - i
    return None


def _counted_from(
    tokens: list[Token], w: list[str], i: int, named: DayMention
) -> tuple[DayMention, int] | None:
    """ "Two weeks from this Friday", "three days after Monday", "a fortnight from next
    Tuesday": a count of days or weeks from the weekday at ``i``."""
    at = named.start
    if at < 2 or named.exact is None or w[at - 1] not in ("from", "after"):
        return None
    unit = w[at - 2]
    days = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14}.get(unit)
    if days is None or at < 3:
        return None
    count = _count(tokens, at - 3)
    if count is None or (count == 1 and w[at - 3] in ("a", "one") and unit == "day"):
        return None
    later = named.exact + timedelta(days=days * count)
    return replace(named, start=at - 3, dates=(later,), from_weekday=False), named.end - i


_PUT_RIGHT_WORDS: Final = frozenset(
    {"no", "not", "nope", "meant", "mean", "actually", "instead", "rather", "wrong", "asked"}
)
"""Words of a line putting the day proposed right: a day of the month said in it is not the
proposed one's."""


_COUNT_UNITS: Final = {
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "fortnight": 14,
    "month": 0,
    "months": 0,
}
"""Units a gap is counted in; a month is counted on the calendar (0 here)."""
_SAID_BACK: Final = frozenset({"that", "it", "them"})
"""Words after "after" pointing back to the day just said ("three weeks after that")."""


def _counted_after_said(
    tokens: list[Token], w: list[str], i: int, out: list[DayMention]
) -> DayMention | None:
    """A count of days, weeks or months after the day said just before, at ``i``: "I've the
    one on the 9th and they want me back three weeks after that", "my jab's on Monday, the
    second a month after it", "six weeks on from that one". The day said may be one held, or
    one not wanted (only where the count starts). None unless a day was said."""
    unit = _COUNT_UNITS.get(w[i]) if i < len(w) else None
    if unit is None or not out or out[-1].exact is None or i < 1:
        return None
    k = i + 1
    if w[k : k + 2] == ["on", "from"]:
        k += 2
    elif w[k : k + 1] == ["after"]:
        k += 1
    else:
        return None
    if k >= len(w) or w[k] not in _SAID_BACK:
        return None
    end = k + 1
    if w[k] == "that" and w[end : end + 1] in (["one"], ["appointment"], ["visit"], ["day"]):
        end += 1
    count = 1 if w[i - 1] in ("a", "an", "one") else _count(tokens, i - 1)
    if count is None or (w[i] in ("day", "week", "fortnight", "month") and count != 1):
        return None
    held = out[-1].exact
    day = _months_on(held, count) if unit == 0 else held + timedelta(days=unit * count)
    return DayMention(i - 1, end, (day,))


def _week_on(w: list[str], i: int) -> tuple[int, int] | None:
    """Where "a week tomorrow" / "a week on Tuesday" / "tomorrow week" / "Tuesday week"
    starts and ends, around the day word at ``i``; None when it is the plain day."""
    before = w[max(0, i - 3) : i]
    for lead in (["a", "week"], ["a", "week", "on"], ["a", "week", "from"], ["one", "week"]):
        if before[-len(lead) :] == lead:
            return i - len(lead), i + 1
    if i + 1 < len(w) and w[i + 1] == "week" and (i + 2 >= len(w) or w[i + 2] not in _WEEK_NOUN):
        return i, i + 2
    return None


_WEEK_NOUN = frozenset({"is", "s", "was", "and", "or", "off"})


def _fortnight_on(w: list[str], i: int) -> tuple[int, int] | None:
    """Where "Friday fortnight" / "a fortnight Friday" / "a fortnight on Friday" starts and
    ends, around the weekday at ``i`` ("a fortnight from Friday" is read before this)."""
    before = w[max(0, i - 3) : i]
    for lead in (
        ["a", "fortnight"],
        ["a", "fortnight", "on"],
        ["one", "fortnight"],
        ["two", "weeks"],  # "two weeks Friday", "two weeks on Friday", "2 weeks from Friday"
        ["two", "weeks", "on"],
        ["two", "weeks", "from"],
        ["2", "weeks"],
        ["2", "weeks", "on"],
        ["2", "weeks", "from"],
    ):
        if before[-len(lead) :] == lead:
            return i - len(lead), i + 1
    if i + 1 < len(w) and w[i + 1] == "fortnight":
        return i, i + 2
    return None


def _holiday(w: list[str], i: int, today: date) -> tuple[DayMention, int] | None:
    found = _holiday_itself(w, i, today)
    if found is None:
        return None
    mention, used = found
    day = mention.dates[0]
    if i >= 2 and w[i - 2] == "day" and w[i - 1] in ("after", "before"):
        # "the day after Thanksgiving", "the day before Christmas Eve"
        shift = 1 if w[i - 1] == "after" else -1
        return DayMention(i - 2, mention.end, (day + timedelta(days=shift),)), used
    return _round_holiday(w, i, today, mention) or found


def _round_holiday(
    w: list[str], i: int, today: date, mention: DayMention
) -> tuple[DayMention, int] | None:
    """The days round a holiday: "the week before Christmas" (the seven days up to it), "the
    week after Christmas", "this side of New Year" (from today up to it), "the first week of
    the new year" (that week of the holiday's month)."""
    day, used = mention.dates[0], mention.end - i
    lead = i - 1 if i > 0 and w[i - 1] == "the" else i
    days: tuple[date, ...] = ()
    start = lead
    if lead >= 2 and w[lead - 2] == "week" and w[lead - 1] in ("before", "after"):
        step = -1 if w[lead - 1] == "before" else 1
        days = tuple(sorted(day + timedelta(days=step * k) for k in range(1, 8)))
        start = lead - 3 if lead >= 3 and w[lead - 3] == "the" else lead - 2
    elif lead >= 2 and w[lead - 2] in _CLOSE_BY and w[lead - 1] in ("before", "after"):
        # "the one just before Christmas", "right after New Year": the week next to it
        step = -1 if w[lead - 1] == "before" else 1
        days = tuple(sorted(day + timedelta(days=step * k) for k in range(1, 8)))
        start = lead - 2
    elif (
        (day.month, day.day) == (12, 25)
        and w[mention.end : mention.end + 1] in _BREAK
        and w[lead - 1 : lead] not in (["after"], ["before"], ["till"], ["until"], ["since"])
    ):
        # "the one in the Christmas holidays", "over the Christmas break": the school break
        # (not "the first thing after the Christmas holidays": after the day itself)
        days = tuple(day + timedelta(days=k) for k in range(-5, 10))
        used += 1
    elif lead >= 3 and w[lead - 3 : lead] == ["this", "side", "of"]:
        days = tuple(today + timedelta(days=k) for k in range((day - today).days))
        start = lead - 3
    elif (week := _week_of_month(w, lead - 1)) is not None and day.day == 1:
        lo, hi, start = week
        days = tuple(day.replace(day=n) for n in range(lo, hi + 1))
    days = tuple(d for d in days if d >= today and d.weekday() < 5)
    if not days:
        return None
    return DayMention(start, mention.end, days), used


_CLOSE_BY: Final = frozenset({"just", "right", "shortly", "immediately"})
_BREAK: Final = (["holidays"], ["break"], ["vacation"], ["hols"])
"""After "Christmas": the school break round it, not the day."""


def _holiday_itself(w: list[str], i: int, today: date) -> tuple[DayMention, int] | None:
    if i > 0 and w[i - 1] in ("happy", "merry"):
        return None  # "happy New Year", "merry Christmas": a wish, not a day asked for
    for words, (month, day_n) in _HOLIDAYS.items():
        if tuple(w[i : i + len(words)]) == words:
            found = _next_date(today, month, day_n)
            if found is not None:
                return DayMention(i, i + len(words), (found,)), len(words)
    if w[i] == "thanksgiving":
        for year in (today.year, today.year + 1):
            first = date(year, 11, 1)
            thursday = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            if thursday >= today:
                return DayMention(i, i + 1, (thursday,)), 1
    return None


def _after_said(found: tuple[DayMention, int], w: list[str], base: date) -> tuple[DayMention, int]:
    """ "The Friday after" said after another day: the first such weekday after that day."""
    mention, used = found
    if not mention.from_weekday or mention.exact is None:
        return found
    later = base + timedelta(days=(mention.exact.weekday() - base.weekday()) % 7 or 7)
    that = mention.end + 1 < len(w) and w[mention.end + 1] == "that"
    end = mention.end + (2 if that else 1)
    return replace(mention, end=end, dates=(later,)), used + (end - mention.end)


def _following(w: list[str], i: int) -> bool:
    """ "The following Monday" (the weekday at ``i``): the one after a day in question."""
    return i >= 2 and w[i - 2 : i] == ["the", "following"]


def _said_before(w: list[str], mention: DayMention) -> bool:
    """ "The Friday before" said at the end of a clause: before a day said earlier."""
    end = mention.end
    return (
        mention.from_weekday
        and mention.start > 0
        and w[mention.start - 1] == "the"
        and w[end : end + 1] == ["before"]
        and (end + 1 >= len(w) or w[end + 1] in ("that", "it", "then", "what", "is", "please"))
    )


def _before_said(found: tuple[DayMention, int], w: list[str], base: date) -> tuple[DayMention, int]:
    """ "The Friday before" said after another day: the last such weekday before that day."""
    mention, used = found
    if mention.exact is None:
        return found
    earlier = base - timedelta(days=(base.weekday() - mention.exact.weekday()) % 7 or 7)
    back = mention.end + 1 < len(w) and w[mention.end + 1] in ("that", "it")
    end = mention.end + (2 if back else 1)
    return replace(mention, end=end, dates=(earlier,)), used + (end - mention.end)


_THAT_WEEK: Final = (
    ("of", "the", "same", "week"),
    ("of", "that", "same", "week"),
    ("that", "same", "week"),
    ("the", "same", "week"),
    ("of", "that", "week"),
    ("that", "week"),
    ("same", "week"),
)
"""Said after a weekday, the week of a day said before it ("the Friday of that week", "the
Thursday, same week")."""


def _in_that_week(
    found: tuple[DayMention, int], w: list[str], before: DayMention, today: date
) -> tuple[DayMention, int]:
    """ "The one next Tuesday, moved to the Friday of that week": that weekday in the week of
    the day said before it."""
    mention, used = found
    said = before.exact
    if not mention.from_weekday or mention.exact is None or said is None:
        return found
    for words in _THAT_WEEK:
        if tuple(w[mention.end : mention.end + len(words)]) == words:
            day = _week_start(said) + timedelta(days=mention.exact.weekday())
            if day < today:
                return found
            week_of = said if before.from_weekday else None
            end = mention.end + len(words)
            return replace(mention, end=end, dates=(day,), week_of=week_of), used + len(words)
    return found


def _anchored(
    found: tuple[DayMention, int], w: list[str], i: int, today: date, anchor: date, *, always: bool
) -> tuple[DayMention, int]:
    mention, used = found
    if not mention.from_weekday or mention.exact is None:
        return found
    after = w[mention.end] if mention.end < len(w) else ""
    beyond = w[mention.end + 1] if mention.end + 1 < len(w) else ""
    if after == "after" and beyond in _AFTER_ANCHOR_ENDS:
        # "the Friday after (that)": the first such weekday after the day under discussion
        weekday = mention.exact.weekday()
        later = anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
        end = mention.end + (2 if beyond == "that" else 1)
        return replace(mention, end=end, dates=(later,)), end - i
    prev = w[i - 1] if i > 0 else ""
    if w[mention.end : mention.end + 4] in (
        ["of", "the", "week", "after"],
        ["of", "the", "following", "week"],
    ):
        # "push it to the Friday of the week after", "the Wednesday of the following week":
        # that weekday, the week after the day under discussion
        later = _week_start(anchor) + timedelta(days=7 + mention.exact.weekday())
        end = mention.end + 4 + (w[mention.end + 4 : mention.end + 5] == ["that"])
        return replace(mention, end=end, dates=(later,)), end - i
    if prev == "following" and i >= 2 and w[i - 2] == "the":
        # "the following Monday" with a day under discussion: the first Monday after it
        weekday = mention.exact.weekday()
        later = anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
        if later >= today:
            return replace(mention, dates=(later,)), used
    if mention.end > i + 1 or mention.start < i - (prev == "the"):
        # "the Monday after next", "the second Tuesday in January", "two weeks from this
        # Friday": the words round the weekday already say which one
        return found
    # "make that Friday": the day under discussion corrected, in its own week
    corrected = prev in ("that", "it") and i >= 2 and w[i - 2] == "make"
    # "one more that same week, Friday afternoon": the week of the day under discussion
    that_week = w[max(0, i - 3) : i] in (["that", "same", "week"], ["the", "same", "week"]) or (
        w[max(0, i - 2) : i] == ["that", "week"]
    )
    if prev in ("this", "next", "coming", "following") or not (
        prev == "the" or always or corrected or that_week
    ):
        return found
    if mention.exact.weekday() >= 5 and not (prev == "the" or corrected or that_week):
        # "Saturday is not possible? And Sunday?" to a Monday offered next week: the weekend
        # the caller is asking about is the coming one, not the one after the day offered
        return found
    same_week = _week_start(anchor) + timedelta(days=mention.exact.weekday())
    if same_week < today or same_week == anchor:
        return found
    return replace(mention, dates=(same_week,)), used


_AFTER_ANCHOR_ENDS = frozenset(
    {
        "",
        "that",
        "same",
        "at",
        "then",
        "instead",
        "please",
        "if",
        "or",
        "in",
        "morning",
        "afternoon",
        "would",
        "could",
        "is",
        "maybe",
        # "would the Friday after be any good, same time?", "the Monday after suit you?"
        "be",
        "suit",
        "do",
        "any",
        "for",
        # "push it to the Wednesday after, sometime after twelve", "the Friday after, around
        # ten", "the Monday after, ideally the morning"
        "sometime",
        "anytime",
        "around",
        "about",
        "ideally",
        "preferably",
        "early",
        "late",
    }
)


def _day_next_to_said(w: list[str], i: int, out: list[DayMention]) -> DayMention | None:
    """ "I get paid on the 15th, so the day after that?", "my flight's the 18th, so the day
    before that": the day next to a date said just before ("the day before then" is read
    with the day in question)."""
    if w[i : i + 2] != ["day", "after"] and w[i : i + 2] != ["day", "before"]:
        return None
    if w[i + 2 : i + 3] != ["that"] or not out:
        return None
    said = out[-1]
    if said.exact is None or said.negated or i - said.end > _THAT_REACH_DAYS:
        return None
    shift = timedelta(days=1 if w[i + 1] == "after" else -1)
    return replace(said, end=i + 3, dates=(said.exact + shift,), from_weekday=False)


_THAT_REACH_DAYS = 12
"""The most words between a date and the "the day after that" said of it."""


def _weekday_with_bare_date(
    tokens: list[Token], w: list[str], i: int, today: date
) -> tuple[DayMention, int] | None:
    """ "Tuesday 22 at 2pm", "Friday 18, any time", "Weds 16th": a weekday and a bare day of
    the month that agree (the 22nd of this month or the next is a Tuesday) is that date, where
    the number cannot be the hour (past 12, or an ordinal) or the hour is said after it
    ("Friday 11 at 11")."""
    if (
        i + 1 >= len(tokens)
        or tokens[i + 1].kind not in ("num", "ord")
        or tokens[i + 1].breaks_before
    ):
        return None
    ordinal = tokens[i + 1].kind == "ord"  # "Weds 16th", "Friday 4th": never the hour
    number = int(tokens[i + 1].text[:-2] if ordinal else tokens[i + 1].text)
    if not 1 <= number <= 31 or not (ordinal or number > 12 or w[i + 2 : i + 3] == ["at"]):
        return None
    weekday = WEEKDAY_NAMES[w[i] if w[i] in WEEKDAY_NAMES else w[i][:-1]]
    first = today.replace(day=1)
    for month_start in (first, (first + timedelta(days=32)).replace(day=1)):
        try:
            day = month_start.replace(day=number)
        except ValueError:
            continue
        if day >= today and day.weekday() == weekday:
            return DayMention(i, i + 2, (day,), from_weekday=True), 2
    return None


def _weekday(w: list[str], i: int, today: date) -> tuple[DayMention, int]:
    word = w[i] if w[i] in WEEKDAY_NAMES else w[i][:-1]
    target = WEEKDAY_NAMES[word]
    prev = w[i - 1] if i > 0 else ""
    nxt = w[i + 1] if i + 1 < len(w) else ""
    nxt2 = w[i + 2] if i + 2 < len(w) else ""
    day = weekday_date(target, today=today, said_after=prev)
    start, end = i, i + 1
    if prev in ("this", "next", "coming") or (prev == "following" and i >= 2):
        start = i - 1
    if prev == "next" and day == weekday_date(target, today=today, said_after="this"):
        # "this Thursday's appointment to next Thursday": set against "this" one said in the
        # same breath, "next" is the week after it
        this = {w[j] for j in range(1, len(w)) if w[j - 1] in ("this", "coming")}
        if word in this or word + "s" in this:
            day += timedelta(days=7)
    if nxt == "this" and nxt2 == "week":
        # "the Friday this week": this week's, or the coming one once it has passed
        day = _week_start(today) + timedelta(days=target)
        if day < today:
            day += timedelta(days=7)
        end = i + 3
    elif nxt == "next" and nxt2 == "week" or (prev == "week" and i >= 2 and w[i - 2] == "next"):
        # "Tuesday next week": that weekday in next calendar week
        day = _week_start(today) + timedelta(days=7 + target)
        end = i + 3 if nxt == "next" else i + 1
        start = start if nxt == "next" else i - 2
    elif nxt in ("of", "in") and nxt2 == "next" and w[i + 3 : i + 4] == ["week"]:
        # "Wednesday of next week": that weekday in next calendar week
        day = _week_start(today) + timedelta(days=7 + target)
        end = i + 4
    elif nxt == "after" and nxt2 == "next" or prev == "following" or nxt == "week":
        day = day + timedelta(days=7)
        end = i + 3 if nxt == "after" else (i + 2 if nxt == "week" else i + 1)
    elif nxt == "after" and nxt2 == "this" and w[i + 3 : i + 4] == ["one"]:
        # "the Friday after this one": the week after the coming Friday
        day = day + timedelta(days=7)
        end = i + 4
    elif prev == "next" and nxt == "but" and nxt2 == "one":
        # British "next Friday but one": the Friday after next Friday
        day = day + timedelta(days=7)
        end = i + 3
    elif prev == "next" and w[max(0, i - 3) : i - 1] == ["next", "to"]:
        # Indian English "next to next Monday": the Monday after next Monday
        day = day + timedelta(days=7)
        start = i - 3
    return DayMention(start, end, (day,), from_weekday=True), end - i


def _week_phrase(w: list[str], i: int, today: date) -> tuple[DayMention, int] | None:
    prev = w[i - 1] if i > 0 else ""
    prev2 = w[i - 2] if i > 1 else ""
    word = w[i]
    if word == "weekend":
        saturday = _week_start(today) + timedelta(days=5 + (7 if prev == "next" else 0))
        return DayMention(i - 1, i + 1, (saturday, saturday + timedelta(days=1))), 1
    part = w[i - 3] if i >= 3 and prev2 == "of" else ""
    if prev in ("next", "this") and word == "week" and part in _WEEK_PARTS:
        # "the end of next week", "the beginning of this week", "middle of next week"
        base = today + timedelta(days=7) if prev == "next" else today
        lo, hi = _WEEK_PARTS[part]
        days = tuple(d for d in _week(base)[lo:hi] if d >= today)
        if days:
            return DayMention(i - 3, i + 1, days), 1
    if word == "week" and w[i + 1 : i + 3] == ["after", "next"]:
        # "the week after next": the week after next week
        start = i - 1 if prev == "the" else i
        return DayMention(start, i + 3, _week(today + timedelta(days=14))), 3
    if word == "week" and w[max(0, i - 3) : i] == ["next", "to", "next"]:
        # Indian English "next to next week": the week after next
        return DayMention(i - 3, i + 1, _week(today + timedelta(days=14))), 1
    if prev == "next" and word == "week":
        days = _week(today + timedelta(days=7))
        if prev2 == "early":
            days = days[:2]
        elif prev2 in ("late", "later"):
            days = days[3:5]
        elif prev2 == "mid":
            days = days[1:4]
        return DayMention(i - 1 - (prev2 in ("early", "late", "later", "mid")), i + 1, days), 1
    if prev == "this" and word == "week":
        days = _week(today, from_day=today)
        if today.weekday() == 6:
            # said on a Sunday, "this week" is the week it begins (the clinic's calendar is
            # American, Sunday first): "both my appointments this week" are the coming days'
            days = (today, *_week(today + timedelta(days=1))[:6])
        if prev2 in ("later", "late"):
            days = tuple(d for d in days if d > today)
        return DayMention(i - 1, i + 1, days), 1
    if word == "week" and prev == "the" and prev2 == "of" and i >= 3 and w[i - 3] == "end":
        days = tuple(d for d in _week(today, from_day=today) if d.weekday() in (3, 4))
        return DayMention(i - 3, i + 1, days or _week(today + timedelta(days=7))[3:5]), 1
    count = _count_word(w, i - 1)
    if count is not None and word in ("week", "weeks"):
        if w[i + 1 : i + 2] == ["from"] and w[i + 2 : i + 3] not in (
            ["today"],
            ["now"],
            ["tomorrow"],
        ):
            return None  # "two weeks from this Friday": counted at the day (_counted_from)
        if i >= 2 and w[i - 2] == "in" or (i + 1 < len(w) and w[i + 1] in ("from", "time")):
            # "in two weeks": that day if the clinic could be open, else that week; "two
            # weeks from today / tomorrow" counts from that day, and says no other day
            base, end = _from_today(w, i + 1, today)
            target = base + timedelta(days=7 * count)
            if target.weekday() < 5:
                return DayMention(i - 1, end, (target,)), end - i
            return DayMention(i - 1, end, _week(target)), end - i
        if i >= 2 and w[i - 2] in ("a",) and i + 1 < len(w) and w[i + 1] == "from":
            return None
    return None


_LOOSE_UNITS: Final = {
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "fortnight": 14,
    "fortnights": 14,
    "month": 0,
    "months": 0,
}
"""Units a time from now is counted in; a month is counted on the calendar (0 here)."""
_LOOSE_LEADS: Final = frozenset({"in", "within"})
_ROUGHLY: Final = frozenset({"about", "around", "roughly", "like", "maybe", "say", "another"})
_LOOSE_AFTER: Final = (["or", "so"], ["or", "thereabouts"], ["ish"], ["or", "more"])


def _months_on(day: date, months: int) -> date:
    """The same day of the month ``months`` on (the month's last day when it has fewer)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for day_n in range(day.day, 27, -1):
        try:
            return date(year, month, day_n)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def _loose_amount(w: list[str], i: int, today: date) -> tuple[DayMention, int] | None:
    """A time from now counted loosely at the unit at ``i``: "in a couple of days", "a few
    days from now", "a week or so from now", "in two or three weeks", "a day or two from
    today", "give it a couple of days", "within the next few days", "a month from today", "in
    a month or so": the days a receptionist would take it to mean (a precise "in two weeks"
    or "ten days from today" is read elsewhere; a month is counted here, exact or not)."""
    unit = w[i]
    size = _LOOSE_UNITS[unit]
    j = i - 1  # the amount ends here
    start = j
    lo: int | None = None
    hi: int | None = None
    loose = False
    if j >= 1 and w[j] == "of" and w[j - 1] == "couple":
        lo = hi = 2
        loose, start = True, j - 1
    elif j >= 0 and w[j] in ("few", "several"):
        lo, hi = 3, 5 if size == 1 else 4
        loose, start = True, j
    elif j >= 0:
        upper = _count_word(w, j)
        lower = _count_word(w, j - 2) if j >= 2 and w[j - 1] == "or" else None
        if upper is not None and lower is not None and lower < upper:
            lo, hi, loose, start = lower, upper, True, j - 2  # "two or three weeks"
        elif upper is not None:
            lo = hi = upper
    if lo is None or hi is None or hi > (31 if size == 1 else 12):
        return None
    if start >= 1 and w[start - 1] in ("a", "an") and w[start] in ("couple", "few"):
        start -= 1
    end = i + 1
    if w[end : end + 2] == ["or", "two"] or w[end : end + 2] == ["or", "three"]:
        hi = max(hi, 2 if w[end + 1] == "two" else 3)  # "a day or two", "a week or two"
        loose, end = True, end + 2
    for tail in _LOOSE_AFTER:
        if w[end : end + len(tail)] == tail:
            loose, end = True, end + len(tail)
            break
    if w[end : end + 1] in (["time"], ["s"]):
        end += 1  # "in a couple of weeks' time"
    if w[end : end + 1] in (["ago"], ["back"], ["later"], ["earlier"], ["after"], ["before"]):
        return None  # "a few weeks ago", "a couple of days later": not counted from now
    if start >= 1 and w[start - 1] in _ROUGHLY:
        start, loose = start - 1, True  # "in about a week", "in like two or three weeks"
    lead = w[start - 1] if start >= 1 else ""
    within = lead == "next" and start >= 2 and w[start - 2] in ("in", "within", "over", "the")
    base, after = _from_today(w, end, today)
    given = lead == "it" and start >= 2 and w[start - 2] in ("give", "leave")  # "give it a week"
    counted = after > end or within or lead in _LOOSE_LEADS or given
    shifted = start >= 1 and w[start - 1] in _SHIFT_WORDS and after == end  # "put it back a week"
    if not counted or (not loose and size != 0) or shifted:
        return None  # "for a couple of days", "a few days ago"; "in two weeks" read elsewhere
    end = max(end, after)
    if within or lead == "within":
        # "within the next few days": any of them, from tomorrow
        first, last = base + timedelta(days=1), base + timedelta(days=hi * size or 31 * hi)
    elif size == 0:
        first, last = _months_on(base, lo), _months_on(base, hi)
        if loose:
            first, last = first - timedelta(days=3), last + timedelta(days=4)
    elif lo == hi and size > 1:
        first, last = base + timedelta(days=lo * size - 1), base + timedelta(days=hi * size + 2)
    else:
        first, last = base + timedelta(days=lo * size), base + timedelta(days=hi * size)
        if lo == hi:
            last += timedelta(days=1 if lo == 2 else 2)  # "a couple of days": the 2nd or 3rd
    span = (last - first).days + 1
    days = tuple(
        d for d in (first + timedelta(days=k) for k in range(span)) if d.weekday() < 5 and d > today
    )
    if not days:
        return None
    if lo == hi and not loose and days[0] == first:
        days = days[:1]  # "a month from today": that day when the clinic could be open
    lead_at = start - 1 if lead in _LOOSE_LEADS else start - 2 if given else start
    return DayMention(max(0, lead_at), end, days), end - i


_WORKING: Final = frozenset({"working", "business", "work"})


def working_day(day: date) -> bool:
    """A day as callers count "working days": a weekday that is no public holiday
    (Thanksgiving, Christmas Day, New Year's Day)."""
    if day.weekday() >= 5 or (day.month, day.day) in ((12, 25), (1, 1)):
        return False
    return not (day.month == 11 and day.weekday() == 3 and 22 <= day.day <= 28)


def working_days_on(day: date, count: int) -> date:
    """The working day ``count`` working days after ``day`` (before it when negative)."""
    step = 1 if count > 0 else -1
    left = abs(count)
    while left:
        day += timedelta(days=step)
        left -= working_day(day)
    return day


class WorkingDays(int):
    """A move counted in working days ("push it back two business days", "the working day
    before it"): signed, as a move in days is, and counted over weekends and holidays."""


def shifted_day(day: date, shift: int) -> date:
    """``day`` moved by ``shift`` (a :func:`day_shift`): in working days when counted so."""
    if isinstance(shift, WorkingDays):
        return working_days_on(day, int(shift))
    return day + timedelta(days=shift)


def _working_days(
    tokens: list[Token], w: list[str], i: int, today: date
) -> tuple[DayMention, int] | None:
    """Days counted in working days, at the "day(s)" at ``i``: "three working days from now",
    "in ten business days", "a couple of working days", "the next working day", "within the
    next five working days" (all of them), "the first working day after Thanksgiving", "the
    last working day before Christmas"."""
    lead = i - 1  # "working", "business"
    before = w[lead - 1] if lead >= 1 else ""
    nxt = w[i + 1] if i + 1 < len(w) else ""
    the = int(lead >= 2 and w[lead - 2] == "the")
    if before in ("first", "last", "next") and nxt in ("after", "before") and i + 2 < len(w):
        k = i + 2 + (w[i + 2] == "the")
        # the holiday itself, not "the day after Thanksgiving" read round it
        found = (
            (_holiday_itself(w, k, today) or _day_at(tokens, w, k, today)) if k < len(w) else None
        )
        if found is None or found[0].exact is None:
            return None
        day = working_days_on(found[0].exact, 1 if nxt == "after" else -1)
        end = found[0].end
        return (DayMention(lead - 1 - the, end, (day,)), end - i) if day >= today else None
    if before == "next" and w[i] == "day":
        day = working_days_on(today, 1)
        return DayMention(lead - 1 - the, i + 1, (day,)), 1
    at = lead - 2 if before == "of" else lead - 1  # "a couple of working days"
    count = _count(tokens, at)
    if count is None or count > 31:
        return None
    if (at >= 1 and w[at - 1] in _SHIFT_WORDS) or nxt in ("later", "earlier", "sooner"):
        return None  # "push it back two business days": from the appointment (day_shift)
    if at >= 1 and w[at - 1] == "next":
        # "within the next five working days": any of them
        days = tuple(working_days_on(today, k) for k in range(1, count + 1))
        start = at - 1 - (at >= 2 and w[at - 2] == "the")
        return DayMention(start, i + 1, days), 1
    base, end = _from_today(w, i + 1, today)
    start = at - 1 if at >= 1 and w[at - 1] == "in" else at
    if at >= 1 and w[at - 1] == "a" and w[at] == "couple":
        start = at - 1 - (at >= 2 and w[at - 2] == "in")
    return DayMention(start, end, (working_days_on(base, count),)), end - i


_OWN_NOUNS: Final = frozenset({"one", "appointment", "appt", "booking", "visit"})


def _held_day(
    tokens: list[Token], w: list[str], k: int, today: date
) -> tuple[date, int, bool] | None:
    """The day of the caller's own booking said at ``k`` ("my Monday one", "my Tuesday
    appointment", "my appointment on Thursday", "my one on the 14th"), where its words
    end, and whether it was said by its weekday alone."""
    if w[k : k + 1] != ["my"] or k + 2 >= len(w):
        return None
    if w[k + 1] in _OWN_NOUNS and w[k + 2] in ("on", "for"):
        found = _day_at(tokens, w, k + 3, today) if k + 3 < len(w) else None
        if found is None or found[0].exact is None:
            return None
        return found[0].exact, found[0].end, found[0].from_weekday
    found = _day_at(tokens, w, k + 1, today)
    if found is None or found[0].exact is None or found[0].end >= len(w):
        return None
    if w[found[0].end] not in _OWN_NOUNS:
        return None
    return found[0].exact, found[0].end + 1, found[0].from_weekday


def _beside_own(
    tokens: list[Token], w: list[str], i: int, today: date
) -> tuple[DayMention, int] | None:
    """A day said through another of the caller's own bookings, at ``i``: "the day after my
    Tuesday one", "the Friday before my Monday appointment", "three weeks after my
    appointment on Thursday", "the week after my Monday one"."""
    if i + 2 >= len(w) or w[i + 1] not in ("after", "before"):
        return None
    own = _held_day(tokens, w, i + 2, today)
    if own is None:
        return None
    held, end, by_weekday = own
    after = w[i + 1] == "after"
    word = w[i]
    the = i > 0 and w[i - 1] == "the"
    start = i - 1 if the else i
    if word in WEEKDAY_NAMES:
        weekday = WEEKDAY_NAMES[word]
        gap = (weekday - held.weekday()) % 7 if after else (held.weekday() - weekday) % 7
        day = held + timedelta(days=(gap or 7) * (1 if after else -1))
    elif word in ("day", "week", "days", "weeks", "fortnight"):
        count = (
            1 if word in ("day", "week", "fortnight") and (the or i == 0) else _count(tokens, i - 1)
        )
        if count is None:
            return None
        if not the and word in ("days", "weeks") or w[i - 1 : i] in (["a"], ["one"]):
            start = i - 1
        unit = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14}[word]
        day = held + timedelta(days=unit * count * (1 if after else -1))
    else:
        return None
    if day < today:
        return None
    return DayMention(start, end, (day,), held_weekday=held if by_weekday else None), end - i


def _from_today(w: list[str], k: int, today: date) -> tuple[date, int]:
    """The day "from today" / "from now" / "from tomorrow" at ``k`` counts from, and where
    the words end (``k`` itself, and today, when they are not there)."""
    if k + 1 < len(w) and w[k] == "from" and w[k + 1] in ("today", "now", "tomorrow"):
        return today + timedelta(days=1 if w[k + 1] == "tomorrow" else 0), k + 2
    return today, k


_WEEK_PARTS = {"end": (3, 5), "beginning": (0, 2), "start": (0, 2), "middle": (1, 4)}
"""Which weekdays "the end / beginning / middle of the week" are (Mon = 0)."""


def _count_word(w: list[str], i: int) -> int | None:
    if i < 0:
        return None
    if w[i] in _RELATIVE_NUMBERS:
        return _RELATIVE_NUMBERS[w[i]]
    if w[i].isdigit() and len(w[i]) <= 2:
        return int(w[i])
    return NUMBER_WORDS.get(w[i])


_MONTH_PARTS: Final = {
    "early": (1, 10),
    "start": (1, 10),
    "beginning": (1, 10),
    "first": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
    "last": (21, 31),
}


def _month_part(w: list[str], i: int, today: date) -> tuple[DayMention, int] | None:
    """A month said without a date: "early March", "mid-April", "at the start of January",
    "the end of February", "in January": the weekdays of that part of it (from today on),
    the next time it comes round."""
    month = MONTHS[w[i]]
    if i + 1 < len(w) and (w[i + 1][:1].isdigit() or w[i + 1] in ORDINALS):
        return None  # "September 31st": a date (one that may not exist), said as one
    start = i
    lo, hi = 1, 31
    j = i - 1
    if j >= 0 and w[j] in ("of", "in"):
        j -= 1
    week = _week_of_month(w, i - 1)
    if week is not None:
        lo, hi, start = week  # "the first week of January"
    elif j >= 0 and w[j] in _MONTH_PARTS and (w[j] in ("early", "mid", "late") or w[i - 1] == "of"):
        lo, hi = _MONTH_PARTS[w[j]]
        start = j - 1 if j >= 1 and w[j - 1] == "the" else j
    elif i == 0 or w[i - 1] != "in":
        return None  # "March" alone, in passing: no day asked for
    else:
        start = i - 1
    year = today.year if month >= today.month else today.year + 1
    days = _days_of_month(year, month, lo, hi, today)
    if not days:
        return None
    return DayMention(start, i + 1, days), 1


def _days_of_month(year: int, month: int, lo: int, hi: int, today: date) -> tuple[date, ...]:
    """The weekdays from the ``lo``-th to the ``hi``-th of a month, from today on."""
    days: list[date] = []
    for n in range(lo, hi + 1):
        try:
            d = date(year, month, n)
        except ValueError:
            break
        if d >= today and d.weekday() < 5:
            days.append(d)
    return tuple(days)


_WEEK_OF_MONTH: Final = {
    "first": (1, 7),
    "second": (8, 14),
    "third": (15, 21),
    "fourth": (22, 28),
    "last": (25, 31),
    "final": (25, 31),
}
"""Which dates "the first week of January", "the last week of the month" are."""


def _week_of_month(w: list[str], j: int) -> tuple[int, int, int] | None:
    """ "the first week of" ending at ``j`` (the word "of"): the dates it spans and where it
    starts, or None."""
    if j < 2 or w[j] != "of" or w[j - 1] != "week" or w[j - 2] not in _WEEK_OF_MONTH:
        return None
    lo, hi = _WEEK_OF_MONTH[w[j - 2]]
    start = j - 3 if j >= 3 and w[j - 3] == "the" else j - 2
    return lo, hi, start


def _relative_month(w: list[str], i: int, today: date) -> tuple[DayMention, int] | None:
    """ "early next month", "towards the end of the month", "mid next month", "the first week
    of next month", "sometime next month": the weekdays of that part of it, from today on."""
    prev = w[i - 1] if i > 0 else ""
    if prev not in ("next", "this", "the"):
        return None
    if prev == "next" and i >= 2 and w[i - 2] in ("the", "for", "over", "within"):
        return None  # "every Tuesday for the next month": a stretch of time, not a month
    year, month = today.year, today.month
    if prev == "next":
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    lo, hi, start = 1, 31, i - 1
    j = i - 2
    week = _week_of_month(w, j)
    if week is not None:
        lo, hi, start = week
    else:
        if j >= 0 and w[j] == "of":
            j -= 1
        if (
            j >= 0
            and w[j] in _MONTH_PARTS
            and (w[j] in ("early", "mid", "late") or w[j + 1] == "of")
        ):
            lo, hi = _MONTH_PARTS[w[j]]
            start = j - 1 if j >= 1 and w[j - 1] == "the" else j
            if start >= 1 and w[start - 1] in ("towards", "toward"):
                start -= 1
        elif prev == "the":
            return None  # "the month" in passing ("the 3rd of the month" is read at the 3rd)
        if prev == "the" and w[j] not in ("end", "late", "last", "middle", "mid"):
            return None  # "it changed at the start of the month": as often gone by as asked
    days = _days_of_month(year, month, lo, hi, today)
    if not days:
        return None
    return DayMention(start, i + 1, days), 1


def _of_the_nth_month(
    tokens: list[Token], w: list[str], k: int, num: tuple[int, int, bool], today: date
) -> DayMention | None:
    """ "the fourth of the first", "the 3rd of the 12th": a day of a month said by the month's
    number (as dates are said in Britain, Ireland and India), at ``k`` (the day's ordinal)."""
    after = k + num[1]
    if not num[2] or not 1 <= num[0] <= 31 or w[after : after + 2] != ["of", "the"]:
        return None
    month = _compound(tokens, after + 2) if after + 2 < len(w) else None
    if month is None or not month[2] or not 1 <= month[0] <= 12:
        return None
    end = after + 2 + month[1]
    if end < len(w) and w[end] in _NOT_A_DATE_AFTER | {"month", "week", "year", "of"}:
        return None  # "the first of the second ones", "the 2nd of the 3rd week"
    try:
        found = _next_date(today, month[0], num[0], recent_past=True)
    except ValueError:
        return None
    return DayMention(k, end, (found,)) if found is not None else None


def _month_date(
    tokens: list[Token], w: list[str], i: int, today: date
) -> tuple[DayMention, int] | None:
    month = MONTHS[w[i]]
    k = i + 1
    if k < len(w) and w[k] == "the":
        k += 1
    if k < len(w) and w[k] == "one" and i > 0 and w[i - 1] == "the":
        return None  # "the December one": an appointment described by its month
    after = _compound(tokens, k)
    if (
        after is not None
        and not after[2]
        and (
            tokens[k].breaks_before
            or (w[k + after[1]] if k + after[1] < len(w) else "") in _CLOCKISH
        )
    ):
        return None  # "mid-December, two o'clock-ish": an hour after the month, not its 2nd
    if after is not None and 1 <= after[0] <= 31:
        found = _next_date(today, month, after[0], recent_past=True)
        end = k + after[1]
        if end < len(w) and w[end].isdigit() and len(w[end]) == 4:
            try:
                found = date(int(w[end]), month, after[0])
            except ValueError:
                found = None
            end += 1
        return (DayMention(i, end, (found,)), end - i) if found else None
    # "3rd of December" / "the 3rd December": the number comes before the month
    j = i - 1
    if j >= 0 and w[j] == "of":
        j -= 1
    for span in (2, 1):
        s = j - span + 1
        if s >= 0:
            num = _compound(tokens, s)
            if num is not None and num[1] == span and 1 <= num[0] <= 31:
                found = _next_date(today, month, num[0], recent_past=True)
                return (DayMention(s, i + 1, (found,)), 1) if found else None
    return None


# --- times -------------------------------------------------------------------------------------


def _suffix(w: list[str], k: int) -> tuple[str, int]:
    """An am/pm marker starting at ``k``: ("am"|"pm"|"oclock"|"", tokens used)."""
    a = w[k] if k < len(w) else ""
    b = w[k + 1] if k + 1 < len(w) else ""
    c = w[k + 2] if k + 2 < len(w) else ""
    if a in ("am", "pm"):
        return a, 1
    if a in ("a", "p") and b == "m":
        return a + "m", 2
    if a == "oclock" or (a == "o" and b == "clock"):
        return "oclock", 1 if a == "oclock" else 2
    if a == "in" and b == "the" and c in ("morning", "afternoon", "evening"):
        return ("am" if c == "morning" else "pm"), 3
    # ("ten that morning": the morning of the day just said)
    if a in ("this", "tomorrow", "that") and b in ("morning", "afternoon", "evening"):
        return ("am" if b == "morning" else "pm"), 0
    return "", 0


@dataclass(frozen=True, slots=True)
class BadTime:
    """A time of day asked for that no clock shows: "25:00", "10:75", "13 pm", "0 am",
    "twenty-five o'clock". It is said back and asked again, never read as another time (1 PM
    for "13 pm", five o'clock for the end of "twenty-five o'clock") nor dropped."""

    said: str  # "25:00", "13 PM", "twenty-five o'clock"
    start: int
    end: int


_MARK_STARTS: Final = frozenset({"am", "pm", "a", "p", "oclock", "o"})


def _clock_mark(tokens: list[Token], k: int) -> tuple[str, int]:
    """An "am", "pm" or "o'clock" right after a number, as its own word ("14 am", "13 p m"),
    not the verb "am" after a break ("I'm 14, am I old enough?"): (mark, tokens used)."""
    if k >= len(tokens) or tokens[k].sep or tokens[k].text not in _MARK_STARTS:
        return "", 0  # nor "the 13 in the morning" (a date)
    mark, used = _suffix([t.text for t in tokens], k)
    return (mark, used) if mark in ("am", "pm", "oclock") and used else ("", 0)


def _said_number(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A number said or typed as an hour could be at ``i``: "14", "thirteen", "twenty five"
    (value, tokens used); not an ordinal ("the 13th")."""
    tok = tokens[i]
    if tok.kind == "num":
        return (int(tok.text), 1) if len(tok.text) <= 2 else None
    if tok.text in ORDINALS:
        return None
    found = _compound(tokens, i)
    return (found[0], found[1]) if found is not None and not found[2] else None


def bad_times(tokens: list[Token], *, skip: set[int] | None = None) -> list[BadTime]:
    """Times of day said that cannot be: an hour past 23 or minutes past 59 ("25:00",
    "10:75"), an am or pm on an hour no twelve-hour clock has ("13 pm", "14am", "0 am"), an
    o'clock past 24 ("twenty-five o'clock"). A number after an hour is its minutes ("ten
    fifteen pm", "2 45 pm"), not an hour."""
    skip = skip or set()
    out: list[BadTime] = []
    marks = {"am": "AM", "pm": "PM", "oclock": "o'clock"}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i in skip:
            i += 1
            continue
        if tok.kind == "clock":
            hour, minute = (int(p) for p in tok.text.split(":"))
            mark, used = _clock_mark(tokens, i + 1)
            if hour > 23 or minute > 59 or (mark in ("am", "pm") and not 1 <= hour <= 12):
                said = tok.text + (f" {marks[mark]}" if mark else "")
                out.append(BadTime(said, i, i + 1 + used))
                i += 1 + used
                continue
            i += 1
            continue
        number = _said_number(tokens, i)
        if number is None:
            i += 1
            continue
        value, size = number
        mark, used = _clock_mark(tokens, i + size)
        after_hour = i > 0 and not tok.sep and _said_number(tokens, i - 1) is not None
        no_hour = value > 24 if mark == "oclock" else not 1 <= value <= 12
        if mark and no_hour and not after_hour:
            words = "-".join(t.text for t in tokens[i : i + size])
            out.append(BadTime(f"{words} {marks[mark]}", i, i + size + used))
        i += size + used
    return out


def _apply(hour: int, minute: int, suffix: str, hours: Hours) -> time | None:
    if not (0 <= minute < 60):
        return None
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    elif suffix not in ("am", "pm") and hour <= 12:
        hour = hours.bare(hour)
    if not 0 <= hour <= 23:
        return None
    return time(hour, minute)


def _minutes_after(tokens: list[Token], w: list[str], k: int) -> tuple[int, int] | None:
    """Minutes said after an hour word: "thirty", "fifteen", "forty five", "oh five"."""
    if k >= len(w):
        return None
    if w[k] in ("oh", "o") and k + 1 < len(w) and w[k + 1] in UNITS:
        value = UNITS[w[k + 1]]
        return (value, 2) if 1 <= value <= 9 else None
    if tokens[k].kind == "num" and len(w[k]) == 2 and 10 <= int(w[k]) <= 59:
        return int(w[k]), 1
    if w[k] in TEENS and TEENS[w[k]] >= 10 and w[k] not in ("eleven", "twelve", "ten"):
        return TEENS[w[k]], 1
    if w[k] == "ten" and k + 1 < len(w) and w[k + 1] in ("am", "pm"):
        return 10, 1
    if w[k] in TENS and TENS[w[k]] <= 50:
        if (
            k + 1 < len(w)
            and w[k + 1] in UNITS
            and 0 < UNITS[w[k + 1]] <= 9
            and w[k + 1] not in ("oh", "o")
        ):
            return TENS[w[k]] + UNITS[w[k + 1]], 2
        return TENS[w[k]], 1
    return None


def _hour_at(tokens: list[Token], k: int) -> int | None:
    if k >= len(tokens):
        return None
    tok = tokens[k]
    if tok.kind == "num" and len(tok.text) <= 2 and 1 <= int(tok.text) <= 12:
        return int(tok.text)
    if tok.text in NUMBER_WORDS and 1 <= NUMBER_WORDS[tok.text] <= 12:
        return NUMBER_WORDS[tok.text]
    return None


_PAST_MINUTES: Final = {
    "quarter": 15, "half": 30, "five": 5, "ten": 10, "twenty": 20, "twentyfive": 25,
}  # fmt: skip


def _day_of_month_at(tokens: list[Token], k: int) -> bool:
    """A day of the month ("11th", "tenth") at ``k``, not a weekday ("two on Tuesday")."""
    return k < len(tokens) and (tokens[k].kind == "ord" or tokens[k].text in ORDINALS)


def _past_or_to(tokens: list[Token], w: list[str], k: int, hours: Hours) -> tuple[time, int] | None:
    """ "quarter past two", "ten past ten", "twenty to three", "5 past 9" starting at ``k``:
    (the time, tokens used)."""
    word = w[k] if k < len(w) else ""
    used = 1
    if word == "twenty" and w[k + 1 : k + 2] == ["five"]:
        word, used = "twentyfive", 2
    if word in _PAST_MINUTES:
        minute = _PAST_MINUTES[word]
    elif k < len(tokens) and tokens[k].kind == "num" and w[k] in ("5", "10", "15", "20", "25"):
        minute = int(w[k])
    else:
        return None
    direction = w[k + used] if k + used < len(w) else ""
    if direction == "of" and word == "quarter":
        direction = "to"  # the American "quarter of eleven": 10:45
    if direction not in ("past", "after", "to", "til"):
        return None
    hour = _hour_at(tokens, k + used + 1)
    if hour is None:
        return None
    if direction in ("to", "til"):
        hour, minute = hour - 1 or 12, 60 - minute
    suffix, tail = _suffix(w, k + used + 2)
    at = _apply(hour, minute, suffix, hours)
    return (at, used + 2 + tail) if at is not None else None


_SUBJECTS: Final = frozenset(
    {"i", "im", "ive", "we", "you", "it", "its", "thats", "all", "what", "he", "she", "they"}
)


def _figure_of_speech(tokens: list[Token], w: list[str], i: int) -> bool:
    """ "At the end of the day I just need to see someone": the saying, not the day's end (not
    "anything at the end of the day on Thursday")."""
    at = i - 2
    if w[at:i] != ["at", "the"] or not (at == 0 or tokens[at].breaks_before):
        return False
    after = i + 4
    return after < len(w) and (w[after] in _SUBJECTS or tokens[after].breaks_before)


def _day_part_word(
    tokens: list[Token], w: list[str], i: int, hours: Hours
) -> tuple[TimeMention, int] | None:
    """A part of the day named by a word, not an hour: "elevenses", "teatime", "the middle of
    the day", "the back end of the morning"."""
    word = w[i]
    if word == "elevenses":
        return TimeMention(i, i + 1, at=time(11, 0)), 1
    if word == "teatime" or (word == "tea" and w[i + 1 : i + 2] == ["time"]):
        # tea is after the clinic's last start: its last slot
        used = 1 if word == "teatime" else 2
        return TimeMention(i, i + used, window=_window(15, 24, hours)), used
    if word in ("middle", "end") and w[i + 1 : i + 3] == ["of", "the"]:
        part = w[i + 3] if i + 3 < len(w) else ""
        windows = {
            ("middle", "day"): (12, 14),
            ("middle", "morning"): (10, 12),
            ("end", "morning"): (11, 12),
            ("end", "afternoon"): (15, 24),
        }
        if (word, part) in windows:
            lo, hi = windows[(word, part)]
            return TimeMention(i, i + 4, window=_window(lo, hi, hours)), 4
    return None


def _half_hour(tokens: list[Token], w: list[str], k: int, hours: Hours) -> tuple[time, int] | None:
    """The British "half ten" (10:30) starting at ``k``, after a bound ("before half ten"):
    (the time, tokens used)."""
    if w[k : k + 1] != ["half"] or w[k + 1 : k + 2] in (["past"], ["an"], ["a"], ["to"]):
        return None
    hour = _hour_at(tokens, k + 1)
    if hour is None:
        return None
    suffix, used = _suffix(w, k + 2)
    at = _apply(hour, 30, suffix, hours)
    return (at, 2 + used) if at is not None else None


def _half_said(tokens: list[Token], w: list[str], i: int, hours: Hours) -> bool:
    """The bound at ``i`` is a half or quarter hour ("before half ten", "before 10:30",
    "before quarter to two")."""
    found = (
        _half_hour(tokens, w, i + 1, hours)
        or _past_or_to(tokens, w, i + 1, hours)
        or _exact_time(tokens, w, i + 1, hours, lead=True)
    )
    return found is not None and found[0].minute > 0


_CANT: Final = frozenset({"cant", "cannot", "couldnt", "wont"})
_CANT_LINKS: Final = frozenset(
    {"be", "do", "get", "come", "make", "it", "there", "in", "me", "him", "her", "us", "them"}
)
_AWAY_LINKS: Final = frozenset({"away", "off", "out", "from", "of", "work", "the", "office"})
"""What may follow "get" before the bound: "I can't get away from work before two", "can't
get off before one", "can't get out of the office before three"."""


def _cant_before(tokens: list[Token], w: list[str], i: int) -> bool:
    """ "it can't be before 2", "I can't get there before 10", "she can't get me there before
    half ten", "I can't get away from work before two": a bound the caller cannot meet, so the
    hours from it on."""
    if w[i] != "before":
        return False
    j = i - 1
    while j >= 0 and w[j] in _AWAY_LINKS and i - j <= 4 and not tokens[j + 1].breaks_before:
        j -= 1
    if j == i - 1 or w[j : j + 1] != ["get"]:
        j = i - 1  # only after "get": "I can't do the office before ten" is no bound of mine
    k = j
    while k >= 0 and w[k] in _CANT_LINKS and j - k <= 3 and not tokens[k + 1].breaks_before:
        k -= 1
    return k >= 0 and k < i - 1 and w[k] in _CANT and not tokens[k + 1].breaks_before


_UNFIT: Final = frozenset({"good", "up", "awake", "use", "functioning", "right"})
"""After "no"/"not": the caller is no good for anything ("I'm no good to anyone before eleven",
"I'm not up before ten", "I'm not right before twelve on these tablets")."""


def _unfit_before(tokens: list[Token], w: list[str], i: int) -> bool:
    """ "I'm no good to anyone before eleven", "he's not awake before ten": the caller is unfit
    until then, so the hours from it on (not "nothing before ten is any good"; within the
    clause)."""
    if w[i] != "before":
        return False
    for j in range(i - 1, max(-1, i - 6), -1):
        if tokens[j + 1].breaks_before or w[j] in ("so", "but", "and", "or", "if"):
            return False
        if w[j] in ("no", "not", "never") and any(x in _UNFIT for x in w[j + 1 : j + 3]):
            return True
    return False


_TILL: Final = ("till", "until", "til")
_NOT_FREE: Final = frozenset(
    {
        "not", "no", "dont", "doesnt", "cant", "cannot", "wont", "isnt", "arent", "never",
        "couldnt", "busy", "working", "asleep", "sleeping", "sleep", "sleeps", "stuck", "tied",
        "engagement", "engaged", "commitment", "occupied", "run", "shift", "physio", "class",
        "classes", "lectures", "work",
    }
)  # fmt: skip
"""Words before "till ten" that make the hours up to it the caller's busy ones ("I'm not
free till ten", "I'm no back till half ten", "she doesn't leave until one", "I'm working till
two", "I sleep till twelve", "a prior engagement until one", "I do the school run till half
nine", "I'm on shift until one"), not the ones wished for ("any time till ten")."""


def _not_free_till(tokens: list[Token], w: list[str], i: int) -> bool:
    """ "Till"/"until" at ``i`` closes a clause that says the caller is busy or away until
    then: the hours after it are the ones they can come."""
    j = i - 1
    while j >= 0 and i - j <= 5:
        if w[j] in ("so", "but", "and", "or", "if", "any", "anything", "anytime"):
            return False
        if w[j] in _NOT_FREE:
            return not (w[j] == "no" and j + 1 < i and w[j + 1] in ("later", "earlier", "more"))
        if tokens[j].breaks_before:
            return False
        j -= 1
    return False


def _earliest_of_a_bound(w: list[str], i: int) -> bool:
    """ "earliest" at ``i`` closes "at the (very) earliest" right after an hour said with
    "before", "from" or "not till" ("not before quarter to two at the very earliest")."""
    if w[i] != "earliest":
        return False
    j = i - 1
    if w[j : j + 1] == ["very"]:
        j -= 1
    if w[j - 1 : j + 1] != ["at", "the"]:
        return False
    lead = w[max(0, j - 7) : j - 1]
    return any(b in lead for b in ("before", "from", "till", "until", "til", "after"))


_HOPED: Final = (
    ("if", "you", "have"),
    ("if", "you", "can"),
    ("if", "youve", "got"),
    ("if", "youre", "free"),
    ("if", "possible"),
    ("if", "poss"),
    ("if", "its", "free"),
    ("if", "theres", "one"),
    ("ideally",),
    ("preferably",),
)


_RANGE_ON: Final = frozenset({"to", "till", "til", "until", "and", "through", "thru"})
"""After "from" and an hour, the word that makes it a span's start ("from eleven to two")."""


_ASKING_FOR_HOUR: Final = frozenset(
    {("could", "i", "have"), ("can", "i", "have"), ("may", "i", "have"), ("could", "i", "get"),
     ("can", "i", "get"), ("could", "i", "do"), ("can", "i", "do"), ("could", "i", "take"),
     ("can", "i", "take"), ("ill", "take"), ("i", "ll", "take"), ("i", "ll", "have"),
     ("can", "i", "book"), ("could", "i", "book"),
     ("ill", "have")}
)  # fmt: skip
"""Words asking for what follows ("could I have", "I'll take"): a number after them, in a turn
that dates the visit, is the hour asked for."""


_AFTER_AN_HOUR_ASKED: Final = frozenset(
    {"", "please", "oclock", "o", "then", "thanks", "thank", "ta", "cheers", "if", "on", "pm"}
    | {"am", "in", "that", "at", "thats", "is", "would", "will", "okay", "ok", "yeah", "yes"}
)
"""Words that may follow an hour asked for bare ("Could I have eleven?", "I'll take ten,
please", "can I have ten on the Wednesday"); not a count's ("two for the boys", "two
appointments") nor a stray word a recogniser put there."""


_SAME_THEN: Final = frozenset({"so", "say", "like", "then", "about", "around", "at", "i", "mean"})
"""Words between "same time" and the hour that names it ("same time, so ten")."""


def _after_same_time(w: list[str], i: int) -> bool:
    """Whether the word at ``i`` follows "same time" or "same sort of time" (with at most two
    of :data:`_SAME_THEN` between): "Tuesday, same sort of time? Three?", "same time, so ten"."""
    j = i
    while j > 0 and i - j < 2 and w[j - 1] in _SAME_THEN:
        j -= 1
    return w[max(0, j - 2) : j] == ["same", "time"] or w[max(0, j - 4) : j] in (
        ["same", "sort", "of", "time"],
        ["same", "kind", "of", "time"],
    )


_COUNT_BEFORE_AN_HOUR: Final = frozenset(
    {"the", "my", "our", "have", "got", "had", "both", "those", "these", "all", "cancel", "move",
     "book", "booked", "need", "want", "another", "other", "of", "them", "to", "till", "until",
     "til", "and", "or", "between", "from", "re", "s", "is", "are", "aged", "age", "turned",
     "turning", "turns", "was", "were", "be", "im", "m", "theyre", "hes", "shes", "its"}
)  # fmt: skip
"""Words before a number that make it a count, an age or the end of a span, not an hour ("I've
got two on Friday", "cancel the two on Monday", "from lunchtime to 3 on Monday", "they're 7 on
Monday")."""


_COUNT_BEFORE_A_DATE: Final = frozenset(
    {"have", "got", "had", "are", "the", "my", "our", "both", "those", "these", "all", "of"}
)
"""Words before a number and "on the <day>" that make it a count of appointments ("I've got
two on the first Monday", "there are two on the 3rd"), not an hour ("could it be 11 on the
11th")."""


def _counted_in_a_month(w: list[str], i: int) -> bool:
    """ "One in December and one in January", "two in March": appointments counted by their
    month at ``i``, not an hour (even right after a date)."""
    return (
        w[i] in ("one", "two", "three", "1", "2", "3")
        and w[i + 1 : i + 2] == ["in"]
        and i + 2 < len(w)
        and w[i + 2] in MONTHS
        and w[i + 2] != "may"
    )


def _asked_for_bare(w: list[str], i: int) -> bool:
    """ "Could I have eleven?", "I'll take ten, please": an hour word asked for at ``i``, not
    a count ("could I have two for the boys", "can I have two appointments")."""
    if w[i] not in HOUR_WORDS or w[i] in ("one", "1"):
        return False
    if not any(tuple(w[max(0, i - n) : i]) in _ASKING_FOR_HOUR for n in (2, 3)):
        return False
    nxt = w[i + 1] if i + 1 < len(w) else ""
    # ("well at the time i'll have eight little on friday", a recogniser's half of "what
    # times are available on Friday": no hour asked, where a word the hour never takes follows)
    return nxt in _AFTER_AN_HOUR_ASKED


def _hoped_for(w: list[str], k: int) -> bool:
    """Words from ``k`` that hope for what was just said: "if you have it", "if possible"."""
    return any(tuple(w[k : k + len(p)]) == p for p in _HOPED)


def _at_the_earliest(w: list[str], end: int) -> bool:
    """The hour ending at ``end`` is followed by "at the (very) earliest": a lower bound."""
    rest = w[end : end + 4]
    return rest[:3] == ["at", "the", "earliest"] or rest == ["at", "the", "very", "earliest"]


def time_mentions(
    tokens: list[Token],
    *,
    hours: Hours,
    skip: set[int] | None = None,
    bare_ok: bool = False,
    after_dates: set[int] | None = None,
) -> list[TimeMention]:
    """Every time of day (or window, or relative time) mentioned, in order.

    ``bare_ok``: a number on its own counts as an hour (the agent just asked for a time).
    """
    skip = skip or set()
    w = [t.text for t in tokens]
    n = len(tokens)
    out: list[TimeMention] = []
    turned_end = -1  # where a bound turned ("nothing before ten") ended
    i = 0
    while i < n:
        if i in skip or w[i : i + 4] == ["one", "at", "a", "time"]:
            i += 1  # ("one at a time": one by one, no hour)
            continue
        # a number right after a date is its hour: "Dec 16 11", "Friday 10"
        follows_date = (
            after_dates is not None
            and not _counted_in_a_month(w, i)
            and (
                (i - 1) in after_dates
                # "Friday morning, ten if you can": the hour of that morning
                or (i >= 2 and w[i - 1] in ("morning", "afternoon") and (i - 2) in after_dates)
                # "Friday the 11th - that's my day off - eleven if you have it": a number
                # hoped for, in a turn that dates the visit
                # (not the second of two: "ten and eleven if you can" is read as a pair)
                or (
                    bool(after_dates)
                    and _hoped_for(w, i + 1)
                    and (i == 0 or w[i - 1] not in _RANGE_ON | {"or"})
                )
                # "Wednesday the 30th. Could I have eleven?": the hour asked for, in a turn
                # that dates the visit (not "could I have two for the boys": a count)
                or (bool(after_dates) and _asked_for_bare(w, i))
                # "eleven on Thursday, lovely", "two on Friday then", "10 on next Monday": the
                # hour said before its weekday (not a count: "I've got two on Friday", "the
                # two on Monday", nor "one on Friday", an appointment)
                or (
                    w[i + 1 : i + 2] == ["on"]
                    and (w[i] in HOUR_WORDS or (w[i].isdigit() and 1 <= int(w[i]) <= 12))
                    and w[i] not in ("one", "1")
                    and (i == 0 or w[i - 1] not in _COUNT_BEFORE_AN_HOUR)
                    # ("they're 7 - on Monday the 7th": an age, the day said after a break)
                    and not (tokens[i + 1].breaks_before or "-" in tokens[i + 1].sep)
                    and (
                        w[i + 2 : i + 3]
                        and w[i + 2] in WEEKDAY_NAMES
                        and i + 2 in after_dates
                        or w[i + 2 : i + 3] in (["this"], ["next"])
                        and w[i + 3 : i + 4]
                        and w[i + 3] in WEEKDAY_NAMES
                        and (i + 2 in after_dates or i + 3 in after_dates)
                    )
                )
                # "11 on the 11th", "ten on the tenth": the hour said before its date
                or (
                    w[i + 1 : i + 2] == ["on"]
                    and w[i] != "one"  # "I've got one on the 22nd": an appointment
                    # ("I've got two on the first Monday": a count)
                    and (i == 0 or w[i - 1] not in _COUNT_BEFORE_A_DATE)
                    and _day_of_month_at(tokens, i + 3 if w[i + 2 : i + 3] == ["the"] else i + 2)
                    and (i + 2 in after_dates or i + 3 in after_dates)
                )
            )
        )
        # "Tuesday, same sort of time? Three?", "same time, so ten": the hour the "same" is
        follows_same = w[i] in HOUR_WORDS and _after_same_time(w, i)
        follows_date = follows_date or follows_same
        summed = _hours_from(tokens, w, i, hours, skip)
        if summed is not None:
            # "an hour before noon", "two hours after you open", "halfway between nine and one"
            out.append(summed)
            i = summed.end
            continue
        bounded = _bound_by_that(tokens, w, i, out, hours)
        if bounded is not None:
            out[-1] = bounded
            i += 2
            continue
        found = _time_at(tokens, w, i, hours, bare_ok=bare_ok or follows_date, skip=skip)
        if found is None:
            i += 1
            continue
        mention, used = found
        negated = (
            _negated(w, i)
            or _busy(tokens, i, of_time=True)
            or (_ruled_out_after(w, mention.end) and not _held_said(w, mention))
        )
        if (
            w[i] in ("lunch", "lunchtime")
            and mention.window is not None
            and w[max(0, i - 2) : i - 1] in (["not"], ["nothing"], ["never"], ["no"])
            and w[i - 1] in ("over", "at", "around", "during", "near")
        ):
            # "not over lunch", "nothing around lunchtime", "never at lunch": those hours set
            # aside, the rest of the day still wanted
            out.append(replace(mention, negated=True, set_aside=True))
            i += max(1, used)
            continue
        part = mention.window is not None and (
            w[i] in _PARTS_OF_DAY or (w[i] in ("after", "before") and "lunch" in w[i + 1 : i + 3])
        )
        if (
            part
            and w[i] in _PARTS_OF_DAY
            and i > 0
            and w[i - 1].removesuffix("s") in WEEKDAY_NAMES
            and _part_ruled_out(
                w,
                mention.end,
                listed=i >= 3
                and w[i - 2] in ("and", "or")
                and w[i - 3].removesuffix("s") in WEEKDAY_NAMES,
            )
        ):
            # "Monday and Wednesday mornings, so not them": the days are ruled out with it (see
            # _days_with_a_part_ruled_out), the part of the day is no wish
            out.append(replace(mention, negated=True))
            i += max(1, used)
            continue
        refused = part and (
            _negated(w, i)
            or _part_of_the_day_refused(w, i)
            or _part_refused(tokens, w, i)
            # "mornings are a bit difficult for me": every morning, so the rest of the day
            # (not "the morning is too early": that one only)
            or (w[i] in ("mornings", "afternoons") and _ruled_out_after(w, mention.end))
            # "I work mornings", "she's at school afternoons": every one of them, so the rest
            # of the day
            or (w[i] in ("mornings", "afternoons") and _busy(tokens, i, of_time=True))
        )
        if refused and mention.window is not None:
            # "no mornings please", "not in the afternoon" (not "the morning is too early":
            # that one says what is wrong with it, and only rules it out)
            rest = _rest_of_day(mention.window, hours)
            if rest is not None:
                # a part of the day ruled out asks for the rest of it
                mention, negated = replace(mention, window=rest), False
            else:
                negated = True
        if (
            mention.window is not None
            and w[i] in _BOUNDS
            and (
                w[i - 1 : i] == ["nothing"]
                or negated
                and w[i - 1 : i] == ["not"]
                or _cant_before(tokens, w, i)
                or _unfit_before(tokens, w, i)
                or (w[i] == "before" and _at_the_earliest(w, mention.end))
                # "nothing before ten or after two": the second bound turned like the first
                or (w[i - 1 : i] == ["or"] and turned_end == i - 1)
                # "I'm not free till ten", "her carer doesn't leave until half one", "I'm at
                # work till two": busy until then, so from then on
                # (not the end of a span: "lates, two till ten")
                or (
                    w[i] in _TILL
                    and not (i > 0 and tokens[i - 1].text in HOUR_WORDS + ("noon",))
                    and not (i > 0 and tokens[i - 1].kind in ("num", "clock"))
                    and (negated or _not_free_till(tokens, w, i))
                )
            )
        ):
            # "not before ten", "nothing before ten": from ten on; "not after two": up to two;
            # "I can't get there before half ten": from the hour after it
            mention, negated = _bound_turned(mention, hours), False
            turned_end = mention.end
            if (
                w[i] in ("before", *_TILL)
                and mention.window is not None
                and _half_said(tokens, w, i, hours)
            ):
                lo, hi = mention.window
                if lo.hour + 1 < hi.hour:
                    mention = replace(mention, window=(time(lo.hour + 1), hi))
        if negated and mention.at is not None and not out and _done_at(w, i):
            # "I finish at two", "my shift ends at 2", "I finish work at twelve": busy until
            # then, so from the hour after it on (not after a time asked for: "late afternoon
            # ideally, I finish work at half one" is the reason for it, kept as said)
            start = mention.at.hour + 1
            if start < hours.close_hour:
                mention, negated = (
                    replace(mention, at=None, window=_window(start, 24, hours)),
                    False,
                )
        out.append(replace(mention, negated=negated))
        i += max(1, used)
    out = _in_between([_ride_bound(t, w, hours) for t in out], w, hours)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        between = w[a.end : b.start]
        if (
            a.at is not None
            and b.at is not None
            and between[:1] == ["or"]
            and set(between) <= _OR_LINK
        ):
            out[k] = replace(a, or_next=True)
    return [
        replace(t, negated=True, set_aside=True) if t.window and _span_excepted(w, t) else t
        for t in out
    ]


_EXCEPTED_LEADS: Final = frozenset({"from", "between", "the", "hours", "of"})


_BACK_OF: Final = frozenset({"shes", "hes", "theyre", "one", "bus", "train", "lift", "taxi"})
"""Who or what is back at an hour that bounds the caller's visit: the carer ("she's back at
three"), the ride home ("the last one back is quarter past three")."""
_ARRIVES: Final = (("gets", "in"), ("get", "in"), ("arrives",), ("pulls", "in"), ("comes", "in"))
_ARRIVING: Final = frozenset({"bus", "train", "tram", "ferry", "coach", "it"})


def _ride_bound(t: TimeMention, w: list[str], hours: Hours) -> TimeMention:
    """An hour the caller's day turns on, read as the bound it sets: "she's back at three" (the
    carer) and "the last one back is quarter past three" (the bus home) leave the hour before
    it for the visit and the way back (slots are an hour long); "the bus gets in at twenty to
    ten" is the first hour the caller can be there (not "I'm back at three": the caller's
    own; not "the bus comes in at ten" said with no ride: a bus stop's times alone)."""
    if t.at is None or t.window is not None:
        return t
    lead = w[max(0, t.start - 4) : t.start]
    minutes = t.at.hour * 60 + t.at.minute
    if "back" in lead[-3:]:
        k = len(lead) - 1 - lead[::-1].index("back")
        if k > 0 and lead[k - 1] in _BACK_OF and set(lead[k + 1 :]) <= {"at", "is", "by", "for"}:
            last_end = (minutes - 60) // 60 + 1
            if last_end > hours.open_hour:
                return replace(t, at=None, negated=False, window=_window(0, last_end, hours))
        return t
    for verb in _ARRIVES:
        n = len(verb)
        for k in range(len(lead) - n + 1):
            rest = lead[k + n :]
            if (
                tuple(lead[k : k + n]) == verb
                and set(rest) <= {"at", "about", "around"}
                and k > 0
                and lead[k - 1] in _ARRIVING
                and ("bus" in w or "train" in w or lead[k - 1] != "it")
            ):
                first = -(-minutes // 60)
                if first < hours.close_hour:
                    return replace(t, at=None, negated=False, window=_window(first, 24, hours))
    return t


def _in_between(out: list[TimeMention], w: list[str], hours: Hours) -> list[TimeMention]:
    """ "I drop him at quarter to nine and fetch him at half three, so anywhere in between",
    "they drop us off about eleven and pick us up at two, so it has to be in between": the
    hours between the two said, the visit ending by the second (slots are an hour long)."""
    for k, word in enumerate(w):
        if word != "between" or any(t.start in (k + 1, k + 2) for t in out):
            continue  # ("between eleven and two": a span of its own)
        said = [t for t in out if t.end <= k and (t.at is not None or t.window is not None)]
        if len(said) < 2 or k - said[-1].end > 8:
            continue
        a, b = said[-2], said[-1]
        if a.at is None:
            continue
        first = -(-(a.at.hour * 60 + a.at.minute) // 60)
        if b.at is not None:
            last_end = (b.at.hour * 60 + b.at.minute - 60) // 60 + 1
        elif b.window is not None and b.window[0].hour <= hours.open_hour:
            last_end = b.window[1].hour  # "pick us up at two", read as up to two
        else:
            continue
        if first >= last_end:
            continue
        mention = TimeMention(a.start, k + 1, window=_window(first, last_end, hours))
        return [t for t in out if t is not a and t is not b] + [mention]
    return out


def _span_excepted(w: list[str], t: TimeMention) -> bool:
    """ "All day Tuesday except from twelve till two", "any time apart from 12 to 2", "but not
    between 12 and 2": hours set aside inside a day otherwise free, not asked for."""
    if t.at is not None or t.window is None or t.window[1] <= time(t.window[0].hour + 1):
        return False
    if w[t.start] in _BOUNDS or w[t.start] in _PARTS_OF_DAY:
        return False  # "not after 2", "except the morning": read as bounds and parts already
    k = t.start - 1
    while k >= 0 and w[k] in _EXCEPTED_LEADS:
        k -= 1
    if k < 0:
        return False
    return (
        w[k] in ("except", "not", "excluding")
        or w[k] == "apart"
        or (w[k] == "than" and k > 0 and w[k - 1] == "other")
    )


_OR_LINK: Final = frozenset({"or", "maybe", "perhaps", "possibly", "even", "at", "else"})


_OPENING: Final = (
    ("you", "open"),
    ("you", "guys", "open"),
    ("you", "start"),
    ("the", "doors", "open"),
    ("the", "clinic", "opens"),
    ("the", "office", "opens"),
    ("opening",),
    ("opening", "time"),
)
_CLOSING: Final = (
    ("you", "close"),
    ("you", "guys", "close"),
    ("you", "shut"),
    ("you", "finish"),
    ("the", "clinic", "closes"),
    ("the", "office", "closes"),
    ("closing",),
    ("closing", "time"),
)


def _hour_count(w: list[str], i: int) -> tuple[int, int] | None:
    """(hours, words used) of a count of hours at ``i``: "an hour", "two hours", "a couple of
    hours", "3 hours"."""
    k = i
    if w[k : k + 2] == ["a", "couple"] or w[k] == "couple":
        # "a couple of hours", "a couple hours", "couple of hours"
        count = 2
        k += 2 if w[k] == "a" else 1
        k += 1 if w[k : k + 1] == ["of"] else 0
    elif w[k] in ("an", "a", "one"):
        count, k = 1, k + 1
    elif w[k] in NUMBER_WORDS and 1 < NUMBER_WORDS[w[k]] <= 6:
        count, k = NUMBER_WORDS[w[k]], k + 1
    elif w[k].isdigit() and 1 < int(w[k]) <= 6:
        count, k = int(w[k]), k + 1
    else:
        return None
    if w[k : k + 1] not in (["hour"], ["hours"]) or (count == 1) != (w[k] == "hour"):
        return None
    return count, k + 1 - i


def _base_hour(
    tokens: list[Token], w: list[str], k: int, hours: Hours, skip: set[int]
) -> tuple[int, int] | None:
    """(hour, end) of what an hour is counted from: noon, the clinic's opening or closing
    ("you open", "closing time"), or a clock said ("nine", "2 pm")."""
    if k >= len(w):
        return None
    if w[k] in ("noon", "midday"):
        return 12, k + 1
    for said, hour in ((_OPENING, hours.open_hour), (_CLOSING, hours.close_hour)):
        for phrase in sorted(said, key=len, reverse=True):
            if tuple(w[k : k + len(phrase)]) == phrase:
                return hour, k + len(phrase)
    value = _num_value(tokens[k])
    if value is None or not 1 <= value <= 12 or tokens[k].kind == "ord" or k in skip:
        return None
    suffix, used = _suffix(w, k + 1)
    at = _apply(value, 0, suffix, hours)
    return (at.hour, k + 1 + used) if at is not None else None


def _hours_from(
    tokens: list[Token], w: list[str], i: int, hours: Hours, skip: set[int]
) -> TimeMention | None:
    """A time said as a sum from another hour: "an hour before noon" (11), "two hours after you
    open" (11 when the clinic opens at 9), "an hour before you close" (its last hour), "a
    couple of hours before noon" (10), "halfway between nine and one" (11). Not "in two
    hours" (counted from now) nor "two hours before my appointment" (no hour said)."""
    if w[i] in ("halfway", "midway") or w[i : i + 2] == ["half", "way"]:
        k = i + (2 if w[i] == "half" else 1)
        if w[k : k + 1] != ["between"]:
            return None
        first = _base_hour(tokens, w, k + 1, hours, skip)
        if first is None or w[first[1] : first[1] + 1] != ["and"]:
            return None
        second = _base_hour(tokens, w, first[1] + 1, hours, skip)
        if second is None or (first[0] + second[0]) % 2:
            return None
        return TimeMention(i, second[1], at=time((first[0] + second[0]) // 2))
    counted = _hour_count(w, i)
    if counted is None or i + counted[1] >= len(w):
        return None
    count, used = counted
    way = w[i + used]
    if way not in ("before", "after", "past"):
        return None
    base = _base_hour(tokens, w, i + used + 1, hours, skip)
    if base is None:
        return None
    hour = base[0] - count if way == "before" else base[0] + count
    if not 0 <= hour < 24:
        return None
    return TimeMention(i, base[1], at=time(hour))


_BOUNDS = frozenset({"before", "after", "until", "till", "til", "by"})
_THAT_REACH = 10
"""The most words between a time of the caller's day and the "after that" that bounds by it."""


def _bound_by_that(
    tokens: list[Token], w: list[str], i: int, out: list[TimeMention], hours: Hours
) -> TimeMention | None:
    """ "I pick them up at quarter past two, so any time after that", "the bus doesn't get in
    till ten past ten, so after that in the morning": the time of the caller's own day said
    just before, turned into the bound it sets (the hour after it, or the hours before it)."""
    if w[i] not in ("after", "before") or w[i + 1 : i + 2] != ["that"] or not out:
        return None
    if w[i + 2 : i + 3] == ["one"] or w[max(0, i - 1) : i] in (["one"], ["ones"]):
        return None  # "the next one after that one": a slot after the one held, no bound
    ref = out[-1]
    if i - ref.end > _THAT_REACH or ref.end > i:
        return None
    anchor = ref.at
    if anchor is None and ref.window is not None and w[ref.start] in _BOUNDS:
        found = (
            _past_or_to(tokens, w, ref.start + 1, hours)
            # "her carer's in till half ten, so after that": the British half hour
            or _half_hour(tokens, w, ref.start + 1, hours)
            or _exact_time(tokens, w, ref.start + 1, hours, lead=True)
        )
        anchor = found[0] if found is not None else None
    if anchor is None:
        return None
    if w[i] == "before" and any(x in _CANT_THAT for x in w[max(ref.end, i - 4) : i]):
        # "her carer doesn't leave till half one and I can't leave her before that": the
        # hours from then on
        lo = anchor.hour + (1 if anchor.minute else 0)
        return TimeMention(ref.start, i + 2, window=_window(lo, 24, hours))
    if w[i] == "after":
        return TimeMention(ref.start, i + 2, window=_window(anchor.hour + 1, 24, hours))
    if anchor.hour <= hours.open_hour:
        return TimeMention(ref.start, i + 2, earliest=True)
    return TimeMention(ref.start, i + 2, window=_window(0, anchor.hour, hours))


_CANT_THAT: Final = frozenset({"cant", "cannot", "not", "couldnt", "wont", "never", "no"})


def _bound_turned(mention: TimeMention, hours: Hours) -> TimeMention:
    """The other side of a bound said with "not" ("not before ten" is ten or later)."""
    assert mention.window is not None
    lo, hi = mention.window
    open_at, close_at = time(hours.open_hour), time(min(hours.close_hour, 23))
    if lo <= open_at and hi < close_at:
        return replace(mention, window=(hi, close_at))
    if hi >= close_at and lo > open_at:
        return replace(mention, window=(open_at, lo))
    return mention


_PARTS_OF_DAY = frozenset({"morning", "mornings", "afternoon", "afternoons", "evening", "evenings"})


def _part_of_the_day_refused(w: list[str], i: int) -> bool:
    """ "not Monday morning", "not tomorrow afternoon": the part of the day at ``i``, said
    straight after a day turned down with "not", is what is refused."""
    return (
        i >= 2
        and i < len(w)
        and w[i] in _PARTS_OF_DAY
        and (w[i - 1] in WEEKDAY_NAMES or w[i - 1] in ("today", "tomorrow"))
        and w[i - 2] == "not"
        # (not "tomorrow, and if not Monday morning": a second choice, the morning wanted)
        and w[i - 3 : i - 2] != ["if"]
    )


def _part_refused(tokens: list[Token], w: list[str], i: int) -> bool:
    """ "no mornings", "not in the morning", "anything but the afternoon" (not "no, morning":
    a no that answers, then the part of the day wanted)."""
    j = i - 1
    while (
        j >= 0
        and w[j] in ("in", "the", "any", "early", "late", "whole", "entire")
        and not tokens[j + 1].breaks_before
    ):
        j -= 1
    if j < 0 or tokens[j + 1].breaks_before:
        return False
    if w[j] in ("no", "not", "except"):
        return True
    if w[j] == "but":
        return not _but_narrows(w, j)
    if w[i + 1 : i + 2] == ["off"] and w[j] in ("take", "taking", "book", "booking", "lose"):
        return True  # "I'd have to take the whole morning off otherwise": no use to them
    if _A_PART_REFUSED.search(" ".join(w[max(0, i - 8) : i])):
        return True  # "I'm not good for much of a morning", "I'm useless in the mornings"
    # "I don't drive after lunch", "I can't do mornings", "we can't come in the afternoon"
    # (not "I don't mind the afternoon")
    k = j
    while k >= 0 and j - k < 3 and not tokens[k + 1].breaks_before:
        if w[k] in _REFUSING and not (set(w[k + 1 : i]) & _NOT_REFUSING):
            return True
        k -= 1
    return False


_REFUSING = frozenset({"dont", "cant", "cannot", "wont", "couldnt", "never"})
_A_PART_REFUSED: Final = re.compile(
    r"\b(?:(?:not|no|never|isnt|arent) (?:\w+ )?(?:good|great|use|fit|at my best)"
    r"|useless|hopeless|rubbish|terrible|awful|dead) (?:for|in|of)(?: much of)?(?: a| an| the)?$"
)
"""Before a part of the day, what says the caller is no use then ("not good for much of a",
"no good in the", "useless in the")."""
_NOT_REFUSING = frozenset({"mind", "care", "matter", "know", "think", "sure", "wait"})


def _rest_of_day(window: tuple[time, time], hours: Hours) -> tuple[time, time] | None:
    """The hours left when a part of the day is ruled out: no morning, the afternoon."""
    lo, hi = window
    open_at, close_at = time(hours.open_hour), time(min(hours.close_hour, 23))
    if lo <= open_at and time(12) >= hi > open_at:
        return (hi, close_at) if hi < close_at else None
    if lo >= time(12) and hi >= close_at:
        return (open_at, lo) if lo > open_at else None
    return None


def _window(start: int, end: int, hours: Hours) -> tuple[time, time]:
    start = max(start, hours.open_hour)
    end = min(end, hours.close_hour)
    return time(start % 24, 0), time(end % 24, 0) if end < 24 else time(23, 59)


_NTH: Final = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_SLOT_NOUNS: Final = frozenset({"appointment", "appt", "slot", "one", "time", "opening", "spot"})
_NEXT_TO_LAST: Final = (
    ("next", "to", "last"),
    ("second", "to", "last"),
    ("second", "last"),
    ("last", "but", "one"),
    ("penultimate",),
)


_COUNT_WORDS: Final = {"one": 1, "two": 2, "three": 3, "four": 4}
_WHOSE_END: Final = frozenset({"the", "your", "their", "my"})


def _counted_from_an_end(w: list[str], i: int, hours: Hours) -> tuple[TimeMention, int] | None:
    """ "The slot two before your last one of the day" (1 with a 3 o'clock last start), "two
    after the first appointment" (11 with a 9 o'clock start): a start counted from the day's
    first or last (appointments start on the hour)."""
    n = _COUNT_WORDS.get(w[i])
    if n is None:
        return None
    k = i + 1
    if w[k : k + 1] and w[k].rstrip("s") in _SLOT_NOUNS:
        k += 1  # "two slots before the last"
    if w[k : k + 1] not in (["before"], ["after"]):
        return None
    before = w[k] == "before"
    k += 1
    if w[k : k + 1] and w[k] in _WHOSE_END:
        k += 1
    if w[k : k + 1] != (["last"] if before else ["first"]):
        return None
    k += 1
    if not (w[k : k + 1] and w[k] in _SLOT_NOUNS):
        return None
    k += 1
    if w[k : k + 3] == ["of", "the", "day"]:
        k += 3
    end_hour = hours.close_hour - 1 if before else hours.open_hour
    at = end_hour - n if before else end_hour + n
    if not hours.open_hour <= at < hours.close_hour:
        return None
    return TimeMention(i, k, at=time(at)), k - i


def _slot_position(w: list[str], i: int, hours: Hours) -> tuple[TimeMention, int] | None:
    """A start time named by its place in the clinic's day (appointments start on the hour):
    "the second appointment of the day" (10 with a 9 o'clock start), "the third slot of the
    afternoon", "the next-to-last appointment", "the last but one", "the one just before
    lunch" (the hour before noon)."""
    nth = _NTH.get(w[i])
    if (
        nth is not None
        and w[i + 1 : i + 2]
        and w[i + 1] in _SLOT_NOUNS
        and w[i + 2 : i + 4] == ["of", "the"]
        and w[i + 4 : i + 5] in (["day"], ["morning"], ["afternoon"])
    ):
        lo, hi = {"day": (hours.open_hour, hours.close_hour), "morning": (hours.open_hour, 12)}.get(
            w[i + 4], (12, hours.close_hour)
        )
        starts = range(max(lo, hours.open_hour), min(hi, hours.close_hour))
        if nth > len(starts):
            return None
        return TimeMention(i, i + 5, at=time(starts[nth - 1])), 5
    counted = _counted_from_an_end(w, i, hours)
    if counted is not None:
        return counted
    for said in _NEXT_TO_LAST:
        end = i + len(said)
        if tuple(w[i:end]) != said:
            continue
        if said[-1] != "one" and not (w[end : end + 1] and w[end] in _SLOT_NOUNS):
            return None
        last = hours.close_hour - 1
        if w[end + 1 : end + 4] == ["of", "the", "morning"]:
            last = min(last, 11)
        if last - 1 < hours.open_hour:
            return None
        used = end - i + (0 if said[-1] == "one" else 1)
        return TimeMention(i, i + used, at=time(last - 1)), used
    if (
        w[i] in ("just", "right", "straight")
        and w[i + 1 : i + 2] == ["before"]
        and w[i + 2 : i + 3] in (["lunch"], ["lunchtime"])
        and hours.open_hour < 12
    ):
        return TimeMention(i, i + 3, at=time(11)), 3  # the last start before noon
    return None


_ONE_OF: Final = frozenset(
    {"your", "the", "my", "our", "his", "her", "their", "them", "us", "those", "these", "you"}
)


def _time_at(
    tokens: list[Token],
    w: list[str],
    i: int,
    hours: Hours,
    *,
    bare_ok: bool,
    skip: set[int],
) -> tuple[TimeMention, int] | None:
    tok = tokens[i]
    word = tok.text
    back = i - 1
    while back > 0 and w[back] in _HESITATIONS:
        back -= 1  # "around, um, one-ish": the hesitation is not the word before
    prev = w[back] if back >= 0 else ""
    nxt = w[i + 1] if i + 1 < len(w) else ""
    nxt2 = w[i + 2] if i + 2 < len(w) else ""
    position = _slot_position(w, i, hours)
    if position is not None:
        return position
    routine = _every_part_from(tokens, w, i, hours)
    if routine is not None:
        return routine
    if word == "one" and (
        nxt
        in (
            *("morning", "afternoon", "evening", "day", "week", "weekday", "for", "as", "too"),
            *("thing", "things", "more", "question", "quick"),
            # "I am calling for make one appointment": a count, not one o'clock
            *("appointment", "appt", "booking", "visit", "consultation", "checkup", "slot"),
        )
        or (nxt in ("right", "straight", "after") and "after" in w[i + 1 : i + 3])
        # "I'm a patient, not one of your physicians", "one of the nurses said": one of them
        or (nxt == "of" and nxt2 in _ONE_OF)
    ):
        # "one morning this week", "and one right after for my son": any morning, another
        # appointment; "oh, one thing", "one more question": not one o'clock
        return None
    if (
        word == "one"
        and prev == "like"
        and back >= 1
        and w[back - 1] in ("sound", "sounds", "look", "looks", "seem", "seems", "talk")
    ):
        return None  # "you sound like one" (a computer): a pronoun, not 1 o'clock
    if (
        word in ("two", "three", "2", "3")
        and (
            prev in ("those", "these", "both")
            or (prev == "the" and back >= 1 and w[back - 1] == "of")
        )
        and nxt not in _HOUR_SUFFIXES
    ):
        return None  # "the earlier of those two", "which of the two": a count, not an hour
    if (
        word == "one"
        and (prev in ("todays", "tomorrows") or prev.removesuffix("s") in WEEKDAY_NAMES)
        and prev.endswith("s")
        and nxt not in _HOUR_SUFFIXES
    ):
        # "move fridays one to monday", "cancel tomorrows one": a recogniser's "Friday's one"
        # (the appointment that day), not one o'clock
        return None
    if word == "one" and prev in _GETTING and nxt not in _HOUR_SUFFIXES:
        # "can I get one this afternoon", "I need one on Friday": an appointment, not 1 o'clock
        return None
    if word == "lunch" and nxt in ("hour", "break") and prev in ("my", "during", "in", "on"):
        # "during my lunch hour": the slot at noon
        return TimeMention(i, i + 2, window=_window(12, 13, hours)), 2
    if word == "after" and nxt == "noon" and prev not in ("just", "right", "shortly", "soon"):
        # a recogniser's "after noon" for "afternoon" (and said so, it means the same slots)
        return TimeMention(i, i + 2, window=_window(12, 24, hours)), 2
    if word in ("noon", "midday"):
        return TimeMention(i, i + 1, at=time(12, 0)), 1
    if word == "lunchtime" or (word == "lunch" and prev in ("at", "around", "over")):
        return TimeMention(i, i + 1, window=_window(12, 14, hours)), 1
    if word in ("lunch", "lunchtime") and (
        prev in _NEARER or (prev == "to" and i >= 2 and w[i - 2] in _NEARER)
    ):
        # "something nearer lunch?", "closer to lunch": as near noon as may be, like "nearer
        # midday"
        return TimeMention(i, i + 1, at=time(12, 0)), 1
    if word == "same" and nxt in ("time", "hour", "slot", "times", "hours", "slots"):
        return TimeMention(i, i + 2, same=True), 2  # "same times": each its own, for several
    if (
        word == "same"
        and nxt in ("days", "day")
        and w[i + 2 : i + 4] in (["and", "time"], ["and", "times"])
    ):
        return TimeMention(i + 3, i + 4, same=True), 4  # "same days and times"
    if word in ("morning", "afternoon", "evening") and prev == "good":
        return None  # "good morning" is a greeting
    if word in ("morning", "evening", "night") and nxt in ("person", "people", "type", "types"):
        return None  # "I'm not a morning person": who they are, not a part of the day asked
    if (
        word in ("morning", "afternoon", "evening", "mornin")
        and i == 0
        and i + 1 < len(tokens)
        and (tokens[i + 1].breaks_before or tokens[i + 1].aside)
    ):
        # "Morning! Can I get first thing Tuesday?", "Evening - is this the booking line?": a
        # greeting said first ("Afternoon." alone, to what time suits, is the time)
        return None
    if (
        word in ("morning", "afternoon", "evening", "mornin")
        and i == 0
        and nxt in _AFTER_A_GREETING
    ):
        # heard unpunctuated: "morning its irene walsh", "afternoon this is dan", "evening
        # love": a greeting said first, not the part of the day asked for
        return None
    if (
        word in ("morning", "afternoon", "evening", "mornin")
        and i == 1
        and prev in ("hi", "hello", "hey", "hiya", "oh", "yeah", "yes", "right", "and")
        and i + 1 < len(tokens)
        and (tokens[i + 1].breaks_before or tokens[i + 1].aside or nxt in _AFTER_A_GREETING)
    ):
        # "Hi, morning - I've just done the school run", "oh hello morning its Sue": a
        # greeting after a greeting, not the part of the day asked for
        return None
    if word in ("morning", "mornings"):
        if prev in ("early",):
            return TimeMention(i - 1, i + 1, earliest=True), 1
        if prev in ("late", "mid"):
            if w[i + 1 : i + 3] in (["or", "after"], ["or", "later"]) or w[i + 1 : i + 2] in (
                ["onwards"],
                ["onward"],
            ):
                # "Wednesday late morning or after?", "late morning onwards": from then on
                used = 3 if w[i + 1] == "or" else 2
                return TimeMention(i - 1, i + used, window=_window(10, 24, hours)), used
            return TimeMention(i - 1, i + 1, window=_window(10, 12, hours)), 1
        return TimeMention(i, i + 1, window=_window(0, 12, hours)), 1
    if word in ("afternoon", "afternoons"):
        if prev == "early":
            return TimeMention(i - 1, i + 1, window=_window(12, 14, hours)), 1
        if prev in ("late", "mid"):
            # "mid-afternoon": two or later, the middle of the clinic's afternoon
            lo = 15 if prev == "late" else 14
            return TimeMention(i - 1, i + 1, window=_window(lo, 24, hours)), 1
        return TimeMention(i, i + 1, window=_window(12, 24, hours)), 1
    if word in ("evening", "evenings") or (word == "after" and nxt in ("work", "school")):
        return TimeMention(i, i + 1, window=_window(15, 24, hours)), 1
    if word == "not" and nxt == "too" and nxt2 in ("early", "late"):
        # "Friday, not too early though": past the first hour; "not too late": before the last
        if nxt2 == "early":
            return TimeMention(i, i + 3, window=_window(hours.open_hour + 1, 24, hours)), 3
        return TimeMention(i, i + 3, window=_window(0, hours.close_hour - 1, hours)), 3
    if word == "not" and w[i + 1 : i + 5] == ["the", "crack", "of", "dawn"]:
        # "not the crack of dawn": past the first hour, as "not too early"
        return TimeMention(i, i + 5, window=_window(hours.open_hour + 1, 24, hours)), 5
    if word in ("not", "but") and nxt == "first" and nxt2 == "thing":
        # "only a Friday, and not first thing", "any time but first thing (in the morning)":
        # past the first hour, as "not too early"
        used = 6 if w[i + 3 : i + 6] == ["in", "the", "morning"] else 3
        return TimeMention(i, i + used, window=_window(hours.open_hour + 1, 24, hours)), used
    if word == "crack" and w[i + 1 : i + 3] == ["of", "dawn"]:
        return TimeMention(i, i + 3, earliest=True), 3  # "at the crack of dawn"
    if word == "first" and nxt == "thing":
        return TimeMention(i, i + 2, earliest=True), 2
    if word == "early" and prev == "as" and nxt == "as":
        return TimeMention(i - 1, i + 2, earliest=True), 2  # "as early as you can"
    if word == "before" and nxt in ("work", "school"):
        return TimeMention(i, i + 2, earliest=True), 2
    due = _due_at_work(tokens, w, i, hours)
    if due is not None:
        return due
    if word == "before" and (nxt in ("lunch", "lunchtime") or nxt2 in ("lunch", "lunchtime")):
        # "before lunch", "before my lunch": the morning
        used = 2 if nxt in ("lunch", "lunchtime") else 3
        return TimeMention(i, i + used, window=_window(0, 12, hours)), used
    if word in ("before", "until", "till", "til", "by") and nxt in ("noon", "midday"):
        # "any time before noon", "b4 midday": the morning, noon itself not included
        return TimeMention(i, i + 2, window=_window(0, 12, hours)), 2
    if word == "after" and (nxt in ("lunch", "lunchtime") or nxt2 in ("lunch", "lunchtime")):
        # "after lunch", "after the lunch", "after my lunch"
        used = 2 if nxt in ("lunch", "lunchtime") else 3
        return TimeMention(i, i + used, window=_window(13, 24, hours)), used
    if word in ("earliest", "soonest") and nxt in ("time", "slot", "appointment", "one"):
        return TimeMention(i, i + 2, earliest=True), 2
    if (
        word in ("latest", "last")
        and nxt in ("time", "slot", "appointment", "one", "thing")
        and not (word == "last" and nxt == "one" and prev in _THEIR_OWN)
    ):
        # (not "my last one finishes Wednesday morning": the caller's own last shift)
        return TimeMention(i, i + 2, latest=True), 2
    if (
        word in ("last", "first")
        and nxt in ("morning", "afternoon")
        and nxt2 in ("time", "slot", "appointment", "one", "opening")
    ):
        # "the last morning slot", "your first afternoon appointment": the end of that part of
        # the day (the part itself is read at its own word)
        if word == "last":
            return TimeMention(i, i + 1, latest=True), 1
        return TimeMention(i, i + 1, earliest=True), 1
    if word == "latest" and nxt not in ("one", "of", "news", "version"):
        return TimeMention(i, i + 1, latest=True), 1  # "the latest you have on Friday"
    if word == "late" and prev == "as" and nxt == "as":
        return TimeMention(i - 1, i + 3, latest=True), 2
    if word in ("late", "early") and prev != "as" and nxt == "as" and nxt2 in _CAN_BE:
        # "late as possible", "early as you can": the first "as" dropped, as people type
        if word == "early":
            return TimeMention(i, i + 3, earliest=True), 3
        return TimeMention(i, i + 3, latest=True), 3
    if (
        word in ("early", "late")
        and prev == "as"
        and w[i + 1 : i + 5] == ["in", "the", "day", "as"]
    ):
        # "as late in the day as you can", "as early in the day as possible"
        if word == "early":
            return TimeMention(i - 1, i + 5, earliest=True), 5
        return TimeMention(i - 1, i + 5, latest=True), 5
    part = _day_part_word(tokens, w, i, hours)
    if part is not None:
        return part
    if word == "end" and nxt == "of" and nxt2 == "the" and i + 3 < len(w) and w[i + 3] == "day":
        if _figure_of_speech(tokens, w, i):
            return None
        return TimeMention(i, i + 4, latest=True), 4
    shift = _shift(tokens, w, i)
    if shift is not None:
        return shift
    if (
        word in ("after", "before", "from", "past", "until", "till", "til", "by")
        and (i + 1 < len(w) and (i + 1) not in skip)
        and not _sentence_ends_before(tokens, i + 1)  # "the day after? Ten again."
        and not (i + 2 < len(w) and w[i + 2] in _DURATION_UNITS)  # "by one week": how far
    ):
        # "after quarter past two", "not till ten past ten": the minutes said first
        exact = (
            _past_or_to(tokens, w, i + 1, hours)
            or _half_hour(tokens, w, i + 1, hours)
            or _exact_time(tokens, w, i + 1, hours, lead=True)
        )
        if exact is not None and not (word == "past" and prev in ("half", "quarter")):
            at, used = exact
            end = i + 1 + used
            tail = w[end] if end < len(w) else ""
            onward = tail in ("on", "onwards", "onward")
            any_from = (
                prev in ("anytime", "anything") or w[max(0, i - 2) : i] == ["any", "time"]
            ) and tail not in _RANGE_ON  # not "any time from eleven to two": a span
            if word == "after" or (word == "from" and (onward or any_from)):
                # "after 2" means a later slot; "from 2 on" and "any time from 2" include 2;
                # "after 3" when 3 is the last start is that last slot
                lo = at.hour + 1 if word == "after" else at.hour + (1 if at.minute else 0)
                if word == "after" and not at.minute and lo >= hours.close_hour > at.hour:
                    lo = at.hour
                used_tail = 1 if word == "from" and onward else 0
                return TimeMention(i, end + used_tail, window=_window(lo, 24, hours)), end - i
            if word in ("before", "until", "till", "til", "by"):
                if at.hour <= hours.open_hour and not (
                    at.minute
                    and (
                        word == "before"
                        and (prev in ("not", "nothing") or _cant_before(tokens, w, i))
                        or word in _TILL
                        and _not_free_till(tokens, w, i)
                    )
                ):
                    # "anything before nine?" when the first start is nine: the earliest
                    # (not "not before half nine", "I do the school run till half nine":
                    # the bound turned, from ten)
                    return TimeMention(i, end, earliest=True), end - i
                return TimeMention(i, end, window=_window(0, at.hour, hours)), end - i
    if word == "half" and nxt not in ("past", "after", "to", "til", "an", "a") and prev != "and":
        hour = _hour_at(tokens, i + 1)
        if hour is not None and (i + 2 >= len(w) or w[i + 2] not in ("hour", "hours")):
            # British "half nine": 9:30
            suffix, used = _suffix(w, i + 2)
            half_nine = _apply(hour, 30, suffix, hours)
            if half_nine is not None:
                return TimeMention(i, i + 2 + used, at=half_nine), 2 + used
    twenty_five = word == "twenty" and nxt == "five"
    if (
        word in ("five", "ten", "twenty", "5", "10", "20", "25")
        and (w[i + 2] if twenty_five and i + 2 < len(w) else nxt) in ("past", "to", "til")
        and not (word in ("ten", "10") and nxt != "past")  # "ten to twelve": a span, maybe
        and prev != "twenty"
        and not (set(w[i + 3 : i + 5]) & _DURATION_UNITS)  # "five to ten minutes"
    ):
        # "the bus gets in at twenty to ten", "ten past nine": the minutes said first
        minutes_first = _past_or_to(tokens, w, i, hours)
        if minutes_first is not None:
            return TimeMention(i, i + minutes_first[1], at=minutes_first[0]), minutes_first[1]
    if word in ("half", "quarter") and (
        nxt in ("past", "after", "to", "til") or (word, nxt) == ("quarter", "of")
    ):
        # (the American "quarter of eleven" is a quarter to it)
        hour = _hour_at(tokens, i + 2)
        if hour is not None:
            suffix, used = _suffix(w, i + 3)
            minute = 30 if word == "half" else 15 if nxt in ("past", "after") else 45
            if nxt in ("to", "til", "of"):
                hour -= 1
            quarter = _apply(hour, minute, suffix, hours)
            if quarter is not None:
                return TimeMention(i, i + 3 + used, at=quarter), 3 + used
    hour_range = _hour_range(tokens, w, i, hours)
    if hour_range is not None:
        return hour_range
    lead = prev in _TIME_LEAD or _changed_to(w, i)
    lead = lead or " ".join(w[i + 1 : i + 3]) in (
        "is better",
        "would be",
        "works better",
        "is fine",
    )
    lead = lead or (word != "one" and _before_or_hour(tokens, w, i))
    # "later in the morning - eleven, maybe?": the hour said after the part of the day
    lead = lead or (
        prev in ("morning", "afternoon")
        and (tokens[i].breaks_before or "-" in tokens[i].sep)
        and word in HOUR_WORDS
    )
    # "Friday at 2 - no, make that 1, I've got the school run at 3": the hour a time said
    # just before becomes, where nothing follows "make that one" in its clause
    made_hour = _changed_to(w, i) and (
        word == "1" or i + 1 >= len(tokens) or tokens[i + 1].breaks_before
    )
    if (
        word == "one"
        and not made_hour
        and (
            prev in ("the", "that", "this", "either", "any", "which", "other", "another", "each")
            or prev in ("pick", "choose")
            or (i > 0 and _hour_at(tokens, i - 1) is not None)
            or prev in ("am", "pm", "clock", "oclock", "noon", "thirty", "fifteen")
            or prev in _ONE_AFTER
            or (i > 0 and tokens[i - 1].kind == "ord")
        )
        and nxt not in ("oclock", "pm", "am", "thirty", "fifteen")
        # "Friday one p m", "the twenty second one a m": a recogniser writes the suffix as
        # two letters, and "one" is then the hour said after the day
        and not (nxt in ("p", "a") and nxt2 == "m")
    ):
        return None  # "the 10 one", "that one": a pronoun, not 1 o'clock
    if (
        word == "1"
        and not made_hour
        and prev in ("that", "this", "which", "either", "another", "each")
        and nxt not in ("oclock", "pm", "am", "p", "a", "o")
        and not (i + 1 < len(tokens) and tokens[i + 1].sep == ":")
    ):
        return None  # "ok yes book that 1 pls": texted "that one", not 1 o'clock
    if word == "one" and nxt in ("moment", "sec", "second", "minute", "mo", "min"):
        return None  # "one moment please": a pause, not 1 o'clock
    if word == "one" and nxt in ("word", "words"):
        return None  # "Morningstar, all one word": how a name is written
    at_hours = nxt == "hours" and (prev == "at" or (prev == "the" and w[back - 1 : back] == ["at"]))
    if (nxt in _DURATION_UNITS and not at_hours) or (nxt in _WORKING and nxt2 in ("day", "days")):
        # "a cough for about two weeks", "three working days": how long, not when (but "at
        # the 10 hours", a learner's "a las 10 horas", is ten o'clock)
        return None
    exact = _exact_time(tokens, w, i, hours, lead=lead or at_hours, bare_ok=bare_ok)
    if exact is not None:
        at, used = exact
        bare = not _has_marker(tokens, w, i, used)
        if prev in ("at", "around", "about", "say") or at_hours:
            bare = False
        tail = " ".join(w[i + used : i + used + 2])
        if tail in ("or later", "or after", "and later") or tail.startswith("onward"):
            span = used + (1 if tail.startswith("onward") else 2)
            return TimeMention(i, i + span, window=_window(at.hour, 24, hours)), span
        if tail in ("or earlier", "or before"):
            return TimeMention(i, i + used + 2, window=_window(0, at.hour + 1, hours)), used + 2
        return TimeMention(i, i + used, at=at, bare=bare), used
    return None


_COUNTED: Final = frozenset(
    {"of", "things", "questions", "people", "times", "kids", "children", "appointments", "more"}
)


def _before_or_hour(tokens: list[Token], w: list[str], i: int) -> bool:
    """ "Two or three?", "1400 or 1500": a bare hour before "or" and another hour, as equal
    alternatives (the second one reads as a time after "or"); not a count ("two or three
    weeks", "two or three questions")."""
    j = i + 1
    if w[j : j + 1] != ["or"]:
        return False
    j += 1
    while j < len(w) and w[j] in ("maybe", "perhaps", "even", "at"):
        j += 1
    if j >= len(w) or _hour_at(tokens, j) is None:
        return False
    after = w[j + 1] if j + 1 < len(w) else ""
    return after not in _DURATION_UNITS and after not in _COUNTED


_ONE_AFTER = (
    frozenset(WEEKDAY_NAMES)
    | frozenset(MONTHS)
    | frozenset(
        {"morning", "afternoon", "evening", "earlier", "later", "early", "late", "next", "first"}
        | {"second", "last", "other", "new", "old", "same", "weeks", "week", "days", "todays"}
        | {"today", "tomorrow", "tomorrows", "coming", "upcoming", "following", "nearest"}
    )
)
""""the Friday one", "the morning one", "the 15th one", "next week's one", "this coming
one": a pronoun after them, not 1 o'clock."""
_DURATION_UNITS = frozenset(
    {"weeks", "days", "months", "years", "hours", "minutes", "mins", "month", "year", "week"}
    | {"min", "minute", "hrs", "hr"}  # "like 15 min late": how long, not 3 PM
)


def _hour_range(
    tokens: list[Token], w: list[str], i: int, hours: Hours
) -> tuple[TimeMention, int] | None:
    """ "9-10am", "between 9 and 11", "2 to 4 pm": a window including both hours' slots."""
    first = _hour_at(tokens, i)
    first_minute = 0
    if first is None and tokens[i].kind == "clock":
        # "between 9:30 and 12", "the window 9:30 to 12": from the first start after it
        h, m = (int(p) for p in tokens[i].text.split(":"))
        if 1 <= h <= 12 and 0 < m < 60:
            first, first_minute = h, m
    if first is None or i + 2 > len(tokens):
        return None
    dash = tokens[i + 1].sep == "-" if i + 1 < len(tokens) else False
    # "twelve till one", "from 2 until 4": free from one hour until the other (not "ten till
    # two", which may be 1:50)
    until = w[i + 1] in ("till", "until") and w[i] not in _PAST_MINUTES and w[i] not in _MINUTE_NUMS
    # "anywhere from 11 to 2", "I'm free from ten to one": free from one hour to the other
    # (not "move it from 10 to 2": the hour held and the one wanted)
    # ("from ten till one": a span too, though "ten till" alone may be a time)
    until = until or (
        i > 0 and w[i - 1] == "from" and w[i + 1] in _RANGE_TO and _span_from(w, i - 1)
    )
    # "in the window 9:30 to 12", "I'm free ten to twelve": a span the caller is free in
    until = until or (
        (i > 0 and w[i - 1] in _SPAN_LEADS or w[max(0, i - 2) : i] == ["any", "time"])
        and w[i + 1] == "to"
    )
    joined = w[i + 1] in ("and", "to", "till", "until") and (
        i > 0 and w[i - 1] == "between" or w[i + 1] == "to" or until
    )
    k = i + 1 if dash else i + 2 if joined else None
    if k is None or k >= len(tokens):
        return None
    if w[k] in _SPAN_END_ROUGHLY and k + 1 < len(tokens):
        k += 1  # "from ten till about one", "between nine and around eleven"
    second = _hour_at(tokens, k)
    if second is None:
        return None
    suffix, used = _suffix(w, k + 1)
    if not (dash or suffix or until or (i > 0 and w[i - 1] == "between")):
        return None
    lo = _apply(first, first_minute, suffix if first <= second else "", hours)
    hi = _apply(second, 0, suffix, hours)
    if lo is None or hi is None or hi <= lo:
        return None
    start = i - 1 if i > 0 and w[i - 1] == "between" else i
    end = k + 1 + used
    # "till one": done by one, so the last slot starts the hour before
    last = hi.hour if until and not hi.minute else hi.hour + 1
    first_start = lo.hour + (1 if lo.minute else 0)
    if first_start >= last:
        return None
    return TimeMention(start, end, window=_window(first_start, last, hours)), end - i


_MINUTE_NUMS = frozenset({"5", "10", "15", "20", "25"})
_SPAN_END_ROUGHLY: Final = frozenset({"about", "around", "roughly", "approximately"})
"""Said before the second hour of a span ("ten till about one"): the span's end all the same."""
_MOVE_WORDS: Final = frozenset(
    {"move", "moving", "moved", "change", "changing", "changed", "switch", "shift", "push",
     "bump", "reschedule", "rescheduling", "swap"}
)  # fmt: skip
_SPAN_LEADS: Final = frozenset(
    {"anywhere", "anytime", "sometime", "something", "anything", "free", "available",
     "window", "open", "around"}
)  # fmt: skip


def _span_from(w: list[str], j: int) -> bool:
    """ "from" at ``j`` opens a span of hours the caller is free in, not the hour of a
    booking moved from ("move it from 10 to 2", "change my appointment from 9 to 11")."""
    if set(w[max(0, j - 3) : j]) & _SPAN_LEADS or w[max(0, j - 2) : j] == ["any", "time"]:
        return True  # ("switch my time from 9 to 1": the hour held)
    return not set(w[:j]) & _MOVE_WORDS


_EVERY_PARTS: Final = frozenset({"afternoon", "morning", "day", "evening", "night", "lunchtime"})
_FREE_THEN: Final = frozenset(
    {"free", "available", "around", "come", "make", "do", "manage", "fine", "ok", "okay", "good"}
)
"""Words before "every afternoon from one" that make it when the caller can come."""


def _every_part_from(
    tokens: list[Token], w: list[str], i: int, hours: Hours
) -> tuple[TimeMention, int] | None:
    """ "I visit him at the care home every afternoon from one", "she's in with my dad every
    day from two": the caller's own routine from that hour, so the hours before it."""
    if w[i] not in ("every", "each") or w[i + 1 : i + 2] == [] or w[i + 1] not in _EVERY_PARTS:
        return None
    if w[i + 2 : i + 3] != ["from"] or i + 3 >= len(w):
        return None
    if any(x in _FREE_THEN for x in w[max(0, i - 4) : i]):
        return None  # "I'm free every afternoon from one", "I can come every day from two"
    exact = (
        _past_or_to(tokens, w, i + 3, hours)
        or _half_hour(tokens, w, i + 3, hours)
        or _exact_time(tokens, w, i + 3, hours, lead=True)
    )
    if exact is None:
        return None
    at, used = exact
    end = i + 3 + used
    if at.hour <= hours.open_hour or w[end : end + 1] in (["to"], ["till"], ["until"]):
        return None  # "every day from ten to two": a span, not a start
    return TimeMention(i, end, window=_window(0, at.hour, hours)), end - i


def _due_at_work(
    tokens: list[Token], w: list[str], i: int, hours: Hours
) -> tuple[TimeMention, int] | None:
    """ "I'm in for ten", "I've to be at work for 9:30", "I start work at ten", "my shift
    starts at 1": the caller is due somewhere at that time, so any slot before it."""
    if w[i] == "for" and i >= 1 and w[i - 1] == "in" and i >= 2 and w[i - 2] in ("im", "be"):
        start, k = i - 1, i + 1
    elif w[i] in ("start", "starts") and (
        w[i + 1 : i + 2] == ["at"] or w[i + 1 : i + 3] == ["work", "at"]
    ):
        k = i + 3 if w[i + 1] == "work" else i + 2
        said_of = w[i - 1] if i >= 1 else ""
        modal = w[i - 2] if i >= 2 else ""
        if not (
            w[i + 1] == "work"
            or said_of in ("shift", "job")
            or (said_of == "i" and modal not in ("can", "could", "may", "should", "shall"))
        ):
            return None  # "could I start at ten": the appointment, not the caller's day
        start = i
    elif w[i] == "at" and i + 2 < len(w) and w[i + 1] == "work" and w[i + 2] in ("for", "by"):
        start, k = i, i + 3
    elif (own := _own_thing_at(w, i)) is not None:
        start, k = i, own + 1
    elif (due := _due_somewhere(w, i)) is not None:
        start, k = i, due
    else:
        return None
    if k >= len(w):
        return None  # "how long would I need to be in for": nothing after it
    exact = _exact_time(tokens, w, k, hours, lead=True)
    picked_up = w[i] in _PICKING
    if exact is None and (w[i] == "at" or (picked_up and "after" not in w[k:])):
        # "be back at the gates for quarter past three", "I have to collect the kids at
        # quarter past three" (not "I pick them up at quarter past one, so after that": that
        # bound is read from "after that")
        exact = _past_or_to(tokens, w, k, hours)
    if exact is None:
        return None
    at, used = exact
    end = k + used
    if at.hour <= hours.open_hour:
        return None
    latest = at.hour * 60 + at.minute
    if _back_by(w, start, k):
        # "she has to be back at work by one", "back at the gates for quarter past three": the
        # way back as well as the visit must fit before it, so an hour earlier (noon, 2:15)
        latest -= 60
    # (the children collected at quarter past three: the visit over by then, so none at three)
    last = latest // 60 if picked_up else -(-latest // 60)
    if last <= hours.open_hour:
        return None
    return TimeMention(start, end, window=_window(0, last, hours)), end - i


def _back_by(w: list[str], start: int, k: int) -> bool:
    """ "... to be back at her work by one", "the last one back is at three": due back somewhere
    by then, after the visit."""
    return "back" in w[max(0, start - 2) : k]


def _due_somewhere(w: list[str], i: int) -> int | None:
    """ "I've got to be at the gates again for three", "I need to be back at school by two":
    the caller due at a place of their own by then. Returns the index of the time."""
    if w[i] != "at" or i < 1 or w[i - 1] not in ("be", "back"):
        return None
    if w[i - 1] == "back" and w[i - 2 : i - 1] != ["be"]:
        return None
    for j in range(i + 1, min(i + 6, len(w))):
        if w[j] in ("for", "by"):
            said = [x for x in w[i + 1 : j] if x not in ("again", "back")]
            if not said or any(
                x in _NOT_OWN_THINGS or x in WEEKDAY_NAMES or x.isdigit() or x in NUMBER_WORDS
                for x in said
            ):
                return None  # "be at the clinic for the one at ten": a slot, not their day
            return j + 1
    return None


_OWNERS = frozenset({"my", "his", "her", "our", "their", "the"})
_NOT_OWN_THINGS = frozenset(
    {*_OWN_BOOKING, "one", "ones", "time", "latest", "earliest", "last", "first", "next", "same"}
)
_PICKING = frozenset({"pick", "collect", "fetch"})
_PICKERS = frozenset({*_WORKERS, "to", "gotta", "must", "then", "and", "always", "usually"})


def _own_thing_at(w: list[str], i: int) -> int | None:
    """ "before my shift at four", "before the school run at 8:30", "I pick up at three", "I
    pick the kids up at 3", "I've to collect him at two": something of the caller's own day
    set at a time, which the appointment must come before. Returns the index of its "at"."""
    if w[i] == "before" and w[i + 1 : i + 2] and w[i + 1] in _OWNERS:
        lead = i + 2
    elif (
        w[i] in _PICKING
        and i >= 1
        and w[i - 1] in _PICKERS
        and (i < 2 or w[i - 2] not in ("can", "could", "may", "shall", "should", "would"))
    ):
        lead = i + 1  # not "could I pick it up at ten": a time asked for
    else:
        return None
    for j in range(lead, min(lead + 4, len(w))):
        if w[j] == "at":
            said = w[lead:j]
            if w[i] in _PICKING and "up" not in said and w[i] == "pick":
                return None  # "I pick at ten": no pick-up said
            if w[i] == "before" and not said:
                return None
            if any(
                x in _NOT_OWN_THINGS or x in WEEKDAY_NAMES or x in ("today", "tomorrow")
                for x in said
            ):
                return None  # "before my appointment at 3", "before the one at two": a slot
            return j
    return None


def _has_marker(tokens: list[Token], w: list[str], i: int, used: int) -> bool:
    if tokens[i].kind == "clock":
        return True
    last = w[i + used - 1] if i + used - 1 < len(w) else ""
    return last in ("am", "pm", "m", "oclock", "clock", "morning", "afternoon", "evening") or (
        used >= 2 and tokens[i + 1].text not in ("am", "pm")
    )


_CHANGE_VERBS = frozenset({"make", "change", "switch", "move", "push", "bump", "shift", "put"})


_MOVE_STEMS = ("reschedul", "prepone", "postpone")
_HESITATIONS = frozenset({"um", "uh", "umm", "uhm", "er", "erm", "uhh", "hmm"})


def _changed_to(w: list[str], i: int) -> bool:
    """A number said as what an appointment becomes: "make it 11", "make that 3", "change it
    to 2", "can you move that to 10", "change my timing from 10 to 2" (a number after "to"
    alone may be anything)."""
    k = i - 1
    if k >= 0 and w[k] == "to":
        # "from 10 to 2": the hour it moves from, then the one it moves to
        j = k - 1
        while j >= 0 and w[j] in ("am", "pm", "oclock", "clock"):
            j -= 1
        if (
            j >= 1
            and w[j - 1] == "from"
            and (w[j].isdigit() or w[j] in NUMBER_WORDS)
            and any(v in _CHANGE_VERBS or v.startswith(_MOVE_STEMS) for v in w[: j - 1])
        ):
            return True
        k -= 1
    if k >= 1 and w[k] in ("it", "that", "this", "mine") and w[k - 1] in _CHANGE_VERBS:
        return True
    # "move my Tuesday appointment to eleven", "change the booking to two": the one held
    # named, then the hour it becomes
    if k + 1 < len(w) and w[k + 1] == "to" and w[k] in _HELD_NOUNS:
        return any(v in _CHANGE_VERBS for v in w[max(0, k - 4) : k])
    return False


_HELD_NOUNS: Final = frozenset({"appointment", "appt", "booking", "visit"})


def _exact_time(
    tokens: list[Token],
    w: list[str],
    i: int,
    hours: Hours,
    *,
    lead: bool,
    bare_ok: bool = False,
) -> tuple[time, int] | None:
    tok = tokens[i]
    if tok.kind == "clock":
        clock_hour, clock_minute = (int(x) for x in tok.text.split(":"))
        suffix, used = _suffix(w, i + 1)
        if clock_hour > 12:
            if clock_hour > 23 or clock_minute > 59:
                return None
            return time(clock_hour, clock_minute), 1 + used
        typed = _apply(clock_hour, clock_minute, suffix, hours)
        return (typed, 1 + used) if typed is not None else None
    hour = _hour_at(tokens, i)
    if hour is None:
        if tok.kind == "num" and len(tok.text) in (3, 4) and lead:
            # "at 230" / "at 1030"
            value = int(tok.text)
            h, m = divmod(value, 100)
            suffix, used = _suffix(w, i + 1)
            at = _apply(h, m, suffix, hours) if 1 <= h <= 12 and m < 60 else None
            return (at, 1 + used) if at is not None else None
        if tok.kind == "num" and len(tok.text) <= 2 and 13 <= int(tok.text) <= 23 and lead:
            return time(int(tok.text), 0), 1
        return None
    if tok.kind == "ord":
        return None
    minutes = _minutes_after(tokens, w, i + 1)
    minute = 0
    used = 1
    if minutes is not None:
        minute, mused = minutes
        used += mused
    suffix, sused = _suffix(w, i + used)
    used += sused
    marker = bool(suffix) or minutes is not None
    if not marker and not lead and not bare_ok:
        return None
    if not marker and w[i + used : i + used + 1] and w[i + used] in _COUNT_NOUNS:
        return None  # "I've got two appointments - I mean, ...": a count, not two o'clock
    at = _apply(hour, minute, suffix, hours)
    return (at, used) if at is not None else None


_TENS: Final = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_COUNT_NOUNS: Final = frozenset(
    {"appointments", "appts", "bookings", "visits", "kids", "children", "people", "weeks"}
)
"""Nouns a bare number counts ("two appointments", "three kids"): never an hour."""


def _shift(tokens: list[Token], w: list[str], i: int) -> tuple[TimeMention, int] | None:
    """ "an hour later", "two hours earlier", "push it back an hour", "bring it forward"."""
    if w[i] not in ("hour", "hours", "minutes"):
        return None
    count = _count(tokens, i - 1)
    first = i - 1
    if count is None and i >= 2 and w[i - 1] == "of" and w[i - 2] in ("couple", "few"):
        count, first = (2 if w[i - 2] == "couple" else 3), i - 2  # "a couple of hours later"
    if (
        count is None
        and i >= 2
        and w[i] == "hour"
        and w[i - 1] == "and"
        and w[i - 2]
        in (
            "back",
            "forward",
            "by",
        )
    ):
        count = 1  # "push it back and hour": a recogniser's "an" before a vowel
    unit = 60 if w[i].startswith("hour") else 1
    if w[i] == "hour" and w[max(0, i - 2) : i] in (["half", "an"], ["half", "a"]):
        count, first, unit = 30, i - 2, 1  # "half an hour later"
    if w[i] == "minutes" and w[i - 1 : i] and w[i - 1] in _TENS:
        count, first = _TENS[w[i - 1]], i - 1  # "twenty minutes later"
    elif w[i] == "minutes" and i >= 2 and w[i - 2] in _TENS and count is not None and count < 10:
        count, first = _TENS[w[i - 2]] + count, i - 2  # "twenty five minutes earlier"
    if count is None:
        return None
    or_two = w[i] == "hour" and w[i + 1 : i + 2] == ["or"] and w[i + 2 : i + 3] in (["two"], ["2"])
    window = w[max(0, i - 5) : i + (5 if or_two else 3)]
    sign = 0
    if any(x in ("later", "back", "after") for x in window):
        sign = 1
    if any(x in ("earlier", "forward", "sooner", "before") for x in window):
        sign = -1 if sign == 0 or "earlier" in window else sign
    if sign == 0 and first >= 1 and w[first - 1] == "by":
        sign = _way_said(w, i + 1)  # "shift them by an hour - 9 to 10": later
    if sign == 0:
        return None
    if or_two:
        # "an hour or two after it": the hour said first, and the "two" a count, not 2 o'clock
        return TimeMention(first, i + 3, shift_minutes=sign * count * unit), 3
    return TimeMention(first, i + 1, shift_minutes=sign * count * unit), 2


def _way_said(w: list[str], start: int) -> int:
    """Which way a move "by an hour" goes, from the hours said just after it ("by an hour, 9
    to 10": later; "by an hour - three to two": earlier); 0 when they are not said."""

    def hour(word: str) -> int | None:
        value = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
        if value is None or not 1 <= value <= 12:
            return None
        return value + 12 if value < 8 else value  # the clinic's day: 9 to 3

    for j in range(start, min(len(w) - 2, start + 6)):
        a, b = hour(w[j]), hour(w[j + 2])
        if w[j + 1] == "to" and a is not None and b is not None and a != b:
            return 1 if b > a else -1
    return 0


_SHIFT_WORDS = frozenset({"back", "forward", "later", "earlier", "by", "off"})
"""Before "a fortnight": a move by two weeks ("put it back a fortnight"), not a date."""
_DAYS_ONE: Final = r"(?:today|tomorrow|(?:mon|tues|wednes|thurs|fri)day)(?:s| s)?"
"""A day's appointment without "my" ("push tomorrows appointment back", "fridays one")."""
_MOVED: Final = (
    r"(?: it| (?:(?:my|the|that|this)(?: [a-z]+){0,2}?|" + _DAYS_ONE + ") (?:appointment|appt"
    r"|booking|visit|one)s?"
    r"(?: on(?: the)? [a-z0-9]+| today| tomorrow)?| that| this"
    # of more than one held: "push them both back a week", "move both of them on a day"
    r"| them(?: both| all)?| (?:the )?both(?: of them)?| the two(?: of them)?| those(?: two)?"
    # "push both my appointments back a week", "move all of my bookings on a day"
    r"| (?:both|all)(?: of)?(?: my| our| the)? (?:appointments|appts|bookings|visits|ones)"
    r"| (?:my|our|the) two (?:appointments|appts|bookings|visits|ones))?"
    # ("move both appointments in December on by a week": which of them, by their month)
    r"(?: in (?:" + "|".join(m for m in MONTHS if m != "may") + r"))?"
)
_AMOUNT: Final = r"(a few|few|a|an|one|two|three|four|five|six|couple of|\d+)"
"""How many days or weeks a move is by ("push it back four weeks")."""


_UNIT_DAYS: Final = {"day": 1, "week": 7, "fortnight": 14}
_FEW: Final = {"a few": 3, "few": 3}
"""A move by "a few days": three of them."""


def _said_of_an_earlier_day(
    exact: TimeMention, day: DayMention | None, times: list[TimeMention]
) -> bool:
    """Whether an hour was said before the day chosen, and a part of the day that does not
    hold it is said with or after that day ("Thursday the 10th at three ... Monday morning")."""
    if day is None or exact.at is None or exact.same or exact.shift_minutes is not None:
        return False
    if exact.end > day.start:
        return False
    # (or just before it, as one phrase: "... any morning this week", "an afternoon on Monday")
    later = [
        t.window
        for t in times
        if t.window is not None
        and t.at is None
        and (t.start >= day.start or (t.start >= exact.end and day.start - t.end <= 2))
    ]
    return bool(later) and not any(lo <= exact.at < hi for lo, hi in later)


_BY_A_HOLIDAY: Final = re.compile(
    r"\b(?:the |a )?day (?:after|before) (?:thanksgiving|christmas|boxing|new year|halloween)\b"
)


_SHIFT_SAID: Final = re.compile(
    # (not "a bit later in the day, after lunch": the same day, after a meal)
    r"\b(?:the )?(following|next) (week|day)\b"
    r"|\bthe (week|(?<!later in the )(?<!earlier in the )day) (after|before)\b"
    r"(?! next\b| (?:lunch|lunchtime|breakfast|dinner|tea)\b)"
    r"|\b(a|one) (week|day) later\b"
)
_MOVED_TO: Final = re.compile(
    r"\b(?:move|moved|push|pushed|put|shift|change|bump|switch|swap) (?:it|that|that one|mine|them"
    r"|my (?:appointment|appt|booking|one))(?: back| on| over)? (?:to|till|until|into|for) $"
)
"""A verb of moving right before the shift ("move it to the week after")."""


def _said_as_a_day(m: re.Match[str], text: str) -> bool:
    """ "Next week" / "next day" said as a day ("Thursday next week"), not a shift."""
    return m.group(1) == "next" and "the" not in text[max(0, m.start() - 4) : m.start() + 4]


def day_shift(w: list[str]) -> int | None:
    """ "a day later", "push it back a week", "a couple of days earlier" -> signed days;
    counted in working days (:class:`WorkingDays`) when said so ("two business days later",
    "the working day before it")."""
    # ("Friday, the day after Thanksgiving": a day said by a holiday, not a shift; "the week
    # after Christmas" still moves a week)
    text = _BY_A_HOLIDAY.sub(" ", " ".join(w))
    counted = re.sub(r"\b(?:working|business) (?=days?\b)", "", text)
    if counted != text and not re.search(r"\b(?:weeks?|fortnight)\b", counted):
        shift = day_shift(counted.split())
        return None if shift is None else WorkingDays(shift)
    by = re.search(
        r"\b(postpone|prepone|push|delay|move|shift|put off|put back|bring|set back)"
        + _MOVED
        + r"(?: back| forward| off| ahead| later| earlier| out)? (?:by|for) "
        + _AMOUNT
        + r" (day|days|week|weeks|fortnight)\b",
        text,
    )
    if by is not None:
        # "postpone it by one week", "prepone by two days", "bring it forward by a week"
        verb, amount, unit = by.groups()
        count = _RELATIVE_NUMBERS.get(amount.replace("couple of", "couple"), _FEW.get(amount))
        if count is None:
            count = int(amount) if amount.isdigit() else NUMBER_WORDS.get(amount, 1)
        days = count * _UNIT_DAYS[unit.rstrip("s")]
        earlier = verb == "prepone" or re.search(r"\b(?:forward|earlier|ahead)\b", by.group(0))
        return -days if earlier else days
    m = re.search(
        r"\b" + _AMOUNT + r" (day|days|week|weeks|fortnight) "
        # ("one week thereafter": later, in a formal register)
        r"(later|earlier|after|before|sooner|thereafter)\b",
        text,
    ) or re.search(
        # ("they need to go back a week", "can it go forward a day": the appointments held)
        r"\b(?:push|move|put|bring|shift|slide|bump|shunt|shove|nudge|scoot|knock|pull"
        # ("can they each go back a week", "could both go forward a day")
        r"|(?<=(?:to|it|ey|an|ld|ch|th|em) )go)"
        + _MOVED
        # ("push it out a week": later, as Australians and New Zealanders say it)
        + r" (back|forward|later|earlier|along|on|up|out)(?: by)? "
        + _AMOUNT
        + r" (day|days|week|weeks|fortnight)\b",
        text,
    )
    if m is None:
        # "I'd rather just push it a week", "can you bump my Friday one two weeks": later, with
        # no word for which way (not "move it a week from Monday": a day counted from another)
        bare = re.search(
            r"\b(?:push|bump|shove|shunt|postpone|delay|put off|move|shift)"
            + _MOVED
            + r"(?: by)? "
            + _AMOUNT
            + r" (day|days|week|weeks|fortnight)\b(?! (?:from|after|before|earlier|sooner|ago)\b)",
            text,
        )
        if bare is not None:
            amount, unit = bare.groups()
            count = _RELATIVE_NUMBERS.get(amount.replace("couple of", "couple"), _FEW.get(amount))
            if count is None:
                count = int(amount) if amount.isdigit() else NUMBER_WORDS.get(amount, 1)
            return count * _UNIT_DAYS[unit.rstrip("s")]
    if m is None:
        m2 = _SHIFT_SAID.search(text)
        if m2 is not None and _said_as_a_day(m2, text):
            # "it's Thursday next week ... I need to move it to the week after": the day held,
            # then the shift asked with a verb of moving
            m2 = next(
                (
                    later
                    for later in _SHIFT_SAID.finditer(text, m2.end())
                    if not _said_as_a_day(later, text) and _MOVED_TO.search(text, 0, later.start())
                ),
                None,
            )
        if m2 is None:
            return None
        unit = m2.group(2) or m2.group(3) or m2.group(6) or "day"
        sign = -1 if m2.group(4) == "before" else 1
        return sign * (7 if unit == "week" else 1)
    groups = m.groups()
    if groups[0] in ("back", "forward", "later", "earlier", "along", "on", "up", "out"):
        direction, amount, unit = groups
    else:
        amount, unit, direction = groups
    count = _RELATIVE_NUMBERS.get(amount.replace("couple of", "couple"), _FEW.get(amount))
    if count is None:
        count = int(amount) if amount.isdigit() else NUMBER_WORDS.get(amount, 1)
    days = count * _UNIT_DAYS[unit.rstrip("s")]
    # "move it up a day": sooner, as "bring it forward" is
    return -days if direction in ("forward", "earlier", "before", "sooner", "up") else days


# --- resolving corrections ----------------------------------------------------------------------


Ranked = tuple[date, time | None, tuple[time, time] | None]
"""A lower choice of day and time (or part of the day), in the order the caller ranked it."""


@dataclass(frozen=True, slots=True)
class When:
    """The day and time a caller asked for, after their corrections."""

    day: DayMention | None = None
    time: TimeMention | None = None
    rejected_days: tuple[date, ...] = ()
    rejected_times: tuple[TimeOfDay, ...] = ()
    windows: tuple[tuple[TimeOfDay, TimeOfDay], ...] = field(default=())
    or_times: tuple[TimeOfDay, ...] = ()
    """Times said as equal alternatives after ``time`` ("two or three"): wanted if it is not
    free, in the order said."""
    ranked: tuple[Ranked, ...] = ()
    """The choices said after this one, in order of preference ("Thursday at 1 is best, 2
    second best"): the first of them free is proposed when this one is not."""

    @property
    def empty(self) -> bool:
        return self.day is None and self.time is None


def resolve(days: list[DayMention], times: list[TimeMention]) -> When:
    """The last day and the last time said win, except those said after "not"."""
    kept_days = [d for d in days if not d.negated]
    if any(not d.habit and d.dates for d in kept_days):
        # "Tuesdays my son takes me shopping, so Thursday would suit": the week's habits
        # explain the day asked for; they are not asked for
        kept_days = [d for d in kept_days if not d.habit]
    alternatives = [d for d in kept_days if d.either and d.exact is not None]
    if alternatives:
        # "tomorrow or the day after": one request for either day, in the order said
        before = [
            d
            for d in kept_days
            if not d.fallback and d.exact is not None and d.end <= alternatives[0].start
        ]
        if before:
            listed = [before[-1]]
            for d in reversed(before[:-1]):
                if not (d.from_weekday and listed[0].from_weekday and d.end == listed[0].start):
                    break
                listed.insert(0, d)  # "Monday, Wednesday or Friday": the list before the "or"
            dates = tuple(
                dict.fromkeys([*(d.dates[0] for d in listed), *(a.dates[0] for a in alternatives)])
            )
            if len(dates) > 1:
                # (a day said alone after them is the one chosen: "Tuesday or Thursday... I
                # don't know. Tuesday. No, wait - Thursday at 11")
                picked_after = [
                    d
                    for d in kept_days
                    if d.start >= alternatives[-1].end
                    and d.exact is not None
                    and not d.either
                    and not d.fallback
                ]
                same_day = [d for d in kept_days if d.start >= alternatives[-1].end and d.same]
                if same_day and not picked_after:
                    # "one this week, Wednesday or Thursday, not sure which - move it to next
                    # week, same day": the week said before "same day" (the days said of the
                    # one held)
                    picked_after = [
                        d
                        for d in kept_days
                        if d.start >= alternatives[-1].end
                        and d.end <= same_day[-1].end
                        and (len(d.dates) > 1 or d.same)
                        and not d.fallback
                    ]
                kept_days = [
                    replace(listed[0], dates=dates, end=alternatives[-1].end, either=True),
                    *picked_after,
                ]
    if any(not d.fallback for d in kept_days):
        kept_days = [d for d in kept_days if not d.fallback]
    kept_times = [t for t in times if not t.negated]
    if any(d.earliest for d in kept_days) and any(d.dates for d in kept_days):
        # "the earliest you have tomorrow": that day, its first free time
        first = next(d for d in kept_days if d.earliest)
        kept_days = [d for d in kept_days if not d.earliest]
        if not kept_times:
            kept_times = [TimeMention(first.start, first.end, earliest=True)]
    rejected_days = tuple(d for m in days if m.negated for d in m.dates)
    rejected_times = tuple(t.at for t in times if t.negated and t.at is not None) + tuple(
        # "except from twelve till two": every half hour inside the hours set aside
        time(m // 60, m % 60)
        for t in times
        if t.set_aside and t.at is None and t.window is not None
        for m in range(
            t.window[0].hour * 60 + t.window[0].minute,
            t.window[1].hour * 60 + t.window[1].minute,
            30,
        )
    )
    # (not a weekday turned down every week: "I work Mondays now, so my Monday one ..." names the
    # coming Monday, not one months on past every Monday)
    weeks_out = {d for m in days if m.negated and len(m.dates) > 1 and not m.habit for d in m.dates}
    if weeks_out:
        # "not this week's ... the Friday instead": that weekday of a week not turned down
        rolled = []
        for m in kept_days:
            if m.from_weekday and m.exact is not None and m.exact in weeks_out:
                moved = m.exact
                while moved in weeks_out:
                    moved += timedelta(days=7)
                m = replace(m, dates=(moved,))
            rolled.append(m)
        kept_days = rolled
    if rejected_days:
        # "any afternoon except Monday, Monday's my long shift": the day turned down, said
        # again as the reason, is not asked for
        # - but said again after it with a time ("Thursday at three, no wait, I pick the kids
        # up at three, so Thursday at one", "the dentist Monday, Tuesday - then Tuesday
        # afternoon, yeah") it is asked for after all, and no longer turned down
        last_no = {d: m.end for m in days if m.negated for d in m.dates}
        again = [
            d
            for d in kept_days
            if d.exact is not None
            and d.start >= last_no.get(d.exact, d.start + 1)
            and any(
                t.start in (d.end, d.end + 1)
                for t in kept_times
                if t.at is not None or t.window is not None
            )
        ]
        # (a day with no dates of its own - "the soonest", "the nearest you've got" - is not
        # turned down with them: "not Saturdays then? what's the nearest?")
        kept_days = [
            d
            for d in kept_days
            if not d.dates or not set(d.dates) <= set(rejected_days) or d in again
        ]
        if again:
            rejected_days = tuple(x for x in rejected_days if x not in {d.exact for d in again})
    day = kept_days[-1] if kept_days else None
    if day is not None and len(day.dates) > 1 and set(day.dates) & set(rejected_days):
        # "anything but Friday, whatever you've got this week": the week without the Friday
        rest = tuple(d for d in day.dates if d not in rejected_days)
        if rest:
            day = replace(day, dates=rest)
    if day is not None and day.same and not day.dates:
        # "the week after next, same day": that weekday of the week said before it
        weeks = [m for m in kept_days[:-1] if len(m.dates) > 1 and not m.earliest]
        if weeks:
            day = replace(day, dates=weeks[-1].dates, start=weeks[-1].start)
    if day is not None and len(day.dates) > 1 and not day.earliest and not day.same:
        # "Tuesday or Wednesday afternoon next week": the weekdays named, in the range
        weekdays = {
            m.exact.weekday()
            for m in kept_days[:-1]
            if m.from_weekday and m.exact is not None and m.end <= day.start
        }
        within = tuple(d for d in day.dates if d.weekday() in weekdays)
        if within:
            day = replace(day, dates=within, start=min(m.start for m in kept_days))
    if day is not None and day.from_weekday and day.exact is not None:
        # "end of next week, maybe Friday": the Friday of the week said before it - not a
        # month said sentences before of another thing ("I know I've got one in January, but
        # ... could I come next Tuesday?": next Tuesday)
        weeks = [
            m
            for m in kept_days[:-1]
            if len(m.dates) > 1 and not m.earliest and day.start - m.end <= _SAME_BREATH
        ]
        if weeks and day.exact not in weeks[-1].dates:
            same = tuple(d for d in weeks[-1].dates if d.weekday() == day.exact.weekday())
            if same:
                day = replace(day, dates=same[:1])
    chosen: TimeMention | None = None
    or_times: tuple[TimeOfDay, ...] = ()
    exact = [t for t in kept_times if t.at is not None or t.same or t.shift_minutes is not None]
    if exact and _said_of_an_earlier_day(exact[-1], day, kept_times):
        # "I've got Thursday the 10th at three - anything Monday morning?": the hour went with
        # the day said before; the part of the day said with the day wanted is what is asked
        assert day is not None
        kept_times = [t for t in kept_times if t.start >= day.start]
        exact = []
    windows = tuple(t.window for t in kept_times if t.window is not None)
    if exact:
        chosen = exact[-1]
        if chosen.same:
            said = [t for t in times if t.at is not None and t.start < chosen.start]
            if said:  # "Thursday at ten, no, Friday, same time": ten
                chosen = replace(said[-1], start=chosen.start, end=chosen.end, negated=False)
                # ("I've got the 7th at 10, move it to the 3rd, same time": the hour held, set
                # aside as the one to leave, is asked for again)
                rejected_times = tuple(t for t in rejected_times if t != chosen.at)
        run = [chosen] if chosen in kept_times else []
        while run and (k := kept_times.index(run[0])) > 0 and kept_times[k - 1].or_next:
            run.insert(0, kept_times[k - 1])  # "two or three": the first wanted first
        ats = tuple(dict.fromkeys(t.at for t in run if t.at is not None))
        if len(ats) > 1:
            chosen, or_times = replace(chosen, at=ats[0]), ats[1:]
        at = chosen.at
        around = [w for w in windows if at is not None and w[0] <= at < w[1]]
        if at is not None and chosen.window is None and around:
            # "two-ish but not before two": two, and if two is gone, nothing before it
            chosen = replace(chosen, window=around[-1])
        elif at is not None and chosen.window is None and windows and not around:
            lo = max(w[0] for w in windows)
            hi = min(w[1] for w in windows)
            if at < lo < hi:
                # "I'm no good before eleven now. I've got nine o'clock Monday - could it go
                # later?": the hour is the one held, the hours said are where it may go (an
                # hour after them is left as it is)
                chosen = replace(chosen, window=(lo, hi))
    elif kept_times:
        chosen = kept_times[-1]
        if len(windows) > 1:
            lo = max(w[0] for w in windows)
            hi = min(w[1] for w in windows)
            if lo >= hi:
                # "I've got Friday morning ... not before quarter to two ... the afternoon":
                # the hours said last, narrowed by every earlier one that agrees with them
                lo, hi = windows[-1]
                for a, b in reversed(windows[:-1]):
                    if max(lo, a) < min(hi, b):
                        lo, hi = max(lo, a), min(hi, b)
            if lo < hi:
                chosen = replace(chosen, window=(lo, hi), earliest=False, latest=False)
        elif (
            len(windows) == 1
            and chosen.window is None
            and chosen.at is None
            and not any(
                d.dates and min(t.start, chosen.start) <= d.start < max(t.start, chosen.start)
                for d in days
                for t in kept_times
                if t.window is not None
            )
        ):
            # "in the afternoon - as early as you can": the first of that part of the day (not
            # "this week after twelve, else Monday first thing": the hours went with this week)
            chosen = replace(chosen, window=windows[0])
        ends = [t for t in kept_times if t.earliest or t.latest]
        if ends and windows:
            chosen = replace(chosen, earliest=ends[-1].earliest, latest=ends[-1].latest)
    if day is not None and day.dates and rejected_times:
        # "I've got Friday at two. Can't do it ... Monday instead? Any time": the hour turned
        # down went with the day held, said before; on the day asked for it is as good as any
        with_other_day = {
            t.at
            for t in times
            if t.negated
            and t.at is not None
            and any(
                not m.negated
                and m.dates
                and m.dates[0] not in day.dates
                and t.start in (m.end, m.end + 1)
                and m.end <= day.start
                for m in days
            )
        }
        rejected_times = tuple(x for x in rejected_times if x not in with_other_day)
    same_weekday_asked = any(m.same and not m.negated for m in days)
    if day is not None and len(day.dates) > 1 and rejected_days and not same_weekday_asked:
        # "any morning next week - except Tuesday, that's bowls": the weekday turned down is
        # the one in the week asked for, not this week's (not "not this week at all": a week)
        # (said after the week: "I fly out on the Friday, what have you got next week?" is
        # this Friday; and not beside "same day": "my Thursday one to next week, same day,
        # because in Thursday I have exam" turns down this Thursday, asks next week's)
        by_weekday = {
            x
            for m in days
            if m.negated and m.from_weekday and len(m.dates) == 1 and m.start > day.start
            for x in m.dates
        }
        rejected_days = tuple(
            dict.fromkeys(
                next((d for d in day.dates if d.weekday() == x.weekday()), x)
                if x not in day.dates and day.dates[0] > x and x in by_weekday
                else x
                for x in rejected_days
            )
        )
    return When(
        day=day,
        time=chosen,
        rejected_days=rejected_days,
        rejected_times=rejected_times,
        windows=windows,
        or_times=or_times,
    )
