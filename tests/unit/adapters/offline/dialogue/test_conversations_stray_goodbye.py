"""A "bye" the recogniser made of a garbled turn ("i'd like bye you") while the call has work
in hand does not end the call; a caller who says goodbye still leaves at once."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking


@pytest.mark.parametrize("garbled", ["i'd like bye you", "the do you bye you", "bye the what"])
async def test_a_stray_bye_at_a_proposal_asks_again(container: Container, garbled: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book an appointment")
        await talk(JOHN)
        t = await talk("Monday at 11")
        assert "Monday" in t.reply and "11 AM" in t.reply, talk.transcript()
        t = await talk(garbled)
        assert not talk.ended, talk.transcript()
        assert "11 AM" in t.reply, talk.transcript()
        await talk("Yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    ("goodbye", "booked"),
    [
        ("yes please, bye", [(MONDAY, time(11))]),
        ("no that's all thanks bye", []),
        ("no, bye", []),
        ("okay bye", []),
        ("bye", []),
    ],
)
async def test_a_goodbye_at_a_proposal_still_ends_the_call(
    container: Container, goodbye: str, booked: list[tuple[date, time]]
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book an appointment")
        await talk(JOHN)
        await talk("Monday at 11")
        await talk(goodbye)
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == booked, talk.transcript()
