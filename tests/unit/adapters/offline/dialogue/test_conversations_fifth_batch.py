"""What a fifth batch of blind phone calls taught the receptionist, call by call in other words
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
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)

OSCAR = "9175550234"


async def test_a_spoken_name_before_a_spoken_number_is_read_back_with_it(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi i need to book a visit")
        t = await talk("oscar reyes nine one seven five five five oh too three for")
        assert "Oscar Reyes" in t.reply and "0 2 3 4" in t.reply
        await talk("yes")
        assert await talk.user_name(OSCAR) == "Oscar Reyes"


async def test_an_hour_heard_as_a_homophone_is_booked_at_that_hour(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("i want an appointment")
        await talk(JOHN)
        t = await talk("tuesday at won")
        assert "Shall I book Tuesday, December 1st at 1 PM?" in t.reply


async def test_the_week_after_next_same_day_moves_it_two_weeks_on(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(15)))
    async with talking(container) as talk:
        await talk("I need to change my appointment")
        await talk(JOHN)
        t = await talk("the week after next please, same day, same time")
        # (not a week after the appointment: that would be Friday the 4th)
        assert "to Friday, December 11th at 3 PM?" in t.reply


async def test_the_earliest_of_next_week_is_not_kept_to_the_appointments_weekday(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("I'd like to move my appointment")
        await talk(JOHN)
        t = await talk("the earliest you have next week")
        # (not Friday the 4th, the appointment's own weekday, first)
        assert "to Monday, November 30th at 9 AM?" in t.reply


async def test_do_you_have_another_part_of_the_day_while_booking_stays_a_booking(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I'd like to book an appointment")
        await talk(JOHN)
        await talk("Friday morning")
        t = await talk("hmm, do you have Friday afternoon instead?")
        assert "Shall I book Friday, November 27th at noon?" in t.reply
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(12))]


async def test_whatever_you_have_in_a_part_of_the_day_picks_from_that_part(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("what do you have on Monday?")
        await talk(JOHN)
        t = await talk("the morning, whichever")
        assert "Shall I book Monday, November 30th at 9 AM?" in t.reply


async def test_a_new_day_with_whatevers_first_is_not_the_time_proposed(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("I can't make my appointment, could I move it to Wednesday?")
        t = await talk(JOHN)
        assert "to Wednesday, December 2nd at 9 AM?" in t.reply
        t = await talk("actually could it be Tuesday? the afternoon, whatever's first")
        assert "to Tuesday, December 1st at noon?" in t.reply


async def test_the_later_one_with_a_new_day_moves_the_later_appointment(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("I want to change one of my appointments")
        await talk(JOHN)
        t = await talk("the later one. Tuesday the 8th, same time")
        assert (
            "Shall I move your appointment from Thursday, December 3rd at 11 AM to Tuesday, "
            "December 8th at 11 AM?" in t.reply
        )


async def test_a_weekday_answer_to_which_appointment_is_no_code(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(11)), (THURSDAY_NEXT, time(15)))
    async with talking(container) as talk:
        await talk("cancel pls")
        await talk(JOHN)
        t = await talk("thursday.")
        assert "code" not in t.reply
        assert "Shall I cancel your appointment on Thursday, December 3rd at 3 PM?" in t.reply


async def test_one_more_at_the_same_time_as_the_one_read_out_books_that_hour(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(14)))
    async with talking(container) as talk:
        await talk("could you check what I've got booked?")
        await talk(JOHN)
        t = await talk("right. could I also get one on Wednesday, same time?")
        assert "Shall I book Wednesday, December 2nd at 2 PM?" in t.reply
        assert not t.called("modify_appointment")


async def test_not_going_to_make_it_asks_whether_to_move_or_cancel(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk("bad news, I'm not going to make it on Tuesday")
        t = await talk(JOHN)
        assert not t.called("book_appointment") and "Shall I book" not in t.reply
        assert "Tuesday, December 1st at 9 AM" in t.reply


async def test_a_cancellation_on_a_number_not_on_file_opens_no_account(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    async with talking(container) as talk:
        await talk("I have to cancel my appointment")
        t = await talk("it's 212 555 0188, Maria Lopez")
        assert "I don't see any appointments under 212-555-0188" in t.reply
        assert "set one up" not in t.reply and "Shall I" not in t.reply
        # another number finds it
        t = await talk("oh, try my home number, 123 456 7890")
        assert "Thursday, December 3rd at 10 AM" in t.reply
        assert await talk.user_name("2125550188") is None


async def test_a_cancellation_on_an_unknown_number_said_again_ends_the_task(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("can you cancel my booking for Friday")
        await talk("212 555 0188")
        t = await talk("no, that's the only number I have")
        assert "can't find any appointments under 212-555-0188" in t.reply
        assert "anything else" in t.reply
        assert await talk.user_name("2125550188") is None


async def test_a_code_alone_finds_that_appointment_and_asks_what_to_do(
    container: Container,
) -> None:
    codes = await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY_NEXT, time(13))
    )
    async with talking(container) as talk:
        t = await talk(f"hi, I've got booking reference {codes[1].upper()}")
        assert "only help with appointments" not in t.reply and "phone number" in t.reply
        t = await talk(JOHN)
        assert "Tuesday, December 8th at 1 PM" in t.reply and "move it" in t.reply
        t = await talk("cancel it")
        assert "Shall I cancel your appointment on Tuesday, December 8th at 1 PM?" in t.reply
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))]


async def test_wait_with_a_question_keeps_the_time_proposed(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("can I come in Monday at 11?")
        t = await talk(JOHN)
        assert "Shall I book Monday, November 30th at 11 AM?" in t.reply
        t = await talk("hang on, how long does the appointment last?")
        assert "an hour" in t.reply
        assert "Shall I book Monday, November 30th at 11 AM?" in t.reply
        await talk("ok yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))]


async def test_the_following_weekday_counts_from_the_appointment_under_discussion(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (FRIDAY_NEXT, time(9)))
    async with talking(container) as talk:
        await talk("I want to move an appointment")
        await talk(JOHN)
        t = await talk("the later one, to the following Tuesday please, same time")
        assert "from Friday, December 4th at 9 AM to Tuesday, December 8th at 9 AM?" in t.reply


async def test_push_it_to_the_following_weekday_is_a_week_after_the_one_proposed(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)), (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("I'd like to cancel my Thursday booking")
        t = await talk(JOHN)
        assert "Shall I cancel your appointment on Thursday, December 3rd at 2 PM?" in t.reply
        t = await talk("oh wait, could you move it to the following Thursday instead, same time")
        assert "from Thursday, December 3rd at 2 PM to Thursday, December 10th at 2 PM?" in t.reply


async def test_a_day_and_hour_typed_together_are_no_code(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("fri 2pm?")
        assert "phone number" in t.reply
        t = await talk("212 555 0136")
        assert "appointments under" not in t.reply and "set one up" in t.reply


async def test_a_day_corrected_at_the_numbers_read_back_keeps_the_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Hello, Lena Ford, 617 555 0166, could I have Tuesday the 1st at 11?")
        assert "Lena Ford" in t.reply and "617-555-0166" in t.reply
        t = await talk("hold on, make that Wednesday")
        assert "phone number" not in t.reply
        # the Wednesday of that week, not the next Wednesday from today
        assert "Shall I book Wednesday, December 2nd at 11 AM?" in t.reply
        await talk("yes")
        assert await talk.booked("6175550166") == [(WEDNESDAY_NEXT, time(11))]
