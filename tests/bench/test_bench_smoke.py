"""Smoke tests of the benchmarks (the bench package): tiny configurations, output shape only.

No timing thresholds here: the figures depend on the machine; only keys and sane values are checked.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench import common, contention, tool_latency


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


def test_percentile_and_summary() -> None:
    assert common.percentile([1, 2, 3, 4], 50) == 2.5
    assert common.percentile([5.0], 99) == 5.0
    assert math.isnan(common.percentile([], 50))
    s = common.summarize([0.001] * 99 + [0.1])
    assert s["n"] == 100 and s["p50_ms"] == pytest.approx(1.0)
    assert s["p50_ms"] <= s["p99_ms"] <= s["max_ms"] == pytest.approx(100.0)
    table = common.format_table(["op", "ms"], [("book", 1.5), ("cancel", 12.25)])
    assert "book" in table and "12.25" in table


@pytest.mark.parametrize(
    "backends",
    ["sqlite", pytest.param("sqlite,postgresql", marks=pytest.mark.postgres)],
)
def test_tool_latency_smoke(tmp_path: Path, backends: str) -> None:
    out = tmp_path / "tool_latency.json"
    ops = 15
    doc = tool_latency.main(
        [
            "--quick",
            "--quiet",
            "--ops",
            str(ops),
            "--warmup",
            "3",
            "--runs",
            "2",
            "--no-pg-fsync",
            "--backends",
            backends,
            "--json",
            str(out),
        ]
    )
    saved = json.loads(out.read_text())
    assert saved["benchmark"] == doc["benchmark"] == "tool_latency"
    for key in ("config", "environment", "data_shape", "load", "results", "target", "operations"):
        assert key in saved, key
    names = backends.split(",")
    assert sorted(saved["results"]) == sorted(names)
    # figures are medians of the runs; each run's figures and load average are kept
    assert saved["config"]["runs"] == len(saved["per_run"]) == len(saved["loadavg_per_run"]) == 2
    for name in names:
        p50s = sorted(r["results"][name]["book"]["p50_ms"] for r in saved["per_run"])
        assert saved["results"][name]["book"]["p50_ms"] == pytest.approx(sum(p50s) / 2, abs=1e-3)

    shape = saved["data_shape"]
    assert shape["appointments"] == 20_000 and shape["users"] == 2_000
    assert sum(shape["by_status"].values()) == 20_000
    assert shape["by_status"]["completed"] > shape["by_status"]["booked"] > 0
    assert 5 < shape["appointments_per_user"]["mean"] < 15

    expected_ops = {
        "identify_existing",
        "identify_unknown",
        "identify_register",
        "available_slots",
        "appointments",
        "upcoming",
        "book",
        "reschedule",
        "cancel",
    }
    assert expected_ops == set(saved["operations"])
    for name in names:
        assert _positive(saved["load"][name]["seconds"])
        for op in expected_ops | set(saved["references"]):
            r = saved["results"][name][op]
            assert r["n"] == ops, (name, op)
            assert _positive(r["p50_ms"]) and _positive(r["ops_per_s"])
            assert r["p50_ms"] <= r["p99_ms"] <= r["max_ms"]
            if op in expected_ops:
                assert r["statements_per_op"] >= 1
    target = saved["target"]
    if "postgresql" in names:
        assert isinstance(target["met"], bool) and _positive(target["worst_p99_ms"])
        assert saved["explain"]["appointments.get_by_code"]["plan"]
    else:
        assert target["met"] is None


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_contention_smoke(tmp_path: Path, backend: str) -> None:
    out = tmp_path / "contention.json"
    argv = ["--quick", "--quiet", "--clients", "25", "--days", "2", "--json", str(out)]
    argv += ["--sqlite"] if backend == "sqlite" else ["--no-pg-fsync"]
    contention.main(argv)
    doc = json.loads(out.read_text())
    assert doc["benchmark"] == "contention" and doc["backend"] == backend
    s, checks = doc["summary"], doc["checks"]
    assert s["slots"] == 14 and s["bookings"] == 14
    assert s["clients_won"] == 14 and s["clients_sold_out"] == 11 and s["clients_gave_up"] == 0
    assert s["other_exceptions"] == 0, s["other_exceptions_by_type"]
    assert s["book_attempts"] == s["bookings"] + s["slot_unavailable"]
    assert _positive(s["bookings_per_s"]) and _positive(s["sell_out_seconds"])
    assert checks["double_booked_slots"] == []
    assert checks["booked_rows"] == checks["expected_booked"] == 14
    assert checks["max_bookings_per_user"] == 1
    assert doc["passed"] is True
    if backend == "postgresql":
        assert int(doc["postgresql"]["max_connections"]) >= 25


def test_tool_clients_smoke(tmp_path: Path) -> None:
    from bench.tool_latency import clients

    out = tmp_path / "tool_clients.json"
    argv = ["--quick", "--quiet", "--clients", "1,2", "--appointments", "5000", "--users", "500"]
    doc = clients.main([*argv, "--json", str(out)])
    saved = json.loads(out.read_text())
    assert saved["benchmark"] == doc["benchmark"] == "tool_clients"
    configs = saved["results"]["sqlite"]["configs"]
    assert [c["clients"] for c in configs] == [1, 2]
    # a process per client (up to --processes 8): the 2-client figures come from 2 processes
    assert [c["processes"] for c in configs] == [1, 2]
    for c in configs:
        for tool in (*clients.TOOLS, clients.BASELINE):
            assert _positive(c["ops"][tool]["p50_ms"]), tool
        assert c["ops"]["identify_user"]["p50_ms"] <= c["ops"]["identify_user"]["p99_ms"]
        assert len(c["loadavg_1m"]) == c["runs"] == 1


def test_tool_clients_think_time_paces_the_clients(tmp_path: Path) -> None:
    from bench.tool_latency import clients

    argv = ["--quick", "--quiet", "--clients", "2", "--appointments", "5000", "--users", "500"]
    back_to_back = clients.main([*argv, "--json", str(tmp_path / "a.json")])
    paced = clients.main([*argv, "--think-ms", "100", "--json", str(tmp_path / "b.json")])
    assert paced["config"]["think_ms"] == 100.0
    fast = back_to_back["results"]["sqlite"]["configs"][0]["tool_calls_per_s"]
    slow = paced["results"]["sqlite"]["configs"][0]["tool_calls_per_s"]
    # 2 clients pausing 100 ms on average after each of 7 calls (6 tools and the ping) make
    # at most 2 x 6/7 x 10 = ~17 tool calls/s; back to back, hundreds
    assert 0 < slow < 25 < fast
