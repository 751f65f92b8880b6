"""``voice-agent call --audio``: one voice call from a recording of the caller's side."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from voice_agent.adapters.offline.audio import Int16Array
from voice_agent.adapters.offline.calls import run_call
from voice_agent.adapters.voice.providers import load_vad
from voice_agent.config import Settings
from voice_agent.entrypoints.lifecycle import application, call_providers


async def run_recorded_call(
    settings: Settings, recording: tuple[Int16Array, int], *, name: str, out_dir: Path
) -> None:
    vad = await asyncio.to_thread(load_vad, settings)
    async with application(settings) as container, call_providers(container, vad=vad) as providers:
        result = await run_call(
            container.call_services(),
            providers,
            name=name,
            recording=recording,
            out_dir=out_dir,
            printer=print,
        )
    conv = result.conversation
    print(f"summary: {conv.summary if conv else '(none)'}")
    print(f"audio  : {result.wav_path}")
    sys.stdout.flush()
