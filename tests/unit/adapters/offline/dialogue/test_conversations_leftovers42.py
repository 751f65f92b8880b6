"""Faults left from the blind batches fresh64 and fresh65, each as callers say it, through a
real text-mode session, the real tools and a real database: a booking counted in weeks from
the day of one the caller holds, named in the same breath ("I've got Wednesday the 2nd at
three, and I want another one the week after, same day, same time"). Today is Wednesday 25
November 2026."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, WEDNESDAY_NEXT, add_caller, talking

WEDNESDAY_AFTER = date(2026, 12, 9)
WEDNESDAY_FORTNIGHT = date(2026, 12, 16)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        (
            f"John Smith, {JOHN}. I've got Wednesday the 2nd at three, and I want another one the"
            " week after, same day, same time.",
            WEDNESDAY_AFTER,
        ),
        (
            f"Hi, it's John Smith, {JOHN} - my appointment's the 2nd at three o'clock, can I book"
            " another two weeks after that, same time?",
            WEDNESDAY_FORTNIGHT,
        ),
        (
            f"John Smith here, {JOHN}. I'm booked in Wednesday the 2nd at 3, and I'd like a"
            " follow-up a week later, same time please",
            WEDNESDAY_AFTER,
        ),
    ],
)
async def test_a_booking_counted_from_the_one_held(
    container: Container, line: str, day: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk(line)
        assert f"book Wednesday, December {day.day}th at 3 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(15)), (day, time(15))], (
            talk.transcript()
        )


async def test_after_the_one_read_out(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}, when's my next appointment?")
        t = await talk(
            "The 2nd at three, right. Can I book the next one three weeks after, same time?"
        )
        assert "book Wednesday, December 23rd at 3 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert (date(2026, 12, 23), time(15)) in await talk.booked(JOHN), talk.transcript()
