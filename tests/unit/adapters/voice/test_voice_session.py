"""Session composition: barge-in and preemptive generation on, VAD-ended turns with a VAD."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from livekit.agents import AgentSession
from livekit.plugins import silero

from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.session import build_session, start_call
from voice_agent.bootstrap import Container
from voice_agent.testing.fakes import ScriptedLLM


async def test_voice_session_allows_barge_in_and_preemptive_generation() -> None:
    session = build_session(llm=ScriptedLLM(), vad=silero.VAD.load())
    assert session.turn_detection == "vad"
    assert session.options.interruption["enabled"] is True
    assert session.options.interruption["mode"] == "vad"
    assert session.options.preemptive_generation["enabled"] is True
    assert session.userdata.user_id is None and session.userdata.ending is False


async def test_greeting_is_said_and_recorded(container: Container) -> None:
    session = build_session(llm=ScriptedLLM())
    handle = await start_call(
        container.call_services(),
        session,
        room_name="room-greet",
        event_sink=MemoryEventSink(),
        greeting="Hello, thank you for calling.",
    )
    assert handle.greeting is not None
    await handle.greeting
    conversation = await handle.aclose()
    assert conversation.transcript[0]["role"] == "assistant"
    assert conversation.transcript[0]["text"] == "Hello, thank you for calling."


class _LinkedRoom:
    """A room's I/O as far as the call needs it: the participant it is linked to."""

    def __init__(self, identity: str) -> None:
        self.linked_participant = SimpleNamespace(identity=identity)


async def test_the_call_is_bound_to_the_linked_participant(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 1: the record names the participant who was the caller, so only their token
    (or staff) reads its summary, not another token for the same room name."""
    monkeypatch.setattr(AgentSession, "room_io", property(lambda _: _LinkedRoom("caller-7f3a")))
    session = build_session(llm=ScriptedLLM())
    handle = await start_call(
        container.call_services(),
        session,
        room_name="room-bound",
        event_sink=MemoryEventSink(),
        greeting="Hello, thank you for calling.",
    )
    assert handle.greeting is not None
    await handle.greeting
    conversation = await handle.aclose()
    assert conversation.caller_identity == "caller-7f3a"
    stored = await container.store.conversations.latest_for_room("room-bound")
    assert stored is not None and stored.caller_identity == "caller-7f3a"
