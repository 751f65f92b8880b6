"""Request-scoped dependencies, exposed as ``Annotated`` aliases for route signatures."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Protocol

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from voice_agent.adapters.api.live_calls import CallCap, LiveRooms, SharedCallCap
from voice_agent.adapters.api.security import (
    ROOM_CREDENTIAL_PREFIX,
    Limit,
    Limits,
    LiveKitTokens,
    MemoryLimitCounters,
    StaffAuth,
    SummaryTokens,
    client_key,
)
from voice_agent.config import Settings
from voice_agent.domain.clock import Clock
from voice_agent.domain.ports import Store
from voice_agent.services.scheduling import SchedulingService

# Dependencies are ``async def`` so FastAPI runs them on the event loop: a plain ``def``
# would cost a thread-pool hop per dependency per request.


class CallLines(Protocol):
    """The receptionist's lines for browser calls (``adapters.webrtc.BrowserCalls``)."""

    @property
    def active(self) -> int: ...

    @property
    def capacity(self) -> int: ...

    async def start(
        self, *, offer_sdp: str, room_name: str, caller_identity: str, client: str
    ) -> str:
        """Answer a browser's WebRTC offer and run the call, its record bound to
        ``caller_identity``, counted against ``client``'s calls; the answer SDP. Raises
        LinesBusy, TooManyCallsFromClient, InvalidCallOffer or CallSetupFailed."""
        ...


@dataclass(frozen=True)
class ApiServices:
    """What the routes use from the application; the entry point (``voice-agent serve``)
    builds it from the composition root."""

    clock: Clock
    scheduling: SchedulingService
    store: Store
    calls: CallLines | None = None
    """Browser calls (None: /call answers that they are off)."""
    rooms: LiveRooms | None = None
    """LiveKit's open rooms, for the calls /token's tokens have going (None: not asked;
    each token then counts until it expired CALL_MAX_SECONDS ago)."""


OpenServices = Callable[[], AbstractAsyncContextManager[ApiServices]]
"""Opens the services when the app starts and closes them when it stops."""


@dataclass
class ApiContext:
    """What create_app builds once per application (never at import time)."""

    settings: Settings
    livekit: LiveKitTokens
    summary_tokens: SummaryTokens | None
    staff: StaffAuth | None
    assets: dict[str, str]
    services: ApiServices | None = None
    call_assets: dict[str, str] = field(default_factory=dict)
    memory_counters: MemoryLimitCounters = field(default_factory=MemoryLimitCounters)
    wall_clock: Callable[[], float] = time.time
    """Seconds since the epoch, for the limits' windows (shared by every process)."""
    _limits: Limits | None = None
    _call_cap: CallCap | None = None
    _shared_call_cap: SharedCallCap | None = None

    def call_cap(self, services: ApiServices) -> CallCap | SharedCallCap:
        """The LiveKit calls /token's tokens may have going (TOKEN_MAX_CALLS...): counted in
        this process's memory, or in the store when LIMITS_STORE=database (then every
        process on the database, and the LiveKit worker, count together)."""
        if self.settings.limits_store == "database":
            places = services.store.call_places
            if self._shared_call_cap is None or self._shared_call_cap.places is not places:
                self._shared_call_cap = SharedCallCap(
                    places,
                    per_client=self.settings.token_max_calls_per_client,
                    total=self.settings.token_max_calls,
                    ttl=self.settings.token_ttl_seconds,
                    longest_call=self.settings.call_max_seconds,
                    clock=lambda: self.wall_clock(),
                )
            return self._shared_call_cap
        if self._call_cap is None:
            self._call_cap = CallCap(
                per_client=self.settings.token_max_calls_per_client,
                total=self.settings.token_max_calls,
                ttl=self.settings.token_ttl_seconds,
                longest_call=self.settings.call_max_seconds,
                clock=lambda: self.wall_clock(),
            )
        return self._call_cap

    def limits(self, services: ApiServices) -> Limits:
        """The limits over this process's memory, or over the store when
        LIMITS_STORE=database (then every process on the database counts together)."""
        counters = (
            services.store.limit_counters
            if self.settings.limits_store == "database"
            else self.memory_counters
        )
        if self._limits is None or self._limits.counters is not counters:
            self._limits = Limits(
                counters,
                requests={
                    "token": Limit(self.settings.token_rate_limit_per_minute),
                    "token-hour": Limit(self.settings.token_rate_limit_per_hour, window=3600),
                    "call": Limit(self.settings.call_rate_limit_per_minute),
                },
                failures_per_client=Limit(self.settings.credential_failures_per_client),
                failures_per_credential=Limit(self.settings.credential_failures_per_credential),
                clock=self.wall_clock,
            )
        return self._limits


