"""The Host header: which names the server answers to, and no address built from a forged one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from api_support import STAFF_KEY, client_for
from fastapi import FastAPI
from pydantic import ValidationError

from voice_agent.adapters.api.middleware import host_name
from voice_agent.config import Settings

STAFF = {"X-Staff-Key": STAFF_KEY}
FORGED = {"Host": "evil.example"}


async def test_a_slash_redirect_is_relative_whatever_the_host_header(
    app_factory: Callable[..., FastAPI],
) -> None:
    # a server on every interface with no ALLOWED_HOSTS answers any Host
    async with client_for(app_factory(server_host="0.0.0.0", allowed_hosts=[])) as client:
        moved = await client.get("/staff/?tab=calls", headers=FORGED)
        assert moved.status_code == 307
        assert moved.headers["location"] == "/staff?tab=calls"
        assert (await client.get("/call/", headers=FORGED)).headers["location"] == "/call"
        assert (await client.get("/nowhere/", headers=FORGED)).status_code == 404


async def test_a_path_starting_with_two_slashes_is_not_redirected(app: FastAPI) -> None:
    # "//evil.example/" must not become "Location: //evil.example", an address elsewhere
    start = await _raw_get(app, "//evil.example/", [(b"host", b"testserver")])
    assert start["status"] == 404


async def test_the_calendar_address_is_never_built_from_a_forged_host(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory(server_host="0.0.0.0", allowed_hosts=[])) as client:
        answer = await client.get("/staff/api/calendar", headers=STAFF | FORGED)
        url = answer.json()["url"]
        assert "evil" not in url
        assert url.startswith("/staff/calendar.ics?token=")  # the page makes it whole
        assert (await client.get(url)).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1:8081", "localhost:8081", "[::1]:8081", "LOCALHOST"])
async def test_a_loopback_server_answers_to_its_loopback_names(
    app_factory: Callable[..., FastAPI], host: str
) -> None:
    async with client_for(app_factory(server_host="127.0.0.1", allowed_hosts=[])) as client:
        assert (await client.get("/healthz", headers={"Host": host})).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8081", "127.0.0.1.evil.example"])
async def test_a_loopback_server_refuses_a_rebound_name(
    app_factory: Callable[..., FastAPI], host: str
) -> None:
    # a page at evil.example whose name now resolves to 127.0.0.1 (DNS rebinding) is refused
    async with client_for(app_factory(server_host="127.0.0.1", allowed_hosts=[])) as client:
        refused = await client.get("/healthz", headers={"Host": host})
        assert refused.status_code == 400
        assert refused.json() == {"detail": "Invalid Host header."}
        staff = await client.post("/staff/login", data={"key": STAFF_KEY}, headers={"Host": host})
        assert staff.status_code == 400


async def test_allowed_hosts_lists_the_names_and_the_address_uses_the_checked_one(
    app_factory: Callable[..., FastAPI],
) -> None:
    app = app_factory(server_host="0.0.0.0", allowed_hosts=["clinic.example", "*.clinic.example"])
    async with client_for(app) as client:
        assert (await client.get("/healthz", headers=FORGED)).status_code == 400
        for host in ("clinic.example", "CLINIC.example.:443", "desk.clinic.example"):
            assert (await client.get("/healthz", headers={"Host": host})).status_code == 200
        assert (await client.get("/", headers={"Host": "evilclinic.example"})).status_code == 400
        checked = {"Host": "desk.clinic.example"}
        url = (await client.get("/staff/api/calendar", headers=STAFF | checked)).json()["url"]
        assert url.startswith("http://desk.clinic.example/staff/calendar.ics?token=")


async def test_a_trusted_proxy_names_the_host_unless_allowed_hosts_says(
    app_factory: Callable[..., FastAPI],
) -> None:
    # nginx on the same machine passing the public name: answered, as before ALLOWED_HOSTS
    app = app_factory(server_host="127.0.0.1", trusted_proxies=["127.0.0.1"], allowed_hosts=[])
    async with client_for(app) as client:
        assert (await client.get("/", headers={"Host": "clinic.example"})).status_code == 200


def test_host_names_are_read_without_port_or_brackets() -> None:
    assert host_name("[::1]:8081") == "::1"
    assert host_name("Clinic.Example.:443") == "clinic.example"
    assert host_name("::1") == "::1"  # an unbracketed IPv6 address is not cut at a colon
    assert host_name("localhost") == "localhost"


@pytest.mark.parametrize("entry", ["http://clinic.example", "clinic.example:8081", "a/b", "é.x"])
def test_allowed_hosts_refuses_what_is_not_a_host_name(entry: str) -> None:
    with pytest.raises(ValidationError, match="is not a host name"):
        Settings(_env_file=None, allowed_hosts=entry)  # type: ignore[call-arg]


def test_allowed_hosts_default_by_where_the_server_listens() -> None:
    def names(**values: object) -> tuple[str, ...] | None:
        return Settings(_env_file=None, **values).allowed_host_names  # type: ignore[arg-type]

    assert names() == ("localhost", "127.0.0.1", "::1")
    assert names(server_host="0.0.0.0") is None
    assert names(trusted_proxies="127.0.0.1") is None
    assert names(allowed_hosts="*") is None
    assert names(server_host="0.0.0.0", allowed_hosts="[::1], Clinic.Example.") == (
        "::1",
        "clinic.example",
    )


async def test_two_host_headers_are_refused(app: FastAPI) -> None:
    start = await _raw_get(app, "/healthz", [(b"host", b"testserver"), (b"host", b"evil.example")])
    assert start["status"] == 400


async def _raw_get(app: FastAPI, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    """The response's start message for a request httpx cannot send (two Host headers, a path
    httpx would read as an address)."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8081),
    }
    await app(scope, receive, send)
    return sent[0]
