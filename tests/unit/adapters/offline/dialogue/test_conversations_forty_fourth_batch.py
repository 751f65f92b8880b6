"""What a forty-fourth blind batch (callers who let the receptionist choose or ask before they
decide: "you pick", questions first, comparing days, conditions, dithering, more than one slot)
taught the receptionist, in other words than the corpus lines, through a real text-mode session,
the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    JOHN,
    MONDAY,
    TUESDAY_NEXT,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "tom reilly that is r e i l l y six four six five five five zero one four two",
            "Tom Reilly",
        ),
        ("maya chen m a y a chen six four six five five five zero one four two", "Maya Chen"),
        (
            "ivan petrov i v a n p e t r o v six four six five five five zero one four two",
            "Ivan Petrov",
        ),
    ],
)
async def test_a_spoken_name_spelled_before_the_number_is_the_new_accounts_name(
    container: Container, line: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk("i need an appointment on monday at eleven")
        t = await talk(line)
        assert f"set one up for {name}" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("line", "first", "second"),
    [
        (
            "123 456 7890 - could I have one a week for the next two weeks? Tuesdays at 2.",
            "Tuesday, December 1st at 2 PM",
            "Tuesday, December 8th at 2 PM",
        ),
        (
            "123 456 7890. I'd like every Friday for two weeks, 10 in the morning",
            "Friday, November 27th at 10 AM",
            "Friday, December 4th at 10 AM",
        ),
        (
            "123 456 7890, can I come in the next two Mondays at 9?",
            "Monday, November 30th at 9 AM",
            "Monday, December 7th at 9 AM",
        ),
    ],
)
async def test_two_visits_a_week_apart_are_both_proposed(
    container: Container, line: str, first: str, second: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert first in t.reply and second in t.reply, talk.transcript()
        await talk("yes please")
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. Two appointments please, same time on Monday and Friday next week - 11 "
        "o'clock.",
        "123 456 7890, I need two visits next week, Monday and Friday, same time for both - 11 am.",
    ],
)
async def test_same_time_on_two_days_is_the_hour_said_for_both(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert "Friday, December 4th at 11 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. I need another appointment - Friday if you've got it, or the Monday "
        "instead.",
        "123 456 7890, I want an extra appointment, Monday rather than Friday if possible, or "
        "Friday instead.",
    ],
)
async def test_another_appointment_with_instead_is_a_booking_not_a_move(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Shall I book" in t.reply, talk.transcript()
        assert "move" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890, I need an appointment next week. Monday or Tuesday... hmm. Monday. No, "
        "actually - Tuesday's better. Tuesday at 10.",
        "123 456 7890. Monday or Tuesday next week, um, Monday I think - no wait, make it "
        "Tuesday at 10",
        "123 456 7890 could I book Monday or Tuesday hmm monday no tuesday tuesday at ten",
    ],
)
async def test_the_day_chosen_after_thinking_aloud_over_two_is_the_one_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890. Could you cancel the one on Monday? I'll keep the one on the 10th.",
        "123 456 7890 - cancel my Monday appointment please. I will keep the one on December 10th.",
        "It's 123 456 7890, can you cancel Monday's? I'll keep my one on the 10th, that one's "
        "fine.",
    ],
)
async def test_the_one_said_to_be_kept_after_a_cancel_is_not_the_one_cancelled(
    container: Container, line: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(10)), (date(2026, 12, 10), time(10))
    )
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel your appointment on Monday, November 30th at 10 AM" in t.reply, (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890 - I need to bring my husband in too, could we have two appointments one "
        "after the other on Monday morning?",
        "123 456 7890. Appointments for me and my son on Monday please, next to each other, "
        "any time in the morning",
        "It's 123 456 7890, could we have two appointments side by side Monday morning, me and "
        "my daughter?",
    ],
)
async def test_two_next_to_each_other_are_proposed_together(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert (
            "Shall I book both, Monday, November 30th at 9 AM and Monday, November 30th at 10 AM"
            in t.reply
        ), talk.transcript()
        assert "bring a photo ID" not in t.reply, talk.transcript()
        await talk("yes, both please")
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (MONDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890 - I'm booked Monday at 10 and I can't make it. Put me in whatever's next "
        "after that.",
        "123 456 7890. My appointment's Monday at 10 but I can't make it - stick me in "
        "whatever's next after that please.",
    ],
)
async def test_cant_make_it_and_whatevers_next_moves_the_one_held(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Shall I move your appointment from Monday, November 30th at 10 AM" in t.reply, (
            talk.transcript()
        )
