"""The end of a call, as the recogniser hears it: a caller who declines the way people close
("no thanks", "no that's all", "nope I'm good") ends the call even when the rest of the turn
came back garbled into a day or a time, and a decline that goes on to ask for something
does not. The garbled lines are what pocketsphinx made of espeak voices saying the closing
lines (see the goodbye branch's report). Today is Wednesday 25 November 2026."""

from __future__ import annotations

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

HEARD_DECLINES = [
    "no thanks code five",  # "No thanks. Goodbye."
    "no i'm good saturdays",  # "Nope, I'm good, thanks."
    "that's it saturdays five",  # "That's it, thanks. Bye."
    "no that's everything five",  # "No, that's everything. Bye."
    "nope i'm good",
    "no thank you",
]


@pytest.mark.parametrize("heard", HEARD_DECLINES)
async def test_a_decline_to_the_times_of_a_day_only_asked_about_ends_the_call(
    container: Container, heard: str
) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk("what times are available on friday")
        assert "Which would you prefer" in t.reply, talk.transcript()
        await talk(heard)
        assert talk.ended, talk.transcript()


@pytest.mark.parametrize("heard", HEARD_DECLINES)
async def test_a_decline_to_anything_else_ends_the_call(container: Container, heard: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("hi i need to check my appointments")
        await talk("one two three four five six seven eight nine oh")
        t = await talk("no")
        assert "anything else" in t.reply, talk.transcript()
        await talk(heard)
        assert talk.ended, talk.transcript()


@pytest.mark.parametrize(
    "line",
    ["no thanks, what about monday?", "no thank you, could I do Monday instead?", "no"],
)
async def test_a_decline_that_goes_on_to_ask_keeps_the_call(
    container: Container, line: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("what times are available on friday")
        t = await talk(line)
        assert not talk.ended, talk.transcript()
        assert "Monday" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    ["no thanks, but can I book Monday at ten?", "nope I'm good, oh actually, can I book Monday?"],
)
async def test_a_decline_then_a_request_to_anything_else_keeps_the_call(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("hi i need to check my appointments")
        await talk("one two three four five six seven eight nine oh")
        await talk("no")
        await talk(line)
        assert not talk.ended, talk.transcript()
