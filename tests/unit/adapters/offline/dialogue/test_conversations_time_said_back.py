"""A caller who answers "Shall I book Monday at 9 AM?" by naming the time: "nine's good" is a
yes to it; the time alone is heard (confirmed once more, without "sorry, I didn't catch
that"); a question about a time is no yes. Real text-mode session, real tools and database;
today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking


@pytest.mark.parametrize(
    "said",
    [
        "oh nine's good",
        "9 is fine",
        "Monday at nine would be great, thanks",
        "nine AM suits me",
        "mm, 9 o'clock works",
    ],
)
async def test_the_proposed_time_said_to_be_fine_books_it(container: Container, said: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I need to come in Monday morning")
        t = await talk(JOHN)
        assert "9 AM?" in t.reply, talk.transcript()
        t = await talk(said)
        assert "booked" in t.reply.lower(), talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


@pytest.mark.parametrize("said", ["nine", "the 9", "9 please"])
async def test_the_proposed_time_alone_is_confirmed_once_more_without_a_sorry(
    container: Container, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I need to come in Monday morning")
        await talk(JOHN)
        t = await talk(said)
        assert "sorry" not in t.reply.lower() and "9 AM?" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


@pytest.mark.parametrize("said", ["is 9 ok for parking?", "would nine work for a child?"])
async def test_a_question_about_the_time_is_no_yes(container: Container, said: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I need to come in Monday morning")
        await talk(JOHN)
        await talk(said)
        assert await talk.booked(JOHN) == [], talk.transcript()
