"""Container inputs: WARC / WARC.gz, JSONL (plain and gzip), broken records and broken files."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner import validate_article
from cleaner.cli import run_inputs
from cleaner.sources.containers import RecordError, RecordSkipped, read_jsonl, reader_for
from cleaner.sources.warc import read_warc

TEXT = "The orchard opened its gates on Saturday. Pickers came from three villages to help."


def html(n: int, charset_meta: str = "") -> str:
    return (f"<html><head>{charset_meta}<title>Harvest {n}</title></head><body><article>"
            f"<p>{TEXT} Day {n} of the harvest.</p></article></body></html>")  # fmt: skip


def write_warc(path: Path, gz: bool = True) -> None:
    """Responses (HTML, an image, a redirect, a latin-1 page declared only in HTTP), a request, metadata."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))  # fmt: skip

        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://example.org/1", "request", http_headers=req))
        response("https://example.org/1", html(1).encode(), "text/html; charset=utf-8")
        response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        response("https://example.org/old", b"", "text/html", status="301 Moved Permanently")
        latin = html(2).replace("Day", "Café día").encode("cp1252")
        response("https://example.org/2", latin, "text/html; charset=windows-1252")
        response("https://example.org/3", html(3).encode(), "application/xhtml+xml")


def test_warc_reader_yields_html_responses_in_order(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    assert reader_for(str(path)) is not None
    records = list(read_warc(str(path), "crawl.warc.gz"))
    docs = [r for r in records if not isinstance(r, RecordSkipped | RecordError)]
    assert [d.url for d in docs] == ["https://example.org/1", "https://example.org/2", "https://example.org/3"]
    assert docs[1].extra["content_type"] == "text/html; charset=windows-1252"
    skipped = sorted(r.reason for r in records if isinstance(r, RecordSkipped))
    assert skipped == ["warc-not-html", "warc-request", "warc-status-not-2xx", "warc-warcinfo"]


def test_warc_run_writes_jsonl_in_order_and_counts_skips(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_warc(src / "crawl.warc.gz")
    write_warc(src / "plain.warc", gz=False)
    out = tmp_path / "out"
    assert run_inputs([str(src)], str(out), jobs=1, quiet=True) == 0
    for name in ("crawl.jsonl", "plain.jsonl"):
        articles = [json.loads(line) for line in (out / name).read_text().splitlines()]
        assert [a["url"] for a in articles] == [f"https://example.org/{n}" for n in (1, 2, 3)]
        for a in articles:
            validate_article(a)
        assert "Café día" in articles[1]["text"] and articles[1]["source"]["encoding"] == "cp1252"
    assert (out / "crawl.jsonl").read_text() != "" and (out / "plain.jsonl").read_text().count("\n") == 3
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    assert report["skipped_records"]["warc-not-html"] == 2 and report["rejected_count"] == 0


def test_jsonl_gz_and_bad_records_are_reported_with_position(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://example.org/a", "html": html(1)}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"text": TEXT}),
        json.dumps({"url": "https://example.org/empty", "html": "   "}),
        json.dumps({"url": "https://example.org/b", "html": html(2)}),
    ]
    src = tmp_path / "in"
    src.mkdir()
    (src / "batch.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    out = tmp_path / "out"
    run_inputs([str(src)], str(out), jobs=1, quiet=True)
    articles = [json.loads(x) for x in (out / "batch.jsonl").read_text().splitlines()]
    assert [a["url"] for a in articles] == ["https://example.org/a", None, "https://example.org/b"]
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    got = {(r["path"], r["reason"]) for r in report["rejected"]}
    assert got == {("batch.jsonl.gz#line 2", "bad-json"), ("batch.jsonl.gz#line 3", "bad-record"),
                   ("batch.jsonl.gz#line 5", "empty")}  # fmt: skip


def test_truncated_container_keeps_what_was_read(tmp_path: Path) -> None:
    body = "".join(json.dumps({"url": f"https://example.org/{n}", "html": html(n)}) + "\n" for n in range(40))
    data = gzip.compress(body.encode())
    src = tmp_path / "in"
    src.mkdir()
    (src / "cut.jsonl.gz").write_bytes(data[: len(data) * 2 // 3])
    out = tmp_path / "out"
    run_inputs([str(src)], str(out), jobs=1, quiet=True)
    urls = [json.loads(x)["url"] for x in (out / "cut.jsonl").read_text().splitlines()]
    assert 0 < len(urls) < 40 and urls == [f"https://example.org/{n}" for n in range(len(urls))]
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    assert [r["reason"] for r in report["rejected"]] == ["bad-container"]
    assert report["rejected"][0]["path"].startswith("cut.jsonl.gz#record ")


def test_jsonl_reader_direct() -> None:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write('{"text": "One."}\n\n{"html": 3}\n')
    records = list(read_jsonl(fh.name, "x.jsonl"))
    assert records[0].path == "x.jsonl#line 1"  # type: ignore[union-attr]
    assert isinstance(records[1], RecordError) and records[1].position == "line 3"
    Path(fh.name).unlink()
