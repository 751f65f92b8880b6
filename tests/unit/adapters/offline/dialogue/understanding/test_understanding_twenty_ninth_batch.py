"""Ways of saying things that a twenty-ninth batch of blind calls (a day through an event only
the caller knows, going back to an earlier offer, half of two asks taken back, relayed speech,
a message left as to a machine, a time said as a sum) showed the reader missed, each said here
in other words than the corpus lines. Today is Wednesday 25 November 2026; the clinic opens
9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked, Context, understand

TODAY = date(2026, 11, 25)  # a Wednesday


def read(text: str, asked: Asked = "request"):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked))


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        # counted from noon, either way
        ("could I come Friday, say an hour before midday?", 11),
        ("um monday maybe two hours before noon if that's ok", 10),
        ("a couple hours after noon on Tuesday works for me", 14),
        # counted from the clinic's own day: it opens at 9 and closes at 4
        ("can you fit me in an hour or so, no, an hour after you open on Monday", 10),
        ("whats free like three hours after opening time on friday", 12),
        ("the Monday, an hour before you guys close", 15),
        ("two hours before closing on Tuesday please", 14),
        # counted from a clock said
        ("an hour after 1pm on the 2nd", 14),
        ("Tuesday, two hours past nine", 11),
        # the hour midway between two
        ("monday, midway between ten and twelve", 11),
        ("friday, half way between 9 and 3?", 12),
    ],
)
def test_a_time_said_as_a_sum_is_the_hour_it_comes_to(text: str, hour: int) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.at == time(hour), u.when


@pytest.mark.parametrize(
    "text",
    [
        "can I come in two hours?",  # from now, not a clock
        "my appointment is two hours long, is that right?",
        "I'll need a couple of hours after the appointment to rest",
    ],
)
def test_hours_with_no_hour_to_count_from_are_no_clock(text: str) -> None:
    u = read(text)
    assert u.when.time is None or u.when.time.at not in (time(11), time(13), time(14)), u.when


def test_halfway_between_two_hours_an_odd_span_apart_is_not_a_half_hour() -> None:
    # there is no slot at 10:30: the two hours are read as a span, not a time between them
    u = read("thursday, halfway between ten and eleven")
    assert u.when.time is None or u.when.time.at != time(10, 30)


def test_two_weekdays_or_d_before_next_week_are_both_next_weeks() -> None:
    # said on a Monday: "next week" is the week of the 7th, for the Monday as for the Thursday
    u = understand("could we do monday or thursday next week?", Context(today=date(2026, 11, 30)))
    assert [m.dates for m in u.days] == [(date(2026, 12, 7),), (date(2026, 12, 10),)]


def test_a_weekday_alone_before_another_days_week_keeps_its_own() -> None:
    # no "or" between them: "Monday" and "Thursday next week" are two days of their own
    u = understand(
        "I can't do Monday. Thursday next week maybe?", Context(today=date(2026, 11, 30))
    )
    assert u.days[0].dates == (date(2026, 11, 30),) or u.days[0].negated


@pytest.mark.parametrize(
    "text",
    [
        "hmm, two o'clock is a bit late for me, anything earlier?",
        "that's a little late, I'd rather the morning",
        "noon's too late in the day for me really",
    ],
)
def test_a_time_too_late_for_the_caller_is_not_running_late(text: str) -> None:
    assert not read(text, "confirm").late


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to be a bit late for my 2 o'clock",
        "sorry, running a little late, stuck on the freeway",
    ],
)
def test_running_late_is_still_heard(text: str) -> None:
    assert read(text).late


def test_a_date_and_a_weekday_in_two_sentences_do_not_clash() -> None:
    # the appointment held, then the day wanted: not "the 3rd is a Thursday, not a Monday"
    u = read("I want to change the one I have on the 3rd. Do you have next Monday?")
    assert u.clash is None
    assert {d for m in u.days for d in m.dates} >= {date(2026, 12, 3), date(2026, 11, 30)}


def test_a_weekday_and_a_date_that_disagree_side_by_side_still_clash() -> None:
    assert read("can I come Monday the 3rd?").clash is not None


@pytest.mark.parametrize(
    "text",
    [
        "oh sorry, yes, go ahead and cancel it",
        "Sorry! Yeah. That's fine, book it",
        "um sorry yep",
    ],
)
def test_a_yes_after_an_apology_is_a_yes(text: str) -> None:
    u = read(text, "confirm")
    assert u.yes and not u.no


@pytest.mark.parametrize(
    "text",
    ["sorry, no, leave it", "oh sorry yeah no wait, the other one", "sorry - hang on a sec"],
)
def test_a_no_or_a_wait_after_an_apology_is_no_yes(text: str) -> None:
    assert not read(text, "confirm").yes


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "hi there, this is Meera Joshi wanting a check-up Friday, can you call me back on"
            " 617 555 0143 please",
            "Meera Joshi",
        ),
        ("it's Tom Reilly, call me on 617 555 0143 if anything changes", "Tom Reilly"),
        ("you can call me Gus, Gus Whitaker, 617 555 0143", "Gus Whitaker"),
    ],
)
def test_call_me_back_on_a_number_is_no_name(text: str, name: str) -> None:
    assert read(text).name == name
