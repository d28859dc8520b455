"""The line model: an ensemble of oblivious decision trees over :mod:`cleaner.cruft.features`.

It answers one question for each line of a plain-text scrape: how likely is
this line part of the article?  The rules have already named what they can
(an ad slot, a byline, a share bar); the model decides the rest — above all
whether a short line belongs to the article (a list item, a subheading, a
recipe's ingredients) or to the furniture around it (a menu, a footer, a list
of teasers).

Oblivious trees use one test per depth level, so a tree of depth *d* is a
*d*-bit index into its 2**d leaves and the whole ensemble evaluates as a few
array operations per page.  The trees are trained by ``python -m bench.train_cruft``
(CatBoost); the file ``line_model.json`` beside this module holds them as plain
numbers, together with the feature names, the decision thresholds and how the
model was trained and measured.  Evaluation needs only numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.cruft.features import FEATURES, PageInputs, core_table, page_table
from cleaner.cruft.measure import core

MODEL_FILE = Path(__file__).with_name("line_model.json")


class ModelMismatch(RuntimeError):
    """The model file was trained on other features than the code computes."""


@dataclass(frozen=True)
class LineModel:
    """Oblivious trees: ``split_feature``/``split_border`` ``(T, D)``, ``leaves`` ``(T, 2**D)``.

    A row goes to leaf ``sum(2**d for d if row[split_feature[t, d]] > split_border[t, d])``
    of tree ``t``; the logit is ``scale * sum(leaf values) + bias``.

    >>> m = LineModel.from_dict({"features": ["a", "b"], "threshold": 0.5, "scale": 1.0, "bias": 0.0,
    ...     "trees": [{"splits": [[0, 0.5]], "leaves": [-2.0, 2.0]}, {"splits": [[1, 1.0]], "leaves": [0.0, 1.0]}]})
    >>> [round(p, 3) for p in m.probabilities(np.array([[0.0, 0.0], [1.0, 5.0]])).tolist()]
    [0.119, 0.953]
    """

    features: tuple[str, ...]
    threshold: float  # a line the rules removed only for its position is kept from this probability up
    drop_below: float  # a line the rules kept is removed only below this probability
    scale: float
    bias: float
    split_feature: np.ndarray
    split_border: np.ndarray
    leaves: np.ndarray
    info: dict[str, Any]
    # Derived in __post_init__: the distinct (feature, border) tests of the ensemble, and for each tree
    # level the test it asks, so that a page is tested once per distinct split (1,430 for 300 × 6 levels).
    # The tests are sorted by feature, so each feature the trees read is gathered once and repeated for its borders.
    _used_feature: np.ndarray = field(init=False, repr=False, compare=False)
    _tests_per_feature: np.ndarray = field(init=False, repr=False, compare=False)
    _test_border: np.ndarray = field(init=False, repr=False, compare=False)
    _test_of: np.ndarray = field(init=False, repr=False, compare=False)
    _leaf_offset: np.ndarray = field(init=False, repr=False, compare=False)
    _core_trees: tuple[np.ndarray, np.ndarray, np.ndarray, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = list(zip(self.split_feature.ravel().tolist(), self.split_border.ravel().tolist(), strict=True))
        tests = {key: i for i, key in enumerate(sorted(set(keys)))}
        n_trees, depth = self.split_feature.shape
        used, counts = np.unique(np.array([f for f, _ in tests], dtype=np.intp), return_counts=True)
        derived = {
            "_used_feature": used,
            "_tests_per_feature": counts,
            "_test_border": np.array([b for _, b in tests], dtype=float)[:, None],
            "_test_of": np.array([tests[key] for key in keys], dtype=np.intp).reshape(n_trees, depth),
            "_leaf_offset": (np.arange(n_trees, dtype=np.intp) * self.leaves.shape[1])[:, None],
            # the trees as the compiled core reads them: flat, contiguous, with their depth
            "_core_trees": (
                np.ascontiguousarray(self.split_feature, dtype=np.int64).ravel(),
                np.ascontiguousarray(self.split_border, dtype=np.float64).ravel(),
                np.ascontiguousarray(self.leaves, dtype=np.float64).ravel(),
                depth,
            ),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)  # the dataclass is frozen

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        trees = data["trees"]
        depth = max((len(t["splits"]) for t in trees), default=0)
        n = len(trees)
        feature = np.zeros((n, depth), dtype=np.int64)
        border = np.full((n, depth), np.inf)  # a padded level always goes left (bit 0)
        leaves = np.zeros((n, 2**depth))
        for i, tree in enumerate(trees):
            for d, (f, b) in enumerate(tree["splits"]):
                feature[i, d], border[i, d] = f, b
            values = tree["leaves"]
            leaves[i, : len(values)] = values
        return cls(
            features=tuple(data["features"]),
            threshold=float(data["threshold"]),
            drop_below=float(data.get("drop_below", data["threshold"])),
            scale=float(data.get("scale", 1.0)),
            bias=float(data.get("bias", 0.0)),
            split_feature=feature,
            split_border=border,
            leaves=leaves,
            info=dict(data.get("info", {})),
        )

    def logits(self, table: np.ndarray) -> np.ndarray:
        """The ensemble's raw score for each row of ``table`` (rows × features)."""
        n_trees, depth = self.split_feature.shape
        if len(table) == 0 or n_trees == 0:
            return np.full(len(table), self.bias)
        columns = table.T[self._used_feature]  # one contiguous row per feature the trees read
        # Each distinct test once, as 0/1 bytes; a tree's leaf index is its levels' bits, built in bytes.
        passed = (np.repeat(columns, self._tests_per_feature, axis=0) > self._test_border).view(np.uint8)
        index = np.zeros((n_trees, len(table)), dtype=np.uint8 if depth <= 8 else np.intp)
        for d in range(depth):
            index |= passed[self._test_of[:, d]].astype(index.dtype, copy=False) << d
        leaf_values = self.leaves.ravel()[index + self._leaf_offset]
        return self.scale * leaf_values.sum(axis=0) + self.bias

    def probabilities(self, table: np.ndarray) -> np.ndarray:
        """P(article line) for each row of ``table``."""
        return 1.0 / (1.0 + np.exp(-self.logits(table)))

    def page_probabilities(self, inputs: PageInputs, rows: np.ndarray) -> np.ndarray:
        """P(article line) for the lines of a page where ``rows`` is true (the others are 0.5).

        ``inputs`` is what :func:`~cleaner.cruft.features.page_table` reads.  The compiled core
        builds each row and runs it through the trees at once, without a table; the same figures
        as :meth:`probabilities` of the table.
        """
        logits = np.zeros(len(rows))
        if not rows.any():
            pass
        elif self.features != FEATURES or not core_table():
            logits[rows] = self.logits(page_table(inputs)[rows])
        else:
            feature, border, leaves, depth = self._core_trees
            mask = np.ascontiguousarray(rows, dtype=np.uint8)
            core.page_logits(*inputs.core_arguments(), feature, border, leaves, depth, self.scale, self.bias, mask,
                              logits)  # fmt: skip
        return 1.0 / (1.0 + np.exp(-logits))


@cache
def load(path: Path = MODEL_FILE) -> LineModel | None:
    """The packaged line model, or None when the file is absent (the rules then decide alone).

    Raises :class:`ModelMismatch` when the file names other features than :data:`FEATURES`.
    """
    if not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    model = LineModel.from_dict(data)
    if model.features != FEATURES:
        missing = sorted(set(FEATURES) - set(model.features))
        extra = sorted(set(model.features) - set(FEATURES))
        raise ModelMismatch(
            f"{path.name} was trained on other features (missing {missing[:5]}, unknown {extra[:5]}, or another "
            "order): retrain it with `python -m bench.train_cruft`"
        )
    return model
