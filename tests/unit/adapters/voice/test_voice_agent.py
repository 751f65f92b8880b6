"""A transcript that comes late (the recogniser behind real time) never answers a yes/no
question the caller had not heard.

Voice calls in real time: Silero VAD on espeak-ng speech, fake STT/LLM/TTS. Nothing is timed
against a deadline but the generous bounds of the waits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import numpy as np
import pytest
from livekit.agents import llm
from livekit.plugins import silero

from voice_agent.adapters.offline.calls import RoomlessCall, start_roomless_call
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.adapters.voice.agent import SpokenTexts
from voice_agent.adapters.voice.providers import Providers
from voice_agent.bootstrap import Container
from voice_agent.testing.fakes import (
    FakeSTT,
    FakeTTS,
    Pacing,
    ScriptedLLM,
    Step,
    model_calls,
    model_says,
    receptionist_reply,
)

FRIDAY = "2026-11-27"
QUESTION = "The earliest I have is Friday the 27th at 10 AM. Shall I book it?"
BOUND = 20.0
"""The longest any wait here may take (a loaded machine); none is a measure."""


@pytest.fixture(scope="module")
def vad() -> silero.VAD:
    return silero.VAD.load()


def _books_on_yes() -> Callable[[llm.ChatContext, int], Step]:
    """A model that books Friday at 10 on whatever yes it is handed."""
    after_tool = receptionist_reply()

    def reply(chat_ctx: llm.ChatContext, n: int) -> Step:
        last = chat_ctx.items[-1] if chat_ctx.items else None
        if isinstance(last, llm.FunctionCallOutput):
            return after_tool(chat_ctx, n)
        if isinstance(last, llm.ChatMessage) and "yes" in (last.text_content or ""):
            return model_calls("book_appointment", {"date": FRIDAY, "time": "10:00"})
        return model_says("Sorry, could you say that again?")

    return reply


def _speech(text: str) -> tuple[np.ndarray, int]:
    return synthesize(text, voice="en-us+m3", rate=160)


async def _until(condition: Callable[[], Any], *, within: float = BOUND) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the call did not get there in time")
        await asyncio.sleep(0.05)


class _Call:
    def __init__(self, call: RoomlessCall, container: Container, user_id: Any) -> None:
        self.call = call
        self.container = container
        self.user_id = user_id
        self.caller_done = asyncio.Event()
        call.session.on("user_state_changed", self._on_user_state)

    def _on_user_state(self, ev: Any) -> None:
        if ev.old_state == "speaking" and ev.new_state == "listening":
            self.caller_done.set()

    async def caller_says(self, text: str) -> None:
        """Speak ``text`` and wait until the VAD has heard its end."""
        self.caller_done.clear()
        self.call.caller.say(*_speech(text))
        await asyncio.wait_for(self.caller_done.wait(), BOUND)

    def said(self, text: str) -> int:
        """How many times the agent said ``text`` to the end."""
        return sum(
            1
            for item in self.call.session.history.items
            if isinstance(item, llm.ChatMessage)
            and item.role == "assistant"
            and not item.interrupted
            and (item.text_content or "").strip() == text
        )

    def heard(self) -> list[str]:
        return [
            (item.text_content or "").strip()
            for item in self.call.session.history.items
            if isinstance(item, llm.ChatMessage) and item.role == "user"
        ]

    async def booked(self) -> list[Any]:
        return await self.container.scheduling.appointments(self.user_id)


async def _start(
    container: Container, stt: FakeSTT, vad: silero.VAD, *, tts: FakeTTS | None = None
) -> _Call:
    found = await container.scheduling.identify("1234567890", "John Smith")
    assert found.user is not None
    providers = Providers(
        llm=ScriptedLLM(reply=_books_on_yes()), stt=stt, tts=tts or FakeTTS(), vad=vad
    )
    call = await start_roomless_call(
        container.call_services(), providers, room_name="room-late", greeting=None
    )
    call.session.userdata.user_id = found.user.id
    return _Call(call, container, found.user.id)


async def test_a_yes_said_before_the_question_books_nothing_until_a_fresh_yes(
    container: Container, vad: silero.VAD
) -> None:
    stt = FakeSTT("yes please", delay=1.5)  # its final comes once the question is out
    call = await _start(container, stt, vad)
    try:
        await call.caller_says("yes please")
        await call.call.session.say(QUESTION)
        # the late "yes please" is not the answer: the question is asked again
        await _until(lambda: call.said(QUESTION) == 2 or stt.answered and call.said("All set."))
        assert await call.booked() == []
        assert call.said(QUESTION) == 2
        assert call.heard() == ["yes please"]  # still in the call's record

        stt.text, stt.delay = "yes", 0.2
        await call.caller_says("yes")
        await _until(lambda: call.said("All set."))
        (appointment,) = await call.booked()
        assert appointment.day.isoformat() == FRIDAY
    finally:
        await call.call.handle.aclose()
        call.call.caller.close()


async def test_a_late_yes_that_cuts_the_question_off_books_nothing(
    container: Container, vad: silero.VAD
) -> None:
    """The late transcript arrives while the question is still being said and interrupts it:
    the question is asked again."""
    stt = FakeSTT("yes please", delay=0.5)
    slow = FakeTTS(pacing=Pacing(seconds_per_char=0.08))  # the question takes over 5 s
    call = await _start(container, stt, vad, tts=slow)
    try:
        await call.caller_says("yes please")
        await call.call.session.say(QUESTION)  # returns once interrupted
        await _until(lambda: call.said(QUESTION) == 1 or stt.answered and call.said("All set."))
        assert await call.booked() == []
        assert call.said(QUESTION) == 1  # asked again, to the end
        assert any(
            isinstance(item, llm.ChatMessage) and item.interrupted
            for item in call.call.session.history.items
        )
    finally:
        await call.call.handle.aclose()
        call.call.caller.close()


LONG = (
    "Thanks, your account is set up. On Friday the 27th I have 10 AM or 11 AM, and after "
    "that nothing until Monday. Shall I book Friday the 27th at 10 AM?"
)
"""A reply that tells the caller something first and asks at its end."""


async def test_a_yes_that_cuts_in_before_the_question_books_nothing(
    container: Container, vad: silero.VAD
) -> None:
    """The caller talks over a long reply before it reaches its question (a yes to what came
    before it): the speech is cut off, and its question was never heard."""
    stt = FakeSTT("yes please", delay=0.2)
    slow = FakeTTS(pacing=Pacing(seconds_per_char=0.08))  # the question starts after 9 s
    call = await _start(container, stt, vad, tts=slow)
    try:
        call.call.session.say(LONG)
        await asyncio.sleep(1.0)  # into its first sentence
        await call.caller_says("yes please")
        await _until(lambda: call.said(LONG) == 1 or stt.answered and call.said("All set."))
        assert await call.booked() == []
        assert call.said(LONG) == 1  # said again, to the end
    finally:
        await call.call.handle.aclose()
        call.call.caller.close()


async def test_a_yes_said_after_the_question_books(container: Container, vad: silero.VAD) -> None:
    stt = FakeSTT("yes please", delay=1.5)  # as slow as above: only the order differs
    call = await _start(container, stt, vad)
    try:
        await call.call.session.say(QUESTION)
        await call.caller_says("yes please")
        await _until(lambda: call.said("All set."))
        (appointment,) = await call.booked()
        assert appointment.day.isoformat() == FRIDAY
        assert call.said(QUESTION) == 1
    finally:
        await call.call.handle.aclose()
        call.call.caller.close()


async def test_a_cut_off_speech_is_found_whole_by_what_was_played() -> None:
    spoken = SpokenTexts()

    async def words(*chunks: str) -> AsyncIterator[str]:
        for chunk in chunks:
            yield chunk

    for text in (("Hello. ",), ("The earliest I have ", "is Friday. ", "Shall I book it?")):
        assert [c async for c in spoken.tee(words(*text))] == list(text)
    assert spoken.whole("The earliest I  have is") == (
        "The earliest I have is Friday. Shall I book it?"
    )
    assert spoken.whole("Something never said") == "Something never said"
