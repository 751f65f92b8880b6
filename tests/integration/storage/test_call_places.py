"""The call places (TOKEN_MAX_CALLS counted in the database): processes racing for the last
place, and the places a call's end gives back."""

from __future__ import annotations

import asyncio

from voice_agent.adapters.api.live_calls import JobGate, SharedCallCap
from voice_agent.adapters.storage import SqlStore, open_store
from voice_agent.domain.ports import CallPlace, PlacesUpdate

PROCESSES = 8
NOW = 1_000_000.0


async def _stores(url: str, n: int) -> list[SqlStore]:
    first = await open_store(url)  # migrates once
    return [first] + [await open_store(url, migrate=False) for _ in range(n - 1)]


async def test_processes_racing_for_the_last_places_never_take_more(database_url: str) -> None:
    """Each token server (or worker) read the places, saw room for one more and took it: two
    reading at once would both take the last. The read and the write are one transaction
    under the database's lock, so eight processes asking at once get exactly three."""
    stores = await _stores(database_url, PROCESSES)
    try:
        for store in stores:
            await store.ping()  # the race is between open connections
        caps = [
            SharedCallCap(
                s.call_places, per_client=10, total=3, ttl=60, longest_call=60, clock=lambda: NOW
            )
            for s in stores
        ]
        tokens = await asyncio.gather(
            *(cap.admit(f"203.0.113.{i}", f"room-{i}", rooms=None) for i, cap in enumerate(caps))
        )
        # the tokens are not used: the calls race on their own
        await stores[0].call_places.update(_forget_all)
        gates = [
            JobGate(s.call_places, total=3, longest_call=60, clock=lambda: NOW) for s in stores
        ]
        jobs = await asyncio.gather(
            *(gate.admit(f"call-{i}", rooms=None) for i, gate in enumerate(gates))
        )
    finally:
        for store in stores:
            await store.close()
    for answers in (tokens, jobs):
        assert sum(1 for a in answers if a is None) == 3
        assert all(a.scope == "total" for a in answers if a is not None)


async def test_a_calls_end_gives_back_its_place(store: SqlStore) -> None:
    gate = JobGate(store.call_places, total=1, longest_call=60, clock=lambda: NOW)
    cap = SharedCallCap(
        store.call_places, per_client=1, total=2, ttl=60, longest_call=60, clock=lambda: NOW
    )
    assert await cap.admit("203.0.113.9", "room-a", rooms=None) is None
    assert await gate.admit("room-a", rooms=None) is None  # the token's own room
    assert await gate.admit("call-1", rooms=None) is not None  # room-a's call runs
    await store.call_places.end_call("room-a")
    assert await gate.admit("call-1", rooms=None) is None  # the call's place is free again
    # room-a's token still counts for /token until it expires, with call-1's call
    assert await cap.admit("203.0.113.9", "room-b", rooms=None) is not None
    await store.call_places.end_call("call-1")  # a place taken without a token goes
    assert {p.room_name for p in await store.call_places.update(_all)} == {"room-a"}


def _all(places: list[CallPlace]) -> tuple[PlacesUpdate, list[CallPlace]]:
    return PlacesUpdate(), places


def _forget_all(places: list[CallPlace]) -> tuple[PlacesUpdate, None]:
    return PlacesUpdate(forget=frozenset(p.room_name for p in places)), None
