"""The voice line: corpus calls spoken, through the same audio path as ``voice-agent call --audio``.

Each caller line is synthesised by espeak-ng with a caller voice (never the demo's), played in
real time into a room-less AgentSession with Silero VAD, the offline recogniser, the dialogue
engine, the real tools and espeak-ng TTS; the next line is played once the agent has answered,
exactly as ``call --audio`` plays the turns of a recording. What the recogniser heard, the
agent's replies and the tools it ran come back as a :class:`TurnOutcome`, so the corpus checks
judge voice calls like typed ones.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import wave
import zlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from voice_agent.adapters.offline.calls import (
    REPLY_TIMEOUT,
    CallObserver,
    Patience,
    RoomlessCall,
    await_answer,
    play_line,
    start_roomless_call,
    wait_for_greeting,
)
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.adapters.voice.providers import load_vad
from voice_agent.bootstrap import bootstrap
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.listening import ListeningHint
from voice_agent.testing.callers.harness import CallLine, _seed, _template_db, corpus_settings
from voice_agent.testing.callers.runner import ToolEvent, TurnOutcome
from voice_agent.testing.callers.state import read_sqlite
from voice_agent.testing.callers.world import World


@dataclass(frozen=True)
class CallerVoice:
    """A caller voice: name, words per minute, pitch (espeak-ng: 0-99; flite: the mean
    fundamental frequency in Hz) and the synthesiser that speaks it."""

    name: str
    rate: int = 160
    pitch: int = 50
    noise_db: float | None = None
    """Signal-to-noise ratio of white noise mixed in (None: clean)."""
    engine: Literal["espeak-ng", "flite"] = "espeak-ng"

    @property
    def label(self) -> str:
        noise = f"@{self.noise_db:g}dB" if self.noise_db is not None else ""
        engine = "flite:" if self.engine == "flite" else ""
        return f"{engine}{self.name}/{self.rate}/{self.pitch}{noise}"

    def speak(self, text: str) -> tuple[np.ndarray[Any, Any], int]:
        """``text`` rendered in this voice: (int16 mono samples, sample rate). Blocking.

        The same samples in every run, whatever the process rendered before or renders at
        the same time: espeak-ng lines are rendered in a library of their own
        (:func:`.espeak.synth_apart`) from a seed of the text and the voice. Until the
        voice30 round a caller line went through the process's shared engine, which carries
        state from render to render - the agent's own replies and the other call's lines
        (``--jobs 2``) included - and seeds the breath noise of en-us+f2 / en-us+f3 from the
        clock at load, so two runs of identical code heard different audio and a recorded
        call bench could not tell a code change from a render."""
        if self.engine == "flite":
            return flite_synthesize(text, voice=self.name, rate=self.rate, pitch_hz=self.pitch)
        return synthesize(
            text,
            voice=self.name,
            rate=self.rate,
            pitch=self.pitch,
            seed=line_seed(text, self.label),
            apart=True,
        )


def line_seed(*parts: str) -> int:
    """A render seed that is the same in every run (``hash`` of a str is not)."""
    return zlib.crc32("|".join(parts).encode()) & 0xFFFF


FLITE_MISSING = (
    "the flite voice set needs the flite program on PATH (Debian/Ubuntu: apt-get install flite)"
)


def flite_synthesize(
    text: str, *, voice: str, rate: int, pitch_hz: int
) -> tuple[np.ndarray[Any, Any], int]:
    """Render ``text`` with the flite program (CMU's small synthesiser, a different engine from
    espeak-ng): its duration stretch is set from words per minute (160 = 1.0), its pitch in Hz."""
    exe = shutil.which("flite")
    if exe is None:
        raise RuntimeError(FLITE_MISSING)
    with tempfile.TemporaryDirectory(prefix="flite-") as tmp:
        out = Path(tmp) / "line.wav"
        subprocess.run(
            [
                exe,
                "-voice",
                voice,
                "--setf",
                f"duration_stretch={160 / rate:.3f}",
                "--setf",
                f"int_f0_target_mean={pitch_hz}",
                "-t",
                text,
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        with wave.open(str(out), "rb") as w:
            if w.getsampwidth() != 2 or w.getnchannels() != 1:
                raise RuntimeError(f"flite wrote an unexpected WAV for voice {voice!r}")
            rate_hz = w.getframerate()
            samples = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).copy()
    return samples, rate_hz


DEMO_VOICE = "en-us+klatt"
VOICES: tuple[CallerVoice, ...] = (
    CallerVoice("en-us", 165, 50),
    CallerVoice("en-gb-x-rp", 150, 55),
    CallerVoice("en-us+f3", 160, 65),
    CallerVoice("en-us+m3", 170, 40),
    CallerVoice("en-029", 155, 50),
    CallerVoice("en-us+f2", 150, 60),
    CallerVoice("en", 160, 45),
    CallerVoice("en-us+m7", 175, 35),
)
"""Caller voices for the voice evaluation; none is the demo's (which pocketsphinx hears
best). Tuned on for rounds: :data:`BLIND_VOICES` is the set nobody tunes on."""

BLIND_VOICES: tuple[CallerVoice, ...] = (
    CallerVoice("en-gb-x-gbcwmd", 170, 45),
    CallerVoice("en-us+m4", 185, 35, 20.0),
    CallerVoice("en-gb-scotland+m6", 150, 40),
    CallerVoice("en-gb-x-gbclan+f5", 160, 65),
    CallerVoice("en-us+croak", 155, 45),
    CallerVoice("en-us+klatt6", 175, 55, 20.0),
    CallerVoice("en-us+steph", 165, 60),
    CallerVoice("en-us-nyc+whisperf", 145, 50, 20.0),
)
"""Held-out caller voices (``--voice-set blind``): never tune the recogniser or the dialogue
engine on them, only measure. Each pairs an accent with an espeak-ng variant that no other
voice list in the project uses (not :data:`VOICES`, not ``bench/stt_eval.py``'s tuning and
held-out splits, ``bench/stt_wer.py``, ``bench/vad_lag.py`` or the demo's ``en-us+klatt``);
en-gb-x-gbcwmd is an accent used nowhere else. Speeds 145-185 wpm, pitch 35-65, three of the
eight with white noise at 20 dB SNR."""

FLITE_VOICES: tuple[CallerVoice, ...] = (
    CallerVoice("slt", 160, 175, engine="flite"),
    CallerVoice("rms", 165, 105, engine="flite"),
    CallerVoice("awb", 150, 120, engine="flite"),
    CallerVoice("kal16", 170, 110, engine="flite"),
    CallerVoice("slt", 180, 210, 20.0, engine="flite"),
    CallerVoice("rms", 145, 95, 20.0, engine="flite"),
    CallerVoice("awb", 170, 135, engine="flite"),
    CallerVoice("kal16", 150, 125, 20.0, engine="flite"),
)
"""Held-out caller voices from another synthesiser (``--voice-set flite``; needs the flite
program): CMU flite's four English voices (slt a US woman, rms a US man, awb a Scottish man,
kal16 a US man's diphones), each at two speeds and pitches, three of the eight with white noise
at 20 dB SNR. Like :data:`BLIND_VOICES`, never tuned on: the recogniser has only ever been tuned
with espeak-ng's formant voices, so these test it on speech made another way."""

VOICE_SETS: dict[str, tuple[CallerVoice, ...]] = {
    "tuned": VOICES,
    "blind": BLIND_VOICES,
    "flite": FLITE_VOICES,
}
"""The caller voice sets ``python -m bench.dialogue --voice --voice-set NAME`` rotates."""


_NUMBER = re.compile(r"(?<![\d:])\+?\d[\d\-. ()]{5,}\d(?![\d:])")


LETTER_SOUNDS = {
    "A": "ay", "B": "bee", "C": "see", "D": "dee", "E": "ee", "F": "eff", "G": "gee",
    "H": "aitch", "I": "eye", "J": "jay", "K": "kay", "L": "el", "M": "em", "N": "en",
    "O": "oh", "P": "pee", "Q": "cue", "R": "ar", "S": "ess", "T": "tee", "U": "you",
    "V": "vee", "W": "double you", "X": "ex", "Y": "why", "Z": "zee",
}  # fmt: skip
"""How each letter's name sounds, written for espeak (``bench.stt_spelling``'s: espeak says a
lone "A" as the article and garbles a lone "E")."""

_SPELLED = re.compile(r"(?<![\w'])[A-Z](?:[ ,.\-]+[A-Z](?![\w'])){2,}")
"""Three capital letters or more, each on its own ("V E R A, K O W A L S K I", "N-G-U-Y-E-N"):
a name spelled."""


def spoken_form(text: str) -> str:
    """How a caller says a typed line: phone numbers digit by digit ("646 555 0177" is "six
    four six, five five five, zero one seven seven", not "six hundred forty-six...")."""

    def digits(m: re.Match[str]) -> str:
        raw = m.group(0)
        groups = [g for g in re.split(r"[\-. ()]+", raw.lstrip("+")) if g]
        said = ", ".join(" ".join(g) for g in groups)
        return ("plus " if raw.startswith("+") else "") + said

    return _NUMBER.sub(digits, text)


def said_aloud(text: str) -> str:
    """What the voice caller says for a line (:func:`spoken_form`), a spelled name letter by
    letter as the letters' names sound ("N-G-U" is "en gee you"). Kept apart from
    ``spoken_form``, which the word-error benches also use as their reference text."""

    def letters(m: re.Match[str]) -> str:
        words = [w for w in re.split(r"\s*,\s*|\.\s*", m.group(0)) if w.strip()]
        return ", ".join(
            " ".join(LETTER_SOUNDS[c] for c in word if c in LETTER_SOUNDS) for word in words
        )

    return _SPELLED.sub(letters, spoken_form(text))


def _with_noise(samples: np.ndarray[Any, Any], snr_db: float, seed: int) -> Any:
    signal = samples.astype(np.float64)
    power = float(np.mean(signal**2)) or 1.0
    noise = np.random.default_rng(seed).normal(
        0.0, np.sqrt(power / 10 ** (snr_db / 10)), signal.size
    )
    return np.clip(signal + noise, -32768, 32767).astype(np.int16)


@dataclass
class _Events:
    state: str = "initializing"
    said: list[str] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)
    tools: list[ToolEvent] = field(default_factory=list)

    last: str = "none yet"
    """The latest thing the session did, for a report of where a call got stuck."""

    def on_state(self, ev: Any) -> None:
        self.state = ev.new_state
        self.last = f"agent {ev.new_state}"

    def on_item(self, ev: Any) -> None:
        item = ev.item
        role = getattr(item, "role", None)
        text = (getattr(item, "text_content", None) or "").strip()
        if role == "assistant" and text:
            self.said.append(text)
            self.last = f"agent reply {len(self.said)}"
        elif role == "user" and text:
            self.heard.append(text)
            self.last = f"caller turn {len(self.heard)} heard"

    def on_tools(self, ev: Any) -> None:
        for call, output in ev.zipped():
            self.last = f"tool {call.name}"
            try:
                args = json.loads(call.arguments or "{}")
            except ValueError:
                args = {}
            self.tools.append(
                ToolEvent(
                    name=call.name,
                    arguments=args if isinstance(args, dict) else {},
                    output=output.output if output is not None else "",
                    is_error=bool(output is not None and output.is_error),
                )
            )


