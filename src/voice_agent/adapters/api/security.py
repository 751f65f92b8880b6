"""Credentials of the token server: LiveKit access tokens, signed summary and staff-session
tokens, and a per-client rate limiter. Nothing here imports fastapi."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from livekit import api as lk

from voice_agent.config import Settings

# A participant may publish only its microphone; names match livekit's TrackSource values.
PUBLISH_SOURCES = ["microphone"]
_IDENTITY_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class LiveKitNotConfigured(Exception):
    """LIVEKIT_API_KEY / LIVEKIT_API_SECRET are missing (or still placeholders)."""

    message = (
        "LiveKit credentials are not configured: set LIVEKIT_API_KEY and LIVEKIT_API_SECRET "
        "on the token server."
    )


# --- LiveKit access tokens --------------------------------------------------------------------
def new_room_name() -> str:
    """An unguessable room name (80 random bits), e.g. ``room-3f9a1c0d2b7e4a5f6c81``."""
    return f"room-{secrets.token_hex(10)}"


def new_identity(participant_name: str) -> str:
    """A unique participant identity: the display name made safe plus a random suffix."""
    base = _IDENTITY_UNSAFE.sub("_", participant_name.strip()).strip("_")[:64] or "caller"
    return f"{base}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class IssuedToken:
    jwt: str
    identity: str
    room_name: str
    expires_at: datetime


class LiveKitTokens:
    """Mints least-privilege room tokens and verifies tokens presented back to us."""

    def __init__(
        self,
        *,
        api_key: str | None,
        api_secret: str | None,
        ttl: timedelta,
        agent_name: str | None = None,
    ) -> None:
        self._key = api_key
        self._secret = api_secret
        self.ttl = ttl
        self.agent_name = agent_name or None

    @classmethod
    def from_settings(cls, settings: Settings) -> LiveKitTokens:
        return cls(
            api_key=settings.secret("livekit_api_key"),
            api_secret=settings.secret("livekit_api_secret"),
            ttl=timedelta(seconds=settings.token_ttl_seconds),
            agent_name=settings.agent_name.strip() or None,
        )

    @property
    def configured(self) -> bool:
        return bool(self._key and self._secret)

    def grants(self, room_name: str) -> lk.VideoGrants:
        # Join this one room; publish the microphone and data; subscribe. No admin rights.
        return lk.VideoGrants(
            room_join=True,
            room=room_name,
            can_publish=True,
            can_publish_sources=list(PUBLISH_SOURCES),
            can_publish_data=True,
            can_subscribe=True,
            can_update_own_metadata=False,
        )

    def issue(self, *, room_name: str, participant_name: str, now: datetime) -> IssuedToken:
        if not self.configured:
            raise LiveKitNotConfigured(LiveKitNotConfigured.message)
        identity = new_identity(participant_name)
        token = (
            lk.AccessToken(self._key, self._secret)
            .with_identity(identity)
            .with_name(participant_name)
            .with_kind("standard")
            .with_ttl(self.ttl)
            .with_grants(self.grants(room_name))
        )
        if self.agent_name:
            token = token.with_room_config(
                lk.RoomConfiguration(agents=[lk.RoomAgentDispatch(agent_name=self.agent_name)])
            )
        return IssuedToken(
            jwt=token.to_jwt(), identity=identity, room_name=room_name, expires_at=now + self.ttl
        )

    def grants_room(self, token: str, room_name: str) -> bool:
        """True when ``token`` is a valid, unexpired LiveKit token to join ``room_name``."""
        if not self.configured:
            return False
        try:
            claims = lk.TokenVerifier(self._key, self._secret).verify(token)
        except Exception:  # any malformed, forged or expired token is simply "no"
            return False
        video = claims.video
        return bool(
            video is not None and video.room_join and video.room == room_name and claims.identity
        )


# --- signed tokens (HMAC-SHA256) -------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def derive_key(master: str, purpose: str) -> bytes:
    """A key for one purpose, so one secret never signs two kinds of token."""
    return hmac.new(master.encode(), f"voice-agent/{purpose}".encode(), hashlib.sha256).digest()


class SignedTokens:
    """Compact ``<prefix>.<payload>.<mac>`` tokens carrying a JSON payload and an expiry."""

    def __init__(self, key: bytes, *, prefix: str) -> None:
        if not key:
            raise ValueError("a signing key is required")
        self._key = key
        self._prefix = prefix

    def _mac(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest())

    def sign(self, payload: dict[str, Any], *, expires_at: datetime) -> str:
        data = dict(payload, exp=int(expires_at.timestamp()))
        body = f"{self._prefix}.{_b64(json.dumps(data, separators=(',', ':')).encode())}"
        return f"{body}.{self._mac(body)}"

    def load(self, token: str, *, now: datetime) -> dict[str, Any] | None:
        """The payload of a genuine, unexpired token; None for anything else."""
        if len(token) > 4096:
            return None
        parts = token.split(".")
        if len(parts) != 3 or parts[0] != self._prefix:
            return None
        body = f"{parts[0]}.{parts[1]}"
        if not hmac.compare_digest(self._mac(body), parts[2]):
            return None
        try:
            data = json.loads(_unb64(parts[1]))
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("exp"), int):
            return None
        if data["exp"] <= now.timestamp():
            return None
        return data


class SummaryTokens:
    """Room-bound tokens that let the caller who joined a room read its summary later."""

    def __init__(self, key: bytes, *, ttl: timedelta) -> None:
        self._signer = SignedTokens(key, prefix="st1")
        self.ttl = ttl

    @classmethod
    def from_settings(cls, settings: Settings) -> SummaryTokens | None:
        master = settings.secret("summary_secret") or settings.secret("livekit_api_secret")
        if master is None:
            return None
        return cls(
            derive_key(master, "summary-token/v1"),
            ttl=timedelta(seconds=settings.summary_token_ttl_seconds),
        )

    def issue(self, *, room_name: str, identity: str, now: datetime) -> tuple[str, datetime]:
        expires_at = now + self.ttl
        return self._signer.sign({"room": room_name, "sub": identity}, expires_at=expires_at), (
            expires_at
        )

    def grants_room(self, token: str, room_name: str, *, now: datetime) -> bool:
        data = self._signer.load(token, now=now)
        return data is not None and data.get("room") == room_name


class StaffAuth:
    """The staff key, compared in constant time, and the signed session cookie it unlocks."""

    COOKIE = "va_staff"

    def __init__(self, key: str, *, session_ttl: timedelta = timedelta(hours=12)) -> None:
        self._key = key.encode()
        self._sessions = SignedTokens(derive_key(key, "staff-session/v1"), prefix="ss1")
        self.session_ttl = session_ttl

    @classmethod
    def from_settings(cls, settings: Settings) -> StaffAuth | None:
        key = settings.secret("staff_api_key")
        return cls(key) if key else None

    def check_key(self, candidate: str | None) -> bool:
        if not candidate:
            return False
        return hmac.compare_digest(candidate.encode("utf-8", "replace"), self._key)

    def new_session(self, *, now: datetime) -> str:
        return self._sessions.sign({"staff": True}, expires_at=now + self.session_ttl)

    def check_session(self, token: str | None, *, now: datetime) -> bool:
        if not token:
            return False
        data = self._sessions.load(token, now=now)
        return data is not None and data.get("staff") is True


# --- rate limiting ---------------------------------------------------------------------------
class RateLimiter:
    """Sliding-window log per key (client IP): at most ``limit`` hits per ``window`` seconds.

    In memory and per process; the number of tracked keys is bounded so that a flood of
    distinct addresses cannot grow it without limit.
    """

    def __init__(
        self,
        limit: int,
        *,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str) -> float | None:
        """Record a hit. None when allowed, else the seconds to wait before retrying."""
        now = self._clock()
        cutoff = now - self.window
        hits = self._hits.get(key)
        if hits is None:
            hits = deque()
            self._hits[key] = hits
            while len(self._hits) > self._max_keys:
                self._hits.popitem(last=False)
        else:
            self._hits.move_to_end(key)
        while hits and hits[0] <= cutoff:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(hits[0] + self.window - now, 0.001)
        hits.append(now)
        return None
