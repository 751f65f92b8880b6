"""The appointment-scheduling language model for the offline recogniser.

A seeded template corpus of what callers say to a receptionist (greetings, booking,
rescheduling, cancelling, names, dates, times, phone numbers read digit by digit,
confirmation codes spelled letter by letter, yes/no/goodbye) is expanded into sentences,
every word is checked against the pocketsphinx dictionary (words the dictionary lacks are
respelled or dropped), and a trigram ARPA model is written with pocketsphinx's own builder
(:class:`pocketsphinx.lm.ArpaBoLM`). A matching pronunciation dictionary restricted to the
model's vocabulary is written beside it, which makes loading a decoder several times faster.

Both files live in a cache directory (``~/.cache/voice-agent/lm/`` by default; override with
the ``cache_dir`` argument, which the application sets from ``VOICE_AGENT_CACHE_DIR``) under a
name carrying the corpus hash, so they are rebuilt only when the corpus (templates, slot
values, seed, size) changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from voice_agent.domain.codes import ALPHABET as CODE_ALPHABET
from voice_agent.domain.weekdays import WEEKDAYS as DOMAIN_WEEKDAYS

logger = logging.getLogger(__name__)

CORPUS_VERSION = 1
DEFAULT_SEED = 20240124
DEFAULT_SENTENCES = 6000
DEFAULT_OPENINGS = 1500
DISCOUNT_MASS = 0.5


def _words(text: str) -> list[str]:
    return text.split()


DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_CODE_DIGIT_WORDS = {str(i): w for i, w in enumerate(DIGIT_WORDS)}

FIRST_NAMES = _words(
    "james mary john patricia robert jennifer michael linda william elizabeth david barbara "
    "richard susan joseph jessica thomas sarah charles karen christopher lisa daniel nancy "
    "matthew betty anthony margaret mark sandra donald ashley steven kimberly paul emily "
    "andrew donna joshua michelle kenneth carol kevin amanda brian melissa george deborah "
    "timothy stephanie ronald rebecca edward sharon jason laura jeffrey cynthia ryan "
    "kathleen jacob amy gary angela nicholas anna eric emma olivia sophia liam noah ethan "
    "maria carlos jose"
)
LAST_NAMES = _words(
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez "
    "lopez gonzalez wilson anderson taylor moore jackson martin lee perez thompson white "
    "harris sanchez clark ramirez lewis robinson walker young allen king wright scott "
    "torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell "
    "carter roberts patel kim chen wong murphy cook rogers morgan cooper peterson"
)

WEEKDAYS = [name.lower() for name in DOMAIN_WEEKDAYS]
MONTHS = _words(
    "january february march april may june july august september october november december"
)
ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
HOURS = _words("one two three four five six seven eight nine ten eleven twelve")
MINUTES = ["fifteen", "thirty", "forty five", "oh five", "ten", "twenty", "forty", "fifty"]
SERVICES = [
    "appointment",
    "checkup",
    "cleaning",
    "consultation",
    "follow up",
    "visit",
    "exam",
    "haircut",
    "session",
]

# Words that are not in cmudict, mapped to a spelling that is (None drops the word).
RESPELL: dict[str, str | None] = {
    "ok": "okay",
    "pm": "p m",
    "am": "a m",
    "followup": "follow up",
    "priya": None,
}


def _ordinal_day(n: int) -> str:
    if n <= 20:
        return ORDINALS[n - 1]
    if n < 30:
        return "twenty " + ORDINALS[n - 21]
    return "thirtieth" if n == 30 else "thirty first"


def say_date(rng: random.Random) -> str:
    """A date as callers say it: "tomorrow", "friday", "january twenty fourth", ..."""
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice(["today", "tomorrow", "the day after tomorrow", "this week", "next week"])
    if kind in (1, 2):
        return rng.choice(["", "this ", "next "]) + rng.choice(WEEKDAYS)
    if kind == 3:
        return f"{rng.choice(WEEKDAYS)} the {_ordinal_day(rng.randint(1, 31))}"
    if kind == 4:
        return f"the {_ordinal_day(rng.randint(1, 31))}"
    if kind == 5:
        return f"{rng.choice(MONTHS)} {_ordinal_day(rng.randint(1, 31))}"
    if kind == 6:
        return f"the {_ordinal_day(rng.randint(1, 31))} of {rng.choice(MONTHS)}"
    if kind == 7:
        return f"{rng.choice(WEEKDAYS)} {rng.choice(MONTHS)} {_ordinal_day(rng.randint(1, 31))}"
    if kind == 8:
        return rng.choice(
            [
                f"this coming {rng.choice(WEEKDAYS)}",
                f"a week from {rng.choice(WEEKDAYS)}",
                f"a week on {rng.choice(WEEKDAYS)}",
                f"{rng.choice(WEEKDAYS)} next week",
                f"{rng.choice(WEEKDAYS)} or {rng.choice(WEEKDAYS)}",
                "early next week",
                "later this week",
                "the end of the week",
                "the week after next",
                "in two weeks",
                "sometime next week",
            ]
        )
    return f"next {rng.choice(['monday', 'week', 'month', 'friday', 'tuesday'])}"


def say_time(rng: random.Random) -> str:
    """A time of day: "two p m", "eleven a m", "nine o'clock", "two thirty p m", "noon"."""
    hour = rng.choice(HOURS)
    kind = rng.randrange(9)
    if kind in (0, 1, 2):
        return f"{hour} {rng.choice(['a m', 'p m'])}"
    if kind == 3:
        return f"{hour} o'clock"
    if kind == 4:
        return f"{hour} {rng.choice(MINUTES)} {rng.choice(['a m', 'p m', ''])}".strip()
    if kind == 5:
        return rng.choice(["noon", "midday", "lunchtime", "the morning", "the afternoon"])
    if kind == 6:
        return f"{rng.choice(['half past', 'quarter past', 'quarter to'])} {hour}"
    if kind == 7:
        return f"{hour} in the {rng.choice(['morning', 'afternoon', 'evening'])}"
    return rng.choice(
        [
            f"around {hour}",
            f"about {hour}",
            f"{hour} ish",
            f"half {hour}",
            f"{hour} thirty",
            f"after {hour}",
            f"before {hour}",
            "first thing in the morning",
            "first thing",
            "after lunch",
            "straight after lunch",
            "late morning",
            "early afternoon",
            "late afternoon",
            "any time",
        ]
    )


def say_phone(rng: random.Random) -> str:
    """Ten digits read one at a time: "nine eight seven six five four three two one zero"."""
    digits = [rng.randrange(10) for _ in range(10)]
    if rng.random() < 0.3:  # callers say repeated digits as "double five"
        i = rng.randrange(9)
        digits[i + 1] = digits[i]
    zero = rng.choice(["zero", "zero", "oh"])
    words = [zero if d == 0 else DIGIT_WORDS[d] for d in digits]
    out: list[str] = []
    i = 0
    while i < len(words):
        if (
            i + 1 < len(words)
            and words[i] == words[i + 1]
            and i not in (2, 5)
            and rng.random() < 0.7
        ):
            out.append(f"double {words[i]}")
            i += 2
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def say_code(rng: random.Random) -> str:
    """An eight-character confirmation code spelled out: "d e f six seven eight nine a"."""
    chars = [rng.choice(CODE_ALPHABET) for _ in range(8)]
    return " ".join(_CODE_DIGIT_WORDS.get(c, c) for c in chars)


def say_name(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return rng.choice(FIRST_NAMES)
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def say_service(rng: random.Random) -> str:
    return rng.choice(SERVICES)


# The opening request ("how can I help?"), put together from parts as callers run them:
# a greeting, a filler, sometimes who they are, what they want, when, and a tail. The
# templates below hold whole sentences; these give the trigram model the joins between the
# parts in every order a caller may use them (a greeting before a filler before a task).
_GREETINGS = (
    "",
    "",
    "",
    "hi",
    "hello",
    "hey",
    "hi there",
    "hello there",
    "good morning",
    "good afternoon",
    "morning",
    "yeah hi",
    "oh hi",
    "hello yes",
    "hi good morning",
)
_FILLERS = ("", "", "", "um", "uh", "so", "yeah", "well", "um yeah", "okay so", "uh hi")
_WHO = (
    "this is {name}",
    "my name is {name}",
    "it's {name} here",
    "i'm a new patient",
    "i'm a patient of yours",
    "i've never been to you before",
    "i've been there before",
    "i'm calling for my {relative}",
)
_WANT = (
    "i'd like to",
    "i would like to",
    "i want to",
    "i need to",
    "i was hoping to",
    "i was wondering if i could",
    "i was wondering if i can",
    "could i",
    "can i",
    "i'm trying to",
    "i'm calling to",
    "i'm just calling to",
    "i'm looking to",
    "i just wanted to",
    "i wanted to",
    "is it possible to",
    "would it be possible to",
    "i have to",
    "i'd love to",
)
_BOOK = ("book", "make", "get", "schedule", "set up", "arrange", "grab")
_THING = (
    "an appointment",
    "an appointment",
    "a {service}",
    "an appointment with the doctor",
    "a time to come in",
    "a slot",
    "something",
    "a new appointment",
    "my {service}",
)
_CHANGE = ("move", "change", "reschedule", "push back", "bring forward", "switch")
_HELD = (
    "my appointment",
    "my appointment",
    "the appointment",
    "my {service}",
    "my booking",
    "it",
    "the one i have",
)
_WHEN = (
    "",
    "",
    "{date}",
    "{date}",
    "for {date}",
    "on {date}",
    "{date} at {time}",
    "{date} {time}",
    "at {time}",
    "{time} {date}",
    "sometime {date}",
    "for {date} if possible",
    "{date} in the {part}",
    "in the {part}",
    "as soon as possible",
)
_TAIL = (
    "",
    "",
    "",
    "",
    "please",
    "if possible",
    "if you have anything",
    "thanks",
    "if that's okay",
    "if you've got anything",
    "if there's anything",
    "thank you",
)


def _book(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(
            [
                "i need to see the doctor",
                "i need to see someone",
                "i need to come in",
                "i need to get in",
                "i'd like to come in",
                "can i come in",
                "could i come in",
                "can you fit me in",
                "could you fit me in",
                "do you have any appointments",
                "do you have anything",
                "have you got anything",
                "are there any appointments",
                "are you taking new patients",
                "when's the next available appointment",
                "when can i come in",
            ]
        )
    return f"{rng.choice(_WANT)} {rng.choice(_BOOK)} {rng.choice(_THING)}"


def _cancel(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice(
            [
                "i can't make my appointment",
                "i can't make it",
                "i won't be able to come in",
                "i won't be able to make it",
                "something's come up",
                "i'm not going to make it",
                "i can't come",
            ]
        )
    return f"{rng.choice(_WANT)} cancel {rng.choice(_HELD)}"


def _reschedule(rng: random.Random) -> str:
    return f"{rng.choice(_WANT)} {rng.choice(_CHANGE)} {rng.choice(_HELD)}" + rng.choice(
        ["", "", " to {date}", " to another day", " to a different time", " to later"]
    )


def _check(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.choice(_WANT)} check my appointment",
            f"{rng.choice(_WANT)} check when my appointment is",
            f"{rng.choice(_WANT)} find out when my appointment is",
            f"{rng.choice(_WANT)} confirm my appointment",
            "what time is my appointment",
            "when am i booked in",
            "when is my next appointment",
            "do i have an appointment",
            "am i booked in",
            "i forgot when my appointment is",
            "i can't remember what time i'm coming in",
        ]
    )


def say_opening(rng: random.Random) -> str:
    """An opening request put together from parts: "hi um this is {name} i was hoping to
    book an appointment {date} at {time} please" (slots left for :func:`fill_template`)."""
    kind = rng.choices([_book, _cancel, _reschedule, _check], weights=[5, 2, 2, 1])[0]
    task = kind(rng)
    when, tail = rng.choice(_WHEN), rng.choice(_TAIL)
    if task.endswith(" to"):
        when = "{date}"
    elif " to " in task or kind is _check:
        when, tail = rng.choice(["", "", "{date}"]), rng.choice(["", "", "please", "thanks"])
    parts = [rng.choice(_GREETINGS), rng.choice(_FILLERS)]
    if rng.random() < 0.2:
        parts.append(rng.choice(_WHO))
    if rng.random() < 0.25:
        parts.append(rng.choice(["and", "so", "um", "uh", ""]))
    parts += [task, when, tail]
    return " ".join(p for p in parts if p)


