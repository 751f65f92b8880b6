"""What a sixty-ninth blind batch (a day at the front desk, by a new hand: plain calls in about
the proportions a clinic gets them) taught the receptionist, in other words than the corpus
lines. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, add_caller, talking

TODAY = date(2026, 11, 25)
THURSDAY_3RD = date(2026, 12, 3)


def _heard(line: str, asked: str = "request") -> Understanding:
    return understand(line, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]


# --- the code asked for as "do you have my reference?" ----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Have you got the confirmation number for my Monday one? The taxi firm wants it.",
        "do you still have my booking reference for tuesday",
        "Would you have the code for the one I booked last week?",
        "could you have our reference number handy, the school needs it",
    ],
)
def test_do_you_have_my_reference_asks_for_the_code(line: str) -> None:
    assert _heard(line).task == "code"


def test_do_you_have_my_number_asks_for_no_code() -> None:
    assert _heard("do you have my number on file?").task != "code"


# --- what is free, asked as "just seeing what you've got" -------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Not registered yet - just seeing what you've got. Anything Tuesday?",
        "I'm ringing round to see what you've got. Is Thursday any good?",
        "just wanted to know what you have, maybe Monday",
    ],
)
def test_seeing_what_you_have_asks_what_is_free(line: str) -> None:
    assert _heard(line).task == "availability"


def test_seeing_what_you_have_booked_for_me_asks_no_free_times() -> None:
    assert _heard("can you see what you've got booked for me?").task != "availability"


# --- which of two days is theirs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Am I in this Monday or the one after? I can't remember.",
        "The letter says the 2nd but the text said the 3rd. Which one is right?",
        "I've got Friday in my diary but my daughter says Monday - which is it?",
    ],
)
def test_which_of_two_days_is_mine_asks_what_they_hold(line: str) -> None:
    assert _heard(line).task == "list"


# --- "two things" after the number is no digit of it -----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "it's john smith one two three four five six seven eight nine oh two quick questions",
        "John Smith, 123 456 7890, three things actually if you've got a minute",
        "john smith one two three four five six seven eight nine oh um two separate things",
    ],
)
def test_a_count_of_errands_after_the_number_is_no_digit(line: str) -> None:
    heard = _heard(line)
    assert heard.phone is not None and heard.phone.national == JOHN, heard.phone


# --- a second cancel named by its date -----------------------------------------------------------


async def test_the_one_on_a_date_as_well_after_a_cancel_cancels_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (THURSDAY_3RD, time(14)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. I need to cancel Monday's appointment.")
        t = await talk("Yes please.")
        assert t.called("cancel_appointment"), talk.transcript()
        t = await talk("Oh, and my appointment on the 3rd too, while I think of it.")
        assert not t.called("book_appointment"), talk.transcript()
        assert "cancel" in t.reply.lower(), talk.transcript()
        t = await talk("Yes, that one as well.")
        assert t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_a_new_day_as_well_after_a_cancel_is_no_cancel(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. I need to cancel Monday's appointment.")
        await talk("Yes please.")
        t = await talk("And could I book Tuesday at nine as well?")
        assert not t.called("cancel_appointment"), talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()


# --- "I'm supposed to be in Monday and I can't": the visit held, not made ------------------------


@pytest.mark.parametrize(
    "line",
    [
        "I'm booked in for Thursday but I can't now, sorry.",
        "we're due in on the 3rd and we won't, unfortunately",
        "I'm meant to be coming Monday at ten and I can't - so sorry",
    ],
)
def test_a_held_visit_with_an_i_cant_after_it_is_not_made(line: str) -> None:
    assert _heard(line).cant_make


def test_an_i_cant_with_more_after_it_is_about_something_else() -> None:
    assert not _heard("I'm booked in for Thursday and I can't wait to get it sorted").cant_make


# --- "my appointment next week, I won't be able to come": the week named is the one held -------


@pytest.mark.parametrize(
    "line",
    [
        "Hello, it's about my appointment next week - I'm not going to be able to come.",
        "ringing about my booking on tuesday i cant make it",
    ],
)
async def test_the_day_beside_my_appointment_names_the_one_held(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk("John Smith, 123 456 7890.")
        assert "shall i move" not in t.reply.lower(), talk.transcript()
        assert "cancel" in t.reply.lower(), talk.transcript()
        t = await talk("Cancel it, yes please.")
        assert t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()
