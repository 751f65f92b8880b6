from __future__ import annotations

import dataclasses
import json
import logging
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jwt
import pytest
from api_support import (
    ALLOWED_ORIGIN,
    LIVEKIT_KEY,
    LIVEKIT_SECRET,
    STAFF_KEY,
    client_for,
    make_settings,
)
from fastapi import FastAPI
from livekit import api as lk

from voice_agent.adapters.api import ApiServices, create_app
from voice_agent.adapters.api.live_calls import LiveKitRooms
from voice_agent.adapters.api.schemas import TokenCreate
from voice_agent.adapters.api.security import LiveKitTokens
from voice_agent.testing.fake_livekit import API_KEY as FAKE_KEY
from voice_agent.testing.fake_livekit import API_SECRET as FAKE_SECRET
from voice_agent.testing.fake_livekit import fake_livekit


def verify(token: str) -> lk.access_token.Claims:
    return lk.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(token)


async def test_token_response_has_the_seed_shape(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/token", json={"room_name": "room-abc123", "participant_name": "user-john"}
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"  # credentials are never cached
    body = response.json()
    # the server chooses the room; the requested name is its readable prefix
    assert body["room_name"].startswith("room-abc123-") and len(body["room_name"]) == 32
    assert verify(body["token"]).video.room == body["room_name"]  # type: ignore[union-attr]
    assert body["participant_name"] == "user-john"
    assert isinstance(body["token"], str) and body["token"].count(".") == 2
    assert body["identity"].startswith("user-john-")
    assert body["livekit_url"] == "wss://livekit.example"
    assert body["expires_in"] == 300
    assert body["summary_token"].startswith("st1.")


async def test_token_claims_are_least_privilege_for_that_room_only(
    client: httpx.AsyncClient,
) -> None:
    before = int(time.time())
    payload = {"room_name": "room-abc123", "participant_name": "Ann Lee"}
    body = (await client.post("/token", json=payload)).json()
    claims = verify(body["token"])
    assert claims.identity == body["identity"]
    assert claims.name == "Ann Lee"
    assert claims.kind == "standard"
    video = claims.video
    assert video is not None
    assert video.room == body["room_name"]
    assert video.room_join is True
    assert video.can_publish is True
    assert video.can_publish_sources == ["microphone"]
    assert video.can_publish_data is True
    assert video.can_subscribe is True
    for forbidden in ("room_admin", "room_create", "room_list", "room_record", "recorder"):
        assert not getattr(video, forbidden), forbidden
    assert not video.ingress_admin and not video.hidden and not video.agent
    # The agent is dispatched into the room the token creates.
    assert claims.room_config is not None
    assert [a.agent_name for a in claims.room_config.agents] == ["voice-receptionist"]

    raw = jwt.decode(body["token"], LIVEKIT_SECRET, algorithms=["HS256"], issuer=LIVEKIT_KEY)
    assert raw["sub"] == body["identity"]
    assert before + 300 - 5 <= raw["exp"] <= int(time.time()) + 300 + 5
    assert raw["nbf"] <= int(time.time())
    assert set(raw) <= {"sub", "iss", "nbf", "exp", "name", "kind", "video", "roomConfig"}


async def test_token_without_agent_name_has_no_dispatch(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory(agent_name="")) as client:
        body = (await client.post("/token", json={"participant_name": "ann"})).json()
    assert verify(body["token"]).room_config is None


@pytest.mark.parametrize("room", [None, "", "   "])
async def test_room_name_is_generated_when_not_given(
    client: httpx.AsyncClient, room: str | None
) -> None:
    payload: dict[str, object] = {"participant_name": "ann"}
    if room is not None:
        payload["room_name"] = room
    body = (await client.post("/token", json=payload)).json()
    assert body["room_name"].startswith("room-") and len(body["room_name"]) >= 20
    assert verify(body["token"]).video.room == body["room_name"]  # type: ignore[union-attr]


async def test_the_same_requested_name_gives_distinct_rooms_and_identities(
    client: httpx.AsyncClient,
) -> None:
    payload = {"room_name": "room-1", "participant_name": "ann"}
    first = (await client.post("/token", json=payload)).json()
    second = (await client.post("/token", json=payload)).json()
    assert first["identity"] != second["identity"]
    assert first["room_name"] != second["room_name"]
    assert first["room_name"].startswith("room-1-") and second["room_name"].startswith("room-1-")


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"room_name": "room-1"},
        {"participant_name": ""},
        {"participant_name": "x" * 65},
        {"participant_name": " leading"},
        {"participant_name": "<script>"},
        {"participant_name": "ann\n"},
        {"participant_name": 42},
        {"participant_name": "ann", "room_name": "room/../x"},
        {"participant_name": "ann", "room_name": "r" * 129},
        {"participant_name": "ann", "room_name": "room 1"},
    ],
)
async def test_invalid_names_get_a_clear_422(
    client: httpx.AsyncClient, payload: dict[str, object]
) -> None:
    response = await client.post("/token", json=payload)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail and all({"loc", "msg", "type"} == set(item) for item in detail)


