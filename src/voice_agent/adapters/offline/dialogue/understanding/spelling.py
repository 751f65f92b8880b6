"""Typed shorthand and misspellings of the words that matter for scheduling.

People typing to a receptionist write "tmrw", "wensday", "appt", "pls", "cancle". Shorthand is
expanded from a table; a misspelled word is mapped to the domain word it is one edit away from
(two for long words), with the same first letter. Only domain words are targets (weekday and
month names, "tomorrow", "appointment", "cancel"...): common English words and number words
are not, so "there" never becomes "three" and "thinks" never "thanks".
"""

from __future__ import annotations

import re
from functools import lru_cache

from voice_agent.adapters.offline.dialogue.understanding.heard import as_meant
from voice_agent.adapters.offline.dialogue.understanding.tokens import (
    MIDDAY_WORDS,
    WEEKDAY_WORD,
    hour_words,
    word_set,
)
from voice_agent.domain.datetimes import MONTH_NAMES

SHORTHAND: dict[str, str] = {
    # days
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrrw": "tomorrow", "tomoz": "tomorrow",
    "2moro": "tomorrow", "2morrow": "tomorrow", "2mrw": "tomorrow", "tomo": "tomorrow",
    "2day": "today", "tdy": "today", "tonite": "tonight", "2nite": "tonight",
    "tues": "tuesday", "tue": "tuesday", "weds": "wednesday",
    "thurs": "thursday", "thur": "thursday", "thu": "thursday", "thr": "thursday",
    "fri": "friday", "mon": "monday",
    "wk": "week", "wks": "weeks", "nxt": "next", "b4": "before", "aft": "afternoon",
    "arvo": "afternoon", "mins": "minutes", "hr": "hour", "hrs": "hours",
    # requests and manners
    "appt": "appointment", "appts": "appointments", "apt": "appointment",
    "apts": "appointments", "resched": "reschedule", "pls": "please", "plz": "please",
    "pleez": "please", "thx": "thanks", "thnx": "thanks", "thanx": "thanks", "ty": "thanks",
    "tks": "thanks", "u": "you", "ur": "your", "cud": "could", "pic": "pick",
    "k": "ok", "kk": "ok", "okey": "okay", "okk": "ok", "yh": "yeah", "yeh": "yeah",
    "ya": "yeah", "yas": "yes", "yess": "yes", "yesss": "yes", "noo": "no", "nope": "nope",
    "bye": "bye", "byee": "bye", "cya": "bye", "gtg": "bye", "ppl": "people",
    "num": "number", "no.": "number", "nr": "number", "ph": "phone", "tel": "phone",
    "info": "information", "dr": "doctor", "doc": "doctor", "wanna": "want to",
    "gonna": "going to", "gotta": "got to", "lemme": "let me", "gimme": "give me",
    "asap": "as soon as possible", "sth": "something", "smth": "something",
    "msg": "message", "cn": "can", "cld": "could", "wud": "would", "shd": "should",
    "abt": "about", "bc": "because", "cuz": "because", "coz": "because", "tho": "though",
    "thru": "through", "til": "until", "till": "until", "nite": "night", "w/": "with",
    "avail": "available", "availble": "available", "dunno": "do not know",
    "counsel": "cancel", "counseled": "cancelled", "counselled": "cancelled",
    "xmas": "christmas", "nye": "new years eve", "rn": "right now", "idk": "i do not know",
}  # fmt: skip

