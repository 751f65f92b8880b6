"""Where a browser call's packets may go: a loopback server offers and accepts loopback
candidates only and contacts no STUN server; other servers use their interfaces."""

from __future__ import annotations

from collections.abc import Iterator

import aioice.ice
import pytest
from pydantic import ValidationError

from voice_agent.adapters.webrtc import ice
from voice_agent.adapters.webrtc.ice import IcePolicy, is_loopback
from voice_agent.config import Settings

OFFER = "\r\n".join(
    [
        "v=0",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111",
        "a=candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host generation 0",
        "a=candidate:2 1 udp 2122129151 127.0.0.1 50001 typ host generation 0",
        "a=candidate:3 1 udp 2122197247 3f1c2a5e-6b1d.local 50002 typ host generation 0",
        "a=candidate:4 1 udp 2122197247 ::1 50003 typ host generation 0",
        "a=candidate:5 1 udp 1686052607 198.51.100.7 3478 typ srflx raddr 0.0.0.0 rport 0",
        "a=end-of-candidates",
        "",
    ]
)


@pytest.fixture(autouse=True)
def _restore_aioice() -> Iterator[None]:
    yield
    # aioice as it came: every interface, any remote address (a policy left installed
    # would hold for the rest of the test process)
    aioice.ice.get_host_addresses = ice._original_host_addresses
    aioice.ice.validate_remote_candidate = ice._original_validate_remote


def test_a_loopback_server_stays_on_loopback() -> None:
    policy = IcePolicy.for_server("127.0.0.1")
    assert policy.addresses == ("127.0.0.1",) and policy.loopback_only
    assert IcePolicy.for_server("localhost").loopback_only


def test_other_servers_use_every_interface_or_the_listed_addresses() -> None:
    assert IcePolicy.for_server("0.0.0.0").addresses is None
    listed = IcePolicy.for_server("0.0.0.0", addresses=["203.0.113.5"])
    assert listed.addresses == ("203.0.113.5",) and not listed.loopback_only
    with pytest.raises(ValueError):
        IcePolicy.for_server("0.0.0.0", addresses=["not-an-address"])


def test_no_stun_server_is_contacted_unless_configured() -> None:
    assert IcePolicy().configuration().iceServers == []
    configured = IcePolicy(ice_servers=("stun:stun.example.org:3478",)).configuration()
    assert [s.urls for s in configured.iceServers or []] == ["stun:stun.example.org:3478"]


def test_installing_the_policy_limits_the_addresses_aiortc_gathers_on() -> None:
    IcePolicy().install()
    assert aioice.ice.get_host_addresses(True, True) == ["127.0.0.1"]
    assert aioice.ice.get_host_addresses(False, True) == []
    IcePolicy(addresses=None).install()
    assert "127.0.0.1" not in aioice.ice.get_host_addresses(True, False)


def test_a_loopback_server_drops_every_candidate_it_would_not_try() -> None:
    filtered = IcePolicy().filter_offer(OFFER)
    candidates = [line for line in filtered.splitlines() if line.startswith("a=candidate")]
    assert [c.split()[4] for c in candidates] == ["127.0.0.1", "::1"]
    assert "a=end-of-candidates" in filtered and filtered.startswith("v=0\r\n")


def test_other_servers_keep_the_candidates_they_may_send_to() -> None:
    filtered = IcePolicy(addresses=None).filter_offer(OFFER)
    candidates = [line.split()[4] for line in filtered.splitlines() if "candidate:" in line]
    # loopback is not a caller's address when the server listens elsewhere; names are kept
    # for aioice to resolve (and check again)
    assert candidates == ["192.0.2.2", "3f1c2a5e-6b1d.local", "198.51.100.7"]


INTERNAL = [
    "169.254.169.254",  # a cloud's metadata service
    "127.0.0.1",
    "::1",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.251",  # multicast DNS group
    "255.255.255.255",
    "fe80::1",
    "ff02::1",
    "::ffff:169.254.169.254",  # the same addresses written inside IPv6 ones
    "::ffff:127.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::1",
    "metadata.google.internal",
]


@pytest.mark.parametrize("host", INTERNAL)
def test_a_server_off_loopback_never_sends_to_internal_addresses(host: str) -> None:
    policy = IcePolicy.for_server("0.0.0.0")
    assert not policy.allows_peer(host)
    offer = OFFER.replace("192.0.2.2", host)
    kept = [
        line.split()[4]
        for line in policy.filter_offer(offer).splitlines()
        if line.startswith("a=candidate")
    ]
    assert kept == ["3f1c2a5e-6b1d.local", "198.51.100.7"]


