"""What a sixty-seventh blind batch (pointing back at what was said: the place in the list read
out, the earlier or later of two, a time just offered shifted, the caller's own words) taught
the receptionist, in other words than the corpus lines. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, seat_others, talking

TUESDAY = date(2026, 12, 1)
FRIDAY_NEXT = date(2026, 12, 4)
FRIDAY_AFTER = date(2026, 12, 11)


async def _two_on_tuesday(container: Container) -> None:
    """Tuesday 1 December has only 10 AM and 2 PM free."""
    await seat_others(container, *((TUESDAY, time(h)) for h in (9, 11, 12, 13, 15)))


async def test_the_later_of_the_two_offered_is_the_second(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    await _two_on_tuesday(container)
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. What have you got on Tuesday?")
        assert "10 AM or 2 PM" in t.reply, talk.transcript()
        t = await talk("I'll go for the later of the two, please.")
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()
        await talk("Yes, go ahead.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(14))], talk.transcript()


async def test_the_earlier_of_them_both_offered_is_the_first(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    await _two_on_tuesday(container)
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. What have you got on Tuesday?")
        t = await talk("Hmm, the earlier of the pair, I think.")
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()


async def test_not_the_late_one_but_the_other_of_two_offered(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    await _two_on_tuesday(container)
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. What have you got on Tuesday?")
        t = await talk("Not the later one, the other one.")
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_a_week_after_the_one_just_offered_for_a_move_counts_from_the_offer(
    container: Container,
) -> None:
    # the one held is Monday the 30th; the soonest offered is Friday the 4th (the days
    # between are full), and "a week after that one" is Friday the 11th, not Monday the 7th
    await add_caller(container, JOHN, "John Smith", (date(2026, 11, 30), time(9)))
    full = [date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 30), TUESDAY]
    full += [date(2026, 12, 2), date(2026, 12, 3)]
    taken = [(d, time(h)) for d in full for h in range(9, 16) if (d, h) != (date(2026, 11, 30), 9)]
    await seat_others(container, *taken, *((date(2026, 11, 25), time(h)) for h in range(11, 16)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I can't do Monday any more, when's the soonest you can"
            " move me to?"
        )
        assert "Friday, December 4th at 9" in t.reply, talk.transcript()
        t = await talk("Could it be the week after that one instead, same time?")
        assert "Friday, December 11th at 9" in t.reply, talk.transcript()
        await talk("Yes, move it.")
        assert await talk.booked(JOHN) == [(FRIDAY_AFTER, time(9))], talk.transcript()


async def test_the_slot_just_suggested_for_a_move_but_the_week_after(
    container: Container,
) -> None:
    # the one held is Monday the 30th; Tuesday the 1st has only 2 PM free
    await add_caller(container, JOHN, "John Smith", (date(2026, 11, 30), time(9)))
    await _two_on_tuesday(container)
    await seat_others(container, (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can you move my Monday one to Tuesday?")
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()
        t = await talk("Hmm - can I have the slot you just suggested, but the week after?")
        assert "Tuesday, December 8th at 2 PM" in t.reply, talk.transcript()
        await talk("Yes, that's fine.")
        assert await talk.booked(JOHN) == [(date(2026, 12, 8), time(14))], talk.transcript()


async def test_cancel_the_earlier_one_and_the_part_of_day_kept_is_the_reason(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Have I got two on Tuesday?")
        t = await talk("Get rid of the earlier one, please - I just want the afternoon.")
        assert "Tuesday, December 1st at 9 AM" in t.reply, talk.transcript()
        await talk("Yes, cancel it.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(14))], talk.transcript()


async def test_hours_later_than_the_time_offered_is_counted_from_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. What's the first slot on Friday the 4th?")
        assert "Friday, December 4th at 9 AM" in t.reply, talk.transcript()
        t = await talk("Two hours later than that would suit me better.")
        assert "11 AM" in t.reply and "December 4th" in t.reply, talk.transcript()
        await talk("Yes, book it.")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(11))], talk.transcript()


async def test_not_over_lunch_leaves_out_the_lunch_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, *((FRIDAY_NEXT, time(h)) for h in (9, 10, 11, 13, 14)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. Anything on Friday the 4th? Not over lunchtime,"
            " mind, I can't get away then."
        )
        assert "3 PM" in t.reply and "noon" not in t.reply, talk.transcript()


async def test_a_move_to_the_slot_after_a_relatives_said_with_its_hour(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    await seat_others(container, (FRIDAY_NEXT, time(11)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. My husband's booked in on Friday the 4th at eleven"
            " - can you move mine to that day, the slot after his?"
        )
        assert "Friday, December 4th at noon" in t.reply, talk.transcript()
        await talk("Yes, move it.")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(12))], talk.transcript()


async def test_a_booking_the_one_after_a_relatives_said_with_its_hour(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(
            "Hello, John Smith, 123 456 7890. I take my daughter in on Friday the 4th at two,"
            " could I have the one after hers?"
        )
        assert "Friday, December 4th at 3 PM" in t.reply, talk.transcript()


async def test_a_new_caller_asks_for_the_slot_after_a_relatives(container: Container) -> None:
    await seat_others(container, (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk(
            "Hiya - my son's booked in with you on Friday the 4th at two, can I get the slot"
            " straight after his?"
        )
        await talk("John Smith, 123 456 7890.")
        t = await talk("Yes, that's right.")
        assert "Friday, December 4th at 3 PM" in t.reply, talk.transcript()


async def test_friday_the_day_after_thanksgiving_is_that_friday(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. Could I come in on Friday, the day after"
            " Thanksgiving, at ten?"
        )
        assert "Friday, November 27th at 10" in t.reply, talk.transcript()
