"""`voice-agent call`: where the recording of the call goes; an existing one is never
replaced without --force."""

from __future__ import annotations

from pathlib import Path

from voice_agent.entrypoints.call import output_path


def test_a_new_name_is_used_as_it_is(tmp_path: Path) -> None:
    assert output_path(tmp_path, "caller", replace=False) == (tmp_path / "caller.wav", None)


def test_an_existing_recording_is_kept_and_the_call_numbered(tmp_path: Path) -> None:
    (tmp_path / "caller.wav").write_bytes(b"first")
    (tmp_path / "caller-2.wav").write_bytes(b"second")
    path, note = output_path(tmp_path, "caller", replace=False)
    assert path == tmp_path / "caller-3.wav"
    kept = tmp_path / "caller.wav"
    assert note == f"{kept} exists: this call goes to {path} (--force replaces it)"
    assert (tmp_path / "caller.wav").read_bytes() == b"first"


def test_force_replaces_visibly(tmp_path: Path) -> None:
    (tmp_path / "caller.wav").write_bytes(b"first")
    path, note = output_path(tmp_path, "caller", replace=True)
    assert path == tmp_path / "caller.wav" and note == f"replacing {path} (--force)"


def test_a_dangling_link_is_a_recording_there_already(tmp_path: Path) -> None:
    """attack11: a link left at caller.wav naming a file not there yet (another account's
    trap) counted as no file, so the call went to it, creating the file it names."""
    (tmp_path / "caller.wav").symlink_to(tmp_path / "elsewhere.txt")
    path, note = output_path(tmp_path, "caller", replace=False)
    assert path == tmp_path / "caller-2.wav" and note is not None
