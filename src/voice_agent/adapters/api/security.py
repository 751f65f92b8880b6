"""Credentials of the token server: LiveKit access tokens, signed summary and staff-session
tokens, and a per-client rate limiter. Nothing here imports fastapi."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import json
import re
import secrets
import time
import unicodedata
import warnings
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from jwt.algorithms import HMACAlgorithm
from jwt.warnings import InsecureKeyLengthWarning
from livekit import api as lk

from voice_agent.config import Settings
from voice_agent.domain.ports import LimitCounters

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
ROOM_NAME_MAX = 128
_ROOM_SUFFIX = 21  # "-" and 20 hex digits


def new_room_name(hint: str | None = None) -> str:
    """A fresh, unguessable room name (80 random bits), e.g. ``room-3f9a1c0d2b7e4a5f6c81``.

    A client's requested name is only a readable prefix (``room-abc123-3f9a...``): the server
    always chooses the room, so nobody can claim a room before its caller, and no answer
    depends on whether a room of that name exists.
    """
    prefix = (hint or "room")[: ROOM_NAME_MAX - _ROOM_SUFFIX]
    return f"{prefix}-{secrets.token_hex(10)}"


def new_identity(participant_name: str) -> str:
    """A unique participant identity: the display name made safe plus a random suffix.

    Accents are folded to their letters first ("José Núñez" -> ``Jose_Nunez-3f9a1c0d``)."""
    folded = unicodedata.normalize("NFKD", participant_name).encode("ascii", "ignore").decode()
    base = _IDENTITY_UNSAFE.sub("_", folded.strip()).strip("_")[:64] or "caller"
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
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._key = api_key
        self._secret = api_secret
        self.ttl = ttl
        self.agent_name = agent_name or None
        self._wall_clock = wall_clock
        self._jwt: _LiveKitJwt | None = None
        self._verifier: lk.TokenVerifier | None = None
        if api_key and api_secret:
            self._jwt = _LiveKitJwt(
                api_key, api_secret, ttl=ttl, template=self._claims_template(api_key, api_secret)
            )
            self._verifier = lk.TokenVerifier(api_key, api_secret)

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

    def _claims_template(self, api_key: str, api_secret: str) -> lk.AccessToken:
        """livekit-api's own token, with placeholders where each request's values go."""
        token = (
            lk.AccessToken(api_key, api_secret)
            .with_name(_PLACEHOLDER)
            .with_kind("standard")
            .with_grants(self.grants(_PLACEHOLDER))
        )
        if self.agent_name:
            token = token.with_room_config(
                lk.RoomConfiguration(agents=[lk.RoomAgentDispatch(agent_name=self.agent_name)])
            )
        return token

    def issue(self, *, room_name: str, participant_name: str, now: datetime) -> IssuedToken:
        if self._jwt is None:
            raise LiveKitNotConfigured(LiveKitNotConfigured.message)
        identity = new_identity(participant_name)
        jwt = self._jwt.encode(
            room_name=room_name,
            identity=identity,
            participant_name=participant_name,
            now=self._wall_clock(),
        )
        return IssuedToken(
            jwt=jwt, identity=identity, room_name=room_name, expires_at=now + self.ttl
        )

    def identity_in_room(self, token: str, room_name: str) -> str | None:
        """The participant identity of a valid, unexpired LiveKit token to join ``room_name``;
        None for anything else."""
        if self._verifier is None or len(token) > MAX_TOKEN_LENGTH:
            return None
        try:
            claims = self._verifier.verify(token)
        except Exception:  # any malformed, forged or expired token is simply "no"
            return None
        video = claims.video
        if video is not None and video.room_join and video.room == room_name and claims.identity:
            return str(claims.identity)
        return None


_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))
"""``json.dumps(..., separators=(",", ":"))`` without building an encoder per call."""


_PLACEHOLDER = "\x00placeholder\x00"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


_MARKS = {field: f"\x00{field}\x00" for field in ("name", "room", "sub", "nbf", "exp")}


class _JsonTemplate:
    """Compact JSON of a dict in which some values are ``_MARKS``, pre-serialised: ``render``
    puts each request's values where the marks were, encoded as ``json`` would encode them."""

    def __init__(self, data: dict[str, Any]) -> None:
        text = _COMPACT_JSON.encode(data)
        if any(text.count(_COMPACT_JSON.encode(mark)) > 1 for mark in _MARKS.values()):
            raise ValueError("a placeholder appears twice in the claims")
        found = sorted(
            (text.index(_COMPACT_JSON.encode(mark)), field)
            for field, mark in _MARKS.items()
            if _COMPACT_JSON.encode(mark) in text
        )
        self._fields = [field for _, field in found]
        self._pieces: list[str] = []
        start = 0
        for at, field in found:
            self._pieces.append(text[start:at])
            start = at + len(_COMPACT_JSON.encode(_MARKS[field]))
        self._pieces.append(text[start:])

    def render(self, **values: str | int) -> str:
        out = [self._pieces[0]]
        for field, piece in zip(self._fields, self._pieces[1:], strict=True):
            out.append(_COMPACT_JSON.encode(values[field]))
            out.append(piece)
        return "".join(out)


