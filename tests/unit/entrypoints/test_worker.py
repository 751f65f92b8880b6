"""The worker wiring: one rtc_session under the configured agent name, VAD loaded in prewarm,
and provider problems reported before the worker starts."""

from __future__ import annotations

import gc
import io
import logging
import types
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from livekit.agents import JobExecutorType, JobProcess
from livekit.plugins import silero

from voice_agent.adapters.voice.providers import ProviderConfigError
from voice_agent.bootstrap import Container
from voice_agent.config import Settings
from voice_agent.domain.models import Conversation
from voice_agent.entrypoints import worker
from voice_agent.testing.fakes.timer import ManualSeconds


@pytest.fixture(autouse=True)
def _library_levels_restored() -> Iterator[None]:
    """prewarm quiets the database libraries for the process: left at WARNING, they failed
    test_logs' checks of -vv whenever this file ran before it."""
    chatty = {name: logging.getLogger(name).level for name in worker._CHATTY_LOGGERS}
    yield
    for name, level in chatty.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture(autouse=True)
def _no_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'w.db'}")


def test_worker_processes_redact_every_log_record() -> None:
    proc = JobProcess(executor_type=JobExecutorType.THREAD, user_arguments=None, http_proxy=None)
    worker.prewarm(proc)
    record = logging.getLogger("aiosqlite").makeRecord(
        "aiosqlite", logging.DEBUG, __file__, 1, "executing %s", (("+19876543210",),), None
    )
    assert record.getMessage() == "executing <tuple>"


def test_build_server_registers_the_receptionist(tmp_path: Path) -> None:
    settings = Settings(agent_name="front-desk", _env_file=None)  # type: ignore[call-arg]
    server = worker.build_server(settings)
    assert server._agent_name == "front-desk"
    assert server._entrypoint_fnc is worker.entrypoint
    assert server._session_end_fnc is worker.on_session_end
    assert server.setup_fnc is worker.prewarm


def test_prewarm_loads_the_vad_once_per_process() -> None:
    proc = JobProcess(executor_type=JobExecutorType.THREAD, user_arguments=None, http_proxy=None)
    gc.unfreeze()
    try:
        worker.prewarm(proc)
        # what start-up made is frozen: collections during calls skip it
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert isinstance(proc.userdata["vad"], silero.VAD)
    assert proc.userdata["vad"]._opts.min_silence_duration == 0.5
    assert proc.userdata["calls"] == {}


def test_missing_key_fails_before_the_worker_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STT_PROVIDER", "deepgram")
    with pytest.raises(ProviderConfigError, match="DEEPGRAM_API_KEY is not set"):
        worker.run_worker(["start"])


