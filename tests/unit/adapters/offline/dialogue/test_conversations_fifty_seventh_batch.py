"""What a fifty-seventh blind batch (a busy life sets the limits: rotas, the school run, lifts and
carers, a limit said after the offer, a routine that changed, a limit changed mid-call) taught
the receptionist, in other words than the corpus lines. Today is Wednesday 25 November 2026,
10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, THURSDAY_NEXT, add_caller, talking

TODAY = date(2026, 11, 25)


def _window(line: str) -> tuple[time, time] | None:
    mention = understand(line, Context(today=TODAY)).when.time
    return mention.window if mention is not None else None


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("I'm not free until eleven, I've the little one to get to playgroup.", time(11)),
        ("she doesn't get back till half ten, so I've no car before then", time(11)),
        ("i cant get away until one my boss is funny about it", time(13)),
        ("Honestly I'm stuck at the office till two most days.", time(14)),
        ("I'm working till noon on Fridays.", time(12)),
    ],
)
def test_busy_until_an_hour_is_the_hours_after_it(line: str, start: time) -> None:
    window = _window(line)
    assert window is not None and window[0] == start, window


@pytest.mark.parametrize(
    "line",
    [
        "Any time until two would suit me.",
        "I'm free till two, so something before then.",
    ],
)
def test_free_until_an_hour_is_still_the_hours_before_it(line: str) -> None:
    window = _window(line)
    assert window is not None and window[1] == time(14), window


@pytest.mark.parametrize(
    "line",
    [
        "I'm on lates this week, two till ten, so it would need to be a morning.",
        "i work lates, one till nine, so mornings are best",
        "He's on the late shift, twelve to eight, so the morning, please.",
    ],
)
def test_a_shifts_hours_after_a_comma_are_no_time_wished(line: str) -> None:
    u = understand(line, Context(today=TODAY))
    assert u.when.time is not None and u.when.time.at is None, u.when.time
    assert u.when.time.window is not None and u.when.time.window[1] <= time(12)


@pytest.mark.parametrize(
    "line",
    [
        "My husband's at home with the baby until half eleven and I can't leave before that.",
        "the carer doesnt go till half eleven and i cant get out before that",
    ],
)
def test_cannot_go_before_that_is_from_that_hour_on(line: str) -> None:
    window = _window(line)
    assert window is not None and window[0] == time(12), window


@pytest.mark.parametrize(
    "line",
    [
        "Anything but a Thursday - I sit with my dad then. Eleven on another day that week.",
        "not thursday sorry thats the problem i have choir thursdays any other day that week at 11",
    ],
)
async def test_the_day_read_back_ruled_out_with_its_hour_said_again_moves_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(11)))
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Could my Thursday one go to the week after?")
        if "December 10th at 11 AM" not in t.reply:
            t = await talk("Same time, eleven.")
        assert "December 10th at 11 AM" in t.reply, talk.transcript()
        t = await talk(line)
        assert not t.called("reschedule_appointment"), talk.transcript()
        # the slot turned down is not read back again
        assert "December 10th at 11 AM" not in t.reply, talk.transcript()
        booked = await talk.booked(JOHN)
        assert [b[0] for b in booked] == [THURSDAY_NEXT], talk.transcript()


@pytest.mark.parametrize(
    "line",
    [
        "I finish work at one, so if you've got anything later that day I'll take it.",
        "hmm if theres something after lunch id have that instead",
    ],
)
async def test_a_yes_on_condition_of_another_slot_books_nothing(
    container: Container, line: str
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        t = await talk("John Smith, 123 456 7890. Have you anything on Friday the 4th?")
        if "Shall I book" not in t.reply:
            t = await talk("The first one you have that day.")
        assert "Shall I book" in t.reply, talk.transcript()
        t = await talk(line)
        assert not t.called("book_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [], talk.transcript()


@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("Hi, I'd like to book a visit for Monday at noon.", 12),
        ("it's my first visit - Wednesday at one if you can", 13),
        ("I take a late lunch, one till two, so one o'clock on a Friday if possible", 13),
    ],
)
def test_a_visit_or_a_late_lunch_is_no_routine_that_rules_the_hour_out(
    line: str, hour: int
) -> None:
    # a visit asked for, a lunch break the caller can stretch: the hour is the one wanted
    u = understand(line, Context(today=TODAY))
    assert u.when.time is not None and u.when.time.at == time(hour), u.when.time