_DOMAIN = word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december tomorrow tonight today appointment
    appointments afternoon morning evening cancel cancellation reschedule rescheduling
    available availability earliest confirmation booking booked schedule weekend o'clock
    please change number lunch around"""
)


_ENGLISH = word_set(
    """earlier early later latest sooner soonest appoint appointed booker bookers months morrow
    todays tomorrows mondays tuesdays wednesdays thursdays fridays saturdays sundays
    cancelled canceled cancelling canceling cancels scheduled schedules scheduling available
    availabilities evenings mornings afternoons weekends confirmations pleased pleasing
    chance chances charge charged charges changes numbed lurch chang"""
)
_MONTHS = word_set("march april")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "est", "ly")


def _inflected(word: str, target: str) -> bool:
    stem = target[:-1] if target.endswith("e") else target
    return any(word == target + x or word == stem + x for x in _SUFFIXES)


def distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@lru_cache(maxsize=4096)
def correct(word: str) -> str:
    """The domain word a typed ``word`` (lower case) most likely means, else ``word``."""
    if word in SHORTHAND:
        return SHORTHAND[word]
    if len(word) < 4 or not word.isalpha() or word in _DOMAIN or word in _ENGLISH:
        return word
    best: tuple[int, str] | None = None
    for target in _DOMAIN:
        if target[0] != word[0] or len(target) < 5:
            continue
        if len(word) == 4 or len(target) == 5:
            # short words: only a letter left out ("luch", "tody"), never one changed ("match"
            # is no "march"), and no month ("Marc", "Aril" are names)
            if (
                target not in _MONTHS
                and len(target) == len(word) + 1
                and any(target[:k] + target[k + 1 :] == word for k in range(len(target)))
            ):
                best = (1, target)
            continue
        if _inflected(word, target):
            return word  # "scheduled", "mornings": a real word, not a typo
        limit = 2 if max(len(word), len(target)) >= 8 else 1
        d = distance(word, target, limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, target)
    return best[1] if best is not None else word


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9/.]*[A-Za-z0-9]|[A-Za-z]")
# "sat", "sun" and "wed" are also English words: days only next to a day or time context
_DAY_SHORT = re.compile(
    r"(?i)(?:(?<=\bon )|(?<=\bthis )|(?<=\bnext )|(?<=\bor )|(?<=\band )|(?<=\bmy )"
    r"|(?<=\bthe )|(?<=\bby )|(?<=\buntil )|(?<=\bto )(?<!going to )(?<!want to )(?<!get to ))"
    r"\b(sat|sun|wed)\b"
    r"|\b(sat|sun|wed)\b(?=\s*(?:\d|at\b|or\b|morning|afternoon|am\b|pm\b|the \d|\?|$|same\b"
    r"|appt|appointment|one\b|is\b|works|then\b|instead|,|noon|lunch|evening|after\b|before\b"
    r"|around\b|pls\b|please|next\b|dec|jan|nov|feb|\d))"
    r"|\A\s*(sat|sun|wed)\b"
)
_DAYS = {"sat": "saturday", "sun": "sunday", "wed": "wednesday"}


_EMOJI = {"\U0001f44d": " yes ", "\u2705": " yes ", "\U0001f44c": " ok ", "\U0001f44e": " no ",
          "\u274c": " no "}  # fmt: skip
_ARE_YOU = re.compile(r"(?i)\br (u|you)\b")
_ISH = re.compile(rf"(?i)\b(\d{{1,2}}(?::\d\d)?(?:am|pm)?|(?:{hour_words(*MIDDAY_WORDS)}))-?ish\b")


def _roughly(m: re.Match[str]) -> str:
    """ "ten-ish": "around ten o'clock", an hour however it is asked for (not the digits of a
    number); "noonish", "3pmish", "10:30ish" say their hour already."""
    said = m.group(1)
    plain = said.isdigit() or said.lower() not in MIDDAY_WORDS and said.isalpha()
    return f"around {said} o'clock" if plain else f"around {said}"


# A recogniser's homophone of an hour ("monday at won", "friday at too in the afternoon",
# "around ate", "too pm", "anytime after to", "half past for"): said where only an hour can
# stand.
_HOURS_HEARD = {
    "too": "two", "to": "two", "won": "one", "ate": "eight", "for": "four", "tree": "three",
    "tent": "ten",
}  # fmt: skip
_HOUR_AFTER = re.compile(
    r"(?i)\b(at|around|about|say|like|after|before|past)\s+(too|won|ate|tree)\b"
    r"(?!\s+(?:it|that|this|them|me|you)\b)"
    r"|\b(at|after|before|past)\s+(to|for)\b(?=\s*(?:$|[.,?!]|(?:pm|am|p m|a m|oclock|o'clock"
    r"|thirty|fifteen|in the|on|or|then|please|if)\b))"
)
_HOUR_BEFORE = re.compile(
    r"(?i)\b(too|won|ate|tree)(?=\s+(?:pm|am|p m|a m|oclock|o'clock)\b)"
    r"|(?<!\w)(?<!\d )(to|for)(?=\s+(?:pm|p m)\b)"  # "friday to pm", "for pm": not "to 2 pm"
    r"|\b(tent)(?=\s+(?:thirty|fifteen|forty|am|pm|oclock|o'clock)\b)"  # "tent thirty"
    # "change it to to oclock", "at for o'clock": no "to" or "for" stands before o'clock
    r"|(?<!\w)(to|for)(?=\s+(?:oclock|o'clock|o\u2019clock)\b)"
)


# A recogniser's mishearing of a day: "wednesday" heard as "when's day"; a day run together
# with the word after it ("thursdaymorning", "fridayafternoon", "mondayat").
_DAY_HEARD = re.compile(r"(?i)\bwhen['\u2019]?s day\b")
_DAY_GLUED = re.compile(
    rf"(?i)\b({WEEKDAY_WORD}|today|tomorrow)"
    r"(morning|afternoon|evening|at|around)\b"
)


_NUMBER_SIGN = re.compile(
    r"(?i)\b(confirmation|conf|booking|reference|ref|phone|cell)\s*#(?!\s*\d)"
)


def _hours_heard(text: str) -> str:
    text = _HOUR_AFTER.sub(
        lambda m: f"{m.group(1) or m.group(3)} {_HOURS_HEARD[(m.group(2) or m.group(4)).lower()]}",
        text,
    )
    return _HOUR_BEFORE.sub(lambda m: _HOURS_HEARD[m.group(m.lastindex or 1).lower()], text)


_TEXTED_TO = re.compile(
    r"(?<![\d:])\b2 (?=(?:something|sometime|somethin|anything|another|later|earlier|a different"
    r"|the next|next week|a later|an earlier)\b)",
    re.I,
)
"""A texted "2" for "to" before where something goes ("can i move my 3pm 2 something b4 1")."""


_MOVED_TILL = re.compile(
    r"(?i)\b((?:change|move|push|shift|put|bump|switch|reschedule)\s+"
    r"(?:it|that(?: one)?|this(?: one)?|mine|them|my appointment|the appointment)\s+"
    r"(?:(?:back|forward|along|over|on|out)\s+)?)(?:till|until|til)\b"
    r"(?!\s+(?:after|before|then|later|next|the end|further|i|we|you|he|she|they)\b)"
)
"""A "till" where a move goes ("can I change it till eleven", a recogniser's "to"; "push it
until 3"): "to", not a limit (moving it "till eleven" had offered 10 AM, the last hour
before). "push it till after the holidays" and "move it till I'm back" stay."""


_BY_THE_WAY = re.compile(r"(?i)\b(?:by|bye|buy) (?:the|that|tha|da|de) way\b")
""""By the way", and the recogniser's "bye that way" for it: an aside, not a goodbye."""
_EARLIER_PAST = re.compile(
    r"(?i)\b((?:booked|made|rang|called|phoned|tried|sent|spoke|emailed|texted|did|filled|submitted"
    r"|messaged|left|got|received|went|heard|saw|was|were)\b"
    r"(?:\s+(?!(?:can|could|would|will|want|wanted|like|need|is|any|anything|something|go|come|move"
    r"|make|push|bring|but|if|have|get|there)\b)[\w']+){0,5}?)"
    r"(?<!\bone)(?<!\bsomething)(?<!\banything)\s+earlier"
    r"(?:\s+(?:today|tonight|this (?:morning|afternoon|evening|week|month)|on"
    r"|in the (?:day|week)))?\b(?!\s+(?:than|time|slot|appointment|one|please)\b)(?!\s*\?)"
)
"""'I booked one online earlier today', 'I rang earlier': when something was done, said of the
past - not a time asked for (nothing 'earlier' wanted), so the words are dropped."""
_ONE_LAST_THING = re.compile(
    r"(?i)\b(one|a|my|the) last (thing|question|quick (?:thing|question)|query|request)\b"
)
""""One last thing: what's the address?": one more thing asked, not the latest slot."""


