"""The browser call transport: an aiortc peer connection per caller, into the same
AgentSession, tools and recorder as a LiveKit call. The only package that imports aiortc."""

from voice_agent.adapters.webrtc.calls import BrowserCalls, CallLimits
from voice_agent.adapters.webrtc.ice import IcePolicy

__all__ = ["BrowserCalls", "CallLimits", "IcePolicy"]
