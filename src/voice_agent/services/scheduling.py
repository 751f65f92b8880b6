"""The scheduling use cases behind the agent's tools, the CLI and the staff page."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from uuid import UUID

from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import Clock
from voice_agent.domain.codes import is_keypad_entry, keypad_form, new_code, normalize_code
from voice_agent.domain.datetimes import date_in_time, parse_date, parse_time, time_in_date
from voice_agent.domain.errors import (
    AppointmentNotActive,
    AppointmentNotFound,
    InvalidDate,
    InvalidTime,
    NameChangeRefused,
    SlotUnavailable,
    TooManyBookings,
    UserNotFound,
)
from voice_agent.domain.models import Appointment, AppointmentStatus, Slot, User
from voice_agent.domain.names import (
    clean_name,
    corrected_name,
    is_correction_of,
    said_name_matches,
)
from voice_agent.domain.phone import normalize_phone
from voice_agent.domain.ports import DuplicateCode, Store
from voice_agent.domain.speech import say_date, say_time

logger = logging.getLogger(__name__)

_CODE_ATTEMPTS = 8
NAME_MISSES_PER_ACCOUNT = 6
"""Names not the account's that callers may give for one account in a window of
:data:`NAME_MISS_WINDOW_SECONDS`, over all its calls (a call has its own, smaller limit): a
caller who hung up after a call's three and called again went on guessing. Past it no name is
taken for the account until the window ends, the right one included; the right one before it
clears the count (a caller whose name is often misheard is not locked out by their own calls)."""
NAME_MISS_WINDOW_SECONDS = 86_400
NAME_CHANGE_REFUSED = (
    "I can only correct the spelling of the name on the account, not change it to another "
    "name. For that, please ask the front desk."
)
TOO_MANY_UPCOMING = (
    "You already have {limit} upcoming appointments, as many as I can book for one caller. "
    "For another, please speak to the front desk."
)


@dataclass(frozen=True)
class Identification:
    """Result of identify_or_register. ``user`` is None when a name is needed to register."""

    phone: str
    user: User | None
    created: bool
    appointments: list[Appointment]

    @property
    def needs_name(self) -> bool:
        return self.user is None


class NameCheck(Enum):
    """What a name a caller gave says of them, checked against an account's."""

    MATCHED = "matched"
    MISSED = "missed"
    USED_UP = "used_up"
    """The account's name misses are used up (:data:`NAME_MISSES_PER_ACCOUNT`): not checked."""


@dataclass(frozen=True)
class Availability:
    day: date
    free: list[Slot]
    total: int
    passed: int = 0
    """Slots of the day that have started (or are within the lead time): not free, not booked."""


@dataclass(frozen=True)
class Reschedule:
    before: Appointment
    after: Appointment


