"""What the dialogue expects the caller to say next, told to the speech recogniser.

A receptionist listens differently after "what's your number?" than after "how can I help?".
The dialogue (offline engine, or anything else that knows) states its expectation on a
:class:`ListeningHint` owned by the call; the recogniser of that call reads it when an
utterance starts and may use a matching search (a digits grammar, a yes/no grammar...), while
still hearing a caller who says something else. Pure Python: both sides depend on this module,
never on each other.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable


class Expectation(StrEnum):
    """The kind of answer the agent's last question asks for."""

    REQUEST = "request"
    """An open request ("how can I help?"), or nothing in particular."""
    PHONE = "phone"
    """A phone number (or, with ``digits``, one group of it: "the first three digits")."""
    YES_NO = "yes_no"
    """A confirmation: yes, no, or a correction."""
    DATE_TIME = "date_time"
    """A day and/or a time of day ("Friday at 2", "the first one", "afternoon")."""
    CODE = "code"
    """A confirmation code, spelled character by character."""
    NAME = "name"
    """A personal name."""
    SPELLING = "spelling"
    """Letters one by one (a name spelled out)."""


UNCLEAR_NAME = "(name unclear)"
"""What a speech recogniser says for an answer to a NAME question it heard as a name but
cannot vouch for: the dialogue opens the account as "Unknown Caller" for the staff to
correct, rather than read back (and, on a caller's "yes" or their request said next,
register) a name the recogniser made up. Never a caller's words."""

UNCLEAR_NAME_AFTER_YES = f"yes {UNCLEAR_NAME}"
""":data:`UNCLEAR_NAME` for a line that began with a yes ("Yes, that's right. <a name>" to "if
that number is right, may I have your full name?"): the dialogue takes the yes for the number
read back, and the name as unclear."""

ANSWER_UNCLEAR = "(answer unclear)"
"""What a speech recogniser says for an answer to a YES_NO question its readers heard on
opposite sides (offline: pocketsphinx's grammar heard a no, Whisper a yes, and the domain
language model no firm no): the dialogue reads it as neither and asks again, rather than
take a "that's right" heard as "not really" for a no. Never a caller's words."""

NUMBER_UNSURE = "(number unsure)"
"""What a speech recogniser adds at the end of a transcript holding a whole phone number its
readers did not agree on (offline: pocketsphinx's grammar and Whisper). A read-back's "yes"
cannot vouch for such a number (a caller hears "...0 1 2 4" for "...0 1 2 3" and says yes;
a recording says yes to anything): the dialogue asks for it again before it looks it up or
opens an account on it. Never a caller's words."""


NUMBER_ONE_READER = "(number one reader)"
"""What a speech recogniser adds at the end of a transcript holding a whole phone number
only one of its readers heard that way (offline: Whisper's ten digits where the grammar
heard others). Right far more often than not, so it may be looked up: an account found on
it vouches for it. But nothing vouches for a number with no account, and a read-back's
"yes" cannot (a recording says yes to anything): the dialogue asks for it again before it
opens an account on it. Never a caller's words."""


NUMBER_UNCONTESTED = "(number one reader, none against)"
"""What a speech recogniser adds at the end of a transcript holding a whole phone number
only one of its readers heard that way, where no other reader heard those digits otherwise
(offline: Whisper's ten digits; the grammar, forced to ten digits, read others, but the
domain language model - free to write any words - did not hold the grammar's reading where
the two differ). Looked up as :data:`NUMBER_ONE_READER`; with no account on it, read back
for the caller's yes or fix rather than asked for again: a caller who gave it answers the
read-back they expect ("yes, that's right. Owen Bradley"), and asked to say it again, a
recording cannot. Never a caller's words."""


NAME_UNHEARD = "(name unheard)"
"""What a speech recogniser adds at the end of a transcript holding a whole phone number
said after a name it could not read ("Lena Fischer, six one seven, ..." where only the
number was read). The caller has given their name: asked for it again as if unsaid, a
caller answers the number's read-back instead ("yes, that's right"), and a recording says
whatever comes next; the dialogue opens the account as "Unknown Caller" for the staff to
name, after the number is confirmed. Never a caller's words."""


