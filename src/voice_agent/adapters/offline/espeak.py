"""ctypes binding to the libespeak-ng shipped inside the ``espeakng_loader`` wheel.

espeak-ng keeps global state and is not reentrant, so every call into the library goes
through one process-wide lock. Synthesis runs in ``AUDIO_OUTPUT_SYNCHRONOUS`` mode: the
library calls our callback with blocks of 16-bit samples (22050 Hz mono) on the calling
thread, and ``espeak_Synth`` returns once the whole text has been rendered. ctypes releases
the GIL for the duration of the foreign call, so synthesis in a worker thread does not stall
the event loop.
"""

from __future__ import annotations

import ctypes
import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

logger = logging.getLogger(__name__)

SAMPLE_RATE = 22050
"""espeak-ng's native output rate; :func:`initialize` checks the library agrees."""

DEFAULT_VOICE = "en-us"
DEFAULT_RATE_WPM = 175
DEFAULT_PITCH = 50

# espeak_AUDIO_OUTPUT
_AUDIO_OUTPUT_SYNCHRONOUS = 2
# espeak_PARAMETER
_PARAM_RATE = 1
_PARAM_VOLUME = 2
_PARAM_PITCH = 3
_PARAM_RANGE = 4
_PARAM_PUNCTUATION = 5
# espeak_POSITION_TYPE
_POS_CHARACTER = 1
# synth flags
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
# initialize options
_INITIALIZE_DONT_EXIT = 0x8000

_EE_OK = 0

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class EspeakError(RuntimeError):
    """libespeak-ng could not be loaded, initialised, or refused a request."""


@dataclass(frozen=True)
class VoiceSettings:
    """What espeak should sound like: voice name ("en-us", "en-us+f3", "en-gb-x-rp"), words
    per minute (80-450), pitch (0-100) and pitch range (0-100)."""

    voice: str = DEFAULT_VOICE
    rate: int = DEFAULT_RATE_WPM
    pitch: int = DEFAULT_PITCH
    pitch_range: int = 50
    volume: int = 100


class _Engine:
    """The loaded library and the per-call sample sink, all guarded by ``lock``.

    With ``private_copy`` the library is loaded from a copy of its file in a temporary
    folder, so the dynamic loader gives this engine its own instance of libespeak-ng's
    static state (see :func:`pristine`); :meth:`close` unloads it."""

    def __init__(self, *, private_copy: bool = False) -> None:
        self.lock = threading.Lock()
        self.lib: ctypes.CDLL | None = None
        self._private_copy = private_copy
        self._copy_dir: str | None = None
        self.sample_rate = 0
        self._chunks: list[npt.NDArray[np.int16]] = []
        self._callback = _SynthCallback(self._on_samples)  # keep a reference alive
        self._current: VoiceSettings | None = None

    def _on_samples(self, wav: ctypes._Pointer[ctypes.c_short], numsamples: int, _ev: int) -> int:
        if numsamples > 0 and wav:
            buf = np.ctypeslib.as_array(wav, shape=(numsamples,))
            self._chunks.append(np.array(buf, dtype=np.int16, copy=True))
        return 0

    def ensure_loaded(self) -> ctypes.CDLL:
        if self.lib is not None:
            return self.lib
        try:
            import espeakng_loader
        except ImportError as exc:  # pragma: no cover - dependency is declared
            raise EspeakError("espeakng_loader is not installed") from exc
        lib_path = espeakng_loader.get_library_path()
        data_path = espeakng_loader.get_data_path()
        if self._private_copy:
            self._copy_dir = tempfile.mkdtemp(prefix="espeak-")
            lib_path = shutil.copy(lib_path, Path(self._copy_dir) / Path(lib_path).name)
        try:
            lib = ctypes.CDLL(lib_path)
        except OSError as exc:
            raise EspeakError(f"cannot load {lib_path}") from exc

        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.POINTER(ctypes.c_uint),
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Synchronize.argtypes = []
        lib.espeak_Synchronize.restype = ctypes.c_int
        if hasattr(lib, "espeak_ng_SetRandSeed"):
            lib.espeak_ng_SetRandSeed.argtypes = [ctypes.c_long]
            lib.espeak_ng_SetRandSeed.restype = None

        rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode(), _INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise EspeakError(f"espeak_Initialize failed ({rate})")
        lib.espeak_SetSynthCallback(self._callback)
        self.lib = lib
        self.sample_rate = rate
        logger.debug("espeak-ng initialised", extra={"sample_rate": rate})
        return lib

    def close(self) -> None:
        """Unload a private copy of the library and delete its file (no-op otherwise)."""
        with self.lock:
            if self._copy_dir is None:
                return
            if self.lib is not None:
                import _ctypes

                self.lib.espeak_Terminate()
                _ctypes.dlclose(self.lib._handle)
                self.lib = None
            shutil.rmtree(self._copy_dir, ignore_errors=True)
            self._copy_dir = None

    def apply(self, settings: VoiceSettings) -> None:
        lib = self.ensure_loaded()
        if settings == self._current:
            return
        if lib.espeak_SetVoiceByName(settings.voice.encode()) != _EE_OK:
            self._current = None
            raise EspeakError(f"unknown espeak voice {settings.voice!r}")
        lib.espeak_SetParameter(_PARAM_RATE, int(settings.rate), 0)
        lib.espeak_SetParameter(_PARAM_PITCH, int(settings.pitch), 0)
        lib.espeak_SetParameter(_PARAM_RANGE, int(settings.pitch_range), 0)
        lib.espeak_SetParameter(_PARAM_VOLUME, int(settings.volume), 0)
        lib.espeak_SetParameter(_PARAM_PUNCTUATION, 0, 0)
        self._current = settings

    def synth(
        self, text: str, settings: VoiceSettings, seed: int | None = None
    ) -> npt.NDArray[np.int16]:
        with self.lock:
            lib = self.ensure_loaded()
            self.apply(settings)
            if seed is not None and hasattr(lib, "espeak_ng_SetRandSeed"):
                lib.espeak_ng_SetRandSeed(seed)
            data = text.encode("utf-8") + b"\0"
            self._chunks = []
            try:
                rc = lib.espeak_Synth(
                    data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _ENDPAUSE, None, None
                )
                if rc != _EE_OK:
                    raise EspeakError(f"espeak_Synth failed ({rc})")
                lib.espeak_Synchronize()
                chunks = self._chunks
            finally:
                self._chunks = []
        if not chunks:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate(chunks)


