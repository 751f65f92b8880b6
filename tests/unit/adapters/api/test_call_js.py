"""The call page's own code (static/call.js) that needs no page, run in Node: what "What the
receptionist did" says of each tool the agent ran (a tool_call event, docs/events.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from api_support import NODE, run_page_script

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

# what call.js touches when it loads, and no more: a page would be the e2e tests' business
PAGE = "globalThis.document = { addEventListener() {} };"
TOOL_NAMES = (
    "get_current_time",
    "identify_user",
    "fetch_available_slots",
    "book_appointment",
    "get_user_appointments",
    "modify_appointment",
    "cancel_appointment",
    "update_name",
    "end_conversation",
    "transfer_to_staff",
)


def _said(*events: dict[str, Any]) -> list[dict[str, Any]]:
    """What the page shows of each event: {name, text, failed, reason}."""
    return run_page_script(  # type: ignore[no-any-return]
        ("common.js", "call.js"), f"{json.dumps(events)}.map(toolCall)", prelude=PAGE
    )


def _event(tool: str, params: dict[str, Any], result: dict[str, Any], status: str = "ok") -> Any:
    return {"type": "tool_call", "version": 2, "data": {"tool": tool, "params": params,
            "result": result, "status": status}}  # fmt: skip


def test_a_booking_call_reads_as_what_the_receptionist_did_not_as_tool_names() -> None:
    """The page listed "identify_user (phone_number=********10, name=Sarah Johnson) · done":
    a caller reads what was done for them, in words."""
    appointment = {"appointment_id": "def6789a", "date": "2026-12-04", "time": "10:00"}
    shown = _said(
        _event("get_current_time", {}, {"date": "2026-12-03"}),
        _event(
            "identify_user",
            {"phone_number": "********10", "name": "Sarah Johnson"},
            {"status": "registered", "new_user": True, "name": "Sarah Johnson"},
        ),
        _event(
            "fetch_available_slots",
            {"date": "friday"},
            {"date": "2026-12-04", "available": ["09:00", "10:00", "14:00"]},
        ),
        _event(
            "book_appointment",
            {"date": "2026-12-04", "time": "10:00"},
            {"status": "booked", "appointment": appointment},
        ),
        _event("end_conversation", {}, {"status": "ending"}),
    )
    assert [s["text"] for s in shown] == [
        "Checked today's date",
        "Opened your account (the number ending 10)",
        "Checked free times on Friday, December 4, 2026: 3 free times",
        "Booked Friday, December 4, 2026 at 10:00",
        "Ended the call",
    ]
    assert [s["name"] for s in shown] == [
        "get_current_time",
        "identify_user",
        "fetch_available_slots",
        "book_appointment",
        "end_conversation",
    ]
    assert not any(s["failed"] for s in shown)


def test_a_refusal_says_what_was_tried_and_what_the_caller_was_told() -> None:
    told = "Sorry, weekends are unavailable: Saturday, December 5th is a Saturday."
    (refused,) = _said(
        _event(
            "book_appointment",
            {"date": "2026-12-05", "time": "10:00"},
            {"error": "weekend_unavailable", "message": told},
            status="error",
        )
    )
    assert refused["text"] == "Tried to book Saturday, December 5, 2026 at 10:00"
    assert refused["failed"] is True
    assert refused["reason"] == told


def test_every_tool_of_the_contract_reads_in_words() -> None:
    """No tool of docs/tools.md falls through to its code name, done or refused."""
    done = _said(*(_event(name, {}, {}) for name in TOOL_NAMES))
    refused = _said(
        *(_event(name, {}, {"error": "x", "message": "m"}, "error") for name in TOOL_NAMES)
    )
    for shown in done + refused:
        assert "_" not in shown["text"], shown
        assert shown["text"][0].isupper(), shown


def test_a_returning_caller_and_a_move_read_with_the_new_time() -> None:
    moved = {"appointment_id": "def6789a", "date": "2026-12-08", "time": "14:00"}
    shown = _said(
        _event(
            "identify_user",
            {"phone_number": "********77"},
            {"status": "identified", "new_user": False, "appointments": [moved]},
        ),
        _event("get_user_appointments", {}, {"appointments": [moved]}),
        _event(
            "modify_appointment",
            {"appointment_id": "def6789a", "new_date": "2026-12-08", "new_time": "14:00"},
            {"status": "rescheduled", "appointment": moved},
        ),
        _event("cancel_appointment", {"appointment_id": "def6789a"}, {"appointment": moved}),
    )
    assert [s["text"] for s in shown] == [
        "Found your account (the number ending 77)",
        "Looked up your appointments (1 appointment)",
        "Moved your appointment to Tuesday, December 8, 2026 at 14:00",
        "Cancelled your appointment on Tuesday, December 8, 2026 at 14:00",
    ]


def test_a_tool_the_page_does_not_know_shows_its_name_in_words() -> None:
    (shown,) = _said({"type": "tool_call", "name": "lookup_parking", "arguments": {}})
    assert shown["text"] == "Lookup parking"
