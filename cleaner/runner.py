"""Turn input files into output files: the unit of work every engine runs.

:func:`process_input` handles one input file completely (read, clean, write
its output atomically) and returns a small :class:`TaskResult`; engines only
decide where it runs.  The parent process owns the incremental state and the
report.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner._version import __version__
from cleaner.document import Document
from cleaner.pipeline import Pipeline
from cleaner.sinks.files import article_json, article_jsonl_line, atomic_write
from cleaner.sinks.state import file_sha256
from cleaner.sources.containers import RecordError, reader_for
from cleaner.sources.files import InputFile

_pipeline: Pipeline | None = None


def worker_pipeline() -> Pipeline:
    """The per-process pipeline (profiles and models load once per worker)."""
    global _pipeline
    if _pipeline is None:
        _pipeline = Pipeline()
    return _pipeline


@dataclass
class TaskResult:
    """What processing one input produced (small: it crosses processes)."""

    rel: str
    output_rel: str | None
    articles: int
    size: int
    mtime_ns: int
    sha256: str
    rejected: list[dict[str, str]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def _read(path: str) -> tuple[bytes, os.stat_result]:
    st = os.stat(path)
    with open(path, "rb") as fh:
        data = fh.read()
    return data, st


def _single_doc(data: bytes, inp: InputFile) -> Document:
    from cleaner.sources.compressed import maybe_decompress

    data = maybe_decompress(data, inp.rel)
    return Document(raw=data, path=inp.rel)


def process_input(inp: InputFile, out_dir: str, pipeline: Pipeline | None = None) -> TaskResult:
    """Clean one input file and write its output; never raises for bad input."""
    pipe = pipeline or worker_pipeline()
    start = time.perf_counter()
    for stage in pipe.stages:  # report only this task's counts
        stage.stats = type(stage.stats)()
    try:
        st = os.stat(inp.path)
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError as exc:
        return TaskResult(inp.rel, None, 0, 0, 0, "", [_rej(inp.rel, "unreadable", str(exc))])
    out_rel = inp.output_rel()
    target = Path(out_dir) / out_rel
    try:
        if inp.container:
            sha = file_sha256(inp.path)
            result = _process_container(inp, target, pipe)
        else:
            data, st = _read(inp.path)
            size, mtime = st.st_size, st.st_mtime_ns
            import hashlib

            sha = hashlib.sha256(data).hexdigest()
            result = _process_single(inp, data, target, pipe)
    except OSError as exc:
        return TaskResult(inp.rel, None, 0, size, mtime, "", [_rej(inp.rel, "unreadable", str(exc))])
    articles, rejected = result
    return TaskResult(
        rel=inp.rel,
        output_rel=out_rel if articles or inp.container else None,
        articles=articles,
        size=size,
        mtime_ns=mtime,
        sha256=sha,
        rejected=rejected,
        stats=pipe.stats_dict(),
        seconds=time.perf_counter() - start,
    )


def _rej(path: str, reason: str, detail: str) -> dict[str, str]:
    return {"path": path, "reason": reason, "detail": detail}


def _process_single(inp: InputFile, data: bytes, target: Path, pipe: Pipeline) -> tuple[int, list[dict[str, str]]]:
    from cleaner.document import Rejected

    try:
        doc = _single_doc(data, inp)
    except Rejected as exc:
        return 0, [_rej(inp.rel, exc.reason, exc.detail)]
    outcome = pipe.outcome(doc)
    if outcome.article is None:
        assert outcome.rejection is not None
        if target.exists():  # an older article from bytes that are now rejected is stale
            target.unlink()
        return 0, [_rej(inp.rel, outcome.rejection.reason, outcome.rejection.detail)]
    atomic_write(target, [article_json(outcome.article)])
    return 1, []


def _process_container(inp: InputFile, target: Path, pipe: Pipeline) -> tuple[int, list[dict[str, str]]]:
    from cleaner.sources.containers import feed_reader

    reader = reader_for(inp.path) or feed_reader()
    if reader is None:
        return 0, [_rej(inp.rel, "unsupported-container", "no reader for this kind of file")]
    rejected: list[dict[str, str]] = []
    count = 0

    def lines() -> Iterator[str]:
        nonlocal count
        for record in reader(inp.path, inp.rel):
            if isinstance(record, RecordError):
                rejected.append(_rej(f"{inp.rel}#{record.position}", record.reason, record.detail))
                continue
            outcome = pipe.outcome(record)
            if outcome.article is None:
                assert outcome.rejection is not None
                rejected.append(_rej(record.path or inp.rel, outcome.rejection.reason, outcome.rejection.detail))
                continue
            count += 1
            yield article_jsonl_line(outcome.article)

    atomic_write(target, lines())
    return count, rejected


def pipeline_version() -> str:
    return __version__
