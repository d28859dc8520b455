"""The classifier: per-line signals → per-line class → context smoothing → explained decisions.

Steps, each explainable on its own:

1. **Signals** per line (:mod:`cleaner.cruft.measure`, one pass over the
   page's distinct lines in the compiled core): length, words, stop-word
   density in the article's language, sentence ending, literal families.
2. **Evidence classes** (:mod:`cleaner.cruft.patterns`, :mod:`cleaner.cruft.lift`):
   a line whose shape *and* vocabulary fit a class (share bar, ad slot,
   byline, dateline…) gets that class.  :func:`evidence` judges a line on
   its own; the :data:`GATE` lets it see only lines that hold a literal one
   of its patterns needs (a fifth of a scrape's lines).
3. **Body region** (plain-text scrapes only): every line scores for or
   against being prose; the best-scoring contiguous run of lines is the
   article (a maximum-sum segment).  Lines outside it are page furniture —
   navigation before, footer after — unless a class says more.
4. **In-body context**: related-article headlines between paragraphs, teaser
   lists after a "Read more" heading, the second copy of a quote echoed by
   an embedded post, a caption printed twice.
5. **Lifting**: the headline above the body becomes ``title``, bylines
   become ``authors``, a dateline's date becomes ``published``.
6. **Line model** (plain-text scrapes only, :mod:`cleaner.cruft.model`): every
   line the rules kept, removed only for lying outside the body region, or
   removed as a related headline, is kept or removed by a trained model that
   sees it in its context; lines with a class of their own keep the rules'
   decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np

from cleaner.cruft import lift, measure, patterns
from cleaner.cruft.features import CLASSES, NONE, PageInputs, page_table
from cleaner.cruft.measure import BIT, COL, core
from cleaner.cruft.model import LineModel
from cleaner.cruft.model import load as load_model
from cleaner.cruft.signals import CLOSERS, fingerprint, fingerprint_of_words, has_url, lower_words

# Classes whose lines carry metadata: removed from the text, value lifted.
META = frozenset({"byline", "dateline", "title"})
# Reasons the rules give a line for its place alone (before or after the body region); the line model
# (scrapes only) re-decides those lines, and names the ones it removes "boilerplate" when they sit between kept ones.
POSITIONAL = frozenset({"navigation", "footer"})
# The line model learned from pages of hundreds of lines; on a page shorter than this it may give
# back lines the rules removed for their position, but it does not take away lines the rules kept
# (measured: 5-fold cross-validated text F1 0.8995 without this guard, 0.8999 with it).
MODEL_MIN_LINES = 40
# Context rules whose removals the line model re-decides like positional ones: on the dev scrapes
# 449 of the 800 lines the related-headline rule removed are article by the silver labels (subheadings),
# and letting the model weigh them raised cross-validated F1 from 0.8999 to 0.9028.
REDECIDED = frozenset({"related"})

# Region scoring: a prose line scores for the body, furniture against.
GOOD_CHARS = 60  # a prose line is at least this long…
GOOD_STOPS = 0.2  # …with at least this share of stop words (when the language has a list)
SHORT_PENALTY = -0.6
CRUFT_PENALTY = -2.0
MAX_GOOD = 6.0
SAMPLE_LINES = 12  # the stop list is chosen on this many longest lines
# Furniture that sits *between* paragraphs of an article (an ad slot, a caption, a share bar) says little
# about where the article ends; menus, footers and teaser lists do.
INTERSTITIAL = frozenset({"ad", "caption", "share", "video", "embed", "byline", "dateline"})
INTERSTITIAL_PENALTY = -0.6
EXTRA_FRACTION = 0.3  # a further run scoring at least this share of the best one is body too
MARGIN = 2  # lines outside the body region kept when there are no more than this many


@dataclass(slots=True)
class Line:
    """One distinct line as :func:`evidence` reads it; what evidence finds is written back to it."""

    text: str
    n_chars: int
    n_words: int
    stops: float
    sentence: bool
    cls: str | None = None  # evidence class, if any
    header: bool = False  # a bare teaser heading: a list of teasers follows
    names: tuple[str, ...] = ()  # a byline's person names
    date: str | None = None


_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def _teaser(line: Line, low: str, hits: frozenset[str]) -> bool:
    """A teaser heading ("Read more", "Mehr zum Thema") or a teaser link ("READ MORE – Headline")."""
    m = patterns.TEASER.match(low) if "teaser_first" in hits else None
    if m is None:
        if line.sentence or line.n_words > 25 or "arrow" not in hits:
            return False
        return bool(patterns.ARROW_LINK.match(line.text))
    sep, tail = m.group("sep"), m.group("tail")
    keyword = _EDGE_PUNCT.sub("", low[: m.start("tail")])
    if keyword in patterns.TEASER_NEEDS_SEP and not sep:
        return False
    tail_words = len(_EDGE_PUNCT.sub("", tail).split())  # a heading may end in "?" or "…": no words
    if tail_words == 0 or (not sep and tail_words <= 3 and line.n_words <= 8 and not line.sentence):
        line.header = True  # the headlines under it are teasers too
        return line.n_words <= 8
    # The headline after the separator may be a question or an exclamation; a full stop makes it a sentence.
    headline = not line.sentence or line.text.rstrip(CLOSERS).endswith(("?", "!", "？", "！"))
    return bool(sep) and headline and line.n_words <= 25


_BYLINE_FAMILIES = frozenset({"by_first", "possessive", "role_first"})  # lift.byline's three forms
_DATE_FAMILIES = frozenset({"dateline_first", "date_start"})


def evidence(
    line: Line,
    first: str,
    stops: frozenset[str],
    scrape: bool = True,
    low: str | None = None,
    hits: frozenset[str] | None = None,
) -> str | None:
    """The cruft or metadata class a line's own shape and words point to, or None.

    Long lines are prose whatever words they contain, so only short ones are tested.  ``first`` is the line's
    first word (:func:`~cleaner.cruft.signals.words`), ``low`` the
    lower-cased text and ``hits`` the names of the literal families it contains and of its marks (menu bar,
    share bar, credit word…: :mod:`.measure`, computed here when not given): a pattern runs only on a line
    that holds a literal every one of its matches holds.
    """
    text, n = line.text, line.n_words
    if n > 80:  # (``gate`` relies on this bound)
        return None
    if low is None:
        low = text.lower()  # keyword patterns are written in lower case and matched without re.IGNORECASE
    if hits is None:
        hits = measure.line_hits(text, stops)
    if n <= 4 and "ad_first" in hits and patterns.AD.match(low):
        return "ad"
    if n <= 12 and "skip" in hits and patterns.SKIP.search(low):
        return "navigation"
    if n <= 20 and "handle" in hits and "dash_start" in hits and patterns.EMBED_SIGNATURE.match(text):
        return "embed"
    if n <= 20:
        names = lift.byline(text, first) if not _BYLINE_FAMILIES.isdisjoint(hits) else None
        if names:
            line.names = tuple(names)
            return "byline"
        # a dateline's marker, or a bare date's weekday, month or first digit
        if not _DATE_FAMILIES.isdisjoint(hits) or first[:1].isdecimal():
            is_date, date = lift.dateline(text, first)
            if is_date:
                line.date = date
                return "dateline"
        teaser = _teaser(line, low, hits)
        if teaser:
            return "teaser"
        if n <= 12 and "ad_first" in hits and patterns.AD_DISCLOSURE.match(low):
            return "ad"
        if n <= 10 and "taxonomy_first" in hits and patterns.TAXONOMY.match(low):
            return "navigation"
    if n <= 40 and first in patterns.FOLLOW_FIRST and patterns.FOLLOW.match(low):
        return "share"
    if n <= 60 and "affiliate" in hits and patterns.AFFILIATE.search(low):
        return "ad"
    if n <= 25 and "video" in hits and patterns.VIDEO.search(low):
        return "video"
    # patterns.credit_words: a credit word, or "©"
    credit_words = line.n_chars <= 400 and ("credit_word" in hits or "copyright_sign" in hits)
    if credit_words and patterns.CREDIT.search(text):
        return "caption"
    if "cookie" in hits and patterns.COOKIE.search(low) and patterns.COOKIE_CONTEXT.search(low):
        return "consent"
    if scrape and n >= 4 and not line.sentence and "menu" in hits:  # patterns.menu_bar
        return "navigation"
    if n <= 12 and not line.sentence and "share_bar" in hits:  # patterns.share_bar
        return "share"
    if n <= 25 and "support" in hits and patterns.SUPPORT.search(low):
        return "support"
    if n <= 25 and (n <= 12 or not line.sentence) and "newsletter" in hits and patterns.NEWSLETTER.search(low):
        return "newsletter"
    if n <= 10 and not line.sentence and "comments" in hits and patterns.COMMENTS.search(low):
        return "comments"
    if n <= 8 and not line.sentence and "footer" in hits and patterns.FOOTER.search(low):
        return "footer"
    if scrape and not line.sentence and "breadcrumb" in hits and patterns.is_breadcrumb(text):
        return "navigation"
    return None


# ----------------------------------------------------------------------------------------------------------------
# A page: its distinct lines measured (measure.py) and judged on their own.

# A decision as a number: a class's index in CLASSES, KEPT for no class, BOILERPLATE for the line model's own name.
KEPT = NONE
BOILERPLATE = len(CLASSES)
REASONS: tuple[str | None, ...] = (*CLASSES[:NONE], None, "boilerplate")
CODE = {name: code for code, name in enumerate(REASONS) if name is not None}


def _nonzero(mask: np.ndarray) -> np.ndarray:
    """The indices where a 1-d array is true (``np.flatnonzero`` without its wrapper: it is called often)."""
    return mask.nonzero()[0]


def _table(names: frozenset[str]) -> np.ndarray:
    """A lookup table over decision codes: ``_table(names)[codes]`` says which codes are among ``names``."""
    table = np.zeros(len(REASONS), dtype=bool)
    table[[CODE[name] for name in names]] = True
    return table


_IS_INTERSTITIAL, _IS_POSITIONAL, _IS_REDECIDED = _table(INTERSTITIAL), _table(POSITIONAL), _table(REDECIDED)


@dataclass(slots=True)
class Page:
    """A page's distinct lines (in order of first appearance), measured and judged on their own.

    Arrays hold one entry per distinct line; ``x[order]`` gives one per line of the page.
    """

    texts: list[str]
    order: np.ndarray  # each line's distinct line
    rows: np.ndarray  # measure.COLUMNS (rows) of each distinct line (columns)
    stops: np.ndarray  # stop-word density
    good: np.ndarray  # reads as prose (long, with stop words) and has no class of its own
    cls: np.ndarray  # evidence class (a code of REASONS; KEPT when none)
    judged: dict[int, Line]  # the distinct lines evidence gave a class: their names, date, teaser heading
    language: str  # the language of the stop list chosen for the page
    stoplist: frozenset[str]
    _prints: dict[int, str] = field(default_factory=dict)

    def column(self, name: str) -> np.ndarray:
        return self.rows[COL[name]]

    def fingerprint(self, u: int) -> str:
        """:func:`~cleaner.cruft.signals.fingerprint` of distinct line ``u`` (made when first asked for)."""
        fp = self._prints.get(u)
        if fp is None:
            fp = self._prints[u] = fingerprint_of_words(lower_words(self.texts[u].lower()))
        return fp

    def headline_like(self) -> np.ndarray:
        """:func:`~cleaner.cruft.signals.is_headline_like` of each distinct line."""
        n = self.column("words")
        return ((n >= 3) & (n <= 20) & (self.column("first_upper") > 0) & (self.column("sentence") == 0)
                & (self.column("stripped_last_clause") == 0))  # fmt: skip

    def has_url(self, u: int) -> bool:
        """:func:`~cleaner.cruft.signals.has_url` of distinct line ``u`` (the regexes run only where one can be)."""
        return bool(self.rows[COL["literals"], u] & BIT["url"]) and has_url(self.texts[u])

    def urls(self) -> np.ndarray:
        """:meth:`has_url` of each distinct line."""
        url = np.zeros(len(self.texts), dtype=bool)
        for u in _nonzero(self.column("literals") & BIT["url"]).tolist():
            url[u] = has_url(self.texts[u])
        return url

    def related_shaped(self) -> np.ndarray:
        """Which distinct lines are shaped like a related-article headline: :meth:`headline_like`, six words or more."""
        return self.headline_like() & (self.column("words") >= 6)


def measure_page(
    lines: list[str], language: str = "und", scrape: bool = True, memory: LineMemory | None = None
) -> Page:
    """Measure a page's distinct lines and give each the class its own shape and words point to (:func:`evidence`).

    The stop list is chosen on the longest lines (that is where the prose is), with ``language`` as a hint.
    :func:`evidence` runs only on the lines whose literal families and measurements leave it something to
    find (:func:`gate`): on most lines of a page none of its patterns can match.  ``memory`` keeps the lines
    judged on earlier pages (:class:`LineMemory`).
    """
    # Menus and share bars repeat: each distinct text is judged once.  The stop list is chosen on the longest lines.
    unique, order, longest = measure.distinct(lines, SAMPLE_LINES)
    lang, stops = measure.choose_stoplist([lines[i] for i in longest], language)
    rows = measure.measure(unique, lang)
    n_chars, n_words = rows[COL["chars"]], rows[COL["words"]]
    sentence = rows[COL["sentence"]] > 0
    density = np.zeros(len(unique))
    np.divide(rows[COL["stops"]], n_words, out=density, where=n_words > 0)
    good = (n_chars >= GOOD_CHARS) & ((density >= GOOD_STOPS) if stops else sentence)
    cls = np.full(len(unique), KEPT, dtype=np.int64)
    judged: dict[int, Line] = {}
    gated = _nonzero(gate(rows, scrape))
    values = (n_chars, n_words, density, sentence, rows[COL["literals"]], rows[COL["marks"]], rows[COL["first_word"]])
    for u, chars, words, stop_share, ends, literals, marks, first_word in zip(
        gated.tolist(), *(v[gated].tolist() for v in values), strict=True
    ):
        text = unique[u]
        key = (text, lang, scrape)
        line = memory.lines.get(key, _UNSEEN) if memory is not None else _UNSEEN
        if line is _UNSEEN:
            line = Line(text, chars, words, stop_share, ends)
            low = text.lower()  # keyword patterns are written in lower case and matched without re.IGNORECASE
            first = low[first_word >> 32 : (first_word >> 32) + (first_word & 0xFFFFFFFF)]
            line.cls = evidence(line, first, stops, scrape, low, measure.hits(literals, marks))
            if line.cls is None:
                line = None
            if memory is not None:
                memory.keep(key, line)
        if line is not None:
            cls[u] = CODE[line.cls]
            judged[u] = line
    return Page(unique, order, rows, density, good & (cls == KEPT), cls, judged, lang, stops)


class LineMemory:
    """The lines :func:`evidence` judged on earlier pages, so that a page reuses them (a stage keeps one).

    A site's menus, share bars and footers come back on each of its pages: a third of the lines evidence
    judges on the dev scrapes had been judged on an earlier page.  A line's class depends only on its
    text, the page's stop list and whether the page is a scrape, and a judged :class:`Line` is read-only,
    so what a page decides does not depend on what came before it.  Emptied when it holds ``size`` lines.
    """

    def __init__(self, size: int = 1 << 15) -> None:
        self.size = size
        self.lines: dict[tuple[str, str, bool], Line | None] = {}

    def keep(self, key: tuple[str, str, bool], line: Line | None) -> None:
        if len(self.lines) >= self.size:
            self.lines.clear()
        self.lines[key] = line


_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class Term:
    """A necessary condition of one of :func:`evidence`'s tests: the families or marks a line must hold, its size."""

    test: str  # the pattern or test it stands before
    any_of: tuple[str, ...] = ()  # literal families (measure.FAMILIES) or marks (measure.MARKS): one of these
    all_of: tuple[str, ...] = ()  # … and all of these
    max_words: int = 80  # evidence looks at no line longer than 80 words
    min_words: int = 0
    max_chars: int = 1 << 30
    scrape: bool = False  # only on plain-text scrapes


