from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import httpx
import pytest
from api_support import STAFF_KEY, client_for, login_scope
from fastapi import FastAPI

from voice_agent.adapters.api.calendar_feed import FeedTokens
from voice_agent.adapters.api.security import StaffAuth
from voice_agent.bootstrap import Container
from voice_agent.domain.models import Appointment, Conversation

STAFF = {"X-Staff-Key": STAFF_KEY}


async def _book(container: Container) -> tuple[Appointment, Appointment]:
    ident = await container.scheduling.identify("(987) 654-3210", "Sarah Johnson")
    assert ident.user is not None
    today = await container.scheduling.book(ident.user.id, "2026-11-25", "11:00")
    tomorrow = await container.scheduling.book(ident.user.id, "2026-11-26", "14:00")
    return today, tomorrow


async def test_staff_api_needs_the_key(client: httpx.AsyncClient) -> None:
    for path in ("/staff/api/schedule", "/staff/api/conversations"):
        assert (await client.get(path)).status_code == 401
        assert (await client.get(path, headers={"X-Staff-Key": "wrong"})).status_code == 401
        assert (await client.get(path, headers=STAFF)).status_code == 200


async def test_staff_is_disabled_without_a_configured_key(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory(staff_api_key=None)) as client:
        api = await client.get("/staff/api/schedule", headers=STAFF)
        page = await client.get("/staff")
        login = await client.post("/staff/login", data={"key": STAFF_KEY})
    assert api.status_code == page.status_code == login.status_code == 503
    assert "STAFF_API_KEY" in api.json()["detail"]
    assert "STAFF_API_KEY" in page.text


async def test_schedule_groups_appointments_by_day_and_slot_in_clinic_time(
    client: httpx.AsyncClient, container: Container
) -> None:
    today, tomorrow = await _book(container)
    body = (await client.get("/staff/api/schedule?days=7", headers=STAFF)).json()
    assert body["timezone"] == "America/New_York"
    assert body["today"] == "2026-11-25"  # 15:00 UTC is 10:00 in New York
    # the page's clock as its grid writes times (the browser wrote "Wed, 10:00 AM")
    assert body["now_label"] == "Wednesday, November 25, 2026, 10:00 EST"
    assert [d["date"] for d in body["days"]][:2] == ["2026-11-25", "2026-11-26"]
    assert len(body["days"]) == 7

    wed = body["days"][0]
    assert wed["is_today"] and wed["open"] and wed["booked"] == 1
    assert wed["label"] == "Wednesday, November 25, 2026"
    assert [s["start"] for s in wed["slots"]] == [f"{h:02d}:00" for h in range(9, 16)]
    nine, ten, eleven = wed["slots"][:3]
    assert nine["past"] and ten["past"] and not eleven["past"]
    assert nine["appointments"] == []
    (booked,) = eleven["appointments"]
    assert booked["code"] == today.code.upper()
    assert booked["user_name"] == "Sarah Johnson"
    assert booked["user_phone_display"] == "987-654-3210"
    assert booked["status"] == "booked"
    assert eleven["starts_at"] == "2026-11-25T11:00:00-05:00"

    thu = body["days"][1]
    two_pm = next(s for s in thu["slots"] if s["start"] == "14:00")
    assert two_pm["appointments"][0]["code"] == tomorrow.code.upper()

    saturday = next(d for d in body["days"] if d["date"] == "2026-11-28")
    assert not saturday["open"] and saturday["slots"] == []


async def test_cancelled_appointments_stay_visible_with_their_status(
    client: httpx.AsyncClient, container: Container
) -> None:
    today, _ = await _book(container)
    await container.scheduling.cancel(today.user_id, today.code)
    body = (await client.get("/staff/api/schedule?days=1", headers=STAFF)).json()
    eleven = next(s for s in body["days"][0]["slots"] if s["start"] == "11:00")
    assert [a["status"] for a in eleven["appointments"]] == ["cancelled"]
    assert body["days"][0]["booked"] == 0


@pytest.mark.parametrize("days", ["0", "32", "x"])
async def test_schedule_days_are_bounded(client: httpx.AsyncClient, days: str) -> None:
    response = await client.get(f"/staff/api/schedule?days={days}", headers=STAFF)
    assert response.status_code == 422


