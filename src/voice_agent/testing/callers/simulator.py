"""Simulated callers: a goal-driven one (agenda-based user simulation) and a fixed script.

Both answer one agent reply at a time (``respond``) and keep a ``CallerLog`` of what they
heard and agreed to, which the checks use: a change in the database counts as confirmed only
if the caller said yes to a proposal of exactly that change.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Final, Protocol

from voice_agent.domain.spoken_numbers import ORDINALS, TENS
from voice_agent.testing.callers.goals import Goal, Question, Style
from voice_agent.testing.callers.phrases import (
    Phrases,
    Split,
    day_phrases,
    phone_pieces,
    say_phone,
    time_phrases,
)
from voice_agent.testing.callers.reading import (
    AFFIRM,
    HELD_CUE,
    NAME_READBACK,
    SPELL_CUE,
    Proposal,
    Reading,
    SlotMention,
    _clinic_hour,
    _hour_value,
    is_affirmative,
    mentions,
    phone_numbers,
    read_reply,
    sentences,
)
from voice_agent.testing.callers.world import World

MAX_TURNS = 14
_PROPER = {
    *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December", "Blue"),
}
_GOODBYE = re.compile(
    r"\b(bye|goodbye|that'?s all|that'?s it|that'?s everything|take care|cya|ttyl|gtg"
    r"|that'?ll be all|that will be all|that'?s the lot"
    # the British "that's me done", "that's me sorted", "that's us finished"
    r"|that'?s (?:me|us) (?:done|sorted|finished)"
    # the world's goodbyes: "see ya", "ta-ra", "hooroo", "ka kite"
    r"|see ya|see yas|ta[- ]?ra|hooroo|ka kite|laters"
    r"|i'?ll (?:call|ring|phone) (?:you )?(?:back|again)"
    r"|(?:and|then) (?:call|ring|phone) (?:you )?back)\b"
    # the caller rang the wrong place and goes: "Then I've got the wrong place. Sorry to
    # bother you."
    r"|\bsorry to (?:bother|trouble) you\W*$"
    # a goodbye in the caller's first language: "Adiós", "Tschüss", "Au revoir", "Tchau"
    r"|\b(?:adi[oó]s|au revoir|tsch[uü]ss|ciao|tchau|chau|arrivederci|sayonara|do svidaniya"
    r"|hasta luego|auf wiedersehen|ma ?a? ?salama|do widzenia|adeus)\b"
    r"|\b(?:got|have|dialled|dialed|rang|called) the wrong (?:number|place)\b"
    # a line that is only a thank-you ("thanks", "ok cool thanks", "k thx", "thank u!!")
    r"|^\W*(?:(?:ok|okay|k|cool|great|alright|got it|perfect|lovely|brilliant|wonderful|no|nope"
    r"|nah)\W+)*"
    r"(?:thanks|thank you|thank u|thx|ty|ta|cheers|gracias|merci|danke|obrigad[oa]|spasibo"
    r"|shukran|arigato|dziekuje|grazie|mahalo)"
    r"(?:\W+(?:so much|a lot|again|very much|ever so much))?\W*$",
    re.I,
)


@dataclass(frozen=True)
class Confirmation:
    turn: int  # index of the caller line that said yes
    proposal: Proposal


@dataclass
class CallerLog:
    lines: list[str] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)  # of the reply each line answers
    proposals: list[tuple[int, Proposal]] = field(default_factory=list)
    confirmations: list[Confirmation] = field(default_factory=list)
    questions: list[tuple[int, Question]] = field(default_factory=list)
    goodbye_turn: int | None = None
    corrected_at: int | None = None  # the caller line that took something back
    phone_repeats: int = 0  # times the caller had to say a number it had already given
    gave_up: str | None = None  # why the caller gave up, when they did

    @property
    def said_goodbye(self) -> bool:
        return self.goodbye_turn is not None


class Caller(Protocol):
    log: CallerLog

    def respond(self, agent_text: str) -> str | None:
        """The caller's next line after hearing ``agent_text``; None hangs up."""
        ...