async def get_api(request: Request) -> ApiContext:
    api: ApiContext = request.app.state.api
    return api


ApiDep = Annotated[ApiContext, Depends(get_api)]


async def get_services(api: ApiDep) -> ApiServices:
    if api.services is None:  # only between startup failure and shutdown
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "The server is starting up.")
    return api.services


ServicesDep = Annotated[ApiServices, Depends(get_services)]


async def get_settings(api: ApiDep) -> Settings:
    return api.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_limits(api: ApiDep, services: ServicesDep) -> Limits:
    return api.limits(services)


LimitsDep = Annotated[Limits, Depends(get_limits)]


def request_client(request: Request) -> str:
    # The peer address; X-Forwarded-For counts only from TRUSTED_PROXIES (see create_app).
    return client_key(request.client.host) if request.client else "unknown"


async def client_ip(request: Request) -> str:
    """The client the request's limits count against (an IPv6 address's /64)."""
    return request_client(request)


ClientIpDep = Annotated[str, Depends(client_ip)]


def retry_after_header(retry_after: float) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(retry_after)))}


def too_many(retry_after: float) -> HTTPException:
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        "Too many requests; try again later.",
        headers=retry_after_header(retry_after),
    )


async def count_token_request(request: Request) -> None:
    """Count a ``POST /token`` request against TOKEN_RATE_LIMIT_PER_MINUTE and
    TOKEN_RATE_LIMIT_PER_HOUR; 429 over either.

    Not a dependency: the token route calls it before FastAPI reads the body (see
    ``routes.token.TokenRoute``), so every request counts, even one that is not JSON, and
    no dependency has to be solved for it (that cost more than minting both tokens).
    """
    api: ApiContext = request.app.state.api
    services = await get_services(api)
    ip = request_client(request)
    limits = api.limits(services)
    waits = [await limits.hit(name, ip) for name in ("token", "token-hour")]
    retry_after = max((w for w in waits if w is not None), default=None)
    if retry_after is not None:
        raise too_many(retry_after)


async def limit_call_offers(limits: LimitsDep, ip: ClientIpDep) -> None:
    retry_after = await limits.hit("call", ip)
    if retry_after is not None:
        raise too_many(retry_after)


CallRateLimit = Depends(limit_call_offers)


# --- credentials ---------------------------------------------------------------------------
bearer_scheme = HTTPBearer(
    auto_error=False,
    description="The summary_token from POST /token, that room's LiveKit token, or the staff key.",
)
staff_key_scheme = APIKeyHeader(
    name="X-Staff-Key", auto_error=False, description="The staff API key (STAFF_API_KEY)."
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
StaffKeyDep = Annotated[str | None, Depends(staff_key_scheme)]

STAFF_KEY = "staff-key"
"""The credential name under which failed staff-key guesses are counted (all routes)."""


def room_credential(room_name: str) -> str:
    return f"{ROOM_CREDENTIAL_PREFIX}{room_name}"


def device_credential(device_id: str) -> str:
    """Failed staff keys from one browser that has logged in before (its device cookie)."""
    return f"staff-device:{device_id}"


async def throttle(limits: Limits, ip: str, credentials: Iterable[str]) -> None:
    """429 before a credential is looked at, when this client or that credential has failed
    too often lately."""
    names = sorted(set(credentials))
    if names:
        retry_after = await limits.blocked(ip, *names)
        if retry_after is not None:
            raise too_many(retry_after)


# --- staff -----------------------------------------------------------------------------------
STAFF_DISABLED = "The staff page is disabled: set STAFF_API_KEY on the server to enable it."
STAFF_REQUIRED = "Staff credentials required: send X-Staff-Key or log in at /staff."


def is_https(request: Request) -> bool:
    """Whether the client reached us over https (our TLS, or a trusted proxy's
    ``X-Forwarded-Proto``; see create_app)."""
    return request.url.scheme == "https"


def staff_cookie_name(request: Request, name: str = StaffAuth.COOKIE) -> str:
    return StaffAuth.cookie_name(name, https=is_https(request))


def clear_staff_cookie(*, https: bool) -> str:
    """The Set-Cookie header that makes a browser forget its staff session cookie."""
    name = StaffAuth.cookie_name(StaffAuth.COOKIE, https=https)
    return f"{name}=; Max-Age=0; Path=/; HttpOnly; SameSite=strict" + "; Secure" * https


async def get_staff_auth(api: ApiDep) -> StaffAuth:
    if api.staff is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, STAFF_DISABLED)
    return api.staff


