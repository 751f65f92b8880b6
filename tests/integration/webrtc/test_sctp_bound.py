"""A caller's data channel cannot make the server hold without bound: two aiortc peers on
loopback, one sending fragments of a message it never ends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiortc import RTCConfiguration, RTCDataChannel, RTCPeerConnection
from aiortc.rtcsctptransport import SCTP_DATA_FIRST_FRAG, DataChunk, tsn_plus_one

from voice_agent.adapters.webrtc.ice import IcePolicy
from voice_agent.adapters.webrtc.sctp import MAX_INBOUND_STREAMS, bound_inbound_data

Pair = tuple[RTCPeerConnection, RTCPeerConnection, RTCDataChannel, asyncio.Queue[str]]


@pytest.fixture
async def pair() -> AsyncIterator[Pair]:
    IcePolicy().install()
    bound_inbound_data()
    server = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    caller = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    received: asyncio.Queue[str] = asyncio.Queue()
    opened = asyncio.Event()

    def on_channel(channel: RTCDataChannel) -> None:
        channel.on("message", received.put_nowait)
        opened.set()

    server.on("datachannel", on_channel)
    channel = caller.createDataChannel("call")
    await caller.setLocalDescription(await caller.createOffer())
    await server.setRemoteDescription(caller.localDescription)
    await server.setLocalDescription(await server.createAnswer())
    await caller.setRemoteDescription(server.localDescription)
    await asyncio.wait_for(opened.wait(), 30)
    yield server, caller, channel, received
    await caller.close()
    await server.close()


def _held(server: RTCPeerConnection) -> tuple[int, int]:
    """Bytes and chunks the server's SCTP association holds for unfinished messages."""
    streams = server.sctp._inbound_streams.values()  # type: ignore[union-attr]
    chunks = [c for stream in streams for c in stream.reassembly]
    return sum(len(c.user_data) for c in chunks), len(chunks)


async def _send_raw(caller: RTCPeerConnection, *, stream_id: int, data: bytes, first: bool) -> None:
    sctp = caller.sctp
    assert sctp is not None
    chunk = DataChunk(flags=SCTP_DATA_FIRST_FRAG if first else 0)  # never the last fragment
    chunk.tsn = sctp._local_tsn
    sctp._local_tsn = tsn_plus_one(sctp._local_tsn)
    chunk.stream_id, chunk.stream_seq, chunk.protocol = stream_id, 0, 51
    chunk.user_data = data
    await sctp._send_chunk(chunk)


async def test_a_message_that_never_ends_is_held_only_up_to_the_window(pair: Pair) -> None:
    server, caller, _channel, _received = pair
    for i in range(4000):  # 4.4 MB, four times the window the server advertises
        await _send_raw(caller, stream_id=1, data=b"x" * 1100, first=i == 0)
        if i % 20 == 0:
            await asyncio.sleep(0.005)  # as a network paces it: loopback drops a burst
    await asyncio.sleep(0.5)
    held_bytes, held_chunks = _held(server)
    assert held_bytes <= 1024 * 1024  # unbounded before: 7.2 MB after 12 s, and growing
    assert held_chunks <= 512


async def test_many_streams_and_empty_chunks_are_not_held(pair: Pair) -> None:
    server, caller, _channel, _received = pair
    for stream_id in range(2, 2 + 3 * MAX_INBOUND_STREAMS):
        await _send_raw(caller, stream_id=stream_id, data=b"x", first=True)
        await _send_raw(caller, stream_id=stream_id, data=b"", first=False)
        await asyncio.sleep(0.002)
    await asyncio.sleep(0.5)
    assert len(server.sctp._inbound_streams) <= MAX_INBOUND_STREAMS  # type: ignore[union-attr]
    assert all(c.user_data for s in server.sctp._inbound_streams.values() for c in s.reassembly)  # type: ignore[union-attr]


async def test_the_page_s_messages_still_arrive_whole(pair: Pair) -> None:
    _server, _caller, channel, received = pair
    channel.send('{"type":"hangup"}')
    assert await asyncio.wait_for(received.get(), 10) == '{"type":"hangup"}'
    big = "y" * 200_000  # fragmented into about 170 chunks
    channel.send(big)
    assert await asyncio.wait_for(received.get(), 20) == big
