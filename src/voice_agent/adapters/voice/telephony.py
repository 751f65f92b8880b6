"""Phone callers through LiveKit SIP: who is calling, keypad presses, transfer to a person.

A caller on the phone is a room participant of kind SIP whose attributes carry the calling
number (``sip.phoneNumber``); keypad presses arrive as the room's ``sip_dtmf_received`` events.

* :func:`phone_caller` and :func:`phone_call_info` turn the participant into the one
  ``Call context:`` line the agent's instructions end with (``CallInfo``); a withheld number
  gives ``phone_line=yes`` only. The number is not looked up before the caller asks for it:
  caller ID is whatever the line reports, so no caller is greeted by the name on file.
* :class:`KeypadCollector` gathers key presses until ``#`` (or a pause) and hands them to the
  session as one user turn, ``"6465550177#"``. It takes a browser caller's keys the same way
  (the call page's keypad, or livekit-client's ``publishDtmf`` from a web participant), so it
  trusts nothing it is given: only ``0``-``9``, ``*`` and ``#``, at a human's pace
  (:class:`KeyRate`).
* :class:`SipTransfer` puts the caller through to the clinic's ``transfer_number`` with
  LiveKit's SIP transfer, for the ``transfer_to_staff`` tool.

:func:`prepare_phone_call` puts them together for the worker (:class:`PhoneCall`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from livekit import rtc
from livekit.agents import AgentSession
from livekit.agents.voice import SpeechHandle
from livekit.protocol.sip import (
    SIPTransferReason,
    SIPTransferStatus,
    TransferSIPParticipantRequest,
    TransferSIPParticipantResponse,
)

from voice_agent.adapters.offline.dialogue.history import CallInfo
from voice_agent.adapters.voice.agent import ReceptionistAgent
from voice_agent.adapters.voice.prompts import greeting as greeting_text
from voice_agent.adapters.voice.tools import CallState, transfer_to_staff_tool
from voice_agent.domain.clinic import ClinicProfile
from voice_agent.domain.errors import InvalidPhoneNumber
from voice_agent.domain.phone import normalize_phone
from voice_agent.services.scheduling import SchedulingService

logger = logging.getLogger(__name__)

SIP_PHONE_NUMBER = "sip.phoneNumber"
"""The participant attribute holding the caller's number (absent or not a number if withheld)."""
KEYPAD_END = "#"
KEYPAD_CLEAR = "*"
KEYPAD_TIMEOUT = 5.0
"""Seconds after the last key press when the digits typed so far are taken as they are."""
KEYPAD_MAX_DIGITS = 20
KEYPAD_KEYS = frozenset("0123456789*#")
KEY_BURST = 32
"""Key presses taken at once (a few numbers and their hash keys) before the pace counts."""
KEYS_PER_SECOND = 10.0
"""Key presses a second, sustained: faster than a thumb, as fast as a dialer's tones (about
60 ms each and 60 ms apart); a page or a line sending more has them dropped."""
ENTRY_BURST = 3
ENTRIES_PER_SECOND = 0.5
"""Turns (``...#``) a second, sustained: each one makes the agent answer."""
TRANSFER_TIMEOUT = 60.0


class Participant(Protocol):
    """What is read of a room participant (``rtc.RemoteParticipant`` has it)."""

    @property
    def identity(self) -> str: ...

    @property
    def kind(self) -> int: ...

    @property
    def attributes(self) -> Mapping[str, str]: ...


@dataclass(frozen=True)
class PhoneCaller:
    """A participant who called in over SIP."""

    identity: str
    number: str | None
    """The caller's number in E.164, or None when it was withheld (or is not a number)."""


def is_phone_participant(participant: Participant) -> bool:
    return participant.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP


