"""Ways of saying things that a fourth batch of blind phone calls (and a stranger typing to the
offline receptionist) showed the reader missed, each said here in other words, numbers and
days than the corpus lines. Today is Wednesday 25 November 2026 unless a test says otherwise;
the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, understand

from .reading import TODAY, read, tasks


# --- a name written beside the number, without "my name is" -------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Priya Natarajan, 312 555 0101.", "Priya Natarajan"),
        ("Tomasz Nowak, that's 312 555 0101", "Tomasz Nowak"),
        ("415 555 0199, Ines Carvalho", "Ines Carvalho"),
        ("Hello, Marco Bellini, 312 555 0101, is Monday free?", "Marco Bellini"),
        ("Kwame Mensah. K-W-A-M-E, Mensah. Number is 312 555 0101.", "Kwame Mensah"),
    ],
)
def test_a_written_name_beside_the_number_is_the_name(text: str, name: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits[-4:] in ("0101", "0199")
    assert u.name == name


@pytest.mark.parametrize(
    "text",
    [
        "sure, 312 555 0101",  # lower case: a recogniser's words, never taken as a name
        "Yes Please, 312 555 0101",  # everyday words
        "Monday Morning, 312 555 0101",
        "E-Z, 312 555 0101",  # letters spelled
    ],
)
def test_everyday_words_beside_the_number_are_no_name(text: str) -> None:
    assert read(text, asked="phone").name is None


def test_surname_first_each_part_named() -> None:
    u = read("Family name Okoro, O-K-O-R-O. Given name Chidi. It's 312 555 0101.", asked="phone")
    assert u.name == "Chidi Okoro"


def test_a_surname_after_a_hesitation() -> None:
    assert read("It's Carmen, er, Lopez.", asked="name").name == "Carmen Lopez"
    assert read("Carmen, uh, Lopez", asked="name").name == "Carmen Lopez"


def test_go_ahead_is_no_name() -> None:
    assert read("Yeah, go ahead.", asked="name").name is None


@pytest.mark.parametrize(
    ("text", "name"),
    [("Ingrid.", "Ingrid"), ("Svensson. Ingrid Svensson.", "Ingrid Svensson")],
)
def test_a_name_alone_when_the_number_was_asked(text: str, name: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is None and u.name == name


def test_booking_for_a_relative_on_their_number_names_the_relative() -> None:
    u = read(
        "Hi, it's Mark, I'm ringing for my father, Harold Finch. His number is 312 555 0101.",
        asked="phone",
    )
    assert u.name == "Harold Finch"
    # on the caller's own number, the caller's own name stands
    u = read("This is Jane Doe, booking for my husband, my number is 312 555 0101.", asked="phone")
    assert u.name == "Jane Doe"


# --- numbers --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "312 555 0101. Again, 312 555 0101.",
        "three one two five five five oh one oh one, three one two five five five oh one oh one",
    ],
)
def test_a_number_said_twice_is_one_number(text: str) -> None:
    u = read(text, asked="phone")
    assert u.phone is not None and u.phone.digits == "3125550101"


def test_a_time_said_when_the_number_was_asked_is_kept() -> None:
    u = read("Sure. Could you fit me in on Tuesday at 11?", asked="phone")
    assert u.phone is None
    assert u.when.day is not None and u.when.day.exact == date(2026, 12, 1)
    assert u.when.time is not None and u.when.time.at == time(11)


# --- days and times -------------------------------------------------------------------------------
def test_a_days_own_one_is_no_hour() -> None:
    u = read("Sorry, I meant today's one", asked="which_appointment")
    assert u.when.time is None and u.when.day is not None and u.when.day.exact == TODAY
    u = read("Thursday's appointment", asked="which_appointment")
    assert u.when.time is None


def test_not_this_weekday_the_one_after() -> None:
    u = read("a Friday please, not this Friday, the one after", asked="datetime")
    assert u.when.day is not None and u.when.day.exact == date(2026, 12, 4)
    assert date(2026, 11, 27) in u.when.rejected_days


def test_a_hesitation_between_at_and_the_hour() -> None:
    u = read("Thursday at, erm, three", asked="datetime")
    assert u.when.time is not None and u.when.time.at == time(15)
    u = read("Monday? About, uh, ten-ish?")
    assert u.when.time is not None and u.when.time.at == time(10)


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("Could you push my appointment back by two weeks?", 14),
        ("can we postpone it by a day", 1),
        ("I'd like to bring my booking forward by three days", -3),
        ("is it possible to prepone my visit by one week", -7),
    ],
)
def test_moved_by_so_many_days(text: str, shift: int) -> None:
    u = read(text)
    assert u.task == "reschedule" and u.day_shift == shift
    assert u.when.time is None  # "by one week" is how far, not "by 1 o'clock"


def test_from_one_hour_to_another_when_moving() -> None:
    u = read("Can you change my slot from 11 to 3?")
    assert u.task == "reschedule" and u.when.time is not None and u.when.time.at == time(15)
    # without a change, "from 11 to 3" is no new hour
    free = read("I'm free from 11 to 3")
    assert free.when.time is None or free.when.time.at != time(15)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("could I come in last Thursday?", "Thursday, November 19th"),
        ("what about November 23?", "Monday, November 23rd"),
        ("11/24 at 10", "Tuesday, November 24th"),
        ("yesterday afternoon", "yesterday"),
    ],
)
def test_a_day_that_has_passed(text: str, said: str) -> None:
    u = read(text, asked="datetime")
    assert u.when.day is None
    assert u.bad_day is not None and (u.bad_day.kind, u.bad_day.said) == ("past", said)


@pytest.mark.parametrize(
    ("text", "said"),
    [("June the 31st", "June 31st"), ("the 30th of February", "February 30th")],
)
def test_a_date_that_does_not_exist(text: str, said: str) -> None:
    u = read(text, asked="datetime")
    assert u.when.day is None
    assert u.bad_day is not None and (u.bad_day.kind, u.bad_day.said) == ("no_such_date", said)


def test_a_date_months_back_is_next_years_and_a_past_visit_is_no_request() -> None:
    u = read("the 10th of January", asked="datetime", today=date(2026, 12, 23))
    assert u.bad_day is None and u.when.day is not None
    assert u.when.day.exact == date(2027, 1, 10)
    assert read("I saw the doctor last Tuesday", asked="datetime").bad_day is None


# --- what is asked for ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("could I prepone my appointment?", "reschedule"),
        ("I've got a booking on Monday, could it be Tuesday instead?", "reschedule"),
        ("I want to book, could we do Tuesday instead of Monday?", "book"),
        ("I can't remember what time I'm booked for", "list"),
        ("I had a message from you, is my appointment still on?", "list"),
        ("I just want to confirm it, the one next week", "list"),
    ],
)
def test_the_task(text: str, task: str) -> None:
    assert tasks(text)[:1] == [task]


def test_why_the_number_is_a_question() -> None:
    assert "why_details" in read("What do you need my phone number for?", asked="phone").questions
    assert "why_details" in read("why would you need that?", asked="phone").questions


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("I would like to take one appointment please", "book"),
        ("can I fix an appointment with the doctor", "book"),
        ("please cancel my booking and make a new one for Thursday", "reschedule"),
    ],
)
def test_regional_ways_of_asking(text: str, task: str) -> None:
    assert tasks(text)[:1] == [task]


@pytest.mark.parametrize(
    "text",
    ["I cannot come on Thursday", "I won't make it on the 3rd", "I will not be able to attend"],
)
def test_cannot_come(text: str) -> None:
    assert read(text).cant_make


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Myself Deepak Rao, 646 555 0123", "Deepak Rao"),
        ("Name: Deepak Rao, Ph: 646 555 0123", "Deepak Rao"),
        ("Deepak Rao speaking, 646 555 0123", "Deepak Rao"),
        ("booking for Friday at 2, name Deepak Rao, number 646 555 0123", "Deepak Rao"),
    ],
)
def test_names_introduced_the_regional_way(text: str, name: str) -> None:
    assert read(text, asked="phone").name == name
    assert read("myself deepak rao", asked="name").name == "Deepak Rao"


def test_a_clock_written_with_h() -> None:
    u = read("Friday 15h00", asked="datetime")
    assert u.when.time is not None and u.when.time.at == time(15)


# --- leaving, and yes said impatiently --------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "sorry, I've got to run",
        "have to dash, speak later",
        "I'll ring you again",
        "nothing, thanks",
    ],
)
def test_leaving(text: str) -> None:
    assert read(text, asked="anything_else").end


@pytest.mark.parametrize(
    "text",
    ["I have to go to the dentist first, so maybe 2?", "yes, I need to go early, so 9 then"],
)
def test_having_to_go_somewhere_is_no_goodbye(text: str) -> None:
    assert not read(text, asked="confirm").end


def test_ok_leave_it_is_no_yes() -> None:
    u = read("okay, leave it for now, I will ring again", asked="confirm")
    assert u.no and not u.yes and u.end


@pytest.mark.parametrize("text", ["just book the stupid slot", "whatever, okay", "haan, fine"])
def test_an_impatient_or_regional_yes(text: str) -> None:
    assert read(text, asked="confirm").yes


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("did I make it for the 15th?", "list"),
        ("am I down for Monday at all?", "list"),
        ("I'm ringing about your reminder", "list"),
        ("is the appointment confirmed?", "list"),
        ("could you adjust my booking", "reschedule"),
        ("I'd need to rearrange it", "reschedule"),
        ("my appointment - any chance of a later slot?", "reschedule"),
        ("we don't need the appointment any more", "cancel"),
        ("I no longer want it, sorry", "cancel"),
    ],
)
def test_asking_about_moving_or_dropping_a_booking(text: str, task: str) -> None:
    assert tasks(text)[:1] == [task]


def test_a_name_in_two_clauses_around_its_spelling() -> None:
    u = read("Eva, E-V-A, Lindqvist, 646 555 0123", asked="phone")
    assert u.name == "Eva Lindqvist"
    assert read("Okay. Thanks. 646 555 0123", asked="phone").name is None


def test_the_surname_alone_then_the_first_name() -> None:
    assert read("Okonkwo, first name Ada", asked="name").name == "Ada Okonkwo"
    assert read("Okonkwo, first name Ada, 646 555 0123", asked="phone").name == "Ada Okonkwo"


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Tuesday, but no afternoons please", (time(9), time(12))),
        ("not in the morning if you can", (time(12), time(16))),
        ("anything except the morning", (time(12), time(16))),
        ("before my lunch on Friday", (time(9), time(12))),
        ("no, mornings suit me", (time(9), time(12))),  # a no that answers, then the wish
    ],
)
def test_a_part_of_the_day_ruled_out_asks_for_the_rest(
    text: str, window: tuple[time, time]
) -> None:
    u = read(text, asked="datetime")
    assert u.when.time is not None and u.when.time.window == window


@pytest.mark.parametrize(
    "text",
    ["yep, bang on", "Yes, that's dead right.", "spot on, that's my number", "Indeed.", "aye"],
)
def test_an_idiom_that_agrees_is_no_name(text: str) -> None:
    # "If that number is right, may I have your full name?" answered only with the first half
    assert read(text, asked="name").name is None


def test_a_name_after_an_idiom_that_agrees_is_still_read() -> None:
    assert read("bang on, and it's Priya Raman", asked="name").name == "Priya Raman"


@pytest.mark.parametrize("text", ["hang on a sec", "oh hang on, let me think", "bear with me"])
def test_asking_to_wait_is_no_name(text: str) -> None:
    assert read(text, asked="name").name is None


def test_a_name_that_is_also_a_word_for_waiting_is_still_a_name() -> None:
    assert read("Hang Tran", asked="name").name == "Hang Tran"


@pytest.mark.parametrize(
    ("text", "hour"),
    [("how about 11 then", 11), ("could we do 10?", 10), ("make it 12 instead", 12)],
)
def test_a_time_put_forward_to_the_number_question_is_a_time(text: str, hour: int) -> None:
    for asked in ("phone_confirm", "phone"):
        u = read(text, asked=asked)
        assert u.phone is None
        assert u.when.time is not None and u.when.time.at == time(hour)


def test_a_weekday_correcting_a_dated_day_is_in_that_days_week() -> None:
    u = understand(
        "no sorry, make that Wednesday",
        Context(today=TODAY, asked="phone_confirm", anchor=date(2026, 12, 10)),
    )
    assert u.when.day is not None and u.when.day.exact == date(2026, 12, 9)


@pytest.mark.parametrize(
    "text",
    ["Is there anybody in the office I could talk to?", "is there a person I can speak with"],
)
def test_asking_for_someone_to_speak_to_asks_for_a_person(text: str) -> None:
    assert "human" in read(text, asked="anything_else").questions


def test_being_told_to_talk_to_the_agent_is_no_request_for_a_person() -> None:
    assert "human" not in read("my doctor said I could talk to you about a checkup").questions
