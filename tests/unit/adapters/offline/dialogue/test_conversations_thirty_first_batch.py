"""What a thirty-first blind batch (the shapes real tasks take: an appointment named loosely,
one of several cancelled and the rest kept, limits given piecemeal, a check then a change, a
caller arguing with the record, someone in the household and then the caller) taught the
receptionist, in other words than the corpus lines, through a real text-mode session, the
real tools and a real database. Today is Wednesday 25 November 2026, 10:00 in New York
(Thursday is Thanksgiving)."""

from __future__ import annotations

from datetime import time

from voice_agent.bootstrap import Container

from .talk import (
    FRIDAY,
    FRIDAY_NEXT,
    JOHN,
    MONDAY,
    MONDAY_NEXT,
    THURSDAY_NEXT,
    TUESDAY,
    TUESDAY_NEXT,
    WEDNESDAY_NEXT,
    add_caller,
    talking,
)


async def test_a_yes_naming_one_of_both_cancels_only_that_one(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(9)), (TUESDAY, time(14)))
    async with talking(container) as talk:
        await talk(
            "John Smith 123 456 7890, I have to cancel my bookings - oh, well, not both"
            " actually, only the Monday"
        )
        t = await talk("yep, that's right, the Monday")
        assert "Tuesday, December 1st at 2 PM has been cancelled" not in t.reply, talk.transcript()
        if await talk.booked(JOHN) != [(TUESDAY, time(14))]:
            assert "Monday, November 30th" in t.reply and "Tuesday" not in t.reply, (
                talk.transcript()
            )
            await talk("yes")
        assert await talk.booked(JOHN) == [(TUESDAY, time(14))], talk.transcript()


async def test_a_yes_to_the_other_appointment_asks_about_that_one(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (THURSDAY_NEXT, time(11)), (FRIDAY_NEXT, time(11))
    )
    async with talking(container) as talk:
        t = await talk("hi it's John Smith, 123 456 7890, I'd like to cancel my Thursday one")
        assert "Thursday, December 3rd" in t.reply, talk.transcript()
        t = await talk("yeah the one on friday")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(11)), (FRIDAY_NEXT, time(11))]
        assert "Friday, December 4th" in t.reply and "Thursday" not in t.reply, talk.transcript()
        await talk("yep that's the one")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(11))], talk.transcript()


async def test_a_caller_sure_of_another_day_then_moving_it_there_keeps_its_time(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(14)))
    async with talking(container) as talk:
        t = await talk(
            "Hello, I'm phoning to make sure my Wednesday 2pm is still on. John Smith,"
            " 123 456 7890."
        )
        assert "Monday, November 30th at 2 PM" in t.reply, talk.transcript()
        assert await talk.booked(JOHN) == [(MONDAY, time(14))], talk.transcript()
        await talk("Monday? No, I've definitely got Wednesday on the fridge.")
        t = await talk("Fine, whatever. Move it to the Wednesday then, same time.")
        assert "Wednesday, December 2nd at 2 PM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(WEDNESDAY_NEXT, time(14))], talk.transcript()


async def test_could_my_day_be_earlier_after_its_code_moves_that_appointment(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith", (THURSDAY_NEXT, time(14)))
    async with talking(container) as talk:
        await talk("hi it's John Smith, 123 456 7890, what's the code for my thursday appointment?")
        t = await talk("ta. oh and while I'm on, could Thursday be a bit earlier? like 11?")
        assert "move your appointment" in t.reply, talk.transcript()
        assert "Thursday, December 3rd at 11 AM" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(11))], talk.transcript()


async def test_everything_but_the_one_on_a_date_keeps_that_one(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(9)), (THURSDAY_NEXT, time(9)),
        (MONDAY_NEXT, time(9)),
    )  # fmt: skip
    async with talking(container) as talk:
        t = await talk(
            "John Smith, 123 456 7890. I'm off travelling so please cancel everything I've"
            " got, except the one on the 3rd"
        )
        assert "December 3rd" not in t.reply, talk.transcript()
        await talk("yes, cancel them")
        assert await talk.booked(JOHN) == [(THURSDAY_NEXT, time(9))], talk.transcript()


async def test_the_last_two_of_four_taken_off_leaves_the_first_two(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(10)), (TUESDAY, time(10)),
        (THURSDAY_NEXT, time(10)), (TUESDAY_NEXT, time(10)),
    )  # fmt: skip
    async with talking(container) as talk:
        t = await talk(
            "hi it's John Smith, 123 456 7890, I only want the first two now, could you take"
            " off the last two?"
        )
        assert "December 1st" not in t.reply, talk.transcript()
        await talk("yes please")
        if len(await talk.booked(JOHN)) == 3:
            await talk("yes")  # asked one at a time
        assert await talk.booked(JOHN) == [(MONDAY, time(10)), (TUESDAY, time(10))], (
            talk.transcript()
        )


async def test_dropping_the_wednesday_one_cancels_only_it(container: Container) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(11)), (WEDNESDAY_NEXT, time(11)),
        (FRIDAY_NEXT, time(11)),
    )  # fmt: skip
    async with talking(container) as talk:
        t = await talk(
            "John Smith 123 456 7890 - I need to drop the Wednesday one, the rest are ok"
        )
        assert "cancel your appointment on Wednesday, December 2nd" in t.reply, talk.transcript()
        await talk("yes")
        assert await talk.booked(JOHN) == [(MONDAY, time(11)), (FRIDAY_NEXT, time(11))], (
            talk.transcript()
        )


async def test_other_days_named_at_a_cancel_of_both_cancel_nothing_yet(
    container: Container,
) -> None:
    await add_caller(
        container, JOHN, "John Smith", (MONDAY, time(13)), (TUESDAY, time(13)),
        (THURSDAY_NEXT, time(13)),
    )  # fmt: skip
    async with talking(container) as talk:
        await talk("John Smith, 123 456 7890, cancel all of them except the Tuesday one")
        await talk("yeah - the Tuesday and the Thursday, sorry, keep Monday's")
        assert len(await talk.booked(JOHN)) >= 2, talk.transcript()


async def test_my_next_appointment_is_the_soonest_held(container: Container) -> None:
    await add_caller(container, JOHN, "John Smith", (MONDAY, time(15)), (TUESDAY_NEXT, time(15)))
    async with talking(container) as talk:
        t = await talk("hiya its john smith 123 456 7890 i gotta change my next appointment")
        assert "Which appointment" not in t.reply, talk.transcript()
        t = await talk("friday instead same time if you can")
        assert "from Monday, November 30th at 3 PM to Friday" in t.reply, talk.transcript()
        assert "at 3 PM?" in t.reply, talk.transcript()
        await talk("yes thats fine")
        booked = await talk.booked(JOHN)
        assert booked in (
            [(FRIDAY, time(15)), (TUESDAY_NEXT, time(15))],
            [(FRIDAY_NEXT, time(15)), (TUESDAY_NEXT, time(15))],
        ), talk.transcript()
