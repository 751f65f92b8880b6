"""``voice-agent serve``: the token server, the staff page and browser calls, with uvicorn."""

from __future__ import annotations

import asyncio
import copy
import logging
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI

from voice_agent.adapters.api import ApiServices, create_app
from voice_agent.adapters.api.app import private_path_templates
from voice_agent.adapters.api.live_calls import livekit_rooms
from voice_agent.adapters.logging_filters import PrivatePaths, install_redaction

# Imported here, on the main thread: LiveKit's plugins must register there (browser calls run
# the same AgentSession as the LiveKit worker).
from voice_agent.adapters.voice.providers import (
    ProviderConfigError,
    check_providers,
    load_vad,
    offline_stt,
)
from voice_agent.adapters.webrtc import BrowserCalls, CallLimits, IcePolicy
from voice_agent.bootstrap import Container
from voice_agent.config import Settings
from voice_agent.domain.errors import StorageUnavailable
from voice_agent.entrypoints import logs
from voice_agent.entrypoints.connections import guarded_protocol
from voice_agent.entrypoints.lifecycle import application, call_providers, housekeeping

logger = logging.getLogger(__name__)


class ServerStartFailed(Exception):
    """The server could not start; the message says why (storage errors name the path)."""


class ServerMisconfigured(ServerStartFailed):
    """A setting the server needs is wrong or missing (a named provider without its key)."""


class ServerCannotListen(ServerStartFailed):
    """The address or port cannot be listened on (taken, not an address of this machine)."""


async def open_browser_calls(settings: Settings, container: Container) -> BrowserCalls | None:
    """The lines for ``/call`` (None when CALL_MAX_CONCURRENT=0): Silero VAD loaded once and
    shared; each call gets its own engines and listening hint from the container. As the
    LiveKit worker's prewarm does, the offline recogniser's worker starts now, in the
    background (its decoders and Whisper's model: else the first call's first utterance
    waits seconds for them)."""
    if settings.call_max_concurrent == 0:
        return None
    vad = await asyncio.to_thread(load_vad, settings)
    await asyncio.to_thread(offline_stt(settings).prewarm)
    return BrowserCalls(
        container.call_services(),
        lambda: call_providers(container, vad=vad),
        limits=CallLimits(
            max_calls=settings.call_max_concurrent,
            max_per_client=settings.call_max_per_client,
            max_seconds=settings.call_max_seconds,
        ),
        ice=IcePolicy.for_server(
            settings.server_host,
            addresses=settings.webrtc_addresses,
            ice_servers=settings.webrtc_ice_servers,
            peer_networks=settings.webrtc_peer_networks,
        ),
    )


def build_app(
    settings: Settings, *, housekeeping_every: float | None = None, **options: Any
) -> FastAPI:
    """The server; its lifespan opens the application (store, services, browser-call lines)
    at start-up, runs the housekeeping (abandoned calls, expired sessions, calls past
    CALL_RETENTION_DAYS) every minute, and
    closes it all at shutdown, hanging up calls still running. ``options`` go to
    ``bootstrap`` (tests pass a clock)."""
    every = {"every": housekeeping_every} if housekeeping_every is not None else {}

    @asynccontextmanager
    async def open_services() -> AsyncIterator[ApiServices]:
        async with (
            application(settings, **options) as container,
            housekeeping(container, **every),
        ):
            calls = await open_browser_calls(settings, container)
            rooms = livekit_rooms(settings)
            try:
                yield ApiServices(
                    clock=container.clock,
                    scheduling=container.scheduling,
                    store=container.store,
                    calls=calls,
                    rooms=rooms,
                )
            finally:
                if rooms is not None:
                    await rooms.aclose()
                if calls is not None:
                    await calls.aclose()

    return create_app(settings, open_services)


def stopping(calls: int) -> str:
    """What the server says as it starts to stop, and why the prompt takes a while to come
    back: after uvicorn's "Shutting down" it was silent for 15 to 28 s on a loaded machine
    (calls hung up and saved, the recogniser's worker stopped, then the Python libraries of
    the speech stack unloaded, seconds of it under load, with nothing to say why)."""
    hang_up = (
        f"hanging up {calls} browser call{'s' if calls != 1 else ''} (each is saved first), then "
        if calls
        else ""
    )
    return (
        f"Stopping: {hang_up}closing the database and the speech recogniser; the speech "
        "libraries then take a few seconds to unload, longer on a busy machine ..."
    )


def _calls_going(app: Any) -> int:
    """Browser calls going on ``app`` (a server of build_app's) just now; 0 for another."""
    api = getattr(getattr(app, "state", None), "api", None)
    calls = getattr(getattr(api, "services", None), "calls", None)
    return calls.active if isinstance(calls, BrowserCalls) else 0


