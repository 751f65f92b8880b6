"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: a weekday said with a date that is not its own ("Monday
the 5th" with the 5th a Saturday), and two changes in one breath where one is a cancellation.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.speech import say_date

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


# --- a weekday and a date that disagree: neither taken, the clash said, the day asked ---------
@pytest.mark.parametrize(
    ("line", "clash"),
    [
        ("Monday the 5th at 10 please", "December 5th is a Saturday, not a Monday."),
        ("uh could I do thursday the 4th, at ten", "December 4th is a Friday, not a Thursday."),
        ("Friday December 3rd, 10am", "December 3rd is a Thursday, not a Friday."),
        # a date just passed, with its own weekday or not (leftovers5)
        ("tuesday the 24th at 10", "Tuesday, November 24th has already passed."),
        ("Monday November 23rd, 2pm?", "Monday, November 23rd has already passed."),
        ("uh monday the 23rd of november, in the afternoon", "Monday, November 23rd has"),
    ],
)
async def test_a_weekday_and_a_date_that_disagree_are_said_and_asked_which(
    container: Container, line: str, clash: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, I'd like to book an appointment")
        await talk(JOHN)
        t = await talk(line)
        assert f"Just to check: {clash.rstrip('.')}" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()
        assert "Which day" in t.reply or "What day" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- two changes in one breath, one a cancellation: one question names both (leftovers20) ----
@pytest.mark.parametrize(
    ("line", "friday"),
    [
        # a weekday a move goes to: the first one after the appointment (leftovers21), with
        # "the" or without (fresh37)
        ("hi, cancel the Tuesday one and move Thursday's to Friday", FRIDAY_NEXT),
        (
            "Hi there. Can you cancel my Tuesday appointment, and then move Thursday's to Friday?",
            FRIDAY_NEXT,
        ),
        ("yeah hi um cancel tuesday and push thursday's to the friday please", FRIDAY_NEXT),
    ],
)
async def test_a_cancel_then_a_move_in_one_breath_are_asked_together_and_done_with_one_yes(
    container: Container, line: str, friday: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)), (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Shall I cancel your appointment on Tuesday, December 1st" in t.reply, (
            talk.transcript()
        )
        assert "and move the one on Thursday, December 3rd" in t.reply, talk.transcript()
        assert f"Friday, {say_date(friday, with_weekday=False)}" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY, time(9)), (THURSDAY_NEXT, time(10))]
        await talk("yes")
        assert await talk.booked(JOHN) == [(friday, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "hi, can you move my Monday to Wednesday and get rid of the other one",
        "I want to move Monday's appointment to Wednesday and cancel the other one",
        "hi can you move my monday one to wednesday, and cancel thursday",
    ],
)
async def test_a_move_then_a_cancel_in_one_breath_are_both_done_each_with_a_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Shall I move your appointment from Monday, November 30th" in t.reply, (
            talk.transcript()
        )
        t = await talk("yes")
        assert await talk.booked(JOHN) == [
            (WEDNESDAY_NEXT, time(9)),
            (THURSDAY_NEXT, time(10)),
        ], talk.transcript()
        assert "Shall I cancel your appointment on Thursday, December 3rd" in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(9))], talk.transcript()


async def test_a_move_said_with_cancelling_the_old_one_is_only_the_move(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("hi, I need to move my Monday appointment and cancel the old one")
        await talk(JOHN)
        t = await talk("Wednesday at 10")
        assert "Shall I move your appointment" in t.reply, talk.transcript()
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()
        assert "cancel" not in t.reply, talk.transcript()
