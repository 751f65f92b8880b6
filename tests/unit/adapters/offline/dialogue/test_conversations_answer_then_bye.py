"""A goodbye in a line that also answers the question asked ("yes, that's right, that's all")
while the call still has work in hand: the answer is taken first and the call goes on, so a
booking is never left half done by a goodbye the recogniser may have made of a name ("Yes,
that's right. Dennis Moore" heard "yes that's right that's all"). A yes to the read-back of
the booking itself still books, then ends; a no with a goodbye still ends at once."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, THURSDAY_NEXT, add_caller, talking

NEW = "6175550146"


@pytest.mark.parametrize(
    "answer", ["yes that's right that's all", "yes please, that's all, thanks, bye"]
)
async def test_a_yes_and_goodbye_to_the_name_read_back_does_not_leave_the_booking(
    container: Container, answer: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book Monday at 11")
        await talk("six one seven five five five zero one four six")
        await talk("Nora Fitzgerald")
        t = await talk(answer)
        # the read-backs of the number and the name, then the booking's: each answered; a
        # yes with a "bye" to the booking question that read them all back books, then ends
        # (voice32; test_yes_and_goodbye_once_booked.py)
        if "bye" in answer:
            assert "You're booked" in t.reply and talk.ended, talk.transcript()
        else:
            assert not talk.ended and t.reply.endswith("?"), talk.transcript()
        for _ in range(3):
            if talk.ended or await talk.booked(NEW):
                break
            await talk("Yes please")
        assert await talk.booked(NEW) == [(MONDAY, time(11))], talk.transcript()


async def test_a_yes_and_goodbye_to_a_proposal_before_the_number_asks_for_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        t = await talk("Do you have anything Monday at 11?")
        assert "11 AM" in t.reply, talk.transcript()
        t = await talk("yes that's right that's all")
        assert not talk.ended, talk.transcript()
        assert "number" in t.reply, talk.transcript()
        await talk("one two three four five six seven eight nine zero")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    ("goodbye", "booked"),
    [("yes that's right that's all", [(MONDAY, time(11))]), ("no that's all thanks bye", [])],
)
async def test_a_goodbye_with_the_answer_to_the_booking_read_back_still_ends(
    container: Container, goodbye: str, booked: list[tuple[object, time]]
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk(JOHN)
        await talk("Monday at 11")
        await talk(goodbye)
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == booked, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Right, so Friday's gone and the 17th is still on. Perfect, thanks, that's all.",
        "oh good so that one's still on, lovely, yes that's all thanks",
    ],
)
async def test_a_pleased_goodbye_to_would_you_like_to_change_it_ends_the_call(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hi, could you check what appointments I have with you at the moment")
        t = await talk(JOHN)
        assert "change" in t.reply, talk.transcript()
        t = await talk(line)
        assert talk.ended, talk.transcript()
        assert not t.called("reschedule_appointment") and "move" not in t.reply
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(10))]
