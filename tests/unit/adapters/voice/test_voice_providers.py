"""Provider selection from Settings, and the cloud -> offline fallback actually answering."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from livekit import rtc
from livekit.agents import Agent, llm, stt, tts
from livekit.plugins import cartesia, deepgram, openai, silero

from fakes.fake_llm import FailingLLM, Say, ScriptedLLM
from fakes.fake_stt import FailingSTT, FakeSTT
from fakes.fake_tts import FailingTTS, FakeTTS
from voice_agent.adapters.voice.providers import (
    OFFLINE_ENGINES,
    Engines,
    ProviderConfigError,
    build_providers,
    check_providers,
    choose,
    load_vad,
)
from voice_agent.adapters.voice.session import build_session
from voice_agent.config import Settings

ALL_KEYS = {
    "deepgram_api_key": "dg-test",
    "cartesia_api_key": "ca-test",
    "openai_api_key": "sk-test",
}


def make_settings(tmp_path: Path, **values: Any) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'p.db'}",
        data_dir=tmp_path,
        _env_file=None,  # type: ignore[call-arg]
        **values,
    )


def fake_offline(**overrides: Any) -> Engines:
    base: dict[str, Any] = {
        "offline_stt": lambda _: FakeSTT("offline heard you", provider="offline-stt"),
        "offline_tts": lambda _: FakeTTS(provider="offline-tts"),
        "offline_llm": lambda _: ScriptedLLM([Say("offline here")], provider="offline-llm"),
    }
    base.update(overrides)
    return Engines(**base)


@pytest.fixture(scope="module")
def vad() -> silero.VAD:
    return silero.VAD.load()


def _offline_installed(kind: str) -> bool:
    module = OFFLINE_ENGINES[kind][0]  # type: ignore[index]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def test_no_keys_chooses_the_offline_engines(tmp_path: Path, vad: silero.VAD) -> None:
    settings = make_settings(tmp_path)
    assert [choose(settings, k) for k in ("stt", "tts", "llm")] == ["offline"] * 3

    providers = build_providers(settings, vad=vad, engines=fake_offline())
    assert providers.modes == {"llm": "offline", "stt": "offline", "tts": "offline"}
    assert isinstance(providers.llm, ScriptedLLM)
    assert isinstance(providers.stt, FakeSTT) and isinstance(providers.tts, FakeTTS)
    assert providers.summary_llm is None  # the deterministic summary is used
    assert providers.free_providers == {"offline-stt", "offline-tts", "offline-llm"}


def test_no_keys_builds_the_real_offline_engines(tmp_path: Path) -> None:
    if not all(_offline_installed(k) for k in ("stt", "tts", "llm")):
        pytest.skip("offline engines not installed yet")
    providers = build_providers(make_settings(tmp_path))
    for kind in ("stt", "tts", "llm"):
        module, name = OFFLINE_ENGINES[kind]  # type: ignore[index]
        engine = getattr(providers, kind)
        assert type(engine).__name__ == name
        assert type(engine).__module__.startswith(module)
    assert providers.summary_llm is None
    # their usage is never billed
    assert providers.free_providers == {
        providers.stt.provider,  # type: ignore[union-attr]
        providers.tts.provider,  # type: ignore[union-attr]
        providers.llm.provider,
    }


@pytest.mark.parametrize("kind", ["stt", "tts", "llm"])
def test_offline_engines_are_found_by_module_path_or_named_in_the_error(
    tmp_path: Path, kind: str
) -> None:
    key = {"stt": "deepgram_api_key", "tts": "cartesia_api_key", "llm": "openai_api_key"}[kind]
    settings = make_settings(tmp_path, **{k: v for k, v in ALL_KEYS.items() if k != key})
    module, name = OFFLINE_ENGINES[kind]  # type: ignore[index]
    if _offline_installed(kind):
        assert check_providers(settings)[kind] == "offline"  # type: ignore[index]
    else:
        with pytest.raises(ProviderConfigError, match=f"{module}.{name} is not available"):
            check_providers(settings)


def test_keys_choose_the_cloud_with_offline_fallback(tmp_path: Path, vad: silero.VAD) -> None:
    settings = make_settings(tmp_path, **ALL_KEYS)
    providers = build_providers(settings, vad=vad, engines=fake_offline())
    assert providers.modes == {
        "llm": "cloud+offline",
        "stt": "cloud+offline",
        "tts": "cloud+offline",
    }

    assert isinstance(providers.llm, llm.FallbackAdapter)
    cloud_llm, offline_llm = providers.llm._llm_instances
    assert isinstance(cloud_llm, openai.LLM) and isinstance(offline_llm, ScriptedLLM)
    assert cloud_llm.model == "gpt-4o-mini" and cloud_llm._opts.temperature == 0.7
    assert providers.summary_llm is cloud_llm

    assert isinstance(providers.stt, stt.FallbackAdapter)
    cloud_stt = providers.stt._stt_instances[0]
    assert isinstance(cloud_stt, deepgram.STT)
    assert cloud_stt._opts.model == "nova-2" and cloud_stt._opts.language == "en-US"
    assert cloud_stt._opts.smart_format is True and cloud_stt._opts.punctuate is True

    assert isinstance(providers.tts, tts.FallbackAdapter)
    cloud_tts = providers.tts._tts_instances[0]
    assert isinstance(cloud_tts, cartesia.TTS)
    assert cloud_tts._opts.model == "sonic-2"
    assert cloud_tts._opts.voice == "829ccd10-f8b3-43cd-b8a0-4aeaa81f3b30"
    assert cloud_tts._opts.speed == 0.4
    assert providers.free_providers == {"offline-stt", "offline-tts", "offline-llm"}


def test_openai_compatible_server_needs_no_key(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, openai_base_url="http://127.0.0.1:9/v1")
    providers = build_providers(settings, voice=False, engines=fake_offline())
    assert isinstance(providers.summary_llm, openai.LLM)
    assert str(providers.summary_llm._client.base_url) == "http://127.0.0.1:9/v1/"


@pytest.mark.parametrize(
    ("setting", "value", "variable"),
    [
        ("stt_provider", "deepgram", "DEEPGRAM_API_KEY"),
        ("tts_provider", "cartesia", "CARTESIA_API_KEY"),
        ("llm_provider", "openai", "OPENAI_API_KEY"),
    ],
)
def test_a_named_provider_without_its_key_fails_at_start_up(
    tmp_path: Path, setting: str, value: str, variable: str
) -> None:
    settings = make_settings(tmp_path, **{setting: value})
    with pytest.raises(ProviderConfigError, match=f"{variable} is not set"):
        check_providers(settings)
    with pytest.raises(ProviderConfigError, match=f"{variable} is not set"):
        build_providers(settings, engines=fake_offline())


def test_placeholder_keys_count_as_missing(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, deepgram_api_key="your_deepgram_api_key")
    assert choose(settings, "stt") == "offline"


def test_offline_selection_ignores_keys(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, llm_provider="offline", **ALL_KEYS)
    assert choose(settings, "llm") == "offline"


def test_vad_uses_the_configured_thresholds(tmp_path: Path) -> None:
    model = load_vad(make_settings(tmp_path, vad_min_silence=0.5, vad_min_speech=0.1))
    assert model._opts.min_silence_duration == 0.5
    assert model._opts.min_speech_duration == 0.1


async def test_failing_cloud_llm_falls_back_and_the_turn_is_answered(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, openai_api_key="sk-test")
    broken = FailingLLM()
    providers = build_providers(
        settings, voice=False, engines=fake_offline(cloud_llm=lambda _: broken)
    )
    async with build_session(providers) as session:
        await session.start(Agent(instructions="You are a receptionist."))
        result = await session.run(user_input="Hello?")
        message = result.expect.next_event().is_message(role="assistant").event().item
        assert message.text_content.strip() == "offline here"
    assert len(broken.requests) >= 1
    await providers.aclose()


async def test_failing_cloud_stt_falls_back(tmp_path: Path, vad: silero.VAD) -> None:
    settings = make_settings(tmp_path, deepgram_api_key="dg-test")
    providers = build_providers(
        settings, vad=vad, engines=fake_offline(cloud_stt=lambda _: FailingSTT())
    )
    frame = rtc.AudioFrame(
        b"\x00\x00" * 1600, sample_rate=16000, num_channels=1, samples_per_channel=1600
    )
    event = await providers.stt.recognize([frame])  # type: ignore[union-attr]
    assert event.alternatives[0].text == "offline heard you"
    await providers.aclose()


async def test_failing_cloud_tts_falls_back(tmp_path: Path, vad: silero.VAD) -> None:
    settings = make_settings(tmp_path, cartesia_api_key="ca-test")
    providers = build_providers(
        settings, vad=vad, engines=fake_offline(cloud_tts=lambda _: FailingTTS())
    )
    samples = 0
    async with providers.tts.synthesize("Hello, thank you for calling.") as stream:  # type: ignore[union-attr]
        async for audio in stream:
            samples += audio.frame.samples_per_channel
    assert samples > 0
    await providers.aclose()
