"""WAV I/O, resampling and LiveKit frame helpers of the offline audio module."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import numpy as np
import pytest

from voice_agent.adapters.offline import audio


def _tone(freq: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * freq * t) * 12000).astype(np.int16)


def test_wav_round_trip(tmp_path: Path) -> None:
    samples = (np.random.default_rng(1).normal(0, 3000, 12345)).astype(np.int16)
    path = tmp_path / "x.wav"
    audio.write_wav(path, samples, 22050)
    back, rate = audio.read_wav(path)
    assert rate == 22050
    assert back.dtype == np.int16
    np.testing.assert_array_equal(back, samples)


@pytest.mark.parametrize(("src", "dst"), [(22050, 16000), (16000, 48000), (48000, 16000)])
def test_resample_length_and_pitch(src: int, dst: int) -> None:
    tone = _tone(440.0, src)
    out = audio.resample(tone, src, dst)
    assert out.dtype == np.int16
    assert out.size == round(tone.size * dst / src)
    spectrum = np.abs(np.fft.rfft(out.astype(np.float64)))
    peak_hz = np.argmax(spectrum) * dst / out.size
    assert abs(peak_hz - 440.0) < 5.0


def test_resample_attenuates_content_above_new_nyquist() -> None:
    tone = _tone(10000.0, 48000)  # above 8 kHz, must not alias into the 16 kHz band
    out = audio.resample(tone, 48000, 16000)
    middle = out[200:-200]  # the abrupt start/end of the test tone is broadband
    assert np.abs(middle).max() < 0.01 * np.abs(tone).max()


def test_resample_same_rate_is_a_copy() -> None:
    tone = _tone(300.0, 16000, 0.1)
    out = audio.resample(tone, 16000, 16000)
    np.testing.assert_array_equal(out, tone)
    assert out is not tone


def test_frame_round_trip_and_split() -> None:
    samples = np.arange(-500, 500, dtype=np.int16)
    frame = audio.to_audio_frame(samples, 16000)
    assert frame.sample_rate == 16000 and frame.num_channels == 1
    np.testing.assert_array_equal(audio.from_audio_frame(frame), samples)

    frames = list(audio.split_frames(samples, 16000, frame_ms=20))
    assert [f.samples_per_channel for f in frames] == [320, 320, 320, 40]
    frames10 = list(audio.split_frames(samples, 16000, frame_ms=10, pad_last=True))
    assert {f.samples_per_channel for f in frames10} == {160}
    joined, rate = audio.from_audio_frames(frames)
    assert rate == 16000
    np.testing.assert_array_equal(joined, samples)


def test_stereo_frames_are_downmixed() -> None:
    stereo = np.array([[100, 300], [-200, -400]], dtype=np.int16)
    from livekit import rtc

    frame = rtc.AudioFrame(stereo.tobytes(), 8000, 2, 2)
    np.testing.assert_array_equal(audio.from_audio_frame(frame), [200, -300])


def test_white_noise_hits_requested_snr() -> None:
    clean = _tone(500.0, 16000)
    noisy = audio.add_white_noise(clean, 10.0, seed=3)
    noise = noisy.astype(np.float64) - clean
    snr = 10 * np.log10(np.mean(clean.astype(np.float64) ** 2) / np.mean(noise**2))
    assert abs(snr - 10.0) < 0.5


def test_float_input_is_scaled_and_clipped() -> None:
    out = audio.as_int16(np.array([0.0, 0.5, 2.0, -2.0]))
    assert out.tolist() == [0, 16384, 32767, -32768]


# --- reading any common WAV -------------------------------------------------------------------


def _wav_bytes(
    payload: bytes, *, tag: int, channels: int, rate: int, bits: int, extensible: bool = False
) -> bytes:
    import struct

    block = channels * bits // 8
    fmt = struct.pack(
        "<HHIIHH", 0xFFFE if extensible else tag, channels, rate, rate * block, block, bits
    )
    if extensible:
        guid_tail = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
        fmt += struct.pack("<HHI", 22, bits, 0) + struct.pack("<H", tag) + guid_tail
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    chunks += b"LIST" + struct.pack("<I", 3) + b"abc\x00"  # an odd-sized chunk to skip
    chunks += b"data" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


_REF = np.array([0, 1000, -1000, 32767, -32768, 12345], dtype=np.int16)


def _encode(kind: str) -> tuple[bytes, int, int]:
    """(payload, format tag, bits) holding _REF in the given encoding."""
    x = _REF.astype(np.int64)
    if kind == "pcm8":
        return ((x >> 8) + 128).astype(np.uint8).tobytes(), 1, 8
    if kind == "pcm16":
        return _REF.astype("<i2").tobytes(), 1, 16
    if kind == "pcm24":
        v = (x << 8) & 0xFFFFFF
        b = np.stack([v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF], axis=1).astype(np.uint8)
        return b.tobytes(), 1, 24
    if kind == "pcm32":
        return (x << 16).astype("<i4").tobytes(), 1, 32
    if kind == "float32":
        return (x / 32767.0).astype("<f4").tobytes(), 3, 32
    return (x / 32767.0).astype("<f8").tobytes(), 3, 64


@pytest.mark.parametrize("kind", ["pcm16", "pcm24", "pcm32", "float32", "float64", "pcm8"])
@pytest.mark.parametrize("extensible", [False, True])
def test_read_wav_decodes_common_encodings(tmp_path: Path, kind: str, extensible: bool) -> None:
    payload, tag, bits = _encode(kind)
    path = tmp_path / f"{kind}.wav"
    path.write_bytes(
        _wav_bytes(payload, tag=tag, channels=1, rate=44100, bits=bits, extensible=extensible)
    )
    samples, rate = audio.read_wav(path)
    assert rate == 44100 and samples.dtype == np.int16
    tolerance = 256 if kind == "pcm8" else 1
    assert np.abs(samples.astype(np.int32) - _REF.astype(np.int32)).max() <= tolerance


def test_read_wav_downmixes_stereo_at_8khz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    stereo = np.stack([_REF, np.zeros_like(_REF)], axis=1).astype("<i2").tobytes()
    path = Path("phone.wav")
    path.write_bytes(_wav_bytes(stereo, tag=1, channels=2, rate=8000, bits=16))
    notes: list[str] = []
    samples, rate = audio.read_wav(path, notes=notes)
    assert rate == 8000
    np.testing.assert_array_equal(samples, np.round(_REF.astype(np.float64) / 2).astype(np.int16))
    # averaged silently, the caller was half as loud and nothing said why
    assert notes == [
        "its 2 channels are averaged into one, as a phone line carries one, but channel 2 is "
        "silent; for channel 1 alone, `sox phone.wav phone-channel1.wav remix 1`"
    ]


def test_a_call_recording_with_a_party_a_channel_plays_only_its_left_one(tmp_path: Path) -> None:
    """The demo's and `call`'s stereo recordings (left caller, right agent) given to `call
    --audio` were averaged: the agent heard its own greeting as the caller's first words."""
    rate = 16000
    gap = np.zeros(rate, dtype=np.int16)
    caller = np.concatenate([gap, _tone(300, rate), gap, gap, _tone(350, rate), gap])
    agent = np.concatenate([_tone(200, rate), gap, gap, _tone(250, rate), gap, gap])
    path = tmp_path / "call.wav"
    stereo = np.stack([caller, agent], axis=1).astype("<i2").tobytes()
    path.write_bytes(_wav_bytes(stereo, tag=1, channels=2, rate=rate, bits=16))
    notes: list[str] = []
    samples, _ = audio.read_wav(path, notes=notes)
    np.testing.assert_array_equal(samples, caller)
    assert len(notes) == 1 and "only the left one is played as the caller" in notes[0]


