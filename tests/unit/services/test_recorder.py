"""The call recorder: saved as the call goes, finished exactly once, summarised by the given
summariser or deterministically; records the database could not take wait in the spool."""

from __future__ import annotations

import asyncio
from datetime import date, time, timedelta
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
from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation
from voice_agent.services.recorder import CallRecorder, replay_spool
from voice_agent.services.summaries import CallRecord, as_caller_reads
from voice_agent.testing.fakes import FakeStore

BOOKED = AppointmentChange(ChangeAction.BOOKED, "def6789a", date(2026, 11, 27), time(9))
CANCELLED = AppointmentChange(ChangeAction.CANCELLED, "def6789a", date(2026, 11, 27), time(9))


class FixedSummary:
    def __init__(self, text: str = "An LLM summary.") -> None:
        self.text = text
        self.seen: list[CallRecord] = []

    async def summarize(self, record: CallRecord) -> str:
        self.seen.append(record)
        return self.text


class BrokenSummary:
    async def summarize(self, record: CallRecord) -> str:
        raise RuntimeError("model unavailable")


async def test_a_time_of_day_asked_for_later_replaces_the_earlier_one(clock: FixedClock) -> None:
    # the summary said "prefers afternoon appointments and prefers morning appointments"
    repo = FakeStore().conversations
    recorder = CallRecorder(repo, clock, room_name="room-2", save_delay=0.01)
    await recorder.start()
    recorder.add_turn("user", "do you have something thursday afternoon?")
    recorder.add_turn("user", "actually move it to friday morning")
    await asyncio.sleep(0.1)
    assert repo.rows[recorder.conversation_id].preferences_mentioned == [
        "Prefers morning appointments"
    ]
    await recorder.aclose()


class SlowSummary:
    async def summarize(self, record: CallRecord) -> str:
        await asyncio.sleep(10)
        return "too late"


async def test_turns_are_saved_as_the_call_goes(clock: FixedClock) -> None:
    repo = FakeStore().conversations
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
    assert len(repo.saved) == 2
    await recorder.aclose()


async def test_the_caller_of_a_call_that_started_over_reads_the_part_after_it(
    clock: FixedClock,
) -> None:
    """The record keeps the whole call with a mark where it started over; its caller reads
    the turns, appointments and preferences after the mark, a summary of them, and the
    account only once a number was given again."""
    repo = FakeStore().conversations
    recorder = CallRecorder(repo, clock, room_name="room-1", save_delay=0.01)
    await recorder.start()
    john, other = uuid4(), uuid4()
    recorder.add_turn("user", "1234567890, friday morning please")
    recorder.identify(john)
    recorder.note_changes([BOOKED])
    recorder.note_restart()
    recorder.add_turn("user", "hello? cancel it")
    conversation = await recorder.finish(reason="participant_disconnected")
    assert conversation.user_id == john and conversation.appointments_discussed == [BOOKED]
    shown = as_caller_reads(conversation)
    assert shown.transcript == conversation.transcript[-1:]
    assert (shown.appointments_discussed, shown.preferences_mentioned) == ([], [])
    assert shown.user_id is None
    assert shown.summary is not None and "November 27th" not in shown.summary
    assert as_caller_reads(shown) == shown  # nothing more to drop

    again = CallRecorder(repo, clock, room_name="room-2", save_delay=0.01)
    await again.start()
    again.identify(john)
    again.note_restart()
    again.identify(other)
    assert as_caller_reads(await again.finish(reason="end_conversation")).user_id == other


async def test_an_appointment_viewed_before_and_after_the_call_started_over_is_read_by_both(
    clock: FixedClock,
) -> None:
    """John asked what he had booked, the line dropped, and after the restart he gave his
    number and asked again: the caller's view of the summary held nothing (the second viewing
    was dropped as already listed, before the mark). Staff still see it once."""
    viewed = AppointmentChange(ChangeAction.VIEWED, "def6789a", date(2026, 11, 27), time(9))
    repo = FakeStore().conversations
    recorder = CallRecorder(repo, clock, room_name="room-1", save_delay=0.01)
    await recorder.start()
    john = uuid4()
    recorder.add_turn("user", "1234567890, what have I got booked?")
    recorder.identify(john)
    recorder.note_changes([BOOKED, viewed])
    recorder.note_restart()
    recorder.add_turn("user", "sorry, you cut out - 1234567890, when is my appointment?")
    recorder.identify(john)
    recorder.note_changes([viewed])
    conversation = await recorder.finish(reason="end_conversation")
    assert conversation.appointments_discussed == [BOOKED, viewed]
    shown = as_caller_reads(conversation)
    assert shown.appointments_discussed == [viewed]
    assert shown.summary is not None and "November 27th" in shown.summary


