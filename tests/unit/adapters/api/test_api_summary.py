from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import httpx
import pytest
from api_support import LIVEKIT_KEY, LIVEKIT_SECRET, STAFF_KEY, SUMMARY_SECRET, client_for
from fastapi import FastAPI
from livekit import api as lk

from voice_agent.adapters.api.security import SummaryTokens, derive_key
from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.models import AppointmentChange, ChangeAction, Conversation
from voice_agent.services.summaries import restart_turn

ROOM = "room-abc123"
MISSING = "room-never-used"
TRANSCRIPT = [
    {"role": "assistant", "text": "Hello! May I have your phone number?"},
    {"role": "user", "text": "9876543210"},
]
COST = {"stt_cost": 0.0161, "tts_cost": 0.0105, "llm_cost": 0.0029, "total_cost": 0.0295}


async def _record_call(
    container: Container, room: str = ROOM, *, caller: str | None = None
) -> Conversation:
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
        caller_identity=caller,
    )
    await container.store.conversations.save(conversation)
    return conversation


async def _tokens(client: httpx.AsyncClient, room: str | None = "room-abc123") -> dict[str, str]:
    response = await client.post("/token", json={"room_name": room, "participant_name": "john"})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def _call(client: httpx.AsyncClient, container: Container) -> dict[str, str]:
    """A caller gets tokens for a room, then calls in it (the agent records their identity)."""
    tokens = await _tokens(client)
    await _record_call(container, tokens["room_name"], caller=tokens["identity"])
    return tokens


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_summary_token_reads_the_seed_shape(
    client: httpx.AsyncClient, container: Container
) -> None:
    tokens = await _tokens(client)  # issued before the call is recorded
    room = tokens["room_name"]
    conversation = await _record_call(container, room, caller=tokens["identity"])
    response = await client.get(f"/summary/{room}", headers=_bearer(tokens["summary_token"]))
    assert response.status_code == 200
    # a caller's name, number and transcript: no browser or proxy cache may keep it
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body == {
        "id": str(conversation.id),
        "user_id": str(conversation.user_id),
        "user_name": None,  # the caller's own reading names no one (attack13)
        "user_phone": "9876543210",
        "room_name": room,
        "summary": "The user booked an appointment for January 24, 2026 at 9 AM.",
        "appointments_discussed": [
            {
                "action": "booked",
                "date": "2026-01-24",
                "time": "09:00",
                "appointment_id": "ABC12345",
            }
        ],
        "preferences_mentioned": ["Prefers morning appointments"],
        "transcript": TRANSCRIPT,
        "cost_breakdown": COST,
        "duration_seconds": 172,
        "created_at": "2026-01-22T10:30:00Z",
        # and the fields the seed's token_server.py answers with, for a frontend built on it
        "appointments": [
            {"id": "ABC12345", "action": "booked", "date": "2026-01-24", "time": "09:00"}
        ],
        "preferences": ["Prefers morning appointments"],
        "costs": {
            **COST,
            "currency": "USD",
            "usage": {
                "stt_seconds": 0.0,
                "stt_audio_seconds": 0.0,
                "tts_characters": 0,
                "llm_input_tokens": 0,
                "llm_output_tokens": 0,
            },
        },
    }


async def test_summary_answers_as_the_seed_token_server_for_a_moved_appointment(
    client: httpx.AsyncClient, container: Container
) -> None:
    """The seed's token_server.py answers /summary with ``appointments`` (``id``, ``action``
    ``modified`` and ``rescheduled_time`` for a move), ``preferences`` and ``costs`` with
    ``usage.stt_seconds``; a frontend written against it reads those names."""
    tokens = await _tokens(client)
    room = tokens["room_name"]
    conversation = await _record_call(container, room, caller=tokens["identity"])
    moved = AppointmentChange(
        ChangeAction.RESCHEDULED,
        "abc12345",
        date(2026, 1, 26),
        time(10),
        previous_day=date(2026, 1, 24),
        previous_start=time(9),
    )
    await container.store.conversations.save(
        replace(
            conversation,
            appointments_discussed=[*conversation.appointments_discussed, moved],
            cost_breakdown=COST | {"usage": {"stt_audio_seconds": 12.345, "tts_characters": 9}},
        )
    )
    response = await client.get(f"/summary/{room}", headers=_bearer(tokens["summary_token"]))
    assert response.status_code == 200
    body = response.json()
    assert body["appointments"][1] == {
        "id": "ABC12345",
        "action": "modified",
        "date": "2026-01-26",
        "time": "10:00",
        "rescheduled_time": "2026-01-26 at 10:00",
        "previous_date": "2026-01-24",
        "previous_time": "09:00",
    }
    assert body["preferences"] == ["Prefers morning appointments"]
    assert body["costs"]["total_cost"] == COST["total_cost"]
    assert body["costs"]["usage"]["stt_seconds"] == 12.35
    assert body["costs"]["usage"]["tts_characters"] == 9