SLOTS: dict[str, Callable[[random.Random], str]] = {
    "date": say_date,
    "time": say_time,
    "phone": say_phone,
    "code": say_code,
    "name": say_name,
    "first": lambda rng: rng.choice(FIRST_NAMES),
    "last": lambda rng: rng.choice(LAST_NAMES),
    "service": say_service,
    "relative": lambda rng: rng.choice(["son", "daughter", "wife", "husband", "mother", "dad"]),
    "part": lambda rng: rng.choice(["morning", "afternoon"]),
}

TEMPLATES: tuple[str, ...] = (
    # greetings and openings
    "hello",
    "hi",
    "hi there",
    "hello i'd like to book an appointment",
    "hi i'd like to make an appointment",
    "i'd like to book an appointment",
    "i want to book an appointment",
    "i need to make an appointment",
    "can i book an appointment",
    "i would like to schedule a {service}",
    "i'd like to schedule an appointment for {date}",
    "can i get an appointment {date}",
    "book an appointment for {date} at {time}",
    "i'd like to come in {date} at {time}",
    "do you have anything {date}",
    "what times are available on {date}",
    "what times are available {date}",
    "what do you have available {date}",
    "is {time} available",
    "is {date} at {time} available",
    "do you have {time} on {date}",
    "are there any openings {date}",
    "what is the earliest appointment",
    "what's your first available appointment",
    "anything in the morning",
    "anything in the afternoon",
    "{time} works for me",
    "{time} please",
    "{date} at {time}",
    "{date} please",
    "how about {date}",
    "how about {time}",
    "can we do {time} instead",
    "{date} at {time} would be great",
    "let's do {date} at {time}",
    "i'll take the {time}",
    "the {time} one please",
    # names
    "my name is {name}",
    "it's {name}",
    "this is {name}",
    "{name}",
    "the name is {name}",
    "my first name is {first}",
    "my last name is {last}",
    "{first} {last}",
    "yes it's {first} {last}",
    "under {name}",
    # phone numbers
    "my phone number is {phone}",
    "my number is {phone}",
    "it's {phone}",
    "{phone}",
    "you can reach me at {phone}",
    "the number is {phone}",
    "sure it's {phone}",
    # confirmation codes
    "my confirmation code is {code}",
    "the code is {code}",
    "{code}",
    "it's {code}",
    "confirmation code {code}",
    "i have a code it's {code}",
    # changing and cancelling
    "i need to cancel my appointment",
    "i want to cancel my appointment",
    "please cancel my appointment",
    "cancel it please",
    "can i cancel",
    "i'd like to reschedule my appointment",
    "i need to reschedule",
    "can i move my appointment to {date}",
    "can we move it to {time}",
    "i want to change my appointment",
    "reschedule to {date} at {time}",
    "i'd like to reschedule to {date}",
    "i need to change the time",
    "can you check my appointment",
    "when is my appointment",
    "i want to confirm my appointment",
    "do i have an appointment {date}",
    # confirmations and endings
    "yes",
    "yes please",
    "yeah",
    "yep",
    "sure",
    "correct",
    "that's correct",
    "that's right",
    "right",
    "okay",
    "no",
    "no thanks",
    "no thank you",
    "nope",
    "that's wrong",
    "that's not right",
    "sounds good",
    "perfect",
    "great",
    "yes that works",
    "no that doesn't work",
    "that works",
    "thank you",
    "thanks",
    "thank you very much",
    "goodbye",
    "bye",
    "bye bye",
    "thanks bye",
    "that's all",
    "that's it",
    "nothing else",
    "no that's all thank you",
    "i can't make it",
    "never mind",
    "wait",
    "hold on",
    "sorry",
    "can you repeat that",
    "say that again please",
    "what",
    "i don't know",
    "can i speak to a person",
    "i'd like to talk to someone",
    # how callers run things together, hesitate, correct themselves and ask around the task
    "hi good morning i was wondering if i could book an appointment",
    "hello yes i'm calling about my appointment",
    "hi there i'd like to make an appointment for {date}",
    "um hi i need to see the doctor {date}",
    "yeah hi i wanted to book a {service}",
    "good afternoon i need to change my appointment",
    "hi i have an appointment {date} and i need to move it",
    "i can't make my appointment {date}",
    "i can't come {date} can we do {date} instead",
    "could i come in {date} at {time}",
    "could you fit me in {date}",
    "is there anything {date} in the morning",
    "do you have anything free {date}",
    "what have you got {date}",
    "anything after {time}",
    "anything before {time}",
    "sometime in the afternoon if possible",
    "{date} if possible",
    "as soon as possible please",
    "the earliest you have",
    "whatever is the earliest",
    "i won't be able to make it {date} so i need to cancel",
    "could you cancel my appointment for {date}",
    "i'd like to cancel the one on {date}",
    "can you tell me when my next appointment is",
    "i can't remember when my appointment is",
    "i forgot what time my appointment is",
    "i lost my confirmation code",
    "can you give me my confirmation code",
    "what's my confirmation number",
    "i'd like to check my appointments",
    "do i have anything booked",
    "hi i'd like to book an appointment my number is {phone}",
    "i need to cancel my appointment my number is {phone}",
    "i want to reschedule my number's {phone}",
    "my phone number's {phone}",
    "it's {phone} and my name is {name}",
    "yes it's {phone}",
    "uh it's {phone}",
    "um {phone}",
    "no sorry i mean {date}",
    "actually make that {date}",
    "actually can we do {time} instead",
    "wait no {date}",
    "sorry i meant {time}",
    "no not that one the other one",
    "the one on {date}",
    "the {time} one",
    "oh no sorry {date}",
    "hang on let me check",
    "hold on a second",
    "um let me think",
    "hmm {date} might work",
    "yes that's fine",
    "that's fine",
    "fine",
    "that's perfect thank you",
    "yeah that works for me",
    "yeah go ahead",
    "go ahead",
    "please do",
    "yes book it",
    "yes please book it",
    "yes cancel it",
    "yes move it",
    "sure why not",
    "okay then",
    "okay great",
    "alright",
    "sounds good thanks",
    "yes that's me",
    "yes that's my number",
    "no that's not my number",
    "no that's wrong it's {phone}",
    "not quite",
    "neither of those",
    "none of those work",
    "that's too early",
    "that's too late",
    "something later",
    "something earlier",
    "is there anything later",
    "do you have anything else",
    "what else do you have",
    "what about {date}",
    "what about {time}",
    "i'll take it",
    "i'll take {time}",
    "the first one",
    "the second one",
    "the earlier one",
    "the later one",
    "keep the other one",
    "no that's everything thanks",
    "that's everything thank you bye",
    "that's all i needed thanks",
    "nothing else thank you",
    "no i'm good thanks",
    "thanks so much bye",
    "thank you have a good day",
    "okay thanks bye bye",
    "great thanks bye",
    "where are you located",
    "what's your address",
    "is there parking",
    "where do i park",
    "what are your opening hours",
    "are you open on saturdays",
    "are you open {date}",
    "do you take insurance",
    "how long is the appointment",
    "can i talk to a real person",
    "sorry what was that",
    "sorry i didn't catch that",
    "could you say that again",
    "my name's {name}",
    "this is {first} {last} calling",
    "the appointment is under {name}",
    "i'll call back later",
    "never mind i'll call back another time",
    "can i push it back an hour",
    "can we make it an hour later",
    "an hour earlier",
    "same time {date}",
    "{date} same time",
    "the same day",
    "got it thanks",
    "cool thanks",
    "okay cool",
    "is it going to be long",
)