# A bare date (DATE_ONLY) starts with a weekday, a month or a digit and holds a month or digits joined by two of
# "./-"; it is at most 9 words (weekday, day, month, year, "a las", hours, minutes, "Uhr") unless its weekday's \w*
# holds an "_".
_BARE_DATES = tuple(
    Term("DATE_ONLY", ("date_start", "first_decimal"), ("decimal", date, *extra), max_words=words, max_chars=80)
    for date in ("month", "digit_date")
    for extra, words in (((), 9), (("underscore",), 20))
)
GATE = (
    Term("AD, AD_DISCLOSURE", ("ad_first",), max_words=12),
    Term("SKIP", ("skip",), max_words=12),
    Term("EMBED_SIGNATURE", all_of=("dash_start", "handle"), max_words=20),
    Term("BY", ("by_first",), max_words=20, max_chars=120),
    Term("AGENCY_CREDIT", all_of=("possessive", "first_upper"), max_words=20, max_chars=120),
    Term("ROLE_CREDIT", all_of=("role_first", "role_separator"), max_words=20, max_chars=120),
    Term("DATELINE", ("dateline_first",), max_words=20, max_chars=80),
    *_BARE_DATES,
    Term("TEASER, ARROW_LINK", ("teaser_first", "arrow"), max_words=20),
    Term("TAXONOMY", all_of=("taxonomy_first", "colon"), max_words=10),
    Term("FOLLOW", ("follow_first",), max_words=40),
    Term("AFFILIATE", ("affiliate",), max_words=60),
    Term("VIDEO, SUPPORT, NEWSLETTER", ("video", "support", "newsletter"), max_words=25),
    Term("CREDIT", ("credit_word", "copyright_sign"), max_chars=400),
    Term("COOKIE", ("cookie",)),
    Term("menu bar", all_of=("menu", "not_sentence"), min_words=4, scrape=True),
    Term("share bar", all_of=("share_bar", "not_sentence"), max_words=12),
    Term("COMMENTS", all_of=("comments", "not_sentence"), max_words=10),
    Term("FOOTER", all_of=("footer", "not_sentence"), max_words=8),
    Term("breadcrumb", all_of=("trail", "not_sentence"), scrape=True),
)
_MARK_SHIFT = 32  # a line's marks sit above its literal families in the gate's bits


