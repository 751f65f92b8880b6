"""What a fifty-first blind batch (offers not taken as given: "yeah... no... yeah, fine", a yes
after checking one's own diary, a slot asked for beside the one offered, a day kept and the
hour changed) taught the receptionist, in other words than the corpus lines, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)


@pytest.mark.parametrize(
    "answer",
    [
        "yeah... no... yeah, go on, cancel it",
        "yes no yes do it im just too busy that week",
        "Ugh. Yes - no - yes. Yes, cancel it, I can't get off work.",
        "hmm yeah nah yeah yeah go ahead",
    ],
)
async def test_a_yes_dithered_over_that_ends_on_yes_is_a_yes(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890, I'll have to cancel my Thursday appointment")
        assert "December 3rd at 11 AM" in t.reply, talk.transcript()
        await talk(answer)
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "yeah no, leave it as it is",
        "yeah... no. No, I'd better keep it",
        "yes... no... no, don't, I'll find a way",
    ],
)
async def test_a_dithered_answer_that_ends_on_no_keeps_it(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890, I'll have to cancel my Thursday appointment")
        await talk(answer)
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(11))], talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "Hold on, let me just look at my calendar... Friday... 10... yep. Yep, that's fine, "
        "book it.",
        "one sec let me check my diary friday the fourth at ten yeah thats fine go ahead",
        "Just a minute, I'll check my planner. Friday at 10... okay, yes, that works, book it.",
    ],
)
async def test_a_yes_after_checking_ones_own_diary_for_the_slot_books_it(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could I come in Friday the 4th at 10?")
        assert "December 4th at 10 AM" in t.reply, talk.transcript()
        t = await talk(answer)
        assert not t.called("get_user_appointments"), talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "Hang on, let me just check my diary... Friday... ten o'clock... yeah. Yeah, that's fine, "
        "go ahead.",
        "hold on ill just look at my calendar friday ten yes thats fine book it",
    ],
)
async def test_a_new_callers_yes_after_checking_their_diary_books_it(
    container: Container, answer: str
) -> None:
    async with talking(container) as talk:
        await talk("Hi, it's Ann Ford, 123 456 7890, first time calling. Friday the 4th at 10?")
        await talk("Yes, that's right.")
        t = await talk(answer)
        assert not t.called("get_user_appointments"), talk.transcript()
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "answer",
    [
        "Friday at ten... let me just think... I've the hairdresser at two... yes, that's "
        "fine. Yes, book it.",
        "ten on friday hmm i have the school run at three but yeah thats fine go ahead",
        "Ten... right, I've my shift at two, so yes, that works. Book it please.",
    ],
)
async def test_an_hour_of_ones_own_beside_a_yes_keeps_the_slot_proposed(
    container: Container, answer: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. Could I come in Friday the 4th at 10?")
        await talk(answer)
        assert await talk.booked(JOHN) == [(FRIDAY_NEXT, time(10))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Could I have the slot at two on Friday the 4th instead?",
        "can i have two oclock instead",
    ],
)
async def test_asking_to_have_an_hour_is_still_an_ask(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. Could I come in Friday the 4th at 10?")
        t = await talk(line)
        assert "December 4th at 2 PM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Hi there, anything on Friday?",
        "Morning! Anything for Friday at all?",
        "hiya anything friday",
    ],
)
async def test_anything_on_a_day_asked_after_a_greeting_says_what_is_free(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk(line)
        assert "November 27th" in t.reply, talk.transcript()
        assert "only help with appointments" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    ("first", "steer"),
    [
        (
            "Hello, anything on Friday?",
            "No, none of those suit, I'm on shift all afternoon. Next week then, any mornings?",
        ),
        (
            "I'd like to book something for Friday afternoon please",
            "um could you do it a bit later in the week, like Monday morning",
        ),
    ],
)
async def test_a_new_caller_steering_the_offer_books_where_they_steer_it(
    container: Container, first: str, steer: str
) -> None:
    async with talking(container) as talk:
        await talk(first)
        await talk(steer)
        t = await talk("Ann Ford, 123 456 7890.")
        assert "any appointments" not in t.reply, talk.transcript()
        t = await talk("Yes, that's right.")
        assert "November 30th at 9 AM" in t.reply, talk.transcript()
        await talk("Yes please.")
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()


@pytest.mark.parametrize(
    ("line", "proposed", "booked"),
    [
        (
            "ok and the one after that, is that free? nine's early, I'll take the one after",
            "10 AM",
            10,
        ),
        ("What's the one just before that - could I have that instead?", "noon", 12),
        ("hmm whats the slot right after it", "2 PM", 14),
        ("Is the next one along free? I'd prefer that.", "2 PM", 14),
        ("is there one after one? the later the better", "2 PM", 14),
    ],
)
async def test_the_slot_beside_the_one_proposed_is_proposed(
    container: Container, line: str, proposed: str, booked: int
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        first = "John Smith, 123 456 7890. "
        first += "Earliest on Monday?" if booked == 10 else "Monday at 1 please."
        t = await talk(first)
        assert "November 30th at" in t.reply, talk.transcript()
        t = await talk(line)
        assert f"November 30th at {proposed}" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(booked))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "The Thursday's fine, but not the morning - I'm at work till two. Anything later?",
        "thursday yes just not the morning im in class until two anything later",
    ],
)
async def test_busy_until_an_hour_is_a_reason_not_the_hour_wanted(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Anything on Thursday the 3rd?")
        assert "December 3rd" in t.reply, talk.transcript()
        t = await talk(line)
        assert "December 3rd at 2 PM" in t.reply or "December 3rd at 3 PM" in t.reply, (
            talk.transcript()
        )
        assert "nothing free" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "nah, eleven's no good, I've got work after ten. What's next week like, first thing?",
        "no good i have work from ten hows next week looking first thing",
    ],
)
async def test_a_reason_then_whats_next_week_asks_about_next_week(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. Anything tomorrow at eleven?")
        t = await talk(line)
        assert "November 30th at 9 AM" in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Oh, that's a shame. The next one after it that day then, whatever's closest.",
        "ah pity. the next one after it then",
        "Oh no. OK, I'll take the next one after that on the Monday.",
    ],
)
async def test_the_next_one_after_a_time_taken_is_the_one_proposed(
    container: Container, line: str
) -> None:
    # "Sorry, 9 AM is taken ... Shall I book 10 AM?": the "it" the caller means is the 9 they
    # asked for, and the next one after it is the 10 proposed - not 11 (fresh51's slot-beside
    # reading took f38-a08's "the next one after it" as after the 10 proposed)
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Monday at 9 please.")
        assert "November 30th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "November 30th at 11 AM" not in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(10))], talk.transcript()
