"""What a thirty-sixth blind batch (days and times as people say them, by callers from many
places) taught the receptionist, in other words than the corpus lines, through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New
York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


async def test_a_cancel_with_a_wrong_date_is_the_one_held_that_weekday(
    container: Container,
) -> None:
    # the 4th is a Friday; of the days it could mean, only Tuesday the 1st is held
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (MONDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk("hi, John Smith, 123 456 7890 - please cancel my Tuesday the 4th")
        assert "December 4th is a Friday" in t.reply, talk.transcript()
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        assert "Monday" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(10))], talk.transcript()


async def test_a_cancel_with_a_wrong_date_asks_when_both_days_are_held(
    container: Container,
) -> None:
    # "Monday the 1st": the 1st is a Tuesday, and both Monday the 30th and the 1st are held
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("it's 123 456 7890, I have to cancel Monday the 1st")
        assert "December 1st is a Tuesday" in t.reply, talk.transcript()
        assert "Which appointment" in t.reply, talk.transcript()
        assert t.called("cancel_appointment") == [], talk.transcript()
        t = await talk("the monday one, the 30th")
        assert "Monday, November 30th" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()


async def test_the_hours_asked_with_a_clashing_day_go_with_the_day_then_said(
    container: Container,
) -> None:
    # "Friday the 3rd": the 3rd is a Thursday (and Thanksgiving is past); the caller settles on
    # the Friday, and the afternoon asked for stays asked for
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could I come Friday the 3rd, in the afternoon?")
        assert "Just to check" in t.reply, talk.transcript()
        t = await talk("ah, the Friday then, the 4th")
        assert "Friday, December 4th at" in t.reply, talk.transcript()
        assert " AM" not in t.reply, talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == FRIDAY_NEXT, talk.transcript()
        assert booked[0][1] >= time(12), talk.transcript()


async def test_a_move_held_in_the_morning_to_after_a_bound_that_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890 here. I need to move my Friday morning one to the afternoon that "
            "day - I can't get off work before half one at the earliest"
        )
        assert "to Friday, November 27th at 2 PM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))], talk.transcript()


async def test_a_date_written_the_european_way_is_booked_on_its_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("Good morning, John Smith, 123 456 7890. An appointment on 2.12. at 11?")
        assert "Wednesday, December 2nd at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(11))], talk.transcript()


async def test_a_day_of_a_month_said_by_the_month_number_is_where_a_move_goes(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "this is 123 456 7890 please shift my friday one to the seventh of the twelfth "
            "same time"
        )
        assert "to Monday, December 7th at 10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(date(2026, 12, 7), time(10))], talk.transcript()
