"""Stage 1: bytes → str, and what kind of document this is.

Charset precedence, as browsers do it: byte-order mark, then the HTTP
``Content-Type`` header (``doc.extra["content_type"]``), then an in-document
declaration (``<meta charset>``, ``http-equiv``, ``<?xml encoding?>``), then
detection.  A declaration that the bytes contradict (declared UTF-8 but
invalid; declared a legacy 8-bit charset but the bytes are valid multi-byte
UTF-8) is overridden and the decision recorded.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from cleaner.document import Document, Rejected
from cleaner.stages.base import Stage

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)
_HTML_SNIFF = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<div[\s>]|<p[\s>]|<article[\s>]", re.I
)
_FEED_SNIFF = re.compile(rb"<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]|<channel[\s>]", re.I)
_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html", ".asp": "html",
    ".txt": "text", ".text": "text", ".md": "text",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}  # fmt: skip
# Legacy single-byte charsets that pages often declare while actually serving UTF-8.
_LEGACY_LABELS = ("iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii", "iso-8859-15")
# Control characters other than tab/newline/carriage return mark binary data.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def control_count(text: str) -> int:
    r"""How many control characters other than tab, newline, form feed and carriage return ``text`` holds.

    Counted on its UTF-8 bytes, in C: these characters are single bytes there, and no other
    character's encoding contains those byte values.

    >>> control_count("a\x00b\x1bc\td\x7f é")
    3
    """
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def detect_format(data: bytes, path: str | None = None) -> str:
    """Guess ``html``, ``feed`` or ``text`` from the content, then the name.

    >>> detect_format(b"<!DOCTYPE html><p>Hi</p>")
    'html'
    >>> detect_format(b'<?xml version="1.0"?><rss version="2.0"></rss>')
    'feed'
    >>> detect_format(b"Just words.", "a.txt")
    'text'
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if head.startswith(b"<"):
        if _FEED_SNIFF.search(head) and not re.search(rb"<html[\s>]", head, re.I):
            return "feed"
        if _HTML_SNIFF.search(head):
            return "html"
    if path:
        suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
        if suffix in _EXTENSIONS:
            return _EXTENSIONS[suffix]
    if head.startswith(b"<") and _HTML_SNIFF.search(data[:65536]):
        return "html"
    return "text"


def _lookup(name: str) -> str | None:
    """Canonical codec name for a declared charset, or None if Python lacks it."""
    name = name.strip().lower()
    if name in {"x-user-defined", "unicode"}:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# Their canonical codec names, as _lookup returns them.
_LEGACY = frozenset(filter(None, map(_lookup, _LEGACY_LABELS)))


def declared_charset(data: bytes, content_type: str | None = None) -> tuple[str | None, str | None]:
    """The charset the document or its HTTP header declares, and where.

    >>> declared_charset(b'<meta charset="iso-8859-2"><p>x')
    ('iso8859-2', 'meta')
    """
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m and (name := _lookup(m.group(1))):
            return name, "http"
    head = data[:8192]
    for pattern, where in ((_XML_DECL, "xml"), (_META_CHARSET, "meta")):
        m = pattern.search(head)
        if m and (name := _lookup(m.group(1).decode("ascii", "replace"))):
            return name, where
    return None, None


# Charsets a browser accepts (the WHATWG Encoding Standard's legacy set).  On
# short text detection finds many equally clean candidates, DOS code pages
# among them; web pages are written in these, so they win such ties.
_WEB_CHARSETS = frozenset(
    filter(None, (_lookup(n) for n in (
        "cp1252", "iso8859-15", "cp1250", "cp1251", "iso8859-2", "cp1253", "cp1254", "cp1255", "cp1256",
        "cp1257", "cp1258", "cp874", "cp866", "koi8-r", "koi8-u", "mac-roman", "iso8859-3", "iso8859-4",
        "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14",
        "iso8859-16", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "gbk", "big5", "euc_kr", "utf-16-le",
        "utf-16-be",
    )))
)  # fmt: skip
# Among web charsets that are still tied, the commonest first.
_TIE_PREFERENCE = ("cp1252", "iso8859-15", "cp1250", "cp1251", "iso8859-2")


