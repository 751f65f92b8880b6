"""`voice-agent doctor`: each finding true to the configuration, with its fix; non-zero exit
when something needed is broken; nothing changed by looking."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.entrypoints import doctor
from voice_agent.entrypoints.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'var' / 'clinic.db'}")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "var"))
    return tmp_path


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def _by_topic(findings: list[doctor.Finding]) -> dict[str, doctor.Finding]:
    return {f.topic: f for f in findings}


def test_a_fresh_checkout_works_and_nothing_is_created(env: Path) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Everything needed works." in out
    assert f"SQLite file {env / 'var' / 'clinic.db'}: not created yet" in out
    assert "offline: pocketsphinx, because DEEPGRAM_API_KEY is not set" in out
    assert "-> for Deepgram nova-2: set DEEPGRAM_API_KEY in .env" in out
    assert "LiveKit" in out and "not configured" in out
    assert not (env / "var" / "clinic.db").exists()


def test_a_database_with_records_is_described(env: Path) -> None:
    url = f"sqlite:///{env / 'var' / 'clinic.db'}"

    async def seed() -> None:
        container = await bootstrap(_settings(database_url=url, data_dir=env / "var"))
        await container.scheduling.identify("9876543210", "Sarah Johnson")
        await container.aclose()

    asyncio.run(seed())
    finding = asyncio.run(doctor.database(_settings(database_url=url)))
    assert finding.status == "ok"
    assert re.search(
        r"reachable, schema at \w+ \(latest\); 1 caller, 0 appointments, 0 calls recorded$",
        finding.what,
    ), finding.what


def test_loading_the_database_libraries_is_not_counted_as_the_databases_answer(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a busy machine (load 22 on 2 cores) importing SQLAlchemy and Alembic took 12.8 s,
    inside the 5 s the database has to answer: a local SQLite file was "no answer within
    5 s" and "check the host and port", and doctor exited 1. Only the database's own answer
    is timed."""
    url = f"sqlite:///{env / 'var' / 'clinic.db'}"

    async def seed() -> None:
        container = await bootstrap(_settings(database_url=url, data_dir=env / "var"))
        await container.aclose()

    asyncio.run(seed())
    head = doctor._migrations_head()
    loaded: list[bool] = []

    def load_libraries() -> str:
        loaded.append(True)
        return head

    async def answer(url: str, given: str) -> tuple[str | None, str, str]:
        assert loaded, "the libraries are loaded before the database is asked"
        return given, given, "0 callers, 0 appointments, 0 calls recorded"

    monkeypatch.setattr(doctor, "_migrations_head", load_libraries)
    monkeypatch.setattr(doctor, "_database_facts", answer)
    finding = asyncio.run(doctor.database(_settings(database_url=url)))
    assert finding.status == "ok", finding
    assert loaded == [True]


def test_a_database_other_accounts_can_read_is_a_warning_with_its_fix(env: Path) -> None:
    """Made before new databases were owner-only: said, with the chmod, nothing changed."""
    db = env / "var" / "clinic.db"
    url = f"sqlite:///{db}"

    async def seed() -> None:
        container = await bootstrap(_settings(database_url=url, data_dir=env / "var"))
        await container.aclose()

    asyncio.run(seed())
    assert db.stat().st_mode & 0o777 == 0o600
    assert asyncio.run(doctor.database(_settings(database_url=url))).status == "ok"
    db.chmod(0o644)
    finding = asyncio.run(doctor.database(_settings(database_url=url)))
    assert finding.status == "warn"
    assert "other accounts on this machine can read it (clinic.db 0644)" in finding.what
    assert finding.fix is not None and finding.fix.startswith(f"chmod 600 {db}*")
    assert db.stat().st_mode & 0o777 == 0o644


def test_an_unreachable_database_fails_without_showing_its_password(env: Path) -> None:
    url = "postgresql://clinic:s3cret-pw@127.0.0.1:1/clinic"
    result = runner.invoke(app, ["doctor", "--database", url])
    assert result.exit_code == 1, result.output
    assert "FAIL  database" in result.output and "cannot connect" in result.output
    assert "check DATABASE_URL" in result.output and "s3cret-pw" not in result.output
    assert "Broken: database." in result.output


