"""Faults left in the typed corpus (leftovers28), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import MONDAY, TUESDAY_NEXT, add_caller, seat_others, talking

ANNA = "6175550148"
WEDNESDAY_9TH = date(2026, 12, 9)


# --- an hour put forward with the number, when only the number was asked ---------------------
@pytest.mark.parametrize(
    "line",
    [
        "Twelve then, if that's free. It's Anna Kowalski, 617 555 0148.",
        "ok noon then if you've got it - Anna Kowalski, 617 555 0148",
        "Let's say twelve instead. Anna Kowalski, six one seven, five five five, 0148.",
    ],
)
async def test_an_hour_put_forward_beside_the_number_is_the_hour(
    container: Container, line: str
) -> None:
    await seat_others(container, (MONDAY, time(9)), (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hiya, I was hoping to get in on Monday morning, if you've any space")
        await talk("Eleven's a bit early with the school run. Half eleven maybe?")
        t = await talk.introduce(line)
        assert "noon" in t.reply and "11 AM?" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(MONDAY, time(12))], talk.transcript()


# --- a day said again with "same time" and the hour itself: the hour said wins ----------------
@pytest.mark.parametrize(
    "line",
    [
        "Okay, in that case could you do the Wednesday instead, same time, one o'clock?",
        "fine, what about wednesday then - same time, 1pm",
        "Then the Wednesday please, at the same time as now, so one o'clock.",
    ],
)
async def test_same_time_with_the_hour_said_is_that_hour(container: Container, line: str) -> None:
    await add_caller(container, ANNA, "Anna Kowalski", (TUESDAY_NEXT, time(13)))
    await seat_others(container, (TUESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("Anna Kowalski, 617 555 0148.")
        await talk("I have the 8th at one, could it go later in the day?")
        await talk("Three's cutting it fine, is there nothing in between, like half two?")
        t = await talk(line)
        assert "Wednesday, December 9th at 1 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(WEDNESDAY_9TH, time(13))], talk.transcript()
