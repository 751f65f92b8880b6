""" "Sorry, let's take it in parts." prefaces the first group of a number asked for in parts, and
nothing else: where another question comes first (the booking the number came with, what the
caller wants), the preface waits for the group question (recorded thursday-afternoon-only-three-
free: "Sorry, let's take it in parts. Yes, 3 PM on Thursday, December 3rd is free. Would you like
me to book it?"; tuesday-ten-taken-takes-eleven: "Sorry, let's take it in parts. Sorry, I can
only help with appointments.")."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import THURSDAY, seat_others, talking

UNSURE = "(number unsure)"


@pytest.mark.parametrize(
    ("answer", "again"),
    [
        (
            "Yes, three o'clock's fine. My number's two zero seven five five five zero one six"
            " eight",
            "yes that's right",
        ),
        ("yeah three is good, it's four one five five five five zero one two two", "yes please"),
    ],
)
async def test_the_preface_waits_for_the_group_question(
    container: Container, answer: str, again: str
) -> None:
    await seat_others(container, *[(THURSDAY, time(h)) for h in (12, 13, 14)])
    async with talking(container, style="spoken") as talk:
        await talk("Do you have anything Thursday afternoon?")
        t = await talk(f"{answer} {UNSURE}")
        assert "once more" in t.reply, talk.transcript()
        t = await talk(again)
        if "first three digits" not in t.reply:
            assert "in parts" not in t.reply, talk.transcript()
            t = await talk("yes")
        assert "in parts" in t.reply and "first three digits" in t.reply, talk.transcript()
