"""``GET /summary/{room_name}``: a call's summary, for that room's caller or staff only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, status

from voice_agent.adapters.api.deps import (
    ApiDep,
    BearerDep,
    ServicesDep,
    StaffKeyDep,
    authorise_room,
)
from voice_agent.adapters.api.presenters import call_record, display_phone_digits
from voice_agent.adapters.api.schemas import ROOM_NAME_PATTERN, ErrorPublic, SummaryPublic

router = APIRouter(tags=["summary"])

NO_SUMMARY = "No conversation has been recorded for this room yet."
SUMMARY_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "Missing or invalid credentials for this room"},
    404: {"model": ErrorPublic, "description": "No conversation recorded for this room"},
}


@router.get(
    "/summary/{room_name}",
    response_model=SummaryPublic,
    summary="Get a conversation summary",
    responses=SUMMARY_ERRORS,
)
async def get_summary(
    room_name: Annotated[str, Path(min_length=1, max_length=128, pattern=ROOM_NAME_PATTERN)],
    request: Request,
    api: ApiDep,
    services: ServicesDep,
    bearer: BearerDep,
    staff_key: StaffKeyDep,
) -> SummaryPublic:
    authorise_room(
        request,
        room_name,
        api,
        services.clock,
        bearer=bearer.credentials if bearer else None,
        staff_key=staff_key,
    )
    conversation = await services.store.conversations.latest_for_room(room_name)
    if conversation is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NO_SUMMARY)
    user = (
        await services.store.users.get(conversation.user_id)
        if conversation.user_id is not None
        else None
    )
    return SummaryPublic(
        **call_record(conversation),
        user_name=user.name if user else None,
        user_phone=display_phone_digits(user.phone) if user else None,
    )
