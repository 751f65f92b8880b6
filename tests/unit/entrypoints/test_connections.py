"""The server's connections are bounded: a request head must arrive in time, and one client
may hold only so many connections. Real sockets against uvicorn on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn

from voice_agent.adapters.api.middleware import BodySizeLimitMiddleware
from voice_agent.config import Settings
from voice_agent.entrypoints.connections import GuardedH11Protocol, guarded_protocol
from voice_agent.entrypoints.serve import build_app, make_server

REQUEST = b"GET / HTTP/1.1\r\nHost: t\r\n\r\n"


async def _app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    more = scope["method"] == "POST"
    while more:  # the whole body, as the API's routes read theirs
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        more = message.get("more_body", False)
    headers = [(b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})


@contextmanager
def _server(
    *,
    per_client: int,
    head_seconds: float,
    body_seconds: float = 5,
    trusted_proxies: Sequence[str] = (),
    app: Any = _app,
) -> Iterator[int]:
    protocol = guarded_protocol(
        per_client=per_client,
        trusted_proxies=trusted_proxies,
        head_seconds=head_seconds,
        body_seconds=body_seconds,
    )
    config = uvicorn.Config(app, http=protocol, log_level="critical", lifespan="off")
    server = uvicorn.Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        assert server.started
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def _closed_within(conn: socket.socket, seconds: float) -> bool:
    """Whether the server closes ``conn`` (EOF or reset) within ``seconds``."""
    conn.settimeout(seconds)
    try:
        return conn.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def _answered(conn: socket.socket) -> bool:
    """Whether a whole request on ``conn`` gets the whole answer (status line to body)."""
    conn.sendall(REQUEST)
    received = _answer(conn)
    return received.startswith(b"HTTP/1.1 200") and received.endswith(b"ok")


def _answer(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    received = b""
    while not received.endswith(b"\r\n\r\nok"):
        chunk = conn.recv(1024)
        if not chunk:
            break
        received += chunk
    return received


def test_a_connection_that_sends_no_request_is_closed() -> None:
    """A connection sending nothing, or its headers a byte at a time, stayed open for ever:
    1100 of them from one client left the server unable to accept anyone else."""
    with _server(per_client=50, head_seconds=0.5) as port:
        silent = _connect(port)
        assert _closed_within(silent, 3)
        dribbling = _connect(port)
        started = time.monotonic()
        closed = False
        for byte in REQUEST[:-2]:
            try:
                dribbling.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            if _closed_within(dribbling, 0.1):
                closed = True
                break
        assert closed and time.monotonic() - started < 2.5
        silent.close()
        dribbling.close()


POST_HEAD = b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 40\r\n\r\n"


def test_a_body_sent_too_slowly_is_cut_off() -> None:
    """Whole headers, then a body a byte at a time: only the per-client connection cap bounded
    it, each such request holding a connection and its task for as long as the client liked."""
    with _server(per_client=50, head_seconds=5, body_seconds=0.5) as port:
        conn = _connect(port)
        conn.sendall(POST_HEAD)
        started = time.monotonic()
        closed = False
        for _ in range(40):
            try:
                conn.sendall(b"x")
            except OSError:
                closed = True
                break
            if _closed_within(conn, 0.1):
                closed = True
                break
        assert closed and time.monotonic() - started < 2.5
        conn.close()


def test_a_body_in_time_is_answered_and_the_connection_kept() -> None:
    with _server(per_client=50, head_seconds=5, body_seconds=0.5) as port:
        conn = _connect(port)
        for _ in range(2):
            conn.sendall(POST_HEAD)
            time.sleep(0.2)
            conn.sendall(b"x" * 40)
            assert _answer(conn).endswith(b"ok")
            time.sleep(0.6)  # longer than the body's deadline: it ended with the body
        assert _answered(conn)
        conn.close()


def test_a_request_with_both_length_and_chunks_smuggles_nothing() -> None:
    """Content-Length and Transfer-Encoding together: h11 read the chunks and kept the
    connection, so behind a proxy that reads the length, the bytes after the chunks were
    answered as a request of their own (request smuggling). Refused, and the connection
    closed (RFC 9112 6.3)."""
    smuggled = b"GET /admin HTTP/1.1\r\nHost: t\r\n\r\n"
    attack = (
        b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled
    )
    with _server(per_client=50, head_seconds=5, app=BodySizeLimitMiddleware(_app)) as port:
        conn = _connect(port)
        conn.sendall(attack)
        conn.settimeout(5)
        received = b""
        while chunk := conn.recv(4096):
            received += chunk
        assert received.startswith(b"HTTP/1.1 400")
        assert received.count(b"HTTP/1.1") == 1  # the smuggled GET got no answer
        conn.close()


def _whole_reply(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    received = b""
    while chunk := conn.recv(4096):
        received += chunk
    return received


@pytest.mark.parametrize(
    "attack",
    [
        # a bare LF ends the Host line: a proxy that splits on CRLF only sees one header
        # "Host: t\nContent-Length: 0..." and forwards the rest as this request's body
        b"GET / HTTP/1.1\r\nHost: t\nX: y\r\n\r\nGET /admin HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET / HTTP/1.1\nHost: t\n\nGET /admin HTTP/1.1\r\nHost: t\r\n\r\n",
        # obsolete line folding: h11 joined " chunked" to the header above
        b"POST / HTTP/1.1\r\nHost: t\r\nX-A: b\r\n Transfer-Encoding: chunked\r\n"
        b"Content-Length: 4\r\n\r\n0\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: t\r\nX-A: b\r\n\tc\r\n\r\n",
    ],
    ids=["bare-lf-in-header", "bare-lf-everywhere", "fold-space", "fold-tab"],
)
def test_a_head_with_bare_lf_or_a_folded_header_is_refused(attack: bytes) -> None:
    """h11 read a bare LF as a line end and folded a line starting with a space or tab into
    the header above; a proxy in front that reads them otherwise frames the request
    differently, so a client could smuggle one past it. 400, the connection closed, and
    nothing after it answered."""
    with _server(per_client=50, head_seconds=5, app=BodySizeLimitMiddleware(_app)) as port:
        conn = _connect(port)
        conn.sendall(attack)
        received = _whole_reply(conn)
        assert received.startswith(b"HTTP/1.1 400")
        assert received.count(b"HTTP/1.1") == 1
        conn.close()


def test_crlf_heads_and_chunked_bodies_are_still_served() -> None:
    request = (
        b"POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"
    )
    with _server(per_client=50, head_seconds=5, app=BodySizeLimitMiddleware(_app)) as port:
        conn = _connect(port)
        conn.sendall(request + REQUEST)
        conn.settimeout(5)
        received = b""
        while received.count(b"HTTP/1.1 200") < 2:
            chunk = conn.recv(4096)
            assert chunk, received
            received += chunk
        conn.close()


def test_whole_requests_and_kept_alive_connections_are_served() -> None:
    with _server(per_client=50, head_seconds=0.5) as port:
        conn = _connect(port)
        assert _answered(conn)
        time.sleep(0.8)  # idle between requests: the keep-alive timeout's, not the head's
        assert _answered(conn)
        conn.close()


def test_one_client_may_hold_only_so_many_connections() -> None:
    with _server(per_client=2, head_seconds=5) as port:
        first, second = _connect(port), _connect(port)
        third = _connect(port)
        assert _closed_within(third, 1)  # at once, not after the head timeout
        assert _answered(first)
        first.close()
        time.sleep(0.2)
        again = _connect(port)
        assert _answered(again)
        for conn in (second, third, again):
            conn.close()


def test_trusted_proxies_carry_many_clients_and_are_not_capped() -> None:
    with _server(per_client=1, head_seconds=5, trusted_proxies=["127.0.0.0/8"]) as port:
        conns = [_connect(port) for _ in range(3)]
        assert all(_answered(conn) for conn in conns)
        for conn in conns:
            conn.close()


def test_the_server_runs_with_the_bounded_protocol(settings: Settings) -> None:
    configured = settings.model_copy(
        update={"max_connections_per_client": 7, "call_max_concurrent": 0}
    )
    server = make_server(configured, build_app(configured))
    protocol = server.config.http
    assert isinstance(protocol, type) and issubclass(protocol, GuardedH11Protocol)
    assert protocol.per_client == 7
