"""A local HTTP server for feed tests: routes with bodies, headers, validators, delays, redirects."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    delay: float = 0.0
    redirect: str | None = None
    endless: bool = False  # stream zeros until the client hangs up


class Site:
    """Routes by path; ``hits`` records (path, request headers) of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kw: object) -> str:
        self.routes[path] = Route(body.encode() if isinstance(body, str) else body, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.hits]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.hits.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain", {})
                return
            if route.delay:
                time.sleep(route.delay)
            if route.redirect is not None:
                self._send(route.status if 300 <= route.status < 400 else 302, b"", "text/plain",
                           {"Location": route.redirect})  # fmt: skip
                return
            extra = dict(route.headers)
            if route.etag:
                extra["ETag"] = route.etag
                if self.headers.get("If-None-Match") == route.etag:
                    self._send(304, b"", None, extra)
                    return
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
                if not route.etag and self.headers.get("If-Modified-Since") == route.last_modified:
                    self._send(304, b"", None, extra)
                    return
            if route.endless:
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.end_headers()
                try:
                    for _ in range(100_000):
                        self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
                except OSError:
                    pass
                self.close_connection = True
                return
            body = route.body
            if route.gzip:
                body = gzip.compress(body)
                extra["Content-Encoding"] = "gzip"
            self._send(route.status, body, route.content_type, extra)

        def _send(self, status: int, body: bytes, ctype: str | None, headers: dict[str, str]) -> None:
            self.send_response(status)
            if ctype and status != 304:
                self.send_header("Content-Type", ctype)
            for k, v in headers.items():
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up mid-response are part of the tests


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    server = _QuietServer(("127.0.0.1", 0), _handler(s))
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[dict[str, str]], title: str = "Test feed") -> str:
    """A small RSS 2.0 document; item keys: guid, link, title, description, pubDate, author, content."""
    parts = []
    for it in items:
        fields = []
        for key in ("guid", "link", "title", "pubDate", "author"):
            if key in it:
                fields.append(f"<{key}>{it[key]}</{key}>")
        if "description" in it:
            fields.append(f"<description><![CDATA[{it['description']}]]></description>")
        if "content" in it:
            fields.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link><description>d</description>"
        + "".join(parts)
        + "</channel></rss>"
    )


def page(title: str, paragraphs: list[str]) -> str:
    """An article page with a little navigation around the main text."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/about'>About</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright the site</footer></body></html>"
    )


def write_config(path: Path, feeds: list[dict[str, object]], **options: object) -> Path:
    """A feeds.toml with ``allow_private = true`` and no politeness delay unless overridden."""
    opts: dict[str, object] = {"allow_private": True, "host_delay": 0, "timeout": 5, "lock_wait": 0, **options}

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return str(v)

    lines = [f"{k} = {value(v)}" for k, v in opts.items()]
    for feed in feeds:
        lines.append("\n[[feeds]]")
        lines.extend(f"{k} = {value(v)}" for k, v in feed.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


PARAS = [
    "The river authority announced on Tuesday that the old stone bridge will close for repairs next spring.",
    "Engineers found that two of the arches had shifted slightly after the floods of the past winter season.",
    "Residents who cross the bridge daily will be able to use a temporary footbridge built a little upstream.",
    "The works are expected to last four months, and the council says the cost will be shared with the region.",
]
