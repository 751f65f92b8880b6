"""A number said with the answer to a yes/no question ("Yes, three o'clock's fine. My number's
...") and heard badly: what is left of it after "my number is" is not an hour."""

from __future__ import annotations

from datetime import time

import pytest

from .reading import read


@pytest.mark.parametrize(
    "heard",
    [
        "three o'clock it's i a my number is two liam soon one time i'm i i'm the one six eight",
        "yes that's fine my number's four oh the one i'm a time nine",
    ],
)
def test_what_is_left_of_a_number_after_my_number_is_is_no_hour(heard: str) -> None:
    u = read(heard, asked="confirm")
    at = u.when.time.at if u.when.time is not None else None
    assert at in (None, time(15))


def test_an_hour_said_before_my_number_still_counts() -> None:
    u = read("four o'clock is better my number is two oh seven", asked="confirm")
    assert u.when.time is not None and u.when.time.at == time(16)


def test_a_whole_number_and_an_hour_after_it_are_both_read() -> None:
    u = read("my number is 207 555 0168, and 2pm would suit", asked="confirm")
    assert u.phone is not None and u.phone.digits == "2075550168"
    assert u.when.time is not None and u.when.time.at == time(14)
