"""Running a call from scripted lines or a recording: waiting for the agent's answer."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from voice_agent.adapters.offline.calls import (
    Answer,
    CallObserver,
    Patience,
    answer_time_said,
    await_answer,
    heard_as_said,
    play_line,
    run_call,
    start_roomless_call,
)
from voice_agent.adapters.voice.providers import Providers
from voice_agent.bootstrap import Container
from voice_agent.services.summaries import STOPPED_BY_USER
from voice_agent.testing.fakes import FakeTTS, Say, ScriptedLLM

# --- pacing: the scripted caller waits for the agent's answer to its line -------------------


class FakeAgent:
    """An agent on a fake clock: what it does is a script of timed changes, applied as the
    caller's waiting (``sleep``) moves the clock on. No real time passes."""

    def __init__(self) -> None:
        self.now = 0.0
        self._heard = 0
        self._replies = 0
        self._speech_starts = 0
        self._busy_until = 0.0
        self._replies_when_heard: list[int] = []
        self._unheard = 0
        self._script: list[tuple[float, str, float]] = []

    # the script
    def commit(self, at: float) -> FakeAgent:
        """The transcript of a caller turn is committed at ``at``."""
        self._script.append((at, "commit", 0.0))
        return self

    def unheard(self, at: float) -> FakeAgent:
        """The recogniser finishes a caller turn at ``at`` with no words in it (a tone)."""
        self._script.append((at, "unheard", 0.0))
        return self

    def voice(self, at: float) -> FakeAgent:
        """The voice activity detector hears the caller start speaking at ``at``."""
        self._script.append((at, "voice", 0.0))
        return self

    def speak(self, at: float, seconds: float) -> FakeAgent:
        """An audio segment starts at ``at`` and plays for ``seconds``."""
        self._script.append((at, "speak", seconds))
        return self

    def think(self, at: float, seconds: float) -> FakeAgent:
        self._script.append((at, "think", seconds))
        return self

    # the clock
    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        due = [s for s in self._script if s[0] <= self.now + 1e-9]
        self._script = [s for s in self._script if s[0] > self.now + 1e-9]
        for at, what, seconds_ in sorted(due):
            if what == "commit":
                self._heard += 1
                self._replies_when_heard.append(self._replies)
            if what == "speak":
                self._replies += 1
            if what == "unheard":
                self._unheard += 1
            if what == "voice":
                self._speech_starts += 1
            self._busy_until = max(self._busy_until, at + seconds_)

    # AgentProbe
    def heard_count(self) -> int:
        return self._heard

    def replies_started(self) -> int:
        return self._replies

    def replies_when_heard(self, turn: int) -> int:
        return self._replies_when_heard[turn]

    def speech_starts(self) -> int:
        return self._speech_starts

    def busy(self) -> bool:
        return self.now < self._busy_until

    def unheard_count(self) -> int:
        return self._unheard

    def decoding(self) -> bool:
        return False


PATIENCE = Patience(heard=90.0, reply=30.0, finish=120.0, settle=0.4, unheard=3.0, unvoiced=5.0)


async def _answer(
    agent: FakeAgent, patience: Patience = PATIENCE, *, speech_before: int | None = None
) -> Answer:
    return await await_answer(
        agent,
        heard_before=0,
        patience=patience,
        speech_before=speech_before,
        clock=agent.clock,
        sleep=agent.sleep,
    )


async def test_a_request_to_repeat_before_the_transcript_is_not_the_answer() -> None:
    """On a loaded machine the session's transcription timeout asks the caller to repeat
    ("Sorry, I didn't catch that") before the slow transcript arrives, and the agent then
    answers the transcript: the caller that took the first audio for the answer spoke its
    next line over the real answer, and the call fell a turn out of step."""
    agent = FakeAgent().speak(2.0, 2.0).commit(5.0).think(5.0, 0.3).speak(5.3, 4.0)
    answer = await _answer(agent)
    assert answer.heard and answer.replied
    assert answer.reply_segment == 1  # the segment after the transcript, not the request
    assert agent.now >= 9.3 + PATIENCE.settle  # the answer has been played to its end