class SimulatedCaller:
    """Pursues ``goal`` in ``style``, answering whatever the agent asks."""

    def __init__(
        self, world: World, goal: Goal, style: Style, *, seed: int, split: Split = "dev"
    ) -> None:
        self.world = world
        self.goal = goal
        self.style = style
        self.rng = random.Random(seed)
        self.split = split
        self.ph = Phrases(self.rng, split)
        self.log = CallerLog()
        self.today = world.today
        tasks = [goal.task] if goal.task != "none" else []
        self._agenda: list[Question | str] = [*goal.questions, *tasks]
        self._asked_current = False
        self._context_day: date | None = None
        self._pending: list[str] = []
        self._awaiting: Proposal | None = None
        self._wrong_phone_given = False
        self._split_given = False
        self._first_ask_used = False
        self._name_given = False
        self._declines = 0
        self._misunderstood = 0
        self._finished = False
        self._bye_said = False
        self._correcting = False  # the line being said carries an inline correction
        self._phone_complete = False
        self._heard: dict[str, int] = {}
        self._proper = {*world.caller.name.split(), *_PROPER}

    # --- the agenda --------------------------------------------------------------------------
    @property
    def _current(self) -> Question | str | None:
        return self._agenda[0] if self._agenda else None

    def _pop(self) -> None:
        if self._agenda:
            self._agenda.pop(0)
        self._asked_current = False

    @property
    def _holdings(self) -> list[tuple[date, time]]:
        return [(h.day, h.start) for h in self.world.caller.holdings]

    @property
    def _target(self) -> tuple[date, time] | None:
        if self.goal.target is None:
            return None
        h = self.world.caller.holdings[self.goal.target]
        return h.day, h.start

    # --- one turn ----------------------------------------------------------------------------
    def respond(self, agent_text: str) -> str | None:
        if self._finished:
            return None
        reading = read_reply(agent_text, self.today, self._context_day)
        days = [m.day for m in reading.mentions if m.day is not None]
        if days:
            self._context_day = days[-1]
        self._update(reading)
        line = self._decide(reading)
        if line is None:
            self._finished = True
            return None
        if self._correcting or line in self.goal.corrections:
            self.log.corrected_at = len(self.log.lines)
            self._correcting = False
        line = self._hesitate(line)
        self.log.readings.append(reading)
        self.log.lines.append(line)
        if reading.proposal is not None:
            self.log.proposals.append((len(self.log.lines) - 1, reading.proposal))
        return line

    def _say_bye(self, key: str, reason: str | None = None) -> str:
        self.log.goodbye_turn = len(self.log.lines)
        if reason is not None:
            self.log.gave_up = reason
        self._agenda.clear()
        line = self.ph.pick(key)
        self._pending.clear()
        self._bye_said = True
        return line

    def _update(self, r: Reading) -> None:
        """What the last reply tells about the agenda: done, failed, answered."""
        current = self._current
        if (
            self._awaiting is not None
            and not r.success
            and (r.asks_phone or r.asks_name or r.phone_readback is not None)
        ):
            return  # "yes" said before the account was found: the agent asks for it first
        if self._awaiting is not None:
            failed = r.failure and not r.success
            self._awaiting = None
            task = self.goal.task
            if not failed and task in self._agenda:
                self._agenda.remove(task)
                self._asked_current = bool(self._agenda) and isinstance(current, Question)
            return
        if current is None or not self._asked_current:
            return
        identifying = r.asks_phone or r.asks_name or r.phone_readback is not None
        held = self.goal.holds_already
        if current == "book" and held is not None:
            if HELD_CUE.search(r.text) and any(m.slot == held for m in r.mentions):
                self._pop()
        elif isinstance(current, Question):
            if not identifying and not r.not_understood:
                self._pop()
        elif current == "check":
            mine = set(self._holdings)
            if any(m.slot in mine for m in r.mentions):
                self._pop()
        elif current == "code":
            if r.codes:
                self._pop()
        elif current == "availability" and (
            r.choices or any(m.slot in self.goal.accept for m in r.mentions)
        ):
            self._pop()

    def _decide(self, r: Reading) -> str | None:
        if self._bye_said:
            return None
        turn = len(self.log.lines)
        if turn >= MAX_TURNS:
            return self._say_bye("bye_give_up", f"no progress after {MAX_TURNS} turns")
        self._heard[r.text] = self._heard.get(r.text, 0) + 1
        if self._heard[r.text] >= 3:
            return self._say_bye("bye_give_up", "the agent repeated itself three times")
        if self._misunderstood >= 4:
            return self._say_bye("bye_give_up", "the agent kept not understanding")
        if self.goal.hang_up_after is not None and turn >= self.goal.hang_up_after:
            return self._say_bye("bye_midflow")
        if self._pending:
            return self._pending.pop(0)
        if self._declines and (r.anything_else or r.open_question):
            return self._say_bye("bye_decline")
        if turn == 0:
            return self._opening()
        if r.phone_readback is not None:
            return self._on_readback(r.phone_readback)
        if r.name_readback is not None:  # a person knows their own name
            same = _letters(r.name_readback) == _letters(self.world.caller.name)
            return "Yes, that's right." if same else "No, that's not right."
        if _wrong_name_in_booking(r.text, self.world.caller.name):
            return "No, that's not my name."
        if r.asks_spelling:
            return spelled_name(self.world.caller.name)
        if self._current is None:
            if self.goal.task in ("availability", "none"):
                return self._say_bye("bye_info")
            return self._say_bye("bye_done")
        if r.asks_phone and r.asks_name:
            self._name_given = True
            if self._phone_complete:
                self.log.phone_repeats += 1
            self._phone_complete = True
            return self.ph.pick("give_both", name=self.world.caller.name, phone=self._phone_text())
        if r.asks_phone:
            return self._give_phone()
        if r.asks_name:
            return self._give_name()
        if r.which and self.goal.task in ("reschedule", "cancel", "code", "check"):
            return self._ref_line()
        if r.proposal is not None:
            return self._on_proposal(r.proposal)
        if r.choices:
            return self._on_choices(r.choices)
        if r.which:
            return self._ref_line()
        if r.asks_when:
            return self._on_asks_when()
        if r.open_question or r.anything_else:
            return self._intent()
        if r.yes_no:
            return self._on_other_yes_no(r)
        self._misunderstood += 1
        if r.not_understood or self._asked_current:
            return self.ph.pick("restate", x=self._intent(bare=True))
        return self._intent()

    # --- what to say --------------------------------------------------------------------------
    def _hesitate(self, line: str) -> str:
        if self.style.hesitant and self.rng.random() < self.style.hesitant:
            first = re.split(r"[\s,.']", line, maxsplit=1)[0]
            keep = first == "I" or first in self._proper  # "I said", "Robert Brown", "Friday"
            head = line if keep else line[0].lower() + line[1:]
            return f"{self.ph.pick('filler')}, {head}"
        return line

    def _opening(self) -> str:
        hello = self.ph.pick("hello")
        person = self.world.caller
        if self.style.id_first:
            self._phone_complete = True
            return self.ph.pick("id_first", name=person.name, phone=self._phone_text())
        if self.style.upfront:
            self._name_given = True
            self._phone_complete = True
            ident = self.ph.pick("give_both", name=person.name, phone=self._phone_text())
            return f"{hello}, {ident}. {self._intent(with_details=True)}"
        current = self._current
        if isinstance(current, Question):
            self._asked_current = True
            self.log.questions.append((0, current))
            return self.ph.pick("open_question", q=self.ph.choice(current.lines))
        return f"{hello}, {self._intent()}"

    def _intent(self, *, with_details: bool | None = None, bare: bool = False) -> str:
        """Say what the caller wants next (the head of the agenda)."""
        current = self._current
        if current is None:
            return self.ph.pick("bye_done")
        if isinstance(current, Question):
            self._asked_current = True
            self.log.questions.append((len(self.log.lines), current))
            return self.ph.choice(current.lines)
        if with_details is None:
            chance = {"terse": 0.2, "plain": 0.5, "chatty": 0.7}[self.style.verbosity]
            with_details = self.rng.random() < chance
        first = not self._asked_current
        self._asked_current = True
        task = current
        if task == "book":
            if self.goal.holds_already is not None:
                return self.ph.pick("already_ask", when=self._when())
            key = (
                "intent_book_chatty"
                if self.style.verbosity == "chatty" and first
                else "intent_book"
            )
            text = self.ph.pick(key)
            if self.goal.notes == "availability_first" and first:
                return self.ph.pick("intent_availability", when=self._when())
            if with_details and not bare:
                text += f", {self._when()}"
            return text
        if task == "availability":
            return self.ph.pick("intent_availability", when=self._when())
        if task in ("reschedule", "cancel", "code"):
            text = self.ph.pick(f"intent_{task}")
            if self.goal.target_refs and (with_details or self.rng.random() < 0.5):
                text += f", {self.ph.choice(self.goal.target_refs)}"
            if task == "reschedule" and with_details and self.goal.ask:
                text += f", {self._when()}"
            return text
        if task == "check":
            return self.ph.pick("intent_check")
        return self.ph.pick("intent_book")

    def _when(self) -> str:
        """How the caller says when they want to come (the first time possibly corrected)."""
        if self.goal.first_ask is not None and not self._first_ask_used:
            self._first_ask_used = True
            if self.goal.corrections:
                self._pending.append(self.ph.choice(self.goal.corrections))
            elif self.goal.taken_back:
                self._correcting = True
            return self.goal.first_ask
        if not self.goal.ask:
            return "whenever you have something"
        return self.ph.choice(self.goal.ask)

    def _phone_text(self, digits: str | None = None) -> str:
        return say_phone(digits or self.world.caller.phone, self.style.phone_format, self.rng)

    def _give_phone(self) -> str:
        if self._phone_complete:
            self.log.phone_repeats += 1
        self._phone_complete = True
        person = self.world.caller
        if self.goal.wrong_phone is not None and not self._wrong_phone_given:
            self._wrong_phone_given = True
            self._pending.append(self.ph.pick("phone_fix", phone=self._phone_text()))
            return self.ph.pick("give_phone", phone=self._phone_text(self.goal.wrong_phone))
        if self.style.phone_split != "none" and not self._split_given:
            self._split_given = True
            first, second = phone_pieces(
                person.phone, self.style.phone_split, self.style.phone_format, self.rng
            )
            self._pending.append(self.ph.pick("phone_second_piece", piece=second))
            return self.ph.pick("phone_first_piece", piece=first)
        return self.ph.pick("give_phone", phone=self._phone_text())

    def _give_name(self) -> str:
        self._name_given = True
        name = self.world.caller.name
        return self.ph.pick("give_name", name=name, first=name.split()[0])

    def _on_readback(self, digits: str) -> str:
        mine = self.world.caller.phone
        if digits in (mine, "1" + mine):
            return self.ph.pick("yes_right")
        self.log.phone_repeats += 1
        return f"{self.ph.pick('no_wrong')}, it's {self._phone_text()}"

    def _ref_line(self) -> str:
        if self.goal.target_refs:
            return self.ph.pick("which_ref", ref=self.ph.choice(self.goal.target_refs))
        return self._intent(bare=True)

    def _on_asks_when(self) -> str:
        task = self.goal.task
        if task in ("cancel", "code", "check") and self.goal.target_refs:
            return self._ref_line()
        if self.goal.declines_all and self._declines >= 3:
            return self._say_bye("bye_decline")
        if task == "reschedule":
            return self.ph.pick("request_move", when=self._when())
        return self.ph.pick("request_when", when=self._when())

    def _on_other_yes_no(self, r: Reading) -> str:
        """A yes/no question that is not about a specific change."""
        text = r.questions[-1].lower() if r.questions else ""
        task = self.goal.task
        cues = {
            "book": ("book", "schedul", "appointment", "new"),
            "availability": ("book", "schedul", "available", "look"),
            "reschedule": ("move", "reschedul", "change"),
            "cancel": ("cancel",),
            "check": ("appointment", "look", "check"),
            "code": ("code", "appointment", "look"),
        }.get(task, ())
        if any(c in text for c in cues):
            if task in ("book", "reschedule", "availability") and self.goal.ask:
                return f"{self.ph.pick('yes')}, {self._when()}"
            if task in ("cancel", "code") and self.goal.target_refs:
                return f"{self.ph.pick('yes')}, {self.ph.choice(self.goal.target_refs)}"
            return self.ph.pick("yes")
        return f"{self.ph.pick('no')}, {self._intent(bare=True)}"

    # --- proposals and choices ----------------------------------------------------------------
    def acceptable(self, proposal: Proposal) -> bool:
        """Whether this caller would say yes to ``proposal``."""
        task = self.goal.task
        if self.goal.declines_all:
            return False
        slot = proposal.slot
        if task == "book":
            wanted = slot in self.goal.accept or slot == self.goal.wanted
            return proposal.kind in ("book", "unknown") and wanted
        if task == "reschedule":
            if proposal.kind == "cancel" or slot not in self.goal.accept:
                return False
            return proposal.previous is None or proposal.previous == self._target
        if task == "cancel":
            return proposal.kind == "cancel" and self._names_target(proposal)
        return False

    def _names_target(self, proposal: Proposal) -> bool:
        target = self._target
        if target is None:
            return False
        said = False
        if proposal.day is not None:
            if proposal.day != target[0]:
                return False
            said = True
        if proposal.start is not None:
            if proposal.start != target[1]:
                return False
            said = True
        return said

    def _on_proposal(self, proposal: Proposal) -> str:
        if self.acceptable(proposal):
            self._awaiting = proposal
            self.log.confirmations.append(Confirmation(len(self.log.lines), proposal))
            return self.ph.pick("yes")
        task = self.goal.task
        if self.goal.declines_all:
            self._declines += 1
            if self._declines >= 3:
                return self._say_bye("bye_decline")
            return self.ph.pick("no")
        if task == "cancel" and proposal.kind == "cancel":
            return f"{self.ph.pick('no')}, {self._ref_line()}"
        if task == "reschedule" and self.goal.ask:
            return self.ph.pick("reject_move", when=self.ph.choice(self.goal.ask))
        if task == "book" and self.goal.ask:
            return self.ph.pick("reject_restate", when=self.ph.choice(self.goal.ask))
        if task in ("cancel", "check", "code") or proposal.kind in ("move", "cancel"):
            return f"{self.ph.pick('no_keep')}. {self._intent(bare=True)}"
        return f"{self.ph.pick('no')}, {self._intent(bare=True)}"

    def _on_choices(self, choices: tuple[SlotMention, ...]) -> str:
        slots = [(m.day or self._context_day, m.start) for m in choices]
        held = set(self._holdings)
        if held and all(s in held for s in slots) and self.goal.task != "book":
            return self._ref_line()
        if self.goal.declines_all:
            self._declines += 1
            if self._declines >= 3:
                return self._say_bye("bye_decline")
            return self.ph.pick("no")
        if self.goal.task in ("check", "code", "cancel"):
            return self._ref_line()
        good = [s for s in slots if s in self.goal.accept]
        if not good:
            if self.goal.task == "reschedule" and self.goal.ask:
                return self.ph.pick("reject_move", when=self.ph.choice(self.goal.ask))
            if self.goal.ask:
                return self.ph.pick("reject_restate", when=self.ph.choice(self.goal.ask))
            return self.ph.pick("no")
        pick = good[0] if self.style.picks == "first" else good[-1]
        day, start = pick
        assert start is not None
        said = self.ph.choice(time_phrases(start, self.split, bare=True))
        several_days = len({s[0] for s in slots}) > 1
        if several_days and day is not None:
            said = f"{self.ph.choice(day_phrases(day, self.today, self.split))} at {said}"
        return self.ph.pick("pick_time", time=said)


