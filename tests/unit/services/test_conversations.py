"""The conversation recorder: saved as the call goes, finished exactly once, summarised by the
given summariser or deterministically."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from voice_agent.adapters.storage import SqlStore
from voice_agent.adapters.storage.spool import JsonFileSpool
from voice_agent.bootstrap import bootstrap
from voice_agent.config import Settings
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.costs import Pricing, Usage, price
from voice_agent.domain.models import Conversation
from voice_agent.services.conversations import (
    CallRecorder,
    appointment_changes,
    extract_preferences,
    replay_spool,
    template_summary,
)

APPOINTMENT = {
    "appointment_id": "def6789a",
    "date": "2026-11-27",
    "time": "09:00",
    "status": "booked",
    "spoken": "Friday, November 27th at 9 AM",
    "spoken_code": "d e f 6 7 8 9 a",
}


class MemoryRepo:
    """A ConversationRepository in memory, recording every save."""

    def __init__(self, *, fail: int = 0) -> None:
        self.rows: dict[UUID, Conversation] = {}
        self.saves: list[Conversation] = []
        self.fail = fail

    async def save(self, conversation: Conversation) -> None:
        if self.fail:
            self.fail -= 1
            raise ConnectionError("database down")
        self.saves.append(conversation)
        self.rows[conversation.id] = conversation

    async def get(self, conversation_id: UUID) -> Conversation | None:
        return self.rows.get(conversation_id)

    async def latest_for_room(self, room_name: str) -> Conversation | None:
        return None

    async def recent(self, limit: int = 20) -> list[Conversation]:
        return list(self.rows.values())[:limit]


class FixedSummary:
    def __init__(self, text: str = "An LLM summary.") -> None:
        self.text = text
        self.seen: list[Conversation] = []

    async def summarize(self, conversation: Conversation) -> str:
        self.seen.append(conversation)
        return self.text


class BrokenSummary:
    async def summarize(self, conversation: Conversation) -> str:
        raise RuntimeError("model unavailable")


class SlowSummary:
    async def summarize(self, conversation: Conversation) -> str:
        await asyncio.sleep(10)
        return "too late"


def test_appointment_changes_follow_the_tool_contract() -> None:
    assert appointment_changes(
        "book_appointment", {"status": "booked", "appointment": APPOINTMENT}
    ) == [{"action": "booked", "date": "2026-11-27", "time": "09:00", "appointment_id": "def6789a"}]
    moved = appointment_changes(
        "modify_appointment",
        {
            "status": "rescheduled",
            "appointment": {**APPOINTMENT, "time": "11:00"},
            "previous": {"date": "2026-11-27", "time": "09:00", "spoken": "..."},
        },
    )
    assert moved == [
        {
            "action": "rescheduled",
            "date": "2026-11-27",
            "time": "11:00",
            "appointment_id": "def6789a",
            "previous_date": "2026-11-27",
            "previous_time": "09:00",
        }
    ]
    listed = {"appointments": [APPOINTMENT, {**APPOINTMENT, "status": "cancelled"}]}
    assert [c["action"] for c in appointment_changes("get_user_appointments", listed)] == ["viewed"]
    assert appointment_changes("fetch_available_slots", {"available": ["09:00"]}) == []


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I'd prefer mornings if possible", ["Prefers morning appointments"]),
        ("Afternoons work better for me", ["Prefers afternoon appointments"]),
        ("Fridays work best for me", ["Prefers Fridays"]),
        ("What about Friday?", []),
        ("My number is 9876543210", []),
    ],
)
def test_extract_preferences(said: str, expected: list[str]) -> None:
    assert extract_preferences(said) == expected


async def test_turns_are_saved_as_the_call_goes(clock: FixedClock) -> None:
    repo = MemoryRepo()
    recorder = CallRecorder(repo, clock, room_name="room-1", save_delay=0.01)
    await recorder.start()
    assert repo.rows[recorder.conversation_id].transcript == []

    recorder.add_turn("user", "Hi, I'd like to book an appointment in the morning")
    recorder.add_turn("assistant", "Sure. What's your phone number?")
    recorder.add_turn("system", "ignored")
    recorder.add_turn("user", "   ")
    await asyncio.sleep(0.1)

    row = repo.rows[recorder.conversation_id]
    assert [t["role"] for t in row.transcript] == ["user", "assistant"]
    assert row.transcript[0]["timestamp"] == clock.now().isoformat()
    assert row.preferences_mentioned == ["Prefers morning appointments"]
    assert row.summary is None and row.ended_at is None
    # debounced: two turns in quick succession cost one save, not two
    assert len(repo.saves) == 2
    await recorder.aclose()


async def test_finish_writes_the_final_row_exactly_once(clock: FixedClock) -> None:
    repo = MemoryRepo()
    recorder = CallRecorder(repo, clock, room_name="room-1", save_delay=0.01)
    await recorder.start()
    user_id = uuid4()
    recorder.identify(user_id)
    recorder.add_turn("user", "Book me Friday at 9")
    recorder.note_tool_result("book_appointment", {"status": "booked", "appointment": APPOINTMENT})
    clock.advance(timedelta(seconds=172))
    usage = Usage(stt_audio_seconds=Decimal(60), tts_characters=100)
    summary = FixedSummary()

    first, second = await asyncio.gather(
        recorder.finish(
            reason="end_conversation", cost=lambda: price(usage, Pricing()), summarizer=summary
        ),
        recorder.finish(reason="error", cost=None),
    )
    assert first == second
    assert len(summary.seen) == 1
    finals = [c for c in repo.saves if c.ended_at is not None]
    assert len(finals) == 1
    row = repo.rows[recorder.conversation_id]
    assert row.summary == "An LLM summary."
    assert row.end_reason == "end_conversation"
    assert row.duration_seconds == 172
    assert row.user_id == user_id
    assert row.cost_breakdown is not None and row.cost_breakdown["stt_cost"] == 0.0058
    assert row.appointments_discussed[0]["action"] == "booked"

    # nothing changes a finished record
    recorder.add_turn("user", "late words")
    await recorder.finish(reason="job_shutdown")
    assert repo.rows[recorder.conversation_id].transcript == row.transcript
    assert len([c for c in repo.saves if c.ended_at is not None]) == 1


@pytest.mark.parametrize("summarizer", [None, BrokenSummary(), FixedSummary("  ")])
async def test_fallback_summary_when_no_llm_or_it_fails(
    clock: FixedClock, summarizer: object
) -> None:
    repo = MemoryRepo()
    recorder = CallRecorder(repo, clock, room_name="room-1")
    recorder.add_turn("user", "Cancel my appointment please")
    recorder.note_tool_result(
        "cancel_appointment",
        {"status": "cancelled", "appointment": {**APPOINTMENT, "status": "cancelled"}},
    )
    conversation = await recorder.finish(
        reason="participant_disconnected",
        summarizer=summarizer,  # type: ignore[arg-type]
    )
    assert conversation.summary == (
        "The caller cancelled the appointment on Friday, November 27th at 9 AM. The caller hung up."
    )


async def test_a_slow_summariser_times_out_to_the_fallback(clock: FixedClock) -> None:
    recorder = CallRecorder(MemoryRepo(), clock, room_name="room-1", summary_timeout=0.05)
    conversation = await recorder.finish(reason="error", summarizer=SlowSummary())
    assert conversation.summary == (
        "The caller did not say anything. The call ended because of a technical problem."
    )


async def test_final_save_is_retried(clock: FixedClock) -> None:
    repo = MemoryRepo(fail=2)
    recorder = CallRecorder(repo, clock, room_name="room-1")
    await recorder.finish(reason="end_conversation")
    assert repo.rows[recorder.conversation_id].ended_at is not None


def test_template_summary_mentions_every_action() -> None:
    conversation = Conversation(
        id=uuid4(),
        room_name="r",
        started_at=datetime(2026, 11, 25, 15, 0, tzinfo=UTC),
        appointments_discussed=[
            {"action": "viewed", "date": "2026-11-27", "time": "09:00", "appointment_id": "a"},
            {
                "action": "rescheduled",
                "date": "2026-11-27",
                "time": "11:00",
                "appointment_id": "a",
                "previous_date": "2026-11-27",
                "previous_time": "09:00",
            },
            {"action": "booked", "date": "2026-11-30", "time": "14:00", "appointment_id": "b"},
        ],
        preferences_mentioned=["Prefers morning appointments"],
        end_reason="end_conversation",
    )
    assert template_summary(conversation) == (
        "The caller moved an appointment from Friday, November 27th at 9 AM to "
        "Friday, November 27th at 11 AM. The caller booked an appointment for "
        "Monday, November 30th at 2 PM (code b). Mentioned: prefers morning appointments. "
        "The call ended with a goodbye."
    )


async def test_recorder_over_the_sql_store(store: SqlStore, clock: FixedClock) -> None:
    recorder = CallRecorder(store.conversations, clock, room_name="room-sql", save_delay=0.01)
    await recorder.start()
    recorder.add_turn("user", "Hello")
    await asyncio.sleep(0.1)
    live = await store.conversations.get(recorder.conversation_id)
    assert live is not None and [t["text"] for t in live.transcript] == ["Hello"]
    await recorder.finish(reason="participant_disconnected")
    row = await store.conversations.latest_for_room("room-sql")
    assert row is not None and row.id == recorder.conversation_id
    assert row.end_reason == "participant_disconnected" and row.summary


async def test_database_down_at_the_end_spools_then_replays(
    clock: FixedClock, tmp_path: Path
) -> None:
    spool = JsonFileSpool(tmp_path / "spool")
    down = MemoryRepo(fail=10_000)
    recorder = CallRecorder(down, clock, room_name="room-1", spool=spool, final_save_seconds=0.3)
    recorder.add_turn("user", "I prefer mornings")
    recorder.add_turn("assistant", "Noted.")
    finished = await recorder.finish(reason="participant_disconnected")
    assert down.rows == {}
    [spooled] = spool.pending()
    assert spooled.id == finished.id and spooled.transcript == finished.transcript
    assert spooled.ended_at == finished.ended_at and spooled.summary == finished.summary
    # The database is back: the record goes in and leaves the spool.
    up = MemoryRepo()
    assert await replay_spool(spool, up) == 1
    assert up.rows[finished.id].transcript == finished.transcript
    assert spool.pending() == []


async def test_a_later_successful_call_flushes_the_spool(clock: FixedClock, tmp_path: Path) -> None:
    spool = JsonFileSpool(tmp_path / "spool")
    earlier = Conversation(id=uuid4(), room_name="earlier", started_at=clock.now())
    spool.put(earlier)
    repo = MemoryRepo()
    recorder = CallRecorder(repo, clock, room_name="room-2", spool=spool)
    await recorder.finish(reason="end_conversation")
    assert set(repo.rows) == {earlier.id, recorder.conversation_id}
    assert spool.pending() == []


async def test_bootstrap_replays_the_spool(settings: Settings, clock: FixedClock) -> None:
    spool = JsonFileSpool(settings.data_dir / "spool" / "conversations")
    spooled = Conversation(id=uuid4(), room_name="spooled", started_at=clock.now())
    spooled.transcript.append({"role": "user", "text": "hello"})
    spool.put(spooled)
    container = await bootstrap(settings, clock=clock)
    try:
        row = await container.store.conversations.get(spooled.id)
        assert row is not None and row.transcript == spooled.transcript
        assert spool.pending() == []
    finally:
        await container.aclose()
