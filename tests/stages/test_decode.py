"""Decode stage: charsets, formats, and bytes that are not text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document, Rejected
from cleaner.stages.decode import Decode, declared_charset, decode_bytes, detect_format


def run(raw: bytes, **kw: object) -> Document:
    doc = Document(raw=raw, **kw)  # type: ignore[arg-type]
    Decode().process(doc)
    return doc


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_bom_wins(bom: bytes, codec: str) -> None:
    doc = run(bom + "Grüße aus Köln.".encode(codec))
    assert doc.encoding == codec and doc.encoding_source == "bom"
    assert doc.lines == ["Grüße aus Köln."]


def test_meta_charset_only_declaration() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир.</p></body></html>'
    doc = run(html.encode("cp1251"))
    assert doc.encoding == "cp1251" and doc.encoding_source == "meta"
    assert "Привет, мир." in (doc.html or "")


def test_http_equiv_declaration() -> None:
    raw = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>Žluťoučký kůň</p>'.encode(
        "iso-8859-2"
    )
    assert declared_charset(raw) == ("iso8859-2", "meta")
    assert "Žluťoučký kůň" in (run(raw).html or "")


def test_http_header_beats_meta() -> None:
    raw = '<meta charset="utf-8"><p>café</p>'.encode("cp1252")
    doc = run(raw, extra={"content_type": "text/html; charset=windows-1252"})
    assert doc.encoding_source == "http" and "café" in (doc.html or "")


def test_wrong_declared_utf8_falls_back_to_detection() -> None:
    # Declared UTF-8, really windows-1252: must not produce replacement characters.
    raw = '<meta charset="utf-8"><p>Der Bürgermeister äußerte sich später über die Straßenbahn.</p>'.encode("cp1252")
    doc = run(raw)
    assert "\ufffd" not in (doc.html or "")
    assert "Bürgermeister" in (doc.html or "")


def test_declared_latin1_but_really_utf8() -> None:
    raw = '<meta charset="iso-8859-1"><p>Crème brûlée for everyone.</p>'.encode()
    doc = run(raw)
    assert doc.encoding == "utf-8" and "overrides" in (doc.encoding_source or "")
    assert "Crème brûlée" in (doc.html or "")


def test_undeclared_legacy_text_is_detected() -> None:
    text = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 5
    doc = run(text.encode("cp1251"))
    assert doc.encoding_source == "detected"
    assert doc.lines[0].startswith("Съешь же ещё")


def test_unknown_declared_charset_is_ignored() -> None:
    doc = run(b'<meta charset="no-such-charset"><p>plain ascii text</p>')
    assert doc.encoding == "utf-8"


@pytest.mark.parametrize(
    ("raw", "path", "expected"),
    [
        (b"<!doctype html><html><p>x</p></html>", None, "html"),
        (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>", None, "feed"),
        (b"<rss version='2.0'><channel></channel></rss>", "x.xml", "feed"),
        (b"Hello world.\nSecond line.", "a.txt", "text"),
        (b"Hello <b>world</b>.", "a.htm", "html"),
        (b"just text without markup", None, "text"),
    ],
)
def test_detect_format(raw: bytes, path: str | None, expected: str) -> None:
    assert detect_format(raw, path) == expected


def test_empty_is_rejected() -> None:
    for raw in (b"", b"   \n\t  "):
        with pytest.raises(Rejected) as info:
            run(raw)
        assert info.value.reason == "empty"


def test_random_bytes_are_rejected_as_binary() -> None:
    import random

    rng = random.Random(7)
    raw = bytes(rng.randrange(256) for _ in range(20000))
    with pytest.raises(Rejected) as info:
        run(raw)
    assert info.value.reason == "binary"


def test_mostly_nul_is_binary_but_few_nuls_are_stripped() -> None:
    with pytest.raises(Rejected):
        run(b"\x00" * 500 + b"text")
    doc = run(b"A sentence\x00 with one stray NUL in it, and enough other text around it.")
    assert doc.lines == ["A sentence with one stray NUL in it, and enough other text around it."]
    assert doc.changes and doc.changes[0]["change"] == "removed NUL characters"


def test_too_large_is_rejected() -> None:
    doc = Document(raw=b"x" * 101)
    with pytest.raises(Rejected) as info:
        Decode(max_bytes=100).process(doc)
    assert info.value.reason == "too-large"


def test_decode_bytes_never_raises_on_invalid_utf8() -> None:
    text, encoding, how = decode_bytes(b"abc \xff\xfe\xfd def " * 3)
    assert isinstance(text, str) and encoding and how


def test_short_mislabelled_western_text_prefers_windows_1252() -> None:
    # Too short for detection to separate cp1250 from cp1252: the commoner charset wins the tie.
    raw = '<meta charset="utf-8"><p>Rendez-vous lundi à Nîmes.</p>'.encode("cp1252")
    doc = run(raw)
    assert "lundi à Nîmes" in (doc.html or "")
    assert doc.encoding == "cp1252" and doc.encoding_source == "detected"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x2FF) | st.characters(), max_size=40))
def test_control_count_counts_what_the_character_class_matches(text: str) -> None:
    import re

    from cleaner.stages.decode import control_count

    assert control_count(text) == len(re.findall(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text))
    assert control_count(text + "\ud800") == control_count(text)  # a lone surrogate is no control character
