"""A local stand-in for LiveKit's server API (Twirp over HTTP, protobuf bodies) with the SIP
service (inbound trunks, dispatch rules and call transfers) and the room list of the room
service, kept in memory.

It checks every request the way LiveKit does before acting on it: the path names a known
``livekit.SIP`` or ``livekit.RoomService`` method, the body is ``application/protobuf`` that
parses as that method's request, and the bearer token is signed with the project's key and
secret and carries the grants the method needs (``sip.admin`` to manage trunks and rules;
``sip.call`` and ``roomAdmin`` on the room to transfer; ``roomList`` to list rooms). A
request that fails a check gets the Twirp error LiveKit would send, and is recorded as
rejected. It runs in a thread, so synchronous code (the CLI under test) and asyncio code
can both talk to it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from google.protobuf.message import DecodeError, Message
from livekit import api
from livekit.protocol import models, room, sip

API_KEY = "APIfake"
API_SECRET = "fake-secret-that-is-long-enough-for-hs256"


@dataclass
class Received:
    """One request as the server saw it."""

    method: str
    request: Message | None
    error: str | None = None
    """The Twirp error code it was answered with (None: accepted)."""


class TwirpError(Exception):
    def __init__(self, code: str, msg: str, status: int) -> None:
        super().__init__(msg)
        self.code, self.msg, self.status = code, msg, status


@dataclass
class FakeLiveKit:
    """The SIP service's state and handlers (see the module docstring)."""

    trunks: dict[str, sip.SIPInboundTrunkInfo] = field(default_factory=dict)
    rules: dict[str, sip.SIPDispatchRuleInfo] = field(default_factory=dict)
    transfers: list[sip.TransferSIPParticipantRequest] = field(default_factory=list)
    rooms: dict[str, int] = field(default_factory=dict)
    """Open rooms: name -> number of participants."""
    received: list[Received] = field(default_factory=list)
    transfer_status: int = sip.SIPTransferStatus.STS_TRANSFER_SUCCESSFUL
    """What a transfer answers (STS_TRANSFER_FAILED to simulate a failed one)."""
    url: str = ""
    _ids: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def accepted(self, method: str | None = None) -> list[Message]:
        return [
            r.request
            for r in self.received
            if r.error is None and r.request is not None and method in (None, r.method)
        ]

    # --- dispatch ---------------------------------------------------------------------------
    def handle(self, path: str, headers: Any, body: bytes) -> tuple[int, str, bytes]:
        service, _, method = path.removeprefix("/twirp/livekit.").partition("/")
        request: Message | None = None
        with self._lock:
            try:
                if not path.startswith("/twirp/livekit.") or method not in _METHODS:
                    raise TwirpError("bad_route", f"no handler for {path}", 404)
                request_type, response_for, grant = _METHODS[method]
                if service != _SERVICES.get(method, "SIP"):
                    raise TwirpError("bad_route", f"no handler for {path}", 404)
                if headers.get("Content-Type") != "application/protobuf":
                    raise TwirpError("malformed", "expected application/protobuf", 400)
                try:
                    request = request_type.FromString(body)
                except DecodeError:
                    raise TwirpError("malformed", "the body is not a valid request", 400) from None
                self._authorize(headers.get("Authorization", ""), grant, request)
                response = response_for(self, request)
            except TwirpError as exc:
                self.received.append(Received(method, request, error=exc.code))
                payload = json.dumps({"code": exc.code, "msg": exc.msg}).encode()
                return exc.status, "application/json", payload
            self.received.append(Received(method, request))
            return 200, "application/protobuf", response.SerializeToString()

    def _authorize(self, header: str, grant: str, request: Message) -> None:
        if not header.startswith("Bearer "):
            raise TwirpError("unauthenticated", "no authorization token", 401)
        try:
            claims = api.TokenVerifier(API_KEY, API_SECRET).verify(header[len("Bearer ") :])
        except Exception:
            raise TwirpError("unauthenticated", "invalid token", 401) from None
        sip_grants = claims.sip or api.SIPGrants()
        if grant == "room_list" and not (claims.video and claims.video.room_list):
            raise TwirpError("permission_denied", "needs the roomList grant", 403)
        if grant == "admin" and not sip_grants.admin:
            raise TwirpError("permission_denied", "needs the sip.admin grant", 403)
        if grant == "call":
            video = claims.video or api.VideoGrants()
            room = getattr(request, "room_name", "")
            if not sip_grants.call or not video.room_admin or video.room != room:
                raise TwirpError("permission_denied", "needs sip.call and roomAdmin", 403)

    def _next_id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}_{self._ids:04d}"

    # --- trunks -----------------------------------------------------------------------------
    def create_trunk(self, req: sip.CreateSIPInboundTrunkRequest) -> sip.SIPInboundTrunkInfo:
        trunk = sip.SIPInboundTrunkInfo()
        trunk.CopyFrom(req.trunk)
        if trunk.sip_trunk_id:
            raise TwirpError("invalid_argument", "trunk id must not be set", 400)
        if not trunk.numbers:
            raise TwirpError("invalid_argument", "an inbound trunk needs numbers", 400)
        self._check_numbers(trunk.numbers, exclude="")
        trunk.sip_trunk_id = self._next_id("ST")
        self.trunks[trunk.sip_trunk_id] = trunk
        return trunk

    def update_trunk(self, req: sip.UpdateSIPInboundTrunkRequest) -> sip.SIPInboundTrunkInfo:
        trunk = self.trunks.get(req.sip_trunk_id)
        if trunk is None:
            raise TwirpError("not_found", "no such trunk", 404)
        if req.WhichOneof("action") == "replace":
            replacement = sip.SIPInboundTrunkInfo()
            replacement.CopyFrom(req.replace)
            replacement.sip_trunk_id = trunk.sip_trunk_id
            if not replacement.numbers:
                raise TwirpError("invalid_argument", "an inbound trunk needs numbers", 400)
            self._check_numbers(replacement.numbers, exclude=trunk.sip_trunk_id)
            self.trunks[trunk.sip_trunk_id] = replacement
            return replacement
        update = req.update
        if update.numbers.set:
            self._check_numbers(update.numbers.set, exclude=trunk.sip_trunk_id)
            trunk.numbers[:] = list(update.numbers.set)
        if update.HasField("allowed_addresses"):
            addresses = update.allowed_addresses
            trunk.allowed_addresses[:] = [] if addresses.clear else list(addresses.set)
        return trunk

    def list_trunks(self, req: sip.ListSIPInboundTrunkRequest) -> sip.ListSIPInboundTrunkResponse:
        return sip.ListSIPInboundTrunkResponse(items=list(self.trunks.values()))

    def _check_numbers(self, numbers: Any, *, exclude: str) -> None:
        for other in self.trunks.values():
            if other.sip_trunk_id != exclude and set(other.numbers) & set(numbers):
                raise TwirpError(
                    "already_exists", "conflicting inbound SIP trunk for the number", 409
                )

    # --- dispatch rules ---------------------------------------------------------------------
    def create_rule(self, req: sip.CreateSIPDispatchRuleRequest) -> sip.SIPDispatchRuleInfo:
        if not req.HasField("rule"):
            raise TwirpError("invalid_argument", "a dispatch rule needs a rule", 400)
        for trunk_id in req.trunk_ids:
            if trunk_id not in self.trunks:
                raise TwirpError("invalid_argument", f"unknown trunk {trunk_id}", 400)
        rule = sip.SIPDispatchRuleInfo(
            sip_dispatch_rule_id=self._next_id("SDR"),
            rule=req.rule,
            trunk_ids=list(req.trunk_ids),
            name=req.name,
            room_config=req.room_config,
        )
        self.rules[rule.sip_dispatch_rule_id] = rule
        return rule

    def update_rule(self, req: sip.UpdateSIPDispatchRuleRequest) -> sip.SIPDispatchRuleInfo:
        if req.sip_dispatch_rule_id not in self.rules:
            raise TwirpError("not_found", "no such dispatch rule", 404)
        if req.WhichOneof("action") != "replace":
            raise TwirpError("invalid_argument", "only replacing is supported here", 400)
        rule = sip.SIPDispatchRuleInfo()
        rule.CopyFrom(req.replace)
        rule.sip_dispatch_rule_id = req.sip_dispatch_rule_id
        self.rules[rule.sip_dispatch_rule_id] = rule
        return rule

    def list_rules(self, req: sip.ListSIPDispatchRuleRequest) -> sip.ListSIPDispatchRuleResponse:
        return sip.ListSIPDispatchRuleResponse(items=list(self.rules.values()))

    # --- calls ------------------------------------------------------------------------------
    def transfer(
        self, req: sip.TransferSIPParticipantRequest
    ) -> sip.TransferSIPParticipantResponse:
        if not req.room_name or not req.participant_identity:
            raise TwirpError("invalid_argument", "room and participant are required", 400)
        if not req.transfer_to.startswith(("tel:", "sip:")):
            raise TwirpError("invalid_argument", "transfer_to must be a tel: or sip: URI", 400)
        self.transfers.append(req)
        failed = self.transfer_status == sip.SIPTransferStatus.STS_TRANSFER_FAILED
        return sip.TransferSIPParticipantResponse(
            transfer_id=f"TR_{len(self.transfers)}",
            status=self.transfer_status,  # type: ignore[arg-type]
            reason=sip.SIPTransferReason.STR_REJECTED
            if failed
            else sip.SIPTransferReason.STR_COMPLETED,
        )

    # --- rooms ------------------------------------------------------------------------------
    def list_rooms(self, req: room.ListRoomsRequest) -> room.ListRoomsResponse:
        names = set(req.names) if req.names else None
        return room.ListRoomsResponse(
            rooms=[
                models.Room(name=name, num_participants=count)
                for name, count in self.rooms.items()
                if names is None or name in names
            ]
        )


