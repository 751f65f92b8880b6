"""Offline speech recognition per dialogue context: phone numbers, yes/no, day and time, free
requests, out-of-grammar speech, on clean, noisy and phone-line audio.

The speech is generated at run time with espeak-ng (nothing is committed) from two disjoint
sets, each with its own voices, sentences, speaking rates, pitches and noise seeds:

* ``heldout`` (the default, what we report): 10 voices (en-us, en (British), en-gb-x-rp,
  en-029, en-us+f2, en-us+f3, en-us+m3, en-us+m7, en-us+klatt3, en-gb-x-rp+klatt4), rates
  140-190 wpm, pitch 35-65, sentence seed 1010;
* ``tuning`` (``--split tuning``, used to choose the grammar-vs-domain margins with
  ``--tune``): 8 other voices (en-us-nyc, en-gb-scotland, en-gb-x-gbclan, en-us+f4, en+m1,
  en-us+klatt2, en-029+m2, en-us+m5), other carrier phrases and yes/no words, seed 2020.
* ``tuning_high``: 4 more high (female) voices on the tuning side (en+f1, en+linda,
  en-us+Annie, en-us+aunty), seed 3030, for the high-voice warp (``--high-voice-warp``;
  ``--no-caller-warp`` turns it off, with the low-voice warp: ``--low-voice-warp``, 1.0 for
  none).

Conditions: clean, white noise at 20 dB and 10 dB SNR, each at 16 kHz ("wide") and as a
phone line ("narrow": the noisy audio band-limited to 300-3,400 Hz and resampled to 8 kHz,
fed to the recogniser at 8 kHz). Every utterance goes through ``PocketSphinxSTT`` as a
call's audio does (a stream, 20 ms frames, a flush at the end; with the product's second
opinion, Whisper, unless ``--second-opinion none``), with the call's
``ListeningHint`` set to what the dialogue would expect; pass ``--no-context`` to decode
everything with the domain LM alone (the baseline).

Per condition it reports:

* phone: exact 10-digit numbers in one turn, and within read-back and repair: when the
  whole number is wrong (the caller says "no" to its read-back), each group of 3-3-4 of
  what was heard is read back and only a group the caller rejects is asked for, decoded
  with a ``digits=3/3/4`` grammar that leaves out every reading of it the caller rejected
  so far, and read back; a wrong group is said again (at most 3 times, a little slower
  each time, as people do). ``--repair regroup`` is the previous model (every group asked
  for and decoded afresh). Read-back answers are assumed understood (yes/no accuracy is
  reported separately); the mean number of caller turns is reported
  (:meth:`Runner.repair_groups`);
* yes/no polarity; of every answer kind together (``yes_no``, ``yes_more``, ``yes_time``,
  ``yes_bye``, ``yes_real``: answers as people say them, "um, yeah, go ahead", "no, no,
  wait", "mm-hm"), a no heard as a yes (``no>yes all``: the change refused would be made), a
  yes heard as a no, and an answer heard as neither (asked again);
* day and time (the dialogue's own date/time parsers agree on both);
* WER of free requests (open context), and of free requests said when a number, a yes/no
  or a day was expected (out-of-grammar speech: how much the grammar would force it);
* recognition CPU per audio second, measured in the recognition worker processes
  (/proc), and the main process's CPU;
* on a few utterances per condition fed in real time: latency from the end of the audio
  to the final transcript (median, p95).

A before/after comparison of recognition CPU per call runs in this same run on clean audio
(see :func:`call_cpu`): the previous default against the current one.

    python -m bench.stt_eval --quick          # a smoke configuration
    python -m bench.stt_eval                  # the held-out evaluation (about 10 minutes)
    python -m bench.stt_eval --split tuning --tune
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import inspect
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from livekit.agents import stt

from voice_agent.adapters.offline import audio, espeak, grammars
from voice_agent.adapters.offline import language_model as lm
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.dialogue.policy import ONE_AT_A_TIME_AFTER
from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.domain.datetimes import find_date, find_time
from voice_agent.domain.listening import Expectation, Listening, ListeningHint, number_check
from voice_agent.domain.spoken_numbers import spoken_digits
from voice_agent.testing.callers.voice import VOICE_SETS, flite_synthesize


def _heard_again_rule() -> Any:
    """The dialogue's rule for a doubted number heard again (``tracking.
    taken_when_heard_again``); a checkout from before it had the rule inline: taken when
    heard the same, however marked."""
    from voice_agent.adapters.offline.dialogue import tracking

    rule = getattr(
        tracking,
        "taken_when_heard_again",
        lambda number, doubted, check: number == doubted or check.value == "agreed",
    )
    if "whole" in inspect.signature(rule).parameters:
        return rule
    # before voice16 the rule did not know whether the doubted number was one reader's whole
    return lambda number, doubted, check, *, whole=False: rule(number, doubted, check)


heard_again = _heard_again_rule()

TODAY = date(2026, 1, 21)  # a Wednesday
DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@dataclass(frozen=True)
class Split:
    voices: tuple[tuple[str, int], ...]  # (voice, pitch)
    seed: int
    phone_carriers: tuple[str, ...]
    yes: tuple[str, ...]
    no: tuple[str, ...]
    date_carriers: tuple[str, ...]
    requests: tuple[str, ...]
    more: tuple[tuple[str, str], ...] = ()
    """Answers to a yes/no question with more said after them, and their polarity (kind
    ``yes_more``): the yes/no grammar forces the whole sentence into an answer."""
    timed: tuple[tuple[str, str, str], ...] = ()
    """Answers to "Shall I book ...?" said with a time or a change of time, their polarity
    and the time meant, "HH:MM" (kind ``yes_time``): the yes/no grammar has no path for the
    time and drops it."""
    bye: tuple[tuple[str, str], ...] = ()
    """Answers to "Shall I book ...?" that close the call too ("No thanks, bye"), and their
    polarity (kind ``yes_bye``): the goodbye must be heard, where the other yes/no kinds,
    none of which says one, must not hear one (``RecognizerConfig.unheard_goodbye``)."""
    lines: tuple[tuple[str, str], ...] = ()
    """A phone number said inside another line (kind ``phone_line``): where it is said
    ("open": an open turn, "yes_no": at a yes/no question, "date_time": at a day/time
    question) and the line, "{}" standing for the number. Scored on the first hearing: the
    number right or wrong, agreed (no mark) or not (``line_number_checks``); a wrong number
    agreed there would be looked up, or read back for a yes to open an account on."""
    real: tuple[tuple[str, str], ...] = ()
    """Answers as people say them at a confirmation, and their polarity (kind ``yes_real``):
    a hesitation first ("um, yeah, go ahead"), a word said twice ("no, no, wait"), a grunt
    ("mm-hm"), a no that points elsewhere ("nope, the other one"). Scored on the side heard
    and on a no heard as a yes (which books or changes what the caller refused)."""


GOODBYE_ITSELF = re.compile(r"\b(?:good)?bye\b|\bthat's (?:all|it|everything)\b")
"""A goodbye itself in a yes/no turn's transcript, not a decline ("no thanks", "nah i'm good"
answer a yes/no question without ending the call; ``rec.closing_heard`` counts those too, and
"Uh, no thanks." is one of the tuning split's realistic answers)."""


