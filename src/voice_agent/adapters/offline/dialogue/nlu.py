"""Understanding one caller utterance: what they want and the details they gave.

Pure Python (no framework imports). Handles typed text ("My number is 987-654-3210.") and the
lower-case, punctuation-free form speech recognisers produce ("my number is nine eight seven
six five four three two one zero"). Parsing of phone numbers, dates, times, names and codes
is delegated to the domain helpers; this module only decides *where* in a sentence to look.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, time
from typing import Final, Literal

from voice_agent.domain.codes import ALPHABET, CODE_LENGTH, normalize_code
from voice_agent.domain.datetimes import (
    MONTHS,
    WEEKDAY_NAMES,
    find_date,
    find_time,
    parse_time,
)
from voice_agent.domain.errors import DomainError
from voice_agent.domain.names import clean_name
from voice_agent.domain.spoken_numbers import (
    ORDINALS,
    TEENS,
    UNITS,
    parse_small_number,
    spoken_digits,
    tokens,
)

logger = logging.getLogger(__name__)

Task = Literal["book", "availability", "list", "reschedule", "cancel"]
"""Appointment tasks a caller can ask for."""

Act = Literal[
    "book",
    "availability",
    "list",
    "reschedule",
    "cancel",
    "end",
    "yes",
    "no",
    "greeting",
    "hours",
    "other",
]
"""The single label that best describes an utterance (see :func:`detect_intent`)."""

Expect = Literal[
    "intent",
    "phone",
    "name",
    "date",
    "time",
    "datetime",
    "code",
    "which_appointment",
    "confirm_book",
    "confirm_cancel",
    "offer_modify",
    "offer_book",
    "anything_else",
]
"""What the agent last asked for; it changes how a short answer ("11", "Sarah") is read."""

TIME_EXPECTS: Final = frozenset({"time", "datetime", "date", "confirm_book"})


@dataclass(frozen=True)
class Utterance:
    """Everything the engine needs from one caller turn."""

    text: str
    task: Task | None = None
    yes: bool = False
    no: bool = False
    end: bool = False
    greeting: bool = False
    hours_question: bool = False
    phone: str | None = None
    """Digits as heard (a leading "+" kept); validity is the identify_user tool's business."""
    name: str | None = None
    date: date | None = None
    time: time | None = None
    code: str | None = None
    ordinal: int | None = None
    """"the first one" -> 1, "the second" -> 2, "the last one" -> -1."""
    weekday: int | None = None
    """A weekday named (Monday=0), e.g. to pick "the Friday one"."""
    month: int | None = None
    """A month named, e.g. to pick "the December one"."""

    @property
    def act(self) -> Act:
        """One label for the utterance, most specific first."""
        if self.end:
            return "end"
        if self.task is not None:
            return self.task
        if self.no:
            return "no"
        if self.yes:
            return "yes"
        if self.hours_question:
            return "hours"
        if self.greeting:
            return "greeting"
        return "other"

    @property
    def has_details(self) -> bool:
        """Whether the caller gave any concrete detail (phone, name, date, time, code, pick)."""
        return any(
            v is not None
            for v in (self.phone, self.name, self.date, self.time, self.code, self.ordinal)
        )


# --- intent patterns (matched on the normalised token string) ------------------------------

