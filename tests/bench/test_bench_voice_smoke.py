"""Smoke tests of the voice benchmarks (turn_latency, sessions, faults): tiny configurations,
output shape and sanity only - never timing thresholds (figures depend on the machine).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench import concurrency, faults, sessions, turn_latency, vad_lag


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def test_turn_latency_smoke(tmp_path: Path) -> None:
    out = tmp_path / "turn_latency.json"
    doc = turn_latency.main(
        [
            "--quick",
            "--quiet",
            "--turns",
            "1",
            "--runs",
            "2",
            "--no-short",
            "--no-deactivation",
            "--json",
            str(out),
        ]
    )
    saved = json.loads(out.read_text())
    assert saved["benchmark"] == doc["benchmark"] == "turn_latency"
    for key in (
        "config",
        "environment",
        "definitions",
        "target",
        "results",
        "seed_published_totals",
    ):
        assert key in saved, key
    assert set(saved["results"]) == {"no_tool", "tool"}
    assert saved["config"]["runs"] == 2
    for name, r in saved["results"].items():
        # medians of two runs, each run's load average and figures kept
        assert r["runs"] == 2 and len(r["loadavg_1m"]) == len(r["per_run"]) == 2, name
        assert all(_finite(x) for x in r["loadavg_1m"])
        runs_p50 = sorted(run["measured"]["p50_ms"] for run in r["per_run"])
        assert r["measured"]["p50_ms"] == pytest.approx(sum(runs_p50) / 2, abs=0.01)
        assert r["turns"] == 1 and r["answered"] == 1, name
        assert r["tool"] is (name == "tool")
        # the seed's low ends: STT 200, LLM 500 (twice with a tool), TTS 200
        assert r["provider_sum_ms"] == pytest.approx(1400.0 if r["tool"] else 900.0)
        measured = r["measured"]["p50_ms"]
        # measured covers at least the providers and the VAD silence
        assert _finite(measured) and measured > r["provider_sum_ms"] + 400
        turn = r["per_turn"][0]
        assert turn["overhead_ms"] == pytest.approx(
            turn["latency_ms"] - r["provider_sum_ms"] - r["vad_min_silence_s"] * 1000, abs=0.05
        )
        b = turn["breakdown_ms"]
        assert b["stt"] >= 200 and b["llm_first_token"] >= 500 and b["tts_first_audio"] >= 200
        assert _finite(b["pipeline"]) and b["pipeline"] >= 0
        assert (b["tool_step"] is not None) is r["tool"]
        assert r["transcript_turns"] == 2  # the caller's line and the reply
    assert isinstance(saved["target"]["met"], bool)


def test_sessions_smoke(tmp_path: Path) -> None:
    out = tmp_path / "sessions.json"
    argv = ["--quick", "--quiet", "--voice-ramp", "1", "--text-ramp", "5,10"]
    doc = sessions.main([*argv, "--think", "0.2", "--json", str(out)])
    saved = json.loads(out.read_text())
    assert saved["benchmark"] == doc["benchmark"] == "sessions"
    voice = saved["voice"]
    assert voice["engines"] == {"llm": "offline", "stt": "offline", "tts": "offline"}
    [step] = voice["steps"]
    assert step["sessions"] == 1 and step["turns"] == 1 and not step["errors"]
    for key in ("p50_ms", "p95_ms", "max_frame_late_ms", "max_loop_lag_ms", "cpu_process_pct"):
        assert key in step, key
    if step["unanswered"] == 0:
        assert _finite(step["p95_ms"]) and step["p95_ms"] > 0
    assert isinstance(step["realtime"], bool)
    text = saved["text"]
    assert [s["sessions"] for s in text["steps"]] == [5, 10]
    for s in text["steps"]:
        assert s["errors"] == 0, s["error_samples"]
        assert s["turns"] == s["sessions"] * 3
        assert 0 < s["turn_p50_ms"] <= s["turn_p95_ms"] <= s["turn_max_ms"]
        assert isinstance(s["within_target"], bool)


@pytest.mark.postgres
def test_faults_smoke(tmp_path: Path) -> None:
    out = tmp_path / "faults.json"
    doc = faults.main(["--quick", "--quiet", "--only", "db,llm,stt", "--json", str(out)])
    saved = json.loads(out.read_text())
    assert saved["benchmark"] == doc["benchmark"] == "faults"
    assert set(saved["results"]) == {"db", "llm", "stt"}
    db = saved["results"]["db"]
    assert "crash" not in db, db.get("crash")
    assert db["checks"]["server_down"] is True
    assert [t["phase"] for t in db["turns"]].count("down") == 2
    assert db["row"]["exists"] is True
    llm = saved["results"]["llm"]
    assert llm["checks"]["fault_injected"] is True
    assert llm["fault_turn"] == 1 and len(llm["per_turn"]) == 3
    for name, r in saved["results"].items():
        # each fault must be survived: these verdicts are correctness, not timing
        assert r["passed"] is True, (name, r.get("checks"))
        assert saved["passed"][name] is True


def test_faults_sigterm_shape(tmp_path: Path) -> None:
    """SIGTERM mid-call: the process exits and the call's row is finished."""
    out = tmp_path / "faults.json"
    faults.main(["--quick", "--quiet", "--only", "sigterm", "--json", str(out)])
    r = json.loads(out.read_text())["results"]["sigterm"]
    assert r["checks"]["sigterm_sent_mid_call"] is True
    assert r["checks"]["process_exited"] is True
    assert r["checks"]["row_exists"] is True
    assert r["checks"]["row_has_transcript_so_far"] is True
    assert r["passed"] is True, r["checks"]


