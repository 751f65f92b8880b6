"""Faults left in the typed corpus (leftovers28), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, MONDAY, TUESDAY_NEXT, add_caller, seat_others, talking

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


# --- "the Friday after, the 4th": the date said after the break names that Friday ------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh, that's too soon - I meant the Friday after, the 4th. At ten if you have it?",
        "no sorry, the friday after - the 4th - at 10",
        "Ah, not this one. The Friday after that, the 4th of December, ten o'clock please.",
    ],
)
async def test_the_weekday_after_with_its_date_is_that_date(
    container: Container, line: str
) -> None:
    await seat_others(container, *((FRIDAY, time(h)) for h in (9, 11, 12, 13, 14, 15)))
    async with talking(container) as talk:
        t = await talk("Morning, have you got anything on Friday?")
        assert "Friday, November 27th" in t.reply, talk.transcript()
        t = await talk(line)
        assert "December 4th" in t.reply and "November 27th" not in t.reply, talk.transcript()
        t = await talk.introduce("Anna Kowalski, 617 555 0148")
        if "Would you like me to book it?" in t.reply or "Shall I book" in t.reply:
            await talk("yes please")
        assert await talk.booked(ANNA) == [(FRIDAY_NEXT, time(10))], talk.transcript()


async def test_the_weekday_after_a_date_is_counted_from_it(container: Container) -> None:
    """ "The Friday after the 4th" (no break): the first Friday after the 4th, not the 4th."""
    async with talking(container) as talk:
        await talk("Have you got anything on Friday?")
        t = await talk("Hmm, no, further out. The Friday after the 4th, at ten?")
        assert "December 11th" in t.reply, talk.transcript()


# --- "something nearer lunch": as near noon as is free, not the earliest ----------------------
@pytest.mark.parametrize(
    "line",
    [
        "Monday's fine, but not nine. Something nearer lunch?",
        "could it be closer to lunch on monday?",
        "Monday works, just a bit nearer lunchtime if you can",
    ],
)
async def test_nearer_lunch_is_near_noon(container: Container, line: str) -> None:
    await seat_others(container, (MONDAY, time(12)))
    async with talking(container) as talk:
        await talk("Hi, I'd like to book Monday please")
        await talk.introduce("Anna Kowalski, 617 555 0148")
        t = await talk(line)
        assert "9 AM?" not in t.reply and "10 AM?" not in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(ANNA)
        assert booked in ([(MONDAY, time(11))], [(MONDAY, time(13))]), talk.transcript()


# --- a name said with the number after an "oh" or a "well", when only the number was asked ---
@pytest.mark.parametrize(
    "line",
    [
        "oh um anna kowalski and my number is six one seven five five five zero one four eight",
        "Oh, Anna Kowalski, 617 555 0148.",
        "ah yes, anna kowalski, six one seven, five five five, oh one four eight",
        "well it's Anna Kowalski and the number's 617-555-0148",
    ],
)
async def test_a_name_after_an_oh_beside_the_number_is_kept(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk("hi, could i book friday at 11")
        t = await talk(line)
        assert "Shall I set one up for Anna Kowalski" in t.reply, talk.transcript()
        t = await talk("yes")
        await talk("yes please")
        assert await talk.booked(ANNA) == [(FRIDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Oh, Thanksgiving's tomorrow? Then this Friday, the 27th, at 2 please.",
        "oh its tomorrow then yes this friday the twenty seventh at two",
    ],
)
async def test_the_weekday_after_a_holiday_is_still_said_by_its_weekday(
    container: Container, line: str
) -> None:
    # "the Friday after Thanksgiving" is counted from the holiday, and a weekday: the date said
    # with "this Friday" next is that Friday's month, not December's (the merge of leftovers28
    # lost fresh42's f42-f03 on it: "this Friday, the 27th" read as Sunday, December 27th)
    await add_caller(container, ANNA, "Anna Kowalski", (WEDNESDAY_9TH, time(14)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, Anna Kowalski, 617 555 0148. Could you move my appointment on the 9th to the "
            "Friday after Thanksgiving? That's next week, isn't it? Same time."
        )
        assert "Shall I move" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Friday, November 27th at 2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(ANNA) == [(FRIDAY, time(14))], talk.transcript()
