"""Extraction quality on the dev set: HTML path and plain-text path, each beside its baseline.

Command: ``python -m bench extraction`` (``BENCH_LIMIT=N`` uses the first N pages;
``BENCH_EXTRACT_OPTIONS='{"favor_precision": true}'`` tries trafilatura options on the cleaner side).

* **HTML path**: bare ``trafilatura.extract`` (default options) against the
  full cleaner pipeline on the same raw bytes.
* **Text path**: every page turned into the plain-text scrape a naive crawler
  keeps (``../shared/tools/textdump.py``), then cleaned by the pipeline as
  ``format="text"``; baseline jusText on the same lines (one paragraph per
  line, the stop list of the page's language as detected by the pipeline,
  English when there is none).

Scoring (the usual convention for this set): text whitespace-normalised; a
``with`` snippet found is a true positive, missed a false negative; a
``without`` snippet found is a false positive; sums over the whole corpus.
"""

from __future__ import annotations

import html as html_lib
import importlib.util
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import publish

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "extraction-dev"
COMMAND = "python -m bench extraction"
_WS = re.compile(r"\s+")


@dataclass
class Score:
    """Corpus-level snippet counts and the figures made from them."""

    tp: int = 0
    fn: int = 0
    fp: int = 0

    def add(self, text: str, exp: dict[str, Any]) -> None:
        text = norm(text)
        for snippet in exp.get("with", []):
            if norm(snippet) in text:
                self.tp += 1
            else:
                self.fn += 1
        self.fp += sum(1 for snippet in exp.get("without", []) if norm(snippet) in text)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def load_pages(limit: int | None = None) -> list[tuple[str, bytes, dict[str, Any]]]:
    """``(url, raw bytes, expectation)`` for every dev page, in file-name order."""
    expectations = json.loads((DEV / "expectations.json").read_text("utf-8"))
    pages = [
        (url, (DEV / "html" / exp["file"]).read_bytes(), exp)
        for url, exp in sorted(expectations.items(), key=lambda kv: kv[1]["file"])
        if (DEV / "html" / exp["file"]).exists()
    ]
    return pages[:limit] if limit else pages


