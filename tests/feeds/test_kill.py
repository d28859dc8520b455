"""kill -9 in the middle of a run, then a re-run, gives exactly the articles of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner.feeds.config import load_config
from cleaner.feeds.run import run_feeds, state_paths
from cleaner.feeds.state import FeedState
from tests.feeds.conftest import PARAS, Site, page, rss, write_config

ROOT = Path(__file__).resolve().parents[2]
N = 12


def outputs(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in sorted(out.rglob("*")) if p.is_file()
            and not p.relative_to(out).as_posix().startswith(".cleaner")}  # fmt: skip


def test_kill_mid_run_then_rerun_matches_uninterrupted(site: Site, tmp_path: Path) -> None:
    items = []
    for i in range(N):
        # Every page is slow, so the kill lands between articles (or in one).
        site.add(f"/p{i}", page(f"Article {i}", [f"Article number {i} opens with this sentence.", *PARAS]), delay=0.15)
        items.append({"guid": f"id-{i}", "link": site.url(f"/p{i}"), "title": f"Item {i}",
                      "pubDate": "Mon, 07 Oct 2024 12:00:00 GMT"})  # fmt: skip
    # Odd items have no page (404) and fall back to their own content.
    for i in range(1, N, 2):
        del site.routes[f"/p{i}"]
        items[i]["description"] = f"<p>Item {i} exists only in the feed. It has its own summary text.</p>"
    site.add("/feed.xml", rss(items), content_type="application/rss+xml", etag='"k1"')
    conf = write_config(tmp_path / "f.toml", [{"url": site.url("/feed.xml"), "name": "kill"}], lock_wait=5)
    killed = tmp_path / "killed"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "feeds", "--config", str(conf), "--out", str(killed)],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((killed / "kill").glob("*.json"))) < 4:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = len(list((killed / "kill").glob("*.json")))
    assert 4 <= before < N, "the kill should land mid-run"

    cfg = load_config(conf)
    hits = len(site.hits)
    summary = run_feeds(cfg, killed, log=lambda m: None)
    assert summary.exit_code == 0
    # The re-run sent an unconditional request (validators are saved only once a feed is settled)
    # and fetched only the pages still missing (at most one more: the one in flight at the kill).
    rerun_pages = [p for p in site.paths()[hits:] if p.startswith("/p")]
    assert len(rerun_pages) <= N - before + 1

    clean = tmp_path / "clean"
    run_feeds(cfg, clean, log=lambda m: None)
    assert outputs(killed) == outputs(clean)
    assert len(outputs(clean)) == N
    state = FeedState(state_paths(cfg, killed)[0])
    statuses = [i["status"] for i in state.items("kill")]
    state.close()
    assert statuses == ["written"] * N
    assert not list(killed.rglob(".tmp-*"))
    for text in outputs(killed).values():
        assert json.loads(text)["extra"]["feed"] == "kill"
