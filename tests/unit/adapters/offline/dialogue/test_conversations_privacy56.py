"""A number found alone whose account holds something near what the caller described (a day
one off, an hour off): a misdialled digit can land on another patient whose booking is near
the caller's own, so nothing on it is read out until the name on it is given - the honest
caller a day off gives their name and hears what they hold. A caller who said their name
already is checked without asking. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, THURSDAY_NEXT, WEDNESDAY_NEXT, add_caller, talking

GRETA = "5085556637"
LENA = "5085556673"
SECRETS = ("Greta", "Holm", "Wednesday", "December 2nd", "10 AM")


async def test_another_patients_booking_a_day_off_is_not_read_out(container: Container) -> None:
    await add_caller(container, GRETA, "Greta Holm", (WEDNESDAY_NEXT, time(10)))
    await add_caller(container, LENA, "Lena Marsh", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("morning - I have to call off my visit on Thursday the 3rd")
        t = await talk("508-555-6637")
        assert "name" in t.reply.lower(), talk.transcript()
        for secret in SECRETS:
            assert secret not in t.reply, talk.transcript()
        t = await talk("it's Lena Marsh")
        assert "doesn't match" in t.reply, talk.transcript()
        for secret in SECRETS:
            assert secret not in t.reply, talk.transcript()
        t = await talk("ugh, sorry - 508 555 6673")
        assert "Thursday, December 3rd at 2 PM" in t.reply, talk.transcript()
        await talk("yes, cancel that")
        assert await talk.booked(LENA) == [], talk.transcript()
        assert await talk.booked(GRETA) == [(WEDNESDAY_NEXT, time(10))], talk.transcript()


async def test_an_hour_off_on_another_patients_day_is_not_read_out(container: Container) -> None:
    await add_caller(container, GRETA, "Greta Holm", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I'd like to move my 11 o'clock on Wednesday December 2nd")
        t = await talk("five oh eight, five five five, six six three seven")
        assert "name" in t.reply.lower(), talk.transcript()
        assert "10 AM" not in t.reply and "Greta" not in t.reply, talk.transcript()


async def test_the_holder_a_day_off_gives_the_name_and_hears_their_own(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I need to cancel my appointment next Thursday")
        t = await talk("my number is 123 456 7890")
        assert "Friday" not in t.reply and "name" in t.reply.lower(), talk.transcript()
        t = await talk("John Smith")
        assert "Friday, December 4th at 10 AM" in t.reply, talk.transcript()
        await talk("oh right, the Friday. yes, cancel it")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_a_name_said_first_keeps_a_day_off_flowing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hello, John Smith speaking, I want to cancel my Thursday appointment")
        t = await talk("1234567890")
        assert "name on it" not in t.reply, talk.transcript()
        assert "Friday, December 4th at 10 AM" in t.reply, talk.transcript()


async def test_the_holder_putting_their_day_right_is_not_asked_again(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("hi, I want to cancel my appointment on Thursday the 3rd")
        t = await talk("123-456-7890")
        assert "Friday" not in t.reply and "name" in t.reply.lower(), talk.transcript()
        t = await talk("hmm, hang on - no, it's the 4th, I'm sure")
        assert "Friday, December 4th at 10 AM" in t.reply, talk.transcript()
        await talk("yep, cancel it")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_the_holder_putting_their_hour_right_moves_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("there's one I have on Friday at 3, can it go to Monday the 7th at 3?")
        t = await talk("1234567890")
        assert "2 PM" not in t.reply and "name" in t.reply.lower(), talk.transcript()
        t = await talk("ah, 2, sorry. Monday at 3 still please")
        assert "Friday, December 4th at 2 PM" in t.reply, talk.transcript()
        assert "name" not in t.reply.lower(), talk.transcript()


async def test_a_wrong_guess_at_another_patients_day_still_tells_nothing(
    container: Container,
) -> None:
    await add_caller(container, GRETA, "Greta Holm", (WEDNESDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I need to cancel my appointment on Thursday the 3rd")
        await talk("508 555 6637")
        t = await talk("or maybe it was the Friday")
        for secret in SECRETS:
            assert secret not in t.reply, talk.transcript()
