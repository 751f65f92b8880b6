"""What a fifteenth batch of blind calls (all in one breath, narrowing by exclusion, running late,
the wrong place, one of several by an attribute, asked to repeat) taught the receptionist, in
other words than the corpus lines, through a real text-mode session, the real tools and a real
database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, add_caller, talking

TODAY = date(2026, 11, 25)


async def test_a_caller_who_dialled_wrong_is_let_go(container: Container) -> None:
    async with talking(container) as talk:
        await talk("hi, can I get two large pizzas delivered")
        await talk("oops, sorry, wrong number")
        assert talk.ended, talk.transcript()


async def test_meant_to_call_someone_else_ends_politely(container: Container) -> None:
    async with talking(container) as talk:
        await talk("hello, I need my repeat prescription sorting out")
        await talk("oh hold on, I meant to ring the chemist. Sorry, thanks anyway")
        assert talk.ended, talk.transcript()


async def test_running_late_hears_no_message_can_be_passed_and_keeps_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TODAY, time(11)))
    async with talking(container) as talk:
        t = await talk("I'm going to be ten minutes late for my eleven o'clock, sorry")
        assert "message" in t.reply.lower(), talk.transcript()
        await talk(JOHN)
        t = await talk("no, keep it, I'll be there as soon as I can")
        assert "leave" in t.reply.lower() and "instead" not in t.reply.lower(), talk.transcript()
        assert await talk.booked(JOHN) == [(TODAY, time(11))], talk.transcript()


async def test_running_late_a_time_alone_moves_it_later_that_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TODAY, time(11)))
    async with talking(container) as talk:
        await talk("I'm running half an hour late for my 11 am")
        await talk(JOHN)
        t = await talk("could I come at two instead")
        assert "move" in t.reply.lower() and "2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TODAY, time(14))], talk.transcript()


async def test_a_day_turned_down_for_a_move_is_not_offered(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk("I have to change my Tuesday appointment")
        await talk(JOHN)
        t = await talk("well not Tuesday, and nothing before ten")
        assert "move" in t.reply.lower() and "to Tuesday" not in t.reply, talk.transcript()


async def test_the_one_said_after_a_correction_is_the_one_meant(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk("I need to cancel one of my appointments")
        await talk(JOHN)
        t = await talk("the Monday one. No sorry, I mean the Tuesday")
        assert "Tuesday" in t.reply and "Monday" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


async def test_not_the_one_on_a_date_is_not_the_one_meant(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk("I want to cancel an appointment")
        await talk(JOHN)
        t = await talk("the one on the 30th, not the one on the 1st")
        assert "Monday" in t.reply and "Tuesday" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()


async def test_im_after_a_day_asks_for_that_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hiya, I'm after Friday at ten if you've got it")
        t = await talk(JOHN)
        assert f"November {FRIDAY.day}th" in t.reply, talk.transcript()