async def test_a_transcript_slower_than_the_reply_timeout_is_still_waited_for() -> None:
    agent = FakeAgent().commit(60.0).speak(60.5, 3.0)
    answer = await _answer(agent)
    assert answer.heard and answer.replied
    assert agent.now >= 63.5 + PATIENCE.settle


async def test_a_line_that_is_never_heard_is_reported_not_heard() -> None:
    agent = FakeAgent().speak(2.0, 2.0)  # only the request to repeat
    answer = await _answer(agent)
    assert not answer.heard
    assert not answer.replied
    assert agent.now < PATIENCE.heard + PATIENCE.finish + 1.0  # gave up, did not hang


async def test_a_line_the_recogniser_found_no_words_in_ends_with_the_request_to_repeat() -> None:
    """A fax beep or a dial tone played as a caller turn: the recogniser decodes it to no
    words, the session asks the caller to repeat 2 s later, and the scripted caller waited
    out the whole "heard" patience (56 s at load 3.7 on 2 cores) for a transcript that could
    not come."""
    agent = FakeAgent().unheard(0.8).speak(2.0, 2.0)
    answer = await _answer(agent)
    assert not answer.heard
    assert answer.replied and answer.reply_segment == 0  # the request to repeat
    assert 4.0 + PATIENCE.settle <= agent.now < 6.0  # played to its end, and no longer


async def test_a_tone_the_vad_did_not_take_for_speech_ends_the_turn_soon() -> None:
    """No transcript and no request to repeat will come: the turn ends once all is quiet."""
    agent = FakeAgent().unheard(1.0)
    answer = await _answer(agent)
    assert not answer.heard and not answer.replied and answer.unheard
    assert agent.now < 1.0 + PATIENCE.unheard + PATIENCE.settle + 0.5


async def test_words_after_a_turn_of_noise_are_still_heard_and_answered() -> None:
    agent = FakeAgent().unheard(0.5).commit(1.5).speak(1.8, 3.0)
    answer = await _answer(agent)
    assert answer.heard and answer.replied and answer.reply_segment == 0
    assert agent.now >= 4.8 + PATIENCE.settle


async def test_a_line_with_no_speech_for_the_detector_is_given_up_on_soon() -> None:
    """A click or a breath in a recording, cut out as a turn of its own (or a file cut off
    0.1 s in), is too short for the voice activity detector: no transcript can come, and
    `call --audio` waited 90-140 s for one on a loaded machine, saying nothing."""
    agent = FakeAgent()
    answer = await _answer(agent, speech_before=0)
    assert not answer.heard and not answer.voiced
    assert agent.now < PATIENCE.unvoiced + 1.0


async def test_a_voiced_line_with_a_slow_transcript_is_still_waited_for() -> None:
    agent = FakeAgent().voice(0.3).commit(60.0).speak(60.5, 3.0)
    answer = await _answer(agent, speech_before=0)
    assert answer.heard and answer.replied and answer.voiced
    assert agent.now >= 63.5 + PATIENCE.settle


async def test_speech_heard_while_the_line_played_counts() -> None:
    """The detector heard the line before the wait began: its count is already past."""
    agent = FakeAgent().commit(20.0).speak(20.5, 1.0)
    agent._speech_starts = 1
    answer = await _answer(agent, speech_before=0)
    assert answer.heard and answer.replied


async def test_a_heard_line_without_an_answer_is_reported_unanswered() -> None:
    agent = FakeAgent().commit(1.0)
    answer = await _answer(agent)
    assert answer.heard
    assert not answer.replied
    assert answer.reply_segment is None


async def test_a_quiet_moment_shorter_than_the_settle_is_not_the_end() -> None:
    """An answer in two parts (a tool's reply after a first sentence) with a short gap."""
    agent = FakeAgent().commit(1.0).speak(1.2, 2.0).speak(3.5, 2.0)
    await _answer(agent)
    assert agent.now >= 5.5 + PATIENCE.settle


