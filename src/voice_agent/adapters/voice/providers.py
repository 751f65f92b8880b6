"""Choosing and building the speech and language engines from Settings.

Per kind (stt, tts, llm) the setting is "auto", the cloud provider's name, or "offline":

* cloud (key set, or named explicitly): the cloud engine wrapped in the framework's
  ``FallbackAdapter`` with the offline engine behind it, so a failing provider degrades to the
  embedded one instead of dropping the call;
* offline (no key under "auto", or named explicitly): the embedded engine alone.

A provider named explicitly without its key is a start-up error naming the variable. The
offline engines (adapters/offline) are hard dependencies of the project and imported directly.

One call's providers share a :class:`~voice_agent.domain.listening.ListeningHint`: the
dialogue engine says what it expects the caller to say next, the recogniser listens for it.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from livekit.agents import NOT_GIVEN, llm, stt, tts, vad
from livekit.plugins import cartesia, deepgram, openai, silero

from voice_agent.adapters.engine_choice import (  # the choice, re-exported with the building
    CLOUD_PROVIDERS as CLOUD_PROVIDERS,
)
from voice_agent.adapters.engine_choice import Kind as Kind
from voice_agent.adapters.engine_choice import Mode as Mode
from voice_agent.adapters.engine_choice import ProviderConfigError as ProviderConfigError
from voice_agent.adapters.engine_choice import choose as choose
from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.adapters.offline.tts import EspeakTTS
from voice_agent.adapters.voice.vad import BatchedVAD
from voice_agent.config import Settings
from voice_agent.domain.listening import ListeningHint

logger = logging.getLogger(__name__)

LLMEngine = llm.LLM[Any]
STTEngine = stt.STT[Any]
TTSEngine = tts.TTS[Any]
VADModel = vad.VAD
T = TypeVar("T")

_CLOUD = CLOUD_PROVIDERS
# an OpenAI-compatible server given by OPENAI_BASE_URL may need no key; the client wants one
_KEYLESS_PLACEHOLDER = "not-needed"


def check_providers(settings: Settings) -> dict[Kind, Mode]:
    """Validate the provider settings before any call starts (the worker calls this at start-up).

    Raises ProviderConfigError for a named provider without its key, and for options the
    chosen provider would ignore (CARTESIA_SPEED with a model that takes no speed).
    """
    kinds: tuple[Kind, ...] = ("stt", "tts", "llm")
    modes = {k: choose(settings, k) for k in kinds}
    if modes["tts"] == "cloud":
        cartesia_speed(settings)
    return modes


def placeholder_notes(settings: Settings) -> list[str]:
    """One line per provider key that still holds its ``.env.example`` placeholder (the
    provider then runs offline under "auto"), for the worker to print at start."""
    notes = []
    for kind, (name, key_field, env) in _CLOUD.items():
        if settings.holds_placeholder(key_field):
            notes.append(
                f"{env} still holds the .env.example placeholder: {kind.upper()} runs on the "
                f"offline engine instead of {name}."
            )
    return notes


def cartesia_speed(settings: Settings) -> float | None:
    """CARTESIA_SPEED as the pinned Cartesia plugin will send it, or ProviderConfigError.

    livekit-plugins-cartesia 1.8 sends a speed only to sonic-3 models (its
    ``generation_config.speed``, 0.6 to 2.0); for any other model, at the API version it
    uses, the speed is silently dropped, so a speed set with one is refused here."""
    speed = settings.cartesia_speed
    if speed is None:
        return None
    model = settings.cartesia_model
    if not model.startswith("sonic-3"):
        raise ProviderConfigError(
            f"CARTESIA_SPEED={speed:g} would be ignored: the Cartesia plugin sends a speed only "
            f"to sonic-3 models, and CARTESIA_MODEL is {model}. Unset CARTESIA_SPEED, or set "
            "CARTESIA_MODEL=sonic-3 with a speed from 0.6 to 2.0 (1.0 is normal)."
        )
    if not 0.6 <= speed <= 2.0:
        raise ProviderConfigError(
            f"CARTESIA_SPEED={speed:g} is out of range for {model}: use 0.6 to 2.0 "
            "(1.0 is normal speed)."
        )
    return speed


# --- building ---------------------------------------------------------------------------------
def deepgram_stt(settings: Settings) -> STTEngine:
    return deepgram.STT(
        model=settings.deepgram_model,
        language=settings.deepgram_language,
        smart_format=True,
        punctuate=True,
        api_key=settings.secret("deepgram_api_key") or NOT_GIVEN,
    )


def cartesia_tts(settings: Settings) -> TTSEngine:
    return cartesia.TTS(
        model=settings.cartesia_model,
        voice=settings.cartesia_voice,
        speed=cartesia_speed(settings),
        api_key=settings.secret("cartesia_api_key"),
    )


def openai_llm(settings: Settings) -> LLMEngine:
    key = settings.secret("openai_api_key") or _KEYLESS_PLACEHOLDER
    return openai.LLM(
        model=settings.openai_model,
        temperature=settings.llm_temperature,
        api_key=key,
        base_url=settings.openai_base_url or NOT_GIVEN,
    )


def _accepts(target: Callable[..., Any], name: str) -> bool:
    return name in inspect.signature(target).parameters


def offline_stt(settings: Settings, *, listening: ListeningHint | None = None) -> STTEngine:
    cache_dir = settings.cache_dir / "lm" if settings.cache_dir is not None else None
    # The call's hint: the dialogue says what it expects next, the recogniser listens for it.
    return PocketSphinxSTT(
        cache_dir=cache_dir,
        listening=listening,
        second_opinion=(
            None if settings.offline_second_opinion == "none" else settings.offline_second_opinion
        ),
        keep_readings=settings.offline_keep_readings,
    )


def offline_tts(settings: Settings) -> TTSEngine:
    return EspeakTTS()


def offline_llm(
    settings: Settings, *, listening: ListeningHint | None = None, voice: bool = True
) -> LLMEngine:
    # Like a cloud model, the dialogue engine learns today's date from the get_current_time
    # tool, i.e. from the call's injected clock. A voice call reads codes and numbers out one
    # character at a time; typed chat shows them as text.
    return DialogueLLM(
        settings=settings,
        clock_tool=True,
        listening=listening,
        style="spoken" if voice else "written",
    )


def load_vad(settings: Settings) -> VADModel:
    """Silero VAD with the configured thresholds; load once per process (prewarm)."""
    deactivation = settings.vad_deactivation_threshold
    return silero.VAD.load(
        min_silence_duration=settings.vad_min_silence,
        min_speech_duration=settings.vad_min_speech,
        deactivation_threshold=deactivation if deactivation is not None else NOT_GIVEN,
    )


def call_vad(model: VADModel) -> VADModel:
    """The VAD for one call: a Silero VAD of its own over the process's loaded model (the
    ONNX session; options shared, so ``update_options`` on the process's VAD still counts).

    Every session listens to its VAD's metrics: with one VAD object shared by all calls of a
    process, each stream's metrics (one a second) went to every session, N-squared event
    handlers (usage totals, ``session_usage_updated``, pydantic copies) on the event loop,
    and into other calls' usage. Its inference is batched with the other calls' of the
    process (:class:`~voice_agent.adapters.voice.vad.BatchedVAD`). Any other VAD is returned
    as it is."""
    if isinstance(model, silero.VAD):
        # the plugin's constructor takes the loaded session and options; load() makes them
        return BatchedVAD(session=model._onnx_session, opts=model._opts)
    return model


@dataclass(frozen=True)
class Engines:
    """How each engine is constructed. Tests replace entries with fakes; a replacement for
    ``offline_stt`` / ``offline_llm`` receives ``listening=`` only if it accepts it."""

    cloud_stt: Callable[[Settings], STTEngine] = deepgram_stt
    cloud_tts: Callable[[Settings], TTSEngine] = cartesia_tts
    cloud_llm: Callable[[Settings], LLMEngine] = openai_llm
    offline_stt: Callable[..., STTEngine] = offline_stt
    offline_tts: Callable[[Settings], TTSEngine] = offline_tts
    offline_llm: Callable[..., LLMEngine] = offline_llm


@dataclass
class Providers:
    llm: LLMEngine
    stt: STTEngine | None = None
    tts: TTSEngine | None = None
    vad: VADModel | None = None
    summary_llm: LLMEngine | None = None
    """The cloud LLM on its own (no offline fallback), for writing summaries; None offline."""
    modes: dict[str, str] = field(default_factory=dict)
    """What was chosen per kind: "cloud", "cloud+offline" or "offline"."""
    free_providers: frozenset[str] = frozenset()
    """Provider names of the embedded engines in use; their usage costs nothing."""
    listening: ListeningHint | None = None
    """The call's hint (what the dialogue expects next), when one was given."""
    _owned: list[Any] = field(default_factory=list, repr=False)

    async def aclose(self) -> None:
        for engine in reversed(self._owned):
            try:
                await engine.aclose()
            except Exception:
                logger.warning("closing an engine failed", exc_info=True)
        self._owned.clear()


