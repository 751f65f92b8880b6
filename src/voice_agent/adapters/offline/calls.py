"""Running whole voice calls without a LiveKit room: from scripted caller lines (spoken by
espeak-ng) or from a recording, through real Silero VAD, STT, the dialogue engine or a cloud
LLM, the tools and TTS. The agent's audio and the caller's go to a stereo WAV; each turn's
latency (end of caller speech to the first agent audio frame) is measured."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import statistics
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from livekit.agents import (
    AgentSession,
    AgentStateChangedEvent,
    ConversationItemAddedEvent,
    FunctionToolsExecutedEvent,
    SpeechCreatedEvent,
    UserStateChangedEvent,
    llm,
)
from livekit.agents.voice import SpeechHandle

from voice_agent.adapters.offline.audio import Int16Array
from voice_agent.adapters.offline.call_io import (
    SAMPLE_RATE,
    CallAudio,
    RecordingAudioOutput,
    ScriptedCallerInput,
    Timeline,
    level_stereo,
    write_stereo_wav,
)
from voice_agent.adapters.offline.recording import caller_turns
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.adapters.voice.events import parse_result
from voice_agent.adapters.voice.providers import Providers
from voice_agent.adapters.voice.session import CallHandle, CallServices, build_session, start_call
from voice_agent.adapters.voice.tool_results import read_tool_result
from voice_agent.adapters.voice.tools import CallState
from voice_agent.domain.listening import as_heard
from voice_agent.domain.models import ChangeAction, Conversation
from voice_agent.services.summaries import STOPPED_BY_USER

logger = logging.getLogger(__name__)

# A different voice from the agent's, and one pocketsphinx hears well (bench/stt_wer.py).
CALLER_VOICE = "en-us+klatt"
CALLER_RATE = 160
CALLER_PITCH = 30
REPLY_TIMEOUT = 25.0
IDLE_SETTLE = 0.4


def heard_as_said(transcripts: Sequence[str]) -> str:
    """A turn's transcripts for the terminal (``call``, ``demo``), each :func:`as_heard`."""
    return " / ".join(as_heard(transcript) for transcript in transcripts)


def answer_time_said(latency: float | None) -> str:
    """How long the agent took to answer a turn, for the terminal: ``answered in 1.2 s``.
    It printed ``[5124 ms]`` with no word of what it was (``call`` never said), and a
    negative figure when the agent answered a turn's first words while the rest of it still
    played (a recording's part holding several things said)."""
    if latency is None:
        return "no reply"
    if latency < 0:
        return "answered before it ended"
    return f"answered in {latency:.1f} s"


@dataclass
class TurnRecord:
    caller: str
    heard: str = ""
    transcripts: list[str] = field(default_factory=list)
    """Each caller turn the agent committed while this line's turn lasted (one, in step)."""
    agent: list[str] = field(default_factory=list)
    latency: float | None = None  # end of caller speech -> first agent audio, seconds
    changes: list[str] = field(default_factory=list)
    """Appointments booked, moved or cancelled during this turn ("cancelled 2026-12-04 09:00")."""
    problem: str | None = None
    """The agent did not hear this line, or heard it and did not answer, in time."""


@dataclass
class CallResult:
    name: str
    conversation: Conversation | None
    turns: list[TurnRecord]
    wav_path: Path | None
    wall_seconds: float
    audio_seconds: float
    late_frames: list[float]

    @property
    def latencies(self) -> list[float]:
        return [t.latency for t in self.turns if t.latency is not None]


Printer = Callable[[str], None]


