"""Faults left in the typed corpus (leftovers30), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, seat_others, talking

DANA = "6175550188"
GLORIA = "9145556287"
THURSDAY_3RD = date(2026, 12, 3)
FRIDAY_4TH = date(2026, 12, 4)
TUESDAY_8TH = date(2026, 12, 8)


# --- an hour judged, said with the number to the number question ------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Two's good for me. Dana Price, 617 555 0188.",
        "two suits me - Dana Price, 617 555 0188",
        "Two works. I'm Dana Price, 617 555 0188, I've not been before.",
    ],
)
async def test_an_hour_judged_before_the_number_is_the_time_wanted(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, could I get an appointment on Tuesday the 1st?")
        assert "phone number" in t.reply, talk.transcript()
        t = await talk(line)
        assert "so far" not in t.reply, talk.transcript()
        assert "Shall I set one up for Dana Price" in t.reply, talk.transcript()
        t = await talk("yes that's right")
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(DANA) == [(TUESDAY, time(14))], talk.transcript()


# --- an hour ruled out, said instead of the number ------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Nine's too early for me, I've got the kids to drop off. Something later?",
        "nine is way too early, the school run. later if you can",
        "Ten or after, please - I do the nursery drop first.",
    ],
)
async def test_an_hour_ruled_out_to_the_number_question_is_kept(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hello, I need an appointment next Tuesday please.")
        assert "phone number" in t.reply, talk.transcript()
        t = await talk(line)
        assert "so far" not in t.reply, talk.transcript()
        assert "phone number" in t.reply, talk.transcript()
        t = await talk("Dana Price, 617 555 0188")
        assert "Shall I set one up for Dana Price" in t.reply, talk.transcript()
        t = await talk("yes")
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 9 AM?" not in t.reply, talk.transcript()


async def test_a_number_said_plainly_is_still_the_number(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Hi, could I get an appointment on Tuesday the 1st at ten?")
        t = await talk("the tuesday one is fine, it's Dana Price, 617 555 0188")
        assert "Shall I set one up for Dana Price with that number" in t.reply, talk.transcript()
        t = await talk("yes")
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()


# --- "Evening - ...": a greeting said first, not the evening asked for -------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Evening - is this where I book? What's the earliest you've got on Friday the 4th?",
        "Morning - can I get something on Friday the 4th, whatever's earliest?",
        "Afternoon - can I book in for early on Friday the 4th?",
    ],
)
async def test_a_part_of_the_day_said_first_before_a_dash_is_a_greeting(
    container: Container, line: str
) -> None:
    await add_caller(container, DANA, "Dana Price")
    async with talking(container) as talk:
        await talk(line)
        t = await talk("617 555 0188")
        assert "Friday, December 4th at 9 AM" in t.reply, talk.transcript()


# --- "the Thursday then?" after the day asked for was full: that day's week -------------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh. How about the Thursday then?",
        "no good. Thursday, then?",
        "Right, could it be Thursday instead?",
    ],
)
async def test_a_weekday_after_the_day_asked_was_full_is_in_its_week(
    container: Container, line: str
) -> None:
    await add_caller(container, GLORIA, "Gloria Esposito", (TUESDAY_8TH, time(11)))
    await seat_others(container, *((FRIDAY_4TH, time(h)) for h in range(9, 16)))
    async with talking(container) as talk:
        await talk("Morning, Gloria Esposito, 914 555 6287.")
        t = await talk("Can I move my appointment on the 8th to Friday the 4th?")
        assert "Friday, December 4th" in t.reply, talk.transcript()
        assert "Shall I move" in t.reply, talk.transcript()
        t = await talk(line)
        assert "to Thursday, December 3rd at" in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(GLORIA)
        assert [day for day, _ in booked] == [THURSDAY_3RD], talk.transcript()


# --- "any other day that week at ten?": the other weekdays of the day in question's week -------
@pytest.mark.parametrize(
    "line",
    [
        "No, it has to be ten. Is there another day that week at ten?",
        "ten's the only time I can do - any other day that week at ten?",
        "It needs to be ten o'clock. What about some other day in that week, at ten?",
    ],
)
async def test_another_day_that_week_is_looked_for_in_that_week(
    container: Container, line: str
) -> None:
    await add_caller(container, DANA, "Dana Price")
    await seat_others(container, *((day, time(10)) for day in (MONDAY, TUESDAY, WEDNESDAY_NEXT)))
    async with talking(container) as talk:
        await talk("Hi, Dana Price, 617 555 0188.")
        t = await talk("Could I book Wednesday the 2nd at ten?")
        assert "Shall I book Wednesday, December 2nd" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I book Thursday, December 3rd at 10 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(DANA) == [(THURSDAY_3RD, time(10))], talk.transcript()


# --- "same time on the Wednesday" with nothing held or offered: the time asked for before ------
@pytest.mark.parametrize(
    "line",
    [
        "Actually Monday's out for me. Same time on the Wednesday, is that ok?",
        "hmm, i cant do mondays. the wednesday, same time?",
        "Scrap Monday - the same time but on Wednesday, please.",
    ],
)
async def test_same_time_with_nothing_held_keeps_the_time_asked_for(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, I'm after the latest appointment you have on Monday the 30th.")
        assert "phone number" in t.reply, talk.transcript()
        await talk(line)
        t = await talk("Dana Price, 617 555 0188")
        assert "Shall I set one up for Dana Price" in t.reply, talk.transcript()
        t = await talk("yes")
        assert "Wednesday, December 2nd at 3 PM" in t.reply, talk.transcript()


# --- "never mind, don't change anything, I'll manage": kept, and the call goes on --------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh, full is it? Never mind, don't change anything, I'll manage the ten o'clock.",
        "ah well. don't move it then, I'll make do",
        "Right. Don't touch it, I'll live with it.",
    ],
)
async def test_putting_up_with_the_time_held_keeps_it_and_asks_for_more(
    container: Container, line: str
) -> None:
    await add_caller(container, GLORIA, "Gloria Esposito", (TUESDAY, time(10)))
    await seat_others(container, *((TUESDAY, time(h)) for h in range(12, 16)))
    async with talking(container) as talk:
        await talk("Morning, Gloria Esposito, 914 555 6287.")
        t = await talk("Could my Tuesday one at ten go to the afternoon, the same day?")
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        t = await talk(line)
        assert not talk.ended, talk.transcript()
        assert "anything else" in t.reply, talk.transcript()
        assert await talk.booked(GLORIA) == [(TUESDAY, time(10))], talk.transcript()


# --- "not Monday morning - the afternoon?": that part of the day refused, not the day ----------
@pytest.mark.parametrize(
    "line",
    [
        "Not Monday morning, I've got physio. The afternoon?",
        "hmm not monday morning, i'm at the dentist. afternoon would do",
        "Oh, not Monday morning - could it be after lunch?",
    ],
)
async def test_a_part_of_the_day_turned_down_keeps_the_day(container: Container, line: str) -> None:
    await add_caller(container, GLORIA, "Gloria Esposito", (THURSDAY_3RD, time(11)))
    async with talking(container) as talk:
        await talk("Morning, Gloria Esposito, 914 555 6287.")
        t = await talk("I need to move my Thursday appointment to Monday please.")
        assert "to Monday, November 30th at 9 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "to Monday, November 30th at" in t.reply, talk.transcript()
        assert "AM?" not in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(GLORIA)
        assert len(booked) == 1 and booked[0][0] == MONDAY, talk.transcript()
        assert booked[0][1] >= time(12), talk.transcript()
