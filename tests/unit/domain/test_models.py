from __future__ import annotations

from datetime import date, time

from voice_agent.domain.models import AppointmentChange, ChangeAction, changes_from_json

FRIDAY = date(2026, 11, 27)


def test_appointment_changes_round_trip_through_their_stored_form() -> None:
    changes = [
        AppointmentChange(ChangeAction.BOOKED, "abc23456", FRIDAY, time(9)),
        AppointmentChange(ChangeAction.RESCHEDULED, "abc23456", FRIDAY, time(11), FRIDAY, time(9)),
    ]
    stored = [c.to_json() for c in changes]
    assert stored[0] == {
        "action": "booked",
        "date": "2026-11-27",
        "time": "09:00",
        "appointment_id": "abc23456",
    }
    assert changes_from_json(stored) == changes


def test_stored_entries_that_are_not_changes_are_skipped() -> None:
    good = AppointmentChange(ChangeAction.CANCELLED, "abc23456", FRIDAY, time(9))
    stored = [{"action": "teleported"}, "text", {"date": "2026-11-27"}, good.to_json()]
    assert changes_from_json(stored) == [good]
