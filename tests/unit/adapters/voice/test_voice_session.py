"""Session composition: barge-in and preemptive generation on, VAD-ended turns with a VAD."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from livekit import rtc
from livekit.agents import (
    AgentSession,
    ErrorEvent,
    UserInputTranscribedEvent,
    UserStateChangedEvent,
    UserTranscriptionTimeoutEvent,
    llm,
    room_io,
)
from livekit.agents.stt import STTError
from livekit.agents.voice import io
from livekit.plugins import silero

from voice_agent.adapters.offline.call_io import LIVEKIT_AUDIO
from voice_agent.adapters.offline.calls import start_roomless_call
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.adapters.voice import session as session_module
from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.prompts import (
    NOT_HEARD_GOODBYE,
    SILENT_GOODBYE,
    STILL_THERE,
    TIME_UP_GOODBYE,
)
from voice_agent.adapters.voice.providers import Providers
from voice_agent.adapters.voice.session import (
    CALL_INPUT_SAMPLE_RATE,
    CALLER_SILENT,
    MAX_TYPED_CHARACTERS,
    MAX_TYPED_READ,
    NOT_UNDERSTOOD,
    REJOINED,
    REPEAT_PLEASE,
    TIME_LIMIT,
    TYPED_TURN_BURST,
    CallerSilence,
    bounded_text_input,
    build_session,
    call_room_options,
    read_typed_text,
    start_call,
    typed_turn,
)
from voice_agent.adapters.voice.tools import LIVEKIT_TOOL_ERROR, ExpectedRefusals
from voice_agent.bootstrap import Container
from voice_agent.testing.calls import text_call
from voice_agent.testing.fakes import (
    Call,
    DecodingSTT,
    FakeSTT,
    FakeTTS,
    Pacing,
    Say,
    ScriptedLLM,
    ToneSTT,
    model_says,
)


async def test_voice_session_allows_barge_in_and_preemptive_generation() -> None:
    session = build_session(llm=ScriptedLLM(), vad=silero.VAD.load())
    assert session.turn_detection == "vad"
    assert session.options.interruption["enabled"] is True
    assert session.options.interruption["mode"] == "vad"
    assert session.options.preemptive_generation["enabled"] is True
    assert session.userdata.user_id is None and session.userdata.ending is False


async def test_greeting_is_said_and_recorded(container: Container) -> None:
    session = build_session(llm=ScriptedLLM())
    handle = await start_call(
        container.call_services(),
        session,
        room_name="room-greet",
        event_sink=MemoryEventSink(),
        greeting="Hello, thank you for calling.",
    )
    assert handle.greeting is not None
    await handle.greeting
    conversation = await handle.aclose()
    assert conversation.transcript[0]["role"] == "assistant"
    assert conversation.transcript[0]["text"] == "Hello, thank you for calling."


async def test_the_avatar_starts_before_the_greeting_and_agent_ready_says_so(
    container: Container,
) -> None:
    seen: list[object] = []

    async def avatar(session: object) -> bool:
        # nothing has been said yet: the avatar gets the greeting's audio
        seen.append([m.text_content for m in handle_session.history.messages()])
        return True

    handle_session = build_session(llm=ScriptedLLM())
    sink = MemoryEventSink()
    handle = await start_call(
        container.call_services(),
        handle_session,
        room_name="room-avatar",
        event_sink=sink,
        greeting="Hello, thank you for calling.",
        avatar=avatar,
    )
    assert seen == [[]]
    assert sink.events[0]["type"] == "agent_ready"
    assert sink.events[0]["data"] == {"has_avatar": True}
    assert handle.greeting is not None
    await handle.greeting
    await handle.aclose()


async def test_a_failing_avatar_leaves_the_call_audio_only(container: Container) -> None:
    async def broken(session: object) -> bool:
        raise ConnectionError("avatar service down")

    sink = MemoryEventSink()
    handle = await start_call(
        container.call_services(),
        build_session(llm=ScriptedLLM()),
        room_name="room-avatar-down",
        event_sink=sink,
        greeting="Hello.",
        avatar=broken,
    )
    assert sink.of_type("agent_ready")[0]["data"] == {"has_avatar": False}
    assert handle.greeting is not None
    await handle.greeting
    conversation = await handle.aclose()
    assert conversation.transcript[0]["text"] == "Hello."


async def test_request_summary_twice_ends_the_call_once(container: Container) -> None:
    from voice_agent.adapters.voice.events import ClientMessage

    sink = MemoryEventSink()
    session = build_session(llm=ScriptedLLM())
    handle = await start_call(
        container.call_services(), session, room_name="room-end", event_sink=sink
    )
    handle.on_client_message(ClientMessage("request_summary", {}))
    handle.on_client_message(ClientMessage("request_summary", {}))
    handle.on_client_message(ClientMessage("something_new", {}))  # ignored
    conversation = await handle.wait_finished()
    await asyncio.sleep(0)  # let the second request run into the finished call
    assert conversation.end_reason == "summary_requested"
    assert [e["type"] for e in sink.events] == ["agent_ready", "summary", "conversation_end"]
    # a request after the end changes nothing
    handle.on_client_message(ClientMessage("request_summary", {}))
    assert await handle.aclose() == conversation
    assert len(sink.of_type("summary")) == 1


class _LinkedRoom:
    """A room's I/O as far as the call needs it: the participant it is linked to."""

    def __init__(self, identity: str) -> None:
        self.linked_participant = SimpleNamespace(identity=identity)