class SchedulingService:
    def __init__(
        self, store: Store, calendar: ClinicCalendar, clock: Clock, *, phone_region: str = "US"
    ) -> None:
        self._store = store
        self.calendar = calendar
        self.clock = clock
        self._region = phone_region

    # --- helpers ----------------------------------------------------------------------------
    def today(self) -> date:
        return self.calendar.today(self.clock.now())

    def parse_day(self, value: date | str, *, exact: bool = False) -> date:
        """A day as a caller says it; ``exact`` (staff, the command line): a date and
        nothing else."""
        if isinstance(value, date):
            return value
        return parse_date(value, today=self.today(), exact=exact, timezone=self.calendar.timezone)

    def parse_start(self, value: time | str, *, exact: bool = False) -> time:
        if isinstance(value, time):
            return value
        return parse_time(
            value,
            open_hour=self.calendar.open_time.hour,
            close_hour=self.calendar.close_time.hour or 24,
            exact=exact,
            timezone=self.calendar.timezone,
        )

    def when(self, day_value: date | str, time_value: time | str) -> tuple[date, time]:
        """The day and start of an appointment given as two arguments that must agree: a time
        naming another day ("2026-12-10T14:00", "tomorrow at 2pm") or a date-time for the
        date at another hour is refused, not read from one argument with the other's day or
        hour dropped."""
        day = self.parse_day(day_value)
        start = self.parse_start(time_value)
        named_day = (
            date_in_time(time_value, today=self.today()) if isinstance(time_value, str) else None
        )
        if named_day is not None and named_day != day:
            raise InvalidTime(
                f"The time given names {say_date(named_day)}, but the date is "
                f"{say_date(day)}. Which day is it: give the date and the time separately.",
                reason="other_day",
            )
        named_start = time_in_date(day_value) if isinstance(day_value, str) else None
        if named_start is not None and named_start != start:
            raise InvalidDate(
                f"The date given is at {say_time(named_start)}, but the time is "
                f"{say_time(start)}. Which time is it: give the date and the time separately.",
                reason="other_time",
            )
        return day, start

    # --- users ----------------------------------------------------------------------------
    def phone(self, phone_text: str) -> str:
        """The E.164 form of a number as a caller gave it (InvalidPhoneNumber if it is none)."""
        return normalize_phone(phone_text, region=self._region)

    async def identify(self, phone_text: str, name: str | None = None) -> Identification:
        """Find a caller by phone; register them when they are new and gave a name."""
        phone = normalize_phone(phone_text, region=self._region)
        now = self.clock.now()
        found = await self._store.users.get_by_phone_with_active(
            phone, from_day=self.calendar.today(now)
        )
        if found is not None:
            user, active = found
            return Identification(
                phone=phone, user=user, created=False, appointments=self._ahead(active, now)
            )
        if name is None or not name.strip():
            return Identification(phone=phone, user=None, created=False, appointments=[])
        new = User(id=uuid.uuid4(), phone=phone, name=clean_name(name), created_at=self.clock.now())
        stored = await self._store.users.add(new)
        logger.info("registered user", extra={"user_id": str(stored.id)})
        return Identification(
            phone=phone, user=stored, created=stored.id == new.id, appointments=[]
        )

    async def user(self, user_id: UUID) -> User:
        user = await self._store.users.get(user_id)
        if user is None:
            raise UserNotFound("I couldn't find your account. Could you give me your phone number?")
        return user

    async def check_name(self, user: User, said: str) -> NameCheck:
        """Whether ``said`` is the name on ``user``'s account (``said_name_matches``), counted
        over the account's calls: a miss adds to :data:`NAME_MISSES_PER_ACCOUNT`, a match
        clears it, and past it nothing is checked.

        Counted before it is checked, in the counter's one atomic step: read first and
        counted after, calls at once against one account (phone lines from anywhere) each
        read a count under the limit and each had its names checked."""
        counters, key = self._store.limit_counters, _name_misses_key(user.id)
        now = self.clock.now().timestamp()
        tries = await counters.add(key, window=NAME_MISS_WINDOW_SECONDS, now=now)
        if tries > NAME_MISSES_PER_ACCOUNT:
            return NameCheck.USED_UP
        if said_name_matches(said, user.name):
            await counters.reset(key)
            return NameCheck.MATCHED
        return NameCheck.MISSED

    async def rename(
        self, user_id: UUID, name: str, *, correction: bool = False, checked: bool = True
    ) -> User:
        """Correct the caller's own name (misheard or mistyped at registration), checked by
        the rules a new name is checked by, and never to the placeholder of an account without
        one (as staff correct it). Only ``user_id``'s account is touched.

        With ``correction`` (a caller, not staff), only a correction of the name on file
        (``is_correction_of``), else NameChangeRefused: a number is all a caller needs to act
        for an account, and "rename John Smith's account to Mallory Evil" took it over. Without
        ``checked`` (the caller has not given the account's name on this call), each refusal
        counts as a name that was not the account's (a correction that succeeds tells what the
        name was like, so it counts too), and once those are used up nothing is changed.

        Counted before it is weighed, in the counter's one atomic step, as
        :meth:`check_name` is: read first and counted after, corrections at once against one
        account each read a count under the limit and each was weighed."""
        cleaned = corrected_name(name)
        if correction:
            current = await self.user(user_id)
            if not checked:
                counters, key = self._store.limit_counters, _name_misses_key(user_id)
                now = self.clock.now().timestamp()
                tries = await counters.add(key, window=NAME_MISS_WINDOW_SECONDS, now=now)
                if tries > NAME_MISSES_PER_ACCOUNT:
                    raise NameChangeRefused(NAME_CHANGE_REFUSED)
            if not is_correction_of(cleaned, current.name):
                raise NameChangeRefused(NAME_CHANGE_REFUSED)
        renamed = await self._store.users.rename(user_id, cleaned)
        if renamed is None:
            raise UserNotFound("I couldn't find your account. Could you give me your phone number?")
        logger.info("user renamed", extra={"user_id": str(user_id)})
        return renamed

    async def find_user_by_phone(self, phone_text: str) -> User | None:
        return await self._store.users.get_by_phone(
            normalize_phone(phone_text, region=self._region)
        )

    async def find_users_by_name(self, name_text: str, *, limit: int) -> list[User]:
        """The accounts whose name holds every word of ``name_text`` (any case), by name."""
        words = name_text.split()
        return await self._store.users.find_by_name(words, limit=limit) if words else []

    async def users_without_name(self, *, limit: int) -> list[User]:
        """The accounts opened without a name a person gave ("Unknown Caller"), newest first."""
        return await self._store.users.without_name(limit=limit)

    # --- availability ---------------------------------------------------------------------
    async def available_slots(self, day_value: date | str) -> Availability:
        day = self.parse_day(day_value)
        now = self.clock.now()
        self.calendar.check_day(day, now=now)
        slots = self.calendar.slots_for(day)
        taken = await self._store.appointments.booked_starts(day)
        ahead = [s for s in slots if self.calendar.is_future(s, now=now)]
        free = [s for s in ahead if s.start not in taken]
        return Availability(day=day, free=free, total=len(slots), passed=len(slots) - len(ahead))

    async def next_available(self, after: date, *, open_days: int) -> Availability | None:
        """The first of the ``open_days`` open days after ``after`` (within the booking
        horizon) with a free slot, or None: where a day with nothing left sends one next."""
        today = self.today()
        last = today + timedelta(days=self.calendar.booking_horizon_days)
        day, looked = max(after, today - timedelta(days=1)), 0
        while looked < open_days and day < last:
            day += timedelta(days=1)
            if not self.calendar.is_open_on(day):
                continue
            looked += 1
            found = await self.available_slots(day)
            if found.free:
                return found
        return None

    # --- appointments ---------------------------------------------------------------------
    async def book(
        self,
        user_id: UUID,
        day_value: date | str,
        time_value: time | str,
        *,
        max_upcoming: int | None = None,
    ) -> Appointment:
        """Book a slot for ``user_id``; with ``max_upcoming``, only while the caller holds fewer
        upcoming appointments than that (TooManyBookings), decided by the store with the
        insert: a count read first let two calls at once from one number each pass it."""
        day, start = self.when(day_value, time_value)
        now = self.clock.now()
        slot = self.calendar.check_slot(day, start, now=now)
        # An unknown user_id is refused by the foreign key (UserNotFound), not a prior read.
        for _ in range(_CODE_ATTEMPTS):
            appointment = Appointment(
                id=uuid.uuid4(),
                code=new_code(),
                user_id=user_id,
                day=slot.day,
                start=slot.start,
                slot=slot.label,
                status=AppointmentStatus.BOOKED,
                created_at=now,
                updated_at=now,
            )
            try:
                if max_upcoming is None:
                    await self._store.appointments.add(appointment)
                elif not await self._store.appointments.add_within(
                    appointment, later_than=self._local(now), max_upcoming=max_upcoming
                ):
                    raise TooManyBookings(
                        TOO_MANY_UPCOMING.format(limit=max_upcoming), limit=max_upcoming
                    )
            except SlotUnavailable:
                raise self._taken(slot) from None
            except DuplicateCode:
                continue
            logger.info("appointment booked", extra={"appointment_id": str(appointment.id)})
            return appointment
        raise RuntimeError("could not allocate a unique confirmation code")

    async def appointments(self, user_id: UUID) -> list[Appointment]:
        """All of the user's appointments, newest first (the seed's get_user_appointments)."""
        return await self._store.appointments.list_for_user(user_id)

    async def upcoming(self, user_id: UUID) -> list[Appointment]:
        """Active appointments that have not started yet, soonest first."""
        now = self.clock.now()
        active = await self._store.appointments.active_for_user(
            user_id, from_day=self.calendar.today(now)
        )
        return self._ahead(active, now)

    def _ahead(self, active: list[Appointment], now: datetime) -> list[Appointment]:
        """The ones of a day-level read that have not started by ``now``."""
        return [a for a in active if a.starts_at(self.calendar.timezone) > now]

    async def reschedule(
        self, user_id: UUID, code_text: str, day_value: date | str, time_value: time | str
    ) -> Reschedule:
        code = normalize_code(code_text)
        day, start = self.when(day_value, time_value)
        now = self.clock.now()
        slot = self.calendar.check_slot(day, start, now=now)
        try:
            # The usual case in one statement; anything else is looked at below, to say why.
            moved = await self._store.appointments.reschedule_owned(
                user_id,
                code,
                later_than=self._local(now),
                day=slot.day,
                start=slot.start,
                slot=slot.label,
                at=now,
            )
        except SlotUnavailable:
            raise self._taken(slot) from None
        if moved is not None:
            logger.info("appointment rescheduled", extra={"appointment_id": str(moved[1].id)})
            return Reschedule(before=moved[0], after=moved[1])
        before = await self._owned_active(user_id, code)
        if (before.day, before.start) == (slot.day, slot.start):
            return Reschedule(before=before, after=before)
        try:
            after = await self._store.appointments.reschedule(
                before.id, day=slot.day, start=slot.start, slot=slot.label, at=now
            )
        except SlotUnavailable:
            raise self._taken(slot) from None
        logger.info("appointment rescheduled", extra={"appointment_id": str(after.id)})
        return Reschedule(before=before, after=after)

    async def appointment_by_code(self, code_text: str) -> Appointment | None:
        """Whoever holds it: for staff, never for a caller (callers go through their own id).
        Raises InvalidConfirmationCode for text that cannot be a code."""
        return await self._store.appointments.get_by_code(normalize_code(code_text))

    async def cancel(self, user_id: UUID, code_text: str) -> Appointment:
        code = normalize_code(code_text)
        now = self.clock.now()
        # The usual case in one statement; anything else is looked at below, to say why.
        cancelled = await self._store.appointments.cancel_owned(
            user_id, code, later_than=self._local(now), at=now
        )
        if cancelled is None:
            appointment = await self._owned_active(user_id, code)
            cancelled = await self._store.appointments.set_status(
                appointment.id, AppointmentStatus.CANCELLED, at=now
            )
        logger.info("appointment cancelled", extra={"appointment_id": str(cancelled.id)})
        return cancelled

    def _local(self, now: datetime) -> tuple[date, time]:
        """The clinic's wall-clock date and time at ``now`` (appointments are stored so)."""
        local = self.calendar.local_now(now)
        return local.date(), local.time()

    async def _owned_active(self, user_id: UUID, code_text: str) -> Appointment:
        code = normalize_code(code_text)
        appointment = await self._store.appointments.get_by_code(code)
        if (appointment is None or appointment.user_id != user_id) and is_keypad_entry(code):
            appointment = await self._typed_on_keypad(user_id, code)
        # Someone else's code reads exactly like an unknown one: no information leaks.
        if appointment is None or appointment.user_id != user_id:
            raise AppointmentNotFound(
                "I couldn't find an appointment with that confirmation code on your account: "
                "not found. Could you read the code again?"
            )
        if not appointment.is_active:
            status = appointment.status.value
            raise AppointmentNotActive(
                f"That appointment on {say_date(appointment.day)} is already {status}."
            )
        if appointment.starts_at(self.calendar.timezone) <= self.clock.now():
            raise AppointmentNotActive(
                f"That appointment on {say_date(appointment.day)} has already taken place."
            )
        return appointment

    async def _typed_on_keypad(self, user_id: UUID, digits: str) -> Appointment | None:
        """The caller's appointment whose code, typed on a phone keypad, gives ``digits``
        (only their own are looked at; an ambiguous entry matches none)."""
        typed = [
            a
            for a in await self._store.appointments.list_for_user(user_id)
            if keypad_form(a.code) == digits
        ]
        active = [a for a in typed if a.is_active] or typed
        return active[0] if len(active) == 1 else None

    def _taken(self, slot: Slot) -> SlotUnavailable:
        return SlotUnavailable(
            f"Sorry, that slot is unavailable: {say_time(slot.start)} on {say_date(slot.day)} "
            "is already booked. Would another time work?",
            day=slot.day,
            start=slot.start,
        )

    async def schedule(self, first: date, last: date) -> list[tuple[Appointment, User]]:
        """Appointments in a date range with their users, for staff."""
        return await self._store.appointments.list_between(first, last)


def _name_misses_key(user_id: UUID) -> str:
    """The counter of names given for an account that were not its (its id: no number or
    name in the key)."""
    return f"name-misses:{user_id}"
