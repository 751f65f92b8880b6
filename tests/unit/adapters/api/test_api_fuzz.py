"""Property-based fuzzing of every operation in the OpenAPI schema (schemathesis): valid and
invalid inputs, anonymous and as staff. No input may cause a 5xx, and every response must
match what the schema documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import schemathesis
from api_support import STAFF_KEY, make_settings
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from voice_agent.entrypoints.serve import build_app

DOMAIN_PARSED = (
    "/staff/api/appointments",
    "/staff/api/slots",
    "/staff/api/calls",
    "/staff/api/actions",
    "/staff/api/caller",
)
EXAMPLES = 25  # per operation, mode and caller: about 10 s in all


def _fuzzer(
    operation: schemathesis.APIOperation, mode: schemathesis.GenerationMode, headers: dict[str, str]
) -> Callable[[], None]:
    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: schemathesis.Case) -> None:
        response = case.call(headers=headers)
        assert response.status_code < 500, response.text
        # With a valid key injected, a "negative" case may become valid (and unknown query
        # parameters are ignored by design), so acceptance is only judged for anonymous calls.
        excluded = [negative_data_rejection] if headers else []
        if operation.path == "/call/offer":
            # An SDP offer is a language the schema cannot describe: a schema-valid string
            # that is not a browser's audio offer is refused with 400; and an offer longer
            # than the body limit is refused with 413 before it is validated.
            excluded = [negative_data_rejection, positive_data_acceptance]
        elif operation.path.startswith(DOMAIN_PARSED):
            # Free text the domain reads (dates, times, phone numbers, codes): the rules
            # refuse what they refuse for the agent, with 404/409/422 and the error's kind.
            excluded = [*excluded, positive_data_acceptance]
        case.validate_response(response, excluded_checks=excluded)

    return fuzz  # type: ignore[no-any-return]


def test_no_input_causes_a_server_error(sqlite_url: str, tmp_path: Path) -> None:
    # schemathesis runs the app's lifespan, which bootstraps SQLite (as `voice-agent serve`).
    app = build_app(
        make_settings(
            sqlite_url,
            tmp_path,
            token_rate_limit_per_minute=100_000,
            token_rate_limit_per_hour=100_000,
            credential_failures_per_client=100_000,
            credential_failures_per_credential=100_000,
        )
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    callers = {"anonymous": {}, "staff": {"X-Staff-Key": STAFF_KEY}}
    failures: list[str] = []
    try:
        for operation in operations:
            for mode in schemathesis.GenerationMode:
                for who, headers in callers.items():
                    fuzz = _fuzzer(operation, mode, headers)
                    try:
                        fuzz()
                    except Unsatisfiable:
                        continue  # nothing can be invalid about an operation with no inputs
                    except Exception as exc:
                        failures.append(f"{operation.label} [{mode.value}, {who}]: {exc}")
    finally:
        asgi.shutdown_lifespans()
    if failures:
        pytest.fail("\n\n".join(failures))