class _LiveKitJwt:
    """HS256 access tokens, byte for byte what livekit-api's ``AccessToken.to_jwt`` makes.

    ``to_jwt`` rebuilds every claim with ``dataclasses.asdict`` (deep copies and all), converts
    the room configuration from protobuf and prepares the key, on every call: about 0.4 ms, most
    of the cost of ``POST /token``. Here all of that is done once, from livekit-api's own
    claims with placeholders, serialised once as PyJWT does (compact JSON); a request only
    fills in its room, name, identity and times, then signs as PyJWT does (sorted header,
    unpadded base64url).
    """

    _HEADER = base64.urlsafe_b64encode(
        json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":"), sort_keys=True).encode()
    ).rstrip(b"=")

    def __init__(
        self, api_key: str, api_secret: str, *, ttl: timedelta, template: lk.AccessToken
    ) -> None:
        claims = template.claims.asdict()
        video = claims.get("video")
        if claims.get("name") != _PLACEHOLDER or not isinstance(video, dict):
            raise ValueError("unexpected livekit-api claims layout")
        if video.get("room") != _PLACEHOLDER or not video.get("roomJoin"):
            raise ValueError("unexpected livekit-api video grants layout")
        claims = dict(claims, video=dict(video, room=_MARKS["room"]), name=_MARKS["name"])
        claims.update(sub=_MARKS["sub"], iss=api_key, nbf=_MARKS["nbf"], exp=_MARKS["exp"])
        self._with_name = _JsonTemplate(claims)
        del claims["name"]  # livekit-api leaves empty values out
        self._without_name = _JsonTemplate(claims)
        self._ttl = ttl
        algorithm = HMACAlgorithm(HMACAlgorithm.SHA256)
        key = algorithm.prepare_key(api_secret)  # PyJWT's checks (refuses PEM-like keys)
        short = algorithm.check_key_length(key)
        if short:  # PyJWT warns on every token; once is enough
            warnings.warn(short, InsecureKeyLengthWarning, stacklevel=3)
        self._mac = hmac.new(key, digestmod=hashlib.sha256)

    def encode(self, *, room_name: str, identity: str, participant_name: str, now: datetime) -> str:
        if not room_name or not identity:
            raise ValueError("identity and room must be set when joining a room")
        template = self._with_name if participant_name else self._without_name
        claims = template.render(
            name=participant_name,
            room=room_name,
            sub=identity,
            nbf=(now - _EPOCH) // _SECOND,  # calendar.timegm(now.utctimetuple())
            exp=(now + self._ttl - _EPOCH) // _SECOND,
        )
        payload = base64.urlsafe_b64encode(claims.encode()).rstrip(b"=")
        signing_input = self._HEADER + b"." + payload
        mac = self._mac.copy()
        mac.update(signing_input)
        signature = base64.urlsafe_b64encode(mac.digest()).rstrip(b"=")
        return (signing_input + b"." + signature).decode("ascii")


# --- signed tokens (HMAC-SHA256) -------------------------------------------------------------
MAX_TOKEN_LENGTH = 4096


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def same_secret(candidate: str, secret: bytes) -> bool:
    """Whether ``candidate`` is ``secret``, in a time that depends on neither: their SHA-256
    digests are compared. ``hmac.compare_digest`` on the texts themselves returns at once
    when the lengths differ, which tells a guesser the secret's length."""
    digest = hashlib.sha256(candidate.encode("utf-8", "replace")).digest()
    return hmac.compare_digest(digest, hashlib.sha256(secret).digest())


