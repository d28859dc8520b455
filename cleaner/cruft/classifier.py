"""The classifier: per-line signals → per-line class → context smoothing → explained decisions.

Steps, each explainable on its own:

1. **Signals** per line (:mod:`cleaner.cruft.signals`): length, words,
   stop-word density in the article's language, sentence ending.
2. **Evidence classes** (:mod:`cleaner.cruft.patterns`, :mod:`cleaner.cruft.lift`):
   a line whose shape *and* vocabulary fit a class (share bar, ad slot,
   byline, dateline…) gets that class.
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

import heapq
import re
from dataclasses import dataclass, field

import numpy as np

from cleaner.cruft import lift, patterns
from cleaner.cruft.features import page_table
from cleaner.cruft.model import LineModel
from cleaner.cruft.model import load as load_model
from cleaner.cruft.signals import (
    CLOSERS,
    capitalised_share,
    ends_sentence,
    fingerprint,
    fingerprint_of_words,
    has_url,
    is_headline_like,
    lower_words,
    stop_density,
)
from cleaner.cruft.stoplists import best_stoplist

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
    """One block and its signals; filled in when the line is judged, read-only afterwards."""

    text: str
    n_chars: int
    n_words: int
    stops: float
    sentence: bool
    good: bool = False
    cls: str | None = None  # evidence class, if any
    header: bool = False  # a bare teaser heading: a list of teasers follows
    names: tuple[str, ...] = ()  # a byline's person names
    date: str | None = None
    fp: str = ""  # its fingerprint (signals.fingerprint), for repeats and echoes


@dataclass(slots=True)
class Decision:
    """What happens to one block: kept (``reason`` None) or removed with ``reason`` = class name."""

    text: str
    reason: str | None = None


@dataclass(slots=True)
class Result:
    """The classifier's output: decisions in line order, and lifted metadata."""

    decisions: list[Decision]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str = "und"

    @property
    def kept(self) -> list[str]:
        return [d.text for d in self.decisions if d.reason is None]

    @property
    def removed(self) -> list[tuple[str, str]]:
        return [(d.text, d.reason) for d in self.decisions if d.reason is not None]


def _share_bar(toks: list[str], stops: frozenset[str]) -> bool:
    if patterns.SHARE_WORDS.isdisjoint(toks):  # a set test in C: most lines hold no share word
        return False
    filler = sum(1 for t in toks if t in patterns.SHARE_WORDS or t in stops or t.isdigit())
    return filler >= 0.8 * len(toks)


_CLAUSE_PUNCT = frozenset(",.;:!?")


def _menu(text: str, toks: list[str], stops: frozenset[str]) -> bool:
    # A menu bar run together: capitalised items, often a label repeated ("Events Events").  Headlines
    # leave some words in lower case (sentence case, or "of"/"to" in title case); menus capitalise them all,
    # and some stop lists hold words like "home" or "video", so stop words alone cannot tell.
    has_stop = not stops.isdisjoint(toks)
    bare = len(toks) >= 5 and _CLAUSE_PUNCT.isdisjoint(text)
    if has_stop and not bare:
        return False  # neither test below can pass: the capitals need not be counted
    share = capitalised_share(text)
    if share == 1.0 and bare:
        return True
    if has_stop or share < 0.9:
        return False
    return len(toks) >= 6 or len(set(toks)) < len(toks)


_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def _teaser(line: Line, low: str, hits: frozenset[str]) -> bool:
    """A teaser heading ("Read more", "Mehr zum Thema") or a teaser link ("READ MORE – Headline")."""
    m = patterns.TEASER.match(low)
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


