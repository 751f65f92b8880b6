"""The synchronous recognition core: pocketsphinx decoders and one audio stream's state.

Runs inside a recognition worker process (:mod:`.recognition_worker`), never on the event
loop: pocketsphinx holds the GIL while it decodes. Nothing here imports livekit; results
are plain :class:`Event` tuples that :mod:`.stt` turns into ``SpeechEvent``s.

Per stream (:class:`StreamRecognizer`):

* 16 kHz mono int16 audio arrives in chunks (about 100 ms) with the caller's current
  expectation. A precomputed noise table (no per-frame random numbers) gives the audio a
  low floor: pocketsphinx's noise-removal front end misbehaves on exact digital silence.
* pocketsphinx's endpointer segments speech; at the start of an utterance the expectation
  picks the search: the domain n-gram LM for open requests and names, or a grammar
  (:mod:`.grammars`) for a phone number, a digit group, yes/no, a day and time, a code or
  spelled letters.
* In a grammar turn the domain LM decodes the same audio in a second decoder. A grammar
  forces whatever is said into its own words ("actually I want to cancel" -> "two nine one
  eight..."), so the grammar result is kept only when its path score beats the domain
  LM's by a margin (per search, tuned on a tuning set: see bench/stt_eval.py); otherwise the
  domain result is used. Both decoders see identical frames, so their scores compare.
  A yes/no turn that holds far more speech than any answer (:func:`said_more_than_an_answer`:
  "yes, that's fine, my number's ...") is the domain LM's whatever the scores, and a number
  said in it is re-decoded by the number grammar as in an open turn.
* A phone expectation may carry the readings the caller already rejected ("no" to "six
  one seven?"): the turn's grammar is then one that leaves them out (built on demand,
  :func:`.grammars.excluding_phone_grammar`, and kept per decoder set), so the recogniser
  returns its best reading that is not one of them; a voice is misheard the same way every
  time it is asked, and the next best reading is often the right one. A domain-LM result
  that is a rejected reading never wins over the grammar's.
* The digit grammars give digit words a few extra pronunciations
  (:data:`.grammars.DIGIT_VARIANTS`: "seven" as S IH V AH N, "six" as S IY K S...), as
  words of their own in the grammar decoder's dictionary, for voices the en-us model
  otherwise hears as other digits; :func:`clean` writes them back as digits. The domain
  LM and the other grammars use cmudict's pronunciations alone.
* Optionally (``repeated_groups``, off by default: no held-out gain), a group of a number
  said again after the caller rejected what was heard is decoded together with the earlier
  tries of it (:meth:`Utterance.repeated`: the reading that fits all tries at once).
* Optionally (``digit_warps``, off by default: the CPU), a digit turn is decoded again at
  a few vocal-tract-length (frequency) warps and the best-scoring reading is kept.
* A caller with a high voice (median pitch of their first voiced second or so at or above
  :data:`HIGH_VOICE_F0`, :class:`PitchTracker`) is heard with the decoders' front end
  frequency-warped by :data:`HIGH_VOICE_WARP` (vocal-tract-length normalisation, chosen once
  per call): the en-us model hears higher formants better scaled down. The utterance in
  which the pitch becomes known starts again warped there and then (while the caller is
  still speaking); the rest of the call costs nothing extra. A caller with a low voice
  (below :data:`LOW_VOICE_F0`) is warped the other way, by :data:`LOW_VOICE_WARP`. The
  decoders' path scores (normalised per frame by the best senone) did not choose a warp
  well (classic maximum-likelihood VTLN): the domain model's scores of a tuning voice's 16
  utterances, decoded at warps 0.88-1.12, moved 1-7 %, and the warp they chose per voice
  took the tuning split's numbers from 13 to 16 of 32 clean but 10 to 7 at 20 dB.
* The general English LM is not run by default (80 % of the CPU for no in-domain gain);
  with ``fallback`` it re-decodes an utterance only when the domain pass heard nothing.
* Narrowband input (a phone line: 8 kHz, or 300-3,400 Hz content resampled up) is detected
  from the input rate or from the energy just above the telephone band in voiced audio, and
  reported with a ``line`` event when first known and whenever it changes.
"""

from __future__ import annotations

import json
import logging
import math
import re
import time
from collections import OrderedDict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from datetime import time as dt_time
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt

from voice_agent.adapters.offline import (
    denoise,
    free_opinion,
    grammars,
    name_opinion,
    narrowband,
    number_parts,
    second_opinion,
    spelled_names,
)
from voice_agent.adapters.offline.resampling import StreamResampler
from voice_agent.domain.datetimes import find_date, find_time
from voice_agent.domain.errors import DomainError, InvalidPhoneNumber
from voice_agent.domain.listening import (
    ANSWER_UNCLEAR,
    NAME_DOUBTED,
    NAME_UNHEARD,
    NUMBER_ONE_READER,
    NUMBER_UNCONTESTED,
    NUMBER_UNSURE,
    UNCLEAR_NAME,
    Expectation,
    Listening,
    weak_mark,
)
from voice_agent.domain.phone import normalize_phone
from voice_agent.domain.spoken_numbers import spoken_digits

logger = logging.getLogger(__name__)

WEAK_DIGIT = 0.0
"""The default :attr:`RecognizerConfig.weak_digit`: off. 0.8 was chosen on the tuning split
(bench/README.md, voicenum8: numbers both readers agreed on and got wrong 2 -> 0 of 256 said,
right numbers asked again 43 of 103 agreed on) and caught nothing on the held-out voices
(blind, flite: 0 of 1 agreed-but-wrong) while asking 18 of their 57 agreed right numbers
again; right numbers asked again were already the first cause of lost recorded calls (19 of
65, voicecalls5). Every new number is still read back before an account is opened."""

SURE_WHISPER = 0.0
"""The default :attr:`RecognizerConfig.sure_whisper`: off. 0.9 (voice16, bench/README.md)
took 4 more right first hearings of 64 on the tuning dump, by replaying the rule on main's
readings, and changed nothing held-out; the wrong-number case it must never pass, one group
misheard ("oh one nine four" as "four one nine four"), is exactly the shape it admits. Kept
as a measured opt-in until a held-out set shows a gain with no wrong number taken."""

READ_BACK_SURE = 0.9
"""The default :attr:`RecognizerConfig.read_back_sure` (voice24, bench/README.md)."""

UNCONTESTED_SURE = 0.85
"""The default :attr:`RecognizerConfig.uncontested_sure` (numbers39, bench/README.md)."""

HEARD_TWICE_SURE = 0.75
"""The default :attr:`RecognizerConfig.heard_twice_sure` (numbers23, bench/README.md)."""

WITNESSED_SURE = 0.95
"""The default :attr:`RecognizerConfig.witnessed_sure` (numbers34, bench/README.md): on
the tuning split's whole-number hearings (five dumps, 40 one reader's or unsure with
Whisper's ten digits) it agreed 4 of 30 right ones and none of the 10 wrong; at 0.9 one
wrong (en-us+klatt2 at 10 dB, "8135566554" for 8139566594, its least sure digit the
grammar did not share 0.91)."""

SPLIT_DIGIT_SURE = WITNESSED_SURE
"""The default :attr:`RecognizerConfig.split_digit_sure` (numbers42, bench/README.md): as
sure as Whisper must be of a digit the grammar put otherwise for its ten to stand
(:data:`WITNESSED_SURE`)."""

WITNESS_APART_MAX = 3
"""The most digits the grammar's free reading may put otherwise than Whisper's ten for
its other digits to count as a second reading of the same number
(:func:`witnessed_or_sure`): a reading further apart is of other digits, and where it
matches Whisper it matches by chance."""

DENOISE_OFF = "off"
DENOISE_WHISPER = "whisper"
DENOISE_SPHINX = "sphinx"
DENOISE_BOTH = "both"
DENOISE_MODES = (DENOISE_OFF, DENOISE_WHISPER, DENOISE_SPHINX, DENOISE_BOTH)
DENOISE = DENOISE_OFF
"""The default :attr:`RecognizerConfig.denoise`: off. Both readers filtered lifted the tuning
split at 10 dB SNR (numbers right in one turn 25 -> 37.5 %, with the repair turns 62.5 ->
81.2 %) and not the held-out voices (one run: 40 -> 40 %, 70 -> 65 %; numbers30,
bench/README.md): a measured opt-in until a held-out run shows a gain."""
DENOISE_BELOW = 15.0
"""The default :attr:`RecognizerConfig.denoise_below` (dB): the tuning split's 10 dB lines
are estimated at about 11 dB, its 20 dB lines at about 20."""

SAMPLE_RATE = 16000
BYTES_PER_SAMPLE = 2
SLICE_BYTES = int(0.05 * SAMPLE_RATE) * BYTES_PER_SAMPLE
FRAME_BYTES = SAMPLE_RATE // 100 * BYTES_PER_SAMPLE
"""Bytes of one 10 ms decoder frame (word segments are given in frames)."""
NOISE_TABLE_SECONDS = 1.0
DEFAULT_CMNINIT = "51,-3,-4,12,-10,-2,-7,-5,-4,-5,5,-5,-3"
"""Typical cepstral mean of speech over the noise floor (measured on the warm decoder after
a few dozen utterances)."""

DEFAULT_MARGINS: dict[str, float] = {
    "phone10": 0.6,
    "phone": 0.05,
    grammars.YES_NO_SEARCH: 0.3,
    grammars.DATE_TIME_SEARCH: 0.2,
    grammars.CODE_SEARCH: 0.25,
    grammars.SPELLING_SEARCH: 0.1,
    grammars.NAME_SEARCH: 0.1,
}
"""Natural-log score margin by which a grammar must beat the domain LM on the same audio
(keys: search name; "phone" covers the digit-group grammars). Tuned with
``python -m bench.stt_eval --split tuning --tune`` (8 voices, sentences and noise seeds disjoint
from the held-out set; clean, 20 and 10 dB SNR; 48 in-grammar utterances per search and
15-18 free requests said instead): a whole number 0.6 (kept every number the grammar got
right, caught 15/15 free requests); digit groups 0.05 (as good as the grammar alone; no
free-request data: the caller was just asked for three digits); date/time 0.2 with
:func:`same_date_or_time` (0.3 alone: 44 % vs 46 % for the grammar alone and 17 % for the
domain LM, 87 % caught); yes/no 0.3 with
:func:`answered` (83 % vs 90 % for the grammar alone, 89 % caught instead of 17 %: a "yes"
forced out of "actually, I want to cancel" must not confirm anything). Code (0.25) and
spelling (0.1) come from a spot check of 3 voices (spelled letters 0.13-0.34 above the
domain LM, free requests 0.05-0.31), not from the tuning set. Names 0.1 (``python -m
bench.stt_names --split tuning``: 8 tuning voices, 48 census names, 24 other lines): 9/48
names exact and 17/48 first names at 0.05-0.1, 6 and 8 at 0.2; other speech said at a name
turn kept out 12/24 at 0.0, 16/24 at 0.05, 20/24 at 0.1, 24/24 at 0.2. At a name turn a name
is by far the likeliest answer, and the domain LM hears almost no names (0 of 48)."""

YES_OVER_NO: dict[str, float] = {"okay": 0.08, "perfect": 0.06}
"""Yes answers of the yes/no grammar that sound like a no, and the natural-log path score
by which the turn's audio decoded with the yes answers only must beat it decoded with the
no answers only for such an answer to stand (:meth:`Utterance._sure_yes`). "okay" shares
"no"'s vowel and length: on the tuning split (8 voices, each saying all 12 of its yes/no
answers, clean and at 20 dB SNR, one run) "nope", "no" and "that's wrong" heard as "okay"
were 8 of the 9 no answers heard as a yes; their yes-over-no gaps were -0.037 to 0.031,
those of the 16 "okay"s said 0.052 and up. The other yes answers are not checked: at a
margin of 0 the check turned 3 of 66 of them into a no to catch 1 more no.
Re-tuned (voice12 round) once the grammar took "no no wait", "nope the other one" and the
like: ``python -m bench.stt_eval --split tuning --kinds yes_no yes_real --yes-gaps`` (clean,
20 and 10 dB SNR, one run) heard 6 no answers as "okay" (gaps -0.011 to 0.062: 0.04 let 2
through) and 1 as "perfect" (0.002); the yes answers heard as them, 0.083 and up but for two
"okay"s below 0, which no margin of 0 or more keeps. Those no answers were taken out of the
grammar again at the merge (the no-only search then decoded a clear "okay" as nothing, and a
check with no no-side reading lets the yes stand); the wider margins stay: a margin errs
towards asking again."""
GENERAL_MARGIN = 0.05
"""Log-score margin by which the general LM must beat the domain LM (``general_always``)."""

NARROWBAND_RATE = 11025
"""Input at or below this sample rate is narrowband whatever it contains."""
NARROWBAND_RATIO_DB = -40.0
"""Voiced audio whose energy in 3.55-4.45 kHz is this far below its 300-3,400 Hz energy is
band-limited. That band is empty in phone audio however it was resampled to 16 kHz (a
linear resampler mirrors 3.4 kHz to 4.6 kHz, leaving the gap): measured on 5 espeak voices,
wideband speech -13 to -23 dB clean or at 20/10 dB SNR, phone-band speech -75 to -85 dB."""
NARROWBAND_MIN_VOICED = 0.6
"""Seconds of voiced audio needed before judging the line."""

HIGH_VOICE_F0 = 160.0
"""A caller whose median voice pitch (Hz) is at or above this has a high voice: about where
men's and women's speaking pitch meet (85-155 and 165-255 Hz). :class:`PitchTracker` reads
the tuning side's espeak voices at 90-111 Hz (male variants) and 182-265 Hz (female
variants, which also raise the formants 10-35 %), clean and at 20 dB SNR."""
HIGH_VOICE_WARP = 1.24
"""The frequency warp (pocketsphinx ``inverse_linear``: a frequency f is read as f / warp)
for a caller with a high voice, chosen once per call from the caller's pitch
(:class:`PitchTracker`); 1.0 leaves every caller unwarped. Chosen on the tuning side
(``python -m bench.stt_eval --split tuning_high --per-voice 8 --kinds phone yes_no date_time
request --conditions clean snr20 --bands wide --latency-n 0 --no-baseline``, 4 female
voices, 32 items of each kind per condition, one run each), clean / 20 dB SNR:

=======  ===========  ===========  ===========  ===========
warp     number       with repair  day+time     request WER
=======  ===========  ===========  ===========  ===========
none     44 / 19 %    84 / 38 %    72 / 38 %    24 / 24 %
1.12     50 / 16 %    88 / 47 %    88 / 34 %    18 / 22 %
1.18     47 / 13 %    88 / 53 %    88 / 31 %    15 / 20 %
1.24     50 / 31 %    88 / 63 %    94 / 44 %    18 / 18 %
1.30     56 / 22 %    91 / 59 %    94 / 44 %    18 / 12 %
=======  ===========  ===========  ===========  ===========

yes/no 91-97 % throughout. espeak's female variants raise the formants 10-35 %, more than
people's 15-20 %; 1.24 rather than 1.30 for a man whose pitch is taken for a woman's: the
seven male tuning voices all warped by 1.12 had numbers 11 -> 12 and 9 -> 8 of 28, days
21 -> 20 and 19 -> 16 (clean / 20 dB), so a low voice is left alone."""
LOW_VOICE_F0 = 97.0
"""A caller whose median voice pitch (Hz) is below this has a low voice: the bottom of men's
speaking range. :class:`PitchTracker` reads the tuning side's espeak male voices at their
usual pitch at 101-107 Hz and the same voices set lower (pitch 30-40) at 82-94 Hz."""
LOW_VOICE_WARP = 0.88
"""The frequency warp for a caller with a low voice (:data:`LOW_VOICE_F0`): formants read
higher, as for a longer vocal tract than the model's average speaker. Chosen on the tuning
side: ten low male voices (en+m1, en-us+m4/m5/m6/m8, en-us-nyc+m8, en-gb-x-gbclan+m4,
en+m6, en-us+klatt2, en-gb-scotland+m8 at espeak pitch 30-40; median pitch 82-94 Hz), each a
call of an opening request and six 10-digit numbers said in groups, exact numbers clean /
20 dB SNR, one run each (``python -m bench.stt_warps --set low``): unwarped 36 /
16 of 60, 0.92 39 / 19, 0.88 43 / 19, 0.85 43 / 19. The same fixed 0.88 for the tuning split's
voices at their usual pitch (101-107 Hz) moved them -2 to +1 each: left alone. On
``--set tuning`` (16 voices, 96 numbers; two of them, en+m1 and en-us+m8, low) the rule took
exact numbers 42 -> 46 clean and 20 -> 19 at 20 dB (en-us+m8 2 -> 1 of 6)."""
GRAMMAR_BEAMS: dict[str, float] = {"beam": 1e-60, "wbeam": 1e-50, "pbeam": 1e-60}
"""Wider search beams for the grammar decoder (pocketsphinx's defaults: 1e-48, 7e-29,
1e-48), with :attr:`RecognizerConfig.grammar_beams`. On the tuning side (``python -m
bench.stt_warps --set tuning``: 16 voices, 96 numbers, one run each, load 4-5) exact numbers
46 -> 51 clean and 19 -> 22 at 20 dB SNR, digits wrong 150 -> 132 and 271 -> 247, recognition
CPU 0.087 -> 0.090 and 0.079 -> 0.098 s per audio second (the same beams on every decoder:
51 clean at 0.141)."""
PITCH_VOICED_SECONDS = 0.8
"""Seconds of voiced audio the pitch estimate needs (a caller's first second or two)."""


class Event(NamedTuple):
    """What a stream reports; ``kind`` is start, interim, final, end, usage or line."""

    kind: str
    text: str = ""
    confidence: float = 0.0
    start: float = 0.0
    end: float = 0.0
    source: str = ""
    value: float = 0.0  # usage: audio seconds; line: 1.0 narrowband, 0.0 wideband


