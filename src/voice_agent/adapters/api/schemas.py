"""Request and response bodies of the HTTP API (Pydantic at the edge)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

ROOM_NAME_PATTERN = r"^[A-Za-z0-9_.\-]{1,128}$"
# The letters people's names are written in, spelled out as ranges (``\w`` means ASCII to some
# JSON Schema readers and every script to Python, so the published pattern would say less
# than the server accepts): Latin with its accents and combining marks, Greek, Cyrillic,
# Hebrew, Arabic, Devanagari, Vietnamese, kana, CJK and Hangul; then digits and _ . - '.
_NAME_CHARACTERS = (
    r"A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F\u0386\u0388-\u03CE"
    r"\u0400-\u04FF\u05D0-\u05EA\u0620-\u064A\u0900-\u097F\u1E00-\u1EFF\u3040-\u30FF"
    r"\u4E00-\u9FFF\uAC00-\uD7A3_.\-'\u2019"
)
PARTICIPANT_NAME_PATTERN = (
    rf"^[{_NAME_CHARACTERS}]([{_NAME_CHARACTERS} ]{{0,62}}[{_NAME_CHARACTERS}])?$"
)
PARTICIPANT_NAME_RULE = (
    "participant_name must be 1-64 characters: letters (accented ones too), digits, spaces "
    "and _ . - ' (no space at either end)."
)
ROOM_NAME_RULE = (
    "room_name must be 1-128 characters of A-Z a-z 0-9 _ . - (no spaces or accents): it "
    "becomes the start of the room's name."
)
_PARTICIPANT_NAME = re.compile(PARTICIPANT_NAME_PATTERN)
_ROOM_NAME = re.compile(ROOM_NAME_PATTERN)


def is_participant_name(text: str) -> bool:
    """Whether ``text`` may be a display name (:data:`PARTICIPANT_NAME_PATTERN`, the pattern
    the API publishes); an accent typed as a combining mark counts as the letter's."""
    return _PARTICIPANT_NAME.fullmatch(text) is not None


def _participant_name(value: object) -> object:
    """The name in NFC ("Jose" and a combining acute is "José"), or the rule said plainly
    (pydantic's message would be the pattern)."""
    if not isinstance(value, str):
        return value  # str validation answers "Input should be a valid string"
    if not is_participant_name(value):
        raise PydanticCustomError("participant_name", PARTICIPANT_NAME_RULE)
    return unicodedata.normalize("NFC", value)


def _room_name(value: str | None) -> str | None:
    if value is not None and not _ROOM_NAME.fullmatch(value):
        raise PydanticCustomError("room_name", ROOM_NAME_RULE)
    return value


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


ParticipantName = Annotated[
    str,
    BeforeValidator(_participant_name),
    Field(
        min_length=1,
        max_length=64,
        json_schema_extra={"pattern": PARTICIPANT_NAME_PATTERN},
        description="Display name: 1-64 letters (accented ones too), digits, spaces and "
        "_ . - ' (no space at either end).",
        examples=["user-john", "José O'Brien-Núñez"],
    ),
]


class ErrorPublic(BaseModel):
    detail: Any = Field(description="What went wrong, safe to show to a user.")


class HealthPublic(BaseModel):
    status: str = Field(examples=["ok"])
    message: str = Field(examples=["Voice Agent Token Server is running"])
    timestamp: datetime = Field(description="The server's time, UTC (the seed's token_server.py).")


class ReadinessPublic(BaseModel):
    status: str = Field(examples=["ok", "unavailable"])
    database: str = Field(examples=["ok", "unavailable"])


class TokenCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"room_name": "room-abc123", "participant_name": "user-john"}]
        }
    )

    room_name: Annotated[
        str | None, BeforeValidator(_blank_is_none), AfterValidator(_room_name)
    ] = Field(
        default=None,
        max_length=128,
        json_schema_extra={"pattern": r"^(\s*|[A-Za-z0-9_.\-]{1,128})$"},
        description=(
            "Prefix of the room's name (1-128 of A-Z a-z 0-9 _ . -; kept to its first 107). "
            "The server always creates a fresh, unguessable room, named `<room_name>-<random>` "
            "(or `room-<random>` without one): use the room_name of the answer."
        ),
        examples=["room-abc123"],
    )
    participant_name: ParticipantName


class TokenPublic(BaseModel):
    token: str = Field(description="LiveKit access token (JWT) for this room only.")
    room_name: str
    participant_name: str
    identity: str = Field(description="Unique participant identity inside the room.")
    livekit_url: str | None = Field(description="WebSocket URL of the LiveKit server.")
    expires_at: datetime = Field(description="When the LiveKit token stops admitting joins.")
    expires_in: int = Field(description="Seconds the LiveKit token is valid for.")
    summary_token: str = Field(
        description="Send as `Authorization: Bearer ...` to GET /summary/{room_name}."
    )
    summary_token_expires_at: datetime


