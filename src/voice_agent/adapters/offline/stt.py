"""Embedded speech-to-text: pocketsphinx behind the livekit-agents ``stt.STT`` interface.

``PocketSphinxSTT`` plugs into an ``AgentSession`` like a cloud STT. It is a streaming STT
(``capabilities.streaming=True``) so the session feeds it audio continuously; it also sets
``capabilities.manual_flush=True`` so that, with a VAD or turn detector in the session, the
framework flushes the stream at end of speech and gets a FINAL_TRANSCRIPT for the utterance
right away. Without that, a built-in endpointer (pocketsphinx's WebRTC VAD) segments the
audio itself and emits START_OF_SPEECH / END_OF_SPEECH and finals on its own.

Recognition choices (see the module constants for the values and bench/stt_wer.py for the
measurements behind them):

* Domain trigram LM built by :mod:`.language_model` with a restricted dictionary (decoder
  loads in ~15 ms); the general ``en-us.lm.bin`` runs alongside it as a fallback
  (``fallback=True``): both decode the same audio and the general result wins only when its
  path score beats the domain path score by a margin, which happens for out-of-domain speech.
* A low-level noise floor is mixed into every buffer. pocketsphinx's noise-removal front end
  misbehaves on exact digital silence (padding, synthetic or gated audio): on a 16-utterance
  espeak set, domain-LM WER went from 52% with no floor to 31% (std 10) and 29% (std 30).
* Each utterance is padded with ~300 ms of (floor-level) audio before and after, and cepstral
  mean normalisation starts from a typical value (``cmninit``) instead of the model default, so
  the first utterance of a call is not decoded with a wildly wrong mean.
* Decoding is CPU-bound and pocketsphinx holds the GIL, so it runs in a worker thread per
  chunk (~100 ms of audio), keeping event-loop stalls to microseconds. Decoders are pooled per
  STT instance: one set per concurrent stream, reused when a stream closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from livekit import rtc
from livekit.agents import stt, utils
from livekit.agents.language import LanguageCode
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)

from voice_agent.adapters.offline import audio as audio_utils
from voice_agent.adapters.offline.language_model import (
    DomainLanguageModel,
    build_language_model,
    default_model_dir,
    general_lm_path,
)

logger = logging.getLogger(__name__)

SAMPLE_RATE = 16000
BYTES_PER_SAMPLE = 2
DEFAULT_CMNINIT = "51,-3,-4,12,-10,-2,-7,-5,-4,-5,5,-5,-3"
"""Typical cepstral mean of telephone-band speech over the noise floor (measured on the
warm decoder after a few dozen utterances)."""
DEFAULT_NOISE_FLOOR = 20.0
"""Std-dev (int16 units, about -64 dBFS) of the Gaussian floor mixed into all audio."""
DEFAULT_PADDING = 0.3
DEFAULT_FALLBACK_MARGIN = 0.05
"""Natural-log score margin by which the general LM must beat the domain LM to be used."""
CHUNK_SECONDS = 0.1
SLICE_BYTES = int(0.01 * SAMPLE_RATE) * 2


@dataclass
class _Result:
    text: str
    confidence: float
    log_score: float
    source: str


@dataclass
class _DecoderSet:
    """One domain decoder and, optionally, a general-LM decoder fed the same audio."""

    domain: Any
    general: Any | None
    cmninit: str

    def reset_cmn(self) -> None:
        for dec in (self.domain, self.general):
            if dec is not None:
                dec.set_cmn(self.cmninit)

    def start(self) -> None:
        self.domain.start_utt()
        if self.general is not None:
            self.general.start_utt()

    def process(self, data: bytes, *, full_utt: bool = False) -> None:
        # pocketsphinx keeps the GIL inside process_raw, so feed it in short slices: the
        # event loop thread can then run between calls instead of waiting for a long one.
        for start in range(0, len(data), SLICE_BYTES):
            piece = data[start : start + SLICE_BYTES]
            self.domain.process_raw(piece, False, full_utt)
            if self.general is not None:
                self.general.process_raw(piece, False, full_utt)

    def partial(self) -> str:
        hyp = self.domain.hyp()
        return _clean(hyp.hypstr) if hyp is not None else ""

    def finish(self, margin: float) -> _Result:
        self.domain.end_utt()
        best = _result(self.domain, "domain")
        if self.general is not None:
            self.general.end_utt()
            other = _result(self.general, "general")
            if other.text and other.log_score - best.log_score > margin:
                best = other
        return best


def _clean(text: str) -> str:
    words = [w for w in text.split() if not (w.startswith("<") or w.startswith("["))]
    return " ".join(words).lower()


def _result(decoder: Any, source: str) -> _Result:
    hyp = decoder.hyp()
    if hyp is None:
        return _Result("", 0.0, -math.inf, source)
    score = float(hyp.score)
    log_score = math.log(score) if score > 0 else -math.inf
    try:
        confidence = float(decoder.get_prob())
    except Exception:  # noqa: BLE001 - confidence is best effort
        confidence = 0.0
    return _Result(_clean(hyp.hypstr), max(0.0, min(1.0, confidence)), log_score, source)


@dataclass
class PocketSphinxOptions:
    """Tunables for :class:`PocketSphinxSTT`."""

    language: str = "en-US"
    fallback: bool = True
    fallback_margin: float = DEFAULT_FALLBACK_MARGIN
    noise_floor: float = DEFAULT_NOISE_FLOOR
    padding: float = DEFAULT_PADDING
    cmninit: str = DEFAULT_CMNINIT
    interim_interval: float = 0.25
    endpoint_window: float = 0.6
    endpoint_ratio: float = 0.9
    lm_path: str | None = None
    dict_path: str | None = None
    cache_dir: str | None = None
    decoder_config: dict[str, Any] = field(default_factory=dict)


class PocketSphinxSTT(stt.STT[Literal["metrics_collected", "error"]]):
    """Offline streaming STT with a domain language model (pocketsphinx 5)."""

    def __init__(
        self,
        *,
        language: str = "en-US",
        fallback: bool = True,
        fallback_margin: float = DEFAULT_FALLBACK_MARGIN,
        noise_floor: float = DEFAULT_NOISE_FLOOR,
        padding: float = DEFAULT_PADDING,
        cmninit: str = DEFAULT_CMNINIT,
        interim_interval: float = 0.25,
        endpoint_window: float = 0.6,
        lm_path: str | Path | None = None,
        dict_path: str | Path | None = None,
        cache_dir: str | Path | None = None,
        decoder_config: dict[str, Any] | None = None,
    ) -> None:
        """
        Args:
            language: reported in SpeechData (the model is US English).
            fallback: also decode with the general en-us LM and use it when it fits clearly
                better (out-of-domain speech). Costs ~5x the CPU of the domain decoder alone.
            fallback_margin: log-score margin the general LM must win by.
            noise_floor: std-dev of the Gaussian floor mixed into the audio (0 disables).
            padding: seconds of floor-level audio added before/after each utterance.
            cmninit: initial cepstral mean (13 comma-separated values).
            interim_interval: minimum seconds between INTERIM_TRANSCRIPT events.
            endpoint_window: seconds of silence the built-in endpointer needs to end speech.
            lm_path / dict_path: use this ARPA/binary LM and dictionary instead of building
                the domain model.
            cache_dir: where the domain LM is cached (default ``~/.cache/voice-agent/lm``).
            decoder_config: extra pocketsphinx Config keys (e.g. ``{"lw": 6.5}``).
        """
        super().__init__(
            capabilities=stt.STTCapabilities(
                streaming=True,
                interim_results=True,
                offline_recognize=True,
                manual_flush=True,
            )
        )
        self._opts = PocketSphinxOptions(
            language=language,
            fallback=fallback,
            fallback_margin=fallback_margin,
            noise_floor=noise_floor,
            padding=padding,
            cmninit=cmninit,
            interim_interval=interim_interval,
            endpoint_window=endpoint_window,
            lm_path=str(lm_path) if lm_path else None,
            dict_path=str(dict_path) if dict_path else None,
            cache_dir=str(cache_dir) if cache_dir else None,
            decoder_config=dict(decoder_config or {}),
        )
        self._pool: list[_DecoderSet] = []
        self._pool_lock = threading.Lock()
        self._lm: DomainLanguageModel | None = None
        self._streams: set[PocketSphinxStream] = set()
        self._rng = np.random.default_rng(0x5EED)

    @property
    def model(self) -> str:
        return "pocketsphinx-en-us-domain" + ("+general" if self._opts.fallback else "")

    @property
    def provider(self) -> str:
        return "pocketsphinx"

    @property
    def options(self) -> PocketSphinxOptions:
        return self._opts

    # -- decoders ---------------------------------------------------------------------------

    def _domain_paths(self) -> tuple[str, str]:
        if self._opts.lm_path:
            dict_path = self._opts.dict_path or str(default_model_dir() / "cmudict-en-us.dict")
            return self._opts.lm_path, dict_path
        if self._lm is None:
            self._lm = build_language_model(self._opts.cache_dir)
        return str(self._lm.arpa_path), str(self._lm.dict_path)

    def _new_decoder(self, lm: str, dict_path: str) -> Any:
        from pocketsphinx import Decoder

        cfg: dict[str, Any] = {
            "hmm": str(default_model_dir() / "en-us"),
            "lm": lm,
            "dict": dict_path,
            "cmn": "live",
            "cmninit": self._opts.cmninit,
            "samprate": SAMPLE_RATE,
            # the second (flat-lexicon) pass made domain WER worse (0.194 -> 0.231 on a
            # 299-word espeak set), doubled CPU and costs ~175 ms at end of an 8 s utterance
            "fwdflat": False,
            "loglevel": "ERROR",
        }
        cfg.update(self._opts.decoder_config)
        return Decoder(**cfg)

    def _create_set(self) -> _DecoderSet:
        started = time.perf_counter()
        lm, dict_path = self._domain_paths()
        domain = self._new_decoder(lm, dict_path)
        general = None
        if self._opts.fallback:
            general = self._new_decoder(
                str(general_lm_path()), str(default_model_dir() / "cmudict-en-us.dict")
            )
        logger.debug(
            "pocketsphinx decoders loaded",
            extra={"seconds": round(time.perf_counter() - started, 3), "fallback": bool(general)},
        )
        return _DecoderSet(domain=domain, general=general, cmninit=self._opts.cmninit)

    def _acquire(self) -> _DecoderSet:
        """Blocking: take an idle decoder set or load a new one (call from a thread)."""
        with self._pool_lock:
            dec = self._pool.pop() if self._pool else None
        if dec is None:
            dec = self._create_set()
        dec.reset_cmn()
        return dec

    def _release(self, dec: _DecoderSet) -> None:
        with self._pool_lock:
            self._pool.append(dec)

    def prewarm(self) -> None:
        """Build the LM and load one decoder set now (blocking, ~0.3-1 s)."""
        self._release(self._acquire())

    # -- audio prep -------------------------------------------------------------------------

    def _floor(self, n: int) -> npt.NDArray[np.int16]:
        if self._opts.noise_floor <= 0:
            return np.zeros(n, dtype=np.int16)
        noise = self._rng.normal(0.0, self._opts.noise_floor, n)
        return np.round(noise).astype(np.int16)

    def _prepare(self, samples: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
        if self._opts.noise_floor <= 0:
            return samples
        mixed = samples.astype(np.int32) + self._floor(samples.size)
        clipped: npt.NDArray[np.int16] = np.clip(mixed, -32768, 32767).astype(np.int16)
        return clipped

    def _padding(self) -> npt.NDArray[np.int16]:
        return self._floor(int(self._opts.padding * SAMPLE_RATE))

    # -- batch ------------------------------------------------------------------------------

    def _decode_buffer(self, samples: npt.NDArray[np.int16]) -> _Result:
        dec = self._acquire()
        try:
            pad = self._padding()
            data = np.concatenate([pad, self._prepare(samples), pad])
            dec.start()
            dec.process(data.tobytes())
            return dec.finish(self._opts.fallback_margin)
        finally:
            self._release(dec)

    async def _recognize_impl(
        self,
        buffer: utils.AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        frame = utils.merge_frames(buffer) if isinstance(buffer, list) else buffer
        samples = audio_utils.from_audio_frame(frame)
        if frame.sample_rate != SAMPLE_RATE:
            samples = audio_utils.resample(samples, frame.sample_rate, SAMPLE_RATE)
        duration = samples.size / SAMPLE_RATE
        result = await asyncio.to_thread(self._decode_buffer, samples)
        lang = language if utils.is_given(language) else self._opts.language
        logger.debug(
            "batch recognition done",
            extra={"audio_seconds": round(duration, 3), "lm": result.source},
        )
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            request_id=uuid.uuid4().hex,
            alternatives=[
                stt.SpeechData(
                    language=LanguageCode(lang),
                    text=result.text,
                    start_time=0.0,
                    end_time=duration,
                    confidence=result.confidence,
                )
            ],
        )

    # -- streaming --------------------------------------------------------------------------

    def stream(
        self,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> PocketSphinxStream:
        lang = language if utils.is_given(language) else self._opts.language
        stream = PocketSphinxStream(stt=self, language=lang, conn_options=conn_options)
        self._streams.add(stream)
        return stream

    async def aclose(self) -> None:
        for stream in list(self._streams):
            await stream.aclose()
        self._streams.clear()
        with self._pool_lock:
            self._pool.clear()


class PocketSphinxStream(stt.RecognizeStream):
    """Incremental decoding of one audio stream; see :class:`PocketSphinxSTT`."""

    def __init__(
        self, *, stt: PocketSphinxSTT, language: str, conn_options: APIConnectOptions
    ) -> None:
        super().__init__(stt=stt, conn_options=conn_options, sample_rate=SAMPLE_RATE)
        self._ps = stt
        self._language = language
        self._decoders: _DecoderSet | None = None
        self._endpointer: Any = None
        self._pending = bytearray()  # 16 kHz audio not yet given to the endpointer
        self._preroll: deque[bytes] = deque()
        self._preroll_bytes = 0
        self._in_utt = False
        self._speaking = False
        self._utt_start = 0.0
        self._samples_seen = 0  # samples pushed to the endpointer, for timestamps
        self._usage_samples = 0
        self._last_partial = ""
        self._last_interim_at = 0.0
        self._request_id = uuid.uuid4().hex
        # _sync_* methods run in worker threads; the lock keeps a close issued during
        # cancellation from interleaving with a feed still running on the same decoders.
        self._sync_lock = threading.Lock()

    def _sync_open(self) -> None:
        with self._sync_lock:
            self._decoders = self._ps._acquire()
            self._endpointer = self._new_endpointer()

    def _sync_close(self) -> None:
        with self._sync_lock:
            self._close_locked()

    def _close_locked(self) -> None:
        if self._decoders is not None:
            if self._in_utt:
                with contextlib.suppress(Exception):
                    self._decoders.finish(self._ps.options.fallback_margin)
                self._in_utt = False
            self._ps._release(self._decoders)
            self._decoders = None

    def _event(self, kind: stt.SpeechEventType, **kwargs: Any) -> stt.SpeechEvent:
        return stt.SpeechEvent(type=kind, request_id=self._request_id, **kwargs)

    def _speech(self, text: str, confidence: float, end: float) -> list[stt.SpeechData]:
        offset = self.start_time_offset
        return [
            stt.SpeechData(
                language=LanguageCode(self._language),
                text=text,
                start_time=self._utt_start + offset,
                end_time=end + offset,
                confidence=confidence,
            )
        ]

    def _begin_utt(self) -> None:
        assert self._decoders is not None
        self._decoders.start()
        self._in_utt = True
        self._utt_start = max(0.0, self._samples_seen / SAMPLE_RATE - self._ps.options.padding)
        self._decoders.process(self._ps._padding().tobytes())
        self._last_partial = ""

    def _end_utt(self, events: list[stt.SpeechEvent], *, forced: bool) -> None:
        """Close the current utterance (if any) and queue FINAL / END_OF_SPEECH events.

        A forced end (flush) always yields a FINAL_TRANSCRIPT, possibly empty, because the
        framework waits for one after it flushes.
        """
        assert self._decoders is not None
        result = _Result("", 0.0, -math.inf, "domain")
        if self._in_utt:
            self._decoders.process(self._ps._padding().tobytes())
            result = self._decoders.finish(self._ps.options.fallback_margin)
            self._in_utt = False
        end = self._samples_seen / SAMPLE_RATE
        if result.text or forced:
            events.append(
                self._event(
                    stt.SpeechEventType.FINAL_TRANSCRIPT,
                    alternatives=self._speech(result.text, result.confidence, end),
                )
            )
        if self._speaking:
            self._speaking = False
            events.append(self._event(stt.SpeechEventType.END_OF_SPEECH))
        if self._usage_samples:
            events.append(
                self._event(
                    stt.SpeechEventType.RECOGNITION_USAGE,
                    recognition_usage=stt.RecognitionUsage(
                        audio_duration=self._usage_samples / SAMPLE_RATE
                    ),
                )
            )
            self._usage_samples = 0
        logger.debug(
            "utterance finalised",
            extra={"lm": result.source, "forced": forced, "empty": not result.text},
        )
        self._request_id = uuid.uuid4().hex

    def _sync_feed(self, data: bytes, *, flush: bool) -> list[stt.SpeechEvent]:
        with self._sync_lock:
            return self._feed_locked(data, flush=flush)

    def _feed_locked(self, data: bytes, *, flush: bool) -> list[stt.SpeechEvent]:
        assert self._decoders is not None and self._endpointer is not None
        events: list[stt.SpeechEvent] = []
        self._pending.extend(data)
        frame_bytes = self._endpointer.frame_bytes
        pad_bytes = int(self._ps.options.padding * SAMPLE_RATE) * BYTES_PER_SAMPLE
        while len(self._pending) >= frame_bytes:
            frame = bytes(self._pending[:frame_bytes])
            del self._pending[:frame_bytes]
            self._samples_seen += frame_bytes // BYTES_PER_SAMPLE
            was_in_speech = self._endpointer.in_speech
            speech = self._endpointer.process(frame)
            if not was_in_speech and self._endpointer.in_speech:
                self._clear_preroll()
                if not self._in_utt:
                    self._begin_utt()
                if not self._speaking:
                    self._speaking = True
                    events.append(self._event(stt.SpeechEventType.START_OF_SPEECH))
            if speech is not None and self._in_utt:
                self._decoders.process(speech)
            if was_in_speech and not self._endpointer.in_speech:
                self._end_utt(events, forced=False)
            elif not self._endpointer.in_speech:
                # keep a little recent audio in case the framework flushes a short word
                # the endpointer never confirmed as speech
                self._preroll.append(frame)
                self._preroll_bytes += len(frame)
                while self._preroll_bytes > pad_bytes * 3 and self._preroll:
                    self._preroll_bytes -= len(self._preroll.popleft())
        if self._in_utt and self._endpointer.in_speech:
            now = time.monotonic()
            if now - self._last_interim_at >= self._ps.options.interim_interval:
                partial = self._decoders.partial()
                if partial and partial != self._last_partial:
                    self._last_partial = partial
                    self._last_interim_at = now
                    events.append(
                        self._event(
                            stt.SpeechEventType.INTERIM_TRANSCRIPT,
                            alternatives=self._speech(
                                partial, 0.0, self._samples_seen / SAMPLE_RATE
                            ),
                        )
                    )
        if flush:
            if self._endpointer.in_speech:
                # end_stream reads past the end of an empty buffer: give it one silent sample
                tail = self._endpointer.end_stream(bytes(self._pending) or bytes(BYTES_PER_SAMPLE))
                if tail and self._in_utt:
                    self._decoders.process(tail)
                self._endpointer = self._new_endpointer()
            elif not self._in_utt and self._preroll_bytes and self._had_energy():
                # the framework's VAD heard speech ours did not: decode what we kept
                self._begin_utt()
                self._decoders.process(b"".join(self._preroll) + bytes(self._pending))
            self._samples_seen += len(self._pending) // BYTES_PER_SAMPLE
            self._pending.clear()
            self._clear_preroll()
            self._end_utt(events, forced=True)
        return events

    def _clear_preroll(self) -> None:
        self._preroll.clear()
        self._preroll_bytes = 0

    def _had_energy(self) -> bool:
        data = np.frombuffer(b"".join(self._preroll), dtype=np.int16).astype(np.float64)
        if data.size == 0:
            return False
        rms = math.sqrt(float(np.mean(data**2)))
        return rms > 4 * max(self._ps.options.noise_floor, 10.0)

    def _new_endpointer(self) -> Any:
        from pocketsphinx import Endpointer

        return Endpointer(
            window=self._ps.options.endpoint_window,
            ratio=self._ps.options.endpoint_ratio,
            sample_rate=SAMPLE_RATE,
        )

    def _convert(self, frame: rtc.AudioFrame) -> npt.NDArray[np.int16]:
        samples = audio_utils.from_audio_frame(frame)
        if frame.sample_rate != SAMPLE_RATE:  # the base class resamples; this is a guard
            samples = audio_utils.resample(samples, frame.sample_rate, SAMPLE_RATE)
        return samples

    async def _run(self) -> None:
        await asyncio.to_thread(self._sync_open)
        chunk_bytes = int(CHUNK_SECONDS * SAMPLE_RATE) * BYTES_PER_SAMPLE
        buf = bytearray()
        try:
            async for item in self._input_ch:
                if isinstance(item, rtc.AudioFrame):
                    samples = self._ps._prepare(self._convert(item))
                    self._usage_samples += samples.size
                    buf.extend(samples.tobytes())
                    if len(buf) < chunk_bytes:
                        continue
                    data, flush = bytes(buf), False
                else:
                    data, flush = bytes(buf), True
                buf.clear()
                events = await asyncio.to_thread(self._sync_feed, data, flush=flush)
                for ev in events:
                    self._event_ch.send_nowait(ev)
            if buf or self._in_utt or self._usage_samples:
                events = await asyncio.to_thread(self._sync_feed, bytes(buf), flush=True)
                for ev in events:
                    if ev.type != stt.SpeechEventType.FINAL_TRANSCRIPT or ev.alternatives[0].text:
                        self._event_ch.send_nowait(ev)
        finally:
            await asyncio.shield(asyncio.to_thread(self._sync_close))
            self._ps._streams.discard(self)
