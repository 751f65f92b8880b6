"""``voice-agent serve``'s application: its lifespan bootstraps the store and closes it; its
browser-call lines open the same engines as a LiveKit call (offline, or the cloud with keys)."""

from __future__ import annotations

import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from voice_agent.adapters.offline.recognition_worker import shared_pool, shutdown_pool
from voice_agent.adapters.storage import SqlStore
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock
from voice_agent.entrypoints import logs
from voice_agent.entrypoints.lifecycle import application
from voice_agent.entrypoints.serve import (
    ServerCannotListen,
    ServerMisconfigured,
    ServerStartFailed,
    build_app,
    make_server,
    open_browser_calls,
    serve,
    stopping,
    where_to_go,
)


@contextmanager
def listening(server: Any) -> Iterator[str]:
    """``server`` (a uvicorn server) run in a thread on a free local port until the block
    ends; yields its base URL once it has started."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(400):
            if server.started or not thread.is_alive():
                break
            time.sleep(0.05)
        assert server.started
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


async def test_the_lifespan_bootstraps_and_closes_the_application(settings: Settings) -> None:
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        services = app.state.api.services
        assert services is not None and isinstance(services.store, SqlStore)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            assert (await client.get("/healthz")).json()["database"] == "ok"
    assert app.state.api.services is None


CLOUD_KEYS = {
    "deepgram_api_key": "dg-test",
    "cartesia_api_key": "ca-test",
    "openai_api_key": "sk-test",
}


@pytest.mark.parametrize(
    ("keys", "mode"), [({}, "offline"), (CLOUD_KEYS, "cloud+offline")], ids=["no-keys", "keys"]
)
async def test_browser_calls_use_the_offline_engines_or_the_cloud_when_keys_are_set(
    tmp_path: Path, keys: dict[str, str], mode: str
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite:///{tmp_path / 's.db'}",
        data_dir=tmp_path / "var",
        call_max_concurrent=2,
        **keys,
    )
    async with application(settings) as container:
        lines = await open_browser_calls(settings, container)
        assert lines is not None and lines.capacity == 2
        try:
            # what each browser call opens: the engines a LiveKit call would get
            async with lines._open_providers() as providers:
                assert providers.modes == {"llm": mode, "stt": mode, "tts": mode}
                assert providers.vad is not None
        finally:
            await lines.aclose()


async def test_browser_calls_start_the_offline_recogniser_before_the_first_call(
    settings: Settings,
) -> None:
    shutdown_pool()
    on = settings.model_copy(update={"call_max_concurrent": 2, "offline_second_opinion": "none"})
    async with application(on) as container:
        lines = await open_browser_calls(on, container)
        assert lines is not None
        try:
            assert shared_pool().pids  # its worker runs (and builds its decoders) already
        finally:
            await lines.aclose()
            shutdown_pool()


async def test_no_lines_when_browser_calls_are_turned_off(settings: Settings) -> None:
    off = settings.model_copy(update={"call_max_concurrent": 0})
    async with application(off) as container:
        assert await open_browser_calls(off, container) is None


def test_a_provider_named_without_its_key_stops_the_server_at_start(
    settings: Settings,
) -> None:
    """The worker refuses TTS_PROVIDER=cartesia without CARTESIA_API_KEY at start; serve
    started, and every browser call then failed ("could not start its speech engines")."""
    named = settings.model_copy(update={"tts_provider": "cartesia", "cartesia_api_key": None})
    with pytest.raises(ServerMisconfigured, match="CARTESIA_API_KEY is not set"):
        serve(named)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:  # no browser calls: no engines needed, so it goes on to listen
        off = named.model_copy(
            update={
                "call_max_concurrent": 0,
                "server_host": "127.0.0.1",
                "server_port": taken.getsockname()[1],
            }
        )
        with pytest.raises(ServerCannotListen):
            serve(off)
    finally:
        taken.close()


def test_the_pages_to_open_are_named_once_the_server_listens(settings: Settings) -> None:
    """uvicorn names only its address: a new user had to find /call and /staff in the
    README, and whether the staff page was on at all."""
    staffed = settings.model_copy(
        update={
            "server_host": "0.0.0.0",
            "server_port": 8090,
            "staff_api_key": "k" * 20,
            "livekit_api_key": "APIkey",
            "livekit_api_secret": "s" * 32,
        }
    )
    assert where_to_go(staffed) == [
        "Call the receptionist: http://127.0.0.1:8090/call",
        "Staff console: http://127.0.0.1:8090/staff (sign in with STAFF_API_KEY)",
        "API documentation: http://127.0.0.1:8090/docs",
    ]
    plain = settings.model_copy(
        update={"server_host": "::1", "call_max_concurrent": 0, "staff_api_key": None}
    )
    lines = where_to_go(plain)
    assert lines[0] == "Browser calls are off (CALL_MAX_CONCURRENT=0)."
    assert lines[1] == "Staff console: off; set STAFF_API_KEY to open /staff"
    assert lines[2] == (
        "LiveKit calls (POST /token): off; set LIVEKIT_URL, LIVEKIT_API_KEY and "
        "LIVEKIT_API_SECRET for them"
    )
    assert lines[3].startswith("API documentation: http://[::1]:")


def test_a_server_without_livekit_says_what_is_off_and_that_browser_calls_need_none(
    settings: Settings,
) -> None:
    """A new user trying the receptionist in a browser (README: no keys, no LiveKit server)
    was greeted by a WARNING that LiveKit is not configured, and the list of pages to open
    did not say what that turned off."""
    lines = where_to_go(settings)
    assert lines[0].startswith("Call the receptionist: ")
    assert (
        "LiveKit calls (POST /token): off; set LIVEKIT_URL, LIVEKIT_API_KEY and "
        "LIVEKIT_API_SECRET for them (browser calls at /call need none)"
    ) in lines


def test_the_pages_are_named_once_listening(
    settings: Settings, capfd: pytest.CaptureFixture[str]
) -> None:
    quiet = settings.model_copy(update={"call_max_concurrent": 0})
    server = make_server(quiet, build_app(quiet), announce=["Open /call"])
    with listening(server):
        assert "Open /call" in capfd.readouterr().err
    # and says it is stopping, and what it waits for (it was silent for 15-28 s under load)
    assert "Stopping: closing the database and the speech recogniser" in capfd.readouterr().err


def test_uvicorns_lines_are_written_as_this_programs_are(
    settings: Settings, capfd: pytest.CaptureFixture[str]
) -> None:
    """`voice-agent serve` printed "INFO:     Started server process [4802]" and
    "INFO:     127.0.0.1:45948 - "GET /call HTTP/1.1" 200 OK" beside its own
    "2026-12-03 07:56:40,949 WARNING voice_agent...: ...": two formats, one with no time."""
    quiet = settings.model_copy(update={"call_max_concurrent": 0})
    server = make_server(quiet, build_app(quiet))
    with listening(server) as base:
        assert httpx.get(f"{base}/healthz", timeout=30).status_code == 200
    printed = capfd.readouterr()
    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}"
    assert re.search(rf"^{stamp} INFO uvicorn.error: Started server process", printed.err, re.M)
    access = rf'^{stamp} INFO uvicorn.access: 127.0.0.1:\d+ - "GET /healthz HTTP/1.1" 200'
    assert re.search(access, printed.out, re.M), printed.out
    assert "INFO:  " not in printed.out + printed.err


def test_stopping_says_what_the_server_waits_for() -> None:
    assert stopping(0).startswith("Stopping: closing the database and the speech recogniser")
    assert "longer on a busy machine" in stopping(0)
    assert stopping(1).startswith("Stopping: hanging up 1 browser call (each is saved first)")
    assert stopping(3).startswith("Stopping: hanging up 3 browser calls")


def test_a_port_already_taken_is_a_message_not_uvicorns_exit(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """uvicorn logged the bind error and called sys.exit(3): no line of ours, and the exit
    code this command uses for a database that cannot be opened."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        busy = settings.model_copy(
            update={"server_host": "127.0.0.1", "server_port": port, "call_max_concurrent": 0}
        )
        with pytest.raises(ServerCannotListen, match=rf"cannot listen on 127\.0\.0\.1:{port}"):
            serve(busy)
        assert "API documentation" not in capsys.readouterr().err  # never listened
    finally:
        taken.close()


