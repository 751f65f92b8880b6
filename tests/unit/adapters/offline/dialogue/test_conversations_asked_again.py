"""The offline engine when the voice layer asks its question again (a caller's late words were
said before it, ``ReceptionistAgent.on_user_turn_completed``): the engine never saw those
words, and a fresh yes to the question said again books what it proposed."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, add_caller, talking


async def test_a_yes_to_the_question_said_again_books_what_it_proposed(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("Hi, I'd like to book Friday at 10 AM")
        question = (await talk("123 456 7890")).reply
        assert "Shall I book" in question and not await talk.booked(JOHN)
        await talk.handle.session.say(question)  # what the voice layer does
        t = await talk("yes please")
        assert t.called("book_appointment") == [{"date": FRIDAY.isoformat(), "time": "10:00"}]
        assert await talk.booked(JOHN) == [(FRIDAY, time(10, 0))]