def test_cli_lists_the_framework_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        worker.run_worker(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("dev", "start", "console", "download-files"):
        assert command in out


def test_worker_without_livekit_project_names_the_variables() -> None:
    from voice_agent.adapters.voice.providers import ProviderConfigError
    from voice_agent.config import Settings
    from voice_agent.entrypoints.worker import check_livekit

    settings = Settings(_env_file=None, livekit_url="wss://example")  # type: ignore[call-arg]
    with pytest.raises(ProviderConfigError, match="LIVEKIT_API_KEY and LIVEKIT_API_SECRET"):
        check_livekit(settings, ["start"])
    check_livekit(settings, ["start", "--api-key", "k", "--api-secret=s"])


@pytest.mark.parametrize("command", ["dev", "start", "console", "connect"])
def test_help_needs_no_keys_and_no_livekit(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STT_PROVIDER", "deepgram")  # named without its key: fine for --help
    with pytest.raises(SystemExit) as exit_info:
        worker.run_worker([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Usage" in out and command in out


def test_placeholders_are_reported_as_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    from voice_agent.entrypoints.worker import check_livekit

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        livekit_url="wss://your-project.livekit.cloud",
        livekit_api_key="your_api_key",
    )
    with pytest.raises(
        ProviderConfigError,
        match=r"^LIVEKIT_API_SECRET is not set; LIVEKIT_URL and LIVEKIT_API_KEY still hold the "
        r"\.env\.example placeholder: ",
    ):
        check_livekit(settings, ["start"])


def test_a_bad_transfer_number_stops_the_worker_at_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    profile = tmp_path / "clinic.toml"
    profile.write_text('name = "Maple"\ntransfer_number = "front desk"\n', encoding="utf-8")
    monkeypatch.setenv("CLINIC_PROFILE", str(profile))
    with pytest.raises(ProviderConfigError, match="transfer_number 'front desk' is not a phone"):
        worker.run_worker(["console"])
    profile.write_text("name = [", encoding="utf-8")
    with pytest.raises(ProviderConfigError, match="is not valid TOML"):
        worker.check_telephony(Settings(_env_file=None))  # type: ignore[call-arg]
    profile.write_text('transfer_number = "+1 555 010 0200"\n', encoding="utf-8")
    worker.check_telephony(Settings(_env_file=None))  # type: ignore[call-arg]


def test_console_without_portaudio_runs_in_text_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys
    import types

    monkeypatch.setattr(worker, "_portaudio_missing", lambda: True)
    # restored (removed) after the test, whatever _console_argv puts there
    monkeypatch.setitem(sys.modules, "sounddevice", types.ModuleType("sounddevice"))
    assert worker._console_argv(["console"]) == ["console", "--text"]
    assert "PortAudio is not installed" in capsys.readouterr().err
    assert worker._console_argv(["console", "--text"]) == ["console", "--text"]
    # the framework imports sounddevice even in text mode: it gets a stand-in that only fails
    # (with the fix in the message) if audio is actually used
    import sounddevice  # type: ignore[import-untyped,unused-ignore]

    with pytest.raises(OSError, match="apt-get install libportaudio2"):
        sounddevice.query_devices()  # noqa: B018

    monkeypatch.setattr(worker, "_portaudio_missing", lambda: False)
    assert worker._console_argv(["console"]) == ["console"]


def test_the_framework_alone_prints_log_lines_and_sql_stays_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import logging

    root = logging.getLogger()
    saved = list(root.handlers), root.level
    quiet = {name: logging.getLogger(name).level for name in ("sqlalchemy", "aiosqlite")}
    try:
        for name in quiet:
            logging.getLogger(name).setLevel(logging.NOTSET)
        logging.basicConfig(level=logging.WARNING, force=True)  # what `voice-agent` sets up
        worker._hand_logging_to_framework()
        assert root.handlers == []
        root.setLevel(logging.DEBUG)  # the framework's dev and console level
        assert not logging.getLogger("sqlalchemy.engine.Engine").isEnabledFor(logging.INFO)
        assert not logging.getLogger("aiosqlite").isEnabledFor(logging.DEBUG)
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)


def test_avatar_placeholders_are_reported() -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, bey_api_key="your_beyond_presence_api_key", bey_avatar_id="your_avatar_id"
    )
    assert worker._avatar_notes(settings) == [
        "BEY_API_KEY and BEY_AVATAR_ID still hold the .env.example placeholder: no avatar."
    ]
    assert worker._avatar_notes(Settings(_env_file=None)) == []  # type: ignore[call-arg]


async def test_a_sip_participant_makes_a_phone_call_a_browser_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import dataclass, field

    from livekit import rtc

    from voice_agent.bootstrap import bootstrap

    @dataclass
    class Participant:
        identity: str
        kind: int
        attributes: dict[str, str] = field(default_factory=dict)

    apis: list[object] = []

    def sip_api() -> object:
        apis.append(object())
        return apis[-1]

    profile = tmp_path / "clinic.toml"
    profile.write_text('name = "Maple"\ntransfer_number = "+15550100200"\n', encoding="utf-8")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=f"sqlite:///{tmp_path / 'w.db'}", data_dir=tmp_path
    )
    container = await bootstrap(settings)
    try:
        await container.scheduling.identify("6465550177", "John Smith")
        services = container.call_services()
        browser = Participant("web", rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD)
        assert (
            worker.phone_call_for(browser, settings, room_name="r", sip_api=sip_api)  # type: ignore[arg-type]
            is None
        )
        caller = Participant(
            "sip_x", rtc.ParticipantKind.PARTICIPANT_KIND_SIP, {"sip.phoneNumber": "+16465550177"}
        )
        plain = worker.phone_call_for(caller, settings, room_name="r", sip_api=sip_api)  # type: ignore[arg-type]
        assert plain is not None and plain.transfer is None and apis == []
        assert plain.info.caller_id == "+16465550177"

        # how each call starts: a browser gets the avatar, a phone caller the usual greeting
        async def avatar(_session: object) -> bool:
            return True

        web = worker.call_plan(None, services, avatar=avatar)  # type: ignore[arg-type]
        assert (web.agent, web.greeting, web.avatar) == (None, services.greeting, avatar)
        line = worker.call_plan(plain, services, avatar=avatar)  # type: ignore[arg-type]
        assert line.avatar is None
        assert "John" not in line.greeting  # a caller ID on file names no one
        assert line.agent is not None and line.agent.instructions.endswith(
            "Call context: phone_line=yes; caller_id=+16465550177"
        )

        with_profile = settings.model_copy(update={"clinic_profile": profile})
        phone = worker.phone_call_for(caller, with_profile, room_name="r", sip_api=sip_api)  # type: ignore[arg-type]
        assert phone is not None and phone.transfer is not None and len(apis) == 1
        agent = worker.call_plan(phone, services, avatar=None).agent
        assert agent is not None and "transfer_to_staff" in {t.id for t in agent.tools}
    finally:
        await container.aclose()