def fill_template(template: str, rng: random.Random) -> str:
    """Expand ``{slot}`` placeholders with seeded random slot values."""
    return re.sub(r"\{(\w+)\}", lambda m: SLOTS[m.group(1)](rng), template)


def normalize_text(text: str) -> str:
    """Lower-case, drop punctuation except apostrophes, collapse spaces."""
    text = text.lower().replace("-", " ")
    text = re.sub(r"[^a-z' ]+", " ", text)
    return " ".join(w.strip("'") for w in text.split() if w.strip("'"))


def build_corpus(
    seed: int = DEFAULT_SEED,
    n_sentences: int = DEFAULT_SENTENCES,
    templates: Sequence[str] = TEMPLATES,
    n_openings: int = DEFAULT_OPENINGS,
) -> list[str]:
    """Deterministic training sentences: every template at least once, then seeded samples,
    ``n_openings`` opening requests put together from parts (:func:`say_opening`), plus
    every slot value on its own so the whole vocabulary has unigram mass."""
    rng = random.Random(seed)
    sentences = [fill_template(t, rng) for t in templates]
    while len(sentences) < n_sentences:
        sentences.append(fill_template(rng.choice(templates), rng))
    sentences.extend(fill_template(say_opening(rng), rng) for _ in range(n_openings))
    sentences.extend(FIRST_NAMES)
    sentences.extend(LAST_NAMES)
    sentences.extend(f"{m} {_ordinal_day(d)}" for m in MONTHS for d in (1, 2, 3, 15, 24, 31))
    sentences.extend(" ".join(DIGIT_WORDS[i : i + 4]) for i in range(7))
    sentences.extend(f"{h} {ap}" for h in HOURS for ap in ("a m", "p m", "o'clock"))
    sentences.extend(
        " ".join(_CODE_DIGIT_WORDS.get(c, c) for c in CODE_ALPHABET[i : i + 8])
        for i in range(0, len(CODE_ALPHABET), 4)
    )
    return [normalize_text(s) for s in sentences if normalize_text(s)]


