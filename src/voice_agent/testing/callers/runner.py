"""Running corpus calls over a ``Line`` (the typed path today; a voice line can plug in).

A ``Line`` is one live call to the receptionist: the greeting, then one caller line in and the
agent's replies (and the tools it ran) out, then the database as the call left it. The loop
here is the same whatever carries the words; ``harness.open_typed_line`` is the typed line.
"""

from __future__ import annotations

import asyncio
import json
import time as clock
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from voice_agent.testing.callers.corpus import CorpusCall
from voice_agent.testing.callers.simulator import (
    Caller,
    RecordedScriptedCaller,
    ScriptedCaller,
    SimulatedCaller,
    SpokenScriptedCaller,
)
from voice_agent.testing.callers.state import DbState, read_sqlite
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
    readings: tuple[str, ...] = ()  # by voice, where kept: each reader's words (JSON per utterance)


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
    readings: tuple[str, ...] = ()

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


def recorded(line: Line) -> bool:
    """Whether ``line`` plays a fixed script as a recording (``recorded``) over a line that
    mishears: its caller still spells their name when asked (:class:`RecordedScriptedCaller`)."""
    return mishears(line) and bool(getattr(line, "recorded", False))


def make_caller(call: CorpusCall, *, spoken: bool = False, played: bool = False) -> Caller:
    """The call's caller; ``spoken``: over a line where the agent can mishear, a fixed script
    answers about its own number and name as a person would (:class:`SpokenScriptedCaller`);
    ``played``: a fixed script played as a recording, whose person only answers about their
    own name when asked (:class:`RecordedScriptedCaller`)."""
    if call.lines is not None:
        kind: type[ScriptedCaller] = ScriptedCaller
        if spoken:
            kind = SpokenScriptedCaller
        elif played:
            kind = RecordedScriptedCaller
        scripted = kind(call.world, call.lines)
        scripted.log.corrected_at = call.corrected_at
        return scripted
    assert call.style is not None
    return SimulatedCaller(call.world, call.goal, call.style, seed=call.seed, split=call.split)


CLEANUP_GRACE = 30.0
"""Seconds a call stopped at its deadline has to hang up and clean up before it is left."""

DEADLINE_PREFIX = "deadline"
"""How the error of a call stopped at its deadline begins (``CallRecord.error``)."""


@dataclass
class _Progress:
    """How far a call has got, for a record of it if it must be stopped."""

    turns: list[Turn] = field(default_factory=list)
    line: Line | None = None
    caller: Caller | None = None
    stage: str = "opening the line"

    def where(self) -> str:
        told = getattr(self.line, "where", None)
        return told if isinstance(told, str) else self.stage


async def run_call(
    call: CorpusCall, open_line: LineFactory, *, deadline: float | None = None
) -> CallRecord:
    """Play one corpus call to the end over a fresh line.

    ``deadline``: seconds the whole call may take. One that takes longer is stopped (its line
    hung up, with :data:`CLEANUP_GRACE` seconds for that) and recorded as failed, its error
    saying where it waited (the line's ``where``, when it tells) and the database as it was
    then; a run of many calls goes on. Without one, a call that waits for ever stops the run."""
    started = clock.perf_counter()
    progress = _Progress()
    task = asyncio.create_task(_play(call, open_line, progress, started))
    try:
        done, _ = await asyncio.wait({task}, timeout=deadline)
    except asyncio.CancelledError:
        task.cancel()
        raise
    if task in done:
        return task.result()
    assert deadline is not None
    where = progress.where()
    line = progress.line
    database = getattr(line, "database", None)
    before = line.seeded if line is not None else DbState((), ())
    after = read_sqlite(database) if isinstance(database, Path) and database.exists() else before
    recognition = getattr(line, "recognition_cpu", None)
    task.cancel()
    stopped, _ = await asyncio.wait({task}, timeout=CLEANUP_GRACE)
    if task in stopped and not task.cancelled():
        task.exception()  # retrieved: the call's cancellation may end in another error
    cleanup = "" if task in stopped else f"; its hang-up did not end within {CLEANUP_GRACE:.0f} s"
    return CallRecord(
        call=call,
        greeting=line.greeting if line is not None else "",
        turns=list(progress.turns),
        before=before,
        after=after,
        caller=progress.caller or make_caller(call),
        seconds=clock.perf_counter() - started,
        error=f"{DEADLINE_PREFIX} {deadline:.0f} s passed; waiting at: {where}{cleanup}",
        recognition=recognition,
    )


async def _play(
    call: CorpusCall, open_line: LineFactory, progress: _Progress, started: float
) -> CallRecord:
    turns = progress.turns
    error: str | None = None
    ended = False
    async with open_line(call.world) as line:
        progress.line = line
        caller = progress.caller = make_caller(call, spoken=repairs(line), played=recorded(line))
        greeting = line.greeting
        before = line.seeded
        heard = greeting
        try:
            while True:
                text = caller.respond(heard)
                if text is None:
                    break
                progress.stage = f"line {len(turns) + 1}"
                outcome = await line.say(text)
                turns.append(
                    Turn(
                        text,
                        outcome.replies,
                        outcome.tools,
                        outcome.ended,
                        outcome.heard,
                        outcome.readings,
                    )
                )
                if outcome.ended:
                    ended = True
                    break
                heard = " ".join(outcome.replies)
        except Exception as exc:  # a crash is a failed call, with its transcript
            error = f"{type(exc).__name__}: {exc}"
        progress.stage = "hanging up"
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