_KEEPS_ONE = re.compile(
    r"\b(?:keep|keeping|leave|leaving|except(?: for)?)\s+(?:the\s+|my\s+)?[\w']+(?:\s+one)?"
    # "yes please cancel it the monday one stays": the other one, kept
    r"|\b(?:the|my)\s+[\w']+(?:\s+one)?\s+(?:stays|can stay|is staying|remains|is fine)\b",
    re.I,
)


_WHAT_IS_LEFT = re.compile(r"\b(?:that|which) leaves (?:me|us)(?: with)?\b[^.!?]*", re.I)
_FURTHER_ASK = re.compile(
    r"(?<=[.!;])\s+(?:(?:oh|and|also|so|then)\W+)*(?:while (?:i'?ve|i have|i) got you\W+)?"
    r"(?:can|could|would) (?:you|i|we)\b.*$",
    re.I | re.S,
)
"""A further ask begun in a sentence of its own after the answer ("Yes, cancel that. Oh, and
while I've got you, can you book my son in on the 21st?"): its day is the next thing's."""
_ANOTHER_AS_WELL = re.compile(
    r"(?<=[.!;])\s+(?:(?:oh|and|also|so|then|actually)\W+)*(?:the|my|his|her) [\w']+"
    r"(?: one| appointment)? (?:as well|too)\b.*$"
    # "Yes. And while I'm on - can the one on the 22nd go to the 23rd?"
    r"|(?<=[.!;])\s+(?:(?:oh|and|also|so)\W+)*while (?:i'?m on|i am on|i'?ve got you|i have you)"
    r"\b(?!.*\b(?:instead|rather)\b).*$",
    re.I | re.S,
)
"""A further change begun in a sentence of its own after the yes ("Yes. Oh, and actually the
Thursday one as well, can that go to Friday?", "Yes. And while I'm on, can the 22nd go to the
23rd?"): about another appointment, so its words ("actually", its day) neither take the yes
back nor name another slot for this one."""