def phone_caller(participant: Participant, *, region: str = "US") -> PhoneCaller | None:
    """The phone caller ``participant`` is, or None when it did not call in over SIP."""
    if not is_phone_participant(participant):
        return None
    raw = (participant.attributes or {}).get(SIP_PHONE_NUMBER) or ""
    number: str | None = None
    if raw.strip():
        try:
            number = normalize_phone(raw, region=region)
        except InvalidPhoneNumber:
            number = None  # "anonymous", "unavailable", a SIP user name...
    return PhoneCaller(identity=participant.identity, number=number)


def phone_call_info(caller: PhoneCaller) -> CallInfo:
    """The call context for ``caller``: a phone line, and the number it reports.

    The number's account is not looked up here, nor its name put in the context: a caller ID
    is spoofable (a trunk that takes any INVITE passes any From), and a clinic's desk that
    sees a name pop up for a number still asks who is calling before using it. The greeting
    asks whether the number is the caller's account (the same question for every caller
    ID); a yes, or "the number I'm calling from", has it looked up like a number said, the
    name on it said only when they give it (identify_user's name_confirmed). Before
    attack13 the greeting asked "Am I speaking with John?", telling whoever called from
    John's number (or claimed to) whose it was."""
    logger.info("phone call", extra={"caller_id_known": caller.number is not None})
    return CallInfo(phone_line=True, caller_id=caller.number)


# --- keypad ----------------------------------------------------------------------------------
class DtmfSource(Protocol):
    """Where key presses come from: an ``rtc.Room`` (its ``sip_dtmf_received`` event)."""

    def on(self, event: Any, callback: Callable[..., Any] | None = None) -> Any: ...

    def off(self, event: Any, callback: Callable[..., Any]) -> None: ...


def deliver_user_turn(session: AgentSession[CallState]) -> Callable[[str], SpeechHandle]:
    """Hands typed digits to ``session`` as one user turn; returns the agent's reply to it."""

    def deliver(text: str) -> SpeechHandle:
        # nothing to interrupt, or the session is closing (generate_reply then says so)
        with contextlib.suppress(RuntimeError):
            session.interrupt()
        return session.generate_reply(user_input=text)

    return deliver


