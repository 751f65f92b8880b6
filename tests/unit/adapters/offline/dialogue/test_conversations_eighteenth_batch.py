"""What an eighteenth blind batch (stacked questions, answers to another question, quarter-hour
nudges, the last slot of a day, muddled numbers, yes with a condition) taught the receptionist,
in other words than the corpus lines, through a real text-mode session, the real tools and a
real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, add_caller, talking

OTHER = "9995550100"


async def test_the_last_appointment_of_a_week_is_on_its_last_day(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890, John Smith here. What's the last slot you have in the week of the 7th?"
        )
        for _ in range(2):
            if "December" in t.reply:
                break
            t = await talk("yes")
        assert "December 11th at 3 PM" in t.reply, talk.transcript()


async def test_as_late_in_the_day_as_possible_at_the_end_of_a_week(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "hi, 123 456 7890. Monday's no good, could it go to the end of next week instead? "
            "as late in the day as possible please"
        )
        assert "December 4th at 3 PM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(15))], talk.transcript()


async def test_anything_earlier_to_a_list_of_times_looks_before_them(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("it's 123 456 7890. What have you got Monday afternoon?")
        assert "Which would you prefer?" in t.reply, talk.transcript()
        t = await talk("hmm, is there anything earlier in the day, before those?")
        assert "11 AM" in t.reply and "noon" not in t.reply, talk.transcript()
        await talk("yes, that one")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_a_day_said_with_if_its_no_good_is_not_turned_down(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890. What have you got on Monday? Or the Tuesday, in case Monday's no good?"
        )
        assert "November 30th" in t.reply, talk.transcript()
        t = await talk("fine, Tuesday at 11 then")
        assert "December 1st" in t.reply and "11 AM" in t.reply, talk.transcript()


async def test_a_day_turned_down_and_then_asked_for_by_name_is_wanted(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890. What have you got on Tuesday? Wednesday's no good for me")
        assert "December 1st" in t.reply, talk.transcript()
        t = await talk("hmm ok. Wednesday at ten then")
        assert "December 2nd" in t.reply and "10 AM" in t.reply, talk.transcript()
