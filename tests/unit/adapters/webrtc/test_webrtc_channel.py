"""The call's data channel: JSON out (queued until the channel opens), a hang-up and the
keypad's keys in (the keys checked and paced before they reach the session as one turn, the
page told what the agent asks for); and the offers a browser call accepts."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from aiortc import RTCPeerConnection

from voice_agent.adapters.voice.providers import Providers
from voice_agent.adapters.webrtc.calls import BrowserCall, CallLimits, check_offer
from voice_agent.adapters.webrtc.channel import (
    CallChannel,
    appointment_message,
    ended_message,
)
from voice_agent.adapters.webrtc.ice import IcePolicy
from voice_agent.domain.errors import InvalidCallOffer
from voice_agent.domain.listening import Expectation, Listening, ListeningHint
from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation


class FakeDataChannel:
    """What CallChannel uses of aiortc's RTCDataChannel."""

    def __init__(self, label: str = "call") -> None:
        self.label = label
        self.readyState = "connecting"
        self.bufferedAmount = 0
        self.sent: list[str] = []
        self.handlers: dict[str, Callable[..., Any]] = {}

    def on(self, event: str, handler: Callable[..., Any]) -> None:
        self.handlers[event] = handler

    def send(self, data: str) -> None:
        self.sent.append(data)

    def open(self) -> None:
        self.readyState = "open"
        self.handlers["open"]()

    def receive(self, data: object) -> None:
        self.handlers["message"](data)


async def test_messages_wait_for_the_channel_to_open_and_keep_their_order() -> None:
    channel = CallChannel()
    channel.send({"type": "transcript", "role": "assistant", "text": "Hello", "final": True})
    fake = FakeDataChannel()
    channel.attach(fake)  # type: ignore[arg-type]
    await channel.publish({"type": "tool_call", "name": "identify_user"})
    assert fake.sent == [] and channel.buffered == 2
    fake.open()
    channel.send({"type": "agent_state", "state": "listening"})
    assert [json.loads(m)["type"] for m in fake.sent] == [
        "transcript",
        "agent_event",
        "agent_state",
    ]
    assert json.loads(fake.sent[1])["event"] == {"type": "tool_call", "name": "identify_user"}
    assert channel.buffered == 0


def test_only_the_call_channel_is_used() -> None:
    channel = CallChannel()
    channel.attach(FakeDataChannel(label="other"))  # type: ignore[arg-type]
    assert not channel.is_open


@pytest.mark.parametrize("kind", ["hangup", "request_summary"])
def test_the_page_hangs_up(kind: str) -> None:
    hung_up: list[bool] = []
    channel = CallChannel(on_hangup=lambda: hung_up.append(True))
    fake = FakeDataChannel()
    channel.attach(fake)  # type: ignore[arg-type]
    fake.receive(json.dumps({"type": kind}))
    assert hung_up == [True]


def test_anything_else_from_the_page_is_ignored() -> None:
    hung_up: list[bool] = []
    channel = CallChannel(on_hangup=lambda: hung_up.append(True))
    fake = FakeDataChannel()
    channel.attach(fake)  # type: ignore[arg-type]
    for data in ["not json", json.dumps([1]), json.dumps({"type": "x"}), b"\xff", 7]:
        fake.receive(data)
    fake.receive(json.dumps({"type": "hangup", "pad": "x" * 5000}))  # too long
    assert hung_up == []


@pytest.mark.parametrize("data", ["[" * 4000, '[{"a":' * 650, b"[" * 4096])
def test_json_nested_too_deep_is_ignored_not_raised(data: str | bytes) -> None:
    """4 KiB of ``[`` raised RecursionError (not a ValueError) out of the message handler,
    into aiortc's SCTP receive path, which closed the DTLS transport: the call dropped and
    the log had a traceback, from one message."""
    hung_up: list[bool] = []
    channel = CallChannel(on_hangup=lambda: hung_up.append(True))
    fake = FakeDataChannel()
    channel.attach(fake)  # type: ignore[arg-type]
    fake.receive(data)
    fake.receive('{"type": "hangup"}')
    assert hung_up == [True]


