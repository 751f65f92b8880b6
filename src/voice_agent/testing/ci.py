"""A test that cannot run here (no PostgreSQL, no Chromium) is skipped on a developer's machine
and fails under ``CI=true``, so a green CI run means every test ran. (scripts/test.sh does the
same for installing Chromium: scripts/ensure-chromium.sh.)"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

import pytest

from voice_agent.testing.postgres import PostgresUnavailable, find_bin_dir

TRUTHY = ("1", "true", "yes", "on")


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``CI`` is set to a true value (GitHub Actions, GitLab and most CIs set CI=true)."""
    value = (os.environ if environ is None else environ).get("CI", "")
    return value.strip().lower() in TRUTHY


def cannot_run(reason: str, *, environ: Mapping[str, str] | None = None) -> NoReturn:
    """Skip the current test for ``reason``; under CI, fail it instead."""
    if in_ci(environ):
        pytest.fail(f"{reason}; under CI=true a test that cannot run fails", pytrace=False)
    pytest.skip(reason)


def postgres_missing(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the PostgreSQL tests cannot run here (VOICE_AGENT_SKIP_POSTGRES=1, or no server
    binaries), or None when they can."""
    env = os.environ if environ is None else environ
    if env.get("VOICE_AGENT_SKIP_POSTGRES", "").strip() == "1":
        return "VOICE_AGENT_SKIP_POSTGRES=1"
    try:
        find_bin_dir()
    except PostgresUnavailable as exc:
        return str(exc)
    return None


def require_postgres(environ: Mapping[str, str] | None = None) -> None:
    """Skip (fail under CI) the current test when PostgreSQL cannot run here."""
    reason = postgres_missing(environ)
    if reason is not None:
        cannot_run(reason, environ=environ)


CHROMIUM = Path("/usr/bin/chromium")


def chromium_missing(chromium: Path = CHROMIUM) -> str | None:
    """Why the browser tests cannot run here (no Playwright, no Chromium), or None."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install playwright)"
    if not os.access(chromium, os.X_OK):
        return f"{chromium} not found (apt-get install -y chromium, or scripts/test.sh as root)"
    return None


def require_chromium(
    chromium: Path = CHROMIUM, *, environ: Mapping[str, str] | None = None
) -> None:
    """Skip (fail under CI) the current test when headless Chromium cannot run here."""
    reason = chromium_missing(chromium)
    if reason is not None:
        cannot_run(reason, environ=environ)
