"""Faults left from the batches fresh51-57, each as callers say it, through a real text-mode
session, the real tools and a real database: a busy stretch said with "till" and half an
hour ("I do the school run till half nine": from ten), "not first thing" (past the first
hour), a weekday said back to a list that reads out that weekday ("Friday at ten" is the
Friday read out, not the one after the day proposed), and a yes to a cancellation with the
caller's other appointment said to stay ("yes, cancel it - the Friday one I'll keep"). Today
is Wednesday 25 November 2026, 7:00 in New York."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    TUESDAY,
    add_caller,
    seat_others,
    talking,
)

TODAY = date(2026, 11, 25)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- busy "till" half past the first hour: from the hour after it ---------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Monday please - I do the school run till half nine, so not before that",
        "Could I get Monday? I'm on the school run until 9:30",
        "Monday if you can, I've got my physio till half nine",
    ],
)
async def test_busy_till_half_past_nine_is_from_ten(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Monday, November 30th at 10 AM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


async def test_any_time_till_half_nine_is_still_the_first_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("anything on Monday till half nine?")
        t = await talk(JOHN)
        assert "10 AM?" not in t.reply, talk.transcript()


# --- "not first thing": past the first hour ---------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "My son can bring me on Tuesday, but not first thing, he drops the kids off",
        "Tuesday is fine, just not first thing in the morning",
        "any time Tuesday but first thing",
    ],
)
async def test_not_first_thing_is_past_the_first_hour(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "9 AM?" not in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 10 AM?" in t.reply, talk.transcript()


# --- a weekday said back to a list of days: the one read out ----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Yes, Friday at ten is good.",
        "ooh, the Friday at 10 suits me better",
        "can I have Friday at ten instead",
    ],
)
async def test_weekday_to_a_list_is_the_one_read_out(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (FRIDAY, time(9)), (TODAY, time(9)), (TODAY, time(10)))
    async with talking(container) as talk:
        await talk("I need an appointment, Wednesday or Friday, before eleven")
        t = await talk(JOHN)
        assert "On Friday, November 27th I have 10 AM, and on Wednesday, December 2nd" in t.reply
        assert "Shall I book Wednesday, December 2nd at 9 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert "December 4th" not in t.reply, talk.transcript()
        if "You're booked" not in t.reply:  # a firm yes naming it books it at once (pick50)
            assert "Friday, November 27th at 10 AM?" in t.reply, talk.transcript()
            await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()


# --- a yes to a cancellation, the caller's other appointment kept -----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Yes, cancel that one. The Friday one I'll keep, I can still make that",
        "yes please, cancel it - but leave Friday's alone",
        "Yeah go ahead. I'm keeping the Friday one though",
    ],
)
async def test_yes_with_the_other_one_kept_cancels_the_one_read_back(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(13)), (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("the Tuesday appointment will have to go I'm afraid")
        t = await talk(JOHN)
        assert "cancel your appointment on Tuesday, December 1st at 1 PM?" in t.reply, (
            talk.transcript()
        )
        await talk(line)
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "yes - oh wait, no, keep it, I'll manage Tuesday",
        "right, never mind, keep it",
        "yes cancel it - oh hang on, leave the Tuesday one, it's the Friday I can't make",
    ],
)
async def test_a_take_back_of_the_one_read_back_still_keeps_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(13)), (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("the Tuesday appointment will have to go I'm afraid")
        await talk(JOHN)
        await talk(line)
        assert (TUESDAY, time(13)) in await talk.booked(JOHN), talk.transcript()


# --- "hang on" after a yes takes it back, as "hold on" does -----------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Yes. Hang on a second - one o'clock please",
        "Yes. Hang on, sorry, one o'clock would be better",
        "yeah - oh hang on, can it be one instead",
    ],
)
async def test_hang_on_after_a_yes_books_nothing_at_the_first_time(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book Monday at 11")
        t = await talk(JOHN)
        assert "Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
        t = await talk(line)
        assert not t.called("book_appointment"), talk.transcript()
        assert "Monday, November 30th at 1 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(13))], talk.transcript()


async def test_hang_on_to_it_is_no_take_back(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(13)))
    async with talking(container) as talk:
        await talk("I want to move my Tuesday appointment to Monday at 11")
        t = await talk(JOHN)
        assert "to Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
        await talk("yes please, I'll hang on to the new time")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


# --- "one of them has to go": a cancellation, which one asked ---------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've two appointments with you, I think, and one of them has to go. 123 456 7890",
        "123 456 7890 - I've got a couple booked and one of those will have to go",
    ],
)
async def test_one_of_them_has_to_go_is_a_cancellation(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Which appointment would you like to cancel" in t.reply, talk.transcript()
        t = await talk("the Tuesday one at two")
        assert "cancel your appointment on Tuesday, December 1st at 2 PM?" in t.reply
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


# --- "I forgot - what about Friday": a new ask, not a forgotten appointment --------------------
async def test_forgot_then_what_about_is_a_new_ask(container: Container) -> None:
    await seat_others(container, (FRIDAY, time(11)), (FRIDAY, time(12)))
    async with talking(container) as talk:
        await talk("is there any chance of something tomorrow")
        t = await talk("oh it's a holiday isn't it, I clean forgot. what about friday after eleven")
        assert "phone number" in t.reply, talk.transcript()
        t = await talk.introduce("Dana Price, 617 555 0188")
        assert "Friday, November 27th at 1 PM?" in t.reply, talk.transcript()


# --- "late morning or after": from late morning to the day's end -----------------------------
@pytest.mark.parametrize(
    "line", ["Monday, late morning or after", "monday from late morning onwards please"]
)
async def test_late_morning_or_after_runs_to_the_end_of_the_day(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (MONDAY, time(10)), (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "nothing free" not in t.reply, talk.transcript()
        assert "Monday, November 30th at noon?" in t.reply, talk.transcript()


# --- "Yes. And while I'm on ...": a yes, then another change ----------------------------------
async def test_yes_then_while_im_on_another_change(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        await talk("Please cancel my Monday appointment, 123 456 7890")
        t = await talk("Yes. And while I'm on - can the one on Tuesday go to Friday, same time?")
        assert "Monday, November 30th at 9 AM has been cancelled" in t.reply, talk.transcript()
        assert "to Friday, December 4th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(14))], talk.transcript()


# --- "what am I saying": the request put right at the number's read-back -----------------------
async def test_what_am_i_saying_corrects_the_request_not_the_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("I'd like to be seen Monday, ideally a morning - Dana Price, 617 555 0188")
        assert "Shall I set one up for Dana Price" in t.reply, talk.transcript()
        t = await talk("Oh no, wait - what am I saying, I've got physio Monday morning. Afternoon.")
        assert "phone number" not in t.reply, talk.transcript()
        assert "Monday, November 30th at noon?" in t.reply, talk.transcript()


# --- "otherwise Thursday, same time": a second choice of day, at the time asked ----------------
@pytest.mark.parametrize(
    "line",
    [
        "I'd like Monday at 2 please, otherwise Friday, same time",
        "Monday at two, if not then Friday",
    ],
)
async def test_otherwise_a_day_is_the_second_choice_at_the_time_asked(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, *((MONDAY, time(h)) for h in range(9, 16)))
    async with talking(container) as talk:
        t = await talk(f"123 456 7890, {line}")
        assert "Friday, November 27th at 2 PM?" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))], talk.transcript()


async def test_yes_then_while_im_on_instead_changes_the_one_read_back(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890, could I book Monday at 11")
        assert "Monday, November 30th at 11 AM?" in t.reply, talk.transcript()
        t = await talk("Yes. While I'm on, could it be Tuesday instead, same time?")
        assert not t.called("book_appointment"), talk.transcript()
        assert "Tuesday, December 1st at 11 AM?" in t.reply, talk.transcript()