SPLITS = {
    "heldout": Split(
        voices=(
            ("en-us", 50),
            ("en", 45),
            ("en-gb-x-rp", 55),
            ("en-029", 50),
            ("en-us+f2", 60),
            ("en-us+f3", 65),
            ("en-us+m3", 40),
            ("en-us+m7", 35),
            ("en-us+klatt3", 45),
            ("en-gb-x-rp+klatt4", 50),
        ),
        seed=1010,
        phone_carriers=("{}", "{}", "{}", "my number is {}", "it's {}", "sure {}"),
        lines=(
            ("open", "hi, i need to cancel one of my appointments, my number's {}"),
            ("open", "hello, this is about my booking, it's under {}"),
            ("yes_no", "yes, that's fine. my number's {}"),
            ("yes_no", "yeah go ahead, the number is {}"),
            ("date_time", "tuesday at ten please, and my number is {}"),
            ("open", "um, {}, i'd like to move my appointment"),
        ),
        yes=("yes", "yes please", "yeah that's right", "correct", "sure", "yes that's correct"),
        no=("no", "nope", "no that's wrong", "no thank you", "that's not right", "no"),
        date_carriers=("{}", "{}", "how about {}", "can i do {}"),
        requests=(
            "hi i'm calling to book an appointment",
            "i need to cancel my appointment on friday",
            "can i reschedule to monday at ten a m please",
            "what time slots do you have on thursday",
            "is there anything earlier",
            "please move my appointment to three p m",
            "i'd like to book a cleaning",
            "actually i want to cancel my appointment",
            "can i speak to a person",
            "what times are available tomorrow",
        ),
        more=(
            (
                "yes",
                "yes three o'clock's fine my number's two oh seven five five five oh one six eight",
            ),
            ("no", "no that's not it the appointment i mean is on friday the fourth"),
            ("yes", "sure that's fine and is there parking at the clinic"),
            ("no", "nope i'd rather keep the one i have and cancel the other one instead"),
            ("yes", "yes please and can you remind me what time it starts"),
            ("no", "no wait i think i got the day wrong could you check again"),
            ("yes", "yeah go ahead my number is nine one seven five five five oh eight eight oh"),
            ("no", "no thanks i'd like to speak to someone about my bill first"),
        ),
        timed=(
            ("yes", "Yes, three o'clock please.", "15:00"),
            ("yes", "Yeah, but make it ten.", "10:00"),
            ("no", "No, the two p.m. one.", "14:00"),
            ("yes", "Yes, at eleven if that's okay.", "11:00"),
            ("no", "No, make it one o'clock.", "13:00"),
            ("yes", "Yes, but could it be nine instead?", "09:00"),
            ("no", "No, I said four.", "16:00"),
            ("yes", "Yep, ten a.m. is great.", "10:00"),
        ),
        bye=(
            ("yes", "Yes please, that's all, thanks, bye."),
            ("no", "No thanks, bye."),
            ("yes", "Yeah, go ahead. Thanks, bye."),
            ("no", "Nope, that's it. Bye."),
            ("yes", "Yes, perfect, thank you. Goodbye."),
            ("no", "No, that's all, thank you, bye."),
            ("yes", "Sure, that's everything. Bye now."),
            ("no", "Nah, I'm good. Thanks, bye."),
        ),
        real=(
            ("yes", "Yeah, go ahead."),
            ("no", "No, no, wait a second."),
            ("yes", "Mm-hm, yes."),
            ("no", "Um, no, sorry."),
            ("yes", "Uh, that's right."),
            ("no", "Nope, not that one."),
            ("yes", "Oh yes, please."),
            ("no", "Er, no thanks."),
            ("yes", "Yes, yes, that's fine."),
            ("no", "No, that's not the one."),
            ("yes", "Yep, sounds good."),
            ("no", "Hmm, no, I don't think so."),
        ),
    ),
    "tuning": Split(
        voices=(
            ("en-us-nyc", 50),
            ("en-gb-scotland", 45),
            ("en-gb-x-gbclan", 50),
            ("en-us+f4", 60),
            ("en+m1", 40),
            ("en-us+klatt2", 45),
            ("en-029+m2", 50),
            ("en-us+m5", 45),
        ),
        seed=2020,
        phone_carriers=("{}", "{}", "the number is {}", "yes it's {}", "my phone number is {}"),
        lines=(
            ("open", "hi, i'd like to book an appointment, my number is {}"),
            ("open", "hey there, it's {}, i'm calling about thursday"),
            ("yes_no", "yes please. oh and my number's {}"),
            ("yes_no", "sure, sounds good, it's {}"),
            ("date_time", "friday morning works, my phone number is {}"),
            ("open", "so, uh, my number is {}, can i check when my next one is"),
        ),
        yes=("yep", "yes it is", "that's correct", "okay", "right", "yes that works"),
        no=("no thanks", "no it isn't", "not really", "that's wrong", "no", "nope"),
        date_carriers=("{}", "what about {}", "let's do {}", "maybe {}"),
        requests=(
            "i'd like to make an appointment",
            "i want to change my appointment",
            "do you have anything on wednesday",
            "can you check my appointment",
            "i need to reschedule",
            "what's your first available appointment",
            "can we move it to four p m",
            "never mind i'll call back later",
            "i'd like to talk to someone",
            "when is my appointment",
        ),
        more=(
            ("yes", "yes that's fine my number is six one seven five five five zero one four nine"),
            ("yes", "yeah that works and can you send me a text reminder the day before"),
            ("no", "no sorry i meant the thursday and not the tuesday after that"),
            ("yes", "yes please and could i also book one for my daughter the same day"),
            ("no", "no actually can we make it a bit later in the afternoon"),
            ("yes", "okay great and what should i bring with me on the day"),
            ("no", "no i can't do mornings because of work is there anything after three"),
            ("yes", "yes it's two one two five five five zero one zero four by the way"),
        ),
        timed=(
            ("yes", "Yes, ten o'clock please.", "10:00"),
            ("yes", "Yeah, but make it three instead.", "15:00"),
            ("no", "No, the eleven.", "11:00"),
            ("yes", "Yes, can we do four o'clock though?", "16:00"),
            ("no", "No sorry, I meant nine in the morning.", "09:00"),
            ("yes", "Okay, but at one p.m. please.", "13:00"),
            ("no", "Not that one, two o'clock would be better.", "14:00"),
            ("yes", "Sure, eleven is better for me.", "11:00"),
        ),
        bye=(
            ("yes", "Yes, that's great, thanks. Bye."),
            ("no", "No, thank you. Goodbye."),
            ("yes", "Okay, lovely, that's all. Bye."),
            ("no", "No, that's fine, I'll leave it. Bye."),
            ("yes", "Yep, thanks a lot. Bye bye."),
            ("no", "No, that's everything. Cheers, bye."),
            ("yes", "Yes please. Bye."),
            ("no", "Not today, thanks. Goodbye."),
        ),
        real=(
            ("yes", "Um, yeah, go ahead."),
            ("no", "No, no, wait."),
            ("yes", "Mm-hm."),
            ("no", "Nope, the other one."),
            ("yes", "That's right."),
            ("no", "Uh, no."),
            ("yes", "Yeah, yeah, that's fine."),
            ("no", "No, not that one."),
            ("yes", "Uh-huh, go ahead."),
            ("no", "Um, nope."),
            ("yes", "Er, yes please."),
            ("no", "No, wait, that's wrong."),
            ("no", "Hmm, not really."),
            ("yes", "Uh-huh."),
            ("no", "Yeah, no, I'd rather not."),
            ("yes", "Sure, go on."),
            ("no", "Not quite, no."),
            ("yes", "Uh, yes, that's right."),
            # yesno28: a yes with a few words of its own after a filler, and a no as people
            # soften one; 24 phrasings, so each is said once a condition at --per-voice 3
            ("yes", "Yep, that's fine."),
            ("no", "Uh, no thanks."),
            ("yes", "Mm-hm, that's right."),
            ("no", "I'd rather not."),
            ("yes", "Okay, sounds good."),
            ("no", "No, not today."),
            # yesno29: the held-out misses' shapes in other words, said at --per-voice 4 (the
            # first 24 phrasings are what --per-voice 3 says, as before): a filler before a
            # short yes, a no with a reason, a no with "wait" or "sorry", a yes with "that's
            # right / sounds good / go on"
            ("yes", "Er, sounds good."),
            ("no", "Mm, no, that doesn't work for me."),
            ("no", "No, hang on, wait."),
            ("no", "Oh, no, sorry."),
            ("yes", "Um, right."),
            ("no", "Um, no, I'd rather leave it."),
            ("yes", "Yes, go on then."),
            ("no", "No, sorry, I can't."),
            # yesno31: a filler before a no as well as a yes, "that's right" beside "not
            # right", a yes and a no as people round them off ("go on then", "nah, you're
            # alright"), said at --per-voice 5 (the first 32 at --per-voice 4, as before)
            ("yes", "Um, that's correct."),
            ("no", "Er, that's not right."),
            ("no", "Nah, you're alright."),
            ("yes", "Go on then."),
            ("no", "Uh, no, I'd rather not."),
            ("yes", "Er, yeah, that's right."),
            ("no", "Um, nah."),
            ("yes", "Hmm, yes, go on then."),
            # yesno32: answers with the words a goodbye path is made of - a no with a sorry or
            # an "alright", a yes with "all good" - said at --per-voice 6 (the first 40 at
            # --per-voice 5, as before)
            ("no", "Ah, no, sorry about that."),
            ("yes", "Yes, that's all good."),
            ("no", "No, that's alright, thanks."),
            ("yes", "Oh, lovely, yes."),
            ("no", "Um, no, I'm alright."),
            ("yes", "Mm, yes please."),
            ("no", "Er, no, not really, sorry."),
            ("yes", "Yeah, all good, go ahead."),
            # yesno33: answers as people round them off - a yes said with "go on then",
            # "grand", "why not", a no made soft ("mm, not really", "no, no, that's fine"),
            # and either with a reason or a question after it - said at --per-voice 7 (the
            # first 48 at --per-voice 6, as before)
            ("yes", "Yeah, go on then."),
            ("no", "Mm, not really."),
            ("yes", "That'd be grand."),
            ("no", "No, no, that's fine."),
            ("yes", "Sure, why not."),
            ("no", "No, I've got work then."),
            ("yes", "Yes, is that the morning one?"),
            ("no", "I'd rather not, to be honest."),
        ),
    ),
}

SPLITS["tuning_high"] = Split(
    voices=(("en+f1", 60), ("en+linda", 55), ("en-us+Annie", 50), ("en-us+aunty", 55)),
    seed=3030,
    phone_carriers=SPLITS["tuning"].phone_carriers,
    yes=SPLITS["tuning"].yes,
    no=SPLITS["tuning"].no,
    date_carriers=SPLITS["tuning"].date_carriers,
    requests=SPLITS["tuning"].requests,
    more=SPLITS["tuning"].more,
    timed=SPLITS["tuning"].timed,
    bye=SPLITS["tuning"].bye,
    real=SPLITS["tuning"].real,
)
"""Tuning side too: four more high (female) voices, none of them a held-out voice's variant
(en-us+f2 and +f3 are held out, en-us+f4 is in ``tuning``), for the high-voice warp
(:data:`.recognizer.HIGH_VOICE_WARP`): ``tuning`` has one high voice in eight."""

CONDITIONS = ("clean", "snr20", "snr10")
REPAIRS = ("check", "exclude", "regroup")
KINDS = (
    "phone",
    "phone_line",
    "yes_no",
    "date_time",
    "request",
    "oog",
    "yes_more",
    "yes_time",
    "yes_bye",
    "yes_real",
)
ANSWER_KINDS = ("yes_no", "yes_more", "yes_time", "yes_bye", "yes_real")
BANDS = ("wide", "narrow")
DAYS = (
    ("tomorrow", "tomorrow"),
    ("friday", "friday"),
    ("next monday", "next monday"),
    ("on tuesday", "tuesday"),
    ("thursday", "thursday"),
    ("the fifth", "the fifth"),
    ("the twenty second", "the twenty second"),
    ("february third", "february third"),
)
TIMES = (
    "two p m",
    "ten a m",
    "nine thirty",
    "three o'clock",
    "eleven a m",
    "half past two",
    "four fifteen p m",
    "one p m",
)


@dataclass
class Item:
    kind: str  # phone, phone_line, yes_no, date_time, request, oog, yes_more, yes_time, ...
    text: str
    expect: Listening
    voice: str
    pitch: int
    rate: int
    ref: Any = None  # digits / polarity / (date, time)
    groups: tuple[str, ...] = ()


def _say_digits(rng: random.Random, digits: str, *, one_at_a_time: bool = False) -> str:
    """Digits as a caller says them: "oh" for zero now and then, "double five" for a pair;
    ``one_at_a_time`` (asked to say them slowly, one at a time): each digit on its own,
    with a short pause after it (espeak-ng pauses about 0.2 s at a comma)."""
    if one_at_a_time:
        return ", ".join(DIGIT_WORDS[int(d)] for d in digits)
    words: list[str] = []
    i = 0
    while i < len(digits):
        d = int(digits[i])
        if i + 1 < len(digits) and digits[i + 1] == digits[i] and rng.random() < 0.2:
            words += ["double", DIGIT_WORDS[d]]
            i += 2
            continue
        words.append("oh" if d == 0 and rng.random() < 0.4 else DIGIT_WORDS[d])
        i += 1
    return " ".join(words)


def make_items(split: Split, per_voice: int) -> list[Item]:
    """``per_voice`` utterances of each kind per voice (phone, yes/no, date, request, oog)."""
    rng = random.Random(split.seed)
    items: list[Item] = []
    for v, (voice, pitch) in enumerate(split.voices):
        for k in range(per_voice):
            rate = 140 + 10 * ((v + k) % 6)
            digits = str(rng.randint(2, 9)) + "".join(str(rng.randrange(10)) for _ in range(9))
            spoken = _say_digits(rng, digits[:3]) + " " + _say_digits(rng, digits[3:6])
            spoken += " " + _say_digits(rng, digits[6:])
            items.append(
                Item(
                    "phone",
                    rng.choice(split.phone_carriers).format(spoken),
                    Listening(Expectation.PHONE, digits=10),
                    voice,
                    pitch,
                    rate,
                    digits,
                    (digits[:3], digits[3:6], digits[6:]),
                )
            )
            polarity = "yes" if (v + k) % 2 == 0 else "no"
            word = rng.choice(split.yes if polarity == "yes" else split.no)
            items.append(
                Item("yes_no", word, Listening(Expectation.YES_NO), voice, pitch, rate, polarity)
            )
            day_said, day_ref = rng.choice(DAYS)
            hour = rng.choice(TIMES)
            shape = rng.randrange(3)
            said = (
                f"{day_said} at {hour}"
                if shape == 0
                else (f"{hour} on {day_said}" if shape == 1 else f"{day_said} {hour}")
            )
            text = rng.choice(split.date_carriers).format(said)
            ref = (find_date(f"{day_ref} at {hour}", today=TODAY), find_time(f"at {hour}"))
            items.append(
                Item("date_time", text, Listening(Expectation.DATE_TIME), voice, pitch, rate, ref)
            )
            request = split.requests[(v * per_voice + k) % len(split.requests)]
            items.append(Item("request", request, Listening(), voice, pitch, rate, request))
            oog = split.requests[(v * per_voice + k + 3) % len(split.requests)]
            expect = (
                Listening(Expectation.PHONE, digits=10),
                Listening(Expectation.YES_NO),
                Listening(Expectation.DATE_TIME),
            )[(v + k) % 3]
            items.append(Item("oog", oog, expect, voice, pitch, rate, oog))
            if split.more:
                # by index, not drawn: the other kinds' items stay as they were
                side, said = split.more[(v * per_voice + k) % len(split.more)]
                yes_no = Listening(Expectation.YES_NO)
                items.append(Item("yes_more", said, yes_no, voice, pitch, rate, side))
            if split.timed:
                side, said, meant = split.timed[(v * per_voice + k) % len(split.timed)]
                yes_no = Listening(Expectation.YES_NO)
                items.append(Item("yes_time", said, yes_no, voice, pitch, rate, (side, meant)))
            if split.bye:
                side, said = split.bye[(v * per_voice + k) % len(split.bye)]
                yes_no = Listening(Expectation.YES_NO)
                items.append(Item("yes_bye", said, yes_no, voice, pitch, rate, side))
            if split.real:
                side, said = split.real[(v * per_voice + k) % len(split.real)]
                yes_no = Listening(Expectation.YES_NO)
                items.append(Item("yes_real", said, yes_no, voice, pitch, rate, side))
    items += line_items(split, per_voice)
    return items


LINE_EXPECT = {
    "open": Listening(),
    "yes_no": Listening(Expectation.YES_NO),
    "date_time": Listening(Expectation.DATE_TIME),
}


