"""``voice-agent chat``: what a typed conversation leaves in the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from voice_agent.adapters.storage import open_store
from voice_agent.config import Settings
from voice_agent.entrypoints import chat


def _typed(lines: list[str]) -> Iterator[str | None]:
    yield from lines
    while True:
        yield None  # Ctrl-D


async def test_the_greeting_is_stored_before_the_callers_first_line(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 8: the caller's first typed line was stored before the greeting."""
    typed = _typed(["hello, I'd like to book an appointment"])
    monkeypatch.setattr(chat, "_read_line", lambda: next(typed))
    offline = settings.model_copy(
        update={"llm_provider": "offline", "stt_provider": "offline", "tts_provider": "offline"}
    )
    await chat.run_chat(offline)

    store = await open_store(offline.database_url)
    try:
        conversation = await store.conversations.latest_for_room("chat")
    finally:
        await store.close()
    assert conversation is not None and conversation.ended_at is not None
    roles = [turn["role"] for turn in conversation.transcript]
    texts = [turn["text"] for turn in conversation.transcript]
    assert roles[:2] == ["assistant", "user"], conversation.transcript
    assert texts[1] == "hello, I'd like to book an appointment"
    printed = capsys.readouterr().out
    assert printed.startswith(f"agent > {texts[0]}")
