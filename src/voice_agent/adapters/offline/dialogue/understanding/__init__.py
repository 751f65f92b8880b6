"""Understanding one caller utterance, typed or recognised, in the context of what the agent
last asked. Pure Python.

:func:`understand` returns an :class:`Understanding`: the task asked for, yes/no, goodbye,
questions about the clinic, and the details given (phone digits, name, code, day and time
after the caller's own corrections). Deciding what to do with it is the policy's business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Final, Literal
from zoneinfo import ZoneInfo

from voice_agent.adapters.offline.dialogue.understanding import acts
from voice_agent.adapters.offline.dialogue.understanding.acts import NameFix, Task
from voice_agent.adapters.offline.dialogue.understanding.beside import (
    MOVED_FIRST,
    BesideHeld,
    beside_held,
    counts_said,
)
from voice_agent.adapters.offline.dialogue.understanding.codes import find_code, typed_code
from voice_agent.adapters.offline.dialogue.understanding.events import EventRelation, event_relation
from voice_agent.adapters.offline.dialogue.understanding.numbers import (
    PhoneHeard,
    digit_runs,
    keypad_digits,
    phone_in,
)
from voice_agent.adapters.offline.dialogue.understanding.ranked import ranked_choices
from voice_agent.adapters.offline.dialogue.understanding.spelling import expand
from voice_agent.adapters.offline.dialogue.understanding.tokens import (
    WEEKDAY_WORD,
    Token,
    hour_words,
    joined,
    tokenize,
)
from voice_agent.adapters.offline.dialogue.understanding.when import (
    BadDay,
    BadTime,
    DayMention,
    Hours,
    TimeMention,
    WeekdayClash,
    When,
    bad_days,
    bad_times,
    day_mentions,
    day_shift,
    resolve,
    shifted_day,
    time_mentions,
    weekday_clash,
)
from voice_agent.adapters.offline.dialogue.understanding.zones import in_clinic_time
from voice_agent.domain.datetimes import MONTHS
from voice_agent.domain.spoken_numbers import ORDINALS
from voice_agent.domain.weekdays import WEEKDAY_WORDS

__all__ = ["Asked", "Context", "Hours", "Task", "Understanding", "understand"]

Asked = Literal[
    "request",
    "phone",
    "phone_confirm",
    "phone_check",
    "identity_confirm",
    "name",
    "name_confirm",
    "surname",
    "spell",
    "datetime",
    "time",
    "day",
    "choose_time",
    "confirm",
    "which_appointment",
    "change_or_cancel",
    "code",
    "offer_book",
    "offer_change",
    "anything_else",
    "rename",
    "rename_spell",
    "rename_confirm",
]
"""What the agent's last turn asked the caller for."""

YES_NO_QUESTIONS: Final = frozenset(
    {
        "phone_confirm",
        "phone_check",
        "identity_confirm",
        "name_confirm",
        "confirm",
        "offer_book",
        "offer_change",
        "anything_else",
        "rename_confirm",
    }
)
NUMBER_QUESTIONS: Final = frozenset({"phone", "phone_confirm", "phone_check"})
"""Questions whose answer may be digits of the caller's phone number (a read-back of a
number, or of one group of it, is answered "no, it's six one seven")."""
TIME_QUESTIONS: Final = frozenset({"datetime", "time", "day", "choose_time", "confirm"})
_WHO_QUESTIONS: Final = frozenset(
    {"identity_confirm", "phone_confirm", "phone_check", "name", "name_confirm"}
)
"""Questions about who the caller is: "I'm not (her)" answers them."""
_RENAME_QUESTIONS: Final = frozenset({"rename", "rename_spell"})
_NO_BARE_TIME: Final = frozenset({*NUMBER_QUESTIONS, "code", "name", "spell", *_RENAME_QUESTIONS})


@dataclass(frozen=True, slots=True)
class FaqKey:
    """One clinic question the understanding can recognise (from the clinic profile)."""

    index: int
    keywords: frozenset[str]


@dataclass(frozen=True, slots=True)
class Context:
    today: date
    asked: Asked = "request"
    hours: Hours = field(default_factory=Hours)
    faq: tuple[FaqKey, ...] = ()
    anchor: date | None = None
    """The day under discussion (a slot proposed, an appointment being moved)."""
    proposed: date | None = None
    """The day of the slot the agent just proposed ("Monday at 10 is ok" means that Monday)."""
    cancel_proposed: bool = False
    """The change read back for a yes is a cancel: a day asked for after the yes ("yes, get rid
    of it. And could I have the Tuesday after instead?") is a booking in its place."""
    discussed: date | None = None
    """A date the caller asked for or asked about ("the 14th", then "Monday's fine")."""
    clinic_phone: str = ""
    """The clinic's own number (its last ten digits): read out from a letter or a text, it is
    never the caller's."""
    digits_short: int = 0
    """The digits the number heard so far lacks, when the agent asked for the rest of it
    ("I have 617-555-014 so far. And the rest?" is answered "2")."""
    last_day: date | None = None
    """The last day the clinic books (today and its booking horizon)."""
    focus: date | None = None
    """A day in a later month than today's that the call is about (asked for, proposed, being
    moved): "the 11th" said bare is that month's."""
    now: time | None = None
    """The clinic's time of day when the clock was read, for a time counted from the moment of
    the call ("in an hour or so", "this time tomorrow")."""
    zone: ZoneInfo | None = None
    """The clinic's time zone: a time said in the caller's own ("noon Central") is read in it."""


@dataclass(frozen=True, slots=True)
class Understanding:
    text: str
    tokens: tuple[Token, ...] = ()
    task: Task | None = None
    drops_change: bool = False
    """The change under way given up for a new booking said after it ("keep the 10th, just
    add Monday as well"): the task is that booking, not the change."""
    put_off: bool = False
    """A further ask put off for now ("forget January for now"): what was queued is dropped."""
    cant_make: bool = False
    yes: bool = False
    no: bool = False
    end: bool = False
    greeting: bool = False
    thanks: bool = False
    correction: bool = False
    phone: PhoneHeard | None = None
    keypad: str | None = None
    name: str | None = None
    spelled: str | None = None
    surname_offered: bool = False
    """An offer to spell the last name ("Marta - shall I spell the surname?", "do you need
    my last name spelled?"): any name said before it is the first name alone."""
    name_fix: NameFix | None = None
    """The name on the caller's account said to be wrong ("you've got my name wrong", "it's
    Ruiz, not Rooz"), and what it should be when said."""
    code: str | None = None
    when: When = field(default_factory=When)
    days: tuple[DayMention, ...] = ()
    """Every day mentioned, in order (to tell "my Friday one" from "to Monday")."""
    times: tuple[TimeMention, ...] = ()
    day_shift: int | None = None
    after_held: bool = False
    """ "The next one after mine": the first opening after the appointment being moved."""
    after_other: bool = False
    """ "Could it go after the other one?": the first opening after the caller's other
    appointment, that day."""
    beside: BesideHeld | None = None
    """ "Can the Thursday one go on the same day as the Tuesday one, right after it?": where
    the one moved goes, said by another one held (its days are not in ``days``)."""
    later_that_week: bool = False
    """ "Move the 9th to later in the week": the days after the appointment, that week."""
    before_held: bool = False
    """ "Anything sooner? If not I'll stick with Monday": only a day before the appointment
    being moved, else it stays."""
    nearby: Literal["later", "earlier"] | None = None
    """ "Can I come a bit later?", "earlier in the day": a time after (or before) the
    appointment being moved, on its day unless a day is said."""
    months: tuple[int, ...] = ()
    """Months named on their own ("the December one")."""
    kept_months: tuple[int, ...] = ()
    """Months of appointments said to stay ("keep the January one though")."""
    ordinal: int | None = None
    questions: frozenset[str] = frozenset()
    wrong_number: bool = False
    late: bool = False
    """Running late for their appointment ("stuck in traffic", "20 minutes late")."""
    repeat: bool = False
    wait: bool = False
    relative: str | None = None
    """The person the caller rings for, by name ("for my mother, Rosa Diaz")."""
    their_number: bool = False
    """The number given is that person's ("her number is ...")."""
    not_the_callers: bool = False
    """The number is said to be someone's outside the caller's family ("my neighbour's
    number", "all the appointments for 617 ..."): not looked up."""
    clash: WeekdayClash | None = None
    """A weekday and a date said together that cannot both be meant ("Tuesday the 10th" when
    the 10th is a Thursday, "Tuesday the 24th" the day after it). Neither is taken for the
    other: the caller is told and asked."""
    bad_day: BadDay | None = None
    """A day asked for that has passed or does not exist ("yesterday", "November 31st")."""
    bad_time: BadTime | None = None
    """A time asked for that no clock shows ("25:00", "13 pm"), with no real time beside it:
    said back and asked again."""
    another: bool = False
    """A second booking on the caller's number ("me and my son", "my husband needs one too")."""
    right_after: bool = False
    """The booking in the hour after the one just made ("back to back", "right after me")."""
    second_visit: Understanding | None = None
    """ "Monday the 14th at 10, and then another one the Monday after, same time": the second
    booking's own day and time (read from the first one's day)."""
    second_day: When | None = None
    """The day and time of a second visit asked for with the first in one phrase ("one this
    Friday and a follow-up the Friday after"): booked after it, with a yes of its own."""
    only_that_day: bool = False
    """ "Anything before my 11 o'clock on Monday? If not I'll keep it": an earlier time on the
    appointment's day only (``nearby``), else it stays."""
    zone_note: str = ""
    """A time said in the caller's own time zone, said back in the clinic's ("11 AM Mountain
    time is 1 PM here, Eastern time.")."""
    then: Understanding | None = None
    """A second change asked for in a later sentence of the same turn ("Can you cancel my
    Thursday one? And then move the Tuesday one to the afternoon"): read on its own, done
    after the first."""
    event: EventRelation | None = None
    """A day counted from an event the caller has not dated ("the day after my chemo")."""

    @property
    def has_details(self) -> bool:
        return (
            self.phone is not None
            or self.name is not None
            or self.code is not None
            or not self.when.empty
            or self.day_shift is not None
            or self.after_held
            or self.later_that_week
            or self.before_held
            or self.nearby is not None
            or self.ordinal is not None
            or self.keypad is not None
        )

    @property
    def empty(self) -> bool:
        return not self.tokens


_FIXING = re.compile(r"\b(?:sorry|not|wrong|typo|mistake|oops|actually|meant|mean)\b")
_NUMBER_FIX = re.compile(
    r"\b(?:end|ends|endings?|last (?:four|three|two|digits?|bit|part)|number)\b"
)
_ASKS = re.compile(
    r"\b(?:what|where|how|when|which|who|why|is|are|do|does|can|could|will|would|should|any"
    r"|tell me|wondering|know if|need to know|question"
    # a learner's question without its "do": "i want ask you take blue cross insurance"
    r"|(?:want|wanted|like|need)(?: to)? ask|you (?:take|accept)"
    # "my wife wanted me to ask whether there's parking": a question asked for someone else
    r"|(?:wants|wanted|asked|told|said) (?:me|us) to (?:ask|check|find out)|whether"
    # a question put the negative way, unpunctuated as a recogniser writes it: "isnt there
    # anywhere to park", "dont you take aetna", "cant i park round the back"
    # ("i cant its too far", "i cant im at work": a statement, the subject's own clause after)
    r"|(?:is|are|do|does|did|ca|could|wo|would|should|was|were)n['’]?t"
    r" (?:there|you|i|we|it|they)(?!['’])(?! (?:know|think|mind|remember|sure)\b))\b"
)
_LONG_STORY: Final = 20
"""Words in a spoken line past which it is a story, not a question (see ``_questions``)."""
_CORRECTING = re.compile(
    rf"\bnot (?:at )?(?:\d|{hour_words()})\b"
    r"|\b(?:rather|instead) (?:than|of)\b|\bcorrection\b|\bi mean[t]?\b"
    # "Tuesday at 3, no sorry, 2", "Friday at 10 sorry 11", "at 3 no wait 2"
    r"|\b(?:no|sorry|wait|actually|oops|scratch that)(?: (?:no|sorry|wait|actually|sorry i mean))*"
    rf" (?:at |make (?:it|that) )?(?:\d{{1,2}}|{hour_words()})(?: oclock| pm| am| thirty)?$"
)
# "how about 11", "make it 3", "can we do 2 instead": a time put forward, not digits
_PROPOSING = re.compile(
    r"\b(?:how|what) about (?:at )?\d{1,2}\b|\bmake (?:it|that) (?:at )?\d{1,2}\b"
    r"|\b(?:can|could) (?:we|i|you) (?:do|have|get) (?:at )?\d{1,2}\b|\b\d{1,2} instead\b"
    # "Ten, please." (all that is said): an hour chosen; a number is not asked for that way
    rf"|^(?:(?:er|um|uh|oh|yes|yeah|ok|okay) )?(?:\d{{1,2}}|{hour_words()})(?: oclock)? please$"
)
# "twelve then, if that's free", "noon instead", "let's say one then": an hour put forward as
# the time wanted (said before the caller's number, to the number question)
_PUT_FORWARD = re.compile(
    rf"(?:^|\b(?:ok|okay|so|well|right|say|then|lets say|try|maybe|or) )"
    rf"(?:\d{{1,2}}|{hour_words('noon', 'midday')})(?: oclock| pm| am| thirty)?"
    r" (?:then|instead|if (?:thats|its|that is|it is|you have|youve got|you can)\b)"
)
# "eleven is good for me", "three's fine", "nine is too early", "two works", "ten or after": an
# hour judged as a time to come in, said to the number question (a digit of a number is never
# called good or too early)
_AN_HOUR: Final = rf"(?:{hour_words('noon', 'midday')}|\d{{1,2}})(?: oclock| pm| am| thirty)?"
_WHOM: Final = r"(?:me|myself|him|her|us|them|my \w+|the \w+)\b"
_HOUR_JUDGED = re.compile(
    # (not "the Tuesday one is fine", "that one's good": an appointment, not an hour)
    rf"(?<!the )(?<!that )(?<!this )(?<!day )\b{_AN_HOUR}"
    r" (?:(?:is |would be |sounds |s )?(?:(?:really|just|a bit|way) )?"
    r"(?:good|fine|great|perfect|best|better|too early|too late)"
    r"|suits me|works|or (?:after|later|earlier|before)|at the (?:earliest|latest))\b"
    # "ten for me and eleven for him", "two for my son, three for me": an hour for each of two
    # people (not "one for me and one for him": two appointments, no hour)
    rf"|\b(?!one\b){_AN_HOUR} for {_WHOM}(?: and| then)? (?!one\b){_AN_HOUR} for {_WHOM}"
    # "not nine though, that's too early", "not ten please": an hour ruled out (not "no, not
    # nine, five": a digit put right)
    rf"|\bnot {_AN_HOUR} (?:though|tho|thanks|please|thats|that s|that is|its too|it s too|too"
    r" early|too late)\b"
)
# "Thursday the 3rd ... wait, make that Friday": a weekday correcting the day in question is
# in that day's week (the Friday after it), not the next Friday from today
_DAY_FIX = re.compile(
    r"\bmake (?:it|that)\b|\binstead\b|\bi mean[t]?\b|\brather\b"
    # "Wednesday's no good after all, can you move it again, to Thursday?": that week's
    r"|\b(?:move|change|switch|shift|put) (?:it|that) again\b"
)
_PHONE_CUE = re.compile(
    r"\b(?:number is|numbers|number s|phone is|phone number|my number|call me at|reach me at"
    r"|mobile is|cell is|my cell|my mobile|mines|mine is|my own is|my own number)\b"
)
_NUMBER_NEXT = re.compile(
    r"\s+(?:is\s+|its\s+|s\s+)?(?:\d|oh\b|o\b|zero|one|two|three|four|five|six|seven|eight"
    r"|nine|double|triple|plus|area)"
)
"""What follows a number cue when a number is being said after it."""
_ONE_NOT_AN_HOUR = r"one(?! (?:p m|a m|pm|am|o'?clock)\b)"
"""The "one" of "the first one", not the hour of "the fifth one p m" (the 5th at 1 PM)."""
_OF_THE_SET = r"of (?:those|them|the two|the pair|them both|both|the three|those two)"
"""The set picked from: "the later of the two", "the earlier of the pair"."""
_ORDINAL_PICK = re.compile(
    # (not the day of "the twenty second one p m", "the thirty first one": a date)
    r"\b(?:the )?(?<!twenty )(?<!thirty )"
    # (not "on second thoughts", "hang on a second", "one second": a pause, not a pick)
    r"(?:(first|(?<!\ba )(?<!\bone )second(?! thoughts?\b)|third|fourth|fifth|sixth|seventh"
    r"|last|former|latter)"
    r"(?: "
    + _ONE_NOT_AN_HOUR
    + r"| slot| time| option| appointment| opening| "
    + _OF_THE_SET
    + r")?"
    # (not the "later" of "a week later", "two days later": a day counted on)
    r"|(?<!week )(?<!weeks )(?<!day )(?<!days )(?<!fortnight )(?<!month )(?<!months )"
    r"(earlier|later|earliest|latest)(?: one| slot| time| option| "
    + _OF_THE_SET
    + r"| (?:that|the same|in the) day|$))\b"
)
_NOT_THE_FIRST = re.compile(
    r"\bnot the first(?: one)?\W+(?:but )?(?:the )?(?:next|second|other)(?: one)?\b"
)
"""A pick past the first: "not the first one, the next one"."""
_STEP_FROM_PICK = re.compile(
    r"\b(?:no|wait|sorry|actually|make it|or)\b(?: \w+){0,3}? the "
    r"(?:one (after|before)(?: that| it)?|(next) one|one (?:just )?(after|before))\b"
)
"""A pick corrected by one step ("the first one - no wait, the one after that")."""
_NUMBERED_PICK = re.compile(
    r"\b(?:number|option|choice) (one|two|three|four|five)\b"
    r"(?! (?:one|two|three|four|five|six|seven|eight|nine|zero|oh)\b)"
)
"""An offered time picked by its place in the list: "I'll go with number two"."""
_NUMBER_WORDS: Final = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_ORDINAL_VALUES: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "earliest": 1, "earlier": 1, "former": 1, "last": -1, "latest": -1, "later": -1,
    "latter": -1, "early": 1, "late": -1,
}  # fmt: skip
_DIGIT_LEFT_OUT: Final = re.compile(
    r"\b(?:missed|left|dropped|forgot|forgotten|missing|skipped|lost|put|typed|added)"
    r"(?: off| out| in)? (?:the|a|an|that|my) (\d)\b(?! (?:o ?clock|am|pm)\b)"
)
"""A figure spoken of as typed ("I missed off the 1", "forgot the 1", "put a 2 in"): no hour."""
_ORDINAL_NOUN = re.compile(
    r"\b(?:the )?(?<!twenty )(?<!thirty )(?:first|second|third|fourth|fifth|sixth|seventh|last)"
    r" (?:" + _ONE_NOT_AN_HOUR + r"|slot|time|option|appointment|opening|of (?:those|them))\b"
)
_HELD_ORDINAL = re.compile(
    r"\bthe (first|second|third|last|earlier|later|earliest|latest|early|late|sooner|middle)"
    r" (?:one|appointment|booking|of (?:them|those|the two|the three"
    r"|my (?:two |three )?(?:appointments|bookings|ones)))\b"
    # "move my second appointment", "my later one" (not "my last appointment": a visit had)
    r"|\bmy (first|second|third|earlier|later) (?:one|appointment|booking)\b"
    # "whichever one is sooner", "whichever comes last", "whichever's sooner"
    r"|\bwhichevers?(?: one)?(?: is| s| comes| falls)? (first|last|earlier|later|sooner)\b"
    # "the one that's later in the week", "the one later on"
    r"|\bthe (?:one|appointment|booking)(?: that| which| thats)?(?: is| s| comes| falls)?"
    r" (earlier|later|sooner) (?:in the (?:week|month)|on)\b"
    # "keep the first and the last, the one in between can go"
    r"|\bthe (?:one|appointment|booking) (in between|in the middle)\b"
)
"""One of the caller's own appointments by its place, said with the change asked for."""
_SOONER_OF_EITHER: Final = re.compile(
    r"\b(?:whichever|whatever)(?: one)?(?: is| s|s| comes)? (?:first|sooner|soonest|earliest)\b"
)
"""Days said as alternatives, the sooner wanted ("Tuesday or Friday, whichever's first")."""
_KEPT_PART: Final = re.compile(
    r"\b(?:keep|keeping|hang on to|hold on to)\b.*?(?=\bthe one\b|\bbut\b|$)"
)
"""The appointments a caller keeps, named before the one to change."""
_HELD_PLACES: Final = {
    **_ORDINAL_VALUES, "sooner": 1, "middle": 2, "in between": 2, "in the middle": 2
}  # fmt: skip
"""The place a held appointment is named by: "the middle one" (of three) is the second."""
_NOT_THE_HELD = re.compile(
    r"\bnot the (first|earlier|earliest|early|sooner|last|later|latest|late)"
    r"(?: one| appointment| booking)?\W+(?:(?:but|its|it s|i mean) )?the other\b"
)
"""One of two named by the other ruled out: "not the early one, the other"."""
_NOT_THE_OFFERED = re.compile(
    r"\bnot the (earlier|earliest|early|sooner|later|latest|late)"
    r"(?: one| time| slot| option)?\W+(?:(?:but|its|it s|i mean|i want|i ll have) )?the other\b"
)
"""One of two offered named by the other ruled out: "not the later one - the other one"."""


def _end_of_the_part(when: When, ordinal: int) -> When:
    """ "No mornings at all? OK then, I'll take the later one (in the afternoon)": the first or
    last time of the part of the day said, offered or not (an offered one in it is picked
    first, by its place)."""
    part = when.time
    if (
        ordinal not in (1, -1)
        or part is None
        or part.window is None
        or part.at is not None
        or part.earliest
        or part.latest
    ):
        return when
    return replace(when, time=replace(part, earliest=ordinal == 1, latest=ordinal == -1))


_OF_THE_DAY = re.compile(r" (?:of|in) the (?:day|morning|afternoon|week)\b")
_DAYS_OWN: Final = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri)day\W+(?:the )?(?:last|first) (?:one|slot|time|appointment)"
    r"(?: that)? (?:(?:you|u) (?:have|got|ve got|have got|ve)|youve|uve)\b"
)
"""A day, then the first or last it has ("this Friday, the last one you have"): that day's
earliest or latest time, not a pick among the times offered for another."""
_PICK_QUESTIONS = frozenset(
    ["choose_time", "which_appointment", "offer_change", "datetime", "time", "confirm"]
)
_LEFT_TO_YOU = (
    r"(?:(?:you|u) (?:decide|pick|choose|tell me)|(?:its |thats )?up to you"
    r"|(?:your|ur) (?:choice|call|pick)|dealers choice|surprise me|whatever suits(?: you)?"
    r"|(?:any|either) of (?:those|them|these)(?! (?:is |are )?(?:no|not|bad)\b))\b"
)
"""The choice left to the receptionist ("any of those - you decide", "dealer's choice", "your
call"): the first of what fits is proposed, and still needs the caller's yes."""
_ANY_PICK = re.compile(
    r"\b(?:any|either)(?: (?:one|of (?:those|them|these)))? (?:is|are|will|would)? ?"
    r"(?:fine|good|ok|okay|do|work)\b"
    r"|\bwhichever\b|\bdoesnt matter\b|\bdont mind\b|\bi dont care\b|\bwhatevers?\b"
    r"|\b(?:the )?(?:closest|nearest) (?:one|to it|to that)\b"
    r"|\b(?:just )?(?:pick|choose) (?:one|any|for me)\b"
    rf"|\b{_LEFT_TO_YOU}"
)
_YOU_PICK = re.compile(rf"\b(?:just )?(?:pick|choose) (?:one|any|for me)\b|\b{_LEFT_TO_YOU}")
"""The choice left to the agent while a time is proposed: asked again, not a yes."""


