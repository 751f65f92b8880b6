"""Calls the latest blind batches failed (leftovers34), in other words than the batches': the
hour of an appointment held said with "can't do it" (not an hour ruled out every day), the
day held said twice with "I won't be able to come" (move or cancel asked, not a move to it),
"<name> here" after a greeting, a week said of the caller's routine ("this week I'm on lates"),
and a weekday worked every week beside the appointment held on it. Today is Wednesday 25
November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, THURSDAY, TUESDAY, add_caller, seat_others, talking

TODAY = date(2026, 11, 25)


def _read(line: str, asked: str = "request"):  # type: ignore[no-untyped-def]
    return understand(line, Context(today=TODAY, asked=asked))  # type: ignore[arg-type]


# --- the hour of the appointment held, given up --------------------------------------------------
@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("I have Thursday at ten, I can't make it now. Could I do Monday?", 10),
        ("I've got tomorrow at 9, can't do it anymore, anything next week?", 9),
        ("We've got Friday at three booked but can't do it. Monday maybe?", 15),
    ],
)
def test_the_hour_of_the_day_held_is_not_ruled_out(line: str, hour: int) -> None:
    u = _read(line)
    assert u.cant_make, line
    assert not u.when.rejected_times, u.when.rejected_times
    assert [t.at for t in u.times if not t.negated] == [time(hour)], u.times


@pytest.mark.parametrize(
    "line", ["Two o'clock is no good. Monday?", "Monday, but not at ten, I can't do ten"]
)
def test_an_hour_said_no_to_is_still_ruled_out(line: str) -> None:
    assert _read(line).when.rejected_times, line


async def test_a_move_to_the_same_hour_on_another_day_is_offered(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(14)))
    await seat_others(container, *[(MONDAY, time(h)) for h in (9, 10, 11, 12, 13, 15)])
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. I've got Thursday at two - I can't do it, the "
            "builders are in. Could it be Monday? Whenever."
        )
        assert "Monday, November 30th at 2 PM" in t.reply, talk.transcript()
        await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()


# --- the day held said twice ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Hello, it's John Smith, 123 456 7890. I've an appointment Friday at ten and I won't be "
        "able to come. I won't be able to come on Friday.",
        "John Smith, 123 456 7890. My appointment's Friday at 10, I can't come in. Can't come "
        "Friday at all, I'm afraid.",
    ],
)
async def test_the_day_held_said_again_asks_move_or_cancel(container: Container, line: str) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(line)
        assert "move" in t.reply and "cancel" in t.reply, talk.transcript()
        assert "Shall I move" not in t.reply, talk.transcript()


async def test_another_hour_the_same_day_is_still_a_move(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(10)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I'm no longer able to come Friday at ten, is Friday at "
            "two possible instead?"
        )
        assert "to Friday, November 27th at 2 PM" in t.reply, talk.transcript()


# --- "<name> here" after a greeting --------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Hiya, Callum Fraser here, 412 555 0190 - anything Thursday?", "Callum Fraser"),
        ("Good afternoon, Priya Shah speaking, I'd like to book.", "Priya Shah"),
        ("Hello there, Tom Reilly here.", "Tom Reilly"),
        ("Morning! Dana Whitfield here.", "Dana Whitfield"),
    ],
)
def test_a_name_here_after_a_greeting_is_the_name(line: str, name: str) -> None:
    assert _read(line).name == name


@pytest.mark.parametrize(
    "line", ["Morning, nobody here yet?", "Hi, everyone here is so helpful", "Hiya, just me here"]
)
def test_nobody_here_is_no_name(line: str) -> None:
    assert _read(line).name is None, line


# --- a week said of the caller's routine ---------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Could I get Tuesday? Usually I'd say ten but this week I'm on lates, so after two.",
         TUESDAY),
        ("book me in on monday on my break its normally one but this week weve gone onto early "
         "breaks so twelve", MONDAY),
        ("Friday please - next week they've switched me onto nights, so the afternoon.", FRIDAY),
    ],
)  # fmt: skip
def test_a_week_said_of_a_routine_keeps_the_day_asked_for(line: str, day: date) -> None:
    mention = _read(line).when.day
    assert mention is not None and mention.dates == (day,), mention


@pytest.mark.parametrize(
    "line", ["This week I'm on lates, anything in the afternoon?", "Anything this week at all?"]
)
def test_a_week_asked_for_is_kept(line: str) -> None:
    mention = _read(line).when.day
    assert mention is not None and len(mention.dates) > 1, mention


# --- a weekday worked every week beside the appointment held on it -------------------------------
def test_a_weekday_worked_every_week_does_not_push_the_one_held_months_on() -> None:
    u = _read("I'm working Mondays now so my Monday appointment needs moving later that week")
    day = u.when.day
    assert day is None or day.exact is None or day.exact < date(2026, 12, 7), day


async def test_a_weekday_worked_now_moves_the_one_held_later_that_week(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. I'm working Mondays and Tuesdays now, so my Monday "
            "one has to go later that week, same time."
        )
        assert "Shall I move" in t.reply and "9 AM" in t.reply, talk.transcript()
        assert "December 2nd" in t.reply or "December 3rd" in t.reply, talk.transcript()


# --- an appointment held and no way to get there -------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I'm booked in for Thursday at eleven but my lift's fallen through.",
        "My ride can't take me to my appointment on Friday.",
        "I've lost my lift for my appointment tomorrow, my son's away.",
        "We're down for the 30th, but our car's broken down.",
    ],
)
def test_no_way_to_get_to_the_one_held_is_cant_make_it(line: str) -> None:
    assert _read(line).cant_make, line


@pytest.mark.parametrize(
    "line", ["I've no lift, is there parking near you?", "My car's broken down, it's in the garage"]
)
def test_no_lift_with_nothing_held_is_not_cant_make_it(line: str) -> None:
    assert not _read(line).cant_make, line


async def test_no_way_there_asks_move_or_cancel(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY, time(11)))
    async with talking(container) as talk:
        t = await talk(
            "Hi, John Smith, 123 456 7890. I'm down for Thursday at eleven but I've lost my lift."
        )
        assert "move" in t.reply and "cancel" in t.reply, talk.transcript()
