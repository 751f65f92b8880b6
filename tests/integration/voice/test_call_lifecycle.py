"""However a call ends, exactly one final conversation row is written, with transcript and
cost; the transcript is in the database while the call is still running."""

from __future__ import annotations

import asyncio
import contextlib

from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.session import build_session, start_call
from voice_agent.bootstrap import Container
from voice_agent.domain.models import Conversation
from voice_agent.testing.calls import text_call
from voice_agent.testing.fakes import Call, Fail, FailingLLM, Say, ScriptedLLM


async def _eventually(container: Container, conversation_id: object, turns: int) -> Conversation:
    for _ in range(100):
        row = await container.store.conversations.get(conversation_id)  # type: ignore[arg-type]
        if row is not None and len(row.transcript) >= turns:
            return row
        await asyncio.sleep(0.02)
    raise AssertionError(f"transcript never reached {turns} turns")


async def test_transcript_is_saved_while_the_call_runs(container: Container) -> None:
    steps = [Say("Hello! May I have your phone number?"), Say("Thanks.")]
    async with text_call(container.call_services(), steps) as (handle, _, _sink):
        await handle.session.run(user_input="Hi, I'd like a morning appointment")
        row = await _eventually(container, handle.conversation_id, 2)
        assert row.ended_at is None and row.summary is None
        assert [t["role"] for t in row.transcript] == ["user", "assistant"]
        assert row.preferences_mentioned == ["Prefers morning appointments"]


async def test_closing_mid_call_still_writes_the_row(container: Container) -> None:
    sink = MemoryEventSink()
    model = ScriptedLLM([Say("Hello! May I have your phone number?")])
    session = build_session(llm=model)
    handle = await start_call(
        container.call_services(), session, room_name="room-abrupt", event_sink=sink
    )
    await session.run(user_input="Hi there")

    # the session goes away without end_conversation (what a hang-up or shutdown does)
    await session.aclose()
    conversation = await handle.wait_finished()

    row = await container.store.conversations.get(conversation.id)
    assert row is not None
    assert row.end_reason == "user_initiated"
    assert [t["text"] for t in row.transcript] == [
        "Hi there",
        "Hello! May I have your phone number?",
    ]
    assert row.summary == "No appointment was booked, changed or cancelled."
    assert row.cost_breakdown is not None
    assert row.cost_breakdown["usage"]["llm_input_tokens"] == 100
    assert row.cost_breakdown["usage"]["llm_output_tokens"] == 10
    assert row.cost_breakdown["llm_cost"] == 0.000021  # 100 x 0.15/1M + 10 x 0.60/1M
    assert row.duration_seconds == 0 and row.ended_at is not None
    assert len(sink.of_type("summary")) == 1
    # finishing again changes nothing and publishes nothing new
    assert await handle.aclose() == conversation
    assert len(sink.of_type("summary")) == 1


async def test_a_crashing_llm_still_persists_the_call(container: Container) -> None:
    sink = MemoryEventSink()
    broken = FailingLLM()
    session = build_session(llm=broken)
    services = container.call_services()
    handle = await start_call(
        services, session, room_name="room-crash", event_sink=sink, summary_llm=broken
    )
    # the framework gives up after repeated unrecoverable LLM errors and closes the session
    for attempt in range(6):
        if handle.recorder.finishing:
            break
        with contextlib.suppress(Exception):  # each failed turn raises; that is the point
            await session.run(user_input=f"hello {attempt}")
    conversation = await asyncio.wait_for(handle.wait_finished(), timeout=10)

    row = await container.store.conversations.get(conversation.id)
    assert row is not None
    assert row.end_reason == "error"
    assert row.transcript and row.transcript[0] == {
        "role": "user",
        "text": "hello 0",
        "timestamp": row.transcript[0]["timestamp"],
    }
    # the LLM could not summarise: the deterministic summary stands in
    assert row.summary == (
        "No appointment was booked, changed or cancelled. "
        "The call ended because of a technical problem."
    )
    assert row.cost_breakdown is not None and row.cost_breakdown["total_cost"] == 0.0
    assert sink.of_type("summary")[0]["data"]["end_reason"] == "error"


async def test_llm_written_summary_and_its_tokens_are_priced(container: Container) -> None:
    summarizer = ScriptedLLM(
        [Say("The caller asked for the opening hours.", prompt_tokens=400, completion_tokens=12)]
    )
    services = container.call_services()
    steps = [Say("We are open 9 to 4.")]
    async with text_call(services, steps, summary_llm=summarizer) as (handle, _, _sink):
        await handle.session.run(user_input="When are you open?")
    row = await container.store.conversations.get(handle.conversation_id)
    assert row is not None
    assert row.summary == "The caller asked for the opening hours."
    assert row.cost_breakdown["usage"]["llm_input_tokens"] == 100 + 400  # type: ignore[index]
    assert row.cost_breakdown["usage"]["llm_output_tokens"] == 10 + 12  # type: ignore[index]
    system = summarizer.requests[0].chat_ctx.items[0]
    assert "record of a phone call" in system.text_content  # type: ignore[union-attr]


async def test_a_failing_summary_model_falls_back(container: Container) -> None:
    summarizer = ScriptedLLM([Fail()])
    steps = [Call.one("fetch_available_slots", date="2026-11-27"), Say("Nine is free.")]
    services = container.call_services()
    async with text_call(services, steps, summary_llm=summarizer) as (handle, _, _sink):
        await handle.session.run(user_input="Anything free on Friday?")
    row = await container.store.conversations.get(handle.conversation_id)
    assert row is not None
    assert row.summary == "No appointment was booked, changed or cancelled."


async def test_only_one_final_row_per_call(container: Container) -> None:
    async with text_call(container.call_services(), [Say("Hello!")]) as (handle, _, sink):
        await handle.session.run(user_input="Hi")
        results = await asyncio.gather(
            handle.finish("end_conversation"), handle.finish(), handle.aclose()
        )
    assert results[0] == results[1] == results[2]
    rows = await container.store.conversations.recent()
    assert [r.room_name for r in rows] == ["room-test"]
    assert len(sink.of_type("summary")) == 1
