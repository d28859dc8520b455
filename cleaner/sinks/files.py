"""Atomic file writes: a reader (or a crash) never sees a half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from cleaner.document import Article


def atomic_write(path: str | Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` to a temp file beside ``path``, fsync, then rename over it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def article_json(article: Article) -> str:
    """The bytes of an article file: canonical JSON plus a final newline."""
    return article.to_json(indent=2) + "\n"


def article_jsonl_line(article: Article) -> str:
    """One line of a JSONL output file."""
    return article.to_json(indent=None) + "\n"


def write_article(path: str | Path, article: Article) -> None:
    """Write one article as its own JSON file, atomically."""
    atomic_write(path, [article_json(article)])


def clean_stale_temps(out_dir: str | Path) -> int:
    """Delete temp files a killed run left behind; return how many."""
    count = 0
    for tmp in Path(out_dir).rglob(".tmp-*.part"):
        try:
            tmp.unlink()
            count += 1
        except OSError:
            pass
    return count
