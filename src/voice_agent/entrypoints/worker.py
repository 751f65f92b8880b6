"""The LiveKit worker: one receptionist call per room job.

``run_worker(argv)`` runs the framework CLI (``dev``, ``start``, ``console``,
``download-files``); the project CLI exposes it as ``voice-agent agent ...``.
Each job bootstraps the application, builds that call's providers (with the call's own
listening hint) and hands ``start_call`` the narrow call services.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sys
import time
import types
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final, Protocol

from livekit.agents import Agent, AgentServer, AgentSession, JobContext, JobProcess, cli

from voice_agent.adapters.api.live_calls import JobGate, LiveRooms, livekit_rooms
from voice_agent.adapters.logging_filters import install_redaction, redact_all_records
from voice_agent.adapters.storage import SqlStore, open_store
from voice_agent.adapters.voice.providers import (
    ProviderConfigError,
    check_providers,
    load_vad,
    offline_stt,
    placeholder_notes,
)
from voice_agent.adapters.voice.session import (
    AvatarStarter,
    CallHandle,
    CallServices,
    build_session,
    call_room_options,
    start_avatar,
    start_call,
)
from voice_agent.adapters.voice.telephony import (
    KeypadCollector,
    Participant,
    PhoneCall,
    SipTransferApi,
    deliver_user_turn,
    phone_caller,
    prepare_phone_call,
    transfer_target,
)
from voice_agent.adapters.voice.tools import CallState
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings, get_settings
from voice_agent.domain.clinic import ClinicProfileError
from voice_agent.domain.errors import InvalidPhoneNumber, StorageUnavailable
from voice_agent.domain.listening import ListeningHint
from voice_agent.domain.ports import CallPlaces, ConversationRepository
from voice_agent.entrypoints.cli_errors import listed
from voice_agent.entrypoints.lifecycle import settle_heap
from voice_agent.entrypoints.usage import run_app

logger = logging.getLogger(__name__)

_RUNS_CALLS = ("dev", "start", "console", "connect")
_HELP = ("--help", "-h")
_FINISH_TIMEOUT = 30.0
# Libraries that log every statement at INFO/DEBUG; the framework's dev and console modes
# set the root logger to DEBUG, which would print each SQL statement.
_CHATTY_LOGGERS = ("sqlalchemy", "aiosqlite", "asyncpg", "alembic")


def quiet_libraries() -> None:
    """Keep database libraries at WARNING unless configured otherwise (per process: the
    worker and each job process)."""
    for name in _CHATTY_LOGGERS:
        chatty = logging.getLogger(name)
        if chatty.level == logging.NOTSET:
            chatty.setLevel(logging.WARNING)


def prewarm(proc: JobProcess) -> None:
    """Once per job process: no personal data in its logs; read the settings, load the VAD
    model and, when the offline recogniser is in use (alone or as the fallback), start its
    worker (else the first utterance of the process waits ~0.6 s for it); then freeze what
    start-up made, so garbage collections during calls skip it (``settle_heap``)."""
    redact_all_records()
    quiet_libraries()
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
    if not ctx.is_fake_job() and await call_ended_in(
        container.store.conversations, ctx.job.room.name
    ):
        # a token opens its room again after its call until it expires: its holder (the
        # caller, or whoever the token leaked to) gets an empty room, not a new call (the
        # console's room, this terminal's, is the same at every run: a second `agent
        # console` on one database sat there with no agent in it)
        logger.warning("job ended: its room's call has ended", extra={"room_name": ctx.room.name})
        await give_back_place(container.store.call_places, ctx.job.room.name)
        await container.aclose()
        ctx.shutdown(reason="the room's call has ended")
        return
    try:
        providers = container.providers(vad=vad, listening=ListeningHint())
    except BaseException:
        await container.aclose()
        raise
    services = container.call_services()

    phone: PhoneCall | None = None
    keypad: KeypadCollector | None = None

    async def release(_reason: str) -> None:
        handle = calls.pop(ctx.job.id, None)
        try:
            if handle is not None:
                await asyncio.wait_for(handle.finish(), timeout=_FINISH_TIMEOUT)
        finally:
            await give_back_place(container.store.call_places, ctx.job.room.name)
            if keypad is not None:
                keypad.close()
            if phone is not None:
                await phone.aclose()
            await providers.aclose()
            await container.aclose()

    ctx.add_shutdown_callback(release)

    # the caller: a browser participant, or a phone caller through LiveKit SIP
    participant = await ctx.wait_for_participant()
    phone = phone_call_for(
        participant, settings, room_name=ctx.room.name, sip_api=lambda: ctx.api.sip
    )
    plan = call_plan(
        phone, services, avatar=functools.partial(start_avatar, settings, room=ctx.room)
    )

    session = build_session(providers, silence=services.silence)
    # the call is over when the session is: end the job (on_session_end writes the summary
    # while the room is still connected, so the frontend receives it)
    session.on("close", lambda ev: ctx.shutdown(reason=f"session closed: {ev.reason.value}"))
    keypad = caller_keypad(phone, participant, session)
    handle = await start_call(
        services,
        session,
        room_name=ctx.job.room.name,
        room=ctx.room,
        agent=plan.agent,
        providers=providers,
        greeting=plan.greeting,
        room_options=call_room_options(participant.identity),
        avatar=plan.avatar,
    )
    calls[ctx.job.id] = handle
    handle.limit_length(settings.call_max_seconds)
    if keypad is not None:
        keypad.attach(ctx.room)


async def call_ended_in(conversations: ConversationRepository, room_name: str) -> bool:
    """Whether ``room_name`` has had its call, finished: every token names a room of its own,
    so a call opened there again is its token used again (until it expires), not a new
    caller. A call still open there (its process died) does not count; nor does an
    unreachable database (the call is answered, its record spooled)."""
    try:
        earlier = await conversations.latest_for_room(room_name)
    except StorageUnavailable:
        return False
    return earlier is not None and earlier.ended_at is not None


async def give_back_place(places: CallPlaces, room_name: str) -> None:
    """The call in ``room_name`` ended: its place stops counting towards TOKEN_MAX_CALLS (a
    token's place counts on until the token expires; a call whose process died, until
    CALL_MAX_SECONDS after it started)."""
    # a database failure is logged by the store; the place then counts until
    # CALL_MAX_SECONDS after the call started
    with contextlib.suppress(StorageUnavailable):
        await places.end_call(room_name)


class JobRequestLike(Protocol):
    """What the gate uses of livekit-agents' ``JobRequest``."""

    @property
    def room(self) -> Any: ...

    async def accept(self) -> None: ...

    async def reject(self, *, terminate: bool = True) -> None: ...


