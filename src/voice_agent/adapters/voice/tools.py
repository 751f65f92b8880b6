"""The agent's tools: thin wrappers over SchedulingService speaking the docs/tools.md contract.

Every result is a JSON object serialised to a string; every expected failure is a ToolError
whose text is the JSON object ``{"error": kind, "message": ...}``: the domain error's kind
(so a dialogue engine can tell failures apart without reading English) and its caller-facing
message (and nothing else: ``from None``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from uuid import UUID

from livekit.agents import RunContext, ToolError, function_tool, llm

from voice_agent.domain.errors import (
    DomainError,
    NameChangeRefused,
    TooManyAccounts,
    TooManyBookings,
)
from voice_agent.domain.models import Appointment, User
from voice_agent.domain.names import name_to_say, needs_name
from voice_agent.domain.speech import say_code, say_date, say_time
from voice_agent.services.scheduling import NAME_CHANGE_REFUSED, NameCheck, SchedulingService

if TYPE_CHECKING:
    from livekit.agents import AgentSession

logger = logging.getLogger(__name__)

T = TypeVar("T")

NOT_IDENTIFIED = "I need to find your account first. Could you tell me your phone number?"
NOT_IDENTIFIED_KIND = "not_identified"
NAME_REQUIRED = (
    "I don't see an account with that number. To create one, please ask for the caller's "
    "full name and call identify_user again with the number and the name."
)

MAX_ACCOUNTS_PER_CALL = 3
"""Different accounts one call may find or open: the caller's own, say a relative's ("that's
my sister's number") and one more for a slip. Past it, every new number is refused without a
lookup, found or not, so a caller trying numbers learns neither whose they are nor whether
they exist."""
MAX_NUMBERS_PER_CALL = 8
"""Different numbers one call may look up, found or not: misheard digits and corrections
included. Only found accounts were counted, so a call could try any number of numbers that
had none and learn from each answer ("may I have your name" or a welcome) whether that
person is a patient of the clinic, until three were."""
MAX_BOOKINGS_PER_CALL = 3
"""Appointments one call may book: a caller (or a model told to "book every slot") cannot
fill the calendar from one call."""
MAX_NAME_GUESSES_PER_CALL = 3
"""Names one call may give that do not match the account they are checked against: the name
on an account is said back only to a caller who gave it, and a model made to try a list of
first names against one number would otherwise have found it out by the hundredth."""
MAX_UPCOMING_PER_CALLER = 6
"""Upcoming appointments one account may hold when a call books another: the per-call limit
alone let one number book a whole week over a dozen calls. Staff book past it at the desk."""
TOO_MANY_ACCOUNTS = (
    "I can only look up {limit} accounts on one call. For another number, please call "
    "again or ask the front desk."
)
TOO_MANY_NUMBERS = (
    "I can't look up any more numbers on this call. For another number, please call again "
    "or ask the front desk."
)
TOO_MANY_BOOKINGS = (
    "I can book at most {limit} appointments on one call. For more, please speak to the front desk."
)
NAME_NOT_CHECKED = (
    "I can't check a name against this account now, so treat the caller as having given the "
    "number only. The front desk can help with the name."
)
"""identify_user's ``name_message`` when the name given was not checked: the call's or the
account's name misses are used up."""


@dataclass
class CallState:
    """Per-call state kept on the AgentSession (``session.userdata``)."""

    user_id: UUID | None = None
    accounts: dict[str, UUID] = field(default_factory=dict)
    """The accounts this call found or opened, by E.164 number (at most
    MAX_ACCOUNTS_PER_CALL)."""
    numbers: set[str] = field(default_factory=set)
    """Every number this call looked up, found or not (at most MAX_NUMBERS_PER_CALL)."""
    name_misses: int = 0
    """Names given this call that were not the account's (MAX_NAME_GUESSES_PER_CALL)."""
    name_known: bool = False
    """The caller gave the identified account's whole name on this call: their corrections of
    it (update_name) are not counted as name misses."""
    opened: UUID | None = None
    """The account this call opened: its name is the caller's own words, so update_name may
    replace it with any name (a misheard registration said back wrong)."""
    name_told: str | None = None
    """As much of the identified account's name as the caller may be shown (``name_to_say``:
    none for a number alone): the frontend's tool_call and summary events carry this one."""
    bookings: int = 0
    """Appointments booked on this call, and bookings under way (at most
    MAX_BOOKINGS_PER_CALL)."""
    ending: bool = False
    end_reason: str | None = None
    transferring: bool = False
    """transfer_to_staff was called and the transfer has not failed (yet)."""
    transfer_reason: str | None = None
    restarts: int = 0
    """Times the call has started over (someone joined with the caller's identity): what a
    lookup under way then found belongs to the call before, not to whoever is on it now."""
    identity_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False, compare=False)
    """Held by identify_user and update_name from their first check to their last count: a
    model's tool calls of one turn run at once, and eight identify_user calls made together
    all passed the three accounts (each checked before any had counted), ten names together
    all passed the three name misses."""