def name_unheard(text: str) -> tuple[str, bool]:
    """``text`` without a :data:`NAME_UNHEARD` mark, and whether it had one (anywhere in the
    turn, as :func:`number_check` reads its marks)."""
    return _without_mark(text, NAME_UNHEARD)


def _without_mark(text: str, mark: str) -> tuple[str, bool]:
    """``text`` without ``mark`` (wherever in the turn), and whether it had it."""
    at = text.lower().find(mark)
    if at < 0:
        return text, False
    before, after = text[:at].rstrip(), text[at + len(mark) :].strip()
    return f"{before} {after}" if before and after else before or after, True


NAME_DOUBTED = "(name doubted)"
"""What a speech recogniser adds at the end of a transcript holding a name its readers did
not vouch for (offline: :func:`.name_opinion.unclear` - one reader's name the other heard
nothing like). A caller answering a booking question rarely checks a surname said in
passing, and a recording says yes to anything: the dialogue asks for such a name spelled
(never reads it inside the booking question), and, with no spelling, leaves it for the staff.
Never a caller's words."""


def name_doubted(text: str) -> tuple[str, bool]:
    """``text`` without a :data:`NAME_DOUBTED` mark, and whether it had one (anywhere in the
    turn, as :func:`name_unheard`)."""
    return _without_mark(text, NAME_DOUBTED)


WEAK_GROUPS = ("first three", "middle three", "last four")
"""A phone number's groups (3-3-4) as :data:`NUMBER_WEAK` names them."""


def weak_mark(group: int) -> str:
    """What a speech recogniser adds at the end of a transcript holding a whole phone
    number its readers agreed on, one of whose digits in ``group`` (0, 1 or 2 of 3-3-4)
    its surer reader heard only faintly: "(number weak: middle three)". Both readers can
    mishear a digit alike ("five" heard "nine" by both); a read-back's "yes" cannot vouch
    for it (a recording says yes to anything): the number is looked up, and with no
    account to vouch for it, asked for again before one is opened, as
    :data:`NUMBER_ONE_READER`. Never a caller's words."""
    return f"{NUMBER_WEAK_PREFIX} {WEAK_GROUPS[group]})"


NUMBER_WEAK_PREFIX = "(number weak:"


def weak_group_of(text: str) -> int | None:
    """The group a :func:`weak_mark` at the end of ``text`` names, or None."""
    stripped = text.rstrip().lower()
    for group in range(len(WEAK_GROUPS)):
        if stripped.endswith(weak_mark(group)):
            return group
    return None


class NumberCheck(StrEnum):
    """How far a recogniser vouches for the whole phone number in a transcript."""

    AGREED = "agreed"
    """No doubt marked: its readers agreed, or it was typed, or there is no number."""
    ONE_READER = "one_reader"
    """:data:`NUMBER_ONE_READER`: look it up, but hear it again before opening an account."""
    UNCONTESTED = "uncontested"
    """:data:`NUMBER_UNCONTESTED`: looked up, and with no account read back for the caller's
    yes (a no or a fix goes to the parts check)."""
    UNSURE = "unsure"
    """:data:`NUMBER_UNSURE`: hear it again before anything is looked up."""
    WEAK = "weak"
    """:func:`weak_mark`: as :attr:`ONE_READER` (a digit both readers heard alike, but
    faintly)."""


_MARKS = (
    (NUMBER_UNSURE, NumberCheck.UNSURE),
    (NUMBER_ONE_READER, NumberCheck.ONE_READER),
    (NUMBER_UNCONTESTED, NumberCheck.UNCONTESTED),
)


def number_check(text: str) -> tuple[str, NumberCheck]:
    """``text`` without its doubt mark, and what the mark said. A recogniser marks the end
    of its transcript, but a caller's turn may join it with a later one in the same turn:
    held out at 20 dB SNR, "... two oh eight three (number unsure) if" lost its doubt, and
    the wrong number counted as agreed. A mark is read anywhere in the turn."""
    stripped = text.rstrip()
    lower = stripped.lower()
    for mark, check in _MARKS:
        at = lower.rfind(mark)
        if at >= 0:
            before, after = stripped[:at].rstrip(), stripped[at + len(mark) :].strip()
            return f"{before} {after}" if before and after else before or after, check
    group = weak_group_of(stripped)
    if group is not None:
        return stripped[: -len(weak_mark(group))].rstrip(), NumberCheck.WEAK
    return text, NumberCheck.AGREED


