"""The receptionist: an Agent with the scheduling tools and the voice prompt."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterable, Sequence
from typing import Any

from livekit import rtc
from livekit.agents import Agent, ModelSettings, StopResponse, llm

from voice_agent.adapters.voice.prompts import ASIDES
from voice_agent.adapters.voice.prompts import instructions as receptionist_instructions
from voice_agent.adapters.voice.tools import CallState, ReceptionistTools
from voice_agent.domain.answers import (
    asks_yes_or_no,
    question_was_played,
    said_before,
    seconds_before_question,
)
from voice_agent.services.scheduling import SchedulingService

__all__ = ["CallState", "ReceptionistAgent", "SpokenTexts"]

logger = logging.getLogger(__name__)


class SpokenTexts:
    """The whole text of the agent's latest speeches. A speech the caller interrupts is kept in
    the chat context only as far as it was played; this keeps what it was going to say."""

    def __init__(self, keep: int = 4) -> None:
        self._texts: deque[list[str]] = deque(maxlen=keep)

    async def tee(self, text: AsyncIterable[str]) -> AsyncGenerator[str, None]:
        """``text``, passed on while it is kept."""
        parts: list[str] = []
        self._texts.append(parts)
        async for chunk in text:
            parts.append(chunk)
            yield chunk

    def whole(self, played: str) -> str:
        """The latest speech that began with ``played`` (``played`` itself if none did)."""
        start = " ".join(played.split())
        for parts in reversed(self._texts):
            text = " ".join("".join(parts).split())
            if start and text.startswith(start):
                return text
        return played


def _question(chat_ctx: llm.ChatContext) -> llm.ChatMessage | None:
    """The agent's latest words in ``chat_ctx``, passing over a request to repeat or "are you
    still there?" (the caller answering it is still answering the question before it)."""
    for item in reversed(chat_ctx.items):
        if (
            isinstance(item, llm.ChatMessage)
            and item.role == "assistant"
            and (item.text_content or "").strip() not in ASIDES
        ):
            return item
    return None


class ReceptionistAgent(ReceptionistTools, Agent):
    def __init__(
        self,
        scheduling: SchedulingService,
        *,
        clinic_name: str = "the clinic",
        instructions: str | None = None,
        call_context: str | None = None,
        extra_tools: Sequence[llm.FunctionTool[Any, Any]] = (),
    ) -> None:
        """``call_context``: the one line describing the call (``CallInfo.render()``),
        appended to the instructions; ``extra_tools``: tools this call offers besides the
        scheduling ones (``transfer_to_staff`` on a phone call)."""
        self._scheduling = scheduling
        self._spoken = SpokenTexts()
        text = instructions or receptionist_instructions(
            clinic_name=clinic_name, calendar=scheduling.calendar
        )
        if call_context:
            text = f"{text}\n\n{call_context}"
        super().__init__(instructions=text, tools=list(extra_tools))

    def tts_node(
        self, text: AsyncIterable[str], model_settings: ModelSettings
    ) -> AsyncGenerator[rtc.AudioFrame, None]:
        return Agent.default.tts_node(self, self._spoken.tee(text), model_settings)

    async def on_user_turn_completed(
        self, turn_ctx: llm.ChatContext, new_message: llm.ChatMessage
    ) -> None:
        """A turn whose speech ended before the agent began a yes/no question is not its
        answer: the turn is dropped and the question asked again.

        Checked here, before the model (cloud or offline engine) sees the turn, so it holds
        for both; the tools have no confirmation step of their own, the model's reading of the
        caller's yes is the confirmation. The timing facts are the framework's: when the
        caller stopped speaking (the VAD's end of speech, kept on the user message) and when
        the agent's speech started and stopped playing (on its message); a question at the
        end of a longer speech begins later, estimated at a brisk speaking rate, and a speech
        the caller cut off before its question asked nothing. Without them (typed turns, no
        VAD) nothing is checked. The dropped turn stays in the call's record. Stale words
        after an open question go through: they change nothing by themselves, and a change
        still needs a yes to its own question."""
        ended = new_message.metrics.get("stopped_speaking_at")
        question = _question(turn_ctx)
        if ended is None or question is None:
            return
        started = question.metrics.get("started_speaking_at", question.created_at)
        played = words = question.text_content or ""
        if question.interrupted:
            words = self._spoken.whole(played)
        if not asks_yes_or_no(words):
            return
        # when its question began: estimated briskly from its start, and no later than its
        # end where it was played to the end
        asked_at = started + seconds_before_question(words)
        finished = question.metrics.get("stopped_speaking_at")
        if finished is not None and not question.interrupted:
            asked_at = min(asked_at, finished)
        unheard = question.interrupted and not question_was_played(played, words)
        if not unheard and not said_before(speech_ended_at=ended, question_started_at=asked_at):
            return
        logger.info(
            "caller's words were said before the question: asking it again",
            extra={"said_before_by": round(asked_at - ended, 2), "cut": question.interrupted},
        )
        # Kept in the call's history (the record, the frontend) but not in the model's context:
        # the framework's own way with a turn it does not answer (agent_activity, skip_reply).
        self.session._conversation_item_added(new_message)
        self.session.say(words, allow_interruptions=True)
        raise StopResponse
