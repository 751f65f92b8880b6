from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from voice_agent.domain.datetimes import find_date, find_time, parse_date, parse_time
from voice_agent.domain.errors import InvalidDate, InvalidTime

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-24", date(2026, 1, 24)),
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 26)),
        ("the day after tomorrow", date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27)),
        ("next friday", date(2026, 11, 27)),
        # tomorrow's weekday after "next" is the week after (tomorrow would be "tomorrow")
        ("next thursday", date(2026, 12, 3)),
        ("thursday", date(2026, 11, 26)),
        ("next wednesday", date(2026, 12, 2)),
        ("wednesday", date(2026, 12, 2)),
        ("this wednesday", TODAY),
        ("January 24th", date(2027, 1, 24)),
        ("january twenty fourth", date(2027, 1, 24)),
        ("24th of January", date(2027, 1, 24)),
        ("December 3rd", date(2026, 12, 3)),
        ("the 28th", date(2026, 11, 28)),
        ("the first", date(2026, 12, 1)),
        ("12/3", date(2026, 12, 3)),
        ("1/24/2027", date(2027, 1, 24)),
        # "the Nth" was read before the month that follows it: the 5th of this month
        ("the 5th of March", date(2027, 3, 5)),
        ("the fifth of march", date(2027, 3, 5)),
        ("the 3rd January", date(2027, 1, 3)),
        ("the 21st of May", date(2027, 5, 21)),
        ("on the 5th, may I come then?", date(2026, 12, 5)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    # "the 31st of February" was booked on the 31st of December
    [
        *("", "someday", "2026-02-30", "February 30th", "13/45", "the 31st of February"),
        # a date with a digit too many was read as the date inside it (the staff console
        # booked "2026-12-077" on the 7th, and "12026-12-07" in 2026)
        *("2026-12-077", "12026-12-07", "2026-012-07"),
    ],
)
def test_parse_date_errors(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14)),
        ("09:00", time(9)),
        ("2 PM", time(14)),
        ("2pm", time(14)),
        ("2 p.m.", time(14)),
        ("eleven a m", time(11)),
        ("11 AM", time(11)),
        ("2", time(14)),
        ("two", time(14)),
        ("9", time(9)),
        ("2:00", time(14)),
        ("9:30", time(9, 30)),
        ("noon", time(12)),
        ("two thirty p m", time(14, 30)),
        ("at 3", time(15)),
        ("10 o'clock", time(10)),
        ("three in the afternoon", time(15)),
        ("12 PM", time(12)),
        # "quarter to two" was read as "to two", 14:00: a booking a quarter hour off
        ("quarter to two", time(13, 45)),
        ("a quarter to 10 in the morning", time(9, 45)),
        ("half past ten", time(10, 30)),
        ("quarter past 3 pm", time(15, 15)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "later", "25:00", "12:75", "10:30:99", "9:7", "10:30:15"])
def test_parse_time_errors(text: str) -> None:
    # "10:30:99" was 10:30, its seconds never read; seconds other than :00 are not a slot's
    with pytest.raises(InvalidTime):
        parse_time(text)


def test_a_time_with_zero_seconds_is_that_minute() -> None:
    assert parse_time("10:30:00") == time(10, 30)


@pytest.mark.parametrize("exact", [False, True])
def test_an_iso_time_with_a_fraction_or_a_zone_is_never_another_hour(exact: bool) -> None:
    """A model (or a form) sending ISO times: "14:00:00.5" and "14:00:00Z" were read from
    their "00:00" as 12:00, so a caller who agreed to 2 PM was booked at noon; "14:00+02:00"
    silently lost its zone."""
    assert parse_time("14:00:00.000", exact=exact) == time(14, 0)
    for text in ("14:00:00.5", "14:00:00Z", "14:00+02:00", "14:00:00-05:00", "10:00z"):
        with pytest.raises(InvalidTime):
            parse_time(text, exact=exact)
    # a slot's label still means its start
    assert parse_time("14:00-15:00", exact=exact) == time(14, 0)


