"""A LiveKit room as a call's handlers listen to it, driven by a test."""

from __future__ import annotations

from dataclasses import dataclass

from livekit import rtc

_KEY_CODES = {"*": 10, "#": 11}


@dataclass(frozen=True)
class _Sender:
    identity: str


class FakeRoom(rtc.EventEmitter[str]):
    """Emits what a room emits (``room.emit("data_received", packet)``), and a phone
    caller's keypad presses as LiveKit sends them for the SIP participant
    (``sip_dtmf_received``, from ``caller`` unless another ``identity`` is given)."""

    def __init__(self, *, caller: str = "sip_caller") -> None:
        super().__init__()
        self.caller = caller

    def press(self, keys: str, *, identity: str | None = None) -> None:
        sender = _Sender(identity or self.caller)
        for key in keys:
            code = _KEY_CODES.get(key, int(key) if key.isdigit() else 0)
            dtmf = rtc.SipDTMF(code=code, digit=key, participant=sender)  # type: ignore[arg-type]
            self.emit("sip_dtmf_received", dtmf)
