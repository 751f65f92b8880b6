"""Fakes of the offline recogniser's second readers (Whisper's, in production): each hears
what it is told to and counts the utterances it was given, so a test can say what the
second opinion heard and check whether it was asked at all.

- :class:`FakeDigitReader`: :class:`~voice_agent.adapters.offline.second_opinion.DigitReader`
  (a number's digits, the side of a yes/no answer);
- :class:`FakeSentenceReader`: :class:`~voice_agent.adapters.offline.free_opinion.SentenceReader`;
- :class:`FakeNameReader`: :class:`~voice_agent.adapters.offline.name_opinion.NameReader`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from voice_agent.adapters.offline import free_opinion, name_opinion, second_opinion

MIN_SAMPLES = 8000
"""Half a second at 16 kHz: what any utterance a reader is given holds at least."""


def _utterance(samples: npt.NDArray[np.int16]) -> None:
    assert samples.dtype == np.int16 and samples.size > MIN_SAMPLES, "not an utterance's audio"


class FakeDigitReader:
    """Hears ``digits`` in a number (written ``words``, when given: "Hang on, let me find
    it.") and ``side`` in a yes/no answer (written ``said``, when given: "Yeah, no, I'd
    rather not."); ``sure``: how sure it was of each digit (:meth:`scored`; every digit 0.99
    when not given)."""

    def __init__(
        self,
        digits: str = "",
        side: bool | None = None,
        *,
        words: str = "",
        sure: tuple[float, ...] | None = None,
        said: str | None = None,
    ) -> None:
        self.digits = digits
        self.said = said
        self.words = words
        self.side = side
        self.sure = sure
        self.calls = 0

    def read(self, samples: npt.NDArray[np.int16]) -> str:
        _utterance(samples)
        self.calls += 1
        return self.digits

    def transcript(self, samples: npt.NDArray[np.int16]) -> str:
        _utterance(samples)
        self.calls += 1
        return self.words or self.digits

    def answer(self, samples: npt.NDArray[np.int16]) -> bool | None:
        _utterance(samples)
        self.calls += 1
        if self.said is not None:
            return second_opinion.whisper_polarity(self.said)
        return self.side

    def answer_said(self, samples: npt.NDArray[np.int16]) -> str:
        _utterance(samples)
        self.calls += 1
        if self.said is not None:
            return self.said
        return {True: "Yes.", False: "No.", None: ""}[self.side]

    def scored(self, samples: npt.NDArray[np.int16]) -> second_opinion.Scored:
        text = self.transcript(samples)
        count = len(second_opinion.whisper_digits(text))
        sure = self.sure if self.sure is not None else (0.99,) * count
        return second_opinion.Scored(text, tuple(sure))


class FakeSentenceReader:
    """Hears ``text``, as sure of it as it is told to be."""

    def __init__(self, text: str, avg_logprob: float = -0.2, no_speech: float = 0.01) -> None:
        self.heard = free_opinion.Heard(text, avg_logprob, no_speech)
        self.calls = 0

    def hear(self, samples: npt.NDArray[np.int16]) -> free_opinion.Heard:
        _utterance(samples)
        self.calls += 1
        return self.heard


class FakeNameReader:
    """Hears ``name``, as sure of it as it is told to be."""

    def __init__(
        self, name: str = "", logprob: float = -0.3, *, busy: bool = False, spelled: str = ""
    ) -> None:
        """``busy``: as the shared reader is when another turn waits (it reads nothing);
        ``spelled``: what it reads at a spelling turn (as Whisper writes letters, "K-I-M.")."""
        self.heard = name_opinion.NOTHING if busy else name_opinion.Heard(name, logprob)
        self.spelled = name_opinion.NOTHING if busy else name_opinion.Heard(spelled, logprob)
        self.calls = 0

    def name(self, samples: npt.NDArray[np.int16]) -> name_opinion.Heard:
        _utterance(samples)
        self.calls += 1
        return self.heard

    def spelling(self, samples: npt.NDArray[np.int16]) -> name_opinion.Heard:
        _utterance(samples)
        self.calls += 1
        return self.spelled
