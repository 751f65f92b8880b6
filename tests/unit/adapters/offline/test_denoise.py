"""The noise-reduction front end of a noisy line's digit turns: what it learns of the line,
what it takes out, and which reader hears the filtered audio (fake Whisper here)."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, denoise
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.testing.fakes.readers import FakeDigitReader

RATE = 16000


@functools.cache
def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, RATE)


def _line(snr_db: float | None, said: str = "six one seven five five five oh one two three"):
    """A caller's turn on a line: half a second of the line, the words, half a second more;
    white noise ``snr_db`` below the speech (None: a silent line). Returns (noisy, clean)."""
    pause = audio.silence(0.5, RATE)
    clean = np.concatenate([pause, _speech(said), pause])
    if snr_db is None:
        return clean, clean
    return audio.add_white_noise(clean, snr_db, seed=3), clean


def _snr(signal: npt.NDArray[np.int16], clean: npt.NDArray[np.int16]) -> float:
    ref = clean.astype(np.float64)
    error = signal.astype(np.float64) - ref
    return float(10 * np.log10((ref**2).sum() / (error**2).sum()))


def test_what_the_filter_does_not_need_to_take_it_leaves_as_it_was() -> None:
    rng = np.random.default_rng(0)
    samples = rng.normal(0, 2000, RATE).astype(np.int16)
    out = denoise.reduce_noise(samples, np.full(denoise.FRAME // 2 + 1, 1e-6), floor=1.0)
    assert out.size == samples.size
    assert np.array_equal(out, samples)


def test_it_learns_how_noisy_the_line_is() -> None:
    estimates = {}
    for snr in (10.0, 20.0, None):
        noisy, _ = _line(snr)
        reducer = denoise.NoiseReducer()
        for start in range(0, noisy.size, 1600):  # 100 ms at a time, as a call's audio comes
            reducer.observe(noisy[start : start + 1600])
        estimates[snr] = reducer.snr_db
    ten, twenty, silent = estimates[10.0], estimates[20.0], estimates[None]
    assert ten is not None and twenty is not None
    # a silent line: only the quiet of the words themselves to learn from
    assert 6 < ten < 15 < twenty < 26 < (silent or 99.0), estimates


def test_a_noisy_turn_comes_out_cleaner() -> None:
    noisy, clean = _line(10.0)
    reducer = denoise.NoiseReducer()
    reducer.observe(noisy)
    noise = reducer.snapshot()
    assert noise is not None
    out = denoise.reduce_noise(noisy, noise)
    assert _snr(out, clean) > _snr(noisy, clean) + 3


def test_as_it_comes_or_all_at_once_the_same() -> None:
    noisy, _ = _line(10.0)
    reducer = denoise.NoiseReducer()
    reducer.observe(noisy[:8000])
    noise = reducer.snapshot()
    assert noise is not None
    whole = denoise.reduce_noise(noisy, noise)
    stream = denoise.NoiseFilter(noise)
    parts = [stream.push(noisy[i : i + 1600]) for i in range(0, noisy.size, 1600)]
    parts.append(stream.push(np.zeros(denoise.FRAME, dtype=np.int16)))
    joined = np.concatenate(parts)[denoise.HOP : denoise.HOP + noisy.size]
    assert np.array_equal(joined, whole)


class _Heard(FakeDigitReader):
    """A fake Whisper that keeps the audio of each number it was asked to read."""

    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.samples: list[npt.NDArray[np.int16]] = []

    def scored(self, samples: npt.NDArray[np.int16]) -> rec.second_opinion.Scored:
        self.samples.append(samples.copy())
        return super().scored(samples)


def _turns(
    config: rec.RecognizerConfig, mode: str, snr_db: float | None, expect: rec.Expect
) -> tuple[rec.StreamRecognizer, _Heard]:
    """An opening request, then one more turn at ``expect``, on one line."""
    cfg = dataclasses.replace(config, denoise=mode)
    reader = _Heard("6175550123")
    stream = rec.StreamRecognizer(rec.DecoderSet(cfg, reader=reader))
    for said, want in (("i need to book an appointment", ("request", None)), (None, expect)):
        noisy, _ = _line(snr_db, said) if said else _line(snr_db)
        for start in range(0, noisy.size, 1600):
            stream.feed(noisy[start : start + 1600].tobytes(), expect=want)
        stream.feed(b"", flush=True, expect=want)
    return stream, reader


def _quiet(samples: npt.NDArray[np.int16]) -> float:
    """The power of the line's own sound in the last 0.2 s of a turn (after the words)."""
    tail = samples[-int(0.2 * RATE) :].astype(np.float64)
    return float(np.mean(tail**2))


