"""A caller who says their number again after the welcome (as people do when unsure it was
taken): it was answered "Sorry, I can only help with appointments", as if off topic."""

from __future__ import annotations

from voice_agent.bootstrap import Container

from .talk import JOHN, add_caller, talking


async def test_the_number_on_file_said_again_is_acknowledged_not_refused(
    container: Container,
) -> None:
    await add_caller(container, JOHN, "John Smith")
    async with talking(container, style="written") as talk:
        t = await talk("123 456 7890")
        assert "found your account" in t.reply and "John" not in t.reply
        t = await talk("123-456-7890")
        assert "only help with appointments" not in t.reply and "didn't catch" not in t.reply
        assert "that's the number I have for you." in t.reply, t.reply
        t = await talk("I'd like to see my appointments")
        assert "don't have any" in t.reply or "appointment" in t.reply
    async with talking(container, style="spoken") as talk:
        await talk("hi it's John")
        t = await talk("one two three four five six seven eight nine zero")
        assert "found your account" in t.reply and "John" not in t.reply, t.reply
        t = await talk("my number is one two three, four five six, seven eight nine zero")
        assert "that's the number I have for you" in t.reply, t.reply
