from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from voice_agent.entrypoints.cli import EXIT_CONFIG, EXIT_DOMAIN, app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def _commands(typer_app: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    import typer.main

    group = typer.main.get_command(typer_app)  # type: ignore[arg-type]
    out: list[tuple[str, ...]] = []

    def walk(cmd: object, path: tuple[str, ...]) -> None:
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, child in sub.items():
                walk(child, (*path, name))
        else:
            out.append(path)

    walk(group, prefix)
    return out


def test_every_command_has_help() -> None:
    commands = _commands(app)
    assert ("db", "upgrade") in commands and ("slots",) in commands
    for path in commands:
        if path == ("agent",):
            continue  # forwards everything, --help included, to the LiveKit CLI
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output


def test_db_upgrade_and_slots(env: Path) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0 and "revision 0002_security" in result.output
    result = runner.invoke(app, ["slots", "2030-01-04"])  # a Friday, far ahead
    assert result.exit_code == EXIT_DOMAIN and "90 days" in result.output


def test_weekend_is_a_clean_domain_error(env: Path) -> None:
    result = runner.invoke(app, ["slots", "saturday"])
    assert result.exit_code == EXIT_DOMAIN
    assert "weekends are unavailable" in result.output
    assert "Traceback" not in result.output


def test_appointments_for_bad_and_unknown_phone(env: Path) -> None:
    bad = runner.invoke(app, ["appointments", "123"])
    assert bad.exit_code == EXIT_DOMAIN and "Invalid phone number format" in bad.output
    unknown = runner.invoke(app, ["appointments", "9876543210"])
    assert unknown.exit_code == EXIT_DOMAIN and "no caller" in unknown.output


def test_bad_configuration_names_the_variable(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLINIC_TIMEZONE", "Mars/Olympus")
    result = runner.invoke(app, ["slots", "friday"])
    assert result.exit_code == EXIT_CONFIG and "CLINIC_TIMEZONE" in result.output


def test_call_refuses_missing_or_empty_recordings(env: Path) -> None:
    missing = runner.invoke(app, ["call", "--audio", str(env / "nope.wav")])
    assert missing.exit_code == EXIT_DOMAIN and "does not exist" in missing.output
    empty = env / "empty.wav"
    import wave

    with wave.open(str(empty), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
    result = runner.invoke(app, ["call", "--audio", str(empty)])
    assert result.exit_code == EXIT_DOMAIN and "no audio" in result.output
    text = env / "notes.wav"
    text.write_text("not a wav file")
    bad = runner.invoke(app, ["call", "--audio", str(text)])
    assert bad.exit_code == EXIT_DOMAIN and "cannot read" in bad.output
