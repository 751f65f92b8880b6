"""The command line phrases domain failures for a terminal, from kind and detail."""

from __future__ import annotations

from datetime import UTC, date, datetime

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
        "mon,tue,wed,thu,fri (CLINIC_DAYS)",
        date(2026, 11, 20): "2026-11-20 (Friday) is in the past",
        date(2027, 6, 1): "2027-06-01 (Tuesday) is more than 90 days ahead "
        "(BOOKING_HORIZON_DAYS); the last bookable day is 2027-02-23",
        date(2026, 12, 24): "the clinic is closed on 2026-12-24 (Thursday) (CLOSED_DATES)",
    }
    for day, expected in cases.items():
        assert cli_message(_raised(cal.check_day, day, now=NOW)) == expected


def test_storage_unavailable_keeps_its_plain_message() -> None:
    error = errors.StorageUnavailable("Cannot reach the database (OperationalError).")
    assert cli_message(error) == "Cannot reach the database (OperationalError)."
