"""Browser calls over real WebRTC on loopback: a Python aiortc peer stands in for the page.

One call runs the offline engines end to end (VAD, pocketsphinx, the dialogue engine,
espeak-ng) from spoken audio to the record; the others use a scripted model and a fake TTS
to check how calls end, that the page's keypad reaches the agent, and that the lines are
bounded and given back."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest
from aiortc import RTCPeerConnection
from webrtc_peer import BrowserPeer

from voice_agent.adapters.offline.calls import CALLER_PITCH, CALLER_RATE, CALLER_VOICE
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.adapters.voice.providers import Providers, load_vad
from voice_agent.adapters.webrtc import BrowserCalls, CallLimits, IcePolicy
from voice_agent.bootstrap import Container
from voice_agent.domain.errors import LinesBusy, TooManyCallsFromClient
from voice_agent.domain.models import Conversation
from voice_agent.entrypoints.lifecycle import call_providers
from voice_agent.testing.fakes import FakeTTS, Say, ScriptedLLM

OpenProviders = Callable[[], AbstractAsyncContextManager[Providers]]


def scripted(*lines: str) -> OpenProviders:
    """Engines that greet and answer by script, and speak a tone: no microphone needed."""

    @asynccontextmanager
    async def open_providers() -> AsyncIterator[Providers]:
        yield Providers(llm=ScriptedLLM([Say(line) for line in lines]), tts=FakeTTS())

    return open_providers


async def _call(lines: BrowserCalls, room: str = "room-webrtc") -> BrowserPeer:
    peer = BrowserPeer()
    await peer.answer(await lines.start(offer_sdp=await peer.offer(), room_name=room))
    return peer


async def _record(container: Container, room: str) -> Conversation:
    for _ in range(100):
        row = await container.store.conversations.latest_for_room(room)
        if row is not None and row.ended_at is not None:
            return row
        await asyncio.sleep(0.05)
    raise AssertionError(f"no finished record for {room}")


@pytest.mark.slow
async def test_a_spoken_call_runs_through_the_offline_engines(container: Container) -> None:
    vad = await asyncio.to_thread(load_vad, container.settings)
    lines = BrowserCalls(
        container.call_services(), lambda: call_providers(container, vad=vad), ice=IcePolicy()
    )
    peer = await _call(lines)
    try:
        await peer.wait_for("call_started", within=20)
        greeting = await peer.wait_for("transcript", role="assistant", within=20)
        assert "How can I help" in greeting["text"]
        await peer.wait_for("agent_state", state="listening", within=20)
        said = 0
        for text in ["Do you have anything free on Friday?", "No thanks. Goodbye."]:
            # a caller who listens: each line once the agent has answered the one before
            await peer.agent_answered(said)
            samples, rate = synthesize(
                text, voice=CALLER_VOICE, rate=CALLER_RATE, pitch=CALLER_PITCH
            )
            said = len(peer.messages)
            await peer.microphone.say(samples, rate).wait()
        ended = await peer.wait_for("call_ended", within=40)
    finally:
        await peer.close()
        await lines.aclose()

    heard = [m["text"] for m in peer.of_type("transcript") if m["role"] == "user" and m["final"]]
    assert any("friday" in h for h in heard), heard
    tools = [
        m["event"]["data"]["tool"]
        for m in peer.of_type("agent_event")
        if m["event"]["type"] == "tool_call"
    ]
    assert "fetch_available_slots" in tools and "end_conversation" in tools
    assert ended["end_reason"] == "end_conversation" and ended["summary"]
    assert peer.loud_frames > 100  # the agent's voice reached the browser
    row = await _record(container, "room-webrtc")
    assert row.end_reason == "end_conversation"
    assert lines.active == 0


async def test_the_caller_hangs_up_from_the_page(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    lines = BrowserCalls(container.call_services(), scripted("Sure."), ice=IcePolicy())
    peer = await _call(lines)
    try:
        await peer.wait_for("transcript", role="assistant", within=15)
        await asyncio.sleep(0.5)
        peer.send({"type": "hangup"})
        ended = await peer.wait_for("call_ended", within=15)
    finally:
        await peer.close()
        await lines.aclose()
    assert ended["end_reason"] == "caller_hung_up"
    assert peer.loud_frames > 0  # the greeting was heard
    row = await _record(container, "room-webrtc")
    assert row.end_reason == "caller_hung_up"
    assert [t["role"] for t in row.transcript] == ["assistant"]
    assert lines.active == 0 and lines.finished[-1].id == row.id
    # the peer's output cannot pause, and the session is built knowing it (no warning per call)
    assert not [r for r in caplog.records if "does not support pause" in r.getMessage()]


@pytest.mark.slow
async def test_a_page_flooding_the_data_channel_has_its_call_ended(container: Container) -> None:
    """Thousands of messages a second each cost aiortc's SCTP code time on the event loop
    every call shares; past the page's pace the call is ended (``message_flood``)."""
    lines = BrowserCalls(container.call_services(), scripted("Sure."), ice=IcePolicy())
    peer = await _call(lines, room="room-flood")
    try:
        await peer.wait_for("transcript", role="assistant", within=15)
        for _ in range(500):
            peer.send({"type": "key", "key": "5"})
        row = await _record(container, "room-flood")
    finally:
        await peer.close()
        await lines.aclose()
    assert row.end_reason == "message_flood"
    assert lines.active == 0


