"""The token server application: ``create_app(settings)`` wires routes, middleware and errors."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.requests import ClientDisconnect
from starlette.routing import Match
from starlette.types import Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from voice_agent.adapters.api.deps import ApiContext, ApiServices, OpenServices
from voice_agent.adapters.api.middleware import (
    DEFAULT_MAX_BODY_BYTES,
    AllowedHostsMiddleware,
    BodySizeLimitMiddleware,
    HeadAsGetMiddleware,
    SecurityHeadersMiddleware,
)
from voice_agent.adapters.api.routes import call, console, docs, health, staff, summary, token
from voice_agent.adapters.api.security import (
    LiveKitNotConfigured,
    LiveKitTokens,
    StaffAuth,
    SummaryTokens,
)
from voice_agent.config import Settings
from voice_agent.domain.errors import StorageUnavailable

logger = logging.getLogger(__name__)


def create_app(
    settings: Settings,
    services: ApiServices | OpenServices,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """Build the token server over ``services``: the services themselves (owned by the caller),
    or a function opening them, which the app's lifespan enters at start-up and leaves at
    shutdown."""
    livekit = LiveKitTokens.from_settings(settings)
    summary_tokens = SummaryTokens.from_settings(settings)
    if summary_tokens is None:
        # No SUMMARY_SECRET nor LiveKit secret: browser callers still get a summary token,
        # valid until this process stops.
        summary_tokens = SummaryTokens(
            secrets.token_bytes(32), ttl=timedelta(seconds=settings.summary_token_ttl_seconds)
        )
    api = ApiContext(
        settings=settings,
        livekit=livekit,
        summary_tokens=summary_tokens,
        staff=StaffAuth.from_settings(settings),
        assets=staff.load_assets(),
        services=services if isinstance(services, ApiServices) else None,
        call_assets=call.load_assets(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if not livekit.configured:
            # a server taking browser calls works without LiveKit (`voice-agent serve` as the
            # README's "try it yourself" starts it): a warning there was the first thing a new
            # user saw, about a feature they had not asked for
            level = logging.INFO if settings.call_max_concurrent > 0 else logging.WARNING
            logger.log(level, LiveKitNotConfigured.message + " POST /token answers 503 until then.")
        if api.staff is None:
            logger.info("staff page disabled: STAFF_API_KEY is not set")
        if isinstance(services, ApiServices):
            yield
            return
        async with services() as opened:
            api.services = opened
            try:
                yield
            finally:
                api.services = None

    app = FastAPI(
        title="Voice Agent Token Server",
        version="1.0.0",
        description=(
            "Browser calls to the voice receptionist (WebRTC, /call), LiveKit access tokens, "
            "call summaries for the caller who made the call, and the staff console."
        ),
        lifespan=lifespan,
        docs_url=None,  # served by routes/docs.py from local files, not a CDN
        redoc_url=None,
    )
    app.state.api = api

    token.install(app)  # first, and not through a router: see token.install
    app.include_router(health.router)
    app.include_router(summary.router)
    app.include_router(staff.router)
    app.include_router(console.router)
    app.include_router(call.router)
    app.include_router(docs.router)

    _install_error_handlers(app)
    _relative_slash_redirects(app)

    # Added innermost first: CORS is outermost so even 413s carry CORS headers.
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Authorization"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    allowed_hosts = settings.allowed_host_names
    if allowed_hosts is not None:
        app.add_middleware(AllowedHostsMiddleware, allowed=allowed_hosts)
    if settings.trusted_proxies:
        # Outermost, so every limit and log line sees the client the proxy saw. Only peers
        # listed in TRUSTED_PROXIES are believed; from anyone else the headers are ignored.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
    return app


def _relative_slash_redirects(app: FastAPI) -> None:
    """``/staff/`` redirects to ``/staff`` by a relative address. Starlette's own redirect
    wrote the request's Host header into it (``Location: http://evil.example/staff``): a
    forged Host, or a name a cache keyed apart, sent the browser elsewhere."""
    router = app.router
    router.redirect_slashes = False

    async def slash_or_not_found(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path != "/":
            other = path.rstrip("/") if path.endswith("/") else path + "/"
            moved = {**scope, "path": other}
            if not other.startswith("//") and any(
                route.matches(moved)[0] is not Match.NONE for route in router.routes
            ):
                query = scope.get("query_string", b"").decode("latin-1")
                location = quote(other, safe="/:@!$&'()*+,;=-._~") + (f"?{query}" if query else "")
                await RedirectResponse(location, status_code=307)(scope, receive, send)
                return
        await router.not_found(scope, receive, send)

    router.default = slash_or_not_found


def private_path_templates(app: FastAPI) -> list[str]:
    """The route templates whose path parameters are a caller's data, for the access log to
    mask (:class:`~voice_agent.adapters.logging_filters.PrivatePaths`): every route of the
    API's schema with a path parameter other than an id (a confirmation code in
    ``/staff/api/appointments/{code}/cancel``, a room name, which callers may choose, in
    ``/summary/{room_name}``). A new route with such a parameter is covered as it is added."""
    templates = []
    for path, operations in app.openapi().get("paths", {}).items():
        parameters = [
            p
            for op in operations.values()
            for p in op.get("parameters", ())
            if p.get("in") == "path"
        ]
        if any(p.get("schema", {}).get("format") != "uuid" for p in parameters):
            templates.append(path)
    return templates


NOT_JSON: dict[str, Any] = {
    "loc": ["body"],
    "msg": "The body must be JSON, sent with the header Content-Type: application/json.",
    "type": "json_content_type",
}


def _sent_as_json(request: Request) -> bool:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


_BOUNDS = {
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
}
_KINDS = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "bool_parsing": "true or false",
    "uuid_parsing": "a UUID, as the API gave it",
    "uuid_type": "a UUID, as the API gave it",
    "date_parsing": "a date, YYYY-MM-DD",
    "date_from_datetime_parsing": "a date, YYYY-MM-DD",
    "time_parsing": "a time, HH:MM",
    "string_type": "text",
}


def plain_message(error: Mapping[str, Any]) -> str:
    """What is wrong with one value, in the words of this API's other answers ("days must be
    at most 31"), where pydantic said "Input should be less than or equal to 31" and "Field
    required" without naming the field. The value given is never echoed back."""
    kind = str(error.get("type", ""))
    loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    field = loc[-1] if len(loc) > 1 else ""
    ctx = error.get("ctx") or {}
    msg = str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "json_invalid":
        return "The body is not valid JSON."
    if not field:
        return "A JSON body is required." if kind == "missing" else msg
    if kind == "missing":
        return f"{field} is required."
    if kind in _BOUNDS and _BOUNDS[kind][0] in ctx:
        key, words = _BOUNDS[kind]
        return f"{field} must be {words} {ctx[key]}."
    if kind in _KINDS:
        return f"{field} must be {_KINDS[kind]}."
    if kind == "string_too_long" and "max_length" in ctx:
        return f"{field} must be at most {ctx['max_length']} characters."
    if kind == "string_too_short" and "min_length" in ctx:
        return f"{field} must be at least {ctx['min_length']} characters."
    if kind in ("literal_error", "enum") and "expected" in ctx:
        return f"{field} must be {ctx['expected']}."
    return msg


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # loc/msg/type only: no echo of the input, no links, nothing unserialisable.
        errors: list[dict[str, Any]] = [
            {"loc": list(e.get("loc", ())), "msg": plain_message(e), "type": e.get("type")}
            for e in exc.errors()
        ]
        if not _sent_as_json(request):
            # A JSON body sent as a form or as text (curl -d without -H, fetch without
            # headers) is read as a string: pydantic's "Input should be a valid dictionary"
            # would not say what to change.
            errors = [
                NOT_JSON if e["loc"] == ["body"] and e["type"] == "model_attributes_type" else e
                for e in errors
            ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StorageUnavailable)
    async def _storage(_request: Request, _exc: StorageUnavailable) -> JSONResponse:
        return JSONResponse(
            {"detail": "The database is unavailable; try again shortly."},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, _exc: ClientDisconnect) -> Response:
        # the client closed the connection (or was cut off for sending its body too slowly)
        # before its body arrived: nobody to answer, and nothing went wrong here. Logged as
        # an error with two tracebacks, it let any client fill the log at will.
        logger.info(
            "client gone before its request body arrived",
            extra={"route": getattr(request.scope.get("route"), "path", None)},
        )
        return Response(status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.error(
            "unhandled error",
            exc_info=(type(exc), exc, exc.__traceback__),
            # the route's template, not the path: a path may carry a code or a room name
            extra={
                "route": getattr(request.scope.get("route"), "path", None),
                "method": request.method,
            },
        )
        return JSONResponse({"detail": "Internal server error."}, status_code=500)
