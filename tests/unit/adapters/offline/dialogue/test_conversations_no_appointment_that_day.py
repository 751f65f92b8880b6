"""A caller who names a day their account holds no appointment on (a misremembered day, or a
misdialled number that is someone else's): the receptionist says so before asking about the
appointment the account does hold, so a hurried yes does not change one the caller did not
mean. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, add_caller, talking


async def test_cancel_on_a_day_with_nothing_booked_says_so_and_keeps_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hi um I need to cancel my appointment on Friday")
        t = await talk(JOHN)
        assert "don't see an appointment on Friday" in t.reply, talk.transcript()
        # what the number holds is not what was said: the name on it first
        assert "Tuesday" not in t.reply, talk.transcript()
        t = await talk("John Smith")
        assert "Tuesday" in t.reply, talk.transcript()
        await talk("oh. no, hang on, leave it then")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_said_after_the_number_too(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (MONDAY, time(14)))
    async with talking(container) as talk:
        await talk("I want to cancel")
        await talk(JOHN)
        t = await talk("the one on friday")
        assert "don't see an appointment on Friday" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(14)), (TUESDAY, time(10))], (
            talk.transcript()
        )


async def test_the_day_that_matches_says_nothing_of_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        await talk("can I cancel my appointment on Friday please")
        t = await talk(JOHN)
        assert "don't see" not in t.reply and "Friday" in t.reply, talk.transcript()