class CallObserver:
    """Follows the session's events: agent state, and what was heard and said."""

    def __init__(self) -> None:
        self.output: RecordingAudioOutput | None = None  # set once the call has started
        self.state = "initializing"
        self.state_changed = asyncio.Event()
        self.user_state = "listening"
        self._speech_starts = 0
        self.heard: list[str] = []
        self.said: list[str] = []
        self.changes: list[str] = []
        """Appointments booked, moved or cancelled, as "cancelled 2026-12-04 09:00"."""
        self._replies_when_heard: list[int] = []
        self._speeches: list[SpeechHandle] = []
        self.stt: object | None = None  # set once the call has started

    def on_state(self, ev: AgentStateChangedEvent) -> None:
        self.state = ev.new_state
        self.state_changed.set()

    def on_user_state(self, ev: UserStateChangedEvent) -> None:
        if ev.new_state == "speaking" and self.user_state != "speaking":
            self._speech_starts += 1
        self.user_state = ev.new_state

    def on_speech(self, ev: SpeechCreatedEvent) -> None:
        self._speeches.append(ev.speech_handle)

    def on_tools(self, ev: FunctionToolsExecutedEvent) -> None:
        for call, output in ev.zipped():
            if output is None or output.is_error:
                continue
            result = parse_result(output.output)
            if not isinstance(result, dict):
                continue
            for change in read_tool_result(call.name, result).changes:
                if change.action is not ChangeAction.VIEWED:
                    self.changes.append(
                        f"{change.action.value} {change.day.isoformat()} {change.start:%H:%M}"
                    )

    def on_item(self, ev: ConversationItemAddedEvent) -> None:
        item = ev.item
        if isinstance(item, llm.ChatMessage):
            text = item.text_content or ""
            if item.role == "user":
                self.heard.append(text)
                self._replies_when_heard.append(self.replies_started())
            elif item.role == "assistant" and text:
                self.said.append(text)

    # AgentProbe
    def heard_count(self) -> int:
        return len(self.heard)

    def replies_started(self) -> int:
        return len(self.output.first_frame_times) if self.output is not None else 0

    def replies_when_heard(self, turn: int) -> int:
        return self._replies_when_heard[turn]

    def unheard_count(self) -> int:
        count = getattr(self.stt, "unheard", 0)
        return count if isinstance(count, int) else 0

    def decoding(self) -> bool:
        return bool(getattr(self.stt, "decoding", False))

    def speech_starts(self) -> int:
        return self._speech_starts

    def busy(self) -> bool:
        self._speeches = [s for s in self._speeches if not s.done()]
        return (
            self.state in ("thinking", "speaking", "initializing")
            or self.user_state == "speaking"  # the end of the caller's line is not through VAD
            or bool(self._speeches)  # a reply queued behind another, or not yet begun
            or (self.output is not None and self.output._pending_playback_count > 0)
        )


class AgentProbe(Protocol):
    """What a scripted caller can observe of the agent while waiting for its answer."""

    def heard_count(self) -> int:
        """How many caller turns the agent has committed (transcribed) so far."""
        ...

    def replies_started(self) -> int:
        """How many agent audio segments have started playing so far."""
        ...

    def replies_when_heard(self, turn: int) -> int:
        """How many segments had started when caller turn ``turn`` (from 0) was committed."""
        ...

    def speech_starts(self) -> int:
        """How many times the voice activity detector has heard the caller start speaking."""
        ...

    def busy(self) -> bool:
        """The agent is thinking, speaking, has a reply queued or audio still playing, or is
        still hearing the caller."""
        ...

    def unheard_count(self) -> int:
        """How many stretches of sound the recogniser decoded to no words at all (a tone, a
        beep): no transcript will come for them (0 from a recogniser that does not say)."""
        ...

    def decoding(self) -> bool:
        """The recogniser still holds speech it has not finished transcribing."""
        ...