@dataclass(frozen=True)
class RecognizerConfig:
    """Everything a worker needs to build decoders; picklable, compared by value."""

    hmm: str
    domain_lm: str
    dict_path: str
    grammar_dict_path: str | None = None
    """The grammar decoder's dictionary (``dict_path`` when None): the same words plus the
    digit grammars' pronunciation words (:data:`.grammars.VARIANT_WORDS`), which the domain
    language model does not know."""
    general_lm: str | None = None
    general_dict: str | None = None
    general_always: bool = False
    """Decode every utterance with the general LM too, and use it when its score beats the
    domain LM's by GENERAL_MARGIN (the previous default; about 5x the CPU)."""
    cmninit: str = DEFAULT_CMNINIT
    noise_floor: float = 20.0
    padding: float = 0.3
    interim_interval: float = 0.25
    endpoint_window: float = 0.6
    endpoint_ratio: float = 0.9
    lead_in: float = 1.5
    """Seconds of audio from before the endpointer's start of speech an utterance may take
    back (:meth:`StreamRecognizer._lead_in`; 0: none, the previous). The endpointer starts
    speech where nine tenths of its window are speech, so a first word followed by a short
    pause ("six, two one ...") was cut off: on the tuning split a fresh endpointer started
    0.4 s late for en-us+m5 and 0.9-1.2 s late for en-gb-scotland, clean or at 20 dB, and
    their numbers were heard without their first digit, in groups too ("if" for "six two
    six", three times)."""
    lead_in_gap: float = 0.4
    """The pause that ends the lead-in, going back: speech before a longer pause is not
    taken back (a comma's pause after a first digit, "six, two one ...", is about 0.35 s)."""
    context: bool = True
    number_in_request: bool = True
    """Re-decode a run of digits heard in an open turn with the number grammar
    (:func:`number_run`); needs ``context``."""
    margins: tuple[tuple[str, float], ...] = tuple(DEFAULT_MARGINS.items())
    decoder_config: tuple[tuple[str, Any], ...] = ()
    digit_warps: tuple[float, ...] = ()
    """Frequency warps (pocketsphinx ``inverse_linear`` factors) a digit turn's audio is
    decoded with again after the unwarped pass; the reading with the best path score wins
    (see :meth:`Utterance.warped`). Off by default: each warp is one more grammar pass
    (about 0.04 s of CPU per second of digit audio) and the default path has no room for it.
    On the tuning split (8 voices, 32 whole numbers per condition, the 10-digit grammar
    alone, in each voice's call order) exact numbers went 8 -> 10 clean and 6 -> 8 at 20 dB
    SNR with warps (0.84, 1.06), 10 and 6 with (0.9, 1.06); one warp alone gave +1 / +0; the
    best fixed warp per voice, chosen knowing the answers, 12 and 9. Warping cannot reach the voices
    the acoustic model fails on (en-gb-scotland, en+m1, en-029+m2: 0 of 4 at every warp
    from 0.84 to 1.22)."""
    yes_over_no: tuple[tuple[str, float], ...] = tuple(YES_OVER_NO.items())
    """Yes answers checked against the no answers, and their margins (:data:`YES_OVER_NO`);
    empty: none is."""
    repeated_groups: bool = False
    """Decode a group of a phone number said again after the caller rejected what was heard
    together with the earlier tries of it (:meth:`Utterance.repeated`). Off by default: on
    the tuning split it repaired 1 more number of 16 on clean audio (87.5 -> 93.8 %) and none
    at 20 dB SNR; on the held-out voices (3 runs each way, with the caller saying a group
    one digit at a time after three rejected readings in both) numbers with repair stayed
    at 95 % clean with fewer caller turns (3.6 -> 3.3 per number) but went 90 -> 85 % at 20
    dB, and recognition CPU rose about 6 % clean and 17 % at 20 dB (see bench/README.md)."""
    digit_warps_on: str = "repair"
    """Which digit turns get :attr:`digit_warps`: "repair" (a group asked for again, with
    readings the caller rejected; the tuning split's numbers with repair went 71 -> 83 %
    clean and 54 -> 50 % at 20 dB, one run each) or "all"."""
    high_voice_warp: float = HIGH_VOICE_WARP
    """The warp a call's decoders take once the caller's pitch shows a high voice
    (:data:`HIGH_VOICE_WARP`, :class:`PitchTracker`); 1.0: never warped (no pitch tracked)."""
    high_voice_f0: float = HIGH_VOICE_F0
    second_opinion: str | None = None
    """A second recogniser for a whole phone number (:mod:`.second_opinion`: "whisper"),
    whose reading replaces the grammar's when it hears exactly ten digits; "whisper-all":
    also open requests, day/time turns and numbers said in passing (:mod:`.free_opinion`);
    None: none (the product turns it on through ``Settings.offline_second_opinion``)."""
    opening_opinion: bool = True
    """With :attr:`second_opinion` "whisper", Whisper reads a call's opening request again too
    (:mod:`.free_opinion`, as "whisper-all" reads every open turn): the open turns before
    the dialogue first asks for anything in particular, where a call says what it wants
    and often the day and time ("do you have anything thursday afternoon" came back from
    the domain LM "... sunday the afternoon" and the agent said the clinic is closed at
    weekends). One Whisper read per call, so the waits "whisper-all" adds to every open
    turn (bench/README.md, "whisper-all kept opt-in") fall on the first answer only."""
    second_opinion_on: str = "groups"
    """Which digit turns :attr:`second_opinion` reads again (:data:`SECOND_OPINION_ON`):
    "whole" numbers only (the previous), "last_four" (and the last group of a repair), or
    "groups" too (a group of 3 or 4 digits asked for in a repair), or "always": also where
    the domain LM's reading won over the grammar's in such a turn."""
    number_waits: int = 1
    """Other callers' utterances a whole phone number's reads (the whole-number turn's, and
    the opening request's, where a number is often said) may wait behind beyond
    :data:`.second_opinion.MAX_WAITING` (:func:`.second_opinion.patient`). Skipped, the
    grammar's number is unsure however right, and asked for again, a turn a recorded call
    cannot answer (two recorded calls at a time share a worker: bench/README.md, "voice9").
    0: the number's reads skip as every other read does."""
    second_opinion_yes_no: bool = True
    """Ask :attr:`second_opinion` whether a yes the domain LM did not confirm, or a yes/no
    turn the domain LM won with a few garbled words, was a no
    (:meth:`Utterance._answer_opinion`, :meth:`Utterance._garbled_answer`); whether a
    garbled turn was the side the grammar heard, and a no the domain LM did not hear was a
    yes, then asked again (:meth:`Utterance._settled_answer`): never a no made a yes on
    Whisper's word alone."""
    keep_readings: bool = False
    """Send each utterance's readings (every reader's words, :attr:`Utterance.readings`) to
    the engine as a ``readings`` event before its final: a bench's own output file shows
    which reader heard what (``Settings.offline_keep_readings``, which the recorded-calls
    bench sets). Never logged (transcripts are PII)."""
    second_opinion_names: bool = True
    """Ask :attr:`second_opinion` at name turns (:meth:`Utterance._name_opinion`,
    :mod:`.name_opinion`)."""
    unclear_names: bool = False
    """At a name turn Whisper read, a name :func:`.name_opinion.unclear` cannot vouch for is
    handed to the dialogue as :data:`~voice_agent.domain.listening.UNCLEAR_NAME` (the
    account is opened as "Unknown Caller" for the staff to name) instead of as a name.
    Opt-in. voice31 turned it on (a wrong name the recorded calls' "yes" confirmed - "mia
    michalski" for Vera Kowalski - is worse than a right one left for staff; the rule
    ``close_or_sure`` keeps a census name Whisper wrote surely, the demo's "Sarah Johnson");
    the thirtieth round's recorded calls turned it off again: it left three right names
    ("Maggie Thornton", "Eli Rosen", "Harriet Vance") for staff that the name's read-back
    ("I have your name as ... Is that right?") would have let the caller confirm or refuse
    (stranger calls 10/30 -> 7/30 on that alone), and on the tuning names it took 5 right of
    16. Without it the read-back is the guard: a live caller says no to a wrong name. The
    "close" rule (names written differently but alike by ear vouch for each
    other) spares 4 of 10 right names on tuning where "both" spared 2, but 0 of 5 held-out
    right names, as "both" (bench/README.md, namespell); and a render of the README demo
    whose grammar heard "sarah dodson" (the quick-start test names such renders) where
    Whisper wrote "Sarah Johnson" is unclear under it, which fails the demo's booking."""
    doubted_names: bool = True
    """Where :attr:`unclear_names` is off, a name :func:`.name_opinion.unclear` cannot vouch
    for is handed on with :data:`~voice_agent.domain.listening.NAME_DOUBTED`: the dialogue
    reads it back on its own question, never inside the booking question, and leaves it for
    staff where the caller goes on without a yes (names37: the three wrong names main's
    recorded calls registered were each agreed by a yes to "I have your name as ... Shall I
    book ...?"). Right names the readers vouch for are read back as before."""
    resolve_spelling: bool = True
    """At a spelling turn, the letters heard (and Whisper's reading of them) are resolved to
    a census name (:func:`.spelled_names.choose`), and a spelling that resolves to none is
    :data:`~voice_agent.domain.listening.UNCLEAR_NAME`; off: the letter grammar's letters as
    heard, split into a census first and last name where they make one (as before)."""
    low_voice_warp: float = LOW_VOICE_WARP
    """The warp a call's decoders take once the caller's pitch shows a low voice
    (:data:`LOW_VOICE_WARP`); 1.0: a low voice is not warped."""
    low_voice_f0: float = LOW_VOICE_F0
    narrowband_opinion: bool = False
    """On a line found narrowband (a phone line), a yes/no answer takes Whisper's side either
    way (:mod:`.narrowband`); needs :attr:`second_opinion`. Opt-in: it gained on the tuning
    split but not on the held-out voices, where it made two wrong yeses at 20 dB SNR."""
    weak_digit: float = WEAK_DIGIT
    """A whole number both readers agreed on, one of whose digits Whisper was less sure of
    than this (:func:`.second_opinion.digit_probability`), is handed on as doubtful
    (:data:`~voice_agent.domain.listening.NUMBER_WEAK`, naming its doubtful group): a
    read-back's yes cannot vouch for it. 0: never."""
    sure_whisper: float = SURE_WHISPER
    """Whisper's own ten digits the grammar decoder did not share (one reader's,
    :meth:`Utterance.weigh_number`) are handed on as agreed where Whisper was at least this
    sure (:func:`.second_opinion.digit_probability`) of every digit its reading and the
    grammar's free reading put differently: the grammar's other digit there was weighed by
    Whisper itself and lost. A recorded caller (and many live ones) does not say the number
    again, so one reader's number asked again was the first cause of lost recorded calls
    (voice15 census). 0: never (one reader's, asked again before an account is opened)."""
    number_in_groups: bool = True
    """At a whole-number turn, where the caller gave only the first group or two of the
    number ("Sure, it's 646 555", the rest said next), hand on the digits Whisper's digit
    reader wrote rather than the ten the number grammar forced out of them
    (:meth:`Utterance.groups_said`): the dialogue then asks for the rest, as it does for a
    group the domain LM heard. Off: the grammar's ten digits, doubted and asked again."""
    group_fill_in: bool = False
    """Put back the digit Whisper left out of a group of a repair too, as of a whole
    number (:meth:`Utterance.filled_in`). Off by default: held-out at 20 dB SNR (three runs)
    it decoded 4 group tries a run again and put none right (en-us+m7's "646", Whisper "46", became
    "406" and "006"; "0971", Whisper "971", became "5971"; the grammar's readings were wrong
    too), numbers within repair 95 % with and without; the tuning run that would have
    shown a gain was cut short (bench/README.md, "Numbers round 3")."""
    time_with_answer: bool = True
    """At a yes/no turn the grammar won, read a day or time said with the answer
    (:meth:`Utterance._time_with_answer`): the yes/no grammar has no path for one and drops
    it ("Yes, ten o'clock please" came back "yes that works please")."""
    weekday_vote: bool = True
    """At a date/time turn whose two readers each heard one weekday, not the same one
    (:func:`either_weekday`), Whisper's transcript of the turn is the third vote
    (:func:`weekday_vouched`): the weekday it names, where it names one of the two and no
    other, is taken; else both are handed on as either, for the dialogue to ask which.
    cancel-the-thursday-one's "The one on Thursday" came back "the one on tuesday" (domain
    LM) and "at one on thursday" (grammar); asked "was that the Tuesday one or the Thursday
    one?", the recorded caller said "Yes, cancel it" and nothing was cancelled."""
    closing_over_garble: bool = True
    """At an open turn, Whisper's sentence that declines and closes ("no that's it karen")
    stands over a domain-LM reading opening with the same word whose day or time is the
    closing's garble ("no at six to yours"; :func:`closes_instead`, voice50)."""
    domain_number_in_sentence: bool = True
    """At an open turn, Whisper's sentence stands with the domain LM's phone number in it
    where that number, written short by Whisper, is all that kept the sentence out
    (:func:`.free_opinion.with_domain_number`, voice50)."""
    garbled_open_turn: bool = True
    """Where Whisper is loaded for the opening only, it reads a later open turn too when the
    domain LM's reading of it is garbled into spelled letters (:func:`spelled_garble`): "Oh
    right, thank you. Bye" to "Would you like to change it?" came back "alright on q y e"
    (Whisper: "all right thank you bye"), and the call did not end."""
    particular_open_turn: bool = True
    """Where Whisper is loaded for the opening only, it reads a later open turn too when the
    domain LM's reading of it names a day or a time of day (:func:`particular_said`): the
    turn whose day or time is proposed, read back and booked. Blind voices, the stranger
    scripts' later request lines: "Okay great. I'd like to book Monday at nine, please"
    came back "okay great i'd like to book monday at five please" in a recorded call, and
    "monday morning ten o'clock" came back "monday morning to to work" (Whisper: "monday
    morning ten o'clock"); Whisper's reading stands under the opening's checks
    (:func:`.free_opinion.prefer_whisper`), so it may name another day or hour, never drop
    one. A Whisper read (about 0.3-0.5 s of CPU) on such turns only, not on every open
    turn as "whisper-all" does (bench/README.md, "whisper-all kept opt-in")."""
    unheard_goodbye: bool = True
    """At a yes/no turn whose answer is the grammar's, drop a goodbye the domain LM did not
    hear (:func:`goodbye_unheard`): the grammar forced the rest of a longer line into one
    ("Yes, at eleven if that's okay" came back "yes that works please that's all bye"), and
    a yes with a goodbye to "Shall I book ...?" books the slot proposed and ends the call."""
    number_heard_twice: bool = True
    """A whole number the readers did not agree on (unsure, one reader's, weak), asked for
    again and heard again as one of the first hearing's readings (the grammar's, Whisper's
    or the domain LM's), Whisper's on one side and pocketsphinx's on one side, is handed on
    as agreed
    (:meth:`StreamRecognizer.heard_before`): two hearings by two recognisers of two takes.
    Without it a second hearing that differed from the first one taken started the number
    in parts, though it matched the other reader's first reading. Whisper alone on both
    sides is one recogniser twice: see :attr:`heard_twice_sure`."""
    heard_twice_sure: float = HEARD_TWICE_SURE
    witnessed_sure: float = WITNESSED_SURE
    """Whisper's own ten digits (one reader's, :meth:`Utterance.weigh_number`) are handed on
    as agreed where each digit is read by two acoustic models or Whisper alone was at least
    this sure of it (:func:`witnessed_or_sure`): the grammar's free reading of the same
    hearing, ten digits at most :data:`WITNESS_APART_MAX` apart from Whisper's, vouches for
    each digit it shares, and Whisper's probability for the rest. Where they differ Whisper
    must be surer than :attr:`read_back_sure` asks of every digit; where both models wrote
    the same digit Whisper's own doubt of it is no reason to ask again (a recorded caller
    cannot say the number again: "seven one four ..." heard "one one four ..." by the
    grammar, Whisper 0.98 sure of the 7 and 0.83 of a 5 both wrote, was asked again and the
    call lost; numbers34). 0: never."""
    group_witnesses: bool = True
    """At a group turn of a number taken in parts (the dialogue names the group,
    :attr:`~voice_agent.domain.listening.Listening.part`), a reading of that group two
    acoustic models read, or Whisper in two turns, over the call's turns taking the number
    is handed on in place of the turn's own reading where that one is not so vouched for
    (:class:`~voice_agent.adapters.offline.number_parts.PartWitnesses`; numbers33). Read back
    like any group: the caller's "no" rejects it."""
    read_back_uncontested: bool = True
    """One reader's whole number (:attr:`Result.one_reader`, Whisper's ten digits) that no
    other reader heard otherwise (:func:`contested_by`) is handed on as
    :data:`.NUMBER_UNCONTESTED`: the dialogue reads it back for the caller's yes or fix where
    no account vouches for it, rather than ask for it again (a caller who gave it answers the
    read-back they expect, "yes, that's right. Owen Bradley", and a recording cannot say it
    again: numbers37's census, three right numbers lost so). Where the domain LM's own digits
    hold the grammar's reading at a digit Whisper wrote otherwise ("... oh one nine four"
    where Whisper wrote "four one nine four"), two readers contradict it: asked again as
    before. On by default since numbers39, behind :attr:`uncontested_sure`: without that guard,
    held out at 10 dB SNR, 2 of 7 numbers so marked were wrong by one digit (numbers38,
    bench/README.md), and a recording's yes to the read-back would agree them. Off: every one
    reader's number is asked again before an account is opened."""
    uncontested_sure: float = UNCONTESTED_SURE
    """With :attr:`read_back_uncontested`: how sure Whisper must be of each digit of an
    uncontested number that no pocketsphinx reading puts at its place (:func:`alone_sure`)
    for it to be read back; a number with a doubtful digit no reader backs is asked again as
    one reader's. 0: no such check."""
    read_back_sure: float = READ_BACK_SURE
    """Whisper's own ten digits (one reader's, :meth:`Utterance.weigh_number`) are handed on
    as agreed where Whisper was at least this sure of every one of them
    (:func:`read_back_fair`), whatever the grammar made of the turn: looked up, and with no
    account on them read back as any new caller's number is ("I don't have an account under
    ... If that number is right, ..."), the caller's yes taking it and a no asking for it
    again. One reader's number was asked again at once ("could you say it once more?"): a
    caller who had given it answers the read-back they expected ("yes, that's right"), and
    a recorded call's next line holds no number, so a right number held unsure ended the
    call (the first cause of lost recorded calls, voice15 census). 0: never."""
    """A whole number only Whisper read, in both hearings (pocketsphinx's grammar and domain
    LM read other digits both times), is agreed only where Whisper was at least this sure
    (:func:`.second_opinion.digit_probability`) of every digit in one hearing or the other
    (:func:`twice_sure`); else it is handed on as :data:`.NUMBER_UNSURE` (the dialogue
    takes it in parts). 0: never agreed."""
    alike_digits: bool = True
    """The domain LM's (and Whisper's sentence reader's) sound-alike of a digit inside a run
    of digits ("two one two fine fine fine zero one zero four") is read as that digit
    (:func:`alikes_as_digits`) before any reader of its hypothesis sees it."""
    number_neighbours: bool = True
    """A whole number the readers did not both hear, Whisper's ten digits (or its nine with a
    digit of a run put back), is handed on as agreed when the grammar decoder, asked to
    choose only between it and every reading one digit away, chooses it
    (:meth:`Utterance.neighbours_confirm`); and Whisper's nine digits held in order by the
    grammar's ten count as agreement only where the grammar's extra digit repeats a
    neighbour (:func:`.second_opinion.run_shortened`), Whisper's known collapse - not a digit
    Whisper never heard ("0207555011" against "207555011": both readers agreed on a number
    the caller did not say)."""
    domain_witness: bool = True
    """At a whole-number turn, the domain LM's ten digits are agreed where Whisper's digit
    reader wrote the same digits with one of a run left out ("five five" for "five five
    five", :func:`.second_opinion.run_shortened`, its known collapse) or with the first
    written as a word (:data:`LEADING_ALIKES`: "to" for a first two): two acoustic models
    then read every digit (:func:`domain_witnessed`), as the opening already counts the
    domain LM's ten (:attr:`opening_number`). A name said before the number ("Sure, it's
    Amina Yusuf, number's 347 555 0718") the number grammar must force into digits, so its
    reading, and its choice among the fillings of Whisper's nine, vouch for nothing there,
    and the number stayed unsure - asked again, which a caller reading a script cannot
    follow (voice47, voice48: fresh69's a05, fresh70's e01). Off: such a number is weighed
    by the grammar's reading alone."""
    opening_number: bool = True
    """A call's opening request that holds digits (a phone number said with the request:
    "Hi, it's Lorraine Mitchell, my number is 207 555 0198, I need to move Thursday") is read
    again by Whisper's digit reader (:attr:`second_opinion`, whole, told the digit words, with
    how sure it was of each digit), where the readings so far left no whole number agreed
    (:meth:`Utterance.opening_number`). Its one run of ten digits, or of nine that a ten-digit
    reading of pocketsphinx's or Whisper's sentence holds with one digit of a run left out
    (:func:`.second_opinion.run_shortened`, Whisper's known collapse), stands in the
    transcript: agreed where pocketsphinx (the number grammar on the stretch, or the domain
    LM) read the same ten digits; one reader's (looked up, asked again before an account is
    opened) where only Whisper's sentence read them, or Whisper's digit reader was at least
    :attr:`read_back_sure` sure of every digit. Whisper's sentence reading of a long request
    drops a digit of "five five five" or splits the number, and the number grammar's stretch
    of the domain LM's words often starts or ends a word off, so such numbers were asked for
    again and a recorded call, whose next line holds no number, was lost (voice25 round).
    Off: the opening's number as the sentence readers heard it."""
    line_number: bool = True
    """A phone number said inside a line that is no number turn - the opening, an open
    turn, a yes/no, day/time or name answer ("Yes, three o'clock's fine. My number's 207
    555 0168") - where Whisper's sentence reader was its only reader, so it was one
    reader's or unsure and asked again, which a caller reading a script cannot follow
    (numbers35 round). Where Whisper wrote ten digits there (its sentence reader, or its
    digit reader reading the line again as at the opening, :meth:`Utterance.opening_number`)
    and pocketsphinx's own reading was no further than :data:`WITNESS_APART_MAX` digits
    from them, the number grammar is asked, on the stretch of audio where the domain LM
    put the digits (:meth:`Utterance.stretch_heard`), to choose only between Whisper's
    reading and every reading one digit away (:func:`.grammars.neighbour_grammar`): where
    it chooses Whisper's, a second acoustic model vouches for every digit and the number
    is agreed, as :attr:`number_neighbours` agrees one at a number turn. Off: such a
    number stays one reader's or unsure (and the digit reader reads the opening only)."""
    split_digit_sure: float = SPLIT_DIGIT_SURE
    """With :attr:`line_number`: where the number grammar on the stretch chose a reading one
    digit away from Whisper's ten, and pocketsphinx's other reading of the line (the domain
    LM's ten, or the grammar's own) holds every other digit of Whisper's but puts that digit
    a third way, pocketsphinx's readers disagree with each other there and with nobody else
    (:func:`split_by_sphinx`): Whisper's digit stands where its digit reader was at least
    this sure of it, and the number is agreed - each digit is then read by two acoustic
    models or by Whisper surely. name-number-tuesday-ten-one-breath's "603 555 0130": the
    domain LM "303 ...", the grammar on the stretch "203 ...", Whisper's digit reader "603"
    0.98 sure (numbers41, numbers42). 0: never; the number stays one reader's or unsure."""
    line_digit_sure: float = SPLIT_DIGIT_SURE
    """With :attr:`line_number`: where the number grammar on the stretch chose Whisper's ten
    digits over every reading one digit away, a digit none of pocketsphinx's own free readings
    of the line puts there is Whisper's alone, the grammar's forced choice against its own
    free reading: it stands only where Whisper's digit reader was at least this sure of it
    (:func:`free_witnessed`, the bar :attr:`split_digit_sure` sets for a split digit); else
    the number stays one reader's or unsure (asked again before an account is opened). A
    recorded caller's yes to the read-back of f69-b01's "212 595 0437" (said 212 555 0437,
    the 9 Whisper's sentence reader's alone) opened an account on it (wrongnum56). 0: the
    stretch's choice vouches for every digit."""
    name_with_number: bool = True
    """A whole number taken at a whole-number turn where Whisper wrote words before it
    that look like a name said first (:meth:`Utterance.name_unheard`) is handed on with
    :data:`.NAME_UNHEARD`: the caller has given their name and the recogniser could not
    read it (Whisper wrote none of 40 such names right: voice22 round), so the dialogue does
    not ask for it as if unsaid. Off: the name said with the number is dropped silently."""
    half_heard_digits: bool = True
    """A whole number Whisper wrote partly as words it half heard in noise ("I'm" for a
    five, "near" for a zero: :data:`.second_opinion.HALF_HEARD`) is read with them as digits,
    the grammar decoder choosing where a word may be more than one
    (:meth:`Utterance.half_heard`); such a reading is always unsure (asked again). Off: those
    words are dropped and the grammar's reading stands, unsure (voice11 round)."""
    ending_oh: bool = True
    """At a whole-number turn the domain LM won, an ending corrected with its "oh" lost
    ("the end is oh one four nine" heard "... the so one four nine" by the domain LM and
    "... the end before one four nine" by Whisper) is handed on with the "oh" the number
    grammar heard before those three digits (:func:`ending_oh_lost`). Off: the three digits
    go on alone, and the dialogue asks for the last four."""
    denoise: str = DENOISE
    """At a digit turn on a noisy line (the line's estimated speech-to-noise ratio below
    :attr:`denoise_below` dB, :class:`.denoise.NoiseReducer`), the utterance's audio is
    filtered (:mod:`.denoise`, the noise spectrum learned from the line between the caller's
    words) for Whisper's digit reading (:data:`DENOISE_WHISPER`), for pocketsphinx's decoders
    as it comes (:data:`DENOISE_SPHINX`), or for both (:data:`DENOISE_BOTH`); other turns,
    and quieter lines, are heard as they come. Off: no turn is filtered."""
    denoise_below: float = DENOISE_BELOW
    grammar_beams: bool = False
    """Give the grammar decoder the wider beams of :data:`GRAMMAR_BEAMS`. Off by default:
    measured on the tuning side and once on the held-out set (bench/README.md, warp2 round),
    not yet in whole recorded calls, and it raises the CPU of a grammar turn."""

    @property
    def tracks_pitch(self) -> bool:
        """Whether a call's pitch is tracked: some caller would be warped."""
        return self.high_voice_warp != 1.0 or self.low_voice_warp != 1.0

    def margin(self, search: str) -> float:
        """The margin for a search: by its name, else "phone" for any digit grammar."""
        margins = dict(self.margins)
        search = grammars.base_search(search)
        if search in margins:
            return margins[search]
        if search.startswith(grammars.PHONE_SEARCH):
            return margins.get("phone", 0.3)
        return 0.3


@dataclass(frozen=True)
class NumberReading:
    """A whole number (ten digits) one hearing's readers heard, and which acoustic model
    read it: Whisper (``sure``: its probability of each digit, where it says; 0 for a digit
    it left out) or pocketsphinx (the digit grammar or the domain LM)."""

    digits: str
    whisper: bool = False
    sphinx: bool = False
    sure: tuple[float, ...] = ()
    put_back: frozenset[int] = frozenset()
    """Where ``whisper``: the places of digits Whisper did not read itself - its nine digits
    with one the grammar put back (:meth:`Utterance.number_readings`), not a digit of a run
    it shortened (:func:`unread_digits`). Pocketsphinx alone read those."""

    def joined(self, other: NumberReading) -> NumberReading:
        """The same digits read by this reading's models and ``other``'s."""
        if self.whisper and other.whisper:
            put_back = self.put_back & other.put_back
        else:
            put_back = self.put_back if self.whisper else other.put_back
        return NumberReading(
            self.digits,
            whisper=self.whisper or other.whisper,
            sphinx=self.sphinx or other.sphinx,
            sure=self.sure or other.sure,
            put_back=put_back,
        )


def unread_digits(number: str, whisper: str) -> frozenset[int]:
    """The place of the digit of ``number`` (ten digits) that Whisper's nine ``whisper``
    left out, where it holds ``number`` in order with one digit put back: none where that
    digit is one of a run Whisper shortened ("nine nine nine" written "99",
    :func:`.second_opinion.run_shortened`: Whisper heard it, and counted it short)."""
    if len(whisper) != len(number) - 1 or second_opinion.run_shortened(number, whisper):
        return frozenset()
    return frozenset(i for i in range(len(number)) if number[:i] + number[i + 1 :] == whisper)


def _filled_sure(number: str, whisper: str, sure: Sequence[float]) -> tuple[float, ...]:
    """Whisper's probabilities of ``number``'s digits, where ``number`` is its nine digits
    ``whisper`` with one put back: 0 for the digit put back; () where it does not say."""
    if len(sure) != len(whisper):
        return ()
    skip = next(i for i in range(len(number)) if number[:i] + number[i + 1 :] == whisper)
    return (*sure[:skip], 0.0, *sure[skip:])


def twice_sure(first: Sequence[float], second: Sequence[float], threshold: float) -> bool:
    """Whether Whisper, reading the same ten digits in two hearings (``first``, ``second``:
    its probability of each digit in each), was at least ``threshold`` sure of every digit
    in one hearing or the other. False where ``threshold`` is 0 or either hearing does not
    say how sure it was."""
    if threshold <= 0 or len(first) != 10 or len(second) != 10:
        return False
    return all(max(a, b) >= threshold for a, b in zip(first, second, strict=True))


@dataclass
class Result:
    text: str
    confidence: float
    log_score: float
    source: str
    unsure: bool = False
    """The text holds a whole phone number the two readers did not agree on
    (:meth:`Utterance.weigh_number`): the transcript says so (:data:`.NUMBER_UNSURE`)."""
    weak_group: int | None = None
    """The text holds a whole phone number both readers agreed on, but one of whose digits
    in this group (0, 1 or 2 of 3-3-4) Whisper was unsure of
    (:attr:`RecognizerConfig.weak_digit`)."""
    one_reader: bool = False
    """The text holds a whole phone number only Whisper read (its ten digits taken over the
    grammar's other reading): good enough to look up, not to open an account on
    (:data:`.NUMBER_ONE_READER`)."""
    uncontested: bool = False
    """With :attr:`one_reader`: no other reader heard the number's digits otherwise
    (:func:`contested_by`; :data:`.NUMBER_UNCONTESTED`)."""
    name_unheard: bool = False
    """A name was said before the whole number in the text, and not read
    (:data:`.NAME_UNHEARD`)."""


EMPTY = Result("", 0.0, -math.inf, grammars.DOMAIN_SEARCH)


YES_NO_WORDS = frozenset(
    [
        "yes",
        "yeah",
        "yep",
        "no",
        "nope",
        "nah",
        "not",
        "correct",
        "right",
        "wrong",
        "sure",
        "okay",
        "works",
    ]
)
SHORT_ANSWER_WORDS = 3
"""In a yes/no turn, a domain-LM hypothesis this short is a misheard short answer, not a
caller saying something else (free requests decode to longer hypotheses)."""


def answered(search: str, grammar_text: str, domain_text: str) -> bool:
    """Whether the domain LM's hypothesis shows the caller answered a yes/no question
    (then the grammar's result is kept whatever the score margin): the domain heard a
    yes/no word the grammar heard too, or only a few words.

    Tuned with ``python -m bench.stt_eval --split tuning --tune``: at margin 0.3 it raised yes/no
    accuracy from 60 to 83 % with 89 % of free requests still caught. Not used for other
    searches: for dates it caught fewer free requests (which name days) and gained nothing.
    """
    if search != grammars.YES_NO_SEARCH:
        return False
    domain_words = domain_text.split()
    if not domain_words:
        # the domain LM heard nothing: noise after the answer (at 20 dB SNR the endpointer
        # starts a second utterance in it) that the grammar forced into "nope"; the score
        # margin decides
        return False
    if len(domain_words) <= SHORT_ANSWER_WORDS:
        return True
    return bool(YES_NO_WORDS & set(grammar_text.split()) & set(domain_words))


REQUEST_WORDS = frozenset(
    [
        "cancel",
        "move",
        "change",
        "reschedule",
        "book",
        "instead",
        "rather",
        "actually",
        "wait",
        "appointment",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "tomorrow",
        "today",
        "week",
        "what",
        "when",
        "which",
        "repeat",
    ]
)
SAID_MORE_WORDS = 5
"""In a yes/no turn, a domain-LM hypothesis this long naming a request word is a caller who
said something else, however well the yes/no grammar scored: "actually, wait, rather than
cancel it, could I move it to the Friday?" scored "that works thank you" in the grammar, far
above the domain LM's garbled but telling "... wait ... cancel it to eight that friday ..."."""


def said_something_else(search: str, grammar_text: str, domain_text: str) -> bool:
    """Whether a yes/no grammar's result must be set aside for the domain LM's, whatever the
    scores (a wrong "yes" confirms a change the caller did not ask for)."""
    if search != grammars.YES_NO_SEARCH:
        return False
    domain_words = set(domain_text.split())
    if len(domain_text.split()) < SAID_MORE_WORDS or not REQUEST_WORDS & domain_words:
        return False
    return not YES_NO_WORDS & set(grammar_text.split()) & domain_words


LONG_ANSWER_WORDS = 10
"""In a yes/no turn, a domain-LM hypothesis at least this long, and at least
:data:`LONGER_THAN_ANSWER` times as long as the grammar's answer, is a caller who said more
than a yes or a no (the grammar's longest path, "yes that's correct thank you that's all
thanks bye", has 9 words): "Yes, three o'clock's fine. My number's 207 555 0168" came back
from the grammar as "please do please bye" (a 4-word answer over 7 s of speech, its score
well above the domain LM's 18 garbled words), and the call was ended with the slot unbooked
and the number unheard."""
LONGER_THAN_ANSWER = 2


def said_more_than_an_answer(search: str, grammar_text: str, domain_text: str) -> bool:
    """Whether a yes/no turn's audio holds far more speech than any yes/no answer: then the
    domain LM's reading (with whatever number it holds, :meth:`Utterance._number_in_request`)
    is kept, whatever the scores. A grammar path scores each frame against the few words it
    allows; over a long sentence it can still beat an LM that must account for every word."""
    if search != grammars.YES_NO_SEARCH:
        return False
    heard = len(domain_text.split())
    return heard >= LONG_ANSWER_WORDS and heard >= LONGER_THAN_ANSWER * len(grammar_text.split())


SENTENCE_AT_ANSWER_WORDS = 6
"""A yes/no turn the domain LM won (over the yes/no grammar) with at least this many words
is a sentence (a correction, a question, a time or a number said with the answer): Whisper
reads it as it reads an open request (:mod:`.free_opinion`), in every configuration that
loads Whisper's sentence reader. "Yes, three o'clock's fine. My number's 207 555 0168" came
back from the domain LM as "three o'clock it's i a my number is two liam soon one time i'm i
i'm the one six eight" (the agent took "1 PM", and no number), and "actually wait, rather
than cancel it, could I move it to the Friday, same time?" as "actually wait grab third a
cancel it two eight the friday do you tell you" (the cancel was read back again)."""


def sentence_at_answer(search: str, domain_text: str) -> bool:
    """Whether a yes/no turn's domain-LM reading, which won over the grammar's, is a
    sentence for Whisper to read again (:data:`SENTENCE_AT_ANSWER_WORDS`)."""
    return (
        grammars.base_search(search) == grammars.YES_NO_SEARCH
        and len(domain_text.split()) >= SENTENCE_AT_ANSWER_WORDS
    )


TIME_WORDS = frozenset(
    [
        *grammars.HOURS,
        "o'clock",
        "noon",
        "midday",
        "morning",
        "afternoon",
        "evening",
        "half",
        "quarter",
        "today",
        "tomorrow",
        *grammars.WEEKDAYS,
    ]
)
"""Words that name a day or a time, and none of them a yes/no grammar's word: at a yes/no
turn the grammar won, one of them in the domain LM's reading is a caller who said a time
with the answer ("Yes, ten o'clock please", "No, the eleven", "No sorry, I meant nine in
the morning"). The yes/no grammar has no path for one, and forced those lines into "yes
that works please", "no i'm good", "no please bye" (a goodbye: the call would end), while
the domain LM heard "yes ten o'clock please", "no eleven", "no sorry i meant nine in the
morning" (``bench/stt_eval.py --kinds yes_time``, bench/README.md "voiceyes round")."""


def time_said_too(search: str, grammar_text: str, domain_text: str) -> bool:
    """Whether a yes/no turn's domain-LM reading names a day or a time (:data:`TIME_WORDS`)
    the yes/no grammar's answer does not: the turn is read again for it
    (:meth:`Utterance._time_with_answer`)."""
    if grammars.base_search(search) != grammars.YES_NO_SEARCH:
        return False
    return bool(TIME_WORDS & set(domain_text.split()) - set(grammar_text.split()))


DAY_WORDS = frozenset(["today", "tomorrow", *grammars.WEEKDAYS])


def either_weekday(search: str, taken: str, other: str) -> str:
    """In a date/time turn, ``taken`` with the weekday in it said as "<taken's> or <other's>"
    where the two readers of the same audio each heard one weekday and not the same one
    (cancel-the-thursday-one: "The one on Thursday", the domain LM "the one on tuesday", the
    date grammar "at one on thursday"): neither reader is vouched for, and the dialogue asks
    which where the day picks the appointment to change. ``taken`` unchanged otherwise (a
    reading with no weekday, two weekdays, or an "or" of its own)."""
    if grammars.base_search(search) != grammars.DATE_TIME_SEARCH:
        return taken
    words = taken.split()
    days = [w for w in words if w in grammars.WEEKDAYS]
    others = {w for w in other.split() if w in grammars.WEEKDAYS}
    if len(days) != 1 or len(others) != 1 or "or" in words or days[0] in others:
        return taken
    at = words.index(days[0])
    return " ".join([*words[: at + 1], "or", *others, *words[at + 1 :]])


def weekday_vouched(taken: str, other: str, whisper: str) -> str | None:
    """``taken`` with its weekday set to the one a third reader's transcript ``whisper`` names
    where the two readers of a date/time turn each heard one weekday, not the same one
    (:func:`either_weekday`), and Whisper names exactly one weekday, one of those two: two of
    three readers heard that day. The rest of ``taken`` is kept (the date grammar's reading of
    the words around the day is forced: "the one on thursday" came back "at one on thursday",
    a 1 PM never said). None where Whisper names no weekday, two, or a third one."""
    day_taken = [w for w in taken.split() if w in grammars.WEEKDAYS]
    day_other = {w for w in other.split() if w in grammars.WEEKDAYS}
    said = {w for w in re.findall(r"[a-z]+", whisper.lower()) if w in grammars.WEEKDAYS}
    if len(day_taken) != 1 or len(day_other) != 1 or len(said) != 1:
        return None
    (day,) = said
    if day not in {day_taken[0], *day_other} or day_taken[0] in day_other:
        return None
    return " ".join(day if w == day_taken[0] else w for w in taken.split())


def clock_of(text: str) -> dt_time | None:
    """The time of day in a reading as the dialogue's parser reads it, a bare hour ("no,
    the eleven") as the parser reads "at eleven"; None without one."""
    at = _date_and_time(text)[1]
    if at is not None:
        return at
    # not "one": "the earlier one", "that one" (the day/time grammar read "No, the eleven"
    # as "the earlier one", the domain LM as "no early one": the same wrong 1 PM)
    hour = next((w for w in text.split() if w in grammars.HOURS and w != "one"), None)
    if hour is None:
        return None
    return _date_and_time(f"at {hour}")[1]


def spoken_clock(at: dt_time) -> str:
    """A time of day in the words a recogniser writes and the dialogue reads back to the
    same time ("three p m", "nine thirty a m")."""
    hour = grammars.HOURS[(at.hour - 1) % 12]
    minutes = f" {free_opinion.cardinal(at.minute)}" if at.minute else ""
    return f"{hour}{minutes} {'p m' if at.hour >= 12 else 'a m'}"


def agreed_time(when: str, other: str) -> str:
    """The day and time two readers of the same audio agree on, in words ("friday three p
    m"), or "": the weekday (or "today", "tomorrow") of ``when`` where ``other`` says it too,
    and the time of day where both read the same (:func:`clock_of`). A day or an hour one
    reader alone heard is left out."""
    heard = set(other.split())
    day = next((w for w in when.split() if w in DAY_WORDS), None)
    parts = [day] if day is not None and day in heard else []
    at = clock_of(when)
    if at is not None and at == clock_of(other):
        parts.append(spoken_clock(at))
    return " ".join(parts)


UNSURE_ANSWER = "answer_unclear"
"""A result's ``source`` where a yes/no turn's readers heard opposite sides
(:meth:`Utterance._settled_answer`)."""
TIME_SOURCE = "answer_and_time"
"""A result's ``source`` where a yes/no turn's answer carries the day or time the caller
said with it (:meth:`Utterance._time_with_answer`)."""


