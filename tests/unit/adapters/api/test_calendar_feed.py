"""iCalendar text: escaped values, folded lines, UTC times, booked appointments only."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from voice_agent.adapters.api.calendar_feed import FeedTokens, calendar, escape_text, fold
from voice_agent.domain.models import Appointment, AppointmentStatus, User

NOW = datetime(2026, 11, 25, 15, tzinfo=UTC)


def _entry(status: AppointmentStatus, name: str) -> tuple[Appointment, User]:
    user = User(id=uuid.uuid4(), phone="+13105552689", name=name, created_at=NOW)
    appointment = Appointment(
        id=uuid.uuid4(),
        code="ABCD2345",
        user_id=user.id,
        day=date(2026, 7, 1),  # summer: New York is UTC-4
        start=time(9),
        slot="09:00-10:00",
        status=status,
        created_at=NOW,
        updated_at=NOW,
    )
    return appointment, user


def test_text_values_are_escaped() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_booked_appointments_become_events_in_utc() -> None:
    text = calendar(
        [
            _entry(AppointmentStatus.BOOKED, "O'Brien, Ada; Jr"),
            _entry(AppointmentStatus.CANCELLED, "Gone"),
        ],
        clinic_name="Maple Street Clinic",
        timezone=ZoneInfo("America/New_York"),
        slot_minutes=60,
        now=NOW,
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert text.count("BEGIN:VEVENT") == 1 and "Gone" not in text
    assert "DTSTART:20260701T130000Z" in lines and "DTEND:20260701T140000Z" in lines
    assert "SUMMARY:O'Brien\\, Ada\\; Jr (ABCD2345)" in lines
    assert "DESCRIPTION:Confirmation code ABCD2345\\nPhone ending 2689" in lines
    assert "X-WR-CALNAME:Maple Street Clinic appointments" in lines


def test_the_feed_token_follows_the_staff_key() -> None:
    one, same, other = FeedTokens("key-one"), FeedTokens("key-one"), FeedTokens("key-two")
    assert one.token == same.token != other.token
    assert one.check(one.token) and not one.check(other.token)
    assert not one.check(None) and not one.check("") and not one.check("x" * 500)


def test_the_feed_never_holds_a_whole_phone_number() -> None:
    """attack11: the feed's address is a token that never expires, kept by every calendar app
    subscribed to it (and the servers that fetch it); read from a leaked one, each patient's
    whole number was there beside their code, and a number is the whole identification on a
    call: whoever held the address could call in as any patient and move or cancel their
    appointments. The last four digits tell staff which caller it is; the console has the
    rest (a search by the code)."""
    text = calendar(
        [_entry(AppointmentStatus.BOOKED, "Ada Obi")],
        clinic_name="Maple Street Clinic",
        timezone=ZoneInfo("America/New_York"),
        slot_minutes=60,
        now=NOW,
    )
    unfolded = text.replace("\r\n ", "")  # a folded line joined again
    for written in ("310-555-2689", "(310) 555", "3105552689", "+1310", "555-2689", "555 2689"):
        assert written not in unfolded
    (description,) = [line for line in unfolded.split("\r\n") if line.startswith("DESCRIPTION")]
    assert "2689" in description