StaffAuthDep = Annotated[StaffAuth, Depends(get_staff_auth)]


@dataclass(frozen=True)
class StaffCheck:
    """What the staff credentials of one request came to."""

    ok: bool
    stale_cookie: bool = False
    """A session cookie was sent that no longer opens a session (logged out, expired, or
    signed with an earlier key): the response should clear it."""
    https: bool = False
    """The request came over https (the cookie to clear is the ``__Host-`` one)."""


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def acts_for_this_site(request: Request) -> bool:
    """Whether a request that changes something may be taken on the session cookie: not
    when the browser says another origin's page sent it (``Sec-Fetch-Site: same-site`` or
    ``cross-site``). SameSite=strict keeps the cookie from other sites, not from the same
    site's other origins (another port of this host, a sibling subdomain), whose forms and
    no-cors requests it is sent with. A request without the header (an older browser, a
    script with the staff key) is judged as before."""
    if request.method in _SAFE_METHODS:
        return True
    return request.headers.get("sec-fetch-site") not in ("same-site", "cross-site")


def sent_by_another_sites_page(request: Request) -> bool:
    """Whether the browser says another origin's page made this request (``Sec-Fetch-Site:
    same-site`` or ``cross-site``) other than as a visit to it (a top-level GET): an image,
    a script, a hidden frame, a form posted there. Such a request is not to have a
    credential checked (login key, calendar-feed token): a wrong one counts against the
    client, and any page a member of staff opened could send ten a minute from the clinic's
    own address, which then locked that address's logged-in staff out (429). Refusing it
    unchecked, right or wrong, tells a guesser who adds the header nothing. Calendar apps and
    scripts send no such header; a staff member following a link to the feed is a visit."""
    if request.headers.get("sec-fetch-site") not in ("same-site", "cross-site"):
        return False
    visit = (
        request.method in ("GET", "HEAD")
        and request.headers.get("sec-fetch-mode") == "navigate"
        and request.headers.get("sec-fetch-dest", "document") == "document"
    )
    return not visit


async def _live_session(staff: StaffAuth, services: ApiServices, cookie: str) -> bool:
    """Whether ``cookie`` is a genuine, unexpired session cookie of a session not ended."""
    now = services.clock.now()
    session_id = staff.session_id(cookie, now=now)
    return session_id is not None and await services.store.staff_sessions.is_active(
        session_id, now=now
    )


async def check_staff(
    request: Request,
    staff: StaffAuth,
    services: ApiServices,
    limits: Limits,
    ip: str,
    *,
    keys: Iterable[str | None] = (),
    also_failed: Iterable[str] = (),
) -> StaffCheck:
    """Whether the request carries valid staff credentials: a staff key (``keys``: the
    X-Staff-Key header, a bearer) or a live session cookie.

    Every credential presented goes through the one throttle: 429 when this client or the
    staff key has failed too often; a wrong key, or a cookie with a bad signature (against
    this client only), counts as a failure (and so does each of ``also_failed`` when nothing
    here is valid). A genuine cookie of a session that has ended does not (the browser just
    keeps sending it). A cookie that opens nothing is to be cleared (``stale_cookie``).
    """
    async with limits.deciding:
        return await _check_staff(
            request, staff, services, limits, ip, keys=keys, also_failed=also_failed
        )


