"""The composition root: settings in, a wired application out. The only place that picks
concrete adapters for the ports; only the entry points (``voice_agent.entrypoints``) call it.

Adapters never see the :class:`Container`: the entry points hand them what they use
(:meth:`Container.call_services` for a call, the scheduling service, the clock, the store).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from voice_agent.adapters.storage import open_store
from voice_agent.adapters.storage.spool import JsonFileSpool
from voice_agent.config import Settings, get_settings
from voice_agent.domain.clock import Clock, SystemClock
from voice_agent.domain.errors import StorageUnavailable
from voice_agent.domain.ports import ConversationSpool, DayReader, Store
from voice_agent.services.abandoned import finalise_abandoned
from voice_agent.services.recorder import replay_spool
from voice_agent.services.scheduling import SchedulingService

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from voice_agent.adapters.voice.providers import Engines, Providers, VADModel
    from voice_agent.adapters.voice.session import CallServices
    from voice_agent.domain.listening import ListeningHint


@dataclass
class Container:
    settings: Settings
    clock: Clock
    store: Store
    scheduling: SchedulingService
    spool: ConversationSpool
    engines: Engines | None = None
    """How the speech and language engines are built (None: the real ones)."""

    def call_services(self) -> CallServices:
        """What one call needs: the services, the clock, the spool and the clinic's name."""
        # LiveKit loads only for the commands that run calls (it costs ~2 s at import).
        from voice_agent.adapters.voice.session import CallerSilence, CallServices

        return CallServices(
            scheduling=self.scheduling,
            conversations=self.store.conversations,
            clock=self.clock,
            pricing=self.settings.pricing(),
            clinic_name=self.settings.clinic_name,
            spool=self.spool,
            silence=CallerSilence(
                ask_after=self.settings.caller_silence_seconds,
                end_after=self.settings.caller_silence_end_seconds,
            ),
        )

    def providers(
        self,
        *,
        vad: VADModel | None = None,
        voice: bool = True,
        listening: ListeningHint | None = None,
    ) -> Providers:
        """One call's engines. Give each call its own ``ListeningHint``: the dialogue engine
        and the recogniser of that call share it. Raises ProviderConfigError."""
        from voice_agent.adapters.voice.providers import build_providers

        return build_providers(
            self.settings, vad=vad, voice=voice, listening=listening, engines=self.engines
        )

    def day_reader(self) -> DayReader:
        """How a typed day is read when it is not a date: as the receptionist reads one."""
        # the dialogue engine's reader loads only for the commands that read a typed day
        from voice_agent.adapters.offline.dialogue.understanding.days import CallerDays

        return CallerDays()

    async def aclose(self) -> None:
        await self.store.close()


async def bootstrap(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    engines: Engines | None = None,
    migrate: bool = True,
) -> Container:
    settings = settings or get_settings()
    clock = clock or SystemClock()
    opened: Store = store or await open_store(settings.database_url, migrate=migrate)
    scheduling = SchedulingService(
        opened, settings.calendar(), clock, phone_region=settings.phone_region
    )
    spool = JsonFileSpool(settings.data_dir / "spool" / "conversations")
    # Call records written to disk while the database was down go in now, and calls whose
    # process died are closed.
    await replay_spool(spool, opened.conversations)
    await sweep_abandoned(settings, clock, opened)
    return Container(settings, clock, opened, scheduling, spool, engines)


async def sweep_abandoned(settings: Settings, clock: Clock, store: Store) -> int:
    """Close calls whose process died (``services/abandoned.py``); a database that is away
    only postpones it."""
    try:
        return await finalise_abandoned(
            store.conversations,
            clock,
            grace=timedelta(seconds=settings.abandoned_call_grace_seconds),
        )
    except StorageUnavailable:
        logger.info("abandoned-call sweep deferred: database unavailable")
        return 0
