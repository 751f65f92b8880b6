"""Request-scoped dependencies, exposed as ``Annotated`` aliases for route signatures."""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from voice_agent.adapters.api.security import (
    LiveKitTokens,
    RateLimiter,
    StaffAuth,
    SummaryTokens,
)
from voice_agent.config import Settings
from voice_agent.domain.clock import Clock
from voice_agent.domain.ports import Store
from voice_agent.services.scheduling import SchedulingService

# Dependencies are ``async def`` so FastAPI runs them on the event loop: a plain ``def``
# would cost a thread-pool hop per dependency per request.


@dataclass(frozen=True)
class ApiServices:
    """What the routes use from the application; the entry point (``voice-agent serve``)
    builds it from the composition root."""

    clock: Clock
    scheduling: SchedulingService
    store: Store


OpenServices = Callable[[], AbstractAsyncContextManager[ApiServices]]
"""Opens the services when the app starts and closes them when it stops."""


@dataclass
class ApiContext:
    """What create_app builds once per application (never at import time)."""

    settings: Settings
    livekit: LiveKitTokens
    summary_tokens: SummaryTokens | None
    staff: StaffAuth | None
    token_limiter: RateLimiter
    login_limiter: RateLimiter
    assets: dict[str, str]
    services: ApiServices | None = None


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


async def client_ip(request: Request) -> str:
    # uvicorn rewrites request.client from X-Forwarded-For only for --forwarded-allow-ips.
    return request.client.host if request.client else "unknown"


ClientIpDep = Annotated[str, Depends(client_ip)]


def _too_many(retry_after: float) -> HTTPException:
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        "Too many requests; try again later.",
        headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
    )


async def limit_token_requests(api: ApiDep, ip: ClientIpDep) -> None:
    retry_after = api.token_limiter.hit(ip)
    if retry_after is not None:
        raise _too_many(retry_after)


async def limit_login_attempts(api: ApiDep, ip: ClientIpDep) -> None:
    retry_after = api.login_limiter.hit(ip)
    if retry_after is not None:
        raise _too_many(retry_after)


TokenRateLimit = Depends(limit_token_requests)
LoginRateLimit = Depends(limit_login_attempts)


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


# --- staff -----------------------------------------------------------------------------------
STAFF_DISABLED = "The staff page is disabled: set STAFF_API_KEY on the server to enable it."


async def get_staff_auth(api: ApiDep) -> StaffAuth:
    if api.staff is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, STAFF_DISABLED)
    return api.staff


StaffAuthDep = Annotated[StaffAuth, Depends(get_staff_auth)]


def is_staff(request: Request, staff: StaffAuth, clock: Clock, header_key: str | None) -> bool:
    if staff.check_key(header_key):
        return True
    return staff.check_session(request.cookies.get(StaffAuth.COOKIE), now=clock.now())


async def require_staff(
    request: Request,
    staff: StaffAuthDep,
    services: ServicesDep,
    staff_key: StaffKeyDep,
) -> None:
    if not is_staff(request, staff, services.clock, staff_key):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Staff credentials required: send X-Staff-Key or log in at /staff.",
        )


StaffOnly = Depends(require_staff)


# --- summaries -------------------------------------------------------------------------------
NOT_AUTHORISED = "Not authorised to read the summary of this room."


def authorise_room(
    request: Request,
    room_name: str,
    api: ApiContext,
    clock: Clock,
    *,
    bearer: str | None,
    staff_key: str | None,
) -> None:
    """Allow the holder of this room's summary token or LiveKit token, or staff; else 401.

    Decided before the database is read, so the answer never depends on whether the room
    exists.
    """
    now = clock.now()
    if bearer is not None:
        if api.summary_tokens is not None and api.summary_tokens.grants_room(
            bearer, room_name, now=now
        ):
            return
        if api.livekit.grants_room(bearer, room_name):
            return
    if api.staff is not None and (
        api.staff.check_key(bearer) or is_staff(request, api.staff, clock, staff_key)
    ):
        return
    raise HTTPException(
        status.HTTP_401_UNAUTHORIZED, NOT_AUTHORISED, headers={"WWW-Authenticate": "Bearer"}
    )
