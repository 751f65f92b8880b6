"""Faults left in the typed corpus (leftovers29), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import add_caller, seat_others, talking

GLORIA = "9145556287"
NIKHIL = "7325554670"
WEDNESDAY_9TH = date(2026, 12, 9)
THURSDAY_10TH = date(2026, 12, 10)


# --- "that's gone, is it?": a slot said to be taken is not a name -----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh, that's gone is it? What about the one after it then, the twelve o'clock?",
        "oh thats taken then. noon instead?",
        "Oh, that's full, is it? Could I have twelve o'clock instead?",
    ],
)
async def test_a_slot_said_to_be_gone_is_not_a_new_name(container: Container, line: str) -> None:
    await add_caller(container, GLORIA, "Gloria Esposito", (THURSDAY_10TH, time(11)))
    await seat_others(container, (WEDNESDAY_9TH, time(11)))
    async with talking(container) as talk:
        await talk("Morning, Gloria Esposito, 914 555 6287.")
        t = await talk("Could you move my appointment on the 10th to Wednesday the 9th at eleven?")
        assert "December 9th at 10 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "name" not in t.reply, talk.transcript()
        assert "Wednesday, December 9th at noon" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(GLORIA) == [(WEDNESDAY_9TH, time(12))], talk.transcript()


# --- "bring it forward a day, to the Wednesday": the Wednesday before the one held ------------
@pytest.mark.parametrize(
    "line",
    [
        "I need to bring my Thursday appointment forward a day, to the Wednesday, same time.",
        "can my thursday one go a day earlier, the wednesday, same time",
        "Could I move Thursday's to the day before - the Wednesday - at the same time?",
    ],
)
async def test_a_day_earlier_to_the_weekday_is_the_day_before_the_one_held(
    container: Container, line: str
) -> None:
    await add_caller(container, GLORIA, "Gloria Esposito", (THURSDAY_10TH, time(11)))
    async with talking(container) as talk:
        await talk("Morning, Gloria Esposito, 914 555 6287.")
        t = await talk(line)
        assert "Wednesday, December 9th at 11 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(GLORIA) == [(WEDNESDAY_9TH, time(11))], talk.transcript()


# --- "I booked online and want to make sure it went through": asked, nothing booked -----------
@pytest.mark.parametrize(
    "line",
    [
        "Good evening. I booked an appointment on your website earlier today but I did not get"
        " any email, so I want to make sure it went through. Nikhil Sharma, 732 555 4670.",
        "hi i made a booking online this morning and never got a confirmation text or anything,"
        " can you check it's gone through? 732 555 4670",
        "Hello, Nikhil Sharma, 732 555 4670. I booked with you on the app yesterday evening and"
        " nothing came by email afterwards - just want to be sure it actually went through.",
    ],
)
async def test_a_booking_made_online_asked_after_is_read_back(
    container: Container, line: str
) -> None:
    await add_caller(container, NIKHIL, "Nikhil Sharma", (THURSDAY_10TH, time(13)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Thursday, December 10th at 1 PM" in t.reply, talk.transcript()
        assert "would you like to come in" not in t.reply, talk.transcript()
        assert await talk.booked(NIKHIL) == [(THURSDAY_10TH, time(13))], talk.transcript()


# --- "the one just before it, the ten o'clock": the hour said names the slot meant ------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh, that's gone is it? What about the one just before it then, the ten o'clock?",
        "ok the one before, the 10 o'clock, is that one free?",
        "Right, I'll have the one before it then - the ten o'clock one.",
    ],
)
async def test_a_slot_beside_named_by_its_hour_is_that_hour(
    container: Container, line: str
) -> None:
    await add_caller(container, GLORIA, "Gloria Esposito", (THURSDAY_10TH, time(11)))
    await seat_others(container, (WEDNESDAY_9TH, time(11)))
    async with talking(container) as talk:
        await talk("Morning, Gloria Esposito, 914 555 6287.")
        t = await talk("Can I move my appointment to Wednesday the 9th, same time?")
        assert "December 9th at 10 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "9 AM" not in t.reply, talk.transcript()
        if "December 9th at 10 AM?" in t.reply:
            await talk("yes please")
        assert await talk.booked(GLORIA) == [(WEDNESDAY_9TH, time(10))], talk.transcript()


# --- "push my Tuesday one back a day, the Wednesday": the day after the one held --------------
@pytest.mark.parametrize(
    "line",
    [
        "Could you move my Tuesday appointment a day later, to the Wednesday? Same time.",
        "push my tuesday one back a day - the wednesday - same time",
    ],
)
async def test_a_day_later_to_the_weekday_is_the_day_after_the_one_held(
    container: Container, line: str
) -> None:
    await add_caller(container, GLORIA, "Gloria Esposito", (date(2026, 12, 8), time(14)))
    async with talking(container) as talk:
        await talk("Hello, Gloria Esposito, 914 555 6287.")
        t = await talk(line)
        assert "Wednesday, December 9th at 2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(GLORIA) == [(WEDNESDAY_9TH, time(14))], talk.transcript()
