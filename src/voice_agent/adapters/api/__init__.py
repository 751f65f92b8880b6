"""HTTP adapter: the only package that imports fastapi."""

from voice_agent.adapters.api.app import create_app
from voice_agent.adapters.api.deps import ApiServices

__all__ = ["ApiServices", "create_app"]
