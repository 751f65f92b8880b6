"""``POST /token``: a LiveKit access token for a fresh room, plus a token to read its summary.

The room name in the answer is the one to use: a ``room_name`` in the request only becomes the
readable prefix of a room the server chose (``room-abc123`` -> ``room-abc123-3f9a...``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response, status
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from voice_agent.adapters.api.deps import (
    ApiContext,
    count_token_request,
    get_services,
    request_client,
    retry_after_header,
)
from voice_agent.adapters.api.schemas import ErrorPublic, TokenCreate, TokenPublic
from voice_agent.adapters.api.security import LiveKitNotConfigured, new_room_name

logger = logging.getLogger(__name__)


class TokenRoute(APIRoute):
    """``POST /token``'s route: each request is counted against the token limit before
    anything else (429 before the body is read; valid or not, every request counts), then a
    plain JSON request with a valid body is answered without FastAPI's request machinery.

    That machinery (content-type parsing, dependency solving, response-model handling) cost
    more than minting both tokens. Only the common case takes the short way: the body is
    exactly ``application/json`` and a valid ``TokenCreate``; the answer is the same bytes
    FastAPI would send (``TokenPublic`` dumped by pydantic, ``application/json``). Anything
    else, malformed or invalid, goes to FastAPI's handler and gets its usual answer.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def token_handler(request: Request) -> Response:
            await count_token_request(request)
            if request.headers.get("content-type") == "application/json":
                body = await _valid_body(request)
                if body is not None:
                    token = await create_token(body, request)
                    return Response(token.model_dump_json(), media_type="application/json")
            return await handle(request)

        return token_handler


async def _valid_body(request: Request) -> TokenCreate | None:
    """The request's ``TokenCreate``; None to leave the answer to FastAPI's handler."""
    try:
        return TokenCreate.model_validate_json(await request.body())
    except StarletteHTTPException:  # the body limit's 413
        raise
    except Exception:  # invalid, or the client went away mid-body: FastAPI answers, as ever
        return None


def install(app: FastAPI) -> None:
    """Add ``POST /token`` to ``app``, directly rather than through an ``APIRouter``.

    FastAPI matches an included router on every request that reaches it, and matches the
    router that answers a second time to pick its route: work for nothing on the server's
    busiest route. Install it before the routers.
    """
    app.router.add_api_route(
        "/token",
        create_token,
        methods=["POST"],
        route_class_override=TokenRoute,
        response_model=TokenPublic,
        summary="Create a LiveKit access token",
        tags=["token"],
        responses={
            400: {"model": ErrorPublic, "description": "The body could not be decoded"},
            413: {"model": ErrorPublic, "description": "Request body too large"},
            429: {
                "model": ErrorPublic,
                "description": "Rate limit exceeded, or this client has "
                "TOKEN_MAX_CALLS_PER_CLIENT calls going (see Retry-After)",
            },
            503: {
                "model": ErrorPublic,
                "description": "LiveKit credentials not configured, or TOKEN_MAX_CALLS calls "
                "going (see Retry-After)",
            },
        },
    )


async def create_token(body: TokenCreate, request: Request) -> TokenPublic:
    api: ApiContext = request.app.state.api
    services = await get_services(api)
    if not api.livekit.configured or api.summary_tokens is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, LiveKitNotConfigured.message)
    # The server always chooses the room; a requested name is only its prefix. So nobody can
    # take a room before its caller, and no answer depends on whether a room has a call.
    room_name = new_room_name(body.room_name)
    refused = await api.call_cap(services).admit(
        request_client(request), room_name, rooms=services.rooms
    )
    if refused is not None:
        code = 429 if refused.scope == "client" else 503
        raise HTTPException(code, refused.message, headers=retry_after_header(refused.retry_after))
    now = services.clock.now()
    issued = api.livekit.issue(room_name=room_name, participant_name=body.participant_name, now=now)
    summary_token, summary_expires = api.summary_tokens.issue(
        room_name=room_name, identity=issued.identity, now=now
    )
    # not the identity: it is the caller's name made safe (a JSON log formatter prints extras)
    logger.info("issued room token", extra={"room_name": room_name})
    return TokenPublic(
        token=issued.jwt,
        room_name=room_name,
        participant_name=body.participant_name,
        identity=issued.identity,
        livekit_url=api.settings.livekit_url,
        expires_at=issued.expires_at,
        expires_in=int(api.livekit.ttl.total_seconds()),
        summary_token=summary_token,
        summary_token_expires_at=summary_expires,
    )
