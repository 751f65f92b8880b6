"""Running corpus calls over a ``Line`` (the typed path today; a voice line can plug in).

A ``Line`` is one live call to the receptionist: the greeting, then one caller line in and the
agent's replies (and the tools it ran) out, then the database as the call left it. The loop
here is the same whatever carries the words; ``harness.open_typed_line`` is the typed line.
"""

from __future__ import annotations

import json
import time as clock
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from voice_agent.testing.callers.corpus import CorpusCall
from voice_agent.testing.callers.simulator import (
    Caller,
    ScriptedCaller,
    SimulatedCaller,
    SpokenScriptedCaller,
)
from voice_agent.testing.callers.state import DbState
from voice_agent.testing.callers.world import World


@dataclass(frozen=True)
class ToolEvent:
    name: str
    arguments: dict[str, Any]
    output: str
    is_error: bool

    def result(self) -> dict[str, Any]:
        try:
            value = json.loads(self.output)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class TurnOutcome:
    replies: tuple[str, ...]
    tools: tuple[ToolEvent, ...]
    ended: bool  # the agent ended the call during this turn
    heard: str | None = None  # by voice: what the recogniser made of the caller's line


class Line(Protocol):
    """One call in progress."""

    @property
    def greeting(self) -> str: ...

    @property
    def seeded(self) -> DbState:
        """The database after seeding, before the caller says anything."""
        ...

    async def say(self, text: str) -> TurnOutcome: ...

    async def hang_up(self) -> DbState:
        """End the call (if still running) and return the database as it was left."""
        ...


def mishears(line: Line) -> bool:
    """Whether the agent can mishear what is said on ``line`` (a spoken line sets a
    ``mishears`` attribute; a typed one is heard as written)."""
    return bool(getattr(line, "mishears", False))


def repairs(line: Line) -> bool:
    """Whether a fixed script on ``line`` answers about its own number as a person would: on
    a line that mishears, unless the line plays the script as a recording (``recorded``)."""
    return mishears(line) and not getattr(line, "recorded", False)


LineFactory = Callable[[World], AbstractAsyncContextManager[Line]]


@dataclass(frozen=True)
class Turn:
    caller: str
    replies: tuple[str, ...]
    tools: tuple[ToolEvent, ...]
    ended: bool
    heard: str | None = None

    @property
    def reply(self) -> str:
        return " ".join(self.replies)


@dataclass
class CallRecord:
    """Everything that happened in one call."""

    call: CorpusCall
    greeting: str
    turns: list[Turn]
    before: DbState
    after: DbState
    caller: Caller
    seconds: float
    error: str | None = None
    ended: bool = field(default=False)
    recognition: Any = None
    """A spoken call's recognition CPU and audio (``recognition_cpu.CallCpu``); None typed."""

    def transcript(self, *, tools: bool = True) -> str:
        out = [f"agent  > {self.greeting}"]
        for turn in self.turns:
            out.append(f"caller > {turn.caller}")
            if turn.heard is not None:
                out.append(f"         (heard: {turn.heard or '-'})")
            if tools:
                for t in turn.tools:
                    args = json.dumps(t.arguments, separators=(",", ":"))
                    status = "error" if t.is_error else "ok"
                    out.append(f"         [{t.name} {args} -> {status}: {t.output[:160]}]")
            for reply in turn.replies:
                out.append(f"agent  > {reply}")
            if turn.ended:
                out.append("         [the agent ended the call]")
        if self.error:
            out.append(f"         [error: {self.error}]")
        return "\n".join(out)


def make_caller(call: CorpusCall, *, spoken: bool = False) -> Caller:
    """The call's caller; ``spoken``: over a line where the agent can mishear, a fixed script
    answers about its own number as a person would (:class:`SpokenScriptedCaller`)."""
    if call.lines is not None:
        kind = SpokenScriptedCaller if spoken else ScriptedCaller
        scripted = kind(call.world, call.lines)
        scripted.log.corrected_at = call.corrected_at
        return scripted
    assert call.style is not None
    return SimulatedCaller(call.world, call.goal, call.style, seed=call.seed, split=call.split)


async def run_call(call: CorpusCall, open_line: LineFactory) -> CallRecord:
    """Play one corpus call to the end over a fresh line."""
    started = clock.perf_counter()
    turns: list[Turn] = []
    error: str | None = None
    ended = False
    async with open_line(call.world) as line:
        caller = make_caller(call, spoken=repairs(line))
        greeting = line.greeting
        before = line.seeded
        heard = greeting
        try:
            while True:
                text = caller.respond(heard)
                if text is None:
                    break
                outcome = await line.say(text)
                turns.append(
                    Turn(text, outcome.replies, outcome.tools, outcome.ended, outcome.heard)
                )
                if outcome.ended:
                    ended = True
                    break
                heard = " ".join(outcome.replies)
        except Exception as exc:  # a crash is a failed call, with its transcript
            error = f"{type(exc).__name__}: {exc}"
        after = await line.hang_up()
        recognition = getattr(line, "recognition_cpu", None)
    return CallRecord(
        call=call,
        greeting=greeting,
        turns=turns,
        before=before,
        after=after,
        caller=caller,
        seconds=clock.perf_counter() - started,
        error=error,
        ended=ended,
        recognition=recognition,
    )
