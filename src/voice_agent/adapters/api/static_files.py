"""The browser pages' files (``static/``), read once when the app is created and served with
their type. The call page and the staff console share ``common.css`` and ``common.js``."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import PurePosixPath

from fastapi import HTTPException, status
from fastapi.responses import Response

SHARED = ("common.css", "common.js")
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def load(*names: str) -> dict[str, str]:
    """These files of ``static/``, by name."""
    folder = resources.files("voice_agent.adapters.api") / "static"
    return {name: (folder / name).read_text(encoding="utf-8") for name in names}


def serve(files: Mapping[str, str], name: str) -> Response:
    """``name`` if it is one of ``files``' stylesheets or scripts; 404 for anything else (the
    pages' HTML templates included)."""
    media_type = TYPES.get(PurePosixPath(name).suffix)
    if media_type is None or name not in files:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Not Found")
    return Response(files[name], media_type=media_type, headers={"Cache-Control": "no-cache"})
