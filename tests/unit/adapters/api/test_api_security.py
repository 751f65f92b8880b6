from __future__ import annotations

import datetime as dt
import hmac
import types
import warnings
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from hypothesis import given
from hypothesis import strategies as st
from livekit import api as lk
from livekit.api import access_token as lk_access_token

from voice_agent.adapters.api.calendar_feed import FeedTokens
from voice_agent.adapters.api.schemas import PARTICIPANT_NAME_PATTERN
from voice_agent.adapters.api.security import (
    Limit,
    Limits,
    LiveKitTokens,
    MemoryLimitCounters,
    SignedTokens,
    StaffAuth,
    SummaryTokens,
    client_key,
    client_network,
    new_identity,
    new_room_name,
)
from voice_agent.config import weak_secret_problem
from voice_agent.testing.fakes.timer import ManualSeconds

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
IN_A_MINUTE = 1_000_040.0
"""A wall-clock time 20 s into a minute window."""


def _limits(
    clock: ManualSeconds, *, requests: int = 3, per_client: int = 3, per_credential: int = 5
) -> Limits:
    return Limits(
        MemoryLimitCounters(),
        requests={"token": Limit(requests)},
        failures_per_client=Limit(per_client),
        failures_per_credential=Limit(per_credential),
        clock=clock,
    )


async def test_request_limit_allows_the_limit_then_reports_retry_after() -> None:
    clock = ManualSeconds(IN_A_MINUTE)
    limits = _limits(clock)
    assert [await limits.hit("token", "a") for _ in range(3)] == [None] * 3
    assert await limits.hit("token", "a") == pytest.approx(40)  # the window ends at +60
    assert await limits.hit("token", "b") is None  # per client
    clock.t += 40  # the next window
    assert await limits.hit("token", "a") is None


async def test_failed_credentials_block_the_client_and_the_credential() -> None:
    clock = ManualSeconds(IN_A_MINUTE)
    limits = _limits(clock, per_client=3, per_credential=5)
    assert await limits.blocked("10.0.0.1", "staff-key") is None
    for _ in range(3):
        await limits.failed("10.0.0.1", "staff-key")
    # this client may not try anything now, whatever credential
    assert await limits.blocked("10.0.0.1", "room:r1") == pytest.approx(40)
    # another client may still try the staff key, until the key itself has had 5 failures
    assert await limits.blocked("10.0.0.2", "staff-key") is None
    await limits.failed("10.0.0.2", "staff-key")
    await limits.failed("10.0.0.3", "staff-key")
    assert await limits.blocked("10.0.0.4", "staff-key") == pytest.approx(40)
    assert await limits.blocked("10.0.0.4", "room:r1") is None
    clock.t += 40
    assert await limits.blocked("10.0.0.1", "staff-key") is None


async def test_an_attacker_gets_the_key_budget_plus_eight_guesses_an_hour_per_fresh_network() -> (
    None
):
    """The guessing rate against the staff key (``standing``: a network that has not failed
    this hour is held to its own limit only, and one out of standing still has a slow lane).
    An hour of ten addresses guessing as fast as they are let, plus 500 addresses in 500
    networks never used before, each trying once a minute: the ten get the key's 100 a
    minute, the 500 two guesses each in good standing and six in the slow lane (one every
    ten minutes; 2 + 2 before the slow lane, which kept staff next to an attacker out).
    Waiving the key's limit for every client instead would have given the 510 addresses 10
    a minute each (306,000 in the hour)."""
    clock = ManualSeconds(IN_A_MINUTE)
    clock.t = 3600.0 * 1000  # the start of an hour
    limits = _limits(clock, per_client=10, per_credential=100)
    attackers = [f"203.0.{n}.1" for n in range(10)]
    fresh = [f"10.{n // 256}.{n % 256}.1" for n in range(500)]
    checked = {"attackers": 0, "fresh": 0}
    for _minute in range(60):
        for who, clients in (("attackers", attackers), ("fresh", fresh)):
            for client in clients:
                for _ in range(10 if who == "attackers" else 1):
                    if await limits.blocked(client, "staff-key", standing=True) is None:
                        checked[who] += 1
                        await limits.failed(client, "staff-key", standing=True)
        clock.t += 60
    assert checked == {"attackers": 100 * 60, "fresh": (2 + 6) * 500}


