"""Benchmarks: speed ratios against the bare dependencies, and quality figures."""
