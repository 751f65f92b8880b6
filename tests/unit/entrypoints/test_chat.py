"""``voice-agent chat``: what a typed conversation leaves in the database."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from voice_agent.adapters.storage import open_store
from voice_agent.config import Settings
from voice_agent.entrypoints import chat
from voice_agent.services.summaries import STOPPED_BY_USER


def _typed(lines: list[str]) -> Iterator[str | None]:
    yield from lines
    while True:
        yield None  # Ctrl-D


async def test_the_greeting_is_stored_before_the_callers_first_line(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 8: the caller's first typed line was stored before the greeting."""
    typed = _typed(["hello, I'd like to book an appointment"])
    monkeypatch.setattr(chat, "_read_line", lambda: next(typed))
    offline = settings.model_copy(
        update={"llm_provider": "offline", "stt_provider": "offline", "tts_provider": "offline"}
    )
    await chat.run_chat(offline)

    store = await open_store(offline.database_url)
    try:
        conversation = await store.conversations.latest_for_room("chat")
    finally:
        await store.close()
    assert conversation is not None and conversation.ended_at is not None
    roles = [turn["role"] for turn in conversation.transcript]
    texts = [turn["text"] for turn in conversation.transcript]
    assert roles[:2] == ["assistant", "user"], conversation.transcript
    assert texts[1] == "hello, I'd like to book an appointment"
    printed = capsys.readouterr().out
    assert printed.startswith(f"agent > {texts[0]}")
    # the call ends with its summary and its cost, as the seed asks for each call
    assert (
        f"\nsummary: {conversation.summary}\ncost   : $0.00 (offline engines cost nothing)\n"
        in (printed)
    )


def test_a_signal_at_the_prompt_ends_the_command_without_waiting_for_enter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C or SIGTERM at the prompt cancels the chat while ``input()`` still waits for a
    line. The reader used the default executor, so ``asyncio.run`` waited for that thread
    and the command hung until Enter was pressed."""
    enter = threading.Event()

    def waiting_for_enter() -> str | None:
        enter.wait(30)
        return "too late"

    monkeypatch.setattr(chat, "_read_line", waiting_for_enter)

    async def interrupted() -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(chat._next_line(), 0.2)  # the cancellation a signal makes

    ended = threading.Event()

    def command() -> None:
        asyncio.run(interrupted())
        ended.set()

    runner = threading.Thread(target=command, daemon=True)
    runner.start()
    try:
        assert ended.wait(10), "asyncio.run waited for the thread blocked in input()"
    finally:
        enter.set()
        runner.join(10)


async def test_typed_lines_and_a_failing_terminal_reach_the_chat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed = _typed(["first line"])
    monkeypatch.setattr(chat, "_read_line", lambda: next(typed))
    assert await chat._next_line() == "first line"
    assert await chat._next_line() is None  # Ctrl-D

    def broken() -> str | None:
        raise OSError("the terminal went away")

    monkeypatch.setattr(chat, "_read_line", broken)
    with pytest.raises(OSError, match="terminal went away"):
        await chat._next_line()


def test_a_piped_line_is_echoed_without_its_escape_sequences(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file piped to `chat` is echoed (no terminal does it): its escape sequences were
    printed as they were, so a file could retitle or clear the terminal."""
    with _piped(monkeypatch, b"\x1b]0;pwned\x07\x1b[2Jhello\n"):
        assert chat._read_line() == "\x1b]0;pwned\x07\x1b[2Jhello"
    echoed = capsys.readouterr().out
    assert "\x1b" not in echoed and "\x07" not in echoed and echoed.endswith("hello\n")


@contextlib.contextmanager
def _piped(monkeypatch: pytest.MonkeyPatch, data: bytes) -> Iterator[None]:
    """``data`` as a pipe on standard input, written whole and closed (then at its end)."""
    read, write = os.pipe()
    os.write(write, data)
    os.close(write)
    monkeypatch.setattr(chat, "_PIPED", {})
    with os.fdopen(read, "rb") as stdin:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
        yield


def test_piped_lines_are_read_whole_however_they_arrive(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lines piped in come from the descriptor itself: several in one read, a Windows line
    ending, a last line with none, bytes that are no UTF-8, then the end (Ctrl-D's None)."""
    with _piped(monkeypatch, b"first\r\nsecond caf\xc3\xa9\nbad \xff byte\nlast"):
        assert chat._read_line() == "first"
        assert chat._read_line() == "second caf\u00e9"
        assert chat._read_line() == "bad \ufffd byte"
        assert chat._read_line() == "last"
        assert chat._read_line() is None
    assert capsys.readouterr().out.count("you   > ") == 5


def test_ctrl_c_while_waiting_for_a_piped_line_exits_130_not_aborted(tmp_path: Path) -> None:
    """`(echo hi; sleep 40) | voice-agent chat --offline`, Ctrl-C at the prompt: the call was
    saved, then the interpreter aborted ("Fatal Python error: _enter_buffered_busy", exit 134)
    - the thread waiting for the next line held ``sys.stdin``'s lock as Python closed it."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}"}
    command = "from voice_agent.entrypoints.cli import main; main()"
    done = subprocess.Popen(
        [sys.executable, "-c", command, "chat", "--offline"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert done.stdin is not None and done.stdout is not None
    try:
        done.stdin.write(b"hi\n")
        done.stdin.flush()  # and left open: the chat waits for the caller's next line
        out = b""
        while out.count(b"you   > ") < 2:  # the reply to "hi" is out: at the prompt again
            chunk = done.stdout.read1(4096)
            assert chunk, (out, done.stderr.read() if done.stderr else b"")
            out += chunk
        time.sleep(0.5)
        done.send_signal(signal.SIGINT)
        done.wait(timeout=60)  # stdin still open (communicate() would close it: an end)
        err = done.stderr.read() if done.stderr else b""
    finally:
        with contextlib.suppress(ProcessLookupError):
            done.kill()
        done.stdin.close()
    assert done.returncode == 130, err.decode(errors="replace")
    assert b"Fatal Python error" not in err and b"stopped by SIGINT" in err


async def test_a_chat_stopped_with_ctrl_c_is_recorded_as_stopped_by_the_user(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C at the prompt left a record whose end reason the session's close gave, not the
    user's stop; the command line cancels the chat with STOPPED_BY_USER."""
    enter = threading.Event()

    def waiting_for_enter() -> str | None:
        enter.wait(30)
        return None

    monkeypatch.setattr(chat, "_read_line", waiting_for_enter)
    offline = settings.model_copy(
        update={"llm_provider": "offline", "stt_provider": "offline", "tts_provider": "offline"}
    )
    task = asyncio.create_task(chat.run_chat(offline))
    try:
        for _ in range(600):  # the greeting is out: the caller is at the prompt
            await asyncio.sleep(0.05)
            if "agent > " in capsys.readouterr().out:
                break
        task.cancel(STOPPED_BY_USER)
        with pytest.raises(asyncio.CancelledError):
            await task
    finally:
        enter.set()
    store = await open_store(offline.database_url)
    try:
        conversation = await store.conversations.latest_for_room("chat")
    finally:
        await store.close()
    assert conversation is not None and conversation.end_reason == STOPPED_BY_USER
    assert conversation.summary is not None
    assert conversation.summary.endswith("The call was stopped by the user (Ctrl-C).")
