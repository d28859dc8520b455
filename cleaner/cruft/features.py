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
* its neighbourhood (mean prose-ness, length, stop density, sentence ends and
  region weight of the 1, 2, 3, 5, 10 and 25 lines before and after it);
* the class the rules gave it, the decision they took, and the classes of the
  lines just before and after.

Every column is named in :data:`FEATURES`; the model file records the names it
was trained on, so a change here that the model has not seen is caught at load.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from cleaner.cruft.signals import capitalised_share, has_url, is_headline_like

if TYPE_CHECKING:  # the classifier imports this module
    from cleaner.cruft.classifier import Line

# The classes the rules know, in a fixed order (one-hot columns); "-" is "none".
CLASSES = (
    "navigation", "share", "ad", "caption", "video", "byline", "dateline", "title", "related", "teaser", "embed",
    "consent", "newsletter", "comments", "footer", "duplicate", "-",
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
    "prose_after_share", "log_distance_prose_before", "log_distance_prose_after", "log_lines", "page_prose_share",
    "region_weight", "log_run_length", "run_position", "prose_before_log_chars", "prose_after_log_chars",
    "same_first_word_before", "same_first_word_after", "log_prose_within_50", "log_prose_within_100",
)  # fmt: skip
_WINDOWED = ("prose", "log_chars", "stop_density", "sentence_end", "region_weight")
NEIGHBOURS = tuple(f"{name}_{side}{k}" for name in _WINDOWED for k in WINDOWS for side in ("before", "after"))
ONE_HOT = tuple(f"{group}={cls}" for group in ("class", "decision", "class_before", "class_after") for cls in CLASSES)
FEATURES: tuple[str, ...] = OWN + PLACE + NEIGHBOURS + ONE_HOT


