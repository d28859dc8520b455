"""Train the cruft stage's line model and measure it by cross-validation.

Command: ``python -m bench.train_cruft`` (needs the ``train`` extra: ``pip install -e '.[train]'``).
Not part of ``make bench``: it rewrites ``cleaner/cruft/line_model.json``.
``TRAIN_FOLDS=0`` skips the cross-validation; ``BENCH_LIMIT=N`` uses the first N pages (for a quick try).

Data: the 990 dev pages (``../shared/data/extraction-dev``), each turned into a plain-text
scrape by ``../shared/tools/textdump.py`` and run through the stages before cruft, as the
pipeline does.  Each scrape line gets a label:

* **gold** — the line holds one of the page's ``with`` snippets (article) or ``without``
  snippets (not article); weighted :data:`GOLD_WEIGHT` times, as these are the labels the
  score is made of;
* **silver** — otherwise, whether the line's text is part of what trafilatura extracts from
  the page's HTML (comments excluded): the HTML's structure, which the scrape no longer has,
  stands in for a hand label;
* **clean copies** — each page's article lines (gold or silver) again, on their own, all
  labelled article: an article without furniture around it is all body, so a second pass
  over cleaned text leaves it alone.

Measured: pages are split into :data:`FOLDS` folds (by position in file-name order); each
fold's pages are cleaned by the full cruft stage with a model trained on the other folds,
and the snippets scored as in ``bench/extraction.py``.  The threshold with the best
cross-validated F1 is the one shipped.  The shipped model is then trained on all pages; its
figures on those same pages are in-sample and printed apart.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench import publish
from bench.extraction import DEV, Score, load_pages, norm, scrapes

COMMAND = "python -m bench.train_cruft"
FOLDS = 5
GOLD_WEIGHT = 60.0
CLEAN_COPY_WEIGHT = 1.0
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
PARAMS: dict[str, Any] = {"iterations": 300, "depth": 6, "learning_rate": 0.15, "random_seed": 0}


@dataclass
class Page:
    """One dev page, ready for training: its lines, the rules' view of them, labels and weights."""

    url: str
    expectation: dict[str, Any]
    lines: list[str]
    language: str
    table: np.ndarray
    labels: np.ndarray
    weights: np.ndarray
    clean_table: np.ndarray | None


def _prepared(pages: list[tuple[str, bytes, dict[str, Any]]]) -> Iterable[tuple[str, bytes, dict[str, Any], Any]]:
    from cleaner.document import Document, Rejected
    from cleaner.pipeline import default_stages

    stages = default_stages()
    before = stages[: [s.name for s in stages].index("cruft")]
    for (url, raw, exp), text in zip(pages, scrapes(pages), strict=True):
        doc = Document(raw=text.encode("utf-8"), url=url, format="text")
        try:
            for stage in before:
                stage.process_one(doc)
        except Rejected:
            doc = None
        yield url, raw, exp, doc


def build_pages(pages: list[tuple[str, bytes, dict[str, Any]]]) -> tuple[list[Page], int]:
    """Feature tables and labels for every page the stages before cruft accept; and how many they reject."""
    import trafilatura

    from cleaner.cruft.classifier import judge, line_table

    out, rejected = [], 0
    for url, raw, exp, doc in _prepared(pages):
        if doc is None or not doc.lines:
            rejected += 1
            continue
        rules = judge(doc.lines, doc.language)
        texts = [f.text for f in rules.feats]
        silver = norm(trafilatura.extract(raw, url=url, include_comments=False) or "")
        with_ = [norm(s) for s in exp.get("with", [])]
        without = [norm(s) for s in exp.get("without", [])]
        labels, weights = [], []
        for text in texts:
            line = norm(text)
            gold = 1 if any(s in line for s in with_) else 0 if any(s in line for s in without) else None
            labels.append(gold if gold is not None else int(bool(line) and line in silver))
            weights.append(GOLD_WEIGHT if gold is not None else 1.0)
        body = [t for t, y in zip(texts, labels, strict=True) if y]
        clean_table = line_table(judge(body, doc.language)) if body else None
        out.append(Page(url, exp, doc.lines, doc.language, line_table(rules), np.array(labels),
                        np.array(weights), clean_table))  # fmt: skip
    return out, rejected


def fit(pages: list[Page]) -> Any:
    from catboost import CatBoostClassifier

    tables = [p.table for p in pages] + [p.clean_table for p in pages if p.clean_table is not None]
    labels = [p.labels for p in pages] + [np.ones(len(p.clean_table)) for p in pages if p.clean_table is not None]
    weights = [p.weights for p in pages] + [
        np.full(len(p.clean_table), CLEAN_COPY_WEIGHT) for p in pages if p.clean_table is not None
    ]
    model = CatBoostClassifier(**PARAMS, verbose=False, thread_count=os.cpu_count() or 1, allow_writing_files=False)
    model.fit(np.vstack(tables), np.concatenate(labels), sample_weight=np.concatenate(weights))
    return model