async def test_the_participants_own_livekit_token_also_works(
    client: httpx.AsyncClient, container: Container
) -> None:
    tokens = await _call(client, container)
    room = tokens["room_name"]
    response = await client.get(f"/summary/{room}", headers=_bearer(tokens["token"]))
    assert response.status_code == 200
    assert response.json()["room_name"] == room


async def test_after_a_restart_the_caller_reads_the_call_after_it(
    client: httpx.AsyncClient, container: Container
) -> None:
    """attack13 left it: a call that started over (someone joined with the caller's identity,
    their token leaked with the summary token beside it) gave that caller's summary token the
    whole record: the number said before, what was booked with its code. The caller reads
    the call since it started over; staff read it all."""
    tokens = await _tokens(client)
    room = tokens["room_name"]
    before = await _record_call(container, room, caller=tokens["identity"])
    mark = restart_turn(before, at=before.started_at + timedelta(seconds=60))
    after = [{"role": "user", "text": "hello? what did I book?"}]
    await container.store.conversations.save(
        replace(before, transcript=[*TRANSCRIPT, mark, *after], summary="Booked January 24.")
    )
    response = await client.get(f"/summary/{room}", headers=_bearer(tokens["summary_token"]))
    body = response.json()
    assert body["transcript"] == after
    assert body["appointments"] == [] and body["appointments_discussed"] == []
    assert body["preferences"] == [] and body["user_id"] is None and body["user_phone"] is None
    assert "9876543210" not in response.text and "ABC12345" not in response.text
    assert "January 24" not in body["summary"]
    staff = await client.get(f"/summary/{room}", headers={"X-Staff-Key": STAFF_KEY})
    assert "9876543210" in staff.text and staff.json()["summary"] == "Booked January 24."


@pytest.mark.parametrize(
    "headers",
    [{"X-Staff-Key": STAFF_KEY}, {"Authorization": f"Bearer {STAFF_KEY}"}],
    ids=["x-staff-key", "bearer"],
)
async def test_staff_can_read_any_summary(
    client: httpx.AsyncClient, container: Container, headers: dict[str, str]
) -> None:
    await _record_call(container)  # a call with no known caller (a phone call, an old row)
    response = await client.get(f"/summary/{ROOM}", headers=headers)
    assert response.status_code == 200
    assert response.json()["user_name"] == "John Smith"  # staff read whose call it was


async def test_authorised_caller_of_a_room_without_a_call_gets_404(
    client: httpx.AsyncClient,
) -> None:
    tokens = await _tokens(client, MISSING)
    room = tokens["room_name"]
    response = await client.get(f"/summary/{room}", headers=_bearer(tokens["summary_token"]))
    assert response.status_code == 404
    assert response.json() == {"detail": "No conversation has been recorded for this room yet."}


async def test_asking_for_a_room_name_first_does_not_claim_the_callers_room(
    client: httpx.AsyncClient, container: Container
) -> None:
    """Finding 1: someone asks /token for the seed's example room before the real caller.
    Each gets a room of their own; the early requester reads nothing of the caller's call."""
    mallory = await _tokens(client, "room-abc123")
    caller = await _call(client, container)
    assert mallory["room_name"] != caller["room_name"]
    assert verify_room(mallory["token"]) == mallory["room_name"]
    for token in (mallory["summary_token"], mallory["token"]):
        theirs = await client.get(f"/summary/{caller['room_name']}", headers=_bearer(token))
        assert theirs.status_code == 401
        own = await client.get(f"/summary/{mallory['room_name']}", headers=_bearer(token))
        assert own.status_code == 404


async def test_another_token_for_the_same_room_reads_no_call(
    client: httpx.AsyncClient, container: Container, clock: FixedClock
) -> None:
    """A genuine token for the caller's room, issued to someone else (a second participant,
    or a token from before rooms were server-chosen), gets exactly the 'no call' answer."""
    caller = await _call(client, container)
    room = caller["room_name"]
    other = SummaryTokens(derive_key(SUMMARY_SECRET, "summary-token/v1"), ttl=timedelta(hours=1))
    token, _ = other.issue(room_name=room, identity="someone-else-1234", now=clock.now())
    someone = await client.get(f"/summary/{room}", headers=_bearer(token))
    nobody = await client.get(
        f"/summary/{MISSING}",
        headers=_bearer(other.issue(room_name=MISSING, identity="x", now=clock.now())[0]),
    )
    assert someone.status_code == nobody.status_code == 404
    assert someone.content == nobody.content
    mine = await client.get(f"/summary/{room}", headers=_bearer(caller["summary_token"]))
    assert mine.status_code == 200


