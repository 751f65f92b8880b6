"""What a fortieth blind batch (the everyday calls: a first booking, one more, one moved or
cancelled, what is held, two errands at once) taught the reading of one line, in other words
than the corpus lines."""

from __future__ import annotations

from datetime import timedelta

import pytest

from .reading import FRIDAY, MONDAY, TODAY, TUESDAY, digits, read, tasks


@pytest.mark.parametrize(
    "line",
    [
        "could I add another one for the week after?",
        "can you add one more for me on the 9th",
        "I'd like to add an appointment, Thursday if you can",
        "add another in, same time next week",
    ],
)
def test_adding_another_is_a_booking(line: str) -> None:
    assert tasks(line) == ["book"]


@pytest.mark.parametrize(
    "line",
    [
        "I've lost track - could you run through them for me?",
        "can you go over my bookings with me please",
        "what are my bookings at the moment?",
        "could you go through my appointments",
    ],
)
def test_going_through_what_is_held_is_a_look_not_a_booking(line: str) -> None:
    assert tasks(line) == ["list"]


@pytest.mark.parametrize(
    "line",
    [
        "when's my appointment, and the reference for it please?",
        "can you tell me what time it is on Monday and the confirmation number too",
        "what day am I booked for and the code",
    ],
)
def test_the_code_asked_beside_the_day_is_asked(line: str) -> None:
    assert tasks(line) == ["code"]


def test_a_code_said_beside_the_day_asks_for_nothing() -> None:
    assert tasks("my appointment is on Monday and the code is AB12CD34") != ["code"]


@pytest.mark.parametrize(
    ("line", "first", "then"),
    [
        (
            "I need to book Monday at 11, and I also need to cancel my Friday one, I can't make it",
            "book",
            "cancel",
        ),
        (
            "Can I book in for Monday morning? And cancel the Friday, I won't make it",
            "book",
            "cancel",
        ),
        ("move my Friday one to Monday at 10, and just cancel the Tuesday", "reschedule", "cancel"),
        (
            "what's my code for Friday? And actually, while I've got you, could you push it"
            " back an hour?",
            "code",
            "reschedule",
        ),
    ],
)
def test_two_errands_in_one_breath_are_both_heard(line: str, first: str, then: str) -> None:
    u = read(line)
    assert u.task == first
    assert u.then is not None and u.then.task == then


@pytest.mark.parametrize(
    "line",
    [
        "I have an appointment on Friday and I'm sorry, I can't make it. Can we push it to Monday?",
        "I've got one tomorrow but I cannot make it, could I move it to next week?",
    ],
)
def test_a_held_one_said_then_moved_is_one_move(line: str) -> None:
    u = read(line)
    assert u.task == "reschedule" and u.then is None


def test_the_number_said_after_a_second_errand_goes_with_the_call() -> None:
    u = read("I need to book Monday at 11 and then cancel the Friday one. It's 617 555 0142")
    assert u.then is not None and u.then.task == "cancel"
    assert u.phone is not None and u.phone.digits == "6175550142"


@pytest.mark.parametrize(
    "line",
    [
        "I need to cancel the one I have on Friday, I can't make it",
        "could you cancel what I've got Friday, I can't make it anymore",
        "the appointment I booked for Friday - cancel it please, we can't make it",
    ],
)
def test_the_day_of_the_one_held_with_why_it_goes_is_that_day(line: str) -> None:
    u = read(line)
    assert u.task == "cancel"
    assert u.when.day is not None and u.when.day.dates == (FRIDAY,)
    assert FRIDAY not in u.when.rejected_days


@pytest.mark.parametrize(
    "line",
    [
        "cancel the next two but keep the one on Monday",
        "cancel the Friday one and leave Monday's as it is",
        "cancel Friday but keep the one on the 30th",
    ],
)
def test_the_one_kept_is_not_the_one_meant(line: str) -> None:
    u = read(line)
    assert u.task == "cancel"
    assert u.when.day is None or MONDAY not in u.when.day.dates


@pytest.mark.parametrize(
    ("line", "number"),
    [
        (
            "my number is four oh one five five five six six two eight sorry no six six eight"
            " two four oh one five five five six six eight two",
            "4015556682",
        ),
        (
            "its six one seven five five five oh one four one no sorry oh one four two six one"
            " seven five five five oh one four two",
            "6175550142",
        ),
    ],
)
def test_the_end_put_right_then_the_whole_number_again_is_the_number(
    line: str, number: str
) -> None:
    assert digits(line) == number


def test_a_number_put_right_leaves_no_hour_behind() -> None:
    u = read(
        "my number is four oh one five five five six six two eight sorry no six six eight two"
        " four oh one five five five six six eight two",
        "phone",
    )
    assert u.phone is not None and u.phone.digits == "4015556682"
    assert u.when.time is None


@pytest.mark.parametrize(
    "line",
    [
        "I'm going to be away later this week, so can you move Wednesday's to next Tuesday",
        "move my Wednesday one to next Tuesday please, we're away this week",
    ],
)
def test_a_week_the_caller_is_away_is_no_week_to_go_to(line: str) -> None:
    u = read(line, today=MONDAY - timedelta(days=7))
    assert u.task == "reschedule"
    assert u.when.day is not None and u.when.day.dates == (TUESDAY,)


def test_right_away_is_no_absence() -> None:
    u = read("can someone see me right away, today?")
    assert u.when.day is not None and u.when.day.dates == (TODAY,)