def test_the_pages_keys_go_to_the_keypad_as_they_came() -> None:
    keys: list[object] = []
    channel = CallChannel(on_key=keys.append)
    fake = FakeDataChannel()
    channel.attach(fake)  # type: ignore[arg-type]
    for message in ({"type": "key", "key": "5"}, {"type": "key", "key": 5}, {"type": "key"}):
        fake.receive(json.dumps(message))
    fake.receive(json.dumps({"type": "key", "key": "1" * 5000}))  # too long: never parsed
    assert keys == ["5", 5, None]  # the receiver checks them (BrowserCall.press_key)


# --- the keypad of a browser call ----------------------------------------------------------
class FakeSession:
    """What deliver_user_turn uses of an AgentSession: each turn is recorded."""

    def __init__(self) -> None:
        self.turns: list[str] = []
        self.interrupted = 0

    def interrupt(self) -> None:
        self.interrupted += 1

    def generate_reply(self, *, user_input: str) -> str:
        self.turns.append(user_input)
        return f"reply to {user_input}"


@pytest.fixture
def opened() -> tuple[BrowserCall, FakeDataChannel]:
    """A browser call whose data channel to the page is open, before its session runs."""
    call = BrowserCall(
        None,  # type: ignore[arg-type]  # neither is used before the call talks
        None,  # type: ignore[arg-type]
        room_name="call-keypad",
        ice=IcePolicy(),
        limits=CallLimits(),
    )
    fake = FakeDataChannel()
    call.channel.attach(fake)  # type: ignore[arg-type]
    fake.open()
    return call, fake


@pytest.fixture
def keyed(
    opened: tuple[BrowserCall, FakeDataChannel],
) -> tuple[BrowserCall, FakeDataChannel, FakeSession]:
    """That call with its keypad delivering to a session."""
    from voice_agent.adapters.voice.telephony import KeypadCollector

    call, fake = opened
    session = FakeSession()
    call.keypad = KeypadCollector(call._deliver_keys(session))  # type: ignore[arg-type]
    return call, fake, session


def _page_gets(fake: FakeDataChannel) -> list[dict[str, Any]]:
    messages = [json.loads(m) for m in fake.sent]
    fake.sent.clear()
    return messages


def _press(fake: FakeDataChannel, keys: str) -> None:
    for key in keys:
        fake.receive(json.dumps({"type": "key", "key": key}))


async def test_keys_typed_on_the_page_reach_the_session_as_a_phones_keypad_entry(
    keyed: tuple[BrowserCall, FakeDataChannel, FakeSession],
) -> None:
    call, fake, session = keyed
    _press(fake, "646")
    assert _page_gets(fake) == [
        {"type": "keypad", "typed": typed, "taken": True} for typed in ("6", "64", "646")
    ]
    _press(fake, "*")  # start over
    _press(fake, "6465550177#")
    assert session.turns == ["6465550177#"]  # one turn, exactly the DTMF path's
    assert session.interrupted == 1
    assert _page_gets(fake)[-1] == {"type": "keypad", "typed": "", "taken": True}
    assert call.keypad is not None and call.keypad.delivered == ["6465550177#"]


async def test_a_hostile_page_gets_nothing_but_keys_through(
    keyed: tuple[BrowserCall, FakeDataChannel, FakeSession],
) -> None:
    call, fake, session = keyed
    for key in ["a", "12", "", " ", "#1", 5, None, ["1"], {"key": "1"}, "\u0661", "１"]:
        fake.receive(json.dumps({"type": "key", "key": key}))
    # one refusal told, not one per message
    assert _page_gets(fake) == [{"type": "keypad", "typed": "", "taken": False}]
    _press(fake, "1" * 22 + "#")  # 20 digits at most
    assert session.turns == ["1" * 20 + "#"]
    assert call.keypad is not None and call.keypad.refused == 11 + 2


