"""What a tenth batch of blind calls (texted requests, requests buried in a story, moves said
by how far, browsing across days, callers wrong about their own bookings, very polite or
clipped callers) taught the receptionist, call by call in other words than the corpus lines,
through a real text-mode session, the real tools and a real database. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, talking

OTHER = "3125550166"


async def test_the_next_one_after_mine_is_the_first_opening_after_it_that_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    await add_caller(container, OTHER, "Ada Lee", (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi, could I swap to the next slot after my current one?")
        t = await talk(JOHN)
        assert "Monday" in t.reply and "noon" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(10))]
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(12))], talk.transcript()


async def test_a_couple_of_hours_later_moves_it_two_hours(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("Can you make my Monday appointment a couple of hours later?")
        t = await talk(JOHN)
        assert "11 AM" in t.reply, talk.transcript()
        await talk("great")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_moving_it_to_where_it_already_is_says_so_and_changes_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(13)))
    async with talking(container) as talk:
        await talk("I want to move my appointment to Tuesday at one")
        t = await talk(JOHN)
        assert "already" in t.reply and "Tuesday" in t.reply and "1 PM" in t.reply, t.reply
        assert await talk.booked(JOHN) == [(TUESDAY, time(13))]


async def test_the_first_one_said_for_an_earlier_day_is_picked_from_that_day(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await add_caller(container, OTHER, "Ada Lee", (MONDAY, time(9)), (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("what times have you got on Monday?")
        assert "11 AM" in t.reply, t.reply
        await talk("and Tuesday?")
        await talk("hmm no, the first one you said for Monday")
        t = await talk(JOHN)
        assert "Monday" in t.reply and "11 AM" in t.reply and "Tuesday" not in t.reply, (
            talk.transcript()
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_no_thanks_to_what_else_ends_the_call(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(13)))
    async with talking(container) as talk:
        await talk("when is my appointment?")
        await talk(JOHN)
        await talk("no, leave it")
        await talk("yes")
        assert not talk.ended
        await talk("No thanks.")
        assert talk.ended, talk.transcript()


async def test_later_in_the_week_offers_a_day_after_it_that_week(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Sorry, long story, but I need Monday's appointment moved to later in the week")
        t = await talk(JOHN)
        assert "Tuesday" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()


async def test_the_other_one_can_go_cancels_the_one_not_kept(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        await talk("I've got two with you and I only need the one on Tuesday, the other can go")
        t = await talk(JOHN)
        assert "cancel" in t.reply and "Monday" in t.reply and "Tuesday" not in t.reply, t.reply
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(14))], talk.transcript()
