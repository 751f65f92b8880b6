"""The scheduling words an offline recogniser mishears on phone audio, written back as meant.

A recogniser writes what it hears: a weekday split in two or heard as words it knows ("fry
day", "choose day", "thirst day", "wednes day", "to morrow"), an ordinal or an hour as its
homophone ("thursday the tent", "the twenty for of december", "at tin in the morning", "a
leaven o'clock", "the last won of the day"), a short word or an ending dropped or merged
("wednesday a ten" for at ten, "what I've got book in", "an our later", "a nour"), and the
nouns of a call misheard ("confirmation coat", "medic aid"). Each is written back only where
the word heard cannot mean itself there: "a week on Friday", "choose a day", "the one I won"
and a name given are left alone.
"""

from __future__ import annotations

import re
from typing import Final

from voice_agent.adapters.offline.dialogue.understanding.tokens import hour_words
from voice_agent.domain.datetimes import MONTH_NAMES

_MONTH: Final = "(?:" + "|".join(m.lower() for m in MONTH_NAMES) + ")"
_HOUR: Final = f"(?:{hour_words()}|1[0-2]|[1-9])"
_CLOCK_AFTER: Final = (
    r"(?:o'?clock|a\.?\s?m\b|p\.?\s?m\b|in the (?:morning|afternoon)|thirty|fifteen)"
)

_NOT_AN_HOUR: Final = (
    rf"(?!\s+{_CLOCK_AFTER}|\s+(?:or|and|to|ish)\b)"
    r"(?=\s*$|\s+(?:please|then|thanks|thank|for|on|this|next|tomorrow|today|in|before|after"
    r"|that|still|too|as|at all|any|bye)\b)"
)
"""What follows a "three" that is no hour ("if that's three please", "are you three on
monday"): no clock word, no second hour, and the line ends or goes on as it would after
"free"."""

_WEEKDAYS_HEARD: Final = (
    ("monday", r"mon|mun"),
    ("tuesday", r"tues|choose|choos|chooz|chews|twos|toos|tooz"),
    ("wednesday", r"wednes|wens|wends|wenz|whens"),
    ("thursday", r"thurs|thirst|thirs|thers|furs"),
    ("friday", r"fri|fry|fried"),
    ("saturday", r"satur|saturn|sadder"),
    ("sunday", r"sun"),
)
"""A weekday the recogniser wrote as two words, the first a word it knows ("fry day"), or as
one word spelt the way it sounds ("chewsday", "wensday", "fursday")."""

