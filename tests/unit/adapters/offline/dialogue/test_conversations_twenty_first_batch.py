"""What a twenty-first blind batch (dates and hours written as numbers, times counted from the
moment of the call, stammers and restarts, unusual yeses, a practical question first, callers in
other time zones) taught the receptionist, in other words than the corpus lines, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, add_caller, talking

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("line", "day", "said", "at"),
    [
        ("123 456 7890 - is there any chance you could see me in an hour or so?", TODAY,
         "November 25th at 11 AM", time(11)),
        ("it's 123 456 7890, could I book something for this time tomorrow?", THURSDAY,
         "November 26th at 10 AM", time(10)),
        ("123 456 7890. Anything in a couple of hours?", TODAY, "November 25th at noon",
         time(12)),
    ],
)  # fmt: skip
async def test_a_time_counted_from_now_is_proposed_at_that_hour(
    container: Container, line: str, day: date, said: str, at: time
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        # the day and hour named, as a proposal ("... November 25th at 11 AM?") or, asked
        # whether there is anything, as a free time offered ("Yes, noon on ... is free.")
        when, hour = said.split(" at ")
        assert when in t.reply and hour in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(day, at)], talk.transcript()


async def test_a_stammering_new_caller_is_booked_under_his_own_name(container: Container) -> None:
    async with talking(container) as talk:
        await talk("c-c-can I b-book for t-t-tomorrow? At t-ten?")
        t = await talk("M-my name's Oliver Brandt. Six four- sorry. 646 555 0177.")
        assert "Oliver Brandt" in t.reply, talk.transcript()
        t = await talk("Y-yes.")
        assert "November 26th at 10 AM" in t.reply, talk.transcript()
        await talk("Yes p-please.")
        assert await talk.user_name("6465550177") == "Oliver Brandt", talk.transcript()
        assert await talk.booked("6465550177") == [(THURSDAY, time(10))], talk.transcript()


@pytest.mark.parametrize("name", ["Omar Al-Ali", "Li-Lian Chen", "Anna Ma-Mason"])
async def test_a_hyphenated_name_is_set_up_whole(container: Container, name: str) -> None:
    """The stammer reader ("t-t-tuesday") does not take a name's first part for a stammer."""
    async with talking(container) as talk:
        await talk("Hi, could I book something for Friday at 11?")
        t = await talk(f"Sure, it's {name}, 646 555 0177")
        assert name in t.reply, talk.transcript()
        await talk("yes")
        await talk("yes please")
        assert await talk.user_name("6465550177") == name, talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "i i need to um change um my my friday to to monday same same time its one two three"
        " four five six seven eight nine zero",
        "123 456 7890 can my friday eleven oclock go to monday same time",
    ],
)
async def test_a_move_said_with_stumbles_or_by_its_day_and_hour_moves(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move" in t.reply and "November 30th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


async def test_the_day_held_said_beside_another_booking_books_the_other(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "123 456 7890. I've got one on Friday already, but I also need another on Monday at"
            " 1400."
        )
        assert "November 30th at 2 PM" in t.reply and "Friday" not in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10)), (MONDAY, time(14))]


async def test_a_question_about_the_visit_then_a_booking_books(container: Container) -> None:
    async with talking(container) as talk:
        await talk("How early should I get there before my appointment? It's my first visit.")
        await talk("Okay. Then I'd like Monday at 11, please.")
        t = await talk("Zara Quint, 646 555 0177.")
        assert "set one up" in t.reply, talk.transcript()
        t = await talk("yes")
        assert "November 30th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked("6465550177") == [(MONDAY, time(11))], talk.transcript()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("could I have 13.00 on Weds 2nd please? 123 456 7890", "December 2nd at 1 PM"),
        ("123 456 7890, I need an appt 12/2 @ 0900", "December 2nd at 9 AM"),
        ("123-456-7890: Monday 1500 hrs?", "November 30th at 3 PM"),
    ],
)
async def test_a_day_and_hour_written_as_numbers_are_proposed(
    container: Container, line: str, said: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert said in t.reply, talk.transcript()


@pytest.mark.parametrize(
    "yes", ["By all means.", "righto, sounds like a plan", "ten four, go ahead"]
)
async def test_an_unusual_yes_books(container: Container, yes: str) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("123 456 7890, could I book Monday at noon?")
        assert "November 30th at noon" in t.reply, talk.transcript()
        await talk(yes)
        assert await talk.booked(JOHN) == [(MONDAY, time(12))], talk.transcript()