ACTION_WORDS = frozenset(
    [
        "cancel",
        "change",
        "reschedule",
        "book",
        "move",
        "appointment",
        "someone",
        "person",
        "speak",
        "talk",
        "repeat",
        "actually",
        "instead",
        "never",
        "back",
    ]
)
"""Words of a request rather than an answer: a domain-LM hypothesis naming one is not
taken as agreeing with a date grammar ("cancel my appointment on friday" names a day)."""
DIGIT_LIKE_WORDS = frozenset(
    [
        *grammars.DIGITS,
        "double",
        "triple",
        # what the domain LM writes for a digit it half heard ("one two three" was once
        # heard "want to three", and the 10-digit grammar's right answer lost to it)
        "want",
        "won",
        "to",
        "too",
        "for",
        "fore",
        "r",
        "ate",
        "at",
        "o",
        # digits heard as ordinals, fourth to ninth ("like the sixth i'd four three ..." for
        # a whole number said on a fresh decoder: CI lost "nine eight seven ..." to it)
        *grammars.ORDINALS[3:9],
    ]
)
PHONE_CARRIER_WORDS = frozenset(w for phrase in grammars.PHONE_PREFIXES for w in phrase.split())
DIGIT_LIKE_SHARE = 0.4
"""In a phone-number turn, a domain-LM hypothesis whose words (carrier phrase aside) are
at least this share digits or words the LM writes for digits, and names no request
(:data:`ACTION_WORDS`: "at two eight i'd want to cancel my appointment" is 5/8 digit-like),
is a misheard number, not a caller saying something else: the grammar's digits are kept
whatever the score margin. 0.6 at first; a whole number on a fresh decoder was heard "like
the sixth i'd four three ..." (4-5 of 9) and lost: the request words, not the share, are
what tell a caller who said something else."""
DIGIT_LIKE_MIN_WORDS = 3


def digit_like(search: str, domain_text: str) -> bool:
    """Whether a phone grammar's result must be kept because the domain LM heard mostly
    digits too (its score then says nothing about out-of-grammar speech: "want to three"
    scores close to "one two three")."""
    if not search.startswith(grammars.PHONE_SEARCH):
        return False
    words = [w for w in domain_text.split() if w not in PHONE_CARRIER_WORDS]
    if len(words) < DIGIT_LIKE_MIN_WORDS or ACTION_WORDS & set(words):
        return False
    share = sum(w in DIGIT_LIKE_WORDS for w in words) / len(words)
    return share >= DIGIT_LIKE_SHARE


_REFERENCE_DAY = date(2001, 1, 3)
"""Any fixed day: two hypotheses are compared with each other, never with the calendar."""


def _date_and_time(text: str) -> tuple[date | None, dt_time | None]:
    try:
        day = find_date(text, today=_REFERENCE_DAY)
    except DomainError:
        day = None
    try:
        at = find_time(text)
    except DomainError:
        at = None
    return day, at


def same_date_or_time(search: str, grammar_text: str, domain_text: str) -> bool:
    """Whether, in a date/time turn, the domain LM heard the same day or the same time as
    the grammar (and no request word): two different searches agreeing on what was said is
    better evidence of an answer than their score margin, which a garbled word elsewhere in
    the domain hypothesis moves either way.

    Tuned on the tuning split (8 voices, 32 dates and 10 free requests per condition): with
    the date margin lowered from 0.3 to 0.2, dates heard right 19 -> 20/32 clean and
    13 -> 17/32 at 20 dB SNR, free requests caught 9/10 in both, unchanged."""
    if search != grammars.DATE_TIME_SEARCH:
        return False
    if ACTION_WORDS & set(domain_text.split()):
        return False
    g_day, g_time = _date_and_time(grammar_text)
    d_day, d_time = _date_and_time(domain_text)
    return (g_day is not None and g_day == d_day) or (g_time is not None and g_time == d_time)


ANSWER_WORDS = YES_NO_WORDS | {"that's", "it", "is", "please", "that", "yes", "thank", "you"}


def only_an_answer(search: str, domain_text: str) -> bool:
    """Whether, at a name turn, the domain LM heard a bare answer ("yes, correct", "that's
    right"): a name grammar forces one into a name ("yes kim eric"), and an account would be
    opened under it on a number the caller only meant to confirm."""
    words = domain_text.split()
    return search == grammars.NAME_SEARCH and 0 < len(words) <= 3 and set(words) <= ANSWER_WORDS


CLOSING_WORDS = frozenset(["bye", "goodbye"])
CLOSING_SEARCHES = frozenset(
    [grammars.NAME_SEARCH, grammars.SPELLING_SEARCH, grammars.DATE_TIME_SEARCH]
)
"""Searches where a goodbye the domain LM heard beats the grammar. Not the digit grammars:
the domain LM writes "bye" for a half-heard "five", which a number is full of."""
BYE_SOUNDALIKES = frozenset(["five"])


def said_goodbye(search: str, grammar_text: str, domain_text: str) -> bool:
    """Whether, at a name, spelling or day/time turn, the domain LM heard a goodbye the
    grammar did not: a grammar forces "that's all, thanks, bye" into a name ("ruth zuniga")
    or letters ("e s r e e z ..."), and an account was opened under it while the caller hung
    up; "no thanks, goodbye" to "which time would you prefer?" came back "twelve saturday".
    A grammar result with "five" in it is the domain LM mishearing "five" as "bye".

    At a phone-number turn too, when the domain LM heard a goodbye in words that are not
    mostly digits (:func:`digit_like`): "sorry, someone's at the door, I'll call you back,
    bye" came back from the 10-digit grammar as "oh two eight oh one five double five ..."
    (a long utterance outside the grammar still beat the domain LM's score by the margin),
    and the call went on asking for the number. There "five" in the grammar's digits says
    nothing; a half-heard "five" shows as a domain hypothesis full of digits."""
    if search.startswith(grammars.PHONE_SEARCH):
        return bool(CLOSING_WORDS & set(domain_text.split())) and not digit_like(
            search, domain_text
        )
    if search not in CLOSING_SEARCHES:
        return False
    if declined(domain_text):
        return True
    heard = set(grammar_text.split())
    return bool(CLOSING_WORDS & set(domain_text.split())) and not (
        (CLOSING_WORDS | BYE_SOUNDALIKES) & heard
    )


LETTER_RUN = 2
"""Spelled letters in a row that make an open turn's domain-LM reading garbled."""
_CLOCK_LETTERS: Final = re.compile(r"\b[ap] m\b")


def spelled_garble(domain_text: str) -> bool:
    """Whether an open turn's domain-LM reading holds :data:`LETTER_RUN` spelled letters in a
    row ("alright on q y e" for "Oh right, thank you. Bye"; the domain LM knows the letters
    for confirmation codes and fills speech it cannot place with them), not counting "a",
    "i" and the "a m"/"p m" of a time."""
    run = 0
    for word in _CLOCK_LETTERS.sub(" ", domain_text).split():
        run = run + 1 if len(word) == 1 and word not in ("a", "i") else 0
        if run >= LETTER_RUN:
            return True
    return False


def particular_said(domain_text: str) -> bool:
    """Whether a later open turn's domain-LM reading names a day or a time of day
    (:func:`.free_opinion.particulars`: a weekday, a date's ordinal, an hour after "at",
    "o'clock", "morning"...; a lone number word is neither)."""
    return bool(free_opinion.particulars(domain_text))


CLOSING_PHRASES = ("that's all", "that's it", "that's everything", "that is all")
NOT_CLOSING_AFTER = frozenset(["right", "good"])
"""Words after "that's all" that make it no goodbye: "No, that's all right, thanks." declines
the question, "Yes, that's all good." agrees to it - the call goes on either way (tuning
answers, yesno32 round)."""


def closing_phrase_in(words: list[str]) -> bool:
    """Whether ``words`` hold "that's all/it/everything" (:data:`CLOSING_PHRASES`) other than
    as "that's all right" or "that's all good" (:data:`NOT_CLOSING_AFTER`)."""
    for phrase in CLOSING_PHRASES:
        said = phrase.split()
        n = len(said)
        for i in range(len(words) - n + 1):
            if words[i : i + n] == said and not (
                said[-1] == "all" and NOT_CLOSING_AFTER & set(words[i + n : i + n + 1])
            ):
                return True
    return False


def closing_heard(domain_text: str) -> bool:
    """Whether the domain LM heard a caller close: a goodbye, "that's all/it/everything"
    (:func:`closing_phrase_in`), or a decline (:func:`declined`)."""
    if CLOSING_WORDS & set(domain_text.split()) or declined(domain_text):
        return True
    return closing_phrase_in(domain_text.split())


def goodbye_said(text: str) -> bool:
    """Whether a reading or a transcript holds a goodbye itself: "bye", "goodbye" or "that's
    all/it/everything" (:data:`CLOSING_PHRASES`), as written by any reader ("Bye-bye.", "No,
    that's all, thank you."). Not a decline alone: "no thanks" and "nah i'm good" answer a
    yes/no question without ending the call (:func:`closing_heard` counts those too); nor
    "that's all right" / "that's all good" (:func:`closing_phrase_in`)."""
    words = re.findall(r"[a-z']+", text.lower())
    if CLOSING_WORDS & set(words):
        return True
    return closing_phrase_in(words)


