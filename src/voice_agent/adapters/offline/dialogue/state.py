"""The conversation state: who the caller is, what they want, what the agent proposed, what the
tools said. Rebuilt from the whole history on every decision (see engine.py), so it is plain
data plus the reducers that fold one caller turn or one tool result into it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from typing import Final, Literal

from voice_agent.adapters.offline.dialogue.history import Appt, ToolFailure
from voice_agent.adapters.offline.dialogue.understanding import Asked, Task, Understanding
from voice_agent.adapters.offline.dialogue.understanding.beside import BesideHeld
from voice_agent.adapters.offline.dialogue.understanding.events import EventRelation
from voice_agent.adapters.offline.dialogue.understanding.when import Ranked, When
from voice_agent.domain.weekdays import WEEKDAY_WORDS

Action = Literal["book", "reschedule", "cancel", "register"]


@dataclass(frozen=True)
class Proposal:
    """A change the agent asked the caller to confirm (or the account it offered to open)."""

    action: Action
    day: date | None = None
    at: time | None = None
    code: str | None = None
    also: tuple[str, ...] = ()
    """Further appointments the same yes covers ("cancel both": the second one's code)."""
    also_at: tuple[tuple[date, time], ...] = ()
    """Further bookings the same yes covers ("shall I book both, Thursday at 3 PM and
    Thursday at 2 PM?"): each made in turn after the first, without asking again."""
    more: tuple[Proposal, ...] = ()
    """Further changes of the caller's appointments the same yes covers ("shall I move your
    appointment from Tuesday to Friday, and cancel the one on Wednesday?"): each made in turn
    after the first, without asking again."""


@dataclass(frozen=True)
class FollowUp:
    """A further change the caller asked for in the same breath, done after the current one:
    the next of "both of them", or a second request ("and then move the Tuesday one")."""

    task: Task
    target: str | None = None
    heard: Understanding | None = None
    time_of_first: bool = False
    """A second visit asked for with the first: with no time of its own, the first's time
    ("one this Thursday and a follow-up the Thursday after ... ten for both")."""
    named: str | None = None
    """The held appointment the words of ``heard`` named when they were said ("... and
    Thursday's to Tuesday"): taken when, once the first change is made, they name none."""
    proposal: Proposal | None = None
    """A booking the agent was proposing when the caller asked for something else first
    ("scrap the first one, I only need the Thursday" to "shall I book Thursday?"): proposed
    again once that is done."""
    request: Request | None = None
    """Where it is to go, said before the caller said which ("push them into January, the
    week of the 4th" ... "which one?" ... "both"): asked again for this one."""


@dataclass
class Request:
    """The day and time the caller wants (for a booking, a move, or a look at availability)."""

    days: tuple[date, ...] = ()
    same_day: bool = False
    """ "Same day": the day of the appointment being moved."""
    by_weekday: bool = False
    """The day was said as a weekday name ("Thursday"), not a date."""
    soonest: bool = False
    either: bool = False
    """The days were said as equal alternatives ("Friday or Monday"): offer times on each."""
    at: time | None = None
    or_times: tuple[time, ...] = ()
    """Times said as alternatives to ``at`` ("two or three"): the first free one is proposed."""
    window: tuple[time, time] | None = None
    earliest: bool = False
    latest: bool = False
    same_time: bool = False
    shift_minutes: int | None = None
    shift_days: int | None = None
    after_held: bool = False
    """ "The next one after mine": the first opening after the appointment, that day."""
    after_other: bool = False
    """ "Could it go after the other one?": the first opening after the caller's other
    appointment, that day."""
    beside: BesideHeld | None = None
    """ "The same day as the Tuesday one, right after it": where the appointment moved goes,
    said by another one held (see :func:`beside_anchor`)."""
    later_that_week: bool = False
    """ "Later in the week": the days after the appointment's, up to that Friday."""
    before_held: bool = False
    """ "Anything sooner? If not I'll stick with Monday": the open days before the appointment
    being moved, only those (see ``only_days``)."""
    nearby: Literal["later", "earlier"] | None = None
    """ "A bit later", "earlier in the day": the times after (or before) the appointment being
    moved, on its day unless another is said."""
    nearby_of: time | None = None
    """The time of that appointment, once known (to say there is nothing later than it)."""
    from_booking: tuple[str, int] | None = None
    """A day counted from the caller's own appointment, not from today: ("weeks", 1) for "a
    week after my current appointment", ("weekday", 4) for "the Friday after the one I'm
    booked on"; resolved to a day once their appointments are known."""
    from_held_weekday: tuple[date, date] | None = None
    """ "The day after my Tuesday one" said before the caller's appointments were known: the
    Tuesday taken (the next one) and the day counted from it, counted again from the Tuesday
    they hold once known (:func:`.tracking._resolve_from_held_weekday`)."""
    only_days: bool = False
    """ "Anything earlier this week, otherwise leave it": nothing outside the days said is
    offered; if none of them has a time, the caller is told and nothing changes."""
    fallback: tuple[date, time | None] | None = None
    """ "Anything on Friday? If not, I'll stick with Monday" (a new booking): the day (and the
    time said before) to propose when the days asked for have nothing."""
    ranked: tuple[Ranked, ...] = ()
    """Lower choices said with this one, in order ("Thursday at 1 is best, 2 second best"):
    the first free one is proposed when the day and time asked for are not."""
    rejected_days: set[date] = field(default_factory=set)
    rejected: set[tuple[date, time]] = field(default_factory=set)
    rejected_times: set[time] = field(default_factory=set)
    hours_unsure: bool = False
    """By ear, two hours heard in one answer with nothing saying how they go together - no
    "or", no correction ("two o'clock if that's three" for "two o'clock, if that's free"):
    ``at`` and ``or_times`` hold both, and the caller is asked which before either is
    proposed (:func:`.tracking._two_hours_unlinked`)."""
    time_lost: bool = False
    """A booking's day heard by ear with words after it the engine could not read ("monday
    have i you" for "Monday, half nine", "tuesday time" for "Tuesday at 9"): a time was
    likely said and lost. The day's times are offered as a choice and none is proposed, so
    a "yes" cannot book a time the caller never asked for (:func:`.tracking._note_time_lost`)."""

    @property
    def has_day(self) -> bool:
        return bool(self.days) or self.soonest or self.shift_days is not None or self.same_day

    @property
    def has_time(self) -> bool:
        return (
            self.at is not None
            or self.window is not None
            or self.earliest
            or self.latest
            or self.same_time
            or self.shift_minutes is not None
        )

    @property
    def empty(self) -> bool:
        return not self.has_day and not self.has_time

    def _other_half(self, when: When) -> time | None:
        """The hour asked for moved to the other half of the day, when only that half is said
        now ("AM, sorry") and the hour itself is outside it."""
        t = when.time
        if self.at is None or when.day is not None or t is None or t.at is not None:
            return None
        if t.window is None or t.earliest or t.latest or t.negated:
            return None
        lo, hi = t.window
        flipped = time((self.at.hour + 12) % 24, self.at.minute)
        if lo <= self.at < hi or not lo <= flipped < hi:
            return None
        return flipped

    def merge(self, when: When, *, day_shift: int | None = None) -> bool:
        """Fold what the caller just said in; returns whether anything changed."""
        changed = False
        earliest_here = False
        if not when.empty:
            self.ranked = when.ranked
        self.rejected_days.update(when.rejected_days)
        self.rejected_times.update(when.rejected_times)
        if when.day is not None and when.day.same:
            # (the dates of a week said with it: "the week after next, same day")
            self.days, self.same_day, self.soonest = when.day.dates, True, False
            self.either = False
            changed = True
        elif when.day is not None:
            d = when.day
            self.same_day = False
            self.either = d.either
            if d.earliest and not d.dates and set(self.days) - self.rejected_days:
                earliest_here = True  # "what's the earliest then?": on the day being discussed
            elif d.earliest:
                self.days, self.soonest = (), True
            else:
                if len(d.dates) == 1 and d.dates[0] not in when.rejected_days:
                    # "what about Wednesday, if Tuesday's no good?" ... "ok, Wednesday at 2
                    # then": one day asked for by name after it was turned down is wanted now
                    self.rejected_days.discard(d.dates[0])
                if self.soonest and when.time is None and len(d.dates) == 1:
                    # "the earliest you have?" ... "not today - tomorrow": tomorrow's first
                    self.earliest = True
                self.days, self.soonest = (
                    tuple(x for x in d.dates if x not in self.rejected_days),
                    False,
                )
                self.by_weekday = d.from_weekday
                # asking for a day again: the times turned down there are on the table again
                self.rejected = {r for r in self.rejected if r[0] not in self.days}
            self.shift_days = None
            changed = True
        if day_shift is not None:
            self.shift_days = day_shift
            changed = True
        t = when.time
        if t is not None and t.same and t.at is None:
            # "same time": the time already asked for (booking) or the appointment's (a move)
            self.same_time = True
            self.window = None
            self.earliest = self.latest = False
            self.shift_minutes = None
            changed = True
        elif t is not None and (flipped := self._other_half(when)) is not None:
            # "Monday at 10 PM ... AM, sorry, morning": the hour said, in the half of the day
            # now said (not the whole morning)
            self.at, self.window = flipped, None
            changed = True
        elif t is not None:
            self.at = t.at
            self.or_times = when.or_times
            self.hours_unsure = False
            named_day = when.day is not None and bool(when.day.dates)
            if not (t.earliest and t.at is None and t.window is None and not named_day):
                # ("afternoons ... the earliest one is fine": the earliest of the afternoon;
                # "the earliest you have on Monday" asks again, the whole day)
                self.window = _narrowed(self.window, t.window) if when.day is None else t.window
            same_days = when.day is None or tuple(when.day.dates) == self.days
            floor_only = t.window is not None and t.window[1] >= _DAY_END and not t.latest
            # "what's the first thing on Friday?" ... "nothing before eleven": still the first,
            # from eleven
            self.earliest = t.earliest or (self.earliest and floor_only and same_days)
            self.latest = t.latest
            self.same_time = t.same
            self.shift_minutes = t.shift_minutes
            changed = True
        if when.rejected_times and self.at in when.rejected_times:
            self.at = None
            changed = True
        if earliest_here:
            self.earliest, self.at = True, None
            changed = True
        return changed

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]