async def test_keys_beyond_a_humans_pace_are_refused(
    keyed: tuple[BrowserCall, FakeDataChannel, FakeSession],
) -> None:
    from voice_agent.adapters.voice.telephony import KEY_BURST, KeypadCollector

    now = [0.0]
    call, fake, session = keyed
    call.keypad = KeypadCollector(call._deliver_keys(session), clock=lambda: now[0])  # type: ignore[arg-type]
    _press(fake, "5" * KEY_BURST)  # a burst: all taken (beyond 20 digits, not kept)
    _press(fake, "5" * 50)  # a flood at the same instant: none
    assert call.keypad.pending == "5" * 20
    assert call.keypad.refused == (KEY_BURST - 20) + 50
    now[0] += 1.0  # a second later, a few more presses are taken
    _press(fake, "*#")
    assert session.turns == []  # "*" cleared what was typed; "#" sent nothing
    assert call.keypad.refused == (KEY_BURST - 20) + 50
    now[0] += 10.0
    for _ in range(5):  # entries, each making the agent answer: three at once, then paced
        _press(fake, "9#")
    assert session.turns == ["9#"] * 3


async def test_a_keypad_entry_cut_short_by_a_pause_is_sent_and_the_page_told(
    keyed: tuple[BrowserCall, FakeDataChannel, FakeSession],
) -> None:
    import asyncio

    from voice_agent.adapters.voice.telephony import KeypadCollector

    call, fake, session = keyed
    call.keypad = KeypadCollector(call._deliver_keys(session), timeout=0.3)  # type: ignore[arg-type]
    _press(fake, "212")
    await asyncio.sleep(1.0)
    assert session.turns == ["212#"]
    assert _page_gets(fake)[-1] == {"type": "keypad", "typed": "", "taken": True}


def test_keys_before_the_session_runs_are_dropped(
    opened: tuple[BrowserCall, FakeDataChannel],
) -> None:
    _, fake = opened
    _press(fake, "123#")
    assert fake.sent == []


def test_the_page_is_told_what_the_agent_asks_for_when_it_changes(
    keyed: tuple[BrowserCall, FakeDataChannel, FakeSession],
) -> None:
    call, fake, _ = keyed
    hint = ListeningHint()
    call.providers = Providers(llm=None, listening=hint)  # type: ignore[arg-type]
    call._tell_expectation()
    hint.expect(Listening(Expectation.PHONE, digits=10))
    call._tell_expectation()
    call._tell_expectation()  # the same question still: nothing new
    hint.expect(Listening(Expectation.PHONE, digits=3))  # a part of it: still a number
    call._tell_expectation()
    hint.expect(Expectation.YES_NO)
    call._tell_expectation()
    assert [m["kind"] for m in _page_gets(fake)] == ["request", "phone", "yes_no"]


def test_the_final_message_carries_the_record() -> None:
    change = AppointmentChange(ChangeAction.BOOKED, "ABCD2345", date(2026, 11, 26), time(14))
    conversation = Conversation(
        id=uuid.uuid4(),
        room_name="room-1",
        started_at=datetime(2026, 11, 25, 15, tzinfo=UTC),
        summary="Booked.",
        appointments_discussed=[change],
        cost_breakdown={"total_cost": 0.0},
        duration_seconds=42,
        end_reason="end_conversation",
    )
    message = ended_message(conversation)
    assert message["type"] == "call_ended" and message["summary"] == "Booked."
    assert message["appointments_discussed"] == [change.to_json()]
    assert message["duration_seconds"] == 42 and message["end_reason"] == "end_conversation"
    assert appointment_message(change) == {"type": "appointment", **change.to_json()}


async def _browser_like_offer(direction: str = "sendrecv") -> str:
    from aiortc.mediastreams import AudioStreamTrack

    pc = RTCPeerConnection()
    try:
        if direction == "recvonly":
            pc.addTransceiver("audio", direction="recvonly")
        else:
            pc.addTrack(AudioStreamTrack())
        pc.createDataChannel("call")
        offer = await pc.createOffer()
        return str(offer.sdp)
    finally:
        await pc.close()


async def test_a_browser_audio_offer_is_accepted() -> None:
    check_offer(await _browser_like_offer())


@pytest.mark.parametrize(
    "sdp",
    ["0", "v=0\r\n", "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n", "m=audio " * 3000],
)
def test_what_is_not_an_audio_offer_is_refused(sdp: str) -> None:
    with pytest.raises(InvalidCallOffer):
        check_offer(sdp)