def default_model_dir() -> Path:
    """Where pocketsphinx's bundled en-us model, dictionary and general LM live."""
    from pocketsphinx import get_model_path

    return Path(get_model_path()) / "en-us"


def default_dictionary_path() -> Path:
    return default_model_dir() / "cmudict-en-us.dict"


def general_lm_path() -> Path:
    """The general English 3-gram LM shipped with pocketsphinx."""
    return default_model_dir() / "en-us.lm.bin"


@lru_cache(maxsize=4)
def _read_dictionary(path: str) -> dict[str, tuple[str, ...]]:
    entries: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(maxsplit=1)
            if len(parts) != 2:
                continue
            word = re.sub(r"\(\d+\)$", "", parts[0])
            entries.setdefault(word, []).append(line if line.endswith("\n") else line + "\n")
    return {w: tuple(lines) for w, lines in entries.items()}


def pronunciation(word: str, dict_path: str | Path | None = None) -> str:
    """The first pronunciation of ``word`` in a pocketsphinx dictionary ("S EH V AH N")."""
    entries = _read_dictionary(str(dict_path or default_dictionary_path()))
    return entries[word][0].split(maxsplit=1)[1].strip()


def dictionary_words(dict_path: str | Path | None = None) -> frozenset[str]:
    """All base words (alternate pronunciations folded) of a pocketsphinx dictionary."""
    return frozenset(_read_dictionary(str(dict_path or default_dictionary_path())))


