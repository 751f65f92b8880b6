"""How many LiveKit calls the tokens of ``POST /token`` may have going at once.

Each token dispatches an agent into its room (a worker job, a recogniser, a cloud provider's
minutes), and a token can open its room, or open it again after a call ended, until it
expires. So a token counts as a call from the moment it is issued until it has expired *and*
LiveKit no longer lists its room: ``CallCap`` refuses a token to a client that already holds
``per_client`` of them and to anyone while ``total`` calls are going (rooms LiveKit lists
that this process did not issue, phone calls for one, count towards the total).

LiveKit's room list (``RoomService.ListRooms``) is asked at most every ``LIST_EVERY`` seconds.
When it cannot be asked (no URL, LiveKit unreachable), a token counts until it has expired
and the longest call (CALL_MAX_SECONDS) has had time to end: never fewer calls than there are.

``CallCap`` counts in this process's memory. ``SharedCallCap`` counts the same way in the
store's ``call_places`` (LIMITS_STORE=database), so every ``serve`` process counts every
token; and ``JobGate`` is the LiveKit worker's side of the same count: each job is refused
while ``total`` calls are running, whichever way its room was opened (a token of ours, a
phone call, a token minted elsewhere).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

import aiohttp
from livekit import api as lk

from voice_agent.config import Settings
from voice_agent.domain.ports import CallPlace, CallPlaces, PlacesUpdate

logger = logging.getLogger(__name__)

LIST_EVERY = 2.0
"""Seconds LiveKit's room list is reused for (``POST /token`` is the busiest route)."""
LIST_TIMEOUT = 3.0
UNAVAILABLE_EVERY = 10.0
"""Seconds before an unavailable room list is asked again (each try may take LIST_TIMEOUT
while every ``POST /token`` waits for it)."""
UNLISTED_RETRY = 30.0
"""Retry-After when a place frees only once LiveKit stops listing a room."""


class RoomListUnavailable(Exception):
    """LiveKit's room list could not be read (unreachable, refused, timed out)."""


class LiveRooms(Protocol):
    """The rooms LiveKit has open (``LiveKitRooms``; fakes in tests)."""

    async def names(self) -> frozenset[str]:
        """Every open room's name; raises RoomListUnavailable."""
        ...


class LiveKitRooms:
    """``LiveRooms`` over livekit-api's RoomService (``ListRooms``, the ``roomList`` grant)."""

    def __init__(self, url: str, api_key: str, api_secret: str) -> None:
        self._url, self._key, self._secret = url, api_key, api_secret
        self._api: lk.LiveKitAPI | None = None

    async def names(self) -> frozenset[str]:
        if self._api is None:  # an aiohttp session needs the running loop
            self._api = lk.LiveKitAPI(
                url=self._url,
                api_key=self._key,
                api_secret=self._secret,
                timeout=aiohttp.ClientTimeout(total=LIST_TIMEOUT),
                failover=False,
            )
        try:
            listed = await self._api.room.list_rooms(lk.ListRoomsRequest())
        except (TimeoutError, aiohttp.ClientError, lk.TwirpError) as exc:
            raise RoomListUnavailable(type(exc).__name__) from None
        return frozenset(room.name for room in listed.rooms)

    async def aclose(self) -> None:
        if self._api is not None:
            await self._api.aclose()
            self._api = None


def livekit_rooms(settings: Settings) -> LiveKitRooms | None:
    """LiveKit's room list, for the calls going (None without a LiveKit project: each place
    then counts until its longest call has had time to end)."""
    key, secret = settings.secret("livekit_api_key"), settings.secret("livekit_api_secret")
    if not (settings.livekit_url and key and secret):
        return None
    return LiveKitRooms(settings.livekit_url, key, secret)


@dataclass(frozen=True)
class CallsRefused:
    """A token refused: ``scope`` ``client`` (this client holds its share) or ``total``."""

    scope: Literal["client", "total"]
    retry_after: float
    limit: int

    @property
    def message(self) -> str:
        if self.scope == "client":
            return (
                f"This address already has {self.limit} call(s) going or about to start "
                "(each token counts until it expires and its call has ended); "
                "try again later."
            )
        return "All lines are busy; try again shortly."


