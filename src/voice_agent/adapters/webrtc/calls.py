"""Browser calls: a peer connection per caller, into the same AgentSession, tools and recorder
as a LiveKit call (``start_call``), with a bounded number of lines.

``BrowserCalls.start(offer_sdp=..., room_name=...)`` applies the page's offer, answers it (the
answer carries every candidate: no trickle ICE) and runs the call in the background until the
agent ends it, the caller hangs up, the connection drops or the time limit passes. Its record
is written by the recorder as for any call; the page gets the transcript, the agent's events,
each appointment change and the final record on the data channel (``channel.py``).

The page's keypad sends its keys on that channel; they reach the session through the same
``KeypadCollector`` as a phone caller's DTMF (one user turn, "6465550177#"), and the page is
told what the agent's question expects (``expecting``), so it can show the keypad for a phone
number or a confirmation code. The agent knows the page has a keypad from the call context
(``CallInfo.keypad``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from dataclasses import dataclass
from typing import Any

from aiortc import RTCDataChannel, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamTrack
from aiortc.sdp import SessionDescription
from livekit.agents import (
    AgentSession,
    AgentStateChangedEvent,
    ConversationItemAddedEvent,
    FunctionToolsExecutedEvent,
    UserInputTranscribedEvent,
    llm,
)

from voice_agent.adapters.offline.dialogue.history import CallInfo
from voice_agent.adapters.voice.agent import ReceptionistAgent
from voice_agent.adapters.voice.events import parse_result
from voice_agent.adapters.voice.providers import Providers
from voice_agent.adapters.voice.session import CallHandle, CallServices, build_session, start_call
from voice_agent.adapters.voice.telephony import KeypadCollector, deliver_user_turn
from voice_agent.adapters.voice.tool_results import read_tool_result
from voice_agent.adapters.voice.tools import CallState
from voice_agent.adapters.webrtc.audio import AgentVoiceTrack, PeerAudioInput, PeerAudioOutput
from voice_agent.adapters.webrtc.channel import (
    CallChannel,
    appointment_message,
    ended_message,
    expecting_message,
    keypad_message,
    started_message,
    state_message,
    transcript_message,
)
from voice_agent.adapters.webrtc.ice import IcePolicy
from voice_agent.adapters.webrtc.sctp import bound_inbound_data
from voice_agent.domain.errors import (
    CallSetupFailed,
    InvalidCallOffer,
    LinesBusy,
    TooManyCallsFromClient,
)
from voice_agent.domain.listening import as_heard
from voice_agent.domain.models import Conversation

logger = logging.getLogger(__name__)

OpenProviders = Callable[[], AbstractAsyncContextManager[Providers]]
"""Opens one call's engines (its own listening hint) and closes them when the call ends."""

CONNECT_TIMEOUT = 20.0
"""Seconds from the answer to a connected peer before the call is given up."""
END_GRACE = 2.0
"""Seconds the final messages get to leave before the peer connection closes."""
MAX_OFFER_BYTES = 20_000


@dataclass(frozen=True)
class CallLimits:
    max_calls: int = 3
    """Calls at once; one more gets ``LinesBusy``."""
    max_per_client: int = 1
    """Calls at once from one client, connecting ones included; one more gets
    ``TooManyCallsFromClient``. Without it one address posting an offer it never completes
    every 20 s (CONNECT_TIMEOUT), under the rate limit, kept every line busy."""
    max_seconds: float = 900.0
    """A call still going after this long is ended (``end_reason`` ``time_limit``)."""
    connect_timeout: float = CONNECT_TIMEOUT


DECODABLE_CODECS = frozenset({"opus", "pcmu", "pcma", "g722"})
"""The audio codecs aiortc decodes."""