_Handler = Callable[[FakeLiveKit, Any], Message]
_METHODS: dict[str, tuple[type[Message], _Handler, str]] = {
    "CreateSIPInboundTrunk": (sip.CreateSIPInboundTrunkRequest, FakeLiveKit.create_trunk, "admin"),
    "UpdateSIPInboundTrunk": (sip.UpdateSIPInboundTrunkRequest, FakeLiveKit.update_trunk, "admin"),
    "ListSIPInboundTrunk": (sip.ListSIPInboundTrunkRequest, FakeLiveKit.list_trunks, "admin"),
    "CreateSIPDispatchRule": (sip.CreateSIPDispatchRuleRequest, FakeLiveKit.create_rule, "admin"),
    "UpdateSIPDispatchRule": (sip.UpdateSIPDispatchRuleRequest, FakeLiveKit.update_rule, "admin"),
    "ListSIPDispatchRule": (sip.ListSIPDispatchRuleRequest, FakeLiveKit.list_rules, "admin"),
    "TransferSIPParticipant": (sip.TransferSIPParticipantRequest, FakeLiveKit.transfer, "call"),
    "ListRooms": (room.ListRoomsRequest, FakeLiveKit.list_rooms, "room_list"),
}
_SERVICES = {"ListRooms": "RoomService"}
"""Methods of another service than SIP's."""


@contextmanager
def fake_livekit() -> Iterator[FakeLiveKit]:
    """A FakeLiveKit listening on 127.0.0.1 (``.url``) for the duration of the block."""
    state = FakeLiveKit()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            status, content_type, payload = state.handle(self.path, self.headers, body)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fake-livekit", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