_ANY_TIME = re.compile(
    r"\bwhenever\b|\bwhenevers\b|\bany ?time\b|\bany day\b|\bany (?:day|time) (?:is|works)\b"
    r"|\bwhatever (?:you have|you ve got|youve got|you got|works|is (?:free|open|first|soonest))\b"
    r"|\bwhatevers (?:free|open|first|soonest|good|easiest|next)\b"
    r"|\b(?:im|i m|i am) (?:flexible|easy|free (?:whenever|any ?time|all week))\b"
    r"|\bdoesnt matter\b|\bdont mind\b|\bno preference\b|\bup to you\b|\byou (?:pick|choose)\b"
    r"|\bnot fussy\b|\b(?:first|next) (?:opening|available|free|slot|one you have)\b"
    rf"|\b{_LEFT_TO_YOU}"
)
_FURTHEST = re.compile(
    r"\b(?:the )?(?:latest|last|furthest|farthest) (?:day|date)(?: (?:you|i) (?:can|could|have)"
    r"| possible| available| there is| you do)\b"
    r"|\bas (?:far|late) (?:ahead|out|forward|in advance) as (?:you can|possible|you go|i can)\b"
)
"""The last day the clinic books, asked for ("the latest day you can", "as far ahead as
possible")."""
_OTHER_DAY_THAT_WEEK = re.compile(
    r"\b(?:any|another|some|a different|other)(?: other)? day (?:in |of )?(?:that|the same"
    r"|that same|the) week\b"
)
"""Another day of the week of the day in question asked for ("any other day that week")."""
_ANY_TIME_QUESTIONS: Final = frozenset({"request", "datetime", "day", "time"})
"""Where "any time", "whenever" answers when (not a pick among offered times)."""


_BYE_LAST = re.compile(r"\b(?:good ?)?bye(?: (?:bye|now|then|for now|thanks|thank you))?\W*$")
_NO_THEN_BYE = re.compile(
    r"^(?:no|nope|nah)\b(?!.*\b(?:book|cancel|move|reschedule|change|another)\b)"
    r".*\b(?:good ?)?bye\b(?: \w+)?\W*$"
)
"""A no that says goodbye last, or but for one word ("no that's all, bye now")."""


_SECOND_VISIT = re.compile(
    r",?\s+(?:and|plus)\s+(?:then\s+)?(?:also\s+)?(?:another|a second)\s+"
    r"(?:(?:one|appointment|visit|follow[- ]?up)\b|(?=(?:\w+ )?(?:a|one|two|\d) weeks?\b))",
    re.I,
)
"""Where a second visit starts in a booking said in one breath: "... on the 14th at 10, and
then another one the Monday after", "... at ten o'clock, and a second precisely one week
thereafter"."""


_WEEKDAY_WORD = r"(?:mon|tues|wednes|thurs|fri)day"
_NEXT_TWO_WEEKDAYS: Final = re.compile(
    rf"\b(?:the )?(?:next|coming|following) (?:two|2) ({_WEEKDAY_WORD})s\b"
    rf"|\b(?:two|2) ({_WEEKDAY_WORD})s (?:in a row|running)\b",
    re.I,
)
"""Two visits a week apart said by their weekday ("the next two Fridays", "two Mondays in a
row")."""
_FOR_TWO_WEEKS: Final = re.compile(
    r"\s*\b(?:for|over) (?:the )?(?:next |coming |following )?(?:two|2|a couple of|couple of)"
    r" weeks(?: running| in a row)?\b",
    re.I,
)
_ONE_A_WEEK: Final = re.compile(
    r"\b(?:one|once|an appointment|a visit|one appointment) (?:a|each|every|per) week\b", re.I
)
_EVERY_WEEKDAY: Final = re.compile(
    rf"\b(?:every|each) (?={_WEEKDAY_WORD}\b)|\b(?:weekly|every week|each week)\b", re.I
)
_WEEKDAYS_SAID: Final = re.compile(rf"\b({_WEEKDAY_WORD})s\b", re.I)


def _weekly_pair(text: str) -> str | None:
    """The line of a caller asking for two visits a week apart ("one a week for the next two
    weeks, Mondays at nine", "every Wednesday morning for two weeks", "the next two Fridays at
    2"), said as the first of them alone; None when no such pair is asked for. (A series
    without a count, "every Tuesday", is another matter: the first is booked.)"""
    m = _NEXT_TWO_WEEKDAYS.search(text)
    if m is not None:
        return f"{text[: m.start()]}{m.group(1) or m.group(2)}{text[m.end() :]}"
    m = _FOR_TWO_WEEKS.search(text)
    if m is None:
        return None
    rest = f"{text[: m.start()]}{text[m.end() :]}"
    if not (_ONE_A_WEEK.search(rest) or _EVERY_WEEKDAY.search(rest) or _WEEKDAYS_SAID.search(rest)):
        return None
    rest = _ONE_A_WEEK.sub("one", rest)
    rest = _EVERY_WEEKDAY.sub("", rest)
    return _WEEKDAYS_SAID.sub(r"\1", rest)


def _outside_times(tokens: Sequence[Token], times: Sequence[TimeMention]) -> list[Token]:
    """``tokens`` without the words of the times heard in them ("two p m")."""
    inside = {k for t in times for k in range(t.start, t.end)}
    return [tok for k, tok in enumerate(tokens) if k not in inside]


_OWN_QUESTION_LET_GO: Final = re.compile(
    r"\?[^?]*?\b(?:never ?mind|doesnt matter|it doesnt matter|no matter)"
    r"(?: (?:then|anyway|though))?\W*$"
)
"""A question of the caller's own, then "never mind" closing the turn: the question let go."""


def understand(text: str, ctx: Context) -> Understanding:
    """Read one caller turn in the context of what the agent asked (see the module doc)."""
    u = _proposed_day_asked_back(_dated_by_event(_understand_turn(text, ctx)), ctx)
    return _which_of_two_asked_back(u, ctx)


_NUMBER_WORD: Final = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|noon|midday|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|first|second|third|fourth"
    r"|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
    r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
    r"(?: (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|one|two|three|four"
    r"|five|six|seven|eight|nine))?(?: ?oclock| ?[ap]m| in the (?:morning|afternoon))?"
)
_WHICH_OF_TWO: Final = re.compile(
    r"^\W*(?:(?:sorry|pardon|wait|hang on|hold on|um|uh|er|so|oh|hello|yeah|just to check"
    r"|did you say|was (?:it|that)|is (?:it|that)|you said)\W+)*"
    rf"(?:the |at )?{_NUMBER_WORD}\W+or\W+(?:was it |did you say |at )?(?:the )?{_NUMBER_WORD}"
    r"(?:\W+(?:you said|did you say|was it|sorry|then|again))*(?P<end>\W*\?)?"
)
_EITHER_WILL_DO: Final = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:is |are |would be |would do |either |whichever |both )?"
    r"(?:fine|works?|either|whichever|both|ok|okay|suits?|good|great|perfect|do)\b"
)
_LEADS_SORRY: Final = re.compile(r"^\W*(?:sorry|pardon|wait|hang on|hold on|did you say|was it)")


def _which_of_two_asked_back(u: Understanding, ctx: Context) -> Understanding:
    """ "Sorry, two or twelve? I'm on the bus", "three or four, sorry?", "the 30th or the
    3rd?" to a proposal: which of two numbers that sound alike was said, asked back. It is
    a question about the slot proposed, answered by saying it again - never a yes (the hour
    proposed is in it), nor a new day or time asked for."""
    if ctx.asked != "confirm" or ctx.proposed is None or u.task is not None:
        return u
    line = u.text.lower().replace("'", "").replace("’", "")
    m = _WHICH_OF_TWO.search(line)
    if m is None or (u.no and m.group("end") is None):
        # (a no after the question asked - "the 16th or the 6th? I don't want them mixed up"
        # - still leaves it a question: said again and asked again, nothing changed)
        return u
    if m.group("end") is None and not _LEADS_SORRY.search(line):
        return u  # "two or three, either's fine": not asked back
    if m.group("end") is None and _EITHER_WILL_DO.search(line[m.end() :]):
        return u  # "sorry, two or three is fine": a choice left open, not asked back
    if acts.YES.search(line, m.end()) is not None:
        return u  # "three or four? three, yes, book it": the answer said with the question
    return replace(
        u,
        yes=False,
        correction=False,
        when=When(),
        days=(),
        times=(),
        day_shift=None,
        repeat=True,
    )


_ASKS_BACK: Final = re.compile(
    r"\b(?:is|was|would|will) (?:that|it|this)(?: one)?\b|\?"
    r"|\b(?:right|correct|isnt it|is it|innit)\W*$"
)
"""A question asked back ("is that the 8th?", "that's next week, right?")."""
_ONLY_ASKS: Final = re.compile(
    r"^\W*(?:(?:sorry|wait|so|oh|um|uh|er|hang on|hold on|just to check)\W+)*"
    r"(?:is|was|would|will) (?:that|it|this)\b[^?]*\??\W*$"
)
"""Nothing but the question ("wait, is that next week yeah?"): a "yeah" in it is asked, not
said (not "is that this Friday? yes, please do")."""


def _proposed_day_asked_back(u: Understanding, ctx: Context) -> Understanding:
    """ "Sorry, is that Tuesday the 8th, that's next week yeah?", "is that next week?" to a
    proposal: the caller checking the day proposed, every day named holding it. The day is
    the one proposed (not the whole week named, nor a change to it); a yes said after it
    ("is that this Friday, the 4th? yes, please do") is still the caller's yes, a "yeah" in
    the question is not."""
    if ctx.asked != "confirm" or ctx.proposed is None or u.no or u.task is not None:
        return u
    line = u.text.lower()
    if not _ASKS_BACK.search(re.sub(r"[^\w\s?]", "", line)):
        return u
    named = [d for d in u.days if d.dates and not d.negated]
    if not named or any(ctx.proposed not in d.dates for d in named):
        return u
    if all(d.dates == (ctx.proposed,) for d in named) and not u.correction:
        return u
    day = replace(named[0], dates=(ctx.proposed,), either=False, fallback=False)
    yes = u.yes and not _ONLY_ASKS.search(line)
    return replace(u, when=replace(u.when, day=day), correction=False, yes=yes)


def _dated_by_event(u: Understanding) -> Understanding:
    """ "The day after my chemo", "the Friday before my son's play": a day counted from an event
    not dated yet. No day is taken from it ("Friday" is not this Friday); the relation waits
    for the event's date, and the turn asks for a visit."""
    line = " ".join(t.text for t in u.tokens)
    relation = event_relation(line)
    if relation is None:
        return u
    at = len(line[: relation.start].split())
    if any(d.start < at for d in u.days if d.dates):
        return u  # "Tuesday, the day after my chemo": the day is said
    when = replace(u.when, day=None)
    return replace(u, when=when, day_shift=None, event=relation, task=u.task or "book")


def _understand_turn(text: str, ctx: Context) -> Understanding:
    text = _without_opening_pair(text or "")
    text = _CALLED_BEFORE.sub(lambda m: m.group("what"), text)
    text = _BOOKED_BEFORE_WHEN.sub(lambda m: m.group("what"), text)
    text = _TAG_QUESTION.sub(lambda m: "." if m.group().endswith("?") else "", text)
    text = _SELF_ANSWERED.sub(lambda m: f"{m.group('day')}. ", text)
    text = _NUMERIC_PLACE.sub(lambda m: f"{m.group(1)} {_PLACE_WORDS[m.group(2).lower()]} ", text)
    text = _half_taken_back(text)
    text = _hour_put_right_for_one(text)
    text = _KEPT_AFTER_ONLY.sub(lambda m: f"{m.group('only')}.", text)
    text = _WAIT_FOR_HELD.sub(lambda m: m.group("wait"), text)
    # "so what's the first you have?": the earliest opening, not the 1st of a month
    text = _FIRST_YOU_HAVE.sub("the earliest", text)
    told = _yes_before_story(text or "", ctx)
    if told is not None:
        return told
    weekly = _weekly_pair(text or "")
    if weekly is not None:
        head = _understand(weekly, ctx)
        day = head.when.day
        if head.task in (None, "book") and day is not None and day.dates and not day.negated:
            # "every Wednesday morning for two weeks, ten is good": the first, and the same
            # time a week later booked after it (with its own yes, or one yes to both)
            soonest, again = day.dates[0], day.dates[0] + timedelta(days=7)
            one = replace(head.when, day=replace(day, dates=(soonest,), habit=False))
            two = replace(head.when, day=replace(day, dates=(again,), habit=False))
            return replace(head, text=text, task="book", another=True, when=one, second_day=two)
    visit = _SECOND_VISIT.search(text or "")
    if visit is not None:
        head = _understand(text[: visit.start()], ctx)
        anchor = head.when.day.exact if head.when.day is not None else None
        tail = _understand(text[visit.start() :], replace(ctx, anchor=anchor or ctx.anchor))
        if tail.when.day is None and tail.day_shift is not None and anchor is not None:
            # "and another one a week later", "a second one week thereafter": counted from
            # the first visit's day
            tail = _counted_from_first(tail, anchor)
        if head.task in (None, "book") and head.when.day is not None and tail.when.day is not None:
            return replace(head, text=text, task="book", second_visit=tail)
    agreed = _yes_then_another(text or "", ctx)
    if agreed is not None:
        return agreed
    first, second = _two_requests(text or "")
    if second is not None:
        head, tail = _understand(first, ctx), _understand(second, ctx)
        if tail.task is None and two_in_its_place(
            joined(tokenize(expand(first))), joined(tokenize(expand(second)))
        ):
            tail = replace(tail, task="book")  # "and instead give me two - Monday and Tuesday"
        said = head.when.day.exact if head.when.day is not None else None
        if said is not None and _THAT_WEEK_SAID.search(second):
            # "cancel next Tuesday's, and book me the Thursday, same week": that Tuesday's week
            tail = _understand(second, replace(ctx, anchor=said))
        if head.phone is None and tail.phone is not None and head.name in (None, tail.name):
            # "cancel Friday's, and then book me Monday - oh, it's Ann Lee, 617 ...": who is
            # calling goes with the call, not with the second request
            head = replace(head, phone=tail.phone, name=tail.name)
        return replace(head, text=text, then=tail)
    moves = _two_moves(text or "")
    if moves is not None:
        head = _understand(moves[0], ctx)
        tail = _understand(moves[1], ctx)
        if head.task is None and (
            _each_goes_somewhere(text or "", ctx) or _made_instead(moves[0], head, tail)
        ):
            head = replace(head, task="reschedule")
        if head.task == "reschedule":
            tail = replace(tail, task="reschedule")
            return replace(head, text=text, then=tail)
    return _understand(text, ctx)


_A_WEEKDAY: Final = r"(?:mon|tues|wednes|thurs|fri)day"
_KEPT_AFTER_ONLY: Final = re.compile(
    rf"(?P<only>\b(?:just|only) (?:the |my )?{_A_WEEKDAY}(?:'?s)?(?: one| appointment)?)"
    rf"[,;.]?\s+(?:(?:and|but) )?(?:(?:the|my) )?"
    rf"{_A_WEEKDAY}(?:'?s)?(?: (?:morning|afternoon|one|appointment))?(?:'s| is| can| will)?"
    r" (?:fine|ok|okay|alright|good|stay|stays|be fine|be ok|be okay)\b[^,.;!?]*",
    re.IGNORECASE,
)
"""The other one kept, said after all of them were taken back for one ("move both to the
afternoon? Actually no, just Monday's, Tuesday morning is fine", "only the Monday one -
Tuesday's fine"): no day to go to, and not the one to move. (A "keep the Wednesday" is read
as a keep where it is said.)"""


_WAIT_FOR_HELD: Final = re.compile(
    r"(?P<wait>\bwait(?:ing)?) (?:till|until|til|for) (?:my|our|the) (?:one|appointment|appt"
    r"|booking|visit|check-?up)s? (?:in|on|for) (?:the )?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|the new year|new year)\b",
    re.IGNORECASE,
)
"""The one held that the caller does not want to wait for ("I'd like to be seen this side of
New Year, not wait till my one in January"): what they hold, not when they want to come."""


_CALLED_BEFORE: Final = re.compile(
    r"(?P<what>\b(?:rung|rang|called|phoned|tried|been (?:ringing|calling|phoning|trying|on hold"
    r"|holding|waiting)|on hold|engaged|cut off)(?: (?:you|here|this number|the surgery"
    r"|the clinic|the office|through))?(?: (?:once|twice|two times|three times|four times"
    r"|\d+ times))?)"
    r" (?:this (?:morning|afternoon)|earlier(?: today| this morning)?|all (?:morning|afternoon"
    r"|day)|today)\b",
    re.IGNORECASE,
)
_BOOKED_BEFORE_WHEN: Final = re.compile(
    r"(?P<what>\b(?:booked|made (?:it|the booking|the appointment|a booking|an appointment))"
    r"(?: [a-z0-9:]+){0,5}?)(?<!\bfor)(?<!\bon)(?<!\bat)(?<!\bin)(?<!\buntil)(?<!\btill)"
    r" (?:this (?:morning|afternoon)|earlier(?: today| this morning| on)?|this lunchtime"
    r"|yesterday|last night)\b(?!\W*s\b)",
    re.IGNORECASE,
)
"""When the caller booked what they ring about ("I booked Thursday at nine this morning - can I
make it the afternoon?", "I made the appointment yesterday"): the story of the booking, not a
day or part of one asked for ("I booked for this afternoon" is the day booked, kept)."""


"""When the caller rang before, or waited on the line ("the third time I've rung this morning",
"I've been on hold all morning", "I tried you earlier today"): the story of this call, not a
day or part of one asked for."""


_OPENING_PAIR: Final = re.compile(
    r"^(?P<lead>\W*(?:(?:hi|hello|hiya|hey|oh|ah|um+|uh+|er+|erm|well|so|right|okay|ok)\W+)*)"
    r"(?:(?:yeah|yea|yes|yep|yup|aye)\W+(?:no|nah)|(?:no|nah)\W+(?:yeah|yea|yes|yep|yup))\W+"
    r"(?!(?:no|nah|yeah|yea|yes|yep|yup)\b|(?:problem|problems|worries|rush|hurry|bother|way"
    r"|thanks|thank|need|chance|not)\b)(?=\w)",
    re.IGNORECASE,
)
"""A "yeah, no" or "no, yeah" that opens the answer, with words after it ("yeah, no, that's
right", "no yeah go ahead and cancel it", "yeah no, one's no good", "hello yeah no i was
ringing to book"): a speaker's opening, not an answer of its own - what follows says yes, no
or something else. A pair said alone ("yeah, no.") or before a third yes or no word ("yeah
no no", "no yeah yeah") is left to be read as before; "yeah, no problem", "yeah no thanks"
are no opening."""


_LEAVE_THAT_ONE: Final = re.compile(
    r"\bleave (?:it|that|this)(?: one)?(?: (?:be|alone|as it is))?\b"
)
"""A keep said of one of the caller's own ("the Wednesday's fine, leave that")."""


_TAG_QUESTION: Final = re.compile(
    r"(?<!\bwhy)(?<!\bhow come)(?<!\bso)(?<!\bplease)(?<!\bno)(?<!\bnope)(?<!\bnah)"
    # (not a check of what they hold: "I've got the 1st at 1, haven't I? One o'clock on the
    # 1st" asks it - f49-a04)
    r"(?!,?\s+(?:have|do|did|was|were)(?:n'?t|n\u2019t)\s+(?:i|we)\b)"
    r",?\s+(?:is|are|do|does|did|wo|have|has|was|were|ca|could|would|should)(?:n'?t|n\u2019t)"
    r"\s+(?:it|you|i|we|they|he|she|there|that)\s*(?:\?|(?=[.!,;]))(?=\W*\w)",
    re.IGNORECASE,
)
"""A tag question on what the caller says, with more said after it ("you do Saturdays, don't
you? What's free this Saturday?", "that's right, isn't it? Yes."): a check of their own
words on the way to what they ask, refusing nothing - the words before it are what they say.
Not a tag that ends the turn ("I've the 3rd at 2, haven't I?": the question the turn asks),
not "why don't you?", nor a no ("no, don't you?", "please don't, I ...")."""


_SELF_ANSWERED: Final = re.compile(
    r"\bwhat(?:'?ve|\u2019ve| have| do)? i (?:got|have)(?: on| going on)?(?P<day>(?: [\w']+){0,3}?)"
    r"(?:\s*(?:\.\.\.|\u2026|[,.;-])\s*|\s+)(?:(?:um+|uh+|er+|erm|oh|hmm+|let me see)\W+)*"
    r"(?:nothing|nothing on|free|i'?m free|empty)(?:\W+(?:no|nope|nah))?\b\W*",
    re.IGNORECASE,
)
"""A caller asking themselves what they have on a day and answering it aloud ("can I do...
what've I got Friday... nothing, no. Friday then", "what have I got on the 9th, nothing"):
thinking out loud, neither a question to the agent (no bookings read) nor a no; the day it
names is kept."""


def _without_opening_pair(text: str) -> str:
    """The turn without the "yeah, no" or "no, yeah" it opens on (see ``_OPENING_PAIR``); a
    bare word of acknowledgement after it ("yeah no, sure", "yeah nah fine whatever") is left
    with the pair, read as before: it says nothing the pair does not."""
    m = _OPENING_PAIR.match(text)
    if m is None:
        return text
    rest = text[m.end() :]
    words = re.findall(r"[a-z']+", rest.lower())
    if len(words) <= 2 and set(words) <= _ACKNOWLEDGING:
        return text
    return m.group("lead") + rest


_ACKNOWLEDGING: Final = frozenset(
    {"ok", "okay", "sure", "fine", "right", "good", "alright", "cool", "whatever", "then", "so"}
)


