"""Settings read from the environment: clinic days, the cache directory, nothing at import."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from pydantic import ValidationError

from voice_agent.config import Settings


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_clinic_days_accept_names_and_abbreviations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLINIC_DAYS", "Monday, wed,FRI")
    settings = _settings()
    assert settings.clinic_days == ["mon", "wed", "fri"]
    assert settings.calendar().open_weekdays == frozenset({0, 2, 4})
    assert _settings().calendar().open_weekdays == frozenset({0, 2, 4})
    monkeypatch.delenv("CLINIC_DAYS")
    assert _settings().calendar().open_weekdays == frozenset(range(5))


def test_unknown_clinic_days_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLINIC_DAYS", "mon,funday")
    with pytest.raises(ValidationError, match=r"unknown day names \['funday'\]"):
        _settings()


@pytest.mark.parametrize(
    ("value", "says"),
    [
        # date's own words were "day is out of range for month", naming no entry
        ("2026-12-25,2026-02-30", "there is no such date as '2026-02-30'"),
        ("2026-12-25, 12/26", "'12/26' is not a date: use YYYY-MM-DD"),
    ],
)
def test_closed_dates_name_the_entry_that_is_not_a_date(
    monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    monkeypatch.setenv("CLOSED_DATES", value)
    with pytest.raises(ValidationError, match=says):
        _settings()


def test_closed_dates_are_iso_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOSED_DATES", " 2026-12-25, ,2026-12-31 ")
    settings = _settings()
    assert settings.closed_dates == [date(2026, 12, 25), date(2026, 12, 31)]


def test_the_cache_dir_comes_from_voice_agent_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert _settings().cache_dir is None
    monkeypatch.setenv("VOICE_AGENT_CACHE_DIR", str(tmp_path))
    assert _settings().cache_dir == tmp_path
    assert _settings(cache_dir=tmp_path / "other").cache_dir == tmp_path / "other"


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///var/voice_agent.db",
        "sqlite+aiosqlite:///tmp/x.db",
        "postgres://u:p@db/clinic",
        "postgresql://u:p@db:6543/postgres?sslmode=require",
        "postgresql+asyncpg://u:p@db/clinic",
    ],
)
def test_database_urls_with_a_driver_here_are_accepted(url: str) -> None:
    assert _settings(database_url=url).database_url == url


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("garbage", "not a database URL"),
        ("", "it is empty"),
        ("mysql://clinic:s3cret-pw@db/clinic", "'mysql' databases are not supported"),
    ],
)
def test_a_database_url_without_a_driver_is_refused_at_start(url: str, says: str) -> None:
    """These reached SQLAlchemy and ended every command in a traceback (ArgumentError, or
    ModuleNotFoundError for MySQLdb)."""
    with pytest.raises(ValidationError) as refused:
        _settings(database_url=url)
    (error,) = refused.value.errors()
    assert error["loc"] == ("database_url",)
    assert says in error["msg"] and "sqlite:///" in error["msg"]
    assert "s3cret-pw" not in error["msg"]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://clinic:s3cret-hidden@db:/clinic", "port"),
        ("postgresql://clinic:s3cret-hidden@db:5432x/clinic", "port"),
        ("postgresql://clinic:s3cret-hidden@db:99999999/clinic", "port"),
        ("postgresql://clinic:s3cret-hidden@[::1/clinic", "]"),
        ("postgresql://clinic:s3cret@hidden@db:5432/clinic", "%40"),
        ("sqlite:///var/clinic%00.db", "NUL"),
    ],
)
def test_a_database_url_that_cannot_be_read_is_refused_without_its_password(
    url: str, says: str
) -> None:
    """attack11: an empty or wordy port, a bracket left open or a NUL ended every command in a
    traceback (ValueError, OverflowError from SQLAlchemy or the driver), and a password holding
    a bare '@' was shown, half of it, as the host in "the database postgresql://clinic@hidden@db
    ... is unavailable" on stderr and in the log."""
    with pytest.raises(ValidationError) as refused:
        _settings(database_url=url)
    (error,) = refused.value.errors()
    assert error["loc"] == ("database_url",)
    assert says in error["msg"]
    assert "s3cret" not in error["msg"] and "hidden" not in error["msg"]