def check_offer(sdp: str) -> None:
    """Refuse (InvalidCallOffer) an offer that is not a browser's audio call: no audio that
    the browser sends, or no ICE and DTLS parameters to connect with."""
    if len(sdp) > MAX_OFFER_BYTES:
        raise InvalidCallOffer("The call offer is too long.")
    try:
        description = SessionDescription.parse(sdp)
    except Exception:
        raise InvalidCallOffer("The call offer is not a session description.") from None
    audio = [
        m
        for m in description.media
        if m.kind == "audio" and m.direction in ("sendrecv", "sendonly") and m.rtp.codecs
    ]
    if not audio:
        raise InvalidCallOffer("The call offer has no microphone audio.")
    if not any(c.name.lower() in DECODABLE_CODECS for m in audio for c in m.rtp.codecs):
        # aiortc refused it only in setRemoteDescription, after the call's speech engines
        # had started and a line was taken
        raise InvalidCallOffer(
            "The call offer has no audio codec this server can decode (Opus, G.711 or G.722)."
        )
    # The page sends one microphone and one data channel. aiortc decodes every track it
    # receives, and a track nobody reads keeps each decoded frame (~190 KB a second of
    # audio, for the whole call): an offer with 27 audio tracks in its 20,000 characters
    # held ~4 GB of frames by the end of a 15-minute call (video costs more).
    kinds = [m.kind for m in description.media]
    if any(kind not in ("audio", "application") for kind in kinds):
        raise InvalidCallOffer("The call offer has media other than a microphone.")
    if kinds.count("audio") > 1 or kinds.count("application") > 1:
        raise InvalidCallOffer("The call offer has more than one microphone or data channel.")
    for media in audio:
        if media.ice is None or not media.ice.usernameFragment or media.ice.password is None:
            raise InvalidCallOffer("The call offer has no ICE credentials.")
        if media.dtls is None or not media.dtls.fingerprints:
            raise InvalidCallOffer("The call offer has no DTLS fingerprint.")


class BrowserCalls:
    """The lines of the receptionist for browser callers."""

    def __init__(
        self,
        services: CallServices,
        open_providers: OpenProviders,
        *,
        limits: CallLimits | None = None,
        ice: IcePolicy | None = None,
    ) -> None:
        self._services = services
        self._open_providers = open_providers
        self.limits = limits or CallLimits()
        self.ice = ice or IcePolicy()
        self.ice.install()
        bound_inbound_data()
        self._calls: dict[str, BrowserCall] = {}
        self._clients: dict[str, str] = {}
        """The client each call of ``_calls`` came from, by room name."""
        self._tasks: set[asyncio.Task[Conversation | None]] = set()
        self._closing = False
        self.finished: list[Conversation] = []
        """Records of the calls that ended in this process (most recent last, 100 kept)."""

    @property
    def active(self) -> int:
        return len(self._calls)

    @property
    def capacity(self) -> int:
        return self.limits.max_calls

    async def start(
        self,
        *,
        offer_sdp: str,
        room_name: str,
        caller_identity: str | None = None,
        client: str | None = None,
    ) -> str:
        """Answer the page's offer and run the call; returns the answer SDP. The record is
        bound to ``caller_identity`` (the identity in the caller's summary token: only they
        may read its summary); ``client`` (its address) may hold at most
        ``limits.max_per_client`` calls at once.

        Raises LinesBusy (every line taken), TooManyCallsFromClient, InvalidCallOffer (an
        offer that cannot be used) or CallSetupFailed (the engines or the connection could
        not be set up)."""
        if self._closing or len(self._calls) >= self.limits.max_calls:
            raise LinesBusy(
                "All lines are busy: "
                f"{len(self._calls)} of {self.limits.max_calls} calls are in progress. "
                "Please try again in a minute."
            )
        if client is not None:
            held = sum(1 for c in self._clients.values() if c == client)
            if held >= self.limits.max_per_client:
                raise TooManyCallsFromClient(
                    "A call from this address is already in progress: hang it up (or wait "
                    "for it to end) before starting another.",
                    limit=self.limits.max_per_client,
                )
        check_offer(offer_sdp)  # before a line or an engine is spent on it
        call = BrowserCall(
            self._services,
            self._open_providers,
            room_name=room_name,
            ice=self.ice,
            limits=self.limits,
            caller_identity=caller_identity,
        )
        self._calls[room_name] = call  # the line is taken before the first await
        if client is not None:
            self._clients[room_name] = client
        try:
            answer = await call.connect(offer_sdp)
        except BaseException:
            self._calls.pop(room_name, None)
            self._clients.pop(room_name, None)
            await call.abandon()
            raise
        task = asyncio.create_task(call.run(), name=f"browser-call-{room_name}")
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._ended(room_name, t))
        return answer

    def _ended(self, room_name: str, task: asyncio.Task[Conversation | None]) -> None:
        self._tasks.discard(task)
        self._calls.pop(room_name, None)
        self._clients.pop(room_name, None)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            logger.error(
                "browser call failed",
                exc_info=(type(error), error, error.__traceback__),
                extra={"room_name": room_name},
            )
            return
        conversation = task.result()
        if conversation is not None:
            self.finished = [*self.finished[-99:], conversation]

    async def aclose(self) -> None:
        """Hang up every call (each record is written) and wait for them."""
        self._closing = True
        for call in list(self._calls.values()):
            call.hang_up("server_shutdown")
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=30)


