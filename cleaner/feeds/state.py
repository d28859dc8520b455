"""Feed state in one SQLite file, and the lock that serialises runs.

Tables: ``feeds`` (per feed: ETag / Last-Modified for conditional GET, last
success and error, consecutive failures and the backoff deadline, counters)
and ``items`` (per item key: what became of it).  An item row with status
``written`` is committed only after its article file is on disk, so a run
killed at any point leaves the database describing exactly what exists.
Conditional-GET validators are committed only after every item of that feed
response is settled: otherwise a kill mid-feed followed by a 304 would lose
the unsettled items.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_success REAL,
    last_error TEXT,
    last_error_at REAL,
    failures INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL DEFAULT 0,
    last_result TEXT
);
CREATE TABLE IF NOT EXISTS items (
    feed TEXT NOT NULL,
    key TEXT NOT NULL,
    guid TEXT,
    link TEXT,
    status TEXT NOT NULL,          -- written | no-article | pending
    file TEXT,
    detail TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL,
    PRIMARY KEY (feed, key)
);
"""

DONE = ("written", "no-article")


@dataclass
class FeedRow:
    name: str
    url: str
    etag: str | None
    last_modified: str | None
    last_success: float | None
    last_error: str | None
    last_error_at: float | None
    failures: int
    next_attempt: float
    last_result: str | None


class FeedState:
    """The SQLite state of one output folder."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def feed(self, name: str, url: str) -> FeedRow:
        row = self.db.execute("SELECT * FROM feeds WHERE name = ?", (name,)).fetchone()
        if row is None:
            self.db.execute("INSERT INTO feeds (name, url) VALUES (?, ?)", (name, url))
            return FeedRow(name, url, None, None, None, None, None, 0, 0.0, None)
        found = FeedRow(*row)
        if found.url != url:  # the feed moved: its validators belong to the old URL
            self.db.execute("UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL WHERE name = ?", (url, name))
            found.url, found.etag, found.last_modified = url, None, None
        return found

    def feeds(self) -> list[FeedRow]:
        return [FeedRow(*r) for r in self.db.execute("SELECT * FROM feeds ORDER BY name")]

    def item(self, feed: str, key: str) -> tuple[str, int] | None:
        """(status, attempts) of an item, or None if never seen."""
        row = self.db.execute("SELECT status, attempts FROM items WHERE feed = ? AND key = ?", (feed, key)).fetchone()
        return (row[0], row[1]) if row else None

    def set_item(self, feed: str, key: str, guid: str | None, link: str | None, status: str,
                 file: str | None = None, detail: str | None = None, attempts: int = 0) -> None:  # fmt: skip
        """Record an item's outcome; committed at once (autocommit)."""
        self.db.execute(
            "INSERT INTO items (feed, key, guid, link, status, file, detail, attempts, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (feed, key) DO UPDATE SET guid = excluded.guid, link = excluded.link,"
            " status = excluded.status, file = excluded.file, detail = excluded.detail,"
            " attempts = excluded.attempts, updated = excluded.updated",
            (feed, key, guid, link, status, file, detail, attempts, time.time()),
        )

    def success(self, name: str, etag: str | None, last_modified: str | None, result: str) -> None:
        self.db.execute(
            "UPDATE feeds SET etag = ?, last_modified = ?, last_success = ?, failures = 0, next_attempt = 0,"
            " last_result = ? WHERE name = ?",
            (etag, last_modified, time.time(), result, name),
        )

    def failure(self, name: str, error: str, base: float, maximum: float) -> float:
        """Record a failed attempt; return the time before which the feed is not retried.

        The first failure is retried on the next run; later ones wait
        ``base``, ``2 * base``, ``4 * base``… up to ``maximum`` seconds.
        """
        row = self.db.execute("SELECT failures FROM feeds WHERE name = ?", (name,)).fetchone()
        failures = (row[0] if row else 0) + 1
        now = time.time()
        wait = 0.0 if failures == 1 else min(maximum, base * 2 ** (failures - 2))
        self.db.execute(
            "UPDATE feeds SET last_error = ?, last_error_at = ?, failures = ?, next_attempt = ?, last_result = ?"
            " WHERE name = ?",
            (error, now, failures, now + wait, f"error: {error}", name),
        )
        return now + wait

    def counts(self, name: str) -> dict[str, int]:
        """Items seen and items per status for one feed."""
        out = {"seen": 0, "written": 0, "no-article": 0, "pending": 0}
        for status, n in self.db.execute("SELECT status, COUNT(*) FROM items WHERE feed = ? GROUP BY status", (name,)):
            out[status] = n
            out["seen"] += n
        return out

    def items(self, name: str) -> list[dict[str, Any]]:
        cols = ("key", "guid", "link", "status", "file", "detail", "attempts")
        rows = self.db.execute(f"SELECT {', '.join(cols)} FROM items WHERE feed = ? ORDER BY key", (name,))
        return [dict(zip(cols, r, strict=True)) for r in rows]


class LockHeld(Exception):
    """Another run holds the lock."""


class RunLock:
    """An exclusive ``flock`` on a file beside the state: one run per output folder at a time.

    The kernel drops the lock when the process dies, so a killed run never
    leaves a stale lock behind.
    """

    def __init__(self, path: str | Path, wait: float = 10.0) -> None:
        self.path = Path(path)
        self.wait = wait
        self._fh: IO[str] | None = None

    def __enter__(self) -> RunLock:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")  # held for the lock's lifetime
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "unknown"
                    fh.close()
                    msg = f"another feeds run holds {self.path} (pid {holder}); waited {self.wait:g} s"
                    raise LockHeld(msg) from None
                time.sleep(0.1)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.truncate(0)
            self._fh.close()
            self._fh = None
