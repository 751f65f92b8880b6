"""What a thirty-ninth blind batch (whole calls as a speech recogniser hears them) taught the
reading of one line, in other words than the corpus lines."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding.tokens import normalise

from .reading import read


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("its two won two five five five ate oh to for", "2125558024"),
        ("number is to oh six five five five won won for ate", "2065551148"),
        ("yeah seven oh ate triple five to to won won", "7085552211"),
        ("ate won ate five five five double for oh to", "8185554402"),
        ("for won for five five five oh double ate six", "4145550886"),
    ],
)
def test_a_number_heard_through_its_homophones_is_read_whole(line: str, number: str) -> None:
    u = read(line, asked="phone")
    assert u.phone is not None and u.phone.national == number, line


@pytest.mark.parametrize(
    ("line", "number"),
    [
        (
            "hi its dave lee for won five five five five oh ate ate to i need to cancel",
            "4155550882",
        ),
        ("this is ann to won too five five five ate ate for won can i move thursday", "2125558841"),
    ],
)
def test_a_homophone_number_said_with_the_request_is_read(line: str, number: str) -> None:
    u = read(line)
    assert u.phone is not None and u.phone.national == number, line


@pytest.mark.parametrize(
    "line",
    [
        "can i book for two to three weeks from now",
        "id like to move it to friday for one oclock if you have one",
        "for the to do list i need to cancel one",
    ],
)
def test_homophones_among_words_are_no_number(line: str) -> None:
    assert read(line).phone is None, line


def test_a_homophone_said_twice_after_a_digit_is_two_digits_not_a_stumble() -> None:
    assert normalise("five five five to to one six") == "five five five to to one six"
    assert normalise("four for for eight") == "four for for eight"
    assert normalise("i need to to move it") == "i need to move it"


@pytest.mark.parametrize(
    ("line", "digits"), [("six two six oh sorry", "6260"), ("four one two oh sorry", "4120")]
)
def test_oh_before_a_closing_sorry_ends_the_group(line: str, digits: str) -> None:
    u = read(line, asked="phone", digits_short=4)
    assert u.phone is not None and u.phone.digits == digits, line


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "its shevaun murphy the first name is spelled s i o b h a n and my number is six one"
            " seven five five five oh one two three",
            "Siobhan Murphy",
        ),
        (
            "ok its jon smith sorry the surname is spelled s m y t h e number is two one two five"
            " five five oh one nine nine",
            "Jon Smythe",
        ),
        (
            "mary mac kenzie thats one word m a c k e n z i e and the number is two one two five"
            " five five oh one nine nine",
            "Mary MacKenzie",
        ),
        (
            "liam o connor thats o apostrophe c o n n o r my number is three one two five five"
            " five oh four four one",
            "Liam O'Connor",
        ),
        (
            "erick larsen its erik e r i k and my number is four one three five five five two"
            " oh two oh",
            "Erik Larsen",
        ),
        (
            "name is k lee k a y lee and the number is six four six five five five one one two two",
            "Kay Lee",
        ),
        (
            "rachel hyde spelled r a c h e l h i d e and the number is six four six five five"
            " five one one two two",
            "Rachel Hide",
        ),
    ],
)
def test_a_name_spelled_after_it_is_heard_is_the_name(line: str, name: str) -> None:
    assert read(line, asked="phone").name == name, line


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "its kevin mbeki k e v i n m b e k i and the number is nine two nine five five five"
            " zero two five eight",
            "Kevin Mbeki",
        ),
        (
            "the name is uh ann lee a n n l e e six one seven five five five oh one two two",
            "Ann Lee",
        ),
    ],
)
def test_both_names_spelled_in_one_run_stay_two_names(line: str, name: str) -> None:
    assert read(line, asked="phone").name == name, line


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "my name is ma maria lopez number is six four six five five five one one two two",
            "Maria Lopez",
        ),
        (
            "dana white my number is three oh five uh five five five sorry three oh five five"
            " five five one two one two",
            "Dana White",
        ),
        ("its jack jackson six one seven five five five oh one four four", "Jack Jackson"),
    ],
)
def test_a_name_before_a_number_begun_again_is_read(line: str, name: str) -> None:
    assert read(line, asked="phone").name == name, line


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("could i come on mon no on tuesday the first", date(2026, 12, 1)),
        ("i want wed sorry thursday the third in the morning", date(2026, 12, 3)),
    ],
)
def test_a_weekday_taken_back_before_a_date_is_no_clash(line: str, day: date) -> None:
    u = read(line)
    assert u.clash is None, line
    assert u.when.day is not None and u.when.day.dates == (day,), line


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("can i book tuesday the twenty ninth at ten", date(2026, 12, 29)),
        ("monday the twenty eighth in the afternoon please", date(2026, 12, 28)),
    ],
)
def test_a_weekday_and_a_bare_date_that_agree_next_month_are_that_day(line: str, day: date) -> None:
    u = read(line)
    assert u.clash is None, line
    assert u.when.day is not None and u.when.day.dates == (day,), line


@pytest.mark.parametrize(
    "line", ["can i book tuesday the tenth at ten", "tuesday the tenth of december please"]
)
def test_a_weekday_and_a_date_that_agree_in_no_near_month_still_clash(line: str) -> None:
    assert read(line).clash is not None, line


@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("can i come in at ele eleven on friday", time(11)),
        ("the tenth at twe twelve please", time(12)),
    ],
)
def test_an_hour_broken_off_and_begun_again_is_the_hour(line: str, hour: time) -> None:
    u = read(line)
    assert u.when.time is not None and u.when.time.at == hour, line


def test_a_word_broken_off_is_dropped_only_before_a_day_hour_or_request_word() -> None:
    assert normalise("on fri friday morning") == "on friday morning"
    assert normalise("id like to bo book") == "id like to book"
    assert normalise("no noon is fine") == "no noon is fine"
    assert normalise("its jack jackson") == "its jack jackson"