_SAYS_WHO: Final = re.compile(r"\b(?:its|it s|this is|my name is|my names|im|i am)\b")
_DIGIT_WORD: Final = frozenset(
    {"oh", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
)


def _number_begun(tokens: list[Token], line: str) -> PhoneHeard | None:
    """ "hiya its dan whitfield two oh seven": the caller says who they are and starts the
    number - three digits, each said as a word, last in the turn - and stops (the rest comes
    on the next turn). Not an hour ("at two oh seven"), not digits inside the line."""
    if not _SAYS_WHO.search(line):
        return None
    runs = digit_runs(tokens)
    if len(runs) != 1:
        return None
    run = runs[0]
    said = [t.text for t in tokens[run.start : run.end]]
    if (
        run.end != len(tokens)
        or len(run.digits) != 3
        or run.digits[0] in "01"
        or len(said) != 3
        or not all(w in _DIGIT_WORD for w in said)
        or run.start < 2
        or tokens[run.start - 1].text in _BEFORE_AN_HOUR
    ):
        return None
    return PhoneHeard(run.digits, False, run.start, run.end)


_BEFORE_AN_HOUR: Final = frozenset(
    {"at", "by", "from", "to", "till", "until", "before", "after", "around", "about", "is", "or"}
)


_FIRST_YOU_HAVE = re.compile(
    r"\bthe (?:very )?first(?= (?:you(?:'| ha|)ve(?: got)?|you got|you can (?:do|give me|fit me in)"
    r"|available|free|opening)\b)",
    re.IGNORECASE,
)
_STORY_AFTER = re.compile(
    r"(?:[.;!]\s+|\s+-+\s+|\s+\u2013\s+)"
    r"|\s(?=(?:because|cause|cos|coz|that way|thats when|thats after|thats before"
    r"|i was going to say|i was gonna say)\b)"
)
"""Where a yes ends and the story told with it begins: a new sentence, a dash, "because"."""
_STORY_CHANGES = re.compile(
    r"\?|^\W*(?:(?:oh|ah|um|uh|er|erm|well|hmm)\W+)*(?:no|nope|not|wait|hang on|hold on|actually no"
    r"|sorry|kidding|just kidding)\b|\bsorry\W+(?:i|its|it s|it's|no|not|make|the)\b"
    r"|\b(?:as if|joking|kidding|in your dreams|skip|forget|hold off|put off)\b"
    r"|\b(?:instead|rather|prefer|would be better|d be better|make it|change it to|can it be"
    r"|could it be|can we do|could we do|how about|what about|can you do|could you do)\b"
)
"""What in the story asks for something else than what the yes agreed to."""
_STORY_TAKES_BACK = re.compile(
    r"\b(?:wait|hang on|hold on|after all|second thoughts?|thinking about it|come to think"
    r"|my mind|suits? (?:me|us) more|not (?:that|this|the) one"
    r"|the other one|i meant|never mind|nevermind|leave it"
    r"|forget it|dont bother)\b"
    r"|\b(?:(?:mon|tues|wednes|thurs|fri)day|noon|morning|afternoon|oclock|am|pm|\d+(?:st|nd|rd"
    r"|th)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:is|would be|d be"
    r"|would suit (?:me|us)|suits (?:me|us)|works) better\b"
)
"""What in the story, anywhere, takes the yes back ("yes that's fine. oh wait, I can't do
ten", "yeah. although, thinking about it, Tuesday is better"): the line is read whole."""
_STORY_OPENS_ON_A_DAY = re.compile(
    r"\W*(?:(?:oh|ah|um|uh|er|erm|well|and|so|just)\W+)*(?:the |on |at |for )?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|\d|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|noon|first|second|third|last|next|this)\b"
)
"""A story that opens on a day or time said right after the yes ("yes - the Tuesday and the
Thursday"): it says which, and the line is read whole."""
_YES_ON_CONDITION = re.compile(
    r"\b(?:as long as|so long as|provided|providing|only if|on condition|if)\b"
)
"""A yes made on a condition, which the line read whole weighs."""
_STORY_REFUSES = re.compile(
    r"\b(?:cant|cannot|couldnt|wont be able to|unable to|not able to|not going to)"
    r"(?: (?:really|actually|now|then))? (?:do|make|manage|come|get|be there)\b"
    r"|\bno good\b|\b(?:doesnt|does not|wont|wouldnt) (?:work|suit)\b"
)
"""A refusal said in the story ("can't do", "no good"): of an hour, or the day proposed, it
takes the yes back."""


def _yes_before_story(text: str, ctx: Context) -> Understanding | None:
    """ "Yes, please do. I started the antibiotics on Friday, two a day, and by Sunday ...",
    "yes ten is good because that's when my son can drive me, he works from eleven": a yes
    to the change proposed, then a story whose days and hours are not a new ask. The yes's
    own words are read; the story is left alone unless it asks for something else."""
    if ctx.asked != "confirm":
        return None
    flat = re.sub(r"[\u2019']", "", text.lower()).strip()
    if not _STORY_YES.match(flat):
        return None
    cut = _STORY_AFTER.search(flat)
    if cut is None or not flat[cut.end() :].strip():
        return None
    story = flat[cut.end() :]
    if _STORY_CHANGES.search(story) or _STORY_TAKES_BACK.search(story):
        return None
    if _STORY_OPENS_ON_A_DAY.match(story) or re.search(r"\b(?:sorry|keep|keeping)\b", story):
        return None  # "yeah - the Tuesday and the Thursday, sorry, keep Monday's": which ones
    if _YES_ON_CONDITION.search(flat[: cut.start()]):
        return None  # "yes, as long as there's somewhere to park. I use a walker": read whole
    # the same cut in the caller's own words (the apostrophes kept)
    words = len(flat[: cut.start()].split())
    head_text = " ".join(text.split()[:words])
    head = _understand(head_text, ctx)
    if not head.yes or head.no or head.correction or head.questions:
        return None
    tail = _understand(" ".join(text.split()[words:]), ctx)
    if (
        tail.task is not None
        or tail.put_off
        or tail.drops_change
        or tail.then is not None
        or tail.end
        or tail.phone is not None
        or tail.code is not None
    ):
        # "yeah go ahead. skip December for the moment": a further ask of its own; "yes,
        # three's fine. my number's 207 555 0168": what the caller tells is read whole
        return None
    refused = _STORY_REFUSES.search(story) and "anyway" not in flat
    if refused and (tail.times or any(ctx.proposed in d.dates for d in tail.days)):
        return None  # "yes. hmm, I can't do ten after all": the hour (or day) refused again
    return head


_STORY_YES = re.compile(
    r"^(?:(?:oh|well|um|uh|er|ah)\W+)?(?:yes|yeah|yep|yup|yea|ya|correct|thats right|thats it"
    r"|thats correct|thats me|thats my number|thats the number)\b"
)
_FIX_NEAR = re.compile(
    r"\b(?:no|not|wrong|sorry|actually|meant|mean|ends?|ending|last|its|it s|is|number|but)\W*$"
)


def _story_digits(tokens: list[Token], phone: PhoneHeard, *, asked: Asked, line: str) -> bool:
    """A few digits (a year, an age) in the story a caller tells after saying yes to their
    number read back: they fix nothing unless said as a fix ("yes, but it ends 2019", "yes -
    no, sorry, 4190"), right before them."""
    if asked not in ("phone_confirm", "phone_check") or len(phone.digits) >= 7:
        return False
    if not _STORY_YES.match(line):
        return False
    before = " ".join(t.text for t in tokens[max(0, phone.start - 3) : phone.start])
    return phone.start >= 4 and _FIX_NEAR.search(before) is None


def _counted_from_first(tail: Understanding, first: date) -> Understanding:
    """A second visit said as days or weeks after the first: its day, the first's moved on."""
    assert tail.day_shift is not None
    day = shifted_day(first, tail.day_shift)
    mention = DayMention(start=0, end=0, dates=(day,))
    return replace(tail, when=replace(tail.when, day=mention), day_shift=None)


_TAKEN_BACK_HALF: Final = re.compile(
    r"(?:\s*[-,.;]+\s*|\s+)(?:(?:oh|um|uh|no|sorry)\W+)*"
    r"(?:no wait|wait|actually|hang on|hold on|scratch that|on second thoughts?)\b",
    re.I,
)
_NOT_THIS_ONE: Final = re.compile(
    r"\b(?:(?:don'?t|do not|no need to|dont) (?P<verb>cancel|move|shift|change|book)"
    r"|(?P<keep>keep|leave))\s+(?:the |my |it on |on )?(?P<day>mon|tues|wednes|thurs|fri)day",
    re.I,
)
_CLAUSE_CUT: Final = re.compile(r"\s*(?:,\s*)?\band\b\s*|\s*[.;?]\s+", re.I)
_VERB_OF: Final = {
    "cancel": r"\b(?:cancel|drop|scrap)",
    "move": r"\b(?:move|shift|change|push|reschedule)",
    "book": r"\b(?:book|add|put me)",
}


_HOUR_PUT_RIGHT: Final = (
    r"(?:\d{1,2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|noon)(?:\s*o'?clock)?"
)
_KIN: Final = r"(?:son|daughter|wife|husband|partner|mum|mom|dad|boy|girl|kid|little one)"
_WHOSE_HOUR: Final = re.compile(
    rf"\b(?P<who>me|myself|her|him|mine|hers|his|my {_KIN}(?:'s)?)(?: one)?\s+(?:at|for)\s+"
    rf"(?P<hour>{_HOUR_PUT_RIGHT})\b",
    re.I,
)
"""One of two people booked together, with the hour said for them ("me at 1 and her at 2")."""
_MAKE_WHOSE: Final = re.compile(
    rf"\b(?:make|put|change|move) (?P<who>hers|his|mine|her|him|me|my {_KIN}(?:'s)?)"
    rf"(?: one| appointment)?(?: (?:at|to|for))? (?P<hour>{_HOUR_PUT_RIGHT})\b(?: instead)?",
    re.I,
)
"""That person's hour put right after ("..., make hers 3", "actually put mine at eleven")."""
_A_DAY_WORD: Final = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:tomorrow|today|week)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b",
    re.I,
)


def _whose(word: str) -> str:
    word = word.lower().removesuffix("'s")
    return {"myself": "me", "mine": "me", "hers": "her", "his": "him"}.get(word, word)


def _hour_put_right_for_one(text: str) -> str:
    """ "Me at 1 and her at 2. Oh no wait, she's got school till 2:30, make hers 3": two
    people's hours said, then one of them put right before the line ends. The hour put right
    takes the place of the one said for that person, and the words putting it right (with any
    hour in them, "till 2:30") are left out: "me at 1 and her at 3", two bookings, neither
    given the other's hour. A line where that person's hour is not said exactly once among two
    or more, or where a day is said in between, is left as said."""
    fixes = list(_MAKE_WHOSE.finditer(text))
    if not fixes:
        return text
    fix = fixes[-1]
    said = [m for m in _WHOSE_HOUR.finditer(text, 0, fix.start())]
    who = _whose(fix.group("who"))
    theirs = [m for m in said if _whose(m.group("who")) == who]
    if len(said) < 2 or len(theirs) != 1:
        return text
    last = said[-1]
    if _A_DAY_WORD.search(text, last.end(), fix.start()):
        return text
    one = theirs[0]
    put_right = text[: one.start("hour")] + fix.group("hour") + text[one.end("hour") : last.end()]
    return put_right + text[fix.end() :]


def _half_taken_back(text: str) -> str:
    """ "Cancel my Friday and book me Monday at 9. Actually wait, don't cancel Friday, just
    add the Monday", "move my Tuesday to Thursday and cancel Friday - no wait, keep Friday":
    two changes said, then one of them taken back by its weekday before the line ends. The
    change taken back is left out (the clause saying it, and the words taking it back), so
    the line reads as the change that stays; a line where the weekday taken back is not in
    exactly one of two or more changes before it is left as said."""
    back = _TAKEN_BACK_HALF.search(text)
    if back is None:
        return text
    head, tail = text[: back.start()], text[back.end() :]
    undo = _NOT_THIS_ONE.search(tail)
    if undo is None:
        return text
    day = undo.group("day").lower()
    verb = (undo.group("verb") or "").lower()
    verbs = (
        [_VERB_OF["move"] if verb in ("shift", "change") else _VERB_OF[verb]]
        if verb
        else [_VERB_OF["cancel"], _VERB_OF["move"]]
    )
    cuts = [0, *(m.end() for m in _CLAUSE_CUT.finditer(head)), len(head)]
    clauses = [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]
    changes = [
        (a, b)
        for a, b in clauses
        if any(re.search(v, head[a:b], re.I) for v in _VERB_OF.values())
        or re.search(r"\b(?:mon|tues|wednes|thurs|fri)day", head[a:b], re.I)
    ]
    undone = [
        (a, b)
        for a, b in changes
        if re.search(rf"\b{day}day", head[a:b], re.I)
        and any(re.search(v, head[a:b], re.I) for v in verbs)
    ]
    if len(changes) < 2 or len(undone) != 1:
        return text
    a, b = undone[0]
    kept = (head[:a] + " " + head[b:]).strip(" ,;-")
    return re.sub(r"\s+(?:and\s*)?$", "", kept, flags=re.I)


_HELD_GOES_TO: Final = re.compile(
    r"\b(?:(?:the |my )(mon|tue|tues|wed|wednes|thu|thur|thurs|fri)(?:day)?(?:'?s)?"
    r"|(mon|tue|tues|wed|wednes|thu|thur|thurs|fri)(?:day)?'?s)"
    r"(?: one| appointment| appt| booking)?(?: (?:goes|go|to go|can go|needs to go|moved|is))?"
    r"(?: (?:fwd|forward|back|over))? (?:to|till|until|at|into)\b",
    re.I,
)
"""One held appointment, named by its weekday, and where it goes ("Tuesday's one to
Thursday", "the wednesday one goes to thursday", "my thurs one fwd to tue")."""
_SAME_TIMES: Final = re.compile(
    r"\b(?:at )?(?:the )?same (?:times?|hours?)(?: as (?:before|now|they are(?: now)?))?"
    # the hour said with it: "same time, ten"
    r"(?:\W+(?:at )?(?:\d{1,2}|one|two|three|nine|ten|eleven|twelve|noon)"
    r"(?:\W*(?:am|pm|a m|p m|oclock|o'clock|o clock))?)?"
    r"(?:\W+(?:please|pls|plz|thanks|thank you|ta))?"
    # at the end, or of a sentence with more said after it ("..., same times. Oh, hang on,
    # not Thursday - Friday for that one": the hours kept for both, the day put right)
    r"(?:\W*$|\s*[.;!?](?=\s))",
    re.I,
)


_AT_HOUR: Final = re.compile(
    r"\b(?:at|for) (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)",
    re.I,
)


def _each_goes_somewhere(text: str, ctx: Context) -> bool:
    """Two held appointments each said to go to another day, without a verb ("so the Tuesday
    one to Wednesday, and the Thursday one to Friday"), as the request or the answer to where
    it should go: two moves (not "the Tuesday at ten and the Thursday at two")."""
    if ctx.asked not in ("request", "datetime", "day", "time"):
        return False
    ends = [m.group(0).lower().rsplit(" ", 1)[-1] for m in _HELD_GOES_TO.finditer(text)]
    return sum(1 for e in ends if e in ("to", "till", "until", "into")) >= 2


_MADE_INSTEAD: Final = re.compile(
    r"^\W*(?:(?:can|could|would|will) you (?:please )?|please |i'?d like to |i want to )?"
    r"(?:make|put|have|change|switch|set|do)\b.*\binstead\b",
    re.I,
)


def _made_instead(head_line: str, head: Understanding, tail: Understanding) -> bool:
    """The first of two held ones given a new hour or day with "instead", no verb of moving,
    before a move of the other ("can you make Thursday's one at eleven instead and move
    Friday's to the Monday after", "put my Tuesday one at 2 instead and shift the Friday one
    to Monday"): a move too, not a booking of its own nor lost."""
    said = head.when.time is not None or head.when.day is not None
    return said and tail.task == "reschedule" and _MADE_INSTEAD.search(head_line) is not None


def _two_moves(text: str) -> tuple[str, str] | None:
    """A move of each of two held appointments said in one breath ("can you bring my thurs
    one forward to tue, and move the fri one to thurs? same times", "the tuesday one goes to
    wednesday and the wednesday one goes to thursday"): the line split before the second,
    each part its own move (a "same time" said once, at the end, goes with both)."""
    found = list(_HELD_GOES_TO.finditer(text))
    if len(found) < 2:
        return None
    first_day, second_day = ((m.group(1) or m.group(2))[:2].lower() for m in found[:2])
    second = found[1]
    between = text[found[0].end() : second.start()]
    if first_day == second_day or not re.search(r"\band\b|,", between):
        return None
    if re.search(r"\b(?:back to (?:what|how|where)|put (?:\w+ )*back)\b", text, re.I):
        return None  # "put the Wednesday back ... and move the Friday instead": an undo first
    # (an "instead" alone is the new day or hour for the old: "make Thursday's one at eleven
    # instead and move Friday's to Monday" - f35)
    cut = text.rfind(" and ", found[0].end(), second.start() + 1)
    cut = cut if cut >= 0 else second.start()
    head, tail = text[:cut].rstrip(" ,;"), text[cut:].strip()
    tail = re.sub(r"^and\s+(?:then\s+)?", "", tail, flags=re.I)
    shared = _SAME_TIMES.search(tail)
    if shared is not None and _SAME_TIMES.search(head) is None and not _AT_HOUR.search(head):
        head = f"{head}, {shared.group(0).strip(' ?.!')}"
    return head, tail


_NUMERIC_PLACE: Final = re.compile(
    r"\b(the|my)\s+(1st|2nd|3rd)\s+(?=(?:one|ones|of (?:those|them|the two|the three)|option"
    r"|slot)\b)",
    re.I,
)
"""A place in a list written in figures ("make the 2nd one Monday", "the 1st of those"): the
first, second or third of what was said or offered, not a day of the month."""
_PLACE_WORDS: Final = {"1st": "first", "2nd": "second", "3rd": "third"}


_TAKEN_BACK: Final = re.compile(r"\b(?:actually|hold on|hang on|wait|before that|one thing)\b")
"""Said after a yes, before a question: the yes waits for the answer."""
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_FIRST_CHANGES: Final = frozenset({"cancel", "reschedule", "code", "book"})
"""(A booking only where a verb books it: "I need to book ... and I also need to cancel".)"""
_SECOND_CHANGES: Final = frozenset({"cancel", "reschedule", "book"})


_ORDINAL_WORDS: Final = "|".join(sorted(ORDINALS, key=len, reverse=True))

_CLAUSE_AND = re.compile(
    r",\s+and\s+(?=(?:i|i'd|id|i'm|im|also|then|could|can)\b)"
    r"|\s+and\s+(?=also\s+(?:can|could|i|i'd|id|book|cancel|move)\b)"
    r"|\s+and\s+(?=(?:i|i'd|id|i'll|ill)\s+also\s+(?:need|want|like|have to|book|cancel|move)\b)"
    r"|,?\s+and\s+(?:then\s+)?(?:just\s+|also\s+)?"
    r"(?=(?:cancel|move|get rid of|scrap|push|shift|reschedule)\b)"
    # as a recogniser writes it, without the comma: "i need to cancel my wednesday one and id
    # like to book something on monday", "... and can i book the fourteenth"
    r"|\s+and\s+(?=(?:i|i'd|id|i'm|im)\s+(?:would\s+|also\s+)?(?:like|want|need)\s+to\s+book\b"
    r"|(?:can|could)\s+i\s+(?:also\s+)?book\b)"
    # "my wife won't need hers on Wednesday, but can you book me in on Thursday"
    r"|,?\s+but\s+(?=(?:can|could|would) you (?:also )?(?:book|put|fit|squeeze)\b)"
    # "cancel my Tuesday one and book my daughter in on Friday": a visit for someone else
    # beside the change (not "cancel Tuesday and book Friday", a move)
    r"|,?\s+and\s+(?:then\s+)?(?:also\s+)?(?=(?:book|get|put|fit|squeeze) (?:my|our) "
    + acts._RELATION
    + r"s?\b)"
    # "cancel my Friday one, and instead give me two - Monday and Tuesday": a second request
    # only where it asks for two in place of one (:data:`_TWO_IN_ITS_PLACE`)
    r"|,\s+and\s+(?=instead\b)"
    # "Tuesday's to Friday, same time, and the Wednesday one I don't need any more"
    r"|,\s+and\s+(?=(?:the|my) (?:monday|tuesday|wednesday|thursday|friday)(?: one| appointment)?"
    r" (?:i|we) (?:dont|don't|do not|wont|won't|no longer)\b)"
    # "the monday one cancel it and the thursday one move it to the friday after", "... and
    # the one on the fifteenth y'all can just go on and cancel": each held one named (by its
    # weekday or its date), then what happens to it
    r"|,?\s+and\s+(?=(?:the|my|that) (?:one (?:on|for) (?:the )?)?(?:monday|tuesday|wednesday"
    r"|thursday|friday|(?:twenty[- ]|thirty[- ])?(?:" + _ORDINAL_WORDS + r")"
    r"|\d{1,2}(?:st|nd|rd|th))"
    r"(?:'?s)?(?: one| appointment| appt| booking)?[\s,]+"
    r"(?:(?!not\b|dont\b|don't\b|no\b|keep\b|leave\b|stays?\b|fine\b|good\b|ok(?:ay)?\b)"
    r"[\w']+[\s,]+){0,6}"
    r"(?:cancel|move|push|shift|reschedule|scrap|drop|get rid of)\b)",
    re.I,
)
"""Where a second request starts inside a sentence: "cancel my Monday one, and I want to book
another for the 17th", "whats my code and also can i book friday" (as a recogniser writes it)."""


_WHILE_ON: Final = re.compile(
    r"\b(?:while (?:im|i am|i m|youre|you are|you re|ive got you|i have you)(?: on)?"
    r"|while (?:we|i)re at it|whilst (?:im|i am) (?:on|here)"
    r"|since (?:im|i am|i m) (?:on|calling))\b"
)
"""Said of a further request, not a correction ("and actually, while I'm on the phone")."""


_SAME_ONE = re.compile(
    r"\b(?:the )?(?:old|original|previous|current|existing|first) "
    r"(?:one|appointment|booking|slot|time)\b"
)


_CHANGE_NOT_WANTED = re.compile(
    r"\b(?:rather than|instead of|dont|do not|not)\s+(?:\w+\s+)?"
    r"(?:cancel\w*|move|moving|reschedul\w*|change|changing)\b"
)
"""A change said not to be wanted ("rather than cancel it", "instead of cancelling"): no first
request for a second to follow."""


_ANOTHER_TOO: Final = re.compile(
    r"\b(?:as well|too|also|while (?:you'?re|youre|i'?ve got you|ive got you|i have you"
    r"|i'?m on|im on|i am on)"
    r"|(?:one|thing) more|another)\b"
    # a sentence opening on another of the caller's appointments: "yes please. and the
    # wednesday one, i don't need it, you can cancel it"
    r"|^\W*(?:oh\W+)?and (?:the|my|that) (?:[a-z0-9]+ ){0,2}(?:one|appointment|appt|booking)\b"
)
"""Said of a further change, not of the one read back ("the Thursday one as well")."""
_IN_ITS_PLACE: Final = re.compile(
    r"\b(?:instead|in (?:its|it s|their) place|in place of)\b"
    r"|^\W*(?:oh\W+)?(?:and|so) then\b"
    r"|\b(?:could|can|may|would) (?:i|you|we) (?:have|get|book|give|put|fit|squeeze)\b"
    r"|\b(?:book|put|get|squeeze|fit) me\b"
)
"""A booking asked for in place of one the caller agreed to cancel ("and then could I have
something the Tuesday after instead?")."""
_YES_UNSAID: Final = re.compile(
    r"\b(?:actually|on second thoughts?|wait|hang on|no|don'?t|do not|dont|keep|leave)\b"
)
"""Words that take a yes back ("yes. actually, don't - keep it")."""
_HELD_ONE_GOES: Final = re.compile(
    r"\b(?:the|my) (?:mon|tues|wednes|thurs|fri)day(?: s)?(?: one| appointment| appt)?\b"
    r".*\b(?:can|could) (?:it|that|that one|this one) (?:go|be moved|move) (?:to|till|until)\b"
)
"""One held appointment named, then where it can go: "the Thursday one as well, can that go
to Friday?" (a move of it)."""


_MONTH_WORDS: Final = "|".join(m for m in MONTHS if m != "may")
_KEPT_MONTH: Final = re.compile(
    rf"\b(?:keep|keeping|leave|hang on to|hold on to) (?:the|my) ({_MONTH_WORDS})"
    r" (?:one|appointment|booking|visit)\b"
    rf"|\bthe ({_MONTH_WORDS}) (?:one|appointment|booking|visit)"
    r" (?:stays|can stay|ill keep|i will keep|im keeping|is fine|is staying)\b"
    # "keep January", "leave January as it is" (a month alone, kept: not "leave it till January")
    rf"|\b(?:keep|leave) ({_MONTH_WORDS})\b(?! (?:the )?\d)"
    # "cancel that one. Not the February one.", "the January one, not my March appointment"
    rf"|(?<!\bif )(?<!\bor )(?<!\bwhy )(?<!\bit )\bnot (?:the|my) ({_MONTH_WORDS})"
    r" (?:one|appointment|booking|visit)\b"
    rf"|\bthe ({_MONTH_WORDS}) (?:one|appointment|booking|visit) i (?:shall|will|ll|can) keep\b"
)
"""An appointment said to stay, named by its month ("keep the January one though")."""
_SAME_TIME_INSTEAD: Final = re.compile(
    r"\binstead\b(?: [a-z]+){0,3}? same time\b|\bsame time\b(?: [a-z]+){0,5}? instead\b"
)
"""Another day asked for at the same time, instead: the time of an appointment held."""
_HELD_MONTH: Final = re.compile(
    rf"\b(?:the|my) ({_MONTH_WORDS}) (?:one|appointment|appt|booking|visit)\b"
    rf"|\bthe (?:one|appointment|booking) (?:in|for) ({_MONTH_WORDS})\b"
)
"""One held named by its month ("I don't need the December one"), beside other months said of
something else ("the doctor said January")."""

_THAT_WEEK_SAID: Final = re.compile(r"\b(?:same|that) week\b", re.I)
"""The week of a day said in the request before ("the Thursday, same week")."""


def _yes_then_another(text: str, ctx: Context) -> Understanding | None:
    """ "Yes. Oh, and the Thursday one as well, can that go to Friday?" to "shall I move the
    Monday one to Wednesday?": a yes said as a sentence of its own, then a further change
    asked for in the sentences after it (said as one more: "as well", "too", "also") - the
    yes is to what was read back, and the rest is a request for after it (``then``)."""
    if ctx.asked != "confirm":
        return None
    sentences = _SENTENCE_END.split(text.strip())
    if len(sentences) < 2:
        return None
    head_text, tail_text = sentences[0], " ".join(sentences[1:])
    tail_line = joined(tokenize(expand(tail_text)))
    # a cancel has no day or time to change: a day asked for after the yes to it is a booking
    # in its place ("yes, get rid of it. And then could I have the Tuesday after instead?")
    replacing = ctx.cancel_proposed and _IN_ITS_PLACE.search(tail_line) is not None
    if not _ANOTHER_TOO.search(tail_line) and not replacing:
        return None
    if (
        acts.CORRECTION.search(tail_line)
        and not re.search(r"^\W*(?:oh\W+)?and\b", tail_line)
        and not (replacing and not _YES_UNSAID.search(tail_line))
    ):
        return None  # "yes. actually, make it Friday instead": the read-back changed
    if re.search(r"\b(?:instead|rather than|rather have|rather be)\b", tail_line) and not replacing:
        return None
    head = _understand(head_text, ctx)
    yes_task = (None, "cancel") if replacing else (None,)
    if not head.yes or head.no or head.task not in yes_task or not head.when.empty:
        return None
    tail = _understand(tail_text, replace(ctx, asked="request"))
    if (
        replacing
        and tail.task in (None, "reschedule")
        and not tail.no
        and not tail.when.empty
        and not _HELD_ONE_GOES.search(tail_line)
    ):
        # ("instead": of the one cancelled, not a move of another one held)
        tail = replace(tail, task="book")
    if tail.task is None and _HELD_ONE_GOES.search(tail_line):
        tail = replace(tail, task="reschedule")
    if tail.task not in _SECOND_CHANGES or tail.yes and tail.no:
        return None
    if (
        tail.day_shift
        and ctx.proposed is not None
        and tail.when.day is not None
        and _COUNTED_ON.search(tail_line)
    ):
        # "yes please - and a follow-up a fortnight later?": counted from the one just agreed
        counted = shifted_day(ctx.proposed, tail.day_shift)
        tail = replace(tail, when=replace(tail.when, day=replace(tail.when.day, dates=(counted,))))
    return replace(head, text=text, then=tail)


