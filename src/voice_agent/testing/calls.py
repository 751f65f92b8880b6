"""Starting a receptionist call in text mode over a scripted LLM."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from livekit.agents import llm

from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.session import CallHandle, CallServices, build_session, start_call
from voice_agent.testing.fakes import ScriptedLLM, Step

# The agent's tools, as docs/tools.md lists them: what a model must be offered, no more.
CONTRACT_TOOLS = (
    "book_appointment",
    "cancel_appointment",
    "end_conversation",
    "fetch_available_slots",
    "get_current_time",
    "get_user_appointments",
    "identify_user",
    "modify_appointment",
    "update_name",
)


@asynccontextmanager
async def text_call(
    services: CallServices,
    steps: list[Step] | None = None,
    *,
    model: llm.LLM[Any] | None = None,
    room_name: str = "room-test",
    summary_llm: llm.LLM[Any] | None = None,
) -> AsyncIterator[tuple[CallHandle, ScriptedLLM, MemoryEventSink]]:
    """A started call over ``model`` (default: a ScriptedLLM playing ``steps``); closed and
    finished when the block exits."""
    fake = ScriptedLLM(steps)
    sink = MemoryEventSink()
    session = build_session(llm=model or fake)
    handle = await start_call(
        services,
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
