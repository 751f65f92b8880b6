"""A deterministic scheduling dialogue manager that stands in for a cloud LLM.

Pure Python (no framework imports). Stateless: every :meth:`DialogueEngine.decide` replays the
whole conversation (caller turns, agent turns, tool calls and results) into a
:class:`~.state.DialogueState`, then the :class:`~.policy.Policy` chooses the next step:
the tool calls a cloud model would make (per docs/tools.md), or a reply.

The parts, in the order a turn flows through them:
- ``understanding/``: one utterance -> task, yes/no, goodbye, questions, phone digits, name,
  code, day and time (after the caller's own corrections);
- ``tracking``: folds the utterance (read against what the agent asked) and tool results into
  the state;
- ``policy``: chooses the next action;
- ``phrasing``: the words.

What the agent asked at each of its turns is recovered by re-planning at that point of the
history, so the engine reads its own questions exactly as it meant them; agent turns it did not
write (a greeting said by the app, a cloud model's words) are read by keywords.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import re
from collections.abc import Callable, Collection, Sequence
from datetime import date, time, timedelta
from typing import Any

from voice_agent.adapters.offline.dialogue import tracking
from voice_agent.adapters.offline.dialogue.history import (
    AssistantTurn,
    CallInfo,
    HistoryItem,
    ToolCall,
    ToolResult,
    UserTurn,
    load_object,
    outcome,
)
from voice_agent.adapters.offline.dialogue.phrasing import Phrasing, Style
from voice_agent.adapters.offline.dialogue.policy import Decision, PlannedCall, Policy
from voice_agent.adapters.offline.dialogue.state import DialogueState
from voice_agent.adapters.offline.dialogue.understanding import (
    Asked,
    Context,
    FaqKey,
    Hours,
    understand,
)
from voice_agent.adapters.offline.dialogue.understanding.menu import (
    dictated_digits,
    undo_of_a_step,
    without_item_labels,
)
from voice_agent.adapters.offline.dialogue.understanding.tokens import word_set
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clinic import ClinicProfile
from voice_agent.domain.listening import (
    Expectation,
    Listening,
    name_doubted,
    name_unheard,
    number_check,
    weak_group_of,
)

logger = logging.getLogger(__name__)

# A phone line's menu: the offline recogniser hears little there but yes and no (see the
# README's "Phone lines"), so the request can be a key, and the slot a yes to the earliest free
# one read out. Each key stands for the request a caller would say.
KEYPAD_MENU = (
    "You can also press 1 to book the earliest free time, 2 to move your appointment, "
    "or 3 to cancel it."
)
KEYPAD_MENU_BOOK = "You can also press 1 to book the earliest free time."
_MENU_KEYS = {
    "1": "I'd like to book the earliest appointment you have",
    "2": "I'd like to move my appointment to the earliest time you have",
    "3": "I'd like to cancel my appointment",
}
PAGE_KEYPAD = "You can also type it on the keypad."
"""Said once, after the first question for the phone number, on a browser call with a keypad."""
_MENU_KEY = re.compile(r"\s*([0-9])\s*#?\s*")
_MENU_QUESTIONS = ("request", "anything_else")


def keypad_menu_request(text: str) -> str | None:
    """The request a menu key typed on a phone line stands for ("1#"), or None."""
    m = _MENU_KEY.fullmatch(text)
    return _MENU_KEYS.get(m.group(1)) if m is not None else None


__all__ = [
    "AssistantTurn",
    "CallInfo",
    "Decision",
    "DialogueEngine",
    "DialogueState",
    "HistoryItem",
    "PlannedCall",
    "ToolCall",
    "ToolResult",
    "UserTurn",
    "listening_for",
]

_LISTENING: dict[str, Expectation] = {
    "phone": Expectation.PHONE,
    "phone_confirm": Expectation.YES_NO,
    "phone_check": Expectation.YES_NO,
    "identity_confirm": Expectation.YES_NO,
    "name": Expectation.NAME,
    "name_confirm": Expectation.YES_NO,
    "surname": Expectation.NAME,
    "spell": Expectation.SPELLING,
    "datetime": Expectation.DATE_TIME,
    "time": Expectation.DATE_TIME,
    "day": Expectation.DATE_TIME,
    "choose_time": Expectation.DATE_TIME,
    "which_appointment": Expectation.DATE_TIME,
    "confirm": Expectation.YES_NO,
    "offer_book": Expectation.YES_NO,
    "offer_change": Expectation.REQUEST,
    "change_or_cancel": Expectation.REQUEST,
    "code": Expectation.CODE,
    "anything_else": Expectation.REQUEST,
    "request": Expectation.REQUEST,
    "rename": Expectation.NAME,
    "rename_spell": Expectation.SPELLING,
    "rename_confirm": Expectation.YES_NO,
}


def listening_for(decision: Decision) -> Listening:
    """What the recogniser should listen for after this reply."""
    if decision.asked is None:
        return Listening()
    kind = _LISTENING.get(decision.asked, Expectation.REQUEST)
    if kind is not Expectation.PHONE:
        return Listening(kind)
    return Listening(kind, decision.digits_expected, decision.rejected, decision.part)


class DialogueEngine:
    """Decides the next step of a scheduling call from the conversation so far."""

    def __init__(
        self,
        today: Callable[[], date] | None = None,
        *,
        calendar: ClinicCalendar | None = None,
        profile: ClinicProfile | None = None,
        style: Style = "spoken",
        clock_tool: bool = False,
        transfer_available: bool = False,
    ) -> None:
        """``today`` returns the clinic's today (defaults to the host's local date); with
        ``clock_tool`` the engine calls ``get_current_time`` before acting on any request and
        then trusts the tool's date."""
        self._today = today or date.today
        self.calendar = calendar or ClinicCalendar()
        self.profile = profile or ClinicProfile()
        self._clock_tool = clock_tool
        self.phrasing = Phrasing(style=style, calendar=self.calendar, profile=self.profile)
        self.policy = Policy(self.phrasing, self.calendar, transfer_available=transfer_available)
        starts = self.calendar.slot_starts(date(2001, 1, 1))
        close = self.calendar.close_time.hour or 24
        self._hours = Hours(open_hour=starts[0].hour if starts else 9, close_hour=close)
        self._faq = tuple(
            FaqKey(i, frozenset(entry.keywords or _keywords(entry.question)))
            for i, entry in enumerate(self.profile.faq)
        )

    # --- public API -----------------------------------------------------------------------------
    def decide(
        self, history: Sequence[HistoryItem], *, available_tools: Collection[str] | None = None
    ) -> Decision:
        """The next step. ``available_tools`` limits which tools may be called (None: all)."""
        state = self.state(history)
        decision = self.policy.plan(state, available_tools)
        if decision.tool_calls:
            repeated = [
                c for c in decision.tool_calls if (c.name, _args_key(c.args)) in state.turn_calls
            ]
            if repeated:
                # never loop on a tool within one caller turn
                logger.warning("dialogue engine avoided repeating tool %s", repeated[0].name)
                return Decision(
                    reply="Sorry, I'm having trouble with that right now. Could you try again, "
                    "or ask me something else?",
                    asked=state.asked,
                )
        if state.phone_line and decision.is_reply and decision.asked == "request":
            known = state.identity.identified and not state.upcoming()
            menu = KEYPAD_MENU_BOOK if known else KEYPAD_MENU  # nothing to move or cancel
            decision = dataclasses.replace(decision, reply=f"{decision.reply} {menu}")
        if (
            state.keypad
            and not state.keypad_told
            and not state.phone_line
            and decision.is_reply
            and decision.asked == "phone"
        ):
            decision = dataclasses.replace(decision, reply=f"{decision.reply} {PAGE_KEYPAD}")
        logger.debug(
            "dialogue decision: %s",
            "reply" if decision.is_reply else [c.name for c in decision.tool_calls],
        )
        return decision

    def state(self, history: Sequence[HistoryItem]) -> DialogueState:
        """Replay the conversation into a dialogue state."""
        state = DialogueState(
            today=self._today(),
            by_ear=self.phrasing.style == "spoken",
            open_weekdays=self.calendar.open_weekdays,
        )
        if not self._clock_tool:
            state.clock_known = True
        self._read_clock(state, history)
        calls: dict[str, ToolCall] = {}
        last_by_name: dict[str, ToolCall] = {}
        for item in history:
            if isinstance(item, CallInfo):
                tracking.on_call_info(state, item)
            elif isinstance(item, UserTurn):
                ctx = Context(
                    today=state.today,
                    asked=state.asked,
                    hours=self._hours,
                    faq=self._faq,
                    anchor=_anchor(state),
                    proposed=state.proposal.day
                    if state.proposal is not None and state.asked == "confirm"
                    else None,
                    cancel_proposed=state.proposal is not None
                    and state.asked == "confirm"
                    and state.proposal.action == "cancel",
                    discussed=_discussed(state),
                    focus=_focus(state),
                    last_day=state.today + timedelta(days=self.calendar.booking_horizon_days),
                    clinic_phone="".join(ch for ch in self.profile.phone or "" if ch.isdigit())[
                        -10:
                    ],
                    digits_short=_digits_short(state),
                    now=state.now,
                    zone=self.calendar.timezone,
                )
                heard, unheard = name_unheard(item.text)
                heard, doubted = name_doubted(heard)
                heard = without_item_labels(dictated_digits(heard))
                text, check = number_check(heard)
                if state.phone_line and state.asked in _MENU_QUESTIONS:
                    text = keypad_menu_request(text) or text
                if (
                    state.asked == "confirm"
                    and state.proposal is not None
                    and state.proposal.action in ("book", "reschedule")
                ):
                    text = undo_of_a_step(text)  # "Cancel that. Make it Thursday at 1."
                tracking.on_user(
                    state,
                    understand(text, ctx),
                    number_check=check,
                    faint=weak_group_of(heard),
                    name_unheard=unheard,
                    name_doubted=doubted,
                )
            elif isinstance(item, AssistantTurn):
                self._on_agent(state, item.text)
            elif isinstance(item, ToolCall):
                state.turn_calls.add((item.name, _args_key(item.args)))
                if item.call_id:
                    calls[item.call_id] = item
                last_by_name[item.name] = item
            elif isinstance(item, ToolResult):
                made = calls.get(item.call_id) or last_by_name.get(item.name)
                args = dict(made.args) if made is not None else {}
                if item.name == "get_current_time":
                    continue
                tracking.on_result(state, item.name, args, outcome(item))
        return state

    # --- internals ------------------------------------------------------------------------------
    def _read_clock(self, state: DialogueState, history: Sequence[HistoryItem]) -> None:
        clock = [
            load_object(item.output) or {}
            for item in history
            if isinstance(item, ToolResult)
            and item.name == "get_current_time"
            and not item.is_error
        ]
        for data in clock[-1:]:
            # the clinic's own clock wins, for every turn (dates said before it was asked too)
            with contextlib.suppress(ValueError):
                state.today = date.fromisoformat(str(data.get("date")))
                state.clock_known = True
            with contextlib.suppress(ValueError, TypeError):
                now = str(data.get("now") or "")
                state.now = time.fromisoformat(now[11:16]) if len(now) >= 16 else None

    def _on_agent(self, s: DialogueState, text: str) -> None:
        if s.ending:
            s.end_agent_turn()
            return
        planned = self.policy.plan(s, None)
        if planned.is_reply and planned.asked is not None:
            s.asked = planned.asked
            s.offered = planned.offered
            s.offered_before = tuple(dict.fromkeys((*s.offered_before, *planned.offered)))
            p = planned.proposal
            if p is not None and p.action in ("book", "reschedule") and p.day and p.at:
                # a single time proposed: "let's go back to the Tuesday one"
                s.proposed_before = tuple(dict.fromkeys((*s.proposed_before, (p.day, p.at))))
            s.proposal = planned.proposal
        else:
            s.asked = _classify_question(text)
            s.offered = ()
        s.last_reply = text
        if PAGE_KEYPAD in text:
            s.keypad_told = True
        s.end_agent_turn()


