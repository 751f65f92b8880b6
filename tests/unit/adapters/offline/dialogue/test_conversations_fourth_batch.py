"""What a fourth batch of blind phone calls (and a stranger typing to the receptionist) taught
it, call by call in other words than the corpus lines, through a real text-mode session, the
real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    add_caller,
    talking,
)

NORA = "6465550123"


# --- who is calling -------------------------------------------------------------------------------
async def test_a_name_typed_beside_the_number_opens_the_account_in_that_name(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("I'd like to book something for Monday at 11")
        t = await talk("Nora Blakely, 646-555-0123")
        assert "Nora Blakely" in t.reply  # read back with the number, not asked again
        t = await talk("yes that's right")
        assert await talk.user_name(NORA) == "Nora Blakely"
        assert "Shall I book Monday, November 30th at 11 AM?" in t.reply
        t = await talk("yes")
        assert await talk.booked(NORA) == [(MONDAY, time(11))]


async def test_a_relatives_name_and_number_open_the_account_in_the_relatives_name(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("Hello, this is Sam, I'm calling for my grandmother, Edith Crane.")
        t = await talk("Her number is 646 555 0123.")
        assert "Edith Crane" in t.reply
        await talk("yes")
        assert await talk.user_name(NORA) == "Edith Crane"


async def test_why_the_number_is_asked_is_answered_and_the_number_asked_again(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("can I book an appointment for Tuesday?")
        t = await talk("what do you need my number for?")
        assert "find your record" in t.reply and "phone number" in t.reply
        t = await talk(JOHN)
        assert "123-456-7890" in t.reply


# --- moves said the way people say them ----------------------------------------------------------
async def test_postponed_by_two_weeks_keeps_the_weekday_and_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(14)))
    async with talking(container) as talk:
        await talk("I have to push my appointment back by a week, is that ok?")
        t = await talk(JOHN)
        assert (
            "Shall I move your appointment from Monday, November 30th at 2 PM to Monday, "
            "December 7th at 2 PM?" in t.reply
        )
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY_NEXT, time(14))]


async def test_from_one_hour_to_another_moves_it_on_the_same_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk("Could you switch my time from 9 to 1, same day?")
        t = await talk(JOHN)
        assert "to Tuesday, December 1st at 1 PM?" in t.reply
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(13))]


async def test_moved_to_next_week_offers_the_same_weekday_first(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("can I move my appointment?")
        await talk(JOHN)
        t = await talk("the week after, same time")
        assert "to Thursday, December 10th at 10 AM?" in t.reply


async def test_a_booking_said_with_instead_becomes_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(11)))
    async with talking(container) as talk:
        await talk("I've got an appointment booked on Friday, could it be Monday instead?")
        t = await talk(JOHN)
        assert "Shall I move your appointment from Friday, November 27th at 11 AM" in t.reply
        assert not t.called("book_appointment")


async def test_a_cancellation_corrected_after_its_yes_cancels_the_other_one(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)), (TUESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk("I want to cancel an appointment")
        await talk(JOHN)
        t = await talk("the one on the 8th")
        assert "Shall I cancel your appointment on Tuesday, December 8th at 3 PM?" in t.reply
        t = await talk("yes - oh no, sorry, I mean Monday's one, not the 8th")
        assert not t.called("cancel_appointment")
        assert "Shall I cancel your appointment on Monday, November 30th at 3 PM?" in t.reply
        await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(15))]


# --- days that cannot be had ----------------------------------------------------------------------
async def test_a_day_that_has_passed_is_said_so_and_nothing_is_booked(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like an appointment")
        await talk(JOHN)
        t = await talk("the 18th of November at 10 please")
        assert "Wednesday, November 18th has already passed" in t.reply
        assert not t.called("book_appointment") and "Shall I book" not in t.reply
        t = await talk("last Friday?")
        assert "Friday, November 20th has already passed" in t.reply
        assert await talk.booked(JOHN) == []


async def test_a_date_that_does_not_exist_is_said_so(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like an appointment")
        await talk(JOHN)
        t = await talk("September 31st")
        assert "There's no September 31st." in t.reply
        assert "Shall I book" not in t.reply


async def test_a_part_of_the_day_ruled_out_offers_the_rest(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like an appointment")
        await talk(JOHN)
        t = await talk("Monday, but no mornings, I work")
        assert "Shall I book Monday, November 30th at noon?" in t.reply


# --- the account question answered with a change to the request ---------------------------------
async def test_a_day_corrected_at_the_account_question_keeps_the_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, Nora Blakely, 646 555 0123, could I come in Monday the 7th at 10?")
        assert "Shall I set one up for Nora Blakely" in t.reply
        t = await talk("oh hang on, make it Tuesday instead")
        # a typed number not objected to is taken; the Tuesday of that week is proposed
        assert "phone number" not in t.reply and "Hang" not in t.reply
        assert "Shall I book Tuesday, December 8th at 10 AM?" in t.reply
        await talk("yes please")
        assert await talk.booked(NORA) == [(TUESDAY_NEXT, time(10))]


async def test_a_time_put_forward_at_the_account_question_is_no_digit_of_the_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("Nora Blakely here, 646 555 0123, I'd like Monday the 7th at 9")
        t = await talk("what about 11 then?")
        assert "so far" not in t.reply  # not the start of another number
        t = await talk("yes")
        assert "Monday, December 7th at 11 AM" in t.reply
        await talk("yes")
        assert await talk.booked(NORA) == [(MONDAY_NEXT, time(11))]


# --- a caller trying numbers ---------------------------------------------------------------
async def test_a_fourth_number_on_one_call_is_refused_plainly_and_not_tried_again(
    container: Container,
) -> None:
    numbers = ["3125550161", "3125550162", "3125550163", "3125550164"]
    for number, name in zip(numbers, ["Ada Moss", "Ben Moss", "Cy Moss", "Di Moss"], strict=True):
        await add_caller(container, number, name)
    async with talking(container) as talk:
        await talk("hi, when is my next appointment")
        await talk("312 555 0161")
        await talk("sorry, that's not mine, it's 312 555 0162")
        await talk("no sorry, wrong number, it's 312 555 0163")
        t = await talk("hmm no, that's my brother's, mine is 312 555 0164")
        assert "only look up 3 accounts" in t.reply and "anything else" in t.reply
        assert len(t.called("identify_user")) == 1  # refused once, not tried again in the turn
        assert "Di" not in t.reply and "trouble" not in t.reply
