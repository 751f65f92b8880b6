"""The staff page (``/staff``) and the JSON it renders (``/staff/api/...``)."""

from __future__ import annotations

import html
import logging
from datetime import datetime, timedelta
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from voice_agent.adapters.api import static_files, views
from voice_agent.adapters.api.deps import (
    STAFF_KEY,
    ApiDep,
    ClientIpDep,
    LimitsDep,
    ServicesDep,
    StaffAuthDep,
    StaffOnly,
    StaffStatusDep,
    acts_for_this_site,
    clear_staff_cookie,
    device_credential,
    is_https,
    retry_after_header,
    sent_by_another_sites_page,
    staff_cookie_name,
)
from voice_agent.adapters.api.schemas import ConversationsPublic, ErrorPublic, SchedulePublic
from voice_agent.adapters.api.security import StaffAuth

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/staff", tags=["staff"])

ASSETS = ("staff.html", "login.html", *static_files.SHARED, "staff.css", "staff.js")
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
NO_STORE = {"Cache-Control": "no-store"}
STAFF_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorPublic, "description": "Missing or wrong staff credentials"},
    429: {"model": ErrorPublic, "description": "Too many failed credentials (see Retry-After)"},
    503: {"model": ErrorPublic, "description": "Staff page disabled (no STAFF_API_KEY)"},
}


DEVICE_FORM = (
    '<p class="muted">This link lets one browser sign in to the staff page. It works once: '
    "use it only on the browser that is to sign in.</p>\n"
    '    <form method="post" action="/staff/device">\n'
    '      <input type="hidden" name="link" value="<!--LINK-->">\n'
    '      <button type="submit">Use this link on this browser</button>\n'
    "    </form>"
)


def load_assets() -> dict[str, str]:
    """The page's HTML, CSS and JS, read once when the app is created; a device link's page
    is the login page with its form for the link's button."""
    assets = static_files.load(*ASSETS)
    login = assets["login.html"]
    start, end = login.index('<form method="post"'), login.index("</form>") + len("</form>")
    assets["device.html"] = login[:start] + DEVICE_FORM + login[end:]
    return assets


