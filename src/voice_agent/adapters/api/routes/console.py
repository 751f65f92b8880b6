"""The staff console's work (``/staff/api/...``, staff only): book, move and cancel on a
caller's behalf through the same rules as the agent, each action recorded with who took it;
search the calls and read one; free slots for a day; the record of staff actions; and the
read-only iCalendar feed (``/staff/calendar.ics``, by a token derived from the staff key).
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, ParamSpec, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import JSONResponse, Response

from voice_agent.adapters.api.calendar_feed import FeedTokens, calendar
from voice_agent.adapters.api.deps import (
    ApiDep,
    ClientIpDep,
    LimitsDep,
    ServicesDep,
    SettingsDep,
    StaffKeyDep,
    StaffOnly,
    check_staff,
    sent_by_another_sites_page,
    too_many,
)
from voice_agent.adapters.api.presenters import (
    day_label,
    local_label,
    pretty_phone,
    shown_transcript,
)
from voice_agent.adapters.api.schemas import (
    CalendarFeedPublic,
    CallDetailPublic,
    CallerAppointmentPublic,
    CallerMatchesPublic,
    CallerMatchPublic,
    CallerPublic,
    CallListPublic,
    CallRowPublic,
    DiscussedAppointmentPublic,
    ErrorPublic,
    FreeSlotPublic,
    FreeSlotsPublic,
    StaffActionPublic,
    StaffActionsPublic,
    StaffBookCreate,
    StaffCancelCreate,
    StaffChangePublic,
    StaffErrorPublic,
    StaffRenameCreate,
    StaffRenamePublic,
    StaffRescheduleCreate,
)
from voice_agent.domain.codes import display_code
from voice_agent.domain.errors import (
    AppointmentNotActive,
    AppointmentNotFound,
    DomainError,
    InvalidConfirmationCode,
    InvalidPhoneNumber,
    SlotUnavailable,
    StorageUnavailable,
    UserNotFound,
)
from voice_agent.domain.models import Appointment, ChangeAction, User
from voice_agent.domain.names import needs_name
from voice_agent.domain.phone import ascii_digits
from voice_agent.domain.staff import CallOutcome, CallQuery, StaffAction
from voice_agent.services.staff import (
    NEITHER_PHONE_NOR_CODE,
    StaffDesk,
    desk_message,
    staff_name,
)

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

NO_STORE = {"Cache-Control": "no-store"}
CALL_NOT_FOUND = "No call has that id."


async def _no_store(response: Response) -> None:
    response.headers.update(NO_STORE)


CHANGE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorPublic, "description": "The body could not be decoded"},
    401: {"model": ErrorPublic, "description": "Missing or wrong staff credentials"},
    404: {"model": StaffErrorPublic, "description": "No appointment has that code"},
    409: {"model": StaffErrorPublic, "description": "Slot taken, or appointment not active"},
    422: {"model": StaffErrorPublic, "description": "A rule refused it (closed day, past...)"},
    413: {"model": ErrorPublic, "description": "Request body too large"},
    503: {"model": ErrorPublic, "description": "Staff page disabled, or database down"},
}

router = APIRouter(prefix="/staff", tags=["staff console"])
api_router = APIRouter(
    prefix="/api",
    dependencies=[StaffOnly, Depends(_no_store)],
    responses={
        401: {"model": ErrorPublic, "description": "Missing or wrong staff credentials"},
        503: {"model": ErrorPublic, "description": "Staff page disabled, or database down"},
    },
)


def _refusal(exc: DomainError) -> JSONResponse:
    """A domain error as the console shows it: the message and its kind."""
    if isinstance(exc, AppointmentNotFound | UserNotFound):
        code = status.HTTP_404_NOT_FOUND
    elif isinstance(exc, SlotUnavailable | AppointmentNotActive):
        code = status.HTTP_409_CONFLICT
    else:
        code = 422
    return JSONResponse(
        {"detail": desk_message(exc), "kind": exc.kind}, status_code=code, headers=NO_STORE
    )


def _refusals(route: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R | JSONResponse]]:
    """The route, answering a rule's refusal (a domain error) as the console shows it; a database
    outage still goes to the app's 503 handler. FastAPI reads the route's own signature."""

    @functools.wraps(route)
    async def refusing(*args: P.args, **kwargs: P.kwargs) -> R | JSONResponse:
        try:
            return await route(*args, **kwargs)
        except StorageUnavailable:
            raise
        except DomainError as exc:
            return _refusal(exc)

    return refusing


def _desk(services: ServicesDep) -> StaffDesk:
    return StaffDesk(services.scheduling, services.store.staff_actions)


DeskDep = Annotated[StaffDesk, Depends(_desk)]


def _change(
    action: ChangeAction,
    appointment: Appointment,
    user: User,
    *,
    actor: str,
    before: Appointment | None = None,
) -> StaffChangePublic:
    return StaffChangePublic(
        action=action.value,
        code=display_code(appointment.code),
        status=appointment.status.value,
        date=appointment.day,
        time=f"{appointment.start:%H:%M}",
        slot=appointment.slot,
        user_id=str(user.id),
        user_name=user.name,
        user_phone=pretty_phone(user.phone),
        previous_date=before.day if before is not None else None,
        previous_time=f"{before.start:%H:%M}" if before is not None else None,
        recorded_by=staff_name(actor),
    )


# --- changes -------------------------------------------------------------------------------------
@api_router.post(
    "/appointments",
    response_model=StaffChangePublic,
    status_code=status.HTTP_201_CREATED,
    summary="Book an appointment for a caller (registering a new number with its name)",
    responses=CHANGE_ERRORS,
)
@_refusals
async def staff_book(body: StaffBookCreate, desk: DeskDep) -> StaffChangePublic:
    appointment, user = await desk.book(
        actor=body.staff_name, phone=body.phone, name=body.name, day=body.date, start=body.time
    )
    return _change(ChangeAction.BOOKED, appointment, user, actor=body.staff_name)


CodePath = Annotated[str, Path(min_length=1, max_length=32, description="Confirmation code")]


@api_router.post(
    "/appointments/{code}/reschedule",
    response_model=StaffChangePublic,
    summary="Move a caller's appointment to another free slot",
    responses=CHANGE_ERRORS,
)
@_refusals
async def staff_reschedule(
    code: CodePath, body: StaffRescheduleCreate, desk: DeskDep, services: ServicesDep
) -> StaffChangePublic:
    moved = await desk.reschedule(actor=body.staff_name, code=code, day=body.date, start=body.time)
    user = await services.scheduling.user(moved.after.user_id)
    return _change(
        ChangeAction.RESCHEDULED, moved.after, user, actor=body.staff_name, before=moved.before
    )


@api_router.post(
    "/appointments/{code}/cancel",
    response_model=StaffChangePublic,
    summary="Cancel a caller's appointment",
    responses=CHANGE_ERRORS,
)
@_refusals
async def staff_cancel(
    code: CodePath, body: StaffCancelCreate, desk: DeskDep, services: ServicesDep
) -> StaffChangePublic:
    cancelled = await desk.cancel(actor=body.staff_name, code=code)
    user = await services.scheduling.user(cancelled.user_id)
    return _change(ChangeAction.CANCELLED, cancelled, user, actor=body.staff_name)


@api_router.get(
    "/caller",
    response_model=CallerPublic,
    summary="Find a caller by phone number or by a confirmation code, with their appointments",
    responses={
        404: {"model": StaffErrorPublic, "description": "No caller with that number or code"},
        422: {"model": StaffErrorPublic, "description": "Neither a phone number nor a code"},
    },
)
@_refusals
async def staff_caller(
    services: ServicesDep,
    q: Annotated[
        str,
        Query(min_length=1, max_length=40, description="A phone number, or a confirmation code"),
    ],
) -> CallerPublic:
    scheduling = services.scheduling
    user: User | None
    try:
        appointment = await scheduling.appointment_by_code(q)
    except InvalidConfirmationCode:  # not a code's form: a phone number, or neither
        try:
            user = await scheduling.find_user_by_phone(q)
        except InvalidPhoneNumber as exc:
            # "WHG8GKX", a code missing a letter, was "That phone number has only 1 digits"
            detail = exc.detail | {"reason": NEITHER_PHONE_NOR_CODE}
            raise InvalidPhoneNumber(str(exc), **detail) from None
        if user is None:
            raise UserNotFound("No caller has that phone number.") from None
    else:
        if appointment is None:
            raise AppointmentNotFound("No appointment has that confirmation code.")
        user = await scheduling.user(appointment.user_id)
    tz = scheduling.calendar.timezone
    now = services.clock.now()
    return CallerPublic(
        user_id=str(user.id),
        user_name=user.name,
        user_phone=user.phone,
        user_phone_display=pretty_phone(user.phone),
        needs_name=needs_name(user.name),
        created_at=user.created_at,
        created_at_local=local_label(user.created_at.astimezone(tz)),
        appointments=[
            CallerAppointmentPublic(
                code=display_code(a.code),
                status=a.status.value,
                date=a.day,
                time=f"{a.start:%H:%M}",
                label=f"{day_label(a.day)} at {a.start:%H:%M}",
                past=a.starts_at(tz) <= now,
            )
            for a in await scheduling.appointments(user.id)
        ],
    )


CALLERS_BY_NAME = 20


NAME_OR_UNNAMED = "Give part of a caller's name (2 characters or more), or unnamed=true."


@api_router.get(
    "/callers",
    response_model=CallerMatchesPublic,
    summary="Find callers by name (every word, any case, anywhere in the name), or those "
    'without a name (unnamed=true: "Unknown Caller", newest first)',
    responses={422: {"model": ErrorPublic, "description": "Neither a name nor unnamed=true"}},
)
async def staff_callers(
    services: ServicesDep,
    name: Annotated[
        str | None, Query(min_length=2, max_length=40, description="Part of a name")
    ] = None,
    unnamed: Annotated[
        bool, Query(description="The callers whose name staff are to fill in")
    ] = False,
) -> CallerMatchesPublic:
    scheduling = services.scheduling
    if unnamed:
        found = await scheduling.users_without_name(limit=CALLERS_BY_NAME + 1)
    elif name is not None:
        found = await scheduling.find_users_by_name(name, limit=CALLERS_BY_NAME + 1)
    else:
        raise HTTPException(422, NAME_OR_UNNAMED)
    tz = scheduling.calendar.timezone
    return CallerMatchesPublic(
        callers=[
            CallerMatchPublic(
                user_id=str(u.id),
                user_name=u.name,
                user_phone=u.phone,
                user_phone_display=pretty_phone(u.phone),
                needs_name=needs_name(u.name),
                created_at_local=local_label(u.created_at.astimezone(tz)),
            )
            for u in found[:CALLERS_BY_NAME]
        ],
        more=len(found) > CALLERS_BY_NAME,
    )


@api_router.post(
    "/callers/{user_id}/name",
    response_model=StaffRenamePublic,
    summary="Correct a caller's name (one not understood on a call, or misheard), recorded "
    "with who did it and the name before",
    responses={
        400: {"model": ErrorPublic, "description": "The body could not be decoded"},
        404: {"model": StaffErrorPublic, "description": "No caller has that id"},
        422: {"model": StaffErrorPublic, "description": "Not a name (digits, markup, too long)"},
        413: {"model": ErrorPublic, "description": "Request body too large"},
    },
)
@_refusals
async def staff_rename(user_id: UUID, body: StaffRenameCreate, desk: DeskDep) -> StaffRenamePublic:
    renamed = await desk.rename(actor=body.staff_name, user_id=user_id, name=body.name)
    user = renamed.user
    return StaffRenamePublic(
        user_id=str(user.id),
        user_name=user.name or "",
        previous_name=renamed.previous_name,
        user_phone=user.phone,
        user_phone_display=pretty_phone(user.phone),
        recorded_by=staff_name(body.staff_name),
    )


@api_router.get(
    "/slots",
    response_model=FreeSlotsPublic,
    summary="The free slots of a day (as the agent offers them)",
    responses={422: {"model": StaffErrorPublic, "description": "Closed or out of range"}},
)
@_refusals
async def staff_free_slots(
    services: ServicesDep,
    day: Annotated[str, Query(alias="date", min_length=1, max_length=40)],
) -> FreeSlotsPublic:
    scheduling = services.scheduling
    availability = await scheduling.available_slots(scheduling.parse_day(day, exact=True))
    return FreeSlotsPublic(
        date=availability.day,
        label=day_label(availability.day),
        free=[FreeSlotPublic(start=f"{s.start:%H:%M}", label=s.label) for s in availability.free],
    )


# --- the record of staff actions ----------------------------------------------------------------
def _action(action: StaffAction, tz: Any) -> StaffActionPublic:
    return StaffActionPublic(
        id=str(action.id),
        at=action.at,
        at_local=local_label(action.at.astimezone(tz)),
        actor=action.actor,
        kind=action.kind.value,
        outcome=action.outcome,
        message=action.message,
        code=display_code(action.code) if action.code is not None else None,
        date=action.day,
        time=f"{action.start:%H:%M}" if action.start is not None else None,
        previous_date=action.previous_day,
        previous_time=f"{action.previous_start:%H:%M}" if action.previous_start else None,
        name=action.name,
        previous_name=action.previous_name,
    )


@api_router.get(
    "/actions",
    response_model=StaffActionsPublic,
    summary="What staff did for callers, newest first (who, when, what, how it went)",
    responses={422: {"model": StaffErrorPublic, "description": "Not a confirmation code"}},
)
@_refusals
async def staff_actions(
    desk: DeskDep,
    services: ServicesDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    code: Annotated[str | None, Query(max_length=32)] = None,
) -> StaffActionsPublic:
    tz = services.scheduling.calendar.timezone
    actions = await desk.history(limit=limit, appointment_code=code or None)
    return StaffActionsPublic(timezone=str(tz), actions=[_action(a, tz) for a in actions])


# --- calls ---------------------------------------------------------------------------------------
def _total_cost(cost: dict[str, Any] | None) -> float | None:
    value = (cost or {}).get("total_cost")
    return float(value) if isinstance(value, int | float) else None


def _midnight(day: date, tz: ZoneInfo, *, days_after: int) -> datetime | None:
    """The start of the day ``days_after`` days after ``day`` in the clinic's zone, in UTC;
    None (no bound) beyond the dates Python can hold: ``to=9999-12-31`` answered 500."""
    try:
        return datetime.combine(day + timedelta(days=days_after), time(0), tzinfo=tz).astimezone(
            UTC
        )
    except OverflowError:
        return None


@api_router.get(
    "/calls",
    response_model=CallListPublic,
    summary="Search the calls: date range (clinic time), phone, outcome; one page at a time",
    responses={422: {"model": StaffErrorPublic, "description": "A filter that cannot be used"}},
)
@_refusals
async def staff_calls(
    services: ServicesDep,
    first_text: Annotated[
        str | None, Query(alias="from", max_length=40, description="First day: 2026-11-26...")
    ] = None,
    last_text: Annotated[
        str | None, Query(alias="to", max_length=40, description="Last day (included)")
    ] = None,
    phone: Annotated[str | None, Query(max_length=32, description="Digits of the number")] = None,
    outcome: Annotated[CallOutcome | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> CallListPublic:
    tz = services.scheduling.calendar.timezone
    # read as the other staff dates are, strictly and in the domain's words: pydantic's
    # dates took 1699920000 for 2023-11-14 (seconds since 1970) and refused 20261126 as
    # "Datetimes provided to dates should have zero time"
    first, last = (
        services.scheduling.parse_day(text, exact=True) if text else None
        for text in (first_text, last_text)
    )
    if first is not None and last is not None and last < first:
        raise HTTPException(422, "'to' is before 'from'.")
    # any script's digits, as the tools read them: "٦١٧" matched no stored +1617... number
    digits = ascii_digits(phone or "")
    query = CallQuery(
        started_from=_midnight(first, tz, days_after=0) if first else None,
        started_before=_midnight(last, tz, days_after=1) if last else None,
        phone_digits=digits or None,
        outcome=outcome,
        limit=per_page,
        offset=(page - 1) * per_page,
    )
    found = await services.store.conversations.search(query)
    users: dict[UUID, User | None] = {}
    rows = []
    for c in found.items:
        user = None
        if c.user_id is not None:
            if c.user_id not in users:
                users[c.user_id] = await services.store.users.get(c.user_id)
            user = users[c.user_id]
        changes = sorted({a.action.value for a in c.appointments_discussed} - {"viewed"})
        rows.append(
            CallRowPublic(
                id=str(c.id),
                room_name=c.room_name,
                created_at=c.started_at,
                created_at_local=local_label(c.started_at.astimezone(tz)),
                user_name=user.name if user else None,
                user_phone=pretty_phone(user.phone) if user else None,
                duration_seconds=c.duration_seconds,
                ended=c.ended_at is not None,
                end_reason=c.end_reason,
                outcomes=changes,
                summary=c.summary,
                total_cost=_total_cost(c.cost_breakdown),
            )
        )
    return CallListPublic(
        timezone=str(tz),
        items=rows,
        total=found.total,
        page=page,
        per_page=per_page,
        pages=max(1, math.ceil(found.total / per_page)),
    )


@api_router.get(
    "/calls/{call_id}",
    response_model=CallDetailPublic,
    summary="One call: transcript, appointments discussed (and their status now), cost",
    responses={404: {"model": ErrorPublic, "description": "No call has that id"}},
)
async def staff_call(call_id: UUID, services: ServicesDep) -> CallDetailPublic:
    tz = services.scheduling.calendar.timezone
    c = await services.store.conversations.get(call_id)
    if c is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, CALL_NOT_FOUND)
    user = await services.store.users.get(c.user_id) if c.user_id is not None else None
    discussed = []
    for change in c.appointments_discussed:
        now = await services.store.appointments.get_by_code(change.code)
        stored = change.to_json()
        discussed.append(
            DiscussedAppointmentPublic(
                action=stored["action"],
                code=display_code(change.code),
                date=stored["date"],
                time=stored["time"],
                previous_date=stored.get("previous_date"),
                previous_time=stored.get("previous_time"),
                status_now=now.status.value if now is not None else None,
            )
        )
    return CallDetailPublic(
        id=str(c.id),
        room_name=c.room_name,
        created_at=c.started_at,
        created_at_local=local_label(c.started_at.astimezone(tz)),
        user_id=str(c.user_id) if c.user_id else None,
        user_name=user.name if user else None,
        user_phone=pretty_phone(user.phone) if user else None,
        ended=c.ended_at is not None,
        end_reason=c.end_reason,
        duration_seconds=c.duration_seconds,
        summary=c.summary,
        appointments=discussed,
        preferences_mentioned=c.preferences_mentioned,
        transcript=shown_transcript(c.transcript),
        cost_breakdown=c.cost_breakdown,
    )


# --- calendar feed -------------------------------------------------------------------------------
def _feed_tokens(settings: SettingsDep) -> FeedTokens:
    key = settings.secret("staff_api_key")
    if key is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "The staff page is disabled.")
    return FeedTokens(key, version=settings.calendar_feed_version)


FeedDep = Annotated[FeedTokens, Depends(_feed_tokens)]


@api_router.get(
    "/calendar",
    response_model=CalendarFeedPublic,
    summary="The address of the iCalendar feed of booked appointments",
)
async def staff_calendar_address(
    request: Request, feed: FeedDep, settings: SettingsDep
) -> CalendarFeedPublic:
    url = request.url_for("staff_calendar_feed").include_query_params(token=feed.token)
    if settings.allowed_host_names is None:
        # any Host header is answered: it may be forged, so the address is relative and the
        # page makes it whole from the address it was itself opened at
        return CalendarFeedPublic(url=f"{url.path}?{url.query}")
    return CalendarFeedPublic(url=str(url))


FEED_PAST_DAYS = 30
FEED_REFUSED = "A valid feed token is required."
ANOTHER_SITE = "The feed is read by a calendar app or from its address, not by another site's page."


@router.get(
    "/calendar.ics",
    summary="iCalendar feed of booked appointments (read-only; staff token or credentials)",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "The VCALENDAR"},
        401: {"model": ErrorPublic, "description": "Missing or wrong token"},
        403: {"model": ErrorPublic, "description": "Asked for by another site's page"},
        503: {"model": ErrorPublic, "description": "Staff page disabled"},
    },
)
async def staff_calendar_feed(
    request: Request,
    api: ApiDep,
    services: ServicesDep,
    feed: FeedDep,
    limits: LimitsDep,
    ip: ClientIpDep,
    staff_key: StaffKeyDep,
    token: Annotated[str | None, Query(max_length=128)] = None,
) -> Response:
    # the feed token is throttled and its failures counted against this client only: it is
    # 256 bits from the staff key, not guessed, and counted against one credential for every
    # client, wrong tokens from a few addresses stopped every calendar app's refresh
    if token is not None:
        if sent_by_another_sites_page(request):
            raise HTTPException(status.HTTP_403_FORBIDDEN, ANOTHER_SITE)
        async with limits.deciding:
            retry_after = await limits.blocked(ip)
            if retry_after is not None:
                raise too_many(retry_after)
            if not feed.check(token):
                await limits.failed(ip)
                raise HTTPException(status.HTTP_401_UNAUTHORIZED, FEED_REFUSED)
    elif (
        api.staff is None
        or not (await check_staff(request, api.staff, services, limits, ip, keys=[staff_key])).ok
    ):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, FEED_REFUSED)
    scheduling = services.scheduling
    today = scheduling.today()
    cal = scheduling.calendar
    entries = await scheduling.schedule(
        today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=cal.booking_horizon_days)
    )
    body = calendar(
        entries,
        clinic_name=api.settings.clinic_name,
        timezone=cal.timezone,
        slot_minutes=cal.slot_minutes,
        now=services.clock.now(),
    )
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "private, no-cache",
            "Content-Disposition": 'inline; filename="appointments.ics"',
        },
    )


router.include_router(api_router)
