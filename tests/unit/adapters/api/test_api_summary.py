from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import httpx
import pytest
from api_support import LIVEKIT_KEY, LIVEKIT_SECRET, STAFF_KEY, client_for
from fastapi import FastAPI
from livekit import api as lk

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation

ROOM = "room-abc123"
MISSING = "room-never-used"
TRANSCRIPT = [
    {"role": "assistant", "text": "Hello! May I have your phone number?"},
    {"role": "user", "text": "9876543210"},
]
COST = {"stt_cost": 0.0161, "tts_cost": 0.0105, "llm_cost": 0.0029, "total_cost": 0.0295}


async def _record_call(container: Container, room: str = ROOM) -> Conversation:
    ident = await container.scheduling.identify("9876543210", "John Smith")
    assert ident.user is not None
    conversation = Conversation(
        id=uuid.uuid4(),
        room_name=room,
        started_at=datetime(2026, 1, 22, 10, 30, tzinfo=UTC),
        user_id=ident.user.id,
        summary="The user booked an appointment for January 24, 2026 at 9 AM.",
        appointments_discussed=[
            AppointmentChange(ChangeAction.BOOKED, "abc12345", date(2026, 1, 24), time(9))
        ],
        preferences_mentioned=["Prefers morning appointments"],
        transcript=TRANSCRIPT,
        cost_breakdown=COST,
        duration_seconds=172,
    )
    await container.store.conversations.save(conversation)
    return conversation


async def _tokens(client: httpx.AsyncClient, room: str) -> dict[str, str]:
    response = await client.post("/token", json={"room_name": room, "participant_name": "john"})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_summary_token_reads_the_seed_shape(
    client: httpx.AsyncClient, container: Container
) -> None:
    tokens = await _tokens(client, ROOM)  # issued before the call is recorded
    conversation = await _record_call(container)
    response = await client.get(f"/summary/{ROOM}", headers=_bearer(tokens["summary_token"]))
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": str(conversation.id),
        "user_id": str(conversation.user_id),
        "user_name": "John Smith",
        "user_phone": "9876543210",
        "room_name": ROOM,
        "summary": "The user booked an appointment for January 24, 2026 at 9 AM.",
        "appointments_discussed": [
            {
                "action": "booked",
                "date": "2026-01-24",
                "time": "09:00",
                "appointment_id": "abc12345",
            }
        ],
        "preferences_mentioned": ["Prefers morning appointments"],
        "transcript": TRANSCRIPT,
        "cost_breakdown": COST,
        "duration_seconds": 172,
        "created_at": "2026-01-22T10:30:00Z",
    }


async def test_the_participants_own_livekit_token_also_works(
    client: httpx.AsyncClient, container: Container
) -> None:
    tokens = await _tokens(client, ROOM)
    await _record_call(container)
    response = await client.get(f"/summary/{ROOM}", headers=_bearer(tokens["token"]))
    assert response.status_code == 200
    assert response.json()["room_name"] == ROOM


@pytest.mark.parametrize(
    "headers",
    [{"X-Staff-Key": STAFF_KEY}, {"Authorization": f"Bearer {STAFF_KEY}"}],
    ids=["x-staff-key", "bearer"],
)
async def test_staff_can_read_any_summary(
    client: httpx.AsyncClient, container: Container, headers: dict[str, str]
) -> None:
    await _record_call(container)
    assert (await client.get(f"/summary/{ROOM}", headers=headers)).status_code == 200


async def test_authorised_caller_of_a_room_without_a_call_gets_404(
    client: httpx.AsyncClient,
) -> None:
    tokens = await _tokens(client, MISSING)
    response = await client.get(f"/summary/{MISSING}", headers=_bearer(tokens["summary_token"]))
    assert response.status_code == 404
    assert response.json() == {"detail": "No conversation has been recorded for this room yet."}


def _tamper(token: str) -> str:
    head, payload, mac = token.split(".")
    flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    return f"{head}.{flipped}.{mac}"


