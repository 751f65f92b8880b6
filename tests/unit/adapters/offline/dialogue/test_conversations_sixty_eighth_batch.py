"""What a sixty-eighth blind batch ("sorry, say that again?" - callers checking what they heard:
two numbers that sound alike, a date's weekday, the code asked back, a summing-up at the
goodbye) taught the receptionist, in other words than the corpus lines. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, add_caller, talking


@pytest.mark.parametrize(
    "asked",
    [
        "Sorry, three or four? The line's terrible.",
        "three or four, sorry?",
        "Hang on - was it three o'clock or four o'clock?",
        "sorry three or four im in the car",
    ],
)
async def test_which_of_two_hours_asked_back_is_answered_and_books_nothing(
    container: Container, asked: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. Could I have Friday at 3?")
        assert "Friday, November 27th at 3 PM" in t.reply, talk.transcript()
        t = await talk(asked)
        assert not t.called("book_appointment"), talk.transcript()
        assert "3 PM" in t.reply and not await talk.booked(JOHN), talk.transcript()
        t = await talk("Three, lovely. Yes, go ahead.")
        assert await talk.booked(JOHN) == [(FRIDAY, time(15))], talk.transcript()


@pytest.mark.parametrize(
    "asked",
    [
        "Sorry, the 30th or the 3rd? I don't want to mix it up with my other one.",
        "the thirtieth or the third sorry",
        "Wait, the 30th or the 3rd? I'm in on the 3rd of December already, I don't want them"
        " muddled.",
    ],
)
async def test_which_of_two_dates_asked_back_keeps_the_offer(
    container: Container, asked: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 3), time(11)))
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. I'd like another one, Monday the 30th at 2.")
        assert "Monday, November 30th at 2 PM" in t.reply, talk.transcript()
        t = await talk(asked)
        assert not t.called("book_appointment"), talk.transcript()
        assert "November 30th at 2 PM" in t.reply, talk.transcript()
        assert "December 3rd at 2" not in t.reply, talk.transcript()
        await talk("The 30th of November then - yes, book it.")
        booked = await talk.booked(JOHN)
        assert (MONDAY, time(14)) in booked and len(booked) == 2, talk.transcript()


@pytest.mark.parametrize(
    "summed",
    [
        "Right, so Tuesday's one is gone and I've still got the Monday at 9, yeah?",
        "just so i have it right the tuesday is cancelled and i still have monday at nine",
        "Let me get this straight - I still have Monday the 30th, yes?",
    ],
)
async def test_a_summing_up_after_a_cancel_changes_nothing_else(
    container: Container, summed: str
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(9)), (date(2026, 12, 1), time(11))
    )
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Please cancel my Tuesday appointment.")
        t = await talk("Yes, cancel it.")
        assert t.called("cancel_appointment"), talk.transcript()
        t = await talk(summed)
        assert not t.called("cancel_appointment") and not t.called("book_appointment")
        assert "Monday, November 30th at 9 AM is still booked" in t.reply, talk.transcript()
        t = await talk("Lovely. Thanks, bye.")
        assert not t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


async def test_a_summing_up_after_a_move_books_nothing_on_the_day_it_left(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Could you move Friday's to Monday, same time?")
        t = await talk("Yes please.")
        assert t.called("modify_appointment"), talk.transcript()
        t = await talk("So I've got it straight: Monday at ten now, and Friday's one is gone?")
        assert not t.called("book_appointment"), talk.transcript()
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk("Great, thanks. Bye.")
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "asked",
    [
        "Wait, before you cancel it, what's the confirmation code on it?",
        "hold on whats the code for that one first",
    ],
)
async def test_the_code_asked_before_a_cancel_keeps_the_cancel_asked(
    container: Container, asked: str
) -> None:
    (code,) = await add_caller(container, JOHN, "John Smith", (FRIDAY, time(11)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. I need to cancel Friday's appointment.")
        t = await talk(asked)
        assert not t.called("cancel_appointment"), talk.transcript()
        assert code.upper() in t.reply.replace(" ", "").upper(), talk.transcript()
        assert "Shall I cancel" in t.reply, talk.transcript()
        t = await talk("Right, that's the one. Yes, go on then.")
        assert t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


async def test_the_code_of_one_held_asked_before_a_booking_keeps_the_booking_asked(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(11)))
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. Can I book another one, Monday at 2?")
        assert "Shall I book Monday, November 30th at 2 PM" in t.reply, talk.transcript()
        t = await talk("Sorry, first - what's the code for my Friday one?")
        assert not t.called("book_appointment"), talk.transcript()
        assert "Shall I book Monday, November 30th at 2 PM" in t.reply, talk.transcript()
        await talk("Thanks. Yes, book Monday.")
        assert (MONDAY, time(14)) in await talk.booked(JOHN), talk.transcript()


@pytest.mark.parametrize(
    "asked",
    [
        "Hi, John Smith, 123 456 7890. I need my Monday appointment later in the day - what"
        " times do you have?",
        "hi john smith one two three four five six seven eight nine zero can i have my monday"
        " one a bit earlier in the day whats free",
    ],
)
async def test_what_is_free_asked_to_move_ones_own_earlier_or_later_is_a_move(
    container: Container, asked: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(12)))
    async with talking(container) as talk:
        t = await talk(asked)
        assert "move your appointment" in t.reply, talk.transcript()
        t = await talk("Yes, that one.")
        assert t.called("modify_appointment"), talk.transcript()
        booked = await talk.booked(JOHN)
        assert len(booked) == 1 and booked[0][0] == MONDAY, talk.transcript()
        assert booked[0][1] != time(12), talk.transcript()


@pytest.mark.parametrize(
    "leaving",
    [
        "Great, I'll talk to my wife and ring you back. Bye.",
        "perfect ill just check with my manager and call you back thanks",
        "Lovely - let me speak to my husband first. Thanks, bye.",
    ],
)
async def test_a_thanks_word_with_the_decision_left_to_someone_else_books_nothing(
    container: Container, leaving: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("Hi, John Smith, 123 456 7890. Have you got Friday at 3?")
        assert "Shall I book Friday, November 27th at 3 PM" in t.reply, talk.transcript()
        t = await talk(leaving)
        assert not t.called("book_appointment"), talk.transcript()
        assert not await talk.booked(JOHN), talk.transcript()


@pytest.mark.parametrize(
    "asked",
    [
        "Hi, John Smith, 123 456 7890. Could I come in Friday, the day after Thanksgiving?",
        "hi john smith one two three four five six seven eight nine zero friday the day after"
        " thanksgiving any time",
    ],
)
async def test_a_weekday_said_again_as_the_day_after_a_holiday_is_that_day(
    container: Container, asked: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(asked)
        assert "Friday, November 27th" in t.reply, talk.transcript()
        assert "Saturday" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "lost",
    [
        "Sorry, the line went - I heard none of that.",
        "sorry the connection dropped i didnt catch a word of that",
    ],
)
async def test_a_question_lost_on_a_bad_line_is_asked_again(
    container: Container, lost: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, I'd like to book something for Friday morning.")
        assert "phone number" in t.reply, talk.transcript()
        t = await talk(lost)
        assert "phone number" in t.reply and "didn't catch" not in t.reply, talk.transcript()
        t = await talk("It's 123 456 7890, John Smith.")
        assert "123" in t.reply.replace("-", " "), talk.transcript()