_ENGINE = _Engine()


def initialize() -> int:
    """Load and initialise libespeak-ng once per process; return its sample rate (22050)."""
    with _ENGINE.lock:
        _ENGINE.ensure_loaded()
        return _ENGINE.sample_rate


@contextmanager
def pristine() -> Iterator[None]:
    """Synthesis inside starts from libespeak-ng's state at load, whatever was said before.

    The library keeps state from one utterance to the next (the same text in the same voice
    comes out a few samples longer or shorter, and different, on each render), so what a
    recogniser test hears depended on every render earlier in the process: adding a test in
    another file could flip one at an edge. Inside this block every call goes to a private,
    freshly loaded copy of the library (about 5 ms to load, on first use only); the shared
    engine is back afterwards. Not thread-safe against synthesis running elsewhere: for
    tests and benches, not the serving path.
    """
    global _ENGINE
    shared, engine = _ENGINE, _Engine(private_copy=True)
    _ENGINE = engine
    try:
        yield
    finally:
        _ENGINE = shared
        engine.close()


def synth_apart(
    text: str, settings: VoiceSettings | None = None, *, seed: int
) -> npt.NDArray[np.int16]:
    """Render ``text`` as :func:`synth` with ``seed``, in a private, freshly loaded copy of
    the library of its own (loaded, used once, unloaded: about 20 ms): the samples are a
    function of the text, the voice and the seed alone, whatever any thread renders at the
    same time or rendered before. Unlike :func:`pristine` it leaves the shared engine alone,
    so it is safe beside the product's own TTS and another call in the same process (the
    recorded voice bench's caller lines, voice30 round: ``pristine`` swaps the process-wide
    engine, so the agent's replies rendered meanwhile would go to the private copy and move
    its state). For benches and tests, not the serving path."""
    engine = _Engine(private_copy=True)
    try:
        return engine.synth(text, settings or VoiceSettings(), seed)
    finally:
        engine.close()


def synth(
    text: str, settings: VoiceSettings | None = None, *, seed: int | None = None
) -> npt.NDArray[np.int16]:
    """Render ``text`` to int16 mono samples at :data:`SAMPLE_RATE`. Blocking; thread-safe.

    ``seed``: libespeak-ng's random generator starts from it for this render, so the render
    is a function of the text, the voice and the seed alone. The library seeds that
    generator from the clock at load and draws from it for the voices with breath noise
    (en-us+f2, en-us+f3, ...: ``ApplyBreath``): without a seed such a voice says the same text
    differently in every process, and a recognition bench scored on it moves run to run
    (numbers32 round: 4 of the 20 held-out numbers at 10 dB rendered differently in two runs
    of identical code; Whisper's decode of identical audio is the same every time). None:
    as before (the generator goes on from wherever it is)."""
    return _ENGINE.synth(text, settings or VoiceSettings(), seed)
