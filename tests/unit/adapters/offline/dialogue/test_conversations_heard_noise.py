"""Lines as a recogniser hands them over on a voice call: the caller's words with wrong ones
among them. A day asked about inside a garbled question is still a question about that day,
and a "no ... bye" to "anything else?" with a stray word heard after the bye still ends the
call (the lines below are made up in the recogniser's manner, not copied from a run)."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, talking


@pytest.mark.parametrize(
    "heard",
    [
        "hi what do we was do you have two on tuesday",  # "what do you have free on Tuesday?"
        "um the do you have say on tuesday i you",
        "okay have you got the free one tuesday for me",
    ],
)
async def test_a_day_asked_about_in_a_garbled_line_gets_its_free_times(
    container: Container, heard: str
) -> None:
    async with talking(container, style="spoken") as talk:
        t = await talk(heard)
        assert "only help with appointments" not in t.reply, talk.transcript()
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        assert t.called("fetch_available_slots") == [{"date": TUESDAY.isoformat()}]
        assert not t.called("book_appointment")


async def test_a_day_said_in_passing_is_still_off_topic(container: Container) -> None:
    # a weekday in small talk, with no asking for a time, is not a booking
    async with talking(container, style="spoken") as talk:
        t = await talk("oh my goodness the traffic on tuesday was something else honestly")
        assert not t.called("fetch_available_slots"), talk.transcript()


@pytest.mark.parametrize(
    "heard",
    [
        "no thanks a lot the saturday so much bye are",
        "nope lovely stuff friday cheers bye you",
    ],
)
async def test_a_no_and_bye_to_anything_else_ends_the_call_despite_a_stray_day(
    container: Container, heard: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk.book_monday_at_11(JOHN)
        await talk(heard)
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))]


async def test_a_no_that_asks_for_more_after_anything_else_does_not_end(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk.book_monday_at_11(JOHN)
        await talk("no wait can i book another one tuesday bye the")
        assert not talk.ended, talk.transcript()
