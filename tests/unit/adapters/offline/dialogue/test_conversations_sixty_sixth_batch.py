"""What a sixty-sixth blind batch (what the doctor or nurse told the caller to book: a follow-up
counted from a visit had, from one held or from today, with a bound, or asked about first)
taught the receptionist, in other words than the corpus lines. Today is Wednesday 25 November
2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking


async def test_a_follow_up_counted_from_the_one_held_books_that_day_and_keeps_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 3), time(11)))
    async with talking(container) as talk:
        t = await talk(
            "Hello, John Smith, 123 456 7890. My check-up is Thursday the 3rd at eleven and the"
            " consultant wants to see me again three weeks after that, same time please."
        )
        assert "Thursday, December 24th at 11" in t.reply, talk.transcript()
        t = await talk("Yes, book that.")
        assert not t.called("reschedule_appointment"), talk.transcript()
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()


async def test_back_in_a_week_at_the_same_time_as_today_is_a_week_on(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. I was just in with the nurse and she said come back"
            " in a week - same time as today, ten o'clock, if you can."
        )
        assert "Wednesday, December 2nd at 10" in t.reply, talk.transcript()
