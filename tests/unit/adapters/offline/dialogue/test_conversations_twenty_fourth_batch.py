"""What a twenty-fourth blind batch (a day named through another of the caller's bookings,
names that are calendar words, calls at night, days counted in working days, numbers with a
country code or an extension, yeses said as the slot read back) taught the receptionist, in
other words than the corpus lines, through a real text-mode session, the real tools and a
real database. Today is Wednesday 25 November 2026, 10:00 in New York (Thursday is
Thanksgiving)."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, TUESDAY_NEXT, add_caller, talking


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("123 456 7890 - I need to be seen three working days from now, at 11 if poss.", TUESDAY),
        (
            "its one two three four five six seven eight nine oh the next working day at eleven",
            FRIDAY,
        ),
        (
            "123 456 7890. Anything at eleven in the next three business days? The first one.",
            FRIDAY,
        ),
        ("123 456 7890 - in a couple of working days, say eleven o'clock?", MONDAY),
    ],
)
async def test_days_counted_in_working_days(container: Container, line: str, day: date) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(line)
        await talk("yes please")
        assert await talk.booked(JOHN) == [(day, time(11))], talk.transcript()


@pytest.mark.parametrize(
    ("opening", "name"),
    [
        ("Hi there, this is Dawn Friday - is Monday at 11 free?", "Dawn Friday"),
        ("morning my name is sunday adeyemi can i have monday at eleven", "Sunday Adeyemi"),
        ("Hello, Thursday Abernathy here. Anything on Monday at 11?", "Thursday Abernathy"),
        ("yes good day i am friday okonkwo i want monday at eleven", "Friday Okonkwo"),
        ("Hello, my name is Marta Ten Boom and I'd like Monday at 11.", "Marta Ten Boom"),
    ],
)
async def test_a_name_made_of_calendar_words_is_the_name_and_no_day(
    container: Container, opening: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk(opening)
        t = await talk("123 456 7890")
        assert f"for {name} with that number" in t.reply, talk.transcript()
        await talk("yes")
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_a_number_ending_in_oh_before_the_request_is_whole(container: Container) -> None:
    await add_caller(container, "2125550120", "Kemi Bello", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "hi its kemi bello two one two five five five oh one two oh i need to cancel friday"
        )
        assert "cancel" in t.reply and "November 27th at 10 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. The doctor wants to see me again a week after my Friday appointment, at 11.",
        "its one two three four five six seven eight nine oh could you have me back again the week "
        "after my friday one at eleven",
    ],
)
async def test_another_visit_counted_from_the_one_held_is_booked_beside_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move" not in t.reply, talk.transcript()
        await talk("yes please")
        booked = [(FRIDAY, time(10)), (FRIDAY_NEXT, time(11))]
        assert await talk.booked(JOHN) == booked, talk.transcript()


async def test_a_move_to_the_day_after_another_booking(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890 - can you move my Tuesday one to the day after my Monday one, same time?"
        )
        assert "December 1st at 2 PM" in t.reply, talk.transcript()
        await talk("yes")
        booked = [(MONDAY, time(10)), (TUESDAY, time(14))]
        assert await talk.booked(JOHN) == booked, talk.transcript()