async def _staff_next_to_an_attacker(neighbours: int) -> tuple[int | None, int]:
    """A simulated hour: ten addresses elsewhere keep the staff key at its limit, and
    ``neighbours`` addresses in the staff member's /24 guess as fast as they are let; the
    member of staff (no device cookie) tries the right key every two minutes from minute 5.
    The minute they got in (None: not in the hour) and the neighbours' guesses checked."""
    clock = ManualSeconds(IN_A_MINUTE)
    clock.t = 3600.0 * 1000
    limits = _limits(clock, per_client=10, per_credential=100)
    elsewhere = [f"198.51.{n}.1" for n in range(10)]
    nearby = [f"203.0.113.{n + 1}" for n in range(neighbours)]
    staff, got_in, guesses = "203.0.113.200", None, 0
    for minute in range(60):
        for client in elsewhere + nearby:
            for _ in range(10):
                if await limits.blocked(client, "staff-key", standing=True) is None:
                    guesses += client in nearby
                    await limits.failed(client, "staff-key", standing=True)
        trying = got_in is None and minute >= 5 and minute % 2 == 1
        if trying and await limits.blocked(staff, "staff-key", standing=True) is None:
            got_in = minute
        clock.t += 60
    return got_in, guesses


@pytest.mark.parametrize(
    ("neighbours", "got_in", "guesses"),
    [(1, 5, 2 + 6), (2, 5, 2 + 11), (12, None, 2 + 12)],  # with 2, staff took one of the 12
)
async def test_staff_next_to_an_attacker_get_in_unless_it_holds_the_networks_share(
    neighbours: int, got_in: int | None, guesses: int
) -> None:
    """Staff in an attacker's /24 were kept out for as long as the attack went on, unless
    their browser had logged in before (device cookie). Now each client has one check every
    ten minutes, twelve an hour for the whole network: with one or two attacking addresses
    there the member of staff gets in at the first try; with twelve the network's share is
    gone in the first minute (only the device cookie helps then), and the network's
    guesses stay at 2 + 12 an hour however many addresses it holds."""
    assert await _staff_next_to_an_attacker(neighbours) == (got_in, guesses)


def test_a_client_network_is_an_ipv4_24_or_an_ipv6_48() -> None:
    assert client_network("203.0.113.7") == "203.0.113.0/24"
    assert client_network(client_key("2001:db8:1:2::7")) == "2001:db8:1::/48"
    assert client_network("2001:db8::/32") == "2001:db8::/32"
    assert client_network("testclient") == "testclient"


async def test_requests_from_many_clients_do_not_evict_the_networks_that_failed() -> None:
    """A /48 holds 65,536 clients (/64s): requests from enough of them pushed the marks of
    the networks that had guessed out of the bounded table, and those networks had their
    guesses back while the staff key's count was at its limit."""
    clock = ManualSeconds(IN_A_MINUTE)
    counters = MemoryLimitCounters(max_keys=100)
    limits = Limits(
        counters,
        requests={"token": Limit(30)},
        failures_per_client=Limit(10),
        failures_per_credential=Limit(1),
        clock=clock,
    )
    for _ in range(2):
        await limits.failed("203.0.113.7", "staff-key", standing=True)
    for i in range(1000):
        await limits.hit("token", client_key(f"2001:db8:0:{i:x}::1"))
    assert await limits.blocked("203.0.113.8", "staff-key", standing=True) is None  # slow lane
    assert await limits.blocked("203.0.113.8", "staff-key", standing=True) is not None