@dataclass(frozen=True)
class Patience:
    """How long the scripted caller waits for each step of the agent's answer. A loaded
    machine hears and answers late, not never: :meth:`for_load` stretches every step."""

    heard: float = 30.0
    """End of the caller's line -> its transcript committed."""
    reply: float = 30.0
    """Transcript -> the first audio of the answer."""
    finish: float = 60.0
    """-> the answer has been played to its end and the agent is listening."""
    settle: float = IDLE_SETTLE
    """Quiet this long counts as finished."""
    unheard: float = 3.0
    """A line decoded to no words -> the request to repeat, if one comes (the session asks
    2 s after the caller's end of speech, if its VAD took the sound for speech at all)."""
    unvoiced: float = 5.0
    """End of the caller's line -> the voice activity detector has heard speech in it, or
    it never will: a click or a breath cut out as a turn is given up on after this long,
    not after :attr:`heard`."""

    def for_load(self, *, load: float, cpus: int) -> Patience:
        """Each wait times the load per core (never shorter); the settle at most 2 s."""
        factor = max(1.0, load / max(1, cpus))
        return Patience(
            heard=self.heard * factor,
            reply=self.reply * factor,
            finish=self.finish * factor,
            unvoiced=self.unvoiced * factor,
            settle=min(max(self.settle, 2.0), self.settle * factor),
            unheard=self.unheard * factor,
        )

    def for_this_machine(self) -> Patience:
        try:
            load = os.getloadavg()[0]
        except OSError:  # not available on this platform
            return self
        return self.for_load(load=load, cpus=os.cpu_count() or 1)


@dataclass(frozen=True)
class Answer:
    """How the agent answered one caller line."""

    heard: bool
    replied: bool
    reply_segment: int | None = None
    """The index (among the agent's audio segments) of the answer's first one."""
    unheard: bool = False
    """The recogniser decoded the line to no words (a tone, a beep, a noise)."""
    voiced: bool = True
    """The voice activity detector heard speech in the line (False: nothing to transcribe)."""


async def await_answer(
    probe: AgentProbe,
    *,
    heard_before: int,
    patience: Patience,
    unheard_before: int | None = None,
    speech_before: int | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    poll: float = 0.02,
) -> Answer:
    """Wait, after the caller's line, until the agent has heard it (its transcript is
    committed), started an answer after that, and played everything: the caller's next line
    then never runs over the answer to this one, however slow the machine. Audio before the
    transcript (a request to repeat, sent while a slow transcript was on its way) is not the
    answer; but a line the recogniser decoded to no words (a tone, a beep: ``unheard_before``
    is its count before the line) gets no transcript, and the request to repeat is then the
    answer. With ``speech_before`` (:meth:`AgentProbe.speech_starts` before the line was
    played), a line in which the voice activity detector never heard speech is given up on
    after ``patience.unvoiced``: no transcript can come of it."""
    if speech_before is not None and not await _until(
        lambda: probe.heard_count() > heard_before or probe.speech_starts() > speech_before,
        patience.unvoiced,
        clock=clock,
        sleep=sleep,
        poll=poll,
    ):
        await _settled(probe, patience, clock=clock, sleep=sleep, poll=poll)
        return Answer(heard=False, replied=False, voiced=False)
    replies_before = probe.replies_started()
    unheard_at = probe.unheard_count() if unheard_before is None else unheard_before
    over = await _until(
        lambda: probe.heard_count() > heard_before or probe.unheard_count() > unheard_at,
        patience.heard,
        clock=clock,
        sleep=sleep,
        poll=poll,
    )
    heard = probe.heard_count() > heard_before
    reply_segment: int | None = None
    if over and not heard:
        # no words in it: the request to repeat is the answer, if one comes once the agent
        # and the recogniser are idle (or words come after the noise, after all). Never past
        # ``patience.heard`` more: a recogniser that lost a flush (its worker died) said it
        # was decoding for ever, and this waited for ever.
        quiet_since: float | None = None
        give_up = clock() + patience.heard
        while not (probe.heard_count() > heard_before or probe.replies_started() > replies_before):
            if clock() >= give_up:
                break
            if probe.busy() or probe.decoding():
                quiet_since = None
            elif quiet_since is None:
                quiet_since = clock()
            elif clock() - quiet_since >= patience.unheard:
                break
            await sleep(poll)
        heard = probe.heard_count() > heard_before
        if not heard and probe.replies_started() > replies_before:
            reply_segment = replies_before
    if heard:
        before = probe.replies_when_heard(heard_before)
        if await _until(
            lambda: probe.replies_started() > before,
            patience.reply,
            clock=clock,
            sleep=sleep,
            poll=poll,
        ):
            reply_segment = before
    await _settled(probe, patience, clock=clock, sleep=sleep, poll=poll)
    heard = probe.heard_count() > heard_before
    return Answer(
        heard=heard,
        replied=reply_segment is not None,
        reply_segment=reply_segment,
        unheard=not heard and probe.unheard_count() > unheard_at,
    )


