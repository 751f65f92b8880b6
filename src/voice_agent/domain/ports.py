"""Ports: what the services need from the outside world, as typing.Protocols."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol, TypeVar
from uuid import UUID

from voice_agent.domain.models import Appointment, AppointmentStatus, Conversation, User
from voice_agent.domain.staff import CallPage, CallQuery, StaffAction


class DuplicateCode(Exception):
    """Raised by an appointment store when a new confirmation code is already taken."""


# What every Store implementation says when it refuses a write (read aloud to the caller).
SLOT_TAKEN = "That slot is unavailable: it is already booked."
USER_UNKNOWN = "I couldn't find your account. Could you give me your phone number?"
APPOINTMENT_INACTIVE = "That appointment is no longer active."
APPOINTMENT_UNKNOWN = "That appointment was not found."


class UserRepository(Protocol):
    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_phone(self, phone: str) -> User | None: ...

    async def get_by_phone_with_active(
        self, phone: str, *, from_day: date
    ) -> tuple[User, list[Appointment]] | None:
        """The user with this phone and their active appointments on ``from_day`` or later,
        soonest first (as ``AppointmentRepository.active_for_user``), read together: a caller
        who says their number costs one round trip to the database, not two."""
        ...

    async def add(self, user: User) -> User:
        """Insert; if the phone is already registered (a race), return the stored user."""
        ...

    async def rename(self, user_id: UUID, name: str) -> User | None:
        """Set the user's name in one statement; the renamed user, or None when there is no
        such user (nothing changed)."""
        ...

    async def find_by_name(self, words: Sequence[str], *, limit: int) -> list[User]:
        """Users whose name holds every one of ``words`` (at least one; any case, anywhere in
        the name: "ann" finds Ann Lee and Joanne Roe), by name, at most ``limit``: a caller at
        the desk who gives a name, not a number."""
        ...

    async def without_name(self, *, limit: int) -> list[User]:
        """Users with no name a person gave (none, blank, or ``names.UNKNOWN_NAME``), newest
        account first, at most ``limit``: the callers whose name staff are to fill in."""
        ...


class AppointmentRepository(Protocol):
    async def add(self, appointment: Appointment) -> None:
        """Insert a booked appointment.

        Raises SlotUnavailable when an active appointment holds the slot (enforced by the
        database, not by a prior read) and DuplicateCode when the code is taken.
        """
        ...

    async def add_within(
        self, appointment: Appointment, *, later_than: tuple[date, time], max_upcoming: int
    ) -> bool:
        """Insert a booked appointment as ``add`` does, unless its user already holds
        ``max_upcoming`` booked appointments starting after ``later_than`` (the clinic's local
        date and time): False then, and nothing is inserted. The count and the insert are
        one decision in the database, so calls at once, in any process, cannot each pass
        the count before the others' rows exist."""
        ...

    async def get_by_code(self, code: str) -> Appointment | None: ...

    async def booked_starts(self, day: date) -> set[time]: ...

    async def list_for_user(self, user_id: UUID) -> list[Appointment]:
        """All of a user's appointments, newest (latest date and time) first."""
        ...

    async def active_for_user(self, user_id: UUID, *, from_day: date) -> list[Appointment]:
        """A user's active (booked) appointments on ``from_day`` or later, soonest first.

        Cancelled and past ones stay in the store: a caller with years of history is not
        read whole to find the one next week."""
        ...

    async def reschedule(
        self, appointment_id: UUID, *, day: date, start: time, slot: str, at: datetime
    ) -> Appointment:
        """Move an active appointment in one statement; raises SlotUnavailable if taken."""
        ...

    async def set_status(
        self, appointment_id: UUID, status: AppointmentStatus, *, at: datetime
    ) -> Appointment: ...

    async def cancel_owned(
        self, user_id: UUID, code: str, *, later_than: tuple[date, time], at: datetime
    ) -> Appointment | None:
        """Cancel ``user_id``'s active appointment with this code if it starts after
        ``later_than`` (the clinic's local date and time), in one statement. None when there
        is no such appointment: nothing changed, and the caller looks up why."""
        ...

    async def reschedule_owned(
        self,
        user_id: UUID,
        code: str,
        *,
        later_than: tuple[date, time],
        day: date,
        start: time,
        slot: str,
        at: datetime,
    ) -> tuple[Appointment, Appointment] | None:
        """Move ``user_id``'s active appointment with this code, if it starts after
        ``later_than`` and is not already at ``day``/``start``, into that slot: (before,
        after). None when there is no such appointment (nothing changed); SlotUnavailable
        when the slot is taken (the appointment stays where it was)."""
        ...

    async def list_between(self, first: date, last: date) -> list[tuple[Appointment, User]]:
        """Appointments (any status) from first to last inclusive, in time order, with users."""
        ...