def line_items(split: Split, per_voice: int) -> list[Item]:
    """``per_voice`` numbers said inside another line per voice (kind ``phone_line``,
    :attr:`Split.lines`), drawn from their own seed so the other kinds' items stay as they
    were; after them in the list, so each voice's call has heard its other turns first."""
    if not split.lines:
        return []
    rng = random.Random(split.seed + 77)
    items: list[Item] = []
    for v, (voice, pitch) in enumerate(split.voices):
        for k in range(per_voice):
            rate = 140 + 10 * ((v + k + 1) % 6)
            digits = str(rng.randint(2, 9)) + "".join(str(rng.randrange(10)) for _ in range(9))
            spoken = ", ".join(_say_digits(rng, digits[a:b]) for a, b in ((0, 3), (3, 6), (6, 10)))
            where, line = split.lines[(v * per_voice + k) % len(split.lines)]
            expect = LINE_EXPECT[where]
            items.append(
                Item("phone_line", line.format(spoken), expect, voice, pitch, rate, digits)
            )
    return items


# -- audio -------------------------------------------------------------------------------------


FLITE = "flite:"
"""A voice name's prefix for CMU flite's voices (``--voice-set flite``; pitch in Hz)."""


def render(text: str, voice: str, rate: int, pitch: int) -> np.ndarray:
    """``text`` said by ``voice`` at 16 kHz: the same samples in every run and whatever was
    rendered before it. espeak-ng carries state from one render to the next (the same text
    comes out different the second time) and seeds its breath noise (en-us+f2, en-us+f3)
    from the clock at load, so until the numbers32 round a clip depended on the process's
    earlier renders and the second it started: two runs of identical code heard 4 of the 20
    held-out numbers at 10 dB differently, and a branch whose repair turns said other
    things heard every later clip differently from main. Each clip is now rendered by a
    freshly loaded library (:func:`.espeak.pristine`, about 20 ms) from a seed of its text
    and voice."""
    if voice.startswith(FLITE):
        samples, sr = flite_synthesize(text, voice=voice[len(FLITE) :], rate=rate, pitch_hz=pitch)
    else:
        with espeak.pristine():
            samples, sr = synthesize(
                text, voice=voice, rate=rate, pitch=pitch, seed=stable_seed(text, voice)
            )
    return audio.resample(samples, sr, 16000)


def voice_set(split: Split, name: str) -> Split:
    """``split``'s phrasings said by the voice set ``name`` of the voice calls
    (``voice.VOICE_SETS``: "blind", "flite"; held out: measured, never tuned on); the set's
    own noise is left to ``--conditions``."""
    voices = tuple(
        (FLITE + v.name if v.engine == "flite" else v.name, v.pitch) for v in VOICE_SETS[name]
    )
    return dataclasses.replace(split, voices=voices)


def degrade(
    clean: np.ndarray, condition: str, band: str, seed: int, *, tail: float = 0.3
) -> tuple[np.ndarray, int]:
    """Pad with 0.3 s before and ``tail`` s after, add noise, and for ``narrow`` make it a
    phone line at 8 kHz."""
    pad = audio.silence(0.3, 16000)
    x = np.concatenate([pad, clean, audio.silence(tail, 16000)])
    if condition != "clean":
        x = audio.add_white_noise(x, float(condition[3:]), seed=seed)
    if band == "narrow":
        return audio.resample(audio.telephone_band(x, 16000), 16000, 8000), 8000
    return x, 16000


SESSION_TAIL = 1.0
"""Seconds of the line's sound after each clip (espeak's own clips end with about 0.34 s of
silence) with ``--flush vad``: the session's VAD ends speech 0.5 s into a pause
(``Settings.vad_min_silence``), about 0.5-0.6 s after the last word, and the stream goes on
hearing the line after that."""


def session_flushes(samples: np.ndarray, rate: int) -> tuple[list[int], bool]:
    """Where the session would flush the recogniser in ``samples``: the sample index of
    each end of speech the product's Silero VAD (``providers.load_vad`` with the default
    settings) reports, and whether its speech is still open at the end (no flush came).
    Runs on a thread of its own: the bench's turns are synchronous, the VAD stream is not."""
    return _flush_pool().submit(asyncio.run, _session_flushes(samples, rate)).result()


async def _session_flushes(samples: np.ndarray, rate: int) -> tuple[list[int], bool]:
    from livekit import rtc
    from livekit.agents import vad as vad_events

    stream = _session_vad().stream()
    frame = rate // 50  # 20 ms, as a call's frames come
    for i in range(0, samples.size, frame):
        chunk = np.ascontiguousarray(samples[i : i + frame])
        stream.push_frame(rtc.AudioFrame(chunk.tobytes(), rate, 1, chunk.size))
    stream.end_input()
    ends: list[int] = []
    speaking = False
    async for ev in stream:
        if ev.type is vad_events.VADEventType.START_OF_SPEECH:
            speaking = True
        elif ev.type is vad_events.VADEventType.END_OF_SPEECH:
            speaking = False
            ends.append(min(samples.size, round(ev.timestamp * rate)))
    await stream.aclose()
    return ends, speaking


_VAD: list[Any] = []
_POOL: list[Any] = []


def _session_vad() -> Any:
    if not _VAD:
        from voice_agent.adapters.voice.providers import load_vad
        from voice_agent.config import Settings

        _VAD.append(load_vad(Settings()))
    return _VAD[0]


def _flush_pool() -> Any:
    if not _POOL:
        from concurrent.futures import ThreadPoolExecutor

        _POOL.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-vad"))
    return _POOL[0]


def stable_seed(*parts: str) -> int:
    """A noise seed that is the same in every run (``hash`` of a str is not)."""
    return zlib.crc32("|".join(parts).encode()) & 0xFFFF


# -- scoring -----------------------------------------------------------------------------------


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        prev, row[0] = row[:], i
        for j in range(1, len(hyp) + 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ref[i - 1] != hyp[j - 1]))
    return row[len(hyp)]


def polarity(text: str) -> str | None:
    """The side of an answer as the dialogue reads it at "Shall I book ...?" ("yes", "no",
    None for neither: asked again). Until the voice14 round the bench read it from its own
    word lists, which had no "go ahead", "fine" or "sounds good": a grammar's "go ahead" (a
    yes the dialogue books on) was counted as heard as neither, and a garbled "good nope
    please", which the dialogue reads as a yes, as a no."""
    said = understand(text, Context(today=TODAY, asked="confirm"))
    if said.no:
        return "no"
    return "yes" if said.yes else None


def ends_call(text: str) -> bool:
    """Whether the dialogue ends the call on a heard line said at "Shall I book ...?" (a
    goodbye, "that's all"); "no thanks" and "nah i'm good" are a no, and the call goes on."""
    return understand(text, Context(today=TODAY, asked="confirm")).end


def said_time(text: str) -> str | None:
    """The time of day in a heard line as "HH:MM", a bare hour ("no, the eleven") read as
    "at eleven" is, as the dialogue reads one said at "Shall I book ...?"; None without one."""
    try:
        at = find_time(text)
        if at is None:
            hour = next((w for w in text.split() if w in grammars.HOURS), None)
            at = find_time(f"at {hour}") if hour else None
    except Exception:  # noqa: BLE001 - an unparsable time is none
        at = None
    return at.strftime("%H:%M") if at is not None else None


def day_time(text: str) -> tuple[date | None, Any]:
    try:
        day = find_date(text, today=TODAY)
    except Exception:  # noqa: BLE001 - an unparsable date is a miss
        day = None
    try:
        at = find_time(text)
    except Exception:  # noqa: BLE001
        at = None
    return day, at


def read_day_time(text: str) -> tuple[date | None, Any]:
    """The day and time the dialogue engine reads in a line said at its day/time question
    ("What day and time would you like?"): one date (None for none or several) and the hour
    (None for none, or a window). Unlike :func:`day_time` (the domain parsers on the whole
    line), a bare hour after a day counts ("thursday three" is 3 PM), and so does what the
    engine takes for something else ("the second one" is a pick, no day): what the caller
    would hear proposed."""
    u = understand(text, Context(today=TODAY, asked="datetime"))
    day = u.when.day.dates[0] if u.when.day is not None and len(u.when.day.dates) == 1 else None
    return day, (u.when.time.at if u.when.time is not None else None)


def wrong_day_time(read: tuple[date | None, Any], ref: tuple[date | None, Any]) -> bool:
    """Whether a day/time reading (:func:`read_day_time`) names a day or an hour other than
    the ones said (``ref``); a part left unread (None) is no wrong reading: the dialogue asks
    for it."""
    return any(got is not None and got != said for got, said in zip(read, ref, strict=True))


# -- running -----------------------------------------------------------------------------------


