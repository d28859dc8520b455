"""End to end: ``cleaner run`` on raw/, incremental re-runs, the other commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import validate_article
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*.json*"))
        if ".cleaner" not in p.parts
    }


def test_raw_to_clean_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    assert main(["run", str(RAW), "--out", str(out), "-j", "1", "-q"]) == 0
    files = outputs(out)
    inputs = sorted(p for p in RAW.iterdir() if not p.name.startswith("."))
    assert len(files) == len(inputs)
    for rel, data in files.items():
        article = json.loads(data)
        validate_article(article)
        assert article["source"]["path"] == rel.rsplit(".", 1)[0] + Path(article["source"]["path"]).suffix
    bridge = json.loads(files["harbour-bridge.json"])
    assert bridge["title"] == "Harbour town votes to rebuild its old swing bridge"
    assert bridge["authors"] == ["Mira Okafor"]
    assert bridge["published"].startswith("2026-03-14")
    assert bridge["sitename"] == "The Coastal Ledger"
    assert "Nevertheless, the vote was close." in bridge["text"]
    assert "Related articles" not in bridge["text"] and "Privacy policy" not in bridge["text"]
    czech = json.loads(files["knihovna-latin2.json"])
    assert czech["source"]["encoding"] == "iso8859-2" and czech["language"] == "cs"
    assert "Čtenáři si budou moci" in czech["text"]
    moji = json.loads(files["mojibake-note.json"])
    assert "Zoë Lefèvre" in moji["text"] and "Ã" not in moji["text"]
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    assert report["articles"] == len(inputs) and set(report["stages"]) >= {"decode", "extract", "emit"}


def test_committed_clean_folder_is_current(tmp_path: Path) -> None:
    """clean/ in the repository is exactly what the pipeline makes of raw/."""
    out = tmp_path / "clean"
    main(["run", str(RAW), "--out", str(out), "-j", "1", "-q"])
    assert outputs(out) == outputs(ROOT / "clean")


def test_rerun_is_noop_and_byte_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    shutil.copytree(RAW, src)
    out = tmp_path / "out"
    main(["run", str(src), "--out", str(out), "-j", "1", "-q"])
    first = outputs(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.glob("*.json")}
    main(["run", str(src), "--out", str(out), "-j", "1"])
    err = capsys.readouterr().err
    assert f"{len(first)} unchanged, 0 processed" in err
    assert outputs(out) == first
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.json")} == mtimes
    # touching without changing bytes is still a no-op; changing bytes reprocesses only that file
    os.utime(src / "orchard-scrape.txt")
    note = src / "mojibake-note.txt"
    note.write_bytes(note.read_bytes() + b"\nOne more line was added to this note today.\n")
    main(["run", str(src), "--out", str(out), "-j", "1"])
    err = capsys.readouterr().err
    assert f"{len(first) - 1} unchanged, 1 processed" in err
    assert "One more line" in json.loads((out / "mojibake-note.json").read_text())["text"]
    # --force reprocesses everything, to the same bytes
    main(["run", str(src), "--out", str(out), "-j", "1", "-q", "--force"])
    assert outputs(out)["harbour-bridge.json"] == first["harbour-bridge.json"]


_NOTHING_TO_DO = """
import sys
from cleaner.cli import main
main(["run", sys.argv[1], "--out", sys.argv[2], "-j", "2", "-q"])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"trafilatura", "langdetect", "ftfy", "numpy", "lxml"})
print(" ".join(heavy) or "none")
"""


def test_rerun_with_nothing_to_do_loads_no_stage(tmp_path: Path) -> None:
    """An incremental re-run of unchanged inputs needs no extraction library: they load with the workers."""
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, "-c", _NOTHING_TO_DO, str(RAW), str(out)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "trafilatura" in first.stdout  # there was work: the parent imported the stages before forking
    again = subprocess.run([sys.executable, "-c", _NOTHING_TO_DO, str(RAW), str(out)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "none"


def test_nested_paths_and_rejections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "story.html").write_text(
        "<html><body><article><p>" + "A proper paragraph of article text, long enough to keep. " * 5
        + "</p></article></body></html>"
    )  # fmt: skip
    (src / "a" / "empty.txt").write_bytes(b"")
    (src / "a" / "noise.bin").write_bytes(bytes(range(256)) * 50)
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert (out / "a" / "b" / "story.json").exists()
    assert not (out / "a" / "empty.json").exists() and not (out / "a" / "noise.json").exists()
    assert "rejected a/empty.txt: empty" in err and "rejected a/noise.bin: binary" in err
    report = json.loads((out / ".cleaner" / "report.json").read_text())
    assert report["rejection_reasons"] == {"binary": 1, "empty": 1}
    assert not list(out.rglob("*.part"))


def test_colliding_output_names_are_kept_apart(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "x.txt").write_text("The first of two inputs with the same stem.")
    (src / "x.html").write_text("<html><body><p>The second input, an HTML page, with the same stem.</p></body></html>")
    out = tmp_path / "out"
    main(["run", str(src), "--out", str(out), "-j", "1", "-q"])
    assert sorted(outputs(out)) == ["x.html.json", "x.txt.json"]


def test_usage_errors_exit_nonzero(tmp_path: Path) -> None:
    assert main(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    with pytest.raises(SystemExit) as info:
        main(["run"])
    assert info.value.code == 2


def test_clean_one_file_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(RAW / "orchard-scrape.txt"), "--compact"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    validate_article(json.loads(out))


def test_schema_command_and_module_entry_point() -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "schema"], capture_output=True, text=True, check=True)
    schema = json.loads(proc.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "-"], input="Piped text works. Really.", capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    assert json.loads(proc.stdout)["sentences"] == ["Piped text works.", "Really."]


def _two_mode_scrape() -> str:
    """A plain-text scrape on which the line model and the cruft rules alone decide differently."""
    para = ("The council met on Tuesday to discuss the harbour bridge, and members said that the repairs would "
            "take at least two years to finish, according to the plan that engineers presented {}.")  # fmt: skip
    lines = ["Home", "News", "Sport", "Weather", "Culture", "Travel", "Podcasts", "Video", "Newsletters",
             "Harbour bridge to close for two years", *(para.format(i) for i in range(6)),
             "What the works include", "new cables", "a new deck", "fresh paint",
             *(para.format(i) for i in range(6, 10)),
             "More from the region", "Ferry timetable changes in May", "New school opens in the north",
             "About us", "Contact", "Careers", "Terms of use", "Privacy", "Cookie settings"]  # fmt: skip
    return "\n".join(lines) + "\n"


def test_rules_only_cruft_switch(tmp_path: Path) -> None:
    from cleaner import clean
    from cleaner.pipeline import Pipeline, default_stages

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "scrape.txt").write_text(_two_mode_scrape(), "utf-8")
    expected = {
        mode: clean(_two_mode_scrape(), format="text", pipeline=Pipeline(default_stages(line_model=mode))).to_dict()
        for mode in (True, False)
    }
    assert expected[True]["text"] != expected[False]["text"], "the fixture no longer tells the two modes apart"
    out = tmp_path / "clean"

    def run(*flags: str) -> dict:
        assert main(["run", str(raw), "--out", str(out), "-j", "1", "-q", *flags]) == 0
        return json.loads((out / ".cleaner" / "report.json").read_text())

    def article() -> dict:
        return json.loads((out / "scrape.json").read_text())

    run("--rules-only-cruft")  # in a worker process
    assert article()["text"] == expected[False]["text"]
    report = run()  # the outputs were made the other way: not current for the default run
    assert report["processed"] == 1 and article()["text"] == expected[True]["text"]
    assert run()["processed"] == 0  # and now they are
    assert run("--rules-only-cruft")["processed"] == 1


def test_no_paragraph_languages_switch(tmp_path: Path) -> None:
    english = (
        "The council met on Tuesday to discuss the new harbour bridge, and members said that the repairs "
        "would take at least two years to finish, according to the plan that engineers presented {}."
    )
    spanish = ("El gobierno anunció ayer que la nueva ley entrará en vigor el próximo mes de enero, después de "
               "meses de negociaciones con los sindicatos y las asociaciones de empresarios del país. Los "
               "críticos dicen que llega demasiado tarde.")  # fmt: skip
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "mixed.txt").write_text(f"{english.format(1)}\n\n{spanish}\n\n{english.format(2)}\n", "utf-8")
    out = tmp_path / "clean"

    def run(*flags: str) -> tuple[int, list]:
        assert main(["run", str(raw), "--out", str(out), "-j", "1", "-q", *flags]) == 0
        report = json.loads((out / ".cleaner" / "report.json").read_text())
        return report["processed"], json.loads((out / "mixed.json").read_text())["paragraph_languages"]

    processed, found = run()
    assert processed == 1 and [p["language"] for p in found] == ["es"]
    assert run("--no-paragraph-languages") == (1, [])  # in a worker process, and re-run: another version
    assert run("--no-paragraph-languages") == (0, [])
    assert run()[0] == 1