async def test_a_nul_in_a_turn_is_not_kept(clock: FixedClock) -> None:
    """PostgreSQL refuses a NUL in text and JSONB ("unsupported Unicode escape sequence"):
    one NUL in a turn made every save of the call fail there."""
    repo = FakeStore().conversations
    recorder = CallRecorder(repo, clock, room_name="room-1", save_delay=0.01)
    await recorder.start()
    recorder.add_turn("assistant", "Your code is\x00 DEF6789A.")
    recorder.add_turn("user", "\x00 ")
    await recorder.flush()
    row = repo.rows[recorder.conversation_id]
    assert [t["text"] for t in row.transcript] == ["Your code is DEF6789A."]
    await recorder.aclose()


async def test_finish_writes_the_final_row_exactly_once(clock: FixedClock) -> None:
    repo = FakeStore().conversations
    recorder = CallRecorder(repo, clock, room_name="room-1", save_delay=0.01)
    await recorder.start()
    user_id = uuid4()
    recorder.identify(user_id)
    recorder.add_turn("user", "Book me Friday at 9")
    recorder.note_changes([BOOKED, BOOKED])
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
    finals = [c for c in repo.saved if c.ended_at is not None]
    assert len(finals) == 1
    row = repo.rows[recorder.conversation_id]
    assert row.summary == "An LLM summary."
    assert row.end_reason == "end_conversation"
    assert row.duration_seconds == 172
    assert row.user_id == user_id
    assert row.cost_breakdown is not None and row.cost_breakdown["stt_cost"] == 0.0058
    assert row.appointments_discussed == [BOOKED]  # noted twice, listed once

    # nothing changes a finished record
    recorder.add_turn("user", "late words")
    await recorder.finish(reason="job_shutdown")
    assert repo.rows[recorder.conversation_id].transcript == row.transcript
    assert len([c for c in repo.saved if c.ended_at is not None]) == 1


@pytest.mark.parametrize("summarizer", [None, BrokenSummary(), FixedSummary("  ")])
async def test_fallback_summary_when_no_llm_or_it_fails(
    clock: FixedClock, summarizer: object
) -> None:
    recorder = CallRecorder(FakeStore().conversations, clock, room_name="room-1")
    recorder.add_turn("user", "Cancel my appointment please")
    recorder.note_changes([CANCELLED])
    conversation = await recorder.finish(
        reason="participant_disconnected",
        summarizer=summarizer,  # type: ignore[arg-type]
    )
    assert conversation.summary == (
        "The caller cancelled the appointment on Friday, November 27th at 9 AM. The caller hung up."
    )


async def test_a_slow_summariser_times_out_to_the_fallback(clock: FixedClock) -> None:
    recorder = CallRecorder(
        FakeStore().conversations, clock, room_name="room-1", summary_timeout=0.05
    )
    conversation = await recorder.finish(reason="error", summarizer=SlowSummary())
    assert conversation.summary == (
        "The caller did not say anything. The call ended because of a technical problem."
    )


async def test_final_save_is_retried(clock: FixedClock) -> None:
    store = FakeStore()
    store.fail_next = 2
    recorder = CallRecorder(store.conversations, clock, room_name="room-1")
    await recorder.finish(reason="end_conversation")
    assert store.fail_next == 0
    assert store.conversations.rows[recorder.conversation_id].ended_at is not None


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
    down = FakeStore()
    down.unavailable = True
    recorder = CallRecorder(
        down.conversations, clock, room_name="room-1", spool=spool, final_save_seconds=0.3
    )
    recorder.add_turn("user", "I prefer mornings")
    recorder.add_turn("assistant", "Noted.")
    finished = await recorder.finish(reason="participant_disconnected")
    assert down.conversations.rows == {}
    [spooled] = spool.pending()
    assert spooled.id == finished.id and spooled.transcript == finished.transcript
    assert spooled.ended_at == finished.ended_at and spooled.summary == finished.summary
    # The database is back: the record goes in and leaves the spool.
    up = FakeStore().conversations
    assert await replay_spool(spool, up) == 1
    assert up.rows[finished.id].transcript == finished.transcript
    assert spool.pending() == []


async def test_a_later_successful_call_flushes_the_spool(clock: FixedClock, tmp_path: Path) -> None:
    spool = JsonFileSpool(tmp_path / "spool")
    earlier = Conversation(id=uuid4(), room_name="earlier", started_at=clock.now())
    spool.put(earlier)
    repo = FakeStore().conversations
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


