"""The five seed scrapes (../shared/seeds/): every cruft line removed with its class, every body line kept.

The expectations below were written by reading each seed line by line: for
each seed, the 1-based numbers of the lines that are not article body and
the class each must be removed with.  Every other line must survive intact.
"""

from __future__ import annotations

import re

import pytest

from cleaner import clean
from tests.conftest import shared_path

SEEDS = {
    "000_8a95150cd3a16d36.txt": {
        # related-article headlines wedged between paragraphs
        3: "related",
        9: "related",
        29: "related",
    },
    "001_68207eccf74b6ec5.txt": {1: "byline"},
    "002_8e3364fb914d39a0.txt": {
        # the embedded post: two echoes of quotes already in the article, its picture link, its signature
        10: "embed",
        11: "embed",
        12: "embed",
        13: "embed",
        16: "teaser",
        40: "teaser",
    },
    "003_f6732dae44d3a418.txt": {},
    "004_889e3c1ddce36bf2.txt": {
        1: "navigation",
        2: "ad",
        3: "ad",
        5: "title",
        7: "caption",
        8: "caption",
        9: "caption",
        10: "byline",
        11: "dateline",
        12: "share",
        13: "share",
        14: "video",
        18: "ad",
        46: "byline",
        48: "navigation",
        49: "share",
        51: "teaser",
        53: "teaser",
        55: "teaser",
        57: "teaser",
    },
}

AUTHORS = {"001_68207eccf74b6ec5.txt": ["Matthew Lee"], "004_889e3c1ddce36bf2.txt": ["Rory Elliott Armstrong"]}
TITLE = "El Salvador offers to accept deportees and US nationals in outsourcing of US prison system"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_lines(name: str) -> None:
    raw = shared_path("seeds", name).read_bytes()
    article = clean(raw, format="text")
    kept = {_norm(p) for p in article.text.split("\n\n")}
    removed = {}
    for r in article.removed:
        removed.setdefault(_norm(r["text"]), set()).add(r["reason"])
    expected = SEEDS[name]
    for number, line in enumerate(raw.decode("utf-8").split("\n"), 1):
        line = _norm(line)
        if not line:
            continue
        if number in expected:
            assert line not in kept, f"{name}:{number} should be removed: {line!r}"
            assert f"cruft:{expected[number]}" in removed.get(line, set()), (
                f"{name}:{number} should be removed as {expected[number]}, got {removed.get(line)}: {line!r}"
            )
        else:
            assert line in kept, f"{name}:{number} is article body and must be kept: {line!r}"


@pytest.mark.shared
def test_seed_metadata_lifted() -> None:
    for name, authors in AUTHORS.items():
        article = clean(shared_path("seeds", name).read_bytes(), format="text")
        assert article.authors == authors
        assert not any(a in article.text for a in authors)
    article = clean(shared_path("seeds", "004_889e3c1ddce36bf2.txt").read_bytes(), format="text")
    assert article.title == TITLE
    assert TITLE not in article.text


@pytest.mark.shared
def test_seeds_glued_together_lose_the_glued_credit() -> None:
    # Files have no trailing newline: 000 followed by 001 glues 001's credit onto 000's last paragraph.
    text = shared_path("seeds", "000_8a95150cd3a16d36.txt").read_text("utf-8")
    text += shared_path("seeds", "001_68207eccf74b6ec5.txt").read_text("utf-8").split("\n")[0]
    article = clean(text, format="text")
    assert article.text.endswith("“And China will be dealt with.”")
    assert article.authors == ["Matthew Lee"]
    assert {"text": "The Associated Press’s Matthew Lee", "reason": "cruft:byline"} in article.removed
