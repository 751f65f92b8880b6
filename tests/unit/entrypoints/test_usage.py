"""How a hint names this program: by the name the shell finds it by, or by its path."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from voice_agent.entrypoints.usage import command_name, run_app


def _program(folder: Path) -> Path:
    folder.mkdir(parents=True)
    program = folder / "voice-agent"
    program.write_text("#!/bin/sh\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_a_program_started_by_its_path_and_not_on_path_is_named_by_that_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`scripts/demo.sh` ends with "look inside: voice-agent appointments ...", which a shell
    that has not activated .venv answers "command not found": it runs .venv/bin/voice-agent."""
    monkeypatch.chdir(tmp_path)
    _program(tmp_path / ".venv" / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))
    monkeypatch.setattr("sys.argv", [".venv/bin/voice-agent", "demo"])
    assert command_name() == ".venv/bin/voice-agent"


def test_a_program_the_shell_finds_by_name_is_named_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bin_dir = tmp_path / ".venv" / "bin"
    _program(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin")
    monkeypatch.setattr("sys.argv", [str(bin_dir / "voice-agent"), "demo"])
    assert command_name() == "voice-agent"
    monkeypatch.setattr("sys.argv", ["voice-agent", "demo"])
    assert command_name() == "voice-agent"


def _usage_error(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: Any) -> str:
    from voice_agent.entrypoints.cli import app

    monkeypatch.setattr("sys.argv", ["voice-agent", *argv])
    with pytest.raises(SystemExit) as stopped:
        run_app(app, prog_name="voice-agent")
    assert stopped.value.code == 2
    lines: list[str] = capsys.readouterr().err.strip().splitlines()
    return lines[-1]


@pytest.mark.parametrize(
    ("argv", "unknown"),
    [
        (["call", "--bogus"], "--bogus"),
        (["--bogus"], "--bogus"),
        (["serve", "--bogus"], "--bogus"),
        (["slots", "--zzz", "friday"], "--zzz"),
    ],
)
def test_an_unknown_option_is_offered_no_option_it_only_shares_dashes_with(
    argv: list[str], unknown: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """`call --bogus` was offered "(Possible options: --out)", `--bogus` "--verbose": close
    to click only by their "--"."""
    assert _usage_error(argv, monkeypatch, capsys) == f"error: No such option: {unknown}"


@pytest.mark.parametrize(
    ("argv", "unknown", "offered"),
    [
        (["call", "--audoi", "x.wav"], "--audoi", "--audio"),
        (["slots", "--databse", "x.db", "friday"], "--databse", "--database"),
        (["--verbos", "doctor"], "--verbos", "--verbose"),
    ],
)
def test_a_mistyped_option_is_still_offered_the_one_meant(
    argv: list[str], unknown: str, offered: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    said = _usage_error(argv, monkeypatch, capsys)
    assert said == f"error: No such option: {unknown} (Possible options: {offered})"