# what staff and the command line type: a date or a time, and nothing else
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", date(2026, 11, 26)),
        ("the day after tomorrow", date(2026, 11, 27)),
        ("on Friday", date(2026, 11, 27)),
        ("next friday", date(2026, 11, 27)),
        ("Jan 24th", date(2027, 1, 24)),
        ("the 24th of January", date(2027, 1, 24)),
        ("December 3rd, 2026", date(2026, 12, 3)),
        ("12/3", date(2026, 12, 3)),
        ("2026-12-03", date(2026, 12, 3)),
        # weekdays as typed ("fri" was refused while "dec 3" was read)
        ("fri", date(2026, 11, 27)),
        ("Thurs.", date(2026, 11, 26)),
        ("next Tue", date(2026, 12, 1)),
    ],
)
def test_exact_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY, exact=True) == expected


@pytest.mark.parametrize(
    "text",
    ["tomorrow-ish", "friday maybe", "sometime next week", "2026-02-30", "13/45", "fri\x00day"],
)
def test_exact_dates_refuse_anything_else(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text, today=TODAY, exact=True)
    if text == "tomorrow-ish":  # a caller's sentence may still carry its date
        assert parse_date(text, today=TODAY) == date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", date(2026, 11, 24)),
        ("Yesterday", date(2026, 11, 24)),
        ("the day before yesterday", date(2026, 11, 23)),
        ("day before  yesterday", date(2026, 11, 23)),
        ("last friday", date(2026, 11, 20)),
        ("last Tue", date(2026, 11, 24)),
        ("last wednesday", date(2026, 11, 18)),  # said on a Wednesday: a week ago
    ],
)
def test_past_days_are_read_where_typed_so_that_they_can_be_called_past(
    text: str, expected: date
) -> None:
    """`voice-agent slots yesterday` said "cannot read 'yesterday'": it is a day, in the past."""
    assert parse_date(text, today=TODAY, exact=True) == expected


def test_a_callers_yesterday_is_not_the_date_they_mean() -> None:
    # "I called yesterday about friday": Friday, not yesterday
    assert parse_date("I called yesterday about friday", today=TODAY) == date(2026, 11, 27)
    with pytest.raises(InvalidDate):
        parse_date("last fridy", today=TODAY, exact=True)


@pytest.mark.parametrize(
    "text",
    [
        "thursday december 3rd",
        "Thursday, 3 December 2026",
        "thursday the 3rd of december",
        "Thursday December the third",
        "thursday 2026-12-03",
    ],
)
def test_a_typed_weekday_with_a_date_is_that_date(text: str) -> None:
    """`voice-agent slots "thursday december 3rd"` listed tomorrow, Thursday November 26th:
    the first date in the text was the weekday's."""
    assert parse_date(text, today=TODAY, exact=True) == date(2026, 12, 3)


def test_a_typed_weekday_that_is_not_the_dates_own_is_refused_with_the_date() -> None:
    with pytest.raises(InvalidDate) as refused:
        parse_date("friday december 3rd", today=TODAY, exact=True)
    assert refused.value.detail == {"reason": "weekday_mismatch", "day": date(2026, 12, 3)}
    # a weekday alone, or with next/this, is still the weekday
    assert parse_date("this thursday", today=TODAY, exact=True) == date(2026, 11, 26)
    assert parse_date("next thursday", today=TODAY, exact=True) == date(2026, 12, 3)
    assert parse_date("thursday", today=TODAY, exact=True) == date(2026, 11, 26)


def test_abbreviated_weekdays_are_read_only_where_typed() -> None:
    # "I sat down with my calendar" said by a caller is no Saturday
    with pytest.raises(InvalidDate):
        parse_date("sat", today=TODAY)
    assert parse_date("sat", today=TODAY, exact=True) == date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14)),
        ("2", time(14)),
        ("2 pm", time(14)),
        ("2:30 p.m.", time(14, 30)),
        ("ten", time(10)),
        ("eleven a m", time(11)),
        ("half past two", time(14, 30)),
        ("at 10 in the morning", time(10)),
        ("noon", time(12)),
    ],
)
def test_exact_times(text: str, expected: time) -> None:
    assert parse_time(text, exact=True) == expected


