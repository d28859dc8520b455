"""Command line: ``cleaner run``, ``cleaner clean``, ``cleaner schema``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner._version import __version__

if TYPE_CHECKING:  # the pipeline imports every stage's libraries: only when a command needs it
    from cleaner.options import StageOptions


def _cmd_schema(args: argparse.Namespace) -> int:
    from cleaner.schema import schema_text

    print(schema_text())
    return 0


def _cmd_clean(args: argparse.Namespace) -> int:
    from cleaner.api import clean
    from cleaner.document import Rejected
    from cleaner.sources.compressed import maybe_decompress

    data = sys.stdin.buffer.read() if args.input == "-" else Path(args.input).read_bytes()
    try:
        data = maybe_decompress(data)
        name = None if args.input == "-" else Path(args.input).name
        article = clean(data, url=args.url, format=args.format, path=name)
    except Rejected as exc:
        print(f"cleaner: rejected {args.input}: {exc}", file=sys.stderr)
        return 3
    sys.stdout.write(article.to_json(indent=None if args.compact else 2) + "\n")
    return 0


def _progress(total: int):  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty() or total < 20:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)


def _peak_rss_mib() -> float:
    try:
        import resource
    except ImportError:  # not POSIX
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def run_inputs(inputs: Sequence[str], out: str, jobs: int | None = 1, engine: str = "local",
               address: str | None = None, quiet: bool = False, force: bool = False,
               timeout: float | None = None, max_bytes: int | None = None, recycle: int = 1000,
               options: StageOptions | None = None) -> int:  # fmt: skip
    """The body of ``cleaner run``; returns the exit code.

    ``timeout`` (seconds per document) and ``max_bytes`` (per document) default
    to :data:`cleaner.runner.DEFAULT_TIME_LIMIT` / ``DEFAULT_MAX_BYTES``; 0 disables.
    ``options`` (:class:`~cleaner.pipeline.StageOptions`: ``--rules-only-cruft``,
    ``--no-paragraph-languages``) are part of the version the state records: outputs made
    with other options are not current, so switching re-runs every input.
    """
    from cleaner.options import DEFAULT_OPTIONS
    from cleaner.runner import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT, Limits, pipeline_version
    from cleaner.sinks.files import clean_stale_temps
    from cleaner.sinks.report import RunReport
    from cleaner.sinks.state import Entry, State
    from cleaner.sources.files import discover

    options = options or DEFAULT_OPTIONS

    start = time.perf_counter()
    for item in inputs:
        if not Path(item).exists():
            print(f"cleaner: no such file or folder: {item}", file=sys.stderr)
            return 2
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(out_dir)
    state = State(out_dir)
    version = pipeline_version(options)
    report = RunReport()
    files = discover(inputs)
    report.inputs = len(files)
    todo = []
    for f in files:
        current, _ = state.is_current(f.rel, f.path, f.output_rel(), version)
        if current and not force:
            report.skipped_unchanged += 1
        else:
            todo.append(f)
    state.commit()
    limits = Limits(
        max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else (max_bytes or None),
        time_limit=DEFAULT_TIME_LIMIT if timeout is None else (timeout or None),
    )
    if engine == "ray":
        from cleaner.engines.ray import RayEngine

        runner = RayEngine(address=address, limits=limits, options=options)
    else:
        from cleaner.engines.local import LocalEngine

        runner = LocalEngine(jobs=jobs, limits=limits, recycle=recycle, options=options)  # type: ignore[assignment]
    bar = _progress(len(todo))
    try:
        for result in runner.map(todo, str(out_dir)):
            report.processed += 1
            report.articles += result.articles
            report.add_stages(result.stats)
            report.add_skipped(result.skipped)
            for r in result.rejected:
                report.reject(r["path"], r["reason"], r["detail"])
                if not quiet:
                    print(f"cleaner: rejected {r['path']}: {r['reason']}: {r['detail']}", file=sys.stderr)
            if result.sha256:
                status = "ok" if result.output_rel else "rejected"
                reason = result.rejected[0]["reason"] if status == "rejected" and result.rejected else None
                state.record(result.rel, Entry(result.size, result.mtime_ns, result.sha256, version,
                                               result.output_rel, status, reason))  # fmt: skip
            # Every result: a killed run then redoes at most the files in flight (a WAL commit is ~0.1 ms).
            state.commit()
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        state.close()
    report.seconds = time.perf_counter() - start
    report.worker_restarts = getattr(runner, "restarts", 0)
    report.peak_rss_mib = _peak_rss_mib()
    report.write(out_dir / ".cleaner" / "report.json")
    if not quiet:
        print(report.summary(), file=sys.stderr)
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from cleaner.options import StageOptions

    options = StageOptions(line_model=not args.rules_only_cruft, paragraph_languages=not args.no_paragraph_languages)
    return run_inputs(args.inputs, args.out, jobs=args.jobs, engine=args.engine, address=args.address,
                      quiet=args.quiet, force=args.force, timeout=args.timeout, max_bytes=args.max_bytes,
                      recycle=args.recycle, options=options)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Raw scraped pages → canonical JSON articles.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="clean files and folders into an output folder (incremental)")
    run.add_argument("inputs", nargs="+", help="files or folders (recursive)")
    run.add_argument("--out", "-o", required=True, help="output folder")
    run.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="worker processes (default: CPU count; 0 = in this process, no hard time limit)",
    )
    run.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="time limit per document (default 30; 0 = none)"
    )
    run.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="size limit per document after gunzip (default 16 MiB; 0 = none)",
    )
    run.add_argument(
        "--recycle",
        type=int,
        default=1000,
        metavar="N",
        help="replace a worker process after N documents (bounds lxml memory)",
    )
    run.add_argument("--engine", choices=["local", "ray"], default="local")
    run.add_argument("--address", default=None, help="Ray cluster address (with --engine ray)")
    run.add_argument("--force", action="store_true", help="reprocess unchanged inputs too")
    run.add_argument(
        "--rules-only-cruft",
        action="store_true",
        help="cruft rules alone on plain-text scrapes, no line model (faster, less accurate)",
    )
    run.add_argument(
        "--no-paragraph-languages",
        action="store_true",
        help="skip the per-paragraph language check (faster; paragraph_languages stays empty)",
    )
    run.add_argument("--quiet", "-q", action="store_true", help="no per-rejection lines or summary")
    run.set_defaults(func=_cmd_run)

    one = sub.add_parser("clean", help="clean one file (or - for stdin) and print its JSON")
    one.add_argument("input")
    one.add_argument("--url", default=None)
    one.add_argument("--format", choices=["html", "text"], default=None)
    one.add_argument("--compact", action="store_true", help="one line of JSON")
    one.set_defaults(func=_cmd_clean)

    schema = sub.add_parser("schema", help="print the article JSON Schema")
    schema.set_defaults(func=_cmd_schema)

    from cleaner.feeds.cli import add_feeds_parser

    add_feeds_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