_BOOKED_IN_ITS_PLACE = re.compile(
    r"(?<=[.!;])\s+(?:(?:oh|and|so|then)\W+)*"
    r"(?:(?:could|can|may|would) (?:i|you|we) (?:have|get|book|give|put|fit|squeeze)"
    r"|(?:book|put|get|squeeze|fit) me)\b.*$",
    re.I | re.S,
)
"""A booking asked for in a sentence of its own after the yes to a cancel ("Yes, get rid of it.
And then could I have something the Tuesday after instead?"): a further request, its day no
other slot for the cancel, its "instead" no taking back of the yes."""


_MONTH_NAMED: Final = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b",
    re.I,
)
"""A month named: the day of the month said beside it is that month's."""


def _names_other_slot(line: str, proposal: Proposal, today: date) -> bool:
    """ "Okay, the fifteenth at two, got it" to "shall I move it to Monday the 7th at 9?": an
    "okay" about another day or time (here the appointment as it stands) is no yes to this."""
    # "yes - keep Monday, cancel the other two": the day kept is not the change's
    line = _KEEPS_ONE.sub(" ", line)
    # "Yes. So that leaves me the 16th and the 30th?": what is left once it is done, summed up
    line = _WHAT_IS_LEFT.sub(" ", line)
    line = _FURTHER_ASK.sub(" ", line)
    said = mentions(line, today, proposal.day)
    allowed_days = {proposal.day}
    allowed_times = {proposal.start}
    if proposal.previous is not None and any(m.day == proposal.day for m in said):
        # "yes, from the 15th to the 7th": the appointment moved, named beside its new day
        allowed_days.add(proposal.previous[0])
        allowed_times.add(proposal.previous[1])
    for further in proposal.more:
        # "move A to B and cancel C?" - "yes, C - cancel it, and move the other": C is named too
        allowed_days |= {further.day, *(s[0] for s in further.also)}
        allowed_times |= {further.start, *(s[1] for s in further.also)}
    allowed_days |= {s[0] for s in proposal.also}
    allowed_times |= {s[1] for s in proposal.also}
    weekdays = {d.weekday() for d in allowed_days if d is not None}
    month_days = set() if _MONTH_NAMED.search(line) else {d.day for d in allowed_days if d}
    for m in said:
        if m.weekday_said and not m.date_said and m.day is not None and m.day.weekday() in weekdays:
            continue  # "Thursday, yes": the weekday proposed (read as the next one from today)
        if m.date_said and not m.weekday_said and m.day is not None and m.day.day in month_days:
            continue  # "yes, book the 4th" to Monday, January 4th: that 4th (no month said)
        if m.day is not None and proposal.day is not None and m.day not in allowed_days:
            return True
        if m.start is not None and proposal.start is not None and m.start not in allowed_times:
            return True
    return False


_TAKES_BACK = re.compile(r"\b(no|nope|don't|rather|instead|wait|actually)\b", re.I)
"""Words that take a yes back or change it: no restatement or yes stands with them."""


def _yes_to_it_not_another(line: str, proposal: Proposal, today: date) -> bool:
    """ "yeah as long as that's tomorrow, not next week" to "shall I book tomorrow at 10?": a
    yes whose only "not" sets the proposed day against another is a yes to the proposed day
    ("as long as it's not Monday" names no day before its "not", and stays no yes)."""
    lead, sep, _ = line.lower().partition(" not ")
    if not sep or " not " in line.lower()[len(lead) + 5 :] or not AFFIRM.match(lead):
        return False
    if _TAKES_BACK.search(lead):
        return False
    said = mentions(lead, today, proposal.day)
    return any(m.day == proposal.day for m in said) and all(
        m.day in (None, proposal.day) for m in said
    )


_ORDERS_IT = re.compile(
    r"\b(?:ok(?:ay)?|alright|all right|right|fine|yes|yeah|yep)(?: then)?\W+(?:just\s+)?"
    r"(?P<verb>cancel|move|book)\s+(?:it|that(?: one)?)"
    r"(?:\s+(?:then|please|altogether|for me))*\W*$",
    re.I,
)
_VERB_KIND: Final = {"cancel": "cancel", "move": "move", "book": "book"}


def _ordered_after_all(line: str, proposal: Proposal) -> bool:
    """ "oh thats a shame ok then just cancel it" to "shall I cancel Friday's?" (after what was
    wanted first could not be had), "only the one, my husband must have cancelled the other
    then yes cancel that one": the change proposed, ordered in its own verb at the end of the
    line, is a yes to it; nothing may be taken back before it."""
    m = _ORDERS_IT.search(line)
    if m is None or _TAKES_BACK.search(line[: m.start()]):
        return False
    return _VERB_KIND[m.group("verb").lower()] == proposal.kind


_STORY_AFTER = re.compile(
    r"(?:[.;!]\s+|\s+-+\s+|\s+\u2013\s+)"
    r"|\s(?=(?:because|cause|cos|coz|that way|that'?s when|that'?s after|that'?s before"
    r"|i was going to say|i was gonna say)\b)",
    re.I,
)
_STORY_CHANGES = re.compile(
    r"\?|^\W*(?:(?:oh|ah|um|uh|er|erm|well|hmm)\W+)*(?:no|nope|not|wait|hang on|hold on|actually no"
    r"|sorry|kidding|just kidding)\b|\bsorry\W+(?:i|its|it s|it's|no|not|make|the)\b"
    r"|\b(?:as if|joking|kidding|in your dreams|skip|forget|hold off|put off)\b"
    r"|\b(?:instead|rather|prefer|would be better|'?d be better|make it|change it to|can it be"
    r"|could it be|can we do|could we do|how about|what about|can you do|could you do)\b",
    re.I,
)


_STORY_TAKES_BACK = re.compile(
    r"\b(?:wait|hang on|hold on|after all|second thoughts?|thinking about it|come to think"
    r"|my mind|suits? (?:me|us) more|not (?:that|this|the) one"
    r"|the other one|i meant|never ?mind|leave it"
    r"|forget it|don'?t bother"
    # "Okay, thanks. I'll ring back when I know": put off, not agreed
    r"|(?:ring|call|phone) (?:you )?back (?:when|once|later|tomorrow)"
    r"|won'?t book(?! (?:another|a new|again|anything else|a second)\b))\b"
    r"|\b(?:(?:mon|tues|wednes|thurs|fri)day|noon|morning|afternoon|o'?clock|am|pm|\d+(?:st|nd"
    r"|rd|th)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:is|would be"
    r"|'?d be|would suit (?:me|us)|suits (?:me|us)|works) better\b",
    re.I,
)
_STORY_REFUSES = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|won'?t be able to|unable to|not able to|not going to)"
    r"(?: (?:really|actually|now|then))? (?:do|make|manage|come|get|be there)\b"
    r"|\bno good\b|\b(?:doesn'?t|does not|won'?t|wouldn'?t) (?:work|suit)\b",
    re.I,
)