def test_concurrency_smoke(tmp_path: Path) -> None:
    out = tmp_path / "concurrency.json"
    doc = concurrency.main(
        ["--quick", "--quiet", "--ramp", "1", "--turns", "1", "--spread", "0", "--json", str(out)]
    )
    saved = json.loads(out.read_text())
    assert doc is not None and saved["benchmark"] == doc["benchmark"] == "concurrency"
    [step] = saved["steps"]
    assert step["calls"] == 1 and step["runs"] == 1 and step["turns"] == 1
    assert saved["config"]["settle_heap"] is True
    for key in ("p50_ms", "p95_ms", "late_frames", "loop_lag_p99_ms", "cpu_pct", "loadavg_1m"):
        assert key in step, key
    if step["unanswered"] == 0:
        assert _finite(step["p95_ms"]) and step["p95_ms"] > 400  # includes the VAD silence
        # the turn's critical path, stage by stage, adds up to the measured latency
        stages = step["per_run"][0]["stages"]
        assert set(stages) == set(concurrency.STAGES)
        assert all(stages[k]["turns"] == 1 for k in concurrency.STAGES), stages
        total = sum(stages[k]["p50_ms"] for k in concurrency.STAGES)
        assert total == pytest.approx(step["p50_ms"], abs=2.0)
        assert stages["vad"]["p50_ms"] > 400  # the VAD's silence window
    assert isinstance(step["realtime"], bool)


def test_concurrency_processes_smoke(tmp_path: Path) -> None:
    """--processes: child processes warm up, run on GO and report; figures over all calls."""
    out = tmp_path / "concurrency.json"
    argv = ["--quick", "--quiet", "--processes", "2", "--ramp", "1", "--turns", "1"]
    concurrency.main([*argv, "--spread", "0", "--json", str(out)])
    saved = json.loads(out.read_text())
    [step] = saved["steps"]
    assert step["processes"] == 2 and step["calls"] == 2 and step["turns"] == 2
    assert not step["errors"]
    assert step["stages"]["vad"]["turns"] == 2 - step["unanswered"]


def test_vad_lag_smoke(tmp_path: Path) -> None:
    out = tmp_path / "vad_lag.json"
    doc = vad_lag.main(["--quick", "--quiet", "--thresholds", "0.35,0.5", "--json", str(out)])
    saved = json.loads(out.read_text())
    assert saved["benchmark"] == doc["benchmark"] == "vad_lag"
    assert [r["deactivation_threshold"] for r in saved["results"]] == [0.35, 0.5]
    for r in saved["results"]:
        assert r["utterances"] == 2 and r["no_end_of_speech"] == 0
        lag = r["lag_ms"]
        # end of speech comes after the silence window, within a few 32 ms windows of it
        assert 0 <= lag["p50"] <= lag["p95"] <= lag["max"] < 500
