"""The stage order, in one place, and the object that runs it.

Why this order:

* encoding repair runs right after extraction, before anything judges the
  text, so mojibake cannot hide stop words or sentence punctuation from the
  cruft classifier or the language detector;
* normalisation follows, so later stages see one space per gap and no
  invisible characters;
* language comes before cruft so the cruft classifier can use the
  stop-word list of the article's own language;
* sentences are split last, on the final text, with the detected language.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any

from cleaner.document import Article, Document, Rejected
from cleaner.options import DEFAULT_OPTIONS, StageOptions  # re-exported: the run's choices, beside the order
from cleaner.stages.base import Stage, StageStats
from cleaner.stages.cruft import RemoveCruft
from cleaner.stages.decode import Decode
from cleaner.stages.emit import Emit
from cleaner.stages.encoding import FixEncoding
from cleaner.stages.extract import Extract
from cleaner.stages.language import DetectLanguage
from cleaner.stages.normalize import Normalize
from cleaner.stages.sentences import SplitSentences

__all__ = ["DEFAULT_OPTIONS", "STAGE_ORDER", "Outcome", "Pipeline", "StageOptions", "default_stages", "stages_for"]

STAGE_ORDER: tuple[type[Stage], ...] = (
    Decode,
    Extract,
    FixEncoding,
    Normalize,
    DetectLanguage,
    RemoveCruft,
    SplitSentences,
    Emit,
)


def default_stages(
    before: str | None = None, *, line_model: bool = True, paragraph_languages: bool = True
) -> list[Stage]:
    """A fresh list of the standard stages, in pipeline order; with ``before``, only those ahead of that stage.

    ``line_model=False`` gives the cruft stage the rules alone (``RemoveCruft(model=False)``);
    ``paragraph_languages=False`` skips the sentence stage's per-paragraph language check.

    >>> [s.name for s in default_stages(before="cruft")]
    ['decode', 'extract', 'encoding', 'normalize', 'language']
    """
    names = [cls.name for cls in STAGE_ORDER]
    end = names.index(before) if before is not None else len(names)

    def make(cls: type[Stage]) -> Stage:
        if cls is RemoveCruft and not line_model:
            return RemoveCruft(model=False)
        if cls is SplitSentences and not paragraph_languages:
            return SplitSentences(paragraph_languages=False)
        return cls()

    return [make(cls) for cls in STAGE_ORDER[:end]]


def stages_for(options: StageOptions) -> list[Stage]:
    """The standard stages as ``options`` set them."""
    return default_stages(**asdict(options))


@dataclass
class Outcome:
    """What happened to one document: an article, or a rejection."""

    doc: Document
    article: Article | None
    rejection: Rejected | None
    seconds: float


class Pipeline:
    """Runs documents through a list of stages and keeps each stage's counts.

    >>> from cleaner.document import Document
    >>> p = Pipeline()
    >>> p.process(Document(raw=b"A short note. It has two sentences.")).sentences
    ['A short note.', 'It has two sentences.']
    """

    def __init__(self, stages: list[Stage] | None = None) -> None:
        self.stages = stages if stages is not None else default_stages()

    def process(self, doc: Document) -> Article:
        """Run every stage on ``doc``; return its article or raise :class:`Rejected`.

        An unexpected error inside a stage becomes a rejection with reason
        ``error:<stage>`` so one bad document never stops a run.
        """
        for stage in self.stages:
            _step(stage, doc)
        return _article(doc)

    def outcome(self, doc: Document) -> Outcome:
        """Like :meth:`process` but never raises: returns an :class:`Outcome`."""
        start = time.perf_counter()
        try:
            article = self.process(doc)
            return Outcome(doc, article, None, time.perf_counter() - start)
        except Rejected as exc:
            return Outcome(doc, None, exc, time.perf_counter() - start)

    def outcomes(self, docs: Sequence[Document]) -> list[Outcome]:
        """The :meth:`outcome` of each of ``docs``, in order, running each stage over all of them in turn.

        A stage that runs over many documents in a row keeps its patterns and tables in the processor's
        caches; document by document, the stages in between push them out (``python -m bench pipeline``:
        0.96 × the time of one document at a time, in batches of 32 dev pages).
        Every document gets what :meth:`outcome` would give it.
        """
        seconds = [0.0] * len(docs)
        rejections: list[Rejected | None] = [None] * len(docs)
        for stage in self.stages:
            for i, doc in enumerate(docs):
                if rejections[i] is not None:
                    continue
                start = time.perf_counter()
                try:
                    _step(stage, doc)
                except Rejected as exc:
                    rejections[i] = exc
                seconds[i] += time.perf_counter() - start
        out = []
        for doc, rejection, spent in zip(docs, rejections, seconds, strict=True):
            try:
                article = _article(doc) if rejection is None else None
            except Rejected as exc:
                rejection = exc
                article = None
            out.append(Outcome(doc, article, rejection, spent))
        return out

    def run(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Article]:
        """Yield the article of every document that is not rejected, in order.

        Documents are read ``batch_size`` at a time and go through the stages together (see
        :meth:`outcomes`); ``batch_size=1`` runs them one by one.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            for result in self.outcomes(batch):
                if result.article is not None:
                    yield result.article

    def stats(self) -> dict[str, StageStats]:
        return {stage.name: stage.stats for stage in self.stages}

    def stats_dict(self) -> dict[str, Any]:
        return {name: s.to_dict() for name, s in self.stats().items()}


def _step(stage: Stage, doc: Document) -> None:
    """One stage on one document; an unexpected error becomes the rejection ``error:<stage>``."""
    try:
        stage.process_one(doc)
    except Rejected:
        raise
    except Exception as exc:
        reason = f"error:{stage.name}"
        stage.stats.rejected[reason] += 1
        raise Rejected(reason, f"{type(exc).__name__}: {exc}"[:500]) from exc


def _article(doc: Document) -> Article:
    if doc.article is None:
        raise Rejected("no-article", "the pipeline has no emit stage")
    return doc.article