async def test_a_browser_participants_keypad_reaches_the_call_like_a_phones() -> None:
    """livekit-client's publishDtmf from a web participant arrives as sip_dtmf_received:
    that participant's keys become one turn, checked as a phone's; anyone else's are not."""
    from dataclasses import dataclass

    from livekit import rtc

    @dataclass
    class Participant:
        identity: str
        kind: int = rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD

    class Session:
        def __init__(self) -> None:
            self.turns: list[str] = []

        def interrupt(self) -> None:
            pass

        def generate_reply(self, *, user_input: str) -> None:
            self.turns.append(user_input)

    room = rtc.EventEmitter[str]()
    session = Session()
    keypad = worker.caller_keypad(None, Participant("web-1"), session)  # type: ignore[arg-type]
    keypad.attach(room)  # type: ignore[arg-type]
    try:
        for identity, keys in (("web-1", "31x05#"), ("someone-else", "9#"), ("web-1", "6#")):
            for key in keys:
                sender = Participant(identity)
                room.emit("sip_dtmf_received", rtc.SipDTMF(code=0, digit=key, participant=sender))  # type: ignore[arg-type]
    finally:
        keypad.close()
    assert session.turns == ["3105#", "6#"]
    assert keypad.refused == 1


# --- the worker's side of TOKEN_MAX_CALLS ------------------------------------------------------


class _Room:
    def __init__(self, name: str) -> None:
        self.name = name


class FakeJobRequest:
    """livekit-agents' ``JobRequest`` as the gate uses it: the room, accept and reject."""

    def __init__(self, room_name: str) -> None:
        self.room = _Room(room_name)
        self.answer: str | None = None
        self.terminate: bool | None = None

    async def accept(self) -> None:
        self.answer = "accepted"

    async def reject(self, *, terminate: bool = True) -> None:
        self.answer, self.terminate = "rejected", terminate


def _gate_settings(sqlite_url: str, **values: object) -> Settings:
    return Settings(database_url=sqlite_url, _env_file=None, **values)  # type: ignore[call-arg]


async def test_the_worker_takes_no_more_jobs_than_token_max_calls_however_the_rooms_were_opened(
    sqlite_url: str,
) -> None:
    """The worker accepted every room it was dispatched to, so a token minted elsewhere,
    tokens from a second token server, or phone calls ran past TOKEN_MAX_CALLS: /token was the
    only place the cap was checked. Now each job request takes a place in the database every
    worker shares, and is refused (for every worker) while TOKEN_MAX_CALLS are taken."""
    from voice_agent.adapters.storage import open_store

    store = await open_store(sqlite_url)
    try:
        settings = _gate_settings(sqlite_url, token_max_calls=2)
        requests = [FakeJobRequest(f"room-{i}") for i in range(3)]
        gate = worker.build_server(settings)._request_fnc
        assert gate is not None
        for request in requests:
            await gate(request)  # type: ignore[arg-type]
        other_worker = worker.CallsGate(settings)
        late = FakeJobRequest("call-_+15550100_x")
        await other_worker(late)  # type: ignore[arg-type]
        # a call ends: its place is given back, and the next room is taken
        await worker.give_back_place(store.call_places, "room-0")
        again = FakeJobRequest("room-3")
        await other_worker(again)  # type: ignore[arg-type]
    finally:
        for opened in (gate, other_worker):
            await opened.aclose()  # type: ignore[union-attr]
        await store.close()
    assert [r.answer for r in requests] == ["accepted", "accepted", "rejected"]
    assert requests[2].terminate is True
    assert late.answer == "rejected"
    assert again.answer == "accepted"


async def test_a_room_whose_token_the_token_server_counted_is_taken_and_held_for_its_call(
    sqlite_url: str,
) -> None:
    """A token /token counted in the database was admitted when it was issued: its room is
    taken even with every other place taken, and counts as a call for CALL_MAX_SECONDS
    (until the call ends) even after its token has expired."""
    from voice_agent.adapters.api.live_calls import SharedCallCap
    from voice_agent.adapters.storage import open_store

    clock = ManualSeconds()
    store = await open_store(sqlite_url)
    try:
        settings = _gate_settings(sqlite_url, token_max_calls=2, call_max_seconds=600)
        cap = SharedCallCap(
            store.call_places, per_client=2, total=2, ttl=60, longest_call=600, clock=clock
        )
        assert await cap.admit("203.0.113.9", "room-a", rooms=None) is None
        gate = worker.CallsGate(settings, clock=clock)
        phone = FakeJobRequest("call-_+15550100_x")
        await gate(phone)  # type: ignore[arg-type]
        tokens = FakeJobRequest("room-a")
        await gate(tokens)  # type: ignore[arg-type]
        stranger = FakeJobRequest("room-minted-elsewhere")
        await gate(stranger)  # type: ignore[arg-type]
        await gate.aclose()
        clock.t += 120  # room-a's token has expired; its call goes on
        refused = await cap.admit("198.51.100.4", "room-b", rooms=None)
        await worker.give_back_place(store.call_places, "room-a")
        await worker.give_back_place(store.call_places, "call-_+15550100_x")
        clock.t += 600  # the call ended long since; LiveKit's list unknown: counted till here
        after = await cap.admit("198.51.100.4", "room-c", rooms=None)
    finally:
        await store.close()
    assert (phone.answer, tokens.answer, stranger.answer) == ("accepted", "accepted", "rejected")
    assert refused is not None and refused.scope == "total"
    assert after is None


async def test_the_worker_answers_calls_while_the_database_is_down(sqlite_url: str) -> None:
    from voice_agent.testing.fakes.store import FakeStore

    store = FakeStore()
    store.unavailable = True

    async def places() -> object:
        return store.call_places

    gate = worker.CallsGate(_gate_settings(sqlite_url, token_max_calls=1), places=places)  # type: ignore[arg-type]
    requests = [FakeJobRequest(f"room-{i}") for i in range(2)]
    for request in requests:
        await gate(request)  # type: ignore[arg-type]
    assert [r.answer for r in requests] == ["accepted", "accepted"]


def test_the_framework_handlers_get_the_filter_once_the_worker_runs() -> None:
    """The worker's records are redacted as they are made, before their extras are attached:
    a phone call's room name (the caller's number in it) reached the framework's JSON log as
    an extra. Once the worker runs, its handlers (which also print what job processes
    forward) get the filter, which scrubs extras."""
    from voice_agent.adapters.logging_filters import RedactingFilter

    server = worker.build_server(Settings(_env_file=None))  # type: ignore[call-arg]
    stream = io.StringIO()
    framework = logging.StreamHandler(stream)
    framework.setFormatter(logging.Formatter("%(message)s %(room)s"))
    logging.getLogger().addHandler(framework)
    try:
        server.emit("worker_started")
        logging.getLogger("livekit.agents").warning(
            "received job request", extra={"room": "call-_+19876543210_x4Yz"}
        )
    finally:
        logging.getLogger().removeHandler(framework)
    assert any(isinstance(f, RedactingFilter) for f in framework.filters)
    assert "9876543210" not in stream.getvalue() and "received job request" in stream.getvalue()


