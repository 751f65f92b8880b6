"""Where a browser call's packets may go: a loopback server offers and accepts loopback
candidates only and contacts no STUN server; other servers use their interfaces."""

from __future__ import annotations

from collections.abc import Iterator

import aioice.ice
import pytest

from voice_agent.adapters.webrtc.ice import IcePolicy, is_loopback

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
    IcePolicy(addresses=None).install()  # every interface again, as aioice does


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


def test_other_servers_keep_the_offer_as_it_is() -> None:
    assert IcePolicy(addresses=None).filter_offer(OFFER) == OFFER


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.53") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("192.0.2.2") and not is_loopback("x.local")
