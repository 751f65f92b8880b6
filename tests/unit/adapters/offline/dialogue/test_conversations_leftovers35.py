"""Faults left from the recent batches, each as callers say it, through a real text-mode
session, the real tools and a real database: the appointment that stays said with the one that
goes ("Wednesday's fine, leave that one"), the appointments listed before the one meant ("I've
two, Monday and the Wednesday after - it's the Monday"), and the hour the caller's work ends
("my shift finishes at two"): free from the hour after it. Today is Wednesday 25 November
2026, 7:00 in New York."""

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
    MONDAY_NEXT,
    THURSDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)

THURSDAY_AFTER = date(2026, 12, 10)
FRIDAY_AFTER = date(2026, 12, 11)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # 7:00 in New York


# --- the one that stays, said with the one that goes ----------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I need to move my Monday appointment - the Wednesday one's fine, leave that.",
        "My Monday appointment won't work now, can we move it? Wednesday's okay, keep that one.",
        "hi I need to move my Monday one, the Wednesday's fine as it is",
        "Could you move my Monday appointment? The Wednesday one can stay.",
    ],
)
async def test_the_day_left_as_it_is_is_not_the_one_moved(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (WEDNESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "from Monday, November 30th at 10 AM" in t.reply or (
            "Monday, November 30th" in t.reply and "Wednesday" not in t.reply
        ), talk.transcript()
        assert "from Wednesday" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Please cancel my Monday appointment. Wednesday's fine, leave that one.",
        "cancel the Monday please, the Wednesday one's okay, you can leave it",
    ],
)
async def test_a_cancel_with_the_other_day_left_asks_about_the_one_meant(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (WEDNESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "cancel your appointment on Monday, November 30th at 10 AM?" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(14))], talk.transcript()


# --- the appointments listed, then the one meant --------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've got two with you, Monday and the Wednesday after, and I need to cancel the Monday.",
        "I have two booked, the Monday and the Wednesday - it's the Wednesday I need to cancel,"
        " I'm at the dentist at two that day.",
    ],
)
async def test_the_day_named_after_the_appointments_listed_is_the_one_meant(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (WEDNESDAY_NEXT, time(14)))
    meant = MONDAY if "cancel the Monday" in line else WEDNESDAY_NEXT
    kept = WEDNESDAY_NEXT if meant == MONDAY else MONDAY
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert f"on {meant:%A, %B} {meant.day}" in t.reply, talk.transcript()
        await talk("yes")
        assert [d for d, _ in await talk.booked(JOHN)] == [kept], talk.transcript()


# --- the hour the caller's work ends: free from the hour after it ---------------------------
@pytest.mark.parametrize(
    ("line", "first"),
    [
        ("I need to see someone Friday, my shift ends at two.", "3 PM"),
        ("Friday please - I finish work at twelve.", "1 PM"),
        ("hi um could I get friday i finish at one", "2 PM"),
    ],
)
async def test_the_hour_work_ends_asks_for_the_times_after_it(
    container: Container, line: str, first: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Friday, November 27th" in t.reply and first in t.reply, talk.transcript()
        assert "9 AM" not in t.reply, talk.transcript()


async def test_the_hour_work_ends_said_after_a_time_asked_for_keeps_that_time(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(
            "Anything free Friday afternoon? Late afternoon ideally, I finish work at half one."
        )
        t = await talk(JOHN)
        assert "Friday, November 27th" in t.reply, talk.transcript()
        assert "noon" not in t.reply and "1 PM" not in t.reply, talk.transcript()


async def test_the_hour_work_ends_with_a_later_time_asked_offers_that_time(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk("my shift finishes at one on Friday so two o'clock or later would be good")
        t = await talk(JOHN)
        assert "Friday, November 27th" in t.reply and "2 PM" in t.reply, talk.transcript()
        assert "1 PM" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14))], talk.transcript()


# --- two of theirs named by their days, to go: both asked about in one question ---------------
@pytest.mark.parametrize(
    "line",
    [
        "I'm away next week so Monday's and Wednesday's will have to go.",
        "could you cancel Monday's and Wednesday's for me",
        "hi um the monday and the wednesday appointments need cancelling",
    ],
)
async def test_two_days_named_to_go_cancels_both_and_keeps_the_rest(
    container: Container, line: str
) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (MONDAY, time(15)),
        (WEDNESDAY_NEXT, time(15)),
        (MONDAY_NEXT, time(15)),
    )
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Monday, November 30th" in t.reply, talk.transcript()
        assert "Wednesday, December 2nd" in t.reply, talk.transcript()
        assert "December 7th" not in t.reply, talk.transcript()
        assert len(await talk.booked(JOHN)) == 3, talk.transcript()
        await talk("yes, both of those")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(15))], talk.transcript()


