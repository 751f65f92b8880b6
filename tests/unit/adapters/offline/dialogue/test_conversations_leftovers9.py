"""Faults left from the last rounds, each as callers say it, through a real text-mode session,
the real tools and a real database: two times offered by the caller as equal choices ("one or
two?"), a "sorry?" after the agent was asked to wait, a move only if something earlier than
the appointment held has come free, and "anything earlier?" to a single slot proposed. Today
is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY_NEXT, add_caller, seat_others, talking


# --- "one or two?": the first of the times said that is free, not only the last -------------
@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. Can my Friday one go to after lunch instead, one or two?",
        "1234567890 - could we push friday's appointment to 1 or 2 that day",
        "Hi, it's John Smith on 123-456-7890. I need to change the time of my Friday "
        "appointment, would 13:00 or 14:00 work?",
    ],
)
async def test_two_times_said_as_choices_propose_the_first_and_a_yes_with_it_moves(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "to Friday, November 27th at 1 PM?" in t.reply, talk.transcript()
        await talk("One's great, yes please.")
        assert await talk.booked(JOHN) == [(FRIDAY, time(13))], talk.transcript()


async def test_two_times_said_as_choices_the_first_free_one_is_proposed_as_is(
    container: Container,
) -> None:
    await seat_others(container, (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("could I get in on Thursday the 3rd, 9 or 10 in the morning?")
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "Shall I book Thursday, December 3rd at 9 AM?" in t.reply, talk.transcript()
        assert "taken" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("2125550199") == [(THURSDAY_NEXT, time(9))], talk.transcript()


# --- "sorry?" after "take your time": the question waited on, not the hold line -------------
@pytest.mark.parametrize("again", ["sorry, what was that?", "what?", "Sorry?"])
async def test_asked_again_after_a_wait_the_question_is_said_not_the_hold_line(
    container: Container, again: str
) -> None:
    async with talking(container) as talk:
        first = await talk("Hi, I need to see someone on Monday")
        assert "phone number" in first.reply, talk.transcript()
        await talk("one moment, I need to find my phone")
        t = await talk(again)
        assert "take your time" not in t.reply.lower(), talk.transcript()
        assert "phone number" in t.reply, talk.transcript()


# --- "anything before my 11 on Monday? if not I'll keep it": earlier that day or it stays ----
@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. Is there anything open before my 11 o'clock on Monday? "
        "If there isn't I'll keep it.",
        "123 456 7890 here - anything free before my monday 11am? if not, ill just keep it",
    ],
)
async def test_anything_before_the_time_held_offers_that_day_and_moves_only_on_a_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "9 AM" in t.reply and "10 AM" in t.reply, talk.transcript()
        assert "November 25th" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()
        await talk("the ten please")
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_anything_before_the_first_time_of_the_day_keeps_the_appointment_and_says_so(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "Hello, 123 456 7890. Has anything opened up before my 9am on Monday? "
            "If not I'll stick with it."
        )
        assert "stays on Monday, November 30th at 9 AM" in t.reply, talk.transcript()
        assert "nothing earlier" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


# --- "anything earlier that day?" to one slot proposed: the right side of it ----------------
@pytest.mark.parametrize(
    ("line", "wanted", "not_wanted"),
    [
        ("Have you got anything earlier that day?", "1 PM", "3 PM"),
        ("Hmm, anything before that?", "1 PM", "3 PM"),
        ("is there anything later in the day", "3 PM", "1 PM"),
        ("Nothing after that, no?", "3 PM", "1 PM"),
    ],
)
async def test_earlier_or_later_than_the_slot_proposed_goes_that_way(
    container: Container, line: str, wanted: str, not_wanted: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can I book Friday at 2pm?")
        assert "Shall I book Friday, November 27th at 2 PM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert wanted in t.reply and not_wanted not in t.reply, talk.transcript()
        assert "2 PM" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [
            (FRIDAY, time(int(wanted.split()[0]) + 12)),
            (MONDAY, time(9)),
        ], talk.transcript()


# --- "noon my time, I'm out in Colorado": the clinic's time, said back in it ----------------
@pytest.mark.parametrize(
    ("line", "theirs"),
    [
        ("I'm out in Colorado this month - could I book Monday at noon my time?", "Noon Mountain"),
        ("can i get an appointment monday 11am central", "11 AM Central"),
        ("Hi, I'm calling from Seattle. Monday, 10 AM PST if possible.", "10 AM Pacific"),
    ],
)
async def test_a_time_in_the_callers_own_zone_is_booked_in_the_clinics_and_said_so(
    container: Container, line: str, theirs: str
) -> None:
    async with talking(container) as talk:
        t = await talk(line)
        assert f"{theirs} time is" in t.reply and "Eastern time" in t.reply, talk.transcript()
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "Shall I book Monday, November 30th at " in t.reply, talk.transcript()
        await talk("yes")
        [(day, at)] = await talk.booked("2125550199")
        assert (
            day == MONDAY
            and at == {"Noon": time(14), "11": time(12), "10": time(13)}[theirs.split()[0]]
        ), talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "I'm in Denver at the moment, can I book Monday at 11 your time?",
        "monday 11am eastern please",
    ],
)
async def test_a_time_said_in_the_clinics_zone_is_kept(container: Container, line: str) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "Shall I book Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
