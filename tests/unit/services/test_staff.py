"""StaffDesk: staff changes go through SchedulingService and are recorded before they are
tried, then settled with how they went (over the FakeStore)."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest

from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.errors import (
    DomainError,
    InvalidName,
    SlotUnavailable,
    StorageUnavailable,
    UserNotFound,
)
from voice_agent.domain.models import User
from voice_agent.domain.names import UNKNOWN_NAME
from voice_agent.domain.staff import DONE, PENDING, StaffActionKind
from voice_agent.services.scheduling import SchedulingService
from voice_agent.services.staff import CALLER_NOT_FOUND, StaffDesk, desk_message
from voice_agent.testing.fakes import FakeStore


@pytest.fixture
def fake() -> FakeStore:
    return FakeStore()


@pytest.fixture
def desk(fake: FakeStore, calendar: ClinicCalendar, clock: FixedClock) -> StaffDesk:
    return StaffDesk(SchedulingService(fake, calendar, clock), fake.staff_actions)


async def test_a_booking_is_recorded_with_who_made_it(desk: StaffDesk, fake: FakeStore) -> None:
    appointment, user = await desk.book(
        actor="  Dana   K ", phone="3105552689", name="Ada", day="friday", start="9 am"
    )
    (action,) = fake.staff_actions.rows.values()
    assert action.actor == "Dana K" and action.kind is StaffActionKind.BOOK
    assert action.outcome == DONE and action.appointment_id == appointment.id
    assert action.user_id == user.id and action.code == appointment.code


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Dana\x00", "Dana"),  # PostgreSQL refuses a NUL in text: the booking failed
        ("\x1b[2J\x1b[31mDana", "[2J [31mDana"),  # no escape sequence reaches a terminal
        ("Dana \u202eKL", "Dana KL"),  # a right-to-left override would reverse what follows
    ],
)
async def test_who_made_a_change_is_recorded_without_control_characters(
    desk: StaffDesk, fake: FakeStore, typed: str, kept: str
) -> None:
    await desk.book(actor=typed, phone="3105552689", name="Ada", day="friday", start="9 am")
    (action,) = fake.staff_actions.rows.values()
    assert action.actor == kept


async def test_a_refusal_quoting_what_was_typed_is_recorded_without_control_characters(
    desk: StaffDesk, fake: FakeStore
) -> None:
    with pytest.raises(DomainError):
        await desk.book(actor="Dana", phone="3105552689", name="Ada", day="fri\x00day", start="9")
    (action,) = fake.staff_actions.rows.values()
    assert action.message is not None and "fri day" in action.message
    assert all(ch.isprintable() for ch in action.message)


async def test_a_name_of_control_characters_only_is_no_name(desk: StaffDesk) -> None:
    with pytest.raises(DomainError):
        await desk.book(actor="\x00\x1b", phone="3105552689", name="Ada", day="friday", start="9")


async def test_a_refused_change_is_recorded_with_its_kind(
    desk: StaffDesk, clock: FixedClock
) -> None:
    await desk.book(actor="Dana", phone="3105552689", name="Ada", day="friday", start="9 am")
    clock.advance(timedelta(seconds=1))
    with pytest.raises(SlotUnavailable):
        await desk.book(actor="Lee", phone="2125550147", name="Omar", day="friday", start="9")
    refused = (await desk.history())[0]
    assert refused.actor == "Lee" and refused.outcome == "slot_unavailable"
    # in the console's 24-hour times, not the agent's "Sorry, ... 9 AM on Friday, ..."
    assert (
        refused.message
        == "09:00 on Friday, November 27, 2026 is already booked: choose another free time."
    )


async def test_a_time_already_gone_is_refused_in_the_consoles_24_hour_time(
    desk: StaffDesk,
) -> None:
    # 10:00 on Wednesday 25 November (the agent says "9 AM on Wednesday, November 25th ...")
    with pytest.raises(DomainError):
        await desk.book(actor="Dana", phone="3105552689", name="Ada", day="today", start="9")
    refused = (await desk.history())[0]
    assert refused.message == (
        "09:00 on Wednesday, November 25, 2026 has already passed: choose a later time."
    )


@pytest.mark.parametrize(
    ("day", "start"),
    [
        ("saturday", "9"),
        ("friday", "25:99"),
        ("2020-01-01", "9"),
        # staff type a date and a time, nothing else: these were read as 10:30, 9:00 and
        # tomorrow (a caller's sentence may carry a date among other words; a form may not)
        ("friday", "10:30:99"),
        ("friday", "9ish"),
        ("tomorrow-ish", "10:00"),
        ("2026-02-30", "10:00"),
        ("friday", "9:7"),
    ],
)
async def test_a_refused_booking_for_a_new_caller_registers_nobody(
    desk: StaffDesk, fake: FakeStore, day: str, start: str
) -> None:
    with pytest.raises(DomainError):
        await desk.book(actor="Dana", phone="3105552692", name="Ada", day=day, start=start)
    assert fake.users.rows == {} and fake.appointments.rows == {}
    (refused,) = await desk.history()
    assert refused.outcome != DONE


async def test_nothing_changes_when_the_record_cannot_be_written(
    desk: StaffDesk, fake: FakeStore
) -> None:
    fake.fail_next = 1  # the first write (the record of the attempt) fails
    with pytest.raises(StorageUnavailable):
        await desk.book(actor="Dana", phone="3105552689", name="Ada", day="friday", start="9")
    assert fake.appointments.rows == {} and fake.staff_actions.rows == {}


async def test_a_change_stands_when_only_its_outcome_cannot_be_written(
    desk: StaffDesk, fake: FakeStore, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    appointment, _ = await desk.book(
        actor="Dana", phone="3105552689", name="Ada", day="friday", start="9"
    )
    clock.advance(timedelta(seconds=1))
    original = fake.staff_actions.settle

    async def broken(action: object) -> None:
        raise StorageUnavailable("down")

    fake.staff_actions.settle = broken  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR):
        cancelled = await desk.cancel(actor="Sam", code=appointment.code)
    fake.staff_actions.settle = original  # type: ignore[method-assign]
    assert not cancelled.is_active
    latest = (await desk.history())[0]
    assert latest.kind is StaffActionKind.CANCEL and latest.outcome == PENDING
    assert "not settled" in caplog.text and "3105552689" not in caplog.text


async def test_a_time_between_slots_names_the_slots_around_it(
    desk: StaffDesk, fake: FakeStore
) -> None:
    """The desk read the caller's line, a question nobody at the desk can answer: "2:15 PM is
    not a start time. Would the nearest slot work?"; it says which starts are nearest."""
    with pytest.raises(DomainError) as refused:
        await desk.book(actor="Dana", phone="3105552689", name="Ada", day="friday", start="2:15")
    assert refused.value.kind == "not_on_slot_boundary"
    (action,) = fake.staff_actions.rows.values()
    assert action.message == (
        "14:15 is not a start time: appointments start on the hour from 09:00. "
        "Choose 14:00 or 15:00."
    )