async def test_two_days_named_to_go_taken_back_cancels_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk("Monday's and Wednesday's will have to go")
        await talk(JOHN)
        await talk("no, hang on, keep them both for now")
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Ive got Monday and Wednesday booked, I only need one of them - cancel whichever.",
        "monday and wednesday both at three, I just need the one, can you cancel one of them",
    ],
)
async def test_two_days_listed_with_only_one_needed_never_asks_to_cancel_both(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        said = t.reply
        assert not ("Monday, November 30th" in said and "Wednesday, December 2nd" in said), (
            talk.transcript()
        )
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()


@pytest.mark.parametrize(
    "reply", ["just the monday one actually", "okay the Monday one then", "no, only Monday's"]
)
async def test_one_day_said_to_cancel_both_asks_about_that_one_alone(
    container: Container, reply: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk("I need to cancel both my appointments")
        await talk(JOHN)
        t = await talk(reply)
        assert "Monday, November 30th" in t.reply, talk.transcript()
        assert "Wednesday" not in t.reply, talk.transcript()
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(15))], talk.transcript()


@pytest.mark.parametrize(
    "reply", ["just leave the monday one", "the Monday one I can still do, only that"]
)
async def test_one_day_kept_to_cancel_both_is_not_the_one_asked_about(
    container: Container, reply: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)), (WEDNESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk("I need to cancel both my appointments")
        await talk(JOHN)
        t = await talk(reply)
        assert "cancel your appointment on Monday" not in t.reply, talk.transcript()
        assert len(await talk.booked(JOHN)) == 2, talk.transcript()


# --- the ones in a part of the day, to go ----------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I can't get away afternoons now, so any of mine that are in the afternoon will have"
        " to go.",
        "please cancel all my afternoon ones, the morning one I'll keep",
    ],
)
async def test_the_ones_in_the_afternoon_are_the_ones_cancelled(
    container: Container, line: str
) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (MONDAY, time(10)),
        (WEDNESDAY_NEXT, time(14)),
        (MONDAY_NEXT, time(15)),
    )
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "10 AM" not in t.reply, talk.transcript()
        assert "Wednesday, December 2nd at 2 PM" in t.reply, talk.transcript()
        assert "Monday, December 7th at 3 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


# --- two visits said with their days, before the number ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Monday the 30th and then Monday the 7th. Ten o'clock both, if you can.",
        "I need to be seen twice - Monday the 30th and Monday the 7th, both at ten",
    ],
)
async def test_two_visits_said_with_their_days_are_both_asked_about(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        await talk(line)
        t = await talk.introduce("Peter Jones, 212 555 0199")
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        assert "Monday, December 7th at 10 AM" in t.reply, talk.transcript()
        await talk("yes, both please")
        assert await talk.booked("2125550199") == [
            (MONDAY, time(10)),
            (MONDAY_NEXT, time(10)),
        ], talk.transcript()


# --- "could they both go to ...": two held, both moved -----------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I can't do Thursdays anymore and I've got two Thursday appointments. Could they both go"
        " to the Friday, same times?",
        "my two Thursday appointments, could they both go to the Friday? Same times please.",
    ],
)
async def test_could_they_both_go_moves_both(container: Container, line: str) -> None:
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)), (THURSDAY_AFTER, time(14))
    )
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "Friday, December 4th at 10 AM" in t.reply, talk.transcript()
        assert "Friday, December 11th at 2 PM" in t.reply, talk.transcript()
        await talk("yes, both")
        assert await talk.booked(JOHN) == [
            (FRIDAY_NEXT, time(10)),
            (FRIDAY_AFTER, time(14)),
        ], talk.transcript()


# --- "book myself ... and the wife straight after": two bookings --------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I'd like to book myself Friday morning and the wife straight after, back to back.",
        "can you get me and the wife in on Friday morning, one after the other",
    ],
)
async def test_myself_and_the_wife_is_two_bookings(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(line)
        t = await talk(JOHN)
        assert "both" in t.reply and "9 AM" in t.reply and "10 AM" in t.reply, talk.transcript()
        await talk("yes, both of us")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9)), (FRIDAY, time(10))], talk.transcript()
