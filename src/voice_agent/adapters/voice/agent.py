"""The receptionist: an Agent with the scheduling tools and the voice prompt."""

from __future__ import annotations

from livekit.agents import Agent

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
    ) -> None:
        self._scheduling = scheduling
        super().__init__(
            instructions=instructions
            or receptionist_instructions(clinic_name=clinic_name, calendar=scheduling.calendar),
        )
