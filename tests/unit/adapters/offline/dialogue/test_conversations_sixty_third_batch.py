"""What a sixty-third blind batch (calls as a human transcriber writes real phone calls: false
starts, "yeah, no" and "no, yeah" as answers, an answer split over two turns, words said twice
and tag questions, callers talking to themselves, fillers and lines left hanging) taught the
receptionist, in other words than the corpus lines. Today is Wednesday 25 November 2026, 10:00
in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, add_caller, seat_others, talking

TODAY = date(2026, 11, 25)
MARY = "5085551212"


def _heard(line: str, asked: str = "request") -> Understanding:
    return understand(line, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]


# --- "yeah, no" and "no, yeah" opening an answer ------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Yeah, no, that sounds good, go ahead.",
        "no yeah book it in",
        "nah yeah that works for me",
        "Yeah, nah, that's perfect, do it.",
        "no, yeah, sure, please do",
    ],
)
def test_a_yes_after_an_opening_yeah_no_is_a_yes(line: str) -> None:
    heard = _heard(line, "confirm")
    assert heard.yes and not heard.no


@pytest.mark.parametrize(
    "line",
    [
        "yeah no, Monday's no good for me",
        "No, yeah, I can't do that one, sorry.",
        "yeah, no, don't bother",
        "Yeah, no - that's fine... actually no, leave it.",
        "no yeah go on - wait, not that one",
        "Yeah, no.",
        "yeah no no",
        "yeah no, sure",
        "yeah nah ok then",
    ],
)
def test_a_no_after_an_opening_yeah_no_or_the_pair_alone_is_no_yes(line: str) -> None:
    heard = _heard(line, "confirm")
    assert not heard.yes or heard.no


def test_a_yeah_no_opening_a_request_is_no_refusal() -> None:
    heard = _heard("yeah no i was after something on monday the thirtieth in the morning")
    assert heard.task == "book" and not heard.no
    assert heard.when.day is not None and heard.when.day.dates == (MONDAY,)


async def test_yeah_no_to_the_read_back_and_no_yeah_to_the_slot_book_it(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("Hi, I'd like to book Monday at eleven please, I've not been before.")
        await talk("It's Mary Jones, 508 555 1212.")
        t = await talk("Yeah no, that's correct.")
        assert t.called("identify_user"), talk.transcript()
        t = await talk("no yeah, that works, go for it")
        assert t.called("book_appointment"), talk.transcript()
        assert await talk.booked(MARY) == [(MONDAY, time(11))], talk.transcript()


async def test_yeah_no_turning_an_hour_down_then_no_yeah_to_the_next_moves_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY_NEXT, time(9)))
    await seat_others(container, (FRIDAY_NEXT, time(10)), (FRIDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. My Friday at nine, can it be later that day?")
        t = await talk("yeah no, twelve won't do, I've got a meeting. Something after?")
        assert not t.called("modify_appointment"), talk.transcript()
        assert "1 PM" in t.reply, talk.transcript()
        t = await talk("No, yeah, that's lovely, change it to that.")
        assert t.called("modify_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(13))], talk.transcript()


@pytest.mark.parametrize("line", ["That's grand.", "thats lovely thanks", "Oh, that's brilliant."])
def test_thats_grand_or_lovely_is_a_yes(line: str) -> None:
    heard = _heard(line, "confirm")
    assert heard.yes and not heard.no


# --- tag questions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "You see people on a Friday, don't you? What's free this Friday?",
        "you're open fridays arent you whats free this friday",
        "There's a clinic on Fridays, isn't there? What have you got this Friday?",
    ],
)
def test_a_tag_question_on_a_request_leaves_the_request(line: str) -> None:
    heard = _heard(line)
    assert heard.task == "availability" and not heard.no
    assert heard.when.day is not None and heard.when.day.dates[0] == date(2026, 11, 27)


@pytest.mark.parametrize(
    "line", ["No, don't you dare.", "why don't you", "please don't, I need it"]
)
def test_a_dont_that_is_no_tag_stays_as_said(line: str) -> None:
    heard = _heard(line, "confirm")
    assert not heard.yes


@pytest.mark.parametrize(
    "line", ["Yes, that's correct, isn't it? Yes.", "yeah that's the one isnt it yeah"]
)
def test_a_tag_question_on_the_read_back_is_no_name(line: str) -> None:
    heard = _heard(line, "phone_confirm")
    assert heard.yes and heard.name is None


# --- an answer in two goes -----------------------------------------------------------------


async def test_an_area_code_said_after_the_name_waits_for_the_rest(container: Container) -> None:
    await add_caller(container, MARY, "Mary Jones", (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("hello its mary jones five oh eight")
        assert "508" in t.reply and "so far" in t.reply, talk.transcript()
        t = await talk("five five five one two one two and i want to know when im booked")
        assert t.called("identify_user") == [{"phone_number": MARY}], talk.transcript()
        assert "December 1st at 10 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "its mary jones could i come at two oh five",
        "hi its mary jones about two oh seven",
        "its mary jones one oh seven",
        "hi there five oh eight",
    ],
)
def test_three_digits_that_are_no_number_begun_are_left(line: str) -> None:
    assert _heard(line).phone is None


def test_a_spoken_name_after_sorry_at_the_number_question_is_the_name() -> None:
    heard = _heard(
        "sorry ruth kaplan and my number is five oh eight five five five one two one two", "phone"
    )
    assert heard.name == "Ruth Kaplan"
    assert heard.phone is not None and heard.phone.digits == MARY


# --- talking to themselves -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Could it be... what have I got on Monday... nothing. Monday then, same time.",
        "um what have i got monday nothing no monday same time please",
    ],
)
async def test_a_day_checked_aloud_in_the_caller_s_own_diary_is_the_day_asked_for(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 11, 27), time(14)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. I can't make my Friday appointment.")
        t = await talk(line)
        assert not t.called("get_user_appointments"), talk.transcript()
        assert "Monday, November 30th at 2 PM" in t.reply, talk.transcript()
        await talk("Yes, do that.")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


def test_a_question_about_own_bookings_not_answered_aloud_is_still_asked() -> None:
    heard = _heard("What have I got on Monday?")
    assert heard.task == "list"
