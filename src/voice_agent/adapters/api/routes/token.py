"""``POST /token``: a LiveKit access token for a fresh room, plus a token to read its summary.

The room name in the answer is the one to use: a ``room_name`` in the request only becomes the
readable prefix of a room the server chose (``room-abc123`` -> ``room-abc123-3f9a...``).
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, status

from voice_agent.adapters.api.deps import ApiDep, ServicesDep, TokenRateLimit
from voice_agent.adapters.api.schemas import ErrorPublic, TokenCreate, TokenPublic
from voice_agent.adapters.api.security import LiveKitNotConfigured, new_room_name

logger = logging.getLogger(__name__)
router = APIRouter(tags=["token"])


@router.post(
    "/token",
    response_model=TokenPublic,
    summary="Create a LiveKit access token",
    dependencies=[TokenRateLimit],
    responses={
        400: {"model": ErrorPublic, "description": "The body could not be decoded"},
        413: {"model": ErrorPublic, "description": "Request body too large"},
        429: {"model": ErrorPublic, "description": "Rate limit exceeded (see Retry-After)"},
        503: {"model": ErrorPublic, "description": "LiveKit credentials not configured"},
    },
)
async def create_token(body: TokenCreate, api: ApiDep, services: ServicesDep) -> TokenPublic:
    if not api.livekit.configured or api.summary_tokens is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, LiveKitNotConfigured.message)
    # The server always chooses the room; a requested name is only its prefix. So nobody can
    # take a room before its caller, and no answer depends on whether a room has a call.
    room_name = new_room_name(body.room_name)
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
