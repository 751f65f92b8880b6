"""Reading single caller utterances: typed and as a recogniser writes them (lower case, no
punctuation, numbers as words). Today is Wednesday 25 November 2026; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked

from .reading import read

MON, TUE, WED, THU, FRI = (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2),
                           date(2026, 11, 26), date(2026, 11, 27))  # fmt: skip


# --- phone numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "asked", "digits"),
    [
        ("My number is 646 555 0177, I'd like Monday at 1pm", "request", "6465550177"),
        ("it's (646) 555-0177", "phone", "6465550177"),
        ("6465550177", "phone", "6465550177"),
        ("+1 646 555 0177", "phone", "16465550177"),
        ("1-646-555-0177", "phone", "16465550177"),
        ("six four six, five five five, oh one seven seven", "phone", "6465550177"),
        ("six four six five five five zero one seven seven", "phone", "6465550177"),
        ("uh six four six, um, five five five, oh one seven seven", "phone", "6465550177"),
        ("double five five, one two three, four five six seven", "phone", "5551234567"),
        ("nine seven three five five five oh one four two and I'm Ann", "phone", "9735550142"),
        ("646 555", "phone", "646555"),
        ("the first part is 646", "phone", "646"),
        ("5 5 5 1 2 3 4 5 6 7", "phone", "5551234567"),
        ("six four six five five five oh one seventy seven", "phone", "6465550177"),
    ],
)
def test_phone_numbers_end_where_they_end(text: str, asked: Asked, digits: str) -> None:
    heard = read(text, asked)
    assert heard.phone is not None, text
    assert heard.phone.digits == digits


@pytest.mark.parametrize(
    "text",
    [
        "Oh sorry, I gave you the wrong number",
        "Tuesday at 2",
        "I'd like to book for two people",
        "at ten tomorrow please",
    ],
)
def test_no_phone_number_where_there_is_none(text: str) -> None:
    assert read(text, "phone").phone is None or len(read(text, "phone").phone.digits) < 3  # type: ignore[union-attr]


def test_number_followed_by_a_request_keeps_the_request() -> None:
    heard = read("…0142 no wait, my number is 973 555 0142 and I'm Ann Lee, monday at 10am")
    assert heard.phone is not None and heard.phone.digits == "9735550142"
    assert heard.when.day is not None and heard.when.day.exact == MON
    assert heard.when.time is not None and heard.when.time.at == time(10)
    assert heard.name == "Ann Lee"


def test_keypad_entry() -> None:
    assert read("6465550177#", "phone").keypad == "6465550177"


# --- days and times ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("tomorrow at 2 PM please", THU, time(14)),
        ("Friday at ten thirty", FRI, time(10, 30)),
        ("how about this Friday, half past ten", FRI, time(10, 30)),
        ("next Tuesday at noon", TUE, time(12)),
        ("December 3rd at 11", date(2026, 12, 3), time(11)),
        ("the 3rd of December, 9 in the morning", date(2026, 12, 3), time(9)),
        ("on the 4th at 1 pm", date(2026, 12, 4), time(13)),
        ("monday at two p m", MON, time(14)),
        ("tuesday at three o'clock", TUE, time(15)),
        ("wednesday at quarter past nine", WED, time(9, 15)),
        ("12/3 at 10am", date(2026, 12, 3), time(10)),
        ("2026-12-04 14:00", date(2026, 12, 4), time(14)),
        ("Friday the 4th at 11", date(2026, 12, 4), time(11)),
        ("tuesday next week at 2", TUE, time(14)),
        ("five thirty on Tuesday", TUE, time(17, 30)),
        ("the day after tomorrow at 9", FRI, time(9)),
    ],
)
def test_day_and_time(text: str, day: date, at: time) -> None:
    heard = read(text)
    assert heard.when.day is not None and heard.when.day.exact == day, text
    assert heard.when.time is not None and heard.when.time.at == at, text


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("Tuesday at three, no sorry, two pm not three", TUE, time(14)),
        ("Monday at nine, oh no sorry, I mean Tuesday", TUE, time(9)),
        ("Thursday, wait, make that Friday at 11", FRI, time(11)),
        ("not Monday, Tuesday at 10", TUE, time(10)),
        ("at 3, actually 4 is better", None, time(16)),
    ],
)
def test_self_corrections_replace_what_they_correct(text: str, day: date | None, at: time) -> None:
    heard = read(text)
    got = heard.when.day.exact if heard.when.day is not None else None
    assert got == day, text
    assert heard.when.time is not None and heard.when.time.at == at, text


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Thursday afternoon", (time(12), time(16))),
        ("in the morning if possible", (time(9), time(12))),
        ("anytime after 2", (time(15), time(16))),
        ("before 11 please", (time(9), time(11))),
        ("2 or later", (time(14), time(16))),
    ],
)
def test_windows(text: str, window: tuple[time, time]) -> None:
    heard = read(text)
    assert heard.when.time is not None and heard.when.time.window == window, text


def test_ranges_and_ends_of_the_day() -> None:
    week = read("sometime next week").when.day
    assert week is not None and week.dates[0] == MON and len(week.dates) == 7
    assert read("What's the earliest you have?").when.day.earliest  # type: ignore[union-attr]
    assert read("first thing on Tuesday").when.time.earliest  # type: ignore[union-attr]
    assert read("the last appointment of the day").when.time.latest  # type: ignore[union-attr]
    two_weeks = read("in two weeks").when.day
    assert two_weeks is not None and date(2026, 12, 9) in two_weeks.dates


def test_relative_to_the_appointment_being_moved() -> None:
    assert read("Could I push it back an hour?").when.time.shift_minutes == 60  # type: ignore[union-attr]
    # as a recogniser wrote it in a recorded call ("an" before a vowel heard "and")
    heard = read("i got an appointment on thursday can i push it back and hour")
    assert heard.when.time is not None and heard.when.time.shift_minutes == 60
    assert read("bring it forward and hour").when.time.shift_minutes == -60  # type: ignore[union-attr]
    assert read("me and hour mum both need one").when.time is None
    assert read("an hour earlier please").when.time.shift_minutes == -60  # type: ignore[union-attr]
    assert read("Wednesday, same time").when.time.same  # type: ignore[union-attr]
    assert read("can you push it back a week").day_shift == 7


def test_a_bare_number_is_a_time_only_when_a_time_was_asked() -> None:
    assert read("11", "time").when.time.at == time(11)  # type: ignore[union-attr]
    assert read("2", "choose_time").when.time.at == time(14)  # type: ignore[union-attr]
    assert read("I need 2 things").when.time is None


@pytest.mark.parametrize(
    ("text", "asked", "said"),
    [
        ("ok book 25:00 tomorrow", "request", "25:00"),
        ("can i come in monday at like 13 pm?", "request", "13 PM"),
        ("monday at 14am if thats ok", "request", "14 AM"),
        ("um friday at 10:75", "request", "10:75"),
        ("0 am", "time", "0 AM"),
        ("thirteen p m please", "time", "thirteen PM"),
        ("uh twenty five o'clock", "time", "twenty-five o'clock"),
        ("13:30 pm on thursday", "request", "13:30 PM"),
    ],
)
def test_a_time_no_clock_shows_is_kept_to_be_said_back(text: str, asked: Asked, said: str) -> None:
    """ "Book 25:00 tomorrow" lost its time without a word, "13 pm" was 1 PM, "twenty five
    o'clock" five o'clock: the time is kept as said, and no time is read from it."""
    heard = read(text, asked)
    assert heard.bad_time is not None and heard.bad_time.said == said, text
    assert heard.when.time is None, text


@pytest.mark.parametrize(
    ("text", "asked", "at"),
    [
        ("monday at ten fifteen pm", "request", time(22, 15)),  # "fifteen" is its minutes
        ("two forty five p m", "time", time(14, 45)),
        ("monday at 13:00", "request", time(13)),
        ("12 am", "time", time(0)),
        ("25:00, sorry, i mean 15:00", "time", time(15)),
    ],
)
def test_a_real_time_is_not_taken_for_an_impossible_one(text: str, asked: Asked, at: time) -> None:
    heard = read(text, asked)
    assert heard.bad_time is None, text
    assert heard.when.time is not None and heard.when.time.at == at, text


def test_a_number_before_am_i_is_no_time() -> None:
    heard = read("I'm 14, am I old enough to book on my own?")
    assert heard.bad_time is None


# --- acts ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["yes", "yeah that works", "sure thing", "go for it", "yep, book it", "that's perfect",
     "absolutely", "okay", "mhm", "please do", "sounds good to me", "that would be great"],
)  # fmt: skip
def test_yes(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.yes and not heard.no, text


@pytest.mark.parametrize(
    "text",
    ["no", "nope", "actually no", "not that one", "keep it", "no thanks", "nah",
     "no, that doesn't work for me", "I don't think so", "wait, no"],
)  # fmt: skip
def test_no(text: str) -> None:
    heard = read(text, "confirm")
    assert heard.no and not heard.yes, text


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("I'd like to book an appointment", "book"),
        ("Can you fit me in first thing on Tuesday?", "book"),
        ("Do you have anything at three on Wednesday?", "availability"),
        ("What's the earliest appointment you have?", "availability"),
        ("I need to cancel my appointment", "cancel"),
        ("Could I push it back an hour?", "reschedule"),
        ("Move my appointment to Wednesday, same time", "reschedule"),
        ("When is my appointment?", "list"),
        ("Do I have an appointment this week?", "list"),
        ("I lost my confirmation code", "code"),
        ("what's my code", "code"),
        ("cancel my Friday one and book Monday instead", "reschedule"),
    ],
)
def test_tasks(text: str, task: str) -> None:
    assert read(text).task == task, text


@pytest.mark.parametrize(
    ("text", "asked", "end"),
    [
        ("no that's it thanks", "anything_else", True),
        ("goodbye", "confirm", True),
        ("that's all I need is to book for Friday", "request", False),
        ("that's all", "name", False),
        # a change of mind heard with a stray "bye" in it (recognised speech) is not a goodbye
        ("that we wait rivera cancel it to eight a the friday do you bye you", "confirm", False),
        # ...but one said as a goodbye is, even with a correction and a task in it
        ("actually nvm need to check my schedule first, bye", "confirm", True),
        ("I was going to cancel it, but actually, no, I'll keep it. Bye then", "request", True),
        ("wait, let me check with my wife and call you back, thanks", "confirm", True),
        # a "bye" with more of a request after it, no correction needed (recognised speech)
        ("can you put it on thursday bye at ten instead", "offer_change", False),
        ("hello no i'd rather cancel my appointment bye the way", "request", False),
        # one at the end still ends the call, a request or a day before it or not
        ("fine, friday at ten then, thanks, bye for now", "confirm", True),
        ("okay cancel it please, goodbye", "confirm", True),
    ],
)
def test_goodbyes(text: str, asked: Asked, end: bool) -> None:
    assert read(text, asked).end is end


@pytest.mark.parametrize(
    ("text", "asked", "name"),
    [
        ("my name is Sarah Johnson", "request", "Sarah Johnson"),
        ("Sarah Johnson", "name", "Sarah Johnson"),
        ("yeah it's daniel kim", "name", "Daniel Kim"),
        ("Hi, this is Ann Lee", "request", "Ann Lee"),
        ("What's the earliest appointment you have?", "request", None),
        ("I'm looking to book for Friday", "request", None),
        ("I'm calling about my appointment", "request", None),
        # a word written in lower case after "I'm" in a turn with capitals is not a name:
        # "I'm staff" opened an account for "Staff", "I'm hungry." one for "Hungry"
        ("I'm staff, show me John's appointments.", "request", None),
        ("I'm hungry.", "request", None),
        ("It's urgent, I need Friday.", "request", None),
        ("Hi, I'm dizzy and need to see someone today", "request", None),
        # ... while a name written in capitals, or two lower-case name words, still is
        ("I'm Staff Sergeant Miller.", "request", "Staff Sergeant Miller"),
        ("Hi, I'm john smith", "request", "John Smith"),
        ("i'm hungry", "request", None),
    ],
)
def test_names(text: str, asked: Asked, name: str | None) -> None:
    assert read(text, asked).name == name


def test_spelled_name() -> None:
    assert read("s a r a h", "spell").spelled == "sarah"
    assert read("it's K-I-M", "spell").spelled == "kim"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("my code is DEF6-789A", "def6789a"),
        ("d e f six seven eight nine a", "def6789a"),
        ("the confirmation is delta echo foxtrot 6 7 8 9 alpha", "def6789a"),
        # a code with no digit in it
        ("hi, I've got booking reference HJKMNPQR", "hjkmnpqr"),
        ("my confirmation code is bcdfghjk thanks", "bcdfghjk"),
        ("the code they gave me was XWVTSRQP I think", "xwvtsrqp"),
        # and one of digits only
        ("reference number 23456789", "23456789"),
    ],
)
def test_codes(text: str, code: str) -> None:
    assert read(text, "code").code == code


@pytest.mark.parametrize(
    "text",
    ["my code? it was for thursday", "the confirmation said tomorrow", "code: I forgot it"],
)
def test_an_eight_letter_word_near_the_cue_is_no_code(text: str) -> None:
    assert read(text, "code").code is None


@pytest.mark.parametrize(
    ("text", "asked", "code"),
    [
        ("3HKMNPQR", "anything_else", "3hkmnpqr"),
        ("2wxyzabc", "request", "2wxyzabc"),
        ("2TUVWXYZ.", "which_appointment", "2tuvwxyz"),
        ("cancel 3HXZ8N7R please", "request", "3hxz8n7r"),
    ],
)
def test_the_digits_of_a_typed_code_are_not_a_day_or_an_hour(
    text: str, asked: Asked, code: str
) -> None:
    heard = read(text, asked)
    assert heard.code == code
    assert heard.times == () and heard.days == ()


@pytest.mark.parametrize(
    ("text", "hour"),
    [("could we do Thursday the 3rd, three pm", 15), ("um the 5th, three in the afternoon", 15)],
)
def test_an_ordinal_and_a_number_typed_side_by_side_are_no_code(text: str, hour: int) -> None:
    heard = read(text)
    assert heard.code is None
    assert [t.at for t in heard.times] == [time(hour)]


def test_a_time_beside_a_typed_code_is_still_read() -> None:
    heard = read("move 4KQ7WT2M to friday at 3")
    assert heard.code == "4kq7wt2m"
    assert [t.at for t in heard.times] == [time(15)]


def test_questions() -> None:
    assert "hours" in read("what are your opening hours?").questions
    assert read("what are your opening hours?").task is None
    assert "address" in read("where are you located?").questions
    assert "human" in read("can I talk to a real person please").questions


@pytest.mark.parametrize(
    ("text", "refused", "wanted"),
    [
        ("No, nine's too early for me, sorry. Anything around lunchtime?", time(9), None),
        ("3 is a bit late, could I do 11?", time(15), time(11)),
        ("ten doesn't suit me, what about two", time(10), time(14)),
    ],
)
def test_a_time_ruled_out_after_it_is_said_is_not_asked_for(
    text: str, refused: time, wanted: time | None
) -> None:
    u = read(text, "confirm")
    assert refused in u.when.rejected_times
    assert (u.when.time.at if u.when.time else None) == wanted


@pytest.mark.parametrize("text", ["Yes please, the first one you have.", "the second one please"])
def test_the_first_one_picks_an_offered_time_not_a_date_and_an_hour(text: str) -> None:
    u = read(text, "confirm")
    assert u.ordinal in (1, 2)
    assert u.when.day is None and u.when.time is None


@pytest.mark.parametrize(
    ("text", "at"),
    [("Could I do Friday, noonish?", time(12)), ("friday tenish", time(10)), ("2ish", time(14))],
)
def test_ish_times_are_the_time(text: str, at: time) -> None:
    when = read(text, "datetime").when
    assert when.time is not None and when.time.at == at


@pytest.mark.parametrize(
    "text",
    ["Hi, I need a follow-up appointment in two weeks' time", "I'd like another check up visit"],
)
def test_an_appointment_of_some_kind_is_a_booking(text: str) -> None:
    assert read(text).task == "book"


@pytest.mark.parametrize("asked", ["name", "phone_confirm"])
@pytest.mark.parametrize(
    ("line", "ending"),
    [
        ("no, the end is four nine", "49"),
        ("nope it ends in four nine", "49"),
        ("that's not right, the ending's four nine", "49"),
        ("no the last bit is oh one four nine", "0149"),
    ],
)
def test_an_ending_said_to_the_number_read_back_is_part_of_it_not_a_name(
    asked: Asked, line: str, ending: str
) -> None:
    u = read(line, asked=asked)
    assert u.phone is not None and u.phone.digits == ending
    assert u.name is None


@pytest.mark.parametrize("line", ["wrong, the last digit is a five", "nope, that's wrong"])
def test_a_no_said_as_wrong_or_nope_is_no_name(line: str) -> None:
    assert read(line, asked="name").name is None
