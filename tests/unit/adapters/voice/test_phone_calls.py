"""Phone calls end to end in text mode: a SIP participant's attributes become the call
context, the offline dialogue engine greets a caller on file by name, key presses arrive as
DTMF events and reach the engine as one turn, and a request for a person is transferred
through (a local fake of) LiveKit's SIP API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from livekit import api, rtc
from livekit.agents import llm
from livekit.protocol import sip

from voice_agent.adapters.offline.dialogue.llm import DialogueLLM
from voice_agent.adapters.offline.dialogue.policy import STUCK
from voice_agent.adapters.voice.events import MemoryEventSink
from voice_agent.adapters.voice.session import CallHandle, build_session, start_call
from voice_agent.adapters.voice.telephony import (
    KeypadCollector,
    PhoneCall,
    phone_caller,
    prepare_phone_call,
)
from voice_agent.bootstrap import Container
from voice_agent.domain.clinic import ClinicProfile
from voice_agent.testing.fake_livekit import API_KEY, API_SECRET, FakeLiveKit, fake_livekit
from voice_agent.testing.fakes.room import FakeRoom

JOHN = "+16465550177"
SARAH = "9876543210"
CLINIC = ClinicProfile(name="Maple Clinic", phone="555 010 0200", transfer_number="+15550100200")


@dataclass
class SipParticipant:
    identity: str = "sip_caller"
    kind: int = rtc.ParticipantKind.PARTICIPANT_KIND_SIP
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class PhoneLine:
    handle: CallHandle
    phone: PhoneCall
    keypad: KeypadCollector
    room: FakeRoom
    sink: MemoryEventSink
    greeting: str

    async def say(self, line: str) -> list[tuple[str, Any]]:
        result = await self.handle.session.run(user_input=line)
        return _items(result.events)

    async def press(self, keys: str) -> None:
        before = len(self.keypad.replies)
        self.room.press(keys)
        for reply in self.keypad.replies[before:]:
            await reply  # type: ignore[misc]

    def calls(self, name: str) -> list[dict[str, Any]]:
        return [
            e["data"]["params"] for e in self.sink.of_type("tool_call") if e["data"]["tool"] == name
        ]

    def results(self, name: str) -> list[Any]:
        return [
            e["data"]["result"] for e in self.sink.of_type("tool_call") if e["data"]["tool"] == name
        ]

    def agent_lines(self) -> list[str]:
        return [
            m.text_content or ""
            for m in self.handle.session.history.messages()
            if m.role == "assistant"
        ]


def _items(events: list[Any]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for ev in events:
        item = getattr(ev, "item", None)
        if isinstance(item, llm.ChatMessage):
            out.append(("say", item.text_content))
        elif isinstance(item, llm.FunctionCall):
            out.append(("call", (item.name, json.loads(item.arguments or "{}"))))
    return out


@pytest.fixture
def livekit() -> Iterator[FakeLiveKit]:
    with fake_livekit() as server:
        yield server


@asynccontextmanager
async def phone_line(
    container: Container,
    livekit: FakeLiveKit,
    *,
    number: str | None,
    profile: ClinicProfile = CLINIC,
) -> AsyncIterator[PhoneLine]:
    """A phone call the way the worker sets it up, in text mode over the offline engine."""
    attributes = {"sip.phoneNumber": number} if number else {"sip.phoneNumber": "anonymous"}
    caller = phone_caller(SipParticipant(attributes=attributes))
    assert caller is not None
    async with api.LiveKitAPI(url=livekit.url, api_key=API_KEY, api_secret=API_SECRET) as lk:
        phone = prepare_phone_call(
            caller,
            profile=profile,
            room_name="call-_+16465550177_x",
            api=lk.sip,
        )
        model = DialogueLLM(settings=container.settings, clock_tool=True, style="spoken")
        session = build_session(llm=model)
        room = FakeRoom()
        keypad = phone.keypad(session)
        sink = MemoryEventSink()
        greeting = phone.greeting(clinic_name=profile.name)
        handle = await start_call(
            container.call_services(),
            session,
            room_name="call-_+16465550177_x",
            agent=phone.agent(container.scheduling, clinic_name=profile.name),
            event_sink=sink,
            greeting=greeting,
            save_delay=0.01,
        )
        keypad.attach(room)
        assert handle.greeting is not None
        await handle.greeting.wait_for_playout()
        try:
            yield PhoneLine(handle, phone, keypad, room, sink, greeting)
        finally:
            keypad.close()
            await handle.aclose()
            await phone.aclose()


async def test_a_caller_id_on_file_is_not_greeted_by_name_and_is_looked_up_when_asked(
    container: Container, livekit: FakeLiveKit
) -> None:
    """A caller ID is what the line reports, spoofable: it was greeted "Am I speaking with
    John?", so whoever called from John's number (or claimed it) learned whose it was. The
    greeting names no one now (the same question for any caller ID); a yes still finds the
    account, and its name is not said to a caller who did not give it."""
    await container.scheduling.identify(JOHN, "John Smith")
    async with phone_line(container, livekit, number=JOHN) as line:
        assert line.greeting == (
            "Hello, thanks for calling Maple Clinic! "
            "Is the number you're calling from the one on your account?"
        )
        turn = await line.say("Yes")
        assert ("call", ("identify_user", {"phone_number": "6465550177"})) in turn
        assert line.results("identify_user")[0]["status"] == "identified"
        assert not any("John" in said for said in line.agent_lines())
        conversation = await line.handle.aclose()
    john = await container.scheduling.find_user_by_phone(JOHN)
    assert john is not None and conversation.user_id == john.id


async def test_someone_else_on_the_line_gives_their_number_on_the_keypad(
    container: Container, livekit: FakeLiveKit
) -> None:
    await container.scheduling.identify(JOHN, "John Smith")
    await container.scheduling.identify(SARAH, "Sarah Johnson")
    async with phone_line(container, livekit, number=JOHN) as line:
        turn = await line.say("No")
        assert not [c for kind, c in turn if kind == "call" and c[0] == "identify_user"]
        await line.press("98765")
        await line.press("43210#")
        assert line.keypad.delivered == ["9876543210#"]
        assert line.calls("identify_user") == [{"phone_number": "********10"}]
        # keyed in: whose it is is not said, nor sent to the caller's screen (the offline
        # engine keeps the name; the tool_call and summary events carried it: attack13)
        found = line.results("identify_user")[0]
        assert (found["name"], found["name_confirmed"]) == (None, False)
        conversation = await line.handle.aclose()
        assert "Sarah" not in json.dumps(line.sink.events)
        [summary] = line.sink.of_type("summary")
        assert summary["data"]["user_name"] is None
    sarah = await container.scheduling.find_user_by_phone(SARAH)
    assert sarah is not None and conversation.user_id == sarah.id
    # the typed digits are in the transcript as what the caller "said"
    assert {"role": "user", "text": "9876543210#"}.items() <= next(
        t for t in conversation.transcript if t["text"] == "9876543210#"
    ).items()


async def test_a_withheld_number_gets_the_usual_greeting_and_can_type_its_number(
    container: Container, livekit: FakeLiveKit
) -> None:
    await container.scheduling.identify(JOHN, "John Smith")
    async with phone_line(container, livekit, number=None) as line:
        assert line.phone.info.render() == "Call context: phone_line=yes"
        assert (
            line.greeting == "Hello, thank you for calling Maple Clinic. How can I help you today?"
        )
        await line.say("I'd like to book an appointment")
        assert "phone number" in line.agent_lines()[-1]
        await line.press("6465550177#")
        assert line.calls("identify_user") == [{"phone_number": "********77"}]
        assert line.results("identify_user")[0]["status"] == "identified"


async def test_asking_for_a_person_transfers_the_call_to_the_clinic(
    container: Container, livekit: FakeLiveKit
) -> None:
    await container.scheduling.identify(JOHN, "John Smith")
    async with phone_line(container, livekit, number=JOHN) as line:
        await line.say("Yes")
        turn = await line.say("Can I speak to a real person please?")
        assert ("call", ("transfer_to_staff", {"reason": "caller asked for a person"})) in turn
        assert line.results("transfer_to_staff") == [{"status": "transferring"}]
        assert line.handle.state.transferring
        assert line.phone.transfer is not None
        assert await line.phone.transfer.wait() is True  # after the agent's sentence
        [request] = livekit.accepted("TransferSIPParticipant")
        assert isinstance(request, sip.TransferSIPParticipantRequest)
        assert (request.room_name, request.participant_identity, request.transfer_to) == (
            "call-_+16465550177_x",
            "sip_caller",
            "tel:+15550100200",
        )
        # LiveKit hands the call over; the caller's leg leaves the room and the session ends
        conversation = await line.handle.aclose()
    assert conversation.end_reason == "transferred"
    assert line.sink.of_type("summary")[0]["data"]["end_reason"] == "transferred"


async def test_a_failed_transfer_tells_the_caller_how_to_reach_the_clinic(
    container: Container, livekit: FakeLiveKit
) -> None:
    livekit.transfer_status = sip.SIPTransferStatus.STS_TRANSFER_FAILED
    async with phone_line(container, livekit, number=None) as line:
        await line.say("I want to talk to a human")
        assert line.phone.transfer is not None
        assert await line.phone.transfer.wait() is False
        assert not line.handle.state.transferring
        assert line.phone.transfer.apology is not None
        await line.phone.transfer.apology
        conversation = await line.handle.aclose()
    said = [t["text"] for t in conversation.transcript if t["role"] == "assistant"]
    assert any("555 010 0200" in s and "couldn't put you through" in s for s in said)
    assert conversation.end_reason != "transferred"


async def test_without_a_transfer_number_the_agent_says_how_to_reach_the_clinic(
    container: Container, livekit: FakeLiveKit
) -> None:
    profile = ClinicProfile(name="Maple Clinic", phone="555 010 0200")
    async with phone_line(container, livekit, number=None, profile=profile) as line:
        assert line.phone.transfer is None
        turn = await line.say("Can I speak to a person?")
        assert not [c for kind, c in turn if kind == "call" and c[0] == "transfer_to_staff"]
        # (the engine reads the clinic's phone from CLINIC_PROFILE; none is set here)
        assert "front desk" in line.agent_lines()[-1]
    assert livekit.received == []


async def test_a_confirmation_code_typed_on_the_keypad_picks_the_appointment(
    container: Container, livekit: FakeLiveKit
) -> None:
    from datetime import date, time

    from voice_agent.domain.codes import keypad_form
    from voice_agent.domain.models import AppointmentStatus

    found = await container.scheduling.identify(JOHN, "John Smith")
    assert found.user is not None
    friday = await container.scheduling.book(found.user.id, date(2026, 11, 27), time(9))
    monday = await container.scheduling.book(found.user.id, date(2026, 11, 30), time(11))
    async with phone_line(container, livekit, number=JOHN) as line:
        await line.say("Yes")
        await line.say("I want to cancel an appointment")
        await line.press(keypad_form(monday.code) + "#")  # letters typed on their keys
        assert "Monday, November 30th" in line.agent_lines()[-1]
        await line.say("Yes please")
        assert line.calls("cancel_appointment") == [{"appointment_id": monday.code}]
    appointments = {
        a.code: a.status for a in await container.scheduling.appointments(found.user.id)
    }
    assert appointments == {
        friday.code: AppointmentStatus.BOOKED,
        monday.code: AppointmentStatus.CANCELLED,
    }


async def test_a_caller_not_understood_three_times_is_put_through(
    container: Container, livekit: FakeLiveKit
) -> None:
    async with phone_line(container, livekit, number=None) as line:
        await line.say("I'd like to book an appointment")
        await line.say("it's uh hmm")
        turn = await line.say("um")
        assert "keypad" in line.agent_lines()[-1]
        assert not [c for kind, c in turn if kind == "call" and c[0] == "transfer_to_staff"]
        turn = await line.say("er")
        assert ("call", ("transfer_to_staff", {"reason": STUCK})) in turn
        assert "having trouble" in line.agent_lines()[-1]
        assert line.phone.transfer is not None
        assert await line.phone.transfer.wait() is True
        [request] = livekit.accepted("TransferSIPParticipant")
        assert request.transfer_to == "tel:+15550100200"


async def test_after_a_failed_transfer_the_agent_carries_on(
    container: Container, livekit: FakeLiveKit
) -> None:
    livekit.transfer_status = sip.SIPTransferStatus.STS_TRANSFER_FAILED
    async with phone_line(container, livekit, number=None) as line:
        await line.say("Can I talk to a person?")
        assert line.phone.transfer is not None
        assert await line.phone.transfer.wait() is False
        assert line.phone.transfer.apology is not None
        await line.phone.transfer.apology
        turn = await line.say("OK, then I'd like to book an appointment")
        assert not [c for kind, c in turn if kind == "call" and c[0] == "transfer_to_staff"]
        assert "phone number" in line.agent_lines()[-1]
        # failing to be understood now does not start another transfer that would fail too
        for word in ("um", "er", "hmm"):
            turn = await line.say(word)
            assert not [c for kind, c in turn if kind == "call" and c[0] == "transfer_to_staff"]
        assert "put you through" not in line.agent_lines()[-1]
    assert len(livekit.accepted("TransferSIPParticipant")) == 1


async def test_without_a_transfer_number_a_caller_not_understood_hears_how_to_reach_staff(
    container: Container, livekit: FakeLiveKit
) -> None:
    profile = ClinicProfile(name="Maple Clinic", phone="555 010 0200")
    async with phone_line(container, livekit, number=None, profile=profile) as line:
        await line.say("I'd like to book an appointment")
        for word in ("it's uh hmm", "um"):
            await line.say(word)
            assert "front desk staff" not in line.agent_lines()[-1]
        await line.say("er")
        assert "front desk staff answer this number" in line.agent_lines()[-1]
        assert "first three digits" in line.agent_lines()[-1]  # and the agent carries on
        await line.say("hmm")  # said once, not on every turn after
        assert "front desk staff" not in line.agent_lines()[-1]
    assert livekit.received == []


async def test_a_whole_call_by_keypad_and_yes_or_no(
    container: Container, livekit: FakeLiveKit
) -> None:
    """On a phone line the offline recogniser hears little but yes and no: the request is a
    key of a menu the agent offers, the slot a yes to the earliest one it reads out, so a
    caller books, moves and cancels without saying anything else. Before, "How can I help
    you?" left such a caller repeating themselves until they were put through."""
    from voice_agent.domain.models import AppointmentStatus

    found = await container.scheduling.identify(JOHN, "John Smith")
    assert found.user is not None
    async with phone_line(container, livekit, number=JOHN) as line:
        await line.say("Yes")
        assert line.agent_lines()[-1].endswith("press 1 to book the earliest free time.")
        await line.press("1#")  # a lone key with no "#" arrives the same way after a pause
        assert "Shall I book it?" in line.agent_lines()[-1]
        await line.say("No")  # the next free one is read out
        await line.say("Yes")
        assert len(line.calls("book_appointment")) == 1
        await line.say("Yes")  # "anything else?"
        assert "2 to move your appointment, or 3 to cancel it." in line.agent_lines()[-1]
        await line.press("2#")
        assert "Shall I move your appointment" in line.agent_lines()[-1]
        await line.say("Yes")
        assert len(line.calls("modify_appointment")) == 1
        await line.say("Yes")
        await line.press("3#")
        assert "Shall I cancel your appointment" in line.agent_lines()[-1]
        await line.say("Yes")
        await line.say("No")
    (appointment,) = await container.scheduling.appointments(found.user.id)
    assert appointment.status is AppointmentStatus.CANCELLED