async def test_token_answers_do_not_tell_whether_a_room_has_a_call(
    client: httpx.AsyncClient, container: Container
) -> None:
    """Finding 1: /token answered 409 for a room with a recorded call and 200 otherwise."""
    await _record_call(container, ROOM)
    answers = [
        await client.post("/token", json={"room_name": name, "participant_name": "eve"})
        for name in (ROOM, MISSING)
    ]
    assert [a.status_code for a in answers] == [200, 200]
    taken, fresh = (a.json() for a in answers)
    assert taken.keys() == fresh.keys()
    assert taken["room_name"].startswith(ROOM + "-") and fresh["room_name"].startswith(MISSING)
    assert len(taken["room_name"]) - len(ROOM) == len(fresh["room_name"]) - len(MISSING)


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
    mine = await _tokens(client, ROOM)
    return {
        "none": {},
        "empty bearer": {"Authorization": "Bearer "},
        "basic scheme": {"Authorization": f"Basic {other['summary_token']}"},
        "garbage": _bearer("not-a-token"),
        "other room summary token": _bearer(other["summary_token"]),
        "other room livekit token": _bearer(other["token"]),
        "tampered summary token": _bearer(_tamper(mine["summary_token"])),
        "truncated mac": _bearer(mine["summary_token"][:-3]),
        "livekit token, wrong secret": _bearer(
            _forged_livekit(ROOM, ttl=timedelta(minutes=5), secret="x" * 40)
        ),
        "expired livekit token": _bearer(_forged_livekit(ROOM, ttl=timedelta(minutes=-5))),
        "wrong staff key": {"X-Staff-Key": STAFF_KEY + "x"},
        "staff cookie forged": {"Cookie": "va_staff=ss2.e30.AAAA"},
    }


async def test_unauthorised_requests_are_refused_identically_for_existing_and_missing_rooms(
    app_factory: Callable[..., FastAPI], container: Container, clock: FixedClock
) -> None:
    app = app_factory(credential_failures_per_client=1000, credential_failures_per_credential=1000)
    async with client_for(app) as client:
        credentials = await _bad_credentials(client, container, clock)
        await _record_call(container)
        for label, headers in credentials.items():
            seen = []
            for room in (ROOM, MISSING):
                response = await client.get(f"/summary/{room}", headers=headers)
                assert response.status_code == 401, (label, room, response.text)
                seen.append(
                    (
                        response.status_code,
                        response.content,
                        response.headers.get("www-authenticate"),
                    )
                )
            assert seen[0] == seen[1], label
            assert seen[0][1] == b'{"detail":"Not authorised to read the summary of this room."}'


async def test_expired_summary_token_is_refused(
    client: httpx.AsyncClient, container: Container, clock: FixedClock
) -> None:
    tokens = await _call(client, container)
    room = tokens["room_name"]
    assert (
        await client.get(f"/summary/{room}", headers=_bearer(tokens["summary_token"]))
    ).status_code == 200
    clock.advance(timedelta(hours=24, seconds=1))
    for name in (room, MISSING):
        response = await client.get(f"/summary/{name}", headers=_bearer(tokens["summary_token"]))
        assert response.status_code == 401


async def test_summary_token_from_another_secret_is_refused(
    client: httpx.AsyncClient, app_factory: Callable[..., FastAPI], container: Container
) -> None:
    async with client_for(app_factory(summary_secret="another-secret-0123456789abcdef")) as other:
        foreign = await _tokens(other)
    await _record_call(container, foreign["room_name"], caller=foreign["identity"])
    response = await client.get(
        f"/summary/{foreign['room_name']}", headers=_bearer(foreign["summary_token"])
    )
    assert response.status_code == 401


async def test_summary_secret_defaults_to_one_derived_from_the_livekit_secret(
    app_factory: Callable[..., FastAPI], container: Container
) -> None:
    async with client_for(app_factory(summary_secret=None)) as client:
        tokens = await _call(client, container)
        ok = await client.get(
            f"/summary/{tokens['room_name']}", headers=_bearer(tokens["summary_token"])
        )
    assert ok.status_code == 200


async def test_invalid_room_names_are_422_for_everyone(client: httpx.AsyncClient) -> None:
    response = await client.get("/summary/" + "r" * 129)
    assert response.status_code == 422


def verify_room(token: str) -> str | None:
    claims = lk.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(token)
    return claims.video.room if claims.video is not None else None


@pytest.mark.parametrize("token", [b"st1.\xe9\xe9.abc", b"st1.eyJ4IjoxfQ.\xe9"])
async def test_a_bearer_with_a_byte_outside_ascii_is_refused_not_a_500(
    client: httpx.AsyncClient, token: bytes
) -> None:
    response = await client.get(f"/summary/{ROOM}", headers={"Authorization": b"Bearer " + token})
    assert response.status_code == 401