_DAY_WORDS: Final = frozenset(
    {*WEEKDAY_WORDS, "tomorrow", "today", "tonight", "appointment", "appt", "booking", "mine"}
)


def _cant_make_a_day(line: str) -> bool:
    """ "I can't make tomorrow", "no way I can make Tuesday at 11", "can't make my
    appointment": a day or an appointment said not to be made (not "I can't do the whole
    thing now")."""
    for m in acts.CANT_MAKE.finditer(line):
        after = line[m.end() :].split()[:3]
        if any(w in _DAY_WORDS or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", w) for w in after):
            return True
        hour = after[1:2] if after[:1] in (["my"], ["the"]) else after[:1]
        if hour and (hour[0] in _HOUR_SAID or re.fullmatch(r"\d{1,2}(?::\d\d)?", hour[0])):
            return True  # "I'm not going to make 9 o'clock", "make my 10": the hour held
        if after[:1] == ["it"] and re.search(r"\b(?:im|i am|i m) booked\b|\bappointment\b", line):
            return True  # "I'm booked tomorrow at 9 and I can't make it"
    return False


def _not_to_be_made(line: str, times: list[TimeMention]) -> list[TimeMention]:
    """ "I'm not going to make 9 o'clock": the hour said right after it is the one held and
    not to be made, turned down (not asked for)."""
    for m in acts.CANT_MAKE.finditer(line):
        if not m.group(0).endswith("make "):
            continue
        k = len(line[: m.end()].split())
        times = [replace(t, negated=True) if t.start in (k, k + 1) else t for t in times]
    return times


_HOUR_SAID: Final = frozenset({"nine", "ten", "eleven", "twelve", "noon", "one", "two", "three"})
"""The hour of an appointment not to be made ("make nine", "make my 9 o'clock"; not "I can't
do the whole thing now")."""


_COUNTED_ON: Final = re.compile(
    r"\b(?:a|one|two|three|four|\d+|a couple of) (?:weeks?|fortnight|days?) (?:later|after that)\b"
)
"""A day counted on from another ("a fortnight later", "two weeks after that")."""


_HELD_BOOKING: Final = re.compile(
    r"\b(?:got|have|had|ive|theres|there is|with) (?:a |an |one |my |the )?booking\b"
    r"|\b(?:my|the|this|that|our|his|her) booking\b"
)
"""A booking held, said as a noun ("I've got a booking Tuesday at 2 but work's chocka"): no
booking asked for, so no first request for a second to follow."""


_TWO_IN_ITS_PLACE: Final = re.compile(
    r"\b(?:give|book|get|put|fit|squeeze|make)(?: me| us)?(?: in)?(?: for)?"
    r" (?:two|2|a couple|both)\b(?! (?:pm|am|p m|a m|oclock|o clock|thirty|fifteen|forty|\d))"
    r"|\b(?:two|2|a couple of) (?:new |other )?(?:appointments|appts|slots|visits|bookings|ones)\b"
)
"""Two bookings asked for in place of one cancelled ("cancel my Friday one, and instead give me
two - Monday and Tuesday"): no move (one appointment cannot go to two days), a booking of both."""
_DAY_WORD: Final = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btomorrow\b|\btoday\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b"
)


def two_in_its_place(head_line: str, tail_line: str) -> bool:
    """A cancel, then two bookings asked for on two days in its place (not "book me in for two
    instead", an hour): the cancel and the bookings are two requests."""
    return (
        acts.detect_tasks(head_line)[:1] == ["cancel"]
        and _TWO_IN_ITS_PLACE.search(tail_line) is not None
        and len(_DAY_WORD.findall(tail_line)) >= 2
    )


def _two_requests(text: str) -> tuple[str, str | None]:
    """The turn split where a second change starts: a sentence (or a clause after ", and
    I ...") asking for another change than the one asked for before it (not a correction of
    it: "actually", "instead")."""
    sentences = [
        part
        for sentence in _SENTENCE_END.split(text.strip())
        for part in _CLAUSE_AND.split(sentence)
    ]
    if len(sentences) < 2:
        return text, None
    for k in range(1, len(sentences)):
        head, tail = " ".join(sentences[:k]), " ".join(sentences[k:])
        head_line = joined(tokenize(expand(head)))
        tail_line = joined(tokenize(expand(tail)))
        before = acts.detect_tasks(head_line)
        after = acts.detect_tasks(tail_line)
        if not before or before[0] not in _FIRST_CHANGES:
            continue
        if two_in_its_place(head_line, tail_line):
            return head, tail
        if before[0] == "book" and not acts.BOOK_VERB.search(_HELD_BOOKING.sub(" ", head_line)):
            continue  # "I have an appointment tomorrow ... can I push it": one held, moved
        if _CHANGE_NOT_WANTED.search(head.lower().replace("'", "")):
            # "rather than cancel it, come and move it to the Friday" (as a recogniser heard
            # "... can I move it ..."): the move, one request; the cancel was read back again
            return text, None
        if not after or after[0] not in _SECOND_CHANGES or after[0] == before[0]:
            return text, None
        if re.search(r"\binstead\b", tail_line):
            return text, None
        if acts.CORRECTION.search(acts.CANT_MAKE_IT.sub(" ", tail_line)) and not (
            before[0] == "code" and _WHILE_ON.search(tail_line)
        ):
            # ("what's my code? and actually, while I'm on, could I push it later": the
            # code is no change to correct, the move is one more)
            return text, None
        if before[0] == "reschedule" and _SAME_ONE.search(tail_line):
            return text, None  # "move it and cancel the old one": the move, nothing more
        return head, tail
    return text, None


def _after_phone_cue(line: str, phone: PhoneHeard | None) -> set[int]:
    """The tokens after "my number is" (:data:`_PHONE_CUE`) where no whole ten-digit number
    was read in the line: what is left of a number heard badly ("my number is two liam soon
    one time i'm ... one six eight"), not an hour ("1 PM" was proposed for it). Where a whole
    number was read, only its own tokens are skipped (an hour said after it is an hour)."""
    if phone is not None and len(phone.digits) >= 10:
        return set()
    cue = _PHONE_CUE.search(line)
    if cue is None or not _NUMBER_NEXT.match(line, cue.end()):
        return set()  # "yes, that's my number. But not a morning": no number follows it
    first = line[: cue.end()].count(" ") + 1
    return set(range(first, line.count(" ") + 1))


def _span_of(tokens: list[Token], code: str) -> set[int]:
    """The tokens that spell ``code`` one after the other ("2", "uragmcp"), or none."""
    for i in range(len(tokens)):
        run = ""
        for j in range(i, len(tokens)):
            run += re.sub(r"[^a-z0-9]", "", tokens[j].text)
            if run == code:
                return set(range(i, j + 1))
            if not code.startswith(run):
                break
    return set()


_FROM_NOW: Final = re.compile(
    r"(?<!back )(?<!there )(?<!here )(?<!be )(?<!home )\b(?:in|within)"
    r" (?:(half an?|an?|one|two|three|a couple of|a few) hours?"
    r"|(an hour and a half))(?: or so| or two| or thereabouts| from now|s time)?\b"
    r"|\b(half an?|an?|one|two|three|a couple of) hours? from now\b",
    re.I,
)
_THIS_TIME: Final = re.compile(
    r"\b(?:about |around |at )?this time (tomorrow|tmrw|next week|(?:on )?(?:monday|tuesday"
    r"|wednesday|thursday|friday))\b",
    re.I,
)
_HOURS_FROM_NOW: Final = {
    "a": 60, "an": 60, "one": 60, "two": 120, "three": 180, "a couple of": 120, "a few": 180,
    "half a": 30, "half an": 30, "an hour and a half": 90,
}  # fmt: skip


def _counted_from_now(text: str, now: time | None) -> str:
    """A time counted from the moment of the call written as the clock time it means: "in
    an hour or so" at 10:05 is "today at 11:00", "this time tomorrow" at 13:10 is "tomorrow
    at 13:00", "this time next week" a week today at it (to the nearest hour, the clinic's
    slots being hourly). Without the clock, the day alone (the clock is then read, and the
    turn read again with it). "The same time tomorrow" is left alone: it is the time of the
    appointment being talked about, when there is one."""
    if now is None:
        text = _FROM_NOW.sub("today", text)
        return _THIS_TIME.sub(
            lambda m: "a week today" if m.group(1).lower() == "next week" else m.group(1), text
        )

    def at(minutes: int) -> str:
        hour = (now.hour * 60 + now.minute + minutes + 30) // 60
        return f"{hour}:00" if hour < 24 else "midnight"

    def ahead(m: re.Match[str]) -> str:
        said = (m.group(1) or m.group(2) or m.group(3) or "").lower()
        later = at(_HOURS_FROM_NOW.get(said, 60))
        return later if later == "midnight" else f"today at {later}"

    def same_time(m: re.Match[str]) -> str:
        day = m.group(1).lower()
        day = "a week today" if day == "next week" else day
        return f"{day} at {at(0)}"

    return _THIS_TIME.sub(same_time, _FROM_NOW.sub(ahead, text))


_LATER_PLAN = re.compile(
    r"(?i)\b(?:i'?ll|i will|we'?ll|we will) "
    r"(?:(?:ring|call|phone)(?: you)?(?: back)?(?: again)? to )?"
    r"(?:re-?book|book again|book another|make (?:a new|another) (?:one|appointment))\b[^.?!]*"
)
"""A plan for a later call ("I'll ring to rebook in the new year"): nothing asked now, and its
day ("the new year") is no day for the change being confirmed."""


_PUT_OFF = re.compile(
    r"(?i)\b(?:forget|never ?mind|leave|skip|don'?t worry about|do not worry about)(?: about)?"
    r" (?!(?:it|that|this|them|about it)\b)(?:the |my |that |this )?[\w']+(?: [\w']+){0,2}?"
    r" (?:for now|for the moment|for the time being|till later|until later|till then)\b"
)
"""A second ask put off while the first is answered ("yes, move it. And forget January for
now, I'll call after the holidays"): nothing asked now, and its day ("January") is no day for
the change being confirmed."""


_CALL_BACK_WHEN = re.compile(
    r"(?i)(\b(?:i'?ll|i will|we'?ll|we will) (?:ring|call|phone)(?: you)?(?: back)?(?: again)?)"
    r" (?:after|in|next|once|when)\b"
    r"(?: (?!(?:thanks|thank|bye|goodbye|cheers|ok|okay|and|but)\b)[\w']+){1,4}"
)
"""When a later call will be ("I'll call after the holidays", "I'll ring you back in the new
year"): no day for the change being confirmed; the call back itself is kept (a closing)."""


_CONFIRM_IT = re.compile(
    r"\b(?:please |kindly )?confirm(?: it| that| this| the booking| the appointment)?"
    r"(?: please| then| now| for me| thanks| thank you)*\W*$"
)
"""The yes to a question naming a change, said with "confirm" last ("yes, it is fine, confirm
it", "ok, please confirm"): that change confirmed, not a check of the caller's bookings."""


_COUNTED_BOOKINGS = re.compile(
    r"(?i)\b(the other|those|these|all|both of the) (two|three|four)\b"
    r"(?!\s*(?:pm|am|p\.m|a\.m|o'?clock|thirty|fifteen|forty|fifty|[:\d]))"
    r"(?!\s+(?:digits?|numbers?|letters?|characters?|are|is)\b)"
)
"""Bookings counted ("cancel the other two", "all three", "those two"): no hour in it."""


_SPELLING_NOTE = re.compile(
    r"(?i)\s*[,-]?\s*\b(?:with|without) (?:a|an|one) [a-z]\b(?:,? (?:not|no) (?:a|an) [a-z]\b)?"
    r"|\s*[,-]?\s*\b(?:(?:capital|big) )?[a-z],? (?:apostrophe|hyphen|dash),? [a-z]+\b"
    r"(?=\W*(?:$|\d|and|my|the|number|phone|its|it s|thats))"
)
"""How a name is written, said beside it ("Smyth with a Y, not an I", "Jon without an h",
"O'Sullivan - capital O, apostrophe, Sullivan"): no part of the name."""
_NAME_LIKE_A_WORD = re.compile(
    r"\b([A-Z][a-z']+)(?:,?\s+\1)?"
    r"(,?\s+(?:just\s+)?(?:like|as in)\s+(?:the\s+|a\s+|an\s+)?(?:word\s+)?)"
    r"([a-z']+)([^.,;!?\d]*)"
)
"""A name's word explained by the everyday word it also is ("Early like early in the
morning", "Noon, as in noon", "Amy Monday, Monday like the day"): the explanation (and the
word said again before it) names no time."""


_WEEKDAY_WORDS: Final = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
"""A weekday, where a day was read from the line, is no word of the name said with it."""


def _name_alone(m: re.Match[str]) -> str:
    word, said = m.group(1).lower(), m.group(3)
    if said == word or (said in ("day", "month") and word in acts.CALENDAR_NAMES):
        return m.group(1)
    return m.group(0)


_DOUBLE_LETTER = re.compile(r"(?i)(?<=\b[a-z] )(?:double|two) ([a-z])\b")
"""A doubled letter inside a spelling ("h o double b s"): the letter twice."""


_LETTERS_OF_A_WORD = re.compile(
    r"(?i)\s*\b(?:and )?(?:(?:the |my )?(?:surname|last name|first name) )?([a-z']+) "
    r"(?:is|thats|that's|spelt|spelled|is spelt|is spelled)\s+(?:\1\W+)?"
    r"((?:[a-z][ ,.-]+){1,}[a-z])\b"
)
"""A name's word spelled out after it ("and petrakis is p e t r a k i s", "smythe thats smythe
s m y t h e"): an echo."""


def _without_letters_of_a_word(text: str) -> str:
    def drop(m: re.Match[str]) -> str:
        # the word itself stays where it is said only there ("mary jo obrien thats o b r i
        # e n": Obrien is the surname), and goes where it was said before ("jon petrakis ...
        # and petrakis is p e t r a k i s")
        letters = re.sub(r"[^a-z]", "", m.group(2).lower())
        word = m.group(1)
        if letters != word.lower().replace("'", ""):
            return m.group(0)
        said = re.search(rf"(?i)\b{re.escape(word)}\b", m.string[: m.start()])
        return "" if said is not None else f" {word}"

    return _LETTERS_OF_A_WORD.sub(drop, text)


def _once_each(name: str | None) -> str | None:
    """A name with a word said again once ("Karen Smyth - Smyth, with a Y", "jon petrakis
    jon without an h")."""
    if name is None:
        return None
    words: list[str] = []
    for w in name.split():
        if w.lower() not in (x.lower() for x in words):
            words.append(w)
    return " ".join(words)


_HOUR_BOUNDS: Final = frozenset(
    {"before", "after", "till", "until", "by", "from", "past", "not", "except"}
)
"""Words that bound or rule out an hour said after them ("nothing before ten", "not twelve")."""


_SAME_SLOT: Final = re.compile(r"\bsame (?:time|hour) ?slot\b", re.I)
"""The time held said with "slot" ("same time slot if there's capacity"): the time held, not a
question about the slots there are."""
_PRIOR_TO: Final = re.compile(r"\bprior to\b", re.I)
"""The formal "prior to" ("at any hour prior to noon"): before."""


