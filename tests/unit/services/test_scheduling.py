"""The seed's Testing Checklist, row by row, against real SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, time, timedelta

import pytest

from voice_agent.domain.clock import FixedClock
from voice_agent.domain.errors import (
    AppointmentNotActive,
    AppointmentNotFound,
    InvalidConfirmationCode,
    InvalidName,
    InvalidPhoneNumber,
    NameChangeRefused,
    SlotUnavailable,
    UserNotFound,
    WeekendUnavailable,
)
from voice_agent.domain.models import AppointmentStatus, User
from voice_agent.services.scheduling import (
    NAME_MISS_WINDOW_SECONDS,
    NAME_MISSES_PER_ACCOUNT,
    NameCheck,
    SchedulingService,
)

FRIDAY = date(2026, 11, 27)


async def _user(service: SchedulingService, phone: str = "9876543210", name: str = "Sarah Johnson"):
    ident = await service.identify(phone, name)
    assert ident.user is not None
    return ident.user


# --- Testing Checklist ----------------------------------------------------------------------
async def test_new_user_registration(service: SchedulingService) -> None:
    ident = await service.identify("9876543210", "Sarah Johnson")
    assert ident.created and ident.user is not None
    assert ident.user.name == "Sarah Johnson"
    assert ident.user.phone == "+19876543210"


async def test_existing_user_lookup_returns_info_and_appointments(
    service: SchedulingService,
) -> None:
    user = await _user(service, "1234567890", "John Smith")
    booked = await service.book(user.id, FRIDAY, time(9))
    again = await service.identify("(123) 456-7890")
    assert not again.created and again.user == user
    assert [a.code for a in again.appointments] == [booked.code]


async def test_unknown_number_without_name_asks_for_name(service: SchedulingService) -> None:
    ident = await service.identify("5551234567")
    assert ident.needs_name and ident.user is None and ident.phone == "+15551234567"


async def test_a_caller_corrects_their_own_name(service: SchedulingService) -> None:
    dana = await _user(service, "9876543210", "Dana Rooz")
    other = await _user(service, "1234567890", "John Smith")
    renamed = await service.rename(dana.id, "my name is dana ruiz.")
    assert renamed.name == "Dana Ruiz" and renamed.id == dana.id and renamed.phone == dana.phone
    again = await service.identify("9876543210")
    assert again.user == renamed
    assert (await service.user(other.id)).name == "John Smith"


@pytest.mark.parametrize("bad", ["", "   ", "my name is", "R2D2", "x" * 101, "\u3164"])
async def test_a_rename_is_checked_like_a_registration(
    service: SchedulingService, bad: str
) -> None:
    dana = await _user(service, "9876543210", "Dana Rooz")
    with pytest.raises(InvalidName):
        await service.rename(dana.id, bad)
    assert (await service.user(dana.id)).name == "Dana Rooz"


async def test_a_callers_rename_is_a_correction_only(service: SchedulingService) -> None:
    """A caller (``correction``) corrects a misheard or mistyped name; another name is the
    front desk's (staff rename without it)."""
    john = await _user(service, "1234567890", "John Smith")
    with pytest.raises(NameChangeRefused, match="front desk"):
        await service.rename(john.id, "Mallory Evil", correction=True)
    assert (await service.user(john.id)).name == "John Smith"
    renamed = await service.rename(john.id, "John Smyth", correction=True)
    assert renamed.name == "John Smyth"
    assert (await service.rename(john.id, "Mallory Evil")).name == "Mallory Evil"  # staff


