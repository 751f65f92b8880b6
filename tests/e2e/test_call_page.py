"""The call page in a real browser: the Hang up button ends a live call and shows its record;
each failure has its own message (a refused microphone, a busy server, an unreachable server);
a failing test leaves screenshots at 1280 and 390 px; /docs renders with no network. (The whole
call that books is in test_browser_call.py.)"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.models import Conversation
from voice_agent.entrypoints.serve import build_app
from voice_agent.testing import browser

pytestmark = pytest.mark.browser


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=f"sqlite:///{tmp_path / 'page.db'}",
        data_dir=tmp_path / "var",
        call_max_concurrent=0,  # the offers below never reach the lines
    )
    with browser.serve_in_thread(build_app(settings)) as url:
        yield url


@pytest.fixture
def one_line(tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    """A server taking one browser call at a time, on the offline engines."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=f"sqlite:///{tmp_path / 'line.db'}",
        data_dir=tmp_path / "var",
        call_max_concurrent=1,
    )
    with browser.serve_in_thread(build_app(settings)) as url:
        yield url, settings


async def _finished_record(settings: Settings, room: str) -> Conversation | None:
    container = await bootstrap(settings)
    try:
        for _ in range(100):
            row = await container.store.conversations.latest_for_room(room)
            if row is not None and row.ended_at is not None:
                return row
            await asyncio.sleep(0.1)
        return None
    finally:
        await container.aclose()


@contextmanager
def _call_page(base: str, *, microphone: bool) -> Iterator[Any]:
    """Chromium at 390 px on the call page, ready; closed afterwards."""
    from playwright.sync_api import sync_playwright  # present: see conftest._chromium

    args = ["--use-fake-device-for-media-stream"]
    if microphone:
        args.append("--use-fake-ui-for-media-stream")  # permission granted without a prompt
    with sync_playwright() as p:
        chromium = browser.launch(p, extra_args=args)
        try:
            page = chromium.new_page(viewport={"width": 390, "height": 844})
            page.goto(f"{base}/call")
            page.wait_for_selector("body[data-ready=true]")
            yield page
        finally:
            chromium.close()


def _error_after_call(page: Any) -> str:
    page.click("#call")
    page.wait_for_selector("#error:not([hidden])", timeout=15_000)
    text: str = page.inner_text("#error")
    assert page.is_visible("#call") and page.is_hidden("#hangup")
    return text


def test_hang_up_ends_a_live_call_and_shows_its_record(
    one_line: tuple[str, Settings], request: pytest.FixtureRequest
) -> None:
    base, settings = one_line
    with (
        _call_page(base, microphone=True) as page,
        browser.screenshots_on_failure(page, request.node.name),
    ):
        assert page.is_hidden("#hangup")
        page.click("#call")
        page.wait_for_selector("body[data-connected=true]", timeout=20_000)
        page.wait_for_selector("#transcript li.turn-assistant", timeout=30_000)
        assert page.is_visible("#hangup") and page.is_hidden("#call")
        page.click("#hangup")
        page.wait_for_selector("body[data-ended=true]", timeout=20_000)
        assert page.is_visible("#summary") and page.is_hidden("#error")
        assert "caller hung up" in page.inner_text("#summary-facts")
        assert page.inner_text("#call") == "Call again" and page.is_hidden("#hangup")
        room = page.get_attribute("body", "data-room")
        assert room
        row = browser.run_async(_finished_record(settings, room))
        assert row is not None and row.end_reason == "caller_hung_up"
        assert row.transcript and row.transcript[0]["role"] == "assistant"
        # the record is the caller's: their summary token reads it, nobody else's
        token = page.evaluate("call.summaryToken")
        assert row.caller_identity and row.caller_identity.startswith("browser-")
        mine = page.request.get(
            f"{base}/summary/{room}", headers={"Authorization": f"Bearer {token}"}
        )
        assert mine.status == 200 and mine.json()["summary"] == row.summary


def test_a_live_call_whose_connection_fails_shows_its_record(
    one_line: tuple[str, Settings], request: pytest.FixtureRequest
) -> None:
    """A network that drops mid-call: the page says the call was disconnected and shows what
    the server recorded, instead of "the connection failed, press Call" as if nothing had
    happened."""
    base, settings = one_line
    with (
        _call_page(base, microphone=True) as page,
        browser.screenshots_on_failure(page, request.node.name),
    ):
        page.click("#call")
        page.wait_for_selector("body[data-connected=true]", timeout=20_000)
        page.wait_for_selector("#transcript li.turn-assistant", timeout=30_000)
        # what the browser reports when ICE gives up on a dropped network
        page.evaluate(
            "Object.defineProperty(call.pc, 'connectionState', {get: () => 'failed'});"
            " call.pc.onconnectionstatechange()"
        )
        page.wait_for_selector("body[data-ended=true]", timeout=30_000)
        assert page.is_visible("#summary"), page.inner_text("#error")
        assert "connection to the receptionist failed" not in page.inner_text("body")
        room = page.get_attribute("body", "data-room")
        assert room
        row = browser.run_async(_finished_record(settings, room))
        assert row is not None and row.summary == page.inner_text("#summary-text")


