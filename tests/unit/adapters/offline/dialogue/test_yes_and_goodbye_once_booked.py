"""A yes to the booking question with a goodbye in the same breath, from a caller whose account
is not yet open ("Yes please. That's all, thanks, bye"): the account is opened and the booking
made on that yes, and then the call ends - the caller said they were done, and is not asked
"Is there anything else?" (the whole recorded call wednesday-after-lunch booked right and then
asked it, the goodbye lost)."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import MONDAY, talking

NEW = "6175550146"


@pytest.mark.parametrize("style", ["spoken", "written"])
@pytest.mark.parametrize(
    "answer",
    [
        "Yes please. That's all, thanks, bye",
        "yes please that's all thanks bye",
        "Yeah go on, book it. That's everything, cheers, bye",
        "Yes, that's great, thank you, bye now",
    ],
)
async def test_a_yes_with_a_goodbye_books_then_ends(
    container: Container, answer: str, style: str
) -> None:
    async with talking(container, style=style) as talk:
        await talk("I'd like to book Monday at 11")
        await talk("six one seven five five five zero one four six")
        await talk("Yes. Nora Fitzgerald")
        for _ in range(3):
            if talk.ended or talk.turns[-1][1].reply.rstrip().endswith(
                "book Monday, November 30th at 11 AM?"
            ):
                break
            await talk("Yes")
        t = await talk(answer)
        assert await talk.booked(NEW) == [(MONDAY, time(11))], talk.transcript()
        assert talk.ended, talk.transcript()
        assert "anything else" not in t.reply.lower(), talk.transcript()