@dataclass(kw_only=True, eq=False)
class VoiceLine(CallLine):
    """One spoken call in progress (see the module docstring)."""

    call: RoomlessCall
    events: _Events
    observer: CallObserver
    """What the scripted caller waits on (``await_answer``)."""
    voice: CallerVoice
    seed: int
    heard: list[str] = field(default_factory=list, init=False)
    """What the recogniser made of each caller line, in order."""
    mishears: bool = field(default=True, init=False)
    """The agent hears this line through speech recognition (see ``runner.mishears``)."""
    recorded: bool = False
    """A fixed script's lines are played as written, whatever the agent heard, as a recorded
    call file plays (``voice-agent call --audio``): the caller never repairs its number."""
    stage: str = field(default="starting", init=False)
    """What the call is doing or waiting on now (``where``)."""
    listening: ListeningHint | None = None
    """The call's expectation holder: what the recogniser was told to expect is shown with
    what it heard, so a failed call can be traced to the turn and the search that misheard."""

    @property
    def recognition_cpu(self) -> Any:
        """The call's recognition CPU and audio by turn kind (the offline engine's
        ``recognition_cpu``; None with another recogniser)."""
        return getattr(self.observer.stt, "recognition_cpu", None)

    @property
    def where(self) -> str:
        """What the call waits on now and the session's latest event (no words of the call)."""
        return f"{self.stage}; last event: {self.events.last}"

    async def say(self, text: str) -> TurnOutcome:
        voice = self.voice
        turn = len(self.heard) + 1
        if self.call.handle.over and not self.call.handle.state.ending:
            # nobody would hear it: the session closed without the agent ending the call
            raise RuntimeError(f"the call closed before line {turn} was said")
        self.stage = f"line {turn}: synthesising"
        samples, rate = await asyncio.to_thread(voice.speak, said_aloud(text))
        if voice.noise_db is not None:
            samples = _with_noise(samples, voice.noise_db, self.seed + len(self.heard))
        events = self.events
        said_before, heard_before, tools_before = (
            len(events.said),
            len(events.heard),
            len(events.tools),
        )
        committed_before = self.observer.heard_count()
        kept = getattr(self.observer.stt, "readings", None)
        readings_before = len(kept) if kept is not None else 0
        unheard_before = self.observer.unheard_count()
        expected = self.listening.current if self.listening is not None else None
        patience = Patience().for_this_machine()
        self.stage = f"line {turn}: playing ({rate and samples.size / rate:.1f} s)"
        await play_line(self.call.caller, samples, rate, patience=patience)
        # the next line only once this one was heard and its answer played (load-scaled waits)
        self.stage = f"line {turn}: waiting for the agent's answer"
        await await_answer(
            self.observer,
            heard_before=committed_before,
            unheard_before=unheard_before,
            patience=patience,
        )
        self.stage = f"line {turn}: answered"
        heard = " / ".join(events.heard[heard_before:])
        if expected is not None:
            digits = f" {expected.digits}" if expected.digits else ""
            heard = f"[{expected.kind.value}{digits}] {heard or '-'}"
        self.heard.append(heard)
        return TurnOutcome(
            tuple(events.said[said_before:]),
            tuple(events.tools[tools_before:]),
            ended=self.call.handle.state.ending,
            heard=self.heard[-1],
            readings=tuple(kept[readings_before:]) if kept is not None else (),
        )

    async def _end_call(self) -> None:
        self.stage = "hanging up: waiting for the call to end"
        try:
            await asyncio.wait_for(self.call.handle.wait_finished(), timeout=10.0)
        except TimeoutError:
            self.stage = "hanging up: closing the session"
        await self.call.handle.aclose()  # bounded (SESSION_CLOSE_TIMEOUT)
        self.stage = "hung up"
        self.call.caller.close()
        await self.call.output.aclose()


