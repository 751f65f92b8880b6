"""The instructions follow the voice rules and leave today's date to get_current_time."""

from __future__ import annotations

import re
from datetime import time

from voice_agent.adapters.voice.prompts import greeting, instructions, opening_hours
from voice_agent.domain.calendar import ClinicCalendar


def test_instructions_carry_the_voice_rules() -> None:
    text = instructions(clinic_name="Maple Clinic", calendar=ClinicCalendar())
    for rule in (
        "phone number first",
        "get_current_time",
        "fetch_available_slots",
        "one character at a time",
        "wait for a clear yes",
        "Never invent",
        "end_conversation",
        "short",
    ):
        assert rule in text, rule
    assert "Monday to Friday, from 9 AM to 4 PM" in text
    # no date baked in (the suite's today is 2026-11-25): the prompt is the same every day
    assert "2026-11-25" not in text and "November 25" not in text
    assert not re.search(r"\btoday is\b", text, re.IGNORECASE)


def test_opening_hours_follow_the_calendar() -> None:
    calendar = ClinicCalendar(
        open_weekdays=frozenset({0, 2}), open_time=time(8), close_time=time(12), slot_minutes=30
    )
    assert opening_hours(calendar) == (
        "Monday and Wednesday, from 8 AM to noon; each appointment lasts 30 minutes"
    )


def test_greeting_names_the_clinic() -> None:
    assert "Maple Clinic" in greeting(clinic_name="Maple Clinic")