_CANCEL = re.compile(
    r"\bcancel|\bcall (?:it )?off\b|\bcalling (?:it )?off\b|\bdelete\b|\bremove\b"
    r"|\bdon t need (?:it|my appointment|the appointment)\b|\bcan t make it\b"
)
_RESCHEDULE = re.compile(
    r"\breschedul|\bchange\b|\bchanging\b|\bmove\b|\bmoving\b|\bmodify|\bpush (?:it|my|the)\b"
    r"|\bswitch\b|\bpostpone|\bdifferent (?:time|day|date)\b|\bbring (?:it )?forward\b"
    r"|\bmake it\b|\bshift\b"
)
_AVAILABILITY = re.compile(
    r"\bavailab|\bopenings?\b|\bopen slots?\b|\bfree (?:slots?|times?)\b|\bwhat times\b"
    r"|\bwhich times\b|\bany (?:slots?|times|openings?)\b|\bwhen are you free\b"
    r"|\bwhat do you have\b|\bslots?\b|\bwhat s free\b|\banything free\b|\bwhen can i come\b"
)
_LIST = re.compile(
    r"\bcheck\b|\bmy appointments\b|\bwhen is my\b|\bdo i have\b|\blook up\b|\blookup\b"
    r"|\bwhat appointments\b|\blist\b|\bupcoming\b|\bconfirm my\b|\bremind me\b"
    r"|\bwhat time is my\b|\bwhich appointments\b"
)
_BOOK = re.compile(
    r"\bbook|\bschedule\b|\bscheduling\b|\bmake an? (?:appointment|booking)\b|\bset up\b"
    r"|\bnew appointment\b|\bsee (?:the|a) (?:doctor|dentist)\b|\bcome in\b"
    r"|\ban appointment\b|\breserve\b|\bappointment for\b"
)
_MY_APPOINTMENT = re.compile(r"\bmy appointment\b|\babout my\b")
_END = re.compile(
    r"\bgood ?bye\b|\bbye\b|\bthat s all\b|\bthat is all\b|\bthat ll be all\b|\bnothing else\b"
    r"|\bhang up\b|\bi m done\b|\bwe re done\b|\ball done\b|\bhave a (?:good|nice|great) day\b"
    r"|\bthat s everything\b|\bno more\b|\bend (?:the )?call\b"
)
_FILLER = r"(?:(?:um|uh|oh|well|ah|hmm|so)\s+)*"
_YES = re.compile(
    rf"^{_FILLER}(?:yes|yeah|yep|yup|ya|sure|ok|okay|correct|right|absolutely|definitely"
    r"|certainly|please|perfect|great|sounds good|that works|works for me|go ahead|do it"
    r"|that s right|please do|of course|affirmative|alright|all right|fine|confirm|book it"
    r"|that s fine|that would be great|exactly|yes please)\b"
    r"|\byes\b|\bgo ahead\b|\bsounds good\b|\bthat works\b"
)
_NO = re.compile(
    rf"^{_FILLER}(?:no|nope|nah|not really|negative|don t|do not|never mind|nevermind"
    r"|not now|not today|neither|wait)\b|\bno thanks?\b|\bno thank you\b"
)
_GREETING = re.compile(
    rf"^{_FILLER}(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|howdy)\b"
)
_HOURS = re.compile(
    r"\b(?:your|opening|office|business|clinic) hours\b|\bwhen are you open\b"
    r"|\bare you open\b|\bwhat time do you (?:open|close)\b|\bdays are you open\b"
)
_PHONE_CUE = re.compile(
    r"\b(?:number is|number s|phone is|phone number|my number|call me at|reach me at|mobile)\b"
)
_CODE_CUE = re.compile(r"\b(?:code|confirmation|reference|booking number)\b")
_ORDINAL_PICK = re.compile(
    r"\b(?:the )?(first|second|third|fourth|fifth|sixth|seventh|last|earliest|latest)"
    r"(?: (?:one|slot|time|option|appointment|available|opening))?\b"
)
_ORDINAL_VALUES: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "earliest": 1,
    "last": -1,
    "latest": -1,
}


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- names -----------------------------------------------------------------------------------

_NAME_INTRO = re.compile(
    r"\b(?:my name is|my name's|my names|name is|the name is|this is|it's|its|it is|i am|i'm"
    r"|im|call me)\s+(.+)",
    re.I,
)
_NAME_STOP: Final = _word_set(
    """and my i phone number calling please thanks thank from here speaking but so with to
    the a an calling for on at is was it i'd i'll id ill can could would i'm need want like
    book appointment tomorrow today yes no"""
)
_NOT_A_NAME: Final = (
    _word_set(
        """calling looking trying interested here not just new sure fine good great ok okay yes
    no about a an the for to that correct right me available free busy tomorrow today my
    what which who how when where why very really only bad wondering um uh hmm er erm ah oh
    well so like huh hoping going gonna ready done all fine perfect nothing also still back an
    urgent important regarding sorry unclear confused hello hi hey bye goodbye thanks
    thank please"""
    )
    | frozenset(MONTHS)
    | frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
)
_BARE_NAME_FILLERS = re.compile(
    rf"^{_FILLER}(?:(?:yes|yeah|sure|ok|okay|right)\s+)?(?:it s\s+|its\s+|i m\s+|im\s+"
    r"|this is\s+|my name is\s+|my name s\s+|name is\s+|the name is\s+|call me\s+)?"
)
_MAX_NAME_WORDS = 4

_DIGIT_WORDS: Final = frozenset(UNITS) | frozenset(TEENS) | {"double", "triple"}


def normalise(text: str) -> str:
    """Lower-case tokens joined by single spaces ("That's ALL!" -> "that s all")."""
    return " ".join(tokens(text))


def detect_intent(text: str) -> Act:
    """The single best label for an utterance, without any dialogue context."""
    return parse_utterance(text, today=date(2000, 1, 3)).act


def detect_task(norm: str) -> Task | None:
    """The appointment task named in a normalised utterance, most specific first."""
    if _CANCEL.search(norm):
        return "cancel"
    if _RESCHEDULE.search(norm):
        return "reschedule"
    if _AVAILABILITY.search(norm):
        return "availability"
    if _LIST.search(norm):
        return "list"
    if _BOOK.search(norm):
        return "book"
    if _MY_APPOINTMENT.search(norm):
        return "list"
    return None