async def test_name_misses_are_counted_for_an_account_over_its_calls(
    service: SchedulingService, clock: FixedClock
) -> None:
    """A caller who gave three wrong names, hung up and called again went on guessing: the
    account's misses are counted over its calls, cleared by the right name before the limit,
    and past it no name is checked until the window has passed."""
    john = await _user(service, "1234567890", "John Smith")
    for _ in range(NAME_MISSES_PER_ACCOUNT - 1):
        assert await service.check_name(john, "Mark Jones") is NameCheck.MISSED
    assert await service.check_name(john, "John Smith") is NameCheck.MATCHED  # cleared
    for _ in range(NAME_MISSES_PER_ACCOUNT):
        assert await service.check_name(john, "Mark Jones") is NameCheck.MISSED
    assert await service.check_name(john, "John Smith") is NameCheck.USED_UP
    # a refused rename by a caller who did not give the name is one more miss, and past the
    # limit even a correction is refused
    with pytest.raises(NameChangeRefused):
        await service.rename(john.id, "John Smyth", correction=True, checked=False)
    assert (await service.user(john.id)).name == "John Smith"
    clock.advance(timedelta(seconds=NAME_MISS_WINDOW_SECONDS))
    assert await service.check_name(john, "John Smith") is NameCheck.MATCHED


async def test_names_checked_at_once_against_one_account_are_counted_together(
    service: SchedulingService,
) -> None:
    """attack15: calls at once against one account (phone lines from anywhere, each with its
    own three misses) each read the account's count under the limit before any had added
    to it, and all their names were checked. Counted before checked: six, then none."""
    john = await _user(service, "1234567890", "John Smith")
    guesses = [f"Mark Jones{'e' * n}" for n in range(2 * NAME_MISSES_PER_ACCOUNT)]
    checks = await asyncio.gather(*(service.check_name(john, name) for name in guesses))
    assert checks.count(NameCheck.MISSED) == NAME_MISSES_PER_ACCOUNT
    assert checks.count(NameCheck.USED_UP) == NAME_MISSES_PER_ACCOUNT
    assert await service.check_name(john, "John Smith") is NameCheck.USED_UP


async def test_corrections_at_once_without_the_name_are_counted_together(
    service: SchedulingService,
) -> None:
    """Callers at once on one account, none of whom gave its name, each "correcting" it to
    a near spelling: read first and counted after (and a correction that went through not
    counted at all), every one was weighed and went through. Each is counted before it is
    weighed, in one atomic step: the limit's worth go through, the rest are refused."""
    john = await _user(service, "1234567890", "John Smith")
    results = await asyncio.gather(
        *(
            service.rename(john.id, "John Smyth", correction=True, checked=False)
            for _ in range(2 * NAME_MISSES_PER_ACCOUNT)
        ),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, NameChangeRefused)]
    assert len(refused) == NAME_MISSES_PER_ACCOUNT
    assert all(isinstance(r, User) for r in results if r not in refused)
    assert await service.check_name(john, "John Smyth") is NameCheck.USED_UP


async def test_a_correction_without_the_name_is_refused_once_misses_are_used_up(
    service: SchedulingService,
) -> None:
    """A caller who never gave the account's name and spent its misses on wrong names
    cannot then "correct" it to something close: past the limit nothing is weighed."""
    john = await _user(service, "1234567890", "John Smith")
    for _ in range(NAME_MISSES_PER_ACCOUNT):
        assert await service.check_name(john, "Mark Jones") is NameCheck.MISSED
    with pytest.raises(NameChangeRefused):
        await service.rename(john.id, "John Smyth", correction=True, checked=False)
    assert (await service.user(john.id)).name == "John Smith"
    # a caller who gave the name on this call is not counted
    assert (await service.rename(john.id, "John Smyth", correction=True)).name == "John Smyth"


async def test_renaming_an_unknown_account_is_refused(service: SchedulingService) -> None:
    with pytest.raises(UserNotFound):
        await service.rename(uuid.uuid4(), "Dana Ruiz")


async def test_invalid_phone_format(service: SchedulingService) -> None:
    with pytest.raises(InvalidPhoneNumber, match="Invalid phone number format"):
        await service.identify("123")


