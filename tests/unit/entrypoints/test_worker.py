"""The worker wiring: one rtc_session under the configured agent name, VAD loaded in prewarm,
and provider problems reported before the worker starts."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import pytest
from livekit.agents import JobExecutorType, JobProcess
from livekit.plugins import silero

from voice_agent.adapters.voice.providers import ProviderConfigError
from voice_agent.config import Settings
from voice_agent.entrypoints import worker


@pytest.fixture(autouse=True)
def _no_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'w.db'}")


def test_worker_processes_redact_every_log_record() -> None:
    proc = JobProcess(executor_type=JobExecutorType.THREAD, user_arguments=None, http_proxy=None)
    worker.prewarm(proc)
    record = logging.getLogger("aiosqlite").makeRecord(
        "aiosqlite", logging.DEBUG, __file__, 1, "executing %s", (("+19876543210",),), None
    )
    assert record.getMessage() == "executing <tuple>"


def test_build_server_registers_the_receptionist(tmp_path: Path) -> None:
    settings = Settings(agent_name="front-desk", _env_file=None)  # type: ignore[call-arg]
    server = worker.build_server(settings)
    assert server._agent_name == "front-desk"
    assert server._entrypoint_fnc is worker.entrypoint
    assert server._session_end_fnc is worker.on_session_end
    assert server.setup_fnc is worker.prewarm


def test_prewarm_loads_the_vad_once_per_process() -> None:
    proc = JobProcess(executor_type=JobExecutorType.THREAD, user_arguments=None, http_proxy=None)
    gc.unfreeze()
    try:
        worker.prewarm(proc)
        # what start-up made is frozen: collections during calls skip it
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert isinstance(proc.userdata["vad"], silero.VAD)
    assert proc.userdata["vad"]._opts.min_silence_duration == 0.5
    assert proc.userdata["calls"] == {}


def test_missing_key_fails_before_the_worker_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STT_PROVIDER", "deepgram")
    with pytest.raises(ProviderConfigError, match="DEEPGRAM_API_KEY is not set"):
        worker.run_worker(["start"])


def test_cli_lists_the_framework_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        worker.run_worker(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("dev", "start", "console", "download-files"):
        assert command in out


def test_worker_without_livekit_project_names_the_variables() -> None:
    from voice_agent.adapters.voice.providers import ProviderConfigError
    from voice_agent.config import Settings
    from voice_agent.entrypoints.worker import check_livekit

    settings = Settings(_env_file=None, livekit_url="wss://example")  # type: ignore[call-arg]
    with pytest.raises(ProviderConfigError, match="LIVEKIT_API_KEY and LIVEKIT_API_SECRET"):
        check_livekit(settings, ["start"])
    check_livekit(settings, ["start", "--api-key", "k", "--api-secret=s"])
