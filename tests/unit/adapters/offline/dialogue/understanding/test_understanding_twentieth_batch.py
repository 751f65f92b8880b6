"""Ways of saying things that a twentieth batch of blind calls (callers referring to an earlier
call, a date and an hour with the same numbers, callers who ask before committing, times fixed by
the caller's day, telegraphic callers, a yes or a no in the caller's first language) showed the
reader missed, said here in other words than the corpus lines. Today is Wednesday 25 November
2026 unless a test says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from voice_agent.adapters.offline.dialogue.understanding.tokens import fold, tokenize

from .reading import read, read_with_faq


# --- a yes, a no, a thanks and a goodbye in the caller's first language ------------------------
def test_accented_letters_are_read_as_their_plain_letters_and_kept_as_written() -> None:
    assert fold("Sí, não, Tschüss, Amélie") == "Si, nao, Tschuss, Amelie"
    tokens = tokenize("Oui, José Núñez")
    assert [t.text for t in tokens] == ["oui", "jose", "nunez"]
    assert [t.raw for t in tokens][1:] == ["José", "Núñez"]


@pytest.mark.parametrize(
    "text",
    [
        "Sí, claro.",
        "ja genau",
        "Oui, d'accord.",
        "tak tak",
        "Da, da.",
        "Hai, please.",
        "sim sim",
        "aywa",
        "Ja, danke.",
    ],
)
def test_a_yes_in_the_callers_own_language_is_a_yes(text: str) -> None:
    u = read(text, "confirm")
    assert u.yes and not u.no, u


@pytest.mark.parametrize("text", ["Não, não.", "Nein.", "nie nie", "nahi", "Iie.", "Non, non."])
def test_a_no_in_the_callers_own_language_is_a_no(text: str) -> None:
    u = read(text, "confirm")
    assert u.no and not u.yes, u


@pytest.mark.parametrize(
    "text",
    [
        "No, gracias. Adiós.",
        "Nein danke, tschüss",
        "merci, au revoir",
        "obrigada, tchau",
        "ok ciao",
        "spasibo",
        "Non, merci.",
    ],
)
def test_a_thanks_or_goodbye_in_the_callers_own_language_ends(text: str) -> None:
    assert read(text, "anything_else").end


@pytest.mark.parametrize("text", ["hai i want to book for friday", "da vinci street, is it?"])
def test_a_foreign_yes_before_a_request_is_no_yes(text: str) -> None:
    assert not read(text).yes


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Me llamo Carmen Ortiz, my number is 305 555 0102.", "Carmen Ortiz"),
        ("je m'appelle Amélie Laurent", "Amélie Laurent"),
        ("mera naam Suresh Iyer hai", "Suresh Iyer"),
    ],
)
def test_a_name_introduced_in_the_callers_own_language(text: str, name: str) -> None:
    assert read(text).name == name


@pytest.mark.parametrize(("text", "name"), [("Sí, sí.", None), ("Hai Nguyen", "Hai Nguyen")])
def test_a_foreign_yes_at_the_name_question_is_no_name(text: str, name: str | None) -> None:
    assert read(text, "name").name == name


# --- a number said the British way -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("four one three treble five one oh three eight", "4135551038"),
        ("six one seven, treble five, oh double four nine", "6175550449"),
        ("nine one seven treble five oh seven two six", "9175550726"),
    ],
)
def test_treble_is_a_digit_said_three_times(text: str, digits: str) -> None:
    u = read(text, "phone")
    assert u.phone is not None and u.phone.digits == digits, u.phone


# --- what is asked: a check, a move, no parking question ---------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "still on for fri?",
        "am I still on for Thursday?",
        "we still on for the 3rd?",
        "I rang on Monday and moved my appointment to Friday, can you check it went through?",
        "i called yesterday to change my booking to the afternoon just want to make sure it moved",
    ],
)
def test_a_check_of_what_is_held_or_was_moved_asks_and_changes_nothing(text: str) -> None:
    assert read(text).task == "list"


@pytest.mark.parametrize(
    "text",
    [
        "could my Wednesday appointment go to the Thursday instead?",
        "can my 9am one be in the afternoon?",
        "if I cancelled my Friday one, could I have Monday morning?",
        "If we gave up the Tuesday appointment could we get the Wednesday?",
        "move mine to wed same time pls",
    ],
)
def test_a_move_asked_in_other_words_is_a_move(text: str) -> None:
    assert read(text).task == "reschedule"


def test_wed_said_after_to_is_the_day() -> None:
    u = read("can you put it to wed same time")
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 2),), u.when


@pytest.mark.parametrize(
    "text",
    [
        "my wife has the car on Fridays, so could I do Thursday?",
        "I won't have the car that week - anything on the 3rd?",
    ],
)
def test_the_callers_own_car_is_no_parking_question(text: str) -> None:
    assert not any(q.startswith("faq:") for q in read_with_faq(text).questions)
    assert any(q.startswith("faq:") for q in read_with_faq("where can I leave the car?").questions)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        (
            "its four one three hang on where are my glasses treble five one oh three eight",
            "4135551038",
        ),
        ("617 555, um, let me look, 0142", "6175550142"),
        ("it's 212, the dog's barking, 555 0199", "2125550199"),
    ],
)
def test_a_number_carried_on_after_an_aside_is_one_number(text: str, digits: str) -> None:
    u = read(text, "phone")
    assert u.phone is not None and u.phone.digits == digits, u.phone


# --- a date and an hour with the same numbers --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day", "hour"),
    [
        ("Tuesday 22 at 2pm please", date(2026, 12, 22), 14),
        ("monday 30 at 10?", date(2026, 11, 30), 10),
        ("Friday 4 at 11 if you can", date(2026, 12, 4), 11),
    ],
)
def test_a_weekday_and_a_bare_date_that_agree_are_that_date(
    text: str, day: date, hour: int
) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when
    assert u.when.time is not None and u.when.time.at is not None
    assert u.when.time.at.hour == hour, u.when


def test_a_weekday_and_a_number_that_is_no_date_of_it_keeps_the_number_as_the_hour() -> None:
    u = read("friday 10 please")
    assert u.when.day is not None and u.when.day.dates == (date(2026, 11, 27),), u.when
    assert u.when.time is not None and u.when.time.at is not None
    assert u.when.time.at.hour == 10


@pytest.mark.parametrize(
    ("text", "day", "hour"),
    [
        ("could it be 11 on the 11th instead?", date(2026, 12, 11), 11),
        ("ten on the tenth", date(2026, 12, 10), 10),
        ("how about 9 on the 9th of December", date(2026, 12, 9), 9),
    ],
)
def test_an_hour_said_before_its_date_is_the_hour(text: str, day: date, hour: int) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when
    assert u.when.time is not None and u.when.time.at is not None
    assert u.when.time.at.hour == hour, u.when


# --- a time fixed by the caller's day ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("friday any time after quarter past two", 15, 16),
        ("monday, after twenty past nine", 10, 16),
        ("I pick the kids up at quarter past one, so after that on Thursday", 14, 16),
        ("the bus doesn't get in till ten past ten so it has to be after that, Monday", 11, 16),
        ("I finish work at 12 on Tuesday, can I come after that?", 13, 16),
        ("my shift starts at half two, so before that please, Friday", 9, 14),
    ],
)
def test_a_bound_said_with_minutes_or_by_the_callers_own_time(text: str, lo: int, hi: int) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.window is not None, u.when
    assert (u.when.time.window[0].hour, u.when.time.window[1].hour) == (lo, hi), u.when


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I get paid on the 10th, so could I come the day after that?", date(2026, 12, 11)),
        (
            "my son's wedding is on the 5th of December, the day before that please",
            date(2026, 12, 4),
        ),
        ("the surgery is on Monday the 30th - can I have the day after that?", date(2026, 12, 1)),
    ],
)
def test_the_day_next_to_a_date_said_before(text: str, day: date) -> None:
    u = read(text)
    assert u.when.day is not None and u.when.day.dates == (day,), u.when


@pytest.mark.parametrize(
    "text",
    [
        "don't book anything yet, I just want to know what you've got on Friday",
        "do not book me in for now, what's free on Monday morning?",
        "dont book it just yet - what have you got Tuesday?",
    ],
)
def test_a_booking_put_off_asks_only_what_is_free(text: str) -> None:
    assert read(text).task == "availability"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Ji-woo Park, 718 555 0150", "Ji Woo Park"),
        ("Hai Nguyen, 718 555 0150", "Hai Nguyen"),
        ("hi, it's Si Thompson, 718 555 0150", "Si Thompson"),
    ],
)
def test_a_first_name_that_is_also_a_foreign_yes_is_a_name_before_a_number(
    line: str, name: str
) -> None:
    # "haan ji" made "ji" a word said with a yes: a written name that starts with it is a name
    u = read(line, asked="phone")
    assert u.phone is not None and u.phone.digits == "7185550150"
    assert u.name == name


def test_a_foreign_yes_before_a_number_is_still_no_name() -> None:
    assert read("Ji haan, 718 555 0150", asked="phone").name is None
