"""What a forty-seventh blind batch (callers talking to a machine: keywords, menu commands,
testing the bot, dictation, "wait" and "hold on", an assistant's habits) taught the
receptionist, in other words than the corpus lines, through a real text-mode session, the real
tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    ("change", "undo", "slot"),
    [
        (
            "123 456 7890. I'd like another appointment, Thursday the 3rd at 9.",
            "Cancel that. Thursday the 3rd at 2 instead.",
            (THURSDAY_NEXT, time(14)),
        ),
        (
            "123 456 7890, book me Friday the 4th at 10 please",
            "no, cancel that - make it 11",
            (FRIDAY_NEXT, time(11)),
        ),
        (
            "It's 123 456 7890. Can you put me in for Tuesday at 3?",
            "Oh, cancel this, Tuesday at 1 would be better.",
            (TUESDAY, time(13)),
        ),
    ],
)
async def test_cancel_that_at_a_booking_undoes_the_time_not_the_appointment_held(
    container: Container, change: str, undo: str, slot: tuple
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(change)
        t = await talk(undo)
        assert "cancel" not in t.reply.lower(), talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert booked == sorted([(MONDAY_NEXT, time(10)), slot]), talk.transcript()


@pytest.mark.parametrize(
    ("move", "undo", "slot"),
    [
        (
            "123 456 7890 here. Move my Monday the 7th appointment to Friday the 4th at 9.",
            "Cancel that. Friday at 3, not 9.",
            (FRIDAY_NEXT, time(15)),
        ),
        (
            "hi 123 456 7890, can you shift my appointment to Monday the 30th at 9",
            "cancel that, Monday the 30th at 12",
            (MONDAY, time(12)),
        ),
    ],
)
async def test_cancel_that_at_a_move_moves_it_to_the_new_time(
    container: Container, move: str, undo: str, slot: tuple
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk(move)
        t = await talk(undo)
        assert "cancel" not in t.reply.lower(), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [slot], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Check appointment.",
        "Appointment check, please.",
        "what's on my calendar with you guys?",
        "Hey, what do I have in the diary at the clinic?",
    ],
)
async def test_a_menu_word_or_an_assistant_question_checks_what_is_held(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY_NEXT, time(10)), (FRIDAY_NEXT, time(14))
    )
    async with talking(container) as talk:
        await talk(line)
        t = await talk("John Smith, 123 456 7890")
        assert "December 7th at 10 AM" in t.reply, talk.transcript()
        assert "December 4th at 2 PM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "Hang on. Hang on, let me look at my calendar... yeah, okay, that works, go ahead.",
        "wait... one sec... ok yes book it",
        "Hold on a moment. Right, yes please.",
    ],
)
async def test_a_pause_then_a_yes_books_the_slot_proposed(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("123 456 7890, can I book Monday the 7th at 10?")
        await talk(answer)
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "answer", ["hold on, no, not that one", "Wait. Hmm. No, I'd rather not.", "hang on"]
)
async def test_a_pause_with_no_yes_books_nothing(container: Container, answer: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("123 456 7890, can I book Monday the 7th at 10?")
        await talk(answer)
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Jane Doe. Phone: one. two. three. four. five. six. seven. eight. nine. zero.",
        "It's Jane Doe, and the number, slowly: one... two... three... four, five, six... "
        "seven, eight, nine, zero.",
        "Jane Doe. Number - 1. 2. 3. 4. 5. 6. 7. 8. 9. 0.",
    ],
)
async def test_a_number_dictated_a_digit_at_a_time_is_one_number(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk("I'd like to book Monday the 7th at 10, please")
        t = await talk(line)
        assert "123-456-7890" in t.reply, talk.transcript()


async def test_a_number_said_twice_in_groups_gives_no_hour(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Booking request. Day: Monday the 7th. Time: ten hundred hours.")
        t = await talk(
            "Name: Jane Doe. Phone: area code six one seven. Then five five five. Then eight "
            "eight one seven. Again: six one seven, five five five, eight eight one seven."
        )
        if "Shall I set one up" in t.reply:
            t = await talk("yes")
        assert "Monday, December 7th at 10 AM" in t.reply, talk.transcript()
        assert "8 AM" not in t.reply and "7 AM" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Yes, item one confirmed.", "Yes, item two confirmed."),
        ("Item one: yes.", "Item two: yes, go ahead."),
    ],
)
async def test_a_dictated_list_of_two_changes_gets_both_done(
    container: Container, first: str, second: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk(
            "Two items. Item one: book Friday the 4th, 1 p.m. Item two: cancel my appointment "
            "on Monday the 7th. Number 123 456 7890."
        )
        await talk(first)
        await talk(second)
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(13))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    ["friday next week same time", "Same time, Friday next week.", "Friday the week after, at 10"],
)
async def test_the_held_weekday_in_the_week_after_is_where_it_moves(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("Reschedule.")
        await talk("John Smith, 123 456 7890")
        t = await talk(line)
        assert "to Friday, December 4th at 10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "name ruiz r u i z first name elena e l e n a six one seven five five five zero one "
        "eight seven",
        "name ruiz first name elena phone six one seven five five five zero one eight seven",
    ],
)
async def test_a_spoken_form_surname_then_first_name_is_the_new_accounts_name(
    container: Container, line: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("appointment please monday the seventh at ten")
        t = await talk(line)
        assert "Elena Ruiz" in t.reply, talk.transcript()
