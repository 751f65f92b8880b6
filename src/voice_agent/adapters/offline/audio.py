"""Small audio helpers for the offline engines: WAV I/O, resampling, LiveKit frames.

Everything works on mono 16-bit PCM held in ``numpy.int16`` arrays. Only the standard
library and numpy are used, so nothing here needs a native audio stack.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import shlex
import stat
import wave
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
from livekit import rtc

from voice_agent.adapters.offline.resampling import lowpass_kernel

logger = logging.getLogger(__name__)

Int16Array = npt.NDArray[np.int16]


class AudioFileError(ValueError):
    """A file that is not audio we can read; the message says why (the path is ``path``)."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(reason)
        self.path = Path(path)
        self.reason = reason


MIN_WAV_RATE = 8000
MAX_WAV_RATE = 96000
_WAVE_FORMAT_PCM = 0x0001
_WAVE_FORMAT_FLOAT = 0x0003
_WAVE_FORMAT_EXTENSIBLE = 0xFFFE
_FORMAT_NAMES = {
    0x0002: "Microsoft ADPCM",
    0x0006: "A-law",
    0x0007: "mu-law",
    0x0011: "IMA ADPCM",
    0x0031: "GSM 6.10",
    0x0055: "MP3",
}
_MAGIC = (
    (b"ID3", "an MP3 file"),
    (b"\xff\xfb", "an MP3 file"),
    (b"\xff\xf3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
    (b"FORM", "an AIFF file"),
    (b"RF64", "an RF64 file (a WAV over 4 GB)"),
)
READ_FORMATS = "WAV: 8/16/24/32-bit PCM or 32/64-bit float, 8-96 kHz, mono or stereo"
"""What :func:`read_wav` reads, as said to a user whose file it cannot."""


def _beside(path: str | Path, ending: str) -> tuple[str, str]:
    """``path`` as given and a WAV file beside it named ``<stem><ending>.wav``, both quoted for
    a shell: what a command the user is told to run reads and writes."""
    given = Path(path)
    out = given.with_name(f"{given.stem}{ending}.wav")
    return shlex.quote(str(given)), shlex.quote(str(out))


def how_to_convert(path: str | Path) -> str:
    """The commands that make a file ``call --audio`` reads out of ``path``, with its own name
    (16 kHz mono 16-bit, the recogniser's), and what is read: the error said `sox in.ext
    -b 16 out.wav`, a placeholder each user had to rewrite."""
    src, out = _beside(path, "-16k")
    return (
        f"convert it with `ffmpeg -i {src} -ar 16000 -ac 1 {out}` or "
        f"`sox {src} -r 16000 -c 1 -b 16 {out}` (read: {READ_FORMATS})"
    )


def _how_to_cut(path: str | Path) -> str:
    src, out = _beside(path, "-first-15min")
    return f"keep the first part with e.g. `sox {src} {out} trim 0 15:00`"


def _how_to_keep_channel(path: str | Path, channel: int) -> str:
    src, out = _beside(path, f"-channel{channel}")
    return f"`sox {src} {out} remix {channel}`"


MAX_WAV_BYTES = 1 << 30
"""The largest file read (an hour at 48 kHz, stereo, 16-bit is 660 MiB)."""
MAX_WAV_SECONDS = 3600
"""The most audio a recording may hold: a call lasts at most CALL_MAX_SECONDS (4 h at most),
and each second of audio takes 8 bytes a sample while it is converted."""

_SHORTEST_WAV = 44
"""The RIFF, format and data headers of a PCM WAV file, with no audio."""
_UNKNOWN_LENGTH = 0x7FFF_F000
"""A data chunk this long or longer is a streaming writer's placeholder ("until the end")."""


def _looks_like_text(data: bytes) -> bool:
    """The start of the file is UTF-8 text: printable characters and line breaks."""
    head = data[:4096]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut off at the end of the sample
            return False
        text = head[: exc.start].decode("utf-8")
    return bool(text) and all(c.isprintable() or c in "\t\r\n" for c in text)


def read_wav(path: str | Path, *, notes: list[str] | None = None) -> tuple[Int16Array, int]:
    """Read a WAV file as mono int16 samples and its sample rate.

    Accepts PCM (8, 16, 24 or 32 bit), IEEE float (32 or 64 bit) and WAVE_FORMAT_EXTENSIBLE
    files of either kind, any number of channels (averaged to mono), 8-96 kHz. Anything else
    raises :class:`AudioFileError` saying what the file is and what would work.

    A file shorter than its header says (a copy or a recording cut off) is read as far as it
    goes; ``notes``, when given, gets a sentence saying how much is missing.
    """

    def too_big() -> str:
        # only for a file: a folder's name may be empty ("." or "/"), which the sox command
        # cannot be written for (`call --audio ""` was "PosixPath('.') has an empty name")
        return f"it is over {MAX_WAV_BYTES >> 20} MB; {_how_to_cut(path)}"

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            # /dev/zero was read until memory ran out; a named pipe waited for ever
            raise AudioFileError(path, "cannot open it (not a file: a folder, device or pipe)")
        if info.st_size > MAX_WAV_BYTES:
            # told before reading: a 1.1 GB file was read whole first (25 s and 1.1 GB of
            # memory on a loaded 2-core machine) only to be refused
            raise AudioFileError(path, too_big())
        with open(path, "rb") as fh:
            data = fh.read(MAX_WAV_BYTES + 1)
    except OSError as exc:
        raise AudioFileError(path, f"cannot open it ({exc.strerror or exc})") from None
    if len(data) > MAX_WAV_BYTES:  # it grew after the stat
        raise AudioFileError(path, too_big())
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        kind = next((name for magic, name in _MAGIC if data.startswith(magic)), None)
        if not data:
            raise AudioFileError(path, "the file is empty")
        if kind is None and _looks_like_text(data):
            # "convert it with sox" was said of a text file too, which no converter makes audio of
            raise AudioFileError(
                path,
                "not a WAV file (it looks like text, not audio); give a recording of the "
                "caller's side (README: Recording a call file)",
            )
        what = f"it looks like {kind}" if kind else "it has no RIFF/WAVE header"
        raise AudioFileError(path, f"not a WAV file ({what}); {how_to_convert(path)}")
    fmt: bytes | None = None
    payload: bytes | None = None
    declared = 0
    pos = 12
    while pos + 8 <= len(data):
        chunk_id = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        body = data[pos + 8 : pos + 8 + size]
        if chunk_id == b"fmt ":
            fmt = body
        elif chunk_id == b"data":
            payload = body  # a truncated file keeps what it has
            declared = size
            if fmt is not None:
                break
        pos += 8 + size + (size & 1)
    cut = pos != len(data) or len(data) < _SHORTEST_WAV
    if (fmt is None or len(fmt) < 16 or payload is None) and cut:
        # a file cut off in its header (a copy stopped early) was "no valid format chunk",
        # which said nothing a caller could act on
        raise AudioFileError(
            path,
            f"the file ends inside its WAV header ({len(data)} bytes): it looks cut off "
            "before any audio; copy or record it again",
        )
    if fmt is None or len(fmt) < 16:
        raise AudioFileError(path, "the WAV file has no valid format chunk")
    if payload is None:
        raise AudioFileError(path, "the WAV file has no data chunk")
    tag = int.from_bytes(fmt[0:2], "little")
    channels = int.from_bytes(fmt[2:4], "little")
    rate = int.from_bytes(fmt[4:8], "little")
    bits = int.from_bytes(fmt[14:16], "little")
    if tag == _WAVE_FORMAT_EXTENSIBLE and len(fmt) >= 26:
        tag = int.from_bytes(fmt[24:26], "little")
    if tag not in (_WAVE_FORMAT_PCM, _WAVE_FORMAT_FLOAT):
        name = _FORMAT_NAMES.get(tag, f"format code {tag}")
        raise AudioFileError(
            path, f"{name} WAV encoding is not supported (use PCM or float); {how_to_convert(path)}"
        )
    if channels < 1:
        raise AudioFileError(path, "the WAV header says it has no channels")
    if not MIN_WAV_RATE <= rate <= MAX_WAV_RATE:
        raise AudioFileError(
            path,
            f"sample rate {rate} Hz is outside {MIN_WAV_RATE}-{MAX_WAV_RATE} Hz "
            "(8 kHz phone audio up to 96 kHz studio audio works)",
        )
    width = bits // 8
    dtypes = {
        (_WAVE_FORMAT_PCM, 8): "u1",
        (_WAVE_FORMAT_PCM, 16): "<i2",
        (_WAVE_FORMAT_PCM, 24): "u1",
        (_WAVE_FORMAT_PCM, 32): "<i4",
        (_WAVE_FORMAT_FLOAT, 32): "<f4",
        (_WAVE_FORMAT_FLOAT, 64): "<f8",
    }
    if (tag, bits) not in dtypes:
        kind = "float" if tag == _WAVE_FORMAT_FLOAT else "PCM"
        raise AudioFileError(path, f"{bits}-bit {kind} is not supported; {how_to_convert(path)}")
    frame = width * channels
    usable = len(payload) - len(payload) % frame
    if usable == 0:
        raise AudioFileError(path, "the WAV file holds no audio samples")
    if usable / (frame * rate) > MAX_WAV_SECONDS:  # before it is converted, 8 bytes a sample
        minutes = usable / (frame * rate) / 60
        raise AudioFileError(
            path,
            f"it holds {minutes:.0f} minutes of audio, over {MAX_WAV_SECONDS // 60}; "
            + _how_to_cut(path),
        )
    raw = np.frombuffer(payload[:usable], dtype=dtypes[(tag, bits)])
    if tag == _WAVE_FORMAT_FLOAT:
        # NaN is silence and anything past full scale is full scale: an infinity or 1e308
        # overflowed the scaling and printed numpy's RuntimeWarning on the command line
        wide = np.nan_to_num(raw.astype(np.float64), nan=0.0, posinf=2.0, neginf=-2.0)
        values = np.clip(wide, -2.0, 2.0) * 32767.0
    elif bits == 8:
        values = (raw.astype(np.float64) - 128.0) * 256.0
    elif bits == 24:
        triples = raw.reshape(-1, 3).astype(np.int32)
        ints = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        values = ints.astype(np.float64) / 256.0
    elif bits == 32:
        values = raw.astype(np.float64) / 65536.0
    else:
        values = raw.astype(np.float64)
    if channels == 2 and _two_voices(pair := values.reshape(-1, 2), rate):
        values = pair[:, 0]
        if notes is not None:
            notes.append(
                "its two channels hold two voices taking turns (a call's recording, as `call` "
                "and `demo` write them: left caller, right agent), so only the left one is "
                "played as the caller; for the right one, " + _how_to_keep_channel(path, 2)
            )
    elif channels > 1:
        each = values.reshape(-1, channels)
        values = each.mean(axis=1)
        if notes is not None:  # averaged silently, a dead or inverted channel went unsaid
            notes.append(_mixed_note(each, values, path))
    samples: Int16Array = np.clip(np.round(values), -32768, 32767).astype(np.int16)
    if notes is not None and len(payload) < declared < _UNKNOWN_LENGTH:
        have, promised = len(payload) / (frame * rate), declared / (frame * rate)
        notes.append(
            f"the file is shorter than its header says ({have:.1f} s of {promised:.1f} s): "
            "it looks cut off, and only the audio it holds is used"
        )
    return samples, rate


_QUIET_CHANNEL_DB = 12.0
"""A channel this much quieter than the loudest one is said when channels are averaged."""
_MIX_LOSS_DB = 6.0
"""The average of the channels this much quieter than the channels are: they cancel out."""


def _mixed_note(
    each: npt.NDArray[np.float64], mix: npt.NDArray[np.float64], path: str | Path
) -> str:
    """What averaging a recording's channels to mono did, in one sentence: that it was done,
    and when the channels differ a lot, how (one much quieter, or channels cancelling each
    other out in the average), with the command that keeps the loudest channel alone."""
    channels = each.shape[1]
    said = f"its {channels} channels are averaged into one, as a phone line carries one"
    levels = np.sqrt(np.mean(np.square(each), axis=0))
    loudest = int(np.argmax(levels))
    if levels[loudest] <= 0:
        return said
    keep = f"for channel {loudest + 1} alone, {_how_to_keep_channel(path, loudest + 1)}"
    quiet = [
        (n, _db(levels[loudest] / level) if level > 0 else None)
        for n, level in enumerate(levels)
        if level * 10 ** (_QUIET_CHANNEL_DB / 20) <= levels[loudest]
    ]
    if quiet:
        named = ", ".join(
            f"channel {n + 1} is "
            + ("silent" if db is None else f"{db:.0f} dB quieter than channel {loudest + 1}")
            for n, db in quiet
        )
        return f"{said}, but {named}; {keep}"
    mixed = float(np.sqrt(np.mean(np.square(mix))))
    loss = _db(float(np.mean(levels)) / mixed) if mixed > 0 else None
    if loss is None or loss >= _MIX_LOSS_DB:
        how = "cancel out" if loss is None else f"cancel out: the average is {loss:.0f} dB quieter"
        return f"{said}, but they {how} (is one channel inverted?); {keep}"
    return said


def _db(ratio: float) -> float:
    return float(20 * np.log10(ratio))


_VOICED = 300.0
"""A 20 ms window whose loudest sample is above this (of 32767, about -40 dBFS) holds sound."""
_MIN_VOICED_SECONDS = 0.5
_MOST_TOGETHER = 0.5


def _two_voices(pair: npt.NDArray[np.float64], rate: int) -> bool:
    """Whether a stereo recording's channels are two people taking turns (a call recorded
    with one party a side), not one voice picked up twice: each channel holds at least half
    a second of sound, and less than half of the quieter one's sounds at the same time as
    the other. Averaged, the agent heard its own earlier words as the caller's ("hello thank
    you for calling" on the demo's call recording)."""
    size = max(1, rate // 50)
    n = pair.shape[0] // size
    if n == 0:
        return False
    loud = np.abs(pair[: n * size]).reshape(n, size, 2).max(axis=1) > _VOICED
    left, right = int(loud[:, 0].sum()), int(loud[:, 1].sum())
    if min(left, right) * size < _MIN_VOICED_SECONDS * rate:
        return False
    together = int((loud[:, 0] & loud[:, 1]).sum())
    return together < _MOST_TOGETHER * min(left, right)


PRIVATE_FILE_MODE = 0o600
"""Recordings hold a caller's voice (and what they said): readable by their owner only, like
the database."""


@contextlib.contextmanager
def private_wav(path: str | Path) -> Iterator[wave.Wave_write]:
    """A WAV file opened for writing, created (or, when replaced, made) readable by its owner
    only: left to the umask, a call's recording was 0644, readable by every account.

    A link at ``path`` is replaced, never written through (attack11: one planted in a shared
    ``--out`` folder by another account had the call truncate, or create, the file it named);
    ``O_NOFOLLOW`` refuses one put back between the two steps."""
    if os.path.islink(path):
        os.unlink(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as file:
        os.fchmod(fd, PRIVATE_FILE_MODE)  # an existing file keeps its mode through O_CREAT
        with wave.open(file, "wb") as wf:
            yield wf


def write_wav(path: str | Path, samples: npt.ArrayLike, sample_rate: int) -> None:
    """Write mono int16 samples as a 16-bit PCM WAV file (owner-only, see private_wav)."""
    data = as_int16(samples)
    with private_wav(path) as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(int(sample_rate))
        wf.writeframes(data.astype("<i2").tobytes())


def as_int16(samples: npt.ArrayLike) -> Int16Array:
    """Coerce to a 1-D int16 array; floats are taken as [-1, 1] and clipped."""
    arr = np.asarray(samples)
    if arr.dtype == np.int16:
        return arr.reshape(-1)
    if np.issubdtype(arr.dtype, np.floating):
        scaled: Int16Array = np.clip(np.round(arr * 32767.0), -32768, 32767).astype(np.int16)
        return scaled.reshape(-1)
    clipped: Int16Array = np.clip(arr, -32768, 32767).astype(np.int16)
    return clipped.reshape(-1)


def to_mono(samples: npt.NDArray[np.int16]) -> Int16Array:
    """Average an interleaved (n, channels) int16 array to mono."""
    if samples.ndim == 1:
        return samples
    mono: Int16Array = np.round(samples.astype(np.float32).mean(axis=1)).astype(np.int16)
    return mono


def resample(samples: npt.ArrayLike, src_rate: int, dst_rate: int) -> Int16Array:
    """Resample mono int16 audio from ``src_rate`` to ``dst_rate`` (numpy only).

    Downsampling first applies an anti-aliasing windowed-sinc low-pass at the target Nyquist,
    then both directions interpolate linearly. Output length is
    ``round(len(samples) * dst_rate / src_rate)``.
    """
    data = as_int16(samples)
    if src_rate <= 0 or dst_rate <= 0:
        raise ValueError("sample rates must be positive")
    if src_rate == dst_rate or data.size == 0:
        return data.copy()
    out_len = int(round(data.size * dst_rate / src_rate))
    x = data.astype(np.float64)
    if dst_rate < src_rate:
        cutoff = 0.5 * dst_rate / src_rate * 0.92
        taps = 63
        kernel = lowpass_kernel(cutoff, taps)
        x = np.convolve(x, kernel, mode="same")
    positions = np.arange(out_len, dtype=np.float64) * (src_rate / dst_rate)
    y = np.interp(positions, np.arange(x.size, dtype=np.float64), x)
    return np.clip(np.round(y), -32768, 32767).astype(np.int16)


def silence(duration: float, sample_rate: int) -> Int16Array:
    """``duration`` seconds of digital silence."""
    return np.zeros(int(round(duration * sample_rate)), dtype=np.int16)


def add_white_noise(samples: npt.ArrayLike, snr_db: float, *, seed: int | None = 0) -> Int16Array:
    """Add Gaussian white noise so that speech power / noise power equals ``snr_db``.

    Speech power is measured over samples above a small floor so that padding silence does
    not inflate the SNR.
    """
    data = as_int16(samples).astype(np.float64)
    active = data[np.abs(data) > 100]
    power = float(np.mean(active**2)) if active.size else 0.0
    if power <= 0.0:
        return as_int16(data)
    noise_power = power / (10.0 ** (snr_db / 10.0))
    rng = np.random.default_rng(seed)
    noisy = data + rng.normal(0.0, math.sqrt(noise_power), size=data.size)
    return np.clip(np.round(noisy), -32768, 32767).astype(np.int16)


def to_audio_frame(samples: npt.ArrayLike, sample_rate: int) -> rtc.AudioFrame:
    """Wrap mono int16 samples in a ``livekit.rtc.AudioFrame``."""
    data = as_int16(samples)
    return rtc.AudioFrame(
        data=data.tobytes(),
        sample_rate=int(sample_rate),
        num_channels=1,
        samples_per_channel=int(data.size),
    )


def from_audio_frame(frame: rtc.AudioFrame) -> Int16Array:
    """Mono int16 samples of a LiveKit frame (multi-channel frames are averaged)."""
    data = np.frombuffer(frame.data, dtype=np.int16)
    if frame.num_channels > 1:
        return to_mono(data.reshape(-1, frame.num_channels))
    return data.copy()


def from_audio_frames(frames: Iterable[rtc.AudioFrame]) -> tuple[Int16Array, int]:
    """Concatenate frames (which must share one sample rate) into mono samples and rate."""
    parts: list[Int16Array] = []
    rate = 0
    for frame in frames:
        if rate and frame.sample_rate != rate:
            raise ValueError("frames have different sample rates")
        rate = frame.sample_rate
        parts.append(from_audio_frame(frame))
    if not parts:
        return np.zeros(0, dtype=np.int16), rate
    return np.concatenate(parts), rate


def split_frames(
    samples: npt.ArrayLike, sample_rate: int, frame_ms: int = 20, *, pad_last: bool = False
) -> Iterator[rtc.AudioFrame]:
    """Cut mono samples into consecutive ``frame_ms`` LiveKit frames (typically 10 or 20 ms).

    The last frame is shorter unless ``pad_last`` zero-fills it to full length.
    """
    data = as_int16(samples)
    step = max(1, int(sample_rate * frame_ms / 1000))
    for start in range(0, data.size, step):
        chunk = data[start : start + step]
        if pad_last and chunk.size < step:
            chunk = np.concatenate([chunk, np.zeros(step - chunk.size, dtype=np.int16)])
        yield to_audio_frame(chunk, sample_rate)


def telephone_band(samples: npt.ArrayLike, sample_rate: int) -> Int16Array:
    """Band-limit to 300-3,400 Hz (a telephone channel) with an FFT brick-wall filter; the
    rate is unchanged (resample to 8 kHz afterwards for a phone line)."""
    data = as_int16(samples).astype(np.float64)
    if data.size == 0:
        return as_int16(data)
    spectrum = np.fft.rfft(data)
    freqs = np.fft.rfftfreq(data.size, 1.0 / sample_rate)
    spectrum[(freqs < 300.0) | (freqs > 3400.0)] = 0.0
    out = np.fft.irfft(spectrum, n=data.size)
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)
