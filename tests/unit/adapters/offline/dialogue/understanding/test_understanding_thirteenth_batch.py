"""What a thirteenth batch of blind calls (regional days, picks by position, someone else's
appointment, impatient callers) taught the reading of a caller's turn, in other words than
the corpus lines. Today is Wednesday 25 November 2026 unless a test says otherwise."""

from __future__ import annotations

from datetime import date, time

from .reading import MONDAY, WEDNESDAY_NEXT, detect_tasks, read


def test_a_weekday_fortnight_is_two_weeks_after_the_coming_one() -> None:
    for line in ("could I come Monday fortnight", "a fortnight on Monday please"):
        day = read(line).when.day
        assert day is not None and day.dates == (MONDAY.replace(day=14, month=12),), line


def test_this_day_week_and_a_week_today_are_seven_days_on() -> None:
    for line in ("this day week, if you can", "a week today would suit", "today week?"):
        day = read(line).when.day
        assert day is not None and day.dates == (WEDNESDAY_NEXT,), line


def test_when_someone_works_is_not_when_they_want_to_come() -> None:
    u = read("any day next week in the morning, she works afternoons")
    assert u.when.time is not None and u.when.time.window == (time(9), time(12))
    u = read("I work in the morning, so after two is best")
    assert u.when.time is not None and u.when.time.window is not None
    assert u.when.time.window[0] >= time(14)


def test_not_the_first_is_the_next_one_offered() -> None:
    assert read("no, not the first, the next one", "choose_time").ordinal == 2
    assert read("not the first one but the second", "confirm").ordinal == 2


def test_a_numbered_option_is_its_place_not_an_hour() -> None:
    u = read("I'll have option three", "choose_time")
    assert u.ordinal == 3 and u.when.time is None
    u = read("number one please", "confirm")
    assert u.ordinal == 1 and u.when.time is None


def test_you_pick_one_leaves_the_choice_to_the_agent() -> None:
    u = read("I don't want the full list, you choose one", "confirm")
    assert u.ordinal == 1 and u.when.time is None and u.task is None


def test_the_whole_list_is_not_a_list_of_their_appointments() -> None:
    assert "list" not in detect_tasks("i dont need the whole list just book something")


def test_whatever_is_not_a_name() -> None:
    assert read("ya whatever, book it", "name").name is None


def test_the_one_they_cannot_make_is_their_appointment_not_a_day_ruled_out() -> None:
    u = read("my husband can't make the one on Friday, please cancel it")
    assert u.when.rejected_days == () and u.when.day is not None
    u = read("she can't do the one next week so cancel that")
    assert u.when.rejected_days == ()


def test_cannot_make_their_appointment_and_wanting_another_is_a_move() -> None:
    u = read("I can't make Friday's appointment, give me whatever's first after that")
    assert u.task == "reschedule"


def test_the_later_of_their_appointments_named_with_the_change() -> None:
    assert read("I need to cancel the earlier one of my two").ordinal == 1
    assert read("could you move the last appointment").ordinal == -1
    # a booking's "first" is the first opening, not one of theirs
    assert read("book me the first appointment on Tuesday").ordinal is None


def test_the_day_after_and_its_weekday_name_one_day() -> None:
    held = date(2026, 12, 7)  # a Monday
    u = read("the day after, Tuesday, if you can", "datetime", anchor=held)
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 8),)


def test_a_day_kept_asks_for_nothing() -> None:
    for line in ("Friday I'll keep, thanks", "the Monday one I keep", "keep the Monday one"):
        assert read(line, "anything_else").when.day is None, line
