"""What a sixth batch of blind phone calls taught the receptionist, call by call in other words
than the corpus lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, add_caller, talking


@pytest.mark.parametrize(
    "thanks", ["Thank you.", "ok thanks a lot", "Lovely, thank you so much!", "Great, cheers."]
)
async def test_a_thank_you_to_anything_else_ends_the_call(
    container: Container, thanks: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"I'd like to book Friday at 2, my number is {JOHN}")
        t = await talk("yes")
        assert "anything else" in t.reply
        t = await talk(thanks)
        assert talk.ended and "Sorry" not in t.reply
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))]


@pytest.mark.parametrize(
    "more", ["Yes, thanks, one more thing", "thanks, but can I also cancel it?"]
)
async def test_a_thank_you_with_more_to_ask_keeps_the_call_open(
    container: Container, more: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"I'd like to book Friday at 2, my number is {JOHN}")
        await talk("yes")
        await talk(more)
        assert not talk.ended


@pytest.mark.parametrize(
    "aside",
    [
        "Hang on, before I say yes, what are your opening hours?",
        "Before I say yes, what's the address?",
        "ok but before I say yes, how long does the visit take?",
        "Before we confirm, where are you located?",
    ],
)
async def test_a_yes_talked_about_in_a_question_books_nothing(
    container: Container, aside: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"Could I book Friday at 2? My number is {JOHN}")
        t = await talk(aside)
        assert t.called("book_appointment") == []
        assert "Friday, November 27th at 2 PM" in t.reply
        await talk("ok, yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))]


@pytest.mark.parametrize(
    "again",
    [
        "Sorry, which day did you say?",
        "wait, what time did you say?",
        "wait which day was that",
        "hold on, what time was that?",
        "um what date was that",
    ],
)
async def test_asking_what_was_proposed_hears_it_again(container: Container, again: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(f"Could I book Monday afternoon? My number is {JOHN}")
        t = await talk(again)
        assert "Monday, November 30th" in t.reply and "December" not in t.reply, t.reply
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == MONDAY, talk.transcript()


@pytest.mark.parametrize(
    ("line", "to"),
    [
        ("could you put it back a fortnight please", "Friday, December 11th at 3 PM"),
        ("push my Friday appointment back a week", "Friday, December 4th at 3 PM"),
        ("could you move the Friday one back by a day", "Monday, November 30th at 3 PM"),
        ("I'd like to push that appointment back two weeks", "Friday, December 11th at 3 PM"),
    ],
)
async def test_a_move_by_weeks_counts_from_the_appointment(
    container: Container, line: str, to: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk(f"Hi, it's {JOHN}, I need to change my appointment")
        t = await talk(line)
        assert f"to {to}?" in t.reply, t.reply


@pytest.mark.parametrize("line", ["Can we do next week, same time?", "same time next week works"])
async def test_same_time_next_week_when_the_appointment_is_next_week_is_the_week_after(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk(f"Hi, {JOHN}, I can't make my appointment")
        t = await talk(line)
        assert "to Tuesday, December 8th at 10 AM?" in t.reply, talk.transcript()