def evidence(
    line: Line,
    toks: list[str],
    stops: frozenset[str],
    scrape: bool = True,
    low: str | None = None,
    hits: frozenset[str] | None = None,
) -> str | None:
    """The cruft or metadata class a line's own shape and words point to, or None.

    Long lines are prose whatever words they contain, so only short ones are tested.  ``low`` is the
    lower-cased text and ``hits`` its ``patterns.literal_hits`` families (computed here when not given).
    """
    text, n = line.text, line.n_words
    if n > 80:  # (``_literal_hits`` relies on this bound and on HITS_MAX_WORDS below)
        return None
    if low is None:
        low = text.lower()  # keyword patterns are written in lower case and matched without re.IGNORECASE
    if hits is None:
        hits = patterns.literal_hits([low])[0]
    if n <= 4 and patterns.AD.match(low):
        return "ad"
    if n <= 12 and "skip" in hits and patterns.SKIP.search(low):
        return "navigation"
    if n <= 20 and patterns.EMBED_SIGNATURE.match(text):
        return "embed"
    if n <= 20:
        names = lift.byline(text, toks[0] if toks else "")
        if names:
            line.names = tuple(names)
            return "byline"
        is_date, date = lift.dateline(text, toks[0] if toks else "")
        if is_date:
            line.date = date
            return "dateline"
        teaser = _teaser(line, low, hits)
        if teaser:
            return "teaser"
        if n <= 12 and patterns.AD_DISCLOSURE.match(low):
            return "ad"
        if n <= 10 and patterns.TAXONOMY.match(low):
            return "navigation"
    if n <= 40 and toks and toks[0] in patterns.FOLLOW_FIRST and patterns.FOLLOW.match(low):
        return "share"
    if n <= 60 and patterns.contains_any(low, patterns.AFFILIATE_LITERALS) and patterns.AFFILIATE.search(low):
        return "ad"
    if n <= 25 and "video" in hits and patterns.VIDEO.search(low):
        return "video"
    credit_words = line.n_chars <= 400 and patterns.credit_words(low, toks)
    if credit_words and patterns.CREDIT.search(text):
        return "caption"
    if "cookie" in low and patterns.COOKIE.search(low) and patterns.COOKIE_CONTEXT.search(low):
        return "consent"
    if scrape and n >= 4 and not line.sentence and _menu(line.text, toks, stops):
        return "navigation"
    if n <= 12 and not line.sentence and _share_bar(toks, stops):
        return "share"
    if n <= 25 and "support" in hits and patterns.SUPPORT.search(low):
        return "support"
    if n <= 25 and (n <= 12 or not line.sentence) and "newsletter" in hits and patterns.NEWSLETTER.search(low):
        return "newsletter"
    if n <= 10 and not line.sentence and "comments" in hits and patterns.COMMENTS.search(low):
        return "comments"
    if n <= 8 and not line.sentence and patterns.FOOTER.search(low):
        return "footer"
    if scrape and not line.sentence and "breadcrumb" in hits and patterns.is_breadcrumb(text):
        return "navigation"
    return None


# The longest line whose literal hits ``evidence`` reads: every keyword family is tested up to this many words,
# and only the breadcrumb test (scrapes, lines that do not end a sentence) on longer lines, up to evidence's 80.
HITS_MAX_WORDS = 25


def _literal_hits(lines: list[Line], lows: list[str], scrape: bool) -> list[frozenset[str]]:
    """``patterns.literal_hits`` of each measured line, scanning only the lines whose hits ``evidence`` can read.

    Long prose lines hold most of a page's characters and no test of theirs reads the hits, so they
    are left out of the page-wide scan and get none.
    """
    wanted = [
        i
        for i, line in enumerate(lines)
        if line.n_words <= HITS_MAX_WORDS or (scrape and line.n_words <= 80 and not line.sentence)
    ]
    if len(wanted) == len(lines):
        return patterns.literal_hits(lows)
    out = [patterns.NO_HITS] * len(lines)
    for i, hits in zip(wanted, patterns.literal_hits([lows[i] for i in wanted]), strict=True):
        out[i] = hits
    return out


def _signals(lines: list[str], language: str, scrape: bool = True) -> tuple[list[Line], str]:
    # Menus and share bars repeat within a page: each distinct text is measured and judged once.
    unique = list(dict.fromkeys(lines))
    lows = [t.lower() for t in unique]
    tokens = list(map(lower_words, lows))
    position = {text: i for i, text in enumerate(unique)}
    # Choose the stop list on the longest lines: that is where the prose is.
    sample: list[str] = []
    for i in heapq.nlargest(SAMPLE_LINES, range(len(lines)), key=list(map(len, lines)).__getitem__):
        sample.extend(tokens[position[lines[i]]])
    lang, stops = best_stoplist(sample, hint=language)
    measured = [
        Line(text, len(text), len(toks), stop_density(toks, stops), ends_sentence(text))
        for text, toks in zip(unique, tokens, strict=True)
    ]
    for line, toks, low, hits in zip(measured, tokens, lows, _literal_hits(measured, lows, scrape), strict=True):
        line.fp = fingerprint_of_words(toks)
        line.good = line.n_chars >= GOOD_CHARS and (line.stops >= GOOD_STOPS if stops else line.sentence)
        line.cls = evidence(line, toks, stops, scrape, low, hits)
        if line.cls is not None:
            line.good = False
    # Lines are read-only once judged, so repeats share one object.
    return [measured[position[text]] for text in lines], lang


