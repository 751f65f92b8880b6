"""Asked "Shall I cancel ...?" (or book, or move), an answer that holds a yes word but does
not agree is no yes: "absolutely not", "of course not", "I do not", "please, no", a "don't"
after an "okay", a yes the caller says they would not say, "correct me if I'm wrong" before
a question. Each cancelled the appointment (a yes word first won); nothing changes a
caller's appointments without their clear yes."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, WEDNESDAY_NEXT, add_caller, talking


@pytest.mark.parametrize(
    "answer",
    [
        "okay but don't cancel it",
        "sure, ignore that, don't",
        "I wouldn't say yes",
        "correct me if I'm wrong, but what time is it now",
        "yes... no, hang on, don't cancel it",
        "absolutely not",
        "of course not",
        "I do not",
        "it is not ok",
        "please, no",
        "good grief no",
    ],
)
async def test_an_answer_that_does_not_agree_cancels_nothing(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("Hi, I need to cancel my appointment for next week")
        t = await talk(JOHN)
        assert "Shall I cancel" in t.reply, talk.transcript()
        t = await talk(answer)
        assert not t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "answer", ["yes", "okay, cancel it", "yes please, go ahead", "sure, not a problem", "of course"]
)
async def test_a_yes_still_cancels(container: Container, answer: str) -> None:
    await add_caller(container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("Hi, I need to cancel my appointment for next week")
        await talk(JOHN)
        await talk(answer)
        assert await talk.booked(JOHN) == [], talk.transcript()
