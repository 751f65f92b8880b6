"""What a twenty-seventh blind batch (repeating visits, two changes of mind, callers unsure of
their own number, questions on separate turns, hedged requests, slips put right at the
read-back) taught the receptionist, in other words than the corpus lines, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, TUESDAY, add_caller, talking


async def test_a_caller_unsure_which_of_two_numbers_is_on_file_is_found_under_either(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, I need to cancel Tuesday. It's John Smith - the number's either 123 456 7890 "
            "or 123 456 7809, I never remember which one I gave you."
        )
        assert "cancel your appointment on Tuesday, December 1st at 10 AM" in t.reply, (
            talk.transcript()
        )
        await talk("yes, cancel it")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_the_other_ending_of_a_number_said_two_ways_is_tried_too(
    container: Container,
) -> None:
    await add_caller(container, "4155552780", "Bea Lind", (FRIDAY_NEXT, time(14)))
    async with talking(container, style="spoken") as talk:
        t = await talk(
            "hi its bea lind when is my appointment my number is four one five five five five "
            "and the end is either two seven oh eight or two seven eight oh"
        )
        assert "Friday, December 4th at 2 PM" in t.reply, talk.transcript()


async def test_the_day_put_right_at_a_cancel_question_picks_that_appointment(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("123 456 7890 here, please cancel my appointment on the 1st")
        t = await talk("oh no, sorry - the 4th, not the 1st. The 1st I'm keeping.")
        assert "Friday, December 4th" in t.reply, talk.transcript()
        assert "Tuesday, December 1st" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()
