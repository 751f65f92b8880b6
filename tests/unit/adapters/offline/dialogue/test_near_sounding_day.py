"""A day heard by ear that none of the caller's appointments is on, where one is on a day that
sounds like it (Tuesday heard for Thursday, the fifth for the fifteenth): that one is said back
and asked about by name, and only a yes to the question naming it acts. Before, a caller with
two was asked which of them again (a recording's next line answers no such question). Today
is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, add_caller, talking


async def test_tuesday_heard_for_the_thursday_one_is_asked_about_by_name(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(10)), (MONDAY, time(14)))
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to cancel one of my appointments")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("the one on tuesday")
        assert "don't see an appointment on Tuesday" in t.reply, talk.transcript()
        assert "cancel your appointment on Thursday, November 26th at 10 AM?" in t.reply
        assert await talk.booked(JOHN) == [(THURSDAY, time(10)), (MONDAY, time(14))]
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


async def test_a_no_to_the_near_sounding_one_keeps_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(10)), (MONDAY, time(14)))
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to cancel one of my appointments")
        await talk("one two three four five six seven eight nine zero")
        await talk("the one on tuesday")
        await talk("no, not that one")
        assert await talk.booked(JOHN) == [(THURSDAY, time(10)), (MONDAY, time(14))]


async def test_the_sixth_heard_for_the_sixteenth(container: Container) -> None:
    sixteenth = date(2026, 12, 16)
    await add_caller(
        container, JOHN, "John Smith", (sixteenth, time(9)), (FRIDAY, time(11)), (MONDAY, time(9))
    )
    async with talking(container, style="spoken") as talk:
        await talk("hello, I'd like to cancel an appointment")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("it's the one on december the sixth")
        assert "cancel your appointment on Wednesday, December 16th at 9 AM?" in t.reply, (
            talk.transcript()
        )


async def test_both_near_sounding_is_asked_which(container: Container) -> None:
    """Holding Tuesday and Thursday, "Tuesday" is the Tuesday one; holding two Thursdays and
    hearing a Tuesday held by none, which one is asked as before."""
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY, time(10)), (date(2026, 12, 3), time(9))
    )
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to cancel one of my appointments")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("the one on tuesday")
        assert "Which appointment" in t.reply, talk.transcript()


async def test_typed_a_day_none_is_on_is_not_taken_for_another(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(10)), (MONDAY, time(14)))
    async with talking(container) as talk:
        await talk("hi, I need to cancel one of my appointments")
        await talk(JOHN)
        t = await talk("the one on tuesday")
        assert "Which appointment" in t.reply, talk.transcript()


async def test_a_time_said_must_be_the_near_ones(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(10)), (MONDAY, time(14)))
    async with talking(container, style="spoken") as talk:
        await talk("hi, I need to cancel one of my appointments")
        await talk("one two three four five six seven eight nine zero")
        t = await talk("the one on tuesday at three in the afternoon")
        assert "cancel your appointment on Thursday" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(THURSDAY, time(10)), (MONDAY, time(14))]
