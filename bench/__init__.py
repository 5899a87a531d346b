"""Benchmarks: `python -m bench` prints a table of figures. No test asserts a timing."""