def worker_cpu(pids: Sequence[int]) -> float:
    """User+system CPU seconds of the recognition worker processes so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def transcribe(
    engine: PocketSphinxSTT,
    hint: ListeningHint,
    samples: np.ndarray,
    rate: int,
    expect: Listening,
    *,
    pace: float = 0.0,
) -> tuple[str, float]:
    """One utterance through a stream; returns the text and the end-of-audio -> final time."""
    hint.expect(expect)
    stream = engine.stream()
    frames = list(audio.split_frames(samples, rate, 20))
    end_of_audio = 0.0

    async def feed() -> None:
        nonlocal end_of_audio
        t0 = time.perf_counter()
        for i, frame in enumerate(frames):
            stream.push_frame(frame)
            if pace > 0:
                await asyncio.sleep(max(0.0, t0 + (i + 1) * 0.02 / pace - time.perf_counter()))
            elif i % 25 == 0:
                await asyncio.sleep(0)
        end_of_audio = time.perf_counter()
        stream.flush()
        stream.end_input()

    task = asyncio.create_task(feed())
    texts: list[str] = []
    final_at = 0.0
    async for ev in stream:
        if ev.type == stt.SpeechEventType.FINAL_TRANSCRIPT:
            if ev.alternatives[0].text:
                texts.append(ev.alternatives[0].text)
            if end_of_audio and not final_at:
                final_at = time.perf_counter()
    await task
    await stream.aclose()
    return " ".join(texts), max(0.0, final_at - end_of_audio) if final_at else math.nan


@dataclass
class Tally:
    phone_one: list[bool] = field(default_factory=list)
    phone_repair: list[bool] = field(default_factory=list)
    phone_turns: list[int] = field(default_factory=list)
    phone_taken_at: list[int | None] = field(default_factory=list)
    """``--first-reading doubt``: the caller turn at which the right number was taken (None:
    never, or a wrong one taken)."""
    phone_wrong_taken: int = 0
    """``--first-reading doubt``: wrong numbers the dialogue would take as heard (agreed, or
    heard alike twice): read back, a recording's or half-listening caller's yes opens an
    account on them. Must be 0."""
    phone_alike_unsure: list[bool] = field(default_factory=list)
    """``--first-reading doubt``: a doubted number heard alike again and still unsure (no
    Whisper reading of it either time), and whether it was right: taken before voice13,
    taken in parts since."""
    phone_doubt_trace: list[dict[str, str]] = field(default_factory=list)
    turn_traces: list[dict[str, Any]] = field(default_factory=list)
    """``--trace-turns``: each number's caller turns (:meth:`Runner.note`)."""
    digit_errors: int = 0
    digits: int = 0
    number_checks: list[tuple[str, bool]] = field(default_factory=list)
    line_checks: list[tuple[str, str]] = field(default_factory=list)
    """Kind ``phone_line``: each line's first hearing, (check, "right" / "wrong" / "none")."""
    """Each first whole-number reading of ten digits: how far the recogniser vouched for it
    (``listening.NumberCheck``'s value) and whether it was right. An ``agreed`` wrong one is
    the number a recording's (or a half-listening caller's) yes opens an account on."""
    number_cpu: list[float] = field(default_factory=list)
    """CPU seconds of each first whole-number turn (this process: pocketsphinx and Whisper)."""
    yes_no: list[bool] = field(default_factory=list)
    date_time: list[bool] = field(default_factory=list)
    date_time_read: list[bool] = field(default_factory=list)
    """Day and time as the dialogue reads them at its day/time question (:func:`read_day_time`)."""
    date_time_wrong: int = 0
    """Day/time turns where the dialogue reads a day or an hour the caller did not say
    (:func:`wrong_day_time`): proposed as if said, where a doubt would be asked about."""
    request_errors: int = 0
    request_words: int = 0
    oog_errors: int = 0
    oog_words: int = 0
    yes_more: list[bool] = field(default_factory=list)
    more_errors: int = 0
    more_words: int = 0
    audio_seconds: float = 0.0
    decode_cpu: float = 0.0
    worker_cpu: float = 0.0
    streamed_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    narrowband_reported: list[bool] = field(default_factory=list)
    examples: list[dict[str, str]] = field(default_factory=list)
    unrepaired: list[dict[str, str]] = field(default_factory=list)
    yes_no_misses: list[dict[str, str]] = field(default_factory=list)
    more_heard: list[dict[str, str]] = field(default_factory=list)
    timed_side: list[bool] = field(default_factory=list)
    timed_time: list[bool] = field(default_factory=list)
    timed_lost: int = 0
    """Yes/no answers said with a time heard as a yes with no time: "Shall I book ...?"
    books the slot proposed, not the time said."""
    timed_wrong_yes: int = 0
    """Of them, a no heard as a yes."""
    timed_heard: list[dict[str, str]] = field(default_factory=list)
    plain_timed: int = 0
    """Plain yes/no answers (kind ``yes_no``) heard with a time in them."""
    bye_side: list[bool] = field(default_factory=list)
    bye_kept: list[bool] = field(default_factory=list)
    """Answers said with a goodbye (kind ``yes_bye``) heard with one: the call ends."""
    bye_heard: list[dict[str, str]] = field(default_factory=list)
    real_side: list[bool] = field(default_factory=list)
    real_heard: list[dict[str, str]] = field(default_factory=list)
    no_as_yes: int = 0
    """Answers of every yes/no kind said as a no and heard as a yes: the change the caller
    refused would be made."""
    yes_as_no: int = 0
    """Said as a yes, heard as a no (the question is asked again or the caller repairs)."""
    no_side: int = 0
    """Heard as neither (the question is asked again)."""
    goodbye_unsaid: int = 0
    """Yes/no answers said with no goodbye (kinds ``yes_no``, ``yes_more``, ``yes_time``)
    heard with one the dialogue ends the call on (:func:`ends_call`): the call would end, a
    yes's slot booked, a time said lost. Until the yesno33 round this counted every heard
    line ``rec.closing_heard`` reads a close in, a decline too: the plain answers "no thanks"
    (tuning) and "no thank you" (held-out) heard right were counted as goodbyes, though the
    dialogue reads them as a no and goes on (that count is ``closing_unsaid`` now)."""
    closing_unsaid: int = 0
    """The same answers heard with a goodbye or a decline (``rec.closing_heard``): the
    ``goodbye_unsaid`` of rounds before yesno33."""
    real_goodbye_unsaid: int = 0
    """Realistic answers (kind ``yes_real``, none of which says a goodbye) heard with one
    (:data:`GOODBYE_ITSELF`): "Um, no, sorry." heard "nah i'm good that's all" is the right
    side, but the call would end."""
    vad_unflushed: int = 0
    """Turns the session's VAD heard no end of speech in (``--flush vad``): no flush came."""

    def summary(self) -> dict[str, Any]:
        def pct(xs: list[bool]) -> float | None:
            return round(100.0 * sum(xs) / len(xs), 1) if xs else None

        lat = sorted(x for x in self.latencies if not math.isnan(x))
        return {
            "phone_exact_one_turn_pct": pct(self.phone_one),
            "phone_exact_with_repair_pct": pct(self.phone_repair),
            "phone_mean_turns": round(statistics.mean(self.phone_turns), 2)
            if self.phone_turns
            else None,
            "digit_error_rate_pct": round(100.0 * self.digit_errors / max(self.digits, 1), 1),
            **self.doubt_summary(),
            **self.number_check_summary(),
            **self.line_check_summary(),
            "yes_no_pct": pct(self.yes_no),
            "day_time_pct": pct(self.date_time),
            "day_time_read_pct": pct(self.date_time_read),
            "day_time_wrong": self.date_time_wrong,
            "request_wer_pct": round(100.0 * self.request_errors / max(self.request_words, 1), 1),
            "oog_wer_pct": round(100.0 * self.oog_errors / max(self.oog_words, 1), 1),
            "yes_more_pct": pct(self.yes_more),
            "yes_more_wer_pct": round(100.0 * self.more_errors / max(self.more_words, 1), 1),
            "yes_time_side_pct": pct(self.timed_side),
            "yes_time_time_pct": pct(self.timed_time),
            "yes_time_lost": self.timed_lost,
            "yes_time_wrong_yes": self.timed_wrong_yes,
            "yes_no_with_time": self.plain_timed,
            "yes_bye_side_pct": pct(self.bye_side),
            "yes_bye_kept_pct": pct(self.bye_kept),
            "goodbye_unsaid": self.goodbye_unsaid,
            "closing_unsaid": self.closing_unsaid,
            "yes_real_side_pct": pct(self.real_side),
            "real_goodbye_unsaid": self.real_goodbye_unsaid,
            "no_as_yes": self.no_as_yes,
            "yes_as_no": self.yes_as_no,
            "no_side": self.no_side,
            "vad_unflushed": self.vad_unflushed,
            "rtf": round(self.decode_cpu / max(self.audio_seconds, 1e-9), 4),
            "rtf_worker_streamed": round(self.worker_cpu / max(self.streamed_seconds, 1e-9), 4),
            "latency_median_ms": round(statistics.median(lat) * 1000) if lat else None,
            "latency_p95_ms": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000)
            if lat
            else None,
            "latency_n": len(lat),
            "narrowband_reported_pct": pct([bool(x) for x in self.narrowband_reported]),
            "number_turn_cpu_s": round(statistics.median(self.number_cpu), 3)
            if self.number_cpu
            else None,
            "n": {
                "phone": len(self.phone_one),
                "phone_line": len(self.line_checks),
                "yes_no": len(self.yes_no),
                "date_time": len(self.date_time),
                "request_words": self.request_words,
                "oog_words": self.oog_words,
                "yes_more": len(self.yes_more),
                "yes_time": len(self.timed_side),
                "yes_bye": len(self.bye_side),
                "yes_real": len(self.real_side),
            },
            "audio_seconds": round(self.audio_seconds, 1),
        }

    def doubt_summary(self) -> dict[str, Any]:
        """``--first-reading doubt``: the right number taken within 1, 2, 3, 4 caller turns
        and at all (groups included), and wrong numbers taken."""
        if not self.phone_taken_at:
            return {}
        n = len(self.phone_taken_at)
        at = [t for t in self.phone_taken_at if t is not None]
        return {
            **{
                f"phone_taken_within_{k}_pct": round(100.0 * sum(t <= k for t in at) / n, 1)
                for k in (1, 2, 3, 4)
            },
            "phone_taken_pct": round(100.0 * len(at) / n, 1),
            "phone_wrong_taken": self.phone_wrong_taken,
            "phone_alike_unsure_right_wrong": [
                sum(self.phone_alike_unsure),
                len(self.phone_alike_unsure) - sum(self.phone_alike_unsure),
            ],
        }

    def line_check_summary(self) -> dict[str, Any]:
        """Kind ``phone_line``: the numbers said inside other lines by how they were heard -
        right and agreed (taken), right and doubted (one reader's or unsure: asked again),
        wrong and doubted, wrong and agreed (the one that must never happen), none heard."""
        if not self.line_checks:
            return {}
        counts = {
            "right_agreed": 0,
            "right_doubted": 0,
            "wrong_doubted": 0,
            "wrong_agreed": 0,
            "none": 0,
        }
        for check, got in self.line_checks:
            if got == "none":
                counts["none"] += 1
            else:
                side = "agreed" if check == "agreed" else "doubted"
                counts[f"{got}_{side}"] += 1
        return {
            "line_number_checks": counts,
            "line_right_agreed_pct": round(
                100.0 * counts["right_agreed"] / len(self.line_checks), 1
            ),
        }

    def number_check_summary(self) -> dict[str, Any]:
        """First whole-number readings by how far the recogniser vouched for them: agreed
        (no mark: read back, and a "yes" takes it), weak (agreed, a digit heard faintly:
        asked again before an account is opened), uncontested (one reader's, no other reader
        heard it otherwise: read back, and a "yes" takes it - a wrong one is a wrong number a
        recording's yes would agree), disagreed (one reader or unsure), each
        right or wrong; ``phone_agreed_wrong_pct`` of every number said."""
        if not self.phone_one:
            return {}
        counts = {
            f"{check}_{'right' if right else 'wrong'}": 0
            for check in ("agreed", "weak", "uncontested", "disagreed")
            for right in (True, False)
        }
        for check, right in self.number_checks:
            side = check if check in ("agreed", "weak", "uncontested") else "disagreed"
            counts[f"{side}_{'right' if right else 'wrong'}"] += 1
        said = len(self.phone_one)
        return {
            "phone_agreed_wrong_pct": round(100.0 * counts["agreed_wrong"] / said, 1),
            "phone_number_checks": counts,
        }


def trace_readers(runner: Runner) -> None:
    """``--trace-turns``: record each utterance's readers of its digits (Whisper's, how sure
    it was of each where it says, the grammar's free reading Whisper was asked about, the
    domain LM's), which search's reading was kept and the doubt it was marked with, as
    :meth:`Utterance.weigh_number` sees them; and where :meth:`StreamRecognizer.heard_before`
    unmarked a number heard again, the reading it found in both hearings."""
    weigh = rec.Utterance.weigh_number
    before = rec.StreamRecognizer.heard_before

    def traced(utt: rec.Utterance, best: rec.Result) -> rec.Result:
        out = weigh(utt, best)
        mark = (
            "unsure"
            if out.unsure
            else "one_reader"
            if out.one_reader
            else f"weak {out.weak_group}"
            if out.weak_group is not None
            else ""
        )
        runner.readers.append(
            {
                "whisper": utt.whisper_heard if utt.whisper_read else "-",
                "sure": " ".join(f"{p:.2f}" for p in utt.whisper_sure),
                "grammar": utt.first_heard,
                "domain": spoken_digits(utt.domain_heard) if utt.domain_heard else "",
                "free": spoken_digits(utt.domain_text) if utt.domain_text else "",
                "kept": "grammar" if best.source == utt.search else best.source,
                "mark": mark,
                "filtered": "yes" if getattr(utt, "noise", None) is not None else "",
            }
        )
        return out

    def models(readings: Any) -> dict[str, str]:
        """Each reading's digits and the models that read it ("W", "S": Whisper,
        pocketsphinx; "~6": the place of a digit the grammar put back in Whisper's nine,
        which Whisper did not read; a checkout from before numbers23 says only whether
        Whisper did)."""
        out: dict[str, str] = {}
        for reading in readings:
            if isinstance(reading, tuple):
                out[reading[0]] = "W" if reading[1] else "-"
            else:
                put_back = sorted(getattr(reading, "put_back", ()))
                out[reading.digits] = (
                    ("W" if reading.whisper else "")
                    + ("S" if reading.sphinx else "")
                    + ("~" + ",".join(map(str, put_back)) if put_back else "")
                )
        return out

    def heard_again(
        self: rec.StreamRecognizer, utt: rec.Utterance, result: rec.Result
    ) -> rec.Result:
        earlier = models(self._numbers_heard)
        out = before(self, utt, result)
        if runner.readers and earlier:
            now = models(utt.number_readings(result))
            both = [d for d in now if d in earlier]
            if both:
                verdict = "agreed" if out is not result and not out.unsure else "kept"
                runner.readers[-1]["heard_before"] = (
                    verdict + ": " + " ".join(f"{d}({earlier[d]}>{now[d]})" for d in both)
                )
        return out

    rec.Utterance.weigh_number = traced  # type: ignore[method-assign,assignment]
    rec.StreamRecognizer.heard_before = heard_again  # type: ignore[method-assign]


