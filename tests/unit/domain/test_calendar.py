from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice_agent.domain import errors
from voice_agent.domain.calendar import ClinicCalendar

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday 10:00 in New York


def test_seed_slots_are_nine_to_three_hourly() -> None:
    cal = ClinicCalendar()
    slots = cal.slots_for(date(2026, 11, 27))
    assert [s.label for s in slots] == [
        "09:00-10:00",
        "10:00-11:00",
        "11:00-12:00",
        "12:00-13:00",
        "13:00-14:00",
        "14:00-15:00",
        "15:00-16:00",
    ]


def test_weekend_is_refused_with_named_error() -> None:
    with pytest.raises(errors.WeekendUnavailable, match="closed at weekends") as refused:
        ClinicCalendar().check_day(date(2026, 11, 28), now=NOW)
    # the date is said with its weekday: "Saturday, ... is a Saturday" says it twice
    assert str(refused.value).count("Saturday") == 1, refused.value


def test_closed_date_and_closed_weekday() -> None:
    cal = ClinicCalendar(closed_dates=frozenset({date(2026, 11, 26)}))
    with pytest.raises(errors.ClinicClosed):
        cal.check_day(date(2026, 11, 26), now=NOW)
    mon_to_thu = ClinicCalendar(open_weekdays=frozenset({0, 1, 2, 3}))
    with pytest.raises(errors.ClinicClosed, match="Fridays"):
        mon_to_thu.check_day(date(2026, 11, 27), now=NOW)


def test_past_and_too_far() -> None:
    cal = ClinicCalendar(booking_horizon_days=30)
    with pytest.raises(errors.DateInPast):
        cal.check_day(date(2026, 11, 24), now=NOW)
    with pytest.raises(errors.DateInPast, match="already passed"):
        cal.check_slot(date(2026, 11, 25), time(9), now=NOW)  # 9:00 today, it is 10:00
    cal.check_slot(date(2026, 11, 25), time(11), now=NOW)
    with pytest.raises(errors.TooFarAhead):
        cal.check_day(date(2026, 12, 28), now=NOW)
    cal.check_day(date(2026, 12, 25), now=NOW)  # 30 days ahead: the last day
    # the day after it is told the last day, not "choose a date before" the day it asked for
    with pytest.raises(errors.TooFarAhead) as refused:
        cal.check_day(date(2026, 12, 26), now=NOW)
    assert "the last day I can book is Friday, December 25th" in str(refused.value)
    assert "December 26th" not in str(refused.value)
    assert refused.value.detail["last_day"] == date(2026, 12, 25)


def test_outside_hours_and_boundaries() -> None:
    cal = ClinicCalendar()
    day = date(2026, 11, 27)
    with pytest.raises(errors.OutsideBusinessHours):
        cal.check_slot(day, time(8), now=NOW)
    with pytest.raises(errors.OutsideBusinessHours):
        cal.check_slot(day, time(16), now=NOW)
    with pytest.raises(errors.NotOnSlotBoundary, match="on the hour"):
        cal.check_slot(day, time(10, 30), now=NOW)


def test_lead_time() -> None:
    cal = ClinicCalendar(min_lead_minutes=120)
    with pytest.raises(errors.DateInPast):
        cal.check_slot(date(2026, 11, 25), time(11), now=NOW)
    assert cal.check_slot(date(2026, 11, 25), time(12), now=NOW).label == "12:00-13:00"


def test_invalid_configuration() -> None:
    with pytest.raises(ValueError):
        ClinicCalendar(open_time=time(16), close_time=time(9))
    with pytest.raises(ValueError):
        ClinicCalendar(slot_minutes=0)


# --- DST ---------------------------------------------------------------------------------
ZONES = [
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Pacific/Chatham",
]


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    open_h=st.integers(0, 12),
    hours=st.integers(1, 12),
    slot_minutes=st.sampled_from([15, 20, 30, 45, 60, 90]),
)
def test_slots_are_real_ordered_and_round_trip_through_utc(
    zone: str, day: date, open_h: int, hours: int, slot_minutes: int
) -> None:
    close_h = min(open_h + hours, 23)
    cal = ClinicCalendar(
        timezone=ZoneInfo(zone),
        open_time=time(open_h),
        close_time=time(close_h),
        slot_minutes=slot_minutes,
        open_weekdays=frozenset(range(7)),
    )
    slots = cal.slots_for(day)
    starts = [s.starts_at(cal.timezone) for s in slots]
    # Every start exists on the wall clock: converting to UTC and back is the identity.
    for slot, start in zip(slots, starts, strict=True):
        back = start.astimezone(UTC).astimezone(cal.timezone)
        assert (back.date(), back.time()) == (slot.day, slot.start)
        assert cal.open_time <= slot.start < cal.close_time
    # Slots are strictly increasing in absolute time and never overlap.
    instants = [s.astimezone(UTC) for s in starts]
    assert instants == sorted(set(instants))
    # At most the wall-clock count; fewer only on a day the clocks jump forward.
    expected = (close_h - open_h) * 60 // slot_minutes
    assert len(slots) <= expected
    if len(slots) < expected:
        offsets = {cal.timezone.utcoffset(datetime.combine(day, time(h))) for h in range(24)}
        assert (
            len(offsets | {cal.timezone.utcoffset(datetime.combine(day + timedelta(1), time(0)))})
            > 1
        )


