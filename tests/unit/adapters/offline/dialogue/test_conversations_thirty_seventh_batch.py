"""What a thirty-seventh blind batch (callers who have it wrong: an appointment that already
passed, a weekday and a date that do not match, a number put right) taught the receptionist, in
other words than the corpus lines, through a real text-mode session, the real tools and a real
database. Today is Wednesday 25 November 2026, 10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY_NEXT, THURSDAY_NEXT, add_caller, talking

FRIDAY_NEXT_WEEK = date(2026, 12, 11)


@pytest.mark.parametrize(
    "line",
    [
        "No, no - keep the 7th! I was only ringing to say sorry about last week",
        "no don't cancel that one, leave Monday the 7th alone, it's last week's I meant",
        "No! Keep the 7th at 9, please. I only wanted to apologise for missing Friday.",
    ],
)
async def test_a_no_that_keeps_the_appointment_read_back_cancels_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890. I need to cancel the appointment I missed")
        await talk(line)
        await talk("Lovely. That's all, thanks, bye.")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Hm, the 7th is a Monday? No, it's the Monday I've got off. Monday the 7th then, 10.",
        "oh no wait i was thinking of the monday so the seventh at ten",
    ],
)
async def test_the_slot_said_back_after_a_no_is_asked_again_before_it_is_moved(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can you move my Friday one to the 7th at 10?")
        assert "Monday, December 7th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()
        assert "Monday, December 7th at 10 AM" in t.reply, talk.transcript()
        await talk("yes, go ahead")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "yes that's right, five six seven eight",
        "yeah that's it, 5678 at the end",
        "yes, ending 678",
    ],
)
async def test_a_yes_with_the_numbers_ending_said_again_opens_the_account(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk("hello I'd like to book Monday at 11")
        t = await talk("Ann Ruiz, 617 555 5687 - no sorry, 5678")
        assert "617-555-5678" in t.reply, talk.transcript()
        t = await talk(line)
        assert await talk.user_name("6175555678") == "Ann Ruiz", talk.transcript()
        assert "so far" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Hi, John Smith, 123 456 7890 - can you move my Thursday appointment to the Friday? "
        "Same time.",
        "john smith 123 456 7890 could my thursday one go to the friday instead same time",
    ],
)
async def test_the_weekday_after_the_one_held_is_in_its_week(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "to Friday, December 4th at 9 AM" in t.reply, talk.transcript()


async def test_this_friday_said_for_a_later_appointment_stays_this_friday(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Move my Thursday one to this Friday, same time")
        assert "to Friday, November 27th at 9 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "no, the Friday - Fridays are my day off. So the 11th, at 11",
        "Oh no, the Friday! The 11th then, 11 o'clock.",
    ],
)
async def test_a_no_about_the_day_after_a_clash_is_no_no_to_the_number(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, I'd like Friday the 10th of December at 11. Rita Moss, 617 555 0192.")
        assert "Thursday" in t.reply, talk.transcript()
        t = await talk(line)
        assert "phone number" not in t.reply, talk.transcript()
        assert "Friday, December 11th at 11 AM" in t.reply, talk.transcript()


async def test_another_day_named_before_keep_is_the_one_to_cancel(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)), (FRIDAY_NEXT_WEEK, time(9))
    )
    async with talking(container) as talk:
        t = await talk("hi it's John Smith, 123 456 7890. Please cancel the one on the 4th")
        assert "cancel your appointment on Friday, December 4th" in t.reply, talk.transcript()
        t = await talk("no sorry, not that one - the 11th. Keep the 4th.")
        assert "Okay, I'll keep" not in t.reply, talk.transcript()
        assert "December 11th" in t.reply, talk.transcript()