class Runner:
    """Runs items as calls: one recogniser stream per voice, so the recogniser adapts to the
    caller as it does over a call (cepstral mean), with the expectation set per turn."""

    def __init__(
        self,
        engine: PocketSphinxSTT,
        hint: ListeningHint,
        context: bool,
        repair: str = "check",
        one_at_a_time_after: int = ONE_AT_A_TIME_AFTER,
        first_reading: str = "dialogue",
        flush: str = "vad",
    ) -> None:
        self.engine = engine
        self.first_reading = first_reading
        self.hint = hint
        self.context = context
        self.repair = repair
        self.one_at_a_time_after = one_at_a_time_after
        self.cache: dict[tuple[str, str, int, int], np.ndarray] = {}
        self._decoders: rec.DecoderSet | None = None
        self.config_changes: dict[str, Any] = {}
        self.gaps: list[dict[str, Any]] | None = None
        """Filled by ``--yes-gaps``: one entry per yes answer checked against the no side."""
        self.turns: list[dict[str, Any]] | None = None
        """``--trace-turns``: every caller turn of the number being taken (what was asked,
        each reader's digits, the reading kept), filled per number and moved to the tally."""
        self.readers: list[dict[str, str]] = []
        """``--trace-turns``: each utterance's readers, as :func:`trace_readers` saw them."""
        self.flush = flush
        """``vad``: each turn is flushed where the session's VAD ends its speech
        (:func:`session_flushes`); ``tail``: 0.3 s after the clip (before the yesno25 round)."""
        """Recogniser settings this run changes (``--no-time-with-answer``)."""

    @property
    def decoders(self) -> rec.DecoderSet:
        if self._decoders is None:
            cfg = dataclasses.replace(self.engine.recognizer_config(), **self.config_changes)
            self._decoders = rec.DecoderSet(cfg)
        return self._decoders

    def clean_audio(self, text: str, voice: str, rate: int, pitch: int) -> np.ndarray:
        key = (text, voice, rate, pitch)
        if key not in self.cache:
            self.cache[key] = render(text, voice, rate, pitch)
        return self.cache[key]

    def hear(
        self,
        call: rec.StreamRecognizer,
        tally: Tally,
        text: str,
        item: Item,
        expect: Listening,
        cond: str,
        band: str,
        seed: int,
        rate: int | None = None,
    ) -> str:
        """One turn of a call: the recogniser core exactly as the worker runs it (100 ms
        chunks, and a flush where the session's VAD ends speech: :func:`session_flushes`).

        With ``flush="vad"`` the clip is followed by :data:`SESSION_TAIL` s of the line,
        flushed at each end of speech the VAD reports and fed to its end after the last; a
        turn the VAD heard no end of (no speech, or still speaking) is not flushed, and what
        the recogniser still holds of it is dropped before the next turn (counted in
        ``vad_unflushed``). ``flush="tail"``: 0.3 s after the clip, then the flush."""
        clean = self.clean_audio(text, item.voice, rate or item.rate, item.pitch)
        session = self.flush == "vad"
        samples, sr = degrade(clean, cond, band, seed, tail=SESSION_TAIL if session else 0.3)
        tally.audio_seconds += samples.size / sr
        if not self.context:
            expect = Listening()
        want = rec.expect_of(expect)
        events: list[rec.Event] = []
        if session:
            flushes, open_at_end = session_flushes(samples, sr)
        else:
            flushes, open_at_end = [], False
        t0 = time.process_time()
        # at the line's own rate: the stream resamples 8 kHz to 16 kHz itself, as in a call
        # (until this round the bench resampled first and still said 8 kHz, so the phone
        # line's audio was resampled twice and played at half speed)
        step = sr // 10
        start = 0
        for end in [*flushes, samples.size]:
            for i in range(start, end, step):
                chunk = samples[i : min(end, i + step)].tobytes()
                events += call.feed(chunk, expect=want, src_rate=sr)
            if end < samples.size or not session:
                events += call.feed(b"", flush=True, expect=want, src_rate=sr)
            start = end
        if session and (open_at_end or not flushes):
            # no end of speech, no flush: the session hears only the endpointer's finals
            tally.vad_unflushed += 1
        if session and (open_at_end or not flushes or flushes[-1] < samples.size):
            # what the recogniser still holds belongs to no turn the bench scores
            call.feed(b"", flush=True, expect=want, src_rate=sr)
        tally.decode_cpu += time.process_time() - t0
        for ev in events:
            if ev.kind == "line":
                tally.narrowband_reported.append(ev.value > 0.5)
        text = " ".join(ev.text for ev in events if ev.kind == "final" and ev.text)
        if self.turns is not None and expect.kind is Expectation.PHONE:
            # every utterance of the turn (a flush after the endpointer's end may add an
            # empty one: the last alone named the wrong readers)
            readers = [
                r for r in self.readers if r["whisper"] != "-" or r["grammar"] or r["domain"]
            ]
            readers = readers or self.readers[-1:]
            self.readers.clear()
            if len(readers) == 1:
                self.note(asked=f"say {expect.digits or 10}", said=text, **readers[0])
            else:
                self.note(asked=f"say {expect.digits or 10}", said=text, readers=readers)
        return text

    def note(self, **turn: Any) -> None:
        """``--trace-turns``: one caller turn of the number being taken."""
        if self.turns is not None:
            self.turns.append({k: v for k, v in turn.items() if v not in ("", None)})

    def repair_number(
        self,
        call: rec.StreamRecognizer,
        tally: Tally,
        item: Item,
        heard: str,
        cond: str,
        band: str,
        seed: int,
    ) -> tuple[bool, int]:
        """A whole number heard wrong, as the dialogue goes on from each kind of first
        reading (``policy._ask_phone``, ``tracking._take_digits``, ``_deny_partial``).
        Returns whether it ended right, and the caller's turns it took after the first.

        * ten digits: read back, "no", checked in groups (:meth:`repair_groups`);
        * fewer (``first_reading="dialogue"``): "I have six two six so far. And the rest of
          the number?": a caller whose start was heard right says the rest (decoded with a
          grammar of that many digits), and the number put together is read back (on a "no",
          checked in groups); a start heard wrong gets a "no", and the number is taken in
          groups from the first;
        * none, or more than ten: the dialogue asks for the whole number again ("Sorry, I
          didn't catch the number ...", "Could you say the full ten-digit number again?"),
          and the caller says it again, a little slower; a second reading that is not ten
          digits either is taken in groups from the first (the dialogue's second failure).

        ``first_reading="groups"`` is the previous model: anything but ten digits went
        straight to groups from the first."""
        if len(heard) == 10 or self.first_reading == "groups":
            return self.repair_groups(call, tally, item, heard, cond, band, seed)
        if heard and item.ref.startswith(heard):
            rest = item.ref[len(heard) :]
            said = _say_digits(random.Random(seed + 5), rest)
            expect = Listening(Expectation.PHONE, digits=len(rest))
            got = spoken_digits(self.hear(call, tally, said, item, expect, cond, band, seed + 5))
            joined = heard + got
            if joined == item.ref:
                return True, 1
            ok, turns = self.repair_groups(
                call, tally, item, joined if len(joined) == 10 else "", cond, band, seed
            )
            return ok, 1 + turns
        if heard:  # "no" to the wrong start: groups from the first
            return self.repair_groups(call, tally, item, "", cond, band, seed)
        said = _say_digits(random.Random(seed + 6), item.ref)
        expect = Listening(Expectation.PHONE, digits=10)
        rate = max(120, item.rate - 15)
        again = self.hear(call, tally, said, item, expect, cond, band, seed + 6, rate=rate)
        got = spoken_digits(again)
        if got == item.ref:
            return True, 1
        if len(got) == 10:
            ok, turns = self.repair_groups(call, tally, item, got, cond, band, seed)
            return ok, 1 + turns
        # the second failure: groups from the first (the turn repair_groups counts for a "no"
        # is the number said again)
        return self.repair_groups(call, tally, item, "", cond, band, seed)

    def doubt_flow(
        self,
        call: rec.StreamRecognizer,
        tally: Tally,
        item: Item,
        heard: str,
        cond: str,
        band: str,
        seed: int,
    ) -> tuple[bool, int]:
        """``--first-reading doubt``: the number turn as the dialogue runs it now
        (``tracking._weigh_number``), ``heard`` the first hearing's transcript with its mark.
        A whole number is taken when its readers agreed, or one reader's that no other reader
        heard otherwise was read back (``listening.NUMBER_UNCONTESTED``: the live caller's
        "yes" to a right one, "no" to a wrong one), or when heard again (the caller
        asked to say it once more, a little slower) as the doubted one or agreed; a doubted
        number heard otherwise the second time, or no number said back twice, is taken in
        groups (read back, a live caller's "no" to a wrong group). A number taken wrong is
        counted in ``phone_wrong_taken`` (a recording's "yes" to its read-back opens an
        account on it); the live caller says "no" and it goes to groups. Returns whether
        the right number was had in the end, and the caller's turns it took."""
        doubted: str | None = None
        whole = False  # the doubted number was one reader's whole reading
        missed = 0
        turns = 1
        text = heard
        trace: list[str] = []
        while True:
            text, check = number_check(text)
            got = spoken_digits(text)
            trace.append(f"{got}:{check.value}")
            if len(got) == 10 and got == doubted and check.value == "unsure":
                tally.phone_alike_unsure.append(got == item.ref)
            if len(got) == 10 and (
                check.value == "agreed"
                or (check.value == "uncontested" and doubted is None)
                or (doubted is not None and heard_again(got, doubted, check, whole=whole))
            ):
                if got == item.ref:
                    tally.phone_taken_at.append(turns)
                    return True, turns
                tally.phone_wrong_taken += 1
                self.note(asked="read back", answer="no (wrong number taken)")
                tally.phone_doubt_trace.append(
                    {"voice": item.voice, "said": item.ref, "heard": " ".join(trace)}
                )
                tally.phone_taken_at.append(None)
                ok, more = self.repair_groups(call, tally, item, got, cond, band, seed)
                return ok, turns + more
            if len(got) == 10 and doubted is None:
                doubted = got
                whole = check.value == "one_reader"
                self.note(asked="once more", answer=f"doubted {check.value}")
            elif 0 < len(got) < 10 and doubted is None and not missed:
                ok, more = self.repair_number(call, tally, item, got, cond, band, seed)
                tally.phone_taken_at.append(turns + more if ok else None)
                return ok, turns + more
            elif len(got) != 10 and doubted is None and not missed:
                missed += 1
                self.note(asked="again", answer=f"{len(got)} digits")
            else:
                self.note(asked="in parts", answer=f"{got or '-'} {check.value}")
                break
            said = _say_digits(random.Random(seed + 6 + turns), item.ref)
            expect = Listening(Expectation.PHONE, digits=10)
            rate = max(120, item.rate - 15)
            text = self.hear(
                call, tally, said, item, expect, cond, band, seed + 6 + turns, rate=rate
            )
            turns += 1
        tally.phone_doubt_trace.append(
            {"voice": item.voice, "said": item.ref, "heard": " ".join(trace)}
        )
        ok, more = self.repair_groups(call, tally, item, "", cond, band, seed)
        # no "no" to a read-back before the groups: "let's take it in parts"
        turns += more - 1
        tally.phone_taken_at.append(turns if ok else None)
        return ok, turns

    def repair_groups(
        self,
        call: rec.StreamRecognizer,
        tally: Tally,
        item: Item,
        heard: str,
        cond: str,
        band: str,
        seed: int,
    ) -> tuple[bool, int]:
        """The caller said "no" to the read-back of a whole number: take it in groups of
        3-3-4. Returns whether every group ended right, and the caller's turns it took.

        Turns counted: the "no" to the whole number, each group said, each "no" to a
        group's read-back, and (``check``) each answer to a group's read-back; the caller's
        closing "yes" is not counted (every path has one). A group is tried at most 3 times.
        As the dialogue does it (``dialogue.tracking._answer_group``): a group is read back
        with the next question ("I have six one seven. And the next three?"); the last one in
        the whole number's read-back, whose "no" starts a new check of the number, group by
        group (two more answers before the last four are asked for again, with every
        rejected reading left out).

        * ``regroup`` (before): every group is asked for and decoded afresh;
        * ``exclude``: the same, and a group read back wrong is said again with the readings
          the caller rejected left out of its grammar;
        * ``check``: with 10 digits heard, each group of that reading is read back first
          ("the first three, six one seven?"); only a group the caller says "no" to is asked
          for, with the rejected readings (the whole number's slice first) left out. When
          the first two groups were right, the last is asked for without a read-back.
        """
        turns = 1  # "no"
        ok = True
        slices = (heard[:3], heard[3:6], heard[6:]) if len(heard) == 10 else None
        for g, group in enumerate(item.groups):
            rejected: list[str] = []
            if self.repair == "check" and slices is not None:
                # with the first six digits confirmed as heard, the last four were wrong:
                # no need to ask
                known_wrong = g == 2 and item.groups[:2] == slices[:2]
                if not known_wrong:
                    turns += 1  # the answer to "the first three, six one seven?"
                    self.note(asked=f"check {g}", answer="yes" if slices[g] == group else "no")
                    if slices[g] == group:
                        continue
                rejected.append(slices[g])
            for attempt in range(3):
                turns += 1
                # the dialogue asks for a group one digit at a time once the caller has
                # rejected this many readings of it (policy.ONE_AT_A_TIME_AFTER)
                slowly = 0 < self.one_at_a_time_after <= len(rejected)
                said = _say_digits(random.Random(seed + g), group, one_at_a_time=slowly)
                got = spoken_digits(
                    self.hear(
                        call,
                        tally,
                        said,
                        item,
                        Listening(
                            Expectation.PHONE,
                            digits=len(group),
                            rejected=tuple(rejected) if self.repair != "regroup" else (),
                            part=g,
                        ),
                        cond,
                        band,
                        seed + 31 * g + attempt,
                        rate=max(120, item.rate - 15 * attempt),
                    )
                )
                self.note(group=g, ok=got == group)
                if got == group:
                    break
                # "no" to its read-back; the last group is read back in the whole number
                # ("I have ... Is that right?"), and the dialogue then checks that number
                # group by group again: two more answers ("yes" to the first and next three)
                turns += 1 if g < 2 else 3
                rejected.append(got)
            else:
                ok = False
                tally.unrepaired.append(
                    {"voice": item.voice, "group": group, "heard": ",".join(rejected)}
                )
        return ok, turns

    async def run_condition(self, items: list[Item], cond: str, band: str, n_latency: int) -> Tally:
        tally = Tally()
        calls: dict[str, rec.StreamRecognizer] = {}
        for idx, item in enumerate(items):
            if item.voice not in calls:
                self.decoders.reset_cmn()
                calls = {item.voice: rec.StreamRecognizer(self.decoders)}
            call = calls[item.voice]
            seed = stable_seed(item.text, item.voice, cond)
            cpu = time.process_time()
            checked = len(self.gaps) if self.gaps is not None else 0
            heard = self.hear(call, tally, item.text, item, item.expect, cond, band, seed)
            if self.gaps is not None and item.kind in ANSWER_KINDS:
                side = item.ref[0] if item.kind == "yes_time" else item.ref
                for gap in self.gaps[checked:]:
                    gap.update(said=item.text, side=side, cond=cond, final=polarity(heard))
            if item.kind == "phone":
                tally.number_cpu.append(time.process_time() - cpu)
                marked = heard
                heard, check = number_check(heard)
                got = spoken_digits(heard)
                if len(got) == 10:
                    tally.number_checks.append((check.value, got == item.ref))
                tally.digits += 10
                tally.digit_errors += edit_distance(list(item.ref), list(got))
                ok = got == item.ref
                tally.phone_one.append(ok)
                turns = 1
                if self.turns is not None:
                    first = self.turns[-1:]
                    self.turns = first
                if self.first_reading == "doubt":
                    ok, turns = self.doubt_flow(call, tally, item, marked, cond, band, seed)
                elif not ok:
                    ok, extra = self.repair_number(call, tally, item, got, cond, band, seed)
                    turns += extra
                tally.phone_repair.append(ok)
                tally.phone_turns.append(turns)
                if self.turns is not None:
                    taken = tally.phone_taken_at[-1] if tally.phone_taken_at else None
                    tally.turn_traces.append(
                        {
                            "voice": item.voice,
                            "said": item.ref,
                            "taken_at": taken,
                            "ok": ok,
                            "turns": self.turns,
                        }
                    )
                    self.turns = []
                if not tally.phone_one[-1] and len(tally.examples) < 12:
                    tally.examples.append({"said": item.text, "heard": heard, "voice": item.voice})
            elif item.kind == "phone_line":
                heard, check = number_check(heard)
                got = rec.number_in(heard)
                said = "none" if len(got) != 10 else ("right" if got == item.ref else "wrong")
                tally.line_checks.append((check.value, said))
                if said != "right" and len(tally.examples) < 12:
                    tally.examples.append({"said": item.text, "heard": heard, "voice": item.voice})
            elif item.kind == "yes_no":
                timed = said_time(heard) is not None
                tally.plain_timed += timed
                tally.yes_no.append(polarity(heard) == item.ref)
                if not tally.yes_no[-1] or timed:
                    tally.yes_no_misses.append(
                        {"said": item.text, "heard": heard, "voice": item.voice}
                    )
            elif item.kind == "yes_more":
                # the answer's side, and how much of what came after it was kept
                tally.yes_more.append(polarity(heard) == item.ref)
                ref = lm.normalize_text(item.text).split()
                tally.more_errors += edit_distance(ref, heard.split())
                tally.more_words += len(ref)
                tally.more_heard.append({"said": item.text, "heard": heard, "voice": item.voice})
                if not tally.yes_more[-1]:
                    tally.yes_no_misses.append(
                        {"said": item.text, "heard": heard, "voice": item.voice}
                    )
            elif item.kind == "yes_time":
                side, meant = item.ref
                heard_side, heard_time = polarity(heard), said_time(heard)
                tally.timed_side.append(heard_side == side)
                tally.timed_time.append(heard_time == meant)
                tally.timed_lost += heard_side == "yes" and heard_time is None
                tally.timed_wrong_yes += side == "no" and heard_side == "yes"
                tally.timed_heard.append({"said": item.text, "heard": heard, "voice": item.voice})
            elif item.kind == "yes_real":
                tally.real_side.append(polarity(heard) == item.ref)
                tally.real_heard.append({"said": item.text, "heard": heard, "voice": item.voice})
                tally.real_goodbye_unsaid += GOODBYE_ITSELF.search(heard) is not None
            elif item.kind == "yes_bye":
                tally.bye_side.append(polarity(heard) == item.ref)
                tally.bye_kept.append(rec.closing_heard(heard))
                tally.bye_heard.append({"said": item.text, "heard": heard, "voice": item.voice})
            elif item.kind == "date_time":
                ok = day_time(heard) == item.ref
                tally.date_time.append(ok)
                read = read_day_time(heard)
                tally.date_time_read.append(read == item.ref)
                tally.date_time_wrong += wrong_day_time(read, item.ref)
                if not ok and len(tally.examples) < 12:
                    tally.examples.append({"said": item.text, "heard": heard, "voice": item.voice})
            else:
                ref = lm.normalize_text(item.text).split()
                errors = edit_distance(ref, heard.split())
                if item.kind == "request":
                    tally.request_errors += errors
                    tally.request_words += len(ref)
                else:
                    tally.oog_errors += errors
                    tally.oog_words += len(ref)
            if item.kind in ANSWER_KINDS:
                said_side = item.ref[0] if item.kind == "yes_time" else item.ref
                heard_side = polarity(heard)
                tally.no_as_yes += said_side == "no" and heard_side == "yes"
                tally.yes_as_no += said_side == "yes" and heard_side == "no"
                tally.no_side += heard_side is None
            if item.kind in ("yes_no", "yes_more", "yes_time"):
                tally.goodbye_unsaid += ends_call(heard)
                tally.closing_unsaid += rec.closing_heard(heard)
            if idx % 25 == 0:
                print(f"    {cond}/{band}: {idx + 1}/{len(items)}", file=sys.stderr, flush=True)
            await asyncio.sleep(0)
        # latency and the worker path: a few turns through PocketSphinxSTT in real time
        pool = self.engine._pool
        assert pool is not None
        cpu0 = worker_cpu(pool.pids)
        streamed = 0.0
        for item in items[: n_latency * 5 : 5]:
            clean = self.clean_audio(item.text, item.voice, item.rate, item.pitch)
            samples, sr = degrade(clean, cond, band, 7)
            streamed += samples.size / sr
            _, latency = await transcribe(
                self.engine,
                self.hint,
                samples,
                sr,
                item.expect if self.context else Listening(),
                pace=1.0,
            )
            tally.latencies.append(latency)
        tally.worker_cpu = worker_cpu(pool.pids) - cpu0
        tally.streamed_seconds = streamed
        return tally