def _bits(names: tuple[str, ...]) -> int:
    assert BIT.keys().isdisjoint(measure.MARK), "a family and a mark share a name"
    return sum(BIT[name] if name in BIT else measure.MARK[name] << _MARK_SHIFT for name in names)


@cache
def _gate_table(scrape: bool) -> tuple[np.ndarray, ...]:
    terms = [term for term in GATE if scrape or not term.scrape]
    rows = [(_bits(t.any_of), _bits(t.all_of), t.min_words, t.max_words, t.max_chars) for t in terms]
    columns = zip(*rows, strict=True)
    any_of, all_of, min_words, max_words, max_chars = (np.array(c, dtype=np.int64)[None, :] for c in columns)
    return any_of, any_of == 0, all_of, min_words, max_words, max_chars


@cache
def _core_gate_table(scrape: bool) -> np.ndarray:
    assert core.GATE_MARK_SHIFT == _MARK_SHIFT
    any_of, _, all_of, min_words, max_words, max_chars = _gate_table(scrape)
    return np.ascontiguousarray(np.vstack([any_of, all_of, min_words, max_words, max_chars]).T, dtype=np.int64)


def gate(rows: np.ndarray, scrape: bool = True) -> np.ndarray:
    """Which lines :func:`evidence` may give a class, from their :mod:`~cleaner.cruft.measure` rows.

    A line passes when it meets some :data:`GATE` term: the literal families every match of a pattern
    holds (``tests/cruft/test_gate.py`` holds each family to its pattern), and the test's bounds on size.
    A line that meets none gets no class, so evidence need not run on it.
    """
    assert len(BIT) <= _MARK_SHIFT and _MARK_SHIFT + len(measure.MARKS) <= 63
    if measure.use_core():
        out = np.empty(rows.shape[1], dtype=np.uint8)
        core.gate(rows, _core_gate_table(scrape), out)
        return out.view(bool)
    any_of, no_any, all_of, min_words, max_words, max_chars = _gate_table(scrape)
    bits = (rows[COL["literals"]] | (rows[COL["marks"]] << _MARK_SHIFT))[:, None]
    n, chars = rows[COL["words"]][:, None], rows[COL["chars"]][:, None]
    met = (((bits & any_of) != 0) | no_any) & ((bits & all_of) == all_of)
    met &= (n >= min_words) & (n <= max_words) & (chars <= max_chars)
    return met.any(axis=1)


