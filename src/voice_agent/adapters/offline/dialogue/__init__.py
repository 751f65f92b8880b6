"""Offline dialogue: a deterministic scheduling conversation manager that replaces the cloud LLM.

``nlu`` reads one caller utterance, ``engine`` decides the next step from the conversation so
far, and ``llm`` exposes the engine to LiveKit Agents as an ``llm.LLM`` (``DialogueLLM``).
``DialogueLLM`` is imported lazily so the pure-Python parts load without LiveKit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from voice_agent.adapters.offline.dialogue.engine import (
    AssistantTurn,
    Decision,
    DialogueEngine,
    DialogueState,
    HistoryItem,
    PlannedCall,
    ToolCall,
    ToolResult,
    UserTurn,
)
from voice_agent.adapters.offline.dialogue.nlu import Utterance, detect_intent, parse_utterance

if TYPE_CHECKING:
    from voice_agent.adapters.offline.dialogue.llm import DialogueLLM, DialogueLLMStream

__all__ = [
    "AssistantTurn",
    "Decision",
    "DialogueEngine",
    "DialogueLLM",
    "DialogueLLMStream",
    "DialogueState",
    "HistoryItem",
    "PlannedCall",
    "ToolCall",
    "ToolResult",
    "UserTurn",
    "Utterance",
    "detect_intent",
    "parse_utterance",
]


def __getattr__(name: str) -> Any:
    if name in ("DialogueLLM", "DialogueLLMStream"):
        from voice_agent.adapters.offline.dialogue import llm as _llm

        return getattr(_llm, name)
    raise AttributeError(name)