def _refused_in_story(tail: str, proposal: Proposal, today: date) -> bool:
    """ "Yes. Hmm, I can't do ten after all" to "shall I book Monday at 10?": the story refuses
    the very hour (or day) proposed, so the yes before it does not stand."""
    if not _STORY_REFUSES.search(tail) or re.search(r"\banyway\b", tail, re.I):
        return False
    said = mentions(tail, today, proposal.day)
    return any(
        (m.start is not None and m.start == proposal.start)
        or (m.day is not None and m.day == proposal.day and not m.weekday_said)
        for m in said
    )


def _yes_before_story(line: str, proposal: Proposal, today: date) -> bool:
    """ "Yes, cancel it. Oh, and like I was saying about my sister - I don't know how long
    I'll be up there" to "shall I cancel Tuesday's?": a yes in its own first sentence (or
    before a dash or a "because"), the story after it asking for nothing else, is a yes to
    what was proposed, whatever days, hours and noes the story holds."""
    cut = _STORY_AFTER.search(line)
    if cut is None or cut.start() == 0:
        return False
    head, tail = line[: cut.start()], line[cut.end() :]
    head = re.sub(r"\W+actually\W*$", "", head, flags=re.I)  # "yeah that's great actually"
    if not tail.strip() or _STORY_CHANGES.search(tail) or _STORY_TAKES_BACK.search(tail):
        return False
    if _refused_in_story(tail, proposal, today):
        return False
    return is_affirmative(head) and not _names_other_slot(head, proposal, today)


_LAST_YES = re.compile(r"\b(?:yes|yeah|yep)\b(?!.*\b(?:yes|yeah|yep)\b)", re.I)


def _closing_yes(line: str, proposal: Proposal, today: date) -> bool:
    """ "hang on what no i said the twenty second not the twenty third sorry my wife is
    talking to me yes the twenty second" to "shall I move it to Tuesday the 22nd?": a line
    that ends on a yes saying the proposed day or time back, after words to someone else or a
    slip put right, is a yes to it (a recogniser's line has no full stops to end the aside);
    nothing may be taken back or named other than the slot proposed after that yes."""
    last = _LAST_YES.search(line)
    if last is None or last.start() == 0:
        return False
    tail = line[last.start() :]
    if _TAKES_BACK.search(tail) or re.search(r"\b(?:not|but|if)\b", tail, re.I):
        return False
    said = mentions(tail, today, proposal.day)
    if not said:
        # "yes the twenty second": the proposed day's date said as a recogniser writes it
        return proposal.day is not None and _spoken_date(tail) == proposal.day.day
    return all(
        (m.day is None or m.day == proposal.day)
        and (m.start is None or m.start == proposal.start)
        and (m.day is not None or m.start is not None)
        for m in said
    )


def _spoken_date(text: str) -> int | None:
    """The day of the month said in words ("the twenty second", "the ninth"), if one is."""
    words = re.findall(r"[a-z]+", text.lower())
    for k, word in enumerate(words):
        if word in ORDINALS:
            tens = TENS.get(words[k - 1], 0) if k > 0 else 0
            return tens + ORDINALS[word]
    return None


_THE_DAY_ONE = re.compile(
    r"^\W*(?:(?:right|ok|okay|oh|so|yes|yeah)\W+)*the (monday|tuesday|wednesday|thursday|friday)"
    r"(?: one)?(?: then)?(?: please)?\W*$",
    re.I,
)
"""The day of the one slot proposed, chosen by name ("Right, the Friday one then please" to "On
Friday I have noon. Shall I book it?")."""


def _restates(line: str, proposal: Proposal, today: date) -> bool:
    """ "Oh, okay. Monday at ten then" to "shall I book Monday at 10 AM?": the proposed day
    and time said back without taking anything back is a yes; so is one after the caller's own
    aside question ("Oh, you're closed on Saturday? Monday at ten then."), one with a reason
    said after it that names no other slot ("Monday at nine, then. I'd rather be in and out
    first thing."), and the proposed day chosen by name ("the Friday one then please")."""
    _, asked, after = line.rpartition("?")
    if asked and after.strip():
        line = after
    day = _THE_DAY_ONE.match(line)
    if day is not None and proposal.day is not None and proposal.start is not None:
        return day.group(1).lower() == proposal.day.strftime("%A").lower()
    first, dot, rest = line.partition(". ")
    if (
        dot
        and rest.strip()
        and not re.search(r"\b(?:not|no|nope|instead|wait|actually|but|sorry)\b", rest, re.I)
        and not any(
            (m.day is not None and m.day != proposal.day)
            or (m.start is not None and m.start != proposal.start)
            for m in mentions(rest, today, proposal.day)
        )
        and _restates(first, proposal, today)
    ):
        return True
    if re.search(r"\bnot\b", line, re.I) or _TAKES_BACK.search(line):
        return False
    said = mentions(line, today, proposal.day)
    if any(
        m.start is not None
        and m.start == proposal.start
        and (m.day is None or m.day == proposal.day)
        for m in said
    ):
        return True
    if proposal.start is None or any(m.day not in (None, proposal.day) for m in said):
        return False
    hour = proposal.start.hour % 12 or 12
    words = [
        "twelve",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ]
    # "at ten", and typed "friday 11 then" (the hour right after the day); a lookahead, so
    # "monday at eleven" yields both "at" and "eleven"
    spoken = re.findall(
        r"(?=\b(?:at|for|around|monday|tuesday|wednesday|thursday|friday|mon|tues?|wed|thu|"
        r"thurs|fri)\s+(\d{1,2}|[a-z]+)\b)",
        line.lower(),
    )
    # "ten would do, yeah", "10's fine": the hour said first, with words that take it
    spoken += re.findall(
        r"^\W*(?:(?:ok|okay|right|yeah|yes|oh)\W+)*(\d{1,2}|[a-z]+)(?:'s|s)?\W+(?:would do|will do"
        r"|works|is fine|fine|is good|good|suits|sounds good|is great|then|please)\b",
        line.lower(),
    )
    return any(x == str(hour) or (x in words and words.index(x) % 12 == hour % 12) for x in spoken)


_SIGN_OFF = re.compile(
    r"\b(?:thanks?|thank you|thank u|thx|ty|tysm|cheers|ta|ta-?ra|cheerio|much obliged"
    r"|(?:call|ring|phone) you back)\b"
    # "ok sorry wrong number", "oh my god sorry, wrong number": the caller dialled wrong and goes
    r"|\bsorry\b.*\bwrong number\b|\bwrong number\b.*\bsorry\b",
    re.I,
)
"""A script's last line that signs off without a "bye" ("Thanks.", "Brilliant, cheers",
"No, only this. Thank you.", a texted "nope thx", "ok sorry wrong number"): the caller's goodbye
all the same, unless it goes on to ask or say more ("thanks, and what time do you close",
"thanks but one more thing")."""
_MORE_AFTER_THANKS = re.compile(
    r"\?|\b(?:what|when|where|how|why|can|could|one more|another|also|but)\b", re.I
)


_LEFT_THERE = re.compile(
    r"\b(?:i'?ll|i will|we'?ll) (?:leave it|give it a miss|leave it there|leave it for now)\b"
    r".*\b(?:thanks?|thank you|cheers|ta) (?:anyway|all the same|for trying|for your help)\b",
    re.I,
)
"""A line that gives the call up with a thank-you ("I'll leave it, thanks anyway"), on any
turn: the caller's goodbye - a receptionist who says goodbye back has not hung up early."""


