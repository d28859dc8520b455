"""The HTTP client: gzip, limits, redirects (re-checked), timeouts, User-Agent, politeness."""

from __future__ import annotations

import gzip
import time

import pytest

from cleaner.feeds.http import FetchError, HttpClient
from cleaner.feeds.safety import URLPolicy


def client(**kw: object) -> HttpClient:
    opts: dict[str, object] = {"policy": URLPolicy(allow_private=True), "host_delay": 0.0, "timeout": 3.0, **kw}
    return HttpClient(**opts)  # type: ignore[arg-type]


def test_plain_and_gzip(site) -> None:  # type: ignore[no-untyped-def]
    body = b"<p>hello</p>" * 1000
    plain = site.add("/plain", body)
    zipped = site.add("/gz", body, gzip=True)
    assert client().get(plain).body == body
    resp = client().get(zipped)
    assert resp.body == body and resp.status == 200
    ua = site.hits[0][1]["user-agent"]
    assert ua.startswith("cleaner-feeds/") and "feed" in ua
    assert "gzip" in site.hits[0][1]["accept-encoding"]


def test_size_limits(site) -> None:  # type: ignore[no-untyped-def]
    big = site.add("/big", b"x" * 50_000)
    with pytest.raises(FetchError, match="Content-Length") as exc:
        client(max_bytes=10_000).get(big)
    assert exc.value.kind == "size"
    endless = site.add("/endless", endless=True)
    start = time.monotonic()
    with pytest.raises(FetchError, match="limit"):
        client(max_bytes=1 << 20).get(endless)
    assert time.monotonic() - start < 10


def test_decompression_bomb_hits_the_limit(site) -> None:  # type: ignore[no-untyped-def]
    bomb = gzip.compress(b"\0" * (200 << 20))  # 200 MiB of zeros, ~200 KiB on the wire
    url = site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="after decoding") as exc:
        client(max_bytes=4 << 20).get(url)
    assert exc.value.kind == "size"


def test_redirects_followed_and_limited(site) -> None:  # type: ignore[no-untyped-def]
    site.add("/final", b"done")
    site.add("/r1", redirect="/final")
    assert client().get(site.url("/r1")).body == b"done"
    for i in range(8):
        site.add(f"/loop{i}", redirect=f"/loop{i + 1}")
    with pytest.raises(FetchError, match="more than 3 redirects") as exc:
        client(max_redirects=3).get(site.url("/loop0"))
    assert exc.value.kind == "redirect"


@pytest.mark.parametrize("target", ["http://localhost:{port}/final", "http://169.254.169.254/latest/meta-data/",
                                    "http://10.0.0.1/", "file:///etc/passwd"])  # fmt: skip
def test_redirect_to_private_address_is_refused(site, target: str) -> None:  # type: ignore[no-untyped-def]
    port = site.base.rsplit(":", 1)[1]
    site.add("/final", b"internal")
    site.add("/hop", redirect=target.format(port=port))
    # The feed host itself is trusted by name; where it redirects to is checked again.
    trusting = client(policy=URLPolicy(allow_hosts=frozenset({"127.0.0.1"})))
    with pytest.raises(FetchError, match="refused") as exc:
        trusting.get(site.url("/hop"))
    assert exc.value.kind == "unsafe"
    assert site.paths() == ["/hop"]


def test_http_errors_and_timeouts(site) -> None:  # type: ignore[no-untyped-def]
    broken = site.add("/500", b"oops", status=500)
    with pytest.raises(FetchError, match="HTTP 500") as exc:
        client().get(broken)
    assert exc.value.status == 500
    slow = site.add("/slow", b"late", delay=2.0)
    with pytest.raises(FetchError) as exc:
        client(timeout=0.3).get(slow)
    assert exc.value.kind == "timeout"
    with pytest.raises(FetchError) as exc:
        client().get("http://127.0.0.1:9/nothing-listens-here")
    assert exc.value.kind == "connect"


def test_politeness_delay_per_host(site) -> None:  # type: ignore[no-untyped-def]
    url = site.add("/p", b"x")
    polite = client(host_delay=0.3)
    start = time.monotonic()
    for _ in range(3):
        polite.get(url)
    assert time.monotonic() - start >= 0.55


def test_tls_certificates_are_verified(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a self-signed certificate")
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)  # fmt: skip

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Ok)
    server.handle_error = lambda *a: None  # type: ignore[method-assign]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(FetchError, match=r"(?i)certificate") as exc:
            client().get(f"https://localhost:{server.server_address[1]}/")
        assert exc.value.kind == "connect"
    finally:
        server.shutdown()
        server.server_close()
