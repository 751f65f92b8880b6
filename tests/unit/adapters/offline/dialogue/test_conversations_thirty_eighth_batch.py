"""What a thirty-eighth blind batch (callers who place what they want relative to what they
hold or have done) taught the receptionist, in other words than the corpus lines, through a
real text-mode session, the real tools and a real database. Today is Wednesday 25 November
2026, 10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

THURSDAY_WEEK_AFTER = date(2026, 12, 10)
THURSDAY_TWO_WEEKS_AFTER = date(2026, 12, 17)


@pytest.mark.parametrize(
    "line",
    [
        "Yes. My sister says Friday, I'm fairly sure, so Friday at 10 if you can",
        "oh ok its fridays at ten i always come fridays at ten so this friday",
        "Yes please - I'm pretty sure Friday at 10 suits",
    ],
)
async def test_a_day_said_at_the_account_question_is_no_name(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, it's Ann Ruiz, 617 555 5678, can I get my usual appointment?")
        assert "Ann Ruiz" in t.reply, talk.transcript()
        await talk(line)
        await talk("yes")
        assert await talk.user_name("6175555678") == "Ann Ruiz", talk.transcript()


@pytest.mark.parametrize(
    ("line", "day"),
    [
        (
            "John Smith, 123 456 7890. I've got one on the 3rd and I need another two weeks "
            "after that, same time",
            THURSDAY_TWO_WEEKS_AFTER,
        ),
        (
            "hi john smith 123 456 7890 i have an appointment thursday and the nurse wants me "
            "back a week after it same time please",
            THURSDAY_WEEK_AFTER,
        ),
        (
            "It's John Smith, 123 456 7890. My appointment's on Thursday the 3rd - could I book "
            "a second one the week after, same time?",
            THURSDAY_WEEK_AFTER,
        ),
    ],
)
async def test_a_booking_counted_from_the_appointment_held(
    container: Container, line: str, day: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "at 2 PM" in t.reply and f"December {day.day}th" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(14)), (day, time(14))], (
            talk.transcript()
        )


@pytest.mark.parametrize(
    ("line", "shift"),
    [
        ("John Smith, 123 456 7890. Could you move them both up a day? Same times.", -1),
        (
            "hi its john smith 123 456 7890 i got two appointments next week can you knock "
            "them both back a week same times",
            7,
        ),
        (
            "John Smith, 123 456 7890. I've got two appointments next week - could you bring "
            "them both forward a day? Earlier, I mean, same times please.",
            -1,
        ),
    ],
)
async def test_both_moved_by_one_count_of_days_keep_their_times(
    container: Container, line: str, shift: int
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "both" in t.reply, talk.transcript()
        await talk("yes, both")
        first = MONDAY if shift == -1 else date(2026, 12, 8)
        second = WEDNESDAY_NEXT if shift == -1 else date(2026, 12, 10)
        assert await talk.booked(JOHN) == [(first, time(10)), (second, time(10))], talk.transcript()


@pytest.mark.parametrize("line", ["Much obliged. Cheerio.", "cheerio then", "Toodle-oo!"])
async def test_an_old_fashioned_goodbye_ends_the_call(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. Is my Friday appointment still on?")
        await talk(line)
        assert talk.ended, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. I need to book my daughter in - could she have whatever's "
        "straight after my current one? She's on my number.",
        "hi john smith 123 456 7890 my wife is booked on this number friday could you get me "
        "in straight after him no sorry her",
        "It's John Smith, 123 456 7890. Could you squeeze my son in right after my existing "
        "appointment on Friday?",
    ],
)
async def test_the_hour_after_the_appointment_on_the_number(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "December 4th at 10 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(9)), (FRIDAY_NEXT, time(10))], (
            talk.transcript()
        )


async def test_knocking_it_on_the_head_is_no_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Can you knock my Friday one on the head?")
        assert "cancel" in t.reply and "instead" not in t.reply, talk.transcript()


async def test_so_long_story_is_no_goodbye(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Hi, so, long story, my car's in the garage till Monday at least")
        assert not talk.ended, talk.transcript()
