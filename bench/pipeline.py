"""Whole-pipeline cost against bare ``trafilatura.extract``, per-stage times, and metadata accuracy.

Command: ``python -m bench pipeline`` (``BENCH_LIMIT=N`` uses the first N pages).

Both sides run on the same dev pages (``../shared/data/extraction-dev/html``),
in the same process and run, interleaved page by page so that machine noise
hits both alike; each side gets the raw bytes.  Two passes: the table shows
the second (steady state), and the first pass's ratio.  Metadata accuracy compares the
pipeline's title / authors / published / sitename with the expectations that
have them (whitespace-normalised, case-insensitive; dates on their first 10
characters; authors as a set of names).  A third pass splits the extract stage
(parsing, metadata with the date search on its own, trafilatura's text pass) against bare
``extract`` on the same pages, to show where the remaining cost is.  A fifth pass runs the
pipeline as ``Pipeline.run`` does, each stage over a batch of 32 pages in turn, against the
pipeline one page at a time on the same batches.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import time
from pathlib import Path
from typing import Any

from bench import publish

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "extraction-dev"
COMMAND = "python -m bench pipeline"
BATCH = 32  # Pipeline.run's default batch size


def load_pages(limit: int | None = None) -> list[tuple[str, str, bytes, dict[str, Any]]]:
    """``(url, file name, bytes, expectation)`` for every dev page, in file-name order."""
    expectations = json.loads((DEV / "expectations.json").read_text("utf-8"))
    pages = []
    for url, exp in sorted(expectations.items(), key=lambda kv: kv[1]["file"]):
        path = DEV / "html" / exp["file"]
        if path.exists():
            pages.append((url, exp["file"], path.read_bytes(), exp))
    return pages[:limit] if limit else pages


def _norm(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip().casefold()


def metadata_hits(article: Any, exp: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Per field, ``(correct, expected)`` for one page (0/1 each)."""
    out: dict[str, tuple[int, int]] = {}
    if exp.get("title"):
        out["title"] = (int(article is not None and _norm(article.title) == _norm(exp["title"])), 1)
    if exp.get("author"):
        names = exp["author"] if isinstance(exp["author"], list) else [exp["author"]]
        want = {_norm(x) for a in names for x in re.split(r";|,| and ", a) if _norm(x)}
        got = {_norm(a) for a in (article.authors if article else [])}
        got = {_norm(x) for a in got for x in re.split(r";|,| and ", a) if _norm(x)}
        out["author"] = (int(bool(want) and got == want), 1)
    if exp.get("date"):
        out["date"] = (int(article is not None and (article.published or "")[:10] == exp["date"][:10]), 1)
    if exp.get("sitename"):
        out["sitename"] = (int(article is not None and _norm(article.sitename) == _norm(exp["sitename"])), 1)
    return out


def _pass(pages: list[tuple[str, str, bytes, dict[str, Any]]], pipe: Any) -> dict[str, Any]:
    import trafilatura

    from cleaner.document import Document, Rejected

    for stage in pipe.stages:
        stage.stats = type(stage.stats)()
    bare = full = meta = 0.0
    fields: dict[str, list[int]] = {}
    articles = 0
    gc.collect()
    for url, name, data, exp in pages:
        t0 = time.perf_counter()
        trafilatura.extract(data)
        t1 = time.perf_counter()
        try:
            article = pipe.process(Document(raw=data, path=name, url=url))
            articles += 1
        except Rejected:
            article = None
        t2 = time.perf_counter()
        trafilatura.extract(data, with_metadata=True)  # the same fields the article carries
        t3 = time.perf_counter()
        bare += t1 - t0
        full += t2 - t1
        meta += t3 - t2
        for field, (ok, n) in metadata_hits(article, exp).items():
            acc = fields.setdefault(field, [0, 0])
            acc[0] += ok
            acc[1] += n
    stages = {s.name: s.stats.seconds for s in pipe.stages}
    return {"pages": len(pages), "articles": articles, "bare": bare, "full": full, "meta": meta, "stages": stages,
            "fields": fields}  # fmt: skip


def _lean_pass(pages: list[tuple[str, str, bytes, dict[str, Any]]], lean: Any) -> tuple[float, float]:
    """Seconds of bare ``extract`` and of ``lean`` (a pipeline with an option switched off), interleaved."""
    import trafilatura

    from cleaner.document import Document, Rejected

    bare = seconds = 0.0
    gc.collect()
    for url, name, data, _ in pages:
        t0 = time.perf_counter()
        trafilatura.extract(data)
        t1 = time.perf_counter()
        with contextlib.suppress(Rejected):
            lean.process(Document(raw=data, path=name, url=url))
        t2 = time.perf_counter()
        bare, seconds = bare + t1 - t0, seconds + t2 - t1
    return bare, seconds


def _batched_pass(pages: list[tuple[str, str, bytes, dict[str, Any]]], size: int) -> tuple[float, float]:
    """Seconds of the pipeline one document at a time and in batches (``Pipeline.outcomes``), batch by batch.

    Each side has its own pipeline and takes the lead on every other batch, so neither always finds the
    caches as the other left them.
    """
    from cleaner.document import Document
    from cleaner.pipeline import Pipeline

    single, batched = Pipeline(), Pipeline()
    seconds = {"single": 0.0, "batched": 0.0}
    gc.collect()
    for k, i in enumerate(range(0, len(pages), size)):
        batch = pages[i : i + size]
        for side in ("single", "batched") if k % 2 == 0 else ("batched", "single"):
            docs = [Document(raw=data, path=name, url=url) for url, name, data, _ in batch]
            t0 = time.perf_counter()
            if side == "single":
                for doc in docs:
                    single.outcome(doc)
            else:
                batched.outcomes(docs)
            seconds[side] += time.perf_counter() - t0
    return seconds["single"], seconds["batched"]


