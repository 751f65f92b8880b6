"""A deterministic scheduling dialogue manager that stands in for a cloud LLM.

Pure Python (no framework imports). The engine is stateless: every call to
:meth:`DialogueEngine.decide` replays the whole conversation (caller turns, agent turns, tool
calls and tool results) to rebuild the dialogue state, then decides the next step: either the
tool calls a cloud model would make (arguments per docs/tools.md) or a short spoken reply.

What the agent last asked for is recovered by re-planning at each agent turn of the history,
so the engine reads its own questions exactly as it meant them; agent turns it did not write
(a greeting said by the app, a cloud model's words) fall back to a keyword reading.
"""

from __future__ import annotations

import ast
import contextlib
import json
import logging
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from voice_agent.adapters.offline.dialogue.nlu import Expect, Task, Utterance, parse_utterance
from voice_agent.domain.errors import DomainError
from voice_agent.domain.phone import national_digits, normalize_phone
from voice_agent.domain.speech import join_words, say_code, say_date, say_time

logger = logging.getLogger(__name__)

# What the agent offered to do, and the task a "yes" (or a date or time) accepts.
_OFFERED_TASK: dict[str, Task] = {"offer_modify": "reschedule", "offer_book": "book"}

# --- conversation history ---------------------------------------------------------------------


@dataclass(frozen=True)
class UserTurn:
    """Something the caller said (or typed)."""

    text: str


@dataclass(frozen=True)
class AssistantTurn:
    """Something the agent said."""

    text: str


@dataclass(frozen=True)
class ToolCall:
    """A tool call the agent made."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    call_id: str = ""


@dataclass(frozen=True)
class ToolResult:
    """A tool's output text (JSON on success, the ToolError message on failure)."""

    name: str
    output: str
    is_error: bool = False
    call_id: str = ""


HistoryItem = UserTurn | AssistantTurn | ToolCall | ToolResult