_REWRITES: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    *(
        (
            re.compile(rf"(?i)\b(?!{day}s?\b)(?:{heard})\s*day(s?)\b(?!\s+(?:and|or) night)"),
            rf"{day}\1",
        )
        for day, heard in _WEEKDAYS_HEARD
    ),
    # "to morrow", "to marrow": tomorrow
    (re.compile(r"(?i)\bto\s+(?:morrow|marrow|morro|moro)\b"), "tomorrow"),
    # "next weak", "that same weak": the week (not "a weak signal")
    (
        re.compile(r"(?i)\b(this|next|last|that|same|following|coming|per) weak\b"),
        r"\1 week",
    ),
    # an ordinal heard as its homophone: "thursday the tent", "the twenty for of december",
    # "december the thirty won", "the ate of january"
    (
        re.compile(rf"(?i)\bthe tent\b(?!\s+{_CLOCK_AFTER})"),
        "the tenth",
    ),
    (
        re.compile(rf"(?i)\b(the|{_MONTH}) (twenty|thirty) (?:for|fore|forth)\b"),
        r"\1 \2 fourth",
    ),
    (re.compile(rf"(?i)\b(the|{_MONTH}) (twenty|thirty) won\b(?!['\u2019]t)"), r"\1 \2 first"),
    (re.compile(rf"(?i)\b(the|{_MONTH}) twenty (?:too|tu)\b"), r"\1 twenty second"),
    (re.compile(rf"(?i)\b(the|{_MONTH}) twenty ate\b"), r"\1 twenty eighth"),
    (
        re.compile(r"(?i)\bthe (?:for|fore)\b(?=\s+(?:of|at|in|on|please|then|instead)\b|\s*$)"),
        "the fourth",
    ),
    (
        re.compile(r"(?i)\bthe ate\b(?=\s+(?:of|at|in|on|please|then|instead)\b|\s*$)"),
        "the eighth",
    ),
    # eleven heard as "a leaven", "a leven", "elven"
    (re.compile(r"(?i)\b(?:a\s+)?lea?ven\b|\belven\b"), "eleven"),
    # ten heard as "tin" or "tent" where only an hour can stand ("at tin in the morning")
    (
        re.compile(r"(?i)\b(at|around|about|till|until|by|from|before|after|say)\s+(?:tin|tent)\b"),
        r"\1 ten",
    ),
    (re.compile(rf"(?i)\btin\b(?=\s+{_CLOCK_AFTER})"), "ten"),
    # the "at" heard as "a" between a day and its hour: "wednesday a ten", "tomorrow a two"
    # (not "friday a week", "monday a fortnight")
    (
        re.compile(
            rf"(?i)\b((?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today)\s+a\s+({_HOUR})\b"
            r"(?!\s+(?:weeks?|days?|fortnights?|months?|years?|or two|of)\b)"
        ),
        r"\1 at \2",
    ),
    # "free" heard as "three" where no hour can stand: after an hour said ("two o'clock, if
    # that's three": the recorded a-week-on-tuesday call, asked "2 PM or 3 PM?" back), "are
    # you three on monday", "anything three tomorrow" - not "if that's three o'clock",
    # "anything three p m", "yes, if it's three then" (no other hour: it may be the hour)
    (
        re.compile(
            rf"(?i)\b({_HOUR}\b(?:(?!\bthree\b).)*?\bif (?:that's|that is|thats|it's|it is"
            rf"|its|you're|you are)) three\b{_NOT_AN_HOUR}"
        ),
        r"\1 free",
    ),
    (
        re.compile(rf"(?i)\b(are you|anything|something) three\b{_NOT_AN_HOUR}"),
        r"\1 free",
    ),
    # "an our later", "a nour", "half an our", "two ours earlier": an hour
    (re.compile(r"(?i)\ban our\b|\ba nour\b"), "an hour"),
    (
        re.compile(
            r"(?i)\b(two|three|couple of|few) ours\b(?=\s+(?:later|earlier|before|after|back"
            r"|forward|sooner)\b)"
        ),
        r"\1 hours",
    ),
    # "the last won of the day", "the earliest won", "the friday won": one
    (
        re.compile(
            r"(?i)\b(last|first|next|earliest|latest|early|later|earlier|other|this|that|which"
            r"|same|another|each|every|any|the|(?:mon|tues|wednes|thurs|fri)day)"
            r" won\b(?!['\u2019]t)"
        ),
        r"\1 one",
    ),
    # an ending dropped: "what I've got book in", "am I still book for Thursday": booked
    (
        re.compile(
            r"(?i)\b(got|have|had|has|i'?m|am|are|is|was|were|been|still|already|be"
            r"|(?:am|are|is|was|were) (?:i|we|you|he|she|they)) book(?=\s+(?:in|for|on|at|with)\b)"
        ),
        r"\1 booked",
    ),
    # the code heard as "coat", "cold", "cod": "the confirmation coat"
    (
        re.compile(
            r"(?i)\b(confirmation|conformation|booking|reference|appointment) (?:coat|coats|cold"
            r"|cod|coed|goat|coke)\b"
        ),
        r"\1 code",
    ),
    # "i got a appointment", "do i have a appointment": the "an" heard as "a"
    (re.compile(r"(?i)\ba (?=appointments?\b|appt\b)"), "an "),
    # insurers' names split by the recogniser: "medic aid", "medi care", "a etna", "sig na"
    (re.compile(r"(?i)\bmedic\s+aid\b"), "medicaid"),
    (re.compile(r"(?i)\bmedi\s+care\b"), "medicare"),
    (re.compile(r"(?i)\ba\s+etna\b"), "aetna"),
    (re.compile(r"(?i)\bsig\s+na\b"), "cigna"),
)


def as_meant(text: str) -> str:
    """``text`` with a recogniser's mishearings of scheduling words written as meant."""
    for heard, meant in _REWRITES:
        text = heard.sub(meant, text)
    return text