async def _offer_with(*kinds: str) -> str:
    from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack

    pc = RTCPeerConnection()
    try:
        for kind in kinds:
            pc.addTrack(AudioStreamTrack() if kind == "audio" else VideoStreamTrack())
        pc.createDataChannel("call")
        return str((await pc.createOffer()).sdp)
    finally:
        await pc.close()


@pytest.mark.parametrize(
    "kinds", [("audio", "audio"), ("audio",) * 5, ("audio", "video"), ("video", "audio")]
)
async def test_an_offer_with_more_than_the_microphone_is_refused(kinds: tuple[str, ...]) -> None:
    """aiortc decodes every track an offer sends, and the call reads one: each other track's
    frames piled up unread for the whole call (measured: ~41 frames a second per extra
    track, each ~4 KB; 27 tracks fit in the offer's 20,000 characters)."""
    with pytest.raises(InvalidCallOffer, match="microphone"):
        check_offer(await _offer_with(*kinds))


async def test_an_offer_that_sends_no_audio_is_refused() -> None:
    with pytest.raises(InvalidCallOffer, match="microphone"):
        check_offer(await _browser_like_offer("recvonly"))


def _only_codec(sdp: str, rtpmap: str) -> str:
    """``sdp`` with its audio offering one codec (payload type 97) and nothing else."""
    lines: list[str] = []
    for line in sdp.split("\r\n"):
        if line.startswith(("a=rtpmap:", "a=fmtp:", "a=rtcp-fb:")):
            continue
        if line.startswith("m=audio"):
            lines += [" ".join([*line.split(" ")[:3], "97"]), f"a=rtpmap:97 {rtpmap}"]
            continue
        lines.append(line)
    return "\r\n".join(lines)


@pytest.mark.parametrize("codec", ["iLBC/8000", "AMR-WB/16000", "telephone-event/8000"])
async def test_an_offer_whose_audio_no_decoder_here_reads_is_refused_before_the_engines(
    codec: str,
) -> None:
    """An offer of audio in a codec aiortc cannot decode passed the check, started the call's
    speech engines (a recogniser, a synthesiser), held a line, and only then failed in
    aiortc's ``setRemoteDescription``: each such offer cost a call's start-up."""
    with pytest.raises(InvalidCallOffer, match="codec"):
        check_offer(_only_codec(await _browser_like_offer(), codec))
    check_offer(_only_codec(await _browser_like_offer(), "PCMU/8000"))  # a phone's codec


async def test_an_offer_without_ice_credentials_is_refused() -> None:
    sdp = await _browser_like_offer()
    stripped = "\r\n".join(line for line in sdp.splitlines() if "ice-ufrag" not in line)
    with pytest.raises(InvalidCallOffer, match="ICE"):
        check_offer(stripped)


def test_a_page_sending_messages_beyond_any_keypads_pace_ends_its_call() -> None:
    """Each message costs aiortc's pure-Python SCTP about a third of a millisecond of the
    server's one event loop (20,000 between two aiortc peers in one process: 14.4 s CPU):
    a page sending thousands a second slowed every call. Past 100 at once and 50 a second,
    the call is ended and nothing more is read."""
    now = [0.0]
    flooded: list[bool] = []
    hung_up: list[bool] = []
    channel = CallChannel(
        on_hangup=lambda: hung_up.append(True),
        on_flood=lambda: flooded.append(True),
        clock=lambda: now[0],
    )
    fake = FakeDataChannel()
    channel.attach(fake)  # type: ignore[arg-type]
    for _ in range(60):  # a fast typist for six seconds: ten keys a second
        fake.receive('{"type": "key", "key": "5"}')
        now[0] += 0.1
    assert flooded == [] and not channel.flooded
    for _ in range(200):  # a script: 200 at once
        fake.receive('{"type": "key", "key": "5"}')
    assert flooded == [True]
    now[0] += 60
    fake.receive('{"type": "hangup"}')  # read no more
    assert flooded == [True] and hung_up == []
