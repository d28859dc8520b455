"""Hostile inputs through ``cleaner run``: each gets a clear rejection or a sensible article, the rest still runs."""

from __future__ import annotations

import gzip
import json
import random
import zlib
from pathlib import Path

import pytest

import cleaner.sources.files as files
from cleaner import validate_article
from cleaner.cli import run_inputs

GOOD = ("<html><head><title>Ferry timetable changes</title></head><body><article><h1>Ferry timetable changes</h1>"
        "<p>The morning ferry will leave ten minutes earlier from next week, the harbour office said on Monday.</p>"
        "<p>Passengers with season tickets do not need to do anything, according to the notice.</p>"
        "</article></body></html>")  # fmt: skip


FRENCH = "lundi à Nîmes, où l'équipe a présenté le nouvel horaire d'été aux élèves et à leurs frères"


def gzip_bomb(size: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    return b"".join([*(comp.compress(chunk) for _ in range(size >> 20)), comp.flush()])


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    rng = random.Random(1234)
    src = tmp_path / "in"
    src.mkdir()
    (src / "good-1.html").write_text(GOOD)
    (src / "good-2.html.gz").write_bytes(gzip.compress(GOOD.replace("ferry", "bus").encode()))
    (src / "random.bin").write_bytes(rng.randbytes(50_000))
    (src / "random.html").write_bytes(rng.randbytes(3_000))
    (src / "nuls.bin").write_bytes(b"\0" * 10_000)
    (src / "nul-inside.html").write_bytes(GOOD.replace("harbour", "har\0bour").encode())
    (src / "deep.html").write_text("<html><body>" + "<div>" * 200_000 + "<p>" + GOOD[200:400] + "</p>"
                                   + "</div>" * 200_000 + "</body></html>")  # fmt: skip
    (src / "huge.html").write_bytes(b"<html><body>" + b"<p>Row of filler text for a huge page.</p>\n" * 750_000)
    (src / "bomb.html.gz").write_bytes(gzip_bomb(64 << 20))
    (src / "bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00" + rng.randbytes(500))
    (src / "empty.html").write_bytes(b"")
    # declared latin-1, really UTF-8; declared UTF-8, really windows-1252
    (src / "mislabeled-1.html").write_bytes(GOOD.replace("<head>", '<head><meta charset="iso-8859-1">')
                                            .replace("Monday", "Montag für Zoë").encode("utf-8"))  # fmt: skip
    (src / "mislabeled-2.html").write_bytes(GOOD.replace("<head>", '<head><meta charset="utf-8">')
                                            .replace("Monday", FRENCH).encode("cp1252"))  # fmt: skip
    (src / "vanishes.html").write_text(GOOD)
    return src


@pytest.mark.parametrize("jobs", [0, 1, 2])
def test_hostile_folder(tmp_path: Path, hostile: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    real_discover = files.discover

    def discover_then_delete(inputs):  # type: ignore[no-untyped-def]
        found = real_discover(inputs)
        (hostile / "vanishes.html").unlink()  # the file disappears after discovery, before it is read
        return found

    monkeypatch.setattr(files, "discover", discover_then_delete)
    out = tmp_path / f"out{jobs}"
    assert run_inputs([str(hostile)], str(out), jobs=jobs, quiet=True) == 0
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    reasons = {r["path"]: r["reason"] for r in report["rejected"]}
    written = {p.name: json.loads(p.read_text()) for p in out.glob("*.json")}
    for article in written.values():
        validate_article(article)
    assert {"good-1.json", "good-2.json"} <= set(written)
    assert "bus" in written["good-2.json"]["text"]
    assert reasons["random.bin"] == reasons["random.html"] == reasons["nuls.bin"] == "binary"
    assert reasons["huge.html"] == "too-large" and reasons["bomb.html.gz"] == "too-large"
    assert reasons["bad.html.gz"] == "bad-gzip" and reasons["empty.html"] == "empty"
    assert reasons["vanishes.html"] == "unreadable"
    assert "harbour" in written["nul-inside.json"]["text"]
    assert "Montag für Zoë" in written["mislabeled-1.json"]["text"]
    assert FRENCH in written["mislabeled-2.json"]["text"]
    # too deep to parse: either rejected with a reason, or an article holding the paragraph
    assert reasons.get("deep.html") in {"no-text", "too-deep"} or "deep.json" in written
    every = {p.name for p in hostile.iterdir()}
    assert len(written) + len(reasons) == len(every) + 1  # + the vanished file


def test_cli_limit_flags(tmp_path: Path) -> None:
    from cleaner.cli import main

    src = tmp_path / "in"
    src.mkdir()
    (src / "big.html").write_text(GOOD * 3)
    (src / "small.txt").write_text("A short note. It fits.")
    out = tmp_path / "out"
    assert main(["run", str(src), "-o", str(out), "--max-bytes", "500", "--timeout", "5", "-j", "1", "-q"]) == 0
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    assert report["rejection_reasons"] == {"too-large": 1} and report["articles"] == 1
    assert report["stages"]["decode"]["processed"] == 1 and report["peak_rss_mib"] > 0
