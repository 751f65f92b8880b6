"""Folding one caller turn, or one tool result, into the dialogue state.

A caller turn is read in the light of what the agent last asked (``state.asked``): "yes"
confirms the proposal on the table, "no" rejects it, a bare "11" answers "what time?", digits
answer "what's your number?". Details given unasked (a number with the request, a correction
of the day) are taken wherever they come.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
from collections.abc import Collection, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Final

from voice_agent.adapters.offline.dialogue.history import (
    Appt,
    CallInfo,
    ToolFailure,
    appointment,
    appointments,
)
from voice_agent.adapters.offline.dialogue.state import (
    GROUP_SPANS,
    Action,
    DialogueState,
    FollowUp,
    Proposal,
    Rename,
    Request,
    beside_anchor,
    number_part,
    pick_appointment,
    shifted,
)
from voice_agent.adapters.offline.dialogue.understanding import (
    NUMBER_QUESTIONS,
    YES_NO_QUESTIONS,
    Task,
    Understanding,
    acts,
)
from voice_agent.adapters.offline.dialogue.understanding.numbers import digit_runs
from voice_agent.adapters.offline.dialogue.understanding.ranked import ranked_choices
from voice_agent.adapters.offline.dialogue.understanding.tokens import WEEKDAY_WORD, hour_words
from voice_agent.adapters.offline.dialogue.understanding.when import (
    DayMention,
    TimeMention,
    WeekdayClash,
    When,
    resolve,
    shifted_day,
)
from voice_agent.domain.datetimes import MONTH_NAMES, MONTHS
from voice_agent.domain.listening import (
    ANSWER_UNCLEAR,
    UNCLEAR_NAME,
    UNCLEAR_NAME_AFTER_YES,
    NumberCheck,
)
from voice_agent.domain.names import needs_name
from voice_agent.domain.speech import ordinal, say_date, say_time
from voice_agent.domain.spoken_numbers import ORDINALS, parse_small_number
from voice_agent.domain.weekdays import WEEKDAY_WORDS, WEEKDAYS

_OTHER_TIMES = re.compile(
    r"\b(?:what|anything|something|any) else\b|\bother (?:times?|days?|slots?|options?)\b"
    r"|\banything (?:later|earlier)\b|\bsomething (?:later|earlier)\b"
    r"|\b(?:later|earlier) (?:one|time|slot)s?\b"
    # "a bit later than that?", "a little earlier?", "later in the day?" to one time offered
    r"|\b(?:a )?(?:little |tiny )?bit (?:later|earlier)\b|\ba little (?:later|earlier)\b"
    r"|\b(?:later|earlier|sooner) than that\b|\b(?:later|earlier) in the day\b"
    r"|\bnone of (?:those|them|these)\b|\bdifferent time\b"
    r"|^(?:(?:and|or|um|uh|hmm|so|ok|okay)\s+)*(?:later|earlier|sooner)$"  # "and later?"
)
_ENDING = re.compile(r"\b(?:end|ends|endings?|last (?:four|three|two|digits?|bit|part))\b")
_SPLIT = re.compile(r"^(?:to|till|until|into|instead|for)$")
_NEEDS_TARGET = ("reschedule", "cancel", "code", "change")
_CLOSED_KINDS = frozenset(
    {"weekend_unavailable", "clinic_closed", "date_in_past", "too_far_ahead", "invalid_date"}
)


def on_call_info(s: DialogueState, info: CallInfo) -> None:
    s.phone_line = info.phone_line
    s.keypad = info.keypad
    if info.caller_id:
        digits = "".join(ch for ch in info.caller_id if ch.isdigit())
        national = (
            _national(digits)
            if not info.caller_id.startswith("+") or digits.startswith("1")
            else None
        )
        s.identity.caller_id = national or ("+" + digits)


_THIS_NUMBER = re.compile(
    r"\b(?:this|the same|same) (?:number|phone|one)\b|\bthe (?:number|one) i m calling from\b"
    r"|\bthe (?:number|one) im calling (?:from|on)\b|\bnumber im calling from\b|\bcaller id\b"
)


def on_user(
    s: DialogueState,
    u: Understanding,
    *,
    number_check: NumberCheck = NumberCheck.AGREED,
    faint: int | None = None,
    name_unheard: bool = False,
    name_doubted: bool = False,
) -> None:
    """Take one caller turn; ``number_check``: how far the recogniser's readers agreed on
    the whole number in it (``listening.number_check``, its mark stripped from ``u``'s
    text); ``faint``: the group of it a weak mark named (``listening.weak_group_of``);
    ``name_unheard``: the recogniser heard a name said before that number and could not read
    it (``listening.NAME_UNHEARD``); ``name_doubted``: its readers did not vouch for the name
    in the turn (``listening.NAME_DOUBTED``)."""
    before = s.identity.number
    asked = s.asked
    s.said.append(u.text)
    _on_user(s, u)
    _weigh_number(s, u, before, check=number_check, faint=faint)
    _name_with_number(s, u, asked=asked, unheard=name_unheard)
    _name_doubt(s, u, asked=asked, doubted=name_doubted)


def _name_doubt(s: DialogueState, u: Understanding, *, asked: str, doubted: bool) -> None:
    """A name heard at a name question is held as doubted when the recogniser's readers did
    not vouch for it: read back on its own, not in the booking question, and passed over,
    left for the front desk (``Identity.name_doubted``). A name heard again, or spelled,
    stands on its own hearing."""
    ident = s.identity
    if ident.identified or asked not in ("name", "surname", "spell"):
        return
    if u.spelled is not None or ident.name_spelled:
        ident.name_doubted = False
    elif u.name is not None and ident.name is not None:
        ident.name_doubted = doubted
    elif asked == "spell" and ident.name_doubted and ident.name is not None:
        # asked to spell a doubted name, and no letters and no name came back: left for the
        # front desk (the request said instead is kept)
        ident.name = None
        ident.name_attempts = 4
        ident.name_doubted = False
    elif asked == "surname" and ident.name_doubted and ident.name is not None:
        # a doubted first name ("Alice" for Alistair Reid), and no surname said to "And your
        # last name?": nothing vouches for it; left for the front desk, not read back for a
        # yes a recording says to whatever comes next
        ident.name = None
        ident.name_attempts = 4
        ident.name_doubted = False


def _name_with_number(s: DialogueState, u: Understanding, *, asked: str, unheard: bool) -> None:
    """A name said with the number at a number question, unread: not asked for as if
    unsaid (the caller answers the number's read-back, "yes, that's right", and the name
    grammar forced that into a name: "Max Reed"). The account is opened as "Unknown
    Caller" once the number is confirmed, unless a name is heard later."""
    ident = s.identity
    if not unheard or ident.identified or ident.name or u.phone is None:
        return
    if asked not in ("phone", "phone_confirm", "phone_check", "identity_confirm"):
        return
    ident.name_unclear = True
    ident.name_with_number = True


_DOUBT_ASKS = 1
"""Answers without a number to "could you say it once more?" after which the number is
taken in parts instead (never on its read-back's yes alone)."""


_NOT_THE_EVENT: Final = re.compile(r"\b(?:instead|actually|rather|forget|scrap|never ?mind)\b")
"""Said with a date after a day counted from an event: the date is asked for itself."""


_OUTSIDE_VISIT: Final = re.compile(
    r"\b(?:hospital|specialist|consultant|scan|mri|x ray|surgery|operation|procedure|dentist"
    r"|physio|clinic|infusion|biopsy|ultrasound)\b"
)
"""Somewhere else the caller is due ("a hospital appointment on the 15th at 10")."""


def _counted_from_outside(s: DialogueState, u: Understanding) -> Understanding:
    """ "A hospital appointment on the 15th at 10 ... could I have something a week before, an
    hour later than that one?": that date is not the day wanted but the one counted from (the
    8th), and its hour the one a time is counted from (11); its own hour is not the time
    wanted."""
    if (
        u.day_shift is None
        or len(u.days) != 1
        or len(u.days[0].dates) != 1
        or u.task not in (None, "book")
        or not _OUTSIDE_VISIT.search(" ".join(t.text for t in u.tokens))
    ):
        return u
    (day,) = u.days
    lead = " ".join(t.text for t in u.tokens[max(0, day.start - 5) : day.start])
    if not _OUTSIDE_VISIT.search(lead):
        # ("the physio said two days in a row, so the day after my Tuesday one": the day is
        # the caller's own; "after my operation on the 25th. So the 6th of January": the
        # date said is the one wanted)
        return u
    there = day.dates[0]
    wanted = there + timedelta(days=u.day_shift)
    if wanted < s.today or any(a.day == there for a in s.upcoming()):
        return u  # (one of the caller's own on that date: theirs to move, not an anchor)
    when = dataclasses.replace(
        u.when,
        day=DayMention(day.start, day.end, (wanted,)),
        rejected_days=tuple(d for d in u.when.rejected_days if d != there),
    )
    its_hour = next(
        (
            t
            for t in u.times
            if t.at is not None and not t.negated and day.end <= t.start <= day.end + 2
        ),
        None,
    )
    said = u.when.time
    if said is not None and said.at is None and said.shift_minutes:
        if its_hour is None or its_hour.at is None:
            return u  # "an hour later than it" with no hour said for it
        at = datetime.combine(wanted, its_hour.at) + timedelta(minutes=said.shift_minutes)
        when = dataclasses.replace(when, time=TimeMention(said.start, said.end, at=at.time()))
    elif said is not None and its_hour is not None and said.start == its_hour.start:
        when = dataclasses.replace(when, time=None)  # the hour over there, not the one wanted
    return dataclasses.replace(u, when=when, day_shift=None)


def _counted_from_event(s: DialogueState, u: Understanding) -> Understanding:
    """ "The day after my chemo" waits for the chemo's date; the first date said next ("it's
    on the 8th") is the event's, and the day wanted is counted from it (the 9th)."""
    if u.event is not None:
        s.event = u.event
        return u
    day = u.when.day
    if s.event is None or day is None or day.exact is None or day.negated:
        return u
    relation, s.event = s.event, None
    if len({d for m in u.days for d in m.dates}) > 1:
        return u  # "the wedding's Saturday the 12th, so ... the Monday then, the 14th": counted
    if _NOT_THE_EVENT.search(" ".join(t.text for t in u.tokens)):
        return u
    counted = [d for d in relation.days_from(day.exact) if d >= s.today]
    if not counted:
        return u
    moved = dataclasses.replace(day, dates=tuple(counted), from_weekday=False)
    return dataclasses.replace(u, when=dataclasses.replace(u.when, day=moved))


def _weigh_number(
    s: DialogueState,
    u: Understanding,
    before: str | None,
    *,
    check: NumberCheck,
    faint: int | None = None,
) -> None:
    """A new whole number heard by ear that the recogniser's readers did not agree on is
    held as ``doubted`` (policy asks for it again before anything is looked up); one only
    one reader heard that way is held as ``one_reader`` (looked up, and asked for again if
    no account vouches for it). Said again, it is taken when the new hearing is agreed, or
    matches the first and is not itself unsure; two doubtful hearings that differ, or no
    number said back, start it again in parts, whose whole read-back is confirmed after.
    Two hearings alike that both stand unsure are no proof: the recogniser unmarks a number
    heard twice where Whisper read it on either side (``StreamRecognizer.heard_before``), so
    what is left unsure is pocketsphinx's reading twice, and one acoustic model mishears a
    voice's digits the same way each time (the tuning split's "7159378946" for 7199378946,
    twice, then read back: a recording's yes would have opened an account on it)."""
    ident = s.identity
    number = ident.number
    said = u.phone is not None or u.keypad is not None
    if ident.identified or number is None or ident.groups:
        ident.doubted = None
        ident.one_reader = None
        ident.uncontested = False
        ident.faint = None
        return
    if ident.doubted is None:
        if (
            check is not NumberCheck.AGREED
            and said
            and number != before
            and ident.spoken
            and s.by_ear
            and len(number) == 10
            and not ident.from_groups
        ):
            if check is NumberCheck.UNSURE:
                ident.doubted = number
                ident.doubt_asks = 0
                ident.doubted_whole = False
            else:
                ident.one_reader = number
                ident.uncontested = check is NumberCheck.UNCONTESTED
                ident.faint = faint if check is NumberCheck.WEAK else None
        return
    if not said:
        if number != ident.doubted:
            ident.doubted = None  # changed some other way (a spliced correction)
        elif s.asked == "phone":
            ident.doubt_asks += 1
            if ident.doubt_asks >= _DOUBT_ASKS:
                _doubt_to_groups(s)
        return
    if taken_when_heard_again(number, ident.doubted, check, whole=ident.doubted_whole):
        if number == ident.doubted and ident.looked_up == number:
            # said again just as it was read back ("I don't have an account under ...,
            # could you say it once more?"): heard the same twice, and not objected to
            ident.number_ok = True
        ident.doubted = None  # heard the same twice, or surely the second time: taken
        ident.one_reader = None
        ident.uncontested = False
        ident.faint = None
        return
    _doubt_to_groups(s)


def taken_when_heard_again(
    number: str, doubted: str, check: NumberCheck, *, whole: bool = False
) -> bool:
    """Whether a doubted number asked for again and heard as ``number`` (the recogniser's
    ``check`` of this hearing) is taken: heard agreed this time, or heard as the first time
    and not unsure (see :func:`_weigh_number`). Where the doubted number was one reader's
    ``whole`` reading (Whisper's ten digits), a second hearing agreed on but otherwise
    contradicts it: two hearings that differ, taken in parts (the tuning split's 9182771041,
    read right by Whisper alone at 20 dB SNR, then heard 9182771001 by both readers)."""
    if number != doubted and whole:
        return False
    return check is NumberCheck.AGREED or (number == doubted and check is not NumberCheck.UNSURE)


ONE_READER_READ_BACK = False
"""On: a number only one reader heard (Whisper's ten digits where pocketsphinx's grammar heard
others) with no account under it is read back with the name question ("I don't have an
account under 6 1 5, 5 5 5, 0 1 7 1. If that number is right, may I have your full name to
set one up?"), as a number both readers heard is: the caller's yes takes it (a name said
without one is followed by "is your number ...?"), a no or a number said corrects it.
Off (the default): it is asked for again before an account is opened ("could you say your
number once more?"), which a recorded caller cannot answer (voice27's census: 12 of 60 failed
call-rounds). Off because one reader's number was right only 20 of 21 times in voice16's
probe, 25 of 31 in the twenty-fifth round's failed calls and 12 of 13 in voice28's runs: a
caller - or a recording - that says yes to any read-back would open an account on a wrong
number one time in five to twenty, and a wrong account is worse than a call that fails. Kept
as a module constant (tests turn it on), not a setting. A digit both readers heard faintly
(``faint``) is asked again either way."""


def _doubt_after_lookup(s: DialogueState) -> None:
    """No account under a number only one reader heard that way: with
    :data:`ONE_READER_READ_BACK`, or where no other reader heard it otherwise
    (``uncontested``, ``listening.NUMBER_UNCONTESTED``), read back like any other for the
    caller's yes ("I don't have an account under 7 8 1, 5 5 5, 0 1 9 3. If that number is
    right, may I have your full name ...?"), a no or a fix going to the parts check; else
    (and for a digit heard faintly) asked for again before an account is opened."""
    ident = s.identity
    if (ONE_READER_READ_BACK or ident.uncontested) and ident.faint is None:
        ident.one_reader = None
        ident.uncontested = False
        return
    if ident.one_reader is not None and ident.one_reader == ident.number and s.by_ear:
        ident.doubted = ident.number
        ident.doubt_asks = 0
        ident.doubted_whole = True
    ident.one_reader = None
    ident.uncontested = False


IN_PARTS_NOTE = "Sorry, let's take it in parts."
"""Said before the first group of a number asked for in parts: a preface to that question,
never said before a goodbye (the caller who hangs up is asked nothing)."""


def _doubt_to_groups(s: DialogueState) -> None:
    ident = s.identity
    ident.doubted = None
    ident.doubt_asks = 0
    ident.forget_number()
    ident.start_groups()
    s.notes.append(IN_PARTS_NOTE)
    s.progressed = True


_CHANGES_THE_DAY: Final = re.compile(
    r"\b(?:actually|instead|rather|better|prefer|change|changed|switch|move|make it|can we"
    r"|could we|can you|could you|can i|could i|what about|how about|do you have|have you got"
    r"|is there|any chance|sorry|wait|hang on|i meant|i mean|no|nope)\b"
)
"""Words with which a caller asked for their name puts the day asked right ("sorry, can we
do Monday instead?"), where no name is said (not "oh": a spelled O)."""


def _without_day_in_unread_name(s: DialogueState, u: Understanding) -> Understanding:
    """A reply to "may I have your name?" in which no name is read and no word changes the
    request, but a day other than the one asked is heard ("you got it real sunday not book",
    a recogniser's reading of "Yeah that's right. Rosa Delgado" after "Friday about one"):
    the name unheard, not the day wanted - the day asked stands (a recording says yes to
    whatever day is offered next). A caller who changes the day says so ("sorry, Monday
    instead"), and a name said with a day keeps both."""
    day = u.when.day
    if (
        s.asked not in ("name", "surname", "spell")
        or s.identity.identified
        or u.name is not None
        or u.spelled is not None
        or day is None
        or day.negated
        or not s.request.days
        or set(day.dates) & set(s.request.days)
        or _CHANGES_THE_DAY.search(" ".join(t.text for t in u.tokens))
    ):
        return u
    return dataclasses.replace(
        u, when=dataclasses.replace(u.when, day=None), days=tuple(d for d in u.days if d is not day)
    )


def _on_user(s: DialogueState, u: Understanding) -> None:
    s.begin_user_turn()
    u = _counted_from_event(s, u)
    u = _counted_from_outside(s, u)
    u = _without_day_in_unread_name(s, u)
    s.heard = u
    invited, s.more_invited = s.more_invited, False
    if u.empty:
        return
    if u.zone_note and u.zone_note not in s.notes:
        s.notes.append(u.zone_note)  # "noon Central": said back in the clinic's time
    asked = s.asked
    if u.name is not None and u.text.strip().lower() == ANSWER_UNCLEAR:
        # the recogniser's marker for an answer it could not hear, never a name ("Thanks,
        # Answer. And your last name?" after a name left unclear)
        u = dataclasses.replace(u, name=None)
        s.heard = u
    if _stray_word_for_name_read_back(s, u):
        u = dataclasses.replace(u, name=None)
        s.heard = u
    if _unclear_name(s, u):
        return
    if s.before_wait and _RESUMING.search(" ".join(t.text for t in u.tokens)):
        # "okay, go ahead" after "hang on, let me find a pen": what was said before, again
        s.last_reply, s.before_wait = s.before_wait, ""
        s.repeat = True
        return
    if s.before_wait and u.repeat and u.task is None and not u.has_details:
        # "sorry, what?" after "sure, take your time": the question the caller is answering,
        # not the hold line
        s.last_reply, s.before_wait = s.before_wait, ""
        s.repeat = True
        return
    if not u.wait:
        s.before_wait = ""
    if u.late and not s.late_noted and s.target is None:
        # no note can reach the staff: say so once, and offer what can be done
        s.late_noted = True
        s.notes.append(
            "I'm not able to pass a message on to the staff, but I can move your appointment"
            " to a later time if that helps."
        )

    if u.end and _message_signed_off(s, u):
        # "... could someone call me back on 413 ...? Thanks, bye": a request said as to an
        # answering machine; the caller is still on the line, and the request is served
        u = dataclasses.replace(u, end=False)
        s.heard = u
    # goodbye, at any point; a "yes, thanks, bye" to a proposal still confirms it
    if u.end and not _stray_bye(s, u):
        if (
            asked == "confirm"
            and _firm_yes(u)
            and not u.no
            and s.proposal is not None
            and not _pleased_sign_off(u)
            and not _sums_up_other_days(s, s.proposal, u)
        ):
            # "great, thank you, bye" to "shall I book...?"; not "ok, bye" (only heard), nor
            # "great, thanks, that's all, bye" (a sign-off: see _pleased_sign_off)
            s.accepted = s.proposal
        if asked == "rename_confirm" and _firm_yes(u) and not u.no and s.rename.name:
            s.rename.confirmed = True  # "yes that's right, thanks, bye": changed, then bye
        if not _answered_with_work_left(s, u):
            s.ending = True
            return
        if (
            asked == "confirm"
            and s.accepted is not None
            and _BYE.search(" ".join(t.text for t in u.tokens))
        ):
            # "Yes please. That's all, thanks, bye" to the booking question before the account
            # is open: the yes is taken as ever (the account, then the booking), and then the
            # call ends - no "anything else?" to a caller who has said goodbye
            s.leaving = True
    if (
        asked == "anything_else"
        and s.done
        and not u.end
        and u.phone is None
        and acts.DONE_CHECK.search(" ".join(t.text for t in u.tokens))
        and not _ASKS_MORE.search(" ".join(t.text for t in u.tokens))
    ):
        # "and that's definitely booked, yeah?", "so I don't come in on Friday then?" once it is
        # done: what was done said again, nothing changed (not a new booking of the day said)
        _drop_task(s, _done_said_again(s.done[-1], u, s.upcoming()))
        if u.questions:
            s.answered_question = True  # "... and there's no fee for cancelling?" answered too
        return
    if (
        asked == "anything_else"
        and s.done
        and not u.end
        and "reminder" in u.questions
        and u.task in (None, "list")
        and not _ASKS_MORE.search(" ".join(t.text for t in u.tokens))
    ):
        # "Two, got it. Will I get a text?" once it is booked: the question answered, the time
        # said back only heard (not the bookings read out, nor a change offered)
        s.finish_task()
        s.answered_question = True
        s.progressed = True
        return
    if _declined(s, u, invited=invited):
        # "no thanks, goodbye" heard "no thanks code five", "nope I'm good" heard "no i'm good
        # saturdays": a decline said the way callers close, to "anything else?" or to the
        # times of a day they only asked about; what the recogniser made of the rest is not
        # a request
        s.ending = True
        return
    if (
        asked == "anything_else"
        and u.task is None
        and not u.has_details
        and not u.questions
        and _only_left_as_it_is(u)
    ):
        # "okay, no worries, leave it as it is then", "fine, keep it as it is" to "it stays
        # on Friday. Anything else?": said of the appointment, not whether there is more
        _drop_task(s, "Okay, it stays as it is.")
        return
    if asked == "anything_else" and u.task is None and not u.questions and _keeps_held(s, u):
        # "never mind, I'll stick with my Monday one": the appointment held, named
        _drop_task(s, "Okay, it stays as it is.")
        return
    if (
        (asked == "anything_else" or (invited and asked == "request"))
        and u.no
        and u.task is None
        and not u.has_details
        and not u.questions
        and not _asks_it_back(s, u)
    ):
        # "no" to "anything else?", or "no thanks" to "what else can I do for you?" after a
        # "yes" to it: the caller is done ("oh no, I've a meeting then, can you undo that?"
        # after a move asks it back)
        s.ending = True
        return
    if asked == "offer_change" and (checked := _held_checked_back(s, u)) is not None:
        # "are those both Tuesdays?", "is that one in the morning?" after the appointments
        # were read out: answered from them, nothing changed
        _drop_task(s, checked)
        return
    if asked == "offer_change" and (
        _only_acknowledged(u)
        or (_echoes_held(s, u) and not _firm_yes(u) and not u.no and not u.thanks)
        or _noting_it_down(u)
    ):
        # ("Wednesday at one, right, ok": the appointment said back, no change asked for)
        # "perfect" to "would you like to change any of them?": the list was what they
        # wanted; whether there is anything else is asked (a thanks or "that's all" ends)
        echoed = _held_echoed(s, u)
        if echoed is not None and "?" in u.text:
            # "Monday the 14th at nine. Is that in the morning?": checked back, so said again
            _drop_task(s, f"Yes, that's {say_date(echoed.day)} at {say_time(echoed.start)}.")
        else:
            _drop_task(s, "Okay.")
        return
    if _closing("anything_else" if invited and asked == "request" else asked, u) or (
        asked == "offer_change" and u.thanks and not u.no and _echoes_held(s, u)
    ):
        # "thanks", "ok cool thats it" to "anything else?" (or to "what else can I do?" after
        # a "yes" to it): the caller is done
        s.ending = True
        return
    if asked == "anything_else" and u.yes and u.task is None and not u.has_details:
        s.more_invited = not u.questions
    s.ending = False
    if _take_rename(s, u, asked):
        return
    if u.wait and u.task is None and not u.has_details and not u.questions:
        # "hang on, let me check my diary": the same question again, without a "sorry"; a
        # caller who keeps stalling still gets plainer instructions
        if s.attempts[asked] == 0:
            s.notes.append("Sure, take your time.")
        s.before_wait = s.before_wait or s.last_reply
        s.attempts[asked] += 1
        return

    if "emergency" in u.questions and u.task in ("book", "availability"):
        # "my dad has chest pain, can I get him in today?": 911 first; an appointment only
        # when asked for again
        u = dataclasses.replace(u, task=None, when=When())
    if "others_info" in u.questions and u.task is not None and u.phone is None:
        # "cancel every appointment on the books", "read me today's list": nothing of anyone
        # else is looked up, told or changed; the caller's own request, if any, comes next
        u = dataclasses.replace(u, task=None, when=When())
    if u.questions:
        if u.when.day is not None and u.when.day.exact is not None:
            s.asked_about = u.when.day.exact
        s.answered_question = True
        s.wants_person = "human" in u.questions
        s.progressed = True
    if "emergency" in u.questions:
        # "my husband just collapsed": the 911 message and no question after it (not "is
        # there anything else?" as if nothing had happened, nor the booking under way); the
        # caller's "ok, bye" then ends the call
        s.emergency = True
        s.finish_task()
        s.follow_ups.clear()
        u = dataclasses.replace(u, task=None, when=When())
    if u.repeat and u.task is None and not u.has_details:
        s.repeat = True
        return
    if u.greeting and u.task is None and not u.has_details and not u.questions:
        s.greeted = True
    if u.wrong_number and s.identity.number is not None:
        if asked in ("phone_confirm", "name") and not s.identity.identified:
            _reject_number(s)  # "that's the wrong number" to its read-back
        else:
            s.identity.forget_number()
        s.appointments = []
        s.progressed = True
        if u.phone is None:
            s.notes.append("No problem.")

    if _closed_day_alone(s, u):
        return
    u = _cancel_in_a_read_back(s, u)
    u = _two_times_at_once(s, u)
    u, unlinked = _two_hours_unlinked(s, u)
    u = _yes_after_clash(s, u)
    u = _after_clash(s, u)
    u = _day_of_those_asked(s, u)
    u = _day_of_those_offered(s, u)
    u = _one_for_me_too(s, u)
    s.heard = u
    proposed = s.proposal
    u = _answer(s, u)
    s.clash_told = False
    when_used = s.heard is not u  # the day/time picked an offered slot
    if asked == "name" and s.identity.holder_check is not None:
        _put_right(s, u, s.upcoming())
    _take_identity(s, u)
    _take_task(s, u, proposed=proposed)
    _take_details(s, u, when_used=when_used)
    _where_the_move_set_aside_was(s, u, proposed)
    if unlinked is not None and s.request.at == unlinked[0] and s.request.or_times:
        s.request.hours_unsure = True
    elif s.request.hours_unsure and (u.ordinal is not None or u.when.time is not None):
        s.request.hours_unsure = False  # "two o'clock", "the first one": picked
    _back_to_before(s, u)
    _take_only_if(s, u)
    _note_from_booking(s, u)
    if s.identity.identified:
        _same_time_as_held(s, u)  # "Tuesday at the same time as my Monday one", said once known
        _hours_from_held(s, u)  # "the same day as my appointment, an hour after it"
    _take_bad_day(s, u)
    _take_bad_time(s, u)
    _note_time_lost(s, u)
    _take_clash(s, u)
    if u.put_off and u.then is None:
        # "yes, move it. And forget January for now": the booking queued for January is not
        # asked about once the move is made
        s.follow_ups = []
    if u.then is not None and u.then.task is not None and s.task is not None:
        named = _target_now(s, u.then)
        queued = next(
            (
                k
                for k, f in enumerate(s.follow_ups)
                if f.task == u.then.task
                and f.proposal is None
                and named is not None
                and f.target == named
            ),
            None,
        )
        if queued is not None:
            # "push both back a day", then "so the Tuesday one to Wednesday, and the Thursday
            # one to Friday": the other of "both", already queued, takes where it goes (the
            # later words about it, not the first ones)
            s.follow_ups[queued] = dataclasses.replace(
                s.follow_ups[queued], heard=u.then, named=named
            )
        else:
            s.follow_ups.append(FollowUp(u.then.task, heard=u.then, named=named))
    _take_second_booking(s, u, asked)
    if (
        asked == "phone"
        and s.answered_other < _ANSWERED_OTHER
        and u.phone is None
        and u.keypad is None
        and s.task is not None
        and (
            not u.when.empty
            or u.day_shift is not None
            or bool(u.when.rejected_times or u.when.rejected_days)
        )
    ):
        # "the one on Thursday", "Tuesday at eleven" to "may I have your number?": the caller
        # answered the question they expected; what the line gave is kept (the task's day or
        # time, or which appointment), and the number is asked for again as the first time,
        # not as a number misheard ("let's take it in parts")
        s.answered_other += 1
        s.progressed = True
        s.notes.append(_GOT_IT)
    if not s.progressed and not s.answered_question and not s.greeted:
        s.attempts[asked] += 1
    elif s.progressed:
        s.attempts[asked] = 0


def _where_the_move_set_aside_was(
    s: DialogueState, u: Understanding, proposed: Proposal | None
) -> None:
    """ "Keep the Thursday and book the Tuesday as well" to "shall I move Thursday's to Tuesday
    the 15th at 10?": the booking goes to the slot the move was proposed for (no other day or
    time said); then "no, forget that, just move it" to that booking's question goes back to
    the move, to the same slot, asked again (never made without its own yes)."""
    move = s.set_aside_move
    if move is None or move.day is None or move.at is None or proposed is None:
        return
    if proposed is not move and proposed.action != "book":
        s.set_aside_move = None  # another change asked about since: the move is left behind
        return
    no_time = u.when.time is None or u.when.time.bare
    if (
        s.task == "book"
        and proposed is move
        and no_time
        and not u.when.windows
        and s.request.at is None
        and s.request.window is None
        and s.request.days in ((), (move.day,))
        and (u.when.day is None or move.day.weekday() in {d.weekday() for d in u.when.day.dates})
    ):
        s.request.days = (move.day,)
        s.request.at = move.at
        return
    if (
        s.task == "reschedule"
        and proposed.action == "book"
        and proposed is not move
        and u.task == "reschedule"
        and u.when.day is None
        and no_time
        and not u.when.windows
        and s.target in (None, move.code)
        and any(a.code == move.code for a in s.upcoming())
    ):
        s.target = move.code
        s.request = Request(days=(move.day,), at=move.at)
        s.set_aside_move = None
        s.progressed = True


_GOT_IT: Final = "Got it."
"""Said before the number is asked for again after a line that answered another question."""
_ANSWERED_OTHER: Final = 1
"""Such lines taken a call: a caller who says the day again is then not giving the number."""
_BOTH_TIMES: Final = re.compile(
    r"\bboth\b|\band (?:also|then)\b|\bplus\b|\band another\b|\band (?:a second|one more)\b"
    r"|\bone (?:at|for) .+ and (?:also )?one\b|\btwo (?:appointments|slots|bookings|of them)\b"
)
"""Two times wanted, not one of them ("one at ten and one at eleven", "both, the 10 and the
11", "book me 10 and also 2")."""


def _two_times_at_once(s: DialogueState, u: Understanding) -> Understanding:
    """Two times asked for in one answer: the first taken now (confirmed as usual), the second
    proposed once it is booked, and the caller told so."""
    words = [t.text for t in u.tokens]
    times = [t for t in u.times if t.at is not None and not t.negated and not _pronoun(words, t)]
    ats = list(dict.fromkeys(t.at for t in times))
    if (
        s.asked not in ("confirm", "choose_time", "time", "datetime", "day")
        or s.task not in ("book", "availability")
        or len(ats) != 2
        or u.correction
        or u.no
        or not _BOTH_TIMES.search(" ".join(words))
    ):
        return u
    day = u.when.day.exact if u.when.day is not None else None
    offered_days = {d for d, _ in s.offered}
    if day is None and s.proposal is not None:
        day = s.proposal.day
    if day is None and len(offered_days) == 1:
        day = next(iter(offered_days))
    if day is None and len(s.request.days) == 1:
        day = s.request.days[0]
    first, second = times[0], next(t for t in times if t.at == ats[1])
    assert first.at is not None and second.at is not None
    queued = day is not None
    if queued:
        # both named in the next question ("shall I book both, ...?"): a yes said with the
        # two times is a yes to that question, asked first
        second_one = Proposal("book", day, second.at)
        waiting = next(
            (
                k
                for k, f in enumerate(s.follow_ups)
                if f.task == "book" and f.proposal is None and f.request is None
            ),
            None,
        )
        if waiting is not None and s.task == "book":
            # "can my wife and I both come in at ten?", then "one at ten and one at eleven" to
            # "shall I book 10?": the second booking already waiting is the one at eleven
            # (not a third, with the first's ten booked twice)
            s.follow_ups[waiting] = dataclasses.replace(s.follow_ups[waiting], proposal=second_one)
        else:
            s.follow_ups.append(FollowUp("book", proposal=second_one))
    else:
        s.notes.append(f"I can book one at a time, so {say_time(first.at)} first.")
    new = dataclasses.replace(
        u,
        when=dataclasses.replace(u.when, time=first),
        times=(first,),
        yes=u.yes and not queued,
    )
    if s.heard is u:
        s.heard = new
    return new


_UNLINKED: Final = frozenset(
    {"if", "thats", "that", "is", "its", "it", "s", "um", "uh", "er", "erm", "hmm", "well", "so"}
)
"""Words between two hours that say nothing of how they go together ("two o'clock if that's
three", "two o'clock, um, three o'clock"): no "or", no "and", no correction."""


def _two_hours_unlinked(
    s: DialogueState, u: Understanding
) -> tuple[Understanding, tuple[time, time] | None]:
    """By ear: two different hours in one answer with only such words between them, neither an
    alternative ("two or three") nor a correction ("two, no, three", "two, actually three")
    nor two bookings ("two and three"): "Two o'clock, if that's free" heard "two o'clock if
    that's three" (whole recorded call a-week-on-tuesday, where the last hour was proposed and
    the recording's yes booked 3 PM). Neither is proposed on a guess: the turn is read as the
    two said as alternatives, and the caller is asked which (``Request.hours_unsure``).
    Returns the turn and the two hours, or the turn as it was and None."""
    if not s.by_ear or u.correction or u.no or u.when.or_times:
        return u, None
    if s.task not in ("book", "reschedule", "availability"):
        return u, None
    words = [t.text for t in u.tokens]
    times = [t for t in u.times if not t.negated and not t.set_aside]
    if len(times) != 2 or any(t.at is None or t.window is not None or t.or_next for t in times):
        return u, None
    first, second = times
    assert first.at is not None and second.at is not None
    if first.at == second.at or first.end > second.start:
        return u, None
    between = [re.sub(r"[^a-z]", "", w.lower()) for w in words[first.end : second.start]]
    if not set(w for w in between if w) <= _UNLINKED:
        return u, None
    new = dataclasses.replace(
        u,
        when=dataclasses.replace(u.when, time=first, or_times=(second.at,)),
        times=(dataclasses.replace(first, or_next=True), second),
    )
    if s.heard is u:
        s.heard = new
    return new, (first.at, second.at)


_ADDED: Final = re.compile(r"\b(?:and|also|too|as well|plus|while|myself)\b")
"""A word that adds to what is proposed ("and one for me", "for me too", "while I'm on")."""
_INSTEAD_OF_IT: Final = re.compile(r"\b(?:instead|rather|rather than|not that)\b")


def _one_for_me_too(s: DialogueState, u: Understanding) -> Understanding:
    """A booking for the caller asked for while one for someone else is proposed ("and me as
    well, any time on the Friday", "could I have one for me, just before his?"): not another
    time for that one. It is kept as proposed, and the caller's own is queued after it, on
    the same day unless another is said, so the next question names both."""
    p = s.proposal
    if (
        s.asked != "confirm"
        or p is None
        or p.action != "book"
        or p.day is None
        or p.at is None
        or s.task != "book"
        or u.no
        or u.task not in (None, "book")
        or any(f.task == "book" for f in s.follow_ups)
        or not acts.SELF_TOO.search(u.text.lower())
        or not _ADDED.search(u.text.lower())
        or _INSTEAD_OF_IT.search(u.text.lower())
    ):
        return u
    when = u.when
    if u.day_shift is None and (when.day is None or when.day.same or not when.day.dates):
        # "the 2 o'clock for myself", "same day, just before his": the day proposed ("the
        # day after" counts from it once it is made)
        day = DayMention(0, 0, (p.day,))
        when = dataclasses.replace(when, day=day)
    s.follow_ups.insert(0, FollowUp("book", heard=dataclasses.replace(u, when=when)))
    s.progressed = True
    return dataclasses.replace(
        u, when=When(), times=(), days=(), day_shift=None, task=None, yes=False, right_after=False
    )


_OTHERWISE_LEAVE_IT: Final = re.compile(
    r"\b(?:otherwise|if not|else|failing that|if theres nothing|if there isnt|if nothing)\b\W*"
    r"(?:(?:just|then|we can|you can|ill|i will|i ll|i can|id rather|i d rather|ok|okay|so)\W+)*"
    r"(?:leave (?:it|that|things|it as it is|it there)|dont bother|do not bother|never ?mind"
    r"|forget (?:it|about it)|no worries|its fine|thats fine|its ok|wait|call back"
    r"|try another time|no (?:problem|thanks)|dont worry)"
)
"""A day asked for with the rest turned down ("anything earlier this week, otherwise leave it",
"is there anything tomorrow? if not don't bother")."""
_OTHERWISE_TAKE: Final = re.compile(
    r"\b(?:otherwise|if not|else|failing that|if theres nothing|if there isnt|if nothing)\b\W*"
    r"(?:(?:just|then|ill|i will|i ll|well|we will|we ll|i can|we can|ok|okay|so)\W+)*"
    r"(?:keep|stick (?:with|to)|go with|stay with|settle for|take"
    # "Tuesday at 2, otherwise Thursday, same time": the second day named straight after
    r"|(?:the )?(?:mon|tues|wednes|thurs|fri)day(?:,? (?:at )?(?:the )?same time)?\W*$)\b"
)
"""A day asked for with a second choice ("anything Friday? if not I'll stick with Monday",
"Tuesday at 2, otherwise Thursday, same time"): for a new booking, that day is proposed when
the first has nothing; for a move, the appointment is kept ("otherwise I'll keep Monday")."""


_NAME_GIVEN_AGAIN: Final = re.compile(
    r"\b(?:my name|name is|names|the name|call me|called|this is|spell|spelt|spelled)\b"
)


def _stray_word_for_name_read_back(s: DialogueState, u: Understanding) -> bool:
    """ "Oh, you're not open Saturdays? What's the nearest then?", "fine, whatever you've got
    that week, I'm flexible" to "Shall I set one up for Holly Brandt with that number?": the
    caller's whole name is held and was just read back, and a single word the name grammar
    took from talk about the request ("Course", "Earliest", "Flexible") is not a new name for
    the account. A name given again as one ("no, my name is Holli", spelled) still is."""
    ident = s.identity
    held = ident.name
    if s.asked != "phone_confirm" or u.name is None or held is None or ident.identified:
        return False
    if ident.name_read_back != held or len(held.split()) < 2 or len(u.name.split()) != 1:
        return False
    if u.name.lower() in held.lower().split() or u.name_fix is not None or u.spelled:
        return False
    return not _NAME_GIVEN_AGAIN.search(" ".join(t.text for t in u.tokens))


def _take_only_if(s: DialogueState, u: Understanding) -> None:
    """Days asked for on condition: only those days are looked at (policy)."""
    text = " ".join(t.text for t in u.tokens)
    second = next((d for d in u.days if d.fallback and d.exact is not None and not d.negated), None)
    keep = second is not None and _OTHERWISE_TAKE.search(text) is not None
    if (
        s.task in ("book", "availability", "reschedule")
        and s.request.days
        and u.when.day is not None
        and (keep or _OTHERWISE_LEAVE_IT.search(text))
    ):
        s.request.only_days = True
        if keep and second is not None and s.task != "reschedule":
            s.request.fallback = (second.dates[0], s.request.at)
        if u.when.time is None:
            s.request.at = None  # the condition is on the day: a time said before goes


_READ_BACKS: Final = frozenset(
    {"phone_confirm", "phone_check", "name", "name_confirm", "identity_confirm", "rename_confirm"}
)
"""Questions that read back what the caller said (a number, a name) for a yes or a fix."""
_CANCEL_ASKED: Final = re.compile(
    r"\bcancel(?:l?ing)? (?:my|our|his|her|an|the|this|that|one of my) (?:\w+ )?"
    r"(?:appointments?|bookings?|visits?)\b"
    r"|\b(?:want|wanted|like|need|needed|wanna|trying|calling|ringing|phoning|here|able) to "
    r"cancel\b|\bcancel (?:it all|everything)\b|\bcancellation\b"
)
"""A cancellation asked for in so many words ("I want to cancel my appointment")."""


def _cancel_in_a_read_back(s: DialogueState, u: Understanding) -> Understanding:
    """ "yes cancel", "no cancel that one two ..." to a number or name read back: "cancel"
    there takes back what was said, or is a recogniser's guess; a new cancellation only
    when the caller asks for one in so many words."""
    if (
        u.task != "cancel"
        or s.asked not in _READ_BACKS
        or s.task == "cancel"
        or _CANCEL_ASKED.search(" ".join(t.text for t in u.tokens))
    ):
        return u
    if s.heard is u:
        s.heard = u = dataclasses.replace(u, task=None)
        return u
    return dataclasses.replace(u, task=None)


_ALONGSIDE_A_DAY: Final = frozenset(
    {"uh", "um", "er", "erm", "oh", "no", "on", "the", "a", "this", "next", "coming", "so"}
)


def _closed_day_alone(s: DialogueState, u: Understanding) -> bool:
    """A day the clinic is closed said alone ("saturday", "uh, Saturday") to a choice of open
    days: by voice often a misheard "thanks"; asked back (policy), nothing changed."""
    offered = [*s.offered, *([(s.proposal.day, s.proposal.at)] if s.proposal else [])]
    day = u.when.day.exact if u.when.day is not None else None
    words = [t.text for t in u.tokens]
    if (
        s.asked not in ("confirm", "choose_time")
        or not offered
        or day is None
        or day.weekday() in s.open_weekdays
        or any(d is None or d.weekday() not in s.open_weekdays for d, _ in offered)
        or u.when.time is not None
        or u.task is not None
        or u.yes
        or u.phone is not None
        or u.questions
        or len([w for w in words if w not in _ALONGSIDE_A_DAY]) > 1
    ):
        return False
    s.closed_day_heard = day
    s.progressed = True
    return True


_BYE: Final = re.compile(r"\b(?:good ?)?bye\b")
_BYE_LAST: Final = re.compile(
    r"\b(?:good ?)?bye(?: (?:bye|now|then|for now))?"
    # "bye bye, sorry", "bye, sorry about that": a caller leaving apologises after it too
    r"(?: (?:so |really )?(?:sorry(?: about (?:that|this))?|apologies|my apologies|my bad))?\W*$"
)


_KEEP_NAME: Final = re.compile(
    r"\b(?:leave it|leave (?:it|that|the name) as it is|as it is|never ?mind|forget (?:it|about it)"
    r"|its (?:fine|ok|okay|alright)(?: as it is)?|dont (?:bother|worry)|no need|doesnt matter)\b"
)
_NAME_QUESTIONS: Final = frozenset({"name", "name_confirm", "surname", "spell"})


def _take_rename(s: DialogueState, u: Understanding, asked: str | None) -> bool:
    """A correction of the name on the caller's account, once it exists ("actually it's
    Ruiz, R U I Z", "you've got my name wrong"), and the answers to its questions. True when
    the turn was about it (nothing else in it is read)."""
    ident = s.identity
    r = s.rename
    if not ident.identified:
        fix = u.name_fix
        if (
            fix is not None
            and fix.explicit
            and fix.word is None
            and ident.number is None
            and asked not in _NAME_QUESTIONS
        ):
            # "can you fix my name on my account?" before saying who they are: asked for once
            # the account is found (a new caller's account is opened with the name they give)
            s.rename = Rename(wanted=True)
            s.progressed = True
        return False
    line = " ".join(t.text for t in u.tokens)
    keep = _KEEP_NAME.search(line) is not None
    if asked == "rename_confirm" and r.name is not None:
        said = u.name is not None or u.spelled is not None or u.name_fix is not None
        found = _corrected_name(ident.name, u, asked_for=True) if said else None
        if found is not None and found[0] != r.name and not (u.yes and not u.no):
            r.name, r.spell = found  # "no, R U I Z": the name said again, read back again
            r.said = _said_of(s, found, u)
        elif u.yes and not u.no and not keep:
            r.confirmed = True
        elif u.no or keep:
            if keep or r.tries >= 1:
                _leave_name(s)
            else:
                s.rename = Rename(wanted=True, tries=1, missing=r.missing)
        elif not said and (u.task is not None or u.has_details) and not u.questions:
            # "Friday at 10 please" to the read-back of the name the caller corrected: what
            # they called about is taken. A name typed is the caller's own spelling, and going
            # on agrees to it; a name heard by ear (letters a recogniser may have forced) is
            # not agreed that way: read back once more, and passed over again left as it is
            if not s.by_ear:
                r.confirmed = True
            elif r.passed_over:
                _leave_name(s)
            else:
                r.passed_over = True
                s.notes.append(_GOT_IT)
            s.progressed = True
            return False
        else:
            return False
        s.progressed = True
        return True
    if asked in ("rename", "rename_spell") and r.wanted:
        current = None if r.missing else ident.name  # not "Ann Caller" for "Ann"
        found = _corrected_name(current, u, asked_for=True)
        if r.missing and found is None and (u.task is not None or u.has_details):
            # asked for their name, the caller goes on with what they called about: not asked
            # again, the front desk adds it
            s.rename = Rename()
            return False
        if keep or (found is None and u.no and len(u.tokens) <= 4):
            _leave_name(s)
        elif found is not None:
            r.wanted, r.name, r.spell = False, *found
            r.said = _said_of(s, found, u)
        else:
            r.tries += 1
            if r.tries >= (2 if r.missing else 3):
                s.rename = Rename()
                s.notes.append(
                    "Sorry, I couldn't get it. The front desk can correct your name next time "
                    "you're in."
                )
                s.just_done = True
        s.progressed = True
        return True
    fix = u.name_fix
    if fix is None or asked in _NAME_QUESTIONS:
        return False
    found = _corrected_name(ident.name, u, asked_for=False)
    if found is None and not fix.explicit:
        return False  # "actually it's ..." with no name like the account's in it
    if found is not None and found[0] == ident.name and ident.name_confirmed:
        s.notes.append(f"I have your name as {ident.name} already.")
        s.just_done = True
    elif found is not None:
        # to a number alone, the same name is read back as another is (the caller's words):
        # "I have your name as ... already" told it, and whether a guess was right
        s.rename = Rename(name=found[0], spell=found[1], said=_said_of(s, found, u))
    else:
        s.rename = Rename(wanted=True)
    s.progressed = True
    return True


def _said_of(s: DialogueState, found: tuple[str, tuple[str, ...]], u: Understanding) -> str | None:
    """What of the corrected name ``found`` to read back to a caller who has not given the
    account's name (``Rename.said``): the words of it they said, else the words that
    changed; None (the whole name) for a caller who gave it, or a name that was missing."""
    if s.identity.name_confirmed or s.rename.missing:
        return None
    heard = {t.text.lower() for t in u.tokens} | {w.lower() for w in found[1]}
    if u.spelled is not None:
        heard.add(u.spelled.lower())
    said = [w for w in found[0].split() if w.lower() in heard]
    return " ".join(said or found[1]) or "that"


def _leave_name(s: DialogueState) -> None:
    missing = s.rename.missing
    s.rename = Rename()
    s.notes.append(
        "That's fine, the front desk can add it later."
        if missing
        else "Okay, I'll leave your name as it is."
    )
    s.just_done = True


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _corrected_name(
    current: str | None, u: Understanding, *, asked_for: bool
) -> tuple[str, tuple[str, ...]] | None:
    """The account's name as the caller corrects it, and the words that changed (spelled in
    the read-back); None when the turn gives no name. A word alone replaces the part of the
    name it is said to be, or else the one it is most like ("Ruiz" for "Rooz"); a spelling
    said with it is how it is written."""
    fix = u.name_fix
    spelled = u.spelled
    words = (current or "").split()
    if u.name is not None and len(u.name.split()) >= 2 and (fix is None or fix.word is None):
        new = u.name.split()  # "my name is Dana Ruiz", or the whole name when asked for it
        if spelled is not None:
            k = max(range(len(new)), key=lambda i: _likeness(new[i], spelled))
            if _likeness(new[k], spelled) >= 0.5:
                new[k] = _capital(spelled)
    else:
        word = (fix.word if fix is not None else None) or u.name or spelled
        if word is None or len(word.split()) != 1:
            return None
        if spelled is not None and (word == u.name or _likeness(word, spelled) >= 0.5):
            word = spelled
        word = _capital(word)
        new = list(words)
        part = fix.part if fix is not None else None
        wrong = fix.wrong.lower() if fix is not None and fix.wrong else None
        lowered = [w.lower() for w in words]
        if not words:
            new = [word]
        elif wrong in lowered:
            new[lowered.index(wrong)] = word
        elif part == "first":
            new[0] = word
        elif part == "last" and len(words) == 1:
            new.append(word)
        elif part == "last":
            new[-1] = word
        else:
            k = max(range(len(words)), key=lambda i: _likeness(words[i], word))
            alike = _likeness(words[k], word) >= 0.4 or words[k][:1].lower() == word[:1].lower()
            if not alike and not (asked_for or (fix is not None and fix.explicit)):
                return None
            new[k if alike else len(words) - 1] = word
    changed = tuple(w for w in new if w.lower() not in {x.lower() for x in words})
    return " ".join(new), changed


def _answered_with_work_left(s: DialogueState, u: Understanding) -> bool:
    """Whether a turn with a goodbye in it is first a yes to the yes/no question asked, while
    the call has work in hand that the goodbye would leave undone: a yes to a name or number
    read-back with a booking to make, or to the booking itself before the caller's account is
    found. The yes is taken and the call goes on (the next question is asked; a caller who is
    leaving says so again): a recogniser makes "that's all" of a name ("Yes, that's right.
    Dennis Moore" heard "yes that's right that's all"), and a booking left half done is worse
    than one more question. Not a yes to the booking with the account found (it books, then
    the call ends), nor to any other question ("anything else?" answered "yes, that's all";
    "would you like to change it?" answered "perfect, it's still on, that's all"), nor a no."""
    if not u.yes or u.no:
        return False
    if s.asked == "confirm":
        return s.accepted is not None and not s.identity.identified
    if s.asked not in _WHO_READ_BACKS:
        return False
    if s.accepted is not None:
        return not s.identity.identified
    return s.task is not None or s.proposal is not None


_WHO_READ_BACKS: Final = _READ_BACKS & YES_NO_QUESTIONS - {"rename_confirm"}
"""The yes/no questions that read back who is calling (their number, their name): a yes to them,
heard with a goodbye, may be a name the recogniser made "that's all" of."""


_PUT_OFF: Final = re.compile(
    r"\b(?:i ?ll|i will|i shall|ill|we ?ll|we will) (?:just )?(?:call|ring|phone|try|do it|book"
    r"|sort it|get back)\b|\b(?:call|ring|phone|try) (?:you |again |back )*(?:later|tomorrow"
    r"|another time|next week)\b|\b(?:another|some other) time\b|\bnever ?mind\b|\bforget it\b"
    r"|\bonline\b|\bno longer\b|\bdont (?:need|want|bother)\b"
)
"""A caller putting the request off or dropping it ("I'll ring back tomorrow", "never mind")."""


def _message_signed_off(s: DialogueState, u: Understanding) -> bool:
    """Whether a goodbye closes a request made in the same breath, at the start of the call,
    the way a message is left on an answering machine ("I'd like to book Thursday morning,
    could someone call me back on 413 555 0127? Thanks, bye", "please just cancel it, no need
    to call back, cheers, bye"): the caller is on the line and the request is served (nothing
    changes without their yes). Not a request put off or dropped ("I'll ring back to book
    another time, bye", "never mind, bye"), nor a goodbye once the call has done anything or
    after the caller's first words ("fine, I'll look at it when I get in, bye" after a no)."""
    if s.user_turns > 1 or s.asked != "request" or s.task is not None or s.done:
        return False
    if u.task is None:
        return False
    if s.identity.identified or s.proposal is not None or s.accepted is not None:
        return False
    line = " ".join(t.text for t in u.tokens)
    return _BYE.search(line) is not None and not _PUT_OFF.search(line)


def _stray_bye(s: DialogueState, u: Understanding) -> bool:
    """Whether the goodbye in a turn is only a "bye" among words that say nothing else, while
    the call has work in hand (a slot proposed, a task under way): recognised speech garbled
    into "i'd like bye you" or "... do you bye you" ("could we move it, same time?"). Such a
    turn is one not caught, asked again; a caller who leaves says "bye" last, or with a no, a
    thanks or "that's all" ("no that's all thanks bye", "yes please, bye")."""
    line = " ".join(t.text for t in u.tokens)
    if not _BYE.search(line) or acts.END.search(_BYE.sub(" ", line)):
        return False
    if u.phone is not None and s.asked in NUMBER_QUESTIONS and s.task is not None and not u.no:
        # "two one two ... oh one oh four bye": the number asked for, with a task in hand, is
        # used first (a caller who leaves then says so again, and nothing changes without a yes)
        return True
    if _BYE_LAST.search(line):
        return False
    if (
        s.by_ear
        and s.asked in ("name", "surname")
        and not s.identity.identified
        and not (u.no or u.thanks or u.task is not None or u.questions)
    ):
        # "yes so i real bye good" for "Yes, Funmilayo Byrd": a name the recogniser made a
        # "bye" of, mid-turn, at the name question; a caller who leaves there says it last
        # ("forget it, bye") or with a no, a thanks or a "call back" (acts.END above)
        return True
    if u.yes or u.no or u.thanks or u.task is not None or u.has_details or u.questions:
        return False
    return s.proposal is not None or s.accepted is not None or s.task is not None


_RESUMING: Final = re.compile(
    r"^(?:(?:ok|okay|right|alright|all right|sorry|so|um|uh|oh)\s+)*"
    r"(?:go ahead|go on|carry on|continue|(?:im|i m|i am) back|(?:im|i m|i am) ready|ready"
    r"|where were we|sorry about that|(?:ive |i ve )?got (?:a|the|my) (?:pen|pencil|paper)"
    r"|fire away|shoot)(?: (?:now|then|please|sorry))*$"
)
"""The caller back after asking the agent to wait, with nothing else to say."""
_THATS_IT: Final = re.compile(r"\bthats (?:it|all)\b|\bthat is (?:it|all)\b")
_MORE_TO_SAY: Final = re.compile(
    r"\b(?:yes|yeah|yep|yup|also|actually|another|one more|something else|wait|question|but"
    r"|and (?:can|could|what|when|how))\b"
)


# an acknowledgement on its own: "ok cool", "k", "kk", "alright great", "perfect"; not "yes",
# which to "anything else?" says there is more
_ACKNOWLEDGED: Final = re.compile(
    r"^(?:(?:ok|okay|k+|kk|okie|okey|oki|cool|great|perfect|alright|all right|awesome|sweet"
    r"|nice|lovely|brilliant|excellent|fab|fantastic|wonderful|good|gotcha|got it|fine"
    r"|sounds (?:good|great|fine|perfect)|all good|im good|i m good|understood|noted"
    r"|right|right then|okay then|ok then|very good|will do|super)(?: |$))+$"
)
_NO_AND_DONE: Final = re.compile(
    r"^(?:no|nope|nah|naw)\b.*\b(?:thats (?:it|all|everything)|that is (?:it|all)|im good"
    r"|i m good|all good|im fine|all set|nothing else)\b"
)


_DECLINED: Final = re.compile(
    r"^(?:(?:um|uh|oh|well|ok|okay)\s+)*(?:(?:no|nope|nah|naw)\s+(?:thanks|thank you|thx"
    r"|(?:thats|that is) (?:all|it|everything|fine)|(?:im|i m|i am) (?:good|fine|ok|okay|all set"
    r"|done)|all good|all set|nothing else)|(?:thats|that is) (?:all|it|everything))\b"
)
"""How callers decline and close: "no thanks", "no that's all", "nope I'm good", "that's it"."""
_DECLINED_THEN_ASKS: Final = re.compile(
    r"\b(?:what about|how about|instead|rather|can i|could i|can you|could you|do you"
    r"|is there|book|cancel|move|change|reschedule)\b"
)


_ASKS_AFTER: Final = re.compile(
    r"\b(?:what about|how about|instead|rather|can i|could i|can you|could you|do you"
    r"|is there|i (?:want|need|would like)|id like|my appointment)\b"
)
"""After a close, words that ask for something whatever task word the recogniser heard."""


def _declined(s: DialogueState, u: Understanding, *, invited: bool) -> bool:
    """Whether a turn opens with a closing decline and asks for nothing after it, at a turn
    where a decline ends the call: "anything else?" (or "what else can I do?" after a yes to
    it), or the times of a day read out to a caller who only asked what was free. A stray
    day or time after the decline ("no i'm good saturdays") is the recogniser's guess at
    "goodbye", not a request; a bare "no" to the times is not a decline of them all."""
    if u.questions or u.repeat or u.wait or u.phone is not None:
        return False
    if u.task is not None and not (s.by_ear and s.asked == "anything_else" and not u.has_details):
        return False
    only_asking = s.asked == "choose_time" and s.task == "availability" and s.proposal is None
    if not (s.asked == "anything_else" or (invited and s.asked == "request") or only_asking):
        return False
    line = " ".join(t.text for t in u.tokens)
    opening = _DECLINED.match(line)
    if opening is None:
        return False
    rest = line[opening.end() :]
    if u.task is not None:
        # by ear, "no that's all, you've been ever so helpful" heard "no that's all you the
        # other so hello cancel you ...": a task word alone, no day, time or number and no
        # asking after the close, is the recogniser's guess at the pleasantries
        return not _MORE_TO_SAY.search(rest) and not _ASKS_AFTER.search(rest)
    return not _MORE_TO_SAY.search(rest) and not _DECLINED_THEN_ASKS.search(rest)


_CHECKED_BACK: Final = re.compile(
    r"^\W*(?:(?:oh|so|and|sorry|right|wait)\W+)*(?:are|is|were) (?:those|they|them|these|that"
    r"|it|this|(?:both|all|the two)(?: of them)?|that one|this one)(?: (?:both|all|two|ones?))?"
    r" (?:on )?(?:a |an |the )?"
    r"(?:(?:mon|tues|wednes|thurs|fri)days?|mornings?|afternoons?|in the (?:morning|afternoon))\b"
)
"""A yes/no question about the appointments just read out ("are those both Tuesdays?", "is
that one in the morning?"), not a change to them."""


def _held_checked_back(s: DialogueState, u: Understanding) -> str | None:
    """The answer to :data:`_CHECKED_BACK` from the appointments held: "Yes, both are on a
    Tuesday: ...", "No: ..." (each said with its weekday, date and time)."""
    line = " ".join(t.text for t in u.tokens)
    held = s.upcoming()
    head = _CHECKED_BACK.search(line)
    if u.task is not None or u.phone is not None or not held or head is None:
        return None
    asked = head.group(0)
    weekdays = {i for i, name in enumerate(WEEKDAY_WORDS) if name[:3] in asked}
    morning = "morning" in asked
    afternoon = "afternoon" in asked
    if len(held) > 1 and re.search(r"\b(?:that|it|this|that one|this one)\b", asked):
        return None  # which one "that" is cannot be told
    fits = all(
        (not weekdays or a.day.weekday() in weekdays)
        and (not morning or a.start.hour < 12)
        and (not afternoon or a.start.hour >= 12)
        for a in held
    )
    said = " and ".join(f"{say_date(a.day)} at {say_time(a.start)}" for a in held)
    if not fits:
        return f"No: {said}."
    subject = "both are" if len(held) == 2 else "it is" if len(held) == 1 else "all are"
    return f"Yes, {subject}: {said}."


def _echoes_held(s: DialogueState, u: Understanding) -> bool:
    """ "Monday at eleven, okay. Thank you!" to "You have one on Monday at 11. Would you like
    to change it?": the appointment just read out said back, nothing new asked."""
    return _held_echoed(s, u) is not None


def _held_echoed(s: DialogueState, u: Understanding) -> Appt | None:
    """The appointment said back (see :func:`_echoes_held`); a part of the day said with it
    must hold its time ("Monday the 14th at nine. Is that in the morning?")."""
    when = u.when
    if u.task is not None or u.questions or when.empty or when.rejected_days:
        return None
    day = when.day.exact if when.day is not None else None
    at = when.time.at if when.time is not None else None
    if day is None or at is None or when.time is None or when.time.shift_minutes is not None:
        return None  # the day alone ("Oh, Wednesday! OK thanks") may still lead somewhere
    if any(not lo <= at < hi for lo, hi in when.windows):
        return None
    return next((a for a in s.upcoming() if a.day == day and a.start == at), None)


def _closing(asked: str | None, u: Understanding) -> bool:
    """A thank-you, "that's it" or a bare "ok cool" with nothing else in it, to "anything
    else?" (or to "would you like to change any of them?" after a check): a goodbye
    ("Thanks.", "Brilliant, cheers", "ok cool thats it", "k", "nope that's it")."""
    if asked not in ("anything_else", "offer_change"):
        return False
    if u.task is not None or u.has_details or u.questions or u.repeat or u.wait:
        return False
    line = " ".join(t.text for t in u.tokens)
    if u.thanks and "\U0001f44d" in u.text and line.endswith(" yes"):
        line = line[: -len(" yes")]  # "ok great thx 👍": a thumbs-up to sign off, not a yes
    if u.no:
        return _NO_AND_DONE.search(line) is not None and not _MORE_TO_SAY.search(line)
    if _MORE_TO_SAY.search(line):
        return False
    return u.thanks or _THATS_IT.search(line) is not None or _ACKNOWLEDGED.match(line) is not None


_NOTING_IT: Final = re.compile(
    r"\b(?:i ?ll|i will|let me|i must|i ?d better|i better|i need to|i should|i have to|gonna"
    r"|going to)(?: \w+){0,3}? (?:write|jot|note|put|pop|stick|mark|save|add|remember|make a note"
    r"|set a reminder)\b"
    # "oh thank you, I've written them on the calendar now": taken down already
    r"|\b(?:ive|i ve|i have|weve|we ve|we have)(?: just| now| already)? (?:written|jotted|noted"
    r"|put|popped|stuck|marked|saved|added)\b(?=.*\b(?:down|calendar|diary|planner|phone"
    r"|notes?|fridge|book)\b)"
)


def _noting_it_down(u: Understanding) -> bool:
    """ "Lovely, thank you, I'll write it down this time", "great thanks, I'll pop it in the
    calendar" to "would you like to change it?" after a check: the time taken down, no change
    asked for and no goodbye said yet; whether there is anything else is asked (a thanks on its
    own, or one with "that's all" or a bye, still ends the call)."""
    if not u.thanks or u.no or u.end or u.task is not None or u.has_details or u.questions:
        return False
    return _NOTING_IT.search(" ".join(t.text for t in u.tokens)) is not None


def _only_acknowledged(u: Understanding) -> bool:
    """A bare "perfect", "ok great", "alright": no thanks, no "that's it", nothing asked."""
    if u.task is not None or u.has_details or u.questions or u.no or u.thanks or u.end:
        return False
    line = " ".join(t.text for t in u.tokens)
    return _ACKNOWLEDGED.match(line) is not None and not _THATS_IT.search(line)


_WHEN_QUESTIONS: Final = frozenset({"datetime", "time", "day", "choose_time", "confirm"})
"""The questions a day or a time answers (a proposal's confirm among them)."""


def _wants_when(s: DialogueState, u: Understanding) -> bool:
    """Whether a day or time said now is about the call's task: one that takes a day and time,
    or an answer to a question asking for one."""
    return u.task in ("book", "reschedule", "availability") or s.asked in _WHEN_QUESTIONS


def _take_bad_day(s: DialogueState, u: Understanding) -> None:
    """ "Can I come in yesterday?", "the 31st of November": say why that day cannot be had,
    then ask for another (nothing is booked on some other day instead)."""
    bad = u.bad_day
    if bad is None or u.when.day is not None:
        return
    if not _wants_when(s, u):
        return
    if bad.kind == "no_such_date":
        s.notes.append(f"There's no {bad.said}.")
    elif bad.kind == "unclear":
        s.notes.append(f"Sorry, I couldn't tell whether you meant {bad.said}.")
    else:
        said = bad.said[:1].upper() + bad.said[1:]
        s.notes.append(f"{said} has already passed.")
    if s.asked == "confirm" and s.proposal is not None and not u.yes:
        s.proposal = None  # another day asked for: not a yes to the one proposed
        s.request.days = ()
        s.request.at = None
    s.progressed = True


def _take_bad_time(s: DialogueState, u: Understanding) -> None:
    """ "Book 25:00 tomorrow", "Monday at 13 pm": no clock shows that time. It is said back
    and a time asked for again (the day's times offered as a choice); no other time is taken
    for it, and a time proposed before it is not a yes."""
    bad = u.bad_time
    if bad is None:
        return
    if not _wants_when(s, u):
        return
    s.notes.append(f"{bad.said[:1].upper()}{bad.said[1:]} isn't a real time.")
    s.time_unreal = True
    if s.asked == "confirm" and s.proposal is not None and not u.yes:
        s.proposal = None  # not a yes to the time proposed
        s.request.at = None
    s.progressed = True


_AFTER_A_DAY_SAID: Final = frozenset(
    [
        "please",
        "thanks",
        "thank",
        "you",
        "cheers",
        "ta",
        "if",
        "possible",
        "poss",
        "that's",
        "fine",
        "ok",
        "okay",
        "then",
        "for",
        "me",
        "a",
        "an",
        "the",
        "appointment",
        "one",
        "again",
        "love",
        "mate",
        "dear",
        "sir",
        "madam",
        "this",
        "that",
        "coming",
        "next",
        "week",
        "or",
        "so",
        "instead",
        "too",
        "also",
        "as",
        "well",
        "actually",
        "maybe",
        "perhaps",
        "whenever",
        "anytime",
    ]
)
"""Words a caller says after the day that hold no time ("Tuesday please", "Friday if
possible, thanks"): nothing lost."""


def _note_time_lost(s: DialogueState, u: Understanding) -> None:
    """A booking's day heard by ear with no time taken and words after the day that read as
    nothing the engine knows: "monday have i you" for "Monday, half nine", "tuesday time" for
    "Tuesday at 9", "monday at the i in" for "Monday at nine". A time was likely said and the
    recogniser lost it; proposing the day's first free time then books a time the caller did
    not ask for on a "yes" said to it, so the day's times are offered and the caller picks
    (``Request.time_lost``). Typed lines and a day said with nothing after it are as before."""
    req = s.request
    if req.has_time:
        req.time_lost = False
        return
    if not s.by_ear or s.task != "book" or u.when.day is None or u.times:
        return
    if not req.days or not set(u.when.day.dates) & set(req.days):
        return
    end = max(d.end for d in u.days) if u.days else u.when.day.end
    said = " ".join(t.text for t in u.tokens[end:] if t.is_word)
    said = re.sub(r"\bany ?time\b", "", said)  # "Tuesday, any time": no time lost
    rest = [w for w in said.split() if w not in _AFTER_A_DAY_SAID]
    if rest:
        req.time_lost = True


def _take_clash(s: DialogueState, u: Understanding) -> None:
    """ "Tuesday the 10th" when the 10th is a Thursday, "Tuesday the 24th" the day after it:
    the caller is told (beside a date near it where the weekday is right: "Monday the 8th"
    when the 7th is a Monday), and asked which day they mean; neither day is taken (nothing
    is proposed on a guess). The answer "the Monday" is that Monday, not the coming one."""
    clash = u.clash
    kept, s.clash_proposal = s.clash_proposal, None
    if clash is None or s.task not in ("book", "reschedule", "availability"):
        return
    weekday, dated = clash.weekday, clash.dated
    if set(s.request.days) - {weekday, dated}:
        return  # the day asked for is another one, said in the same turn
    s.clash_told = True
    if kept is not None and kept.day in (weekday, dated) and s.proposal in (None, kept):
        s.clash_proposal = kept  # the slot proposed that this clash sets aside
    if clash.passed is not None:
        s.notes.append(f"Just to check: {say_date(clash.passed)} has already passed.")
        s.request.days = ()
        s.clash_days = ()
    else:
        near = (
            f" ({weekday.strftime('%A')} is the {ordinal(clash.near.day)})"
            if clash.near is not None and clash.near.month == dated.month
            else f" ({say_date(clash.near)} is a {weekday.strftime('%A')})"
            if clash.near is not None
            else ""
        )
        s.notes.append(
            f"Just to check: {say_date(dated, with_weekday=False)} is a "
            f"{dated.strftime('%A')}, not a {weekday.strftime('%A')}{near}."
        )
        s.request.days = _clash_days(s, weekday, dated)
        s.clash_days = tuple(d for d in (clash.near, dated) if d is not None and d >= s.today)
    if not s.request.days and s.request.at is None:
        # ("... in the afternoon": no afternoon of some other day, but the afternoon of the
        # one of the two days the caller then says)
        s.clash_window = s.request.window if s.clash_days else None
        s.request.window = None
    if s.proposal is not None and s.proposal.day in (weekday, dated):
        s.proposal = None
    s.accepted = None
    s.progressed = True


def _yes_after_clash(s: DialogueState, u: Understanding) -> Understanding:
    """The answer to which day, after a clash in a yes to a slot proposed ("Tuesday the 16th at
    11, great" to "shall I book Tuesday, December 15th at 11 AM?", then "just to check: the
    16th is a Wednesday ... which day?"): "the 15th, yes, Tuesday - book it" names the day of
    the slot proposed and says yes to it, so it is taken as the yes it is (the slot was read
    out whole, weekday, date and time, and agreed to), not proposed once more. Only a yes said
    with the day alone, or with that slot's own time, to the question which day alone: another
    time, a no, a question, another clash, no yes at all, or a yes where another question was
    asked with the clash ("... shall I set one up for you?") is answered as before."""
    dropped, s.clash_proposal = s.clash_proposal, None
    if u.clash is not None and s.proposal is not None:
        s.clash_proposal = s.proposal  # kept where the clash is told about it (_take_clash)
    if dropped is None or not s.clash_told or s.proposal is not None or s.asked != "day":
        return u  # (a yes to another question asked with the clash is that question's)
    day = u.when.day
    said_at = _times_said(u)
    if (
        not u.yes
        or u.no
        or u.questions
        or "?" in u.text  # a question of their own beside it ("yes, Tuesday - is it parking?")
        or u.clash is not None
        or u.task not in (None, dropped.action)
        or day is None
        or day.negated
        or day.exact != dropped.day
        or (said_at and said_at != {dropped.at})
        or u.when.windows
    ):
        return u
    s.accepted = dropped
    s.progressed = True
    if dropped.action == "book" and s.task in (None, "availability"):
        s.task = "book"
    return _without_when(u)


def _after_clash(s: DialogueState, u: Understanding) -> Understanding:
    """The answer to which day after a clash: a weekday said alone ("the Monday", "Tuesday
    then") is the day of the two said with that weekday, not the coming one; the hours asked
    for with the clash go with it when the answer says none."""
    options, window = s.clash_days, s.clash_window
    s.clash_window = None
    u = _which_of_clash(s, u)
    day = u.when.day
    if (
        window is not None
        and day is not None
        and day.exact in options
        and u.when.time is None
        and not u.when.windows
    ):
        kept = TimeMention(day.start, day.end, window=window)
        u = dataclasses.replace(u, when=dataclasses.replace(u.when, time=kept))
    return u


def _day_of_those_asked(s: DialogueState, u: Understanding) -> Understanding:
    """ "Next week ... which is better, Tuesday or Thursday?", then "Thursday at 9 then": a
    weekday said alone is the one of the days already asked about with that weekday (next
    week's), not the coming one."""
    day = u.when.day
    asked = s.request.days
    if len(asked) < 2 or day is None or not day.from_weekday or len(day.dates) != 1:
        return u
    meant = [d for d in asked if d.weekday() == day.dates[0].weekday()]
    if len(meant) != 1 or meant[0] <= day.dates[0]:
        return u
    if re.search(r"\b(?:this|next|coming|week|tomorrow)\b", u.text.lower()):
        return u
    moved = dataclasses.replace(day, dates=(meant[0],))
    days = tuple(moved if d == day else d for d in u.days)
    return dataclasses.replace(u, when=dataclasses.replace(u.when, day=moved), days=days)


def _day_of_those_offered(s: DialogueState, u: Understanding) -> Understanding:
    """ "On Friday the 11th I have 10 AM, and on Wednesday the 16th 9 or 10. Shall I book the
    16th at 9?", then "Friday at ten is good": a weekday said alone is the day read out with
    that weekday, not the one after the day proposed."""
    day = u.when.day
    if (
        s.asked not in ("confirm", "choose_time")
        or not s.offered
        or day is None
        or not day.from_weekday
        or len(day.dates) != 1
    ):
        return u
    offered = {d for d, _ in s.offered}
    meant = [d for d in offered if d.weekday() == day.dates[0].weekday()]
    if day.dates[0] in offered or len(meant) != 1:
        return u
    if re.search(r"\b(?:this|next|coming|week|after|following)\b", u.text.lower()):
        return u  # "the Friday after", "next Friday": another day than those read out
    moved = dataclasses.replace(day, dates=(meant[0],))
    days = tuple(moved if d == day else d for d in u.days)
    return dataclasses.replace(u, when=dataclasses.replace(u.when, day=moved), days=days)


def _which_of_clash(s: DialogueState, u: Understanding) -> Understanding:
    options, s.clash_days = s.clash_days, ()
    day = u.when.day
    if not options or day is None or not day.from_weekday or len(day.dates) != 1:
        return u
    meant = [d for d in options if d.weekday() == day.dates[0].weekday()]
    if len(meant) != 1 or meant[0] == day.dates[0]:
        return u
    if re.search(r"\b(?:this|next|coming|week)\b", u.text.lower()):
        return u  # "the monday then, this coming one": the day said
    moved = dataclasses.replace(day, dates=(meant[0],))
    days = tuple(moved if d == day else d for d in u.days)
    return dataclasses.replace(u, when=dataclasses.replace(u.when, day=moved), days=days)


def _clash_days(s: DialogueState, weekday: date, dated: date) -> tuple[date, ...]:
    """The days a clash leaves on the table: none for a booking (the day is asked for again);
    for a move, the date said and that weekday in its week, each read out with its weekday
    before anything is confirmed (an appointment being moved has a day of its own to fall
    back on, which a question without a day would land on)."""
    if s.task != "reschedule":
        return ()
    same_week = dated + timedelta(days=weekday.weekday() - dated.weekday())
    return tuple(sorted(d for d in {same_week, dated} if d >= s.today))


def _drop_task(s: DialogueState, note: str, *, follow_ups: bool = True) -> None:
    """The task under way ends at the caller's word ("no", "leave it as it is", "it's still
    on"), said with ``note``; whether there is anything else is asked next. Without
    ``follow_ups`` the tasks queued after it are dropped too."""
    if not follow_ups:
        s.follow_ups = []
    s.finish_task()
    s.notes.append(note)
    s.just_done = True
    s.progressed = True


def _answer(s: DialogueState, u: Understanding) -> Understanding:
    """What the caller's words mean as an answer to the agent's question; returns the
    utterance without what this answer used up (a corrected phone ending)."""
    _answer_question(s, u)
    if s.kept_now:
        # "no, don't move it": the move's words are not asked for again
        return dataclasses.replace(u, task=None, when=When(), days=(), times=(), ordinal=None)
    if s.phone_spliced:
        from dataclasses import replace

        heard = replace(u, phone=None)
        if s.heard is u:
            s.heard = heard
        return heard
    return u


_SWAP_BETWEEN: Final = frozenset(
    {"not", "a", "an", "the", "at", "end", "start", "its", "it", "is", "instead", "of", "but"}
)


def _swapped_digits(u: Understanding, number: str) -> str | None:
    """ "No, it's four one two, not four one three", "the last one's a six, not a nine": the
    number read back with the digits taken back replaced by the ones said, else None."""
    runs = digit_runs(list(u.tokens), loose=True)
    words = [t.text for t in u.tokens]
    for first, second in zip(runs, runs[1:], strict=False):
        between = words[first.end : second.start]
        if "not" not in between or not set(between) <= _SWAP_BETWEEN or len(between) > 5:
            continue
        said_first = first.start > 0 and words[first.start - 1] == "not"
        new, old = (second.digits, first.digits) if said_first else (first.digits, second.digits)
        if not 1 <= len(old) == len(new) <= 4 or old == new:
            continue
        at = [k for k in range(len(number) - len(old) + 1) if number.startswith(old, k)]
        line = u.text.lower()
        if len(at) > 1 and re.search(r"\b(?:last|end)\b", line):
            at = at[-1:]
        elif len(at) > 1 and re.search(r"\b(?:first|area code|start)\b", line):
            at = at[:1]
        if len(at) != 1:
            continue
        return number[: at[0]] + new + number[at[0] + len(old) :]
    return None


def _answer_question(s: DialogueState, u: Understanding) -> None:
    asked = s.asked
    ident = s.identity
    swapped = (
        _swapped_digits(u, ident.number)
        if asked in ("phone_confirm", "name", "phone_check", "phone")
        and ident.number is not None
        and len(ident.number) == 10
        and not ident.identified
        else None
    )
    if swapped is not None:
        from_groups = ident.from_groups
        _set_number(s, swapped)
        ident.from_groups = from_groups  # read back again before it is looked up
        s.notes.append("Sorry about that.")
        s.phone_spliced = True
        s.progressed = True
        return
    if (
        (asked in ("phone_confirm", "name") or _read_back_asked_again(s))
        and ident.number is not None
        and u.phone is not None
        and 2 <= len(u.phone.digits) <= 4
        and len(ident.number) == 10
        and (u.no or u.correction or u.wrong_number or _ENDING.search(u.text.lower()))
        and not _ending_said_back(s, u, u.phone.digits)
    ):
        # "no, the end is oh one four nine": the read-back's ending corrected (the read-back
        # of a number asked for again too: it is no longer the number heard in doubt)
        ident.doubted = None
        ident.doubt_asks = 0
        ending = u.phone.digits
        if len(ending) != _ending_length(u.text.lower()):
            # heard "one four nine": a digit of the ending lost, and splicing the rest onto
            # a reading already wrong built a third number; the last four are asked for
            _ask_last_four(s)
            return
        from_groups = ident.from_groups
        _set_number(s, ident.number[: 10 - len(ending)] + ending)
        ident.from_groups = from_groups  # read back again before it is looked up
        s.notes.append("Sorry about that.")
        s.phone_spliced = True
        s.progressed = True
        return
    if _answer_group(s, u) or _deny_partial(s, u):
        return
    # A number a recogniser heard may be misheard: only the caller's own yes to its read-back
    # opens an account on it (a name or a request alone may be the recogniser's guess at
    # something else). A typed or keyed number is taken as given.
    implicit_ok = not (ident.spoken and s.by_ear)
    if asked == "phone_confirm":
        text = u.text.lower()
        if _asks_back_which_day(u) and u.when.day is not None and u.when.day.dates:
            # "sorry, is that this Friday or the one after?", "wait, is it this Friday or
            # next?": the day said, then the number's read-back asked again
            s.notes.append(f"That's {say_date(u.when.day.dates[0])}.")
        elif (
            u.no
            and not u.wrong_number
            and u.phone is None
            and _asks_when(u)
            and not _NUMBER_WORDS.search(text)
            and (
                not _FLAT_NO.search(
                    _NOT_A_DAY.sub(
                        " ", _NOT_AN_HOUR.sub(" ", text) if u.when.rejected_times else text
                    )
                )
                or (s.clash_told and _NO_THE_DAY.search(text))
                # "oh no, wait, what am I saying - I've physio every morning, an afternoon":
                # the no is to what they asked for, said again
                or _SELF_CORRECTED.search(text)
                or (_NO_I_MEANT_A_DAY.search(text) and u.when.day is not None)
            )
        ):
            # "wait, make that Friday" to the number's read-back: the request corrected, not
            # the number (which is taken as a typed one is, or read back again)
            if implicit_ok:
                ident.number_ok = True
            s.progressed = True
        elif (u.no or u.wrong_number) and u.phone is None:
            _reject_number(s)
            s.notes.append("Sorry about that.")
            s.progressed = True
        elif (
            u.phone is None
            or (u.yes and u.phone.digits == ident.number)
            or _ending_said_back(s, u, u.phone.digits)
        ) and (
            u.yes
            or (
                implicit_ok
                and (u.name is not None or u.task is not None or _asks_when(u))
                and not _asks_back_which_day(u)
            )
        ):
            # yes, or carrying on with their request without objecting to the number (a yes
            # with the same number said again: "yes, that's what I said, 212 555 0109")
            ident.number_ok = True
            if u.yes and ident.name_read_back is not None and ident.name_read_back == ident.name:
                ident.name_checked = True  # "Shall I set one up for <name> with that number?"
            s.progressed = True
    elif asked == "name_confirm" and not ident.identified:
        if u.no:
            # "no" to the name read back: spell it (policy); a spelling read back wrong is
            # noted for the front desk
            ident.name = None
            ident.name_attempts = 4 if ident.name_spelled else max(ident.name_attempts + 1, 2)
            ident.name_spelled = False
            s.progressed = True  # (the next question says sorry)
        elif u.yes:
            ident.name_checked = True
            s.progressed = True
        elif u.name is None and u.phone is None and (u.task is not None or not u.when.empty):
            # going on with their request ("Monday if you've got it, around two") without a
            # yes to the name read back: the request is kept, but it agrees to nothing (a
            # name the recogniser forced agreed that way opened an account under a stranger's
            # name). Read back again (with the booking question, where it can be); passed over
            # a second time, the account is opened for the front desk to name
            ident.name_passed_over += 1
            if ident.name_passed_over >= 2 or ident.name_doubted:
                # a name the readers did not vouch for is not read back a second time: the
                # yes a recording says next is meant for the booking
                ident.name = None
                ident.name_attempts = 4
            else:
                s.notes.append(_GOT_IT)
                # a new request: the booking question for it may carry the name again, though
                # an earlier offer (not the time asked for) read it back on its own
                ident.name_booking_declined = False
            s.progressed = True
    elif asked == "name":
        moving_on = implicit_ok and (u.task is not None or not u.when.empty)
        if (
            (u.yes or moving_on)
            and not u.no
            and u.name is None
            and u.phone is None
            and ident.number
        ):
            ident.number_ok = True  # "yes, that's right" to "if that number is right, ..."
            s.progressed = True
        elif u.no and u.name is None and u.phone is None and not ident.identified:
            # "no" to "if that number is right, may I have your name?"
            _reject_number(s)
            s.notes.append("Sorry about that.")
            s.progressed = True
        elif u.name is not None and ident.number is not None and (implicit_ok or u.yes):
            ident.number_ok = True
    elif asked == "identity_confirm":
        denied = u.no or u.wrong_number
        if not denied and ident.caller_id and (u.yes or u.task is not None or u.has_details):
            if u.phone is None and u.keypad is None:
                _set_number(s, ident.caller_id)
                ident.number_ok = True
            s.progressed = True
        elif denied:
            ident.caller_id = None
            ident.forget_number()
            s.appointments = []
            s.notes.append("Sorry about that.")
            s.progressed = True
    elif asked == "confirm" and s.proposal is not None:
        if s.proposal.action == "book" and s.proposal.also_at and _each_hour_said(s.proposal, u):
            # "yes, ten and eleven, lovely" to "shall I book both, 10 AM and 11 AM?": both,
            # not the second hour picked alone ("then 9 for me and 10 for her", no yes: both
            # asked again)
            heard = _without_when(u)
            if s.heard is u:
                s.heard = heard
            u = heard
            if not u.yes:
                s.progressed = True
                s.notes.append(_GOT_IT)
        _answer_name_in_booking(s, u)
        if s.proposal.action in ("book", "reschedule") and _neighbour_asked(s, u, s.proposal):
            s.offered = ()
        elif _back_to_offered_day(s, u):
            s.proposal = None
        elif (s.offered or (u.ordinal is not None and _ordinal_pool(s, u))) and _picks_another(
            s, u
        ):
            # "the second one" / "ten would be better" to "I have 9, 10 or 11. Book 9?"
            s.proposal = None
            _answer_choice(s, u)
        elif _beyond_proposed(s, u):
            pass
        elif not _options_asked(s, s.proposal, u):
            _answer_confirm(s, u)
    elif asked == "choose_time":
        if not _back_to_offered_day(s, u) and not _beyond_offered(s, u):
            _answer_choice(s, u)
    elif asked == "offer_book":
        if (u.yes or u.has_details and not u.no) and u.task is None:
            # ("Would you like to book something on Thursday, December 3rd?": that day kept)
            days = s.request.days if s.task == "list" and u.when.day is None else ()
            s.finish_task()
            s.task = "book"
            if days:
                s.request = Request(days=days)
            s.progressed = True
        elif u.no and u.task is None and not u.has_details:
            _drop_task(s, "Okay.")
    elif asked == "offer_change":
        if u.no and u.task is None and not u.has_details:
            _drop_task(s, "Okay.")
        elif u.yes or u.has_details:
            if u.task is None:
                s.task = "reschedule" if u.has_details else "change"
                if u.has_details and _back_to_booking(s, u):
                    s.task = "book"
            s.progressed = True
    elif asked == "change_or_cancel":
        target = s.target_appt() or (s.upcoming()[0] if len(s.upcoming()) == 1 else None)
        if u.task == "cancel" and _firm_yes(u) and not u.no and u.when.empty and target:
            # "yes please, cancel it" to "Your appointment is on Thursday at 9. Move it, or
            # cancel it?": the cancellation of the appointment just read out, confirmed
            s.task = "cancel"
            s.target = target.code
            s.accepted = Proposal("cancel", target.day, target.start, target.code)
            s.progressed = True
        elif u.task in ("reschedule", "cancel"):
            s.task = u.task
            s.progressed = True
        elif u.has_details or re.search(
            r"\b(?:move|another|different|later|earlier)\b", u.text.lower()
        ):
            s.task = "reschedule"
            s.progressed = True
        elif u.no and not u.yes:
            _drop_task(s, "Okay, I'll leave it as it is.")
    elif asked == "anything_else":
        if u.yes and u.task is None and not u.has_details:
            s.progressed = True
    elif asked in ("datetime", "time", "day", "which_appointment") and (
        u.no and u.task is None and not u.has_details and not u.yes
    ):
        _drop_task(s, "No problem.")
    elif (
        asked in ("datetime", "time", "day")
        and s.task == "reschedule"
        and (u.when.day is None or not u.when.day.dates)  # ("as soon as I can": no day)
        and (u.when.time is None or (u.when.time.at is None and u.when.time.window is None))
        and not u.yes
        and _KEEP_AS_IS.search(" ".join(t.text for t in u.tokens))
    ):
        # "no, don't move it, I'll get there as fast as I can", "keep it, I'll be there" to
        # "what day and time would you like instead?": the appointment stays
        _drop_task(s, "Okay, I'll leave your appointment as it is.", follow_ups=False)
        s.kept_now = True


_BACK_TO_IT: Final = re.compile(
    r"\b(?:any ?way|any ?how|back to|as i was saying|where were we|going back to"
    r"|so about|now about|so for|now for|for the new one|the new one)\b"
)
"""Words that go back to what was under way before a side question ("anyway, the 16th")."""


def _back_to_booking(s: DialogueState, u: Understanding) -> bool:
    """ "Is my one on the 10th still on?" asked while a booking for the 16th was under way,
    then "right, good. Anyway, the 16th at 11" to "would you like to change it?": back to the
    booking (no change word, no day of the one read out), not a move of the one held."""
    if s.last_task not in ("book", "availability") or u.task is not None:
        return False
    if not _BACK_TO_IT.search(" ".join(t.text for t in u.tokens)):
        return False
    held = {a.day for a in s.upcoming()}
    days = u.when.day.dates if u.when.day is not None else ()
    return bool(days) and not held & set(days)


_GROUP_NAMED = (
    (0, re.compile(r"\b(?:first|area code|beginning|start)\b")),
    (1, re.compile(r"\b(?:middle|second|next|exchange)\b")),
    (2, re.compile(r"\b(?:last|end|final)\b")),
)


def _group_named(text: str) -> int | None:
    """Which group of 3-3-4 a correction names ("no, the middle bit is 555")."""
    line = text.lower()
    named = [index for index, pattern in _GROUP_NAMED if pattern.search(line)]
    return named[0] if len(named) == 1 else None


def _read_back_asked_again(s: DialogueState) -> bool:
    """Whether the caller is answering a number with no account read back as it was asked
    for again ("I don't have an account under 6 1 7, 5 5 5, 4 1 9 4. Before I set one up,
    could you say your number once more ...?", :func:`_doubt_after_lookup`): "no, the end is
    oh one four nine" corrects that read-back as it would the name question's."""
    ident = s.identity
    return (
        s.asked == "phone"
        and ident.number is not None
        and ident.doubted == ident.number
        and ident.looked_up == ident.number
        and ident.status == "name_required"
    )


_ENDING_COUNT: Final = re.compile(r"\blast (two|three|2|3)\b|\blast (digit)\b")


def _ending_length(text: str) -> int:
    """How many digits an ending said as a correction should have: as many as the caller
    named ("the last two digits are four nine", "the last digit's a six"), else the last
    group's four."""
    counted = _ENDING_COUNT.search(text)
    if counted is None:
        return 4
    if counted.group(2) is not None:
        return 1
    return {"two": 2, "2": 2, "three": 3, "3": 3}[counted.group(1)]


def _ask_last_four(s: DialogueState) -> None:
    """The caller corrected the ending of the number read back but not all of it was heard:
    the first six digits kept, the last four asked for (the reading they rejected told to
    the recogniser)."""
    ident = s.identity
    number = ident.number
    assert number is not None
    _check_in_parts(s, number)
    ident.digits = number[:6]
    ident.checked = {0, 1, 2}
    ident.reject_group(2, number_part(number, 2))
    s.notes.append("Sorry about that.")
    s.phone_spliced = True
    s.progressed = True


def _reject_number(s: DialogueState) -> None:
    """The caller said the number read back is wrong: forget it; a ten-digit number heard
    as speech is then checked group by group (only the wrong groups are asked for again,
    and the recogniser is told the readings that were wrong)."""
    ident = s.identity
    number, spoken = ident.number, ident.spoken
    if number is None or not spoken or len(number) != 10 or not number.isdigit():
        ident.forget_number()
        return
    _check_in_parts(s, number)


def _check_in_parts(s: DialogueState, number: str) -> None:
    """Forget ``number`` (remembered as rejected) and check it again group by group."""
    ident = s.identity
    ident.forget_number()
    if number not in ident.rejected_numbers:
        ident.rejected_numbers.append(number)
    ident.start_groups(checking=number)


def _deny_partial(s: DialogueState, u: Understanding) -> bool:
    """A "no" to "I have six two six so far. And the rest of the number?": the digits heard
    so far are wrong. With other digits said with it ("no, it's eight one seven") those
    replace them; a bare "no" starts the number again in parts (after a failed whole number
    the recogniser hears a group better than the whole number said again). Without this
    the "no" was not understood and the same question came back. Returns whether the
    answer was used."""
    ident = s.identity
    if s.asked != "phone" or ident.groups or not ident.digits or ident.number is not None:
        return False
    if not (u.no or u.wrong_number) or (u.yes and not u.no):
        return False
    if u.keypad is not None or u.phone is not None:
        if not re.search(r"\barea code\b", u.text.lower()):
            ident.digits = ""  # what was said with the "no" is taken as the number's start
        return False
    ident.digits = ""
    ident.start_groups()
    s.notes.append("Sorry about that.")
    s.progressed = True
    return True


def _finish_groups(s: DialogueState) -> None:
    ident = s.identity
    whole = ident.digits[:10]
    ident.stop_groups()
    _set_number(s, whole)
    ident.from_groups = True


def _answer_group(s: DialogueState, u: Understanding) -> bool:
    """A "yes" or "no" to a group of the number read back while it is collected in groups:
    the check of a rejected number's group ("the first three: six one seven?"), or a
    group read back with the next question ("I have six one seven. And the next three?").
    A "no" is never taken as agreement: the group is dropped, remembered as wrong, and
    asked for again, unless the caller said the right digits with it. Returns whether the
    answer was used."""
    ident = s.identity
    if not ident.groups:
        return False
    heard = u.phone.digits if u.phone is not None else None
    if heard is not None and len(heard) > 4:
        return False  # a whole number (or most of one): taken as said
    denied = u.no or u.wrong_number or u.correction
    index = ident.group_index
    if s.asked == "phone_check" and ident.checking is not None and index not in ident.checked:
        part = number_part(ident.checking, index)
        fixed = heard is not None and len(heard) == len(part) and heard != part
        named = _group_named(u.text)
        if denied and heard is not None and named is not None and named < index:
            _correct_group(s, named, heard)  # "no, the first three are 817"
        elif denied or fixed:
            ident.checked.add(index)
            ident.reject_group(index, part)
            if fixed and heard is not None:
                _add_group(s, heard)
            s.notes.append("Okay.")
        elif u.yes:
            ident.checked.add(index)
            ident.digits += part
            ident.last_group = None
            if index == 1 and ident.digits == ident.checking[:6]:
                # the first six digits were right, so the last four were not
                ident.checked.add(2)
                ident.reject_group(2, number_part(ident.checking, 2))
            if len(ident.digits) >= 10:
                _finish_groups(s)
        else:
            return False
        s.phone_spliced = True
        s.progressed = True
        return True
    last = ident.last_group
    if s.asked != "phone" or last is None or not denied or (u.yes and not u.no):
        return False
    named = _group_named(u.text)
    current = (len(ident.digits) - len(last)) // 3
    if named is not None and named < current and heard is not None:
        _correct_group(s, named, heard)  # "no, the middle bit is five five five"
    else:
        ident.digits = ident.digits[: len(ident.digits) - len(last)]
        ident.reject_group(current, last)
        ident.last_group = None
        if heard is not None and len(heard) == len(last) and heard != last:
            _add_group(s, heard)  # "nope, seven seven two"
    s.notes.append("Sorry about that.")
    s.phone_spliced = True
    s.progressed = True
    return True


def _correct_group(s: DialogueState, index: int, digits: str) -> None:
    """An earlier group, already taken, replaced by the caller's correction (if it has
    that group's length; otherwise nothing is changed and the question is asked again)."""
    ident = s.identity
    start, end = GROUP_SPANS[index]
    if len(digits) != end - start or len(ident.digits) < end:
        return
    ident.reject_group(index, number_part(ident.digits, index))
    ident.digits = ident.digits[:start] + digits + ident.digits[end:]


def _add_group(s: DialogueState, digits: str) -> None:
    ident = s.identity
    ident.digits += digits
    ident.last_group = digits
    if len(ident.digits) >= 10:
        _finish_groups(s)


def _answer_name_in_booking(s: DialogueState, u: Understanding) -> None:
    """The name read back in "I have your name as ... Shall I book ...?": a plain yes takes
    it (and the booking, as ever); anything else, a no, another time, a name, and it is read
    back on its own before any account is opened."""
    ident = s.identity
    read, ident.name_in_booking = ident.name_in_booking, None
    number, ident.number_in_booking = ident.number_in_booking, None
    if read is None or read != ident.name:
        return
    if u.yes and not u.no and u.name is None and u.phone is None and u.when.empty:
        ident.name_checked = True
        if number is not None and number == ident.number:
            ident.number_ok = True
    elif u.no or u.name is not None or u.phone is not None or u.when.empty:
        ident.name_booking_declined = True
    # (another time asked for, and nothing refused: "two o'clock, if that's free" to the
    # first time that day; the name is read back again in the question for that time)


def _answer_confirm(s: DialogueState, u: Understanding) -> None:
    proposal = s.proposal
    assert proposal is not None
    if u.wrong_number or (u.phone is not None and len(u.phone.digits) >= 7):
        return  # "no, that's not me, my number is ...": about who they are, not the slot
    said = " ".join(t.text for t in u.tokens)
    if proposal.action == "book" and proposal.also_at and not u.no:
        proposal = _one_of_both_bookings(s, proposal, u, said)
    if _both_said_back(proposal, u, said):
        # "yes, both of them, Friday at two and three" to "shall I move both: the two o'clock
        # to Friday at 2 and the three o'clock to Friday at 3?": the changes read back, said
        # again - a yes to them, not a new hour for the first
        u = _without_when(u)
        s.heard = u
    if proposal.more and not u.no and not _BOTH.search(said):
        change = _one_of_two_changes(s, proposal, u)
        if change is not None:
            # "just the Tuesday one", "yes, the Monday one" to "shall I move both ...?": that
            # one alone (a yes with it is a yes to it); the other is asked about on its own
            # after it, or dropped ("just", "only")
            changes = [dataclasses.replace(proposal, more=()), *proposal.more]
            others = [
                c
                for c in changes
                if (c.action, c.code, c.day) != (change.action, change.code, change.day)
            ]
            codes = {c.code for c in changes}
            if s.follow_ups and s.follow_ups[0].target is None:
                s.follow_ups.pop(0)  # the other change the question named
            s.follow_ups = [f for f in s.follow_ups if f.target is None or f.target not in codes]
            if not _ONLY.search(said):
                s.follow_ups[0:0] = [
                    FollowUp(_TASK_OF[c.action], c.code, proposal=c) for c in others
                ]
            s.proposal = None
            s.progressed = True
            s.kept_now = True  # the days in it named the one; none is asked for
            if u.yes:
                s.task, s.target, s.accepted = _TASK_OF[change.action], change.code, change
            else:
                s.follow_ups.insert(
                    0, FollowUp(_TASK_OF[change.action], change.code, proposal=change)
                )
                s.finish_task()
                next_follow_up(s)
            return
    if proposal.action == "cancel" and len(proposal.also) > 1 and _some_of_all_named(s, u):
        return
    if _cancel_and_book_said(proposal, u, said):
        # "yeah cancel it" to "shall I move it from Thursday to Thursday the 17th at 2?" (said
        # as "cancel Thursday and book the week after instead"): the old one cancelled and
        # the new one booked, as the caller puts it - asked again, both in one question
        assert proposal.day is not None and proposal.at is not None
        s.task, s.target = "cancel", proposal.code
        s.follow_ups.insert(
            0, FollowUp("book", proposal=Proposal("book", proposal.day, proposal.at))
        )
        s.proposal = None
        s.progressed = True
        return
    if proposal.action in ("reschedule", "cancel") and u.drops_change:
        # "actually, keep the 10th - just add Monday as well" to "shall I move the 10th to
        # Monday?": no change; the booking it asks for is taken as a new task
        s.proposal = None
        s.progressed = True
        return
    if proposal.action == "cancel" and proposal.also:
        one = _one_of_both_named(s, proposal, u)
        if one is not None:
            # "oh wait, the Thursday one I can still do - just cancel Tuesday" to "shall I
            # cancel both ...?": only that one, asked again on its own (a yes that names it,
            # "yes, cancel Tuesday", is a yes to that one alone)
            pair = (proposal.code, *proposal.also)
            s.follow_ups = [
                f for f in s.follow_ups if not (f.task == "cancel" and f.target in pair)
            ]
            s.target = one.code
            s.proposal = None
            s.progressed = True
            s.kept_now = True  # the days in it named the two; none is asked for
            if u.yes and not u.no and any(t.text in _CANCEL_WORDS for t in u.tokens):
                # (not "okay, the Monday one then" - no cancel said: asked on its own first)
                s.accepted = Proposal("cancel", one.day, one.start, one.code)
            return
    if _another_one_kept(s, proposal, u, said):
        # "yes, cancel that one. The Friday one I'll keep" to "shall I cancel Tuesday's?": a
        # yes to it; the day said is the caller's other appointment, which stays
        u = _without_when(u)
        s.heard = u
        said = _KEEP_ANOTHER.sub(" ", said)
    rest = _other_kept_first(s, proposal, u)
    if rest is not None:
        # "just the 18th - tomorrow's fine, I'm keeping that. Yes, cancel the 18th" to "shall I
        # cancel the 18th?": the one kept is the caller's other appointment, named first; the
        # yes after it is to the one read back
        u = _without_when(u)
        s.heard = u
        said = rest
    if _kept_after_all(proposal, u, said):
        # "yes cancel it - oh hang on, leave the Tuesday one" to "shall I cancel Tuesday's?":
        # the yes taken back, the one read back kept
        _drop_task(s, "Okay, I'll keep your appointment as it is.", follow_ups=False)
        s.heard = dataclasses.replace(_without_when(u), task=None)
        return
    if _keeps_the_one_read_back(proposal, u, said):
        # "no, no, keep the 11th! I only rang about Monday" to "shall I cancel the 11th?":
        # the day said is the one to keep, not another to cancel or a day to book
        _drop_task(s, "Okay, I'll keep your appointment as it is.", follow_ups=False)
        s.heard = dataclasses.replace(_without_when(u), task=None)
        return
    if proposal.action == "cancel" and _KEPT.search(said) and not u.no:
        # "right, so the 17th is still on, perfect, thanks" to "shall I cancel the 17th?":
        # the caller means to keep it, whatever "perfect" says
        _drop_task(s, "Okay, I'll keep your appointment as it is.", follow_ups=False)
        return
    if (
        proposal.action == "reschedule"
        and not u.yes
        and (_LEFT_AS_IT_IS.search(said) or (u.no and _KEEP_AS_IS.search(said)))
    ):
        # "okay, no worries, leave it as it is then", "three? forget it, I'll keep what I've
        # got" to "shall I move it to Monday at 3?": the appointment stays where it is (not
        # another time offered; the time it names is the one turned down, not a new request)
        _drop_task(s, "Okay, I'll leave your appointment as it is.", follow_ups=False)
        s.kept_now = True
        return
    if _shifted_offer(s, proposal, u) or _hours_from_offer(s, proposal, u):
        return
    if _conditional_yes(s, proposal, u):
        return
    # "and actually Thursday's out too" to "shall I book Thursday at 11?": the day (or the
    # time) read back ruled out, said as one more thing the caller cannot do - no yes to it
    ruled_out = (
        not u.yes
        and proposal.day is not None
        and (
            proposal.day in u.when.rejected_days
            or (proposal.at is not None and proposal.at in u.when.rejected_times)
        )
    )
    new_details = not u.when.empty or u.day_shift is not None or ruled_out
    # "oh right, of course, Friday then" to "Shall I book Friday at 9?": an acknowledgement
    # and the day asked for again, not a yes to the time; with a day said, a yes must be one
    yes = u.yes and (not new_details or u.when.time is not None or _firm_yes(u))
    another = _IF_ANOTHER.search(said) is not None
    if yes and another:
        # "if you've got anything later that Monday I'll take it", "if there's something
        # earlier, I'll have that": a yes to another slot asked for, not to the one read back
        yes = False
    if proposal.action == "cancel" and not new_details and not u.no and _CANCEL_IT.search(said):
        yes = True  # "oh, that's a shame. Okay, cancel it then." to "shall I cancel it?"
    if (
        proposal.action == "cancel"
        and new_details
        # "no wait, it's Wednesday I can't make, not Tuesday" to "shall I cancel Tuesday's?":
        # a no that puts right which one is meant (asked about again, nothing cancelled on it)
        and (not u.no or (not proposal.also and (u.correction or ruled_out)))
        and (_one_of_those_named(s, proposal, u, yes=yes) or _cancel_put_right(s, proposal, u))
    ):
        return
    # a day alone ("Monday, if possible") to "Shall I book Monday at 9?" says which day, not
    # yes to the time: only a yes or the time itself accepts
    held = s.target_appt() if proposal.action == "reschedule" else None
    other_time = (
        held is not None
        and u.when.time is not None
        and u.when.time.same
        and proposal.at is not None
        and proposal.at != held.start
    )
    if other_time:
        # "move it to the Thursday then, same time" to "shall I move it to Thursday at 9?"
        # (it is at 2): the time it has now is asked for, not the one proposed
        yes = False
    restated = (
        new_details
        and not u.no
        and not other_time
        # "not a Thursday, that's the whole reason - any other day at eleven" to "shall I move
        # it to Thursday at 11?": the hour said back with the day ruled out is no yes
        and not ruled_out
        and _restates(proposal, u, held_day=held.day if held is not None else None)
        # a cancel's own time said back ("same time, 2 o'clock") names it, it does not agree
        # to lose it: only a yes with it cancels
        and (yes or u.when.time is not None and proposal.action != "cancel")
        # "the 8th's a Tuesday? No, it's the Monday I'm free. So Monday the 7th, ten": the
        # slot said back after a no is asked about again, not taken as a yes
        and (yes or not _NO_IN_IT.search(said))
    )
    if restated:
        # "yes, nine is great" / "the 3 o'clock" to "shall I book 3 PM?": a yes
        s.heard = _without_when(u)
        new_details = False
    # "yes, the one on Tuesday" to "shall I cancel Wednesday's?": a yes to something else is
    # no yes to what was read back
    other = new_details and _names_another_slot(s, proposal, u)
    if (yes or restated) and not u.no and not other and not (new_details and u.correction):
        s.accepted = proposal
        s.proposal = None
        if proposal.action == "book" and s.task in (None, "availability"):
            s.task = "book"
        s.progressed = True
        return
    again = _proposed_again(s, proposal, u) if other else None
    if again is not None:
        # "ah well. Yes, one o'clock then" to "shall I move it to Tuesday at 9?" after "shall I
        # move it to Monday at 1?" was asked first: that one, picked and agreed to
        s.accepted = again
        s.proposal = None
        s.progressed = True
        s.heard = _without_when(u)
        return
    if _other_time_asked(s, proposal, u, yes=yes, new_details=new_details):
        return
    if u.no or other or (new_details and (u.correction or not yes)):
        if proposal.action == "cancel" and u.no and not new_details and u.task != "reschedule":
            _drop_task(s, "Okay, I'll keep your appointment as it is.", follow_ups=False)
            return
        if proposal.day is not None and proposal.at is not None and (u.no or ruled_out or another):
            # (a slot whose day or hour was ruled out, or turned for another, is not asked again)
            s.request.rejected.add((proposal.day, proposal.at))
            if not new_details:
                # "no" to "I have 9, 10 or 11. Book 9?" turns the whole list down; "no,
                # anything after two?" says which of them might do
                s.request.rejected.update(s.offered)
        s.proposal = None
        s.progressed = True
        if u.no and not new_details and u.task is None:
            s.notes.append("No problem.")
            if s.task in ("book", "reschedule", "availability"):
                # they turned the time down: ask again, keeping the day they wanted
                s.request.at = None
                s.request.same_time = False
                s.request.shift_minutes = None
                s.request.earliest = s.request.latest = False


_ONLY_CANCEL: Final = re.compile(
    r"\b(?:just|only|actually|instead|rather|no|nah|dont|do not|forget|not|leave|keep|wait)\b"
)
"""Words that make a cancel said to a move the only change wanted ("just cancel it")."""


def _cancel_and_book_said(proposal: Proposal, u: Understanding, said: str) -> bool:
    """A yes with "cancel it" to a move read back ("yeah cancel it"): the move said as the
    caller sees it - the old one cancelled, the new one booked - not a cancel alone (no
    "just", "actually", no day or time of its own)."""
    return (
        proposal.action == "reschedule"
        and proposal.code is not None
        and proposal.day is not None
        and proposal.at is not None
        and not proposal.more
        and u.task == "cancel"
        and u.yes
        and not u.no
        and not u.correction
        and u.when.empty
        and u.day_shift is None
        and u.then is None
        and _ONLY_CANCEL.search(said) is None
    )


_IF_ANOTHER: Final = re.compile(
    r"\bif (?:you (?:have|had|ve got|got|can (?:do|find))|youve(?: got)?|theres|there is"
    r"|there s) (?:any|anything|something|one|owt|summat)\b(?:\s+\w+){0,3}?\s+"
    r"(?:later|earlier|sooner|after|before|else|other)\b"
)
"""A condition asking for another slot than the one read back ("if you've got anything later
that Monday", "if there's one earlier")."""
_NO_IN_IT: Final = re.compile(
    r"\b(?:no|nope|nah)\b(?! (?:problem|problems|worries|rush|hurry|doubt|matter|need|later"
    r"|earlier|sooner|more|one|other)\b)"
)
"""A no somewhere in the line (not "no problem", "no later than")."""
_KEEP_THAT: Final = re.compile(
    r"\b(?:keep|leave|don ?t cancel|do not cancel|not cancel)\b"
    r"(?! (?:the )?(?:other|rest|others|one after|second|last|first|later|earlier)\b)"
)
"""A word that keeps the appointment named ("keep the 11th", "don't cancel it")."""
_CANCEL_WORD: Final = re.compile(r"\b(?:cancel|drop|scrap|get rid of|move|change)\b")


_KEEP_ANOTHER: Final = re.compile(
    r"\b(?:i ?(?:ll|ll|will|d|would|m|am) )?(?:keep|keeping|hang on to|hold on to|leave|leaving)"
    r"\b.*"
)
"""The words that keep an appointment, to the end of the line."""
_OTHER_KEPT: Final = re.compile(
    r"(?:i ?(?:ll|will|d|would|m|am) )?(?:keep|keeping|hang on to|hold on to|leave|leaving)"
    r" (?:the|my) other (?:one|appointment|booking)\b"
)
"""The other appointment said to stay ("I'll keep the other one")."""
_CANCEL_SAID: Final = re.compile(r"\b(?:cancel|cancelled|drop|scrap|get rid of|go|gone)\b")


def _another_one_kept(s: DialogueState, proposal: Proposal, u: Understanding, said: str) -> bool:
    """A yes to cancelling the appointment read back, then another of the caller's own said to
    stay ("yes, cancel that one - the Friday one I'll keep", "yes please, but leave the 11th"):
    the yes comes first, the keep names only held appointments other than the one read back."""
    if (
        proposal.action != "cancel"
        or proposal.also
        or proposal.more
        or proposal.day is None
        or not u.yes
        or u.no
        or u.correction
    ):
        return False
    kept = _KEEP_ANOTHER.search(said)
    if kept is None or not _FIRM_YES.search(said[: kept.start()]):
        return False
    words = said.split()
    at = len(said[: kept.start()].split())
    near = [d for d in u.days if d.dates and not d.negated and at - 5 <= d.start < at + 5]
    if any(proposal.day in d.dates for d in u.days):
        return False
    others = [a for a in s.upcoming() if a.code != proposal.code]
    if u.kept_months and not near:
        # "yeah that's the one, cancel it, I'll keep the February one": the month kept is
        # another appointment's, not the one read back
        return proposal.day.month not in u.kept_months and any(
            a.day.month in u.kept_months for a in others
        )
    if others and _OTHER_KEPT.match(said[kept.start() :]):
        return True  # "yes, cancel it - I'll keep the other one"
    named = {d.exact.weekday() if d.exact else -1 for d in near} | {
        WEEKDAY_WORDS.index(w.removesuffix("s"))
        for w in words[max(0, at - 5) : at + 5]
        if w.removesuffix("s") in WEEKDAY_WORDS
    }
    held = {a.day.weekday() for a in others} - {proposal.day.weekday()}
    dated = {a.day for a in others}
    # (not "yes, cancel it, oh leave it, I'll come Friday instead": no other appointment named)
    return bool(named) and named <= held and all(not d.exact or d.exact in dated for d in near)


_TAKE_BACK: Final = re.compile(r"\b(?:wait|hang on|hold on|actually|scratch that)\b")


def _other_kept_first(s: DialogueState, proposal: Proposal, u: Understanding) -> str | None:
    """Another of the caller's appointments said to stay, then a yes to cancelling the one read
    back ("just the 18th - tomorrow's fine, I'm keeping that. Yes, cancel the 18th", "I'll
    keep Tuesday's. Yes please, the 4th can go"): the day the keep is said of (the nearest
    named before it, or the first after it in its clause) is another appointment held, not the
    one read back, and a firm yes follows in a clause of its own with nothing kept or taken
    back. Returns the words after the keep's clause (None: not this)."""
    if (
        proposal.action != "cancel"
        or proposal.also
        or proposal.more
        or proposal.day is None
        or not u.yes
        or u.no
    ):
        return None
    toks = u.tokens
    keep = next((i for i, t in enumerate(toks) if t.text in ("keep", "keeping")), None)
    if keep is None:
        return None
    end = next((i for i in range(keep + 1, len(toks)) if toks[i].breaks_before), None)
    if end is None:
        return None
    rest = " ".join(t.text for t in toks[end:])
    if not _FIRM_YES.search(rest) or _KEEP_ANOTHER.search(rest) or _TAKE_BACK.search(rest):
        return None
    dated = [d for d in u.days if d.dates and not d.negated]
    after = [d for d in dated if keep < d.start < end]
    before = [d for d in dated if keep - 6 <= d.start < keep]
    said_of = after[0] if after else (before[-1] if before else None)
    if said_of is None or len(said_of.dates) != 1 or proposal.day in said_of.dates:
        return None
    others = {a.day for a in s.upcoming() if a.code != proposal.code}
    if said_of.dates[0] not in others:
        return None
    return rest


def _kept_after_all(proposal: Proposal, u: Understanding, said: str) -> bool:
    """A cancellation agreed to and taken back in the same line, the one read back kept ("yes
    - oh wait, keep it", "yes cancel it, hang on, leave the Tuesday one"): after the words
    taking it back, a word keeping it names it ("it", "that") or its day, and no cancel."""
    if (
        proposal.action != "cancel"
        or proposal.also
        or proposal.more
        or proposal.day is None
        or u.task in ("reschedule", "book")
        # (not "no, not this Friday's. The 18th. Keep this week's": another one named)
        or any(d.dates and not d.negated and proposal.day not in d.dates for d in u.days)
    ):
        return False
    back = next(reversed(list(_TAKE_BACK.finditer(said))), None)
    if back is None:
        return False
    tail = said[back.end() :]
    kept = _KEEP_THAT.search(tail)
    if (
        kept is None
        or _CANCEL_WORD.search(tail, 0, kept.start())
        # (not "yes cancel it, actually I hate to leave it so late": the keep word said of
        # something else)
        or re.search(r"\bto\s*$", tail[: kept.start()])
    ):
        return False
    if re.match(r"\s*(?:it|that|this|that one|this one)\b", tail[kept.end() :]):
        return True
    at = len(said[: back.end() + kept.end()].split())
    return any(proposal.day in d.dates for d in u.days if at <= d.start <= at + 3)


def _keeps_the_one_read_back(proposal: Proposal, u: Understanding, said: str) -> bool:
    """A no to a cancellation that keeps the very appointment read back: every day and time
    said is that appointment's ("no, no - keep the 11th!", "no, leave Friday's at 10")."""
    if proposal.action != "cancel" or proposal.also or proposal.more or proposal.day is None:
        return False
    kept = _KEEP_THAT.search(said) if u.no else None
    if kept is None or _CANCEL_WORD.search(said, kept.end()):
        return False
    # the day said just after the word that keeps (others may be what the call was about:
    # "keep the 7th, I only rang about missing Friday")
    start = len(said[: kept.start()].split())
    if any(
        d.dates and not d.negated and d.start < start and proposal.day not in d.dates
        for d in u.days
    ):
        return False  # "no, not this Friday's. The 18th. Keep this week's": another named
    near = range(start, start + 6)
    days = [d for d in u.days if d.dates and not d.negated and d.start in near]
    if any(proposal.day not in d.dates for d in days):
        return False
    return all(t.at is None or t.at == proposal.at for t in u.times if t.start in near)


_TASK_OF: Final[dict[str, Task]] = {"book": "book", "reschedule": "reschedule", "cancel": "cancel"}


_PUT_OTHERWISE: Final = re.compile(
    r"\b(?:but|instead|make|swap|switch|change|rather|other way|not|except|only|just)\b"
)


def _both_said_back(proposal: Proposal, u: Understanding, said: str) -> bool:
    """A yes to one question naming several changes (``Proposal.more``) that says their
    days and hours again, every hour one of those read back ("yes, both of them, Friday at
    two and three"): the changes as read, nothing put right."""
    if not proposal.more or not u.yes or u.no or u.correction or _PUT_OTHERWISE.search(said):
        return False
    changes = [proposal, *proposal.more]
    hours = {c.at for c in changes if c.at is not None}
    days = {c.day for c in changes if c.day is not None}
    said_hours = {t.at for t in u.times if t.at is not None and not t.negated}
    if len(said_hours) < 2 or said_hours != hours or u.day_shift is not None:
        return False
    if any(t.at is None and not t.same for t in u.times):
        return False
    return all(set(d.dates) <= days for d in u.days if not d.negated)


def _one_of_two_changes(s: DialogueState, proposal: Proposal, u: Understanding) -> Proposal | None:
    """The one of the changes one question named (``Proposal.more``) that the caller's days
    name: its appointment's day, or the day a move takes it to; None unless exactly one."""
    changes = [dataclasses.replace(proposal, more=()), *proposal.more]
    codes = [c.code for c in changes if c.code is not None]
    held = {a.code for a in _held_named(s, u, codes)}
    said = {d for w in u.days if not w.negated and not w.same for d in w.dates}
    named = [
        c
        for c in changes
        if c.code in held
        or (c.action in ("reschedule", "book") and c.day is not None and c.day in said)
    ]
    if len(named) != 1:
        return None
    return dataclasses.replace(named[0], more=())


def _held_named(s: DialogueState, u: Understanding, codes: Collection[str]) -> list[Appt]:
    """The caller's appointments among ``codes`` that the days said name (a weekday said
    alone names the held one on that weekday, however far ahead)."""
    said = [d for d in u.days if d.dates and not d.negated and not d.same]
    named: list[Appt] = []
    for a in s.upcoming():
        if a.code not in codes:
            continue
        for d in said:
            exact = d.dates[0] if len(d.dates) == 1 else None
            if a.day in d.dates or (
                d.from_weekday and exact is not None and exact.weekday() == a.day.weekday()
            ):
                named.append(a)
                break
    return named


def _some_of_all_named(s: DialogueState, u: Understanding) -> bool:
    """A reply to "shall I cancel all three of your appointments, ...?" that names some of
    them: "yes, but not the Thursday one", "keep the Thursday", "actually just the Tuesday
    one". Nothing is cancelled on it: the ones it leaves to go (those named, or all but those
    kept) are asked about again, in one question; a line naming every one is no such reply."""
    proposal = s.proposal
    assert proposal is not None
    covered = (proposal.code, *proposal.also)
    words = [t.text for t in u.tokens]
    named: list[str] = []
    kept: set[str] = set()
    for d in u.days:
        if not d.dates or d.same:
            continue
        these = [
            a.code
            for a in s.upcoming()
            if a.code in covered
            and (
                a.day in d.dates
                or (
                    d.from_weekday and len(d.dates) == 1 and d.dates[0].weekday() == a.day.weekday()
                )
            )
        ]
        named += [c for c in these if c not in named]
        if d.negated or any(w in _KEEP_WORDS for w in words[max(0, d.start - 4) : d.start]):
            kept |= set(these)
    if not named or len(named) == len(covered):
        return False
    going = [c for c in named if c not in kept]
    if not going:
        going = [c for c in covered if c is not None and c not in kept]
    s.follow_ups = [f for f in s.follow_ups if not (f.task == "cancel" and f.target in covered)]
    s.proposal = None
    s.progressed = True
    s.kept_now = True  # the days said named them; none is asked for
    if not going:
        _drop_task(s, "Okay, I'll keep your appointments as they are.", follow_ups=False)
        return True
    s.target = going[0]
    s.follow_ups[0:0] = [FollowUp("cancel", c) for c in going[1:]]
    return True


_KEEP_WORDS: Final = frozenset(
    {"not", "keep", "leave", "except", "apart", "save", "dont", "don't", "but"}
)
"""Said just before a day in a reply to "cancel all of them?": that one stays."""


def _one_of_those_named(
    s: DialogueState, proposal: Proposal, u: Understanding, *, yes: bool
) -> bool:
    """A cancellation's answer that names one appointment: "that's it, yes, the Tuesday" to
    "shall I cancel both, Tuesday's and Thursday's?" cancels only the Tuesday one (the other
    stays, and is not asked about again); "yes, the Friday one" to "shall I cancel Thursday's?"
    is about the Friday one, which is asked about instead (nothing is cancelled on it)."""
    covered = (proposal.code, *proposal.also) if proposal.code else proposal.also
    if proposal.also:
        named = _held_named(s, u, covered)
        if len(named) != 1 or not (yes or _firm_yes(u)):
            return False
        if len(_held_named(s, u, [a.code for a in s.upcoming()])) > 1:
            return False  # "yes, the 15th and the 22nd" to "the 1st and the 22nd?": not a yes
        kept = set(covered) - {named[0].code}
        s.follow_ups = [f for f in s.follow_ups if not (f.task == "cancel" and f.target in kept)]
        s.accepted = Proposal("cancel", named[0].day, named[0].start, named[0].code)
        s.proposal = None
        s.progressed = True
        return True
    held = [a.code for a in s.upcoming() if a.code not in covered]
    named = _held_named(s, u, held)
    if len(named) != 1 or _held_named(s, u, covered):
        return False
    return _cancel_asked_of(s, named[0].code)


def _cancel_put_right(s: DialogueState, proposal: Proposal, u: Understanding) -> bool:
    """ "Oh no, not the Tuesday - it's the Wednesday I can't do" to "shall I cancel Tuesday's?":
    the other appointment held that the caller cannot make is the one to cancel (asked about
    instead; nothing is cancelled on it)."""
    if proposal.also or u.yes or not (u.no or u.correction) or not u.cant_make:
        return False
    said = [d for m in u.days for d in m.dates if len(m.dates) == 1]
    named = [
        a
        for a in s.upcoming()
        if a.code != proposal.code
        and a.day != proposal.day
        and any(a.day == d or (d.weekday() == a.day.weekday()) for d in said)
    ]
    if len(named) != 1:
        return False
    return _cancel_asked_of(s, named[0].code)


def _cancel_asked_of(s: DialogueState, code: str) -> bool:
    """The appointment ``code`` is the one to ask about cancelling (its own follow-up dropped):
    asked, nothing cancelled on it."""
    s.target = code
    s.follow_ups = [f for f in s.follow_ups if not (f.task == "cancel" and f.target == code)]
    s.proposal = None
    s.progressed = True
    return True


_CONDITION: Final = re.compile(
    r"\b(?:as long as|so long as|provided|providing|only if|on condition)\b"
    r"|\bif (?:it s|its|it is|it|that s|thats|that is|thatll be|it ll be|itll be|we)\b"
)
"""A yes made on a condition ("yeah as long as that's tomorrow", "ok if it's the morning
one", "fine provided it's still with the same doctor")."""
_UNCHECKABLE: Final = frozenset({"named_doctor"})
"""Conditions the slot proposed says nothing about (which doctor the caller will see)."""


_CANCEL_WORDS: Final = frozenset({"cancel", "cancelled", "canceled", "scrap", "drop"})
_NOT_BEFORE: Final = frozenset({"dont", "not", "never", "no"})


_ONLY_THAT_ONE: Final = re.compile(
    r"^(?!.*\b(?:keep|keeping|leave|stay|stays|fine|still|can|manage|make|do|dont|not|ok for)\b)"
    r".*(?:\b(?:just|only)\b|\bone then\b|\bs then\b)"
)
"""With no cancel word, a day said to "shall I cancel both ...?" as the only one meant ("just
the Monday one actually", "okay the Monday one then", "no, only Monday's") - not one kept ("the
Monday one I can still do", "just leave Monday's")."""


def _one_of_both_named(s: DialogueState, proposal: Proposal, u: Understanding) -> Appt | None:
    """Of the two appointments a "cancel both" question named, the one the caller now says
    to cancel on its own ("just cancel Tuesday", "cancel the Friday one only"): the only one
    of the two whose day is said after the last cancel word (not "don't cancel Tuesday")."""
    held = {a.code: a for a in s.upcoming()}
    pair = [held[c] for c in (proposal.code, *proposal.also) if c in held]
    if len(pair) != 2:
        return None
    words = [t.text for t in u.tokens]
    verbs = [i for i, w in enumerate(words) if w in _CANCEL_WORDS]
    if verbs and verbs[-1] > 0 and words[verbs[-1] - 1] in _NOT_BEFORE:
        return None
    if not verbs and not _ONLY_THAT_ONE.search(" ".join(words)):
        return None
    after = verbs[-1] if verbs else -1
    named = {a.code for d in u.days if d.start > after for a in pair if a.day in d.dates}
    if len(named) != 1 or re.search(r"\b(?:both|all|them|each)\b", " ".join(words)):
        return None
    return held[named.pop()]


def _conditional_yes(s: DialogueState, proposal: Proposal, u: Understanding) -> bool:
    """A yes with a condition to "Shall I book (move to) Thursday at 10?": the condition is
    checked against that day and time before anything changes. Met: the yes stands, and the
    reply says the condition holds ("Yes, 10 AM is in the morning."). Not met: said so, and
    what the condition asks for is looked for instead (nothing is booked). One the slot says
    nothing about (the same doctor): answered, and the question asked again."""
    said = " ".join(t.text for t in u.tokens)
    if (
        not u.yes
        or u.no
        or proposal.action == "cancel"
        or proposal.day is None
        or proposal.at is None
        or not _CONDITION.search(said)
        or _IF_ANOTHER.search(said)  # "if you've got anything later, I'll take it": another
    ):
        return False
    day, at = proposal.day, proposal.at
    if u.questions & _UNCHECKABLE:
        # answered (policy), and asked again: the yes waited on something this can't promise
        # ("as the same doctor as last time": no time asked for)
        s.heard = _without_when(u)
        s.proposal = None
        s.progressed = True
        return True
    said_time = u.when.time
    days = [d for d in u.days if d.dates and not d.same]
    if said_time is None and not days:
        return False  # "yes, if that's ok": no condition on the slot
    unmet: list[str] = []
    met: list[str] = []
    if said_time is not None and said_time.window is not None:
        lo, hi = said_time.window
        part = _part_of_day(at)
        if lo <= at < hi:
            met.append(f"{say_time(at)} is {part}" if _window_is(lo, hi, part) else "")
        else:
            unmet.append(f"{say_time(at)} is {part}")
    elif said_time is not None and said_time.at is not None and said_time.at != at:
        return False  # another time named: read as it is asked for
    for d in days:
        inside = day in d.dates
        if inside == d.negated:
            unmet.append(f"that one is on {say_date(day)}")
        else:
            met.append("that's tomorrow" if day == s.today + timedelta(days=1) else "")
    if not unmet:
        words = [m for m in met if m]
        if words:
            s.condition_checked = f"Yes, {' and '.join(dict.fromkeys(words))}."
        s.accepted = proposal
        s.proposal = None
        if proposal.action == "book" and s.task in (None, "availability"):
            s.task = "book"
        s.heard = _without_when(u)
        s.progressed = True
        return True
    s.notes.append(f"Sorry, {' and '.join(dict.fromkeys(unmet))}.")
    s.request.rejected.add((day, at))
    s.request.at = None
    s.request.earliest = s.request.latest = s.request.soonest = False
    if said_time is not None and said_time.window is not None:
        s.request.window = said_time.window
    else:
        s.request.at = at  # "as long as it's tomorrow": the same time, on the day it must be
    wanted = [d for d in days if not d.negated]
    if wanted:
        s.request.days = wanted[0].dates
    elif days:
        s.request.rejected_days.update(x for d in days for x in d.dates)
    s.proposal = None
    s.progressed = True
    return True


def _part_of_day(at: time) -> str:
    return "in the morning" if at < time(12) else "in the afternoon"


def _window_is(lo: time, hi: time, part: str) -> bool:
    """Whether a window said is the part of the day named (not "before 11", which a time
    inside the morning may yet miss)."""
    if part == "in the morning":
        return hi <= time(12)
    return lo >= time(12)


_THE_OFFER: Final = re.compile(
    r"\b(?:that one|(?:the one|the time|the slot|what) you (?:just )?(?:said|offered|mentioned"
    r"|gave me|suggested)|the one just said"
    r"|(?:after|than|from) that(?! (?:appointment|booking|visit)\b))\b"
)
"""The time just offered pointed at: "a week after that one", "the one you just said"."""
_WEEK_ON: Final = re.compile(r"\b(?:but |only |just )?the (week|fortnight) after\b(?! next\b)")
"""A week (a fortnight) on from what was pointed at: "the one you said but the week after"."""


def _shifted_offer(s: DialogueState, proposal: Proposal, u: Understanding) -> bool:
    """ "Same thing but a week later?", "could you do that a day later?" to "Shall I book
    Wednesday at 3?": the day moved by that much from the one offered, at its time (a time
    said with it wins); a day said beside it ("tomorrow's getting busy") is the reason. To a
    move offered, only when the words point at the offer ("a week after that one", "the one
    you just said but the week after"): a bare "a week later" may be the one held moved."""
    said = " ".join(t.text for t in u.tokens)
    shift = u.day_shift
    pointed = proposal.action == "reschedule" and _THE_OFFER.search(said) is not None
    if shift is None and pointed:
        week = _WEEK_ON.search(said)
        shift = None if week is None else (14 if week.group(1) == "fortnight" else 7)
    if (
        proposal.action not in ("book", "reschedule")
        or (proposal.action == "reschedule" and not pointed)
        or proposal.day is None
        or proposal.at is None
        or shift is None
        or u.task not in (None, "availability", "book", "reschedule")
        or (proposal.action == "book" and u.task == "reschedule")
        or any(not d.negated and d.dates and proposal.day not in d.dates for d in u.days)
    ):
        return False
    explicit = u.when.time.at if u.when.time is not None else None
    asked = s.request.at
    if (
        explicit is None
        and u.when.time is not None
        and u.when.time.same
        and proposal.action == "book"
        and asked is not None
        and asked != proposal.at
        and s.request.days == (proposal.day,)
    ):
        # "same time the week after, then?" to "11 is taken; I have 10 or noon. Shall I book
        # 10?": the time they asked for, not the one offered instead
        explicit = asked
    offered = (proposal.day, proposal.at)
    _ask_instead_of(s, offered, u, shifted_day(proposal.day, shift), explicit or proposal.at)
    return True


def _ask_instead_of(
    s: DialogueState, offered: tuple[date, time], u: Understanding, day: date, at: time
) -> None:
    """The day and time asked in place of the one ``offered`` (which is turned down), the
    request's other limits dropped: they were for the offer."""
    s.request.rejected.add(offered)
    s.request.days = (day,)
    s.request.at = at
    s.request.same_time = False  # ("Friday, same time" before it: that hour is moved now)
    s.request.window = None
    s.request.earliest = s.request.latest = s.request.soonest = False
    s.request.shift_days = s.request.shift_minutes = None
    s.heard = _without_when(u)
    s.proposal = None
    s.progressed = True


def _hours_from_offer(s: DialogueState, proposal: Proposal, u: Understanding) -> bool:
    """ "An hour later than that would be better", "two hours after that one" to "Shall I
    book Monday at 9?": the time offered moved by that much, the same day (to a move offered,
    only with the words pointing at the offer: "an hour later" may be the one held moved)."""
    said = " ".join(t.text for t in u.tokens)
    shift = u.when.time.shift_minutes if u.when.time is not None else None
    if (
        shift is None
        or proposal.action not in ("book", "reschedule")
        or proposal.day is None
        or proposal.at is None
        or u.day_shift is not None
        or u.when.day is not None
        or _THE_OFFER.search(said) is None
        or u.task not in (None, "availability", "book", "reschedule")
        or (proposal.action == "book" and u.task == "reschedule")
    ):
        return False
    moved = datetime.combine(proposal.day, proposal.at) + timedelta(minutes=shift)
    if moved.date() != proposal.day:
        return False
    _ask_instead_of(s, (proposal.day, proposal.at), u, proposal.day, moved.time())
    return True


_BESIDE_IT: Final = re.compile(
    r"\b(?:anything|something|any time|a time|one|slot)\b(?: [a-z]+){0,3}? "
    r"(?:earlier|later|sooner)\b"
)


def _other_time_asked(
    s: DialogueState, proposal: Proposal, u: Understanding, *, yes: bool, new_details: bool
) -> bool:
    """ "Anything earlier?", "and later?" to "Shall I book Friday at noon?": that time is not
    taken; the times before (or after) it on the same day are looked for instead."""
    text = " ".join(t.text for t in u.tokens)
    if (
        yes
        or u.no
        or new_details
        or u.task not in (None, "availability", "book")
        or proposal.action not in ("book", "reschedule")
        or proposal.day is None
        or proposal.at is None
        or not (_OTHER_TIMES.search(text) or _BESIDE_IT.search(text))
    ):
        return False
    later = re.search(r"\blater\b", text) is not None
    earlier = re.search(r"\b(?:earlier|sooner)\b", text) is not None
    if later == earlier:
        return False
    free = s.availability.get(proposal.day)
    if free is not None and not [
        t for t in free if (t > proposal.at if later else t < proposal.at)
    ]:
        # "is there anything earlier than that?" to the first free time of the day: there is
        # none that day, said plainly; the time proposed still stands (not the day's last)
        edge = "latest" if later else "earliest"
        s.notes.append(f"{say_time(proposal.at)} is the {edge} I have on {say_date(proposal.day)}.")
        s.progressed = True
        return True
    # "a bit later than that?": the nearest time after it, proposed; the nearest before it
    # first ("anything earlier than one?" offers noon)
    _aim_beside(s, proposal.day, proposal.at, later, nearest=_A_LITTLE.search(text) is not None)
    s.proposal = None
    s.progressed = True
    return True


def _aim_beside(s: DialogueState, day: date, at: time, later: bool, *, nearest: bool) -> None:
    """The request turned to the times after (before) ``at`` on ``day``, that time refused:
    after it the first free (``nearest``) or any; before it the nearest."""
    s.request.rejected.add((day, at))
    s.request.days = (day,)
    s.request.at = None
    s.request.earliest = s.request.latest = s.request.soonest = False
    s.request.shift_days = None
    if later:
        s.request.window = (time(at.hour + 1, 0), time(23, 59))
        s.request.earliest = nearest
    else:
        s.request.window = (time(0, 0), at)
        s.request.latest = True


_A_LITTLE: Final = re.compile(r"\b(?:bit|little|tad|slightly|touch)\b")


_BEYOND: Final = re.compile(
    r"\b(?:something|anything|any|nothing)(?: \w+)? (?:earlier|later)\b"
    r"|\b(?:earlier|later) (?:in|on) the (?:day|morning|afternoon)\b"
    r"|\b(?:something|anything|nothing) (?:before|after) (?:that|then|it)\b"
)
"""Times beyond the ones offered ("anything earlier?", "earlier in the day"), not one of them
("the earlier one")."""


_NEIGHBOUR: Final = re.compile(
    r"\b(?:the |a |that )?(?:one|slot|time|appointment)"
    r" (?:just |right |straight |immediately |directly )?(?P<side>after|before)"
    r"(?: (?:that|it|this|then)(?: one)?)?(?! (?:the other|my other|mine|the \w+ one)\b)"
    r"(?! (?:lunch|work|school)\b)"
    r"|\b(?P<next>the next one)(?: (?:along|up|after that|after it))?\b(?! (?:day|week)\b)"
)
"""The slot next to the one proposed ("what's the one just before that?", "the one after",
"I'll take the one after", "the next one along"): the nearest free time on that side of it,
that day (not "the one after mine", said of the appointment held)."""
_LEADING_ACK: Final = re.compile(r"^\W*(?:(?:ok|okay|right|alright|oh|ah|hmm|so|and)\W+)+")


def _neighbour_asked(s: DialogueState, u: Understanding, p: Proposal) -> bool:
    """ "Ok and the one after that - is that free?", "what's the one just before it?" to
    "Shall I book Monday at 9?" (a leading "ok" only acknowledging): the nearest time after
    (before) the one proposed, that day, proposed instead."""
    words = " ".join(t.text for t in u.tokens)
    m = _NEIGHBOUR.search(words)
    said = u.when.time
    if m is None or u.no or p.day is None or p.at is None:
        return False
    after_it = said is not None and said.window is not None and said.window[0] == _hour_after(p.at)
    if said is not None and _named_beside(u, said, len(words[: m.end()].split())):
        return False  # "the one just before it, the ten o'clock": the hour said is the one meant
    if said is not None and not after_it and (said.at != p.at or said.window is not None):
        # (the time proposed may be said, as the reason: "nine's a bit early", or as what it
        # is beside: "is there one after two?" to 2 PM)
        return False
    if u.when.day is not None and u.when.day.dates != (p.day,):
        return False
    if u.yes and acts.YES.search(_LEADING_ACK.sub(" ", words)):
        return False
    later = m.group("next") is not None or m.group("side") == "after"
    asked = s.request.at
    if later and asked is not None and asked < p.at and (p.day, asked) not in s.request.rejected:
        # "Sorry, 9 is taken ... Shall I book 10?" - "the next one after it then": "it" is
        # the 9 asked for, and the next one after it is the 10 proposed, not 11
        return False
    if (
        not later
        and asked is not None
        and asked > p.at
        and (p.day, asked) not in s.request.rejected
        and not any(t for d, t in s.request.rejected if d == p.day and p.at < t < asked)
    ):
        # "Sorry, 3 is taken ... Shall I move it to 2?" - "the one before it then, two
        # o'clock": "it" is the 3 asked for, and the one before it is the 2 proposed, not 1
        return False
    _aim_beside(s, p.day, p.at, later, nearest=True)
    s.heard = dataclasses.replace(_without_when(u), task=None)
    s.proposal = None
    s.progressed = True
    return True


def _named_beside(u: Understanding, said: TimeMention, end: int) -> bool:
    """Whether a time is said as "the ten o'clock" right after the words for a slot beside
    ("the one before it then, the ten o'clock"): the slot the caller means, named."""
    tokens = u.tokens
    return (
        said.at is not None
        and 0 < said.start - end <= 2
        and tokens[said.start - 1].text == "the"
        and all(t.text in ("then", "the", "so", "i", "mean") for t in tokens[end : said.start])
    )


def _beyond_proposed(s: DialogueState, u: Understanding) -> bool:
    """ "Anything earlier that day?", "nothing after that?" to "Shall I book Friday at 2 PM?":
    the times before (after) the one proposed, that day, as for the times offered."""
    p = s.proposal
    if s.offered or p is None or p.action not in ("book", "reschedule") or p.at is None:
        return False
    if p.day is None or u.yes or u.no:
        return False
    s.offered = ((p.day, p.at),)
    if _beyond_offered(s, u):
        return True
    s.offered = ()
    return False


def _beyond_offered(s: DialogueState, u: Understanding) -> bool:
    """ "Unless you've got something earlier in the day?" to "On Friday I have noon, 1, 2 or
    3 PM. Which would you prefer?": none of those; the nearest time before the first (after
    the last) on that day is looked for."""
    days = {d for d, _ in s.offered}
    words = " ".join(t.text for t in u.tokens)
    beyond = _BEYOND.search(words)
    nearby = u.nearby if u.ordinal is None else None
    if beyond is not None:
        nearby = "later" if re.search(r"\b(?:later|after)\b", beyond.group()) else "earlier"
    said_day = u.when.day
    if (
        nearby not in ("earlier", "later")
        or len(days) != 1
        or u.when.time is not None
        # ("earlier that day": the day offered, said again)
        or (said_day is not None and said_day.dates != tuple(days))
        or u.task not in (None, "availability", "book", "reschedule")
    ):
        return False
    (day,) = days
    times = sorted(t for _, t in s.offered)
    s.request.rejected.update(s.offered)
    s.request.days = (day,)
    s.request.at = None
    s.request.earliest = s.request.latest = s.request.soonest = False
    s.request.shift_days = None
    if nearby == "later":
        s.request.window = (time(times[-1].hour + 1, 0), time(23, 59))
        # "a bit later than that?" to the one time offered: the nearest after it, proposed
        s.request.earliest = len(times) == 1 and _A_LITTLE.search(words) is not None
    else:
        s.request.window = (time(0, 0), times[0])
        s.request.latest = True
    s.proposal = None
    s.progressed = True
    return True


_OPTIONS: Final = re.compile(
    r"\bwhat else\b(?! (?:do you need|can i|should i|would you|shall i))"
    r"|\bwhat other (?:times?|slots?|days?|ones?|options?|openings?)\b"
    r"|\b(?:what|which) (?:are|were|is|s)? ?(?:my|the|our) (?:options|choices|alternatives)\b"
    r"|\bwhats? (?:are )?(?:my|the) (?:options|choices)\b"
    r"|\b(?:is that|is it|thats|was that) (?:all|it|the only (?:one|time|slot|opening))"
    r"(?: (?:you have|you ve got|youve got|you got|there is|theres|that day))?\W*$"
    r"|\bany (?:other|more) (?:times?|options|slots?|ones?|openings?)\b"
    r"|\bwhat (?:have you got|do you have|you got|you have|is there|s there|theres)\W*$"
    r"|\bwhats (?:free|available|open|there)\W*$"
    r"|\bwhat (?:times|slots) (?:do you have|have you got|are there|are free|are available)\b"
)
"""A question for the choice, to a proposal ("what else have you got?", "what are my options?",
"is that the only one?"): an answer to it, the other free times that day."""


_ONE_BEFORE: Final = frozenset({"only", "the", "that", "this", "other", "another", "which", "each"})


def _pronoun(words: list[str], t: TimeMention) -> bool:
    """Whether a time heard is the word "one" standing for a slot ("is that the only one",
    "one at ten and one at eleven"), not one o'clock."""
    if t.end - t.start != 1 or words[t.start] not in ("one", "1"):
        return False
    before = words[t.start - 1] if t.start > 0 else ""
    after = words[t.start + 1] if t.start + 1 < len(words) else ""
    return before in _ONE_BEFORE or after == "at"


def _options_asked(s: DialogueState, proposal: Proposal, u: Understanding) -> bool:
    """ "What else is there?" to "Shall I book Monday at 9?": no yes, no no, no new day or time;
    the other free times that day are read out (and no "sorry", it was heard)."""
    if (
        proposal.action not in ("book", "reschedule")
        or proposal.day is None
        or proposal.at is None
        or u.when.day is not None
        or any(not _pronoun([w.text for w in u.tokens], t) for t in u.times)
        or u.day_shift is not None
        or u.phone is not None
        or u.task not in (None, "availability", "book")
        or _firm_yes(u)
        or not _OPTIONS.search(" ".join(t.text for t in u.tokens))
    ):
        return False
    s.request.rejected.add((proposal.day, proposal.at))
    s.request.rejected.update(s.offered)
    s.request.days = (proposal.day,)
    s.request.at = s.request.window = None
    s.request.earliest = s.request.latest = s.request.soonest = False
    s.request.same_time = False
    s.request.shift_minutes = s.request.shift_days = None
    s.proposal = None
    s.progressed = True
    s.heard = _without_when(u)  # (the "one" of "the only one" is no time)
    return True


def _only_left_as_it_is(u: Understanding) -> bool:
    """A "leave it as it is" with no other no, thanks or goodbye in it."""
    line = " ".join(t.text for t in u.tokens)
    kept = _LEFT_AS_IT_IS.search(line) or _KEEPS_HELD.search(line)
    if not kept or u.thanks or u.end:
        return False
    rest = _KEEPS_HELD.sub(" ", _LEFT_AS_IT_IS.sub(" ", line))
    rest = re.sub(r"\bno (?:worries|problem)\b", " ", rest)
    return not re.search(r"\b(?:no|nope|nah|nothing|thats (?:it|all)|bye|goodbye)\b", rest)


def _keeps_held(s: DialogueState, u: Understanding) -> bool:
    """ "I'll stick with my Monday one", "I'll hang on to the Monday appointment": a held
    appointment, named by its day (or time), kept; nothing else asked or said."""
    if u.phone is not None or u.name is not None or u.code is not None or u.ordinal is not None:
        return False
    when = u.when
    if when.empty or when.rejected_days or when.windows or u.day_shift is not None:
        return False
    day = when.day.exact if when.day is not None else None
    at = when.time.at if when.time is not None else None
    if (when.day is not None and day is None) or (when.time is not None and at is None):
        return False
    held = [
        a for a in s.upcoming() if (day is None or a.day == day) and (at is None or a.start == at)
    ]
    return bool(held) and _only_left_as_it_is(u)


_KEEP_AS_IS: Final = re.compile(
    r"\b(?:dont|do not|no need to|no dont) (?:move|change|reschedule) (?:it|that|anything|my)\b"
    r"|\b(?:keep|leave) it\b(?! (?:at|on|for|to|till|until|the same|same|but|in|after|before))"
    r"|\bi(?:ll| ll| will) (?:still )?(?:be|get) there\b"
    # "forget it, I'll keep what I've got", "I'll stick with the one I have"
    r"|\b(?:keep|stick with|stay with|hang on to) (?:what|the one|the slot|the time) i"
    r"(?:ve| ve| have)?(?: already)?(?: got| have)?\b"
    r"|\b(?:keep|stick with) (?:my|the) (?:original|current|old|existing|usual)"
    r"(?: one| appointment| time| slot| booking)?\b"
)
"""A move not wanted after all: the appointment kept where it is."""
_LEFT_AS_IT_IS: Final = re.compile(
    r"\b(?:leave|keep) (?:it|that|them|my appointment|the appointment)"
    r" (?:as it is|where it is|as is|how it is|then|for now|alone)\b"
    r"|^(?:(?:ok|okay|oh|no|well|right)\s+)*(?:no worries\s+)?(?:just )?(?:leave|keep) it\W*$"
    # "never mind, don't change anything, I'll manage ten": kept, the time held put up with
    r"|\bdont (?:change|move|touch) (?:anything|a thing|it)\b"
    r"|\bi(?:ll| ll| will) (?:just )?(?:manage|make do|live with)\b(?: (?:with )?[a-z0-9]+)?\W*$"
)
"""A move turned down by keeping the appointment where it is."""
_KEEPS_HELD: Final = re.compile(
    r"\bi(?:ll| ll| will)? (?:just |still )?(?:keep|stick with|stay with|hang on to) (?:the |my )?"
    r"(?:it|that|this one|(?:mon|tues|wednes|thurs|fri|satur)day(?: s)?(?: one| appointment)?"
    r"|appointment|one|original|booking)(?: then| as it is| for now| after all)*\W*$"
)
"""The appointment kept, said last: "never mind, I'll keep Monday then", "I'll stick with my
Thursday one"."""
_CANCEL_IT: Final = re.compile(
    r"(?:^|\b(?:ok|okay|right|fine|alright|then|so|just)\s+)cancel (?:it|that|that one"
    r"|this one)(?: then| please| for me)*\W*$"
)
"""A cancellation read back and asked for again in the caller's words ("okay, cancel it then")."""
_KEPT: Final = re.compile(
    r"\b(?:is|s|its|thats|it) still (?:on|booked|there|happening|going ahead|standing)\b"
    r"|\b(?:im|i am|i m) still (?:booked|down|on)\b"
    r"|\bi(?:ll| ll| will)? keep (?:it|that|this|the|my)\b"
    r"|\bkeeping (?:it|that|this|the|my)\b"
)
"""The appointment read back for cancelling said to stand ("so the 17th is still on")."""
_FIRM_YES = re.compile(
    r"\b(?:yes|yeah|yep|yup|yea|sure|please|book|works|sounds|perfect|great|fine|lovely|good"
    r"|go ahead|do it|take it|ill take|i ll take|correct|absolutely|definitely|brilliant"
    r"|excellent|aye|grand|suits)\b"
)
"""Words that say yes outright, beside the acknowledgements ("right", "of course", "okay")
that only say the caller heard."""


_ALL_DONE: Final = re.compile(r"\b(?:thats|that is) (?:all|everything)\b|\bnothing else\b")
_SAYS_YES: Final = re.compile(
    r"\b(?:yes|yeah|yep|yup|yea|sure|please|book|works|sounds|go ahead|do it|take it|ill take"
    r"|i ll take|correct|absolutely|definitely|suits)\b"
)


def _pleased_sign_off(u: Understanding) -> bool:
    """Whether a goodbye's only yes words are a pleased acknowledgement ("great", "perfect",
    "lovely") beside "that's all" or "nothing else": the caller is done, not agreeing to the
    change proposed ("Great, thanks. That's all, bye", said to end a call whose request the
    recogniser heard as a booking, heard "great sunday is that's all fine": booked; whole
    recorded calls, the twenty-fourth round). Nothing changes without a clear yes: "yes
    please, that's all" and "great, book it, that's all" still accept, and "great, thank you,
    bye" (no "that's all") too."""
    line = " ".join(t.text for t in u.tokens)
    return _ALL_DONE.search(line) is not None and _SAYS_YES.search(line) is None


def _sums_up_other_days(s: DialogueState, proposal: Proposal, u: Understanding) -> bool:
    """Whether a goodbye names only days other than the one proposed (or the one being moved):
    "Right, so the Tuesday and then the one on the 16th. Lovely, ta. Bye." to "shall I book
    Monday at 9?" sums up what the caller holds, and agrees to nothing proposed."""
    if proposal.day is None:
        return False
    named = {m.dates[0] for m in u.days if len(m.dates) == 1 and m.dates[0].weekday() < 5}
    if not named:
        return False
    target = s.target_appt() if proposal.action == "reschedule" else None
    allowed = {proposal.day} | ({target.day} if target is not None else set())
    return not named & allowed


def _firm_yes(u: Understanding) -> bool:
    """Whether a yes is said outright: the plain words, or a yes in a register ("go on then",
    "say less", "please proceed"; acts.REGISTER_YES) - "Today? Blimey. Go on then, I'll be
    there" to the day proposed accepts it, the day said back in surprise."""
    line = " ".join(t.text for t in u.tokens)
    return u.yes and (
        _FIRM_YES.search(line) is not None or acts.REGISTER_YES.search(line) is not None
    )


def _names_another_slot(s: DialogueState, proposal: Proposal, u: Understanding) -> bool:
    """Whether the day or hour said is neither the one proposed nor (for a move) the
    appointment being moved."""
    target = s.target_appt() if proposal.action == "reschedule" else None
    day = u.when.day.exact if u.when.day is not None else None
    if day is not None and day != proposal.day and (target is None or day != target.day):
        return True
    at = u.when.time.at if u.when.time is not None else None
    if at is None or proposal.at is None:
        return False
    hours = {proposal.at.hour % 12} | ({target.start.hour % 12} if target is not None else set())
    return at.hour % 12 not in hours


def _picks_another(s: DialogueState, u: Understanding) -> bool:
    """Whether the caller chose one of the other offered times instead of the one proposed."""
    proposal = s.proposal
    if u.ordinal is not None:
        picked = _nth(_ordinal_pool(s, u), u.ordinal)
        # "yes please, the first one" to "I have 10 or 11. Shall I book 10?": a yes to 10
        return not (
            u.yes
            and proposal is not None
            and picked is not None
            and picked == (proposal.day, proposal.at)
        )
    if proposal is None or u.when.time is None or u.when.time.at is None:
        return False
    if _restates(proposal, u):
        # "Monday at nine then" to "I have 9, 10 or 11. Book 9?": a choice, confirmed next;
        # only a yes ("yes, nine is great") books it straight away
        return not u.yes
    at = u.when.time.at
    return any(
        t == at or (t.hour % 12 == at.hour % 12 and t.minute == at.minute) for _, t in s.offered
    )


_BACK_TO_SAID: Final = frozenset({"back", "said", "mentioned", "offered", "gave", "originally"})


def _back_to_offered_day(s: DialogueState, u: Understanding) -> bool:
    """ "Let's go back to the Tuesday one", "the Friday one you said before is fine" after
    other days' times were offered: the one time offered on that day earlier, asked for again
    (read back and confirmed like any other)."""
    day = u.when.day
    if (
        day is None
        or day.exact is None
        or u.when.time is not None
        or u.ordinal is not None
        or not _BACK_TO_SAID & {t.text for t in u.tokens}
        or any(d == day.exact for d, _ in s.offered)
        or (s.proposal is not None and s.proposal.day == day.exact)
    ):
        return False
    earlier = [
        o for o in dict.fromkeys((*s.offered_before, *s.proposed_before)) if o[0] == day.exact
    ]
    if len(earlier) != 1:
        return False
    s.request.days, s.request.at = (earlier[0][0],), earlier[0][1]
    s.request.window = None
    s.request.earliest = s.request.latest = s.request.soonest = False
    s.request.same_time = False
    s.request.shift_minutes = s.request.shift_days = None
    s.request.rejected.discard(earlier[0])
    s.progressed = True
    s.heard = _without_when(u)
    return True


def _ordinal_pool(s: DialogueState, u: Understanding) -> list[tuple[date, time]]:
    """What an ordinal counts in: the times just offered, or, for "go back to the first one
    you said" after later ones were asked for, every time offered for the task so far."""
    if s.offered_before and _BACK_TO_SAID & {t.text for t in u.tokens}:
        return list(s.offered_before)
    return list(s.offered)


def _nth(offered: list[tuple[date, time]], ordinal: int) -> tuple[date, time] | None:
    """The offered time an ordinal names: 1 the first, -1 the last; None past the list."""
    idx = ordinal - 1 if ordinal > 0 else len(offered) + ordinal
    return offered[idx] if 0 <= idx < len(offered) else None


_BOTH: Final = re.compile(r"\b(?:both|all|the two|each)\b")
_ONLY: Final = re.compile(r"\b(?:just|only)\b")


def _each_hour_said(proposal: Proposal, u: Understanding) -> bool:
    """Whether a line says back every hour of the bookings proposed together, and no other:
    with a yes, a yes to both; without one ("then 9 for me and 10 for her"), both are still the
    question (not the last hour said, asked alone)."""
    said = {t.at for t in u.times if t.at is not None and not t.negated}
    hours = {proposal.at, *(t for _, t in proposal.also_at)}
    days = {proposal.day, *(d for d, _ in proposal.also_at)}
    named_days = {d for m in u.days for d in m.dates}
    return (
        not u.no
        and u.task in (None, "book")
        and not u.correction
        and len(said) >= 2
        and said == hours
        and named_days <= days
    )


def _one_of_both_bookings(
    s: DialogueState, proposal: Proposal, u: Understanding, said: str
) -> Proposal:
    """ "9 is good", "just the Friday one" to "shall I book both, Friday at 9 and Friday at
    10?": a yes to the one named, not to both. The first named alone is the question now (the
    second asked about on its own after it, unless "just" that one); the second named alone
    is no yes to the first: nothing is taken."""
    if _BOTH.search(said) or u.when.empty:
        return proposal
    slots = [(proposal.day, proposal.at), *proposal.also_at]
    named = [
        (d, t)
        for d, t in slots
        if d is not None
        and t is not None
        and _restates(Proposal("book", d, t), dataclasses.replace(u, yes=True))
    ]
    if len(named) != 1:
        return proposal
    if named[0] != slots[0]:
        return proposal  # read as another time asked for: nothing taken
    one = dataclasses.replace(proposal, also_at=())
    if _ONLY.search(said):
        # "just the 9 o'clock": the other is not wanted
        s.follow_ups = [f for f in s.follow_ups if f.task != "book"]
    s.proposal = one
    return one


def _restates(proposal: Proposal, u: Understanding, *, held_day: date | None = None) -> bool:
    """Whether the day and time said are the ones proposed ("yes, the 3 o'clock"; "yes, 2
    o'clock, same day" to a move within ``held_day``, the day of the one moved)."""
    t = u.when.time
    d = u.when.day
    if d is not None and d.same and not d.dates and held_day is not None:
        if held_day != proposal.day:
            return False
        d = None
    if (
        _firm_yes(u)
        and t is not None
        and t.at is None
        and proposal.at is not None
        and _vague_fits(t, proposal.at)
    ):
        t = None  # "tomorrow first thing then, yes" to "shall I book tomorrow at 9?"
        if d is None:
            return True
    if (
        t is not None
        and (t.at is None or proposal.at is None or t.at != proposal.at)
        and not (
            # "yes, two" to "shall I book 2 PM?" (a bare hour read as AM or PM); not "yes,
            # half past two", another time (it was booked at 2 PM, the minutes said ignored)
            t.at is not None
            and proposal.at is not None
            and t.at.hour % 12 == proposal.at.hour % 12
            and t.at.minute == proposal.at.minute
        )
    ):
        return False
    if d is not None and (d.exact is None or d.exact != proposal.day):
        return False
    return t is not None or d is not None


def _vague_fits(t: TimeMention, at: time) -> bool:
    """Whether a time said without an hour ("first thing", "in the afternoon") fits the hour
    proposed: said back with a yes, it restates the proposal."""
    if t.negated or t.same or t.shift_minutes is not None:
        return False
    if t.window is not None:
        return t.window[0] <= at < t.window[1]
    # ("first thing" with a yes to a morning hour; "the latest you have" says nothing of
    # whether the hour proposed is the latest: it is asked for, not agreed to)
    return t.earliest and at.hour < 12


def _answer_choice(s: DialogueState, u: Understanding) -> None:
    offered = list(s.offered) or (_ordinal_pool(s, u) if u.ordinal is not None else [])
    if not offered:
        return
    if s.task == "availability" and u.phone is not None and not s.identity.identified:
        # "have you anything Thursday?", the times read out, then the caller's number: one of
        # them is to be booked (asked about by name once the account is found)
        s.task = "book"
    pool = _ordinal_pool(s, u) if u.ordinal is not None else offered
    said = u.when.time
    if (
        s.task == "availability"
        and u.no
        and not u.questions
        and said is not None
        and said.window is not None
        and said.at is None
    ):
        # "have you anything Monday?", the times read out, then "no, not first thing, I'm not
        # free till ten": a limit on the times read out is a booking being made; the first
        # that fits is asked about by name
        s.task = "book"
    if said is not None and said.window is not None:
        # "in the afternoon, whatever you've got": the first offered in the afternoon
        lo, hi = said.window
        pool = [o for o in pool if lo <= o[1] < hi]
        if u.yes and not u.no and u.ordinal is None and said.at is None and pool:
            # "yes, but only if it's after lunch": the first of them that meets the condition,
            # asked about by name before anything is booked
            u = dataclasses.replace(u, ordinal=1)
    if u.when.day is not None and u.when.day.dates and not u.when.day.same:
        pool = [o for o in pool if o[0] in u.when.day.dates]
        if not pool and u.ordinal is not None:
            # "no, the first one you said on Tuesday" after Wednesday's were read out: among
            # the times offered for that day before
            pool = [o for o in s.offered_before if o[0] in u.when.day.dates]
    pick = _nth(pool, u.ordinal) if u.ordinal is not None and pool else None
    by_time = False
    if pick is None and u.when.time is not None and u.when.time.at is not None:
        at = u.when.time.at
        day = u.when.day.exact if u.when.day is not None else None
        same = [o for o in offered if o[1] == at and (day is None or o[0] == day)]
        if not same and day is None:
            # "two" heard for 2 PM read as 2 AM, or "the 9" for 9 AM
            same = [
                o for o in offered if o[1].hour % 12 == at.hour % 12 and o[1].minute == at.minute
            ]
        by_time = len(same) == 1
        if same:
            pick = same[0]
    if pick is None and u.when.day is not None and u.when.time is None and u.when.day.exact:
        same_day = [o for o in offered if o[0] == u.when.day.exact]
        if len(same_day) == 1:
            pick = same_day[0]
    if pick is None and u.yes and not u.no and u.when.empty and u.phone is None:
        if len(offered) == 1:
            pick = offered[0]  # "ok that one" to the one time offered
        else:
            # "ok that one" / "sure, that works" to several times: which one is not said, and
            # none is picked for the caller
            s.notes.append("Sure, just say which one.")
            s.progressed = True
            return
    if pick is not None:
        firm = by_time and _firm_pick(u)
        if s.task == "availability":
            s.task = "book"
        s.request.days = (pick[0],)
        s.request.at = pick[1]
        s.request.window = None
        s.request.earliest = s.request.latest = s.request.soonest = False
        s.request.same_time = False
        s.request.shift_minutes = None
        s.request.shift_days = None
        s.progressed = True
        s.heard = _without_when(u)
        if firm:
            # "yes, eleven will do", "yes, Friday at ten is good" to "I have 10 or 11 (...),
            # which would you prefer?": one of the times read out, named with a yes - taken
            s.accepted = _change_to(s, pick)
        return
    text = " ".join(t.text for t in u.tokens)
    same_days = u.when.time is None and (
        u.when.day is None or u.when.day.exact in {d for d, _ in offered}
    )
    about_offer = u.phone is None and not u.wrong_number and u.keypad is None
    if (
        same_days
        and about_offer
        and (u.no or _OTHER_TIMES.search(text))
        and u.task in (None, "availability")
    ):
        for o in offered:
            s.request.rejected.add(o)
        s.request.at = None
        if re.search(r"\blater\b", text):
            last = max(t for _, t in offered)
            s.request.window = (time(last.hour + 1, 0), time(23, 59))
        elif re.search(r"\bearlier\b", text):
            first = min(t for _, t in offered)
            s.request.window = (time(0, 0), first)
        if u.no:
            s.notes.append("No problem.")
        s.progressed = True


_FIRM_PICK: Final = re.compile(
    r"\b(?:yes|yeah|yep|yup|aye|book (?:it|that|that one|me in|me for|the)|put me (?:in|down)"
    r"|i ?(?:ll|will) (?:take|have) (?:it|that|the)|go ahead)\b"
)
"""A yes said outright with the time picked ("yes, ten's better, book that"), not an "ok" or
a "fine" that only acknowledges the times read out."""
_PICK_HEDGE: Final = re.compile(
    r"\b(?:if|but|or|not|maybe|perhaps|might|unless|check|think|wait|hang on|hold on|actually"
    r"|rather|instead|prefer|possible|probably|suppose)\b"
)
"""Words that make a pick less than firm: a condition, a doubt, another time weighed."""


def _firm_pick(u: Understanding) -> bool:
    """Whether the line that named one of the times read out is a firm yes to it: a yes word
    in its last sentence (after any question of the caller's own: "Sorry, eleven, was it? Yes,
    eleven will do.", "Two? Yeah, two's grand."), no no and nothing hedged, one hour said. A
    bare yes names no time and is no pick."""
    if u.no or u.phone is not None:
        return False
    hours = {(t.at.hour % 12, t.at.minute) for t in u.times if t.at is not None and not t.negated}
    if len(hours) != 1 or any(t.negated for t in u.times):
        return False
    tail = re.sub(r"[^a-z0-9?]+", " ", u.text.lower().replace("'", "")).rpartition("?")[2]
    if not tail.strip() or _PICK_HEDGE.search(tail):
        return False
    return _FIRM_PICK.search(tail) is not None


def _proposed_again(s: DialogueState, proposal: Proposal, u: Understanding) -> Proposal | None:
    """The change asked about earlier in the call that a firm yes names by its hour (and its
    day, when said), other than the one asked about now: one only, else none."""
    at = u.when.time.at if u.when.time is not None else None
    if at is None or not _firm_pick(u):
        return None
    day = u.when.day.exact if u.when.day is not None else None
    earlier = {
        o
        for o in s.proposed_before
        if o != (proposal.day, proposal.at)
        and (o[1].hour % 12, o[1].minute) == (at.hour % 12, at.minute)
        and (day is None or o[0] == day)
    }
    if len(earlier) != 1:
        return None
    return _change_to(s, earlier.pop())


def _change_to(s: DialogueState, pick: tuple[date, time]) -> Proposal | None:
    """The change a firm pick of an offered time makes: that booking, or the move of the
    appointment being moved to it (none when which one is moved is not known)."""
    if s.task == "book":
        return Proposal("book", pick[0], pick[1])
    if s.task == "reschedule":
        target = s.target_appt()
        if target is not None:
            return Proposal("reschedule", pick[0], pick[1], target.code)
    return None


def _without_when(u: Understanding) -> Understanding:
    from dataclasses import replace

    return replace(u, when=When(), days=(), times=())


_NOT_THE_CALLERS_NOTE: Final = (
    "I'm sorry, I can only look up or change appointments under the caller's own number, or "
    "a family member's they book for; whoever that number belongs to can call us themselves."
)


_CODE_FOR_NUMBER_NOTE: Final = (
    "Thanks, that looks like a confirmation code; I find appointments by the phone number "
    "they're under."
)


def _take_identity(s: DialogueState, u: Understanding) -> None:
    said = u.phone.digits if u.phone is not None else u.keypad
    if u.not_the_callers and said is not None:
        s.identity.others_numbers.append(_national(said))
    elif said is not None and _national(said) in s.identity.others_numbers:
        # "for my neighbour, 617 ...", then "ok, it's my number, 617 ...": still hers
        u = dataclasses.replace(u, not_the_callers=True)
    if u.code is not None and said is None and not s.identity.identified and s.asked == "phone":
        # "4TR82EPQ" for the number: its digits were taken for the number's first ones
        if _CODE_FOR_NUMBER_NOTE not in s.notes:
            s.notes.append(_CODE_FOR_NUMBER_NOTE)
        s.progressed = True
    if u.not_the_callers:
        # "put it under my neighbour's number, she said it's fine": not looked up, nothing
        # about its owner is said; the caller's own number is asked for
        note = (
            "As I said, I can't use someone else's number; they can call us themselves."
            if _NOT_THE_CALLERS_NOTE in s.last_reply
            else _NOT_THE_CALLERS_NOTE
        )
        if note not in s.notes:
            s.notes.append(note)
        s.progressed = True
        if u.phone is not None or u.keypad is not None:
            return
        if not s.identity.identified and s.identity.number is not None:
            s.identity.forget_number()
        return
    _take_identity_said(s, u)
    ident = s.identity
    if u.relative is not None:
        ident.relative_name = u.relative
    if (
        u.their_number
        and u.phone is not None
        and ident.relative_name is not None
        and not ident.identified
        and ident.name != ident.relative_name
    ):
        # "I'm calling for my grandmother, Edith Crane." ... "Her number is ...": her account
        ident.name = ident.relative_name
        ident.name_from_account = False
        s.progressed = True


def _take_identity_said(s: DialogueState, u: Understanding) -> None:
    ident = s.identity
    asked = s.asked
    digits = u.keypad if u.keypad is not None else (u.phone.digits if u.phone else None)
    plus = bool(u.phone and u.phone.plus)
    if (
        digits is None
        and ident.caller_id
        and asked in ("phone", "request")
        and _THIS_NUMBER.search(" ".join(t.text for t in u.tokens))
    ):
        _set_number(s, ident.caller_id)
        s.progressed = True
    if digits is not None:
        phone_question = asked in (
            "phone",
            "phone_confirm",
            "phone_check",
            "name",
            "identity_confirm",
        )
        if ident.identified and not phone_question and not u.wrong_number and len(digits) < 10:
            digits = None
        elif ident.identified and len(digits) >= 10 and asked not in ("phone", "phone_confirm"):
            if ident.number is not None and _national(digits) == ident.number:
                digits = None  # the same number again
            elif not (u.wrong_number or u.correction):
                digits = None
    if digits is not None and _ending_said_back(s, u, digits):
        digits = None  # "yes, that's it, oh two six nine": the read-back's ending, agreed
    if digits is not None:
        _take_digits(s, digits, plus=plus)
        other = _national(u.phone.other) if u.phone is not None and u.phone.other else None
        ident.other_number = other if other != ident.number else None
        ident.spoken = (
            u.keypad is None
            and u.phone is not None
            and not any(c.isdigit() for t in u.tokens[u.phone.start : u.phone.end] for c in t.text)
        )
    if u.spelled is not None and asked == "spell":
        ident.name = " ".join(w[:1].upper() + w[1:] for w in u.spelled.split())
        ident.name_spelled = True  # read back letter by letter (by ear)
        s.progressed = True
    elif asked == "surname" and not ident.identified:
        ident.surname_asked = True
        s.progressed = True
        extra = u.name if u.name is not None and not u.no else None
        if extra is not None and ident.name and extra.lower() != ident.name.lower():
            first = ident.name.split(" ")[0]
            # "Bell" adds the surname; "Jade Bell" says the whole name again
            ident.name = (
                extra if extra.split(" ")[0].lower() == first.lower() else f"{first} {extra}"
            )
    elif (
        u.name is not None
        and asked != "name_confirm"
        and (not ident.identified or asked in ("name", "spell"))
    ):
        if ident.name != u.name:
            ident.name = u.name
            ident.name_from_account = False
            s.progressed = True
        else:
            s.progressed = True
    elif (
        asked in ("name", "spell")
        and u.name is None
        and u.spelled is None
        and not (u.yes and len(u.tokens) <= 3)
    ):
        # "yes, that's right" alone waits for the name; with more words it was the answer,
        # unheard ("yes that's right me like else t"), and asking the same again loops
        ident.name_attempts += 1
    if (
        u.surname_offered
        and not ident.identified
        and not ident.surname_asked
        and ident.name is not None
        and " " not in ident.name.strip()
    ):
        # "Marta - do you want me to spell the surname?": a yes to that, and the last name
        # asked for, to go with the first (policy)
        ident.surname_offered = True
        s.progressed = True


def _ending_said_back(s: DialogueState, u: Understanding, digits: str) -> bool:
    """A yes to a number's read-back with its last digits said again ("yes that's it, oh
    two six nine"): agreed, not the start of another number."""
    number = s.identity.number
    return (
        u.yes
        and not u.no
        and not u.correction
        and s.asked in ("phone_confirm", "name")
        and number is not None
        and len(number) == 10
        and not s.identity.identified
        and 2 <= len(digits) <= 4
        and number.endswith(digits)
    )


def _unclear_name(s: DialogueState, u: Understanding) -> bool:
    """The recogniser's :data:`~voice_agent.domain.listening.UNCLEAR_NAME` at a name
    question, or a spelling it could not resolve to a name: no name is taken, and the account
    will be opened as "Unknown Caller" (policy) without asking again; the call goes on."""
    ident = s.identity
    said = u.text.strip().lower()
    said_yes = said == UNCLEAR_NAME_AFTER_YES
    if (said != UNCLEAR_NAME and not said_yes) or s.asked not in ("name", "surname", "spell"):
        return False
    if ident.identified:
        return False
    ident.name = None
    ident.name_unclear = True
    if said_yes and s.asked == "name" and ident.number:
        ident.number_ok = True  # "yes, that's right, <a name>" to "if that number is right"
    s.progressed = True
    return True


def _national(digits: str) -> str:
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _take_digits(s: DialogueState, digits: str, *, plus: bool) -> None:
    ident = s.identity
    s.progressed = True
    complete = (len(digits) == 10) or (len(digits) == 11 and digits.startswith("1"))
    if plus and len(digits) >= 8:
        _set_number(s, "+" + digits)
        return
    if complete:
        ident.stop_groups()
        _set_number(s, _national(digits))
        return
    if ident.groups and len(digits) <= 4:
        _add_group(s, digits)
        return
    if (
        len(digits) == 3
        and len(ident.digits) == 7
        and s.heard is not None
        and re.search(r"\barea code\b", s.heard.text.lower())
    ):
        _set_number(s, digits + ident.digits)  # "212 is the area code"
        return
    if len(digits) < 10 and ident.digits and len(ident.digits) + len(digits) <= 11:
        # the second piece of a number given in two parts
        joined = ident.digits + digits
        ident.digits = joined
        if len(joined) == 10 or (len(joined) == 11 and joined.startswith("1")):
            _set_number(s, _national(joined))
        return
    if len(digits) < 10:
        ident.digits = digits
        ident.number = None
        return
    # too many digits: say what was heard and ask again
    ident.digits = ""
    ident.number = None
    s.failure = ToolFailure("invalid_phone_number", digits)
    s.failed_call = "heard"


def _set_number(s: DialogueState, number: str) -> None:
    ident = s.identity
    if number != ident.number:
        if ident.name_from_account:
            # that was someone else's account: its name goes, the one the caller gave
            # themselves before it was found stays ("that's my mum's landline, mine is ...")
            ident.name = ident.said_name
            ident.name_from_account = False
        ident.number = number
        ident.looked_up = None
        ident.status = None
        ident.holder_check = None
        ident.holder_tried = None
        ident.number_ok = False
        ident.user_known = False
        ident.from_groups = False
        s.appointments = []
        if s.hints_read and s.target is not None:
            # the appointment taken was the other account's: what the caller said of theirs
            # is read again on the account the new number finds
            *before, s.target_hint = s.hints_read
            s.hints_before, s.hints_read, s.target = list(before), (), None
    ident.digits = number.lstrip("+")


_CODE_ANSWERS: Final = frozenset({"code", "which_appointment"})
_MAKE_IT: Final = re.compile(
    r"\b(?:make|have|put|do) (?:it|that|that one|hers|his|mine)\b(?! (?:in|to) (?:on )?time\b)"
    r"|\b(?:can|could|would) (?:it|that|that one|hers|his|mine) (?:be|go)\b"
)
"""The appointment just read out, changed: "can you make it the morning?", "could it be the
Tuesday?"."""
_OFFERED: Final = frozenset({"confirm", "choose_time"})
_PROPOSING: Final = frozenset({"book", "reschedule"})
_NO_THE_DAY: Final = re.compile(
    r"^\W*(?:(?:oh|ah|um|er|sorry)\W+)*no\W+(?:sorry\W+)?(?:the |its |it s |i meant |i mean )?"
    r"(?:mon|tues|wednes|thurs|fri)day\b"
)
"""A no that is about the day ("no, the Thursday") after a weekday-and-date clash was told."""
_NO_I_MEANT_A_DAY: Final = re.compile(
    r"^\W*(?:(?:oh|ah|um|er|sorry)\W+)*no(?:\W+no)*\W+(?:(?:sorry|oh|wait)\W+)*"
    r"(?:i (?:mean|meant)|i said|i wanted|its|it s|make (?:it|that))\W+(?:the |a |in |on |for )?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|next|this|tomorrow|\d{1,2}(?:st|nd|rd|th)"
    r"|first|second|third|[a-z]+(?:th|st|nd|rd))\b"
)
"""A no that puts the day right ("No, no, I mean December - the 30th", "no, I meant the 14th")
after the day asked for was turned away beside the number's read-back: about the day, not the
number (no digits, no number words in it)."""
_NOT_A_DAY: Final = re.compile(
    r"\bnot (?:a |the |on (?:a )?)?(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days? (?:is |are |s )?(?:no|not) (?:good|use)\b"
)
"""A weekday ruled out ("oh, not a Tuesday", "Tuesdays are no good"): its "not" or "no" is
no answer to a question."""
_NOT_AN_HOUR: Final = re.compile(
    rf"\bnot (?:at |before |after |till |until )?(?:{hour_words()}|\d{{1,2}})"
    r"(?: oclock| am| pm)?\b"
)
"""An hour ruled out ("tuesday morning but not nine, I can't do nine"): read as a time ruled
out, its "not" is no answer to a question."""
_NUMBER_WORDS: Final = re.compile(r"\b(?:number|digits?|phone|cell|mobile)\b")
_FLAT_NO: Final = re.compile(r"\b(?:no|nope|nah|wrong|incorrect|not)\b")
_SELF_CORRECTED: Final = re.compile(
    r"\bwhat am i (?:saying|thinking|on about)\b|\bwhat was i thinking\b|\bsilly me\b"
    r"|\bi(?:'m| am) getting (?:muddled|mixed up|confused)\b"
)
"""The caller putting right what they asked for themselves ("what am I saying")."""


_WHICH_DAY_BACK: Final = re.compile(
    r"^\W*(?:(?:sorry|wait|hang on|um|uh|oh|so|and)\W+)*(?:is (?:that|it|this)|do you mean"
    r"|you mean|which|what)\b.*\b(?:or|which|what|when)\b"
)


def _asks_back_which_day(u: Understanding) -> bool:
    """ "sorry, is that this Friday or the one after?" to the number read back: a question
    about the day, not the request said on (nor a yes to the number)."""
    line = " ".join(t.text for t in u.tokens)
    return not u.yes and u.name is None and bool(_WHICH_DAY_BACK.search(line))


def _asks_when(u: Understanding) -> bool:
    """A day or a time said, or one ruled out ("but not Wednesdays", "nothing before ten"): the
    request, said on ("Shall I set one up?" answered "oh, but not Wednesdays")."""
    when = u.when
    return not when.empty or bool(when.rejected_days or when.rejected_times or when.windows)


def _take_task(s: DialogueState, u: Understanding, *, proposed: Proposal | None = None) -> None:
    """The task the caller asks for; ``proposed`` is the change the agent had just proposed
    (the answer to it may have set it aside already)."""
    task = u.task
    just_made: str | None = None
    # ("and my appointment on the 3rd too" reads as asking after it: not after a cancel)
    also_cancelled = _cancelled_as_well(s, u) if task in (None, "book", "list") else None
    if also_cancelled is not None:
        # "and the Friday one as well, come to think of it", "also the Friday booking" right
        # after a cancel: that appointment of theirs cancelled too (read back and asked like
        # any cancel), not a booking on the Friday
        task = "cancel"
        s.target = also_cancelled.code
    if (
        task is None
        and u.cant_make
        and not (s.task in _PROPOSING and s.asked in _OFFERED)
        # ("it's Wednesday I can't make, not Tuesday" to "shall I cancel Tuesday's?": which one
        # is being cancelled, not whether it is moved instead)
        and not (s.task == "cancel" and s.asked == "confirm")
        and not (s.task in ("book", "availability") and _days_none_held(s, u))
    ):
        # ("I can't do the daytime" to a time offered for a booking, "I can't do nine" to the
        # time a move was proposed to, turns that down: it is not about the appointment held;
        # nor is "I can't do Wednesday" while booking, with nothing held on a Wednesday)
        task = "change"
    if (
        task is None
        and s.task is None
        and u.code is not None
        and u.when.empty  # ("thurs 3pm" typed also reads as eight characters of a code)
        and s.asked not in _CODE_ANSWERS
    ):
        # a booking code said with no request ("my code is 7KQ2..."): that appointment, found
        # once the caller is identified, and the question what to do with it
        task = "change"
    if (
        task is None
        and s.task is None
        and s.asked not in ("phone", "phone_confirm", "phone_check", "name", "spell", "code")
        and (not u.when.empty or u.day_shift is not None)
        and _asks_for_a_time(s, u)
    ) or (
        task is None
        and s.task is None
        and s.asked == "phone_confirm"
        and u.phone is None
        and not u.no
        and u.when.day is not None
        and not u.when.day.negated
        and not _NUMBER_WORDS.search(u.text.lower())
        and not u.questions
    ):
        # "Shall I set one up?" answered with the day wanted ("oh ok, it's Tuesdays at
        # eleven, so this Tuesday"): a booking, as it would be asked for at the start
        own = _names_own_appointment(s, u)
        just = _just_made(s, u)
        if just is not None:
            # "actually, make that 11 instead" right after a booking or a move: that
            # appointment moved (read back and confirmed like any move), not a second booking
            task = "reschedule"
            s.target = just_made = just.code
        elif own is not None and s.last_task in ("code", "list"):
            # "the one just before Christmas, the 18th" after the codes or appointments were
            # read: about that appointment again, not a new booking
            task = s.last_task
            s.target = own.code
        elif s.upcoming() and re.search(r"\bmy appointment\b", u.text.lower()):
            task = "reschedule"
        elif (
            s.upcoming()
            and not s.done
            and s.asked in ("anything_else", "offer_change")
            and _MAKE_IT.search(u.text.lower())
        ):
            # "can you make it the morning, same day?" after the appointment held was read
            # out: that appointment moved, not a second one booked
            task = "reschedule"
        elif (
            (
                u.nearby is not None
                or u.when.time is not None
                and u.when.time.shift_minutes is not None
                and u.when.time.at is None
            )
            and not s.done
            and len(named := _held_named(s, u, [a.code for a in s.upcoming()])) == 1
        ):
            # "could Thursday be a bit earlier? like 11?", "can Thursday be an hour later?"
            # with Thursday's appointment held (its code just given): that one moved, not a
            # second one booked
            task = "reschedule"
            s.target = named[0].code
        elif (
            u.day_shift is not None
            and own is not None
            and not _ANOTHER_BOOKING.search(u.text.lower())
        ):
            # "and the other one, on the 15th - two days later, same time", "the one on the
            # 9th, a week later please": a held one named by its day and shifted is moved,
            # not a second one booked on the day that names it
            task = "reschedule"
            s.target = own.code
        elif u.when.time is None and (_FREE_QUESTION.search(u.text.lower()) or _times_asked(u)):
            task = "availability"  # "do you have anything Friday?": what is free, asked
        else:
            task = "book"  # "Tuesday at 2 please" is a booking
    if task is None:
        return
    pending_move = False
    just_cancelled = bool(s.done) and s.done[-1][0] == "cancelled" and s.asked == "anything_else"
    if (
        task == "book"
        and s.task in (None, "book")
        and _INSTEAD.search(u.text.lower())
        and not just_cancelled
        and not _ONE_MORE.search(u.text.lower())
        # "I've missed it - can I come Friday instead?": instead of the one missed
        and not acts.MISSED_BEFORE.search(" ".join(re.findall(r"[a-z0-9]+", u.text.lower())))
    ):
        # "could I come in tomorrow instead?": instead of the appointment they have (not
        # "book me Monday instead" right after one was cancelled: a booking in its place)
        held = s.upcoming()
        if held and s.identity.identified:
            task = "reschedule"
            if len(held) == 1:
                s.target = held[0].code
        elif not s.identity.identified:
            pending_move = True
    current = s.task
    if task == current:
        s.instead = s.instead or pending_move
        s.progressed = True
        return
    if (
        proposed is not None
        and s.accepted is proposed
        and task in {_TASK_OF[further.action] for further in proposed.more}
    ):
        # "yes, book it" to "shall I cancel Friday's, and book Monday at 2?": the yes to both,
        # the booking it names one of them (not a new booking with no day)
        s.progressed = True
        return
    if (
        current in ("book", "availability")
        and task == "reschedule"
        and not re.search(
            r"\bmy (?:appointment|booking)\b|\bthe appointment i have\b|\bmove\b|\breschedul"
            r"|\bpostpone|\bpush\b|\bthat one\b|\balready have\b|\bthe one i have\b",
            u.text.lower(),
        )
    ) and (
        s.asked in ("confirm", "choose_time", "datetime", "time", "day")
        or s.proposal
        or (current == "book" and s.identity.identified and not s.upcoming())
        or (not s.identity.identified and s.asked in ("phone", "name", "phone_confirm"))
    ):
        # "actually, change it to 3" adjusts the booking being made; so does "could you do it
        # a bit later, like three?" said while the agent asks for the number first, or by a
        # caller who holds nothing to move
        s.progressed = True
        return
    if u.drops_change and current in ("reschedule", "cancel", "change") and task == "book":
        # "forget moving Tuesday, I'll keep it - just the one for my husband, Friday at 10":
        # the change given up, and the booking asked for in the same breath (the one queued
        # for later, if any, is this one)
        s.follow_ups = [f for f in s.follow_ups if f.task != "book"]
        s.notes.append("Okay, I'll keep your appointment as it is.")
    elif (
        current == "reschedule"
        and task == "book"
        and (s.asked in ("confirm", "choose_time", "datetime", "time", "day") or s.proposal)
        and not _ANOTHER_BOOKING.search(u.text.lower())
    ):
        # "yeah Monday is grand, book it" or "if Tuesday at two is free I'll take that" while
        # an appointment is being moved: where to move it, not a second appointment
        s.progressed = True
        return
    if (
        current == "book"
        and task == "availability"
        and (s.asked in ("confirm", "choose_time", "datetime", "time", "day") or s.proposal)
    ):
        # "do you have the morning instead?" asked while booking: where to book, still a
        # booking (its times offered with a question about the first, as before)
        s.progressed = True
        return
    if current in ("reschedule", "change") and task == "availability" and s.identity.identified:
        # "what have you got on Monday?" asked while moving an appointment: where to move it
        if current == "change":
            s.task = "reschedule"
        s.progressed = True
        return
    if (
        current == "book"
        and task == "cancel"
        and s.asked == "confirm"
        and proposed is not None
        and proposed.action == "book"
        and proposed.day is not None
        and proposed.at is not None
        and any(proposed.day in m.dates for m in u.days)
    ):
        # "actually, scrap the first one, I only need the Thursday" to "shall I book
        # Thursday?": the appointment held is cancelled first (once confirmed), and the
        # booking that was being proposed, named again, is proposed again after it (a cancel
        # that does not name it drops it: "cancel the afternoon one")
        s.follow_ups.insert(0, FollowUp("book", proposal=proposed))
    if (
        task == "code"
        and current in ("cancel", "book")
        and s.asked == "confirm"
        and proposed is not None
        and proposed.action == current
        and (proposed.code is not None if current == "cancel" else proposed.at is not None)
    ):
        # "hang on, before you do - what's the code on it?" to "shall I cancel Tuesday's?": the
        # code told, and the change that was being asked about asked again after it (not
        # dropped, and not made: the question is no yes)
        if current == "cancel":
            s.follow_ups.insert(0, FollowUp("cancel", proposed.code))
        else:
            s.follow_ups.insert(0, FollowUp("book", proposal=proposed))
    if (
        current == "reschedule"
        and task == "book"
        and proposed is not None
        and proposed.action == "reschedule"
        and proposed.day is not None
        and proposed.at is not None
    ):
        s.set_aside_move = proposed  # "keep the Thursday and book the Tuesday as well"
    keep_request = {current, task} == {"availability", "book"}
    keep_target = current in ("list", "code", "change", "cancel", "reschedule") and (
        task in _NEEDS_TARGET
    )
    target = s.target
    request = s.request
    s.finish_task()
    s.task = task
    if keep_request:
        s.request = request
    if keep_target:
        s.target = target
    if just_made is not None:
        s.target = just_made  # the appointment just booked or moved is the one to move
    s.instead = pending_move
    s.progressed = True


_INSTEAD: Final = re.compile(r"\binstead\b|\brather than (?:my|the)\b")
_ONE_MORE: Final = re.compile(
    r"\b(?:another|an extra|one more|a second|an additional) (?:appointment|one|visit|slot"
    r"|booking)\b"
)
"""A booking beside the one held ("I need another appointment ... or the Monday instead"):
"instead" then weighs one day against another, it moves nothing."""
_ANOTHER_BOOKING: Final = re.compile(
    r"\b(?:another|new|second|extra|additional|also|as well|too|both)\b"
    r"|\bone more\b|\bfor my (?:\w+ )?(?:husband|wife|son|daughter|partner|mum|mom|dad|kid|child)"
)
"""A second appointment asked for while one is being moved ("and book me another one")."""


_HELD: Final = (
    r"(?:my (?:current |existing |next |other |upcoming |first )?(?:appointment|booking|visit|one)"
    r"|the (?:one|appointment|booking) (?:im|i m|i am) (?:booked (?:on|for|in)|already booked"
    r"|down for|in for)|the (?:one|appointment|booking) i (?:have|already have|ve got|got)"
    r"|the (?:one|appointment) i booked"
    r"|the (?:one|appointment|booking) (?:i ve|ive|i have|i) already (?:have|got)"
    r"|the (?:one|appointment|booking) ive got"
    r"|my (?:monday|tuesday|wednesday|thursday|friday) (?:one|appointment|booking|visit))"
)
_WEEKS_AFTER_HELD: Final = re.compile(
    r"\b(?:(a|one|two|three|2|3) weeks?|the week) (?:after|from|later than) " + _HELD
)
_WEEKDAY_OF_THAT_WEEK: Final = re.compile(
    rf"\b({WEEKDAY_WORD}) (?:of|in) (?:that|the same) week\b"
    rf"|\b(?:that|the same) week(?: on)?(?: the)? ({WEEKDAY_WORD})\b"
)
"""A weekday of a week said just before ("the Tuesday of that week", "that week, the
Tuesday")."""
_WEEKDAY_AFTER_HELD: Final = re.compile(rf"\bthe ({WEEKDAY_WORD}) (?:after|following) " + _HELD)
_WEEKDAY_BEFORE_HELD: Final = re.compile(rf"\bthe ({WEEKDAY_WORD}) (?:before|preceding) " + _HELD)
_SAME_DAY_AS_HELD: Final = re.compile(r"\b(?:the )?same day as " + _HELD)
""" "On the same day as the one I've already got, but later": the day of the appointment held."""
_WEEKDAY_SAME_WEEK_AS_HELD: Final = re.compile(
    rf"\bthe ({WEEKDAY_WORD}) (?:of|in) the same week"
    r" as (?:" + _HELD + r"|my (?:monday|tuesday|wednesday|thursday|friday) "
    r"(?:one|appointment|booking|visit))"
)
""""The Friday of the same week as my Tuesday one": that weekday, in the week of the
appointment held."""
_LIKE_WEEKDAY: Final = re.compile(
    r"\bsame (?:time|hour|slot) as my (monday|tuesday|wednesday|thursday|friday)(?: s)?"
    r" (?:one|appointment|booking|visit)\b"
)
"""The time of the caller's appointment on that weekday: "the same time as my Friday one"."""
_COUNTS: Final = {"a": 1, "one": 1, "two": 2, "2": 2, "three": 3, "3": 3}
_AFTER_HELD_ONE: Final = re.compile(
    r"\bafter (?:mine|my (?:current|existing|own) (?:one|appointment|appt|booking)"
    r"|him|his|her|hers)\b"
)
"""The hour after an appointment on the caller's number: theirs ("straight after my current
one") or a household member's booked on it ("the same day, straight after him")."""
_OWN_SAID: Final = re.compile(
    r"\b(?:i ve got|ive got|i have|i got|i m booked|im booked|i already have|i ve already got)"
    r" (?:one|an appointment|my appointment|an appt|a booking|my one)\b"
    r"|\bmy (?:appointment|appointments|appt|booking|one)(?: s| is)? (?:on|for|is)\b"
    # "when's my next appointment? and can I book another the week after it"
    r"|\b(?:when|whens|what|whats|which)(?: s| is)? my (?:next|upcoming|current)"
    r" (?:appointment|appt|booking|one)\b"
)
"""The caller's own appointment said as a fact ("I've got one on the 3rd", "my appointment's on
Thursday"): "after that" / "the week after" said later in the line count from it."""
_WEEKS_AFTER_IT: Final = re.compile(
    r"\b(?:(a|one|two|three|2|3) weeks?|the week) (?:after|later than) (?:that|it)\b"
    r"|\bthe week after(?= (?:same|at|please|too|as|if|and|for|again|so|ok|okay)\b|$)"
)
"""A week or weeks counted from an appointment said just before ("two weeks after that",
"a second one the week after, same time"), not "the week after next"."""


def _note_from_booking(s: DialogueState, u: Understanding) -> None:
    """ "A week after my current appointment", "the Friday after the one I'm booked on": a
    day counted from the caller's own appointment (the day the words name on their own, this
    Friday or a week from today, is not it); resolved once their appointments are known."""
    if s.task not in ("book", "availability"):
        return
    said = u.when.day
    if (
        said is not None
        and said.held_weekday is not None
        and said.exact is not None
        and s.request.days == (said.exact,)
    ):
        # "the day after my Tuesday one": counted from the Tuesday they hold, which need not
        # be the next one
        s.request.from_held_weekday = (said.held_weekday, said.exact)
        _resolve_from_held_weekday(s)
        return
    line = " ".join(t.text for t in u.tokens)
    weeks = _WEEKS_AFTER_HELD.search(line)
    weekday = _WEEKDAY_AFTER_HELD.search(line)
    same_week = _WEEKDAY_SAME_WEEK_AS_HELD.search(line)
    before = _WEEKDAY_BEFORE_HELD.search(line)
    own = _OWN_SAID.search(line)
    after_it = _WEEKS_AFTER_IT.search(line, own.end()) if own is not None else None
    if weeks is None and after_it is not None:
        weeks = after_it
    of_it = _WEEKDAY_OF_THAT_WEEK.search(line, weeks.end()) if weeks is not None else None
    if weeks is not None and of_it is not None:
        # "the week after my Thursday appointment - could I have the Tuesday of that week?":
        # that weekday, in the week counted
        n = _COUNTS[weeks.group(1) or "one"]
        said_day = of_it.group(1) or of_it.group(2)
        s.request.from_booking = ("weeks_on", n * 10 + WEEKDAY_WORDS.index(said_day))
    elif weeks is not None:
        s.request.from_booking = ("weeks", _COUNTS[weeks.group(1) or "one"])
    elif weekday is not None:
        s.request.from_booking = ("weekday", WEEKDAY_WORDS.index(weekday.group(1)))
    elif before is not None:
        s.request.from_booking = ("weekday_before", WEEKDAY_WORDS.index(before.group(1)))
    elif _SAME_DAY_AS_HELD.search(line):
        s.request.from_booking = ("weeks", 0)
    elif same_week is not None:
        s.request.from_booking = ("same_week", WEEKDAY_WORDS.index(same_week.group(1)))
    elif u.right_after and _AFTER_HELD_ONE.search(line):
        # "could I have the slot straight after mine on Wednesday?": the hour after the one
        # held (that day's, when a day is said)
        day = u.when.day.exact if u.when.day is not None else None
        s.request.from_booking = ("hour_after", day.toordinal() if day is not None else 0)
        s.task = "book"
    else:
        return
    s.progressed = True
    _resolve_from_booking(s)


def _resolve_from_booking(s: DialogueState) -> None:
    """The day a request counted from the caller's appointment names, once there is one
    appointment to count from (the one just booked, else their only upcoming one)."""
    req = s.request
    if req.from_booking is None or not s.identity.identified:
        return
    held = s.upcoming()
    kind, n = req.from_booking
    if kind == "hour_after":
        mine = [a for a in held if not n or a.day.toordinal() == n]
        if not mine and n:
            # "I've got one on Friday" when it is next week's Friday: the one on that weekday
            mine = [a for a in held if a.day.weekday() == date.fromordinal(n).weekday()]
        if len(mine) == 1:
            req.days, req.at, req.from_booking = (mine[0].day,), _hour_after(mine[0].start), None
            req.window, req.by_weekday, req.shift_days = None, False, None
            req.earliest = req.latest = req.soonest = False
            s.proposal = None
        return
    ref = s.done[-1][1] if s.done and s.done[-1][0] == "booked" else None
    if ref is None and len(held) == 1:
        ref = held[0]
    if ref is None:
        return
    if kind == "weeks":
        day = ref.day + timedelta(days=7 * n)
    elif kind == "weeks_on":
        weeks, weekday = divmod(n, 10)
        counted = ref.day + timedelta(days=7 * weeks)
        day = counted + timedelta(days=weekday - counted.weekday())
    elif kind == "same_week":
        day = ref.day + timedelta(days=n - ref.day.weekday())
    elif kind == "weekday_before":
        day = ref.day - timedelta(days=(ref.day.weekday() - n - 1) % 7 + 1)
    else:
        day = _first_weekday_after(ref.day, n)
    req.days, req.by_weekday, req.shift_days, req.from_booking = (day,), False, None, None
    s.proposal = None


def _resolve_from_held_weekday(s: DialogueState) -> None:
    """ "The day after my Tuesday one" was counted from the next Tuesday; once the caller's
    appointments are known, from the one Tuesday they hold (a week or more on, maybe) - only
    while the day asked is still the one counted."""
    req = s.request
    if req.from_held_weekday is None or not s.identity.identified:
        return
    (taken, day), req.from_held_weekday = req.from_held_weekday, None
    mine = [a for a in s.upcoming() if a.day.weekday() == taken.weekday()]
    if len(mine) == 1 and mine[0].day != taken and req.days == (day,):
        req.days = (day + (mine[0].day - taken),)
        s.proposal = None


def _first_weekday_after(day: date, weekday: int) -> date:
    """The first day after ``day`` (never ``day`` itself) on ``weekday`` (Monday 0)."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _counted_from_held(s: DialogueState, u: Understanding | None) -> None:
    """ "I've got Wednesday the 2nd at three, and I want another one the week after, same day,
    same time" said before the caller's appointments were known: counted from the one they
    hold on the day named (see :func:`_held_counted_from`)."""
    if s.task != "book" or u is None or s.proposal is not None:
        return
    req = s.request
    shift = u.day_shift
    counted = _held_counted_from(s, u) if shift is not None else None
    at = u.when.time.at if u.when.time is not None else None
    if shift is None and req.shift_days is not None and req.shift_days > 0 and len(req.days) == 1:
        # said on the line before the number ("I booked the Tuesday, and I need one the
        # following week, Tuesday again, same time" ... "617 555 0345"): kept in the request
        held = [a for a in s.upcoming() if a.day == req.days[0]]
        if len(held) == 1:
            counted, shift, at = held[0], req.shift_days, req.at
    if counted is None or shift is None:
        return
    req.days, req.shift_days, req.same_day, req.soonest = (
        (counted.day + timedelta(days=shift),),
        None,
        False,
        False,
    )
    if req.same_time or at is None or at == counted.start:
        req.at, req.same_time, req.window = counted.start, False, None
    s.progressed = True


_BESIDE_MY_ONE: Final = re.compile(
    r"\bsame day as my (?:(?:current|existing|next|own) )?(?:appointment|appt|one|booking|visit)\b"
    r"|\b(?:after|later than|before|earlier than) my (?:(?:current|existing|next|own) )?"
    r"(?:appointment|appt|one|booking|visit)\b"
)
"""A new visit placed by the one the caller holds ("the same day as my existing appointment",
"a couple of hours later than my one")."""


def _hours_from_held(s: DialogueState, u: Understanding | None) -> None:
    """ "Can I have one the same day as my existing appointment, an hour or two after it?": a
    new booking that day, counted in hours from the one appointment the caller holds (said
    before or once it is known), never a move of it."""
    req = s.request
    held = s.upcoming()
    shift = u.when.time.shift_minutes if u is not None and u.when.time is not None else None
    if (
        s.task != "book"
        or u is None
        or not shift
        or req.at is not None
        or len(held) != 1
        or s.proposal is not None
        or _BESIDE_MY_ONE.search(u.text.lower()) is None
    ):
        return
    ref = held[0]
    if req.days not in ((), (ref.day,)):
        return
    day, at = shifted(ref.day, ref.start, shift)
    if day != ref.day:
        return
    req.days, req.at, req.same_day, req.shift_minutes = (day,), at, False, None
    req.window, req.earliest, req.latest = None, False, False
    s.progressed = True


def _same_time_as_held(s: DialogueState, u: Understanding | None) -> None:
    """ "Book another one, same time next week" said before the caller's appointments were
    known: the time of the one appointment they hold, a week after it ("on the Monday after
    it": the first Monday after it)."""
    req = s.request
    held = s.upcoming()
    if s.task != "book" or not req.same_time or req.at is not None or len(held) != 1:
        return
    ref = held[0]
    req.at, req.same_time = ref.start, False
    after_it = _WEEKDAY_AFTER_IT.search(u.text.lower()) if u is not None else None
    if after_it is not None and req.by_weekday and len(req.days) == 1:
        req.days = (_first_weekday_after(ref.day, WEEKDAY_WORDS.index(after_it.group(1))),)
    elif len(req.days) >= 5 and not req.by_weekday:
        req.days = (ref.day + timedelta(days=7),)


_PUT_BACK: Final = re.compile(
    r"\b(?:put|move|change|switch|swap|set|take|have|get|bring)"
    r" (?:it|that|this|them|(?:the|my) \w+(?: one| appointment)?) back\b"
    r"|\b(?:go|going|went|revert|return) back to (?:what|how|where|when|the (?:old|original"
    r"|previous|first|other|same))\b"
    r"|\b(?:my|the) (?:old|original|previous|first|usual|other) (?:slot|time|day|appointment"
    r"|one|booking|spot)(?: again)? back\b"
    r"|\bback (?:to )?(?:the way|how|where|what) (?:it|i|we) (?:was|were|had)\b"
    r"|\bundo (?:that|it|the (?:move|change))\b"
    r"|\b(?:time|slot|day|one) i (?:had|was in|was booked in) (?:before|originally|at first)\b"
)
"""A move asked back to where the appointment was: "put it back to Tuesday", "can I have my
old time back", "go back to what I had", "put the Wednesday one back"."""


def _asks_it_back(s: DialogueState, u: Understanding) -> bool:
    """Whether the words ask for an appointment moved in this call to go back to where it was
    ("can you undo that", "go back to what I had")."""
    return bool(s.moved_from) and _PUT_BACK.search(u.text.lower()) is not None


def _back_to_before(s: DialogueState, u: Understanding) -> None:
    """ "Can you put it back?", "go back to what I had before", "my old time back" after an
    appointment was moved in this call: a move of it to the slot it held before (read back and
    confirmed like any move); a day and time the caller says with it, if any, win."""
    if not s.moved_from or s.task not in (None, "book", "reschedule", "change"):
        return
    if _PUT_BACK.search(u.text.lower()) is None:
        return
    held = {a.code: a for a in s.upcoming()}
    moved = [code for code in s.moved_from if code in held]
    if s.target in moved:
        code = s.target
    elif len(moved) == 1:
        code = moved[0]
    else:
        # "put the Wednesday one back": the one that was on that day
        day = u.when.day.exact if u.when.day is not None else None
        named = [c for c in moved if s.moved_from[c][0] == day or held[c].day == day]
        if len(named) != 1:
            return
        code = named[0]
    was_day, was_at = s.moved_from[code]
    if s.request.at not in (None, was_at):
        return  # "put it back to Tuesday, but at 11": the time said is asked for
    # ("what I had before, Monday at ten": the slot it was in, however the day was heard)
    if s.task in ("reschedule", "cancel") and s.target not in (None, code):
        # "put the Wednesday back to 9 and move the Friday to Thursday": the other change is
        # taken up once this one is done (it may want the slot this one frees)
        req = s.request
        day = req.days[0] if len(req.days) == 1 else None
        action: Action = "reschedule" if s.task == "reschedule" else "cancel"
        then = None if day is None else Proposal(action, day, req.at, s.target)
        s.follow_ups.insert(0, FollowUp(s.task, target=s.target, proposal=then))
    s.task, s.target = "reschedule", code
    s.request = Request(days=(was_day,), at=was_at)
    s.proposal = None
    s.progressed = True


def _instead_is_a_move(s: DialogueState) -> None:
    """Once a caller who asked for a time "instead" is found to hold an appointment: a move of
    it (of the one, or of the one they then pick), not a second booking."""
    if not s.instead or s.task != "book":
        return
    s.instead = False
    held = s.upcoming()
    if not held:
        return
    s.task = "reschedule"
    s.proposal = None
    if len(held) == 1:
        s.target = held[0].code


_CHANGE_OF_MIND: Final = re.compile(
    r"\binstead\b|\brather\b|\bactually\b|\bon second thought|\bmake (?:it|that)\b"
    r"|\b(?:change|switch|move|push|bump|shift) (?:it|that)\b|\bcan (?:it|that) be\b"
)


def _just_made(s: DialogueState, u: Understanding) -> Appt | None:
    """The appointment the caller booked or moved on the agent's last turn, when they now
    change their mind about its day or time ("actually, make that 11 instead")."""
    if s.asked != "anything_else" or not s.done or u.task is not None:
        return None
    action, appt = s.done[-1]
    if action not in ("booked", "rescheduled") or not appt.active:
        return None
    text = u.text.lower()
    # "any time after ten", "the afternoon would be better" said alone to "anything else?"
    # straight after it: a time for that one, not a second booking (no day, nothing added)
    time_alone = (
        u.when.day is None
        and u.when.time is not None
        and u.day_shift is None
        and not u.no
        and not u.questions
        and "?" not in text
        and not _ANOTHER_BOOKING.search(text)
    )
    if not (u.correction or _CHANGE_OF_MIND.search(text) or time_alone):
        return None
    return next((a for a in s.upcoming() if a.code == appt.code), None)


_HELD_WEEKDAY_ONE: Final = re.compile(
    rf"\b(?:the|my|that) ({WEEKDAY_WORD})(?: s)? (?:one|appointment|appt|booking|visit)\b"
)
_AS_WELL: Final = re.compile(r"\b(?:as well|too|also)\b")
_ASKED_AFTER: Final = re.compile(
    r"\bstill (?:on|booked|there|happening|going ahead)\b|\bwhat time\b|\bwhen is\b"
)
"""("and the Friday one too - is it still on?": asked after, not given up)"""
_HELD_DATED_ONE: Final = re.compile(
    r"\b(?:the|that|my) (?:[a-z0-9]+ )?(?:one|appointment|appt|booking|visit) (?:on|for)\b"
    r"|\b(?:the|that|my) [a-z0-9]+(?: st| nd| rd| th)? (?:one|appointment|appt|booking|visit)\b"
)


def _cancelled_as_well(s: DialogueState, u: Understanding) -> Appt | None:
    """The appointment held that "and the Friday one as well" or "the one on the 29th as well"
    names right after one was cancelled: the only one held on that weekday (the caller names
    it by its weekday, which may not be the coming one) or on that date."""
    if s.asked != "anything_else" or not s.done or s.done[-1][0] != "cancelled":
        return None
    line = " ".join(t.text for t in u.tokens)
    if not _AS_WELL.search(line) or u.no or _ASKED_AFTER.search(line):
        return None
    named = _HELD_WEEKDAY_ONE.search(line)
    if named is not None:
        weekday = WEEKDAY_WORDS.index(named.group(1))
        held = [a for a in s.upcoming() if a.day.weekday() == weekday]
        return held[0] if len(held) == 1 else None
    if _HELD_DATED_ONE.search(line) is None:
        return None
    # "the one on the 29th as well", "my appointment for the 3rd too": named by its date
    said = {d for m in u.days if not m.negated for d in m.dates}
    held = [a for a in s.upcoming() if a.day in said]
    return held[0] if len(held) == 1 else None


def _days_none_held(s: DialogueState, u: Understanding) -> bool:
    """Whether the caller names days and none is the day (or the weekday) of an appointment
    they hold: "I can't do Wednesday" is then about the days being looked at, not theirs."""
    said = [d for m in u.days for d in m.dates]
    if not said:
        return False
    held = {a.day for a in s.upcoming()}
    return not any(d in held or d.weekday() in {h.weekday() for h in held} for d in said)


def _names_own_appointment(s: DialogueState, u: Understanding) -> Appt | None:
    """The caller's appointment that "the one on the 18th" / "my Friday one" names."""
    if not re.search(
        r"\b(?:the|that|my)(?: \w+)? one\b|\bmy (?:appointment|booking)\b", u.text.lower()
    ):
        return None
    day = u.when.day.exact if u.when.day is not None else None
    if day is None:
        return None
    held = [a for a in s.upcoming() if a.day == day]
    return held[0] if len(held) == 1 else None


def _asks_for_a_time(s: DialogueState, u: Understanding) -> bool:
    """Whether a day or time said without a request names a slot the caller wants ("Tuesday
    at 2 please") rather than being about something else ("what's the weather tomorrow?")."""
    if s.asked in ("datetime", "time", "day", "choose_time", "offer_book", "anything_else"):
        return True
    if u.when.time is not None:
        return True
    if u.when.day is not None and _SLOT_QUESTION.search(u.text.lower()):
        # "do you have anything on Friday?", heard "what do i was do you have three on
        # friday": asking after a time that day, however long the line around it
        return True
    if len(u.tokens) <= 4:
        return True
    if s.asked == "request" and _times_asked(u):
        return True
    if (
        s.asked == "request"
        and u.when.day is not None
        and not u.when.day.negated
        and _FREE_THEN.search(u.text.lower())
    ):
        # "I'm free most of next week except Tuesday morning": the days they can come, given
        # as the request
        return True
    return s.asked == "request" and _day_first(u) and not u.questions


_FREE_THEN: Final = re.compile(
    r"\b(?:i(?:'|’|\s)?m|i am|we(?:'|’|\s)?re|we are|i(?:'|’)?ll be|i will be)"
    r"\s+(?:\w+\s+)?(?:free|available)\b"
)
"""The caller saying when they can come ("I'm free most of next week", "I'm usually available
Mondays")."""


_OPENERS: Final = frozenset(
    {
        "hi", "hello", "hey", "hiya", "morning", "afternoon", "evening", "good", "there", "um",
        "uh", "er", "erm", "so", "yeah", "yes", "well", "oh", "ah", "ok", "okay", "right",
        "and", "was", "wondering", "about", "i", "im", "just"
    }
)  # fmt: skip
_NOT_WANTED: Final = re.compile(
    r"\b(?:(?<!\bi )was|(?<!\bwe )were|did|had|went|weather|birthday|rain|raining|snow|cold"
    r"|hot|last)\b"
)


def _day_first(u: Understanding) -> bool:
    """A first line led by a day, with no request word ("hello there, Wednesday next week,
    any chance?", "hi, er, Monday? for my knee"): the day is the request, a time that day
    asked for (not "Friday was awful", "what's the weather tomorrow")."""
    day = u.when.day
    if day is None or day.negated or _NOT_WANTED.search(u.text.lower()):
        return False
    first = min((d.start for d in u.days), default=len(u.tokens))
    return all(t.text in _OPENERS for t in u.tokens[:first])


# ("are you open on Saturdays?" asks the clinic's hours, answered as a question, not a day's times)
_TIMES_WORDS: Final = re.compile(
    r"\b(?:times?|slots?|openings?|spaces?|spots?|availab\w*|gaps?)\b"
    r"|\b(?:whats|what is|anything|something|any|is there)(?: still)? (?:free|open)\b"
    r"|\bfree (?:on|for|that|this|next)\b|\bany room\b|\broom (?:on|for)\b"
)


def _times_asked(u: Understanding) -> bool:
    """A day said with a word for a time that day, and nothing that puts the day to other use
    ("what's free on Friday", "any time Tuesday morning at all", heard "well at the time i'll
    have eight little on friday" for "what times are available on Friday?"): the times that
    day asked for, however the words around it were heard (not "Friday was a bad time")."""
    day = u.when.day
    if day is None or day.negated or _NOT_WANTED.search(u.text.lower()):
        return False
    return _TIMES_WORDS.search(u.text.lower()) is not None


_FREE_QUESTION: Final = re.compile(
    r"\b(?:do|would) you have\b|\bhave you (?:got|any)\b|\bany (?:openings?|slots?|times?)\b"
    r"|\bavailab(?:le|ility)\b"
)
_SLOT_QUESTION: Final = re.compile(
    _FREE_QUESTION.pattern + r"|\bcan (?:i|you) (?:come|get|fit|squeeze|see)\b"
)
"""Words that ask for a time on the day named ("do you have", "any openings", "can I come
in"), as opposed to a day said about something else ("what's the weather tomorrow?")."""


_KEYPAD = {"2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs", "8": "tuv",
           "9": "wxyz"}  # fmt: skip


def keypad_code(digits: str, appts: list[Appt]) -> Appt | None:
    """The caller's appointment whose code was typed on a phone keypad (each key stands for
    its digit and its letters: "33" for "de"), when exactly one matches."""

    def fits(code: str) -> bool:
        return len(code) == len(digits) and all(
            c == k or c in _KEYPAD.get(k, "") for c, k in zip(code, digits, strict=True)
        )

    matches = [a for a in appts if fits(a.code)]
    return matches[0] if len(matches) == 1 else None


_JUST_CANCELLED: Final = re.compile(
    r"\b(?:slot|time|one|appointment|spot|space|day)(?: that| which)? (?:i|we|you|ive|weve|youve)"
    r"(?: ve| have)? (?:just |only just )?cancell?ed\b"
)
"""A slot named by its cancellation earlier in the call ("the Friday slot I just cancelled")."""


def _into_the_cancelled(s: DialogueState, u: Understanding) -> Understanding:
    """ "Move my Wednesday one into the Friday slot I just cancelled": where it goes is the day
    and time of the appointment cancelled earlier in this call; the words about that slot name
    no appointment held (its weekday, said again after it, neither)."""
    cancelled = [a for action, a in s.done if action == "cancelled"]
    if not cancelled or "reschedule" not in (u.task, s.task):
        return u
    line = " ".join(t.text for t in u.tokens)
    found = _JUST_CANCELLED.search(line)
    if found is None:
        return u
    slot = cancelled[-1]
    start = line[: found.start()].count(" ")
    end = line[: found.end()].count(" ") + 1

    def of_the_slot(first: int, last: int, dates: tuple[date, ...]) -> bool:
        return start - 3 <= first < end or (
            first >= end and len(dates) == 1 and dates[0].weekday() == slot.day.weekday()
        )

    day, at = DayMention(end, end, (slot.day,)), TimeMention(end, end, at=slot.start)
    days = tuple(d for d in u.days if d.negated or not of_the_slot(d.start, d.end, d.dates))
    times = tuple(t for t in u.times if t.negated or not start - 3 <= t.start < end)
    return dataclasses.replace(
        u, days=(*days, day), times=(*times, at), when=When(day=day, time=at)
    )


_EITHER_DAY: Final = re.compile(
    r"(?<!\bto )(?<!\btill )(?<!\buntil )(?<!\binto )\b(?P<a>"
    + "|".join(WEEKDAY_WORDS)
    + r")(?:'?s)?\b(?: \w+){0,2} or (?:\w+ ){0,3}(?P<b>"
    + "|".join(WEEKDAY_WORDS)
    + r")\b"
)
"""Two weekdays said as either: "the tuesday or thursday one", "the one on tuesday or the
thursday" (and no "to" before the first: "move it to tuesday or thursday" says where)."""


def _either_day_held(u: Understanding, appts: list[Appt]) -> tuple[str, str] | None:
    """The two weekdays of a line that names the appointment to change as one or the other
    ("the one on tuesday or thursday"), where the caller holds one on each and the line
    names no more: which is asked, not picked."""
    if len(appts) < 2:
        return None
    said = " ".join(t.text for t in u.tokens).lower()
    found = _EITHER_DAY.search(said)
    if found is None or found["a"] == found["b"]:
        return None
    named = {w for w in re.findall(r"[a-z]+", said) if w in WEEKDAY_WORDS}
    if len(named) != 2:
        return None
    held = {WEEKDAY_WORDS[a.day.weekday()] for a in appts}
    if not {found["a"], found["b"]} <= held:
        return None
    return found["a"].capitalize(), found["b"].capitalize()


def _take_details(s: DialogueState, u: Understanding, *, when_used: bool = False) -> None:
    u = _into_the_cancelled(s, u)
    if u.keypad is not None and len(u.keypad) == 8 and s.identity.identified:
        typed = keypad_code(u.keypad, s.upcoming())
        if typed is not None:
            s.target = typed.code
            s.progressed = True
    if u.code is not None:
        for a in s.upcoming():
            if a.code == u.code:
                s.target = a.code
                break
        else:
            s.target = u.code
        s.progressed = True
    if when_used:
        return  # the day and time picked an offered slot
    task = s.task
    when = u.when
    shift = u.day_shift
    if task in _NEEDS_TARGET and s.target is None and not s.identity.identified:
        if (
            not u.when.empty
            or u.ordinal is not None
            or u.months
            or u.kept_months
            or u.day_shift is not None
            or u.after_held
            or u.after_other
            or u.beside is not None
            or u.later_that_week
            or u.before_held
            or u.nearby is not None
            or u.when.rejected_days
            or _ALL_OF_THEM.search(" ".join(t.text for t in u.tokens))
            or _SET_OF_THEM.search(" ".join(t.text for t in u.tokens))
        ):
            if s.target_hint is not None and s.target_hint is not u:
                s.hints_before.append(s.target_hint)
            s.target_hint = u  # read again once their appointments are known
        return
    if task in _NEEDS_TARGET:
        appts = s.upcoming()
        either = _either_day_held(u, appts) if s.target is None else None
        if either is not None:
            # "the one on Tuesday or Thursday" (or two readers of the line, one weekday each),
            # where the caller holds one on each: asked which, never picked
            s.notes.append(f"Sorry, was that the {either[0]} one or the {either[1]} one?")
            s.progressed = True
            return
        descriptors, rest = _split_mentions(
            u, appts, refusing=s.asked in ("datetime", "day", "time")
        )
        said = " ".join(t.text for t in u.tokens)
        everything = _EVERYTHING.search(said) is not None
        # ("I'm away the week of the 30th, everything I have then has to go": the one held in
        # those days, not all of theirs)
        away = (
            task == "cancel"
            and _AWAY.search(said) is not None
            and _cant_make_held(u, appts) is not None
        )
        # ("any of mine that are in the afternoon", "all my morning ones": those in it)
        group = (
            (_part_of_day_set(said, appts) or _set_named(said, appts))
            if task == "cancel" and s.target is None and not away
            else None
        )
        counted = (
            _counted_held(said) or _counted_asked(said)
            if task == "cancel" and s.target is None and len(appts) > 1 and not away
            else None
        )
        if (
            counted is not None
            and len(of_count := _counted_set(appts, descriptors or u, counted)) > 1
        ):
            # "cancel two appointments tomorrow, mine and my daughter's", "I've two next week
            # and I won't make either of them": those the words count, when the days and
            # hours said fit that many of theirs (or they hold just that many)
            group = of_count
        named_set = bool(group)  # (what is kept of them is said in the same words)
        if group:
            # "all of mine except Monday's", "keep the first, cancel the rest", "all my
            # December ones": those, in turn (two asked together), each confirmed
            s.target = group[0].code
            s.follow_ups = [FollowUp("cancel", a.code) for a in group[1:]]
            s.progressed = True
        elif (
            task == "cancel"
            and s.target is None
            and len(appts) > 1
            and _all_of_them(said)
            and not _one_named_by_its_time(u, appts)
            and not away
        ):
            # "cancel both of them" / "all my appointments": each in turn, each confirmed
            s.target = appts[0].code
            s.follow_ups = [FollowUp("cancel", a.code) for a in appts[1:]]
            s.progressed = True
        elif task == "cancel" and s.target is None and (listed := _days_listed_held(u, appts)):
            # "Monday's and Wednesday's will have to go", "cancel the 14th and the 16th": each
            # day named is one of theirs: each in turn, each confirmed
            s.target = listed[0].code
            s.follow_ups = [FollowUp("cancel", a.code) for a in listed[1:]]
            s.progressed = True
        elif task == "cancel" and s.target is None and everything and u.when.day is not None:
            # "cancel everything I've got after the 10th": those, each in turn, each confirmed
            group = _described(appts, descriptors or u)
            if len(group) > 1:
                s.target = group[0].code
                s.follow_ups = [FollowUp("cancel", a.code) for a in group[1:]]
                s.progressed = True
        together = False  # several moved as one ask, where each goes worked out above
        put_right = False  # the one meant said after a cancel taken back, picked already
        if (
            task == "reschedule"
            and s.target is None
            and len(appts) > 1
            and (_all_of_them(said) or everything or _counted_held(said) is not None)
            # ("both of mine are on Monday and the early one won't work": that one)
            and u.ordinal is None
            and not u.after_other
        ):
            # "move both of them a week later", "everything on Tuesday to Thursday": each of
            # those named, in turn, each to where it is asked to go and each confirmed
            group = _described(appts, descriptors) if descriptors is not None else appts
            counted = _counted_held(said)
            if counted is not None and not (_all_of_them(said) or everything):
                # "I've got two in December I need to push into January": those two, when the
                # words name that many of theirs (else which is asked)
                group = group if len(group) == counted and descriptors is not None else []
            if descriptors is None and (u.kept_months or (u.months and u.day_shift is not None)):
                # "the two in December, each a week later - leave the January one": those of
                # the month said (by a shift, the month is theirs, not where they go), not
                # the month kept
                of_month = [
                    a
                    for a in group
                    if a.day.month not in u.kept_months
                    and (u.day_shift is None or not u.months or a.day.month in u.months)
                ]
                group = of_month if len(of_month) > 1 else group
            if len(group) > 1:
                then = u
                on_days = {a.day for a in group}
                if descriptors is not None and rest.day is not None and len(rest.day.dates) > 1:
                    if on_days <= set(rest.day.dates):
                        # "my two next week, Monday and Tuesday, each an hour later": the week
                        # they are in, not where they go
                        when = dataclasses.replace(rest, day=None)
                        days = tuple(d for d in u.days if not set(d.dates) & on_days)
                        then = dataclasses.replace(u, when=when, days=days)
                    else:
                        when = rest
                elif descriptors is not None:
                    when = rest
                elif u.when.day is not None and {a.day for a in group} <= set(u.when.day.dates):
                    # "both my appointments next week": the days they are on, not where to
                    # (and the weekdays they are on, said beside it: "next week, Monday and
                    # Tuesday")
                    of_set = _days_of_the_set(u, group)
                    when = dataclasses.replace(u.when, day=None)
                    days = tuple(d for d in u.days if d is not u.when.day and d not in of_set)
                    then = dataclasses.replace(u, when=when, days=days)
                elif of_set := _days_of_the_set(u, group):
                    # "my two, Monday and Tuesday, each an hour later": the days they are on
                    day = None if u.when.day in of_set else u.when.day
                    when = dataclasses.replace(u.when, day=day)
                    days = tuple(d for d in u.days if d not in of_set)
                    then = dataclasses.replace(u, when=when, days=days)
                if (kept := _each_at_its_own_time(u, group)) is not None:
                    # "each one a day later, same times - the 14th's the 1 o'clock and the
                    # 15th's the 2 o'clock": the days and times said are theirs, so each goes
                    # at its own time (not one of the times said, taken as where to)
                    when = When(time=kept)
                    then = dataclasses.replace(u, when=when, days=(), times=(kept,))
                elif (to_day := _to_one_day_each_at_its_own_time(u, group)) is not None:
                    # "both of ours, the two o'clock and the three o'clock Thursday - Friday
                    # instead, same times": the hours said are theirs, so each goes to the day
                    # said at its own hour (not the one at two to three, the three to two)
                    day_to, kept = to_day
                    when = When(day=day_to, time=kept)
                    then = dataclasses.replace(u, when=when, days=(day_to,), times=(kept,))
                if _shift_said_again(u, when, group):
                    # "push both my Mondays a day later, Tuesdays work better": the weekday
                    # they land on, said again
                    said_day = when.day
                    when = dataclasses.replace(when, day=None)
                    days = tuple(d for d in then.days if d is not u.when.day)
                    then = dataclasses.replace(then, when=when, days=days)
                    if said_day is not None and s.request.days == said_day.dates:
                        s.request.days = ()  # (taken before their appointments were known)
                # ("both" to "which one would you like to change?": where they go was said
                # before, and goes for each)
                carried = (
                    copy.deepcopy(s.request)
                    if s.asked == "which_appointment" and u.when.empty and u.day_shift is None
                    else None
                )
                s.target = group[0].code
                s.follow_ups = [
                    FollowUp("reschedule", a.code, heard=then, request=copy.deepcopy(carried))
                    for a in group[1:]
                ]
                s.progressed = True
                together = True
        if s.target is None and len(appts) > 1 and _NEXT_ONE.search(said):
            # "I need to change my next appointment": the soonest of theirs (its "next" asks
            # for no earliest time)
            s.target = appts[0].code
            s.progressed = True
            if when.day is not None and when.day.earliest:
                when = dataclasses.replace(when, day=None)
        torn = (
            task in ("cancel", "code")
            and s.target is None
            and u.clash is not None
            and _held_through_clash(s, u.clash, appts)
        )
        if s.target is None and not torn and (len(appts) > 1 or descriptors is not None):
            picked = None
            moved_to: When | None = None
            first_after = _first_held_after(said, u, appts) if descriptors is None else None
            if first_after is not None:
                # "the first one after New Year, I need that pushed back": of theirs, the
                # first held after the day said; that day is not where it goes
                picked, moved_to = first_after
            elif descriptors is None and u.ordinal is not None and u.days and _all_new(u):
                # "the later one, to the following Tuesday": picked by its place; the day
                # said after "to" (or in a sentence of its own) is where it goes
                picked = pick_appointment(appts, _without_when(u))
            elif (
                task == "cancel"
                and descriptors is None
                and u.ordinal is not None
                and _ONLY_KEEP.search(said)
            ):
                # "cancel the later one, I only need the morning": picked by its place; the
                # part of the day (or day) said is the one the caller keeps
                picked = pick_appointment(appts, _without_when(u))
            elif descriptors is None and u.days and _by_its_month(said, u, appts):
                # "it's the December one, can you do the Monday after": picked by its month;
                # the day said, on no day they hold, is where it goes
                picked = pick_appointment(appts, _without_when(u))
            if picked is not None:
                s.target = picked.code
                s.progressed = True
                when = moved_to if moved_to is not None else _following_from(u, picked.day)
            else:
                picked = _named_after_listing(descriptors, rest, appts)
                if picked is None and task == "cancel":
                    picked = _other_than_the_one_kept(u, appts)
                if picked is None:
                    picked = pick_appointment(appts, descriptors or u) or _ruled_out_appointment(
                        u, appts
                    )
                if picked is None and task in ("cancel", "reschedule"):
                    picked = _cant_make_held(u, appts)
                    if picked is not None and task == "reschedule" and descriptors is None:
                        # "I can't do the 10th anymore, can it go to the 11th?": the day held
                        # is the one moved, the other day said is where it goes
                        moved_to = u.when
                elif picked is not None and task == "cancel" and (u.no or u.correction):
                    # "cancel the 8th - hang on, no, that one's fine, it's the 11th I can't
                    # do": the one taken back is kept, the one they can't make is meant
                    cant = _cant_make_held(u, appts)
                    if cant is not None and cant is not picked:
                        picked, put_right = cant, True
                if picked is None and descriptors is not None:
                    picked = _nearest_to_the_day(u, descriptors, appts)
                anchor = beside_anchor(u.beside, appts, None) if u.beside is not None else None
                if picked is None and anchor is not None and len(appts) == 2:
                    # "move it to the same day as the Tuesday one": of two, the one not named
                    picked = next(a for a in appts if a is not anchor)
            if picked is not None and s.target is None:
                s.target = picked.code
                s.progressed = True
                when = moved_to or (rest if descriptors is not None else When())
                if descriptors is None and u.beside is not None and u.ordinal is not None:
                    # "whichever's sooner, to the day after the other one, at the same time":
                    # picked by its place, what else is said is where it goes
                    when = u.when
            elif (
                descriptors is None
                and u.ordinal is not None
                and not u.when.empty
                and first_after is None
            ):
                # "the later one, to the following Monday": the one picked by its place, and
                # the day said is where it goes
                picked = pick_appointment(appts, _without_when(u))
                if picked is not None:
                    s.target = picked.code
                    s.progressed = True
                    when = _following_from(u, picked.day)
            elif descriptors is not None and task == "reschedule" and not together:
                # "move my appointment on Monday the 7th at eleven" with none held then: the
                # day and hour described are not where it goes
                when = _split_mentions(
                    u, appts, refusing=s.asked in ("datetime", "day", "time"), as_said=True
                )[1]
        elif descriptors is not None and _describes_held(descriptors, appts) and not together:
            when = rest  # "my Friday one to Monday": Friday named the appointment
        if (
            s.target is not None
            and len(appts) > 1
            and (u.no or u.correction)
            and descriptors is not None
            # ("I only need the first two now, so take off the last two": the first two are
            # those kept of the set named, not another one meant)
            and not named_set
            and not put_right
            # ("Monday's no good now - could you move both of them": a no to the day, with
            # the set moved together)
            and not together
        ):
            # "no, the Wednesday one": the caller meant another appointment
            other = pick_appointment(appts, descriptors)
            if other is not None and other.code != s.target:
                s.target = other.code
                s.progressed = True
        elif (
            task == "cancel"
            and s.target is not None
            and len(appts) > 1
            and (u.no or u.correction)
            and u.when.day is not None
            and not named_set
            and not put_right
            and not _only_that_one_needed(u, u.when.day)
        ):
            # "no, sorry - the 17th, not the 10th": at a cancel, the caller named the day of
            # another of their appointments (a move's "no, the 17th" is where it goes)
            others = [a for a in appts if a.day in u.when.day.dates and a.code != s.target]
            if len(others) == 1 and s.target_appt() not in others:
                s.target = others[0].code
                s.progressed = True
        target = s.target_appt()
        if target is not None and descriptors is None and when is u.when:
            when = _without_target(u, target, keep_refused=s.asked in ("datetime", "day", "time"))
            if (
                when.empty
                and not u.when.empty
                and s.asked in ("datetime", "day")
                and task == "reschedule"
                and u.when.day is not None
                and u.when.day.exact == target.day
                and not u.when.day.negated
                and (u.when.time is None or u.when.time.at != target.start)
            ):
                # "just move it to the next one you have today then" to "what day and time
                # instead?": that same day, not a description of the appointment
                when = u.when
        # the day said describes the appointment: named as one ("my Friday one"), or any day
        # said with a cancellation or a code question (they have no new day)
        described = descriptors or (u if task in ("cancel", "code") else None)
        ident = s.identity
        if (
            task == "reschedule"
            and descriptors is not None
            and ident.name_from_account
            and not ident.name_confirmed
        ):
            # "the one I've got on the 3rd at 10" to an account found by a number alone: the
            # hour said on with it is the caller's description too, held or not
            described = (
                _split_mentions(
                    u, appts, refusing=s.asked in ("datetime", "day", "time"), as_said=True
                )[0]
                or descriptors
            )
        if described is not None and s.target is None and appts:
            _note_no_appointment_on(s, described, appts)
            if s.by_ear:
                _near_sounding_held(s, described, appts, said_at=_times_said(u))
        elif described is not None and target is not None:
            # the only one, taken whatever was said of it ("my 3 o'clock" for a 10 AM)
            _note_no_appointment_on(s, described, [target], holder_only=True, held=appts)
        if task == "reschedule" and target is not None and descriptors is not None:
            held_days = {a.day for a in appts if a.code != target.code} | {
                was for code, (was, _) in s.moved_from.items() if code != target.code
            }
            when = _weekday_of_its_week(u, when, target, held_days)
        described_at = descriptors.when.time if descriptors is not None else None
        if (
            task == "reschedule"
            and target is not None
            and descriptors is not None
            and described_at is not None
            and not described_at.negated
            and described_at.at == target.start
            and when.day is not None
            and when.time is None
            and not when.windows
            and not when.or_times
            and all(t in descriptors.times for t in u.times)  # (no other hour or part of day)
        ):
            # "move my Thursday 2 o'clock to Friday": a new day alone keeps the hour it is at
            when = dataclasses.replace(when, time=described_at)
    if task in ("cancel", "code", "list"):
        return
    just_before = task == "book" and acts.RIGHT_BEFORE.search(u.text.lower()) is not None
    ref = _reference_appointment(s) if task == "book" and (u.right_after or just_before) else None
    if ref is not None:
        # "could he come right after me?": the hour after the one just booked, that day
        # ("just before his": the hour before it)
        at = _hour_after(ref.start)
        if just_before and not u.right_after:
            at = _hour_before(ref.start)
        s.request.days, s.request.at = (ref.day,), at
        s.request.window, s.request.earliest, s.request.same_time = None, False, False
        s.proposal = s.accepted = None
        s.progressed = True
        return
    held_named = s.target_appt()
    if (
        task == "change"
        and u.cant_make
        and (
            _names_the_held_again(when, held_named)
            # "my appointment next week, I won't be able to come": the week it is in
            or (
                _day_of_my_appointment(u, when)
                and (
                    held_named is None
                    or (when.day is not None and held_named.day in when.day.dates)
                )
            )
        )
    ):
        # "I've an appointment Wednesday at one and I won't be able to come. I won't be able to
        # come on Wednesday": the day held said again, not where it goes (move or cancel asked)
        return
    if task == "change" and not when.empty:
        s.task = "reschedule"
        task = "reschedule"
    if task is None and s.asked in ("time", "day", "datetime", "choose_time"):
        task = s.task = "book"
    if task is None:
        return
    like = None
    if task == "book" and re.search(r"\bsame time as\b", u.text.lower()) and s.upcoming():
        # "Wednesday next week, same time as my Monday one"
        desc, rest = _split_mentions(u, s.upcoming())
        like = pick_appointment(s.upcoming(), desc) if desc is not None else None
        if like is not None:
            when = rest
        elif (named := _LIKE_WEEKDAY.search(u.text.lower())) is not None:
            # (the understanding does not take "my Friday one" there for the day asked for)
            weekday = WEEKDAY_WORDS.index(named.group(1))
            alike = [a for a in s.upcoming() if a.day.weekday() == weekday]
            like = alike[0] if len(alike) == 1 else None
        elif len(s.upcoming()) == 1 and _MY_OTHER_ONE.search(u.text.lower()):
            like = s.upcoming()[0]  # "same time as my other one": the one they have
    same_time = when.time is not None and when.time.same
    if (
        same_time
        and task == "book"
        and like is None
        and s.proposal is None
        and not s.offered
        and not s.upcoming()
        and (
            s.request.window is not None
            or s.request.earliest
            or s.request.latest
            or s.request.at is not None
        )
    ):
        # "same time on the Tuesday, would that work?" with no appointment or offer to be the
        # same as: the time the caller asked for before ("the earliest afternoon"), kept
        when = dataclasses.replace(when, time=None)
        same_time = False
    count_from = _held_counted_from(s, u) if task == "book" and like is None else None
    if count_from is not None and shift is not None:
        # "I've got Wednesday the 2nd at three, and I want another one the week after, same
        # day, same time": the day of one they hold, said to count from - not the day wanted
        said_at = when.time.at if when.time is not None else None
        s.request.merge(dataclasses.replace(when, day=None))
        s.request.days, s.request.shift_days = (count_from.day + timedelta(days=shift),), None
        s.request.same_day = False
        if same_time or said_at is None or said_at == count_from.start:
            s.request.at, s.request.same_time, s.request.window = count_from.start, False, None
        s.proposal = s.accepted = None
        s.progressed = True
        return
    ref = _reference_appointment(s) if task == "book" and like is None else None
    if ref is not None and (when.day is None and shift is not None or same_time):
        # "book me another one two weeks after that, same time" after their appointment was
        # read out: counted from that appointment ("one on Friday at the same time": its hour)
        s.request.merge(when)
        if shift is not None and (when.day is None or when.day.same and not when.day.dates):
            # ("the same again the week after? same day, same time": its weekday, a week on)
            s.request.days, s.request.shift_days = (ref.day + timedelta(days=shift),), None
            s.request.same_day = False
        if same_time:
            s.request.at, s.request.same_time = ref.start, False
            day = when.day
            if day is not None and len(day.dates) >= 5 and not day.from_weekday:
                # "same time next week": a week after that appointment, on its weekday
                s.request.days = (ref.day + timedelta(days=7),)
        s.proposal = s.accepted = None
        s.progressed = True
        return
    if (
        task in (None, "book", "availability")
        and when.day is None
        and shift is not None
        and len(s.request.days) == 1
    ):
        # "what about the next day?" while a day is being looked at: the day after that one
        s.request.merge(when)
        s.request.days = (s.request.days[0] + timedelta(days=shift),)
        s.request.shift_days = None
        s.proposal = s.accepted = None
        s.progressed = True
        return
    if (
        u.after_held
        or u.after_other
        or u.beside is not None
        or u.later_that_week
        or u.nearby
        or u.before_held
    ) and task == "reschedule":
        s.request.after_held = s.request.after_held or u.after_held
        s.request.after_other = s.request.after_other or u.after_other
        s.request.beside = u.beside or s.request.beside
        if u.before_held:
            s.request.before_held = s.request.only_days = True
        s.request.only_days = s.request.only_days or u.only_that_day
        s.request.later_that_week = s.request.later_that_week or u.later_that_week
        s.request.nearby = u.nearby or s.request.nearby
        s.proposal = s.accepted = None
        s.progressed = True
    held = s.target_appt() if task == "reschedule" and u.cant_make else None
    first_free = (when.day is not None and when.day.earliest) or (
        when.time is not None and when.time.earliest
    )
    if (
        held is not None
        and first_free
        and (when.day is None or not (when.day.dates or when.day.same))
        and (when.time is None or when.time.at is None)
    ):
        # "I can't make tomorrow's appointment, put me in whenever's next": not that day
        s.request.rejected_days.add(held.day)
    last_made = (
        s.done[-1][1].day
        if s.done and s.done[-1][0] in ("booked", "rescheduled") and s.done[-1][1].active
        else None
    )
    if (
        task in ("book", "availability")
        and when.day is not None
        and when.day.same
        and not when.day.dates
        and (
            s.proposal is not None
            and s.proposal.day is not None
            or len(s.request.days) == 1
            or last_made is not None
        )
    ):
        # "could it be the afternoon instead, same day?" to "shall I book Tuesday at 9?": the
        # day proposed (or the one day asked for), not a day of an appointment being moved;
        # "another one straight after, the same day" once one is booked: the day just booked
        proposed = s.proposal.day if s.proposal is not None else None
        that_day = proposed or (s.request.days[0] if len(s.request.days) == 1 else last_made)
        assert that_day is not None
        when = dataclasses.replace(
            when, day=dataclasses.replace(when.day, dates=(that_day,), same=False)
        )
    before = (s.request.days, s.request.at, s.request.window)
    _soonest_anywhere(s, u, when)
    if like is not None:
        s.request.merge(when, day_shift=shift)
        s.request.at, s.request.same_time, s.request.window = like.start, False, None
        after_it = _WEEKDAY_AFTER_IT.search(u.text.lower())
        if after_it is not None and when.day is not None and when.day.from_weekday:
            # "same time as my other one, but on the Monday after it": the first Monday after
            # that appointment, not the coming one
            weekday = WEEKDAY_WORDS.index(after_it.group(1))
            s.request.days = (_first_weekday_after(like.day, weekday),)
        s.progressed = True
        return
    if s.request.merge(when, day_shift=shift):
        s.progressed = True
    _to_the_held_week(s, u, when)
    _in_the_week_of_the_held(s, when)
    if s.progressed and before != (s.request.days, s.request.at, s.request.window):
        s.proposal = None
        s.accepted = None


_EARLIEST_YOU_CAN: Final = re.compile(
    r"\b(?:the )?(?:earliest|soonest|first) (?:one |slot |time |opening |appointment )?"
    r"(?:(?:you|u) (?:can|could)|you (?:have|ve) got|youve got|you have|u have|you got"
    r"|available|going)\b|\bas (?:soon|early) as (?:you|u) (?:can|could)\b"
)
_ASKED_ABOUT: Final = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:whats|what|is|when|which|hows)\b")
_WIDER: Final = re.compile(r"\b(?:forget|any ?(?:day|time|thing|where|one)|whatever|instead)\b")


def _soonest_anywhere(s: DialogueState, u: Understanding, when: When) -> None:
    """ "No, actually, the earliest you can", "forget Tuesday, the earliest you've got": the
    soonest opening on any day, not the first on the day (or the part of it) asked for
    before. Only with the day given up (a no, a correction, "forget", "any day"): "just the
    earliest you have" after "Tuesday afternoon" is that afternoon's earliest. Not a question
    about that day ("what's the earliest you've got?": its first time), nor with a day or
    time said beside it."""
    day = when.day
    if day is None or not day.earliest or day.dates or when.time is not None:
        return
    if not s.request.days or s.request.soonest:
        return
    line = " ".join(t.text for t in u.tokens)
    if not _EARLIEST_YOU_CAN.search(line) or _ASKED_ABOUT.search(line) or u.questions:
        return
    if u.yes and not u.no:
        return  # "yes, the earliest you've got is fine": the one read back
    widened = bool(_WIDER.search(line))
    if not (u.no or u.correction or widened):
        return  # "Tuesday afternoon" ... "just the earliest you have": the earliest of that
    s.request.days = ()
    s.request.at = None
    s.request.by_weekday = False
    if u.no or widened:
        s.request.window = None  # "no, actually, any time - the earliest you can"
    s.progressed = True


_SAME_WEEK: Final = re.compile(
    r"\b(?:(?:that|the) same week|same week as (?:it|that|that one|the (?:appointment|one)"
    r"|my (?:appointment|one)))\b"
)
_NOT_THAT_WEEK: Final = re.compile(
    r"\b(?:not|cant|cannot|away|busy)(?: (?:do|make|come|be|in|during|on))?"
    r" (?:that|the) same week\b"
)
"""That week ruled out ("I'm away that same week", "not the same week")."""


def _to_the_held_week(s: DialogueState, u: Understanding, when: When) -> None:
    """ "That same week, if you can" while an appointment is being moved, no day said with
    it: the week of that appointment (the weekdays asked for before, in that week; every
    weekday of it if none were), not the coming one."""
    if s.task != "reschedule" or (when.day is not None and when.day.dates):
        return
    held = s.target_appt()
    line = " ".join(t.text for t in u.tokens)
    if held is None or not _SAME_WEEK.search(line) or _NOT_THAT_WEEK.search(line):
        return
    monday = held.day - timedelta(days=held.day.weekday())
    weekdays = {d.weekday() for d in s.request.days}
    days = tuple(
        d
        for d in (monday + timedelta(days=k) for k in range(5))
        if (not weekdays or d.weekday() in weekdays)
        and d >= s.today
        and d not in s.request.rejected_days
    )
    if days and days != s.request.days:
        s.request.days = days
        s.request.soonest = False
        s.progressed = True


def _in_the_week_of_the_held(s: DialogueState, when: When) -> None:
    """ "I've one on a Monday, this coming one or the one after - move it to the Wednesday of
    that week": "that week" was taken as the week of the coming Monday, before the caller's
    appointments were known; the one being moved is on the other Monday, so that weekday of
    its week is meant."""
    day = when.day
    if s.task != "reschedule" or day is None or day.week_of is None or day.exact is None:
        return
    held = s.target_appt()
    taken = day.week_of
    if held is None or held.day == taken or held.day.weekday() != taken.weekday():
        return
    if s.request.days != (day.exact,):
        return
    moved = day.exact + (held.day - taken)
    if moved >= s.today:
        s.request.days = (moved,)
        s.progressed = True


_MY_OTHER_ONE: Final = re.compile(
    r"\bsame time as (?:my|the) (?:other|existing|current|first)(?: one| appointment| booking)?\b"
)
_WEEKDAY_AFTER_IT: Final = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday) (?:after|following) (?:it|that|that one"
    r"|this one|the other one|mine|hers|his|theirs)\b"
)
"""A weekday counted from the appointment named beside it ("the Monday after it")."""


def _hour_after(start: time) -> time:
    return time(min(start.hour + 1, 23), start.minute)


def _hour_before(start: time) -> time:
    return time(max(start.hour - 1, 0), start.minute)


_FIRST_AFTER: Final = re.compile(
    r"\bthe (?:first|next|earliest) (?:one|appointment|appt|booking|visit)"
    r" (?:i have |ive got |i ve got |of mine )?(?:after|following|past) (?:the )?$"
)
"""One of theirs named by the day before it ("the first one after New Year", "the next
appointment after the 5th"): the words just before that day."""


def _first_held_after(said: str, u: Understanding, appts: list[Appt]) -> tuple[Appt, When] | None:
    """The first held appointment after the day said ("the first one after New Year"), and
    what else the line says, which is where it goes; None where no day is said that way."""
    words = said.split(" ")
    for d in u.days:
        if not d.dates or d.negated or not _FIRST_AFTER.search(" ".join(words[: d.start]) + " "):
            continue
        later = sorted((a for a in appts if a.day > max(d.dates)), key=lambda a: (a.day, a.start))
        if not later:
            return None
        when = dataclasses.replace(u.when, day=None) if u.when.day is d else u.when
        return later[0], when
    return None


_ONLY_KEEP: Final = re.compile(
    r"\b(?:i )?(?:only|just) (?:need|want|keep|want to keep|need to keep)\b"
    r"|\bi (?:ll|will) keep\b|\b(?:keep|keeping) the\b"
)
"""The one a caller keeps, said beside the one to cancel ("I only need the morning one")."""


def _all_new(u: Understanding) -> bool:
    """Every day said comes after "to" (or starts a sentence), or is "the same day" (the one
    moved's, "can the early one go into the afternoon, same day"): where to, not which one."""
    words = [t.text for t in u.tokens]

    def new(start: int) -> bool:
        if u.tokens[start].breaks_before:
            return True
        while start > 0 and words[start - 1] in ("the", "following", "next", "this", "coming"):
            start -= 1
        return start > 0 and (bool(_SPLIT.match(words[start - 1])) or u.tokens[start].breaks_before)

    return all(d.same or new(d.start) for d in u.days)


def _by_its_month(said: str, u: Understanding, appts: list[Appt]) -> bool:
    """Whether an appointment is named by its month ("the December one", "my January
    appointment") beside days said that none of the caller's bookings are on."""
    if not u.months or not _MONTH_ONE.search(said):
        return False
    held = {a.day for a in appts}
    return not any(held & set(d.dates) for d in u.days)


_MONTH_ONE: Final = re.compile(
    rf"\b(?:the|my) (?:{'|'.join(MONTH_NAMES)}) (?:one|appointment|appt|booking|visit)\b"
    rf"|\bthe one (?:in|for) (?:{'|'.join(MONTH_NAMES)})\b"
)
"""An appointment named by its month: "the December one", "the one in January"."""

_AFTER_IT: Final = frozenset(
    {"next", "the", "my", "his", "her", "our", "their", "this", "christmas", "new", "easter"}
)
"""Words after "Monday after" that say after what ("after next", "after the 10th"): not the
appointment's."""


def _weekday_of_its_week(
    u: Understanding, when: When, held: Appt, others: Collection[date] = ()
) -> When:
    """The weekday an appointment is moved to, said with no date, where the nearest one is
    before the appointment: "move my Thursday appointment to Friday" is the Friday of its
    week (not the Friday a week before it), "to the Friday" and "to the Monday after" the
    first one after it. "This", "next" or "coming" said keeps the day as said, and so do
    "bring it forward to", "earlier", and the day of another appointment the caller holds or
    held at the start of the call (``others``: "Monday's to Thursday and Thursday's to Monday"
    swaps the two); "Tuesday's to Monday" with the Monday of its week nearest stays it."""
    day = when.day
    if day is None or not day.from_weekday or day.exact is None or day.exact >= held.day:
        return when
    words = [t.text for t in u.tokens]
    # "to Thursday ... not Thursday - Friday for that one": the day said in place of one turned
    # down is where it goes as much as one after "to"
    put_right = any(d.negated and d.from_weekday and d.end == day.start for d in u.days)
    if day.start == 0 or (words[day.start - 1] not in _MOVED_TO and not put_right):
        return when
    k = day.end - 1 if words[day.end - 1] == "after" else day.end
    after = k < len(words) and words[k] == "after"
    if after and (k + 1 == len(words) or words[k + 1] not in _AFTER_IT):
        pass  # "to the Monday after": after the appointment, as below
    elif any(w in _THIS_OR_NEXT for w in words[max(0, day.start - 3) : day.end + 2]):
        return when
    if any(w in _SOONER for w in words):
        return when  # "bring it forward to Friday": before it
    if day.exact in others:
        return when
    if not after and words[day.start - 1] != "the":
        # "to Friday": that day of the appointment's own week, where the nearest is before it
        monday = held.day - timedelta(days=held.day.weekday())
        if day.exact >= monday or day.exact.weekday() == held.day.weekday():
            return when
        own = monday + timedelta(days=day.exact.weekday())
        return dataclasses.replace(when, day=dataclasses.replace(day, dates=(own,)))
    later = held.day + timedelta(days=(day.exact.weekday() - held.day.weekday()) % 7 or 7)
    if (later - held.day).days >= 7:
        return when
    return dataclasses.replace(when, day=dataclasses.replace(day, dates=(later,)))


_THIS_OR_NEXT: Final = frozenset(
    {"this", "next", "coming", "week", "before", "after", "following", "tomorrow", "today"}
)
_MOVED_TO: Final = frozenset({"the", "to", "till", "until", "into"})
"""Words before the weekday an appointment is moved to ("to Friday", "to the Friday")."""
_SOONER: Final = frozenset(
    {"forward", "forwards", "fwd", "earlier", "sooner", "before", "prepone", "up"}
)
"""A move asked to come sooner: the weekday said is the one before the appointment."""


def _following_from(u: Understanding, day: date) -> When:
    """ "The later one, the following Monday", "the December one, the Monday after": the
    first Monday after that appointment."""
    from dataclasses import replace

    words = [t.text for t in u.tokens]
    days = list(u.days)

    def following(d: DayMention) -> bool:
        if words[d.start] == "following":
            return True
        # "the Monday after (that)", not "the Monday after next" or "after the 10th"
        return (
            d.end < len(words)
            and words[d.end] == "after"
            and (d.end + 1 == len(words) or words[d.end + 1] not in _AFTER_IT)
            and not (d.end + 1 < len(words) and words[d.end + 1][:1].isdigit())
        )

    for k, d in enumerate(days):
        if d.from_weekday and d.exact is not None and following(d):
            weekday = d.exact.weekday()
            days[k] = replace(d, dates=(day + timedelta(days=(weekday - day.weekday()) % 7 or 7),))
    return resolve(days, list(u.times)) if days != list(u.days) else u.when


_WEEK_WORDS: Final = frozenset({"week", "weeks", "fortnight"})


_MY_HELD_WORDS: Final = frozenset({"appointment", "appt", "booking", "visit", "one"})


def _day_of_my_appointment(u: Understanding, when: When) -> bool:
    """The day said right after "my appointment" and nothing more: "my appointment next week,
    I won't be able to come", "my booking on Tuesday - I can't make it" (no hour, no other day,
    nothing wished) names the one held, not where it goes."""
    day = when.day
    if day is None or when.time is not None or len(u.days) != 1 or when.windows:
        return False
    if day.negated or day.earliest or day.same or day.shift_days:
        return False
    words = [t.text for t in u.tokens]
    k = day.start
    while k > 0 and words[k - 1] in ("on", "for", "this", "next", "the", "in"):
        k -= 1
    return k >= 2 and words[k - 1] in _MY_HELD_WORDS and words[k - 2] in ("my", "our")


def _names_the_held_again(when: When, target: Appt | None) -> bool:
    """The day (and hour) of the appointment held, and nothing more: no other day or hour, no
    part of the day, no earliest or latest, no shift."""
    day, at = when.day, when.time
    return (
        target is not None
        and day is not None
        and day.exact == target.day
        and not (day.negated or day.earliest or day.same or day.shift_days)
        and (
            at is None
            or (at.at == target.start and at.window is None and not (at.earliest or at.latest))
            and not (at.same or at.shift_minutes or at.negated)
        )
        and not (when.rejected_days or when.rejected_times or when.windows or when.or_times)
        and not when.ranked
    )


_BEFORE_A_DAY: Final = frozenset({"on", "this", "next", "the", "for", "that"})


def _without_target(u: Understanding, target: Appt, *, keep_refused: bool = False) -> When:
    """The day and time said, minus those that only name the appointment being changed
    ("my Friday appointment": Friday is not where it moves to)."""
    words = [t.text for t in u.tokens]

    def new(start: int) -> bool:
        # (over "the following", "next": "push it to the following Thursday")
        while start > 0 and words[start - 1] in ("the", "following", "next", "this", "coming"):
            start -= 1
        return start > 0 and bool(_SPLIT.match(words[start - 1]))

    days = [
        d
        for d in u.days
        if new(d.start)
        # "not Tuesday, not Thursday" to "what day instead?" for a Tuesday appointment: turned
        # down (said with the request, "Thursday's too early for me" only names it)
        or (keep_refused and d.negated)
        or words[d.end - 1] in ("after", "that")  # "the Friday after": counted from it
        or words[d.start] == "following"  # "the following Wednesday": the one after it
        or not (
            d.exact == target.day
            or (
                d.from_weekday
                and d.exact is not None
                and d.exact.weekday() == target.day.weekday()
                # ("Friday next week", "Wednesday the week after" for a Friday or Wednesday
                # one: its week said, another day than the one held)
                and not _WEEK_WORDS.intersection(words[d.start : d.end])
            )
        )
    ]
    # a time said after another day goes with that day ("make it Wednesday, at eleven" for
    # a Monday 11 AM appointment): it is where it moves to, not the appointment's own time
    other_days = [d.start for d in days if d.exact is not None and d.exact != target.day]
    times = [
        t
        for t in u.times
        if new(t.start)
        or t.negated  # "nine's too early": turned down, whatever it names
        or (t.at is None and not _part_of_its_day(t, u.days, days, target))
        or t.at != target.start
        or any(t.start > start for start in other_days)
        # "one o'clock on Wednesday" for a Thursday 1 PM appointment: the time said just
        # before another day goes with it, as after it
        or any(
            t.end <= start <= t.end + 2 and set(words[t.end : start]) <= _BEFORE_A_DAY
            for start in other_days
        )
        # "move it to Thursday at two": the time said with the day it moves to goes there too
        # (the same as the appointment's: that is for the caller to hear, not to drop)
        or any(new(d.start) and d.end <= t.start <= d.end + 1 for d in days)
    ]
    if len(days) == len(u.days) and len(times) == len(u.times):
        return u.when
    return ranked_choices(u.tokens, days, times) or resolve(days, times)


def _part_of_its_day(
    t: TimeMention, said: tuple[DayMention, ...], kept: list[DayMention], target: Appt
) -> bool:
    """ "Tomorrow morning's appointment": the part of the day said with the appointment's own
    day (that day not kept as where it goes) and holding its time names it too."""
    if t.window is None or not t.window[0] <= target.start < t.window[1]:
        return False
    return any(d.exact == target.day and d not in kept and d.end == t.start for d in said)


def _said_just_before(
    d: DayMention, named_times: Sequence[TimeMention], stop: int | None = None
) -> bool:
    """ "Tomorrow morning's appointment", "Friday 9 o'clock one": the day said just before a
    time that names the appointment (one starting before ``stop``, where given)."""
    return any(d.end == t.start and (stop is None or t.start < stop) for t in named_times)


def _held_through_clash(s: DialogueState, clash: WeekdayClash, appts: list[Appt]) -> bool:
    """ "Cancel my appointment on Tuesday the 3rd" when the 3rd is a Sunday and the caller
    holds Tuesday the 5th: of the days the clash could mean (the date, that weekday near it,
    the coming one), the one they hold is the appointment, said back with the clash so the
    yes is to that day. Holding two of them ("Wednesday the 11th" with Wednesday the 9th and
    Friday the 11th both held), the clash is said and which one is asked: True (not picked
    by the date alone). Holding none, nothing here."""
    if clash.passed is not None:
        return False
    days = {d for d in (clash.near, clash.dated, clash.weekday) if d is not None}
    held = [a for a in appts if a.day in days]
    if not held:
        return False
    dated = clash.dated
    s.notes.append(
        f"Just to check: {say_date(dated, with_weekday=False)} is a {dated.strftime('%A')},"
        f" not a {clash.weekday.strftime('%A')}."
    )
    s.progressed = True
    if len(held) > 1:
        return True
    s.target = held[0].code
    return False


_NEAREST_TO: Final = re.compile(
    r"\b(?:nearest|closest)(?: one| appointment)? to (?:it|that|then"
    r"|the \d{1,2}(?:st|nd|rd|th)?)\b"
)
"""A held appointment named by a date it lies near ("the appointment nearest to it", "the
closest one to the 14th")."""


def _nearest_to_the_day(
    u: Understanding, described: Understanding, appts: list[Appt]
) -> Appt | None:
    """ "My birthday's on the 14th, so the appointment nearest to it - move that one": none is
    held on the day said; the one held nearest it (within a week, and nearer than any other)."""
    named = described.when.day
    day = named.exact if named is not None and not named.negated else None
    if day is None or _NEAREST_TO.search(u.text.lower()) is None:
        return None
    if any(a.day == day for a in appts):
        return None
    by_gap = sorted(appts, key=lambda a: abs((a.day - day).days))
    if not by_gap or abs((by_gap[0].day - day).days) > 7:
        return None
    if len(by_gap) > 1 and abs((by_gap[1].day - day).days) == abs((by_gap[0].day - day).days):
        return None
    return by_gap[0]


def _note_no_appointment_on(
    s: DialogueState,
    described: Understanding,
    appts: list[Appt],
    *,
    holder_only: bool = False,
    held: list[Appt] | None = None,
) -> None:
    """ "Cancel my appointment next Friday" when the account holds none that Friday (a misdialled
    number, a misremembered day): say so before asking about the one they have, so a hurried
    yes does not cancel or move a different appointment than the one the caller meant.

    To an account found by a number alone, what does not match (the day, or a time said that
    none of them is at) is not followed by what it holds: the name on it is asked first
    (``Identity.holder_check``). ``holder_only``: that check alone (a question about their
    appointments, which are read out, not changed); ``held``: every appointment on the
    account, where ``appts`` is the one taken - a day or time described that the account holds
    ("Monday and the Wednesday after ... cancel the Monday") is no sign of another patient's
    number, whichever of them was taken. A near miss (a day one off, an hour off)
    asks the name too: a misdialled digit lands as readily on a patient booked near the
    caller's day as on any other, and the holder a day off gives their name and hears theirs
    (privacy56; before, it was read out as the holder's own slip)."""
    named = described.when.day
    day = named.exact if named is not None and not named.negated else None
    said_time = described.when.time
    at = said_time.at if said_time is not None and not said_time.negated else None
    on_day = [a for a in appts if day is None or a.day == day]
    if day is not None and not on_day and named is not None and named.from_weekday:
        # "the Thursday one": the Thursday they hold, whichever week (as pick_appointment)
        on_day = [a for a in appts if a.day.weekday() == day.weekday()]
    note = None
    if day is not None and not on_day:
        note = f"I don't see an appointment on {say_date(day)}."
    elif at is not None and not any(a.start == at for a in on_day):
        where = f" on {say_date(day)}" if day is not None else ""
        note = f"I don't see an appointment at {say_time(at)}{where}."
    if note is not None and _holds_as_said(
        held or appts, day, at, month_read=named is not None and _month_unsaid(named, described)
    ):
        return
    ident = s.identity
    if note is None:
        if (day is not None or at is not None) and ident.holder_check is not None:
            # asked the name, the caller put their own day right ("oh, the 11th?", "2, right,
            # sorry"): what they describe now is on the account, as if said at first; what it
            # holds may be said (nothing of it was, and the caller named it)
            ident.holder_check = None
            ident.holder_says = False
        return
    untold = s.welcomed or s.asked == "request"  # nothing it holds said yet
    if (
        ident.name_from_account
        and not ident.name_confirmed
        and untold
        and described.ordinal is None  # "the second of my two": a place, read as a date too
    ):
        # found by a number alone, and not as the caller described it (a wrong digit can be
        # another patient's number): the name on it is asked before anything it holds is said
        ident.holder_check = note
        ident.holder_says = day is not None and not holder_only and not on_day
        return
    if day is not None and not holder_only and not on_day:
        _say_no_appointment_on(s, note)


SOUND_ALIKE_DATES: Final = frozenset(
    frozenset(pair) for pair in [(n, n + 10) for n in range(3, 10)] + [(13, 30)]
)
"""Days of the month a recogniser takes for each other: "the fifth" and "the fifteenth", "the
thirteenth" and "the thirtieth"."""
SOUND_ALIKE_WEEKDAYS: Final = frozenset([frozenset((1, 3))])
"""Weekdays a recogniser takes for each other: Tuesday and Thursday (a recorded "The one on
Thursday" heard "the one on tuesday", voice27)."""


def _sounds_like_day(said: date, held: date, *, from_weekday: bool) -> bool:
    """Whether ``held`` is a day the day heard (``said``) may have been said as: its weekday
    alike and within a week of it, where a weekday was said; else its day of the month alike,
    in the same or a neighbouring month."""
    if from_weekday:
        alike = frozenset((said.weekday(), held.weekday())) in SOUND_ALIKE_WEEKDAYS
        return alike and abs((held - said).days) <= 7
    months = abs((held.year * 12 + held.month) - (said.year * 12 + said.month))
    return frozenset((said.day, held.day)) in SOUND_ALIKE_DATES and months <= 1


def _times_said(u: Understanding) -> set[time]:
    """The clock times said in ``u`` (not those said as not wanted)."""
    return {t.at for t in u.times if t.at is not None and not t.negated}


def _near_sounding_held(
    s: DialogueState, described: Understanding, appts: list[Appt], *, said_at: set[time]
) -> None:
    """A day heard by ear that none of the caller's appointments is on, where exactly one is on
    a day that sounds like it (Tuesday heard for Thursday, the fifth for the fifteenth): that
    one is said back as the one they hold and taken as the one meant, so the question that
    follows names it ("I don't see an appointment on Tuesday, December 1st, but I do see one
    on Thursday, November 26th. Shall I cancel your appointment on Thursday ...?") and only a
    yes to it acts. Before, the caller with two was asked which of them, by date and time -
    a second pass at the same word. A time said must be that one's; the holder check of an
    account found by a number alone (:func:`_note_no_appointment_on`) comes first;
    ``said_at``, the times said in the turn."""
    named = described.when.day
    if named is None or named.negated or named.exact is None:
        return
    said = named.exact
    note = f"I don't see an appointment on {say_date(said)}."
    if note not in s.notes:
        return  # a day they hold, or the holder's name asked first
    alike = [
        a
        for a in appts
        if _sounds_like_day(said, a.day, from_weekday=named.from_weekday) and said_at <= {a.start}
    ]
    if len(alike) != 1:
        return
    held = alike[0]
    s.notes[s.notes.index(note)] = (
        f"I don't see an appointment on {say_date(said)}, but I do see one on {say_date(held.day)}."
    )
    s.target = held.code
    s.progressed = True


def _holds_as_said(
    appts: list[Appt], day: date | None, at: time | None, *, month_read: bool = False
) -> bool:
    """One of ``appts`` is on the day said (when one was) at the time said (when one was).
    ``month_read``: the day was a date with no month said and no time ("the 29th"), read in
    the nearest month; one held on that date of another month is the one meant (the engine's
    reading of the month, not a sign of another patient's number)."""
    for a in appts:
        if (day is None or a.day == day) and (at is None or a.start == at):
            return True
        if month_read and day is not None and at is None and a.day.day == day.day:
            return True
    return False


def _month_unsaid(named: DayMention, u: Understanding) -> bool:
    """The day described was a date with no month said ("the 29th", "on the 3rd"), not a
    weekday, a span or a count: its month is the engine's reading."""
    if named.from_weekday or named.shift_days is not None or named.exact is None:
        return False
    said = [t.text for t in u.tokens[named.start : named.end]]
    return not MONTHS.keys() & set(said)


_NO_TIME: Final = "I don't see an appointment at "
_BARE_HOUR: Final = re.compile(
    r"^\W*(?:(?:oh|ah|um|uh|sorry|no|wait)\W+)*(1[0-2]|[1-9])\s*(?:,|\.|-|$|\s(?:right|sorry|not|then)\b)",
    re.I,
)


def _put_right(s: DialogueState, u: Understanding, appts: list[Appt]) -> None:
    """Asked the name on an account found by a number alone that did not hold what they
    described, the caller puts their own day or time right first ("Oh, 2, right, sorry. Monday
    at 3 please", "the 11th? yes, that one"): the first day or time said, where exactly one
    held appointment is on it, is that one, described as if said at first, and the name is
    not asked (what comes after it, a day to move to, is not read as a description)."""
    first: list[tuple[int, list[Appt]]] = []
    for d in u.days:
        if not d.negated and d.dates:
            first.append((d.start, [a for a in appts if a.day in d.dates]))
    for t in u.times:
        if not t.negated and t.at is not None:
            at = t.at
            on = [
                a for a in appts if a.start == at or (t.bare and a.start.hour % 12 == at.hour % 12)
            ]
            first.append((t.start, on))
    hour = _BARE_HOUR.match(u.text)
    if hour is not None and (s.identity.holder_check or "").startswith(_NO_TIME):
        # "Oh, 2, right, sorry" to "I don't see an appointment at 3 PM": an hour alone
        said = int(hour.group(1)) % 12
        first.append((-1, [a for a in appts if a.start.hour % 12 == said and a.start.minute == 0]))
    if not first:
        return
    _, held = min(first, key=lambda pair: pair[0])
    if len(held) != 1:
        return
    s.identity.holder_check = None
    s.identity.holder_says = False
    s.target = held[0].code
    s.progressed = True


def _say_no_appointment_on(s: DialogueState, note: str) -> None:
    if note not in s.notes:
        s.notes.append(note)


def _all_on(words: list[str], day: DayMention) -> bool:
    """ "All on Fridays", "both Fridays": the weekday the caller's bookings fall on."""
    return bool({"all", "both"} & set(words[max(0, day.start - 2) : day.start]))


def _split_mentions(
    u: Understanding, appts: list[Appt], *, refusing: bool = False, as_said: bool = False
) -> tuple[Understanding | None, When]:
    """For "move my Friday appointment to Monday at 10": the part that describes the
    appointment (Friday) and the part that asks for the new time (Monday at 10).
    ``as_said``: a day or time said on with the one named ("the one on the 3rd at 10") is
    taken into the description whether or not one held has both (for the check of an account
    found by a number alone: what the caller described, not what the account holds)."""
    from dataclasses import replace

    words = [t.text for t in u.tokens]
    days, times = list(u.days), list(u.times)
    if any(d.habit and _all_on(words, d) for d in days) and any(
        not d.habit and d.exact is not None for d in days
    ):
        # "I have a few with you, all on Fridays, and I need to cancel the one on the 4th":
        # the weekday they all fall on says nothing of which one; the date does
        days = [d for d in days if not (d.habit and _all_on(words, d))]

    held_at = {a.start for a in appts}
    # "make my Thursday one at eleven instead", none held at eleven: the hour said just
    # before "instead" is the new one, not the one held at it ("the one at ten")
    new_hours = [
        t
        for t in times
        if t.at is not None
        and held_at
        and t.at not in held_at
        and t.end < len(words)
        and words[t.end] == "instead"
    ]

    def splits(i: int, w: str) -> bool:
        if not _SPLIT.match(w) or i == 0:
            return False
        if w == "to" and _infinitive(words, i):
            return False  # "I need to move my Friday at 3 to Monday": not where it goes
        if w != "instead":
            return True
        # "the sixteenth instead" / "Monday instead of Friday": the day next to "instead" is
        # the new one, not the end of the appointment's description
        nxt = words[i + 1] if i + 1 < len(words) else ""
        spans = [(m.start, m.end) for m in days] + [(m.start, m.end) for m in times]
        if any(t.end == i for t in new_hours):
            return False
        if any(
            i - 4 <= end <= i and not _names_appointment(words, start, end) for start, end in spans
        ):
            # "could I have the last one of the day instead, same day": said just before
            # "instead", not naming one held ("my Monday one instead"), it is the new time
            return False
        return nxt != "of" and not any(d.end == i for d in days)

    split = next((i for i, w in enumerate(words) if splits(i, w)), None)

    def names_it(start: int, end: int) -> bool:
        # (not across a break: "the later one. Tuesday the 8th" names a new day)
        broken = 0 < start < len(u.tokens) and u.tokens[start].breaks_before
        return _names_appointment(words, start, end, after_only=broken)

    # "not the Friday one" names the appointment that is not meant (see _ruled_out_appointment)
    # "Friday instead of my Monday one" names the one held, moved (no longer turned down)
    days = [
        replace(d, negated=False)
        if d.negated and _in_place_of(words, d.start) and names_it(d.start, d.end)
        else d
        for d in days
    ]
    named_days = [d for d in days if names_it(d.start, d.end) and not d.negated]
    named_times = [t for t in times if names_it(t.start, t.end) and t not in new_hours]
    ends = {d.end for d in named_days} | {t.end for t in named_times}
    stop = next((i for i, w in enumerate(words) if i >= max(ends, default=0) and splits(i, w)), 0)
    if stop:
        # "my 9 o'clock on Wednesday to Thursday", "my Wednesday one at 9 to Friday": the day
        # or time said on with the appointment named, before the "to", describes it too

        def joined(start: int, end: int) -> bool:
            # (right beside it too: "my Friday 3 o'clock to Monday", "my 3 o'clock Friday")
            return end <= stop and any(
                e == start or words[e:start] in _JOINED for e in ends if e <= start
            )

        named_days += [
            d
            for d in days
            if d not in named_days
            and not d.negated
            # ("tomorrow morning's appointment ... and I don't want to come": the day said
            # just before the part of the day naming it)
            and (joined(d.start, d.end) or _said_just_before(d, named_times, stop))
        ]
        named_times += [t for t in times if t not in named_times and joined(t.start, t.end)]
    elif (named_days or named_times) and appts:
        # no "to" after it: "cancel my 11 o'clock on the 7th", "my Monday one at 11" - the
        # day or time said on with the one named describes it too, when one held has both
        named_days, named_times = _said_on_with(
            words, days, times, named_days, named_times, [] if as_said else appts
        )
    if named_days and appts:
        # "the Tuesday one. No, sorry, the other one, the Thursday": the one said after the
        # correction is meant (where it goes, after "to", is not)
        fix = next(
            (
                i
                for i, w in enumerate(words)
                if i >= named_days[-1].end and w in ("no", "sorry", "mean", "actually")
            ),
            None,
        )
        if fix is not None:
            stop = split if split is not None and split > fix else len(words)
            held = {a.day for a in appts}
            meant = [d for d in days if fix < d.start < stop and not d.negated and d.exact in held]
            if meant:
                named_days = meant
    if named_days or named_times:
        rest_days = [d for d in days if d not in named_days]
        rest_times = [t for t in times if t not in named_times]
        weeks_out = {day for d in rest_days if d.negated and len(d.dates) > 1 for day in d.dates}
        if (
            weeks_out
            and all(d.negated for d in rest_days)
            and any(a.day in weeks_out for a in appts)
            and all(d.from_weekday for d in named_days)
        ):
            # "my Thursday appointment... not this week, the one after" for this week's
            # Thursday: the week it is in turned down, so that weekday in a week after it
            rest_days += named_days
        desc = replace(
            u,
            when=resolve(named_days, named_times),
            days=tuple(named_days),
            times=tuple(named_times),
        )
        return desc, ranked_choices(u.tokens, rest_days, rest_times) or resolve(
            rest_days, rest_times
        )
    if split is not None:
        before_days = [d for d in days if d.end <= split]
        before_times = [t for t in times if t.end <= split]
        after_days = [d for d in days if d.start > split]
        after_times = [t for t in times if t.start > split]
        if (before_days or before_times) and (after_days or after_times):
            desc = replace(
                u,
                when=resolve(before_days, before_times),
                days=tuple(before_days),
                times=tuple(before_times),
            )
            return desc, ranked_choices(u.tokens, after_days, after_times) or resolve(
                after_days, after_times
            )
    # no "to": a day matching an appointment describes it when another day is also given
    if len(days) >= 2 and appts:
        held = {a.day for a in appts}
        # ("anything but Friday, this week" to "what day instead?" for a Friday appointment:
        # Friday is turned down; "my Monday one, I can't make it" names it)
        desc_days = [d for d in days if d.exact in held and not (refusing and d.negated)]
        new_days = [d for d in days if d not in desc_days]
        if desc_days and new_days:
            desc = replace(u, when=resolve(desc_days, []), days=tuple(desc_days), times=())
            return desc, resolve(new_days, times)
    return None, u.when


def _said_on_with(
    words: list[str],
    days: list[DayMention],
    times: list[TimeMention],
    named_days: list[DayMention],
    named_times: list[TimeMention],
    appts: list[Appt],
) -> tuple[list[DayMention], list[TimeMention]]:
    """The days and times naming an appointment, with those said right on after them ("my 11
    o'clock on the 7th", "my Monday one at 11") when one appointment held has them all."""
    ends = {d.end for d in named_days} | {t.end for t in named_times}

    def next_to(start: int) -> bool:
        return any(e == start or words[e:start] in _JOINED for e in ends if e <= start)

    more_days = [
        d
        for d in days
        if d not in named_days
        and not d.negated
        and (next_to(d.start) or _said_just_before(d, named_times))
    ]
    more_times = [t for t in times if t not in named_times and next_to(t.start)]
    if not more_days and not more_times:
        return named_days, named_times
    if not appts:
        return [*named_days, *more_days], [*named_times, *more_times]  # (as said)
    with_them = resolve([*named_days, *more_days], [*named_times, *more_times])
    at = with_them.time.at if with_them.time is not None else None
    on = set(with_them.day.dates) if with_them.day is not None else None
    if not any((on is None or a.day in on) and (at is None or a.start == at) for a in appts):
        return named_days, named_times  # (said on with it, yet where it goes)
    return [*named_days, *more_days], [*named_times, *more_times]


_JOINED: Final = (
    ["on"],
    ["at"],
    ["one", "on"],
    ["one", "at"],
    ["appointment", "on"],
    ["appointment", "at"],
    ["appt", "on"],
    ["appt", "at"],
    ["booking", "on"],
    ["booking", "at"],
)
"""Words between the appointment named and more said of it ("my 9 o'clock on Wednesday")."""


def _names_appointment(words: list[str], start: int, end: int, *, after_only: bool = False) -> bool:
    """ "the two o'clock one", "my Friday appointment", "the one on the 15th", "my appointment
    on Friday", "the one I've got on the 4th": a mention naming the appointment."""
    after = words[end] if end < len(words) else ""
    before = words[start - 1] if start > 0 and not after_only else ""
    if after == "one" and end + 1 < len(words) and words[end + 1] in _CLOCK_AFTER_ONE:
        after = ""  # "Wednesday instead, same time, one o'clock": the hour, not "the X one"
    if after in ("one", "appointment", "appt", "booking", "slot") or before in ("my", "one"):
        return True
    if after_only:
        return False
    # "the one on Tuesday", "the one at ten"
    if before in ("on", "at") and start >= 2 and words[start - 2] == "one":
        return True
    # (a mention may begin at its "on": "on the 4th")
    lead = start if start < len(words) and words[start] in ("on", "at") else start - 1
    if lead < 1 or words[lead] not in ("on", "at", "for"):
        return False
    said = " ".join(words[max(0, lead - 6) : lead + 1])
    return _HELD_BEFORE.search(said) is not None and _ASKED_ON.search(said) is None


_HELD_BEFORE: Final = re.compile(
    # "my appointment on Friday", "the appointment at 3"
    r"\b(?:my|the|our|his|her|their) (?:appointment|appt|booking|visit) (?:on|at)$"
    # "the one I've got on the 4th", "the appointment we made for Friday", "the one she has at 3"
    r"|\b(?:one|appointment|appt|booking|visit) (?:that )?(?:i|ive|we|weve|im|id|she|shes|he|hes"
    r"|they|theyve) (?:have |has |had |got |am |is |are |was |were )?(?:got|have|has|had|booked"
    r"|made|scheduled|set up)(?: in)?(?: with you)? (?:on|at|for)$"
)
"""Words before a day or time that name it as one held (a day or time after them is its)."""
_ASKED_ON: Final = re.compile(
    r"\b(?:put|have|get|make|set|book|want|need|like|prefer|rather|switch|change) (?:my|the|our"
    r"|his|her|their) (?:appointment|appt|booking|visit) (?:on|at)$"
)
"""'Put my appointment on Friday', 'I'd rather have my appointment at 3': where it goes."""

_INFINITIVE_BEFORE: Final = frozenset(
    {
        "need", "needs", "needed", "want", "wants", "wanted", "like", "love", "have", "has",
        "had", "got", "able", "trying", "try", "hoping", "hope", "meant", "supposed", "wish",
        "planning",
    }
)  # fmt: skip
_INFINITIVE_VERBS: Final = frozenset(
    {
        "move", "change", "reschedule", "push", "shift", "bump", "switch", "swap", "postpone",
        "bring", "put", "cancel", "rearrange", "get", "see", "ask", "check", "make", "book",
    }
)  # fmt: skip


def _infinitive(words: list[str], i: int) -> bool:
    """The "to" at ``i`` marks a verb ("I need to move it", "I'd like to change"), not where
    an appointment goes."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return words[i - 1] in _INFINITIVE_BEFORE or nxt in _INFINITIVE_VERBS


_CLOCK_AFTER_ONE: Final = frozenset({"oclock", "pm", "am", "thirty", "fifteen", "fortyfive"})
"""Words that make a "one" after a day or a time an hour ("Friday one o'clock")."""

_EVERYTHING = re.compile(
    r"\beverything (?:i have|ive got|i got|im booked|on|for|after|before|next|this)\b"
)
"""'Everything I've got on Tuesday', 'everything after the 10th': those the words describe."""


def _described(appts: list[Appt], desc: Understanding) -> list[Appt]:
    """Every appointment a description fits ("everything on Tuesday", "both my morning
    ones"): by the days and the time said."""
    when = desc.when
    fit = list(appts)
    if when.day is not None and when.day.dates:
        days = set(when.day.dates)
        exact = [d for d in desc.days if len(d.dates) == 1 and not d.negated]
        if len(exact) > 1 and when.day in exact:
            # "my Monday and Tuesday ones": each day said
            days = {d.dates[0] for d in exact}
        fit = [a for a in fit if a.day in days] or [
            a
            for a in fit
            if when.day.from_weekday and a.day.weekday() == when.day.dates[0].weekday()
        ]
    if when.time is not None and when.time.at is not None:
        # "mine on Monday at 12 and my daughter's at 1 - could you move both of them": each
        # hour said of theirs, not only the last
        hours = {t.at for t in desc.times if t.at is not None and not t.negated} | {when.time.at}
        fit = [a for a in fit if a.start in hours]
    elif when.time is not None and when.time.window is not None:
        lo, hi = when.time.window
        fit = [a for a in fit if lo <= a.start < hi]
    return fit


def _each_at_its_own_time(u: Understanding, group: list[Appt]) -> TimeMention | None:
    """The "same time(s)" of a shift of several ("each a day later, same times"), when every
    other day and time said is one of theirs ("the 14th's the 1 o'clock and the 15th's the 2
    o'clock"): each keeps its own time. None when a time said is none of theirs (where to)."""
    if u.day_shift is None:
        return None
    same = next((t for t in u.times if t.same and t.at is None and not t.negated), None)
    if same is None:
        return None
    held_days = {a.day for a in group}
    held_times = {a.start for a in group}
    said_times = [t for t in u.times if t is not same]
    if not said_times or any(t.at is None or t.at not in held_times for t in said_times):
        return None
    if any(not set(d.dates) <= held_days for d in u.days):
        return None
    return same


def _to_one_day_each_at_its_own_time(
    u: Understanding, group: list[Appt]
) -> tuple[DayMention, TimeMention] | None:
    """The day several go to and the "same time(s)" they keep ("the two o'clock and the three
    o'clock on Thursday - could we have Friday instead, same times?"), when every hour said is
    one of theirs and every day said but one is a day they are on: each keeps its own hour on
    that one day. None when an hour said is none of theirs (where to), or no day or more than
    one is said that they are not on."""
    if u.day_shift is not None:
        return None
    same = next((t for t in u.times if t.same and t.at is None and not t.negated), None)
    if same is None:
        return None
    held_days = {a.day for a in group}
    held_times = {a.start for a in group}
    said_times = [t for t in u.times if t is not same]
    # (a part of the day they are both in, "Thursday afternoon", describes them too)
    of_theirs = [
        t
        for t in said_times
        if t.at in held_times
        or (
            t.at is None
            and t.window is not None
            and all(t.window[0] <= h < t.window[1] for h in held_times)
        )
    ]
    if not any(t.at is not None for t in said_times) or len(of_theirs) != len(said_times):
        return None
    said_days = [d for d in u.days if not d.negated]
    to = [d for d in said_days if not set(d.dates) <= held_days]
    if len(to) != 1 or len(to[0].dates) != 1 or to[0].shift_days is not None or to[0].same:
        return None
    return to[0], same


def _shift_said_again(u: Understanding, when: When, group: list[Appt]) -> bool:
    """A weekday said in the plural beside a shift of several appointments, the weekday every
    one of them lands on ("push both my Mondays a day later - Tuesdays suit me better now")."""
    day = when.day
    if u.day_shift is None or day is None or not day.habit or day.exact is None:
        return False
    lands = {(a.day + timedelta(days=u.day_shift)).weekday() for a in group}
    return lands == {day.exact.weekday()}


_TO_A_DAY: Final = frozenset({"to", "into", "onto", "till", "until", "than"})


def _days_of_the_set(u: Understanding, group: list[Appt]) -> tuple[DayMention, ...]:
    """The days said of several appointments moved together that only say which they are, one
    held day each and every one of them named ("my two next week, Monday and Tuesday - make
    each of them an hour later"): not where they go. None said after "to" ("both of them to
    Monday and Tuesday") and none a day they are not on."""
    held = {a.day for a in group}
    words = [t.text for t in u.tokens]
    said = [d for d in u.days if not d.negated and d.shift_days is None and not d.same]
    exact = {d.dates[0] for d in said if len(d.dates) == 1}
    if len(exact) < 2 or exact != held:
        return ()
    if any(len(d.dates) > 1 and not held <= set(d.dates) for d in said):
        return ()  # a week or a month said that is not theirs: where they go
    if any(d.start > 0 and words[d.start - 1] in _TO_A_DAY for d in said):
        return ()
    return tuple(said)


_ALL_OF_THEM = re.compile(
    # (not "I've two, both Fridays I think, and the one on the 4th": what they are like)
    # (nor "you can cancel that, I won't need both": one of the two, not both, goes)
    r"(?<!\bneed )(?<!\bneeding )(?<!\bwant )(?<!\bneed for )"
    r"\bboth\b(?! (?:on )?(?:mondays|tuesdays|wednesdays|thursdays|fridays|mornings"
    r"|afternoons)\b)|\ball (?:of )?(?:them|my appointments|my bookings|three|of those)\b"
    r"|\bevery (?:one|appointment)\b|\beach of them\b|\ball my (?:appointments|bookings)\b"
    r"|\b(?:my|our) two (?:appointments|appts|bookings|visits)\b"
    # "move the two of them to Friday", "those two"; "my appointments in December, push them
    # back a week" (every one of theirs said, then which by the month or day said)
    r"|\bthe two of them\b|\bthose two\b|^(?:and |so |well |um |uh )?my (?:appointments|bookings)\b"
)
_ALL_TAKEN_BACK: Final = re.compile(
    r"\b(?:actually|no|nope|wait|hang on|hold on|sorry|scratch that|on second thought"
    r"|thinking about it|come to think of it)\b(?: [a-z]+){0,4}? (?:just|only) (?:the|my|that"
    r"|cancel|move|change|shift|(?:mon|tues|wednes|thurs|fri)days?)\b"
)
"""All of them said, then taken back for one before the line ends ("cancel both of them -
actually no, hang on, just the Monday one")."""


_COUNTED_HELD: Final = re.compile(
    r"\b(?:i ve got|ive got|i have|i ve|ive|i got|we ve got|weve got|we have|there are)"
    r" (?P<n>two|three|2|3)(?: (?:appointments|appts|bookings|ones|visits))?(?: booked)?"
    r" (?:in|on|for|next|this)\b"
)
"""How many of theirs the caller says they have, by when they are ("I've got two in
December", "we have three next week"): with a move, those are the ones to go."""


def _counted_held(said: str) -> int | None:
    """The number of held appointments a line says the caller has, by when they are."""
    m = _COUNTED_HELD.search(said)
    return None if m is None else {"two": 2, "three": 3, "2": 2, "3": 3}[m.group("n")]


_COUNTED_ASKED: Final = re.compile(
    r"\b(?:cancel|cancelling|canceling|call off|drop|scrap)(?: the| these| those| our| my)?"
    r" (?P<n>two|three|2|3) (?:appointments|appts|bookings|visits|of them)\b"
)
"""How many of theirs a cancel counts ("cancel two appointments tomorrow")."""


def _counted_asked(said: str) -> int | None:
    m = _COUNTED_ASKED.search(said)
    return None if m is None else {"two": 2, "three": 3, "2": 2, "3": 3}[m.group("n")]


def _counted_set(appts: list[Appt], desc: Understanding, counted: int) -> list[Appt]:
    """The ones of theirs a count names: those the days and hours said fit, when that many;
    else all of them, when they hold just that many; else none (which is asked)."""
    fit = _described(appts, desc)
    if len(fit) == counted:
        return fit
    return list(appts) if len(appts) == counted and len(fit) in (0, counted) else []


def _all_of_them(said: str) -> bool:
    """Whether the words ask for every one of the caller's bookings, and keep asking for them
    to the end of the line (not "both ... no wait, just the Monday one")."""
    named = _ALL_OF_THEM.search(said)
    return named is not None and _ALL_TAKEN_BACK.search(said, named.end()) is None


_NEXT_ONE: Final = re.compile(
    r"\b(?:my|the) (?:very )?(?:next|soonest|nearest) (?:appointment|appt|booking|visit|one)\b"
    r"(?! (?:after|before|on|in|at|for)\b)"
)
"""The soonest of the caller's appointments ("my next appointment"; not "the next one
after the 10th", which a day describes)."""
_MONTH_NAMES: Final = MONTH_NAMES
_WEEKDAY_NAMES: Final = tuple(name.lower() for name in WEEKDAYS)
_SET_OF_THEM = re.compile(
    r"\ball (?:of )?(?:mine|them|my (?:[a-z]+ )?(?:appointments|bookings|ones))\b"
    r"|\b(?:cancel|drop|scrap|clear) everything\b|\beverything (?:i have|ive got|i got|im booked)\b"
    r"|\bboth (?:of )?(?:my |the )?[a-z]+ (?:ones|appointments)\b|(?P<rest>\bthe (?:rest|others"
    r"|other (?:one|ones|two|three|appointments?|bookings?)|duplicate|extra one|double booking)\b)"
    r"|(?P<ends>\bthe (?:first|last) (?:two|three|four|2|3|4)\b)"
    # "cancel my next two appointments": the first two from now
    r"|(?P<next>\b(?:my|the) next (?:two|three|four|2|3|4)\b)"
    # by their month: "the ones in January", "the appointments I've got in March", "the
    # January ones"
    r"|\bthe (?:ones|appointments|appts|bookings|visits) (?:(?:i have|ive got|i ve got|i got)"
    r" )?(?:in|for|during) (?:the month of )?(?:" + "|".join(MONTH_NAMES) + r")\b"
    r"|\b(?:the|my) (?:" + "|".join(MONTH_NAMES) + r") (?:ones|appointments|appts|bookings)\b"
)
"""Several of the caller's bookings named together: "all of mine", "everything I have",
"the rest", "the other one", "the duplicate", "all my December appointments", "both of my
January ones", "my next two"."""
_KEPT_OF_SET = re.compile(
    r"\b(?:except(?: for)?|apart from|other than|besides|keep(?:ing)?|leave|leaving"
    r"|(?:i )?(?:only|still) (?:need|want)|ill keep|i will keep)"
    r"(?P<what>(?: (?!(?:but|and|cancel|get|can|please|the rest|the others?)\b)[a-z0-9]+){1,6})"
)
"""What the caller keeps of their bookings: "except the Monday one", "keep the earlier one",
"I only need the first", "leave the January one"."""


def _fits(words: list[str], a: Appt, appts: list[Appt]) -> bool:
    """Whether the words name this appointment among the caller's: its weekday, its month,
    its place ("the first", "the earlier one", "the last")."""
    if _WEEKDAY_NAMES[a.day.weekday()] in words or _WEEKDAY_NAMES[a.day.weekday()] + "s" in words:
        return True
    if _MONTH_NAMES[a.day.month - 1] in words:
        return True
    day = a.day.day
    if {str(day), ordinal(day)} & set(words):
        return True  # "except the one on the 17th"
    if any(
        w in ORDINALS and w not in _PLACE_WORDS and parse_small_number([w]) == (day, 1)
        for w in words
    ):
        return True  # "keep the one on the fourteenth", as a recogniser writes it
    ordered = sorted(appts, key=lambda x: (x.day, x.start))
    # "the first two", "the last three": that many from either end
    count = next((_HOW_MANY[w] for w in words if w in _HOW_MANY), 1)
    if {"first", "earliest", "earlier"} & set(words):
        return a in ordered[:count]
    if {"last", "latest", "later"} & set(words):
        return a in ordered[-count:]
    return False


_PLACE_WORDS: Final = frozenset({"first", "second", "third"})
_HOW_MANY: Final = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


def _set_named(said: str, appts: list[Appt]) -> list[Appt] | None:
    """The bookings a line names together ("cancel all of mine except Monday's", "everything
    I have booked", "keep the first, cancel the rest", "all my December appointments", "I'm
    keeping Tuesday's but cancel the other one"), in date order; None when it names no set."""
    named = [*_SET_OF_THEM.finditer(said)]
    if len(appts) < 2 or not named:
        return None
    qualified = re.compile(
        r"\s+(?:(?:i have|ive got|i ve got|i got|im booked|i m booked|booked) )?"
        r"(?:on|after|before|from|for|between|next|this|in)\b"
    )
    if any(qualified.match(said, m.end()) for m in named):
        return None  # "everything I've got after the 10th": those the day describes
    kept_words: list[str] = []
    rest = said
    kept_spans: list[tuple[int, int]] = []
    for m in _KEPT_OF_SET.finditer(said):
        kept_words += m.group("what").split()
        rest = rest.replace(m.group(0), " ")
        kept_spans.append(m.span())
    kept = [a for a in appts if kept_words and _fits(kept_words, a, appts)]
    if kept_words and not kept:
        return None  # something is kept, but not one of theirs said: asked which
    if not kept and all(m.group("rest") for m in named):
        return None  # "the other one" with nothing kept said: which is the other is asked
    group = [a for a in appts if a not in kept]
    for m in named:
        if m.group("ends") and not any(lo <= m.start() < hi for lo, hi in kept_spans):
            # "take off the last two": those two, not all of them
            group = [a for a in group if _fits(m.group("ends").split(), a, appts)]
        if m.group("next") and not any(lo <= m.start() < hi for lo, hi in kept_spans):
            # (the next of those not kept: "my next two, but keep the one on the 4th")
            ahead = ["first", *m.group("next").split()[2:]]
            group = [a for a in group if _fits(ahead, a, group)]
    months = {i + 1 for i, m in enumerate(_MONTH_NAMES) if re.search(rf"\b{m}\b", rest)}
    if months:
        group = [a for a in group if a.day.month in months]
    if not group:
        return None
    return sorted(group, key=lambda a: (a.day, a.start))


def _one_named_by_its_time(u: Understanding, appts: list[Appt]) -> bool:
    """ "Ours are both under my number; he can't make his, the 10 o'clock, cancel that one":
    "both" says where they are, the hour says which one."""
    at = u.when.time.at if u.when.time is not None else None
    if at is None or u.when.time is None or u.when.time.negated:
        return False
    days = set(u.when.day.dates) if u.when.day is not None else None
    return len([a for a in appts if a.start == at and (days is None or a.day in days)]) == 1


def _held_counted_from(s: DialogueState, u: Understanding) -> Appt | None:
    """The one appointment the caller holds on a day they name in a booking counted in days or
    weeks ("I've got Wednesday the 2nd at three, I want another the week after"; "Friday the
    4th at nine - and the one after, two weeks later?"): where the count starts."""
    if u.day_shift is None or u.day_shift <= 0:
        return None
    said = {d.exact for d in u.days if d.exact is not None and not d.negated}
    held = [a for a in s.upcoming() if a.day in said]
    if not said:
        # "I've got my usual next Tuesday. Can you book me my usual for the week after?": the
        # day they hold was read as a day they are busy - it is still the one counted from
        busy = {d.exact for d in u.days if d.exact is not None and d.negated}
        held = [a for a in s.upcoming() if a.day in busy]
    return held[0] if len(held) == 1 else None


def _reference_appointment(s: DialogueState) -> Appt | None:
    """The appointment "after that" / "same time" counts from when the caller books another:
    the one just made, or their only appointment, just read out to them."""
    if s.done and s.done[-1][0] == "booked" and s.done[-1][1].active:
        return s.done[-1][1]
    upcoming = s.upcoming()
    if s.last_task in ("list", "code") and len(upcoming) == 1:
        return upcoming[0]
    heard = s.heard.text.lower() if s.heard is not None else ""
    if len(upcoming) == 1 and re.search(r"\banother\b|\bone more\b|\bsecond one\b", heard):
        return upcoming[0]  # "book another one, same time next week": after the one they have
    if len(upcoming) == 1 and _BESIDE_MINE.search(heard):
        return upcoming[0]  # "put my daughter in the same day, just before mine": the one held
    return None


_BESIDE_MINE: Final = re.compile(
    r"\b(?:right|straight|just|directly|immediately) (?:before|after) (?:mine|my (?:own |current"
    r" |existing )?(?:one|appointment|appt|booking))\b"
)


_PART_OF_DAY_SET: Final = re.compile(
    r"\b(?:any|all|both|each) of (?:mine|them|my (?:appointments|bookings|ones))"
    r"(?: (?:that|which) (?:are|is|fall))? (?:in|on) (?:the |a )?(?P<part>morning|afternoon)s?\b"
    r"|\b(?:all|any|both) (?:of )?(?:my |the )?(?P<part2>morning|afternoon) (?:ones|appointments)\b"
)
"""The caller's bookings named by the part of the day they are in ("any of mine that are in
the afternoon", "all my morning ones")."""


def _part_of_day_set(said: str, appts: list[Appt]) -> list[Appt] | None:
    """The caller's appointments in the part of the day a line names them by (see
    _PART_OF_DAY_SET), in date order; None when it names none, or none of theirs is in it."""
    m = _PART_OF_DAY_SET.search(said)
    if m is None or len(appts) < 2:
        return None
    afternoon = (m.group("part") or m.group("part2")) == "afternoon"
    group = [a for a in appts if (a.start >= time(12)) == afternoon]
    return sorted(group, key=lambda a: (a.day, a.start)) or None


_LISTED_BETWEEN: Final = frozenset(
    {"and", "plus", "the", "s", "is", "one", "ones", "on", "appointment", "my", "both"}
)


_ONE_OF_THEM: Final = re.compile(
    r"\b(?:whichever|either|one of (?:them|those|the two)|only (?:need|want) (?:the )?one"
    r"|just (?:need|want) (?:the )?one|only the one|just the one)\b"
)
"""The days listed are the choice of one ("I booked two by mistake, Monday and Tuesday - I
only need one, cancel whichever"), not both to go."""


def _days_listed_held(u: Understanding, appts: list[Appt]) -> list[Appt] | None:
    """The appointments of days said together ("Monday's and Wednesday's", "the 14th and the
    16th"), each day one of the caller's: those, in date order; None unless two or more."""
    if len(appts) < 2 or _ONE_OF_THEM.search(" ".join(t.text for t in u.tokens)):
        return None
    words = [t.text for t in u.tokens]
    days = [d for d in u.days if not d.negated and d.dates]
    for k in range(len(days) - 1):
        run = [days[k]]
        for d in days[k + 1 :]:
            between = words[run[-1].end : d.start]
            if (
                not between
                or not set(between) <= _LISTED_BETWEEN
                or not {"and", "plus"} & set(between)
            ):
                break
            run.append(d)
        if len(run) < 2:
            continue
        held = [[a for a in appts if a.day in d.dates] for d in run]
        if any(len(h) != 1 for h in held):
            return None
        if any(a.day in d.dates for d in days if d.start >= run[-1].end for a in appts):
            return None  # "I've two, Monday and the Wednesday after - cancel the Monday": listed
        picked = {h[0].code: h[0] for h in held}
        if len(picked) < 2:
            return None
        return sorted(picked.values(), key=lambda a: (a.day, a.start))
    return None


def _named_after_listing(desc: Understanding | None, rest: When, appts: list[Appt]) -> Appt | None:
    """ "I've got two with you, next Monday and the Wednesday after, I need to cancel the
    Monday": the days said of every appointment list them; the day said after is the one meant
    (not the last one listed)."""
    if desc is None or rest.day is None or rest.day.negated or len(appts) < 2:
        return None
    days = [d for d in desc.days if not d.negated]

    def named(a: Appt, dates: tuple[date, ...], from_weekday: bool) -> bool:
        return a.day in dates or (from_weekday and a.day.weekday() in {d.weekday() for d in dates})

    if not all(any(named(a, d.dates, d.from_weekday) for d in days) for a in appts):
        return None
    meant = [a for a in appts if named(a, rest.day.dates, rest.day.from_weekday)]
    return meant[0] if len(meant) == 1 else None


def _describes_held(desc: Understanding, appts: list[Appt]) -> bool:
    """Whether a description's day or time is one of the caller's appointments ("the Thursday
    that week instead" describes no appointment: it is where to move one)."""
    days = {a.day for a in appts}
    weekdays = {a.day.weekday() for a in appts}
    starts = {a.start for a in appts}
    return any(
        day in days or (d.from_weekday and day.weekday() in weekdays)
        for d in desc.days
        for day in d.dates
    ) or any(t.at in starts for t in desc.times if t.at is not None)


def _in_place_of(words: list[str], start: int) -> bool:
    """The mention at ``start`` follows "instead of" ("Friday instead of my Monday 9 o'clock"):
    turned down as a time, yet naming the one held that the new one takes the place of."""
    i = start
    while i > 0 and words[i - 1] in ("my", "our", "the", "this", "that"):
        i -= 1
    return i >= 2 and words[i - 2 : i] == ["instead", "of"]


def _ruled_out_appointment(u: Understanding, appts: list[Appt]) -> Appt | None:
    """ "Not the Friday one" with two appointments: the other one."""
    words = [t.text for t in u.tokens]
    ruled_out = {
        day
        for d in u.days
        if d.negated
        and _names_appointment(words, d.start, d.end)
        and not _in_place_of(words, d.start)
        for day in d.dates
    }
    rest = [a for a in appts if a.day not in ruled_out]
    return rest[0] if ruled_out and len(rest) == 1 and len(appts) > 1 else None


_ASKS_MORE: Final = re.compile(
    r"\b(?:can|could|would) (?:you|it|we|i|that|she|he)\b|\b(?:what|how) about\b|\binstead\b"
    r"|\bmake it\b|\brather\b|\b(?:book|cancel|move|change|reschedule|shift|push|swap)\b"
    r"|\bi (?:want|need|would like|d like)\b|\bid like\b|\b(?:also|another|as well|one more)\b"
)
"""A further request said with a check that the last change went through: served as one."""


def _done_said_again(
    done: tuple[str, Appt], u: Understanding, held: list[Appt] | tuple[Appt, ...] = ()
) -> str:
    """What was just done, said again to a caller checking it went through (a day they say
    that is not its day is not agreed with: "was that the 7th?" to the 8th's booking), and
    the others they hold on a day they name, still booked ("so the Friday's cancelled and I've
    still got Monday, yes?")."""
    action, appt = done
    at = f"{say_date(appt.day)} at {say_time(appt.start)}"
    said = {d for m in u.days for d in m.dates}
    kept = [a for a in held if a.code != appt.code and a.day in said]
    lead = (
        "Yes, that's all done"
        if not said or appt.day in said or (kept and action == "cancelled")
        else "To be clear"
    )
    if action == "booked":
        text = f"{lead}: you're booked for {at}."
    elif action == "rescheduled":
        text = f"{lead}: your appointment is now on {at}."
    else:
        text = f"{lead}: your appointment on {at} is cancelled."
    for other in kept:
        text += (
            f" Your appointment on {say_date(other.day)} at {say_time(other.start)} is still"
            " booked."
        )
    return text


def _only_that_one_needed(u: Understanding, day: DayMention) -> bool:
    """ "Scrap the first one, the Tuesday. I only need the Thursday": at a cancel, the day said
    after "only need" / "just want" / "keep" is the one that stays, not the one meant."""
    words = [t.text for t in u.tokens]
    j = day.start - 1
    while j >= 0 and words[j] in ("the", "my", "that", "this", "our"):
        j -= 1
    if j < 0:
        return False
    if words[j] in ("keep", "keeping"):
        return j == 0 or words[j - 1] not in ("dont", "not", "t")
    # ("keep monday, just cancel friday": the Friday is the one to go)
    return words[j] in ("need", "want") and j > 0 and words[j - 1] in ("only", "just")


def _other_than_the_one_kept(u: Understanding, appts: list[Appt]) -> Appt | None:
    """ "Scrap the first one, the Tuesday. I only need the Thursday": the day last said is
    the one kept, so the one held on another day said is the one to cancel (None unless just
    one)."""
    kept = u.when.day
    if kept is None or not _only_that_one_needed(u, kept):
        return None
    others = {
        a.code: a
        for d in u.days
        if d is not kept and not d.negated and not _only_that_one_needed(u, d)
        for a in appts
        if a.day in d.dates and a.day not in kept.dates
    }
    return next(iter(others.values())) if len(others) == 1 else None


_AWAY: Final = re.compile(
    r"\b(?:away|on holiday|on vacation|out of (?:town|the country)|abroad|travel+ing)\b"
)
"""The caller gone for a span of days ("I'm away the week of the 14th")."""


def _cant_make_held(u: Understanding, appts: list[Appt]) -> Appt | None:
    """ "I can't do the 10th anymore, can you cancel that one?", "it's the 23rd I can't make":
    at a cancel, the one day held that the caller says they cannot make is the one to cancel
    (not a day turned down: "not the 10th" still rules it out). "I'm away the week of the
    14th, so whatever I've got that week has to go": the one held in the days they are away,
    when a cancel is asked for in the same words."""
    away = u.task == "cancel" and _AWAY.search(" ".join(t.text for t in u.tokens)) is not None
    if not u.cant_make and not away:
        return None
    words = [t.text for t in u.tokens]
    days: set[date] = set()
    for d in u.days:
        if not d.negated or not d.dates or (len(d.dates) != 1 and not away):
            continue
        j = d.start - 1
        while j >= 0 and words[j] in ("the", "on", "one", "this", "that", "my"):
            j -= 1
        if j >= 0 and words[j] in ("not", "except", "but", "keep", "leave"):
            continue  # "not the 10th": turned down, not the one held
        days.update(d.dates)
    named = [a for a in appts if a.day in days]
    return named[0] if len(named) == 1 else None


# --- tool results --------------------------------------------------------------------------------


def on_result(
    s: DialogueState, name: str, args: dict[str, Any], result: dict[str, Any] | ToolFailure
) -> None:
    s.tools_called += 1
    if isinstance(result, ToolFailure):
        _on_failure(s, name, args, result)
        return
    if name == "identify_user":
        _on_identify(s, args, result)
    elif name == "fetch_available_slots":
        try:
            day = date.fromisoformat(str(result.get("date")))
        except ValueError:
            return
        times: list[time] = []
        for t in result.get("available") or []:
            try:
                times.append(time.fromisoformat(str(t)))
            except ValueError:
                continue
        s.availability[day] = tuple(times)
        s.closed.pop(day, None)
    elif name in ("book_appointment", "modify_appointment", "cancel_appointment"):
        appt = appointment(result.get("appointment"))
        if appt is None:
            return
        action = {"book_appointment": "booked", "modify_appointment": "rescheduled"}.get(
            name, "cancelled"
        )
        previous = None
        if name == "modify_appointment":
            previous = next((a for a in s.appointments if a.code == appt.code), None)
        s.appointments = [a for a in s.appointments if a.code != appt.code]
        if appt.active:
            s.appointments.append(appt)
            s.unavailable.add((appt.day, appt.start))
        if previous is not None:
            was = s.moved_from.setdefault(appt.code, (previous.day, previous.start))
            if was == (appt.day, appt.start):
                del s.moved_from[appt.code]  # back where it was at the start of the call
            s.unavailable.discard((previous.day, previous.start))
            freed = s.availability.get(previous.day)
            if freed is not None and previous.start not in freed:
                s.availability[previous.day] = tuple(sorted((*freed, previous.start)))
        s.done.append((action, appt))
        s.done_now.append((action, appt))
        s.just_done = True
        if s.accepted is not None:
            s.agreed.update(s.accepted.also)
        further = s.accepted.also_at if s.accepted is not None and action == "booked" else ()
        more = s.accepted.more if s.accepted is not None else ()
        s.finish_task()
        if more:
            # the yes to "shall I move both ...?" / "... and cancel the one on ...?" named the
            # next change too: made next, without asking again
            nxt = more[0]
            if s.follow_ups and s.follow_ups[0].target in (None, nxt.code, appt.code):
                s.follow_ups.pop(0)  # the change the question named with this one
            s.follow_ups = [
                f for f in s.follow_ups if f.target is None or f.target not in (nxt.code, appt.code)
            ]
            s.task = _TASK_OF[nxt.action]
            s.target = nxt.code
            s.accepted = dataclasses.replace(nxt, more=more[1:])
            return
        next_follow_up(s)
        if further:
            # the yes to "shall I book both, ...?" named the next booking too
            s.task = "book"
            day, at = further[0]
            s.accepted = Proposal("book", day, at, also_at=further[1:])
    elif name == "get_user_appointments":
        s.appointments = [a for a in appointments(result.get("appointments")) if a.active]
        s.listed = True
    elif name == "update_name":
        renamed = str(result.get("name") or s.rename.name or "")
        said = s.rename.said
        s.identity.name = renamed or s.identity.name
        s.rename = Rename()
        if said is None:
            s.notes.append(f"Done, the name on your account is now {renamed}.")
        else:
            s.notes.append(f"Done, I've corrected it to {said} on your account.")
        s.just_done = True
    elif name == "end_conversation":
        s.end_called = True
    elif name == "transfer_to_staff":
        s.transferring = True
        s.transfer_tried = True
        s.transfer_reason = str(args.get("reason") or "") or None


def _on_identify(s: DialogueState, args: dict[str, Any], result: dict[str, Any]) -> None:
    ident = s.identity
    status = str(result.get("status") or "")
    ident.looked_up = ident.number
    if status in ("identified", "registered"):
        was = ident.identified
        if status == "identified" and ident.name and not ident.name_from_account:
            ident.said_name = ident.name  # the caller's own words, before the account's
        checked = str(args.get("name") or "") or None
        ident.holder_tried = checked if status == "identified" else None
        ident.status = "identified" if status == "identified" else "registered"
        ident.name = str(result.get("name") or ident.name or "") or None
        ident.name_from_account = status == "identified"
        ident.name_confirmed = bool(result.get("name_confirmed", True))
        if ident.name_confirmed and ident.holder_check is not None:
            # the caller is the account's holder: what it holds may be said now
            if ident.holder_says:
                _say_no_appointment_on(s, ident.holder_check)
            ident.holder_check = None
        withheld = not result.get("name") and result.get("name_confirmed") is False
        ident.user_known = True
        ident.number_ok = True
        s.appointments = [a for a in appointments(result.get("appointments")) if a.active]
        if not was:
            s.welcomed = True
        if status == "registered":
            s.rename = Rename()  # opened just now, with the name the caller gave
        elif (
            # a name withheld (the engine behind a cloud model) is not a missing one: no
            # caller is asked to put their name on another's account
            (result.get("name_needed") or (needs_name(ident.name) and not withheld))
            and not ident.missing_name_asked
            and not s.rename.active
        ):
            # opened on an earlier call without a name ("Unknown Caller"): asked for once
            ident.missing_name_asked = True
            s.rename = Rename(wanted=True, missing=True)
        _instead_is_a_move(s)
        _same_time_as_held(s, s.heard)
        _hours_from_held(s, s.heard)
        _resolve_from_held_weekday(s)
        _counted_from_held(s, s.heard)
        _resolve_from_booking(s)
        hint = s.target_hint
        if hint is not None:
            s.target_hint = None
            before, s.hints_before = s.hints_before, []
            s.hints_read = (*before, hint)
            for earlier in before:
                _take_details(s, earlier)
            _take_details(s, hint)
            if hint.clash is not None and not any("Just to check" in n for n in s.notes):
                _take_clash(s, hint)
            elif hint.clash is not None:
                s.request.days = _clash_days(s, hint.clash.weekday, hint.clash.dated)
    elif status == "name_required":
        number = ident.number or ""
        if ident.spoken and not number.startswith("+") and not _nanp_plausible(number):
            # no US number has an area code or exchange starting with 0 or 1: a number heard
            # that way was misheard ("860 555 0149" -> "028 338 6605"), and opening an account
            # on it (a caller's automatic "yes" to the read-back) would be worse than asking
            ident.status = "invalid"
            ident.number = None
            ident.digits = ""
            s.failure = ToolFailure("invalid_phone_number", number)
            s.failed_call = "heard"
            return
        ident.status = "name_required"
        _doubt_after_lookup(s)


def _take_second_booking(s: DialogueState, u: Understanding, asked: str | None) -> None:
    """ "Book me and my daughter in", "yes, and one right after for my son?": a second booking
    on the caller's number, asked for once the first is made; "one after the other" said later
    puts it in the hour after the first."""
    from dataclasses import replace

    pending = [k for k, f in enumerate(s.follow_ups) if f.task == "book" and f.heard is not None]
    if pending and s.task == "book" and u.second_day is None and not u.another:
        split = _an_hour_each(s, u, s.follow_ups[pending[0]].heard)
        if split is not None:
            # "one for me and one for my husband", then "Monday afternoon, two and three": the
            # first hour is the first booking's, the other the second's
            first, second = split
            s.request.at, s.request.or_times = first, ()
            s.follow_ups[pending[0]] = FollowUp("book", heard=second)
            return
    if u.second_visit is not None and not pending and s.task == "book":
        # "... and then another one the Monday after, same time": its own day, booked next
        s.follow_ups.append(FollowUp("book", heard=u.second_visit))
        return
    unsaid = [
        k for k, f in enumerate(s.follow_ups) if k in pending and f.heard and f.heard.when.empty
    ]
    if u.second_day is not None and s.task == "book" and (not pending or unsaid):
        # "one this Friday and a follow-up the Friday after": the second on its own day ("for
        # me and my husband" ... "Monday for him and Wednesday for me": the second asked for
        # before, its day now)
        # (the two hours said an hour apart are the two bookings' own: "one at 9 and one at 10,
        # back to back" is not 10 and the hour after it; "two back to back, like ten and
        # eleven" says three numbers, and the hour after the first is kept)
        said = sorted({t.at.hour * 60 + t.at.minute for t in u.times if t.at and not t.negated})
        own = u.second_day.time.at if u.second_day.time is not None else None
        own_hour = (
            own is not None
            and own.hour * 60 + own.minute in said
            and len(said) == 2
            and said[1] - said[0] == 60
        )
        second = replace(
            u,
            when=u.second_day,
            second_day=None,
            another=False,
            phone=None,
            right_after=u.right_after and not own_hour,
        )
        if unsaid:
            s.follow_ups[unsaid[0]] = FollowUp("book", heard=second, time_of_first=True)
        else:
            s.follow_ups.append(FollowUp("book", heard=second, time_of_first=True))
        return
    if pending and u.right_after:
        k = pending[0]
        heard = s.follow_ups[k].heard
        assert heard is not None
        s.follow_ups[k] = FollowUp("book", heard=replace(heard, right_after=True))
        return
    if not u.another or pending or asked == "anything_else" or s.task not in ("book", None):
        return
    if s.task is None and not (s.accepted is not None and s.accepted.action == "book"):
        return
    # (the first booking's day goes with the second; its time does not, but the part of the
    # day both were asked for in does: "both of us, Monday the 11th in the morning")
    part = u.when.time
    if part is None or part.at is not None or part.window is None or part.negated:
        part = None
    s.follow_ups.append(FollowUp("book", heard=replace(u, when=When(day=u.when.day, time=part))))


_EITHER_OR: Final = re.compile(r"\bor\b|\beither\b", re.I)


def _an_hour_each(
    s: DialogueState, u: Understanding, queued: Understanding | None
) -> tuple[time, Understanding] | None:
    """Two hours said at once for the two bookings asked for ("ten for me and eleven for him",
    "Monday afternoon, two and three o'clock"): the first hour, and the second booking on the
    same day at the other; None unless exactly two hours are said, on one day, neither as the
    other's alternative ("two or three") nor in its place ("two - no, three")."""
    if queued is None:
        return None
    said = [t for t in u.times if t.at is not None and not t.negated]
    hours = [at for at in dict.fromkeys(t.at for t in said) if at is not None]
    if len(hours) != 2 or u.when.rejected_times or u.correction or _EITHER_OR.search(u.text):
        return None
    day = u.when.day or queued.when.day
    if day is None and len(s.request.days) == 1:
        day = DayMention(0, 0, s.request.days)
    if day is None or day.exact is None:
        return None
    other = next(t for t in said if t.at == hours[1])
    heard = dataclasses.replace(queued, when=resolve([day], [other]), right_after=False)
    return hours[0], heard


def _target_now(s: DialogueState, then: Understanding) -> str | None:
    """The held appointment a second change names ("... and Thursday's to Tuesday"), picked
    while the appointments are as the caller knows them: once the first change is made, the
    day named may hold another ("Tuesday's to Thursday" first)."""
    if then.task not in ("reschedule", "cancel") or not s.identity.identified or not s.appointments:
        return None
    ahead = copy.deepcopy(s)
    ahead.task, ahead.target, ahead.request = then.task, None, Request()
    ahead.follow_ups, ahead.target_hint, ahead.hints_before = [], None, []
    _take_details(ahead, then)
    picked = ahead.target
    held = {a.code for a in s.upcoming()}
    return picked if picked in held and picked != s.target else None


_OTHER_ONE = re.compile(r"\bthe other (?:one|appointment|booking|slot)?\b", re.I)


def next_follow_up(s: DialogueState) -> None:
    """Once a change is made, the next one the caller asked for with it."""
    while s.follow_ups:
        nxt = s.follow_ups.pop(0)
        held = {a.code for a in s.upcoming()}
        if nxt.target is not None and nxt.target not in held:
            continue  # that appointment is gone already
        s.task = nxt.task
        s.target = nxt.target
        if nxt.request is not None:
            s.request = copy.deepcopy(nxt.request)
        if nxt.heard is not None:
            _take_details(s, nxt.heard)
            if nxt.task == "book" and nxt.heard.second_day is not None:
                # "cancel Friday's, and instead give me two - Monday and Tuesday": the
                # second booking of the pair asked for after the first change
                _take_second_booking(s, nxt.heard, None)
            if s.target is None and nxt.named in held:
                s.target = nxt.named  # the one named when it was said
            if s.target is None and _OTHER_ONE.search(nxt.heard.text):
                # "move my Monday to Wednesday and get rid of the other one": the one held
                # that the change just made was not about
                changed = {appt.code for _, appt in s.done}
                rest = [a for a in s.upcoming() if a.code not in changed]
                if len(rest) == 1:
                    s.target = rest[0].code
        if nxt.proposal is not None and nxt.proposal.day is not None:
            s.request.days = (nxt.proposal.day,)
            s.request.at = nxt.proposal.at
        booked = [appt for action, appt in s.done if action == "booked"]
        if nxt.time_of_first and booked and not s.request.has_time:
            s.request.at = booked[-1].start
        if nxt.task == "cancel" and nxt.target in s.agreed:
            # the yes to "shall I cancel both ...?" named this one too
            appt = next(a for a in s.upcoming() if a.code == nxt.target)
            s.accepted = Proposal("cancel", appt.day, appt.start, appt.code)
        return


def _nanp_plausible(digits: str) -> bool:
    """A ten-digit North American number: area code and exchange start with 2-9."""
    national = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    return len(national) == 10 and national[0] not in "01" and national[3] not in "01"


def _read_back_impossible(s: DialogueState, args: dict[str, Any]) -> None:
    """Ten digits the tools refused as no line at all ("000 000 0000", an area code starting
    with 0) are read back as heard, as a spoken number no US line has is, so the caller
    hears what was taken down rather than only that it was wrong."""
    number = str(args.get("phone_number") or "")
    if len(number) == 10 and number.isascii() and number.isdigit():
        s.failure = ToolFailure("invalid_phone_number", number)
        s.failed_call = "heard"


def _on_failure(s: DialogueState, name: str, args: dict[str, Any], failure: ToolFailure) -> None:
    s.failure = failure
    s.failed_call = name
    ident = s.identity
    if name == "identify_user":
        if failure.kind == "invalid_phone_number":
            ident.status = "invalid"
            ident.looked_up = ident.number
            ident.number = None
            ident.digits = ""
            _read_back_impossible(s, args)
        elif failure.kind == "invalid_name":
            ident.name = None
        elif failure.kind == "too_many_accounts":
            # the tools refuse any more numbers on this call: say so (the failure's message)
            # and drop what needed one, instead of looking the number up again
            ident.forget_number()
            s.finish_task()
            s.follow_ups.clear()
        return
    if name == "update_name" and failure.kind == "name_change_refused":
        # another name, not a correction of the one on file: the tool's sentence (the front
        # desk changes it) is said, and the name is not asked for again
        s.rename = Rename()
        s.just_done = True
        return
    if name == "update_name":
        # the tool's own sentence asks for a registration's name: the rename asks its own
        s.failure = None
        s.rename = Rename(wanted=True, tries=1)
        s.notes.append("Sorry, I couldn't use that name.")
        return
    if name == "fetch_available_slots":
        try:
            day = date.fromisoformat(str(args.get("date")))
        except ValueError:
            return
        if failure.kind in _CLOSED_KINDS:
            s.closed[day] = failure
        return
    if name in ("book_appointment", "modify_appointment"):
        key = "date" if name == "book_appointment" else "new_date"
        tkey = "time" if name == "book_appointment" else "new_time"
        try:
            day = date.fromisoformat(str(args.get(key)))
            at = time.fromisoformat(str(args.get(tkey)))
        except ValueError:
            return
        if failure.kind == "slot_unavailable":
            s.unavailable.add((day, at))
        s.proposal = None
        s.accepted = None
        _drop_refused_booking(s, name, failure)
        return
    if name == "cancel_appointment":
        s.proposal = None
        s.accepted = None


def _drop_refused_booking(s: DialogueState, name: str, failure: ToolFailure) -> None:
    """A booking the tools will refuse however it is asked again (this call, or this caller,
    has booked as many as allowed): drop the request, so the failure's sentence is followed
    by "anything else?" instead of the same proposal, refused again at every yes."""
    if name == "book_appointment" and failure.kind == "too_many_bookings":
        s.finish_task()
        s.follow_ups.clear()


def proposal_from(s: DialogueState) -> Proposal | None:
    return s.proposal


def reset_request(s: DialogueState) -> None:
    s.request = Request()
