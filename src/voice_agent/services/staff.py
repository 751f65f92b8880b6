"""The staff console's use cases: book, move and cancel on a caller's behalf through the same
``SchedulingService`` (the same rules, the same errors, no double booking), each action
recorded with who took it.

An action is written to the record *before* it is tried (outcome ``pending``) and settled after
(``done``, or the kind of error that refused it): if the database fails in between, the record
still shows the attempt.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any, TypeVar

from voice_agent.domain.codes import normalize_code
from voice_agent.domain.errors import AppointmentNotFound, DomainError, InvalidName, UserNotFound
from voice_agent.domain.models import Appointment, User
from voice_agent.domain.names import corrected_name
from voice_agent.domain.ports import StaffActionRepository
from voice_agent.domain.speech import say_days, write_date
from voice_agent.domain.staff import DONE, StaffAction, StaffActionKind
from voice_agent.services.scheduling import Reschedule, SchedulingService

logger = logging.getLogger(__name__)

T = TypeVar("T")

NAME_NEEDED = "This number is not registered yet: give the caller's name to register them."
NOT_FOUND = "No appointment has that confirmation code."
NAME_TO_CORRECT = "Enter the caller's name as it should be."
CALLER_NOT_FOUND = "No caller has that id (the account may be gone): find the caller again."


DESK_PHONE_HINT = "enter the 10 digits, or + and the country code"
NEITHER_PHONE_NOR_CODE = "neither_phone_nor_code"
"""The reason of an InvalidPhoneNumber for text that may be a number or a code, and is neither."""


def desk_message(error: DomainError) -> str:
    """A refusal as staff at the desk read it.

    The domain's messages are written to be spoken to a caller ("I heard only 3 digits.
    Please say the full ten-digit number.", a code spelled "d e f 6 7 8 9 a"). Where that
    wording is wrong for someone typing into the console, the refusal is phrased from its
    kind and detail, never from its wording; every other refusal keeps its message."""
    detail = error.detail
    match error.kind:
        case "invalid_phone_number":
            digits = detail.get("digits", 0)
            match detail.get("reason"):
                case "empty":
                    return f"Enter the caller's phone number: {DESK_PHONE_HINT}."
                case "no_digits":
                    return f"That is not a phone number (no digits): {DESK_PHONE_HINT}."
                case "neither_phone_nor_code":
                    return (
                        "That is neither a phone number nor a confirmation code: enter the "
                        "caller's 10 digits, or a code of 8 letters and digits such as DEF6789A."
                    )
                case "too_few":
                    return f"That phone number has only {digits} digits: {DESK_PHONE_HINT}."
                case "too_many":
                    return f"That phone number has {digits} digits: {DESK_PHONE_HINT}."
                case _:
                    return f"That is not a valid phone number: {DESK_PHONE_HINT}."
        case "invalid_time" if detail.get("reason") == "empty":
            return "Enter a time, such as 14:00 or 2 pm."
        case "invalid_time" if detail.get("reason") == "no_such_time":
            # the caller's wording asks the model to ask the caller
            said = detail.get("said", "")
            return f"'{said}' is not a real time: enter one such as 14:00 or 2 pm."
        case "invalid_time" if detail.get("reason") == "unrecognised":
            # the caller's wording asks them to "say" a time
            given = detail.get("text", "")
            return f"Cannot read '{given}' as a time: enter one such as 14:00 or 2 pm."
        case "invalid_name" if detail.get("reason") == "empty":
            return NAME_NEEDED
        case "invalid_name" if detail.get("reason") == "unusable":
            return (
                "That name cannot be used: use letters, spaces, dots, apostrophes and "
                "dashes, no digits, at most 100 characters."
            )
        case "invalid_name" if detail.get("reason") == "placeholder":
            return 'Enter the caller\'s name as they give it: "Unknown Caller" is not a name.'
        case "invalid_confirmation_code":
            # "NOPE1234" has 8 letters and digits: what it lacks is said (no 0, O, 1, I or L)
            return (
                "That is not a confirmation code: codes have 8 letters and digits, never "
                "0, O, 1, I or L, such as DEF6789A."
            )
        # a time as the console writes it (24-hour, as its grid), not as the agent says it
        case "slot_unavailable" if _when(detail):
            return f"{_when(detail)} is already booked: choose another free time."
        case "date_in_past" if _when(detail):
            return f"{_when(detail)} has already passed: choose a later time."
        # the calendar's refusals were the agent's words to a caller ("Sorry, we're closed at
        # weekends, so I can't book ...", "We see patients from 9 AM to 4 PM.")
        case "date_in_past" if isinstance(detail.get("day"), date):
            return f"{write_date(detail['day'])} has already passed: choose today or a later day."
        case "weekend_unavailable" | "clinic_closed" if isinstance(detail.get("day"), date):
            day = detail["day"]
            if detail.get("reason") == "closed_date":
                return f"The clinic is closed on {write_date(day)}: choose another day."
            return (
                f"The clinic is closed on {day:%A}s ({write_date(day)}): it is open "
                f"{say_days(detail.get('open_weekdays', ()))}."
            )
        case "too_far_ahead" if isinstance(detail.get("last_day"), date):
            return (
                f"Bookings go up to {detail.get('horizon_days')} days ahead: the last day "
                f"that can be booked is {write_date(detail['last_day'])}."
            )
        case "outside_business_hours" if detail.get("reason") == "too_late" and _times(
            detail, "start", "last_start"
        ):
            return (
                f"{detail['start']:%H:%M} is too late: the last appointment of the day starts "
                f"at {detail['last_start']:%H:%M}."
            )
        case "outside_business_hours" if _times(detail, "start", "open_time", "close_time"):
            return (
                f"{detail['start']:%H:%M} is outside opening hours: appointments run from "
                f"{detail['open_time']:%H:%M} to {detail['close_time']:%H:%M}."
            )
        case "not_on_slot_boundary" if detail.get("reason") == "does_not_exist" and _times(
            detail, "start"
        ):
            nearest = " or ".join(f"{t:%H:%M}" for t in detail.get("nearest_starts", ()))
            return (
                f"{detail['start']:%H:%M} does not exist on {write_date(detail['day'])}: the "
                "clocks go forward that night." + (f" Choose {nearest}." if nearest else "")
            )
        case "not_on_slot_boundary" if _times(detail, "start", "open_time"):
            every = detail.get("slot_minutes")
            cadence = "on the hour" if every == 60 else f"every {every} minutes"
            nearest = " or ".join(f"{t:%H:%M}" for t in detail.get("nearest_starts", ()))
            return (
                f"{detail['start']:%H:%M} is not a start time: appointments start {cadence} "
                f"from {detail['open_time']:%H:%M}." + (f" Choose {nearest}." if nearest else "")
            )
        case "invalid_date" if detail.get("reason") == "empty":
            return "Enter a date, such as 2026-01-24, tomorrow or friday."
        case "invalid_date" if detail.get("reason") in ("unrecognised", "too_long"):
            given = f" '{detail['text']}'" if detail.get("text") else ""
            return (
                f"Cannot read{given} as a date: enter one such as 2026-01-24, tomorrow or friday."
            )
    return str(error)


def _times(detail: Mapping[str, Any], *keys: str) -> bool:
    return all(isinstance(detail.get(key), time) for key in keys)


def _when(detail: Mapping[str, Any]) -> str:
    """ "14:00 on Friday, November 27, 2026" from an error's ``day`` and ``start``; "" without
    them."""
    day, start = detail.get("day"), detail.get("start")
    if not isinstance(day, date) or not isinstance(start, time):
        return ""
    return f"{start:%H:%M} on {write_date(day)}"


STAFF_NAME_LENGTH = 64


def staff_name(text: str) -> str:
    """The name a member of staff gave, as the record of staff actions keeps it: control and
    formatting characters (NUL, escape sequences, right-to-left overrides) become spaces, runs
    of whitespace one space, at most 64 characters. A NUL reached the database as it was
    typed: PostgreSQL refuses it in text (the change failed with a 500), and an escape
    sequence or a direction override would be shown to the next person reading the record."""
    return visible_text(text)[:STAFF_NAME_LENGTH]


def visible_text(text: str) -> str:
    """``text`` with control and formatting characters as spaces and runs of whitespace as
    one space: what the record of staff actions keeps of what was typed."""
    visible = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(visible.split())


@dataclass(frozen=True, slots=True)
class Renamed:
    user: User
    previous_name: str | None


class StaffDesk:
    def __init__(self, scheduling: SchedulingService, actions: StaffActionRepository) -> None:
        self.scheduling = scheduling
        self._actions = actions

    async def appointment(self, code_text: str) -> Appointment:
        """The appointment with this confirmation code, whoever holds it."""
        found = await self.scheduling.appointment_by_code(code_text)
        if found is None:
            raise AppointmentNotFound(NOT_FOUND)
        return found

    async def book(
        self, *, actor: str, phone: str, name: str | None, day: date | str, start: time | str
    ) -> tuple[Appointment, User]:
        """Book for the caller with this number (registered first when new and named)."""
        action = self._new(actor, StaffActionKind.BOOK)

        async def run() -> tuple[Appointment, User]:
            # The day and time first: a refused booking (a weekend, a past date, a bad time)
            # must not leave a new caller's account behind.
            scheduling = self.scheduling
            when = self._when(day, start)
            scheduling.calendar.check_slot(*when, now=scheduling.clock.now())
            identified = await scheduling.identify(phone, name)
            if identified.user is None:
                raise InvalidName(NAME_NEEDED)
            user = identified.user
            booked = await self.scheduling.book(user.id, *when)
            return booked, user

        def facts(result: tuple[Appointment, User]) -> StaffAction:
            booked, user = result
            return _about(action, booked, user_id=user.id)

        return await self._record(action, run, facts)

    async def reschedule(
        self, *, actor: str, code: str, day: date | str, start: time | str
    ) -> Reschedule:
        action = self._new(actor, StaffActionKind.RESCHEDULE, code=code)

        async def run() -> Reschedule:
            when = self._when(day, start)
            current = await self.appointment(code)
            return await self.scheduling.reschedule(current.user_id, current.code, *when)

        def facts(result: Reschedule) -> StaffAction:
            return dataclasses.replace(
                _about(action, result.after),
                previous_day=result.before.day,
                previous_start=result.before.start,
            )

        return await self._record(action, run, facts)

    async def cancel(self, *, actor: str, code: str) -> Appointment:
        action = self._new(actor, StaffActionKind.CANCEL, code=code)

        async def run() -> Appointment:
            current = await self.appointment(code)
            return await self.scheduling.cancel(current.user_id, current.code)

        return await self._record(action, run, lambda a: _about(action, a))

    async def rename(self, *, actor: str, user_id: uuid.UUID, name: str | None) -> Renamed:
        """Correct a caller's name (one the recogniser could not get, stored as the
        placeholder, or a misheard one): checked as a new name is, recorded old -> new."""
        action = self._new(actor, StaffActionKind.RENAME)

        async def run() -> Renamed:
            if name is None or not name.strip():
                # not NAME_NEEDED: that one is about registering a new number
                raise InvalidName(NAME_TO_CORRECT, reason="no_correction")
            cleaned = corrected_name(name)
            try:
                current = await self.scheduling.user(user_id)
                renamed = await self.scheduling.rename(user_id, cleaned)
            except UserNotFound:  # the caller's wording asks for a phone number
                raise UserNotFound(CALLER_NOT_FOUND) from None
            return Renamed(user=renamed, previous_name=current.name)

        def facts(done: Renamed) -> StaffAction:
            return dataclasses.replace(
                action, user_id=done.user.id, name=done.user.name, previous_name=done.previous_name
            )

        return await self._record(action, run, facts)

    async def history(
        self, *, limit: int = 50, appointment_code: str | None = None
    ) -> list[StaffAction]:
        code = normalize_code(appointment_code) if appointment_code is not None else None
        return await self._actions.recent(limit, code=code)

    # ------------------------------------------------------------------------------------------
    def _when(self, day: date | str, start: time | str) -> tuple[date, time]:
        """What staff typed, read strictly: a date and a time, nothing else ("10:30:99",
        "tomorrow-ish" are refused, not read as 10:30 or tomorrow)."""
        scheduling = self.scheduling
        return scheduling.parse_day(day, exact=True), scheduling.parse_start(start, exact=True)

    def _new(self, actor: str, kind: StaffActionKind, *, code: str | None = None) -> StaffAction:
        cleaned = staff_name(actor)
        if not cleaned:
            raise InvalidName("Say who is making this change (your name).")
        if code is not None:
            try:
                code = normalize_code(code)
            except DomainError:
                code = None
        return StaffAction(
            id=uuid.uuid4(),
            at=self.scheduling.clock.now(),
            actor=cleaned,
            kind=kind,
            code=code,
        )

    async def _record(
        self,
        action: StaffAction,
        run: Callable[[], Awaitable[T]],
        facts: Callable[[T], StaffAction],
    ) -> T:
        await self._actions.add(action)
        try:
            result = await run()
        except DomainError as exc:
            # the message may quote what was typed ("the date 'fri<NUL>day'"): PostgreSQL
            # refused the NUL, and the refusal became a 500 with its record left pending
            message = visible_text(desk_message(exc))
            refused = dataclasses.replace(action, outcome=exc.kind, message=message)
            await self._settle(refused)
            raise
        await self._settle(dataclasses.replace(facts(result), outcome=DONE))
        logger.info("staff action", extra={"action_id": str(action.id), "kind": action.kind.value})
        return result

    async def _settle(self, action: StaffAction) -> None:
        try:
            await self._actions.settle(action)
        except DomainError:
            # the change itself stands; its record stays "pending" for a person to check
            logger.error(
                "staff action not settled",
                extra={"action_id": str(action.id), "outcome": action.outcome},
            )


def _about(
    action: StaffAction, appointment: Appointment, *, user_id: uuid.UUID | None = None
) -> StaffAction:
    return dataclasses.replace(
        action,
        user_id=user_id or appointment.user_id,
        appointment_id=appointment.id,
        code=appointment.code,
        day=appointment.day,
        start=appointment.start,
    )