class RefusingRepo:
    """Takes every record but the ones it was told to refuse (bad data, not an outage)."""

    def __init__(self, refuse: set[UUID]) -> None:
        self.refuse = refuse
        self.store = FakeStore()

    async def save(self, conversation: Conversation) -> None:
        if conversation.id in self.refuse:
            raise ValueError("value too long for type character varying(128)")
        await self.store.conversations.save(conversation)


async def test_a_refused_record_is_quarantined_and_the_others_still_go_in(
    clock: FixedClock, tmp_path: Path
) -> None:
    spool = JsonFileSpool(tmp_path / "spool")
    records = [
        Conversation(id=uuid4(), room_name=f"r{i}", started_at=clock.now()) for i in range(3)
    ]
    for record in records:
        spool.put(record)
    bad = records[1].id
    repo = RefusingRepo({bad})
    assert await replay_spool(spool, repo) == 2  # type: ignore[arg-type]
    assert set(repo.store.conversations.rows) == {records[0].id, records[2].id}
    assert spool.pending() == []
    assert [p.name for p in spool.quarantined()] == [f"{bad}.json"]
    # the quarantined record is kept, readable, for a person to look at
    assert str(bad) in spool.quarantined()[0].read_text()


async def test_an_unreadable_spool_file_is_set_aside(clock: FixedClock, tmp_path: Path) -> None:
    spool = JsonFileSpool(tmp_path / "spool")
    good = Conversation(id=uuid4(), room_name="good", started_at=clock.now())
    spool.put(good)
    (spool.directory / "broken.json").write_text("{not json")
    repo = FakeStore().conversations
    assert await replay_spool(spool, repo) == 1
    assert set(repo.rows) == {good.id}
    assert [p.name for p in spool.quarantined()] == ["broken.json"]


async def test_replay_stops_while_the_database_is_away(clock: FixedClock, tmp_path: Path) -> None:
    spool = JsonFileSpool(tmp_path / "spool")
    for i in range(2):
        spool.put(Conversation(id=uuid4(), room_name=f"r{i}", started_at=clock.now()))
    store = FakeStore()
    store.unavailable = True
    assert await replay_spool(spool, store.conversations) == 0
    assert len(spool.pending()) == 2 and spool.quarantined() == []


async def test_a_registration_reaches_the_summary(clock: FixedClock) -> None:
    summary = FixedSummary()
    recorder = CallRecorder(FakeStore().conversations, clock, room_name="room-1")
    recorder.add_turn("user", "I'm new here")
    recorder.note_registration()
    await recorder.finish(reason="end_conversation", summarizer=summary)
    [record] = summary.seen
    assert record.registered is True


class HeldSaves:
    """Conversation saves that wait for ``release`` once ``hold`` is set (a slow database)."""

    def __init__(self) -> None:
        self.inner = FakeStore().conversations
        self.hold = False
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.cancelled = 0

    async def save(self, conversation: Conversation) -> None:
        if self.hold:
            self.started.set()
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.cancelled += 1
                raise
        await self.inner.save(conversation)


async def _saving(text: str, clock: FixedClock) -> tuple[HeldSaves, CallRecorder]:
    """A recorder whose save of the turn ``text`` is under way and held."""
    repo = HeldSaves()
    recorder = CallRecorder(repo, clock, room_name="room-1", save_delay=0.01)  # type: ignore[arg-type]
    await recorder.start()
    repo.hold = True
    recorder.add_turn("user", text)
    await asyncio.wait_for(repo.started.wait(), 2)
    return repo, recorder


async def test_a_save_under_way_when_the_saver_stops_is_let_finish(clock: FixedClock) -> None:
    repo, recorder = await _saving("Can I move my Friday appointment to Monday?", clock)
    closing = asyncio.create_task(recorder.aclose())
    await asyncio.sleep(0.05)
    assert not closing.done()  # waiting for the save, not cancelling it
    repo.release.set()
    await asyncio.wait_for(closing, 2)
    assert repo.cancelled == 0
    row = repo.inner.rows[recorder.conversation_id]
    assert [t["text"] for t in row.transcript] == ["Can I move my Friday appointment to Monday?"]


async def test_a_save_that_hangs_is_cancelled_after_the_grace(
    clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("voice_agent.services.recorder.SAVE_GRACE_SECONDS", 0.05)
    repo, recorder = await _saving("hello?", clock)
    await asyncio.wait_for(recorder.aclose(), 2)
    assert repo.cancelled == 1
