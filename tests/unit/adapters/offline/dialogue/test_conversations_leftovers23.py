"""Faults left in the typed corpus (leftovers23), each as callers say it, through a real
text-mode session, the real tools and a real database: a new caller who answers "Shall I set
one up?" with what they want (the day, a day ruled out, an hour bound) instead of a yes. Today
is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    seat_others,
    talking,
)

MARIA = "6175550199"
WEDNESDAY_23RD = date(2026, 12, 23)


# --- the day wanted, said to the account question, with no request said before ------------------
@pytest.mark.parametrize(
    ("opening", "answer"),
    [
        (
            "hi it's maria lopez 617 555 0199, can I get my usual appointment",
            "oh right, it's always tuesdays at ten for me, so this coming tuesday",
        ),
        (
            "Hello, new patient here. Maria Lopez, 617-555-0199.",
            "I was hoping for next Tuesday, ten o'clock if you've got it",
        ),
        (
            "hiya, Maria Lopez, 617 555 0199",
            "um, Tuesday at 10 would suit me",
        ),
    ],
)
async def test_the_day_said_to_the_account_question_is_the_booking_asked_for(
    container: Container, opening: str, answer: str
) -> None:
    async with talking(container) as talk:
        t = await talk(opening)
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk(answer)
        assert "your account is set up" in t.reply, talk.transcript()
        assert "Shall I book Tuesday, December 1st at 10 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(MARIA) == [(TUESDAY, time(10))], talk.transcript()


# --- a day or an hour ruled out, said to the account question ------------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "Oh, but not Wednesdays, I've got yoga.",
        "oh wait, one thing - not a wednesday, I work wednesdays",
        "Ah, and Wednesdays are no good, sorry, should have said.",
    ],
)
async def test_a_weekday_ruled_out_to_the_account_question_is_kept_today_too(
    container: Container, answer: str
) -> None:
    # today is a Wednesday: "not Wednesdays" rules out today's as well as the ones after it
    async with talking(container) as talk:
        t = await talk(
            "Hi, can I make an appointment? Anything from eleven on. Maria Lopez, 617 555 0199"
        )
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk(answer)
        assert "your account is set up" in t.reply, talk.transcript()
        assert "Shall I book" in t.reply and "Wednesday" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "And actually Thursday's out too, the dog's at the groomer's.",
        "oh and not thursday either, sorry",
        "hmm, thursdays are no good for me either, I've got the kids",
    ],
)
async def test_the_day_read_back_ruled_out_is_a_no_and_the_next_day_is_offered(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk(
            "Hi, can I make an appointment? Anything from eleven on. Maria Lopez, 617 555 0199"
        )
        t = await talk("yes, and not Wednesdays please")
        assert "Thursday, November 26th" in t.reply, talk.transcript()
        t = await talk(line)
        assert "just say yes or no" not in t.reply, talk.transcript()
        assert "Shall I book" in t.reply and "Friday, November 27th" in t.reply, talk.transcript()
        assert await talk.booked(MARIA) == [], talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "nothing before ten though, I drop my daughter at nursery",
        "Oh, and not before ten please, school run.",
        "it'd have to be after ten, mind",
    ],
)
async def test_an_hour_bound_to_the_account_question_is_no_part_of_the_number(
    container: Container, answer: str
) -> None:
    async with talking(container) as talk:
        t = await talk("hello, I'd like something next Tuesday if poss. Maria Lopez, 617 555 0199")
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk(answer)
        assert "so far" not in t.reply, talk.transcript()
        assert "your account is set up" in t.reply, talk.transcript()
        assert "Shall I book Tuesday, December 1st at" in t.reply, talk.transcript()
        assert "at 9 AM" not in t.reply, talk.transcript()


# --- a weekday with a date in the twenties, said to the account question ------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "oh right um it was a wednesday so maybe wednesday the twenty third of december at nine",
        "Wednesday the twenty-third of December, at nine, please",
        "er, the wednesday, twenty third december, nine o'clock",
    ],
)
async def test_the_twenty_third_said_to_the_account_question_is_not_the_third(
    container: Container, answer: str
) -> None:
    async with talking(container) as talk:
        t = await talk("hi this is maria lopez 617 555 0199, I need to book a follow-up")
        assert "Shall I set one up" in t.reply, talk.transcript()
        t = await talk(answer)
        assert "Shall I book Wednesday, December 23rd at 9 AM?" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(MARIA) == [(WEDNESDAY_23RD, time(9))], talk.transcript()


# --- two bounds on the hour joined by "or" ------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "next tuesday please, but nothing before ten or after two",
        "Tuesday the 1st if you can. Not before 10 or after 2 though, I've the school run",
        "um, tuesday? nothing before ten, or after two, that's my work hours",
    ],
)
async def test_nothing_before_one_hour_or_after_another_keeps_between_them(
    container: Container, line: str
) -> None:
    await seat_others(container, *((TUESDAY, time(h)) for h in (10, 11, 12, 13, 14)))
    async with talking(container) as talk:
        await talk.introduce("hi, Maria Lopez, 617 555 0199")
        t = await talk(line)
        assert "3 PM" not in t.reply and "9 AM" not in t.reply, talk.transcript()


# --- a weekday counted from the one appointment held -------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Hello, John Smith, 123 456 7890. I need one more appointment, same time as my other "
        "one, but on the Monday after it.",
        "hi it's John Smith 123 456 7890, can I book another, same time as my existing "
        "appointment but the monday after that one",
        "John Smith here, 1234567890 - could you fit me in on the monday following it? same "
        "time as my other one",
    ],
)
async def test_the_weekday_after_the_one_held_is_counted_from_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Shall I book Monday, December 7th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14)), (MONDAY_NEXT, time(14))], (
            talk.transcript()
        )


# --- the booking just made, again a week on ------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh, and while I'm on - could I have the same again the week after? Same day, same time.",
        "and can you do me the same the following week, same day and time",
        "brilliant. same again a week after that please, same day same time",
    ],
)
async def test_the_same_again_the_week_after_is_a_week_after_the_one_just_booked(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk.book_monday_at_11(JOHN)
        t = await talk(line)
        assert "Shall I book Monday, December 7th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes, book that too")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (MONDAY_NEXT, time(11))], (
            talk.transcript()
        )
