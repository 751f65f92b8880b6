"""Faults left from the last round, each as callers say it, through a real text-mode session,
the real tools and a real database: a question for the choice put to a proposal, two times
asked for at once, days asked for on condition ("otherwise leave it"), "cancel" inside an
answer to a read-back, and a weekend day heard where weekdays were offered. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, add_caller, seat_others, talking

WEDNESDAY = date(2026, 11, 25)


async def _fill_this_week(container: Container) -> None:
    """Every time from now to Friday taken by other patients."""
    hours = ((WEDNESDAY, range(11, 16)), (THURSDAY, range(9, 16)), (FRIDAY, range(9, 16)))
    await seat_others(container, *((day, time(h)) for day, span in hours for h in span))


# --- a question for the choice, to a proposal: answered with the other times, no "sorry" -----
@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("written", "What else have you got?"),
        ("written", "Hmm, what are my options?"),
        ("spoken", "um what else is there"),
        ("spoken", "is that the only one"),
        ("written", "what other times do you have?"),
        ("spoken", "ok but what else you got"),
    ],
)
async def test_asking_what_else_at_a_proposal_lists_the_other_times(
    container: Container, style: str, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style=style) as talk:
        await talk("hi, I'd like to book Monday at 9")
        t = await talk(
            JOHN if style == "written" else "one two three four five six seven eight nine zero"
        )
        assert "Shall I book Monday, November 30th at 9 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "sorry" not in t.reply.lower(), talk.transcript()
        assert "didn't catch" not in t.reply, talk.transcript()
        assert "On Monday, November 30th I have" in t.reply, talk.transcript()
        assert "10 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []
        await talk("the ten please")
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_asking_what_else_after_a_list_offers_the_times_not_listed(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, I'd like to book Monday morning")
        t = await talk(JOHN)
        assert "9 AM, 10 AM or 11 AM" in t.reply, talk.transcript()
        t = await talk("hmm, what else is there?")
        assert "sorry" not in t.reply.lower(), talk.transcript()
        assert "noon" in t.reply and "9 AM" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []


# --- two times asked for at once: both named in one question, one yes for both -----------------
@pytest.mark.parametrize(
    ("line", "first", "second"),
    [
        ("one at ten and one at eleven", time(10), time(11)),
        ("both, the 10 and the 11", time(10), time(11)),
        ("book me 10 and also 2", time(10), time(14)),
        ("can I have one at ten and another at eleven", time(10), time(11)),
        ("uh the ten and the eleven please, both of them", time(10), time(11)),
    ],
)
async def test_two_times_in_one_answer_are_proposed_in_one_question(
    container: Container, line: str, first: time, second: time
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, I'd like to book Monday")
        t = await talk(JOHN)
        assert "Shall I book Monday, November 30th at 9 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Shall I book both" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, first), (MONDAY, second)], talk.transcript()
        assert "anything else" in t.reply, talk.transcript()


async def test_a_time_corrected_in_one_breath_is_still_one_booking(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi, I'd like to book Monday")
        await talk(JOHN)
        t = await talk("ten, no, eleven")
        assert "One at a time" not in t.reply, talk.transcript()
        assert "11 AM" in t.reply, talk.transcript()


# --- days asked for on condition: nothing outside them offered, nothing changed --------------
@pytest.mark.parametrize(
    ("first", "line"),
    [
        ("hi, I'd like to book Monday at 9", "anything earlier this week, otherwise leave it"),
        ("hi, I'd like to book an appointment", "is there anything tomorrow? if not don't bother"),
        (
            "hi, I'd like to book Monday at 9",
            "do you have anything this week, if not I'll leave it",
        ),
        ("hi I need an appointment", "anything on Friday? If not, never mind."),
    ],
)
async def test_a_day_asked_for_on_condition_offers_nothing_outside_it(
    container: Container, first: str, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await _fill_this_week(container)
    async with talking(container) as talk:
        await talk(first)
        await talk(JOHN)
        t = await talk(line)
        assert "nothing free" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply and "Monday" not in t.reply, talk.transcript()
        await talk("no thanks, bye")
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == []


async def test_a_move_asked_for_on_condition_leaves_the_appointment(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    await _fill_this_week(container)
    async with talking(container) as talk:
        await talk("hi, I'd like to move my appointment")
        await talk(JOHN)
        t = await talk("anything earlier this week? otherwise just leave it")
        assert "nothing free" in t.reply and "stays" in t.reply, talk.transcript()
        assert "Shall I move" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))]


@pytest.mark.parametrize(
    ("style", "line", "ends"),
    [
        ("written", "Okay, no worries, leave it as it is then.", False),
        ("spoken", "ah ok just leave it where it is then", False),
        ("written", "Fine, keep it as it is.", False),
        ("written", "No, leave it as it is, that's all. Bye.", True),
        ("spoken", "nah just leave it thanks", True),
    ],
)
async def test_leave_it_to_anything_else_after_a_move_came_to_nothing(
    container: Container, style: str, line: str, ends: bool
) -> None:
    # "leave it as it is then" is said of the appointment that stays: whether there is
    # anything else is asked again, not taken as answered (a thanks, a no or a bye closes)
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    await _fill_this_week(container)
    async with talking(container, style=style) as talk:
        await talk("hi, I'd like to move my appointment")
        await talk(
            JOHN if style == "written" else "one two three four five six seven eight nine zero"
        )
        t = await talk("anything earlier this week? otherwise just leave it")
        assert "stays" in t.reply and "anything else" in t.reply, talk.transcript()
        t = await talk(line)
        assert talk.ended == ends, talk.transcript()
        if not ends:
            assert "anything else" in t.reply, talk.transcript()
            await talk("no, that's all, thanks")
            assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))]


# --- "cancel" inside an answer to a read-back is no new task ---------------------------------
DIANA = "2125550104"


@pytest.mark.parametrize(
    ("first", "line"),
    [
        ("hi this is Diana Ross, I'd like to book Monday at ten", "yes cancel"),
        ("hi this is Diana Ross, I'd like to book Monday at ten", "yeah yeah cancel"),
        ("hi I'd like to book Monday at ten", "yes cancel"),
        (
            "hi I'd like to book Monday at ten",
            "no cancel that its two one two five five five oh one oh five",
        ),
    ],
)
async def test_cancel_in_an_answer_to_a_read_back_starts_no_cancellation(
    container: Container, first: str, line: str
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk(first)
        t = await talk("two one two five five five oh one oh four")
        assert "I don't have an account under" in t.reply, talk.transcript()
        t = await talk(line)
        assert t.called("get_user_appointments") == [], talk.transcript()
        assert "cancel" not in t.reply.lower(), talk.transcript()
        assert "appointments under" not in t.reply, talk.transcript()


# --- a weekend day alone where weekdays were offered: asked back, nothing moved -------------
@pytest.mark.parametrize("line", ["saturday", "uh saturday", "Saturday."])
async def test_a_weekend_day_alone_to_weekday_times_is_asked_back(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("hi I'd like to book friday")
        t = await talk("one two three four five six seven eight nine zero")
        assert "Shall I book Friday, November 27th at 9 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "did you say Saturday?" in t.reply, talk.transcript()
        assert "Friday, November 27th" in t.reply and "Monday" not in t.reply, talk.transcript()
        t = await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert "Monday" not in t.reply, talk.transcript()


async def test_a_weekend_day_alone_to_a_list_of_times_is_asked_back(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("hi what times do you have on friday")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("saturday")
        assert "did you say Saturday?" in t.reply and "Which would you prefer?" in t.reply, (
            talk.transcript()
        )
        t = await talk("the ten")
        assert "Friday, November 27th at 10 AM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []


@pytest.mark.parametrize("line", ["no saturday so much bye", "no thanks saturday bye"])
async def test_a_weekend_day_heard_with_a_goodbye_ends_the_call(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="spoken") as talk:
        await talk("hi what times do you have on friday")
        await talk("one two three four five six seven eight nine zero")
        await talk(line)
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == []


@pytest.mark.parametrize(
    "line", ["hi, can I book something at noon?", "I need an appointment at 2 pm"]
)
async def test_a_time_without_a_day_is_asked_for_its_day_in_plain_english(
    container: Container, line: str
) -> None:
    # "Which day would you like noon?" was said to a caller who gave only the time
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Which day would you like at " in t.reply, talk.transcript()
