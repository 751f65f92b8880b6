"""Choosing the next action from the dialogue state: the tool calls a cloud model would make
(arguments per docs/tools.md), or what to say and what that asks the caller for.

The rules a clinic would give a new receptionist:
- find the caller's account before touching appointments; read a new number back before an
  account is opened on it;
- never offer a time without having checked it is free; when the asked time is taken or the
  clinic is closed, offer the nearest free times (same day first, then the next open days);
- confirm every change, naming weekday, date and time, and change nothing without a yes;
- after two failed attempts at the same thing, say plainly what is needed; after three, put
  a phone caller through to the staff when a transfer can happen (else say how to reach them).
"""

from __future__ import annotations

import copy
import dataclasses
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Final

from voice_agent.adapters.offline.dialogue.history import CALLER_ID_QUESTION, Appt, ToolFailure
from voice_agent.adapters.offline.dialogue.phrasing import (
    ANYTHING_ELSE,
    CAPABILITIES,
    GOODBYE,
    GREETING,
    Phrasing,
)
from voice_agent.adapters.offline.dialogue.state import (
    DialogueState,
    FollowUp,
    Proposal,
    Request,
    beside_anchor,
    number_part,
    shifted,
)
from voice_agent.adapters.offline.dialogue.tracking import (
    IN_PARTS_NOTE,
    next_follow_up,
    on_result,
)
from voice_agent.adapters.offline.dialogue.understanding import Asked, Understanding, acts
from voice_agent.adapters.offline.dialogue.understanding.when import shifted_day
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.names import UNKNOWN_NAME, needs_name
from voice_agent.domain.speech import say_date, say_time

MAX_DAYS_PER_STEP = 5
"""Days looked up at once (parallel fetch_available_slots calls) when searching."""
SEARCH_DAYS = 15
"""How many open days ahead the earliest-slot search and alternatives look at most."""
MAX_OFFERED = 4
STUCK_AFTER = 3
"""Failed attempts in a row at one question after which the caller is offered a person."""
ONE_AT_A_TIME_AFTER = 3
"""Readings of one group of a phone number the caller has rejected (the whole number's
slice of it counts) after which the group is asked for one digit at a time, slowly."""
STUCK = "the caller could not be understood after several tries"
"""The ``transfer_to_staff`` reason when the engine, not the caller, asks for the transfer."""
# Failures the flow itself explains (a new question, alternatives): not read out as they are.
_EXPLAINED_BY_FLOW = frozenset(
    {
        "invalid_phone_number",
        "slot_unavailable",
        "weekend_unavailable",
        "clinic_closed",
        "date_in_past",
        "too_far_ahead",
        "outside_business_hours",
        "not_on_slot_boundary",
        "invalid_name",
    }
)


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
    asked: Asked | None = None
    """What the reply asks the caller for (None for a goodbye)."""
    offered: tuple[tuple[date, time], ...] = ()
    proposal: Proposal | None = None
    digits_expected: int | None = None
    """For a phone question: how many digits the answer should have."""
    rejected: tuple[str, ...] = ()
    """For a phone question: readings of that answer the caller already said were wrong."""
    part: int | None = None
    """For a group of a number asked for in parts: which (0, 1, 2 of 3-3-4)."""

    @property
    def is_reply(self) -> bool:
        return self.reply is not None


_DONE_AS: Final = {"book": "book it", "reschedule": "move it", "cancel": "cancel it"}


def _left_undone(accepted: Proposal | None, asked: str) -> str:
    """What a caller leaving before a change agreed could be made is told: that it was not
    made, and what it still needed (their number, their name)."""
    what = _DONE_AS.get(accepted.action, "do that") if accepted is not None else "do that"
    if asked.startswith("phone"):
        needed = " without your phone number"
    elif asked in ("name", "surname", "spell", "name_confirm"):
        needed = " without your name"
    else:
        needed = " just yet"
    return f"Sorry, I couldn't {what}{needed}; please call us back when you can."


def call(tool: str, **args: str) -> Decision:
    return Decision(tool_calls=(PlannedCall(tool, dict(args)),))


