"""The production LLM path over HTTP: the real livekit.plugins.openai.LLM (built by
build_providers from OPENAI_BASE_URL) against a local OpenAI-compatible server."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

from livekit.agents import llm
from livekit.plugins import openai

from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.prompts import SUMMARY_INSTRUCTIONS
from voice_agent.adapters.voice.providers import Engines, build_providers
from voice_agent.adapters.voice.session import build_session, start_call
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock
from voice_agent.testing.calls import CONTRACT_TOOLS
from voice_agent.testing.fakes import ScriptedLLM
from voice_agent.testing.openai_server import Reply, openai_server

TOMORROW = "2026-11-26"


async def test_tool_calls_over_http_reach_the_database(
    sqlite_url: str, tmp_path: Path, clock: FixedClock
) -> None:
    replies = [
        Reply(
            tool_calls=[("identify_user", {"phone_number": "9876543210", "name": "Sarah Johnson"})],
            prompt_tokens=1200,
            completion_tokens=30,
        ),
        Reply(text="Welcome Sarah! When would you like to come in?", prompt_tokens=1300),
        Reply(
            tool_calls=[("book_appointment", {"date": TOMORROW, "time": "14:00"})],
            prompt_tokens=1400,
        ),
        Reply(text="You're booked for tomorrow at 2 PM.", prompt_tokens=1500),
        Reply(text="Sarah Johnson registered and booked Thursday at 2 PM.", prompt_tokens=300),
    ]
    async with openai_server(replies) as server:
        settings = Settings(
            database_url=sqlite_url,
            data_dir=tmp_path,
            openai_api_key="sk-test",  # type: ignore[arg-type]
            openai_base_url=server.base_url,
            _env_file=None,  # type: ignore[call-arg]
        )
        container = await bootstrap(settings, clock=clock)
        # the offline engine behind the cloud one is a fake here; it is never asked
        offline = ScriptedLLM()
        providers = build_providers(
            settings, voice=False, engines=Engines(offline_llm=lambda _: offline)
        )
        assert isinstance(providers.llm, llm.FallbackAdapter)
        assert isinstance(providers.summary_llm, openai.LLM)
        assert providers.modes == {"llm": "cloud+offline"}
        sink = MemoryEventSink()
        try:
            session = build_session(providers)
            handle = await start_call(
                container.call_services(),
                session,
                room_name="room-http",
                providers=providers,
                event_sink=sink,
                save_delay=0.01,
            )
            result = await session.run(user_input="9876543210, Sarah Johnson. Book me in.")
            result.expect.next_event().is_function_call(
                name="identify_user",
                arguments={"phone_number": "9876543210", "name": "Sarah Johnson"},
            )
            result.expect.next_event().is_function_call_output(is_error=False)
            result.expect.next_event().is_message(role="assistant")

            result = await session.run(user_input="Tomorrow at 2 PM")
            result.expect.next_event().is_function_call(
                name="book_appointment", arguments={"date": TOMORROW, "time": "14:00"}
            )
            result.expect.next_event().is_function_call_output(is_error=False)
            result.expect.next_event().is_message(role="assistant")
            conversation = await handle.aclose()
        finally:
            await providers.aclose()

        user = await container.store.users.get_by_phone("+19876543210")
        assert user is not None and user.name == "Sarah Johnson"
        [appointment] = await container.store.appointments.list_for_user(user.id)
        assert (appointment.day, appointment.start) == (date(2026, 11, 26), time(14, 0))
        row = await container.store.conversations.get(conversation.id)
        await container.aclose()

    assert offline.requests == []
    # what went over the wire: the contract's tools, then the tool result for the model
    first = server.requests[0]
    assert first["model"] == "gpt-4o-mini" and first["temperature"] == 0.7
    assert first["stream"] is True
    tool_names = sorted(t["function"]["name"] for t in first["tools"])
    assert tool_names == sorted(CONTRACT_TOOLS)
    tool_message = next(m for m in server.requests[1]["messages"] if m["role"] == "tool")
    assert json.loads(tool_message["content"])["status"] == "registered"
    # the summary is written by the same server, without tools
    summary_request = server.requests[4]
    assert summary_request["messages"][0]["content"] == SUMMARY_INSTRUCTIONS
    assert "tools" not in summary_request

    assert row is not None
    assert row.summary == "Sarah Johnson registered and booked Thursday at 2 PM."
    assert row.user_id == user.id
    usage = row.cost_breakdown["usage"]  # type: ignore[index]
    assert usage["llm_input_tokens"] == 1200 + 1300 + 1400 + 1500 + 300
    assert usage["llm_output_tokens"] == 30 + 20 + 20 + 20 + 20
    tools = [e["data"]["tool"] for e in sink.of_type("tool_call")]
    assert tools == ["identify_user", "book_appointment"]
    assert sink.of_type("summary")[0]["data"]["summary"] == row.summary
