"""Incremental state: which inputs are done, so unchanged ones are skipped.

One SQLite file (``OUT/.cleaner/state.sqlite``).  An input is recorded only
after its output file is in place, so a crash leaves at worst an input that
is processed again (to identical bytes).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    rel TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    version TEXT NOT NULL,
    output TEXT,
    status TEXT NOT NULL,
    reason TEXT
)
"""


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(slots=True)
class Entry:
    size: int
    mtime_ns: int
    sha256: str
    version: str
    output: str | None
    status: str
    reason: str | None


class State:
    """The record of processed inputs for one output folder."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self._out = str(out_dir)  # string joins: this runs once per input on every re-run
        db_dir = self.out_dir / ".cleaner"
        db_dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(db_dir / "state.sqlite", timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(_SCHEMA)
        self._rows: dict[str, Entry] = {rel: Entry(*rest) for rel, *rest in self.db.execute("SELECT * FROM inputs")}

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def is_current(self, rel: str, path: str, output_rel: str, version: str) -> tuple[bool, Entry | None]:
        """True if ``path`` is unchanged since it was last processed by ``version``.

        Fast path: size and mtime match.  Otherwise the bytes are hashed, so a
        touched-but-identical file is still skipped.
        """
        entry = self._rows.get(rel)
        if entry is None or entry.version != version:
            return False, entry
        if entry.status == "ok" and not os.path.exists(os.path.join(self._out, output_rel)):
            return False, entry
        try:
            st = os.stat(path)
        except OSError:
            return False, entry
        if st.st_size == entry.size and st.st_mtime_ns == entry.mtime_ns:
            return True, entry
        if st.st_size != entry.size:
            return False, entry
        if file_sha256(path) == entry.sha256:
            entry.mtime_ns = st.st_mtime_ns
            self._save(rel, entry)
            return True, entry
        return False, entry

    def record(self, rel: str, entry: Entry) -> None:
        self._rows[rel] = entry
        self._save(rel, entry)

    def _save(self, rel: str, e: Entry) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO inputs VALUES (?,?,?,?,?,?,?,?)",
            (rel, e.size, e.mtime_ns, e.sha256, e.version, e.output, e.status, e.reason),
        )

    def commit(self) -> None:
        self.db.commit()
