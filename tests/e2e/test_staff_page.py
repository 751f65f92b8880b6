"""The staff page in a real browser: uvicorn on a random local port, SQLite, headless Chromium.

Set STAFF_SCREENSHOT=/some/path.png to keep a copy of the screenshot for review.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import uvicorn

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.models import Appointment, AppointmentChange, ChangeAction, Conversation
from voice_agent.entrypoints.serve import build_app
from voice_agent.testing import ci

CHROMIUM = str(ci.CHROMIUM)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STAFF_KEY = "e2e-staff-key-0123456789abcdef"

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium() -> None:
    """No Playwright or Chromium: skipped here, failed under CI=true."""
    ci.require_chromium()


def _settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=f"sqlite:///{tmp_path / 'e2e.db'}",
        data_dir=tmp_path / "var",
        clinic_name="Maple Street Clinic",
        staff_api_key=STAFF_KEY,
        livekit_api_key="APIe2e",
        livekit_api_secret="e2e-livekit-secret-0123456789abcdef0123",
    )


def _next_weekday(today: date) -> date:
    day = today + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


async def _seed(settings: Settings) -> Appointment:
    """A booking through the scheduling service and one recorded call."""
    container = await bootstrap(settings)
    try:
        ident = await container.scheduling.identify("9876543210", "Sarah Johnson")
        assert ident.user is not None
        day = _next_weekday(container.scheduling.today())
        appointment = await container.scheduling.book(ident.user.id, day, time(10, 0))
        other = await container.scheduling.identify("2125550147", "Omar Haddad")
        assert other.user is not None
        await container.scheduling.book(other.user.id, day, time(14, 0))
        await container.store.conversations.save(
            Conversation(
                id=uuid.uuid4(),
                room_name="room-3f9a1c0d2b7e4a5f6c81",
                started_at=datetime.now(UTC) - timedelta(minutes=12),
                user_id=ident.user.id,
                summary=f"Sarah booked an appointment on {day:%A %d %B} at 10 AM.",
                appointments_discussed=[
                    AppointmentChange(ChangeAction.BOOKED, appointment.code, day, time(10))
                ],
                preferences_mentioned=["Prefers morning appointments"],
                transcript=[
                    {"role": "assistant", "text": "Hello! May I have your phone number?"},
                    {"role": "user", "text": "It's 987 654 3210."},
                    {"role": "assistant", "text": "Thanks Sarah. When would you like to come in?"},
                    {"role": "user", "text": "Next weekday at ten, please."},
                ],
                cost_breakdown={
                    "stt_cost": 0.0161,
                    "tts_cost": 0.0105,
                    "llm_cost": 0.0029,
                    "total_cost": 0.0295,
                },
                duration_seconds=172,
                ended_at=datetime.now(UTC) - timedelta(minutes=9),
            )
        )
        return appointment
    finally:
        await container.aclose()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Appointment, Settings]]:
    settings = _settings(tmp_path)
    appointment = asyncio.run(_seed(settings))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(build_app(settings), log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        threading.Event().wait(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}", appointment, settings
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_staff_page_shows_the_booking_after_login(
    server: tuple[str, Appointment, Settings], tmp_path: Path
) -> None:
    base, appointment, settings = server
    from playwright.sync_api import sync_playwright  # present: see _chromium

    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
            page.on(
                "console",
                lambda msg: (
                    problems.append(f"console: {msg.text}") if msg.type == "error" else None
                ),
            )
            response = page.goto(f"{base}/staff")
            assert response is not None and response.status == 401
            page.fill("input[name=key]", "wrong-key")
            page.click("button[type=submit]")
            assert "not right" in page.inner_text("body")
            problems.clear()  # the refused login is a 401 the console reports

            page.fill("input[name=key]", STAFF_KEY)
            page.click("button[type=submit]")
            page.wait_for_selector("body[data-loaded=true]", timeout=10_000)

            schedule = page.inner_text("#schedule")
            tz = ZoneInfo(settings.clinic_timezone)
            assert appointment.starts_at(tz).date() == appointment.day
            day = page.locator(f"article.day[data-date='{appointment.day.isoformat()}']")
            row = day.locator("tr.booked", has_text="Sarah Johnson")
            assert row.count() == 1
            assert "10:00" in row.inner_text()
            assert appointment.code in row.inner_text()
            assert "(987) 654-3210" in row.inner_text()
            assert "Omar Haddad" in schedule
            assert "Maple Street Clinic" in page.inner_text("header")

            calls = page.locator("#conversations")
            assert "Sarah booked an appointment" in calls.inner_text()
            assert "$0.0295" in calls.inner_text()
            page.click("#conversations details summary >> text=Transcript")
            assert page.is_visible("text=Next weekday at ten, please.")

            shot = tmp_path / "staff.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            keep = os.environ.get("STAFF_SCREENSHOT")
            if keep:
                shutil.copy(shot, keep)

            cookies = page.context.cookies()
            (session,) = [c for c in cookies if c["name"] == "va_staff"]
            assert session["httpOnly"] and session["sameSite"] == "Strict"

            assert problems == []  # no script errors or CSP violations while signed in
            page.click("text=Sign out")
            page.wait_for_selector("input[name=key]")
        finally:
            browser.close()
