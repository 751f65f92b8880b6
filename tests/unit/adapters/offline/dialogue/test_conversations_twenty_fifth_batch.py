"""What a twenty-fifth blind batch (misspelt key words, days said that are not the one wanted,
names with a title or surname first, ranked choices, spans of days or hours, tasks said in the
negative) taught the receptionist, in other words than the corpus lines, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, MONDAY_NEXT, TUESDAY, add_caller, talking


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. I'm not wanting to cancel it, I just need it moved to Tuesday, same time.",
        "its one two three four five six seven eight nine zero i dont wanna cancel it can you "
        "move it to tuesday same time",
        "123 456 7890 - no need to cancel anything, could you shift my Monday one to Tuesday at "
        "the same time?",
    ],
)
async def test_a_cancel_the_caller_denies_wanting_is_no_cancel(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert not t.called("cancel_appointment"), talk.transcript()
        assert "Shall I cancel" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. Don't cancel the one I've got - I need another one as well, Friday the "
        "4th at 2.",
        "one two three four five six seven eight nine oh im not calling to cancel i want "
        "another appointment friday the fourth at two",
    ],
)
async def test_a_denied_cancel_beside_a_new_booking_books_and_keeps(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel" not in t.reply.lower(), talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert booked == [(FRIDAY_NEXT, time(14)), (MONDAY_NEXT, time(9))], talk.transcript()


@pytest.mark.parametrize("yes", ["yes thats rigth", "Yeah thats corect.", "yep thatll do"])
async def test_a_yes_with_a_misspelt_word_is_no_name(container: Container, yes: str) -> None:
    async with talking(container) as talk:
        await talk("hi can i get an apointment monday at 11")
        t = await talk("its Anna Lee, 123 456 7890")
        assert "for Anna Lee with that number" in t.reply, talk.transcript()
        t = await talk(yes)
        assert "Anna" in t.reply and "last name" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_a_misspelt_change_is_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("123 456 7890 - can i chnage my monday apointment to tuesday same time")
        assert "move your appointment" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_a_misspelt_confirmation_number_is_asked_for(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("hi its 123 456 7890, whats the confermation numbr for monday?")
        assert not t.called("book_appointment"), talk.transcript()
        assert "confirmation code" in t.reply and "Shall I book" not in t.reply, talk.transcript()


async def test_after_luch_is_after_lunch(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("hi do you have anything monday after luch?")
        assert "9 AM" not in t.reply and "1 PM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Hi, 123 456 7890. Can you move my Monday one to Tuesday? Anywhere from 11 to 2.",
        "its one two three four five six seven eight nine zero i need to move it to tuesday "
        "any time from eleven to two",
    ],
)
async def test_hours_from_one_to_another_are_a_span(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "at 2 PM?" not in t.reply, talk.transcript()
        await talk("yes please")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == TUESDAY, talk.transcript()
        assert time(11) <= booked[0][1] < time(14), talk.transcript()


async def test_a_move_from_one_hour_to_another_is_still_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("123 456 7890, can you move my Monday appointment from 10 to 2?")
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


async def test_my_time_from_one_hour_to_another_is_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("123 456 7890 - could I change my time from 9 to 12 on Monday, same day?")
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(12))], talk.transcript()