async def test_the_pages_keypad_reaches_the_agent_as_one_turn(container: Container) -> None:
    """Keys sent on the data channel as the page sends them: what is not a key is refused,
    the digits up to "#" become one user turn (a phone keypad's "2125550143#"), and the page
    hears back what is typed so far."""
    model = ScriptedLLM([Say("Thanks, one moment.")])

    @asynccontextmanager
    async def open_providers() -> AsyncIterator[Providers]:
        yield Providers(llm=model, tts=FakeTTS())

    lines = BrowserCalls(container.call_services(), open_providers, ice=IcePolicy())
    peer = await _call(lines)
    try:
        await peer.wait_for("transcript", role="assistant", within=15)  # the greeting
        for key in ["2", "x", 1, "12", *"125550143", "#"]:
            peer.send({"type": "key", "key": key})
        turn = await peer.wait_for("transcript", role="user", within=15)
        answers: list[str] = []
        for _ in range(150):  # after the greeting: the typed turn, then the answer
            answers = [m["text"].strip() for m in peer.of_type("transcript")[1:]]
            if len(answers) >= 2:
                break
            await asyncio.sleep(0.1)
        peer.send({"type": "hangup"})
        await peer.wait_for("call_ended", within=15)
    finally:
        await peer.close()
        await lines.aclose()
    assert turn["text"] == "2125550143#"
    assert answers == ["2125550143#", "Thanks, one moment."]
    typed = [(m["typed"], m["taken"]) for m in peer.of_type("keypad")]
    assert typed[:3] == [("2", True), ("2", False), ("21", True)]  # one refusal told of three
    assert typed[-1] == ("", True)
    assert model.requests[-1].chat_ctx.items[-1].text_content == "2125550143#"  # type: ignore[union-attr]


async def test_lines_are_bounded_and_given_back(container: Container) -> None:
    lines = BrowserCalls(
        container.call_services(),
        scripted(),
        limits=CallLimits(max_calls=1),
        ice=IcePolicy(),
    )
    first = await _call(lines, "room-first")
    try:
        await first.wait_for("call_started", within=15)
        late = BrowserPeer()
        with pytest.raises(LinesBusy, match="1 of 1"):
            await lines.start(offer_sdp=await late.offer(), room_name="room-second")
        await late.close()
        first.send({"type": "hangup"})
        await first.wait_for("call_ended", within=15)
    finally:
        await first.close()
    for _ in range(100):
        if lines.active == 0:
            break
        await asyncio.sleep(0.05)
    second = await _call(lines, "room-third")
    try:
        await second.wait_for("call_started", within=15)
    finally:
        await second.close()
        await lines.aclose()


async def test_a_peer_that_never_connects_gives_its_line_back(container: Container) -> None:
    lines = BrowserCalls(
        container.call_services(),
        scripted(),
        limits=CallLimits(max_calls=1, connect_timeout=0.5),
        ice=IcePolicy(),
    )
    peer = BrowserPeer()
    await lines.start(offer_sdp=await peer.offer(), room_name="room-ghost")  # answer ignored
    assert lines.active == 1
    await asyncio.sleep(1.5)
    assert lines.active == 0
    assert await container.store.conversations.latest_for_room("room-ghost") is None
    await peer.close()
    await lines.aclose()


