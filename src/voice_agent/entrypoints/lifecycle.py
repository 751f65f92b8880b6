"""Opening and closing what the entry points run on: the application (the composition root's
container) and one call's engines."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from voice_agent.bootstrap import Container, bootstrap
from voice_agent.config import Settings
from voice_agent.domain.listening import ListeningHint

if TYPE_CHECKING:
    from voice_agent.adapters.voice.providers import Providers, VADModel


@asynccontextmanager
async def application(settings: Settings, **options: Any) -> AsyncIterator[Container]:
    """``bootstrap(settings, **options)``, closed on the way out."""
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


def settle_heap() -> None:
    """Once start-up is done (imports, models, engines warm), and before any call: one full
    collection, then every object alive moves to the permanent generation (``gc.freeze``).

    Later collections walk only what calls create. Without it, a full collection at a call's
    end walked the framework's, the models' and the settings' objects too and stalled the
    event loop, and so every other call of the process, for 160-200 ms."""
    gc.collect()
    gc.freeze()
