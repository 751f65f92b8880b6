"""Calls of a Friday afternoon (fresh72, issue 10): the one booked earlier the same day made
another time, with when it was booked said ("I booked Friday at nine earlier today"), read as
the story of the booking and not as the day wanted; the ones held in a month cancelled ("the
appointments I've got in January"); "same time as the Tuesday appointment" (its hour, not its
day); the days of a trip ("I'm off to Rome Tuesday to Friday") not where the one held goes; a
week on from the one held, said before the number, counted from it once it is known. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time, timedelta

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    talking,
)

JANUARY_5 = date(2027, 1, 5)
JANUARY_12 = date(2027, 1, 12)
ONE_WEEK = timedelta(days=7)


async def test_a_booking_made_earlier_today_is_moved_on_its_own_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I booked Friday at nine earlier today, but the school's "
            "just been on - could you make it the afternoon? Two if you can."
        )
        assert "Friday, November 27th at 2 PM?" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))]  # nothing moved before the yes
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))], talk.transcript()


async def test_a_booking_made_this_morning_for_another_day_is_moved_from_that_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, it's John Smith, 1234567890 - I made the booking this morning for Monday at "
            "ten, can we make it one o'clock instead?"
        )
        assert "Monday, November 30th at 1 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(13))], talk.transcript()


async def test_the_ones_in_a_month_are_the_ones_cancelled(container: Container) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (FRIDAY, time(9)),
        (JANUARY_5, time(9)),
        (JANUARY_12, time(10)),
    )
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890 - we'll be abroad all month, so could you cancel the "
            "appointments I've got in January? Both of them."
        )
        assert "January 5th" in t.reply and "January 12th" in t.reply, talk.transcript()
        assert "November 27th" not in t.reply, talk.transcript()
        assert len(await talk.booked(JOHN)) == 3  # nothing cancelled before the yes
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()


async def test_same_time_as_the_weekday_one_held_is_its_hour_not_its_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 1234567890. I need another one that week - Thursday the 3rd, same time as "
            "the Tuesday appointment."
        )
        assert "Thursday, December 3rd at 10 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert (THURSDAY_NEXT, time(10)) in await talk.booked(JOHN), talk.transcript()


async def test_the_days_of_a_trip_are_not_where_the_one_held_goes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 1234567890. I'm off to Rome Tuesday to Friday next week, and my "
            "appointment's on the Thursday - can you push it back a week?"
        )
        assert "Thursday, December 10th at 3 PM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT + ONE_WEEK, time(15))]


async def test_a_week_on_from_the_one_held_said_before_the_number_counts_from_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk(
            "Hi, I booked the Monday earlier, and I also need one for the following week - "
            "Monday again, same time."
        )
        t = await talk("John Smith, 123 456 7890")
        assert "Monday, December 7th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (MONDAY_NEXT, time(11))]


async def test_the_one_held_wanted_later_the_same_day_is_moved_that_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 1234567890. I have the appointment on Monday at nine, but my son's "
            "got a school play, so I could come at two the same day."
        )
        assert "from Monday, November 30th at 9 AM to Monday, November 30th at 2 PM?" in (
            t.reply
        ), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()