def test_a_database_in_a_folder_that_is_not_there_is_a_failure_not_created_later(
    env: Path,
) -> None:
    """doctor said "not created yet; the first chat, call or serve creates it" of a database
    in a folder that is not there, which every command refuses (a typo in DATABASE_URL)."""
    url = f"sqlite:///{env}/clinc/x.db"
    finding = asyncio.run(doctor.database(_settings(database_url=url, data_dir=env / "var")))
    assert finding.status == "fail", finding
    assert f"the folder {env}/clinc does not exist" in finding.what
    assert finding.fix is not None and f"mkdir -p {env}/clinc" in finding.fix
    assert not (env / "clinc").exists()


def test_a_file_that_is_not_a_database_is_called_that(env: Path) -> None:
    """A text file given as the SQLite database was 'cannot connect (StorageUnavailable)' with
    a fix about hosts, ports and passwords."""
    notes = env / "notes.txt"
    notes.write_text("hello\n")
    finding = asyncio.run(doctor.database(_settings(database_url=f"sqlite:///{notes}")))
    assert finding.status == "fail"
    assert "it is not a SQLite database, or it is damaged" in finding.what
    assert finding.fix is not None and "host" not in finding.fix
    assert "DATABASE_URL or --database" in finding.fix
    assert notes.read_text() == "hello\n"


def test_providers_say_cloud_or_offline_and_why() -> None:
    found = _by_topic(
        doctor.providers(_settings(deepgram_api_key="dg-key-1234", cartesia_api_key="your_api_key"))
    )
    assert found["speech-to-text"].status == "ok"
    assert found["speech-to-text"].what.startswith("cloud: Deepgram nova-2 (DEEPGRAM_API_KEY is")
    tts = found["text-to-speech"]
    assert tts.what == "offline: espeak-ng, because CARTESIA_API_KEY holds a placeholder"
    assert tts.fix == "for Cartesia sonic-2: set CARTESIA_API_KEY in .env"
    named = _by_topic(doctor.providers(_settings(llm_provider="openai")))["language model"]
    assert named.status == "fail" and "OPENAI_API_KEY is not set" in named.what
    offline = _by_topic(doctor.providers(_settings(stt_provider="offline")))["speech-to-text"]
    assert offline.what == "offline: pocketsphinx (STT_PROVIDER=offline)"


@pytest.mark.parametrize(
    ("values", "status", "words"),
    [
        ({}, "info", "not configured"),
        ({"livekit_url": "wss://clinic.livekit.cloud"}, "fail", "LIVEKIT_API_KEY, LIVEKIT_API"),
        (
            {"livekit_url": "clinic.livekit.cloud", "livekit_api_key": "k"},
            "fail",
            "is not a LiveKit server URL",
        ),
        ({"livekit_url": "ws://media.example.org"}, "warn", "unencrypted"),
        ({"livekit_url": "wss://clinic.livekit.cloud"}, "ok", "wss://clinic.livekit.cloud"),
    ],
)
def test_livekit_settings(values: dict[str, str], status: str, words: str) -> None:
    complete = {"livekit_api_key": "APIkey", "livekit_api_secret": "s" * 32}
    if status in ("warn", "ok") or "livekit_api_key" in values:
        values = {**complete, **values}
    finding = doctor.livekit(_settings(**values))
    assert finding.status == status and words in finding.what, finding
    assert finding.status == "ok" or finding.fix


def test_clinic_and_its_profile(tmp_path: Path) -> None:
    good = tmp_path / "clinic.toml"
    good.write_text(
        'name = "Maple Dental"\naddress = "1 Main St"\n'
        '[[faq]]\nquestion = "Parking?"\nanswer = "Behind the building."\n'
    )
    found = _by_topic(doctor.clinic(_settings(clinic_name="Maple Dental", clinic_profile=good)))
    assert found["clinic"].what.startswith("'Maple Dental', America/New_York, mon,tue,wed,thu,fri")
    assert found["clinic profile"].status == "ok"
    assert "1 questions answered, address '1 Main St'" in found["clinic profile"].what
    bad = tmp_path / "bad.toml"
    bad.write_text("name = [unclosed")
    broken = _by_topic(doctor.clinic(_settings(clinic_profile=bad)))["clinic profile"]
    assert broken.status == "fail" and "not valid TOML" in broken.what and broken.fix
    none = _by_topic(doctor.clinic(_settings()))["clinic profile"]
    assert none.status == "info" and none.fix and "CLINIC_PROFILE=" in none.fix


