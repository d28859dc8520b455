"""SSRF policy and hostile XML: refused with a clear message, never expanded or fetched."""

from __future__ import annotations

import io
import ipaddress
from pathlib import Path

import feedparser
import pytest

from cleaner.feeds.items import FeedParseError, parse_feed
from cleaner.feeds.safety import UnsafeURL, UnsafeXML, URLPolicy, is_public_address, screen_xml

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rss version="2.0"><channel><title>t</title>
<item><guid>x</guid><title>boom &e;</title><description>&e;&e;&e;</description></item></channel></rss>"""


def xxe(target: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "{target}">]>\n'
        '<rss version="2.0"><channel><title>t</title><item><guid>x</guid><title>a&secret;b</title>'
        "<description>&secret;</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.1.1", False),
     ("169.254.169.254", False), ("224.0.0.1", False), ("0.0.0.0", False), ("::1", False), ("fe80::1", False),
     ("fc00::1", False), ("::ffff:127.0.0.1", False), ("100.64.0.1", False), ("240.0.0.1", False)],
)  # fmt: skip
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/feed", "http://localhost:8080/", "http://[::1]/x", "http://169.254.169.254/latest/meta-data",
            "http://10.1.2.3/", "http://0x7f000001/"],
)  # fmt: skip
def test_policy_refuses_internal_addresses(url: str) -> None:
    with pytest.raises(UnsafeURL, match="non-public address"):
        URLPolicy().check(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/", "javascript:alert(1)"])
def test_policy_refuses_other_schemes(url: str) -> None:
    with pytest.raises(UnsafeURL, match="only http and https"):
        URLPolicy(allow_private=True).check(url)


def test_policy_allow_private_and_allow_hosts() -> None:
    assert URLPolicy(allow_private=True).check("http://127.0.0.1:81/x")[2] == ["127.0.0.1"]
    trusted = URLPolicy(allow_hosts=frozenset({"127.0.0.1"}))
    assert trusted.check("http://127.0.0.1/x")[0] == "127.0.0.1"
    with pytest.raises(UnsafeURL):
        trusted.check("http://localhost/x")  # trust is per host name, not per address
    with pytest.raises(UnsafeURL, match="credentials"):
        URLPolicy(allow_private=True).check("http://user:pw@127.0.0.1/")


def test_unresolvable_host_is_an_oserror() -> None:
    with pytest.raises(OSError, match="cannot resolve"):
        URLPolicy().check("http://no-such-host.invalid/feed")


def test_screen_refuses_entity_expansion_and_xxe() -> None:
    with pytest.raises(UnsafeXML, match="entity expansion"):
        screen_xml(BILLION_LAUGHS)
    with pytest.raises(UnsafeXML, match="XXE"):
        screen_xml(xxe("file:///etc/passwd"))
    # UTF-16 cannot hide the declarations from the screen.
    with pytest.raises(UnsafeXML, match="XXE"):
        screen_xml(xxe("file:///etc/passwd").decode().encode("utf-16"))
    with pytest.raises(UnsafeXML, match="more than"):
        screen_xml(b"<!DOCTYPE r [" + b"".join(b'<!ENTITY e%d "x">' % i for i in range(100)) + b"]><r/>")


def test_screen_passes_plain_entities_and_external_parameter_entities() -> None:
    screen_xml(b'<!DOCTYPE rss [\n  <!ENTITY id "tag:example.com,">\n]><rss/>')
    screen_xml(b'<!DOCTYPE rss [<!ENTITY amp2 "&#38;">]><rss/>')
    screen_xml(b'<!DOCTYPE r [<!ENTITY % lat1 PUBLIC "-//W3C//ENTITIES Latin 1//EN" "http://x/lat1.ent">%lat1;]><r/>')
    screen_xml(b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://x/rss-0.91.dtd"><rss/>')


def test_feedparser_alone_does_not_expand(site) -> None:  # type: ignore[no-untyped-def]
    """Belt and braces: even without our screen, feedparser neither expands nor fetches entities."""
    secret = site.add("/secret", "TOP-SECRET-CONTENT", content_type="text/plain")
    parsed = feedparser.parse(io.BytesIO(BILLION_LAUGHS))
    for entry in parsed.entries:
        assert len(str(entry.get("title", ""))) < 1000
        assert len(str(entry.get("summary", ""))) < 1000
    parsed = feedparser.parse(io.BytesIO(xxe(secret)))
    assert "TOP-SECRET" not in repr(parsed)
    assert "/secret" not in site.paths()


def test_parse_feed_refuses_with_clear_message() -> None:
    with pytest.raises(FeedParseError, match="entity expansion"):
        parse_feed(BILLION_LAUGHS)
    with pytest.raises(FeedParseError, match="XXE"):
        parse_feed(xxe("http://127.0.0.1:9/x"))


def test_parse_feed_does_not_treat_bytes_as_a_path(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "local.xml"
    target.write_bytes(b'<rss version="2.0"><channel><item><title>LOCAL FILE</title></item></channel></rss>')
    with pytest.raises(FeedParseError):
        parse_feed(str(target).encode())  # feedparser.parse(bytes) would open this path


def test_external_parameter_entity_is_never_fetched(site) -> None:  # type: ignore[no-untyped-def]
    """Passed by the screen (old RDF feeds use it), so it must stay inert: nothing is requested."""
    dtd = site.add("/evil.dtd", '<!ENTITY leak SYSTEM "file:///etc/hostname">', content_type="application/xml-dtd")
    doctype = f'<!DOCTYPE rss [<!ENTITY % ext SYSTEM "{dtd}"> %ext;]>'
    body = '<rss version="2.0"><channel><item><guid>1</guid><title>t &leak;</title></item></channel></rss>'
    parsed = parse_feed(f'<?xml version="1.0"?>{doctype}{body}'.encode())
    assert "/evil.dtd" not in site.paths()
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    assert not hostname or hostname not in repr(parsed.entries)