class BrowserCall:
    """One browser caller: peer connection, session, recorder, data channel."""

    def __init__(
        self,
        services: CallServices,
        open_providers: OpenProviders,
        *,
        room_name: str,
        ice: IcePolicy,
        limits: CallLimits,
        caller_identity: str | None = None,
    ) -> None:
        self.services = services
        self.room_name = room_name
        self.caller_identity = caller_identity
        self._open_providers = open_providers
        self._ice = ice
        self._limits = limits
        self._stack = AsyncExitStack()
        self.pc: RTCPeerConnection | None = None
        self.providers: Providers | None = None
        self.microphone = PeerAudioInput()
        self.speaker = PeerAudioOutput()
        self.channel = CallChannel(
            on_hangup=lambda: self.hang_up("caller_hung_up"),
            on_flood=lambda: self.hang_up("message_flood"),
            on_key=self.press_key,
        )
        self.keypad: KeypadCollector | None = None
        """The page's keypad, once the session runs (keys before that are dropped)."""
        self._refusal_told = False
        self._expecting: str | None = None
        self.handle: CallHandle | None = None
        self._connected = asyncio.Event()
        self._stop = asyncio.Event()
        self._stop_reason: str | None = None

    # --- setting up ---------------------------------------------------------------------------
    async def connect(self, offer_sdp: str) -> str:
        try:
            self.providers = await self._stack.enter_async_context(self._open_providers())
        except Exception as exc:
            logger.error(
                "browser call: engines failed to start",
                exc_info=True,
                extra={"room_name": self.room_name, "error_type": type(exc).__name__},
            )
            raise CallSetupFailed(
                "The receptionist could not start its speech engines; see the server log."
            ) from None
        pc = RTCPeerConnection(self._ice.configuration())
        self.pc = pc
        pc.on("track", self._on_track)
        pc.on("datachannel", self._on_datachannel)
        pc.on("connectionstatechange", lambda: self._on_connection_state(pc))
        try:
            offer = RTCSessionDescription(sdp=self._ice.filter_offer(offer_sdp), type="offer")
            await pc.setRemoteDescription(offer)
        except Exception as exc:
            raise InvalidCallOffer(
                f"The call offer could not be used ({type(exc).__name__})."
            ) from None
        if not any(t.kind == "audio" for t in pc.getTransceivers()):
            raise InvalidCallOffer("The call offer has no microphone audio.")
        try:
            pc.addTrack(AgentVoiceTrack(self.speaker))
            await pc.setLocalDescription(await pc.createAnswer())
        except Exception as exc:
            logger.warning(
                "browser call: answer failed",
                extra={"room_name": self.room_name, "error_type": type(exc).__name__},
            )
            raise CallSetupFailed("The server could not answer the call offer.") from None
        logger.info("browser call answered", extra={"room_name": self.room_name})
        return pc.localDescription.sdp

    def _on_track(self, track: MediaStreamTrack) -> None:
        if track.kind == "audio":
            self.microphone.attach(track)

    def _on_datachannel(self, channel: RTCDataChannel) -> None:
        self.channel.attach(channel)

    def _on_connection_state(self, pc: RTCPeerConnection) -> None:
        if pc is not self.pc:
            return  # abandon() is closing it: the call is already ending
        state = pc.connectionState
        if state == "connected":
            self._connected.set()
        elif state in ("failed", "closed"):
            self.hang_up("connection_lost")

    def press_key(self, key: object) -> None:
        """A key of the page's keypad, as the page sent it (anything: checked here). The page
        hears back what is typed so far; of refused presses in a row, only the first."""
        keypad = self.keypad
        if keypad is None:
            return
        taken = keypad.press(key)
        if taken or not self._refusal_told:
            self.channel.send(keypad_message(keypad.pending, taken=taken))
        self._refusal_told = not taken

    def _deliver_keys(self, session: AgentSession[CallState]) -> Callable[[str], object]:
        deliver = deliver_user_turn(session)

        def sent(text: str) -> object:
            self.channel.send(keypad_message(""))  # "#" or a pause: the entry is on its way
            return deliver(text)

        return sent

    def _tell_expectation(self) -> None:
        """Tell the page what the agent's question asks for, when that changed."""
        hint = self.providers.listening if self.providers is not None else None
        if hint is None:
            return
        kind = hint.current.kind.value
        if kind != self._expecting:
            self._expecting = kind
            self.channel.send(expecting_message(kind))

    def hang_up(self, reason: str) -> None:
        """End the call (from anywhere: the page, a dropped connection, shutdown)."""
        if self._stop_reason is None:
            self._stop_reason = reason
        self._stop.set()

    # --- the call -----------------------------------------------------------------------------
    async def run(self) -> Conversation | None:
        """The call from connection to record; returns the record (None if never connected)."""
        try:
            try:
                await asyncio.wait_for(self._connected.wait(), self._limits.connect_timeout)
            except TimeoutError:
                logger.warning("browser call never connected", extra={"room_name": self.room_name})
                return None
            if self._stop.is_set():
                return None
            return await self._talk()
        finally:
            await self.abandon()

    async def _talk(self) -> Conversation:
        assert self.providers is not None
        # the peer's audio output cannot pause: say so, or the framework warns at every call
        session = build_session(
            self.providers, pausable_output=self.speaker.can_pause, silence=self.services.silence
        )
        session.input.audio = self.microphone
        session.output.audio = self.speaker
        for event, handler in self._listeners().items():
            session.on(event, handler)  # type: ignore[arg-type]
        agent = ReceptionistAgent(
            self.services.scheduling,
            clinic_name=self.services.clinic_name,
            call_context=CallInfo(keypad=True).render(),
        )
        handle = await start_call(
            self.services,
            session,
            room_name=self.room_name,
            agent=agent,
            providers=self.providers,
            event_sink=self.channel,
            greeting=self.services.greeting,
            record=False,
        )
        self.handle = handle
        self.keypad = KeypadCollector(self._deliver_keys(session))
        if self.caller_identity:
            handle.recorder.set_caller(self.caller_identity)
        self.channel.send(
            started_message(room_name=self.room_name, conversation_id=str(handle.conversation_id))
        )
        started = time.monotonic()
        finished = asyncio.ensure_future(handle.wait_finished())
        stop = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait(
                {finished, stop},
                timeout=self._limits.max_seconds,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            stop.cancel()
        if finished.done() and not finished.cancelled():
            conversation = finished.result()
        else:
            finished.cancel()
            reason = (self._stop_reason or "closed") if self._stop.is_set() else "time_limit"
            conversation = await handle.end(reason)
        self.channel.send(ended_message(conversation))
        await self._let_messages_leave()
        logger.info(
            "browser call ended",
            extra={
                "room_name": self.room_name,
                "conversation_id": str(conversation.id),
                "end_reason": conversation.end_reason,
                "seconds": round(time.monotonic() - started, 1),
            },
        )
        return conversation

    def _listeners(self) -> dict[str, Callable[[Any], None]]:
        channel = self.channel

        def on_item(ev: ConversationItemAddedEvent) -> None:
            item = ev.item
            if isinstance(item, llm.ChatMessage) and item.role in ("user", "assistant"):
                text = item.text_content or ""
                if text:
                    # the caller's words, not the recogniser's mark for the dialogue
                    shown = as_heard(text) if item.role == "user" else text
                    channel.send(transcript_message(item.role, shown))

        def on_transcribed(ev: UserInputTranscribedEvent) -> None:
            if not ev.is_final and ev.transcript:
                channel.send(transcript_message("user", ev.transcript, final=False))

        def on_state(ev: AgentStateChangedEvent) -> None:
            self._tell_expectation()
            channel.send(state_message(str(ev.new_state)))

        def on_tools(ev: FunctionToolsExecutedEvent) -> None:
            for call, output in ev.zipped():
                if output is None or output.is_error:
                    continue
                result = parse_result(output.output)
                if isinstance(result, dict):
                    for change in read_tool_result(call.name, result).changes:
                        channel.send(appointment_message(change))

        return {
            "conversation_item_added": on_item,
            "user_input_transcribed": on_transcribed,
            "agent_state_changed": on_state,
            "function_tools_executed": on_tools,
        }

    async def _let_messages_leave(self) -> None:
        # aiortc offers no "drained" event: look at the buffer until it is empty.
        deadline = time.monotonic() + END_GRACE
        while self.channel.buffered and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)

    async def abandon(self) -> None:
        """Close the peer connection and the engines (idempotent)."""
        if self.keypad is not None:
            self.keypad.close()
        self.microphone.close()
        self.speaker.close()
        if self.pc is not None:
            pc, self.pc = self.pc, None
            with contextlib.suppress(Exception):
                await pc.close()
        await self._stack.aclose()
