"""Readings a thirty-fourth blind batch (callers under pressure: in a hurry, interrupted,
repeating themselves, putting a slip right turns later) showed were missing, in other words
than the corpus lines."""

from __future__ import annotations

from datetime import date, time

import pytest

from .reading import FRIDAY, MONDAY, THURSDAY, read


@pytest.mark.parametrize(
    "line",
    [
        "ten? no, that's too early for me, something after twelve",
        "10 no sorry I'm still at work then, anything past noon",
        "ten am no I can't be there for ten, later on please",
    ],
)
def test_the_hour_offered_said_back_then_no_turns_it_down(line: str) -> None:
    heard = read(line, "confirm")
    assert heard.no, line
    assert time(10) in heard.when.rejected_times, heard.when
    assert heard.when.time is None or heard.when.time.at != time(10), heard.when


@pytest.mark.parametrize(
    "line", ["ten, no problem", "monday no worries", "friday no rush, whenever suits"]
)
def test_a_no_that_says_it_is_fine_is_no_refusal(line: str) -> None:
    assert not read(line, "confirm").no, line


def test_a_slip_put_right_at_once_is_no_refusal() -> None:
    heard = read("ten no eleven", "time")
    assert not heard.no
    assert heard.when.time is not None and heard.when.time.at == time(11)


@pytest.mark.parametrize(
    ("line", "lo"),
    [
        ("sorry I meant the afternoon, I do mornings at the bakery now", 12),
        ("Thursday afternoon please, she does mornings", 12),
        ("mornings then - I do afternoons this month", 9),
    ],
)
def test_the_shifts_a_caller_does_are_ruled_out_not_asked_for(line: str, lo: int) -> None:
    heard = read(line, "confirm")
    assert heard.when.time is not None and heard.when.time.window is not None, heard.when
    assert heard.when.time.window[0] == time(lo), heard.when


@pytest.mark.parametrize(
    ("line", "latest"),
    [
        ("friday, late as possible", True),
        ("thursday pls, late as u can", True),
        ("monday, early as possible really", False),
    ],
)
def test_as_late_or_early_as_possible_with_the_first_as_dropped(line: str, latest: bool) -> None:
    heard = read(line, "datetime")
    assert heard.when.time is not None, heard.when
    assert (heard.when.time.latest, heard.when.time.earliest) == (latest, not latest)


@pytest.mark.parametrize(
    "line",
    [
        "whatever's the first afternoon one then",
        "the second morning slot you have is fine",
        "I'll take the first afternoon appointment",
    ],
)
def test_the_first_afternoon_one_is_a_place_in_the_day_not_the_first_of_the_month(
    line: str,
) -> None:
    heard = read(line, "choose_time")
    assert heard.when.day is None or date(2026, 12, 1) not in heard.when.day.dates, heard.when
    assert not any(d.dates[:1] == (date(2027, 1, 1),) for d in heard.days if d.dates)


def test_a_yes_to_the_number_does_not_swallow_the_time_said_after_it() -> None:
    heard = read("yeah, that's my number. and not the morning, I'm working - afternoon", "name")
    assert heard.yes
    assert heard.when.time is not None and heard.when.time.window == (time(12), time(16))


@pytest.mark.parametrize(
    "line",
    [
        "sorry quick one im on my lunch break need to move friday",
        "im on my break so quick i want to book friday",
        "its my break at work i have to cancel friday",
    ],
)
def test_a_break_before_the_request_is_no_reason_against_its_day(line: str) -> None:
    heard = read(line)
    assert heard.when.day is not None and heard.when.day.dates == (FRIDAY,), heard.when


def test_a_reason_said_of_the_day_still_rules_it_out() -> None:
    heard = read("I'm working Monday so Thursday please", "datetime")
    assert heard.when.day is not None and heard.when.day.dates == (THURSDAY,), heard.when


@pytest.mark.parametrize(
    ("line", "shift"),
    [
        ("can you push tomorrows appointment back a week", 7),
        ("push friday's one back two days please", 2),
        ("could you move mondays appointment forward a day", -1),
    ],
)
def test_a_days_appointment_pushed_by_an_amount_without_my(line: str, shift: int) -> None:
    heard = read(line)
    assert heard.task == "reschedule", line
    assert heard.day_shift == shift, line


def test_a_recognisers_tomorrows_appointment_names_tomorrow() -> None:
    heard = read("i cant make tomorrows appointment", today=date(2026, 11, 29))
    assert any(d.dates == (MONDAY,) for d in heard.days), heard.days


def test_a_days_one_said_without_the_apostrophe_is_not_one_oclock() -> None:
    heard = read("move thursdays one to friday same time")
    assert heard.when.time is None or heard.when.time.at is None, heard.when


@pytest.mark.parametrize(
    "line",
    ["what've you got on Friday?", "whatve u got friday", "so what you got friday then"],
)
def test_what_have_you_got_contracted_asks_what_is_free(line: str) -> None:
    assert read(line).task == "availability", line


@pytest.mark.parametrize(
    "line",
    [
        "could somebody ring me back this afternoon about it?",
        "can you call me back when you know",
        "please have someone call me, I'm on my break",
    ],
)
def test_a_call_back_asked_for_is_a_question_for_the_front_desk(line: str) -> None:
    assert "call_back" in read(line, "choose_time").questions, line


@pytest.mark.parametrize("line", ["I'll call you back tomorrow", "I'll ring back to book"])
def test_the_caller_ringing_back_themselves_asks_for_no_call_back(line: str) -> None:
    assert "call_back" not in read(line).questions, line


@pytest.mark.parametrize(
    "line",
    [
        "monday, no later than ten please",
        "thursday at ten, no wait, make it friday same time",
        "can you do tuesday? no, hang on, tuesday is fine",
    ],
)
def test_a_no_that_bounds_or_puts_another_thing_right_rules_nothing_out(line: str) -> None:
    heard = read(line, "datetime")
    assert not heard.when.rejected_times and not heard.when.rejected_days, heard.when