DEADLINE_BASE = 90.0
"""Seconds of a spoken corpus call's deadline for starting it, the greeting and hanging up."""
DEADLINE_PER_LINE = 60.0
"""Seconds of it per caller line for the agent to hear and answer it (a turn takes some 10 s;
one the agent never hears or answers gives up after the caller's patience, 30-60 s)."""
DEADLINE_TURNS = 12
"""Lines assumed of a call with no fixed script (a simulated caller)."""
DEADLINE_MOST_STRETCH = 3.0
"""The most the load stretches a deadline: a call at load 23 on two cores took 1.5 times as
long as at load 2 (median 78 s against 53 s), not 11 times; a stuck call is found in minutes,
not in an hour."""


def call_deadline(
    lines: Sequence[str] | None, voice: CallerVoice, *, load_factor: float | None = None
) -> float:
    """Seconds a spoken corpus call may take in all (the bench's per-call deadline): its lines'
    audio at ``voice``'s rate, twice (played, then heard behind it), plus a fixed allowance
    per line and for the call, stretched by the load per core (at most
    :data:`DEADLINE_MOST_STRETCH` times)."""
    if load_factor is None:
        try:
            load_factor = os.getloadavg()[0] / (os.cpu_count() or 1)
        except OSError:
            load_factor = 1.0
    said = [said_aloud(line) for line in lines] if lines is not None else []
    words = sum(len(line.split()) for line in said)
    audio = words / (voice.rate / 60.0)
    turns = len(said) if lines is not None else DEADLINE_TURNS
    stretch = min(DEADLINE_MOST_STRETCH, max(1.0, load_factor))
    return (DEADLINE_BASE + 2 * audio + DEADLINE_PER_LINE * turns) * stretch