def derive_key(master: str, purpose: str) -> bytes:
    """A key for one purpose, so one secret never signs two kinds of token."""
    return hmac.new(master.encode(), f"voice-agent/{purpose}".encode(), hashlib.sha256).digest()


class SignedTokens:
    """Compact ``<prefix>.<payload>.<mac>`` tokens carrying a JSON payload and an expiry."""

    def __init__(self, key: bytes, *, prefix: str) -> None:
        if not key:
            raise ValueError("a signing key is required")
        self._hmac = hmac.new(key, digestmod=hashlib.sha256)  # keyed once, copied per token
        self._prefix = prefix

    def _mac(self, body: str) -> str:
        mac = self._hmac.copy()
        mac.update(body.encode("ascii"))
        return _b64(mac.digest())

    def sign(self, payload: dict[str, Any], *, expires_at: datetime) -> str:
        data = dict(payload, exp=int(expires_at.timestamp()))
        body = f"{self._prefix}.{_b64(_COMPACT_JSON.encode(data).encode())}"
        return f"{body}.{self._mac(body)}"

    def load(self, token: str, *, now: datetime) -> dict[str, Any] | None:
        """The payload of a genuine, unexpired token; None for anything else (a token with a
        character outside ASCII too: it reached the MAC's ``encode("ascii")`` and
        ``compare_digest``, which raise on one, and a bearer or cookie of "st1.é.x" was a
        500 with a traceback in the log)."""
        if len(token) > MAX_TOKEN_LENGTH or not token.isascii():
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

    def identity_in_room(self, token: str, room_name: str, *, now: datetime) -> str | None:
        """The participant identity a genuine, unexpired token for ``room_name`` was issued
        to; None for anything else."""
        data = self._signer.load(token, now=now)
        if data is None or data.get("room") != room_name:
            return None
        identity = data.get("sub")
        return identity if isinstance(identity, str) and identity else None

    @staticmethod
    def looks_like(token: str) -> bool:
        return token.startswith("st1.")


