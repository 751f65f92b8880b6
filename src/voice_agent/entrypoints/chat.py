"""``voice-agent chat``: type to the receptionist (same tools and database as a voice call)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading

from livekit.agents import Agent, llm
from livekit.agents.voice.run_result import RunResult

from voice_agent.adapters.voice.session import build_session, start_call, typed_turn
from voice_agent.adapters.voice.telephony import PhoneCaller, prepare_phone_call
from voice_agent.config import Settings
from voice_agent.entrypoints.call import call_ending
from voice_agent.entrypoints.lifecycle import application, call_providers
from voice_agent.services.summaries import STOPPED_BY_USER


async def run_chat(settings: Settings, *, phone: str | None = None) -> None:
    """Type to the receptionist; with ``phone`` (E.164), as a phone call from that number (its
    caller ID), typed lines such as "1#" taken as the keypad sends them."""
    async with (
        application(settings) as container,
        call_providers(container, voice=False) as providers,
    ):
        services = container.call_services()
        session = build_session(providers)
        agent: Agent | None = None
        greeting = services.greeting
        if phone is not None:
            call = prepare_phone_call(
                PhoneCaller(identity="sip_caller", number=phone),
                profile=settings.profile(),
                room_name="chat",
                api=None,
            )
            agent = call.agent(container.scheduling, clinic_name=settings.clinic_name)
            greeting = call.greeting(clinic_name=settings.clinic_name)
        handle = await start_call(
            services,
            session,
            room_name="chat",
            agent=agent,
            providers=providers,
            greeting=greeting,
        )
        if handle.greeting is not None:
            # the greeting is in the conversation before the caller's first line
            await handle.greeting.wait_for_playout()
        print(f"agent > {greeting}   (Ctrl-D to hang up)")
        try:
            while not handle.state.ending:
                line = await _next_line()
                if line is None:
                    break
                line = typed_turn(line)  # as a LiveKit room bounds a typed turn
                if not line:
                    continue
                result: RunResult[None] = await session.run(user_input=line)
                for ev in result.events:
                    item = getattr(ev, "item", None)
                    if isinstance(item, llm.ChatMessage) and item.role == "assistant":
                        print(f"agent > {item.text_content}")
        except asyncio.CancelledError as stop:
            if STOPPED_BY_USER in stop.args:  # Ctrl-C: the record says the user stopped it
                await asyncio.shield(handle.end(STOPPED_BY_USER))
            raise
        finally:
            conversation = await handle.aclose()
    print()
    for line in call_ending(conversation):
        print(line)


async def _next_line() -> str | None:
    """The caller's next typed line (None at Ctrl-D).

    ``input()`` blocks in a thread that nothing can interrupt. In the default executor,
    ``asyncio.run`` would wait for that thread before returning, so Ctrl-C or SIGTERM at the
    prompt saved the call and then hung until Enter was pressed. A daemon thread of its own
    is left behind instead, and the process exits."""
    loop = asyncio.get_running_loop()
    line: asyncio.Future[str | None] = loop.create_future()

    def deliver(value: str | None, error: BaseException | None) -> None:
        if line.done():
            return  # the call ended while the caller was typing
        if error is not None:
            line.set_exception(error)
        else:
            line.set_result(value)

    def read() -> None:
        value: str | None = None
        error: BaseException | None = None
        try:
            value = _read_line()
        except Exception as exc:  # noqa: BLE001 - handed to the waiting coroutine
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: the command ended
            loop.call_soon_threadsafe(deliver, value, error)

    threading.Thread(target=read, name="chat-input", daemon=True).start()
    return await line


class _PipedLines:
    """Lines read from a standard input that is no terminal, straight from its descriptor.

    ``input()`` reads a pipe through ``sys.stdin``'s buffer, which holds a lock while the
    read waits. The reading thread is left blocked when Ctrl-C ends the chat, and the
    interpreter, closing ``sys.stdin`` as it exits, then found the lock held and aborted
    ("Fatal Python error: _enter_buffered_busy", exit 134 for the 130 the README promises).
    ``os.read`` on the descriptor holds no lock of Python's."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._pending = b""
        self._ended = False

    def readline(self) -> str | None:
        """The next line without its line ending; None once the input has ended."""
        while b"\n" not in self._pending and not self._ended:
            chunk = os.read(self._fd, 4096)
            self._ended = not chunk
            self._pending += chunk
        if not self._pending:
            return None
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8", errors="replace").removesuffix("\r")


_PIPED: dict[int, _PipedLines] = {}
"""The reader of each piped descriptor: what one read brought past a line ending is kept."""


def _piped_line() -> str | None:
    """The next line of a standard input that is no terminal (None at its end)."""
    try:
        fd = sys.stdin.fileno()
    except (OSError, ValueError):  # a stream of Python's own (a test runner's): no lock held
        said = sys.stdin.readline()
        return said.removesuffix("\n").removesuffix("\r") if said else None
    return _PIPED.setdefault(fd, _PipedLines(fd)).readline()


def _read_line() -> str | None:
    if sys.stdin.isatty():
        try:
            return input("you   > ")
        except EOFError:
            return None
    print("you   > ", end="", flush=True)
    line = _piped_line()
    if line is None:
        return None
    # lines piped in are not echoed by a terminal: show what was said, as the agent hears it
    # (an escape sequence in the file would otherwise drive the terminal)
    print(typed_turn(line))
    return line