@pytest.mark.parametrize(
    "text", ["10:30:99", "25:00", "9:7", "10ish", "2 pm please", "after lunch", "14:00:30"]
)
def test_exact_times_refuse_anything_else(text: str) -> None:
    with pytest.raises(InvalidTime):
        parse_time(text, exact=True)


def test_find_in_sentences() -> None:
    assert find_time("Tomorrow at 2 PM please") == time(14)
    assert find_time("book me for friday at eleven") == time(11)
    assert find_time("my number is 9876543210") is None
    assert find_time("january 24th") is None
    assert find_date("can I come in on friday at 9", today=TODAY) == date(2026, 11, 27)
    assert find_date("I'd like to book an appointment", today=TODAY) is None
    assert find_date("may I book something", today=TODAY) is None


@pytest.mark.parametrize(
    ("text", "reason"), [("", "empty"), ("fridy", "unrecognised"), ("2026-02-30", "no_such_date")]
)
def test_unreadable_dates_say_why_in_their_detail(text: str, reason: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_date(text, today=date(2026, 11, 25))
    # an unread date keeps its text, for a message that quotes it (the staff console's)
    said = {"text": text} if reason == "unrecognised" else {}
    assert caught.value.detail == {"reason": reason, **said}


@pytest.mark.parametrize("text", ["1 " * 5_400, "a1 " * 5_400, "next " * 4_000 + "friday"])
def test_a_date_or_time_of_pages_of_text_is_refused_at_once(text: str) -> None:
    """A tool argument a model was talked into: "1 " 5,400 times took 4.6 s in parse_time,
    the worker's event loop (every call on it) stalled meanwhile. Nothing that long is a date
    or a time: refused before it is read."""
    with pytest.raises(InvalidTime) as time_refused:
        parse_time(text)
    with pytest.raises(InvalidDate) as date_refused:
        parse_date(text, today=TODAY)
    # refused for its length, before any reading (not timed here: a busy machine is slow)
    assert time_refused.value.detail == date_refused.value.detail == {"reason": "too_long"}


def test_a_long_but_plausible_sentence_is_still_read() -> None:
    said = "um let me think, I guess the afternoon would be best, so maybe around quarter past two"
    assert parse_time(said) == time(14, 15)
    assert parse_date("well, if it's not too much trouble, next friday would suit me", today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # said on Wednesday 25 November: the coming Wednesday is 2 December
        ("the wednesday after next", date(2026, 12, 9)),
        ("Wednesday after next", date(2026, 12, 9)),
        ("a week on Tuesday", date(2026, 12, 8)),
        ("tuesday week", date(2026, 12, 8)),
        ("a week from friday", date(2026, 12, 4)),
        ("the Friday after this one", date(2026, 12, 4)),
        ("next Friday but one", date(2026, 12, 4)),
        ("friday fortnight", date(2026, 12, 11)),
        ("Friday next week", date(2026, 12, 4)),
        ("thursday next week", date(2026, 12, 3)),
    ],
)
@pytest.mark.parametrize("exact", [True, False])
def test_a_weekday_said_a_week_on_is_the_week_after_the_coming_one(
    text: str, expected: date, exact: bool
) -> None:
    """`voice-agent slots "the wednesday after next"` listed the coming Wednesday: the words
    after the weekday were not read."""
    assert parse_date(text, today=TODAY, exact=exact) == expected


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize(
    "text", ["-1:00", "-1", "- 1:00", "\u22121:00", "-01:00", "+1:00", "-2 pm"]
)
def test_a_signed_time_is_refused_not_read_as_an_hour(text: str, exact: bool) -> None:
    """A model passing "-1:00" (an offset, a subtraction, a slip) was booked at 1 PM: the
    sign was dropped and the bare 1 read within clinic hours. No time of day has a sign."""
    with pytest.raises(InvalidTime) as error:
        parse_time(text, exact=exact)
    assert error.value.detail["reason"] == "signed"


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        "2026-12-10T14:00+05:00",
        "2026-12-10T14:00:00Z",
        "2026-12-10T14:00:00.000-08:00",
        "2026-12-10 14:00 +05:00",
        "2026-12-10t14:00z",
    ],
)
def test_an_iso_date_time_with_an_offset_is_refused_not_read_as_written(
    text: str, exact: bool
) -> None:
    """A model sending "2026-12-10T14:00+05:00" for the date or the time had its written date
    and time booked as clinic time (as the time, it was even read as 05:00 from its offset):
    2 PM in UTC+5 is another hour here. The date and time come separately, so the offset is
    refused, saying what to give instead, never silently dropped."""
    with pytest.raises(InvalidTime) as time_error:
        parse_time(text, exact=exact)
    assert time_error.value.detail["reason"] == "time_zone"
    assert "clinic" in str(time_error.value)
    with pytest.raises(InvalidDate) as date_error:
        parse_date(text, today=TODAY, exact=exact)
    assert date_error.value.detail["reason"] == "time_zone"
    assert "clinic" in str(date_error.value)


