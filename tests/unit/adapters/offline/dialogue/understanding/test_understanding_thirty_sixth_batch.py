"""Readings a thirty-sixth blind batch (days and times as people say them, by callers from many
places) showed were missing, in other words than the corpus lines."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from .reading import FRIDAY, read, tasks


@pytest.mark.parametrize(
    ("line", "lo"),
    [
        # a bound the caller cannot meet, after "get away", "get off", "get out of the office"
        ("I can't get away from the office before half one, so Thursday afternoon", 14),
        ("can't get off work before quarter past twelve - Thursday please", 13),
        ("I can't get out of the office before two, anything Thursday?", 14),
        # an hour closed by "at the (very) earliest" is where the day starts for them
        ("Thursday, before quarter to three at the earliest", 15),
        ("thursday, it'd be before eleven at the very earliest", 11),
    ],
)
def test_a_bound_the_caller_cannot_meet_is_where_their_hours_start(line: str, lo: int) -> None:
    heard = read(line)
    assert heard.when.time is not None and heard.when.time.window is not None, heard.when
    assert heard.when.time.window[0] == time(lo), heard.when


def test_at_the_earliest_closing_an_hour_asks_for_no_soonest_day() -> None:
    heard = read("next Tuesday, not before two at the very earliest")
    assert heard.when.day is not None and not heard.when.day.earliest, heard.when
    assert heard.when.day.exact == date(2026, 12, 1), heard.when


def test_the_held_hours_said_first_give_way_to_the_bound_and_the_part_asked() -> None:
    # the morning names the appointment held; the bound and the afternoon ask for the new one
    heard = read(
        "I've got one Monday morning, but I can't get in before quarter past one, "
        "so the afternoon please"
    )
    assert heard.when.time is not None and heard.when.time.window is not None, heard.when
    assert heard.when.time.window[0] == time(14), heard.when


@pytest.mark.parametrize(
    ("line", "at"),
    [
        ("could you fit me in at a quarter of three on Friday", time(14, 45)),
        ("friday quarter of ten if you have it", time(9, 45)),
    ],
)
def test_the_american_quarter_of_is_a_quarter_to(line: str, at: time) -> None:
    heard = read(line)
    assert heard.when.time is not None and heard.when.time.at == at, heard.when


@pytest.mark.parametrize(
    "line",
    [
        "do you guys have anything Thursday?",
        "have you folks got something on Monday",
        "would you all have any openings next week",
    ],
)
def test_a_question_to_you_all_about_what_is_free_is_one(line: str) -> None:
    assert tasks(line) == ["availability"], line


@pytest.mark.parametrize(
    "line", ["I'm looking for an afternoon slot on Friday", "need a morning appointment Tuesday"]
)
def test_a_slot_of_a_kind_looked_for_is_a_booking(line: str) -> None:
    assert tasks(line) == ["book"], line


@pytest.mark.parametrize("line", ["that's me", "That's it.", "thats my number yeah", "that's him"])
def test_that_is_it_to_a_detail_read_back_is_a_yes(line: str) -> None:
    heard = read(line, "phone_confirm")
    assert heard.yes and not heard.no, line


def test_that_is_it_to_anything_else_is_no_yes() -> None:
    assert not read("that's it", "anything_else").yes


def test_a_morning_person_is_who_they_are_not_the_morning_turned_down() -> None:
    heard = read("any time Friday morning but not too early, I'm not a morning person")
    assert heard.when.time is not None and heard.when.time.window is not None, heard.when
    lo, hi = heard.when.time.window
    assert time(10) <= lo and hi <= time(12), heard.when


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("yeah its ola johansson four one two five five five zero one nine one", "Ola Johansson"),
        ("Ola Nordmann, 412 555 0191", "Ola Nordmann"),
    ],
)
def test_a_hello_of_another_language_that_is_a_first_name_before_a_surname(
    line: str, name: str
) -> None:
    assert read(line, "confirm").name == name


def test_a_hello_of_another_language_alone_is_no_name() -> None:
    assert read("ola, good morning, I want to book tomorrow", "phone").name is None


@pytest.mark.parametrize(
    "line",
    [
        "I've got a half day Friday, anything after one?",
        "I have Friday off, so any time then",
        "I've got the afternoon off Friday - what have you got?",
    ],
)
def test_time_off_on_a_day_makes_it_the_day_asked_for(line: str) -> None:
    heard = read(line)
    assert heard.when.day is not None and heard.when.day.exact == FRIDAY, heard.when
    assert FRIDAY not in heard.when.rejected_days, heard.when


def test_a_commitment_on_a_day_still_rules_it_out() -> None:
    heard = read("I've got the dentist Friday, so Monday")
    assert FRIDAY in heard.when.rejected_days, heard.when


@pytest.mark.parametrize(
    ("line", "today", "day"),
    [
        ("could I come on 14.12. in the afternoon", date(2026, 12, 2), date(2026, 12, 14)),
        ("Termin am 7.1.2027 um 10 Uhr, I mean at 10", date(2026, 12, 2), date(2027, 1, 7)),
        ("the 4.12.26 if possible", date(2026, 11, 25), date(2026, 12, 4)),
    ],
)
def test_a_date_written_day_first_with_dots(line: str, today: date, day: date) -> None:
    heard = read(line, today=today)
    assert heard.when.day is not None and heard.when.day.exact == day, heard.when


def test_a_time_written_with_a_dot_stays_a_time() -> None:
    heard = read("Friday at 10.30 please")
    assert heard.when.day is not None and heard.when.day.exact == FRIDAY, heard.when
    assert heard.when.time is not None and heard.when.time.at == time(10, 30), heard.when


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("can I book the eleventh of the first at ten", date(2027, 1, 11)),
        ("the 5th of the 2nd please, morning", date(2027, 2, 5)),
        ("on the twenty second of the twelfth", date(2026, 12, 22)),
    ],
)
def test_a_month_said_by_its_number(line: str, day: date) -> None:
    heard = read(line, today=date(2026, 12, 21))
    assert heard.when.day is not None and heard.when.day.exact == day, heard.when


def test_the_first_of_the_month_is_still_the_first() -> None:
    heard = read("the first of the month", today=date(2026, 12, 21))
    assert heard.when.day is not None and heard.when.day.exact == date(2027, 1, 1), heard.when


def test_next_to_next_is_the_one_after_next() -> None:
    nxt = read("next friday").when.day
    assert nxt is not None and nxt.exact is not None
    heard = read("I want appointment next to next friday, evening time no, afternoon")
    assert heard.when.day is not None, heard.when
    assert heard.when.day.exact == nxt.exact + timedelta(days=7), heard.when
    week = read("some time next to next week please").when.day
    later = read("the week after next").when.day
    assert week is not None and later is not None and week.dates == later.dates


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("please book me after three days in the morning", date(2026, 12, 3)),
        ("my appointment after one day, I will not come, cancel please", date(2026, 12, 1)),
    ],
)
def test_after_so_many_days_is_counted_from_today(line: str, day: date) -> None:
    heard = read(line, today=date(2026, 11, 30))
    assert heard.when.day is not None and heard.when.day.exact == day, heard.when


def test_a_move_by_so_many_days_is_no_date() -> None:
    heard = read("can you push it back, after two days is fine", today=date(2026, 11, 30))
    assert heard.when.day is None or heard.when.day.exact != date(2026, 12, 2), heard.when


@pytest.mark.parametrize(
    "line",
    [
        "can you pass my appointment to the Friday",
        "I need to pass my Tuesday appointment for next week",
        "is possible to pass it to another day?",
    ],
)
def test_pass_an_appointment_to_a_day_is_a_move(line: str) -> None:
    assert "reschedule" in tasks(line), line


def test_passing_on_something_is_no_move() -> None:
    assert "reschedule" not in tasks("I'll pass on the flu jab, but book me Friday")