def _weight(line: Line) -> float:
    if line.cls is not None:
        return INTERSTITIAL_PENALTY if line.cls in INTERSTITIAL else CRUFT_PENALTY
    if line.good:
        return min(line.n_chars / GOOD_CHARS, MAX_GOOD)
    if line.sentence and line.n_words >= 4:
        return 0.2
    return SHORT_PENALTY


def _plain_margin(margin: list[Line]) -> bool:
    if any(f.cls is not None for f in margin):
        return False
    return len(margin) <= MARGIN or all(f.sentence for f in margin)


def body_region(weights: list[float]) -> tuple[int, int]:
    """``(start, end)`` of the best-scoring contiguous run of lines by weight (end exclusive); (0, 0) if none."""
    return _best_run(weights, 0, len(weights))[:2]


def _best_run(weights: list[float], lo: int, hi: int) -> tuple[int, int, float]:
    best, best_span = 0.0, (lo, lo)
    run, start = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, start = 0.0, i
        run += weights[i]
        if run > best:
            best, best_span = run, (start, i + 1)
    return best_span[0], best_span[1], best


def _other_runs(weights: list[float], lo: int, hi: int, floor: float) -> list[tuple[int, int]]:
    """Further runs in ``[lo, hi)`` scoring at least ``floor``: an article split by a gallery or a form."""
    start, end, score = _best_run(weights, lo, hi)
    if score < floor or start == end:
        return []
    return [*_other_runs(weights, lo, start, floor), (start, end), *_other_runs(weights, end, hi, floor)]


def classify(
    lines: list[str],
    language: str = "und",
    *,
    scrape: bool = True,
    known_title: str | None = None,
    model: LineModel | bool = True,
) -> Result:
    """Decide for every block whether it is body, metadata or cruft.

    ``scrape`` is True for plain-text scrapes (the whole page is there, so a
    body region is sought and the line model weighs each line in its context);
    False for blocks an extractor already chose.  ``model`` is the line model
    to use (True: the packaged one; False: the rules decide alone).

    >>> r = classify(["Home News Sport Weather Culture Travel", "Advertisement", "Storm hits the coast",
    ...     "The storm reached the coast on Monday and it was the strongest in a decade, officials said.",
    ...     "By Ann Lee", "Share this article"])
    >>> r.kept, r.title, r.authors
    (['The storm reached the coast on Monday and it was the strongest in a decade, officials said.'], \
'Storm hits the coast', ['Ann Lee'])
    >>> [reason for _, reason in r.removed]
    ['navigation', 'ad', 'title', 'byline', 'share']
    """
    rules = judge(lines, language, scrape=scrape, known_title=known_title)
    if scrape and model is not False:
        _weigh_in_context(rules, load_model() if model is True else model)
    return finish(rules)


@dataclass(slots=True)
class Rules:
    """What the rules decided for a page, with what the line model needs to weigh it."""

    feats: list[Line]
    result: Result
    region: tuple[int, int]
    weights: list[float] = field(default_factory=list)  # each line's body-region weight (scrapes)


def judge(lines: list[str], language: str = "und", *, scrape: bool = True, known_title: str | None = None) -> Rules:
    """The rules alone: evidence classes, body region, in-body context, lifted metadata."""
    feats, lang = _signals(lines, language, scrape)
    result = Result([Decision(t) for t in lines], language=lang)
    if not feats:
        return Rules(feats, result, (0, 0))
    # Each line's weight once: the body region and the further runs below read them several times.
    weights = list(map(_weight, feats)) if scrape else []
    start, end = body_region(weights) if scrape else (0, len(feats))
    if not any(f.good for f in feats[start:end]):  # no line reads as prose (a note, a list): position says nothing
        start, end = 0, len(feats)
    region = (start, end)
    # A margin of one or two plain lines, or of nothing but sentences, is not a menu or a footer:
    # a clean article's own text must come out of a second pass unchanged.
    if _plain_margin(feats[:start]):
        start = 0
    if _plain_margin(feats[end:]):
        end = len(feats)
    decisions = result.decisions

    extra: set[int] = set()
    if scrape and EXTRA_FRACTION > 0 and start < end:
        floor = EXTRA_FRACTION * _best_run(weights, start, end)[2]
        for a, b in [*_other_runs(weights, 0, start, floor), *_other_runs(weights, end, len(feats), floor)]:
            extra.update(range(a, b))
    for i, line in enumerate(feats):
        if line.cls is not None:
            decisions[i].reason = line.cls
        elif i in extra:
            continue
        elif i < start:
            decisions[i].reason = "navigation"
        elif i >= end:
            decisions[i].reason = "footer"

    for i in range(len(feats) - 1):
        # A caption printed twice: once bare, then again with its credit appended.
        if feats[i + 1].cls == "caption" and feats[i].cls is None:
            fp = feats[i].fp
            if len(fp) >= 20 and feats[i + 1].fp.startswith(fp):
                decisions[i].reason = "caption"
    _in_body_context(feats, decisions, start, end, scrape)
    _teaser_lists(feats, decisions)
    _lift(feats, decisions, result, known_title)
    return Rules(feats, result, region, weights)


