"""Per-line feature table for the line model (:mod:`cleaner.cruft.model`).

The rules in :mod:`cleaner.cruft.classifier` judge each line on its own shape and
give it a class and a region; what they cannot weigh well is *context*: a short
line between two paragraphs of an article (a list item, a subheading) against
the same line inside a menu.  The line model weighs it.  Its input is one row
per line, made of:

* the line's own shape (length, stop words, sentence end, capitals, digits,
  punctuation, how it starts and ends, how often it repeats on the page);
* its place on the page (relative position, the rules' body region, how much
  prose lies before and after it, the run of non-prose lines it sits in);
* its neighbourhood: the means of 15 of those columns (``_WINDOWED``: prose-ness,
  length, stop density, sentence ends, region weight, capitals, digits, …, and whether
  the rules gave the line a class) over the 1, 2, 3, 5, 10 and 25 lines before and after it;
* the class the rules gave it, the decision they took, and the classes of the
  lines just before and after.

Every column is named in :data:`FEATURES`; the model file records the names it
was trained on, so a change here that the model has not seen is caught at load.

:func:`page_table` builds the table with numpy and is the definition; the
compiled core builds the same rows in C (``_core.page_table``, and
``_core.page_logits``, which feeds each row to the trees without keeping the
table) and is held to it to the bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from cleaner.cruft.measure import COL, core, use_core

# The classes the rules know, in a fixed order (one-hot columns); "-" is "none".
CLASSES = (
    "navigation", "share", "ad", "caption", "video", "byline", "dateline", "title", "related", "teaser", "embed",
    "consent", "newsletter", "comments", "footer", "duplicate", "support", "-",
)  # fmt: skip
NONE = CLASSES.index("-")
WINDOWS = (1, 2, 3, 5, 10, 25)

OWN = (
    "log_chars", "log_words", "stop_density", "sentence_end", "prose", "capitalised_share", "digit_share",
    "commas_per_word", "has_url", "headline_shape", "log_repeats", "first_lower", "ends_colon", "starts_digit",
    "starts_bullet", "upper_share", "mean_word_length", "inner_sentences", "punct_share", "has_separator",
    "has_copyright",
)  # fmt: skip
PLACE = (
    "relative_position", "in_region", "before_region", "log_distance_region", "prose_before_share",
    "prose_after_share", "log_distance_prose_before", "log_distance_prose_after", "region_weight", "log_run_length",
    "run_position", "prose_before_log_chars", "prose_after_log_chars",
    "same_first_word_before", "same_first_word_after", "log_prose_within_50", "log_prose_within_100",
)  # fmt: skip
_WINDOWED = (
    "prose", "log_chars", "stop_density", "sentence_end", "region_weight", "capitalised_share", "digit_share",
    "first_lower", "log_repeats", "upper_share", "punct_share", "ends_colon", "headline_shape", "mean_word_length",
    "furniture",
)  # fmt: skip
NEIGHBOURS = tuple(f"{name}_{side}{k}" for name in _WINDOWED for k in WINDOWS for side in ("before", "after"))
ONE_HOT = tuple(f"{group}={cls}" for group in ("class", "decision", "class_before", "class_after") for cls in CLASSES)
FEATURES: tuple[str, ...] = OWN + PLACE + NEIGHBOURS + ONE_HOT


def own_columns(rows: np.ndarray, stops: np.ndarray, good: np.ndarray, url: np.ndarray) -> np.ndarray:
    """The :data:`OWN` columns of each distinct line from its :mod:`~cleaner.cruft.measure` row.

    ``stops`` is each line's stop-word density, ``good`` whether it reads as prose, ``url`` whether
    :func:`~cleaner.cruft.signals.has_url` holds.  ``log_repeats`` is the page's, filled in by
    :func:`page_table`.

    >>> from cleaner.cruft.measure import measure
    >>> own = own_columns(measure(["AB 12", "ok, Go!"], "en"), np.zeros(2), np.zeros(2, bool), np.zeros(2, bool))
    >>> [own[:, OWN.index(name)].tolist() for name in ("digit_share", "upper_share", "capitalised_share")]
    [[0.4, 0.0], [1.0, 0.25], [1.0, 0.5]]
    """
    column = {name: rows[i] for name, i in COL.items()}
    n_chars = column["chars"].astype(float)
    n_words = column["words"]
    words = np.maximum(n_words, 1).astype(float)
    chars = np.maximum(column["chars"], 1)
    sentence = column["sentence"].astype(bool)
    last_clause = column["last_clause"] > 0
    headline = (n_words >= 3) & (n_words <= 20) & (column["first_upper"] > 0) & ~(sentence | last_clause)
    own = np.zeros((rows.shape[1], len(OWN)))
    values = {
        "log_chars": np.log1p(n_chars),
        "log_words": np.log1p(n_words.astype(float)),
        "stop_density": stops,
        "sentence_end": sentence,
        "prose": good,
        "capitalised_share": column["capital_starts"] / np.maximum(column["alpha_starts"], 1),
        "digit_share": column["digits"] / chars,
        "commas_per_word": column["commas"] / words,
        "has_url": url,
        "headline_shape": headline,
        "first_lower": column["first_lower"],
        "ends_colon": column["ends_colon"],
        "starts_digit": column["first_digit"],
        "starts_bullet": column["first_bullet"],
        "upper_share": column["upper"] / np.maximum(column["letters"], 1),
        "mean_word_length": n_chars / words,
        "inner_sentences": np.log1p(column["inner_ends"].astype(float)),
        "punct_share": column["punct"] / chars,
        "has_separator": column["separator"],
        "has_copyright": column["copyright"],
    }
    for name, value in values.items():
        own[:, OWN.index(name)] = value
    return own


def _runs(prose: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Length of the run of non-prose lines each line sits in (0 for prose lines), and its place in the run.

    >>> [a.tolist() for a in _runs(np.array([1.0, 0.0, 0.0, 1.0, 0.0]))]
    [[0.0, 2.0, 2.0, 0.0, 1.0], [0.0, 0.25, 0.75, 0.0, 0.5]]
    """
    n = len(prose)
    is_prose = prose > 0
    run_id = np.cumsum(is_prose)  # non-prose lines after the same prose line share a run
    index = np.arange(n)
    start_of_run = np.maximum.accumulate(np.where(is_prose, index + 1, 0))  # first line after the last prose line
    sizes = np.bincount(run_id, weights=~is_prose)
    length = np.where(is_prose, 0.0, sizes[run_id])
    place = np.where(is_prose, 0.0, (index - start_of_run + 0.5) / np.maximum(length, 1))
    return length, place


