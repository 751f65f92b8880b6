"""What the call record learns from the tools' results (the docs/tools.md contract)."""

from __future__ import annotations

from datetime import date, time

from voice_agent.adapters.voice.tool_results import read_tool_result
from voice_agent.domain.models import AppointmentChange, ChangeAction

FRIDAY = date(2026, 11, 27)
APPOINTMENT = {
    "appointment_id": "def6789a",
    "date": "2026-11-27",
    "time": "09:00",
    "status": "booked",
    "spoken": "Friday, November 27th at 9 AM",
    "spoken_code": "D E F 6 7 8 9 A",
}


def test_actions_become_typed_changes() -> None:
    booked = read_tool_result("book_appointment", {"status": "booked", "appointment": APPOINTMENT})
    assert booked.changes == [AppointmentChange(ChangeAction.BOOKED, "def6789a", FRIDAY, time(9))]
    moved = read_tool_result(
        "modify_appointment",
        {
            "status": "rescheduled",
            "appointment": {**APPOINTMENT, "time": "11:00"},
            "previous": {"date": "2026-11-27", "time": "09:00", "spoken": "..."},
        },
    )
    assert moved.changes == [
        AppointmentChange(ChangeAction.RESCHEDULED, "def6789a", FRIDAY, time(11), FRIDAY, time(9))
    ]
    assert moved.changes[0].to_json() == {
        "action": "rescheduled",
        "date": "2026-11-27",
        "time": "11:00",
        "appointment_id": "def6789a",
        "previous_date": "2026-11-27",
        "previous_time": "09:00",
    }


def test_viewed_only_when_the_caller_asked_for_their_appointments() -> None:
    listed = {"appointments": [APPOINTMENT, {**APPOINTMENT, "status": "cancelled"}]}
    facts = read_tool_result("get_user_appointments", listed)
    assert [c.action for c in facts.changes] == [ChangeAction.VIEWED]
    identified = {"status": "identified", "new_user": False, "appointments": [APPOINTMENT]}
    assert read_tool_result("identify_user", identified).changes == []


def test_registration_is_noted() -> None:
    registered = {"status": "registered", "new_user": True, "name": "Sarah", "appointments": []}
    assert read_tool_result("identify_user", registered).registered is True
    identified = {"status": "identified", "new_user": False, "appointments": []}
    assert read_tool_result("identify_user", identified).registered is False


def test_results_off_the_contract_are_ignored() -> None:
    assert read_tool_result("fetch_available_slots", {"available": ["09:00"]}).changes == []
    broken = {"status": "booked", "appointment": {**APPOINTMENT, "date": "someday"}}
    assert read_tool_result("book_appointment", broken).changes == []
