"""What a sixty-second blind batch (when the answer is no: the day shut or full, the time
outside hours or taken, the date past or too far, the number not on file, the appointment not
where the caller thinks, the caller who leaves it) taught the receptionist, in other words than
the corpus lines. Today is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

from datetime import date, time

import pytest

from voice_agent.adapters.offline.dialogue.understanding import Context, Understanding, understand
from voice_agent.bootstrap import Container

from .talk import JOHN, MONDAY, add_caller, talking

TODAY = date(2026, 11, 25)
SATURDAY = date(2026, 11, 28)
SUNDAY = date(2026, 11, 29)


def _heard(line: str, asked: str = "request", **ctx: date) -> Understanding:
    return understand(line, Context(today=TODAY, asked=asked, **ctx))  # type: ignore[arg-type]


# --- the no taken in: a weekend day said back as shut, then "the nearest" -------------------
@pytest.mark.parametrize(
    ("line", "shut"),
    [
        ("Ah, you're shut on Sundays? What's the closest day you've got then?", SUNDAY),
        ("oh you dont open saturdays ok whats the nearest you have", SATURDAY),
        ("Closed on Saturdays, figures. The nearest day then.", SATURDAY),
    ],
)
def test_a_weekend_day_said_back_as_shut_is_not_asked_for_and_the_nearest_is_the_soonest(
    line: str, shut: date
) -> None:
    heard = _heard(line, "phone_confirm")
    assert shut in heard.when.rejected_days
    assert heard.when.day is not None and heard.when.day.earliest and not heard.when.day.dates


def test_a_weekday_asked_about_as_closed_is_not_turned_down() -> None:
    """ "Is it closed on Monday?" asks; the caller may still want Monday."""
    heard = _heard("are you closed on monday at all")
    assert MONDAY not in heard.when.rejected_days


def test_the_nearest_to_an_hour_is_no_soonest_day() -> None:
    heard = _heard("what's the nearest to eleven you can do", "confirm")
    assert heard.when.day is None or not heard.when.day.earliest


async def test_the_nearest_after_a_shut_weekend_day_is_offered_from_it(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Could I come in this Saturday morning?")
        t = await talk("Oh, you don't open at the weekend? Whatever's nearest then.")
        assert "Monday, November 30th" in t.reply or "Friday, November 27th" in t.reply, (
            talk.transcript()
        )
        assert "January" not in t.reply, talk.transcript()


def test_the_other_weekend_day_asked_at_an_offer_is_the_coming_one() -> None:
    """ "Saturday's no good then? What about Sunday?" to Monday the 30th offered: the coming
    Sunday, not the one after the Monday offered; "the Sunday" is still that week's."""
    ctx = {"anchor": MONDAY, "proposed": MONDAY}
    heard = _heard("Saturday's out then? What about Sunday?", "confirm", **ctx)
    assert heard.when.day is not None and heard.when.day.dates == (SUNDAY,)
    heard = _heard("and the Sunday?", "confirm", **ctx)
    assert heard.when.day is not None and heard.when.day.dates == (date(2026, 12, 6),)


# --- a name held and read back is not replaced by a word of the request ------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Nothing on the Friday? Fine, I'm easy, whatever's next.",
        "Right. Earliest Monday then, I'm on lates.",
        "oh course not silly me what about monday",
    ],
)
async def test_talk_about_the_request_at_the_set_up_question_keeps_the_name(
    container: Container, line: str
) -> None:
    async with talking(container) as talk:
        t = await talk("Morning, Dara Quinlan, 312 555 0199. Anything Saturday?")
        assert "Shall I set one up for Dara Quinlan" in t.reply, talk.transcript()
        t = await talk(line)
        assert "last name" not in t.reply, talk.transcript()
        await talk("Yes.")
        assert await talk.user_name("3125550199") == "Dara Quinlan", talk.transcript()


async def test_a_name_given_again_at_the_set_up_question_still_replaces_it(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("Morning, Dara Quinlan, 312 555 0199. Anything Monday at ten?")
        await talk("Sorry, my name is Daragh, Daragh Quinlan.")
        await talk("Yes.")
        assert await talk.user_name("3125550199") == "Daragh Quinlan", talk.transcript()


# --- a past day put right at the number's read-back -----------------------------------------
async def test_a_no_that_puts_the_past_day_right_is_not_about_the_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        t = await talk("Hi, Lena Ortiz, 312 555 0177. Can I have Monday the 23rd at ten?")
        assert "already passed" in t.reply, talk.transcript()
        t = await talk("No - sorry, I meant the 30th. Monday the 30th at ten.")
        assert "digits" not in t.reply and "phone number" not in t.reply, talk.transcript()
        assert "Monday, November 30th at 10 AM" in t.reply, talk.transcript()
        await talk("Yes please.")
        assert await talk.booked("3125550177") == [(MONDAY, time(10))], talk.transcript()


# --- leaving the one proposed as it is -------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Oh, just that one. Leave that one, it's fine, ta.",
        "Hmm, okay - leave this one as it is, thanks.",
        "no leave it be",
        "okay, leave that alone then",
    ],
)
def test_leaving_the_one_proposed_is_a_no(line: str) -> None:
    heard = _heard(line, "confirm")
    assert heard.no and not heard.yes


