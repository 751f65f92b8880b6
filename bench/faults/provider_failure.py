"""(llm, stt, tts) A cloud provider failing mid-call, behind the FallbackAdapter that
``build_providers`` puts in front of it, with a second fake as the "offline" engine."""

from __future__ import annotations

import asyncio
import statistics
from pathlib import Path
from typing import Any

from bench.faults.support import settings_for
from bench.voice import caller_speech, cloud_like_tts, voice_call
from voice_agent.adapters.voice.providers import Engines, load_vad
from voice_agent.bootstrap import bootstrap
from voice_agent.testing.fakes import FakeSTT, ScriptedLLM, receptionist_reply

ANSWER_TIMEOUT = 15.0
PROVIDER_LINES = [
    "What times are available on Friday?",
    "Do you have anything on Monday morning?",
    "Is Thursday afternoon free?",
]
_KEYS = {"llm": "openai_api_key", "stt": "deepgram_api_key", "tts": "cartesia_api_key"}


async def run(kind: str, args: Any, workdir: Path, vad_cache: dict[str, Any]) -> dict[str, Any]:
    settings = settings_for(
        workdir / kind,
        f"sqlite:///{workdir / f'{kind}.db'}",
        **{f"{kind}_provider": "auto", _KEYS[kind]: "bench-fake-key"},
    )
    if "vad" not in vad_cache:
        vad_cache["vad"] = await asyncio.to_thread(load_vad, settings)
    retryable = not args.non_retryable
    fail = {kind: [args.fail_on]}
    text = "Sure. We are open Monday to Friday from nine to four."
    cloud_stt = FakeSTT(
        delay=0.25, provider="cloud-stt", fail_on=fail.get("stt", ()), retryable=retryable
    )
    cloud_llm = ScriptedLLM(
        first_token_delay=0.35,
        provider="cloud-llm",
        reply=receptionist_reply(text=text),
        fail_on=fail.get("llm", ()),
        retryable=retryable,
    )
    cloud_tts = cloud_like_tts(
        first_audio_delay=0.09,
        provider="cloud-tts",
        fail_on=fail.get("tts", ()),
        retryable=retryable,
    )
    backup_stt = FakeSTT(delay=0.25, provider="backup-stt")
    backup_llm = ScriptedLLM(
        first_token_delay=0.35, provider="backup-llm", reply=receptionist_reply(text=text)
    )
    backup_tts = cloud_like_tts(first_audio_delay=0.09, provider="backup-tts")
    engines = Engines(
        cloud_stt=lambda s: cloud_stt,
        cloud_llm=lambda s: cloud_llm,
        cloud_tts=lambda s: cloud_tts,
        offline_stt=lambda s: backup_stt,
        offline_llm=lambda s: backup_llm,
        offline_tts=lambda s: backup_tts,
    )
    container = await bootstrap(settings, engines=engines)
    providers = container.providers(vad=vad_cache["vad"])
    n_turns = max(3, args.fail_on + 1)
    lines = [PROVIDER_LINES[i % len(PROVIDER_LINES)] for i in range(n_turns)]
    utterances = []
    for line in lines:
        samples, rate = await asyncio.to_thread(caller_speech, line)
        utterances.append((line, samples, rate))

    def before_turn(_i: int, line: str) -> None:
        heard = line.lower().rstrip("?.")
        cloud_stt.text = heard
        backup_stt.text = heard

    errors: list[str] = []
    try:
        result = await voice_call(
            container.call_services(),
            providers,
            utterances,
            before_turn=before_turn,
            reply_timeout=ANSWER_TIMEOUT,
        )
    finally:
        await providers.aclose()
        await container.aclose()
    backups = {"stt": backup_stt, "llm": backup_llm, "tts": backup_tts}
    cloud = {"stt": cloud_stt, "llm": cloud_llm, "tts": cloud_tts}[kind]
    # which turn carried the failing request
    fail_stamp = next((e.at for e in cloud.events if e.what.endswith("_fail")), None)
    fault_turn = None
    for i, t in enumerate(result.turns):
        if fail_stamp is not None and t.end_of_speech is not None and t.end_of_speech <= fail_stamp:
            fault_turn = i
    per_turn = [
        {
            "caller": t.caller,
            "latency_ms": round(t.latency * 1000, 1) if t.latency is not None else None,
            "reply": t.reply,
        }
        for t in result.turns
    ]
    others = [
        t.latency for i, t in enumerate(result.turns) if i != fault_turn and t.latency is not None
    ]
    base = statistics.median(others) if others else None
    ft = result.turns[fault_turn] if fault_turn is not None else None
    answered = ft is not None and ft.latency is not None
    checks = {
        "fault_injected": fail_stamp is not None,
        "fault_turn_answered": answered,
        "other_turns_answered": all(
            t.latency is not None for i, t in enumerate(result.turns) if i != fault_turn
        ),
    }
    return {
        "passed": all(checks.values()),
        "checks": checks,
        "kind": kind,
        "modes": dict(providers.modes),
        "fail_on_request": args.fail_on,
        "retryable_error": retryable,
        "fault_turn": fault_turn,
        "fault_turn_latency_ms": round(ft.latency * 1000, 1) if answered else None,
        "other_turns_median_ms": round(base * 1000, 1) if base is not None else None,
        "recovery_ms": round((ft.latency - base) * 1000, 1) if answered and base else None,
        "per_turn": per_turn,
        "cloud_requests": len([e for e in cloud.events if e.what.endswith(("_call", "_flush"))]),
        "backup_used": bool(backups[kind].events),
        "backup_requests": len(
            [e for e in backups[kind].events if e.what.endswith(("_call", "_flush"))]
        ),
        "errors": errors,
    }
