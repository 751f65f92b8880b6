"""Everyday calls the fifty-sixth batch failed (leftovers33), in other words than the batch's:
two hours said at once for two bookings, Caribbean English for "I can't make it", an hour said
roughly ("eleven or so"), a name said after "that works" in one breath with the number, an
earliest asked "just wondering", and an appointment held by a caller taken ill. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.dialogue.understanding.tokens import normalise
from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, THURSDAY, add_caller, talking

TODAY = date(2026, 11, 25)
NEW = "6175550188"


def _read(line: str, asked: str = "request"):  # type: ignore[no-untyped-def]
    return understand(line, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]


# --- two hours said at once, one for each of two bookings ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "nine for me and ten for my daughter",
        "Two for him, three for me, if that's alright.",
        "eleven for my wife then twelve for me",
    ],
)
def test_an_hour_for_each_person_is_two_hours_to_the_number_question(line: str) -> None:
    hours = {t.at for t in _read(line, "phone").times}
    assert len(hours) == 2, hours


def test_one_for_me_and_one_for_him_is_two_bookings_not_an_hour() -> None:
    u = _read("one for me and one for him please", "phone")
    assert not u.times, u.times


async def test_two_bookings_then_two_hours_books_one_at_each(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Hello, I'm not registered with you. I need two appointments, me and my son.")
        await talk("Thursday, nine and ten o'clock please.")
        t = await talk.introduce("Anna Price, 617 555 0188.")
        assert "9 AM" in t.reply and "10 AM" in t.reply, talk.transcript()
        await talk("yes, both")
        assert await talk.booked(NEW) == [(THURSDAY, time(9)), (THURSDAY, time(10))], (
            talk.transcript()
        )


async def test_an_hour_each_said_with_the_number_books_those_hours(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Hi, new patient - could I book me and my husband in, Monday morning?")
        t = await talk.introduce("Eleven for him and nine for me. Anna Price, 617 555 0188.")
        assert "9 AM" in t.reply and "11 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(NEW) == [(MONDAY, time(9)), (MONDAY, time(11))], talk.transcript()


async def test_two_hours_as_alternatives_are_not_two_bookings(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Hi, new patient - I need two appointments, one for me and one for my son.")
        t = await talk("Thursday, nine or ten.")
        await talk.introduce("Anna Price, 617 555 0188.")
        assert await talk.booked(NEW) == [], talk.transcript()
        assert t.reply, talk.transcript()


# --- Caribbean English ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "mi cyaan come Thursday",
        "Mi kyaan mek it tomorrow, sorry.",
        "mi have to work so mi caan make it",
    ],
)
def test_caribbean_cant_make_it_is_cant_make_it(line: str) -> None:
    assert _read(line).cant_make, normalise(line)


def test_mi_as_a_name_is_kept() -> None:
    assert "mi chen" in normalise("Mi Chen, 415 555 0714")


async def test_caribbean_cant_make_it_asks_move_or_cancel(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(11)))
    async with talking(container) as talk:
        t = await talk("Morning. John Smith. Mi have a appointment Thursday and mi cyaan mek it.")
        t = await talk("123 456 7890")
        assert "cancel" in t.reply and "move" in t.reply, talk.transcript()


# --- an hour said roughly -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "hour"),
    [("Could we do later that day, say two or so?", 14), ("ten o'clock or thereabouts", 10)],
)
def test_an_hour_or_so_is_that_hour(line: str, hour: int) -> None:
    mention = _read(line).when.time
    assert mention is not None and mention.at == time(hour), mention


@pytest.mark.parametrize("line", ["give it ten or so minutes", "in a week or so", "the 10th or so"])
def test_or_so_after_no_hour_is_no_time(line: str) -> None:
    assert _read(line).when.time is None, line


async def test_later_the_same_day_around_an_hour_moves_to_that_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890, about my Monday appointment.")
        t = await talk("Nine is a bit early. Later on the same day? Twelve or so.")
        assert "noon" in t.reply and "10 AM" not in t.reply, talk.transcript()


# --- a name after "that works", in one breath with the number -----------------------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("ok two works maria lopez my number is six one seven five five five oh one eight eight",
         "Maria Lopez"),
        ("yeah that's fine for me sam oduya six one seven five five five oh one eight eight",
         "Sam Oduya"),
    ],
)  # fmt: skip
def test_a_name_after_agreeing_to_an_hour_is_the_name(line: str, name: str) -> None:
    assert _read(line, "phone").name == name


# --- an earliest asked only to know --------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Just wondering, what's the soonest someone could see me next week?",
        "Quick question before I book anything - how soon could someone see me?",
    ],
)
def test_earliest_asked_only_to_know_is_availability(line: str) -> None:
    assert _read(line).task == "availability"


def test_earliest_asked_to_book_is_still_a_booking() -> None:
    assert _read("What's the earliest you could see me? I need to book in.").task == "book"


# --- an appointment held by a caller taken ill ---------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got an appointment on Thursday but I've come down with a nasty cold.",
        "my appointment tomorrow, im really unwell and dont want to pass it on",
        "Thursday's appointment - I've got the flu.",
    ],
)
def test_taken_ill_with_an_appointment_held_is_cant_make(line: str) -> None:
    u = _read(line)
    assert u.task is None and u.cant_make, u.task


@pytest.mark.parametrize(
    "line",
    [
        "I'm feeling really unwell, can I get an appointment today?",
        "I've been poorly all week and need to be seen.",
    ],
)
def test_taken_ill_with_nothing_held_is_a_booking(line: str) -> None:
    assert _read(line).task == "book"


@pytest.mark.parametrize(
    "said",
    [
        "Tomorrow morning's appointment - I've come down with a stomach bug.",
        "About tomorrow morning's appointment, I'm really poorly and I don't want to come.",
    ],
)
async def test_taken_ill_before_an_appointment_offers_to_cancel(
    container: Container, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(f"Hi, John Smith, 123 456 7890. {said}")
        assert "cancel" in t.reply and "Shall I move" not in t.reply, talk.transcript()
        t = await talk("Cancel it, please.")
        if "Shall I cancel" in t.reply:
            await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()


# --- asleep till an hour: the hours after it ------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("any afternoon really, I work nights and I sleep till one", 13),
        ("he sleeps until eleven most days", 11),
    ],
)
def test_sleeping_till_an_hour_is_from_that_hour(line: str, start: int) -> None:
    mention = _read(line).when.time
    assert mention is not None and mention.window is not None, mention
    assert mention.window[0] == time(start), mention
