"""Embedded speech-to-text: pocketsphinx behind the livekit-agents ``stt.STT`` interface.

``PocketSphinxSTT`` plugs into an ``AgentSession`` like a cloud STT. It is a streaming STT
(``capabilities.streaming=True``) so the session feeds it audio continuously; it also sets
``capabilities.manual_flush=True`` so that, with a VAD or turn detector in the session, the
framework flushes the stream at end of speech and gets a FINAL_TRANSCRIPT for the utterance
right away. Without that, a built-in endpointer (pocketsphinx's WebRTC VAD) segments the
audio itself and emits START_OF_SPEECH / END_OF_SPEECH and finals on its own.

Context: given a ``listening`` source (the call's
:class:`~voice_agent.domain.listening.ListeningHint`), each utterance is decoded with the
search that matches what the dialogue expects (a digits grammar after "what's your
number?", yes/no after a read-back...), and a caller who says something else is still heard:
see :mod:`.recognizer`. A phone line (narrowband audio) is reported back through the same
object (``note_line``), so the dialogue can offer keypad entry.

Decoding runs in recognition worker processes shared by every stream of the process
(:mod:`.recognition_worker`): pocketsphinx holds the GIL, so decoding in this process would
stall every other call on the event loop. This class only moves 100 ms audio chunks and
turns the worker's events into ``SpeechEvent``s.

Recognition choices (measurements in bench/stt_eval.py and bench/stt_wer.py):

* Domain trigram LM built by :mod:`.language_model` with a restricted dictionary; the
  grammars of :mod:`.grammars` as named searches of a second decoder.
* The general ``en-us.lm.bin`` is off by default (``fallback=False``): it cost 80 % of the
  recognition CPU for the same in-domain WER. With ``fallback=True`` it re-decodes only an
  utterance the domain pass heard nothing in.
* A low-level noise floor (a precomputed table) is mixed into all audio: pocketsphinx's
  noise-removal front end misbehaves on exact digital silence.
* Each utterance is padded with ~300 ms of floor-level audio, and cepstral mean
  normalisation starts from a typical value (``cmninit``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from livekit import rtc
from livekit.agents import APIConnectionError, stt, utils
from livekit.agents.language import LanguageCode
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)

from voice_agent.adapters.offline import audio as audio_utils
from voice_agent.adapters.offline import grammars
from voice_agent.adapters.offline.language_model import (
    build_language_model,
    default_model_dir,
    general_lm_path,
    pronunciation,
    restricted_dictionary,
)
from voice_agent.adapters.offline.recognition_cpu import CallCpu
from voice_agent.adapters.offline.recognition_worker import (
    Inbox,
    RecognitionPool,
    RecognitionWorkerError,
    StreamSession,
    shared_pool,
)
from voice_agent.adapters.offline.recognizer import (
    DEFAULT_CMNINIT,
    DEFAULT_MARGINS,
    HIGH_VOICE_WARP,
    LOW_VOICE_WARP,
    SAMPLE_RATE,
    YES_OVER_NO,
    Event,
    Expect,
    RecognizerConfig,
    Result,
    expect_of,
)
from voice_agent.domain.listening import ExpectationSource, LineObserver

logger = logging.getLogger(__name__)

BYTES_PER_SAMPLE = 2
DEFAULT_NOISE_FLOOR = 20.0
"""Std-dev (int16 units, about -64 dBFS) of the Gaussian floor mixed into all audio."""
DEFAULT_PADDING = 0.3
CHUNK_SECONDS = 0.1
FLUSH_REPLY_TIMEOUT = 60.0
"""Seconds a stream waits for a flush's final (with nothing else from its worker meanwhile)
before it fails with a retryable error, and its audio goes on in a new attempt (the session
asks the caller to repeat what was lost). A decode takes well under a second; a worker
with many calls' finals queued, on a loaded machine, some seconds."""
_CLOSING = "closing"
_FLUSHED = "flushed"

__all__ = ["DEFAULT_CMNINIT", "PocketSphinxOptions", "PocketSphinxSTT", "PocketSphinxStream"]


