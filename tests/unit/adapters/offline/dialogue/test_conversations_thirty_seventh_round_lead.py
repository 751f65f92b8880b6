"""The lead's review of the thirty-seventh round's merge: three corpus calls the merged engine
lost (typed corpus against the round's start), each fixed and kept in other words."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, seat_others, talking


# --- "whatever's closest" after a time that is no start time: the nearest time, not a day ---
@pytest.mark.parametrize(
    "line",
    [
        "Oh, only on the hour is it? Whichever's closest then.",
        "right, hourly. well whatever's nearest then",
    ],
)
async def test_the_closest_after_an_hour_turned_is_a_time_that_day(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk("It's John Smith, 123 456 7890 - Monday at a quarter to eleven, please")
        assert "Monday, November 30th at 10 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "9 AM" not in t.reply, talk.transcript()
        if "?" in t.reply:
            await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


# --- "I've the 1st at 1, haven't I?" with more after it: still the caller's question --------
@pytest.mark.parametrize(
    "line",
    [
        "Just ringing to check - I've got Tuesday at 1, haven't I? The one o'clock.",
        "i have the tuesday at one dont i, one pm, just making sure",
    ],
)
async def test_a_tag_on_what_they_hold_is_still_the_check(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(13)))
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Which day" not in t.reply, talk.transcript()
        assert "December 1st at 1 PM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY, time(13))], talk.transcript()


# --- "cancel the Monday ... the Wednesday's fine, leave that": the Monday asked about --------
@pytest.mark.parametrize(
    "kept", ["the Wednesday's fine, leave that.", "the Wednesday one is fine, leave it."]
)
async def test_the_other_one_left_in_the_opening_is_not_the_one_cancelled(
    container: Container, kept: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(14)), (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890, I've two with you, Monday and the Wednesday after, "
            "I need to cancel the Monday, my scan got moved onto it so I can't be in two "
            f"places, {kept}"
        )
        assert "cancel your appointment on Monday, November 30th at 2 PM?" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()
