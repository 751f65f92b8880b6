"""Helpers shared by the test suite and the benchmark scripts (not used in production)."""