class SummaryPublic(BaseModel):
    id: str
    user_id: str | None
    user_name: str | None
    user_phone: str | None
    room_name: str
    summary: str | None
    appointments_discussed: list[dict[str, Any]]
    preferences_mentioned: list[str]
    transcript: list[dict[str, Any]]
    cost_breakdown: dict[str, Any] | None
    duration_seconds: int | None
    created_at: datetime
    # the names the seed's token_server.py answers with (its frontend reads these)
    appointments: list[dict[str, Any]] = Field(
        description="The seed's list: `id` (the confirmation code), `action` (`booked`, "
        "`modified`, `cancelled`), `date`, `time`, and for a move `rescheduled_time`."
    )
    preferences: list[str] = Field(description="As `preferences_mentioned`.")
    costs: dict[str, Any] = Field(
        description="As `cost_breakdown`, with the seed's `usage.stt_seconds` (zero if unknown)."
    )


# --- staff -------------------------------------------------------------------------------------
class StaffAppointmentPublic(BaseModel):
    id: str
    code: str
    status: str
    user_id: str
    user_name: str | None
    user_phone: str
    user_phone_display: str
    needs_name: bool = Field(
        default=False,
        description='No name a person gave is on file ("Unknown Caller"): staff are to fill it in.',
    )


class StaffSlotPublic(BaseModel):
    start: str = Field(examples=["09:00"])
    end: str = Field(examples=["10:00"])
    label: str = Field(examples=["09:00-10:00"])
    starts_at: datetime
    past: bool
    appointments: list[StaffAppointmentPublic]


class StaffDayPublic(BaseModel):
    date: date
    label: str = Field(examples=["Wednesday, November 25, 2026"])
    is_today: bool
    open: bool
    slots: list[StaffSlotPublic]
    booked: int


class SchedulePublic(BaseModel):
    clinic_name: str
    timezone: str
    today: date
    now: datetime
    now_label: str = Field(
        examples=["Wednesday, November 25, 2026, 10:00 EST"],
        description="`now` in clinic time, 24-hour like every time on the staff page",
    )
    days: list[StaffDayPublic]


class StaffConversationPublic(BaseModel):
    id: str
    room_name: str
    user_id: str | None
    user_name: str | None
    user_phone: str | None
    created_at: datetime
    created_at_local: str
    ended: bool
    end_reason: str | None
    duration_seconds: int | None
    summary: str | None
    appointments_discussed: list[dict[str, Any]]
    preferences_mentioned: list[str]
    transcript: list[dict[str, Any]]
    cost_breakdown: dict[str, Any] | None


class ConversationsPublic(BaseModel):
    timezone: str
    conversations: list[StaffConversationPublic]


# --- browser calls -----------------------------------------------------------------------------
class CallOffer(BaseModel):
    sdp: str = Field(
        min_length=1, max_length=20_000, description="The browser's WebRTC offer (SDP text)."
    )
    type: Literal["offer"] = "offer"


class CallAnswerPublic(BaseModel):
    sdp: str = Field(description="The server's WebRTC answer (SDP text, every candidate in it).")
    type: Literal["answer"] = "answer"
    room_name: str = Field(description="The call's name: its record is GET /summary/{room_name}.")
    summary_token: str = Field(
        description="Send as `Authorization: Bearer ...` to GET /summary/{room_name}."
    )
    summary_token_expires_at: datetime
    max_seconds: int = Field(description="The call is ended after this many seconds.")


# --- staff console -----------------------------------------------------------------------------
Day = date  # fields named "date" below would hide the type

StaffName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="Who at the desk is making the change (kept in the record of staff actions).",
        examples=["Dana"],
    ),
]
DayText = Annotated[
    str,
    Field(min_length=1, max_length=40, description="A date: 2026-11-26, tomorrow, friday..."),
]
TimeText = Annotated[
    str, Field(min_length=1, max_length=20, description="A time: 14:00, 2 pm, ten...")
]


class StaffBookCreate(BaseModel):
    staff_name: StaffName
    phone: str = Field(min_length=1, max_length=32, examples=["(310) 555-2689"])
    name: str | None = Field(
        default=None, max_length=100, description="Needed when the number is not registered."
    )
    date: DayText
    time: TimeText


class StaffRescheduleCreate(BaseModel):
    staff_name: StaffName
    date: DayText
    time: TimeText


class StaffCancelCreate(BaseModel):
    staff_name: StaffName


class StaffErrorPublic(BaseModel):
    detail: Any = Field(
        description="Why the change was refused, as the agent would say it (a list of "
        "problems for a body that does not fit the schema)."
    )
    kind: str | None = Field(
        default=None, description="The kind of refusal (slot_unavailable, date_in_past...)."
    )