def parse_utterance(text: str, *, today: date, expect: Expect | None = None) -> Utterance:
    """Read one caller turn. ``expect`` is what the agent last asked for, if known."""
    raw = text or ""
    norm = normalise(raw)
    if not norm:
        return Utterance(text=raw)
    end = bool(_END.search(norm))
    yes = bool(_YES.search(norm))
    no = bool(_NO.search(norm))
    if yes and no:
        # "yes ... no" or "no, yes": trust whichever comes first.
        first_yes = _YES.search(norm)
        first_no = _NO.search(norm)
        assert first_yes is not None and first_no is not None
        yes, no = (True, False) if first_yes.start() < first_no.start() else (False, True)
    task = detect_task(_HOURS.sub(" ", norm))
    if task is not None:
        # A request outweighs a closing phrase ("that's all I need is to check my
        # appointment", or a recogniser hearing "hello" as "that's all").
        end = False

    phone = extract_phone(raw, expect=expect)
    code = extract_code(raw, expect=expect) if phone is None else None
    ordinal = (
        extract_ordinal(norm) if expect in ("time", "which_appointment", "offer_modify") else None
    )
    day: date | None = None
    at: time | None = None
    scrubbed: str | None = raw
    if phone is not None:
        # "tomorrow at 2, my number is ..." - details may come before the number
        cue = _PHONE_CUE.search(norm)
        scrubbed = norm[: cue.start()] if cue is not None else None
    elif ordinal is not None:
        scrubbed = _ORDINAL_PICK.sub(" ", raw.lower())
    if scrubbed:
        day = extract_date(scrubbed, today=today)
        at = extract_time(scrubbed, expect=expect, has_date=day is not None)
    words = norm.split()
    weekday = next((WEEKDAY_NAMES[w] for w in words if w in WEEKDAY_NAMES), None)
    month = next((MONTHS[w] for w in words if w in MONTHS and w != "may"), None)
    name = extract_name(raw, expect=expect)
    if name is not None and (task is not None or day is not None or at is not None):
        # "it's for tomorrow" is not a name; only accept an introduced name here.
        name = extract_name(raw, expect=None)
    return Utterance(
        text=raw,
        task=task,
        yes=yes,
        no=no,
        end=end,
        greeting=bool(_GREETING.search(norm)),
        hours_question=bool(_HOURS.search(norm)) and task is None,
        phone=phone,
        name=name,
        date=day,
        time=at,
        code=code,
        ordinal=ordinal,
        weekday=weekday,
        month=month if phone is None else None,
    )


# --- slot extractors -------------------------------------------------------------------------


def extract_phone(text: str, *, expect: Expect | None = None) -> str | None:
    """The digits of a phone number in ``text``, or None.

    Seven or more digits always count; when the agent just asked for the number any digits
    count (so "123" reaches the identify tool, which explains what is wrong with it).
    """
    norm = normalise(text)
    segment = text
    cue = _PHONE_CUE.search(norm)
    if cue is not None:
        segment = norm[cue.end() :]
    digits = spoken_digits(segment)
    if not digits:
        return None
    asked = expect == "phone" or cue is not None
    if len(digits) < 7 and not asked:
        return None
    if asked and len(digits) < 7 and _looks_like_time_or_date(norm):
        return None
    plus = text.lstrip().startswith("+") or re.search(r"\bplus\b", norm) is not None
    return ("+" if plus else "") + digits


def _looks_like_time_or_date(norm: str) -> bool:
    return bool(
        re.search(r"\b(?:am|pm|a m|p m|o clock|oclock|noon|today|tomorrow)\b", norm)
        or any(w in MONTHS for w in norm.split())
    )


def extract_code(text: str, *, expect: Expect | None = None) -> str | None:
    """An eight-character confirmation code typed ("DEF6-789A") or spelled ("d e f six ...")."""
    # Typed: one token (dashes inside allowed) with both a digit and a letter.
    for piece in re.split(r"[\s,.;:!?()\"']+", text):
        compact = piece.replace("-", "").lower()
        if (
            len(compact) == CODE_LENGTH
            and all(ch in ALPHABET for ch in compact)
            and any(ch.isdigit() for ch in compact)
            and any(ch.isalpha() for ch in compact)
        ):
            return compact
    toks = tokens(text.replace("double u", "double-u"))
    norm = " ".join(toks)
    cued = expect in ("code", "which_appointment") or _CODE_CUE.search(norm) is not None
    if expect == "code" and len(toks) == 1:
        compact = toks[0]
        if len(compact) == CODE_LENGTH and all(ch in ALPHABET for ch in compact):
            return compact
    best: tuple[int, int, str] | None = None
    for i in range(len(toks)):
        for j in range(i + 1, min(len(toks), i + 2 * CODE_LENGTH) + 1):
            window = toks[i:j]
            if len(window) < 4:
                continue
            simple = all(_is_spelled_char(t) for t in window)
            if not simple and not cued:
                continue
            if not all(_is_spelled_char(t) or (cued and _is_letter_word(t)) for t in window):
                continue
            try:
                code = normalize_code(" ".join(window))
            except DomainError:
                continue
            candidate = (len(window), i, code)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best is not None else None