def _char_shares(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per text: share of ASCII digits, of punctuation/symbols, and of upper case among cased letters.

    One pass over the code points of all texts at once (numpy), instead of a Python loop per character.

    >>> d, p, u = _char_shares(["AB12", "ok!"])
    >>> d.tolist(), [round(x, 2) for x in p.tolist()], u.tolist()
    ([0.5, 0.0], [0.0, 0.33], [1.0, 0.0])
    """
    n = len(texts)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n)
    joined = "".join(texts)
    if not joined:
        zeros = np.zeros(n)
        return zeros, zeros, zeros
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lower, upper = joined.lower(), joined.upper()
    if len(lower) == len(joined) == len(upper):  # case mapping kept every position (no ß → SS)
        low = np.frombuffer(lower.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        up = np.frombuffer(upper.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cased = low != up
        is_upper = cased & (codes == up)
    else:
        cased = np.fromiter((c.lower() != c.upper() for c in joined), dtype=bool, count=len(joined))
        is_upper = np.fromiter((c.isupper() for c in joined), dtype=bool, count=len(joined))
    digit = (codes >= 48) & (codes <= 57)
    ascii_ = codes < 128
    punct = np.zeros(len(codes), dtype=bool)
    punct[ascii_] = _ASCII_PUNCT[codes[ascii_]]
    punct |= (codes >= 0x2010) & (codes <= 0x2BFF)  # general punctuation, arrows, symbols, shapes
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    nonempty = lengths > 0
    safe_starts = np.minimum(starts, len(codes) - 1)

    def per_text(flags: np.ndarray) -> np.ndarray:
        sums = np.add.reduceat(flags.astype(np.int64), safe_starts)
        return np.where(nonempty, sums, 0)

    length = np.maximum(lengths, 1)
    n_cased = per_text(cased)
    return per_text(digit) / length, per_text(punct) / length, per_text(is_upper) / np.maximum(n_cased, 1)


def _own(lines: Sequence[Line]) -> np.ndarray:
    """The own-shape columns for each distinct line (rows in the order given)."""
    texts = [line.text for line in lines]
    digits, punct, upper = _char_shares(texts)
    rows = []
    for line, text in zip(lines, texts, strict=True):
        words = max(line.n_words, 1)
        rows.append((
            math.log1p(line.n_chars), math.log1p(line.n_words), line.stops, line.sentence, line.good,
            capitalised_share(text), 0.0, text.count(",") / words, has_url(text),
            is_headline_like(text, line.n_words), 0.0, text[:1].islower(), text.endswith(":"), text[:1].isdigit(),
            text[:1] in _BULLETS, 0.0, line.n_chars / words, text.count(". ") + text.count("! ") + text.count("? "),
            0.0, "|" in text or "»" in text or "›" in text, "©" in text or "(c)" in text.lower(),
        ))  # fmt: skip
    own = np.array(rows, dtype=float).reshape(len(lines), len(OWN))
    own[:, OWN.index("digit_share")] = digits
    own[:, OWN.index("upper_share")] = upper
    own[:, OWN.index("punct_share")] = punct
    own[:, OWN.index("inner_sentences")] = np.log1p(own[:, OWN.index("inner_sentences")])
    return own


def _runs(prose: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Length of the run of non-prose lines each line sits in (0 for prose lines), and its place in the run."""
    n = len(prose)
    length, place = np.zeros(n), np.zeros(n)
    i = 0
    while i < n:
        if prose[i]:
            i += 1
            continue
        j = i
        while j < n and not prose[j]:
            j += 1
        length[i:j] = j - i
        place[i:j] = (np.arange(j - i) + 0.5) / (j - i)
        i = j
    return length, place


def _nearest(prose: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distance (capped at 200) to the nearest prose line before / after each line, and that line's value."""
    n = len(prose)
    dist_before, dist_after = np.zeros(n), np.zeros(n)
    value_before, value_after = np.zeros(n), np.zeros(n)
    last, last_value = -(10**6), 0.0
    for i in range(n):
        dist_before[i], value_before[i] = min(i - last, 200), last_value
        if prose[i]:
            last, last_value = i, values[i]
    last, last_value = 10**6, 0.0
    for i in range(n - 1, -1, -1):
        dist_after[i], value_after[i] = min(last - i, 200), last_value
        if prose[i]:
            last, last_value = i, values[i]
    return dist_before, dist_after, value_before, value_after


def _window_means(values: np.ndarray) -> list[np.ndarray]:
    """Mean of ``values`` over the k lines before and the k lines after each line, for every k in WINDOWS."""
    n = len(values)
    cums = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    out = []
    for k in WINDOWS:
        lo, hi = np.maximum(index - k, 0), np.minimum(index + k + 1, n)
        out.append((cums[index] - cums[lo]) / np.maximum(index - lo, 1))
        out.append((cums[hi] - cums[index + 1]) / np.maximum(hi - index - 1, 1))
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
    own = _own(unique)[order]
    repeats = np.bincount(order)[order]
    own[:, OWN.index("log_repeats")] = np.log(repeats)

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
    firsts = [line.text.split(" ", 1)[0] for line in lines]
    same_before = np.array([i > 0 and firsts[i] == firsts[i - 1] for i in range(n)], dtype=float)
    same_after = np.array([i < n - 1 and firsts[i] == firsts[i + 1] for i in range(n)], dtype=float)
    cum_prose = np.concatenate(([0.0], np.cumsum(prose)))
    within_50 = cum_prose[np.minimum(index + 51, n)] - cum_prose[np.maximum(index - 50, 0)]
    within_100 = cum_prose[np.minimum(index + 101, n)] - cum_prose[np.maximum(index - 100, 0)]
    place = [
        index / n, (index >= start) & (index < end), index < start,
        np.log1p(np.maximum(np.maximum(start - index, index - end + 1), 0)),
        (cum - prose_chars) / total, (total - cum) / total, np.log1p(dist_before), np.log1p(dist_after),
        np.full(n, math.log1p(n)), np.full(n, prose.mean()), weight, np.log1p(run_length), run_position,
        len_before, len_after, same_before, same_after, np.log1p(within_50), np.log1p(within_100),
    ]  # fmt: skip
    windowed = {
        "prose": prose, "log_chars": log_chars, "stop_density": own[:, OWN.index("stop_density")],
        "sentence_end": own[:, OWN.index("sentence_end")], "region_weight": weight,
    }  # fmt: skip
    neighbours = [m for name in _WINDOWED for m in _window_means(windowed[name])]

    none = _CLASS_INDEX["-"]
    cls = np.fromiter((_CLASS_INDEX.get(line.cls or "-", none) for line in lines), dtype=np.int64, count=n)
    dec = np.fromiter((_CLASS_INDEX.get(r or "-", none) for r in reasons), dtype=np.int64, count=n)
    eye = np.eye(len(CLASSES))
    blank = np.zeros((1, len(CLASSES)))
    one_hot = [eye[cls], eye[dec], np.vstack([blank, eye[cls][:-1]]), np.vstack([eye[cls][1:], blank])]
    table = np.column_stack([own, *place, *neighbours, *one_hot])
    assert table.shape[1] == len(FEATURES)
    return table
