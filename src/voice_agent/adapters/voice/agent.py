"""The receptionist: an Agent with the scheduling tools and the voice prompt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from livekit.agents import Agent, llm

from voice_agent.adapters.voice.prompts import instructions as receptionist_instructions
from voice_agent.adapters.voice.tools import CallState, ReceptionistTools
from voice_agent.services.scheduling import SchedulingService

__all__ = ["CallState", "ReceptionistAgent"]


class ReceptionistAgent(ReceptionistTools, Agent):
    def __init__(
        self,
        scheduling: SchedulingService,
        *,
        clinic_name: str = "the clinic",
        instructions: str | None = None,
        call_context: str | None = None,
        extra_tools: Sequence[llm.FunctionTool[Any, Any]] = (),
    ) -> None:
        """``call_context``: the one line describing the call (``CallInfo.render()``),
        appended to the instructions; ``extra_tools``: tools this call offers besides the
        scheduling ones (``transfer_to_staff`` on a phone call)."""
        self._scheduling = scheduling
        text = instructions or receptionist_instructions(
            clinic_name=clinic_name, calendar=scheduling.calendar
        )
        if call_context:
            text = f"{text}\n\n{call_context}"
        super().__init__(instructions=text, tools=list(extra_tools))
