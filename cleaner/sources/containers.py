"""Readers for files that hold many documents.

Each reader yields, in file order, either a :class:`~cleaner.document.Document`
or a :class:`RecordError` for a record that could not be read, so the rest
of the file is still processed.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from cleaner.document import Document


@dataclass(slots=True)
class RecordError:
    """A record that could not be turned into a document."""

    position: str  # "line 12", "offset 4096"…
    reason: str
    detail: str = ""


@dataclass(slots=True)
class RecordSkipped:
    """A record that is not a document on purpose (a WARC request, an image…): counted, not an error."""

    position: str
    reason: str


Record = Document | RecordError | RecordSkipped
Reader = Callable[[str, str], Iterator[Record]]


def _open(path: str) -> IO[bytes]:
    with open(path, "rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


def read_jsonl(path: str, rel: str) -> Iterator[Record]:
    """JSONL: one object per line, ``{"url", "html"}`` or ``{"text"}`` (gzip ok)."""
    with _open(path) as fh:
        for number, line in enumerate(fh, start=1):
            where = f"line {number}"
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                yield RecordError(where, "bad-json", str(exc)[:200])
                continue
            if not isinstance(obj, dict):
                yield RecordError(where, "bad-record", "a line is not a JSON object")
                continue
            url = obj.get("url") if isinstance(obj.get("url"), str) else None
            if isinstance(obj.get("html"), str):
                raw, fmt = obj["html"].encode("utf-8", "surrogatepass"), "html"
            elif isinstance(obj.get("text"), str):
                raw, fmt = obj["text"].encode("utf-8", "surrogatepass"), "text"
            else:
                yield RecordError(where, "bad-record", 'no "html" or "text" string')
                continue
            doc = Document(raw=raw, url=url, format=fmt, path=f"{rel}#{where}")
            doc.extra["record"] = where
            yield doc


def read_warc(path: str, rel: str) -> Iterator[Record]:
    """WARC / WARC.gz response records with HTML (see :mod:`cleaner.sources.warc`)."""
    from cleaner.sources.warc import read_warc as _read

    return _read(path, rel)


# Longest suffix first; the WARC and feed-file readers register here too.
READERS: dict[str, Reader] = {
    ".warc.gz": read_warc,
    ".warc": read_warc,
    ".arc.gz": read_warc,
    ".arc": read_warc,
    ".jsonl.gz": read_jsonl,
    ".ndjson.gz": read_jsonl,
    ".json.gz": read_jsonl,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def reader_for(path: str) -> Reader | None:
    """The reader registered for ``path``'s suffix, or None."""
    lower = path.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if lower.endswith(suffix):
            return READERS[suffix]
    return None


def feed_reader() -> Reader | None:
    """The reader for RSS/Atom files found among the inputs, if available."""
    try:
        from cleaner.sources.feedfile import read_feed_file
    except ImportError:
        return None
    return read_feed_file
