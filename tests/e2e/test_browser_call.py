"""A whole browser call: headless Chromium presses Call on /call with a caller who listens
(each line spoken into the page's microphone once the agent has finished its turn), talks
over WebRTC to `voice-agent serve`'s app (offline engines: Silero VAD, pocketsphinx, the
dialogue engine, espeak-ng) and books an appointment, which is then checked in the database;
and the same call with the number typed on the page's keypad. Slow (a minute or two of
real-time audio each) and heavy.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import ShiftedClock
from voice_agent.domain.codes import display_code
from voice_agent.domain.models import AppointmentStatus
from voice_agent.entrypoints.serve import build_app
from voice_agent.testing import browser

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A number the offline recogniser hears through Opus (it takes "four" for "r").
SARAH = "3105552689"
# What the caller says, each line once the agent has answered the one before.
CALLER = [
    "Hi, I'd like to book an appointment.",
    "My number is three one zero, five five five, two six eight nine.",
    "Yes, my name is Sarah Johnson.",
    "Tomorrow at two p m please.",
    "Yes.",
    "No, that's all. Goodbye.",
]
CALL_TIMEOUT_MS = 60_000  # after the last line, for the goodbye and the record
# The same caller typing the number on the page's keypad when asked for it.
KEYPAD_CALLER = [line for line in CALLER if not line.startswith("My number")]


def clinic_morning(settings: Settings) -> datetime:
    """The coming Wednesday, 10:00 clinic time: "tomorrow" is an open Thursday."""
    tz = settings.calendar().timezone
    local = datetime.now(tz)
    days = (2 - local.weekday()) % 7 or 7
    return datetime.combine(local.date() + timedelta(days=days), time(10), tzinfo=tz)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Settings, ShiftedClock]]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=f"sqlite:///{tmp_path / 'call.db'}",
        data_dir=tmp_path / "var",
        clinic_name="Maple Street Clinic",
        call_max_concurrent=1,
    )
    clock = ShiftedClock(clinic_morning(settings))
    with browser.serve_in_thread(build_app(settings, clock=clock)) as base:
        yield base, settings, clock


@contextmanager
def call_page(
    base: str, caller: browser.ListeningCaller, *, size: tuple[int, int], name: str
) -> Iterator[tuple[Page, list[str]]]:
    """Headless Chromium with ``caller`` at its microphone, on the call page once it is
    ready, and the page errors seen; on a failure, screenshots, the transcript and the
    call's timeline are printed."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        chromium = browser.launch(p, extra_args=browser.CALL_ARGS)
        page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
        try:
            page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
            caller.install(page)
            page.goto(f"{base}/call")
            page.wait_for_selector("body[data-ready=true]")
            yield page, problems
        except BaseException:
            shots = browser.screenshots(page, name)
            print("screenshots:", *shots)
            print("transcript:", json.dumps(page.inner_text("#transcript")))
            print("timeline:", json.dumps(caller.timeline(page)))
            if page.is_visible("#summary"):  # how the call ended, if it did
                print("summary:", json.dumps(page.inner_text("#summary")))
            raise
        finally:
            chromium.close()


async def _sarahs_appointments(settings: Settings, clock: ShiftedClock) -> list[tuple[str, str]]:
    container = await bootstrap(settings, clock=clock)
    try:
        user = await container.scheduling.find_user_by_phone(SARAH)
        if user is None:
            return []
        return [
            (f"{a.day.isoformat()} {a.start:%H:%M}", display_code(a.code))
            for a in await container.scheduling.appointments(user.id)
            if a.status is AppointmentStatus.BOOKED
        ]
    finally:
        await container.aclose()


def assert_booked_as_asked(
    stored: list[tuple[str, str]],
    code: str | None,
    clock: ShiftedClock,
    summary: str,
    transcript: str,
) -> None:
    """One appointment, under the code the page showed, tomorrow from 2 PM on (the caller
    asks for "two p m"; through Opus the offline recogniser now and then hears "at two" as
    "after two", and the first time after 2 PM is then offered and confirmed), at the very
    time the call's summary reports."""
    tomorrow = (clock.now().date() + timedelta(days=1)).isoformat()
    assert len(stored) == 1, transcript
    (when, stored_code) = stored[0]
    assert stored_code == code, transcript
    day, start = when.split()
    assert day == tomorrow and start >= "14:00", transcript
    assert f"at {start} \u00b7 code {code}" in summary, summary