class CallsGate:
    """The worker's answer to each job request (``on_request``): a job is taken only while
    fewer than TOKEN_MAX_CALLS calls are running, counted with every other worker on the
    database (``JobGate``): a token minted elsewhere, a phone call, or tokens from several
    token servers cannot run more calls than that. Console and ``connect`` jobs are not
    requested, so they are not counted.

    When the database cannot be reached the job is taken (the call keeps its record in the
    spool until it can): an outage of the database does not stop calls being answered.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        places: Callable[[], Awaitable[CallPlaces]] | None = None,
        rooms: LiveRooms | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._settings = settings
        self._open_places = places or self._open_store
        self._rooms = rooms
        self._clock = clock
        self._gate: JobGate | None = None
        self._opening = asyncio.Lock()
        self._store: SqlStore | None = None

    async def _open_store(self) -> CallPlaces:
        self._store = await open_store(self._settings.database_url, migrate=False)
        return self._store.call_places

    async def aclose(self) -> None:
        """Close the database the gate opened (the worker's process ends without it)."""
        if self._store is not None:
            await self._store.close()
            self._store = None

    async def gate(self) -> JobGate:
        async with self._opening:
            if self._gate is None:
                self._gate = JobGate(
                    await self._open_places(),
                    total=self._settings.token_max_calls,
                    longest_call=self._settings.call_max_seconds,
                    clock=self._clock,
                )
            return self._gate

    async def __call__(self, request: JobRequestLike) -> None:
        room_name = str(request.room.name)
        try:
            refused = await (await self.gate()).admit(room_name, rooms=self._rooms)
        except StorageUnavailable:
            logger.warning(
                "job taken uncounted: the database is unavailable", extra={"room_name": room_name}
            )
            refused = None
        if refused is None:
            try:
                await request.accept()
            except BaseException:  # not assigned to this worker (AssignmentTimeoutError...)
                if self._gate is not None:
                    await give_back_place(self._gate.places, room_name)
                raise
            return
        logger.warning(
            "job refused: TOKEN_MAX_CALLS calls are going",
            extra={"room_name": room_name, "limit": refused.limit},
        )
        # every worker counts the same places: another would refuse it too
        await request.reject(terminate=True)


@dataclass(frozen=True)
class CallPlan:
    """How a call starts: the agent (None: the plain receptionist), what it says first, and
    the avatar (None: audio only)."""

    agent: Agent | None
    greeting: str
    avatar: AvatarStarter | None


def call_plan(
    phone: PhoneCall | None, services: CallServices, *, avatar: AvatarStarter | None
) -> CallPlan:
    """A browser caller gets the receptionist, the usual greeting and the avatar; a phone
    caller the receptionist with the call context (and the transfer tool, if any), the caller
    ID question in its greeting, and no avatar (a phone has no video)."""
    if phone is None:
        return CallPlan(agent=None, greeting=services.greeting, avatar=avatar)
    return CallPlan(
        agent=phone.agent(services.scheduling, clinic_name=services.clinic_name),
        greeting=phone.greeting(clinic_name=services.clinic_name),
        avatar=None,
    )


def caller_keypad(
    phone: PhoneCall | None, participant: Participant, session: AgentSession[CallState]
) -> KeypadCollector:
    """The caller's keypad (attach it to the room): a phone caller's DTMF, or a browser
    participant's keys, which livekit-client's ``publishDtmf`` sends as the same
    ``sip_dtmf_received`` event; only that participant's, checked and paced the same way."""
    if phone is not None:
        return phone.keypad(session)
    return KeypadCollector(deliver_user_turn(session), participant_identity=participant.identity)


def phone_call_for(
    participant: Participant,
    settings: Settings,
    *,
    room_name: str,
    sip_api: Callable[[], SipTransferApi],
) -> PhoneCall | None:
    """The phone call ``participant`` makes through LiveKit SIP (None for a browser caller):
    its caller ID, and the transfer to the clinic when a transfer number is set."""
    caller = phone_caller(participant, region=settings.phone_region)
    if caller is None:
        return None
    profile = settings.profile()
    return prepare_phone_call(
        caller,
        profile=profile,
        room_name=room_name,
        api=sip_api() if profile.transfer_number else None,
        region=settings.phone_region,
    )


async def on_session_end(ctx: JobContext) -> None:
    handle: CallHandle | None = ctx.proc.userdata.get("calls", {}).get(ctx.job.id)
    if handle is not None:
        await asyncio.wait_for(handle.finish(), timeout=_FINISH_TIMEOUT)


def build_server(settings: Settings | None = None, *, console: bool = False) -> AgentServer:
    """The agent server. ``console``: a developer talking to the agent in this terminal, where
    the framework shows the conversation only as its records' ``lk.pii.text`` extras, which
    the handlers' filter would drop (the console's room is not a caller's number)."""
    settings = settings or get_settings()
    secret = settings.secret("livekit_api_secret")
    server = AgentServer(
        setup_fnc=prewarm,
        ws_url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=secret,
    )
    # the framework's handlers exist once it runs: they get the filter that scrubs extras
    # (records are redacted as they are made, before their extras are attached), in this
    # process, which also prints the records its job processes forward
    if not console:
        server.on("worker_started", install_redaction)
    server.rtc_session(
        entrypoint,
        agent_name=settings.agent_name,
        on_request=CallsGate(settings, rooms=livekit_rooms(settings)),
        on_session_end=on_session_end,
    )
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
        (env, settings.holds_placeholder(name))
        for name, env, flag in _LIVEKIT_SETTINGS
        if not settings.secret(name) and not any(a.split("=")[0] == flag for a in argv)
    ]
    if not missing:
        return
    unset = [env for env, placeholder in missing if not placeholder]
    copied = [env for env, placeholder in missing if placeholder]
    problems = []
    if unset:
        problems.append(f"{listed(unset)} {'is' if len(unset) == 1 else 'are'} not set")
    if copied:
        verb = "holds" if len(copied) == 1 else "hold"
        problems.append(f"{listed(copied)} still {verb} the .env.example placeholder")
    raise ProviderConfigError(
        f"{'; '.join(problems)}: the worker needs your LiveKit project "
        "(see .env.example). Without LiveKit, try `voice-agent demo` or `voice-agent chat`."
    )