def _understand(text: str, ctx: Context) -> Understanding:
    text = _counted_from_now(text or "", ctx.now)
    text = _SPELLING_NOTE.sub("", text)
    text = _NAME_LIKE_A_WORD.sub(_name_alone, text)
    text = _without_letters_of_a_word(text)
    text = _DOUBLE_LETTER.sub(r"\1 \1", text)
    text = _LATER_PLAN.sub(" ", text)
    put_off = _PUT_OFF.search(text) is not None
    text = _PUT_OFF.sub(" ", text)
    text = _CALL_BACK_WHEN.sub(r"\1", text)
    text = _COUNTED_BOOKINGS.sub(r"\1 ones", text)
    text = _SAME_SLOT.sub("same time", text)  # "same time slot": the time held, no list asked
    text = _PRIOR_TO.sub("before", text)  # "at any hour prior to noon": before noon
    typed = expand(
        text or "", fuzzy=ctx.asked not in ("name", "surname", "spell", "rename", "rename_spell")
    )
    tokens = tokenize(typed)
    if not tokens:
        return Understanding(text=text or "")
    line = joined(tokens)
    asked = ctx.asked
    keypad = keypad_digits(text) if any(c in text for c in "#*") or asked == "phone" else None
    if keypad is not None and not (len(keypad) >= 3 or "#" in text):
        keypad = None

    cue = (
        _PHONE_CUE.search(line) is not None
        or acts.WRONG_NUMBER.search(line) is not None
        or (
            asked in ("name", "phone_confirm", "phone_check")
            and (_NUMBER_FIX.search(line) is not None or _FIXING.search(line) is not None)
        )
    )
    phone = phone_in(
        tokens,
        expected=asked in NUMBER_QUESTIONS or cue,
        short=ctx.digits_short if asked == "phone" else 0,
    )
    if phone is None and asked == "request":
        phone = _number_begun(tokens, line)
        cue = cue or phone is not None
    phone_tokens = set(range(phone.start, phone.end)) if phone is not None else set()
    if phone is not None and len(phone.digits) >= 10:
        # "area code two oh seven, then five five five, then eight eight one four. I repeat:
        # two oh seven ...": the number said twice, neither saying's digits an hour
        for again in digit_runs(tokens):
            if again.digits == phone.digits:
                phone_tokens |= set(range(again.start, again.end))
            elif (
                len(again.digits) >= 3
                and phone.end <= again.start <= phone.end + 3
                and "or" in {t.text for t in tokens[phone.end : again.start]}
            ):
                # "either five oh three five five five two seven oh four or two seven four
                # oh": the other number it may be (or its last digits), not an hour
                phone_tokens |= set(range(again.start, again.end))
            elif (
                len(again.digits) >= 3
                and phone.end <= again.start <= phone.end + 3
                and phone.digits.endswith(again.digits)
            ):
                # "207 555 3309. Three three oh nine.", "... 0325 - oh three two five": the
                # end of the number said again to be sure, not an hour
                phone_tokens |= set(range(again.start, again.end))
    if phone is not None and ctx.clinic_phone and phone.digits[-10:] == ctx.clinic_phone:
        # "... if you cannot attend please call 207 555 0142": the clinic's number, read out
        phone = None
    if phone is not None and _story_digits(tokens, phone, asked=asked, line=line):
        # "yes, that's my number - I kept it when he passed in 2019", "yeah I've had it since
        # I was sixteen": a year or an age in the story told with the yes, not its last digits
        phone = None
        phone_tokens = set()
    code = None
    code_tokens: set[int] = set()
    if (
        phone is None
        or asked == "code"
        # "4TR82EPQ" given for the number: the code's digits are not the number's first ones
        or (len(phone.digits) < 10 and typed_code(tokens, text, halves=False) is not None)
    ):
        code = find_code(tokens, asked=asked in ("code", "which_appointment"), text=text)
        if code is not None:
            phone = None
            phone_tokens = set()
            # the digits of a typed code ("2URAGMCP") are not an hour or a day
            code_tokens = _span_of(tokens, code)
    # "the first one" picks among offered times: not the 1st of the month at one o'clock
    picked: set[int] = set()
    pick = _ORDINAL_NOUN.search(line) if asked in _PICK_QUESTIONS else None
    if pick is not None and (_OF_THE_DAY.match(line, pick.end()) or _DAYS_OWN.search(line)):
        pick = None  # "the last one of the day": the latest time, not the last one offered
    if pick is not None:
        first = line[: pick.start()].count(" ") if pick.start() else 0
        picked = set(range(first, first + pick.group(0).count(" ") + 1))
    for typo in _DIGIT_LEFT_OUT.finditer(line):
        # "the 14th, I missed off the 1": the figure left out of what was typed, not 1 o'clock
        picked.add(line[: typo.start(1)].count(" "))
    named_tokens = _calendar_name(
        tokens,
        asked=asked in _NAME_QUESTIONS,
        text=text,
        skip=phone_tokens | code_tokens,
        phone=phone,
    )
    event_tokens = _their_event_moved(tokens, line)
    named_tokens |= event_tokens
    anchored = asked in ("confirm", "choose_time") or _DAY_FIX.search(line) is not None

    def read_days(skip: set[int]) -> list[DayMention]:
        return day_mentions(
            tokens,
            today=ctx.today,
            skip=skip,
            anchor=ctx.anchor,
            anchored=anchored,
            proposed=ctx.proposed,
            discussed=ctx.discussed,
            focus=ctx.focus,
        )

    # a lone group of digits given as a time ("3", "at 2") is not a phone fragment
    days = read_days(phone_tokens | picked | code_tokens | named_tokens)
    date_tokens = _date_number_tokens(days, tokens)
    # "25:00", "13 pm", "twenty-five o'clock": no time is read from them (not 1 PM, not five)
    impossible = bad_times(tokens, skip=phone_tokens | date_tokens | picked | code_tokens)
    impossible_tokens = {k for bad in impossible for k in range(bad.start, bad.end)}
    times = time_mentions(
        tokens,
        hours=ctx.hours,
        skip=phone_tokens
        | date_tokens
        | picked
        | code_tokens
        | impossible_tokens
        | {k for k in named_tokens if tokens[k].text == "noon"}
        | event_tokens
        | _after_phone_cue(line, phone),
        after_dates=date_tokens,
        bare_ok=asked in TIME_QUESTIONS
        or (len(tokens) <= 3 and asked not in _NO_BARE_TIME)
        or (asked not in _NO_BARE_TIME and _CORRECTING.search(line) is not None),
    )
    if (
        phone is not None
        and asked in NUMBER_QUESTIONS
        and len(phone.digits) >= 10
        and not times
        and (
            _PUT_FORWARD.search(joined(list(tokens[: phone.start]))) is not None
            or _HOUR_JUDGED.search(joined(list(tokens[: phone.start]))) is not None
        )
    ):
        # "Twelve then, if that's free. It's Shona Mackay, 207 555 6128": an hour put forward
        # before the whole number, not a digit of it
        times = time_mentions(
            tokens,
            hours=ctx.hours,
            skip=phone_tokens | date_tokens | picked | code_tokens | impossible_tokens,
            after_dates=date_tokens,
            bare_ok=True,
        )
    two_hours = (
        # "Thursday, nine and ten o'clock" to the number question: two hours on a day named,
        # no three or four digits of a number
        phone is not None
        and len(phone.digits) <= 4
        and bool(days)
        and phone.end < len(tokens)
        and tokens[phone.end].text in ("am", "pm", "oclock")
        and any(t.text == "and" for t in tokens[phone.start : phone.end])
    )
    if phone is not None and asked in NUMBER_QUESTIONS and (len(phone.digits) <= 2 or two_hours):
        explicit = [t for t in times if not t.bare]
        # "11am" typed to the number question: an hour (its "am" is not a digit)
        clocked = phone.end < len(tokens) and tokens[phone.end].text in ("am", "pm", "oclock")
        proposing = (
            _PROPOSING.search(line) is not None or clocked or _HOUR_JUDGED.search(line) is not None
        )
        # "nothing before ten though" to the number read back: a bound on the hour, not a
        # part of the number
        bound = phone.start > 0 and tokens[phone.start - 1].text in _HOUR_BOUNDS
        if explicit or days or proposing or bound:
            # "at 2 tomorrow" or "how about 11 then" answered to the number question: read
            # the time it was
            phone_tokens = set()
            phone = None
            # "wednesday the twenty third ... at nine": "twenty" was no digit of a number,
            # and the day is read again with it (not "the third")
            days = read_days(picked | code_tokens | named_tokens)
            date_tokens = _date_number_tokens(days, tokens)
            impossible = bad_times(tokens, skip=date_tokens | picked | code_tokens)
            impossible_tokens = {k for bad in impossible for k in range(bad.start, bad.end)}
            times = time_mentions(
                tokens,
                hours=ctx.hours,
                skip=date_tokens | picked | impossible_tokens,
                after_dates=date_tokens,
                bare_ok=proposing or bound,
            )
    if (
        phone is None
        and asked in NUMBER_QUESTIONS
        and all(t.at is None for t in times)
        and _HOUR_JUDGED.search(line)
    ):
        # "nine is too early for me - later?", "eleven's good" to the number question, without
        # the number: the hour judged as a time to come in is read (and beside a part of the
        # day: "morning would be best, not nine though")
        times = time_mentions(
            tokens,
            hours=ctx.hours,
            skip=date_tokens | picked | code_tokens | impossible_tokens,
            after_dates=date_tokens,
            bare_ok=True,
        )
    ending = (
        # "no, the end is four nine" to the number read back: a part of it, however short
        # (taken for a name, "End", before)
        asked in ("name", "phone_confirm", "phone_check") and _NUMBER_FIX.search(line) is not None
    )
    if (
        phone is not None
        and len(phone.digits) < 7
        and asked not in NUMBER_QUESTIONS
        and not (cue and (len(phone.digits) >= 3 or ending))
    ):
        phone = None
    days = _taken_back_for_earliest(tokens, days)
    days = _weekday_in_the_week_said(tokens, days)
    any_time = _ANY_TIME.search(line) if asked in _ANY_TIME_QUESTIONS else None
    indifferent = any_time is not None
    if any_time is not None and not times and all(_names_own(tokens, d) for d in days):
        # "whenever's good", "any time really", "I'm flexible": the first opening (beside
        # the appointment they have, named: "I can't make tomorrow's appointment, put me in
        # whenever's next")
        first = line[: any_time.start()].count(" ")
        if not days or first >= days[-1].end:
            end = first + any_time.group(0).count(" ") + 1
            days = [*days, DayMention(first, end, (), earliest=True)]
    furthest = _FURTHEST.search(line) if ctx.last_day is not None else None
    if furthest is not None and ctx.last_day is not None and not any(d.dates for d in days):
        # "book me on the latest day you can", "as far ahead as you can": the last week the
        # clinic books (the last of those days when a latest time is asked for too)
        first = line[: furthest.start()].count(" ")
        end = first + furthest.group(0).count(" ") + 1
        last_week = tuple(ctx.last_day - timedelta(days=k) for k in range(6, -1, -1))
        days = [*days, DayMention(first, end, last_week)]
    other_day = _OTHER_DAY_THAT_WEEK.search(line)
    base = ctx.proposed or ctx.discussed or ctx.anchor
    if other_day is not None and base is not None and not any(d.dates for d in days):
        # "is there any other day that week at ten?", "another day that same week?": the
        # weekdays of that day's week still to come, but that day
        first = line[: other_day.start()].count(" ")
        end = first + other_day.group(0).count(" ") + 1
        monday = base - timedelta(days=base.weekday())
        week = tuple(
            day
            for day in (monday + timedelta(days=k) for k in range(5))
            if day != base and day >= ctx.today
        )
        if week:
            days = [*days, DayMention(first, end, week)]
    doubt = acts.CHECKS_HEARD.search(line) is not None
    if doubt:
        # "did you say the 13th or the 30th?": the caller's doubt about what they heard; the
        # agent says it again, nothing in it is asked for
        days, times = [], []
    times = _held_time_beside_a_shift(tokens, times)
    times = _held_time_beside_a_part(tokens, times)
    zone_note = ""
    if ctx.zone is not None:
        times, zone_note = in_clinic_time(tokens, times, day=ctx.today, clinic=ctx.zone)
    if asked == "confirm":
        times = [t for t in times if not _kept(tokens, t)]
    times = _not_to_be_made(line, times)
    when = ranked_choices(tokens, days, times) or resolve(days, times)

    tasks = acts.detect_tasks(acts.HOURS_Q.sub(" ", _without_restarts(line)))
    if event_tokens:
        # "my biopsy was rescheduled to the 7th ... could my check-up go to the 4th?": the
        # caller's own event moved says nothing of what they ask (said alone, it still may)
        told = acts.detect_tasks(acts.HOURS_Q.sub(" ", _EVENT_MOVED.sub(" ", line)))
        tasks = told or tasks
    if tasks == ["list"] and not when.empty and _COUNTED_FROM_HELD.search(line):
        # "Friday nine o'clock, the Friday after the one I'm booked on": a day counted from the
        # one held, for the booking under way, not a question about what is held
        tasks = []
    task = tasks[0] if tasks else None
    late = bool(acts.RUNNING_LATE.search(line)) and not acts.TOO_LATE.search(line)
    if task in (None, "book") and late and asked == "request":
        task = "reschedule"  # "running late for my 2 o'clock": about moving the one they have
    if (
        task in (None, "book", "availability")
        and asked == "request"
        and _IN_PLACE_OF_ONE.search(line)
        and not acts.BOOK_VERB.search(line)
        and not acts.ANOTHER_PERSON.search(line)
        and not _ANOTHER_ONE.search(line)
        and not _A_NEW_ONE.search(line)
        and not acts.MISSED_BEFORE.search(line)
    ):
        # "would Friday work instead of Thursday?", "make it Friday", "let's do next week
        # instead": asked at the start, with no word of a new booking, another time in place
        # of one - the one the caller has (a caller holding nothing is told so)
        task = "reschedule"
    shift_days = (
        None  # "tomorrow or the day after": a day of its own, not a shift
        if when.day is not None and when.day.either
        else day_shift([t.text for t in tokens])
    )
    named = when.day
    if shift_days is not None and named is not None and _held_in_month(tokens, named):
        # "the two in December, can you put each of them a week later?": the month says
        # which of theirs (read as ``months``), the shift where they go - not December wanted
        days = [d for d in days if d.start != named.start]
        when, named = replace(when, day=None), None
    if _held_weekday_reaches(tokens, days, named, shift_days):
        # "bring my Thursday appointment forward a day, to the Wednesday": the weekday said is
        # where the shift lands from the one held (the day before it), not the next Wednesday
        assert named is not None
        days = [d for d in days if d.start != named.start]
        when, named = replace(when, day=None), None
    if (
        shift_days in (1, -1)
        and ctx.anchor is not None
        and named is not None
        and named.from_weekday
        and len(named.dates) == 1
        and shifted_day(ctx.anchor, shift_days).weekday() == named.dates[0].weekday()
        and not _names_own(tokens, named)
    ):
        # "the day after, Friday": the Friday after the day in question, said two ways
        moved = (shifted_day(ctx.anchor, shift_days),)
        when = replace(when, day=replace(named, dates=moved))
        shift_days = None
    elif (
        shift_days in (1, -1)
        and task in (None, "book", "availability")
        and named is not None
        and named.exact is not None
        and not named.same
        and not _names_own(tokens, named)
        and (_next_to_the_day(line, named, tokens) or _said_after_a_pause(line, named, tokens))
    ):
        if not _said_after_a_pause(line, named, tokens):
            # "I fly out on the 18th, so I need something the day before", "the day after the
            # 12th": the day next to the day said, wanted
            moved = (shifted_day(named.exact, shift_days),)
            when = replace(when, day=replace(named, dates=moved, from_weekday=False))
        shift_days = None  # (or "the day after, the 10th": the day said, as it is)
    elif (
        shift_days is not None
        and asked == "confirm"
        and ctx.proposed is not None
        and named is not None
        and named.exact == ctx.proposed
        and not named.from_weekday
        and not named.same
        and not named.negated
        and any(
            tokens[k].kind in ("ord", "num") or tokens[k].text in ORDINALS
            for k in range(named.start, named.end)
        )
    ):
        # "yes, the week after then, same time, the 17th" to the 17th proposed: the shift is
        # the one the proposal already counted, said again with the date it gives (not "a
        # week later? Tomorrow's getting busy": the day proposed, said as the reason)
        shift_days = None
    after_held = _NEXT_AFTER_HELD.search(line) is not None
    after_other = _AFTER_OTHER_HELD.search(line) is not None
    later_that_week = _LATER_THAT_WEEK.search(line) is not None
    near = _NEARBY.search(line)
    nearby: Literal["later", "earlier"] | None = None
    if near is not None and shift_days is None and not (when.time and when.time.shift_minutes):
        nearby = "later" if "later" in near.group(0).split() else "earlier"
    said_at = when.time
    if (
        task in (None, "book", "availability")
        and said_at is not None
        and said_at.at is not None
        and said_at.window is None
        and not _HAS_ONE.search(line)
        and not acts.MY_APPOINTMENT.search(line)
    ):
        beyond = _BEYOND_SAID.search(" ".join(t.text for t in tokens[said_at.end :]))
        if beyond is not None:
            # "Friday at 3? ... she's got netball at 3. Something earlier on the Friday then":
            # the times before (after) the one said, not that one
            said = said_at.at
            window = (
                (time(0), said)
                if beyond.group(1) == "earlier"
                else (time(min(said.hour + 1, 23)), time(23, 59))
            )
            when = replace(when, time=replace(said_at, at=None, window=window))
    shifted = (
        shift_days is not None
        or (when.time is not None and when.time.shift_minutes)
        or after_held
        or later_that_week
        or nearby is not None
    )
    # ("I need my Thursday one earlier in the day, what have you got?": what is free is asked
    # to move it)
    moves_held = task in (None, "list") or (
        task == "availability"
        and (after_held or (nearby is not None and _MY_ONE_NAMED.search(line) is not None))
    )
    if task in (None, "list", "reschedule") and (
        _CLAIMED_HELD.search(line) or (task == "reschedule" and _PUT_BACK_AGAIN.search(line))
    ):
        # "just Tuesday? I had Thursday as well, I never cancelled it", then "well put it back
        # then, Thursday at ten": one the caller says they hold and the clinic has not, booked
        # again - never the one held moved to its day
        task = "book"
    another = task in (None, "book", "list") and (
        _ANOTHER_VISIT.search(line) is not None
        or (
            (
                _COUNTED_FROM_MY_HELD.search(line)
                # "I had my jab on the 2nd ... the booster's four weeks after" (not "I had it
                # in my head it was Monday", "that's what I had": no gap counted)
                or (shift_days is not None and _A_VISIT_HAD.search(line))
            )
            and not acts.RESCHEDULE.search(line)
        )
    )
    if another:
        # "the doctor wants to see me again three weeks after my appointment on Thursday",
        # "I need another one the week after my next appointment": a new visit, counted
        # from the one they have, which stays (by a day said, never by a shift of the one
        # held: "a week after that", the one just read out, still counts)
        task = "book"
        if _MY_HELD.search(line):
            shift_days = None
    elif moves_held and asked == "request" and shifted and _THE_ONE_HELD.search(line):
        # "can you make my Wednesday appointment an hour earlier", "could we do it the day
        # after instead": a move said by how far, of the appointment they have
        task = "reschedule"
    by_minutes = when.time is not None and bool(when.time.shift_minutes)
    if (
        task in (None, "book", "list")
        and asked == "request"
        and (nearby or by_minutes)
        and (m := _HAS_ONE.search(line)) is not None
        # a shift in minutes or hours moves a time held only when it is named as held ("I
        # have the eleven"), not "two hours back to back, I have a lot to go over"
        and (nearby or not m.group(0).endswith((" a", " an")))
    ):
        # "I've got the ten o'clock today, can I come a bit later instead?", "can I come
        # fifteen minutes earlier? I have the eleven": a move of it
        task = "reschedule"
    if (
        task in (None, "book", "list", "availability")
        and asked in ("request", "anything_else")
        and _HELD_UNSUITED.search(line)
        and not acts.BOOK_VERB.search(line)
        and not acts.ANOTHER_PERSON.search(line)
        and not _ANOTHER_ONE.search(line)
    ):
        # "the Tuesday one is no good for me now", "I've got one next Thursday but it has to
        # be this week": the appointment they hold does not suit, another time wanted
        task = "reschedule"
    if (
        task in (None, "list")
        and asked in ("request", "anything_else")
        and _GO_ELSEWHERE.search(line)
        and acts.MY_APPOINTMENT.search(line)
    ):
        # "next Tuesday is the same day as my appointment. Could it go to the Monday after?":
        # the appointment held goes to another day
        task = "reschedule"
    if (
        task in (None, "list")
        and asked in ("request", "anything_else")
        and when.day is not None
        and when.day.dates
        and not when.day.negated
        and _SAME_TIME_INSTEAD.search(line)
        and not acts.ANOTHER_PERSON.search(line)
        and not _ANOTHER_ONE.search(line)
    ):
        # "it's Thursday morning, which is exactly when I'm meant to be seeing you, so I was
        # wondering about Friday instead? The same time.": the time of the one held, on
        # another day - a move of it
        task = "reschedule"
    if (
        task in (None, "list")
        and asked in ("request", "anything_else")
        and len(days) >= 2
        and when.day is days[-1]
        and when.day.dates
        and not when.day.negated
        and (held_said := _BOOKED_FOR.search(line)) is not None
        and (lift := _LIFT_CANT.search(line, held_said.end())) is not None
        and _CAN_DO_THEN.search(line, lift.end()) is not None
    ):
        # "I'm booked for Friday afternoon, but my neighbour can't take me now. She says she
        # can do Monday mornings": the one held goes to the day the caller can come
        task = "reschedule"
    held_then = _HELD_BUT_WANTED.search(line) if task in (None, "book", "availability") else None
    if (
        held_then is not None
        and asked in ("request", "anything_else")
        and not _ANOTHER_ONE.search(line)
        and not acts.ANOTHER_PERSON.search(line)
    ):
        cut = line[: held_then.start("but")].count(" ")
        first = line[: held_then.start("held")].count(" ")
        spans = {k for d in days for k in range(d.start, d.end)}
        spans |= {k for t in times for k in range(t.start, t.end)}
        only_when = all(k in spans or tokens[k].text in _HELD_FILLER for k in range(first, cut))
        said_after = [d for d in days if d.start > cut and d.dates and not d.negated]
        if (
            only_when
            and said_after
            and any(first <= d.start < cut and d.exact is not None for d in days)
        ):
            # "I've got Monday at one but I'd rather get it over with - anything tomorrow,
            # first thing?": the day and time before "but" are the appointment held, moved to
            # what is asked for after it
            # (its time is dropped: it names the one held, never where it goes)
            task = "reschedule"
            times = [t for t in times if not first <= t.start < cut]
            when = resolve([d for d in days if d.start > cut], [t for t in times if t.start > cut])
    before_held = only_that_day = False
    if (
        task in (None, "book", "list", "availability", "reschedule")
        and asked in ("request", "anything_else", "datetime")
        and (_SOONER.search(line) or _BEFORE_MINE.search(line))
        and _KEEP_HELD.search(line)
    ):
        # "anything sooner? if not I'll stick with Monday", "is there an earlier one,
        # otherwise keep what I have": a move of the one they hold, only if sooner (the day
        # kept names the appointment, it is not asked for)
        task = "reschedule"
        kept = _KEEP_HELD.search(line)
        assert kept is not None
        at = line[: kept.start()].count(" ")
        words = [t.text for t in tokens]
        mine = _BEFORE_MINE.search(line)
        # "before my 11 o'clock on Monday": the day and time after it are the appointment's
        own_from = line[: mine.start()].count(" ") + 1 if mine is not None else at
        wanted = [
            d
            for d in days
            if d.start < min(at, own_from)
            and not _names_own(tokens, d)
            and words[d.end : d.end + 1] != ["one"]
            and words[d.start - 1 : d.start] != ["my"]
        ]
        if not wanted and not [t for t in times if t.start < own_from]:
            # (with a day asked for, "anything earlier this week? otherwise I'll keep
            # Monday", the days said are looked at; see _take_only_if)
            if mine is not None and any(t.at is not None for t in times):
                # "anything free before my 11 o'clock on Monday? if not I'll keep it": an
                # earlier time that day, else it stays
                nearby, only_that_day = "earlier", True
                days, when = [], resolve([], [])
            else:
                days, when, before_held = [], resolve([], []), True
    if (
        task in (None, "availability", "reschedule")
        and asked == "offer_change"
        and when.day is None
        and not times
        and not shifted
        and _SOONER.search(line)
    ):
        # "You have an appointment on Friday the 11th. Would you like to change it?" - "that's
        # a long way off, is there anything sooner?": a move of that one, only if sooner
        task, before_held = "reschedule", True
    if (
        task == "reschedule"
        and asked == "request"
        and when.day is None
        and not shifted
        and _SOONER.search(line)
    ):
        # "could you move it up?", "any chance of an earlier appointment than the one I
        # have?": the soonest opening (before the appointment, or there is none sooner)
        first = line[: _SOONER.search(line).start()].count(" ")  # type: ignore[union-attr]
        days = [*days, DayMention(first, first + 1, (), earliest=True)]
        when = resolve(days, times)
    beside = beside_held(line) if task in ("reschedule", None) else None
    if (
        beside is not None
        and task is None
        and asked in ("request", "anything_else", "offer_change")
        and MOVED_FIRST.search(" ".join(line.split(" ")[: beside.start]))
    ):
        # "can you put the Thursday one on the same day as the Tuesday one?": placed by
        # another one held, the one named first is moved
        task = "reschedule"
    if task != "reschedule":
        beside = None
    if beside is not None:
        # "can the Thursday one go on the same day as the Tuesday one, right after it?": the
        # days said of the other one are neither where it goes nor the one moved
        inside = [d for d in days if beside.start <= d.start < beside.end]
        if beside.counted:
            # "my second has to be four weeks after the first, it got put in two weeks after,
            # move it to four weeks after the first": each count is of the held ones
            counted = counts_said(line)
            inside += [d for d in days if any(a <= d.start < b for a, b in counted)]
        if inside or beside.days:
            days = [d for d in days if d not in inside]
            shift_days = None
            when = resolve(days, times)
    another = acts.ANOTHER_PERSON.search(line) is not None
    second_day = None
    # "I've got two appointments, Tuesday and Thursday": the two they hold, not two asked for
    booked_verb = acts.BOOK_VERB.search(re.sub(r"\bbookings?\b", "", line)) is not None
    holds_two = _HOLDS_TWO.search(line) is not None and not booked_verb
    if holds_two and task == "book":
        task = None  # "we have two bookings on the 14th": the noun, no booking asked for
    if (
        task in ("book", None)
        and (
            asked in _ANY_TIME_QUESTIONS
            or (asked in (*_ACCOUNT_QUESTIONS, "anything_else") and task is None)
        )
        and (acts.TWO_VISITS.search(line) or _EACH_THEIR_OWN.search(line))
        and not holds_two
    ):
        visits = _two_visits([d for d in days if not _held_named(tokens, d)], times)
        if visits is not None:
            # "one this Friday and a follow-up the Friday after": the first now, the second
            # once it is booked
            when, second_day = visits
            task, another = "book", True
    if (
        task in ("book", None)
        and not another
        and second_day is None
        and asked in _ANY_TIME_QUESTIONS
        and acts.TWO_AT_ONCE.search(line)
        and not holds_two
    ):
        # "two appointments back to back on Friday", "one for each of my two sons": two
        # bookings on one day, the second asked about once the first is made
        task, another = "book", True
    if task is None and holds_two and asked == "request" and not _PICKS_ONE.search(line):
        # "I've got two appointments, Tuesday and Thursday", "we have two on the 14th, me and
        # my husband": they are read out (not a booking for the one named with the caller)
        task, another = "list", False
    if task is None and another:
        task = "book"  # "oh, and my husband needs one as well"
    if task == "book" and another and second_day is None:
        second_day = _each_its_hour(when, times, line)
    if (
        task in ("book", "reschedule", "availability", "check", "list", None)
        and not another
        and asked in _ANY_TIME_QUESTIONS | _ACCOUNT_QUESTIONS
    ):
        # (a move too: "my husband's in on Friday at eleven, can you move mine to the slot
        # after his?"; else "my wife's booked in Tuesday at ten, could I have the one straight
        # after hers?" asks for a booking - the one booked is hers, not the caller's to look up)
        next_to_theirs = _beside_theirs(when, line)
        if next_to_theirs is not when:
            if task != "reschedule" or not _MOVES_MINE.search(line):
                task = "book"
            when = next_to_theirs
    no_way_there = acts.NO_WAY_THERE_WITH_ONE_HELD.search(line) is not None
    if task == "list" and no_way_there and asked == "request":
        # "my lift's fallen through for my appointment on Friday": not a question about it
        task = None
    cant_make = bool(
        acts.CANT_MAKE.search(line)
        or acts.NOT_SUITED.search(line)
        or (task is None and acts.TAKEN_ILL_WITH_ONE_HELD.search(line))
        or (task is None and no_way_there)
    )
    if (
        task in (None, "list", "book")
        and not another
        and asked == "request"
        and indifferent
        and _cant_make_a_day(line)
    ):
        # "I'm booked in tomorrow at 9 and I'm not going to make 9 o'clock - just stick me in
        # whatever's next after that": the appointment held goes to the next opening
        task = "reschedule"
    if task == "availability" and asked == "request" and _cant_make_a_day(line) and days:
        # "there's no way I can make tomorrow at eleven - is there anything later in the
        # week?": the appointment held is what is to go elsewhere
        task = "reschedule"
    end = bool(acts.END.search(line)) or bool(
        task is None
        and when.empty
        and phone is None
        and acts.WRONG_PLACE.search(line)
        and not acts.WRONG_PLACE_DOUBT.search(line)
    )
    if (
        end
        and asked in ("confirm", "offer_book", "offer_change")
        and acts.YES.search(line)
        and not acts.END.search(_BRITISH_THANKS.sub(" ", line))
    ):
        end = False  # "yeah lovely, cheers" to a change proposed: a thanks, the call goes on
    # "no objection - go ahead", "I don't see why not": a yes, weighed as one
    weighed = acts.YES_BY_NEGATION.sub("yes", line) if asked != "anything_else" else line
    if asked in ("confirm", "offer_book", "offer_change"):
        weighed = acts.REGISTER_YES.sub("yes", weighed)  # "say less", "I hereby confirm"
    # "wait, before you do that, ...", "before I say yes - how long is it?": what is still to
    # come, neither a yes nor a no (the pause before it is no refusal either)
    weighed = _NOT_YET_DONE.sub(r"\1", weighed)
    yes = bool(acts.YES.search(weighed))
    no = bool(acts.NO.search(weighed))
    if (
        no
        and asked == "request"
        and task in ("cancel", "reschedule")
        and not acts.NO.search(_LEAVE_THAT_ONE.sub(" ", weighed))
    ):
        # "cancel the Monday ... the Wednesday's fine, leave that" opening a call: the other one
        # kept, no refusal of anything asked (f54-b04: it cancelled the Wednesday)
        no = False
    if no and not yes and _TAG_NO.search(text) and not acts.NO.search(_LAST_NO.sub("", weighed)):
        no = False  # "nothing after that, no?": a tag on a question, not a refusal
    if yes and no and _paused_then_yes(weighed):
        no = False  # "hold on, let me check my diary... okay, yes, book it": a pause, then yes
    let_go = _OWN_QUESTION_LET_GO.search(text.lower().replace("'", "").replace("’", ""))
    question_let_go = (
        yes
        and no
        and let_go is not None
        and acts.YES.match(weighed) is not None
        and len(list(acts.NO.finditer(weighed))) == 1
        and acts.NO.search(let_go.group(0).lstrip("?")) is not None
    )
    if question_let_go:
        # "Yes. Oh, I'm not in there? I've been coming for years. Never mind.": the yes answers;
        # the "never mind" lets their own question go, it takes nothing back
        no = False
    if yes and no:
        first_yes = acts.YES.search(weighed)
        first_no = acts.NO.search(weighed)
        assert first_yes is not None and first_no is not None
        if first_no.start() <= first_yes.start() or re.search(
            r"\b(?:no|nope|nah|never ?mind|forget it|leave it|not now)\b"
            # "okay - leave that one, it's fine": the one proposed left as it is
            rf"|{acts.LEFT_AS_IS}"
            # "right, good to know - I won't book just now, I'll ring back": put off
            rf"|{acts.PUT_OFF}",
            weighed,
        ):
            yes = False
        elif (
            _TAKEN_BACK_YES.search(weighed, first_yes.end(), first_no.start())
            or not (weighed[[*acts.NO.finditer(weighed)][-1].end() :].strip(" .,!?"))
            or _NOT_DONE_YET.search(weighed, first_yes.end())
        ):
            yes = False  # "okay but don't cancel it", "sure, ignore that, don't": taken back
        else:
            no = False
    if (
        no
        and asked == "request"
        and task is None
        and acts.TAKEN_ILL_WITH_ONE_HELD.search(line)
        and not acts.NO.search(acts.TAKEN_ILL.sub(" ", weighed))
    ):
        # "my appointment tomorrow - I don't want to pass it on": why it can't be kept, said
        # with nothing asked yet, no refusal
        no = False
    if asked in _DETAIL_CHECKS and not yes and not no and _THATS_IT.search(line):
        yes = True  # "that's it" to "is that your number?": the detail agreed to
    confirming = asked in ("confirm", "offer_book", "offer_change")
    if confirming and yes and task == "list" and _CONFIRM_IT.search(line):
        task = None  # "yes, it is fine, confirm it": this one confirmed, no list asked for
    if asked == "confirm" and yes and _UNSURE_THEN_YES.search(line):
        yes = False  # "not really sure... yes": asked again, not booked on a doubt
    if asked == "confirm" and not yes and not no and _CANT_MAKE.search(line):
        no = True  # "I can't make it" to "Shall I book ...?": a no, said as a reason
    if (
        confirming
        and not yes
        and not no
        and any(t.negated and t.window is not None for t in times)
        and task is None
    ):
        no = True  # "Ah. Mornings are a bit difficult for me, really." to 9 AM: turned down
    changed = None if question_let_go else _changed_mind(line)
    if changed is not None:
        yes, no = changed, not changed
    if re.match(r"^(?:no|nope|nah)\b", line) and re.search(
        r"\b(?:thats|it s|its) (?:it|all)\b", line
    ):
        end = end or asked == "anything_else"
    if task is not None and end and not re.search(r"\bgood ?bye\b|\bbye\b", line):
        end = False  # "that's all I need is to book ..." is a request
    if (
        end
        and asked in ("name", "spell", *_RENAME_QUESTIONS)
        and not re.search(
            rf"\bbye\b|\bgoodbye\b|\bhang up\b|\bcall (?:you |me )?back\b|{acts.TRY_LATER}", line
        )
    ):
        # a name heard as "that's all" must not end the call; "I'll call back another time"
        # is no name (a name grammar has no "call back" in it)
        end = False
    if (
        end
        and (task is not None or not when.empty)
        and acts.CORRECTION.search(line)
        and not no
        and not acts.END.search(re.sub(r"\b(?:good ?)?bye\b", " ", line))
        and not re.search(r"\bbye\W*$", line)
    ):
        # a lone "bye" inside a change of mind ("wait, rather than cancel it, could I move it
        # to the Friday") is a misheard word, not a goodbye: it must not end a call with work
        end = False
    if (
        end
        and (task is not None or not when.empty)
        and not acts.END.search(re.sub(r"\b(?:good ?)?bye\b", " ", line))
        and not _BYE_LAST.search(line)
        and not (asked == "anything_else" and _NO_THEN_BYE.search(line))
    ):
        # nor is one in the middle of a request, with more words after it: "could we move
        # it to next Wednesday, same time?" was heard "... wednesday do you bye you", and
        # the call was ended on a request; a caller who leaves says it last (but a "no" to
        # "anything else?" that says bye is a goodbye, a word after it misheard: "no that's
        # everything, thanks so much, bye now" heard "no that's too late think sunday so
        # much bye are")
        end = False
    if indifferent and not acts.CORRECTION.search(line):
        no = False  # "I don't mind", "doesn't matter": not a no
    # "the Wednesday before Christmas", "the Monday after New Year": a day asked for, reached
    # through a holiday; the holiday's name in it asks nothing about the holidays
    reached = frozenset(
        tokens[k].text
        for d in days
        if d.exact is not None and not d.negated and d.end - d.start >= 3
        for k in range(d.start, d.end)
    )
    questions = _questions(line, ctx, typed, reached=reached)
    if (
        "reminder" in questions
        and task == "list"
        and not acts.LIST.search(acts.REMINDER_Q.sub(" ", line))
    ):
        task = None  # "will I get a text to remind me?": a question, not the bookings read out
    if end and (questions or task is not None or "?" in text) and _after_the_goodbye(line):
        # "thanks, bye - oh wait, one more thing: is there parking?", "that's everything...
        # actually, while I've got you, could Thursday be an hour earlier?": the caller
        # started to leave and came back with something; it is served before the call ends
        end = False
    if yes and acts.YES_MENTIONED.search(line) and (questions or "?" in text):
        yes = False  # "before I say yes, do I need my card?": a question, not a yes yet
    if (
        yes
        and (questions or "?" in text)
        and not question_let_go
        and not acts.YES.search(_ACKNOWLEDGED.sub(" ", weighed))
    ):
        # "great question, what are your hours?", "perfect - do I need to bring anything?" to
        # "Shall I cancel ...?": a word that only acknowledges, before a question, is no yes;
        # the question is answered and the confirmation asked again
        yes = False
    if yes and _SCOFFED.search(line) and ctx.asked not in _OWN_DETAILS_READ_BACK:
        # "yeah, right": sarcasm as often as a yes, and never a yes to act on (to the caller's
        # own number or name read back it is "yes, that's right": nothing there to scoff at)
        yes = False
    if yes and _BOOK_IT_LATER.search(line):
        yes = False  # "grand, I'll ring back to book it": the booking put off, not agreed
    if yes and _LEFT_TO_ANOTHER_CALL.search(line) and not _CHANGE_SAID.search(line):
        yes = False  # "lovely, I'll check with my boss and call you back": not agreed
    # "wait, where are you located?": a question asked before answering, not a no
    aside = bool(
        questions
        and _ASIDE_LEAD.match(line)
        and not _PLAIN_NO.search(_ASIDE_LEAD.sub(" ", line, count=1))
        and task is None
        and when.empty
    )
    if aside:
        no = False
    wait = _just_waiting(line) and task is None and when.empty and phone is None and code is None
    if wait:
        yes = no = False  # "hang on, let me check my diary": neither yes nor no, yet
    name: str | None = None
    spelled: str | None = None
    if asked == "spell" or acts.SPELL_OFFER.search(line):
        # "tomorrow at two p m please" said to "Could you spell it?": the P M of a time
        # heard is no spelling (the README's demo registered "Pm" so, on CI at stop 54)
        spelled = acts.spelled_word(_outside_times(tokens, times))
    if phone is None and code is None:
        name = acts.find_name(
            list(tokens),
            asked=asked in ("name", "surname", "spell", "phone_confirm", *_RENAME_QUESTIONS),
            text=text,
            later=asked == "name" and when.empty,
        )
        if (
            name is not None
            and asked not in ("name", "spell", *_RENAME_QUESTIONS)
            and task is not None
            and not re.search(r"\bmy name is\b|\bmy names\b|\bname is\b|\bthis is\b", line)
            and name.islower()
        ):
            name = None  # spoken "I'm ..." next to a request is rarely a name
        if name is None and task is not None and asked == "request":
            name = acts.signed_name(list(tokens), text)  # "need appt next week, Kim Tran"
        if asked == "phone" and task is None and when.empty:
            # "Owen." or a recogniser's "fiona mac donald" when the number was asked; the
            # same letters joined as a name is written ("O Sullivan": "O'Sullivan")
            spoken = acts.spoken_name(list(tokens), text)
            if name is None:
                name = acts.written_name(list(tokens), text) or spoken
            elif spoken is not None and _letters(spoken) == _letters(name):
                name = spoken
        if name is not None and asked in ("name", "spell", *_RENAME_QUESTIONS):
            lowered = name.lower().split()
            if lowered and (
                lowered[0] in ("no", "yes", "nope", "wrong", "incorrect")
                or not when.empty
                and len(lowered) < 2
                or not when.empty
                and bool(_WEEKDAY_WORDS & set(lowered))
            ):
                # "monday if you've got it around two" to "Could you spell it?": the day
                # asked for, not a name ("Monday If You've")
                name = None
    elif phone is not None:
        rest = tokens[: phone.start] + tokens[phone.end :]
        # (to "And your last name?" the words beside the number are that name: "Wisniewski,
        # W-I-S-N-I-E-W-S-K-I, and my number's ...")
        name = acts.find_name(list(rest), asked=asked == "surname", text=text)
        if name is None:
            name = acts.name_beside_number(list(tokens), phone.start, phone.end, text)
        before = acts.without_spelled_echo(tokens[: phone.start])
        if name is None and len(before) < phone.start:
            # a name spelled after it is said once ("anna kowalski k o w a l s k i, 412 ...")
            start = len(before)
            name = acts.name_beside_number(
                [*before, *tokens[phone.start :]], start, start + phone.end - phone.start, text
            )
        if name is None:
            name = acts.spoken_name_before(list(tokens), phone.start, text)
        name = acts.patient_named(text, line) or name
    if (
        name is not None
        and asked == "phone_confirm"
        and yes
        and re.search(rf"\bthe {re.escape(name.split()[0].lower())}\b", line)
    ):
        name = None  # "yes, that's the landline", "that's the best one for us": a thing
    if name is not None:
        name = acts.respelt_name(name, list(tokens), text)
        name = acts.spelled_out(name, list(tokens))
    if spelled is not None and asked == "spell":
        name = None
    surname_offered = acts.surname_spell_offer(text) and phone is None
    if surname_offered and name is None and spelled is None:
        # "Marta - do you want me to spell the surname? It's a tricky one": the first name,
        # said alone before the offer ("it's a tricky one" names no one)
        first = next(
            (k for k in range(1, len(tokens)) if tokens[k].breaks_before or tokens[k].aside), 0
        )
        if first:
            name = acts.find_name(list(tokens[:first]), asked=True, text=text)
    fix = acts.name_fix(line) if phone is None and code is None else None
    if spelled is None and (fix is not None or asked in (*_RENAME_QUESTIONS, "rename_confirm")):
        # "it's Ruiz, R U I Z": a spelling said with the correction, unasked
        spelled = acts.letters_spelled(list(tokens))
    repeat = bool(acts.REPEAT.search(line))
    if (
        repeat
        and task in (None, "availability")
        and phone is None
        and _HEARD_UP_TO.search(line)
        and not _SAID_AGAIN.search(line)
    ):
        # "you cut out after Thursday - what times were those?": the day is where the agent's
        # words were lost, not one asked for; what was said is said again
        task, when, days, times, shift_days = None, When(), [], [], None
    said_no = acts.NO.search(line)
    lead_wait = re.match(r"^\W*(?:(?:oh|um|uh|sorry)\W+)*(?:wait|hang on|hold on)\b", line)
    if (
        (repeat or questions or task == "code")
        and said_no is not None
        and lead_wait is not None
        and said_no.start() < lead_wait.end()
        and acts.NO.search(line, lead_wait.end()) is None
    ):
        # "wait, which was the first one you said?": asked again, not a no; "hang on, how
        # long is the appointment?", "hold on, what's the code on it?": a question before the
        # answer, not a no either
        no = False
    said_yes = acts.YES.search(line)
    if (
        said_yes is not None
        and yes
        and (repeat or questions or "?" in text)
        and (repeat or _TAKEN_BACK.search(line, said_yes.end()) is not None)
    ):
        # "yes - actually hold on, what time was that?": the yes is held back for a question
        yes = False
    if name is not None and any(q.startswith("faq:") for q in questions):
        # "this is Linda Park, ...": a clinic keyword inside the caller's own name (parking)
        # asks nothing; the question is read again without the name
        unnamed = re.sub(
            r"\b(?:" + "|".join(re.escape(w) for w in name.lower().split()) + r")\b",
            " ",
            typed.lower(),
        )
        questions = frozenset(q for q in questions if not q.startswith("faq:")) | frozenset(
            q for q in _questions(line, ctx, unnamed) if q.startswith("faq:")
        )
    if repeat and phone is None and not re.search(r"\b(?:my )?names?\b|\bthis is\b", line):
        name = None  # "sorry, could you say that slower? I didn't catch it": not "Didn't Catch"
    ordinal = None
    if asked in _PICK_QUESTIONS and not doubt and not repeat:
        m = _ORDINAL_PICK.search(line)
        # "Friday? Afternoon, whatever's first": the first of what this turn asks for, not of
        # what was offered (a bare "first" beside a day or a part of the day of its own)
        own_when = any(not d.same for d in days) or any(t.window is not None for t in times)
        bare = m is not None and m.group(0).split()[-1] in _ORDINAL_VALUES
        numbered = _NUMBERED_PICK.search(line)
        ruled_out = _NOT_THE_OFFERED.search(line)
        if ruled_out is not None:
            # "not the early one - the other one" to two offered: the other end of the two
            ordinal = -1 if _ORDINAL_VALUES[ruled_out.group(1)] > 0 else 1
        elif _NOT_THE_FIRST.search(line):
            ordinal = 2
        elif numbered is not None:
            ordinal = _NUMBER_WORDS[numbered.group(1)]
            # the number is the place in the list, not an hour ("number two" is not 2 PM)
            times = [t for t in times if not t.bare]
            when = replace(when, time=None)
        elif (
            m is not None
            and not re.search(r"\bfirst thing\b", line)
            # "the same doctor as last time": an earlier visit, not the last time offered
            and not re.search(r"\b(?:as|like|than|since) (?:the )?$", line[: m.start()])
            and not _OF_THE_DAY.match(line, m.end())
            and not _DAYS_OWN.search(line)
            and not (bare and own_when and asked != "choose_time")
        ):
            ordinal = _ORDINAL_VALUES[m.group(1) or m.group(2)]
            step = _STEP_FROM_PICK.search(line, m.end())
            if step is not None and ordinal > 0:
                # "the first one - no wait, the one after that": the pick corrected by a step
                later = next(g for g in step.groups() if g) in ("after", "next")
                ordinal = max(1, ordinal + (1 if later else -1))
            if m.group(2) in ("earliest", "latest") and len(m.group(0).split()) > 1:
                # "the earliest one is fine" to a list: the first of those, not the soonest day
                days = [d for d in days if not d.earliest]
                times = [t for t in times if not (t.earliest or t.latest)]
                when = resolve(days, times)
            when = _end_of_the_part(when, ordinal)
        elif (
            m is not None
            and _OF_THE_DAY.match(line, m.end())
            and not re.search(r"\bfirst thing\b", line)
            and abs(_ORDINAL_VALUES[m.group(1) or m.group(2)]) == 1
        ):
            # "I'll take the last one in the afternoon": that part of the day's last time,
            # whether or not it was offered
            when = _end_of_the_part(when, _ORDINAL_VALUES[m.group(1) or m.group(2)])
        elif (_ANY_PICK.search(line) and asked == "choose_time") or (
            asked == "confirm" and _YOU_PICK.search(line) and not own_when
        ):
            ordinal = 1  # (among the offered times that fit what this turn says, if anything)
    if (
        (ordinal is None or asked == "offer_change")
        and asked in ("request", "offer_change")
        and task in ("reschedule", "cancel", "code")
    ):
        # "I've got two appointments and I need to move the later one": which of theirs (also
        # to "would you like to change any of them?" after they were read out); the ones said
        # to be kept ("keep the first and the last one, ...") are not the one
        unanchored = line
        if beside is not None:
            # ("the later one to the same day as the earlier one": the earlier one stays)
            words = line.split(" ")
            masked = ["-"] * (beside.end - beside.start)
            unanchored = " ".join(words[: beside.start] + masked + words[beside.end :])
        held = _HELD_ORDINAL.search(_KEPT_PART.sub(" ", unanchored))
        ruled_out = _NOT_THE_HELD.search(line)
        if ruled_out is not None:
            # "not the early one, the other one": the other end of the two
            ordinal = -1 if _ORDINAL_VALUES[ruled_out.group(1)] > 0 else 1
        elif held is not None:
            ordinal = _HELD_PLACES[next(g for g in held.groups() if g)]
    if when.day is not None and when.day.either and _SOONER_OF_EITHER.search(line):
        # "Monday, Wednesday or Friday - whichever's first": the days in the calendar's order
        when = replace(when, day=replace(when.day, dates=tuple(sorted(when.day.dates))))
    dropped = _DROPS_CHANGE.search(line)
    drops_change = dropped is not None and _ADDS_ONE.search(line, dropped.end()) is not None
    if drops_change:
        task = "book"  # "forget moving Tuesday, I'll keep it - just the one for him, Friday"
    kept_months = tuple(
        MONTHS[next(g for g in m.groups() if g)] for m in _KEPT_MONTH.finditer(line)
    )
    months = tuple(
        MONTHS[t.text]
        for t in tokens
        if t.text in MONTHS
        and t.text != "may"
        and not any(d.start <= t.index < d.end for d in days)
        and MONTHS[t.text] not in kept_months
    )
    held_months = {MONTHS[next(g for g in m.groups() if g)] for m in _HELD_MONTH.finditer(line)}
    if task in ("cancel", "code") and held_months:
        # "the doctor said January. I don't need the December one, cancel it", "cancel the
        # January one, the surgeon wants me back in December": the month the one held is named
        # by, not another said of something else (a cancel has no new day)
        months = tuple(m for m in months if m in held_months) or months
        other = [
            d
            for d in days
            if d.dates
            and all(x.month not in held_months for x in d.dates)
            and any(t.text in MONTHS for t in tokens[d.start : d.end])
        ]
        if other:
            days = [d for d in days if d not in other]
            if when.day in other:
                when = replace(when, day=None)
    return Understanding(
        text=text,
        tokens=tuple(tokens),
        task=task,
        drops_change=drops_change,
        put_off=put_off,
        cant_make=cant_make,
        yes=yes,
        no=no,
        end=end,
        greeting=_just_greeting(line),
        thanks=bool(acts.THANKS.search(line)),
        correction=bool(
            acts.CORRECTION.search(_OPENING_APOLOGY.sub(" ", line) if asked == "request" else line)
        )
        and not aside
        and not (repeat and not no),
        phone=phone,
        keypad=keypad,
        name=_once_each(name),
        spelled=spelled,
        surname_offered=surname_offered,
        name_fix=fix,
        code=code,
        when=when,
        days=tuple(days),
        times=tuple(times),
        day_shift=shift_days,
        after_held=after_held,
        after_other=after_other,
        beside=beside,
        later_that_week=later_that_week,
        before_held=before_held,
        nearby=nearby,
        zone_note=zone_note,
        only_that_day=only_that_day,
        months=months,
        kept_months=kept_months,
        ordinal=ordinal,
        questions=questions,
        wrong_number=bool(
            acts.WRONG_NUMBER.search(line) or (acts.NOT_ME.search(line) and asked in _WHO_QUESTIONS)
        ),
        late=late,
        repeat=repeat,
        wait=wait,
        relative=acts.relative_named(text),
        their_number=acts.their_number(line),
        not_the_callers=acts.NOT_THE_CALLERS.search(line) is not None
        or (
            phone is not None
            and acts.FOR_NOT_KIN.search(line) is not None
            and acts.OWN_NUMBER.search(line) is None
        ),
        another=another,
        second_day=second_day,
        right_after=acts.RIGHT_AFTER.search(line) is not None,
        bad_day=_bad_day(tokens, line, ctx) if when.day is None else None,
        bad_time=impossible[-1] if impossible and when.time is None and not doubt else None,
        clash=weekday_clash(days, tokens, ctx.today),
    )