def build_providers(
    settings: Settings,
    *,
    vad: VADModel | None = None,
    engines: Engines | None = None,
    voice: bool = True,
    listening: ListeningHint | None = None,
) -> Providers:
    """Build the engines the settings ask for. ``voice=False`` builds the LLM only (text mode).

    ``listening`` is the call's hint, shared by the offline dialogue engine (which sets it)
    and the offline recogniser (which reads it): build one set of providers per call.
    Raises ProviderConfigError when the configuration cannot work.
    """
    engines = engines or Engines()

    def offline_llm_engine(s: Settings) -> LLMEngine:
        if _accepts(engines.offline_llm, "voice"):
            return _call_with_listening(
                functools.partial(engines.offline_llm, voice=voice), s, listening
            )
        return _call_with_listening(engines.offline_llm, s, listening)

    def offline_stt_engine(s: Settings) -> STTEngine:
        return _call_with_listening(engines.offline_stt, s, listening)

    vad = call_vad(vad) if vad is not None else None
    providers = Providers(llm=None, vad=vad, listening=listening)  # type: ignore[arg-type]
    free: set[str] = set()
    paid: set[str] = set()

    def pick(
        kind: Kind,
        cloud: Callable[[Settings], T],
        offline: Callable[[Settings], T],
        wrap: Callable[[list[T]], T],
    ) -> tuple[T, T | None]:
        mode = choose(settings, kind)
        if mode == "offline":
            engine = _build(kind, offline, settings)
            providers._owned.append(engine)
            free.add(getattr(engine, "provider", "offline"))
            providers.modes[kind] = "offline"
            return engine, None
        primary = _build(kind, cloud, settings)
        providers._owned.append(primary)
        paid.add(getattr(primary, "provider", kind))
        try:
            backup = _build(kind, offline, settings)
        except ProviderConfigError as exc:
            logger.warning(
                "no offline fallback; using the cloud provider alone",
                extra={"kind": kind, "reason": str(exc)},
            )
            providers.modes[kind] = "cloud"
            return primary, primary
        providers._owned.append(backup)
        free.add(getattr(backup, "provider", "offline"))
        try:
            adapter = wrap([primary, backup])
        except ValueError as exc:
            raise ProviderConfigError(f"cannot combine the {kind.upper()} engines: {exc}") from None
        providers._owned.append(adapter)
        providers.modes[kind] = "cloud+offline"
        return adapter, primary

    def wrap_llm(engines: list[LLMEngine]) -> LLMEngine:
        return llm.FallbackAdapter(engines)

    def wrap_stt(engines: list[STTEngine]) -> STTEngine:
        # no retries on a failing engine: switch to the backup at once (bench/faults.py)
        return stt.FallbackAdapter(engines, vad=vad, max_retry_per_stt=0)

    def wrap_tts(engines: list[TTSEngine]) -> TTSEngine:
        return tts.FallbackAdapter(engines, max_retry_per_tts=0)

    providers.llm, providers.summary_llm = pick(
        "llm", engines.cloud_llm, offline_llm_engine, wrap_llm
    )
    if voice:
        stt_engine, _ = pick("stt", engines.cloud_stt, offline_stt_engine, wrap_stt)
        tts_engine, _ = pick("tts", engines.cloud_tts, engines.offline_tts, wrap_tts)
        providers.stt, providers.tts = stt_engine, tts_engine
    # a cloud engine that happens to share a name with an offline one is still billed
    providers.free_providers = frozenset(free - paid)
    logger.info("providers chosen", extra={"providers": dict(providers.modes)})
    return providers


def _call_with_listening(
    factory: Callable[..., T], settings: Settings, listening: ListeningHint | None
) -> T:
    if listening is not None and _accepts(factory, "listening"):
        return factory(settings, listening=listening)
    return factory(settings)


def _build(kind: Kind, factory: Callable[[Settings], T], settings: Settings) -> T:
    try:
        return factory(settings)
    except ProviderConfigError:
        raise
    except ValueError as exc:
        # plugin constructors raise ValueError for missing keys and bad options
        raise ProviderConfigError(f"cannot build the {kind.upper()} engine: {exc}") from None
