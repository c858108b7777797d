"""Helpers shared by the test modules and the benchmarks (importable as ``support.*``)."""
