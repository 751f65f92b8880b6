"""`voice-agent sip setup`: route the clinic's phone numbers to the receptionist.

Creates (or brings up to date) a LiveKit inbound SIP trunk for the numbers and a dispatch
rule that puts each call in its own room with this agent (AGENT_NAME). Running it again
changes nothing that is already right. The phone numbers themselves are bought from, and
pointed at LiveKit by, your SIP provider (see docs/telephony.md).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

from voice_agent.config import Settings, get_settings
from voice_agent.domain.errors import InvalidPhoneNumber
from voice_agent.domain.phone import normalize_phone
from voice_agent.entrypoints.cli_errors import cli_message, listed
from voice_agent.entrypoints.usage import PlainTyper

if TYPE_CHECKING:
    from voice_agent.adapters.voice.sip_admin import InboundRoute, RouteResult

EXIT_REFUSED = 1
EXIT_INPUT = 2
EXIT_CONFIG = 4

sip_app = PlainTyper(
    help="LiveKit telephony: phone calls to the receptionist.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _fail(message: str, code: int) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _livekit(settings: Settings) -> tuple[str, str, str]:
    values = {
        env: settings.secret(name)
        for name, env in (
            ("livekit_url", "LIVEKIT_URL"),
            ("livekit_api_key", "LIVEKIT_API_KEY"),
            ("livekit_api_secret", "LIVEKIT_API_SECRET"),
        )
    }
    missing = [env for env, value in values.items() if not value]
    if missing:
        _fail(
            f"{listed(missing)} {'is' if len(missing) == 1 else 'are'} not set (or still the "
            ".env.example placeholder): "
            "sip setup talks to your LiveKit project's API",
            EXIT_CONFIG,
        )
    url, key, secret = values.values()
    assert url and key and secret
    return url, key, secret


async def setup(route: InboundRoute, *, url: str, api_key: str, api_secret: str) -> RouteResult:
    """Apply ``route`` to the LiveKit project at ``url``."""
    from livekit import api

    from voice_agent.adapters.voice.sip_admin import ensure_inbound_route

    async with api.LiveKitAPI(url=url, api_key=api_key, api_secret=api_secret) as lk:
        return await ensure_inbound_route(lk.sip, route)


OPEN_TRUNK_WARNING = (
    "warning: the trunk takes calls from any address: whoever reaches the project's SIP URI "
    "can call with any caller ID, and a caller who says yes to \"Is the number you're calling "
    "from the one on your account?\" has that number looked up. Give your provider's "
    "addresses with --allowed-address (e.g. --allowed-address 203.0.113.0/24)."
)
"""attack11: an INVITE sent straight to LiveKit's SIP endpoint, its From header claiming a
patient's number, was greeted "Am I speaking with John?", and a yes made the caller John
(since attack13 no caller ID is greeted by name; "the number I'm calling from" still looks
it up)."""


@sip_app.command("setup")
def setup_command(
    number: Annotated[
        list[str],
        typer.Option(
            "--number",
            "-n",
            help="A phone number of the clinic that LiveKit answers (repeat for several).",
            metavar="NUMBER",
        ),
    ],
    allowed_address: Annotated[
        list[str] | None,
        typer.Option(
            help="Accept calls only from this IP address or CIDR range (repeatable).",
            metavar="ADDRESS",
        ),
    ] = None,
    trunk_name: Annotated[str, typer.Option(help="Name of the inbound trunk.", metavar="NAME")] = (
        "voice-receptionist inbound"
    ),
    rule_name: Annotated[str, typer.Option(help="Name of the dispatch rule.", metavar="NAME")] = (
        "voice-receptionist calls"
    ),
    room_prefix: Annotated[
        str, typer.Option(help="Each call's room name starts with this.", metavar="PREFIX")
    ] = ("call-"),
) -> None:
    """Route the clinic's phone numbers to the receptionist.

    Creates (or updates) the LiveKit inbound trunk and the dispatch rule for phone calls."""
    from voice_agent.adapters.voice.sip_admin import InboundRoute, SipSetupError

    try:
        settings = get_settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()
        )
        _fail(f"invalid configuration: {problems}", EXIT_CONFIG)
        return
    numbers: list[str] = []
    for raw in number:
        try:
            numbers.append(normalize_phone(raw, region=settings.phone_region))
        except InvalidPhoneNumber as exc:
            if exc.detail.get("reason") == "letters":  # "1-800-FLOWERS": its keypad digits
                _fail(cli_message(exc, raw), EXIT_INPUT)
            _fail(
                f"{raw!r} is not a phone number (use the E.164 form, e.g. +15550100200)",
                EXIT_INPUT,
            )
    if not room_prefix.strip():
        _fail("--room-prefix must not be empty", EXIT_INPUT)
    url, key, secret = _livekit(settings)
    route = InboundRoute(
        numbers=tuple(dict.fromkeys(numbers)),
        agent_name=settings.agent_name,
        trunk_name=trunk_name,
        rule_name=rule_name,
        room_prefix=room_prefix,
        allowed_addresses=tuple(allowed_address or ()),
    )
    try:
        result = asyncio.run(setup(route, url=url, api_key=key, api_secret=secret))
    except SipSetupError as exc:
        _fail(str(exc), EXIT_REFUSED)
        return
    typer.echo(f"inbound trunk {trunk_name!r} ({result.trunk_id}): {result.trunk}")
    typer.echo(f"  answers {', '.join(route.numbers)}")
    typer.echo(f"dispatch rule {rule_name!r} ({result.rule_id}): {result.rule}")
    typer.echo(f"  each call gets a room {room_prefix}... with agent {settings.agent_name!r}")
    if not route.allowed_addresses:
        typer.secho(OPEN_TRUNK_WARNING, fg=typer.colors.YELLOW, err=True)
    typer.echo("Run `voice-agent agent start` (or dev) so the agent takes the calls.")