_NEVER_MIND = re.compile(r"\bnever ?mind\b|\bforget it\b|\bno worries\b", re.I)


def _only_goodbye(line: str) -> bool:
    """A script line that only takes leave ("no thats all thanks bye", "Bye bye.", "No.")."""
    said = _GOODBYE.search(line) or _SIGN_OFF.search(line) or _BARE_NO.fullmatch(line)
    return bool(said) and not _MORE_AFTER_THANKS.search(line)


_BARE_NO = re.compile(
    r"\W*(?:no|nope|nah|no no|negative|k+|ok|okay|okie|kk|cool|ok cool|okay cool)"
    r"(?:\W+(?:all good|i'?m good|we'?re good|all set|i'?m all set|i'?m fine|that'?s fine"
    r"|you'?re alright|you'?re all right|i'?m alright|out|over and out))?(?:\W+ta)?\W*",
    re.I,
)
"""A script's last line that is only "No." (or "Nope, all good.", or a texted "k") to "anything
else?": the curt caller's goodbye."""


_PICK_YES: Final = re.compile(
    r"\b(?:yes|yeah|yep|yup|aye|book (?:it|that|that one|me in|me for|the)|put me (?:in|down)"
    r"|i'?(?:ll| will) (?:take|have) (?:it|that|the)|go ahead)\b",
    re.I,
)
_PICK_HEDGE: Final = re.compile(
    r"\b(?:if|but|or|not|no|nope|nah|maybe|perhaps|might|unless|check|think|wait|hang on"
    r"|hold on|actually|rather|instead|prefer|possible|probably|suppose|don'?t|can'?t|won'?t)\b",
    re.I,
)


_DAY_FOR_TIME: Final = re.compile(r"\bwhich day would you like at [^?.]+\?", re.I)
"""The agent asking for the day of a time already settled ("Which day would you like at 11
AM?", after a weekday and date that do not match): the caller's firm yes with a day is to
that time."""