def _anchor(s: DialogueState) -> date | None:
    """The day the conversation is about: a proposed slot, the appointment being changed,
    or the one day asked for."""
    if len(s.request.days) == 1 and s.proposal is not None and s.proposal.action == "book":
        return s.request.days[0]  # the day they asked for, even if an alternative was proposed
    if (
        len(s.request.days) == 1
        and s.proposal is not None
        and s.proposal.action == "reschedule"
        and s.proposal.day is not None
        and s.proposal.day != s.request.days[0]
        and _turned_away(s, s.request.days[0])
    ):
        # "what about Thursday then?" after the Friday asked for was full (or closed) and
        # another day offered: the Thursday of the Friday's week, not of the day offered
        return s.request.days[0]
    if s.proposal is not None and s.proposal.day is not None:
        return s.proposal.day
    target = s.target_appt() if s.task in ("reschedule", "cancel", "change") else None
    if target is None and s.asked == "offer_change":
        # "You have an appointment on Wednesday the 9th. Would you like to change it?" - "I
        # need one more that week too, on the Friday": the week of the one read out
        target = s.target_appt()
    if target is not None:
        return target.day
    if len(s.request.days) == 1:
        return s.request.days[0]
    if s.asked_about is None and s.done and s.done[-1][0] in ("booked", "rescheduled"):
        # "can you move it again, to Thursday?" right after a change: that appointment's day
        return s.done[-1][1].day
    return s.asked_about


