"""Ports: what the services need from the outside world, as typing.Protocols."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Protocol
from uuid import UUID

from voice_agent.domain.models import Appointment, AppointmentStatus, Conversation, User


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

    async def add(self, user: User) -> User:
        """Insert; if the phone is already registered (a race), return the stored user."""
        ...


class AppointmentRepository(Protocol):
    async def add(self, appointment: Appointment) -> None:
        """Insert a booked appointment.

        Raises SlotUnavailable when an active appointment holds the slot (enforced by the
        database, not by a prior read) and DuplicateCode when the code is taken.
        """
        ...

    async def get_by_code(self, code: str) -> Appointment | None: ...

    async def booked_starts(self, day: date) -> set[time]: ...

    async def list_for_user(self, user_id: UUID) -> list[Appointment]:
        """All of a user's appointments, newest (latest date and time) first."""
        ...

    async def reschedule(
        self, appointment_id: UUID, *, day: date, start: time, slot: str, at: datetime
    ) -> Appointment:
        """Move an active appointment in one statement; raises SlotUnavailable if taken."""
        ...

    async def set_status(
        self, appointment_id: UUID, status: AppointmentStatus, *, at: datetime
    ) -> Appointment: ...

    async def list_between(self, first: date, last: date) -> list[tuple[Appointment, User]]:
        """Appointments (any status) from first to last inclusive, in time order, with users."""
        ...


class ConversationRepository(Protocol):
    async def save(self, conversation: Conversation) -> None:
        """Insert or update by id; called repeatedly while a call runs."""
        ...

    async def get(self, conversation_id: UUID) -> Conversation | None: ...

    async def latest_for_room(self, room_name: str) -> Conversation | None: ...

    async def recent(self, limit: int = 20) -> list[Conversation]: ...


class Store(Protocol):
    """The storage a running process holds: repositories plus lifecycle."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def appointments(self) -> AppointmentRepository: ...

    @property
    def conversations(self) -> ConversationRepository: ...

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