def _weights(page: Page) -> np.ndarray:
    """Each distinct line's body-region weight: prose for the body (by its length), furniture against it."""
    n_words = page.column("words")
    sentence = page.column("sentence") > 0
    prose = np.minimum(page.column("chars") / GOOD_CHARS, MAX_GOOD)
    plain = np.where(page.good, prose, np.where(sentence & (n_words >= 4), 0.2, SHORT_PENALTY))
    furniture = np.where(_IS_INTERSTITIAL[page.cls], INTERSTITIAL_PENALTY, CRUFT_PENALTY)
    return np.where(page.cls != KEPT, furniture, plain)


def _plain_margin(has_cls: np.ndarray, sentence: np.ndarray) -> bool:
    if has_cls.any():
        return False
    return len(has_cls) <= MARGIN or bool(sentence.all())


def best_run(weights: np.ndarray, lo: int, hi: int) -> tuple[int, int, float]:
    """``(start, end, score)`` of the maximum-sum contiguous run of ``weights[lo:hi]`` (Kadane); empty if none.

    >>> best_run(np.array([-1.0, 2.0, -0.5, 3.0, -4.0]), 0, 5)
    (1, 4, 4.5)
    """
    if measure.use_core():
        return core.best_run(np.ascontiguousarray(weights, dtype=np.float64), lo, hi)
    values = weights.tolist()
    best, best_span = 0.0, (lo, lo)
    run, start = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, start = 0.0, i
        run += values[i]
        if run > best:
            best, best_span = run, (start, i + 1)
    return best_span[0], best_span[1], best


