"""What a forty-ninth blind batch (numbers doing double duty: "the 3rd at 3", "the 7th first
thing or the 8th at 2", "two of us", a house number or a bus beside the hour, a phone number
echoing the time, "no, the 4th at 2, not the 2nd at 4") taught the receptionist, in other words
than the corpus lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    "line",
    [
        # a tag asking it back
        "John Smith, 123 456 7890. I've the 3rd at 2 with you, haven't I?",
        "hiya 123 456 7890 i have the third at two dont i",
        "It's 123 456 7890 - my one's Thursday at 2, isn't it?",
        # which of two it is
        "123 456 7890. Am I 2 on the 3rd or 3 on the 2nd? I've gone and muddled them.",
        "123 456 7890 here, is mine the Thursday or the Friday, can't remember",
        # how many, and when
        "John Smith 123 456 7890, how many do I have with you at the moment?",
        "123 456 7890. I think there's one or two booked, could you tell me when they are?",
    ],
)
async def test_asking_back_what_is_held_says_it(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "December 3rd at 2 PM" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14))], talk.transcript()