class StaffAuth:
    """The staff key, compared in constant time, and the signed session cookie it unlocks.

    The cookie carries a random session id, signed with a key derived from the staff key:
    changing the key ends every session at once; logging out revokes one session in the
    store (``StaffSessionRepository``), so a copied cookie stops working too.
    """

    COOKIE = "va_staff"
    DEVICE_COOKIE = "va_staff_device"
    DEVICE_TTL = timedelta(days=90)

    def __init__(self, key: str, *, session_ttl: timedelta = timedelta(hours=12)) -> None:
        self._key = key.encode()
        self._sessions = SignedTokens(derive_key(key, "staff-session/v2"), prefix="ss2")
        self._devices = SignedTokens(derive_key(key, "staff-device/v1"), prefix="sd1")
        self._links = SignedTokens(derive_key(key, "staff-device-link/v1"), prefix="sl1")
        self.session_ttl = session_ttl

    @staticmethod
    def cookie_name(name: str, *, https: bool) -> str:
        """The name a staff cookie goes by: ``__Host-`` first over https, so that a browser
        takes it only from this host, over https, for the whole site (a sibling subdomain, or
        a man in the middle of plain http, cannot set one that shadows it); plain over http,
        where browsers refuse that prefix (``http://127.0.0.1``)."""
        return f"__Host-{name}" if https else name

    def new_device(self, *, now: datetime) -> str:
        """A device cookie for a browser that just logged in with the right key (OWASP's
        "device cookie"): while wrong keys from many addresses hold the staff key's count
        over its limit, this browser may still log in, with failures of its own counted."""
        return self._devices.sign(
            {"dev": secrets.token_urlsafe(12)}, expires_at=now + self.DEVICE_TTL
        )

    def device_id(self, cookie: str | None, *, now: datetime) -> str | None:
        """The id of a genuine, unexpired device cookie."""
        data = self._devices.load(cookie, now=now) if cookie else None
        device = data.get("dev") if data is not None else None
        return device if isinstance(device, str) and device else None

    DEVICE_LINK_TTL = timedelta(minutes=10)

    def new_device_link(self, *, now: datetime) -> tuple[str, str, datetime]:
        """(link token, link id, expiry) of a device link: a logged-in member of staff gives
        it to a browser that has never logged in, which opens it (once) for a device cookie.
        While wrong keys from the clinic's own address (its waiting room's Wi-Fi) hold that
        address at its limit, a key from a new browser there cannot be told from them; a
        link can only be made by someone logged in."""
        link_id = f"link:{secrets.token_urlsafe(24)}"
        expires_at = now + self.DEVICE_LINK_TTL
        return self._links.sign({"lid": link_id}, expires_at=expires_at), link_id, expires_at

    @staticmethod
    def device_link_path(token: str) -> str:
        """Where a device link is opened (``GET /staff/device``)."""
        return f"/staff/device?{urlencode({'link': token})}"

    def device_link_id(self, token: str | None, *, now: datetime) -> str | None:
        """The id of a genuine, unexpired device link (the store says if it was used)."""
        data = self._links.load(token, now=now) if token else None
        link_id = data.get("lid") if data is not None else None
        return link_id if isinstance(link_id, str) and link_id.startswith("link:") else None

    @classmethod
    def from_settings(cls, settings: Settings) -> StaffAuth | None:
        key = settings.secret("staff_api_key")
        if not key:
            return None
        return cls(key, session_ttl=timedelta(hours=settings.staff_session_hours))

    def check_key(self, candidate: str | None) -> bool:
        if not candidate:
            return False
        return same_secret(candidate, self._key)

    def new_session(self, *, now: datetime) -> tuple[str, str, datetime]:
        """(cookie value, session id, expiry) of a fresh session."""
        session_id = secrets.token_urlsafe(24)
        expires_at = now + self.session_ttl
        return (
            self._sessions.sign({"sid": session_id}, expires_at=expires_at),
            session_id,
            (expires_at),
        )

    def session_id(self, cookie: str | None, *, now: datetime) -> str | None:
        """The session id of a genuine, unexpired cookie (the store says if it is revoked)."""
        if not cookie:
            return None
        data = self._sessions.load(cookie, now=now)
        session_id = data.get("sid") if data is not None else None
        return session_id if isinstance(session_id, str) and session_id else None

    def genuine_but_expired(self, cookie: str) -> bool:
        """Signed by this key but past its expiry (not a forgery)."""
        return self._sessions.load(cookie, now=datetime.fromtimestamp(0, UTC)) is not None


# --- rate limiting ---------------------------------------------------------------------------
IPV6_CLIENT_PREFIX = 64


def client_key(address: str) -> str:
    """The client a request is counted against: its IPv4 address, or the /64 network of an
    IPv6 one. One IPv6 subscriber is routed a /64 (or more) and may send from any of its
    2**64 addresses, so counting single IPv6 addresses let one client multiply every
    per-client limit (tokens, call offers, wrong credentials) without end. An IPv4 address
    mapped into IPv6 counts as itself; anything that is not an address stays as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_CLIENT_PREFIX), strict=False))
    return str(ip)


IPV4_NETWORK_PREFIX = 24
IPV6_NETWORK_PREFIX = 48


def client_network(client: str) -> str:
    """The network a client (``client_key``) is part of, as one hoster or subscriber holds
    it: an IPv4 /24 or an IPv6 /48. A failed guess marks the network for an hour (see
    ``Limits.blocked``), so renting more addresses next to the ones already marked buys an
    attacker nothing; anything that is not an address stays as it is."""
    try:
        network = ipaddress.ip_network(client, strict=False)
    except ValueError:
        return client
    prefix = IPV4_NETWORK_PREFIX if network.version == 4 else IPV6_NETWORK_PREFIX
    return str(network.supernet(new_prefix=prefix)) if network.prefixlen > prefix else str(network)


ROOM_CREDENTIAL_PREFIX = "room:"
"""Credentials named after a room (its summary and LiveKit tokens): one name per room."""


def credential_key(credential: str) -> str:
    """The counter of failures against one credential, from every client together."""
    return f"fail:cred:{credential}"


NETWORK_STANDING_PREFIX = "fail:net:"


def network_standing_key(network: str) -> str:
    """The counter of a network's failed staff keys over the last hour."""
    return f"{NETWORK_STANDING_PREFIX}{network}"


