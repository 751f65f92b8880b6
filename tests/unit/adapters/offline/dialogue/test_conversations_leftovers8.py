"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: hours the caller is free given as "twelve till one", a time
the caller is due at work by, ... Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    MONDAY,
    THURSDAY,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    seat_others,
    talking,
)


# --- "I get twelve till one": the hours from one until the other, the last one not included --
@pytest.mark.parametrize(
    ("line", "picked"),
    [
        (
            "Hi, John Smith, 123 456 7890. I've started a new job so my Friday 9am won't work "
            "any more. Could you move it to my lunch break? I get twelve till one.",
            "noon",
        ),
        (
            "123-456-7890, john smith. new job so friday at 9 is no good now, can we move it? "
            "i'm only free twelve till one",
            "noon",
        ),
        (
            "It's John Smith, 1234567890. Could you move my Friday appointment? I'm free from "
            "two until four that day.",
            "2 PM",
        ),
    ],
)
async def test_free_from_one_hour_until_another_moves_into_that_window(
    container: Container, line: str, picked: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert f"to Friday, November 27th at {picked}?" in t.reply, talk.transcript()


# --- "I'm in for ten": due at work then, so a slot before it ---------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Morning! Can I get first thing Tuesday? Has to be before work, I'm in for ten.",
        "can i get something tuesday morning? i start work at 10 so it has to be before that",
        "Hi, anything on Tuesday before my shift? My shift starts at 10.",
        "I need an appointment Tuesday, I've got to be at work for ten though.",
    ],
)
async def test_a_time_the_caller_is_due_at_work_asks_for_a_slot_before_it(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "December 1st" in t.reply and "9 AM" in t.reply, talk.transcript()
        assert "10 AM" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("2125550199") == [(TUESDAY, time(9))], talk.transcript()


@pytest.mark.parametrize("line", ["could I start at ten on Monday?", "can i start at 10 monday"])
async def test_a_start_asked_for_is_the_appointment_time_not_the_callers_day(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "November 30th at 10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("2125550199") == [(MONDAY, time(10))], talk.transcript()


# --- "earlier than my 3pm mon?": a move of the one held to an earlier time ------------------
@pytest.mark.parametrize(
    "line",
    [
        "earlier than my 3pm mon? 1234567890",
        "1234567890 - anything earlier than my 3 o'clock on Monday?",
        "Hi, John Smith, 123 456 7890. Have you got anything sooner than my Monday appointment?",
        "123 456 7890 here, is there any chance of something earlier than my monday 3pm",
    ],
)
async def test_earlier_than_the_one_held_offers_earlier_times_and_moves_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Shall I move your appointment" in t.reply, talk.transcript()
        assert "11 AM" in t.reply, talk.transcript()
        t = await talk("11")
        assert "to Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
        await talk("y")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "can I book something on Monday earlier than my lunch break? 212 555 0199",
        "212 555 0199. I need a Monday appointment, earlier than my shift if you can",
    ],
)
async def test_earlier_than_the_callers_own_day_is_not_a_move(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk(line)
        assert "move" not in t.reply, talk.transcript()


# --- "is it actually booked? ... can I have the confirmation code?": the code, read out -----
@pytest.mark.parametrize(
    "line",
    [
        "Hi - I tried booking on your website last night and never got an email. Is it actually "
        "booked? Friday at 9 I think. John Smith, 123-456-7890. If it is, can I have the "
        "confirmation code?",
        "1234567890. did my friday booking go through? could i have the code for it please",
        "Hello, it's John Smith, 123 456 7890. I booked online for Friday, can I please have "
        "the reference number? The email never came.",
    ],
)
async def test_the_code_asked_for_beside_whether_it_is_booked_is_read_out(
    container: Container, line: str
) -> None:
    [code] = await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert code.upper() in t.reply.upper(), talk.transcript()
        assert "Friday, November 27th at 9 AM" in t.reply, talk.transcript()


# --- "never mind, I'll keep Monday then" to "anything else?": the appointment, not a goodbye --
@pytest.mark.parametrize(
    "keep",
    [
        "Oh well, never mind. I'll keep Monday then.",
        "ah ok, i'll just stick with my monday one",
        "Fair enough, I'll keep it then.",
        "oh that's a shame. I'll hang on to the Monday appointment",
    ],
)
async def test_keeping_the_appointment_to_anything_else_is_not_a_goodbye(
    container: Container, keep: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    await seat_others(container, (MONDAY, time(9)), (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. Has anything come free before my 11 o'clock on "
            "Monday? If not, no problem, I'll keep it."
        )
        assert "anything else" in t.reply, talk.transcript()
        t = await talk(keep)
        assert not talk.ended, talk.transcript()
        assert "anything else" in t.reply, talk.transcript()
        await talk("No, that's it, thanks.")
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


# --- "can you make it the morning, same day?" after the appointment held was read out -------
@pytest.mark.parametrize(
    "change",
    [
        "She's saying - Mum, what? - she says the afternoon is too late for her, because of the "
        "bus. Can you make it the morning, same day?",
        "the afternoon's no good for her with the bus, could it be the morning instead?",
        "hmm, could you make that a morning one, same day",
    ],
)
async def test_make_it_another_time_after_the_appointment_is_read_out_moves_it(
    container: Container, change: str
) -> None:
    await add_caller(container, JOHN, "Mary Smith", (MONDAY, time(14)))
    async with talking(container) as talk:
        t = await talk(
            "Hello, I'm calling for my mother, Mary Smith, she's here with me. Her number is "
            "123 456 7890. She has an appointment on Monday at 2."
        )
        assert "anything else" in t.reply, talk.transcript()
        t = await talk(change)
        assert "Shall I move your appointment" in t.reply, talk.transcript()
        t = await talk("Ten o'clock. She says ten.")
        assert "to Monday, November 30th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes, yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


# --- a name spelled before anyone asks, then more said: the name is kept --------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "Before you ask, it's Aoife Brennan. A-O-I-F-E, B-R-E-N-N-A-N. Every single place "
            "gets it wrong. I need the earliest you've got on Monday.",
            "Aoife Brennan",
        ),
        (
            "My name's Niamh Quigley, that's N-I-A-M-H Q-U-I-G-L-E-Y. Can I book Monday morning?",
            "Niamh Quigley",
        ),
        (
            "hi its Ciaran Doherty - C-I-A-R-A-N, D-O-H-E-R-T-Y. people always spell it wrong. "
            "i need an appointment monday",
            "Ciaran Doherty",
        ),
    ],
)
async def test_a_name_spelled_unasked_in_the_first_line_is_the_callers(
    container: Container, line: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk("Number's 212 555 0199.")
        assert f"set one up for {name}" in t.reply, talk.transcript()
        await talk("Yes.")
        assert await talk.user_name("2125550199") == name, talk.transcript()


# --- "my Thursday appointment... not this week, the one after": the Thursday after ----------
@pytest.mark.parametrize(
    "line",
    [
        "Hi, John Smith here, 123-456-7890. I need to move my Thursday appointment... not this "
        "week, the one after. Same time if you can.",
        "hi 123 456 7890 can i move my thursday appt, not this week, the one after. same time",
        "1234567890. My Thursday appointment, could you move it? Not this week, next week, "
        "same time please.",
    ],
)
async def test_the_weekday_held_in_a_week_turned_down_moves_to_that_weekday_after(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "to Thursday, December 3rd at 11 AM?" in t.reply, talk.transcript()
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(11))], talk.transcript()