async def test_book_available_slot(service: SchedulingService) -> None:
    user = await _user(service)
    appt = await service.book(user.id, "2026-11-27", "14:00")
    assert (appt.day, appt.start, appt.slot) == (FRIDAY, time(14), "14:00-15:00")
    assert appt.status is AppointmentStatus.BOOKED and len(appt.code) == 8
    slots = await service.available_slots(FRIDAY)
    assert time(14) not in [s.start for s in slots.free] and len(slots.free) == 6


async def test_book_unavailable_slot(service: SchedulingService) -> None:
    first = await _user(service)
    second = await _user(service, "1234567890", "John Smith")
    await service.book(first.id, FRIDAY, time(9))
    with pytest.raises(SlotUnavailable, match="unavailable"):
        await service.book(second.id, FRIDAY, time(9))


async def test_weekend_booking(service: SchedulingService) -> None:
    user = await _user(service)
    with pytest.raises(WeekendUnavailable, match="closed at weekends"):
        await service.book(user.id, "2026-11-28", "10:00")
    with pytest.raises(WeekendUnavailable):
        await service.available_slots("Saturday")


async def test_modify_appointment(service: SchedulingService) -> None:
    user = await _user(service)
    appt = await service.book(user.id, FRIDAY, time(9))
    moved = await service.reschedule(user.id, appt.code, FRIDAY, "11 AM")
    assert (moved.after.start, moved.after.code, moved.after.id) == (time(11), appt.code, appt.id)
    free = [s.start for s in (await service.available_slots(FRIDAY)).free]
    assert time(9) in free and time(11) not in free


async def test_cancel_appointment(service: SchedulingService) -> None:
    user = await _user(service)
    appt = await service.book(user.id, FRIDAY, time(9))
    cancelled = await service.cancel(user.id, appt.code.upper())
    assert cancelled.status is AppointmentStatus.CANCELLED
    history = await service.appointments(user.id)
    assert [(a.code, a.status) for a in history] == [(appt.code, AppointmentStatus.CANCELLED)]
    # The slot is free again and can be booked by someone else.
    other = await _user(service, "1234567890", "John Smith")
    await service.book(other.id, FRIDAY, time(9))


@pytest.mark.parametrize("code", ["random", "zzzzzzzz"])
async def test_invalid_appointment_id(service: SchedulingService, code: str) -> None:
    user = await _user(service)
    with pytest.raises((AppointmentNotFound, InvalidConfirmationCode), match="not found"):
        await service.cancel(user.id, code)


# --- beyond the checklist ---------------------------------------------------------------
async def test_reschedule_into_taken_slot_keeps_the_old_one(service: SchedulingService) -> None:
    a = await _user(service)
    b = await _user(service, "1234567890", "John Smith")
    mine = await service.book(a.id, FRIDAY, time(9))
    await service.book(b.id, FRIDAY, time(10))
    with pytest.raises(SlotUnavailable):
        await service.reschedule(a.id, mine.code, FRIDAY, time(10))
    still = await service.appointments(a.id)
    assert [(x.start, x.status) for x in still] == [(time(9), AppointmentStatus.BOOKED)]


async def test_someone_elses_code_reads_as_not_found(service: SchedulingService) -> None:
    owner = await _user(service)
    intruder = await _user(service, "1234567890", "John Smith")
    appt = await service.book(owner.id, FRIDAY, time(9))
    for action in (
        service.cancel(intruder.id, appt.code),
        service.reschedule(intruder.id, appt.code, FRIDAY, time(13)),
    ):
        with pytest.raises(AppointmentNotFound, match="not found"):
            await action
    assert (await service.appointments(owner.id))[0].status is AppointmentStatus.BOOKED


async def test_cancelled_cannot_be_cancelled_or_moved_again(service: SchedulingService) -> None:
    user = await _user(service)
    appt = await service.book(user.id, FRIDAY, time(9))
    await service.cancel(user.id, appt.code)
    with pytest.raises(AppointmentNotActive, match="cancelled"):
        await service.cancel(user.id, appt.code)
    with pytest.raises(AppointmentNotActive):
        await service.reschedule(user.id, appt.code, FRIDAY, time(10))