def is_named_credential_key(key: str) -> bool:
    """Whether ``key`` counts failures against one of the server's few named credentials
    (the staff key, staff sessions, the feed token), not a client's or a room's."""
    prefix = credential_key("")
    return key.startswith(prefix) and not key.startswith(prefix + ROOM_CREDENTIAL_PREFIX)


class MemoryLimitCounters:
    """``LimitCounters`` in this process's memory (the default: each process counts alone).

    Fixed windows like the database's; the number of tracked keys is bounded so that a flood
    of distinct addresses cannot grow it without limit. The keys ``kept`` says (by default
    the failures against the named credentials: a handful) are never evicted: a flood of
    new clients pushed the staff key's failure count out, and with it the limit on guesses
    from many addresses together.
    """

    def __init__(
        self,
        *,
        max_keys: int = 10_000,
        kept: Callable[[str], bool] = is_named_credential_key,
    ) -> None:
        self._max_keys = max_keys
        self._is_kept = kept
        self._hits: OrderedDict[str, tuple[int, int]] = OrderedDict()
        # Networks' failed staff keys, in a table of their own: requests from many clients
        # (a /48 holds 65,536 of them) evicted the marks of the networks that had guessed,
        # and with them the hour those networks are kept out while the key is attacked.
        self._networks: OrderedDict[str, tuple[int, int]] = OrderedDict()
        self._kept: dict[str, tuple[int, int]] = {}

    def _table(self, key: str) -> dict[str, tuple[int, int]]:
        if self._is_kept(key):
            return self._kept
        return self._networks if key.startswith(NETWORK_STANDING_PREFIX) else self._hits

    def _current(self, key: str, window: int, now: float) -> tuple[int, int]:
        start = int(now // window) * window
        hits, seen_start = self._table(key).get(key, (0, start))
        return (hits if seen_start == start else 0), start

    async def add(self, key: str, *, window: int, now: float) -> int:
        hits, start = self._current(key, window, now)
        table = self._table(key)
        table[key] = (hits + 1, start)
        if isinstance(table, OrderedDict):
            table.move_to_end(key)
            while len(table) > self._max_keys:
                table.popitem(last=False)
        return hits + 1

    async def get(self, key: str, *, window: int, now: float) -> int:
        return self._current(key, window, now)[0]

    async def reset(self, key: str) -> None:
        self._table(key).pop(key, None)

    async def purge(self, *, now: float) -> int:
        return 0  # bounded by max_keys; stale windows read as zero

    def __len__(self) -> int:
        return len(self._hits) + len(self._networks) + len(self._kept)


@dataclass(frozen=True)
class Limit:
    """At most ``count`` per ``window`` seconds."""

    count: int
    window: int = 60


NETWORK_STANDING = Limit(2, window=3600)
"""Fewer failed staff keys than this from a network in the hour: it is in good standing."""
SLOW_LANE = Limit(1, window=600)
"""Key checks a client in a network out of standing gets while the staff key is at its
limit: one every ten minutes ..."""
SLOW_LANE_NETWORK = Limit(12, window=3600)
"""... and at most this many an hour from its whole network (an attacker's addresses
there share them: each address alone would let a /48's 65,536 clients in)."""


def slow_lane_key(client: str) -> str:
    return f"slow:client:{client}"


class Limits:
    """Every limit of the token server over one set of counters (memory or the database).

    * requests: ``hit("token", client)`` counts a request and answers whether it is over.
    * credentials: one throttle for every credential check (login form, X-Staff-Key, staff
      bearer, staff cookie, summary and room tokens). Only failures count, under the client
      and under the credential attacked, so neither one address nor many addresses together
      can keep guessing; ``blocked`` is asked before the credential is even looked at, and
      ``deciding`` is held from it to the last ``failed``: guesses sent at once each asked
      ``blocked`` before any had failed, and all were checked (49 wrong keys at once to the
      login form from one address, with their bodies a moment behind their heads; every one
      with ``LIMITS_STORE=database``, whose counts are read and added by the database).
    """

    def __init__(
        self,
        counters: LimitCounters,
        *,
        requests: dict[str, Limit],
        failures_per_client: Limit,
        failures_per_credential: Limit,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.counters = counters
        self._requests = requests
        self._per_client = failures_per_client
        self._per_credential = failures_per_credential
        self._clock = clock
        self.deciding = asyncio.Lock()
        """Held by a credential check from ``blocked`` to its last ``failed`` (none of them
        waits on a client in between): one decision at a time in this process. Processes
        sharing the database's counts may each decide one at once."""

    def _retry_after(self, limit: Limit, now: float) -> float:
        return max(limit.window - (now % limit.window), 1.0)

    async def hit(self, name: str, client: str) -> float | None:
        """Count one request; None when allowed, else seconds to wait."""
        limit = self._requests[name]
        now = self._clock()
        hits = await self.counters.add(f"req:{name}:{client}", window=limit.window, now=now)
        return self._retry_after(limit, now) if hits > limit.count else None

    async def blocked(self, client: str, *credentials: str, standing: bool = False) -> float | None:
        """Seconds to wait before this client may try one of these credentials, or None.

        With ``standing``, a client whose network (``client_network``) has failed fewer than
        ``NETWORK_STANDING.count`` times this hour is held only to its own limit, not to the
        credentials': when ten addresses kept the staff key's count at its limit, every
        member of staff who had not logged in from that browser before, and every script
        sending X-Staff-Key, got 429 for as long as the attack lasted. A right key costs
        nothing to check; a wrong one marks its network for the hour. So an attacker gets
        the credential's budget (100 a minute by default) plus ``NETWORK_STANDING.count``
        guesses an hour from each network not used this hour (one typo still lets staff
        in), where waiving the credential's limit for everyone gave each address its own
        10 a minute. A client in a network out of standing still has one check every ten
        minutes (``SLOW_LANE``), twelve an hour from its whole network: staff next to an
        attacker get in unless the attacker holds more addresses there than the network's
        share allows; an attacker gets at most 2 + 12 guesses an hour per network.
        """
        now = self._clock()
        client_limit = await self._over(f"fail:client:{client}", self._per_client, now)
        waits = [] if client_limit is None else [client_limit]
        credential_waits = [
            wait
            for c in credentials
            if (wait := await self._over(credential_key(c), self._per_credential, now)) is not None
        ]
        if credential_waits and standing:
            network = client_network(client)
            if await self._over(
                network_standing_key(network), NETWORK_STANDING, now
            ) is None or await self._slow_lane(client, network, now):
                credential_waits = []
        waits += credential_waits
        return max(waits) if waits else None

    async def _slow_lane(self, client: str, network: str, now: float) -> bool:
        """Whether this client, in a network that has failed this hour, may have one key
        checked anyway (``SLOW_LANE``), and count it: staff next to an attacker (the same
        /24 or /48) were kept out for as long as the attack lasted unless their browser had
        logged in before. Taken when granted, not when it fails, so concurrent requests
        cannot all pass before the first is counted."""
        if await self.counters.add(slow_lane_key(client), window=SLOW_LANE.window, now=now) > (
            SLOW_LANE.count
        ):
            return False
        hits = await self.counters.add(
            network_standing_key(f"slow:{network}"), window=SLOW_LANE_NETWORK.window, now=now
        )
        return hits <= SLOW_LANE_NETWORK.count

    async def _over(self, key: str, limit: Limit, now: float) -> float | None:
        hits = await self.counters.get(key, window=limit.window, now=now)
        return self._retry_after(limit, now) if hits >= limit.count else None

    async def failed(self, client: str, *credentials: str, standing: bool = False) -> None:
        """Count one failure of this client against these credentials (and, with
        ``standing``, against the client's network: see ``blocked``)."""
        now = self._clock()
        await self.counters.add(f"fail:client:{client}", window=self._per_client.window, now=now)
        for credential in credentials:
            await self.counters.add(
                credential_key(credential), window=self._per_credential.window, now=now
            )
        if standing:
            await self.counters.add(
                network_standing_key(client_network(client)),
                window=NETWORK_STANDING.window,
                now=now,
            )
