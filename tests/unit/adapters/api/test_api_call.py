"""``/call``: the page, and POST /call/offer handing the browser's offer to the lines: an
answer with a summary token for that call only; 503 when busy or off; 400 for an offer that
cannot be used; 429 past the rate limit. ``/docs`` works with no network."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from api_support import client_for
from fastapi import FastAPI

from voice_agent.adapters.api import ApiServices, create_app
from voice_agent.adapters.api.schemas import ROOM_NAME_PATTERN
from voice_agent.config import Settings
from voice_agent.domain.errors import (
    CallSetupFailed,
    InvalidCallOffer,
    LinesBusy,
    TooManyCallsFromClient,
)
from voice_agent.domain.models import Conversation

OFFER = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"


@dataclass
class FakeLines:
    """The lines, answering every offer until ``capacity`` calls run."""

    capacity: int = 2
    offers: list[tuple[str, str]] = field(default_factory=list)
    callers: list[str] = field(default_factory=list)
    """The caller identity each call's record is bound to."""
    clients: list[str] = field(default_factory=list)
    """The client each call is counted against."""
    refuse: Exception | None = None

    @property
    def active(self) -> int:
        return len(self.offers)

    async def start(
        self, *, offer_sdp: str, room_name: str, caller_identity: str, client: str
    ) -> str:
        if self.refuse is not None:
            raise self.refuse
        if len(self.offers) >= self.capacity:
            raise LinesBusy(f"All lines are busy: {self.active} of {self.capacity} calls.")
        self.offers.append((offer_sdp, room_name))
        self.callers.append(caller_identity)
        self.clients.append(client)
        return f"answer-for-{room_name}"


@pytest.fixture
def lines() -> FakeLines:
    return FakeLines()


@pytest.fixture
def call_app(
    settings: Settings, api_services: ApiServices, lines: FakeLines
) -> Callable[..., FastAPI]:
    def build(**overrides: object) -> FastAPI:
        services = ApiServices(
            clock=api_services.clock,
            scheduling=api_services.scheduling,
            store=api_services.store,
            calls=lines,
        )
        return create_app(settings.model_copy(update=overrides), services)

    return build


@pytest.fixture
async def caller(call_app: Callable[..., FastAPI]) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(call_app()) as c:
        yield c


async def test_the_page_asks_for_the_microphone_and_loads_only_its_own_files(
    call_app: Callable[..., FastAPI],
) -> None:
    app = call_app(clinic_name="Maple <Street> & Co", webrtc_ice_servers=["stun:st.example:3478"])
    async with client_for(app) as client:
        page = await client.get("/call")
        assert page.status_code == 200
        assert "Maple &lt;Street&gt; &amp; Co" in page.text and "<Street>" not in page.text
        csp = page.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "microphone=(self)" in page.headers["permissions-policy"]
        assert "stun:st.example:3478" in page.text  # the page uses the server's ICE servers
        assert re.findall(r'(?:src|href)="([^"]+)"', page.text) == [
            "data:,",  # an empty icon: no request for /favicon.ico, which is not there
            "/call/assets/common.css",
            "/call/assets/call.css",
            "/call/assets/common.js",
            "/call/assets/call.js",
        ]
        for name in ("common.js", "call.js"):
            script = await client.get(f"/call/assets/{name}")
            assert script.status_code == 200 and "javascript" in script.headers["content-type"]
            assert ".innerHTML" not in script.text and "insertAdjacentHTML" not in script.text
        for name in ("common.css", "call.css"):
            sheet = await client.get(f"/call/assets/{name}")
            assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("text/css")
        assert (await client.get("/call/assets/staff.js")).status_code == 404
        assert (await client.get("/call/assets/call.html")).status_code == 404


async def test_an_offer_gets_an_answer_and_a_summary_token_for_that_call_only(
    caller: httpx.AsyncClient, lines: FakeLines, api_services: ApiServices
) -> None:
    response = await caller.post("/call/offer", json={"sdp": OFFER, "type": "offer"})
    assert response.status_code == 200, response.text
    body = response.json()
    ((offer, room),) = lines.offers
    assert offer == OFFER and body["room_name"] == room
    assert re.fullmatch(ROOM_NAME_PATTERN, room) and room.startswith("room-")
    assert body["sdp"] == f"answer-for-{room}" and body["type"] == "answer"
    assert body["max_seconds"] == 900

    token = {"Authorization": f"Bearer {body['summary_token']}"}
    mine = await caller.get(f"/summary/{room}", headers=token)
    assert mine.status_code == 404  # authorised; the call has no record yet
    # the record the call writes is bound to the identity in this token: it reads it
    (identity,) = lines.callers
    await api_services.store.conversations.save(_record(room, identity))
    mine = await caller.get(f"/summary/{room}", headers=token)
    assert mine.status_code == 200 and mine.json()["summary"] == "A browser call."
    # a record of the same room bound to someone else reads like no record at all
    await api_services.store.conversations.save(_record(room, "browser-someone"))
    assert (await caller.get(f"/summary/{room}", headers=token)).status_code == 404
    other = await caller.post("/call/offer", json={"sdp": OFFER})
    someone_else = other.json()["room_name"]
    assert (await caller.get(f"/summary/{someone_else}", headers=token)).status_code == 401