async def test_a_weekday_said_with_a_week_turned_down_still_names_a_later_appointment(
    container: Container,
) -> None:
    # the Thursday of next week is the one held: "not this week" says which, not where to
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        t = await talk(
            "1234567890, I need to move my Thursday appointment, not this week, the one after."
        )
        assert "December 3rd at 11 AM" in t.reply, talk.transcript()
        assert "to Thursday, December 10th" not in t.reply, talk.transcript()


# --- "afternoons ... the earliest one is fine": the earliest of the afternoon ----------------
@pytest.mark.parametrize(
    "lines",
    [
        ("hi id like to come in on tuesday", "what about afternoons", "the earliest one is fine"),
        ("Can I book something Tuesday afternoon please?", "Whatever's earliest."),
        ("tuesday, in the afternoon ideally", "just the earliest you have"),
        ("can i come in tuesday", "afternoons are better for me", "the earliest one then"),
    ],
)
async def test_the_earliest_asked_after_a_part_of_the_day_is_the_earliest_of_that_part(
    container: Container, lines: tuple[str, ...]
) -> None:
    await seat_others(container, (TUESDAY, time(12)))
    async with talking(container) as talk:
        for line in lines:
            await talk(line)
        t = await talk.introduce("its peter jones and my number is 212 555 0199")
        assert "December 1st at 1 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked("2125550199") == [(TUESDAY, time(13))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "The earliest you have on Monday then. I'd like to book it.",
        "The latest you have on Monday then. I'd like to book it.",
    ],
)
async def test_the_earliest_or_latest_of_a_day_said_again_is_not_the_time_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Could I get in on Monday afternoon?")
        t = await talk("1234567890")
        assert "Shall I book Monday, November 30th at noon?" in t.reply, talk.transcript()
        await talk(line)
        assert (MONDAY, time(12)) not in await talk.booked(JOHN), talk.transcript()


@pytest.mark.parametrize("part", ["Afternoon.", "afternoon", "Morning."])
async def test_a_part_of_the_day_said_alone_is_the_time_not_a_greeting(
    container: Container, part: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, I need to make an appointment. 1234567890")
        await talk("Tuesday maybe?")
        t = await talk(part)
        assert "didn't catch" not in t.reply, talk.transcript()