async def test_past_appointments_cannot_be_changed(
    service: SchedulingService, clock: FixedClock
) -> None:
    user = await _user(service)
    appt = await service.book(user.id, FRIDAY, time(9))
    clock.advance(timedelta(days=3))
    with pytest.raises(AppointmentNotActive, match="already taken place"):
        await service.cancel(user.id, appt.code)


async def test_appointments_newest_first_and_upcoming_soonest_first(
    service: SchedulingService,
) -> None:
    user = await _user(service)
    a = await service.book(user.id, FRIDAY, time(9))
    b = await service.book(user.id, date(2026, 12, 1), time(10))
    c = await service.book(user.id, FRIDAY, time(15))
    assert [x.code for x in await service.appointments(user.id)] == [b.code, c.code, a.code]
    assert [x.code for x in await service.upcoming(user.id)] == [a.code, c.code, b.code]


async def test_today_slots_exclude_the_past(service: SchedulingService) -> None:
    # The fixed clock says 10:00 on Wednesday 25 November.
    free = (await service.available_slots("today")).free
    assert [s.start.hour for s in free] == [11, 12, 13, 14, 15]


async def test_a_day_with_nothing_left_leads_to_the_next_open_day_with_a_free_slot(
    service: SchedulingService,
) -> None:
    # 10:00 on Wednesday 25 November: Thursday is fully booked, the weekend is closed
    today = await service.available_slots("today")
    assert today.passed == 2 and today.total == 7  # 9:00 and 10:00 have started
    user = await _user(service)
    for hour in range(9, 16):
        await service.book(user.id, date(2026, 11, 26), time(hour))
    found = await service.next_available(date(2026, 11, 25), open_days=15)
    assert found is not None and found.day == FRIDAY and len(found.free) == 7
    for hour in range(9, 16):
        await service.book(user.id, FRIDAY, time(hour))
    monday = await service.next_available(date(2026, 11, 26), open_days=15)
    assert monday is not None and monday.day == date(2026, 11, 30)
    assert await service.next_available(date(2026, 11, 25), open_days=1) is None
    # a day in the past looks from today on
    past = await service.next_available(date(2026, 11, 1), open_days=1)
    assert past is not None and past.day == date(2026, 11, 25)


async def test_registering_twice_returns_the_same_user(service: SchedulingService) -> None:
    first = await _user(service)
    second = await service.identify("+1 987 654 3210", "Someone Else")
    assert second.user == first and not second.created


async def test_schedule_lists_appointments_with_users(service: SchedulingService) -> None:
    user = await _user(service)
    appt = await service.book(user.id, FRIDAY, time(9))
    rows = await service.schedule(FRIDAY, FRIDAY)
    assert [(a.code, u.name) for a, u in rows] == [(appt.code, "Sarah Johnson")]


async def test_booking_for_an_unknown_user_is_refused_by_the_database(
    service: SchedulingService,
) -> None:
    from uuid import uuid4

    from voice_agent.domain.errors import UserNotFound

    with pytest.raises(UserNotFound, match="phone number"):
        await service.book(uuid4(), FRIDAY, time(9))
    assert time(9) in [s.start for s in (await service.available_slots(FRIDAY)).free]


# --- codes typed on a phone keypad ------------------------------------------------------------
async def _booked_with_codes(
    service: SchedulingService,
    monkeypatch: pytest.MonkeyPatch,
    *codes: str,
    phone: str,
    first_hour: int = 9,
) -> list[str]:
    import voice_agent.services.scheduling as scheduling

    user = await _user(service, phone=phone, name="Keypad Caller")
    pending = list(codes)
    monkeypatch.setattr(scheduling, "new_code", lambda: pending.pop(0))
    for hour, _ in enumerate(codes, start=first_hour):
        await service.book(user.id, FRIDAY, f"{hour:02d}:00")
    return list(codes)