async def test_the_call_is_bound_to_the_linked_participant(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 1: the record names the participant who was the caller, so only their token
    (or staff) reads its summary, not another token for the same room name."""
    monkeypatch.setattr(AgentSession, "room_io", property(lambda _: _LinkedRoom("caller-7f3a")))
    session = build_session(llm=ScriptedLLM())
    handle = await start_call(
        container.call_services(),
        session,
        room_name="room-bound",
        event_sink=MemoryEventSink(),
        greeting="Hello, thank you for calling.",
    )
    assert handle.greeting is not None
    await handle.greeting
    conversation = await handle.aclose()
    assert conversation.caller_identity == "caller-7f3a"
    stored = await container.store.conversations.latest_for_room("room-bound")
    assert stored is not None and stored.caller_identity == "caller-7f3a"


def test_a_call_asks_its_room_for_the_caller_at_the_rate_its_engines_take() -> None:
    options = call_room_options("caller-1")
    assert options.participant_identity == "caller-1" and options.close_on_disconnect
    audio = options.audio_input
    assert not isinstance(audio, bool) and audio is not None
    # Silero and pocketsphinx run at 16 kHz: nothing on the event loop resamples the caller
    assert audio.sample_rate == CALL_INPUT_SAMPLE_RATE == 16_000
    assert audio.frame_size_ms == 50
    assert silero.VAD.load()._opts.sample_rate == CALL_INPUT_SAMPLE_RATE
    # the roomless calls and the voice benchmarks feed what such a room hands over
    assert (LIVEKIT_AUDIO.input_rate, LIVEKIT_AUDIO.input_frame_ms) == (16_000, 50)


class _Kept(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def test_a_refusing_tool_is_info_not_a_warning_once_a_session_is_built() -> None:
    """livekit-agents logs every ToolError at WARNING; ours are expected refusals."""
    build_session(llm=ScriptedLLM())
    build_session(llm=ScriptedLLM())  # installed once, however many sessions
    livekit_logger = logging.getLogger("livekit.agents")
    assert sum(isinstance(f, ExpectedRefusals) for f in livekit_logger.filters) == 1
    warnings, infos = _Kept(logging.WARNING), _Kept(logging.INFO)
    root = logging.getLogger()
    root.addHandler(warnings)
    root.addHandler(infos)
    try:
        livekit_logger.warning(
            LIVEKIT_TOOL_ERROR, extra={"function": "book_appointment", "lk.pii.error": "x"}
        )
        livekit_logger.warning("something else went wrong")
    finally:
        root.removeHandler(warnings)
        root.removeHandler(infos)
    assert [r.getMessage() for r in warnings.records] == ["something else went wrong"]
    refused = [r for r in infos.records if r.getMessage() == LIVEKIT_TOOL_ERROR]
    assert len(refused) == 1 and refused[0].levelname == "INFO"


def test_typed_turns_lose_control_characters_and_stop_at_the_limit() -> None:
    assert typed_turn("my number is 646\x00555\x1b[31m0177\x07") == "my number is 646 555 [31m0177"
    assert typed_turn("\u202emy name\u200f is Ann\n\tLee ") == "my name is Ann Lee"
    assert typed_turn("book 😀 مرحبا") == "book 😀 مرحبا"  # emoji and other scripts stay
    assert typed_turn("\x00\u202e \n") == ""
    assert typed_turn("a" * 5_000) == "a" * MAX_TYPED_CHARACTERS


def _user_lines(session: AgentSession[Any]) -> list[str | None]:
    """What the caller's turns in ``session``'s history say, in order."""
    return [
        item.text_content
        for item in session.history.items
        if isinstance(item, llm.ChatMessage) and item.role == "user"
    ]


async def test_a_call_bounds_what_the_caller_types_in_the_room(container: Container) -> None:
    """LiveKit hands a room's typed text (any length) to the call's text callback: the
    call's is bounded, and the model and the record get the bounded turn."""
    async with text_call(container.call_services(), [Say("Sorry?"), Say("Sorry?")]) as (
        handle,
        fake,
        _,
    ):
        await bounded_text_input(handle.session, room_io.TextInputEvent(text="\x1b" + "x" * 9000))
        await bounded_text_input(handle.session, room_io.TextInputEvent(text="\u202e\x00 "))
        for _ in range(500):  # the reply is generated in the background
            if fake.calls:
                break
            await asyncio.sleep(0.01)
        speech = handle.session.current_speech
        if speech is not None:
            await speech.wait_for_playout()
    said = _user_lines(handle.session)
    assert said == ["x" * MAX_TYPED_CHARACTERS]
    row = await container.store.conversations.get(handle.conversation_id)
    assert row is not None
    assert [t["text"] for t in row.transcript if t["role"] == "user"] == [
        "x" * MAX_TYPED_CHARACTERS
    ]


class _MegabyteStream:
    """A caller's typed turn sent as a text stream of ``chunks`` 64 KB chunks (a script in
    the room, not a person typing); counts what the agent pulled from it."""

    def __init__(self, chunks: int, *, text: str = "x") -> None:
        self.left = chunks
        self.pulled = 0
        self.closed = False
        self._chunk = (text * 65_536)[:65_536]

    def __aiter__(self) -> _MegabyteStream:
        return self

    async def __anext__(self) -> str:
        if self.closed or self.left == 0:
            raise StopAsyncIteration
        self.left -= 1
        self.pulled += 1
        return self._chunk

    def close(self) -> None:
        self.closed = True


class _Room:
    """A room's text-stream handlers and event listeners, as ``rtc.Room`` keeps them."""

    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[Any, str], None]] = {}
        self.listeners: dict[str, list[Callable[..., Any]]] = {}

    def on(self, event: str, callback: Callable[..., Any] | None = None) -> Any:
        assert callback is not None
        self.listeners.setdefault(event, []).append(callback)
        return callback

    def off(self, event: str, callback: Callable[..., Any]) -> None:
        self.listeners[event].remove(callback)

    def emit(self, event: str, *args: Any) -> None:
        for callback in list(self.listeners.get(event, [])):
            callback(*args)

    def register_text_stream_handler(self, topic: str, handler: Callable[[Any, str], None]) -> None:
        self.handlers[topic] = handler

    def unregister_text_stream_handler(self, topic: str) -> None:
        self.handlers.pop(topic, None)


