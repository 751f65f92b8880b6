"""By ear, two hours heard in one answer with nothing saying how they go together - no "or", no
correction, no "and" ("two o'clock three o'clock"): the caller is asked which, and neither is
proposed on a guess ("two o'clock if that's three" is now read as "if that's free" misheard,
the first hour proposed for a yes). Before, the last hour was proposed
and the recorded caller's "yes please" booked 3 PM (whole recorded call a-week-on-tuesday).
Two hours said as alternatives or as a correction are read as before, and typed lines too."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import TUESDAY_NEXT, talking

NEW = "2075550114"


async def _to_the_booking_question(talk: object) -> None:
    await talk("I'd like to book an appointment for a week on Tuesday please")  # type: ignore[operator]
    await talk("two zero seven five five five zero one one four")  # type: ignore[operator]
    t = await talk("Yes that's right. Nigel Ashworth")  # type: ignore[operator]
    assert "Shall I book Tuesday, December 8th at 9 AM?" in t.reply


@pytest.mark.parametrize(
    "answer",
    [
        "two o'clock three o'clock",
        "two o'clock, um, three",
    ],
)
async def test_two_hours_with_nothing_between_are_asked_about(
    container: Container, answer: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await _to_the_booking_question(talk)
        t = await talk(answer)
        assert "2 PM or 3 PM" in t.reply and not t.called("book_appointment"), talk.transcript()
        t = await talk("Yes please")  # a yes picks neither
        assert await talk.booked(NEW) == [], talk.transcript()
        t = await talk("two o'clock please")
        assert "2 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(NEW) == [(TUESDAY_NEXT, time(14))], talk.transcript()


@pytest.mark.parametrize(
    ("answer", "proposed"),
    [
        ("two or three", "2 PM?"),
        ("two o'clock, actually three", "3 PM?"),
        ("two, no, three", "3 PM?"),
        ("two o'clock if that's free", "2 PM?"),
        # "if that's three" after an hour is "if that's free" misheard (names35): the first
        # hour is proposed, and only a yes books it
        ("two o'clock if that's three", "2 PM?"),
        ("um two if that's three", "2 PM?"),
    ],
)
async def test_alternatives_and_corrections_are_read_as_before(
    container: Container, answer: str, proposed: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await _to_the_booking_question(talk)
        t = await talk(answer)
        assert t.reply.endswith(proposed), talk.transcript()


async def test_a_typed_line_is_read_as_before(container: Container) -> None:
    async with talking(container) as talk:
        await talk("I'd like to book an appointment for a week on Tuesday please")
        await talk("207 555 0114")
        await talk("Nigel Ashworth")
        t = await talk("two o'clock if that's three")
        assert "2 PM or 3 PM" not in t.reply, talk.transcript()