def export(model: Any, threshold: float, info: dict[str, Any]) -> dict[str, Any]:
    """The CatBoost model as the plain numbers :class:`cleaner.cruft.model.LineModel` reads."""
    from cleaner.cruft.features import FEATURES

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.json"
        model.save_model(str(path), format="json")
        raw = json.loads(path.read_text("utf-8"))
    scale, bias = raw["scale_and_bias"]
    trees = [
        {
            "splits": [[s["float_feature_index"], s["border"]] for s in tree["splits"]],
            "leaves": [round(v, 7) for v in tree["leaf_values"]],
        }
        for tree in raw["oblivious_trees"]
    ]
    return {
        "features": list(FEATURES),
        "threshold": threshold,
        "scale": scale,
        "bias": bias[0] if isinstance(bias, list) else bias,
        "info": info,
        "trees": trees,
    }


def scores(pages: list[Page], models: list[Any]) -> dict[float, Score]:
    """Snippet scores of the full cruft stage, page by page with its own model, at every threshold."""
    from dataclasses import replace

    from cleaner.cruft import classify

    out = {t: Score() for t in THRESHOLDS}
    for page, model in zip(pages, models, strict=True):
        for threshold in THRESHOLDS:
            kept = classify(page.lines, page.language, model=replace(model, threshold=threshold)).kept
            out[threshold].add("\n\n".join(kept), page.expectation)
    return out


def as_line_model(model: Any) -> Any:
    from cleaner.cruft.model import LineModel

    return LineModel.from_dict(export(model, 0.5, {}))


def main() -> None:
    if not DEV.exists():
        print("[bench] train_cruft: ../shared/data/extraction-dev is absent, skipped")
        return
    import catboost

    from cleaner.cruft import model as model_module

    limit = int(os.environ.get("BENCH_LIMIT", "0")) or None
    folds = int(os.environ.get("TRAIN_FOLDS", str(FOLDS)))
    start = time.perf_counter()
    raw_pages = load_pages(limit)
    pages, rejected = build_pages(raw_pages)
    n_lines = sum(len(p.labels) for p in pages)
    print(f"[train] {len(pages)} pages, {n_lines} lines, features in {time.perf_counter() - start:.0f} s", flush=True)

    cv: dict[float, Score] = {}
    if folds > 1:
        models: list[Any] = [None] * len(pages)
        for k in range(folds):
            train = [p for i, p in enumerate(pages) if i % folds != k]
            fold_model = as_line_model(fit(train))
            for i in range(k, len(pages), folds):
                models[i] = fold_model
            print(f"[train] fold {k + 1}/{folds} done, {time.perf_counter() - start:.0f} s", flush=True)
        cv = scores(pages, models)
    threshold = max(cv, key=lambda t: cv[t].f1) if cv else 0.45
    final = fit(pages)
    full = as_line_model(final)
    in_sample = scores(pages, [full] * len(pages))
    rules_only = Score()
    from cleaner.cruft import classify

    for page in pages:
        rules_only.add("\n\n".join(classify(page.lines, page.language, model=False).kept), page.expectation)

    def row(score: Score) -> dict[str, float]:
        return {"precision": round(score.precision, 4), "recall": round(score.recall, 4), "f1": round(score.f1, 4)}

    info = {
        "trained_by": COMMAND,
        "data": f"{len(pages)} dev pages (textdump scrapes), {n_lines} lines; {rejected} pages rejected before cruft",
        "labels": f"gold snippets (weight {GOLD_WEIGHT:g}), trafilatura silver, clean copies (weight "
        f"{CLEAN_COPY_WEIGHT:g})",
        "catboost": catboost.__version__,
        "params": PARAMS,
        "cross_validation": {"folds": folds, **row(cv[threshold])} if cv else None,
        "in_sample": row(in_sample[threshold]),
    }
    data = export(final, threshold, info)
    model_module.MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    model_module.load.cache_clear()

    lines = [
        "## Cruft line model: training and cross-validation",
        "",
        f"Command: `{COMMAND}` — {info['data']}; labels: {info['labels']}; CatBoost {catboost.__version__}, {PARAMS}.",
        "",
        "Text path snippet scores (the cruft stage on textdump scrapes, scored as in `bench/extraction.py`, "
        "pages the stages before cruft reject left out).",
        "",
        "| system | threshold | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|",
        f"| rules alone | — | {rules_only.precision:.4f} | {rules_only.recall:.4f} | {rules_only.f1:.4f} |",
    ]
    for t in THRESHOLDS:
        if cv:
            s = cv[t]
            mark = " ← shipped" if t == threshold else ""
            lines.append(f"| rules + model, {folds}-fold cross-validated{mark} | {t} | {s.precision:.4f} | "
                         f"{s.recall:.4f} | {s.f1:.4f} |")  # fmt: skip
    s = in_sample[threshold]
    lines.append(f"| rules + shipped model, in-sample (trained on these pages) | {threshold} | {s.precision:.4f} | "
                 f"{s.recall:.4f} | {s.f1:.4f} |")  # fmt: skip
    from cleaner.cruft.features import FEATURES

    importance = final.get_feature_importance()
    top = sorted(zip(FEATURES, importance, strict=True), key=lambda kv: -kv[1])[:15]
    lines += ["", "Most used features: " + ", ".join(f"`{name}` {value:.1f}" for name, value in top) + ".", ""]
    lines.append(f"Total time {time.perf_counter() - start:.0f} s.")
    publish("cruft-model", "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