async def _check_staff(
    request: Request,
    staff: StaffAuth,
    services: ApiServices,
    limits: Limits,
    ip: str,
    *,
    keys: Iterable[str | None],
    also_failed: Iterable[str],
) -> StaffCheck:
    """:func:`check_staff`, with ``limits.deciding`` held."""
    presented = [key for key in keys if key]
    cookie = request.cookies.get(staff_cookie_name(request))
    if cookie and not acts_for_this_site(request):
        cookie = None  # another site's page: the browser sent the cookie, staff did not act
    if cookie and not presented and await _live_session(staff, services, cookie):
        # signed by the server, so not guessed: let in whatever this address has failed (the
        # clinic's staff and its waiting room's Wi-Fi share one, and ten wrong keys a minute
        # from a phone there answered every logged-in console 429)
        return StaffCheck(ok=True, https=is_https(request))
    # A key sent with a device cookie (a script that opened a device link with a cookie jar,
    # `voice-agent staff link`) is counted against that device's failures, as the login
    # form counts a browser that has logged in before: scripts were throttled by their
    # address alone, and a phone's wrong keys on the clinic's Wi-Fi stopped its exports.
    device = (
        staff.device_id(
            request.cookies.get(staff_cookie_name(request, StaffAuth.DEVICE_COOKIE)),
            now=services.clock.now(),
        )
        if presented and acts_for_this_site(request)
        else None
    )
    if device is not None:
        retry_after = await limits.blocked(f"device:{device}", device_credential(device))
        if retry_after is not None:
            raise too_many(retry_after)
    if (presented and device is None) or cookie:
        # A session cookie is checked against this client's failures only: it is signed by
        # the server, not guessed, and counted against one credential shared by every
        # browser, forged cookies from a few addresses locked every logged-in member of
        # staff out (429) for as long as they kept sending them.
        # A key from a network in good standing is checked even while guesses from
        # elsewhere hold the staff key's count at its limit (see Limits.blocked).
        by_address = [STAFF_KEY] * bool(presented and device is None)
        retry_after = await limits.blocked(ip, *by_address, standing=True)
        if retry_after is not None:
            raise too_many(retry_after)
    failures: list[str] = []
    forged = False
    ok = False
    wrong_keys = 0
    for key in presented:
        if staff.check_key(key):
            ok = True
        else:
            wrong_keys += 1
    if device is not None and wrong_keys:
        await limits.failed(f"device:{device}", STAFF_KEY, device_credential(device))
    else:
        failures.extend([STAFF_KEY] * wrong_keys)
    stale = False
    if cookie:
        now = services.clock.now()
        session_id = staff.session_id(cookie, now=now)
        if session_id is not None and await services.store.staff_sessions.is_active(
            session_id, now=now
        ):
            ok = True
        else:
            stale = True
            forged = session_id is None and not staff.genuine_but_expired(cookie)
    if not ok:
        failures.extend(also_failed)
    if failures or forged:
        await limits.failed(ip, *failures, standing=STAFF_KEY in failures)
    return StaffCheck(ok=ok, stale_cookie=stale and not ok, https=is_https(request))


async def staff_status(
    request: Request,
    api: ApiDep,
    services: ServicesDep,
    limits: LimitsDep,
    ip: ClientIpDep,
    staff_key: StaffKeyDep,
) -> StaffCheck:
    """The request's staff credentials (not ok, and nothing counted, when staff is disabled)."""
    if api.staff is None:
        return StaffCheck(ok=False)
    return await check_staff(request, api.staff, services, limits, ip, keys=[staff_key])


StaffStatusDep = Annotated[StaffCheck, Depends(staff_status)]


async def require_staff(_staff: StaffAuthDep, check: StaffStatusDep) -> None:
    if not check.ok:
        headers = (
            {"Set-Cookie": clear_staff_cookie(https=check.https)} if check.stale_cookie else None
        )
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, STAFF_REQUIRED, headers=headers)


StaffOnly = Depends(require_staff)


# --- summaries -------------------------------------------------------------------------------
NOT_AUTHORISED = "Not authorised to read the summary of this room."


@dataclass(frozen=True)
class SummaryReader:
    """Who may read a room's summary: staff (any call), or the participant ``identity``
    (only a call in which they were the caller)."""

    staff: bool
    identity: str | None = None

    def may_read(self, caller_identity: str | None) -> bool:
        return self.staff or (self.identity is not None and self.identity == caller_identity)


def _room_identity(api: ApiContext, token: str, room_name: str, now: datetime) -> str | None:
    if api.summary_tokens is not None:
        identity = api.summary_tokens.identity_in_room(token, room_name, now=now)
        if identity is not None:
            return identity
    return api.livekit.identity_in_room(token, room_name)


async def summary_reader(
    request: Request,
    room_name: str,
    api: ApiContext,
    services: ApiServices,
    limits: Limits,
    ip: str,
    *,
    bearer: str | None,
    staff_key: str | None,
) -> SummaryReader:
    """The reader the credentials stand for; 401 for anything else, decided before the
    database is read, so the answer never depends on whether the room exists.

    A bearer is tried as this room's summary token or LiveKit token, then as the staff key;
    a bearer that is neither counts as a failure against the room and the staff key.
    """
    credentials = [room_credential(room_name)] if bearer else []
    async with limits.deciding:
        await throttle(limits, ip, credentials)
        if bearer is not None:
            identity = _room_identity(api, bearer, room_name, services.clock.now())
            if identity is not None:
                return SummaryReader(staff=False, identity=identity)
        if api.staff is not None:
            check = await _check_staff(
                request,
                api.staff,
                services,
                limits,
                ip,
                keys=[bearer, staff_key],
                also_failed=credentials,
            )
            if check.ok:
                return SummaryReader(staff=True)
        elif credentials:
            await limits.failed(ip, *credentials)
    raise HTTPException(
        status.HTTP_401_UNAUTHORIZED, NOT_AUTHORISED, headers={"WWW-Authenticate": "Bearer"}
    )
