"""`voice-agent -vv chat` and `voice-agent -vv call` print no phone number, name or
transcript in their diagnostics, at the most verbose level, libraries included (aiosqlite's
debug lines used to print SQL parameters: numbers, names, whole transcripts).

Both commands run as a user runs them (the installed `voice-agent`, a real SQLite file), and
everything they print is read: stdout, stderr and the log file."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from voice_agent.adapters.offline.audio import read_wav, write_wav
from voice_agent.adapters.offline.calls import CALLER_PITCH, CALLER_RATE, CALLER_VOICE
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings

pytestmark = pytest.mark.slow

VOICE_AGENT = Path(sys.executable).parent / "voice-agent"
NAME = ("Zebediah", "Quackenbush")
# the caller's number in every spelling: digits with anything short between them, or words
PHONE = re.compile(r"9\D{0,3}8\D{0,3}7\D{0,3}6\D{0,3}5\D{0,3}4\D{0,3}3\D{0,3}2\D{0,3}1\D{0,3}0")
SPOKEN = re.compile(r"nine\W+eight\W+seven", re.IGNORECASE)
LOG_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} [A-Z]+ ")

TYPED = [
    "I'd like to book an appointment",
    "987-654-3210",
    f"My name is {' '.join(NAME)}",
    "saturday at 10 am",
    "no, next wednesday at 2 pm",
    "yes",
    "no thanks, goodbye",
]
SPOKEN_LINES = [
    "Hello, I need to check my appointments.",
    "Nine eight seven, six five four, three two one zero.",
    "No, that's all. Goodbye.",
]


def _caller_wav(path: Path) -> None:
    parts: list[np.ndarray] = []
    rate = 0
    for line in SPOKEN_LINES:
        samples, rate = synthesize(line, voice=CALLER_VOICE, rate=CALLER_RATE, pitch=CALLER_PITCH)
        parts += [samples, np.zeros(int(rate * 1.5), np.int16)]
    write_wav(path, np.concatenate(parts), rate)


def _run(args: list[str], cwd: Path, env: dict[str, str], stdin: str = "") -> tuple[str, str]:
    done = subprocess.run(
        [str(VOICE_AGENT), "-vv", "--log-file", str(cwd / "all.log"), *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout, done.stderr


def _transcripts(url: str) -> list[str]:
    async def read() -> list[str]:
        container = await bootstrap(Settings(database_url=url, _env_file=None))  # type: ignore[call-arg]
        try:
            rows = await container.store.conversations.recent(10)
            user = await container.scheduling.find_user_by_phone("9876543210")
            assert user is not None and user.name == " ".join(NAME)  # the PII was there
            texts = [str(t.get("text", "")) for row in rows for t in row.transcript]
            return texts + [row.summary or "" for row in rows]
        finally:
            await container.aclose()

    return [t for t in asyncio.run(read()) if t.strip()]


def _leaks(text: str, transcript: list[str]) -> list[str]:
    found = [m.group(0) for m in PHONE.finditer(text)] + SPOKEN.findall(text)
    found += [part for part in NAME if part.lower() in text.lower()]
    found += [line for line in transcript if len(line) > 12 and line.lower() in text.lower()]
    return found


def test_most_verbose_chat_and_call_print_no_personal_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(DATABASE_URL=url, DATA_DIR=str(tmp_path / "var"), PYTHONUNBUFFERED="1")
    _caller_wav(tmp_path / "caller.wav")

    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "caller.wav").write_bytes(b"an earlier call")  # to be kept

    chat_out, chat_err = _run(["chat", "--offline"], tmp_path, env, "\n".join(TYPED) + "\n")
    call_out, call_err = _run(["call", "--audio", "caller.wav", "--out", "calls"], tmp_path, env)
    log = (tmp_path / "all.log").read_text()
    transcript = _transcripts(url) + TYPED

    # the most verbose level was on: this program's and the libraries' debug lines are there
    assert "DEBUG aiosqlite: executing" in log and "DEBUG livekit.agents" in log
    assert "DEBUG voice_agent." in log and chat_err.count("DEBUG") > 50
    # and the personal data went through the calls: the chat said the caller's name, and the
    # call found the account by the number (not saying whose it is: attack12)
    assert "found your account" in call_out and "Thanks, Zebediah" in chat_out

    for where, text in (("chat stderr", chat_err), ("call stderr", call_err), ("log", log)):
        assert _leaks(text, transcript) == [], where
    # stdout is the conversation only: no diagnostics landed in it
    for out in (chat_out, call_out):
        assert [line for line in out.splitlines() if LOG_LINE.match(line)] == []
    # call read the recording first (a file it cannot read is refused before the slow load),
    # said what it was doing before the call started, and kept the earlier recording
    assert re.match(
        r"caller\.wav: [\d.]+ s of caller audio at 22050 Hz\n"
        r"Loading the speech stack \(LiveKit, Silero VAD, pocketsphinx, espeak-ng\) \.\.\.\n",
        call_out,
    ), call_out[:200]
    assert re.search(
        r"\nEngines: llm=offline, stt=offline, tts=offline \(ready in [\d.]+ s\)", call_out
    )
    # the file's own length, not the second of silence the call adds after it
    said = re.search(r"caller.wav: ([\d.]+) s of caller audio", call_out)
    samples, rate = read_wav(tmp_path / "caller.wav")
    assert said is not None and abs(float(said.group(1)) - samples.size / rate) < 0.06
    assert "calls/caller.wav exists: this call goes to calls/caller-2.wav" in call_out
    assert (tmp_path / "calls" / "caller.wav").read_bytes() == b"an earlier call"
    assert (tmp_path / "calls" / "caller-2.wav").stat().st_size > 100_000