_DAY_END: Final = time(15, 0)
"""A window reaching the last start of the day or beyond is a lower bound only."""


def _narrowed(
    held: tuple[time, time] | None, said: tuple[time, time] | None
) -> tuple[time, time] | None:
    """A bound said on its own after a part of the day, for the same day: "Friday morning" ...
    "she can't get me there before half ten" is the morning from eleven, both kept; a window
    that leaves nothing of the one held replaces it (a change of mind)."""
    if held is None or said is None:
        return said
    lo, hi = max(held[0], said[0]), min(held[1], said[1])
    return (lo, hi) if lo < hi else said


GROUP_SPANS = ((0, 3), (3, 6), (6, 10))
"""Where the groups of a ten-digit number (3-3-4) start and end."""


def number_part(number: str, index: int) -> str:
    """Group ``index`` (0, 1 or 2) of a ten-digit number."""
    start, end = GROUP_SPANS[index]
    return number[start:end]


@dataclass
class Rename:
    """A correction of the name on the caller's account, once it exists: read back, and made
    (update_name) only after a yes."""

    wanted: bool = False
    """The caller said the name is wrong; the right one is asked for."""
    name: str | None = None
    """The corrected full name, read back for a yes."""
    spell: tuple[str, ...] = ()
    """The words of ``name`` that changed, spelled in the read-back ("R-U-I-Z")."""
    said: str | None = None
    """The words of ``name`` the caller said, read back (and said once changed) in its place
    to a caller who has not given the account's name: the rest of it is the name on file,
    which a number alone is not told ("my surname is Nowak" is read back "Nowak", not "Anna
    Nowak")."""
    confirmed: bool = False
    """The caller said yes to ``name``: update_name is called next."""
    tries: int = 0
    missing: bool = False
    """The account has no name (opened as names.UNKNOWN_NAME when the caller's could not be
    understood): the caller is asked for it, once a call, not told theirs is wrong."""
    passed_over: bool = False
    """The read-back of ``name`` was answered with the caller's request and no yes: read back
    once more; passed over again, the name is left as it is."""

    @property
    def active(self) -> bool:
        return self.wanted or self.name is not None


