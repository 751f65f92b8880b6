"""`CallerDays`: the dialogue's reading of a day, lent to the command line as a `DayReader`."""

from __future__ import annotations

from datetime import date

from voice_agent.adapters.offline.dialogue.understanding.days import CallerDays
from voice_agent.domain.ports import DayReader

TODAY = date(2026, 12, 2)  # a Wednesday


def test_it_reads_a_day_and_a_range_as_the_receptionist_does() -> None:
    days: DayReader = CallerDays()
    assert days.days_named("friday week", today=TODAY) == (date(2026, 12, 11),)
    week = days.days_named("next week", today=TODAY)
    assert week is not None and week[0] == date(2026, 12, 7) and len(week) > 1
    assert days.days_named("friday or so", today=TODAY) is None


def test_it_writes_out_shorthand_and_misspellings_in_one_spaced_line() -> None:
    days = CallerDays()
    assert days.written_out("  tmrw ") == "tomorrow"
    assert days.written_out("wensday") == "wednesday"
    assert days.days_named(days.written_out("in two wks"), today=TODAY) == (date(2026, 12, 16),)
