"""uvicorn's HTTP/1.1 protocol with the two bounds a server reachable from a network needs.

uvicorn closes a keep-alive connection left idle after a response, but never one that has
not sent a whole request: a connection that sends nothing, or its headers a byte at a time,
stays open for ever. Measured against ``voice-agent serve`` (open-file limit 1024, as under
systemd): 1100 connections from one client that sent nothing, and ``GET /healthz`` from
anyone else timed out, the server logging "Too many open files" at accept.

- every request's head (request line and headers) must arrive within
  :data:`REQUEST_HEAD_SECONDS` of the connection opening, or of the first byte of the next
  request on a kept-alive connection; otherwise the connection is closed;
- its body, within :data:`REQUEST_BODY_SECONDS` of its head (bodies are at most 16 KiB: the
  app's size limit): a body sent a byte every few seconds held its connection, and the
  request's task, for as long as the client liked;
- a request head (and a chunked body's trailers) must end every line with CRLF and may not
  fold a header onto the next line: h11 took a bare LF as a line end and joined a line
  starting with a space or tab to the header above (obsolete line folding). A proxy in front
  that reads either differently (one that sees a header where h11 sees a continuation, or
  one request where h11 sees two) lets a client smuggle a request past it; RFC 9112 allows
  refusing both, so they get 400 and the connection is closed;
- one client (an IPv4 address or an IPv6 /64, as the rate limits count them) may hold at
  most ``MAX_CONNECTIONS_PER_CLIENT`` connections at once; one more is closed at once.
  TRUSTED_PROXIES are exempt: each of their connections carries many clients.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections import Counter
from collections.abc import Sequence
from typing import Any

import h11
from h11._receivebuffer import ReceiveBuffer, blank_line_regex
from uvicorn.protocols.http.h11_impl import H11Protocol

from voice_agent.adapters.api.security import client_key

REQUEST_HEAD_SECONDS = 10.0
REQUEST_BODY_SECONDS = 15.0

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class StrictLinesBuffer(ReceiveBuffer):
    """h11's receive buffer, refusing what h11 reads leniently in a head or trailers: a line
    ended by a bare LF, and a line starting with a space or tab (obsolete line folding).
    h11 (0.16) finds a head's end with ``\\n\\r?\\n`` and folds continuation lines itself; both
    are checked here on the raw bytes of that one head, before h11 splits it."""

    def maybe_extract_lines(self) -> list[bytearray] | None:
        data = self._data
        if data[:2] != b"\r\n":
            match = blank_line_regex.search(data, self._multiple_lines_search)
            if match is not None:
                head = bytes(data[: match.end()])
                if head.count(b"\n") != head.count(b"\r\n"):
                    raise h11.LocalProtocolError("a line ended by a bare LF")
                if b"\r\n " in head or b"\r\n\t" in head:
                    raise h11.LocalProtocolError("an obsolete folded header line")
        return super().maybe_extract_lines()


class GuardedH11Protocol(H11Protocol):
    """One connection; the class made by :func:`guarded_protocol` holds one server's count."""

    head_seconds: float = REQUEST_HEAD_SECONDS
    body_seconds: float = REQUEST_BODY_SECONDS
    per_client: int = 50
    trust_all: bool = False
    exempt: tuple[Network, ...] = ()
    open_by_client: Counter[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn._receive_buffer = StrictLinesBuffer()
        self._counted: str | None = None
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if self.client is not None and not self._is_exempt(self.client[0]):
            key = client_key(self.client[0])
            self._counted = key
            self.open_by_client[key] += 1
            if self.open_by_client[key] > self.per_client:
                transport.close()
                return
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._disarm_body()
        if self._counted is not None:
            self.open_by_client[self._counted] -= 1
            if self.open_by_client[self._counted] <= 0:
                del self.open_by_client[self._counted]
            self._counted = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete:
            self._arm()  # a head under way: its deadline runs from its first byte
        else:
            self._disarm()  # a whole head arrived: the application has the request
            if self.cycle.more_body:
                self._arm_body()  # its body's deadline runs from the head
            else:
                self._disarm_body()

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _arm_body(self) -> None:
        if self._body_timer is None:
            self._body_timer = self.loop.call_later(self.body_seconds, self._too_slow)

    def _disarm_body(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _too_slow(self) -> None:
        self._disarm()
        self._disarm_body()
        if not self.transport.is_closing():
            self.transport.close()

    def _is_exempt(self, host: str) -> bool:
        if self.trust_all:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.exempt)


def guarded_protocol(
    *,
    per_client: int,
    trusted_proxies: Sequence[str] = (),
    head_seconds: float = REQUEST_HEAD_SECONDS,
    body_seconds: float = REQUEST_BODY_SECONDS,
) -> type[GuardedH11Protocol]:
    """The protocol class for one server (``uvicorn.Config(http=...)``), with its own count
    of each client's open connections."""

    class Protocol(GuardedH11Protocol):
        pass

    Protocol.per_client = per_client
    Protocol.head_seconds = head_seconds
    Protocol.body_seconds = body_seconds
    Protocol.trust_all = "*" in trusted_proxies
    Protocol.exempt = tuple(
        ipaddress.ip_network(entry, strict=False) for entry in trusted_proxies if entry != "*"
    )
    Protocol.open_by_client = Counter()
    return Protocol
