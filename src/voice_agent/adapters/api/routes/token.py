"""``POST /token``: a LiveKit access token for one room, plus a token to read its summary."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, status

from voice_agent.adapters.api.deps import ApiDep, ServicesDep, TokenRateLimit
from voice_agent.adapters.api.schemas import ErrorPublic, TokenCreate, TokenPublic
from voice_agent.adapters.api.security import LiveKitNotConfigured, new_room_name

logger = logging.getLogger(__name__)
router = APIRouter(tags=["token"])

ROOM_IN_USE = "That room already has a conversation; omit room_name to get a fresh room."


@router.post(
    "/token",
    response_model=TokenPublic,
    summary="Create a LiveKit access token",
    dependencies=[TokenRateLimit],
    responses={
        400: {"model": ErrorPublic, "description": "The body could not be decoded"},
        409: {"model": ErrorPublic, "description": "The room already holds a conversation"},
        413: {"model": ErrorPublic, "description": "Request body too large"},
        429: {"model": ErrorPublic, "description": "Rate limit exceeded (see Retry-After)"},
        503: {"model": ErrorPublic, "description": "LiveKit credentials not configured"},
    },
)
async def create_token(body: TokenCreate, api: ApiDep, services: ServicesDep) -> TokenPublic:
    if not api.livekit.configured or api.summary_tokens is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, LiveKitNotConfigured.message)
    room_name = body.room_name
    if room_name is None:
        room_name = new_room_name()
    elif await services.store.conversations.latest_for_room(room_name) is not None:
        # A caller-chosen name must not reopen someone else's call (or its summary).
        raise HTTPException(status.HTTP_409_CONFLICT, ROOM_IN_USE)
    now = services.clock.now()
    issued = api.livekit.issue(room_name=room_name, participant_name=body.participant_name, now=now)
    summary_token, summary_expires = api.summary_tokens.issue(
        room_name=room_name, identity=issued.identity, now=now
    )
    logger.info("issued room token", extra={"room_name": room_name, "identity": issued.identity})
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