def check_telephony(settings: Settings) -> None:
    """The clinic profile loads and its transfer number (if any) can be dialled."""
    try:
        profile = settings.profile()
    except ClinicProfileError as exc:
        raise ProviderConfigError(str(exc)) from None
    if profile.transfer_number:
        try:
            transfer_target(profile.transfer_number, region=settings.phone_region)
        except InvalidPhoneNumber:
            raise ProviderConfigError(
                f"the clinic profile's transfer_number {profile.transfer_number!r} is not a "
                "phone number (use the E.164 form, e.g. +15550100200, or a sip: URI)"
            ) from None


def _avatar_notes(settings: Settings) -> list[str]:
    """The avatar settings that still hold their .env.example placeholders (no avatar then)."""
    copied = [
        env
        for name, env in (("bey_api_key", "BEY_API_KEY"), ("bey_avatar_id", "BEY_AVATAR_ID"))
        if settings.holds_placeholder(name)
    ]
    if not copied:
        return []
    verb = "holds" if len(copied) == 1 else "hold"
    return [f"{' and '.join(copied)} still {verb} the .env.example placeholder: no avatar."]


def _portaudio_missing() -> bool:
    try:
        import sounddevice  # noqa: F401
    except OSError:
        return True
    return False


def _without_portaudio() -> None:
    """Let the framework's console run in text mode where PortAudio is not installed: it
    imports sounddevice even in text mode, which fails to load without the library."""

    def missing(name: str) -> object:
        raise OSError(
            "PortAudio library not found: the audio console needs it "
            "(apt-get install libportaudio2, or brew install portaudio)"
        )

    stub = types.ModuleType("sounddevice", "Stand-in: PortAudio is not installed.")
    stub.__getattr__ = missing  # type: ignore[method-assign]
    sys.modules["sounddevice"] = stub


