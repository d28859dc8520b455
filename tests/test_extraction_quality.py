"""Quality floors on the extraction dev set (../shared/data/extraction-dev), text path and HTML path.

Floors sit just under the figures measured with ``python -m bench extraction``
(see docs/cruft.md); a change that makes cleaning worse fails here.  The text path's line
model is trained on these pages, so its floor is in-sample: it guards the code and the
packaged model together (the honest, cross-validated figure comes from
``python -m bench.train_cruft``).  The rules alone have their own floor, so that a model
cannot hide a regression in them.
"""

from __future__ import annotations

import pytest

from bench.extraction import Score, cleaner_text, load_pages, rules_only_pipeline, scrapes, trafilatura_text
from tests.conftest import shared_path

# Measured 2026-12-02 (after the support class, teaser questions, affiliate and follow evidence, and the model
# retrained with the support class): text path P 0.9883 R 0.9770 F1 0.9826 (rules alone: P 0.8365 R 0.8909
# F1 0.8628; the packaged line model cross-validated when trained: P 0.8990 R 0.9088 F1 0.9038); HTML path
# P 0.9308 R 0.9434 F1 0.9371 (bare trafilatura in the same run: P 0.8972 R 0.9468 F1 0.9214).
TEXT_F1_FLOOR = 0.978
TEXT_PRECISION_FLOOR = 0.985
TEXT_RECALL_FLOOR = 0.972
RULES_F1_FLOOR = 0.861
RULES_PRECISION_FLOOR = 0.834
RULES_RECALL_FLOOR = 0.885
HTML_F1_FLOOR = 0.935
HTML_RECALL_FLOOR = 0.940


@pytest.fixture(scope="module")
def pages() -> list:
    shared_path("data", "extraction-dev", "expectations.json")
    shared_path("tools", "textdump.py")
    return load_pages()


@pytest.mark.shared
@pytest.mark.slow
def test_text_path_floor(pages: list) -> None:
    score = Score()
    for (url, _, exp), scrape in zip(pages, scrapes(pages), strict=True):
        score.add(cleaner_text(scrape, url, "text")[0], exp)
    assert score.f1 >= TEXT_F1_FLOOR, (score.precision, score.recall, score.f1)
    assert score.precision >= TEXT_PRECISION_FLOOR
    assert score.recall >= TEXT_RECALL_FLOOR


@pytest.mark.shared
@pytest.mark.slow
def test_text_path_rules_alone_floor(pages: list) -> None:
    rules = rules_only_pipeline()
    score = Score()
    for (url, _, exp), scrape in zip(pages, scrapes(pages), strict=True):
        score.add(cleaner_text(scrape, url, "text", rules)[0], exp)
    assert score.f1 >= RULES_F1_FLOOR, (score.precision, score.recall, score.f1)
    assert score.precision >= RULES_PRECISION_FLOOR
    assert score.recall >= RULES_RECALL_FLOOR


@pytest.mark.shared
@pytest.mark.slow
def test_html_path_beats_bare_trafilatura(pages: list) -> None:
    ours, bare = Score(), Score()
    for url, raw, exp in pages:
        ours.add(cleaner_text(raw, url, "html")[0], exp)
        bare.add(trafilatura_text(raw, url), exp)
    assert ours.f1 >= HTML_F1_FLOOR, (ours.precision, ours.recall, ours.f1)
    assert ours.recall >= HTML_RECALL_FLOOR
    assert ours.f1 >= bare.f1 + 0.01, (ours.f1, bare.f1)
    assert ours.recall >= bare.recall - 0.005, (ours.recall, bare.recall)