class _Server(uvicorn.Server):
    """uvicorn's server that prints ``announce`` once it listens (never when it cannot),
    and says it is stopping, and what it waits for, when it starts to stop."""

    def __init__(self, config: uvicorn.Config, announce: list[str], app: Any = None) -> None:
        super().__init__(config)
        self.announce = announce
        self._app = app

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            for line in self.announce:
                print(line, file=sys.stderr, flush=True)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.started:
            print(stopping(_calls_going(self._app)), file=sys.stderr, flush=True)
        await super().shutdown(sockets=sockets)


def uvicorn_logging() -> dict[str, Any]:
    """uvicorn's own logging configuration, its lines in this program's format: "INFO:
    Started server process" and "INFO:     127.0.0.1:45948 - "GET /call ..." sat beside
    "2026-12-03 07:56:40,949 WARNING voice_agent...: ..." in one terminal, two formats, and
    only one of them said when."""
    config: dict[str, Any] = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["formatters"]["default"]["fmt"] = logs.FORMAT
    config["formatters"]["access"]["fmt"] = logs.FORMAT.replace(
        "%(message)s", '%(client_addr)s - "%(request_line)s" %(status_code)s'
    )
    return config


def make_server(
    settings: Settings, app: FastAPI, *, announce: list[str] | None = None
) -> uvicorn.Server:
    """uvicorn serving ``app``, its loggers configured, and no handler printing callers' data:
    access lines lose the query string and the path segments that carry a code or a room
    name (``private_path_templates``). ``announce`` is printed once it listens."""
    config = uvicorn.Config(
        app,
        host=settings.server_host,
        port=settings.server_port,
        log_level=settings.log_level.lower(),
        log_config=uvicorn_logging(),
        proxy_headers=False,
        server_header=False,
        http=guarded_protocol(
            per_client=settings.max_connections_per_client,
            trusted_proxies=settings.trusted_proxies,
        ),
    )
    # uvicorn has configured its loggers (in Config): from here on no handler prints them.
    install_redaction(private_paths=PrivatePaths(private_path_templates(app)))
    return _Server(config, announce or [], app)


def where_to_go(settings: Settings) -> list[str]:
    """What to open once the server listens: uvicorn names only its address, and a new user
    had to know the paths from the README."""
    host = settings.server_host
    if host in ("0.0.0.0", "::", ""):  # every interface: this machine's own name works
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    base = f"http://{host}:{settings.server_port}"
    lines = [
        f"Call the receptionist: {base}/call"
        if settings.call_max_concurrent > 0
        else "Browser calls are off (CALL_MAX_CONCURRENT=0)."
    ]
    if settings.secret("staff_api_key"):
        lines.append(f"Staff console: {base}/staff (sign in with STAFF_API_KEY)")
    else:
        lines.append("Staff console: off; set STAFF_API_KEY to open /staff")
    if not (settings.secret("livekit_api_key") and settings.secret("livekit_api_secret")):
        lines.append(
            "LiveKit calls (POST /token): off; set LIVEKIT_URL, LIVEKIT_API_KEY and "
            "LIVEKIT_API_SECRET for them"
            + (" (browser calls at /call need none)" if settings.call_max_concurrent > 0 else "")
        )
    lines.append(f"API documentation: {base}/docs")
    return lines


def serve(settings: Settings) -> None:
    """Serve on settings.server_host:server_port until interrupted (one worker process).

    Proxy headers are read by the app itself, from TRUSTED_PROXIES only (uvicorn's own
    handling, which trusts any loopback peer by default, is off). Raises ServerStartFailed
    (ServerMisconfigured, ServerCannotListen).
    """
    if settings.call_max_concurrent > 0:
        # as the worker does at start: a provider named without its key failed every
        # browser call instead
        try:
            check_providers(settings)
        except ProviderConfigError as exc:
            raise ServerMisconfigured(
                f"{exc} (browser calls at /call use these engines; CALL_MAX_CONCURRENT=0 "
                "turns them off)"
            ) from None
    failure: list[BaseException] = []
    ready: list[bool] = []
    app = build_app(settings)
    opened = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(inner: FastAPI) -> AsyncIterator[None]:
        try:
            async with opened(inner):
                ready.append(True)
                yield
        except StorageUnavailable as exc:
            failure.append(exc)
            raise

    app.router.lifespan_context = lifespan
    server = make_server(settings, app, announce=where_to_go(settings))
    try:
        server.run()
    except SystemExit:
        # uvicorn logs why it could not start (the application's start-up failed, or the
        # port is taken), then exits the process with its own code: the command's message
        # and exit code are ours to give.
        if server.started:
            raise
        if ready and not failure:
            address = f"{settings.server_host}:{settings.server_port}"
            raise ServerCannotListen(
                f"cannot listen on {address} (uvicorn's ERROR line above says why): is "
                "another server using that port? Choose another with --port (SERVER_PORT), "
                "or an address of this machine with --host (SERVER_HOST)"
            ) from None
    if not server.started:
        if failure and isinstance(failure[0], StorageUnavailable):
            raise ServerStartFailed(f"cannot start: {failure[0].operator_message}")
        raise ServerStartFailed("the server did not start (see the log above)")
