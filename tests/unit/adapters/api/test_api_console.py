"""The staff console's API: changes on a caller's behalf go through the same rules as the
agent (same errors, no double booking) and each is recorded with who made it; calls are
searched and paged; the calendar feed is read-only and needs its token. Real SQLite; the
clinic's clock is Wednesday 25 November 2026, 10:00 in New York."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote

import httpx
import pytest
from api_support import STAFF_KEY, client_for
from fastapi import FastAPI

from voice_agent.bootstrap import Container
from voice_agent.domain.clock import FixedClock
from voice_agent.domain.listening import NUMBER_UNSURE
from voice_agent.domain.models import (
    AppointmentChange,
    AppointmentStatus,
    ChangeAction,
    Conversation,
)

STAFF = {"X-Staff-Key": STAFF_KEY}
THURSDAY = "2026-11-26"


async def _book(client: httpx.AsyncClient, **fields: str) -> httpx.Response:
    body = {"staff_name": "Dana", "phone": "(310) 555-2689", "name": "Ada Lovelace"}
    body |= {"date": THURSDAY, "time": "14:00"} | fields
    return await client.post("/staff/api/appointments", json=body, headers=STAFF)


async def _actions(client: httpx.AsyncClient) -> list[dict[str, object]]:
    response = await client.get("/staff/api/actions", headers=STAFF)
    assert response.status_code == 200
    actions: list[dict[str, object]] = response.json()["actions"]
    return actions


async def test_every_console_route_needs_staff_credentials(client: httpx.AsyncClient) -> None:
    gets = ["/staff/api/calls", "/staff/api/actions", "/staff/api/slots?date=friday"]
    gets += ["/staff/api/caller?q=3105552689", "/staff/api/callers?name=ada"]
    gets += [f"/staff/api/calls/{uuid.uuid4()}", "/staff/api/calendar", "/staff/calendar.ics"]
    for path in gets:
        assert (await client.get(path)).status_code == 401, path
    posts = ["/staff/api/appointments", "/staff/api/appointments/ABCD2345/cancel"]
    for path in posts:
        response = await client.post(path, json={"staff_name": "x"})
        assert response.status_code in (401, 422), path
        assert (await client.post(path, json={})).status_code in (401, 422)
    refused = await client.post(
        "/staff/api/appointments",
        json={"staff_name": "x", "phone": "3105552689", "date": THURSDAY, "time": "9"},
    )
    assert refused.status_code == 401


async def test_the_change_says_who_made_it_as_the_record_keeps_it(
    client: httpx.AsyncClient,
) -> None:
    """The answer echoed staff_name as sent (NUL and escape sequence included) while the
    record kept it cleaned: both say the same now."""
    response = await _book(client, staff_name="Dana\x00\x1b[31m")
    assert response.status_code == 201, response.text
    assert response.json()["recorded_by"] == "Dana [31m"
    assert (await _actions(client))[0]["actor"] == "Dana [31m"


async def test_staff_book_for_a_new_caller_and_the_action_is_recorded(
    client: httpx.AsyncClient, container: Container
) -> None:
    response = await _book(client)
    assert response.status_code == 201, response.text
    booked = response.json()
    assert booked["action"] == "booked" and booked["status"] == "booked"
    assert (booked["date"], booked["time"]) == (THURSDAY, "14:00")
    assert booked["user_name"] == "Ada Lovelace" and booked["recorded_by"] == "Dana"
    assert booked["user_phone"] == "310-555-2689"

    user = await container.scheduling.find_user_by_phone("3105552689")
    assert user is not None and user.name == "Ada Lovelace"
    (stored,) = await container.scheduling.appointments(user.id)
    # shown as the caller reads and types it; stored in lower case
    assert booked["code"] == stored.code.upper() and stored.start == time(14)

    (action,) = await _actions(client)
    assert action["actor"] == "Dana" and action["kind"] == "book"
    assert action["outcome"] == "done" and action["code"] == booked["code"]
    assert (action["date"], action["time"]) == (THURSDAY, "14:00")


async def test_a_taken_slot_is_refused_by_the_agents_rule_and_the_attempt_recorded(
    client: httpx.AsyncClient, container: Container
) -> None:
    assert (await _book(client)).status_code == 201
    taken = await _book(client, phone="2125550147", name="Omar Haddad", staff_name="Lee")
    assert taken.status_code == 409
    assert taken.json()["kind"] == "slot_unavailable"
    assert taken.json()["detail"] == (
        "14:00 on Thursday, November 26, 2026 is already booked: choose another free time."
    )
    omar = await container.scheduling.find_user_by_phone("2125550147")
    assert omar is not None and await container.scheduling.appointments(omar.id) == []

    latest = (await _actions(client))[0]
    assert latest["actor"] == "Lee" and latest["outcome"] == "slot_unavailable"
    assert latest["message"] == taken.json()["detail"]


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({"phone": "5550001111", "name": ""}, "invalid_name"),  # unknown number, no name
        ({"date": "2026-11-28"}, "weekend_unavailable"),  # a Saturday
        ({"date": "2026-11-20"}, "date_in_past"),
        ({"time": "20:00"}, "outside_business_hours"),
        ({"phone": "12"}, "invalid_phone_number"),
        ({"staff_name": "   "}, "invalid_name"),
        # a form takes a date and a time, nothing else: "10:30:99" was booked at 10:30
        ({"time": "10:30:99"}, "invalid_time"),
        ({"time": "25:00"}, "invalid_time"),
        ({"time": "9:7"}, "invalid_time"),
        ({"time": "2 pm-ish"}, "invalid_time"),
        ({"date": "2026-02-30"}, "invalid_date"),
        ({"date": "tomorrow-ish"}, "invalid_date"),
    ],
)
async def test_the_rules_refuse_what_they_refuse_for_the_agent(
    client: httpx.AsyncClient, fields: dict[str, str], kind: str
) -> None:
    response = await _book(client, **fields)
    assert response.status_code == 422, response.text
    assert response.json()["kind"] == kind
    assert "please say" not in response.json()["detail"].lower()  # typed, not spoken


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"phone": "12"}, "That phone number has only 2 digits: enter the 10 digits"),
        ({"phone": "5550001111", "name": ""}, "give the caller's name"),
        ({"phone": "5550001111", "name": "<script>x</script>"}, "name cannot be used"),
    ],
)
async def test_refusals_are_phrased_for_the_desk_not_spoken_to_a_caller(
    client: httpx.AsyncClient, fields: dict[str, str], says: str
) -> None:
    """The console showed the agent's lines: "I heard only 2 digits. Please say the full
    ten-digit number.", "I didn't catch your name. Could you say it again, please?"."""
    response = await _book(client, **fields)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert says in detail
    assert not any(word in detail for word in ("heard", "say", "catch", "Please"))
    latest = (await _actions(client))[0]
    assert latest["message"] == detail  # the record of staff actions says the same


