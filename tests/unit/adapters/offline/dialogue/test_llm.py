"""``DialogueLLM``: the engine behind LiveKit's ``llm.LLM`` interface (chunks, usage, metrics,
tool calls, tool_choice, history conversion), with the receptionist's real tools."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from livekit.agents import llm
from livekit.agents.metrics import LLMMetrics

from voice_agent.adapters.offline.dialogue.engine import UserTurn
from voice_agent.adapters.offline.dialogue.llm import (
    MODEL_NAME,
    PROVIDER_NAME,
    DialogueLLM,
    allowed_tool_names,
    chat_ctx_to_history,
    word_groups,
)
from voice_agent.adapters.voice.agent import ReceptionistAgent
from voice_agent.bootstrap import Container
from voice_agent.config import get_settings
from voice_agent.domain.listening import Expectation, ListeningHint

from .talk import talking

TODAY = date(2026, 11, 25)


def _tools(container: Container) -> list[llm.Tool]:
    return list(ReceptionistAgent(container.scheduling).tools)


async def test_stream_chunks_usage_metrics_and_listening() -> None:
    hint = ListeningHint()
    model = DialogueLLM(today=lambda: TODAY, words_per_chunk=2, listening=hint)
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
    assert hint.current.kind is Expectation.PHONE and hint.current.digits == 10
    usage = chunks[-1].usage
    assert usage is not None and usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    await model.aclose()
    assert collected and collected[0].completion_tokens == usage.completion_tokens
    assert (model.model, model.provider) == (MODEL_NAME, PROVIDER_NAME)


async def test_tool_call_chunk_and_tool_choice_none(container: Container) -> None:
    model = DialogueLLM(today=lambda: TODAY)
    tools = _tools(container)
    ctx = llm.ChatContext.empty()
    ctx.add_message(role="user", content="what's available tomorrow")
    response = await model.chat(chat_ctx=ctx, tools=tools).collect()
    assert [c.name for c in response.tool_calls] == ["fetch_available_slots"]
    assert json.loads(response.tool_calls[0].arguments) == {"date": "2026-11-26"}
    assert response.tool_calls[0].call_id

    silent = await model.chat(chat_ctx=ctx, tools=tools, tool_choice="none").collect()
    assert not silent.tool_calls and silent.text


async def test_typed_tool_errors_are_understood(container: Container) -> None:
    async with talking(container) as talk:
        await talk("book me for Sunday at 10")
        await talk("5551234567")
        t = await talk("Mia Chen")
        assert t.called("fetch_available_slots")
        assert any(json.loads(e)["error"] == "weekend_unavailable" for e in t.errors)
        assert "weekend" in t.reply and "Monday" in t.reply
        assert t.reply.count("Sunday") == 1, t.reply  # not "Sunday, ... is a Sunday"


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
def test_allowed_tool_names(container: Container, choice: Any, expected: set[str]) -> None:
    tools = [
        t
        for t in _tools(container)
        if getattr(t, "id", "") in expected | {"identify_user", "end_conversation"}
    ]
    assert allowed_tool_names(tools, choice) == expected


def test_word_groups_rejoin() -> None:
    text = "Shall I book Thursday, November 26th at 2 PM?"
    assert "".join(word_groups(text, 3)) == text
    assert word_groups("", 3) == []


def test_built_from_settings(tmp_path: Any) -> None:
    profile = tmp_path / "clinic.toml"
    profile.write_text(
        'address = "12 Maple Street"\n[[faq]]\nquestion = "Do you take insurance?"\n'
        'answer = "We accept most insurance plans."\nkeywords = ["insurance"]\n'
    )
    settings = get_settings(clinic_days="mon,tue,wed,thu", clinic_profile=profile)
    engine = DialogueLLM(settings=settings).engine
    reply = engine.decide([UserTurn("what are your hours")]).reply or ""
    assert "Monday to Thursday" in reply and "3 PM" in reply
    reply = engine.decide([UserTurn("where are you? and do you take insurance?")]).reply or ""
    assert "12 Maple Street" in reply and "most insurance plans" in reply