def _nearest(prose: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distance (capped at 200) to the nearest prose line before / after each line, and that line's value.

    >>> [a.tolist() for a in _nearest(np.array([0.0, 1.0, 0.0]), np.array([5.0, 6.0, 7.0]))]
    [[200.0, 200.0, 1.0], [1.0, 200.0, 200.0], [0.0, 0.0, 6.0], [6.0, 0.0, 0.0]]
    """
    n = len(prose)
    index = np.arange(n)
    is_prose = prose > 0
    marks = np.where(is_prose, index, -(10**6))
    before = np.concatenate(([-(10**6)], np.maximum.accumulate(marks)[:-1]))
    marks = np.where(is_prose, index, 10**6)
    after = np.concatenate((np.minimum.accumulate(marks[::-1])[::-1][1:], [10**6]))
    padded = np.concatenate((values, [0.0]))
    value_before = padded[np.where(before >= 0, before, n)]
    value_after = padded[np.where(after < n, after, n)]
    return (np.minimum(index - before, 200).astype(float), np.minimum(after - index, 200).astype(float),
            value_before, value_after)  # fmt: skip


def _window_means(values: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Means of each column of ``values`` over the k lines before and after each line, k in WINDOWS.

    Returns rows × (columns · windows · 2), ordered column by column, then by k, then before/after;
    written into ``out`` (a view of the feature table) when given.

    >>> _window_means(np.array([[1.0], [0.0], [3.0]]))[:, :2].tolist()  # k = 1: line before, line after
    [[0.0, 0.0], [1.0, 3.0], [0.0, 0.0]]
    """
    n, m = values.shape
    cums = np.vstack([np.zeros((1, m)), np.cumsum(values, axis=0)])
    index = np.arange(n)[:, None]
    k = np.array(WINDOWS)[None, :]
    lo, hi = np.maximum(index - k, 0), np.minimum(index + k + 1, n)  # rows × windows
    before = (cums[index] - cums[lo]) / np.maximum(index - lo, 1)[:, :, None]  # rows × windows × columns
    after = (cums[hi] - cums[index + 1]) / np.maximum(hi - index - 1, 1)[:, :, None]
    if out is None:
        out = np.empty((n, m * len(WINDOWS) * 2))
    sides = out.reshape(n, m, len(WINDOWS), 2)  # a view: each side written in place, no stacked copy
    sides[..., 0] = before.transpose(0, 2, 1)
    sides[..., 1] = after.transpose(0, 2, 1)
    return out


@dataclass(frozen=True, slots=True)
class PageInputs:
    """What the line model reads of a page the rules have judged: :func:`page_table`'s input.

    ``rows`` are the page's distinct lines measured (:func:`~cleaner.cruft.measure.measure`), with
    each one's stop-word density ``stops``, whether it reads as prose (``good``) and holds a URL
    (``url``); ``order`` is each line's distinct line; per line, ``weights`` are the body-region
    weights, ``cls`` the rules' class and ``dec`` their decision (indices into :data:`CLASSES`);
    ``region`` is the rules' body region ``(start, end)``.
    """

    rows: np.ndarray
    stops: np.ndarray
    good: np.ndarray
    url: np.ndarray
    order: np.ndarray
    weights: np.ndarray
    cls: np.ndarray
    dec: np.ndarray
    region: tuple[int, int]

    def core_arguments(self) -> tuple:
        """The arguments of ``_core.page_table`` and ``_core.page_logits`` (arrays in the types the core reads)."""
        longest = int(self.rows[COL["chars"]].max()) if self.rows.shape[1] else 0
        log1p_table, log_table = _log_tables(max(len(self.order) + 202, longest + 1))
        c = np.ascontiguousarray
        return (c(self.rows, dtype=np.int64), c(self.stops, dtype=np.float64), c(self.good, dtype=np.uint8),
                c(self.url, dtype=np.uint8), c(self.order, dtype=np.int64), c(self.weights, dtype=np.float64),
                c(self.cls, dtype=np.int64), c(self.dec, dtype=np.int64), int(self.region[0]), int(self.region[1]),
                log1p_table, log_table)  # fmt: skip


def page_table(inputs: PageInputs) -> np.ndarray:
    """The feature table of one page: one row per line, columns as named in :data:`FEATURES`.

    Built by the compiled core when it is there.
    """
    n = len(inputs.order)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    if core_table():
        table = np.empty((n, len(FEATURES)))
        core.page_table(*inputs.core_arguments(), table)
        return table
    return page_table_python(inputs)


def core_table() -> bool:
    """Whether the compiled core builds the table (it is built, and lays its rows out as :data:`FEATURES`)."""
    return use_core() and _core_layout_matches()


@cache
def _core_layout_matches() -> bool:
    layout = core.LAYOUT
    names = (layout["own"], layout["place"], layout["windowed"], layout["windows"], layout["classes"])
    return names == (OWN, PLACE, _WINDOWED, WINDOWS, len(CLASSES)) and len(FEATURES) == core.N_FEATURES


def _log_tables(needed: int) -> tuple[np.ndarray, np.ndarray]:
    """``log1p`` and ``log`` of 0 … N (N ≥ ``needed`` - 1), made by numpy: the core looks up the values numpy
    computes for :func:`page_table_python`, so the two agree to the bit."""
    size = 256
    while size < needed:
        size *= 4
    return _log_tables_of(size)


@cache
def _log_tables_of(size: int) -> tuple[np.ndarray, np.ndarray]:
    values = np.arange(size, dtype=float)
    log_table = np.concatenate(([0.0], np.log(values[1:])))
    return np.log1p(values), log_table


def page_table_python(inputs: PageInputs) -> np.ndarray:
    """:func:`page_table` with numpy: the definition the compiled core is held to."""
    rows, order, weights, region = inputs.rows, inputs.order, inputs.weights, inputs.region
    own_unique = own_columns(rows, inputs.stops, inputs.good, inputs.url)
    chars_unique, first_id = rows[COL["chars"]], rows[COL["first_id"]]
    n = len(order)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    own = own_unique[order]
    own[:, OWN.index("log_repeats")] = np.log(np.bincount(order)[order])

    prose = own[:, OWN.index("prose")]
    log_chars = own[:, OWN.index("log_chars")]
    chars = np.asarray(chars_unique, dtype=float)[order]
    weight = np.asarray(weights, dtype=float)
    start, end = region
    index = np.arange(n)
    prose_chars = chars * prose
    cum = np.cumsum(prose_chars)
    total = cum[-1] if cum[-1] > 0 else 1.0
    dist_before, dist_after, len_before, len_after = _nearest(prose, log_chars)
    run_length, run_position = _runs(prose)
    firsts = np.asarray(first_id)[order]
    same = (firsts[:-1] == firsts[1:]).astype(float)
    same_before, same_after = np.concatenate(([0.0], same)), np.concatenate((same, [0.0]))
    cum_prose = np.concatenate(([0.0], np.cumsum(prose)))
    within_50 = cum_prose[np.minimum(index + 51, n)] - cum_prose[np.maximum(index - 50, 0)]
    within_100 = cum_prose[np.minimum(index + 101, n)] - cum_prose[np.maximum(index - 100, 0)]
    place = [
        index / n, (index >= start) & (index < end), index < start,
        np.log1p(np.maximum(np.maximum(start - index, index - end + 1), 0)),
        (cum - prose_chars) / total, (total - cum) / total, np.log1p(dist_before), np.log1p(dist_after), weight,
        np.log1p(run_length), run_position,
        len_before, len_after, same_before, same_after, np.log1p(within_50), np.log1p(within_100),
    ]  # fmt: skip
    cls = np.asarray(inputs.cls, dtype=np.int64)
    dec = np.asarray(inputs.dec, dtype=np.int64)
    not_own = {
        "region_weight": weight,
        "furniture": (cls != NONE).astype(float),  # the rules gave the line a class of its own
    }
    windowed = [not_own[name] if name in not_own else own[:, OWN.index(name)] for name in _WINDOWED]

    k = len(CLASSES)
    table = np.zeros((n, len(FEATURES)))
    table[:, : len(OWN)] = own
    table[:, len(OWN) : len(OWN) + len(PLACE)] = np.column_stack(place)
    offset = len(OWN) + len(PLACE)
    _window_means(np.column_stack(windowed), out=table[:, offset : offset + len(NEIGHBOURS)])
    offset += len(NEIGHBOURS)
    table[index, offset + cls] = 1.0
    table[index, offset + k + dec] = 1.0
    table[index[1:], offset + 2 * k + cls[:-1]] = 1.0  # the class of the line before
    table[index[:-1], offset + 3 * k + cls[1:]] = 1.0  # the class of the line after
    return table
