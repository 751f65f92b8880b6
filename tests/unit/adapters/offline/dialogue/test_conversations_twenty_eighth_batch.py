"""What a twenty-eighth blind batch (forms and emails, callers wrong about being on file, loose
amounts of time, any weekday, a change taken back, a slot by its place in the clinic's day)
taught the receptionist, in other words than the corpus lines, through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in
New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import JOHN, TUESDAY, TUESDAY_NEXT, add_caller, talking


async def test_a_week_or_so_from_now_is_proposed_a_week_on_not_today(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could I come in a week or so from now? 11 suits.")
        assert "Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


async def test_an_appointment_pushed_back_a_few_days_moves_three_days_on(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk("hi, 123 456 7890 - can you push my appointment back a few days? same time")
        assert "Friday, December 11th at 9 AM" in t.reply, talk.transcript()
        await talk("yep")
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT.replace(day=11), time(9))], (
            talk.transcript()
        )


async def test_any_tuesday_at_ten_skips_a_tuesday_whose_ten_is_taken(
    container: Container,
) -> None:
    await add_caller(container, "6175550000", "Ann Other", (TUESDAY, time(10)))
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "hi it's John Smith, 123 456 7890. Have you got a Tuesday at 10? Any Tuesday"
        )
        assert "Tuesday, December 8th at 10 AM" in t.reply, talk.transcript()
        await talk("great, yes")
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(10))], talk.transcript()