def test_the_console_shows_the_conversation_it_is_for() -> None:
    """`agent console` shows the conversation only as the framework's records' lk.pii.text
    extras: with the handlers' filter the developer typed and saw no answer (the e2e console
    test waited for the greeting in vain)."""
    from voice_agent.adapters.logging_filters import RedactingFilter

    server = worker.build_server(Settings(_env_file=None), console=True)  # type: ignore[call-arg]
    stream = io.StringIO()
    framework = logging.StreamHandler(stream)
    framework.setFormatter(logging.Formatter("%(message)s %(lk.pii.text)s"))
    # its own logger: handlers other tests left filtered rewrite a shared record in place
    console = logging.getLogger("livekit.agents.console-test")
    console.propagate = False
    console.addHandler(framework)
    try:
        server.emit("worker_started")
        console.warning(  # DEBUG in the console; no level to set here
            "conversation_item_added", extra={"lk.pii.text": "How can I help you today?"}
        )
    finally:
        console.removeHandler(framework)
        console.propagate = True
    assert not any(isinstance(f, RedactingFilter) for f in framework.filters)
    assert "How can I help you today?" in stream.getvalue()


def test_the_console_shows_the_conversation_and_our_warnings_only() -> None:
    """`agent console` filled the terminal with the framework's records at DEBUG (plugins
    registered, processes warmed, every item as JSON) and its notice that the console is
    deprecated: the conversation (what the agent says unprompted is shown only as records)
    and this program's warnings and anyone's errors are kept, unless a level was asked for."""
    from livekit.agents.cli import _legacy

    console = _legacy.AgentsConsole.get_instance()
    handler, printed = console._log_handler, console.print
    filters = list(handler.filters)
    seen: list[str] = []
    console.print = lambda child, *, tag="", tag_style=None: seen.append(tag)  # type: ignore[method-assign]
    try:
        worker._quiet_console(asked=False)

        def shown(name: str, level: int, message: str) -> bool:
            record = logging.LogRecord(name, level, __file__, 1, message, None, None)
            return bool(handler.filter(record))

        assert shown("livekit.agents", logging.DEBUG, "conversation_item_added")
        assert shown("voice_agent.entrypoints.worker", logging.WARNING, "job ended")
        assert shown("livekit.agents", logging.ERROR, "job crashed")
        assert not shown("livekit.agents", logging.INFO, "plugin registered")
        assert not shown("livekit.agents", logging.WARNING, "no warmed process available")
        assert not shown("asyncio", logging.DEBUG, "Using selector: EpollSelector")
        assert not shown("voice_agent.adapters.voice.session", logging.INFO, "call starting")
        console.print("console mode is deprecated", tag="Deprecated")
        console.print("Starting console mode", tag="Agents")
        assert seen == ["Agents"]
    finally:
        handler.filters[:] = filters
        console.print = printed  # type: ignore[method-assign]
    worker._quiet_console(asked=True)  # -v, --log-level: everything, as asked
    try:
        record = logging.LogRecord("livekit.agents", logging.DEBUG, __file__, 1, "x", None, None)
        assert handler.filter(record)
    finally:
        handler.filters[:] = filters
        console.print = printed  # type: ignore[method-assign]


async def test_a_job_accepted_but_never_assigned_gives_its_place_back(sqlite_url: str) -> None:
    """LiveKit may give an accepted job to no one (the framework's AssignmentTimeoutError
    after 7.5 s): its place held a call for CALL_MAX_SECONDS that never ran."""
    from voice_agent.adapters.storage import open_store

    class Unassigned(FakeJobRequest):
        async def accept(self) -> None:
            raise TimeoutError("assignment timed out")

    store = await open_store(sqlite_url)
    gate = worker.CallsGate(_gate_settings(sqlite_url, token_max_calls=1))
    try:
        with pytest.raises(TimeoutError):
            await gate(Unassigned("room-lost"))  # type: ignore[arg-type]
        after = FakeJobRequest("room-next")
        await gate(after)  # type: ignore[arg-type]
    finally:
        await gate.aclose()
        await store.close()
    assert after.answer == "accepted"