def _other_runs(weights: np.ndarray, lo: int, hi: int, floor: float) -> list[tuple[int, int]]:
    """Further runs in ``[lo, hi)`` scoring at least ``floor``: an article split by a gallery or a form."""
    start, end, score = best_run(weights, lo, hi)
    if score < floor or start == end:
        return []
    return [*_other_runs(weights, lo, start, floor), (start, end), *_other_runs(weights, end, hi, floor)]


# ----------------------------------------------------------------------------------------------------------------
# The rules over a page, the line model, and the result.


@dataclass(slots=True)
class Decision:
    """What happens to one block: kept (``reason`` None) or removed with ``reason`` = class name."""

    text: str
    reason: str | None = None


@dataclass(slots=True)
class Result:
    """The classifier's output: each block (in order) with its decision, and lifted metadata."""

    texts: list[str]
    reasons: list[str | None]  # None: kept
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str = "und"

    @property
    def decisions(self) -> list[Decision]:
        return [Decision(t, r) for t, r in zip(self.texts, self.reasons, strict=True)]

    @property
    def kept(self) -> list[str]:
        return [t for t, r in zip(self.texts, self.reasons, strict=True) if r is None]

    @property
    def removed(self) -> list[tuple[str, str]]:
        return [(t, r) for t, r in zip(self.texts, self.reasons, strict=True) if r is not None]


@dataclass(slots=True)
class Rules:
    """What the rules decided for a page, with what the line model needs to weigh it."""

    lines: list[str]
    page: Page
    reasons: np.ndarray  # each line's decision, a code of REASONS
    region: tuple[int, int] = (0, 0)  # the body region the rules found (scrapes)
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0))  # each line's body-region weight (scrapes)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None

    @property
    def language(self) -> str:
        return self.page.language

    @property
    def decisions(self) -> list[str | None]:
        """Each line's reason (None: kept)."""
        return [REASONS[c] for c in self.reasons.tolist()]

    @property
    def classes(self) -> list[str | None]:
        """Each line's evidence class: what its own shape and words point to (None: none)."""
        return [REASONS[c] for c in self.page.cls[self.page.order].tolist()]

    def copy(self) -> Rules:
        """A copy the line model and :func:`finish` can change without touching this one."""
        return replace(self, reasons=self.reasons.copy(), authors=list(self.authors))


