"""What a third batch of blind phone calls taught the receptionist, call by call in other words
than the corpus lines, through a real text-mode session, the real tools and a real database.
Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


# --- several times: listed, and a yes/no about the first ----------------------------------------
async def test_a_time_between_starts_offers_the_nearest_and_asks_about_the_first(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book an appointment")
        await talk(JOHN)
        t = await talk("Monday, twenty past eleven")
        assert "Shall I book Monday, November 30th at 11 AM?" in t.reply
        t = await talk("sure")
        assert len(t.called("book_appointment")) == 1
        assert await talk.booked(JOHN) == [(MONDAY, time(11))]


async def test_a_move_lists_the_times_and_asks_about_the_first(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("I need to move my appointment")
        await talk(JOHN)
        t = await talk("Tuesday afternoon")
        assert (
            "Shall I move your appointment from Friday, November 27th at 10 AM to Tuesday, "
            "December 1st at noon?" in t.reply
        )
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(12))]


async def test_no_with_a_wish_keeps_the_listed_times_that_fit_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I want to book")
        await talk(JOHN)
        t = await talk("Friday")
        assert "Shall I book Friday, November 27th at 9 AM?" in t.reply
        t = await talk("no, that's too early for me, anything after one?")
        assert "Friday, November 27th" in t.reply and "3 PM" in t.reply
        assert not t.called("book_appointment")


# --- what is a yes --------------------------------------------------------------------------------
async def test_an_acknowledgement_and_the_day_again_is_no_yes_to_the_time(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Can I get an appointment?")
        await talk(JOHN)
        t = await talk("Saturday morning?")
        assert "Shall I book Monday, November 30th at 9 AM?" in t.reply
        t = await talk("ah, okay, right. Monday, whenever")
        assert not t.called("book_appointment")
        assert "Monday, November 30th" in t.reply
        t = await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))]


async def test_ok_bye_to_a_proposal_books_nothing(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like an appointment")
        await talk(JOHN)
        t = await talk("Tuesday at 2")
        assert "Shall I book Tuesday, December 1st at 2 PM?" in t.reply
        t = await talk("okay, thanks, bye")
        assert not t.called("book_appointment") and talk.ended
        assert await talk.booked(JOHN) == []


async def test_yes_cancel_it_to_move_or_cancel_cancels_the_one_read_out(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("I won't be able to make my appointment")
        t = await talk(JOHN)
        assert "Friday, November 27th at 10 AM" in t.reply and "cancel it?" in t.reply
        t = await talk("yes")  # a yes alone does not say which
        assert not t.called("cancel_appointment")
    await add_caller(container, "2125550143", "Mary Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        await talk("I can't come to my appointment")
        await talk("212 555 0143")
        t = await talk("yes, cancel it please")
        assert len(t.called("cancel_appointment")) == 1
        assert await talk.booked("2125550143") == []


# --- two things, or all of them -----------------------------------------------------------------
async def test_all_my_appointments_are_cancelled_in_one_question(container: Container) -> None:
    # all three named in one question (leftovers21); one yes cancels exactly those three
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (MONDAY, time(9)),
        (TUESDAY, time(14)),
        (WEDNESDAY_NEXT, time(10)),
    )
    async with talking(container) as talk:
        await talk("please cancel all my appointments")
        t = await talk(JOHN)
        assert "Monday, November 30th at 9 AM" in t.reply, talk.transcript()
        assert "Tuesday, December 1st at 2 PM" in t.reply, talk.transcript()
        assert "Wednesday, December 2nd at 10 AM?" in t.reply, talk.transcript()
        assert not t.called("cancel_appointment")
        await talk("yep")
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_all_three_asked_and_one_kept_cancels_nothing_unasked(container: Container) -> None:
    await add_caller(
        container,
        JOHN,
        "John Smith",
        (MONDAY, time(9)),
        (TUESDAY, time(14)),
        (WEDNESDAY_NEXT, time(10)),
    )
    async with talking(container) as talk:
        await talk("please cancel all my appointments")
        await talk(JOHN)
        t = await talk("yes, but not the Wednesday one")
        assert not t.called("cancel_appointment"), talk.transcript()
        assert len(await talk.booked(JOHN)) == 3


async def test_a_second_change_asked_with_the_first_follows_it(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (FRIDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk(
            "Could you cancel the Friday one please? After that I want to move Monday's to the "
            "afternoon."
        )
        t = await talk(JOHN)
        # both read back, the cancel first, and nothing changed before the caller's yes
        assert (
            "Shall I cancel your appointment on Friday, December 4th at 11 AM, and move the one "
            "on Monday, November 30th at 9 AM to Monday, November 30th at noon?"
        ) in t.reply
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (FRIDAY_NEXT, time(11))]
        t = await talk("yes")
        assert "cancelled" in t.reply
        assert await talk.booked(JOHN) == [(MONDAY, time(12))]


async def test_another_booking_counted_from_the_appointment_read_out(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)))
    async with talking(container) as talk:
        await talk("when is my appointment?")
        t = await talk(JOHN)
        assert "Monday, November 30th at 3 PM" in t.reply
        t = await talk("great, and can you put me down for another one a week after that?")
        assert "Monday, December 7th" in t.reply
        t = await talk("same time as that one if possible")
        assert "Shall I book Monday, December 7th at 3 PM?" in t.reply, talk.transcript()
        t = await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(15)), (MONDAY_NEXT, time(15))]


async def test_not_the_one_named_picks_the_other_and_a_weekday_that_week_is_new(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (WEDNESDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("I want to change one of my appointments, not the Monday one")
        t = await talk(JOHN)
        assert "Wednesday, December 2nd at 2 PM" in t.reply and "Monday" not in t.reply
        t = await talk("the Friday that week instead, in the morning")
        assert "to Friday, December 4th at 9 AM?" in t.reply


# --- a change of mind right after a booking or a move ---------------------------------------------
async def test_changing_the_hour_just_booked_moves_that_booking_after_a_yes(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("hello, can I get an appointment")
        await talk(JOHN)
        await talk("Monday at 9 if you have it")
        t = await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))]
        t = await talk("oh wait, sorry, can you make that two o'clock instead")
        assert "move your appointment" in t.reply and "2 PM" in t.reply
        assert not t.called("book_appointment") and not t.called("modify_appointment")
        t = await talk("yep")
        assert len(t.called("modify_appointment")) == 1
        assert await talk.booked(JOHN) == [(MONDAY, time(14))]  # moved, not a second booking


async def test_a_new_day_for_the_move_just_made_needs_its_own_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("I have to move my appointment")
        await talk(JOHN)
        await talk("Tuesday at 11")
        await talk("that's right")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))]
        t = await talk("hmm, actually could you switch it to Wednesday, same time")
        assert "Wednesday, December 2nd at 11 AM" in t.reply
        assert not t.called("modify_appointment")
        t = await talk("no, leave it on Tuesday")
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))]


async def test_a_second_booking_after_one_is_still_a_booking(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book something")
        await talk(JOHN)
        await talk("Monday at 10")
        await talk("yes")
        t = await talk("and could I book another one for Friday the 4th at 10 as well")
        assert "book" in t.reply.lower() and "December 4th at 10 AM" in t.reply
        await talk("yes")
        assert sorted(await talk.booked(JOHN)) == [(MONDAY, time(10)), (FRIDAY_NEXT, time(10))]
