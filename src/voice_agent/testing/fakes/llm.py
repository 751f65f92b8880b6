"""A scripted LLM: each chat() request answers with the next step of a script, or with what a
reply policy says, after an optional delay."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from livekit.agents import APIConnectionError, llm
from livekit.agents.llm import ChatChunk, ChoiceDelta, CompletionUsage, FunctionToolCall
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN, APIConnectOptions

from voice_agent.testing.fakes.base import EVERY, EngineFake


@dataclass
class Say:
    """Answer with text."""

    text: str
    prompt_tokens: int = 100
    completion_tokens: int = 10


@dataclass
class Call:
    """Answer with one or more tool calls (and optional text)."""

    calls: list[tuple[str, dict[str, Any]]]
    text: str = ""
    prompt_tokens: int = 100
    completion_tokens: int = 10

    @classmethod
    def one(cls, tool: str, /, **arguments: Any) -> Call:
        return cls([(tool, arguments)])


@dataclass
class Fail:
    """Fail the request like an unreachable provider."""

    message: str = "provider unreachable"


Step = Say | Call | Fail
ReplyFn = Callable[[llm.ChatContext, int], Step]
"""A reply policy: (the request's chat context, the request's number from 1) -> the step."""


@dataclass
class Request:
    chat_ctx: llm.ChatContext
    tool_names: list[str] = field(default_factory=list)


class ScriptedLLM(EngineFake, llm.LLM[Any]):
    """Answers request n with ``reply(chat_ctx, n)`` when a policy is given, else with the next
    scripted step ("(script exhausted)" when none is left).

    ``first_token_delay`` seconds pass before the first chunk, ``token_interval`` between
    words. Records ``requests`` and the events ``llm_call``, ``llm_first_token``, ``llm_fail``.
    """

    def __init__(
        self,
        steps: list[Step] | None = None,
        *,
        reply: ReplyFn | None = None,
        first_token_delay: float = 0.0,
        token_interval: float = 0.0,
        provider: str = "fake",
        fail_on: Collection[int] = (),
        retryable: bool = True,
    ) -> None:
        llm.LLM.__init__(self)
        self._init_fake(provider=provider, fail_on=fail_on, retryable=retryable)
        self.steps: list[Step] = list(steps or [])
        self.reply = reply
        self.first_token_delay = first_token_delay
        self.token_interval = token_interval
        self.requests: list[Request] = []
        self.calls = 0

    @property
    def model(self) -> str:
        return "scripted"

    def add(self, *steps: Step) -> None:
        self.steps.extend(steps)

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: Any = NOT_GIVEN,
        tool_choice: Any = NOT_GIVEN,
        extra_kwargs: Any = NOT_GIVEN,
    ) -> llm.LLMStream:
        self.calls += 1
        self.stamp("llm_call", self.calls)
        names = [getattr(t, "id", "") for t in (tools or [])]
        self.requests.append(Request(chat_ctx=chat_ctx.copy(), tool_names=names))
        if self.reply is not None:
            step = self.reply(chat_ctx, self.calls)
        else:
            step = self.steps.pop(0) if self.steps else Say("(script exhausted)")
        return _Stream(self, step, self.calls, chat_ctx, tools or [], conn_options)


class FailingLLM(ScriptedLLM):
    """Every request fails (not retryable), like a provider that is down."""

    def __init__(self, *, provider: str = "broken") -> None:
        super().__init__(provider=provider, fail_on=EVERY, retryable=False)


class _Stream(llm.LLMStream):
    def __init__(
        self,
        fake: ScriptedLLM,
        step: Step,
        n: int,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
    ) -> None:
        super().__init__(fake, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._fake = fake
        self._step = step
        self._n = n

    async def _run(self) -> None:
        fake, step, n = self._fake, self._step, self._n
        rid = f"req-{n}-{uuid.uuid4().hex[:6]}"
        if fake.first_token_delay > 0:
            await asyncio.sleep(fake.first_token_delay)
        fake.check_failure("llm", n)
        if isinstance(step, Fail):
            fake.stamp("llm_fail", n)
            raise APIConnectionError(step.message, retryable=False)
        fake.stamp("llm_first_token", n)
        for i, word in enumerate(step.text.split(" ") if step.text else []):
            if i and fake.token_interval > 0:
                await asyncio.sleep(fake.token_interval)
            self._event_ch.send_nowait(
                ChatChunk(id=rid, delta=ChoiceDelta(role="assistant", content=word + " "))
            )
        if isinstance(step, Call):
            calls = [
                FunctionToolCall(name=name, arguments=json.dumps(args), call_id=f"call-{rid}-{i}")
                for i, (name, args) in enumerate(step.calls)
            ]
            self._event_ch.send_nowait(
                ChatChunk(id=rid, delta=ChoiceDelta(role="assistant", tool_calls=calls))
            )
        self._event_ch.send_nowait(
            ChatChunk(
                id=rid,
                usage=CompletionUsage(
                    prompt_tokens=step.prompt_tokens,
                    completion_tokens=step.completion_tokens,
                    total_tokens=step.prompt_tokens + step.completion_tokens,
                ),
            )
        )


# --- a receptionist-like reply policy ----------------------------------------------------------
# Token counts of a typical turn of a cloud model with the receptionist's prompt.
_PROMPT_TOKENS = 400
_COMPLETION_TOKENS = 20


def model_says(text: str) -> Say:
    """A spoken reply with a cloud model's typical token counts."""
    return Say(text, prompt_tokens=_PROMPT_TOKENS, completion_tokens=_COMPLETION_TOKENS)


def model_calls(tool: str, arguments: dict[str, Any]) -> Call:
    """One tool call with a cloud model's typical token counts."""
    return Call(
        [(tool, arguments)], prompt_tokens=_PROMPT_TOKENS, completion_tokens=_COMPLETION_TOKENS
    )


def receptionist_reply(
    *, tool: tuple[str, dict[str, Any]] | None = None, text: str | None = None
) -> ReplyFn:
    """After a tool output, speak about it (relaying a tool error verbatim, as the prompt tells
    a real model to); otherwise call ``tool`` when given, else say ``text``."""

    def reply(chat_ctx: llm.ChatContext, _n: int) -> Step:
        last = chat_ctx.items[-1] if chat_ctx.items else None
        if isinstance(last, llm.FunctionCallOutput):
            if last.is_error:
                return model_says(f"I'm sorry. {last.output}")
            return model_says(_speak_result(last.name, last.output))
        if tool is not None:
            return model_calls(*tool)
        return model_says(text or "Sure. We are open Monday to Friday, nine to four.")

    return reply


def _speak_result(name: str, output: str) -> str:
    try:
        data = json.loads(output)
    except ValueError:
        return "Done."
    if name == "fetch_available_slots" and isinstance(data, dict):
        times = data.get("spoken_times") or []
        day = data.get("spoken_date", "that day")
        if times:
            return f"On {day} I have {', '.join(times[:3])}. Which one would you like?"
        return f"Sorry, {day} is fully booked."
    if name == "end_conversation":
        return "Thank you for calling. Goodbye!"
    return "All set."
