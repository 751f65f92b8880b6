"""A caller who rang to cancel and, asked "Shall I cancel ...?", asks to move it instead: the
move is what is wanted, whatever else of the old wish the line still holds ("rather than cancel
it", heard or half heard). Nothing is cancelled; the new time is read back and asked."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, WEDNESDAY_NEXT, add_caller, talking


@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("spoken", "actually wait robert i'm cancel it can i move it to the friday same time"),
        (
            "written",
            "Actually, wait, rather than cancel it, could I move it to the Friday, same time?",
        ),
        ("written", "hmm no don't cancel it, can you move it to friday instead? same time"),
        ("spoken", "oh um instead of cancelling could we just move it to friday at ten"),
        # en-us+m3's line in a recorded call: "can I" heard "come and", so the line read as two
        # requests, a cancel and then a move, and the cancel was read back again
        ("spoken", "actually wait rather than cancel it come and move it to the friday same time"),
    ],
)
async def test_a_move_asked_at_the_cancel_question_is_a_move(
    container: Container, style: str, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(10)))
    async with talking(container, style=style) as talk:
        await talk("Hi, I need to cancel my appointment for next week")
        t = await talk(JOHN)
        assert "cancel" in t.reply, talk.transcript()
        t = await talk(line)
        assert not t.called("cancel_appointment"), talk.transcript()
        assert "Friday, December 4th" in t.reply and "10 AM" in t.reply, talk.transcript()
        assert "don't see an appointment" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "actually I'd like to cancel it, not move it",
        "wait, no, just cancel it please, don't move it",
        "sorry, yes, cancel it, rather than moving it",
    ],
)
async def test_a_cancel_kept_after_a_correction_is_still_the_cancel(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("Hi, I need to cancel my appointment for next week")
        await talk(JOHN)
        t = await talk(line)
        assert "Friday" not in t.reply, talk.transcript()
        if not t.called("cancel_appointment"):
            t = await talk("yes")
        assert t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
