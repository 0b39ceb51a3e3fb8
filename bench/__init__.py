"""Benchmarks and reliability figures (`make bench`); not part of the test run."""
