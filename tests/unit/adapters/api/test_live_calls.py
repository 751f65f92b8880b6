"""The cap on LiveKit calls that /token's tokens may have going at once."""

from __future__ import annotations

import logging

import pytest

from voice_agent.adapters.api.live_calls import (
    CallCap,
    LiveKitRooms,
    RoomListUnavailable,
    SharedCallCap,
)
from voice_agent.testing.fake_livekit import API_KEY, API_SECRET, fake_livekit
from voice_agent.testing.fakes.timer import ManualSeconds

TTL = 900.0
LONGEST = 900.0


class Rooms:
    """LiveKit's open rooms, as a test sets them (``down``: the list cannot be read, after
    ``takes`` seconds of ``clock``)."""

    def __init__(self, clock: ManualSeconds | None = None, takes: float = 0.0) -> None:
        self.open: set[str] = set()
        self.down = False
        self.asked = 0
        self._clock, self._takes = clock, takes

    async def names(self) -> frozenset[str]:
        self.asked += 1
        if self._clock is not None:
            self._clock.t += self._takes
        if self.down:
            raise RoomListUnavailable("TimeoutError")
        return frozenset(self.open)


def cap(clock: ManualSeconds, *, per_client: int = 2, total: int = 5) -> CallCap:
    return CallCap(per_client=per_client, total=total, ttl=TTL, longest_call=LONGEST, clock=clock)


async def test_a_client_holding_its_share_of_tokens_gets_no_more_until_one_expires() -> None:
    """60 tokens an hour let one address open 60 rooms at once, each dispatching an agent."""
    clock, rooms = ManualSeconds(), Rooms()
    calls = cap(clock)
    assert await calls.admit("203.0.113.7", "r1", rooms=rooms) is None
    clock.t += 100
    assert await calls.admit("203.0.113.7", "r2", rooms=rooms) is None
    refused = await calls.admit("203.0.113.7", "r3", rooms=rooms)
    assert refused is not None and refused.scope == "client"
    assert refused.retry_after == pytest.approx(TTL - 100)  # when r1's token expires
    assert "2 call(s)" in refused.message
    assert await calls.admit("198.51.100.1", "r4", rooms=rooms) is None  # another client
    clock.t += TTL - 100  # r1's token has expired and LiveKit does not list its room
    assert await calls.admit("203.0.113.7", "r3", rooms=rooms) is None


async def test_a_room_still_open_after_its_token_expired_still_counts() -> None:
    clock, rooms = ManualSeconds(), Rooms()
    calls = cap(clock, per_client=1)
    assert await calls.admit("203.0.113.7", "r1", rooms=rooms) is None
    rooms.open.add("r1")  # the caller joined: the call goes on past the token's expiry
    clock.t += TTL + 60
    refused = await calls.admit("203.0.113.7", "r2", rooms=rooms)
    assert refused is not None and refused.scope == "client"
    rooms.open.discard("r1")  # the call ended
    clock.t += 3  # LiveKit's list is asked again after 2 s
    assert await calls.admit("203.0.113.7", "r2", rooms=rooms) is None


async def test_the_total_counts_every_open_room_and_every_unexpired_token() -> None:
    clock, rooms = ManualSeconds(), Rooms()
    calls = cap(clock, per_client=10, total=3)
    rooms.open |= {"call-_+15550100_abc"}  # a phone call, not issued by /token
    assert await calls.admit("203.0.113.7", "r1", rooms=rooms) is None
    assert await calls.admit("198.51.100.1", "r2", rooms=rooms) is None
    refused = await calls.admit("192.0.2.1", "r3", rooms=rooms)
    assert refused is not None and refused.scope == "total"
    assert refused.message == "All lines are busy; try again shortly."


async def test_without_the_room_list_a_token_counts_until_its_longest_call_can_have_ended() -> None:
    clock, rooms = ManualSeconds(), Rooms()
    rooms.down = True
    calls = cap(clock, per_client=1)
    assert await calls.admit("203.0.113.7", "r1", rooms=rooms) is None
    clock.t += TTL + LONGEST - 10
    refused = await calls.admit("203.0.113.7", "r2", rooms=rooms)
    assert refused is not None and refused.retry_after == pytest.approx(10)
    clock.t += 10
    assert await calls.admit("203.0.113.7", "r2", rooms=rooms) is None
    assert await cap(clock).admit("a", "r", rooms=None) is None  # no LiveKit project: same


async def test_the_room_list_is_asked_at_most_every_two_seconds() -> None:
    clock, rooms = ManualSeconds(), Rooms()
    calls = cap(clock, per_client=1000, total=1000)
    for i in range(50):
        await calls.admit(f"10.0.0.{i}", f"r{i}", rooms=rooms)
    assert rooms.asked == 1
    clock.t += 2
    await calls.admit("10.0.1.1", "x", rooms=rooms)
    assert rooms.asked == 2


