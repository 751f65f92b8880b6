"""The CLI's logging: where diagnostics go by verbosity, and that every handler it installs
carries the redaction filter (tested itself in tests/unit/adapters/test_logging_filters.py)."""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from voice_agent.adapters.logging_filters import REDACTED, RedactingFilter
from voice_agent.entrypoints import logs


@pytest.fixture(autouse=True)
def _restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    setup = logs.current()
    if setup is not None:
        setup.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_configure_routes_by_verbosity(tmp_path: Path) -> None:
    stream = io.StringIO()
    logs.configure(0, stream=stream)
    logging.getLogger("voice_agent.x").info("quiet info")
    logging.getLogger("voice_agent.x").warning("a warning")
    assert stream.getvalue().count("\n") == 1 and "a warning" in stream.getvalue()

    stream = io.StringIO()
    logs.configure(1, stream=stream)
    logging.getLogger("voice_agent.x").debug("our debug")
    logging.getLogger("aiosqlite").debug("library debug")
    logging.getLogger("aiosqlite").info("library info")
    logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    logging.getLogger("aiosqlite").warning("library warning")
    out = stream.getvalue()
    # -v is this program's debug messages: the libraries' info waits for -vv (alembic's two
    # lines came before every command's output)
    assert "our debug" in out and "library warning" in out
    assert "library info" not in out and "Context impl" not in out and "library debug" not in out

    stream = io.StringIO()
    logs.configure(2, stream=stream)
    logging.getLogger("aiosqlite").debug("library debug %s", ("+19876543210",))
    assert "library debug <tuple>" in stream.getvalue()


def test_conversation_commands_keep_stderr_quiet_and_log_to_a_file(tmp_path: Path) -> None:
    stream = io.StringIO()
    setup = logs.configure(0, console=False, stream=stream)
    path = setup.add_file(tmp_path / "log" / "voice-agent.log")
    # (not "ToolError while executing tool": once a session is built, that one is INFO)
    logging.getLogger("livekit.agents").warning("failed to reach the inference server")
    logging.getLogger("voice_agent.x").info("call starting for 987 654 3210")
    setup.close()
    assert stream.getvalue() == ""
    written = path.read_text()
    assert "WARNING livekit.agents: failed to reach the inference server" in written
    assert f"call starting for {REDACTED}" in written
    assert setup.warnings.count == 1


def test_every_handler_installed_carries_the_redaction_filter(tmp_path: Path) -> None:
    setup = logs.configure(2, stream=io.StringIO(), log_file=tmp_path / "v.log")
    assert setup.console is not None and len(setup._handlers) == 2
    for handler in setup._handlers:
        assert sum(isinstance(f, RedactingFilter) for f in handler.filters) == 1
    logging.getLogger("aiosqlite").debug("executing %r", ("+19876543210", "Zebediah"))
    setup.close()
    written = (tmp_path / "v.log").read_text()
    assert "executing <tuple>" in written and "987" not in written and "Zebediah" not in written


def test_the_log_file_is_readable_by_its_owner_only_after_rotation_too(tmp_path: Path) -> None:
    """It was 0644 (the umask), beside a database and recordings made owner-only."""
    old_umask = os.umask(0o022)
    try:
        setup = logs.configure(0, console=False, stream=io.StringIO())
        path = setup.add_file(tmp_path / "log" / "voice-agent.log")
        logging.getLogger("voice_agent.x").warning("first")
        (handler,) = [h for h in setup._handlers if isinstance(h, RotatingFileHandler)]
        handler.doRollover()
        logging.getLogger("voice_agent.x").warning("second")
        setup.close()
    finally:
        os.umask(old_umask)
    for written in (path, path.with_name(path.name + ".1")):
        assert stat.S_IMODE(written.stat().st_mode) == 0o600, written
    assert "second" in path.read_text()


def test_falling_behind_real_time_is_noticed_once_whatever_the_verbosity(tmp_path: Path) -> None:
    """The demo on a loaded machine logged "VAD inference is slower than realtime" to its
    file 25 times and said nothing of it on the terminal."""
    setup = logs.configure(0, console=False, stream=io.StringIO())
    said: list[str] = []
    setup.when_behind_real_time(lambda: said.append("slow"))
    logging.getLogger("livekit.plugins.silero").warning("max_buffered_speech reached")
    logging.getLogger("voice_agent.x").warning("VAD inference is slower than realtime")
    assert said == []  # another warning, or not a library's, is no such sign
    for _ in range(3):
        logging.getLogger("livekit.plugins.silero").warning(
            "VAD inference is slower than realtime", extra={"delay": 0.4}
        )
    assert said == ["slow"]  # once
    setup.close()
    logging.getLogger("livekit.plugins.silero").warning("VAD inference is slower than realtime")
    assert said == ["slow"]  # closed with the rest of the setup


def test_a_log_file_that_is_a_pipe_nobody_reads_is_refused_at_once(tmp_path: Path) -> None:
    """attack11: `--log-file /tmp/voice.log` where another account had made a named pipe of
    that name waited for ever for a reader before the command did anything (opening a pipe
    to write blocks). A pipe with a reader (`--log-file >(grep ERROR)`) still takes the log,
    and keeps its mode: only a regular file is made owner-only (made as root, `--log-file
    /dev/null` turned /dev/null 0600 for every other account)."""
    import threading

    fifo = tmp_path / "voice-agent.log"
    os.mkfifo(fifo, 0o644)
    outcome: list[BaseException | None] = []

    def add() -> None:
        setup = logs.configure(0, console=False, stream=io.StringIO())
        try:
            setup.add_file(fifo)
            outcome.append(None)
        except OSError as exc:
            outcome.append(exc)
        finally:
            setup.close()

    worker = threading.Thread(target=add, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # let the blocked open go, then fail
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        worker.join(timeout=10)
        pytest.fail("opening a pipe nobody reads as the log file waited for a reader")
    (refused,) = outcome
    assert isinstance(refused, OSError) and "pipe" in str(refused)

    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        setup = logs.configure(0, console=False, stream=io.StringIO())
        setup.add_file(fifo)
        logging.getLogger("voice_agent.x").warning("through the pipe")
        setup.close()
        assert b"through the pipe" in os.read(reader, 65536)
    finally:
        os.close(reader)
    assert stat.S_IMODE(fifo.stat().st_mode) == 0o644