def detect_charset(data: bytes) -> str | None:
    """charset-normalizer's best guess; among equally good guesses, the commonest on the web.

    >>> detect_charset("Rendez-vous lundi à Nîmes pour la fête.".encode("cp1252"))
    'cp1252'
    >>> detect_charset("Příliš žluťoučký kůň úpěl ďábelské ódy.".encode("cp1250"))
    'cp1250'
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None or not best.encoding:
        return None
    clean = [m for m in matches if m.encoding and m.chaos <= best.chaos]
    web = [m for m in clean if _lookup(m.encoding) in _WEB_CHARSETS]
    if not web:
        return _lookup(best.encoding)
    top = max(m.coherence for m in web)
    tied = [_lookup(m.encoding) for m in web if m.coherence == top]
    for preferred in _TIE_PREFERENCE:
        if preferred in tied:
            return preferred
    return tied[0]


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, str, str]:
    """Decode ``data``; return ``(text, encoding, how it was decided)``.

    >>> decode_bytes("café".encode("utf-8"))
    ('café', 'utf-8', 'utf-8')
    >>> decode_bytes('<meta charset="latin-1">café'.encode("latin-1"))[1:]
    ('cp1252', 'meta')
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name, "bom"
    declared, where = declared_charset(data, content_type)
    if declared:
        if declared in {"utf-16", "utf-32"} or declared.startswith(("utf-16", "utf-32")):
            declared = None  # a declaration inside ASCII-readable bytes cannot be UTF-16
        elif declared == "utf-8":
            try:
                return data.decode("utf-8"), "utf-8", str(where)
            except UnicodeDecodeError:
                pass  # declared UTF-8 but it is not: fall through to detection
        else:
            if declared in _LEGACY and not data.isascii():
                try:
                    return data.decode("utf-8"), "utf-8", f"utf-8 (valid UTF-8 overrides declared {declared})"
                except UnicodeDecodeError:
                    pass
            if declared == "ascii":
                declared = "cp1252"  # what browsers do with "us-ascii"
            elif declared == "iso8859-1":
                declared = "cp1252"  # WHATWG: latin-1 labels mean windows-1252
            return data.decode(declared, errors="replace"), declared, str(where)
    try:
        return data.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    name = detect_charset(data[:262144])
    if name:
        return data.decode(name, errors="replace"), name, "detected"
    return data.decode("utf-8", errors="replace"), "utf-8", "fallback (undecodable bytes replaced)"


class Decode(Stage):
    """Turn raw bytes into text; detect the format; reject what is not text."""

    name = "decode"

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        super().__init__()
        self.max_bytes = max_bytes

    def process(self, doc: Document) -> None:
        data = doc.raw
        if len(data) > self.max_bytes:
            raise Rejected("too-large", f"{len(data)} bytes > limit {self.max_bytes}")
        if not data.strip():
            raise Rejected("empty", "no bytes other than whitespace")
        fmt = doc.format or detect_format(data, doc.path)
        text, encoding, how = decode_bytes(data, doc.extra.get("content_type"))
        doc.encoding, doc.encoding_source = encoding, how
        if "\x00" in text:
            nuls = text.count("\x00")
            if nuls > max(4, len(text) // 10):  # UTF-16 read as 8-bit, or binary data
                raise Rejected("binary", f"{nuls} NUL characters in {len(text)}")
            text = text.replace("\x00", "")
            doc.note_change(self.name, "removed NUL characters", nuls)
        sample = text[:65536]
        bad = control_count(sample) + sample.count("\ufffd")
        if bad > max(8, len(sample) // 20):
            raise Rejected("binary", f"{bad} control or undecodable characters in the first {len(sample)}")
        doc.format = fmt
        if fmt == "text":
            doc.lines = text.splitlines()
        else:
            doc.html = text