class StaffTransfer(Protocol):
    """Puts the caller through to the clinic's staff (on a phone call: a SIP transfer)."""

    def begin(self, session: AgentSession[CallState]) -> None:
        """Start the transfer now; on failure it resets ``transferring`` and tells the
        caller how to reach the clinic."""
        ...


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def appointment_json(appointment: Appointment) -> dict[str, Any]:
    return {
        "appointment_id": appointment.code,
        "date": appointment.day.isoformat(),
        "time": f"{appointment.start:%H:%M}",
        "status": appointment.status.value,
        "spoken": f"{say_date(appointment.day)} at {say_time(appointment.start)}",
        "spoken_code": say_code(appointment.code),
    }


LIVEKIT_TOOL_ERROR = "ToolError while executing tool"
"""What livekit-agents logs, at WARNING, for every ToolError a tool raises."""


class ExpectedRefusals(logging.Filter):
    """Lowers livekit-agents' "ToolError while executing tool" from WARNING to INFO.

    Our tools raise ToolError only for expected refusals (a taken slot, a weekend, an unknown
    code): the caller is answered, nothing went wrong, and ``_domain`` already logs each as
    "tool refused" at INFO with the tool and the error type. At WARNING they were counted as
    problems ("1 warning logged to ..." after a chat that asked for a Saturday). An unexpected
    exception in a tool is still livekit's ERROR. A logger filter, so the level is changed
    before any handler compares it (the record's ``lk.pii.error`` extra, the caller-facing
    sentence, is dropped by the redacting filter as before).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.msg == LIVEKIT_TOOL_ERROR:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def quiet_expected_refusals() -> None:
    """Install :class:`ExpectedRefusals` on livekit-agents' logger (once per process)."""
    livekit_logger = logging.getLogger("livekit.agents")
    if not any(isinstance(f, ExpectedRefusals) for f in livekit_logger.filters):
        livekit_logger.addFilter(ExpectedRefusals())


def tool_error(kind: str, message: str) -> ToolError:
    """The ToolError for an expected failure: its kind and the sentence for the caller."""
    return ToolError(to_json({"error": kind, "message": message}))


def _refused(tool: str, exc: DomainError) -> ToolError:
    logger.info("tool refused", extra={"tool": tool, "error_type": type(exc).__name__})
    return tool_error(exc.kind, str(exc))


async def _domain(tool: str, call: Callable[[], Awaitable[T]]) -> T:
    try:
        return await call()
    except DomainError as exc:
        raise _refused(tool, exc) from None


NAMES_KEPT_UNSAID = "keeps_unconfirmed_names_unsaid"
"""The attribute an LLM sets (True) when it is code that never says a name identify_user did
not confirm: the offline dialogue engine, which keeps the account's name to take a correction
by word ("it's Nowack, not Novak" on Anna Novak's account). Any other model (a cloud one, or
the offline engine behind one as its fallback) is shown no name until name_confirmed."""


