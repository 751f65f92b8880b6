"""Which network addresses a browser call may use (ICE candidates).

By default a server listening on loopback (``SERVER_HOST=127.0.0.1``, the default) offers and
accepts loopback candidates only: the browser is on the same machine, and no packet of the
call goes anywhere else. A server listening on another address offers its interfaces' addresses
(or those listed in ``WEBRTC_ADDRESSES``). No STUN or TURN server is contacted unless
``WEBRTC_ICE_SERVERS`` names one.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import aioice.ice
from aiortc import RTCConfiguration, RTCIceServer

LOOPBACK_ADDRESSES = ("127.0.0.1",)

_lock = threading.Lock()
_original_host_addresses = aioice.ice.get_host_addresses
_allowed_hosts: tuple[str, ...] | None = None


def _host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    if _allowed_hosts is None:
        return _original_host_addresses(use_ipv4, use_ipv6)
    return [
        a
        for a in _allowed_hosts
        if (ipaddress.ip_address(a).version == 4 and use_ipv4)
        or (ipaddress.ip_address(a).version == 6 and use_ipv6)
    ]


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@dataclass(frozen=True)
class IcePolicy:
    """Local addresses to gather candidates on (None: every interface), the ICE servers to
    use (none by default), and whether the call stays on loopback."""

    addresses: tuple[str, ...] | None = LOOPBACK_ADDRESSES
    ice_servers: tuple[str, ...] = ()

    @classmethod
    def for_server(
        cls, server_host: str, *, addresses: Sequence[str] = (), ice_servers: Sequence[str] = ()
    ) -> IcePolicy:
        """Loopback only for a loopback server; else ``addresses`` (empty: every interface)."""
        for address in addresses:
            ipaddress.ip_address(address)  # ValueError for anything that is not an address
        if addresses:
            chosen: tuple[str, ...] | None = tuple(addresses)
        elif is_loopback(server_host):
            chosen = LOOPBACK_ADDRESSES
        else:
            chosen = None
        return cls(addresses=chosen, ice_servers=tuple(ice_servers))

    @property
    def loopback_only(self) -> bool:
        return self.addresses is not None and all(is_loopback(a) for a in self.addresses)

    def install(self) -> None:
        """Make aiortc gather host candidates on ``addresses`` only (process-wide: aioice
        reads its host addresses from a module function, and loopback is left out there)."""
        global _allowed_hosts
        with _lock:
            _allowed_hosts = self.addresses
            aioice.ice.get_host_addresses = _host_addresses

    def configuration(self) -> RTCConfiguration:
        # aiortc falls back to a public STUN server when iceServers is None: say "none".
        return RTCConfiguration(iceServers=[RTCIceServer(urls=u) for u in self.ice_servers])

    def filter_offer(self, sdp: str) -> str:
        """The offer with the candidates this server will not try taken out: on loopback,
        every candidate that is not a loopback address (names such as ``x.local`` included,
        which would need a multicast lookup)."""
        if not self.loopback_only:
            return sdp
        kept = []
        for line in sdp.splitlines():
            if line.startswith("a=candidate:"):
                parts = line.split()
                if len(parts) < 5 or not is_loopback(parts[4]):
                    continue
            kept.append(line)
        return "\r\n".join(kept) + "\r\n"
