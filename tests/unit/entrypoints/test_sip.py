"""`voice-agent sip setup` against a local fake of LiveKit's API that checks each request:
the trunk and the dispatch rule are created once, kept when right, brought up to date when
not, and LiveKit's refusals come back as clean errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from livekit.protocol import sip
from typer.testing import CliRunner

from voice_agent.entrypoints.cli import app
from voice_agent.testing.fake_livekit import API_KEY, API_SECRET, FakeLiveKit, fake_livekit

runner = CliRunner()


@pytest.fixture
def livekit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLiveKit]:
    monkeypatch.chdir(tmp_path)  # no .env
    with fake_livekit() as server:
        monkeypatch.setenv("LIVEKIT_URL", server.url)
        monkeypatch.setenv("LIVEKIT_API_KEY", API_KEY)
        monkeypatch.setenv("LIVEKIT_API_SECRET", API_SECRET)
        monkeypatch.setenv("AGENT_NAME", "front-desk")
        yield server


def setup(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["sip", "setup", *args])
    return result.exit_code, result.output


def methods(livekit: FakeLiveKit) -> list[str]:
    return [r.method for r in livekit.received]


def test_first_run_creates_the_trunk_and_the_rule(livekit: FakeLiveKit) -> None:
    code, output = setup("--number", "+1 (555) 010-0200", "--number", "5550100201")
    assert code == 0, output
    assert methods(livekit) == [
        "ListSIPInboundTrunk",
        "CreateSIPInboundTrunk",
        "ListSIPDispatchRule",
        "CreateSIPDispatchRule",
    ]
    assert all(r.error is None for r in livekit.received)  # signed, with the admin grant

    [create_trunk] = livekit.accepted("CreateSIPInboundTrunk")
    assert isinstance(create_trunk, sip.CreateSIPInboundTrunkRequest)
    assert create_trunk.trunk.name == "voice-receptionist inbound"
    assert list(create_trunk.trunk.numbers) == ["+15550100200", "+15550100201"]
    [trunk_id] = livekit.trunks

    [create_rule] = livekit.accepted("CreateSIPDispatchRule")
    assert isinstance(create_rule, sip.CreateSIPDispatchRuleRequest)
    assert create_rule.name == "voice-receptionist calls"
    assert list(create_rule.trunk_ids) == [trunk_id]
    assert create_rule.rule.WhichOneof("rule") == "dispatch_rule_individual"
    assert create_rule.rule.dispatch_rule_individual.room_prefix == "call-"
    assert [a.agent_name for a in create_rule.room_config.agents] == ["front-desk"]

    assert f"({trunk_id}): created" in output and "+15550100200, +15550100201" in output
    assert "dispatch rule 'voice-receptionist calls' (SDR_" in output
    assert "agent 'front-desk'" in output


def test_running_it_again_changes_nothing(livekit: FakeLiveKit) -> None:
    assert setup("--number", "+15550100200")[0] == 0
    trunks, rules = dict(livekit.trunks), dict(livekit.rules)
    livekit.received.clear()

    code, output = setup("--number", "+15550100200")
    assert code == 0, output
    assert methods(livekit) == ["ListSIPInboundTrunk", "ListSIPDispatchRule"]
    assert livekit.trunks == trunks and livekit.rules == rules
    assert output.count(": unchanged") == 2


def test_changed_numbers_and_agent_are_brought_up_to_date(
    livekit: FakeLiveKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert setup("--number", "+15550100200", "--allowed-address", "203.0.113.0/24")[0] == 0
    [trunk_id] = livekit.trunks
    [rule_id] = livekit.rules
    livekit.received.clear()

    monkeypatch.setenv("AGENT_NAME", "front-desk-v2")
    code, output = setup("--number", "+15550100299")
    assert code == 0, output
    assert methods(livekit) == [
        "ListSIPInboundTrunk",
        "UpdateSIPInboundTrunk",
        "ListSIPDispatchRule",
        "UpdateSIPDispatchRule",
    ]
    trunk = livekit.trunks[trunk_id]
    assert list(trunk.numbers) == ["+15550100299"]
    assert list(trunk.allowed_addresses) == []  # cleared: not asked for any more
    assert trunk.name == "voice-receptionist inbound"
    rule = livekit.rules[rule_id]
    assert [a.agent_name for a in rule.room_config.agents] == ["front-desk-v2"]
    assert list(rule.trunk_ids) == [trunk_id] and rule.name == "voice-receptionist calls"
    assert output.count(": updated") == 2


def test_a_number_another_trunk_answers_is_refused_cleanly(livekit: FakeLiveKit) -> None:
    assert setup("--number", "+15550100200", "--trunk-name", "someone else's")[0] == 0
    livekit.received.clear()
    code, output = setup("--number", "+15550100200")
    assert code == 1
    assert "LiveKit refused to create the inbound trunk" in output
    assert "conflicting inbound SIP trunk" in output and "Traceback" not in output
    assert [r.error for r in livekit.received] == [None, "already_exists"]


def test_a_wrong_secret_is_refused_by_livekit(
    livekit: FakeLiveKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVEKIT_API_SECRET", "not-the-secret-of-this-fake-project")
    code, output = setup("--number", "+15550100200")
    assert code == 1 and "LiveKit refused to list the inbound trunks" in output
    assert "unauthenticated" in output
    assert livekit.trunks == {}


def test_settings_and_input_are_checked_before_calling_livekit(
    livekit: FakeLiveKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = setup("--number", "front desk")
    assert code == 2 and "'front desk' is not a phone number" in output
    code, output = setup("--number", "+1-800-FLOWERS")
    assert code == 2 and "(on a phone keypad it reads +1-800-3569377)" in output, output
    assert livekit.trunks == {}

    monkeypatch.setenv("LIVEKIT_API_KEY", "your_api_key")
    monkeypatch.delenv("LIVEKIT_URL")
    code, output = setup("--number", "+15550100200")
    assert code == 4
    assert (
        "LIVEKIT_URL and LIVEKIT_API_KEY are not set (or still the .env.example placeholder)"
        in (output)
    )
    assert livekit.received == []


def test_unreachable_livekit_is_a_clean_error(
    livekit: FakeLiveKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVEKIT_URL", "http://127.0.0.1:9")  # nothing listens there
    code, output = setup("--number", "+15550100200")
    assert code == 1 and "could not reach LiveKit" in output and "LIVEKIT_URL" in output


def test_a_trunk_open_to_every_address_is_said_to_be(livekit: FakeLiveKit) -> None:
    """attack11: without --allowed-address the trunk takes an INVITE from any address on the
    internet, with whatever caller ID its From header claims: anyone who reaches the project's
    SIP URI heard "Am I speaking with John?" for any number they claimed, and a yes made them
    John. The command said nothing of it."""
    code, output = setup("--number", "+15550100200")
    assert code == 0, output
    assert "any address" in output and "--allowed-address" in output
    assert "caller ID" in output

    code, output = setup("--number", "+15550100200", "--allowed-address", "203.0.113.0/24")
    assert code == 0, output
    assert "any address" not in output