async def test_a_typed_turn_of_megabytes_is_read_no_further_than_the_cap(
    container: Container,
) -> None:
    """LiveKit read a typed turn's whole text stream into memory (``read_all``) before the
    500-character cap applied: a script in the room sending 8 MB a turn had the agent hold
    it all. The call reads the stream in chunks, stops once past the cap and drops the
    rest unread; a stream from anyone but the caller is not read at all."""
    assert call_room_options("caller-1").text_input is False  # LiveKit's reader is off
    room = _Room()
    async with text_call(container.call_services(), [Say("Sorry?"), Say("Sorry?")]) as (
        handle,
        fake,
        _,
    ):
        handle.read_typed_turns(room, caller_identity="caller-1")
        caller, stranger = _MegabyteStream(128), _MegabyteStream(128)
        room.handlers["lk.chat"](stranger, "someone-else")
        room.handlers["lk.chat"](caller, "caller-1")
        await _until(lambda: fake.calls)
        speech = handle.session.current_speech
        if speech is not None:
            await speech.wait_for_playout()
    assert caller.pulled == 1 and caller.closed  # one 64 KB chunk of the 8 MB
    assert stranger.pulled == 0 and stranger.closed
    assert _user_lines(handle.session) == ["x" * MAX_TYPED_CHARACTERS]
    assert not room.handlers  # handed back when the call finished


async def test_someone_joining_with_the_callers_identity_starts_the_call_over(
    container: Container,
) -> None:
    """A participant joining with the caller's identity puts the caller out
    (DUPLICATE_IDENTITY). attack12 ended the call (a leaked token's holder took it over,
    already identified); but a browser whose connection could not be resumed rejoins the
    same way (livekit-client's full reconnect, with the same token, while the server still
    holds the old connection), and was hung up on. The call goes on, started over: no one
    identified, nothing the model was told kept, the number asked again. A hang-up, or
    anyone else leaving, is no such event."""
    await container.scheduling.identify("1234567890", "John Smith")
    steps = [
        Call.one("identify_user", phone_number="1234567890"),
        Say("Found you."),
        Call.one("get_user_appointments"),
        Say("Let me check."),
    ]
    room = _Room()
    async with text_call(container.call_services(), steps) as (handle, _, _):
        handle.start_over_if_rejoined(room, caller_identity="caller-1")
        await handle.session.run(user_input="1234567890")
        assert handle.state.user_id is not None
        left = rtc.DisconnectReason
        room.emit(
            "participant_disconnected",
            SimpleNamespace(identity="someone-else", disconnect_reason=left.DUPLICATE_IDENTITY),
        )
        room.emit(
            "participant_disconnected",
            SimpleNamespace(identity="caller-1", disconnect_reason=left.SIGNAL_CLOSE),
        )
        await asyncio.sleep(0.05)
        assert handle.state.user_id is not None  # nothing happened
        room.emit(
            "participant_disconnected",
            SimpleNamespace(identity="caller-1", disconnect_reason=left.DUPLICATE_IDENTITY),
        )
        await _until(lambda: handle.state.user_id is None)
        assert len(handle.state.numbers) == 1  # a rejoin renews no per-call cap
        await _until(lambda: REJOINED in _agent_lines(handle.session))
        context = handle.session.current_agent.chat_ctx
        assert not [i for i in context.items if i.type == "function_call_output"]
        assert "1234567890" not in json.dumps(context.to_dict())
        result = await handle.session.run(user_input="what are my appointments?")
        result.expect.next_event().is_function_call(name="get_user_appointments")
        result.expect.next_event().is_function_call_output(is_error=True)
        assert handle._finish_task is None  # the call goes on
        conversation = await handle.aclose()
    assert conversation.end_reason != "caller_replaced"
    assert "1234567890" in json.dumps(conversation.transcript)  # the record keeps it all
    assert not room.listeners["participant_disconnected"]