def classify(
    lines: list[str],
    language: str = "und",
    *,
    scrape: bool = True,
    known_title: str | None = None,
    model: LineModel | bool = True,
    memory: LineMemory | None = None,
) -> Result:
    """Decide for every block whether it is body, metadata or cruft.

    ``scrape`` is True for plain-text scrapes (the whole page is there, so a
    body region is sought and the line model weighs each line in its context);
    False for blocks an extractor already chose.  ``model`` is the line model
    to use (True: the packaged one; False: the rules decide alone).  ``memory``
    keeps lines judged on earlier pages (:class:`LineMemory`; the results are the same without).

    >>> r = classify(["Home News Sport Weather Culture Travel", "Advertisement", "Storm hits the coast",
    ...     "The storm reached the coast on Monday and it was the strongest in a decade, officials said.",
    ...     "By Ann Lee", "Share this article"])
    >>> r.kept, r.title, r.authors
    (['The storm reached the coast on Monday and it was the strongest in a decade, officials said.'], \
'Storm hits the coast', ['Ann Lee'])
    >>> [reason for _, reason in r.removed]
    ['navigation', 'ad', 'title', 'byline', 'share']
    """
    page = measure_page(list(lines), language, scrape, memory)
    rules = judge(lines, language, scrape=scrape, known_title=known_title, page=page)
    if scrape and model is not False:
        _weigh_in_context(rules, load_model() if model is True else model)
    return finish(rules)


def judge(
    lines: list[str],
    language: str = "und",
    *,
    scrape: bool = True,
    known_title: str | None = None,
    page: Page | None = None,
) -> Rules:
    """The rules alone: evidence classes, body region, in-body context, lifted metadata.

    ``page`` is these lines already measured (:func:`measure_page`), when the caller has it.
    """
    lines = list(lines)
    if page is None:
        page = measure_page(lines, language, scrape)
    order = page.order
    n = len(lines)
    cls = page.cls[order]
    rules = Rules(lines, page, cls.copy(), weights=_weights(page)[order] if scrape else np.zeros(0))
    if n == 0:
        return rules
    weights = rules.weights
    good = page.good[order]
    start, end = best_run(weights, 0, n)[:2] if scrape else (0, n)
    if not good[start:end].any():  # no line reads as prose (a note, a list): position says nothing
        start, end = 0, n
    rules.region = (start, end)
    # A margin of one or two plain lines, or of nothing but sentences, is not a menu or a footer:
    # a clean article's own text must come out of a second pass unchanged.
    has_cls = cls != KEPT
    sentence = page.column("sentence")[order] > 0
    if _plain_margin(has_cls[:start], sentence[:start]):
        start = 0
    if _plain_margin(has_cls[end:], sentence[end:]):
        end = n
    # Outside the body region, lines without a class of their own are menus and footers, unless a further
    # run of prose holds them (an article split by a gallery or a sign-up form).
    left_to_position = ~has_cls
    if scrape and EXTRA_FRACTION > 0 and start < end:
        floor = EXTRA_FRACTION * best_run(weights, start, end)[2]
        for a, b in [*_other_runs(weights, 0, start, floor), *_other_runs(weights, end, n, floor)]:
            left_to_position[a:b] = False
    reasons = rules.reasons
    reasons[:start][left_to_position[:start]] = CODE["navigation"]
    reasons[end:][left_to_position[end:]] = CODE["footer"]
    # A caption printed twice: once bare, then again with its credit appended.
    caption = CODE["caption"]
    for i in _nonzero((cls[1:] == caption) & (cls[:-1] == KEPT)).tolist():
        fp = page.fingerprint(int(order[i]))
        if len(fp) >= 20 and page.fingerprint(int(order[i + 1])).startswith(fp):
            reasons[i] = caption
    _in_body_context(rules, start, end, scrape)
    _teaser_lists(rules)
    _lift(rules, known_title)
    return rules


def model_inputs(rules: Rules) -> PageInputs:
    """What the line model reads of a page the rules have judged (:func:`~cleaner.cruft.features.page_table`)."""
    page = rules.page
    dec = np.minimum(rules.reasons, KEPT)  # the model's own "boilerplate" is no class of the rules
    weights = rules.weights if len(rules.weights) == len(rules.lines) else _weights(page)[page.order]
    return PageInputs(page.rows, page.stops, page.good, page.urls(), page.order, weights, page.cls[page.order], dec,
                      rules.region)  # fmt: skip


def line_table(rules: Rules) -> np.ndarray:
    """The line model's feature table for a page the rules have judged (see :mod:`cleaner.cruft.features`)."""
    return page_table(model_inputs(rules))


def left_alone(rules: Rules) -> bool:
    """Whether the line model leaves the page as the rules judged it: they found nothing to remove (a clean text)."""
    return bool((rules.reasons == KEPT).all())


def open_lines(rules: Rules) -> np.ndarray:
    """Which lines the line model decides (see :func:`apply_line_model`)."""
    reasons = rules.reasons
    cls = rules.page.cls[rules.page.order]
    positional = _IS_POSITIONAL[reasons] & (cls == KEPT)
    redecided = _IS_REDECIDED[reasons] & (len(reasons) >= MODEL_MIN_LINES)
    return (reasons == KEPT) | positional | redecided