_NAME_QUESTIONS: Final = frozenset({"name", "surname", "spell", "phone_confirm"})
_DROPS_CHANGE: Final = re.compile(
    r"\b(?:forget|never ?mind|scrap|skip|no need for|dont bother)(?: about)?(?: the)?"
    r" (?:moving|changing|cancelling|canceling|rescheduling|move|cancellation)\b"
    r"|\b(?:ill|i will|lets|ill just|just|no) keep (?:it|that|mine|the \w+|my \w+)\b"
    r"|^(?:(?:hmm|um|uh|oh|ok|okay|actually|wait|hang on|hold on|no|sorry)\s+)*keep"
    r" (?:it|that|mine|the \w+|my \w+)\b"
    r"|\bleave (?:the |my )?\w+(?: one| appointment| booking| s| is)? (?:where it is|as it is"
    r"|alone|be)\b"
)
"""The change under way given up ("forget moving Tuesday", "keep the 10th", "leave Friday's
where it is"): with a new booking asked for after it in the same breath, that booking is
what is wanted now (see :data:`_ADDS_ONE`)."""
_ADDS_ONE: Final = re.compile(
    r"\b(?:just |only )?add\b|\b(?:the|one) (?:one )?for (?:him|her|them|my \w+)\b"
    r"|\b(?:book|get|put) (?:me|him|her|them|us) (?:in |down )?(?:for|on)\b"
    r"|\b(?:just|only) (?:a |the )?(?:new|another|second|extra) (?:one|appointment|booking)\b"
    r"|\b(?:another|new|extra|second) (?:one|appointment|booking)\b"
    r"|\b(?:book|get|put) (?:me|him|her|them|us) (?:in |down )?(?:another|a new|one more)\b"
)
"""A new booking asked for ("just add Monday as well", "just the one for him", "book me in
for Friday instead")."""


_EVENT_MOVED: Final = re.compile(
    r"\b(?:(?:hospital|they|theyve|work|boss|school|airline|surgeon|consultant)s?"
    r"(?: s| has| have| ve)?"
    r"(?: (?:gone|went|just|only|now))*(?: and)? )"
    r"(?:moved|changed|rescheduled|shifted|pushed|bumped|brought|put)"
    r"(?: (?:back|forward))? (?:my|our|his|her|the) (?:[a-z]+ ){0,2}"
    r"(?:surgery|operation|op|procedure|shift|shifts|flight|exam|interview|scan|treatment"
    r"|chemo|wedding|trip|court date|hearing)(?: (?:back|forward))? to\b"
    # "my scan got moved to Tuesday the 8th at 10", "my surgery's been pushed back to the
    # 14th": the same, said without who moved it
    r"|\b(?:my|our|his|her) (?:[a-z]+ ){0,2}"
    r"(?:surgery|operation|op|procedure|shift|shifts|flight|exam|interview|scan|treatment"
    r"|chemo|wedding|trip|court date|hearing|mri|x ray|ultrasound|biopsy|infusion)s?"
    r" (?:got|gets|was|were|has been|have been|s been|is being|is|has|s)"
    r" (?:(?:just|now|suddenly|only|also) )?"
    r"(?:moved|changed|rescheduled|shifted|pushed|bumped|brought|put)"
    r"(?: (?:back|forward))? (?:to|till|until)\b"
)
_EVENT_DAY_WORDS: Final = frozenset(
    {"the", "on", "next", "this", "coming", "of", *WEEKDAY_WORDS, *(m.lower() for m in MONTHS)}
)
_EVENT_HOUR_WORDS: Final = frozenset({"at", "am", "pm", "oclock", "noon", "thirty", "half"})


def _their_event_moved(tokens: list[Token], line: str) -> set[int]:
    """The day someone else moved one of the caller's own events to ("the hospital's gone
    and moved my surgery to the 14th, so both my appointments need to go back a week"): why
    the caller rings, not a day asked for; its tokens are not read as one."""
    m = _EVENT_MOVED.search(line)
    if m is None:
        return set()
    k = line[: m.end()].count(" ") + 1
    out: set[int] = set()
    while k < len(tokens) and len(out) < 7:
        word = tokens[k].text
        dated = word in _EVENT_DAY_WORDS or word in ORDINALS or any(c.isdigit() for c in word)
        # (and its hour: "to Tuesday the 8th at 10", "... at 10 am")
        dated = dated or word in _EVENT_HOUR_WORDS and bool(out)
        if not dated:
            break
        out.add(k)
        k += 1
    return out


_COUNTED_FROM_HELD: Final = re.compile(
    r"\b(?:after|before|following|preceding|same day as|same week as|later than)"
    r" (?:the one (?:im|i m|i am|ive|i ve|i have|i got|i already have)\b"
    r"|mine\b|my (?:current|existing|own|next) (?:one|appointment|booking)\b)"
)


def _calendar_name(
    tokens: list[Token],
    *,
    asked: bool,
    text: str,
    skip: set[int],
    phone: PhoneHeard | None = None,
) -> set[int]:
    """Where the caller's name is a weekday, a month or an hour ("this is Dawn Friday", "my
    name is Sunday Okafor", "Tuesday Harrington here", "Jan Ten Eyck", "Peter Noon"; "Sarah
    Monday, 980 555 ..." beside the number): its words, no day and no time (the number,
    ``skip``, read aside)."""
    if not any(t.text in acts.CALENDAR_NAMES for t in tokens):
        return set()
    name = acts.find_name(
        [t for k, t in enumerate(tokens) if k not in skip], asked=asked, text=text
    )
    if name is None and phone is not None:
        name = acts.name_beside_number(list(tokens), phone.start, phone.end, text)
    if name is None:
        return set()
    words = re.split(r"[ -]", name.lower())
    if not set(words) & acts.CALENDAR_NAMES:
        return set()
    for k in range(len(tokens) - len(words) + 1):
        if [t.text for t in tokens[k : k + len(words)]] == words:
            return set(range(k, k + len(words)))
    return set()


_HELD_NOUNS: Final = frozenset({"one", "appointment", "appt", "booking", "visit", "slot"})