async def test_memory_counters_are_bounded() -> None:
    counters = MemoryLimitCounters(max_keys=100)
    for i in range(1000):
        await counters.add(f"10.0.{i // 256}.{i % 256}", window=60, now=0.0)
    assert len(counters) == 100


@pytest.mark.parametrize(
    ("key", "weak"),
    [
        ("1234", True),
        ("staff-key-123", True),
        ("aaaaaaaaaaaaaaaaaaaa", True),
        ("abababababababababab", True),
        ("9f86d081884c7d65", False),
        ("kP3x_Vq8LmN2rT5wZ0bY", False),
    ],
)
def test_weak_staff_keys_are_named(key: str, weak: bool) -> None:
    assert (weak_secret_problem(key) is not None) is weak


@given(st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=4))
def test_signed_tokens_round_trip(payload: dict[str, str]) -> None:
    signer = SignedTokens(b"k" * 32, prefix="t1")
    payload.pop("exp", None)
    token = signer.sign(payload, expires_at=NOW + timedelta(minutes=1))
    assert signer.load(token, now=NOW) == {**payload, "exp": int(NOW.timestamp()) + 60}


@given(st.integers(min_value=0), st.sampled_from("ABCDEFGHabcdefgh0123456789-_"))
def test_any_single_character_change_is_rejected(position: int, replacement: str) -> None:
    signer = SignedTokens(b"k" * 32, prefix="t1")
    token = signer.sign({"room": "room-1"}, expires_at=NOW + timedelta(minutes=1))
    i = position % len(token)
    if token[i] == replacement:
        return
    forged = token[:i] + replacement + token[i + 1 :]
    assert signer.load(forged, now=NOW) is None


def test_signed_tokens_expire_and_are_bound_to_their_key() -> None:
    signer = SignedTokens(b"k" * 32, prefix="t1")
    token = signer.sign({}, expires_at=NOW + timedelta(seconds=5))
    assert signer.load(token, now=NOW + timedelta(seconds=5)) is None
    assert SignedTokens(b"j" * 32, prefix="t1").load(token, now=NOW) is None
    assert SignedTokens(b"k" * 32, prefix="t2").load(token, now=NOW) is None


def test_summary_tokens_are_bound_to_one_room() -> None:
    tokens = SummaryTokens(b"s" * 32, ttl=timedelta(hours=1))
    token, expires = tokens.issue(room_name="room-1", identity="ann-1234", now=NOW)
    assert expires == NOW + timedelta(hours=1)
    assert tokens.identity_in_room(token, "room-1", now=NOW) == "ann-1234"
    assert tokens.identity_in_room(token, "room-2", now=NOW) is None
    assert tokens.identity_in_room(token, "room-1", now=expires) is None


def test_staff_sessions_are_signed_expire_and_die_with_the_key() -> None:
    staff = StaffAuth("the-key", session_ttl=timedelta(hours=1))
    assert staff.check_key("the-key") and not staff.check_key("the-ke") and not staff.check_key("")
    cookie, session_id, expires_at = staff.new_session(now=NOW)
    assert expires_at == NOW + timedelta(hours=1)
    assert staff.session_id(cookie, now=NOW) == session_id
    assert staff.session_id(cookie, now=expires_at) is None
    assert staff.genuine_but_expired(cookie)
    other = StaffAuth("other-key")
    assert other.session_id(cookie, now=NOW) is None
    assert not other.genuine_but_expired(cookie)


@given(st.from_regex(PARTICIPANT_NAME_PATTERN, fullmatch=True))
def test_identities_are_safe_and_unique(name: str) -> None:
    a, b = new_identity(name), new_identity(name)
    assert a != b
    assert all(c.isascii() and (c.isalnum() or c in "_.-") for c in a) and len(a) <= 73


def test_identities_keep_accented_names_readable() -> None:
    assert new_identity("José O'Brien-Núñez").startswith("Jose_O_Brien-Nunez-")
    assert new_identity("Zoë").startswith("Zoe-")
    assert new_identity("王小明").startswith("caller-")


