"""A scripted LLM: each chat() request answers with the next scripted step."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from livekit.agents import APIConnectionError, llm
from livekit.agents.llm import ChatChunk, ChoiceDelta, CompletionUsage, FunctionToolCall
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN, APIConnectOptions


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


@dataclass
class Request:
    chat_ctx: llm.ChatContext
    tool_names: list[str] = field(default_factory=list)


class ScriptedLLM(llm.LLM):
    def __init__(self, steps: list[Step] | None = None, *, provider: str = "fake") -> None:
        super().__init__()
        self.steps: list[Step] = list(steps or [])
        self.requests: list[Request] = []
        self._provider = provider
        self._calls = 0

    @property
    def model(self) -> str:
        return "scripted"

    @property
    def provider(self) -> str:
        return self._provider

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
        names = [getattr(t, "id", "") for t in (tools or [])]
        self.requests.append(Request(chat_ctx=chat_ctx.copy(), tool_names=names))
        step = self.steps.pop(0) if self.steps else Say("(script exhausted)")
        self._calls += 1
        return _Stream(
            self,
            chat_ctx=chat_ctx,
            tools=tools or [],
            conn_options=conn_options,
            step=step,
            n=self._calls,
        )


class FailingLLM(ScriptedLLM):
    """Every request fails."""

    def __init__(self, *, provider: str = "broken") -> None:
        super().__init__(provider=provider)

    def chat(self, **kwargs: Any) -> llm.LLMStream:  # type: ignore[override]
        self.steps = [Fail()]
        return super().chat(**kwargs)


class _Stream(llm.LLMStream):
    def __init__(
        self,
        fake: ScriptedLLM,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
        step: Step,
        n: int,
    ) -> None:
        super().__init__(fake, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._step = step
        self._n = n

    async def _run(self) -> None:
        step = self._step
        rid = f"req-{self._n}"
        if isinstance(step, Fail):
            raise APIConnectionError(step.message, retryable=False)
        if step.text:
            for word in step.text.split(" "):
                self._event_ch.send_nowait(
                    ChatChunk(id=rid, delta=ChoiceDelta(role="assistant", content=word + " "))
                )
        if isinstance(step, Call):
            calls = [
                FunctionToolCall(
                    name=name, arguments=json.dumps(args), call_id=f"call-{self._n}-{i}"
                )
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
