"""What the voice benchmarks share: caller speech, a scripted voice call through the project's
call wiring (``start_roomless_call``: a real ``AgentSession``, recorder, events and cost meter),
an event-loop lag probe, and fake engines paced like cloud providers.

The fakes themselves are ``voice_agent.testing.fakes`` (the tests use the same ones); they only
wait, so a session built on them measures what the framework and the project add on top of
the providers.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from livekit.agents import AgentStateChangedEvent, llm, metrics

from voice_agent.adapters.offline.call_io import (
    LIVEKIT_AUDIO,
    LIVEKIT_DEFAULT_AUDIO,
    CallAudio,
)
from voice_agent.adapters.offline.calls import start_roomless_call, wait_until_idle
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.adapters.voice.providers import Providers
from voice_agent.adapters.voice.session import CallServices
from voice_agent.testing.fakes import (
    CLOUD_LIKE,
    FakeTTS,
    ReplyFn,
    Step,
    model_calls,
    model_says,
    receptionist_reply,
)

# --- call audio formats ---------------------------------------------------------------------
AUDIO_FORMATS: dict[str, CallAudio] = {
    "livekit": LIVEKIT_AUDIO,
    "livekit-24k": LIVEKIT_DEFAULT_AUDIO,
    "legacy": CallAudio(),
}
"""``--audio`` of the voice benchmarks: ``livekit`` is what the product's calls receive (the
caller at the 16 kHz the worker asks its room for, 50 ms frames; agent out at 24 kHz,
re-framed to 50 ms); ``livekit-24k`` is a room's default (caller at 24 kHz, as calls were
before they asked for 16 kHz); ``legacy`` is 16 kHz, 20 ms frames, output as it comes."""


def describe_audio(audio: CallAudio) -> str:
    out = f"{audio.output_rate // 1000} kHz out"
    if audio.output_frame_ms:
        out += f", re-framed to {audio.output_frame_ms} ms"
    return f"{audio.input_rate // 1000} kHz, {audio.input_frame_ms} ms frames in; {out}"


# --- engines paced like cloud providers --------------------------------------------------------
def cloud_like_tts(*, first_audio_delay: float = 0.09, **options: Any) -> FakeTTS:
    """A FakeTTS that answers like a cloud TTS (``CLOUD_LIKE`` pacing, 24 kHz audio), its
    first audio ``first_audio_delay`` seconds after the request."""
    pacing = dataclasses.replace(CLOUD_LIKE, first_audio_delay=first_audio_delay)
    return FakeTTS(pacing=pacing, sample_rate=24000, **options)


def scheduling_reply(small_talk: str) -> ReplyFn:
    """A model that calls the real tools: free slots when the caller asks what is available
    (or free), ``end_conversation`` on goodbye, ``small_talk`` otherwise; after a tool, it
    speaks the result (or relays the tool's error)."""
    after_tool = receptionist_reply()

    def reply(chat_ctx: llm.ChatContext, n: int) -> Step:
        last = chat_ctx.items[-1] if chat_ctx.items else None
        if isinstance(last, llm.FunctionCallOutput):
            return after_tool(chat_ctx, n)
        user = _last_user_text(chat_ctx)
        if "available" in user or "free" in user:
            return model_calls("fetch_available_slots", {"date": "Friday"})
        if "bye" in user:
            return model_calls("end_conversation", {"reason": "caller finished"})
        return model_says(small_talk)

    return reply


def _last_user_text(chat_ctx: llm.ChatContext) -> str:
    for item in reversed(chat_ctx.items):
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            return (item.text_content or "").lower()
    return ""


# --- caller speech ----------------------------------------------------------------------------
_SPEECH_CACHE: dict[tuple[str, str, int], tuple[np.ndarray, int]] = {}


def caller_speech(
    text: str, *, voice: str = "en-us+m3", rate: int = 160, threshold: int = 300
) -> tuple[np.ndarray, int]:
    """espeak-ng audio of ``text`` with leading/trailing silence trimmed, so that the moment
    the last frame is sent is the acoustic end of speech (cached; blocking)."""
    key = (text, voice, rate)
    if key not in _SPEECH_CACHE:
        samples, sr = synthesize(text, voice=voice, rate=rate)
        loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
        if loud.size:
            samples = samples[loud[0] : loud[-1] + 1]
        _SPEECH_CACHE[key] = (samples, sr)
    return _SPEECH_CACHE[key]


# --- event-loop lag -----------------------------------------------------------------------------
class LoopLag:
    """A ticker task: how late the event loop wakes a task that sleeps ``interval`` s."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + self.interval
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, loop.time() - due))

    def start(self) -> LoopLag:
        self._task = asyncio.create_task(self._tick(), name="loop-lag")
        return self

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @property
    def max(self) -> float:
        return max(self.lags, default=0.0)


# --- a scripted voice call --------------------------------------------------------------------
STAGES = ("vad", "stt", "commit", "dialogue", "to_tts", "tts", "to_output")
"""A turn's critical path, one interval per stage (seconds), from the caller's end of speech:

* ``vad``: end of speech -> the session's VAD ends the user's turn (its silence window, 0.5 s,
  plus its detection lag);
* ``stt``: VAD end of speech -> the final transcript reaches the session (0 when the
  recogniser finalised before the VAD spoke: the stages add up to the turn's latency);
* ``commit``: the later of the two -> the dialogue's first request (the framework's turn
  commit);
* ``dialogue``: first LLM request -> the text of the reply that is spoken (tool steps
  included);
* ``to_tts``: reply text -> the TTS request that makes the first audio;
* ``tts``: that TTS request -> its first audio (for a non-streaming TTS, the synthesis of the
  first sentence);
* ``to_output``: first TTS audio -> first agent frame at the call's output.
"""


@dataclass
class VoiceTurn:
    caller: str
    end_of_speech: float | None = None
    user_stopped: float | None = None  # the session's VAD declared end of speech
    first_audio: float | None = None
    reply: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    """Per-stage intervals (seconds; see :data:`STAGES`), where every marker was seen."""

    @property
    def latency(self) -> float | None:
        if self.end_of_speech is None or self.first_audio is None:
            return None
        return self.first_audio - self.end_of_speech


@dataclass
class VoiceCallResult:
    turns: list[VoiceTurn]
    frames_late: list[float]
    conversation: Any
    conversation_id: Any
    started: float
    ended: float


class _Watch:
    def __init__(self) -> None:
        self.agent_state = "initializing"
        self.user_stopped: list[float] = []
        self.said: list[str] = []
        # stage markers on the monotonic clock (metrics carry wall-clock times)
        self.finals: list[float] = []
        self.llm: list[tuple[float, float]] = []  # (request start, first text)
        self.tts: list[tuple[float, float]] = []  # (request start, first audio)
        self._wall_to_mono = time.monotonic() - time.time()

    def on_transcribed(self, ev: Any) -> None:
        if ev.is_final and ev.transcript:
            self.finals.append(time.monotonic())

    def on_metrics(self, ev: Any) -> None:
        m = ev.metrics
        if isinstance(m, metrics.LLMMetrics) and not m.cancelled:
            start = m.timestamp - m.duration + self._wall_to_mono
            self.llm.append((start, start + max(0.0, m.ttft)))
        elif isinstance(m, metrics.TTSMetrics) and m.ttfb >= 0:
            start = m.timestamp - m.duration + self._wall_to_mono
            self.tts.append((start, start + m.ttfb))

    def on_agent_state(self, ev: AgentStateChangedEvent) -> None:
        self.agent_state = ev.new_state

    def on_user_state(self, ev: Any) -> None:
        if ev.old_state == "speaking" and ev.new_state != "speaking":
            self.user_stopped.append(time.monotonic())

    def on_item(self, ev: Any) -> None:
        item = ev.item
        if isinstance(item, llm.ChatMessage) and item.role == "assistant" and item.text_content:
            self.said.append(item.text_content)

    def listeners(self) -> dict[str, Callable[[Any], None]]:
        return {
            "agent_state_changed": self.on_agent_state,
            "user_state_changed": self.on_user_state,
            "conversation_item_added": self.on_item,
            "user_input_transcribed": self.on_transcribed,
            "metrics_collected": self.on_metrics,
        }

    def stages(self, turn: VoiceTurn) -> dict[str, float]:
        """The turn's critical path (:data:`STAGES`): walking back from the first agent
        frame, each marker is the last of its kind before the next one; a stage whose
        markers were not both seen is left out."""
        eos, vad, out = turn.end_of_speech, turn.user_stopped, turn.first_audio
        if eos is None or out is None:
            return {}
        tts = max((t for t in self.tts if eos <= t[0] <= out), default=None, key=_first)
        tts_first = min(tts[1], out) if tts else None
        llm_ready = max(
            (t for t in self.llm if eos - 1 <= t[1] <= (tts[0] if tts else out)),
            default=None,
            key=_second,
        )
        heard = max(
            (t for t in self.finals if eos - 1 <= t <= (llm_ready[0] if llm_ready else out)),
            default=None,
        )
        llm_first = min(
            (t for t in self.llm if heard is not None and heard <= t[0] <= out),
            default=None,
            key=_first,
        )
        marks: list[tuple[str, float | None]] = [
            ("eos", eos),
            ("vad", vad),
            ("stt", heard),
            ("commit", llm_first[0] if llm_first else None),
            ("dialogue", llm_ready[1] if llm_ready else None),
            ("to_tts", tts[0] if tts else None),
            ("tts", tts_first),
            ("to_output", out),
        ]
        out_stages: dict[str, float] = {}
        for (_, before), (name, after) in zip(marks, marks[1:], strict=False):
            if name == "commit":
                before = max(vad, heard) if vad is not None and heard is not None else None
            elif name == "stt":
                before = vad
            if before is not None and after is not None:
                out_stages[name] = max(0.0, after - before) if name == "stt" else after - before
        return out_stages


def _first(t: tuple[float, float]) -> float:
    return t[0]


def _second(t: tuple[float, float]) -> float:
    return t[1]


async def _idle(watch: _Watch, output: Any, limit: float, settle: float) -> None:
    await wait_until_idle(lambda: watch.agent_state, output, within=limit, settle=settle)


async def voice_call(
    services: CallServices,
    providers: Providers,
    utterances: Sequence[tuple[str, np.ndarray, int]],
    *,
    greeting: str | None = None,
    before_turn: Callable[[int, str], None] | None = None,
    reply_timeout: float = 20.0,
    settle: float = 0.3,
    room_name: str | None = None,
    finish_timeout: float = 10.0,
    audio: CallAudio | None = None,
    pauses: Sequence[float] | None = None,
) -> VoiceCallResult:
    """One call over ``ScriptedCallerInput``/``RecordingAudioOutput`` through ``start_call``.

    ``utterances``: (text, samples, sample_rate); ``before_turn(i, text)`` runs before the
    caller starts speaking (e.g. to tell a fake STT what it will hear). Per turn: end of
    caller speech (last speech frame handed to the session), when the session's VAD said the
    user stopped, and the first agent audio frame. ``audio``: frame sizes and rates (default
    16 kHz, 20 ms); ``pauses[i]``: seconds the caller waits, after the agent went quiet,
    before line i (a caller thinking; default none).
    """
    started = time.monotonic()
    watch = _Watch()
    room_name = room_name or f"bench-{uuid.uuid4().hex[:8]}"
    call = await start_roomless_call(
        services,
        providers,
        room_name=room_name,
        greeting=greeting,
        listeners=watch.listeners(),
        audio=audio,
    )
    caller, output, handle = call.caller, call.output, call.handle
    turns: list[VoiceTurn] = []
    conversation = None
    try:
        await _idle(watch, output, reply_timeout, settle)
        for i, (text, samples, rate) in enumerate(utterances):
            if handle.state.ending:
                break
            turn = VoiceTurn(caller=text)
            turns.append(turn)
            if pauses is not None and i < len(pauses) and pauses[i] > 0:
                await asyncio.sleep(pauses[i])
            if before_turn is not None:
                before_turn(i, text)
            frames_before = len(output.first_frame_times)
            stopped_before = len(watch.user_stopped)
            said_before = len(watch.said)
            await caller.say(samples, rate).wait()
            turn.end_of_speech = caller.last_end_of_speech
            # woken by the output's first frame (polling every 5 ms in 20 calls was 4,000
            # wake-ups a second on the loop being measured); the frame's own time is kept
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(output.wait_for_segment(frames_before), reply_timeout)
            if len(output.first_frame_times) > frames_before:
                turn.first_audio = output.first_frame_times[frames_before]
            await _idle(watch, output, reply_timeout, settle)
            if len(watch.user_stopped) > stopped_before:
                turn.user_stopped = watch.user_stopped[stopped_before]
            turn.reply = watch.said[said_before:]
            turn.stages = watch.stages(turn)
        if handle.state.ending:
            try:
                conversation = await asyncio.wait_for(handle.wait_finished(), finish_timeout)
            except TimeoutError:
                conversation = None
    finally:
        if conversation is None:
            conversation = await handle.aclose()
        caller.close()
        await output.aclose()
    return VoiceCallResult(
        turns=turns,
        frames_late=list(output.frames_late),
        conversation=conversation,
        conversation_id=handle.conversation_id,
        started=started,
        ended=time.monotonic(),
    )


def first_after(times: Sequence[float], t: float | None) -> float | None:
    """The first timestamp at or after ``t``."""
    if t is None:
        return None
    later = [x for x in times if x >= t]
    return min(later) if later else None