# --- decisions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedCall:
    """A tool call to make: the tool name and its JSON-serialisable string arguments."""

    name: str
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The next step: tool calls to make, or a reply to say (exactly one is set)."""

    reply: str | None = None
    tool_calls: tuple[PlannedCall, ...] = ()
    expect: Expect | None = None
    """What the reply asks the caller for (None when it asks nothing)."""

    @property
    def is_reply(self) -> bool:
        return self.reply is not None


GOODBYE = "Thank you for calling. Have a great day!"
GREETING = "Hello, thanks for calling! How can I help you today?"
ANYTHING_ELSE = "Is there anything else I can help you with?"
CAPABILITIES = "I can book, check, reschedule or cancel an appointment for you."
DEFAULT_HOURS = (
    "We're open Monday to Friday, with appointments on the hour from 9 AM, "
    "the last one starting at 3 PM."
)

INTERNAL_ERROR = "An internal error occurred"  # LiveKit's output for a tool that crashed
APPOINTMENT_TASKS: frozenset[Task] = frozenset({"book", "list", "reschedule", "cancel"})

# --- dialogue state ------------------------------------------------------------------------------


@dataclass
class DialogueState:
    """Everything the engine knows at one point of the conversation (rebuilt on every call)."""

    today: date
    user_turns: int = 0
    expect: Expect | None = None
    task: Task | None = None
    heard: Utterance | None = None
    # identity
    phone: str | None = None
    identified: bool = False
    caller_name: str | None = None
    new_user: bool = False
    name_required: bool = False
    pending_name: str | None = None
    appointments: list[dict[str, Any]] = field(default_factory=list)
    # request details
    day: date | None = None
    at: time | None = None
    code: str | None = None
    target_id: str | None = None
    confirmed: bool = False
    slots: dict[str, Any] | None = None
    unavailable_at: time | None = None
    # this turn
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    unclear: bool = False
    greeted: bool = False
    prompt_task: bool = False
    wrap_up: bool = False
    identified_now: bool = False
    hours_asked: bool = False
    wants_end: bool = False
    ended: bool = False
    clock_known: bool = False
    dates_mentioned: bool = False
    turn_calls: list[tuple[str, str]] = field(default_factory=list)

    def begin_user_turn(self) -> None:
        self.user_turns += 1
        self.notes = []
        self.error = None
        self.unclear = False
        self.greeted = False
        self.prompt_task = False
        self.wrap_up = False
        self.identified_now = False
        self.hours_asked = False
        self.unavailable_at = None
        self.turn_calls = []

    def end_agent_turn(self) -> None:
        self.notes = []
        self.error = None
        self.unclear = False
        self.greeted = False
        self.prompt_task = False
        self.wrap_up = False
        self.identified_now = False
        self.hours_asked = False
        self.unavailable_at = None

    def clear_request(self) -> None:
        self.day = None
        self.at = None
        self.code = None
        self.target_id = None
        self.confirmed = False

    def finish_task(self) -> None:
        self.task = None
        self.clear_request()
        self.wrap_up = True

    @property
    def first_name(self) -> str:
        return (self.caller_name or "").split(" ")[0]

    def slots_for(self, day: date | None) -> dict[str, Any] | None:
        if day is not None and self.slots is not None and self.slots.get("date") == day.isoformat():
            return self.slots
        return None

    def target(self) -> dict[str, Any] | None:
        """The appointment the caller means: chosen, given by code, or their only one."""
        wanted = self.target_id or self.code
        if wanted:
            for appt in self.appointments:
                if appt.get("appointment_id") == wanted:
                    return appt
            return {"appointment_id": wanted}
        if len(self.appointments) == 1:
            return self.appointments[0]
        return None


# --- the engine ----------------------------------------------------------------------------------


class DialogueEngine:
    """Decides the next step of a scheduling call from the conversation so far."""

    def __init__(
        self,
        today: Callable[[], date] | None = None,
        *,
        hours_text: str = DEFAULT_HOURS,
        region: str = "US",
        clock_tool: bool = False,
    ) -> None:
        """``today`` returns the clinic's today (defaults to the host's local date).

        With ``clock_tool`` the engine calls ``get_current_time`` (when offered) before it
        acts on the first date a caller mentions, and from then on trusts the tool's date.
        """
        self._today = today or date.today
        self._hours_text = hours_text
        self._region = region
        self._clock_tool = clock_tool

    # public API ---------------------------------------------------------------------------

    def decide(
        self, history: Sequence[HistoryItem], *, available_tools: Collection[str] | None = None
    ) -> Decision:
        """The next step. ``available_tools`` limits which tools may be called (None: all)."""
        state = self.state(history)
        decision = self._plan(state, available_tools)
        if decision.tool_calls:
            repeated = [
                c for c in decision.tool_calls if (c.name, _args_key(c.args)) in state.turn_calls
            ]
            if repeated:
                # never loop on a tool within one caller turn
                logger.warning("dialogue engine avoided repeating tool %s", repeated[0].name)
                lead = " ".join(state.notes) or "Sorry, I'm having trouble with that right now."
                return Decision(
                    reply=f"{lead} Could you try again, or ask me something else?",
                    expect=state.expect,
                )
        logger.debug(
            "dialogue decision: %s",
            "reply" if decision.is_reply else [c.name for c in decision.tool_calls],
        )
        return decision

    def state(self, history: Sequence[HistoryItem]) -> DialogueState:
        """Replay the conversation into a dialogue state."""
        state = DialogueState(today=self._today())
        clock_dates = [
            _parse_output(item.output) or {}
            for item in history
            if isinstance(item, ToolResult)
            and item.name == "get_current_time"
            and not item.is_error
        ]
        for data in clock_dates[-1:]:
            # the clinic's own clock wins, for every turn (dates said before it was asked too)
            with contextlib.suppress(ValueError):
                state.today = date.fromisoformat(str(data.get("date")))
                state.clock_known = True
        for item in history:
            if isinstance(item, UserTurn):
                self._on_user(state, item.text)
            elif isinstance(item, AssistantTurn):
                self._on_agent(state, item.text)
            elif isinstance(item, ToolCall):
                state.turn_calls.append((item.name, _args_key(item.args)))
            elif isinstance(item, ToolResult):
                self._on_result(state, item)
        return state

    # reducers -------------------------------------------------------------------------------

    def _on_agent(self, s: DialogueState, text: str) -> None:
        if s.ended:
            s.end_agent_turn()
            return
        planned = self._plan(s, None)
        s.expect = planned.expect if planned.is_reply else _classify_question(text)
        s.end_agent_turn()

    def _on_user(self, s: DialogueState, text: str) -> None:
        s.begin_user_turn()
        u = parse_utterance(text, today=s.today, expect=s.expect)
        s.heard = u
        s.dates_mentioned = s.dates_mentioned or u.date is not None
        expect = s.expect
        progressed = False

        if u.end or (expect == "anything_else" and u.no and u.task is None and not u.has_details):
            s.wants_end = True
            return
        # the caller kept talking after the goodbye: carry on
        s.wants_end = False
        s.ended = False
        if (
            expect in ("date", "datetime", "time", "which_appointment")
            and u.no
            and u.task is None
            and not u.has_details
        ):
            s.finish_task()
            s.notes.append("No problem.")
            return

        # --- phone and name ---
        if u.phone is not None and (expect == "phone" or len(u.phone.lstrip("+")) >= 7):
            if u.phone != s.phone:
                s.phone = u.phone
                if s.identified or s.name_required:
                    s.identified = False
                    s.name_required = False
                    s.appointments = []
            progressed = True
        if u.name is not None and (expect == "name" or not s.identified):
            s.pending_name = u.name
            progressed = True

        # --- answers to the question we asked ---
        task = u.task
        if expect == "confirm_book":
            if u.no and not (u.date or u.time):
                s.at = None
                s.confirmed = False
                s.notes.append("No problem.")
                progressed = True
            elif u.yes and not (u.date or u.time) and task in (None, "book"):
                s.confirmed = True
                progressed = True
        elif expect == "confirm_cancel":
            if u.yes and not u.no and task in (None, "cancel"):
                s.confirmed = True
                progressed = True
            elif u.no:
                s.finish_task()
                s.notes.append("Okay, I'll keep your appointment as it is.")
                return
        elif expect in _OFFERED_TASK:
            if task is None and (u.yes or u.date or u.time):
                task = _OFFERED_TASK[expect]
            elif u.no and task is None:
                s.finish_task()
                s.notes.append("Okay.")
                return
        elif expect == "anything_else" and u.yes and task is None and not u.has_details:
            s.prompt_task = True
            return

        # --- the task ---
        if (
            s.task == "book"
            and task == "reschedule"
            and expect in ("confirm_book", "time", "date", "datetime")
        ):
            task = "book"  # "actually, make it 3 PM" adjusts the booking being made
        if task is not None and task != s.task:
            keep = (s.task == "availability" and task == "book") or (
                s.task == "list" and task in ("reschedule", "cancel")
            )
            if not keep:
                s.clear_request()
            s.task = task
            progressed = True
        elif task is not None:
            progressed = True

        # --- details ---
        picked_appointment = False
        if (expect == "which_appointment" or s.task in ("reschedule", "cancel")) and (
            s.target_id is None and len(s.appointments) > 1
        ):
            picked_appointment = self._pick_appointment(s, u)
            progressed = progressed or picked_appointment
        if u.code is not None:
            s.code = u.code
            s.target_id = u.code
            progressed = True
        if not picked_appointment:
            if u.date is not None:
                if u.date != s.day:
                    s.confirmed = False
                s.day = u.date
                progressed = True
            if u.time is not None:
                if u.time != s.at:
                    s.confirmed = False
                s.at = u.time
                progressed = True
        available: list[str] = list((s.slots or {}).get("available") or [])
        pick = u.ordinal
        if pick is None and u.yes and len(available) == 1 and s.at is None and not u.time:
            pick = 1  # "yes" to "we have 2 PM available. Would that work?"
        if expect == "time" and pick is not None and s.slots and available:
            idx = pick - 1 if pick > 0 else len(available) + pick
            if 0 <= idx < len(available):
                s.day = date.fromisoformat(str(s.slots["date"]))
                s.at = time.fromisoformat(available[idx])
                s.confirmed = False
                progressed = True

        # --- implied tasks ---
        short = len(u.text.split()) <= 4 or expect in ("date", "datetime", "time")
        if s.task is None and (u.date or u.time) and short and not picked_appointment:
            s.task = "book" if u.time else "availability"
        elif (
            s.task == "availability"
            and u.time is not None
            or (s.task == "availability" and expect == "time" and s.at is not None)
        ):
            s.task = "book"

        # --- a time we already know is taken ---
        known = s.slots_for(s.day if s.task == "book" else self._new_day(s))
        if (
            s.at is not None
            and known is not None
            and s.task in ("book", "reschedule")
            and s.at.strftime("%H:%M") not in known.get("available", [])
        ):
            s.unavailable_at = s.at
            s.at = None
            s.confirmed = False

        if u.hours_question:
            s.hours_asked = True
            progressed = True
        if not progressed:
            if u.greeting:
                s.greeted = True
            else:
                s.unclear = True

    def _pick_appointment(self, s: DialogueState, u: Utterance) -> bool:
        """Match "the Friday one", "the 9 AM one", "the second one" to an appointment."""
        appts = s.appointments
        match: list[dict[str, Any]] = []
        used_time = False
        if u.ordinal is not None:
            idx = u.ordinal - 1 if u.ordinal > 0 else len(appts) + u.ordinal
            if 0 <= idx < len(appts):
                match = [appts[idx]]
        if not match and u.date is not None:
            match = [a for a in appts if a.get("date") == u.date.isoformat()]
            if len(match) > 1 and u.time is not None:
                by_time = [a for a in match if a.get("time") == u.time.strftime("%H:%M")]
                if by_time:
                    match, used_time = by_time, True
        if not match and u.weekday is not None:
            match = [a for a in appts if _weekday(a) == u.weekday]
        if not match and u.month is not None:
            match = [a for a in appts if str(a.get("date", ""))[5:7] == f"{u.month:02d}"]
        if not match and u.time is not None and u.date is None:
            match = [a for a in appts if a.get("time") == u.time.strftime("%H:%M")]
            used_time = True
        if len(match) != 1:
            return False
        s.target_id = str(match[0].get("appointment_id"))
        # the date (and time) named the existing appointment; anything else is the new slot
        if (
            u.time is not None
            and not used_time
            and u.time.strftime("%H:%M") != match[0].get("time")
        ):
            s.at = u.time
        return True

    def _on_result(self, s: DialogueState, r: ToolResult) -> None:
        data = _parse_output(r.output)
        if r.is_error or data is None:
            self._on_error(s, r)
            return
        name = r.name
        if name == "identify_user":
            status = data.get("status")
            if status == "name_required":
                s.name_required = True
                s.identified = False
                return
            s.identified = True
            s.name_required = False
            s.caller_name = str(data.get("name") or "") or None
            s.new_user = bool(data.get("new_user"))
            s.appointments = _upcoming(data.get("appointments"))
            s.identified_now = True
            if status == "registered" or s.new_user:
                s.notes.append(
                    f"Thank you, {s.first_name}, you're all set."
                    if s.first_name
                    else "Thank you, you're all set."
                )
            else:
                s.notes.append(f"Welcome back {s.first_name}!" if s.first_name else "Welcome back!")
        elif name == "fetch_available_slots":
            s.slots = data
            day = str(data.get("date") or "")
            if day:
                try:
                    d = date.fromisoformat(day)
                except ValueError:
                    d = None
                if d is not None and s.task in ("availability", "book") and s.day != d:
                    s.day = d
            if s.at is not None and s.at.strftime("%H:%M") not in data.get("available", []):
                s.unavailable_at = s.at
                s.at = None
                s.confirmed = False
        elif name == "book_appointment":
            appt = data.get("appointment") or {}
            s.notes.append(
                f"You're booked for {_spoken(appt)}. "
                f"Your confirmation code is {_spoken_code(appt)}."
            )
            s.appointments = _upsert(s.appointments, appt)
            s.finish_task()
        elif name == "modify_appointment":
            appt = data.get("appointment") or {}
            s.notes.append(
                f"Done! Your appointment is now at {_spoken_time(appt)} on {_spoken_day(appt)}."
            )
            s.appointments = _upsert(s.appointments, appt)
            s.finish_task()
        elif name == "cancel_appointment":
            appt = data.get("appointment") or {}
            when = _spoken(appt)
            s.notes.append(
                f"Your appointment on {when} has been cancelled."
                if when
                else "Your appointment has been cancelled."
            )
            s.appointments = [
                a for a in s.appointments if a.get("appointment_id") != appt.get("appointment_id")
            ]
            s.finish_task()
        elif name == "get_user_appointments":
            s.appointments = _upcoming(
                [a for a in data.get("appointments", []) if a.get("status") == "booked"]
            )
        elif name == "end_conversation":
            s.ended = True
        elif name == "get_current_time":
            s.clock_known = True

    def _on_error(self, s: DialogueState, r: ToolResult) -> None:
        message = r.output.strip()
        if not message or message == INTERNAL_ERROR:
            message = "Sorry, something went wrong on my end."
        low = message.lower()
        s.error = message
        s.notes.append(message)
        s.confirmed = False
        if r.name == "end_conversation":
            s.ended = True
            return
        if "phone" in low or r.name == "identify_user" and "name" not in low:
            s.phone = None
            s.identified = False
            s.name_required = False
            return
        if r.name == "identify_user":
            s.pending_name = None
            return
        if "code" in low or "not found" in low or "find that appointment" in low:
            s.code = None
            s.target_id = None
            return
        if "already" in low and ("cancelled" in low or "taken place" in low):
            s.finish_task()
            s.wrap_up = False
            return
        if any(
            k in low
            for k in (
                "weekend",
                "closed",
                "days ahead",
                "book up to",
                "no such date",
                "later date",
                "the date",
                "which date",
            )
        ):
            s.day = None
            s.at = None
            s.slots = None
            return
        if r.name in ("book_appointment", "modify_appointment"):
            s.at = None  # the time was the problem: offer what is free on that day instead
            s.slots = None

    # planning -------------------------------------------------------------------------------

    def _plan(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        if s.ended:
            return Decision(reply=GOODBYE)
        if s.wants_end:
            if _allowed("end_conversation", tools):
                return _call("end_conversation", reason="caller finished")
            return Decision(reply=GOODBYE)
        if s.user_turns == 0:
            return Decision(reply=GREETING, expect="intent")
        if (
            self._clock_tool
            and s.dates_mentioned
            and not s.clock_known
            and _allowed("get_current_time", tools)
        ):
            return _call("get_current_time")
        if s.prompt_task:
            return self._say(s, "Sure, what can I do for you?", "intent")

        task = s.task
        if task is None:
            if s.identified_now:
                return self._say(s, "How can I help you today?", "intent")
            if s.hours_asked:
                return self._say(s, "Would you like me to check a particular day?", "date")
            if s.wrap_up or s.notes:
                return self._say(s, ANYTHING_ELSE, "anything_else")
            if s.greeted:
                return self._say(s, "Hello! How can I help you today?", "intent")
            if s.pending_name and not s.identified:
                return self._say(
                    s,
                    f"Nice to meet you, {s.pending_name.split(' ')[0]}. How can I help you today?",
                    "intent",
                )
            return self._say(
                s,
                f"Sorry, I can only help with appointments. {CAPABILITIES} "
                "What would you like to do?",
                "intent",
                unclear_prefix=False,
            )

        if task == "availability":
            return self._plan_availability(s, tools)

        if not s.identified:
            return self._plan_identify(s, tools)
        if task == "book":
            return self._plan_book(s, tools)
        if task == "list":
            return self._plan_list(s)
        if task == "reschedule":
            return self._plan_reschedule(s, tools)
        return self._plan_cancel(s, tools)

    def _plan_identify(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        if s.phone is None:
            if s.error:
                return self._say(s, "", "phone")
            if s.expect == "phone":
                question = "Could you tell me your ten-digit phone number, please?"
            elif s.task == "book" and s.day is not None and s.at is not None:
                question = (
                    f"Great. To book {say_time(s.at)} on {say_date(s.day)}, "
                    "may I have your phone number, please?"
                )
            else:
                question = "Sure, I can help with that. May I have your phone number, please?"
            return self._say(s, question, "phone")
        if s.name_required and not s.pending_name:
            if s.error:
                return self._say(s, "", "name")
            return self._say(
                s,
                "I don't see an account with that number yet. "
                "May I have your full name to set one up?",
                "name",
            )
        if not _allowed("identify_user", tools):
            return self._unavailable(s)
        args = {"phone_number": self._phone_arg(s.phone)}
        if s.name_required and s.pending_name:
            args["name"] = s.pending_name
        return Decision(tool_calls=(PlannedCall("identify_user", args),))

    def _phone_arg(self, heard: str) -> str:
        try:
            e164 = normalize_phone(heard, region=self._region)
        except DomainError:
            return heard  # the tool explains what is wrong with it
        if e164.startswith("+1"):
            return national_digits(e164)
        return e164

    def _plan_availability(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        if s.day is None:
            return self._say(s, "Which day would you like me to check?", "date")
        slots = s.slots_for(s.day)
        if slots is None:
            if not _allowed("fetch_available_slots", tools):
                return self._unavailable(s)
            return _call("fetch_available_slots", date=s.day.isoformat())
        return self._offer_slots(s, slots)

    def _offer_slots(self, s: DialogueState, slots: dict[str, Any]) -> Decision:
        spoken_day = str(slots.get("spoken_date") or "") or _say_iso_date(slots.get("date"))
        times = _spoken_times(slots)
        if not times:
            return self._say(
                s, f"Sorry, we're fully booked on {spoken_day}. Would another day work?", "date"
            )
        lead = ""
        if s.unavailable_at is not None:
            lead = f"Sorry, {say_time(s.unavailable_at)} isn't available on {spoken_day}. "
            spoken_day_phrase = "We have"
        else:
            spoken_day_phrase = f"On {spoken_day} we have"
        if len(times) == 1:
            body = f"{spoken_day_phrase} {times[0]} available. Would that work?"
        else:
            listed = join_words(times, "or")
            body = f"{spoken_day_phrase} {listed} available. Which would you prefer?"
        return self._say(s, lead + body, "time")

    def _plan_book(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        if s.day is None:
            if s.at is not None:
                return self._say(s, f"Which day would you like {say_time(s.at)}?", "date")
            return self._say(s, "What day and time would you like to come in?", "datetime")
        if s.at is None:
            slots = s.slots_for(s.day)
            if slots is None:
                if not _allowed("fetch_available_slots", tools):
                    return self._say(s, f"What time on {say_date(s.day)} would you like?", "time")
                return _call("fetch_available_slots", date=s.day.isoformat())
            return self._offer_slots(s, slots)
        if not s.confirmed:
            return self._say(
                s, f"Shall I book {say_date(s.day)} at {say_time(s.at)}?", "confirm_book"
            )
        if not _allowed("book_appointment", tools):
            return self._unavailable(s)
        return _call("book_appointment", date=s.day.isoformat(), time=s.at.strftime("%H:%M"))

    def _plan_list(self, s: DialogueState) -> Decision:
        appts = s.appointments
        if not appts:
            return self._say(
                s,
                "You don't have any upcoming appointments. Would you like to book one?",
                "offer_book",
            )
        if len(appts) == 1:
            return self._say(
                s,
                f"You have an appointment on {_spoken(appts[0])}. Would you like to modify it?",
                "offer_modify",
            )
        listed = join_words([_spoken(a) for a in appts])
        return self._say(
            s,
            f"You have {len(appts)} upcoming appointments: {listed}. "
            "Would you like to change any of them?",
            "offer_modify",
        )

    def _choose_prompt(self, s: DialogueState, verb: str) -> Decision:
        listed = join_words([_spoken(a) for a in s.appointments], "or")
        return self._say(
            s, f"Which appointment would you like to {verb}: {listed}?", "which_appointment"
        )

    def _plan_reschedule(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        target = s.target()
        if target is None:
            if not s.appointments:
                return self._say(
                    s,
                    "I don't see any upcoming appointments for you. Would you like to book one?",
                    "offer_book",
                )
            return self._choose_prompt(s, "change")
        new_day = self._new_day(s) if s.day is not None or s.at is not None else None
        if new_day is None:
            if s.at is not None:
                return self._say(s, f"Which day would you like {say_time(s.at)}?", "date")
            return self._say(
                s,
                f"Your appointment is on {_spoken(target)}. "
                "What day and time would you like instead?"
                if _spoken(target)
                else "What day and time would you like instead?",
                "datetime",
            )
        if s.at is None:
            slots = s.slots_for(new_day)
            if slots is None:
                if not _allowed("fetch_available_slots", tools):
                    return self._say(s, f"What time on {say_date(new_day)} would you like?", "time")
                return _call("fetch_available_slots", date=new_day.isoformat())
            return self._offer_slots(s, slots)
        if not _allowed("modify_appointment", tools):
            return self._unavailable(s)
        return _call(
            "modify_appointment",
            appointment_id=str(target.get("appointment_id")),
            new_date=new_day.isoformat(),
            new_time=s.at.strftime("%H:%M"),
        )

    def _new_day(self, s: DialogueState) -> date | None:
        """The date a reschedule moves to: the one given, else the appointment's own date."""
        if s.day is not None:
            return s.day
        target = s.target() if s.task == "reschedule" else None
        if target and target.get("date"):
            try:
                return date.fromisoformat(str(target["date"]))
            except ValueError:
                return None
        return None

    def _plan_cancel(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        target = s.target()
        if target is None:
            if not s.appointments:
                return self._say(
                    s,
                    f"You don't have any upcoming appointments to cancel. {ANYTHING_ELSE}",
                    "anything_else",
                )
            return self._choose_prompt(s, "cancel")
        if not s.confirmed:
            when = _spoken(target)
            if when:
                text = f"I found your appointment on {when}. Should I cancel it?"
            else:
                text = f"Should I cancel appointment {say_code(str(target['appointment_id']))}?"
            return self._say(s, text, "confirm_cancel")
        if not _allowed("cancel_appointment", tools):
            return self._unavailable(s)
        return _call("cancel_appointment", appointment_id=str(target.get("appointment_id")))

    # replies -------------------------------------------------------------------------------

    def _say(
        self, s: DialogueState, question: str, expect: Expect | None, *, unclear_prefix: bool = True
    ) -> Decision:
        parts = list(s.notes)
        if s.error and question and s.error in parts and expect not in ("phone", "name"):
            parts[parts.index(s.error)] = _drop_trailing_question(s.error)
        if s.hours_asked:
            parts.insert(0, self._hours_text)
        if s.error and question and _is_self_contained(s.error) and expect in ("phone", "name"):
            question = ""
        if s.unclear and unclear_prefix and not s.notes:
            parts.append("Sorry, I didn't catch that.")
        if question:
            parts.append(question)
        text = " ".join(p for p in parts if p).strip()
        return Decision(reply=text or "Sorry, could you say that again?", expect=expect)

    def _unavailable(self, s: DialogueState) -> Decision:
        return self._say(s, f"Sorry, I can't do that right now. {ANYTHING_ELSE}", "anything_else")


# --- helpers ---------------------------------------------------------------------------------


def _weekday(appt: dict[str, Any]) -> int | None:
    try:
        return date.fromisoformat(str(appt.get("date"))).weekday()
    except ValueError:
        return None


def _allowed(name: str, tools: Collection[str] | None) -> bool:
    return tools is None or name in tools


def _call(name: str, **args: str) -> Decision:
    return Decision(tool_calls=(PlannedCall(name, dict(args)),))


def _args_key(args: dict[str, Any]) -> str:
    return json.dumps(args, sort_keys=True, default=str)


def _parse_output(output: str) -> dict[str, Any] | None:
    """A tool's successful output: JSON, or a Python dict repr (what str(dict) gives)."""
    text = (output or "").strip()
    if not text:
        return {}
    for loader in (json.loads, ast.literal_eval):
        try:
            value = loader(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        if isinstance(value, dict):
            return value
    return None


def _drop_trailing_question(message: str) -> str:
    """ "X is booked. Would another time work?" -> "X is booked." (we ask our own question)."""
    sentences = re.split(r"(?<=[.!?])\s+", message.strip())
    if len(sentences) > 1 and sentences[-1].endswith("?"):
        sentences = sentences[:-1]
    return " ".join(sentences)


def _is_self_contained(message: str) -> bool:
    """Whether an error message already tells the caller what to do next."""
    low = message.lower()
    return message.rstrip().endswith("?") or "please" in low


def _upcoming(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        return []
    appts = [a for a in raw if isinstance(a, dict) and a.get("appointment_id")]
    return [a for a in appts if a.get("status", "booked") == "booked"]


def _upsert(appts: list[dict[str, Any]], appt: dict[str, Any]) -> list[dict[str, Any]]:
    if not appt.get("appointment_id"):
        return appts
    out = [a for a in appts if a.get("appointment_id") != appt["appointment_id"]]
    out.append(appt)
    out.sort(key=lambda a: (str(a.get("date")), str(a.get("time"))))
    return out


def _spoken(appt: dict[str, Any]) -> str:
    if appt.get("spoken"):
        return str(appt["spoken"])
    day, at = _spoken_day(appt), _spoken_time(appt)
    if day and at:
        return f"{day} at {at}"
    return day or at


def _spoken_day(appt: dict[str, Any]) -> str:
    return _say_iso_date(appt.get("date"))


def _spoken_time(appt: dict[str, Any]) -> str:
    try:
        return say_time(time.fromisoformat(str(appt.get("time"))))
    except ValueError:
        return ""


def _spoken_code(appt: dict[str, Any]) -> str:
    if appt.get("spoken_code"):
        return str(appt["spoken_code"])
    return say_code(str(appt.get("appointment_id") or ""))


def _say_iso_date(value: Any) -> str:
    try:
        return say_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "that day")


def _spoken_times(slots: dict[str, Any]) -> list[str]:
    spoken = slots.get("spoken_times")
    available = slots.get("available") or []
    if isinstance(spoken, list) and len(spoken) == len(available):
        return [str(t) for t in spoken]
    out: list[str] = []
    for t in available:
        try:
            out.append(say_time(time.fromisoformat(str(t))))
        except ValueError:
            continue
    return out


_QUESTION_KEYS: tuple[tuple[str, Expect], ...] = (
    ("phone number", "phone"),
    ("your name", "name"),
    ("full name", "name"),
    ("shall i book", "confirm_book"),
    ("should i cancel", "confirm_cancel"),
    ("cancel it?", "confirm_cancel"),
    ("modify it", "offer_modify"),
    ("change any", "offer_modify"),
    ("book one", "offer_book"),
    ("which appointment", "which_appointment"),
    ("confirmation code", "code"),
    ("anything else", "anything_else"),
    ("which would you prefer", "time"),
    ("what time", "time"),
    ("day and time", "datetime"),
    ("which day", "date"),
    ("what day", "date"),
)


def _classify_question(text: str) -> Expect | None:
    """What an agent turn we did not plan asks for, from its wording."""
    low = re.sub(r"\s+", " ", (text or "").lower())
    for key, expect in _QUESTION_KEYS:
        if key in low:
            return expect
    return "intent" if low else None
