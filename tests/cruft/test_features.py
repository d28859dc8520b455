"""The line model's feature table."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.cruft.classifier import judge, line_table
from cleaner.cruft.features import CLASSES, FEATURES, OWN, own_columns
from cleaner.cruft.measure import measure

LINES = [
    "Home News Sport",
    "Advertisement",
    "The storm reached the coast on Monday and it was the strongest in a decade, officials said.",
    "Home News Sport",
    "Prices: 12 EUR",
]


def column(table: np.ndarray, name: str) -> np.ndarray:
    return table[:, FEATURES.index(name)]


def test_shape_and_names_are_unique() -> None:
    table = line_table(judge(LINES, "en"))
    assert table.shape == (len(LINES), len(FEATURES))
    assert len(set(FEATURES)) == len(FEATURES)
    assert np.isfinite(table).all()


def test_values_of_a_small_page() -> None:
    table = line_table(judge(LINES, "en"))
    assert column(table, "log_repeats").tolist() == [math.log(2), 0.0, 0.0, math.log(2), 0.0]
    assert column(table, "relative_position").tolist() == [0.0, 0.2, 0.4, 0.6, 0.8]
    assert column(table, "prose").tolist() == [0.0, 0.0, 1.0, 0.0, 0.0]
    assert column(table, "ends_colon").tolist() == [0, 0, 0, 0, 0]
    assert column(table, "class=ad").tolist() == [0, 1, 0, 0, 0]
    assert column(table, "class_before=ad").tolist() == [0, 0, 1, 0, 0]
    assert column(table, "class_after=ad").tolist() == [1, 0, 0, 0, 0]
    # the prose line is two lines after the first one, one before the last repeat
    assert column(table, "log_distance_prose_after")[0] == math.log1p(2)
    # one-hot groups: exactly one class and one decision per line
    for group in ("class", "decision"):
        names = [f"{group}={c}" for c in CLASSES]
        assert table[:, [FEATURES.index(n) for n in names]].sum(axis=1).tolist() == [1.0] * len(LINES)


def test_text_shapes_any_script() -> None:
    texts = ["ÄÖ 12", "straße", "東京", "", "→ ok", "İstanbul"]
    own = own_columns(
        measure(texts, "en"), np.zeros(len(texts)), np.zeros(len(texts), bool), np.zeros(len(texts), bool)
    )
    shapes = {name: own[:, OWN.index(name)] for name in OWN}
    assert shapes["digit_share"].tolist()[:4] == [0.4, 0.0, 0.0, 0.0]
    # caseless scripts and empty lines have no capitals; a dotted capital I still counts as one
    assert shapes["upper_share"].tolist()[:4] == [1.0, 0.0, 0.0, 0.0]
    assert shapes["upper_share"][5] == 1 / 8
    assert shapes["capitalised_share"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    assert shapes["punct_share"][4] == 0.25
    assert shapes["starts_bullet"].tolist() == [0, 0, 0, 0, 1, 0]


def test_empty_page() -> None:
    assert line_table(judge([], "en")).shape == (0, len(FEATURES))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.text(max_size=120), max_size=30))
def test_any_lines_give_a_finite_table(lines: list[str]) -> None:
    table = line_table(judge(lines, "en"))
    assert table.shape == (len(lines), len(FEATURES))
    assert np.isfinite(table).all()
