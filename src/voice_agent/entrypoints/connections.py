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

from uvicorn.protocols.http.h11_impl import H11Protocol

from voice_agent.adapters.api.security import client_key

REQUEST_HEAD_SECONDS = 10.0
REQUEST_BODY_SECONDS = 15.0

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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
