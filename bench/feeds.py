"""Cost of scheduled feed ingestion against its bare dependencies, over a local HTTP server.

Command: ``python -m bench feeds`` (``BENCH_LIMIT=N`` uses N dev pages, default 150).
Also counts outcomes (feeds ok / failed, items, articles) for every part of the feed corpus.

1. Feed corpus (../shared/data/feeds/wellformed, ~1000 small feeds), item pages off:
   a whole ``run_feeds`` (HTTP, XML screen, parse, state, pipeline on item content,
   atomic writes) against bare ``feedparser.parse`` of the same bytes; then a second
   run where every feed answers 304 (the steady state of a scheduler).
2. Item pages: one feed whose items link to dev pages
   (../shared/data/extraction-dev/html) served locally: the run against bare
   ``trafilatura.extract`` and against ``Pipeline.process`` on the same bytes, so the
   feed machinery's own share (HTTP, state, writes) is visible.

Everything runs in one process, in the same run; the machine is shared, so ratios
are what to compare, not seconds.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench import publish

ROOT = Path(__file__).resolve().parent.parent
FEEDS = ROOT.parent / "shared" / "data" / "feeds" / "wellformed"
DEV = ROOT.parent / "shared" / "data" / "extraction-dev" / "html"
COMMAND = "python -m bench feeds"


class _Server:
    """Serves ``routes`` (path → (bytes, content type, etag)) on 127.0.0.1 with ETag support."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str, str | None]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                body, ctype, etag = routes.get(self.path, (b"", "text/plain", None))
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200 if self.path in routes else 404)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        class Quiet(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass

        self.server = Quiet(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _config(feeds: list[dict[str, Any]], **options: Any) -> Any:
    from cleaner.feeds.config import parse_config

    return parse_config({"allow_private": True, "host_delay": 0, "lock_wait": 0, "feeds": feeds, **options})


def corpus_part(server: _Server, tmp: Path) -> dict[str, Any]:
    import feedparser

    from cleaner.feeds.run import run_feeds

    files = sorted(p for p in FEEDS.rglob("*") if p.is_file())
    feeds = []
    for i, path in enumerate(files):
        server.routes[f"/f{i}"] = (path.read_bytes(), "application/xml", f'"{i}"')
        feeds.append({"url": f"{server.base}/f{i}", "name": f"f{i}"})
    datas = [p.read_bytes() for p in files]
    start = time.perf_counter()
    for data in datas:
        feedparser.parse(io.BytesIO(data))
    bare = time.perf_counter() - start
    cfg = _config(feeds, fetch_pages=False)
    start = time.perf_counter()
    first = run_feeds(cfg, tmp / "corpus", log=lambda m: None)
    full = time.perf_counter() - start
    start = time.perf_counter()
    second = run_feeds(cfg, tmp / "corpus", log=lambda m: None)
    again = time.perf_counter() - start
    return {
        "feeds": len(files), "bare": bare, "full": full, "again": again,
        "written": sum(r.written for r in first.feeds), "items": sum(r.new for r in first.feeds),
        "not_modified": sum(r.status == "not-modified" for r in second.feeds),
    }  # fmt: skip


def parts_table(server: _Server, tmp: Path) -> list[str]:
    """Outcome counts for every part of the feed corpus (one run each, item pages off)."""
    from cleaner.feeds.run import run_feeds
    from cleaner.feeds.state import FeedState

    rows = [
        "| part | feeds | ok | error | items | articles | reported (no article) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for part in ("wellformed", "illformed", "encoding", "encoding-more", "entities"):
        files = sorted(p for p in (FEEDS.parent / part).rglob("*") if p.is_file())
        feeds = []
        for i, path in enumerate(files):
            server.routes[f"/{part}/{i}"] = (path.read_bytes(), "application/xml", None)
            feeds.append({"url": f"{server.base}/{part}/{i}", "name": f"{part}-{i}"})
        out = tmp / f"part-{part}"
        summary = run_feeds(_config(feeds, fetch_pages=False), out, log=lambda m: None)
        ok = sum(r.status == "ok" for r in summary.feeds)
        state = FeedState(out / ".cleaner" / "feeds.sqlite")
        counts = dict(state.db.execute("SELECT status, COUNT(*) FROM items GROUP BY status").fetchall())
        state.close()
        items = sum(counts.values())
        rows.append(f"| {part} | {len(files)} | {ok} | {len(files) - ok} | {items} | {counts.get('written', 0)} | "
                    f"{counts.get('no-article', 0)} |")  # fmt: skip
    return rows


def pages_part(server: _Server, tmp: Path, limit: int) -> dict[str, Any]:
    import trafilatura

    from cleaner.document import Document, Rejected
    from cleaner.feeds.run import run_feeds
    from cleaner.pipeline import Pipeline

    pages = sorted(DEV.glob("*.html"))[:limit]
    items = []
    bodies = []
    for i, path in enumerate(pages):
        body = path.read_bytes()
        bodies.append(body)
        server.routes[f"/p{i}"] = (body, "text/html", None)
        items.append(f"<item><guid>p{i}</guid><link>{server.base}/p{i}</link><title>Page {i}</title></item>")
    feed = '<rss version="2.0"><channel><title>dev</title>' + "".join(items) + "</channel></rss>"
    server.routes["/dev.xml"] = (feed.encode(), "application/rss+xml", None)
    pipe = Pipeline()
    for body in bodies[:20]:  # warm both sides up (imports, caches) so order does not decide
        trafilatura.extract(body)
        with contextlib.suppress(Rejected):
            pipe.process(Document(raw=body))
    start = time.perf_counter()
    for body in bodies:
        trafilatura.extract(body)
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for i, body in enumerate(bodies):
        with contextlib.suppress(Rejected):
            pipe.process(Document(raw=body, url=f"{server.base}/p{i}"))
    pipeline = time.perf_counter() - start
    cfg = _config([{"url": f"{server.base}/dev.xml", "name": "dev"}], max_items=len(pages))
    start = time.perf_counter()
    result = run_feeds(cfg, tmp / "pages", log=lambda m: None).feeds[0]
    full = time.perf_counter() - start
    return {"pages": len(pages), "bare": bare, "pipeline": pipeline, "full": full,
            "from_page": result.from_page, "from_item": result.from_item}  # fmt: skip


def table(c: dict[str, Any], p: dict[str, Any] | None, parts: list[str]) -> str:
    n = c["feeds"]
    lines = [
        "# Feed ingestion cost",
        "",
        f"Command: `{COMMAND}` — one process, local HTTP server on 127.0.0.1, same run for every row.",
        "",
        f"## Feed corpus: {n} feeds (../shared/data/feeds/wellformed), item pages off",
        "",
        "| what | total s | ms / feed | × bare feedparser.parse |",
        "|---|---:|---:|---:|",
        f"| bare `feedparser.parse(bytes)` | {c['bare']:.2f} | {1000 * c['bare'] / n:.2f} | 1.00 |",
        f"| first `run_feeds` (HTTP, screen, parse, state, pipeline, writes) | {c['full']:.2f} | "
        f"{1000 * c['full'] / n:.2f} | {c['full'] / c['bare']:.2f} |",
        f"| second run (every feed 304) | {c['again']:.2f} | {1000 * c['again'] / n:.2f} | "
        f"{c['again'] / c['bare']:.2f} |",
        "",
        f"First run: {c['items']} new items, {c['written']} articles; second run: {c['not_modified']} of {n} feeds "
        "answered 304 Not Modified.",
    ]
    lines += ["", "## Outcomes per corpus part (../shared/data/feeds, served as application/xml, item pages off)", "",
              *parts]  # fmt: skip
    if p:
        m = p["pages"]
        lines += [
            "",
            f"## Item pages: one feed, {m} items linking to dev pages (../shared/data/extraction-dev/html)",
            "",
            "| what | total s | ms / item | × bare trafilatura.extract |",
            "|---|---:|---:|---:|",
            f"| bare `trafilatura.extract(bytes)` | {p['bare']:.2f} | {1000 * p['bare'] / m:.1f} | 1.00 |",
            f"| `Pipeline.process` on the same bytes | {p['pipeline']:.2f} | {1000 * p['pipeline'] / m:.1f} | "
            f"{p['pipeline'] / p['bare']:.2f} |",
            f"| `run_feeds` (fetch each page + pipeline + state + write) | {p['full']:.2f} | "
            f"{1000 * p['full'] / m:.1f} | {p['full'] / p['bare']:.2f} |",
            "",
            f"Feed machinery's own share: {p['full'] / p['pipeline']:.2f} × the pipeline alone. "
            f"Articles: {p['from_page']} from pages, {p['from_item']} from the item (page gave no text).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    if not FEEDS.exists():
        print("[bench] feeds: ../shared/data/feeds is absent, skipped")
        return
    logging.disable(logging.ERROR)  # trafilatura logs every page it cannot parse
    limit = int(os.environ.get("BENCH_LIMIT", "0")) or 150
    server = _Server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = corpus_part(server, Path(tmp))
            parts = parts_table(server, Path(tmp))
            pages = pages_part(server, Path(tmp), limit) if DEV.exists() else None
    finally:
        server.close()
        logging.disable(logging.NOTSET)
    text = table(corpus, pages, parts)
    publish("feeds", text)
