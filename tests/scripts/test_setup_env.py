"""scripts/setup-env.sh: a line per step while the environment installs instead of a minute
of silence, pip's chatter kept in a log, and the end of that log when pip fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "setup-env.sh"

# a stand-in for .venv/bin/python whose `-m pip install` talks like pip, slowly
FAKE_PYTHON = """#!/usr/bin/env bash
if [ "$*" = "-m pip install --upgrade pip" ]; then
  if [ -n "${UPGRADES_PIP:-}" ]; then
    echo "Collecting pip"; echo "Installing collected packages: pip"
    echo "Successfully installed pip-25.0"; exit 0
  fi
  echo "Requirement already satisfied: pip"; exit 0
fi
for p in alpha beta gamma; do echo "Collecting $p"; echo "  Downloading $p-1.0.whl"; sleep 0.7; done
echo "WARNING: Location 'file:///opt/x' is ignored"
if [ -n "${FAIL_PIP:-}" ]; then echo "ERROR: No matching distribution found for gamma"; exit 1; fi
echo "Installing collected packages: alpha, beta, gamma"
sleep 1.5
echo "Successfully installed alpha-1.0 beta-1.0 gamma-1.0"
[ -n "${INSTALLS:-}" ] && echo "$$" >> "$INSTALLS"
exit 0
"""


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(SCRIPT, root / "scripts" / "setup-env.sh")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    python = root / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    return root


def _run(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(root / "scripts" / "setup-env.sh"), "test"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_install_reports_its_steps_and_keeps_pip_quiet(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = _run(root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("==> installing voice-agent[test] into .venv")
    assert "    resolving and downloading packages ..." in lines
    assert "    installing 3 packages ..." in lines
    assert lines[-1].startswith("    done in ")
    assert len(lines) <= 5  # a few lines of progress, none of pip's
    assert "Collecting" not in result.stdout and "WARNING" not in result.stdout + result.stderr
    assert "Successfully installed" in (root / ".venv" / "pip-install.log").read_text()
    # installed: a second run says nothing
    again = _run(root)
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""


def test_pips_own_upgrade_is_not_reported_as_the_projects_install(tmp_path: Path) -> None:
    """A fresh .venv upgrades pip first: its "Installing collected packages: pip" made the
    terminal read "installing 1 package ..." for the minutes the project's packages took to
    resolve and download."""
    root = _project(tmp_path)
    result = _run(root, UPGRADES_PIP="1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "    installing 1 package ..." not in lines, lines
    assert lines.index("    resolving and downloading packages ...") < lines.index(
        "    installing 3 packages ..."
    )


def test_a_failing_install_shows_the_end_of_pips_log(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = _run(root, FAIL_PIP="1")
    assert result.returncode == 1
    assert "error: pip failed (exit 1); the end of .venv/pip-install.log:" in result.stderr
    assert "No matching distribution found for gamma" in result.stderr
    assert not (root / ".venv" / ".installed-test").exists()


def test_two_at_once_install_once(tmp_path: Path) -> None:
    """`scripts/demo.sh` in two terminals of a fresh clone ran two pip installs into the
    same .venv at once; the second now waits for the first and finds it done."""
    if shutil.which("flock") is None:
        pytest.skip("no flock on this machine: the script does not wait without it")
    root = _project(tmp_path)
    installs = tmp_path / "installs"
    env = {**os.environ, "INSTALLS": str(installs), "TMPDIR": str(tmp_path)}
    command = ["bash", str(root / "scripts" / "setup-env.sh"), "test"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    while not (root / ".venv" / "pip-install.log").exists():  # the first has the lock
        assert first.poll() is None
        time.sleep(0.05)
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    out, _ = first.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert len(installs.read_text().splitlines()) == 1
    assert second.stdout.startswith("==> waiting for another setup-env.sh"), second.stdout
    assert "installing" not in second.stdout.replace("installing into", "")