@pytest.mark.parametrize("host", ["192.0.2.2", "10.1.2.3", "192.168.1.20", "2001:db8::7"])
def test_a_server_off_loopback_reaches_callers_on_the_lan_and_beyond(host: str) -> None:
    assert IcePolicy.for_server("0.0.0.0").allows_peer(host)


def test_webrtc_peer_networks_limit_callers_to_the_listed_networks() -> None:
    policy = IcePolicy.for_server("0.0.0.0", peer_networks=["10.0.0.0/8", "2001:db8::/32"])
    assert policy.allows_peer("10.9.8.7") and policy.allows_peer("2001:db8::1")
    assert policy.allows_peer("::ffff:10.9.8.7")
    assert not policy.allows_peer("192.168.1.20") and not policy.allows_peer("169.254.169.254")


def test_a_loopback_server_accepts_loopback_peers_only() -> None:
    policy = IcePolicy.for_server("127.0.0.1")
    assert policy.allows_peer("127.0.0.1") and policy.allows_peer("::1")
    assert not policy.allows_peer("192.168.1.20") and not policy.allows_peer("169.254.169.254")


async def test_aioice_refuses_a_refused_address_whatever_brought_it() -> None:
    # an mDNS name resolves to an address aioice checks with this policy before using it
    IcePolicy.for_server("0.0.0.0").install()
    connection = aioice.Connection(ice_controlling=False)
    for host in ("169.254.169.254", "127.0.0.1", "192.0.2.2"):
        candidate = aioice.Candidate(
            foundation="1",
            component=1,
            transport="udp",
            priority=1,
            host=host,
            port=5000,
            type="host",
        )
        connection._add_remote_candidate(candidate, host)
    assert [c.host for c in connection.remote_candidates] == ["192.0.2.2"]
    await connection.close()


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.53") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("192.0.2.2") and not is_loopback("x.local")


def test_webrtc_peer_networks_setting_takes_networks_only() -> None:
    settings = Settings(_env_file=None, webrtc_peer_networks="10.0.0.0/8, 2001:db8::/32")  # type: ignore[call-arg]
    assert settings.webrtc_peer_networks == ["10.0.0.0/8", "2001:db8::/32"]
    with pytest.raises(ValidationError, match="is not an IP network"):
        Settings(_env_file=None, webrtc_peer_networks="lan")  # type: ignore[call-arg]


def test_an_offer_names_at_most_a_browser_s_share_of_places_to_send_to() -> None:
    """attack11: an offer's candidates are where this server sends its connectivity checks
    (each repeated for seconds), and an offer under the 20,000-character cap named some 250
    of them: every `POST /call/offer` had the server send STUN packets to 250 addresses and
    ports of the caller's choice (a third party's, a scan of a network). A browser names a few
    per network interface; the first MAX_PEER_ENDPOINTS different ones are kept."""
    lines = ["v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 111"]
    lines += [
        f"a=candidate:{i} 1 udp 2122260223 203.0.{i // 200}.{i % 200 + 1} {40000 + i} typ host"
        for i in range(250)
    ]
    filtered = IcePolicy(addresses=None).filter_offer("\r\n".join([*lines, ""]))
    kept = [line for line in filtered.splitlines() if line.startswith("a=candidate:")]
    assert len(kept) == ice.MAX_PEER_ENDPOINTS
    assert kept == lines[2 : 2 + ice.MAX_PEER_ENDPOINTS]


def test_a_browser_s_candidates_in_each_section_count_once() -> None:
    """The same address and port in the audio and the data section (an offer without
    bundling) is one place to send to: nothing a real browser offers is dropped."""
    section = [
        f"a=candidate:{i} 1 udp 2122260223 192.0.2.{i + 1} {50000 + i} typ host"
        for i in range(ice.MAX_PEER_ENDPOINTS)
    ]
    offer = "\r\n".join(
        ["v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 111", *section, "m=application 9 DTLS/SCTP 5000"]
        + [*section, ""]
    )
    filtered = IcePolicy(addresses=None).filter_offer(offer)
    assert filtered.count("a=candidate:") == 2 * ice.MAX_PEER_ENDPOINTS