class KeyRate:
    """A token bucket: ``burst`` events at once, then ``per_second`` on average (``refused``
    counts the events beyond it)."""

    def __init__(
        self, *, burst: int, per_second: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._burst = float(burst)
        self._rate = per_second
        self._clock = clock
        self._tokens = float(burst)
        self._at = clock()
        self.refused = 0

    def take(self) -> bool:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens < 1.0:
            self.refused += 1
            return False
        self._tokens -= 1.0
        return True


class KeypadCollector:
    """Collects one participant's key presses: digits until ``#`` or ``timeout`` seconds
    without a press, then one user turn of the digits followed by ``#`` ("6465550177#").
    ``*`` starts over. Anything but one of ``0``-``9*#`` is refused, and so are presses
    beyond the pace of :data:`KEYS_PER_SECOND` and entries beyond :data:`ENTRIES_PER_SECOND`
    (counted in ``refused``; an entry refused is dropped whole)."""

    def __init__(
        self,
        deliver: Callable[[str], object],
        *,
        participant_identity: str | None = None,
        timeout: float = KEYPAD_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._deliver = deliver
        self._identity = participant_identity
        self._timeout = timeout
        self._keys = KeyRate(burst=KEY_BURST, per_second=KEYS_PER_SECOND, clock=clock)
        self._entries = KeyRate(burst=ENTRY_BURST, per_second=ENTRIES_PER_SECOND, clock=clock)
        self._digits: list[str] = []
        self.refused = 0
        """Presses and entries refused (not a key, too fast)."""
        self.entries_refused = 0
        self._timer: asyncio.TimerHandle | None = None
        self._source: DtmfSource | None = None
        self.delivered: list[str] = []
        """Every turn handed over, in order (for the record of what was typed, and tests)."""
        self.replies: list[object] = []
        """What ``deliver`` returned for each turn (the agent's SpeechHandle)."""

    @property
    def pending(self) -> str:
        return "".join(self._digits)

    def attach(self, source: DtmfSource) -> None:
        self._source = source
        source.on("sip_dtmf_received", self._on_dtmf)

    def close(self) -> None:
        """Stop listening; digits typed without ``#`` are dropped."""
        if self._source is not None:
            self._source.off("sip_dtmf_received", self._on_dtmf)
            self._source = None
        self._cancel_timer()
        self._digits.clear()

    def _on_dtmf(self, ev: rtc.SipDTMF) -> None:
        sender = ev.participant.identity if ev.participant is not None else None
        if self._identity is not None and sender != self._identity:
            return
        self.press(ev.digit)

    def press(self, key: object) -> bool:
        """One key press: ``0``-``9``, ``*`` or ``#``. Returns whether it was taken (anything
        else, a press beyond the pace or a digit beyond :data:`KEYPAD_MAX_DIGITS` is not)."""
        if not isinstance(key, str) or key not in KEYPAD_KEYS or not self._keys.take():
            self.refused += 1
            return False
        if key == KEYPAD_END:
            self.flush()
        elif key == KEYPAD_CLEAR:
            self._digits.clear()
            self._cancel_timer()
        else:
            self._restart_timer()
            if len(self._digits) >= KEYPAD_MAX_DIGITS:
                self.refused += 1
                return False
            self._digits.append(key)
        return True

    def flush(self) -> str | None:
        """Hand over what was typed (nothing if nothing was); returns the turn's text."""
        self._cancel_timer()
        if not self._digits:
            return None
        text = "".join(self._digits) + KEYPAD_END
        self._digits.clear()
        if not self._entries.take():
            self.refused += 1
            self.entries_refused += 1
            # once a call: a caller typing "1#" at the keys' pace had 4 lines a second logged
            log = logger.warning if self.entries_refused == 1 else logger.debug
            log("keypad entry refused: too many", extra={"digits": len(text) - 1})
            return None
        self.delivered.append(text)
        logger.info("keypad entry", extra={"digits": len(text) - 1})
        try:
            self.replies.append(self._deliver(text))
        except RuntimeError as exc:
            logger.warning("keypad entry dropped", extra={"error_type": type(exc).__name__})
        return text

    def _restart_timer(self) -> None:
        self._cancel_timer()
        self._timer = asyncio.get_running_loop().call_later(self._timeout, self.flush)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


# --- transfer --------------------------------------------------------------------------------
class SipTransferApi(Protocol):
    """The part of livekit-api's ``SipService`` a transfer uses (``LiveKitAPI().sip``)."""

    async def transfer_sip_participant(
        self,
        transfer: TransferSIPParticipantRequest,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - livekit-api's signature
    ) -> TransferSIPParticipantResponse: ...


def transfer_target(number: str, *, region: str = "US") -> str:
    """The SIP transfer destination for a configured number: ``tel:+15550100200`` (a
    ``sip:`` or ``tel:`` URI is kept as it is). Raises InvalidPhoneNumber."""
    text = number.strip()
    if text.lower().startswith(("sip:", "tel:")):
        return text
    return f"tel:{normalize_phone(text, region=region)}"


class SipTransfer:
    """Transfers one SIP participant to the clinic (the ``StaffTransfer`` of a phone call).

    On success LiveKit hands the call over and the participant leaves the room, which ends
    the session. On failure the caller stays with the agent, which says ``failure_message``."""

    def __init__(
        self,
        api: SipTransferApi,
        *,
        room_name: str,
        participant_identity: str,
        transfer_to: str,
        failure_message: str,
        play_dialtone: bool = False,
    ) -> None:
        self._api = api
        self._request = TransferSIPParticipantRequest(
            room_name=room_name,
            participant_identity=participant_identity,
            transfer_to=transfer_to,
            play_dialtone=play_dialtone,
        )
        self._failure_message = failure_message
        self._task: asyncio.Task[bool] | None = None
        self.apology: SpeechHandle | None = None
        """What the agent says when the transfer failed (await it for the playout)."""

    def begin(self, session: AgentSession[CallState]) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(session), name="sip-transfer")

    async def wait(self) -> bool | None:
        """The outcome of the transfer under way (None when none was started)."""
        if self._task is None:
            return None
        return await asyncio.shield(self._task)

    async def aclose(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self, session: AgentSession[CallState]) -> bool:
        request = TransferSIPParticipantRequest()
        request.CopyFrom(self._request)
        failure: str | None = None
        try:
            response = await self._api.transfer_sip_participant(request, timeout=TRANSFER_TIMEOUT)
        except Exception as exc:  # the API's errors, timeouts, a closed connection
            failure = type(exc).__name__
        else:
            # an older server answers with an empty response (status "ongoing"): accepted
            if response.status == SIPTransferStatus.STS_TRANSFER_FAILED:
                failure = SIPTransferReason.Name(response.reason)
        if failure is None:
            logger.info("caller transferred", extra={"room_name": request.room_name})
            return True
        logger.warning("transfer failed", extra={"error_type": failure})
        session.userdata.transferring = False
        with contextlib.suppress(RuntimeError):  # the caller already hung up
            self.apology = session.say(self._failure_message, allow_interruptions=True)
        return False


def transfer_failed_message(profile: ClinicProfile) -> str:
    reach = (
        f"You can reach the front desk at {profile.phone} during opening hours."
        if profile.phone
        else "The front desk answers this number during opening hours."
    )
    return f"I'm sorry, I couldn't put you through just now. {reach} Can I help with anything else?"


# --- one phone call ----------------------------------------------------------------------------
@dataclass
class PhoneCall:
    """What the worker needs to run a call from a SIP participant."""

    caller: PhoneCaller
    info: CallInfo
    transfer: SipTransfer | None = None
    """None when no transfer number is configured: ``transfer_to_staff`` is not offered."""

    def agent(self, scheduling: SchedulingService, *, clinic_name: str) -> ReceptionistAgent:
        """The receptionist with the call context line (and the transfer tool, if any)."""
        tools = [transfer_to_staff_tool(self.transfer)] if self.transfer is not None else []
        return ReceptionistAgent(
            scheduling, clinic_name=clinic_name, call_context=self.info.render(), extra_tools=tools
        )

    def greeting(self, *, clinic_name: str) -> str:
        """The greeting, naming no one: with a caller ID, whether it is the caller's account
        (the same words whether it is on file or not; see :func:`phone_call_info`)."""
        return greeting_text(clinic_name=clinic_name, caller_id=self.info.caller_id is not None)

    def keypad(self, session: AgentSession[CallState]) -> KeypadCollector:
        """A collector handing this caller's key presses to ``session`` (attach it to the room)."""
        deliver = deliver_user_turn(session)
        return KeypadCollector(deliver, participant_identity=self.caller.identity)

    async def aclose(self) -> None:
        if self.transfer is not None:
            await self.transfer.aclose()


def prepare_phone_call(
    caller: PhoneCaller,
    *,
    profile: ClinicProfile,
    room_name: str,
    api: SipTransferApi | None,
    region: str = "US",
) -> PhoneCall:
    """The call's context and, when ``profile.transfer_number`` is set, its transfer.

    Raises InvalidPhoneNumber when the transfer number is not one (the worker checks it at
    start-up, see :func:`transfer_target`)."""
    info = phone_call_info(caller)
    transfer: SipTransfer | None = None
    if profile.transfer_number and api is not None:
        transfer = SipTransfer(
            api,
            room_name=room_name,
            participant_identity=caller.identity,
            transfer_to=transfer_target(profile.transfer_number, region=region),
            failure_message=transfer_failed_message(profile),
        )
    return PhoneCall(caller=caller, info=info, transfer=transfer)
