"""What a twenty-second blind batch (facts in pieces, digits corrected on the fly, the choice
left to the receptionist, a kind of visit asked for, dates near the booking limit, callers
backing out) taught the receptionist, in other words than the corpus lines, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking


async def test_the_pick_left_to_the_receptionist_is_proposed_not_booked(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890 here. What's free on Monday afternoon?")
        assert "noon" in t.reply, talk.transcript()
        t = await talk("Either of them, honestly - your call.")
        assert "Monday, November 30th at noon" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
        await talk("Lovely, yes.")
        assert await talk.booked(JOHN) == [(MONDAY, time(12))], talk.transcript()


async def test_how_far_ahead_the_clinic_books_is_told_with_the_last_day(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Quick question first - how far in advance can I book with you?")
        assert "90 days" in t.reply and "February 23rd" in t.reply, talk.transcript()


async def test_a_bare_date_after_a_later_month_was_offered_is_in_that_month(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("It's 123 456 7890, I'd like something in January.")
        assert "January" in t.reply, talk.transcript()
        t = await talk("Hmm, the 12th would be better, at 10.")
        assert "January 12th at 10 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(date(2027, 1, 12), time(10))], talk.transcript()


async def test_the_latest_day_the_clinic_books_is_proposed(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890. I'm away a while - the latest day you can, mornings please")
        assert "February 23rd at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(date(2027, 2, 23), time(11))], talk.transcript()


async def test_a_bare_date_after_one_rolled_to_next_month_is_this_months(
    container: Container,
) -> None:
    """A bare date already past ("the 23rd" on the 25th) rolls to next month; the date said
    instead is still read from today, not in the month the first one rolled to."""
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890 - the 23rd in the morning, please")
        assert "December 23rd" in t.reply, talk.transcript()
        t = await talk("Oh, no, sorry - I meant the 30th, the Monday.")
        assert "November 30th" in t.reply, talk.transcript()
