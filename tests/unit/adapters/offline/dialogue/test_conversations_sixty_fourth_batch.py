"""What a sixty-fourth blind batch (the everyday calls a front desk gets: the date of birth and
the doctor before the errand, "yeah" on every line, "any cancellations?", callers worn out by the
queue, the lost appointment card, "any chance of being seen today?") taught the receptionist, in
other words than the corpus lines. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.adapters.offline.dialogue.understanding.acts import detect_tasks
from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY_NEXT, add_caller, seat_others, talking

TODAY = date(2026, 11, 25)
MARY = "5085551212"


def _heard(line: str, asked: str = "request") -> Understanding:
    return understand(line, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]


# --- someone else's cancellation asked after: what is free, never a cancel ------------------


@pytest.mark.parametrize(
    "line",
    [
        "Any cancellations for Friday at all?",
        "did you get any cancellations on Monday",
        "Has anybody dropped out on Friday?",
        "has someone cancelled for monday, by any chance",
        "Morning! Has anything come up for Friday?",
        "i was hoping you might have had a cancellation for friday",
    ],
)
def test_someone_else_s_cancellation_asked_after_is_what_is_free(line: str) -> None:
    assert detect_tasks(line.lower().replace("'", "").replace("?", "").replace("!", "")) == [
        "availability"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "I need to make a cancellation please",
        "can I cancel my friday one",
        "I'd like to cancel, I can't come Monday",
    ],
)
def test_a_cancellation_of_one_s_own_stays_a_cancel(line: str) -> None:
    assert _heard(line).task == "cancel"


@pytest.mark.parametrize(
    "line",
    [
        "i'm booked on the 3rd, but has anybody dropped out this friday? i'd move it",
        "I've got Thursday the 3rd at ten but has anything come free sooner?",
        "I'm down for the 3rd and it's too early for me - any cancellations for friday?",
    ],
)
def test_a_held_one_beside_someone_else_s_cancellation_is_a_move(line: str) -> None:
    assert _heard(line).task == "reschedule"


def test_a_second_one_beside_someone_else_s_cancellation_stays_a_booking() -> None:
    line = "I've got the 3rd, but has anyone cancelled on Friday? I need another appointment."
    assert _heard(line).task == "book"


async def test_any_cancellations_on_a_day_offers_its_free_time_and_books_it(
    container: Container,
) -> None:
    await seat_others(container, *((FRIDAY, time(h)) for h in (9, 10, 11, 12, 14, 15)))
    async with talking(container) as talk:
        t = await talk("Morning - don't suppose anybody's dropped out on Friday?")
        assert "1 PM" in t.reply and not t.called("cancel_appointment"), talk.transcript()
        await talk("Mary Jones, 508 555 1212.")
        await talk("Yes.")
        t = await talk("Go on then, yes, one o'clock.")
        assert await talk.booked(MARY) == [(FRIDAY, time(13))], talk.transcript()


async def test_a_cancellation_asked_after_to_bring_one_forward_moves_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(10)))
    await seat_others(container, *((MONDAY, time(h)) for h in (9, 10, 11, 12, 13, 15)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I'm in on the 3rd but if anyone's cancelled Monday "
            "I'd bring mine forward."
        )
        assert "bring" not in t.reply.lower() or "photo" not in t.reply.lower(), talk.transcript()
        assert "2 PM" in t.reply, talk.transcript()
        await talk("Yes, do that.")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


# --- a booking tried before is the story, the question about what is free the ask --------


@pytest.mark.parametrize(
    "line",
    [
        "I've been trying to get in for weeks - what have you got on Friday?",
        "been ringing all morning to get an appointment, anything free monday?",
    ],
)
def test_trying_to_get_in_before_beside_a_question_about_what_is_free(line: str) -> None:
    assert _heard(line).task == "availability"


def test_trying_to_get_in_alone_is_still_a_booking() -> None:
    assert _heard("I've been trying to get in for ages").task == "book"


# --- the hour held said first: "I've got three o'clock today" -----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "I've got 11 am tomorrow, could I come in later instead?",
        "i'm in at two o'clock on friday - anything earlier that day?",
        "i have 2 pm friday but can i get an appointment earlier that day",
    ],
)
def test_the_hour_held_said_first_with_another_time_wished_is_a_move(line: str) -> None:
    assert _heard(line).task == "reschedule"


# --- the card with the appointment on it lost: what they hold ------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "I've lost the letter with my appointment on it, sorry.",
        "I can't find my appointment card anywhere",
        "my daughter binned the reminder text - when was it again?",
    ],
)
def test_the_appointment_card_lost_asks_what_is_held(line: str) -> None:
    assert _heard(line).task == "list"


async def test_the_card_lost_then_the_number_says_the_appointment(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(11)))
    async with talking(container) as talk:
        await talk("Hiya, I've mislaid the appointment card. John Smith.")
        t = await talk("123 456 7890.")
        assert "11 AM" in t.reply and "November 27" in t.reply, talk.transcript()


# --- "if not Monday morning": a second choice, the morning wanted ---------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Anything Friday? If not Monday morning would be fine.",
        "friday if you can and if not monday morning",
    ],
)
def test_a_part_of_the_day_after_if_not_is_a_second_choice_wanted(line: str) -> None:
    heard = _heard(line)
    assert heard.when.day is not None and heard.when.day.dates == (FRIDAY,)
    assert heard.when.ranked[:1] == ((MONDAY, None, (time(9), time(12))),)


def test_not_a_day_s_morning_still_refuses_the_morning() -> None:
    heard = _heard("not monday morning, the afternoon")
    assert heard.when.time is not None and heard.when.time.window == (time(12), time(16))


# --- when the caller rang before: the story of the call, no day asked -----------------------


def test_ringing_before_this_morning_is_no_day_asked_for() -> None:
    heard = _heard(
        "Please, not on hold again - it's the third time I've rang this morning, I was cut off "
        "twice. I need to come in Friday, two o'clock if you've got it."
    )
    assert heard.when.day is not None and heard.when.day.dates == (FRIDAY,)
    assert heard.when.time is not None and heard.when.time.at == time(14)
    assert not heard.another
