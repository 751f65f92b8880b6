"""Pricing a call from its usage. Money is Decimal; JSON gets rounded floats at the edge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SECONDS_PER_MINUTE = Decimal(60)
MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Pricing:
    """The seed's price table; every figure is configurable."""

    stt_per_minute: Decimal = Decimal("0.0058")
    tts_per_character: Decimal = Decimal("0.0000099")
    llm_input_per_million: Decimal = Decimal("0.15")
    llm_output_per_million: Decimal = Decimal("0.60")


@dataclass(frozen=True)
class Usage:
    stt_audio_seconds: Decimal = Decimal(0)
    tts_characters: int = 0
    llm_input_tokens: int = 0
    llm_output_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            stt_audio_seconds=self.stt_audio_seconds + other.stt_audio_seconds,
            tts_characters=self.tts_characters + other.tts_characters,
            llm_input_tokens=self.llm_input_tokens + other.llm_input_tokens,
            llm_output_tokens=self.llm_output_tokens + other.llm_output_tokens,
        )


@dataclass(frozen=True)
class CostBreakdown:
    stt_cost: Decimal
    tts_cost: Decimal
    llm_cost: Decimal
    usage: Usage

    @property
    def total_cost(self) -> Decimal:
        return self.stt_cost + self.tts_cost + self.llm_cost

    def to_json(self, places: int = 6) -> dict[str, Any]:
        q = Decimal(1).scaleb(-places)

        def r(x: Decimal) -> float:
            return float(x.quantize(q, rounding=ROUND_HALF_UP))

        return {
            "stt_cost": r(self.stt_cost),
            "tts_cost": r(self.tts_cost),
            "llm_cost": r(self.llm_cost),
            "total_cost": r(self.total_cost),
            "currency": "USD",
            "usage": {
                "stt_audio_seconds": float(self.usage.stt_audio_seconds),
                "tts_characters": self.usage.tts_characters,
                "llm_input_tokens": self.usage.llm_input_tokens,
                "llm_output_tokens": self.usage.llm_output_tokens,
            },
        }


def price(usage: Usage, pricing: Pricing) -> CostBreakdown:
    return CostBreakdown(
        stt_cost=usage.stt_audio_seconds / SECONDS_PER_MINUTE * pricing.stt_per_minute,
        tts_cost=usage.tts_characters * pricing.tts_per_character,
        llm_cost=(
            usage.llm_input_tokens * pricing.llm_input_per_million
            + usage.llm_output_tokens * pricing.llm_output_per_million
        )
        / MILLION,
        usage=usage,
    )


def seed_costs(cost_breakdown: Mapping[str, Any] | None) -> dict[str, Any]:
    """A call's stored cost breakdown in the seed's shape (its ``/summary`` ``costs`` and the
    ``summary`` event): the stored figures, with ``usage.stt_seconds`` as the seed names the
    audio seconds (all zero when unknown)."""
    costs: dict[str, Any] = {
        "stt_cost": 0.0,
        "tts_cost": 0.0,
        "llm_cost": 0.0,
        "total_cost": 0.0,
        "currency": "USD",
    }
    usage: dict[str, Any] = {
        "stt_audio_seconds": 0.0,
        "tts_characters": 0,
        "llm_input_tokens": 0,
        "llm_output_tokens": 0,
    }
    if cost_breakdown:
        costs.update({k: v for k, v in cost_breakdown.items() if k != "usage"})
        usage.update(cost_breakdown.get("usage") or {})
    usage["stt_seconds"] = round(float(usage.get("stt_audio_seconds") or 0.0), 2)
    costs["usage"] = usage
    return costs


def dollars(amount: object) -> str:
    """A call's cost as money: "$0.00", "$0.0123" (a call can cost a fraction of a cent);
    it printed "$0.0"."""
    try:
        value = Decimal(str(amount))
    except ArithmeticError:
        return str(amount)
    return f"${value:.2f}" if value == value.quantize(Decimal("0.01")) else f"${value:.4f}"


def cost_line(cost_breakdown: Mapping[str, Any] | None) -> str:
    """A call's stored cost breakdown as one line, its total first: "$0.0123 (speech-to-text
    $0.0021 for 22 s, ...)", or "$0.00 (offline engines cost nothing)" when nothing was paid.
    The seed asks for each call's cost: `call` printed none, and the demo called any cost
    "offline"."""
    costs = seed_costs(cost_breakdown)
    usage = costs["usage"]
    if Decimal(str(costs["total_cost"])) == 0:
        return f"{dollars(costs['total_cost'])} (offline engines cost nothing)"
    parts = [
        ("speech-to-text", costs["stt_cost"], f"{usage['stt_seconds']:g} s of audio"),
        ("text-to-speech", costs["tts_cost"], f"{usage['tts_characters']:,} characters"),
        (
            "language model",
            costs["llm_cost"],
            f"{usage['llm_input_tokens']:,} tokens in, {usage['llm_output_tokens']:,} out",
        ),
    ]
    shown = ", ".join(
        f"{what} {dollars(cost)} for {used}" for what, cost, used in parts if Decimal(str(cost))
    )
    return f"{dollars(costs['total_cost'])} ({shown})"
