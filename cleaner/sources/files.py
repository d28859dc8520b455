"""Find input files and decide where each one's output goes.

``IN/a/b.html`` becomes ``OUT/a/b.json``; a container (JSONL, WARC, feed
file) becomes ``OUT/a/b.jsonl`` with one article per line.  Hidden files
and folders (``.name``) are skipped, like most tools do.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Suffixes (checked longest first) of files that hold many documents.
CONTAINER_SUFFIXES = (
    ".warc.gz", ".arc.gz", ".jsonl.gz", ".ndjson.gz", ".json.gz",
    ".warc", ".arc", ".jsonl", ".ndjson",
)  # fmt: skip
# Suffixes stripped from a single page's name before ".json" is added.
SINGLE_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".gz")
_KNOWN_SUFFIXES = CONTAINER_SUFFIXES + SINGLE_SUFFIXES


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input: its path on disk and its path relative to its input root."""

    path: str
    rel: str  # posix, relative; the output path is derived from it
    container: bool

    def output_rel(self) -> str:
        """Relative output path: extension replaced by .json or .jsonl.

        >>> InputFile("/x/a/b.html", "a/b.html", False).output_rel()
        'a/b.json'
        >>> InputFile("/x/c.warc.gz", "c.warc.gz", True).output_rel()
        'c.jsonl'
        """
        name = self.rel
        lower = name.lower()
        if lower.endswith(_KNOWN_SUFFIXES):  # one C-level test first: this runs per input on every re-run
            suffix = next(x for x in _KNOWN_SUFFIXES if lower.endswith(x))
            name = name[: -len(suffix)]
        else:
            stem, dot, _ = name.rpartition(".")
            if dot and "/" not in name[len(stem) :]:
                name = stem
        return name + (".jsonl" if self.container else ".json")


def is_container(path: str) -> bool:
    """True for files that hold many documents (by name).

    >>> is_container("crawl/part-0001.warc.gz"), is_container("page.html")
    (True, False)
    """
    return path.lower().endswith(CONTAINER_SUFFIXES)


def _sniff_feed(path: str) -> bool:
    from cleaner.stages.decode import detect_format

    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return detect_format(head, path) == "feed"


def _walk(root: str) -> Iterable[tuple[str, str]]:
    """``(path, posix path relative to root)`` of every visible file, sorted; plain strings (fast)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        prefix = os.path.relpath(dirpath, root)
        prefix = "" if prefix == "." else prefix.replace(os.sep, "/") + "/"
        for name in sorted(filenames):
            if not name.startswith(".") and not name.endswith("~"):
                yield os.path.join(dirpath, name), prefix + name


def discover(inputs: Iterable[str]) -> list[InputFile]:
    """Expand files and folders (recursively) into a sorted, de-duplicated list.

    Two inputs that would write the same output keep their full names
    (``a.html`` → ``a.html.json``) so that nothing is overwritten.
    """
    found: dict[str, InputFile] = {}
    for item in inputs:
        if os.path.isdir(item):
            files: Iterable[tuple[str, str]] = _walk(item)
        else:
            files = [(item, Path(item).name)]
        for spath, rel in files:
            if rel in found:
                continue
            container = is_container(spath) or _sniff_feed(spath)
            found[rel] = InputFile(spath, rel, container)
    result = sorted(found.values(), key=lambda f: f.rel)
    outputs: dict[str, list[InputFile]] = {}
    for f in result:
        outputs.setdefault(f.output_rel(), []).append(f)
    fixed: list[InputFile] = []
    for f in result:
        if len(outputs[f.output_rel()]) > 1:
            fixed.append(_Renamed(f.path, f.rel, f.container))
        else:
            fixed.append(f)
    return fixed


@dataclass(frozen=True, slots=True)
class _Renamed(InputFile):
    """An input whose output name keeps its extension to avoid a collision."""

    def output_rel(self) -> str:
        return self.rel + (".jsonl" if self.container else ".json")
