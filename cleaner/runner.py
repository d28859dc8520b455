"""Turn input files into output files: the unit of work every engine runs.

:func:`process_input` handles one input file completely (read, clean, write
its output atomically) and returns a small :class:`TaskResult`; engines only
decide where it runs.  The parent process owns the incremental state and the
report.

Limits (:class:`Limits`): a document larger than ``max_bytes`` (after
gunzip) is rejected as ``too-large`` before any parsing; a document that runs
longer than ``time_limit`` seconds is rejected as ``timeout``.  The time
limit is enforced here with ``SIGALRM`` (it interrupts Python-level loops);
the local engine also supervises each worker and kills one stuck inside C
code, then re-runs its file with that document marked (``skip``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cleaner._version import __version__
from cleaner.document import Document, Rejected
from cleaner.options import DEFAULT_OPTIONS, StageOptions
from cleaner.sinks.files import article_json, article_jsonl_line, atomic_write
from cleaner.sources.containers import RecordError, RecordSkipped, reader_for
from cleaner.sources.files import InputFile

if TYPE_CHECKING:  # the stages load in a worker when it first needs them, not in a run's parent
    from cleaner.pipeline import Pipeline

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_TIME_LIMIT = 30.0

_pipelines: dict[StageOptions, Pipeline] = {}  # per stage options: one pipeline per worker process
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits; ``None`` or 0 disables one.

    >>> Limits().max_bytes == DEFAULT_MAX_BYTES
    True
    """

    max_bytes: int | None = DEFAULT_MAX_BYTES
    time_limit: float | None = DEFAULT_TIME_LIMIT


class DocTimeout(BaseException):
    """Raised by the alarm inside a document that ran over its time limit.

    A BaseException so that the pipeline's ``except Exception`` (which turns
    stage errors into rejections) does not swallow it.
    """


def worker_pipeline(options: StageOptions = DEFAULT_OPTIONS) -> Pipeline:
    """The per-process pipeline for ``options`` (profiles and models load once per worker).

    See :class:`~cleaner.pipeline.StageOptions` for what each choice trades (docs/cruft.md, docs/scale.md).
    """
    pipeline = _pipelines.get(options)
    if pipeline is None:
        from cleaner.pipeline import Pipeline, stages_for

        pipeline = _pipelines[options] = Pipeline(stages_for(options))
    return pipeline


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
    skipped: dict[str, int] = field(default_factory=dict)  # container records skipped on purpose, by reason
    documents: int = 0
    timed_out: bool = False  # a soft time limit fired: the worker should be replaced


# Called with a document's index when it starts and with -1 when it ends: the
# local engine's supervisor watches this to kill a worker stuck in C code.
DocHook = Callable[[int], None]


def _no_hook(index: int) -> None:
    return None