def _page(text: str, *, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(
        text,
        status_code=status_code,
        headers={"Content-Security-Policy": PAGE_CSP, **NO_STORE},
    )


def _login_page(
    assets: dict[str, str],
    *,
    error: str | None,
    status_code: int,
    clear_cookie: str | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    message = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    page = _page(assets["login.html"].replace("<!--ERROR-->", message), status_code=status_code)
    page.headers.update(headers or {})
    if clear_cookie:
        page.headers.append("set-cookie", clear_cookie)
    return page


def _disabled() -> HTMLResponse:
    return _page(
        "<!doctype html><title>Staff page disabled</title>"
        "<p>The staff page is disabled: set <code>STAFF_API_KEY</code> on the server.</p>",
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
    )


@router.get(
    "",
    response_class=HTMLResponse,
    summary="Staff page (the login form when signed out)",
    responses={
        401: {"description": "Signed out: the login form", "content": {"text/html": {}}},
        429: {"model": ErrorPublic, "description": "Too many failed credentials"},
        503: {"description": "Staff page disabled", "content": {"text/html": {}}},
    },
)
async def staff_page(api: ApiDep, check: StaffStatusDep) -> HTMLResponse:
    if api.staff is None:
        return _disabled()
    if not check.ok:
        return _login_page(
            api.assets,
            error=None,
            status_code=status.HTTP_401_UNAUTHORIZED,
            clear_cookie=clear_staff_cookie(https=check.https) if check.stale_cookie else None,
        )
    return _page(api.assets["staff.html"])


@router.get("/assets/{name}", include_in_schema=False)
async def staff_asset(name: str, api: ApiDep) -> Response:
    return static_files.serve(api.assets, name)


@router.post(
    "/login",
    response_class=RedirectResponse,
    summary="Log in to the staff page",
    status_code=status.HTTP_303_SEE_OTHER,
    responses={
        303: {"description": "Logged in; redirects to /staff with a session cookie"},
        401: {"description": "Wrong key: the login form again", "content": {"text/html": {}}},
        403: {
            "description": "Posted by another site's page: not checked, the login form again",
            "content": {"text/html": {}},
        },
        429: {
            "description": "Too many failed attempts (see Retry-After): the login form again",
            "content": {"text/html": {}},
        },
        503: {"description": "Staff page disabled", "content": {"text/html": {}}},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"key": {"type": "string", "maxLength": 512}},
                        "required": ["key"],
                    }
                }
            },
        }
    },
)
async def login(
    request: Request, api: ApiDep, services: ServicesDep, limits: LimitsDep, ip: ClientIpDep
) -> Response:
    if api.staff is None:
        return _disabled()
    if sent_by_another_sites_page(request):
        # neither checked nor counted: another site's hidden forms, ten a minute from the
        # staff's own address, locked its logged-in staff out
        return _login_page(
            api.assets,
            error="Log in from the staff page itself.",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    now = services.clock.now()
    https = is_https(request)
    # A browser that has logged in before (its device cookie, signed by the server) is
    # counted against its own failures instead of the staff key's: wrong keys from ten
    # addresses held the key's count over its limit and locked every member of staff out
    # of logging in, while guesses from browsers without one stay capped all together;
    # a browser without one is let in from a network in good standing (Limits.blocked).
    device = api.staff.device_id(
        request.cookies.get(staff_cookie_name(request, StaffAuth.DEVICE_COOKIE)), now=now
    )
    attacked = [device_credential(device)] if device else [STAFF_KEY]
    # ... and not against its address's: ten wrong keys a minute from a phone on the
    # waiting room's Wi-Fi (the clinic's one address) kept it from logging in
    client = f"device:{device}" if device else ip
    # Any form (extra fields, odd encodings, no key at all) is read without failing; the body
    # is already bounded by the size limit. Read before the throttle is asked: the wait for a
    # body let forty-nine guesses sent at once each find the throttle open (Limits.deciding).
    raw = (await request.body()).decode("utf-8", "replace")
    key = parse_qs(raw, keep_blank_values=True).get("key", [""])[0]
    async with limits.deciding:
        retry_after = await limits.blocked(client, *attacked, standing=device is None)
        right = retry_after is None and api.staff.check_key(key)
        if retry_after is None and not right:
            await limits.failed(client, *sorted({STAFF_KEY, *attacked}), standing=device is None)
    if retry_after is not None:
        logger.warning("staff login throttled")
        headers = retry_after_header(retry_after)
        # a browser without a device cookie cannot be told from the guesser beside it, so
        # waiting may not be enough while the guessing goes on: say the way in that is not
        # counted by address
        way_in = (
            ""
            if device
            else " If it keeps happening, open a device link in this browser first: a "
            "logged-in colleague makes one (Calendar feed, Another browser), or whoever runs "
            "the server (voice-agent staff link)."
        )
        return _login_page(
            api.assets,
            error=f"Too many wrong keys; try again in {headers['Retry-After']} seconds." + way_in,
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            headers=headers,
        )
    if not right:
        logger.warning("staff login refused")
        return _login_page(
            api.assets, error="That key is not right.", status_code=status.HTTP_401_UNAUTHORIZED
        )
    cookie, session_id, expires_at = api.staff.new_session(now=now)
    await services.store.staff_sessions.add(session_id, created_at=now, expires_at=expires_at)
    response = RedirectResponse("/staff", status_code=status.HTTP_303_SEE_OTHER)
    _set_staff_cookie(response, StaffAuth.COOKIE, cookie, api.staff.session_ttl, https=https)
    _set_device_cookie(response, api.staff, now=now, https=https)
    logger.info("staff login")
    return response


def _set_staff_cookie(
    response: Response, name: str, value: str, max_age: timedelta, *, https: bool
) -> None:
    response.set_cookie(
        StaffAuth.cookie_name(name, https=https),
        value,
        max_age=int(max_age.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=https,
        path="/",
    )


def _set_device_cookie(response: Response, staff: StaffAuth, *, now: datetime, https: bool) -> None:
    device = staff.new_device(now=now)
    _set_staff_cookie(response, StaffAuth.DEVICE_COOKIE, device, StaffAuth.DEVICE_TTL, https=https)


@router.get(
    "/device",
    response_class=HTMLResponse,
    summary="A device link's page: a button that uses it (POST /staff/device)",
    responses={
        403: {"description": "Not a link, or expired", "content": {"text/html": {}}},
        503: {"description": "Staff page disabled", "content": {"text/html": {}}},
    },
)
async def show_device_link(
    api: ApiDep, services: ServicesDep, link: Annotated[str, Query(max_length=512)] = ""
) -> Response:
    """Only shows the link: a chat app's preview of a pasted link (WhatsApp, Slack, Teams
    fetch it before anyone taps it) used it up, and the colleague it was for got 403."""
    if api.staff is None:
        return _disabled()
    if api.staff.device_link_id(link, now=services.clock.now()) is None:
        return _used_link_page(api.assets)
    page = api.assets["device.html"].replace("<!--LINK-->", html.escape(link, quote=True))
    return _page(page)


def _used_link_page(assets: dict[str, str]) -> HTMLResponse:
    return _login_page(
        assets,
        error="That link has been used or has expired: ask for a new one.",
        status_code=status.HTTP_403_FORBIDDEN,
    )


@router.post(
    "/device",
    response_class=RedirectResponse,
    summary="Use a device link: this browser may then log in as one that has before",
    status_code=status.HTTP_303_SEE_OTHER,
    responses={
        303: {"description": "A device cookie set; redirects to /staff to log in"},
        403: {
            "description": "Not a link, used already, expired, or posted by another site's page",
            "content": {"text/html": {}},
        },
        503: {"description": "Staff page disabled", "content": {"text/html": {}}},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"link": {"type": "string", "maxLength": 512}},
                    }
                }
            },
        }
    },
)
async def use_device_link(
    request: Request,
    api: ApiDep,
    services: ServicesDep,
    https: Annotated[bool, Depends(is_https)],
    link: Annotated[str, Query(max_length=512)] = "",
) -> Response:
    """The link from the page's form, or from the query (a script: ``curl -X POST`` on the
    link with a cookie jar)."""
    if api.staff is None:
        return _disabled()
    if sent_by_another_sites_page(request):  # another site's form: its link, not this one
        return _used_link_page(api.assets)
    raw = (await request.body()).decode("utf-8", "replace")
    link = parse_qs(raw, keep_blank_values=True).get("link", [link])[0][:512]
    now = services.clock.now()
    link_id = api.staff.device_link_id(link, now=now)
    # used up in the one statement that finds it unused: browsers opening a forwarded link
    # at once each found it unused before any marked it
    if link_id is None or not await services.store.staff_sessions.revoke(link_id, at=now):
        return _used_link_page(api.assets)
    response = RedirectResponse("/staff", status_code=status.HTTP_303_SEE_OTHER)
    _set_device_cookie(response, api.staff, now=now, https=https)
    logger.info("staff device link used")
    return response


