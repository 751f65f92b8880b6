"""`voice-agent chat` (a text REPL) and `voice-agent call --audio` (a recorded call)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from livekit.agents import llm
from livekit.agents.voice.run_result import RunResult

from voice_agent.adapters.offline.audio import Int16Array
from voice_agent.adapters.offline.calls import run_call
from voice_agent.adapters.voice.providers import build_providers, load_vad
from voice_agent.adapters.voice.session import build_session, default_greeting, start_call
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings


async def run_chat(settings: Settings) -> None:
    container = await bootstrap(settings)
    providers = build_providers(settings, voice=False)
    session = build_session(providers)
    greeting = default_greeting(settings)
    handle = await start_call(
        container, session, room_name="chat", providers=providers, greeting=greeting
    )
    print(f"agent > {greeting}   (Ctrl-D to hang up)")
    try:
        while not handle.state.ending:
            line = await asyncio.to_thread(_read_line)
            if line is None:
                break
            if not line.strip():
                continue
            result: RunResult[None] = await session.run(user_input=line)
            for ev in result.events:
                item = getattr(ev, "item", None)
                if isinstance(item, llm.ChatMessage) and item.role == "assistant":
                    print(f"agent > {item.text_content}")
    finally:
        conversation = await handle.aclose()
        await providers.aclose()
        await container.aclose()
    print(f"\nsummary: {conversation.summary}")


def _read_line() -> str | None:
    try:
        return input("you   > ")
    except EOFError:
        return None


async def run_recorded_call(
    settings: Settings, recording: tuple[Int16Array, int], *, name: str, out_dir: Path
) -> None:
    container = await bootstrap(settings)
    vad = await asyncio.to_thread(load_vad, settings)
    providers = build_providers(settings, vad=vad)
    try:
        result = await run_call(
            container, providers, name=name, recording=recording, out_dir=out_dir, printer=print
        )
    finally:
        await providers.aclose()
        await container.aclose()
    conv = result.conversation
    print(f"summary: {conv.summary if conv else '(none)'}")
    print(f"audio  : {result.wav_path}")
    sys.stdout.flush()
