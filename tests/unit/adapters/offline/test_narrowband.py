"""A phone line's yes/no answers take Whisper's side (fake readers here): the same audio fed
at 8 kHz (a phone line) and at 16 kHz, through one stream as a call's audio goes."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import numpy.typing as npt
import pytest

from voice_agent.adapters.offline import audio, narrowband
from voice_agent.adapters.offline import recognizer as rec
from voice_agent.adapters.offline.tts import synthesize
from voice_agent.testing.fakes.readers import FakeDigitReader, FakeSentenceReader


@pytest.fixture(scope="module")
def config(config: rec.RecognizerConfig) -> rec.RecognizerConfig:
    cfg = config
    assert not cfg.narrowband_opinion  # opt-in
    return dataclasses.replace(cfg, narrowband_opinion=True)


@functools.cache
def _speech(text: str) -> npt.NDArray[np.int16]:
    samples, rate = synthesize(text, voice="en-us", rate=150)
    return audio.resample(samples, rate, 16000)


def _final(
    config: rec.RecognizerConfig,
    said: str,
    expect: rec.Expect,
    *,
    phone_line: bool,
    reader: FakeDigitReader,
    sentences: FakeSentenceReader | None = None,
) -> rec.Event:
    """The final transcript of ``said`` through one stream: at 8 kHz in the telephone band
    (``phone_line``) or at 16 kHz."""
    decoders = rec.DecoderSet(config, reader=reader, free_reader=sentences)
    stream = rec.StreamRecognizer(decoders)
    pause = audio.silence(0.5, 16000)
    samples = np.concatenate([pause, _speech(said), pause])
    rate = 16000
    if phone_line:
        samples, rate = audio.resample(audio.telephone_band(samples, 16000), 16000, 8000), 8000
    events = stream.feed(samples.tobytes(), flush=True, expect=expect, src_rate=rate)
    finals = [e for e in events if e.kind == "final" and e.text]
    assert len(finals) == 1, events
    assert stream.line.narrowband is phone_line
    return finals[0]


def test_an_answer_on_a_phone_line_takes_whispers_side_either_way(
    config: rec.RecognizerConfig,
) -> None:
    # Whisper hears a yes; the caller said no (as the fake has it, it is the one wrong)
    for phone_line in (True, False):
        reader = FakeDigitReader(side=True)
        final = _final(
            config, "no thank you", ("yes_no", None), phone_line=phone_line, reader=reader
        )
        heard = rec.grammars.answer_polarity(final.text)
        if phone_line:
            assert heard is True and final.source == narrowband.SOURCE, final
        else:  # on a wideband line Whisper only ever turns a yes into a no
            assert heard is not True and final.source != narrowband.SOURCE, final


def test_other_turns_on_a_phone_line_keep_pocketsphinxs_reading(
    config: rec.RecognizerConfig,
) -> None:
    # the tuning split: Whisper first lost on days and times, and on requests at 20 dB
    sure = FakeSentenceReader("i'd like to cancel my appointment on friday please", -0.1)
    reader = FakeDigitReader(digits="2025550199", side=True)
    final = _final(
        config,
        "i'd like to cancel my appointment on friday",
        ("date_time", None),
        phone_line=True,
        reader=reader,
        sentences=sure,
    )
    assert final.source != narrowband.SOURCE and "please" not in final.text


def test_off_a_yes_no_answer_on_a_phone_line_is_pocketsphinxs(
    config: rec.RecognizerConfig,
) -> None:
    off = dataclasses.replace(config, narrowband_opinion=False)
    final = _final(
        off, "no thank you", ("yes_no", None), phone_line=True, reader=FakeDigitReader(side=True)
    )
    assert final.source != narrowband.SOURCE


def test_the_side_taken() -> None:
    assert narrowband.answer_side(None, True) is None
    assert narrowband.answer_side(True, True) is None
    assert narrowband.answer_side(False, True) is False
