"""Batch STT fakes: one that always hears the same words, one that always fails."""

from __future__ import annotations

from livekit.agents import APIConnectionError, stt
from livekit.agents.language import LanguageCode
from livekit.agents.types import NOT_GIVEN, APIConnectOptions, NotGivenOr
from livekit.agents.utils import AudioBuffer


class FakeSTT(stt.STT):
    def __init__(self, transcript: str = "hello", *, provider: str = "fake-stt") -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self.transcript = transcript
        self.calls = 0
        self._provider = provider

    @property
    def provider(self) -> str:
        return self._provider

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        self.calls += 1
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            alternatives=[stt.SpeechData(language=LanguageCode("en"), text=self.transcript)],
        )


class FailingSTT(FakeSTT):
    def __init__(self) -> None:
        super().__init__(provider="broken-stt")

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        self.calls += 1
        raise APIConnectionError("stt unreachable", retryable=False)