def _held_named(tokens: list[Token], day: DayMention) -> bool:
    """ "I already moved my Tuesday one", "my Monday appointment's fine": the day of one the
    caller holds, said to name it (not a day asked for)."""
    before = [t.text for t in tokens[max(0, day.start - 2) : day.start]]
    after = [t.text for t in tokens[day.end : day.end + 1]]
    return before[-1:] == ["my"] and bool(after) and after[0] in _HELD_NOUNS


def _two_visits(days: list[DayMention], times: list[TimeMention]) -> tuple[When, When] | None:
    """Two days said for two visits, each with the times said with it (a time said with only
    one of them goes for both: "..., both at 10"); None unless there are exactly two."""
    kept = [d for d in days if not d.negated and not d.either and d.exact is not None]
    if len(kept) != 2 or kept[0].exact == kept[1].exact:
        return None
    first, second = kept
    clocked = [t for t in times if not (t.same and t.at is None and t.window is None)]
    if clocked:
        # "same time on Tuesday and Thursday - 10 o'clock": "same time" says both share the
        # hour said, it is no hour of its own
        times = clocked
    before = [t for t in times if t.start < second.start]
    after = [t for t in times if t.start >= second.start]
    return resolve([first], before or after), resolve([second], after or before)


_KIN_WORD: Final = (
    r"(?:wife|husband|partner|son|daughter|mum|mom|mother|dad|father|sister|brother|nan|gran)"
)
_THEIRS_HELD: Final = re.compile(
    r"\b(?:shes|hes|theyve|she s|he s|they ve|she has|he has|they have|she|he|they)"
    r" (?:got|already got|already has|already have|has|have) (?:one|an appointment|a slot)\b"
    r"|\b(?:hers|his|theirs) is\b"
    r"|\bmy (?:wife|husband|partner|son|daughter|mum|mom|mother|dad|father|sister|brother)s"
    r" (?:got|already got) (?:one|an appointment)\b"
    # "my husband's booked in on Friday at eleven", "my wife is in with you on Tuesday at ten",
    # "I bring my mum in on the 17th at ten"
    r"|\bmy " + _KIN_WORD + r"(?:s| s| is)(?: already)? (?:booked|in|coming in|seen)\b"
    r"|\b(?:i|we) (?:bring|take|am bringing|m bringing|am taking|m taking) (?:my|our) "
    + _KIN_WORD
    + r" in\b"
    # "you've got my son booked in on the Tuesday at three", "you have my wife down for ten"
    + r"|\b(?:you ve|youve|you have|you) (?:got |already got |already )?(?:my|our) "
    + _KIN_WORD
    + r" (?:booked|down|in)\b"
)
"""Someone else's appointment said by the caller ("my wife's got one on Friday at eleven")."""
_BESIDE_THEIRS: Final = re.compile(
    r"\b(?:(?:right|straight|just|directly|immediately)|(?<=\bthe slot)|(?<=\bthe one)"
    r"|(?<=\bthe time)) (after|before) (?:hers|his|theirs"
    r"|her one|his one|their one|my (?:wife|husband|partner|son|daughter|mum|mom|mother|dad"
    r"|father|sister|brother)s(?: one| appointment)?)\b"
)
"""The hour next to that one asked for ("the one right after hers")."""


_MOVES_MINE: Final = re.compile(
    r"\b(?:move|moving|change|shift|switch|swap|put|push|bring|reschedule)\b(?: \w+){0,3}?"
    r" (?:mine|my|it)\b"
)
"""A move of the caller's own said beside someone else's ("can you move mine to ...")."""


def _beside_theirs(when: When, line: str) -> When:
    """ "My wife's got one on Friday at eleven, so the one right after hers": the hour said is
    hers (not on the caller's number, so not theirs to look up); the one asked for is the hour
    after it (before it for "just before his")."""
    beside = _BESIDE_THEIRS.search(line)
    held = _THEIRS_HELD.search(line)
    said = when.time.at if when.time is not None else None
    if beside is None or held is None or said is None:
        return when
    step = timedelta(hours=1 if beside.group(1) == "after" else -1)
    at = (datetime.combine(date(2000, 1, 3), said) + step).time()
    assert when.time is not None
    return replace(when, time=replace(when.time, at=at))


def _each_its_hour(when: When, times: list[TimeMention], line: str) -> When | None:
    """Two bookings on one day with two hours said, one for each ("one for me and one for my
    son on Friday - his at three, mine at two"): the hour the request keeps is the first
    booking's, the other one the second's; None unless exactly two hours are said, neither
    as the other's alternative ("at ten, or eleven") nor in its place ("at ten - no, eleven")."""
    hours = list(dict.fromkeys(t.at for t in times if t.at is not None and not t.negated))
    first = when.time.at if when.time is not None else None
    if len(hours) != 2 or first not in hours or when.day is None or len(when.day.dates) > 1:
        return None
    if when.or_times or re.search(r"\bor\b", line) or acts.CORRECTION.search(line):
        return None
    other = next(t for t in times if t.at == hours[1 - hours.index(first)])
    return resolve([when.day], [other])


_MY_ONE_NAMED: Final = re.compile(
    r"\bmy (?:\w+ )?(?:one|appointment|appt|booking|visit)\b"
    r"|\bthe (?:\w+ )?(?:one|appointment) i (?:have|ve got|got|hold)\b"
)
"""The caller's own appointment named ("my Thursday one", "the one I've got")."""
_THE_ONE_HELD: Final = re.compile(
    # (not the "it" of a question tagged on: "that's Christmas Day, isn't it? so the day before")
    r"\b(?:(?<!\bisnt )(?<!\bis )(?<!\bwasnt )(?<!\bwas )(?<!\bisn t )it|my|the appointment"
    r"|the booking|that one|the one i \w+)\b"
)
"""What a move said by how far applies to: the caller's own appointment."""
_EACH_THEIR_OWN: Final = re.compile(
    r"\bfor (?:him|her|them|me|myself|my \w+)\b.{1,40}?\band\b.{1,40}?"
    r"\bfor (?:me|myself|him|her|them|my \w+)\b"
)
"""Two visits, each said with whom it is for ("Monday for him at eleven and Wednesday for
me, also at eleven")."""
_ACCOUNT_QUESTIONS: Final = frozenset({"phone_confirm", "name", "name_confirm"})
"""The questions that open an account: the request is often said in answer to them."""
_PICKS_ONE: Final = re.compile(
    r"\bthe (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|early|late|first"
    r"|second|last|other|later|earlier|\w+ber|january|february|march|april|may|june|july"
    r"|august) one\b|\bthe one (?:on|in|at|for)\b"
)
"""One of theirs picked ("right, the Tuesday one then", "the one on Friday I mean"): surprise
at how many they hold ("oh, I've got two?") is no asking for them to be read out."""
_HOLDS_TWO: Final = re.compile(
    r"(?<!could )(?<!can )(?<!may )(?<!would )(?<!might )"
    r"\b(?:i|we)(?: ve| have|ve| got| ve got| have got)? (?:two|2|a couple of|both)"
    r" (?:appointments|appts|bookings|visits|ones)\b(?! (?:to|that i need to) (?:make|book|get))"
    r"|\b(?:i|we)(?: ve| have|ve) got (?:two|2)\b"
    r"(?! (?:more|new|extra|kids|children|sons|daughters))"
)
"""Appointments the caller says they hold ("I've got two appointments next week", "we have
two bookings on the 14th", "I've got two in December"): no booking asked for."""
_ANOTHER_VISIT: Final = re.compile(
    r"\b(?:another|a second|one more|an extra|a further)\s+(?:one|appointment|visit|slot"
    r"|follow[- ]?up)\b|\b(?:see|have) me (?:again|back)\b|\bcome (?:back|in) again\b"
    # "the doctor wants me back two weeks later", "she asked me back in a month"
    r"|\b(?:wants|want|wanted|needs|need|asked|told) me back\b"
    r"|\b(?:want|need|like|have|get|book)(?: me)? (?:one|an appointment|a visit|a slot)\b"
    r"(?=[^.?!]{0,30}\b(?:as well|too)\b)"
)
"""A visit besides the one held ("another one", "see me again", "I want one the week after
as well"): booked, never a move."""
_CLAIMED_HELD: Final = re.compile(
    r"\b(?:i|we) (?:had|have|ve got|have got|got|booked|made) (?:one (?:on |for )?)?(?:the )?"
    rf"(?:{_WEEKDAY_WORD}|\d{{1,2}}(?:st|nd|rd|th)?)(?: s| one)? (?:as well|too|also)\b"
    r"(?=.{0,40}\bnever (?:cancell?ed|moved|changed)\b)"
    r"|\b(?:i|we) (?:never|didnt|did not) (?:cancell?ed|cancel) (?:it|that|that one|my \w+ one)\b"
    r"(?=.{0,40}\b(?:put|book) it back\b)"
    r"|\b(?:i|we) (?:had|have|ve got|have got|got) (?:the )?"
    rf"(?:{_WEEKDAY_WORD}|\d{{1,2}}(?:st|nd|rd|th)?)(?: s| one)? (?:as well|too|also)"
    r" (?:and )?(?:i|we) (?:never|didnt|did not) cancel"
)
"""One the caller says they hold and was never cancelled ("I had Thursday as well, I never
cancelled it"), where the clinic holds none."""
_PUT_BACK_AGAIN: Final = re.compile(
    r"\bput (?:it|that|that one|them) back (?:in )?(?:then|again)\b(?! to\b)"
)
"""'Well put it back then, Thursday at ten': the one said to be missing, booked again (not
'put it back to Thursday', a move)."""
_A_VISIT_HAD: Final = re.compile(
    r"\b(?:i had(?! to\b)|i was in|i came in|i was seen|i (?:ve )?just had|ive (?:just )?had"
    r"|i saw (?:the|a|my) (?:doctor|nurse|gp|physio))\b"
)
"""A visit the caller had ("I had my jab on the 2nd", "I was in on the 18th"): a day counted
from it ("the booster's four weeks after") is a new visit, not a move of one held."""
_COUNTED_FROM_MY_HELD: Final = re.compile(
    r"\b(?:days?|weeks?|fortnight|months?) (?:after|on from|later than) my"
    r" (?:(?:monday|tuesday|wednesday|thursday|friday|next|current|existing|first|other) )?"
    r"(?:appointment|appt|one|booking|visit)\b"
    r"|\b(?:wants?|needs?|would like) (?:me|to see me) back\b"
    # "the same day as my existing appointment, an hour or two after it", "a couple of hours
    # later than my one": a visit beside it (a move would name no day of its own)
    r"|\bsame day as my (?:(?:current|existing|next|own) )?(?:appointment|appt|one|booking"
    r"|visit)\b"
    r"|\bhours? (?:or (?:two|so) )?(?:after|later than|before|earlier than) my"
    r" (?:(?:current|existing|next|own) )?(?:appointment|appt|one|booking|visit)\b"
)
"""A visit counted from the one held, with no word moving it ("when would two weeks after my
Thursday appointment be? is the same time free?", "the doctor wants me back then"): booked
beside it, never a move of it."""
_MY_HELD: Final = re.compile(
    r"\bmy (?:next |current |existing |other )?(?:appointment|one|booking|visit)\b"
)
_AFTER_OTHER_HELD: Final = re.compile(
    r"\b(?:go|be|come|put it|have it|move it|moved)(?: in)? (?:straight |right |just )?after"
    r" (?:the other|my other) (?:one|appointment|booking)\b"
)
"""Where one of two held goes, said by the other: "could it go after the other one?"."""
_NEXT_AFTER_HELD: Final = re.compile(
    r"\bthe next (?:one|slot|opening|time|appointment|available(?: one| slot)?|free one) "
    r"(?:after|following) (?:that one|that|mine|it|the one i (?:have|ve got|got)"
    r"|my (?:current |existing )?(?:one|appointment|booking|slot))\b"
    # "just stick me in whatever's next after that"
    r"|\b(?:whatevers|whatever is|whatever s|whats) next (?:after|following) (?:that|it|that one"
    r"|mine)\b"
    # "push me to the next one you've got this morning", "the next slot you have free today"
    # (of a move only: the next opening after the one held, that day)
    r"|\bthe next (?:one|slot|opening|appointment|free one|available one) (?:you ?(?:ve|have)"
    r" got|you have|you ve got)(?: free| going| available)?"
    r" (?:this morning|this afternoon|today|that day|the same day)\b"
)
_LATER_THAT_WEEK: Final = re.compile(
    r"\blater (?:on )?(?:in|that|this) (?:the |that |same )*week\b"
)
"""A move to the days after the appointment, that week ("to later in the week")."""
_NEARBY: Final = re.compile(
    r"\b(?:(?:a )?(?:little )?bit|a little|a tad|slightly|somewhat) (?:later|earlier)\b"
    r"|\b(?:later|earlier) (?:on )?(?:in|on|that|the same) (?:the )?(?:same )?"
    r"(?:day|morning|afternoon)\b"
    r"|\b(?:later|earlier) (?:today|tomorrow)\b"
    r"|\b(?:later|earlier|sooner) than (?:my|our|his|her)\b"
    r"(?! (?:lunch|break|work|shift|job|class|classes|school|meeting|flight|train)\b)"
)
"""A time near the appointment being moved, after or before it ("a bit later", "a little
earlier", "later that afternoon", "earlier in the day", "later today")."""
_BEYOND_SAID: Final = re.compile(
    r"^(?!.*\bor (?:\w+ )?(?:something|anything|any time|a time)\b)"
    r".*?\b(?:something|anything|any time|a time)(?: a bit| a little)? (earlier|later)\b"
)
"""After a time said: "something earlier (later)" in place of it (not "3, or anything
later")."""
_DAY_NEXT_TO: Final = re.compile(
    r"\bthe day (?:before|after)\b(?! (?:tomorrow|next|that)\b)"
    # ("Friday, the day after Thanksgiving": a day of its own, the Friday said again)
    r"(?! (?:thanksgiving|christmas|boxing day|new years?|halloween)\b)"
)


def _said_after_a_pause(line: str, named: DayMention, tokens: list[Token]) -> bool:
    """ "I'm sixty on the 9th, so the day after, the 10th", "something the day after, Tuesday
    the 8th": a day said after "the day after (before)" and a pause is the day meant, said
    again, not a day to count from."""
    m = _DAY_NEXT_TO.search(line)
    if m is None:
        return False
    phrase_end = line[: m.end()].count(" ")
    last = min(named.start, len(tokens) - 1)
    return named.start > phrase_end and any(
        tokens[k].breaks_before for k in range(phrase_end + 1, last + 1)
    )


def _next_to_the_day(line: str, named: DayMention, tokens: list[Token]) -> bool:
    """Whether "the day before/after" is said beside a day of its own, not read into it
    ("the day after Thanksgiving" is already that day)."""
    m = _DAY_NEXT_TO.search(line)
    if m is None:
        return False
    phrase_start, phrase_end = line[: m.start()].count(" "), line[: m.end()].count(" ")
    if phrase_start <= named.start <= phrase_end or _said_after_a_pause(line, named, tokens):
        return False  # (a day said again after a pause is the day meant)
    # a day said after the words is theirs only right after them ("the day before the 18th");
    # further on it names the day meant ("the day before then, christmas eve morning")
    between = line.split()[phrase_end + 1 : named.start]
    return named.start < phrase_start or all(word in ("the", "on", "of") for word in between)


_HAS_ONE: Final = re.compile(
    r"\b(?:ive got|i have got|i have|ive|i got) (?:the|my|an?)\b"
    r"|\b(?:im|i m|i am) (?:booked|down|in) (?:in )?(?:at|for|on|the)\b"
)
"""The caller saying they hold an appointment ("I've got the ten o'clock today")."""
_HELD_ONE: Final = (
    r"(?:\bmy (?:appointment|appt|booking|one)s?\b|\bthe appointment i have\b|\bim booked\b"
    r"|\b(?:ive got|i have got|i have|i got|ive|i ve got) (?:one|an appointment|an appt"
    r"|a booking|the \w+ (?:one|appointment))\b"
    r"|\b(?:the|my|that) (?:\w+ )?(?:\w+ )?(?:one|appointment|appt|booking)\b"
    r"|\bthe one (?:on|at|for) )"
)
_UNSUITED: Final = (
    r"(?:\b(?:doesnt|does not|dont|do not|wont|will not|isnt|is not|not|no longer|aint|cant)"
    r" (?:really |actually |any )?(?:work|works|working|suit|suits|going to work|gonna work"
    r"|good|convenient|any good|do it for me)\b"
    r"|\bno (?:good|use)\b|\bclashes\b"
    r"|\b(?:it|that|this|which) (?:has|needs|got) to be\b)"
)
_HELD_UNSUITED: Final = re.compile(_HELD_ONE + r".*" + _UNSUITED)
"""The caller's appointment said not to suit ("my appointment's on the 12th, that doesn't work
anymore", "the Tuesday one is no good for me now", "I've got one next Thursday but it has to be
this week"): a move of it, though no word of moving is said."""
_HELD_BUT_WANTED: Final = re.compile(
    r"^(?:.*\W)?(?:ive got|i have got|i have|i got|im booked(?: in)?(?: for| on)?|im down for)"
    r" (?P<held>(?:(?!\bbut\b).){1,40}?)(?P<but>\bbut\b) .*"
    r"\b(?:rather|prefer|instead|anything|something|sooner|earlier|could|can)\b"
)
"""An appointment held said by its day and time alone, then another day wanted ("I've got
Monday at one but I'd rather come tomorrow")."""
_HELD_FILLER: Final = frozenset(
    {"on", "at", "for", "the", "this", "next", "coming", "my", "oclock"}
)
_BOOKED_FOR: Final = re.compile(
    r"\b(?:im|i am|were|we are|hes|shes) (?:booked|down|in) (?:for|on)\b"
    r"|\b(?:i (?:have|ve got|got)|ive got|ive) (?:one|an appointment) (?:on|for)\b"
)
"""An appointment held said by its day ("I'm booked for Friday", "I'm down for the 14th")."""
_LIFT_CANT: Final = re.compile(
    r"\b(?:cant|cannot|can not|couldnt|wont be able to|isnt able to|is not able to)\b"
)
_CAN_DO_THEN: Final = re.compile(
    r"\b(?:she|he|they|we|i)(?: (?:says|said|thinks)(?: (?:she|he|they))?)?"
    r" (?:can|could)(?: only)? (?:do|manage|make|come|take me|bring me|drive me|run me)\b"
)
"""What the caller (or whoever brings them) can do instead ("she says she can do Mondays")."""
_GO_ELSEWHERE: Final = re.compile(
    r"\b(?:can|could|would|might) (?:it|that|that one|this one|mine) (?:go|move|switch"
    r"|change|shift) (?:to|on|onto|into|over to)\b"
)
"""The appointment named going to another day ("could it go to the Monday after?")."""
_KEEP_HELD: Final = re.compile(
    r"\b(?:stick with|stick to|keep|stay with|stay on|go with|leave it (?:on|at|as)|hold on to)"
    r" (?:the |my |it\b|what i (?:have|ve got|got|booked)|mine|the one i (?:have|ve got|got)"
    rf"|{WEEKDAY_WORD})"
)
"""The appointment held kept as the second choice ("if not I'll stick with Monday")."""
_BEFORE_MINE: Final = re.compile(
    r"\b(?:anything|something|any|free|open|available|opened|up) before (?:my|mine"
    r"|the one i (?:have|ve got|got))\b"
)
"""A time before the appointment held ("has anything come free before my 11 o'clock?")."""
_ANOTHER_ONE: Final = re.compile(r"\b(?:another|second|also|as well|too|extra|additional)\b")
_IN_PLACE_OF_ONE: Final = re.compile(
    # "any way of doing the 14th instead of the 12th", "would Friday work instead of Thursday"
    rf"\binstead of (?:the |this |next |that )?(?:{_WEEKDAY_WORD}|\d+(?: ?(?:st|nd|rd|th))?"
    r"|(?:the )?(?:morning|afternoon))\b"
    # "make it Friday", "could you make it the afternoon", asked (not "he can't make it
    # tomorrow", "I make it the 16th", "make it in")
    r"|(?:^(?:(?:ok|okay|so|right|well|yeah|yes|hi|hello|actually|oh|um|and|then)\W+)*"
    r"|\b(?:can|could|would|will|shall) (?:you|we|i|they) |\blets |\blet s |\bplease )"
    r"(?:just )?make (?:it|that) (?:for |on )?(?:the |next |this |a )?"
    rf"(?:{_WEEKDAY_WORD}|\d|morning|afternoon|tomorrow|next|later|earlier|another|different)"
    # "let's do next week instead", "shall we say the afternoon instead" (not "could I come in
    # tomorrow instead", which a caller holding nothing says of a booking, or of one missed)
    r"|\b(?:lets|let s|shall we) (?:do|go for|make it|have it|say) [a-z0-9 ]{1,30}?\binstead\b"
)
"""Another time said in place of one, at the start of the call: in place of the one held."""
_A_NEW_ONE: Final = re.compile(
    r"\b(?:an?|new|first) (?:appointment|appt|booking|visit|check ?up|slot)\b"
)

_SOONER: Final = re.compile(
    r"\b(?:move|bump|bring) (?:it|that|this|my \w+|the \w+) up\b"
    r"|(?<!said )(?<!called )(?<!rang )(?<!mentioned )(?<!spoke )(?<!phoned )"
    r"\b(?:an? |any(?:thing|one)? |something |one )?(?:earlier|sooner)(?: (?:appointment|slot"
    r"|time|date|day|one|opening|in the week))?\b"
)
"""A move to the soonest opening, said without a day ("could I come in sooner?")."""

_RESTART = re.compile(
    r"\b(\w+) (?:(?:uh|um|er) )?\1\b"  # "the the", "my uh my", "i i"
    r"|\b(?:a|an|the|my) (?=(?:a|an|the|my|some) )"  # "make a an appointment"
)


_HELD_TIME_BEFORE: Final = frozenset(
    {"ive got the", "i have the", "i got the", "i have got the", "im booked at", "im in at",
     "i am booked at", "im down for the", "my", "i have my", "i have an", "ive got an"}
)  # fmt: skip


_KEPT_BEFORE: Final = frozenset(
    {"keep mine at", "leave mine at", "mine at", "mine is at", "mine s at", "keep mine the",
     "keep the", "keep my", "leave the", "leave my"}
)  # fmt: skip


def _kept(tokens: list[Token], t: TimeMention) -> bool:
    """ "Yes, just his, the ten. Keep mine at eleven": to a proposed change, an hour said as the
    one to leave alone names another appointment, not the time of this one."""
    words = [tok.text for tok in tokens]
    return any(" ".join(words[max(0, t.start - n) : t.start]) in _KEPT_BEFORE for n in (2, 3))


def _held_time_beside_a_part(tokens: list[Token], times: list[TimeMention]) -> list[TimeMention]:
    """ "Can my Tuesday nine o'clock go to the afternoon instead, same day?": the hour said as
    the caller's own ("my ... nine o'clock"), a part of the day asked for after it - the hour
    is the one held, not one asked for."""
    words = [t.text for t in tokens]

    def held(t: TimeMention) -> bool:
        lead = words[max(0, t.start - 2) : t.start]
        return t.at is not None and "my" in lead and not t.negated

    def part_after(t: TimeMention) -> bool:
        return any(
            o.at is None and o.window is not None and o.start > t.end and not o.negated
            for o in times
        )

    if not any(held(t) and part_after(t) for t in times):
        return times
    return [t for t in times if not (held(t) and part_after(t))]


def _held_time_beside_a_shift(tokens: list[Token], times: list[TimeMention]) -> list[TimeMention]:
    """ "Can I come fifteen minutes earlier? I have the eleven o'clock": the hour said as the
    one the caller holds is what the shift is from, not a time asked for."""
    if not any(t.shift_minutes for t in times):
        return times
    words = [t.text for t in tokens]

    def held(t: TimeMention) -> bool:
        return t.at is not None and any(
            " ".join(words[max(0, t.start - n) : t.start]) in _HELD_TIME_BEFORE for n in (1, 3, 4)
        )

    return [t for t in times if not held(t)]


def _held_weekday_reaches(
    tokens: list[Token], days: list[DayMention], named: DayMention | None, shift: int | None
) -> bool:
    """Whether a day's shift is said beside the weekday it lands on, counted from another
    weekday said as the caller's own ("my Thursday one a day earlier, the Wednesday",
    "Thursday's to the day before, the Wednesday"): that weekday names the shift again."""
    if shift not in (1, -1) or named is None or not named.from_weekday or named.exact is None:
        return False
    for d in days:
        if d.start == named.start or not d.from_weekday or d.exact is None or d.negated:
            continue
        if (d.exact.weekday() + shift) % 7 != named.exact.weekday():
            continue
        before = [t.text for t in tokens[max(0, d.start - 1) : d.start]]
        after = [t.text for t in tokens[d.end : d.end + 1]]
        if before == ["my"] or after in (["is"], ["one"], ["appointment"], ["appt"], ["booking"]):
            return True
    return False