async def measure_startup(engine: PocketSphinxSTT, hint: ListeningHint) -> dict[str, float]:
    """Seconds from opening a stream to the final transcript of a short answer fed at once:
    with no recognition worker running yet (process start, imports, decoders), then again."""
    from voice_agent.adapters.offline.recognition_worker import shutdown_pool

    await asyncio.to_thread(engine.recognizer_config)  # the LM build is not start-up
    shutdown_pool()
    samples = np.concatenate([render("yes please", "en-us", 160, 50), audio.silence(0.3, 16000)])
    out: dict[str, float] = {}
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        await transcribe(engine, hint, samples, 16000, Listening(Expectation.YES_NO))
        out[f"{label}_stream_to_final_s"] = round(time.perf_counter() - t0, 3)
    return out


def call_cpu(items: list[Item], runner: Runner, split: Split) -> dict[str, Any]:
    """Recognition CPU per second of a call's audio, before and after, in this run: each
    voice makes one call of six turns (a request, the phone number, a name, a day and time,
    a yes/no, a goodbye), decoded by the recogniser core as the worker runs it, with
    ``context=False, fallback="always"`` (the previous default: domain and general LM on
    every utterance) and with the defaults (a grammar and the domain LM in parallel where the
    dialogue expects something, the domain LM alone otherwise)."""
    engine = runner.engine
    before = PocketSphinxSTT(context=False, fallback="always", cache_dir=engine.options.cache_dir)
    configs = {"before": before.recognizer_config(), "after": engine.recognizer_config()}
    by_voice: dict[str, dict[str, Item]] = {}
    for item in items:
        by_voice.setdefault(item.voice, {}).setdefault(item.kind, item)
    turns: list[tuple[str, Item, Listening]] = []
    for voice, kinds in by_voice.items():
        first = kinds["request"]
        name = f"my name is {'sarah johnson' if split.seed % 2 else 'daniel kim'}"
        turns += [
            (first.text, first, Listening()),
            (kinds["phone"].text, kinds["phone"], kinds["phone"].expect),
            (name, first, Listening(Expectation.NAME)),
            (kinds["date_time"].text, kinds["date_time"], kinds["date_time"].expect),
            (kinds["yes_no"].text, kinds["yes_no"], kinds["yes_no"].expect),
            ("no that's all thank you goodbye", first, Listening()),
        ]
        del voice
    result: dict[str, Any] = {"calls": len(by_voice), "turns": len(turns)}
    for label, cfg in configs.items():
        decoders = rec.DecoderSet(cfg)
        cpu = seconds = 0.0
        call: rec.StreamRecognizer | None = None
        voice = ""
        for text, item, expect in turns:
            if item.voice != voice:
                voice = item.voice
                decoders.reset_cmn()
                call = rec.StreamRecognizer(decoders)
            assert call is not None
            clean = runner.clean_audio(text, item.voice, item.rate, item.pitch)
            samples, _ = degrade(clean, "clean", "wide", 1)
            seconds += samples.size / 16000
            want = (expect.kind.value, expect.digits)
            t0 = time.process_time()
            for i in range(0, samples.size, 1600):
                call.feed(samples[i : i + 1600].tobytes(), expect=want)
            call.feed(b"", flush=True, expect=want)
            cpu += time.process_time() - t0
        result[f"{label}_cpu_per_audio_second"] = round(cpu / seconds, 4)
        result["audio_seconds"] = round(seconds, 1)
    result["ratio_before_over_after"] = round(
        result["before_cpu_per_audio_second"] / max(result["after_cpu_per_audio_second"], 1e-9),
        2,
    )
    return result


