"""Helpers shared by the API tests (imported by name: the tests directory is on sys.path)."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from voice_agent.config import Settings

LIVEKIT_KEY = "APItestkey"
LIVEKIT_SECRET = "test-livekit-secret-0123456789abcdef0123456789"
STAFF_KEY = "staff-key-for-tests-0123456789"
ALLOWED_ORIGIN = "https://reception.example"
SUMMARY_SECRET = "summary-secret-for-tests-0123456789"


def make_settings(sqlite_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": sqlite_url,
        "data_dir": tmp_path / "var",
        "environment": "test",
        "livekit_url": "wss://livekit.example",
        "livekit_api_key": LIVEKIT_KEY,
        "livekit_api_secret": LIVEKIT_SECRET,
        "staff_api_key": STAFF_KEY,
        "summary_secret": SUMMARY_SECRET,
        "cors_origins": [ALLOWED_ORIGIN],
        "token_rate_limit_per_minute": 1000,
        "token_rate_limit_per_hour": 100_000,
        "token_max_calls_per_client": 100_000,
        "token_max_calls": 100_000,
        "agent_name": "voice-receptionist",
        "allowed_hosts": ["testserver"],  # the in-process client's Host
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def login_scope(*, content_length: int, client: tuple[str, int]) -> dict[str, Any]:
    """The ASGI scope of ``POST /staff/login`` with a form of ``content_length`` bytes, for a
    test that sends the body itself (in part, late, or not at all)."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/staff/login",
        "raw_path": b"/staff/login",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(content_length).encode()),
        ],
        "client": client,
        "server": ("127.0.0.1", 8081),
    }


def client_for(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


NODE = shutil.which("node")


def run_page_script(files: tuple[str, ...], expression: str, *, prelude: str = "") -> Any:
    """``expression`` evaluated in Node after ``prelude`` and the page scripts ``files``
    (static/, in that order), as JSON: a page's own code that needs no page."""
    assert NODE is not None
    static = resources.files("voice_agent.adapters.api").joinpath("static")
    scripts = "\n".join(static.joinpath(f).read_text() for f in files)
    script = f"{prelude}\n{scripts}\nprocess.stdout.write(JSON.stringify({expression}));"
    done = subprocess.run(
        [NODE, "-e", script], capture_output=True, text=True, timeout=30, check=True
    )
    return json.loads(done.stdout)
