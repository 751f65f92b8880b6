"""Ways of saying things that a forty-sixth batch of blind calls (registers and slang: youth
slang, British colloquial, formal and legalistic, corporate jargon, venting, understated hints)
showed the reader missed, each said here in other words than the corpus lines. Today is
Wednesday 25 November 2026; the clinic opens 9-16."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Asked, Context, understand

TODAY = date(2026, 11, 25)  # a Wednesday


def read(text: str, asked: Asked = "request", anchor: date | None = None):  # type: ignore[no-untyped-def]
    return understand(text, Context(today=TODAY, asked=asked, anchor=anchor))


@pytest.mark.parametrize(
    "text",
    [
        "Friday's looking rather awkward for me now",
        "hmm the 3rd is getting a bit tricky to be honest",
        "Thursday is a problem now, unfortunately",
        "ten on Tuesday is a bit early for me, it turns out",
        "the fourth isn't looking so good any more",
        "I'm not sure Monday still works for me",
        "Tuesday's no good for me now",
        "Wednesday doesn't really suit me any more",
    ],
)
def test_a_held_appointment_hinted_to_be_a_problem_is_a_change_to_ask_about(text: str) -> None:
    u = read(text)
    assert u.cant_make, text
    assert u.task is None  # move or cancel: asked, nothing assumed


@pytest.mark.parametrize(
    "text",
    [
        "parking is a bit tricky round there, isn't it?",
        "I'd like Friday morning please",
        "my husband is out of town on Tuesday so any day but that",
    ],
)
def test_a_hint_needs_a_day_or_an_appointment_said_to_be_a_problem(text: str) -> None:
    assert not read(text).cant_make


@pytest.mark.parametrize(
    "text",
    [
        "could you drop me my confirmation code real quick",
        "ping me the code for Tuesday's please",
        "I'd like to request my booking reference",
        "I've mislaid the code you gave me",
        "would you repeat the reference for me",
        "can you text me the confirmation number",
    ],
)
def test_a_code_asked_for_in_any_register(text: str) -> None:
    assert read(text).task == "code", text


@pytest.mark.parametrize(
    "text",
    [
        "could you confirm the date and time of my next appointment",
        "what are the details of my appointment again?",
        "pretty sure I'm down for something next week but no clue when",
        "I believe I'm booked in for an appointment soon, when is it?",
    ],
)
def test_what_is_held_asked_in_any_register(text: str) -> None:
    assert read(text).task == "list", text


@pytest.mark.parametrize(
    "text",
    [
        "I don't think I'll be needing that appointment on Friday",
        "I don't expect we'll need the booking after all",
        "don't think I'll be needing it anymore, thanks",
    ],
)
def test_not_expecting_to_need_it_is_a_cancel(text: str) -> None:
    assert read(text).task == "cancel", text


@pytest.mark.parametrize(
    "text",
    [
        "you guys cancelled my appointment on me, so I need to rebook - Monday morning?",
        "the clinic cancelled my booking last week, I need a new one Tuesday",
        "they cancelled on me so can I book for Thursday",
    ],
)
def test_a_cancellation_the_clinic_made_is_no_cancel_asked(text: str) -> None:
    assert read(text).task == "book", text


@pytest.mark.parametrize(
    "text",
    [
        "any chance of shoving it to Friday?",
        "I was thinking of bumping my Monday one to the afternoon",
        "both my appointments have to move back a day",
        "all of our bookings need to go forward a week",
    ],
)
def test_a_move_in_everyday_words(text: str) -> None:
    assert read(text).task == "reschedule", text


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("both of them need to go back a week", 7),
        ("they have to go forward a day", -1),
        ("can it go back two days", 2),
    ],
)
def test_go_back_by_an_amount_is_a_shift(text: str, shift: int) -> None:
    assert read(text).day_shift == shift


@pytest.mark.parametrize(
    "text",
    [
        "say less",
        "bet, do it",
        "ok bet",
        "yeah lock it in",
        "let's action that then",
        "that is quite acceptable",
        "very well, please proceed",
        "I do confirm.",
        "go on then, book me",
    ],
)
def test_a_yes_in_a_register_is_a_yes_to_a_proposal(text: str) -> None:
    u = read(text, "confirm")
    assert u.yes and not u.no, text


@pytest.mark.parametrize(
    "text",
    [
        "betting I'll be late, can I have later",
        "I'll confirm my hours with work first",
        "that is not acceptable, no",
    ],
)
def test_register_words_that_are_no_yes(text: str) -> None:
    assert not read(text, "confirm").yes, text


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Hmm. Afternoons are a bit difficult, I'm afraid.", (time(9, 0), time(12, 0))),
        ("mornings are a little tricky with work", (time(12, 0), time(16, 0))),
        ("ah, mornings are awkward for me", (time(12, 0), time(16, 0))),
    ],
)
def test_a_part_of_the_day_said_to_be_difficult_asks_for_the_rest_of_it(
    text: str, rest: tuple[time, time]
) -> None:
    u = read(text, "confirm")
    assert not u.yes, text
    assert u.when.windows == (rest,), text


def test_one_morning_said_to_be_too_early_only_rules_it_out() -> None:
    u = read("the morning is too early", "confirm")
    assert u.no and not u.when.windows


@pytest.mark.parametrize(
    "text", ["9am?? nah, I'm asleep then", "ten? nah, I'm at work then", "11am? nope, my lunch"]
)
def test_an_hour_said_back_then_nah_is_turned_down(text: str) -> None:
    u = read(text, "confirm")
    assert u.no
    assert u.when.time is None or u.when.time.at is None
    assert u.when.rejected_times


def test_no_bandwidth_and_back_to_back_rule_the_days_out() -> None:
    u = read("no bandwidth Monday at all and Tuesday's back to back - could I get Wednesday?")
    assert set(u.when.rejected_days) == {date(2026, 11, 30), date(2026, 12, 1)}
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 2),)


@pytest.mark.parametrize(
    "text",
    [
        "can you put me on the books for Monday",
        "I'd like to get something on the books please",
    ],
)
def test_getting_on_the_books_is_a_booking_not_a_request_for_the_list(text: str) -> None:
    assert "others_info" not in read(text).questions


def test_who_is_on_the_books_is_still_refused() -> None:
    assert "others_info" in read("who's on the books for tomorrow?").questions


@pytest.mark.parametrize(
    "text",
    [
        "would the Tuesday after be any good",
        "could the Tuesday after do, same time?",
        "is the Tuesday after any use to you",
    ],
)
def test_the_weekday_after_is_after_the_day_under_discussion(text: str) -> None:
    u = read(text, anchor=date(2026, 12, 8))
    assert u.when.day is not None and u.when.day.dates == (date(2026, 12, 15),), text


@pytest.mark.parametrize(
    "text",
    ["could we move it to Friday, same time slot", "Friday please, the same hour slot"],
)
def test_same_time_slot_is_the_time_held(text: str) -> None:
    u = read(text)
    assert u.when.time is not None and u.when.time.same, text


def test_prior_to_is_before() -> None:
    u = read("Monday the 30th at any hour prior to eleven")
    assert u.when.windows == ((time(9, 0), time(11, 0)),)


@pytest.mark.parametrize("word", ["btw", "lol", "ngl", "fr"])
def test_texting_words_are_no_part_of_a_name(word: str) -> None:
    u = read(f"I'm Sam Ortiz {word}, 212 555 0188", "phone")
    assert u.name == "Sam Ortiz"