class Policy:
    def __init__(
        self,
        phrasing: Phrasing,
        calendar: ClinicCalendar,
        *,
        transfer_available: bool = False,
    ) -> None:
        self.say = phrasing
        self.calendar = calendar
        self.transfer_available = transfer_available

    # --- entry ----------------------------------------------------------------------------------
    def plan(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        decision = self._plan(s, tools)
        if s.leaving and not s.ending and decision.is_reply and decision.asked is not None:
            # "Yes please, that's all, thanks, bye" to "shall I book it?" before the caller's
            # number is known: the yes is taken as far as it goes, but what is still missing
            # is not asked of a caller who has said goodbye - they are let go, told what was
            # not done (a goodbye never keeps a caller on the line)
            s.ending = True
            s.notes.append(_left_undone(s.accepted, decision.asked))
            s.accepted = None
            return self._plan(s, tools)
        return decision

    def _plan(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        if s.user_turns == 0:
            if s.identity.caller_id:  # on file or not: the same words, naming no one
                return self._reply(
                    s, f"Hello, thanks for calling! {CALLER_ID_QUESTION}", "identity_confirm"
                )
            return self._reply(s, GREETING, "request")
        if s.transferring:
            stuck = s.transfer_reason == STUCK
            return Decision(reply=self.say.human(transfer=True, stuck=stuck), asked=None)
        can_transfer = tools is not None and "transfer_to_staff" in tools
        if s.wants_person and can_transfer:
            return call("transfer_to_staff", reason="caller asked for a person")
        if self._stuck(s):
            if can_transfer and not s.transfer_tried:
                return call("transfer_to_staff", reason=STUCK)
            if s.phone_line and s.attempts[s.asked] == STUCK_AFTER:
                note = self.say.staff_line()
                if note not in s.notes:
                    s.notes.append(note)
        if (
            s.leaving
            and s.just_done
            and s.accepted is None
            and s.task is None
            and not s.follow_ups
            and s.failure is None
        ):
            s.ending = True  # the booking said goodbye with is made: the call ends
        if s.ending:
            if s.rename.confirmed and self._identified(s):
                return self._rename(s, tools)
            if s.accepted is not None and self._identified(s):
                executed = self._execute(s, tools)
                if executed is not None:
                    return executed
            if s.accepted is not None and s.identity.name_checked and not self._identified(s):
                # "yes please, bye" to the booking question that read the name back: the
                # account is opened, then the booking made
                return self._identify(s, tools)
            if not s.end_called and _allowed("end_conversation", tools):
                return call("end_conversation", reason="caller finished")
            done = [p for p in self._lead(s) if p and p != IN_PARTS_NOTE]
            bye = "Take care." if s.emergency_told else GOODBYE
            return Decision(reply=" ".join([*done, bye]), asked=None)
        if s.emergency:
            s.emergency = False
            s.emergency_told = True
            return self._reply(s, self.say.emergency_close(), "anything_else")
        if s.repeat and s.last_reply:
            return Decision(
                reply=s.last_reply, asked=s.asked, offered=s.offered, proposal=s.proposal
            )
        if s.closed_day_heard is not None and (s.offered or s.proposal is not None):
            return self._closed_day_asked_back(s, s.closed_day_heard)
        if s.rename.active:
            if not self._identified(s):
                return self._identify(s, tools)
            return self._rename(s, tools)
        needs_clock = not s.clock_known and (
            s.task is not None or s.heard and not s.heard.when.empty
        )
        if (
            needs_clock
            and _allowed("get_current_time", tools)
            and "get_current_time" not in {n for n, _ in s.turn_calls}
        ):
            return call("get_current_time")
        if s.accepted is not None and self._identified(s):
            accepted = s.accepted
            if accepted.action == "book" and accepted.day and accepted.at:
                held = s.holds(accepted.day, accepted.at)
                if held is not None:
                    s.accepted = None
                    s.finish_task()
                    return self._anything_else(
                        s,
                        f"You already have an appointment on {say_date(accepted.day)} at "
                        f"{say_time(accepted.at)}, so there's nothing to book.",
                    )
            executed = self._execute(s, tools)
            if executed is not None:
                return executed
        task = s.task
        ident = s.identity
        if task is None and not ident.identified and (ident.digits or ident.number):
            # a number given before any request: find the account first
            return self._identify(s, tools)
        if task is None:
            return self._no_task(s)
        if not ident.identified and ident.number is not None and not _name_in_booking(s):
            # a number was given: finish finding (or opening) the account first
            return self._identify(s, tools)
        if task == "availability" and not self._identified(s):
            return self._slots(s, tools, action="book", offering_only=True)
        if not self._identified(s) and not _name_in_booking(s):
            return self._identify(s, tools)
        if ident.holder_check is not None and not ident.name_confirmed:
            return self._holder(s, tools)
        if task == "book" or task == "availability":
            return self._slots(s, tools, action="book", offering_only=task == "availability")
        if task == "list":
            # the caller asked: look them up (the call record then says they were reviewed)
            if (
                not s.listed
                and _allowed("get_user_appointments", tools)
                and (
                    "get_user_appointments",
                    "{}",
                )
                not in s.turn_calls
            ):
                return call("get_user_appointments")
            return self._list(s)
        if task == "code":
            pending = s.follow_ups[0] if s.follow_ups else None
            if (
                pending is not None
                and pending.task == "book"
                and pending.proposal is not None
                and not s.upcoming()
            ):
                # "could you say that code again?" to "Shall I book Thursday at 10?": nothing
                # is booked yet; the booking is asked about again, never taken as made
                s.notes.append("That one isn't booked yet, so there's no code yet.")
                s.finish_task()
                next_follow_up(s)
                return self.plan(s, tools)
            if s.follow_ups and s.upcoming():
                # "what's my code, and can I also book Friday at 2?": the code, then the next
                s.notes.append(self._code_text(s))
                s.finish_task()
                next_follow_up(s)
                return self.plan(s, tools)
            return self._codes(s)
        if task == "change":
            return self._change_or_cancel(s)
        if task == "reschedule":
            return self._reschedule(s, tools)
        return self._cancel(s, tools)

    def _closed_day_asked_back(self, s: DialogueState, day: date) -> Decision:
        """ "Saturday" to "On Friday I have 9 or 10": asked back, the same times offered
        again as a choice (a yes to "did you say Saturday?" books nothing)."""
        offered = list(s.offered)
        if not offered and s.proposal is not None and s.proposal.day and s.proposal.at:
            offered = [(s.proposal.day, s.proposal.at)]
        closed = "at weekends" if day.weekday() >= 5 else f"on {day:%A}s"
        ask = f"Sorry, did you say {day:%A}? We're closed {closed}."
        days = list(dict.fromkeys(d for d, _ in offered))
        if len(days) == 1:
            question = self.say.offer_choice(days[0], [t for _, t in offered])
        else:
            listed = " or ".join(f"{say_date(d)} at {say_time(t)}" for d, t in offered)
            question = f"I could do {listed}. Which would you prefer?"
        lead = [*self._lead(s), ask]
        return self._reply(s, question, "choose_time", offered=tuple(offered), lead=lead)

    def _rename(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        """The name on the account corrected: read back, changed after a yes."""
        r = s.rename
        if r.confirmed and r.name is not None:
            if not _allowed("update_name", tools):
                return self._unavailable(s)
            return call("update_name", name=r.name)
        if r.name is not None:
            question = self.say.check_rename(r.said or r.name, r.spell, missing=r.missing)
            return self._reply(s, question, "rename_confirm")
        if r.missing and r.tries == 0:
            question = "I don't have your name on file yet. May I have your full name, please?"
            return self._reply(s, question, "rename")
        if r.tries > 0:
            spell = "Could you spell the name for me as it should be, letter by letter?"
            if r.missing:
                spell = "Sorry, I didn't get that. Could you spell your name, letter by letter?"
            return self._reply(s, spell, "rename_spell")
        sorry = "" if s.welcomed else "Sorry about that. "
        question = f"{sorry}What should the name be? You can spell it if that's easier."
        return self._reply(s, question, "rename")

    # --- replies --------------------------------------------------------------------------------
    def _lead(self, s: DialogueState) -> list[str]:
        """What to say before the question: answers to the caller's questions, notes."""
        parts: list[str] = []
        heard = s.heard
        if heard is not None and s.answered_question:
            asked_day = heard.when.day.exact if heard.when.day is not None else None
            if (
                heard.when.day is not None
                and heard.when.day.held_weekday is not None
                and len(s.request.days) == 1
            ):
                # "what date is a fortnight after my Thursday one?": counted from the Thursday
                # they hold (:func:`.tracking._resolve_from_held_weekday`)
                asked_day = s.request.days[0]
            for q in sorted(heard.questions, key=_answer_order):
                if q == "hours" and asked_day is not None:
                    parts.append(self.say.open_on(asked_day))  # "are you open on the 24th?"
                elif q == "horizon":
                    parts.append(self.say.horizon(s.today))
                elif q == "calendar":
                    told = "hours" in heard.questions and asked_day is not None
                    say = self.say
                    answer = "" if told else _calendar_answer(say, heard.text, asked_day, s.today)
                    if answer:
                        parts.append(answer)
                else:
                    parts.append(self._answer(q))
        if s.welcomed:
            new = s.identity.status == "registered"
            unknown = needs_name(s.identity.name)  # not "Thanks, Unknown, ..."
            unsaid = unknown or not s.identity.name_confirmed  # nor whose a number is
            parts.append(self.say.welcome(None if unsaid else s.identity.name, new=new))
            if unknown and new:
                parts.append("I'll note your name for the front desk to confirm.")
        if s.condition_checked:
            parts.append(s.condition_checked)
        for action, appt in s.done_now:
            if action == "booked":
                parts.append(self.say.booked(appt.day, appt.start, appt.code, appt.spoken_code))
            elif action == "rescheduled":
                parts.append(self.say.moved(appt.day, appt.start, appt.code, appt.spoken_code))
            else:
                parts.append(self.say.cancelled(appt.day, appt.start))
        failure = s.failure
        if failure is not None and failure.kind not in _EXPLAINED_BY_FLOW:
            parts.append(failure.message or "Sorry, something went wrong on my side.")
        parts.extend(n for n in s.notes if n not in parts)
        return parts

    @staticmethod
    def _stuck(s: DialogueState) -> bool:
        """The caller's turn failed, again, at the same question (STUCK_AFTER times)."""
        return (
            s.attempts[s.asked] >= STUCK_AFTER
            and not s.progressed
            and not s.answered_question
            and not s.greeted
            and not s.ending
        )

    def _answer(self, question: str) -> str:
        if question == "hours":
            return self.say.hours()
        if question == "address":
            return self.say.address()
        if question == "duration":
            return self.say.duration()
        if question == "phone":
            return self.say.clinic_phone()
        if question == "human":
            return self.say.human(transfer=self.transfer_available)
        if question == "identity":
            return self.say.identity()
        if question == "place":
            return self.say.place()
        if question == "reminder":
            return (
                "I can't promise a reminder from here, so please keep a note of the day and time."
            )
        if question == "call_back":
            return f"I'm not able to arrange a call back myself. {self.say.clinic_phone()}"
        if question == "call_length":
            return "It only takes a minute or two."
        if question == "why_details":
            return self.say.why_details()
        if question == "practical":
            return f"I'm afraid I don't have that information here. {self.say.clinic_phone()}"
        if question == "emergency":
            return self.say.emergency()
        if question == "others_info":
            return self.say.others_info()
        if question == "walk_in":
            return "We see patients by appointment, so it's best to book a time."
        if question == "named_doctor":
            return (
                "I'm not able to choose the doctor you'll see, but I can book you a time "
                "and you can ask at the front desk."
            )
        if question == "long_visit":
            return f"{self.say.duration()} I can book one appointment at a time."
        if question == "recurring":
            return "I can't set up a repeating appointment, but I can book them one at a time."
        if question.startswith("faq:"):
            idx = int(question[4:])
            faq = self.say.profile.faq
            if 0 <= idx < len(faq):
                return faq[idx].answer
        return ""

    def _reply(
        self,
        s: DialogueState,
        question: str,
        asked: Asked,
        *,
        offered: tuple[tuple[date, time], ...] = (),
        proposal: Proposal | None = None,
        digits: int | None = None,
        lead: list[str] | None = None,
        rejected: tuple[str, ...] = (),
        part: int | None = None,
    ) -> Decision:
        parts = self._lead(s) if lead is None else lead
        if part is None and IN_PARTS_NOTE in parts:
            # the preface to a group of the number, where another question comes first (the
            # yes to the booking that came with the number answered, a request asked for):
            # not said before a question it does not preface; the group asked later says so
            parts = [p for p in parts if p != IN_PARTS_NOTE]
            s.identity.parts_unannounced = True
        repeated = (
            s.attempts[asked] >= 1 and not s.progressed and s.user_turns > 1 and asked == s.asked
        )
        if repeated and not parts and s.failure is None and not question.startswith("Sorry"):
            # never the same question twice: plainer words the first time it is asked again,
            # then the first wording (which differs from the one just heard)
            if asked in _NAMES_WHAT:
                # a yes must still answer a question that names what it agrees to: the same
                # question, last, after a plainer word
                parts = ["Sorry, I didn't catch that.", _YES_OR_NO]
            elif s.attempts[asked] == 1 or asked not in _PLAIN:
                parts = ["Sorry, I didn't catch that."]
                question = _plain(asked, s.today) if asked in _PLAIN else question
            else:
                parts = ["Sorry, I still didn't get that."]
                if s.attempts[asked] % 2 == 1:
                    question = _plain(asked, s.today)
        booking = asked == "confirm" and proposal is not None and proposal.action == "book"
        if booking and proposal is not None and _name_in_booking(s):
            ident = s.identity
            if proposal.day not in s.request.days or s.request.at not in (None, proposal.at):
                # not the time asked for (taken, or another offered): more than a yes or a
                # no may come back, so the number (where it was not confirmed) and the name
                # are asked about on their own first
                ident.name_booking_declined = True
                if not ident.number_ok and ident.number is not None:
                    question = self.say.not_registered(
                        ident.number, name=ident.name, asked_name=True
                    )
                    return self._reply(s, question, "phone_confirm")
                return self._reply(s, self.say.check_name(ident.name or ""), "name_confirm")
            # the name heard by ear (and the number, where a yes has not confirmed it) read
            # back in the question that books the time asked for: one yes for all, where a
            # question of its own took the yes meant for the booking
            ident.name_in_booking = ident.name
            ident.number_in_booking = None if ident.number_ok else ident.number
            heard = self.say.name_heard(ident.name or "", number=ident.number_in_booking)
            question = f"{heard} {question}"
        text = " ".join(p for p in [*parts, question] if p).strip()
        asked_again = s.answered_question and bool(parts)
        if (
            text
            and not asked_again
            and (text == s.last_reply or not parts and s.last_reply.endswith(f" {text}"))
        ):
            # the same question again with nothing new before it: in other words (a question
            # of the caller's asked again is answered again: "can I just talk to someone?")
            text = (
                _confirmed_again(question, s.last_reply)
                if s.progressed and asked in _NAMES_WHAT
                else _reworded(asked, question, s.last_reply, s.today)
            )
        return Decision(
            reply=text or "Sorry, could you say that again?",
            asked=asked,
            offered=offered,
            proposal=proposal,
            digits_expected=digits,
            rejected=rejected,
            part=part,
        )

    def _anything_else(self, s: DialogueState, *extra: str) -> Decision:
        lead = [*self._lead(s), *extra]
        return self._reply(s, ANYTHING_ELSE, "anything_else", lead=lead)

    def _no_task(self, s: DialogueState) -> Decision:
        refused = s.failure is not None and s.failure.kind in (
            "too_many_accounts",
            "too_many_bookings",
        )
        if s.answered_question or s.just_done or refused:
            return self._anything_else(s)
        if s.greeted:
            return self._reply(s, "Hello! How can I help you today?", "request")
        if s.identity.name and not s.identity.identified and s.heard and s.heard.name:
            first = s.identity.name.split(" ")[0]
            return self._reply(
                s, f"Nice to meet you, {first}. How can I help you today?", "request"
            )
        if s.asked == "anything_else" and s.heard is not None and s.heard.wait:
            # "hang on, let me find a pen" after the code was read out: they will be back
            return self._reply(s, "Just say when you're ready.", "anything_else")
        if s.asked == "anything_else" and s.heard is not None and s.heard.yes:
            return self._reply(s, "Sure, what else can I do for you?", "request")
        if s.identity.identified and s.welcomed:
            return self._reply(s, "How can I help you today?", "request")
        if s.asked == "identity_confirm":  # a bare "no" to "Is the number ... your account?"
            return self._reply(s, "How can I help you today?", "request")
        if (
            s.identity.number is not None
            and not s.identity.identified
            and s.heard
            and s.heard.phone
        ):
            return self._reply(s, "Thanks. What can I do for you today?", "request")
        if (
            s.identity.identified
            and s.identity.number is not None
            and s.heard is not None
            and s.heard.phone is not None
            and s.heard.phone.digits[-10:] == re.sub(r"\D", "", s.identity.number)[-10:]
        ):
            # the number on file said again after the welcome: it was "Sorry, I can only help
            # with appointments", as if the caller had gone off topic
            first = (s.identity.name or "").split(" ")[0]
            named = f", {first}" if first and s.identity.name_confirmed else ""
            lead = [*self._lead(s), f"Yes, that's the number I have for you{named}."]
            return self._reply(s, "How can I help you today?", "request", lead=lead)
        if s.by_ear and s.heard is not None and _half_heard_request(s.heard):
            # a voice line with a day, a date or digits in it but no request the engine could
            # read: the recogniser lost words, so it is one not caught, not one off topic
            return self._reply(
                s,
                f"Sorry, I didn't catch all of that. {CAPABILITIES} What would you like to do?",
                "request",
                lead=self._lead(s),
            )
        if (
            s.by_ear
            and s.heard is not None
            and s.attempts["request"] < 2
            and s.attempts["anything_else"] == 0
            and _ASKING_FOR.search(s.heard.text.lower())
        ):
            # "hello i'd like to that an please" for "Hi, I'd like Tuesday at ten please": a
            # caller asking for something whose words the recogniser lost; a short closed
            # question a caller can answer in a word, not a refusal as off topic
            return self._reply(s, _WHICH_TASK, "request", lead=self._lead(s))
        if s.attempts["request"] >= 2 or s.attempts["anything_else"] >= 1:
            return self._reply(
                s,
                f"{self.say.off_topic()} What would you like to do?",
                "request",
                lead=self._lead(s),
            )
        if s.heard is not None and _ABOUT_APPOINTMENTS.search(s.heard.text.lower()):
            # "I need to sort out my two appointments next week": about appointments, only
            # what to do with them is not clear yet
            return self._reply(
                s,
                f"Sure, I can help with that. {CAPABILITIES} What would you like to do?",
                "request",
            )
        return self._reply(
            s,
            f"Sorry, I can only help with appointments. {CAPABILITIES} What would you like to do?",
            "request",
        )

    # --- identification -------------------------------------------------------------------------
    def _identified(self, s: DialogueState) -> bool:
        return s.identity.identified

    def _identify(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        ident = s.identity
        if ident.surname_offered and not ident.identified:
            # "Marta - do you want me to spell the surname?": yes; the last name asked for
            # next is added to the first name (tracking), with the number if it comes too
            ident.surname_offered = False
            first = (ident.name or "").strip()
            if first and " " not in first and not ident.surname_asked:
                return self._reply(
                    s, f"Yes, please, {first}. Go ahead and spell your last name.", "surname"
                )
        if ident.number is None and ident.caller_id and s.asked == "identity_confirm":
            return self._ask_phone(s)
        if ident.number is None:
            return self._ask_phone(s)
        if ident.doubted is not None and ident.doubted == ident.number:
            # the recogniser's readers did not agree on it: heard again before any look-up,
            # as a read-back's "yes" cannot vouch for a misheard digit
            # (or one reader alone heard it and no account vouches for it: read back, and
            # heard again before one is opened on it)
            keypad = " Or type it on your keypad and press the hash key." if s.phone_line else ""
            unknown = ident.looked_up == ident.number and ident.status == "name_required"
            if unknown and s.task in _ABOUT_HELD and not s.follow_ups:
                ident.doubted = None  # no account is opened: another number is asked for
                return self._identify(s, tools)
            question = self.say.ask_number_again(
                ident.number if unknown else None, faint=ident.faint
            )
            return self._reply(s, question + keypad, "phone", digits=10)
        if ident.from_groups and not ident.number_ok:
            # put together from groups: read back whole and confirmed before any look-up
            return self._reply(
                s, f"I have {self.say.phone(ident.number)}. Is that right?", "phone_confirm"
            )
        if ident.looked_up != ident.number or ident.status is None:
            if not _allowed("identify_user", tools):
                return self._unavailable(s)
            return call("identify_user", phone_number=ident.number)
        if ident.status == "name_required" and s.task in _ABOUT_HELD and not s.follow_ups:
            if ident.other_number is not None and ident.other_number != ident.number:
                # "either ...2731 or ...2713": the other number the caller offered is tried
                # before they are asked for another
                ident.number, ident.other_number = ident.other_number, None
                ident.digits = ident.number
                return self._identify(s, tools)
            # nothing to cancel, move or read out under a number not on file: say so, and ask
            # for another number once (no account is opened for it)
            number = self.say.phone(ident.number)
            if s.attempts["not_on_file"] == 0 or s.asked != "phone":
                s.attempts["not_on_file"] += 1
                return self._reply(
                    s,
                    f"I don't see any appointments under {number}. Could they be under another "
                    "number? If so, please tell me that number.",
                    "phone",
                )
            heard = s.heard
            if (
                heard is not None
                and heard.phone is None
                and not (heard.no or heard.end or heard.thanks or heard.task)
                and not any(ch.isdigit() for ch in heard.text)
                and s.attempts["not_on_file_again"] == 0
            ):
                # the question answered without a number ("it's Ann Lee", "hang on"): asked
                # once more, the request kept, before it is given up
                s.attempts["not_on_file_again"] += 1
                return self._reply(
                    s,
                    "I can only look appointments up by phone number. Is there another number "
                    "they could be under?",
                    "phone",
                )
            if (
                heard is not None
                and heard.phone is None
                and not (heard.end or heard.when.empty)
                and (heard.when.day is None or not heard.when.day.negated)
                and (
                    heard.task == "book"
                    or heard.task in (None, "reschedule", "change")
                    and _LOOKUP_DROPPED.search(heard.text.lower()) is not None
                )
            ):
                # "oh, you don't keep those - never mind, something on Friday morning then":
                # none to look up, and a visit asked for instead (booked as any other)
                s.task, s.request = "book", Request()
                s.request.merge(heard.when)
                return self._identify(s, tools)
            s.finish_task()
            return self._anything_else(
                s, f"I'm sorry, I can't find any appointments under {number}."
            )
        if ident.status == "name_required":
            if not ident.number_ok:
                if ident.name or ident.name_unclear:
                    # a name the recogniser could not vouch for: only the number is asked
                    asked_name = ident.name_unclear or s.asked in (
                        "name",
                        "surname",
                        "spell",
                        "phone_confirm",
                    )
                    question = self.say.not_registered(
                        ident.number,
                        name=ident.name or UNKNOWN_NAME,
                        asked_name=asked_name,
                        unheard=ident.name_with_number and not ident.name,
                    )
                    ident.name_read_back = None if asked_name else ident.name
                    return self._reply(s, question, "phone_confirm")
                ident.number_told = ident.number
                return self._reply(s, self.say.not_registered(ident.number, name=None), "name")
            if not ident.name:
                if ident.name_attempts >= 4 or ident.name_unclear:
                    # the recogniser cannot get it: open the account, staff will fix the name
                    if not _allowed("identify_user", tools):
                        return self._unavailable(s)
                    return call("identify_user", phone_number=ident.number, name=UNKNOWN_NAME)
                if ident.name_attempts >= 2:
                    return self._reply(s, self.say.ask_spell(), "spell")
                question = self.say.ask_name()
                if ident.name_attempts == 1:
                    question = "Sorry, I didn't catch your name. " + question
                return self._reply(s, question, "name")
            doubted = s.by_ear and ident.name_doubted and not ident.name_checked
            if (
                " " not in ident.name.strip()
                and not ident.surname_asked
                and ident.name_attempts < 2
                and not doubted
            ):
                # a first name the readers doubted ("Alice" of "alice i read" for Alistair
                # Reid) is no part to build on: the surname said next would make "Alice
                # Reid" - it is asked spelled, whole, below
                first = ident.name.strip()
                return self._reply(s, f"Thanks, {first}. And your last name?", "surname")
            if doubted:
                # the readers did not agree on it: asked spelled, not read back (a yes said
                # for the booking agreed a stranger's name; a spelling is no yes)
                return self._reply(s, self.say.ask_spell_doubted(), "spell")
            if s.by_ear and not ident.name_checked:
                # the name grammar forces a name it does not know into one it does: read it
                # back, on a "no" ask for it spelled, read that back letter by letter, and on
                # a "no" to that note it for the front desk
                question = self.say.check_name(ident.name, spelled=ident.name_spelled)
                return self._reply(s, question, "name_confirm")
            if not _allowed("identify_user", tools):
                return self._unavailable(s)
            return call("identify_user", phone_number=ident.number, name=ident.name)
        return self._ask_phone(s)

    def _holder(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        """An account found by a number alone that does not hold what the caller described
        (``Identity.holder_check``): the name on it is asked, and checked by identify_user,
        before anything it holds is said; a name that is not the account's names no one, and
        the number is asked to be checked."""
        ident = s.identity
        day = ident.holder_check
        number = ident.number or ""
        said = ident.said_name if ident.name_from_account else ident.name
        if not said and ident.name_from_account and _said_in_full(s, ident.name):
            said = ident.name  # said, but not picked out as a name ("... priya nair 973 ...")
        if said and said != ident.holder_tried:
            if not _allowed("identify_user", tools):
                return self._unavailable(s)
            return call("identify_user", phone_number=number, name=said)
        if ident.holder_tried is not None and s.attempts["holder_mismatch"] == 0:
            s.attempts["holder_mismatch"] += 1
            return self._reply(
                s,
                f"Sorry, that name doesn't match the account for {self.say.phone(number)}."
                " Could you check the number for me?",
                "phone",
            )
        if ident.holder_tried is not None or ident.name_attempts >= 2:
            s.finish_task()
            return self._anything_else(
                s,
                "I'm sorry, I can't go into that account without the name on it. The front "
                "desk can help you find your appointment.",
            )
        if ident.name_attempts == 1:
            question = "Sorry, I didn't catch that. Could I have the name on the account, please?"
            return self._reply(s, question, "name")
        question = (
            f"{(day or '').rstrip('.')} under that number. To be sure it's your account, could "
            "I have the name on it, please?"
        )
        return self._reply(s, question, "name")

    def _ask_phone(self, s: DialogueState) -> Decision:
        ident = s.identity
        lead = self._lead(s)
        failure = s.failure
        tries = s.attempts["phone"]
        if failure is not None and failure.kind == "invalid_phone_number":
            heard = failure.message if s.failed_call == "heard" else ident.digits
            if s.failed_call == "heard":
                lead.append(self.say.heard_digits(heard))
            else:
                lead.append("That doesn't look like a valid phone number.")
            tries = max(tries, 1)
        if ident.groups:
            return self._ask_group(s, lead)
        if ident.digits and ident.number is None and failure is None:
            so_far = self.say.number_so_far(ident.digits)
            question = f"I have {so_far} so far. And the rest of the number?"
            if s.asked == "phone" and not s.progressed and not lead:
                # "Sorry, I didn't catch that. I have ... so far. And the rest of the number?"
                # said again and again never said what it needed, or how to start over
                question = (
                    self.say.rest_of_number(
                        ident.digits, again="I still need" in s.last_reply, keypad=s.phone_line
                    )
                    or question
                )
            return self._reply(s, question, "phone", digits=10 - len(ident.digits), lead=lead)
        if tries >= 2 or (failure is not None and s.attempts["phone"] >= 1):
            ident.start_groups()
            keypad = (
                " You can also type the whole number on your keypad and press the hash key."
                if s.phone_line
                else ""
            )
            return self._reply(
                s,
                "Let's take it in parts." + keypad + " " + self.say.ask_group(0),
                "phone",
                digits=3,
                lead=lead,
                part=0,
            )
        keypad = " Or type it on your keypad and press the hash key." if s.phone_line else ""
        rejected = tuple(ident.rejected_numbers)
        if failure is not None:
            return self._reply(
                s,
                "Could you say the full ten-digit number again?" + keypad,
                "phone",
                digits=10,
                lead=lead,
                rejected=rejected,
            )
        if s.asked == "phone" and s.user_turns > 1 and not s.progressed:
            if s.attempts["phone"] >= 2:
                return self._reply(
                    s,
                    self.say.ask_phone(plain=True, keypad=s.phone_line),
                    "phone",
                    digits=10,
                    lead=lead or ["Sorry."],
                    rejected=rejected,
                )
            return self._reply(
                s,
                "Sorry, I didn't catch the number. Could you tell me your phone number?" + keypad,
                "phone",
                digits=10,
                lead=lead,
                rejected=rejected,
            )
        if s.accepted is not None or lead:
            question = "May I have your phone number, please?"
        else:
            question = self.say.ask_phone()
        if s.phone_line:  # offline, a phone line's digits are heard best from the keypad
            question += " You can also type it on your keypad and press the hash key."
        return self._reply(s, question, "phone", digits=10, lead=lead, rejected=rejected)

    def _which(self, s: DialogueState, appts: list, verb: str) -> str:  # type: ignore[type-arg]
        """Which of the caller's appointments; on a phone line its code may be typed."""
        question = self.say.which(_pairs(appts), verb)
        if s.phone_line:
            question += " Or type its confirmation code on your keypad and press the hash key."
        return question

    def _ask_group(self, s: DialogueState, lead: list[str]) -> Decision:
        """The next group of a number collected three, three and four digits at a time: a
        group of a rejected number read back for a yes or no, or asked for (what was heard
        so far read back with it), telling the recogniser the readings already rejected."""
        ident = s.identity
        index = ident.group_index
        checking = ident.checking
        if checking is not None and index not in ident.checked:
            part = self.say.digits(number_part(checking, index))
            if ident.last_group is not None and ident.digits:
                lead.append(f"I have {self.say.number_so_far(ident.digits)}.")  # a part corrected
            question = (
                f"Let's check it in parts. The first three digits: {part}. Is that right?",
                f"And the next three: {part}?",
                f"And the last four: {part}?",
            )[index]
            return self._reply(s, question, "phone_check", lead=lead)
        rejected = ident.rejected_for(index)
        if ident.digits:
            lead.append(f"I have {self.say.number_so_far(ident.digits)}.")
        question = self.say.ask_group(index)
        if ident.parts_unannounced:
            # the first group asked after another question came between (its preface was
            # not said there): what is being asked, said first
            ident.parts_unannounced = False
            if index == 0 and not ident.digits and IN_PARTS_NOTE not in lead:
                question = f"Let's take your number in parts. {question}"
        if rejected and checking is not None and index == 2 and ident.digits == checking[:6]:
            question = "Then it's the last four I got wrong. What are the last four digits?"
        elif len(rejected) >= ONE_AT_A_TIME_AFTER:
            keypad = " or type them on your keypad" if s.phone_line else ""
            question = (
                "Sorry, I'm having trouble with that part. Could you say those digits slowly,"
                f" one at a time{keypad}? " + question
            )
        digits = 4 if index == 2 else 3
        return self._reply(
            s, question, "phone", digits=digits, lead=lead, rejected=rejected, part=index
        )

    # --- availability, booking, moving ---------------------------------------------------------
    def _candidate_days(self, s: DialogueState, *, base: date | None = None) -> list[date]:
        req = s.request
        today = s.today
        if req.days:
            return [d for d in req.days if d not in req.rejected_days]
        start = base or today
        return self._open_days_from(start, SEARCH_DAYS, rejected=req.rejected_days)

    def _open_days_from(self, start: date, count: int, *, rejected: set[date]) -> list[date]:
        out: list[date] = []
        day = start
        limit = start + timedelta(days=count * 3 + 7)
        while len(out) < count and day <= limit:
            if self.calendar.is_open_on(day) and day not in rejected:
                out.append(day)
            day += timedelta(days=1)
        return out

    def _fetch(
        self, s: DialogueState, days: list[date], tools: Collection[str] | None
    ) -> Decision | None:
        missing = [d for d in days if d not in s.availability and d not in s.closed]
        missing = [d for d in missing if ("fetch_available_slots", _key(d)) not in s.turn_calls]
        if not missing:
            return None
        if not _allowed("fetch_available_slots", tools):
            return None
        calls = tuple(
            PlannedCall("fetch_available_slots", {"date": d.isoformat()})
            for d in missing[:MAX_DAYS_PER_STEP]
        )
        return Decision(tool_calls=calls)

    def _fits(self, s: DialogueState, day: date, at: time) -> bool:
        req = s.request
        if (day, at) in req.rejected or at in req.rejected_times:
            return False
        if req.window is not None:
            lo, hi = req.window
            if not lo <= at < hi:
                return False
        return True

    def _free(self, s: DialogueState, day: date) -> list[time]:
        return list(s.free_times(day) or ())

    def _slots(
        self,
        s: DialogueState,
        tools: Collection[str] | None,
        *,
        action: str,
        offering_only: bool = False,
        moving: tuple[date, time] | None = None,
    ) -> Decision:
        req = s.request
        if moving is None and not req.days and req.shift_days is None and s.event is not None:
            # "the day after my chemo": the day is counted from a date only the caller knows
            return self._reply(s, "What date is that on? Then I can work out the day.", "day")
        if moving is None and not req.has_day and not req.has_time:
            if offering_only:
                return self._reply(s, "Which day would you like me to check?", "day")
            return self._reply(s, self.say.ask_when(), "datetime")
        at = req.at
        days_given = bool(req.days) or req.shift_days is not None
        if moving is not None:
            old_day, old_at = moving
            if req.same_time:
                at = old_at
            others = [a for a in s.upcoming() if a.code != s.target]
            beside = req.beside
            anchor = beside_anchor(beside, s.upcoming(), s.target) if beside else None
            if beside is not None and anchor is not None and not req.days:
                # "the same day as the Tuesday one, right after it", "the day after the other
                # one, same time": placed by that one (the first opening after it, the last
                # before it)
                req.days = (anchor.day + timedelta(days=beside.days),)
                if at is None and beside.hour == "after":
                    next_hour = time(min(anchor.start.hour + 1, 23), anchor.start.minute)
                    req.window, req.earliest = (next_hour, time(23, 59)), True
                elif at is None and beside.hour == "before":
                    req.window, req.latest = (time(0), anchor.start), True
                days_given = True
            if req.after_other and not req.days and at is None and len(others) == 1:
                # "could it go after the other one?": the first opening after that one, its day
                other = others[0]
                req.days = (other.day,)
                req.window = (time(min(other.start.hour + 1, 23), 0), time(23, 59))
                req.earliest = True
                days_given = True
            if req.after_held and req.days in ((), (old_day,)) and at in (None, old_at):
                # "the next one after mine": the first opening after it, the same day ("I'm
                # booked for nine - push me to the next one you've got this morning": the nine
                # is the one held, the morning its day's)
                hi = req.window[1] if req.window is not None else time(23, 59)
                lo = time(min(old_at.hour + 1, 23), 0)
                req.days, req.window = (old_day,), (lo, max(hi, time(min(lo.hour + 1, 23), 0)))
                req.earliest = True
                days_given = True
                if at is not None:
                    at = req.at = None
            if req.before_held and not req.days:
                # "anything sooner? if not I'll stick with Monday": the days before it only
                req.days = tuple(
                    d
                    for d in self._open_days_from(s.today, SEARCH_DAYS, rejected=req.rejected_days)
                    if d < old_day
                )
                req.soonest, req.earliest = False, True
                days_given = True
                if not req.days:
                    s.finish_task()
                    s.follow_ups.clear()
                    return self._reply(
                        s,
                        ANYTHING_ELSE,
                        "anything_else",
                        lead=[
                            "Sorry, there's nothing sooner. Your appointment stays on "
                            f"{say_date(old_day)} at {say_time(old_at)}."
                        ],
                    )
            if req.later_that_week and not req.days:
                # "move it to later in the week": the open days after it, up to that Friday
                friday = old_day + timedelta(days=4 - old_day.weekday())
                after = tuple(
                    old_day + timedelta(days=k) for k in range(1, (friday - old_day).days + 1)
                )
                if after:
                    req.days = after
                    days_given = True
            if req.shift_minutes is not None:
                new_day, at = shifted(
                    old_day if not req.days else req.days[0], old_at, req.shift_minutes
                )
                if not req.days:
                    req.days = (new_day,)
                    days_given = True
            if req.nearby is not None and at == old_at and req.days in ((), (old_day,)):
                # "I'm booked in for Friday at two, could I come a bit earlier?": the time said
                # is the appointment's own
                at = req.at = None
            if req.nearby is not None and at is None:
                # "a bit later", "earlier that morning": the times after (before) it
                lo, hi = req.window or (time(0), time(23, 59))
                if req.nearby == "later":
                    lo = max(lo, (datetime.combine(old_day, old_at) + timedelta(minutes=1)).time())
                else:
                    hi = min(hi, old_at)
                req.window, req.nearby_of = (lo, hi), old_at
            if req.shift_days is not None and not req.days:
                req.days = (shifted_day(old_day, req.shift_days),)
                days_given = True
                if at is None and req.window is None and not req.earliest and not req.latest:
                    at = old_at  # "push it back a week": the same time, a week later
            if req.same_day and not req.days:
                req.days = (old_day,)
                days_given = True
            elif req.same_day and len(req.days) > 1:
                # "the week after next, same day": the appointment's weekday of that week
                weekday = tuple(d for d in req.days if d.weekday() == old_day.weekday())
                req.days = weekday or req.days
            if len(req.days) >= 5 and old_day in req.days and req.same_time and not req.earliest:
                # "same time next week instead" of an appointment already next week: the week
                # after the appointment's
                req.days = tuple(d + timedelta(days=7) for d in req.days)
            if (
                len(req.days) >= 5
                and old_day.weekday() in {d.weekday() for d in req.days}
                and not req.earliest
            ):
                # "move it to next week": the same weekday of that week first
                same = [d for d in req.days if d.weekday() == old_day.weekday()]
                req.days = (*same, *(d for d in req.days if d not in same))
            if (
                not days_given
                and not req.soonest
                and (at is not None or req.window is not None)
                and old_day not in req.rejected_days
            ):
                req.days = (old_day,)
                days_given = True
            elif not days_given and not req.soonest and req.has_time:
                # "not Tuesday, not Thursday, nothing before ten" for a Tuesday appointment:
                # not that day, so the open days of its week on (not from today's)
                monday = old_day - timedelta(days=old_day.weekday())
                req.days = tuple(
                    self._open_days_from(max(monday, s.today), 5, rejected=req.rejected_days)
                )
                days_given = bool(req.days)
            if not days_given and not req.soonest and not req.has_time:
                return self._reply(
                    s,
                    f"Your appointment is on {say_date(old_day)} at {say_time(old_at)}. "
                    "What day and time would you like instead?",
                    "datetime",
                )
        if not days_given and not req.soonest and at is not None and not req.earliest:
            if offering_only:
                # "what do you have at 3?": look at the next open days
                pass
            else:
                return self._reply(s, self.say.ask_day_for(at), "day")
        days = self._candidate_days(s)
        if not days:
            return self._reply(
                s,
                "Sorry, I don't have any open days for that. " + self.say.ask_when(),
                "datetime",
            )
        scan = days if days_given else days
        # look up the days we need (in order; a handful at a time); every one of the days said
        # as alternatives ("Friday or Monday"), to offer times on each
        needed = self._days_to_check(s, scan, at)
        if req.latest and at is None and len(req.days) > 1:
            # the last time of the days named is wanted: look them up from the last one back
            needed = self._days_to_check(s, scan[::-1], at)
        if req.either and (at is None or req.or_times):
            needed = list(dict.fromkeys([*scan[:MAX_DAYS_PER_STEP], *needed]))
        fetch = self._fetch(s, needed, tools)
        if fetch is not None:
            return fetch
        if req.ranked and days_given and (at is None or at == req.at):
            # "1 o'clock is best, 2 second best": the first choice free, in the caller's order
            fetch = self._first_ranked(s, scan[0], at, moving=moving, tools=tools)
            if fetch is not None:
                return fetch
            scan, at = list(req.days), req.at
        if at is not None and req.or_times and at == req.at:
            # "two or three": the first of them free on the day asked for; on days said as
            # alternatives ("Wednesday or Thursday, nine or ten"), on the first of them that
            # has one
            day = scan[0]
            free = [
                t
                for t in (at, *req.or_times)
                if self._why_not(s, day, t) is None and (day, t) != moving
            ]
            if not free and req.either and not req.hours_unsure:
                for alt in scan[1:MAX_DAYS_PER_STEP]:
                    there = [
                        t
                        for t in (at, *req.or_times)
                        if s.free_times(alt) is not None
                        and self._why_not(s, alt, t) is None
                        and (alt, t) != moving
                    ]
                    if there:
                        day, free = alt, there
                        scan = [alt, *(d for d in scan if d != alt)]
                        break
            if req.hours_unsure and len(free) > 1:
                # by ear, two hours said with nothing between them ("two o'clock if that's
                # three"): asked which, neither proposed (one free: that one is proposed)
                said = " or ".join(say_time(t) for t in free)
                return self._reply(
                    s,
                    f"Sorry, was that {said}, on {say_date(day)}?",
                    "choose_time",
                    offered=tuple((day, t) for t in free),
                )
            at = free[0] if free else at
        if at is not None:
            return self._exact(
                s, scan, at, action=action, offering_only=offering_only, moving=moving, tools=tools
            )
        return self._window(
            s, scan, action=action, offering_only=offering_only, moving=moving, tools=tools
        )

    def _first_ranked(
        self,
        s: DialogueState,
        day: date,
        at: time | None,
        *,
        moving: tuple[date, time] | None,
        tools: Collection[str] | None,
    ) -> Decision | None:
        """Makes the request the first of the caller's ranked choices with a free time (a
        lookup first when a choice's day is not known yet); none free, the first stays."""
        req = s.request
        for d, t, window in ((day, at, req.window), *req.ranked):
            fetch = self._fetch(s, [d], tools)
            if fetch is not None:
                return fetch
            free = [
                x
                for x in self._free(s, d)
                if self._why_not(s, d, x) is None
                and (d, x) != moving
                and (window is None or window[0] <= x < window[1])
            ]
            if (t in free) if t is not None else free:
                if (d, t, window) != (day, at, req.window):
                    req.days, req.at, req.window, req.or_times = (d,), t, window, ()
                    req.earliest = req.latest = req.either = False
                break
        req.ranked = ()
        return None

    def _days_to_check(self, s: DialogueState, days: list[date], at: time | None) -> list[date]:
        """Days to look up before answering: the first asked day(s), then more only while
        nothing that fits has been found."""
        out: list[date] = []
        for day in days:
            out.append(day)
            free = s.free_times(day)
            if free is None:
                if day in s.closed:
                    continue
                if len(out) >= MAX_DAYS_PER_STEP:
                    break
                continue
            fitting = [t for t in free if self._fits(s, day, t) and (at is None or t == at)]
            if fitting:
                break
        return out

    def _exact(
        self,
        s: DialogueState,
        days: list[date],
        at: time,
        *,
        action: str,
        offering_only: bool,
        moving: tuple[date, time] | None,
        tools: Collection[str] | None,
    ) -> Decision:
        req = s.request
        day = days[0]
        if len(days) > 1:
            for d in days:
                if at in (s.free_times(d) or ()) and self._fits(s, d, at):
                    day = d
                    break
        lead = self._lead(s)
        if moving is not None and (day, at) == moving:
            # (said in full: a caller who asks for the slot they hold may have it wrong)
            lead.append(f"You're already booked for {say_date(day)} at {say_time(at)}.")
            return self._anything_else(s, *lead[len(self._lead(s)) :])
        held = s.holds(day, at)
        if (
            held is not None
            and moving is None
            and action == "book"
            and s.heard is not None
            and "recurring" in s.heard.questions
        ):
            # "I've got Tuesday at 10 with you. Could we make it weekly? Just book the next one":
            # the one held is the first of the series; the next is a week on, same time
            nxt = day + timedelta(days=7)
            while s.holds(nxt, at) is not None and (nxt - day).days < 35:
                nxt += timedelta(days=7)
            if s.holds(nxt, at) is None:
                req.days = (nxt,)
                fetch = self._fetch(s, [nxt], tools)
                if fetch is not None:
                    return fetch
                return self._exact(
                    s, [nxt], at, action=action, offering_only=False, moving=None, tools=tools
                )
        if held is not None and moving is None:
            lead.append(f"You already have an appointment on {say_date(day)} at {say_time(at)}.")
            s.finish_task()
            return self._reply(s, ANYTHING_ELSE, "anything_else", lead=lead)
        reason = self._why_not(s, day, at)
        if reason is None:
            if offering_only:
                # an answer to "do you have...?": a yes to it books that day and time
                free_now = f"Yes, {say_time(at)} on {say_date(day)} is free."
                return self._reply(
                    s,
                    f"{free_now} Would you like me to book it?",
                    "confirm",
                    proposal=Proposal("book", day, at),
                    lead=lead,
                )
            return self._propose(s, action, day, at, lead=lead, moving=moving, tools=tools)
        if self._closed(s, day):
            # closed that day: the same time on the same weekday next week when the caller
            # named a weekday (a holiday), else on the next open day, proposed as one choice
            fetch = self._fetch(s, self._alternative_days(s, day), tools)
            if fetch is not None:
                return fetch
            for alt in self._alternative_days(s, day):
                if at in self._free(s, alt) and self._fits(s, alt, at) and (alt, at) != moving:
                    lead.append(reason)
                    return self._propose(s, action, alt, at, lead=lead, moving=moving, instead=True)
        options = self._nearest(s, day, at, exclude=moving)
        if req.only_days:
            options = [o for o in options if o[0] in req.days]
            if not options:
                return self._nothing_within(
                    s, days, lead=[*lead, reason], moving=moving, tools=tools
                )
        if not options:
            # nothing that day: look at the following open days
            later = self._open_days_from(
                day + timedelta(days=1), SEARCH_DAYS, rejected=req.rejected_days
            )
            fetch = self._fetch(s, self._days_to_check_window(s, later), tools)
            if fetch is not None:
                return fetch
            options = self._nearest(s, day, at, exclude=moving)
        lead.append(reason)
        return self._offer_options(s, options, action=action, lead=lead, moving=moving)

    def _nothing_within(
        self,
        s: DialogueState,
        days: list[date],
        *,
        lead: list[str],
        moving: tuple[date, time] | None,
        tools: Collection[str] | None,
    ) -> Decision:
        """Nothing free on the only days the caller would take ("..., otherwise leave it"):
        said so, and nothing else offered or changed; or, for a new booking with a second
        choice ("if not, I'll stick with Monday"), that day proposed."""
        req = s.request
        open_days = sorted(d for d in days if not self._closed(s, d)) or sorted(days)
        if len(open_days) == 1:
            span = f"on {say_date(open_days[0])}"
        else:
            span = f"between {say_date(open_days[0])} and {say_date(open_days[-1])}"
        said = [p for p in lead if p]
        if moving is not None and req.nearby is not None and open_days == [moving[0]]:
            # "anything before my 9 o'clock?": the rest of the day may be free
            said.append(f"Sorry, there's nothing {req.nearby} than that {span}.")
        else:
            said.append(f"Sorry, there's nothing free {span}.")
        if moving is None and req.fallback is not None:
            # "anything Friday? if not, I'll stick with Monday": Monday, for a yes
            day, at = req.fallback
            req.days, req.at, req.fallback = (day,), at, None
            req.only_days = False
            req.window, req.earliest, req.latest, req.soonest = None, False, False, False
            if s.task == "availability":
                s.task = "book"
            s.notes.extend(p for p in said if p not in s.notes)
            return self._slots(s, tools, action="book")
        if moving is not None:
            said.append(
                f"Your appointment stays on {say_date(moving[0])} at {say_time(moving[1])}."
            )
        else:
            said.append("So I'll leave it there.")
        s.finish_task()
        s.follow_ups.clear()
        return self._reply(s, ANYTHING_ELSE, "anything_else", lead=said)

    def _why_not(self, s: DialogueState, day: date, at: time) -> str | None:
        """None when ``at`` on ``day`` is free (per the tools), else why not, in words."""
        failure = s.closed.get(day)
        if failure is not None:
            return self._closed_reason(day, failure)
        if not self.calendar.is_open_on(day):
            return f"Sorry, we're closed on {say_date(day)}."
        starts = self.calendar.slot_starts(day)
        if at not in starts:
            if not starts or at < starts[0] or at > starts[-1]:
                first = say_time(starts[0]) if starts else say_time(self.calendar.open_time)
                last = say_time(starts[-1]) if starts else say_time(self.calendar.close_time)
                return (
                    f"Sorry, {say_time(at)} is outside our hours: appointments run from {first}, "
                    f"and the last one starts at {last}."
                )
            if self.calendar.skipped(day, at):
                # the clocks go forward that night: the time is on the cadence, the day lacks it
                return (
                    f"Sorry, {say_time(at)} does not exist on {say_date(day)}: the clocks go "
                    "forward that night."
                )
            cadence = self.calendar.cadence()
            return f"Appointments start {cadence}, so {say_time(at)} isn't a start time."
        free = s.free_times(day)
        if free is None:
            return None
        if at in free and (day, at) not in s.request.rejected:
            return None
        if at in free:
            return None
        if day == s.today and s.now is not None and at <= s.now:
            return f"Sorry, {say_time(at)} today has already passed."
        return f"Sorry, {say_time(at)} on {say_date(day)} is already taken."

    def _closed_reason(self, day: date, failure: ToolFailure) -> str:
        if failure.kind == "weekend_unavailable":
            return f"Sorry, we're closed at weekends, so I can't book {say_date(day)}."
        if failure.kind == "date_in_past":
            return f"Sorry, {say_date(day)} has already passed."
        if failure.kind == "too_far_ahead":
            return failure.message
        if failure.kind == "clinic_closed":
            return f"Sorry, we're closed on {say_date(day)}."
        return failure.message

    def _closed(self, s: DialogueState, day: date) -> bool:
        return day in s.closed or not self.calendar.is_open_on(day)

    def _alternative_days(self, s: DialogueState, day: date) -> list[date]:
        """Where to look when ``day`` is closed, best first: the same weekday a week later
        if the caller named a weekday the clinic usually opens, then the next open days."""
        out: list[date] = []
        week_later = day + timedelta(days=7)
        if (
            s.request.by_weekday
            and day.weekday() in self.calendar.open_weekdays
            and self.calendar.is_open_on(week_later)
        ):
            out.append(week_later)
        for d in self._open_days_from(day + timedelta(days=1), 2, rejected=s.request.rejected_days):
            if d not in out:
                out.append(d)
        return out

    def _nearest(
        self, s: DialogueState, day: date, at: time, *, exclude: tuple[date, time] | None
    ) -> list[tuple[date, time]]:
        """Free times nearest to ``at``: the same day first, then the next open days."""

        def ok(d: date, t: time) -> bool:
            return (d, t) != exclude and self._fits(s, d, t) and s.holds(d, t) is None

        same = [t for t in self._free(s, day) if ok(day, t)]
        minutes = at.hour * 60 + at.minute
        same.sort(key=lambda t: (abs(t.hour * 60 + t.minute - minutes), t))
        if same:
            # in the order of the day, unless one is nearer to the time asked for ("4 PM" past
            # the last start: 2 PM asked about before 1 PM)
            two = same[:2]
            gaps = {abs(t.hour * 60 + t.minute - minutes) for t in two}
            return [(day, t) for t in (two if len(gaps) > 1 else sorted(two))]
        out: list[tuple[date, time]] = []
        for d in sorted(x for x in s.availability if x > day):
            free = [t for t in self._free(s, d) if ok(d, t)]
            if not free:
                continue
            free.sort(key=lambda t: (abs(t.hour * 60 + t.minute - minutes), t))
            out.append((d, free[0]))
            if len(out) >= 2:
                break
        return out

    def _offer_options(
        self,
        s: DialogueState,
        options: list[tuple[date, time]],
        *,
        action: str,
        lead: list[str],
        moving: tuple[date, time] | None,
    ) -> Decision:
        if not options:
            return self._reply(s, "Which other day would suit you?", "datetime", lead=lead)
        if len(options) == 1:
            day, at = options[0]
            return self._propose(s, action, day, at, lead=lead, moving=moving, instead=True)
        return self._offer_and_ask_first(s, options, action=action, lead=lead, moving=moving)

    def _offer_and_ask_first(
        self,
        s: DialogueState,
        options: list[tuple[date, time]],
        *,
        action: str,
        lead: list[str],
        moving: tuple[date, time] | None,
        offering_only: bool = False,
        question: str | None = None,
        tools: Collection[str] | None = None,
    ) -> Decision:
        """Several free times listed, then a yes/no question about the first, so a caller who
        is happy with it just says yes (another one named, or a no, is read against the list).
        The list is read in time order ("10 AM or noon", not "noon or 10 AM" though noon is
        nearer the time asked for), so "the first one" is the first said; the one asked about
        stays the first given."""
        day, first = options[0]
        if moving is not None:
            target = s.target_appt()
            proposal = Proposal("reschedule", day, first, target.code if target else None)
        else:
            proposal = Proposal("book", day, first)
        both = None if moving or offering_only else self._next_booking(s, day, first, tools)
        if isinstance(both, Decision):
            return both  # the second booking's day looked up first
        read = sorted(options)
        if both:
            proposal = Proposal("book", day, first, also_at=both)
            question = None
        text = question or self.say.offer_then_ask(
            read,
            moving=moving,
            offering_only=offering_only,
            propose=(day, first),
            with_next=both or (),
        )
        if moving is not None and (
            question is None or (s.follow_ups and s.follow_ups[0].task == "reschedule")
        ):
            # (a list of this one's times before the question: "I have 2 PM or 3 PM. Shall I
            # move both your appointments: ...?" - a "yes, both" makes both; a cancel beside a
            # move with times to choose from keeps its own question, each with its yes)
            joined = self._with_next_change(s, proposal, tools)
            if isinstance(joined, Decision):
                return joined  # the next change's day looked up first
            if joined is not None:
                proposal, asked_both = joined
                text = text.replace(self.say.confirm_move(moving, (day, first)), asked_both)
        return self._reply(s, text, "confirm", offered=tuple(read), proposal=proposal, lead=lead)

    def _window(
        self,
        s: DialogueState,
        days: list[date],
        *,
        action: str,
        offering_only: bool,
        moving: tuple[date, time] | None,
        tools: Collection[str] | None,
    ) -> Decision:
        req = s.request
        lead = self._lead(s)
        made = _just_booked(s, days, self._fits) if action == "book" and moving is None else None
        if made is not None:
            # "and that's Wednesday morning, is it?" right after it was booked there: the
            # booking said back, not a second one offered
            lead.append(f"You're booked for {say_date(made.day)} at {say_time(made.start)}.")
            s.finish_task()
            return self._reply(s, ANYTHING_ELSE, "anything_else", lead=lead)
        first_day = days[0]
        found: list[tuple[date, list[time]]] = []
        closed_notes: list[str] = []
        for d in days:
            if d in s.closed:
                if len(days) == 1 or (req.days and d == req.days[0]):
                    closed_notes.append(self._closed_reason(d, s.closed[d]))
                continue
            free = [
                t
                for t in self._free(s, d)
                if self._fits(s, d, t) and (d, t) != moving and s.holds(d, t) is None
            ]
            if free:
                found.append((d, free))
                if (not req.latest and not req.either) or len(days) == 1:
                    break
        if not found and req.only_days:
            return self._nothing_within(
                s, days, lead=[*lead, *closed_notes], moving=moving, tools=tools
            )
        near = self._nearest_that_day(s, days, moving) if not found else None
        if near is not None:
            # "late afternoon on the same day", nothing free in it: the nearest time that day
            # (the day was pinned), not the same hours on another day
            lead.extend(closed_notes or [self._nothing_on(s, first_day)])
            lead.append(f"The closest I have that day is {say_time(near)}.")
            return self._propose(
                s,
                action,
                first_day,
                near,
                lead=lead,
                moving=moving,
                bare=True,
                offering_only=offering_only,
            )
        if not found:
            # widen: the open days after the ones asked for
            if req.days:
                after = self._open_days_from(
                    max(req.days) + timedelta(days=1), SEARCH_DAYS, rejected=req.rejected_days
                )
                if len(req.days) == 1 and self._closed(s, first_day):
                    preferred = self._alternative_days(s, first_day)[:1]
                    after = preferred + [x for x in after if x not in preferred]
                more = [d for d in after if d not in s.availability and d not in s.closed]
                pending = self._days_to_check_window(s, after)
                fetch = self._fetch(s, pending, tools)
                if fetch is not None and more:
                    return fetch
                for d in after:
                    free = [t for t in self._free(s, d) if self._fits(s, d, t) and (d, t) != moving]
                    if free:
                        lead.extend(closed_notes or [self._nothing_on(s, first_day)])
                        return self._offer_day(
                            s,
                            d,
                            free,
                            action=action,
                            lead=lead,
                            moving=moving,
                            offering_only=offering_only,
                        )
            lead.extend(closed_notes)
            return self._reply(
                s,
                "Sorry, I couldn't find a free time for that. Which other day would suit you?",
                "datetime",
                lead=lead,
            )
        if req.either and len(found) > 1 and not (req.earliest or req.latest or req.soonest):
            # "tomorrow or the day after, around lunchtime": times on each day said
            per_day = max(1, MAX_OFFERED // len(found))
            options = [(d, t) for d, free in found for t in _spread(free, per_day)]
            lead.extend(closed_notes)
            if offering_only:
                question = self.say.offer_then_ask(options, offering_only=True)
                return self._reply(s, question, "choose_time", offered=tuple(options), lead=lead)
            return self._offer_and_ask_first(s, options, action=action, lead=lead, moving=moving)
        day, free = found[0]
        if req.latest and len(req.days) > 1 and len(found) > 1:
            # "the very last appointment before Christmas", "the end of the week, as late as
            # you can": the last of the days the caller named, at its last free time
            day, free = found[-1]
        if day != first_day and req.days and len(req.days) == 1:
            lead.extend(closed_notes or [self._nothing_on(s, first_day)])
        return self._offer_day(
            s, day, free, action=action, lead=lead, moving=moving, offering_only=offering_only
        )

    def _nearest_that_day(
        self, s: DialogueState, days: list[date], moving: tuple[date, time] | None
    ) -> time | None:
        """A part of the day asked for on the day being moved, pinned ("to late afternoon on the
        same day"), with nothing free in it: the free time that day nearest to those hours,
        within an hour of them (not the time it is at now, nor one turned down), else None -
        and another day's hours are offered as before."""
        req = s.request
        if not req.same_day or len(days) != 1 or req.window is None or req.at is not None:
            return None
        day = days[0]
        if day in s.closed or s.free_times(day) is None:
            return None
        lo, hi = req.window

        def off(t: time) -> int:
            minutes = t.hour * 60 + t.minute
            return max(lo.hour * 60 + lo.minute - minutes, minutes - (hi.hour * 60 + hi.minute))

        near = [
            t
            for t in self._free(s, day)
            if (day, t) != moving
            and s.holds(day, t) is None
            and (day, t) not in req.rejected
            and 0 < off(t) <= 60
        ]
        return min(near, key=off) if near else None

    def _days_to_check_window(self, s: DialogueState, days: list[date]) -> list[date]:
        out: list[date] = []
        for d in days:
            out.append(d)
            free = s.free_times(d)
            if free is not None and any(self._fits(s, d, t) for t in free):
                break
        return out

    def _nothing_on(self, s: DialogueState, day: date) -> str:
        req = s.request
        open_times = [t for t in self._free(s, day) if (day, t) not in req.rejected]
        if req.window is not None:
            lo, hi = req.window
            open_times = [t for t in open_times if lo <= t < hi]
        if open_times or any((day, t) in req.rejected for t in self._free(s, day)):
            return ""  # they turned those down: just offer the next day
        if req.nearby is not None and req.nearby_of is not None:
            return (
                f"Sorry, there's nothing {req.nearby} than {say_time(req.nearby_of)}"
                f" on {say_date(day)}."
            )
        window = req.window
        part = ""
        if window is not None:
            lo, _hi = window
            part = (
                " in the morning"
                if lo.hour < 12 and _hi.hour <= 12
                else (" in the afternoon" if lo.hour >= 12 else "")
            )
            if lo.hour >= 12 and lo.hour not in (12,):
                part = f" after {say_time(time(lo.hour - 1, 0))}" if lo.hour > 12 else part
        return f"Sorry, there's nothing free{part} on {say_date(day)}."

    def _offer_day(
        self,
        s: DialogueState,
        day: date,
        free: list[time],
        *,
        action: str,
        lead: list[str],
        moving: tuple[date, time] | None,
        offering_only: bool,
    ) -> Decision:
        req = s.request
        # a caller who asked for the first or the last time gets that one time
        picked: tuple[time, str] | None = None
        if req.earliest or req.soonest and not req.window:
            picked = free[0], "The earliest I have is"
        elif req.latest:
            picked = free[-1], "The latest I have is"
        elif req.soonest and req.window:
            picked = free[0], "The first opening that fits is"
        if picked is not None:
            pick, words = picked
            # after a "no" to the earliest (the keypad's 1, a yes/no caller), the next one is
            # the next, not "the earliest" again word for word
            if req.latest:
                if any(turned > (day, pick) for turned in req.rejected):
                    words = "The one before that is"
            else:
                passed = sum(turned < (day, pick) for turned in req.rejected)
                words = {0: words, 1: "The next one I have is"}.get(passed, "After that, I have")
            lead.append(f"{words} {say_date(day)} at {say_time(pick)}.")
            return self._propose(
                s,
                action,
                day,
                pick,
                lead=lead,
                moving=moving,
                bare=True,
                offering_only=offering_only,
            )
        # "what times are available?" is answered in full; a booking gets a short choice
        times = list(free) if offering_only and len(free) <= 7 else _spread(free, MAX_OFFERED)
        if len(times) == 1:
            return self._propose(
                s, action, day, times[0], lead=lead, moving=moving, instead=False, single=True
            )
        offered = [(day, t) for t in times]
        lost = req.time_lost and not req.has_time and action == "book"
        if offering_only or s.time_unreal or lost:
            # "what times are available?" is answered with the times, and a choice: a voice
            # caller who was only asking then says goodbye in the open grammar of a choice;
            # a time no clock shows ("25:00") is asked again the same way, none proposed
            question = self.say.offer_choice(day, times)
            if len(free) > len(times):
                question = question.replace(" I have ", " I have times including ", 1)
            return self._reply(s, question, "choose_time", offered=tuple(offered), lead=lead)
        # list the choice and ask about the first, so "sure" books (or moves) it
        question = self.say.offer_then_ask(offered, moving=moving)
        if len(free) > len(times):
            question = question.replace(" I have ", " I have times including ", 1)
        return self._offer_and_ask_first(
            s,
            offered,
            action=action,
            lead=lead,
            moving=moving,
            question=question,
        )

    def _propose(
        self,
        s: DialogueState,
        action: str,
        day: date,
        at: time,
        *,
        lead: list[str],
        moving: tuple[date, time] | None,
        instead: bool = False,
        bare: bool = False,
        single: bool = False,
        offering_only: bool = False,
        tools: Collection[str] | None = None,
    ) -> Decision:
        if moving is not None:
            target = s.target_appt()
            proposal = Proposal("reschedule", day, at, target.code if target else None)
            text = self.say.confirm_move(moving, (day, at))
            joined = self._with_next_change(s, proposal, tools)
            if isinstance(joined, Decision):
                return joined  # the next change's day looked up first
            if joined is not None:
                proposal, text = joined
        elif offering_only:
            if bare:
                text = "Would you like me to book it?"
            elif single:
                text = f"On {say_date(day)} I have {say_time(at)}. Would you like me to book it?"
            else:
                text = f"I have {say_time(at)} on {say_date(day)}. Would you like me to book it?"
            return self._reply(s, text, "confirm", proposal=Proposal("book", day, at), lead=lead)
        else:
            proposal = Proposal("book", day, at)
            both = None if instead else self._next_booking(s, day, at, tools)
            if isinstance(both, Decision):
                return both  # the second booking's day looked up first
            if both:
                # "... and one for me as well": one question naming both, one yes for both
                proposal = Proposal("book", day, at, also_at=both)
                text = self.say.confirm_book_both([(day, at), *both])
            elif bare:
                text = "Shall I book it?"
            elif single:
                text = f"On {say_date(day)} I have {say_time(at)}. Shall I book it?"
            else:
                text = self.say.confirm_book(day, at)
                if instead:
                    text = text[:-1] + " instead?"
        return self._reply(s, text, "confirm", proposal=proposal, lead=lead)

    def _next_booking(
        self, s: DialogueState, day: date, at: time, tools: Collection[str] | None
    ) -> Decision | tuple[tuple[date, time], ...] | None:
        """The booking asked for with this one ("and one for me, just before his"), worked
        out as if this one were made: its slot(s), to be named in the same question; a look-up
        of its day, still to be made; or None when it needs a question of its own (no day said,
        several times to choose from, nothing free)."""
        nxt = s.follow_ups[0] if s.follow_ups else None
        if nxt is None or nxt.task != "book" or nxt.target is not None:
            return None
        ahead = copy.deepcopy(s)
        made = Appt("", day, at)
        ahead.appointments.append(made)
        ahead.unavailable.add((day, at))
        ahead.done.append(("booked", made))
        ahead.finish_task()
        next_follow_up(ahead)
        if ahead.task != "book":
            return None
        if nxt.heard is not None and _MORE_THAN_ONE.search(nxt.heard.text.lower()):
            # ("me and my husband, both Monday morning": the second's own words, which ask for
            # one besides the first - not the first, made, said back)
            ahead.heard = nxt.heard
        planned = self._slots(ahead, tools, action="book")
        if planned.tool_calls:
            # only the days the caller named for it, within the booking horizon, each looked
            # up once: a search further afield is the second question's own
            named = set(ahead.request.days)
            last = s.today + timedelta(days=self.calendar.booking_horizon_days)
            looks = all(
                c.name == "fetch_available_slots"
                and c.args.get("date") in {d.isoformat() for d in named}
                for c in planned.tool_calls
            )
            ok = named and max(named) <= last and not named & set(s.closed)
            return planned if looks and ok else None
        p = planned.proposal
        if planned.asked != "confirm" or p is None or p.action != "book":
            return None
        if p.day is None or p.at is None or (p.day, p.at) == (day, at):
            return None
        return ((p.day, p.at), *p.also_at)

    def _with_next_change(
        self, s: DialogueState, first: Proposal, tools: Collection[str] | None
    ) -> Decision | tuple[Proposal, str] | None:
        """A move or cancel of another held appointment asked for with this one ("push them
        both back a week", "move Tuesday's to Friday and cancel Wednesday's"), worked out as if
        this change were made: one question naming both, one yes for both (the proposal's
        ``more``); a look-up of its day, still to be made; or None when it needs a question of
        its own (which appointment, several times to choose from, nothing free, a time taken)."""
        nxt = s.follow_ups[0] if s.follow_ups else None
        held = {a.code: a for a in s.upcoming()}
        if (
            nxt is None
            or nxt.task not in ("reschedule", "cancel", "book")
            or (nxt.task == "book" and nxt.target is not None)
            or (nxt.target is None and nxt.heard is None and nxt.proposal is None)
            or (nxt.target is not None and nxt.target not in held)
            or first.code is None
            or first.code not in held
            or nxt.target == first.code
            or first.day is None
            or first.at is None
            or first.also
            or first.more
        ):
            return None
        ahead = copy.deepcopy(s)
        old = held[first.code]
        done = first.action == "reschedule"
        made = {
            "appointment_id": old.code,
            "date": (first.day if done else old.day).isoformat(),
            "time": (first.at if done else old.start).strftime("%H:%M"),
            "status": "booked" if done else "cancelled",
        }
        tool = "modify_appointment" if done else "cancel_appointment"
        on_result(ahead, tool, {}, {"appointment": made})
        ahead.done_now, ahead.just_done, ahead.notes = [], False, []
        aim = ahead.target
        booking = nxt.task == "book"
        if ahead.task != nxt.task or ahead.accepted is not None:
            return None
        if not booking and (
            aim is None or aim not in held or aim == first.code or nxt.target not in (None, aim)
        ):
            return None
        if booking:
            planned = self._slots(ahead, tools, action="book")
        elif nxt.task == "reschedule":
            planned = self._reschedule(ahead, tools)
        else:
            then = held[str(aim)]
            planned = Decision(
                reply="",
                asked="confirm",
                proposal=Proposal("cancel", then.day, then.start, then.code),
            )
        if planned.tool_calls:
            # only the days its own words name, within the booking horizon, each looked up
            # once: anything further afield is the second question's own
            last = s.today + timedelta(days=self.calendar.booking_horizon_days)
            ok = all(
                c.name == "fetch_available_slots"
                and (d := _iso_day(c.args.get("date"))) is not None
                and d not in s.availability
                and d not in s.closed
                and s.today <= d <= last
                for c in planned.tool_calls
            )
            return planned if ok and len(planned.tool_calls) <= 2 else None
        p = planned.proposal
        own = planned.reply or ""
        for said in self._lead(copy.deepcopy(s)):
            # (what the first question says before it, the answer to a question or a
            # welcome, "We are closed on Christmas Day", is not about the second change)
            own = own.replace(said, "")
        if (
            planned.asked != "confirm"
            or p is None
            or (not booking and p.code != aim)
            or p.action != nxt.task
            or p.day is None
            or p.at is None
            or p.also
            or (p.also_at and not booking)
            or _NOT_AS_ASKED.search(own)
        ):
            return None
        to1 = (first.day, first.at) if first.action == "reschedule" else None
        if booking:
            second: tuple[str, tuple[date, time], tuple[date, time] | None] = (
                "book",
                (p.day, p.at),
                None,
            )
        else:
            then = held[str(aim)]
            to2 = (p.day, p.at) if p.action == "reschedule" else None
            if to2 is not None and to2 == (then.day, then.start):
                return None
            second = (p.action, (then.day, then.start), to2)
        text = self.say.confirm_two_changes(
            (first.action, (old.day, old.start), to1), second, also_booked=p.also_at
        )
        return dataclasses.replace(first, more=(dataclasses.replace(p, more=()),)), text

    def _reschedule(
        self, s: DialogueState, tools: Collection[str] | None, *, swapped: bool = False
    ) -> Decision:
        target = s.target_appt()
        if target is None:
            appts = s.upcoming()
            if not appts:
                s.finish_task()
                return self._reply(
                    s,
                    "I don't see any upcoming appointments for you. Would you like to book one?",
                    "offer_book",
                )
            if s.target is not None:
                return self._unknown_code(s, appts, "change")
            return self._reply(s, self._which(s, appts, "change"), "which_appointment")
        if not swapped and self._other_moves_first(s, target):
            return self._reschedule(s, tools, swapped=True)
        return self._slots(s, tools, action="reschedule", moving=(target.day, target.start))

    @staticmethod
    def _other_moves_first(s: DialogueState, target: Appt) -> bool:
        """ "The Tuesday one to Wednesday and the Wednesday one to Thursday, same time": the
        slot this one is to go to is the caller's own, asked to move next; that one is taken
        up first (its slot is free once it moves), this one after it."""
        nxt = s.follow_ups[0] if s.follow_ups else None
        other = None if nxt is None else nxt.target or nxt.named
        if nxt is None or nxt.task != "reschedule" or other in (None, target.code):
            return False
        r = s.request
        day = r.days[0] if len(r.days) == 1 else None
        if day is None and type(r.shift_days) is int:
            day = target.day + timedelta(days=r.shift_days)
        at = r.at if r.at is not None else target.start if r.same_time else None
        if r.shift_minutes is not None and r.at is None:
            # "push both back an hour": the ten goes where the eleven is, which moves first
            day, at = shifted(day or target.day, target.start, r.shift_minutes)
        there = s.holds(day, at) if day is not None and at is not None else None
        if there is None or there.code != other:
            return False
        s.follow_ups[0] = FollowUp(
            "reschedule", target.code, proposal=Proposal("reschedule", day, at, target.code)
        )
        s.follow_ups.insert(0, nxt)
        s.target, s.request = None, Request()
        next_follow_up(s)
        return True

    def _cancel(self, s: DialogueState, tools: Collection[str] | None) -> Decision:
        target = s.target_appt()
        if target is None:
            appts = s.upcoming()
            if not appts:
                s.finish_task()
                return self._anything_else(s, "You don't have any upcoming appointments to cancel.")
            if s.target is not None:
                return self._unknown_code(s, appts, "cancel")
            return self._reply(s, self._which(s, appts, "cancel"), "which_appointment")
        held = {a.code: a for a in s.upcoming()}
        also = [
            held[f.target]
            for f in s.follow_ups
            if f.task == "cancel" and f.target in held and f.target != target.code
        ]
        if also and not any(action == "cancelled" for action, _ in s.done):
            # "cancel both", "cancel all of them": one question naming every one, one yes for
            # them all (a yes naming one of them cancels that one alone)
            return self._reply(
                s,
                self.say.confirm_cancel_both(_pairs([target, *also])),
                "confirm",
                proposal=Proposal(
                    "cancel", target.day, target.start, target.code, also=_codes(also)
                ),
            )
        proposal = Proposal("cancel", target.day, target.start, target.code)
        text = self.say.confirm_cancel(target.day, target.start)
        joined = self._with_next_change(s, proposal, tools)
        if isinstance(joined, Decision):
            return joined  # the next change's day looked up first
        if joined is not None:
            proposal, text = joined
        return self._reply(s, text, "confirm", proposal=proposal)

    def _unknown_code(self, s: DialogueState, appts: list, verb: str) -> Decision:  # type: ignore[type-arg]
        s.target = None
        lead = [*self._lead(s), "I couldn't find that code on your account."]
        return self._reply(s, self._which(s, appts, verb), "which_appointment", lead=lead)

    def _change_or_cancel(self, s: DialogueState) -> Decision:
        target = s.target_appt()
        appts = s.upcoming()
        if target is None:
            if not appts:
                s.finish_task()
                return self._reply(
                    s,
                    "I don't see any upcoming appointments for you. Would you like to book one?",
                    "offer_book",
                )
            return self._reply(s, self._which(s, appts, "change"), "which_appointment")
        return self._reply(
            s,
            f"Your appointment is on {say_date(target.day)} at {say_time(target.start)}. "
            "Would you like to move it to another time, or cancel it?",
            "change_or_cancel",
        )

    def _list(self, s: DialogueState) -> Decision:
        appts = s.upcoming()
        if not appts:
            return self._reply(
                s,
                "You don't have any upcoming appointments. Would you like to book one?",
                "offer_book",
            )
        text = self.say.list_appointments(_pairs(appts))
        heard = s.heard
        named = (
            heard.when.day
            if heard is not None
            and heard.task == "list"
            and _HAVE_I_ANYTHING.search(heard.text.lower().replace("'", ""))
            else None
        )
        asked = named.exact if named is not None and not named.negated else None
        if asked is not None and asked >= s.today and not any(a.day == asked for a in appts):
            # "do I have anything December 3rd?": answered for that day first, and a booking
            # on it offered (what they most likely ring to know), not a change of the others
            s.request = Request(days=(asked,))
            day = say_date(asked)
            return self._reply(
                s,
                f"I don't see an appointment on {day}. {text} Would you like to book something "
                f"on {day}?",
                "offer_book",
            )
        follow = (
            "Would you like to change it?"
            if len(appts) == 1
            else "Would you like to change any of them?"
        )
        return self._reply(s, f"{text} {follow}", "offer_change")

    def _codes(self, s: DialogueState) -> Decision:
        appts = s.upcoming()
        if not appts:
            s.finish_task()
            return self._anything_else(
                s, "You don't have any upcoming appointments, so there's no code to give."
            )
        text = self._code_text(s)
        s.finish_task()
        return self._anything_else(s, text)

    def _code_text(self, s: DialogueState) -> str:
        target = s.target_appt()
        chosen = [target] if target is not None else s.upcoming()
        return self.say.codes([(a.day, a.start, a.code, a.spoken_code) for a in chosen])

    # --- doing it -------------------------------------------------------------------------------
    def _execute(self, s: DialogueState, tools: Collection[str] | None) -> Decision | None:
        p = s.accepted
        assert p is not None
        if p.more and p.day is not None and p.at is not None:
            there = s.holds(p.day, p.at)
            if there is not None and there.code == p.more[0].code:
                # "each a day later": the next one leaves the slot this one goes to, so it
                # moves first
                nxt = p.more[0]
                p = dataclasses.replace(nxt, more=(dataclasses.replace(p, more=()), *p.more[1:]))
                s.accepted = p
                s.task = "cancel" if p.action == "cancel" else "reschedule"
                s.target = p.code
        if p.action == "book" and p.day and p.at:
            if not _allowed("book_appointment", tools):
                return self._unavailable(s)
            return call("book_appointment", date=p.day.isoformat(), time=p.at.strftime("%H:%M"))
        if p.action == "reschedule" and p.day and p.at and p.code:
            if not _allowed("modify_appointment", tools):
                return self._unavailable(s)
            return call(
                "modify_appointment",
                appointment_id=p.code,
                new_date=p.day.isoformat(),
                new_time=p.at.strftime("%H:%M"),
            )
        if p.action == "cancel" and p.code:
            if not _allowed("cancel_appointment", tools):
                return self._unavailable(s)
            return call("cancel_appointment", appointment_id=p.code)
        return None

    def _unavailable(self, s: DialogueState) -> Decision:
        return self._anything_else(s, "Sorry, I can't do that right now.")


_PLAIN: dict[str, str] = {
    "datetime": "Please tell me a day, like Tuesday or {date}, and a time, like 2 PM.",
    "day": "Please tell me a day, like tomorrow, Friday or {date}.",
    "time": "Please tell me a time, like 10 AM or 2 PM.",
    "choose_time": "Please say one of the times I mentioned, like the first one, or 2 PM.",
    "confirm": "Please say yes to go ahead, or no to change it.",
    "which_appointment": "Please tell me the day of the appointment you mean, like Friday.",
    "change_or_cancel": "Please say move it, or cancel it.",
    "offer_book": "Please say yes or no.",
    "offer_change": "Please say yes or no.",
    "name": "Please say your first and last name.",
    "name_confirm": "Please say yes if I have your name right, or no if not.",
    "phone_confirm": "Please say yes if the number is right, or tell me the right number.",
    "phone_check": "Please say yes if those digits are right, or no if they're not.",
    "identity_confirm": "Please say yes or no.",
    "surname": "And what is your family name, your surname?",
    "rename": "Please tell me your name as it should be, or spell it letter by letter.",
    "rename_spell": "Please spell your name as it should be, one letter at a time.",
    "rename_confirm": "Please say yes to change your name to that, or no to leave it as it is.",
    "request": "You can book, check, move or cancel an appointment. Which would you like?",
    "anything_else": "Is there something else you need, or is that everything?",
}


def _plain(asked: Asked, today: date) -> str:
    """The plainer wording of a question asked again; a date given as an example is one still
    to come (the 3rd of next month), never a day already past."""
    example = (today.replace(day=1) + timedelta(days=32)).replace(day=3)
    return _PLAIN[asked].format(date=f"{example:%B} 3rd")


_YES_OR_NO: Final = "Please just say yes or no."
_NAMES_WHAT: Final = frozenset(
    {"confirm", "phone_confirm", "name_confirm", "phone_check", "rename_confirm"}
)
"""Questions whose yes agrees to what they name (a slot, a number, a name): asked again with
what they name, never as a bare "say yes or no"."""

_LOOKUP_DROPPED: Final = re.compile(
    r"\b(?:never ?mind|forget (?:it|that|about it)|doesn ?t matter|no matter|not to worry"
    r"|no worries)\b.{0,40}\b(?:something|anything|a slot|a time|an appointment|one)\b"
)
"""The look-up given up and a visit asked for in its place ("never mind then - something on
Friday morning, please"): none on file is no reason to drop it."""
_ABOUT_HELD: Final = frozenset({"cancel", "reschedule", "change", "code", "list"})
_ABOUT_APPOINTMENTS: Final = re.compile(r"\b(?:appointments?|appts?|bookings?)\b")
"""A request about appointments whose task was not understood: not off topic."""
"""Tasks about an appointment the caller already has (nothing to do on a number not on file)."""
_ASKING_FOR: Final = re.compile(
    r"\b(?:i'd|i would|id) (?:like|love)\b|\bi (?:want|wanted|wanna|need|needed)\b"
    r"|\bhoping\b|\b(?:looking|trying) to\b|\bwondering\b|\bcalling (?:to|about|for)\b"
    r"|\b(?:can|could|may) i\b|\b(?:soonest|earliest)\b"
)
"""A caller asking for something in their own words ("I'd like", "I need", "I was hoping",
"could I", "the soonest"): said by ear with no task read, a request half heard."""
_WHICH_TASK: Final = (
    "Sorry, I didn't catch all of that. Is that to book an appointment, or to change, "
    "check or cancel one?"
)
"""The short closed question for a request half heard: answerable in a word."""
_DIGIT_WORD: Final = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine)\b")


def _half_heard_request(heard: Understanding) -> bool:
    """Whether a line with no request in it still holds what callers say in one: a day, a date
    or a time, a phone number, or three digits or more in words ("lee six are all three one
    third ... zero one" for a name and a number)."""
    if heard.questions or heard.end:
        return False
    if heard.has_details:
        return True
    line = " ".join(t.text for t in heard.tokens)
    return len(_DIGIT_WORD.findall(line)) >= 3


def _calendar_answer(say: Phrasing, text: str, day: date | None, today: date) -> str:
    lowered = re.sub(r"[’']", "", text.lower())
    today_asked = acts.TODAY_Q.search(lowered) is not None or (
        day is None and "today" in re.findall(r"[a-z]+", lowered)
    )
    how_far = acts.HOW_FAR.search(lowered) is not None
    return say.date_told(day, today, today_asked=today_asked, how_far=how_far)


def _answer_order(question: str) -> tuple[bool, bool, bool, bool, str]:
    """An emergency first, then whose line this is, then a refusal to tell of other patients,
    then the hours."""
    return (
        question != "emergency",
        question != "place",
        question != "others_info",
        question != "hours",
        question,
    )


def _confirmed_again(question: str, last: str) -> str:
    """The question that names what a yes agrees to, asked again after the caller named that
    very thing ("nine" to "... Shall I book Monday at 9 AM?"): heard, so no "sorry", and
    still a question for a yes, in other words than the line just said."""
    sentences = re.split(r"(?<=[.!?])\s+", question.strip())
    ask = sentences[-1]
    if len(sentences) > 1 and not re.search(r"\d", ask):
        # "On Tuesday, December 8th I have 11 AM. Shall I book it?": the "it" said again with
        # the day and time it stands for, so the yes is to a named slot
        ask = " ".join(sentences[-2:])
    again = f"Just to confirm: {ask[:1].lower()}{ask[1:]}"
    return again if again != last else f"So, to be sure: {ask[:1].lower()}{ask[1:]}"


def _reworded(asked: Asked, question: str, last: str, today: date) -> str:
    """The question in other words than the line just said (never the same line twice)."""
    if asked in _NAMES_WHAT:
        again = f"Sorry, I didn't catch that. {_YES_OR_NO} {question}"
        return again if again != last else f"Sorry, I still didn't get that. {question}"
    plain = _plain(asked, today) if asked in _PLAIN else None
    if plain is not None and plain not in last:
        return f"Sorry, I didn't catch that. {plain}"
    still = f"Sorry, I still didn't get that. {question}"
    return still if still != last else f"Sorry, I didn't catch that. {question}"


def _name_in_booking(s: DialogueState) -> bool:
    """Whether a name heard by ear, for a new account, is read back in the booking question
    instead of in one of its own: the caller asked to book a day and time, so that question
    comes next anyway, and a yes to it names both. Not a spelled name (read back letter by
    letter), nor after anything but a yes to such a question. A number the caller did not say
    yes to (the name answered "if that number is right, may I have your name?" without one)
    is read back in it a second time, where the recogniser vouched for it (not one it
    doubted)."""
    ident = s.identity
    return (
        s.by_ear
        and s.task == "book"
        and ident.status == "name_required"
        and not ident.identified
        and ident.number is not None
        and ident.looked_up == ident.number
        and (
            ident.number_ok or (ident.number_told == ident.number and ident.doubted != ident.number)
        )
        and ident.name is not None
        and " " in ident.name.strip()
        and not ident.name_unclear
        and not ident.name_doubted
        and not ident.name_checked
        and not ident.name_spelled
        and not ident.name_booking_declined
        and bool(s.request.days)
    )


_NOT_AS_ASKED: Final = re.compile(r"\b(?:sorry|taken|closed|nothing|isn't|not free)\b", re.I)
"""A reply about a further change that says it is not quite as asked: its own question."""


def _said_in_full(s: DialogueState, name: str | None) -> bool:
    """Whether the caller said ``name`` (every word of it, in order, any case) in one turn."""
    words = _folded_words(name or "")
    if len(words) < 2:
        return False
    n = len(words)
    for line in s.said:
        said = _folded_words(line)
        if any(said[k : k + n] == words for k in range(len(said) - n + 1)):
            return True
    return False


def _folded_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z]+", plain)


def _iso_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _allowed(name: str, tools: Collection[str] | None) -> bool:
    return tools is None or name in tools


def _key(day: date) -> str:
    import json

    return json.dumps({"date": day.isoformat()}, sort_keys=True)


def _codes(appts: list) -> tuple[str, ...]:  # type: ignore[type-arg]
    return tuple(a.code for a in appts)


def _pairs(appts: list) -> list[tuple[date, time]]:  # type: ignore[type-arg]
    return [(a.day, a.start) for a in appts]


def _spread(times: list[time], count: int) -> list[time]:
    """Up to ``count`` of the free times, spread over the day (first and last included)."""
    if len(times) <= count:
        return list(times)
    if count <= 1:
        return list(times[:1])  # one a day over three days or more: each day's first
    step = (len(times) - 1) / (count - 1)
    picked = sorted({times[round(i * step)] for i in range(count)})
    return picked


_MORE_THAN_ONE: Final = re.compile(
    r"\b(?:another|new|second|extra|additional|also|as well|too|both|else|other|instead)\b"
    r"|\bone more\b|\bfor my\b"
)
"""Words that ask for a booking besides the one made ("and another Wednesday morning")."""


_HAVE_I_ANYTHING: Final = re.compile(
    r"\b(?:do i have|have i got|have i|do i|am i|is there)\b[^.?!]{0,30}"
    r"\b(?:anything|something|an appointment|appointments?|one|booked|down|in)\b"
)
"""Whether the caller holds something on a day, asked ("do I have anything December 3rd?",
"am I booked in for Thursday?"), not told ("I booked for Thursday, now the text says
Tuesday": the day they thought, and a change of the one held is asked)."""


def _just_booked(
    s: DialogueState, days: list[date], fits: Callable[[DialogueState, date, time], bool]
) -> Appt | None:
    """The booking made last in this call, when the caller names its day and part of the day
    again without asking for another: what they were given, said back."""
    if not s.done or s.done[-1][0] != "booked" or s.heard is None:
        return None
    appt = s.done[-1][1]
    if not appt.active or appt.day not in days or not fits(s, appt.day, appt.start):
        return None
    said = s.heard.text.lower()
    # ("one for me, any morning that week" while one for his wife is made: the caller's own)
    return None if _MORE_THAN_ONE.search(said) or acts.SELF_TOO.search(said) else appt
