"""The typed line: one call exactly as ``voice-agent chat --offline`` runs it.

A text-mode LiveKit ``AgentSession`` with the offline dialogue LLM (``build_providers(settings,
voice=False)`` with no keys), the receptionist agent and its real tools over a fresh SQLite
database, a fixed clock, and the people of the call's ``World`` already registered.

Every dependency on the application's start-up APIs (settings, bootstrap, providers, session
wiring, storage) is in this module, so adapting to a change of entry points is a few lines.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livekit.agents import llm
from livekit.agents.voice.run_result import RunResult

from voice_agent.adapters.storage import open_store
from voice_agent.adapters.voice.providers import Providers
from voice_agent.adapters.voice.session import CallHandle, build_session, start_call
from voice_agent.bootstrap import Container, bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.listening import ListeningHint
from voice_agent.testing.callers.runner import ToolEvent, TurnOutcome
from voice_agent.testing.callers.state import DbState, read_sqlite
from voice_agent.testing.callers.world import (
    CLOSED_DATES,
    PROFILE_PATH,
    TIMEZONE,
    World,
    corpus_profile,
)

_template: Path | None = None
_template_lock = asyncio.Lock()


def corpus_settings(workdir: Path, database: Path, *, keep_readings: bool = False) -> Settings:
    """The corpus clinic's settings for one call (``keep_readings``: the offline recogniser
    keeps each reader's words for the bench's output file)."""
    profile = corpus_profile()
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=f"sqlite:///{database}",
        data_dir=workdir / "var",
        clinic_name=profile.name,
        clinic_profile=PROFILE_PATH,
        clinic_timezone=TIMEZONE.key,
        closed_dates=list(CLOSED_DATES),
        llm_provider="offline",
        stt_provider="offline",
        tts_provider="offline",
        offline_keep_readings=keep_readings,
    )


async def _template_db() -> Path:
    """A migrated empty database, made once per process and copied for every call."""
    global _template
    async with _template_lock:
        if _template is None:
            folder = Path(tempfile.mkdtemp(prefix="voice-agent-corpus-"))
            path = folder / "template.db"
            store = await open_store(f"sqlite:///{path}", migrate=True)
            await store.close()
            _template = path
        return _template


@dataclass(kw_only=True, eq=False)
class CallLine(ABC):
    """What a typed and a spoken line share: the application the call runs on, its greeting,
    and the call's own database (seeded first, read back when the call ends). A line type
    adds the call itself and how to stop it (``_end_call``)."""

    container: Container
    providers: Providers
    greeting: str
    database: Path
    seeded: DbState
    _closed: bool = field(default=False, init=False)

    async def hang_up(self) -> DbState:
        if not self._closed:
            self._closed = True
            try:
                await self._end_call()
            finally:
                await self.providers.aclose()
                await self.container.aclose()
        return read_sqlite(self.database)

    @abstractmethod
    async def _end_call(self) -> None: ...


@dataclass(kw_only=True, eq=False)
class TypedLine(CallLine):
    handle: CallHandle

    async def say(self, text: str) -> TurnOutcome:
        session = self.handle.session
        result: RunResult[Any] = await session.run(user_input=text)
        replies: list[str] = []
        calls: dict[str, llm.FunctionCall] = {}
        tools: list[ToolEvent] = []
        for ev in result.events:
            item = getattr(ev, "item", None)
            if isinstance(item, llm.ChatMessage) and item.role == "assistant":
                replies.append((item.text_content or "").strip())
            elif isinstance(item, llm.FunctionCall):
                calls[item.call_id] = item
            elif isinstance(item, llm.FunctionCallOutput):
                call = calls.get(item.call_id)
                tools.append(
                    ToolEvent(
                        name=item.name or (call.name if call else ""),
                        arguments=_arguments(call),
                        output=item.output,
                        is_error=item.is_error,
                    )
                )
        return TurnOutcome(tuple(replies), tuple(tools), ended=self.handle.state.ending)

    async def _end_call(self) -> None:
        await self.handle.aclose()


def _arguments(call: llm.FunctionCall | None) -> dict[str, Any]:
    if call is None:
        return {}
    try:
        value = json.loads(call.arguments or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


async def _seed(container: Container, world: World) -> None:
    for person in world.people():
        found = await container.scheduling.identify(person.phone, person.name)
        assert found.user is not None
        for holding in person.holdings:
            await container.scheduling.book(found.user.id, holding.day, holding.start)


@asynccontextmanager
async def open_typed_line(
    world: World, *, model: llm.LLM[Any] | None = None
) -> AsyncIterator[TypedLine]:
    """A started typed call in ``world``; everything is closed and removed afterwards.

    ``model`` replaces the language model the settings pick (the offline dialogue engine),
    e.g. a scripted fake that checks the corpus machinery itself."""
    workdir = Path(tempfile.mkdtemp(prefix="voice-agent-call-"))
    try:
        database = workdir / "call.db"
        shutil.copyfile(await _template_db(), database)
        settings = corpus_settings(workdir, database)
        container = await bootstrap(settings, clock=FixedClock(world.now), migrate=False)
        try:
            await _seed(container, world)
            seeded = read_sqlite(database)
            providers = container.providers(voice=False, listening=ListeningHint())
            session = build_session(providers, llm=model)
            services = container.call_services()
            greeting = services.greeting
            handle = await start_call(
                services,
                session,
                room_name="corpus",
                providers=providers,
                greeting=greeting,
                save_delay=0.01,
            )
            if handle.greeting is not None:
                # as `voice-agent chat` does: the caller speaks after the greeting
                await handle.greeting.wait_for_playout()
        except BaseException:
            await container.aclose()
            raise
        line = TypedLine(
            container=container,
            providers=providers,
            handle=handle,
            greeting=greeting,
            database=database,
            seeded=seeded,
        )
        try:
            yield line
        finally:
            await line.hang_up()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def quiet_logs() -> Iterator[None]:
    """The application logs every call's start and tools; a corpus run wants none of it.
    The previous levels come back afterwards."""
    loggers = [logging.getLogger(n) for n in ("voice_agent", "livekit", "livekit.agents")]
    before = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, before, strict=True):
            lg.setLevel(level)
