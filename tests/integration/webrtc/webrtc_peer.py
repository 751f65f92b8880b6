"""A browser in Python: an aiortc peer that plays a caller's audio on its microphone track,
plays nothing back but counts the agent's loud frames, and keeps the data channel's messages
(imported by name: the tests directory is on sys.path)."""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import json
import time
from collections.abc import Callable
from typing import Any

import av
import numpy as np
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

from voice_agent.adapters.offline.audio import Int16Array, resample

RATE = 48_000
FRAME = 960


class CallerMicrophone(MediaStreamTrack):
    """20 ms frames in real time: queued speech, silence between."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self._queue: list[Int16Array] = []
        self._start: float | None = None
        self._pts = 0
        self.spoken = asyncio.Event()

    def say(self, samples: Int16Array, rate: int) -> asyncio.Event:
        audio = resample(samples, rate, RATE)
        self._queue.extend(audio[i : i + FRAME] for i in range(0, audio.size, FRAME))
        self.spoken = asyncio.Event()
        return self.spoken

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            self._pts += FRAME
            delay = self._start + self._pts / RATE - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        chunk = np.zeros(FRAME, dtype=np.int16)
        if self._queue:
            part = self._queue.pop(0)
            chunk[: part.size] = part
            if not self._queue:
                self.spoken.set()
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, RATE)
        return frame


class BrowserPeer:
    def __init__(self) -> None:
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.microphone = CallerMicrophone()
        self.pc.addTrack(self.microphone)
        self.channel = self.pc.createDataChannel("call")
        self.messages: list[dict[str, Any]] = []
        self._arrived = asyncio.Event()
        self.loud_frames = 0
        self._drain: asyncio.Task[None] | None = None
        self.channel.on("message", self._on_message)
        self.pc.on("track", self._on_track)

    def _on_message(self, data: str) -> None:
        self.messages.append(json.loads(data))
        self._arrived.set()

    def _on_track(self, track: MediaStreamTrack) -> None:
        async def drain() -> None:
            while True:
                try:
                    frame = await track.recv()
                except MediaStreamError:
                    return
                if np.abs(frame.to_ndarray()).max() > 300:
                    self.loud_frames += 1

        self._drain = asyncio.ensure_future(drain())

    async def offer(self) -> str:
        await self.pc.setLocalDescription(await self.pc.createOffer())
        return str(self.pc.localDescription.sdp)

    async def answer(self, sdp: str) -> None:
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("type") == kind]

    async def wait_for(self, kind: str, *, within: float = 30.0, **match: Any) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            for message in self.of_type(kind):
                if all(message.get(k) == v for k, v in match.items()):
                    return message
            return None

        return await self._until(found, within, f"{kind} {match}")

    async def agent_answered(self, since: int, *, within: float = 90.0) -> dict[str, Any]:
        """The agent's turn after ``messages[since]``, once the agent listens again: what a
        caller who listens waits for before speaking (a fixed pause drifts under load)."""

        def found() -> dict[str, Any] | None:
            later = self.messages[since:]
            turns = [m for m in later if m.get("type") == "transcript" and m["role"] == "assistant"]
            states = [m["state"] for m in later if m.get("type") == "agent_state"]
            if turns and states and states[-1] == "listening":
                return turns[0]
            return None

        return await self._until(found, within, "the agent's answer")

    async def _until(
        self, found: Callable[[], dict[str, Any] | None], within: float, what: str
    ) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while True:
            message = found()
            if message is not None:
                return message
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {what} in {[m['type'] for m in self.messages]}")
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), left)

    def send(self, message: dict[str, Any]) -> None:
        self.channel.send(json.dumps(message))

    async def close(self) -> None:
        await self.pc.close()
        if self._drain is not None:
            self._drain.cancel()
