"""``voice-agent call --audio``: one voice call from a recording of the caller's side."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from voice_agent.adapters.offline.audio import Int16Array
from voice_agent.adapters.offline.calls import run_call
from voice_agent.adapters.voice.providers import load_vad
from voice_agent.config import Settings
from voice_agent.domain.costs import cost_line
from voice_agent.domain.models import Conversation
from voice_agent.entrypoints.lifecycle import application, call_providers

Printer = Callable[[str], None]


def output_path(out_dir: Path, name: str, *, replace: bool) -> tuple[Path, str | None]:
    """Where the call's stereo WAV goes: ``out_dir/name.wav``, or when that exists and is not
    to be replaced, the first free ``name-2.wav``, ``name-3.wav``... With a note saying so."""
    path = out_dir / f"{name}.wav"
    if not _taken(path):
        return path, None
    if replace:
        return path, f"replacing {path} (--force)"
    n = 2
    while _taken(candidate := out_dir / f"{name}-{n}.wav"):
        n += 1
    return candidate, f"{path} exists: this call goes to {candidate} (--force replaces it)"


def _taken(path: Path) -> bool:
    """A file or a link is there: a link naming nothing yet (``exists()`` is False for it) is
    someone's, and writing the call there created the file it names (attack11)."""
    return path.exists() or path.is_symlink()


def call_ending(conversation: Conversation | None) -> list[str]:
    """What a call from the command line (`call`, `chat`) ends with: its summary and its
    cost, as the seed asks for each call (`call` printed no cost)."""
    if conversation is None:
        return ["summary: (none)"]
    return [
        f"summary: {conversation.summary}",
        f"cost   : {cost_line(conversation.cost_breakdown)}",
    ]


async def run_recorded_call(
    settings: Settings,
    recording: tuple[Int16Array, int],
    *,
    wav_path: Path,
    printer: Printer = print,
    started: float | None = None,
) -> None:
    """Play ``recording`` to the agent turn by turn; the stereo WAV goes to ``wav_path``.
    ``started``: when the command started (``time.monotonic()``), for the start-up time."""
    started = time.monotonic() if started is None else started
    printer("Loading the voice activity detector, opening the database ...")
    vad = await asyncio.to_thread(load_vad, settings)
    async with application(settings) as container, call_providers(container, vad=vad) as providers:
        engines = ", ".join(f"{k}={v}" for k, v in sorted(providers.modes.items()))
        printer(f"Engines: {engines} (ready in {time.monotonic() - started:.1f} s)")
        printer("Call started; it runs in real time and the agent speaks first.")
        printer("")
        result = await run_call(
            container.call_services(),
            providers,
            name=wav_path.stem,
            recording=recording,
            out_dir=wav_path.parent,
            printer=printer,
        )
    printer("")
    for line in call_ending(result.conversation):
        printer(line)
    printer(f"audio  : {result.wav_path}")