async def _until(
    condition: Callable[[], bool],
    within: float,
    *,
    clock: Callable[[], float],
    sleep: Callable[[float], Awaitable[None]],
    poll: float,
) -> bool:
    deadline = clock() + within
    while not condition():
        if clock() >= deadline:
            return False
        await sleep(poll)
    return True


async def _settled(
    probe: AgentProbe,
    patience: Patience,
    *,
    clock: Callable[[], float],
    sleep: Callable[[float], Awaitable[None]],
    poll: float,
) -> None:
    """Until the agent has been idle for ``patience.settle`` (or ``patience.finish`` passed)."""
    deadline = clock() + patience.finish
    quiet_since: float | None = None
    while clock() < deadline:
        if probe.busy():
            quiet_since = None
        elif quiet_since is None:
            quiet_since = clock()
        elif clock() - quiet_since >= patience.settle:
            return
        await sleep(poll)


async def wait_until_idle(
    agent_state: Callable[[], str],
    output: RecordingAudioOutput,
    *,
    within: float,
    settle: float = IDLE_SETTLE,
) -> None:
    """Wait until the agent is listening with nothing left to play, for ``settle`` seconds
    (or until ``within`` seconds have passed)."""
    deadline = time.monotonic() + within
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        busy = agent_state() in ("thinking", "speaking", "initializing") or (
            output._pending_playback_count > 0
        )
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= settle:
            return
        await asyncio.sleep(0.02)


async def wait_for_greeting(
    agent_state: Callable[[], str], output: RecordingAudioOutput, *, within: float
) -> None:
    """Wait until the greeting has started playing and then finished, as a caller would.

    Right after the session starts the agent is already "listening" with nothing queued, so
    waiting for idleness alone returns before a slow (loaded) TTS has produced the greeting;
    a caller who then speaks talks over it and the call is a turn out of step."""
    deadline = time.monotonic() + within
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(output.wait_for_segment(0), within)
    await wait_until_idle(agent_state, output, within=max(0.0, deadline - time.monotonic()))


async def play_line(
    caller: ScriptedCallerInput, samples: Int16Array, rate: int, *, patience: Patience
) -> bool:
    """Play a caller's line and wait until its last frame went to the session (or the session
    stopped listening: the caller input lets go of it then). False, logged, when that took
    ``patience.heard`` seconds more than the line lasts: the session stopped taking audio
    without saying so, and nothing else would ever end this wait."""
    seconds = samples.size / rate if rate else 0.0
    done = caller.say(samples, rate)
    try:
        await asyncio.wait_for(done.wait(), seconds + patience.heard)
    except TimeoutError:
        logger.error(
            "the caller's line was not taken by the session in time",
            extra={"wait": "caller_line", "line_seconds": round(seconds, 1)},
        )
        return False
    return True


@dataclass
class RoomlessCall:
    """A call whose audio goes through a scripted caller and a recording output."""

    timeline: Timeline
    caller: ScriptedCallerInput
    output: RecordingAudioOutput
    session: AgentSession[CallState]
    handle: CallHandle


