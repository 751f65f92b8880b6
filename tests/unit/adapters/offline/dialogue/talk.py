"""Talking to the offline receptionist in tests: the dialogue engine as the session's LLM, the
real tools and services over a real database, text mode (exactly `voice-agent chat`)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from livekit.agents import llm

from voice_agent.adapters.offline.dialogue.history import CallInfo
from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.adapters.voice.agent import ReceptionistAgent
from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.prompts import instructions
from voice_agent.adapters.voice.session import CallHandle, build_session, start_call
from voice_agent.bootstrap import Container
from voice_agent.domain.listening import ListeningHint

JOHN = "1234567890"
# the days the calls are about: today is Wednesday 25 November 2026
THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)
MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
WEDNESDAY_NEXT = date(2026, 12, 2)
THURSDAY_NEXT = date(2026, 12, 3)
FRIDAY_NEXT = date(2026, 12, 4)
MONDAY_NEXT = date(2026, 12, 7)
TUESDAY_NEXT = date(2026, 12, 8)


@dataclass
class Turn:
    reply: str = ""
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def called(self, name: str) -> list[dict[str, Any]]:
        return [args for n, args in self.calls if n == name]


@dataclass
class Talk:
    handle: CallHandle
    container: Container
    listening: ListeningHint
    turns: list[tuple[str, Turn]] = field(default_factory=list)

    async def __call__(self, line: str) -> Turn:
        result = await self.handle.session.run(user_input=line)
        turn = Turn()
        replies: list[str] = []
        for ev in result.events:
            item = getattr(ev, "item", None)
            if isinstance(item, llm.ChatMessage) and item.role == "assistant":
                replies.append(item.text_content or "")
            elif isinstance(item, llm.FunctionCall):
                turn.calls.append((item.name, json.loads(item.arguments or "{}")))
            elif isinstance(item, llm.FunctionCallOutput) and item.is_error:
                turn.errors.append(item.output)
        turn.reply = " ".join(replies)
        self.turns.append((line, turn))
        return turn

    @property
    def ended(self) -> bool:
        return self.handle.state.ending

    def transcript(self) -> str:
        return "\n".join(f"caller: {line}\nagent : {t.reply}" for line, t in self.turns)

    async def booked(self, phone: str) -> list[tuple[date, time]]:
        user = await self.container.scheduling.find_user_by_phone(phone)
        if user is None:
            return []
        appts = await self.container.scheduling.appointments(user.id)
        return sorted((a.day, a.start) for a in appts if a.is_active)

    async def book_monday_at_11(self, phone: str) -> Turn:
        """A caller already on file books Monday at 11 and says yes; the agent's reply to the yes
        (which asks whether there is anything else) is returned."""
        await self("I'd like to book Monday at 11")
        await self(phone)
        turn = await self("yes please")
        assert await self.booked(phone) == [(MONDAY, time(11))], self.transcript()
        assert "anything else" in turn.reply, self.transcript()
        return turn

    async def introduce(self, line: str) -> Turn:
        """A new caller's name and number; a yes to setting the account up if it is asked
        (the reply after that is returned)."""
        turn = await self(line)
        if "Shall I set one up" in turn.reply:
            turn = await self("yes")
        return turn

    async def user_name(self, phone: str) -> str | None:
        user = await self.container.scheduling.find_user_by_phone(phone)
        return None if user is None else user.name


async def add_caller(
    container: Container, phone: str, name: str, *slots: tuple[date, time]
) -> list[str]:
    found = await container.scheduling.identify(phone, name)
    assert found.user is not None
    codes = []
    for day, at in slots:
        codes.append((await container.scheduling.book(found.user.id, day, at)).code)
    return codes


async def seat_others(container: Container, *slots: tuple[date, time]) -> None:
    """Each slot taken by another patient (one each), so the caller finds them full. A patient's
    phone number comes from the slot itself, so helpers called more than once never collide."""
    for day, at in slots:
        key = f"{day.toordinal() % 100:02d}{at.hour * 2 + at.minute // 30:02d}"
        name = "Pat " + "".join("abcdefghij"[int(d)] for d in key) + "ee"
        await add_caller(container, f"212555{key}", name, (day, at))


@asynccontextmanager
async def talking(
    container: Container,
    *,
    style: str = "written",
    call: CallInfo | None = None,
    greeting: str | None = None,
) -> AsyncIterator[Talk]:
    hint = ListeningHint()
    agent = None
    if call is not None:
        base = instructions(clinic_name="the clinic", calendar=container.scheduling.calendar)
        agent = ReceptionistAgent(container.scheduling, instructions=f"{base}\n{call.render()}")
    model = DialogueLLM(
        settings=container.settings,
        clock_tool=True,
        style=style,  # type: ignore[arg-type]
        listening=hint,
    )
    session = build_session(llm=model)
    handle = await start_call(
        container.call_services(),
        session,
        room_name="room-dialogue",
        event_sink=MemoryEventSink(),
        save_delay=0.01,
        agent=agent,
        greeting=greeting,
    )
    if handle.greeting is not None:
        await handle.greeting.wait_for_playout()
    try:
        yield Talk(handle, container, hint)
    finally:
        await handle.aclose()