def test_a_failing_browser_test_leaves_screenshots_at_both_widths(
    base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(browser.OUTPUT_ENV, str(tmp_path / "shots"))
    with _call_page(base, microphone=False) as page:
        with (
            pytest.raises(AssertionError, match="on purpose"),
            browser.screenshots_on_failure(page, "tests/e2e::a failing test[x]"),
        ):
            raise AssertionError("on purpose")
        assert page.viewport_size == {"width": 390, "height": 844}  # put back
    shots = sorted((tmp_path / "shots").iterdir())
    assert [s.name for s in shots] == [
        "tests_e2e_a_failing_test_x_-1280.png",
        "tests_e2e_a_failing_test_x_-390.png",
    ]
    for shot, width in zip(shots, (1280, 390), strict=True):
        header = shot.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(header[16:20], "big") == width  # the PNG's width


def test_a_refused_microphone_says_how_to_allow_it(
    base: str, request: pytest.FixtureRequest
) -> None:
    with (
        _call_page(base, microphone=False) as page,
        browser.screenshots_on_failure(page, request.node.name),
    ):
        offers: list[str] = []
        page.on("request", lambda r: offers.append(r.url) if "/offer" in r.url else None)
        text = _error_after_call(page)
        assert "Microphone access was refused" in text and "Allow" in text
        assert offers == []  # nothing was sent


def test_a_busy_server_says_so(base: str, request: pytest.FixtureRequest) -> None:
    busy = "All lines are busy: 3 of 3 calls are in progress. Please try again in a minute."
    with (
        _call_page(base, microphone=True) as page,
        browser.screenshots_on_failure(page, request.node.name),
    ):
        page.route(
            "**/call/offer",
            lambda route: route.fulfill(
                status=503,
                headers={"Retry-After": "30"},
                content_type="application/json",
                body=json.dumps({"detail": busy}),
            ),
        )
        assert _error_after_call(page) == busy


def test_calls_that_are_turned_off_or_unreachable_say_so(
    base: str, request: pytest.FixtureRequest
) -> None:
    with (
        _call_page(base, microphone=True) as page,
        browser.screenshots_on_failure(page, request.node.name),
    ):
        # the real server: browser calls are off here
        assert "turned off" in _error_after_call(page)
        page.route("**/call/offer", lambda route: route.abort())
        assert "could not be reached" in _error_after_call(page)


def test_the_api_docs_render_with_no_network(base: str, request: pytest.FixtureRequest) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = browser.launch(p)
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        try:
            with browser.screenshots_on_failure(page, request.node.name):
                elsewhere: list[str] = []
                page.on(
                    "request",
                    lambda r: elsewhere.append(r.url) if not r.url.startswith(base) else None,
                )
                page.goto(f"{base}/docs")
                page.wait_for_selector(".opblock-tag", timeout=15_000)
                assert page.locator(".opblock").count() >= 10
                assert "/call/offer" in page.inner_text("body")
                assert elsewhere == []
        finally:
            chromium.close()


def test_the_call_page_loads_without_a_console_error(
    base: str, request: pytest.FixtureRequest
) -> None:
    """Every visit logged "Failed to load resource: 404" in the browser's console: the
    browser asked for /favicon.ico, which the server does not have."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = browser.launch(p)
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        try:
            with browser.screenshots_on_failure(page, request.node.name):
                problems = browser.watch_errors(page)
                page.goto(f"{base}/call")
                page.wait_for_selector("body[data-ready=true]")
                page.wait_for_load_state("networkidle")
                assert problems == []
        finally:
            chromium.close()


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("end_conversation", "with a goodbye"),
        ("participant_disconnected", "the caller hung up"),
        ("caller_silent", "the caller stopped answering"),
        ("time_limit", "at the call's time limit"),
    ],
)
def test_the_record_says_how_the_call_ended_in_words(
    base: str, request: pytest.FixtureRequest, reason: str, said: str
) -> None:
    """A call that ended with a goodbye showed "Ended: end conversation", the record's
    code with its underscores taken out."""
    with (
        _call_page(base, microphone=False) as page,
        browser.screenshots_on_failure(page, request.node.name),
    ):
        page.evaluate("(reason) => showSummary({summary: 'A call.', end_reason: reason})", reason)
        assert page.inner_text("#summary-facts dd:last-of-type") == said
