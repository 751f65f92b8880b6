"""Setting up LiveKit telephony for the receptionist through livekit-api's SIP service: an
inbound trunk for the clinic's numbers and a dispatch rule that puts each call in its own room
with this agent. Idempotent: what exists under the same names is kept or brought up to date.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import aiohttp
from livekit import api
from livekit.api.sip_service import SipService
from livekit.protocol.agent_dispatch import RoomAgentDispatch
from livekit.protocol.room import RoomConfiguration
from livekit.protocol.sip import (
    CreateSIPDispatchRuleRequest,
    CreateSIPInboundTrunkRequest,
    ListSIPDispatchRuleRequest,
    ListSIPInboundTrunkRequest,
    SIPDispatchRule,
    SIPDispatchRuleIndividual,
    SIPDispatchRuleInfo,
    SIPInboundTrunkInfo,
)

logger = logging.getLogger(__name__)

Action = Literal["created", "updated", "unchanged"]
T = TypeVar("T")


class SipSetupError(RuntimeError):
    """LiveKit refused a request; the message says which one and why."""


@dataclass(frozen=True)
class InboundRoute:
    """What ``voice-agent sip setup`` asks LiveKit for."""

    numbers: tuple[str, ...]
    """The clinic's phone numbers (E.164) the trunk answers."""
    agent_name: str
    """The agent dispatched into each call's room (AGENT_NAME)."""
    trunk_name: str = "voice-receptionist inbound"
    rule_name: str = "voice-receptionist calls"
    room_prefix: str = "call-"
    """Each call gets its own room, named with this prefix."""
    allowed_addresses: tuple[str, ...] = ()
    """Only accept calls from these IP addresses or CIDR ranges (empty: any)."""


@dataclass(frozen=True)
class RouteResult:
    trunk_id: str
    trunk: Action
    rule_id: str
    rule: Action


async def ensure_inbound_route(sip: SipService, route: InboundRoute) -> RouteResult:
    """Create, update or keep the inbound trunk and the dispatch rule of ``route``.

    Raises SipSetupError when LiveKit refuses a request (e.g. another trunk already
    answers one of the numbers)."""
    trunk_id, trunk_action = await _ensure_trunk(sip, route)
    rule_id, rule_action = await _ensure_rule(sip, route, trunk_id)
    logger.info(
        "SIP route ready",
        extra={
            "trunk_id": trunk_id,
            "trunk": trunk_action,
            "rule_id": rule_id,
            "rule": rule_action,
        },
    )
    return RouteResult(trunk_id, trunk_action, rule_id, rule_action)


async def _ensure_trunk(sip: SipService, route: InboundRoute) -> tuple[str, Action]:
    listed = await _call(
        "list the inbound trunks", sip.list_inbound_trunk(ListSIPInboundTrunkRequest())
    )
    existing = [t for t in listed.items if t.name == route.trunk_name]
    if not existing:
        trunk = SIPInboundTrunkInfo(
            name=route.trunk_name,
            numbers=list(route.numbers),
            allowed_addresses=list(route.allowed_addresses),
        )
        created = await _call(
            "create the inbound trunk",
            sip.create_inbound_trunk(CreateSIPInboundTrunkRequest(trunk=trunk)),
        )
        return created.sip_trunk_id, "created"
    trunk = existing[0]
    if _same(trunk.numbers, route.numbers) and _same(
        trunk.allowed_addresses, route.allowed_addresses
    ):
        return trunk.sip_trunk_id, "unchanged"
    # a replacement (the rest of the trunk copied as it is) can also clear the addresses,
    # which a field update through livekit-api cannot express
    replacement = SIPInboundTrunkInfo()
    replacement.CopyFrom(trunk)
    replacement.numbers[:] = list(route.numbers)
    replacement.allowed_addresses[:] = list(route.allowed_addresses)
    await _call(
        "update the inbound trunk", sip.update_inbound_trunk(trunk.sip_trunk_id, replacement)
    )
    return trunk.sip_trunk_id, "updated"


def _wanted_rule(route: InboundRoute, trunk_id: str) -> SIPDispatchRuleInfo:
    return SIPDispatchRuleInfo(
        name=route.rule_name,
        trunk_ids=[trunk_id],
        rule=SIPDispatchRule(
            dispatch_rule_individual=SIPDispatchRuleIndividual(room_prefix=route.room_prefix)
        ),
        room_config=RoomConfiguration(agents=[RoomAgentDispatch(agent_name=route.agent_name)]),
    )


def _rule_matches(rule: SIPDispatchRuleInfo, wanted: SIPDispatchRuleInfo) -> bool:
    return (
        list(rule.trunk_ids) == list(wanted.trunk_ids)
        and rule.rule == wanted.rule
        and [a.agent_name for a in rule.room_config.agents]
        == [a.agent_name for a in wanted.room_config.agents]
    )


async def _ensure_rule(sip: SipService, route: InboundRoute, trunk_id: str) -> tuple[str, Action]:
    wanted = _wanted_rule(route, trunk_id)
    listed = await _call(
        "list the dispatch rules", sip.list_dispatch_rule(ListSIPDispatchRuleRequest())
    )
    existing = [r for r in listed.items if r.name == route.rule_name]
    if not existing:
        created = await _call(
            "create the dispatch rule",
            sip.create_dispatch_rule(
                CreateSIPDispatchRuleRequest(
                    name=wanted.name,
                    trunk_ids=list(wanted.trunk_ids),
                    rule=wanted.rule,
                    room_config=wanted.room_config,
                )
            ),
        )
        return created.sip_dispatch_rule_id, "created"
    rule = existing[0]
    if _rule_matches(rule, wanted):
        return rule.sip_dispatch_rule_id, "unchanged"
    replacement = SIPDispatchRuleInfo()
    replacement.CopyFrom(rule)
    replacement.trunk_ids[:] = list(wanted.trunk_ids)
    replacement.rule.CopyFrom(wanted.rule)
    replacement.room_config.CopyFrom(wanted.room_config)
    await _call(
        "update the dispatch rule",
        sip.update_dispatch_rule(rule.sip_dispatch_rule_id, replacement),
    )
    return rule.sip_dispatch_rule_id, "updated"


def _same(current: Sequence[str], wanted: Sequence[str]) -> bool:
    return sorted(current) == sorted(wanted)


async def _call(what: str, request: Awaitable[T]) -> T:
    try:
        return await request
    except api.ServerError as exc:
        raise SipSetupError(f"LiveKit refused to {what}: {exc.message} ({exc.code})") from None
    except (TimeoutError, aiohttp.ClientError) as exc:
        raise SipSetupError(
            f"could not reach LiveKit to {what}: {type(exc).__name__}; check LIVEKIT_URL"
        ) from None