@pytest.mark.parametrize("exact", [False, True])
def test_an_iso_date_time_in_clinic_time_gives_its_date_and_its_time(exact: bool) -> None:
    """ "2026-12-10T14:00" as the time was read as 12:10 (from the date's "12-10")."""
    for text in ("2026-12-10T14:00", "2026-12-10T14:00:00", "2026-12-10 14:00"):
        assert parse_time(text, exact=exact) == time(14, 0)
        assert parse_date(text, today=TODAY, exact=exact) == date(2026, 12, 10)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("a week from today", 7),
        ("one week from today", 7),
        ("two weeks from today", 14),
        ("a fortnight from today", 14),
        ("a week from tomorrow", 8),
        ("a week today", 7),
        ("a week tomorrow", 8),
        ("3 weeks from today", 21),
        ("can I come in a week from today please", 7),
        ("today", 0),
        ("tomorrow", 1),
        ("the day after tomorrow", 2),
    ],
)
def test_weeks_from_today_or_tomorrow_are_counted(text: str, days: int) -> None:
    """ "a week from today" was read as today and "two weeks from tomorrow" as tomorrow (the
    weeks before the word were never looked at; "a week from Friday" was read right), so a
    model passing the caller's words booked today's slot; on December 31 "a week from today"
    is in the new year."""
    assert parse_date(text, today=TODAY) == TODAY + timedelta(days=days)
    new_years_eve = date(2026, 12, 31)
    assert parse_date(text, today=new_years_eve) == new_years_eve + timedelta(days=days)


def test_an_offset_that_is_the_clinics_own_is_read_as_written() -> None:
    """With the clinic's zone given, a date-time carrying the clinic's own offset at that
    moment is clinic time; any other offset, and any offset without a zone to check it
    against, is refused."""
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    assert parse_time("2026-12-10T14:00-05:00", timezone=ny) == time(14, 0)
    assert parse_date("2026-12-10T14:00:00.000-05:00", today=TODAY, timezone=ny) == date(
        2026, 12, 10
    )
    assert parse_time("2026-07-10T09:30-0400", timezone=ny, exact=True) == time(9, 30)
    for text in ("2026-12-10T14:00-04:00", "2026-07-10T09:30-05:00", "2026-12-10T14:00Z"):
        with pytest.raises(InvalidTime):
            parse_time(text, timezone=ny)
        with pytest.raises(InvalidDate):
            parse_date(text, today=TODAY, timezone=ny)
    utc = ZoneInfo("UTC")
    assert parse_time("2026-12-10T14:00Z", timezone=utc) == time(14, 0)


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("text", ["2026-12-2O", "2026-12-1l", "2026-12-1o", "2026-12-15x"])
def test_a_written_date_with_a_letter_stuck_to_its_day_is_refused(text: str, exact: bool) -> None:
    """A letter O typed for a zero: "2026-12-2O" was December 2 (a model's tool argument, and
    staff typing at the desk, exact), where the 20th was meant; the appointment was booked a
    fortnight early and read back as booked."""
    with pytest.raises(InvalidDate):
        parse_date(text, today=TODAY, exact=exact)


def test_a_written_date_followed_by_its_time_is_still_that_date() -> None:
    assert parse_date("2026-12-10T14", today=TODAY) == date(2026, 12, 10)
    assert parse_date("2026-12-10 at 2pm", today=TODAY) == date(2026, 12, 10)


