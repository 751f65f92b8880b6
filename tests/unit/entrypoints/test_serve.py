"""``voice-agent serve``'s application: its lifespan bootstraps the store and closes it."""

from __future__ import annotations

import httpx

from voice_agent.adapters.storage import SqlStore
from voice_agent.config import Settings
from voice_agent.entrypoints.serve import build_app


async def test_the_lifespan_bootstraps_and_closes_the_application(settings: Settings) -> None:
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        services = app.state.api.services
        assert services is not None and isinstance(services.store, SqlStore)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/healthz")).json()["database"] == "ok"
    assert app.state.api.services is None