async def test_a_lookup_under_way_when_the_call_starts_over_is_not_the_new_callers(
    container: Container,
) -> None:
    """attack15: the caller's number was being looked up when someone joined with the
    caller's identity. The call started over (no one identified, the context cleared), then
    the lookup finished: it set John's account on the call after the restart, for whoever
    had joined to hear and cancel, and its result, John's appointments, reached the model
    after the context was cleared. A lookup across a restart finds no one."""
    await container.scheduling.identify("1234567890", "John Smith")
    john = await container.scheduling.find_user_by_phone("1234567890")
    assert john is not None
    await container.scheduling.book(john.id, "2026-11-27", "10:00")
    looking, found = asyncio.Event(), asyncio.Event()
    identify = container.scheduling.identify

    async def slow_identify(*args: Any, **kwargs: Any) -> Any:
        looking.set()
        await found.wait()
        return await identify(*args, **kwargs)

    container.scheduling.identify = slow_identify  # type: ignore[method-assign]
    steps = [
        Call.one("identify_user", phone_number="1234567890"),
        Say("Could you tell me your phone number again?"),
    ]
    room = _Room()
    async with text_call(container.call_services(), steps) as (handle, _, _):
        handle.start_over_if_rejoined(room, caller_identity="caller-1")
        turn = asyncio.ensure_future(handle.session.run(user_input="1234567890"))
        await looking.wait()
        room.emit(
            "participant_disconnected",
            SimpleNamespace(
                identity="caller-1", disconnect_reason=rtc.DisconnectReason.DUPLICATE_IDENTITY
            ),
        )
        await _until(lambda: REJOINED in _agent_lines(handle.session))
        found.set()
        await turn
        await _until(
            lambda: any(
                i.type == "function_call_output"
                for i in handle.session.current_agent.chat_ctx.items
            )
        )
        assert handle.state.user_id is None
        context = json.dumps(handle.session.current_agent.chat_ctx.to_dict())
        assert "November 27th" not in context and "not_identified" in context
        await handle.aclose()


async def test_the_summary_after_a_restart_holds_only_the_call_after_it(
    container: Container,
) -> None:
    """attack13 left it: after the call started over, its summary event still listed what
    was booked before (with its code), and the masked number of the account identified then,
    to whoever had joined with the caller's identity. The caller's summary holds the call
    since it started over; the record keeps it all, with a mark where the line dropped."""
    await container.scheduling.identify("1234567890", "John Smith")
    steps = [
        Call.one("identify_user", phone_number="1234567890"),
        Call.one("book_appointment", date="2026-11-27", time="10:00"),
        Say("Booked for Friday at 10."),
        Say("Could you tell me your phone number again?"),
    ]
    room = _Room()
    async with text_call(container.call_services(), steps) as (handle, _, sink):
        handle.start_over_if_rejoined(room, caller_identity="caller-1")
        await handle.session.run(user_input="1234567890, book me Friday at 10, the window seat")
        room.emit(
            "participant_disconnected",
            SimpleNamespace(
                identity="caller-1", disconnect_reason=rtc.DisconnectReason.DUPLICATE_IDENTITY
            ),
        )
        await _until(lambda: REJOINED in _agent_lines(handle.session))
        await handle.session.run(user_input="hello? what did I just book?")
        conversation = await handle.aclose()
    [summary] = [event["data"] for event in sink.of_type("summary")]
    assert summary["appointments"] == [] and summary["appointments_discussed"] == []
    assert summary["user_phone"] is None
    assert "November 27th" not in summary["summary"]
    assert summary["summary"].startswith("No appointment was booked")
    [booked] = conversation.appointments_discussed  # the record keeps it
    assert "restart" in [turn["role"] for turn in conversation.transcript]
    assert booked.code not in json.dumps(summary)


