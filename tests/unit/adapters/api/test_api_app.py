"""The application's own declarations: which request paths carry a caller's data."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from api_support import STAFF_KEY, client_for, login_scope
from fastapi import FastAPI

from voice_agent.adapters.api.app import private_path_templates


def test_every_path_parameter_but_an_id_is_private(app: FastAPI) -> None:
    templates = private_path_templates(app)
    assert "/summary/{room_name}" in templates
    assert "/staff/api/appointments/{code}/cancel" in templates
    assert "/staff/api/appointments/{code}/reschedule" in templates
    assert "/staff/api/calls/{call_id}" not in templates  # a UUID says nothing of anyone
    assert all("{" in t for t in templates)


async def test_a_client_gone_before_its_body_arrived_is_no_error(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """A client that closes mid-body (or is cut off for sending it too slowly) logged an
    "unhandled error" and a second traceback each time: any client could fill the log."""
    messages = iter(
        [
            {"type": "http.request", "body": b"key=sta", "more_body": True},
            {"type": "http.disconnect"},
        ]
    )

    async def receive() -> dict[str, Any]:
        return next(messages)

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = login_scope(content_length=40, client=("127.0.0.1", 40000))
    with caplog.at_level(logging.INFO):
        await app(scope, receive, send)  # raises nothing
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert sent[0]["status"] == 400


async def test_every_post_route_refuses_a_streamed_body_over_the_limit(app: FastAPI) -> None:
    posts = sorted(
        path.replace("{code}", "DEF6789A")
        for path, operations in app.openapi()["paths"].items()
        if "post" in operations
    )
    assert len(posts) >= 7  # /token, /call/offer, login, logout, book, move, cancel

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(20):
            yield b"x" * 1024  # sent chunked: no Content-Length to refuse up front

    async with client_for(app) as client:
        for path in posts:
            response = await client.post(path, content=chunks(), headers={"X-Staff-Key": STAFF_KEY})
            # logout and a device link read no body: the one ends the session named by the
            # cookie and redirects, the other makes a link for the staff who asked
            expected = {"/staff/logout": 303, "/staff/api/device-link": 200}.get(path, 413)
            assert response.status_code == expected, path


@pytest.mark.parametrize(("calls", "level"), [(3, logging.INFO), (0, logging.WARNING)])
async def test_livekit_not_configured_is_a_warning_only_for_a_server_without_browser_calls(
    app_factory: Callable[..., FastAPI], caplog: pytest.LogCaptureFixture, calls: int, level: int
) -> None:
    """`voice-agent serve` on the README's "try it yourself" (browser calls, no LiveKit)
    started with a WARNING that LiveKit was not configured: a server that takes browser
    calls works without it, one that takes none has only /token's calls, which need it."""
    app = app_factory(
        livekit_url=None, livekit_api_key=None, livekit_api_secret=None, call_max_concurrent=calls
    )
    with caplog.at_level(logging.INFO, logger="voice_agent.adapters.api.app"):
        async with app.router.lifespan_context(app):
            pass
    said = [r.levelno for r in caplog.records if "LiveKit credentials" in r.getMessage()]
    assert said == [level]