@pytest.mark.parametrize(
    "text", ["9:00 am PST", "9am UTC", "9 AM GMT", "9am CET", "9 am pacific", "2 pm Central Time"]
)
def test_a_time_said_in_another_zone_is_refused_not_read_as_clinic_time(text: str) -> None:
    """attack14: a model passing "9:00 am PST" for a caller in Los Angeles booked 9 AM at a
    clinic in New York (6 AM for the caller): the zone's name was passed over as a word in a
    sentence. As a date-time's offset is, a time in another zone is refused, saying to give
    clinic time; the clinic's own zone by any of its names is clinic time."""
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    with pytest.raises(InvalidTime) as error:
        parse_time(text, timezone=ny)
    assert error.value.detail["reason"] == "time_zone" and "clinic" in str(error.value)
    for own in ("9am EST", "9am EDT", "9 am eastern", "9am ET"):
        assert parse_time(own, timezone=ny) == time(9)
    assert parse_time("9am GMT", timezone=ZoneInfo("Europe/London")) == time(9)


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("text", ["-2026-11-27", "+2026-11-27", "\u22122026-11-27", "- 2026-12-02"])
def test_a_signed_date_is_refused_not_read_from_inside(text: str, exact: bool) -> None:
    """A model passing "-2026-11-27" (a subtraction, a slip) was booked on November 27: the
    date inside was found and the sign dropped. No day has a sign."""
    with pytest.raises(InvalidDate) as error:
        parse_date(text, today=TODAY, exact=exact)
    assert error.value.detail["reason"] == "signed"


@pytest.mark.parametrize(
    "text",
    [
        "2pm or 3pm",
        "14:00 or 15:00",
        "14:00, 15:00",
        "2 pm/3 pm",
        "2:00 to 3:00",
        "at 2 or 3pm",
        "2-3pm",
        "half past two or three",
        "noon or 1pm",
    ],
)
def test_a_time_naming_two_times_is_refused_not_read_as_the_first(text: str) -> None:
    """A caller torn between two times ("2 or 3, whichever") and a model passing both in the
    time argument was booked at the first (or, for "2-3pm", the last): the choice is the
    caller's, so the model is told to ask which."""
    with pytest.raises(InvalidTime) as error:
        parse_time(text)
    assert error.value.detail["reason"] == "two_times"
    assert "which one" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-10:00", time(9, 0)),  # a slot's label: its start
        ("2pm or 2:00 PM", time(14, 0)),  # one time said twice
        ("December 10, 2pm", time(14, 0)),
        ("Thursday, 14:00", time(14, 0)),
        ("quarter to two", time(13, 45)),
        ("2pm on 12/10", time(14, 0)),
    ],
)
def test_one_time_among_other_words_is_still_read(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("13 pm", "13 pm"),
        ("14am", "14am"),
        ("13:30 p.m.", "13:30 p.m."),
        ("0 am", "0 am"),
        ("thirteen p m", "thirteen p m"),
        ("twenty-five o'clock", "twenty five o clock"),
        ("book 25:00 tomorrow", "25:00"),
        ("friday at 3:60pm", "3:60"),
    ],
)
def test_a_time_no_clock_shows_is_refused_not_read_as_another(text: str, said: str) -> None:
    """ "13 pm" was booked at 1 PM, "14am" at 2 PM and "twenty-five o'clock" at five (from
    its "five o'clock"): the model is told the time is not real and to ask the caller."""
    with pytest.raises(InvalidTime) as error:
        parse_time(text)
    assert error.value.detail["reason"] == "no_such_time"
    assert f"'{said}' is not a real time of day" in str(error.value)
    assert "ask the caller" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ten fifteen pm", time(22, 15)),  # its "fifteen" is the minutes, not an hour
        ("2 45 pm", time(14, 45)),
        ("12 am", time(0, 0)),
        ("12:30 a.m.", time(0, 30)),
        ("13:00", time(13, 0)),
        ("1:30 pm", time(13, 30)),
    ],
)
def test_real_times_beside_the_impossible_ones_still_read(text: str, expected: time) -> None:
    assert parse_time(text) == expected
