"""Wiring one call: an AgentSession, the receptionist, the conversation recorder, the frontend
events and the cost meter. The worker (rooms) and the offline demo (audio without a room) both
start calls through ``start_call``, handing it the narrow :class:`CallServices` a call uses.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from livekit import rtc
from livekit.agents import (
    NOT_GIVEN,
    Agent,
    AgentSession,
    APIConnectOptions,
    CloseEvent,
    ConversationItemAddedEvent,
    ErrorEvent,
    FunctionToolsExecutedEvent,
    SessionUsageUpdatedEvent,
    TurnHandlingOptions,
    UserInputTranscribedEvent,
    UserStateChangedEvent,
    llm,
    room_io,
)
from livekit.agents.types import TOPIC_CHAT
from livekit.agents.voice import SpeechHandle
from livekit.plugins import bey  # imported here: plugins must register on the main thread

from voice_agent.adapters.voice.agent import ReceptionistAgent
from voice_agent.adapters.voice.events import (
    REQUEST_SUMMARY,
    ClientMessage,
    EventPublisher,
    EventSink,
    MemoryEventSink,
    RoomEventSink,
    agent_ready_event,
    conversation_end_event,
    parse_client_message,
    parse_result,
    summary_event,
    tool_call_event,
    with_name_told,
)
from voice_agent.adapters.voice.prompts import (
    NOT_HEARD_GOODBYE,
    REPEAT_PLEASE,
    SILENT_GOODBYE,
    STILL_THERE,
    SUMMARY_INSTRUCTIONS,
    TIME_UP_GOODBYE,
)
from voice_agent.adapters.voice.prompts import greeting as greeting_text
from voice_agent.adapters.voice.providers import (
    LLMEngine,
    Providers,
    STTEngine,
    TTSEngine,
    VADModel,
)
from voice_agent.adapters.voice.telephony import KeyRate
from voice_agent.adapters.voice.tool_results import read_tool_result
from voice_agent.adapters.voice.tools import CallState, quiet_expected_refusals
from voice_agent.adapters.voice.usage import UsageMeter
from voice_agent.config import Settings
from voice_agent.domain.clock import Clock
from voice_agent.domain.costs import Pricing, Usage
from voice_agent.domain.models import Conversation
from voice_agent.domain.phone import national_digits
from voice_agent.domain.ports import ConversationRepository, ConversationSpool
from voice_agent.services.recorder import CallRecorder
from voice_agent.services.scheduling import SchedulingService
from voice_agent.services.summaries import CallRecord, as_caller_reads, render_for_summary

logger = logging.getLogger(__name__)

TRANSCRIPTION_TIMEOUT = 2.0
REPEAT_WAIT = 20.0
"""After the transcription timeout, the longest a recogniser still decoding the caller's speech
(:class:`ReportsDecoding`) is waited for before the caller is asked to repeat. It was 6 s,
with 1.5 s to spare at load 8: with two calls running, a call's first transcript came 4.1-4.5 s
after the timeout (5.6-6.0 s after the caller's end of speech); on a busier machine the request
to repeat was said, then the answer to what the caller had said. Only a stuck recogniser
reaches 20 s (about four times the slowest measured; a worker that dies ends the decoding at
once, with an error), and a caller who speaks again meanwhile ends the wait (their new speech
is heard): the cap costs nothing but a silent caller's silence."""
DECODED_SETTLE = 0.5
"""How long a recogniser with nothing left to decode is given for its transcript to reach the
session (and a flush on its way, to reach the recogniser) before the caller is asked to
repeat."""
SUMMARY_CONN_OPTIONS = APIConnectOptions(max_retry=1, retry_interval=0.5, timeout=10.0)
SUMMARY_REQUESTED = "summary_requested"
"""The end reason of a call the frontend ended with ``request_summary``."""
TRANSFERRED = "transferred"
"""The end reason of a call put through to the clinic's staff."""
CALLER_SILENT = "caller_silent"
"""The end reason of a call whose caller said nothing, even when asked whether they were still
there (:class:`CallerSilence`)."""
TIME_LIMIT = "time_limit"
"""The end reason of a call that lasted its longest (``CallHandle.limit_length``)."""
NOT_UNDERSTOOD = "not_understood"
"""The end reason of a call whose caller's speech could not be made out: turns in a row with
no transcript, or a speech recogniser failing for good (``CallHandle``)."""
UNHEARD_TURNS_BEFORE_GOODBYE = 3
"""Caller turns in a row with no transcript after which the call says so plainly and ends
(:data:`NOT_HEARD_GOODBYE`): the first two are asked again (:data:`REPEAT_PLEASE`). A caller
asked to repeat for ever heard nothing but "Sorry, I didn't catch that" until the call's time
limit, and was never told to call again."""
REJOINED = (
    "Sorry, the line dropped for a moment. To keep your details safe, could you tell me "
    "your phone number again?"
)
"""Said when a participant joins with the caller's identity and the call starts over
(``CallHandle.start_over_if_rejoined``)."""
TIME_UP_GOODBYE_TIMEOUT = 15.0
"""How long the goodbye of a call over its time is given before the call ends anyway."""
SESSION_CLOSE_TIMEOUT = 20.0
"""Seconds closing the session may take (its speech drained, its engines' streams closed)
before the call is finished without it. LiveKit's close waits on the current speech and on
each stream with no bound of its own: one that never ended held a phone line open for ever,
and the call's record was never written."""


@dataclass(frozen=True)
class CallerSilence:
    """What a call does about a caller who says nothing while the agent waits for them.

    After ``ask_after`` seconds of the caller and the agent both silent (LiveKit's
    ``user_away_timeout``: it does not run while the agent speaks or a tool runs), the agent
    asks "Are you still there?"; after ``end_after`` more seconds of silence it says goodbye
    and ends the call (:data:`CALLER_SILENT`). 0 for ``ask_after``: neither; 0 for
    ``end_after``: it asks and never hangs up."""

    ask_after: float = 0.0
    end_after: float = 0.0

    @property
    def enabled(self) -> bool:
        return self.ask_after > 0

    @property
    def away_timeout(self) -> float | None:
        """The session's ``user_away_timeout``."""
        return self.ask_after if self.enabled else None


class MessageSource(Protocol):
    """Emits a room's events (an ``rtc.Room``): ``data_received`` with ``rtc.DataPacket``s,
    ``participant_disconnected``."""

    def on(self, event: Any, callback: Callable[..., Any] | None = None) -> Any: ...

    def off(self, event: Any, callback: Callable[..., Any]) -> None: ...


@runtime_checkable
class ReportsTones(Protocol):
    """An STT that counts the steady tones it heard and gave no words for (the offline
    recogniser: a beep, a hum, a dial tone). The VAD may take them for speech; asking the
    caller to repeat a tone only puzzles them. Speech the recogniser found no word in is not
    counted: a caller who was not understood is asked to say it again."""

    @property
    def tones(self) -> int: ...


@runtime_checkable
class ReportsDecoding(Protocol):
    """An STT that knows whether it holds speech it has not finished transcribing (the offline
    recogniser). A cloud STT gives no such signal: its transcription timeout stands."""

    @property
    def decoding(self) -> bool: ...


AvatarStarter = Callable[[AgentSession[CallState]], Awaitable[bool]]
"""Starts an avatar for a running session; returns whether one is now speaking for the agent."""


CALL_INPUT_SAMPLE_RATE = 16_000
"""The rate a call asks its room for the caller's audio. LiveKit resamples the caller's
track natively (in its FFI, off the event loop); Silero, pocketsphinx and Deepgram all take
16 kHz, so nothing on the event loop resamples the caller again. At the room's default of
24 kHz, Silero resampled every frame of every call on the loop (a quarter of the loop's work
with 20 offline calls in a process, py-spy)."""


MAX_TYPED_CHARACTERS = 500
"""The longest turn a caller may type (about half a minute of speech). LiveKit rooms take the
caller's text (the ``lk.chat`` topic) by default, of any length: a web caller could send a
megabyte a turn, which the cloud model is then sent again, whole, at every turn after it
(billed per token) and the call record keeps."""


def typed_turn(text: str) -> str:
    """A caller's typed text as a turn: control and formatting characters (escape sequences,
    right-to-left overrides, NUL) become spaces, runs of whitespace one space, and at most
    :data:`MAX_TYPED_CHARACTERS` are kept."""
    visible = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(visible.split())[:MAX_TYPED_CHARACTERS]


TYPED_TURN_BURST = 3
TYPED_TURNS_PER_SECOND = 0.5
"""The pace typed turns reach the model at: a few at once, then one every two seconds.
Each typed turn interrupts the reply and asks the model again with every turn so far, so a
script sending turns as fast as the room takes them (40 at once, in a test) had the cloud
model asked once for each, the context one turn longer each time."""


_typing_paces: weakref.WeakKeyDictionary[AgentSession[Any], KeyRate] = weakref.WeakKeyDictionary()


async def bounded_text_input(session: AgentSession[Any], event: room_io.TextInputEvent) -> None:
    """LiveKit's own handling of a typed turn (interrupt, then reply), on :func:`typed_turn`
    of the text; a turn with nothing visible in it is dropped, and so is one typed faster
    than :data:`TYPED_TURNS_PER_SECOND` past a burst of :data:`TYPED_TURN_BURST`."""
    text = typed_turn(event.text)
    if not text:
        return
    pace = _typing_paces.setdefault(
        session, KeyRate(burst=TYPED_TURN_BURST, per_second=TYPED_TURNS_PER_SECOND)
    )
    if not pace.take():
        if pace.refused == 1 or pace.refused % 100 == 0:
            logger.info("typed turns dropped: too fast", extra={"dropped": pace.refused})
        return
    reply = room_io.TextInputOptions().text_input_cb(session, dataclasses.replace(event, text=text))
    if reply is not None:
        await reply


MAX_TYPED_READ = 4 * MAX_TYPED_CHARACTERS
"""How much of one typed turn's text stream is read before the rest is dropped unread: room
after the cap for the spaces and control characters :func:`typed_turn` takes out. LiveKit's
own handler read a stream whole (``read_all``) before any cap applied, so a caller's script
could have the agent hold megabytes a turn."""


class TextChunks(Protocol):
    """A typed turn's text as it arrives, in chunks (an ``rtc.TextStreamReader``)."""

    def __aiter__(self) -> AsyncIterator[str]: ...

    def close(self) -> None: ...


async def read_typed_text(reader: TextChunks) -> str:
    """At most :data:`MAX_TYPED_READ` characters of ``reader``; it is closed after them, so
    the rest of the stream is never read or kept."""
    kept: list[str] = []
    size = 0
    try:
        async for chunk in reader:
            kept.append(chunk[: MAX_TYPED_READ - size])
            size += len(kept[-1])
            if size >= MAX_TYPED_READ:
                break
    finally:
        reader.close()
    return "".join(kept)


class TextStreams(Protocol):
    """Where a room hands over its participants' text streams (an ``rtc.Room``)."""

    def register_text_stream_handler(
        self, topic: str, handler: Callable[[Any, str], None]
    ) -> None: ...

    def unregister_text_stream_handler(self, topic: str) -> None: ...


def call_room_options(participant_identity: str) -> room_io.RoomOptions:
    """How a call joins its room: linked to the caller, closed when they hang up, the
    caller's audio at :data:`CALL_INPUT_SAMPLE_RATE` in 50 ms frames. Typed turns are not
    LiveKit's to read (it reads a stream whole): :meth:`CallHandle.read_typed_turns` reads
    them bounded."""
    return room_io.RoomOptions(
        close_on_disconnect=True,
        participant_identity=participant_identity,
        audio_input=room_io.AudioInputOptions(sample_rate=CALL_INPUT_SAMPLE_RATE),
        text_input=False,
    )


@dataclass(frozen=True)
class CallServices:
    """What a call uses from the application; the entry points build it from the container."""

    scheduling: SchedulingService
    conversations: ConversationRepository
    clock: Clock
    pricing: Pricing
    clinic_name: str = "the clinic"
    spool: ConversationSpool | None = None
    """Where a call record goes when the database cannot take it (None: logged and lost)."""
    silence: CallerSilence = CallerSilence()
    """What the call does about a silent caller (default: nothing; the entry points take it
    from the settings). Give the session the same: ``build_session(silence=...)``."""

    @property
    def greeting(self) -> str:
        return greeting_text(clinic_name=self.clinic_name)


def turn_handling(*, has_vad: bool, pausable_output: bool = True) -> TurnHandlingOptions:
    """Barge-in on, preemptive generation on; VAD ends turns when there is a VAD.

    ``pausable_output`` False: the audio output cannot pause, so a false interruption cannot
    be resumed (saying so up front spares the framework's warning at every call)."""
    options: TurnHandlingOptions = {
        "turn_detection": "vad" if has_vad else None,
        "interruption": {"enabled": True},
        "preemptive_generation": {"enabled": True},
    }
    if not pausable_output:
        options["interruption"]["resume_false_interruption"] = False
    if has_vad:
        options["interruption"]["mode"] = "vad"
    return options


def build_session(
    providers: Providers | None = None,
    *,
    llm: LLMEngine | None = None,
    stt: STTEngine | None = None,
    tts: TTSEngine | None = None,
    vad: VADModel | None = None,
    userdata: CallState | None = None,
    max_tool_steps: int = 5,
    pausable_output: bool = True,
    silence: CallerSilence | None = None,
) -> AgentSession[CallState]:
    """An AgentSession over the given engines (explicit arguments win over ``providers``).

    Without STT/TTS/VAD it is a text session (``session.run(user_input=...)``). ``silence``:
    when the caller counts as away (``user_away_timeout``; None: never)."""
    if providers is not None:
        llm = llm or providers.llm
        stt = stt or providers.stt
        tts = tts or providers.tts
        vad = vad or providers.vad
    if llm is None:
        raise ValueError("build_session needs an LLM")
    quiet_expected_refusals()
    return AgentSession[CallState](
        llm=llm,
        stt=stt if stt is not None else NOT_GIVEN,
        tts=tts if tts is not None else NOT_GIVEN,
        vad=vad,
        userdata=userdata or CallState(),
        turn_handling=turn_handling(has_vad=vad is not None, pausable_output=pausable_output),
        max_tool_steps=max_tool_steps,
        # The caller spoke (VAD) but no transcript came (e.g. the STT failed mid-turn and the
        # backup never saw that audio): CallHandle asks them to repeat.
        transcription_timeout=TRANSCRIPTION_TIMEOUT if vad is not None and stt else None,
        user_away_timeout=silence.away_timeout if silence is not None else None,
    )


class LLMSummarizer:
    """Asks an LLM for the call summary; its token usage is added to the call's cost."""

    def __init__(self, model: LLMEngine, *, meter: UsageMeter | None = None) -> None:
        self._model = model
        self._meter = meter

    async def summarize(self, record: CallRecord) -> str:
        chat_ctx = llm.ChatContext.empty()
        chat_ctx.add_message(role="system", content=SUMMARY_INSTRUCTIONS)
        chat_ctx.add_message(role="user", content=render_for_summary(record))
        response = await self._model.chat(
            chat_ctx=chat_ctx, conn_options=SUMMARY_CONN_OPTIONS
        ).collect()
        if response.usage is not None and self._meter is not None:
            self._meter.add(
                Usage(
                    llm_input_tokens=response.usage.prompt_tokens,
                    llm_output_tokens=response.usage.completion_tokens,
                )
            )
        return response.text


class CallHandle:
    """A running call. Whatever ends the session (end_conversation, hang-up, error, job
    shutdown, ``aclose``), ``finish`` runs once: summary, cost, final row, summary event."""

    def __init__(
        self,
        *,
        clock: Clock,
        session: AgentSession[CallState],
        agent: Agent,
        recorder: CallRecorder,
        publisher: EventPublisher,
        sink: EventSink,
        meter: UsageMeter,
        summary_llm: LLMEngine | None,
        scheduling: SchedulingService | None = None,
        silence: CallerSilence | None = None,
    ) -> None:
        self._clock = clock
        self._silence = silence or CallerSilence()
        self._silence_check: asyncio.Task[None] | None = None
        self._silence_ending = False
        self._tones_at_speech = 0
        self._scheduling = scheduling
        self._messages: MessageSource | None = None
        self._typed_turns: TextStreams | None = None
        self._left_room: tuple[MessageSource, Callable[..., None]] | None = None
        self.session = session
        self.agent = agent
        self.recorder = recorder
        self.publisher = publisher
        self.sink = sink
        self.meter = meter
        self._summary_llm = summary_llm
        self.greeting: SpeechHandle | None = None
        """The greeting's speech, when one was said (await it to wait for the playout)."""
        self._finish_task: asyncio.Task[Conversation] | None = None
        self._attached = False
        self._end_reason: str | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._caller_noted = False
        self._repeat_wait: asyncio.Task[None] | None = None
        self._caller_moves = 0
        """Final transcripts and starts of speech so far (see ``_on_transcription_timeout``)."""
        self._time_limit: asyncio.Task[None] | None = None
        self._unheard_in_a_row = 0
        """Repeat requests since the caller's last transcript (``_ask_to_repeat``)."""
        self._stt_failures = 0
        """Errors the speech recogniser could not recover from (``_on_error``)."""
        self._not_heard_ending = False

    @property
    def conversation_id(self) -> Any:
        return self.recorder.conversation_id

    @property
    def state(self) -> CallState:
        return self.session.userdata

    # --- session events ----------------------------------------------------------------------
    def _handlers(self) -> list[tuple[Any, Callable[[Any], None]]]:
        return [
            ("conversation_item_added", self._on_item),
            ("function_tools_executed", self._on_tools),
            ("session_usage_updated", self._on_usage),
            ("error", self._on_error),
            ("close", self._on_close),
            ("user_transcription_timeout", self._on_transcription_timeout),
            ("user_input_transcribed", self._on_transcript),
            ("user_state_changed", self._on_user_state),
        ]

    def attach(self) -> None:
        if not self._attached:
            for event, handler in self._handlers():
                self.session.on(event, handler)
            self._attached = True

    def detach(self) -> None:
        if self._repeat_wait is not None:
            self._repeat_wait.cancel()
        if self._time_limit is not None and self._time_limit is not asyncio.current_task():
            self._time_limit.cancel()
        self._caller_back()
        if self._attached:
            for event, handler in self._handlers():
                self.session.off(event, handler)
            if self._messages is not None:
                self._messages.off("data_received", self._on_data)
                self._messages = None
            if self._left_room is not None:
                self._left_room[0].off("participant_disconnected", self._left_room[1])
                self._left_room = None
            if self._typed_turns is not None:
                self._typed_turns.unregister_text_stream_handler(TOPIC_CHAT)
                self._typed_turns = None
            self._attached = False

    # --- the frontend ----------------------------------------------------------------------------
    def listen(self, source: MessageSource) -> None:
        """Take the frontend's messages from ``source``'s data packets (a room's
        ``data_received``) until the call is finished."""
        if self._messages is None and self._finish_task is None:
            self._messages = source
            source.on("data_received", self._on_data)

    def read_typed_turns(self, room: TextStreams, *, caller_identity: str) -> None:
        """Take the caller's typed turns (the ``lk.chat`` topic) from ``room``, each read up
        to :data:`MAX_TYPED_READ` (:func:`read_typed_text`) and then as
        :func:`bounded_text_input`; streams from anyone else in the room are dropped unread,
        as LiveKit's own handler drops them."""

        def on_stream(reader: TextChunks, participant_identity: str) -> None:
            if participant_identity != caller_identity or self._finish_task is not None:
                reader.close()
                return
            self._spawn(self._take_typed_turn(reader), name="call-typed-turn")

        room.register_text_stream_handler(TOPIC_CHAT, on_stream)
        self._typed_turns = room

    def start_over_if_rejoined(self, room: MessageSource, *, caller_identity: str) -> None:
        """Start the call over when someone joins ``room`` with the caller's identity.

        LiveKit lets the newcomer in and puts the caller out (``DUPLICATE_IDENTITY``), and the
        session takes the newcomer as its caller. That newcomer is most often the caller: a
        browser whose connection failed and could not be resumed joins again with the same
        token (livekit-client's full reconnect), and the server, still holding the old
        connection, puts it out this way. It can also hold the caller's token (leaked or
        copied), which attack12 answered by ending the call, hanging up on every caller whose
        network blipped. So the call goes on as a new one: who the caller is and everything
        the model was told are forgotten (the record keeps them; the per-call caps stay
        counted), and the agent asks for the number again."""

        def on_left(participant: rtc.RemoteParticipant) -> None:
            if (
                participant.identity == caller_identity
                and participant.disconnect_reason == rtc.DisconnectReason.DUPLICATE_IDENTITY
                and self._finish_task is None
            ):
                logger.warning(
                    "caller rejoined with the same identity: the call starts over",
                    extra={"conversation_id": str(self.conversation_id)},
                )
                self._spawn(self._start_over(), name="call-start-over")

        room.on("participant_disconnected", on_left)
        self._left_room = (room, on_left)

    async def _start_over(self) -> None:
        state = self.state
        state.restarts += 1  # a lookup under way finds nothing for the caller now on
        state.user_id = None
        state.name_told = None
        state.name_known = False
        state.opened = None
        self.recorder.note_restart()
        agent = self.session.current_agent
        # the instructions stay; every turn and tool result goes (the offline engine reads
        # its state from this context too)
        kept: list[llm.ChatItem] = [
            item
            for item in agent.chat_ctx.items
            if isinstance(item, llm.ChatMessage) and item.role in ("system", "developer")
        ]
        with contextlib.suppress(RuntimeError):  # nothing to interrupt, or closing
            self.session.interrupt()
        await agent.update_chat_ctx(llm.ChatContext(kept))
        with contextlib.suppress(RuntimeError):
            self.session.say(REJOINED, allow_interruptions=True)

    async def _take_typed_turn(self, reader: TextChunks) -> None:
        try:
            text = await read_typed_text(reader)
        except rtc.StreamError:  # the caller's side abandoned it: no turn
            return
        await bounded_text_input(self.session, room_io.TextInputEvent(text=text))

    def _on_data(self, packet: rtc.DataPacket) -> None:
        message = parse_client_message(packet.data, topic=packet.topic)
        if message is not None:
            self.on_client_message(message)

    def on_client_message(self, message: ClientMessage) -> None:
        """Act on a message from the frontend (docs/events.md): ``request_summary`` ends the
        call and sends the summary. Other types are ignored."""
        if message.type == REQUEST_SUMMARY:
            logger.info(
                "frontend asked for the summary",
                extra={"conversation_id": str(self.conversation_id)},
            )
            self._spawn(self.end(SUMMARY_REQUESTED), name="call-end-requested")
        else:
            logger.debug("frontend message ignored", extra={"message_type": message.type})

    def _spawn(self, coro: Coroutine[Any, Any, Any], *, name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def announce_ready(self, *, has_avatar: bool) -> None:
        """Tell the frontend the agent (and its avatar, if any) is ready to talk."""
        await self.publisher.publish(agent_ready_event(has_avatar=has_avatar, at=self._clock.now()))

    def _note_caller(self) -> None:
        """Bind the record to the room participant who is the caller (only they may read
        its summary); nothing to do without a room."""
        if self._caller_noted:
            return
        try:
            participant = self.session.room_io.linked_participant
        except RuntimeError:  # a session without a room
            self._caller_noted = True
            return
        if participant is not None and participant.identity:
            self.recorder.set_caller(participant.identity)
            self._caller_noted = True

    def _on_item(self, ev: ConversationItemAddedEvent) -> None:
        self._note_caller()
        item = ev.item
        if isinstance(item, llm.ChatMessage) and item.role in ("user", "assistant"):
            self.recorder.add_turn(item.role, item.text_content or "", interrupted=item.interrupted)

    def _on_tools(self, ev: FunctionToolsExecutedEvent) -> None:
        now = self._clock.now()
        for call, output in ev.zipped():
            shown = output.output
            if call.name == "identify_user" and not output.is_error:
                shown = with_name_told(shown, self.state.name_told)
            self.publisher.emit(
                tool_call_event(
                    name=call.name,
                    arguments=call.arguments,
                    output=shown,
                    is_error=output.is_error,
                    at=now,
                    call_id=call.call_id,
                )
            )
            if not output.is_error:
                result = parse_result(output.output)
                if isinstance(result, dict):
                    facts = read_tool_result(call.name, result)
                    self.recorder.note_changes(facts.changes)
                    if facts.registered:
                        self.recorder.note_registration()
        user_id = self.state.user_id
        if user_id is not None:
            self.recorder.identify(user_id)

    def _on_transcript(self, ev: UserInputTranscribedEvent) -> None:
        if ev.is_final and ev.transcript.strip():
            self._caller_moves += 1
            self._unheard_in_a_row = 0
            self._caller_back()

    def _on_user_state(self, ev: UserStateChangedEvent) -> None:
        if ev.new_state == "speaking":
            self._caller_moves += 1
            self._tones_at_speech = self._tones()
        if ev.new_state == "away":
            self._on_caller_away()
        else:
            self._caller_back()

    # --- the longest call --------------------------------------------------------------------
    def limit_length(self, seconds: float) -> None:
        """End the call ``seconds`` from now, after a goodbye (``end_reason`` ``time_limit``).

        Browser calls served by ``serve`` always had ``CALL_MAX_SECONDS``; LiveKit calls (a
        phone line, a browser with a ``/token``) had no limit at all: a caller who kept
        talking, played a recording or kept pressing keys held a worker, a phone line and
        the per-minute recogniser for as long as they liked."""
        if self._time_limit is None and self._finish_task is None:
            self._time_limit = asyncio.create_task(
                self._end_at_time_limit(seconds), name="call-time-limit"
            )

    async def _end_at_time_limit(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        if self._finish_task is not None:
            return
        logger.info(
            "call reached its time limit", extra={"conversation_id": str(self.conversation_id)}
        )
        # what the caller says now would only be answered after the goodbye
        self.session.input.set_audio_enabled(False)
        with contextlib.suppress(RuntimeError):  # nothing to interrupt
            self.session.interrupt()
        with contextlib.suppress(RuntimeError, TimeoutError):  # closing; or a stuck goodbye
            goodbye = self.session.say(TIME_UP_GOODBYE, allow_interruptions=False)
            await asyncio.wait_for(goodbye.wait_for_playout(), TIME_UP_GOODBYE_TIMEOUT)
        await self.end(TIME_LIMIT)

    # --- a silent caller -------------------------------------------------------------------
    def _on_caller_away(self) -> None:
        """The caller and the agent were both silent for ``silence.ask_after`` seconds, no tool
        running (LiveKit's user-away timer): ask whether they are still there, once."""
        if not self._silence.enabled or self._finish_task is not None:
            return
        if self.state.ending or self.state.transferring:
            return
        if self._silence_check is None or self._silence_check.done():
            self._silence_check = asyncio.create_task(
                self._check_on_caller(), name="call-silent-caller"
            )

    def _caller_back(self) -> None:
        """The caller spoke (or typed): a pending hang-up for silence is off."""
        if self._silence_ending:
            return
        if self._silence_check is not None and not self._silence_check.done():
            self._silence_check.cancel()
        self._silence_check = None

    async def _check_on_caller(self) -> None:
        try:
            asked = self.session.say(STILL_THERE, allow_interruptions=True)
        except RuntimeError:  # the session is closing
            return
        logger.info(
            "caller silent: asked whether they are still there",
            extra={"conversation_id": str(self.conversation_id)},
        )
        await asked.wait_for_playout()
        if self._silence.end_after <= 0:
            return
        await asyncio.sleep(self._silence.end_after)
        if self.session.user_state != "away" or self.state.ending or self.state.transferring:
            return
        self._silence_ending = True
        logger.info(
            "caller still silent: ending the call",
            extra={"conversation_id": str(self.conversation_id)},
        )
        try:
            goodbye = self.session.say(SILENT_GOODBYE, allow_interruptions=False)
        except RuntimeError:
            return
        self._spawn(self._end_after(goodbye, CALLER_SILENT), name="call-end-silent")

    async def _end_after(
        self, goodbye: SpeechHandle, reason: str, *, bound: float | None = None
    ) -> None:
        """End the call with ``reason`` once ``goodbye`` is said, or after ``bound`` seconds
        of waiting for it (a stuck goodbye: the call ends all the same)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(goodbye.wait_for_playout(), bound)
        await self.end(reason)

    def _tones(self) -> int:
        engine = self.session.stt
        return engine.tones if isinstance(engine, ReportsTones) else 0

    def _only_nonspeech(self) -> bool:
        """Whether the recogniser heard a steady tone since the caller last began to "speak"
        (a beep, a hum the VAD took for speech): nothing to ask them to repeat."""
        return self._tones() > self._tones_at_speech

    def _on_transcription_timeout(self, _ev: object) -> None:
        """The caller spoke and no transcript came in time. A recogniser that reports its
        decoding is waited for until it has nothing left to decode (behind real time on a
        loaded machine that takes seconds): asked to repeat before its transcript arrived, the
        caller says it again and the call falls a turn behind."""
        if self.state.ending:
            return
        engine = self.session.stt
        if isinstance(engine, ReportsDecoding):
            # even when it is not decoding now: the flush may not have reached it yet, or its
            # final may be on its way to the session (DECODED_SETTLE)
            if self._repeat_wait is None or self._repeat_wait.done():
                self._repeat_wait = asyncio.create_task(
                    self._repeat_once_decoded(engine), name="call-repeat-wait"
                )
            return
        if self._only_nonspeech():
            logger.info("only a tone was heard: no repeat request")
            return
        self._ask_to_repeat()

    async def _repeat_once_decoded(self, engine: ReportsDecoding) -> None:
        """Ask to repeat once ``engine`` has decoded what it holds (or :data:`REPEAT_WAIT`
        passed) and still nothing was heard, unless the caller spoke again meanwhile."""
        moves = self._caller_moves
        loop = asyncio.get_running_loop()
        deadline = loop.time() + REPEAT_WAIT
        idle_since: float | None = None
        while self._caller_moves == moves and loop.time() < deadline:
            if engine.decoding:
                idle_since = None
            elif idle_since is None:
                idle_since = loop.time()
            elif loop.time() - idle_since >= DECODED_SETTLE:
                break
            await asyncio.sleep(0.05)
        if self._caller_moves == moves and not self.state.ending:
            if self._only_nonspeech():
                logger.info("only a tone was heard: no repeat request")
                return
            if engine.decoding:
                logger.warning(
                    "the recogniser is still decoding after %.0f s: asking to repeat", REPEAT_WAIT
                )
            else:
                logger.info("no transcript after decoding: asking to repeat")
            self._ask_to_repeat()

    def _ask_to_repeat(self) -> None:
        self._unheard_in_a_row += 1
        if self._unheard_in_a_row >= UNHEARD_TURNS_BEFORE_GOODBYE:
            logger.info(
                "caller not understood turn after turn: ending the call",
                extra={"conversation_id": str(self.conversation_id)},
            )
            self._end_not_heard()
            return
        try:
            self.session.say(REPEAT_PLEASE, allow_interruptions=True)
        except RuntimeError:
            # the session is closing (the caller hung up while a transcript was pending)
            logger.info("no repeat request: the session is closing")

    def _end_not_heard(self) -> None:
        """Tell the caller plainly that they cannot be made out, to call again or reach the
        front desk, and end the call once that is said (:data:`NOT_UNDERSTOOD`)."""
        if self._not_heard_ending or self._finish_task is not None or self.state.ending:
            return
        self._not_heard_ending = True
        with contextlib.suppress(RuntimeError):  # nothing to interrupt
            self.session.interrupt()
        try:
            goodbye = self.session.say(NOT_HEARD_GOODBYE, allow_interruptions=False)
        except RuntimeError:  # the session is closing
            return
        self._spawn(
            self._end_after(goodbye, NOT_UNDERSTOOD, bound=TIME_UP_GOODBYE_TIMEOUT),
            name="call-end-not-heard",
        )

    def _on_usage(self, ev: SessionUsageUpdatedEvent) -> None:
        self.meter.observe(ev.usage)

    def _on_error(self, ev: ErrorEvent) -> None:
        error = ev.error
        logger.warning(
            "session error",
            extra={
                "conversation_id": str(self.conversation_id),
                "error_type": getattr(error, "type", type(error).__name__),
                "recoverable": getattr(error, "recoverable", None),
            },
        )
        if getattr(error, "type", None) == "stt_error" and not getattr(error, "recoverable", True):
            # LiveKit closes the session itself at the next such error, cutting off whatever
            # is being said (the caller hears the line go dead): at the last one it lets
            # pass, the caller is told plainly and the call ends after it
            self._stt_failures += 1
            if self._stt_failures >= self.session.conn_options.max_unrecoverable_errors:
                logger.info(
                    "speech recognition failing for good: ending the call",
                    extra={"conversation_id": str(self.conversation_id)},
                )
                self._end_not_heard()

    def _on_close(self, ev: CloseEvent) -> None:
        reason = self._reason(ev)
        self._start_finish(reason)

    def _reason(self, ev: CloseEvent | None = None) -> str:
        if self.state.ending:
            return "end_conversation"
        if self.state.transferring:
            return TRANSFERRED
        if self._end_reason is not None:
            return self._end_reason
        if ev is None:
            return "closed"
        if ev.error is not None:
            return "error"
        return str(ev.reason.value)

    # --- finishing -----------------------------------------------------------------------------
    def _start_finish(self, reason: str) -> asyncio.Task[Conversation]:
        if self._finish_task is None:
            self._finish_task = asyncio.create_task(self._finish(reason), name="call-finish")
        return self._finish_task

    async def finish(self, reason: str | None = None) -> Conversation:
        """Write the final row and publish the summary (once; later calls return the same)."""
        return await asyncio.shield(self._start_finish(reason or self._reason()))

    async def wait_finished(self) -> Conversation:
        """Wait for the call to end on its own and be written."""
        if self._finish_task is None:
            done = asyncio.get_running_loop().create_future()

            def on_close(_: CloseEvent) -> None:
                if not done.done():
                    done.set_result(None)

            self.session.once("close", on_close)
            try:
                if self._finish_task is None:
                    await done
            finally:
                self.session.off("close", on_close)
        assert self._finish_task is not None
        return await asyncio.shield(self._finish_task)

    @property
    def over(self) -> bool:
        """The call is ending or ended: the session closed (or is closing) and the record is
        being written. A caller's line played now is heard by nobody."""
        return self._finish_task is not None

    async def aclose(self, *, within: float = SESSION_CLOSE_TIMEOUT) -> Conversation:
        """Close the session (if still running) and finish the call. A close that takes
        longer than ``within`` seconds is given up on (logged): the record is written and the
        summary published all the same."""
        if self._finish_task is None:
            try:
                await asyncio.wait_for(self.session.aclose(), within)
            except TimeoutError:
                logger.error(
                    "closing the session timed out: the call is finished without it",
                    extra={
                        "conversation_id": str(self.conversation_id),
                        "wait": "session_close",
                        "seconds": within,
                    },
                )
            except Exception:
                logger.warning("closing the session failed", exc_info=True)
        return await self.finish()

    async def end(self, reason: str) -> Conversation:
        """End the call now for ``reason`` (e.g. the frontend's ``request_summary``, a browser
        caller's ``caller_hung_up``): the session stops, the record is written and the summary
        published, as for a hang-up; ``reason`` is the record's ``end_reason`` unless the agent
        was ending the call."""
        if self._finish_task is None and self._end_reason is None:
            self._end_reason = reason
        return await self.aclose()

    async def _finish(self, reason: str) -> Conversation:
        self._note_caller()
        self.meter.observe(self.session.usage)
        await self.publisher.drain()
        summarizer = None
        if self._summary_llm is not None and any(
            t.get("role") == "user" for t in self.recorder.conversation.transcript
        ):
            summarizer = LLMSummarizer(self._summary_llm, meter=self.meter)
        conversation = await self.recorder.finish(
            reason=reason, cost=self.meter.cost, summarizer=summarizer
        )
        shown = as_caller_reads(conversation)
        phone, name = await self._caller(shown)
        await self.publisher.publish(
            summary_event(shown, at=self._clock.now(), user_phone=phone, user_name=name)
        )
        await self.publisher.publish(conversation_end_event(conversation, at=self._clock.now()))
        self.detach()
        return conversation

    async def _caller(self, conversation: Conversation) -> tuple[str | None, str | None]:
        """The identified caller's number (national digits) and name, for the summary: the
        name as far as the caller gave it (``CallState.name_told``), none for a number
        alone (the frontend's summary showed the account's name to whoever typed it)."""
        if conversation.user_id is None or self._scheduling is None:
            return None, None
        try:
            user = await self._scheduling.user(conversation.user_id)
        except Exception as exc:  # a summary without the name beats no summary
            logger.warning(
                "caller lookup for the summary failed", extra={"error_type": type(exc).__name__}
            )
            return None, None
        told = self.state.name_told if self.state.user_id == user.id else None
        return national_digits(user.phone), told


async def start_call(
    services: CallServices,
    session: AgentSession[CallState],
    *,
    room_name: str,
    room: rtc.Room | None = None,
    agent: Agent | None = None,
    event_sink: EventSink | None = None,
    providers: Providers | None = None,
    summary_llm: LLMEngine | None = None,
    greeting: str | None = None,
    room_options: room_io.RoomOptions | None = None,
    record: bool | None = None,
    save_delay: float = 0.5,
    avatar: AvatarStarter | None = None,
) -> CallHandle:
    """Start ``session`` with the receptionist and record the call.

    * ``room``: join the session to a LiveKit room (RoomIO) and publish events on its data
      channel. Without a room the session uses whatever I/O is already set on
      ``session.input`` / ``session.output`` (none: text mode) and events go to
      ``event_sink`` (default: a ``MemoryEventSink``, see ``handle.sink``).
    * ``summary_llm``: the LLM that writes the summary (default ``providers.summary_llm``);
      None means the deterministic summary.
    * ``avatar``: started once the session runs, before the greeting; the frontend's
      ``agent_ready`` event says whether it started.
    * ``greeting``: said (not generated) once the agent is ready; None for no greeting.

    In a room, the frontend's ``request_summary`` on the data channel ends the call.
    """
    if agent is None:
        agent = ReceptionistAgent(services.scheduling, clinic_name=services.clinic_name)
    try:
        session.userdata  # noqa: B018
    except ValueError:
        session.userdata = CallState()
    if summary_llm is None and providers is not None:
        summary_llm = providers.summary_llm
    sink: EventSink
    if event_sink is not None:
        sink = event_sink
    elif room is not None:
        sink = RoomEventSink(room)
    else:
        sink = MemoryEventSink()
    recorder = CallRecorder(
        services.conversations,
        services.clock,
        room_name=room_name,
        save_delay=save_delay,
        spool=services.spool,
    )
    handle = CallHandle(
        clock=services.clock,
        session=session,
        agent=agent,
        recorder=recorder,
        publisher=EventPublisher(sink),
        sink=sink,
        meter=UsageMeter(
            services.pricing,
            free_providers=providers.free_providers if providers is not None else (),
        ),
        summary_llm=summary_llm,
        scheduling=services.scheduling,
        silence=services.silence,
    )
    handle.attach()
    if room is not None:
        handle.listen(room)
        if room_options is not None and room_options.participant_identity:
            handle.read_typed_turns(room, caller_identity=room_options.participant_identity)
            handle.start_over_if_rejoined(room, caller_identity=room_options.participant_identity)
    await recorder.start()
    logger.info(
        "call starting",
        extra={"conversation_id": str(recorder.conversation_id), "room_name": room_name},
    )
    options: dict[str, Any] = {}
    if room is not None:
        options["room"] = room
    if room_options is not None:
        options["room_options"] = room_options
    if record is not None:
        options["record"] = record
    try:
        await session.start(agent, **options)
    except BaseException:
        logger.exception("session failed to start", extra={"room_name": room_name})
        await asyncio.shield(handle.finish("error"))
        raise
    has_avatar = False
    if avatar is not None:
        try:
            has_avatar = await avatar(session)
        except Exception as exc:  # the call goes on audio-only
            logger.warning("avatar failed to start", extra={"error_type": type(exc).__name__})
    await handle.announce_ready(has_avatar=has_avatar)
    if greeting:
        handle.greeting = session.say(greeting, allow_interruptions=True)
    return handle


async def start_avatar(
    settings: Settings, session: AgentSession[CallState], *, room: rtc.Room
) -> bool:
    """Start the Beyond Presence avatar when BEY_API_KEY and BEY_AVATAR_ID are set.

    Returns whether it started; a failing avatar leaves the call running audio-only."""
    api_key = settings.secret("bey_api_key")
    avatar_id = settings.bey_avatar_id
    if not api_key or not avatar_id:
        return False
    secret = settings.secret("livekit_api_secret")
    try:
        avatar = bey.AvatarSession(avatar_id=avatar_id, api_key=api_key)
        await avatar.start(
            session,
            room=room,
            livekit_url=settings.livekit_url or NOT_GIVEN,
            livekit_api_key=settings.livekit_api_key or NOT_GIVEN,
            livekit_api_secret=secret or NOT_GIVEN,
        )
    except Exception as exc:
        logger.warning(
            "avatar failed to start; continuing audio-only",
            extra={"error_type": type(exc).__name__},
        )
        return False
    logger.info("avatar started", extra={"room_name": room.name})
    return True
