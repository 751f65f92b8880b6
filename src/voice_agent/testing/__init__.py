"""Helpers shared by the test suite and the benchmarks (never used in production): ``fakes``
(the ports and engines), ``calls`` (a text-mode call over a scripted model), ``openai_server``
(a local OpenAI-compatible server), ``postgres`` (a throw-away PostgreSQL) and ``ci`` (a test
that cannot run fails under CI=true)."""