@dataclass
class PocketSphinxOptions:
    """Tunables for :class:`PocketSphinxSTT`."""

    language: str = "en-US"
    context: bool = True
    fallback: bool | Literal["always"] = False
    margins: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MARGINS))
    noise_floor: float = DEFAULT_NOISE_FLOOR
    padding: float = DEFAULT_PADDING
    cmninit: str = DEFAULT_CMNINIT
    interim_interval: float = 0.25
    endpoint_window: float = 0.6
    endpoint_ratio: float = 0.9
    lm_path: str | None = None
    dict_path: str | None = None
    cache_dir: str | None = None
    workers: int | None = None
    decoder_config: dict[str, Any] = field(default_factory=dict)
    digit_warps: tuple[float, ...] = ()
    digit_warps_on: str = "repair"
    digit_variants: bool = True
    yes_over_no: dict[str, float] = field(default_factory=lambda: dict(YES_OVER_NO))
    repeated_groups: bool = False
    high_voice_warp: float = HIGH_VOICE_WARP
    second_opinion: str | None = None
    low_voice_warp: float = LOW_VOICE_WARP
    grammar_beams: bool = False
    second_opinion_on: str = "groups"
    second_opinion_yes_no: bool = True
    narrowband_opinion: bool = False
    keep_readings: bool = False


_CONFIGS: dict[tuple[Any, ...], RecognizerConfig] = {}
_CONFIGS_LOCK = threading.Lock()


def _options_key(opts: PocketSphinxOptions) -> tuple[Any, ...]:
    """What the recogniser configuration is built from (hashable)."""
    return (
        opts.context,
        opts.fallback,
        tuple(sorted(opts.margins.items())),
        opts.noise_floor,
        opts.padding,
        opts.cmninit,
        opts.interim_interval,
        opts.endpoint_window,
        opts.endpoint_ratio,
        opts.lm_path,
        opts.dict_path,
        opts.cache_dir,
        tuple(sorted((k, repr(v)) for k, v in opts.decoder_config.items())),
        opts.digit_warps,
        opts.digit_warps_on,
        opts.digit_variants,
        tuple(sorted(opts.yes_over_no.items())),
        opts.repeated_groups,
        opts.high_voice_warp,
        opts.second_opinion,
        opts.low_voice_warp,
        opts.grammar_beams,
        opts.second_opinion_on,
        opts.second_opinion_yes_no,
        opts.keep_readings,
    )


