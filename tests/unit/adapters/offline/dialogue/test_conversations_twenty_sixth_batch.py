"""What a twenty-sixth blind batch (parts of the day said by a word, sayings made of time
words, the caller's own free and busy times, a constraint said at the proposal, talk after the
change, a question about the question) taught the receptionist, in other words than the corpus
lines, through a real text-mode session, the real tools and a real database. Today is Wednesday
25 November 2026, 10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, TUESDAY, add_caller, talking


async def test_a_bound_said_at_the_proposal_narrows_the_part_of_the_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("123 456 7890, could I have Friday morning please")
        t = await talk("Oh, one thing - my son's driving and he can't get me there before 10:30")
        assert "11 AM" in t.reply and "9 AM" not in t.reply, talk.transcript()
        await talk("yes that's lovely")
        assert await talk.booked(JOHN) == [(FRIDAY, time(11))], talk.transcript()


async def test_the_part_of_the_day_said_again_after_its_booking_books_no_second(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("123 456 7890, I'd like Tuesday afternoon")
        await talk("yes please")
        t = await talk("and that's Tuesday afternoon, yes?")
        assert "Shall I book" not in t.reply, talk.transcript()
        assert "You're booked for Tuesday, December 1st at noon" in t.reply, talk.transcript()
        await talk("lovely, thank you, bye")
        assert await talk.booked(JOHN) == [(TUESDAY, time(12))], talk.transcript()