_BARE_HOUR: Final = re.compile(
    r"(?<!those )(?<!these )(?<!all )(?<!both )(?<!the )"
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|one(?= o'?clock| ?[ap]\.?m\b)|(?<=\bat )one\b(?! (?:point|stage|time|go|moment|end)\b))"
    r"(?!\d|st\b|nd\b|rd\b|th\b|:| ?(?:minutes?|mins?|hours?"
    r"|weeks?|days?|months?|of|appointments?|slots?|bookings?|visits?|people|kids|children)\b)"
    r"|(?<=the )\b(\d{1,2}|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"(?!\d|st\b|nd\b|rd\b|th\b| of\b| appointments?\b)",
    re.I,
)
"""An hour said bare ("yes, eleven will do", "ten's better", "11 please", "Tuesday at one"), not
a date ("the 16th"), a count ("two weeks", "one of those") or the minutes of a time written with
a colon."""


_OFFERS: Final = re.compile(
    r"\bI (?:have|'ve got|can do|could do|can offer)\b|\bshall I\b|\bwhich would you\b", re.I
)
_NOT_OFFERED: Final = re.compile(
    r"\b(?:outside|run from|last one|closed|nothing|taken|gone|full|no longer|cancell?ed"
    r"|booked|is now|moved|from .+ to)\b",
    re.I,
)


def offered_slots(reading: Reading, today: date) -> list[SlotMention]:
    """The times a reply offers: its choices, its proposal, and the times of its sentences
    that say what is free ("On Friday I have 10 AM, and on Wednesday 9 AM or 10 AM."), not
    the clinic's hours ("appointments run from 9 AM"), a time that is gone, or one held."""
    found = list(reading.choices)
    p = reading.proposal
    if p is not None and p.day is not None and p.start is not None and not p.also and not p.more:
        found.append(SlotMention(p.day, p.start, p.weekday_said, p.date_said))
    context: date | None = None
    for sentence in sentences(reading.text):
        said = mentions(sentence, today, context)
        days = [m.day for m in said if m.day is not None]
        if _OFFERS.search(sentence) and not _NOT_OFFERED.search(sentence):
            found += [m for m in said if m.day is not None and m.start is not None]
        context = days[-1] if days else context
    return found


def firm_pick(
    line: str,
    reading: Reading,
    today: date,
    earlier: tuple[Reading, ...] = (),
    asked_before: tuple[Proposal, ...] = (),
) -> Proposal | None:
    """ "Yes, eleven will do" to "I have 11 AM, noon or 1 PM. Which would you prefer?", "yes,
    Friday at ten is good" to "Friday at 10, or Wednesday at 9 or 10 - shall I book Wednesday at
    9?": a firm yes naming one of the times offered picks it and says yes to it (its last
    sentence, after any question of the caller's own, holds the yes and the one time, nothing
    hedged). A time this reply does not offer may be one offered or asked about earlier in
    the call ("Ah well. Yes, one o'clock then" after "shall I move it to 1?", then "nothing
    earlier - shall I move it to Tuesday at 9?"). A bare yes to several times picks none; a
    time never offered, or one that could be either of two, is no yes to anything; nor is a
    pick among changes asked about together ("cancel both, ... and ...?": "yes, those two")."""
    p = reading.proposal
    if p is not None and (p.also or p.more):
        return None
    tail = line.rpartition("?")[2]
    if not tail.strip() or not _PICK_YES.search(tail) or _PICK_HEDGE.search(tail):
        return None
    said = mentions(tail, today)
    starts = {m.start for m in said if m.start is not None}
    starts |= {
        time(_clinic_hour(_hour_value((h.group(1) or h.group(2)).lower())), 0)
        for h in _BARE_HOUR.finditer(tail)
    }
    days = {m.day for m in said if m.day is not None}
    asked_at = _DAY_FOR_TIME.search(reading.text)
    if not starts and days and asked_at is not None:
        # "the 15th, yes, Tuesday - book it" to "... which day would you like at 11 AM?": the
        # time the question holds, with the day said
        starts = {m.start for m in mentions(asked_at.group(0), today) if m.start is not None}
    if len({(s.hour % 12, s.minute) for s in starts}) != 1:
        return None
    start = starts.pop()
    held = p.previous if p is not None else None
    kind = p.kind if p is not None else "unknown"

    def fits(day: date | None, at: time | None) -> bool:
        return (
            day is not None
            and at is not None
            and (day, at) != held
            and (at.hour % 12, at.minute) == (start.hour % 12, start.minute)
            and (not days or day in days)
        )

    now = {(m.day, m.start): m for m in offered_slots(reading, today) if fits(m.day, m.start)}
    if len(now) == 1:
        (day, at), m = now.popitem()
        return Proposal(
            kind,
            day,
            at,
            previous=held,
            weekday_said=m.weekday_said,
            date_said=m.date_said,
            time_said=True,
            text=reading.text,
        )
    if now:
        return None
    before: dict[tuple[date, time], Proposal] = {}
    for r in earlier:
        for m in offered_slots(r, today):
            if fits(m.day, m.start) and m.day is not None and m.start is not None:
                before[(m.day, m.start)] = Proposal(
                    kind,
                    m.day,
                    m.start,
                    previous=held,
                    weekday_said=m.weekday_said,
                    date_said=m.date_said,
                    time_said=True,
                    text=r.text,
                )
    for q in asked_before:
        if q.slot is not None and not q.also and not q.more and fits(q.day, q.start):
            before[q.slot] = q  # asked about as a change: that change, from where it was
    return before.popitem()[1] if len(before) == 1 else None


class ScriptedCaller:
    """Says fixed lines in order, whatever the agent says; logs what it agreed to."""

    def __init__(self, world: World, lines: tuple[str, ...]) -> None:
        self.world = world
        self.lines = lines
        self.log = CallerLog()
        self._context_day: date | None = None
        self._next = 0
        """The next script line to say."""

    def respond(self, agent_text: str) -> str | None:
        reading = read_reply(agent_text, self.world.today, self._context_day)
        days = [m.day for m in reading.mentions if m.day is not None]
        if days:
            self._context_day = days[-1]
        if self._next >= len(self.lines):
            return None
        turn = len(self.log.lines)
        line = self._instead(agent_text)
        if line is None:
            line = self.lines[self._next]
            self._next += 1
        self.log.readings.append(reading)
        self.log.lines.append(line)
        picked = firm_pick(
            line,
            reading,
            self.world.today,
            tuple(self.log.readings[:-1]),
            tuple(p for _, p in self.log.proposals),
        )
        other_pick = picked is not None and (
            reading.proposal is None or picked.slot != reading.proposal.slot
        )
        if picked is not None and other_pick:
            # "yes, the eleven" to "I have 9 or 11. Shall I book 9?": 11, not 9
            self.log.confirmations.append(Confirmation(turn, picked))
        if reading.proposal is not None:
            self.log.proposals.append((turn, reading.proposal))
        if reading.proposal is not None and not other_pick:
            answer = _ANOTHER_AS_WELL.sub("", line)
            if reading.proposal.kind == "cancel":
                answer = _BOOKED_IN_ITS_PLACE.sub("", answer)
            said_yes = (
                (
                    is_affirmative(answer)
                    or _yes_to_it_not_another(answer, reading.proposal, self.world.today)
                )
                and not _names_other_slot(answer, reading.proposal, self.world.today)
            ) or _closing_yes(line, reading.proposal, self.world.today)
            said_yes = said_yes or _ordered_after_all(line, reading.proposal)
            said_yes = said_yes or _yes_before_story(line, reading.proposal, self.world.today)
            if said_yes or _restates(line, reading.proposal, self.world.today):
                self.log.confirmations.append(Confirmation(turn, reading.proposal))
        if picked is not None and not other_pick and self._last_confirmed() != turn:
            # "Eleven, right. Book me for that one." to "shall I book 11?": the time proposed
            self.log.confirmations.append(Confirmation(turn, reading.proposal or picked))
        last = self._next >= len(self.lines)
        if self.log.goodbye_turn is None and (
            _GOODBYE.search(line)
            or (last and _SIGN_OFF.search(line) and not _MORE_AFTER_THANKS.search(line))
            or (last and reading.anything_else and _BARE_NO.fullmatch(line))
            or (_LEFT_THERE.search(line) and not _MORE_AFTER_THANKS.search(line))
            or self._signs_off_early(line, reading)
        ):
            self.log.goodbye_turn = turn
        return line

    def _signs_off_early(self, line: str, reading: Reading) -> bool:
        """A thank-you ("ok wednesday eleven thank you"), or a "never mind" to "anything
        else?", with only goodbyes left in the script ("no thats all thank you", "Bye bye."):
        the caller is done, and an agent that says goodbye to it has not hung up early."""
        if _MORE_AFTER_THANKS.search(line):
            return False
        if not (_SIGN_OFF.search(line) or (reading.anything_else and _NEVER_MIND.search(line))):
            return False
        rest = self.lines[self._next :]
        return bool(rest) and all(_only_goodbye(later) for later in rest)

    def _instead(self, agent_text: str) -> str | None:
        """A line said in place of the next script line (none: the script is followed)."""
        return None

    def _last_confirmed(self) -> int | None:
        return self.log.confirmations[-1].turn if self.log.confirmations else None


_ASKS_NUMBER = re.compile(
    r"\b(?:may i have|could you (?:tell me|say)|what is|what's) (?:your|the full)"
    r"(?: ten-digit)? (?:phone )?number\b",
    re.I,
)
_ASKS_AGAIN = re.compile(
    r"\bnumber\b.*\b(?:say|give me|repeat) (?:it|that) (?:once more|again|one more time)\b"
    r"|\b(?:say|give me|repeat) (?:it|that) (?:once more|again|one more time)\b.*\bnumber\b",
    re.I,
)
"""The number asked for again without naming it in the question ("Sorry, I want to be sure I
have your number right. Could you say it once more, a little slowly?"): a person says it
again."""
_ASKS_GROUP = re.compile(
    r"\b(?:what are the (first three)|and the (next three)|and the (last four)) digits\?",
    re.I,
)
_ASKS_REST = re.compile(r"\bthe rest of the number\?|\bthe last (?:digit|\d+ digits)\b", re.I)
"""The rest of a number asked for: "And the rest of the number?", or plainly, "I still need
the last 4 digits of your number"."""
_CHECKS_GROUP = re.compile(
    r"\b(?:the (first three) digits|and the (next three)|and the (last four)):"
    r" ([\d ]+)\.? ?(?:is that right)?\?",
    re.I,
)
_SO_FAR = re.compile(r"\bI have ([\d ,-]+?) so far\b", re.I)
_GROUPS = {"first three": (0, 3), "next three": (3, 6), "last four": (6, 10)}
_DENIES = re.compile(r"^\W*(?:\w+\W+){0,2}(?:no|nope|nah|wrong|not right)\b", re.I)
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double)"
_DIGITS_IN_LINE = re.compile(
    rf"\d(?:[\s.\-()]?\d){{2,}}|\b{_DIGIT_WORD}(?:,? {_DIGIT_WORD}){{2,}}\b", re.I
)
"""Three digits or more in a row: a phone number or a piece of one (not "10:30", "at 1")."""
_READS_BACK = re.compile(r"\b(?:account under|is your number|I have|I heard)\b", re.I)
_NAME_IN_BOOKING = re.compile(r"\bhave your name as ([^.?!]+)\.[^?]*?\bShall I book\b", re.I)
"""A name heard by ear read back in the booking question itself (the dialogue's
``name_heard`` before "Shall I book ...?"), the name up to its sentence's end ("I have your name
as Tobias Wright. On Wednesday, December 2nd I have 2 PM or 3 PM. Shall I book ...?" names
"Tobias Wright", not the times offered after it)."""
MAX_NAME_REPLIES = 6
"""Lines a spoken script's caller says about their own name beyond the script, per call (a
"no" to a name read back, the spelling, a "no" to the spelling read back: the agent gives
up on the name before that)."""
MAX_NUMBER_REPLIES = 20
"""Lines a spoken script's caller says about its own number beyond the script, per call: a
number checked in parts takes up to 13 (a "no" to it, and per group a "no" to its read-back,
the group, and up to two tries more), and the agent itself gives up before that."""