async def test_a_code_that_cannot_be_one_is_explained_as_typed_not_spelled(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/staff/api/appointments/NOPE1234/cancel", json={"staff_name": "Dana"}, headers=STAFF
    )
    assert response.status_code == 422 and response.json()["kind"] == "invalid_confirmation_code"
    detail = response.json()["detail"]
    assert "8 letters and digits, never 0, O, 1, I or L, such as DEF6789A" in detail
    assert "d e f" not in detail  # NOPE1234 has 8 letters and digits: what it lacks is said


async def test_staff_move_and_cancel_by_confirmation_code(
    client: httpx.AsyncClient, container: Container, clock: FixedClock
) -> None:
    async def tick() -> None:
        clock.advance(timedelta(seconds=1))

    client.event_hooks["request"].append(lambda _request: tick())
    code = (await _book(client)).json()["code"]
    other = (await _book(client, phone="2125550147", name="Omar", time="15:00")).json()["code"]

    into_taken = await client.post(
        f"/staff/api/appointments/{other}/reschedule",
        json={"staff_name": "Dana", "date": THURSDAY, "time": "2 pm"},
        headers=STAFF,
    )
    assert into_taken.status_code == 409 and into_taken.json()["kind"] == "slot_unavailable"

    moved = await client.post(
        f"/staff/api/appointments/{code.lower()}/reschedule",
        json={"staff_name": "Sam", "date": "friday", "time": "9 am"},
        headers=STAFF,
    )
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert (body["date"], body["time"]) == ("2026-11-27", "09:00")
    assert (body["previous_date"], body["previous_time"]) == (THURSDAY, "14:00")
    appointment = await container.scheduling.appointment_by_code(code)
    assert appointment is not None and appointment.day == date(2026, 11, 27)
    still = await container.scheduling.appointment_by_code(other)
    assert still is not None and still.start == time(15)  # the refused move changed nothing

    cancelled = await client.post(
        f"/staff/api/appointments/{code}/cancel", json={"staff_name": "Sam"}, headers=STAFF
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = await client.post(
        f"/staff/api/appointments/{code}/cancel", json={"staff_name": "Sam"}, headers=STAFF
    )
    assert again.status_code == 409 and again.json()["kind"] == "appointment_not_active"
    gone = await client.post(
        "/staff/api/appointments/ZZZZ2345/cancel", json={"staff_name": "Sam"}, headers=STAFF
    )
    assert gone.status_code == 404 and gone.json()["kind"] == "appointment_not_found"

    mine = (await client.get(f"/staff/api/actions?code={code}", headers=STAFF)).json()
    assert [(a["kind"], a["outcome"], a["actor"]) for a in mine["actions"]] == [
        ("cancel", "appointment_not_active", "Sam"),
        ("cancel", "done", "Sam"),
        ("reschedule", "done", "Sam"),
        ("book", "done", "Dana"),
    ]
    assert mine["actions"][2]["previous_time"] == "14:00"


async def test_free_slots_of_a_day(client: httpx.AsyncClient) -> None:
    await _book(client)
    body = (await client.get(f"/staff/api/slots?date={THURSDAY}", headers=STAFF)).json()
    assert body["label"] == "Thursday, November 26, 2026"
    starts = [s["start"] for s in body["free"]]
    assert "14:00" not in starts and starts[0] == "09:00" and len(starts) == 6
    closed = await client.get("/staff/api/slots?date=saturday", headers=STAFF)
    assert closed.status_code == 422 and closed.json()["kind"] == "weekend_unavailable"


@pytest.mark.parametrize("day", ["tomorrow-ish", "2026-02-30", "friday or so"])
async def test_free_slots_of_a_day_typed_wrong(client: httpx.AsyncClient, day: str) -> None:
    response = await client.get("/staff/api/slots", params={"date": day}, headers=STAFF)
    assert response.status_code == 422 and response.json()["kind"] == "invalid_date"
    assert day in response.json()["detail"]


async def test_a_move_to_a_time_typed_wrong_changes_nothing(client: httpx.AsyncClient) -> None:
    code = (await _book(client)).json()["code"]
    moved = await client.post(
        f"/staff/api/appointments/{code}/reschedule",
        json={"staff_name": "Dana", "date": THURSDAY, "time": "10:30:99"},
        headers=STAFF,
    )
    assert moved.status_code == 422 and moved.json()["kind"] == "invalid_time"
    found = await client.get("/staff/api/caller", params={"q": code}, headers=STAFF)
    assert found.json()["appointments"][0]["time"] == "14:00"


@pytest.mark.parametrize("typed", ["14:00:00.5", "14:00:00Z"])
async def test_an_iso_time_with_a_fraction_or_a_zone_books_nothing(
    client: httpx.AsyncClient, typed: str
) -> None:
    """Both booked 12:00 (their "00:00" read as noon) for a desk that asked for 14:00."""
    response = await _book(client, time=typed)
    assert response.status_code == 422, response.text
    assert response.json()["kind"] == "invalid_time"
    free = await client.get("/staff/api/slots", params={"date": THURSDAY}, headers=STAFF)
    assert "12:00" in [slot["start"] for slot in free.json()["free"]]


# --- calls -----------------------------------------------------------------------------------
async def _calls(container: Container) -> dict[str, Conversation]:
    ada = await container.scheduling.identify("3105552689", "Ada Lovelace")
    omar = await container.scheduling.identify("2125550147", "Omar Haddad")
    assert ada.user is not None and omar.user is not None
    booked = await container.scheduling.book(ada.user.id, THURSDAY, "10:00")
    change = AppointmentChange(ChangeAction.BOOKED, booked.code, booked.day, booked.start)
    base = datetime(2026, 11, 20, 15, tzinfo=UTC)  # Friday 20 November, 10:00 in New York
    calls = {
        "ada-booked": Conversation(
            id=uuid.uuid4(),
            room_name="room-a",
            started_at=base,
            user_id=ada.user.id,
            summary="Ada booked.",
            appointments_discussed=[change],
            transcript=[{"role": "user", "text": "Thursday at ten"}],
            cost_breakdown={"total_cost": 0.0123},
            duration_seconds=95,
            ended_at=base + timedelta(seconds=95),
            end_reason="end_conversation",
        ),
        "omar-nothing": Conversation(
            id=uuid.uuid4(),
            room_name="room-b",
            started_at=base + timedelta(days=2),
            user_id=omar.user.id,
            summary="No appointment was booked.",
            ended_at=base + timedelta(days=2, seconds=30),
            end_reason="end_conversation",
        ),
        "anonymous-open": Conversation(
            id=uuid.uuid4(), room_name="room-c", started_at=base + timedelta(days=4)
        ),
    }
    for c in calls.values():
        await container.store.conversations.save(c)
    return calls


async def _search(client: httpx.AsyncClient, query: str) -> dict[str, object]:
    response = await client.get(f"/staff/api/calls?{query}", headers=STAFF)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _rooms(body: dict[str, object]) -> list[str]:
    return [row["room_name"] for row in body["items"]]  # type: ignore[attr-defined,index]


async def test_calls_are_searched_by_date_phone_and_outcome(
    client: httpx.AsyncClient, container: Container
) -> None:
    await _calls(container)
    everything = await _search(client, "")
    assert _rooms(everything) == ["room-c", "room-b", "room-a"]  # newest first
    assert everything["total"] == 3 and everything["pages"] == 1
    first = everything["items"][2]  # type: ignore[index]
    assert first["outcomes"] == ["booked"] and first["total_cost"] == 0.0123
    assert first["user_name"] == "Ada Lovelace" and first["user_phone"] == "310-555-2689"
    assert first["created_at_local"] == "Friday, November 20, 2026, 10:00 EST"

    assert _rooms(await _search(client, "from=2026-11-21&to=2026-11-22")) == ["room-b"]
    assert _rooms(await _search(client, "to=2026-11-20")) == ["room-a"]  # the whole last day
    assert _rooms(await _search(client, "phone=555-26")) == ["room-a"]
    assert _rooms(await _search(client, "phone=(212)")) == ["room-b"]
    # digits of any script, as the tools take them: Arabic-Indic, full-width
    for typed in ("٥٥٥-٢٦", "５５５－２６", "(٢١٢)"):
        expected = ["room-b"] if "٢١٢" in typed else ["room-a"]
        assert _rooms(await _search(client, "phone=" + quote(typed))) == expected, typed
    assert _rooms(await _search(client, "outcome=booked")) == ["room-a"]
    assert _rooms(await _search(client, "outcome=no_change")) == ["room-b"]
    assert _rooms(await _search(client, "outcome=unfinished")) == ["room-c"]
    assert _rooms(await _search(client, "outcome=cancelled")) == []
    # the widest dates a date box takes: every call, not a 500 (9999-12-31 + 1 day overflowed)
    everyone = await _search(client, "from=0001-01-01&to=9999-12-31")
    assert _rooms(everyone) == ["room-c", "room-b", "room-a"]
    bad = await client.get("/staff/api/calls?from=2026-11-22&to=2026-11-21", headers=STAFF)
    assert bad.status_code == 422
    # the dates are read as the console's others are, in the same words; pydantic's took
    # 1699920000 for 2023-11-14 and answered 20261126 with "Datetimes provided to dates..."
    for typed in ("2026-02-30", "1699920000", "20261126", "tomorrow-ish"):
        refused = await client.get("/staff/api/calls", params={"from": typed}, headers=STAFF)
        assert refused.status_code == 422, typed
        assert refused.json()["kind"] == "invalid_date" and typed in refused.json()["detail"]
    assert (await client.get("/staff/api/calls?outcome=x", headers=STAFF)).status_code == 422


async def test_calls_come_a_page_at_a_time(client: httpx.AsyncClient, container: Container) -> None:
    start = datetime(2026, 11, 1, 15, tzinfo=UTC)
    for i in range(45):
        await container.store.conversations.save(
            Conversation(id=uuid.uuid4(), room_name=f"r{i:02d}", started_at=start + timedelta(i))
        )
    page1 = await _search(client, "per_page=20")
    page3 = await _search(client, "per_page=20&page=3")
    assert page1["total"] == 45 and page1["pages"] == 3
    assert _rooms(page1)[:2] == ["r44", "r43"] and len(_rooms(page1)) == 20
    assert _rooms(page3) == [f"r{i:02d}" for i in range(4, -1, -1)]
    assert _rooms(await _search(client, "page=9")) == []


async def test_a_call_page_has_transcript_appointments_and_cost(
    client: httpx.AsyncClient, container: Container
) -> None:
    calls = await _calls(container)
    ada = calls["ada-booked"]
    code = ada.appointments_discussed[0].code
    await container.scheduling.cancel(ada.user_id, code)  # type: ignore[arg-type]
    response = await client.get(f"/staff/api/calls/{ada.id}", headers=STAFF)
    assert response.status_code == 200
    body = response.json()
    assert body["summary"] == "Ada booked." and body["user_name"] == "Ada Lovelace"
    assert body["transcript"] == [{"role": "user", "text": "Thursday at ten"}]
    assert body["cost_breakdown"] == {"total_cost": 0.0123}
    (discussed,) = body["appointments"]
    assert discussed["action"] == "booked" and discussed["code"] == code.upper()
    assert discussed["status_now"] == AppointmentStatus.CANCELLED.value
    missing = await client.get(f"/staff/api/calls/{uuid.uuid4()}", headers=STAFF)
    assert missing.status_code == 404
    assert (await client.get("/staff/api/calls/not-a-uuid", headers=STAFF)).status_code == 422


async def test_a_calls_transcript_shows_the_recognisers_doubt_in_words(
    client: httpx.AsyncClient, container: Container
) -> None:
    """The staff page (and the caller's page) showed "... zero one four two (number unsure)",
    the recogniser's mark for the dialogue; the stored record keeps it."""
    said = "six one seven five five five zero one four two"
    call = Conversation(
        id=uuid.uuid4(),
        room_name="room-unsure",
        started_at=datetime(2026, 11, 20, 15, tzinfo=UTC),
        transcript=[
            {"role": "assistant", "text": "Hello (number unsure)"},
            {"role": "user", "text": f"{said} {NUMBER_UNSURE}"},
            {"role": "user", "text": "yes"},
        ],
    )
    await container.store.conversations.save(call)
    body = (await client.get(f"/staff/api/calls/{call.id}", headers=STAFF)).json()
    assert [turn["text"] for turn in body["transcript"]] == [
        "Hello (number unsure)",  # the agent's words are shown as said
        f"{said} (the recognisers heard different numbers: asked again)",
        "yes",
    ]
    stored = await container.store.conversations.latest_for_room("room-unsure")
    assert stored is not None and stored.transcript[1]["text"].endswith(NUMBER_UNSURE)


# --- calendar feed ----------------------------------------------------------------------------
async def test_the_calendar_feed_lists_booked_appointments_for_its_token_only(
    client: httpx.AsyncClient, app_factory: Callable[..., FastAPI]
) -> None:
    kept = (await _book(client)).json()["code"]
    dropped = (await _book(client, time="15:00", phone="2125550147", name="Omar")).json()["code"]
    await client.post(
        f"/staff/api/appointments/{dropped}/cancel", json={"staff_name": "D"}, headers=STAFF
    )
    url = (await client.get("/staff/api/calendar", headers=STAFF)).json()["url"]
    assert url.startswith("http://testserver/staff/calendar.ics?token=")
    feed = await client.get(url)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    text = feed.text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert f"SUMMARY:Ada Lovelace ({kept})" in text and dropped not in text
    assert "DTSTART:20261126T190000Z" in text and "DTEND:20261126T200000Z" in text

    assert (await client.get("/staff/calendar.ics?token=wrong")).status_code == 401
    assert (await client.get("/staff/calendar.ics")).status_code == 401  # nothing to show
    assert (await client.get("/staff/calendar.ics", headers=STAFF)).status_code == 200
    wrong_key = {"X-Staff-Key": "not-the-staff-key-0123456789"}
    assert (await client.get("/staff/calendar.ics", headers=wrong_key)).status_code == 401
    assert (await client.post(url)).status_code == 405  # read-only
    async with client_for(app_factory(staff_api_key="another-staff-key-0123456789")) as other:
        assert (await other.get(url)).status_code == 401  # a new key ends the old address


async def test_a_leaked_feed_address_is_stopped_without_changing_the_staff_key(
    client: httpx.AsyncClient, app_factory: Callable[..., FastAPI]
) -> None:
    """The feed's address could only be revoked by changing STAFF_API_KEY, which every
    member of staff signs in with. CALENDAR_FEED_VERSION gives a new address alone."""
    leaked = (await client.get("/staff/api/calendar", headers=STAFF)).json()["url"]
    assert (await client.get(leaked)).status_code == 200
    async with client_for(app_factory(calendar_feed_version=2)) as after:
        assert (await after.get(leaked)).status_code == 401
        assert (await after.get("/staff/api/calendar", headers=STAFF)).status_code == 200
        fresh = (await after.get("/staff/api/calendar", headers=STAFF)).json()["url"]
        assert fresh != leaked and (await after.get(fresh)).status_code == 200


async def test_guessing_feed_tokens_meets_the_credential_throttle(
    client: httpx.AsyncClient,
) -> None:
    url = (await client.get("/staff/api/calendar", headers=STAFF)).json()["url"]
    answers = [
        (await client.get(f"/staff/calendar.ics?token=guess-{i}")).status_code for i in range(12)
    ]
    assert answers[0] == 401 and answers[-1] == 429
    refused = await client.get(url)  # even the right token waits once this client is blocked
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


async def test_wrong_feed_tokens_from_many_clients_do_not_stop_the_calendar_apps(
    client: httpx.AsyncClient, app_factory: Callable[..., FastAPI]
) -> None:
    """Wrong tokens counted against one "calendar-feed" credential: 20 of them from 20
    addresses (each under the per-client limit) answered every calendar app 429."""
    url = (await client.get("/staff/api/calendar", headers=STAFF)).json()["url"]
    app = app_factory(credential_failures_per_credential=20)
    for i in range(30):
        transport = httpx.ASGITransport(app=app, client=(f"192.0.2.{i}", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
            assert (await other.get(f"/staff/calendar.ics?token=guess-{i}")).status_code == 401
    async with client_for(app) as calendar_app:
        assert (await calendar_app.get(url)).status_code == 200


async def test_the_desk_finds_a_caller_by_number_or_by_code_with_all_their_appointments(
    client: httpx.AsyncClient,
) -> None:
    """Someone at the desk asks "when is my appointment?": by the number, however written,
    or by any one of their codes; every appointment, newest first, past ones marked."""
    booked = (await _book(client, date=THURSDAY, time="14:00")).json()
    later = (await _book(client, date="2026-11-27", time="09:00")).json()
    cancel = f"/staff/api/appointments/{later['code']}/cancel"
    assert (await client.post(cancel, json={"staff_name": "Dana"}, headers=STAFF)).is_success
    await _book(client, phone="2125550101", name="Bo Chen")  # someone else
    for q in ("(310) 555-2689", "+1 310 555 2689", booked["code"], booked["code"].lower()):
        response = await client.get("/staff/api/caller", params={"q": q}, headers=STAFF)
        assert response.status_code == 200, (q, response.text)
        found = response.json()
        assert found["user_name"] == "Ada Lovelace"
        assert found["user_phone_display"] == "310-555-2689"
        assert [(a["code"], a["status"], a["date"], a["time"]) for a in found["appointments"]] == [
            (later["code"], "cancelled", "2026-11-27", "09:00"),
            (booked["code"], "booked", THURSDAY, "14:00"),
        ]
        assert found["appointments"][1]["label"] == "Thursday, November 26, 2026 at 14:00"
        assert not any(a["past"] for a in found["appointments"])
    for q, status, kind in (
        ("3105550000", 404, "user_not_found"),
        ("ABCD2345", 404, "appointment_not_found"),
        ("Ada", 422, "invalid_phone_number"),
        ("ABCD234", 422, "invalid_phone_number"),  # a code missing a character
    ):
        response = await client.get("/staff/api/caller", params={"q": q}, headers=STAFF)
        assert (response.status_code, response.json()["kind"]) == (status, kind), q
        assert response.json()["detail"]
        if status == 422:  # the box takes either: the answer names both, not a phone's digits
            assert response.json()["detail"].startswith(
                "That is neither a phone number nor a confirmation code"
            ), response.json()


async def test_the_desk_finds_callers_by_name_when_they_give_no_number(
    client: httpx.AsyncClient,
) -> None:
    """ "It's Ada, I don't have my code": the box took only a number or a code, so the desk
    could not find a caller who gave a name."""
    await _book(client)  # Ada Lovelace, 310-555-2689
    await _book(client, phone="2125550101", name="Bo Chen", time="15:00")
    await _book(client, phone="2125550102", name="Adam Bede", time="11:00")

    async def names(name: str) -> tuple[list[tuple[str, str]], bool]:
        response = await client.get("/staff/api/callers", params={"name": name}, headers=STAFF)
        assert response.status_code == 200, response.text
        found = response.json()
        return [(c["user_name"], c["user_phone_display"]) for c in found["callers"]], found["more"]

    assert await names("ada") == (
        [("Ada Lovelace", "310-555-2689"), ("Adam Bede", "212-555-0102")],
        False,
    )
    assert await names("  LOVE  ada ") == ([("Ada Lovelace", "310-555-2689")], False)
    assert await names("Zed") == ([], False)
    assert (await client.get("/staff/api/callers?name=a", headers=STAFF)).status_code == 422


async def _unnamed(client: httpx.AsyncClient) -> list[dict[str, object]]:
    response = await client.get("/staff/api/callers", params={"unnamed": "true"}, headers=STAFF)
    assert response.status_code == 200, response.text
    callers: list[dict[str, object]] = response.json()["callers"]
    return callers


async def test_staff_find_callers_without_a_name_and_correct_it_on_the_record(
    client: httpx.AsyncClient,
) -> None:
    """A name the recogniser could not get is stored as "Unknown Caller": the desk finds those
    callers, corrects the name, and the record says who did it and what it was before."""
    await _book(client, name="Unknown Caller")  # 310-555-2689
    await _book(client, phone="2125550101", name="Bo Chen", time="15:00")
    (unnamed,) = await _unnamed(client)
    assert unnamed["user_phone_display"] == "310-555-2689" and unnamed["needs_name"] is True
    assert unnamed["created_at_local"] == "Wednesday, November 25, 2026, 10:00 EST"
    caller = (await client.get("/staff/api/caller?q=3105552689", headers=STAFF)).json()
    assert caller["needs_name"] is True and caller["user_id"] == unnamed["user_id"]
    schedule = (await client.get("/staff/api/schedule?days=2", headers=STAFF)).json()
    marks = {
        a["user_phone"]: a["needs_name"]
        for d in schedule["days"]
        for s in d["slots"]
        for a in s["appointments"]
    }
    assert marks == {"+13105552689": True, "+12125550101": False}

    response = await client.post(
        f"/staff/api/callers/{unnamed['user_id']}/name",
        json={"staff_name": "Dana", "name": "  ada   O'Neil-Lovelace "},
        headers=STAFF,
    )
    assert response.status_code == 200, response.text
    assert response.json() | {"user_id": "-"} == {
        "user_id": "-",
        "user_name": "Ada O'Neil-Lovelace",
        "previous_name": "Unknown Caller",
        "user_phone": "+13105552689",
        "user_phone_display": "310-555-2689",
        "recorded_by": "Dana",
    }
    assert response.headers["cache-control"] == "no-store"
    caller = (await client.get("/staff/api/caller?q=3105552689", headers=STAFF)).json()
    assert (caller["user_name"], caller["needs_name"]) == ("Ada O'Neil-Lovelace", False)
    assert await _unnamed(client) == []
    action = (await _actions(client))[0]
    assert (action["kind"], action["outcome"], action["actor"]) == ("rename", "done", "Dana")
    assert (action["previous_name"], action["name"]) == ("Unknown Caller", "Ada O'Neil-Lovelace")
    assert action["at_local"] == "Wednesday, November 25, 2026, 10:00 EST"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "Enter the caller's name as it should be."),
        ("<script>alert(1)</script>", "That name cannot be used: use letters"),
        ("Ada\x00Lovelace", "That name cannot be used: use letters"),
        ("Ada 2", "no digits"),
        ("A" * 150, "at most 100 characters"),
        ("unknown  caller", '"Unknown Caller" is not a name'),
    ],
)
async def test_a_name_that_cannot_be_one_is_refused_with_what_to_type(
    client: httpx.AsyncClient, name: str, says: str
) -> None:
    await _book(client, name="Unknown Caller")
    (unnamed,) = await _unnamed(client)
    response = await client.post(
        f"/staff/api/callers/{unnamed['user_id']}/name",
        json={"staff_name": "Dana", "name": name},
        headers=STAFF,
    )
    assert response.status_code == 422, response.text
    assert response.json()["kind"] == "invalid_name"
    assert says in response.json()["detail"]
    assert (await _unnamed(client))[0]["user_name"] == "Unknown Caller"
    action = (await _actions(client))[0]
    assert (action["kind"], action["outcome"], action["name"]) == ("rename", "invalid_name", None)


async def test_correcting_the_name_of_no_caller_is_404_and_needs_credentials(
    client: httpx.AsyncClient,
) -> None:
    path = f"/staff/api/callers/{uuid.uuid4()}/name"
    body = {"staff_name": "Dana", "name": "Ada Lovelace"}
    assert (await client.post(path, json=body)).status_code == 401
    response = await client.post(path, json=body, headers=STAFF)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "No caller has that id (the account may be gone): find the caller again.",
        "kind": "user_not_found",
    }
    missing_who = await client.post(path, json={"name": "Ada"}, headers=STAFF)
    assert missing_who.status_code == 422
    neither = await client.get("/staff/api/callers", headers=STAFF)
    assert neither.status_code == 422 and "unnamed=true" in neither.json()["detail"]
