"""The caller's own busy days in whole calls (busy51, issue 10), through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in
New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, talking

NEW = "6175550123"


# --- free all week but for the days listed: the first day left --------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I'm free most of next week except I've got the dentist Monday and a work call"
        " Wednesday, so anything apart from those",
        "i'm available all next week except i have physio monday morning and a meeting wednesday",
    ],
)
async def test_free_all_week_but_the_days_listed_offers_a_day_left(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce(f"Sam Reed, {NEW}")
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        assert "Monday" not in t.reply and "Wednesday" not in t.reply, talk.transcript()


# --- the day flown out on is not the day booked ---------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I fly out on the Friday, could I book something this week?",
        "we're leaving for Spain on Friday, can I get an appointment this week please",
    ],
)
async def test_the_day_flown_out_on_is_not_offered(container: Container, line: str) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce(f"Sam Reed, {NEW}")
        assert "Shall I book" in t.reply, talk.transcript()
        assert "Friday" not in t.reply, talk.transcript()


# --- "it's Monday's I can't do": the cancel put right, not refused -----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "oh no, sorry, I said Tuesday, didn't I - it's Monday's I can't do. Monday the 30th.",
        "sorry, my mistake - it's the Monday one I can't do",
        "no sorry, it's Monday's I can't make, not Tuesday's",
    ],
)
async def test_the_one_the_caller_cannot_do_is_the_one_cancelled(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (TUESDAY, time(11)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. I need to cancel Tuesday's appointment.")
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (TUESDAY, time(11))]
        await talk("yes, cancel Monday's")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


# --- a pick-up at a quarter past: the visit over by then -----------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "afternoons are best, but I have to collect the kids at twenty past two so it needs to"
        " be done by then",
        "an afternoon please - I've got to fetch my daughter at quarter past two",
    ],
)
async def test_a_pick_up_past_the_hour_is_not_the_time_wanted(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce(f"Sam Reed, {NEW}")
        assert "Shall I book" in t.reply, talk.transcript()
        assert "2 PM" not in t.reply and "2:15" not in t.reply and "2:20" not in t.reply, (
            talk.transcript()
        )
