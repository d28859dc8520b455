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
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, pairwise, repeat
from typing import TYPE_CHECKING

import numpy as np

from cleaner.cruft.signals import has_url

if TYPE_CHECKING:  # the classifier imports this module
    from cleaner.cruft.classifier import Line

# The classes the rules know, in a fixed order (one-hot columns); "-" is "none".
CLASSES = (
    "navigation", "share", "ad", "caption", "video", "byline", "dateline", "title", "related", "teaser", "embed",
    "consent", "newsletter", "comments", "footer", "duplicate", "support", "-",
)  # fmt: skip
_CLASS_INDEX = {name: i for i, name in enumerate(CLASSES)}
WINDOWS = (1, 2, 3, 5, 10, 25)
_BULLETS = frozenset("•-*·–—►▶>»|▪◦●■□✓✔→")
# Characters counted as punctuation/symbols in the ASCII range (the rest of ASCII is letters, digits, space).
_ASCII_PUNCT = np.zeros(128, dtype=bool)
_ASCII_PUNCT[[ord(c) for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"]] = True

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


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _text_shapes(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Character-level shape of each text, for all texts of a page in one pass over their code points.

    Returns, per text: ``digit_share`` and ``punct_share`` (of all characters), ``upper_share``
    (of the letters — characters that are neither space, digit nor punctuation/symbol, so caseless
    scripts count as letters that are never upper case), ``capitalised_share`` (of the words that
    start with a letter), and ``first_lower`` / ``starts_digit`` / ``starts_bullet`` for its
    first character.

    >>> shapes = _text_shapes(["AB 12", "ok, Go!", "• item"])
    >>> {k: [round(x, 2) for x in v.tolist()] for k, v in shapes.items() if k != "punct_share"}
    ... # doctest: +NORMALIZE_WHITESPACE
    {'digit_share': [0.4, 0.0, 0.0], 'upper_share': [1.0, 0.25, 0.0], 'capitalised_share': [1.0, 0.5, 0.0],
     'first_lower': [0.0, 1.0, 0.0], 'starts_digit': [0.0, 0.0, 0.0], 'starts_bullet': [0.0, 0.0, 1.0]}
    """
    n = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    firsts = [t[:1] for t in texts]
    joined = "\n".join(texts)  # the separator ends each text's last word
    codes = _codes(joined)
    lower = joined.lower()
    if len(lower) == len(joined):  # lower() keeps every position (it does, but for a dotted capital I)
        is_upper = codes != _codes(lower)
    else:
        is_upper = np.fromiter((c.isupper() for c in joined), dtype=bool, count=len(joined))
    digit = (codes >= 48) & (codes <= 57)
    space = (codes <= 32) | (codes == 0xA0) | ((codes >= 0x2000) & (codes <= 0x200B)) | (codes == 0x3000)
    punct = np.zeros(len(codes), dtype=bool)
    ascii_ = codes < 128
    punct[ascii_] = _ASCII_PUNCT[codes[ascii_]]
    punct |= ((codes >= 0x2010) & (codes <= 0x2BFF)) | ((codes >= 0xA1) & (codes <= 0xBF)) | (codes == 0xD7)
    letter = ~(digit | space | punct)
    previous = np.concatenate(([True], space[:-1]))
    word_start = previous & ~space
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))  # +1: the separator
    nonempty = lengths > 0

    def per_text(flags: np.ndarray) -> np.ndarray:
        if len(flags) == 0:
            return np.zeros(n)
        sums = np.add.reduceat(flags.astype(np.int64), np.minimum(starts, len(flags) - 1))
        return np.where(nonempty, sums, 0).astype(float)

    chars = np.maximum(lengths, 1)
    letters = per_text(letter)
    alpha_words = per_text(word_start & letter)
    return {
        "digit_share": per_text(digit) / chars,
        "upper_share": per_text(is_upper & letter) / np.maximum(letters, 1),
        "capitalised_share": per_text(word_start & is_upper & letter) / np.maximum(alpha_words, 1),
        "first_lower": np.fromiter(map(str.islower, firsts), dtype=float, count=n),
        "starts_digit": np.fromiter(map(str.isdigit, firsts), dtype=float, count=n),
        "starts_bullet": np.fromiter(map(_BULLETS.__contains__, firsts), dtype=float, count=n),
        "punct_share": per_text(punct) / chars,
    }


def _own(lines: Sequence[Line]) -> tuple[np.ndarray, list[str]]:
    """The own-shape columns for each distinct line (rows in the order given), and each line's first word."""
    texts = [line.text for line in lines]
    n = len(lines)
    own = np.zeros((n, len(OWN)))
    for name, values in _text_shapes(texts).items():
        own[:, OWN.index(name)] = values
    attrs = np.array([(f.n_chars, f.n_words, f.stops, f.sentence, f.good) for f in lines], dtype=float)
    n_chars, n_words = attrs[:, 0], attrs[:, 1]
    words = np.maximum(n_words, 1)
    own[:, OWN.index("log_chars")] = np.log1p(n_chars)
    own[:, OWN.index("log_words")] = np.log1p(n_words)
    own[:, OWN.index("mean_word_length")] = n_chars / words
    own[:, OWN.index("stop_density")] = attrs[:, 2]
    own[:, OWN.index("sentence_end")] = attrs[:, 3]
    own[:, OWN.index("prose")] = attrs[:, 4]
    own[:, OWN.index("commas_per_word")] = np.array(list(map(str.count, texts, repeat(","))), dtype=float) / words
    dots, bangs, questions = (map(str.count, texts, repeat(end)) for end in (". ", "! ", "? "))
    inner = [a + b + c for a, b, c in zip(dots, bangs, questions, strict=True)]
    own[:, OWN.index("inner_sentences")] = np.log1p(np.array(inner, dtype=float))
    flags = [
        (
            t.endswith(":"),
            "|" in t or "»" in t or "›" in t,
            "©" in t or "(c)" in t or "(C)" in t,
            has_url(t),
            # is_headline_like on the text as it is (no rstrip of the last character: the model learned this form)
            3 <= f.n_words <= 20 and t[:1].isupper() and not (f.sentence or t[-1:] in ":;,"),
        )
        for t, f in zip(texts, lines, strict=True)
    ]
    names = ["ends_colon", "has_separator", "has_copyright", "has_url", "headline_shape"]
    flat = np.fromiter(chain.from_iterable(flags), dtype=bool, count=n * len(names))
    own[:, [OWN.index(name) for name in names]] = flat.reshape(n, len(names))
    return own, [t.split(" ", 1)[0] for t in texts]


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


def page_table(
    lines: Sequence[Line], reasons: Sequence[str | None], weights: Sequence[float], region: tuple[int, int]
) -> np.ndarray:
    """The feature table of one page: one row per line, columns as named in :data:`FEATURES`.

    ``lines`` are the judged lines (repeats share one object), ``reasons`` the rules'
    decision for each (None = kept), ``weights`` their body-region weights and
    ``region`` the rules' body region ``(start, end)``.
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    # Own shape: once per distinct line object.
    distinct: dict[int, int] = {}
    order = [distinct.setdefault(id(line), len(distinct)) for line in lines]
    unique = list({id(line): line for line in lines}.values())
    own_unique, firsts = _own(unique)
    own = own_unique[order]
    own[:, OWN.index("log_repeats")] = np.log(np.bincount(order)[order])

    prose = own[:, OWN.index("prose")]
    log_chars = own[:, OWN.index("log_chars")]
    chars = np.fromiter((line.n_chars for line in lines), dtype=float, count=n)
    weight = np.asarray(weights, dtype=float)
    start, end = region
    index = np.arange(n)
    prose_chars = chars * prose
    cum = np.cumsum(prose_chars)
    total = cum[-1] if cum[-1] > 0 else 1.0
    dist_before, dist_after, len_before, len_after = _nearest(prose, log_chars)
    run_length, run_position = _runs(prose)
    same = np.array([firsts[a] == firsts[b] for a, b in pairwise(order)], dtype=float)
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
    none = _CLASS_INDEX["-"]
    cls = np.array([_CLASS_INDEX.get(line.cls or "-", none) for line in lines], dtype=np.int64)
    not_own = {
        "region_weight": weight,
        "furniture": (cls != none).astype(float),  # the rules gave the line a class of its own
    }
    windowed = [not_own[name] if name in not_own else own[:, OWN.index(name)] for name in _WINDOWED]

    dec = np.array([_CLASS_INDEX.get(r or "-", none) for r in reasons], dtype=np.int64)
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