class ConversationRepository(Protocol):
    async def save(self, conversation: Conversation) -> None:
        """Insert or update by id; called repeatedly while a call runs. A save of an open
        call never reopens a row already ended (a final save, by contrast, always wins)."""
        ...

    async def get(self, conversation_id: UUID) -> Conversation | None: ...

    async def latest_for_room(self, room_name: str) -> Conversation | None: ...

    async def recent(self, limit: int = 20) -> list[Conversation]: ...

    async def search(self, query: CallQuery) -> CallPage:
        """The calls matching ``query`` (newest first, one page) and how many match in all."""
        ...

    async def stale_open(self, cutoff: datetime, *, limit: int) -> list[Conversation]:
        """Calls not ended whose heartbeat (or start, without one) is older than ``cutoff``."""
        ...

    async def delete_ended_before(self, cutoff: datetime) -> int:
        """Delete the calls that ended before ``cutoff`` (transcript, summary and all; open
        calls are left alone); returns how many."""
        ...

    async def close_abandoned(self, conversation: Conversation, *, cutoff: datetime) -> bool:
        """Write the ending of an abandoned call (summary, ended_at, end_reason, duration)
        only if it is still open and its heartbeat still older than ``cutoff``: a process
        that saved the call meanwhile keeps it. True when this call closed it."""
        ...


class StaffActionRepository(Protocol):
    """The record of what staff did for callers (who, when, what, and how it went)."""

    async def add(self, action: StaffAction) -> None: ...

    async def settle(self, action: StaffAction) -> None:
        """Write the action's outcome and the facts it ended with (by id)."""
        ...

    async def recent(self, limit: int = 50, *, code: str | None = None) -> list[StaffAction]:
        """Newest first; only those about the appointment with this confirmation code (tried
        or done) when given."""
        ...


class StaffSessionRepository(Protocol):
    """Staff log-ins, so that logging out ends one (ids are stored as their SHA-256)."""

    async def add(self, session_id: str, *, created_at: datetime, expires_at: datetime) -> None: ...

    async def is_active(self, session_id: str, *, now: datetime) -> bool:
        """Known, not revoked and not expired."""
        ...

    async def revoke(self, session_id: str, *, at: datetime) -> bool:
        """End a session (or use a one-time id); True when it was active until this call,
        in one statement: of two at once, one is told True."""
        ...

    async def purge(self, *, now: datetime) -> int:
        """Forget expired sessions; returns how many."""
        ...


class LimitCounters(Protocol):
    """Hit counters for rate limits, shared by every process that uses the same store.

    Fixed windows of ``window`` seconds aligned on the epoch; ``now`` is wall-clock seconds.
    """

    async def add(self, key: str, *, window: int, now: float) -> int:
        """Count one hit for ``key`` in the current window; returns the window's hits."""
        ...

    async def get(self, key: str, *, window: int, now: float) -> int:
        """The current window's hits for ``key`` (nothing is counted)."""
        ...

    async def reset(self, key: str) -> None:
        """Forget every hit for ``key`` (a count of failures, after a success)."""
        ...

    async def purge(self, *, now: float) -> int:
        """Forget finished windows; returns how many."""
        ...


@dataclass(frozen=True)
class CallPlace:
    """A LiveKit call that may be going: the room of a token ``POST /token`` issued to
    ``client``, or a room the worker took without one (``client`` None: a phone call, a token
    minted elsewhere). Times are wall-clock seconds."""

    room_name: str
    client: str | None
    expires_at: float
    """When its token expires (a room taken without one: when it was taken)."""
    call_until: float | None = None
    """While a worker runs its call: when that call must have ended (CALL_MAX_SECONDS)."""


@dataclass(frozen=True)
class PlacesUpdate:
    """What to change in the call places: rooms to forget, a place to add or replace."""

    forget: frozenset[str] = frozenset()
    put: CallPlace | None = None


T = TypeVar("T")


class CallPlaces(Protocol):
    """The calls LiveKit may be running, shared by every token server and worker process on
    the store (LIMITS_STORE=database), so that the cap on calls holds across processes."""

    async def update(self, decide: Callable[[list[CallPlace]], tuple[PlacesUpdate, T]]) -> T:
        """Atomically: every place, handed to ``decide``; its update applied; its answer
        returned. No other process reads or changes the places meanwhile."""
        ...

    async def end_call(self, room_name: str) -> None:
        """The worker's call in ``room_name`` ended: a place taken without a token goes; a
        token's place stays until its token has expired."""
        ...


class Store(Protocol):
    """The storage a running process holds: repositories plus lifecycle."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def appointments(self) -> AppointmentRepository: ...

    @property
    def conversations(self) -> ConversationRepository: ...

    @property
    def staff_actions(self) -> StaffActionRepository: ...

    @property
    def staff_sessions(self) -> StaffSessionRepository: ...

    @property
    def limit_counters(self) -> LimitCounters: ...

    @property
    def call_places(self) -> CallPlaces: ...

    async def ping(self) -> None:
        """Raise StorageUnavailable when the database cannot be reached."""
        ...

    async def close(self) -> None: ...


class ConversationSpool(Protocol):
    """Durable local holding area for call records the database could not take."""

    def put(self, conversation: Conversation) -> None: ...

    def pending(self) -> list[Conversation]: ...

    def remove(self, conversation_id: UUID) -> None: ...

    def quarantine(self, conversation_id: UUID) -> None:
        """Set a record the database refused aside (kept for a person to look at)."""
        ...


class DayReader(Protocol):
    """Reads a day out of a person's words the way the receptionist does, for those who
    type one (the command line), so that a day the receptionist understands in a call is
    understood there too."""

    def days_named(self, text: str, *, today: date) -> tuple[date, ...] | None:
        """The days ``text`` names and nothing else ("in two weeks", "friday week": one;
        "next week": its days); None when it says more or other than a day."""
        ...

    def written_out(self, text: str) -> str:
        """``text`` with shorthand and misspellings written out ("tmrw" -> "tomorrow")."""
        ...
