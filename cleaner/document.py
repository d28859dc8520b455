"""The one type that flows through every stage, and the article it becomes.

A :class:`Document` starts as raw bytes plus where they came from; each stage
fills in or rewrites some of its fields.  The emit stage turns it into an
:class:`Article`, the canonical JSON record (schema version 1).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


class Rejected(Exception):
    """A document the pipeline refuses, with a short machine-readable reason.

    ``reason`` is a stable slug (``empty``, ``binary``, ``no-text``…) used in
    counts and reports; ``detail`` is a human sentence.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(slots=True)
class Removal:
    """A piece of text the pipeline removed, and why (``stage:class``)."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Document:
    """A document in flight between stages.

    ``lines`` is the working text: one block (paragraph, heading, list item,
    or scrape line) per entry.  Stages edit it; ``text`` joins it at the end.
    """

    raw: bytes
    path: str | None = None
    url: str | None = None
    format: str | None = None  # "html" | "text" | "feed"; None = detect
    encoding: str | None = None
    encoding_source: str | None = None  # bom | http | meta | xml | detected | utf-8
    html: str | None = None
    lines: list[str] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    sitename: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    language: str = "und"
    language_score: float = 0.0
    paragraph_languages: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # feed item info, record position…
    article: Article | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def text(self) -> str:
        """The article body: paragraphs separated by one blank line."""
        return "\n\n".join(line for line in self.lines if line)

    def remove(self, text: str, reason: str) -> None:
        """Record that ``text`` was removed for ``reason``."""
        if text:
            self.removed.append(Removal(text, reason))

    def note_change(self, stage: str, change: str, count: int = 1) -> None:
        """Record a non-removing edit (a repair, a normalisation)."""
        for entry in self.changes:
            if entry["stage"] == stage and entry["change"] == change:
                entry["count"] += count
                return
        self.changes.append({"stage": stage, "change": change, "count": count})


@dataclass(slots=True)
class Article:
    """A clean article: the canonical, schema-valid output of the pipeline."""

    id: str
    url: str | None
    source: dict[str, Any]
    title: str | None
    authors: list[str]
    published: str | None
    sitename: str | None
    description: str | None
    language: str
    language_score: float
    text: str
    sentences: list[str]
    paragraph_languages: list[dict[str, Any]]
    removed: list[dict[str, str]]
    changes: list[dict[str, Any]]
    stats: dict[str, int]
    pipeline: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The article as a dict whose key order is the canonical one."""
        out: dict[str, Any] = {
            "schema_version": self.schema_version,
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "sitename": self.sitename,
            "description": self.description,
            "language": self.language,
            "language_score": self.language_score,
            "text": self.text,
            "sentences": list(self.sentences),
            "paragraph_languages": self.paragraph_languages,
            "removed": self.removed,
            "changes": self.changes,
            "stats": self.stats,
            "pipeline": self.pipeline,
        }
        if self.extra:
            out["extra"] = self.extra
        return out

    def to_json(self, *, indent: int | None = 2) -> str:
        """Canonical JSON: fixed key order, UTF-8 text, no timestamps.

        >>> a = Article.from_dict({"id": "x", "text": "Hi."})
        >>> a.to_json(indent=None)[:32]
        '{"schema_version": 1, "id": "x",'
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from its JSON form (missing fields get defaults)."""
        return cls(
            id=data.get("id", ""),
            url=data.get("url"),
            source=data.get("source", {}),
            title=data.get("title"),
            authors=data.get("authors", []),
            published=data.get("published"),
            sitename=data.get("sitename"),
            description=data.get("description"),
            language=data.get("language", "und"),
            language_score=data.get("language_score", 0.0),
            text=data.get("text", ""),
            sentences=data.get("sentences", []),
            paragraph_languages=data.get("paragraph_languages", []),
            removed=data.get("removed", []),
            changes=data.get("changes", []),
            stats=data.get("stats", {}),
            pipeline=data.get("pipeline", {}),
            extra=data.get("extra", {}),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )
