"""HTTP adapter: the only package that imports fastapi."""

from voice_agent.adapters.api.app import create_app
from voice_agent.adapters.api.server import serve

__all__ = ["create_app", "serve"]
