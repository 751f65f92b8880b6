"""Open points left from earlier rounds, each as a caller would say it, through a real
text-mode session, the real tools and a real database: two requests in one turn, a number
given with a stray "by the way", days the caller says are bad as a habit, "that one" to a
list. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, FRIDAY_NEXT, JOHN, MONDAY, TUESDAY, WEDNESDAY_NEXT, add_caller, talking

DIANA = "2125550104"


# --- a number given with "by the way" (or the recogniser's "bye that way") ------------------------
@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("spoken", "yeah its two one two five five five oh one oh four bye that way"),
        ("spoken", "uh two one two five five five zero one zero four by the way"),
        ("written", "yes, it's 212 555 0104, by the way"),
        ("written", "212-555-0104 bye the way"),
    ],
)
async def test_a_number_said_with_by_the_way_is_used_and_the_call_goes_on(
    container: Container, style: str, line: str
) -> None:
    await add_caller(container, DIANA, "Diana Ross")
    async with talking(container, style=style) as talk:
        await talk("hi, I'd like to book Monday at ten")
        t = await talk(line)
        assert not talk.ended, talk.transcript()
        assert t.called("identify_user") == [{"phone_number": DIANA}], talk.transcript()
        assert "Monday" in t.reply and "10 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(DIANA) == [(MONDAY, time(10))], talk.transcript()


@pytest.mark.parametrize("style", ["written", "spoken"])
async def test_a_number_and_a_plain_bye_to_the_number_question_keeps_the_number(
    container: Container, style: str
) -> None:
    # the recogniser's "bye" at the end of a number given while a booking is in hand: the
    # number is used, nothing is booked without a yes, and a goodbye after it still ends it
    await add_caller(container, DIANA, "Diana Ross")
    async with talking(container, style=style) as talk:
        await talk("hi, I'd like to book Monday at ten")
        t = await talk("two one two five five five oh one oh four bye")
        assert not talk.ended, talk.transcript()
        assert t.called("identify_user") == [{"phone_number": DIANA}], talk.transcript()
        assert await talk.booked(DIANA) == []
        await talk("actually no, bye")
        assert talk.ended, talk.transcript()
        assert await talk.booked(DIANA) == []


# --- a weekday said in the plural is a habit: every one of them -----------------------------------
@pytest.mark.parametrize(
    ("line", "bad"),
    [
        ("I work Mondays, so sometime next week?", 0),
        ("next week would be good, but I work Mondays", 0),
        ("sometime next week, uh, Tuesdays are no good for me though", 1),
        ("I'm working Wednesdays, anything next week?", 2),
    ],
)
async def test_a_weekday_the_caller_is_never_free_is_not_offered(
    container: Container, line: str, bad: int
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, I'd like to make an appointment please")
        await talk(JOHN)
        t = await talk(line)
        assert "Shall I book" in t.reply, talk.transcript()
        t = await talk("hmm, what about the week after next?")
        assert "Shall I book" in t.reply, talk.transcript()
        await talk("ok yes")
        booked = await talk.booked(JOHN)
        assert len(booked) == 1, talk.transcript()
        assert booked[0][0].weekday() != bad, talk.transcript()
        assert booked[0][0] >= date(2026, 12, 7), talk.transcript()


@pytest.mark.parametrize(
    "week",
    [
        "Well, Mondays I do my volunteering and Tuesdays my daughter takes me out, so Wednesday "
        "would suit, next week, in the morning.",
        "mondays are my volunteering day and tuesdays im at my sisters so wednesday morning next "
        "week",
    ],
)
async def test_the_day_chosen_after_the_weeks_habits_is_the_one_offered(
    container: Container, week: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hello dear, I need to come in to have my blood pressure looked at.")
        await talk(JOHN)
        t = await talk(week)
        assert "Shall I book Wednesday, December 2nd at 9 AM?" in t.reply, talk.transcript()
        await talk("Yes, that's fine.")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(9))], talk.transcript()


async def test_the_only_weekday_the_caller_can_do_is_offered(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, I'd like to make an appointment please")
        await talk(JOHN)
        t = await talk("I can only really do Fridays")
        assert "Shall I book Friday, November 27th" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []


# --- a question about a booking and a new booking in one breath: both, in order -------------------
@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("written", "What's my confirmation code, and also can I book Friday at 2?"),
        (
            "written",
            "Hi! Could I get my booking reference please? And I'd like to book Friday at 2.",
        ),
        ("spoken", "hi whats my confirmation code and also can i book friday at two"),
    ],
)
async def test_the_code_is_read_and_then_the_booking_is_proposed(
    container: Container, style: str, line: str
) -> None:
    codes = await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk(line)
        t = await talk(number)
        said = t.reply.replace(" ", "").replace("-", "").lower()
        assert codes[0].lower() in said, talk.transcript()
        assert "Friday, November 27th at 2 PM?" in t.reply, talk.transcript()
        assert t.reply.index("Friday, November 27th") > t.reply.index("Monday"), t.reply
        assert await talk.booked(JOHN) == [(MONDAY, time(10))]
        await talk("yes please")
        assert await talk.booked(JOHN) == [(FRIDAY, time(14)), (MONDAY, time(10))], (
            talk.transcript()
        )


# --- two visits asked for at once: the first proposed, then the second, each with its own yes -----


@pytest.mark.parametrize(
    ("style", "line", "first", "second"),
    [
        (
            "written",
            "I need two appointments, one this Friday and a follow-up the Friday after, "
            "both at 10 if you can",
            (FRIDAY, time(10)),
            (FRIDAY_NEXT, time(10)),
        ),
        (
            "written",
            "Can I book Monday at 9, and then another one Wednesday at 2?",
            (MONDAY, time(9)),
            (WEDNESDAY_NEXT, time(14)),
        ),
        (
            "spoken",
            "hi yeah i need to book two visits one on monday at nine and one wednesday at two",
            (MONDAY, time(9)),
            (WEDNESDAY_NEXT, time(14)),
        ),
    ],
)
async def test_two_visits_asked_at_once_are_proposed_in_one_question(
    container: Container,
    style: str,
    line: str,
    first: tuple[date, time],
    second: tuple[date, time],
) -> None:
    await add_caller(container, JOHN, "John Smith")
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk(line)
        t = await talk(number)
        assert "Shall I book both" in t.reply, talk.transcript()  # one question names both
        assert await talk.booked(JOHN) == []
        t = await talk("yes")
        assert await talk.booked(JOHN) == [first, second], talk.transcript()
        assert "anything else" in t.reply, talk.transcript()


async def test_a_time_said_later_for_both_visits_goes_for_the_second_too(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk(
            "Hello, I need two appointments: one this Friday and a follow-up the Friday after."
        )
        await talk(JOHN)
        t = await talk("Eleven in the morning for both, please.")
        assert (
            "Shall I book both, Friday, November 27th at 11 AM and Friday, December 4th at 11 AM?"
            in t.reply
        ), talk.transcript()
        await talk("Yes.")
        assert await talk.booked(JOHN) == [(FRIDAY, time(11)), (FRIDAY_NEXT, time(11))]


async def test_the_second_visit_can_be_turned_down_on_its_own(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("I need two appointments, one this Friday and a follow-up the Friday after")
        t = await talk(JOHN)
        assert "Shall I book both" in t.reply, talk.transcript()
        await talk("yes, just this friday's for now, I'll sort the follow-up out later")
        assert await talk.booked(JOHN) == [(FRIDAY, time(9))], talk.transcript()


# --- "that one" to a list of times: which one? ----------------------------------------------------
@pytest.mark.parametrize(
    ("style", "vague", "pick", "at"),
    [
        ("written", "ok that one", "11 please", time(11)),
        ("written", "Sure, that works!", "hmm, let's say 2", time(14)),
        ("spoken", "yeah that one", "the one o'clock", time(13)),
        ("spoken", "sure that works", "noon", time(12)),
    ],
)
async def test_that_one_to_several_times_is_asked_which(
    container: Container, style: str, vague: str, pick: str, at: time
) -> None:
    await add_caller(container, JOHN, "John Smith")
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        listed = await talk("hi, what times have you got on Monday?")
        assert "9 AM" in listed.reply and "3 PM" in listed.reply, talk.transcript()
        t = await talk(vague)
        assert "9 AM?" not in t.reply and "Shall I" not in t.reply, talk.transcript()
        assert "which" in t.reply.lower(), talk.transcript()
        await talk(pick)
        t = await talk(number)
        assert "Shall I book Monday, November 30th at" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, at)], talk.transcript()


async def test_that_one_to_a_single_time_is_that_time(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    others = [(MONDAY, time(h)) for h in (9, 10, 11, 12, 13, 15)]
    await add_caller(container, "3125550166", "Ada Lee", *others)
    async with talking(container) as talk:
        listed = await talk("hi, what times have you got on Monday?")
        assert "2 PM" in listed.reply and "11 AM" not in listed.reply, talk.transcript()
        t = await talk("ok that one")  # to "I have 2 PM. Shall I book it?": a yes to it
        assert "phone number" in t.reply, talk.transcript()
        await talk(JOHN)
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


# --- an acknowledgement and a request in one turn at an open question -----------------------------


@pytest.mark.parametrize("closing", ["great, thanks", "that's all I needed", "ok thank you"])
async def test_a_thank_you_to_change_any_of_them_ends_politely(
    container: Container, closing: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(11)))
    async with talking(container) as talk:
        await talk("hi, can you tell me when my appointments are")
        t = await talk(JOHN)
        assert "change any of them" in t.reply, talk.transcript()
        t = await talk(closing)
        assert talk.ended and "Sorry" not in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(10)), (TUESDAY, time(11))]


@pytest.mark.parametrize("style", ["written", "spoken"])
@pytest.mark.parametrize("ack", ["perfect", "ok great"])
async def test_a_bare_perfect_to_change_any_of_them_asks_for_anything_else(
    container: Container, style: str, ack: str
) -> None:
    # the list was what they wanted; the call is not cut off before their goodbye
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(11)))
    number = JOHN if style == "written" else "one two three four five six seven eight nine zero"
    async with talking(container, style=style) as talk:
        await talk("hi um i cant remember when my appointments are")
        t = await talk(number)
        assert "change any of them" in t.reply, talk.transcript()
        t = await talk(ack)
        assert not talk.ended and "anything else" in t.reply.lower(), talk.transcript()
        await talk("no thats all thanks bye")
        assert talk.ended, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(10)), (TUESDAY, time(11))]


@pytest.mark.parametrize(
    ("opening", "held"),
    [
        ("hi, can you tell me when my appointments are", 2),  # "change any of them?"
        ("hi, when's my appointment?", 1),  # "change it?"
        ("what's my confirmation code?", 1),  # "anything else?"
    ],
)
@pytest.mark.parametrize(
    "line",
    [
        "perfect, and can I also book Friday at 2?",
        "great thanks. oh, could I book friday at two as well",
    ],
)
async def test_an_acknowledgement_with_a_booking_gets_the_booking(
    container: Container, opening: str, held: int, line: str
) -> None:
    slots = [(MONDAY, time(10)), (TUESDAY, time(11))][:held]
    await add_caller(container, JOHN, "John Smith", *slots)
    async with talking(container) as talk:
        await talk(opening)
        await talk(JOHN)
        t = await talk(line)
        assert not talk.ended, talk.transcript()
        assert "Shall I book Friday, November 27th at 2 PM?" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == slots
        await talk("yes")
        assert await talk.booked(JOHN) == sorted([*slots, (FRIDAY, time(14))])


# --- a booking past what the tools allow ------------------------------------------------------
async def test_a_booking_past_the_call_limit_is_not_offered_again_at_every_yes(
    container: Container,
) -> None:
    # the fourth booking of one call is refused by the tools; the engine kept the request and
    # asked "Shall I book Friday ...?" again after the refusal, refused again at every yes
    await add_caller(container, DIANA, "Diana Ross")
    async with talking(container) as talk:
        await talk("hi, it's 212 555 0104, I need a few appointments")
        for line in ("Monday at nine", "Tuesday at nine", "Wednesday the 2nd at nine"):
            await talk(line)
            await talk("yes")
        await talk("and Friday the 4th at nine")
        t = await talk("yes")
        assert "at most 3" in t.reply, talk.transcript()
        assert "Shall I book" not in t.reply and "anything else" in t.reply, talk.transcript()
        await talk("no thanks")
        assert talk.ended, talk.transcript()
        assert len(await talk.booked(DIANA)) == 3
