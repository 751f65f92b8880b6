"""The README's quick start, run top to bottom as a newcomer would, in a scratch directory.

Every command of the quick-start block runs as written (each after `. .venv/bin/activate`):
the demo in a reduced form (the two scenarios the later commands use; the full demo is
tests/e2e/test_offline_voice_calls.py), `chat` with typed lines, `serve` until it answers
/healthz, and `agent dev`, which without a LiveKit project must stop at once saying what to
set. A command this test does not know fails it: the quick start cannot grow untested."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent.parent
DEMO_ONLY = ["--only", "1-new-user-booking", "--only", "4-availability"]
TYPED = "What times are available on Friday?\nNo thanks. Goodbye.\n"


def quick_start() -> list[str]:
    """The commands of the README's quick-start block, comments removed."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Quick start", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def _workspace(tmp_path: Path) -> Path:
    """A checkout's scripts and pyproject.toml beside this test run's environment, so the
    scripts find .venv installed and write out/ and var/ here, not in the repository."""
    ws = tmp_path / "checkout"
    shutil.copytree(ROOT / "scripts", ws / "scripts")
    shutil.copy(ROOT / "pyproject.toml", ws / "pyproject.toml")
    os.utime(ws / "pyproject.toml", (0, 0))  # older than the stamp: nothing to install
    venv = ws / ".venv"
    venv.mkdir()
    for entry in VENV.iterdir():
        if not entry.name.startswith(".installed"):
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    return ws


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not (k.endswith("_API_KEY") or k.startswith("LIVEKIT_") or k == "DATABASE_URL")
    }
    env.update(SERVER_PORT=str(_free_port()), PYTHONUNBUFFERED="1")
    return env


def _shell(command: str, ws: Path, env: dict[str, str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["bash", "-c", f". .venv/bin/activate && {command}"],
        cwd=ws,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[arg-type]
    )


def _run(command: str, ws: Path, env: dict[str, str], stdin: str = "", timeout: float = 120):
    proc = _shell(command, ws, env)
    out, err = proc.communicate(stdin, timeout=timeout)
    return proc.returncode, out, err


def _serve(command: str, ws: Path, env: dict[str, str]) -> None:
    proc = _shell(command, ws, env, start_new_session=True)
    url = f"http://127.0.0.1:{env['SERVER_PORT']}/healthz"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert proc.poll() is None, proc.communicate()
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "serve did not answer /healthz in 60 s"
                time.sleep(0.5)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode in (0, 130), out + err  # 130: stopped by Ctrl-C, as a user does
    assert "Application shutdown complete" in err


def test_the_quick_start_runs_top_to_bottom(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    env = _env(tmp_path)
    commands = quick_start()
    assert commands[:2] == ["scripts/demo.sh", ". .venv/bin/activate"]
    seen: list[str] = []
    for command in commands:
        if command == "scripts/demo.sh":
            code, out, err = _run(" ".join([command, *DEMO_ONLY]), ws, env, timeout=400)
            assert code == 0, out + err
            assert "voice-agent appointments 9876543210 --database var/demo.db" in out
        elif command == ". .venv/bin/activate":
            assert _run("true", ws, env)[0] == 0
        elif command.startswith("voice-agent appointments 9876543210"):
            code, out, err = _run(command, ws, env)
            assert code == 0, out + err
            # The account's name is whatever the recogniser heard at the name turn: the demo
            # voice's "Sarah Johnson" comes out "Sarah Dobson" / "Sarah Dodson" at a few of the
            # speech onsets a real-time call can have (5 of 129 offsets tried offline), so only
            # the first name and the account's line are fixed here; the booking below is.
            assert re.search(r"Sarah [A-Z][a-z]+  987-654-3210: 1 appointment$", out, re.M), out
            assert re.search(r"\n  [A-Z0-9]{8}  \d{4}-\d\d-\d\d 14:00  booked", out), out
        elif command == "voice-agent doctor":
            code, out, err = _run(command, ws, env)
            assert code == 0 and "Everything needed works." in out, out + err
        elif command == "voice-agent chat --offline":
            code, out, err = _run(command, ws, env, stdin=TYPED)
            assert code == 0 and "agent > " in out and "summary: " in out, out + err
        elif command.startswith("voice-agent call --audio "):
            code, out, err = _run(command, ws, env, timeout=240)
            assert code == 0, out + err
            assert "heard as:" in out and "audio  : out/calls/" in out
            assert "cost   : $0.00 (offline engines cost nothing)" in out, out
        elif command == "voice-agent slots friday":
            code, out, err = _run(command, ws, env)
            assert code == 0 and "slots free" in out, out + err
        elif command.startswith("voice-agent purge --older-than "):
            # the calls just made are minutes old: none is old enough to go
            code, out, err = _run(command, ws, env)
            assert code == 0, out + err
            gone = re.search(r"^0 calls that ended more than \d+ days? ago deleted", out)
            assert gone, out
        elif command == "voice-agent serve":
            _serve(command, ws, env)
        elif command == "voice-agent agent dev":
            # no LiveKit project here: it must stop at once, naming what to set
            code, out, err = _run(command, ws, env, timeout=60)
            assert code == 4 and "LIVEKIT_URL" in err, out + err
        else:
            pytest.fail(f"the README's quick start has a command this test does not run: {command}")
        seen.append(command)
    assert seen == commands
    assert (ws / "var" / "demo.db").exists() and (ws / "var" / "voice_agent.db").exists()
    # everything was written in the scratch checkout, nothing in the repository
    assert (ws / "out" / "calls" / "4-availability-caller.wav").exists()
