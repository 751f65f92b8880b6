"""The staff console's own code (static/staff.js) that needs no page, run in Node: what the
record of staff actions says, and a name correction as typed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from api_support import NODE, run_page_script

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

# what staff.js touches when it loads, and no more: a page would be the e2e tests' business
PAGE = "globalThis.document = { addEventListener() {} };"


def _run(expression: str) -> Any:
    return run_page_script(("common.js", "staff.js"), expression, prelude=PAGE)


def test_a_name_correction_reads_old_to_new_in_the_record() -> None:
    renamed = {
        "kind": "rename",
        "outcome": "done",
        "previous_name": "Unknown Caller",
        "name": "Ada Lovelace",
        "code": None,
        "date": None,
    }
    refused = renamed | {"outcome": "invalid_name", "name": None}
    unnamed = renamed | {"previous_name": None}
    assert _run(
        f"[{json.dumps(renamed)}, {json.dumps(refused)}, {json.dumps(unnamed)}].map(actionText)"
    ) == [
        "renamed “Unknown Caller” to “Ada Lovelace”",
        "tried to correct a caller's name",
        "renamed a caller without a name to “Ada Lovelace”",
    ]


def test_the_other_actions_read_as_before() -> None:
    moved = {
        "kind": "reschedule",
        "outcome": "done",
        "code": "ABCD2345",
        "date": "2026-11-27",
        "time": "09:00",
        "previous_date": "2026-11-26",
        "previous_time": "14:00",
    }
    refused = {"kind": "book", "outcome": "slot_unavailable", "code": None, "date": None}
    assert _run(f"[{json.dumps(moved)}, {json.dumps(refused)}].map(actionText)") == [
        "moved ABCD2345 · Friday, November 27, 2026 09:00 (was Thursday, November 26, 2026 14:00)",
        "tried to book",
    ]


def test_a_name_correction_needs_both_names_and_sends_them_trimmed() -> None:
    assert _run("""[
        nameCorrection("  Dana ", "  Ada Lovelace "),
        nameCorrection("", "Ada"),
        nameCorrection("Dana", "   "),
    ]""") == [
        {"body": {"staff_name": "Dana", "name": "Ada Lovelace"}},
        {"error": "Enter your name: it is kept with the change."},
        {"error": "Enter the caller's name as it should be."},
    ]


def test_a_caller_without_a_name_is_shown_as_such_not_as_the_placeholder() -> None:
    callers = [
        {"user_name": "Unknown Caller", "needs_name": True},
        {"user_name": "Ada Lovelace", "needs_name": False},
        {"user_name": None, "needs_name": True},
    ]
    assert _run(f"{json.dumps(callers)}.map(whoLabel)") == [
        "(no name yet)",
        "Ada Lovelace",
        "(no name yet)",
    ]