def line_table(rules: Rules) -> np.ndarray:
    """The line model's feature table for a page the rules have judged (see :mod:`cleaner.cruft.features`)."""
    reasons = [d.reason for d in rules.result.decisions]
    weights = rules.weights if len(rules.weights) == len(rules.feats) else list(map(_weight, rules.feats))
    return page_table(rules.feats, reasons, weights, rules.region)


def _positional(line: Line, reason: str | None) -> bool:
    """A removal the rules made only because of where the line sits (outside the body region)."""
    return reason in POSITIONAL and line.cls is None


def left_alone(rules: Rules) -> bool:
    """Whether the line model leaves the page as the rules judged it: they found nothing to remove (a clean text)."""
    return all(d.reason is None for d in rules.result.decisions)


def _weigh_in_context(rules: Rules, model: LineModel | None) -> None:
    """Let the line model decide every line the rules left to position (see :func:`apply_line_model`)."""
    if model is None or left_alone(rules):
        return
    probabilities = model.probabilities(line_table(rules)).tolist()
    apply_line_model(rules, probabilities, model.threshold, model.drop_below)


def apply_line_model(rules: Rules, probabilities: list[float], threshold: float, drop_below: float) -> None:
    """Keep or remove each line the rules left to position, by the model's probability that it is article.

    A line the rules removed only for its position, or by a context rule in :data:`REDECIDED`
    (a related headline), comes back from ``threshold`` up; a line the rules kept goes only below
    ``drop_below``.  Lines with a class of their own (ad, byline, share bar…) or from the other
    in-body context rules (teaser list, embed echo, duplicate) stay as the rules decided; on a
    page of fewer than :data:`MODEL_MIN_LINES` lines the model only gives back positional removals.
    A line removed for its position is named by where it sits: ``navigation`` above the kept
    text, ``footer`` below it, ``boilerplate`` between kept lines; a related headline keeps its name.
    """
    decisions, feats = rules.result.decisions, rules.feats
    short = len(feats) < MODEL_MIN_LINES
    if short:
        drop_below = 0.0

    def is_open(line: Line, reason: str | None) -> bool:
        return reason is None or _positional(line, reason) or (reason in REDECIDED and not short)

    open_ = [is_open(f, d.reason) for f, d in zip(feats, decisions, strict=True)]
    keep = [
        o and p >= (drop_below if d.reason is None else threshold)
        for o, p, d in zip(open_, probabilities, decisions, strict=True)
    ]
    kept = [i for i, k in enumerate(keep) if k]
    # The rules' body region stands in for the kept text when nothing is kept.
    first, last = (kept[0], kept[-1]) if kept else (rules.region[0], rules.region[1] - 1)
    for i, dec in enumerate(decisions):
        if not open_[i]:
            continue
        if keep[i]:
            dec.reason = None
        elif dec.reason not in REDECIDED:  # a related headline the model agrees on keeps its name
            dec.reason = "navigation" if i < first else "footer" if i > last else "boilerplate"


def finish(rules: Rules) -> Result:
    """The last step after rules and model: split credits glued to kept paragraphs; the page's result."""
    _split_glued_credits(rules.feats, rules.result)
    return rules.result