def test_room_names_are_unguessable() -> None:
    names = {new_room_name() for _ in range(1000)}
    assert len(names) == 1000 and all(len(n) == 25 for n in names)


def test_a_requested_room_name_is_only_a_prefix() -> None:
    first, second = new_room_name("room-abc123"), new_room_name("room-abc123")
    assert first != second
    assert first.startswith("room-abc123-") and len(first) == len("room-abc123") + 21
    longest = new_room_name("r" * 128)
    assert len(longest) == 128 and longest.startswith("r" * 107 + "-")


def test_unconfigured_livekit_refuses_to_mint_or_verify() -> None:
    tokens = LiveKitTokens(api_key=None, api_secret=None, ttl=timedelta(minutes=15))
    assert not tokens.configured
    assert tokens.identity_in_room("anything", "room-1") is None


# --- LiveKit tokens: our signer against livekit-api's own ---------------------------------------
LK_KEY, LK_SECRET = "APItest", "test-livekit-secret-0123456789abcdef0123456789"


def _livekit_api_jwt(
    tokens: LiveKitTokens, *, room_name: str, identity: str, participant_name: str
) -> str:
    """What ``LiveKitTokens.issue`` signed before it rendered the claims itself."""
    token = (
        lk.AccessToken(LK_KEY, LK_SECRET)
        .with_identity(identity)
        .with_name(participant_name)
        .with_kind("standard")
        .with_ttl(tokens.ttl)
        .with_grants(tokens.grants(room_name))
    )
    if tokens.agent_name:
        token = token.with_room_config(
            lk.RoomConfiguration(agents=[lk.RoomAgentDispatch(agent_name=tokens.agent_name)])
        )
    return token.to_jwt()


