"""Shared by the end-to-end tests: Chromium for the tests marked ``browser``, and the staff
console's settings and page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from voice_agent.config import Settings
from voice_agent.testing import browser, ci


@pytest.fixture(autouse=True)
def _chromium(request: pytest.FixtureRequest) -> None:
    """No Playwright or Chromium: a browser test is skipped here, failed under CI=true."""
    if request.node.get_closest_marker("browser") is not None:
        ci.require_chromium()


@pytest.fixture
def staff_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a staff console on SQLite in ``tmp_path`` (no browser calls), with
    ``extra`` settings on top."""

    def make(**extra: Any) -> Settings:
        return Settings(  # type: ignore[call-arg]
            _env_file=None,
            environment="test",
            database_url=f"sqlite:///{tmp_path / 'e2e.db'}",
            data_dir=tmp_path / "var",
            staff_api_key=browser.STAFF_KEY,
            livekit_api_key="APIe2e",
            livekit_api_secret="e2e-livekit-secret-0123456789abcdef0123",
            call_max_concurrent=0,  # no browser calls here: nothing to load
            **extra,
        )

    return make


@pytest.fixture
def page() -> Iterator[Any]:
    """A desktop-sized page in headless Chromium."""
    from playwright.sync_api import sync_playwright  # present: see _chromium

    with sync_playwright() as p:
        chromium = browser.launch(p)
        try:
            yield chromium.new_page(viewport={"width": 1280, "height": 900})
        finally:
            chromium.close()
