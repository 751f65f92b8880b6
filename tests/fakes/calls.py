"""Starting a receptionist call in text mode over a scripted LLM."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from livekit.agents import llm

from fakes.fake_llm import ScriptedLLM, Step
from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.session import CallHandle, build_session, start_call
from voice_agent.bootstrap import Container


@asynccontextmanager
async def text_call(
    container: Container,
    steps: list[Step] | None = None,
    *,
    model: llm.LLM | None = None,
    room_name: str = "room-test",
    summary_llm: llm.LLM | None = None,
) -> AsyncIterator[tuple[CallHandle, ScriptedLLM, MemoryEventSink]]:
    """A started call; closed (and finished) when the block exits."""
    fake = ScriptedLLM(steps)
    sink = MemoryEventSink()
    session = build_session(llm=model or fake)
    handle = await start_call(
        container,
        session,
        room_name=room_name,
        event_sink=sink,
        summary_llm=summary_llm,
        save_delay=0.01,
    )
    try:
        yield handle, fake, sink
    finally:
        await handle.aclose()
