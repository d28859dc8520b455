"""The supervised local engine: same outputs at any -j, limits, hangs and crashes cost one document."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

import cleaner.runner as runner
from cleaner.document import Document
from cleaner.engines.local import LocalEngine
from cleaner.pipeline import DEFAULT_OPTIONS, Pipeline, default_stages
from cleaner.runner import Limits, process_input
from cleaner.sources.files import discover
from cleaner.stages.base import Stage

BODY = "Harbour workers met on Tuesday to talk about the new bridge. The vote is set for {n} March."


def page(n: int) -> str:
    return f"<html><head><title>Note {n}</title></head><body><article><p>{BODY.format(n=n)}</p></article></body></html>"


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json*"))
            if ".cleaner" not in p.parts}  # fmt: skip


class Trap(Stage):
    """A stage that misbehaves on marked documents: loops, hangs in 'C', or kills its process."""

    name = "trap"

    def process(self, doc: Document) -> None:
        text = doc.text
        if "LOOP-FOREVER" in text:
            while True:  # a Python-level loop: SIGALRM interrupts it
                pass
        if "HANG-IN-C" in text:
            # Blocking SIGALRM stands in for C code that never returns to the interpreter.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        if "KILL-WORKER" in text:
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture
def trapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pipeline built by workers (forked from this process) carries the trap."""
    stages = default_stages()
    stages.insert(2, Trap())
    pipeline = Pipeline(stages)
    # Load lazy tables (language profiles, stop lists) here, before workers fork: a cold first
    # document must not be what hits the short time limits these tests use.
    pipeline.outcome(Document(raw=page(0).encode()))
    monkeypatch.setattr(runner, "_pipelines", {DEFAULT_OPTIONS: pipeline})


def test_parallel_equals_serial_equals_inline(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(12):
        (src / f"p{n:02d}.html").write_text(page(n))
    files = discover([str(src)])
    results = {}
    for jobs in (0, 1, 2):
        out = tmp_path / f"out{jobs}"
        got = list(LocalEngine(jobs=jobs, recycle=3).map(files, str(out)))
        assert sorted(r.rel for r in got) == [f.rel for f in files]
        results[jobs] = outputs(out)
    assert len(results[0]) == 12
    assert results[0] == results[1] == results[2]


def test_size_limit_rejects_before_parsing(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_text(page(1) + "<!--" + "x" * 5000 + "-->")
    (tmp_path / "small.html").write_text(page(2))
    files = discover([str(tmp_path)])
    out = tmp_path / "out"
    results = {r.rel: r for r in LocalEngine(jobs=1, limits=Limits(max_bytes=2000)).map(files, str(out))}
    assert results["big.html"].rejected[0]["reason"] == "too-large"
    assert results["small.html"].articles == 1
    assert sorted(outputs(out)) == ["small.json"]


@pytest.mark.parametrize("marker,reason", [("LOOP-FOREVER", "timeout"), ("HANG-IN-C", "timeout"),
                                           ("KILL-WORKER", "crash")])  # fmt: skip
def test_bad_record_costs_one_record(tmp_path: Path, trapped: None, marker: str, reason: str) -> None:
    lines = [{"url": f"https://example.org/{n}", "html": page(n)} for n in range(4)]
    lines.insert(2, {"url": "https://example.org/bad", "html": page(99).replace("Tuesday", marker)})
    src = tmp_path / "in"
    src.mkdir()
    (src / "batch.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    (src / "after.html").write_text(page(7))
    engine = LocalEngine(jobs=1, limits=Limits(time_limit=1.0), grace=1.0)
    start = time.monotonic()
    results = {r.rel: r for r in engine.map(discover([str(src)]), str(tmp_path / "out"))}
    assert time.monotonic() - start < 30
    batch = results["batch.jsonl"]
    assert [r["reason"] for r in batch.rejected] == [reason]
    assert batch.rejected[0]["path"] == "batch.jsonl#line 3"
    written = [json.loads(x)["url"] for x in (tmp_path / "out" / "batch.jsonl").read_text().splitlines()]
    assert written == [f"https://example.org/{n}" for n in range(4)]
    assert results["after.html"].articles == 1
    if marker != "LOOP-FOREVER":  # the soft limit handles Python loops without killing anyone
        assert engine.restarts == 1


def test_inline_soft_time_limit(tmp_path: Path, trapped: None) -> None:
    (tmp_path / "loop.html").write_text(page(1).replace("Tuesday", "LOOP-FOREVER"))
    inp = discover([str(tmp_path / "loop.html")])[0]
    result = process_input(inp, str(tmp_path / "out"), limits=Limits(time_limit=0.5))
    assert result.rejected[0]["reason"] == "timeout" and result.timed_out


def test_workers_are_recycled(tmp_path: Path) -> None:
    for n in range(6):
        (tmp_path / f"p{n}.html").write_text(page(n))
    engine = LocalEngine(jobs=1, recycle=2)
    pids = set()
    original = engine._spawn

    def spy(out_dir: str):  # type: ignore[no-untyped-def]
        slot = original(out_dir)
        pids.add(slot.proc.pid)
        return slot

    engine._spawn = spy  # type: ignore[method-assign]
    assert sum(r.articles for r in engine.map(discover([str(tmp_path)]), str(tmp_path / "out"))) == 6
    assert len(pids) >= 3


def test_size_limit_on_compressed_pages(tmp_path: Path) -> None:
    import gzip
    import random

    noise = random.Random(5).randbytes(8000)  # does not compress: the file itself is over twice the limit
    (tmp_path / "noise.html.gz").write_bytes(gzip.compress(noise))
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(page(3).encode() + b" " * 50_000))
    (tmp_path / "ok.html.gz").write_bytes(gzip.compress(page(4).encode()))
    limits = Limits(max_bytes=3000)
    results = {r.rel: r for r in LocalEngine(jobs=0, limits=limits).map(discover([str(tmp_path)]), str(tmp_path / "o"))}
    assert results["noise.html.gz"].rejected[0]["reason"] == "too-large"
    assert results["bomb.html.gz"].rejected[0]["reason"] == "too-large"
    assert results["ok.html.gz"].articles == 1
