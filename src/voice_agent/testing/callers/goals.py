"""What a simulated caller wants (the goal) and how they talk (the style).

A goal says who the caller is (in ``World``), what they want done, what they accept, and what
the agent must say along the way. The same goal judges the call afterwards (``checks``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

Task = Literal["book", "reschedule", "cancel", "check", "code", "availability", "none"]
Slot = tuple[date, time]


@dataclass(frozen=True)
class Question:
    """Something the caller asks the receptionist (clinic facts, or off topic).

    ``expect``: every inner tuple lists alternatives, one of which the agent's answer must
    contain (case-insensitive); an empty ``expect`` checks nothing about the answer."""

    topic: str
    lines: tuple[str, ...]
    expect: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Goal:
    task: Task
    # how the caller says when they want to come (variants; the simulator picks one each time)
    ask: tuple[str, ...] = ()
    # the slots they say yes to; for a reschedule, where the appointment may go
    accept: frozenset[Slot] = frozenset()
    # reschedule / cancel / code: which of the caller's holdings (index), how they name it
    target: int | None = None
    target_refs: tuple[str, ...] = ()
    # two things in one call: these holdings (indexes) must also end cancelled, beside the task
    also_cancel: tuple[int, ...] = ()
    # two moves in one call: this other holding (index) must also end moved, to one of these slots
    also_move: tuple[int, frozenset[Slot]] | None = None
    # questions asked before the task (clinic questions, off-topic remarks)
    questions: tuple[Question, ...] = ()
    # self-correction: what they say first (already containing the inline correction, e.g.
    # "Tuesday at three, no sorry, two"), or a wrong first ask corrected on the next turn
    first_ask: str | None = None
    corrections: tuple[str, ...] = ()  # said on the turn after ``first_ask`` when non-empty
    # slots the correction takes back: the agent must not propose them once corrected
    taken_back: frozenset[Slot] = frozenset()
    # number given wrong first, corrected on the next turn (one of ``phone_fixes``)
    wrong_phone: str | None = None
    # the call ends early: the caller says goodbye after this many turns
    hang_up_after: int | None = None
    declines_all: bool = False
    # the caller asks for a slot they already hold: the agent must say so
    holds_already: Slot | None = None
    # two people or two things: a second new booking on the caller's number (a child's, a
    # husband's, a follow-up), in one of these slots, beside the one in ``accept``
    also_book: frozenset[Slot] = frozenset()
    # guarded calls: what no reply may contain (someone else's name, words), and other
    # patients' appointments no reply may name (day and time)
    must_not_say: tuple[str, ...] = ()
    must_not_tell: frozenset[Slot] = frozenset()
    # the slot first asked for when it cannot be had (closed, taken): the caller, not knowing,
    # says yes when it is proposed; it is not an acceptable end state
    wanted: Slot | None = None
    # whether the caller mentions their need in the first sentence (else: "hi, quick question")
    notes: str = ""


Verbosity = Literal["terse", "plain", "chatty"]
PhoneFormat = Literal[
    "plain",
    "spaced",
    "dashed",
    "parens",
    "dotted",
    "plus1",
    "one_dashed",
    "words",
    "words_oh",
    "words_grouped",
    "double",
    "mixed",
]


@dataclass(frozen=True)
class Style:
    verbosity: Verbosity = "plain"
    upfront: bool = False  # name, number and request in the first breath
    id_first: bool = False  # name and number first, the request when asked
    hesitant: float = 0.0  # probability of a filler ("um", "uh") at the start of a line
    phone_format: PhoneFormat = "spaced"
    phone_split: Literal["none", "6+4", "3+7"] = "none"
    picks: Literal["first", "last"] = "first"  # which acceptable offered time they take
    extra: tuple[str, ...] = field(default=())  # free-form tags shown in reports
