"""Safety checks for fetched URLs and feed XML.

Two threats: a feed (or one of its item links, or a redirect) pointing the
fetcher at an internal address (server-side request forgery), and hostile
XML (entity expansion, external entities).  feedparser itself does not
expand nested or external entities (it strips the DOCTYPE and keeps only
plain one-level entities), but we refuse such feeds before parsing so the
refusal is explicit and does not depend on a parser's internals.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(Exception):
    """A URL the fetcher refuses (scheme, host or resolved address)."""


class UnsafeXML(Exception):
    """A feed whose DOCTYPE declares entities that could expand or reach outside."""


def is_public_address(ip: IPAddress) -> bool:
    """True if ``ip`` is a globally routable unicast address.

    >>> is_public_address(ipaddress.ip_address("93.184.216.34"))
    True
    >>> [is_public_address(ipaddress.ip_address(a)) for a in ("127.0.0.1", "10.1.2.3", "169.254.169.254", "::1")]
    [False, False, False, False]
    """
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


@dataclass
class URLPolicy:
    """Which URLs may be fetched.

    ``allow_private`` lifts the address check entirely (tests, intranets);
    ``allow_hosts`` lifts it for the named host names only, so an internal
    feed server can be trusted without trusting what its links point to.
    """

    allow_private: bool = False
    allow_hosts: frozenset[str] = field(default_factory=frozenset)

    def check(self, url: str) -> tuple[str, int, list[str]]:
        """Validate ``url``; return (host, port, addresses that may be connected to).

        Raises :class:`UnsafeURL` with a message that says why.  Connecting to
        one of the returned addresses (rather than resolving again) defeats
        DNS rebinding between the check and the connection.
        """
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise UnsafeURL(f"refused {url!r}: only http and https URLs are fetched")
        try:
            host = parts.hostname
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise UnsafeURL(f"refused {url!r}: {exc}") from exc
        if not host:
            raise UnsafeURL(f"refused {url!r}: no host")
        if parts.username or parts.password:
            raise UnsafeURL(f"refused {url!r}: credentials in URLs are not sent")
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise OSError(f"cannot resolve {host!r}: {exc}") from exc
        addresses: list[str] = []
        for info in infos:
            addr = str(info[4][0]).split("%", 1)[0]
            if addr not in addresses:
                addresses.append(addr)
        trusted = self.allow_private or host.lower() in self.allow_hosts
        if not trusted:
            for addr in addresses:
                if not is_public_address(ipaddress.ip_address(addr)):
                    raise UnsafeURL(
                        f"refused {url!r}: {host} resolves to non-public address {addr} "
                        "(set allow_private = true to permit loopback/private addresses)"
                    )
        if not addresses:
            raise OSError(f"cannot resolve {host!r}: no addresses")
        return host, port, addresses


_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.S | re.I)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>]+)\s+(.*?)>", re.S)
_MAX_ENTITIES = 64
_MAX_ENTITY_VALUE = 1024


def _ascii_view(data: bytes) -> bytes:
    """The bytes as an ASCII-compatible view, so UTF-16/32 feeds cannot hide a DOCTYPE."""
    head = data[:4]
    for bom, codec in (
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\x00\x00\x00<", "utf-32-be"),
        (b"<\x00\x00\x00", "utf-32-le"),
        (b"\x00<\x00?", "utf-16-be"),
        (b"<\x00?\x00", "utf-16-le"),
        (b"\x00<", "utf-16-be"),
        (b"<\x00", "utf-16-le"),
    ):
        if head.startswith(bom):
            return data.decode(codec, "replace").encode("utf-8", "replace")
    return data


def screen_xml(data: bytes) -> None:
    """Raise :class:`UnsafeXML` if a DOCTYPE declares dangerous entities.

    Refused: external general entities (``SYSTEM``/``PUBLIC``: XXE), entity
    values that reference other entities (the "billion laughs" expansion),
    and oversized or too many declarations.  Plain one-level entities and
    external *parameter* entities (inert: the parser never loads them) pass.

    >>> screen_xml(b'<!DOCTYPE rss [<!ENTITY id "tag:x,">]><rss/>')
    >>> screen_xml(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r/>')
    Traceback (most recent call last):
    ...
    cleaner.feeds.safety.UnsafeXML: external entity 'x' declared (XXE): refused
    """
    view = _ascii_view(data)
    for subset in _DOCTYPE.findall(view[: 1 << 20]):
        entities = _ENTITY.findall(subset)
        if len(entities) > _MAX_ENTITIES:
            raise UnsafeXML(f"{len(entities)} entity declarations (more than {_MAX_ENTITIES}): refused")
        for percent, name_b, body in entities:
            name = name_b.decode("ascii", "replace")
            stripped = body.strip()
            external = stripped[:6].upper() in (b"SYSTEM", b"PUBLIC")
            if external and not percent:
                raise UnsafeXML(f"external entity {name!r} declared (XXE): refused")
            if not external and (b"&" in _literal(stripped).replace(b"&#", b"") or b"%" in _literal(stripped)):
                raise UnsafeXML(f"entity {name!r} refers to other entities (entity expansion): refused")
            if len(stripped) > _MAX_ENTITY_VALUE:
                raise UnsafeXML(f"entity {name!r} is {len(stripped)} bytes long: refused")


def _literal(body: bytes) -> bytes:
    """The quoted value of an internal entity declaration."""
    if body[:1] in (b'"', b"'"):
        end = body.find(body[:1], 1)
        return body[1:end] if end > 0 else body[1:]
    return body