def _turned_away(s: DialogueState, day: date) -> bool:
    """The weekday asked for was closed (a holiday) or had nothing that fits left. (A weekend
    day is more often a date said wrong - "my appointment on the fifth" for Friday the 4th -
    and its week says nothing of the day wanted.)"""
    if day.weekday() >= 5:
        return False
    return day in s.closed or (day in s.availability and not s.availability[day])


def _focus(s: DialogueState) -> date | None:
    """The later month the caller asked about ("something in January", "the last week of
    February"): its first day asked for. Not a single day (a bare "the 8th" already past
    rolls to next month: "the 18th" said next is still this month's), nor an appointment
    being moved ("move my January one to the 28th" may well be this month's 28th)."""
    days = s.request.days
    if len(days) > 1 and (days[0].year, days[0].month) > (s.today.year, s.today.month):
        return days[0]
    return None


def _discussed(s: DialogueState) -> date | None:
    """A date asked about ("what day is the 14th?") or the one date asked for, while no slot
    is proposed: a bare weekday said next that falls on it means it."""
    if s.proposal is not None and s.asked == "confirm":
        return None
    if s.asked_about is not None:
        return s.asked_about
    return s.request.days[0] if len(s.request.days) == 1 else None


def _args_key(args: dict[str, Any]) -> str:
    return json.dumps(args, sort_keys=True, default=str)