class PocketSphinxSTT(stt.STT[Literal["metrics_collected", "error"]]):
    """Offline streaming STT with a domain language model and per-turn grammars."""

    def __init__(
        self,
        *,
        language: str = "en-US",
        listening: ExpectationSource | None = None,
        context: bool = True,
        fallback: bool | Literal["always"] = False,
        margins: dict[str, float] | None = None,
        noise_floor: float = DEFAULT_NOISE_FLOOR,
        padding: float = DEFAULT_PADDING,
        cmninit: str = DEFAULT_CMNINIT,
        interim_interval: float = 0.25,
        endpoint_window: float = 0.6,
        lm_path: str | Path | None = None,
        dict_path: str | Path | None = None,
        cache_dir: str | Path | None = None,
        workers: int | None = None,
        decoder_config: dict[str, Any] | None = None,
        digit_warps: tuple[float, ...] = (),
        digit_warps_on: str = "repair",
        digit_variants: bool = True,
        yes_over_no: dict[str, float] | None = None,
        repeated_groups: bool = False,
        high_voice_warp: float = HIGH_VOICE_WARP,
        second_opinion: str | None = None,
        low_voice_warp: float = LOW_VOICE_WARP,
        grammar_beams: bool = False,
        second_opinion_on: str = "groups",
        second_opinion_yes_no: bool = True,
        narrowband_opinion: bool = False,
        keep_readings: bool = False,
    ) -> None:
        """
        Args:
            language: reported in SpeechData (the model is US English).
            listening: what the dialogue expects next, read when each utterance starts
                (None: always an open request). If it also has ``note_line`` (a
                ``ListeningHint`` does), narrowband input is reported to it.
            context: use the grammar matching the expectation (False: domain LM only).
            fallback: re-decode with the general en-us LM an utterance in which the
                domain LM heard nothing; "always": decode every utterance with it too and
                use it when it fits clearly better (the previous default: about 5x the CPU).
            margins: log-score margins by which a grammar must beat the domain LM, per
                search ("phone", "yes_no", "date_time", "code", "spelling").
            noise_floor: std-dev of the floor mixed into the audio (0 disables).
            padding: seconds of floor-level audio added before/after each utterance.
            cmninit: initial cepstral mean (13 comma-separated values).
            interim_interval: minimum seconds between INTERIM_TRANSCRIPT events.
            endpoint_window: seconds of silence the built-in endpointer needs to end speech.
            lm_path / dict_path: use this ARPA/binary LM and dictionary instead of building
                the domain model (the grammars are then off unless the dictionary has
                their words).
            cache_dir: where the domain LM is cached (default ``~/.cache/voice-agent/lm``).
            workers: recognition worker processes for the process-wide pool (used only by
                the first engine that starts it; default one).
            decoder_config: extra pocketsphinx Config keys (e.g. ``{"lw": 6.5}``).
            digit_warps / digit_warps_on: frequency warps a digit turn is decoded with
                again (best score wins), on repair turns or all digit turns; off by default
                (see :class:`.recognizer.RecognizerConfig`).
            digit_variants: give the digit grammars the digit words' extra
                pronunciations (:data:`.grammars.DIGIT_VARIANTS`); False: cmudict's only.
            yes_over_no: yes answers that must beat the no answers on the same audio, and
                by how much (default :data:`.recognizer.YES_OVER_NO`; ``{}``: none).
            repeated_groups: decode a group of a number said again after a rejected
                reading together with its earlier tries (off by default: see
                :attr:`.recognizer.RecognizerConfig.repeated_groups`).
            high_voice_warp: the frequency warp a call's decoders take once the caller's
                pitch shows a high voice (default :data:`.recognizer.HIGH_VOICE_WARP`; 1.0:
                none).
            low_voice_warp: the same for a low voice (default
                :data:`.recognizer.LOW_VOICE_WARP`; 1.0: none). With both at 1.0 no pitch
                is tracked.
            grammar_beams: wider search beams for the grammar decoder (off by default:
                see :data:`.recognizer.GRAMMAR_BEAMS`).
            second_opinion: "whisper": a second recogniser reads a whole phone number
                again (:mod:`.second_opinion`; if its packages are missing, ignored with a
                warning); "whisper-all": also open requests, day/time turns and numbers
                said in passing (:mod:`.free_opinion`); None: pocketsphinx alone (this
                class's default; the product's, ``Settings.offline_second_opinion``, is
                "whisper").
            second_opinion_on: which digit turns it reads: "whole" numbers only,
                "last_four" (and the last group of a repair), "groups" too (the
                default), or "always" (also where the domain LM won; see
                :attr:`.recognizer.RecognizerConfig.second_opinion_on`).
            second_opinion_yes_no: also ask it whether a yes the domain LM did not
                confirm was a no (:attr:`.recognizer.RecognizerConfig.second_opinion_yes_no`).
            narrowband_opinion: on a line found narrowband (a phone line), a yes/no answer
                takes the second recogniser's side either way (:mod:`.narrowband`; needs
                ``second_opinion``; opt-in, see there).
            keep_readings: keep each utterance's readings by reader in :attr:`readings`
                (:attr:`.recognizer.RecognizerConfig.keep_readings`; a bench's,
                ``Settings.offline_keep_readings``): in memory, never logged.
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
            context=context,
            fallback=fallback,
            margins={**DEFAULT_MARGINS, **(margins or {})},
            noise_floor=noise_floor,
            padding=padding,
            cmninit=cmninit,
            interim_interval=interim_interval,
            endpoint_window=endpoint_window,
            lm_path=str(lm_path) if lm_path else None,
            dict_path=str(dict_path) if dict_path else None,
            cache_dir=str(cache_dir) if cache_dir else None,
            workers=workers,
            decoder_config=dict(decoder_config or {}),
            digit_warps=tuple(digit_warps),
            digit_warps_on=digit_warps_on,
            digit_variants=digit_variants,
            yes_over_no=dict(YES_OVER_NO if yes_over_no is None else yes_over_no),
            repeated_groups=repeated_groups,
            high_voice_warp=high_voice_warp,
            second_opinion=second_opinion,
            low_voice_warp=low_voice_warp,
            grammar_beams=grammar_beams,
            second_opinion_on=second_opinion_on,
            second_opinion_yes_no=second_opinion_yes_no,
            narrowband_opinion=narrowband_opinion,
            keep_readings=keep_readings,
        )
        self._listening = listening
        self._config: RecognizerConfig | None = None
        self._config_lock = threading.Lock()
        self._key: str | None = None
        self._pool: RecognitionPool | None = None
        self._streams: set[PocketSphinxStream] = set()
        self.unheard = 0
        self.tones = 0
        """Utterances that were only a steady tone (``tones.ToneFilter``), given no words."""
        """Stretches of sound the recogniser heard begin and end (at its own end of speech or
        the session's flush) that were decoded to no words at all: a tone, a beep, a noise.
        An empty final is all that comes of them, and the VAD may not have taken them for
        speech at all: no transcript, and perhaps no request to repeat, will follow."""
        self.readings: list[str] = []
        """Each utterance's readings by reader (JSON), where the configuration keeps them
        (``keep_readings``, a bench's): kept in memory for its output file,
        never logged."""
        self.recognition_cpu = CallCpu()
        """Recognition CPU and audio of this engine's streams, by turn kind
        (:mod:`.recognition_cpu`; one engine per call)."""

    @property
    def model(self) -> str:
        return (
            "pocketsphinx-en-us-domain"
            + ("+grammars" if self._opts.context else "")
            + ("+general" if self._opts.fallback else "")
        )

    @property
    def provider(self) -> str:
        return "pocketsphinx"

    @property
    def options(self) -> PocketSphinxOptions:
        return self._opts

    @property
    def listening(self) -> ExpectationSource | None:
        return self._listening

    @property
    def decoding(self) -> bool:
        """Whether speech the session flushed (the caller finished it) is still being decoded:
        its final transcript is on its way. Behind real time (a loaded machine) this lasts
        seconds after the caller stopped speaking."""
        return any(stream.undecoded for stream in self._streams)

    # -- configuration ----------------------------------------------------------------------

    def recognizer_config(self) -> RecognizerConfig:
        """The decoders' configuration (builds the domain LM on first use: blocking).

        Built once per process for a given set of options: each call has an engine of its
        own, and reading the dictionary and the cached model costs 70-80 ms of Python (GIL
        held) that would stall every other call of the process at each call's start."""
        with self._config_lock:
            if self._config is None:
                key = _options_key(self._opts)
                with _CONFIGS_LOCK:
                    config = _CONFIGS.get(key)
                    if config is None:
                        config = _CONFIGS[key] = self._build_config()
                self._config = config
            return self._config

    def _build_config(self) -> RecognizerConfig:
        opts = self._opts
        model_dir = default_model_dir()
        context = opts.context
        grammar_dict: str | None = None
        if opts.lm_path:
            lm = opts.lm_path
            dict_path = opts.dict_path or str(model_dir / "cmudict-en-us.dict")
            context = context and opts.dict_path is None
            if context:
                dict_path = str(model_dir / "cmudict-en-us.dict")
                grammar_dict = self._grammar_dictionary(grammars.vocabulary())
        else:
            model = build_language_model(opts.cache_dir)
            lm = str(model.arpa_path)
            words = model.vocabulary | (grammars.vocabulary() if context else frozenset())
            extra = grammars.dictionary_lines() if context else []
            dict_path = str(restricted_dictionary(words, opts.cache_dir, extra_lines=extra))
            if context:
                grammar_dict = self._grammar_dictionary(words)
        return RecognizerConfig(
            hmm=str(model_dir / "en-us"),
            domain_lm=lm,
            dict_path=dict_path,
            grammar_dict_path=grammar_dict,
            general_lm=str(general_lm_path()) if opts.fallback else None,
            general_dict=str(model_dir / "cmudict-en-us.dict") if opts.fallback else None,
            general_always=opts.fallback == "always",
            cmninit=opts.cmninit,
            noise_floor=opts.noise_floor,
            padding=opts.padding,
            interim_interval=opts.interim_interval,
            endpoint_window=opts.endpoint_window,
            endpoint_ratio=opts.endpoint_ratio,
            context=context,
            margins=tuple(sorted(opts.margins.items())),
            decoder_config=tuple(sorted(opts.decoder_config.items())),
            digit_warps=opts.digit_warps,
            digit_warps_on=opts.digit_warps_on,
            yes_over_no=tuple(sorted(opts.yes_over_no.items())),
            repeated_groups=opts.repeated_groups,
            high_voice_warp=opts.high_voice_warp,
            second_opinion=opts.second_opinion,
            low_voice_warp=opts.low_voice_warp,
            grammar_beams=opts.grammar_beams,
            second_opinion_on=opts.second_opinion_on,
            second_opinion_yes_no=opts.second_opinion_yes_no,
            narrowband_opinion=opts.narrowband_opinion,
            keep_readings=opts.keep_readings,
        )

    def _grammar_dictionary(self, words: frozenset[str]) -> str:
        """The grammar decoder's dictionary: ``words``, the noise pseudo-words, the names
        the pronunciation dictionary lacks (:func:`.grammars.name_dictionary_lines`) and the
        digit grammars' own words (:data:`.grammars.VARIANT_WORDS`), with their extra
        pronunciations or, with ``digit_variants=False``, their digits' usual ones."""
        plain = (
            None
            if self._opts.digit_variants
            else {w: pronunciation(w) for w in grammars.DIGIT_VARIANTS}
        )
        extra = [
            *grammars.dictionary_lines(),
            *grammars.name_dictionary_lines(),
            *grammars.variant_dictionary_lines(plain),
        ]
        return str(restricted_dictionary(words, self._opts.cache_dir, extra_lines=extra))

    def _pool_and_key(self) -> tuple[RecognitionPool, str]:
        config = self.recognizer_config()
        pool = shared_pool(self._opts.workers)
        if self._pool is not pool or self._key is None:
            self._pool = pool
            self._key = pool.register(config)
        return pool, self._key

    async def _session(self, handler: Inbox) -> StreamSession:
        pool, key = await asyncio.to_thread(self._pool_and_key)
        return pool.open(key, handler)

    def prewarm(self, streams: int = 1) -> None:
        """Build the LM and start the recognition workers, which load decoders for
        ``streams`` concurrent streams in the background (blocking only for the LM, which
        takes seconds on a cold cache)."""
        pool, key = self._pool_and_key()
        pool.prewarm(key, streams)

    def expectation(self) -> Expect:
        if self._listening is None:
            return ("request", None)
        return expect_of(self._listening.current)

    def _note_line(self, narrowband: bool) -> None:
        if isinstance(self._listening, LineObserver):
            self._listening.note_line(narrowband)
        logger.info("caller line judged", extra={"narrowband": narrowband})

    # -- batch ------------------------------------------------------------------------------

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
        inbox = Inbox()
        pool, key = await asyncio.to_thread(self._pool_and_key)
        session = pool.attach(inbox, key)
        try:
            session.send("decode", key, samples.tobytes(), self.expectation())
            msg = await inbox.queue.get()
        finally:
            session.close()
        if msg[0] == "error":
            raise APIConnectionError(f"offline recognition failed: {msg[2]}")
        result: Result = msg[2]
        lang = language if utils.is_given(language) else self._opts.language
        logger.debug(
            "batch recognition done",
            extra={"audio_seconds": round(duration, 3), "search": result.source},
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


class PocketSphinxStream(stt.RecognizeStream):
    """One audio stream, decoded in a recognition worker; see :class:`PocketSphinxSTT`."""

    def __init__(
        self, *, stt: PocketSphinxSTT, language: str, conn_options: APIConnectOptions
    ) -> None:
        # frames are taken at any rate: the recognition worker resamples them, off the loop
        # (a resampler here would run on the event loop, for every frame of every call)
        super().__init__(stt=stt, conn_options=conn_options)
        self._ps = stt
        self._language = language
        self._request_id = uuid.uuid4().hex
        self.undecoded = 0
        """Flushes sent to the recognition worker whose final has not come back yet."""
        self._words = False
        """A final with words came since the last flush was decoded."""
        self._began = False
        """The recogniser heard the start of something since the last flush was decoded."""

    def flush(self) -> None:
        super().flush()
        self.undecoded += 1

    def _speech(self, text: str, confidence: float, start: float, end: float) -> Any:
        offset = self.start_time_offset
        return [
            stt.SpeechData(
                language=LanguageCode(self._language),
                text=text,
                start_time=start + offset,
                end_time=end + offset,
                confidence=confidence,
            )
        ]

    def _end_utterance(self) -> None:
        """Speech ended (the recogniser's endpointer, or a flush was decoded): counted in
        ``unheard`` when something began and no word came of it."""
        if self._began and not self._words:
            self._ps.unheard += 1
        self._words = self._began = False

    def _emit(self, ev: Event, *, closing: bool) -> None:
        kinds = stt.SpeechEventType
        if ev.kind == "final":
            if closing and not ev.text:
                return
            self._words = self._words or bool(ev.text)
            if ev.source == "tone":
                self._ps.tones += 1
            self._event_ch.send_nowait(
                stt.SpeechEvent(
                    type=kinds.FINAL_TRANSCRIPT,
                    request_id=self._request_id,
                    alternatives=self._speech(ev.text, ev.confidence, ev.start, ev.end),
                )
            )
            logger.debug("utterance finalised", extra={"search": ev.source, "empty": not ev.text})
            self._request_id = uuid.uuid4().hex
        elif ev.kind == "interim":
            self._event_ch.send_nowait(
                stt.SpeechEvent(
                    type=kinds.INTERIM_TRANSCRIPT,
                    request_id=self._request_id,
                    alternatives=self._speech(ev.text, 0.0, ev.start, ev.end),
                )
            )
        elif ev.kind == "start":
            self._began = True
            self._event_ch.send_nowait(
                stt.SpeechEvent(type=kinds.START_OF_SPEECH, request_id=self._request_id)
            )
        elif ev.kind == "end":
            self._end_utterance()
            self._event_ch.send_nowait(
                stt.SpeechEvent(type=kinds.END_OF_SPEECH, request_id=self._request_id)
            )
        elif ev.kind == "cpu":
            self._ps.recognition_cpu.add(ev)
        elif ev.kind == "usage":
            self._ps.recognition_cpu.add(ev)
            self._event_ch.send_nowait(
                stt.SpeechEvent(
                    type=kinds.RECOGNITION_USAGE,
                    request_id=self._request_id,
                    recognition_usage=stt.RecognitionUsage(audio_duration=ev.value),
                )
            )
        elif ev.kind == "line":
            self._ps._note_line(ev.value > 0.5)
        elif ev.kind == "readings":
            self._ps.readings.append(ev.text)

    async def _run(self) -> None:
        # each attempt (LiveKit retries a failed one) counts for the engine's ``decoding``: the
        # first one's end left a retried stream out of it for good
        self._ps._streams.add(self)
        inbox = Inbox()
        try:
            session = await self._ps._session(inbox)
        except RecognitionWorkerError as exc:  # the worker died as the stream opened: retried
            raise APIConnectionError(f"offline recognition failed: {exc}") from exc
        loop = asyncio.get_running_loop()
        waiting = 0
        """Flushes (the closing one too) sent to the worker whose final has not come back."""
        lost = 0
        """Of those, the session's own (``undecoded``): lost with this attempt if it fails."""
        since = loop.time()
        """When the worker last showed progress on them (a flush sent with none waiting, or
        a message from it)."""

        def send(data: bytes, *, flush: bool, tag: str = "") -> None:
            nonlocal waiting, lost, since
            src_rate = self._pushed_sr or SAMPLE_RATE
            session.send("feed", data, flush, self._ps.expectation(), src_rate, tag)
            if flush:
                if not waiting:
                    since = loop.time()
                waiting += 1
                lost += tag == _FLUSHED

        async def feed() -> None:
            buf = bytearray()
            chunk_bytes = 0  # CHUNK_SECONDS of audio at the frames' rate
            try:
                async for item in self._input_ch:
                    if isinstance(item, rtc.AudioFrame):
                        if item.num_channels > 1:
                            buf.extend(audio_utils.from_audio_frame(item).tobytes())
                        else:
                            buf += memoryview(item.data).cast("B")
                        if not chunk_bytes:
                            chunk_bytes = int(CHUNK_SECONDS * item.sample_rate) * BYTES_PER_SAMPLE
                        if len(buf) < chunk_bytes:
                            continue
                        send(bytes(buf), flush=False)
                    else:
                        send(bytes(buf), flush=True, tag=_FLUSHED)
                    buf.clear()
                send(bytes(buf), flush=True, tag=_CLOSING)
            except Exception as exc:  # noqa: BLE001 - the receiver raises it (it waits on the inbox)
                # a failed send (the worker went away) ended the feeder and left the receiver
                # waiting for a reply to audio that was never sent: the stream hung for ever
                inbox.queue.put_nowait(("error", session.sid, f"{type(exc).__name__}: {exc}"))

        async def receive() -> None:
            nonlocal waiting, lost, since
            while True:
                # a flush waits for its final for so long at most (the worker answers each
                # flush, even with no words); with none out, a look now and then (one may be
                # sent meanwhile)
                left = since + FLUSH_REPLY_TIMEOUT - loop.time() if waiting else 1.0
                try:
                    msg = await asyncio.wait_for(inbox.queue.get(), max(0.0, left))
                except TimeoutError:
                    if not waiting or loop.time() - since < FLUSH_REPLY_TIMEOUT:
                        continue
                    wedged = session.silent_for() >= FLUSH_REPLY_TIMEOUT
                    logger.error(
                        "no final transcript from the recognition worker in time",
                        extra={
                            "wait": "flush_reply",
                            "seconds": FLUSH_REPLY_TIMEOUT,
                            "worker_silent": wedged,
                        },
                    )
                    if wedged:  # it answers nobody: another takes its streams
                        session.restart_worker()
                    raise APIConnectionError(
                        f"no final transcript from the recognition worker in "
                        f"{FLUSH_REPLY_TIMEOUT:.0f} s"
                    ) from None
                since = loop.time()
                if msg[0] == "error":
                    raise APIConnectionError(f"offline recognition failed: {msg[2]}")
                if msg[0] != "events":
                    continue
                closing = msg[3] == _CLOSING
                for ev in msg[2]:
                    self._emit(ev, closing=closing)
                if msg[3] in (_FLUSHED, _CLOSING):
                    waiting = max(0, waiting - 1)
                if msg[3] == _FLUSHED:
                    lost = max(0, lost - 1)
                    self.undecoded = max(0, self.undecoded - 1)
                    self._end_utterance()
                if closing:
                    return

        feeder = asyncio.create_task(feed())
        try:
            await receive()
            await feeder
        finally:
            if not feeder.done():
                feeder.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await feeder
            session.close()
            self._ps._streams.discard(self)
            if lost:
                # their finals will never come (a retry sends only what is still unsent): the
                # engine said it was decoding for ever, and whoever waited for it waited too
                self.undecoded = max(0, self.undecoded - lost)
                self._end_utterance()
