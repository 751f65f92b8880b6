"""``GET /summary/{room_name}``: a call's summary, for the participant who was its caller, or
staff. Another participant of the same room (or a token for it) reads "no call recorded"."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, status

from voice_agent.adapters.api.deps import (
    ApiDep,
    BearerDep,
    ClientIpDep,
    LimitsDep,
    ServicesDep,
    StaffKeyDep,
    summary_reader,
)
from voice_agent.adapters.api.presenters import call_record, display_phone_digits
from voice_agent.adapters.api.schemas import ROOM_NAME_PATTERN, ErrorPublic, SummaryPublic
from voice_agent.domain.costs import seed_costs
from voice_agent.services.summaries import as_caller_reads

router = APIRouter(tags=["summary"])

NO_SUMMARY = "No conversation has been recorded for this room yet."
SUMMARY_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "Missing or invalid credentials for this room"},
    404: {"model": ErrorPublic, "description": "No conversation of yours recorded in this room"},
    429: {"model": ErrorPublic, "description": "Too many failed credentials (see Retry-After)"},
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
    limits: LimitsDep,
    ip: ClientIpDep,
    bearer: BearerDep,
    staff_key: StaffKeyDep,
) -> SummaryPublic:
    reader = await summary_reader(
        request,
        room_name,
        api,
        services,
        limits,
        ip,
        bearer=bearer.credentials if bearer else None,
        staff_key=staff_key,
    )
    conversation = await services.store.conversations.latest_for_room(room_name)
    # Someone else's call in this room reads exactly like no call at all.
    if conversation is None or not reader.may_read(conversation.caller_identity):
        raise HTTPException(status.HTTP_404_NOT_FOUND, NO_SUMMARY)
    if not reader.staff:
        conversation = as_caller_reads(conversation)  # after a restart, the part after it
    user = (
        await services.store.users.get(conversation.user_id)
        if conversation.user_id is not None
        else None
    )
    seed = [change.to_seed_json() for change in conversation.appointments_discussed]
    return SummaryPublic(
        **call_record(conversation),
        # the caller's own reading names no one: the record does not keep whether they gave
        # the name (a number alone is not told whose it is); staff read it
        user_name=user.name if user and reader.staff else None,
        user_phone=display_phone_digits(user.phone) if user else None,
        appointments=[entry for entry in seed if entry is not None],
        preferences=list(conversation.preferences_mentioned),
        costs=seed_costs(conversation.cost_breakdown),
    )
