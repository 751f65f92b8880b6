"""What a seventh batch of blind calls (a speech recogniser's transcripts and typed chat) taught
the receptionist, call by call in other words than the corpus lines, through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in
New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, talking

HALEY = "7815550199"


@pytest.mark.parametrize("closing", ["thank you", "ok great thanks", "k thx", "cool thats it"])
async def test_a_thank_you_to_anything_else_ends_the_call(
    container: Container, closing: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("can you tell me when my appointment is")
        await talk(JOHN)
        t = await talk("no")
        assert "anything else" in t.reply.lower()
        await talk(closing)
        assert talk.ended, talk.transcript()


@pytest.mark.parametrize("closing", ["thanks", "thank u!!", "ok cheers"])
async def test_a_thank_you_after_yes_to_anything_else_ends_the_call(
    container: Container, closing: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("book me in monday at two please")
        await talk(JOHN)
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()
        await talk("yes")  # to "anything else?": a second yes, out of habit
        assert not talk.ended
        await talk(closing)
        assert talk.ended, talk.transcript()
    assert "anything else" in t.reply.lower()


async def test_a_thank_you_with_more_to_ask_does_not_end_the_call(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("can you tell me when my appointment is")
        await talk(JOHN)
        await talk("no")
        await talk("thanks, and can i also book monday at ten")
        assert not talk.ended


async def test_a_spoken_name_before_the_number_is_kept_for_the_new_account(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi i wanna book an appointment")
        await talk("haley mac kenzie")
        t = await talk("seven eight one five five five oh one nine nine")
        assert "Haley MacKenzie" in t.reply, talk.transcript()
        await talk("yet")  # "yeah", as the recogniser heard it
        assert await talk.user_name(HALEY) == "Haley MacKenzie"


@pytest.mark.parametrize(
    ("ask", "line", "wanted"),
    [
        ("monday around one", "um anything earlier?", time(12)),
        ("monday at eleven please", "is there anything a bit earlier", time(10)),
        ("monday around one", "and later?", time(14)),
        ("monday at ten", "anything later in the day", time(11)),
    ],
)
async def test_anything_earlier_or_later_to_a_proposal_looks_beside_it(
    container: Container, ask: str, line: str, wanted: time
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("i need an appointment")
        await talk(JOHN)
        t = await talk(ask)
        assert "Shall I book" in t.reply
        await talk(line)
        await talk("ok that one")
        assert await talk.booked(JOHN) == [(MONDAY, wanted)], talk.transcript()


@pytest.mark.parametrize("line", ["what about the next day", "hmm and the day after?"])
async def test_the_next_day_while_a_day_is_looked_at_is_the_day_after_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("i need an appointment")
        await talk(JOHN)
        await talk("what do you have monday afternoon")
        t = await talk(line)
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        assert "Monday" not in t.reply