_ASKED_AGAIN = "asked again before an account is opened"
_DOUBTS = {
    NumberCheck.UNSURE: "(the recognisers heard different numbers: asked again)",
    NumberCheck.ONE_READER: f"(only one of the two recognisers heard this number: {_ASKED_AGAIN})",
    NumberCheck.UNCONTESTED: (
        "(only one of the two recognisers heard this number, the other heard no other: read"
        " back before an account is opened)"
    ),
}


def as_heard(text: str) -> str:
    """A caller's transcript as a person reads it: a recogniser's doubt about the phone
    number in it in words. "(number unsure)", a mark for the dialogue, meant nothing to the
    caller on the call page, the staff or a user of `call` and `demo`."""
    said, check = number_check(text)
    if check is NumberCheck.WEAK:
        group = WEAK_GROUPS[weak_group_of(text) or 0]
        return f"{said} (a digit of the {group} was heard faintly: {_ASKED_AGAIN})"
    if check in _DOUBTS:
        return f"{said} {_DOUBTS[check]}"
    return text


@dataclass(frozen=True, slots=True)
class Listening:
    """One expectation; ``digits`` is how many digits a PHONE answer should have, if known.

    ``rejected`` holds digit strings the caller already said "no" to when they were read
    back for this same answer (a group of a phone number, or the whole number). A speech
    recogniser confuses the same digits of the same voice the same way every time; told
    what was wrong, it returns its best reading that is not one of these. Only strings of
    exactly ``digits`` digits (10 when ``digits`` is None) are kept.
    """

    kind: Expectation = Expectation.REQUEST
    digits: int | None = None
    rejected: tuple[str, ...] = ()
    part: int | None = None
    """For a phone number asked for in parts: which group (0, 1, 2 of 3-3-4) this answer
    is, so the recogniser can weigh what earlier turns heard of it."""

    def __post_init__(self) -> None:
        if self.part is not None and (
            self.kind is not Expectation.PHONE or self.part not in (0, 1, 2)
        ):
            object.__setattr__(self, "part", None)
        if not self.rejected:
            return
        if self.kind is not Expectation.PHONE:
            object.__setattr__(self, "rejected", ())
            return
        length = self.digits if self.digits is not None else 10
        kept = tuple(dict.fromkeys(r for r in self.rejected if len(r) == length and r.isdigit()))
        object.__setattr__(self, "rejected", kept)


OPEN = Listening()


class ExpectationSource(Protocol):
    """The recogniser's side: what is expected now."""

    @property
    def current(self) -> Listening: ...


@runtime_checkable
class LineObserver(Protocol):
    """Told by the recogniser what kind of line the caller is on."""

    def note_line(self, narrowband: bool) -> None: ...


class ListeningHint:
    """The per-call holder both sides share. Thread-safe: recognisers read it off the loop.

    ``version`` increases with every change, so a reader can tell a new question from the
    same one asked again. The recogniser also reports the caller's line here
    (:meth:`note_line`): ``narrowband`` is True on a phone line (8 kHz, or audio limited to
    the 300-3,400 Hz telephone band), where offline recognition of digits is poor and the
    dialogue should offer keypad entry; None until the recogniser has heard enough speech.
    """

    def __init__(self, initial: Listening = OPEN) -> None:
        self._lock = threading.Lock()
        self._current = initial
        self._version = 0
        self._narrowband: bool | None = None

    @property
    def narrowband(self) -> bool | None:
        with self._lock:
            return self._narrowband

    def note_line(self, narrowband: bool) -> None:
        with self._lock:
            self._narrowband = narrowband

    @property
    def current(self) -> Listening:
        with self._lock:
            return self._current

    @property
    def version(self) -> int:
        with self._lock:
            return self._version

    def expect(self, listening: Listening | Expectation) -> None:
        if isinstance(listening, Expectation):
            listening = Listening(listening)
        with self._lock:
            self._current = listening
            self._version += 1

    def reset(self) -> None:
        self.expect(OPEN)
