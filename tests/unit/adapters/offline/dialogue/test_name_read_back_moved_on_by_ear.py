"""By ear, a name read back on its own ("I have your name as Dixie Okoro. Is that right?") and
answered with the request instead of a yes ("Monday if you've got it, around two") is not
taken as confirmed - as a number heard by ear is not: the name is read back again in the
booking question that answer leads to, so the caller hears it once more and a yes names both.
Before, the account was opened under it at once (whole recorded call um-hoping-to-book-monday-
around-two: "Bernadette Walsh" heard "dixie okoro"). A typed caller going on is as before."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import MONDAY, talking

NEW = "6175550123"


@pytest.mark.parametrize(
    "answer",
    [
        "Um, Monday if you've got it, around two?",
        "monday if you've got it around two",
        "Monday, around two, if possible",
        "could I do Monday at 2",
    ],
)
async def test_moving_on_by_ear_reads_the_name_back_in_the_booking_question(
    container: Container, answer: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi there, um, yeah, I was hoping to make an appointment?")
        await talk("six one seven five five five zero one two three")
        t = await talk("Yes that's right. And it's Dixie Okoro")
        assert "Dixie Okoro. Is that right?" in t.reply, talk.transcript()
        t = await talk(answer)
        assert not t.called("identify_user"), talk.transcript()
        assert "Dixie Okoro" in t.reply and t.reply.endswith("at 2 PM?"), talk.transcript()
        t = await talk("No, it's Bernadette Walsh")
        assert await talk.booked(NEW) == [], talk.transcript()
        assert await talk.user_name(NEW) in (None, "Bernadette Walsh"), talk.transcript()


async def test_a_yes_then_the_request_still_confirms_the_name(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("Hi there, um, yeah, I was hoping to make an appointment?")
        await talk("six one seven five five five zero one two three")
        await talk("Yes that's right. And it's Dixie Okoro")
        t = await talk("yes, and Monday around two if you've got it")
        assert "Dixie Okoro" not in t.reply and t.reply.endswith("at 2 PM?"), talk.transcript()
        await talk("yes please")
        assert await talk.booked(NEW) == [(MONDAY, time(14))], talk.transcript()
        assert await talk.user_name(NEW) == "Dixie Okoro", talk.transcript()


async def test_moving_on_typed_is_a_yes_as_before(container: Container) -> None:
    async with talking(container) as talk:
        await talk("I was hoping to make an appointment")
        await talk("617 555 0123")
        t = await talk("Dixie Okoro")
        if "Is that right?" in t.reply:  # (typed names are not read back)
            t = await talk("Monday at 2 please")
        assert "Is that right?" not in t.reply, talk.transcript()