async def test_conversations_show_summary_transcript_and_cost(
    client: httpx.AsyncClient, container: Container
) -> None:
    ident = await container.scheduling.identify("9876543210", "John Smith")
    assert ident.user is not None
    await container.store.conversations.save(
        Conversation(
            id=uuid.uuid4(),
            room_name="room-1",
            started_at=datetime(2026, 11, 25, 14, 30, tzinfo=UTC),
            user_id=ident.user.id,
            summary="Booked Friday 9 AM.",
            transcript=[{"role": "user", "text": "Friday at nine please"}],
            cost_breakdown={
                "stt_cost": 0.01,
                "tts_cost": 0.01,
                "llm_cost": 0.001,
                "total_cost": 0.021,
            },
            duration_seconds=95,
        )
    )
    body = (await client.get("/staff/api/conversations", headers=STAFF)).json()
    (call,) = body["conversations"]
    assert call["user_name"] == "John Smith"
    assert call["user_phone"] == "987-654-3210"
    assert call["summary"] == "Booked Friday 9 AM."
    assert call["transcript"] == [{"role": "user", "text": "Friday at nine please"}]
    assert call["cost_breakdown"]["total_cost"] == 0.021
    assert call["created_at_local"] == "Wednesday, November 25, 2026, 09:30 EST"


async def test_page_shows_the_login_form_until_signed_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/staff")
    assert page.status_code == 401
    assert 'name="key"' in page.text and 'action="/staff/login"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


async def test_login_sets_an_httponly_session_cookie(client: httpx.AsyncClient) -> None:
    wrong = await client.post("/staff/login", data={"key": "nope"})
    assert wrong.status_code == 401 and "not right" in wrong.text
    assert "set-cookie" not in wrong.headers

    ok = await client.post("/staff/login", data={"key": STAFF_KEY})
    assert ok.status_code == 303 and ok.headers["location"] == "/staff"
    cookie = ok.headers["set-cookie"].lower()
    assert cookie.startswith("va_staff=") and "httponly" in cookie and "samesite=strict" in cookie
    assert STAFF_KEY.lower() not in cookie  # a signed session, not the key itself

    page = await client.get("/staff")  # the client keeps the cookie
    assert page.status_code == 200 and "/staff/assets/staff.js" in page.text
    assert (await client.get("/staff/api/schedule")).status_code == 200

    out = await client.post("/staff/logout")
    assert out.status_code == 303
    assert (await client.get("/staff/api/schedule")).status_code == 401


async def test_login_attempts_are_rate_limited(client: httpx.AsyncClient) -> None:
    codes = [
        (await client.post("/staff/login", data={"key": "guess"})).status_code for _ in range(11)
    ]
    assert codes[:10] == [401] * 10 and codes[10] == 429


async def test_assets_are_served_and_unknown_ones_are_404(client: httpx.AsyncClient) -> None:
    for name in ("common.js", "staff.js"):
        js = await client.get(f"/staff/assets/{name}")
        assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
        assert ".innerHTML" not in js.text  # data is only ever set through textContent
    for name in ("common.css", "staff.css"):
        css = await client.get(f"/staff/assets/{name}")
        assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert (await client.get("/staff/assets/login.html")).status_code == 404
    assert (await client.get("/staff/assets/call.js")).status_code == 404
    assert (await client.get("/staff/assets/..%2Fapp.py")).status_code == 404