GAP_MARGINS = (-0.1, -0.05, 0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15)


def gap_margins() -> dict[str, float]:
    """``--yes-gaps``: every yes answer of the yes/no grammar checked, none turned down."""
    return {answer: -math.inf for answer in grammars.YES_ANSWERS}


def print_gaps(gaps: list[dict[str, Any]]) -> None:
    """Per yes answer heard, its yes-over-no gaps by the side said, and what each margin in
    :data:`GAP_MARGINS` would do: no answers heard as it turned back (good) and yes answers
    heard as it turned into a no (bad). A turn whose final reading was no yes (Whisper's
    second opinion, or nothing heard) is counted as it ended."""
    print("\nyes-over-no gaps (yes answer heard: gaps of no said | gaps of yes said)")
    for answer in sorted({g["heard"] for g in gaps if "side" in g}):
        mine = [g for g in gaps if g.get("heard") == answer and g.get("final") == "yes"]
        said_no = sorted(g["gap"] for g in mine if g["side"] == "no")
        said_yes = sorted(g["gap"] for g in mine if g["side"] == "yes")
        print(f"  {answer!r}: no said {said_no} | yes said {len(said_yes)}, lowest {said_yes[:4]}")
        sweep = [
            f"{m:+.2f}: {sum(x < m for x in said_no)}/{len(said_no)} caught, "
            f"{sum(x < m for x in said_yes)} lost"
            for m in GAP_MARGINS
        ]
        print("    " + "; ".join(sweep))


def tune(items: list[Item], runner: Runner, conditions: Sequence[str]) -> dict[str, Any]:
    """Grammar-minus-domain score differences (natural log) for in-grammar and
    out-of-grammar speech, per search, and the trade-off of a range of margins (in-process,
    on the tuning split). Phone items are also scored as 3- and 4-digit groups."""
    engine = runner.engine
    decoders = rec.DecoderSet(engine.recognizer_config())
    rows: dict[str, dict[str, list[tuple[float, bool]]]] = {}

    def score(text: str, item: Item, cond: str, expect: Listening, check: Any) -> None:
        clean = runner.clean_audio(text, item.voice, item.rate, item.pitch)
        samples, _ = degrade(clean, cond, "wide", stable_seed(text, cond))
        search = grammars.search_for(expect)
        decoders.reset_cmn()
        g, d = rec.score_both(decoders, samples, search)
        diff = g.log_score - d.log_score if g.text else -math.inf
        family = search
        bucket = rows.setdefault(family, {"in": [], "oog": [], "domain_ok": []})
        agree = rec.answered(search, g.text, d.text)
        if check is None:
            bucket["oog"].append((diff, agree))
        else:
            bucket["in"].append((diff, check(g.text)))
            bucket["domain_ok"].append((1.0 if agree else 0.0, check(d.text)))

    for cond in conditions:
        for item in items:
            ref = item.ref
            if item.kind == "oog":
                score(item.text, item, cond, item.expect, None)
            elif item.kind == "phone":
                score(item.text, item, cond, item.expect, lambda t, r=ref: spoken_digits(t) == r)
                for group in item.groups[1:]:
                    said = _say_digits(random.Random(len(group)), group)
                    expect = Listening(Expectation.PHONE, digits=len(group))
                    score(said, item, cond, expect, lambda t, r=group: spoken_digits(t) == r)
            elif item.kind == "yes_no":
                score(item.text, item, cond, item.expect, lambda t, r=ref: polarity(t) == r)
            elif item.kind == "date_time":
                score(item.text, item, cond, item.expect, lambda t, r=ref: day_time(t) == r)
    report: dict[str, Any] = {}
    for family, bucket in rows.items():
        lines = []
        for margin in (-0.1, 0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0):
            kept = [
                (diff >= margin and ok) or (diff < margin and dok[1])
                for (diff, ok), dok in zip(bucket["in"], bucket["domain_ok"], strict=True)
            ]
            caught = [diff < margin for diff, _ in bucket["oog"]]
            use = [
                diff >= margin or agree > 0
                for (diff, _), (agree, _) in zip(bucket["in"], bucket["domain_ok"], strict=True)
            ]
            kept_agree = [
                ok if u else dok
                for u, (_, ok), (_, dok) in zip(use, bucket["in"], bucket["domain_ok"], strict=True)
            ]
            caught_agree = [diff < margin and not agree for diff, agree in bucket["oog"]]
            lines.append(
                {
                    "margin": margin,
                    "in_grammar_correct_pct": round(100 * sum(kept) / max(len(kept), 1), 1),
                    "oog_caught_pct": round(100 * sum(caught) / max(len(caught), 1), 1),
                    "with_answered_rule_correct_pct": round(
                        100 * sum(kept_agree) / max(len(kept_agree), 1), 1
                    ),
                    "with_answered_rule_caught_pct": round(
                        100 * sum(caught_agree) / max(len(caught_agree), 1), 1
                    ),
                }
            )
        report[family] = {
            "n_in": len(bucket["in"]),
            "n_oog": len(bucket["oog"]),
            "grammar_alone_correct_pct": round(
                100 * sum(ok for _, ok in bucket["in"]) / max(len(bucket["in"]), 1), 1
            ),
            "domain_alone_correct_pct": round(
                100 * sum(ok for _, ok in bucket["domain_ok"]) / max(len(bucket["domain_ok"]), 1),
                1,
            ),
            "sweep": lines,
        }
    return report


def print_table(rows: dict[str, dict[str, Any]]) -> None:
    cols = (
        ("phone_exact_one_turn_pct", "phone 1", "{:>8}"),
        ("phone_exact_with_repair_pct", "phone+rep", "{:>10}"),
        ("digit_error_rate_pct", "DER", "{:>6}"),
        ("phone_agreed_wrong_pct", "agr-wrong", "{:>10}"),
        ("yes_no_pct", "yes/no", "{:>7}"),
        ("day_time_pct", "day+time", "{:>9}"),
        ("day_time_read_pct", "d+t read", "{:>9}"),
        ("day_time_wrong", "d+t wrong", "{:>10}"),
        ("request_wer_pct", "WER", "{:>6}"),
        ("oog_wer_pct", "OOG WER", "{:>8}"),
        ("yes_more_pct", "y/n+", "{:>6}"),
        ("yes_more_wer_pct", "y/n+WER", "{:>8}"),
        ("yes_time_side_pct", "y/n+t", "{:>6}"),
        ("yes_time_time_pct", "time", "{:>6}"),
        ("yes_time_lost", "lost", "{:>5}"),
        ("yes_time_wrong_yes", "no>yes", "{:>7}"),
        ("yes_no_with_time", "y/n+t?", "{:>7}"),
        ("yes_bye_side_pct", "y/n+bye", "{:>8}"),
        ("yes_bye_kept_pct", "bye kept", "{:>9}"),
        ("goodbye_unsaid", "bye unsaid", "{:>11}"),
        ("yes_real_side_pct", "y/n real", "{:>9}"),
        ("real_goodbye_unsaid", "real bye", "{:>9}"),
        ("no_as_yes", "no>yes all", "{:>11}"),
        ("yes_as_no", "yes>no all", "{:>11}"),
        ("no_side", "neither", "{:>8}"),
        ("vad_unflushed", "no flush", "{:>9}"),
        ("rtf", "CPU/s", "{:>7}"),
        ("latency_median_ms", "lat p50", "{:>8}"),
        ("latency_p95_ms", "lat p95", "{:>8}"),
        ("narrowband_reported_pct", "narrow%", "{:>8}"),
    )
    head = f"{'condition':<14}" + "".join(fmt.format(title) for _, title, fmt in cols)
    print(head)
    print("-" * len(head))
    for name, row in rows.items():
        cells = "".join(fmt.format(str(row.get(key))) for key, _, fmt in cols)
        print(f"{name:<14}{cells}")


