"""The feeds run bounds the pipeline time per page or item, like ``cleaner run``."""

from __future__ import annotations

import time

import pytest

from cleaner.document import Article, Rejected
from cleaner.feeds.config import parse_config
from cleaner.runner import run_limited


def test_slow_pipeline_call_becomes_timeout_rejection() -> None:
    def slow() -> Article:
        time.sleep(5)
        raise AssertionError("not reached")

    start = time.perf_counter()
    with pytest.raises(Rejected) as info:
        run_limited(0.2, slow)
    assert info.value.reason == "timeout"
    assert time.perf_counter() - start < 2


def test_fast_call_passes_through() -> None:
    sentinel = object()
    assert run_limited(5, lambda: sentinel) is sentinel  # type: ignore[arg-type,return-value]


def test_config_option() -> None:
    config = parse_config({"feeds": [{"url": "https://example.org/rss"}], "doc_time_limit": 2.5})
    assert config.doc_time_limit == 2.5
    assert parse_config({"feeds": [{"url": "https://example.org/rss"}]}).doc_time_limit == 30.0