def _is_spelled_char(tok: str) -> bool:
    if len(tok) == 1:
        return tok in ALPHABET or tok.isdigit()
    return tok in _DIGIT_WORDS and tok not in ("oh", "o", "nought", "zero") or tok.isdigit()


_LETTER_WORDS: Final = _word_set(
    """ay bee be see sea cee dee ee eff ef gee aitch jay kay em en pee cue queue are ar es
    ess tee tea you vee double-u ex why zed zee alpha alfa bravo charlie delta echo foxtrot
    golf hotel juliet juliett kilo mike november papa quebec romeo sierra tango uniform
    victor whiskey xray yankee zulu"""
)


def _is_letter_word(tok: str) -> bool:
    return tok in _LETTER_WORDS


def extract_ordinal(norm: str) -> int | None:
    """ "the second one" -> 2, "the last one" -> -1; None when no pick is made."""
    m = _ORDINAL_PICK.search(norm)
    if m is None:
        return None
    return _ORDINAL_VALUES[m.group(1)]


def extract_date(text: str, *, today: date) -> date | None:
    """The date mentioned, resolved against the clinic's ``today``.

    A month-and-day ("December 4th", "4th of December") wins over a weekday said with it
    ("Friday, December 4th"), since it is the more precise of the two.
    """
    try:
        found = find_date(text, today=today)
    except DomainError:
        found = None
    toks = tokens(text.replace("-", " "))
    for i, w in enumerate(toks):
        if w not in MONTHS or w == "may":
            continue
        for start in (i, max(0, i - 2)):
            window = [t for t in toks[start:] if t not in WEEKDAY_NAMES]
            try:
                precise = find_date(" ".join(window), today=today)
            except DomainError:
                precise = None
            if precise is not None:
                return precise
    return found


def extract_time(text: str, *, expect: Expect | None = None, has_date: bool = False) -> time | None:
    """The first time of day mentioned; a bare number counts when a time was asked for."""
    try:
        found = find_time(text)
    except (DomainError, ValueError):
        found = None
    if found is not None:
        return found
    if expect not in TIME_EXPECTS:
        return None
    words = tokens(text)
    for i, w in enumerate(words):
        if w in ORDINALS or re.fullmatch(r"\d+(?:st|nd|rd|th)", w):
            continue
        if i > 0 and words[i - 1] in MONTHS:
            continue  # "December 3" is a date, not 3 o'clock
        if i > 0 and words[i - 1] == "the":
            continue
        num = parse_small_number(words[i:])
        if num is None or not 1 <= num[0] <= 12:
            continue
        if has_date and i + num[1] < len(words) and words[i + num[1]] in MONTHS:
            continue
        try:
            return parse_time(str(num[0]))
        except DomainError:
            return None
    return None


def extract_name(text: str, *, expect: Expect | None = None) -> str | None:
    """A personal name: introduced ("my name is Sarah Johnson", "it's Sarah"), or bare
    ("Sarah Johnson") when the agent has just asked for the caller's name."""
    raw = (text or "").strip()
    m = _NAME_INTRO.search(raw)
    candidate: str | None = None
    if m is not None:
        candidate = m.group(1)
    elif expect == "name":
        candidate = _BARE_NAME_FILLERS.sub("", normalise(raw))
        # keep the caller's own spelling/casing where we can find it
        idx = raw.lower().find(candidate.split(" ")[0]) if candidate else -1
        if candidate and idx >= 0:
            candidate = raw[idx:]
    if not candidate:
        return None
    words: list[str] = []
    for part in re.split(r"\s+", candidate.strip()):
        if re.search(r"[,.;!?]$", part):
            words.append(part.strip(",.;!?"))
            break
        word = part.strip(',.;!?"')
        if not word or word.lower() in _NAME_STOP or any(c.isdigit() for c in word):
            break
        if word.lower() in _DIGIT_WORDS and expect != "name":
            break
        words.append(word)
    words = [w for w in words if w]
    if not words or len(words) > _MAX_NAME_WORDS or words[0].lower() in _NOT_A_NAME:
        return None
    if any(w.lower() in _NOT_A_NAME for w in words[1:]):
        words = words[: next(i for i, w in enumerate(words) if w.lower() in _NOT_A_NAME)]
    if not words:
        return None
    try:
        return clean_name(" ".join(words))
    except DomainError:
        return None