@pytest.mark.parametrize("name", ["José", "Zoë", "O'Brien-Núñez", "Renée Dubois", "王小明"])
async def test_accented_and_non_latin_names_get_a_token(
    client: httpx.AsyncClient, name: str
) -> None:
    response = await client.post("/token", json={"participant_name": name})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["participant_name"] == name
    assert verify(body["token"]).name == name
    assert body["identity"].isascii()


async def test_a_decomposed_name_is_kept_composed(client: httpx.AsyncClient) -> None:
    body = (await client.post("/token", json={"participant_name": "Jose\u0301"})).json()
    assert body["participant_name"] == "Jos\u00e9"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"participant_name": "<script>"}, "participant_name"),
        ({"participant_name": "José\n"}, "participant_name"),
        ({"participant_name": "a\u202eb"}, "participant_name"),  # right-to-left override
        ({"participant_name": "x" * 65}, "participant_name"),
        ({"participant_name": "ann", "room_name": "café"}, "room_name"),
        ({"participant_name": "ann", "room_name": "room/../x"}, "room_name"),
    ],
)
async def test_a_refused_name_is_explained_in_words_not_a_pattern(
    client: httpx.AsyncClient, payload: dict[str, object], field: str
) -> None:
    response = await client.post("/token", json=payload)
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", field] and problem["type"] == field
    assert problem["msg"].startswith(f"{field} must be") and "^" not in problem["msg"]


async def test_not_json_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/token", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


async def test_missing_livekit_credentials_is_503_naming_the_variables(
    app_factory: Callable[..., FastAPI],
) -> None:
    app = app_factory(livekit_api_key=None, livekit_api_secret=None, summary_secret=None)
    async with client_for(app) as client:
        response = await client.post("/token", json={"participant_name": "ann"})
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert "LIVEKIT_API_KEY" in detail and "LIVEKIT_API_SECRET" in detail


async def test_placeholder_secret_counts_as_missing(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory(livekit_api_secret="your_api_secret")) as client:
        response = await client.post("/token", json={"participant_name": "ann"})
    assert response.status_code == 503


async def test_rate_limit_per_client_ip_gives_429_with_retry_after(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory(token_rate_limit_per_minute=3)) as client:
        codes = [
            (await client.post("/token", json={"participant_name": "ann"})).status_code
            for _ in range(4)
        ]
        limited = await client.post("/token", json={"participant_name": "ann"})
        other_routes = await client.get("/")
    assert codes == [200, 200, 200, 429]
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert limited.json() == {"detail": "Too many requests; try again later."}
    assert other_routes.status_code == 200


async def test_one_client_gets_at_most_the_hours_tokens(
    app_factory: Callable[..., FastAPI],
) -> None:
    """Every token dispatches an agent into its room: with only the minute's limit, one
    address kept 30 new calls a minute coming (450 at once at the longest call), each a
    worker job with its recogniser. The hour's limit bounds a client's calls at once."""
    app = app_factory(token_rate_limit_per_minute=1000, token_rate_limit_per_hour=4)
    async with _from(app, "203.0.113.9") as client, _from(app, "198.51.100.4") as other:
        codes = [
            (await client.post("/token", json={"participant_name": "ann"})).status_code
            for _ in range(5)
        ]
        limited = await client.post("/token", json={"participant_name": "ann"})
        assert (await other.post("/token", json={"participant_name": "bo"})).status_code == 200
    assert codes == [200, 200, 200, 200, 429]
    assert 1 <= int(limited.headers["retry-after"]) <= 3600


