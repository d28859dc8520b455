"""Bad inputs through the library: a clear rejection or a sensible article, never a crash."""

from __future__ import annotations

import random

import pytest

from cleaner import Rejected, clean, validate_article

SENTENCE = "The harbour master said the new pier would open to fishing boats in the spring. "


def outcome(data: bytes) -> tuple[str, str]:
    """('article', text) or ('rejected', reason); any other exception fails the test."""
    try:
        article = clean(data)
    except Rejected as exc:
        assert exc.reason and str(exc)
        return "rejected", exc.reason
    validate_article(article.to_dict())
    return "article", article.text


def test_empty_file() -> None:
    assert outcome(b"") == ("rejected", "empty")


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(seed: int) -> None:
    rng = random.Random(seed)
    kind, _ = outcome(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50000))))
    assert kind in {"article", "rejected"}


def test_random_bytes_large_block_is_binary() -> None:
    rng = random.Random(42)
    assert outcome(rng.randbytes(100_000)) == ("rejected", "binary")


def test_nul_bytes() -> None:
    assert outcome(b"\x00" * 1000)[0] == "rejected"
    kind, text = outcome(SENTENCE.encode().replace(b" the ", b" the\x00 ") * 3)
    assert kind == "article" and "\x00" not in text


def test_truncated_html() -> None:
    page = f"<html><head><title>Pier</title></head><body><article><p>{SENTENCE * 3}</p><p>{SENTENCE}".encode()
    kind, text = outcome(page[:-20])
    assert kind == "article" and text.startswith("The harbour master")


def test_deeply_nested_html() -> None:
    depth = 200_000
    page = b"<html><body>" + b"<div>" * depth + f"<p>{SENTENCE}</p>".encode() + b"</div>" * depth + b"</body></html>"
    kind, reason = outcome(page)
    assert kind in {"article", "rejected"}
    if kind == "rejected":
        assert reason in {"no-text", "too-deep"}


def test_thirty_megabyte_page() -> None:
    rng = random.Random(3)
    words = ["river", "bank", "council", "school", "market", "winter", "bridge", "library", "festival", "harbour"]
    paragraphs = []
    size = 0
    while size < 30_000_000:
        para = " ".join(rng.choice(words) for _ in range(120)).capitalize() + "."
        paragraphs.append(f"<p>{para}</p>")
        size += len(para) + 7
    page = ("<html><body><article>" + "\n".join(paragraphs) + "</article></body></html>").encode()
    assert len(page) >= 30_000_000
    kind, _ = outcome(page)
    assert kind in {"article", "rejected"}


def test_wrong_declared_charset() -> None:
    body = "Der Bürgermeister eröffnete am Freitag die neue Brücke über die Mühlenstraße."
    page = f'<html><head><meta charset="utf-8"></head><body><article><p>{body}</p></article></body></html>'
    kind, text = outcome(page.encode("cp1252"))
    assert kind == "article"
    assert "Bürgermeister" in text and "\ufffd" not in text


def test_binary_formats_are_rejected() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    assert outcome(png)[0] == "rejected"
    assert outcome(b"%PDF-1.7\n" + bytes(random.Random(1).randbytes(20000)))[0] == "rejected"
