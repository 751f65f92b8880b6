"""A recording of the caller's side for ``call --audio``: cut into turns, and what is wrong
with it said before the call, which runs in real time."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from voice_agent.adapters.offline.audio import write_wav
from voice_agent.adapters.offline.recording import caller_turns, load_recording, split_utterances

RATE = 16_000


def _tone(seconds: float) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return (8000 * np.sin(2 * np.pi * 220 * t)).astype(np.int16)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds), dtype=np.int16)


def _notes(tmp_path: Path, samples: np.ndarray) -> list[str]:
    path = tmp_path / "caller.wav"
    write_wav(path, samples, RATE)
    notes: list[str] = []
    load_recording(path, notes=notes)
    return notes


def test_a_recording_without_speech_is_said_to_be_silent(tmp_path: Path) -> None:
    """A silent file (a muted microphone, the wrong channel) ran a whole call that heard
    nothing, with no word of why."""
    (note,) = _notes(tmp_path, _silence(5))
    assert note.startswith("no speech in it")
    assert "check" in note


def test_one_long_turn_without_pauses_is_pointed_out(tmp_path: Path) -> None:
    """Turns are cut at pauses of a second or more: a file with none is one turn, and the
    agent answers only once it has ended."""
    (note,) = _notes(tmp_path, np.concatenate([_silence(0.5), _tone(25), _silence(0.5)]))
    assert re.search(r"one turn of 2[56] s", note), note  # with the pause kept around it
    assert "a second of silence between" in note


def test_a_short_single_turn_needs_no_note(tmp_path: Path) -> None:
    assert _notes(tmp_path, np.concatenate([_silence(0.5), _tone(6), _silence(0.5)])) == []


def test_turns_separated_by_pauses_need_no_note(tmp_path: Path) -> None:
    turns = [_tone(3), _silence(1.5), _tone(2), _silence(1.5), _tone(1)]
    assert _notes(tmp_path, np.concatenate(turns)) == []


def test_a_long_wait_between_turns_is_said_not_to_be_kept(tmp_path: Path) -> None:
    """A caller who waited 20 s in the recording (for an agent on the other end, say) heard
    nothing of it: the call plays each part once the agent has answered, and the wait was
    dropped without a word."""
    turns = [_tone(2), _silence(1.5), _tone(2), _silence(20), _tone(1.5)]
    (note,) = _notes(tmp_path, np.concatenate(turns))
    assert re.search(r"the 20 s pause after part 2 \(at 6 s\) is not kept", note), note
    assert "as soon as the agent has answered" in note


def test_recording_is_cut_at_long_pauses() -> None:
    rate = 16_000
    voice = np.full(8000, 4000, np.int16)  # 0.5 s of "speech"
    short_pause = np.zeros(8000, np.int16)  # 0.5 s: same utterance
    long_pause = np.zeros(32000, np.int16)  # 2 s: next utterance
    recording = np.concatenate([long_pause, voice, short_pause, voice, long_pause, voice])
    pieces = split_utterances(recording, rate)
    assert len(pieces) == 2
    assert all(np.abs(p).max() == 4000 for p in pieces)
    assert pieces[0].size >= 24000 > pieces[1].size >= 8000
    assert split_utterances(np.zeros(rate, np.int16), rate) == []


def _hiss(seconds: float, peak: int, seed: int = 0) -> np.ndarray:
    """Steady background noise (a fan, a street) peaking at about ``peak``."""
    noise = np.random.default_rng(seed).standard_normal(int(RATE * seconds))
    return (noise * peak / 3).clip(-peak, peak).astype(np.int16)


def _words(seconds: float) -> np.ndarray:
    """Speech-like: syllables of a tone with short gaps between them (under a second)."""
    syllable = np.concatenate([_tone(0.25), _silence(0.15)])
    return np.tile(syllable, int(seconds / 0.4))


def test_turns_are_cut_at_pauses_under_steady_background_noise() -> None:
    """With a fixed -40 dBFS threshold, a hiss 20 dB under the voice was "voice" all through:
    a caller's three turns with 2 s pauses between them played as one turn of 12 s, and the
    agent answered only after all of it (the warning blamed the caller for leaving no
    pauses)."""
    said = np.concatenate([_words(2), _silence(2), _words(3), _silence(2), _words(1.2)])
    noisy = np.clip(said.astype(np.int32) + _hiss(said.size / RATE, 800), -32768, 32767)
    pieces = split_utterances(noisy.astype(np.int16), RATE)
    assert len(pieces) == 3
    for piece, words in zip(pieces, (2, 3, 1.2), strict=True):  # each with its half pauses
        assert words <= piece.size / RATE <= words + 1.1


def test_a_recording_that_is_all_voice_is_still_voice() -> None:
    """The noise level is taken from the quiet moments: a file with none is not all noise."""
    (piece,) = split_utterances(_tone(12), RATE)
    assert piece.size == 12 * RATE


def test_noise_too_close_to_the_voice_to_find_the_pauses_is_said(tmp_path: Path) -> None:
    said = np.concatenate([_words(6), _silence(2), _words(6)])
    noisy = np.clip(said.astype(np.int32) + _hiss(said.size / RATE, 6000), -32768, 32767)
    (note,) = _notes(tmp_path, noisy.astype(np.int16))
    assert note.startswith("it is one turn of 14 s"), note
    assert "background noise this loud next to the voice" in note


def _half_second_apart(parts: int) -> np.ndarray:
    pieces = [_silence(0.5)]
    for n in range(parts):
        pieces += [_tone(2.0 + 0.5 * (n % 3)), _silence(0.6)]
    return np.concatenate(pieces)


def test_turns_half_a_second_apart_are_played_as_turns(tmp_path: Path) -> None:
    """Seven turns 0.6 s apart (under the second a turn is cut at) were one 18 s turn: the
    agent's voice activity detector ended a turn sooner and answered parts while the rest
    played on: answers to the wrong questions, and no booking. They are cut at the shorter
    pauses, and the caller is told so and how to make a surer cut."""
    samples = _half_second_apart(7)
    assert len(split_utterances(samples, RATE)) == 1
    assert len(caller_turns(samples, RATE)) == 7
    (note,) = _notes(tmp_path, samples)
    assert "cut at its half-second pauses, into 7 turns" in note, note
    assert "a second of silence between" in note


def test_a_short_recording_with_short_pauses_stays_one_turn() -> None:
    """Under ten seconds, pauses of half a second are a caller's breath inside one turn."""
    samples = _half_second_apart(2)
    assert len(caller_turns(samples, RATE)) == 1


def test_turns_a_second_apart_are_cut_as_before() -> None:
    turns = [_tone(3), _silence(1.5), _tone(2), _silence(0.6), _tone(2), _silence(1.5), _tone(1)]
    samples = np.concatenate(turns)
    assert len(caller_turns(samples, RATE)) == len(split_utterances(samples, RATE)) == 3
