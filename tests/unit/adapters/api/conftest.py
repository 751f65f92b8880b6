"""Fixtures for the HTTP API: a configured app over real SQLite and an in-process client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from api_support import client_for, make_settings
from fastapi import FastAPI

from voice_agent.adapters.api import ApiServices, create_app
from voice_agent.bootstrap import Container
from voice_agent.config import Settings


@pytest.fixture
def settings(sqlite_url: str, tmp_path: Path) -> Settings:
    return make_settings(sqlite_url, tmp_path)


@pytest.fixture
def api_services(container: Container) -> ApiServices:
    return ApiServices(
        clock=container.clock, scheduling=container.scheduling, store=container.store
    )


WINDOW_MIDDLE = 1_000_050.0
"""A wall-clock instant 30 s into a one-minute window: no test's requests straddle two."""


def frozen(app: FastAPI) -> FastAPI:
    app.state.api.wall_clock = lambda: WINDOW_MIDDLE
    return app


@pytest.fixture
def app(settings: Settings, api_services: ApiServices) -> FastAPI:
    return frozen(create_app(settings, api_services))


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as c:
        yield c


@pytest.fixture
def app_factory(
    api_services: ApiServices, sqlite_url: str, tmp_path: Path
) -> Callable[..., FastAPI]:
    """An app over the same services with some settings changed."""

    def build(**overrides: object) -> FastAPI:
        return frozen(create_app(make_settings(sqlite_url, tmp_path, **overrides), api_services))

    return build
