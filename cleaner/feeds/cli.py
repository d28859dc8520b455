"""``cleaner feeds [run|status] --config FEEDS.toml --out DIR``."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import Any


def _cmd_feeds(args: argparse.Namespace) -> int:
    from cleaner.feeds.config import ConfigError, load_config
    from cleaner.feeds.run import EXIT_IOERR, EXIT_TEMPFAIL, EXIT_USAGE, run_feeds, status_lines
    from cleaner.feeds.state import LockHeld

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"cleaner feeds: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "status":
        lines, code = status_lines(config, args.out)
        print("\n".join(lines))
        return code
    log = (lambda msg: None) if args.quiet else None
    try:
        summary = run_feeds(config, args.out, log=log)
    except LockHeld as exc:
        print(f"cleaner feeds: {exc}; exiting", file=sys.stderr)
        return EXIT_TEMPFAIL
    except (OSError, sqlite3.Error) as exc:  # output folder or state not writable, disk full…
        print(f"cleaner feeds: cannot use the output folder or state: {exc}", file=sys.stderr)
        return EXIT_IOERR
    return summary.exit_code


def add_feeds_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``feeds`` subcommand on the main parser's subparsers."""
    feeds = subparsers.add_parser(
        "feeds",
        help="fetch RSS/Atom feeds once and clean their new items (run it from cron or a systemd timer)",
        description="Process every configured feed once, then exit. Exit codes: 0 all feeds ok, 1 some feed "
        "failed or is backing off, 2 usage or configuration error, 74 output folder or state not writable, "
        "75 another run holds the lock.",
    )
    feeds.add_argument("action", nargs="?", choices=["run", "status"], default="run",
                       help="run (default): fetch and clean; status: per-feed last success, error, counts")  # fmt: skip
    feeds.add_argument("--config", "-c", required=True, help="feeds configuration (TOML)")
    feeds.add_argument("--out", "-o", required=True, help="output folder (articles and, by default, the state)")
    feeds.add_argument("--quiet", "-q", action="store_true", help="no per-feed lines")
    feeds.set_defaults(func=_cmd_feeds)
    return feeds
