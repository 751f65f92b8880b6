"""What a thirtieth blind batch (whole calls by kind of caller: rushed parents, older callers
who tell the story first, learners of English, fragments from work, two tasks with one dropped,
callers unsure of their own details) taught the receptionist, in other words than the corpus
lines, through a real text-mode session, the real tools and a real database. Today is
Wednesday 25 November 2026, 10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking


async def test_an_okay_before_dont_book_it_books_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. What's the latest you have on Tuesday?")
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        await talk("okay, let me run it past my supervisor first. please don't book that yet")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_an_okay_then_dont_book_it_and_a_goodbye_books_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi its John Smith 1234567890, could I get Monday at 2?")
        await talk("ok hmm I need to check with the wife, dont book it, I'll ring back. bye")
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert talk.ended, talk.transcript()


async def test_okay_then_book_it_still_books(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi its John Smith 1234567890, could I get Monday at 2?")
        await talk("ok, book it, don't cancel my other one though")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()
