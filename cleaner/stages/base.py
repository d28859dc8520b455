"""What every stage shares: a name, counters, a clock.

A stage's :meth:`Stage.run` takes an iterator of documents and yields the
documents it forwards; subclasses write only :meth:`Stage.process`, which
edits one document in place and raises :class:`~cleaner.document.Rejected`
to drop it.  The base class counts and times everything, so a run can say
what each stage did.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cleaner.document import Document, Rejected


@dataclass
class StageStats:
    """Counts for one stage over a run; mergeable across workers."""

    processed: int = 0
    forwarded: int = 0
    changed: int = 0
    removed: int = 0  # pieces of text removed (each recorded in Document.removed)
    seconds: float = 0.0
    rejected: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)  # removal / change reasons

    def merge(self, other: StageStats) -> None:
        self.processed += other.processed
        self.forwarded += other.forwarded
        self.changed += other.changed
        self.removed += other.removed
        self.seconds += other.seconds
        self.rejected.update(other.rejected)
        self.reasons.update(other.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "processed": self.processed,
            "forwarded": self.forwarded,
            "changed": self.changed,
            "removed": self.removed,
            "rejected": dict(sorted(self.rejected.items())),
            "reasons": dict(sorted(self.reasons.items())),
            "seconds": round(self.seconds, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StageStats:
        return cls(
            processed=data.get("processed", 0),
            forwarded=data.get("forwarded", 0),
            changed=data.get("changed", 0),
            removed=data.get("removed", 0),
            seconds=data.get("seconds", 0.0),
            rejected=Counter(data.get("rejected", {})),
            reasons=Counter(data.get("reasons", {})),
        )


class Stage:
    """Base class of all stages.  Subclasses set ``name`` and write ``process``."""

    name: str = "stage"

    def __init__(self) -> None:
        self.stats = StageStats()

    def process(self, doc: Document) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def process_one(self, doc: Document) -> Document:
        """Run this stage on one document, counting and timing it.

        Raises :class:`Rejected` (after counting it) if the stage drops it.
        """
        stats = self.stats
        stats.processed += 1
        n_removed = len(doc.removed)
        n_changes = sum(c["count"] for c in doc.changes)
        before = self._fingerprint(doc)
        start = time.perf_counter()
        try:
            self.process(doc)
        except Rejected as exc:
            stats.rejected[exc.reason] += 1
            raise
        finally:
            stats.seconds += time.perf_counter() - start
        new_removals = doc.removed[n_removed:]
        if new_removals:
            stats.removed += len(new_removals)
            stats.reasons.update(r.reason for r in new_removals)
        if sum(c["count"] for c in doc.changes) != n_changes or new_removals or self._fingerprint(doc) != before:
            stats.changed += 1
        stats.forwarded += 1
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield each document this stage forwards; rejected ones are dropped.

        Callers that must know *why* a document was dropped use
        :meth:`process_one`, which raises :class:`Rejected`.
        """
        for doc in docs:
            try:
                yield self.process_one(doc)
            except Rejected:
                continue

    @staticmethod
    def _fingerprint(doc: Document) -> int:
        # Change detector for stages that edit fields without recording a change.
        return hash((tuple(doc.lines), doc.title, tuple(doc.authors), doc.published, doc.language, doc.url))