def test_patience_grows_with_the_load_of_the_machine() -> None:
    base = Patience(heard=30.0, reply=30.0, finish=60.0, settle=0.4)
    assert Patience.for_load(base, load=1.0, cpus=2) == base
    slow = Patience.for_load(base, load=12.0, cpus=2)
    assert slow.heard == 180.0 and slow.reply == 180.0 and slow.finish == 360.0
    assert slow.unvoiced == base.unvoiced * 6
    assert base.settle < slow.settle <= 2.0


class _Speech:
    def __init__(self) -> None:
        self.finished = False

    def done(self) -> bool:
        return self.finished


def _event(**fields: object) -> Any:
    return SimpleNamespace(**fields)


def test_a_reply_queued_behind_another_keeps_the_agent_busy() -> None:
    """Between two speeches (a request to repeat, then the answer to the late transcript)
    the agent is "listening" with nothing playing: only the queued speech says it is not
    done."""
    observer = CallObserver()
    observer.on_state(_event(new_state="listening"))
    assert not observer.busy()
    queued = _Speech()
    observer.on_speech(_event(speech_handle=queued))
    assert observer.busy()
    queued.finished = True
    assert not observer.busy()


def test_a_caller_still_speaking_to_the_vad_keeps_the_turn_open() -> None:
    observer = CallObserver()
    observer.on_state(_event(new_state="listening"))
    observer.on_user_state(_event(new_state="speaking"))
    assert observer.busy()
    observer.on_user_state(_event(new_state="listening"))
    assert not observer.busy()


# --- what the terminal shows of a turn ------------------------------------------------------


def test_a_recognisers_doubt_about_a_number_is_shown_in_words() -> None:
    """`call` printed "heard as: nine eight seven ... zero (number one reader)": the mark
    the recogniser leaves for the dialogue, which tells a user nothing."""
    shown = heard_as_said(["nine eight seven six five four three two one zero (number one reader)"])
    assert shown == (
        "nine eight seven six five four three two one zero (only one of the two recognisers "
        "heard this number: asked again before an account is opened)"
    )
    weak = heard_as_said(
        ["six one seven five five five zero one four two (number weak: last four)"]
    )
    assert "(number weak" not in weak and "a digit of the last four was heard faintly" in weak
    unsure = heard_as_said(["six one seven five five five zero one four two (number unsure)"])
    assert unsure.endswith("(the recognisers heard different numbers: asked again)")
    assert heard_as_said(["yes that", "right"]) == "yes that / right"


def test_how_long_the_agent_took_is_said_in_words_never_below_zero() -> None:
    """`call` printed "[5124 ms]" beside each turn, never saying what it measured, and
    "[-11946 ms]" for a recording's part the agent answered while it still played."""
    assert answer_time_said(5.124) == "answered in 5.1 s"
    assert answer_time_said(-11.946) == "answered before it ended"
    assert answer_time_said(None) == "no reply"


# --- a call stopped mid-way (Ctrl-C, SIGTERM) ------------------------------------------------