class SpokenScriptedCaller(ScriptedCaller):
    """A fixed script said over a line where the agent can mishear (the voice bench): the
    caller answers about their own phone number the way a person would, whatever the script
    says next. A person whose number is read back wrong says so ("No, that's not right."),
    gives the number (or the group asked for) again when asked for it after having said it,
    and answers "Yes" or "No" to a group of it read back; a fixed script would say "yes" to
    a wrong number, or its next line (a name, a time) to "could you tell me your number?".
    The script is followed otherwise, and never skipped: these lines come in addition.

    Only once the script has said a number (a caller who has not, answers from the script),
    and never when the next script line gives digits or denies itself (the script's own
    correction comes first)."""

    def __init__(self, world: World, lines: tuple[str, ...]) -> None:
        super().__init__(world, lines)
        self.number_replies = 0
        self.name_replies = 0

    def _instead(self, agent_text: str) -> str | None:
        line = self._about_name(agent_text)
        if line is not None:
            self.name_replies += 1
            return line
        if self.number_replies >= MAX_NUMBER_REPLIES:
            return None
        said = self.lines[: self._next]
        if not any(_DIGITS_IN_LINE.search(line) for line in said):
            return None
        upcoming = self.lines[self._next]
        if _DIGITS_IN_LINE.search(upcoming) or (
            _DENIES.search(upcoming) and not _GOODBYE.search(upcoming)
        ):
            # the script's own correction comes first; a "no" that signs off ("Nope, that's
            # it. Bye") answers "anything else?", no read-back of the number
            return None
        line = self._about_number(agent_text)
        if line is not None:
            self.number_replies += 1
            corrected = self.log.corrected_at
            if corrected is not None and corrected >= len(self.log.lines):
                self.log.corrected_at = corrected + 1  # a turn index: that line comes later
        return line

    def _about_name(self, agent_text: str) -> str | None:
        """A person whose name is read back says whether it is theirs (spelled or not), and
        spells it when asked to; a fixed script says "yes" to any name, and its next line to
        "could you spell it?"."""
        if self.name_replies >= MAX_NAME_REPLIES:
            return None
        return about_own_name(agent_text, self.world.caller.name)

    def _about_number(self, agent_text: str) -> str | None:
        mine = self.world.caller.phone
        check = _CHECKS_GROUP.search(agent_text)
        if check is not None:
            which = next(g for g in check.groups()[:3] if g)
            start, end = _GROUPS[which.lower()]
            return "Yes." if check.group(4).replace(" ", "") == mine[start:end] else "No."
        group = _ASKS_GROUP.search(agent_text)
        if group is not None:
            start, end = _GROUPS[next(g for g in group.groups() if g).lower()]
            return " ".join(mine[start:end]) + "."
        so_far = _SO_FAR.search(agent_text)
        if _ASKS_REST.search(agent_text) and so_far is not None:
            have = re.sub(r"\D", "", so_far.group(1))
            if mine.startswith(have) and len(have) < len(mine):
                return " ".join(mine[len(have) :]) + "."
            return f"No, it's {_spoken_phone(mine)}."
        if _ASKS_NUMBER.search(agent_text) or _ASKS_AGAIN.search(agent_text):
            return f"It's {_spoken_phone(mine)}."
        heard = [n[-10:] for n in phone_numbers(agent_text)]
        if _READS_BACK.search(agent_text) and any(n != mine for n in heard):
            return "No, that's not right."
        return None


_ASKS_FULL_NAME = re.compile(
    r"\b(?:may i have|can i (?:get|have)|could i (?:get|have)|what(?:'s| is)|please say|tell me)"
    r"\b[^.?!]*\byour (?:full |first and last )?name\b",
    re.I,
)
"""The agent asking for the caller's whole name ("May I have your full name, please?", "Please
say your first and last name."), not a part of it ("And your last name?")."""


def name_said_again(
    agent_text: str, asked_before: bool, said: Sequence[str], upcoming: str | None, mine: str
) -> str | None:
    """A person asked for their full name again, having said it already in a line the agent
    did not take, says it again ("It's Rosa Delgado."); a recording would say its next line.
    Only where the question before this one asked for the name too (the repeat), a line said
    so far holds the name's last word, and the next script line does not give it (the script's
    own answer comes first)."""
    if not asked_before or not _ASKS_FULL_NAME.search(agent_text):
        return None
    surname = _letters(mine.split()[-1]) if mine.split() else ""
    if not surname or not any(surname in _letters_by_word(line) for line in said):
        return None
    if upcoming is not None and surname in _letters_by_word(upcoming):
        return None
    return f"It's {mine}."


def _letters_by_word(line: str) -> set[str]:
    return {_letters(word) for word in line.split()}


class RecordedScriptedCaller(ScriptedCaller):
    """A fixed script played as a recorded call (the voice bench's ``--recorded``): its lines
    are said as written whatever the agent heard - it never repairs its number - but the
    person in it answers about their own name as anyone would when asked: asked to spell it,
    they spell it ("V E R A, K O W A L S K I."), to their name read back (spelled or not)
    they say whether it is theirs (:func:`about_own_name`), and asked for their full name again
    after saying it, they say it again (:func:`name_said_again`). A recording's next line said to
    "could you spell it?" put every later line one question behind (the spelling question took
    "Yes" or "Two o'clock, if that's free", and the goodbye answered the booking question).
    These lines come in addition; the script is never skipped."""

    def __init__(self, world: World, lines: tuple[str, ...]) -> None:
        super().__init__(world, lines)
        self.name_replies = 0
        self._asked_name = False
        """The agent's question before this one asked for the caller's full name."""

    def _instead(self, agent_text: str) -> str | None:
        asked_before, self._asked_name = self._asked_name, bool(_ASKS_FULL_NAME.search(agent_text))
        if self.name_replies >= MAX_NAME_REPLIES:
            return None
        mine = self.world.caller.name
        line = about_own_name(agent_text, mine)
        if line is None:
            upcoming = self.lines[self._next] if self._next < len(self.lines) else None
            said = self.lines[: self._next]
            line = name_said_again(agent_text, asked_before, said, upcoming, mine)
        if line is not None:
            self.name_replies += 1
        return line


def about_own_name(agent_text: str, mine: str) -> str | None:
    """What a person called ``mine`` says to ``agent_text`` about their name, where it asks
    about it: whether a name read back is theirs, no to a booking question under another
    name, their name spelled to a spelling question; None where it does not ask."""
    check = NAME_READBACK.search(agent_text)
    if check is not None:
        same = _letters(check.group(1)) == _letters(mine)
        return "Yes, that's right." if same else "No, that's not right."
    if _wrong_name_in_booking(agent_text, mine):
        # the script's yes is for a booking under the caller's own name
        return "No, that's not my name."
    if SPELL_CUE.search(agent_text):
        return spelled_name(mine)
    return None


def _wrong_name_in_booking(agent_text: str, mine: str) -> bool:
    """ "I have your name as <not mine>. Shall I book ...?": a person says no to it."""
    booking = _NAME_IN_BOOKING.search(agent_text)
    return booking is not None and _letters(booking.group(1)) != _letters(mine)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def spelled_name(name: str) -> str:
    """A name spelled letter by letter, a comma between its words ("D E N, M O O R E.")."""
    words = [w for w in (_letters(part) for part in name.split()) if w]
    return ", ".join(" ".join(word.upper()) for word in words) + "."


def _spoken_phone(digits: str) -> str:
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