def _frozen_datetime_module(at: float) -> types.SimpleNamespace:
    """livekit-api's ``datetime`` module, with ``datetime.now`` stopped at ``at``."""

    class FrozenDateTime(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> FrozenDateTime:
            return cls.fromtimestamp(at, tz)

    return types.SimpleNamespace(datetime=FrozenDateTime, timezone=dt.timezone)


@pytest.mark.parametrize("agent_name", [None, "receptionist"])
@pytest.mark.parametrize(
    "ttl", [timedelta(minutes=15), timedelta(seconds=90, microseconds=800_000)]
)
@given(
    participant_name=st.text(min_size=0, max_size=70),
    room_hint=st.from_regex(r"[A-Za-z0-9_.\-]{1,40}", fullmatch=True),
    at=st.floats(min_value=1.7e9, max_value=2.2e9),
)
def test_livekit_tokens_are_byte_for_byte_what_livekit_api_signs(
    agent_name: str | None, ttl: timedelta, participant_name: str, room_hint: str, at: float
) -> None:
    moment = datetime.fromtimestamp(at, UTC)
    tokens = LiveKitTokens(
        api_key=LK_KEY,
        api_secret=LK_SECRET,
        ttl=ttl,
        agent_name=agent_name,
        wall_clock=lambda: moment,
    )
    issued = tokens.issue(
        room_name=new_room_name(room_hint), participant_name=participant_name, now=NOW
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lk_access_token, "datetime", _frozen_datetime_module(at))
        expected = _livekit_api_jwt(
            tokens,
            room_name=issued.room_name,
            identity=issued.identity,
            participant_name=participant_name,
        )
    assert issued.jwt == expected
    assert issued.expires_at == NOW + ttl


def test_livekit_tokens_verify_with_livekit_api_and_expire_on_the_wall_clock() -> None:
    now = datetime.fromtimestamp(1_900_000_000.5, UTC)
    tokens = LiveKitTokens(
        api_key=LK_KEY, api_secret=LK_SECRET, ttl=timedelta(minutes=15), wall_clock=lambda: now
    )
    issued = tokens.issue(room_name="room-1-abc", participant_name="Ann Lee", now=NOW)
    claims = jwt.decode(
        issued.jwt,
        LK_SECRET,
        algorithms=["HS256"],
        options={"verify_exp": False, "verify_nbf": False},
    )
    assert (claims["nbf"], claims["exp"]) == (1_900_000_000, 1_900_000_900)
    assert claims["sub"] == issued.identity and claims["iss"] == LK_KEY
    assert jwt.get_unverified_header(issued.jwt) == {"alg": "HS256", "typ": "JWT"}
    # a token issued now (real clock) is accepted by livekit-api and by our own check
    live = LiveKitTokens(api_key=LK_KEY, api_secret=LK_SECRET, ttl=timedelta(minutes=15))
    fresh = live.issue(room_name="room-1-abc", participant_name="Ann Lee", now=NOW)
    assert lk.TokenVerifier(LK_KEY, LK_SECRET).verify(fresh.jwt).video.room == "room-1-abc"  # type: ignore[union-attr]
    assert live.identity_in_room(fresh.jwt, "room-1-abc") == fresh.identity
    assert live.identity_in_room(fresh.jwt, "room-2-abc") is None
    assert live.identity_in_room(issued.jwt, "room-1-abc") is None  # nbf in 2030: not valid yet


def test_livekit_tokens_refuse_an_empty_room_like_livekit_api() -> None:
    tokens = LiveKitTokens(api_key=LK_KEY, api_secret=LK_SECRET, ttl=timedelta(minutes=15))
    with pytest.raises(ValueError, match="room"):
        tokens.issue(room_name="", participant_name="Ann", now=NOW)


def test_a_short_livekit_secret_warns_once_not_per_token() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tokens = LiveKitTokens(api_key=LK_KEY, api_secret="short", ttl=timedelta(minutes=15))
        for _ in range(3):
            tokens.issue(room_name="room-1", participant_name="Ann", now=NOW)
    assert [type(w.message) for w in caught] == [jwt.warnings.InsecureKeyLengthWarning]


@pytest.mark.parametrize(
    ("address", "client"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:5:6::1", "2001:db8:5:6::/64"),
        ("2001:db8:5:6:ffff:ffff:ffff:ffff", "2001:db8:5:6::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("testclient", "testclient"),
    ],
)
def test_clients_are_counted_by_ipv4_address_or_ipv6_network(address: str, client: str) -> None:
    assert client_key(address) == client


def test_the_staff_key_compare_does_not_depend_on_the_guess_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``compare_digest`` on texts of different lengths returns at once, so the time of a
    wrong guess told its sender the key's length: the compare only ever sees equal lengths."""
    compared: list[tuple[int, int]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    staff = StaffAuth("a-long-enough-staff-key-1")
    feed = FeedTokens("a-long-enough-staff-key-1")
    for guess in ("x", "a-long-enough-staff-key-", "a-long-enough-staff-key-1" * 4):
        assert not staff.check_key(guess)
        assert not feed.check(guess)
    assert staff.check_key("a-long-enough-staff-key-1") and feed.check(feed.token)
    assert compared and all(a == b for a, b in compared)


async def test_a_flood_of_new_clients_does_not_reset_the_failures_against_the_staff_key() -> None:
    """The counters keep at most max_keys keys, the least recently used evicted first: once
    the staff key had its fill of failures from many addresses, requests from as many new
    addresses pushed its count out, and the guessing could start again."""
    clock = ManualSeconds(IN_A_MINUTE)
    limits = Limits(
        MemoryLimitCounters(max_keys=100),
        requests={"token": Limit(30)},
        failures_per_client=Limit(10),
        failures_per_credential=Limit(5),
        clock=clock,
    )
    for n in range(5):
        await limits.failed(f"10.0.0.{n}", "staff-key")
    assert await limits.blocked("10.0.1.1", "staff-key") is not None
    for n in range(1000):  # POST /token from a thousand addresses
        await limits.hit("token", f"10.1.{n // 256}.{n % 256}")
    assert await limits.blocked("10.0.1.1", "staff-key") is not None
    assert len(limits.counters) <= 101  # still bounded: the staff key's count and 100 more