@pytest.mark.parametrize(
    ("day", "start", "message"),
    [
        (
            "saturday",
            "10",
            "The clinic is closed on Saturdays (Saturday, November 28, 2026): it is open "
            "Monday to Friday.",
        ),
        (
            "2027-06-01",
            "10",
            "Bookings go up to 90 days ahead: the last day that can be booked is "
            "Tuesday, February 23, 2027.",
        ),
        (
            "friday",
            "20:00",
            "20:00 is outside opening hours: appointments run from 09:00 to 16:00.",
        ),
        ("friday", "8 am", "08:00 is outside opening hours: appointments run from 09:00 to 16:00."),
        (
            "friday",
            "15:30",
            "15:30 is too late: the last appointment of the day starts at 15:00.",
        ),
        (
            "2020-01-01",
            "9",
            "Wednesday, January 1, 2020 has already passed: choose today or a later day.",
        ),
        (
            "blah",
            "10",
            "Cannot read 'blah' as a date: enter one such as 2026-01-24, tomorrow or friday.",
        ),
        # the caller's wording ("ask the caller what time they mean") is the model's
        ("friday", "25:00", "'25:00' is not a real time: enter one such as 14:00 or 2 pm."),
        ("friday", "13 pm", "'13 pm' is not a real time: enter one such as 14:00 or 2 pm."),
    ],
)
async def test_the_calendars_refusals_are_worded_for_the_desk_in_24_hour_time(
    desk: StaffDesk, fake: FakeStore, day: str, start: str, message: str
) -> None:
    """The console showed the agent's words to a caller: "Sorry, we're closed at weekends, so
    I can't book Saturday, ...", "8 PM is outside our hours. We see patients from 9 AM to 4
    PM.", "I couldn't understand the date 'blah'." (the console writes times as 14:00)."""
    with pytest.raises(DomainError) as refused:
        await desk.book(actor="Dana", phone="3105552689", name="Ada", day=day, start=start)
    (action,) = fake.staff_actions.rows.values()
    assert action.message == message == desk_message(refused.value)


