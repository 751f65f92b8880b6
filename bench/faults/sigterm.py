"""(sigterm) ``voice-agent call --audio`` terminated mid-call: the row must be finished."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np

from bench.voice import caller_speech
from voice_agent.adapters.offline.audio import resample

SIGTERM_LINES = [
    "What times are available on Friday?",
    "What about Thursday?",
    "And Monday?",
    "No thanks. Goodbye.",
]


def _write_call_wav(path: Path, gap: float) -> float:
    parts = [np.zeros(16000, dtype=np.int16)]
    for line in SIGTERM_LINES:
        samples, rate = caller_speech(line)
        parts.append(resample(samples, rate, 16000))
        parts.append(np.zeros(int(16000 * gap), dtype=np.int16))
    audio = np.concatenate(parts)
    with wave.open(str(path), "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(16000)
        wf.writeframes(audio.astype("<i2").tobytes())
    return audio.size / 16000


def _read_rows(db: Path) -> list[dict[str, Any]]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            cur = con.execute("SELECT id, transcript, end_reason, ended_at FROM conversations")
            rows = []
            for cid, transcript, end_reason, ended_at in cur.fetchall():
                items = json.loads(transcript) if isinstance(transcript, str) else transcript
                rows.append(
                    {
                        "id": cid,
                        "transcript": items or [],
                        "end_reason": end_reason,
                        "ended_at": ended_at,
                    }
                )
            return rows
        finally:
            con.close()
    except sqlite3.Error:
        return []


def run(args: Any, workdir: Path) -> dict[str, Any]:
    work = workdir / "sigterm"
    work.mkdir(parents=True, exist_ok=True)
    wav = work / "caller.wav"
    audio_s = _write_call_wav(wav, gap=7.0)
    db = work / "call.db"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith("_API_KEY") and k not in ("DATABASE_URL", "OPENAI_BASE_URL")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        DATA_DIR=str(work / "var"),
        STT_PROVIDER="offline",
        TTS_PROVIDER="offline",
        LLM_PROVIDER="offline",
        PYTHONUNBUFFERED="1",
    )
    exe = Path(sys.executable).parent / "voice-agent"
    cmd = [str(exe), "call", "--audio", str(wav), "--out", str(work / "out")]
    log_path = work / "child.log"
    t0 = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        sent_at = None
        seen: list[dict[str, Any]] = []
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and proc.poll() is None:
                seen = _read_rows(db)
                if seen:
                    roles = [t.get("role") for t in seen[0]["transcript"]]
                    if "user" in roles and "assistant" in roles[roles.index("user") :]:
                        break
                time.sleep(0.2)
            if proc.poll() is None:
                time.sleep(0.3)
                seen = _read_rows(db)
                proc.send_signal(signal.SIGTERM)
                sent_at = time.monotonic()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
    exit_s = round(time.monotonic() - sent_at, 2) if sent_at else None
    rows = _read_rows(db)
    row = rows[0] if rows else None
    before = seen[0]["transcript"] if seen else []
    checks = {
        "sigterm_sent_mid_call": sent_at is not None,
        "process_exited": proc.returncode is not None,
        "row_exists": row is not None,
        "row_has_transcript_so_far": row is not None and len(row["transcript"]) >= len(before) > 0,
        "row_has_end_reason": row is not None and bool(row["end_reason"]),
        "row_has_ended_at": row is not None and bool(row["ended_at"]),
    }
    tail = log_path.read_text(errors="replace")[-1500:]
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "command": " ".join(cmd),
        "caller_audio_seconds": round(audio_s, 1),
        "sigterm_after_seconds": round(sent_at - t0, 1) if sent_at else None,
        "exit_code": proc.returncode,
        "exit_seconds_after_sigterm": exit_s,
        "transcript_at_sigterm": len(before),
        "row": None
        if row is None
        else {
            "transcript_items": len(row["transcript"]),
            "roles": [t.get("role") for t in row["transcript"]],
            "end_reason": row["end_reason"],
            "ended_at": row["ended_at"],
        },
        "child_log_tail": tail,
    }
