"""A number that does not hold what the caller described (a wrong digit can be another
patient's): the receptionist asks the name on the account before reading out anything on it,
and a name that is not the account's names no one. What the caller said matching the account
(the day they named is on it, or the name they gave is its), nothing more is asked. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, TUESDAY, WEDNESDAY_NEXT, add_caller, talking

GRETA = "5085556637"
LENA = "5085556673"


async def test_a_wrong_digit_that_is_another_patients_tells_nothing_of_theirs(
    container: Container,
) -> None:
    await add_caller(container, GRETA, "Greta Holm", (WEDNESDAY_NEXT, time(10)))
    await add_caller(container, LENA, "Lena Marsh", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        t = await talk("hi, I need to cancel my appointment on Friday. My number is 508 555 6637.")
        assert "name" in t.reply.lower(), talk.transcript()
        for secret in ("Greta", "Holm", "Wednesday", "December 2nd", "10 AM"):
            assert secret not in t.reply, talk.transcript()
        t = await talk("um, Lena Marsh")
        assert "doesn't match" in t.reply and "number" in t.reply, talk.transcript()
        for secret in ("Greta", "Holm", "Wednesday", "December 2nd", "10 AM"):
            assert secret not in t.reply, talk.transcript()
        t = await talk("oh sorry, it's 508 555 6673")
        assert "Friday, December 4th at 2 PM" in t.reply, talk.transcript()
        await talk("yes please cancel it")
        assert await talk.booked(LENA) == [], talk.transcript()
        assert await talk.booked(GRETA) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()


async def test_the_holder_giving_the_name_then_hears_what_is_held(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("hi um I need to cancel my appointment on Friday")
        t = await talk("123 456 7890")
        assert "Tuesday" not in t.reply and "name" in t.reply.lower(), talk.transcript()
        t = await talk("yeah it's John Smith")
        assert "don't see an appointment on Friday" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 10 AM" in t.reply, talk.transcript()
        await talk("oh. no, hang on, leave it then")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_a_name_given_with_the_number_is_checked_without_asking(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "this is John Smith, 123 456 7890, I've got to cancel my appointment on Friday"
        )
        assert "don't see an appointment on Friday" in t.reply, talk.transcript()
        assert "Tuesday" in t.reply, talk.transcript()


async def test_a_name_typed_small_and_not_introduced_is_still_the_holders(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("pls cancel my appt friday, running late all week. john smith 123 456 7890")
        assert "Tuesday" in t.reply and "name on it" not in t.reply, talk.transcript()


async def test_the_other_persons_name_given_first_is_not_the_holder(
    container: Container,
) -> None:
    # a husband gives his wife's number with his own name: her appointment is not read out
    await add_caller(container, GRETA, "Anna Lindqvist", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "hello, Erik Lindqvist here, I want to cancel my Friday appointment, "
            "number's 508 555 6637"
        )
        assert "doesn't match" in t.reply, talk.transcript()
        for secret in ("Anna", "Wednesday", "December 2nd", "10 AM"):
            assert secret not in t.reply, talk.transcript()


async def test_no_name_twice_gives_up_without_telling(container: Container) -> None:
    await add_caller(container, GRETA, "Greta Holm", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I need to cancel my appointment on Friday, 508 555 6637")
        await talk("why do you need that")
        t = await talk("I'd rather not say")
        assert "front desk" in t.reply, talk.transcript()
        for _, turn in talk.turns:
            for secret in ("Greta", "Holm", "Wednesday", "December 2nd", "10 AM"):
                assert secret not in turn.reply, talk.transcript()
        assert await talk.booked(GRETA) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()


async def test_the_day_said_on_the_account_asks_no_name(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("can I cancel my appointment on Friday please, 123 456 7890")
        assert "name" not in t.reply.lower() and "Friday" in t.reply, talk.transcript()


async def test_a_time_far_from_the_one_held_asks_the_name_too(container: Container) -> None:
    await add_caller(container, GRETA, "Greta Holm", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk("I need to cancel my 3 o'clock appointment, my number is 508 555 6637")
        assert "name" in t.reply.lower(), talk.transcript()
        assert "Wednesday" not in t.reply and "10 AM" not in t.reply, talk.transcript()


async def test_a_day_off_by_one_asks_the_name_too(container: Container) -> None:
    # "the Thursday" for their Friday: a misdialled digit can land on another patient booked
    # near the caller's day, so the name comes first (privacy56); the holder then hears it
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        t = await talk("hi, cancel my appointment next week, the Thursday I think, 123 456 7890")
        assert "name on it" in t.reply and "Friday" not in t.reply, talk.transcript()
        t = await talk("John Smith")
        assert "Friday, December 4th at 10 AM" in t.reply, talk.transcript()
