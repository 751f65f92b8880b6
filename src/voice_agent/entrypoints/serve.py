"""``voice-agent serve``: the token server and staff page, with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from voice_agent.adapters.api import ApiServices, create_app
from voice_agent.config import Settings
from voice_agent.entrypoints.lifecycle import application


def build_app(settings: Settings) -> FastAPI:
    """The token server; its lifespan opens the application (store, services) at start-up
    and closes it at shutdown."""

    @asynccontextmanager
    async def open_services() -> AsyncIterator[ApiServices]:
        async with application(settings) as container:
            yield ApiServices(
                clock=container.clock, scheduling=container.scheduling, store=container.store
            )

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
