"""``DialogueLLM``: the deterministic dialogue engine behind LiveKit's ``llm.LLM`` interface.

With no cloud keys the voice pipeline still needs a language model; this adapter turns each
``chat()`` request into a call to :class:`DialogueEngine` and streams back what a cloud model
would: either tool calls (which ``AgentSession`` executes before calling ``chat()`` again with
their outputs) or the text of the reply, followed by a usage chunk so cost metrics work.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, Literal

from livekit.agents import llm, utils
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import is_given

from voice_agent.adapters.offline.dialogue.engine import (
    AssistantTurn,
    CallInfo,
    Decision,
    DialogueEngine,
    HistoryItem,
    ToolCall,
    ToolResult,
    UserTurn,
    listening_for,
)
from voice_agent.adapters.offline.dialogue.phrasing import Style
from voice_agent.domain.calendar import ClinicCalendar
from voice_agent.domain.listening import ListeningHint

logger = logging.getLogger(__name__)

MODEL_NAME = "offline-dialogue"
PROVIDER_NAME = "voice-agent"


class DialogueLLM(llm.LLM[Literal["metrics_collected", "error"]]):
    """A LiveKit LLM whose "model" is the rule-based scheduling dialogue engine."""

    keeps_unconfirmed_names_unsaid = True
    """identify_user may show it the name on an account the caller has not named: the
    engine says it only when name_confirmed (``Identity.name_confirmed``), and keeps it to
    take a correction ("it's Nowack, not Novak"). See ``tools.NAMES_KEPT_UNSAID``."""

    def __init__(
        self,
        engine: DialogueEngine | None = None,
        *,
        today: Callable[[], date] | None = None,
        settings: Any | None = None,
        clock_tool: bool = False,
        style: Style = "spoken",
        listening: ListeningHint | None = None,
        words_per_chunk: int = 4,
    ) -> None:
        """Use ``engine``, or build one.

        ``today`` returns the clinic's today; without it, ``settings`` (the app's Settings:
        ``calendar()`` and ``profile()``) gives the clinic's time zone, hours and profile, else
        the host's date is used. ``clock_tool`` makes the engine ask ``get_current_time`` first.
        ``style`` is "spoken" for voice calls, "written" for typed chat. ``listening`` is the
        call's channel to the recogniser: after every reply it says what the caller is
        expected to answer (a phone number, yes or no, a day and time...).
        """
        super().__init__()
        if engine is None:
            engine = _engine_from(
                today=today, settings=settings, clock_tool=clock_tool, style=style
            )
        self._engine = engine
        self._listening = listening
        self._words_per_chunk = max(1, words_per_chunk)

    @property
    def model(self) -> str:
        return MODEL_NAME

    @property
    def provider(self) -> str:
        return PROVIDER_NAME

    @property
    def engine(self) -> DialogueEngine:
        return self._engine

    @property
    def listening(self) -> ListeningHint | None:
        return self._listening

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: NotGivenOr[bool] = NOT_GIVEN,
        tool_choice: NotGivenOr[llm.ToolChoice] = NOT_GIVEN,
        extra_kwargs: NotGivenOr[dict[str, Any]] = NOT_GIVEN,
    ) -> DialogueLLMStream:
        return DialogueLLMStream(
            self,
            chat_ctx=chat_ctx,
            tools=tools or [],
            conn_options=conn_options,
            tool_choice=tool_choice,
        )


class DialogueLLMStream(llm.LLMStream):
    """One engine decision, streamed as ``ChatChunk``s."""

    def __init__(
        self,
        dialogue_llm: DialogueLLM,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
        tool_choice: NotGivenOr[llm.ToolChoice] = NOT_GIVEN,
    ) -> None:
        super().__init__(dialogue_llm, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._dialogue_llm = dialogue_llm
        self._tool_choice = tool_choice

    async def _run(self) -> None:
        history = chat_ctx_to_history(self._chat_ctx)
        available = allowed_tool_names(self._tools, self._tool_choice)
        decision = self._dialogue_llm.engine.decide(history, available_tools=available)
        request_id = utils.shortuuid("offline_dialogue_")
        prompt_chars = sum(_item_chars(item) for item in history)
        completion = self._emit(request_id, decision)
        completion_tokens = len(completion) // 4
        prompt_tokens = prompt_chars // 4
        self._event_ch.send_nowait(
            llm.ChatChunk(
                id=request_id,
                usage=llm.CompletionUsage(
                    completion_tokens=completion_tokens,
                    prompt_tokens=prompt_tokens,
                    total_tokens=completion_tokens + prompt_tokens,
                ),
            )
        )

    def _emit(self, request_id: str, decision: Decision) -> str:
        """Send the decision's chunks; returns the generated text (for token estimates)."""
        if decision.tool_calls:
            calls = [
                llm.FunctionToolCall(
                    name=call.name,
                    arguments=json.dumps(call.args),
                    call_id=utils.shortuuid("call_"),
                )
                for call in decision.tool_calls
            ]
            logger.debug("offline dialogue calls tools: %s", [c.name for c in calls])
            self._event_ch.send_nowait(
                llm.ChatChunk(
                    id=request_id,
                    delta=llm.ChoiceDelta(role="assistant", tool_calls=calls),
                )
            )
            return "".join(c.name + c.arguments for c in calls)
        reply = decision.reply or ""
        hint = self._dialogue_llm.listening
        if hint is not None:
            hint.expect(listening_for(decision))
        logger.debug("offline dialogue replies (%d chars)", len(reply))
        for piece in word_groups(reply, self._dialogue_llm._words_per_chunk):
            self._event_ch.send_nowait(
                llm.ChatChunk(id=request_id, delta=llm.ChoiceDelta(role="assistant", content=piece))
            )
        return reply