def _breakdown(pages: list[tuple[str, str, bytes, dict[str, Any]]]) -> dict[str, float]:
    """Seconds of bare ``extract`` and of each part of the extract stage, page by page.

    The parts are timed one after the other on one parsed tree, as the stage runs them:
    parsing, :func:`~cleaner.stages.fastmeta.page_metadata` (which includes the date search),
    the date search again on its own (htmldate works on its own copy), and trafilatura's
    text pass (last: it changes the tree).
    """
    import trafilatura
    from trafilatura.metadata import find_date

    from cleaner.document import Document
    from cleaner.stages.decode import Decode
    from cleaner.stages.fastmeta import DATE_PARAMS, extract_text, page_metadata, parse_html

    parts = dict.fromkeys(("bare", "parse", "metadata", "date", "text"), 0.0)
    decode = Decode()
    gc.collect()
    for url, name, data, _ in pages:
        t0 = time.perf_counter()
        trafilatura.extract(data)
        parts["bare"] += time.perf_counter() - t0
        doc = Document(raw=data, path=name, url=url)
        decode.process(doc)
        if doc.html is None:
            continue
        t1 = time.perf_counter()
        tree = parse_html(doc.html)
        t2 = time.perf_counter()
        if tree is None:
            continue
        meta = page_metadata(tree, url)
        t3 = time.perf_counter()
        find_date(tree, **{**DATE_PARAMS, "url": meta.url})
        t4 = time.perf_counter()
        extract_text(tree, url or meta.url)
        t5 = time.perf_counter()
        for part, seconds in (("parse", t2 - t1), ("metadata", t3 - t2), ("date", t4 - t3), ("text", t5 - t4)):
            parts[part] += seconds
    return parts


def run(limit: int | None = None) -> dict[str, Any]:
    """Two passes over the pages; the second is the steady state of a long-running worker.

    The first pass pays one-time costs on both sides (imports, stop lists, language
    profiles, date-parser locales compiled on first use); its ratio is reported too.
    """
    from cleaner.pipeline import Pipeline, default_stages

    pages = load_pages(limit)
    pipe = Pipeline()
    first = _pass(pages, pipe)
    second = _pass(pages, pipe)
    second["first_pass_ratio"] = first["full"] / first["bare"]
    second["breakdown"] = _breakdown(pages)
    second["lean_bare"], second["lean"] = _lean_pass(pages, Pipeline(default_stages(paragraph_languages=False)))
    second["batch_single"], second["batched"] = _batched_pass(pages, BATCH)
    return second


def table(r: dict[str, Any]) -> str:
    n = r["pages"]
    lines = [
        "# Pipeline cost and metadata accuracy",
        "",
        f"Command: `{COMMAND}` — {n} dev pages (../shared/data/extraction-dev/html), same process, interleaved, "
        "second of two passes.",
        "",
        "| what | total s | ms / page | × bare trafilatura.extract |",
        "|---|---:|---:|---:|",
        f"| bare `trafilatura.extract(bytes)` | {r['bare']:.2f} | {1000 * r['bare'] / n:.1f} | 1.00 |",
        f"| `trafilatura.extract(bytes, with_metadata=True)` | {r['meta']:.2f} | {1000 * r['meta'] / n:.1f} | "
        f"{r['meta'] / r['bare']:.2f} |",
        f"| whole pipeline (`Pipeline.process`) | {r['full']:.2f} | {1000 * r['full'] / n:.1f} | "
        f"{r['full'] / r['bare']:.2f} |",
    ]
    for name, seconds in r["stages"].items():
        lines.append(f"| stage `{name}` | {seconds:.2f} | {1000 * seconds / n:.1f} | {seconds / r['bare']:.2f} |")
    lines += [
        "",
        "Steady state (second pass in the same process). First pass, with every one-time cost on both sides: "
        f"{r['first_pass_ratio']:.2f} × bare. Against trafilatura with its metadata (the fields an article "
        f"carries): {r['full'] / r['meta']:.2f} ×.",
        "",
        "Where the extract stage's time goes (a third pass, each part against bare `extract` in that pass): "
        + ", ".join(
            f"{part} {seconds / r['breakdown']['bare']:.2f} ×"
            for part, seconds in r["breakdown"].items()
            if part != "bare"
        )
        + " (the date search is part of the metadata).",
        "",
        "Without paragraph languages (`--no-paragraph-languages`; a fourth pass, against bare `extract` in that "
        f"pass): {r['lean'] / r['lean_bare']:.2f} ×.",
        "",
        f"In batches of {BATCH} pages (`Pipeline.run`: each stage over the batch in turn), against the same "
        f"pipeline one page at a time on the same batches (a fifth pass): {r['batched'] / r['batch_single']:.2f} ×.",
        "",
        f"Articles: {r['articles']} of {n} pages.",
        "",
        "| metadata field | correct | expected | accuracy |",
        "|---|---:|---:|---:|",
    ]
    for field, (ok, total) in sorted(r["fields"].items()):
        lines.append(f"| {field} | {ok} | {total} | {ok / total:.3f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    if not DEV.exists():
        print("[bench] pipeline: ../shared/data/extraction-dev is absent, skipped")
        return
    limit = int(os.environ.get("BENCH_LIMIT", "0")) or None
    text = table(run(limit))
    publish("pipeline", text)


if __name__ == "__main__":
    main()
