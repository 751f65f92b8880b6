"""Reading the tools' JSON results (the docs/tools.md contract) back into what the call record
keeps: the appointments the call acted on, and whether the caller registered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from voice_agent.domain.models import AppointmentChange, ChangeAction

_ACTIONS = {
    "booked": ChangeAction.BOOKED,
    "rescheduled": ChangeAction.RESCHEDULED,
    "cancelled": ChangeAction.CANCELLED,
}


@dataclass(frozen=True)
class ToolFacts:
    changes: list[AppointmentChange] = field(default_factory=list)
    registered: bool = False


def read_tool_result(tool_name: str, result: Mapping[str, Any]) -> ToolFacts:
    """What one successful tool result says the call did.

    booked / rescheduled / cancelled from the action tools; "viewed" for the active
    appointments ``get_user_appointments`` read to the caller (not for those ``identify_user``
    returns: the caller did not ask to hear them); registration from ``identify_user``.
    Anything that does not follow the contract is ignored.
    """
    if tool_name == "identify_user":
        return ToolFacts(registered=result.get("status") == "registered")
    action = _ACTIONS.get(str(result.get("status")))
    appointment = result.get("appointment")
    if action is not None and isinstance(appointment, Mapping):
        change = _change(action, appointment, result.get("previous"))
        return ToolFacts(changes=[change] if change is not None else [])
    listed = result.get("appointments")
    if tool_name == "get_user_appointments" and isinstance(listed, list):
        viewed = [
            _change(ChangeAction.VIEWED, a, None)
            for a in listed
            if isinstance(a, Mapping) and a.get("status", "booked") == "booked"
        ]
        return ToolFacts(changes=[c for c in viewed if c is not None])
    return ToolFacts()


def _change(
    action: ChangeAction, appointment: Mapping[str, Any], previous: object
) -> AppointmentChange | None:
    try:
        before_day = before_start = None
        if action is ChangeAction.RESCHEDULED and isinstance(previous, Mapping):
            before_day = date.fromisoformat(str(previous["date"]))
            before_start = time.fromisoformat(str(previous["time"]))
        return AppointmentChange(
            action=action,
            code=str(appointment["appointment_id"]),
            day=date.fromisoformat(str(appointment["date"])),
            start=time.fromisoformat(str(appointment["time"])),
            previous_day=before_day,
            previous_start=before_start,
        )
    except (KeyError, ValueError):
        return None
