"""What a thirteenth batch of blind calls (impatient callers, picks by position, learners'
English, someone else's appointment) taught the receptionist, in other words than the corpus
lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, MONDAY, THURSDAY_NEXT, add_caller, talking


async def test_an_appointment_they_cannot_make_is_moved_off_its_day(container: Container) -> None:
    today = date(2026, 11, 25)
    await add_caller(container, JOHN, "John Smith", (today, time(14)))
    async with talking(container) as talk:
        await talk("I can't make today's appointment, could you squeeze me in the soonest you have")
        t = await talk(JOHN)
        assert "move" in t.reply.lower() and "November 25th at 11" not in t.reply, talk.transcript()
        await talk("sure")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] != today, talk.transcript()


async def test_you_pick_one_is_asked_again_not_taken_as_a_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("can I book in Thursday the 3rd")
        await talk(JOHN)
        t = await talk("I don't want the full list, you choose one")
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert "?" in t.reply, talk.transcript()
        await talk("yes")
        assert [d for d, _ in await talk.booked(JOHN)] == [THURSDAY_NEXT], talk.transcript()


async def test_a_day_kept_after_a_cancellation_books_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("please I want cancel the Friday")
        await talk(JOHN)
        await talk("yes")
        t = await talk("Monday I'll keep, thanks")
        assert "book" not in t.reply.lower(), talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_the_one_named_after_the_codes_gets_its_code(container: Container) -> None:
    codes = await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("could you tell me my confirmation code? I lost the email")
        await talk(JOHN)
        t = await talk("the Friday one")
        assert codes[1].upper() in t.reply.upper().replace(" ", "").replace("-", ""), (
            talk.transcript()
        )
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()