async def test_one_client_cannot_hold_every_line(container: Container) -> None:
    """An offer never completed holds its line for the connect timeout: one address posting
    three offers every 20 s (under the rate limit) kept all three lines busy for everyone."""
    lines = BrowserCalls(
        container.call_services(), scripted(), limits=CallLimits(max_calls=3), ice=IcePolicy()
    )
    peers = [BrowserPeer() for _ in range(3)]
    try:
        await lines.start(
            offer_sdp=await peers[0].offer(), room_name="room-ghost-1", client="203.0.113.9"
        )
        with pytest.raises(TooManyCallsFromClient):
            await lines.start(
                offer_sdp=await peers[1].offer(), room_name="room-ghost-2", client="203.0.113.9"
            )
        assert lines.active == 1  # the refused offer took no line
        # another caller still gets through
        await lines.start(
            offer_sdp=await peers[2].offer(), room_name="room-caller", client="198.51.100.4"
        )
        assert lines.active == 2
    finally:
        for peer in peers:
            await peer.close()
        await lines.aclose()


async def test_a_client_gets_its_line_back_when_its_call_ends(container: Container) -> None:
    lines = BrowserCalls(
        container.call_services(),
        scripted(),
        limits=CallLimits(connect_timeout=0.5),
        ice=IcePolicy(),
    )
    ghost, caller = BrowserPeer(), BrowserPeer()
    try:
        await lines.start(offer_sdp=await ghost.offer(), room_name="room-ghost", client="a")
        await asyncio.sleep(1.5)  # never connected: given up
        assert lines.active == 0
        await lines.start(offer_sdp=await caller.offer(), room_name="room-again", client="a")
    finally:
        await ghost.close()
        await caller.close()
        await lines.aclose()


async def test_a_call_past_its_time_limit_is_ended(container: Container) -> None:
    lines = BrowserCalls(
        container.call_services(),
        scripted(),
        limits=CallLimits(max_seconds=1.0),
        ice=IcePolicy(),
    )
    peer = await _call(lines)
    try:
        ended = await peer.wait_for("call_ended", within=15)
    finally:
        await peer.close()
        await lines.aclose()
    assert ended["end_reason"] == "time_limit"


async def test_a_dropped_connection_ends_the_call(container: Container) -> None:
    lines = BrowserCalls(container.call_services(), scripted(), ice=IcePolicy())
    peer = await _call(lines)
    await peer.wait_for("call_started", within=15)
    await peer.close()
    row = await _record(container, "room-webrtc")
    assert row.end_reason == "connection_lost"
    await lines.aclose()


@pytest.mark.parametrize("ending", ["the page hangs up", "the server shuts down"])
async def test_a_call_ending_closes_its_peer_connection_whole(
    container: Container, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    """The server's side closes all the way: a state change while it closes is not taken for
    a dropped connection (on shutdown that raised inside aiortc's close(), which then never
    finished - listeners kept, a later close() waiting forever)."""
    opened: list[RTCPeerConnection] = []

    class Recorded(RTCPeerConnection):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            opened.append(self)

    monkeypatch.setattr("voice_agent.adapters.webrtc.calls.RTCPeerConnection", Recorded)
    lines = BrowserCalls(container.call_services(), scripted("Sure."), ice=IcePolicy())
    peer = await _call(lines)
    try:
        await peer.wait_for("transcript", role="assistant", within=15)
        if ending == "the page hangs up":
            peer.send({"type": "hangup"})
        else:
            await lines.aclose()
        await peer.wait_for("call_ended", within=15)
        await _record(container, "room-webrtc")
    finally:
        await peer.close()
        await lines.aclose()
    assert len(opened) == 1 and opened[0].connectionState == "closed"
    await asyncio.wait_for(opened[0].close(), 5)  # at once when the first close() finished


async def test_shutting_down_hangs_up_every_call(container: Container) -> None:
    lines = BrowserCalls(container.call_services(), scripted(), ice=IcePolicy())
    peer = await _call(lines)
    try:
        await peer.wait_for("call_started", within=15)
        await lines.aclose()
        ended = await peer.wait_for("call_ended", within=15)
    finally:
        await peer.close()
    assert ended["end_reason"] == "server_shutdown"
    late = BrowserPeer()
    with pytest.raises(LinesBusy):
        await lines.start(offer_sdp=await late.offer(), room_name="room-late")
    await late.close()
