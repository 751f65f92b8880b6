"""From the framework's usage counters to the domain's Usage and a priced CostBreakdown."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from decimal import Decimal

from livekit.agents.metrics import (
    AgentSessionUsage,
    LLMModelUsage,
    ModelUsage,
    STTModelUsage,
    TTSModelUsage,
)

from voice_agent.domain.costs import CostBreakdown, Pricing, Usage, price


def usage_from_models(
    model_usage: Iterable[ModelUsage], *, free_providers: Collection[str] = ()
) -> Usage:
    """Sum STT audio seconds, TTS characters and LLM tokens over every paid model.

    ``free_providers`` names providers that cost nothing (the embedded offline engines), so a
    call that fell back to them is not billed at cloud prices.
    """
    total = Usage()
    for u in model_usage:
        if u.provider in free_providers:
            continue
        if isinstance(u, STTModelUsage):
            total += Usage(stt_audio_seconds=_seconds(u.audio_duration))
        elif isinstance(u, TTSModelUsage):
            total += Usage(tts_characters=u.characters_count)
        elif isinstance(u, LLMModelUsage):
            total += Usage(llm_input_tokens=u.input_tokens, llm_output_tokens=u.output_tokens)
    return total


def _seconds(value: float) -> Decimal:
    return Decimal(str(round(value, 3)))


class UsageMeter:
    """The call's usage: the session's latest counters plus extra work done outside the
    session (the summary request)."""

    def __init__(self, pricing: Pricing, *, free_providers: Collection[str] = ()) -> None:
        self._pricing = pricing
        self._free = frozenset(free_providers)
        self._session = Usage()
        self._extra = Usage()

    def observe(self, session_usage: AgentSessionUsage) -> None:
        """Replace the session part with the framework's cumulative counters."""
        self._session = usage_from_models(session_usage.model_usage, free_providers=self._free)

    def add(self, usage: Usage) -> None:
        self._extra += usage

    def usage(self) -> Usage:
        return self._session + self._extra

    def cost(self) -> CostBreakdown:
        return price(self.usage(), self._pricing)
