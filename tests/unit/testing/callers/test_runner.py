"""Which caller a corpus call gets on a line (a recorded call file never repairs its number);
a call's deadline."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest

from voice_agent.testing.callers import runner
from voice_agent.testing.callers.checks import judge
from voice_agent.testing.callers.corpus import CorpusCall, corpus
from voice_agent.testing.callers.report import run_calls, summary
from voice_agent.testing.callers.runner import (
    DEADLINE_PREFIX,
    LineFactory,
    TurnOutcome,
    make_caller,
    repairs,
    run_call,
)
from voice_agent.testing.callers.simulator import (
    RecordedScriptedCaller,
    ScriptedCaller,
    SpokenScriptedCaller,
)
from voice_agent.testing.callers.state import DbState
from voice_agent.testing.callers.voice import (
    DEADLINE_BASE,
    DEADLINE_MOST_STRETCH,
    DEADLINE_PER_LINE,
    DEADLINE_TURNS,
    CallerVoice,
    call_deadline,
)
from voice_agent.testing.callers.world import World


@dataclass
class _Line:
    mishears: bool = False
    recorded: bool = False


def test_only_a_live_spoken_line_gets_the_caller_who_repairs_its_number() -> None:
    assert repairs(_Line(mishears=True))
    assert not repairs(_Line(mishears=True, recorded=True))
    assert not repairs(_Line())
    assert not repairs(object())  # type: ignore[arg-type]


def test_a_recorded_script_says_its_lines_whatever_the_agent_heard() -> None:
    call = next(c for c in corpus() if c.lines is not None and c.goal.task == "book")
    line = _Line(mishears=True, recorded=True)
    recorded = make_caller(call, spoken=repairs(line), played=runner.recorded(line))
    assert type(recorded) is RecordedScriptedCaller
    assert type(make_caller(call)) is ScriptedCaller
    assert not runner.recorded(_Line(recorded=True))  # typed: no caller said anything
    assert isinstance(make_caller(call, spoken=True), SpokenScriptedCaller)
    wrong = "I don't have an account under 1 1 1, 5 5 5, 0 0 0 0. If that number is right?"
    assert call.lines is not None
    said = [recorded.respond(wrong) for _ in call.lines]
    assert said == list(call.lines)


# --- a call's deadline: one stuck call fails, saying where, and the run goes on ------------


class _StuckLine:
    """A line whose agent never answers line ``stuck_at`` (from 1): its wait never ends, as
    a recorded voice call's did. It tells where it waits, as the voice line does."""

    greeting = "Hello, Harbor Family Clinic."

    def __init__(self, stuck_at: int | None, *, hang_up_sticks: bool = False) -> None:
        self.stuck_at = stuck_at
        self.hang_up_sticks = hang_up_sticks
        self.seeded = DbState((), ())
        self.said = 0
        self.hung_up = False
        self.stage = "greeting"

    @property
    def where(self) -> str:
        return f"{self.stage}; last event: agent listening"

    async def say(self, text: str) -> TurnOutcome:
        self.said += 1
        if self.said == self.stuck_at:
            self.stage = f"line {self.said}: waiting for the agent's answer"
            await asyncio.Event().wait()  # nobody sets it
        return TurnOutcome(("Sure, go on.",), (), ended=False)

    async def hang_up(self) -> DbState:
        if self.hang_up_sticks:
            await asyncio.Event().wait()
        self.hung_up = True
        return self.seeded


def _factory(line: _StuckLine) -> LineFactory:
    @asynccontextmanager
    async def open_line(_world: World) -> AsyncIterator[_StuckLine]:
        try:
            yield line
        finally:
            await line.hang_up()

    return open_line  # type: ignore[return-value]


def _scripted(n: int = 0) -> CorpusCall:
    return [c for c in corpus() if c.lines is not None and len(c.lines) >= 3][n]


async def test_a_call_past_its_deadline_fails_saying_where_it_waited() -> None:
    line = _StuckLine(stuck_at=2)
    record = await run_call(_scripted(), _factory(line), deadline=0.3)
    assert record.error is not None and record.error.startswith(DEADLINE_PREFIX)
    assert "line 2: waiting for the agent's answer; last event: agent listening" in record.error
    assert len(record.turns) == 1 and line.hung_up  # its line was hung up, not left open
    assert not judge(record).passed


async def test_a_call_within_its_deadline_is_not_touched() -> None:
    line = _StuckLine(stuck_at=None)
    call = _scripted()
    record = await run_call(call, _factory(line), deadline=30.0)
    assert record.error is None and line.hung_up
    assert call.lines is not None and len(record.turns) == len(call.lines)


async def test_a_hang_up_that_never_ends_is_left_after_its_grace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runner, "CLEANUP_GRACE", 0.2)
    line = _StuckLine(stuck_at=1, hang_up_sticks=True)
    record = await asyncio.wait_for(run_call(_scripted(), _factory(line), deadline=0.2), 5.0)
    assert record.error is not None and "hang-up did not end within" in record.error


async def test_one_stuck_call_does_not_stop_the_others() -> None:
    calls = [_scripted(0), _scripted(1), _scripted(2)]
    lines = {
        calls[0].id: _StuckLine(None),
        calls[1].id: _StuckLine(3),
        calls[2].id: _StuckLine(None),
    }

    def per_call(call: CorpusCall) -> LineFactory:
        return _factory(lines[call.id])

    results = await asyncio.wait_for(
        run_calls(calls, per_call, per_call=True, jobs=2, deadline=lambda _c: 0.5), 10.0
    )
    assert [r.call.id for r in results] == [c.id for c in calls]
    doc = summary(results)
    assert list(doc["deadline_calls"]) == [calls[1].id]
    assert "line 3" in doc["deadline_calls"][calls[1].id]
    assert all(r.record.error is None for r in results if r.call.id != calls[1].id)


def test_a_spoken_calls_deadline_grows_with_its_lines_and_the_load() -> None:
    voice = CallerVoice("en-us", 165, 50)
    short = call_deadline(["Yes."], voice, load_factor=1.0)
    longer = call_deadline(["Yes.", "My number is 646 555 0177, and it's for Thursday."], voice)
    assert DEADLINE_BASE + DEADLINE_PER_LINE < short < DEADLINE_BASE + DEADLINE_PER_LINE + 5
    assert longer > short + DEADLINE_PER_LINE
    two = ["Yes.", "No."]
    assert call_deadline(two, voice, load_factor=3.0) == 3 * call_deadline(
        two, voice, load_factor=1.0
    )
    at_rest = call_deadline(two, voice, load_factor=1.0)
    assert call_deadline(two, voice, load_factor=0.2) == at_rest
    # a stuck call is found in minutes at any load
    assert call_deadline(two, voice, load_factor=11.0) == DEADLINE_MOST_STRETCH * at_rest
    # a simulated caller: as many lines as a long call has
    assert call_deadline(None, voice, load_factor=1.0) >= DEADLINE_PER_LINE * DEADLINE_TURNS
