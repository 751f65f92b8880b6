"""What a forty-fifth blind batch (slots fitted around the caller's working day: shifts, lunch
hours, days off, travel, other commitments, someone else's routine) taught the reading of one
line, in other words than the corpus lines. Today is Wednesday 2 December 2026 unless a test
says otherwise."""

from __future__ import annotations

from datetime import date, time

import pytest

from .reading import read

TODAY = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("It's for Rosa Delgado, and that's her mobile, 617 555 0144.", "Rosa Delgado"),
        ("This is for Arthur Penn - his number is 212 555 0188", "Arthur Penn"),
        ("for Joan Whitley, it's her landline, 413 555 0102", "Joan Whitley"),
        (
            "its for martin cole his number is four one three five five five oh one two two",
            "Martin Cole",
        ),
        (
            "martin cole and his number is four one three five five five oh one two two",
            "Martin Cole",
        ),
        (
            "sheila grant and her number is two one two five five five oh one nine nine",
            "Sheila Grant",
        ),
    ],
)
def test_a_name_said_for_someone_beside_their_number_is_the_name(line: str, name: str) -> None:
    u = read(line, asked="phone", today=TODAY)
    assert u.phone is not None
    assert u.name == name, u.name


@pytest.mark.parametrize(
    "line",
    [
        "Can I have Friday the 11th? It's my first Friday off in a month.",
        "the 11th please - that'll be my Friday off - any time",
        "Friday the 11th, it's her Friday off, so she can come then",
    ],
)
def test_a_weekday_said_as_a_day_off_does_not_replace_the_date_asked_for(line: str) -> None:
    day = read(line, today=TODAY).when.day
    assert day is not None and day.exact == date(2026, 12, 11), day


@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("Tuesday the 8th, that's my day off - ten if possible", time(10)),
        ("could I book Monday the 7th, it's my only free day, two if you can", time(14)),
        ("the 9th then, I'm off that day. Eleven ideally.", time(11)),
    ],
)
def test_an_hour_hoped_for_after_an_aside_is_the_hour(line: str, hour: time) -> None:
    when = read(line, today=TODAY).when
    assert when.time is not None and when.time.at == hour, when.time


@pytest.mark.parametrize(
    ("line", "not_at"),
    [
        ("Friday morning please - we have choir practice from eleven, so early", time(11)),
        ("Monday morning, I take him to nursery at nine and collect him at twelve", time(12)),
        ("I'll be at the gym till ten so any time Thursday morning after that", time(10)),
    ],
)
def test_an_hour_of_the_callers_routine_is_not_the_hour_asked_for(line: str, not_at: time) -> None:
    when = read(line, today=TODAY).when
    assert when.time is None or when.time.at != not_at, when.time


def test_the_day_said_beside_a_routine_is_still_the_day_asked_for() -> None:
    day = read(
        "choir rehearses Thursday evenings, so Thursday morning would suit", today=TODAY
    ).when.day
    assert day is not None and day.exact == date(2026, 12, 3), day


@pytest.mark.parametrize(
    "line",
    [
        "Cancel my Thursday appointment please. Leave the other one, on the 11th, as it is.",
        "cancel the Thursday appointment but leave the other one on the 11th alone",
    ],
)
def test_the_other_one_left_alone_is_not_the_one_meant(line: str) -> None:
    u = read(line, today=date(2026, 11, 30))
    assert u.task == "cancel"
    assert u.when.day is not None and u.when.day.exact == date(2026, 12, 3), u.when.day


@pytest.mark.parametrize(
    ("line", "days"),
    [
        (
            "a Monday, Tuesday or Friday, whichever's first",
            (date(2026, 12, 4), date(2026, 12, 7), date(2026, 12, 8)),
        ),
        (
            "Friday, Monday or Wednesday would all suit",
            (date(2026, 12, 4), date(2026, 12, 7), date(2026, 12, 9)),
        ),
        ("Wednesday or Friday, whichever is sooner", (date(2026, 12, 4), date(2026, 12, 9))),
    ],
)
def test_a_list_of_weekdays_is_one_ask_for_any_of_them(line: str, days: tuple[date, ...]) -> None:
    day = read(line, today=TODAY).when.day
    assert day is not None and day.either and sorted(day.dates) == list(days), day
    if "first" in line or "sooner" in line:
        assert day.dates == days  # the sooner first


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("Tuesday, any time from eleven", time(11)),
        ("next Monday - anytime from two is fine", time(14)),
        ("Friday please, anything from ten", time(10)),
    ],
)
def test_any_time_from_an_hour_is_that_hour_or_later(line: str, start: time) -> None:
    when = read(line, today=TODAY).when
    assert when.time is not None and when.time.window is not None, when.time
    assert when.time.window[0] == start


@pytest.mark.parametrize(
    "line",
    [
        "it has to be at ten - an eleven o'clock wouldn't leave me time to get back",
        "10am please, 11am wouldn't work with my shift",
    ],
)
def test_an_hour_that_would_not_work_is_ruled_out(line: str) -> None:
    when = read(line + " on Friday", today=TODAY).when
    assert time(11) in when.rejected_times, when
    assert when.time is not None and when.time.at == time(10), when.time


@pytest.mark.parametrize(
    "line",
    [
        "My Tuesday appointment at ten - could it be the afternoon instead, same day?",
        "my Friday one, could that go to eleven? I've got a class first thing",
        "the thing is my 9 o'clock on Monday, could it be later in the day instead?",
        "my booking on the 9th - could it be two o'clock instead? work's changed",
    ],
)
def test_a_held_appointment_then_what_it_could_be_is_a_move(line: str) -> None:
    assert read(line, today=TODAY).task == "reschedule"


@pytest.mark.parametrize(
    "line",
    [
        "my number is 212 555 0199, could it be Tuesday at 10?",
        "I'd like an appointment, could it be Tuesday instead of Monday?",
    ],
)
def test_what_it_could_be_without_a_held_appointment_is_no_move(line: str) -> None:
    assert read(line, today=TODAY).task != "reschedule"


def test_an_hour_someone_leaves_at_is_not_the_hour_asked_for() -> None:
    when = read("she leaves for work at one, so Thursday in the morning please", today=TODAY).when
    assert time(13) in when.rejected_times, when
    assert when.day is not None and when.day.exact == date(2026, 12, 3), when.day


def test_a_date_said_after_leaves_is_still_the_date() -> None:
    day = read("so that leaves me the 16th, is that right?", today=TODAY).when.day
    assert day is not None and day.exact == date(2026, 12, 16), day


@pytest.mark.parametrize(
    "line", ["Tuesday, any time from eleven to two", "anything from 10 till 1 on Friday"]
)
def test_any_time_from_an_hour_to_another_is_the_span(line: str) -> None:
    when = read(line, today=TODAY).when
    assert when.time is not None and when.time.window is not None, when.time
    assert when.time.window[1] <= time(14), when.time


def test_the_second_of_two_hours_hoped_for_is_not_the_only_hour() -> None:
    # "two back to back on Friday, ten and eleven if you can": the pair, not eleven alone
    when = read("two appointments on friday the 11th ten and eleven if you can", today=TODAY).when
    assert when.time is None or when.time.at != time(11), when.time
