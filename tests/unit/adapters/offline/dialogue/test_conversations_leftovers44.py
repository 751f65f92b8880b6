"""Faults left in the typed corpus (leftovers44), each as callers say it, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

MONDAY_7TH = date(2026, 12, 7)


# --- two bookings, each with its own hour, said to be back to back ------------------------------
@pytest.mark.parametrize(
    ("line", "hours"),
    [
        (
            "I need two appointments for my boys on Monday the 7th, one at 9 and one at 10,"
            " back to back",
            (time(9), time(10)),
        ),
        (
            "need two appointments for my twins on the 7th, one at 1 and one at 2, back to back",
            (time(13), time(14)),
        ),
        (
            "I need two appointments for my daughters monday the 7th, one at eleven and one at"
            " twelve, back to back",
            (time(11), time(12)),
        ),
    ],
)
async def test_two_hours_said_back_to_back_are_the_two_hours_booked(
    container: Container, line: str, hours: tuple[time, time]
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(f"John Smith, 123 456 7890. {line}")
        assert "Shall I book both" in t.reply, talk.transcript()
        await talk("yes, both please")
        assert await talk.booked(JOHN) == [(MONDAY_7TH, hours[0]), (MONDAY_7TH, hours[1])], (
            talk.transcript()
        )


# --- the day proposed asked back: a check, not a change -----------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "sorry is that thursday the third thats next week yeah not tomorrow",
        "is that next week?",
        "so the 3rd, that's next week, right?",
        "wait, is that next week yeah?",
    ],
)
async def test_the_day_proposed_asked_back_is_kept_and_asked_again(
    container: Container, question: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 11, 27), time(13)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I have one on friday at one and I need to move it to"
            " next thursday please, same time"
        )
        assert "to Thursday, December 3rd at 1 PM?" in t.reply, talk.transcript()
        t = await talk(question)
        assert "to Thursday, December 3rd at 1 PM?" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(date(2026, 11, 27), time(13))], talk.transcript()
        await talk("okay yes, move it")
        assert await talk.booked(JOHN) == [(date(2026, 12, 3), time(13))], talk.transcript()


async def test_a_booking_day_asked_back_is_kept(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890, can I book next thursday at 10")
        assert "Thursday, December 3rd at 10 AM?" in t.reply, talk.transcript()
        t = await talk("that's next week yeah? not tomorrow?")
        assert "Thursday, December 3rd at 10 AM?" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- back to the booking after checking the one held ---------------------------------------------
@pytest.mark.parametrize(
    "back",
    [
        "ok great. anyway, monday the 7th, 10 o'clock if you have it",
        "brilliant, thanks. anyway, for monday the 7th, 3pm would be good",
        "good. anyhow, the 7th at 11 please",
    ],
)
async def test_a_day_said_after_checking_the_one_held_goes_back_to_the_booking(
    container: Container, back: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 1), time(9)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. have you got anything on monday the 7th?")
        t = await talk(
            "oh wait, before that - is my appointment on the 1st still on? I got a weird text"
        )
        assert "December 1st" in t.reply, talk.transcript()
        t = await talk(back)
        assert "Shall I book Monday, December 7th" in t.reply, talk.transcript()
        await talk("yes please")
        held = await talk.booked(JOHN)
        assert (date(2026, 12, 1), time(9)) in held, talk.transcript()
        assert len(held) == 2, talk.transcript()
