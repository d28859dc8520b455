"""One scheduled run: every configured feed once, new items only, then exit.

Per feed: a conditional GET (ETag / Last-Modified), parse, and for each item
not yet settled: fetch its page and clean it, or fall back to the item's own
content; write the article atomically, then mark the item done.  A failure
in one feed is recorded (with backoff) and never stops the others.

Exit codes (for monitors): :data:`EXIT_OK` every feed fetched (or not
modified); :data:`EXIT_FEED_ERRORS` at least one feed failed or is waiting
out a backoff; :data:`EXIT_USAGE` bad command line or configuration; :data:`EXIT_IOERR`
the output folder or state cannot be written; :data:`EXIT_TEMPFAIL` another run holds the lock (EX_TEMPFAIL: try later).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from cleaner.document import Rejected
from cleaner.feeds.config import Config, FeedConfig
from cleaner.feeds.http import DEFAULT_USER_AGENT, FetchError, HttpClient
from cleaner.feeds.items import FeedParseError, ItemInfo, article_from_item, fill_from_item, item_file, item_info
from cleaner.feeds.safety import URLPolicy
from cleaner.feeds.state import DONE, FeedState, RunLock
from cleaner.pipeline import Pipeline
from cleaner.runner import run_limited
from cleaner.sinks.files import clean_stale_temps, write_article

EXIT_OK = 0
EXIT_FEED_ERRORS = 1
EXIT_USAGE = 2
EXIT_IOERR = 74
EXIT_TEMPFAIL = 75

# Page failures worth retrying on a later run (when the item has no content of its own).
_TRANSIENT = {"dns", "connect", "timeout"}


def state_paths(config: Config, out: str | Path) -> tuple[Path, Path]:
    """(state database, lock file): by default in ``OUT/.cleaner/``."""
    db = Path(config.state) if config.state else Path(out) / ".cleaner" / "feeds.sqlite"
    return db, db.with_name(db.name + ".lock")


@dataclass
class FeedResult:
    """What one run did with one feed."""

    name: str
    status: str  # ok | not-modified | error | backoff
    error: str | None = None
    new: int = 0
    known: int = 0
    written: int = 0
    from_page: int = 0
    from_item: int = 0
    no_article: int = 0
    pending: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.status in ("error", "backoff"):
            return f"{self.name}: {self.status}: {self.error}"
        if self.status == "not-modified":
            return f"{self.name}: not modified"
        text = (f"{self.name}: ok, {self.new} new item(s): {self.written} written "
                f"({self.from_page} from page, {self.from_item} from feed item), "
                f"{self.no_article} without article, {self.pending} to retry; {self.known} already done")  # fmt: skip
        return text + "".join(f"; {n}" for n in self.notes)


@dataclass
class RunSummary:
    feeds: list[FeedResult]

    @property
    def exit_code(self) -> int:
        return EXIT_FEED_ERRORS if any(f.status in ("error", "backoff") for f in self.feeds) else EXIT_OK


def make_client(config: Config) -> HttpClient:
    return HttpClient(
        URLPolicy(allow_private=config.allow_private, allow_hosts=config.allow_hosts),
        user_agent=config.user_agent or DEFAULT_USER_AGENT,
        timeout=config.timeout,
        total_timeout=config.total_timeout,
        max_bytes=config.max_bytes,
        max_redirects=config.max_redirects,
        host_delay=config.host_delay,
    )


def run_feeds(config: Config, out: str | Path, *, log: Callable[[str], None] | None = None,
              client: HttpClient | None = None) -> RunSummary:  # fmt: skip
    """Process every feed once; raise :class:`~cleaner.feeds.state.LockHeld` if another run is active."""
    say = log or (lambda msg: print(f"cleaner feeds: {msg}", file=sys.stderr))
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path, lock_path = state_paths(config, out_dir)
    results: list[FeedResult] = []
    with RunLock(lock_path, wait=config.lock_wait):
        state = FeedState(db_path)
        http = client or make_client(config)
        pipeline = Pipeline()
        try:
            for feed in config.feeds:
                if (out_dir / feed.name).is_dir():
                    clean_stale_temps(out_dir / feed.name)
                try:
                    result = _run_feed(feed, config, out_dir, state, http, pipeline)
                except Exception as exc:  # never let one feed stop the others
                    error = f"internal error: {type(exc).__name__}: {exc}"[:500]
                    state.failure(feed.name, error, config.backoff_base, config.backoff_max)
                    result = FeedResult(feed.name, "error", error)
                say(result.line())
                results.append(result)
        finally:
            state.close()
    return RunSummary(results)


def _run_feed(feed: FeedConfig, config: Config, out_dir: Path, state: FeedState, http: HttpClient,
              pipeline: Pipeline) -> FeedResult:  # fmt: skip
    row = state.feed(feed.name, feed.url)
    now = time.time()
    if row.next_attempt > now:
        wait = row.next_attempt - now
        return FeedResult(feed.name, "backoff", f"{row.last_error} (next attempt in {wait:.0f} s)")
    headers: dict[str, str] = {}
    # Items left to retry need the feed body again, so skip the conditional request then.
    if not state.counts(feed.name)["pending"]:
        if row.etag:
            headers["If-None-Match"] = row.etag
        if row.last_modified:
            headers["If-Modified-Since"] = row.last_modified
    try:
        resp = http.get(feed.url, headers)
    except FetchError as exc:
        error = f"{exc.kind}: {exc}"
        state.failure(feed.name, error, config.backoff_base, config.backoff_max)
        return FeedResult(feed.name, "error", error)
    if resp.status == 304:
        state.success(feed.name, row.etag, row.last_modified, "not modified")
        return FeedResult(feed.name, "not-modified")
    from cleaner.feeds.items import parse_feed

    try:
        base = urljoin(resp.url, resp.headers.get("content-location", "").strip())
        parsed = parse_feed(resp.body, resp.content_type, base)
    except FeedParseError as exc:
        error = f"parse: {exc}"
        state.failure(feed.name, error, config.backoff_base, config.backoff_max)
        return FeedResult(feed.name, "error", error)
    result = FeedResult(feed.name, "ok")
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        result.notes.append(f"feed not well-formed, read leniently ({type(exc).__name__}: {exc})"[:200])
    left = 0
    seen_keys: set[str] = set()
    for entry in parsed.entries:
        info = item_info(entry)
        if info.key in seen_keys:
            continue
        seen_keys.add(info.key)
        previous = state.item(feed.name, info.key)
        if previous is not None and previous[0] in DONE:
            result.known += 1
            continue
        if result.new >= config.max_items:  # a huge backlog is worked off over several runs
            left += 1
            continue
        result.new += 1
        attempts = (previous[1] if previous else 0) + 1
        _settle_item(feed, info, attempts, config, out_dir, state, http, pipeline, result)
    if left:
        result.notes.append(f"{left} new item(s) left for the next run (max_items)")
    etag = resp.headers.get("etag") if not left else None
    modified = resp.headers.get("last-modified") if not left else None
    state.success(feed.name, etag, modified, "ok" if not result.notes else "ok; " + "; ".join(result.notes))
    return result


def _settle_item(feed: FeedConfig, info: ItemInfo, attempts: int, config: Config, out_dir: Path,
                 state: FeedState, http: HttpClient, pipeline: Pipeline, result: FeedResult) -> None:  # fmt: skip
    rel = item_file(feed.name, info.key)
    extra: dict[str, Any] = {"feed": feed.name, "feed_url": feed.url, "guid": info.guid, "link": info.link}
    article = None
    page_problem: str | None = None
    transient = False
    if feed.fetch_pages and info.url:
        try:
            resp = http.get(info.url)
            from cleaner.document import Document

            page_extra = {**extra, "content_source": "page"}
            if resp.url != info.url:
                page_extra["page_url"] = resp.url
            doc = Document(raw=resp.body, url=info.url, path=info.url)
            doc.extra["content_type"] = resp.content_type
            doc.extra["article_extra"] = page_extra
            article = run_limited(config.doc_time_limit, pipeline.process, doc)
            filled = fill_from_item(article, info)
            if filled:
                article.extra["filled_from_item"] = filled
        except FetchError as exc:
            page_problem = f"page fetch failed: {exc.kind}: {exc}"
            transient = exc.kind in _TRANSIENT or (exc.kind == "http" and (exc.status or 0) >= 500)
        except Rejected as exc:
            page_problem = f"page yielded no article: {exc.reason}: {exc.detail}"
    elif not feed.fetch_pages:
        page_problem = "page fetching is off for this feed"
    else:
        page_problem = "the item has no http(s) link"
    if article is None:
        fallback_extra = {**extra, "content_source": "feed-item", "content_field": info.content_field,
                          "fallback_reason": page_problem}  # fmt: skip
        try:
            article = run_limited(config.doc_time_limit, article_from_item, pipeline, info,
                                  f"{feed.name}#{info.key}", fallback_extra)  # fmt: skip
        except Rejected as exc:
            detail = f"{page_problem}; item content: {exc.reason}: {exc.detail}"[:500]
            if transient and attempts < config.item_attempts:
                state.set_item(feed.name, info.key, info.guid, info.link, "pending", None, detail, attempts)
                result.pending += 1
            else:
                state.set_item(feed.name, info.key, info.guid, info.link, "no-article", None, detail, attempts)
                result.no_article += 1
            return
        result.from_item += 1
    else:
        result.from_page += 1
    write_article(out_dir / rel, article)
    # Marked done only now that the file is on disk: a kill before this line redoes the item.
    state.set_item(feed.name, info.key, info.guid, info.link, "written", rel, article.extra.get("content_source"),
                   attempts)  # fmt: skip
    result.written += 1


def status_lines(config: Config, out: str | Path) -> tuple[list[str], int]:
    """Per-feed status for ``cleaner feeds status``; exit 1 if a feed's last attempt failed."""
    db_path, _ = state_paths(config, out)
    if not db_path.exists():
        return [f"no state yet at {db_path}: no run has happened"], EXIT_OK
    state = FeedState(db_path)
    code = EXIT_OK
    lines = [f"{'feed':<24} {'last success':<20} {'seen':>6} {'written':>7}  last error"]
    try:
        known = {row.name: row for row in state.feeds()}
        for feed in config.feeds:
            row = known.get(feed.name)
            counts = state.counts(feed.name)
            success = _when(row.last_success) if row else "never"
            error = "-"
            if row and row.last_error:
                failing = row.failures > 0
                error = f"{_when(row.last_error_at)} {row.last_error}" + (" [failing]" if failing else "")
                if failing:
                    code = EXIT_FEED_ERRORS
                    if row.next_attempt > time.time():
                        error += f" (next attempt after {_when(row.next_attempt)})"
            lines.append(f"{feed.name:<24} {success:<20} {counts['seen']:>6} {counts['written']:>7}  {error}")
    finally:
        state.close()
    return lines, code


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts)) if ts else "never"
