"""Phrase banks: how real callers say things, with entries reserved for the held-out split.

Every bank has ``dev`` entries and ``held_out`` entries. Dev calls draw from the dev entries
only; held-out calls draw from both, so they meet wordings the engine was never tuned on.
Templates use ``{phone}``, ``{name}``, ``{when}``, ``{time}``, ``{ref}``, ``{first}``...
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from typing import Literal

from voice_agent.domain.weekdays import WEEKDAYS

# stranger, typed, fresh: fixed scripts only
Split = Literal[
    "dev",
    "held_out",
    "stranger",
    "typed",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "fresh11",
    "fresh12",
    "fresh13",
    "fresh14",
    "fresh15",
    "fresh16",
    "fresh17",
    "fresh18",
    "fresh19",
    "fresh20",
    "fresh21",
    "fresh22",
    "fresh23",
    "fresh24",
    "fresh25",
    "fresh26",
    "fresh27",
    "fresh28",
    "fresh29",
    "fresh30",
    "fresh31",
    "fresh32",
    "fresh33",
    "fresh35",
    "fresh34",
    "fresh37",
    "fresh38",
    "fresh39",
    "fresh36",
    "fresh41",
    "fresh40",
    "fresh42",
    "fresh43",
    "fresh44",
    "fresh45",
    "fresh46",
    "fresh47",
    "fresh48",
    "fresh49",
    "fresh50",
    "fresh51",
    "fresh52",
    "fresh53",
    "fresh54",
    "fresh55",
    "fresh56",
    "fresh57",
    "fresh58",
    "fresh59",
    "fresh60",
    "fresh61",
    "fresh62",
    "fresh63",
    "fresh64",
    "fresh65",
    "fresh66",
    "fresh67",
    "fresh68",
    "fresh69",
    "fresh70",
    "fresh71",
    "fresh72",
    "fresh73",
    "fresh74",
    "fresh75",
    "fresh76",
]

_BANKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "hello": (
        ("Hi", "Hello", "Hi there", "Hey", "Hi, yes", "Good morning", "Hello there"),
        ("Hiya", "Oh hi", "Yes hello", "Morning"),
    ),
    "filler": (
        ("um", "uh", "so", "okay so", "yeah", "hmm"),
        ("er", "right, so", "oh, um"),
    ),
    "intent_book": (
        (
            "I'd like to book an appointment",
            "I need to make an appointment",
            "I want to come in and see the doctor",
            "can I schedule a visit",
            "I'm calling to set up an appointment",
            "I need to get in to see someone",
            "I'd like to make an appointment please",
            "I need an appointment",
        ),
        (
            "I was hoping to get on the schedule",
            "could you fit me in sometime",
            "I'd like to come in for a check-up",
            "I need to book a visit with the doctor",
        ),
    ),
    "intent_book_chatty": (
        (
            "so my back's been acting up again and I think I should get it looked at, "
            "can I make an appointment",
            "I just moved to the area and I'm looking to come in, could I book something",
            "my daughter told me to finally call you guys, I'd like to book a visit",
        ),
        (
            "I've been meaning to call for weeks, I need to come in for my yearly check-up",
            "it's nothing urgent but I'd like to see the doctor, can I get an appointment",
        ),
    ),
    "intent_reschedule": (
        (
            "I need to move my appointment",
            "I have to reschedule",
            "can I change my appointment",
            "something came up and I can't make my appointment, can we move it",
            "I'd like to reschedule my appointment",
        ),
        (
            "I need to push my appointment to a different time",
            "is it possible to switch my appointment to another day",
        ),
    ),
    "intent_cancel": (
        (
            "I need to cancel my appointment",
            "I have to cancel",
            "I won't be able to make it, could you cancel my appointment",
            "I'd like to cancel an appointment",
        ),
        (
            "I'm calling to cancel a visit",
            "I need to call off my appointment",
        ),
    ),
    "intent_check": (
        (
            "can you tell me when my appointment is",
            "I forgot when my appointment is",
            "what appointments do I have",
            "I want to check my appointments",
        ),
        (
            "could you remind me when I'm coming in",
            "do I have anything booked with you",
        ),
    ),
    "intent_code": (
        (
            "what's my confirmation code",
            "I lost my confirmation code",
            "can you give me my confirmation code again",
            "I need my confirmation number",
        ),
        (
            "I can't find the code you gave me for my appointment",
            "I wrote down my booking code but I lost the paper",
        ),
    ),
    "intent_availability": (
        (
            "what do you have available {when}",
            "do you have anything {when}",
            "are there any openings {when}",
        ),
        (
            "is anything free {when}",
            "what's open {when}",
        ),
    ),
    "give_phone": (
        (
            "{phone}",
            "it's {phone}",
            "my number is {phone}",
            "sure, {phone}",
            "yeah it's {phone}",
            "you can reach me at {phone}",
            "my cell is {phone}",
        ),
        (
            "that'd be {phone}",
            "ok, it's {phone}",
            "the number is {phone}",
        ),
    ),
    "phone_first_piece": (
        ("it's {piece}", "{piece}", "sure, {piece}", "my number is {piece}"),
        ("ok so it's {piece}", "um, {piece}"),
    ),
    "phone_second_piece": (
        ("{piece}", "and then {piece}", "{piece}, sorry", "then {piece}"),
        ("and the rest is {piece}", "uh, {piece}"),
    ),
    "give_name": (
        ("{name}", "it's {name}", "my name is {name}", "this is {name}", "sure, it's {name}"),
        ("the name's {name}", "{first}. {name}", "yeah, {name}"),
    ),
    "give_both": (
        (
            "it's {name}, and my number is {phone}",
            "{name}, {phone}",
            "my name is {name} and the number is {phone}",
        ),
        ("{name}, and you can reach me on {phone}",),
    ),
    "id_first": (
        (
            "Hi, this is {name}, my number is {phone}",
            "Hello, it's {name}, {phone}",
            "Hi, {name} here, my phone number is {phone}",
        ),
        (
            "Hi there, my name's {name} and I'm calling from {phone}",
            "Good morning, {name}, phone number {phone}",
        ),
    ),
    "yes": (
        (
            "yes",
            "yeah",
            "yep",
            "yes please",
            "sure",
            "that works",
            "yeah that works",
            "sure thing",
            "go for it",
            "perfect",
            "sounds good",
            "that's fine",
            "please do",
            "okay, yes",
        ),
        (
            "yeah go ahead",
            "that'd be great",
            "works for me",
            "mm-hm, yes",
            "let's do that",
            "yes, that's perfect",
        ),
    ),
    "yes_right": (
        ("yes, that's right", "correct", "yep, that's it", "that's right", "yes"),
        ("mm-hm, that's correct", "yeah, spot on"),
    ),
    "no": (
        (
            "no",
            "nope",
            "no thanks",
            "actually no",
            "not that one",
            "no, that doesn't work",
            "hmm, no",
            "no, sorry",
        ),
        ("that won't work for me", "nah", "I'd rather not", "no, that's no good"),
    ),
    "no_wrong": (
        ("no, that's wrong", "no, that's not it", "no", "nope, that's not right"),
        ("no, you've got it wrong", "that's not my number"),
    ),
    "no_keep": (
        ("no, keep it", "actually no, keep it as it is", "no, leave it"),
        ("no no, leave it where it is", "no, don't change anything"),
    ),
    "pick_time": (
        ("{time} please", "let's do {time}", "{time} works", "I'll take {time}", "{time}"),
        ("the {time} one", "how about {time}", "{time} would be great"),
    ),
    "request_when": (
        ("{when}", "{when} if possible", "do you have {when}", "I was thinking {when}"),
        ("ideally {when}", "{when} would be good", "something {when}"),
    ),
    "reject_restate": (
        ("no, I'd like {when}", "no, I was hoping for {when}", "no, {when} please"),
        ("that doesn't suit me, {when} would", "not really, I need {when}"),
    ),
    "which_ref": (
        ("{ref}", "it's {ref}", "{ref} please", "um, {ref}"),
        ("I mean {ref}", "oh, {ref}"),
    ),
    "bye_done": (
        (
            "no, that's all, thanks",
            "nope, that's it, bye",
            "that's everything, thank you, goodbye",
            "no thanks, have a good one",
            "that's all, bye",
            "great, thanks, bye",
        ),
        ("perfect, that's all I needed, bye now", "no that's it, take care", "cheers, bye"),
    ),
    "bye_midflow": (
        (
            "actually, I'll call back later, bye",
            "sorry, I have to go, goodbye",
            "never mind, bye",
            "you know what, forget it, thanks anyway, bye",
        ),
        (
            "oh I've got another call coming in, I'll call back, bye",
            "hang on, sorry, gotta run, bye",
        ),
    ),
    "bye_give_up": (
        (
            "never mind, I'll call back later. bye",
            "this isn't working, I'll try again later, goodbye",
        ),
        ("forget it, I'll call another time, bye",),
    ),
    "bye_decline": (
        (
            "hmm, none of those work, I'll call back another time, bye",
            "no, that's okay, I'll check my calendar and call back, thanks, bye",
        ),
        ("never mind then, I'll try next month, bye",),
    ),
    "bye_info": (
        ("okay, thanks, I'll think about it, bye", "great, that's all I needed, bye"),
        ("good to know, thanks, bye",),
    ),
    "restate": (
        ("sorry, {x}", "I said {x}", "{x}", "um, {x}"),
        ("like I said, {x}", "I mean, {x}"),
    ),
    "inline_fix": (
        (
            "{wrong}, no sorry, {right}",
            "{wrong}, wait, I mean {right}",
            "{wrong}, oh no sorry, I mean {right}",
            "{wrong}... actually make that {right}",
        ),
        ("{wrong}, hmm no, {right}", "{wrong}, scratch that, {right}"),
    ),
    "next_turn_fix": (
        (
            "wait, make that {right}",
            "sorry, actually {right} would be better",
            "oh wait, I meant {right}",
            "hang on, no, {right} not {wrong}",
        ),
        ("sorry, I misspoke, {right}", "oops, I meant {right}"),
    ),
    "phone_fix": (
        (
            "oh sorry, I gave you the wrong number, it's {phone}",
            "wait, that's not right, my number is {phone}",
            "sorry, wrong number, it's {phone}",
        ),
        ("oh no, that's my old number, the right one is {phone}",),
    ),
    "open_question": (
        ("Hi, quick question first. {q}", "Hello, {q}", "Hi, um, {q}"),
        ("Hey, before anything, {q}",),
    ),
    "then_book": (
        ("okay, thanks. {intent}", "got it. Also, {intent}", "thanks. And {intent}"),
        ("alright. Anyway, {intent}",),
    ),
    "already_ask": (
        (
            "I'd like to book {when}",
            "can I get an appointment {when}",
            "I need an appointment, {when} please",
        ),
        ("I was going to ask for an appointment {when}", "could you book me in {when}"),
    ),
    "request_move": (
        ("{when}", "{when} please", "um, {when}", "I'd like to move it {when}"),
        ("could we do {when}", "{when}, if that's possible"),
    ),
    "reject_move": (
        ("no, {when}", "no, I meant {when}", "no, sorry, {when}"),
        ("that's not what I asked, {when}",),
    ),
}


class Phrases:
    """Draws phrasings from the banks with a seeded RNG for one split."""

    def __init__(self, rng: random.Random, split: Split) -> None:
        self.rng = rng
        self.split = split

    def entries(self, key: str) -> tuple[str, ...]:
        dev, held = _BANKS[key]
        return dev + held if self.split == "held_out" else dev

    def pick(self, key: str, **values: str) -> str:
        return self.rng.choice(self.entries(key)).format(**values)

    def choice(self, options: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(list(options))


def bank_keys() -> list[str]:
    return sorted(_BANKS)


def reserved_entries(key: str) -> tuple[str, ...]:
    """The held-out entries of a bank (dev calls never use them)."""
    return _BANKS[key][1]


# --- numbers ------------------------------------------------------------------------------
_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def say_phone(digits: str, fmt: str, rng: random.Random) -> str:
    """A ten-digit number the way a caller might say or type it."""
    a, b, c = digits[:3], digits[3:6], digits[6:]
    if fmt == "plain":
        return digits
    if fmt == "spaced":
        return f"{a} {b} {c}"
    if fmt == "dashed":
        return f"{a}-{b}-{c}"
    if fmt == "parens":
        return f"({a}) {b}-{c}"
    if fmt == "dotted":
        return f"{a}.{b}.{c}"
    if fmt == "plus1":
        return f"+1 {a} {b} {c}"
    if fmt == "one_dashed":
        return f"1-{a}-{b}-{c}"
    if fmt == "words":
        return " ".join(_DIGIT_WORDS[int(d)] for d in digits)
    if fmt == "words_oh":
        return " ".join("oh" if d == "0" else _DIGIT_WORDS[int(d)] for d in digits)
    if fmt == "words_grouped":
        return ", ".join(_words(group, oh=True) for group in (a, b, c))
    if fmt == "double":
        return ", ".join(_words(group, oh=True, double=True) for group in (a, b, c))
    if fmt == "mixed":
        return f"{a}, {_words(b, oh=False)}, {c}"
    raise ValueError(f"unknown phone format {fmt!r}")


def _words(digits: str, *, oh: bool, double: bool = False) -> str:
    names = ["oh" if oh and d == "0" else _DIGIT_WORDS[int(d)] for d in digits]
    if not double:
        return " ".join(names)
    out: list[str] = []
    i = 0
    while i < len(names):
        if i + 1 < len(names) and names[i] == names[i + 1]:
            out.append(f"double {names[i]}")
            i += 2
        else:
            out.append(names[i])
            i += 1
    return " ".join(out)


def phone_pieces(digits: str, split: str, fmt: str, rng: random.Random) -> tuple[str, str]:
    cut = 6 if split == "6+4" else 3
    first, second = digits[:cut], digits[cut:]
    if fmt.startswith("words") or fmt == "double":
        return _words(first, oh=True), _words(second, oh=True)
    if cut == 6:
        return f"{first[:3]} {first[3:]}", second
    return first, f"{second[:3]} {second[3:]}"


# --- days and times -----------------------------------------------------------------------
_HOUR_WORDS = (
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
)


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day_phrases(day: date, today: date, split: Split = "dev") -> list[str]:
    """Unambiguous ways to name ``day`` when today is ``today``."""
    delta = (day - today).days
    name = WEEKDAYS[day.weekday()]
    month = f"{day:%B}"
    out: list[str] = []
    if delta == 1:
        out += ["tomorrow"]
    if 1 <= delta <= 6:
        out += [name, f"this {name}"]
        if day.weekday() < today.weekday():  # the coming one is already in next week
            out += [f"next {name}"]
    if delta == 7:
        out += ["a week from today"]
    if delta == 14:
        out += ["in two weeks", "two weeks from today"]
    out += [f"{month} {ordinal(day.day)}", f"{name}, {month} {ordinal(day.day)}"]
    if 2 <= delta <= 24:
        out += [f"the {ordinal(day.day)}", f"{name} the {ordinal(day.day)}"]
    if split == "held_out":
        out += [f"the {ordinal(day.day)} of {month}"]
        if 1 <= delta <= 6:
            out += [f"this coming {name}"]
    return out


def time_phrases(t: time, split: Split = "dev", *, bare: bool = True) -> list[str]:
    """Ways to say a start time: "2", "two pm", "2 o'clock", "half past ten", "noon"."""
    h12 = t.hour % 12 or 12
    word = _HOUR_WORDS[t.hour % 12]
    pm = t.hour >= 12
    ap = "pm" if pm else "am"
    if t.minute == 0 and t.hour == 12:
        out = ["noon", "12 noon", "twelve"]
        if split == "held_out":
            out += ["midday", "lunchtime, twelve"]
        return out
    if t.minute == 30:
        out = [f"{h12}:30", f"half past {word}", f"{word} thirty", f"{h12}:30 {ap}"]
        return out
    if t.minute:
        return [f"{h12}:{t.minute:02d} {ap}", f"{h12}:{t.minute:02d}"]
    out = [f"{h12} {ap}", f"{word} {ap}", f"{h12}{ap}", f"{h12} o'clock", f"{word} o'clock"]
    if bare:
        out += [str(h12), word]
    if split == "held_out":
        part = "in the afternoon" if pm else "in the morning"
        out += [f"{word} {part}", f"{h12} {'p.m.' if pm else 'a.m.'}"]
    return out


def part_phrases(part: str, split: Split = "dev") -> list[str]:
    bank = {
        "morning": (["morning", "in the morning", "sometime in the morning"], ["before noon"]),
        "afternoon": (
            ["afternoon", "in the afternoon", "sometime in the afternoon"],
            ["after lunch", "later in the day"],
        ),
    }
    dev, held = bank[part]
    return dev + held if split == "held_out" else dev


def with_day(day_text: str, rest: str) -> str:
    """ "Tuesday" + "afternoon" -> "Tuesday afternoon"; + "at 2 pm" -> "Tuesday at 2 pm"."""
    return f"{day_text} {rest}".strip()


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