@pytest.fixture(scope="module")
def heard(config: rec.RecognizerConfig) -> dict[tuple[str, float | None], _Heard]:
    return {
        (mode, snr): _turns(config, mode, snr, ("phone", 10))[1]
        for mode in (rec.DENOISE_OFF, rec.DENOISE_WHISPER, rec.DENOISE_SPHINX, rec.DENOISE_BOTH)
        for snr in (10.0, None)
    }


def test_off_by_default(config: rec.RecognizerConfig) -> None:
    assert config.denoise == rec.DENOISE_OFF
    assert rec.StreamRecognizer(rec.DecoderSet(config)).reducer is None
    on = dataclasses.replace(config, denoise=rec.DENOISE_BOTH)
    assert rec.StreamRecognizer(rec.DecoderSet(on)).reducer is not None


def test_a_silent_line_before_the_first_words_is_a_quiet_line() -> None:
    # held-out: a clean line's first number was filtered, the first words learned as noise
    noisy, _ = _line(None)
    reducer = denoise.NoiseReducer()
    reducer.observe(noisy[: int(1.5 * RATE)])  # half a second of silence, a second of words
    assert reducer.snr_db is None or reducer.snr_db > 26


def test_whisper_hears_a_noisy_lines_number_filtered_where_it_is_to(
    heard: dict[tuple[str, float | None], _Heard],
) -> None:
    raw = _quiet(heard[rec.DENOISE_OFF, 10.0].samples[-1])
    for mode in (rec.DENOISE_WHISPER, rec.DENOISE_BOTH):
        assert _quiet(heard[mode, 10.0].samples[-1]) < raw / 10, mode
    # pocketsphinx alone filtered: Whisper hears the line as it came
    assert _quiet(heard[rec.DENOISE_SPHINX, 10.0].samples[-1]) > raw / 2


def test_a_quiet_line_is_heard_as_it_came(
    heard: dict[tuple[str, float | None], _Heard],
) -> None:
    off = heard[rec.DENOISE_OFF, None].samples[-1]
    for mode in (rec.DENOISE_WHISPER, rec.DENOISE_SPHINX, rec.DENOISE_BOTH):
        assert np.array_equal(heard[mode, None].samples[-1], off), mode


def test_pocketsphinx_hears_a_noisy_lines_number_filtered_where_it_is_to(
    config: rec.RecognizerConfig,
) -> None:
    for mode, filtered in (
        (rec.DENOISE_SPHINX, True),
        (rec.DENOISE_BOTH, True),
        (rec.DENOISE_WHISPER, False),
    ):
        cfg = dataclasses.replace(config, denoise=mode)
        stream = rec.StreamRecognizer(rec.DecoderSet(cfg, reader=_Heard("6175550123")))
        noisy, _ = _line(10.0, "i need to book an appointment")
        stream.feed(noisy.tobytes(), flush=True, expect=("request", None))
        noise = stream._noise_to_filter(rec.grammars.search_for(rec.listening_of(("phone", 10))))
        assert noise is not None
        utt = rec.Utterance(stream.decoders, f"{rec.grammars.PHONE_SEARCH}10", noise=noise)
        assert (utt.noise_filter is not None) is filtered, mode
        utt.stop()


def test_only_digit_turns_are_filtered(config: rec.RecognizerConfig) -> None:
    cfg = dataclasses.replace(config, denoise=rec.DENOISE_BOTH)
    stream = rec.StreamRecognizer(rec.DecoderSet(cfg, reader=_Heard("6175550123")))
    noisy, _ = _line(10.0, "i need to book an appointment")
    stream.feed(noisy.tobytes(), flush=True, expect=("request", None))
    for expect in (("yes_no", None), ("date_time", None), ("request", None), ("name", None)):
        search = rec.grammars.search_for(rec.listening_of(expect))
        assert stream._noise_to_filter(search) is None, expect
    for digits in (10, 3, 4):
        search = rec.grammars.search_for(rec.listening_of(("phone", digits)))
        assert stream._noise_to_filter(search) is not None, digits
    quieter = dataclasses.replace(cfg, denoise_below=5.0)
    stream = rec.StreamRecognizer(rec.DecoderSet(quieter, reader=_Heard("6175550123")))
    stream.feed(noisy.tobytes(), flush=True, expect=("request", None))
    assert stream._noise_to_filter(f"{rec.grammars.PHONE_SEARCH}10") is None
