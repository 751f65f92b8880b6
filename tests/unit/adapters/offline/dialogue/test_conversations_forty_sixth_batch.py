"""What a forty-sixth blind batch (the same tasks in other registers: slang, British, formal,
corporate, venting, understated hints) taught the receptionist, in other words than the
corpus lines, through a real text-mode session, the real tools and a real database. Today is
Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, TUESDAY, TUESDAY_NEXT, add_caller, talking

MONDAY_AFTER = date(2026, 12, 14)


@pytest.mark.parametrize(
    ("hint", "wish"),
    [
        (
            "123 456 7890. Hmm, Tuesday the 8th is looking a little awkward now.",
            "If there's anything on the Monday after, same time, that would be better.",
        ),
        (
            "It's 123 456 7890 - I'm not sure my Tuesday one still works for me.",
            "could the Monday after do? same time",
        ),
        (
            "123 456 7890. My nine o'clock on the 8th is a bit early for me, as it happens.",
            "Monday the 14th at nine would be better, if you can.",
        ),
    ],
)
async def test_a_hint_about_the_appointment_held_leads_to_a_move(
    container: Container, hint: str, wish: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY_NEXT, time(9)))
    async with talking(container) as talk:
        t = await talk(hint)
        assert "move it" in t.reply and "cancel it" in t.reply, talk.transcript()
        t = await talk(wish)
        assert "Monday, December 14th at 9 AM" in t.reply, talk.transcript()
        await talk("Lovely, thank you.")
        assert await talk.booked(JOHN) == [(MONDAY_AFTER, time(9))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "123 456 7890 - could you drop me the code for Monday's?",
        "123 456 7890. I'd like to request my confirmation reference, please.",
        "It's 123 456 7890, I've mislaid the reference number for my appointment.",
    ],
)
async def test_a_code_asked_in_any_register_is_read_out(container: Container, line: str) -> None:
    codes = await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        spaced = " ".join(codes[0].upper())
        assert codes[0].upper() in t.reply or spaced in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "yes",
    [
        "say less",
        "Bet.",
        "Very well. You may proceed.",
        "That is perfectly acceptable.",
        "Yes, let's lock it in.",
    ],
)
async def test_a_yes_in_a_register_books_what_was_proposed(container: Container, yes: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("123 456 7890, could I have Tuesday at 11?")
        await talk(yes)
        assert await talk.booked(JOHN) == [(TUESDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "Hmm, mornings are a bit difficult for me, I'm afraid.",
        "oh - mornings are a little tricky with the school run",
    ],
)
async def test_a_morning_said_to_be_difficult_gets_an_afternoon_offered(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890, can I come in on Monday?")
        assert "9 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert "Monday, November 30th at noon" in t.reply or "1 PM" in t.reply, talk.transcript()
        assert "Shall I book Monday, November 30th at 9 AM" not in t.reply, talk.transcript()


async def test_both_held_appointments_going_back_a_week_are_both_moved(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890 - both my appointments will have to go back a week. Same times."
        )
        assert "Monday, December 7th at 10 AM" in t.reply, talk.transcript()
        assert "Tuesday, December 8th at 2 PM" in t.reply, talk.transcript()
        await talk("yes, both")
        assert await talk.booked(JOHN) == [
            (date(2026, 12, 7), time(10)),
            (TUESDAY_NEXT, time(14)),
        ], talk.transcript()


async def test_a_cancellation_by_the_clinic_is_not_asked_again(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890. You guys cancelled on me last week, which was a pain, so I need a new "
            "one - Tuesday at 11 if you can."
        )
        assert "Shall I book Tuesday, December 1st at 11 AM" in t.reply, talk.transcript()