def _console_argv(argv: list[str]) -> list[str]:
    """``console`` without PortAudio runs in text mode (with a note saying why)."""
    if not _portaudio_missing():
        return argv
    _without_portaudio()
    if "--text" in argv:
        return argv
    print(  # noqa: T201 - before the framework's console takes over the terminal
        "PortAudio is not installed, so the console starts in text mode "
        "(for audio: apt-get install libportaudio2).",
        file=sys.stderr,
    )
    return [*argv, "--text"]


def _log_level_asked(argv: list[str]) -> bool:
    """The console's log level chosen by its user: ``--log-level``, LIVEKIT_LOG_LEVEL, or
    voice-agent's ``-v``."""
    import os

    from voice_agent.entrypoints import logs

    setup = logs.current()
    return (
        any(a == "--log-level" or a.startswith("--log-level=") for a in argv)
        or bool(os.environ.get("LIVEKIT_LOG_LEVEL"))
        or (setup is not None and setup.verbosity > 0)
    )


class _ConsoleRecords(logging.Filter):
    """What the console's terminal shows of the log: the conversation (the framework shows
    what the agent says unprompted, the greeting and "are you still there?", only as its
    ``conversation_item_added`` records, with the words as ``lk.pii.text``), this program's
    warnings and anyone's errors. The framework's start-up chatter (plugins registered,
    processes warmed, a turn-detector fallback) and debug records filled the screen."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        if record.name.startswith("voice_agent"):
            return record.levelno >= logging.WARNING
        return record.getMessage() == "conversation_item_added"


def _quiet_console(*, asked: bool) -> None:
    """`agent console` shows the conversation and our warnings (``_ConsoleRecords``), unless
    its user asked for a log level; and not the framework's notice that its console is
    deprecated, which is the framework's to act on, not the user's. The conversation is the
    console's to show in its own terminal: no log file is written (the framework's handler
    replaces ours, ``_hand_logging_to_framework``)."""
    try:
        from livekit.agents.cli import _legacy
    except ImportError:  # pragma: no cover - a framework without it
        return
    console = _legacy.AgentsConsole.get_instance()
    if not asked:
        console._log_handler.addFilter(_ConsoleRecords())
    shown = console.print

    def without_deprecation(child: Any, *, tag: str = "", tag_style: Any = None) -> None:
        if tag != "Deprecated":
            shown(child, tag=tag, tag_style=tag_style)

    console.print = without_deprecation  # type: ignore[method-assign]


def _hand_logging_to_framework() -> None:
    """The framework's CLI installs its own root handler: drop ours (else every line is
    printed twice) and keep the database libraries quiet."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    quiet_libraries()


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
    app.info.no_args_is_help = True
    app.rich_markup_mode = None  # flags shown as flags, not as "<bool>" values
    app._add_completion = False
    run_app(app, prog_name="voice-agent agent")


