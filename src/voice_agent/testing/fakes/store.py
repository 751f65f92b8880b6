"""The ``Store`` port over dicts, with the rules the database enforces.

Like the SQL store it refuses a second active appointment in a slot (``SlotUnavailable``), a
confirmation code already taken (``DuplicateCode``) and an appointment for an unknown user
(``UserNotFound``); a reschedule into a taken slot leaves the appointment where it was; reads
return copies, so a caller's later changes never leak into what is stored.
``tests/integration/storage/test_store_contract.py`` runs the same tests over this store as
over SQLite and PostgreSQL. Set ``unavailable = True`` to make every operation fail the way
an unreachable database does, or ``fail_next = n`` for the next n operations only.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from voice_agent.domain.errors import (
    AppointmentNotFound,
    SlotUnavailable,
    StorageUnavailable,
    UserNotFound,
)
from voice_agent.domain.models import Appointment, AppointmentStatus, Conversation, User
from voice_agent.domain.names import needs_name
from voice_agent.domain.ports import (
    APPOINTMENT_INACTIVE,
    APPOINTMENT_UNKNOWN,
    SLOT_TAKEN,
    USER_UNKNOWN,
    CallPlace,
    DuplicateCode,
    PlacesUpdate,
    Store,
)
from voice_agent.domain.staff import CallPage, CallQuery, StaffAction

T = TypeVar("T")

UNAVAILABLE = "The fake store is switched off (unavailable or fail_next)."


class _Part:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def _check(self) -> None:
        self._store.check_available()


class FakeUsers(_Part):
    def __init__(self, store: FakeStore) -> None:
        super().__init__(store)
        self.rows: dict[UUID, User] = {}

    async def get(self, user_id: UUID) -> User | None:
        self._check()
        return self.rows.get(user_id)

    async def get_by_phone(self, phone: str) -> User | None:
        self._check()
        return next((u for u in self.rows.values() if u.phone == phone), None)

    async def get_by_phone_with_active(
        self, phone: str, *, from_day: date
    ) -> tuple[User, list[Appointment]] | None:
        user = await self.get_by_phone(phone)
        if user is None:
            return None
        return user, await self._store.appointments.active_for_user(user.id, from_day=from_day)

    async def find_by_name(self, words: Sequence[str], *, limit: int) -> list[User]:
        self._check()
        wanted = [w.casefold() for w in words]
        found = [
            u
            for u in self.rows.values()
            if u.name is not None and all(w in u.name.casefold() for w in wanted)
        ]
        return sorted(found, key=lambda u: (u.name or "", u.phone))[:limit]

    async def without_name(self, *, limit: int) -> list[User]:
        self._check()
        found = [u for u in self.rows.values() if needs_name(u.name)]
        return sorted(found, key=lambda u: (-u.created_at.timestamp(), u.phone))[:limit]

    async def add(self, user: User) -> User:
        existing = await self.get_by_phone(user.phone)
        if existing is not None:
            return existing
        self.rows[user.id] = user
        return user

    async def rename(self, user_id: UUID, name: str) -> User | None:
        self._check()
        user = self.rows.get(user_id)
        if user is None:
            return None
        self.rows[user_id] = dataclasses.replace(user, name=name)
        return self.rows[user_id]


class FakeAppointments(_Part):
    def __init__(self, store: FakeStore) -> None:
        super().__init__(store)
        self.rows: dict[UUID, Appointment] = {}

    def _holder(self, day: date, start: time) -> Appointment | None:
        return next(
            (a for a in self.rows.values() if a.is_active and (a.day, a.start) == (day, start)),
            None,
        )

    async def add(self, appointment: Appointment) -> None:
        self._check()
        if appointment.user_id not in self._store.users.rows:
            raise UserNotFound(USER_UNKNOWN)
        if any(a.code == appointment.code for a in self.rows.values()):
            raise DuplicateCode()
        if appointment.is_active and self._holder(appointment.day, appointment.start):
            raise SlotUnavailable(SLOT_TAKEN)
        self.rows[appointment.id] = appointment

    async def add_within(
        self, appointment: Appointment, *, later_than: tuple[date, time], max_upcoming: int
    ) -> bool:
        self._check()
        upcoming = [
            a
            for a in self.rows.values()
            if a.user_id == appointment.user_id and a.is_active and (a.day, a.start) > later_than
        ]
        if len(upcoming) >= max_upcoming:
            return False
        await self.add(appointment)
        return True

    async def get_by_code(self, code: str) -> Appointment | None:
        self._check()
        return next((a for a in self.rows.values() if a.code == code), None)

    async def booked_starts(self, day: date) -> set[time]:
        self._check()
        return {a.start for a in self.rows.values() if a.is_active and a.day == day}

    async def list_for_user(self, user_id: UUID) -> list[Appointment]:
        self._check()
        mine = [a for a in self.rows.values() if a.user_id == user_id]
        return sorted(mine, key=lambda a: (a.day, a.start), reverse=True)

    async def active_for_user(self, user_id: UUID, *, from_day: date) -> list[Appointment]:
        self._check()
        mine = [
            a
            for a in self.rows.values()
            if a.user_id == user_id and a.is_active and a.day >= from_day
        ]
        return sorted(mine, key=lambda a: (a.day, a.start))

    async def reschedule(
        self, appointment_id: UUID, *, day: date, start: time, slot: str, at: datetime
    ) -> Appointment:
        self._check()
        current = self.rows.get(appointment_id)
        if current is None or not current.is_active:
            raise AppointmentNotFound(APPOINTMENT_INACTIVE)
        holder = self._holder(day, start)
        if holder is not None and holder.id != appointment_id:
            raise SlotUnavailable(SLOT_TAKEN)
        moved = dataclasses.replace(current, day=day, start=start, slot=slot, updated_at=at)
        self.rows[appointment_id] = moved
        return moved

    async def set_status(
        self, appointment_id: UUID, status: AppointmentStatus, *, at: datetime
    ) -> Appointment:
        self._check()
        current = self.rows.get(appointment_id)
        if current is None:
            raise AppointmentNotFound(APPOINTMENT_UNKNOWN)
        if status is AppointmentStatus.BOOKED and not current.is_active:
            holder = self._holder(current.day, current.start)
            if holder is not None:
                raise SlotUnavailable(SLOT_TAKEN)
        changed = dataclasses.replace(current, status=status, updated_at=at)
        self.rows[appointment_id] = changed
        return changed

    def _owned(self, user_id: UUID, code: str, later_than: tuple[date, time]) -> Appointment | None:
        return next(
            (
                a
                for a in self.rows.values()
                if a.code == code
                and a.user_id == user_id
                and a.is_active
                and (a.day, a.start) > later_than
            ),
            None,
        )

    async def cancel_owned(
        self, user_id: UUID, code: str, *, later_than: tuple[date, time], at: datetime
    ) -> Appointment | None:
        self._check()
        found = self._owned(user_id, code, later_than)
        if found is None:
            return None
        return await self.set_status(found.id, AppointmentStatus.CANCELLED, at=at)

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
        self._check()
        found = self._owned(user_id, code, later_than)
        if found is None or (found.day, found.start) == (day, start):
            return None
        return found, await self.reschedule(found.id, day=day, start=start, slot=slot, at=at)

    async def list_between(self, first: date, last: date) -> list[tuple[Appointment, User]]:
        self._check()
        users = self._store.users.rows
        found = [
            (a, users[a.user_id])
            for a in self.rows.values()
            if first <= a.day <= last and a.user_id in users
        ]
        return sorted(found, key=lambda au: (au[0].day, au[0].start, au[0].updated_at))


class FakeConversations(_Part):
    def __init__(self, store: FakeStore) -> None:
        super().__init__(store)
        self.rows: dict[UUID, Conversation] = {}
        self.saved: list[Conversation] = []
        """Every successful save, in order (copies)."""

    async def save(self, conversation: Conversation) -> None:
        self._check()
        stored = copy.deepcopy(conversation)
        self.saved.append(copy.deepcopy(conversation))
        previous = self.rows.get(conversation.id)
        if previous is not None:  # an update keeps the row's creation time, as SQL does
            if previous.ended_at is not None and conversation.ended_at is None:
                return  # an open call's save never reopens an ended row
            stored.started_at = previous.started_at
        self.rows[conversation.id] = stored

    async def get(self, conversation_id: UUID) -> Conversation | None:
        self._check()
        found = self.rows.get(conversation_id)
        return copy.deepcopy(found) if found is not None else None

    async def latest_for_room(self, room_name: str) -> Conversation | None:
        self._check()
        mine = [c for c in self.rows.values() if c.room_name == room_name]
        latest = max(mine, key=lambda c: c.started_at, default=None)
        return copy.deepcopy(latest) if latest is not None else None

    async def recent(self, limit: int = 20) -> list[Conversation]:
        self._check()
        ordered = sorted(self.rows.values(), key=lambda c: c.started_at, reverse=True)
        return [copy.deepcopy(c) for c in ordered[:limit]]

    async def search(self, query: CallQuery) -> CallPage:
        self._check()
        users = self._store.users.rows

        def phone(c: Conversation) -> str | None:
            user = users.get(c.user_id) if c.user_id is not None else None
            return user.phone if user is not None else None

        found = [c for c in self.rows.values() if query.matches(c, phone(c))]
        found.sort(key=lambda c: (-c.started_at.timestamp(), str(c.id)))
        page = found[query.offset : query.offset + query.limit]
        return CallPage(items=[copy.deepcopy(c) for c in page], total=len(found))

    @staticmethod
    def _stale(c: Conversation, cutoff: datetime) -> bool:
        return c.ended_at is None and (c.heartbeat_at or c.started_at) < cutoff

    async def stale_open(self, cutoff: datetime, *, limit: int) -> list[Conversation]:
        self._check()
        stale = sorted(
            (c for c in self.rows.values() if self._stale(c, cutoff)), key=lambda c: c.started_at
        )
        return [copy.deepcopy(c) for c in stale[:limit]]

    async def delete_ended_before(self, cutoff: datetime) -> int:
        self._check()
        old = [i for i, c in self.rows.items() if c.ended_at is not None and c.ended_at < cutoff]
        for conversation_id in old:
            del self.rows[conversation_id]
        return len(old)

    async def close_abandoned(self, conversation: Conversation, *, cutoff: datetime) -> bool:
        self._check()
        current = self.rows.get(conversation.id)
        if current is None or not self._stale(current, cutoff):
            return False
        self.rows[conversation.id] = dataclasses.replace(
            current,
            summary=conversation.summary,
            ended_at=conversation.ended_at,
            end_reason=conversation.end_reason,
            duration_seconds=conversation.duration_seconds,
        )
        return True


class FakeStaffActions(_Part):
    def __init__(self, store: FakeStore) -> None:
        super().__init__(store)
        self.rows: dict[UUID, StaffAction] = {}

    async def add(self, action: StaffAction) -> None:
        self._check()
        self.rows[action.id] = action

    async def settle(self, action: StaffAction) -> None:
        self._check()
        if action.id in self.rows:
            self.rows[action.id] = dataclasses.replace(
                action, at=self.rows[action.id].at, actor=self.rows[action.id].actor
            )

    async def recent(self, limit: int = 50, *, code: str | None = None) -> list[StaffAction]:
        self._check()
        mine = [a for a in self.rows.values() if code is None or a.code == code]
        return sorted(mine, key=lambda a: a.at, reverse=True)[:limit]


class FakeStaffSessions(_Part):
    def __init__(self, store: FakeStore) -> None:
        super().__init__(store)
        self.rows: dict[str, tuple[datetime, datetime | None]] = {}
        """session id -> (expires_at, revoked_at)"""

    async def add(self, session_id: str, *, created_at: datetime, expires_at: datetime) -> None:
        self._check()
        self.rows[session_id] = (expires_at, None)

    async def is_active(self, session_id: str, *, now: datetime) -> bool:
        self._check()
        expires_at, revoked_at = self.rows.get(session_id, (now, now))
        return revoked_at is None and expires_at > now

    async def revoke(self, session_id: str, *, at: datetime) -> bool:
        self._check()
        if not await self.is_active(session_id, now=at):
            return False
        self.rows[session_id] = (self.rows[session_id][0], at)
        return True

    async def purge(self, *, now: datetime) -> int:
        self._check()
        gone = [k for k, (expires_at, _) in self.rows.items() if expires_at <= now]
        for key in gone:
            del self.rows[key]
        return len(gone)


class FakeLimitCounters(_Part):
    def __init__(self, store: FakeStore) -> None:
        super().__init__(store)
        self.rows: dict[tuple[str, int], tuple[int, int]] = {}
        """(key, window start) -> (hits, window end)"""

    async def add(self, key: str, *, window: int, now: float) -> int:
        self._check()
        start = int(now // window) * window
        hits = self.rows.get((key, start), (0, start + window))[0] + 1
        self.rows[(key, start)] = (hits, start + window)
        return hits

    async def get(self, key: str, *, window: int, now: float) -> int:
        self._check()
        return self.rows.get((key, int(now // window) * window), (0, 0))[0]

    async def reset(self, key: str) -> None:
        self._check()
        for row in [row for row in self.rows if row[0] == key]:
            del self.rows[row]

    async def purge(self, *, now: float) -> int:
        self._check()
        gone = [k for k, (_, end) in self.rows.items() if end <= now]
        for key in gone:
            del self.rows[key]
        return len(gone)


class FakeCallPlaces(_Part):
    def __init__(self, store: FakeStore) -> None:
        super().__init__(store)
        self.rows: dict[str, CallPlace] = {}

    async def update(self, decide: Callable[[list[CallPlace]], tuple[PlacesUpdate, T]]) -> T:
        self._check()
        update, answer = decide(list(self.rows.values()))
        for room in update.forget:
            self.rows.pop(room, None)
        if update.put is not None:
            self.rows[update.put.room_name] = update.put
        return answer

    async def end_call(self, room_name: str) -> None:
        self._check()
        place = self.rows.get(room_name)
        if place is not None and place.client is None:
            del self.rows[room_name]
        elif place is not None:
            self.rows[room_name] = dataclasses.replace(place, call_until=None)


class FakeStore:
    """An in-memory ``Store``."""

    def __init__(self) -> None:
        self.unavailable = False
        self.fail_next = 0
        self.closed = False
        self.users = FakeUsers(self)
        self.appointments = FakeAppointments(self)
        self.conversations = FakeConversations(self)
        self.staff_actions = FakeStaffActions(self)
        self.staff_sessions = FakeStaffSessions(self)
        self.limit_counters = FakeLimitCounters(self)
        self.call_places = FakeCallPlaces(self)

    def check_available(self) -> None:
        """Raise StorageUnavailable when switched off or while ``fail_next`` lasts."""
        if self.fail_next > 0:
            self.fail_next -= 1
            raise StorageUnavailable(UNAVAILABLE)
        if self.unavailable:
            raise StorageUnavailable(UNAVAILABLE)

    async def ping(self) -> None:
        self.check_available()

    async def close(self) -> None:
        self.closed = True


if TYPE_CHECKING:  # mypy checks that the fake still implements the port
    _PORT: Store = FakeStore()
