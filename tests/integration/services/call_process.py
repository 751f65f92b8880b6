"""One call's recorder in a process of its own (``python call_process.py URL ROOM``): prints
the conversation id, keeps the call alive (heartbeats) until SIGTERM, then finishes it.
The abandoned-call tests SIGKILL some of these."""

from __future__ import annotations

import asyncio
import signal
import sys

from voice_agent.adapters.storage import open_store
from voice_agent.domain.clock import SystemClock
from voice_agent.services.recorder import CallRecorder

HEARTBEAT_SECONDS = 0.2


async def main(url: str, room: str) -> None:
    store = await open_store(url, migrate=False)
    recorder = CallRecorder(
        store.conversations,
        SystemClock(),
        room_name=room,
        save_delay=0.05,
        heartbeat_seconds=HEARTBEAT_SECONDS,
    )
    recorder.set_caller(f"caller-{room}")
    recorder.add_turn("assistant", "Hello! May I have your phone number?")
    recorder.add_turn("user", "I'd like Friday at nine, in the morning please")
    await recorder.start()
    print(recorder.conversation_id, flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await recorder.finish(reason="participant_disconnected")
    await store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