_HELD_BEFORE_MONTH: Final = re.compile(
    r"\b(?:the|my|our|those|these|both|all|each)(?: of)?(?: (?:the|my|our))?"
    r"(?: (?:two|three|four|2|3|4|ones?|appointments?|appts?|bookings?|visits?)){1,2}"
    r"(?: (?:i have|ive got|i ve got|i got|booked|ive booked|i ve booked))?"
    r" (?:in|during) (?:the month of )?$"
)
"""Words naming some of the caller's own bookings just before a month ("the two in", "my
appointments in", "both bookings I've got in")."""


def _held_in_month(tokens: list[Token], day: DayMention) -> bool:
    """Whether a day said is a whole month, said after words naming the caller's own bookings
    in it ("the two in December", "my appointments in January"): which of theirs, not a day
    wanted."""
    said = [t.text for t in tokens[max(0, day.start - 8) : day.end]]
    month = [t.text for t in tokens[day.start : day.end]]
    if not any(w in MONTHS for w in month) or any(
        w not in MONTHS and w not in ("in", "during", "of", "the", "month") for w in month
    ):
        return False
    before = " ".join(said[: len(said) - len(month)] + [w for w in month if w not in MONTHS])
    return _HELD_BEFORE_MONTH.search(before + " ") is not None


def _names_own(tokens: list[Token], day: DayMention) -> bool:
    """Whether a day said is the caller's own appointment's ("tomorrow's appointment")."""
    after = [t.text for t in tokens[day.end : day.end + 2]]
    if after[:1] == ["s"]:
        after = after[1:]
    return after[:1] in (["appointment"], ["appt"], ["booking"])


_POLARITY: Final = re.compile(
    r"\b(?P<yes>yes|yeah|yep|yup|sure|ok|okay|go ahead|book it|do it|please do|go for it)\b"
    r"|\b(?P<no>no(?! (?:problem|worries|rush|hurry|doubt|later|earlier|sooner))|nope|nah"
    r"|never ?mind|forget it|leave it|scratch that|dont(?! (?:mind|worry|care|know|forget)))\b"
)
_TAKING_BACK: Final = re.compile(
    r"\b(?:actually|wait|hang on|hold on|hm+|on second thought|oh|um+|uh+|er|sorry"
    r"|scratch that|never ?mind|forget it|leave it)\b"
)


_DITHER_WORD: Final = r"(?:yes|yeah|yep|yup|no|nope|nah)"
_DITHER: Final = re.compile(
    rf"\b{_DITHER_WORD}(?:[\s.,;:!?-]+(?:(?:um+|uh+|er+|erm|hm+|ugh|ah+)[\s.,;:!?-]+)*"
    rf"{_DITHER_WORD}\b){{2,}}"
)
"""Three yes and no words or more in a row, nothing but pauses between: "yeah... no...
yeah", "yes no yes", "yeah nah yeah yeah" - a caller going back and forth out loud."""


def _changed_mind(line: str) -> bool | None:
    """The answer a caller settles on when they take back a yes or a no in the same turn:
    "Yes. ... Never mind." and "sure, um... no, scratch that, don't" are a no, "No wait, yes,
    book it" a yes (True). The last yes or no word counts when a change of mind (a "wait",
    an "actually", a hesitation, or the take-back itself) comes between it and the last word
    of the other side, or when the two sides go back and forth in one run ("yeah... no...
    yeah, go on"; a lone "yeah, no" stays the no it means); None when the turn does not
    change its mind."""
    hits = list(_POLARITY.finditer(line))
    if not hits:
        return None
    last = hits[-1]
    said_yes = last.group("yes") is not None
    other = next((h for h in reversed(hits) if (h.group("yes") is not None) != said_yes), None)
    if other is None:
        return None
    if any(
        run.start() <= other.start() and other.end() <= run.end() for run in _DITHER.finditer(line)
    ):
        return said_yes
    if _TAKING_BACK.search(line, other.end(), last.end()) is None:
        return None
    return said_yes


def _without_restarts(line: str) -> str:
    """The line as meant, for what the caller asks: a word said twice once, a determiner
    begun and replaced by another dropped (a speaker's restarts, as a recogniser writes them).
    Only for the request: a number's digits said twice stay twice."""
    return _RESTART.sub(lambda m: m.group(1) or "", line)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


_BEFORE_NOW = re.compile(
    r"\b(?:booked|made|called|rang|phoned|came|had|was|were|did|went|saw|seen|got)\b"
)


def _bad_day(tokens: list[Token], line: str, ctx: Context) -> BadDay | None:
    """A day asked for that cannot be had; not one the caller tells of ("I booked it last
    Monday", "I called yesterday")."""
    if _BEFORE_NOW.search(line):
        return None
    found = bad_days(list(tokens), ctx.today)
    return found[0] if found else None


def _just_waiting(line: str) -> bool:
    """ "Hang on", "um, one sec, let me check my calendar": asking the agent to wait, and
    nothing else (no yes or no in what is left)."""
    if acts.WAIT.search(line) is None:
        return False
    rest = acts.WAIT.sub(" ", acts.WAIT.sub(" ", line)).strip()
    rest = re.sub(
        r"^(?:(?:um+|uh+|oh|okay|ok|so|sorry|er+|erm|please|and|a|just|wait)\s*)+", "", rest
    )
    return not rest or not (acts.NO.search(rest) or acts.YES.search(rest))


_LEAD_PAUSE: Final = re.compile(
    r"^\W*(?:(?:oh|um+|uh+|er+|erm|sorry|ok|okay|so)\W+)*(?:wait|hold on|hang on|one sec(?:ond)?"
    r"|one moment|bear with me|just a (?:sec|second|moment|minute)|pause)\b"
)
_PAUSE_WORD: Final = re.compile(
    r"\b(?:wait|hold on|hang on|one sec(?:ond)?|one moment|bear with me|pause"
    r"|just a (?:sec|second|moment|minute))\b"
)


def _paused_then_yes(line: str) -> bool:
    """ "Hold on. Hold on, let me check my diary... okay, yes, that's fine", "hang on... yeah,
    go ahead": a pause the caller opens with (no no of its own), then a yes and no no after it:
    the answer is the yes."""
    if _LEAD_PAUSE.match(line) is None:
        return False
    rest = _PAUSE_WORD.sub(" ", acts.WAIT.sub(" ", acts.WAIT.sub(" ", line)))
    rest = re.sub(r"\s+", " ", rest).strip()
    rest = re.sub(r"^(?:(?:um+|uh+|oh|er+|erm|so|sorry|and|just|right)\s+)+", "", rest)
    return acts.YES.search(rest) is not None and acts.NO.search(rest) is None


_OPENING_APOLOGY: Final = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|morning|afternoon|good morning|good afternoon|oh|um|uh|yeah"
    r"|there)\W+)*sorry\b(?: to (?:bother|trouble) you| about this| for ringing so early)?"
)
"""An apology the call opens on ("hi morning sorry I need to cancel ...", "sorry to bother
you, ..."): manners, not a correction of anything said."""


def _just_greeting(line: str) -> bool:
    """ "Hello", "hi there, good morning": a greeting and nothing else of note."""
    m = acts.GREETING.search(line)
    if m is None:
        return False
    rest = line[m.end() :].split()
    return len([w for w in rest if w not in ("there", "hi", "hello", "again", "um", "uh")]) <= 2


def _date_number_tokens(days: list[DayMention], tokens: list[Token]) -> set[int]:
    """Tokens of the dates said ("the 5th"), which are not hours; a part of the day said
    between a weekday and its date ("Friday afternoon the 11th") stays a time."""
    out: set[int] = set()
    for d in days:
        if d.dates:
            out.update(k for k in range(d.start, d.end) if tokens[k].text not in _DAY_PARTS)
    return out


_DAY_PARTS: Final = frozenset({"morning", "afternoon", "evening", "lunchtime", "midday", "noon"})


def _said(keyword: str, words: set[str], plain: str) -> bool:
    """A profile keyword in the caller's words, allowing one typo in a long word ("parkng")."""
    if " " in keyword:
        return keyword in plain
    if keyword in words:
        return True
    return len(keyword) >= 5 and any(
        w[:1] == keyword[:1]
        and abs(len(w) - len(keyword)) <= 1
        and w not in _EVERYDAY
        and _one_edit(w, keyword)
        for w in words
    )


_EVERYDAY: Final = frozenset(
    {"being", "doing", "going", "thing", "things", "string", "spring", "during", "cars", "care"}
)
"""Everyday words one letter away from a clinic keyword ("being" / "bring"): never a typo."""


def _one_edit(a: str, b: str) -> bool:
    from voice_agent.adapters.offline.dialogue.understanding.spelling import distance

    return distance(a, b, 1) <= 1


_TAKE_BACK: Final = frozenset({"actually", "scratch", "forget", "nevermind", "rather", "instead"})


def _taken_back_for_earliest(tokens: list[Token], days: list[DayMention]) -> list[DayMention]:
    """ "Tuesday. No, Wednesday. Actually, just give me whatever's earliest": the days said
    before a change of mind to the soonest are taken back (not "the earliest on Wednesday")."""
    soonest = [d for d in days if d.earliest and not d.dates]
    if not soonest:
        return days
    last = soonest[-1]
    dated = [d for d in days if d.dates and d.end <= last.start]
    if not dated:
        return days
    between = [t.text for t in tokens[dated[-1].end : last.start]]
    if not _TAKE_BACK & set(between) and "know what" not in " ".join(between):
        return days
    return [d for d in days if not (d.dates and d.end <= last.start)]


_ASIDE_LEAD = re.compile(
    r"^(?:(?:oh|um|uh|sorry|okay|ok|so)\s+)*(?:wait|hold on|hang on|one sec|one second|before i"
    r" forget|quick question)\b"
)
_BRITISH_THANKS: Final = re.compile(
    r"\b(?:cheers|ta)\b(?: (?:very much|muchly|then|mate|love|now))?"
)
"""A British thanks ("cheers", "ta very much"), a goodbye only when nothing else is said."""
_BRING_A_MOVE = re.compile(
    r"\bbring(?:ing|s)? (?:it|them|that|this|mine|ours|[a-z]+'s"
    r"|(?:my|the|our) [a-z']+(?: [a-z']+)?)"
    # the one held named by its day: "bring my appointment on the 22nd forward"
    r"(?: (?:on|for|at) (?:the )?[a-z0-9']+(?: [a-z0-9']+)?)?"
    r" (?:forward|forwards|back|earlier|ahead|up|sooner)\b"
    r"|\bbring(?:ing|s)? (?:forward|forwards|earlier|ahead)\b"
)
"""An appointment brought forward or back: a move, not a question about what to bring."""
_BRING_SOMEONE = re.compile(
    rf"\bbring(?:ing|s)? (?:in )?(?:my|our|the) {acts._RELATION}s?\b"
    r"|\bbring(?:ing|s)? (?:in )?(?:my|our|the) (?:kids|children|baby|boys|girls|twins)\b"
)
"""Someone brought along to be seen ("I need to bring my husband in as well"): a visit for
them, not a question about what to bring."""
_WHO_HAS_THE_CAR = re.compile(
    r"\b(?:got|has|have|had|take|takes|taking|took|borrow|borrows|borrowing|need|needs|use|uses"
    r"|using|without|no|sold|selling|crashed|fixing) (?:the|a|my|our|his|her|their) car\b"
    r"(?! park)(?<!\byou have a car)(?<!\byou got a car)"
    r"|\b(?:my|our|his|her|the) car(?:['’]s| is| was) (?:in|at) (?:the )?"
    r"(?:garage|shop|mechanics?|body shop)\b"
)
"""The caller's own car in their story ("my husband's got the car on Wednesdays now", "my
car's in the garage till then"): no question about parking."""
_NOT_YET_DONE: Final = re.compile(
    r"\b(before (?:you|i|we))(?: (?:actually|just|go and))?"
    r" (?:do|book|cancel|move|change|say|agree|go ahead|confirm|put|make|lock|sort)\b"
    r"(?: (?:it|that|this|yes|anything|me|the (?:change|booking|appointment))\b)?(?: (?:in|down))?"
)
"""A thing still to come, named before a question about it ("before you do that", "before I say
yes", "before you book it"): no yes is in it."""
_TAG_NO = re.compile(r"\b(?:no|nope|nah)\s*\?\W*$", re.IGNORECASE)
_LAST_NO = re.compile(r"\b(?:no|nope|nah)\W*$")
"""A no asked at the end of a question ("anything later, no?", "you're open Fridays, no?"),
which the no said last ("please, no") would make a refusal."""
_CANT_MAKE: Final = re.compile(
    r"\b(?:i|we|he|she|they)(?: just| really)? (?:cant|cannot|can not|couldnt|could not"
    r"|wont be able to|will not be able to|wouldnt be able to|would not be able to)"
    r" (?:make|manage|do) (?:it|that|then|that time|that one|that day|those)\b"
)
"""The time proposed refused by saying it can't be kept ("I can't make it", "we couldn't
manage that"): said alone to a proposed time, a no, not a turn heard as neither."""
_DETAIL_CHECKS: Final = frozenset({"phone_confirm", "phone_check", "name_confirm"})
_THATS_IT: Final = re.compile(
    r"^(?:(?:oh|um|uh|er|erm|so|aye|yep)\W+)*(?:thats|that is|that s) (?:it|me|him|her"
    r"|the (?:number|name|one)|my (?:number|name|mobile|cell|phone)|(?:his|her) (?:number|name))"
    r"(?:\W+(?:exactly|yeah|yes|thanks|thank you|love|mate|dear))*\W*$"
)
"""To a detail read back ("Shall I set one up for Ann Lee with that number?"), "that's it",
"that's me", "that's my number": a yes (elsewhere "that's it" may close the call)."""
_UNSURE_THEN_YES: Final = re.compile(
    r"\b(?:not|never) (?:really |quite |too |so |that |entirely |totally )?sure\W+"
    r"(?:(?:um|uh|er|erm|hmm|well|i guess|i think|maybe)\W+)*(?:yes|yeah|yep|ok|okay|i guess)\b"
)
"""At "Shall I book ...?", a yes said straight after the caller says they are not sure ("not
really sure, yes", "I'm not sure... um, yeah"): a doubt, asked again. "Not really" on its own
is a no, "not really sure" is not (acts.NO)."""
_TAKEN_BACK_YES = re.compile(r"\b(?:but|actually|though|although|wait|hang on|hold on|however)\b")
"""Between a yes and a no after it, a word that takes the yes back: "okay but don't cancel
it", "sure, actually, I'd rather not". The yes stood, and the appointment was cancelled (as
it was when the no came last: "sure, ignore that, don't")."""
_NOT_DONE_YET: Final = re.compile(
    r"\b(?:dont|do not|please dont|please do not) (?:go ahead and )?(?:book|cancel|move|change"
    r"|touch|reschedule|confirm|make|switch|shift) (?:it|that|this|anything|that one|this one"
    r"|yet)\b"
)
"""After an "okay", the thing asked about refused outright: "OK, I'd need to ask my manager
first. Don't book it, I'll call back" ("book it" inside it is no yes). The okay only
acknowledged; the appointment was booked."""
_ACKNOWLEDGED: Final = re.compile(
    r"\b(?:great|good|fair|excellent|interesting|silly|quick) question\b"
    r"|\b(?:(?:thats|that is|that s|sounds|that sounds|its|it s|all|oh|very) )?(?:great|good"
    r"|perfect|fine|lovely|cool|ok|okay|alright|all right|right|excellent|brilliant|wonderful"
    r"|fantastic|super|grand|gotcha|got it)\b"
)
"""Words that acknowledge what was said without agreeing to it ("great question", "okay",
"perfect"): before a question they are no yes to the question the agent asked."""
_HEARD_UP_TO: Final = re.compile(
    rf"(?:{acts.LINE_TROUBLE.pattern})\W+(?:\w+ )?(?:after|at|around|from|when you said|on)\b"
    r"|\b(?:got|heard|caught) (?:the |everything |up to |as far as )?\w+(?: \w+)? but\b"
)
"""A bad line placed by what the caller did hear ("you broke up after Thursday", "I got
Thursday but missed the time")."""
_SAID_AGAIN: Final = re.compile(
    r"\bi (?:said|asked for|wanted|want|need|meant)\b|\b(?:can|could) i (?:have|get|do|book)\b"
)
"""The caller's own request said again after a bad line ("I said Thursday at 2")."""
_ONE_MORE_THING: Final = re.compile(
    r"\b(?:one (?:more|last|other|quick) (?:thing|question)"
    r"|oh (?:wait|hang on|hold on|actually|sorry|and|before (?:you|i) go)"
    r"|before (?:you|i) go|while i (?:ve )?(?:got|have) you"
    r"|wait a (?:sec|second|minute|moment)|actually (?:hang on|hold on|wait|one more|can|could"
    r"|do|is|what|where|how|when))\b"
)
"""A caller coming back after starting to leave ("bye - oh wait, one more thing", "that's
everything... actually, while I've got you")."""


_BARE_WEEKDAY_WORDS: Final = frozenset(
    {"the", "on", "a", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
    | {"sunday", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays"}
)


_OR_ELSE: Final = frozenset({"or", "otherwise", "else", "failing", "not", "alternatively"})
"""Words between two days that make the second the one to fall back on."""


def _weekday_in_the_week_said(tokens: list[Token], days: list[DayMention]) -> list[DayMention]:
    """ "Next Wednesday at three, and if not, the Thursday", "next Wednesday or Thursday": a
    weekday said bare after a day of next week, later in the week than it, is in that week
    (the Thursday after it), not this week's (before it); "next Wednesday or this Thursday"
    keeps this week's, and a day that is not a fallback ("move next Wednesday's to Thursday")
    is left as read."""
    out = list(days)
    for i, first in enumerate(days):
        span = {t.text for t in tokens[first.start : first.end]}
        if not first.from_weekday or len(first.dates) != 1 or "next" not in span:
            continue
        for j in range(i + 1, len(days)):
            later = days[j]
            words = {t.text for t in tokens[later.start : later.end]}
            between = {t.text for t in tokens[first.end : later.start]}
            if (
                not between & _OR_ELSE
                or later.negated
                or len(later.dates) != 1
                or not later.from_weekday
                or not words <= _BARE_WEEKDAY_WORDS
                or later.dates[0] >= first.dates[0]
                or later.dates[0].weekday() <= first.dates[0].weekday()
            ):
                continue
            moved = first.dates[0] + timedelta(
                days=later.dates[0].weekday() - first.dates[0].weekday()
            )
            out[j] = replace(later, dates=(moved,))
        break
    return out


def _after_the_goodbye(line: str) -> bool:
    """Whether a goodbye or a closing in ``line`` is followed by the caller coming back with
    more ("oh wait", "one more thing") and words after that: the closing is not the last word."""
    closing = [*acts.END.finditer(line)]
    if not closing:
        return False
    back = _ONE_MORE_THING.search(line, closing[0].end())
    if back is None:
        return False
    rest = line[back.end() :]
    return len(rest.split()) >= 2 and not acts.END.search(rest)


_OWN_DETAILS_READ_BACK: Final = frozenset(
    {"phone_confirm", "phone_check", "identity_confirm", "name_confirm"}
)
"""Questions reading back what the caller said of themselves (their number, their name)."""
_SCOFFED: Final = re.compile(r"^(?:(?:oh|um|uh|well)\s+)*(?:yeah|yea|yes|sure)\s+right\W*$")
"""A "yeah, right" on its own: scoffed as often as agreed, so neither a yes nor a no."""
_BOOK_IT_LATER: Final = re.compile(
    r"\b(?:call|ring|phone|get) (?:you |u )?back(?: later| tomorrow| another time)? (?:to|and)"
    r" (?:book|take|confirm)\b"
    r"|\b(?:book|take|confirm) (?:it|that|one) (?:later|another time|next time|some other time"
    r"|when i (?:know|can|check|get))\b"
)
"""The booking put off to another call ("I'll ring back to book it, thanks", "I'll book it
later when I know my shifts"): whatever yes-words it holds, no yes."""
_LEFT_TO_ANOTHER_CALL: Final = re.compile(
    # "lovely, I'll check with my boss and call you back, bye", "great, let me talk to my wife
    # first": the decision left to someone else, and so to another call
    r"\b(?:ill|i will|let me|i need to|i have to|i must|ive got to|i should|i better|id better)"
    r" (?:just |first )?(?:check|talk|speak|confirm|have a word) (?:it )?(?:with|to) (?:my|the|our)"
    r" \w+\b"
    r"|\b(?:ill|i will|and|then) (?:call|ring|phone|get) (?:you |u )?back"
    r"(?:\W+(?:thanks|thank you|bye|cheers|ta|then|later|goodbye|bye bye))*\W*$"
)
"""The decision left to another call ("I'll check with my boss and call you back"): a
"lovely" or "great" said with it is no yes - unless the change itself is said ("yes, cancel
it, I'll call back next week": the cancel agreed, a new booking left for later)."""
_CHANGE_SAID: Final = re.compile(
    r"\b(?:book|cancel|move|change|reschedule|go ahead|do it|do that|take it|ill take)\b"
)
_PLAIN_NO = re.compile(r"\b(?:no|nope|nah|not|dont|cant|wont|never ?mind)\b")


def _questions(
    line: str, ctx: Context, raw: str, *, reached: frozenset[str] = frozenset()
) -> frozenset[str]:
    found: set[str] = set()
    if acts.EMERGENCY.search(line):
        found.add("emergency")
    if acts.OTHERS_INFO.search(line):
        found.add("others_info")
    if acts.WALK_IN.search(line):
        found.add("walk_in")
    if acts.NAMED_DOCTOR.search(line) and not acts.HUMAN.search(line):
        found.add("named_doctor")
    if acts.LONG_VISIT.search(line):
        found.add("long_visit")
    if acts.RECURRING.search(line):
        found.add("recurring")
    if acts.HUMAN.search(line):
        found.add("human")
    if acts.IDENTITY_Q.search(line) and "human" not in found:
        found.add("identity")
    if acts.PLACE_Q.search(line) or acts.WRONG_PLACE_DOUBT.search(line):
        found.add("place")
    if acts.REMINDER_Q.search(line):
        found.add("reminder")
    if acts.CALL_BACK_ASK.search(line):
        found.add("call_back")
    if acts.CALL_LENGTH_Q.search(line):
        found.add("call_length")
    if acts.HORIZON_Q.search(line):
        found.add("horizon")
    elif acts.CALENDAR_Q.search(line):
        found.add("calendar")
    if acts.HOURS_Q.search(line):
        found.add("hours")
    if acts.ADDRESS_Q.search(line):
        found.add("address")
    if acts.DURATION_Q.search(line):
        found.add("duration")
    if acts.PHONE_Q.search(line) and "my" not in line.split():
        found.add("phone")
    if acts.WHY_DETAILS.search(line):
        found.add("why_details")
    if acts.PRACTICAL_Q.search(line) and not any(q in found for q in ("emergency", "duration")):
        found.add("practical")
    if ctx.asked in ("name", "surname", "spell"):
        return frozenset(found)  # "Irene Park" answers the name question; it asks nothing
    # the caller's own words, contractions kept apart ("I'd" is not "ID")
    plain = " ".join(re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", (raw or "").lower()))
    plain = _WHO_HAS_THE_CAR.sub(" ", plain)
    plain = _BRING_A_MOVE.sub(" ", plain)
    plain = _BRING_SOMEONE.sub(" ", plain)
    words = set(plain.split())
    if not ("?" in raw or _ASKS.search(plain)):
        return frozenset(found)
    tokens = plain.split()
    if "?" not in raw and len(tokens) > _LONG_STORY:
        # a long spoken story ("... carrying the dog food in from the car, so I was wondering
        # what you have on Friday"): a clinic topic counts where a question goes on to it
        cues = [i for i, w in enumerate(tokens) if _ASKS.fullmatch(w) or w == "wondering"]
        near = sorted({j for i in cues for j in range(i + 1, min(len(tokens), i + 9))})
        plain = " ".join(tokens[j] for j in near)
        words = set(plain.split())
    best: tuple[int, int] | None = None
    for key in ctx.faq:
        hits = sum(1 for k in key.keywords if k not in reached and _said(k, words, plain))
        if hits and (best is None or hits > best[0]):
            best = (hits, key.index)
    if best is not None:
        found.add(f"faq:{best[1]}")
    return frozenset(found)