class RoomList:
    """LiveKit's room list, asked again after ``LIST_EVERY`` seconds (``UNAVAILABLE_EVERY``
    while it cannot be read); one request at a time asks, the others reuse its answer."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._listed: tuple[float, frozenset[str] | None] | None = None
        self._asking = asyncio.Lock()

    async def names(self, rooms: LiveRooms | None, now: float) -> frozenset[str] | None:
        """The open rooms' names; None when unknown (no list, or it cannot be read)."""
        if rooms is None:
            return None
        async with self._asking:
            if self._listed is not None:
                at, listed = self._listed
                if now - at < (LIST_EVERY if listed is not None else UNAVAILABLE_EVERY):
                    return listed
            try:
                names: frozenset[str] | None = await rooms.names()
            except RoomListUnavailable as exc:
                if self._listed is None or self._listed[1] is not None:  # once, not every 2 s
                    logger.warning(
                        "LiveKit's room list is unavailable: each token counts as a call until "
                        "it has expired and CALL_MAX_SECONDS more have passed",
                        extra={"error": str(exc)},
                    )
                names = None
            else:
                if self._listed is not None and self._listed[1] is None:
                    logger.info("LiveKit's room list is available again")
            # when the answer came, not when it was asked: a LiveKit that answers nothing
            # made every request wait its timeout again
            self._listed = (self._clock(), names)
            return names


@dataclass(frozen=True)
class _Issued:
    room: str
    client: str
    expires_at: float