def _weigh_in_context(rules: Rules, model: LineModel | None) -> None:
    """Let the line model decide every line the rules left to position (see :func:`apply_line_model`)."""
    if model is None or left_alone(rules):
        return
    probabilities = model.page_probabilities(model_inputs(rules), open_lines(rules))
    apply_line_model(rules, probabilities, model.threshold, model.drop_below)


def apply_line_model(
    rules: Rules, probabilities: np.ndarray | list[float], threshold: float, drop_below: float
) -> None:
    """Keep or remove each line the rules left to position, by the model's probability that it is article.

    A line the rules removed only for its position, or by a context rule in :data:`REDECIDED`
    (a related headline), comes back from ``threshold`` up; a line the rules kept goes only below
    ``drop_below``.  Lines with a class of their own (ad, byline, share bar…) or from the other
    in-body context rules (teaser list, embed echo, duplicate) stay as the rules decided; on a
    page of fewer than :data:`MODEL_MIN_LINES` lines the model only gives back positional removals.
    A line removed for its position is named by where it sits: ``navigation`` above the kept
    text, ``footer`` below it, ``boilerplate`` between kept lines; a related headline keeps its name.
    """
    reasons = rules.reasons
    open_ = open_lines(rules)
    if len(reasons) < MODEL_MIN_LINES:
        drop_below = 0.0
    p = np.asarray(probabilities, dtype=float)
    kept_now = reasons == KEPT
    keep = open_ & (p >= np.where(kept_now, drop_below, threshold))
    kept = _nonzero(keep)
    # The rules' body region stands in for the kept text when nothing is kept.
    first, last = (kept[0], kept[-1]) if len(kept) else (rules.region[0], rules.region[1] - 1)
    index = np.arange(len(reasons))
    named = np.where(index < first, CODE["navigation"], np.where(index > last, CODE["footer"], BOILERPLATE))
    # a related headline the model agrees on keeps its name
    renamed = open_ & ~keep & ~_IS_REDECIDED[reasons]
    reasons[renamed] = named[renamed]
    reasons[keep] = KEPT


def finish(rules: Rules) -> Result:
    """The last step after rules and model: split credits glued to kept paragraphs; the page's result."""
    page = rules.page
    texts, reasons = list(rules.lines), rules.decisions
    authors = list(rules.authors)
    # A credit glued to the end of a kept paragraph ("…dealt with.”The Associated Press’s Matthew Lee").
    literals = page.column("literals")[page.order]
    glued = (rules.reasons == KEPT) & ((literals & (BIT["possessive"] | BIT["by_space"])) != 0)
    splits = []
    for i in _nonzero(glued).tolist():
        split = lift.credit_suffix(texts[i])
        if split:
            splits.append((i, split[0], split[1]))
            authors.extend(n for n in split[2] if n not in authors)
    for i, body, credit in reversed(splits):  # from the end: an insertion moves only the lines after it
        texts[i : i + 1] = [body, credit]
        reasons[i : i + 1] = [None, "byline"]
    return Result(texts, reasons, rules.title, authors, rules.published, page.language)


def _in_body_context(rules: Rules, start: int, end: int, scrape: bool) -> None:
    """Inside the body region: duplicates, related headlines (scrapes), and embedded posts' echoes."""
    if start >= end:
        return
    page, reasons = rules.page, rules.reasons
    order = page.order[start:end]
    kept = reasons[start:end] == KEPT
    embed = CODE["embed"]
    embed_links = (page.column("literals")[order] & BIT["embed_link"]) != 0
    if (reasons[start:end] == embed).any() or (embed_links & kept).any():
        _in_body_context_lines(rules, start, end, scrape)  # an embedded post: every line in turn
        return
    # Without one, only duplicates and related headlines: a line can be either only if it is a candidate.
    fp_id = page.column("fp_id")[order]
    nonempty = page.column("words")[order] > 0  # a line without words has an empty fingerprint
    counted = _nonzero(kept & nonempty)
    repeated = np.zeros(end - start, dtype=bool)
    repeated[counted] = np.bincount(fp_id[counted], minlength=len(page.texts))[fp_id[counted]] >= 2
    headline = np.zeros(end - start, dtype=bool)
    if scrape:
        headline = kept & page.related_shaped()[order]
        for i in _nonzero(headline).tolist():
            headline[i] = not page.has_url(int(order[i]))
    candidates = _nonzero(repeated | headline)
    if not len(candidates):
        return
    codes = reasons.tolist()
    seen: set[int] = set()
    duplicate, related = CODE["duplicate"], CODE["related"]
    for c in candidates.tolist():
        i, f = start + c, int(fp_id[c])
        if repeated[c] and f in seen:
            codes[i] = duplicate
        elif headline[c] and _related_headline(rules, codes, i, start, end):
            codes[i] = related
        else:
            seen.add(f)
    reasons[start:end] = codes[start:end]