def _alarm(signum: int, frame: Any) -> None:
    raise DocTimeout()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocTimeout` in this block after ``seconds`` (main thread, POSIX only).

    >>> with time_limit(5):
    ...     1 + 1
    2
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_limited(seconds: float | None, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` under :func:`time_limit`; running over is a ``timeout`` rejection.

    >>> run_limited(5, sum, [1, 2])
    3
    """
    try:
        with time_limit(seconds):
            return fn(*args)
    except DocTimeout:
        raise Rejected("timeout", f"over the {seconds:g} s limit per document") from None


def _rej(path: str, reason: str, detail: str) -> dict[str, str]:
    return {"path": path, "reason": reason, "detail": detail}


class _Task:
    """State of one input while it is processed (counts, rejections, limits)."""

    def __init__(self, inp: InputFile, pipe: Pipeline, limits: Limits, skip: Mapping[int, str], hook: DocHook):
        self.inp = inp
        self.pipe = pipe
        self.limits = limits
        self.skip = skip
        self.hook = hook
        self.rejected: list[dict[str, str]] = []
        self.skipped: Counter[str] = Counter()
        self.documents = 0
        self.articles = 0
        self.timed_out = False

    def clean(self, index: int, doc: Document, where: str) -> str | None:
        """One document → its article JSON (``jsonl`` form for containers) or None if rejected."""
        self.documents += 1
        forced = self.skip.get(index)
        if forced:
            self.rejected.append(_rej(where, forced, _FORCED_DETAIL.get(forced, forced)))
            return None
        limit = self.limits.max_bytes
        if limit and len(doc.raw) > limit:
            self.rejected.append(_rej(where, "too-large", f"{len(doc.raw)} bytes > limit {limit}"))
            return None
        self.hook(index)
        try:
            outcome = run_limited(self.limits.time_limit, self.pipe.outcome, doc)
        except Rejected as exc:  # only the time limit raises: Pipeline.outcome never does
            self.timed_out = True
            self.rejected.append(_rej(where, exc.reason, exc.detail))
            return None
        finally:
            self.hook(-1)
        if outcome.article is None:
            assert outcome.rejection is not None
            self.rejected.append(_rej(where, outcome.rejection.reason, outcome.rejection.detail))
            return None
        self.articles += 1
        if self.inp.container:
            return article_jsonl_line(outcome.article)
        return article_json(outcome.article)


_FORCED_DETAIL = {
    "timeout": "over the time limit per document (worker stopped)",
    "crash": "the worker process died on this document",
}


def process_input(
    inp: InputFile,
    out_dir: str,
    pipeline: Pipeline | None = None,
    limits: Limits | None = None,
    skip: Mapping[int, str] | None = None,
    hook: DocHook | None = None,
    options: StageOptions = DEFAULT_OPTIONS,
) -> TaskResult:
    """Clean one input file and write its output; never raises for bad input.

    ``skip`` maps document indexes (0 for a single page, record order for a
    container) to a rejection reason given without running the pipeline: the
    supervisor uses it after a worker died or hung on that document.
    """
    pipe = pipeline or worker_pipeline(options)
    limits = limits or Limits()
    start = time.perf_counter()
    for stage in pipe.stages:  # report only this task's counts
        stage.stats = type(stage.stats)()
    task = _Task(inp, pipe, limits, skip or {}, hook or _no_hook)
    try:
        st = os.stat(inp.path)
    except OSError as exc:
        return TaskResult(inp.rel, None, 0, 0, 0, "", [_rej(inp.rel, "unreadable", str(exc))])
    size, mtime, sha = st.st_size, st.st_mtime_ns, ""
    out_rel = inp.output_rel()
    target = Path(out_dir) / out_rel
    try:
        if inp.container:
            sha = _process_container(task, target)
        else:
            sha, size, mtime = _process_single(task, target)
    except OSError as exc:
        return TaskResult(inp.rel, None, 0, size, mtime, "", [_rej(inp.rel, "unreadable", str(exc))])
    except Exception as exc:  # a bug must cost one file, not the run
        detail = f"{type(exc).__name__}: {exc}"[:500]
        return TaskResult(inp.rel, None, 0, size, mtime, "", [_rej(inp.rel, "error", detail)])
    articles = task.articles
    return TaskResult(
        rel=inp.rel,
        output_rel=out_rel if (articles > 0 or inp.container) else None,
        articles=articles,
        size=size,
        mtime_ns=mtime,
        sha256=sha,
        rejected=task.rejected,
        stats=pipe.stats_dict(),
        seconds=time.perf_counter() - start,
        skipped=dict(sorted(task.skipped.items())),
        documents=task.documents,
        timed_out=task.timed_out,
    )


def _process_single(task: _Task, target: Path) -> tuple[str, int, int]:
    """Returns ``(sha256, size, mtime_ns)`` of the bytes actually read."""
    from cleaner.sources.compressed import maybe_decompress

    inp, limit = task.inp, task.limits.max_bytes
    with open(inp.path, "rb") as fh:
        st = os.fstat(fh.fileno())
        # Read at most a little past the limit: a huge file is rejected without loading it.  Compressed
        # pages may be somewhat larger than the limit (random bytes do not shrink) but not twice as large.
        cap = (2 * limit if data_is_gzip_name(inp.rel) else limit) if limit else None
        data = fh.read(cap + 1) if cap else fh.read()
    sha = hashlib.sha256(data).hexdigest()
    text: str | None
    if cap and len(data) > cap:
        task.documents += 1
        task.rejected.append(_rej(inp.rel, "too-large", f"more than {limit} bytes"))
        text = None
    else:
        try:
            data = maybe_decompress(data, inp.rel, limit=limit or 1 << 62)
        except Rejected as exc:
            task.documents += 1
            task.rejected.append(_rej(inp.rel, exc.reason, exc.detail))
            text = None
        else:
            text = task.clean(0, Document(raw=data, path=inp.rel), inp.rel)
    if text is None:
        with contextlib.suppress(FileNotFoundError):  # an older article from bytes now rejected is stale
            target.unlink()
    else:
        atomic_write(target, [text])
    return sha, st.st_size, st.st_mtime_ns


def data_is_gzip_name(name: str) -> bool:
    """Single pages stored compressed may be read past the limit (it applies after gunzip).

    >>> data_is_gzip_name("a/page.html.gz"), data_is_gzip_name("page.html")
    (True, False)
    """
    return name.lower().endswith(".gz")


def _process_container(task: _Task, target: Path) -> str:
    """Write one JSONL line per article, in record order; returns the file's sha256."""
    from cleaner.sinks.state import file_sha256
    from cleaner.sources.containers import feed_reader

    inp = task.inp
    reader = reader_for(inp.path) or feed_reader()
    if reader is None:
        task.rejected.append(_rej(inp.rel, "unsupported-container", "no reader for this kind of file"))
        return file_sha256(inp.path)
    sha = file_sha256(inp.path)

    def lines() -> Iterator[str]:
        index = 0
        records = reader(inp.path, inp.rel)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as exc:  # a broken file: keep what was read, report where it broke
                task.rejected.append(
                    _rej(f"{inp.rel}#record {index + 1}", "bad-container", f"{type(exc).__name__}: {exc}"[:300])
                )
                return
            if isinstance(record, RecordSkipped):
                task.skipped[record.reason] += 1
                continue
            if isinstance(record, RecordError):
                task.rejected.append(_rej(f"{inp.rel}#{record.position}", record.reason, record.detail))
                task.documents += 1
                index += 1
                continue
            text = task.clean(index, record, record.path or f"{inp.rel}#record {index + 1}")
            index += 1
            if text is not None:
                yield text

    atomic_write(target, lines())
    return sha


def pipeline_version(options: StageOptions = DEFAULT_OPTIONS) -> str:
    """What the incremental state records an output was made by: a change re-runs the input.

    >>> pipeline_version() == pipeline_version(StageOptions(line_model=False))
    False
    """
    tag = options.tag()
    return f"{__version__}+{tag}" if tag else __version__