def _forged_livekit(room: str, *, ttl: timedelta, secret: str = LIVEKIT_SECRET) -> str:
    return (
        lk.AccessToken(LIVEKIT_KEY, secret)
        .with_identity("mallory")
        .with_ttl(ttl)
        .with_grants(lk.VideoGrants(room_join=True, room=room))
        .to_jwt()
    )


async def _bad_credentials(
    client: httpx.AsyncClient, container: Container, clock: FixedClock
) -> dict[str, dict[str, str]]:
    other = await _tokens(client, "room-someone-else")
    mine_for_both = {room: await _tokens(client, room) for room in (ROOM, MISSING)}
    return {
        "none": {},
        "empty bearer": {"Authorization": "Bearer "},
        "basic scheme": {"Authorization": f"Basic {other['summary_token']}"},
        "garbage": _bearer("not-a-token"),
        "other room summary token": _bearer(other["summary_token"]),
        "other room livekit token": _bearer(other["token"]),
        "tampered summary token": _bearer(_tamper(mine_for_both[ROOM]["summary_token"])),
        "truncated mac": _bearer(mine_for_both[ROOM]["summary_token"][:-3]),
        "livekit token, wrong secret": _bearer(
            _forged_livekit(ROOM, ttl=timedelta(minutes=5), secret="x" * 40)
        ),
        "expired livekit token": _bearer(_forged_livekit(ROOM, ttl=timedelta(minutes=-5))),
        "wrong staff key": {"X-Staff-Key": STAFF_KEY + "x"},
        "staff cookie forged": {"Cookie": "va_staff=ss1.e30.AAAA"},
    }


async def test_unauthorised_requests_are_refused_identically_for_existing_and_missing_rooms(
    client: httpx.AsyncClient, container: Container, clock: FixedClock
) -> None:
    credentials = await _bad_credentials(client, container, clock)
    await _record_call(container)
    for label, headers in credentials.items():
        seen = []
        for room in (ROOM, MISSING):
            response = await client.get(f"/summary/{room}", headers=headers)
            assert response.status_code == 401, (label, room, response.text)
            seen.append(
                (response.status_code, response.content, response.headers.get("www-authenticate"))
            )
        assert seen[0] == seen[1], label
        assert seen[0][1] == b'{"detail":"Not authorised to read the summary of this room."}'


async def test_expired_summary_token_is_refused(
    client: httpx.AsyncClient, container: Container, clock: FixedClock
) -> None:
    tokens = await _tokens(client, ROOM)
    await _record_call(container)
    assert (
        await client.get(f"/summary/{ROOM}", headers=_bearer(tokens["summary_token"]))
    ).status_code == 200
    clock.advance(timedelta(hours=24, seconds=1))
    for room in (ROOM, MISSING):
        response = await client.get(f"/summary/{room}", headers=_bearer(tokens["summary_token"]))
        assert response.status_code == 401


async def test_summary_token_from_another_secret_is_refused(
    client: httpx.AsyncClient, app_factory: Callable[..., FastAPI], container: Container
) -> None:
    async with client_for(app_factory(summary_secret="another-secret-0123456789abcdef")) as other:
        foreign = (await _tokens(other, ROOM))["summary_token"]
    await _record_call(container)
    response = await client.get(f"/summary/{ROOM}", headers=_bearer(foreign))
    assert response.status_code == 401


async def test_summary_secret_defaults_to_one_derived_from_the_livekit_secret(
    app_factory: Callable[..., FastAPI], container: Container
) -> None:
    async with client_for(app_factory(summary_secret=None)) as client:
        tokens = await _tokens(client, ROOM)
        await _record_call(container)
        ok = await client.get(f"/summary/{ROOM}", headers=_bearer(tokens["summary_token"]))
    assert ok.status_code == 200


async def test_invalid_room_names_are_422_for_everyone(client: httpx.AsyncClient) -> None:
    response = await client.get("/summary/" + "r" * 129)
    assert response.status_code == 422