CONSOLE_NEEDS_TERMINAL = (
    "`agent console` reads keys from a terminal, and its input here is not one (a file, a "
    "pipe or /dev/null). To type to the receptionist from a script, use `voice-agent chat "
    "--offline < lines.txt`: one line a turn, it hangs up at the end of the input."
)
"""The framework's console reads single keys through termios (livekit.agents.cli.readchar):
on input that is no terminal its first read fails ("Inappropriate ioctl for device") and the
console closed after its start-up, some 30 s, with nothing said; on a terminal at its end
(hung up) its prompt loop (cli._legacy.prompt) reads "" for ever."""


def console_without_terminal(argv: list[str], *, stdin_is_terminal: bool) -> bool:
    """``agent console`` run with its input redirected: refused before anything starts."""
    return argv[:1] == ["console"] and not usage_only(argv) and not stdin_is_terminal


def wants_help(argv: list[str]) -> bool:
    """``voice-agent agent [COMMAND] --help``, or no command (the usage, as click shows it)."""
    return not argv or any(a in _HELP for a in argv)


def usage_only(argv: list[str]) -> bool:
    """The help, or a command line the framework refuses (``dev --bogus``, an unknown
    command, an option without its value): the framework's command line says it (exit 2,
    naming what is wrong) with no settings read, whatever the environment. Checking the
    LiveKit settings first said those were missing, and not the typo."""
    return wants_help(argv) or framework_refuses(argv)


def framework_refuses(argv: list[str]) -> bool:
    """Whether the framework's command line would refuse ``argv`` as a usage error."""
    import typer

    try:
        from livekit.agents.cli import _legacy

        app = _legacy._build_cli(build_server(Settings.model_construct()))
    except (ImportError, AttributeError):  # pragma: no cover - a framework without it
        return False
    group = typer.main.get_command(app)
    if not argv or not hasattr(group, "get_command"):
        return False
    try:
        parent = group.make_context("voice-agent agent", [], resilient_parsing=False)
        command = group.get_command(parent, argv[0])
        if command is None:
            return True
        command.make_context(argv[0], list(argv[1:]), parent=parent)
    except Exception as exc:
        # click's UsageError (typer carries its own copy of click): exit code 2
        if getattr(exc, "exit_code", None) == _USAGE_EXIT:
            return True
        raise
    return False


_USAGE_EXIT: Final = 2


def run_worker(argv: list[str]) -> None:
    """Run the LiveKit agents CLI with ``argv`` (e.g. ``["dev"]``, ``["start"]``).

    Provider settings are checked and the database migrated before the worker starts, so a
    missing key fails here (ProviderConfigError) rather than in the first call; ``--help``
    needs no settings. Like any click application it ends with SystemExit.
    """
    redact_all_records()
    # help reads no settings: a bad one in the environment printed its error instead of the
    # help that would say how to run the worker (the defaults only name the agent here)
    usage = usage_only(argv)
    settings = Settings.model_construct() if usage else get_settings()
    command = argv[0] if argv else None
    if command in _RUNS_CALLS and not usage:
        check_providers(settings)
        check_telephony(settings)
        if command != "console":
            check_livekit(settings, argv)
        for note in [*placeholder_notes(settings), *_avatar_notes(settings)]:
            logger.warning(note)
        asyncio.run(_migrate(settings))
        if command == "console":
            argv = _console_argv(argv)
            _quiet_console(asked=_log_level_asked(argv))
        _hand_logging_to_framework()
    server = build_server(settings, console=command == "console")
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
