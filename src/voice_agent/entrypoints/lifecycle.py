"""Opening and closing what the entry points run on: the application (the composition root's
container) and one call's engines."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from voice_agent.domain.listening import ListeningHint
from voice_agent.services.retention import purge_old_calls

if TYPE_CHECKING:
    from voice_agent.adapters.voice.providers import Providers, VADModel
    from voice_agent.bootstrap import Container
    from voice_agent.config import Settings

logger = logging.getLogger(__name__)

HOUSEKEEPING_SECONDS = 60.0


@asynccontextmanager
async def application(settings: Settings, **options: Any) -> AsyncIterator[Container]:
    """``bootstrap(settings, **options)``, closed on the way out."""
    # the store's SQLAlchemy and Alembic load here, when a command opens the database, not
    # when the command line starts (`voice-agent --help` took ~3 s at load 9 for them)
    from voice_agent.bootstrap import bootstrap

    container = await bootstrap(settings, **options)
    try:
        yield container
    finally:
        await container.aclose()


@asynccontextmanager
async def call_providers(
    container: Container, *, vad: VADModel | None = None, voice: bool = True
) -> AsyncIterator[Providers]:
    """The engines of one call, with that call's own listening hint; closed on the way out."""
    providers = container.providers(vad=vad, voice=voice, listening=ListeningHint())
    try:
        yield providers
    finally:
        await providers.aclose()


async def housekeep(container: Container) -> None:
    """Close abandoned calls; forget expired staff sessions and finished limit windows; delete
    calls past CALL_RETENTION_DAYS."""
    from voice_agent.bootstrap import sweep_abandoned

    await sweep_abandoned(container.settings, container.clock, container.store)
    try:
        await container.store.staff_sessions.purge(now=container.clock.now())
        await container.store.limit_counters.purge(now=time.time())
        days = container.settings.call_retention_days
        if days is not None:
            await purge_old_calls(container.store.conversations, container.clock, days=days)
    except Exception as exc:  # a database that is away only postpones it
        logger.info("housekeeping deferred", extra={"error_type": type(exc).__name__})


@asynccontextmanager
async def housekeeping(
    container: Container, *, every: float = HOUSEKEEPING_SECONDS
) -> AsyncIterator[None]:
    """Run :func:`housekeep` every ``every`` seconds while the context is open (the token
    server), so a call whose process died is closed even when no new process starts."""

    async def loop() -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await housekeep(container)
            except Exception:
                logger.exception("housekeeping failed")

    task = asyncio.create_task(loop(), name="housekeeping")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def settle_heap() -> None:
    """Once start-up is done (imports, models, engines warm), and before any call: one full
    collection, then every object alive moves to the permanent generation (``gc.freeze``).

    Later collections walk only what calls create. Without it, a full collection at a call's
    end walked the framework's, the models' and the settings' objects too and stalled the
    event loop, and so every other call of the process, for 160-200 ms."""
    gc.collect()
    gc.freeze()
