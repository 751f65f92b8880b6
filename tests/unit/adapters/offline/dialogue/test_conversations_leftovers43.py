"""Faults left in the older blind batches (fresh25-fresh30), each as callers say it, through a
real text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, THURSDAY, add_caller, talking


# --- "I'd rather just push it a week": later by a week, with no word for which way --------------
@pytest.mark.parametrize(
    "line",
    [
        "I'd rather just push it a week, same time.",
        "Can you push my Monday appointment a week?",
        "My son told me to cancel my Monday appointment, but I'd rather just push it a week.",
        "Could you bump the Monday one by a week?",
    ],
)
async def test_a_move_by_a_week_with_no_direction_is_a_week_later(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(13)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert "move your appointment from Monday, November 30th at 1 PM" in t.reply, (
            talk.transcript()
        )
        assert "to Monday, December 7th at 1 PM" in t.reply, talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()
        assert not t.called("cancel_appointment"), talk.transcript()


# --- "one this week, Thursday or Friday, not sure which - next week, same day" -----------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got one this week, Thursday or Friday, not sure which. I need to move it to next"
        " week, same day.",
        "I've a morning one this week, Thursday or Friday, I can't remember which. Please move it"
        " to next week, same day.",
    ],
)
async def test_the_days_said_of_the_one_held_are_not_the_day_asked_for(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(13)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert "move your appointment from Thursday, November 26th at 1 PM" in t.reply, (
            talk.transcript()
        )
        assert "to Thursday, December 3rd at" in t.reply, talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()


# --- "my number is either ... or ...": the other number is not an hour --------------------------
@pytest.mark.parametrize(
    "line",
    [
        "hi its john smith my number is either one two three four five six seven eight nine oh or"
        " four five six oh i think the first one anyway i need to move my monday appointment to"
        " tuesday same time",
        "John Smith here, my number's one two three four five six seven eight nine zero, or maybe"
        " nine eight seven, can you move my Monday appointment to Tuesday at the same time",
    ],
)
async def test_a_second_number_it_may_be_is_not_an_hour(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(13)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "to Tuesday, December 1st at 1 PM" in t.reply, talk.transcript()
        assert not t.called("modify_appointment"), talk.transcript()


# --- "in the window 9:30 to 12": a span that starts on the half hour starts at the next hour ---
@pytest.mark.parametrize(
    "line",
    [
        "Could I book Monday? I can only do it between 9:30 and 12.",
        "Monday please, I'm free 9:30 to 12 but not outside that.",
        "Can I come Monday, any time 9:30 to 12?",
    ],
)
async def test_a_span_from_the_half_hour_begins_at_the_next_start(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert "Shall I book Monday, November 30th at 10 AM?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


# --- "Monday morning at 10 is best, otherwise ...": the hour of that morning is the first choice -
@pytest.mark.parametrize(
    ("line", "proposed"),
    [
        (
            "Monday morning at 10 is best, otherwise Tuesday afternoon.",
            "Monday, November 30th at 10 AM",
        ),
        (
            "Friday afternoons at 2 suit me best - could we start this Friday?",
            "Friday, November 27th at 2 PM",
        ),
        (
            "Ideally Tuesday afternoon at 3, failing that Wednesday.",
            "Tuesday, December 1st at 3 PM",
        ),
    ],
)
async def test_an_hour_said_with_its_part_of_the_day_is_one_choice(
    container: Container, line: str, proposed: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert f"Shall I book {proposed}?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


# --- "the 14th, I missed off the 1": the figure left out is not an hour --------------------------
@pytest.mark.parametrize(
    "fix",
    [
        "No, sorry - the 14th, I missed off the 1.",
        "Sorry, the 14th. I missed the 1 off.",
        "No, the 14th - left out the 1, sorry.",
    ],
)
async def test_a_figure_left_out_of_a_typed_date_is_not_an_hour(
    container: Container, fix: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk("Can I book the 4th at 10, please?")
        assert "Shall I book Friday, December 4th at 10 AM?" in t.reply, talk.transcript()
        t = await talk(fix)
        assert "Shall I book Monday, December 14th at 10 AM?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


# --- a learner's "at the 10 hours" ("a las 10 horas"): ten o'clock -------------------------------
@pytest.mark.parametrize(
    ("line", "proposed"),
    [
        ("Is possible in Monday at the 10 hours?", "Monday, November 30th at 10 AM"),
        ("I want one appointment for Tuesday at the 15 hours.", "Tuesday, December 1st at 3 PM"),
    ],
)
async def test_a_learners_at_the_ten_hours_is_ten_oclock(
    container: Container, line: str, proposed: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890.")
        t = await talk(line)
        assert f"Shall I book {proposed}?" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