def _number(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


async def amain(args: argparse.Namespace) -> dict[str, Any]:
    split = SPLITS[args.split]
    if args.voice_set:
        split = voice_set(split, args.voice_set)
    if args.quick:
        split = Split(
            split.voices[:2],
            *[
                getattr(split, f)
                for f in (
                    "seed",
                    "phone_carriers",
                    "yes",
                    "no",
                    "date_carriers",
                    "requests",
                    "more",
                    "timed",
                )
            ],
        )
    items = make_items(split, 1 if args.quick else args.per_voice)
    hint = ListeningHint()
    decoder_config = {k: _number(v) for k, v in (kv.split("=", 1) for kv in args.decoder)}
    engine = PocketSphinxSTT(
        listening=hint,
        cache_dir=args.cache_dir,
        interim_interval=1.0,
        workers=1,
        decoder_config=decoder_config,
        digit_warps=tuple(args.digit_warps),
        digit_warps_on=args.digit_warps_on,
        digit_variants=not args.no_digit_variants,
        yes_over_no=({} if args.no_yes_check else gap_margins() if args.yes_gaps else None),
        repeated_groups=args.repeated_groups,
        high_voice_warp=1.0 if args.no_caller_warp else args.high_voice_warp,
        second_opinion=None if args.second_opinion == "none" else args.second_opinion,
        second_opinion_on=args.second_opinion_on,
        **({} if args.yes_no_opinion is None else {"second_opinion_yes_no": args.yes_no_opinion}),
        **(
            {}
            if args.narrowband_opinion is None
            else {"narrowband_opinion": args.narrowband_opinion}
        ),
        low_voice_warp=1.0 if args.no_caller_warp else args.low_voice_warp,
        grammar_beams=args.grammar_beams,
    )
    startup = await measure_startup(engine, hint)
    await asyncio.to_thread(engine.prewarm)
    runner = Runner(
        engine,
        hint,
        context=not args.no_context,
        repair=args.repair,
        one_at_a_time_after=args.one_at_a_time_after,
        first_reading=args.first_reading,
        flush=args.flush,
    )
    if args.no_time_with_answer:
        runner.config_changes["time_with_answer"] = False
    if args.no_unheard_goodbye:
        runner.config_changes["unheard_goodbye"] = False
    if args.weak_digit is not None:
        runner.config_changes["weak_digit"] = args.weak_digit
    if args.sure_whisper is not None:
        runner.config_changes["sure_whisper"] = args.sure_whisper
    if args.heard_twice_sure is not None:
        runner.config_changes["heard_twice_sure"] = args.heard_twice_sure
    if args.no_group_witnesses:
        runner.config_changes["group_witnesses"] = False
    if args.read_back_sure is not None:
        runner.config_changes["read_back_sure"] = args.read_back_sure
    if args.witnessed_sure is not None:
        runner.config_changes["witnessed_sure"] = args.witnessed_sure
    if args.read_back_uncontested:
        runner.config_changes["read_back_uncontested"] = True
    if args.no_read_back_uncontested:
        runner.config_changes["read_back_uncontested"] = False
    if args.uncontested_sure is not None:
        runner.config_changes["uncontested_sure"] = args.uncontested_sure
    if args.no_line_number:
        runner.config_changes["line_number"] = False
    if args.denoise is not None:
        runner.config_changes["denoise"] = args.denoise
    if args.denoise_below is not None:
        runner.config_changes["denoise_below"] = args.denoise_below
    if args.trace_turns:
        runner.turns = []
        trace_readers(runner)
    result: dict[str, Any] = {
        "split": args.split,
        "time_with_answer": not args.no_time_with_answer,
        "unheard_goodbye": not args.no_unheard_goodbye,
        "startup": startup,
        "voices": [v for v, _ in split.voices],
        "items": len(items),
        "context": not args.no_context,
        "repair": args.repair,
        "one_at_a_time_after": args.one_at_a_time_after,
        "denoise": args.denoise,
        "denoise_below": args.denoise_below,
        "first_reading": args.first_reading,
        "flush": args.flush,
        "decoder_config": decoder_config,
        "digit_warps": args.digit_warps,
        "digit_warps_on": args.digit_warps_on,
        "digit_variants": not args.no_digit_variants,
        "yes_check": not args.no_yes_check,
        "repeated_groups": args.repeated_groups,
        "high_voice_warp": engine.options.high_voice_warp,
        "second_opinion": engine.options.second_opinion,
        "second_opinion_on": engine.options.second_opinion_on,
        "second_opinion_yes_no": engine.options.second_opinion_yes_no,
        "narrowband_opinion": engine.options.narrowband_opinion,
        "low_voice_warp": engine.options.low_voice_warp,
        "grammar_beams": engine.options.grammar_beams,
    }
    gaps: list[dict[str, Any]] = []
    if args.yes_gaps:
        rec.SCORE_HOOK = lambda text, yes, no: gaps.append(
            {"heard": grammars.answer_of(text), "gap": round(yes.log_score - no.log_score, 4)}
        )
        runner.gaps = gaps
    if args.tune:
        result["tuning"] = tune(items, runner, args.conditions)
        print(json.dumps(result["tuning"], indent=1))
        return result
    rows: dict[str, dict[str, Any]] = {}
    for band in args.bands:
        for cond in args.conditions:
            t0 = time.perf_counter()
            chosen = [item for item in items if item.kind in args.kinds]
            tally = await runner.run_condition(chosen, cond, band, args.latency_n)
            rows[f"{cond}/{band}"] = tally.summary()
            rows[f"{cond}/{band}"]["wall_seconds"] = round(time.perf_counter() - t0, 1)
            rows[f"{cond}/{band}"]["misheard_examples"] = tally.examples
            rows[f"{cond}/{band}"]["groups_not_repaired"] = tally.unrepaired
            rows[f"{cond}/{band}"]["numbers_doubted_or_wrong"] = tally.phone_doubt_trace
            if tally.turn_traces:
                rows[f"{cond}/{band}"]["number_turns"] = tally.turn_traces
            rows[f"{cond}/{band}"]["yes_no_misheard"] = tally.yes_no_misses
            rows[f"{cond}/{band}"]["yes_more_heard"] = tally.more_heard
            rows[f"{cond}/{band}"]["yes_time_heard"] = tally.timed_heard
            rows[f"{cond}/{band}"]["yes_bye_heard"] = tally.bye_heard
            rows[f"{cond}/{band}"]["yes_real_heard"] = tally.real_heard
            print(f"  {cond}/{band} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    result["conditions"] = rows
    if args.yes_gaps:
        result["yes_gaps"] = gaps
        print_gaps(gaps)
    if not args.no_baseline:
        result["cpu_per_call"] = call_cpu(items, runner, split)
    await engine.aclose()
    print()
    print("start-up:", result["startup"])
    print_table(rows)
    if "cpu_per_call" in result:
        print("\nrecognition CPU per call:", result["cpu_per_call"])
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} CPUs")
    result["machine"] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_at_end": [round(x, 2) for x in load],
    }
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 voices, 1 item of each kind")
    parser.add_argument("--split", choices=sorted(SPLITS), default="heldout")
    parser.add_argument("--per-voice", type=int, default=2, help="items of each kind per voice")
    parser.add_argument("--conditions", nargs="+", default=list(CONDITIONS), choices=CONDITIONS)
    parser.add_argument("--bands", nargs="+", default=list(BANDS), choices=BANDS)
    parser.add_argument("--latency-n", type=int, default=4, help="real-time utterances/condition")
    parser.add_argument(
        "--kinds",
        nargs="+",
        default=[k for k in KINDS if k != "phone_line"],
        choices=KINDS,
        help="which kinds of utterance to run (the CPU before/after uses all; phone_line, "
        "numbers35's, only when named, so earlier rounds' default runs repeat)",
    )
    parser.add_argument("--no-context", action="store_true", help="domain LM for every turn")
    parser.add_argument(
        "--repair",
        choices=REPAIRS,
        default="check",
        help="how a misheard number is repaired in groups (see Runner.repair_groups)",
    )
    parser.add_argument(
        "--one-at-a-time-after",
        type=int,
        default=ONE_AT_A_TIME_AFTER,
        metavar="N",
        help="rejected readings of a group after which the caller says it one digit at a "
        "time, as the dialogue asks (0: never, the previous model)",
    )
    parser.add_argument(
        "--first-reading",
        choices=("dialogue", "groups", "doubt"),
        default="dialogue",
        help="after a first reading of fewer or more than ten digits (or none), go on as the "
        "dialogue does (the rest asked for, or the whole number again), or straight to "
        "groups (the previous model); see Runner.repair_number; ``doubt``: every first reading "
        "as the dialogue weighs it now, a doubted number asked again (Runner.doubt_flow)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the CPU before/after")
    parser.add_argument("--tune", action="store_true", help="print the margin sweep and stop")
    parser.add_argument(
        "--decoder", nargs="*", default=[], metavar="KEY=VALUE", help="pocketsphinx settings"
    )
    parser.add_argument(
        "--digit-warps",
        nargs="*",
        type=float,
        default=[],
        metavar="FACTOR",
        help="frequency warps a digit turn is decoded with again (best score wins)",
    )
    parser.add_argument("--digit-warps-on", choices=("repair", "all"), default="repair")
    parser.add_argument(
        "--no-digit-variants",
        action="store_true",
        help="grammar searches without the digit words' extra pronunciations (the previous)",
    )
    parser.add_argument(
        "--yes-gaps",
        action="store_true",
        help="check every yes answer at no margin and print its yes-over-no gap, by the side "
        "said: the data to set recognizer.YES_OVER_NO from (decisions as with no check)",
    )
    parser.add_argument(
        "--no-yes-check",
        action="store_true",
        help='take a yes that sounds like a no ("okay") without checking it (the previous)',
    )
    parser.add_argument(
        "--repeated-groups",
        action="store_true",
        help="decode a group said again with its earlier tries together (opt-in)",
    )
    parser.add_argument(
        "--high-voice-warp",
        type=float,
        default=rec.HIGH_VOICE_WARP,
        metavar="FACTOR",
        help="the warp a call takes once the caller's pitch shows a high voice",
    )
    parser.add_argument(
        "--low-voice-warp",
        type=float,
        default=rec.LOW_VOICE_WARP,
        metavar="FACTOR",
        help="the warp a call takes once the caller's pitch shows a low voice (1.0: none, "
        "the previous)",
    )
    parser.add_argument(
        "--no-time-with-answer",
        action="store_true",
        help="drop a time said with a yes or no, as before the voiceyes round "
        "(RecognizerConfig.time_with_answer off)",
    )
    parser.add_argument(
        "--no-unheard-goodbye",
        action="store_true",
        help="keep a yes/no grammar's goodbye the domain LM did not hear, as before the "
        "voicecalls5 round (RecognizerConfig.unheard_goodbye off)",
    )
    parser.add_argument(
        "--grammar-beams",
        action="store_true",
        help="wider search beams for the grammar decoder (opt-in)",
    )
    parser.add_argument(
        "--voice-set",
        choices=("blind", "flite"),
        default=None,
        help="the split's phrasings said by a held-out voice set of the voice calls "
        "(bench.dialogue --voice-set): measure on it, never tune",
    )
    parser.add_argument(
        "--weak-digit",
        type=float,
        default=None,
        help="RecognizerConfig.weak_digit: an agreed number with a digit Whisper was less "
        "sure of is marked weak (0: never; default: the product's)",
    )
    parser.add_argument(
        "--sure-whisper",
        type=float,
        default=None,
        help="RecognizerConfig.sure_whisper: Whisper's ten digits stand where it was at least "
        "this sure of each digit differing from the grammar's within one 3-3-4 group "
        "(0: never; default: the product's, off)",
    )
    parser.add_argument(
        "--heard-twice-sure",
        type=float,
        default=None,
        help="RecognizerConfig.heard_twice_sure: a number only Whisper read, in both hearings, "
        "is agreed where it was at least this sure of every digit in one of them (0: never)",
    )
    parser.add_argument(
        "--no-group-witnesses",
        action="store_true",
        help="RecognizerConfig.group_witnesses off: a group turn hands on its own reading, "
        "whatever earlier turns heard of that group (before numbers33)",
    )
    parser.add_argument(
        "--read-back-sure",
        type=float,
        default=None,
        help="RecognizerConfig.read_back_sure: Whisper's own ten digits stand (read back as "
        "any new caller's number) where it was at least this sure of every digit (0: never; "
        "default: the product's)",
    )
    parser.add_argument(
        "--read-back-uncontested",
        action="store_true",
        help="RecognizerConfig.read_back_uncontested on: one reader's number no other reader "
        "heard otherwise is read back, a yes taking it, not asked again (numbers38; on by "
        "default since numbers39)",
    )
    parser.add_argument(
        "--no-read-back-uncontested",
        action="store_true",
        help="RecognizerConfig.read_back_uncontested off: every one reader's number asked again",
    )
    parser.add_argument(
        "--uncontested-sure",
        type=float,
        default=None,
        help="RecognizerConfig.uncontested_sure: how sure Whisper must be of each digit of an "
        "uncontested number no pocketsphinx reading puts at its place (0: no check; default: "
        "the product's)",
    )
    parser.add_argument(
        "--no-line-number",
        action="store_true",
        help="RecognizerConfig.line_number off: a number said inside another line is not "
        "checked by the number grammar on its stretch (the numbers35 round's ablation)",
    )
    parser.add_argument(
        "--witnessed-sure",
        type=float,
        default=None,
        help="RecognizerConfig.witnessed_sure: Whisper's own ten digits are agreed where "
        "each digit the grammar's free reading wrote otherwise (at most three) was at least "
        "this sure (0: never, before numbers34; default: the product's)",
    )
    parser.add_argument(
        "--denoise",
        choices=rec.DENOISE_MODES,
        default=None,
        help="RecognizerConfig.denoise: at a digit turn on a noisy line, filter the noise out "
        "of what Whisper hears, what pocketsphinx hears, or both (default: the product's)",
    )
    parser.add_argument(
        "--denoise-below",
        type=float,
        default=None,
        help="RecognizerConfig.denoise_below: the line's estimated speech-to-noise ratio (dB) "
        "under which a digit turn is filtered (default: the product's)",
    )
    parser.add_argument(
        "--no-caller-warp",
        action="store_true",
        help="no warp for any caller, no pitch tracked (before the high-voice warp)",
    )
    parser.add_argument(
        "--second-opinion",
        choices=("whisper", "whisper-all", "none"),
        default="whisper",
        help="a second recogniser reads digit turns again (Whisper tiny.en; the product's "
        "default, Settings.offline_second_opinion); whisper-all: also open requests and "
        "numbers said in passing (the product's default); none: the grammar alone",
    )
    parser.add_argument(
        "--second-opinion-on",
        choices=rec.SECOND_OPINION_ON,
        default="groups",
        help="which digit turns it reads: whole numbers only (the previous), repair groups "
        "too (the default), or always (also where the domain LM won)",
    )
    parser.add_argument(
        "--yes-no-opinion",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ask the second recogniser whether a yes the domain LM did not confirm was a no "
        "(default: the recogniser's default)",
    )
    parser.add_argument(
        "--narrowband-opinion",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="on a line found narrowband, Whisper's reading of every turn first "
        "(default: the recogniser's default)",
    )
    parser.add_argument(
        "--trace-turns",
        action="store_true",
        help="record every caller turn of each number (what was asked, each reader's "
        "digits, the reading kept, the answer to its read-back) in the result",
    )
    parser.add_argument(
        "--flush",
        choices=("vad", "tail"),
        default="vad",
        help="vad: each turn flushed where the session's Silero VAD ends its speech (0.5 s "
        "into the pause after it, the stream hearing the line on); tail: 0.3 s of silence "
        "after the clip, then the flush (the bench before the yesno25 round)",
    )
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument(
        "--out", default=str(Path(__file__).resolve().parent / "results" / "stt_eval.json")
    )
    args = parser.parse_args(argv)
    result = asyncio.run(amain(args))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