def _in_body_context(feats: list[Line], decisions: list[Decision], start: int, end: int, scrape: bool) -> None:
    seen: dict[str, int] = {}
    body_prints: list[str] = []
    for i in range(start, end):
        line, dec = feats[i], decisions[i]
        if (
            dec.reason is None
            and "/" in line.text  # every embed literal holds one: most lines are not lower-cased at all
            and patterns.contains_any(line.text.lower(), patterns.EMBED_LITERALS)
            and patterns.EMBED_LINK.search(line.text.lower())
            and _echoes(line.text, body_prints)
        ):
            dec.reason = "embed"
        if dec.reason is not None:
            if dec.reason == "embed":
                _embed_echoes(feats, decisions, i, start, body_prints)
            continue
        fp = line.fp
        if fp and fp in seen:
            dec.reason = "duplicate"
            continue
        # An extractor already dropped linked headlines; the ones it kept are the article's subheadings.
        if scrape and _related_headline(feats, decisions, i, start, end):
            dec.reason = "related"
            continue
        seen[fp] = i
        body_prints.append(fp)


def _teaser_lists(feats: list[Line], decisions: list[Decision]) -> None:
    """Under a bare "Read more"/"Related" heading, the headline-shaped lines that follow are teasers too."""
    in_list = False
    for line, dec in zip(feats, decisions, strict=True):
        if line.cls == "teaser" and line.header:
            in_list = True
        elif in_list and line.cls is None and is_headline_like(line.text, line.n_words, line.sentence):
            dec.reason = "teaser"
        elif line.cls is None:
            in_list = False


def _embed_echoes(feats: list[Line], decisions: list[Decision], i: int, start: int, body_prints: list[str]) -> None:
    """Before an embedded post's signature, lines that copy a quote already in the article are its echo."""
    j = i - 1
    while j >= max(start, i - 6):
        dec = decisions[j]
        if dec.reason in {"embed", "duplicate"} or (dec.reason is None and _echoes(dec.text, body_prints[:-1])):
            if dec.reason == "duplicate":
                dec.reason = "embed"
            elif dec.reason is None:
                dec.reason = "embed"
                if body_prints:
                    body_prints.pop()  # it was counted as body when it was read
            j -= 1
            continue
        break


def _echoes(text: str, body_prints: list[str]) -> bool:
    """Is ``text`` (minus a picture link and a "…" truncation) a copy of part of one earlier body line?"""
    head = fingerprint(patterns.EMBED_LINK.sub(" ", text.lower()).split("…")[0])
    return len(head) >= 20 and any(head in fp for fp in body_prints)


def _related_headline(feats: list[Line], decisions: list[Decision], i: int, start: int, end: int) -> bool:
    """A headline-shaped line wedged between two prose paragraphs is a link to another story."""
    line = feats[i]
    if line.n_words < 6 or not is_headline_like(line.text, line.n_words, line.sentence) or has_url(line.text):
        return False
    prev = next((j for j in range(i - 1, start - 1, -1) if decisions[j].reason is None), None)
    nxt = i + 1 if i + 1 < end else None
    if prev is None or nxt is None:
        return False
    return feats[prev].good and feats[prev].sentence and feats[nxt].good


def _lift(feats: list[Line], decisions: list[Decision], result: Result, known_title: str | None) -> None:
    for line, dec in zip(feats, decisions, strict=True):
        if dec.reason == "byline":
            result.authors.extend(n for n in line.names if n not in result.authors)
        elif dec.reason == "dateline" and line.date and result.published is None:
            result.published = line.date
    first_body = next((i for i, d in enumerate(decisions) if d.reason is None and feats[i].good), None)
    if first_body is None:
        return
    if known_title:
        # The page's markup already named the title.  A heading in the text that repeats it is left alone:
        # on the dev set removing it lost more expected text than it removed unwanted text.
        return
    for i in range(first_body - 1, -1, -1):
        dec, line = decisions[i], feats[i]
        if line.cls == "navigation":
            break  # menus sit above the headline, never between it and the body
        if line.cls is not None:
            continue  # bylines, captions, share bars sit between headline and body
        if dec.reason == "caption":
            continue
        text = line.text.rstrip()
        if 3 <= line.n_words <= 30 and text[:1].isupper() and not text.endswith((".", ":", ",", ";")):
            dec.reason = "title"
            result.title = text
        break


def _split_glued_credits(feats: list[Line], result: Result) -> None:
    """A credit glued to the end of a kept paragraph ("…dealt with.”The Associated Press’s Matthew Lee")."""
    decisions = result.decisions
    for i, dec in enumerate(decisions):
        if dec.reason is None:
            split = lift.credit_suffix(dec.text)
            if split:
                body, credit, names = split
                dec.text = body
                decisions.insert(i + 1, Decision(credit, "byline"))
                feats.insert(i + 1, Line(credit, len(credit), len(names), 0.0, False, cls="byline"))
                result.authors.extend(n for n in names if n not in result.authors)
