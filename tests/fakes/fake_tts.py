"""Chunked TTS fakes: one that renders silence (10 ms per character), one that fails."""

from __future__ import annotations

from livekit.agents import APIConnectionError, tts
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions

SAMPLE_RATE = 16000


class FakeTTS(tts.TTS):
    def __init__(self, *, provider: str = "fake-tts") -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False),
            sample_rate=SAMPLE_RATE,
            num_channels=1,
        )
        self.texts: list[str] = []
        self._provider = provider

    @property
    def provider(self) -> str:
        return self._provider

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> tts.ChunkedStream:
        self.texts.append(text)
        return _Chunked(tts=self, input_text=text, conn_options=conn_options)


class FailingTTS(FakeTTS):
    def __init__(self) -> None:
        super().__init__(provider="broken-tts")


class _Chunked(tts.ChunkedStream):
    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        if isinstance(self._tts, FailingTTS):
            raise APIConnectionError("tts unreachable", retryable=False)
        output_emitter.initialize(
            request_id="fake", sample_rate=SAMPLE_RATE, num_channels=1, mime_type="audio/pcm"
        )
        samples = SAMPLE_RATE // 100 * max(1, len(self.input_text))
        output_emitter.push(b"\x00\x00" * samples)
        output_emitter.flush()
