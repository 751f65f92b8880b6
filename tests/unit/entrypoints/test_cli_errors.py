"""The command line phrases domain failures for a terminal, from kind and detail."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from voice_agent.domain import errors
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.datetimes import parse_date
from voice_agent.domain.phone import normalize_phone
from voice_agent.entrypoints.cli_errors import PHRASES, cli_message

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
SPOKEN = ("I heard", "Please say", "Sorry", "Could you", "May I", "Would the nearest")


def _kinds() -> set[str]:
    """Every failure a caller's input can cause (storage failures speak to an operator)."""
    found: set[str] = set()
    todo: list[type[errors.DomainError]] = [errors.DomainError]
    while todo:
        cls = todo.pop()
        if not issubclass(cls, errors.StorageUnavailable):
            found.add(cls.kind)
        todo += cls.__subclasses__()
    return found - {"domain_error"}


def test_every_failure_a_caller_can_cause_has_a_terminal_phrasing() -> None:
    assert _kinds() <= set(PHRASES)
    for kind in _kinds():
        cls = errors.error_type(kind)
        assert cls is not None
        text = cli_message(cls("Sorry, I heard nothing. Please say it again."))
        assert not any(phrase in text for phrase in SPOKEN), (kind, text)


def _raised(fn: object, *args: object, **kwargs: object) -> errors.DomainError:
    with pytest.raises(errors.DomainError) as caught:
        fn(*args, **kwargs)  # type: ignore[operator]
    return caught.value


def test_short_phone_number_is_phrased_for_a_terminal() -> None:
    error = _raised(normalize_phone, "12")
    assert "I heard only 2 digits" in str(error)  # the agent still says this
    text = cli_message(error, "12")
    assert text.startswith("'12' is too short for a phone number (2 digits): give the 10 digits")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("hello", "'hello' is not a phone number (no digits)"),
        ("1234567890123", "'1234567890123' is too long for a phone number (13 digits)"),
        ("", "no phone number given"),
    ],
)
def test_other_phone_failures(given: str, expected: str) -> None:
    assert cli_message(_raised(normalize_phone, given), given).startswith(expected)


def test_dates_and_days() -> None:
    today = date(2026, 11, 25)
    assert cli_message(_raised(parse_date, "fridy", today=today), "fridy").startswith(
        "cannot read 'fridy' as a date: use YYYY-MM-DD"
    )
    cal = ClinicCalendar(closed_dates=frozenset({date(2026, 12, 24)}))
    cases = {
        date(2026, 11, 28): "2026-11-28 (Saturday) is a weekend day; the clinic is open "
        "Monday to Friday (CLINIC_DAYS)",
        date(2026, 11, 20): "2026-11-20 (Friday) is in the past; give today or a later day",
        date(2027, 6, 1): "2027-06-01 (Tuesday) is more than 90 days ahead "
        "(BOOKING_HORIZON_DAYS); the last bookable day is 2027-02-23",
        date(2026, 12, 24): "the clinic is closed on 2026-12-24 (Thursday) (CLOSED_DATES)",
    }
    for day, expected in cases.items():
        assert cli_message(_raised(cal.check_day, day, now=NOW)) == expected


def test_a_time_between_slots_says_which_times_are_bookable() -> None:
    """It said "not a slot's start time; see `voice-agent slots DAY`", whatever the clinic."""
    day = date(2026, 11, 27)
    half = ClinicCalendar(slot_minutes=30)
    assert cli_message(_raised(half.check_slot, day, time(10, 15), now=NOW)) == (
        "10:15 is not a start time: appointments start on the hour and the half hour from "
        "09:00 (SLOT_MINUTES, CLINIC_OPEN); the nearest are 10:00 and 10:30"
    )
    hourly = ClinicCalendar()
    assert cli_message(_raised(hourly.check_slot, day, time(10, 30), now=NOW)) == (
        "10:30 is not a start time: appointments start on the hour from 09:00 "
        "(SLOT_MINUTES, CLINIC_OPEN); the nearest are 10:00 and 11:00"
    )
    twenty = ClinicCalendar(slot_minutes=20, open_time=time(8, 30))
    assert cli_message(_raised(twenty.check_slot, day, time(9, 0), now=NOW)).startswith(
        "09:00 is not a start time: appointments start every 20 minutes from 08:30"
    )
    quarter_past = ClinicCalendar(slot_minutes=30, open_time=time(8, 15))
    assert cli_message(_raised(quarter_past.check_slot, day, time(9, 0), now=NOW)).startswith(
        "09:00 is not a start time: appointments start every 30 minutes from 08:15"
    )