def _agent_lines(session: object) -> list[str]:
    return [
        m.text_content or ""
        for m in session.history.messages()  # type: ignore[attr-defined]
        if m.role == "assistant"
    ]


async def test_a_typed_turn_is_read_in_chunks_up_to_the_cap() -> None:
    """Spaces count towards the read (a turn of spaces is not read for ever), and a
    stream shorter than the cap is read whole."""
    spaced = _MegabyteStream(10)
    spaced._chunk = "ab " * 100  # 300 characters a chunk
    assert await read_typed_text(spaced) == ("ab " * 700)[:MAX_TYPED_READ]
    assert spaced.pulled == 7 and spaced.closed
    short = _MegabyteStream(2)
    short._chunk = "book me in "
    assert await read_typed_text(short) == "book me in book me in "
    assert short.pulled == 2 and short.closed


async def test_a_flood_of_typed_turns_reaches_the_model_at_a_typing_pace(
    container: Container,
) -> None:
    """Each typed turn in a LiveKit room interrupts the reply and asks the model again, with
    every turn so far: a web caller's script sending 40 turns at once had the cloud model
    asked for each, the context growing by one bounded turn each time (billed per token).
    A person types a few lines at most in a moment; the rest is dropped."""
    async with text_call(container.call_services(), [Say("Sorry?")] * 40) as (handle, fake, _):
        for n in range(40):
            await bounded_text_input(handle.session, room_io.TextInputEvent(text=f"turn {n}"))
        await asyncio.sleep(0.5)
        speech = handle.session.current_speech
        if speech is not None:
            await speech.wait_for_playout()
    said = _user_lines(handle.session)
    assert said == [f"turn {n}" for n in range(TYPED_TURN_BURST)]
    assert fake.calls <= TYPED_TURN_BURST + 1  # and the greeting, if the model made it


async def _until(condition: Callable[[], Any], *, within: float = 20.0) -> None:
    """Until ``condition`` holds; a generous bound, not a measure."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the call did not get there in time")
        await asyncio.sleep(0.05)


async def _asked_to_repeat_before_decoded(
    container: Container, stt: DecodingSTT, *, flush_first: bool
) -> tuple[list[float], list[float]]:
    """When the call asked the caller to repeat, and when ``stt`` had decoded their speech
    (the speech holds no words: a repeat request is due once it is decoded). The session's
    transcription timeout fires after the flush (``flush_first``) or just before it."""
    session = build_session(llm=ScriptedLLM(), stt=stt)
    handle = await start_call(
        container.call_services(), session, room_name="room-slow", event_sink=MemoryEventSink()
    )
    asked: list[float] = []

    def on_item(ev: Any) -> None:
        if isinstance(ev.item, llm.ChatMessage) and ev.item.text_content == REPEAT_PLEASE:
            asked.append(time.monotonic())

    session.on("conversation_item_added", on_item)
    stream = stt.stream()
    try:
        if flush_first:
            stream.flush()
            await _until(lambda: stt.decoding)
            _no_transcript(session)
        else:
            _no_transcript(session)
            stream.flush()  # the end of speech reaches the recogniser a moment later
        await _until(lambda: asked)
        return asked, stt.times("stt_final")
    finally:
        await stream.aclose()
        await handle.aclose()


async def test_no_repeat_request_while_the_recogniser_is_still_decoding(
    container: Container,
) -> None:
    asked, decoded = await _asked_to_repeat_before_decoded(
        container, DecodingSTT("", delay=1.5), flush_first=True
    )
    assert decoded and asked[0] >= decoded[0]  # asked once the recogniser had nothing left
    assert len(asked) == 1


async def test_a_recogniser_slower_than_six_seconds_is_still_waited_for(
    container: Container,
) -> None:
    """With two calls running at load 8, a call's first transcript came 5.6-6.0 s after the
    caller's end of speech (4.1-4.5 s after the timeout); on a busier machine it passed the
    6 s the call used to wait, and the caller heard "Sorry, I didn't catch that" and then
    the answer to what they had said."""
    asked, decoded = await _asked_to_repeat_before_decoded(
        container, DecodingSTT("", delay=7.0), flush_first=True
    )
    assert decoded and asked[0] >= decoded[0]
    assert len(asked) == 1


async def test_a_flush_not_yet_at_the_recogniser_is_waited_for(container: Container) -> None:
    """The timeout fires before the end of speech has reached the recogniser (it travels
    with the audio): the recogniser is not decoding yet, but its transcript is on its way."""
    asked, decoded = await _asked_to_repeat_before_decoded(
        container, DecodingSTT("", delay=1.0), flush_first=False
    )
    assert decoded and asked[0] >= decoded[0]
    assert len(asked) == 1


async def test_a_stuck_recogniser_still_gets_the_caller_asked(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A recogniser that never finishes does not leave the caller in silence: after
    ``REPEAT_WAIT`` (shortened here) they are asked to repeat."""
    monkeypatch.setattr(session_module, "REPEAT_WAIT", 0.3)
    stt = DecodingSTT("", delay=3600)
    session = build_session(llm=ScriptedLLM(), stt=stt)
    handle = await start_call(
        container.call_services(), session, room_name="room-stuck", event_sink=MemoryEventSink()
    )
    stream = stt.stream()
    try:
        stream.flush()
        await _until(lambda: stt.decoding)
        _no_transcript(session)
        await _until(lambda: REPEAT_PLEASE in _said(session))
        assert stt.decoding  # asked while it was still at it
    finally:
        await stream.aclose()
        await handle.aclose()


