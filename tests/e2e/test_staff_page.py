"""The staff console in a real browser: uvicorn on a random local port, SQLite, Debian's headless
Chromium. Changes are made by clicks and checked in the database; the page is checked at 390 px
wide. A failing test leaves screenshots at 1280 and 390 px in the test output
(``VOICE_AGENT_TEST_OUTPUT``, default out/test-output/).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.codes import display_code
from voice_agent.domain.models import (
    Appointment,
    AppointmentChange,
    AppointmentStatus,
    ChangeAction,
    Conversation,
)
from voice_agent.entrypoints.serve import build_app
from voice_agent.testing import browser

pytestmark = pytest.mark.browser


def _weekday_after(day: date, skip: int = 1) -> date:
    found = 0
    while True:
        day += timedelta(days=1)
        if day.weekday() < 5:
            found += 1
            if found == skip:
                return day


async def _seed(settings: Settings) -> Appointment:
    """A booking through the scheduling service and recorded calls."""
    container = await bootstrap(settings)
    try:
        ident = await container.scheduling.identify("9876543210", "Sarah Johnson")
        assert ident.user is not None
        day = _weekday_after(container.scheduling.today())
        appointment = await container.scheduling.book(ident.user.id, day, time(10, 0))
        other = await container.scheduling.identify("2125550147", "Omar Haddad")
        assert other.user is not None
        await container.scheduling.book(other.user.id, day, time(14, 0))
        now = datetime.now(UTC)
        await container.store.conversations.save(
            Conversation(
                id=uuid.uuid4(),
                room_name="room-3f9a1c0d2b7e4a5f6c81",
                started_at=now - timedelta(minutes=12),
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
                ended_at=now - timedelta(minutes=9),
                end_reason="end_conversation",
            )
        )
        for i in range(24):  # older calls from Omar, enough for two pages
            await container.store.conversations.save(
                Conversation(
                    id=uuid.uuid4(),
                    room_name=f"room-old-{i:02d}",
                    started_at=now - timedelta(days=2, minutes=i),
                    user_id=other.user.id,
                    summary=f"Omar asked about opening hours ({i}).",
                    ended_at=now - timedelta(days=2, minutes=i - 1),
                    duration_seconds=60,
                )
            )
        return appointment
    finally:
        await container.aclose()


@pytest.fixture
def server(staff_settings: Callable[..., Settings]) -> Iterator[tuple[str, Appointment, Settings]]:
    settings = staff_settings(clinic_name="Maple Street Clinic")
    appointment = browser.run_async(_seed(settings))
    with browser.serve_in_thread(build_app(settings)) as base:
        yield base, appointment, settings


def _appointments(settings: Settings, phone: str) -> list[Appointment]:
    async def read() -> list[Appointment]:
        container = await bootstrap(settings)
        try:
            user = await container.scheduling.find_user_by_phone(phone)
            return [] if user is None else await container.scheduling.appointments(user.id)
        finally:
            await container.aclose()

    return browser.run_async(read())


def test_staff_page_shows_the_schedule_and_the_calls_after_login(
    server: tuple[str, Appointment, Settings], request: pytest.FixtureRequest, page: Any
) -> None:
    base, appointment, settings = server
    problems = browser.watch_errors(page)
    with browser.screenshots_on_failure(page, request.node.name):
        response = page.goto(f"{base}/staff")
        assert response is not None and response.status == 401
        page.fill("input[name=key]", "wrong-key")
        page.click("button[type=submit]")
        assert "not right" in page.inner_text("body")
        problems.clear()  # the refused login is a 401 the console reports

        page.fill("input[name=key]", browser.STAFF_KEY)
        page.click("button[type=submit]")
        page.wait_for_selector("body[data-loaded=true]", timeout=10_000)

        day = page.locator(f"article.day[data-date='{appointment.day.isoformat()}']")
        row = day.locator("tr.booked", has_text="Sarah Johnson")
        assert row.count() == 1
        for text in ("10:00", display_code(appointment.code), "987-654-3210", "booked"):
            assert text in row.inner_text()
        assert "Omar Haddad" in page.inner_text("#schedule")
        assert "Maple Street Clinic" in page.inner_text("header")

        page.click(".tabs >> text=Calls")
        page.wait_for_selector("body[data-view=calls][data-loaded=true]")
        calls = page.locator("#calls")
        assert "Sarah booked an appointment" in calls.inner_text()
        assert "$0.0295" in calls.inner_text()
        assert "Calls 1–20 of 25" in page.inner_text("#calls-count")

        page.click("#calls >> text=Sarah Johnson")
        page.wait_for_selector("body[data-view=call][data-loaded=true]")
        detail = page.inner_text("#call-detail")
        assert "Next weekday at ten, please." in detail
        assert display_code(appointment.code) in detail and "$0.0295" in detail
        assert "Prefers morning appointments" in detail
        assert "ended: with a goodbye" in detail  # was "ended: end conversation"

        page.go_back()
        page.wait_for_selector("body[data-view=calls][data-loaded=true]")
        page.click("#next-page")
        page.wait_for_selector("body[data-view=calls][data-loaded=true]")
        assert "Calls 21–25 of 25" in page.inner_text("#calls-count")
        assert page.locator("#calls article.call").count() == 5

        page.fill("#call-filters input[name=phone]", "987-654")
        page.click("#call-filters button[type=submit]")
        page.wait_for_selector("body[data-calls-total='1'][data-loaded=true]")
        assert page.locator("#calls article.call").count() == 1
        page.select_option("#call-filters select[name=outcome]", "no_change")
        page.fill("#call-filters input[name=phone]", "")
        page.click("#call-filters button[type=submit]")
        page.wait_for_selector("body[data-calls-total='24'][data-loaded=true]")

        # a date range, in the clinic's days: Sarah's call is from yesterday on, Omar's older
        page.select_option("#call-filters select[name=outcome]", "")
        yesterday = datetime.now(settings.calendar().timezone).date() - timedelta(days=1)
        page.fill("#call-filters input[name=from]", yesterday.isoformat())
        page.click("#call-filters button[type=submit]")
        page.wait_for_selector("body[data-calls-total='1'][data-loaded=true]")
        assert "Sarah Johnson" in page.inner_text("#calls")
        page.fill("#call-filters input[name=from]", "")
        before = yesterday - timedelta(days=1)
        page.fill("#call-filters input[name=to]", before.isoformat())
        page.click("#call-filters button[type=submit]")
        page.wait_for_selector("body[data-calls-total='24'][data-loaded=true]")
        assert "Sarah Johnson" not in page.inner_text("#calls")

        page.click(".tabs >> text=Calendar feed")
        page.wait_for_selector("body[data-view=calendar][data-loaded=true]")
        feed_url = page.input_value("#feed-url")
        assert "/staff/calendar.ics?token=" in feed_url
        feed = page.request.get(feed_url)
        assert feed.ok and display_code(appointment.code) in feed.text()

        cookies = page.context.cookies()
        (session,) = [c for c in cookies if c["name"] == "va_staff"]
        assert session["httpOnly"] and session["sameSite"] == "Strict"
        assert problems == []  # no script errors or CSP violations while signed in
        page.click("text=Sign out")
        page.wait_for_selector("input[name=key]")
        assert not [c for c in page.context.cookies() if c["name"] == "va_staff"]


def test_staff_book_move_and_cancel_by_clicks(
    server: tuple[str, Appointment, Settings], request: pytest.FixtureRequest, page: Any
) -> None:
    from playwright.sync_api import expect

    base, appointment, settings = server
    problems = browser.watch_errors(page)
    with browser.screenshots_on_failure(page, request.node.name):
        browser.staff_log_in(page, base)
        day = appointment.day.isoformat()
        # book the free 11:00 slot of Sarah's day for a new caller
        page.click(f"article.day[data-date='{day}'] tr.free[data-start='11:00'] >> text=Book")
        dialog = page.locator("#change-dialog")
        dialog.locator("input[name=phone]").fill("(310) 555-2689")
        dialog.locator("input[name=name]").fill("Ada Lovelace")
        expect(dialog.locator("select[name=time]")).to_have_value("11:00")
        dialog.locator("input[name=staff_name]").fill("Dana")
        dialog.locator("#change-confirm").click()
        page.wait_for_selector("#notice:not([hidden])")
        assert "Booked Ada Lovelace" in page.inner_text("#notice")
        (ada,) = _appointments(settings, "3105552689")
        assert (ada.day, ada.start, ada.status) == (
            appointment.day,
            time(11),
            AppointmentStatus.BOOKED,
        )
        assert display_code(ada.code) in page.inner_text("#notice")

        # move it to the next open weekday at 9:00
        later = _weekday_after(appointment.day)
        page.click(f"tr.booked[data-code='{display_code(ada.code)}'] >> text=Move")
        dialog.locator("input[name=date]").fill(later.isoformat())
        dialog.locator("input[name=date]").dispatch_event("change")
        expect(dialog.locator("select[name=time] option[value='09:00']")).to_have_count(1)
        dialog.locator("select[name=time]").select_option("09:00")
        assert dialog.locator("input[name=staff_name]").input_value() == "Dana"  # remembered
        dialog.locator("#change-confirm").click()
        page.wait_for_selector("#notice >> text=Moved")
        (moved,) = _appointments(settings, "3105552689")
        assert (moved.code, moved.day, moved.start) == (ada.code, later, time(9))

        # cancel it
        page.click(f"tr.booked[data-code='{display_code(ada.code)}'] >> text=Cancel")
        assert display_code(ada.code) in dialog.inner_text()
        dialog.locator("#change-confirm").click()
        page.wait_for_selector("#notice >> text=Cancelled")
        (cancelled,) = _appointments(settings, "3105552689")
        assert cancelled.status is AppointmentStatus.CANCELLED

        # a slot taken by someone else while the dialog was open: the agent's refusal
        page.click(f"article.day[data-date='{day}'] tr.free[data-start='12:00'] >> text=Book")
        dialog.locator("input[name=phone]").fill("2125550147")
        expect(dialog.locator("select[name=time]")).to_have_value("12:00")
        _book_directly(settings, "9876543210", appointment.day, time(12))
        dialog.locator("#change-confirm").click()
        page.wait_for_selector("#change-error:not([hidden])")
        assert "already booked" in page.inner_text("#change-error")
        problems.clear()  # the refused booking is a 409 the console reports
        dialog.locator("#change-close").click()
        omar = [a for a in _appointments(settings, "2125550147") if a.start == time(12)]
        assert omar == []

        page.click(".tabs >> text=Activity")
        page.wait_for_selector("body[data-view=activity][data-loaded=true]")
        items = page.locator(".actions-list li")
        assert items.count() == 4
        assert items.nth(0).get_attribute("data-outcome") == "slot_unavailable"
        assert [items.nth(i).get_attribute("data-kind") for i in range(1, 4)] == [
            "cancel",
            "reschedule",
            "book",
        ]
        assert (
            "Dana" in items.nth(3).inner_text()
            and display_code(ada.code) in items.nth(3).inner_text()
        )
        assert problems == []


def test_the_desk_finds_a_caller_by_number_or_code_and_cancels_from_there(
    server: tuple[str, Appointment, Settings], request: pytest.FixtureRequest, page: Any
) -> None:
    """ "When is my appointment?" at the desk: the number (or a code) finds every appointment
    of the caller; a change made from the card shows there at once."""
    from playwright.sync_api import expect

    base, appointment, settings = server
    problems = browser.watch_errors(page)
    with browser.screenshots_on_failure(page, request.node.name):
        browser.staff_log_in(page, base)
        card = page.locator("#caller")
        page.fill("#find-q", "212-555-0147")
        page.click("#find-caller button[type=submit]")
        expect(card.locator(".name")).to_have_text("Omar Haddad")
        (omar,) = _appointments(settings, "2125550147")
        row = card.locator(f"tr[data-code='{display_code(omar.code)}']")
        expect(row.locator(".pill")).to_have_text("booked")
        row.locator("text=Cancel").click()
        dialog = page.locator("#change-dialog")
        assert "Omar Haddad" in dialog.inner_text()
        dialog.locator("input[name=staff_name]").fill("Dana")
        dialog.locator("#change-confirm").click()
        page.wait_for_selector("#notice >> text=Cancelled")
        expect(row.locator(".pill")).to_have_text("cancelled")  # the card is refreshed
        (cancelled,) = _appointments(settings, "2125550147")
        assert cancelled.status is AppointmentStatus.CANCELLED

        page.fill("#find-q", display_code(appointment.code))  # Sarah's, by her code
        page.click("#find-caller button[type=submit]")
        expect(card.locator(".name")).to_have_text("Sarah Johnson")
        page.fill("#find-q", "3105550000")
        page.click("#find-caller button[type=submit]")
        expect(card.locator(".error")).to_have_text("No caller has that phone number.")
        problems.clear()  # the 404 is the console's answer, which the browser logs
        card.page.fill("#find-q", "")
        page.click("#find-caller button[type=submit]")
        expect(card).to_be_hidden()
        assert problems == []


def test_the_desk_finds_a_caller_by_name_and_picks_one_when_several_match(
    server: tuple[str, Appointment, Settings], request: pytest.FixtureRequest, page: Any
) -> None:
    """A caller at the desk who gives a name and no number: the box took only a number or a
    code. One match opens that caller; several are listed to pick from, by keyboard too."""
    from playwright.sync_api import expect

    base, _appointment, _settings = server
    problems = browser.watch_errors(page)
    with browser.screenshots_on_failure(page, request.node.name):
        browser.staff_log_in(page, base)
        card = page.locator("#caller")
        page.fill("#find-q", "haddad")
        page.press("#find-q", "Enter")
        expect(card.locator(".name")).to_have_text("Omar Haddad")
        page.fill("#find-q", "AR")  # Omar, Sarah
        page.press("#find-q", "Enter")
        picks = card.locator(".matches button")
        expect(picks).to_have_text(["Omar Haddad · 212-555-0147", "Sarah Johnson · 987-654-3210"])
        expect(picks.nth(0)).to_be_focused()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(card.locator(".name")).to_have_text("Sarah Johnson")
        page.fill("#find-q", "zed")
        page.press("#find-q", "Enter")
        expect(card.locator(".error")).to_contain_text("No caller's name has “zed” in it.")
        problems.clear()  # the 422s for text that is no number nor code, which the browser logs
        assert problems == []


def _book_directly(settings: Settings, phone: str, day: date, start: time) -> None:
    async def book() -> None:
        container = await bootstrap(settings)
        try:
            found = await container.scheduling.identify(phone)
            assert found.user is not None
            await container.scheduling.book(found.user.id, day, start)
        finally:
            await container.aclose()

    browser.run_async(book())


def test_a_slot_whose_booking_was_cancelled_offers_book_again(
    server: tuple[str, Appointment, Settings], request: pytest.FixtureRequest, page: Any
) -> None:
    """The schedule showed a cancelled booking in its slot with no Book button, as if the
    slot were taken; the desk had to find "New booking" and type the day and time."""
    from playwright.sync_api import expect

    base, appointment, settings = server
    _cancel_directly(settings, appointment)
    with browser.screenshots_on_failure(page, request.node.name):
        browser.staff_log_in(page, base)
        problems = browser.watch_errors(page)
        day = appointment.day.isoformat()
        slot = page.locator(f"article.day[data-date='{day}'] tr[data-start='10:00']")
        expect(slot.locator(".pill-cancelled")).to_have_count(1)  # still shown, struck out
        page.click(f"article.day[data-date='{day}'] tr.free[data-start='10:00'] >> text=Book")
        dialog = page.locator("#change-dialog")
        expect(dialog.locator("select[name=time]")).to_have_value("10:00")
        dialog.locator("input[name=phone]").fill("2125550147")
        dialog.locator("input[name=staff_name]").fill("Dana")
        dialog.locator("#change-confirm").click()
        page.wait_for_selector("#notice:not([hidden])")
        omar = [a for a in _appointments(settings, "2125550147") if a.start == time(10)]
        assert [(a.day, a.status) for a in omar] == [(appointment.day, AppointmentStatus.BOOKED)]
        assert problems == [], problems


def _cancel_directly(settings: Settings, appointment: Appointment) -> None:
    async def cancel() -> None:
        container = await bootstrap(settings)
        try:
            await container.scheduling.cancel(appointment.user_id, appointment.code)
        finally:
            await container.aclose()

    browser.run_async(cancel())


def test_the_console_fits_a_390_px_phone(
    server: tuple[str, Appointment, Settings], request: pytest.FixtureRequest, page: Any
) -> None:
    base, appointment, _settings = server
    page.set_viewport_size({"width": 390, "height": 844})
    with browser.screenshots_on_failure(page, request.node.name):
        browser.staff_log_in(page, base)
        for view in ("schedule", "calls", "activity", "calendar"):
            page.goto(f"{base}/staff#{view}")
            page.wait_for_selector(f"body[data-view={view}][data-loaded=true]")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{view} is {width} px wide"
        page.goto(f"{base}/staff#schedule")
        page.wait_for_selector("body[data-view=schedule][data-loaded=true]")
        row = page.locator(f"tr.booked[data-code='{display_code(appointment.code)}']")
        for part in (row.locator("code.code"), row.locator(".pill"), row.locator("text=Move")):
            box = part.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        shots = browser.screenshots(page, "staff-console", folder=browser.output_dir())
        assert all(s.stat().st_size > 5_000 for s in shots)


@pytest.mark.parametrize("width", [1100, 1280])
def test_a_booked_row_fits_its_day_on_a_laptop_screen(
    server: tuple[str, Appointment, Settings], request: pytest.FixtureRequest, page: Any, width: int
) -> None:
    """At 1100 px two days stand side by side, and a booked row (name, number, code, status,
    Move, Cancel) was wider than its card: Cancel and every Book button of that day were cut
    off at the card's edge, reachable only by scrolling the card sideways."""
    base, appointment, _settings = server
    page.set_viewport_size({"width": width, "height": 900})
    with browser.screenshots_on_failure(page, request.node.name):
        browser.staff_log_in(page, base)
        page.goto(f"{base}/staff#schedule")
        page.wait_for_selector("body[data-view=schedule][data-loaded=true]")
        day = page.locator(f"article.day[data-date='{appointment.day.isoformat()}']")
        sizes = day.evaluate("d => [d.scrollWidth, d.clientWidth]")
        assert sizes[0] <= sizes[1], f"the day's rows are {sizes[0]} px in a {sizes[1]} px card"
        card = day.bounding_box()
        row = day.locator(f"tr.booked[data-code='{display_code(appointment.code)}']")
        for button in (row.locator("text=Move"), row.locator("text=Cancel")):
            box = button.bounding_box()
            assert card is not None and box is not None
            assert box["x"] + box["width"] <= card["x"] + card["width"], button
