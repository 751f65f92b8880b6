from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice_agent.adapters.api.schemas import PARTICIPANT_NAME_PATTERN
from voice_agent.adapters.api.security import (
    LiveKitTokens,
    RateLimiter,
    SignedTokens,
    StaffAuth,
    SummaryTokens,
    new_identity,
    new_room_name,
)

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


class FakeMonotonic:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_sliding_window_allows_limit_then_reports_retry_after() -> None:
    clock = FakeMonotonic()
    limiter = RateLimiter(3, window=60, clock=clock)
    for _ in range(3):  # hits at t=1000, 1005, 1010
        assert limiter.hit("a") is None
        clock.t += 5
    assert limiter.hit("a") == pytest.approx(45)  # t=1015; the first leaves at 1060
    assert limiter.hit("b") is None  # per key
    clock.t = 1060  # the first hit leaves the window, the others stay
    assert limiter.hit("a") is None
    assert limiter.hit("a") == pytest.approx(5)


def test_rate_limiter_memory_is_bounded() -> None:
    limiter = RateLimiter(1, clock=FakeMonotonic(), max_keys=100)
    for i in range(1000):
        limiter.hit(f"10.0.{i // 256}.{i % 256}")
    assert len(limiter._hits) == 100


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
    assert tokens.grants_room(token, "room-1", now=NOW)
    assert not tokens.grants_room(token, "room-2", now=NOW)
    assert not tokens.grants_room(token, "room-1", now=expires)


def test_staff_sessions_are_signed_and_expire() -> None:
    staff = StaffAuth("the-key", session_ttl=timedelta(hours=1))
    assert staff.check_key("the-key") and not staff.check_key("the-ke") and not staff.check_key("")
    session = staff.new_session(now=NOW)
    assert staff.check_session(session, now=NOW)
    assert not staff.check_session(session, now=NOW + timedelta(hours=1))
    assert not StaffAuth("other-key").check_session(session, now=NOW)


@given(st.from_regex(PARTICIPANT_NAME_PATTERN, fullmatch=True))
def test_identities_are_safe_and_unique(name: str) -> None:
    a, b = new_identity(name), new_identity(name)
    assert a != b
    assert all(c.isalnum() or c in "_.-" for c in a) and len(a) <= 73


def test_room_names_are_unguessable() -> None:
    names = {new_room_name() for _ in range(1000)}
    assert len(names) == 1000 and all(len(n) == 25 for n in names)


def test_unconfigured_livekit_refuses_to_mint_or_verify() -> None:
    tokens = LiveKitTokens(api_key=None, api_secret=None, ttl=timedelta(minutes=15))
    assert not tokens.configured
    assert not tokens.grants_room("anything", "room-1")
