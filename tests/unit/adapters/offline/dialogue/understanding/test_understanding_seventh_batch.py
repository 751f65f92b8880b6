"""Ways of saying things that a seventh batch of blind calls (two thirds as a speech recogniser
writes them, a third typed chat) showed the reader missed, each said here in other words,
names, numbers and days than the corpus lines. Today is Wednesday 25 November 2026 unless a
test says otherwise; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from .reading import FRIDAY, THURSDAY, WEDNESDAY_NEXT, read


# --- a name said alone, in lower case, when the number was asked for ------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("oliver brandt", "Oliver Brandt"),
        ("its uh priya natarajan", "Priya Natarajan"),
        ("um saoirse keane", "Saoirse Keane"),
        # a surname the recogniser split after "mac" / "mc" is one word again
        ("callum mac leod", "Callum MacLeod"),
        ("eileen mc carthy", "Eileen McCarthy"),
        # an Irish "O'" written as a word of its own, and the spelling said after it
        ("declan o connor", "Declan O'Connor"),
        ("its aoife o sullivan thats o s u l l i v a n", "Aoife O'Sullivan"),
    ],
)
def test_a_spoken_name_given_when_the_number_was_asked_is_the_name(text: str, name: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is None and u.name == name


@pytest.mark.parametrize(
    "text", ["yes please", "tuesday at ten", "ok thanks", "i dont know", "hold on a sec"]
)
def test_everyday_words_when_the_number_was_asked_are_no_name(text: str) -> None:
    assert read(text, asked="phone").name is None


# --- "yeah" as a recogniser hears it --------------------------------------------------------------
@pytest.mark.parametrize("text", ["yet", "uh yet", "yet thats right", "yah", "ya"])
def test_yeah_misheard_is_a_yes_and_no_name(text: str) -> None:
    for asked in ("phone_confirm", "confirm"):
        u = read(text, asked=asked)  # type: ignore[arg-type]
        assert u.yes and not u.no and u.name is None, (text, asked)


def test_yet_inside_a_sentence_is_no_yes() -> None:
    assert not read("i havent decided yet", asked="confirm").yes


# --- a day as a recogniser writes it ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("could i come in on whens day at eleven", WEDNESDAY_NEXT, time(11)),
        ("when's day around ten please", WEDNESDAY_NEXT, time(10)),
        ("fridayafternoon at three", FRIDAY, time(15)),
        ("tomorrowat nine", THURSDAY, time(9)),
    ],
)
def test_a_misheard_or_run_together_day_is_the_day(text: str, day: date, at: time) -> None:
    when = read(text, asked="datetime").when
    assert when.day is not None and when.day.dates[0] == day
    assert when.time is not None and when.time.at == at


# --- restarts and one-word requests ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("hi i need to get a an appointment", "book"),
        ("can i make the a booking for friday", "book"),
        ("i want to to cancel the the visit", "cancel"),
        ("appointment pls", "book"),
        ("new appointment", "book"),
        ("whats the confirmation # on my booking", "code"),
        ("what is my booking # for friday", "code"),
    ],
)
def test_restarted_and_terse_requests_are_read(text: str, task: str) -> None:
    assert read(text).task == task


# --- "before noon" ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["friday any time before noon", "friday b4 midday pls", "friday by noon if you can"]
)
def test_before_noon_is_the_morning_without_noon(text: str) -> None:
    when = read(text).when
    assert when.time is not None and when.time.at is None
    assert when.time.window == (time(9), time(12))


# --- a number that begins with a homophone --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ate oh six five five five oh one four too", "8065550142"),
        ("its too one seven five five five oh one ate ate", "2175550188"),
        ("vera holt ate four seven five five five oh nine one won", "8475550911"),
    ],
)
def test_a_number_that_begins_with_a_homophone_is_read_whole(text: str, number: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits == number


def test_a_homophone_in_a_sentence_is_no_number() -> None:
    assert read("i ate one too many", asked="request").phone is None


# --- an hour typed to the number question ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "at"), [("10am", time(10)), ("2 pm", time(14)), ("9 oclock", time(9))]
)
def test_an_hour_typed_when_the_number_was_asked_is_an_hour(text: str, at: time) -> None:
    u = read(text, asked="phone")
    assert u.phone is None and u.when.time is not None and u.when.time.at == at


# --- a name spelled right after it is said, before the number -------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("marta nowicka n o w i c k a my number is four one two five five five oh one three two",
         "Marta Nowicka"),
        ("its dev patel p a t e l four one two five five five oh one three two", "Dev Patel"),
    ],
)  # fmt: skip
def test_a_name_spelled_after_it_is_said_is_the_name(text: str, name: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits == "4125550132"
    assert u.name == name
