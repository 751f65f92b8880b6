"""The call page's failures in a real browser, each with its own message: a refused microphone,
a busy server, an unreachable server. And /docs renders with no network. (The whole call is in
test_browser_call.py.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from voice_agent.config import Settings
from voice_agent.entrypoints.serve import build_app
from voice_agent.testing import browser, ci

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium() -> None:
    ci.require_chromium()


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


def _open(p: Any, base: str, *, microphone: bool) -> Any:
    args = ["--use-fake-device-for-media-stream"]
    if microphone:
        args.append("--use-fake-ui-for-media-stream")  # permission granted without a prompt
    chromium = browser.launch(p, extra_args=args)
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{base}/call")
    page.wait_for_selector("body[data-ready=true]")
    return chromium, page


def _error_after_call(page: Any) -> str:
    page.click("#call")
    page.wait_for_selector("#error:not([hidden])", timeout=15_000)
    text: str = page.inner_text("#error")
    assert page.is_visible("#call") and page.is_hidden("#hangup")
    return text


def test_a_refused_microphone_says_how_to_allow_it(
    base: str, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium, page = _open(p, base, microphone=False)
        try:
            with browser.screenshots_on_failure(page, request.node.name):
                offers: list[str] = []
                page.on("request", lambda r: offers.append(r.url) if "/offer" in r.url else None)
                text = _error_after_call(page)
                assert "Microphone access was refused" in text and "Allow" in text
                assert offers == []  # nothing was sent
        finally:
            chromium.close()


def test_a_busy_server_says_so(base: str, request: pytest.FixtureRequest) -> None:
    from playwright.sync_api import sync_playwright

    busy = "All lines are busy: 3 of 3 calls are in progress. Please try again in a minute."
    with sync_playwright() as p:
        chromium, page = _open(p, base, microphone=True)
        try:
            with browser.screenshots_on_failure(page, request.node.name):
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
        finally:
            chromium.close()


def test_calls_that_are_turned_off_or_unreachable_say_so(
    base: str, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium, page = _open(p, base, microphone=True)
        try:
            with browser.screenshots_on_failure(page, request.node.name):
                # the real server: browser calls are off here
                assert "turned off" in _error_after_call(page)
                page.route("**/call/offer", lambda route: route.abort())
                assert "could not be reached" in _error_after_call(page)
        finally:
            chromium.close()


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