def test_a_port_out_of_range_is_refused_with_the_setting_named() -> None:
    with pytest.raises(ValidationError, match="server_port"):
        Settings(server_port=99999, _env_file=None)  # type: ignore[call-arg]


def test_a_database_that_cannot_be_opened_stops_the_server_with_its_name(
    settings: Settings, tmp_path: Path
) -> None:
    """uvicorn exits the process when the application's start-up fails: the reason came only
    as a log line, and the command had no message of its own."""
    (tmp_path / "blocked").write_text("a file where the database's folder should be")
    broken = settings.model_copy(
        update={
            "database_url": f"sqlite:///{tmp_path}/blocked/clinic.db",
            "server_host": "127.0.0.1",
            "server_port": 1,  # never reached: the database fails first
            "call_max_concurrent": 0,
        }
    )
    with pytest.raises(ServerStartFailed) as stopped:
        serve(broken)
    assert not isinstance(stopped.value, ServerCannotListen)
    assert str(stopped.value).startswith(f"cannot start: the database folder {tmp_path}/blocked")


PHONE = "(310) 555-2689"
NAME = "Ada Lovelace"
ROOM = "ada-lovelace-call"


def test_no_request_puts_a_callers_data_in_any_log(
    settings: Settings, clock: FixedClock, capfd: pytest.CaptureFixture[str]
) -> None:
    """Real requests to the server as ``voice-agent -vv serve`` runs it: uvicorn's access
    lines printed each path, and the staff console's paths carry confirmation codes
    (``/staff/api/appointments/{code}/cancel``), the summary's a room name a caller may
    choose; a phone number in a mistyped path came percent-encoded past the scrubber."""
    staffed = settings.model_copy(
        update={
            "staff_api_key": "staff-key-for-tests-0123456789",
            "summary_secret": "summary-secret-for-tests-0123456789",
            "call_max_concurrent": 0,
            "log_level": "DEBUG",
        }
    )
    staff = {"X-Staff-Key": "staff-key-for-tests-0123456789"}
    library_logs = io.StringIO()
    logs.configure(2, stream=library_logs)  # -vv: every library's records, every level
    app = build_app(staffed, clock=clock)
    server = make_server(staffed, app)
    with listening(server) as base, httpx.Client(base_url=base, headers=staff, timeout=30) as http:
        booked = http.post(
            "/staff/api/appointments",
            json={
                "staff_name": "Dana",
                "phone": PHONE,
                "name": NAME,
                "date": "2026-11-26",
                "time": "14:00",
            },
        )
        assert booked.status_code == 201, booked.text
        code = booked.json()["code"]
        requests = [
            ("GET", f"/staff/api/caller?q={PHONE}"),
            ("GET", f"/staff/api/caller?q={code}"),
            ("GET", "/staff/api/calls?phone=3105552689"),
            ("GET", f"/staff/api/actions?code={code}"),
            ("POST", f"/staff/api/appointments/{code}/reschedule"),
            ("POST", f"/staff/api/appointments/{code.lower()}/cancel"),
            ("GET", f"/staff/api/appointments/{code}"),  # no such route
            ("GET", f"/summary/{ROOM}"),
            ("GET", "/staff/api/caller/%2B13105552689"),  # no such route
            ("GET", "/staff/calendar.ics?token=not-the-token"),
        ]
        for method, path in requests:
            body = {"staff_name": "Dana", "date": "2026-11-27", "time": "10:00"}
            http.request(method, path, json=body if method == "POST" else None)
    printed = capfd.readouterr()
    text = printed.out + printed.err + library_logs.getvalue()
    for private in (code, code.lower(), "3105552689", "555-2689", NAME, "Lovelace", ROOM):
        assert private not in text
    assert "not-the-token" not in text
    # the access lines were printed, their paths masked
    assert "/staff/api/appointments/[redacted]/cancel" in text
    assert "/summary/[redacted]" in text
