"""kill -9 in the middle of ``cleaner run``: only complete outputs remain; the next run finishes the job identically."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")

WORDS = ["harbour", "bridge", "council", "vote", "river", "market", "school", "library", "orchard", "ferry"]


def make_inputs(folder: Path, count: int = 60) -> None:
    folder.mkdir()
    for n in range(count):
        sub = folder / f"part{n % 3}"
        sub.mkdir(exist_ok=True)
        topic = WORDS[n % len(WORDS)]
        paras = "".join(
            f"<p>Paragraph {k} about the {topic} in town number {n}. Residents spoke at length about it "
            f"and about what the {WORDS[(n + k) % len(WORDS)]} means for them.</p>"
            for k in range(8)
        )
        head = f"<html><head><title>The {topic} {n}</title></head>"
        body = f"<body><article><h1>The {topic} {n}</h1>{paras}</article></body></html>"
        (sub / f"page{n:03d}.html").write_text(head + body)
    notes = [{"url": f"https://example.org/{n}", "text": f"Note {n}. The {WORDS[n % len(WORDS)]} is open today."}
             for n in range(30)]  # fmt: skip
    (folder / "batch.jsonl").write_text("".join(json.dumps(note) + "\n" for note in notes))


def run(src: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cleaner", "run", str(src), "-o", str(out), "-j", "1", "-q"],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json*"))
            if ".cleaner" not in p.parts}  # fmt: skip


def test_kill_then_resume_is_byte_identical(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_inputs(src)
    reference = tmp_path / "reference"
    proc = run(src, reference)
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    expected = outputs(reference)
    assert len(expected) == 61

    out = tmp_path / "out"
    proc = run(src, out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.rglob("page*.json"))) < 5:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: parent and worker, mid-write
    proc.wait()
    partial = outputs(out)
    assert 5 <= len(partial) < len(expected), "the run was not interrupted in the middle"
    for rel, data in partial.items():
        assert data == expected[rel], f"{rel} is incomplete or differs"

    proc = run(src, out)
    assert proc.wait(timeout=300) == 0
    assert outputs(out) == expected
    assert not list(out.rglob(".tmp-*")), "temporary files left behind"
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    assert report["skipped_unchanged"] >= 4 and report["processed"] + report["skipped_unchanged"] == 61
