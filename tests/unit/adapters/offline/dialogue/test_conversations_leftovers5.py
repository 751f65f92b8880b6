"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: a first line that is only a day ("hello there, Wednesday
next week, any chance?"), a move asked without a move word ("the Tuesday one is no good for me
now"), "anything sooner? if not I'll stick with Monday", and a weekday said with a date that is
not its own or has just passed. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking


# --- a first line that is only a day: a time that day asked for ---------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("hello there wednesday next week any chance", "Wednesday, December 2nd"),
        ("hi, er, Monday? for my knee, it's been playing up again", "Monday, November 30th"),
        (
            "good morning, Friday the 4th, late morning ideally, sooner the better",
            "Friday, December 4th",
        ),
        ("um yeah so the first, tuesday, first thing if you can", "Tuesday, December 1st"),
    ],
)
async def test_a_first_line_led_by_a_day_asks_for_a_time_that_day(
    container: Container, line: str, day: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "May I have your phone number" in t.reply, talk.transcript()
        t = await talk(JOHN)
        assert day in t.reply and "book it?" in t.reply or f"book {day} at" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert len(await talk.booked(JOHN)) == 1, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "hi, Friday was awful, the doctor never called me back",
        "hello what's the weather like tomorrow",
    ],
)
async def test_a_day_said_about_something_else_books_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "May I have your phone number" not in t.reply, talk.transcript()
        assert "What would you like to do?" in t.reply, talk.transcript()