# --- findings 2, 4 and 5 of issue 11: guessing, malformed forms, revocable sessions ------------
def _from(app: FastAPI, ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


GUESSES: dict[str, Callable[[httpx.AsyncClient, str], Awaitable[httpx.Response]]] = {
    "login form": lambda c, k: c.post("/staff/login", data={"key": k}),
    "X-Staff-Key": lambda c, k: c.get("/staff/api/schedule", headers={"X-Staff-Key": k}),
    "X-Staff-Key on the page": lambda c, k: c.get("/staff", headers={"X-Staff-Key": k}),
    "staff bearer on /summary": lambda c, k: c.get(
        "/summary/room-x", headers={"Authorization": f"Bearer {k}"}
    ),
    "X-Staff-Key on /summary": lambda c, k: c.get("/summary/room-x", headers={"X-Staff-Key": k}),
}


@pytest.mark.parametrize("guess", GUESSES.values(), ids=GUESSES.keys())
async def test_every_staff_key_check_is_throttled_per_client(
    app: FastAPI, guess: Callable[[httpx.AsyncClient, str], Awaitable[httpx.Response]]
) -> None:
    """Finding 2: only the login form was throttled; X-Staff-Key and the staff bearer took
    unlimited guesses. Now the 11th wrong key from one client gets 429 with Retry-After, and
    so does the right key from that client until the window ends."""
    async with _from(app, "203.0.113.7") as attacker, _from(app, "198.51.100.2") as staff:
        codes = [(await guess(attacker, f"{i:04d}")).status_code for i in range(10)]
        assert 429 not in codes
        refused = await guess(attacker, "0010")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert (await guess(attacker, STAFF_KEY)).status_code == 429
        # another client is not affected by one client's failures
        assert (await staff.get("/staff/api/schedule", headers=STAFF)).status_code == 200


AT_ONCE = {
    **GUESSES,
    "calendar feed token": lambda c, k: c.get("/staff/calendar.ics", params={"token": k}),
}


@pytest.mark.parametrize("store", ["memory", "database"])
@pytest.mark.parametrize("guess", AT_ONCE.values(), ids=AT_ONCE.keys())
async def test_guesses_sent_at_once_are_throttled_like_guesses_sent_in_turn(
    app_factory: Callable[..., FastAPI],
    guess: Callable[[httpx.AsyncClient, str], Awaitable[httpx.Response]],
    store: str,
) -> None:
    """attack15: thirty wrong keys sent together each asked the throttle before any had
    failed: with LIMITS_STORE=database (its counts read and added by the database) all
    thirty were checked, on every door. Ten are, as when they come one after another."""
    app = app_factory(limits_store=store)
    async with _from(app, "203.0.113.7") as attacker:
        answers = await asyncio.gather(*(guess(attacker, f"{i:04d}") for i in range(30)))
    codes = sorted(a.status_code for a in answers)
    assert codes == [401] * 10 + [429] * 20


async def test_login_guesses_whose_forms_come_late_are_throttled_together(app: FastAPI) -> None:
    """attack15, against `voice-agent serve`: forty-nine logins from one address, their
    heads sent together and their forms a moment later (the connections one client may
    hold), were all checked where ten a minute are: each asked the throttle, then waited
    for its form, and failed only after the others had asked. The form is read first."""
    forms_sent = asyncio.Event()
    statuses: list[int] = []

    async def login(n: int) -> None:
        body = f"key=guess-{n}".encode()
        delivered = False

        async def receive() -> dict[str, object]:
            nonlocal delivered
            if delivered:
                await asyncio.Event().wait()  # the client stays connected
            await forms_sent.wait()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(int(message["status"]))  # type: ignore[call-overload]

        scope = login_scope(content_length=len(body), client=("203.0.113.7", 40000 + n))
        await app(scope, receive, send)

    logins = [asyncio.create_task(login(n)) for n in range(30)]
    for _ in range(50):  # every head in, each route waiting for its form
        await asyncio.sleep(0)
    forms_sent.set()
    await asyncio.gather(*logins)
    assert sorted(statuses) == [401] * 10 + [429] * 20


async def test_guesses_spread_over_many_clients_are_throttled_by_credential(
    app_factory: Callable[..., FastAPI],
) -> None:
    """Many addresses together get no more than the per-credential budget at the staff key,
    and their network its slow lane's 12 an hour; a logged-in staff browser keeps working
    meanwhile."""
    app = app_factory(credential_failures_per_credential=20)
    async with _from(app, "192.0.2.200") as browser:
        assert (await browser.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        codes = []
        for i in range(40):
            async with _from(app, f"192.0.2.{i}") as client:
                codes.append(
                    (
                        await client.get(
                            "/staff/api/schedule", headers={"X-Staff-Key": f"guess-{i}"}
                        )
                    ).status_code
                )
        assert codes == [401] * (20 + 12) + [429] * 8
        assert (await browser.get("/staff/api/schedule")).status_code == 200


async def test_forged_session_cookies_from_many_clients_do_not_lock_staff_out(
    app_factory: Callable[..., FastAPI],
) -> None:
    """Bad session cookies counted against the one "staff-session" credential: 20 forged
    cookies spread over 20 addresses (10 a minute from each is under the per-client limit)
    answered every logged-in staff browser 429 for the rest of the minute. A cookie is signed
    by the server, not guessed, so only its client's own failures count."""
    app = app_factory(credential_failures_per_credential=20)
    async with _from(app, "192.0.2.200") as browser:
        assert (await browser.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        for i in range(30):
            async with _from(app, f"192.0.2.{i}") as client:
                client.cookies.set(StaffAuth.COOKIE, f"ss2.forged{i}.signature")
                assert (await client.get("/staff/api/schedule")).status_code == 401
        assert (await browser.get("/staff/api/schedule")).status_code == 200
        assert (await browser.get("/staff")).status_code == 200
    async with _from(app, "203.0.113.50") as forger:  # one client's forgeries still count
        forger.cookies.set(StaffAuth.COOKIE, "ss2.forged.signature")
        codes = [(await forger.get("/staff/api/schedule")).status_code for _ in range(11)]
        assert codes[:10] == [401] * 10 and codes[10] == 429


async def test_a_browser_that_logged_in_before_gets_in_while_many_clients_guess_the_key(
    app: FastAPI,
) -> None:
    """Ten addresses sending ten wrong keys each (under the per-client limit) held the staff
    key's count at its limit (100 a minute): every new staff login got 429 for as long as they
    kept it up. A browser that has logged in with the right key before carries a device
    cookie and is counted against its own failures; guesses without one stay capped."""
    async with _from(app, "192.0.2.200") as browser:
        assert (await browser.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        assert browser.cookies.get(StaffAuth.DEVICE_COOKIE)
        await browser.post("/staff/logout")  # the session ends; the device cookie stays
        assert (await browser.get("/staff/api/schedule")).status_code == 401
        for n in range(10):
            async with _from(app, f"203.0.113.{n}") as attacker:
                for i in range(10):
                    guess = await attacker.post("/staff/login", data={"key": f"guess-{n}-{i}"})
                    assert guess.status_code == 401
        # no device cookie, from an attacking network: one check in ten minutes (the slow
        # lane), then capped
        async with _from(app, "203.0.113.77") as newcomer:
            assert (await newcomer.post("/staff/login", data={"key": "typo"})).status_code == 401
            assert (await newcomer.post("/staff/login", data={"key": STAFF_KEY})).status_code == 429
        async with _from(app, "203.0.113.78") as forger:
            forger.cookies.set(StaffAuth.DEVICE_COOKIE, "sd1.e30.forged")
            assert (await forger.post("/staff/login", data={"key": "guess"})).status_code == 401
            assert (await forger.post("/staff/login", data={"key": STAFF_KEY})).status_code == 429
        assert (await browser.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        assert (await browser.get("/staff/api/schedule")).status_code == 200
        # the browser's own wrong keys still count, under its own limit
        codes = [
            (await browser.post("/staff/login", data={"key": f"typo-{i}"})).status_code
            for i in range(11)
        ]
        assert codes[:10] == [401] * 10 and codes[10] == 429


@pytest.mark.parametrize("how", ["login form", "X-Staff-Key"])
async def test_the_right_key_gets_in_from_a_clean_network_while_many_addresses_guess(
    app: FastAPI, how: str
) -> None:
    """Ten addresses sending ten wrong keys a minute each held the staff key's count at its
    limit, and every browser that had never logged in, and every script sending X-Staff-Key,
    got 429 for as long as they kept it up. A network that has not failed this hour is held
    to its own limit only: the right key gets in, a wrong one marks the network. In a marked
    network (the attackers', or one that guessed twice) each address still has one check
    every ten minutes, so staff next to an attacker get in, and then it is capped."""
    send = GUESSES[how]
    for n in range(10):
        async with _from(app, f"203.0.{n}.1") as attacker:
            for i in range(10):
                assert (await send(attacker, f"guess-{n}-{i}")).status_code == 401
    async with _from(app, "203.0.0.99") as neighbour:  # a new address among the attackers'
        assert (await send(neighbour, STAFF_KEY)).status_code in (200, 303)  # its slow lane
    async with _from(app, "203.0.0.99") as same_address:  # no device cookie
        assert (await send(same_address, "and-a-guess")).status_code == 429  # lane used
    async with _from(app, "198.51.100.9") as staff:
        assert (await send(staff, STAFF_KEY)).status_code in (200, 303)
    async with _from(app, "192.0.2.10") as guesser:  # a fresh network: two guesses an hour
        assert (await send(guesser, "one-more-guess")).status_code == 401
        assert (await send(guesser, "a-second-guess")).status_code == 401
        assert (await send(guesser, "a-third-guess")).status_code == 401  # its slow lane
        assert (await send(guesser, "a-fourth-guess")).status_code == 429
    async with _from(app, "192.0.2.11") as staff:  # a neighbour has a slow lane of its own
        assert (await send(staff, STAFF_KEY)).status_code in (200, 303)
    async with _from(app, "2001:db8:1:2::1") as v6:
        assert (await send(v6, "v6-guess")).status_code == 401
        assert (await send(v6, "v6-typo")).status_code == 401
        assert (await send(v6, "v6-slow")).status_code == 401
        assert (await send(v6, "v6-again")).status_code == 429
    async with _from(app, "2001:db8:1:ffff::1") as v6_same_48:
        assert (await send(v6_same_48, STAFF_KEY)).status_code in (200, 303)


async def test_over_https_the_staff_cookies_are_host_only_and_secure(app: FastAPI) -> None:
    """Over https the session cookie is ``__Host-va_staff`` (Secure, Path=/, no Domain): a
    sibling subdomain or a plain-http man in the middle cannot plant a ``va_staff`` cookie of
    their own for the console to read (cookie tossing: a session of the attacker's, so staff
    work logged in as someone else). Plain http (localhost) keeps ``va_staff``."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("10.1.1.1", 1))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as tls:
        ok = await tls.post("/staff/login", data={"key": STAFF_KEY})
        assert ok.status_code == 303
        cookies = ok.headers.get_list("set-cookie")
        assert [c.split("=", 1)[0] for c in cookies] == [
            "__Host-va_staff",
            "__Host-va_staff_device",
        ]
        for cookie in cookies:
            flags = [f.strip().lower() for f in cookie.split(";")[1:]]
            assert "secure" in flags and "path=/" in flags and "httponly" in flags
            assert not any(f.startswith("domain") for f in flags)
        session = tls.cookies["__Host-va_staff"]
        assert (await tls.get("/staff/api/schedule")).status_code == 200
        tls.cookies.clear()
        tls.cookies.set(StaffAuth.COOKIE, session)  # the same session without the prefix
        assert (await tls.get("/staff/api/schedule")).status_code == 401
        tls.cookies.clear()
        tls.cookies.set("__Host-va_staff", session)
        out = await tls.post("/staff/logout")
        assert out.headers["set-cookie"].startswith("__Host-va_staff=;")
        assert "Secure" in out.headers["set-cookie"]
    async with _from(app, "10.1.1.2") as plain:
        ok = await plain.post("/staff/login", data={"key": STAFF_KEY})
        assert [c.split("=", 1)[0] for c in ok.headers.get_list("set-cookie")] == [
            "va_staff",
            "va_staff_device",
        ]
        assert "secure" not in ok.headers["set-cookie"].lower()
        assert (await plain.get("/staff/api/schedule")).status_code == 200


async def test_summary_token_guesses_are_throttled(app: FastAPI) -> None:
    async with _from(app, "203.0.113.9") as attacker:
        codes = [
            (
                await attacker.get(
                    "/summary/room-abc", headers={"Authorization": f"Bearer st1.x{i}.y"}
                )
            ).status_code
            for i in range(11)
        ]
    assert codes[:10] == [401] * 10 and codes[10] == 429


@pytest.mark.parametrize(
    "body",
    [
        "&".join(f"f{i}=x" for i in range(21)) + f"&key={STAFF_KEY}",
        "&".join(f"key=k{i}" for i in range(500)),
        "key=%ZZ%00&&&==&" + "a" * 5000,
        "\udcff".encode("utf-8", "surrogateescape").decode("latin-1"),
        "",
    ],
    ids=["21 fields", "500 keys", "bad escapes", "not utf-8", "empty"],
)
async def test_malformed_login_forms_are_never_a_server_error(
    client: httpx.AsyncClient, body: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Finding 4: 21 or more form fields gave 500 (and a traceback logged twice)."""
    caplog.set_level(logging.DEBUG)
    response = await client.post(
        "/staff/login",
        content=body.encode("latin-1", "replace"),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code in (303, 401), response.text
    if body.startswith("f0="):  # the key after 21 other fields still logs in
        assert response.status_code == 303
    _assert_no_error_logged(caplog)


@pytest.mark.parametrize("fields", [21, 1001])
async def test_multipart_login_forms_with_many_fields_are_a_4xx(
    client: httpx.AsyncClient, fields: int, caplog: pytest.LogCaptureFixture
) -> None:
    """The same for multipart bodies, where Starlette's own form parser raises at its limits
    (1000 fields): a 4xx, no traceback."""
    caplog.set_level(logging.DEBUG)
    parts = [(f"f{i}", (None, "x")) for i in range(fields - 1)] + [("key", (None, "nope"))]
    response = await client.post("/staff/login", files=parts)
    assert 400 <= response.status_code < 500, response.text
    _assert_no_error_logged(caplog)


def _assert_no_error_logged(caplog: pytest.LogCaptureFixture) -> None:
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert loud == [], [r.getMessage() for r in loud]
    assert "Traceback" not in caplog.text


async def test_logout_ends_that_session_on_the_server(app: FastAPI) -> None:
    """Finding 5: logout only cleared the cookie; a copy of it stayed valid for 12 h."""
    async with _from(app, "198.51.100.8") as browser, _from(app, "198.51.100.9") as colleague:
        await browser.post("/staff/login", data={"key": STAFF_KEY})
        await colleague.post("/staff/login", data={"key": STAFF_KEY})
        copied = browser.cookies[StaffAuth.COOKIE]
        assert (await browser.post("/staff/logout")).status_code == 303
        async with _from(app, "198.51.100.10") as thief:
            thief.cookies.set(StaffAuth.COOKIE, copied)
            replay = await thief.get("/staff/api/schedule")
            assert replay.status_code == 401
            assert "va_staff=;" in replay.headers.get("set-cookie", "")  # told to forget it
            assert (await thief.get("/staff")).status_code == 401
        # logging out ends one session: the colleague's is still live
        assert (await colleague.get("/staff/api/schedule")).status_code == 200


async def test_changing_the_key_ends_every_session(
    app_factory: Callable[..., FastAPI],
) -> None:
    async with client_for(app_factory()) as before:
        await before.post("/staff/login", data={"key": STAFF_KEY})
        cookie = before.cookies[StaffAuth.COOKIE]
        assert (await before.get("/staff/api/schedule")).status_code == 200
    new_key = "a-brand-new-staff-key-0123456789"
    async with client_for(app_factory(staff_api_key=new_key)) as after:
        after.cookies.set(StaffAuth.COOKIE, cookie)
        assert (await after.get("/staff/api/schedule")).status_code == 401
        assert (await after.get("/staff")).status_code == 401


@pytest.mark.parametrize(
    "cookie", [b"va_staff=ss2.\xe9.abc", b"va_staff=ss2.eyJzaWQiOiJ4In0.\xe9\xe9"]
)
async def test_a_session_cookie_with_a_byte_outside_ascii_is_refused_not_a_500(
    client: httpx.AsyncClient, cookie: bytes
) -> None:
    """The cookie reached the MAC's encode("ascii") (UnicodeEncodeError) or compare_digest
    (TypeError): 500 and a traceback in the log, from anyone, for every request."""
    headers = {"Cookie": cookie}
    assert (await client.get("/staff/api/schedule", headers=headers)).status_code == 401
    assert (await client.get("/staff", headers=headers)).status_code == 401
    assert (await client.post("/staff/logout", headers=headers)).status_code == 303


async def test_another_origins_page_cannot_act_on_the_staff_cookie(
    client: httpx.AsyncClient,
) -> None:
    """SameSite=strict keeps the session cookie from other sites' requests, not from the
    same site's other origins (another port on this host, a sibling subdomain): their pages'
    forms and no-cors requests carried it, and logged staff out. A browser names such a
    request ``Sec-Fetch-Site: same-site``; what changes something is not taken on it."""
    assert (await client.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
    sibling = {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:3000"}
    book = {"staff_name": "D", "phone": "3105552689", "name": "Ada", "time": "14:00"}
    book["date"] = "2026-11-26"
    forged = await client.post("/staff/api/appointments", json=book, headers=sibling)
    assert forged.status_code == 401
    out = await client.post("/staff/logout", headers={"Sec-Fetch-Site": "cross-site"})
    assert out.status_code == 303 and "set-cookie" not in out.headers
    assert (await client.get("/staff/api/schedule", headers=sibling)).status_code == 200
    own = {"Sec-Fetch-Site": "same-origin"}
    assert (await client.post("/staff/api/appointments", json=book, headers=own)).is_success
    assert (await client.post("/staff/logout", headers=own)).status_code == 303
    assert (await client.get("/staff/api/schedule")).status_code == 401


@pytest.mark.parametrize(
    ("path", "msg"),
    [
        ("/staff/api/schedule?days=99", "days must be at most 31."),
        ("/staff/api/schedule?days=0", "days must be at least 1."),
        ("/staff/api/schedule?days=abc", "days must be a whole number."),
        ("/staff/api/slots", "date is required."),
        ("/staff/api/conversations?limit=100000", "limit must be at most 100."),
        ("/staff/api/calls/abc", "call_id must be a UUID, as the API gave it."),
    ],
)
async def test_a_refused_value_is_named_in_words_not_pydantics(
    client: httpx.AsyncClient, path: str, msg: str
) -> None:
    """`days=99` answered "Input should be less than or equal to 31", "Field required" named
    no field: the staff page showed such lines as they came."""
    response = await client.get(path, headers=STAFF)
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["msg"] == msg and set(problem) == {"loc", "msg", "type"}


ANOTHER_SITES_IMAGE = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}
ANOTHER_SITES_FORM = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}


async def test_another_sites_page_cannot_lock_the_staffs_own_address_out(app: FastAPI) -> None:
    """Wrong credentials count against the client that sent them, and a logged-in browser's
    own requests are refused (429) while its address is over the limit. Any page a member
    of staff opened could send them from the clinic's own address: ten ``<img
    src=".../staff/calendar.ics?token=x">`` or ten hidden login forms a minute answered every
    console request of the staff behind that address 429. Requests the browser marks as made
    by another site's page (not a top-level visit) have no credential checked and count for
    nothing; a guesser adding the header learns nothing either."""
    feed_token = FeedTokens(STAFF_KEY).token
    async with _from(app, "198.51.100.7") as browser:
        assert (await browser.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        for i in range(12):
            img = await browser.get(f"/staff/calendar.ics?token=x{i}", headers=ANOTHER_SITES_IMAGE)
            assert img.status_code == 403
        for i in range(12):
            form = await browser.post(
                "/staff/login", data={"key": f"x{i}"}, headers=ANOTHER_SITES_FORM
            )
            assert form.status_code == 403
        assert (await browser.get("/staff/api/schedule")).status_code == 200
        feed = await browser.get(f"/staff/calendar.ics?token={feed_token}")
        assert feed.status_code == 200
        # the right token or key from another site's page is refused as well: no oracle
        right = await browser.get(
            f"/staff/calendar.ics?token={feed_token}", headers=ANOTHER_SITES_IMAGE
        )
        assert right.status_code == 403
        login = await browser.post(
            "/staff/login", data={"key": STAFF_KEY}, headers=ANOTHER_SITES_FORM
        )
        assert login.status_code == 403 and "set-cookie" not in login.headers
        # a staff member following a link to the feed (a top-level visit) is read as before
        visit = {**ANOTHER_SITES_FORM, "Sec-Fetch-Dest": "document"}
        assert (
            await browser.get(f"/staff/calendar.ics?token={feed_token}", headers=visit)
        ).is_success


async def test_wrong_keys_from_the_staffs_own_address_do_not_sign_its_staff_out(
    app: FastAPI,
) -> None:
    """The clinic's staff and its waiting room's Wi-Fi leave by one address: ten wrong keys a
    minute from a phone there answered every logged-in console 429, as long as they went on.
    A session cookie the server signed cannot be guessed, so a live one is let in whatever
    the address has failed; keys (the right one too) and forged cookies are throttled there
    as before."""
    async with _from(app, "198.51.100.9") as browser, _from(app, "198.51.100.9") as phone:
        assert (await browser.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        for i in range(12):
            await phone.get("/staff/api/schedule", headers={"X-Staff-Key": f"guess-{i}"})
        assert (await phone.get("/staff/api/schedule", headers=STAFF)).status_code == 429
        assert (await browser.get("/staff/api/schedule")).status_code == 200
        assert (await browser.get("/staff")).status_code == 200
        phone.cookies.set(StaffAuth.COOKIE, "ss2.forged.signature")
        assert (await phone.get("/staff/api/schedule")).status_code == 429


async def test_wrong_keys_from_the_staffs_own_address_do_not_keep_its_browsers_from_logging_in(
    app: FastAPI,
) -> None:
    """The clinic's staff and its waiting room's Wi-Fi leave by one address: ten wrong keys a
    minute from a phone there answered 429 to every login from that address, a browser that
    had logged in before (its device cookie) included, and to a browser that never had. A
    browser with a device cookie is counted against its own failures, not its address's; a
    new one gets in by a device link a logged-in colleague makes (once, for ten minutes), as
    no key sent from that address can be told from the phone's guesses."""
    address = "198.51.100.20"
    async with (
        _from(app, address) as colleague,
        _from(app, address) as before,
        _from(app, address) as newcomer,
        _from(app, address) as phone,
    ):
        for browser in (colleague, before):
            assert (await browser.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        await before.post("/staff/logout", headers={"Sec-Fetch-Site": "same-origin"})
        for i in range(12):
            await phone.post("/staff/login", data={"key": f"guess-{i}"})
        assert (await phone.post("/staff/login", data={"key": STAFF_KEY})).status_code == 429
        assert (await before.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        assert (await newcomer.post("/staff/login", data={"key": STAFF_KEY})).status_code == 429

        made = await colleague.post(
            "/staff/api/device-link", headers={"Sec-Fetch-Site": "same-origin"}
        )
        assert made.status_code == 200
        link = made.json()["path"]
        assert link.startswith("/staff/device?link=")
        opened = await newcomer.post(link)
        assert opened.status_code == 303 and newcomer.cookies.get(StaffAuth.DEVICE_COOKIE)
        assert (await newcomer.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        assert (await newcomer.get("/staff/api/schedule")).status_code == 200
        # used once: the phone cannot take it after the newcomer
        again = await phone.post(link)
        assert again.status_code == 403 and not phone.cookies.get(StaffAuth.DEVICE_COOKIE)
        assert (await phone.post("/staff/device?link=sl1.e30.forged")).status_code == 403
        # only a live session makes one
        assert (await phone.post("/staff/api/device-link")).status_code in (401, 429)
        # a device browser's own wrong keys are counted, under its own limit
        codes = [
            (await before.post("/staff/login", data={"key": f"typo-{i}"})).status_code
            for i in range(11)
        ]
        assert codes[:10] == [401] * 10 and codes[10] == 429


async def test_a_link_preview_leaves_a_device_link_for_the_colleague_who_taps_it(
    app: FastAPI,
) -> None:
    """Opening a device link (a GET) used it up, so a chat app that fetches a pasted link
    for its preview (WhatsApp, Slack, Teams) took it, and the colleague it was sent to got
    "used or expired". A GET shows a page with a button; only the button's POST uses it,
    and only from this site's own page."""
    async with (
        _from(app, "198.51.100.25") as colleague,
        _from(app, "203.0.113.9") as preview_bot,
        _from(app, "198.51.100.26") as newcomer,
    ):
        assert (await colleague.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        link = (await colleague.post("/staff/api/device-link")).json()["path"]
        for _ in range(2):
            previewed = await preview_bot.get(link)
            assert previewed.status_code == 200
            assert not preview_bot.cookies.get(StaffAuth.DEVICE_COOKIE)
        page = await newcomer.get(link)
        assert page.status_code == 200 and 'action="/staff/device"' in page.text
        (token,) = re.findall(r'name="link" value="([^"]+)"', page.text)
        elsewhere = await newcomer.post(
            "/staff/device", data={"link": token}, headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert elsewhere.status_code == 403
        tapped = await newcomer.post("/staff/device", data={"link": token})
        assert tapped.status_code == 303 and newcomer.cookies.get(StaffAuth.DEVICE_COOKIE)
        assert (await preview_bot.post("/staff/device", data={"link": token})).status_code == 403
        assert (await preview_bot.get("/staff/device?link=sl1.e30.forged")).status_code == 403


async def test_a_device_link_opened_twice_at_once_lets_one_browser_in(
    app: FastAPI, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link was looked up, then marked used: browsers opening it at once (the link
    forwarded, or read over a shoulder) each found it unused before any marked it, and each
    got a device cookie. Marking it used is the check."""
    sessions = container.store.staff_sessions
    looked_up = sessions.is_active

    async def slow_lookup(session_id: str, *, now: datetime) -> bool:
        found = await looked_up(session_id, now=now)
        await asyncio.sleep(0.05)  # a busy database: the others look it up meanwhile
        return found

    monkeypatch.setattr(sessions, "is_active", slow_lookup)
    async with _from(app, "198.51.100.30") as colleague:
        assert (await colleague.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        link = (await colleague.post("/staff/api/device-link")).json()["path"]
        browsers = [_from(app, f"198.51.100.{31 + i}") for i in range(6)]
        try:
            opened = await asyncio.gather(*(b.post(link) for b in browsers))
        finally:
            for b in browsers:
                await b.aclose()
    assert sorted(r.status_code for r in opened) == [303] + [403] * 5


async def test_a_script_with_a_device_cookie_is_counted_on_its_own_not_by_its_address(
    app: FastAPI,
) -> None:
    """A script sending X-Staff-Key from the clinic's one address (a nightly export) got 429
    whenever a phone on the waiting room's Wi-Fi had sent ten wrong keys that minute, and
    while many addresses held the staff key's count at its limit: scripts were throttled by
    address alone. One that keeps the device cookie of a device link (`voice-agent staff
    link`, opened once with a cookie jar) is counted against its own failures, as a browser
    that has logged in before is; one without stays with its address."""
    address = "198.51.100.40"
    async with (
        _from(app, address) as colleague,
        _from(app, address) as script,
        _from(app, address) as bare_script,
        _from(app, address) as phone,
    ):
        assert (await colleague.post("/staff/login", data={"key": STAFF_KEY})).status_code == 303
        link = (await colleague.post("/staff/api/device-link")).json()["path"]
        assert (await script.post(link)).status_code == 303
        for i in range(12):
            await phone.get("/staff/api/schedule", headers={"X-Staff-Key": f"guess-{i}"})
        schedule = await script.get("/staff/api/schedule", headers={"X-Staff-Key": STAFF_KEY})
        assert schedule.status_code == 200
        refused = await bare_script.get("/staff/api/schedule", headers={"X-Staff-Key": STAFF_KEY})
        assert refused.status_code == 429
        # many addresses holding the key's count at its limit: still in
        for n in range(10):
            async with _from(app, f"203.0.{n}.1") as attacker:
                for i in range(10):
                    await attacker.get("/staff/api/schedule", headers={"X-Staff-Key": f"g{n}-{i}"})
        schedule = await script.get("/staff/api/schedule", headers={"X-Staff-Key": STAFF_KEY})
        assert schedule.status_code == 200
        # its own wrong keys count, under its own limit; a forged device cookie is no device
        codes = [
            (
                await script.get("/staff/api/schedule", headers={"X-Staff-Key": f"typo-{i}"})
            ).status_code
            for i in range(11)
        ]
        assert codes[:10] == [401] * 10 and codes[10] == 429
        phone.cookies.set(StaffAuth.DEVICE_COOKIE, "sd1.e30.forged")
        forged = await phone.get("/staff/api/schedule", headers={"X-Staff-Key": STAFF_KEY})
        assert forged.status_code == 429


async def test_the_login_page_held_at_its_limit_says_how_to_get_in(app: FastAPI) -> None:
    """A browser that has never logged in, at an address held at its limit by someone else's
    wrong keys, read only "try again in N seconds", while the attack went on past every N.
    It is told the way in that does not depend on its address: a device link."""
    async with _from(app, "198.51.100.50") as phone, _from(app, "198.51.100.50") as newcomer:
        for i in range(10):
            await phone.post("/staff/login", data={"key": f"guess-{i}"})
        page = await newcomer.post("/staff/login", data={"key": STAFF_KEY})
        assert page.status_code == 429
        assert "device link" in page.text and "voice-agent staff link" in page.text
