"""StaffDesk: staff changes go through SchedulingService and are recorded before they are
tried, then settled with how they went (over the FakeStore)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.errors import DomainError, SlotUnavailable, StorageUnavailable
from voice_agent.domain.staff import DONE, PENDING, StaffActionKind
from voice_agent.services.scheduling import SchedulingService
from voice_agent.services.staff import StaffDesk
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
        "2:15 PM is not a start time: appointments start on the hour from 9 AM. "
        "Choose 2 PM or 3 PM."
    )


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