_REGIONAL = (
    # "see ya", "see yous", "catch ya later": a goodbye (not the texted "ya" for yeah)
    (re.compile(r"(?i)\b(?:see|catch) (?:ya|yah|yas|yous|youse|yiz)\b"), "see you"),
    # the plural "you" of Ireland, Scotland, the North, Australia and the US South: "what time
    # do youse close", "might could y'all fit me in", "thank yinz"
    (re.compile(r"(?i)\b(?:youse|yous|y(?:'| )?all|yinz)\b"), "you"),
    # Scots: "the morrow" is tomorrow
    (re.compile(r"(?i)\bthe morrow\b"), "tomorrow"),
    # "Wednesday'd be best", "same time'd be choice": the day or time, and "would"
    (
        re.compile(
            rf"(?i)\b({WEEKDAY_WORD}|time|day|week"
            r"|morning|afternoon|one|slot)'d\b"
        ),
        r"\1 would",
    ),
    # a learner's gendered pronoun for the appointment: "I want to change him to Wednesday"
    (
        re.compile(
            r"(?i)\b(change|move|shift|cancel|reschedule|push|pass|postpone|prepone) (?:him|her)"
            r"(?= to| for| on| at| by|\W*$)"
        ),
        r"\1 it",
    ),
    # "latish in the day", "late on in the day": the late afternoon
    (re.compile(r"(?i)\blatish\b"), "late"),
    # (not "as late in the day as you can": the last slot)
    (re.compile(r"(?i)(?<!\bas )\blate (?:on )?in the day\b(?! as\b)"), "late afternoon"),
    # a Spanish or Portuguese speaker's "after of the lunch" (después del, depois do almoço)
    (re.compile(r"(?i)\b(after|before) of (the )?(lunch|noon|midday|work|school)\b"), r"\1 \2\3"),
    # "cancel the two", "yes, the two please", "book the two", "the two of them": both of
    # them (not a bare "the two please", said to a choice of hours, nor "the two o'clock")
    (
        re.compile(
            r"(?i)\b((?:yes|yeah|yep|please|book|cancel|move|shift|change|reschedule|keep)\W+)"
            r"(?:the|these|those) two\b(?!\W*(?:o\W?\s?clock|pm|am|p\.m|a\.m|thirty|fifteen|forty"
            r"|fifty|one\b|[:\d]))"
        ),
        r"\1both",
    ),
    (
        re.compile(
            r"(?i)\b(?:the|these|those) two\b(?=\W+(?:of them|of those|appointments|bookings"
            r"|ones|because|as well|together)\b)"
        ),
        "both",
    ),
    # Irish and northern English "ye" for you: "are ye open saturdays", "what have ye got"
    # (not a texted "ye" for yeah: "ye that works")
    (
        re.compile(r"(?i)\b(are|have|do|did|can|could|would|will|were|if|what|when|thank) ye\b"),
        r"\1 you",
    ),
    (re.compile(r"(?i)\bye (?=(?:have|got|open|do|take|free|still)\b)"), "you "),
    # South Asian English: "same timing only", "the timing of my appointment" - the time
    (re.compile(r"(?i)\b(same|the|what|which|my|your|that|this) timing\b"), r"\1 time"),
)
"""Words of the world's Englishes that mean what an everyday word means, written as that word."""


