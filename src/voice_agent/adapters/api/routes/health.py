"""Liveness (the seed's ``GET /``) and readiness (``GET /healthz``, pings the database)."""

from __future__ import annotations

import logging
from datetime import UTC

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from voice_agent.adapters.api.deps import ServicesDep
from voice_agent.adapters.api.schemas import HealthPublic, ReadinessPublic
from voice_agent.domain.errors import StorageUnavailable

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/", response_model=HealthPublic, summary="Liveness check")
async def health(services: ServicesDep) -> HealthPublic:
    return HealthPublic(
        status="ok",
        message="Voice Agent Token Server is running",
        timestamp=services.clock.now().astimezone(UTC),
    )


@router.get(
    "/healthz",
    response_model=ReadinessPublic,
    summary="Readiness check (database reachable)",
    responses={503: {"model": ReadinessPublic, "description": "Database unreachable"}},
)
async def ready(services: ServicesDep) -> ReadinessPublic | JSONResponse:
    try:
        await services.store.ping()
    except Exception as exc:  # any failure means "not ready"; details stay in the log
        level = logging.WARNING if isinstance(exc, StorageUnavailable) else logging.ERROR
        logger.log(level, "readiness check failed", extra={"error": type(exc).__name__})
        body = ReadinessPublic(status="unavailable", database="unavailable")
        return JSONResponse(body.model_dump(), status_code=503)
    return ReadinessPublic(status="ok", database="ok")
