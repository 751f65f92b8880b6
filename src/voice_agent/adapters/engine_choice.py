"""Cloud or offline, per kind of engine, from the settings alone (no engine imported).

``adapters/voice/providers.py`` builds the engines this chooses; ``voice-agent doctor`` only
reports the choice, and importing LiveKit and its plugins to do so cost it seconds.
"""

from __future__ import annotations

from typing import Literal

from voice_agent.config import Settings

Kind = Literal["stt", "tts", "llm"]
Mode = Literal["cloud", "offline"]

CLOUD_PROVIDERS: dict[Kind, tuple[str, str, str]] = {
    # kind: (provider name, key setting, env var)
    "stt": ("deepgram", "deepgram_api_key", "DEEPGRAM_API_KEY"),
    "tts": ("cartesia", "cartesia_api_key", "CARTESIA_API_KEY"),
    "llm": ("openai", "openai_api_key", "OPENAI_API_KEY"),
}


class ProviderConfigError(RuntimeError):
    """The configured providers cannot be built; the message says what to set."""


def choose(settings: Settings, kind: Kind) -> Mode:
    """Cloud or offline for one kind; raises ProviderConfigError for a named provider without
    its key."""
    configured: str = getattr(settings, f"{kind}_provider")
    name, key_field, env = CLOUD_PROVIDERS[kind]
    has_key = settings.secret(key_field) is not None
    if kind == "llm" and settings.openai_base_url:
        has_key = True
    if configured == "offline":
        return "offline"
    if configured == name:
        if not has_key:
            state = (
                "still holds the .env.example placeholder"
                if settings.holds_placeholder(key_field)
                else "is not set"
            )
            raise ProviderConfigError(
                f"{env} {state} ({kind.upper()}_PROVIDER={name}). Set it, or use "
                f"{kind.upper()}_PROVIDER=auto to run on the offline engine."
            )
        return "cloud"
    return "cloud" if has_key else "offline"
