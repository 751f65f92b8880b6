"""Limits read from a busy life, second round (leftovers32, the fifty-seventh batch's
failures), in other words than the batch's: no good for anything before an hour, asleep in the
mornings, two weekdays' mornings ruled out together, the hours between a drop-off and a
pick-up, someone back (or the last bus back) by an hour, a train that gets in at an hour, the
minutes said before the hour, "Tuesday I can't", a routine said with "every Tuesday", a limit
on the times read out, the hour held outside the hours said. Today is Wednesday 25 November
2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, seat_others, talking

TODAY = date(2026, 11, 25)


def _when(line: str):  # type: ignore[no-untyped-def]
    return understand(line, Context(today=TODAY)).when


def _window(line: str) -> tuple[time, time] | None:
    mention = _when(line).time
    return mention.window if mention is not None else None


# --- no good for anything before an hour: from it on -------------------------------------------
@pytest.mark.parametrize(
    ("line", "first"),
    [
        ("He's not up before ten most days, so nothing early.", time(10)),
        ("Honestly I'm no use to anyone before half ten.", time(11)),
        ("i am not awake before twelve on these new pills", time(12)),
    ],
)
def test_unfit_before_an_hour_is_from_that_hour(line: str, first: time) -> None:
    window = _window(line)
    assert window is not None and window[0] == first, window


def test_anything_before_an_hour_asked_after_a_no_good_is_still_before_it() -> None:
    window = _window("Is nine no good? Anything before eleven?")
    assert window is not None and window[1] == time(11), window


# --- asleep in the mornings: the rest of the day ------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Afternoons please, I'm asleep in the mornings after my night shifts.",
        "it has to be after lunch i sleep mornings",
    ],
)
def test_asleep_in_the_mornings_asks_for_the_afternoon(line: str) -> None:
    window = _window(line)
    assert window is not None and window[0] >= time(12), window


# --- two weekdays' mornings (afternoons) ruled out together ------------------------------------
@pytest.mark.parametrize(
    ("line", "weekdays"),
    [
        ("I've got aqua aerobics Tuesday and Thursday mornings, so not them.", {1, 3}),
        ("Monday and Friday afternoons are no good, that's when I mind the baby.", {0, 4}),
        ("i do the food bank monday or wednesday mornings so not those", {0, 2}),
    ],
)
def test_two_weekdays_with_a_part_ruled_out_are_both_out(line: str, weekdays: set[int]) -> None:
    when = _when(line)
    assert {d.weekday() for d in when.rejected_days} >= weekdays, when
    assert when.day is None or not {d.weekday() for d in when.day.dates} & weekdays, when
    # the part of the day is no wish of its own
    assert when.time is None or when.time.window is None, when


def test_one_weekday_morning_no_good_still_asks_for_its_afternoon() -> None:
    window = _window("Monday mornings are no good")
    assert window is not None and window[0] == time(12), window


# --- the hours between a drop-off and a pick-up ------------------------------------------------
@pytest.mark.parametrize(
    ("line", "window"),
    [
        (
            "I take her in at ten past nine and collect her at quarter past two, anytime in "
            "between is fine.",
            (time(10), time(14)),
        ),
        (
            "the minibus drops us at eleven and fetches us at three so in between",
            (time(11), time(15)),
        ),
    ],
)
def test_between_the_two_hours_said_is_a_window(line: str, window: tuple[time, time]) -> None:
    assert _window(line) == window


def test_between_two_hours_said_after_it_is_read_as_before() -> None:
    assert _window("I can come between eleven and two") == (time(11), time(15))


# --- someone back (the last bus back) by an hour; a train that gets in at an hour --------------
@pytest.mark.parametrize(
    ("line", "end"),
    [
        ("My husband takes the car to work but he's back at one.", time(13)),
        ("the last bus back is at twenty past two", time(14)),
    ],
)
def test_back_by_an_hour_leaves_the_hour_before_it(line: str, end: time) -> None:
    window = _window(line)
    assert window is not None and window[1] == end, window


def test_the_caller_back_at_an_hour_is_not_a_bound() -> None:
    mention = _when("I'm back at three").time
    assert mention is not None and mention.at == time(15), mention


@pytest.mark.parametrize(
    "line", ["My train gets in at ten past ten.", "the bus arrives about twenty to eleven"]
)
def test_the_ride_in_at_an_hour_is_from_the_next_hour(line: str) -> None:
    window = _window(line)
    assert window is not None and window[0] == time(11), window


# --- the minutes said before the hour ----------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "at"),
    [
        ("could I come at ten past nine", time(9, 10)),
        ("about twenty five to three", time(14, 35)),
        ("twenty past two please", time(14, 20)),
    ],
)
def test_minutes_before_the_hour(line: str, at: time) -> None:
    mention = _when(line).time
    assert mention is not None and mention.at == at, mention


def test_a_count_of_minutes_is_no_time() -> None:
    mention = _when("I'll only need five to ten minutes").time
    assert mention is None or mention.at != time(9, 55), mention


# --- "Tuesday I can't"; "every Tuesday I ..." a routine, no repeating booking ------------------
@pytest.mark.parametrize(
    "line", ["Wednesday I cannot, that's my cleaning day.", "wednesday i cant sorry"]
)
def test_a_weekday_i_cannot_is_ruled_out(line: str) -> None:
    when = _when(line)
    assert any(d.weekday() == 2 for d in when.rejected_days), when


def test_a_weekday_i_cannot_come_before_an_hour_keeps_the_day() -> None:
    when = _when("Wednesday I can't come before ten")
    assert not when.rejected_days and when.day is not None, when


def test_every_weekday_said_of_a_routine_is_no_repeating_booking() -> None:
    u = understand("Not Thursday, every Thursday we go to my sister's.", Context(today=TODAY))
    assert "recurring" not in u.questions, u.questions
    asked = understand("Could I have every Thursday at ten for a month?", Context(today=TODAY))
    assert "recurring" in asked.questions, asked.questions


def test_needing_the_doctor_as_learners_say_it_is_a_booking() -> None:
    u = understand("Hello, I need doctor tomorrow please.", Context(today=TODAY))
    assert u.task == "book", u.task


# --- through a session ---------------------------------------------------------------------------
async def test_a_limit_on_the_times_read_out_asks_about_the_first_that_fits(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, John Smith here, 123 456 7890. What's free on Tuesday?")
        t = await talk("Oh no, nothing early - I walk the dog, I'm not free until ten.")
        assert "11 AM" in t.reply and "?" in t.reply, talk.transcript()
        await talk("Yeah, go on then.")
        booked = await talk.booked(JOHN)
        assert booked == [(TUESDAY, time(11))], talk.transcript()


async def test_the_hour_held_moves_to_the_hours_the_caller_can_now_do(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    await seat_others(container, (MONDAY, time(12)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. I'm on new medication and I'm not up before twelve "
            "now. I've got ten o'clock Monday - can it go later that day?"
        )
        assert "1 PM" in t.reply and "11 AM" not in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert booked == [(MONDAY, time(13))], talk.transcript()
