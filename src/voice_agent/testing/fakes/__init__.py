"""Hand-written fakes of the ports and engines, shared by the tests and the benchmarks.

* :class:`ScriptedLLM` - a ``llm.LLM`` answering from a script of steps (:class:`Say`,
  :class:`Call`, :class:`Fail`) or from a reply policy, after an optional delay;
* :class:`FakeSTT` - a streaming ``stt.STT`` (manual flush, like a cloud STT finalising after
  end of speech) that hears what it is told to, after an optional delay;
* :class:`DecodingSTT` - a FakeSTT that also says whether it is still decoding (as the
  offline recogniser does);
* :class:`ToneSTT` - a FakeSTT that counts the steady tones it gave no words for, as the
  offline recogniser does;
* :class:`FakeTTS` - a ``tts.TTS`` rendering a quiet tone, at once or paced like a cloud TTS
  (:class:`Pacing`, ``CLOUD_LIKE``);
* :class:`FakeStore` - the ``Store`` port over dicts, with the database's rules (no double
  booking, unique codes); ``tests/integration/storage`` runs the same contract over it as
  over SQLite and PostgreSQL.

Every engine fake can fail on chosen requests (``fail_on={2}``, or ``EVERY``) with
``APIConnectionError`` and records when it did what (``events``, for latency breakdowns).

Imported from their own modules: ``readers`` (the offline recogniser's second readers),
``recognition`` (its worker pool, for the streams' failure paths), ``room`` (a LiveKit room's
events and a phone caller's keypad) and ``timer`` (a clock in seconds a test moves).
"""

from voice_agent.testing.fakes.base import EVERY, Stamp
from voice_agent.testing.fakes.llm import (
    Call,
    Fail,
    FailingLLM,
    ReplyFn,
    Request,
    Say,
    ScriptedLLM,
    Step,
    model_calls,
    model_says,
    receptionist_reply,
)
from voice_agent.testing.fakes.speech import (
    CLOUD_LIKE,
    INSTANT,
    DecodingSTT,
    FailingSTT,
    FailingTTS,
    FakeSTT,
    FakeTTS,
    Pacing,
    ToneSTT,
)
from voice_agent.testing.fakes.store import FakeStore

__all__ = [
    "CLOUD_LIKE",
    "EVERY",
    "DecodingSTT",
    "INSTANT",
    "Call",
    "Fail",
    "FailingLLM",
    "FailingSTT",
    "FailingTTS",
    "FakeSTT",
    "FakeStore",
    "FakeTTS",
    "Pacing",
    "ReplyFn",
    "Request",
    "Say",
    "ScriptedLLM",
    "Stamp",
    "Step",
    "ToneSTT",
    "model_calls",
    "model_says",
    "receptionist_reply",
]
