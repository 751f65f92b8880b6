"""Recognition CPU of a whole call, by turn kind: measured in the worker, summed per call.

Issue 10's budget is recognition CPU per second of audio. :class:`CpuMeter` wraps one
stream's recogniser in the recognition worker and times each ``feed`` (process CPU: the
worker decodes one message at a time, Whisper included, on its own thread, so a feed's CPU
is that stream's). A feed's CPU goes to the turn the recogniser is in (from the ``start`` of
an utterance to its ``final`` or ``end``), else to the stream's idle listening (endpointer,
noise floor, pitch tracking between turns). The meter adds ``cpu`` events to the stream's
events: one per turn when it ends (``text`` the turn's kind, the search its expectation
chose, as :func:`.grammars.base_search` names it: ``domain``, ``phone10``, ``yes_no``...;
``value`` its CPU seconds; ``start``/``end`` its speech, from the final), and the idle CPU
(``text`` empty) before each ``usage`` event. :class:`CallCpu` sums them on the parent's
side (``PocketSphinxSTT.recognition_cpu``), with the call's audio from the ``usage`` events.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline.recognizer import Event, listening_of

IDLE = ""
"""The ``cpu`` event's kind for listening between turns."""


class CpuMeter:
    """A streaming recogniser (``feed``/``abandon``/``decoders``, as ``tones.ToneFilter``)
    whose events also carry its CPU (see the module docstring)."""

    def __init__(self, recognizer: Any, clock: Callable[[], float] = time.process_time) -> None:
        self.recognizer = recognizer
        self._clock = clock
        self._kind: str | None = None
        self._turn = 0.0
        self._idle = 0.0

    @property
    def decoders(self) -> Any:
        return self.recognizer.decoders

    def abandon(self) -> None:
        self.recognizer.abandon()

    def _kind_of(self, expect: Any) -> str:
        context = bool(getattr(getattr(self.decoders, "cfg", None), "context", True))
        if not context or expect is None:
            return grammars.DOMAIN_SEARCH
        return grammars.base_search(grammars.search_for(listening_of(expect)))

    def feed(self, data: bytes, **kwargs: Any) -> list[Any]:
        expected = self._kind or self._kind_of(kwargs.get("expect"))
        t0 = self._clock()
        events = self.recognizer.feed(data, **kwargs)
        spent = self._clock() - t0
        out: list[Any] = []
        charged = False
        for ev in events:
            if self._kind is None and (ev.kind == "start" or (ev.kind == "final" and ev.text)):
                self._kind = expected  # an utterance began (at a flush: with its final)
            if self._kind is not None and not charged:
                self._turn += spent
                charged = True
            if ev.kind in ("final", "end") and self._kind is not None:
                speech = (ev.start, ev.end) if ev.kind == "final" else (0.0, 0.0)
                out.append(
                    Event("cpu", self._kind, start=speech[0], end=speech[1], value=self._turn)
                )
                self._kind, self._turn = None, 0.0
            if ev.kind == "usage":
                if not charged:
                    self._idle += spent
                    charged = True
                out.append(Event("cpu", IDLE, value=self._idle))
                self._idle = 0.0
            out.append(ev)
        if not charged:
            if self._kind is not None:
                self._turn += spent
            else:
                self._idle += spent
        return out


@dataclass
class KindCpu:
    """One turn kind's share of a call."""

    turns: int = 0
    cpu: float = 0.0
    speech: float = 0.0
    """Seconds of the turns' utterances (from the recogniser's start to end of each)."""


@dataclass
class CallCpu:
    """A call's recognition CPU (``cpu`` events) and audio (``usage`` events)."""

    audio: float = 0.0
    """Seconds of the caller's audio the recogniser was given: the whole call."""
    idle: float = 0.0
    by_kind: dict[str, KindCpu] = field(default_factory=dict)

    def add(self, ev: Any) -> None:
        """Take a ``cpu`` or ``usage`` event."""
        if ev.kind == "usage":
            self.audio += ev.value
        elif ev.kind == "cpu" and ev.text == IDLE:
            self.idle += ev.value
        elif ev.kind == "cpu":
            kind = self.by_kind.setdefault(ev.text, KindCpu())
            kind.turns += 1
            kind.cpu += ev.value
            kind.speech += max(0.0, ev.end - ev.start)

    @property
    def cpu(self) -> float:
        return self.idle + sum(k.cpu for k in self.by_kind.values())

    @property
    def speech(self) -> float:
        return sum(k.speech for k in self.by_kind.values())
