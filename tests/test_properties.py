"""Property-based tests (hypothesis) over arbitrary bytes and strings.

Properties:

* ``cleaner.clean`` on any bytes or string returns a schema-valid article or
  raises :class:`~cleaner.document.Rejected` — nothing else escapes;
* the text stages (decode, encoding repair, normalisation, sentences) never
  raise on any string, and sentences are exact substrings in order;
* idempotence: cleaning an article's own ``text`` again, as plain text, gives
  the same ``text`` (and the same sentences).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Rejected, clean, split_sentences, validate_article
from cleaner.stages.decode import decode_bytes, detect_format
from cleaner.stages.encoding import fix_text
from cleaner.stages.normalize import normalize_line

FAST = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["harbour", "council", "vote", "Zoë", "café", "the", "and", "ferry", "Straße", "東京", "новый", "مرحبا",
         "Share", "Advertisement", "Read", "more", "Mr.", "Dr.", "3.5", "e.g.", "—", "“quoted”"]  # fmt: skip
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize())
paragraph = st.lists(sentence, min_size=1, max_size=4).map(lambda ss: ". ".join(ss) + ".")
tags = st.sampled_from(["p", "div", "h1", "li", "span", "article", "td", "blockquote", "script", "nav", "a"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(tags)
        parts.append(f"<{tag}>{draw(paragraph)}</{tag}>")
    noise = draw(st.sampled_from(["", "<!--x-->", "&amp;&nbsp;&#x1F600;", "<p>", "</div></div>", "\x00", "\ufeff"]))
    return f"<html><head><title>{draw(sentence)}</title></head><body>{noise}{''.join(parts)}</body></html>"


def check(data: bytes | str, **kwargs: str) -> None:
    try:
        article = clean(data, **kwargs)
    except Rejected as exc:
        assert exc.reason
        return
    validate_article(article.to_dict())
    assert article.text.strip()


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes(data: bytes) -> None:
    check(data)


@FAST
@given(st.text(max_size=2000))
def test_any_string(text: str) -> None:
    check(text)


@FAST
@given(html_pages())
def test_html_like(html: str) -> None:
    check(html.encode("utf-8"))
    check(html, format="html")


@FAST
@given(st.text(max_size=1000))
def test_text_stages_never_raise(text: str) -> None:
    fixed, steps = fix_text(text)
    assert isinstance(fixed, str) and all(isinstance(s, str) for s in steps)
    line, _, _ = normalize_line(text)
    assert line == line.strip()
    sentences = split_sentences(text)
    position = 0
    for s in sentences:  # exact substrings, in order, not overlapping
        found = text.find(s, position)
        assert found >= 0
        position = found + len(s)
    decoded, _, _ = decode_bytes(text.encode("utf-8", "surrogatepass"))
    assert isinstance(decoded, str)
    assert detect_format(text.encode("utf-8", "surrogatepass")) in {"html", "text", "feed"}


def clean_again(text: str) -> tuple[str, list[str]]:
    article = clean(text, format="text")
    return article.text, article.sentences


@FAST
@given(st.one_of(html_pages(), st.lists(paragraph, min_size=1, max_size=5).map("\n".join)))
def test_cleaning_an_articles_text_changes_nothing(source: str) -> None:
    try:
        article = clean(source)
    except Rejected:
        return
    again, sentences = clean_again(article.text)
    assert again == article.text
    assert sentences == article.sentences


@pytest.mark.parametrize("text", ["Hello\u00a0world.", "SchÃ¶ne GrÃ¼ÃŸe aus Köln.", "A\u200bB c.\n\n\nD e."])
def test_idempotent_examples(text: str) -> None:
    first = clean(text)
    assert clean_again(first.text) == (first.text, first.sentences)
