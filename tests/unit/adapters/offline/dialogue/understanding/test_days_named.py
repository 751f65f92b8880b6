"""`days_named`: a day typed alone (the command line's `slots`), read by the dialogue's own
date reader, so that what the receptionist understands is understood there too."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding.when import days_named

TODAY = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("in two weeks", date(2026, 12, 16)),
        ("in 2 weeks", date(2026, 12, 16)),
        ("two weeks from today", date(2026, 12, 16)),
        ("in a fortnight", date(2026, 12, 16)),
        ("in a week", date(2026, 12, 9)),
        ("a week tomorrow", date(2026, 12, 10)),
        ("Friday week", date(2026, 12, 11)),
        ("monday after next", date(2026, 12, 14)),
        ("10 days from now", date(2026, 12, 12)),
        ("on the 15th", date(2026, 12, 15)),
    ],
)
def test_a_day_typed_alone_is_that_day(typed: str, day: date) -> None:
    assert days_named(typed, today=TODAY) == (day,)


def test_a_range_is_its_days() -> None:
    week = days_named("next week", today=TODAY)
    assert week is not None and week[0] == date(2026, 12, 7) and len(week) > 1


@pytest.mark.parametrize(
    "typed",
    ["friday or so", "not friday", "friday and monday", "fridays", "the earliest", "two weeks"]
    + ["blah", "", "in two weeks at 3"],
)
def test_more_or_other_than_a_day_is_none(typed: str) -> None:
    assert days_named(typed, today=TODAY) is None
