"""Benchmarks: speed ratios against the bare dependencies, and quality figures."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def publish(name: str, text: str) -> None:
    """Print a benchmark's markdown table and keep it as ``bench/results/NAME.md``."""
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
