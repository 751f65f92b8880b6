"""A whole number the recogniser's two readers did not agree on (the transcript ends in
``listening.NUMBER_UNSURE``) is asked for again before it is looked up or an account is
opened on it: a caller's (or a recording's) "yes" to a read-back cannot vouch for a misheard
digit. A number the readers agreed on is taken as before, with no question added."""

from __future__ import annotations

from voice_agent.bootstrap import Container
from voice_agent.domain.listening import NUMBER_UNSURE, Expectation, number_unsure

from .talk import Talk, talking

HEARD = "six one seven five five five zero one two four"
"""What the recogniser made of "six one seven, five five five, zero one two three"."""


def _looked_up(talk: Talk) -> list[str]:
    return [args["phone_number"] for _, turn in talk.turns for args in turn.called("identify_user")]


def test_the_marker_is_stripped_only_at_the_end() -> None:
    assert number_unsure(f"{HEARD} {NUMBER_UNSURE}") == (HEARD, True)
    assert number_unsure(HEARD) == (HEARD, False)
    assert number_unsure("i'm not sure of the number") == ("i'm not sure of the number", False)


async def test_an_unsure_number_is_asked_again_and_taken_when_heard_the_same(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi there, um, I was hoping to make an appointment")
        t = await talk(f"sure it's {HEARD} {NUMBER_UNSURE}")
        assert "say it once more" in t.reply
        assert _looked_up(talk) == []
        current = talk.listening.current
        assert (current.kind, current.digits) == (Expectation.PHONE, 10)
        t = await talk(f"{HEARD} {NUMBER_UNSURE}")
        assert _looked_up(talk) == ["6175550124"]
        assert "6 1 7, 5 5 5, 0 1 2 4" in t.reply  # a new number: read back as always


async def test_a_yes_instead_of_the_number_again_opens_no_account(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi there, um, yeah, I was hoping to make an appointment?")
        await talk(f"sure it's {HEARD} {NUMBER_UNSURE}")
        t = await talk("Yes that's right. And it's Bernadette Walsh")
        assert "first three digits" in t.reply
        assert _looked_up(talk) == []
        await talk("Um, Monday if you've got it, around two?")
        await talk("Yes please")
        assert _looked_up(talk) == []
        assert await talk.user_name("6175550124") is None


async def test_said_again_and_heard_surely_the_second_reading_is_taken(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book a check up")
        await talk(f"{HEARD} {NUMBER_UNSURE}")
        t = await talk("six one seven, five five five, zero one two three")
        assert _looked_up(talk) == ["6175550123"]
        assert "6 1 7, 5 5 5, 0 1 2 3" in t.reply


async def test_two_unsure_readings_that_differ_are_taken_in_parts(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I need to book a check up")
        await talk(f"{HEARD} {NUMBER_UNSURE}")
        t = await talk(f"six one seven five five five zero one two three {NUMBER_UNSURE}")
        assert "first three digits" in t.reply
        assert _looked_up(talk) == []
        current = talk.listening.current
        assert (current.kind, current.digits) == (Expectation.PHONE, 3)


async def test_an_unsure_number_in_the_opening_line_is_asked_again(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk(f"hi my number is {HEARD} and i'd like to book on monday {NUMBER_UNSURE}")
        assert "say it once more" in t.reply
        assert _looked_up(talk) == []


async def test_a_number_the_readers_agreed_on_is_not_asked_again(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        t = await talk("one two three four five six seven eight nine zero")
        assert "once more" not in t.reply
        assert _looked_up(talk) == ["1234567890"]
