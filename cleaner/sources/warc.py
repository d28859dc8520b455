"""WARC / WARC.gz (and old ARC) files from web crawls: one document per HTML response.

The URL is the record's ``WARC-Target-URI``; the HTTP ``Content-Type``
header goes to ``doc.extra["content_type"]`` so the decode stage honours its
charset.  Records that are not HTML responses (requests, metadata, images,
PDFs, redirects…) are skipped and counted, not reported as errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from cleaner.document import Document
from cleaner.sources.containers import Record, RecordError, RecordSkipped

# Responses we treat as pages; anything else is skipped by type.
HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml", "text/xhtml")
# Cap on one record's payload read into memory; larger ones are reported, not loaded.
MAX_RECORD_BYTES = 64 * 1024 * 1024


def is_html_type(content_type: str | None) -> bool:
    """True for an HTTP Content-Type that names an HTML page.

    >>> is_html_type("text/html; charset=ISO-8859-1"), is_html_type("image/png"), is_html_type(None)
    (True, False, False)
    """
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def read_warc(path: str, rel: str, max_bytes: int = MAX_RECORD_BYTES) -> Iterator[Record]:
    """Yield a :class:`Document` per HTML response record, in file order."""
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, arc2warc=True)
        for record in records:
            skip, payload, error = _payload(record, max_bytes)
            # Only after the payload is read: warcio's get_record_offset() consumes the record.
            where = f"offset {records.get_record_offset()}"
            if skip:
                yield RecordSkipped(where, skip)
            elif error:
                yield RecordError(where, *error)
            else:
                url = record.rec_headers.get_header("WARC-Target-URI")
                doc = Document(raw=payload, url=url or None, format="html", path=f"{rel}#{where}")
                doc.extra["content_type"] = record.http_headers.get_header("Content-Type")
                doc.extra["record"] = where
                yield doc


def _payload(record: Any, max_bytes: int) -> tuple[str | None, bytes, tuple[str, str] | None]:
    """``(skip reason, payload, (error reason, detail))`` for one WARC record."""
    if record.rec_type != "response":
        return f"warc-{record.rec_type}", b"", None
    http = record.http_headers
    if http is None:
        return "warc-no-http", b"", None
    status = http.get_statuscode()
    if status and not status.startswith("2"):
        return "warc-status-not-2xx", b"", None
    if not is_html_type(http.get_header("Content-Type")):
        return "warc-not-html", b"", None
    try:
        payload = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # broken chunking / content encoding in one record
        return None, b"", ("bad-record", f"{type(exc).__name__}: {exc}"[:200])
    if len(payload) > max_bytes:
        return None, b"", ("too-large", f"payload over {max_bytes} bytes")
    return None, payload, None
