"""Shared fixtures: a fixed clock, real SQLite and a real PostgreSQL started by the suite."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import hypothesis
import pytest

from voice_agent.adapters.offline import espeak
from voice_agent.adapters.storage import SqlStore, open_store
from voice_agent.bootstrap import Container, bootstrap
from voice_agent.config import Settings
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.services.scheduling import SchedulingService
from voice_agent.testing.ci import require_postgres
from voice_agent.testing.postgres import PostgresServer

# Keep a developer's .env and provider keys out of the tests.
for _key in list(os.environ):
    if _key.endswith("_API_KEY") or _key in ("DATABASE_URL", "LIVEKIT_URL", "OPENAI_BASE_URL"):
        del os.environ[_key]

# No time limit per example: Hypothesis's default deadline (200 ms) is a timed assertion, and
# on a loaded machine (load 19 on 2 cores) test_phone's property test failed on one example
# that took 390 ms and 0.45 ms when run again. Timings belong to the benchmarks.
hypothesis.settings.register_profile("no-deadline", deadline=None)
hypothesis.settings.load_profile("no-deadline")

# Wednesday 25 November 2026, 10:00 in New York (15:00 UTC).
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def calendar() -> ClinicCalendar:
    return ClinicCalendar()


@pytest.fixture(autouse=True)
def _pristine_espeak() -> Iterator[None]:
    """Each test's synthetic speech starts from espeak-ng's state at load: the library's
    renders drift with everything said before in the process, so a recogniser test's audio
    (and a result at an edge) depended on which tests ran before it."""
    with espeak.pristine():
        yield


@pytest.fixture(autouse=True)
def _postgres_available(request: pytest.FixtureRequest) -> None:
    """Tests marked ``postgres`` need the server binaries (skipped without, failed in CI)."""
    if request.node.get_closest_marker("postgres") is not None:
        require_postgres()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session; without one the test is skipped (failed under CI)."""
    require_postgres()
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[SqlStore]:
    s = await open_store(database_url)
    try:
        yield s
    finally:
        await s.close()


@pytest.fixture
def service(store: SqlStore, calendar: ClinicCalendar, clock: FixedClock) -> SchedulingService:
    return SchedulingService(store, calendar, clock)


@pytest.fixture
def settings(sqlite_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=sqlite_url, data_dir=tmp_path / "var", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
async def container(settings: Settings, clock: FixedClock) -> AsyncIterator[Container]:
    c = await bootstrap(settings, clock=clock)
    try:
        yield c
    finally:
        await c.aclose()