def _from(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_one_ipv6_client_cannot_multiply_the_limit_by_changing_address(
    app_factory: Callable[..., FastAPI],
) -> None:
    """Each IPv6 address had a limit of its own: a client with a /64 (any home line) got
    2**64 of them by sending each request from another address."""
    app = app_factory(token_rate_limit_per_minute=3)
    codes = []
    for n in range(4):
        async with _from(app, f"2001:db8:5:6::{n + 1:x}") as client:
            response = await client.post("/token", json={"participant_name": "ann"})
            codes.append(response.status_code)
    assert codes == [200, 200, 200, 429]
    async with _from(app, "2001:db8:5:7::1") as neighbour:  # another /64: another client
        assert (await neighbour.post("/token", json={"participant_name": "ann"})).is_success
    async with _from(app, "::ffff:192.0.2.7") as mapped, _from(app, "192.0.2.7") as plain:
        for _ in range(3):
            assert (await mapped.post("/token", json={"participant_name": "ann"})).is_success
        assert (await plain.post("/token", json={"participant_name": "ann"})).status_code == 429


async def test_invalid_requests_count_against_the_token_limit_too(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory(token_rate_limit_per_minute=3)) as client:
        invalid = [
            (await client.post("/token", json={"participant_name": "<x>"})).status_code
            for _ in range(3)
        ]
        valid = await client.post("/token", json={"participant_name": "ann"})
    assert invalid == [422, 422, 422]
    assert valid.status_code == 429


async def test_over_the_limit_is_429_before_the_body_is_even_parsed(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory(token_rate_limit_per_minute=2)) as client:
        malformed = await client.post(
            "/token", content=b"{not json", headers={"content-type": "application/json"}
        )
        valid = await client.post("/token", json={"participant_name": "ann"})
        over = [
            await client.post(
                "/token", content=b"{not json", headers={"content-type": "application/json"}
            ),
            await client.post("/token", json={"participant_name": "<x>"}),
            await client.post("/token", json={"participant_name": "ann"}),
        ]
    assert malformed.status_code == 422  # counted: the next valid request is the second
    assert valid.status_code == 200
    assert [r.status_code for r in over] == [429, 429, 429]
    assert all(r.json() == {"detail": "Too many requests; try again later."} for r in over)
    assert all(1 <= int(r.headers["retry-after"]) <= 60 for r in over)


async def test_the_token_route_is_documented_as_before(client: httpx.AsyncClient) -> None:
    operation = (await client.get("/openapi.json")).json()["paths"]["/token"]["post"]
    assert operation["tags"] == ["token"]
    assert operation["summary"] == "Create a LiveKit access token"
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/TokenCreate"}
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/TokenPublic"}
    assert {"400", "413", "422", "429", "503"} <= set(operation["responses"])
    assert "parameters" not in operation  # nothing of the route's plumbing leaks into the API


async def test_a_token_request_while_the_services_are_closed_is_503(
    app_factory: Callable[..., FastAPI],
) -> None:
    app = app_factory()
    app.state.api.services = None  # between a failed start-up and shutdown
    async with client_for(app) as client:
        response = await client.post("/token", json={"participant_name": "ann"})
    assert response.status_code == 503
    assert response.json() == {"detail": "The server is starting up."}


@pytest.mark.parametrize(
    "payload",
    [{"participant_name": "Ann Lee"}, {"room_name": "room-abc123", "participant_name": "a.b-c_d"}],
)
async def test_the_short_way_answers_byte_for_byte_as_fastapi_does(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch, payload: dict[str, str]
) -> None:
    # Everything random or timed made fixed, so two answers to one request can be compared.
    monkeypatch.setattr(secrets, "token_hex", lambda n=32: "5a" * n)
    app.state.api.livekit = LiveKitTokens(
        api_key=LIVEKIT_KEY,
        api_secret=LIVEKIT_SECRET,
        ttl=timedelta(seconds=900),
        agent_name="voice-receptionist",
        wall_clock=lambda: datetime(2026, 11, 25, 15, 0, 7, tzinfo=UTC),
    )
    short_way: list[bytes] = []
    validate_json = TokenCreate.model_validate_json

    def seen(data: bytes) -> TokenCreate:
        short_way.append(data)
        return validate_json(data)

    monkeypatch.setattr(TokenCreate, "model_validate_json", seen)
    body = json.dumps(payload).encode()
    async with client_for(app) as client:
        # exactly application/json: the short way; with a charset: FastAPI's own handler
        short = await client.post(
            "/token", content=body, headers={"content-type": "application/json"}
        )
        full = await client.post(
            "/token", content=body, headers={"content-type": "application/json; charset=utf-8"}
        )
    assert short_way == [body]  # the first took the short way, the second did not
    assert short.status_code == full.status_code == 200
    assert short.content == full.content
    assert short.headers.multi_items() == full.headers.multi_items()


async def test_the_token_limit_counts_each_client_apart(
    app_factory: Callable[..., FastAPI],
) -> None:
    app = app_factory(token_rate_limit_per_minute=2)

    def client_at(host: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(host, 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://testserver")

    async with client_at("192.0.2.1") as first, client_at("192.0.2.2") as second:
        body = {"participant_name": "ann"}
        codes = [(await first.post("/token", json=body)).status_code for _ in range(3)]
        other = [(await second.post("/token", json=body)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert other == [200, 200, 429]


async def test_with_limits_in_the_database_token_requests_are_counted_there(
    app_factory: Callable[..., FastAPI], api_services: ApiServices
) -> None:
    app = app_factory(limits_store="database", token_rate_limit_per_minute=2)
    async with client_for(app) as client:
        codes = [
            (await client.post("/token", json={"participant_name": "ann"})).status_code
            for _ in range(3)
        ]
    assert codes == [200, 200, 429]
    now = app.state.api.wall_clock()
    counters = api_services.store.limit_counters
    assert await counters.get("req:token:127.0.0.1", window=60, now=now) == 3


async def test_body_over_16_kib_is_413(client: httpx.AsyncClient) -> None:
    big = {"participant_name": "ann", "pad": "x" * (17 * 1024)}
    response = await client.post("/token", json=big)
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large."}


async def test_streamed_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b" " * 1024

    response = await client.post(
        "/token", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_cors_allows_the_configured_origin_only(client: httpx.AsyncClient) -> None:
    allowed = await client.post(
        "/token", json={"participant_name": "ann"}, headers={"Origin": ALLOWED_ORIGIN}
    )
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    other = await client.post(
        "/token", json={"participant_name": "ann"}, headers={"Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in other.headers

    preflight = await client.options(
        "/token",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    refused = await client.options(
        "/token",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in refused.headers


class _ExplodingConversations:
    async def latest_for_room(self, room_name: str) -> None:
        raise RuntimeError("boom: password=hunter2 at /srv/app/secret.py")


class _ExplodingStore:
    def __init__(self, real: object) -> None:
        self._real = real
        self.conversations = _ExplodingConversations()

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


async def test_unexpected_errors_are_a_generic_500(
    app_factory: Callable[..., FastAPI],
    api_services: ApiServices,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = app_factory()
    app.state.api.services = dataclasses.replace(
        api_services, store=_ExplodingStore(api_services.store)
    )
    async with client_for(app) as client:
        response = await client.get("/summary/zeb-r1", headers={"X-Staff-Key": STAFF_KEY})
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert "hunter2" not in response.text and "Traceback" not in response.text
    # the error's record names the route, not the path (the room name a caller chose)
    (record,) = [r for r in caplog.records if r.getMessage() == "unhandled error"]
    assert record.route == "/summary/{room_name}"  # type: ignore[attr-defined]
    assert "zeb-r1" not in str(record.__dict__)


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "text/plain;charset=UTF-8"]
)
async def test_json_sent_without_its_content_type_says_which_header_to_send(
    client: httpx.AsyncClient, content_type: str
) -> None:
    response = await client.post(
        "/token", content=b'{"participant_name": "ann"}', headers={"content-type": content_type}
    )
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["type"] == "json_content_type"
    assert "Content-Type: application/json" in problem["msg"]


async def test_a_client_gets_no_token_over_its_calls_at_once_nor_anyone_over_the_total(
    api_services: ApiServices, sqlite_url: str, tmp_path: Path
) -> None:
    """60 tokens an hour still let one address open 60 LiveKit rooms at once, each
    dispatching an agent. A token counts as a call until it has expired and LiveKit no
    longer lists its room (here a fake of LiveKit's HTTP room list)."""
    with fake_livekit() as livekit:
        livekit.rooms = {"call-_+15550100_x": 2}  # a phone call, counted in the total
        rooms = LiveKitRooms(livekit.url, FAKE_KEY, FAKE_SECRET)
        services = dataclasses.replace(api_services, rooms=rooms)
        settings = make_settings(
            sqlite_url, tmp_path, token_max_calls_per_client=2, token_max_calls=4
        )
        app = create_app(settings, services)
        try:
            async with _from(app, "203.0.113.9") as one, _from(app, "198.51.100.4") as two:
                codes = [
                    (await one.post("/token", json={"participant_name": "ann"})).status_code
                    for _ in range(2)
                ]
                mine = await one.post("/token", json={"participant_name": "ann"})
                assert (await two.post("/token", json={"participant_name": "bo"})).is_success
                busy = await two.post("/token", json={"participant_name": "bo"})
        finally:
            await rooms.aclose()
    assert codes == [200, 200]
    assert mine.status_code == 429
    assert "already has 2 call(s)" in mine.json()["detail"]
    assert 1 <= int(mine.headers["retry-after"]) <= 300
    assert busy.status_code == 503
    assert busy.json() == {"detail": "All lines are busy; try again shortly."}
    assert "retry-after" in busy.headers
    assert {r.method for r in livekit.received} == {"ListRooms"}
    assert all(r.error is None for r in livekit.received)


async def test_without_livekits_room_list_a_token_still_counts_as_a_call(
    app_factory: Callable[..., FastAPI],
) -> None:
    """No room list to ask (none configured): each token counts until it has expired and
    the longest call has had time to end, so the cap holds all the same."""
    app = app_factory(token_max_calls_per_client=2)
    async with _from(app, "203.0.113.9") as client:
        codes = [
            (await client.post("/token", json={"participant_name": "ann"})).status_code
            for _ in range(3)
        ]
    assert codes == [200, 200, 429]


async def test_two_servers_on_one_database_count_each_others_tokens(
    api_services: ApiServices, sqlite_url: str, tmp_path: Path
) -> None:
    """Two ``serve`` processes behind one load balancer each counted their own tokens, so
    a client holding its TOKEN_MAX_CALLS_PER_CLIENT from one got as many again from the
    other (and a restarted process forgot every token still out). With LIMITS_STORE=database
    the tokens are counted in the database both use."""
    from voice_agent.adapters.storage import open_store

    settings = make_settings(
        sqlite_url, tmp_path, limits_store="database", token_max_calls_per_client=2
    )
    other_store = await open_store(sqlite_url, migrate=False)  # the second process's own
    try:
        first = create_app(settings, api_services)
        second = create_app(settings, dataclasses.replace(api_services, store=other_store))
        body = {"participant_name": "ann"}
        async with _from(first, "203.0.113.9") as one, _from(second, "203.0.113.9") as two:
            codes = [(await one.post("/token", json=body)).status_code for _ in range(2)]
            elsewhere = await two.post("/token", json=body)
        async with _from(second, "198.51.100.4") as someone_else:
            other = await someone_else.post("/token", json=body)
        restarted = create_app(settings, api_services)  # a process started afresh
        async with _from(restarted, "203.0.113.9") as again:
            after_restart = await again.post("/token", json=body)
    finally:
        await other_store.close()
    assert codes == [200, 200]
    assert elsewhere.status_code == 429
    assert "already has 2 call(s)" in elsewhere.json()["detail"]
    assert other.status_code == 200
    assert after_restart.status_code == 429


async def test_with_calls_counted_in_the_database_the_total_holds_across_servers(
    api_services: ApiServices, sqlite_url: str, tmp_path: Path
) -> None:
    from voice_agent.adapters.storage import open_store

    settings = make_settings(sqlite_url, tmp_path, limits_store="database", token_max_calls=3)
    other_store = await open_store(sqlite_url, migrate=False)
    try:
        apps = [
            create_app(settings, api_services),
            create_app(settings, dataclasses.replace(api_services, store=other_store)),
        ]
        codes = []
        for i in range(4):
            async with _from(apps[i % 2], f"203.0.113.{i + 1}") as client:
                response = await client.post("/token", json={"participant_name": "ann"})
                codes.append(response.status_code)
    finally:
        await other_store.close()
    assert codes == [200, 200, 200, 503]


@pytest.mark.parametrize("name", ["6465550177", "Zebediah Quackenbush"])
async def test_the_callers_name_is_in_no_log_record_of_a_token(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    """The identity is the caller's name made safe ("Zebediah_Quackenbush-3f9a1c0d"), and
    "issued room token" carried it as an extra, which a JSON log formatter prints (a number
    given as the name, "6465550177-3f9a1c0d", escapes the phone scrubber too)."""
    caplog.set_level(logging.DEBUG)
    response = await client.post("/token", json={"participant_name": name})
    assert response.status_code == 200
    written = [" ".join(str(v) for v in r.__dict__.values()) for r in caplog.records]
    assert written and "issued room token" in " ".join(written)
    folded = name.replace(" ", "_")
    assert not [line for line in written if folded in line]


@pytest.mark.parametrize("body", [b"{}", b"", b"{not json", b'{"participant_name": 7}'])
async def test_without_livekit_any_body_is_told_calls_are_not_configured(
    app_factory: Callable[..., FastAPI], body: bytes
) -> None:
    """`POST /token {}` without LiveKit answered 422 "participant_name: Field required";
    fixing the body only led to a 503. No body gets a token there: 503 says why, first."""
    app = app_factory(livekit_api_key=None, livekit_api_secret=None, summary_secret=None)
    async with client_for(app) as client:
        response = await client.post(
            "/token", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 503, response.text
    assert "LIVEKIT_API_KEY" in response.json()["detail"]
