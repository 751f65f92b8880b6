"""Readings the typed corpus's leftovers (leftovers20) showed missing: two changes of held
appointments said in one breath, appointments the caller holds said as such, in other words
than the corpus lines."""

from __future__ import annotations

import pytest

from .reading import TUESDAY, WEDNESDAY_NEXT, read


@pytest.mark.parametrize(
    "line",
    [
        "I've got two appointments next week, Monday and Wednesday",
        "we have two bookings on the 14th, me and my husband",
        "um i've got two in december i think",
    ],
)
def test_appointments_held_said_are_no_booking(line: str) -> None:
    u = read(line)
    assert u.task == "list"
    assert not u.another


@pytest.mark.parametrize(
    "line",
    [
        "i need two appointments, monday and wednesday",
        "I have two appointments to make for my boys",
    ],
)
def test_two_asked_for_are_still_two_bookings(line: str) -> None:
    assert read(line).task == "book"


@pytest.mark.parametrize(
    ("line", "shift"),
    [
        ("could you push them both back a week, same times", 7),
        ("can you shove both of them on a day", 1),
    ],
)
def test_both_held_pushed_by_a_number_of_days(line: str, shift: int) -> None:
    u = read(line)
    assert u.task == "reschedule"
    assert u.day_shift == shift


@pytest.mark.parametrize(
    "line",
    [
        "the monday one goes to tuesday and the tuesday one to wednesday, same time",
        "can u bring my wed one fwd to mon and move the fri one to tues? same times pls",
        "Could you do Monday's to Thursday and Tuesday's to Friday, same time as now",
    ],
)
def test_two_held_each_to_a_day_of_its_own_are_two_moves(line: str) -> None:
    u = read(line)
    assert u.task == "reschedule"
    assert u.then is not None and u.then.task == "reschedule"
    # "same time" said once, at the end, goes with both
    assert u.when.time is not None and u.when.time.same
    assert u.then.when.time is not None and u.then.when.time.same


@pytest.mark.parametrize(
    ("line", "first", "second"),
    [
        (
            "Monday's has to go to Friday, same time, and the Tuesday one I don't need any more",
            "reschedule",
            "cancel",
        ),
        (
            "the Monday one I don't need, cancel it please. And the other, can it go a week later?",
            "cancel",
            "reschedule",
        ),
        (
            "my son won't need his on monday but could you book me in on wednesday morning",
            "cancel",
            "book",
        ),
        (
            "can you cancel his? And I'd like one for myself on the 2nd, after lunch",
            "cancel",
            "book",
        ),
    ],
)
def test_a_change_and_another_of_another_kind_in_one_breath(
    line: str, first: str, second: str
) -> None:
    u = read(line)
    assert u.task == first
    assert u.then is not None and u.then.task == second


def test_not_the_early_one_after_they_were_read_out() -> None:
    u = read("no, not the early one, the other. cancel that one", "offer_change")
    assert u.task == "cancel"
    assert u.ordinal == -1


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        ("the 2nd one please", "choose_time"),
        ("hmm, the 2nd of those would be better", "choose_time"),
        ("can you cancel the 2nd one", "request"),
    ],
)
def test_a_place_in_figures_is_no_day_of_the_month(line: str, asked: str) -> None:
    u = read(line, asked)  # type: ignore[arg-type]
    assert u.ordinal == 2
    assert u.when.day is None


def test_a_date_said_with_its_month_is_still_a_day() -> None:
    u = read("can you cancel the December 2nd one", "request")
    assert u.when.day is not None and u.when.day.dates == (WEDNESDAY_NEXT,)


@pytest.mark.parametrize("asked", ["request", "phone_confirm"])
def test_two_visits_each_for_someone_else_on_a_day_of_its_own(asked: str) -> None:
    u = read("so tuesday for her at ten, and wednesday for me at ten as well", asked)  # type: ignore[arg-type]
    assert u.task == "book"
    assert u.when.day is not None and u.when.day.dates == (TUESDAY,)
    assert u.second_day is not None and u.second_day.day is not None
    assert u.second_day.day.dates == (WEDNESDAY_NEXT,)


@pytest.mark.parametrize(
    ("line", "ordinal"),
    [
        ("I want to keep the first and the last one, the one in the middle can go", 2),
        ("the first one can go, thanks", 1),
    ],
)
def test_one_of_three_read_out_named_by_its_place(line: str, ordinal: int) -> None:
    u = read(line, "offer_change")
    assert u.task == "cancel"
    assert u.ordinal == ordinal
