"""Run the token server with uvicorn (``voice-agent serve``)."""

from __future__ import annotations

import uvicorn

from voice_agent.adapters.api.app import create_app
from voice_agent.config import Settings


def serve(settings: Settings) -> None:
    """Serve on settings.server_host:server_port until interrupted (one worker process)."""
    config = uvicorn.Config(
        create_app(settings),
        host=settings.server_host,
        port=settings.server_port,
        log_level=settings.log_level.lower(),
        proxy_headers=True,
        server_header=False,
    )
    uvicorn.Server(config).run()
