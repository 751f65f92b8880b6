"""The LiveKit worker: one receptionist call per room job.

``run_worker(argv)`` runs the framework CLI (``dev``, ``start``, ``console``,
``download-files``); the project CLI exposes it as ``voice-agent agent ...``.
Each job bootstraps the application, builds that call's providers (with the call's own
listening hint) and hands ``start_call`` the narrow call services.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import warnings

from livekit.agents import AgentServer, JobContext, JobProcess, cli, room_io

from voice_agent.adapters.logging_filters import redact_all_records
from voice_agent.adapters.storage import open_store
from voice_agent.adapters.voice.providers import (
    ProviderConfigError,
    check_providers,
    load_vad,
    offline_stt,
)
from voice_agent.adapters.voice.session import (
    CallHandle,
    build_session,
    start_avatar,
    start_call,
)
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings, get_settings
from voice_agent.domain.listening import ListeningHint
from voice_agent.entrypoints.lifecycle import settle_heap

logger = logging.getLogger(__name__)

_RUNS_CALLS = ("dev", "start", "console", "connect")
_HELP = ("--help", "-h")
_FINISH_TIMEOUT = 30.0


def prewarm(proc: JobProcess) -> None:
    """Once per job process: no personal data in its logs; read the settings, load the VAD
    model and, when the offline recogniser is in use (alone or as the fallback), start its
    worker (else the first utterance of the process waits ~0.6 s for it); then freeze what
    start-up made, so garbage collections during calls skip it (``settle_heap``)."""
    redact_all_records()
    settings = get_settings()
    proc.userdata["settings"] = settings
    proc.userdata["vad"] = load_vad(settings)
    proc.userdata["calls"] = {}
    offline_stt(settings).prewarm()
    settle_heap()


async def entrypoint(ctx: JobContext) -> None:
    settings: Settings = ctx.proc.userdata.get("settings") or get_settings()
    vad = ctx.proc.userdata.get("vad") or load_vad(settings)
    calls: dict[str, CallHandle] = ctx.proc.userdata.setdefault("calls", {})

    container = await bootstrap(settings, migrate=False)
    try:
        providers = container.providers(vad=vad, listening=ListeningHint())
    except BaseException:
        await container.aclose()
        raise
    services = container.call_services()

    async def release(_reason: str) -> None:
        handle = calls.pop(ctx.job.id, None)
        try:
            if handle is not None:
                await asyncio.wait_for(handle.finish(), timeout=_FINISH_TIMEOUT)
        finally:
            await providers.aclose()
            await container.aclose()

    ctx.add_shutdown_callback(release)

    session = build_session(providers)
    # the call is over when the session is: end the job (on_session_end writes the summary
    # while the room is still connected, so the frontend receives it)
    session.on("close", lambda ev: ctx.shutdown(reason=f"session closed: {ev.reason.value}"))
    handle = await start_call(
        services,
        session,
        room_name=ctx.job.room.name,
        room=ctx.room,
        providers=providers,
        greeting=services.greeting,
        room_options=room_io.RoomOptions(close_on_disconnect=True),
    )
    calls[ctx.job.id] = handle
    await start_avatar(settings, session, ctx.room)


async def on_session_end(ctx: JobContext) -> None:
    handle: CallHandle | None = ctx.proc.userdata.get("calls", {}).get(ctx.job.id)
    if handle is not None:
        await asyncio.wait_for(handle.finish(), timeout=_FINISH_TIMEOUT)


def build_server(settings: Settings | None = None) -> AgentServer:
    settings = settings or get_settings()
    secret = settings.secret("livekit_api_secret")
    server = AgentServer(
        setup_fnc=prewarm,
        ws_url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=secret,
    )
    server.rtc_session(entrypoint, agent_name=settings.agent_name, on_session_end=on_session_end)
    return server


async def _migrate(settings: Settings) -> None:
    store = await open_store(settings.database_url, migrate=True)
    await store.close()


_LIVEKIT_SETTINGS = (
    ("livekit_url", "LIVEKIT_URL", "--url"),
    ("livekit_api_key", "LIVEKIT_API_KEY", "--api-key"),
    ("livekit_api_secret", "LIVEKIT_API_SECRET", "--api-secret"),
)


def check_livekit(settings: Settings, argv: list[str]) -> None:
    """A worker that joins rooms needs the LiveKit project (from settings or CLI flags)."""
    missing = [
        env
        for name, env, flag in _LIVEKIT_SETTINGS
        if not settings.secret(name) and not any(a.split("=")[0] == flag for a in argv)
    ]
    if missing:
        raise ProviderConfigError(
            f"{' and '.join(missing)} not set: the worker needs your LiveKit project "
            "(see .env.example). Without LiveKit, try `voice-agent demo` or `voice-agent chat`."
        )


# The framework's commands, described for this project (the framework leaves some blank).
COMMAND_HELP = {
    "console": "Talk to the agent in this terminal. Uses your microphone and speakers "
    "(PortAudio); no LiveKit server needed.",
    "dev": "Run the worker for development. Joins rooms of your LiveKit project, reloads on "
    "code changes, logs at debug level.",
    "start": "Run the worker for production. Registers with your LiveKit project "
    "(LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET) and takes the calls dispatched to "
    "AGENT_NAME.",
    "connect": "Join one room now (--room NAME). Does not wait for a dispatch: for trying "
    "the agent in a known room.",
    "download-files": "Fetch plugin model files ahead of time. Nothing to fetch here: "
    "Silero's VAD ships in its wheel, the offline engines in theirs.",
}


def run_framework_cli(server: AgentServer) -> None:
    """The framework's command line for ``server`` (reading ``sys.argv``), with a
    description for every command and plain help like the rest of voice-agent."""
    try:
        from livekit.agents.cli import _legacy

        app = _legacy._build_cli(server)
    except (ImportError, AttributeError):  # pragma: no cover - a framework without it
        cli.run_app(server)
        return
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or info.callback.__name__.replace("_", "-")
        info.help = COMMAND_HELP.get(name, info.help)
    app.info.help = "The LiveKit worker: the receptionist's calls in LiveKit rooms."
    app.rich_markup_mode = None  # flags shown as flags, not as "<bool>" values
    app._add_completion = False
    app(prog_name="voice-agent agent")


def run_worker(argv: list[str]) -> None:
    """Run the LiveKit agents CLI with ``argv`` (e.g. ``["dev"]``, ``["start"]``).

    Provider settings are checked and the database migrated before the worker starts, so a
    missing key fails here (ProviderConfigError) rather than in the first call; ``--help``
    needs no settings. Like any click application it ends with SystemExit.
    """
    redact_all_records()
    settings = get_settings()
    command = argv[0] if argv else None
    if command in _RUNS_CALLS and not any(a in _HELP for a in argv):
        check_providers(settings)
        if command != "console":
            check_livekit(settings, argv)
        asyncio.run(_migrate(settings))
    server = build_server(settings)
    saved: list[str] = sys.argv
    sys.argv = ["voice-agent agent", *argv]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            run_framework_cli(server)
    finally:
        sys.argv = saved


def main() -> None:  # pragma: no cover - convenience: python -m voice_agent.entrypoints.worker
    run_worker(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    main()