_DOTTED_DATE = re.compile(
    r"(?<![\d.:])(?<!\bat )(?<!\bby )(?<!\buntil )(?<!\btill )"
    r"([0-3]?\d)\.([01]?\d)(?:\.(\d{4}|\d{2})(?![\d.])|\.(?!\d))"
)
"""A date written the European way, day first with dots: "10.12.", "3.1.2027", "24.12.26" (the
dot after the month, or a year, tells it from a time such as "10.30"; never after "at")."""


def _dotted_date(m: re.Match[str]) -> str:
    day, month = int(m.group(1)), int(m.group(2))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m.group(0)
    year = m.group(3)
    if year is not None and len(year) == 2:
        year = "20" + year
    said = f"{day} {MONTH_NAMES[month - 1]}" + (f" {year}" if year else "")
    return said + (" ." if year is None else "")


def _spelled_after(words: list[re.Match[str]], k: int, low: str) -> bool:
    """Whether the word at ``k`` is spelled out letter by letter right after it ("nye n y e",
    "Ya, Y A"): a name given with its spelling, never shorthand."""
    letters = [m.group(0).lower() for m in words[k + 1 : k + 1 + len(low)]]
    return len(low) > 1 and "".join(letters) == low and all(len(x) == 1 for x in letters)


def expand(text: str, *, fuzzy: bool = True) -> str:
    """``text`` with shorthand and misspelled domain words written out, case kept otherwise.

    ``fuzzy=False`` expands shorthand only (a name is being given: "Frida" stays Frida)."""
    for emoji, word in _EMOJI.items():
        text = text.replace(emoji, word)
    if fuzzy:
        text = as_meant(text)  # "fry day", "the tent", "at tin": a recogniser's mishearings
    text = _BY_THE_WAY.sub(" ", text)  # "it's 212 555 0104, by the way"
    for said, meant in _REGIONAL:
        text = said.sub(meant, text)
    text = _ONE_LAST_THING.sub(r"\1 more \2", text)  # "one last thing": no "last" slot
    text = _EARLIER_PAST.sub(r"\1", text)  # "I booked it earlier today": when, not what
    text = _ARE_YOU.sub(r"are \1", text)  # "r u open"
    text = _ISH.sub(_roughly, text)  # "11ish", "noonish", "tenish": an hour, roughly
    text = _TEXTED_TO.sub("to ", text)  # "move it 2 something later": "to", not 2 o'clock
    text = _MOVED_TILL.sub(r"\1to", text)  # "change it till eleven": where it goes
    text = _hours_heard(text)
    text = _DOTTED_DATE.sub(_dotted_date, text)  # "on 10.12." in Europe: the 10th of December
    text = _NUMBER_SIGN.sub(r"\1 number", text)  # "confirmation #", "phone #"
    text = _DAY_GLUED.sub(r"\1 \2", _DAY_HEARD.sub("wednesday", text))
    text = _DAY_SHORT.sub(lambda m: _DAYS[(m.group(1) or m.group(2) or m.group(3)).lower()], text)
    words = list(_WORD.finditer(text))
    # letters said one by one ("k i m", a code "d e f 6 u 7") are not shorthand
    spelling = sum(1 for m in words if len(m.group(0)) == 1) >= 3
    if len(words) == 1 and words[0].group(0).lower() in ("y", "yy", "n"):
        return "yes" if words[0].group(0).lower() != "n" else "no"  # a typed "y" / "n"
    out: list[str] = []
    last = 0
    for k, m in enumerate(words):
        word = m.group(0)
        low = word.lower()
        out.append(text[last : m.start()])
        last = m.end()
        if low in SHORTHAND:
            echoed = _spelled_after(words, k, low)  # "noah nye n y e": a name, spelled
            out.append(word if (spelling and len(low) == 1) or echoed else SHORTHAND[low])
            continue
        nxt = words[k + 1].group(0) if k + 1 < len(words) else ""
        # a capitalised word before another is a name ("Frida Kahlo"), not a typo
        if not fuzzy or not word.isalpha() or (word[:1].isupper() and nxt[:1].isupper()):
            out.append(word)
            continue
        fixed = correct(low)
        out.append(word if fixed == low else fixed)
    out.append(text[last:])
    return "".join(out)