@router.post(
    "/logout",
    response_class=RedirectResponse,
    status_code=status.HTTP_303_SEE_OTHER,
    summary="Log out of the staff page (ends the session on the server too)",
    responses={303: {"description": "Session ended, cookie cleared; redirects to /staff"}},
)
async def logout(request: Request, api: ApiDep, services: ServicesDep) -> Response:
    if not acts_for_this_site(request):  # another origin's page: nothing is ended
        return RedirectResponse("/staff", status_code=status.HTTP_303_SEE_OTHER)
    cookie = request.cookies.get(staff_cookie_name(request))
    if api.staff is not None and cookie:
        now = services.clock.now()
        session_id = api.staff.session_id(cookie, now=now)
        if session_id is not None:
            await services.store.staff_sessions.revoke(session_id, at=now)
            logger.info("staff logout")
    response = RedirectResponse("/staff", status_code=status.HTTP_303_SEE_OTHER)
    response.headers.append("set-cookie", clear_staff_cookie(https=is_https(request)))
    return response


async def _no_store(response: Response) -> None:
    response.headers.update(NO_STORE)


# The JSON the page renders: staff only, never cached.
api_router = APIRouter(
    prefix="/api", dependencies=[StaffOnly, Depends(_no_store)], responses=STAFF_ERRORS
)


@api_router.post(
    "/device-link",
    summary="A device link for a browser that has never logged in (one use, ten minutes)",
)
async def make_device_link(
    api: ApiDep, services: ServicesDep, staff: StaffAuthDep
) -> dict[str, str]:
    """While wrong keys from the clinic's own address hold it at its limit, a browser that
    has never logged in there is refused with the rest; one that opens this link (once,
    within ten minutes) may log in as one that has (its failures counted on their own)."""
    now = services.clock.now()
    token, link_id, expires_at = staff.new_device_link(now=now)
    await services.store.staff_sessions.add(link_id, created_at=now, expires_at=expires_at)
    logger.info("staff device link made")
    return {
        "path": staff.device_link_path(token),
        "expires_at": expires_at.isoformat(),
    }


@api_router.get(
    "/schedule",
    response_model=SchedulePublic,
    summary="Appointments by day and slot, from today (clinic time)",
)
async def staff_schedule(
    api: ApiDep,
    services: ServicesDep,
    days: Annotated[int, Query(ge=1, le=31, description="How many days, from today")] = 7,
) -> SchedulePublic:
    return await views.schedule(
        services.scheduling,
        now=services.clock.now(),
        clinic_name=api.settings.clinic_name,
        days=days,
    )


@api_router.get(
    "/conversations",
    response_model=ConversationsPublic,
    summary="Recent conversations with summary, transcript and cost",
)
async def staff_conversations(
    services: ServicesDep, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> ConversationsPublic:
    return await views.conversations(
        services.store, timezone=services.scheduling.calendar.timezone, limit=limit
    )


router.include_router(api_router)
