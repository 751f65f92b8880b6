"""A yes with a goodbye in the same breath to "shall I book it?", asked before the caller's number
is known ("Yes please, that's all, thanks, bye"): nothing can be booked without the number, and a
caller who has said goodbye is not kept on the line to give it - the call ends, and the caller is
told it was not booked and why (recorded thursday-afternoon-only-three-free: the number was not
heard for sure, and the agent went on asking "What are the first three digits?" after the
caller's goodbye). A yes without a goodbye still goes on to ask for the number."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import THURSDAY, seat_others, talking


@pytest.mark.parametrize("style", ["spoken", "written"])
@pytest.mark.parametrize(
    "answer",
    [
        "Yes please, that's all, thanks, bye",
        "Yeah go on then. Cheers, bye",
        "Sure, book it. Thanks a lot, goodbye",
        "ok great thank you bye bye",
    ],
)
async def test_a_yes_and_goodbye_before_the_number_ends_the_call_unbooked(
    container: Container, answer: str, style: str
) -> None:
    await seat_others(container, *[(THURSDAY, time(h)) for h in (12, 13, 14)])
    async with talking(container, style=style) as talk:
        t = await talk("Have you got anything on Thursday afternoon?")
        assert "3 PM" in t.reply and t.reply.endswith("?"), talk.transcript()
        t = await talk(answer)
        assert talk.ended, talk.transcript()
        assert "phone number" in t.reply and "couldn't book" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


@pytest.mark.parametrize("answer", ["Yes please", "Yes please, that's all"])
async def test_a_yes_without_a_goodbye_asks_for_the_number(
    container: Container, answer: str
) -> None:
    await seat_others(container, *[(THURSDAY, time(h)) for h in (12, 13, 14)])
    async with talking(container, style="spoken") as talk:
        await talk("Have you got anything on Thursday afternoon?")
        t = await talk(answer)
        assert not talk.ended and "number" in t.reply, talk.transcript()