def _record(room: str, identity: str) -> Conversation:
    now = datetime.now(UTC)
    return Conversation(
        id=uuid.uuid4(),
        room_name=room,
        started_at=now - timedelta(minutes=1),
        summary="A browser call.",
        ended_at=now,
        end_reason="caller_hung_up",
        caller_identity=identity,
    )


async def test_when_every_line_is_taken_the_answer_is_busy(
    caller: httpx.AsyncClient, lines: FakeLines
) -> None:
    for _ in range(lines.capacity):
        assert (await caller.post("/call/offer", json={"sdp": OFFER})).status_code == 200
    busy = await caller.post("/call/offer", json={"sdp": OFFER})
    assert busy.status_code == 503
    assert "busy" in busy.json()["detail"]
    assert int(busy.headers["retry-after"]) > 0


async def test_a_client_with_a_call_in_progress_is_told_to_end_it_first(
    caller: httpx.AsyncClient, lines: FakeLines
) -> None:
    assert (await caller.post("/call/offer", json={"sdp": OFFER})).status_code == 200
    assert lines.clients == ["127.0.0.1"]  # each call is counted against its client
    lines.refuse = TooManyCallsFromClient("A call from this address is already in progress.")
    response = await caller.post("/call/offer", json={"sdp": OFFER})
    assert response.status_code == 429
    assert response.headers["retry-after"] == "30"
    assert "already in progress" in response.json()["detail"]


async def test_an_offer_that_cannot_be_used_is_a_400(
    caller: httpx.AsyncClient, lines: FakeLines
) -> None:
    lines.refuse = InvalidCallOffer("The call offer has no microphone audio.")
    response = await caller.post("/call/offer", json={"sdp": "v=0"})
    assert response.status_code == 400
    assert response.json()["detail"] == "The call offer has no microphone audio."


async def test_a_call_that_cannot_start_says_so(
    caller: httpx.AsyncClient, lines: FakeLines
) -> None:
    lines.refuse = CallSetupFailed("The receptionist could not start its speech engines.")
    response = await caller.post("/call/offer", json={"sdp": OFFER})
    assert response.status_code == 500
    assert "speech engines" in response.json()["detail"]


@pytest.mark.parametrize(
    "body", [{}, {"sdp": ""}, {"sdp": OFFER, "type": "answer"}, {"sdp": "x" * 20_001}]
)
async def test_malformed_offers_are_refused_before_the_lines(
    caller: httpx.AsyncClient, lines: FakeLines, body: dict[str, object]
) -> None:
    response = await caller.post("/call/offer", json=body)
    assert response.status_code in (413, 422)
    assert lines.offers == []


async def test_offers_are_rate_limited_per_client(
    call_app: Callable[..., FastAPI], lines: FakeLines
) -> None:
    lines.capacity = 10
    async with client_for(call_app(call_rate_limit_per_minute=2)) as client:
        for _ in range(2):
            assert (await client.post("/call/offer", json={"sdp": OFFER})).status_code == 200
        limited = await client.post("/call/offer", json={"sdp": OFFER})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert len(lines.offers) == 2


async def test_without_lines_browser_calls_are_off(client: httpx.AsyncClient) -> None:
    response = await client.post("/call/offer", json={"sdp": OFFER})
    assert response.status_code == 503
    assert "turned off" in response.json()["detail"]
    assert (await client.get("/call")).status_code == 200  # the page still explains itself


async def test_a_server_without_secrets_still_gives_callers_a_summary_token(
    call_app: Callable[..., FastAPI],
) -> None:
    app = call_app(livekit_api_secret=None, livekit_api_key=None, summary_secret=None)
    async with client_for(app) as client:
        body = (await client.post("/call/offer", json={"sdp": OFFER})).json()
        token = {"Authorization": f"Bearer {body['summary_token']}"}
        assert (await client.get(f"/summary/{body['room_name']}", headers=token)).status_code == 404
        assert (await client.get("/summary/room-other", headers=token)).status_code == 401
        assert (await client.post("/token", json={"participant_name": "x"})).status_code == 503


async def test_the_api_docs_render_from_local_files(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "http://" not in page.text and "https://" not in page.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/docs/assets/swagger-ui-bundle.js" in assets
    for asset in assets:
        response = await client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 500
    bundle = await client.get("/docs/assets/swagger-ui-bundle.js")
    assert "SwaggerUIBundle" in bundle.text
    assert (await client.get("/docs/assets/../../etc/passwd")).status_code == 404
    assert (await client.get("/docs/assets/index.html")).status_code == 404
    assert (await client.get("/redoc")).status_code == 404
    assert (await client.get("/openapi.json")).json()["paths"]["/call/offer"]