async def test_a_transcript_that_comes_after_all_drops_the_repeat_request(
    container: Container,
) -> None:
    """A cloud recogniser (no decoding signal) a little slower than the transcription
    timeout: the caller is asked to repeat, and the transcript comes while that request is
    still on its way out (its audio not begun). The request is dropped and the caller is
    answered, not asked to say again what was heard. (LiveKit does this: the late transcript
    completes a turn, which interrupts the current speech; this test holds the call to it.)"""
    stt = FakeSTT("I'd like to book an appointment", delay=2.5)
    tts = FakeTTS(pacing=Pacing(first_audio_delay=2.0))  # a busy machine's first audio
    call = await start_roomless_call(
        container.call_services(),
        Providers(
            llm=ScriptedLLM(reply=lambda _ctx, _n: model_says("Sure.")),
            stt=stt,
            tts=tts,
            vad=silero.VAD.load(),
        ),
        room_name="room-late-transcript",
        greeting=None,
    )
    session = call.session
    try:
        call.caller.say(*synthesize("I'd like to book an appointment.", voice="en-us+m3"))
        await _until(lambda: "Sure." in _said(session))
        repeats = [
            i
            for i in session.history.items
            if isinstance(i, llm.ChatMessage) and i.text_content == REPEAT_PLEASE
        ]
        assert stt.answered == 1 and all(i.interrupted for i in repeats)
        assert tts.texts[:1] == ["Sorry, I didn't catch that."]  # it was asked for, then dropped
    finally:
        await call.handle.aclose()
        call.caller.close()


async def test_a_cloud_stt_is_not_waited_for(container: Container) -> None:
    """No decoding signal: the transcription timeout asks at once, as before."""
    session = build_session(llm=ScriptedLLM(), stt=FakeSTT(delay=30))
    handle = await start_call(
        container.call_services(), session, room_name="room-cloud", event_sink=MemoryEventSink()
    )
    try:
        session.emit(
            "user_transcription_timeout",
            UserTranscriptionTimeoutEvent(speech_duration=1.0, vad_speech_started_at=time.time()),
        )
        await _until(
            lambda: any(
                isinstance(i, llm.ChatMessage) and i.text_content == REPEAT_PLEASE
                for i in session.history.items
            )
        )
    finally:
        await handle.aclose()


def _not_heard(session: AgentSession[Any]) -> None:
    """The caller spoke and no transcript came (a cloud STT: asked at once)."""
    session.emit(
        "user_transcription_timeout",
        UserTranscriptionTimeoutEvent(speech_duration=1.0, vad_speech_started_at=time.time()),
    )


async def test_a_caller_not_understood_turn_after_turn_is_told_to_call_again(
    container: Container,
) -> None:
    """Asked to repeat for ever, a caller the recogniser cannot make out heard only "Sorry, I
    didn't catch that" until the call's time limit: the third turn in a row with no
    transcript is answered plainly (call again, or the front desk) and the call ends."""
    session = build_session(llm=ScriptedLLM(), stt=FakeSTT(delay=30))
    handle = await start_call(
        container.call_services(), session, room_name="room-unheard", event_sink=MemoryEventSink()
    )
    try:
        for n in (1, 2):
            _not_heard(session)
            await _until(lambda n=n: _said(session).count(REPEAT_PLEASE) == n)
        _not_heard(session)
        conversation = await asyncio.wait_for(handle.wait_finished(), 20)
    finally:
        await handle.aclose()
    assert _said(session) == [REPEAT_PLEASE, REPEAT_PLEASE, NOT_HEARD_GOODBYE]
    assert "call again" in NOT_HEARD_GOODBYE and "front desk" in NOT_HEARD_GOODBYE
    assert conversation.end_reason == NOT_UNDERSTOOD
    assert "could not be made out" in (conversation.summary or "")


async def test_a_turn_understood_in_between_starts_the_count_again(
    container: Container,
) -> None:
    session = build_session(llm=ScriptedLLM(), stt=FakeSTT(delay=30))
    handle = await start_call(
        container.call_services(), session, room_name="room-heard", event_sink=MemoryEventSink()
    )
    try:
        for n in (1, 2):
            _not_heard(session)
            await _until(lambda n=n: _said(session).count(REPEAT_PLEASE) == n)
        session.emit(
            "user_input_transcribed",
            UserInputTranscribedEvent(transcript="I'd like to book", is_final=True),
        )
        for n in (3, 4):
            _not_heard(session)
            await _until(lambda n=n: _said(session).count(REPEAT_PLEASE) == n)
        assert NOT_HEARD_GOODBYE not in _said(session)
    finally:
        await handle.aclose()