def _in_body_context_lines(rules: Rules, start: int, end: int, scrape: bool) -> None:
    """:func:`_in_body_context` line by line: an embedded post reads the prints of the body before it."""
    page, order = rules.page, rules.page.order
    codes = rules.reasons.tolist()
    literals = page.column("literals")
    seen: dict[str, int] = {}
    body_prints: list[str] = []
    embed, duplicate, related = CODE["embed"], CODE["duplicate"], CODE["related"]
    shaped = page.related_shaped()
    for i in range(start, end):
        u = int(order[i])
        text = page.texts[u]
        if (
            codes[i] == KEPT
            and literals[u] & BIT["embed_link"]
            and patterns.EMBED_LINK.search(text.lower())
            and _echoes(text, body_prints)
        ):
            codes[i] = embed
        if codes[i] != KEPT:
            if codes[i] == embed:
                _embed_echoes(rules, codes, i, start, body_prints)
            continue
        fp = page.fingerprint(u)
        if fp and fp in seen:
            codes[i] = duplicate
            continue
        # An extractor already dropped linked headlines; the ones it kept are the article's subheadings.
        if scrape and shaped[u] and not page.has_url(u) and _related_headline(rules, codes, i, start, end):
            codes[i] = related
            continue
        seen[fp] = i
        body_prints.append(fp)
    rules.reasons[:] = codes


def _embed_echoes(rules: Rules, codes: list[int], i: int, start: int, body_prints: list[str]) -> None:
    """Before an embedded post's signature, lines that copy a quote already in the article are its echo."""
    embed, duplicate = CODE["embed"], CODE["duplicate"]
    j = i - 1
    while j >= max(start, i - 6):
        code = codes[j]
        if code in {embed, duplicate} or (code == KEPT and _echoes(rules.lines[j], body_prints[:-1])):
            if code == KEPT and body_prints:
                body_prints.pop()  # it was counted as body when it was read
            codes[j] = embed
            j -= 1
            continue
        break


def _echoes(text: str, body_prints: list[str]) -> bool:
    """Is ``text`` (minus a picture link and a "…" truncation) a copy of part of one earlier body line?"""
    head = fingerprint(patterns.EMBED_LINK.sub(" ", text.lower()).split("…")[0])
    return len(head) >= 20 and any(head in fp for fp in body_prints)


def _related_headline(rules: Rules, codes: list[int], i: int, start: int, end: int) -> bool:
    """A headline-shaped line (the caller checked its shape) wedged between two prose paragraphs."""
    prev = next((j for j in range(i - 1, start - 1, -1) if codes[j] == KEPT), None)
    if prev is None or i + 1 >= end:
        return False
    page, order = rules.page, rules.page.order
    prev_u, next_u = order[prev], order[i + 1]
    return bool(page.good[prev_u] and page.column("sentence")[prev_u] and page.good[next_u])


def _teaser_lists(rules: Rules) -> None:
    """Under a bare "Read more"/"Related" heading, the headline-shaped lines that follow are teasers too."""
    page, order, reasons = rules.page, rules.page.order, rules.reasons
    teaser = CODE["teaser"]
    headings = [u for u, line in page.judged.items() if line.cls == "teaser" and line.header]
    if not headings:
        return
    cls = page.cls[order].tolist()
    is_heading = np.zeros(len(page.texts), dtype=bool)
    is_heading[headings] = True
    heading = is_heading[order]
    headline = page.headline_like()[order]
    in_list = False
    for i in range(int(np.argmax(heading)), len(order)):
        if cls[i] == teaser and heading[i]:
            in_list = True
        elif in_list and cls[i] == KEPT and headline[i]:
            reasons[i] = teaser
        elif cls[i] == KEPT:
            in_list = False


def _lift(rules: Rules, known_title: str | None) -> None:
    page, order, reasons = rules.page, rules.page.order, rules.reasons
    for i in _nonzero(reasons == CODE["byline"]).tolist():
        rules.authors.extend(n for n in page.judged[int(order[i])].names if n not in rules.authors)
    for i in _nonzero(reasons == CODE["dateline"]).tolist():
        date = page.judged[int(order[i])].date
        if date:
            rules.published = date
            break
    body = _nonzero((reasons == KEPT) & page.good[order])
    if not len(body) or known_title:
        # Without a body there is no headline above it.  With a known title, the page's markup already named
        # it; a heading in the text that repeats it is left alone: on the dev set removing it lost more
        # expected text than it removed unwanted text.
        return
    cls = page.cls[order]
    for i in range(int(body[0]) - 1, -1, -1):
        if cls[i] == CODE["navigation"]:
            break  # menus sit above the headline, never between it and the body
        if cls[i] != KEPT:
            continue  # bylines, captions, share bars sit between headline and body
        if reasons[i] == CODE["caption"]:
            continue
        text = rules.lines[i].rstrip()
        n_words = page.column("words")[order[i]]
        if 3 <= n_words <= 30 and text[:1].isupper() and not text.endswith((".", ":", ",", ";")):
            reasons[i] = CODE["title"]
            rules.title = text
        break
