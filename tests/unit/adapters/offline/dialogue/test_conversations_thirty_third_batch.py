"""What a thirty-third blind batch (details in the forms people give them: times of the
caller's own day, codes asked back letter by letter, names with titles and accents, a number's
group begun again) taught the receptionist, in other words than the corpus lines, through a real
text-mode session, the real tools and a real database. Today is Wednesday 25 November 2026,
10:00 in New York (Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import FRIDAY, JOHN, MONDAY, TUESDAY, add_caller, seat_others, talking


async def test_a_shift_at_four_limits_the_day_instead_of_asking_for_four(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (TUESDAY, time(9)))
    await seat_others(container, (MONDAY, time(9)), (MONDAY, time(10)))
    async with talking(container) as talk:
        await talk("hi, John Smith, 123 456 7890")
        t = await talk("have you anything monday? I need to be gone before my shift at four")
        assert "outside our hours" not in t.reply, talk.transcript()
        assert "Monday, November 30th" in t.reply and "11 AM" in t.reply, talk.transcript()
        t = await talk("the earliest of those is fine")
        if "Shall I book" in t.reply:
            await talk("yes please")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (TUESDAY, time(9))], (
            talk.transcript()
        )


async def test_the_pick_up_time_bounds_a_move_later_the_same_day(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (FRIDAY, time(9)))
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. Friday at nine is too early for me, anything later"
            " that day? I collect my daughter at one though"
        )
        assert any(
            f"to Friday, November 27th at {hour}?" in t.reply for hour in ("10 AM", "11 AM", "noon")
        ), talk.transcript()


async def test_both_codes_asked_for_and_a_letter_asked_back_are_read_again(
    container: Container,
) -> None:
    codes = await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        t = await talk("hello, 123 456 7890 - could I have the codes for my two appointments?")
        assert all(code.upper() in t.reply for code in codes), talk.transcript()
        t = await talk("sorry, the second one - was that K as in kite or Q as in queen?")
        assert codes[1].upper() in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(9)), (TUESDAY, time(14))]


async def test_a_title_and_surname_then_the_first_name_register_the_whole_name(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("hi there, I'm after something on Monday morning")
        await talk.introduce("It's Mrs Ashworth-Hale - first name Gwen - 987 654 3210.")
        assert await talk.user_name("9876543210") == "Gwen Ashworth-Hale", talk.transcript()


async def test_an_accented_name_beside_the_number_keeps_its_accents(container: Container) -> None:
    async with talking(container) as talk:
        await talk("I'd like to book Monday at 11")
        await talk.introduce("Renée Dubois, 987 654 3210")
        assert await talk.user_name("9876543210") == "Renée Dubois", talk.transcript()


async def test_a_group_begun_again_after_looking_it_up_is_one_number(
    container: Container,
) -> None:
    async with talking(container) as talk:
        await talk("could I book Monday at 11?")
        t = await talk(
            "Sure, Ann Lee, and it's 987, 654, 32... sorry, new phone, let me look... 3210"
        )
        assert "987-654-3210" in t.reply, talk.transcript()
