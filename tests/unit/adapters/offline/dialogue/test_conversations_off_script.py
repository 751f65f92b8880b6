"""Callers who don't follow the script: vague availability, a move said in one breath, "both of
them", a name said around a stop word, a bare "k" to "anything else?", a closed day never
offered, availability asked before any number. Written as messy conversations, typed and as a
recogniser hears them (style="spoken"), through a real text-mode session, the real tools and a
real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

FRIDAY = date(2026, 11, 27)
MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
THURSDAY_NEXT = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("style", "closing"),
    [
        ("written", "k"),
        ("written", "kk"),
        ("written", "ok cool"),
        ("written", "Okay, perfect."),
        ("spoken", "alright great"),
        ("spoken", "nope thats it"),
        ("written", "nah, I'm good"),
        ("spoken", "no thats all"),
    ],
)
async def test_a_bare_acknowledgement_to_anything_else_ends_the_call(
    container: Container, style: str, closing: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk("hi when's my appointment again")
        await talk(number)
        t = await talk("no thats fine")
        assert "anything else" in t.reply.lower(), talk.transcript()
        await talk(closing)
        assert talk.ended, talk.transcript()


@pytest.mark.parametrize("line", ["yes", "yeah actually", "ok and can i book friday at ten"])
async def test_a_yes_or_a_request_to_anything_else_does_not_end_the_call(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("when is my appointment")
        await talk(JOHN)
        await talk("no")
        await talk(line)
        assert not talk.ended, talk.transcript()


async def test_nope_thats_it_to_would_you_like_to_change_it_ends_the_call(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("um can u tell me when im booked in")
        t = await talk(JOHN)
        assert "change" in t.reply.lower(), talk.transcript()
        await talk("nope that's it")
        assert talk.ended, talk.transcript()