class StaffChangePublic(BaseModel):
    """An appointment after a change made by staff."""

    action: str = Field(examples=["booked", "rescheduled", "cancelled"])
    code: str
    status: str
    date: Day
    time: str = Field(examples=["14:00"])
    slot: str
    user_id: str
    user_name: str | None
    user_phone: str
    previous_date: Day | None = None
    previous_time: str | None = None
    recorded_by: str


class FreeSlotPublic(BaseModel):
    start: str = Field(examples=["14:00"])
    label: str = Field(examples=["14:00-15:00"])


class CallerAppointmentPublic(BaseModel):
    code: str
    status: str
    date: Day
    time: str = Field(examples=["14:00"])
    label: str = Field(examples=["Friday, November 27, 2026 at 14:00"])
    past: bool = Field(description="It has started or is over (clinic time).")


class CallerPublic(BaseModel):
    """A caller found at the desk by phone number or by one of their confirmation codes."""

    user_id: str
    user_name: str | None
    user_phone: str
    user_phone_display: str
    needs_name: bool = Field(
        default=False,
        description='No name a person gave is on file ("Unknown Caller"): staff are to fill it in.',
    )
    created_at: datetime
    created_at_local: str = Field(
        examples=["Wednesday, November 25, 2026, 10:00 EST"],
        description="When the account was opened, in clinic time (24-hour).",
    )
    appointments: list[CallerAppointmentPublic] = Field(description="All of them, newest first.")


class CallerMatchPublic(BaseModel):
    user_id: str
    user_name: str | None
    user_phone: str
    user_phone_display: str
    needs_name: bool = Field(
        default=False,
        description='No name a person gave is on file ("Unknown Caller"): staff are to fill it in.',
    )
    created_at_local: str = Field(
        default="", description="When the account was opened, in clinic time (24-hour)."
    )


class CallerMatchesPublic(BaseModel):
    """Callers found at the desk by name (or those without one): each opens with
    ``GET /staff/api/caller?q=`` and its number."""

    callers: list[CallerMatchPublic] = Field(
        description="By name, at most 20 (without a name: the newest accounts first)."
    )
    more: bool = Field(description="More callers match: give more of the name.")


class StaffRenameCreate(BaseModel):
    staff_name: StaffName
    name: str = Field(
        max_length=200,
        description="The caller's name as it should be (checked as a new caller's name is).",
        examples=["Zoë O'Hara"],
    )


class StaffRenamePublic(BaseModel):
    """A caller after staff corrected their name."""

    user_id: str
    user_name: str
    previous_name: str | None
    user_phone: str
    user_phone_display: str
    recorded_by: str


class FreeSlotsPublic(BaseModel):
    date: Day
    label: str
    free: list[FreeSlotPublic]


class CallRowPublic(BaseModel):
    id: str
    room_name: str
    created_at: datetime
    created_at_local: str
    user_name: str | None
    user_phone: str | None
    duration_seconds: int | None
    ended: bool
    end_reason: str | None
    outcomes: list[str] = Field(description="booked / rescheduled / cancelled, or none.")
    summary: str | None
    total_cost: float | None


class CallListPublic(BaseModel):
    timezone: str
    items: list[CallRowPublic]
    total: int
    page: int
    per_page: int
    pages: int


class DiscussedAppointmentPublic(BaseModel):
    action: str
    code: str
    date: str
    time: str
    previous_date: str | None = None
    previous_time: str | None = None
    status_now: str | None = Field(description="The appointment's status today (None: gone).")


class CallDetailPublic(BaseModel):
    id: str
    room_name: str
    created_at: datetime
    created_at_local: str
    user_id: str | None
    user_name: str | None
    user_phone: str | None
    ended: bool
    end_reason: str | None
    duration_seconds: int | None
    summary: str | None
    appointments: list[DiscussedAppointmentPublic]
    preferences_mentioned: list[str]
    transcript: list[dict[str, Any]]
    cost_breakdown: dict[str, Any] | None


class StaffActionPublic(BaseModel):
    id: str
    at: datetime
    at_local: str
    actor: str
    kind: str = Field(examples=["book", "reschedule", "cancel", "rename"])
    outcome: str = Field(description="done, pending, or the kind of refusal.")
    message: str | None
    code: str | None
    date: Day | None
    time: str | None
    previous_date: Day | None
    previous_time: str | None
    name: str | None = Field(default=None, description="A name correction's new name.")
    previous_name: str | None = Field(
        default=None, description="A name correction's old name (None: there was none)."
    )


class StaffActionsPublic(BaseModel):
    timezone: str
    actions: list[StaffActionPublic]


class CalendarFeedPublic(BaseModel):
    url: str = Field(
        description="Subscribe to this address in a calendar app (read-only). Absolute when "
        "the server checks Host headers (ALLOWED_HOSTS, or a loopback server), else relative "
        "to the address the console was opened at."
    )
