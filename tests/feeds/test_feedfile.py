"""Feed files as inputs of ``cleaner run``: one article per item, from the item's own content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.document import Document
from cleaner.pipeline import Pipeline
from cleaner.schema import validate_article
from cleaner.sources.containers import RecordError, feed_reader
from cleaner.sources.feedfile import read_feed_file
from tests.feeds.conftest import PARAS, rss

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><id>urn:entry:1</id><title>First entry</title><updated>2024-03-02T10:20:30+01:00</updated>
<author><name>Zoë Writer</name></author><link href="https://example.org/first"/>
<content type="html">&lt;p&gt;{body}&lt;/p&gt;</content></entry>
<entry><id>urn:entry:2</id><title>Second</title><updated>2024-03-03T00:00:00Z</updated>
<summary type="text">A plain summary of the second entry. It is brief.</summary></entry>
</feed>""".format(body="&lt;/p&gt;&lt;p&gt;".join(PARAS))


def test_items_in_order_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "news.xml"
    path.write_text(rss([
        {"guid": "a", "link": "https://x.org/a", "title": "A", "pubDate": "Tue, 01 Oct 2024 08:00:00 GMT",
         "author": "ann@x.org (Ann)", "content": "<p>" + "</p><p>".join(PARAS) + "</p>"},
        {"guid": "b", "title": "Title only"},
        {"guid": "c", "title": "C", "description": "Short summary here. Two sentences."},
    ]), encoding="utf-8")  # fmt: skip
    records = list(read_feed_file(str(path), "news.xml"))
    assert [type(r) for r in records] == [Document, RecordError, Document]
    first, missing, third = records
    assert isinstance(first, Document) and isinstance(third, Document) and isinstance(missing, RecordError)
    assert (first.title, first.authors, first.published, first.url) == ("A", ["Ann"], "2024-10-01T08:00:00Z",
                                                                         "https://x.org/a")  # fmt: skip
    assert first.extra["record"] == "item 1" and first.extra["article_extra"]["guid"] == "a"
    assert missing.position == "item 2" and missing.reason == "no-content"
    pipeline = Pipeline()
    article = pipeline.process(first)
    assert article.text.split("\n\n") == PARAS and article.extra["content_source"] == "feed-item"
    assert pipeline.process(third).text == "Short summary here. Two sentences."
    validate_article(article.to_dict())


def test_atom_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "a.atom"
    path.write_text(ATOM, encoding="utf-8")
    docs = list(read_feed_file(str(path), "a.atom"))
    assert all(isinstance(d, Document) for d in docs)
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.published == "2024-03-02T09:20:30Z" and first.authors == ["Zoë Writer"]
    assert second.format == "text" and second.url is None


@pytest.mark.parametrize("content", [b"", b"not a feed at all", b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                     b"<rss><channel><item><title>&x;</title></item></channel></rss>"])  # fmt: skip
def test_unusable_files_are_one_record_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    records = list(read_feed_file(str(path), "bad.xml"))
    assert len(records) == 1 and isinstance(records[0], RecordError) and records[0].reason == "bad-feed"


def test_cleaner_run_on_a_feed_file(tmp_path: Path) -> None:
    assert feed_reader() is read_feed_file
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.atom").write_text(ATOM, encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-j", "0", "-q"]) == 0
    (out,) = (tmp_path / "out").glob("*.jsonl")
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [a["title"] for a in lines] == ["First entry", "Second"]
    for a in lines:
        validate_article(a)
    assert lines[0]["extra"]["guid"] == "urn:entry:1"