async def test_a_recogniser_failing_for_good_has_the_caller_told_before_the_call_ends(
    container: Container,
) -> None:
    """LiveKit closes the session itself at the speech recogniser's next unrecoverable error
    past ``max_unrecoverable_errors``, cutting off whatever is being said: the caller heard
    the line go dead. At the last one it lets pass the caller is told, and the call ends."""
    session = build_session(llm=ScriptedLLM(), stt=FakeSTT())
    handle = await start_call(
        container.call_services(), session, room_name="room-stt-down", event_sink=MemoryEventSink()
    )
    allowed = session.conn_options.max_unrecoverable_errors
    assert allowed >= 1

    def failed(*, recoverable: bool) -> None:
        error = STTError(
            timestamp=time.time(),
            label="fake-stt",
            error=ConnectionError("gone"),
            recoverable=recoverable,
        )
        session.emit("error", ErrorEvent(error=error, source=session.stt))

    try:
        for _ in range(allowed + 2):
            failed(recoverable=True)  # retried by LiveKit: nothing to tell the caller
        for _ in range(allowed - 1):
            failed(recoverable=False)
        await asyncio.sleep(0.2)
        assert NOT_HEARD_GOODBYE not in _said(session)
        failed(recoverable=False)
        conversation = await asyncio.wait_for(handle.wait_finished(), 20)
    finally:
        await handle.aclose()
    assert _said(session) == [NOT_HEARD_GOODBYE]
    assert conversation.end_reason == NOT_UNDERSTOOD


def _said(session: AgentSession[Any]) -> list[str]:
    return [
        (i.text_content or "").strip()
        for i in session.history.items
        if isinstance(i, llm.ChatMessage) and i.role == "assistant"
    ]


async def _silent_call(
    container: Container, silence: CallerSilence, steps: list[Any] | None = None
) -> tuple[AgentSession[Any], Any]:
    """A text-mode call whose caller says nothing, with short silence timeouts (the
    framework's own user-away timer runs them: no wall clock is asserted on)."""
    services = dataclasses.replace(container.call_services(), silence=silence)
    session = build_session(llm=ScriptedLLM(steps), silence=silence)
    handle = await start_call(
        services, session, room_name="room-silent", event_sink=MemoryEventSink(), save_delay=0.01
    )
    return session, handle


async def test_a_silent_caller_is_asked_then_the_call_ends_as_caller_silent(
    container: Container,
) -> None:
    session, handle = await _silent_call(container, CallerSilence(ask_after=0.2, end_after=0.2))
    try:
        conversation = await asyncio.wait_for(handle.wait_finished(), 20)
    finally:
        await handle.aclose()
    assert _said(session) == [STILL_THERE, SILENT_GOODBYE]
    assert conversation.end_reason == CALLER_SILENT
    assert "stopped answering" in (conversation.summary or "")


async def test_a_caller_who_answers_the_question_is_not_hung_up_on(
    container: Container,
) -> None:
    session, handle = await _silent_call(
        container, CallerSilence(ask_after=0.3, end_after=1.5), [Say("How can I help you?")]
    )
    try:
        await _until(lambda: STILL_THERE in _said(session))
        # the caller types (a room's text input: the caller's turn, as speech would be)
        await bounded_text_input(session, room_io.TextInputEvent(text="yes, sorry, I'm here"))
        # silent again after the reply: asked again (the first hang-up was called off)
        await _until(lambda: _said(session).count(STILL_THERE) == 2)
        assert SILENT_GOODBYE not in _said(session)
        conversation = await asyncio.wait_for(handle.wait_finished(), 20)
    finally:
        await handle.aclose()
    assert _said(session) == [STILL_THERE, "How can I help you?", STILL_THERE, SILENT_GOODBYE]
    assert conversation.end_reason == CALLER_SILENT


async def test_a_caller_who_keeps_talking_is_said_goodbye_to_at_the_time_limit(
    container: Container,
) -> None:
    """LiveKit calls (phone, or a browser with a /token) had no longest call: a caller who
    kept talking, or pressing keys, held the worker and the line without end."""
    steps = [Say(f"Reply {i}.") for i in range(200)]
    session = build_session(llm=ScriptedLLM(steps))
    handle = await start_call(
        container.call_services(),
        session,
        room_name="room-long",
        event_sink=MemoryEventSink(),
        save_delay=0.01,
    )
    handle.limit_length(1.0)
    try:
        for i in range(200):
            if handle._finish_task is not None:
                break
            with contextlib.suppress(RuntimeError):  # the goodbye may not be interrupted
                await bounded_text_input(
                    session, room_io.TextInputEvent(text=f"and another thing {i}")
                )
            await asyncio.sleep(0.05)
        conversation = await asyncio.wait_for(handle.wait_finished(), 20)
    finally:
        await handle.aclose()
    assert conversation.end_reason == TIME_LIMIT
    assert TIME_UP_GOODBYE in _said(session)


