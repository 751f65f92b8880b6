"""Faults: does a call survive its database, a provider, or its process going away?

(db)       Database killed and restarted mid-call. A text-mode call on PostgreSQL
           (``voice_agent.testing.postgres.PostgresServer``; a fake LLM that calls the real
           tools and relays a failed tool's message, as the prompt asks a real model to). The
           server is killed between turns; the caller asks for free slots (the tool must fail
           fast with the "briefly unavailable" ToolError and the agent apologise), says one
           more thing, the server is restarted, the caller asks again and says goodbye
           (``end_conversation``). PASS: apology while down, slots again after the restart,
           and the conversations row holds every turn (including those during the outage)
           with an end_reason.
(db_end)   The database is down when the call ends: the final save cannot reach it. PASS:
           the record is spooled to disk and, after the restart, written by ``bootstrap``
           (spool replay) with the full transcript and end_reason.
(llm, stt, tts)  A cloud-style fake raises ``APIConnectionError`` (retryable, like a dropped
           connection) on its N-th request, behind ``build_providers``' FallbackAdapter with a
           second fake as the "offline" engine. Voice calls through the real Silero VAD.
           PASS: the turn is still answered (first agent audio within 15 s) and so are the
           others; reported: the latency of that turn, the median of the others, the extra
           time (recovery), and whether the backup engine served.
(sigterm)  ``voice-agent call --audio <wav>`` (offline engines, a SQLite file) in a child
           process; SIGTERM once the agent has answered the first caller turn. PASS: the
           process exits and the conversations row has the transcript so far and an
           end_reason.

One module per fault (``database_outage``, ``database_down_at_end``, ``provider_failure``,
``sigterm``); ``support`` holds what they share, ``run`` the arguments, report and ``main``.

    python -m bench.faults                  # all faults
    python -m bench.faults --quick          # the same, shorter calls
    python -m bench.faults --only db,sigterm
"""

from bench.faults.run import main

__all__ = ["main"]
