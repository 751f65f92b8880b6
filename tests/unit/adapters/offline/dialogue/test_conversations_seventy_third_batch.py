"""What a seventy-third blind batch (heard over the phone, by a new hand: calls as an offline
recogniser on a phone line writes them) taught the receptionist, in other words than the corpus
lines. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, add_caller, talking

TODAY = date(2026, 11, 25)


def _heard(line: str) -> Understanding:
    return understand(line, Context(today=TODAY))


# --- "anytime after to": two heard as "to" after a word that leads an hour ----------------------


@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("anything on monday after to please", 14),
        ("could i come thursday half past to", 14),
        ("something before for on friday", 16),
        ("tuesday any time after won", 13),
    ],
)
def test_a_digit_sound_after_after_before_or_past_is_the_hour(line: str, hour: int) -> None:
    said = _heard(line).when.time
    assert said is not None, line
    at = said.at or (said.window and (said.window[0] if "before" not in line else said.window[1]))
    assert at is not None and abs(at.hour - hour) <= 1 and at.hour != 9, (line, said)


@pytest.mark.parametrize(
    "line", ["i went after to see my sister on monday", "i waited after for a while on friday"]
)
def test_after_to_or_for_before_other_words_is_no_hour(line: str) -> None:
    assert _heard(line).when.time is None


async def test_after_to_books_the_afternoon(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. could i get friday some time after to")
        assert "9 AM" not in t.reply and "Friday, November 27th" in t.reply, talk.transcript()
        assert "3 PM" in t.reply, talk.transcript()


# --- "move the 4th to the following Monday": the Monday after the day said ---------------------


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("could you move the third to the following friday", date(2026, 12, 4)),
        ("id like to shift the 27th to the following monday same time", date(2026, 11, 30)),
        ("i cant do the 30th so what about the following wednesday", date(2026, 12, 2)),
        ("friday is no good could i have the following tuesday", date(2026, 12, 1)),
    ],
)
def test_the_following_weekday_after_a_day_said_is_the_first_after_it(line: str, day: date) -> None:
    said = _heard(line).when.day
    assert said is not None and said.exact == day, (line, said)


def test_the_following_weekday_alone_is_still_read_as_before() -> None:
    said = _heard("could i have the following monday").when.day
    assert said is not None and said.exact == date(2026, 12, 7)


async def test_a_move_to_the_following_weekday_counts_from_the_one_held(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. could you move the 27th to the following monday at the"
            " same time"
        )
        assert "Monday, November 30th at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11))], talk.transcript()


# --- "cancel ... and id like to book ...": two errands, without the comma -----------------------


@pytest.mark.parametrize(
    "line",
    [
        "i need to cancel my monday one were away and id like to book friday at ten for my jab",
        "can you cancel the one on monday and can i book friday at ten",
        "cancel mondays please and id also like to book friday at ten",
    ],
)
def test_cancel_and_a_booking_in_a_clause_of_its_own_are_two_errands(line: str) -> None:
    u = _heard(line)
    assert u.task == "cancel" and u.then is not None and u.then.task == "book", line


async def test_cancel_and_id_like_to_book_does_both_after_a_yes(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "hi its john smith one two three four five six seven eight nine oh i need to"
            " cancel mondays appointment and id like to book something on friday at ten"
        )
        assert await talk.booked(JOHN) == [(MONDAY, time(9))], talk.transcript()
        assert "cancel" in t.reply and "Friday, November 27th at 10 AM" in t.reply, (
            talk.transcript()
        )
        for _ in range(2):
            if await talk.booked(JOHN) == [(FRIDAY, time(10))]:
                break
            await talk("yes")
        assert await talk.booked(JOHN) == [(FRIDAY, time(10))], talk.transcript()


# --- "shift both by an hour - 9 to 10": the way it goes from the hours said after it -------------


@pytest.mark.parametrize(
    ("line", "minutes"),
    [
        ("could you move it by an hour, so ten to eleven", 60),
        ("please shift them by an hour - 3 to 2 on both", -60),
    ],
)
def test_a_move_by_hours_goes_the_way_the_hours_said_after_it_go(line: str, minutes: int) -> None:
    said = _heard(line).when.time
    assert said is not None and said.shift_minutes == minutes, (line, said)


def test_a_move_by_an_hour_without_the_way_is_no_shift() -> None:
    said = _heard("can you move it by an hour").when.time
    assert said is None or said.shift_minutes is None


async def test_both_shifted_by_an_hour_with_the_hours_said(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(10)), (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I'd like to shift both my bookings by an hour - ten to"
            " eleven on each day."
        )
        assert "11 AM" in t.reply and "both" in t.reply, talk.transcript()
        await talk("yes")
        booked = await talk.booked(JOHN)
        assert booked == [(FRIDAY, time(11)), (MONDAY, time(11))], talk.transcript()
