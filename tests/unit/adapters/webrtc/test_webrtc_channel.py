"""The call's data channel: JSON out (queued until the channel opens), a hang-up in; and the
offers a browser call accepts."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from aiortc import RTCPeerConnection

from voice_agent.adapters.webrtc.calls import check_offer
from voice_agent.adapters.webrtc.channel import (
    CallChannel,
    appointment_message,
    ended_message,
)
from voice_agent.domain.errors import InvalidCallOffer
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


async def test_an_offer_that_sends_no_audio_is_refused() -> None:
    with pytest.raises(InvalidCallOffer, match="microphone"):
        check_offer(await _browser_like_offer("recvonly"))


async def test_an_offer_without_ice_credentials_is_refused() -> None:
    sdp = await _browser_like_offer()
    stripped = "\r\n".join(line for line in sdp.splitlines() if "ice-ufrag" not in line)
    with pytest.raises(InvalidCallOffer, match="ICE"):
        check_offer(stripped)
