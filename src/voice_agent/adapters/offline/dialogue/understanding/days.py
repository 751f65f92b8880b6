"""The receptionist's reading of a day, lent to those who type one (the command line)."""

from __future__ import annotations

from datetime import date

from voice_agent.adapters.offline.dialogue.understanding.spelling import expand
from voice_agent.adapters.offline.dialogue.understanding.when import days_named


class CallerDays:
    """:class:`~voice_agent.domain.ports.DayReader` by the dialogue engine's own reader."""

    def days_named(self, text: str, *, today: date) -> tuple[date, ...] | None:
        return days_named(text, today=today)

    def written_out(self, text: str) -> str:
        return " ".join(expand(text).split())
