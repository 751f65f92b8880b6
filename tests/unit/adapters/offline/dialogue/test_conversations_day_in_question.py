"""Days said relative to the day in question, not to today: "the same time next week as well"
after a booking is a week after the booked day, at its time; "the day before then, the 3rd"
after Friday the 4th names the 3rd (words after "then" name the day meant: no day to count back
from)."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, THURSDAY, THURSDAY_NEXT, add_caller, talking


@pytest.mark.parametrize(
    "line",
    [
        "and can you do the same time next week as well",
        "great, could I have the same time next week too",
    ],
)
async def test_the_same_time_next_week_after_a_booking_is_a_week_after_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi I need an appointment this thursday at two")
        await talk(JOHN)
        await talk("yep")
        t = await talk(line)
        assert "Thursday, December 3rd" in t.reply and "2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [
            (THURSDAY, time(14)),
            (THURSDAY_NEXT, time(14)),
        ], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "oh right of course well the day before then the 3rd in the morning",
        "ah ok the day before then, so the third, in the morning",
    ],
)
async def test_the_day_before_then_followed_by_its_name_is_the_day_named(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi could I book friday the 4th in the morning")
        t = await talk(JOHN)
        assert "December 4th" in t.reply, talk.transcript()
        t = await talk(line)
        assert "December 3rd" in t.reply, talk.transcript()
        assert "December 2nd" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "first",
    [
        "Hi there, are you open on Saturdays? Weekdays are hard for me",
        "hello, are you open on christmas eve at all?",
    ],
)
async def test_asking_whether_the_clinic_is_open_then_asking_to_book_books(
    container: Container, first: str
) -> None:
    # "are you open on ...?" asks the hours; a booking asked after it is proposed, not listed
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(first)
        await talk("ok, could I get something first thing monday then")
        t = await talk(JOHN)
        assert "Shall I book" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "I need a double one, two hours back to back, I have a lot to go over. Monday morning?",
        "could I get two hours back to back on monday, I have a lot of questions",
    ],
)
async def test_hours_of_a_long_visit_with_i_have_a_are_no_move(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Monday" in t.reply and "move" not in t.reply, talk.transcript()
        assert not t.called("reschedule_appointment")