@pytest.mark.parametrize(("day", "start"), [("friday", "11:00:99"), ("tomorrow-ish", "11")])
async def test_a_move_typed_wrong_is_refused_and_changes_nothing(
    desk: StaffDesk, day: str, start: str
) -> None:
    booked, _ = await desk.book(
        actor="Dana", phone="3105552692", name="Ada", day="friday", start="10"
    )
    with pytest.raises(DomainError) as refused:
        await desk.reschedule(actor="Dana", code=booked.code, day=day, start=start)
    assert refused.value.kind in ("invalid_date", "invalid_time")
    now = await desk.appointment(booked.code)
    assert (now.day, now.start) == (booked.day, booked.start)


# --- correcting a caller's name ------------------------------------------------------------------
async def _unknown(desk: StaffDesk) -> User:
    found = await desk.scheduling.identify("3105552689", UNKNOWN_NAME)
    assert found.user is not None
    return found.user


async def test_a_name_correction_is_recorded_old_to_new_with_who_made_it(
    desk: StaffDesk, fake: FakeStore, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    user = await _unknown(desk)
    with caplog.at_level(logging.DEBUG):
        done = await desk.rename(actor="Dana", user_id=user.id, name="  zoë   o'hara ")
    renamed = done.user
    assert done.previous_name == UNKNOWN_NAME
    assert renamed.name == "Zoë O'hara" and renamed.phone == user.phone
    assert (await fake.users.get(user.id)) == renamed
    (action,) = fake.staff_actions.rows.values()
    assert action.kind is StaffActionKind.RENAME and action.outcome == DONE
    assert (action.actor, action.at, action.user_id) == ("Dana", clock.now(), user.id)
    assert (action.previous_name, action.name) == (UNKNOWN_NAME, "Zoë O'hara")
    # the names are data in the record, never in a log line or its fields
    for record in caplog.records:
        assert "Zo" not in record.getMessage() and "Unknown" not in record.getMessage()
        assert "Zo" not in str(record.__dict__) and UNKNOWN_NAME not in str(record.__dict__)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "no_correction"),
        ("   ", "no_correction"),
        ("Ann\x00Lee", "unusable"),  # a control character
        ("Ann\u202eeeL", "unusable"),  # a direction override would show another name
        ("<b>Ann</b>", "unusable"),  # markup
        ("Ann Lee 2", "unusable"),
        ("A" * 101, "unusable"),
        ("\u3164", "unusable"),  # a letter blank on screen
        ("unknown caller", "placeholder"),
    ],
)
async def test_a_name_that_cannot_be_a_name_is_refused_and_the_refusal_recorded(
    desk: StaffDesk, fake: FakeStore, typed: str, reason: str
) -> None:
    user = await _unknown(desk)
    with pytest.raises(InvalidName) as refused:
        await desk.rename(actor="Dana", user_id=user.id, name=typed)
    assert refused.value.detail["reason"] == reason
    assert (await fake.users.get(user.id)) == user
    (action,) = fake.staff_actions.rows.values()
    assert action.outcome == "invalid_name" and action.name is None
    assert action.message == desk_message(refused.value)
    assert "register" not in action.message  # a booking's wording, for a new number
    if typed.strip():
        assert typed.strip() not in action.message


async def test_correcting_the_name_of_no_caller_is_user_not_found_in_desk_words(
    desk: StaffDesk, fake: FakeStore
) -> None:
    with pytest.raises(UserNotFound) as refused:
        await desk.rename(actor="Dana", user_id=uuid.uuid4(), name="Ann Lee")
    assert "phone number" not in str(refused.value)  # the caller's wording
    assert str(refused.value) == CALLER_NOT_FOUND
    (action,) = fake.staff_actions.rows.values()
    assert action.outcome == "user_not_found"


def test_a_start_the_clocks_skip_is_worded_for_the_desk_as_not_existing() -> None:
    """The desk read "02:00 is not a start time: appointments start every 30 minutes" for a
    slot the grid shows every other day: it does not exist on that day."""
    night = ClinicCalendar(
        open_time=time(1), close_time=time(5), slot_minutes=30, open_weekdays=frozenset(range(7))
    )
    with pytest.raises(DomainError) as refused:
        night.check_slot(date(2026, 3, 8), time(2), now=datetime(2026, 3, 1, tzinfo=UTC))
    assert desk_message(refused.value) == (
        "02:00 does not exist on Sunday, March 8, 2026: the clocks go forward that night. "
        "Choose 01:30 or 03:00."
    )
