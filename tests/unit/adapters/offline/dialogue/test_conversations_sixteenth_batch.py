"""What a sixteenth batch of blind calls (calendar questions, deadlines, thinking aloud, asking
who is there, several changes at once) taught the receptionist, in other words than the corpus
lines, through a real text-mode session, the real tools and a real database. Today is Wednesday
25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


async def test_are_you_a_robot_is_answered_and_the_call_goes_on(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("hello? is this a machine?")
        assert "automated" in t.reply.lower(), talk.transcript()
        assert "only help with appointments" not in t.reply, talk.transcript()
        t = await talk("ok. when is my appointment, my number is 123-456-7890")
        assert "November 30th" in t.reply, talk.transcript()


async def test_what_day_a_date_is_told_and_kept(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("I'd like to come in on the 8th, what day of the week is the 8th?")
        assert "Tuesday, December 8th" in t.reply, talk.transcript()
        await talk("Tuesday's fine, 11 am")
        await talk("John Smith, 123 456 7890")
        t = await talk("yes")
        assert "December 8th at 11 AM" in t.reply, talk.transcript()


async def test_what_is_today_is_told(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("sorry, what's today's date? I need something for tomorrow")
        assert "Today is Wednesday, November 25th" in t.reply, talk.transcript()


async def test_before_a_day_is_not_that_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 14), time(9)))
    async with talking(container) as talk:
        await talk("hi, 123 456 7890, I need my appointment moved to before the 2nd")
        t = await talk("any time")
        assert "December 2nd" not in t.reply and "December 14th" in t.reply, talk.transcript()
        assert any(d in t.reply for d in ("November 30th", "December 1st")), talk.transcript()


async def test_everything_on_one_day_moves_with_one_yes_for_both(
    container: Container,
) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (TUESDAY, time(9)),
        (TUESDAY, time(13)),
        (FRIDAY_NEXT, time(10)),
    )
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890 here, can you move everything I've got on Tuesday to Wednesday, "
            "same times"
        )
        # both moves in one question (leftovers20): one yes makes both
        assert "9 AM" in t.reply and "December 2nd" in t.reply, talk.transcript()
        assert "1 PM" in t.reply, talk.transcript()
        assert (TUESDAY, time(13)) in await talk.booked(JOHN), talk.transcript()  # not yet
        await talk("yes please")
        assert sorted(await talk.booked(JOHN)) == [
            (WEDNESDAY_NEXT, time(9)),
            (WEDNESDAY_NEXT, time(13)),
            (FRIDAY_NEXT, time(10)),
        ], talk.transcript()


async def test_both_a_week_later_moves_each_a_week_on(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (WEDNESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk(
            "my number is 123 456 7890. Both my appointments next week need to go a week later"
        )
        await talk("yes")
        await talk("yes")
        assert sorted(await talk.booked(JOHN)) == [
            (MONDAY_NEXT, time(9)),
            (date(2026, 12, 9), time(14)),
        ], talk.transcript()
