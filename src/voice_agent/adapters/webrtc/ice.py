"""Which network addresses a browser call may use (ICE candidates).

By default a server listening on loopback (``SERVER_HOST=127.0.0.1``, the default) offers and
accepts loopback candidates only: the browser is on the same machine, and no packet of the
call goes anywhere else. A server listening on another address offers its interfaces' addresses
(or those listed in ``WEBRTC_ADDRESSES``). No STUN or TURN server is contacted unless
``WEBRTC_ICE_SERVERS`` names one.

The browser's candidates are addresses this server then sends packets to (connectivity
checks), so they are a caller's choice of destination: a page could name 169.254.169.254 (a
cloud's metadata service), the server's own loopback or a multicast group. Only the peers
:meth:`IcePolicy.allows_peer` accepts are tried: loopback ones for a loopback server; for
another, any address but loopback, link-local, multicast, unspecified and reserved ones (also
when written inside an IPv6 address), or only the networks in ``WEBRTC_PEER_NETWORKS``. The
check runs on the offer's candidates and again on every address aioice is about to use, so an
``x.local`` name resolved by multicast DNS is held to it too.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import aioice.ice
import aioice.mdns
from aiortc import RTCConfiguration, RTCIceServer

LOOPBACK_ADDRESSES = ("127.0.0.1",)
MAX_PEER_ENDPOINTS = 24
"""Different places (address and port, or a multicast DNS name and port) an offer may have
this server send its connectivity checks to: a browser names a few per network interface
(host, server-reflexive and relay ones), and an offer naming some 250 had the server send
STUN packets, for seconds, to 250 destinations of the caller's choice (attack11)."""

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_lock = threading.Lock()
_original_host_addresses = aioice.ice.get_host_addresses
_original_validate_remote = aioice.ice.validate_remote_candidate
_allowed_hosts: tuple[str, ...] | None = None
_peer_policy: IcePolicy | None = None
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # 0.0.0.0 reaches this host on Linux
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    if _allowed_hosts is None:
        return _original_host_addresses(use_ipv4, use_ipv6)
    return [
        a
        for a in _allowed_hosts
        if (ipaddress.ip_address(a).version == 4 and use_ipv4)
        or (ipaddress.ip_address(a).version == 6 and use_ipv6)
    ]


def _validate_remote(candidate: aioice.Candidate, host: str) -> str:
    address = _original_validate_remote(candidate, host)
    policy = _peer_policy
    if policy is not None and not policy.allows_peer(address):
        raise ValueError("the address is not one this server sends to")
    return address


def _embedded(address: Address) -> list[Address]:
    """``address`` and any IPv4 address written inside it (mapped, NAT64, 6to4), which a
    network on the way may turn back into that IPv4 address."""
    found: list[Address] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            found.append(address.ipv4_mapped)
        if address.sixtofour is not None:
            found.append(address.sixtofour)
        if address in _NAT64:
            found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


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
    peer_networks: tuple[Network, ...] = ()
    """The networks a browser's candidates must be in (empty: see :meth:`allows_peer`)."""

    @classmethod
    def for_server(
        cls,
        server_host: str,
        *,
        addresses: Sequence[str] = (),
        ice_servers: Sequence[str] = (),
        peer_networks: Sequence[str] = (),
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
        return cls(
            addresses=chosen,
            ice_servers=tuple(ice_servers),
            peer_networks=tuple(ipaddress.ip_network(n, strict=False) for n in peer_networks),
        )

    def allows_peer(self, host: str) -> bool:
        """Whether this server may send a browser call's packets to ``host`` (an IP address;
        a name is never allowed: only aioice's multicast DNS lookup resolves one, and its
        answer comes back here)."""
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        addresses = _embedded(address)
        if self.peer_networks:
            return any(
                a in n for a in addresses for n in self.peer_networks if a.version == n.version
            )
        if self.loopback_only:
            return address.is_loopback
        return not any(
            a.is_loopback
            or a.is_link_local
            or a.is_multicast
            or a.is_unspecified
            or a.is_reserved
            or (isinstance(a, ipaddress.IPv4Address) and a in _THIS_NETWORK)
            for a in addresses
        )

    @property
    def loopback_only(self) -> bool:
        return self.addresses is not None and all(is_loopback(a) for a in self.addresses)

    def install(self) -> None:
        """Make aiortc gather host candidates on ``addresses`` only, and use only the remote
        candidates :meth:`allows_peer` accepts (process-wide: aioice reads its host addresses
        and checks each remote address with module functions; loopback is left out there)."""
        global _allowed_hosts, _peer_policy
        with _lock:
            _allowed_hosts = self.addresses
            _peer_policy = self
            aioice.ice.get_host_addresses = _host_addresses
            aioice.ice.validate_remote_candidate = _validate_remote

    def configuration(self) -> RTCConfiguration:
        # aiortc falls back to a public STUN server when iceServers is None: say "none".
        return RTCConfiguration(iceServers=[RTCIceServer(urls=u) for u in self.ice_servers])

    def filter_offer(self, sdp: str) -> str:
        """The offer with the candidates this server will not try taken out: those whose
        address :meth:`allows_peer` refuses, and names other than multicast DNS ones
        (``x.local``; on loopback those too: they would need a multicast lookup; elsewhere
        aioice resolves them, and checks the answer), and those past the first
        :data:`MAX_PEER_ENDPOINTS` different places to send to."""
        kept = []
        endpoints: set[tuple[str, str]] = set()
        for line in sdp.splitlines():
            if line.startswith("a=candidate:"):
                parts = line.split()
                if len(parts) < 6:
                    continue
                host = parts[4]
                if _is_address(host):
                    if not self.allows_peer(host):
                        continue
                elif self.loopback_only or not aioice.mdns.is_mdns_hostname(host):
                    continue
                endpoint = (host.lower(), parts[5])
                if endpoint not in endpoints and len(endpoints) >= MAX_PEER_ENDPOINTS:
                    continue
                endpoints.add(endpoint)
            kept.append(line)
        return "\r\n".join(kept) + "\r\n"


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
