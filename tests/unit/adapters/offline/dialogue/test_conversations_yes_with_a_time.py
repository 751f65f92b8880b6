"""A yes or no to "Shall I book ...?" said with a time ("yes, ten o'clock please", "yeah, but
make it half two", "no, the eleven"): the time said is read back before anything is booked,
never the slot proposed booked on the yes."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, add_caller, talking


@pytest.mark.parametrize(
    ("answer", "said_back"),
    [
        ("Yes, ten o'clock please", "10 AM"),
        ("No, the eleven", "11 AM"),
        ("yes ten a m", "10 AM"),
        ("no nine a m", "9 AM"),
        ("Yeah, but make it three instead", "3 PM"),
    ],
)
async def test_a_time_said_with_the_answer_is_read_back_not_booked(
    container: Container, answer: str, said_back: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("Friday at two")
        assert "2 PM?" in t.reply, talk.transcript()
        t = await talk(answer)
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert said_back in t.reply and t.reply.endswith("?"), talk.transcript()


@pytest.mark.parametrize(
    "answer", ["Yes, half past two", "yeah but make it half two", "yes two thirty"]
)
async def test_a_yes_with_other_minutes_than_proposed_books_nothing(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("Friday at two")
        assert "2 PM?" in t.reply, talk.transcript()
        t = await talk(answer)
        # 2:30 is no start time: said so, and asked again - not booked at 2 on the yes
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert t.reply.endswith("?"), talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) in ([(FRIDAY, time(14))], [(FRIDAY, time(15))]), (
            talk.transcript()
        )
