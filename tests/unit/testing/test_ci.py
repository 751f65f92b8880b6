"""Under CI=true a test that cannot run fails; elsewhere it is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_agent.testing import ci

CI = {"CI": "true"}
LOCAL: dict[str, str] = {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("TRUE", True), ("yes", True), ("", False), ("false", False)],
)
def test_ci_is_read_from_the_environment(value: str, expected: bool) -> None:
    assert ci.in_ci({"CI": value}) is expected
    assert ci.in_ci({}) is False


def test_cannot_run_skips_locally_and_fails_under_ci() -> None:
    with pytest.raises(pytest.skip.Exception, match="no server"):
        ci.cannot_run("no server", environ=LOCAL)
    with pytest.raises(pytest.fail.Exception, match="no server; under CI=true"):
        ci.cannot_run("no server", environ=CI)


def test_skipping_postgres_on_purpose_still_fails_under_ci() -> None:
    asked = {"VOICE_AGENT_SKIP_POSTGRES": "1"}
    assert ci.postgres_missing(asked) == "VOICE_AGENT_SKIP_POSTGRES=1"
    with pytest.raises(pytest.skip.Exception):
        ci.require_postgres(asked)
    with pytest.raises(pytest.fail.Exception):
        ci.require_postgres({**asked, **CI})


def test_missing_postgres_binaries_fail_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PG_BIN", "/nonexistent")
    monkeypatch.setattr(ci, "find_bin_dir", _no_postgres)
    assert ci.postgres_missing(LOCAL) == "no initdb"
    with pytest.raises(pytest.fail.Exception, match="no initdb"):
        ci.require_postgres(CI)


def _no_postgres() -> Path:
    raise ci.PostgresUnavailable("no initdb")


def test_missing_chromium_fails_under_ci(tmp_path: Path) -> None:
    absent = tmp_path / "chromium"
    with pytest.raises(pytest.skip.Exception, match="not found"):
        ci.require_chromium(absent, environ=LOCAL)
    with pytest.raises(pytest.fail.Exception, match="not found"):
        ci.require_chromium(absent, environ=CI)
    present = tmp_path / "fake-chromium"
    present.write_text("#!/bin/sh\n")
    present.chmod(0o755)
    ci.require_chromium(present, environ=CI)  # nothing raised: it can run
