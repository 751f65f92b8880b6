"""Benchmarks, each run as ``python -m bench.<name>`` from the repository root (see README.md).

Every benchmark prints a table and writes JSON to bench/results/<name>.json; ``--quick`` is the
small configuration the smoke tests in tests/bench use.
"""
