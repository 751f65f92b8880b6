"""Calls the middle blind batches failed (leftovers36), in other words than the batches': a
weekday "of that week" / "same week" counted from the day said before it, the days round
Christmas named loosely ("just before Christmas", "over the Christmas break"), an appointment
kept by its month ("keep the January one"), a formal "alter" of a booking, "decline" and "an
engagement until" said of hours, a name spelled right after it that is also shorthand ("nye
n y e"), and "the Tuesday of the second week of February". Today is Wednesday 25 November
2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, add_caller, talking

TODAY = date(2026, 11, 25)


def _read(line: str, asked: str = "request", **kw: object):  # type: ignore[no-untyped-def]
    return understand(line, Context(today=TODAY, asked=asked, **kw))  # type: ignore[arg-type]


# --- a weekday of the week of the day said before it ---------------------------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("The one on December 8th, could it go to the Thursday of that week?", date(2026, 12, 10)),
        ("my booking on the 15th - shift it to the Friday that same week", date(2026, 12, 18)),
        ("the appointment next Tuesday, can it be the Wednesday, same week?", date(2026, 12, 2)),
    ],
)
def test_a_weekday_of_that_week_is_in_the_week_of_the_day_said(line: str, day: date) -> None:
    assert _read(line).when.day is not None
    assert _read(line).when.day.dates == (day,), _read(line).days


def test_a_second_request_counts_that_week_from_the_first() -> None:
    u = _read(
        "Please cancel my appointment next Tuesday, and then book me in for the Friday, same "
        "week, at ten"
    )
    assert u.then is not None and u.then.when.day is not None
    assert u.then.when.day.dates == (FRIDAY_NEXT,), u.then.days


def test_a_weekday_without_that_week_is_still_the_coming_one() -> None:
    u = _read("cancel the one on December 8th and book me for Friday at ten")
    assert (
        u.then is None or u.then.when.day is None or u.then.when.day.dates != (date(2026, 12, 11),)
    )


# --- the days round Christmas said loosely -------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "inside", "outside"),
    [
        ("cancel my one over the Christmas break", date(2026, 12, 29), date(2027, 1, 5)),
        ("the appointment in the xmas holidays needs cancelling", date(2026, 12, 22), MONDAY),
        ("my appointment right before Christmas", date(2026, 12, 23), date(2026, 12, 15)),
        ("something just after New Year's please", date(2027, 1, 4), date(2027, 1, 12)),
    ],
)
def test_days_round_christmas(line: str, inside: date, outside: date) -> None:
    day = _read(line).when.day
    assert day is not None, line
    assert inside in day.dates and outside not in day.dates, day.dates


async def test_the_one_in_the_christmas_break_is_the_one_cancelled(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (date(2026, 12, 30), time(11)), (date(2027, 1, 6), time(11))
    )
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. The appointment over the Christmas break - the kids "
            "are off school, can you cancel it? The other one's fine."
        )
        assert "cancel your appointment on Wednesday, December 30th" in t.reply, talk.transcript()


# --- an appointment kept, named by its month -----------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Cancel my appointment please - leave the January one alone though.",
        "I need to cancel one of mine. I'll be hanging on to... no - hang on to the January one.",
        "please cancel the one I've got, the January one stays",
    ],
)
def test_a_month_kept_is_not_the_one_named(line: str) -> None:
    u = _read(line)
    assert u.kept_months == (1,), line
    assert 1 not in u.months, u.months


async def test_keeping_the_january_one_cancels_the_other(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (date(2026, 12, 17), time(9)), (date(2027, 1, 14), time(9))
    )
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I won't need the one before the holidays any more, please "
            "cancel it. Keep my January appointment though."
        )
        assert "cancel your appointment on Thursday, December 17th" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(date(2027, 1, 14), time(9))], talk.transcript()


# --- a formal change, hours declined, hours engaged ----------------------------------------------
@pytest.mark.parametrize(
    "line",
    ["I need to alter my booking on Friday", "Might we alter the arrangements for Monday?"],
)
def test_alter_is_a_change(line: str) -> None:
    assert _read(line).task == "reschedule", line


def test_an_engagement_until_an_hour_means_after_it() -> None:
    u = _read("I have an engagement until two, anything after?", asked="confirm")
    assert u.when.time is not None and u.when.time.window is not None
    assert u.when.time.window[0] >= time(14), u.when.time


async def test_declining_the_morning_offers_the_afternoon(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("Good day. John Smith, 123 456 7890. I must alter my appointment on Tuesday.")
        t = await talk(
            "Friday would suit. I shall have to decline the morning, I'm engaged until noon."
        )
        assert "Friday, November 27th at" in t.reply, talk.transcript()
        assert "AM?" not in t.reply, talk.transcript()


# --- a name that is also shorthand, spelled right after it ---------------------------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("tom nye n y e one two three four five six seven eight nine oh", "Tom Nye"),
        ("it's Rosa Nye, N-Y-E, 123 456 7890", "Rosa Nye"),
    ],
)
def test_a_name_spelled_after_it_is_not_shorthand(line: str, name: str) -> None:
    u = _read(line, asked="phone")
    assert u.name == name, u.name
    assert u.when.day is None, u.when.day  # not New Year's Eve


def test_shorthand_not_spelled_is_still_read() -> None:
    assert _read("could I come in on nye?").when.day is not None


# --- a weekday of a week of a month --------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("could I get the Thursday of the first week of January? the 7th I think",
         date(2027, 1, 7)),
        ("the Wednesday of the third week of December, in the afternoon", date(2026, 12, 16)),
        ("book the Monday of the second week of February - that's the 8th, isn't it?",
         date(2027, 2, 8)),
    ],
)  # fmt: skip
def test_a_weekday_of_a_week_of_a_month(line: str, day: date) -> None:
    u = _read(line)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when.day


# --- a polite ask for what is free, a learner's move, "can that go to" ---------------------------
@pytest.mark.parametrize(
    "line",
    [
        "would you happen to have anything on Friday?",
        "I was wondering whether you'd possibly have something next week",
        "I wondered if you might have anything Thursday afternoon",
    ],
)
def test_a_polite_ask_for_what_is_free(line: str) -> None:
    assert _read(line).task in ("availability", "book"), line


def test_something_else_is_not_an_ask_for_what_is_free() -> None:
    assert _read("would you have anything else you need from me?").task != "availability"


@pytest.mark.parametrize(
    "line",
    [
        "my appointment on Monday at ten, I need on Wednesday, same time please",
        "my booking for Friday morning - I want it on Tuesday",
        "the Monday one, can that go to the Thursday instead?",
        "could that one be moved to Friday at the same time?",
    ],
)
def test_the_one_held_wanted_on_another_day_is_a_move(line: str) -> None:
    assert _read(line).task == "reschedule", line


async def test_a_learners_move_to_another_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "Good morning, my name is John Smith, 123 456 7890. My appointment on Monday at "
            "ten, I need on Wednesday, the same time please."
        )
        assert (
            "move your appointment from Monday, November 30th at 10 AM to Wednesday, December "
            "2nd at 10 AM" in t.reply
        ), talk.transcript()


def test_after_the_christmas_holidays_is_after_christmas() -> None:
    day = understand(
        "What's the earliest you've got after the Christmas holidays?",
        Context(today=date(2026, 12, 21)),
    ).when.day
    assert day is None or date(2026, 12, 21) not in day.dates, day