def test_one_voice_on_both_channels_is_still_averaged(tmp_path: Path) -> None:
    """A stereo microphone hears the one caller on both sides, a little apart."""
    rate = 16000
    gap = np.zeros(rate, dtype=np.int16)
    voice = np.concatenate([_tone(300, rate), gap, _tone(350, rate), gap])
    echo = (np.roll(voice, 40) * 0.7).astype(np.int16)
    path = tmp_path / "mic.wav"
    stereo = np.stack([voice, echo], axis=1).astype("<i2").tobytes()
    path.write_bytes(_wav_bytes(stereo, tag=1, channels=2, rate=rate, bits=16))
    notes: list[str] = []
    samples, _ = audio.read_wav(path, notes=notes)
    mixed = np.round((voice.astype(np.float64) + echo) / 2).astype(np.int16)
    np.testing.assert_array_equal(samples, mixed)
    # said in one line, with nothing more: the channels are alike
    assert notes == ["its 2 channels are averaged into one, as a phone line carries one"]


@pytest.mark.parametrize(
    ("right", "said"),
    [
        (0.1, "channel 2 is 20 dB quieter than channel 1"),
        (-0.95, "they cancel out: the average is 32 dB quieter (is one channel inverted?)"),
    ],
    ids=["a quiet channel", "an inverted channel"],
)
def test_channels_that_differ_a_lot_are_said_when_averaged(
    tmp_path: Path, right: float, said: str
) -> None:
    """A far-away second microphone, or a channel wired the wrong way round, made the
    caller's words quieter (or nearly nothing) in the average, and nothing said so."""
    rate = 16000
    gap = np.zeros(rate, dtype=np.int16)
    voice = np.concatenate([_tone(300, rate), gap, _tone(350, rate), gap])
    other = (voice * right).astype(np.int16)
    path = tmp_path / "mic.wav"
    stereo = np.stack([voice, other], axis=1).astype("<i2").tobytes()
    path.write_bytes(_wav_bytes(stereo, tag=1, channels=2, rate=rate, bits=16))
    notes: list[str] = []
    audio.read_wav(path, notes=notes)
    assert notes == [
        f"its 2 channels are averaged into one, as a phone line carries one, but {said}; "
        f"for channel 1 alone, `sox {path} {tmp_path / 'mic-channel1.wav'} remix 1`"
    ]


