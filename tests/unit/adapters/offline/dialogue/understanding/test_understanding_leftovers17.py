"""Ways of saying things the typed corpus's leftover failures (leftovers17) showed the reader
missed, each said here in other words than the corpus lines: a name given beside a number with
a remark on it between (its order, a nickname, a title, "all my first name"), a name "under my
name ...". Today is Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding.tokens import tokenize

from .reading import read


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a remark on the name after a dash set off by spaces: the name ends at the dash
        (
            "It's Anna Louise Carter - Anna Louise is my first name. 617 555 0142",
            "Anna Louise Carter",
        ),
        ("this is Jean Paul Moreau – Jean Paul together, 617 555 0142", "Jean Paul Moreau"),
        # said surname first, with a remark saying so: given name put first
        ("Nakamura, Hiro - surname first, sorry. 617 555 0142", "Hiro Nakamura"),
        ("Byrne, Mary Ellen, thats last name first. 617-555-0142", "Mary Ellen Byrne"),
        (
            "nguyen thanh family name first six one seven five five five oh one four two",
            "Thanh Nguyen",
        ),
        # a nickname remark: the account takes the name said first
        (
            "margaret holt though everyone calls me peggy my number is six one seven five five"
            " five zero one four two",
            "Margaret Holt",
        ),
        ("William Ashford, but I go by Bill, 617 555 0142", "William Ashford"),
        # a title and a family name, the given name after a break
        ("It's Mrs. De la Cruz - Rosa. My number is 617 555 0142.", "Rosa De La Cruz"),
        ("its Dr Okafor, Ngozi. 617 555 0142", "Ngozi Okafor"),
        # words of the number said before its digits are no part of the name
        (
            "tom baxter my number is area code six one seven five five five zero one four two",
            "Tom Baxter",
        ),
        (
            "jana novak and its country code one then six one seven five five five zero one four"
            " two",
            "Jana Novak",
        ),
        # "under my name ...": the name introduced
        ("its under my name priya shah and the number is 617 555 0142", "Priya Shah"),
    ],
)
def test_a_name_beside_a_number_with_a_remark_on_it_is_read(text: str, name: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits.endswith("6175550142"), u.phone
    assert u.name is not None and u.name.lower() == name.lower(), u.name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a hyphen inside a name is still a hyphen; only a spaced dash breaks the sentence
        ("Ji-woo Park, 617 555 0142", "Ji Woo Park"),
        ("its Anne-Marie Duval 617 555 0142", "Anne-Marie Duval"),
        # no title: a word after a break is no given name
        ("Helen Brooks. Tuesday, 617 555 0142", "Helen Brooks"),
    ],
)
def test_names_without_a_remark_read_as_before(text: str, name: str) -> None:
    u = read(text, asked="phone")
    assert u.name == name, u.name


def test_a_spaced_dash_marks_an_aside_and_a_tight_one_does_not() -> None:
    toks = tokenize("Byrne - Mary, Ji-woo, 9 - 10am, Tom — Ann")
    aside = {t.text: t.aside for t in toks}
    assert aside["mary"] and aside["ann"], toks
    assert not aside["woo"], toks
    assert aside["10"] and toks[[t.text for t in toks].index("10")].sep == "-", toks


@pytest.mark.parametrize(
    ("text", "event", "counted"),
    [
        (
            "can I come in the day after my mum's operation?",
            date(2026, 12, 9),
            (date(2026, 12, 10),),
        ),
        ("the Thursday before our flight if you can", date(2026, 12, 8), (date(2026, 12, 3),)),
        ("um the monday after my sons graduation", date(2026, 12, 3), (date(2026, 12, 7),)),
        (
            "sometime the week after the kids go back, mornings",
            date(2026, 12, 2),
            tuple(date(2026, 12, d) for d in range(7, 12)),
        ),
    ],
)
def test_a_day_counted_from_an_undated_event_waits_for_its_date(
    text: str, event: date, counted: tuple[date, ...]
) -> None:
    u = read(text)
    assert u.event is not None and u.when.day is None and u.day_shift is None, u
    assert u.task == "book", u.task
    assert u.event.days_from(event) == counted, u.event


@pytest.mark.parametrize(
    "text",
    [
        "the day after my appointment on Monday",  # an appointment of theirs: known
        "Tuesday, the day after my chemo",  # the day is said
        "the day after tomorrow please",
        "the Friday before Christmas",  # a date the clinic knows
        "anything on Tuesday before my shift?",  # that Tuesday, before the shift
    ],
)
def test_days_the_clinic_can_count_are_no_undated_event(text: str) -> None:
    u = read(text)
    assert u.event is None, u.event


@pytest.mark.parametrize(
    ("text", "set_aside"),
    [
        ("free all day monday except from twelve till two, lunch with my sister", (12, 13)),
        ("Monday's fine, any time apart from 1 to 3", (13, 14)),
        ("monday but not between ten and twelve if poss, school run", (10, 11, 12)),
        ("Monday - any time except 11 till 1, physio", (11, 12)),
    ],
)
def test_hours_set_aside_in_a_free_day_are_ruled_out_not_asked_for(
    text: str, set_aside: tuple[int, ...]
) -> None:
    u = read(text)
    assert u.when.time is None or u.when.time.window is None, u.when.time
    ruled_out = {t.hour for t in u.when.rejected_times}
    assert ruled_out == set(set_aside), u.when.rejected_times


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("monday from twelve till two", (12, 14)),
        ("monday, not after 2", (9, 15)),
        ("Monday except the morning", (12, 16)),
    ],
)
def test_spans_asked_for_and_bounds_read_as_before(text: str, window: tuple[int, int]) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.window is not None, u.when
    assert (u.when.time.window[0].hour, u.when.time.window[1].hour) == window, u.when.time


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I'd probably want Monday, if that's any good", date(2026, 11, 30)),
        ("um, I'll maybe take Friday? not sure yet", date(2026, 11, 27)),
        ("ok, let's say Tuesday at 10, I can always change it later can't I", date(2026, 12, 1)),
        ("lets say thursday at 3 and ill move it if i need to", date(2026, 11, 26)),
    ],
)
def test_a_hedged_request_for_a_day_asks_for_a_booking(text: str, day: date) -> None:
    u = read(text)
    assert u.task == "book", u.task
    assert u.when.day is not None and u.when.day.exact == day, u.when.day


@pytest.mark.parametrize("text", ["can I change it to Monday?", "I could move it to Friday"])
def test_a_change_asked_for_now_is_still_a_change(text: str) -> None:
    assert read(text).task == "reschedule"