@dataclass
class Identity:
    digits: str = ""
    """Digits of the number heard so far (complete, or the groups collected)."""
    groups: bool = False
    """Collecting the number three, three and four digits at a time."""
    number: str | None = None
    """A complete number to look up (ten digits, or "+" and an international number)."""
    looked_up: str | None = None
    """The number the last identify_user call was about."""
    status: Literal["identified", "registered", "name_required", "invalid"] | None = None
    number_ok: bool = False
    """The caller confirmed the read-back of a new number."""
    name: str | None = None
    """The account's name (identified) or the name given to open one."""
    name_from_account: bool = False
    """``name`` came from an account found by number (not from the caller's own words)."""
    name_confirmed: bool = True
    """``name`` may be said to the caller: theirs, or the account's checked against theirs
    (identify_user's name_confirmed). A number alone is not told whose it is."""
    holder_check: str | None = None
    """What the caller described that the account found by their number alone does not hold
    ("I don't see an appointment on Friday, November 27th.": a misdialled number can be
    another patient's): nothing held on it is read out, and no one on it named, until the
    caller gives the name on the account and identify_user confirms it (then this is said)."""
    holder_says: bool = False
    """``holder_check`` is said once the name is confirmed (what the caller would have heard
    with their name given: a day they hold nothing on)."""
    said_name: str | None = None
    """The name the caller gave before the account was found by number (the account's own
    name replaces ``name``): checked against the account when ``holder_check`` is set."""
    holder_tried: str | None = None
    """The caller's name identify_user last checked against the account (name_confirmed)."""
    name_attempts: int = 0
    name_checked: bool = False
    """The caller said yes to ``name`` read back, or spelled it. A name heard by ear (the
    name grammar forces a name it does not know into one it does) opens an account only
    then."""
    name_passed_over: int = 0
    """Read-backs of ``name`` answered with the caller's request and no yes or no ("Monday if
    you've got it, around two" to "I have your name as ... Is that right?"): they agree to
    nothing; the name is read back again (in the booking question where it can be), and after
    a second the account is opened for the front desk to name."""
    name_spelled: bool = False
    """``name`` was spelled letter by letter (it is read back that way)."""
    name_read_back: str | None = None
    """The name the agent's last question read back with the number ("Shall I set one up
    for Vera Kim with that number?"): a yes to it is a yes to the name too."""
    name_in_booking: str | None = None
    """A name heard by ear read back in the booking question itself ("I have your name as
    Maggie Thornton. Shall I book Friday at 10 AM?"): a yes to it is a yes to the name too."""
    number_told: str | None = None
    """The number read back in "I don't have an account under ... If that number is right,
    may I have your full name?": a name said to it without objecting, not yet a yes."""
    number_in_booking: str | None = None
    """A number heard by ear, not yet confirmed, read back with the name in the booking
    question ("I have your name as Dan Brown, on 6 4 6, ... Shall I book ...?"): a yes to it
    is a yes to the number too, where a question of its own ("Before I set up your account,
    is your number ...?") took the yes the caller meant for the booking."""
    name_booking_declined: bool = False
    """Anything but a yes to that question, or a booking question for another time than the
    one asked for: the name is read back on its own."""
    surname_asked: bool = False
    surname_offered: bool = False
    """A first name alone, said with an offer to spell the last name ("Marta - do you want
    me to spell the surname?"): the agent says yes to it and asks for the last name, which
    is then added to that first name (not taken for the whole name)."""
    missing_name_asked: bool = False
    """The account found has no name and the caller was asked for it (once a call)."""
    """A first name alone was given; the last name was asked for (once)."""
    name_unclear: bool = False
    """The recogniser heard a name it could not vouch for (``listening.UNCLEAR_NAME``): the
    account is opened as "Unknown Caller" unless a name is heard later."""
    name_doubted: bool = False
    """``name`` was heard by ear and the recogniser's readers did not vouch for it
    (``listening.NAME_DOUBTED``): asked spelled, never read inside the booking question (a yes
    to a booking does not check a surname said in passing); with no spelling, left for the
    front desk as "Unknown Caller"."""
    name_with_number: bool = False
    """That name was said with the number, at a number question (``listening.NAME_UNHEARD``):
    the number's read-back says the name was not caught."""
    user_known: bool = False
    spoken: bool = False
    """The number was heard as words (recognised speech), not typed or keyed in."""
    caller_id: str | None = None
    """The number the call comes from (telephony caller ID), national digits or E.164."""
    other_number: str | None = None
    """Another whole number the caller offered as possibly theirs ("either ... or ...", an
    old and a new phone): looked up when ``number`` holds nothing to change or read out."""
    relative_name: str | None = None
    """Someone the caller rings for, by name; their account when the number is theirs."""
    rejected_numbers: list[str] = field(default_factory=list)
    """Whole numbers read back that the caller said were wrong (heard as speech)."""
    others_numbers: list[str] = field(default_factory=list)
    """Numbers the caller said were someone else's ("for my neighbour, 617 ..."): not looked
    up later in the call either, whoever the caller then says they are."""
    rejected_groups: dict[int, list[str]] = field(default_factory=dict)
    """Per group of 3-3-4 (0, 1, 2): readings of it the caller said were wrong. The
    recogniser is told them (a voice is misheard the same way every time it is asked)."""
    checking: str | None = None
    """A whole number the caller rejected, whose groups are read back one at a time so
    only the wrong ones are asked for again."""
    checked: set[int] = field(default_factory=set)
    """Groups of ``checking`` already read back."""
    last_group: str | None = None
    """The group just heard in group collection, read back with the next question; a "no"
    to that question takes it back."""
    from_groups: bool = False
    """The number was put together from groups: it is read back whole, and confirmed,
    before it is looked up."""
    doubted: str | None = None
    """A whole number the recogniser's readers did not agree on
    (``listening.NUMBER_UNSURE``): asked for again before it is looked up, and taken once
    heard the same again (or heard again with the readers agreeing)."""
    one_reader: str | None = None
    """A whole number only one of the recogniser's readers heard that way
    (``listening.NUMBER_ONE_READER``): looked up, and, with no account to vouch for it,
    held as ``doubted`` before one is opened."""
    uncontested: bool = False
    """``one_reader`` was heard otherwise by no other reader (``listening.NUMBER_UNCONTESTED``):
    with no account to vouch for it, read back for the caller's yes or fix, not held as
    ``doubted``."""
    faint: int | None = None
    """The group (0, 1, 2 of 3-3-4) of ``one_reader`` or ``doubted`` the recogniser heard a
    digit of only faintly (``listening.weak_mark``): named when the number is asked for
    again, so the caller listens for it."""
    doubt_asks: int = 0
    """Times the caller was asked to say ``doubted`` again and said no number."""
    doubted_whole: bool = False
    """``doubted`` is a whole reading one reader made (``one_reader`` with no account to
    vouch for it), not a reading the readers disagreed on: a second hearing that differs
    from it contradicts it, however agreed (``tracking.taken_when_heard_again``)."""

    @property
    def group_index(self) -> int:
        """The group collected next (0, 1 or 2) from the digits taken so far."""
        return min(2, len(self.digits) // 3)

    def rejected_for(self, index: int) -> tuple[str, ...]:
        return tuple(self.rejected_groups.get(index, ()))

    def reject_group(self, index: int, reading: str) -> None:
        readings = self.rejected_groups.setdefault(index, [])
        if reading and reading not in readings:
            readings.append(reading)

    parts_unannounced: bool = False
    """The number is to be asked for in parts, and the preface ("let's take it in parts") was
    not said, another question coming first: the first group asked says so."""

    def start_groups(self, *, checking: str | None = None) -> None:
        """Collect the number three, three and four digits at a time (reading back each
        group of ``checking``, a number the caller rejected, first)."""
        self.groups = True
        self.digits = ""
        self.checking = checking
        self.checked = set()
        self.last_group = None

    def stop_groups(self) -> None:
        self.groups = False
        self.checking = None
        self.checked = set()
        self.last_group = None

    @property
    def identified(self) -> bool:
        return self.status in ("identified", "registered")

    def forget_number(self) -> None:
        self.holder_check = None
        self.holder_tried = None
        if self.name_from_account:
            # the account's name goes with its number; the name the caller gave themselves
            # before it was found stays theirs ("oh, that's my mum's landline, mine is ...")
            self.name = self.said_name
            self.name_from_account = False
            self.name_confirmed = True
        self.digits = ""
        self.number = None
        self.looked_up = None
        self.status = None
        self.number_ok = False
        self.user_known = False
        self.from_groups = False
        self.one_reader = None
        self.uncontested = False
        self.faint = None


@dataclass
class DialogueState:
    today: date
    asked: Asked = "request"
    offered: tuple[tuple[date, time], ...] = ()
    offered_before: tuple[tuple[date, time], ...] = ()
    proposed_before: tuple[tuple[date, time], ...] = ()
    """Each time proposed on its own in this task ("Shall I book Tuesday at 11?")."""
    """Every time offered for the task so far ("the first one you said on Tuesday", after
    Wednesday's were read out)."""
    proposal: Proposal | None = None
    """The change the agent's last turn asked the caller to confirm."""
    accepted: Proposal | None = None
    """A change the caller said yes to, waiting to be made (after identification if needed)."""
    target_hint: Understanding | None = None
    """What the caller said about the appointment they mean, before their account was found."""
    hints_before: list[Understanding] = field(default_factory=list)
    """Earlier turns' such hints, read again first ("Friday at 2 - that's where I want it
    moved", then "it's my appointment tomorrow": where to, then which)."""
    hints_read: tuple[Understanding, ...] = ()
    """The hints read when the last account was found, read again when the caller gives
    another number (a misdialled number's account holds none of theirs: "cancel my Friday
    one", then "sorry, that's not my number, it's ...")."""
    follow_ups: list[FollowUp] = field(default_factory=list)
    """Changes asked for with the current one, taken up in turn once it is done."""
    user_turns: int = 0
    # who is calling
    identity: Identity = field(default_factory=Identity)
    appointments: list[Appt] = field(default_factory=list)
    rename: Rename = field(default_factory=Rename)
    # what they want
    task: Task | None = None
    target: str | None = None
    """The code of the appointment a move, cancellation or code question is about."""
    agreed: set[str] = field(default_factory=set)
    """Appointments a yes already covered, changed in turn without asking again ("both")."""
    instead: bool = False
    event: EventRelation | None = None
    """A day wanted counted from an event the caller has not dated yet ("the day after my
    chemo"): the next date the caller says is the event's, and the day is counted from it."""
    """A booking asked for "instead" ("could I come in tomorrow instead?") before the caller's
    appointments are known: a move, if they turn out to have one."""
    asked_about: date | None = None
    """The day the caller asked a question about ("are you open on Christmas Eve?"), which
    "that morning" then means."""
    last_task: Task | None = None
    """The task finished last ("the one on the 18th" after the codes were read: that code)."""
    request: Request = field(default_factory=Request)
    availability: dict[date, tuple[time, ...]] = field(default_factory=dict)
    closed: dict[date, ToolFailure] = field(default_factory=dict)
    unavailable: set[tuple[date, time]] = field(default_factory=set)
    # what happened
    done: list[tuple[str, Appt]] = field(default_factory=list)
    moved_from: dict[str, tuple[date, time]] = field(default_factory=dict)
    """Where each appointment moved in this call was before its first move (by code): "put it
    back", "can I have my old time back" ask for that slot again."""
    listed: bool = False
    """get_user_appointments answered during the current request."""
    tools_called: int = 0
    clock_known: bool = False
    now: time | None = None
    """The clinic's time of day when the clock was read (for "2 PM today has passed")."""
    # this turn (reset when the caller speaks)
    heard: Understanding | None = None
    done_now: list[tuple[str, Appt]] = field(default_factory=list)
    phone_spliced: bool = False
    """This turn corrected the ending of the number read back (its digits are used up)."""
    notes: list[str] = field(default_factory=list)
    time_unreal: bool = False
    """This turn asked for a time no clock shows ("25:00"): the day's times are offered as a
    choice, none proposed for it."""
    condition_checked: str = ""
    """The condition of the caller's yes, checked ("Yes, 10 AM is in the morning."): said
    before what the yes did."""
    failure: ToolFailure | None = None
    failed_call: str | None = None
    progressed: bool = False
    answered_question: bool = False
    greeted: bool = False
    welcomed: bool = False
    just_done: bool = False
    repeat: bool = False
    wants_person: bool = False
    turn_calls: set[tuple[str, str]] = field(default_factory=set)
    # across turns
    attempts: Counter[str] = field(default_factory=Counter)
    ending: bool = False
    leaving: bool = False
    """The caller said goodbye with the yes the booking question waited on, before their
    account was open ("Yes please. That's all, thanks, bye"): the yes is taken (the account
    opened, the booking made) and then the call ends, nothing more asked. Speaking again
    clears it (a caller still on the line)."""
    emergency: bool = False
    """The caller described a medical emergency this turn: the 911 message, no question."""
    emergency_told: bool = False
    """The 911 message was said: the call ends on "take care", not "have a great day"."""
    more_invited: bool = False
    """The caller said yes to "anything else?" and was asked what else, last turn."""
    end_called: bool = False
    phone_line: bool = False
    keypad: bool = False
    """A browser call whose page has a keypad (``CallInfo.keypad``)."""
    keypad_told: bool = False
    """The agent has said the number can be typed on the page's keypad."""
    by_ear: bool = True
    """The caller's words come from a speech recogniser (a voice call), not typed text."""
    answered_other: int = 0
    """Lines that answered another question than the number asked for ("the one on Thursday")
    and were taken as they were: a few a call, then such a line counts as no number given."""
    transferring: bool = False
    """transfer_to_staff answered and the caller has not spoken since (a caller who speaks
    again is still with the agent: the transfer failed)."""
    transfer_tried: bool = False
    transfer_reason: str | None = None
    open_weekdays: frozenset[int] = frozenset(range(5))
    """The weekdays the clinic opens (Monday 0), from its calendar."""
    closed_day_heard: date | None = None
    """A day the clinic is closed, said alone to a choice of open days ("saturday" to "On
    Friday I have 9 or 10"): likely misheard ("thanks"), so asked back, nothing changed."""
    last_reply: str = ""
    kept_now: bool = False
    """This turn turned the move down ("don't move it, I'll be there"): nothing else in it
    asks for one."""
    late_noted: bool = False
    """The caller said they are running late, and heard that no message can be passed on."""
    clash_told: bool = False
    """A weekday-and-date clash was told about in the last reply: "no, the Thursday" next is
    about the day, not a no to whatever else that reply asked."""
    clash_days: tuple[date, ...] = ()
    """The days a weekday-and-date clash was just told about ("Monday the 8th": the 7th and the
    8th): the caller's "the Monday" next is the one of these."""
    set_aside_move: Proposal | None = None
    """The move proposed that a booking asked for in its place set aside ("keep the Thursday
    and book the Tuesday as well" to "shall I move Thursday's to Tuesday the 15th at 10?"):
    the booking goes to its slot when no other is said, and "no, just move it" after goes
    back to it."""
    clash_proposal: Proposal | None = None
    """The slot proposed that a clash in the caller's yes to it set aside ("Tuesday the 16th at
    11, great" to "shall I book Tuesday, December 15th at 11 AM?"): "the 15th, yes, Tuesday,
    book it" next is a yes to it (its day and a yes said), not a new request asked about again."""
    clash_window: tuple[time, time] | None = None
    """The hours asked for with the clashing day ("Thursday the 16th in the afternoon"): kept
    for whichever of the two days the caller then says."""
    said: list[str] = field(default_factory=list)
    """What the caller said, turn by turn (a name the understanding did not pick out, "...
    too late. priya nair 973 555 1288", is still found there by the account's own name)."""
    before_wait: str = ""
    """What the agent said before the caller asked it to wait ("hang on, let me get a pen"):
    said again when the caller is back ("okay, go ahead")."""

    def begin_user_turn(self) -> None:
        self.phone_spliced = False
        self.closed_day_heard = None
        self.user_turns += 1
        self.leaving = False
        self.kept_now = False
        self.done_now = []
        self.notes = []
        self.time_unreal = False
        self.condition_checked = ""
        self.failure = None
        self.failed_call = None
        self.progressed = False
        self.answered_question = False
        self.greeted = False
        self.welcomed = False
        self.just_done = False
        self.repeat = False
        self.wants_person = False
        self.turn_calls = set()
        self.transferring = False

    def end_agent_turn(self) -> None:
        self.done_now = []
        self.notes = []
        self.condition_checked = ""
        self.failure = None
        self.failed_call = None
        self.answered_question = False
        self.greeted = False
        self.welcomed = False
        self.just_done = False
        self.repeat = False

    # --- lookups ------------------------------------------------------------------------------
    def upcoming(self) -> list[Appt]:
        """Active appointments still to come (get_user_appointments also returns past ones)."""

        def ahead(a: Appt) -> bool:
            if a.day != self.today:
                return a.day > self.today
            return self.now is None or a.start > self.now

        return sorted(
            (a for a in self.appointments if a.active and ahead(a)), key=lambda a: (a.day, a.start)
        )

    def target_appt(self) -> Appt | None:
        appts = self.upcoming()
        if self.target is not None:
            for a in appts:
                if a.code == self.target:
                    return a
            return None
        if len(appts) == 1:
            return appts[0]
        return None

    def holds(self, day: date, at: time) -> Appt | None:
        for a in self.upcoming():
            if a.day == day and a.start == at:
                return a
        return None

    def free_times(self, day: date) -> tuple[time, ...] | None:
        times = self.availability.get(day)
        if times is None:
            return None
        return tuple(t for t in times if (day, t) not in self.unavailable)

    def finish_task(self) -> None:
        if self.task is not None:
            self.last_task = self.task
        self.listed = False
        self.task = None
        self.target = None
        self.request = Request()
        self.proposal = None
        self.accepted = None
        self.target_hint = None
        self.hints_before = []
        self.hints_read = ()
        self.offered = ()
        self.offered_before = ()
        self.proposed_before = ()
        self.instead = False


_BESIDE_OWN: Final = re.compile(
    r"\bthe (?:one|appointment|booking)(?: that| which)?(?: comes| is)? (after|before) (?:my|the)"
    r" (monday|tuesday|wednesday|thursday|friday|saturday)(?: s)? (?:one|appointment|booking)\b"
)
"""An appointment named by its place beside another ("the one after my Tuesday one")."""


def pick_appointment(appts: list[Appt], heard: Understanding) -> Appt | None:
    """The one appointment a caller's description matches ("the Thursday one", "my two
    o'clock", "the December 3rd one", "the second one", a code), or None."""
    if not appts:
        return None
    if heard.code is not None:
        for a in appts:
            if a.code == heard.code:
                return a
    beside = _BESIDE_OWN.search(" ".join(t.text for t in heard.tokens))
    if beside is not None:
        # "the one that comes after my Tuesday one": the next appointment after that one
        ordered = sorted(appts, key=lambda a: (a.day, a.start))
        weekday = WEEKDAY_WORDS.index(beside.group(2))
        named = [k for k, a in enumerate(ordered) if a.day.weekday() == weekday]
        k = named[0] + (1 if beside.group(1) == "after" else -1) if len(named) == 1 else -1
        return ordered[k] if 0 <= k < len(ordered) else None
    matches = list(appts)
    when = heard.when
    if heard.kept_months:
        # "cancel the one before Christmas - keep the January one though": not that one
        rest = [a for a in matches if a.day.month not in heard.kept_months]
        if len(rest) == 1 and len(appts) > 1:
            return rest[0]
        matches = rest or matches
    if heard.months and (when.day is None or not when.day.dates):
        by_month = [a for a in matches if a.day.month in heard.months]
        if by_month:
            matches = by_month
            if len(matches) == 1:
                return matches[0]
    if when.day is not None and when.day.dates:
        wanted = set(when.day.dates)
        by_day = [a for a in matches if a.day in wanted]
        if not by_day and when.day.from_weekday:
            weekday = when.day.dates[0].weekday()
            by_day = [a for a in matches if a.day.weekday() == weekday]
        if by_day:
            matches = by_day
        elif len(when.day.dates) == 1:
            return None
    if when.time is not None and when.time.at is not None:
        by_time = [a for a in matches if a.start == when.time.at]
        if by_time:
            matches = by_time
        elif len(matches) > 1:
            return None
    elif when.time is not None and when.time.window is not None:
        lo, hi = when.time.window
        by_window = [a for a in matches if lo <= a.start < hi]
        if by_window:
            matches = by_window
    if len(matches) == 1 and len(appts) > 1 and (when.day is not None or when.time is not None):
        return matches[0]
    if heard.ordinal is not None and len(matches) > 1:
        idx = heard.ordinal - 1 if heard.ordinal > 0 else len(matches) + heard.ordinal
        if 0 <= idx < len(matches):
            return matches[idx]
    if len(matches) == 1 and len(appts) == 1:
        return matches[0]
    return None


def beside_anchor(b: BesideHeld, appts: list[Appt], moved: str | None) -> Appt | None:
    """The held appointment a move is placed by ("the Tuesday one", "the earlier one", "the
    other one": not the one moved), when it is one of ``appts``."""
    others = [a for a in appts if a.code != moved]
    if b.weekday is not None:
        named = [a for a in others if a.day.weekday() == b.weekday]
    elif b.place is not None:
        ordered = sorted(appts, key=lambda a: (a.day, a.start))
        end = ordered[0] if b.place == 1 else ordered[-1]
        named = [end] if end in others else []
    else:
        named = others
    return named[0] if len(named) == 1 else None


def shifted(day: date, at: time, minutes: int) -> tuple[date, time]:
    moment = (day.toordinal() * 24 * 60) + at.hour * 60 + at.minute + minutes
    new_day = date.fromordinal(moment // (24 * 60))
    rest = moment % (24 * 60)
    return new_day, time(rest // 60, rest % 60)


def with_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


__all__ = [
    "Action",
    "DialogueState",
    "FollowUp",
    "Identity",
    "Proposal",
    "Request",
    "pick_appointment",
    "replace",
    "shifted",
    "with_days",
]
