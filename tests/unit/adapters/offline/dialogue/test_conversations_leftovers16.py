"""Faults left in the typed corpus after the cut-off stop (leftovers16), each as callers say it,
through a real text-mode session, the real tools and a real database. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


# --- a typed form: one field a line, or fields split with "|" -----------------------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("appointment pls | Priya Raman | 555-201-3344 | tuesday | 10am", "Priya Raman"),
        ("New patient|Kofi Asante|(555) 201 3344|Tue 10 AM", "Kofi Asante"),
        ("Name: DANA WHITFIELD\nPhone: 555 201 3344\nDay: Tuesday\nTime: 10am", "Dana Whitfield"),
        ("hello\nname - Bram Visser\ntel 5552013344\nwant tuesday at 10", "Bram Visser"),
    ],
)
async def test_a_new_callers_name_in_a_typed_form_is_read_back_with_the_number(
    container: Container, line: str, name: str
) -> None:
    async with talking(container) as talk:
        t = await talk(line)
        assert f"Shall I set one up for {name} with that number?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        t = await talk("yes")
        assert await talk.user_name("5552013344") == name, talk.transcript()
        assert "Shall I book Tuesday, December 1st at 10 AM?" in t.reply, talk.transcript()
        t = await talk("yes")
        assert await talk.booked("5552013344") == [(TUESDAY, time(10))], talk.transcript()


# --- "I'm a regular there, it's Dennis ...": the name after a later "it's" ----------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "hi im a bit of a regular actually its marta kowalski five five five two zero one"
            " three three four four can i do tuesday at ten",
            "Marta Kowalski",
        ),
        (
            "yeah hi im ringing about an appointment its gareth pryce uh five five five two oh"
            " one three three four four tuesday at ten please",
            "Gareth Pryce",
        ),
    ],
)
async def test_a_name_introduced_after_another_im_is_read_back_with_the_number(
    container: Container, line: str, name: str
) -> None:
    async with talking(container) as talk:
        t = await talk(line)
        assert f"Shall I set one up for {name} with that number?" in t.reply, talk.transcript()
        t = await talk("yeah thats right")
        assert await talk.user_name("5552013344") == name, talk.transcript()
        assert "Shall I book Tuesday, December 1st at 10 AM?" in t.reply, talk.transcript()


# --- "did someone already book me something?": a question about bookings held, not a booking ---
@pytest.mark.parametrize(
    "line",
    [
        "Not sure I'm even on your system, but has anybody booked me in for something? It's"
        " 123 456 7890.",
        "Hi, um, did my husband already make me an appointment? My number's 123-456-7890.",
        "hiya am i already down for something, number is 123 456 7890",
    ],
)
async def test_asking_whether_someone_booked_me_reads_the_bookings_held(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(13)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Monday, November 30th at 1 PM" in t.reply, talk.transcript()
        assert "What day and time" not in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


# --- "it's my mum's birthday": a relative's day, not a relative's number ------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh hang on, Tuesday's no good after all, it's my daughter's school play. Could you put"
        " it back to Monday at 10?",
        "ugh sorry, that was my husband's birthday I forgot, can it go back to monday at 10",
    ],
)
async def test_a_relatives_day_given_as_a_reason_keeps_the_callers_number(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        await talk("Could you move my Monday appointment to Tuesday, same time?")
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()
        t = await talk(line)
        assert "phone number" not in t.reply, talk.transcript()
        assert (
            "Shall I move your appointment from Tuesday, December 1st at 10 AM to Monday,"
            " November 30th at 10 AM?" in t.reply
        ), talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


# --- "can I have my old time back?": the slot held before this call's move, confirmed again ----
@pytest.mark.parametrize(
    "line",
    [
        "Oh shoot, actually can I have my old time back?",
        "sorry can we just go back to how it was",
        "Ugh, my mistake - put it back please.",
        "Actually could you undo that? I'll need the Monday after all.",
        "oh wait can we go back to what i had before monday at ten my lift fell through",
    ],
)
async def test_a_move_asked_back_proposes_the_slot_held_before(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        await talk("Could you move my Monday appointment to Tuesday at 11?")
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()
        t = await talk(line)
        assert (
            "Shall I move your appointment from Tuesday, December 1st at 11 AM to Monday,"
            " November 30th at 10 AM?" in t.reply
        ), talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_a_move_asked_back_with_another_time_takes_that_time(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        await talk("Could you move my Monday appointment to Tuesday at 11?")
        await talk("Yes please.")
        t = await talk("Hmm, can you put it back to the Monday, but at 2 this time?")
        assert "to Monday, November 30th at 2 PM?" in t.reply, talk.transcript()
        t = await talk("no, leave it")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


# --- "my 9 o'clock on Wednesday to Thursday": the day said on names which 9 o'clock ------------
@pytest.mark.parametrize(
    ("line", "moved", "to"),
    [
        (
            "I need to move my 9 o'clock on Wednesday to Thursday the 3rd, same time.",
            "Wednesday, December 2nd at 9 AM",
            "Thursday, December 3rd at 9 AM",
        ),
        (
            "could you move my 9am appointment on friday to monday the 7th at 10 please",
            "Friday, December 4th at 9 AM",
            "Monday, December 7th at 10 AM",
        ),
    ],
)
async def test_the_day_said_with_the_time_held_picks_the_appointment(
    container: Container, line: str, moved: str, to: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(9)), (FRIDAY_NEXT, time(9))
    )
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert f"Shall I move your appointment from {moved} to {to}?" in t.reply, talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()


# --- "put the Wednesday back and move the Friday instead": the move undone, then the other -------
async def test_the_wrong_one_moved_is_put_back_before_the_right_one_moves(
    container: Container,
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (WEDNESDAY_NEXT, time(9)), (FRIDAY_NEXT, time(9))
    )
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        await talk("Can you move my Wednesday one to Thursday the 3rd at 9?")
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(9)), (FRIDAY_NEXT, time(9))]
        t = await talk(
            "Argh, sorry, wrong one! I meant the Friday. Could you put Wednesday back where it"
            " was, and move the Friday one to the 3rd at 9 instead?"
        )
        # both named in one question (leftovers20), the one put back first
        assert (
            "the one on Thursday, December 3rd at 9 AM to Wednesday, December 2nd at 9 AM, and"
            " the one on Friday, December 4th at 9 AM to Thursday, December 3rd at 9 AM?" in t.reply
        ), talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(9)), (THURSDAY_NEXT, time(9))]


# --- the name read back after the caller's own correction, answered with a day -----------------
@pytest.mark.parametrize(
    "answer",
    ["Tuesday at 10 please", "ok um, tuesday the 1st, ten o'clock?"],
)
async def test_a_day_said_to_the_corrected_names_read_back_takes_both(
    container: Container, answer: str
) -> None:
    async with talking(container) as talk:
        await talk("Hi, I'd like to make an appointment.")
        await talk("555 201 3344")
        await talk("yes")
        await talk("Ines Barrow")
        t = await talk("oh hang on, you've got my last name wrong, it's Barlow, B-A-R-L-O-W.")
        assert "Shall I change the name on your account" in t.reply, talk.transcript()
        t = await talk(answer)
        assert await talk.user_name("5552013344") == "Ines Barlow", talk.transcript()
        assert "Shall I book Tuesday, December 1st at 10 AM?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        await talk("yes")
        assert await talk.booked("5552013344") == [(TUESDAY, time(10))], talk.transcript()


# --- a start time named by its place in the day: "the second appointment of the day" -----------
@pytest.mark.parametrize(
    ("line", "spoken"),
    [
        ("I'd like the third slot of the morning on Tuesday, please.", "11 AM"),
        ("tuesday, the second appointment of the day if that's free", "10 AM"),
        ("Can I have the last-but-one appointment on Tuesday please", "2 PM"),
        ("i'd like the second to last slot on tuesday ta", "2 PM"),
        ("Tuesday, um, the one right before lunch?", "11 AM"),
    ],
)
async def test_a_slot_named_by_its_place_in_the_day_is_that_time(
    container: Container, line: str, spoken: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert f"Shall I book Tuesday, December 1st at {spoken}?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


async def test_a_second_appointment_asked_for_is_no_place_in_the_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk("I need a second appointment, Tuesday at 3 if you have it.")
        assert "Shall I book Tuesday, December 1st at 3 PM?" in t.reply, talk.transcript()