async def test_tokens_long_gone_are_forgotten() -> None:
    clock, rooms = ManualSeconds(), Rooms()
    calls = cap(clock, per_client=1000, total=1000)
    for i in range(500):
        await calls.admit(f"10.0.{i // 256}.{i % 256}", f"r{i}", rooms=rooms)
    clock.t += TTL + 2
    await calls.admit("192.0.2.1", "last", rooms=rooms)
    assert len(calls) == 1


async def test_livekit_rooms_reads_the_room_list_with_a_room_list_grant() -> None:
    with fake_livekit() as server:
        server.rooms = {"room-a": 2, "call-b": 1}
        rooms = LiveKitRooms(server.url.replace("http", "ws", 1), API_KEY, API_SECRET)
        try:
            assert await rooms.names() == {"room-a", "call-b"}
        finally:
            await rooms.aclose()
        wrong = LiveKitRooms(server.url, API_KEY, "another-secret-long-enough-for-hs256")
        try:
            with pytest.raises(RoomListUnavailable):
                await wrong.names()
        finally:
            await wrong.aclose()
    assert [r.error for r in server.received] == [None, "unauthenticated"]


async def test_livekit_rooms_unreachable_is_room_list_unavailable() -> None:
    with fake_livekit() as server:
        url = server.url
    rooms = LiveKitRooms(url, API_KEY, API_SECRET)  # nothing listens there any more
    try:
        with pytest.raises(RoomListUnavailable):
            await rooms.names()
    finally:
        await rooms.aclose()


async def test_an_unavailable_room_list_is_logged_once_not_every_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="voice_agent.adapters.api.live_calls")
    clock, rooms = ManualSeconds(), Rooms()
    rooms.down = True
    calls = cap(clock, per_client=1000, total=1000)
    for i in range(10):
        await calls.admit(f"10.0.0.{i}", f"r{i}", rooms=rooms)
        clock.t += 10
    rooms.down = False
    await calls.admit("10.0.1.1", "back", rooms=rooms)
    assert rooms.asked == 11
    messages = [r.getMessage() for r in caplog.records]
    assert sum("unavailable" in m for m in messages) == 1
    assert sum("available again" in m for m in messages) == 1


async def test_a_livekit_that_answers_nothing_is_asked_again_only_after_ten_seconds() -> None:
    """The list's age was counted from when it was asked: a LiveKit that took its 3 s
    timeout to fail was asked again by the next request, and every POST /token waited."""
    clock = ManualSeconds()
    rooms = Rooms(clock, takes=3.0)
    rooms.down = True
    calls = cap(clock, per_client=1000, total=1000)
    for i in range(20):
        await calls.admit(f"10.0.0.{i}", f"r{i}", rooms=rooms)
        clock.t += 0.5  # 10 s of requests after the first failed
    assert rooms.asked == 1
    clock.t += 0.1
    await calls.admit("10.0.1.1", "x", rooms=rooms)
    assert rooms.asked == 2


def shared(clock: ManualSeconds, *, per_client: int = 2, total: int = 5) -> SharedCallCap:
    from voice_agent.testing.fakes.store import FakeStore

    return SharedCallCap(
        FakeStore().call_places,
        per_client=per_client,
        total=total,
        ttl=TTL,
        longest_call=LONGEST,
        clock=clock,
    )


async def test_counted_in_the_store_a_token_counts_until_expired_and_its_room_is_gone() -> None:
    """The shared count keeps CallCap's rule: a token counts until it has expired and LiveKit
    no longer lists its room (until CALL_MAX_SECONDS after expiry while the list is down)."""
    clock, rooms = ManualSeconds(), Rooms()
    calls = shared(clock)
    assert await calls.admit("203.0.113.7", "r1", rooms=rooms) is None
    assert await calls.admit("203.0.113.7", "r2", rooms=rooms) is None
    refused = await calls.admit("203.0.113.7", "r3", rooms=rooms)
    assert refused is not None and refused.scope == "client"
    assert refused.retry_after == pytest.approx(TTL)
    rooms.open = {"r1"}  # r1's call goes on past its token's expiry; r2 was never used
    clock.t += TTL + 5
    assert await calls.admit("203.0.113.7", "r3", rooms=rooms) is None
    still = await calls.admit("203.0.113.7", "r4", rooms=rooms)
    assert still is not None and still.scope == "client"
    rooms.down = True  # unknown: r1 counts until CALL_MAX_SECONDS after its expiry
    clock.t += 10
    assert await calls.admit("203.0.113.7", "r4", rooms=rooms) is not None
    clock.t += LONGEST
    assert await calls.admit("203.0.113.7", "r4", rooms=rooms) is None


async def test_counted_in_the_store_rooms_it_did_not_issue_count_towards_the_total() -> None:
    clock, rooms = ManualSeconds(), Rooms()
    rooms.open = {"call-_+15550100_x", "call-_+15550101_y"}
    calls = shared(clock, per_client=5, total=3)
    assert await calls.admit("203.0.113.7", "r1", rooms=rooms) is None
    busy = await calls.admit("198.51.100.4", "r2", rooms=rooms)
    assert busy is not None and busy.scope == "total"