@pytest.mark.parametrize(
    ("cancel_message", "reason", "summary"),
    [
        (None, "job_shutdown", "The call was closed by the server."),
        (STOPPED_BY_USER, "stopped_by_user", "The call was stopped by the user (Ctrl-C)."),
    ],
    ids=["SIGTERM", "Ctrl-C"],
)
async def test_a_call_stopped_mid_way_keeps_its_recording_and_record_so_far(
    container: Container, tmp_path: Path, cancel_message: str | None, reason: str, summary: str
) -> None:
    """`voice-agent call` stopped with Ctrl-C wrote the record but no recording, and said
    nothing of either: the minute of audio heard so far was lost. Its summary said "closed by
    the server" though the user had stopped it: the command line's Ctrl-C cancels the call
    with STOPPED_BY_USER."""
    providers = Providers(llm=ScriptedLLM([Say("Hello, how can I help?")]), tts=FakeTTS())
    rate = 16_000
    # a minute of a low mains hum on the caller's line: loud enough to be played as the
    # caller's turn (all-zero audio has no turn, and the call then ended by itself within
    # seconds, racing the stop), no speech for the recogniser
    hum = 600 * np.sin(2 * np.pi * 50 * np.arange(rate * 60) / rate)
    recording = (hum.astype(np.int16), rate)
    printed: list[str] = []
    call = asyncio.create_task(
        run_call(
            container.call_services(),
            providers,
            name="stopped",
            recording=recording,
            out_dir=tmp_path,
            printer=printed.append,
            room_name="room-stopped",
        )
    )
    for _ in range(1200):  # the greeting has been said and the caller's turn is playing
        if any(line.startswith("  caller: ") for line in printed):
            break
        await asyncio.sleep(0.05)
    assert any(line.startswith("  caller: ") for line in printed), printed
    await asyncio.sleep(1.0)
    assert not call.done()
    call.cancel(cancel_message)
    with pytest.raises(asyncio.CancelledError):
        await call

    wav_path = tmp_path / "stopped.wav"
    with wave.open(str(wav_path)) as wav:
        assert wav.getnchannels() == 2 and wav.getnframes() > 0
    assert printed[-1] == (
        f"  (stopped: the call so far is in {wav_path}, its transcript in the database)"
    )
    record = await container.store.conversations.latest_for_room("room-stopped")
    assert record is not None and record.end_reason == reason
    assert record.summary is not None and record.summary.endswith(summary), record.summary
    # the greeting, said before the stop; the hum is no speech, so the caller has no turn
    assert [t["text"] for t in record.transcript] == [container.call_services().greeting]


# --- nothing on the call path waits for ever ------------------------------------------------


class _Decoding(FakeAgent):
    """A recogniser that lost a flush (its worker died) and says it is decoding for ever."""

    def decoding(self) -> bool:
        return True


async def test_a_line_with_no_words_and_a_recogniser_stuck_decoding_is_given_up_on() -> None:
    agent = _Decoding().voice(0.5).unheard(1.0)
    answer = await _answer(agent, speech_before=0)
    assert not answer.heard and not answer.replied and answer.unheard
    # it gave up after the patience for a transcript, not never
    assert PATIENCE.heard <= agent.now <= 1.0 + PATIENCE.heard + PATIENCE.finish + 1.0


def _hum(seconds: float, rate: int = 16_000) -> np.ndarray:
    return (600 * np.sin(2 * np.pi * 50 * np.arange(int(rate * seconds)) / rate)).astype(np.int16)


async def test_a_caller_line_outlasting_the_session_ends_when_the_session_closes(
    container: Container,
) -> None:
    """The agent ended the call (or the session closed on an error) while the caller's line
    still played: the session stopped taking its frames, and the wait for the line to be
    said never ended (a whole recorded round hung, idle). It ends with the session now."""
    providers = Providers(llm=ScriptedLLM([Say("Hello, how can I help?")]), tts=FakeTTS())
    call = await start_roomless_call(
        container.call_services(), providers, room_name="room-closed-mid-line", greeting=None
    )
    try:
        playing = asyncio.create_task(
            play_line(call.caller, _hum(30.0), 16_000, patience=Patience(heard=30.0))
        )
        await asyncio.sleep(0.5)
        assert not playing.done()
        conversation = await call.handle.aclose()
        assert await asyncio.wait_for(playing, 5.0) is True  # let go of, not timed out
        assert conversation.end_reason
    finally:
        call.caller.close()
        await call.output.aclose()


async def test_a_line_the_session_never_takes_is_given_up_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A caller input nobody reads (a session that stopped taking audio without detaching
    it): the wait ends the line's length plus the patience after, logged."""
    from voice_agent.adapters.offline.call_io import ScriptedCallerInput, Timeline

    caller = ScriptedCallerInput(Timeline())
    started = asyncio.get_running_loop().time()
    with caplog.at_level("ERROR"):
        played = await play_line(caller, _hum(0.2), 16_000, patience=Patience(heard=0.3))
    assert played is False
    assert 0.5 <= asyncio.get_running_loop().time() - started < 3.0
    assert any(getattr(r, "wait", None) == "caller_line" for r in caplog.records), caplog.records