def test_spring_forward_gap_is_skipped() -> None:
    # 2026-03-08 02:00 -> 03:00 in New York: a 02:30 slot would not exist.
    cal = ClinicCalendar(
        open_time=time(1), close_time=time(4), slot_minutes=30, open_weekdays=frozenset(range(7))
    )
    labels = [s.start.strftime("%H:%M") for s in cal.slots_for(date(2026, 3, 8))]
    assert labels == ["01:00", "01:30", "03:00", "03:30"]


def test_fall_back_keeps_wall_clock_slots() -> None:
    cal = ClinicCalendar(
        open_time=time(0), close_time=time(4), slot_minutes=60, open_weekdays=frozenset(range(7))
    )
    slots = cal.slots_for(date(2026, 11, 1))
    assert [s.start.hour for s in slots] == [0, 1, 2, 3]


@settings(max_examples=200, deadline=None)
@given(day=st.dates(date(2025, 1, 1), date(2029, 12, 31)))
def test_seed_hours_have_seven_slots_on_every_weekday_in_new_york(day: date) -> None:
    cal = ClinicCalendar(timezone=NY)
    slots = cal.slots_for(day)
    if day.weekday() < 5:
        assert len(slots) == 7
        durations = {(s.ends_at(NY) - s.starts_at(NY)) for s in slots}
        assert durations == {timedelta(hours=1)}
    else:
        assert slots == []


def test_opening_hours_are_described_from_the_calendar() -> None:
    assert ClinicCalendar().describe_hours() == (
        "Monday to Friday, from 9 AM to 4 PM; each appointment lasts one hour"
    )
    calendar = ClinicCalendar(
        open_weekdays=frozenset({0, 2}), open_time=time(8), close_time=time(12), slot_minutes=30
    )
    assert calendar.describe_hours() == (
        "Monday and Wednesday, from 8 AM to noon; each appointment lasts 30 minutes"
    )


def test_a_weekend_refusal_names_the_open_days() -> None:
    calendar = ClinicCalendar(open_weekdays=frozenset({1, 2, 3}))
    saturday = date(2026, 11, 28)
    with pytest.raises(errors.WeekendUnavailable, match="We're open Tuesday to Thursday"):
        calendar.check_day(saturday, now=NOW)


def test_day_errors_carry_the_facts_an_edge_phrases() -> None:
    cal = ClinicCalendar(closed_dates=frozenset({date(2026, 12, 24)}), booking_horizon_days=30)
    cases: list[tuple[date, type[errors.DomainError], dict[str, object]]] = [
        (date(2026, 11, 24), errors.DateInPast, {"day": date(2026, 11, 24)}),
        (
            date(2027, 1, 4),
            errors.TooFarAhead,
            {"day": date(2027, 1, 4), "horizon_days": 30, "last_day": date(2026, 12, 25)},
        ),
        (
            date(2026, 11, 28),
            errors.WeekendUnavailable,
            {"day": date(2026, 11, 28), "open_weekdays": [0, 1, 2, 3, 4]},
        ),
        (
            date(2026, 12, 24),
            errors.ClinicClosed,
            {"day": date(2026, 12, 24), "reason": "closed_date"},
        ),
    ]
    for day, error, detail in cases:
        with pytest.raises(error) as caught:
            cal.check_day(day, now=NOW)
        assert caught.value.detail == detail
    tuesdays_off = ClinicCalendar(open_weekdays=frozenset({0, 2, 3, 4}))
    with pytest.raises(errors.ClinicClosed) as closed:
        tuesdays_off.check_day(date(2026, 12, 1), now=NOW)
    assert closed.value.detail["reason"] == "weekday"
    assert closed.value.detail["open_weekdays"] == [0, 2, 3, 4]


def test_a_start_the_clocks_skip_is_said_not_to_exist_that_day() -> None:
    """2 AM on 2026-03-08 in New York does not exist (the clocks go from 2 to 3): it was
    refused as "not a start time", which sends a caller looking for the cadence. It is
    on the cadence; it is the day that lacks it."""
    cal = ClinicCalendar(
        open_time=time(1), close_time=time(5), slot_minutes=30, open_weekdays=frozenset(range(7))
    )
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    for start in (time(2), time(2, 30)):
        with pytest.raises(errors.NotOnSlotBoundary) as error:
            cal.check_slot(date(2026, 3, 8), start, now=now)
        assert error.value.detail["reason"] == "does_not_exist"
        message = str(error.value)
        assert "does not exist" in message and "not a start time" not in message
        assert "clocks go forward" in message
        assert error.value.detail["nearest_starts"] == [time(1, 30), time(3)]
    # a week on, 2 AM is an ordinary slot; off the cadence is still "not a start time"
    assert cal.check_slot(date(2026, 3, 15), time(2), now=now).start == time(2)
    with pytest.raises(errors.NotOnSlotBoundary, match="not a start time"):
        cal.check_slot(date(2026, 3, 8), time(2, 15), now=now)
