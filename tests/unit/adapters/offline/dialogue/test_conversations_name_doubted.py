"""A name heard by ear that the recogniser's readers did not vouch for (``(name doubted)``,
listening.NAME_DOUBTED): read back on its own question, never inside the booking question (a
caller saying yes to "Shall I book Tuesday at 2 PM?" does not check a surname said in
passing), and, where the caller goes on without a yes, left for the front desk at once -
not read back a second time for the yes meant for the booking. A name the readers vouch for
is read back in the booking question as before (one yes for both)."""

from __future__ import annotations

from voice_agent.bootstrap import Container

from .talk import talking

DOUBTED = "(name doubted)"


async def test_a_doubted_name_is_read_back_on_its_own_not_in_the_booking_question(
    container: Container,
) -> None:
    # the recorded call: "Nigel Ashworth" forced into "Michael Ashley", Whisper heard "I'll
    # lash with"; read back in "... Shall I book Tuesday at 2 PM?" the caller's yes took it
    async with talking(container, style="spoken") as talk:
        await talk("hello, I'd like to book an appointment for next tuesday at two please")
        await talk("it's two oh seven, five five five, oh one one four")
        t = await talk(f"yes that's right michael ashley {DOUBTED}")
        assert "I have your name as Michael Ashley. Is that right?" in t.reply, t.reply
        assert "Shall I book" not in t.reply, t.reply
        assert t.called("identify_user") == [], talk.transcript()


async def test_a_doubted_name_passed_over_is_left_for_the_front_desk(
    container: Container,
) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hello, I'd like to book an appointment for next tuesday please")
        await talk("it's two oh seven, five five five, oh one one four")
        await talk(f"yes that's right michael ashley {DOUBTED}")
        t = await talk("two o'clock, if that's free")
        called = t.called("identify_user")
        assert called == [{"phone_number": "2075550114", "name": "Unknown Caller"}], (
            talk.transcript()
        )
        assert "Michael Ashley" not in t.reply and "Shall I book" in t.reply, t.reply
        t = await talk("yes please")
        assert len(t.called("book_appointment")) == 1, talk.transcript()
        assert await talk.user_name("2075550114") == "Unknown Caller"


async def test_a_yes_to_a_doubted_name_read_back_takes_it(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi, I'd like to book an appointment for next tuesday at two")
        await talk("six one seven, five five five, zero one two five")
        await talk(f"yes. dixie okoro {DOUBTED}")
        t = await talk("yes that's right")
        assert t.called("identify_user") == [{"phone_number": "6175550125", "name": "Dixie Okoro"}]


async def test_a_no_to_a_doubted_name_asks_for_it_spelled(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hi, I'd like to book an appointment for next tuesday at two")
        await talk("six one seven, five five five, zero one two six")
        await talk(f"yes and it's dixie okoro {DOUBTED}")
        t = await talk("no, that's not it")
        assert "spell" in t.reply.lower() and t.called("identify_user") == [], talk.transcript()


async def test_a_vouched_name_still_rides_in_the_booking_question(container: Container) -> None:
    async with talking(container, style="spoken") as talk:
        await talk("hello, I'd like to book an appointment for next tuesday at two please")
        await talk("it's two oh seven, five five five, oh one one four")
        t = await talk("yes that's right michael ashley")
        assert "I have your name as Michael Ashley." in t.reply, t.reply
        assert "Shall I book" in t.reply, t.reply


async def test_a_doubted_first_name_with_no_surname_said_is_left_for_the_front_desk(
    container: Container,
) -> None:
    # the recorded call: "Alistair Reid" heard "alice i read"; "And your last name?" answered
    # with the hour ("Ah, ten then, please"), unheard; "Alice" then read back and agreed by a
    # yes meant for the booking
    async with talking(container, style="spoken") as talk:
        await talk("hello, could I book monday at ten")
        await talk("two oh seven, five five five, oh one three one")
        t = await talk(f"yes and it's alice i read {DOUBTED}")
        assert "last name" in t.reply, t.reply
        t = await talk("are you an please")
        assert all(c.get("name") != "Alice" for c in t.called("identify_user")), talk.transcript()
        assert "Alice" not in t.reply, t.reply
