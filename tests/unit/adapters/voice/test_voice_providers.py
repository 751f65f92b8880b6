"""Provider selection from Settings, and the cloud -> offline fallback actually answering."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from livekit import rtc
from livekit.agents import Agent, llm, stt, tts
from livekit.plugins import cartesia, deepgram, openai, silero

from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.adapters.offline.stt import PocketSphinxSTT
from voice_agent.adapters.offline.tts import EspeakTTS
from voice_agent.adapters.voice.providers import (
    Engines,
    ProviderConfigError,
    build_providers,
    check_providers,
    choose,
    load_vad,
    placeholder_notes,
)
from voice_agent.adapters.voice.session import build_session
from voice_agent.config import Settings
from voice_agent.domain.listening import ListeningHint
from voice_agent.testing.fakes import (
    FailingLLM,
    FailingSTT,
    FailingTTS,
    FakeSTT,
    FakeTTS,
    Say,
    ScriptedLLM,
)

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


def test_no_keys_chooses_the_offline_engines(tmp_path: Path, vad: silero.VAD) -> None:
    settings = make_settings(tmp_path)
    assert [choose(settings, k) for k in ("stt", "tts", "llm")] == ["offline"] * 3

    providers = build_providers(settings, vad=vad, engines=fake_offline())
    assert providers.modes == {"llm": "offline", "stt": "offline", "tts": "offline"}
    assert isinstance(providers.llm, ScriptedLLM)
    assert isinstance(providers.stt, FakeSTT) and isinstance(providers.tts, FakeTTS)
    assert providers.summary_llm is None  # the deterministic summary is used
    assert providers.free_providers == {"offline-stt", "offline-tts", "offline-llm"}


def test_each_call_gets_its_own_vad_over_the_process_model(tmp_path: Path, vad: silero.VAD) -> None:
    settings = make_settings(tmp_path)
    one = build_providers(settings, vad=vad, engines=fake_offline()).vad
    two = build_providers(settings, vad=vad, engines=fake_offline()).vad
    assert isinstance(one, silero.VAD) and isinstance(two, silero.VAD)
    assert one is not vad and two is not one
    # the loaded model and the options are the process's: nothing is loaded per call
    assert one._onnx_session is vad._onnx_session and one._opts is vad._opts
    # a VAD's metrics go only to the sessions of its own call
    seen: list[object] = []
    one.on("metrics_collected", seen.append)
    two.emit("metrics_collected", "other call")
    vad.emit("metrics_collected", "process")
    assert seen == []
    one.emit("metrics_collected", "this call")
    assert seen == ["this call"]


def test_no_keys_builds_the_real_offline_engines(tmp_path: Path) -> None:
    providers = build_providers(make_settings(tmp_path, cache_dir=tmp_path / "cache"))
    assert isinstance(providers.stt, PocketSphinxSTT)
    # VOICE_AGENT_CACHE_DIR (Settings.cache_dir) decides where the language model is cached
    assert providers.stt.options.cache_dir == str(tmp_path / "cache" / "lm")
    assert isinstance(providers.tts, EspeakTTS)
    assert isinstance(providers.llm, DialogueLLM)
    assert providers.summary_llm is None
    # their usage is never billed
    assert providers.free_providers == {
        providers.stt.provider,
        providers.tts.provider,
        providers.llm.provider,
    }


def test_only_the_offline_llm_and_stt_factories_receive_the_calls_listening_hint(
    tmp_path: Path,
) -> None:
    seen: dict[str, ListeningHint | None] = {}

    def stt_factory(_: Settings, *, listening: ListeningHint | None = None) -> FakeSTT:
        seen["stt"] = listening
        return FakeSTT(provider="offline-stt")

    def llm_factory(_: Settings, *, listening: ListeningHint | None = None) -> ScriptedLLM:
        seen["llm"] = listening
        return ScriptedLLM(provider="offline-llm")

    hint = ListeningHint()
    engines = fake_offline(offline_stt=stt_factory, offline_llm=llm_factory)
    build_providers(make_settings(tmp_path), engines=engines, listening=hint)
    assert seen["stt"] is hint and seen["llm"] is hint
    # factories that take no hint still work (fake_offline's lambdas)
    providers = build_providers(make_settings(tmp_path), engines=fake_offline(), listening=hint)
    assert isinstance(providers.llm, ScriptedLLM)


def test_the_real_offline_engines_get_the_hint_once_they_accept_it(tmp_path: Path) -> None:
    hint = ListeningHint()
    providers = build_providers(make_settings(tmp_path), listening=hint)
    for engine in (providers.stt, providers.llm):
        if "listening" in inspect.signature(type(engine)).parameters:
            assert any(value is hint for value in vars(engine).values()), type(engine)


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
    assert cloud_tts._opts.speed is None  # CARTESIA_SPEED unset: the voice's own speed
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
    assert placeholder_notes(settings) == [
        "DEEPGRAM_API_KEY still holds the .env.example placeholder: STT runs on the offline "
        "engine instead of deepgram."
    ]
    assert placeholder_notes(make_settings(tmp_path, **ALL_KEYS)) == []


def test_a_named_provider_with_a_placeholder_key_says_so(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, tts_provider="cartesia", cartesia_api_key="your_cartesia_api_key"
    )
    with pytest.raises(
        ProviderConfigError,
        match=r"CARTESIA_API_KEY still holds the \.env\.example placeholder \(TTS_PROVIDER=",
    ):
        check_providers(settings)


def _sent_options(engine: cartesia.TTS) -> str:
    """What the Cartesia plugin would send for ``engine``, as JSON text."""
    from livekit.plugins.cartesia.tts import _to_cartesia_options

    return json.dumps(_to_cartesia_options(engine._opts, streaming=True))


def test_cartesia_speed_is_sent_to_sonic_3(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, cartesia_model="sonic-3", cartesia_speed=0.8, **ALL_KEYS)
    check_providers(settings)
    providers = build_providers(settings, engines=fake_offline())
    cloud_tts = providers.tts._tts_instances[0]  # type: ignore[union-attr]
    assert json.loads(_sent_options(cloud_tts))["generation_config"] == {"speed": 0.8}


def test_cartesia_speed_the_plugin_would_drop_is_refused_at_start(tmp_path: Path) -> None:
    # the premise: with sonic-2 the pinned plugin sends no speed at all
    assert "speed" not in _sent_options(cartesia.TTS(model="sonic-2", speed=0.4, api_key="x"))
    settings = make_settings(tmp_path, cartesia_speed=0.4, **ALL_KEYS)
    with pytest.raises(ProviderConfigError, match="CARTESIA_SPEED=0.4 would be ignored"):
        check_providers(settings)
    with pytest.raises(ProviderConfigError, match="CARTESIA_SPEED=0.4 would be ignored"):
        build_providers(settings, engines=fake_offline())
    too_fast = make_settings(tmp_path, cartesia_model="sonic-3", cartesia_speed=3, **ALL_KEYS)
    with pytest.raises(ProviderConfigError, match="out of range for sonic-3: use 0.6 to 2.0"):
        check_providers(too_fast)
    # offline TTS: the setting is not used, nothing to refuse
    check_providers(make_settings(tmp_path, cartesia_speed=0.4))


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


def test_vad_deactivation_threshold_comes_from_settings() -> None:
    default = load_vad(Settings(_env_file=None))  # type: ignore[call-arg]
    assert default._opts.deactivation_threshold == 0.5  # ends speech sooner than the plugin's
    plugins = load_vad(Settings(_env_file=None, vad_deactivation_threshold=None))  # type: ignore[call-arg]
    assert plugins._opts.deactivation_threshold == pytest.approx(0.35)  # activation - 0.15
    other = load_vad(Settings(_env_file=None, vad_deactivation_threshold=0.4))  # type: ignore[call-arg]
    assert other._opts.deactivation_threshold == 0.4
    with pytest.raises(ValueError):
        Settings(_env_file=None, vad_deactivation_threshold=0)  # type: ignore[call-arg]


def test_the_offline_recogniser_gets_its_second_opinion_from_the_settings(tmp_path: Path) -> None:
    from voice_agent.adapters.voice.providers import offline_stt

    for setting, expected in (
        ("none", None),
        ("whisper", "whisper"),
        ("whisper-all", "whisper-all"),
    ):
        engine = offline_stt(
            Settings(_env_file=None, cache_dir=tmp_path, offline_second_opinion=setting)  # type: ignore[call-arg]
        )
        assert isinstance(engine, PocketSphinxSTT)
        assert engine.options.second_opinion == expected
    # Whisper on digit turns and doubtful yeses is the default; on open requests it is
    # opt-in (bench/README.md)
    engine = offline_stt(Settings(_env_file=None, cache_dir=tmp_path))  # type: ignore[call-arg]
    assert isinstance(engine, PocketSphinxSTT)
    assert engine.options.second_opinion == "whisper"
    with pytest.raises(ValueError):
        Settings(_env_file=None, offline_second_opinion="vosk")  # type: ignore[call-arg]


def test_the_offline_recogniser_keeps_each_readers_words_only_where_the_settings_ask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a bench's JSON shows which reader heard what; a call keeps no transcripts
    from voice_agent.adapters.voice.providers import offline_stt

    monkeypatch.delenv("VOICE_AGENT_KEEP_READINGS", raising=False)
    monkeypatch.delenv("OFFLINE_KEEP_READINGS", raising=False)
    plain = offline_stt(Settings(_env_file=None, cache_dir=tmp_path))  # type: ignore[call-arg]
    assert isinstance(plain, PocketSphinxSTT)
    assert not plain.options.keep_readings
    assert not plain.recognizer_config().keep_readings
    kept = offline_stt(
        Settings(_env_file=None, cache_dir=tmp_path, offline_keep_readings=True)  # type: ignore[call-arg]
    )
    assert isinstance(kept, PocketSphinxSTT)
    assert kept.recognizer_config().keep_readings
    monkeypatch.setenv("VOICE_AGENT_KEEP_READINGS", "1")
    from_env = offline_stt(Settings(_env_file=None, cache_dir=tmp_path))  # type: ignore[call-arg]
    assert isinstance(from_env, PocketSphinxSTT)
    assert from_env.options.keep_readings
