"""What a fifty-fourth blind batch (the over-telling caller: a story around the request, many
facts in one breath, numbers that are not the appointment, a yes wrapped in talk) taught the
receptionist, in other words than the corpus lines, through a real text-mode session, the real
tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks
from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    TUESDAY,
    add_caller,
    talking,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    "line",
    [
        "Yep, that's right - I've had it since 2011, same phone and everything.",
        "yeah thats my number had it since i was fourteen",
        "Yes, that's the one. Got it in 2016 when I moved here, never changed it.",
    ],
)
async def test_a_year_or_an_age_told_with_the_yes_to_the_number_fixes_no_digits(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, I'm new. Ann Ford, 123 456 7890. Could I come in Monday at ten?")
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk(line)
        assert await talk.user_name(JOHN) == "Ann Ford", talk.transcript()
        assert "November 30th at 10 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line", ["Yes, but it ends 7890, not 7809.", "yeah - no sorry, the end is 7890"]
)
def test_a_last_four_said_as_a_fix_with_the_yes_is_still_taken(line: str) -> None:
    u = understand(line, Context(today=TODAY, asked="phone_confirm"))
    assert u.phone is not None and u.phone.digits == "7890"


@pytest.mark.parametrize(
    "line",
    [
        "Yes, that's the mobile, the landline's been cut off.",
        "yes thats the work phone but i always have it on me",
        "Correct - that's the best number for me, I'm never home.",
    ],
)
def test_a_thing_named_after_the_yes_to_the_number_is_no_name(line: str) -> None:
    u = understand(line, Context(today=TODAY, asked="phone_confirm"))
    assert u.yes and u.name is None


@pytest.mark.parametrize(
    "line",
    [
        "Yes, go ahead. Honestly the week I've had - the boiler went on Monday, the car on "
        "Tuesday, and my mother's in on the 3rd for her hip.",
        "yeah do it because my sister can take me that day she finishes at twelve on fridays",
        "Yes please - I've been waiting since the 12th, two weeks of it, the sooner the better.",
    ],
)
async def test_a_yes_then_a_story_with_days_and_hours_is_a_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could you cancel my Monday appointment?")
        assert "cancel" in t.reply and "November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Yes. Actually, could it be at eleven instead?",
        "Yes - no, wait, make it Tuesday.",
    ],
)
async def test_a_story_after_the_yes_that_asks_for_another_time_is_no_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can I book Monday at ten?")
        assert "November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert not t.called("book_appointment"), talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Yes, nine and ten, great - my son can go in first, he's only little.",
        "yes nine and ten please",
    ],
)
async def test_both_hours_said_back_to_two_bookings_book_both(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. Two appointments back to back on Monday morning, "
            "one for me and one for my son, please."
        )
        assert "both" in t.reply, talk.transcript()
        t = await talk(line)
        booked = sorted(await talk.booked(JOHN))
        assert booked == [(MONDAY, time(9)), (MONDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    ("line", "task"),
    [
        ("i'm afraid my friday appointment will have to go, my mother is poorly", "cancel"),
        ("the Tuesday one's got to go, sorry", "cancel"),
        ("i'm down for the 4th at two and i need it moved, school play", "reschedule"),
        ("my appointment is on monday at nine, can i come a bit later that day", "reschedule"),
        ("could you tell me what i've got booked in", "list"),
        ("i need a medication review, any day next week", "book"),
        ("we're moving house on saturday so can i get in on friday", "book"),
    ],
)
def test_everyday_ways_of_naming_the_task(line: str, task: str) -> None:
    lowered = line.lower().replace("'", "")
    assert detect_tasks(lowered)[:1] == [task]


def test_an_appointment_that_will_have_to_go_is_no_goodbye() -> None:
    u = understand(
        "Well, the Friday one will have to go, I'm afraid.", Context(today=TODAY, asked="request")
    )
    assert not u.end
    assert understand("sorry, I have to go", Context(today=TODAY, asked="request")).end


@pytest.mark.parametrize(
    "line", ["what's the first you've got?", "just the first you can do", "the very first free"]
)
def test_the_first_you_have_is_the_earliest_not_the_first_of_a_month(line: str) -> None:
    u = understand(line, Context(today=TODAY, asked="datetime"))
    day = u.when.day
    assert day is not None and day.earliest and not day.dates


async def test_a_story_then_cancel_in_one_breath_asks_to_cancel(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)), (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. It's been a week - my dad's been in hospital since "
            "Sunday, he's 91, so the Tuesday appointment will have to go."
        )
        assert "cancel" in t.reply and "December 1st at 9 AM" in t.reply, talk.transcript()
        assert not t.called("end_conversation"), talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Yeah that's lovely. Oh hang on, I can't do ten, the grandkids are here.",
        "yes ok. but actually i cant do ten after all my lift falls through",
        "Yes. Although, come to think of it, the Tuesday would suit me better.",
        "Yep. Well, not that one - the Friday one, sorry.",
    ],
)
async def test_a_yes_the_story_after_it_takes_back_books_nothing(
    container: Container, line: str
) -> None:
    """A yes, then a story that refuses the hour proposed or wishes another day: the yes does
    not stand on its own, nothing is booked on it."""
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can I book Monday at ten?")
        assert "November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Ah, right. Forget it then, I'll keep the ten o'clock.",
        "oh right ok. never mind, leave it where it is",
    ],
)
async def test_an_oh_right_then_keeping_what_is_held_moves_nothing(
    container: Container, line: str
) -> None:
    """ "Oh, right" is the caller taking in what was said, not a yes: what follows keeps the
    appointment as it is."""
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could my Monday one go to the afternoon?")
        assert "Shall I move" in t.reply, talk.transcript()
        await talk(line)
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


def test_a_number_told_after_the_yes_is_taken() -> None:
    """ "Yes, eleven's great. My number is ..." at a booking asked before the caller is known:
    the number is read, not left in the story."""
    u = understand(
        "Yes, eleven's great. My number's 415 555 0192.",
        Context(today=TODAY, asked="confirm"),
    )
    assert u.phone is not None and u.phone.digits == "4155550192"
