"""What a fifty-sixth blind batch (the everyday calls by a new hand: a new caller books, a
regular moves or cancels, asks what they have or for their code, two things in one call)
taught the receptionist, in other words than the corpus lines, through a real text-mode
session, the real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New
York."""

from __future__ import annotations

from datetime import time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    THURSDAY_NEXT,
    TUESDAY,
    add_caller,
    talking,
)


@pytest.mark.parametrize(
    "line",
    [
        "Right, so that's the Monday and the 1st I've got. Lovely, cheers, bye.",
        "okay so monday and tuesday then great thanks bye",
        "Right - Monday the 30th and then the 1st. Perfect, ta-ra.",
    ],
)
async def test_a_goodbye_that_sums_up_other_days_agrees_to_nothing_proposed(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could I book Friday at 11?")
        assert "Friday, November 27th at 11 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(10)), (TUESDAY, time(10))]


@pytest.mark.parametrize(
    "line",
    [
        "Right, Friday at eleven then. Lovely, ta, bye.",
        "great friday the twenty seventh thanks bye",
    ],
)
async def test_a_goodbye_that_names_the_day_proposed_still_books_it(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could I book Friday at 11?")
        assert "Friday, November 27th at 11 AM" in t.reply, talk.transcript()
        await talk(line)
        assert (FRIDAY, time(11)) in await talk.booked(JOHN), talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. Sorry, when am I due back again?",
        "john smith 123 456 7890 just wanted to know what day im booked for",
        "John Smith, 123 456 7890. I've got an appointment coming up and I haven't a clue when.",
        "John Smith, 123-456-7890 - I'm blessed if I know when my appointment is, I've got one.",
    ],
)
async def test_when_the_caller_is_next_in_said_many_ways_is_a_check(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        assert "Shall I" not in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. The insurance company is asking for my booking reference.",
        "John Smith, 123 456 7890. I didn't write the code down when I booked - can I have it?",
        "john smith 123 456 7890 whats the number for my appointment the taxi firm needs it",
        "John Smith, 123 456 7890. My work wants the reference for Monday's appointment.",
    ],
)
async def test_a_code_someone_else_wants_or_never_written_down_is_read_out(
    container: Container, line: str
) -> None:
    (code,) = await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert code.upper() in t.reply.upper().replace(" ", ""), talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. I won't be coming on Monday - give my slot to someone else.",
        "john smith 123 456 7890 monday someone else can have my appointment",
        "John Smith, 123 456 7890. Monday's will have to go, I'm afraid.",
    ],
)
async def test_an_appointment_handed_on_or_that_has_to_go_is_cancelled_after_a_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "cancel your appointment on Monday, November 30th" in t.reply, talk.transcript()
        assert not t.called("cancel_appointment"), talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(TUESDAY, time(10))], talk.transcript()


async def test_wont_be_coming_without_saying_what_to_do_asks_whether_to_move_or_cancel(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. I won't be coming on Monday after all.")
        assert not t.called("cancel_appointment"), talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()
        assert "cancel" in t.reply and ("move" in t.reply or "reschedule" in t.reply), (
            talk.transcript()
        )


@pytest.mark.parametrize(
    "line",
    [
        "Yes please. And my Tuesday appointment - I won't need it, so cancel that.",
        "yes thanks. and the tuesday one i dont need anymore you can cancel it",
    ],
)
async def test_a_yes_then_another_held_one_named_and_cancelled_is_both(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. Can my Monday one move to Friday the 27th, same time?"
        )
        assert "to Friday, November 27th at 10 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert await talk.booked(JOHN) == [(FRIDAY, time(10)), (TUESDAY, time(10))]
        assert "cancel your appointment on Tuesday, December 1st" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()


async def test_a_yes_then_another_held_one_only_asked_about_cancels_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk(
            "John Smith, 123 456 7890. Can my Monday one move to Friday the 27th, same time?"
        )
        t = await talk("Yes please. And the Tuesday one is still at ten, right?")
        assert not t.called("cancel_appointment"), talk.transcript()
        assert (TUESDAY, time(10)) in await talk.booked(JOHN), talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "John Smith, 123 456 7890. I need change for Friday, the morning please.",
        "john smith 123 456 7890 i want to change to friday morning",
    ],
)
async def test_a_learners_change_for_another_day_moves_the_one_held(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move your appointment" in t.reply, talk.transcript()
        assert not t.called("book_appointment"), talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "OK, the Monday one to Thursday the 3rd and the Tuesday one to Friday the 4th. "
        "Same time, ten o'clock.",
        "right so the monday one to thursday the third and the tuesday one to friday the fourth "
        "same time ten",
    ],
)
async def test_both_held_said_where_each_goes_without_a_verb_are_both_moved(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)))
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890. I have to shift both my appointments.")
        t = await talk(line)
        assert "move both" in t.reply, talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert booked == [(THURSDAY_NEXT, time(10)), (FRIDAY_NEXT, time(10))], talk.transcript()
