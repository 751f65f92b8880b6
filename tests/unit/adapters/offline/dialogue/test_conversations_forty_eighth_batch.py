"""What a forty-eighth blind batch (names that sound like words: months and days as first
names, time words as surnames, particles and abbreviations inside names) taught the
receptionist, in other words than the corpus lines, through a real text-mode session, the real
tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    ("number_line", "name"),
    [
        ("Ellen Friday, 123 456 7890.", "Ellen Friday"),
        ("It's Thursday Mbeki, 123 456 7890", "Thursday Mbeki"),
        ("Sure. Marcus Sunday, and the number is 123 456 7890.", "Marcus Sunday"),
        ("Monday Adebayo - 123 456 7890", "Monday Adebayo"),
    ],
)
async def test_a_weekday_name_given_with_the_number_is_the_name_and_no_day(
    container: Container, number_line: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk("Hello, I'm new, could I book Monday at 11?")
        t = await talk(number_line)
        assert f"for {name} with that number" in t.reply, talk.transcript()
        await talk("yes")
        t = await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()
        assert await talk.user_name(JOHN) == name


@pytest.mark.parametrize(
    ("opening", "name", "slot"),
    [
        (
            "Hi, my name's May Early and I was hoping for Tuesday at 2.",
            "May Early",
            (TUESDAY, time(14)),
        ),
        (
            "Good afternoon, my name is April Friday. Could I get Monday at 11 please?",
            "April Friday",
            (MONDAY, time(11)),
        ),
        (
            "Hello, my name's Joan Noon, I'd like next Thursday in the morning, the first one.",
            "Joan Noon",
            (THURSDAY_NEXT, time(9)),
        ),
        (
            "Hiya, my name is Colm Noon and I need Friday at 10 if you have it",
            "Colm Noon",
            (FRIDAY, time(10)),
        ),
    ],
)
async def test_a_name_of_two_everyday_words_or_an_hour_is_the_whole_name(
    container: Container, opening: str, name: str, slot: tuple
) -> None:
    async with talking(container) as talk:
        await talk(opening)
        t = await talk("123 456 7890")
        assert f"for {name} with that number" in t.reply, talk.transcript()
        await talk("yes")
        await talk("yes please")
        assert await talk.booked(JOHN) == [slot], talk.transcript()


@pytest.mark.parametrize(
    ("number_line", "name"),
    [
        ("Yusuf bin Salleh, 123 456 7890.", "Yusuf bin Salleh"),
        ("Hendrik van der Merwe, 123 456 7890", "Hendrik van der Merwe"),
        ("It's Lucia de la Vega, 123 456 7890.", "Lucia de la Vega"),
        ("Mary St. Clair, 123 456 7890", "Mary St Clair"),
        (
            "My name is Omar bin Khalid - b-i-n, lower case - and it's 123 456 7890",
            "Omar bin Khalid",
        ),
    ],
)
async def test_a_particle_or_an_abbreviation_inside_a_name_is_kept(
    container: Container, number_line: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk("Hi, I'd like to book Monday at 11, I've not been before.")
        t = await talk(number_line)
        assert f"for {name} with that number" in t.reply.replace(".", ""), talk.transcript()
        await talk("yes")
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()
        # stored with each word's first letter a capital ("Bin"), the words as said
        stored = (await talk.user_name(JOHN) or "").replace(".", "").lower()
        assert stored == name.replace(".", "").lower(), talk.transcript()


@pytest.mark.parametrize(
    "number_line",
    [
        "Dawn Early - Early like early in the morning. 123 456 7890.",
        "It's Chris Noon, Noon as in noon, 123 456 7890",
        "Amy Monday, Monday like the day. It's 123 456 7890.",
    ],
)
async def test_a_name_explained_by_its_word_asks_no_time(
    container: Container, number_line: str
) -> None:
    async with talking(container) as talk:
        await talk("Hello, new patient here - Tuesday at 2 please.")
        await talk(number_line)
        await talk("yes")
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(14))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890 - can you push both my appointments back a week? Same times.",
        "it's 123 456 7890, I need to move all of my appointments back a week please",
        "123 456 7890. Could you shift my two appointments back a week, same time each?",
        "hi 123 456 7890 push both of my bookings back by a week",
    ],
)
async def test_both_appointments_said_by_their_noun_move_a_week_together(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Shall I move both" in t.reply, talk.transcript()
        await talk("yes, both")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(9)), (TUESDAY_NEXT, time(11))], (
            talk.transcript()
        )