async def test_a_code_typed_on_the_keypad_finds_the_callers_appointment(
    service: SchedulingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _booked_with_codes(service, monkeypatch, "def6789a", "k7m2p9qa", phone="6465550177")
    user = await service.find_user_by_phone("6465550177")
    assert user is not None
    # d e f 6 7 8 9 a on the keys: 3 3 3 6 7 8 9 2
    cancelled = await service.cancel(user.id, "33367892#")
    assert cancelled.code == "def6789a" and cancelled.status is AppointmentStatus.CANCELLED
    moved = await service.reschedule(user.id, "5 7 6 2 7 9 7 2", FRIDAY, "14:00")
    assert moved.after.code == "k7m2p9qa" and moved.after.start == time(14)


async def test_keypad_codes_match_only_the_callers_own_and_only_unambiguously(
    service: SchedulingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two of one caller's codes that are the same keys ("abc" are all on 2)
    await _booked_with_codes(service, monkeypatch, "aaaa2345", "bbbb2345", phone="6465550177")
    await _booked_with_codes(service, monkeypatch, "def6789a", phone="2125550100", first_hour=13)
    caller = await service.find_user_by_phone("6465550177")
    assert caller is not None
    with pytest.raises(AppointmentNotFound):
        await service.cancel(caller.id, "22222345")  # which one? neither is guessed
    with pytest.raises(AppointmentNotFound):
        await service.cancel(caller.id, "33367892")  # someone else's, typed: not found


async def test_a_date_time_written_in_clinic_time_with_its_offset_books_that_time(
    service: SchedulingService,
) -> None:
    """get_current_time answers "now" as "2026-11-25T11:40:00-05:00", so a model may well
    pass a date-time in that form: with the clinic's own offset it means what it says; with
    any other it is refused (it was read as written: 2 PM in UTC+5 booked at 2 PM here)."""
    from voice_agent.domain.errors import InvalidDate, InvalidTime

    user = await _user(service)
    same = "2026-11-27T14:00:00-05:00"  # New York in November
    appt = await service.book(user.id, same, same)
    assert (appt.day, appt.start) == (FRIDAY, time(14))
    for foreign in ("2026-11-27T15:00:00+05:00", "2026-11-27T15:00Z", "2026-11-27T15:00-04:00"):
        with pytest.raises(InvalidDate):
            await service.book(user.id, foreign, "15:00")
        with pytest.raises(InvalidTime):
            await service.book(user.id, "2026-11-27", foreign)
    # in summer the clinic's offset is -04:00
    assert service.parse_start("2027-06-01T10:00-04:00") == time(10)
    assert service.parse_day("2027-06-01T10:00-04:00") == date(2027, 6, 1)


async def test_a_time_naming_another_day_than_the_date_books_nothing(
    service: SchedulingService,
) -> None:
    """The date and the time come as two arguments. A model passing a date-time for the time
    ("2026-11-30T14:00" with the date 2026-11-27), or "tomorrow at 2pm", had the day in it
    dropped: Friday was booked where the time said Monday. Nor does a date-time given for
    the date at 10 AM book 2 PM."""
    from voice_agent.domain.errors import InvalidDate, InvalidTime

    user = await _user(service)
    with pytest.raises(InvalidTime):
        await service.book(user.id, "2026-11-27", "2026-11-30T14:00")
    with pytest.raises(InvalidTime):
        await service.book(user.id, "2026-11-27", "tomorrow at 2pm")  # today is Wednesday 25th
    with pytest.raises(InvalidDate):
        await service.book(user.id, "2026-11-27T10:00", "14:00")
    assert await service.appointments(user.id) == []
    booked = await service.book(user.id, "2026-11-27", "2026-11-27T14:00")
    with pytest.raises(InvalidTime):
        await service.reschedule(user.id, booked.code, "2026-11-30", "2026-12-01 11:00")
    assert (booked.day, booked.start) == (FRIDAY, time(14))
    moved = await service.reschedule(user.id, booked.code, "friday", "friday at 3pm")
    assert (moved.after.day, moved.after.start) == (FRIDAY, time(15))