@pytest.mark.parametrize(
    "line", ["Yes please, and leave that with me", "yes cancel Tuesday, leave the other one"]
)
def test_leaving_something_else_is_no_no(line: str) -> None:
    assert _heard(line, "confirm").yes


async def test_leave_that_one_to_a_cancel_of_the_only_one_left_cancels_nothing(
    container: Container,
) -> None:
    held = date(2026, 12, 14)
    await add_caller(container, JOHN, "John Smith", (held, time(15)))
    async with talking(container) as talk:
        await talk("Hello, John Smith, 123 456 7890. Please cancel my Friday appointment.")
        t = await talk("Okay, the 14th. Leave that one then, it's fine. Bye.")
        assert not t.called("cancel_appointment"), talk.transcript()
        assert await talk.booked(JOHN) == [(held, time(15))], talk.transcript()


@pytest.mark.parametrize(
    "line",
    ["What's still under my name, then?", "so what have I got left?", "whats left on my account"],
)
def test_what_is_left_on_the_account_asks_for_the_list(line: str) -> None:
    assert _heard(line, "confirm").task == "list"


# --- a cancellation hoped for is someone else's ------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Could you pop me on a waiting list in case anybody cancels?",
        "give me a ring if there's a cancellation",
        "do you keep a cancellation list at all",
    ],
)
def test_someone_elses_cancellation_hoped_for_is_no_cancel(line: str) -> None:
    assert _heard(line, "confirm").task != "cancel"


@pytest.mark.parametrize(
    "line", ["I need to make a cancellation please", "if nobody else can, cancel mine"]
)
def test_a_cancellation_of_ones_own_is_still_a_cancel(line: str) -> None:
    assert _heard(line).task == "cancel"


async def test_a_waiting_list_asked_for_at_an_offer_cancels_nothing(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (date(2026, 12, 21), time(9)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 123 456 7890. Have you got Monday at eleven?")
        t = await talk("Hmm. Can you put me down in case someone cancels on Tuesday?")
        assert "cancel your appointment" not in t.reply, talk.transcript()
        await talk("Yes.")
        booked = await talk.booked(JOHN)
        assert (date(2026, 12, 21), time(9)) in booked, talk.transcript()


# --- a booking made before is told of, not asked for -------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "try my husband's number, 312 555 0144, he made the appointment",
        "it might be under my son's, he did the booking for me online",
    ],
)
def test_a_booking_made_before_by_someone_is_no_new_booking(line: str) -> None:
    assert _heard(line, "phone").task is None


async def test_a_move_asked_before_the_number_was_found_is_still_a_move(
    container: Container,
) -> None:
    held = date(2026, 12, 2)
    await add_caller(container, JOHN, "John Smith", (held, time(11)))
    async with talking(container) as talk:
        await talk("Hi, John Smith, 312 555 0111, I need to move next Wednesday's appointment.")
        t = await talk("Not there? Try my wife's phone then, 123 456 7890, she booked it.")
        assert "Wednesday, December 2nd at 11 AM" in t.reply, talk.transcript()
        t = await talk("Thursday the 3rd, same time.")
        assert "move your appointment" in t.reply, talk.transcript()
        await talk("Yes.")
        assert await talk.booked(JOHN) == [(date(2026, 12, 3), time(11))], talk.transcript()


# --- someone else's number first: the caller's own name stays theirs ---------------------------
async def test_the_callers_own_name_survives_a_relatives_number_given_first(
    container: Container,
) -> None:
    await add_caller(container, "3125550160", "Rita Lowe", (date(2026, 12, 1), time(10)))
    async with talking(container) as talk:
        await talk("Hi, I'm Jess Lowe, 312 555 0160, can I get Monday at two?")
        t = await talk("Oh sorry, that's my nan's number. Mine's 312 555 0171.")
        assert "Jess Lowe" in t.reply and "name" not in t.reply.replace("Jess Lowe", ""), (
            talk.transcript()
        )
        await talk("Yes.")
        await talk("Yes.")
        assert await talk.user_name("3125550171") == "Jess Lowe", talk.transcript()
        assert await talk.booked("3125550171") == [(MONDAY, time(14))], talk.transcript()
        assert all("Rita" not in turn.reply for _, turn in talk.turns), talk.transcript()
