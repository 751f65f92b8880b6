"""The dialogue policy's reasons in words, where they depend on the clinic's calendar."""

from __future__ import annotations

from datetime import date, time

from voice_agent.adapters.offline.dialogue.phrasing import Phrasing
from voice_agent.adapters.offline.dialogue.policy import Policy, _plain, _spread
from voice_agent.adapters.offline.dialogue.state import DialogueState
from voice_agent.domain.calendar import ClinicCalendar

NIGHT = ClinicCalendar(
    open_time=time(1), close_time=time(5), slot_minutes=30, open_weekdays=frozenset(range(7))
)
SPRING_FORWARD = date(2026, 3, 8)  # New York: 2 AM is 3 AM


def _why_not(day: date, at: time) -> str | None:
    policy = Policy(Phrasing(calendar=NIGHT), NIGHT)
    return policy._why_not(DialogueState(today=date(2026, 3, 1)), day, at)


def test_a_start_the_clocks_skip_is_said_not_to_exist_that_day() -> None:
    """The engine said "Appointments start on the hour, so 2 AM isn't a start time" for a
    start the clocks skip, on a clinic whose appointments start every 30 minutes."""
    said = _why_not(SPRING_FORWARD, time(2, 30))
    assert said is not None
    assert "does not exist" in said and "clocks go forward" in said
    assert "on the hour" not in said and "isn't a start time" not in said


def test_a_time_off_the_cadence_names_the_clinics_own_cadence() -> None:
    said = _why_not(date(2026, 3, 9), time(2, 15))
    assert said is not None and "every 30 minutes" in said and "on the hour" not in said


def test_a_date_given_as_an_example_is_still_to_come() -> None:
    """Asked again for a day on December 4th, the engine said "like Tuesday or December 3rd":
    an example the caller could not book."""
    assert "January 3rd" in _plain("day", date(2026, 12, 4))
    assert "January 3rd" in _plain("datetime", date(2026, 12, 31))
    assert "March 3rd" in _plain("day", date(2027, 2, 1))
    assert "December 3rd" in _plain("day", date(2026, 11, 25))


def test_one_time_a_day_over_three_days_or_more_is_each_days_first() -> None:
    # "Monday, Wednesday or Friday, in the morning": a choice over three days gives one time
    # a day (this divided by zero before)
    assert _spread([time(9), time(10), time(11)], 1) == [time(9)]
    assert _spread([time(9), time(10), time(11)], 2) == [time(9), time(11)]
