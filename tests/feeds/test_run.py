"""Scheduled runs end to end against a local server: articles, incremental runs, failures, lock, CLI."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.feeds.config import ConfigError, load_config
from cleaner.feeds.run import EXIT_FEED_ERRORS, EXIT_IOERR, EXIT_OK, EXIT_TEMPFAIL, EXIT_USAGE, run_feeds, state_paths
from cleaner.feeds.state import FeedState, LockHeld, RunLock
from cleaner.schema import validate_article
from tests.feeds.conftest import PARAS, Site, page, rss, write_config


def articles(out: Path) -> dict[str, dict]:
    found = {}
    for f in sorted(out.rglob("*.json")):
        data = json.loads(f.read_text("utf-8"))
        validate_article(data)
        found[f.relative_to(out).as_posix()] = data
    return found


def news_site(site: Site, n: int = 3) -> str:
    items = []
    for i in range(n):
        site.add(f"/a{i}", page(f"Story {i}", [f"Story {i} begins here with a long enough sentence to count.", *PARAS]))
        items.append({"guid": f"tag:test,2024:{i}", "link": site.url(f"/a{i}"), "title": f"Item {i}",
                      "pubDate": f"Tue, 0{i + 1} Oct 2024 08:00:00 GMT", "author": "desk@example.org (News Desk)",
                      "description": f"<p>Summary of story {i}. It is short.</p>"})  # fmt: skip
    return site.add("/news.xml", rss(items), content_type="application/rss+xml", etag='"e1"',
                    last_modified="Tue, 01 Oct 2024 08:00:00 GMT")  # fmt: skip


def test_run_writes_schema_valid_articles_from_pages(site: Site, tmp_path: Path) -> None:
    feed = news_site(site)
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": feed, "name": "News"}]))
    summary = run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    assert summary.exit_code == EXIT_OK
    assert [(r.status, r.written, r.from_page) for r in summary.feeds] == [("ok", 3, 3)]
    found = articles(tmp_path / "out")
    assert len(found) == 3 and all(k.startswith("news/") for k in found)
    story = next(a for a in found.values() if a["extra"]["guid"] == "tag:test,2024:1")
    assert story["title"] == "Story 1"  # the page's title wins over the item's
    assert story["published"] == "2024-10-02T08:00:00Z"  # the page had none: filled from the item
    assert story["authors"] == ["News Desk"]
    assert story["extra"]["content_source"] == "page" and story["extra"]["feed"] == "news"
    assert "published" in story["extra"]["filled_from_item"]
    assert "Home" not in story["text"] and PARAS[0] in story["text"]


def test_second_run_is_conditional_and_writes_nothing(site: Site, tmp_path: Path) -> None:
    feed = news_site(site)
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": feed, "name": "news"}]))
    run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.json")}
    n_hits = len(site.hits)
    summary = run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    assert summary.feeds[0].status == "not-modified"
    new_hits = site.hits[n_hits:]
    assert [p for p, _ in new_hits] == ["/news.xml"]  # no article page refetched
    assert new_hits[0][1]["if-none-match"] == '"e1"'
    assert new_hits[0][1]["if-modified-since"] == "Tue, 01 Oct 2024 08:00:00 GMT"
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.json")} == before
    # A server without validators: the feed is refetched, but known items are not.
    site.routes["/news.xml"].etag = None
    site.routes["/news.xml"].last_modified = None
    n_hits = len(site.hits)
    summary = run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    assert (summary.feeds[0].status, summary.feeds[0].known, summary.feeds[0].written) == ("ok", 3, 0)
    assert site.paths()[n_hits:] == ["/news.xml"]


def test_new_item_is_picked_up_next_run(site: Site, tmp_path: Path) -> None:
    feed = news_site(site, 2)
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": feed, "name": "news"}]))
    run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    assert len(articles(tmp_path / "out")) == 2
    news_site(site, 3)  # the feed now has a third item and a new ETag
    site.routes["/news.xml"].etag = '"e2"'
    n_hits = len(site.hits)
    summary = run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    assert (summary.feeds[0].new, summary.feeds[0].written, summary.feeds[0].known) == (1, 1, 2)
    assert site.paths()[n_hits:] == ["/news.xml", "/a2"]
    assert len(articles(tmp_path / "out")) == 3


def test_fallback_to_item_content_is_stated(site: Site, tmp_path: Path) -> None:
    items = [
        {"guid": "1", "link": site.url("/gone"), "title": "Gone", "content": "<p>" + " ".join(PARAS) + "</p>"},
        {"guid": "2", "link": site.url("/empty"), "title": "Empty page", "description": "Just the summary. Two parts."},
        {"guid": "3", "title": "No link, no text"},
        {"guid": "4", "link": "ftp://example.invalid/x", "title": "Odd link", "description": "<b>Bold</b> claim."},
    ]
    site.add("/empty", "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
    feed = site.add("/f.xml", rss(items), content_type="application/rss+xml")
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": feed, "name": "f"}]))
    summary = run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    r = summary.feeds[0]
    assert (r.written, r.from_item, r.no_article) == (3, 3, 1)
    by_guid = {a["extra"]["guid"].rsplit("/", 1)[-1]: a for a in articles(tmp_path / "out").values()}
    assert by_guid["1"]["extra"]["content_source"] == "feed-item"
    assert "HTTP 404" in by_guid["1"]["extra"]["fallback_reason"]
    assert by_guid["1"]["extra"]["content_field"] == "content" and PARAS[1] in by_guid["1"]["text"]
    assert "no article" in by_guid["2"]["extra"]["fallback_reason"]
    assert by_guid["2"]["title"] == "Empty page"
    assert by_guid["4"]["text"] == "Bold claim." and "no http(s) link" in by_guid["4"]["extra"]["fallback_reason"]
    state = FeedState(state_paths(cfg, tmp_path / "out")[0])
    lost = [i for i in state.items("f") if i["status"] == "no-article"]
    state.close()
    assert len(lost) == 1 and "no content" in lost[0]["detail"]


def test_one_failing_feed_never_stops_the_others(site: Site, tmp_path: Path) -> None:
    good = news_site(site, 1)
    site.add("/500.xml", "oops", status=500)
    site.add("/bad.xml", "<rss><channel><item><title>unclosed", content_type="application/rss+xml")
    site.add("/notxml.xml", "\x00\x01\x02 binary junk", content_type="application/octet-stream")
    site.add("/slow.xml", rss([]), delay=3.0)
    feeds = [
        {"url": site.url("/500.xml"), "name": "e500"},
        {"url": "http://no-such-host.invalid/feed", "name": "dns"},
        {"url": site.url("/slow.xml"), "name": "slow"},
        {"url": site.url("/notxml.xml"), "name": "junk"},
        {"url": site.url("/missing.xml"), "name": "missing"},
        {"url": good, "name": "good"},
    ]
    cfg = load_config(write_config(tmp_path / "f.toml", feeds, timeout=0.5))
    lines: list[str] = []
    summary = run_feeds(cfg, tmp_path / "out", log=lines.append)
    status = {r.name: r.status for r in summary.feeds}
    assert status == {"e500": "error", "dns": "error", "slow": "error", "junk": "error", "missing": "error",
                      "good": "ok"}  # fmt: skip
    assert summary.exit_code == EXIT_FEED_ERRORS
    errors = {r.name: r.error or "" for r in summary.feeds}
    assert "HTTP 500" in errors["e500"] and errors["dns"].startswith("dns:") and errors["slow"].startswith("timeout")
    assert errors["junk"].startswith("parse:") and "HTTP 404" in errors["missing"]
    assert len(articles(tmp_path / "out")) == 1 and len(lines) == 6


def test_failures_back_off_and_recover(site: Site, tmp_path: Path) -> None:
    site.add("/flaky.xml", "down", status=503)
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": site.url("/flaky.xml"), "name": "flaky"}],
                                   backoff_base=3600))  # fmt: skip
    out = tmp_path / "out"
    assert run_feeds(cfg, out, log=lambda m: None).feeds[0].status == "error"
    assert run_feeds(cfg, out, log=lambda m: None).feeds[0].status == "error"  # first failure: retried at once
    third = run_feeds(cfg, out, log=lambda m: None).feeds[0]
    assert third.status == "backoff" and "next attempt in" in (third.error or "")
    assert site.paths().count("/flaky.xml") == 2  # the backoff run did not touch the server
    state = FeedState(state_paths(cfg, out)[0])
    state.db.execute("UPDATE feeds SET next_attempt = 0")  # an hour later
    state.close()
    site.add("/flaky.xml", rss([{"guid": "x", "title": "Back", "description": "It works again. Good."}]))
    assert run_feeds(cfg, out, log=lambda m: None).feeds[0].status == "ok"
    assert len(articles(out)) == 1


def test_hostile_feeds_and_links_are_refused(site: Site, tmp_path: Path) -> None:
    secret = site.add("/secret", "TOP-SECRET")
    site.add("/xxe.xml", f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY s SYSTEM "{secret}">]>'
             '<rss version="2.0"><channel><item><title>&s;</title></item></channel></rss>')  # fmt: skip
    site.add("/big.xml", rss([{"guid": "b", "title": "x" * 300_000}]))
    port = site.base.rsplit(":", 1)[1]
    site.add("/to-internal", redirect=f"http://localhost:{port}/secret")
    items = [{"guid": "r", "link": site.url("/to-internal"), "title": "Redirected",
              "description": "Only the summary is used. The page redirect was refused."}]  # fmt: skip
    site.add("/redir.xml", rss(items))
    feeds = [{"url": site.url("/xxe.xml"), "name": "xxe"}, {"url": site.url("/big.xml"), "name": "big"},
             {"url": site.url("/redir.xml"), "name": "redir"}]  # fmt: skip
    # Only the feed host is trusted (by name); links and redirects elsewhere are checked.
    cfg = load_config(write_config(tmp_path / "f.toml", feeds, allow_private=False, allow_hosts=["127.0.0.1"],
                                   max_bytes=100_000))  # fmt: skip
    summary = run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    res = {r.name: r for r in summary.feeds}
    assert res["xxe"].status == "error" and "XXE" in (res["xxe"].error or "")
    assert res["big"].status == "error" and "limit" in (res["big"].error or "")
    assert res["redir"].status == "ok" and res["redir"].from_item == 1
    (art,) = articles(tmp_path / "out").values()
    assert "non-public address" in art["extra"]["fallback_reason"]
    assert "/secret" not in site.paths()


def test_private_addresses_refused_by_default(site: Site, tmp_path: Path) -> None:
    feed = news_site(site, 1)
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": feed, "name": "n"}], allow_private=False))
    summary = run_feeds(cfg, tmp_path / "out", log=lambda m: None)
    assert summary.feeds[0].status == "error" and "allow_private" in (summary.feeds[0].error or "")
    assert site.hits == []


def test_lock_serialises_runs(site: Site, tmp_path: Path) -> None:
    feed = news_site(site, 1)
    conf = write_config(tmp_path / "f.toml", [{"url": feed, "name": "n"}], lock_wait=0.2)
    cfg = load_config(conf)
    _, lock_path = state_paths(cfg, tmp_path / "out")
    with RunLock(lock_path, wait=0):
        with pytest.raises(LockHeld, match="another feeds run"):
            run_feeds(cfg, tmp_path / "out", log=lambda m: None)
        assert main(["feeds", "--config", str(conf), "--out", str(tmp_path / "out")]) == EXIT_TEMPFAIL
    assert site.hits == []
    # A second run that finds the lock briefly held waits for it instead of giving up.
    cfg_wait = load_config(write_config(tmp_path / "g.toml", [{"url": feed, "name": "n"}], lock_wait=5))
    holder = RunLock(lock_path, wait=0).__enter__()
    threading.Timer(0.3, holder.__exit__, args=(None, None, None)).start()
    start = time.monotonic()
    assert run_feeds(cfg_wait, tmp_path / "out", log=lambda m: None).exit_code == EXIT_OK
    assert time.monotonic() - start >= 0.25


def test_cli_run_and_status(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = news_site(site, 2)
    site.add("/down.xml", "x", status=500)
    feeds = [{"url": feed, "name": "news"}, {"url": site.url("/down.xml"), "name": "down"}]
    conf = write_config(tmp_path / "f.toml", feeds)
    out = str(tmp_path / "out")
    assert main(["feeds", "status", "--config", str(conf), "--out", out]) == EXIT_OK
    assert "no run has happened" in capsys.readouterr().out
    assert main(["feeds", "--config", str(conf), "--out", out]) == EXIT_FEED_ERRORS
    err = capsys.readouterr().err
    assert "news: ok, 2 new item(s): 2 written" in err and "down: error: http: HTTP 500" in err
    assert main(["feeds", "status", "--config", str(conf), "--out", out]) == EXIT_FEED_ERRORS
    lines = capsys.readouterr().out.splitlines()
    news = next(line for line in lines if line.startswith("news "))
    down = next(line for line in lines if line.startswith("down "))
    assert news.split()[2:4] == ["2", "2"] and news.rstrip().endswith("-")
    assert down.split()[1] == "never" and "HTTP 500" in down and "[failing]" in down
    assert main(["feeds", "run", "-q", "--config", str(conf), "--out", out]) == EXIT_FEED_ERRORS


def test_config_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    for text, message in [
        ("allow_private = true\n", "no [[feeds]]"),
        ("[[feeds]]\nurl = 'file:///etc/passwd'\n", "only http and https"),
        ("[[feeds]]\nurl = 'http://x.org/a'\n[[feeds]]\nurl = 'http://x.org/a'\n", "duplicate"),
        ("host_delay = 'slow'\n[[feeds]]\nurl = 'http://x.org/a'\n", "wrong type"),
        ("colour = 1\n[[feeds]]\nurl = 'http://x.org/a'\n", "unknown option"),
        ("[[feeds]\n", "not valid TOML"),
    ]:
        bad.write_text(text)
        with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
            load_config(bad)
    assert main(["feeds", "--config", str(bad), "--out", str(tmp_path / "o")]) == EXIT_USAGE
    assert "not valid TOML" in capsys.readouterr().err
    assert main(["feeds", "--config", str(tmp_path / "none.toml"), "--out", str(tmp_path / "o")]) == EXIT_USAGE
    good = write_config(tmp_path / "good.toml", [{"url": "http://127.0.0.1:9/f"}])
    (tmp_path / "file").write_text("not a folder")
    assert main(["feeds", "--config", str(good), "--out", str(tmp_path / "file")]) == EXIT_IOERR
    assert "cannot use the output folder" in capsys.readouterr().err


def test_transient_page_failure_without_item_content_is_retried(site: Site, tmp_path: Path) -> None:
    site.add("/late", page("Late", PARAS), delay=1.0)
    feed = site.add("/t.xml", rss([{"guid": "t", "link": site.url("/late"), "title": "Title only"}]), etag='"t1"')
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": feed, "name": "t"}], timeout=0.3, item_attempts=2))
    out = tmp_path / "out"
    first = run_feeds(cfg, out, log=lambda m: None).feeds[0]
    assert (first.pending, first.written) == (1, 0)
    n_hits = len(site.hits)
    second = run_feeds(cfg, out, log=lambda m: None).feeds[0]
    # The pending item needs the feed body: no conditional request, and the page is tried again.
    assert "if-none-match" not in site.hits[n_hits][1] and site.paths()[n_hits:] == ["/t.xml", "/late"]
    assert (second.status, second.no_article) == ("ok", 1)  # second and last attempt: given up, with the reason
    state = FeedState(state_paths(cfg, out)[0])
    (item,) = state.items("t")
    state.close()
    assert item["attempts"] == 2 and "timeout" in item["detail"]
    assert run_feeds(cfg, out, log=lambda m: None).feeds[0].status == "not-modified"


def test_max_items_leaves_the_rest_for_the_next_run(site: Site, tmp_path: Path) -> None:
    items = [{"guid": str(i), "title": f"T{i}", "description": f"Item {i} text. Short."} for i in range(5)]
    feed = site.add("/m.xml", rss(items), etag='"m1"')
    cfg = load_config(write_config(tmp_path / "f.toml", [{"url": feed, "name": "m"}], max_items=3))
    out = tmp_path / "out"
    first = run_feeds(cfg, out, log=lambda m: None).feeds[0]
    assert first.written == 3 and "left for the next run" in first.line()
    assert len(articles(out)) == 3
    second = run_feeds(cfg, out, log=lambda m: None).feeds[0]  # validators were not saved: a full fetch
    assert (second.known, second.written) == (3, 2) and len(articles(out)) == 5
    assert run_feeds(cfg, out, log=lambda m: None).feeds[0].status == "not-modified"


def test_example_config_in_contrib_is_valid() -> None:
    cfg = load_config(Path(__file__).resolve().parents[2] / "contrib" / "feeds.example.toml")
    assert [f.name for f in cfg.feeds] == ["example", "example-com-atom-xml"]
    assert cfg.allow_private is False and cfg.feeds[1].fetch_pages is False
