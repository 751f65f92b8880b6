"""Several of the caller's bookings named together, read against their days: a clinic may open
at weekends (CLINIC_DAYS), so a Saturday booking is named like any other."""

from __future__ import annotations

from datetime import date, time

from voice_agent.adapters.offline.dialogue.history import Appt
from voice_agent.adapters.offline.dialogue.tracking import _set_named

SATURDAY = Appt(code="K645SEGQ", day=date(2026, 12, 12), start=time(10))
MONDAY = Appt(code="R7M2XQ4P", day=date(2026, 12, 14), start=time(9))
DECEMBER_FRIDAY = Appt(code="H3N8WW2C", day=date(2026, 12, 18), start=time(15))


def test_a_weekend_booking_kept_by_its_day_leaves_the_others() -> None:
    named = _set_named("cancel all of mine except the saturday one", [SATURDAY, MONDAY])
    assert named == [MONDAY]


def test_bookings_named_by_their_month_and_their_days() -> None:
    line = "all my december ones can go apart from saturdays"
    assert _set_named(line, [SATURDAY, MONDAY, DECEMBER_FRIDAY]) == [MONDAY, DECEMBER_FRIDAY]
