"""A bound on what a caller's data channel may make the server hold.

aiortc keeps every DATA chunk a peer sends until the message it belongs to is whole, whatever
receive window it advertised: a peer sending fragments of a message it never ends (no "last
fragment" flag) made the server hold them all. Measured with two aiortc peers on loopback,
one sending such fragments for 12 s: the other held 7.2 MB, its advertised window at -6 MB,
growing for as long as the call lasted; and each chunk made aiortc scan every chunk held
before it. A browser cannot send such a message (it keeps to the server's 256 KiB
message size), but any other WebRTC stack can.

:func:`bound_inbound_data` makes every server-side SCTP association drop a DATA chunk (not
acknowledged, as RFC 9260 6.2 allows a receiver with no room) when taking it would
overrun the window the server advertised, when its stream already holds
:data:`MAX_CHUNKS_PER_STREAM` fragments, when it would open more than
:data:`MAX_INBOUND_STREAMS` streams, or when it carries no data (RFC 9260 6.2: a protocol
violation). A well-behaved peer never meets these: the page sends one short message a call.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any

from aiortc.rtcsctptransport import DataChunk, RTCSctpTransport

MAX_CHUNKS_PER_STREAM = 512
"""Fragments one stream may hold: a 256 KiB message (aiortc's largest) in chunks of 512
bytes or more."""
MAX_INBOUND_STREAMS = 64
"""Streams (data channels) a peer may send on."""

_lock = threading.Lock()
_original: Callable[[RTCSctpTransport, DataChunk], Awaitable[None]] | None = None


def _accepts(transport: Any, chunk: DataChunk) -> bool:
    if not chunk.user_data:
        return False
    if transport._advertised_rwnd - len(chunk.user_data) < 0:
        return False
    streams: dict[int, Any] = transport._inbound_streams
    stream = streams.get(chunk.stream_id)
    if stream is None:
        return len(streams) < MAX_INBOUND_STREAMS
    return len(stream.reassembly) < MAX_CHUNKS_PER_STREAM


def bound_inbound_data() -> None:
    """Install the bound (process-wide, once: aiortc has no setting for it)."""
    global _original
    with _lock:
        if _original is not None:
            return
        original = RTCSctpTransport._receive_data_chunk
        _original = original

        async def bounded(self: RTCSctpTransport, chunk: DataChunk) -> None:
            if _accepts(self, chunk):
                await original(self, chunk)

        RTCSctpTransport._receive_data_chunk = bounded  # type: ignore[method-assign]
