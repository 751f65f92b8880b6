"""What a thirtieth blind batch (whole calls by kind of caller: rushed parents, older callers
who tell the story first, learners of English, fragments from work, two tasks with one dropped,
callers unsure of their own details) taught the receptionist, in other words than the corpus
lines, through a real text-mode session, the real tools and a real database. Today is
Wednesday 25 November 2026, 10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, add_caller, talking


async def test_an_okay_before_dont_book_it_books_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. What's the latest you have on Tuesday?")
        assert "Tuesday, December 1st" in t.reply, talk.transcript()
        await talk("okay, let me run it past my supervisor first. please don't book that yet")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_an_okay_then_dont_book_it_and_a_goodbye_books_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi its John Smith 1234567890, could I get Monday at 2?")
        await talk("ok hmm I need to check with the wife, dont book it, I'll ring back. bye")
        assert await talk.booked(JOHN) == [], talk.transcript()
        assert talk.ended, talk.transcript()


async def test_okay_then_book_it_still_books(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hi its John Smith 1234567890, could I get Monday at 2?")
        await talk("ok, book it, don't cancel my other one though")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


async def test_one_of_both_named_to_cancel_alone_is_asked_again_alone(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)), (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk("John Smith 123 456 7890, can you cancel both of my appointments please")
        assert "both" in t.reply, talk.transcript()
        t = await talk("hmm actually no, I can still make the Friday one. only cancel the Tuesday")
        assert "Tuesday, December 1st" in t.reply and "Friday" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(14))], talk.transcript()


async def test_a_yes_naming_one_of_both_cancels_that_one_only(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)), (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("John Smith 123 456 7890 - I need to cancel both my appointments")
        await talk("yeah go ahead and cancel the one on Friday")
        assert await talk.booked(JOHN) == [(TUESDAY, time(9))], talk.transcript()


async def test_dont_cancel_one_of_both_cancels_neither_yet(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)), (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("John Smith 123 456 7890 - I need to cancel both my appointments")
        await talk("wait, don't cancel Tuesday")
        assert await talk.booked(JOHN) == [(TUESDAY, time(9)), (FRIDAY_NEXT, time(14))], (
            talk.transcript()
        )


async def test_a_move_given_up_for_a_booking_in_one_breath_books_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk("hi John Smith 1234567890, I need to move my appointment on Tuesday")
        await talk("oh never mind moving it, I'll keep it. Just the one for my son, Monday at 2")
        t = await talk("yep")
        assert await talk.booked(JOHN) == [(MONDAY, time(14)), (TUESDAY, time(9))], (
            talk.transcript()
        )
        assert "anything else" in t.reply, talk.transcript()


async def test_keep_it_and_add_another_to_a_move_proposed_books_the_other(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123-456-7890, can I move Tuesday's to Monday at 11?")
        assert "move your appointment" in t.reply, talk.transcript()
        t = await talk("no wait, leave Tuesday's where it is. just add Monday at 11 as well")
        assert "Shall I book Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (TUESDAY, time(9))], (
            talk.transcript()
        )


async def test_a_second_ask_put_off_in_the_yes_is_not_asked_about(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith 123 456 7890. Can you move Tuesday's to Monday at 10, and then I also"
            " want to book a check-up sometime in February"
        )
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk("yes please, and forget about February for the time being")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()
        assert "February" not in t.reply and "anything else" in t.reply, talk.transcript()


async def test_what_is_held_summed_up_after_a_booking_is_read_back_not_booked(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk("John Smith 1234567890, can I get Monday at 11 as well please")
        await talk("yes")
        t = await talk("lovely, so I've got Monday and still the Tuesday one too, yeah?")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (TUESDAY, time(9))], (
            talk.transcript()
        )
        assert "Tuesday, December 1st at 9 AM" in t.reply, talk.transcript()


async def test_one_held_but_unsure_when_is_read_out_not_booked(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(13)))
    async with talking(container) as talk:
        t = await talk(
            "hiya, John Smith 123 456 7890 - I've got an appointment on a Friday but no idea"
            " if it's this one or the next"
        )
        assert "Friday, December 4th at 1 PM" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply, talk.transcript()
        await talk("ah the 4th. great, that's all, bye")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(13))], talk.transcript()


async def test_the_time_held_said_back_with_its_part_of_day_changes_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(13)))
    async with talking(container) as talk:
        await talk("John Smith 1234567890, when is my appointment? I'm not changing it")
        t = await talk("Friday the 4th at 1, in the afternoon, is it?")
        assert "Friday, December 4th at 1 PM" in t.reply, talk.transcript()
        assert "move" not in t.reply, talk.transcript()
        await talk("lovely, bye")
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(13))], talk.transcript()


async def test_the_earliest_on_another_day_is_that_days_first_time(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith 1234567890 - what's the soonest you can see me?")
        assert "The earliest I have is Wednesday, November 25th" in t.reply, talk.transcript()
        t = await talk("not today I'm afraid, how about Monday")
        assert "Monday, November 30th at 9 AM" in t.reply, talk.transcript()
        await talk("yes fine")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()
