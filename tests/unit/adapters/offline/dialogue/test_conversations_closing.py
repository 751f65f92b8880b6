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


PUT_OFF = [
    "No, I can't do any of those, sorry. I'll try another time",
    "no i can't do any of those sorry i'll try another time",  # its "bye" lost, as heard
    "Okay, never mind, I'll just try another day",
]
"""A visit put off ("I'll try another time"): a closing, not a request for another time."""


@pytest.mark.parametrize("heard", [*HEARD_DECLINES, *PUT_OFF])
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


@pytest.mark.parametrize("line", PUT_OFF)
async def test_a_visit_put_off_at_the_name_question_ends_the_call(
    container: Container, line: str
) -> None:
    # a recorded caller a turn ahead: the line meant for the times offered, said where the
    # agent asks for a new caller's name; neither a name nor an objection to the number
    async with talking(container, style="spoken") as talk:
        await talk("hi i'd like to see if you have anything monday at four")
        t = await talk("two zero seven five five five zero one two four")
        assert "your full name" in t.reply, talk.transcript()
        await talk(line)
        assert talk.ended, talk.transcript()


async def test_asking_to_try_another_time_keeps_the_call(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("what times are available on friday")
        await talk("could I try another day instead?")
        assert not talk.ended, talk.transcript()