def keeps_names_unsaid(model: object) -> bool:
    return getattr(model, NAMES_KEPT_UNSAID, False) is True


def _user_id(context: RunContext[CallState]) -> UUID:
    user_id = context.userdata.user_id
    if user_id is None:
        raise tool_error(NOT_IDENTIFIED_KIND, NOT_IDENTIFIED)
    return user_id


def _same_call(state: CallState, restarts: int) -> None:
    """Refuse a finding made across a restart as made before identification: the caller who
    asked is gone, and its result would reach the model after the call had started over, the
    appointments of the account found with it (and the account, set on the call after)."""
    if state.restarts != restarts:
        raise tool_error(NOT_IDENTIFIED_KIND, NOT_IDENTIFIED)


class ReceptionistTools:
    """Mixed into ReceptionistAgent; needs ``self._scheduling``."""

    _scheduling: SchedulingService

    @function_tool
    async def get_current_time(self, context: RunContext[CallState]) -> str:
        """Get the clinic's current date, weekday and time. Call it before working out
        "today", "tomorrow", a weekday or any other relative date."""
        calendar = self._scheduling.calendar
        now = calendar.local_now(self._scheduling.clock.now()).replace(microsecond=0)
        return to_json(
            {
                "now": now.isoformat(),
                "date": now.date().isoformat(),
                "weekday": f"{now:%A}",
                "spoken": f"{say_date(now.date())}, {say_time(now.time())}",
                "timezone": calendar.timezone.key,
            }
        )

    @function_tool
    async def identify_user(
        self, context: RunContext[CallState], phone_number: str, name: str | None = None
    ) -> str:
        """Find the caller's account by phone number, or create it when they are new.

        Args:
            phone_number: The caller's 10-digit phone number, as digits or as they said it.
            name: The caller's full name, whenever they have said it: needed to register a
                new caller, and checked against the name on an account (name_confirmed).
        """
        async with context.userdata.identity_lock:
            return await self._identify(context, phone_number, name)

    async def _identify(
        self, context: RunContext[CallState], phone_number: str, name: str | None
    ) -> str:
        state = context.userdata
        restarts = state.restarts
        try:
            phone = self._scheduling.phone(phone_number)
            # refused before the lookup: the refusal says nothing about the number
            if phone not in state.accounts and len(state.accounts) >= MAX_ACCOUNTS_PER_CALL:
                raise TooManyAccounts(
                    TOO_MANY_ACCOUNTS.format(limit=MAX_ACCOUNTS_PER_CALL),
                    limit=MAX_ACCOUNTS_PER_CALL,
                )
            if phone not in state.numbers and len(state.numbers) >= MAX_NUMBERS_PER_CALL:
                raise TooManyAccounts(TOO_MANY_NUMBERS, limit=MAX_NUMBERS_PER_CALL)
        except DomainError as exc:
            raise _refused("identify_user", exc) from None
        state.numbers.add(phone)
        found = await _domain("identify_user", lambda: self._scheduling.identify(phone, name))
        _same_call(state, restarts)
        if found.user is None:
            return to_json({"status": "name_required", "message": NAME_REQUIRED})
        state.accounts[phone] = found.user.id
        state.user_id = found.user.id
        state.name_known = False
        if found.created:
            state.opened = found.user.id
        logger.info(
            "caller identified", extra={"user_id": str(found.user.id), "new_user": found.created}
        )
        answer: dict[str, Any] = {
            "status": "registered" if found.created else "identified",
            "new_user": found.created,
            "name": found.user.name,
            "appointments": [appointment_json(a) for a in found.appointments],
        }
        if needs_name(found.user.name):
            # opened on an earlier call whose name was not understood ("Unknown Caller")
            answer |= {"name": None, "name_needed": True}
            state.name_told = None
        else:
            # a number alone (anyone who has heard it, or guesses one) is not to be told
            # whose it is: the name is said back only to a caller who gave it
            check = (
                NameCheck.MATCHED
                if found.created
                else await self._check_name(state, name, found.user)
            )
            confirmed = check is NameCheck.MATCHED
            told = found.user.name if found.created else None
            if confirmed and not found.created:
                told = name_to_say(name, found.user.name)
            if check is NameCheck.USED_UP:
                answer["name_message"] = NAME_NOT_CHECKED
            answer["name_confirmed"] = confirmed
            state.name_told = told
            state.name_known = confirmed and told == found.user.name
            if not keeps_names_unsaid(context.session.llm):
                # a model talked out of its instructions cannot say what it never saw: no
                # name for a number alone, and no last name for a first name alone
                answer["name"] = told
        _same_call(state, restarts)
        return to_json(answer)

    async def _check_name(self, state: CallState, said: str | None, user: User) -> NameCheck | None:
        """What the name the caller gave says (None for none), counting names that were not
        the account's: after MAX_NAME_GUESSES_PER_CALL on this call, or the account's own
        limit over calls (``SchedulingService.check_name``), none is taken, the right one
        included."""
        if not said:
            return None
        if state.name_misses >= MAX_NAME_GUESSES_PER_CALL:
            return NameCheck.USED_UP
        check = await _domain("identify_user", lambda: self._scheduling.check_name(user, said))
        if check is NameCheck.MISSED:
            state.name_misses += 1
        return check

    @function_tool
    async def update_name(self, context: RunContext[CallState], name: str) -> str:
        """Correct the identified caller's name on their own account, for a name that was
        misheard or mistyped (not a change to another name: the front desk does that). First
        read the new name back (spelled, if they spelled it) and wait for a clear yes.

        Args:
            name: The caller's corrected full name, for example "Dana Ruiz".
        """
        async with context.userdata.identity_lock:
            return await self._update_name(context, name)

    async def _update_name(self, context: RunContext[CallState], name: str) -> str:
        user_id = _user_id(context)
        state = context.userdata
        opened = state.opened == user_id
        checked = opened or state.name_known
        if not checked and state.name_misses >= MAX_NAME_GUESSES_PER_CALL:
            raise _refused("update_name", NameChangeRefused(NAME_CHANGE_REFUSED))
        try:
            renamed = await self._scheduling.rename(
                user_id, name, correction=not opened, checked=checked
            )
        except NameChangeRefused as exc:
            if not checked:
                state.name_misses += 1
            raise _refused("update_name", exc) from None
        except DomainError as exc:
            raise _refused("update_name", exc) from None
        state.name_told = renamed.name  # the caller's own words
        return to_json({"status": "renamed", "name": renamed.name})

    @function_tool
    async def fetch_available_slots(self, context: RunContext[CallState], date: str) -> str:
        """List the free appointment times on one day. Only ever offer times from this list.

        Args:
            date: The day as YYYY-MM-DD (words like "tomorrow" or "Friday" also work).
        """
        availability = await _domain(
            "fetch_available_slots", lambda: self._scheduling.available_slots(date)
        )
        starts = [slot.start for slot in availability.free]
        return to_json(
            {
                "date": availability.day.isoformat(),
                "spoken_date": say_date(availability.day),
                "available": [f"{t:%H:%M}" for t in starts],
                "spoken_times": [say_time(t) for t in starts],
            }
        )

    @function_tool
    async def book_appointment(self, context: RunContext[CallState], date: str, time: str) -> str:
        """Book an appointment for the identified caller, after they confirmed date and time.

        Args:
            date: The day as YYYY-MM-DD.
            time: The start time as HH:MM in 24-hour form, for example 14:00.
        """
        user_id = _user_id(context)
        state = context.userdata
        if state.bookings >= MAX_BOOKINGS_PER_CALL:
            limit = MAX_BOOKINGS_PER_CALL
            refusal = TooManyBookings(TOO_MANY_BOOKINGS.format(limit=limit), limit=limit)
            raise _refused("book_appointment", refusal)
        # counted before the await: tool calls a model makes in parallel each see the others
        state.bookings += 1
        try:
            appointment = await _domain(
                "book_appointment",
                lambda: self._scheduling.book(
                    user_id, date, time, max_upcoming=MAX_UPCOMING_PER_CALLER
                ),
            )
        except BaseException:
            state.bookings -= 1
            raise
        return to_json({"status": "booked", "appointment": appointment_json(appointment)})

    @function_tool
    async def get_user_appointments(self, context: RunContext[CallState]) -> str:
        """List all of the identified caller's appointments, newest first, with their status."""
        user_id = _user_id(context)
        restarts = context.userdata.restarts
        appointments = await _domain(
            "get_user_appointments", lambda: self._scheduling.appointments(user_id)
        )
        _same_call(context.userdata, restarts)
        return to_json({"appointments": [appointment_json(a) for a in appointments]})

    @function_tool
    async def modify_appointment(
        self,
        context: RunContext[CallState],
        appointment_id: str,
        new_date: str,
        new_time: str,
    ) -> str:
        """Move one of the caller's appointments to a new date and time, after they confirmed.

        Args:
            appointment_id: The 8-character confirmation code of the appointment.
            new_date: The new day as YYYY-MM-DD.
            new_time: The new start time as HH:MM in 24-hour form.
        """
        user_id = _user_id(context)
        change = await _domain(
            "modify_appointment",
            lambda: self._scheduling.reschedule(user_id, appointment_id, new_date, new_time),
        )
        before = change.before
        return to_json(
            {
                "status": "rescheduled",
                "appointment": appointment_json(change.after),
                "previous": {
                    "date": before.day.isoformat(),
                    "time": f"{before.start:%H:%M}",
                    "spoken": f"{say_date(before.day)} at {say_time(before.start)}",
                },
            }
        )

    @function_tool
    async def cancel_appointment(self, context: RunContext[CallState], appointment_id: str) -> str:
        """Cancel one of the caller's appointments, after they confirmed.

        Args:
            appointment_id: The 8-character confirmation code of the appointment.
        """
        user_id = _user_id(context)
        cancelled = await _domain(
            "cancel_appointment", lambda: self._scheduling.cancel(user_id, appointment_id)
        )
        return to_json({"status": "cancelled", "appointment": appointment_json(cancelled)})

    @function_tool
    async def end_conversation(
        self, context: RunContext[CallState], reason: str | None = None
    ) -> str:
        """End the call once the caller is done. When it returns, say a short goodbye: the
        line closes as soon as the goodbye has been spoken.

        Args:
            reason: Optional short reason, for example "caller finished".
        """
        state = context.userdata
        if not state.ending:
            state.ending = True
            state.end_reason = reason
            session = context.session
            # The tool's reply (the goodbye) plays on this same speech handle, so closing once
            # it is done lets the caller hear it first.
            context.speech_handle.add_done_callback(lambda _: session.shutdown(drain=True))
            logger.info("conversation ending", extra={"tool": "end_conversation"})
        return to_json({"status": "ending"})


def transfer_to_staff_tool(transfer: StaffTransfer) -> llm.FunctionTool[Any, Any]:
    """The ``transfer_to_staff`` tool (docs/tools.md) over ``transfer``; an agent offers it
    only where a transfer can happen (a phone call with a transfer number configured)."""

    @function_tool
    async def transfer_to_staff(context: RunContext[CallState], reason: str | None = None) -> str:
        """Put the caller through to a member of the clinic's staff. Use it when the caller
        asks for a person, or when you cannot help them after several tries. When it returns,
        say one short sentence that you are putting them through: the transfer starts once
        that sentence has been spoken.

        Args:
            reason: Optional short reason, for example "caller asked for a person".
        """
        state = context.userdata
        if not state.transferring:
            state.transferring = True
            state.transfer_reason = reason
            session = context.session
            # like end_conversation: the reply plays on this speech handle, so the caller
            # hears it before the line is handed over
            context.speech_handle.add_done_callback(lambda _: transfer.begin(session))
            logger.info("transfer requested", extra={"tool": "transfer_to_staff"})
        return to_json({"status": "transferring"})

    return transfer_to_staff
