"""The composition root: settings in, a wired application out. The only place that picks
concrete adapters for the ports."""

from __future__ import annotations

from dataclasses import dataclass

from voice_agent.adapters.storage import open_store
from voice_agent.adapters.storage.spool import JsonFileSpool
from voice_agent.config import Settings, get_settings
from voice_agent.domain.clock import Clock, SystemClock
from voice_agent.domain.ports import ConversationSpool, Store
from voice_agent.services.conversations import replay_spool
from voice_agent.services.scheduling import SchedulingService


@dataclass
class Container:
    settings: Settings
    clock: Clock
    store: Store
    scheduling: SchedulingService
    spool: ConversationSpool

    async def aclose(self) -> None:
        await self.store.close()


async def bootstrap(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    migrate: bool = True,
) -> Container:
    settings = settings or get_settings()
    clock = clock or SystemClock()
    opened: Store = store or await open_store(settings.database_url, migrate=migrate)
    scheduling = SchedulingService(
        opened, settings.calendar(), clock, phone_region=settings.phone_region
    )
    spool = JsonFileSpool(settings.data_dir / "spool" / "conversations")
    # Call records written to disk while the database was down go in now.
    await replay_spool(spool, opened.conversations)
    return Container(
        settings=settings, clock=clock, store=opened, scheduling=scheduling, spool=spool
    )
