"""What a twenty-third blind batch (yeses said through a negation, everyday verbs for booking,
cancelling and moving, spelled names, numbers said in tens and pairs, "this" and "next" set
against each other, several bookings named at once) taught the receptionist, in other words
than the corpus lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, add_caller, talking


@pytest.mark.parametrize(
    "line",
    [
        "No objections here, go right ahead.",
        "Can't see why not.",
        "Well, I wouldn't say no to that.",
        "No problem - book it.",
        "nah thats fine yep go ahead",
    ],
)
async def test_a_yes_said_through_a_negation_books(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890, is Monday at 2 free?")
        assert "November 30th at 2 PM" in t.reply, talk.transcript()
        await talk(line)
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


async def test_no_thats_fine_alone_is_still_no_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("123 456 7890, is Monday at 2 free?")
        await talk("No, that's fine, thanks.")
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890 - could you knock the Friday one on the head for me?",
        "123 456 7890. I'm going to have to take a raincheck on Friday, sorry.",
    ],
)
async def test_a_cancel_said_as_an_idiom(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel" in t.reply and "November 27th at 10 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("123 456 7890, could you nudge my Friday appointment to Tuesday, same time?", TUESDAY),
        ("it's 123 456 7890 - shunt my appointment on Friday along a week please", FRIDAY_NEXT),
    ],
)
async def test_a_move_said_with_an_everyday_verb(
    container: Container, line: str, day: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(day, time(10))], talk.transcript()


async def test_next_set_against_this_is_the_week_after(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("123 456 7890. Can this Friday's go to next Friday instead? Same hour.")
        assert "December 4th at 10 AM" in t.reply, talk.transcript()


async def test_a_weekday_of_next_week(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890, could I have next Friday at 9 - I mean the Friday of next week, "
            "not the day after tomorrow?"
        )
        assert "December 4th at 9 AM" in t.reply, talk.transcript()


async def test_a_plan_to_call_again_keeps_the_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("123 456 7890, I need to cancel Friday's")
        await talk("Yes thanks - I'll book again in the new year.")
        assert await talk.booked(JOHN) == [], talk.transcript()


DEC_1 = (TUESDAY, time(9))
DEC_3 = (date(2026, 12, 3), time(11))
JAN_5 = (date(2027, 1, 5), time(14))


@pytest.mark.parametrize(
    ("line", "gone", "left"),
    [
        # everything but the one kept, by its weekday
        ("123 456 7890 - please cancel all of them apart from Thursday's", [DEC_1, JAN_5], [DEC_3]),
        # everything held, said as everything
        ("123 456 7890, I'd like to cancel everything I've got", [DEC_1, DEC_3, JAN_5], []),
        # the one kept by its place, the rest cancelled
        ("123 456 7890. Keep the earliest one, but scrap the rest.", [DEC_3, JAN_5], [DEC_1]),
        # a month's bookings, the other month's left
        ("123 456 7890, all my December appointments can go please", [DEC_1, DEC_3], [JAN_5]),
    ],
)
async def test_several_bookings_named_at_once_are_cancelled_on_the_yes(
    container: Container,
    line: str,
    gone: list[tuple[date, time]],
    left: list[tuple[date, time]],
) -> None:
    await add_caller(container, JOHN, "John Smith", DEC_1, DEC_3, JAN_5)
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [DEC_1, DEC_3, JAN_5], talk.transcript()
        for _ in range(len(gone) if len(gone) > 2 else 1):  # three or more: one by one
            await talk("yes, those")
        assert await talk.booked(JOHN) == left, talk.transcript()


async def test_the_other_one_with_nothing_kept_is_asked_about(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", DEC_1, DEC_3)
    async with talking(container) as talk:
        t = await talk("123 456 7890, cancel the other one")
        assert "Which appointment" in t.reply, talk.transcript()


async def test_the_other_two_is_no_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", DEC_1, DEC_3, JAN_5)
    async with talking(container) as talk:
        t = await talk("123 456 7890 - I want to keep January, cancel the other two")
        assert "both" in t.reply, talk.transcript()
        await talk("Yes - keep January, cancel those two.")
        assert await talk.booked(JOHN) == [JAN_5], talk.transcript()


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Gail Thomson - Thomson without a p. 212 555 0101", "Gail Thomson"),
        ("Tom Reid, and Reid is R-E-I-D. 212 555 0101", "Tom Reid"),
        ("Rory O'Neill - big O, apostrophe, Neill. 212 555 0101", "Rory O'Neill"),
        ("ella rossi r o double s i two one two five five five oh one oh one", "Ella Rossi"),
    ],
)
async def test_a_name_with_how_it_is_spelled_is_registered_as_the_name(
    container: Container, line: str, name: str
) -> None:
    async with talking(container) as talk:
        await talk("Could I book Monday at 10?")
        t = await talk(line)
        assert f"for {name} with that number" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Pat Ng. It's two one two, then five five five, then oh one oh one.",
        "pat ng area code two one two then five fifty five then oh one then oh one",
    ],
)
async def test_a_number_in_groups_with_then_between(container: Container, line: str) -> None:
    async with talking(container) as talk:
        await talk("Could I book Monday at 10?")
        t = await talk(line)
        assert "212-555-0101" in t.reply, talk.transcript()


async def test_a_number_ending_oh_nine_hundred_is_no_clock(container: Container) -> None:
    async with talking(container) as talk:
        await talk("Could I book Monday at 10?")
        t = await talk("pat ng two one two five five five oh nine hundred")
        assert "212-555-0900" in t.reply, talk.transcript()


async def test_a_check_asked_in_the_negative_reads_the_booking(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", DEC_3)
    async with talking(container) as talk:
        t = await talk("123 456 7890 - I'm not down for Tuesday, am I? I thought it was later.")
        assert "December 3rd at 11 AM" in t.reply, talk.transcript()


async def test_everything_after_a_day_is_only_those(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", DEC_1, DEC_3, JAN_5)
    async with talking(container) as talk:
        t = await talk("123 456 7890, please cancel everything I have after the 2nd")
        assert "December 3rd" in t.reply and "December 1st" not in t.reply, talk.transcript()