class CallCap:
    """The calls ``POST /token`` has issued, and whether one more may be issued.

    Tokens all live ``ttl`` seconds, so they expire in the order they were issued: the
    unexpired ones are kept in that order and each request looks only at those due to
    expire (work per request does not grow with the number of tokens out).
    """

    def __init__(
        self,
        *,
        per_client: int,
        total: int,
        ttl: float,
        longest_call: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.per_client = per_client
        self.total = total
        self._ttl = ttl
        self._longest_call = longest_call
        self._clock = clock
        self._unexpired: OrderedDict[str, _Issued] = OrderedDict()
        self._expired: OrderedDict[str, _Issued] = OrderedDict()
        """Tokens expired whose rooms may still be open, in the order they expired."""
        self._by_client: dict[str, list[_Issued]] = {}
        self._list = RoomList(clock)
        self._listing = asyncio.Lock()

    async def _live(self, rooms: LiveRooms | None, now: float) -> frozenset[str] | None:
        """LiveKit's open rooms (None: unknown); rooms no longer open stop counting."""
        async with self._listing:
            names = await self._list.names(rooms, now)
            if names is not None:
                for issued in [i for i in self._expired.values() if i.room not in names]:
                    self._forget(issued)
            return names

    async def admit(
        self, client: str, room_name: str, *, rooms: LiveRooms | None
    ) -> CallsRefused | None:
        """Count a token for ``room_name`` issued to ``client`` now, or say why it may not
        be issued."""
        now = self._clock()
        self._expire(now)
        live = await self._live(rooms, now)
        if live is None:  # unknown: a room counts until its longest call has had time to end
            while self._expired:
                first = next(iter(self._expired.values()))
                if now < first.expires_at + self._longest_call:
                    break
                self._forget(first)
        mine = self._by_client.get(client, [])
        if len(mine) >= self.per_client:
            return CallsRefused("client", self._frees_in(mine, live, now), self.per_client)
        ours = len(self._unexpired) + len(self._expired)
        theirs = 0 if live is None else sum(1 for r in live if not self._holds(r))
        if ours + theirs >= self.total:
            held = [*self._unexpired.values(), *self._expired.values()][:1]
            return CallsRefused("total", self._frees_in(held, live, now), self.total)
        issued = _Issued(room_name, client, now + self._ttl)
        self._unexpired[room_name] = issued
        self._by_client.setdefault(client, []).append(issued)
        return None

    def _holds(self, room: str) -> bool:
        return room in self._unexpired or room in self._expired

    def _expire(self, now: float) -> None:
        while self._unexpired:
            first = next(iter(self._unexpired.values()))
            if now < first.expires_at:
                break
            del self._unexpired[first.room]
            self._expired[first.room] = first

    def _forget(self, issued: _Issued) -> None:
        self._expired.pop(issued.room, None)
        self._unexpired.pop(issued.room, None)
        held = self._by_client.get(issued.client, [])
        if issued in held:
            held.remove(issued)
        if not held:
            self._by_client.pop(issued.client, None)

    def _frees_in(self, held: Iterable[_Issued], live: frozenset[str] | None, now: float) -> float:
        """Seconds until one of ``held`` may stop counting (at least 1)."""
        waits = [self._counts_for(issued, live, now) for issued in held]
        return max(1.0, min(waits, default=UNLISTED_RETRY))

    def _counts_for(self, issued: _Issued, live: frozenset[str] | None, now: float) -> float:
        if now < issued.expires_at:
            return issued.expires_at - now
        if live is not None:  # its room is still listed
            return UNLISTED_RETRY
        return issued.expires_at + self._longest_call - now

    def __len__(self) -> int:
        return len(self._unexpired) + len(self._expired)


# --- shared through the store (LIMITS_STORE=database), and the worker's side --------------


@dataclass(frozen=True)
class _Count:
    """The places that still count at ``now`` (and those to forget), as the store holds them."""

    counting: list[CallPlace]
    forget: frozenset[str]
    live: frozenset[str] | None
    now: float
    longest_call: float

    @classmethod
    def of(
        cls, places: list[CallPlace], live: frozenset[str] | None, now: float, longest: float
    ) -> _Count:
        def counts(place: CallPlace) -> bool:
            if now < place.expires_at or (place.call_until is not None and now < place.call_until):
                return True
            if live is not None:  # expired: it counts while its room is open
                return place.room_name in live
            return now < place.expires_at + longest  # unknown: until its call must have ended

        counting = [p for p in places if counts(p)]
        held = {p.room_name for p in counting}
        forget = frozenset(p.room_name for p in places if p.room_name not in held)
        return cls(counting, forget, live, now, longest)

    def frees_in(self, places: Iterable[CallPlace]) -> float:
        """Seconds until one of ``places`` may stop counting (at least 1)."""
        return max(1.0, min((self._wait(p) for p in places), default=UNLISTED_RETRY))

    def _wait(self, place: CallPlace) -> float:
        until = max(place.expires_at, place.call_until or 0.0)
        if self.now < until:
            return until - self.now
        if self.live is not None:
            return UNLISTED_RETRY
        return place.expires_at + self.longest_call - self.now

    def unlisted_others(self) -> int:
        """Rooms LiveKit lists that hold no place (0 when the list is unknown)."""
        if self.live is None:
            return 0
        held = {p.room_name for p in self.counting}
        return sum(1 for room in self.live if room not in held)


class SharedCallCap:
    """``CallCap`` counted in the store's call places: every ``serve`` process on the store
    (and every worker, see ``JobGate``) sees every token, and one process's restart forgets
    none. Each ``admit`` is one transaction under the store's lock."""

    def __init__(
        self,
        places: CallPlaces,
        *,
        per_client: int,
        total: int,
        ttl: float,
        longest_call: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.places = places
        self.per_client = per_client
        self.total = total
        self._ttl = ttl
        self._longest_call = longest_call
        self._clock = clock
        self._list = RoomList(clock)

    async def admit(
        self, client: str, room_name: str, *, rooms: LiveRooms | None
    ) -> CallsRefused | None:
        """As ``CallCap.admit``; raises StorageUnavailable."""
        now = self._clock()
        live = await self._list.names(rooms, now)

        def decide(places: list[CallPlace]) -> tuple[PlacesUpdate, CallsRefused | None]:
            count = _Count.of(places, live, now, self._longest_call)
            keep = PlacesUpdate(forget=count.forget)
            mine = [p for p in count.counting if p.client == client]
            if len(mine) >= self.per_client:
                return keep, CallsRefused("client", count.frees_in(mine), self.per_client)
            if len(count.counting) + count.unlisted_others() >= self.total:
                return keep, CallsRefused("total", count.frees_in(count.counting), self.total)
            place = CallPlace(room_name, client, now + self._ttl)
            return PlacesUpdate(forget=count.forget, put=place), None

        return await self.places.update(decide)


class JobGate:
    """The LiveKit worker's side of the cap: whether to take a job for ``room_name``.

    A job is taken while fewer than ``total`` calls are running (places a worker marked as
    in a call, whichever worker), however its room was opened: a token of ours, a phone
    call, a token minted elsewhere or by a token server counting in memory. Its place is
    then marked as in a call until CALL_MAX_SECONDS from now (``end_call`` gives it back
    when the call ends). Tokens not yet used hold ``POST /token``'s places, not the
    worker's: addresses fetching tokens they never use cannot keep phone calls out.
    """

    def __init__(
        self,
        places: CallPlaces,
        *,
        total: int,
        longest_call: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.places = places
        self.total = total
        self._longest_call = longest_call
        self._clock = clock
        self._list = RoomList(clock)

    async def admit(self, room_name: str, *, rooms: LiveRooms | None) -> CallsRefused | None:
        """Take a place for the job in ``room_name``, or say why not; raises
        StorageUnavailable."""
        now = self._clock()
        live = await self._list.names(rooms, now)
        until = now + self._longest_call

        def decide(places: list[CallPlace]) -> tuple[PlacesUpdate, CallsRefused | None]:
            count = _Count.of(places, live, now, self._longest_call)
            running = [
                p
                for p in count.counting
                if p.room_name != room_name and p.call_until is not None and now < p.call_until
            ]
            if len(running) >= self.total:
                return PlacesUpdate(count.forget), CallsRefused(
                    "total", count.frees_in(running), self.total
                )
            ours = next((p for p in places if p.room_name == room_name), None)
            if ours is not None and ours.client is not None:  # a token /token counted
                return PlacesUpdate(count.forget, dataclasses.replace(ours, call_until=until)), None
            return PlacesUpdate(count.forget, CallPlace(room_name, None, now, until)), None

        return await self.places.update(decide)
