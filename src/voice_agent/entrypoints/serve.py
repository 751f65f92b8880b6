"""``voice-agent serve``: the token server, the staff page and browser calls, with uvicorn."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI

from voice_agent.adapters.api import ApiServices, create_app

# Imported here, on the main thread: LiveKit's plugins must register there (browser calls run
# the same AgentSession as the LiveKit worker).
from voice_agent.adapters.voice.providers import load_vad
from voice_agent.adapters.webrtc import BrowserCalls, CallLimits, IcePolicy
from voice_agent.bootstrap import Container
from voice_agent.config import Settings
from voice_agent.entrypoints.lifecycle import application, call_providers

logger = logging.getLogger(__name__)


async def open_browser_calls(settings: Settings, container: Container) -> BrowserCalls | None:
    """The lines for ``/call`` (None when CALL_MAX_CONCURRENT=0): Silero VAD loaded once and
    shared; each call gets its own engines and listening hint from the container."""
    if settings.call_max_concurrent == 0:
        return None
    vad = await asyncio.to_thread(load_vad, settings)
    return BrowserCalls(
        container.call_services(),
        lambda: call_providers(container, vad=vad),
        limits=CallLimits(
            max_calls=settings.call_max_concurrent, max_seconds=settings.call_max_seconds
        ),
        ice=IcePolicy.for_server(
            settings.server_host,
            addresses=settings.webrtc_addresses,
            ice_servers=settings.webrtc_ice_servers,
        ),
    )


def build_app(settings: Settings, **options: Any) -> FastAPI:
    """The server; its lifespan opens the application (store, services, browser-call lines)
    at start-up and closes it at shutdown, hanging up calls still running. ``options`` go to
    ``bootstrap`` (tests pass a clock)."""

    @asynccontextmanager
    async def open_services() -> AsyncIterator[ApiServices]:
        async with application(settings, **options) as container:
            calls = await open_browser_calls(settings, container)
            try:
                yield ApiServices(
                    clock=container.clock,
                    scheduling=container.scheduling,
                    store=container.store,
                    calls=calls,
                )
            finally:
                if calls is not None:
                    await calls.aclose()

    return create_app(settings, open_services)


def serve(settings: Settings) -> None:
    """Serve on settings.server_host:server_port until interrupted (one worker process)."""
    config = uvicorn.Config(
        build_app(settings),
        host=settings.server_host,
        port=settings.server_port,
        log_level=settings.log_level.lower(),
        proxy_headers=True,
        server_header=False,
    )
    uvicorn.Server(config).run()