def fit_to_dictionary(
    sentences: Iterable[str], vocabulary: frozenset[str]
) -> tuple[list[str], set[str]]:
    """Respell or drop words the dictionary lacks; returns the sentences and dropped words."""
    out: list[str] = []
    dropped: set[str] = set()
    for sentence in sentences:
        words: list[str] = []
        for word in sentence.split():
            if word in vocabulary:
                words.append(word)
                continue
            replacement = RESPELL.get(word)
            if replacement and all(w in vocabulary for w in replacement.split()):
                words.extend(replacement.split())
            else:
                dropped.add(word)
        if words:
            out.append(" ".join(words))
    return out, dropped


def default_cache_dir() -> Path:
    """``~/.cache/voice-agent/lm`` (Settings.cache_dir moves it: see providers.offline_stt)."""
    return Path.home() / ".cache" / "voice-agent" / "lm"


@dataclass(frozen=True)
class DomainLanguageModel:
    """Paths and facts about a built domain model."""

    arpa_path: Path
    dict_path: Path
    corpus_hash: str
    vocabulary: frozenset[str]
    n_sentences: int
    rebuilt: bool


def corpus_hash(sentences: Sequence[str]) -> str:
    h = hashlib.sha256()
    h.update(f"v{CORPUS_VERSION};discount={DISCOUNT_MASS}\n".encode())
    for s in sentences:
        h.update(s.encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def build_language_model(
    cache_dir: str | Path | None = None,
    *,
    seed: int = DEFAULT_SEED,
    n_sentences: int = DEFAULT_SENTENCES,
    dict_path: str | Path | None = None,
    force: bool = False,
) -> DomainLanguageModel:
    """Build (or reuse from cache) the domain ARPA model and its restricted dictionary."""
    from pocketsphinx.lm import ArpaBoLM

    source_dict = Path(dict_path or default_dictionary_path())
    entries = _read_dictionary(str(source_dict))
    vocabulary = frozenset(entries)
    sentences, dropped = fit_to_dictionary(build_corpus(seed, n_sentences), vocabulary)
    if dropped:
        logger.info("dropped words missing from the dictionary", extra={"words": sorted(dropped)})
    digest = corpus_hash(sentences)
    directory = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    arpa_path = directory / f"domain-{digest}.arpa"
    lm_dict_path = directory / f"domain-{digest}.dict"
    lm_vocab = frozenset(w for s in sentences for w in s.split())

    rebuilt = False
    if force or not arpa_path.exists() or not lm_dict_path.exists():
        builder = ArpaBoLM(
            text="\n".join(sentences) + "\n", add_start=True, discount_mass=DISCOUNT_MASS
        )
        builder.compute()

        def _write_arpa(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                builder.write(fh)

        def _write_dict(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                for word in sorted(lm_vocab):
                    fh.writelines(entries[word])

        _atomic_write(arpa_path, _write_arpa)
        _atomic_write(lm_dict_path, _write_dict)
        rebuilt = True
        logger.info(
            "built domain language model",
            extra={"path": str(arpa_path), "sentences": len(sentences), "words": len(lm_vocab)},
        )
    return DomainLanguageModel(
        arpa_path=arpa_path,
        dict_path=lm_dict_path,
        corpus_hash=digest,
        vocabulary=lm_vocab,
        n_sentences=len(sentences),
        rebuilt=rebuilt,
    )


def restricted_dictionary(
    words: Iterable[str],
    cache_dir: str | Path | None = None,
    *,
    dict_path: str | Path | None = None,
    extra_lines: Iterable[str] = (),
) -> Path:
    """A pronunciation dictionary holding only ``words`` (all pronunciations of each), cached
    under a name carrying a hash of the word list. Loading a decoder with it is several times
    faster than with the full dictionary; ``extra_lines`` are added as they are (pseudo-words
    with their own pronunciations). Raises ValueError naming words the dictionary lacks.
    """
    entries = _read_dictionary(str(dict_path or default_dictionary_path()))
    wanted = sorted(set(words))
    missing = [w for w in wanted if w not in entries]
    if missing:
        raise ValueError(f"not in the pronunciation dictionary: {', '.join(missing)}")
    extra = list(extra_lines)
    digest = hashlib.sha256("\n".join([*wanted, *extra]).encode()).hexdigest()[:16]
    directory = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"words-{digest}.dict"
    if not path.exists():

        def _write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                for word in wanted:
                    fh.writelines(entries[word])
                fh.writelines(extra)

        _atomic_write(path, _write)
    return path