def test_a_file_it_cannot_read_is_told_the_commands_for_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The error said `sox in.ext -b 16 out.wav`: a placeholder the user had to rewrite, with
    no word of what would be read. It names the user's own file, as typed, quoted for the
    shell, and what is read."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "recordings").mkdir()
    for name, content in (
        ("my call.mp3", b"ID3\x04\x00" + bytes(100)),
        ("a-law.wav", _wav_bytes(bytes(100), tag=6, channels=1, rate=8000, bits=8)),
    ):
        path = Path("recordings") / name
        path.write_bytes(content)
        with pytest.raises(audio.AudioFileError) as info:
            audio.read_wav(path)
        src = shlex.quote(str(path))
        out = shlex.quote(str(path.with_name(f"{path.stem}-16k.wav")))
        assert f"`ffmpeg -i {src} -ar 16000 -ac 1 {out}`" in info.value.reason
        assert f"`sox {src} -r 16000 -c 1 -b 16 {out}`" in info.value.reason
        assert audio.READ_FORMATS in info.value.reason
        assert "in.ext" not in info.value.reason
    assert "'recordings/my call.mp3'" in src + out or src == "recordings/a-law.wav"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"ID3\x04\x00" + bytes(100), "looks like an MP3 file"),
        (b"OggS" + bytes(100), "looks like an Ogg file"),
        (bytes(range(7, 64)), "no RIFF/WAVE header"),
        # "convert it with sox" was said of a text file too
        (b"hello, this is text\n", r"looks like text, not audio"),
        ("café, vingt-deux\n".encode(), r"looks like text, not audio"),
        (_wav_bytes(bytes(100), tag=6, channels=1, rate=8000, bits=8), "A-law"),
        (_wav_bytes(bytes(100), tag=1, channels=1, rate=4000, bits=16), "4000 Hz"),
        (_wav_bytes(bytes(100), tag=1, channels=1, rate=16000, bits=12), "12-bit PCM"),
        (_wav_bytes(b"", tag=1, channels=1, rate=16000, bits=16), "no audio samples"),
        # a file that holds whole chunks, none of them a format chunk
        (b"RIFF\x34\x00\x00\x00WAVELIST\x28\x00\x00\x00" + bytes(40), "no valid format chunk"),
        # cut off in its header: "no valid format chunk" said nothing to act on
        (b"RIFF\x04\x00\x00\x00WAVE", r"ends inside its WAV header \(12 bytes\): it looks cut off"),
        (
            _wav_bytes(bytes(1000), tag=1, channels=1, rate=16000, bits=16)[:30],
            r"ends inside its WAV header \(30 bytes\).*copy or record it again",
        ),
    ],
)
def test_read_wav_says_what_it_cannot_read(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "caller.wav"
    path.write_bytes(content)
    with pytest.raises(audio.AudioFileError, match=expected) as info:
        audio.read_wav(path)
    assert info.value.path == path


def test_read_wav_on_a_directory_is_an_audio_error(tmp_path: Path) -> None:
    with pytest.raises(audio.AudioFileError, match="cannot open"):
        audio.read_wav(tmp_path)


def test_telephone_band_removes_content_outside_300_3400_hz() -> None:
    low, mid, high = _tone(100.0, 16000), _tone(1000.0, 16000), _tone(6000.0, 16000)
    mixed = (low.astype(np.int32) + mid + high) // 3
    out = audio.telephone_band(mixed, 16000)
    spectrum = np.abs(np.fft.rfft(out.astype(np.float64)))
    freqs = np.fft.rfftfreq(out.size, 1 / 16000)
    peak = spectrum.max()
    assert spectrum[np.argmin(np.abs(freqs - 1000))] == peak
    assert spectrum[np.argmin(np.abs(freqs - 100))] < 0.01 * peak
    assert spectrum[np.argmin(np.abs(freqs - 6000))] < 0.01 * peak


def test_a_cut_off_wav_is_read_as_far_as_it_goes_and_says_so(tmp_path: Path) -> None:
    whole = _wav_bytes(bytes(16000 * 2 * 3), tag=1, channels=1, rate=16000, bits=16)
    path = tmp_path / "caller.wav"
    path.write_bytes(whole[: len(whole) - 16000 * 2 * 2])  # the last 2 of 3 seconds lost
    notes: list[str] = []
    samples, rate = audio.read_wav(path, notes=notes)
    assert rate == 16000 and samples.size < 16000 * 2
    assert notes == [
        "the file is shorter than its header says (1.0 s of 3.0 s): it looks cut off, "
        "and only the audio it holds is used"
    ]


@pytest.mark.parametrize("declared", [None, 0xFFFFFFFF])
def test_a_whole_or_streamed_wav_has_no_note(tmp_path: Path, declared: int | None) -> None:
    import struct

    data = _wav_bytes(bytes(16000 * 2), tag=1, channels=1, rate=16000, bits=16)
    if declared is not None:  # a streaming writer's "until the end of the file"
        at = data.index(b"data") + 4
        data = data[:at] + struct.pack("<I", declared) + data[at + 4 :]
    path = tmp_path / "caller.wav"
    path.write_bytes(data)
    notes: list[str] = []
    samples, _ = audio.read_wav(path, notes=notes)
    assert samples.size == 16000 and notes == []


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_read_wav_refuses_a_device_or_a_pipe_without_reading_it(tmp_path: Path) -> None:
    """``call --audio /dev/zero`` read until memory ran out (MemoryError under a 2 GB
    ulimit, the machine's memory without one); a named pipe waited for a writer for ever."""
    with pytest.raises(audio.AudioFileError, match="not a file"):
        audio.read_wav("/dev/zero")
    pipe = tmp_path / "caller.wav"
    os.mkfifo(pipe)
    with pytest.raises(audio.AudioFileError, match="not a file"):
        audio.read_wav(pipe)


def test_read_wav_refuses_a_folder_whose_name_is_empty() -> None:
    """``call --audio ""`` (typer's ``Path(".")``) or ``call --audio /``: the error's sox
    command for a file too big was written first, and a folder with no name raised
    "PosixPath('.') has an empty name"."""
    for folder in (".", "/", ".."):
        with pytest.raises(audio.AudioFileError, match="not a file: a folder"):
            audio.read_wav(Path(folder))


def test_read_wav_refuses_a_file_too_big_or_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole file was read, then converted at 8 bytes a sample: a file of a few GB (or a
    header that says 4 GB over a file that has them) took all the memory there was."""
    monkeypatch.setattr(audio, "MAX_WAV_BYTES", 40_000)
    monkeypatch.setattr(audio, "MAX_WAV_SECONDS", 1)
    path = tmp_path / "caller.wav"
    path.write_bytes(_wav_bytes(bytes(50_000), tag=1, channels=1, rate=8000, bits=16))
    with pytest.raises(audio.AudioFileError, match="it is over"):
        audio.read_wav(path)
    path.write_bytes(_wav_bytes(bytes(20_000), tag=1, channels=1, rate=8000, bits=16))  # 1.25 s
    with pytest.raises(audio.AudioFileError, match="minutes of audio"):
        audio.read_wav(path)
    path.write_bytes(_wav_bytes(bytes(15_000), tag=1, channels=1, rate=8000, bits=16))  # 0.94 s
    assert audio.read_wav(path)[0].size == 7_500


def test_read_wav_refuses_a_file_too_big_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1.1 GB file was read whole (25 s and 1.1 GB of memory at load 10 on 2 cores) and
    only then refused for its size: its size on disk is known before a byte is read."""
    monkeypatch.setattr(audio, "MAX_WAV_BYTES", 40_000)
    path = tmp_path / "caller.wav"
    path.write_bytes(_wav_bytes(bytes(50_000), tag=1, channels=1, rate=8000, bits=16))
    opened: list[object] = []

    def refusing_open(*args: object, **kwargs: object) -> object:
        opened.append(args[0])
        raise AssertionError("the file was opened to be read")

    monkeypatch.setattr(audio, "open", refusing_open, raising=False)
    with pytest.raises(audio.AudioFileError, match="it is over"):
        audio.read_wav(path)
    assert opened == []


@pytest.mark.parametrize("target_there", [True, False])
def test_a_recording_replaces_a_link_planted_where_it_goes_never_its_target(
    tmp_path: Path, target_there: bool
) -> None:
    """attack11: a link planted at the recording's path (`ln -s ~/.bashrc
    /tmp/calls/caller.wav` by another account, before `call --out /tmp/calls --force`, or left
    dangling) had the call written through it: the file it names truncated to a WAV, made
    owner-only, or created. The link itself is replaced; what it names is left alone."""
    victim = tmp_path / "victim.txt"
    if target_there:
        victim.write_text("keep me\n")
    out = tmp_path / "calls"
    out.mkdir()
    (out / "caller.wav").symlink_to(victim)
    audio.write_wav(out / "caller.wav", np.zeros(800, dtype=np.int16), 8000)
    assert not (out / "caller.wav").is_symlink()
    assert audio.read_wav(out / "caller.wav")[1] == 8000
    if target_there:
        assert victim.read_text() == "keep me\n"
    else:
        assert not victim.exists()


def test_a_float_recording_of_infinities_and_nans_reads_as_clipped_audio_without_warnings(
    tmp_path: Path,
) -> None:
    """A float WAV holding NaN, infinities and 1e308 (a broken export, or a file made to
    trip the reader) had numpy warn "overflow encountered in multiply" on the command line;
    it reads as silence and full scale, quietly."""
    import warnings

    raw = np.array([np.nan, np.inf, -np.inf, 1e308, -1e308, 0.5], dtype="<f8")
    wav = tmp_path / "broken.wav"
    wav.write_bytes(_wav_bytes(raw.tobytes(), tag=3, channels=1, rate=16_000, bits=64))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        samples, rate = audio.read_wav(wav)
    assert rate == 16_000
    assert samples.tolist() == [0, 32767, -32768, 32767, -32768, 16384]