def textdump() -> ModuleType:
    """The reference scrape maker, imported from ``../shared/tools/textdump.py`` (not copied)."""
    spec = importlib.util.spec_from_file_location("textdump", SHARED / "tools" / "textdump.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scrapes(pages: Iterable[tuple[str, bytes, dict[str, Any]]]) -> list[str]:
    """The plain-text scrape of each page (bytes go in: 27 pages are not UTF-8)."""
    dump = textdump().dump
    out = []
    for _, raw, _ in pages:
        try:
            out.append(dump(raw))
        except Exception:  # a page lxml cannot parse leaves an empty scrape
            out.append("")
    return out


def before_cruft(urls: Iterable[str], texts: Iterable[str | bytes], fmt: str = "text") -> Iterator[Any]:
    """Each input as the cruft stage receives it: a ``Document`` through the stages before it.

    ``texts`` are scrapes (``fmt="text"``) or raw pages (``fmt="html"``, where extraction has chosen
    the blocks).  Streamed, one document at a time; an input those stages reject yields None in its place.
    """
    from cleaner.document import Document, Rejected
    from cleaner.pipeline import default_stages

    before = default_stages(before="cruft")
    for url, text in zip(urls, texts, strict=True):
        raw = text.encode("utf-8") if isinstance(text, str) else text
        doc = Document(raw=raw, url=url, format=fmt)
        try:
            for stage in before:
                stage.process_one(doc)
        except Rejected:
            doc = None
        yield doc


def cleaner_text(data: bytes | str, url: str | None, fmt: str, pipeline: Any = None) -> tuple[str, str]:
    """The pipeline's text and language for one input ("" when rejected)."""
    from cleaner import Rejected, clean

    try:
        article = clean(data, url=url, format=fmt, pipeline=pipeline)
    except Rejected:
        return "", "und"
    return article.text, article.language


def justext_text(scrape: str, language: str) -> str:
    """jusText on a scrape, one paragraph per non-empty line."""
    import justext

    from cleaner.cruft.stoplists import ISO_TO_JUSTEXT

    lines = [line for line in scrape.split("\n") if line.strip()]
    if not lines:
        return ""
    page = "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines) + "</body></html>"
    stops = justext.get_stoplist(ISO_TO_JUSTEXT.get(language, "English"))
    return "\n".join(p.text for p in justext.justext(page, stops) if not p.is_boilerplate)


def pipeline_with(name: str, stage: Any) -> Any:
    """The default pipeline with its stage ``name`` replaced by ``stage``, or left out when ``stage`` is None."""
    from cleaner.pipeline import Pipeline, default_stages

    stages = [stage if s.name == name else s for s in default_stages()]
    return Pipeline([s for s in stages if s is not None])


def trafilatura_text(raw: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(raw, url=url) or ""


def extract_options() -> dict[str, Any]:
    """trafilatura options for the cleaner side, from ``BENCH_EXTRACT_OPTIONS`` (JSON); defaults when unset."""
    return json.loads(os.environ.get("BENCH_EXTRACT_OPTIONS", "{}"))


def run_html(pages: list[tuple[str, bytes, dict[str, Any]]]) -> dict[str, tuple[Score, float]]:
    from cleaner.stages.extract import Extract

    pipeline = pipeline_with("extract", Extract(**extract_options()))
    no_cruft = pipeline_with("cruft", None)  # what the cruft stage itself adds
    sides: dict[str, Callable[[str, bytes], str]] = {
        "trafilatura.extract (bare)": lambda url, raw: trafilatura_text(raw, url),
        "cleaner (HTML)": lambda url, raw: cleaner_text(raw, url, "html", pipeline)[0],
        "cleaner without the cruft stage": lambda url, raw: cleaner_text(raw, url, "html", no_cruft)[0],
    }
    out = {name: (Score(), 0.0) for name in sides}
    for url, raw, exp in pages:  # interleaved page by page so machine noise hits both alike
        for name, fn in sides.items():
            start = time.perf_counter()
            text = fn(url, raw)
            score, seconds = out[name]
            score.add(text, exp)
            out[name] = (score, seconds + time.perf_counter() - start)
    return out


def rules_only_pipeline() -> Any:
    """The default pipeline with the cruft stage's line model switched off (its rules alone)."""
    from cleaner.pipeline import Pipeline, default_stages

    return Pipeline(default_stages(line_model=False))


def run_text(pages: list[tuple[str, bytes, dict[str, Any]]]) -> dict[str, tuple[Score, float]]:
    dumps = scrapes(pages)
    rules = rules_only_pipeline()
    names = ("scrape as is", "jusText (lines)", "cleaner (text)", "cleaner, rules alone (no line model)")
    out = {name: (Score(), 0.0) for name in names}

    def add(name: str, text: str, exp: dict[str, Any], seconds: float) -> None:
        score, total = out[name]
        score.add(text, exp)
        out[name] = (score, total + seconds)

    for (url, _, exp), scrape in zip(pages, dumps, strict=True):
        add("scrape as is", scrape, exp, 0.0)
        start = time.perf_counter()
        text, language = cleaner_text(scrape, url, "text")
        mid = time.perf_counter()
        jt = justext_text(scrape, language)
        end = time.perf_counter()
        plain = cleaner_text(scrape, url, "text", rules)[0]
        add("cleaner (text)", text, exp, mid - start)
        add("jusText (lines)", jt, exp, end - mid)
        add("cleaner, rules alone (no line model)", plain, exp, time.perf_counter() - end)
    return out


def model_note() -> str:
    """Where the text path's line model was trained, and its honest (cross-validated) figure."""
    from cleaner.cruft import model

    line_model = model.load()
    cv = (line_model.info.get("cross_validation") or {}) if line_model else {}
    if not cv:
        return ""
    return (
        "The text path's line model was trained on these same pages, so its row is in-sample; "
        f"five-fold cross-validated (`python -m bench.train_cruft`): precision {cv['precision']:.4f}, "
        f"recall {cv['recall']:.4f}, F1 {cv['f1']:.4f}."
    )


def table(title: str, rows: dict[str, tuple[Score, float]]) -> list[str]:
    header = "| system | TP | FN | FP | precision | recall | F1 | seconds |"
    lines = [f"### {title}", "", header, "|---|---|---|---|---|---|---|---|"]
    for name, (s, seconds) in rows.items():
        lines.append(
            f"| {name} | {s.tp} | {s.fn} | {s.fp} | {s.precision:.4f} | {s.recall:.4f} | {s.f1:.4f} | {seconds:.1f} |"
        )
    return [*lines, ""]


def main() -> None:
    limit = int(os.environ.get("BENCH_LIMIT", "0")) or None
    if not DEV.exists():
        print("[bench] extraction: ../shared/data/extraction-dev is absent, skipped")
        return
    pages = load_pages(limit)
    text_rows = run_text(pages)
    html_rows = run_html(pages)
    out = [
        "## Extraction quality on the dev set",
        "",
        f"Command: `{COMMAND}` — {len(pages)} pages of `../shared/data/extraction-dev/html/`, one run, one process"
        + (f"; cleaner's trafilatura options: `{json.dumps(extract_options())}`." if extract_options() else "."),
        "",
        *table("Text path: textdump scrape → clean", text_rows),
        *([note, ""] if (note := model_note()) else []),
        *table("HTML path: raw page → clean", html_rows),
    ]
    traf, ours = html_rows["trafilatura.extract (bare)"][0], html_rows["cleaner (HTML)"][0]
    out.append(
        f"HTML path: cleaner F1 {ours.f1 - traf.f1:+.4f} and recall {ours.recall - traf.recall:+.4f} "
        "against bare trafilatura in the same run."
    )
    text = "\n".join(out) + "\n"
    publish("extraction", text)


if __name__ == "__main__":
    main()
