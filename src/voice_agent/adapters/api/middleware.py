"""Pure ASGI middleware: allowed Host names, request body size limit, security headers, HEAD."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 16 * 1024


class _BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=413, detail="Request body too large.")


class BodySizeLimitMiddleware:
    """Refuse bodies over ``max_bytes`` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, *, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        names = {name for name, _ in scope.get("headers", [])}
        if b"content-length" in names and b"transfer-encoding" in names:
            # RFC 9112 6.3: a sign of request smuggling (a proxy reading the length where we
            # read the chunks left the rest as a request of its own); refused, and the
            # connection closed, so nothing after it on the connection is read as a request
            await _send_json(send, 400, {"detail": "Content-Length with Transfer-Encoding."})
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    await _send_json(send, 400, {"detail": "Invalid Content-Length header."})
                    return
                if too_big:
                    await _send_json(send, 413, {"detail": "Request body too large."})
                    return

        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if started:
                raise
            await _send_json(send, 413, {"detail": "Request body too large."})


class SecurityHeadersMiddleware:
    """Headers every response carries; ``Cache-Control: no-store`` on every response that does
    not say how it may be cached. Summaries (a caller's name, number and transcript), LiveKit
    and summary tokens and the staff's JSON are private: no browser or proxy cache keeps
    them. Pages and their files say their own (``no-cache``, or public for Swagger's)."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    ]
    NO_STORE = (b"cache-control", b"no-store")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + self.HEADERS
                if not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append(self.NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add_headers)


class HeadAsGetMiddleware:
    """``HEAD`` answered as ``GET`` without the body (RFC 9110 9.3.2): FastAPI's routes take
    only the methods they declare, so ``curl -I /healthz`` and monitors that probe with HEAD
    got 405 from every page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def host_name(header: str) -> str:
    """The name in a Host header, lower-cased, without its port or brackets: "[::1]:8081" ->
    "::1", "Clinic.Example.:443" -> "clinic.example"."""
    value = header.strip().lower()
    if value.startswith("["):
        name = value[1 : value.find("]")] if "]" in value else value
    else:
        name, colon, port = value.rpartition(":")
        if not colon or not port.isdigit() or ":" in name:
            name = value
    return name.rstrip(".")


class AllowedHostsMiddleware:
    """Refuse a request whose Host header names no host in ``allowed`` with 400.

    Starlette's TrustedHostMiddleware cut "[::1]:8081" at its first colon and refused the
    address it was listening on. A request without a Host header (HTTP/1.0) is let through:
    no browser sends one, so it cannot come from a page that rebound a name."""

    def __init__(self, app: ASGIApp, *, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.exact = frozenset(h for h in allowed if not h.startswith("*."))
        self.suffixes = tuple(h[1:] for h in allowed if h.startswith("*."))

    def allows(self, header: str) -> bool:
        name = host_name(header)
        return name in self.exact or (bool(self.suffixes) and name.endswith(self.suffixes))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = [value for name, value in scope.get("headers", []) if name == b"host"]
        if hosts and (len(hosts) > 1 or not self.allows(hosts[0].decode("latin-1"))):
            await _send_json(send, 400, {"detail": "Invalid Host header."})
            return
        await self.app(scope, receive, send)


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
