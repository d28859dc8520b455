"""WARC / WARC.gz (and old ARC) files from web crawls: one document per HTML response.

The URL is the record's ``WARC-Target-URI``; the HTTP ``Content-Type``
header goes to ``doc.extra["content_type"]`` so the decode stage honours its
charset.  Records that are not HTML responses (requests, metadata, images,
PDFs, redirects…) are skipped and counted, not reported as errors.
"""

from __future__ import annotations

from collections.abc import Iterator

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
            where = f"offset {records.get_record_offset()}"
            if record.rec_type != "response":
                yield RecordSkipped(where, f"warc-{record.rec_type}")
                continue
            http = record.http_headers
            if http is None:
                yield RecordSkipped(where, "warc-no-http")
                continue
            status = http.get_statuscode()
            if status and not status.startswith("2"):
                yield RecordSkipped(where, "warc-status-not-2xx")
                continue
            content_type = http.get_header("Content-Type")
            if not is_html_type(content_type):
                yield RecordSkipped(where, "warc-not-html")
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                payload = record.content_stream().read(max_bytes + 1)
            except Exception as exc:  # broken chunking / content encoding in one record
                yield RecordError(where, "bad-record", f"{type(exc).__name__}: {exc}"[:200])
                continue
            if len(payload) > max_bytes:
                yield RecordError(where, "too-large", f"payload over {max_bytes} bytes")
                continue
            doc = Document(raw=payload, url=url or None, format="html", path=f"{rel}#{where}")
            doc.extra["content_type"] = content_type
            doc.extra["record"] = where
            yield doc