async def test_a_call_that_ends_first_leaves_no_time_limit_running(container: Container) -> None:
    session = build_session(llm=ScriptedLLM())
    handle = await start_call(
        container.call_services(), session, room_name="room-short", event_sink=MemoryEventSink()
    )
    handle.limit_length(0.3)
    conversation = await handle.aclose()
    await asyncio.sleep(0.5)
    assert conversation.end_reason != TIME_LIMIT
    assert TIME_UP_GOODBYE not in _said(session)
    assert handle._time_limit is not None and handle._time_limit.cancelled()


async def test_silence_handling_off_leaves_the_session_without_an_away_timer() -> None:
    assert build_session(llm=ScriptedLLM()).options.user_away_timeout is None
    off = build_session(llm=ScriptedLLM(), silence=CallerSilence(ask_after=0, end_after=15))
    assert off.options.user_away_timeout is None
    on = build_session(llm=ScriptedLLM(), silence=CallerSilence(ask_after=20, end_after=15))
    assert on.options.user_away_timeout == 20


def test_settings_give_the_call_its_silence_timeouts(container: Container) -> None:
    silence = container.call_services().silence
    assert silence == CallerSilence(
        ask_after=container.settings.caller_silence_seconds,
        end_after=container.settings.caller_silence_end_seconds,
    )
    assert silence.enabled


def _caller_starts(session: AgentSession[Any]) -> None:
    session.emit(
        "user_state_changed",
        UserStateChangedEvent(old_state="listening", new_state="speaking", created_at=time.time()),
    )


def _no_transcript(session: AgentSession[Any]) -> None:
    session.emit(
        "user_transcription_timeout",
        UserTranscriptionTimeoutEvent(speech_duration=1.0, vad_speech_started_at=time.time()),
    )


async def test_a_turn_that_was_only_a_tone_is_not_asked_to_be_repeated(
    container: Container,
) -> None:
    """The VAD took a tone for speech; the recogniser gave no words for it (``tones``)."""
    stt = ToneSTT()
    session = build_session(llm=ScriptedLLM(), stt=stt)
    handle = await start_call(
        container.call_services(), session, room_name="room-tone", event_sink=MemoryEventSink()
    )
    try:
        _caller_starts(session)
        stt.hear_a_tone()
        _no_transcript(session)  # a tone: nothing to repeat
        _caller_starts(session)
        _no_transcript(session)  # speech that came to no transcript: asked to repeat
        await _until(lambda: REPEAT_PLEASE in _said(session))
        assert _said(session) == [REPEAT_PLEASE]
    finally:
        await handle.aclose()


class _StuckSpeaker(io.AudioOutput):
    """An audio output whose playout never ends: it takes the agent's audio and never says
    it has been played (a line that stopped draining)."""

    def __init__(self) -> None:
        super().__init__(
            label="stuck-speaker",
            next_in_chain=None,
            sample_rate=16_000,
            capabilities=io.AudioOutputCapabilities(pause=False),
        )
        self.started = False

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        await super().capture_frame(frame)
        if not self.started:
            self.started = True
            self.on_playback_started(created_at=time.time())

    def flush(self) -> None:
        super().flush()

    def clear_buffer(self) -> None:
        pass  # nothing stops it either


async def test_a_session_whose_close_never_ends_still_finishes_the_call(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    """Closing the session waits on its speech and its engines' streams, with no bound of
    the call's own (for a playout that never ends LiveKit gives up after 5 s, measured with
    this speaker; the other waits of its close have none). A close that outlasts the bound
    is given up on, logged with the wait that fired, and the call is finished all the same:
    its record written."""
    session = build_session(Providers(llm=ScriptedLLM([]), tts=FakeTTS()), pausable_output=False)
    session.output.audio = _StuckSpeaker()
    handle = await start_call(
        container.call_services(), session, room_name="room-stuck", record=False, save_delay=0.01
    )
    speech = session.say("One moment please.", allow_interruptions=False)
    for _ in range(500):  # its audio reaches the speaker, which never finishes playing it
        await asyncio.sleep(0.01)
        if session.agent_state == "speaking":
            break
    assert session.agent_state == "speaking" and not speech.done()
    with caplog.at_level(logging.ERROR, logger="voice_agent"):
        conversation = await asyncio.wait_for(handle.aclose(within=0.5), 10.0)
    assert conversation.end_reason == "closed"
    assert [r for r in caplog.records if getattr(r, "wait", None) == "session_close"]
    record = await container.store.conversations.latest_for_room("room-stuck")
    assert record is not None and record.end_reason == "closed"
