"""Open points left from the sixty-sixth to sixty-eighth blind batches, each as a caller would
say it, through a real text-mode session, the real tools and a real database: the second of two
appointments moved to a gap counted from the first. Today is Wednesday 25 November 2026, 10:00
in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    TUESDAY,
    WEDNESDAY_NEXT,
    add_caller,
    seat_others,
    talking,
)

DEC_14 = date(2026, 12, 14)
DEC_21 = date(2026, 12, 21)
DEC_28 = date(2026, 12, 28)


# --- "move the second one to three weeks after the first": the second moves, the first stays ---
@pytest.mark.parametrize(
    ("line", "to"),
    [
        (
            "Could you move my second appointment to three weeks after the first one, same time?",
            DEC_21,
        ),
        ("the second one should be four weeks after the first, can you move it", DEC_28),
        ("can you put the later one three weeks after the earlier one please", DEC_21),
        ("I need my second appointment moved so it's three weeks after my first", DEC_21),
    ],
)
async def test_the_second_is_moved_to_a_gap_after_the_first(
    container: Container, line: str, to: date
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (DEC_14, time(9)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}.")
        t = await talk(line)
        assert "December 14th" in t.reply and to.strftime("%B") in t.reply, talk.transcript()
        await talk("yes please")
        assert sorted(await talk.booked(JOHN)) == [(MONDAY, time(9)), (to, time(9))], (
            talk.transcript()
        )


# --- the time asked for was taken: "same time the week after" is the time asked for -------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Oh. Same time the week after, then?", MONDAY_NEXT),
        ("hmm, what about the same time but a week later", MONDAY_NEXT),
        ("could I have the same time a day later instead?", TUESDAY),
    ],
)
async def test_same_time_after_the_time_asked_was_taken_is_the_time_asked(
    container: Container, line: str, day: date
) -> None:
    await add_caller(container, JOHN, "John Smith")
    await seat_others(container, (MONDAY, time(11)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}. Could I book Monday the 30th at eleven?")
        t = await talk(line)
        assert "11 AM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(day, time(11))], talk.transcript()


# --- the number said in words, then "anything on Friday?": what is free that day is asked ------
@pytest.mark.parametrize(
    "line",
    [
        "Hello, it's John Smith, one two three, four five six, seven eight nine oh. Anything on"
        " Friday?",
        "hiya john smith one two three four five six seven eight nine zero anything for friday",
        "John Smith here, one two three four five six seven eight nine oh - anything Friday?",
    ],
)
async def test_anything_on_a_day_after_the_number_in_words_asks_what_is_free(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk(line)
        assert "Friday, November 27th" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == []


# --- "I'm away that week, so whatever I've got then has to go": the one held that week ----------
@pytest.mark.parametrize(
    "line",
    [
        "I'm away the week of the 30th, so whatever I've got that week has to go.",
        "we're on holiday the week of the 30th - everything I have then will have to go",
        "I'll be away the week of the thirtieth, so that booking will have to go",
    ],
)
async def test_whatever_is_held_in_the_week_away_is_cancelled_on_a_yes(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(10)), (DEC_14, time(9)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}.")
        t = await talk(line)
        assert "cancel" in t.reply and "December 1st" in t.reply, talk.transcript()
        assert "December 14th" not in t.reply, talk.transcript()
        assert len(await talk.booked(JOHN)) == 2
        await talk("yes please")
        assert await talk.booked(JOHN) == [(DEC_14, time(9))], talk.transcript()


# --- "can you put it to after lunch": a move of the one held, that day --------------------------
@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("spoken", "ive got the monday one at nine can you put it to after lunch same day"),
        ("written", "I have Monday at nine. Could you put it to after lunch, same day?"),
        ("written", "The Monday one at nine: would you stick it to after noon, same day?"),
    ],
)
async def test_put_it_to_after_lunch_moves_the_one_held(
    container: Container, style: str, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container, style=style) as talk:
        await talk(f"Hi, John Smith, {JOHN}.")
        t = await talk(line)
        assert "move your appointment" in t.reply and "to Monday, November 30th at" in t.reply, (
            talk.transcript()
        )
        await talk("yes please")
        ((day, at),) = await talk.booked(JOHN)
        assert day == MONDAY and at >= time(12), talk.transcript()


# --- "the week after my Tuesday one - the Thursday of that week": that weekday, in that week ----
@pytest.mark.parametrize(
    ("line", "day", "at"),
    [
        (
            "The doctor wants me in the week after my Tuesday appointment. Could I have the"
            " Thursday of that week at ten?",
            date(2026, 12, 10),
            time(10),
        ),
        (
            "I need to come back two weeks after my appointment, the Monday of that week, at"
            " eleven",
            DEC_14,
            time(11),
        ),
        (
            "could i book the week after my tuesday one that week on the friday at two",
            date(2026, 12, 11),
            time(14),
        ),
    ],
)
async def test_a_weekday_of_the_week_counted_from_the_one_held(
    container: Container, line: str, day: date, at: time
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    async with talking(container) as talk:
        await talk(f"Hi, John Smith, {JOHN}.")
        t = await talk(line)
        assert f"{day.strftime('%B')} {day.day}" in t.reply, talk.transcript()
        await talk("yes please")
        assert sorted(await talk.booked(JOHN)) == [(TUESDAY, time(9)), (day, at)], talk.transcript()


# --- "any chance of something Friday? Just asking for now": what is free, told ------------------
@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("written", "Hello, any chance of something on Friday? Just asking for now."),
        ("spoken", "hi any chance of something on friday just asking"),
        ("written", "Any chance of getting in on Friday? Just out of curiosity."),
    ],
)
async def test_any_chance_of_something_just_asking_tells_what_is_free(
    container: Container, style: str, line: str
) -> None:
    async with talking(container, style=style) as talk:
        t = await talk(line)
        assert "Friday, November 27th" in t.reply, talk.transcript()
        assert "phone number" not in t.reply, talk.transcript()


# --- "that's Christmas Day, isn't it? so the day before": a new booking, no move of theirs ------
@pytest.mark.parametrize(
    ("style", "line", "day"),
    [
        (
            "spoken",
            "the first is a tuesday isnt it so the day after then wednesday the second at ten",
            WEDNESDAY_NEXT,
        ),
        (
            "spoken",
            "oh thanksgivings the twenty sixth isnt it so the day after then friday the twenty"
            " seventh at ten",
            FRIDAY,
        ),
        (
            "spoken",
            "the fifth is a saturday isnt it so the day before then friday the fourth at ten",
            FRIDAY_NEXT,
        ),
    ],
)
async def test_a_tag_question_before_the_day_before_is_no_move(
    container: Container, style: str, line: str, day: date
) -> None:
    async with talking(container, style=style) as talk:
        t = await talk(line)
        assert "phone number" in t.reply, talk.transcript()
        await talk("Jane Doe, 212 555 0188")
        t = await talk("yes that's right")
        assert "book" in t.reply and f"{day.strftime('%B')} {day.day}" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked("2125550188") == [(day, time(10))], talk.transcript()
