"""A pleased goodbye to "Shall I book ...?" ("Great, thanks. That's all, bye") is the caller
done, not a yes to the booking: nothing changes without a clear yes to a question naming it.
Whole recorded calls, the twenty-fourth round: a caller who rang about a lost confirmation
email, the request heard as a booking, said "Great, thanks. That's all, bye" to end the call,
heard "great sunday is that's all fine", and was booked. A clear yes with the goodbye still
books ("yes please, that's all"), and so does "great, thank you, bye" without "that's all"."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking


async def _answer_proposal(container: Container, line: str) -> tuple[bool, list[object]]:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("I'd like to book an appointment")
        await talk(JOHN)
        t = await talk("Monday at 11")
        assert "Shall I book" in t.reply, talk.transcript()
        await talk(line)
        return talk.ended, list(await talk.booked(JOHN))


@pytest.mark.parametrize(
    "line",
    [
        "Great, thanks. That's all, bye",
        "great sunday is that's all fine",
        "perfect, thank you, that's all",
        "oh lovely, thanks, that's everything, bye bye",
        "brilliant, cheers, nothing else, bye",
    ],
)
async def test_a_pleased_sign_off_to_shall_i_book_ends_with_nothing_booked(
    container: Container, line: str
) -> None:
    ended, booked = await _answer_proposal(container, line)
    assert ended and booked == []


@pytest.mark.parametrize(
    "line",
    [
        "yes please, that's all, bye",
        "great, book it, that's all thanks",
        "yeah that works, that's everything, bye",
        "great, thank you, bye",
    ],
)
async def test_a_clear_yes_with_the_goodbye_still_books(container: Container, line: str) -> None:
    _, booked = await _answer_proposal(container, line)
    assert booked == [(MONDAY, time(11))]