LINE_ALIGN_FRAMES = 150
"""A recorded call's lines start every 3 s of the caller's stream (150 frames of 20 ms), so
each starts at the same place in the recogniser's stream in every run (see
``ScriptedCallerInput.align_frames``): 3 s is the least common multiple of the noise floor's
1 s table, the endpointer's 30 ms frame and the caller's 20 ms frame. A caller pauses 1.5 s
longer before a line on average."""


LINE_HOLD_FRAMES = 40
"""After a recorded call's line, 0.8 s of silence (40 frames of 20 ms) goes to the session at
once and the caller's stream then waits for the session's VAD to end the turn
(``ScriptedCallerInput.hold_frames``): the VAD ends it 0.5 s into a pause, so its flush of the
recogniser comes after the same audio in every run - in real time it came wherever the load
put the VAD's end."""

RECORDED_MAX_WAITING = 1_000
"""A recorded run's second opinions are never skipped for another call of the bench
(``second_opinion.WAITING_ENV``): each call waits its turn for the model instead."""


_vad: Any = None


def _shared_vad(settings: Any) -> Any:
    global _vad
    if _vad is None:
        _vad = load_vad(settings)
    return _vad


@asynccontextmanager
async def open_voice_line(
    world: World,
    *,
    voice: CallerVoice,
    seed: int = 0,
    recorded: bool = False,
    keep_readings: bool = False,
) -> AsyncIterator[VoiceLine]:
    """A started voice call in ``world`` with ``voice`` speaking the caller's lines
    (``recorded``: exactly the script's lines, see :attr:`VoiceLine.recorded`;
    ``keep_readings``: each reader's words per line kept for the bench's JSON)."""
    workdir = Path(tempfile.mkdtemp(prefix="voice-agent-voice-"))
    try:
        database = workdir / "call.db"
        shutil.copyfile(await _template_db(), database)
        settings = corpus_settings(workdir, database, keep_readings=keep_readings)
        container = await bootstrap(settings, clock=FixedClock(world.now), migrate=False)
        try:
            await _seed(container, world)
            seeded = read_sqlite(database)
            vad = await asyncio.to_thread(_shared_vad, settings)
            listening = ListeningHint()
            providers = container.providers(vad=vad, listening=listening)
            services = container.call_services()
            events = _Events()
            observer = CallObserver()
            holding: list[Any] = []

            def on_user_state(ev: Any) -> None:
                observer.on_user_state(ev)
                if ev.new_state != "speaking":
                    for caller in holding:
                        caller.speech_ended()

            def on_state(ev: Any) -> None:
                events.on_state(ev)
                observer.on_state(ev)

            def on_item(ev: Any) -> None:
                events.on_item(ev)
                observer.on_item(ev)

            call = await start_roomless_call(
                services,
                providers,
                room_name=f"voice-{int(time.time() * 1000) % 100000}",
                greeting=services.greeting,
                listeners={
                    "agent_state_changed": on_state,
                    "user_state_changed": on_user_state,
                    "conversation_item_added": on_item,
                    "speech_created": observer.on_speech,
                    "function_tools_executed": events.on_tools,
                },
            )
            observer.output = call.output
            observer.stt = call.handle.session.stt
            if recorded:
                call.caller.align_frames = LINE_ALIGN_FRAMES
                call.caller.hold_frames = LINE_HOLD_FRAMES
                holding.append(call.caller)
        except BaseException:
            await container.aclose()
            raise
        line = VoiceLine(
            container=container,
            providers=providers,
            call=call,
            events=events,
            observer=observer,
            greeting=services.greeting,
            database=database,
            seeded=seeded,
            voice=voice,
            seed=seed,
            recorded=recorded,
            listening=listening,
        )
        try:
            # the greeting plays first
            await wait_for_greeting(lambda: events.state, call.output, within=REPLY_TIMEOUT)
            events.said.clear()
            yield line
        finally:
            await line.hang_up()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
