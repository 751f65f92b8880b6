from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import httpx
from api_support import client_for

from voice_agent.adapters.api import ApiServices, create_app
from voice_agent.config import Settings
from voice_agent.domain.errors import StorageUnavailable


async def test_root_is_the_seed_health_check(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    body = response.json()
    # the seed's README shows "message", its token_server.py answers "timestamp": both
    stamp = datetime.fromisoformat(body.pop("timestamp"))
    assert body == {"status": "ok", "message": "Voice Agent Token Server is running"}
    assert stamp.utcoffset() == timedelta(0)


async def test_readiness_pings_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


class _DownStore:
    def __init__(self, real: object) -> None:
        self._real = real

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    async def ping(self) -> None:
        raise StorageUnavailable("db down at postgres://user:hunter2@db/x")


async def test_readiness_is_503_with_a_clean_body_when_the_database_is_down(
    settings: Settings, api_services: ApiServices
) -> None:
    broken = dataclasses.replace(api_services, store=_DownStore(api_services.store))  # type: ignore[arg-type]
    async with client_for(create_app(settings, broken)) as client:
        response = await client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}
    assert "hunter2" not in response.text


async def test_openapi_docs_are_served(client: httpx.AsyncClient) -> None:
    assert (await client.get("/docs")).status_code == 200
    schema = (await client.get("/openapi.json")).json()
    assert {"/", "/token", "/summary/{room_name}", "/healthz"} <= set(schema["paths"])


async def test_the_docs_page_runs_only_its_own_scripts(client: httpx.AsyncClient) -> None:
    """/docs had no Content-Security-Policy: its inline script is allowed by its hash, and
    no other inline script nor any script from elsewhere."""
    response = await client.get("/docs")
    policy = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response.headers["content-security-policy"].split(";")
    )
    (inline,) = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert policy["script-src"].split() == ["'self'", f"'sha256-{digest}'"]
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"


async def test_head_is_answered_as_get_without_a_body(client: httpx.AsyncClient) -> None:
    """HEAD got 405 on every page (`curl -I /healthz`, monitors that probe with HEAD)."""
    for path in ("/healthz", "/", "/docs"):
        got = await client.get(path)
        head = await client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-length"] == str(len(got.content))
        assert head.headers["content-type"] == got.headers["content-type"]
    assert (await client.head("/token")).status_code == 405  # POST only, as GET /token


async def test_unknown_paths_are_plain_404s(client: httpx.AsyncClient) -> None:
    response = await client.get("/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


async def test_security_headers_on_every_response(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    # a response that says how it may be cached keeps its own, once
    asset = await client.get("/docs/assets/swagger-ui.css")
    assert asset.headers.get_list("cache-control") == ["public, max-age=86400"]


async def test_the_lifespan_opens_and_closes_the_services_it_is_given_to_open(
    settings: Settings, api_services: ApiServices
) -> None:
    events: list[str] = []

    @asynccontextmanager
    async def open_services() -> AsyncIterator[ApiServices]:
        events.append("opened")
        yield api_services
        events.append("closed")

    app = create_app(settings, open_services)
    async with client_for(app) as client:
        assert (await client.get("/healthz")).status_code == 503  # not started yet
    async with app.router.lifespan_context(app):
        assert events == ["opened"]
        async with client_for(app) as client:
            assert (await client.get("/healthz")).json()["database"] == "ok"
    assert events == ["opened", "closed"]
    assert app.state.api.services is None