def test_an_invalid_profile_fails_the_command(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (env / "clinic.toml").write_text("faq = 3")
    monkeypatch.setenv("CLINIC_PROFILE", str(env / "clinic.toml"))
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "FAIL  clinic profile" in result.output and "Broken: clinic profile." in result.output


def test_machine_tools(tmp_path: Path) -> None:
    def no_portaudio() -> object:
        raise OSError("PortAudio library not found")

    missing = doctor.portaudio(no_portaudio)
    assert missing.status == "warn" and missing.fix and "libportaudio2" in missing.fix
    # the console starts in text mode without it (it said "cannot run")
    assert "runs in text mode only" in missing.what and "cannot" not in missing.what
    assert doctor.portaudio(lambda: None).status == "ok"
    absent = doctor.chromium(str(tmp_path / "chromium"))
    assert absent.status == "warn" and absent.fix and "ensure-chromium.sh" in absent.fix


def test_records_waiting_in_the_spool_are_reported(tmp_path: Path) -> None:
    spool = tmp_path / "var" / "spool" / "conversations"
    spool.mkdir(parents=True)
    (spool / "room-1.json").write_text("{}")
    finding = doctor.data_dir(_settings(data_dir=tmp_path / "var"))
    assert finding.status == "warn" and "1 call record(s) wait" in finding.what


@pytest.mark.parametrize("where", ["var", "var/below"])
def test_a_data_dir_where_a_file_is_fails(tmp_path: Path, where: str) -> None:
    """DATA_DIR under a file (or a file itself) was reported "writable": the directory above
    it was, but nothing can be created there."""
    (tmp_path / "var").write_text("not a directory")
    finding = doctor.data_dir(_settings(data_dir=tmp_path / where))
    assert finding.status == "fail", finding
    assert "is a file, not a directory" in finding.what


def test_a_misspelt_setting_in_dotenv_or_the_environment_is_named(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings ignore names they do not know: `CLINC_NAME=Sunny Dental` in .env left the
    greeting as "the clinic", and doctor said nothing."""
    (env / ".env").write_text("CLINC_NAME=Sunny Dental\nSTAFF_API_KEY=k\nMY_NOTE=x\n")
    monkeypatch.setenv("SLOT_MINUTE", "30")
    monkeypatch.setenv("HOSTNAME", "box")  # not a near miss of any setting
    result = runner.invoke(app, ["doctor"])
    out = result.output
    assert re.search(r"warn\s+variables", out), out
    assert "CLINC_NAME in .env (did you mean CLINIC_NAME?)" in out
    assert "MY_NOTE in .env" in out
    assert "SLOT_MINUTE in the environment (did you mean SLOT_MINUTES?)" in out
    assert "HOSTNAME" not in out
    assert "STAFF_API_KEY in .env" not in out


def test_known_settings_are_not_reported(env: Path) -> None:
    (env / ".env").write_text("clinic_name=Sunny\nVOICE_AGENT_CACHE_DIR=/tmp/x\n")
    assert doctor.unknown_variables(env / ".env", {"CLINIC_DAYS": "mon"}) is None


def test_the_checks_load_no_speech_framework(env: Path) -> None:
    """Importing LiveKit and its plugins to read three settings and one file path took 8 s of
    the 13-26 s the command took, with nothing printed meanwhile."""
    script = (
        "import asyncio, sys\n"
        "from voice_agent.config import Settings\n"
        "from voice_agent.entrypoints import doctor\n"
        "asyncio.run(doctor.run_checks(Settings(_env_file=None)))\n"
        "print(sorted(m for m in sys.modules if m.startswith('livekit.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "['livekit.plugins']", done.stdout


async def test_each_finding_comes_as_its_check_is_done(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[str] = []

    async def database(settings: Settings) -> doctor.Finding:
        looked.append("database")
        return doctor.Finding("database", "ok", "looked at")

    monkeypatch.setattr(doctor, "database", database)
    found = doctor.checks(_settings(), env_file=env / ".env")
    first = await anext(found)
    assert [f.topic for f in first] == ["configuration"] and looked == []
    rest = [f.topic async for batch in found for f in batch]
    assert looked == ["database"] and rest[0] == "database" and "Chromium" in rest


def test_the_command_prints_each_check_then_the_verdict(env: Path) -> None:
    out = runner.invoke(app, ["doctor"]).output.splitlines()
    assert out[0].startswith("voice-agent doctor")
    assert re.match(r"ok\s+configuration\s+", out[2]), out[2]
    verdict = out.index("Everything needed works.")
    assert out[verdict - 1] == "" and verdict >= len(out) - 2


@pytest.mark.parametrize(
    ("zone", "instead"), [("EST", "America/New_York"), ("MST", "America/Denver")]
)
def test_a_zone_without_summer_time_where_one_is_likely_meant_is_a_warning(
    zone: str, instead: str
) -> None:
    # "EST" is a valid IANA name, UTC-5 all year: a clinic in New York that wrote it had
    # "now" an hour out every summer (past slots offered, "today" turning at 11 PM)
    found = _by_topic(doctor.clinic(_settings(clinic_timezone=zone)))
    warning = found["time zone"]
    assert warning.status == "warn" and "all year, without summer time" in warning.what
    assert warning.fix and f"CLINIC_TIMEZONE={instead}" in warning.fix


@pytest.mark.parametrize(
    "zone", ["America/New_York", "Pacific/Honolulu", "HST", "UTC", "Etc/GMT+5"]
)
def test_a_zone_that_means_what_it_says_is_no_warning(zone: str) -> None:
    assert "time zone" not in _by_topic(doctor.clinic(_settings(clinic_timezone=zone)))


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_folder_nothing_can_be_created_in_is_not_called_writable(tmp_path: Path) -> None:
    """Permission bits said "writable" where nothing can be made: for root everywhere, so
    DATA_DIR=/proc/x was "writable (spool, logs)" and a database there "not created yet; the
    first chat creates it", and then chat failed. Only creating something tells."""
    data = doctor.data_dir(_settings(data_dir=Path("/proc/voice-agent-data")))
    assert data.status == "fail" and "not writable" in data.what, data
    url = "sqlite:////proc/voice-agent-data/clinic.db"
    db = asyncio.run(doctor.database(_settings(database_url=url)))
    assert db.status == "fail" and "/proc is not writable" in db.what, db
    assert doctor.data_dir(_settings(data_dir=tmp_path / "var")).status == "ok"
    assert list(tmp_path.iterdir()) == []  # looking left nothing behind


def test_findings_wrap_under_their_own_column_at_the_terminals_width() -> None:
    """At 80 columns the terminal wrapped a long finding back under the marks and topics."""
    found = doctor.Finding(
        "clinic profile",
        "warn",
        "none: the agent answers scheduling questions only, and nothing about the clinic",
        fix="CLINIC_PROFILE=path/to/clinic.toml for the address, phone and FAQ (example: "
        "src/voice_agent/testing/callers/clinic.toml)",
    )
    lines = doctor.render_finding(found, columns=80)
    assert lines == [
        "warn  clinic profile  none: the agent answers scheduling questions only, and",
        "                      nothing about the clinic",
        "                      -> CLINIC_PROFILE=path/to/clinic.toml for the address,",
        "                         phone and FAQ (example:",
        "                         src/voice_agent/testing/callers/clinic.toml)",
    ]
    # not on a terminal (a file, a pipe): one line each, as before
    assert len(doctor.render_finding(found)) == 2


def test_a_bad_setting_is_a_finding_and_the_rest_is_still_checked(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad value in the environment stopped doctor before its first check ("invalid
    configuration", exit 4): the command one runs to find what is wrong said nothing else.
    Now it is a failed finding with its fix, and the rest is checked with its default."""
    monkeypatch.setenv("SLOT_MINUTES", "half an hour")
    monkeypatch.setenv("CALLER_SILENCE_SECONDS", "-3")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "Traceback" not in out and "invalid configuration" not in out
    assert re.search(r"FAIL\s+setting\s+SLOT_MINUTES: 'half an hour' is not a whole number", out)
    assert "the checks below use its default, 60" in out
    assert re.search(r"FAIL\s+setting\s+CALLER_SILENCE_SECONDS: -3 is too small", out), out
    # the checks that need the settings ran, with the default
    assert "60-minute slots" in out and "not created yet" in out and "espeak-ng" in out
    assert "Broken: setting, setting." in out


def test_settings_that_cannot_be_read_at_all_leave_out_only_the_checks_that_need_them(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule over two settings (closing before opening) has no one value to fall back on:
    said, and the machine's checks still run."""
    monkeypatch.setenv("CLINIC_OPEN", "17:00")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "CLINIC_CLOSE (16:00) must be after CLINIC_OPEN (17:00)" in out
    assert "the checks that need the settings are left out" in out
    assert "pocketsphinx" in out and "Chromium" in out and "database" not in out


def test_a_dotenv_that_is_not_utf8_is_a_finding(env: Path) -> None:
    (env / ".env").write_bytes(b"CLINIC_NAME=Caf\xe9 Dental\n")
    settings, problems = doctor.read_settings(env_file=env / ".env")
    assert settings is None
    assert [p.status for p in problems] == ["fail"]
    assert "is not UTF-8 (0xe9)" in problems[0].what and str(env / ".env") in problems[0].what
