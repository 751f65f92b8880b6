"""Faults left from the blind batches fresh60 and fresh61, each as callers say it, through a
real text-mode session, the real tools and a real database: "on second thoughts" (a pause, not
the second time offered) and a thanks with the time being written down after a check (no
goodbye yet: whether there is anything else is asked), a fee asked beside a check of what
was done ("so that's cancelled and there's no fee?"), and the day held said after "can't do"
in a move ("I can't do the 3rd anymore, can it go to the 4th?"). Today is Wednesday 25
November 2026, 7:00 in New York."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY,
    THURSDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- "on second thoughts": a pause, not the second time offered -----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Hmm, you know, on second thought make it one o'clock.",
        "Actually on second thoughts, one o'clock would suit me better.",
        "On second thought, I will take the one o'clock.",
        "one second, let me think... one o'clock, please",
    ],
)
async def test_second_thoughts_is_no_pick_of_the_second_time(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)))
    await seat_others(container, *((MONDAY, time(h)) for h in (9, 10, 11, 12)))
    async with talking(container) as talk:
        await talk("I'd like my Monday appointment moved earlier the same day if there's room")
        t = await talk(JOHN)
        assert "1 PM" in t.reply and "2 PM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "at 2 PM?" not in t.reply, talk.transcript()
        if not t.called("modify_appointment"):
            # read back first; else taken at once (a firm pick of the 1 PM proposed, pick50)
            assert "to Monday, November 30th at 1 PM?" in t.reply, talk.transcript()
            await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(13))], talk.transcript()


async def test_the_second_one_is_still_the_second_time(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)))
    await seat_others(container, *((MONDAY, time(h)) for h in (9, 10, 11, 12)))
    async with talking(container) as talk:
        await talk("I'd like my Monday appointment moved earlier the same day if there's room")
        await talk(JOHN)
        t = await talk("the second one please")
        assert "at 2 PM?" in t.reply, talk.transcript()


# --- a thanks with the time taken down, after a check ----------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Lovely, thanks, I'll write it down this time.",
        "Great, thank you, I'll pop that in my calendar.",
        "oh thanks, let me just jot that down",
        "Thank you, I must remember to put it in the diary.",
    ],
)
async def test_a_thanks_while_writing_it_down_is_no_goodbye_yet(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, I've forgotten when my next appointment is, could you look it up?")
        t = await talk(JOHN)
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert not talk.ended, talk.transcript()
        assert "anything else" in t.reply, talk.transcript()
        await talk("No, that's everything, bye.")
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line", ["Thank you.", "Lovely, thanks, I'll write it down. Bye now.", "thanks, that's all"]
)
async def test_a_thanks_on_its_own_or_with_a_goodbye_still_ends(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, I've forgotten when my next appointment is, could you look it up?")
        await talk(JOHN)
        await talk(line)
        assert talk.ended, talk.transcript()


# --- a fee asked beside a check of what was done --------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "so that's cancelled now and there's no fee?",
        "Right, it's gone then, and no cancellation fee for that?",
        "ok and I won't be charged for cancelling, yeah?",
    ],
)
async def test_a_fee_asked_with_the_cancel_checked_back_is_answered(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("I need to cancel my Monday appointment")
        t = await talk(JOHN)
        assert "cancel your appointment on Monday, November 30th at 10 AM?" in t.reply
        await talk("yes please")
        t = await talk(line)
        assert "front desk" in t.reply, talk.transcript()
        assert not talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- the day held, said after "can't do", in a move -------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I can't do the 3rd anymore, can it go to the 4th?",
        "I cannot do the 3rd now - could you change it to the 4th instead?",
        "Hiya, I won't be able to do the 3rd after all, can we move it to the 4th please",
    ],
)
async def test_the_day_that_cannot_be_done_is_the_one_moved(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "from Thursday, December 3rd at 2 PM to Friday, December 4th" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert booked[0] == (MONDAY, time(10)), talk.transcript()
        assert booked[1][0] == FRIDAY_NEXT, talk.transcript()


# --- a weekday to fall back on, after a day of next week -------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Could I book next Wednesday at two, and if not, the Thursday at two?",
        "I'm after next Wednesday at 2pm, or failing that Thursday at 2pm",
        "next Wednesday at two o'clock please, or else the Thursday at two",
    ],
)
async def test_the_day_to_fall_back_on_is_in_the_week_said(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (WEDNESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Thursday, December 3rd at 2 PM" in t.reply, talk.transcript()
        assert "November 26th" not in t.reply, talk.transcript()


async def test_this_thursday_said_as_the_fallback_stays_this_week(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (WEDNESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("next Wednesday at two, or if not, this Friday at two")
        t = await talk(JOHN)
        assert "Friday, November 27th at 2 PM" in t.reply, talk.transcript()


# --- two days and two hours, whichever is first ----------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "could Monday's go to Thursday or Friday at 9 or 10? earliest you can",
        "Move Monday's appointment please - Thursday or Friday, either 9 or 10 is fine",
    ],
)
async def test_two_days_and_two_hours_take_the_first_that_is_free(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(12)))
    await seat_others(
        container,
        (THURSDAY, time(9)),
        (THURSDAY, time(10)),
        (FRIDAY, time(9)),
    )
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "to Friday, November 27th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()
