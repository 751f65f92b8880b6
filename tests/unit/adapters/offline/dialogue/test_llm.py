"""``DialogueLLM`` inside a real LiveKit ``AgentSession`` (text mode, no audio).

The tools are ``@function_tool`` stand-ins answering with the JSON of docs/tools.md from an
in-memory clinic, so the session executes them and calls the LLM again with their outputs,
exactly as it does with a cloud model.
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

import pytest
from livekit.agents import Agent, AgentSession, function_tool, llm
from livekit.agents.metrics import LLMMetrics
from livekit.agents.voice.run_result import RunResult

from voice_agent.adapters.offline.dialogue.engine import UserTurn
from voice_agent.adapters.offline.dialogue.llm import (
    MODEL_NAME,
    PROVIDER_NAME,
    DialogueLLM,
    allowed_tool_names,
    chat_ctx_to_history,
    word_groups,
)

from .fake_clinic import TODAY, FakeClinic


class ReceptionAgent(Agent):
    """The scheduling tools, answered by a FakeClinic."""

    def __init__(self, clinic: FakeClinic) -> None:
        super().__init__(instructions="You are a clinic receptionist.")
        self.clinic = clinic

    def _run(self, tool: str, **args: Any) -> str:
        output, is_error = self.clinic.run(tool, {k: v for k, v in args.items() if v is not None})
        if is_error:
            raise llm.ToolError(output)
        return output

    @function_tool
    async def identify_user(self, phone_number: str, name: str | None = None) -> str:
        """Identify the caller by phone number; pass name to register a new caller."""
        return self._run("identify_user", phone_number=phone_number, name=name)

    @function_tool
    async def fetch_available_slots(self, date: str) -> str:
        """Free appointment times on a date."""
        return self._run("fetch_available_slots", date=date)

    @function_tool
    async def book_appointment(self, date: str, time: str) -> str:
        """Book an appointment for the identified caller."""
        return self._run("book_appointment", date=date, time=time)

    @function_tool
    async def modify_appointment(self, appointment_id: str, new_date: str, new_time: str) -> str:
        """Move an appointment."""
        return self._run(
            "modify_appointment",
            appointment_id=appointment_id,
            new_date=new_date,
            new_time=new_time,
        )

    @function_tool
    async def cancel_appointment(self, appointment_id: str) -> str:
        """Cancel an appointment."""
        return self._run("cancel_appointment", appointment_id=appointment_id)

    @function_tool
    async def end_conversation(self, reason: str | None = None) -> str:
        """End the call."""
        return self._run("end_conversation", reason=reason)


class NoSlotsAgent(Agent):
    """An agent without the availability tool: the LLM must not call it."""

    def __init__(self) -> None:
        super().__init__(instructions="x")


class DictToolAgent(Agent):
    """A tool returning a dict (LiveKit passes str(dict) to the model)."""

    def __init__(self) -> None:
        super().__init__(instructions="x")

    @function_tool
    async def fetch_available_slots(self, date: str) -> dict[str, Any]:
        """Free appointment times on a date."""
        return {
            "date": date,
            "spoken_date": "Friday, November 27th",
            "available": ["09:00", "10:00"],
            "spoken_times": ["9 AM", "10 AM"],
        }


def reply_text(result: RunResult) -> str:
    texts = [
        ev.item.text_content or ""
        for ev in result.events
        if ev.type == "message" and ev.item.role == "assistant"
    ]
    return " ".join(texts)


def john_clinic(at: time = time(9)) -> FakeClinic:
    clinic = FakeClinic()
    clinic.add_user("1234567890", "John Smith")
    clinic.add_appointment("1234567890", date(2027, 1, 22), at, "def6789a")
    return clinic


async def test_seed_new_user_books() -> None:
    clinic = FakeClinic()
    async with DialogueLLM(today=lambda: TODAY) as model, AgentSession(llm=model) as session:
        await session.start(ReceptionAgent(clinic))

        result = await session.run(user_input="Hi, I'd like to book an appointment")
        result.expect.next_event().is_message(role="assistant")
        result.expect.no_more_events()
        assert "phone number" in reply_text(result)

        result = await session.run(user_input="My number is 9876543210")
        result.expect.next_event().is_function_call(
            name="identify_user", arguments={"phone_number": "9876543210"}
        )
        result.expect.next_event().is_function_call_output(is_error=False)
        result.expect.next_event().is_message(role="assistant")
        assert "name" in reply_text(result)

        result = await session.run(user_input="Yes, my name is Sarah Johnson")
        result.expect.next_event().is_function_call(
            name="identify_user",
            arguments={"phone_number": "9876543210", "name": "Sarah Johnson"},
        )
        result.expect.next_event().is_function_call_output()
        result.expect.next_event().is_message(role="assistant")
        assert "What day and time" in reply_text(result)

        result = await session.run(user_input="Tomorrow at 2 PM please")
        result.expect.next_event().is_message(role="assistant")
        result.expect.no_more_events()
        assert reply_text(result) == "Shall I book Thursday, November 26th at 2 PM?"

        result = await session.run(user_input="yes")
        result.expect.next_event().is_function_call(
            name="book_appointment", arguments={"date": "2026-11-26", "time": "14:00"}
        )
        result.expect.next_event().is_function_call_output(is_error=False)
        result.expect.next_event().is_message(role="assistant")
        assert "d e f 6 7 8 9 a" in reply_text(result)


async def test_seed_returning_user_modifies() -> None:
    clinic = john_clinic()
    async with DialogueLLM(today=lambda: TODAY) as model, AgentSession(llm=model) as session:
        await session.start(ReceptionAgent(clinic))
        await session.run(user_input="Hello, I need to check my appointments")

        result = await session.run(user_input="1234567890")
        result.expect.next_event().is_function_call(name="identify_user")
        result.expect.next_event().is_function_call_output()
        result.expect.next_event().is_message(role="assistant")
        assert reply_text(result) == (
            "Welcome back John! You have an appointment on Friday, January 22nd at 9 AM. "
            "Would you like to modify it?"
        )

        result = await session.run(user_input="Yes, can I change it to 11 AM?")
        result.expect.next_event().is_function_call(
            name="modify_appointment",
            arguments={"appointment_id": "def6789a", "new_date": "2027-01-22", "new_time": "11:00"},
        )
        result.expect.next_event().is_function_call_output(is_error=False)
        result.expect.next_event().is_message(role="assistant")
        assert reply_text(result).startswith(
            "Done! Your appointment is now at 11 AM on Friday, January 22nd."
        )


async def test_seed_cancel_then_goodbye() -> None:
    clinic = john_clinic(time(11))
    async with DialogueLLM(today=lambda: TODAY) as model, AgentSession(llm=model) as session:
        await session.start(ReceptionAgent(clinic))
        await session.run(user_input="I need to cancel my appointment")

        result = await session.run(user_input="1234567890")
        result.expect.next_event().is_function_call(name="identify_user")
        result.expect.next_event().is_function_call_output()
        assert "at 11 AM. Should I cancel it?" in reply_text(result)

        result = await session.run(user_input="Yes please")
        result.expect.next_event().is_function_call(
            name="cancel_appointment", arguments={"appointment_id": "def6789a"}
        )
        result.expect.next_event().is_function_call_output(is_error=False)
        result.expect.next_event().is_message(role="assistant")
        assert "has been cancelled" in reply_text(result)

        result = await session.run(user_input="No, goodbye")
        result.expect.next_event().is_function_call(name="end_conversation")
        result.expect.next_event().is_function_call_output()
        result.expect.next_event().is_message(role="assistant")
        assert reply_text(result) == "Thank you for calling. Have a great day!"


async def test_seed_availability_without_phone_then_booking() -> None:
    clinic = FakeClinic()
    async with DialogueLLM(today=lambda: TODAY) as model, AgentSession(llm=model) as session:
        await session.start(ReceptionAgent(clinic))
        result = await session.run(user_input="What times are available on Friday?")
        result.expect.next_event().is_function_call(
            name="fetch_available_slots", arguments={"date": "2026-11-27"}
        )
        result.expect.next_event().is_function_call_output(is_error=False)
        result.expect.next_event().is_message(role="assistant")
        assert "Which would you prefer?" in reply_text(result)

        result = await session.run(user_input="ten a m please")
        result.expect.next_event().is_message(role="assistant")
        assert "phone number" in reply_text(result)


async def test_tool_error_is_relayed() -> None:
    clinic = FakeClinic()
    async with DialogueLLM(today=lambda: TODAY) as model, AgentSession(llm=model) as session:
        await session.start(ReceptionAgent(clinic))
        await session.run(user_input="I want to book an appointment")
        result = await session.run(user_input="123")
        result.expect.next_event().is_function_call(
            name="identify_user", arguments={"phone_number": "123"}
        )
        result.expect.next_event().is_function_call_output(is_error=True)
        result.expect.next_event().is_message(role="assistant")
        assert "ten-digit" in reply_text(result)


async def test_only_offered_tools_are_called() -> None:
    async with DialogueLLM(today=lambda: TODAY) as model, AgentSession(llm=model) as session:
        await session.start(NoSlotsAgent())
        result = await session.run(user_input="What times are available on Friday?")
        result.expect.next_event().is_message(role="assistant")
        result.expect.no_more_events()


async def test_dict_tool_output_is_understood() -> None:
    async with DialogueLLM(today=lambda: TODAY) as model, AgentSession(llm=model) as session:
        await session.start(DictToolAgent())
        result = await session.run(user_input="anything available on friday?")
        result.expect.next_event().is_function_call(name="fetch_available_slots")
        result.expect.next_event().is_function_call_output()
        result.expect.next_event().is_message(role="assistant")
        assert "9 AM or 10 AM" in reply_text(result)


async def test_stream_chunks_usage_and_metrics() -> None:
    model = DialogueLLM(today=lambda: TODAY, words_per_chunk=2)
    collected: list[LLMMetrics] = []
    model.on("metrics_collected", collected.append)
    ctx = llm.ChatContext.empty()
    ctx.add_message(role="system", content="instructions are ignored")
    ctx.add_message(role="user", content="I'd like to book an appointment")
    async with model.chat(chat_ctx=ctx) as stream:
        chunks = [chunk async for chunk in stream]
    text = "".join(c.delta.content or "" for c in chunks if c.delta)
    assert text == "Sure, I can help with that. May I have your phone number, please?"
    assert sum(1 for c in chunks if c.delta and c.delta.content) > 1
    usage = chunks[-1].usage
    assert usage is not None and usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    await model.aclose()
    assert collected and collected[0].completion_tokens == usage.completion_tokens
    assert (
        (model.model, model.provider)
        == (MODEL_NAME, PROVIDER_NAME)
        == (
            "offline-dialogue",
            "voice-agent",
        )
    )


async def test_tool_call_chunk_and_tool_choice_none() -> None:
    model = DialogueLLM(today=lambda: TODAY)
    agent = ReceptionAgent(FakeClinic())
    ctx = llm.ChatContext.empty()
    ctx.add_message(role="user", content="what's available tomorrow")
    response = await model.chat(chat_ctx=ctx, tools=agent.tools).collect()
    assert [c.name for c in response.tool_calls] == ["fetch_available_slots"]
    assert json.loads(response.tool_calls[0].arguments) == {"date": "2026-11-26"}
    assert response.tool_calls[0].call_id

    silent = await model.chat(chat_ctx=ctx, tools=agent.tools, tool_choice="none").collect()
    assert not silent.tool_calls and silent.text


def test_history_conversion() -> None:
    ctx = llm.ChatContext.empty()
    ctx.add_message(role="system", content="sys")
    ctx.add_message(role="assistant", content="Hello!")
    ctx.add_message(role="user", content="book me in")
    ctx.insert(
        llm.FunctionCall(
            call_id="c1", name="identify_user", arguments='{"phone_number": "9876543210"}'
        )
    )
    ctx.insert(llm.FunctionCallOutput(call_id="c1", output="bad", is_error=True))
    history = chat_ctx_to_history(ctx)
    assert [type(h).__name__ for h in history] == [
        "AssistantTurn",
        "UserTurn",
        "ToolCall",
        "ToolResult",
    ]
    assert history[3].name == "identify_user"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("auto", {"identify_user", "end_conversation"}),
        ("none", set()),
        ({"type": "function", "function": {"name": "end_conversation"}}, {"end_conversation"}),
    ],
)
def test_allowed_tool_names(choice: Any, expected: set[str]) -> None:
    tools = [
        t
        for t in ReceptionAgent(FakeClinic()).tools
        if getattr(t, "id", "") in ("identify_user", "end_conversation")
    ]
    assert allowed_tool_names(tools, choice) == expected


def test_word_groups_rejoin() -> None:
    text = "Shall I book Thursday, November 26th at 2 PM?"
    assert "".join(word_groups(text, 3)) == text
    assert word_groups("", 3) == []


def test_built_from_settings() -> None:
    from voice_agent.domain.calendar import ClinicCalendar

    class StubSettings:
        phone_region = "US"

        def calendar(self) -> ClinicCalendar:
            return ClinicCalendar(open_weekdays=frozenset({0, 1, 2, 3}))

    model = DialogueLLM(settings=StubSettings())
    engine = model.engine
    reply = engine.decide([UserTurn("what are your hours")]).reply or ""
    assert "Monday to Thursday" in reply and "3 PM" in reply
