"""Faults the seventy-sixth blind batch (a Wednesday lunchtime) showed, each as callers say it,
through a real text-mode session, the real tools and a real database. Today is Wednesday 25
November 2026, 7:00 in New York, unless a test says otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, add_caller, seat_others, talking


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- whether it was cancelled, asked: a question, not a cancellation ----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I missed one last week, sorry - have I still got the Monday one, or did it get cancelled?",
        "Has my Monday appointment been cancelled? Someone said it might have been.",
        "Did that one get cancelled as well when I didn't turn up?",
    ],
)
async def test_did_it_get_cancelled_asks_what_is_held_and_cancels_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Monday, November 30th at 3 PM" in t.reply, talk.transcript()
        assert "cancel your appointment" not in t.reply, talk.transcript()
        await talk("Oh good, thank you, that's a relief.")
        assert await talk.booked(JOHN) == [(MONDAY, time(15))], talk.transcript()


# --- "the first bus": not the 1st of the month -----------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Nine? No, that's too early for me, the first bus doesn't get in till half nine. Eleven?",
        "nine no thats too early the first train gets in at ten past so eleven",
        "Not nine - I'm on the first shift till half ten. Eleven?",
    ],
)
async def test_the_first_bus_is_no_day_and_the_hour_asked_stays_on_the_day(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("first thing next week, if you've anything")
        t = await talk(JOHN)
        assert "Monday, November 30th at 9 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes, lovely")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


# --- the end of the number said again: not an hour ---------------------------------------------
ANNE = "2075550325"  # its last four said again read as 3:25 ("oh three two five")


@pytest.mark.parametrize(
    "number",
    [
        "It's 207 555 0325. Oh three two five.",
        "207-555-0325 - that's oh-three-two-five.",
        "two oh seven five five five oh three two five... three two five",
        "Two oh seven, five five five, oh three two five. Oh-three-two-five.",
    ],
)
async def test_the_end_of_the_number_said_again_is_no_hour(
    container: Container, number: str
) -> None:
    await add_caller(container, ANNE, "Anne Bell")
    async with talking(container) as talk:
        await talk("Can I have Friday the 4th of December at eleven?")
        t = await talk(number)
        assert "Friday, December 4th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNE) == [(FRIDAY_NEXT, time(11))], talk.transcript()


LUNCHTIME = datetime(2026, 11, 25, 18, 5, tzinfo=UTC)  # Wednesday 13:05 in New York


async def test_the_number_said_again_leaves_the_earliest_next_week_at_nine(
    container: Container, clock: FixedClock
) -> None:
    clock.set(LUNCHTIME)
    await add_caller(container, ANNE, "Anne Bell")
    await seat_others(container, *((MONDAY, time(h)) for h in range(9, 16)))
    async with talking(container) as talk:
        await talk("Hi, it's Anne Bell. Can I get the first appointment you've got next week?")
        await talk("207 555 0325. Oh-three-two-five.")
        await talk("yes please")
        assert await talk.booked(ANNE) == [(TUESDAY, time(9))], talk.transcript()


# --- the area code said after the rest, as "a 207 number" ---------------------------------------
@pytest.mark.parametrize(
    "number",
    [
        "It's 555 0325, and it's a 207 number.",
        "five five five oh three two five its a two oh seven number",
        "Five five five, oh three two five. It's a 207 number, sorry.",
    ],
)
async def test_the_area_code_said_last_as_a_kind_of_number_completes_it(
    container: Container, number: str
) -> None:
    await add_caller(container, ANNE, "Anne Bell")
    async with talking(container) as talk:
        await talk("Can I have Friday the 4th of December at eleven?")
        t = await talk(number)
        assert "Friday, December 4th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNE) == [(FRIDAY_NEXT, time(11))], talk.transcript()
