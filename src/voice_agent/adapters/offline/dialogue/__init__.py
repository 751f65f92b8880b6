"""Offline dialogue: a deterministic scheduling conversation manager that replaces the cloud LLM.

``understanding`` reads one caller utterance, ``tracking`` folds it and the tools' results into
the ``state``, ``policy`` chooses the next step and ``phrasing`` words it; ``engine`` ties them
together over the conversation history, and ``llm`` exposes the engine to LiveKit Agents as an
``llm.LLM`` (``DialogueLLM``, imported lazily so the pure-Python parts load without LiveKit).
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
    listening_for,
)
from voice_agent.adapters.offline.dialogue.understanding import Understanding, understand

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
    "Understanding",
    "UserTurn",
    "listening_for",
    "understand",
]


def __getattr__(name: str) -> Any:
    if name in ("DialogueLLM", "DialogueLLMStream"):
        from voice_agent.adapters.offline.dialogue import llm as _llm

        return getattr(_llm, name)
    raise AttributeError(name)
