"""Quality floors for the sentence splitter on the pySBD golden rules in ../shared.

Each floor sits just under the score measured with ``python -m bench sentences`` (see
docs/sentences-language.md), so a change that loses a case fails here.
"""

from __future__ import annotations

import json

import pytest

from cleaner import split_sentences
from tests.conftest import shared_path

# file (relative to ../shared/data/sentences) -> (language, floor in % of exact cases)
FLOORS = {
    "golden_rules_en.json": ("en", 98.0),
    **{
        f"golden_rules_{lang}.json": (lang, 99.9)
        for lang in [
            "am",
            "bg",
            "da",
            "de",
            "el",
            "es",
            "fa",
            "fr",
            "hi",
            "hy",
            "it",
            "ja",
            "kk",
            "mr",
            "my",
            "nl",
            "pl",
            "ru",
            "sk",
            "ur",
            "zh",
        ]
    },
    "golden_rules_ar.json": ("ar", 79.9),
    "more/armenian__HY_MORE_TEST_CASES.json": ("hy", 99.9),
    "more/deutsch__DE_CLEAN_RULES_TEST_CASES.json": ("de", 92.5),
    "more/english_clean__TESTS_WO_CLEAN.json": ("en", 99.9),
    "more/english_clean__TESTS_WITH_CLEAN.json": ("en", 67.5),
    "more/italian__IT_MORE_TEST_CASES.json": ("it", 96.5),
    "more/russian__RU_MORE_TEST_CASES.json": ("ru", 99.9),
    "more/spanish__ES_MORE_TEST_CASES.json": ("es", 95.5),
}


def accuracy(path: str, language: str) -> float:
    cases = json.loads(shared_path("data", "sentences", *path.split("/")).read_text(encoding="utf-8"))
    ok = 0
    for case in cases:
        want = [s.strip() for s in case["sentences"] if s.strip()]
        got = [s.strip() for s in split_sentences(case["text"], language)]
        ok += got == want
    return 100.0 * ok / len(cases)


@pytest.mark.shared
@pytest.mark.parametrize(("path", "language", "floor"), [(p, lang, f) for p, (lang, f) in FLOORS.items()])
def test_golden_rules_floor(path: str, language: str, floor: float) -> None:
    assert accuracy(path, language) >= floor


@pytest.mark.shared
def test_sentences_are_exact_substrings_on_every_case() -> None:
    folder = shared_path("data", "sentences")
    for path in sorted(folder.rglob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            text, last = case["text"], 0
            for sentence in split_sentences(text):
                found = text.find(sentence, last)
                assert found >= 0, (path.name, sentence)
                last = found + len(sentence)