def without_goodbye(text: str) -> str:
    """A reading without its goodbye words: "bye", "goodbye" and "that's all/it/everything"
    (:data:`CLOSING_PHRASES`, not "that's all right/good") wherever they stand ("um no that's
    all if" -> "um no if")."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in CLOSING_WORDS:
            i += 1
            continue
        for phrase in CLOSING_PHRASES:
            said = phrase.split()
            if words[i : i + len(said)] == said and closing_phrase_in(words[i : i + len(said) + 1]):
                i += len(said)
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def goodbye_unheard(search: str, grammar_text: str, domain_text: str) -> bool:
    """Whether a yes/no grammar's reading ends in a goodbye ("that's all", "bye") the domain
    LM, decoding the same audio, did not hear at all (:func:`closing_heard`): the grammar's
    goodbye is then made of the rest of a longer line it has no path for ("Yes, at eleven if
    that's okay" came back "yes that works please that's all bye"; "No sorry, I meant nine
    in the morning" came back "no please that's all"), and a goodbye ends the call: where
    the domain LM heard a day, a time or a request word (:data:`TIME_WORDS`,
    :data:`REQUEST_WORDS`) the grammar's reading has not. A domain LM that heard nothing
    (noise) says nothing either way: the grammar's reading stands."""
    if grammars.base_search(search) != grammars.YES_NO_SEARCH or not domain_text.split():
        return False
    if grammars.without_closing(grammar_text) == grammar_text or closing_heard(domain_text):
        return False
    # and the caller said more than an answer: a day, a time or a request word the grammar's
    # reading has not (where the domain LM only missed a short "bye", as it does now and
    # then: "Yep, thanks a lot. Bye bye." came back "yes thanks i'm not my to i")
    return bool((TIME_WORDS | REQUEST_WORDS) & set(domain_text.split()) - set(grammar_text.split()))


DECLINING: Final = re.compile(
    r"^(?:(?:um|uh|oh|well|okay|ok)\s+)*(?:"
    r"(?:no|nope|nah)\s+(?:thanks|thank\s+you|(?:that's|that\s+is)\s+(?:all|it|everything|fine)"
    r"|(?:i'm|i\s+am)\s+(?:good|fine|okay|ok|all\s+set|done)|all\s+good|all\s+set|nothing)\b"
    r"|(?:that's|that\s+is)\s+(?:all|it|everything)\b|nothing\s+else\b)"
)
"""A hypothesis that opens the way a caller declines and closes ("no thanks", "no that's all",
"nope i'm good", "that's everything"), whatever the recogniser made of the rest."""


def declined(domain_text: str) -> bool:
    """Whether the domain LM heard a caller decline and close at a turn whose grammar cannot
    say so: "No thanks. Goodbye." to "which would you prefer?" came back from the day/time
    grammar as "twelve saturday" while the domain LM heard "no thanks code five" (no "bye"
    in it, so :func:`said_goodbye`'s first test missed it and the call went on). A bare
    "no" ("no, friday at two") is a correction, not a decline: the grammar keeps it."""
    return DECLINING.match(domain_text) is not None


def closes_instead(domain_text: str, whisper_text: str) -> bool:
    """Whether, at an open turn, Whisper's sentence is a caller declining and closing
    (:func:`declined`: "no that's it karen", "no that's everything thanks so much bye now")
    with no day, time or digits of its own, where the domain LM's reading opens with the same
    word and goes on into a day or time it made of the rest ("no at six to yours", "no that's
    too late think sunday so much bye are"): the goodbye stands, not the particular the
    domain LM filled the closing with (which :func:`.free_opinion.keeps_particulars` would
    otherwise keep, asking "Which day would you like at 6 PM?" of a caller ringing off)."""
    said, heard = domain_text.split(), whisper_text.split()
    return (
        bool(said and heard)
        and said[0] == heard[0]
        and declined(whisper_text)
        and not free_opinion.particulars(whisper_text)
        and not ACTION_WORDS & set(heard)
        and not set(heard) & set(free_opinion.DIGIT_WORDS)
    )


def closes_too(domain_text: str) -> bool:
    """Whether, where a day/time turn's grammar heard the caller turn the times down and
    close ("no thanks goodbye"), the domain LM heard a closing too, or a "no" to open with:
    two searches agreeing the caller is done, whatever the score margin (the domain LM's
    reading of the same "No thanks. Goodbye." was "no saturday so much", which names a day
    the agent then offered to book)."""
    words = domain_text.split()
    if not words or ACTION_WORDS & set(words):
        return False
    return words[0] in {"no", "nope", "nah"} or bool(CLOSING_WORDS & set(words))


DENIAL_WORDS = frozenset(["no", "nope", "wrong", "not"])
NUMBER_RUN = 3


def corrects_instead(search: str, domain_text: str) -> bool:
    """Whether, at a name turn, the domain LM heard a denial or a run of digits: the caller
    is correcting the number read back ("oh no sorry, that's wrong, the end is oh one four
    nine" came back "leo farley", and an account was opened under it on the wrong number),
    not saying a name. No name grammar word is a denial or a digit. Not at a spelling turn:
    spelled letters ("n o", "o") read as "no" and "oh"."""
    if search != grammars.NAME_SEARCH:
        return False
    words = domain_text.split()
    if DENIAL_WORDS & set(words):
        return True
    run = longest = 0
    for w in words:
        run = run + 1 if w in grammars.DIGITS else 0
        longest = max(longest, run)
    return longest >= NUMBER_RUN


def asks_instead(search: str, domain_text: str) -> bool:
    """Whether, at a name turn, the domain LM heard a request, a day or a time
    (:func:`.name_opinion.not_a_name`): the caller answered the name question with what they
    want, and the name grammar forced it into a name. Its reading goes to the dialogue, which
    takes the request as said and asks for the name again."""
    return search == grammars.NAME_SEARCH and name_opinion.not_a_name(domain_text)


NUMBER_RUN_LIKE = 7
"""Digit-like words (:data:`DIGIT_LIKE_WORDS`) a stretch of an open turn's domain-LM
hypothesis needs before it is taken for a 10-digit number said in the sentence: a number
heard badly still comes out as 8-12 such words ("for want i u five five five oh one oh
one"), a time or a date as 1-3, a group of a number given in pieces as 3-7."""
NUMBER_RUN_DIGITS = 4
"""Of which at least this many are digit words proper (not "to", "for", "at"...)."""
NUMBER_RUN_GAP = 3
"""Other words allowed between two digit-like words of one stretch (a digit heard as a
word such as "i" or "time")."""
CODE_WORDS = frozenset(["code", "confirmation", "reference"])
"""A turn naming one is left as heard: a confirmation code is spelled with digits too."""
NUMBER_CUT_BEFORE = 15
NUMBER_CUT_AFTER = 25
"""Frames (10 ms) of audio kept before the first and after the last word of the stretch
when it is cut out for the number grammar: word boundaries in a garbled hypothesis are
approximate, and a last digit cut short is lost."""


def number_run(words: Sequence[str]) -> tuple[int, int] | None:
    """The first and last index of the stretch of ``words`` (an open turn's domain-LM
    hypothesis) that reads as a whole phone number said inside the sentence, or None.

    The longest stretch of digit-like words with at most :data:`NUMBER_RUN_GAP` other
    words between two of them, holding :data:`NUMBER_RUN_LIKE` digit-like words of which
    :data:`NUMBER_RUN_DIGITS` are digits; a request word (:data:`ACTION_WORDS`) ends a
    stretch. None when the turn names a code (:data:`CODE_WORDS`)."""
    if CODE_WORDS & set(words):
        return None
    best: tuple[int, int] | None = None
    best_like = 0
    start = last = -1
    like = digits = gap = 0

    def close() -> None:
        nonlocal best, best_like
        qualifies = start >= 0 and like >= NUMBER_RUN_LIKE and digits >= NUMBER_RUN_DIGITS
        if qualifies and like > best_like:
            best, best_like = (start, last), like

    for i, word in enumerate(words):
        if word in DIGIT_LIKE_WORDS:
            if start < 0:
                start, like, digits = i, 0, 0
            last = i
            like += 1
            digits += _a_digit(word)
            gap = 0
        elif start >= 0:
            gap += 1
            if gap > NUMBER_RUN_GAP or word in ACTION_WORDS:
                close()
                start, gap = -1, 0
    close()
    if best is None:
        return None
    first, last = best
    # after the last digit, words the LM writes for digits ("to", "want") behind another
    # word are most likely those words: "... six one three, i want to book"
    final_digit = max(i for i in range(first, last + 1) if _a_digit(words[i]))
    tail = words[final_digit + 1 : last + 1]
    if any(w not in DIGIT_LIKE_WORDS for w in tail):
        last = final_digit
        while last + 1 < len(words) and words[last + 1] in DIGIT_LIKE_WORDS:
            last += 1
    # and one standing apart at the start ("to" in "i'd like to, uh, ...") likewise
    while not _a_digit(words[first]) and not _digit_like_at(words, first + 1):
        first = next(j for j in range(first + 1, last + 1) if words[j] in DIGIT_LIKE_WORDS)
    return first, last


DIGIT_SOUND_ALIKES = {"fine": "five"}
"""Words the domain LM writes for a digit said inside a run of digits: "two one two fine fine
fine zero one zero four" for 212 555 0104 ("fine" is in its vocabulary, "that's fine", and
sounds like "five", in every 555 number). The twenty-fifth round's whole recorded calls heard
it so 19 times in their failed calls' transcripts (tuned voices en-gb-x-rp, en-us+f3, en-029:
thursday-afternoon-only-three-free, cancel-the-thursday-one, cant-make-my-two-oclock)."""
ALIKE_RUN_DIGITS = 3
"""Digit words proper a run needs beside a sound-alike before it is read as a digit."""
LEADING_ALIKES = {"to": "two", "too": "two", "for": "four"}
"""Words written for a digit said first in a number: Whisper's sentence reader wrote "Arthur
Pendleton, 207 555 0154" as "hi our dependent to zero seven five five five zero one five four"
(every run of the thirty-fifth round's recorded calls, tuned voice en-us+m3) - "two" as "to",
the word it expects after a name. Read as the digit only where the run after it holds nine
digits, which it makes ten: "I'd like to book" or "move it to nine" has no such run. "for" for
a first "four" likewise: Whisper's digit reader wrote "Fiona Gallagher, 415 555 0136" as "don't
forget to go for one five five five five zero one three six" and "Gareth Lloyd, 404 555 0121"
as "download for zero four five five five zero one two one" (voice47, fresh70's recorded calls,
tuned voices en-us and en-us+f2; :func:`leading_alike_number`)."""
LEADING_ALIKE_RUN = 9
"""Digits the run after a :data:`LEADING_ALIKES` word must hold: a whole number less its first."""


def alikes_as_digits(text: str) -> str:
    """``text`` (a domain-LM hypothesis) with a digit's sound-alike (:data:`DIGIT_SOUND_ALIKES`)
    written as that digit where it stands inside a run of digit words holding at least
    :data:`ALIKE_RUN_DIGITS` digits: with a digit somewhere before it and after it in the
    run, or last in a run it makes ten digits long ("... zero one four fine i can't make
    it"). One before a number ("that's fine, two oh seven ...") or in words ("three o'clock's
    fine") is left as said."""
    words = text.split()
    if not (DIGIT_SOUND_ALIKES.keys() | LEADING_ALIKES.keys()) & set(words):
        return text
    out = list(words)
    i = 0
    while i < len(words):
        if words[i] not in grammars.DIGITS:
            i += 1
            continue
        j = i
        while j < len(words) and (words[j] in grammars.DIGITS or words[j] in DIGIT_SOUND_ALIKES):
            j += 1
        run = words[i:j]  # starts on a digit
        while run and run[-1] in DIGIT_SOUND_ALIKES:
            run.pop()  # alikes after the last digit: read below only if they make ten
        tail = j - i - len(run)
        said = [DIGIT_SOUND_ALIKES.get(w, w) for w in run]
        if sum(w in grammars.DIGITS for w in run) >= ALIKE_RUN_DIGITS:
            out[i : i + len(run)] = said
            if tail and len(spoken_digits(" ".join(said))) + tail == 10:
                out[i + len(run) : j] = [DIGIT_SOUND_ALIKES[w] for w in words[i + len(run) : j]]
        i = j
    return " ".join(_leading_alikes(out))


def _leading_alikes(words: list[str]) -> list[str]:
    """``words`` with a word of :data:`LEADING_ALIKES` read as its digit where the run of
    digit words right after it holds nine digits."""
    out = list(words)
    for i, word in enumerate(words[:-1]):
        if word not in LEADING_ALIKES or (i > 0 and words[i - 1] in grammars.DIGITS):
            continue
        j = i + 1
        while j < len(words) and words[j] in grammars.DIGITS:
            j += 1
        if j > i + 1 and len(spoken_digits(" ".join(words[i + 1 : j]))) == LEADING_ALIKE_RUN:
            out[i] = LEADING_ALIKES[word]
    return out


def leading_alike_number(written: str) -> str:
    """The ten digits of a number Whisper's digit reader wrote one digit short because it
    wrote the first as a word (:data:`LEADING_ALIKES`: "... go for one five five five five zero
    one three six" for 415 555 0136): where the transcript's only digits are one run of nine
    and the word right before the run is such an alike, that digit and the nine; else ""."""
    toks = re.findall(r"[a-z']+|\d", written.lower())
    runs = _digit_token_runs(toks)
    if len(runs) != 1:
        return ""
    start, end = runs[0]
    run = second_opinion.whisper_digits(" ".join(toks[start:end]))
    if len(run) != LEADING_ALIKE_RUN or start == 0 or toks[start - 1] not in LEADING_ALIKES:
        return ""
    return spoken_digits(LEADING_ALIKES[toks[start - 1]]) + run


def _digit_token_runs(toks: Sequence[str]) -> list[tuple[int, int]]:
    """The token spans of the runs of digits in ``toks`` (a transcript's words and numerals):
    digit words, numerals, "oh", and "double"/"triple" before a digit."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if second_opinion.whisper_digits(toks[i]) or (
            toks[i] in ("double", "triple")
            and second_opinion.whisper_digits(" ".join(toks[i : i + 2]))
        ):
            start = i
            while i < len(toks) and (
                second_opinion.whisper_digits(toks[i]) or toks[i] in ("double", "triple")
            ):
                i += 1
            runs.append((start, i))
        else:
            i += 1
    return runs


def domain_witnessed(domain: str, written: str) -> bool:
    """Whether the domain LM's ten digits ``domain`` are what Whisper's digit reader wrote
    (``written``, a whole-number turn's transcript) in its one run of digits, read with at
    most one digit of a run left out (:func:`.second_opinion.run_shortened`: "five five" for
    "five five five") and its first digit written as the word it sounds like where the word
    right before the run is one (:data:`LEADING_ALIKES`: "the number is to zero seven five
    five zero four five five" for 207 555 0455). A run with any other digit left out or put
    otherwise, or digits outside the run ("oh yes, seven one ..."), witness nothing."""
    if len(domain) != 10 or not a_line(domain):
        return False
    toks = re.findall(r"[a-z']+|\d", written.lower())
    runs = _digit_token_runs(toks)
    if len(runs) != 1:
        return False
    start, end = runs[0]
    run = second_opinion.whisper_digits(" ".join(toks[start:end]))
    if second_opinion.whisper_digits(written) != run:
        return False
    readings = {run}
    if start > 0 and toks[start - 1] in LEADING_ALIKES:
        readings.add(spoken_digits(LEADING_ALIKES[toks[start - 1]]) + run)
    return any(
        reading == domain or second_opinion.run_shortened(domain, reading) for reading in readings
    )


def number_in(text: str) -> str:
    """The digits of the whole phone number said in ``text`` (a grammar's digits, or the
    stretch :func:`number_run` finds in a sentence), or ""."""
    words = text.split()
    if words and all(_a_digit(w) or w == "oh" for w in words):
        return spoken_digits(text)
    span = number_run(words)
    if span is None:
        return ""
    return spoken_digits(" ".join(words[span[0] : span[1] + 1]))


def ten_digits_heard(words: Sequence[str]) -> bool:
    """Whether the words hold ten digit words in a row (the language model heard a whole
    number as such; the number grammar is not asked again)."""
    run: list[str] = []
    for word in [*words, ""]:
        if _a_digit(word):
            run.append(word)
            continue
        if len(spoken_digits(" ".join(run))) == 10:
            return True
        run = []
    return False


def _a_digit(word: str) -> bool:
    return word in grammars.DIGITS or word in ("double", "triple")


def _digit_like_at(words: Sequence[str], i: int) -> bool:
    return 0 <= i < len(words) and words[i] in DIGIT_LIKE_WORDS


def with_number(words: Sequence[str], span: tuple[int, int], number_text: str) -> str:
    """The hypothesis with the stretch ``span`` replaced by the number grammar's digits
    (its carrier phrase and hesitations left out)."""
    skip = set(grammars.HESITATIONS)
    digits = [w for w in number_text.split() if _a_digit(w)]
    kept = [w for w in number_text.split() if w not in skip]
    # the carrier phrase, if the grammar heard one, is already among the domain's words
    first = kept.index(digits[0]) if digits else len(kept)
    number = kept[first:]
    return " ".join([*words[: span[0]], *number, *words[span[1] + 1 :]])


FIRM_YES_WORDS = frozenset(["yes", "yeah", "yep", "correct", "sure"])
FIRM_NO_WORDS = frozenset(["no", "nope", "wrong", "not"])
"""Words the domain LM writes for a yes or a no. Not "okay" (written for "oh" and "no"
alike) nor "right" (a held-out "that's not right" at 20 dB SNR came back "that's right"
from the domain LM and was turned into a yes)."""


def contradicts(search: str, grammar_text: str, domain_text: str) -> bool | None:
    """At a yes/no turn, the polarity the domain LM heard when it is the opposite of the
    grammar's answer (True: yes, False: no), else None.

    The yes/no grammar must pick one of its answers, and the same voices confuse the same
    pairs ("no thanks" heard "go ahead", "that's correct" heard "not really"), while the
    domain LM, free to write anything, still heard the first word ("no sorry this",
    "correct"): the first firm yes or no word of its hypothesis decides the side. On the
    tuning split (8 voices, 64 answers clean and 64 at 20 dB SNR) the two disagreed 10
    times; the domain LM's side was right in 4 (the grammar's answer was wrong in all 4),
    the grammar's in the other 6, where the domain LM's first firm word agreed with it
    ("yes not works" for "yes that works"). On the held-out voices (80 answers per
    condition) it changed nothing clean or at 20 dB once "right" was left out: their misses
    are "nope" heard "okay" and "no" heard "that works"/"yeah", where the domain LM heard no
    firm word either."""
    if search != grammars.YES_NO_SEARCH:
        return None
    said = grammars.answer_polarity(grammar_text)
    if said is None:
        return None
    heard = domain_side(domain_text)
    return heard if heard is not None and heard != said else None


GARBLED_WORDS = 4
"""At most this many words in a domain-LM reading of a yes/no turn with no yes/no or
request word in it: an answer the language model garbled, not something else said."""


def garbled_answer(domain_text: str) -> bool:
    """Whether the domain LM's reading of a yes/no turn it won is a garbled answer: a few
    words, none a yes/no word (:data:`YES_NO_WORDS`) nor a request word."""
    words = domain_text.split()
    return 0 < len(words) <= GARBLED_WORDS and not (
        YES_NO_WORDS | REQUEST_WORDS | ACTION_WORDS
    ) & set(words)


LOOSE_YES_WORDS = FIRM_YES_WORDS | frozenset(
    ["okay", "right", "fine", "good", "great", "perfect", "please", "works", "ahead", "lovely"]
)
"""Words the dialogue reads a yes in ("fine", "please", "go ahead"), firm or not."""


def reads_as_yes(domain_text: str) -> bool:
    """Whether a domain-LM reading of a yes/no turn holds a word the dialogue may read a yes
    in, whatever else it holds: "hello yes is it" for "no it isn't", "fine three yeah the"
    for "not really", "good nope please" for "no not that one" (tuning split, 20 and 10 dB)."""
    return bool(LOOSE_YES_WORDS & set(domain_text.split()))


NOT_A_DENIAL = frozenset(["problem", "problems", "worries", "rush", "hurry"])
"""After "yeah no", words that make it a yes ("yeah, no problem")."""


def domain_side(domain_text: str) -> bool | None:
    """The side of the first firm yes or no word in a domain-LM hypothesis, if any; a yes
    word with "no" straight after it is a no ("yeah no i'd rather not", as the dialogue reads
    it), not "yeah no problem"."""
    words = domain_text.split()
    for i, word in enumerate(words):
        if word in FIRM_YES_WORDS and words[i + 1 : i + 2] == ["no"]:
            return bool(NOT_A_DENIAL & set(words[i + 2 : i + 3]))
        if word in FIRM_YES_WORDS or word in FIRM_NO_WORDS:
            return word in FIRM_YES_WORDS
    return None


VOTE_WORDS = 5
"""At most this many words in a domain-LM reading of a yes/no turn it won, with no request,
action or time word in it, for the other two readers to settle the answer
(:func:`answer_to_settle`); one more is a sentence (:data:`SENTENCE_AT_ANSWER_WORDS`)."""


def answer_to_settle(domain_text: str) -> bool:
    """Whether a yes/no turn the domain LM won holds no more than a garbled answer: a few
    words (:data:`VOTE_WORDS`), none an answer word nor naming a request, an action, a day or
    a time ("the at a the" for "yes it is", "oh forgot love to wife" for "No, not that one"
    at 20 dB): where
    the yes/no grammar and Whisper then hear the same side, that side is the answer
    (:meth:`Utterance._settled_answer`)."""
    words = domain_text.split()
    said = REQUEST_WORDS | ACTION_WORDS | TIME_WORDS | YES_NO_WORDS | LOOSE_YES_WORDS
    return 0 < len(words) <= VOTE_WORDS and not said & set(words)


CHANGE_WORDS = frozenset(
    ["make", "instead", "rather", "actually", "meant", "mean", "about", "change", "move"]
)
"""Words of a change asked for with a no ("no, make it three", "what about ten"): a domain-LM
reading with one is no garbled denial (:func:`denial_to_settle`)."""


_YES_ANSWER_WORDS = (
    frozenset(
        w
        for answer in (
            *grammars.YES_ANSWERS,
            *grammars.ANSWER_LEADS,
            *grammars.GRUNTS,
            *grammars.ANSWER_ENDINGS,
        )
        for w in answer.split()
    )
    | FIRM_YES_WORDS
    | LOOSE_YES_WORDS
)


def more_than_a_yes(domain_text: str) -> bool:
    """Whether a domain-LM reading of a yes/no turn holds a word no yes answer of the yes/no
    grammar has ("yes move i'd ronald" for "Yeah, no, I'd rather not."): something said
    with the yes that the grammar's answer leaves out."""
    return bool(set(domain_text.split()) - _YES_ANSWER_WORDS)


def denial_to_settle(domain_text: str) -> bool:
    """Whether a yes/no turn the domain LM won holds a garbled answer with the words of a day
    or a time made of it, and no answer word: "to book three early", "what free a week",
    "the three a week" for "Hmm, not really." / "not really" (tuning split, clean to 10 dB).
    A few words (:data:`VOTE_WORDS`), none an answer word nor a change's
    (:data:`CHANGE_WORDS`), and no day or time the dialogue's parser reads (a bare hour is
    no time said): where the yes/no grammar and Whisper both hear a no, it is one
    (:meth:`Utterance._settled_answer`). Only ever a no: "Yeah, but make it three" garbled
    keeps its words."""
    words = domain_text.split()
    said = YES_NO_WORDS | LOOSE_YES_WORDS | CHANGE_WORDS
    return (
        0 < len(words) <= VOTE_WORDS
        and not said & set(words)
        and _date_and_time(domain_text) == (None, None)
    )


_NO_BEFORE_WAIT = frozenset(["no", "nope", "nah"])
CONTENT_WORDS = REQUEST_WORDS | ACTION_WORDS | TIME_WORDS | CHANGE_WORDS | frozenset(["but"])
"""Words of something said with or instead of an answer: a request, a day, a time, a change
("no, make it the fifth", "yes, but at three")."""


def answer_alone(said: str) -> bool:
    """Whether a transcript of a yes/no turn holds an answer and nothing else the dialogue
    would act on: no digit, and no word of a request, a day, a time or a change
    (:data:`CONTENT_WORDS`), but for the word straight after a "not", and a "wait" after a
    no. Whisper's "That's right.", "Yes, not works.", "No, not today." or "No, no, wait a
    second." is one; "Yes, the fifth.", "No, three o'clock.", "No, not today, tomorrow." or
    "No, wait, make it Friday." is not."""
    words = re.findall(r"[a-z']+", said.lower())
    # a day said straight after "not" is the no itself ("No, not today."), not one asked for;
    # a "wait" after a no holds the no ("No, no, wait a second."): whatever the caller wants
    # instead is said in words of its own ("No, wait, make it Friday.")
    kept = [
        w
        for i, w in enumerate(words)
        if not (i and words[i - 1] == "not")
        and not (w == "wait" and _NO_BEFORE_WAIT & set(words[:i]))
    ]
    return (
        bool(words)
        and not re.search(r"\d", said)
        and not CONTENT_WORDS & set(kept)
        and _date_and_time(" ".join(kept)) == (None, None)
    )


def garble_outscored(grammar: Result, domain: Result, said: str | None = None) -> bool:
    """Whether a yes/no turn the domain LM won holds a short reading the yes/no grammar's
    answer scored at least as well as: the domain LM won by a rule its words set off (a
    request word, a day: "book a follow you've love" for "Okay, sounds good.", "three a slot
    with" for "yes that works", tuning split at 20 dB SNR, yesno28 round), not by how well
    they fit the audio. Short: under :data:`SENTENCE_AT_ANSWER_WORDS` words, or no longer
    than what Whisper wrote (``said``; under :data:`LONG_ANSWER_WORDS`): a no with its
    reason is as long as a sentence ("Hmm, no, I don't think so." came back "um so i don't
    fifth so", six words for Whisper's six), and a garble no longer than the answer heard
    says nothing more than it."""
    words = len(domain.text.split())
    longest = SENTENCE_AT_ANSWER_WORDS - 1
    if said is not None:
        heard = len(re.findall(r"[a-z']+", said.lower()))
        longest = max(longest, min(heard, LONG_ANSWER_WORDS - 1))
    return (
        grammars.answer_polarity(grammar.text) is not None
        and 0 < words <= longest
        and grammar.log_score >= domain.log_score
    )


def neither_side(domain_text: str) -> bool:
    """Whether a domain-LM reading of a yes/no turn holds no word of either side, firm or
    loose (:data:`YES_NO_WORDS`, :data:`LOOSE_YES_WORDS`): a garble the dialogue reads no
    answer in ("the fifth oh five other the fifth" for "Um, no, I'd rather leave it.", "the
    i'm three in the" for "Hmm, not really.", tuning split at 20 dB), asked again as it
    stands."""
    words = set(domain_text.split())
    return bool(words) and not (YES_NO_WORDS | LOOSE_YES_WORDS) & words


NO_ASIDE_WORDS = (ACTION_WORDS - frozenset(["actually", "instead", "never", "back"])) | frozenset(
    ["what", "when", "which"]
)
"""Words that make a transcript's no more than a no (:func:`a_no_alone`): a request ("no,
cancel it"), someone asked for, a question ("no, which one was it?"). Not "actually",
"instead", "never" or "back" ("No, actually, leave it.", "No, never mind.", "No, I'll
call back."): a no all the same."""

_ONE_AFTER = frozenset(["that", "this", "other"])


def a_no_alone(said: str, grammar_text: str = "") -> bool:
    """Whether a transcript of a yes/no turn is a no and nothing the dialogue would act on
    besides: its side a no (:func:`.second_opinion.whisper_polarity`), no digit, no day or
    time (but for the word straight after a "not": "No, not today."), no request or
    question (:data:`NO_ASIDE_WORDS`); "one" after "that", "this", "other" is the one
    meant, not an hour ("No, not that one."), and a reason or softening stays the no's
    ("Um, no, I'd rather leave it.", "Hmm, no, I don't think so.", "No, no, wait a
    second."). Not a "not" heard for the "that's" of the grammar's "that's <word>" ("Not
    right." for en-gb-scotland's "That's right.", "not correct" for "that's correct",
    tuning split): the one confusion Whisper makes of a yes into a no."""
    if second_opinion.whisper_polarity(said) is not False or re.search(r"\d", said):
        return False
    words = re.findall(r"[a-z']+", said.lower())
    heard = grammar_text.split()
    for i, word in enumerate(words):
        if word in second_opinion.NO_WORDS:
            after = words[i + 1 : i + 2]
            if word == "not" and after and f"that's {after[0]}" in " ".join(heard):
                return False
            break
    kept = [
        w
        for i, w in enumerate(words)
        if not (i and words[i - 1] == "not")
        and not (w == "one" and i and words[i - 1] in _ONE_AFTER)
    ]
    if (NO_ASIDE_WORDS | TIME_WORDS) & set(kept):
        return False
    return _date_and_time(" ".join(kept)) == (None, None)


DENIAL_HEARD_WORDS = frozenset(["no", "nope", "nah", "wrong"])
"""Words in a domain-LM reading that vouch for a no the yes/no grammar heard, against
Whisper's yes. Not "not": the domain LM and the grammar both wrote "not" for the "that's" of
two tuning voices' "That's right" ("not right", "not really"), which Whisper heard whole."""


def denial_heard(domain_text: str) -> bool:
    """Whether the domain LM heard a no word (:data:`DENIAL_HEARD_WORDS`) in a yes/no turn."""
    return bool(DENIAL_HEARD_WORDS & set(domain_text.split()))


SHORT_NO = "nah"
"""The yes/no grammar's shortest no, the one a hesitation is forced into: "Um, right." came
back "nah bye", "That's right." "nah bye", "that's correct" and "Uh-huh." "nah" (tuning
split, clean to 10 dB, yesno31 round): taken only where a second reader vouches for it
(:meth:`Utterance._short_no_vouched`)."""

THATS_AS_NOT = frozenset(["right", "correct", "fine", "good", "okay", "sure"])
"""Yes words Whisper writes after a "not" it made of the "that's" before them ("Not right."
for "That's right.", "Not to correct." for "that's correct": :func:`plain_no`)."""

_HESITATIONS = frozenset([*grammars.ANSWER_LEADS, "ah", "oh", "mm", "hm", "well"])


def said_no(answer: Result) -> bool:
    """Whether a yes/no turn's reading is the grammar's no, alone (source the yes/no search)
    or with the day or time said with it (:data:`TIME_SOURCE`: "no three p m")."""
    if answer.source == TIME_SOURCE:
        return answer.text.split()[:1] == ["no"]
    return (
        answer.source == grammars.YES_NO_SEARCH and grammars.answer_polarity(answer.text) is False
    )


def plain_no(said: str) -> bool:
    """Whether a transcript of a yes/no turn holds a no (:func:`.second_opinion.whisper_polarity`)
    other than the one Whisper makes of "that's <yes word>": a "not" said first (a hesitation
    aside) with a yes word (:data:`THATS_AS_NOT`) in the two words after it - "Not right." for
    en-gb-scotland's "That's right.", "Not to correct." for en-029+m2's "that's correct"
    (tuning split). "No.", "Uh, no.", "Not really.", "Not quite, no.", "No, not right." and
    "That's not right." are plain noes."""
    if second_opinion.whisper_polarity(said) is not False:
        return False
    words = re.findall(r"[a-z']+", second_opinion.UNSURE.sub(" ", said.lower()))
    for i, word in enumerate(words):
        if word in second_opinion.NO_WORDS:
            first = not [w for w in words[:i] if w not in _HESITATIONS]
            return not (word == "not" and first and THATS_AS_NOT & set(words[i + 1 : i + 3]))
    return False


def not_for_thats(said: str) -> bool:
    """Whether Whisper's no in a transcript is only the "not" it writes for the "that's" of
    "that's <yes word>": a "not" said first (a hesitation aside) with a yes word
    (:data:`THATS_AS_NOT`) in the two words after it - "Um, not to correct." for "Um, that's
    correct.", "Not right." for "That's right." (tuning split). Such a no is no second
    reader's no for a yes the grammar heard (:meth:`Utterance._vouched_no`,
    :meth:`Utterance._answer_opinion`): the readers disagree, and the turn is asked again.
    "Not really.", "No, not right.", "That's not right." and "Not today." are not this."""
    if second_opinion.whisper_polarity(said) is not False:
        return False
    words = re.findall(r"[a-z']+", second_opinion.UNSURE.sub(" ", said.lower()))
    rest = [w for w in words if w not in _HESITATIONS]
    return rest[:1] == ["not"] and bool(THATS_AS_NOT & set(rest[1:3]))


SCORE_HOOK: Any = None
"""Benchmarks only: called with (grammar text, yes-side result, no-side result)."""


LEAVE_TAKING_WORDS = frozenset(
    ["bye", "goodbye", "cheers", "cheerio", "ta", "thanks", "thank", "you", "then", "now", "love"]
)
"""Words of a goodbye said with no answer. "Cheers, bye." to "Shall I book Friday, December
4th at 11 AM?" came back "yes bye" from the yes/no grammar ("cheers" forced into "yes"), "t is
my" from the domain LM and "Cheers, bye!" from Whisper, and booked (voice47, fresh70's
recorded f70-c04, tuned voice en-us+f2): an unconfirmed change."""


def leave_taking_alone(said: str) -> bool:
    """Whether Whisper's transcript of a yes/no answer is a goodbye and nothing else
    (:data:`LEAVE_TAKING_WORDS`, a "bye" among them): "Cheers, bye!", "Thanks, bye then";
    not "Please, bye" nor "Lovely, thanks, bye"."""
    words = re.findall(r"[a-z']+", said.lower())
    return (
        bool(words) and set(words) <= LEAVE_TAKING_WORDS and bool({"bye", "goodbye"} & set(words))
    )


def firm_yes_needed(
    search: str, grammar_text: str, checked: Mapping[str, float] = YES_OVER_NO
) -> bool:
    """Whether a yes/no turn's grammar answer is a yes that sounds like a no
    (:data:`YES_OVER_NO`), to be checked against the same audio heard as a no: a wrong yes
    books."""
    return search == grammars.YES_NO_SEARCH and grammars.answer_of(grammar_text) in checked


def keep_grammar(search: str, grammar: Result, domain: Result, margin: float) -> bool:
    """Whether a grammar's result stands against the domain LM's on the same audio."""
    if not grammar.text or said_something_else(search, grammar.text, domain.text):
        return False
    if said_more_than_an_answer(search, grammar.text, domain.text):
        return False
    if search == grammars.DATE_TIME_SEARCH and grammars.is_closing(grammar.text):
        # a goodbye ends the call: the grammar's own reading of one is not enough
        return closes_too(domain.text)
    if only_an_answer(search, domain.text) or said_goodbye(search, grammar.text, domain.text):
        return False
    if corrects_instead(search, domain.text) or asks_instead(search, domain.text):
        return False
    return (
        grammar.log_score - domain.log_score >= margin
        or answered(search, grammar.text, domain.text)
        or digit_like(search, domain.text)
        or same_date_or_time(search, grammar.text, domain.text)
    )


def clean(text: str) -> str:
    """A hypothesis without fillers and noise words, lower case, with the digit grammars'
    pronunciation words written as their digits ("seven_1" -> "seven")."""
    words = [w.lower() for w in text.split() if w[0] not in "<[_"]
    return " ".join(grammars.VARIANT_WORDS.get(w, w) for w in words)


def _result(decoder: Any, source: str) -> Result:
    hyp = decoder.hyp()
    if hyp is None:
        return Result("", 0.0, -math.inf, source)
    score = float(hyp.score)  # pocketsphinx returns exp(log score): take the log back
    log_score = math.log(score) if score > 0 else -math.inf
    try:
        confidence = float(decoder.get_prob())
    except Exception:  # noqa: BLE001 - confidence is best effort
        confidence = 0.0
    return Result(clean(hyp.hypstr), max(0.0, min(1.0, confidence)), log_score, source)


def _new_decoder(cfg: RecognizerConfig, lm: str | None, dict_path: str) -> Any:
    from pocketsphinx import Decoder

    options: dict[str, Any] = {
        "hmm": cfg.hmm,
        "dict": dict_path,
        "cmn": "live",
        "cmninit": cfg.cmninit,
        "samprate": SAMPLE_RATE,
        # the second (flat-lexicon) pass made domain WER worse (0.194 -> 0.231 on a
        # 299-word espeak set), doubled CPU and costs ~175 ms at end of an 8 s utterance
        "fwdflat": False,
        "loglevel": "FATAL",  # "no match for the grammar" is an expected outcome
    }
    if lm is not None:
        options["lm"] = lm
    options.update(dict(cfg.decoder_config))
    if lm is None and cfg.grammar_beams:
        options.update(GRAMMAR_BEAMS)
    return Decoder(**options)


EXTRA_SEARCHES = 8
"""Searches built on demand that a decoder set keeps (each a few hundred kB)."""


class DecoderSet:
    """The decoders one stream uses: the domain LM, the grammar searches, and optionally the
    general LM. Reused across streams (a worker pools them)."""

    def __init__(
        self,
        cfg: RecognizerConfig,
        reader: second_opinion.DigitReader | None = None,
        free_reader: free_opinion.SentenceReader | None = None,
        name_reader: name_opinion.NameReader | None = None,
        *,
        every_open_turn: bool | None = None,
    ) -> None:
        started = time.perf_counter()
        self.cfg = cfg
        self.second_opinion = reader or second_opinion.load(cfg.second_opinion)
        """Reads a whole phone number again (:attr:`RecognizerConfig.second_opinion`)."""
        self.free_reader = free_reader or free_opinion.load(
            cfg.second_opinion, opening=cfg.opening_opinion
        )
        """Reads open requests and day/time turns again ("whisper-all"), or the opening
        request only (:attr:`RecognizerConfig.opening_opinion`)."""
        if every_open_turn is None:
            every_open_turn = (
                free_reader is not None or cfg.second_opinion == second_opinion.WHISPER_ALL
            )
        self.every_open_turn = every_open_turn
        """Whether :attr:`free_reader` reads every open turn (and numbers said in passing in
        day/time and yes/no turns), not only the opening request (a reader passed in reads
        every one unless told otherwise)."""
        self.name_reader = name_reader or (
            name_opinion.load(cfg.second_opinion)
            if cfg.second_opinion_names and reader is None
            else None
        )
        """Reads name turns again (:attr:`RecognizerConfig.second_opinion_names`; not loaded
        beside a digit reader passed in, as tests pass a fake one)."""
        self.vocabulary = (
            free_opinion.english_words() if self.free_reader is not None else frozenset()
        )
        """English words (the full pronunciation dictionary's): Whisper's reading of an open
        turn must be in them to stand."""
        self.domain = _new_decoder(cfg, cfg.domain_lm, cfg.dict_path)
        self.context: Any = None
        if cfg.context:
            self.context = _new_decoder(cfg, None, cfg.grammar_dict_path or cfg.dict_path)
            # with bestpath on while a grammar is added, hyp() takes seconds per utterance
            self.context.config["bestpath"] = False
            for grammar in grammars.all_grammars():
                self.context.add_jsgf_string(grammar.name, grammar.jsgf)
            self.context.activate_search(grammars.all_grammars()[0].name)
        self.general: Any = None
        if cfg.general_lm:
            self.general = _new_decoder(cfg, cfg.general_lm, cfg.general_dict or cfg.dict_path)
        self._added: OrderedDict[str, None] = OrderedDict()
        self.base_warp = float(dict(cfg.decoder_config).get("warp_params", 1.0))
        """The warp the decoders were built with (1.0 unless ``decoder_config`` sets one)."""
        self.warp = self.base_warp
        self.load_seconds = time.perf_counter() - started

    def decoders(self) -> list[Any]:
        return [dec for dec in (self.domain, self.context, self.general) if dec is not None]

    def set_warp(self, warp: float) -> None:
        """Warp every decoder's front end (pocketsphinx ``inverse_linear``), keeping each
        decoder's running cepstral mean. Between utterances only."""
        if warp == self.warp:
            return
        for dec in self.decoders():
            cmn = dec.get_cmn()
            dec.config["warp_params"] = f"{warp:g}"
            dec.reinit_feat()
            dec.set_cmn(cmn)
        self.warp = warp

    def cmns(self) -> list[str]:
        return [dec.get_cmn() for dec in self.decoders()]

    def set_cmns(self, cmns: Sequence[str]) -> None:
        for dec, cmn in zip(self.decoders(), cmns, strict=True):
            dec.set_cmn(cmn)

    def ensure(self, search: str) -> str:
        """Make sure a search built on demand (a phone grammar without rejected readings)
        is in the grammar decoder; returns the search to use (the fixed one it derives from
        if it cannot be built). Between utterances only: a decoder cannot change searches
        mid-utterance. Keeps the most recent :data:`EXTRA_SEARCHES`."""
        if self.context is None or search == grammars.DOMAIN_SEARCH:
            return search
        if search in self._added:
            self._added.move_to_end(search)
            return search
        grammar = grammars.grammar_named(search)
        if grammar is None:
            return grammars.base_search(search)
        self.context.add_jsgf_string(grammar.name, grammar.jsgf)
        self._added[search] = None
        while len(self._added) > EXTRA_SEARCHES:
            old, _ = self._added.popitem(last=False)
            self.context.remove_search(old)
        return search

    def reset_cmn(self) -> None:
        for dec in (self.domain, self.context, self.general):
            if dec is not None:
                dec.set_cmn(self.cfg.cmninit)

    def reset(self) -> None:
        """For a new caller: the initial cepstral mean and the decoders' own warp (a
        caller's warp, :class:`StreamRecognizer`, must not reach the next one)."""
        self.set_warp(self.base_warp)
        self.reset_cmn()


class Utterance:
    """One utterance being decoded: the domain decoder, plus a grammar decoder in a grammar
    turn, fed the same audio."""

    def __init__(
        self,
        decoders: DecoderSet,
        search: str,
        rejected: tuple[str, ...] = (),
        earlier: tuple[bytes, ...] = (),
        *,
        opening: bool = False,
        noise: npt.NDArray[np.float64] | None = None,
    ) -> None:
        self.decoders = decoders
        self.opening = opening
        self.noise = noise
        """The line's noise spectrum this digit turn is filtered of (None: heard as it came;
        :attr:`RecognizerConfig.denoise`)."""
        mode = decoders.cfg.denoise if noise is not None else DENOISE_OFF
        self.noise_filter = (
            denoise.NoiseFilter(noise)
            if noise is not None and mode in (DENOISE_SPHINX, DENOISE_BOTH)
            else None
        )
        """Filters the audio as it comes, for the decoders and the audio kept."""
        self.whisper_noise = noise if mode == DENOISE_WHISPER else None
        """The noise spectrum Whisper's digit reading alone is filtered of."""
        self.raw_audio: list[bytes] | None = [] if mode == DENOISE_SPHINX else None
        """The audio as it came, for Whisper, where only pocketsphinx hears it filtered."""
        """Whether this is the call's opening request (:attr:`RecognizerConfig.opening_opinion`)."""
        search = decoders.ensure(search)
        self.search = search
        self.rejected = rejected
        self.grammar = decoders.context if search != grammars.DOMAIN_SEARCH else None
        if self.grammar is not None:
            self.grammar.activate_search(search)
            self.grammar.start_utt()
        decoders.domain.start_utt()
        general = decoders.general
        self.parallel_general = general if decoders.cfg.general_always else None
        if self.parallel_general is not None:
            self.parallel_general.start_utt()
        # the general LM re-decodes an utterance the domain LM heard nothing in, and the
        # number grammar the stretch of an open turn where it heard a run of digits
        self.number_search = (
            decoders.context is not None
            and decoders.cfg.number_in_request
            and search == grammars.DOMAIN_SEARCH
        )
        self.group = (
            self.grammar is not None
            and decoders.cfg.repeated_groups
            and grammars.base_search(search) in GROUP_SEARCHES
        )
        self.earlier = earlier if self.group else ()
        self.said_more = False
        self.second_digits = (
            second_opinion_digits(decoders.cfg.second_opinion_on, search)
            if self.grammar is not None and decoders.second_opinion is not None
            else 0
        )
        """Digits the second recogniser must hear for its reading to count (0: not asked)."""
        # Whisper reads an open turn again; a day/time or yes/no turn only for a number the
        # domain LM heard in it (the date grammar hears days and times better than Whisper)
        self.free_turn = (
            decoders.free_reader is not None
            and search == grammars.DOMAIN_SEARCH
            and (decoders.every_open_turn or opening)
        )
        self.number_turn = (
            decoders.free_reader is not None
            and decoders.every_open_turn
            and grammars.base_search(search) in (grammars.DATE_TIME_SEARCH, grammars.YES_NO_SEARCH)
        )
        self.name_turn = search in NAME_TURNS
        self.readings: dict[str, str] = {}
        """Each reader's words for this utterance, by reader ("domain", "grammar", "whisper",
        "whisper_name", ...), for :attr:`RecognizerConfig.keep_readings`."""
        self.spelling_heard: tuple[str, str | None, bool] | None = None
        """At a spelling turn Whisper read: the letter grammar's reading (or the domain LM's,
        where it won), Whisper's (None: not read), and whether the grammar won."""
        self.whisper_heard = ""
        """The digits Whisper read in this utterance, as it read them ("": not read)."""
        self.whisper_written = ""
        """Whisper's transcript of this digit turn, as it wrote it ("": not read)."""
        self.whisper_read = False
        self._answer_said: list[str | None] = []
        """Whisper's transcript of this yes/no answer, once read (:meth:`_whisper_said`;
        None: skipped)."""
        """Whether Whisper read this utterance's number (False: not asked, or skipped)."""
        self.whisper_sure: tuple[float, ...] = ()
        """How sure Whisper was of each digit of :attr:`whisper_heard` (where it says)."""
        self.whisper_half = False
        """Whether :attr:`whisper_heard` holds digits Whisper half heard, chosen by the
        grammar decoder (:meth:`half_heard`)."""
        self.first_heard = ""
        """The digits pocketsphinx read, where Whisper was asked about them."""
        self.domain_heard = ""
        self.domain_text = ""
        """The domain LM's reading of this utterance, once finished."""
        """The whole number the domain LM heard in this utterance ("": none)."""
        self.digit_read = ""
        """The one run of nine or ten digits Whisper's digit reader read in a line
        (:meth:`opening_number`; "": not read, or no such run)."""
        self.digit_sure: tuple[float, ...] = ()
        """How sure the digit reader was of each digit of :attr:`digit_read`."""
        self.domain_segments: list[tuple[str, int, int]] = []
        """The domain LM's words with their first and last frames, on a line turn
        (:attr:`RecognizerConfig.line_number`)."""
        self.audio: list[bytes] | None = (
            []
            if self.number_search
            or (search in NAME_TURNS and decoders.name_reader is not None)
            or self.second_digits
            or self.free_turn
            or self.number_turn
            or self.group
            or search == grammars.YES_NO_SEARCH
            or (general is not None and self.parallel_general is None)
            else None
        )
        self.day_audio: list[bytes] | None = (
            []
            if self.audio is None
            and grammars.base_search(search) == grammars.DATE_TIME_SEARCH
            and decoders.cfg.weekday_vote
            and decoders.second_opinion is not None
            else None
        )
        """A date/time turn's audio kept apart from :attr:`audio` (which other rules read
        when it is kept), only for Whisper's vote on a weekday two readers disagree on
        (:func:`weekday_vouched`)."""
        cfg = decoders.cfg
        self.yes_over_no = dict(cfg.yes_over_no)
        self.warp_audio: list[bytes] | None = None
        self.cmn_start = ""
        if self.grammar is not None and (
            search == grammars.YES_NO_SEARCH
            or self.earlier
            or self.second_digits == 10
            or (self.second_digits and cfg.group_fill_in)
        ):
            self.cmn_start = self.grammar.get_cmn()
        if (
            self.grammar is not None
            and cfg.digit_warps
            and search.startswith(grammars.PHONE_SEARCH)
            and (cfg.digit_warps_on == "all" or rejected)
        ):
            self.warp_audio = []
            self.cmn_start = self.grammar.get_cmn()

    def process(self, data: bytes) -> None:
        if self.raw_audio is not None:
            self.raw_audio.append(data)
        if self.noise_filter is not None:
            data = self.noise_filter.push(np.frombuffer(data, dtype=np.int16)).tobytes()
        for start in range(0, len(data), SLICE_BYTES):
            piece = data[start : start + SLICE_BYTES]
            self.decoders.domain.process_raw(piece, False, False)
            if self.grammar is not None:
                self.grammar.process_raw(piece, False, False)
            if self.parallel_general is not None:
                self.parallel_general.process_raw(piece, False, False)
        if self.audio is not None:
            self.audio.append(data)
        if self.day_audio is not None:
            self.day_audio.append(data)
        if self.warp_audio is not None:
            self.warp_audio.append(data)

    def stop(self) -> None:
        """End the decoders' utterance, with no result."""
        self.decoders.domain.end_utt()
        if self.grammar is not None:
            self.grammar.end_utt()
        if self.parallel_general is not None:
            self.parallel_general.end_utt()

    def partial(self) -> str:
        hyp = (self.grammar or self.decoders.domain).hyp()
        return clean(hyp.hypstr) if hyp is not None else ""

    def finish(self, margin: float, *, narrowband: bool = False) -> Result:
        """The result; a grammar's only if its score beats the domain LM's by ``margin``; on
        a ``narrowband`` line, optionally, Whisper's side of a yes/no (:meth:`_line_opinion`)."""
        best = self._finish(margin)
        if narrowband and self.audio and self.decoders.cfg.narrowband_opinion:
            best = self._line_opinion(best)
        best = self.weigh_number(best)
        cfg = self.decoders.cfg
        if cfg.opening_number and (self.opening or (cfg.line_number and self.in_line(best))):
            best = self.opening_number(best)
        if cfg.line_number and self.in_line(best):
            best = self.line_number(best)
        if self.decoders.cfg.name_with_number and self.name_unheard(best):
            best = replace(best, name_unheard=True)
        return best

    def weigh_number(self, best: Result) -> Result:
        """``best``, marked :attr:`Result.unsure` where it holds a whole phone number (ten
        digits) pocketsphinx and Whisper did not both read: Whisper read other digits and
        the grammar's reading was kept, was not asked or was skipped (the worker busy), or
        heard it one digit short and pocketsphinx's reading did not hold Whisper's digits in
        order (the missing digit put back by :meth:`filled_in` is still the grammar's choice
        between readings). Whisper's own ten digits, taken, are marked
        :attr:`Result.one_reader` instead: it leaves digits out and was rarely found to hear
        a wrong one in a ten-digit reading, so they are looked up, but with no account to
        vouch for them they are heard again before one is opened - unless Whisper was sure of
        every digit (:func:`read_back_fair`): then they stand, and are read back as any new
        caller's number is, the caller's yes taking them. Where Whisper heard
        one digit short and pocketsphinx's reading, kept, holds its nine digits in order
        ("five five" heard "5"), they agree. Only where the recogniser has a second reader:
        without one every number would be unsure."""
        if self.decoders.second_opinion is None and self.decoders.free_reader is None:
            return best
        number = number_in(best.text)
        if len(number) != 10:
            return best
        whisper = self.whisper_heard
        cfg = self.decoders.cfg
        short = len(whisper) == 9 and second_opinion.holds_in_order(number, whisper)
        collapsed = short and second_opinion.run_shortened(number, whisper)
        domain = self.domain_heard
        if (
            cfg.domain_witness
            and self.second_digits == 10
            and domain not in self.rejected
            and (number == domain or best.source == self.search)
            and domain_witnessed(domain, self.whisper_written)
        ):
            # the domain LM's ten, and Whisper's digit reader the same less one digit of a
            # run (or the first written as a word): the grammar, forced to put a name said
            # first into digits, and its filling of Whisper's nine, are no reading here
            if number == domain:
                return best
            return replace(best, text=second_opinion.digit_words(domain))
        if self.whisper_half:
            # digits Whisper half heard, chosen by the grammar, are no second reading of their
            # own: held out, one such reading the grammar vouched for was a wrong number
            return replace(best, unsure=True)
        if number == self.first_heard and (
            number == whisper or (short and (collapsed or not cfg.number_neighbours))
        ):
            weak = weak_group(number, whisper, self.whisper_sure, cfg.weak_digit)
            return best if weak is None else replace(best, weak_group=weak)
        if (
            cfg.number_neighbours
            and best.source == self.search
            and (number == whisper or (collapsed and number != self.first_heard))
            and self.neighbours_confirm(number)
        ):
            # Whisper's reading (or its nine digits with a repeat put back), and the grammar,
            # asked again to choose between it and every reading one digit away, chose it
            return best
        if (
            number == whisper
            and best.source == self.search
            and (
                surely_over(whisper, self.first_heard, self.whisper_sure, cfg.sure_whisper)
                or read_back_fair(whisper, self.whisper_sure, cfg.read_back_sure)
                or witnessed_or_sure(
                    whisper, self.first_heard, self.whisper_sure, cfg.witnessed_sure
                )
            )
        ):
            # Whisper's ten digits, where it was sure of each digit the grammar put otherwise
            return best
        if number == whisper and best.source == self.search:
            # Whisper's own ten digits, taken over the grammar's: right 35 of 35 (numbers4)
            # and 28 of 28 (voicenum7) on the tuning split, but "five five five, oh one nine
            # four" came back "... four one nine four" (a stranger's call opened an account
            # on it): one reader, so looked up, but asked again before an account is opened
            return replace(best, one_reader=True)
        return replace(best, unsure=True)

    def opening_number(self, best: Result) -> Result:
        """``best``, the opening request's reading (weighed by :meth:`weigh_number`), with
        the phone number said in it as Whisper's digit reader reads the whole opening again
        (:attr:`RecognizerConfig.opening_number`): where ``best`` holds no whole number
        agreed and any reader heard digits in it. Its one run of ten digits, or of nine
        that one ten-digit reading holds with a digit of a run left out, stands: agreed
        where pocketsphinx read those ten digits (:attr:`first_heard`, :attr:`domain_heard`),
        one reader's where only Whisper's sentence did (:attr:`whisper_heard`) or the digit
        reader was :attr:`RecognizerConfig.read_back_sure` sure of each digit; else, or
        where the read is skipped, ``best`` as it was."""
        reader = self.decoders.second_opinion
        taken = number_in(best.text)
        agreed = not (best.unsure or best.one_reader or best.weak_group is not None)
        if reader is None or not self.audio or (len(taken) == 10 and agreed):
            return best
        sphinx = {n for n in (self.first_heard, self.domain_heard) if len(n) == 10}
        whisper = {self.whisper_heard} if len(self.whisper_heard) == 10 else set()
        if not (sphinx or whisper or taken) and all(
            len(run) < NUMBER_RUN_DIGITS for _, run in second_opinion.digit_runs(best.text)
        ):
            return best
        samples = np.frombuffer(b"".join(self.audio), dtype=np.int16)
        with second_opinion.patient(self.decoders.cfg.number_waits):
            scored = reader.scored(samples)
        if scored is None:
            return best
        runs = [
            (at, run) for at, run in second_opinion.digit_runs(scored.text) if len(run) in (9, 10)
        ]
        if len(runs) != 1:
            return best
        at, read = runs[0]
        self.digit_read = read
        sure = tuple(scored.digit_probabilities[at : at + len(read)])
        self.digit_sure = sure
        digits = read
        if len(read) == 9:
            held = {n for n in sphinx | whisper if second_opinion.run_shortened(n, digits)}
            if len(held) != 1:
                return best
            (digits,) = held
            fair = False
        else:
            fair = read_back_fair(digits, sure, self.decoders.cfg.read_back_sure)
        if digits in self.rejected or not (digits in sphinx or digits in whisper or fair):
            return best
        # the digit reader's reading is Whisper's from here on (:meth:`number_readings`)
        self.whisper_heard, self.whisper_sure = read, sure
        words = best.text.split()
        span = number_run(words)
        said = second_opinion.digit_words(digits)
        text = (
            free_opinion.with_whisper_number(words, span, digits)
            if span is not None
            else f"{best.text} {said}".strip()
        )
        return replace(
            best, text=text, unsure=False, one_reader=digits not in sphinx, weak_group=None
        )

    def in_line(self, best: Result) -> bool:
        """Whether ``best`` holds a whole number said inside a line that is no number turn
        (no digit reading of Whisper's asked there), not yet agreed."""
        return (
            self.second_digits == 0
            and not self.search.startswith(grammars.PHONE_SEARCH)
            and bool(self.audio)
            and bool(self.domain_segments)
            and len(number_in(best.text)) == 10
            and (best.unsure or best.one_reader or best.weak_group is not None)
        )

    def line_number(self, best: Result) -> Result:
        """``best``, a line's whole number (:meth:`in_line`), agreed where it is Whisper's
        ten digits, pocketsphinx's own reading of them (:attr:`first_heard`, or the domain
        LM's) was at most :data:`WITNESS_APART_MAX` digits apart (further apart it heard
        another stretch, and its choice among one-digit neighbours vouches for little), and
        the number grammar on the stretch chooses them over every reading one digit away
        (:meth:`stretch_heard`; :attr:`RecognizerConfig.line_number`), or chooses a reading one
        digit away where pocketsphinx's readers split that digit and Whisper was sure of it
        (:func:`split_by_sphinx`)."""
        taken = number_in(best.text)
        number = taken if taken == self.whisper_heard else ""
        if not number:
            # Whisper's nine digits with "five five five" written "five five", its known
            # collapse: the one reading with that run said three times (the digit reader's,
            # told the digit words, before the sentence reader's)
            short = self.digit_read or self.whisper_heard
            filled = collapsed_runs(short)
            number = filled.pop() if len(filled) == 1 else ""
        if not number or number in self.rejected or not a_line(number):
            return best
        sphinx = [n for n in (self.first_heard, self.domain_heard) if len(n) == 10]
        if not any(
            sum(a != b for a, b in zip(n, number, strict=True)) <= WITNESS_APART_MAX for n in sphinx
        ):
            return best
        heard = self.stretch_heard(number)
        sure = self.number_sure(number)
        cfg = self.decoders.cfg
        if heard != number and not split_by_sphinx(
            number, heard, sphinx, sure, cfg.split_digit_sure
        ):
            return best
        if heard == number and not free_witnessed(number, sphinx, sure, cfg.line_digit_sure):
            return best
        words = best.text.split()
        span = number_run(words)
        if number != taken:
            if span is None:
                return best
            best = replace(best, text=free_opinion.with_whisper_number(words, span, number))
        return replace(best, unsure=False, one_reader=False, weak_group=None)

    def number_sure(self, number: str) -> tuple[float, ...]:
        """How sure Whisper was of each digit of ``number``, a line's whole number: its
        sentence reader's ten as the digit reader read them (:attr:`whisper_sure`), or the
        digit reader's nine with a digit of a run put back (:attr:`digit_sure`, 0 for the
        digit put back); () where no reader says."""
        if number == self.whisper_heard and len(self.whisper_sure) == len(number):
            return tuple(self.whisper_sure)
        read = self.digit_read
        if len(read) == len(number) - 1 and second_opinion.holds_in_order(number, read):
            return _filled_sure(number, read, self.digit_sure)
        return ()

    def stretch_heard(self, number: str) -> str:
        """The digits the number grammar hears on the stretch of this line's audio where the
        domain LM put its run of digits (:func:`number_run`, a little either side), given
        the choice only between ``number`` and every reading one digit away from it
        (:func:`.grammars.neighbour_grammar`); "" where it cannot be asked. The decoder's
        search and running mean are put back after."""
        segments = self.domain_segments
        words = [word for word, _, _ in segments]
        span = number_run(words)
        grammar = grammars.neighbour_grammar(number)
        decoder = self.decoders.context
        if span is None or grammar is None or decoder is None or not self.audio:
            return ""
        # a run the domain LM heard short ("... zero one five park" for "... zero one five
        # four") ends as many words later as it is short
        first, last = span
        short = len(number) - sum(w in DIGIT_LIKE_WORDS for w in words[first : last + 1])
        last = min(len(words) - 1, last + max(0, short))
        audio = b"".join(self.audio)
        cut_from = max(0, segments[first][1] - NUMBER_CUT_BEFORE) * FRAME_BYTES
        cut_to = (segments[last][2] + 1 + NUMBER_CUT_AFTER) * FRAME_BYTES
        pad = NoiseFloor(self.decoders.cfg.noise_floor).silence(SAMPLE_RATE // 5).tobytes()
        cmn_after = decoder.get_cmn()
        search_after = decoder.current_search()
        try:
            decoder.add_jsgf_string(grammar.name, grammar.jsgf)
            decoder.activate_search(grammar.name)
            if self.cmn_start:
                decoder.set_cmn(self.cmn_start)
            decoder.start_utt()
            decoder.process_raw(pad + audio[cut_from:cut_to] + pad, False, True)
            decoder.end_utt()
            heard = _result(decoder, grammar.name).text
        finally:
            decoder.activate_search(search_after)
            decoder.remove_search(grammar.name)
            decoder.set_cmn(cmn_after)
        return spoken_digits(heard)

    def neighbours_confirm(self, number: str) -> bool:
        """Whether the grammar decoder, given the choice only between ``number`` and each
        reading one digit away from it (:func:`.grammars.neighbour_grammar`), hears
        ``number`` in this utterance's audio, decoded again from the cepstral mean it started
        with. Its own free reading of a blind voice's number often differs in a whole group
        ("three zero three three" for "five five five") where Whisper's is right; asked about
        each digit of Whisper's reading in turn, it vouches for it, or names a digit that
        sounds otherwise."""
        decoder = self.grammar
        grammar = grammars.neighbour_grammar(number, named=self.named_first())
        if decoder is None or grammar is None or not self.audio or not self.cmn_start:
            return False
        return spoken_digits(self._decoded_again(decoder, grammar)) == number

    def named_first(self) -> bool:
        """Whether Whisper wrote words before the number at this digit turn, not a carrier
        phrase ("Lena Fischer, 617-555-2511." came back "lean a fish or six one seven ..."):
        a name said first, which the neighbour grammar then has a path for."""
        words = re.findall(r"[a-z]+(?:'[a-z]+)*|\d", self.whisper_written.lower())
        first = next((i for i, w in enumerate(words) if w in _NUMBER_START), len(words))
        lead = [w for w in words[:first] if w not in _CARRIER_WORDS]
        return len(lead) >= NAMED_LEAD_WORDS

    def name_unheard(self, best: Result) -> bool:
        """Whether ``best``, a whole number taken at a whole-number turn, came after a name
        the caller said first that nothing here reads: one of the words Whisper wrote before
        the number is none a caller says while finding or introducing their number ("hang
        on, let me check, ...") nor one it writes for a digit half heard or misheard ("it's
        time one seven ..." for "it's nine one seven ...", "fine" for five). One is enough:
        Whisper ran "its Gareth Lyle, 617 ..." together as "it's caratlie six one seven ..."
        (so not :meth:`named_first`)."""
        if self.second_digits != 10 or len(number_in(best.text)) != 10:
            return False
        words = re.findall(r"[a-z]+(?:'[a-z]+)*|\d", self.whisper_written.lower())
        first = next((i for i, w in enumerate(words) if w in _NUMBER_START), len(words))
        return any(
            w not in _CARRIER_WORDS and w not in _NOT_A_NAME and w not in second_opinion.HALF_HEARD
            for w in words[:first]
        )

    def _decoded_again(self, decoder: Any, grammar: grammars.Grammar) -> str:
        """This utterance's audio decoded again by ``decoder`` with ``grammar`` alone, from
        the cepstral mean the utterance started with; the decoder's search and running mean
        are put back after."""
        cmn_after = decoder.get_cmn()
        try:
            decoder.add_jsgf_string(grammar.name, grammar.jsgf)
            decoder.activate_search(grammar.name)
            decoder.set_cmn(self.cmn_start)
            decoder.start_utt()
            decoder.process_raw(b"".join(self.audio or []), False, True)
            decoder.end_utt()
            return _result(decoder, self.search).text
        finally:
            decoder.activate_search(self.search)
            decoder.remove_search(grammar.name)
            decoder.set_cmn(cmn_after)

    def number_readings(self, best: Result) -> tuple[NumberReading, ...]:
        """The whole numbers (ten digits) this utterance's readers heard, each with which
        acoustic model read it (:class:`NumberReading`): Whisper's first, then the one taken
        in ``best``, pocketsphinx's reading Whisper was asked about, the domain LM's. The
        one taken is Whisper's where it is Whisper's nine digits with a digit the grammar
        put back (:meth:`filled_in`: the grammar placed a digit, it did not read the rest),
        else pocketsphinx's (its grammar's, decoded again or not)."""
        whisper = self.whisper_heard
        taken = number_in(best.text)
        sure = tuple(self.whisper_sure) if len(self.whisper_sure) == len(whisper) else ()
        filled = (
            len(whisper) == 9
            and len(taken) == 10
            and second_opinion.holds_in_order(taken, whisper)
            and taken not in (self.first_heard, self.domain_heard)
        )
        readings = [
            NumberReading(whisper, whisper=True, sure=sure),
            NumberReading(
                taken,
                whisper=True,
                sure=_filled_sure(taken, whisper, sure),
                put_back=unread_digits(taken, whisper),
            )
            if filled
            else NumberReading(taken, whisper=taken == whisper, sphinx=taken != whisper),
            NumberReading(self.first_heard, sphinx=True),
            NumberReading(self.domain_heard, sphinx=True),
        ]
        seen: dict[str, NumberReading] = {}
        for reading in readings:
            if len(reading.digits) == 10:
                had = seen.get(reading.digits)
                seen[reading.digits] = reading if had is None else had.joined(reading)
        return tuple(seen.values())

    def _line_opinion(self, best: Result) -> Result:
        """On a phone line, a yes/no answer takes Whisper's side where it heard one other
        than ``best``'s (:mod:`.narrowband`); every other turn keeps ``best``."""
        reader = self.decoders.second_opinion
        if grammars.base_search(self.search) != grammars.YES_NO_SEARCH or reader is None:
            return best
        samples = np.frombuffer(b"".join(self.audio or []), dtype=np.int16)
        side = narrowband.answer_side(reader.answer(samples), grammars.answer_polarity(best.text))
        if side is None:
            return best
        other = self._one_side(side, best)
        text = other.text if other is not best else ("yes" if side else "no")
        return Result(text, other.confidence, best.log_score, narrowband.SOURCE)

    def _finish(self, margin: float) -> Result:
        self.decoders.domain.end_utt()
        domain = _result(self.decoders.domain, grammars.DOMAIN_SEARCH)
        if self.decoders.cfg.alike_digits:
            domain = replace(domain, text=alikes_as_digits(domain.text))
        self.domain_heard = number_in(domain.text)
        self.domain_text = domain.text
        self.readings["domain"] = domain.text
        if self.decoders.cfg.line_number and self.second_digits == 0 and self.audio:
            # where the domain LM put each word, for a number said in the line
            # (:meth:`stretch_heard`); a segment names the pronunciation ("two(2)")
            self.domain_segments = [
                (clean(seg.word.split("(", 1)[0]), seg.start_frame, seg.end_frame)
                for seg in self.decoders.domain.seg()
                if seg.word and seg.word[0] not in "<[_"
            ]
        best = domain
        grammar = EMPTY
        if self.grammar is not None:
            self.grammar.end_utt()
            grammar = _result(self.grammar, self.search)
            self.readings["grammar"] = f"{self.search}: {grammar.text}"
            if self.earlier and grammar.text:
                grammar = self.repeated(grammar)
            if self.warp_audio is not None and grammar.text:
                grammar = self.warped(grammar)
            # a caller who said more than a yes or no ("yes, that's fine, my number's ...")
            # may have given the number too: the domain reading is searched for it as in an
            # open turn
            self.said_more = self.decoders.cfg.number_in_request and said_more_than_an_answer(
                self.search, grammar.text, domain.text
            )
            if keep_grammar(self.search, grammar, domain, margin) or (
                grammar.text and self.rejected and spoken_digits(domain.text) in self.rejected
            ):
                # the domain LM heard the very reading the caller just said was wrong
                best = grammar
            side = contradicts(self.search, grammar.text, domain.text) if best is grammar else None
            if side is not None and self.audio:
                best = self._one_side(side, grammar)
            elif (
                best is grammar
                and self.audio
                and firm_yes_needed(self.search, grammar.text, self.yes_over_no)
            ):
                best = self._sure_yes(grammar)
                if best is not grammar:
                    best = self._vouched_no(best, domain)
            if (
                best is not domain
                and self.search == grammars.YES_NO_SEARCH
                and self.decoders.cfg.second_opinion_yes_no
                and self.decoders.second_opinion is not None
                and self.audio
            ):
                best = self._answer_opinion(best, domain)
            if (
                best.source == grammars.YES_NO_SEARCH
                and self.decoders.cfg.time_with_answer
                and self.audio
                and time_said_too(self.search, best.text, domain.text)
            ):
                best = self._time_with_answer(best, domain)
            if (
                best.source == grammars.YES_NO_SEARCH
                and self.decoders.cfg.unheard_goodbye
                and goodbye_unheard(self.search, best.text, domain.text)
            ):
                best = Result(
                    grammars.without_closing(best.text),
                    best.confidence,
                    best.log_score,
                    best.source,
                )
            if best is grammar and self.second_digits and self.audio:
                best = self._second_opinion(grammar)
            elif (
                self.second_digits
                and self.audio
                and self.decoders.cfg.second_opinion_on == "always"
            ):
                best = self._second_opinion(best)
            elif best is domain and self.second_digits == 10 and self.audio and domain.text:
                best = self._words_opinion(domain)
                if best is domain and self.decoders.cfg.ending_oh:
                    said = ending_oh_lost(
                        domain.text, self.whisper_written, spoken_digits(grammar.text)
                    )
                    if said:
                        best = replace(domain, text=said)
        if best is domain or best is grammar:
            other = grammar if best is domain else domain
            either = either_weekday(self.search, best.text, other.text)
            if either != best.text:
                vouched = None
                if (
                    self.decoders.cfg.weekday_vote
                    and self.decoders.second_opinion is not None
                    and (self.audio or self.day_audio)
                ):
                    third = self._whisper_day()
                    vouched = weekday_vouched(best.text, other.text, third)
                best = replace(best, text=vouched or either)
        if (
            best is domain
            and self.search == grammars.YES_NO_SEARCH
            and self.decoders.cfg.second_opinion_yes_no
            and self.decoders.second_opinion is not None
            and self.audio
            and (garbled_answer(domain.text) or reads_as_yes(domain.text))
        ):
            best = self._garbled_answer(domain, grammar)
        if (
            self.search == grammars.YES_NO_SEARCH
            and self.decoders.cfg.second_opinion_yes_no
            and self.decoders.second_opinion is not None
            and self.audio
        ):
            best = self._settled_answer(best, grammar, domain)
            if best is domain and neither_side(domain.text):
                best = self._whisper_no(domain, grammar)
        if best.source == grammars.YES_NO_SEARCH and grammars.grunt_answer(best.text):
            best = self._grunt_heard(best, domain)
        elif (
            self.search == grammars.YES_NO_SEARCH
            and best.source == grammars.YES_NO_SEARCH
            and grammars.answer_of(best.text) == SHORT_NO
            and self.decoders.cfg.second_opinion_yes_no
            and self.decoders.second_opinion is not None
            and self.audio
        ):
            best = self._short_no_vouched(best, domain)
        if (
            self.search == grammars.YES_NO_SEARCH
            and self.decoders.cfg.second_opinion_yes_no
            and self.decoders.second_opinion is not None
            and self.audio
        ):
            if best.source == grammars.YES_NO_SEARCH and grammars.closing_in(best.text):
                best = self._goodbye_vouched(best, domain)
            elif best.source == grammars.DOMAIN_SEARCH and goodbye_said(best.text):
                best = self._domain_goodbye_vouched(best)
        if self.name_turn and (best.source == self.search or self.search == grammars.NAME_SEARCH):
            best = self._name_opinion(best, grammar)
            if best.source == UNCLEAR and self.search == grammars.SPELLING_SEARCH:
                best = self._request_for_spelling(best, domain)
        elif self.search == grammars.SPELLING_SEARCH and self.decoders.cfg.resolve_spelling:
            best = self._spelled_over(best)
        sentence = (
            self.free_turn
            or (
                best is domain
                and self.decoders.free_reader is not None
                and self.grammar is not None
                and sentence_at_answer(self.search, domain.text)
            )
            or (
                best is domain
                and self.decoders.free_reader is not None
                and self.decoders.cfg.garbled_open_turn
                and self.search == grammars.DOMAIN_SEARCH
                and spelled_garble(domain.text)
            )
            or (
                best is domain
                and self.decoders.free_reader is not None
                and self.decoders.cfg.particular_open_turn
                and self.search == grammars.DOMAIN_SEARCH
                and particular_said(domain.text)
            )
        )
        if best is domain and self.audio and (self.number_search or self.said_more):
            best = self._number_in_request(domain)
        if self.audio and (
            sentence or (self.number_turn and number_run(best.text.split()) is not None)
        ):
            best = self._free_opinion(best, sentence=sentence)
        if self.parallel_general is not None:
            self.parallel_general.end_utt()
            other = _result(self.parallel_general, "general")
            if other.text and other.log_score - best.log_score > GENERAL_MARGIN:
                best = other
        elif not best.text and self.decoders.general is not None and self.audio:
            general = self.decoders.general
            general.start_utt()
            general.process_raw(b"".join(self.audio), False, True)
            general.end_utt()
            best = _result(general, "general")
        return best

    def warped(self, base: Result) -> Result:
        """The best of ``base`` and the same audio decoded at each of the configured
        frequency warps (from the cepstral mean the utterance started with); the decoder is
        left at the call's warp, with the mean the first pass left. The score compared is the
        grammar's path score; ``base``'s score is kept for the comparison with the domain
        LM, which decoded unwarped audio."""
        decoder = self.grammar
        assert decoder is not None and self.warp_audio is not None
        data = b"".join(self.warp_audio)
        cmn_after = decoder.get_cmn()
        best = base
        try:
            for warp in self.decoders.cfg.digit_warps:
                decoder.config["warp_params"] = f"{warp:g}"
                decoder.reinit_feat()
                decoder.set_cmn(self.cmn_start)
                decoder.start_utt()
                decoder.process_raw(data, False, False)
                decoder.end_utt()
                other = _result(decoder, self.search)
                if other.text and other.log_score > best.log_score:
                    best = other
        finally:
            decoder.config["warp_params"] = f"{self.decoders.warp:g}"
            decoder.reinit_feat()
            decoder.set_cmn(cmn_after)
        if best is base:
            return base
        return Result(best.text, best.confidence, base.log_score, best.source)

    def repeated(self, base: Result) -> Result:
        """The reading that best fits this try of a group and the caller's earlier tries of
        it together (their readings were rejected), in place of ``base``.

        Candidates: this try's reading, and each earlier try's best reading under this
        turn's grammar (which leaves out every reading rejected so far); then every try's
        audio, joined,
        is decoded with a grammar of those candidates each said as many times (one path
        per reading across all tries, :func:`.grammars.repeated_grammar`). A voice misheard
        one way in one try and another way in the next still says the same digits in both.
        ``base``'s score is kept for the comparison with the domain LM."""
        decoder = self.grammar
        assert decoder is not None
        heard = spoken_digits(base.text)
        n = len(heard)
        candidates = {heard}
        cmn_after = decoder.get_cmn()
        name = ""
        try:
            for old in self.earlier:
                decoder.set_cmn(self.cmn_start)
                decoder.start_utt()
                decoder.process_raw(old, False, True)
                decoder.end_utt()
                again = _result(decoder, self.search)
                if len(spoken_digits(again.text)) == n:
                    candidates.add(spoken_digits(again.text))
            if len(candidates) < 2:
                return base
            grammar = grammars.repeated_grammar(candidates, 1 + len(self.earlier))
            if grammar is None:
                return base
            name = grammar.name
            decoder.add_jsgf_string(name, grammar.jsgf)
            decoder.activate_search(name)
            decoder.set_cmn(self.cmn_start)
            decoder.start_utt()
            decoder.process_raw(b"".join([*self.earlier, *(self.audio or [])]), False, True)
            decoder.end_utt()
            joint = _result(decoder, self.search)
        finally:
            decoder.activate_search(self.search)
            if name:
                decoder.remove_search(name)
            decoder.set_cmn(cmn_after)
        reading = spoken_digits(joint.text)[:n]
        if len(reading) != n or reading == spoken_digits(base.text):
            return base
        text = " ".join(grammars.DIGIT_NAMES[d] for d in reading)
        return Result(text, base.confidence, base.log_score, base.source)

    def _second_opinion(self, grammar: Result) -> Result:
        """The second recogniser's reading of a whole number or a group of one, where it
        heard exactly as many digits as the turn asks for and not a reading the caller
        already rejected; else ``grammar`` (the grammar's reading, or the domain LM's)."""
        written = self._read_number()
        digits = self.whisper_heard
        self.first_heard = spoken_digits(grammar.text)
        words = words_not_a_number(written or "")
        if words:
            return Result(words, grammar.confidence, grammar.log_score, WORDS_SOURCE)
        if grammar.source == self.search and (
            self.second_digits == 10 or self.decoders.cfg.group_fill_in
        ):
            digits = self.filled_in(spoken_digits(grammar.text), digits)
        if self.no_group_said(written or ""):
            return Result(
                name_opinion.spoken_name(written or ""),
                grammar.confidence,
                grammar.log_score,
                WORDS_SOURCE,
            )
        groups = self.groups_said(written or "", grammar)
        if groups:
            return Result(
                second_opinion.digit_words(groups),
                grammar.confidence,
                grammar.log_score,
                grammar.source,
            )
        if len(digits) != self.second_digits or digits in self.rejected:
            return grammar
        return Result(
            second_opinion.digit_words(digits),
            grammar.confidence,
            grammar.log_score,
            grammar.source,
        )

    def no_group_said(self, written: str) -> bool:
        """Whether, at a turn asking for one group of a number (3 or 4 digits), no reader heard
        a digit said: Whisper's digit reader wrote words and no digit, nor a word it writes
        for a digit half heard (:data:`.second_opinion.HALF_HEARD`), and the domain LM heard
        fewer digit words than the group holds. The group grammar must read digits and forces
        them out of anything ("Yes, that's right now. Hannah Weiss" at "What are the last
        four digits?" came back "yes it's oh seven one eight", Whisper "yes that's right now
        hand wise"; "No, thanks, bye" came back "the number is five six five"), and the
        dialogue then read back a number nobody said; Whisper's words are handed on instead
        (:attr:`RecognizerConfig.number_in_groups`)."""
        if self.second_digits not in (3, 4) or not self.decoders.cfg.number_in_groups:
            return False
        words = name_opinion.spoken_name(written).split()
        return (
            len(words) >= NO_GROUP_WORDS
            and not second_opinion.whisper_digits(written)
            and not any(word in second_opinion.HALF_HEARD for word in words)
            and len(spoken_digits(self.domain_text)) < self.second_digits
        )

    def groups_said(self, written: str, grammar: Result) -> str:
        """The first group or two of a phone number (3 or 6 digits, 3-3-4) the caller gave
        alone at a whole-number turn, as Whisper's digit reader wrote them (``written``; its
        "fine" after a digit is a five, :func:`fives_after_digits`), where every reader heard
        no more than those digits: Whisper wrote one run of them and no other digit or
        half-heard digit word (:func:`.second_opinion.digit_slots`), the domain LM heard at
        most as many digit words, and the number grammar's reading, which must hold ten,
        holds them in order but not as its first digits ("Sure, it's 646 555" came back
        "sure it's six four six five five five" from Whisper, "sure it's six four c x i'd
        like i you" from the domain LM and "8646525252" from the grammar, doubted and asked
        again whole; where the grammar's ten begin with Whisper's digits it heard more said
        after them, and Whisper stopped short: "My number is 617-555" for a whole number
        the grammar read "6175551142"). "" otherwise, or where
        :attr:`RecognizerConfig.number_in_groups` is off."""
        if self.second_digits != 10 or not self.decoders.cfg.number_in_groups:
            return ""
        written = fives_after_digits(written)
        runs = second_opinion.digit_runs(written)
        if len(runs) != 1 or second_opinion.digit_slots(written) is not None:
            return ""
        run, forced = runs[0][1], spoken_digits(grammar.text)
        if (
            len(run) not in GROUPS_SAID_ALONE
            or second_opinion.whisper_digits(written) != run
            or run in self.rejected
            or len(spoken_digits(self.domain_text)) > len(run)
            or not second_opinion.holds_in_order(forced, run)
            or forced.startswith(run)
        ):
            return ""
        return run

    def _read_number(self) -> str | None:
        """Whisper's transcript of this digit turn (None: skipped), its digits noted in
        :attr:`whisper_heard`, and at a whole-number turn how sure it was of each
        (:attr:`whisper_sure`, for :attr:`RecognizerConfig.weak_digit`)."""
        reader = self.decoders.second_opinion
        assert reader is not None and self.audio is not None
        samples = self.whisper_samples()
        whole = self.second_digits == 10
        with second_opinion.patient(self.decoders.cfg.number_waits if whole else 0):
            cfg = self.decoders.cfg
            if whole and (
                cfg.weak_digit > 0
                or cfg.sure_whisper > 0
                or cfg.heard_twice_sure > 0
                or cfg.read_back_sure > 0
                or cfg.witnessed_sure > 0
            ):
                scored = reader.scored(samples)
                written = scored.text if scored is not None else None
                sure = scored.digit_probabilities if scored is not None else ()
            else:
                written, sure = reader.transcript(samples), ()
        self.whisper_read = written is not None
        self.whisper_written = written or ""
        self.readings["whisper_digits"] = "-" if written is None else written
        self.whisper_heard = second_opinion.whisper_digits(written or "")
        if whole and len(self.whisper_heard) != 10 and self.decoders.cfg.alike_digits:
            self.whisper_heard = leading_alike_number(written or "") or self.whisper_heard
        self.whisper_sure = sure if len(sure) == len(self.whisper_heard) else ()
        if whole and len(self.whisper_heard) != 10 and self.decoders.cfg.half_heard_digits:
            heard = self.half_heard(second_opinion.digit_slots(written or "") or [])
            if heard:
                self.whisper_heard, self.whisper_sure, self.whisper_half = heard, (), True
        return written

    def whisper_samples(self) -> npt.NDArray[np.int16]:
        """This digit turn's audio as Whisper's digit reader hears it: as it came where only
        pocketsphinx hears it filtered, filtered where Whisper alone does
        (:attr:`RecognizerConfig.denoise`)."""
        audio = self.raw_audio if self.raw_audio is not None else self.audio
        samples = np.frombuffer(b"".join(audio or []), dtype=np.int16)
        if self.whisper_noise is not None:
            return denoise.reduce_noise(samples, self.whisper_noise)
        return samples

    def half_heard(self, slots: Sequence[str]) -> str:
        """A whole number Whisper wrote partly as words it half heard (:data:`.second_opinion.
        HALF_HEARD`: "seven eight one I'm I'm I'm near at one nine three" at 20 dB), read as
        digits where its slots are ten, or nine for :meth:`filled_in`: where a slot may be
        more than one digit ("time": a five or a nine), the grammar decoder chooses, the
        audio decoded again with a grammar of those readings only
        (:func:`.grammars.slots_grammar`); "" where the slots are not nine or ten."""
        if len(slots) not in (9, 10):
            return ""
        if all(len(slot) == 1 for slot in slots):
            return "".join(slots)
        grammar = grammars.slots_grammar(slots)
        decoder = self.grammar
        if grammar is None or decoder is None or not self.audio or not self.cmn_start:
            return ""
        heard = spoken_digits(self._decoded_again(decoder, grammar))
        return heard if len(heard) == len(slots) else ""

    def _words_opinion(self, domain: Result) -> Result:
        """At a whole-number turn the domain LM won (the caller said more than digits, or
        no number): Whisper's words where they are a put-off, a goodbye, "I don't know it",
        another number offered or a question (:func:`words_not_a_number`: the domain LM
        garbles them, "sorry I don't know it off by heart" came back "sorry i book two
        o'clock o'clock"); else ``domain``, with Whisper's digits noted for
        :meth:`weigh_number` (the same ten digits in both readings are a number both
        read)."""
        written = self._read_number()
        self.first_heard = number_in(domain.text)
        words = words_not_a_number(written or "")
        if words:
            return Result(words, domain.confidence, domain.log_score, WORDS_SOURCE)
        return domain

    def filled_in(self, heard: str, whisper: str) -> str:
        """A whole number (or a group of one, :attr:`RecognizerConfig.group_fill_in`) Whisper
        heard one digit short, with the digit it left out put back where the grammar hears
        it best: the audio decoded again with a grammar of every reading holding Whisper's
        digits in order and one more (:func:`.grammars.filling_grammar`, the readings of
        :func:`.second_opinion.fillings`), from the cepstral mean the utterance started
        with. ``whisper`` as it is when it is not one digit short, the grammar's own
        reading ``heard`` is one of those readings (the decode would return it), or the
        decode returns a reading the caller rejected."""
        readings = second_opinion.fillings(whisper, self.second_digits)
        decoder = self.grammar
        if not readings or second_opinion.holds_in_order(heard, whisper) or decoder is None:
            return whisper
        grammar = grammars.filling_grammar(whisper)
        if grammar is None:
            return whisper
        filled = spoken_digits(self._decoded_again(decoder, grammar))
        return filled if filled in readings and filled not in self.rejected else whisper

    def _free_opinion(self, best: Result, *, sentence: bool) -> Result:
        """Whisper's reading of an open turn (or a ``sentence`` said at a yes/no question,
        :func:`sentence_at_answer`) where it stands by :func:`.free_opinion.prefer_whisper`
        (at a yes/no question, also never a yes where the domain LM heard a no); else
        ``best`` with a whole number Whisper heard in it in place of the digits the domain
        LM heard there."""
        reader = self.decoders.free_reader
        assert reader is not None and self.audio is not None
        with second_opinion.patient(self.decoders.cfg.number_waits if self.opening else 0):
            heard = reader.hear(np.frombuffer(b"".join(self.audio), dtype=np.int16))
        self.readings["whisper"] = heard.text
        if self.decoders.cfg.alike_digits:
            heard = replace(heard, text=alikes_as_digits(heard.text))
        self.whisper_heard = number_in(heard.text)
        self.first_heard = number_in(best.text)
        cfg = self.decoders.cfg
        if sentence and not (domain_side(best.text) is False and domain_side(heard.text)):
            if free_opinion.prefer_whisper(heard, best.text, self.decoders.vocabulary):
                return Result(heard.text, best.confidence, best.log_score, free_opinion.SOURCE)
            sure = free_opinion.sure_of(heard, self.decoders.vocabulary)
            if sure and cfg.closing_over_garble and closes_instead(best.text, heard.text):
                return Result(heard.text, best.confidence, best.log_score, free_opinion.SOURCE)
            text = free_opinion.with_domain_number(best.text, heard.text)
            if sure and cfg.domain_number_in_sentence and text:
                return Result(text, best.confidence, best.log_score, free_opinion.SOURCE)
        digits = free_opinion.ten_digit_run(heard.text)
        words = best.text.split()
        span = number_run(words) if digits else None
        if span is None or digits in self.rejected:
            return best
        text = free_opinion.with_whisper_number(words, span, digits)
        return Result(text, best.confidence, best.log_score, best.source)

    def _name_opinion(self, grammar: Result, name_grammar: Result = EMPTY) -> Result:
        """At a name turn (whichever of the grammar and the domain LM won): Whisper's reading
        where :func:`.name_opinion.choose_reading` takes it (a census name, or a request said
        instead of a name, whole). At a spelling turn the grammar won:
        the letters with no break heard split into a census first and last name
        (:func:`.name_opinion.census_split`; Whisper's letters were no better than the
        grammar's, bench/README.md). ``name_grammar``: the name grammar's own reading, where
        the domain LM won the turn (``grammar`` is then the domain's): a name Whisper wrote
        that the name grammar heard alike is vouched for, though the domain LM heard none
        (names37: "Yes, Maggie Thornton" beside the domain's "yes monday four to")."""
        if self.search == grammars.SPELLING_SEARCH:
            return self._spelling_opinion(grammar)
        if self.decoders.name_reader is not None and self.audio:
            samples = np.frombuffer(b"".join(self.audio), dtype=np.int16)
            heard = self.decoders.name_reader.name(samples)
            self.readings["whisper_name"] = f"{heard.text} ({heard.logprob:.2f})"
            if heard is name_opinion.NOTHING:
                # Whisper not read (the worker busy with another turn): no second opinion,
                # not a doubt - else a loaded machine made every new caller unnamed (the
                # README's demo lost Sarah Johnson at load 5)
                return grammar
            text = name_opinion.choose_reading(grammar.text, heard)
            grammar_won = grammar.source == grammars.NAME_SEARCH
            doubted = name_opinion.unclear(grammar.text, grammar_won, heard) and not (
                name_grammar is not grammar
                and bool(name_grammar.text)
                and grammar_won is False
                and not name_opinion.unclear(name_grammar.text, True, heard)
            )
            if self.decoders.cfg.unclear_names and doubted:
                text = name_opinion.with_yes(grammar.text, heard)
                return Result(text, grammar.confidence, grammar.log_score, UNCLEAR)
            if self.decoders.cfg.doubted_names and doubted:
                source = grammar.source if text == grammar.text else name_opinion.SOURCE
                text = f"{text} {NAME_DOUBTED}"
                return Result(text, grammar.confidence, grammar.log_score, source)
        else:
            return grammar
        if text == grammar.text:
            return grammar
        return Result(text, grammar.confidence, grammar.log_score, name_opinion.SOURCE)

    def _spelling_opinion(self, grammar: Result) -> Result:
        """A spelling the letter grammar heard, with Whisper's reading of the same letters
        where it reads spellings, resolved to a census name (:func:`.spelled_names.choose`:
        the confusable letters, B/D/E/P/T/V/Z, M/N, F/S..., matched against the names); a
        spelling that resolves to none is :data:`UNCLEAR_NAME` (an "Unknown Caller" account
        for staff to name), never letters that are likely wrong. Without Whisper's reading
        (not installed, or the reader busy with another turn) the grammar's alone decides."""
        whisper: str | None = None
        reader = self.decoders.name_reader
        if reader is not None and self.audio:
            heard = reader.spelling(np.frombuffer(b"".join(self.audio), dtype=np.int16))
            whisper = None if heard is name_opinion.NOTHING else heard.text
            if whisper is not None:
                self.readings["whisper_spelling"] = f"{whisper} ({heard.logprob:.2f})"
        self.spelling_heard = (grammar.text, whisper, True)
        if not self.decoders.cfg.resolve_spelling:
            text = name_opinion.census_split(grammar.text)
            if text == grammar.text:
                return grammar
            return Result(text, grammar.confidence, grammar.log_score, name_opinion.SOURCE)
        name = spelled_names.choose(grammar.text, whisper)
        if name is None:
            return Result(UNCLEAR_NAME, grammar.confidence, grammar.log_score, UNCLEAR)
        text = spelled_names.as_letters(name)
        return Result(text, grammar.confidence, grammar.log_score, name_opinion.SOURCE)

    def _request_for_spelling(self, unclear: Result, domain: Result) -> Result:
        """A spelling turn whose letters resolve to no name (:data:`UNCLEAR_NAME`), where a
        reader heard a request, a day or a time instead (Whisper's reading,
        :func:`.name_opinion.request_not_spelling`: "Um, Monday if you've got it, around
        two?" to "Could you spell it for me?"; the domain LM's, :func:`.name_opinion.not_a_name`):
        that reading is handed on, as at a name turn, so the dialogue keeps the request (the name
        is left for staff either way), marked :data:`NAME_DOUBTED`. Whisper's reading of the
        spelling first, then the domain LM's; else the name is unclear, as before."""
        said = (self.spelling_heard or ("", None, True))[1]
        words = name_opinion.spoken_name(said or "")
        if not (words and name_opinion.request_not_spelling(words)):
            words = domain.text if name_opinion.not_a_name(domain.text) else ""
        if not words:
            return unclear
        # no reader vouched for a name in it: one the dialogue finds there stays doubted
        text = f"{words} {NAME_DOUBTED}"
        return Result(text, unclear.confidence, unclear.log_score, name_opinion.SOURCE)

    def _spelled_over(self, domain: Result) -> Result:
        """A spelling turn the domain LM won (letters it heard as words: "the you got the
        the"): the name Whisper's letters resolve to, where they resolve to one; else the
        domain LM's reading (a goodbye or a question said instead of letters is kept)."""
        reader = self.decoders.name_reader
        if reader is None or not self.audio:
            return domain
        heard = reader.spelling(np.frombuffer(b"".join(self.audio), dtype=np.int16))
        if heard is name_opinion.NOTHING:
            return domain
        self.spelling_heard = (domain.text, heard.text, False)
        name = spelled_names.choose("", heard.text)
        if name is None:
            return domain
        text = spelled_names.as_letters(name)
        return Result(text, domain.confidence, domain.log_score, name_opinion.SOURCE)

    def _answer_opinion(self, best: Result, domain: Result) -> Result:
        """A yes the domain LM did not hear (no firm yes word first, :func:`domain_side`)
        is given to the second recogniser: where it hears a no, the answer is re-decoded
        with the no answers only. Only ever towards a no: a wrong yes books or confirms,
        a wrong no is asked again or repaired.

        A yes the domain LM heard first, with words after it no yes answer has
        (:func:`more_than_a_yes`), is given to it too, and made a no only where it wrote a
        yes word straight before a no (:func:`.second_opinion.denied_after_yes`): "Yeah, no,
        I'd rather not." came back "yes go on" from the grammar and "yes move i'd ronald"
        from the domain LM (tuning split, clean and 10 dB: a no heard as a yes), while a
        yes Whisper wrote a "not" in ("Yeah, yeah, that's fine." as "You're not a spy.")
        stays a yes.

        Where Whisper's no is only a "not" before a yes word (:func:`not_for_thats`: "Not
        right." for "That's right."), the readers disagree and the turn is asked again: that
        "not" may be the grammar's "that's", or the grammar's "that's" the caller's "not"."""
        if grammars.answer_polarity(best.text) is not True:
            return best
        if domain_side(domain.text):
            said = self._whisper_said() if more_than_a_yes(domain.text) else None
            if said is None or not second_opinion.denied_after_yes(said):
                return best
        elif self._whisper_side() is not False:
            if self._whisper_side() is None and leave_taking_alone(self._whisper_said() or ""):
                # Whisper wrote only a goodbye ("Cheers, bye!"), the domain LM no yes: the
                # grammar's yes is its own, made of the "cheers" - the goodbye, or asked again
                closing = grammars.closing_in(best.text)
                if not closing:
                    return self._unclear(best, domain)
                return Result(closing, best.confidence, best.log_score, best.source)
            return best
        elif not_for_thats(self._whisper_said() or ""):
            # Whisper's "not" may be the grammar's "that's": the readers disagree
            return self._unclear(best, domain)
        no = self._one_side(False, best)
        # the no answers alone found no path: the second recogniser's no, as a bare "no"
        if no is not best:
            return no
        text = self._with_closing("no", best.text)
        return Result(text, best.confidence, best.log_score, best.source)

    def _garbled_answer(self, domain: Result, grammar: Result) -> Result:
        """A yes/no turn the domain LM won with a few words that are neither an answer nor a
        request (:func:`garbled_answer`: "the three a if" for "not really" at 20 dB), or
        with a word the dialogue may read a yes in (:func:`reads_as_yes`: "hello yes is it"
        for "no it isn't" at 20 dB, which booked): where the second recogniser hears a no,
        the no answers' reading of it; else the domain LM's (a garbled one holds no answer:
        the question is asked again). Never a yes: on the tuning split one of the three
        garbled readings it heard as a yes was a "no thanks". As for a yes the grammar heard
        (:meth:`_answer_opinion`), only ever towards a no.

        A reading the dialogue may read a yes in, where the grammar heard a no and the second
        recogniser no side, is asked again
        (:data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`): the domain LM's "fine three
        yeah the" for en-029+m2's "not really" at 10 dB (the grammar's "not really", Whisper's
        "I'll free at least") booked (tuning split, yesno27 round)."""
        side = self._whisper_side()
        if (
            side is None
            and reads_as_yes(domain.text)
            and grammars.answer_polarity(grammar.text) is False
        ):
            return self._unclear(grammar, domain)
        if side is not False:
            return domain
        no = self._one_side(False, domain)
        if no is domain:  # the no answers alone found no path: its no, as a bare "no"
            text = self._with_closing("no", domain.text)
            return Result(text, domain.confidence, domain.log_score, grammars.YES_NO_SEARCH)
        return no

    def _whisper_side(self) -> bool | None:
        """The side Whisper hears in this yes/no answer (None: neither, or skipped)."""
        said = self._whisper_said()
        return None if said is None else second_opinion.whisper_polarity(said)

    def _whisper_day(self) -> str:
        """Whisper's transcript of a date/time turn whose two readers heard different
        weekdays (:func:`weekday_vouched`); "" where it was skipped."""
        reader = self.decoders.second_opinion
        audio = self.audio or self.day_audio
        assert reader is not None and audio
        said = reader.answer_said(np.frombuffer(b"".join(audio), dtype=np.int16))
        self.readings["whisper_day"] = said or "-"
        return said or ""

    def _whisper_said(self) -> str | None:
        """Whisper's transcript of this yes/no answer (None: skipped), read once per
        utterance however many rules ask."""
        if not self._answer_said:
            reader = self.decoders.second_opinion
            assert reader is not None and self.audio is not None
            samples = np.frombuffer(b"".join(self.audio), dtype=np.int16)
            self._answer_said.append(reader.answer_said(samples))
            self.readings["whisper_answer"] = self._answer_said[0] or "-"
        return self._answer_said[0]

    def _settled_answer(self, best: Result, grammar: Result, domain: Result) -> Result:
        """A yes/no answer weighed with Whisper's side where the first reading rests on one
        reader alone:

        * the domain LM won with a garbled answer (:func:`answer_to_settle`): where the
          grammar's answer (checked as :meth:`_sure_yes` checks one) and Whisper's are on one
          side, that side, as a bare "yes" or "no" (the grammar's other words, "nope
          goodbye", were made of the garble, and a goodbye ends the call). "Uh-huh, go
          ahead" came back "well i was that", and "yes it is" at 20 dB "the at a the": asked
          again though both other readers heard the yes;
        * the domain LM won with a garbled answer made a day or a time
          (:func:`denial_to_settle`): where the grammar's answer and Whisper's are both a no,
          a bare "no" ("Hmm, not really." came back "to book three early", asked again);
        * the grammar's no, where the domain LM heard no no word (:func:`denial_heard`) and
          Whisper a yes: :data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`, asked again.
          "That's right" came back "not really" (tuning voices en-gb-scotland, en+m1), "Um,
          yeah, go ahead" "nah i'm good please": a yes taken for a no. Never made a yes:
          Whisper wrote "That's right." for a 20 dB "that's wrong" the grammar heard right.
          The same where the grammar's no came with a time (:meth:`_time_with_answer`, "no
          three p m"): "that's correct" came back "not really" and a "three" the domain LM
          made of it (tuning, 20 dB, yesno32 round), and passed unchecked.

        ``best`` unchanged otherwise."""
        if best is domain:
            if (
                grammar.text
                and not answer_to_settle(domain.text)
                and denial_to_settle(domain.text)
                and grammars.answer_polarity(grammar.text) is False
                and self._whisper_side() is False
            ):
                return Result("no", grammar.confidence, grammar.log_score, grammars.YES_NO_SEARCH)
            if not grammar.text:
                return best
            if not answer_to_settle(domain.text):
                return self._unseen_garble(best, grammar, domain)
            said = grammars.answer_polarity(grammar.text)
            if said and firm_yes_needed(self.search, grammar.text, self.yes_over_no):
                said = grammars.answer_polarity(self._sure_yes(grammar).text)
            if said is None or self._whisper_side() is not said:
                return best
            text = "yes" if said else "no"
            return Result(text, grammar.confidence, grammar.log_score, grammars.YES_NO_SEARCH)
        if not said_no(best) or denial_heard(domain.text) or self._whisper_side() is not True:
            return best
        return self._unclear(best, domain)

    def _unseen_garble(self, best: Result, grammar: Result, domain: Result) -> Result:
        """A yes/no turn the domain LM won with a short reading that names a request, a day,
        a time or an answer word, where the grammar's answer scored at least as well
        (:func:`garble_outscored`): where Whisper hears the grammar's side and nothing the
        domain LM's words would add (:func:`answer_alone`), and the domain LM heard no word of
        the other side, that side, as a bare "yes" or "no" (a yes checked as :meth:`_sure_yes`
        checks one). "Okay, sounds good." came back "book a follow you've love", "yes that
        works" "three a slot with" (Whisper "Yes, not works."), "Uh-huh, go ahead." "book oh
        fourth have": asked again, or a request the caller never made (tuning split, 20 dB
        SNR, yesno28 round). Two readers on one side, the words against them heard by one.
        A reading of six words or more counts as short where Whisper wrote as many
        (:func:`garble_outscored`'s ``said``): read only where the grammar outscored it.

        ``best`` unchanged otherwise."""
        if not garble_outscored(grammar, domain) and not (
            SENTENCE_AT_ANSWER_WORDS <= len(domain.text.split()) < LONG_ANSWER_WORDS
            and grammar.log_score >= domain.log_score
            and grammars.answer_polarity(grammar.text) is not None
            and garble_outscored(grammar, domain, self._whisper_said())
        ):
            return best
        said = grammars.answer_polarity(grammar.text)
        words = set(domain.text.split())
        if words & (FIRM_YES_WORDS if said is False else FIRM_NO_WORDS | DENIAL_HEARD_WORDS):
            return best
        if said and firm_yes_needed(self.search, grammar.text, self.yes_over_no):
            said = grammars.answer_polarity(self._sure_yes(grammar).text)
        heard = self._whisper_said()
        if (
            said is None
            or heard is None
            or second_opinion.whisper_polarity(heard) is not said
            or not answer_alone(heard)
        ):
            return best
        text = "yes" if said else "no"
        return Result(text, grammar.confidence, grammar.log_score, grammars.YES_NO_SEARCH)

    def _whisper_no(self, domain: Result, grammar: Result) -> Result:
        """A yes/no turn the domain LM won with a garble of neither side
        (:func:`neither_side`), which would be asked again: a bare "no" where Whisper wrote a
        no and nothing else the dialogue would act on (:func:`a_no_alone`), whatever the
        grammar heard - only ever towards a no, and never a yes from a garble. The grammar's
        answer path takes a lead-in only before a yes, so a no said after one ("Um, no, I'd
        rather leave it.", "Hmm, not really.") came back "um go on that's all", "um please
        do" from it, and the domain LM's garble was asked again though Whisper wrote the no
        whole (tuning split, clean to 10 dB, yesno30 round). ``domain`` unchanged
        otherwise, and where either reader heard a goodbye (:func:`closing_heard`,
        :func:`goodbye_said`): "No thanks, bye." garbled "oh thanks bye" ends the call as it
        did, not a bare "no" the caller is not there to follow."""
        if closing_heard(domain.text):
            return domain
        said = self._whisper_said()
        if said is None or goodbye_said(said) or not a_no_alone(said, grammar.text):
            return domain
        return Result("no", domain.confidence, domain.log_score, grammars.YES_NO_SEARCH)

    def _goodbye_vouched(self, answer: Result, domain: Result) -> Result:
        """A yes/no answer the grammar heard ending in a goodbye (:func:`.grammars.closing_in`),
        the goodbye kept only where a second reader heard one too (:func:`goodbye_said`: the
        domain LM, else Whisper); else the answer without it, or asked again
        (:data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`) where the goodbye was all the
        grammar heard. The grammar's goodbye paths take up whatever follows an answer that
        it has no words for: "Um, no, sorry." came back "nah i'm good that's all", "Yes, yes,
        that's fine." "yes it is that's all bye", "No, no, wait a second." "nope goodbye"
        (held-out, 20 dB SNR) - a goodbye ends the call, and a yes's slot is booked as it
        ends. A goodbye the second reader missed costs one more question the caller does not
        stay for.

        Whisper decides where it wrote anything (:meth:`_whisper_heard_goodbye`): the domain
        LM hears with the grammar's acoustic model, and makes the same goodbye of the same
        sounds; it vouches only where Whisper was silent."""
        heard = self._whisper_heard_goodbye()
        if heard or (heard is None and goodbye_said(domain.text)):
            return answer
        rest = grammars.without_closing(answer.text)
        if not rest or goodbye_said(rest):  # "that's all bye": a goodbye and nothing else
            return Result(ANSWER_UNCLEAR, answer.confidence, answer.log_score, UNSURE_ANSWER)
        return Result(rest, answer.confidence, answer.log_score, answer.source)

    def _whisper_heard_goodbye(self) -> bool | None:
        """Whether Whisper wrote a goodbye in this yes/no answer (:func:`goodbye_said`, or a
        "by" it ended on: "No, that's time. I leave it by..." for "No, that's fine, I'll leave
        it. Bye.", tuning, 20 dB); None where it wrote nothing (skipped, or silent)."""
        said = self._whisper_said()
        if not said or not said.strip():
            return None
        return goodbye_said(said) or re.findall(r"[a-z']+", said.lower())[-1:] == ["by"]

    def _domain_goodbye_vouched(self, domain: Result) -> Result:
        """A yes/no turn the domain LM won with a reading that holds a goodbye
        (:func:`goodbye_said`), the goodbye kept only where Whisper wrote one too, or wrote
        nothing; else the reading without it (:func:`without_goodbye`), or asked again
        (:data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`) where the goodbye was all of
        it. The domain LM makes "that's all" and "bye" of a "sorry" or an "alright" as the
        grammar does - it hears with the same acoustic model - and a goodbye ends the call
        (yesno32 round: the grammar's own goodbyes already needed a second reader,
        :meth:`_goodbye_vouched`)."""
        if self._whisper_heard_goodbye() is not False:
            return domain
        rest = without_goodbye(domain.text)
        if not rest:
            return Result(ANSWER_UNCLEAR, domain.confidence, domain.log_score, UNSURE_ANSWER)
        return Result(rest, domain.confidence, domain.log_score, domain.source)

    def _grunt_heard(self, grunt: Result, domain: Result) -> Result:
        """A yes the grammar heard as a grunt said alone ("mhm", "uh-huh":
        :data:`.grammars.GRUNTS`), taken where a second reader hears a yes too (the domain LM's
        first firm word, or Whisper), else asked again
        (:data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`): it is the shortest answer the
        grammar has, the one a no's noise or a word it has no path for is forced into, and
        never made a no."""
        if domain_side(domain.text):
            return grunt
        if (
            self.decoders.cfg.second_opinion_yes_no
            and self.decoders.second_opinion is not None
            and self.audio
            and self._whisper_side() is True
        ):
            return grunt
        return self._unclear(grunt, domain)

    def _short_no_vouched(self, no: Result, domain: Result) -> Result:
        """The grammar's bare "nah" (:data:`SHORT_NO`, a thanks or goodbye after it aside),
        taken where a second reader heard a no too - the domain LM a no word
        (:func:`denial_heard`), else Whisper a plain no (:func:`plain_no`) - else asked again
        (:data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`). It is the shortest no the
        grammar has, the one a hesitation and whatever follows it are forced into: "Um,
        right." came back "nah bye" (domain LM "of right", Whisper "Right"), "That's right."
        "nah bye" (domain LM "right if", Whisper "Not right.") and was taken as a no (tuning
        split, 20 and 10 dB). As :meth:`_grunt_heard` does for the shortest yes, never made
        the other side: a yes heard unsure is asked again."""
        if denial_heard(domain.text):
            return no
        said = self._whisper_said()
        if said is not None and plain_no(said):
            return no
        return self._unclear(no, domain)

    def _time_with_answer(self, answer: Result, domain: Result) -> Result:
        """A yes/no answer the grammar heard, with the day or time the caller said with it
        (:func:`time_said_too`): the audio decoded again with the day/time grammar, from the
        cepstral mean the utterance started with, and the day or time added to the answer
        ("yes ten a m") where two readers agree on it (:func:`agreed_time`: that grammar and
        the domain LM; else the domain LM's hour said with "o'clock", "p m", "in the
        morning"; else that grammar or the domain LM and Whisper's sentence reader). The
        answer's side is the grammar's as checked (:func:`contradicts`, :meth:`_sure_yes`):
        never a no made a yes, and said as a bare "yes" or "no": the grammar's words for it
        ("no i'm good", a goodbye: "no please bye" for "No sorry, I meant nine in the
        morning") were made of the time, and would end the call. ``answer`` unchanged where
        nothing agrees. A wrong hour taken costs a turn, not a booking: the dialogue reads a
        time said at "Shall I book ...?" back before it books."""
        decoder = self.decoders.context
        cmn_after = decoder.get_cmn()
        try:
            decoder.activate_search(grammars.DATE_TIME_SEARCH)
            decoder.set_cmn(self.cmn_start)
            decoder.start_utt()
            decoder.process_raw(b"".join(self.audio or []), False, True)
            decoder.end_utt()
            heard = _result(decoder, grammars.DATE_TIME_SEARCH)
        finally:
            decoder.activate_search(self.search)
            decoder.set_cmn(cmn_after)
        when = grammars.day_or_time_of(heard.text)
        agreed = agreed_time(when, domain.text) if when else ""
        said_clock = _date_and_time(domain.text)[1]
        if not agreed and said_clock is not None:
            # an hour with "o'clock", "p m", "in the morning", "half past" in the domain LM's
            # reading: not made of a bare answer, where the day/time grammar forced the
            # line into "the fourth twelve" or its "no i'm good"
            agreed = spoken_clock(said_clock)
        reader = self.decoders.free_reader
        if not agreed and reader is not None:
            whisper = reader.hear(np.frombuffer(b"".join(self.audio or []), dtype=np.int16))
            agreed = (agreed_time(when, whisper.text) if when else "") or agreed_time(
                domain.text, whisper.text
            )
        if not agreed:
            return answer
        side = grammars.answer_polarity(answer.text)
        if side is None:
            return answer
        said = "yes" if side else "no"
        return Result(f"{said} {agreed}", answer.confidence, answer.log_score, TIME_SOURCE)

    def _one_side(self, yes: bool, grammar: Result) -> Result:
        """The yes/no answer re-decoded with the answers of one side only (see
        :func:`contradicts`); ``grammar`` when that finds nothing."""
        search = grammars.YES_ONLY_SEARCH if yes else grammars.NO_ONLY_SEARCH
        decoder = self.decoders.context
        decoder.activate_search(search)
        decoder.start_utt()
        decoder.process_raw(b"".join(self.audio or []), False, True)
        decoder.end_utt()
        other = _result(decoder, grammars.YES_NO_SEARCH)
        if not other.text:
            return grammar
        text = self._with_closing(other.text, grammar.text)
        return Result(text, other.confidence, grammar.log_score, grammars.YES_NO_SEARCH)

    def _side_score(self, yes: bool, data: bytes) -> Result:
        """``data`` decoded with one side's answers only, from the cepstral mean the
        utterance started with (so both sides are scored alike)."""
        decoder = self.decoders.context
        decoder.activate_search(grammars.YES_ONLY_SEARCH if yes else grammars.NO_ONLY_SEARCH)
        decoder.set_cmn(self.cmn_start)
        decoder.start_utt()
        decoder.process_raw(data, False, True)
        decoder.end_utt()
        return _result(decoder, grammars.YES_NO_SEARCH)

    def _sure_yes(self, grammar: Result) -> Result:
        """The grammar's yes, unless the same audio decoded as a no scores within the answer's
        :data:`YES_OVER_NO` of it decoded as a yes: then the no.
        The decoder's cepstral mean is left as the first pass left it."""
        decoder = self.decoders.context
        data = b"".join(self.audio or [])
        cmn_after = decoder.get_cmn()
        try:
            yes = self._side_score(True, data)
            no = self._side_score(False, data)
        finally:
            decoder.set_cmn(cmn_after)
        if SCORE_HOOK is not None:
            SCORE_HOOK(grammar.text, yes, no)
        margin = self.yes_over_no.get(grammars.answer_of(grammar.text), -math.inf)
        if not no.text or not yes.text or yes.log_score - no.log_score >= margin:
            return grammar
        text = self._with_closing(no.text, grammar.text)
        return Result(text, no.confidence, grammar.log_score, grammars.YES_NO_SEARCH)

    def _vouched_no(self, no: Result, domain: Result) -> Result:
        """A no :meth:`_sure_yes` made of the grammar's yes, where a second reader vouches for
        it (the domain LM heard a no word, :func:`denial_heard`, or Whisper a no); else asked
        again (:data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`): the yes and no sides'
        scores alone were close. "that's correct" at 20 dB came back "perfect please" and was
        made "nah please" (domain LM "fine three", Whisper "That's unique."), a grunt "hmm
        okay" was made "no it isn't" (domain LM "the eighteenth"): two yes answers heard as a
        no (tuning split, yesno27 round). Without a second recogniser, the no. Whisper's
        "not" before a yes word (:func:`not_for_thats`) vouches for nothing: "Um, that's
        correct." was made "nah i'm good" on Whisper's "Um, not to correct." (tuning, 20 dB,
        yesno33 round) - asked again."""
        if (
            denial_heard(domain.text)
            or not self.decoders.cfg.second_opinion_yes_no
            or self.decoders.second_opinion is None
            or (self._whisper_side() is False and not not_for_thats(self._whisper_said() or ""))
        ):
            return no
        return self._unclear(no, domain)

    def _with_closing(self, answer: str, first: str) -> str:
        """``answer``, one side's reading in place of ``first``, with the goodbye ``first``
        ended in (:func:`.grammars.with_closing`) where the domain LM heard one too
        (:func:`closing_heard`): the grammar alone makes a goodbye of words it has no path
        for ("Um, no, sorry." at 20 dB: "nah i'm good that's all", held-out)."""
        if not closing_heard(self.domain_text):
            return answer
        return grammars.with_closing(answer, first)

    def _unclear(self, answer: Result, domain: Result) -> Result:
        """A yes/no answer whose side is unclear, to be asked again
        (:data:`~voice_agent.domain.listening.ANSWER_UNCLEAR`), unless the caller said goodbye:
        where the grammar's reading ``answer`` ends in one (:func:`.grammars.closing_in`) and
        the domain LM heard one too (:func:`closing_heard`), that goodbye alone, so the call
        ends with nothing changed (no answer is read in it) instead of asking a caller who
        has gone ("No, I can't do any of those, sorry. I'll try another time. Bye")."""
        closing = grammars.closing_in(answer.text)
        if closing and closing_heard(domain.text):
            return Result(closing, answer.confidence, answer.log_score, grammars.YES_NO_SEARCH)
        return Result(ANSWER_UNCLEAR, answer.confidence, answer.log_score, UNSURE_ANSWER)

    def _number_in_request(self, domain: Result) -> Result:
        """The domain result, with a run of digits it heard re-decoded by the number grammar
        on that stretch of audio (see :func:`number_run`); unchanged when there is no such
        run or the grammar finds no number in it."""
        segments = [
            (seg.word, seg.start_frame, seg.end_frame)
            for seg in self.decoders.domain.seg()
            if seg.word and seg.word[0] not in "<[_"
        ]
        # a segment names the pronunciation used ("two(2)"); the hypothesis does not
        words = [clean(word.split("(", 1)[0]) for word, _, _ in segments]
        span = number_run(words)
        if span is None or " ".join(words) != domain.text:
            return domain
        if ten_digits_heard(words):
            return domain
        frame = FRAME_BYTES
        audio = b"".join(self.audio or [])
        cut_from = max(0, segments[span[0]][1] - NUMBER_CUT_BEFORE) * frame
        cut_to = (segments[span[1]][2] + 1 + NUMBER_CUT_AFTER) * frame
        pad = NoiseFloor(self.decoders.cfg.noise_floor).silence(SAMPLE_RATE // 5).tobytes()
        grammar = self.decoders.context
        grammar.activate_search(grammars.NUMBER_IN_REQUEST_SEARCH)
        grammar.start_utt()
        grammar.process_raw(pad + audio[cut_from:cut_to] + pad, False, True)
        grammar.end_utt()
        number = _result(grammar, grammars.NUMBER_IN_REQUEST_SEARCH)
        if len(spoken_digits(number.text)) != 10:
            return domain
        text = with_number(words, span, number.text)
        return Result(text, domain.confidence, domain.log_score, grammars.NUMBER_IN_REQUEST_SEARCH)


WORDS_SOURCE = "second_opinion_words"
"""A result's ``source`` where a number turn's reading is Whisper's words, not digits
(:func:`words_not_a_number`)."""
NOT_A_NUMBER: Final = re.compile(
    r"\b(?:(?:don't|do not|dont) (?:know|remember|have)|(?:can't|cannot|can not) remember"
    r"|no idea|not sure|forgot|(?:new|different|another|other|old) (?:number|phone|one)"
    r"|landline|land line|mobile|cell ?phone|work number|home number|instead|rather not"
    r"|prefer not|one (?:sec|second|moment|minute)|bear with me|let me (?:find|check|look|get)"
    r"|wait|that'?s all)\b"
)
"""Words of a caller who answers the number question with no number: does not know it,
has a new one, would give another ("can I give you my landline instead?"), or looks for it
("one second, let me find it")."""
NUMBER_WORDS_MAX_DIGITS = 2
"""Whisper's reading of a number turn with at most this many digits and words of
:data:`NOT_A_NUMBER`, :data:`.name_opinion.PUTS_OFF` or a question is the caller's words."""


NUMBER_GROUPS = ((0, 3), (3, 6), (6, 10))
"""A phone number's groups, 3-3-4, as it is read back and collected in parts."""


def weak_group(number: str, whisper: str, sure: Sequence[float], threshold: float) -> int | None:
    """The first group (0, 1, 2) of ``number`` holding a digit Whisper read less surely than
    ``threshold``, or None. ``whisper`` is Whisper's reading, ``number`` itself or one
    digit short ("five five" heard "5"), ``sure`` its digits' probabilities; the digit it
    left out has none. (Also doubting a lone digit Whisper left out, not one of a run
    like "5" for "five five", was tried on the tuning split: the same two wrong numbers
    caught at 0.8, nine more right ones asked again; bench/README.md, voicenum8.)"""
    if threshold <= 0 or len(sure) != len(whisper):
        return None
    if whisper == number:
        places = list(range(len(number)))
    else:
        skips = [i for i in range(len(number)) if number[:i] + number[i + 1 :] == whisper]
        if not skips:
            return None
        places = [i for i in range(len(number)) if i != skips[0]]
    weak = [place for place, p in zip(places, sure, strict=True) if p < threshold]
    for index, (start, end) in enumerate(NUMBER_GROUPS):
        if any(start <= place < end for place in weak):
            return index
    return None


def surely_over(whisper: str, grammar: str, sure: Sequence[float], threshold: float) -> bool:
    """Whether Whisper's ten digits ``whisper`` stand over the grammar's free reading
    ``grammar`` of the same number: ten digits too, differing in at most one group of 3-3-4
    (a whole reading shifted or garbled is no reading of the same digits), and Whisper at
    least ``threshold`` sure (``sure``, one probability per digit) of every digit where they
    differ. False where ``threshold`` is 0 or the probabilities are missing."""
    if threshold <= 0 or len(sure) != len(whisper) or len(grammar) != len(whisper):
        return False
    places = [i for i, (a, b) in enumerate(zip(whisper, grammar, strict=True)) if a != b]
    groups = {i for i, (start, end) in enumerate(NUMBER_GROUPS) for p in places if start <= p < end}
    return len(groups) <= 1 and all(sure[p] >= threshold for p in places)


ENDING_NAMED: Final = re.compile(r"\b(?:end|ends|ending|endings|last)\b")
"""Words a caller names the number's ending with ("the end is ...", "it ends in ...",
"the last four are ...")."""
ENDING_COUNTED: Final = re.compile(r"\blast (?:one|two|three|digit|1|2|3)\b")
"""An ending said with fewer than four digits named ("the last three are ...", "the last
digit's a six"): three digits are then all the caller said."""
ENDING_HEARD = 3
"""Digits of a corrected ending both free readers heard where the grammar put an "oh"
before them."""


def ending_oh_lost(domain_text: str, written: str, grammar_digits: str) -> str:
    """The domain LM's reading ``domain_text`` of a whole-number turn, with the "oh" of an
    ending corrected put back before the three digits it heard, else "". "Oh no sorry, that's
    wrong, the end is oh one four nine" came back "... the an the so one four nine" from the
    domain LM and "... the end before one four nine" from Whisper's digit reader (``written``):
    both free readers heard the same three digits last, their "oh" swallowed into the
    word before ("is oh" as "so"), and the number grammar's reading of the turn, forced to ten
    digits (``grammar_digits``), ends in "oh" and those three. An "oh" is the digit both free
    readers lose (a vowel alone, run into the word before: Whisper also drops "oh" from whole
    numbers, :func:`.second_opinion.fillings`); with the grammar's "oh" the ending is four
    digits, as a caller naming "the end" says it. Only where a reader wrote an ending word
    (:data:`ENDING_NAMED`) and none counted fewer digits (:data:`ENDING_COUNTED`): "the
    last three are one four nine" is three. No other digit is put back: the grammar, forced to
    ten, writes some digit before any three."""
    runs = second_opinion.digit_runs(domain_text)
    if not runs or len(runs[-1][1]) != ENDING_HEARD or len(grammar_digits) != 10:
        return ""
    heard = runs[-1][1]
    line = f"{domain_text} {written.lower()}"
    whisper = second_opinion.digit_runs(written)
    if (
        not whisper
        or whisper[-1][1] != heard
        or grammar_digits[-4:] != "0" + heard
        or not ENDING_NAMED.search(line)
        or ENDING_COUNTED.search(line)
    ):
        return ""
    words = domain_text.split()
    digits = [spoken_digits(word) for word in words]
    ends = [at for at in range(len(words) - 2) if digits[at : at + 3] == list(heard)]
    if not ends:
        return ""  # the three digits said otherwise ("double nine")
    at = ends[-1]
    return " ".join([*words[:at], "oh", *words[at:]])


CONTEST_SPAN = 2
"""Digits either side of a digit two readings put otherwise that :func:`contested_by` looks
for in the domain LM's digits: five in a row (fewer at the number's ends) are rarely held by
chance."""


def contested_by(number: str, readings: Sequence[str], free: str) -> bool:
    """Whether another reader heard ``number`` (one reader's ten digits) otherwise: one of
    ``readings`` (ten digits each: the grammar's free reading, forced to ten digits whatever
    was said, or the domain LM's whole number) puts a digit otherwise, and ``free`` (the
    domain LM's digits, in order, from words it was free to choose) holds that reading's
    digits around it (:data:`CONTEST_SPAN` either side) and not ``number``'s. The stranger
    split's "six one seven, five five five, oh one nine four": Whisper wrote "... four one nine
    four", the grammar "... oh one nine four", and the domain LM "... five five five oh one
    nine four" - two readers against one. Where the grammar's reading differs and the domain
    LM heard none of it ("ten would like to want on times are you zero one", for "781 555
    0193" Whisper read right and the grammar heard "189 ..."), only the forced grammar is
    against it, which any reading of ten digits would be."""
    for other in readings:
        if len(other) != len(number) or other == number:
            continue
        for at, (mine, theirs) in enumerate(zip(number, other, strict=True)):
            if mine == theirs:
                continue
            lo, hi = max(0, at - CONTEST_SPAN), at + CONTEST_SPAN + 1
            if other[lo:hi] in free and number[lo:hi] not in free:
                return True
    return False


def alone_sure(
    number: str, sure: Sequence[float], readings: Sequence[str], threshold: float
) -> bool:
    """Whether one reader's uncontested number (Whisper's ten digits ``number``,
    :func:`contested_by` found no reader against it) may be read back as heard: each digit
    either put at its place by a pocketsphinx reading of ten digits (``readings``: the
    grammar's free reading, the domain LM's whole number) or read by Whisper at least
    ``threshold`` sure (``sure``, one probability per digit). A digit only Whisper wrote,
    and doubtfully, is a guess no reader backs: held out at 10 dB SNR, "2334659834" came
    back "2334699834" and "5620379292" "6620379292" from Whisper alone (numbers38), and a
    recording's yes to the read-back would have agreed them. False where ``threshold`` is
    above 0 and the probabilities are missing; 0: every uncontested number is read back."""
    if threshold <= 0:
        return True
    if len(number) != 10 or len(sure) != len(number):
        return False
    witnessed = [
        any(len(other) == len(number) and other[at] == digit for other in readings)
        for at, digit in enumerate(number)
    ]
    return all(seen or p >= threshold for seen, p in zip(witnessed, sure, strict=True))


def read_back_fair(whisper: str, sure: Sequence[float], threshold: float) -> bool:
    """Whether Whisper's ten digits ``whisper`` are a fair question to read back to the
    caller, a yes taking them: Whisper at least ``threshold`` sure (``sure``, one probability
    per digit) of every digit. False where ``threshold`` is 0, or the reading is not ten
    digits, or the probabilities are missing, or the digits are no line a caller has
    (:func:`a_line`): at 10 dB SNR Whisper wrote "0053871637" for "four zero five three ...",
    0.90 sure of the first 0."""
    if threshold <= 0 or len(whisper) != 10 or len(sure) != len(whisper):
        return False
    return min(sure) >= threshold and a_line(whisper)


def witnessed_or_sure(whisper: str, grammar: str, sure: Sequence[float], threshold: float) -> bool:
    """Whether each digit of Whisper's ten digits ``whisper`` has two witnesses or Whisper's
    own certainty: the grammar's free reading ``grammar`` of the same hearing (ten digits,
    one to :data:`WITNESS_APART_MAX` apart from Whisper's) wrote the same digit there - two
    acoustic models - or Whisper was at least ``threshold`` sure of it (``sure``, one
    probability per digit). False where ``threshold`` is 0, the probabilities are missing,
    the readings are further apart, or the digits are no line a caller has (:func:`a_line`).
    Unlike :func:`read_back_fair` a digit both models wrote needs no certainty; unlike
    :func:`surely_over` the digits apart may be in two groups ("six one seven five ..."
    heard "six one two nine ..." by the grammar, Whisper sure of its 7 and 5)."""
    if threshold <= 0 or len(whisper) != 10 or len(grammar) != 10 or len(sure) != 10:
        return False
    apart = [i for i, (a, b) in enumerate(zip(whisper, grammar, strict=True)) if a != b]
    if not 0 < len(apart) <= WITNESS_APART_MAX:
        return False
    return all(sure[i] >= threshold for i in apart) and a_line(whisper)


def split_by_sphinx(
    number: str, stretch: str, sphinx: Sequence[str], sure: Sequence[float], threshold: float
) -> bool:
    """Whether Whisper's ten digits ``number`` stand where the number grammar, asked on the
    line's stretch to choose between them and every reading one digit away, chose another
    (``stretch``): it put one digit otherwise, and each of pocketsphinx's other readings of
    the line (``sphinx``: the domain LM's ten, the grammar's; at least one) holds every
    other digit of ``number`` and puts that digit a third way - pocketsphinx's readers
    disagree with each other there, and with no reader anywhere else - and Whisper was at
    least ``threshold`` sure of its digit (``sure``, one probability per digit). Each digit
    is then read by two acoustic models or by Whisper surely, numbers39's bar for a
    read-back. A digit pocketsphinx's readers agree on against Whisper is a contest, never
    decided so. False where ``threshold`` is 0, the probabilities are missing, or the digits
    are no line a caller has (:func:`a_line`)."""
    if threshold <= 0 or len(number) != 10 or len(stretch) != 10 or len(sure) != 10:
        return False
    apart = [i for i, (a, b) in enumerate(zip(number, stretch, strict=True)) if a != b]
    others = [n for n in sphinx if len(n) == 10]
    if len(apart) != 1 or not others or not a_line(number):
        return False
    (at,) = apart
    for other in others:
        if other[:at] + other[at + 1 :] != number[:at] + number[at + 1 :]:
            return False
        if other[at] in (number[at], stretch[at]):
            return False
    return sure[at] >= threshold


def free_witnessed(
    number: str, sphinx: Sequence[str], sure: Sequence[float], threshold: float
) -> bool:
    """Whether each digit of a line's whole number ``number`` (Whisper's ten) that the number
    grammar on the stretch chose over every reading one digit away is read by two acoustic
    models or by Whisper surely: one of pocketsphinx's own free readings of the line
    (``sphinx``: the grammar's ten, the domain LM's, each at most :data:`WITNESS_APART_MAX`
    apart) puts the same digit there, or Whisper was at least ``threshold`` sure of it
    (``sure``, one probability per digit, :meth:`Utterance.number_sure`; a digit its digit
    reader never read, put back in its nine, has 0). Where pocketsphinx's free readings all
    put a digit otherwise, pocketsphinx is split between its free and its forced reading,
    and the forced choice vouches for no more than :func:`split_by_sphinx` lets it: f69-b01's
    "212 555 0437" was written "212 595 0437" by Whisper's sentence reader, "212 559 0437"
    by the grammar, "212 55 0437" by Whisper's digit reader (its 9 never read); the stretch
    chose Whisper's 9 over the 5 one digit away, the number was agreed, read back, and a
    recording's yes opened an account on it. True where ``threshold`` is 0 (the stretch's
    choice vouches for every digit; :attr:`RecognizerConfig.line_digit_sure`)."""
    if threshold <= 0:
        return True
    others = [
        n
        for n in sphinx
        if len(n) == len(number)
        and sum(a != b for a, b in zip(n, number, strict=True)) <= WITNESS_APART_MAX
    ]
    for at, digit in enumerate(number):
        if any(other[at] == digit for other in others):
            continue
        if len(sure) != len(number) or sure[at] < threshold:
            return False
    return True


def collapsed_runs(digits: str) -> set[str]:
    """The ten-digit readings of nine ``digits`` where a run of two of the same digit stands
    for three ("207 550 168" for 207 555 0168: Whisper tiny.en writes "five five five" as
    "five five", :func:`.second_opinion.run_shortened`); empty for any other length."""
    if len(digits) != 9 or not digits.isdigit():
        return set()
    return {
        digits[:at] + digits[at] + digits[at:]
        for at in range(len(digits) - 1)
        if digits[at] == digits[at + 1]
    }


def a_line(digits: str) -> bool:
    """Whether ``digits`` could be a caller's number as the dialogue takes one
    (:func:`.phone.normalize_phone`: no North American area code starts with 0, no line is
    one digit over and over)."""
    try:
        normalize_phone(digits)
    except InvalidPhoneNumber:
        return False
    return True


def words_not_a_number(written: str) -> str:
    """Whisper's reading of a number turn in the recogniser's words, where it holds no
    number but a caller's put-off, goodbye, "I don't know it", another number offered or a
    question (:data:`NOT_A_NUMBER`, :data:`.name_opinion.PUTS_OFF`,
    :func:`.name_opinion.asks_back`); else "". The digit grammars force such a turn into
    digits ("sorry, someone's at the door, I'll call you back, bye" came back as ten
    digits), and the dialogue then reads back a number nobody said instead of answering
    what the caller did say."""
    words = name_opinion.spoken_name(written)
    if not words or len(second_opinion.whisper_digits(written)) > NUMBER_WORDS_MAX_DIGITS:
        return ""
    if (
        NOT_A_NUMBER.search(words)
        or name_opinion.PUTS_OFF.search(words)
        or name_opinion.asks_back(name_opinion.Heard(written, 0.0))
    ):
        return words
    return ""


GROUPS_SAID_ALONE = frozenset([3, 6])
"""How many digits a caller gives alone when they say a phone number in its groups, 3-3-4:
the area code, or the area code and the exchange (:meth:`Utterance.groups_said`)."""
NO_GROUP_WORDS = 2
"""Words Whisper must write at a group turn before they stand for it (:meth:`Utterance.
no_group_said`): one word may be a digit it could not make out."""
WHISPER_FIVES = frozenset(["fine", "find"])
"""What Whisper's digit reader writes for "five" said after other digits ("sure it's six four
six fine fine fine" for "Sure, it's 646 555", a recorded stranger call)."""


def fives_after_digits(written: str) -> str:
    """Whisper's digit reading ``written`` as words, with a :data:`WHISPER_FIVES` word read as
    "five" where it follows a digit (or such a five) directly: "sure it's six four six fine
    fine fine" -> "... six four six five five five"; "six four six, that's fine" as said."""
    out: list[str] = []
    for tok in re.findall(r"[a-z']+|\d", written.lower()):
        after_digit = bool(out) and (out[-1].isdigit() or out[-1] in grammars.DIGITS)
        out.append("five" if tok in WHISPER_FIVES and after_digit else tok)
    return " ".join(out)


GROUP_SEARCHES = frozenset(f"{grammars.PHONE_SEARCH}{n}" for n in (3, 4))
UNCLEAR = "unclear_name"
"""A result's ``source`` where a name turn's reading was handed on as
:data:`~voice_agent.domain.listening.UNCLEAR_NAME` (:meth:`Utterance._name_opinion`)."""
NAME_TURNS = frozenset([grammars.NAME_SEARCH, grammars.SPELLING_SEARCH])
"""Searches whose grammar reading :meth:`Utterance._name_opinion` reads again."""
"""The searches of one group of a phone number (3 or 4 digits)."""
SECOND_OPINION_ON = ("whole", "last_four", "groups", "always")
"""The values of :attr:`RecognizerConfig.second_opinion_on`."""


def second_opinion_digits(on: str, search: str) -> int:
    """How many digits the second recogniser must hear in a turn of ``search`` for its
    reading to be taken (0: the turn is not read again): ten in a whole-number turn; three
    or four in a group's turn unless ``on`` is "whole"; with "last_four" four only (the
    last group: on the tuning split, 20 dB and clean, Whisper's reading of a three-digit
    group was right where the grammar's was wrong 4 times in 36 and wrong where it was
    right 2 times; of the last four, 7 and 0 times in 23; each read costs about 0.35 s of
    CPU, 0.2 s per second of a group's audio). Opt-in: held-out at 20 dB it took numbers
    within repair from 82.5 to 72.5 % (bench/README.md, numbers round)."""
    base = grammars.base_search(search)
    if base == f"{grammars.PHONE_SEARCH}10":
        return 10
    if on == "last_four":
        return 4 if base == f"{grammars.PHONE_SEARCH}4" else 0
    if on != "whole" and base in GROUP_SEARCHES:
        return int(base.removeprefix(grammars.PHONE_SEARCH))
    return 0


EARLIER_TRIES = 2
"""Earlier tries of a group decoded with a new one, at most."""


def earlier_tries(
    tries: Sequence[tuple[str, str, bytes]], search: str, rejected: Sequence[str]
) -> tuple[bytes, ...]:
    """The audio of the caller's earlier tries at the group now asked for again: recent
    tries (search, reading heard, audio) in the same group search whose reading the caller
    has rejected since (the dialogue passes it among ``rejected``), oldest first, at most
    :data:`EARLIER_TRIES`. Another group, or a try the caller did not reject, is not one."""
    if search not in GROUP_SEARCHES or not rejected:
        return ()
    earlier = [
        audio for tried, heard, audio in reversed(tries) if tried == search and heard in rejected
    ]
    return tuple(reversed(earlier[:EARLIER_TRIES]))


def noise_table(std: float, seconds: float = NOISE_TABLE_SECONDS, seed: int = 0x5EED) -> Any:
    """Gaussian floor samples, computed once and cycled through."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SAMPLE_RATE)
    return np.round(rng.normal(0.0, std, n)).astype(np.int32)


class NoiseFloor:
    """Adds a cyclic precomputed floor to int16 audio (one output array per chunk)."""

    def __init__(self, std: float) -> None:
        self.std = std
        self._table = noise_table(std) if std > 0 else None
        self._pos = 0

    def mix(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
        table = self._table
        if table is None or samples.size == 0:
            return samples
        n = samples.size
        out = samples.astype(np.int32)
        done = 0
        while done < n:
            take = min(n - done, table.size - self._pos)
            out[done : done + take] += table[self._pos : self._pos + take]
            done += take
            self._pos = (self._pos + take) % table.size
        np.clip(out, -32768, 32767, out=out)
        return out.astype(np.int16)

    def silence(self, n: int) -> npt.NDArray[np.int16]:
        return self.mix(np.zeros(n, dtype=np.int16))


PITCH_FRAME = 640
"""Samples of one pitch frame (40 ms at 16 kHz: two periods at 50 Hz)."""
PITCH_MIN_HZ = 60.0
PITCH_MAX_HZ = 400.0
PITCH_VOICING = 0.6
"""A frame is voiced when its normalised autocorrelation peaks this high in the pitch range."""
PITCH_MIN_RMS = 200.0
"""Frames quieter than this (int16) are not speech (the noise floor is about 20)."""
PITCH_OCTAVE = 0.85
"""The shortest lag whose peak is this close to the highest is the period (a peak at twice
the period is as high in a clean periodic frame and would halve the pitch)."""


class PitchTracker:
    """A caller's median voice pitch, from the autocorrelation of their voiced audio.

    Fed 16 kHz audio as it comes; once :data:`PITCH_VOICED_SECONDS` of voiced frames have
    been seen, :meth:`observe` returns the median pitch (Hz) once, and the tracker stops
    looking (its cost is the first second or two of a call)."""

    def __init__(self, needed_seconds: float = PITCH_VOICED_SECONDS) -> None:
        self.needed = max(1, round(needed_seconds * SAMPLE_RATE / PITCH_FRAME))
        self.pitches: list[float] = []
        self.done = False
        self._rest = np.zeros(0, dtype=np.float64)
        n = PITCH_FRAME
        self._lags = np.arange(n, dtype=np.float64)
        self._lo = int(SAMPLE_RATE / PITCH_MAX_HZ)
        self._hi = int(SAMPLE_RATE / PITCH_MIN_HZ)

    def observe(self, samples: npt.NDArray[np.int16]) -> float | None:
        """Take audio; the median pitch when it is first known, else None."""
        if self.done or samples.size == 0:
            return None
        data = np.concatenate([self._rest, samples.astype(np.float64)])
        usable = data.size - data.size % PITCH_FRAME
        self._rest = data[usable:]
        if usable == 0:
            return None
        frames = data[:usable].reshape(-1, PITCH_FRAME)
        frames = frames - frames.mean(axis=1, keepdims=True)
        rms = np.sqrt(np.mean(frames**2, axis=1))
        frames = frames[rms >= PITCH_MIN_RMS]
        for frame in frames:
            pitch = self._pitch(frame)
            if pitch is not None:
                self.pitches.append(pitch)
        if len(self.pitches) < self.needed:
            return None
        self.done = True
        self._rest = np.zeros(0, dtype=np.float64)
        return float(np.median(self.pitches))

    def _pitch(self, frame: npt.NDArray[np.float64]) -> float | None:
        n = PITCH_FRAME
        spectrum = np.fft.rfft(frame, 2 * n)
        ac = np.fft.irfft(np.abs(spectrum) ** 2)[:n]
        if ac[0] <= 0:
            return None
        # unbiased: a lag k sums n - k products
        ac = ac / ac[0] * n / (n - self._lags)
        window = ac[self._lo : self._hi + 1]
        best = float(window.max())
        if best < PITCH_VOICING:
            return None
        peaks = [
            k
            for k in range(1, window.size - 1)
            if window[k] >= window[k - 1] and window[k] >= window[k + 1]
        ]
        lag = next((k for k in peaks if window[k] >= PITCH_OCTAVE * best), int(window.argmax()))
        return SAMPLE_RATE / (self._lo + lag)


def caller_warp(
    pitch: float,
    threshold: float = HIGH_VOICE_F0,
    warp: float = HIGH_VOICE_WARP,
    low_threshold: float = LOW_VOICE_F0,
    low_warp: float = LOW_VOICE_WARP,
) -> float:
    """The frequency warp for a caller of median pitch ``pitch`` (Hz): ``warp`` for a high
    voice (formants higher than the model's speakers'), ``low_warp`` for a low one (below
    ``low_threshold``: formants lower), else none (1.0)."""
    if pitch >= threshold:
        return warp
    return low_warp if pitch < low_threshold else 1.0


@dataclass
class LineDetector:
    """Decides whether the caller's audio is narrowband (a phone line)."""

    src_rate: int = SAMPLE_RATE
    narrowband: bool | None = None
    _hi: float = 0.0
    _mid: float = 0.0
    _voiced: float = 0.0
    _window: Any = field(default=None, repr=False)

    def observe(self, samples: npt.NDArray[np.int16], src_rate: int) -> bool | None:
        """Feed raw audio (before the noise floor); returns the new verdict if it changed."""
        if src_rate and src_rate != self.src_rate:
            self.src_rate = src_rate
            self._hi = self._mid = self._voiced = 0.0
        if self.src_rate <= NARROWBAND_RATE:
            return self._set(True)
        n = 512
        if samples.size < n:
            return None
        if self._window is None:
            self._window = np.hanning(n)
        usable = samples[: samples.size - samples.size % n].astype(np.float64).reshape(-1, n)
        rms = np.sqrt(np.mean(usable**2, axis=1))
        voiced = usable[rms > 300.0]
        if voiced.shape[0] == 0:
            return None
        power = np.abs(np.fft.rfft(voiced * self._window, axis=1)) ** 2
        freqs = np.fft.rfftfreq(n, 1.0 / SAMPLE_RATE)
        self._mid += float(power[:, (freqs >= 300) & (freqs <= 3400)].sum())
        self._hi += float(power[:, (freqs >= 3550) & (freqs <= 4450)].sum())
        self._voiced += voiced.shape[0] * n / SAMPLE_RATE
        if self._voiced < NARROWBAND_MIN_VOICED or self._mid <= 0:
            return None
        ratio_db = 10.0 * math.log10(max(self._hi, 1e-9) / self._mid)
        verdict = self._set(ratio_db < NARROWBAND_RATIO_DB)
        # keep judging on recent audio: decay the sums so a change of line shows
        if self._voiced > 5.0:
            self._hi, self._mid, self._voiced = self._hi / 2, self._mid / 2, self._voiced / 2
        return verdict

    def _set(self, value: bool) -> bool | None:
        if value == self.narrowband:
            return None
        self.narrowband = value
        return value


Expect = (
    tuple[str, int | None]
    | tuple[str, int | None, tuple[str, ...]]
    | tuple[str, int | None, tuple[str, ...], int | None]
)
"""An expectation as it travels to a recognition worker: kind, digits and, optionally,
the digit readings the caller rejected and the group of the number asked for (see
:class:`~voice_agent.domain.listening.Listening`)."""


def listening_of(expect: Expect) -> Listening:
    try:
        kind = Expectation(expect[0])
    except ValueError:
        return Listening()
    rejected = expect[2] if len(expect) > 2 else ()
    part = expect[3] if len(expect) > 3 else None
    return Listening(kind, expect[1], tuple(rejected), part)


def expect_of(listening: Listening) -> Expect:
    """The picklable form of an expectation, for the recognition worker."""
    if listening.part is not None:
        return (listening.kind.value, listening.digits, listening.rejected, listening.part)
    if listening.rejected:
        return (listening.kind.value, listening.digits, listening.rejected)
    return (listening.kind.value, listening.digits)


LEAD_IN_ONSET_FRAMES = 3
"""Frames (30 ms each) before the earliest speech :meth:`StreamRecognizer._lead_in` found,
taken back too: the detector misses a word's quiet start ("six", "five")."""


class StreamRecognizer:
    """The incremental decoding of one audio stream (see the module docstring)."""

    def __init__(self, decoders: DecoderSet) -> None:
        from pocketsphinx import Endpointer

        self._endpointer_cls = Endpointer
        self.decoders = decoders
        self.cfg = decoders.cfg
        self.floor = NoiseFloor(self.cfg.noise_floor)
        self.reducer = denoise.NoiseReducer() if self.cfg.denoise != DENOISE_OFF else None
        """Learns the line's noise and the caller's level (:attr:`RecognizerConfig.denoise`)."""
        self.line = LineDetector()
        self._resampler: StreamResampler | None = None
        self._endpointer = self._new_endpointer()
        self._pending = bytearray()
        self._preroll: deque[bytes] = deque()
        self._preroll_bytes = 0
        frame_length = self._endpointer.frame_length
        self._window_frames = max(1, round(self.cfg.endpoint_window / frame_length))
        self._gap_frames = max(1, round(self.cfg.lead_in_gap / frame_length))
        self._before: deque[tuple[bytes, bool]] = deque(
            maxlen=self._window_frames + round(self.cfg.lead_in / frame_length)
        )
        """The latest frames fed, each with whether the voice activity detector heard speech
        in it, for :meth:`_lead_in`."""
        self._vad: Any = None
        if self.cfg.lead_in > 0:
            from pocketsphinx import Vad

            self._vad = Vad(sample_rate=SAMPLE_RATE, frame_length=frame_length)
        self._utt: Utterance | None = None
        self._speaking = False
        self._utt_start = 0.0
        self._samples_seen = 0
        self._usage_samples = 0
        self._last_partial = ""
        self._last_interim_at = 0.0
        self._search = grammars.DOMAIN_SEARCH
        self._rejected: tuple[str, ...] = ()
        self._opening = True
        """Whether the call is still at its opening request: the dialogue has not yet asked
        for anything in particular (a number, a name, a day...)."""
        self._tries: deque[tuple[str, str, bytes]] = deque(maxlen=6)
        """Recent tries at a group of a number: (search, reading heard, audio)."""
        self._part: int | None = None
        """The group of a number the dialogue asks for now (0, 1, 2 of 3-3-4), if any."""
        self._utt_part: int | None = None
        self._parts = number_parts.PartWitnesses()
        """What each model read of each group of the number being taken, turn by turn."""
        self._numbers_heard: tuple[NumberReading, ...] = ()
        """The readings of the last whole number handed on with a doubt (each with the
        acoustic models that read it), until a whole number is handed on without one."""
        # a new caller: the decoders' own warp until this caller's pitch is known
        decoders.set_warp(decoders.base_warp)
        self.pitch: PitchTracker | None = None
        if self.cfg.tracks_pitch:
            self.pitch = PitchTracker()
        self._kept: list[bytes] | None = [] if self.pitch is not None else None
        """The current utterance's audio while the caller's warp is not known (it is decoded
        again, warped, if the warp changes during it)."""
        self._cmns_at_start: list[str] = []

    def _new_endpointer(self) -> Any:
        return self._endpointer_cls(
            window=self.cfg.endpoint_window, ratio=self.cfg.endpoint_ratio, sample_rate=SAMPLE_RATE
        )

    @property
    def in_utterance(self) -> bool:
        return self._utt is not None

    def _pad(self) -> bytes:
        return self.floor.silence(int(self.cfg.padding * SAMPLE_RATE)).tobytes()

    def _lead_in(self, speech: bytes | None) -> bytes:
        """The audio just before ``speech``, the first frame the endpointer handed on as
        speech, that belongs to the same utterance (:meth:`_speech_back`); nothing where the
        endpointer's start was preceded by a pause."""
        frames = list(self._before)
        if speech is None or self._vad is None or not frames:
            return b""
        # the endpointer hands on its window's oldest frame: found among the frames fed
        at = next(
            (i for i in range(len(frames) - 1, -1, -1) if frames[i][0] == speech),
            len(frames) - self._window_frames,
        )
        start = self._speech_back(frames, at)
        return b"".join(frame for frame, _ in frames[start:at])

    def _speech_back(self, frames: list[tuple[bytes, bool]], at: int) -> int:
        """Where the speech that ends at frame ``at`` began: going back, the frames up to
        the first pause longer than ``lead_in_gap`` where the voice activity detector heard
        speech, and the pause's first frames (a word's quiet onset); ``at`` where none."""
        trailing = at == len(frames)  # the end of what was fed: its closing pause skipped
        start, gap = at, 0
        for i in range(at - 1, -1, -1):
            if frames[i][1]:
                start, gap = i, 0
                continue
            gap += 1
            if gap > self._gap_frames and (start != at or not trailing):
                break
        return at if start == at else max(0, start - LEAD_IN_ONSET_FRAMES)

    def _begin(self, lead: bytes = b"") -> None:
        search = self._search if self.cfg.context else grammars.DOMAIN_SEARCH
        self._utt_part = self._part
        earlier = earlier_tries(self._tries, grammars.base_search(search), self._rejected)
        if self._kept is not None:
            self._kept = []
            self._cmns_at_start = self.decoders.cmns()
        self._utt = Utterance(
            self.decoders,
            search,
            self._rejected,
            earlier,
            opening=self._opening and search == grammars.DOMAIN_SEARCH,
            noise=self._noise_to_filter(search),
        )
        lead_seconds = len(lead) / BYTES_PER_SAMPLE / SAMPLE_RATE
        self._utt_start = max(
            0.0, self._samples_seen / SAMPLE_RATE - self.cfg.padding - lead_seconds
        )
        self._process(self._pad())
        if lead:
            self._process(lead)
        self._last_partial = ""

    def _noise_to_filter(self, search: str) -> npt.NDArray[np.float64] | None:
        """The line's noise spectrum, where a digit turn (``search``) on this line is to be
        filtered of it (:attr:`RecognizerConfig.denoise`): the line's estimated
        speech-to-noise ratio is below :attr:`RecognizerConfig.denoise_below`; else None."""
        reducer = self.reducer
        if reducer is None or not search.startswith(grammars.PHONE_SEARCH):
            return None
        snr = reducer.snr_db
        if snr is None or snr >= self.cfg.denoise_below:
            return None
        return reducer.snapshot()

    def _process(self, data: bytes) -> None:
        assert self._utt is not None
        self._utt.process(data)
        if self._kept is not None:
            self._kept.append(data)

    def _restart_warped(self, warp: float) -> None:
        """Take the caller's warp in the middle of an utterance: the utterance starts again
        warped, from the cepstral mean it started with, on its audio so far, and goes on
        with the audio to come. The caller is still speaking: the second pass is done by
        the time they stop, and the final transcript is not delayed."""
        utt, kept = self._utt, self._kept or []
        assert utt is not None
        self._kept = None
        utt.stop()
        self.decoders.set_cmns(self._cmns_at_start)
        self.decoders.set_warp(warp)
        self._utt = Utterance(
            self.decoders,
            utt.search,
            utt.rejected,
            utt.earlier,
            opening=utt.opening,
            noise=utt.noise,
        )
        self._utt.process(b"".join(kept))

    def _observe_pitch(self, raw: npt.NDArray[np.int16]) -> None:
        if self.pitch is None or self.pitch.done:
            return
        pitch = self.pitch.observe(raw)
        if pitch is None:
            return
        cfg = self.cfg
        warp = caller_warp(
            pitch, cfg.high_voice_f0, cfg.high_voice_warp, cfg.low_voice_f0, cfg.low_voice_warp
        )
        if warp == self.decoders.warp:
            self._kept = None
        elif self._utt is None:
            self.decoders.set_warp(warp)
            self._kept = None
        else:
            self._restart_warped(warp)

    def _end(self, events: list[Event], *, forced: bool) -> None:
        result = EMPTY
        self._before.clear()  # an utterance takes back no audio from the one before it
        if self._utt is not None:
            self._process(self._pad())
            utt = self._utt
            result = utt.finish(self.cfg.margin(utt.search), narrowband=bool(self.line.narrowband))
            result = self.heard_before(utt, result)
            result = self.parts_heard(utt, result)
            result = self.uncontested(utt, result)
            if self.cfg.keep_readings and (result.text or utt.readings):
                taken = {"taken": f"{result.source}: {result.text}"}
                if utt.whisper_sure:
                    taken["whisper_sure"] = " ".join(f"{p:.2f}" for p in utt.whisper_sure)
                events.append(Event("readings", json.dumps(utt.readings | taken)))
            if utt.group and utt.audio:
                heard = spoken_digits(result.text)
                self._tries.append((grammars.base_search(utt.search), heard, b"".join(utt.audio)))
            self._utt = None
        end = self._samples_seen / SAMPLE_RATE
        if result.text or forced:
            text = result.text
            if result.unsure:
                text = f"{text} {NUMBER_UNSURE}"
            elif result.one_reader:
                mark = NUMBER_UNCONTESTED if result.uncontested else NUMBER_ONE_READER
                text = f"{text} {mark}"
            elif result.weak_group is not None:
                text = f"{text} {weak_mark(result.weak_group)}"
            if result.name_unheard:
                text = f"{text} {NAME_UNHEARD}"
            events.append(
                Event("final", text, result.confidence, self._utt_start, end, result.source)
            )
        if self._speaking:
            self._speaking = False
            events.append(Event("end"))
        if self._usage_samples:
            events.append(Event("usage", value=self._usage_samples / SAMPLE_RATE))
            self._usage_samples = 0

    def uncontested(self, utt: Utterance, result: Result) -> Result:
        """``result``, where it holds one reader's whole number (Whisper's ten digits, as
        Whisper read them in this hearing) that no other reader heard otherwise
        (:func:`contested_by` with the grammar's free reading, the domain LM's whole number
        and the domain LM's digits), marked :attr:`Result.uncontested`
        (:attr:`RecognizerConfig.read_back_uncontested`). A number heard alike twice by one
        reader (:meth:`heard_before` made it unsure) is not one reader's any more."""
        if not (self.cfg.read_back_uncontested and result.one_reader) or result.unsure:
            return result
        number = number_in(result.text)
        if len(number) != 10 or number != utt.whisper_heard or number in utt.rejected:
            return result
        free = spoken_digits(utt.domain_text) if utt.domain_text else ""
        readings = (utt.first_heard, utt.domain_heard)
        if contested_by(number, readings, free):
            return result
        if not alone_sure(number, utt.whisper_sure, readings, self.cfg.uncontested_sure):
            return result
        return replace(result, uncontested=True)

    def heard_before(self, utt: Utterance, result: Result) -> Result:
        """``result`` without its doubt where the whole number in it was doubted the last
        time too and one of this hearing's readings is one of that hearing's, read by
        Whisper on one side and pocketsphinx on one side
        (:attr:`RecognizerConfig.number_heard_twice`): two takes heard alike by two
        recognisers. The dialogue took a number asked again only when heard as
        the one it took the first time, so "2 0 7 ..." read by Whisper, asked again and
        heard "2 0 7 ..." by the grammar (Whisper now reading another digit) started the
        number in parts. The agreed reading replaces the number where the turn was a whole
        number alone; a number inside a sentence is only unmarked when it is the one taken.
        A pocketsphinx reading twice is not enough (one acoustic model confuses the same
        digits of the same voice the same way each time), nor a reading the caller rejected,
        nor Whisper's reading twice unless it was sure of it (:meth:`_two_witnesses`): one
        reader's number heard again that way is handed on as unsure."""
        doubted = result.unsure or result.one_reader or result.weak_group is not None
        number = number_in(result.text)
        if not doubted:
            if len(number) == 10:
                self._numbers_heard = ()
            return result
        earlier, self._numbers_heard = self._numbers_heard, utt.number_readings(result)
        if not self.cfg.number_heard_twice or not earlier:
            return result
        before = {reading.digits: reading for reading in earlier}
        again = next(
            (
                now.digits
                for now in self._numbers_heard
                if now.digits in before
                and self._two_witnesses(before[now.digits], now)
                and now.digits not in utt.rejected
            ),
            None,
        )
        if again is None:
            if result.one_reader and number in before:
                # Whisper's own reading again, which nothing else read and it was not sure of:
                # one model heard it twice, the readers did not agree
                return replace(result, one_reader=False, unsure=True)
            return result
        text = result.text
        if again != number:
            whole = grammars.base_search(utt.search) == f"{grammars.PHONE_SEARCH}10"
            if not whole or spoken_digits(text) != number:
                return result
            text = second_opinion.digit_words(again)
        self._numbers_heard = ()
        return Result(text, result.confidence, result.log_score, result.source)

    def parts_heard(self, utt: Utterance, result: Result) -> Result:
        """Note what each model read of the number's groups in this digit turn
        (:attr:`RecognizerConfig.group_witnesses`), and at a group turn hand on a reading of
        that group two models read, or Whisper in two turns, in place of the turn's own
        where that one is not so vouched for (:meth:`PartWitnesses.choose`). A whole number
        handed on without a doubt ends the number being taken."""
        if not self.cfg.group_witnesses:
            return result
        base = grammars.base_search(utt.search)
        if base == f"{grammars.PHONE_SEARCH}10":
            if len(number_in(result.text)) == 10 and not (
                result.unsure or result.one_reader or result.weak_group is not None
            ):
                self._parts.clear()
                return result
            whisper = utt.whisper_heard if utt.whisper_read else ""
            grammar = utt.first_heard if utt.whisper_read else number_in(result.text)
            self._parts.whole_heard(whisper, grammar, utt.domain_heard)
            return result
        part = self._utt_part
        if base not in GROUP_SEARCHES or part is None or not 0 <= part <= 2:
            return result
        length = number_parts.group_length(part)
        if base != f"{grammars.PHONE_SEARCH}{length}":
            return result
        kept = spoken_digits(result.text)
        domain = spoken_digits(utt.domain_text) if utt.domain_text else ""
        self._parts.group_heard(
            part,
            (
                (number_parts.WHISPER, utt.whisper_heard if utt.whisper_read else ""),
                (number_parts.SPHINX, utt.first_heard if utt.whisper_read else kept),
                (number_parts.SPHINX, domain),
            ),
        )
        whisper = utt.whisper_heard if utt.whisper_read else ""
        chosen = self._parts.choose(part, kept, utt.rejected, whisper)
        if chosen == kept:
            return result
        return replace(result, text=second_opinion.digit_words(chosen))

    def _two_witnesses(self, before: NumberReading, now: NumberReading) -> bool:
        """Whether one number heard in two hearings is vouched for by them: Whisper read it
        on one side and pocketsphinx on one side (two acoustic models), or Whisper alone on
        both sides and sure of every digit in one hearing or the other
        (:attr:`RecognizerConfig.heard_twice_sure`). One model's two hearings are one
        witness: it confuses the same digits of the same voice the same way each time
        (pocketsphinx twice was never enough; the tuning split's en-029+m2 said 5954064718
        at 20 dB SNR, and Whisper read "nine nine five ..." twice, 0.53 and 0.70 sure of the
        first nine). A digit Whisper read on neither side (one the grammar put back in its
        nine digits, :attr:`NumberReading.put_back`) is pocketsphinx's twice: held out at 10
        dB SNR, "3 0 0 1 8 0 9 9 9 0" was written "300180990" by Whisper in both hearings, the
        grammar put a 5 in the gap both times (3001805990), and Whisper's filled-in nine and
        the grammar's ten counted as two models: the one wrong number taken."""
        if not (before.whisper or now.whisper):
            return False
        if frozenset.intersection(*(r.put_back for r in (before, now) if r.whisper)):
            return False
        if before.sphinx or now.sphinx:
            return True
        return twice_sure(before.sure, now.sure, self.cfg.heard_twice_sure)

    def feed(
        self,
        data: bytes,
        *,
        flush: bool = False,
        expect: Expect = ("request", None),
        src_rate: int = SAMPLE_RATE,
    ) -> list[Event]:
        """Take raw audio at ``src_rate`` (resampled here to 16 kHz, in the recognition
        worker, not on a call's event loop); returns the events it caused. ``flush`` ends the
        current utterance now (the session's VAD heard the end of speech)."""
        events: list[Event] = []
        raw = np.frombuffer(data, dtype=np.int16)
        if src_rate != SAMPLE_RATE and src_rate > 0:
            if self._resampler is None or self._resampler.src_rate != src_rate:
                self._resampler = StreamResampler(src_rate, SAMPLE_RATE)
            raw = self._resampler.push(raw)
        verdict = self.line.observe(raw, src_rate)
        if verdict is not None:
            events.append(Event("line", value=1.0 if verdict else 0.0))
        self._observe_pitch(raw)
        if self.reducer is not None:
            self.reducer.observe(raw)
        self._usage_samples += raw.size
        if not self._utt:
            listening = listening_of(expect)
            self._search = grammars.search_for(listening)
            self._rejected = listening.rejected
            self._part = listening.part
            if listening.kind is not Expectation.REQUEST:
                self._opening = False
        self._pending.extend(self.floor.mix(raw).tobytes())
        endpointer = self._endpointer
        frame_bytes = endpointer.frame_bytes
        pad_bytes = int(self.cfg.padding * SAMPLE_RATE) * BYTES_PER_SAMPLE
        while len(self._pending) >= frame_bytes:
            frame = bytes(self._pending[:frame_bytes])
            del self._pending[:frame_bytes]
            self._samples_seen += frame_bytes // BYTES_PER_SAMPLE
            was_in_speech = endpointer.in_speech
            if self._vad is not None:
                self._before.append((frame, bool(self._vad.is_speech(frame))))
            speech = endpointer.process(frame)
            if not was_in_speech and endpointer.in_speech:
                self._clear_preroll()
                if self._utt is None:
                    self._begin(self._lead_in(speech))
                if not self._speaking:
                    self._speaking = True
                    events.append(Event("start"))
            if speech is not None and self._utt is not None:
                self._process(speech)
            if was_in_speech and not endpointer.in_speech:
                self._end(events, forced=False)
            elif not endpointer.in_speech:
                # keep a little recent audio in case the framework flushes a short word
                # the endpointer never confirmed as speech
                self._preroll.append(frame)
                self._preroll_bytes += len(frame)
                while self._preroll_bytes > pad_bytes * 3 and self._preroll:
                    self._preroll_bytes -= len(self._preroll.popleft())
        if self._utt is not None and endpointer.in_speech and not flush:
            now = time.monotonic()
            if now - self._last_interim_at >= self.cfg.interim_interval:
                partial = self._utt.partial()
                if partial and partial != self._last_partial:
                    self._last_partial = partial
                    self._last_interim_at = now
                    events.append(Event("interim", partial, 0.0, self._utt_start, self._seconds()))
        if flush:
            self._flush(events)
        return events

    def _seconds(self) -> float:
        return self._samples_seen / SAMPLE_RATE

    def _flush(self, events: list[Event]) -> None:
        endpointer = self._endpointer
        if endpointer.in_speech:
            # end_stream reads past the end of an empty buffer: give it one silent sample
            tail = endpointer.end_stream(bytes(self._pending) or bytes(BYTES_PER_SAMPLE))
            if tail and self._utt is not None:
                self._process(tail)
            self._endpointer = self._new_endpointer()
        elif self._utt is None and (kept := self._unstarted_speech()):
            # the framework's VAD heard speech ours did not: decode it, from where it began
            # (a short answer with pauses never fills the endpointer's window: "six, two,
            # six" at 20 dB was heard "if" from its last 0.9 s)
            self._begin()
            assert self._utt is not None
            self._process(kept + bytes(self._pending))
        self._samples_seen += len(self._pending) // BYTES_PER_SAMPLE
        self._pending.clear()
        self._clear_preroll()
        self._end(events, forced=True)

    def _clear_preroll(self) -> None:
        self._preroll.clear()
        self._preroll_bytes = 0

    def _unstarted_speech(self) -> bytes:
        """At a flush with no utterance open: the audio of the speech the endpointer never
        started on, from where the voice activity detector heard it begin; nothing where
        the detector heard no speech since the last utterance or its speech was too faint.

        The session flushes 0.5 s into the pause after the caller's last word
        (``Settings.vad_min_silence``), and the check used to be the energy of the last
        0.9 s kept: by then mostly that pause, so a short answer the endpointer never
        started ("right", "nope") was dropped, and at 20 dB SNR the line's noise after an
        answer the endpointer had ended passed it and was decoded as a word ("yes that
        works" then "nope": a yes made a no). Without the detector (``lead_in`` 0), the
        last 0.9 s kept and their energy, as before."""
        if not self._preroll_bytes:
            return b""
        loud = 4 * max(self.cfg.noise_floor, 10.0)
        if self._vad is None:
            kept = b"".join(self._preroll)
            return kept if _rms(kept) > loud else b""
        frames = list(self._before)
        start = self._speech_back(frames, len(frames))
        if start == len(frames):
            return b""
        speech = b"".join(frame for frame, voiced in frames[start:] if voiced)
        if _rms(speech) <= loud:
            return b""
        return b"".join(frame for frame, _ in frames[start:])

    def abandon(self) -> None:
        """Drop an unfinished utterance (the stream closed mid-speech)."""
        if self._utt is not None:
            try:
                self._utt.finish(math.inf)
            except Exception:  # noqa: BLE001 - the decoders are reset on reuse anyway
                logger.debug("abandoning an utterance failed", exc_info=True)
            self._utt = None


def _rms(data: bytes) -> float:
    samples = np.frombuffer(data, dtype=np.int16).astype(np.float64)
    return math.sqrt(float(np.mean(samples**2))) if samples.size else 0.0


NAMED_LEAD_WORDS = 2
"""Words Whisper wrote before a number, none of them a carrier phrase's ("my number is",
"yes"), from which a name said first is looked for (:meth:`Utterance.named_first`)."""
_NUMBER_START = frozenset([*second_opinion.DIGIT_WORDS, *"0123456789", "oh", "double", "triple"])
_CARRIER_WORDS = frozenset(w for phrase in grammars.PHONE_PREFIXES for w in phrase.split()) | {
    "um",
    "uh",
    "er",
    "so",
    "and",
    "it",
    "is",
}
_NOT_A_NAME_WORDS = """a an the i i'm i've me my mine it it's its that's this is was of to for on
in at let see check look find get got have here hang hold wait just one sec second moment minute
sorry oh well right ok okay alright think guess sure yes yeah yep no um uh er erm hmm so and but
then now number numbers phone cell mobile home work landline digits area code you your can could
please thanks thank hi hello hey of course problem absolutely certainly definitely best reach
call calling from ring text contact actually anyway same usual old new ah fine find won too
ate"""
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())
"""Words a caller says before their number while finding or giving it, not a name: a
:meth:`Utterance.name_unheard` needs a word before the number none of these."""


def decode_buffer(
    decoders: DecoderSet,
    samples: npt.NDArray[np.int16],
    *,
    expect: Expect = ("request", None),
) -> Result:
    """Decode one whole buffer of 16 kHz audio as a single utterance."""
    cfg = decoders.cfg
    floor = NoiseFloor(cfg.noise_floor)
    pad = floor.silence(int(cfg.padding * SAMPLE_RATE))
    data = np.concatenate([pad, floor.mix(samples), pad]).tobytes()
    listening = listening_of(expect)
    search = grammars.search_for(listening) if cfg.context else grammars.DOMAIN_SEARCH
    utt = Utterance(decoders, search, listening.rejected)
    utt.process(data)
    return utt.finish(cfg.margin(search))


def score_both(
    decoders: DecoderSet, samples: npt.NDArray[np.int16], search: str
) -> tuple[Result, Result]:
    """Grammar and domain results for one buffer (for tuning the margins)."""
    cfg = decoders.cfg
    floor = NoiseFloor(cfg.noise_floor)
    pad = floor.silence(int(cfg.padding * SAMPLE_RATE))
    data = np.concatenate([pad, floor.mix(samples), pad]).tobytes()
    utt = Utterance(decoders, search)
    utt.process(data)
    decoders.domain.end_utt()
    domain = _result(decoders.domain, grammars.DOMAIN_SEARCH)
    assert utt.grammar is not None
    utt.grammar.end_utt()
    return _result(utt.grammar, search), domain