async def start_roomless_call(
    services: CallServices,
    providers: Providers,
    *,
    room_name: str,
    greeting: str | None,
    listeners: Mapping[str, Callable[[Any], None]] | None = None,
    audio: CallAudio | None = None,
) -> RoomlessCall:
    """Start a voice session without a room; ``listeners`` are attached before it starts.
    ``audio``: frame sizes and rates of both sides (default 16 kHz, 20 ms frames)."""
    audio = audio or CallAudio()
    timeline = Timeline()
    caller = ScriptedCallerInput(
        timeline, sample_rate=audio.input_rate, frame_ms=audio.input_frame_ms
    )
    output = RecordingAudioOutput(
        timeline, sample_rate=audio.output_rate, frame_ms=audio.output_frame_ms
    )
    session = build_session(providers, pausable_output=False)  # the recording cannot pause
    session.input.audio = caller
    session.output.audio = output
    for event, callback in (listeners or {}).items():
        session.on(event, callback)  # type: ignore[arg-type]
    handle = await start_call(
        services,
        session,
        room_name=room_name,
        providers=providers,
        greeting=greeting,
        record=False,
    )
    return RoomlessCall(timeline, caller, output, session, handle)


async def run_call(
    services: CallServices,
    providers: Providers,
    *,
    name: str,
    lines: Sequence[str] | None = None,
    recording: tuple[Int16Array, int] | None = None,
    out_dir: Path | None = None,
    printer: Printer | None = None,
    room_name: str | None = None,
    repairs: Mapping[str, str] | None = None,
    max_repairs: int = 2,
    base_patience: Patience | None = None,
) -> CallResult:
    """One call: scripted caller ``lines`` (synthesised) or a ``recording`` of the caller's
    side, cut at pauses of a second or more into turns (each played once the agent has
    answered the one before, so every turn's latency is measured).

    ``repairs`` makes the scripted caller behave like a person when the agent misheard: if an
    agent reply contains a key, the caller says the value next (at most ``max_repairs``).

    The caller speaks its next line only once the agent has heard the last one and played
    its answer (see :func:`await_answer`); ``base_patience`` (stretched by the machine's
    load) bounds each wait, and a turn that ran out of it says so in its ``problem``.
    """
    if (lines is None) == (recording is None):
        raise ValueError("give either caller lines or a recording")
    say = printer or (lambda _s: None)
    started = time.monotonic()
    observer = CallObserver()
    call = await start_roomless_call(
        services,
        providers,
        room_name=room_name or f"offline-{name}-{uuid.uuid4().hex[:6]}",
        greeting=services.greeting,
        listeners={
            "agent_state_changed": observer.on_state,
            "user_state_changed": observer.on_user_state,
            "conversation_item_added": observer.on_item,
            "speech_created": observer.on_speech,
            "function_tools_executed": observer.on_tools,
        },
    )
    timeline, caller, output, handle = call.timeline, call.caller, call.output, call.handle
    observer.output = output
    observer.stt = handle.session.stt
    turns: list[TurnRecord] = []
    conversation: Conversation | None = None
    try:
        patience = (base_patience or Patience()).for_this_machine()
        if services.greeting:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(output.wait_for_segment(0), patience.reply)
        await _settled(observer, patience, clock=time.monotonic, sleep=asyncio.sleep, poll=0.02)
        for text in observer.said:
            say(f"  agent : {text}")
        observer.said.clear()
        queue: deque[tuple[str, Int16Array | None, int]]
        if lines is not None:
            queue = deque((line, None, 0) for line in lines)
        else:
            assert recording is not None
            pieces = caller_turns(*recording)
            queue = deque(
                (f"(recording, part {i + 1} of {len(pieces)})", piece, recording[1])
                for i, piece in enumerate(pieces)
            )
        repairs_left = max_repairs
        while queue and not (handle.state.ending or handle.over):
            text, given, rate = queue.popleft()
            if given is None:
                samples, rate = await asyncio.to_thread(
                    synthesize, text, voice=CALLER_VOICE, rate=CALLER_RATE, pitch=CALLER_PITCH
                )
            else:
                samples = given
            turn = TurnRecord(caller=text)
            turns.append(turn)
            heard_before = observer.heard_count()
            unheard_before = observer.unheard_count()
            speech_before = observer.speech_starts()
            changes_before = len(observer.changes)
            say(f"  caller: {text}")
            # measured per turn: the load on a shared machine changes during a call
            patience = (base_patience or Patience()).for_this_machine()
            await play_line(caller, samples, rate, patience=patience)
            end_of_speech = caller.last_end_of_speech or time.monotonic()
            answer = await await_answer(
                observer,
                heard_before=heard_before,
                unheard_before=unheard_before,
                patience=patience,
                speech_before=speech_before,
            )
            if answer.reply_segment is not None:
                first = output.first_frame_times[answer.reply_segment]
                turn.latency = first - end_of_speech
            if not answer.voiced:
                turn.problem = "not heard: the voice activity detector found no speech in it"
            elif answer.unheard:
                turn.problem = "not heard: no words in it (a tone or a noise?)"
            elif not answer.heard:
                turn.problem = f"not heard: no transcript within {patience.heard:.0f} s"
            elif not answer.replied:
                turn.problem = f"no answer within {patience.reply:.0f} s of the transcript"
            turn.transcripts = observer.heard[heard_before:]
            turn.heard = " / ".join(turn.transcripts)
            turn.agent = list(observer.said)
            turn.changes = observer.changes[changes_before:]
            observer.said.clear()
            shown = heard_as_said(turn.transcripts)
            say(f"          heard as: {shown or '(nothing)'}   [{answer_time_said(turn.latency)}]")
            if turn.problem:
                say(f"          ({turn.problem})")
            if turn.changes:
                say(f"          changed: {', '.join(turn.changes)}")
            for reply in turn.agent:
                say(f"  agent : {reply}")
            for trigger, line in (repairs or {}).items():
                if repairs_left and any(trigger in reply for reply in turn.agent):
                    repairs_left -= 1
                    queue.appendleft((line, None, 0))
                    break
        try:
            conversation = await asyncio.wait_for(handle.wait_finished(), timeout=10.0)
        except TimeoutError:
            conversation = await handle.aclose()
    except asyncio.CancelledError as stop:
        # shutdown (SIGTERM, Ctrl-C): write the record and the recording of the call so far,
        # then stop (a call stopped mid-way left its record but no recording, and no word).
        # Ctrl-C is the user's stop, not the server's: its summary said "closed by the server"
        reason = STOPPED_BY_USER if STOPPED_BY_USER in stop.args else "job_shutdown"
        conversation = await asyncio.shield(handle.finish(reason))
        await handle.aclose()
        caller.close()
        await output.aclose()
        if out_dir is not None:
            partial = out_dir / f"{name}.wav"
            await asyncio.shield(asyncio.to_thread(_save_wav, partial, timeline))
            say(f"  (stopped: the call so far is in {partial}, its transcript in the database)")
        raise
    finally:
        if conversation is None:
            conversation = await handle.aclose()
        caller.close()
        await output.aclose()
    wav_path = None
    if out_dir is not None:
        wav_path = out_dir / f"{name}.wav"
        await asyncio.to_thread(_save_wav, wav_path, timeline)
    agent_audio = timeline.agent_seconds()
    return CallResult(
        name=name,
        conversation=conversation,
        turns=turns,
        wav_path=wav_path,
        wall_seconds=time.monotonic() - started,
        audio_seconds=agent_audio,
        late_frames=list(output.frames_late),
    )


def _save_wav(path: Path, timeline: Timeline) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_stereo_wav(path, level_stereo(timeline.stereo()), SAMPLE_RATE)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")
