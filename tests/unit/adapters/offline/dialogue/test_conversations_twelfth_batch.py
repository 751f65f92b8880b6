"""What a twelfth batch of blind calls (partial corrections, read-back requests, a number not
on file, a "wait" during a read-back) taught the receptionist, in other words than the corpus
lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking

TUESDAY = date(2026, 12, 1)
NEW = "6465550139"


async def test_part_of_the_number_corrected_keeps_the_rest(container: Container) -> None:
    async with talking(container) as talk:
        await talk("hi, I'd like to book an appointment")
        await talk("646 556 0139")
        t = await talk("no, five five five not five five six")
        assert "646-555-0139" in t.reply, talk.transcript()
        await talk("yes")
        await talk("Dana Ruiz")
        assert await talk.user_name(NEW) == "Dana Ruiz", talk.transcript()


async def test_the_area_code_corrected_finds_the_account(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("when is my appointment?")
        await talk("134 456 7890")  # not a number on file
        t = await talk("sorry, it's 123 not 134, the rest is fine")
        assert "Tuesday" in t.reply and "10 AM" in t.reply, talk.transcript()


async def test_a_wait_at_the_read_back_is_no_no(container: Container) -> None:
    async with talking(container) as talk:
        await talk("I need an appointment")
        await talk("646 555 0139")
        t = await talk("wait a second")
        assert "number" not in t.reply.lower() or "646" in t.reply, talk.transcript()
        await talk("yes that's it")
        t = await talk("Dana Ruiz")
        assert await talk.user_name(NEW) == "Dana Ruiz", talk.transcript()


async def test_which_was_the_first_one_repeats_and_books_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("what do you have on Tuesday? I'd like to book")
        await talk(JOHN)
        t = await talk("wait - which was the second one you said?")
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert "Tuesday" in t.reply, talk.transcript()
        await talk("yes, that one")
        assert len(await talk.booked(JOHN)) == 1, talk.transcript()


async def test_did_i_cancel_asks_and_cancels_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hello, did I cancel my appointment or is it still on?")
        t = await talk(JOHN)
        assert "Tuesday" in t.reply, talk.transcript()
        await talk("good, leave it then, thanks")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_the_appointment_said_back_with_thanks_ends_the_check(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("what time is my appointment?")
        t = await talk(JOHN)
        assert "10 AM" in t.reply, talk.transcript()
        await talk("Tuesday at ten, lovely, thanks!")
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_the_slot_i_had_before_back_moves_the_one_held(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("can I have my original time back? it was Tuesday at two")
        await talk(JOHN)
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(14))], talk.transcript()