def _engine_from(
    *, today: Callable[[], date] | None, settings: Any | None, clock_tool: bool, style: Style
) -> DialogueEngine:
    if settings is None:
        return DialogueEngine(today=today, clock_tool=clock_tool, style=style)
    calendar: ClinicCalendar = settings.calendar()
    if today is None:

        def today() -> date:
            return calendar.today(datetime.now(UTC))

    return DialogueEngine(
        today=today,
        calendar=calendar,
        profile=settings.profile(),
        style=style,
        clock_tool=clock_tool,
    )


def chat_ctx_to_history(chat_ctx: llm.ChatContext) -> list[HistoryItem]:
    """The engine's view of a LiveKit chat context (system messages and handoffs dropped)."""
    history: list[HistoryItem] = []
    names_by_call: dict[str, str] = {}
    for item in chat_ctx.items:
        if item.type == "message":
            text = item.text_content or ""
            if item.role in ("system", "developer"):
                info = CallInfo.parse(text)
                if info is not None:
                    history.append(info)
            elif item.role == "user":
                if text.strip():
                    history.append(UserTurn(text))
            elif item.role == "assistant":
                history.append(AssistantTurn(text))
        elif item.type == "function_call":
            names_by_call[item.call_id] = item.name
            history.append(ToolCall(item.name, _load_args(item.arguments), item.call_id))
        elif item.type == "function_call_output":
            name = item.name or names_by_call.get(item.call_id, "")
            history.append(ToolResult(name, item.output, item.is_error, item.call_id))
    return history


def allowed_tool_names(tools: list[llm.Tool], tool_choice: NotGivenOr[llm.ToolChoice]) -> set[str]:
    """Function tools the model may call under ``tool_choice``."""
    names = set(llm.ToolContext(tools).function_tools)
    if not is_given(tool_choice) or tool_choice in ("auto", "required", None):
        return names
    if tool_choice == "none":
        return set()
    if isinstance(tool_choice, dict):
        wanted = tool_choice.get("function", {}).get("name")
        return {wanted} & names if wanted else names
    return names


def word_groups(text: str, size: int) -> list[str]:
    """``text`` split into pieces of ``size`` words that join back to exactly ``text``."""
    words = text.split(" ")
    pieces = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    return [p if i == 0 else " " + p for i, p in enumerate(pieces)] if text else []


def _load_args(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _item_chars(item: HistoryItem) -> int:
    if isinstance(item, CallInfo):
        return 0
    if isinstance(item, UserTurn | AssistantTurn):
        return len(item.text)
    if isinstance(item, ToolCall):
        return len(item.name) + len(json.dumps(item.args, default=str))
    return len(item.output)
