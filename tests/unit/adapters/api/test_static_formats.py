"""The formats the call page and the staff console share (static/common.js), run in Node."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from api_support import NODE, run_page_script

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def _run(expression: str) -> Any:
    return run_page_script(("common.js",), expression)


def test_an_offline_call_costs_free_not_zero_dollars_to_four_places() -> None:
    """The staff console showed "$0.0000" for every offline call."""
    assert _run("[totalCost(0), money(0)]") == ["free (offline)", "free"]


def test_costs_keep_fractions_of_a_cent_and_show_whole_cents_as_money() -> None:
    assert _run("[money(0.0123), money(1.5), money(0.02), totalCost(0.000021)]") == [
        "$0.0123",
        "$1.50",
        "$0.02",
        "under $0.0001",
    ]
    assert _run("[money(null), totalCost(undefined)]") == ["—", "—"]


def test_the_staff_console_leaves_formatting_times_to_the_server() -> None:
    """Its header showed "Wed, 10:00 AM" (the browser's 12-hour locale) above a grid of
    "09:00-10:00": every time on the page now comes from the server, 24-hour."""
    staff = resources.files("voice_agent.adapters.api").joinpath("static/staff.js").read_text()
    for browser_format in ("toLocaleString(", "toLocaleTimeString(", "hour12", "hour:"):
        assert browser_format not in staff, browser_format
    assert "data.now_label" in staff


def test_the_browser_writes_a_day_as_the_server_does() -> None:
    """The staff console showed "Thursday 26 November 2026" over its grid, "Thu 26 Nov 2026"
    by its calls and "Thursday, November 26" (formatDay) in its dialogs: one form now."""
    from datetime import date

    from voice_agent.adapters.api.presenters import day_label

    days = ["2026-11-26", "2026-12-01", "2027-02-28", "2026-09-30"]
    written = _run(f"{json.dumps(days)}.map(formatDay)")
    assert written == [day_label(date.fromisoformat(d)) for d in days]
    assert written[0] == "Thursday, November 26, 2026"