@pytest.mark.parametrize("name", ["CALL_RETENTION_DAYS", "CARTESIA_SPEED"])
def test_an_optional_number_left_empty_is_unset(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """`CARTESIA_SPEED=` in .env stopped every command with "invalid configuration"."""
    monkeypatch.setenv(name, " ")
    assert getattr(_settings(), name.lower()) is None
    monkeypatch.setenv(name, "7")
    assert getattr(_settings(), name.lower()) == 7


def test_a_retention_of_no_days_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALL_RETENTION_DAYS", "0")
    with pytest.raises(ValidationError, match="CALL_RETENTION_DAYS|call_retention_days"):
        _settings()


@pytest.mark.parametrize(
    ("written", "meant"),
    [("09:00", time(9)), ("9:00", time(9)), ("8:30am", time(8, 30)), ("5 PM", time(17)),
     ("5:30 p.m.", time(17, 30)), ("17:30", time(17, 30)), ("17:30:00", time(17, 30))],
)  # fmt: skip
def test_opening_hours_as_an_owner_writes_them(
    monkeypatch: pytest.MonkeyPatch, written: str, meant: time
) -> None:
    # "CLINIC_OPEN=9:00" was refused as "input is too short"
    monkeypatch.setenv("CLINIC_OPEN", written if meant < time(12) else "08:00")
    monkeypatch.setenv("CLINIC_CLOSE", written if meant >= time(12) else "18:00")
    settings = _settings()
    assert meant in (settings.clinic_open, settings.clinic_close)


@pytest.mark.parametrize("written", ["9", "nine", "25:00", "13pm", "9:75"])
def test_a_time_that_is_none_says_how_to_write_one(
    monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.setenv("CLINIC_OPEN", written)
    with pytest.raises(ValidationError) as info:
        _settings()
    assert f"'{written}' is not a time of day: use HH:MM, e.g. 09:00 or 17:30" in str(info.value)


@pytest.mark.parametrize(
    ("written", "named"),
    [("PST", "America/Los_Angeles"), ("CST", "America/Chicago"), ("EDT", "America/New_York"),
     ("eastern", "America/New_York"), ("Pacific Time", "America/Los_Angeles"),
     ("BST", "Europe/London")],
)  # fmt: skip
def test_a_zone_written_as_an_abbreviation_is_named_in_iana(written: str, named: str) -> None:
    # "PST" was refused with "use an IANA name" and no hint of which one
    with pytest.raises(ValidationError) as info:
        _settings(clinic_timezone=written)
    assert f"unknown time zone {written!r}; use an IANA name such as {named}" in str(info.value)


def test_an_unknown_zone_without_a_likely_meaning_only_asks_for_an_iana_name() -> None:
    with pytest.raises(ValidationError) as info:
        _settings(clinic_timezone="Mars/Olympus")
    assert "unknown time zone 'Mars/Olympus'; use an IANA name such as America/New_York" in str(
        info.value
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MIN_LEAD_MINUTES", "99999999999999999"),  # slots: OverflowError traceback
        ("ABANDONED_CALL_GRACE_SECONDS", "99999999999999999999"),  # purge, serve: the same
        ("VAD_MIN_SILENCE", "nan"),  # no caller's turn would ever end
        ("VAD_MIN_SILENCE", "-1"),
        ("VAD_MIN_SPEECH", "inf"),
        ("LLM_TEMPERATURE", "nan"),
        ("LLM_TEMPERATURE", "-3"),
        ("PRICE_STT_PER_MINUTE", "-1"),
        ("PRICE_LLM_OUTPUT_PER_MILLION", "1e999999"),
    ],
)
def test_absurd_numbers_are_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=name.lower()):
        _settings()
