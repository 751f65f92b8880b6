"""``voice-agent serve``: the token server and staff page, with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from voice_agent.adapters.api import ApiServices, create_app
from voice_agent.adapters.logging_filters import install_redaction
from voice_agent.config import Settings
from voice_agent.domain.errors import StorageUnavailable
from voice_agent.entrypoints.lifecycle import application, housekeeping


class ServerStartFailed(Exception):
    """The server could not start; the message says why (storage errors name the path)."""


def build_app(settings: Settings, *, housekeeping_every: float | None = None) -> FastAPI:
    """The token server; its lifespan opens the application (store, services) at start-up,
    runs the housekeeping (abandoned calls, expired sessions) every minute, and closes it all
    at shutdown."""
    every = {"every": housekeeping_every} if housekeeping_every is not None else {}

    @asynccontextmanager
    async def open_services() -> AsyncIterator[ApiServices]:
        async with application(settings) as container, housekeeping(container, **every):
            yield ApiServices(
                clock=container.clock, scheduling=container.scheduling, store=container.store
            )

    return create_app(settings, open_services)


def serve(settings: Settings) -> None:
    """Serve on settings.server_host:server_port until interrupted (one worker process).

    Proxy headers are read by the app itself, from TRUSTED_PROXIES only (uvicorn's own
    handling, which trusts any loopback peer by default, is off). Raises ServerStartFailed.
    """
    failure: list[BaseException] = []
    app = build_app(settings)
    opened = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(inner: FastAPI) -> AsyncIterator[None]:
        try:
            async with opened(inner):
                yield
        except StorageUnavailable as exc:
            failure.append(exc)
            raise

    app.router.lifespan_context = lifespan
    config = uvicorn.Config(
        app,
        host=settings.server_host,
        port=settings.server_port,
        log_level=settings.log_level.lower(),
        proxy_headers=False,
        server_header=False,
    )
    # uvicorn has configured its loggers: from here on no handler prints callers' data.
    install_redaction()
    server = uvicorn.Server(config)
    server.run()
    if not server.started:
        if failure and isinstance(failure[0], StorageUnavailable):
            raise ServerStartFailed(f"cannot start: {failure[0].operator_message}")
        raise ServerStartFailed("the server did not start (see the log above)")
