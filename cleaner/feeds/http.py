"""A small, careful HTTP GET client for feeds and the pages they link to.

Built on urllib3 with everything that can go wrong bounded: connect/read
timeouts plus a total deadline per response, a redirect limit with every
hop re-checked by the :class:`~cleaner.feeds.safety.URLPolicy`, a maximum
response size applied both to the bytes on the wire and to the bytes after
gunzip (decompression bombs), and a politeness delay per host.  The socket
connects to the very address the policy approved, so a DNS answer that
changes between check and connect cannot redirect us (DNS rebinding).
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3

from cleaner._version import __version__
from cleaner.feeds.safety import UnsafeURL, URLPolicy

DEFAULT_USER_AGENT = f"cleaner-feeds/{__version__} (feed-to-article cleaner; polls feeds on a schedule)"
DEFAULT_MAX_BYTES = 16 << 20
_CHUNK = 64 << 10
_ACCEPT = "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5"


class FetchError(Exception):
    """A fetch that failed; ``kind`` is a stable slug (dns, connect, timeout, http, size, redirect, unsafe)."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass
class Response:
    """A complete (decoded) response."""

    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class _Decoder:
    """gzip/deflate decoding with a hard cap on the decoded size."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.encoding = encoding
        self.obj: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self.obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.obj = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding not in ("", "identity"):
            raise FetchError("http", f"unsupported Content-Encoding {encoding!r}")
        self.out = bytearray()
        self._first = True

    def feed(self, chunk: bytes) -> None:
        if self.obj is None:
            self.out += chunk
        else:
            try:
                self._inflate(chunk)
            except zlib.error:
                if not (self.encoding == "deflate" and self._first):
                    raise
                # Servers disagree on whether "deflate" has a zlib header; retry raw.
                self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
                self._inflate(chunk)
            self._first = False
        if len(self.out) > self.limit:
            raise FetchError("size", f"response larger than {self.limit} bytes after decoding")

    def _inflate(self, chunk: bytes) -> None:
        assert self.obj is not None
        data = chunk
        while data:
            # max_length bounds each step, so a bomb never materialises beyond the limit.
            self.out += self.obj.decompress(data, self.limit + 1 - len(self.out))
            if len(self.out) > self.limit:
                return
            data = self.obj.unconsumed_tail
            if self.obj.eof:
                return


class HttpClient:
    """GET with timeouts, redirect limit, size limit, gzip, SSRF checks and politeness.

    ``host_delay`` is the minimum time between two requests to one host.
    """

    def __init__(
        self,
        policy: URLPolicy | None = None,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 20.0,
        total_timeout: float = 60.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        host_delay: float = 1.0,
    ) -> None:
        self.policy = policy or URLPolicy()
        self.user_agent = user_agent
        self.timeout = timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.host_delay = host_delay
        self._last: dict[str, float] = {}
        self.requests = 0

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """Fetch ``url``, following up to ``max_redirects`` redirects (each re-checked).

        Returns 2xx and 304 responses; raises :class:`FetchError` for anything else.
        """
        redirects: list[str] = []
        current = url
        while True:
            try:
                host, port, addresses = self.policy.check(current)
            except UnsafeURL as exc:
                raise FetchError("unsafe", str(exc)) from exc
            except OSError as exc:
                raise FetchError("dns", str(exc)) from exc
            status, resp_headers, body = self._one(current, host, port, addresses, headers or {})
            if status in (301, 302, 303, 307, 308) and "location" in resp_headers:
                if len(redirects) >= self.max_redirects:
                    raise FetchError("redirect", f"more than {self.max_redirects} redirects from {url}")
                redirects.append(current)
                current = urljoin(current, resp_headers["location"])
                continue
            if status == 304 or 200 <= status < 300:
                return Response(current, status, resp_headers, body, redirects)
            raise FetchError("http", f"HTTP {status} from {current}", status)

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None and self.host_delay > 0:
            pause = last + self.host_delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _one(
        self, url: str, host: str, port: int, addresses: list[str], extra: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        https = parts.scheme.lower() == "https"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default_port = 443 if https else 80
        host_header = host if port == default_port else f"{host}:{port}"
        if ":" in host and not host.startswith("["):
            host_header = f"[{host}]" if port == default_port else f"[{host}]:{port}"
        headers = {
            "Host": host_header,
            "User-Agent": self.user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": _ACCEPT,
            **extra,
        }
        self._wait_for_host(host)
        timeout = urllib3.Timeout(connect=min(self.timeout, 10.0), read=self.timeout)
        last_error: Exception | None = None
        for addr in addresses:
            pool: urllib3.HTTPConnectionPool
            if https:
                pool = urllib3.HTTPSConnectionPool(
                    addr, port, timeout=timeout, retries=False, server_hostname=host, assert_hostname=host,
                    cert_reqs="CERT_REQUIRED",
                )  # fmt: skip
            else:
                pool = urllib3.HTTPConnectionPool(addr, port, timeout=timeout, retries=False)
            self.requests += 1
            try:
                resp = pool.urlopen(
                    "GET", path, headers=headers, redirect=False, retries=False, preload_content=False,
                    decode_content=False, assert_same_host=False,
                )  # fmt: skip
            except urllib3.exceptions.NewConnectionError as exc:  # subclasses ConnectTimeoutError: test first
                last_error = FetchError("connect", f"cannot connect to {host} ({addr}): {exc}")
                pool.close()
                continue
            except urllib3.exceptions.TimeoutError as exc:
                last_error = FetchError("timeout", f"timed out connecting to {host} ({addr}): {exc}")
                pool.close()
                continue
            except urllib3.exceptions.HTTPError as exc:
                last_error = FetchError("connect", f"cannot connect to {host} ({addr}): {exc}")
                pool.close()
                continue
            try:
                resp_headers = {k.lower(): v for k, v in resp.headers.items()}
                if 300 <= resp.status < 400 or resp.status >= 400:
                    body = b""  # not needed: don't read what might be large
                else:
                    body = self._read_body(resp, resp_headers, url)
                return resp.status, resp_headers, body
            finally:
                resp.release_conn()
                resp.close()
                pool.close()
        assert last_error is not None
        raise last_error

    def _read_body(self, resp: urllib3.BaseHTTPResponse, headers: dict[str, str], url: str) -> bytes:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise FetchError("size", f"{url}: Content-Length {length} exceeds the {self.max_bytes}-byte limit")
        decoder = _Decoder(headers.get("content-encoding", "").strip().lower(), self.max_bytes)
        deadline = time.monotonic() + self.total_timeout
        wire = 0
        try:
            while True:
                chunk = resp.read(_CHUNK, decode_content=False)
                if not chunk:
                    break
                wire += len(chunk)
                if wire > self.max_bytes:
                    raise FetchError("size", f"{url}: response exceeds the {self.max_bytes}-byte limit")
                decoder.feed(chunk)
                if time.monotonic() > deadline:
                    raise FetchError("timeout", f"{url}: response took longer than {self.total_timeout:g} s")
        except FetchError as exc:
            if str(exc).startswith(url):
                raise
            raise FetchError(exc.kind, f"{url}: {exc}", exc.status) from None
        except zlib.error as exc:
            raise FetchError("http", f"{url}: bad {headers.get('content-encoding')} data: {exc}") from exc
        except urllib3.exceptions.TimeoutError as exc:
            raise FetchError("timeout", f"{url}: read timed out: {exc}") from exc
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError("connect", f"{url}: connection broken: {exc}") from exc
        return bytes(decoder.out)
