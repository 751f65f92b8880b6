"""``/call``: talk to the receptionist from a browser. The page (``GET /call``) sends its
microphone over WebRTC; ``POST /call/offer`` takes the page's offer and answers it, with the
call's room name and a summary token for that caller only. Rate-limited per client like
``/token``; when every line is taken the answer is 503 "All lines are busy"."""

from __future__ import annotations

import html
import json
import logging
import secrets

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import HTMLResponse, Response

from voice_agent.adapters.api import static_files
from voice_agent.adapters.api.deps import ApiDep, CallRateLimit, ClientIpDep, ServicesDep
from voice_agent.adapters.api.schemas import CallAnswerPublic, CallOffer, ErrorPublic
from voice_agent.adapters.api.security import new_room_name
from voice_agent.domain.errors import (
    CallSetupFailed,
    InvalidCallOffer,
    LinesBusy,
    TooManyCallsFromClient,
)

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/call", tags=["call"])

ASSETS = ("call.html", *static_files.SHARED, "call.css", "call.js")
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "media-src 'self' blob: mediastream:; img-src 'self' data:; form-action 'none'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
CALLS_OFF = (
    "Browser calls are turned off on this server (CALL_MAX_CONCURRENT=0, or it is starting up)."
)
BUSY_RETRY_SECONDS = 30


def load_assets() -> dict[str, str]:
    """The page's HTML, CSS and JS, read once when the app is created."""
    return static_files.load(*ASSETS)


def render_page(template: str, *, clinic_name: str, ice_servers: list[str]) -> str:
    return template.replace("<!--CLINIC-->", html.escape(clinic_name)).replace(
        "<!--ICE-->", html.escape(json.dumps([{"urls": u} for u in ice_servers]), quote=True)
    )


@router.get(
    "",
    response_class=HTMLResponse,
    summary="The browser call page: press Call and talk to the receptionist",
)
async def call_page(api: ApiDep) -> HTMLResponse:
    page = render_page(
        api.call_assets["call.html"],
        clinic_name=api.settings.clinic_name,
        ice_servers=list(api.settings.webrtc_ice_servers),
    )
    return HTMLResponse(
        page,
        headers={
            "Content-Security-Policy": PAGE_CSP,
            "Permissions-Policy": "microphone=(self), camera=(), geolocation=()",
            "Cache-Control": "no-cache",
        },
    )


@router.get("/assets/{name}", include_in_schema=False)
async def call_asset(name: str, api: ApiDep) -> Response:
    return static_files.serve(api.call_assets, name)


@router.post(
    "/offer",
    response_model=CallAnswerPublic,
    summary="Start a browser call: the page's WebRTC offer in, the server's answer out",
    dependencies=[CallRateLimit],
    responses={
        400: {"model": ErrorPublic, "description": "The offer cannot be used"},
        413: {"model": ErrorPublic, "description": "Request body too large"},
        429: {
            "model": ErrorPublic,
            "description": "Rate limit exceeded, or this client already has a call in progress "
            "(see Retry-After)",
        },
        500: {"model": ErrorPublic, "description": "The call could not be started"},
        503: {"model": ErrorPublic, "description": "All lines busy, or browser calls off"},
    },
)
async def start_call(
    body: CallOffer, api: ApiDep, services: ServicesDep, ip: ClientIpDep
) -> CallAnswerPublic:
    lines = services.calls
    if lines is None or lines.capacity == 0 or api.summary_tokens is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, CALLS_OFF)
    room_name = new_room_name()
    identity = f"browser-{secrets.token_hex(4)}"
    try:
        answer = await lines.start(
            offer_sdp=body.sdp, room_name=room_name, caller_identity=identity, client=ip
        )
    except LinesBusy as exc:
        logger.info("browser call refused: lines busy", extra={"active": lines.active})
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            str(exc),
            headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
        ) from None
    except TooManyCallsFromClient as exc:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            str(exc),
            headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
        ) from None
    except InvalidCallOffer as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None
    except CallSetupFailed as exc:
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, str(exc)) from None
    now = services.clock.now()
    token, expires = api.summary_tokens.issue(room_name=room_name, identity=identity, now=now)
    logger.info("browser call started", extra={"room_name": room_name, "identity": identity})
    return CallAnswerPublic(
        sdp=answer,
        room_name=room_name,
        summary_token=token,
        summary_token_expires_at=expires,
        max_seconds=api.settings.call_max_seconds,
    )
