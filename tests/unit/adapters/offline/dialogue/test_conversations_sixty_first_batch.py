"""What a sixty-first blind batch (the call around the task: openings that check the line,
questions before committing, the time asked again once it is done, the closing no, a second
errand while the caller has you, a pause to find the diary) taught the receptionist, in other
words than the corpus lines. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY_NEXT, add_caller, talking

TODAY = date(2026, 11, 25)


def _heard(line: str, asked: str = "request") -> Understanding:
    return understand(line, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    [
        "Hello? Have I dialled the wrong number? I was after the surgery.",
        "oh sorry i may have rang the wrong place is this the health centre",
        "Is this the wrong number? I wanted the family doctors.",
        "Hi, I'm not sure if I've got the right number, it's about an appointment.",
    ],
)
def test_a_caller_unsure_they_rang_the_right_place_is_told_where_they_are(line: str) -> None:
    heard = _heard(line)
    assert not heard.end
    assert "place" in heard.questions


@pytest.mark.parametrize(
    "line", ["Oh, sorry, wrong number.", "I think I've got the wrong number, sorry", "wrong number"]
)
def test_a_wrong_number_said_plainly_is_still_a_goodbye(line: str) -> None:
    assert _heard(line).end


async def test_a_caller_doubting_the_number_is_kept_on_the_line(container: Container) -> None:
    async with talking(container) as talk:
        t = await talk("Hiya - I could have phoned the wrong number here, is it the doctor's?")
        assert not talk.ended, talk.transcript()
        assert "reached" in t.reply, talk.transcript()
        t = await talk("Oh good. I'd like an appointment on Monday at eleven, please.")
        assert not talk.ended, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "That'll be lovely, thanks.",
        "that will be perfect",
        "Oh, that'll be great, ta.",
        "yes that'll be fine",
    ],
)
def test_that_will_be_fine_is_a_yes(line: str) -> None:
    heard = _heard(line, "confirm")
    assert heard.yes and not heard.no


@pytest.mark.parametrize(
    "line",
    [
        "That'll be fine. Actually no, leave it.",
        "that will be too early for me",
        "that'll be fine - no, wait, keep it as it is",
    ],
)
def test_that_will_be_taken_back_or_not_fine_is_no_yes(line: str) -> None:
    heard = _heard(line, "confirm")
    assert not heard.yes or heard.no or heard.correction


async def test_that_will_be_lovely_books_the_slot_proposed(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890. Could I come in on Monday at eleven?")
        t = await talk("Oh, that'll be lovely, thank you.")
        assert t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_a_held_day_the_caller_cannot_do_is_the_one_cancelled(
    container: Container,
) -> None:
    first, second = date(2026, 12, 9), date(2026, 12, 16)
    await add_caller(container, JOHN, "John Smith", (first, time(10)), (second, time(14)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890, I need to cancel one of my appointments.")
        t = await talk("Yeah so the 16th I cannot do any more, could you cancel that?")
        assert "December 16th" in t.reply and "9th" not in t.reply, talk.transcript()
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(first, time(10))], talk.transcript()


async def test_a_day_held_said_as_cant_make_after_a_booking_names_the_one_to_cancel(
    container: Container,
) -> None:
    held = date(2026, 12, 10)
    await add_caller(container, JOHN, "John Smith", (held, time(13)))
    async with talking(container) as talk:
        await talk("Hi, it's John Smith, 123 456 7890. Could I book Monday at eleven?")
        t = await talk("Yes please.")
        assert "anything else" in t.reply, talk.transcript()
        t = await talk("Oh and while I'm on, I can't make the 10th now - cancel that for me?")
        assert "Thursday, December 10th" in t.reply, talk.transcript()
        assert not t.called("cancel_appointment"), talk.transcript()
        await talk("Yes, go on.")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_not_the_day_at_a_cancel_still_turns_that_one_down(container: Container) -> None:
    first, second = date(2026, 12, 9), date(2026, 12, 16)
    await add_caller(container, JOHN, "John Smith", (first, time(10)), (second, time(14)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890, I need to cancel one of my appointments.")
        t = await talk("Not the 16th, I can't do the other one.")
        assert "cancel your appointment on Wednesday, December 16th" not in t.reply, (
            talk.transcript()
        )
        assert not t.called("cancel_appointment"), talk.transcript()


async def test_another_one_the_same_day_after_a_booking_is_on_the_day_just_booked(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890. Can I have Tuesday the 8th at one?")
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(13))], talk.transcript()
        t = await talk("While I'm on, can I get a second one that same day, at three?")
        assert "December 8th at 3 PM" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        await talk("Yes.")
        booked = await talk.booked(JOHN)
        assert booked == [(TUESDAY_NEXT, time(13)), (TUESDAY_NEXT, time(15))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Just so I know - is it definitely booked now?",
        "and that's really cancelled, is it?",
        "Has that gone through, then?",
        "so I don't need to come in on Friday then?",
    ],
)
async def test_a_check_that_the_change_went_through_says_it_again_and_changes_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 11, 27), time(9)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Can my Friday one move to Monday at eleven?")
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()
        t = await talk(line)
        assert "now on Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        assert not t.calls, talk.transcript()
        assert "Shall I" not in t.reply and not talk.ended, talk.transcript()
        await talk("No, that's it, ta.")
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_a_wrong_day_checked_after_a_booking_is_not_agreed_with(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890. Can I have Tuesday the 8th at one?")
        await talk("Yes please.")
        t = await talk("Sorry, is it the 9th?")
        assert t.reply.startswith("To be clear"), talk.transcript()
        assert "Tuesday, December 8th at 1 PM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(TUESDAY_NEXT, time(13))], talk.transcript()


async def test_a_further_ask_said_with_the_check_is_still_served(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890. Can I have Tuesday the 8th at one?")
        await talk("Yes please.")
        t = await talk("Is that definitely booked? And could you also book me Friday at ten?")
        assert "Friday" in t.reply and "Shall I book" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Do you send out reminders?",
        "will you text me the day before",
        "Lovely. Will I get a reminder message?",
        "I get a text also before?",
    ],
)
def test_a_reminder_asked_about_is_a_question_not_the_bookings_read_out(line: str) -> None:
    heard = _heard(line, "anything_else")
    assert "reminder" in heard.questions
    assert heard.task is None


def test_remind_me_of_my_appointment_still_reads_the_bookings() -> None:
    assert _heard("can you remind me when my appointment is").task == "list"


async def test_a_reminder_asked_after_a_booking_is_answered_without_a_change_offered(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890. Can I have Monday at eleven?")
        await talk("Yes please.")
        t = await talk("Eleven, right. Do I get a text to remind me?")
        assert "reminder" in t.reply, talk.transcript()
        assert "change" not in t.reply and "Shall I" not in t.reply, talk.transcript()
        assert "anything else" in t.reply, talk.transcript()
