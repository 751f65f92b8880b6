"""The voice adapter: the only package that imports LiveKit (with adapters/offline)."""

from voice_agent.adapters.voice.agent import ReceptionistAgent
from voice_agent.adapters.voice.events import EventSink, MemoryEventSink, RoomEventSink
from voice_agent.adapters.voice.providers import (
    Engines,
    ProviderConfigError,
    Providers,
    build_providers,
    check_providers,
    load_vad,
)
from voice_agent.adapters.voice.session import CallHandle, CallServices, build_session, start_call
from voice_agent.adapters.voice.tools import CallState

__all__ = [
    "CallHandle",
    "CallServices",
    "CallState",
    "Engines",
    "EventSink",
    "MemoryEventSink",
    "ProviderConfigError",
    "Providers",
    "ReceptionistAgent",
    "RoomEventSink",
    "build_providers",
    "build_session",
    "check_providers",
    "load_vad",
    "start_call",
]
