from __future__ import annotations

import os
from pathlib import Path

import pytest

from voice_agent.config import get_settings
from voice_agent.domain.clinic import ClinicProfileError, load_profile
from voice_agent.domain.errors import (
    DomainError,
    InvalidPhoneNumber,
    SlotUnavailable,
    error_type,
)


def test_profile_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "clinic.toml"
    path.write_text(
        'name = "Maple Street Dental"\naddress = "12 Maple Street"\nphone = "555 010 0200"\n'
        '[[faq]]\nquestion = "Do you take insurance?"\nanswer = "Most plans."\n'
        'keywords = ["Insurance", "coverage"]\n'
    )
    profile = load_profile(path)
    assert profile.name == "Maple Street Dental"
    assert profile.address == "12 Maple Street"
    assert profile.faq[0].keywords == ("insurance", "coverage")
    settings = get_settings(clinic_profile=path, clinic_name="Fallback")
    assert settings.profile().name == "Maple Street Dental"


def test_profile_defaults_to_the_clinic_name() -> None:
    assert get_settings(clinic_name="Riverside Clinic").profile().name == "Riverside Clinic"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name = [", "not valid TOML"),
        ("[[faq]]\nquestion = 'x'\n", "needs a question and an answer"),
        ("faq = 3", "must be a list"),
    ],
)
def test_bad_profiles_name_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "clinic.toml"
    path.write_text(text)
    with pytest.raises(ClinicProfileError, match=problem):
        load_profile(path)


def test_missing_profile_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ClinicProfileError, match="missing.toml"):
        load_profile(tmp_path / "missing.toml")


def test_error_kinds_are_stable_names() -> None:
    assert SlotUnavailable.kind == "slot_unavailable"
    assert error_type("invalid_phone_number") is InvalidPhoneNumber
    assert error_type("no_such_kind") is None
    err = InvalidPhoneNumber("I heard only 6 digits.", digits=6)
    assert isinstance(err, DomainError)
    assert err.detail == {"digits": 6}
    assert str(err) == "I heard only 6 digits."


def test_a_profile_that_is_a_device_or_a_pipe_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    """attack11: CLINIC_PROFILE=/dev/zero was read until memory ran out (`voice-agent doctor`
    ended in MemoryError, after taking every byte the machine had) and a named pipe with no
    writer waited for ever, as --audio did before it checked."""
    fifo = tmp_path / "clinic.toml"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        with pytest.raises(ClinicProfileError, match="not a file"):
            load_profile(path)


def test_a_profile_too_big_for_one_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "clinic.toml"
    with path.open("wb") as file:
        file.truncate(2 << 30)  # sparse: 2 GiB of nothing that takes no disk
    with pytest.raises(ClinicProfileError, match="MB"):
        load_profile(path)
