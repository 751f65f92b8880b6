"""`voice-agent agent console` on a machine as it comes: no keys, no LiveKit project and (here,
as on a fresh machine) no PortAudio. It must start in text mode, answer what is typed, and
show the conversation, not the framework's log (nor the database's SQL)."""

from __future__ import annotations

import os
import re
import select
import signal
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("needs a pseudo-terminal", allow_module_level=True)

import pty  # noqa: E402 - POSIX only

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
VOICE_AGENT = Path(sys.executable).with_name("voice-agent")


class Terminal:
    """A process on a pseudo-terminal, as a person at a console would run it."""

    def __init__(self, argv: list[str], *, cwd: Path, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        self.raw = b""

    @property
    def text(self) -> str:
        return ANSI.sub(b"", self.raw).decode("utf-8", errors="replace")

    def read_until(self, pattern: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.text):
                return True
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return bool(re.search(pattern, self.text))
                if not chunk:
                    break
                self.raw += chunk
        return bool(re.search(pattern, self.text))

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode() + b"\r")

    def stop(self) -> None:
        for sig, wait in ((signal.SIGINT, 10.0), (signal.SIGKILL, 5.0)):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            self.read_until(r"(?!)", wait if sig == signal.SIGINT else 0.5)
            finished, _ = os.waitpid(self.pid, os.WNOHANG)
            if finished:
                break
        os.close(self.fd)


def test_console_answers_in_text_mode_without_portaudio_keys_or_sql(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not (k.endswith("_API_KEY") or k.startswith(("LIVEKIT_", "DATABASE_")))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'console.db'}",
        DATA_DIR=str(tmp_path / "var"),
        CLINIC_NAME="Maple Clinic",
        TERM="xterm",
        COLUMNS="240",
    )
    console = Terminal([str(VOICE_AGENT), "agent", "console", "--text"], cwd=tmp_path, env=env)
    try:
        # the greeting (a log line at the console's DEBUG level) says the session is running
        greeting = r"Hello,\s+thank\s+you\s+for\s+calling\s+Maple\s+Clinic"
        assert console.read_until(greeting, 120), console.text
        console.read_until(r"(?!)", 1.0)  # the prompt takes keys once it has redrawn
        console.type("I'd like to book an appointment")
        assert console.read_until(r"May\s+I\s+have\s+your\s+phone\s+number", 60), console.text
    finally:
        console.stop()
    text = console.text
    assert "PortAudio library not found" not in text
    assert "Traceback" not in text
    # the conversation and our warnings only: the framework's debug and start-up records
    # (plugins registered, "no warmed process", our own INFO lines) and its notice that its
    # console is deprecated filled the screen before the prompt
    assert "call starting" not in text and "providers chosen" not in text, text
    assert "plugin registered" not in text and "no warmed process available" not in text, text
    assert "deprecated" not in text.lower(), text
    # no SQL at DEBUG (SQLAlchemy logs statements when its logger is enabled)
    assert not re.search(r"\b(SELECT|INSERT INTO|BEGIN \(implicit\))\b", text), text
