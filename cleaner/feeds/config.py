"""The feeds configuration file (TOML).

Example::

    allow_private = false          # permit loopback/private addresses (tests, intranets)
    host_delay = 1.0               # seconds between two requests to one host
    timeout = 20                   # connect/read timeout, seconds
    max_bytes = 16777216           # per response, after gunzip
    max_redirects = 5
    doc_time_limit = 30            # seconds the pipeline may spend on one page or item
    fetch_pages = true             # fetch each item's page; false = use the item's own content
    state = "DIR/.cleaner/feeds.sqlite"   # default place of the state database

    [[feeds]]
    url = "https://example.org/feed.xml"
    name = "example"               # optional; default: derived from the URL
    fetch_pages = false            # optional per-feed override
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class ConfigError(ValueError):
    """The configuration file is missing, not TOML, or has a bad value."""


@dataclass(frozen=True)
class FeedConfig:
    """One ``[[feeds]]`` table."""

    url: str
    name: str
    fetch_pages: bool = True


@dataclass(frozen=True)
class Config:
    feeds: list[FeedConfig]
    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()
    user_agent: str | None = None
    host_delay: float = 1.0
    timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 16 << 20
    max_redirects: int = 5
    max_items: int = 200  # per feed per run: a huge feed cannot stall the schedule
    item_attempts: int = 3  # runs an item with no usable content is retried before it is given up
    backoff_base: float = 300.0
    backoff_max: float = 6 * 3600.0
    lock_wait: float = 10.0
    doc_time_limit: float = 30.0  # pipeline seconds per page or item (trafilatura has no limit of its own)
    state: str | None = None


def slugify(text: str) -> str:
    """A file-name-safe slug.

    >>> slugify("https://Example.org/blog/feed.xml")
    'example-org-blog-feed-xml'
    """
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text.strip().lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:80].strip("-") or "feed"


_TOP: dict[str, type | tuple[type, ...]] = {
    "allow_private": bool,
    "allow_hosts": list,
    "user_agent": str,
    "host_delay": (int, float),
    "timeout": (int, float),
    "total_timeout": (int, float),
    "max_bytes": int,
    "max_redirects": int,
    "max_items": int,
    "item_attempts": int,
    "backoff_base": (int, float),
    "backoff_max": (int, float),
    "lock_wait": (int, float),
    "doc_time_limit": (int, float),
    "state": str,
    "fetch_pages": bool,
}


def parse_config(data: dict[str, Any]) -> Config:
    """Build a :class:`Config` from parsed TOML; raise :class:`ConfigError` on bad values.

    >>> c = parse_config({"feeds": [{"url": "https://example.org/rss"}], "host_delay": 0})
    >>> c.feeds[0].name, c.host_delay
    ('example-org-rss', 0.0)
    """
    unknown = sorted(set(data) - set(_TOP) - {"feeds"})
    if unknown:
        raise ConfigError(f"unknown option(s): {', '.join(unknown)}")
    for key, kind in _TOP.items():
        if key in data and (not isinstance(data[key], kind) or (kind is not bool and isinstance(data[key], bool))):
            raise ConfigError(f"option {key!r} has the wrong type ({type(data[key]).__name__})")
    raw_feeds = data.get("feeds")
    if not isinstance(raw_feeds, list) or not raw_feeds:
        raise ConfigError("no [[feeds]] tables")
    default_pages = bool(data.get("fetch_pages", True))
    feeds: list[FeedConfig] = []
    names: set[str] = set()
    for i, entry in enumerate(raw_feeds, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise ConfigError(f"feed #{i}: needs a url string")
        url = entry["url"].strip()
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise ConfigError(f"feed #{i}: only http and https URLs are supported: {url!r}")
        bad = sorted(set(entry) - {"url", "name", "fetch_pages"})
        if bad:
            raise ConfigError(f"feed #{i}: unknown option(s): {', '.join(bad)}")
        name = slugify(str(entry.get("name") or url))
        if name in names:
            raise ConfigError(f"feed #{i}: duplicate feed name {name!r}")
        names.add(name)
        pages = entry.get("fetch_pages", default_pages)
        if not isinstance(pages, bool):
            raise ConfigError(f"feed #{i}: fetch_pages must be true or false")
        feeds.append(FeedConfig(url=url, name=name, fetch_pages=pages))
    return Config(
        feeds=feeds,
        allow_private=bool(data.get("allow_private", False)),
        allow_hosts=frozenset(str(h).lower() for h in data.get("allow_hosts", [])),
        user_agent=data.get("user_agent"),
        host_delay=float(data.get("host_delay", 1.0)),
        timeout=float(data.get("timeout", 20.0)),
        total_timeout=float(data.get("total_timeout", 60.0)),
        max_bytes=int(data.get("max_bytes", 16 << 20)),
        max_redirects=int(data.get("max_redirects", 5)),
        max_items=int(data.get("max_items", 200)),
        item_attempts=int(data.get("item_attempts", 3)),
        backoff_base=float(data.get("backoff_base", 300.0)),
        backoff_max=float(data.get("backoff_max", 6 * 3600.0)),
        lock_wait=float(data.get("lock_wait", 10.0)),
        doc_time_limit=float(data.get("doc_time_limit", 30.0)),
        state=data.get("state"),
    )


def load_config(path: str | Path) -> Config:
    """Read and validate a TOML configuration file."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_config(data)