SPOKEN_UNAVAILABLE = (
    "Our booking system is briefly unavailable. Please bear with me and try again in a moment."
)


class _NamedReadOnly(errors.StorageUnavailable):
    """The shape of a storage failure that names its file: ``path`` and ``reason`` in detail,
    ``problem`` and ``advice`` on the type, ``operator_message`` made from them."""

    kind = "test_named_read_only"
    problem = "is read-only"
    advice = "make it writable"

    @property
    def operator_message(self) -> str:
        d = self.detail
        return f"{d['what']} {d['path']} {self.problem} ({d['reason']}); {self.advice}"


class _Full(errors.StorageUnavailable):
    """A subclass with a problem of its own, and no operator_message."""

    kind = "test_full"
    problem = "is on a full disk"
    advice = "free some space"


def test_storage_failures_speak_to_an_operator_never_to_a_caller() -> None:
    # what the storage raises mid-command: the sentence a caller hears, nothing in detail
    text = cli_message(errors.StorageUnavailable(SPOKEN_UNAVAILABLE), database="SQLite file x.db")
    assert text == (
        "SQLite file x.db is unavailable; "
        "check DATABASE_URL (or --database) and that the database server is running"
    )
    reason = errors.StorageUnavailable(SPOKEN_UNAVAILABLE, reason="connection refused")
    assert cli_message(reason, database="postgresql://u:***@h/db").startswith(
        "postgresql://u:***@h/db is unavailable (connection refused); check DATABASE_URL"
    )
    assert cli_message(errors.StorageUnavailable()).startswith("the database is unavailable;")


def test_storage_subclasses_are_phrased_by_their_type() -> None:
    named = _NamedReadOnly(
        SPOKEN_UNAVAILABLE, what="the database file", path="/srv/clinic.db", reason="readonly"
    )
    # the storage named the file: its own operator message, the CLI's database not added
    assert cli_message(named, database="SQLite file other.db") == (
        "the database file /srv/clinic.db is read-only (readonly); make it writable"
    )
    full = _Full(SPOKEN_UNAVAILABLE, path="/srv/spool", what="the spool", reason="ENOSPC")
    assert cli_message(full) == "the spool /srv/spool is on a full disk (ENOSPC); free some space"
    assert cli_message(_Full(SPOKEN_UNAVAILABLE), database="SQLite file x.db") == (
        "SQLite file x.db is on a full disk; free some space"
    )
    for error in (named, full, _Full()):
        assert not any(phrase in cli_message(error) for phrase in ("Please", "bear with me"))


def test_wrapped_breaks_at_spaces_indents_and_keeps_commands_and_long_words_whole() -> None:
    from voice_agent.entrypoints.cli_errors import wrapped

    path = "/a/very/long/folder/" + "x" * 70 + ".wav"
    text = wrapped("error: ", f"cannot read {path}: convert it with `sox in.mp3 -b 16 out.wav` ok")
    lines = text.splitlines()
    assert lines[0] == "error: cannot read" and lines[1] == f"  {path}:"  # a path whole
    assert "`sox in.mp3 -b 16 out.wav`" in text  # a command on one line
    assert all(len(line) <= 80 for line in lines if path not in line)
    nested = wrapped("error: ", "invalid configuration\n  CLINIC_TIMEZONE: " + "word " * 20)
    first, second, *rest = nested.splitlines()
    assert first == "error: invalid configuration" and second.startswith("  CLINIC_TIMEZONE:")
    assert rest and all(line.startswith("    word") for line in rest)
    assert wrapped("error: ", "short") == "error: short"


def test_counts_and_lists_read_as_a_person_writes_them() -> None:
    from voice_agent.entrypoints.cli_errors import counted, listed

    assert [counted(n, "caller") for n in (0, 1, 2)] == ["0 callers", "1 caller", "2 callers"]
    assert counted(1, "day") == "1 day" and counted(3, "entry", "entries") == "3 entries"
    assert listed(["A"]) == "A" and listed(["A", "B"]) == "A and B"
    assert listed(["A", "B", "C"]) == "A, B and C"