def test_a_browser_call_books_an_appointment(
    served: tuple[str, Settings, ShiftedClock], request: pytest.FixtureRequest
) -> None:
    base, settings, clock = served
    caller = browser.ListeningCaller(CALLER)
    with call_page(base, caller, size=(1280, 900), name=request.node.name) as (page, problems):
        assert "Maple Street Clinic" in page.title()
        page.click("#call")
        page.wait_for_selector("body[data-connected=true]", timeout=20_000)
        caller.converse(page)
        page.wait_for_selector("body[data-ended=true]", timeout=CALL_TIMEOUT_MS)

        transcript = page.inner_text("#transcript")
        booked = page.locator("#appointments li[data-action=booked]")
        assert booked.count() == 1, transcript
        code = booked.get_attribute("data-code")
        assert code and code in page.inner_text("#booking")
        tools = page.inner_text("#tools")  # in words, not tool names
        assert "Opened your account (the number ending 89)" in tools, tools
        assert "Booked " in tools and "_" not in tools, tools
        assert page.locator("#tools li[data-tool=book_appointment]").count() == 1
        summary = page.inner_text("#summary")
        assert "booked" in summary.lower()
        assert page.is_hidden("#error"), page.inner_text("#error")
        assert problems == []

        stored = browser.run_async(_sarahs_appointments(settings, clock))
        assert_booked_as_asked(stored, code, clock, summary, transcript)


def test_a_browser_call_books_with_the_number_typed_on_the_keypad(
    served: tuple[str, Settings, ShiftedClock], request: pytest.FixtureRequest
) -> None:
    """The agent asks for the number; the page opens its keypad on its own; half the number is
    clicked, the rest typed on the keyboard, then "#"; the spoken yes books it."""
    base, settings, clock = served
    caller = browser.ListeningCaller(KEYPAD_CALLER)
    with call_page(base, caller, size=(390, 844), name=request.node.name) as (page, problems):
        assert page.is_hidden("#keypad") and page.is_hidden("#keypad-toggle")
        page.click("#call")
        page.wait_for_selector("body[data-connected=true]", timeout=20_000)
        assert page.is_visible("#keypad-toggle")  # always reachable during the call
        caller.say_next(page)  # "I'd like to book an appointment"
        page.wait_for_selector("body[data-keypad=open]", timeout=60_000)
        assert page.get_attribute("body", "data-expecting") == "phone"
        asked = page.locator("#transcript li.turn-assistant").last
        asked.wait_for(timeout=30_000)
        page.wait_for_selector("#status[data-state=listening]", timeout=30_000)
        assert "type it on the keypad" in asked.inner_text()
        typed = "(want) => document.getElementById('keypad-typed').textContent === want"
        for key in SARAH[:6]:
            page.click(f"#keypad .key[data-key='{key}']")
        page.wait_for_function(typed, arg=SARAH[:6], timeout=5_000)  # the server's echo
        page.keyboard.type(SARAH[6:])
        page.wait_for_function(typed, arg=SARAH, timeout=5_000)
        if os.environ.get(browser.OUTPUT_ENV):
            browser.screenshots(page, "keypad-typed")
        caller.mark(page)  # the agent's answer to the typed number comes next
        page.keyboard.press("#")
        entry = page.locator("#transcript li.turn-user").filter(has_text=f"{SARAH}#")
        entry.wait_for(timeout=10_000)
        caller.converse(page)
        page.wait_for_selector("body[data-ended=true]", timeout=CALL_TIMEOUT_MS)

        transcript = page.inner_text("#transcript")
        assert transcript.count("type it on the keypad") == 1, transcript
        booked = page.locator("#appointments li[data-action=booked]")
        assert booked.count() == 1, transcript
        code = booked.get_attribute("data-code")
        assert page.is_hidden("#error"), page.inner_text("#error")
        assert page.is_hidden("#keypad") and page.is_hidden("#keypad-toggle")
        assert problems == []
        stored = browser.run_async(_sarahs_appointments(settings, clock))
        assert_booked_as_asked(stored, code, clock, page.inner_text("#summary"), transcript)
        if os.environ.get(browser.OUTPUT_ENV):
            browser.screenshots(page, "keypad-call-ended")
