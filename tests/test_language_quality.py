"""Quality floors for language detection on the labelled data in ../shared/data/langid.

Floors sit just under the accuracy measured with ``python -m bench language`` (see
docs/sentences-language.md); the sampled detection must also stay within half a point of
langdetect on the full text.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from cleaner import detect_language
from tests.conftest import shared_path

FLOORS = {"short": 95.5, "medium": 98.4, "udhr_article": 99.8}


def rows(name: str) -> list[tuple[str, str]]:
    path = shared_path("data", "langid", f"{name}.jsonl")
    with path.open(encoding="utf-8") as fh:
        return [(row["text"], row["lang"]) for row in map(json.loads, fh)]


def accuracy(data: list[tuple[str, str]], budget: int | None = 300) -> float:
    # langdetect's Norwegian profile is "no"; the data labels Bokmål "nb"
    ok = sum(
        {"no": "nb"}.get(code, code) == lang
        for code, lang in ((detect_language(t, budget)[0], lang) for t, lang in data)
    )
    return 100.0 * ok / len(data)


@pytest.mark.shared
@pytest.mark.parametrize(("name", "floor"), FLOORS.items())
def test_accuracy_floor(name: str, floor: float) -> None:
    assert accuracy(rows(name)) >= floor


@pytest.mark.shared
def test_sampling_a_long_article_loses_at_most_half_a_point() -> None:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for text, lang in rows("udhr_article"):
        by_lang[lang].append(text)
    articles = [("\n\n".join(texts), lang) for lang, texts in sorted(by_lang.items())]
    assert accuracy(articles) >= accuracy(articles, budget=None) - 0.5
