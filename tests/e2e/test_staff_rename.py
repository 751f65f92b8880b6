"""A caller the agent could not get a name from ("Unknown Caller") in the staff console, in a
real browser (uvicorn on a random local port, SQLite, Debian's headless Chromium): the desk
finds them by the "needs a name" mark and the list of callers without one, corrects the name
in place from the caller's view, and the record of staff actions says who did it, old -> new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import time, timedelta
from typing import Any

import pytest

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.models import User
from voice_agent.domain.names import UNKNOWN_NAME
from voice_agent.entrypoints.serve import build_app
from voice_agent.testing import browser

pytestmark = pytest.mark.browser


async def _seed(settings: Settings) -> None:
    """As the offline engine leaves it: an account named "Unknown Caller" with a booking."""
    container = await bootstrap(settings)
    try:
        scheduling = container.scheduling
        day = scheduling.today() + timedelta(days=1)
        while not scheduling.calendar.is_open_on(day):
            day += timedelta(days=1)
        for phone, name, hour in (
            ("6175550142", UNKNOWN_NAME, 10),
            ("2125550147", "Omar Haddad", 11),
        ):
            found = await scheduling.identify(phone, name)
            assert found.user is not None
            await scheduling.book(found.user.id, day, time(hour))
    finally:
        await container.aclose()


def _user(settings: Settings, phone: str) -> User | None:
    async def read() -> User | None:
        container = await bootstrap(settings)
        try:
            return await container.scheduling.find_user_by_phone(phone)
        finally:
            await container.aclose()

    return browser.run_async(read())


@pytest.fixture
def server(staff_settings: Callable[..., Settings]) -> Iterator[tuple[str, Settings]]:
    settings = staff_settings()
    browser.run_async(_seed(settings))
    with browser.serve_in_thread(build_app(settings)) as base:
        yield base, settings


def test_the_desk_finds_a_caller_without_a_name_and_adds_it_in_place(
    server: tuple[str, Settings], request: pytest.FixtureRequest, page: Any
) -> None:
    from playwright.sync_api import expect

    base, settings = server
    problems = browser.watch_errors(page)
    with browser.screenshots_on_failure(page, request.node.name):
        browser.staff_log_in(page, base)
        problems.clear()  # the sign-in page is a 401 the browser reports

        # the grid marks the booking whose caller has no name, and does not show the placeholder
        row = page.locator("#schedule tr.booked", has_text="617-555-0142")
        expect(row.locator(".pill-needs-name")).to_have_text("needs a name")
        assert UNKNOWN_NAME not in page.inner_text("#schedule")
        expect(
            page.locator("#schedule tr.booked", has_text="Omar Haddad").locator(".pill-needs-name")
        ).to_have_count(0)

        # the list of callers without a name, then the caller's view
        page.click("#unnamed")
        matches = page.locator("#caller .caller-matches.unnamed")
        expect(matches).to_contain_text("1 caller without a name")
        expect(matches).to_contain_text("617-555-0142")
        assert "Omar" not in matches.inner_text()
        matches.locator("button[data-phone]").click()
        card = page.locator("#caller article.caller-card[data-needs-name=true]")
        expect(card).to_contain_text("Caller since ")

        # corrected in place: a bad name is refused with what to type, a good one saved
        card.locator("button[data-action=rename]").click()
        form = card.locator("form.rename")
        form.locator("input[name=staff_name]").fill("Dana")
        form.locator("input[name=name]").fill("<b>Ann</b>")
        form.locator("button[type=submit]").click()
        expect(form.locator(".error")).to_contain_text("That name cannot be used: use letters")
        assert _user(settings, "+16175550142").name == UNKNOWN_NAME  # type: ignore[union-attr]
        form.locator("input[name=name]").fill("Ann O'Hara")
        form.locator("button[type=submit]").click()
        expect(page.locator("#notice")).to_contain_text(
            "Saved the name of 617-555-0142: Ann O'Hara (was “Unknown Caller”)."
        )
        card = page.locator("#caller article.caller-card")
        expect(card.locator("h3 .name")).to_have_text("Ann O'Hara")
        expect(card.locator(".pill-needs-name")).to_have_count(0)
        expect(row.locator(".pill-needs-name")).to_have_count(0)
        expect(page.locator("#schedule")).to_contain_text("Ann O'Hara")
        assert _user(settings, "+16175550142").name == "Ann O'Hara"  # type: ignore[union-attr]

        page.click(".tabs >> text=Activity")
        page.wait_for_selector("body[data-view=activity][data-loaded=true]")
        done = page.locator("#activity li.action[data-kind=rename][data-outcome=done]")
        expect(done).to_contain_text("Dana renamed “Unknown Caller” to “Ann O'Hara”")
        refused = page.locator("#activity li.action[data-kind=rename][data-outcome=invalid_name]")
        expect(refused).to_contain_text("tried to correct a caller's name")
        page.click("#refresh")
        page.click(".tabs >> text=Schedule")
        page.wait_for_selector("body[data-view=schedule][data-loaded=true]")
        page.click("#unnamed")
        expect(page.locator("#caller")).to_contain_text("Every caller has a name")
        problems = [p for p in problems if "422" not in p]  # the refused name, reported
        assert problems == []
