"""Usage from the framework's counters, priced with the seed's table."""

from __future__ import annotations

from decimal import Decimal

from livekit.agents.metrics import (
    AgentSessionUsage,
    LLMModelUsage,
    STTModelUsage,
    TTSModelUsage,
)

from voice_agent.adapters.voice.usage import UsageMeter, usage_from_models
from voice_agent.config import Settings
from voice_agent.domain.costs import Usage

# A 2-3 minute call: 165 s of caller audio, ~1060 characters spoken, ~12k/1.8k tokens.
SEED_CALL = [
    STTModelUsage(provider="deepgram", model="nova-2", audio_duration=165.0),
    TTSModelUsage(provider="cartesia", model="sonic-2", characters_count=1060),
    LLMModelUsage(provider="api.openai.com", model="gpt-4o-mini", input_tokens=12_000),
    LLMModelUsage(provider="api.openai.com", model="gpt-4o-mini", output_tokens=1_800),
]


def test_a_seed_sized_call_costs_about_three_cents() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    meter = UsageMeter(settings.pricing())
    meter.observe(AgentSessionUsage(model_usage=list(SEED_CALL)))
    cost = meter.cost()

    # by hand: 165/60 x 0.0058; 1060 x 0.0000099; (12000 x 0.15 + 1800 x 0.60) / 1e6
    assert cost.stt_cost == Decimal("0.01595")
    assert cost.tts_cost == Decimal("0.0104940")
    assert cost.llm_cost == Decimal("0.00288")
    assert cost.total_cost == Decimal("0.0293240")
    assert abs(cost.total_cost - Decimal("0.03")) < Decimal("0.001")
    assert cost.to_json() == {
        "stt_cost": 0.01595,
        "tts_cost": 0.010494,
        "llm_cost": 0.00288,
        "total_cost": 0.029324,
        "currency": "USD",
        "usage": {
            "stt_audio_seconds": 165.0,
            "tts_characters": 1060,
            "llm_input_tokens": 12000,
            "llm_output_tokens": 1800,
        },
    }


def test_offline_engines_are_free() -> None:
    usage = usage_from_models(
        [
            *SEED_CALL,
            STTModelUsage(provider="pocketsphinx", model="en-us", audio_duration=30.0),
            LLMModelUsage(provider="voice-agent", model="dialogue", input_tokens=999),
        ],
        free_providers={"pocketsphinx", "voice-agent"},
    )
    assert usage == Usage(
        stt_audio_seconds=Decimal("165.0"),
        tts_characters=1060,
        llm_input_tokens=12_000,
        llm_output_tokens=1_800,
    )


def test_observe_replaces_and_add_accumulates() -> None:
    meter = UsageMeter(Settings(_env_file=None).pricing())  # type: ignore[call-arg]
    meter.observe(AgentSessionUsage(model_usage=[SEED_CALL[2]]))
    meter.observe(AgentSessionUsage(model_usage=[SEED_CALL[2]]))  # cumulative, not added
    meter.add(Usage(llm_input_tokens=400, llm_output_tokens=12))
    assert meter.usage().llm_input_tokens == 12_400
    assert meter.usage().llm_output_tokens == 12
