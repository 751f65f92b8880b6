"""`voice-agent serve` as real processes on loopback: proxy headers (finding 3), limits shared
by several processes, and no caller's data in the server's most verbose log (finding 6, the
server's part)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from voice_agent.adapters.storage import open_store
from voice_agent.domain.models import Conversation, User

STAFF_KEY = "staff-key-for-tests-0123456789"
VOICE_AGENT = Path(sys.executable).with_name("voice-agent")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(
    tmp_path: Path, database_url: str, *args: str, **env: str
) -> Iterator[tuple[str, list[str]]]:
    """A `voice-agent serve` process; yields its base URL and, after the block, its output."""
    port = _free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.endswith(("_API_KEY", "_SECRET")) and key != "DATABASE_URL"
    }
    environment.update(
        DATABASE_URL=database_url,
        DATA_DIR=str(tmp_path / "var"),
        LIVEKIT_API_KEY="APItestkey",
        LIVEKIT_API_SECRET="test-livekit-secret-0123456789abcdef0123456789",
        STAFF_API_KEY=STAFF_KEY,
        SERVER_PORT=str(port),
        PYTHONUNBUFFERED="1",
        **env,
    )
    log = tmp_path / f"serve-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(VOICE_AGENT), *args, "serve"],
            env=environment,
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    lines: list[str] = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base, lines
    finally:
        process.terminate()
        process.wait(timeout=30)
        lines.extend(log.read_text().splitlines())


def _guess(base: str, n: int, forwarded_for: str | None = None) -> int:
    headers = {"X-Staff-Key": f"guess-{n:04d}"}
    if forwarded_for is not None:
        headers["X-Forwarded-For"] = forwarded_for
    return httpx.get(base + "/staff/api/schedule", headers=headers, timeout=10).status_code


def _fresh_minute(*, needed: float = 30.0) -> None:
    """Wait for the next minute when fewer than ``needed`` seconds of this one are left (on
    a loaded machine 43 requests took long enough to straddle two windows)."""
    left = 60.0 - time.time() % 60.0
    if left < needed:
        time.sleep(left + 0.05)


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(
    tmp_path: Path, sqlite_url: str
) -> None:
    """Finding 3: from any loopback peer, a new X-Forwarded-For value was a new client (and
    was what the log recorded): unlimited guesses."""
    with serving(tmp_path, sqlite_url) as (base, log):
        _fresh_minute()
        codes = [_guess(base, i, forwarded_for=f"198.51.100.{i}") for i in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429
    access = [line for line in log if "/staff/api/schedule" in line]
    assert access and all("127.0.0.1" in line and "198.51.100." not in line for line in access)

    with serving(tmp_path, sqlite_url, TRUSTED_PROXIES="127.0.0.1") as (base, log):
        _fresh_minute()
        codes = [_guess(base, i, forwarded_for=f"198.51.100.{i}") for i in range(11)]
        # behind the proxy the real client is throttled as itself
        same = [_guess(base, i, forwarded_for="203.0.113.5") for i in range(11)]
    assert codes == [401] * 11
    assert same[:10] == [401] * 10 and same[10] == 429
    assert any("198.51.100.3:" in line for line in log if "/staff/api/schedule" in line)


def test_processes_sharing_the_database_enforce_limits_together(
    tmp_path: Path, sqlite_url: str
) -> None:
    """Per process by default: two processes give twice the guesses. With
    LIMITS_STORE=database they count together."""
    with serving(tmp_path, sqlite_url) as (a, _), serving(tmp_path, sqlite_url) as (b, _):
        alone = [_guess((a, b)[i % 2], i) for i in range(20)]
    assert alone == [401] * 20
    # the calls-at-once cap counts each process's own tokens: out of the way here
    shared = {
        "LIMITS_STORE": "database",
        "TOKEN_MAX_CALLS_PER_CLIENT": "100",
        "TOKEN_MAX_CALLS": "100",
    }
    with (
        serving(tmp_path, sqlite_url, **shared) as (a, _),
        serving(tmp_path, sqlite_url, **shared) as (b, _),
    ):
        for _ in range(3):  # the limits count in fixed minutes: all of these in one of them
            _fresh_minute()
            minute = time.time() // 60
            together = [_guess((a, b)[i % 2], i) for i in range(12)]
            tokens = [
                httpx.post(
                    (a, b)[i % 2] + "/token", json={"participant_name": "ann"}, timeout=10
                ).status_code
                for i in range(31)
            ]
            if time.time() // 60 == minute:
                break  # else a machine busy enough to straddle two minutes: again, in the next
    assert together[:10] == [401] * 10 and set(together[10:]) == {429}
    assert tokens[:30] == [200] * 30 and tokens[30] == 429


PHONE = "+19876543210"
SECRETS = ("9876543210", "987-654-3210", "Zebulon", "Quackenbush", "marmalade", "Tuesday-ish")


async def _seed(database_url: str) -> None:
    store = await open_store(database_url)
    try:
        user = await store.users.add(
            User(
                id=uuid.uuid4(),
                phone=PHONE,
                name="Zebulon Quackenbush",
                created_at=datetime.now(UTC),
            )
        )
        await store.conversations.save(
            Conversation(
                id=uuid.uuid4(),
                room_name="room-pii",
                started_at=datetime.now(UTC),
                user_id=user.id,
                summary="Zebulon Quackenbush asked about marmalade.",
                transcript=[{"role": "user", "text": "This is Zebulon, 987-654-3210, Tuesday-ish"}],
            )
        )
    finally:
        await store.close()


def test_the_most_verbose_server_log_holds_no_callers_data(tmp_path: Path, sqlite_url: str) -> None:
    asyncio.run(_seed(sqlite_url))
    staff = {"X-Staff-Key": STAFF_KEY}
    with (
        serving(tmp_path, sqlite_url, "-vv", LOG_LEVEL="DEBUG") as (base, log),
        httpx.Client(base_url=base, timeout=10) as client,
    ):
        assert client.get("/staff/api/conversations", headers=staff).status_code == 200
        assert client.get("/summary/room-pii", headers=staff).status_code == 200
        assert client.get("/staff/api/schedule", headers=staff).status_code == 200
        client.post("/staff/login", data={"key": "Zebulon-9876543210"})
        client.get(f"/summary/room-pii?phone={PHONE}&name=Zebulon")
        client.post("/token", json={"participant_name": "Zebulon Quackenbush"})
    text = "\n".join(log)
    # it was verbose: the database driver logged every statement, uvicorn every request (its
    # access line with the room name, which a caller may choose, masked)
    assert "DEBUG aiosqlite" in text and "GET /summary/[redacted]" in text
    leaks = [s for s in (*SECRETS, PHONE, "room-pii") if s in text]
    assert leaks == [], [line for line in log if any(s in line for s in leaks)][:5]


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("1234", "too weak"),
        ("your_staff_key", "placeholder"),
        ("aaaaaaaaaaaaaaaaaaaa", "too weak"),
    ],
)
def test_production_refuses_a_weak_staff_key_at_start(
    tmp_path: Path, sqlite_url: str, key: str, why: str
) -> None:
    """Finding 2: with ENVIRONMENT=production a 4-digit staff key was accepted."""
    environment = dict(
        os.environ,
        DATABASE_URL=sqlite_url,
        ENVIRONMENT="production",
        STAFF_API_KEY=key,
        SERVER_PORT=str(_free_port()),
    )
    result = subprocess.run(
        [str(VOICE_AGENT), "serve"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 4
    assert "STAFF_API_KEY" in result.stderr and why in result.stderr
    assert "token_urlsafe" in result.stderr