_STOP = word_set("""do you does is are the a an what how can i my we your for to of""")


def _keywords(question: str) -> list[str]:
    words = re.findall(r"[a-z]+", question.lower())
    return [w for w in words if w not in _STOP and len(w) > 3]


_QUESTION_KEYS: tuple[tuple[str, Asked], ...] = (
    ("number you're calling from", "identity_confirm"),
    ("phone number", "phone"),
    ("have your name as", "name_confirm"),
    ("your name", "name"),
    ("full name", "name"),
    ("spell", "spell"),
    ("shall i book", "confirm"),
    ("shall i cancel", "confirm"),
    ("should i cancel", "confirm"),
    ("shall i move", "confirm"),
    ("cancel it?", "confirm"),
    ("modify it", "offer_change"),
    ("change it", "offer_change"),
    ("change any", "offer_change"),
    ("book one", "offer_book"),
    ("which appointment", "which_appointment"),
    ("confirmation code", "code"),
    ("anything else", "anything_else"),
    ("which would you prefer", "choose_time"),
    ("what time", "time"),
    ("day and time", "datetime"),
    ("which day", "day"),
    ("what day", "day"),
)


def _classify_question(text: str) -> Asked:
    """What an agent turn we did not plan asks for, from its wording."""
    low = re.sub(r"\s+", " ", (text or "").lower())
    for key, asked in _QUESTION_KEYS:
        if key in low:
            return asked
    return "request"


def _digits_short(state: DialogueState) -> int:
    """The digits a number heard in part still lacks (0 when none is being completed)."""
    ident = state.identity
    if ident.groups or ident.number is not None or not ident.digits:
        return 0
    return max(0, 10 - len(ident.digits))