async def test_tokens_fetched_and_never_used_do_not_keep_phone_calls_out(
    sqlite_url: str,
) -> None:
    """Unused tokens hold /token's places (TOKEN_MAX_CALLS of them, from a handful of
    addresses, for TOKEN_TTL_SECONDS); had the worker counted them, they would have kept
    every phone call out. The worker counts the calls running."""
    from voice_agent.adapters.api.live_calls import SharedCallCap
    from voice_agent.adapters.storage import open_store

    clock = ManualSeconds()
    store = await open_store(sqlite_url)
    gate = worker.CallsGate(_gate_settings(sqlite_url, token_max_calls=2), clock=clock)
    try:
        cap = SharedCallCap(
            store.call_places, per_client=1, total=2, ttl=900, longest_call=900, clock=clock
        )
        for i in range(2):
            assert await cap.admit(f"203.0.113.{i}", f"room-unused-{i}", rooms=None) is None
        assert await cap.admit("203.0.113.9", "room-x", rooms=None) is not None  # /token: full
        phone = FakeJobRequest("call-_+15550100_x")
        await gate(phone)  # type: ignore[arg-type]
    finally:
        await gate.aclose()
        await store.close()
    assert phone.answer == "accepted"


class _Shutdowns:
    """What the entrypoint uses of a JobContext to end a job it does not take."""

    def __init__(self, settings: Settings, room_name: str, *, console: bool = False) -> None:
        room = types.SimpleNamespace(name=room_name)
        self.proc = types.SimpleNamespace(userdata={"settings": settings, "vad": object()})
        self.job = types.SimpleNamespace(id="job-1", room=room)
        self.room = room
        self.reasons: list[str] = []
        self.console = console

    def is_fake_job(self) -> bool:
        return self.console  # the framework's console runs its job as a fake one

    def shutdown(self, reason: str = "") -> None:
        self.reasons.append(reason)

    def add_shutdown_callback(self, callback: object) -> None:
        raise AssertionError("a job for a room whose call has ended was taken as a call")


async def test_a_token_used_again_after_its_call_gets_no_new_call(
    container: Container, settings: Settings
) -> None:
    """A LiveKit token opens its room again after its call, until it expires (15 minutes):
    whoever holds it (the caller's browser, or anyone it leaked to) had the agent dispatched
    into the room anew and a new call, billed, by the same room. Every token names a room of
    its own, so a room whose call has ended gets an empty room and no agent; a room whose
    call is still open (its process died) and a new room are answered."""
    now = container.clock.now()
    conversations = container.store.conversations
    await conversations.save(Conversation(uuid.uuid4(), "room-over", now, ended_at=now))
    await conversations.save(Conversation(uuid.uuid4(), "room-open", now))
    assert await worker.call_ended_in(conversations, "room-over")
    assert not await worker.call_ended_in(conversations, "room-open")
    assert not await worker.call_ended_in(conversations, "room-new")

    ctx = _Shutdowns(settings, "room-over")
    await worker.entrypoint(ctx)  # type: ignore[arg-type]
    assert ctx.reasons == ["the room's call has ended"]


async def test_the_console_talks_again_in_its_room_after_a_call_there(
    container: Container, settings: Settings
) -> None:
    """`agent console` a second time on the same database: its room ("console-room", the
    same at every run) had a call that ended, so the job ended at once and the console sat
    there with no agent. The console's job is the framework's own fake one, never a token's."""
    now = container.clock.now()
    await container.store.conversations.save(
        Conversation(uuid.uuid4(), "console-room", now, ended_at=now)
    )
    ctx = _Shutdowns(settings, "console-room", console=True)
    with pytest.raises(AssertionError, match="taken as a call"):
        await worker.entrypoint(ctx)  # type: ignore[arg-type]
    assert ctx.reasons == []
