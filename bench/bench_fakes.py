"""Fake speech/language providers and a scripted voice-call driver for the benchmarks.

Loaded by path like ``common`` (bench/ is not a package)::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import fakes

The providers are real livekit-agents engines (``stt.STT``, ``llm.LLM``, ``tts.TTS``) whose
only "work" is a configurable delay, so a session built on them measures what the framework
and the project add on top of the providers:

* ``DelayedSTT`` - streaming STT with ``manual_flush``: the session flushes it when the VAD
  ends the user's turn; the FINAL transcript follows ``delay`` seconds after that flush (what
  a cloud STT's finalisation costs after end of speech).
* ``DelayedLLM`` - the first chunk ``first_token_delay`` seconds after ``chat()``; then the
  rest of the text (``token_interval`` between words), or a tool call. After a tool output it
  answers with text (a failed tool's message is relayed, as the prompt tells a real model to).
* ``DelayedTTS`` - non-streaming (the session wraps it in a sentence ``StreamAdapter``, like
  the offline engine); the first audio chunk ``first_audio_delay`` seconds after the request,
  the rest faster than real time.

Each fake records monotonic timestamps of what it did (``events``), and can be told to raise
``APIConnectionError`` on its N-th request (``fail_on``), for the fault benchmark.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from livekit import rtc
from livekit.agents import AgentStateChangedEvent, APIConnectionError, llm, stt, tts
from livekit.agents.language import LanguageCode
from livekit.agents.llm import ChatChunk, ChoiceDelta, CompletionUsage, FunctionToolCall
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import AudioBuffer

# --- providers ------------------------------------------------------------------------------


@dataclass
class Stamp:
    what: str
    at: float  # time.monotonic()
    info: Any = None


class _Recorder:
    def __init__(self) -> None:
        self.events: list[Stamp] = []

    def stamp(self, what: str, info: Any = None) -> float:
        now = time.monotonic()
        self.events.append(Stamp(what, now, info))
        return now

    def times(self, what: str) -> list[float]:
        return [e.at for e in self.events if e.what == what]


class DelayedSTT(stt.STT, _Recorder):
    """Streaming STT: FINAL transcript ``delay`` s after the session flushes the stream."""

    def __init__(
        self,
        *,
        delay: float = 0.25,
        text: str = "what times are available on friday",
        provider: str = "fake-stt",
        fail_on: Sequence[int] = (),
        retryable: bool = True,
    ) -> None:
        stt.STT.__init__(
            self,
            capabilities=stt.STTCapabilities(
                streaming=True, interim_results=False, manual_flush=True
            ),
        )
        _Recorder.__init__(self)
        self.delay = delay
        self.text = text
        """What the next utterance is heard as (the driver sets it before each turn)."""
        self._provider = provider
        self.fail_on = set(fail_on)
        self.retryable = retryable
        self.flushes = 0

    @property
    def provider(self) -> str:
        return self._provider

    @property
    def model(self) -> str:
        return "delayed"

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        await asyncio.sleep(self.delay)
        return _final(self.text)

    def stream(
        self,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.RecognizeStream:
        return _DelayedSTTStream(self, conn_options=conn_options)


def _final(text: str, audio_seconds: float = 0.0) -> stt.SpeechEvent:
    return stt.SpeechEvent(
        type=stt.SpeechEventType.FINAL_TRANSCRIPT,
        request_id=uuid.uuid4().hex,
        alternatives=[stt.SpeechData(language=LanguageCode("en"), text=text, confidence=1.0)],
    )


class _DelayedSTTStream(stt.RecognizeStream):
    def __init__(self, fake: DelayedSTT, *, conn_options: APIConnectOptions) -> None:
        super().__init__(stt=fake, conn_options=conn_options, sample_rate=16000)
        self._fake = fake

    async def _run(self) -> None:
        fake = self._fake
        pending: set[asyncio.Task[None]] = set()
        samples = 0
        error: list[BaseException] = []

        async def finalize(n: int, text: str, audio: float) -> None:
            try:
                await asyncio.sleep(fake.delay)
                if n in fake.fail_on:
                    fake.stamp("stt_fail", n)
                    raise APIConnectionError(
                        f"{fake.provider}: connection lost", retryable=fake.retryable
                    )
                fake.stamp("stt_final", n)
                self._event_ch.send_nowait(_final(text))
                if audio > 0:
                    self._event_ch.send_nowait(
                        stt.SpeechEvent(
                            type=stt.SpeechEventType.RECOGNITION_USAGE,
                            recognition_usage=stt.RecognitionUsage(audio_duration=audio),
                        )
                    )
            except BaseException as exc:  # surfaced by _run below
                error.append(exc)
                raise

        async for item in self._input_ch:
            if error:
                break
            if isinstance(item, rtc.AudioFrame):
                samples += item.samples_per_channel
                continue
            fake.flushes += 1
            n = fake.flushes
            fake.stamp("stt_flush", n)
            text, fake.text = fake.text, ""  # one transcript per turn; later flushes: empty
            task = asyncio.create_task(finalize(n, text, samples / 16000))
            samples = 0
            pending.add(task)
            task.add_done_callback(pending.discard)
            if n in fake.fail_on:
                await asyncio.gather(task, return_exceptions=True)
                break
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        if error and isinstance(error[0], Exception):
            raise error[0]


# --- LLM ---------------------------------------------------------------------------------------
ReplyFn = Callable[[llm.ChatContext, int], "Reply"]


@dataclass
class Reply:
    text: str = ""
    tool: tuple[str, dict[str, Any]] | None = None


def receptionist_reply(
    *, tool: tuple[str, dict[str, Any]] | None = None, text: str | None = None
) -> ReplyFn:
    """A reply policy: after a tool output, speak about it (relaying a tool error verbatim);
    otherwise call ``tool`` when given, else say ``text``."""

    def reply(chat_ctx: llm.ChatContext, _n: int) -> Reply:
        last = chat_ctx.items[-1] if chat_ctx.items else None
        if isinstance(last, llm.FunctionCallOutput):
            if last.is_error:
                return Reply(text=f"I'm sorry. {last.output}")
            return Reply(text=_speak_result(last.name, last.output))
        if tool is not None:
            return Reply(tool=tool)
        return Reply(text=text or "Sure. We are open Monday to Friday, nine to four.")

    return reply


def _speak_result(name: str, output: str) -> str:
    try:
        data = json.loads(output)
    except ValueError:
        return "Done."
    if name == "fetch_available_slots" and isinstance(data, dict):
        times = data.get("spoken_times") or []
        day = data.get("spoken_date", "that day")
        if times:
            return f"On {day} I have {', '.join(times[:3])}. Which one would you like?"
        return f"Sorry, {day} is fully booked."
    if name == "end_conversation":
        return "Thank you for calling. Goodbye!"
    return "All set."


class DelayedLLM(llm.LLM, _Recorder):
    def __init__(
        self,
        *,
        first_token_delay: float = 0.35,
        token_interval: float = 0.0,
        reply: ReplyFn | None = None,
        provider: str = "fake-llm",
        fail_on: Sequence[int] = (),
        retryable: bool = True,
    ) -> None:
        llm.LLM.__init__(self)
        _Recorder.__init__(self)
        self.first_token_delay = first_token_delay
        self.token_interval = token_interval
        self.reply = reply or receptionist_reply()
        self._provider = provider
        self.fail_on = set(fail_on)
        self.retryable = retryable
        self.calls = 0

    @property
    def model(self) -> str:
        return "delayed"

    @property
    def provider(self) -> str:
        return self._provider

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: Any = NOT_GIVEN,
        tool_choice: Any = NOT_GIVEN,
        extra_kwargs: Any = NOT_GIVEN,
    ) -> llm.LLMStream:
        self.calls += 1
        self.stamp("llm_call", self.calls)
        return _DelayedLLMStream(
            self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options, n=self.calls
        )


class _DelayedLLMStream(llm.LLMStream):
    def __init__(
        self,
        fake: DelayedLLM,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
        n: int,
    ) -> None:
        super().__init__(fake, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._fake = fake
        self._n = n

    async def _run(self) -> None:
        fake, n = self._fake, self._n
        rid = f"req-{n}-{uuid.uuid4().hex[:6]}"
        await asyncio.sleep(fake.first_token_delay)
        if n in fake.fail_on:
            fake.stamp("llm_fail", n)
            raise APIConnectionError(f"{fake.provider}: connection lost", retryable=fake.retryable)
        reply = fake.reply(self._chat_ctx, n)
        fake.stamp("llm_first_token", n)
        words = reply.text.split(" ") if reply.text else []
        for i, word in enumerate(words):
            if i and fake.token_interval > 0:
                await asyncio.sleep(fake.token_interval)
            self._event_ch.send_nowait(
                ChatChunk(id=rid, delta=ChoiceDelta(role="assistant", content=word + " "))
            )
        if reply.tool is not None:
            name, args = reply.tool
            call = FunctionToolCall(name=name, arguments=json.dumps(args), call_id=f"call-{rid}")
            self._event_ch.send_nowait(
                ChatChunk(id=rid, delta=ChoiceDelta(role="assistant", tool_calls=[call]))
            )
        self._event_ch.send_nowait(
            ChatChunk(
                id=rid,
                usage=CompletionUsage(prompt_tokens=400, completion_tokens=20, total_tokens=420),
            )
        )


# --- TTS ---------------------------------------------------------------------------------------
class DelayedTTS(tts.TTS, _Recorder):
    def __init__(
        self,
        *,
        first_audio_delay: float = 0.09,
        speed: float = 4.0,
        seconds_per_char: float = 0.03,
        max_seconds: float = 1.5,
        sample_rate: int = 24000,
        provider: str = "fake-tts",
        fail_on: Sequence[int] = (),
        retryable: bool = True,
    ) -> None:
        tts.TTS.__init__(
            self,
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=sample_rate,
            num_channels=1,
        )
        _Recorder.__init__(self)
        self.first_audio_delay = first_audio_delay
        self.speed = speed
        self.seconds_per_char = seconds_per_char
        self.max_seconds = max_seconds
        self._provider = provider
        self.fail_on = set(fail_on)
        self.retryable = retryable
        self.calls = 0

    @property
    def provider(self) -> str:
        return self._provider

    @property
    def model(self) -> str:
        return "delayed"

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> tts.ChunkedStream:
        self.calls += 1
        self.stamp("tts_call", self.calls)
        return _DelayedChunked(tts=self, input_text=text, conn_options=conn_options, n=self.calls)


class _DelayedChunked(tts.ChunkedStream):
    CHUNK = 0.1

    def __init__(
        self, *, tts: DelayedTTS, input_text: str, conn_options: APIConnectOptions, n: int
    ) -> None:
        super().__init__(tts=tts, input_text=input_text, conn_options=conn_options)
        self._fake = tts
        self._n = n

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        fake, n = self._fake, self._n
        rate = fake.sample_rate
        output_emitter.initialize(
            request_id=uuid.uuid4().hex, sample_rate=rate, num_channels=1, mime_type="audio/pcm"
        )
        await asyncio.sleep(fake.first_audio_delay)
        if n in fake.fail_on:
            fake.stamp("tts_fail", n)
            raise APIConnectionError(f"{fake.provider}: connection lost", retryable=fake.retryable)
        seconds = min(fake.max_seconds, max(0.2, len(self.input_text) * fake.seconds_per_char))
        chunk = int(rate * self.CHUNK)
        total = int(rate * seconds)
        t = np.arange(total) / rate
        audio = (1500 * np.sin(2 * math.pi * 220 * t)).astype(np.int16)  # a quiet hum
        for i, start in enumerate(range(0, total, chunk)):
            if i == 0:
                fake.stamp("tts_first_audio", n)
            elif fake.speed > 0:
                await asyncio.sleep(self.CHUNK / fake.speed)
            output_emitter.push(audio[start : start + chunk].tobytes())
        output_emitter.flush()


# --- caller speech ----------------------------------------------------------------------------
_SPEECH_CACHE: dict[tuple[str, str, int], tuple[np.ndarray, int]] = {}


def caller_speech(
    text: str, *, voice: str = "en-us+m3", rate: int = 160, threshold: int = 300
) -> tuple[np.ndarray, int]:
    """espeak-ng audio of ``text`` with leading/trailing silence trimmed, so that the moment
    the last frame is sent is the acoustic end of speech (cached; blocking)."""
    key = (text, voice, rate)
    if key not in _SPEECH_CACHE:
        from voice_agent.adapters.offline.tts import synthesize

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
@dataclass
class VoiceTurn:
    caller: str
    end_of_speech: float | None = None
    user_stopped: float | None = None  # the session's VAD declared end of speech
    first_audio: float | None = None
    reply: list[str] = field(default_factory=list)

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

    def on_agent_state(self, ev: AgentStateChangedEvent) -> None:
        self.agent_state = ev.new_state

    def on_user_state(self, ev: Any) -> None:
        if ev.old_state == "speaking" and ev.new_state != "speaking":
            self.user_stopped.append(time.monotonic())

    def on_item(self, ev: Any) -> None:
        item = ev.item
        if isinstance(item, llm.ChatMessage) and item.role == "assistant" and item.text_content:
            self.said.append(item.text_content)


async def _idle(watch: _Watch, output: Any, limit: float, settle: float) -> None:
    from voice_agent.adapters.offline.calls import wait_until_idle

    await wait_until_idle(lambda: watch.agent_state, output, within=limit, settle=settle)


async def voice_call(
    container: Any,
    providers: Any,
    utterances: Sequence[tuple[str, np.ndarray, int]],
    *,
    greeting: str | None = None,
    before_turn: Callable[[int, str], None] | None = None,
    reply_timeout: float = 20.0,
    settle: float = 0.3,
    room_name: str | None = None,
    finish_timeout: float = 10.0,
) -> VoiceCallResult:
    """One call over ``ScriptedCallerInput``/``RecordingAudioOutput`` through ``start_call``.

    ``utterances``: (text, samples, sample_rate); ``before_turn(i, text)`` runs before the
    caller starts speaking (e.g. to tell a fake STT what it will hear). Per turn: end of
    caller speech (last speech frame handed to the session), when the session's VAD said the
    user stopped, and the first agent audio frame.
    """
    from voice_agent.adapters.offline.calls import start_roomless_call

    started = time.monotonic()
    watch = _Watch()
    call = await start_roomless_call(
        container.call_services(),
        providers,
        room_name=room_name or f"bench-{uuid.uuid4().hex[:8]}",
        greeting=greeting,
        listeners={
            "agent_state_changed": watch.on_agent_state,
            "user_state_changed": watch.on_user_state,
            "conversation_item_added": watch.on_item,
        },
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
            if before_turn is not None:
                before_turn(i, text)
            frames_before = len(output.first_frame_times)
            stopped_before = len(watch.user_stopped)
            said_before = len(watch.said)
            await caller.say(samples, rate).wait()
            turn.end_of_speech = caller.last_end_of_speech
            deadline = time.monotonic() + reply_timeout
            while len(output.first_frame_times) == frames_before:  # noqa: ASYNC110 - polling
                if time.monotonic() >= deadline:
                    break
                await asyncio.sleep(0.005)
            if len(output.first_frame_times) > frames_before:
                turn.first_audio = output.first_frame_times[frames_before]
            await _idle(watch, output, reply_timeout, settle)
            if len(watch.user_stopped) > stopped_before:
                turn.user_stopped = watch.user_stopped[stopped_before]
            turn.reply = watch.said[said_before:]
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
