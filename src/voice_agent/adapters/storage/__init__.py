"""SQLAlchemy 2 (async) storage for SQLite and PostgreSQL."""

from voice_agent.adapters.storage.database import SqlStore, async_url, open_store
from voice_agent.adapters.storage.migrate import upgrade

__all__ = ["SqlStore", "async_url", "open_store", "upgrade"]
