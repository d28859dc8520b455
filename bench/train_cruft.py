"""Train the cruft stage's line model and measure it by cross-validation.

Command: ``python -m bench.train_cruft`` (needs the ``train`` extra: ``pip install -e '.[train]'``).
Not part of ``make bench``: it rewrites ``cleaner/cruft/line_model.json``.
Settings, all from the environment, for trying variants: ``TRAIN_FOLDS`` (0 skips the
cross-validation), ``BENCH_LIMIT=N`` (the first N pages), ``TRAIN_CACHE`` (a pickle of the
prepared pages, reused when present), ``TRAIN_DROP`` (feature names to leave out),
``TRAIN_SHORT=1`` (add short copies), ``TRAIN_PARAMS`` (JSON, CatBoost parameters over
:data:`PARAMS`), ``TRAIN_SEEDS`` (several seeds averaged into one model), ``TRAIN_GOLD_WEIGHT``,
``TRAIN_SILVER=cleaner`` (the pipeline's own HTML output as silver labels) and ``TRAIN_OUT``
(write the model elsewhere: a trial, nothing published).

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
* **short copies** (``TRAIN_SHORT=1`` only) — each page again with its article cut to its
  first 2–4 article lines and the furniture around it kept (:func:`short_copy`); measured, they
  lower the cross-validated F1 (0.8945 against 0.8995), so they are off by default.

Measured: pages are split into :data:`FOLDS` folds (by position in file-name order); each
fold's pages are cleaned by the full cruft stage with a model trained on the other folds,
and the snippets scored as in ``bench/extraction.py``.  The threshold with the best
cross-validated F1 is the one shipped.  The shipped model is then trained on all pages; its
figures on those same pages are in-sample and printed apart.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench import publish
from bench.extraction import DEV, Score, before_cruft, load_pages, norm, scrapes

COMMAND = "python -m bench.train_cruft"
FOLDS = 5
GOLD_WEIGHT = float(os.environ.get("TRAIN_GOLD_WEIGHT", "60"))
CLEAN_COPY_WEIGHT = 1.0
SHORT_COPIES = os.environ.get("TRAIN_SHORT", "0") == "1"
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)  # to keep a line the rules removed for its position
DROP_BELOW = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)  # to remove a line the rules kept
GRID = tuple(sorted({(t, d) for t in THRESHOLDS for d in DROP_BELOW if d <= t} | {(t, t) for t in THRESHOLDS}))
PARAMS: dict[str, Any] = {"iterations": 300, "depth": 6, "learning_rate": 0.15, "random_seed": 0}
PARAMS.update(json.loads(os.environ.get("TRAIN_PARAMS", "{}")))
# One model per seed, averaged; without TRAIN_SEEDS the seed of PARAMS (so TRAIN_PARAMS' random_seed is heard).
SEEDS = tuple(int(x) for x in os.environ.get("TRAIN_SEEDS", str(PARAMS["random_seed"])).split(","))


@dataclass
class Page:
    """One dev page, ready for training: its lines, the rules' view of them, labels and weights."""

    url: str
    expectation: dict[str, Any]
    lines: list[str]
    language: str
    table: np.ndarray
    labels: np.ndarray
    gold: np.ndarray  # the labels that come from the page's snippets
    clean_table: np.ndarray | None
    short: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # see short_copy


def short_copy(page: Page, keep: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The page with its article cut to its first ``keep`` article lines, the furniture around it left as is.

    The dev pages' articles are long, and a model that only sees long articles learns that
    prose comes in long runs; a short news item (three paragraphs between a menu and a footer)
    is as much an article.  Returns the copy's feature table, labels and gold mask (None when
    the article is already that short).
    """
    from cleaner.cruft.classifier import judge, line_table

    article = np.flatnonzero(page.labels)
    if len(article) <= keep + 1:
        return None
    cut_from, resume = article[keep - 1] + 1, article[-1] + 1
    index = np.r_[0:cut_from, resume : len(page.lines)]
    table = line_table(judge([page.lines[i] for i in index], page.language))
    return table, page.labels[index], page.gold[index]


def silver_text(raw: bytes, url: str) -> str:
    """The article text of a page's HTML: the silver label for scrape lines that no snippet names.

    ``TRAIN_SILVER=cleaner`` takes it from cleaner's own HTML path instead of bare trafilatura.
    """
    if os.environ.get("TRAIN_SILVER", "trafilatura") == "cleaner":
        from bench.extraction import cleaner_text

        return cleaner_text(raw, url, "html")[0]
    import trafilatura

    return trafilatura.extract(raw, url=url, include_comments=False) or ""


def build_pages(pages: list[tuple[str, bytes, dict[str, Any]]]) -> tuple[list[Page], int]:
    """Feature tables and labels for every page the stages before cruft accept; and how many they reject."""
    from cleaner.cruft.classifier import judge, line_table

    out, rejected = [], 0
    # Not through the cruft stage itself: it would load the model being trained.
    docs = before_cruft((url for url, _, _ in pages), scrapes(pages))
    for (url, raw, exp), doc in zip(pages, docs, strict=True):
        if doc is None or not doc.lines:
            rejected += 1
            continue
        rules = judge(doc.lines, doc.language)
        texts = list(rules.lines)
        silver = norm(silver_text(raw, url))
        with_ = [norm(s) for s in exp.get("with", [])]
        without = [norm(s) for s in exp.get("without", [])]
        labels, gold_mask = [], []
        for text in texts:
            line = norm(text)
            gold = 1 if any(s in line for s in with_) else 0 if any(s in line for s in without) else None
            labels.append(gold if gold is not None else int(bool(line) and line in silver))
            gold_mask.append(gold is not None)
        body = [t for t, y in zip(texts, labels, strict=True) if y]
        clean_table = line_table(judge(body, doc.language)) if body else None
        out.append(Page(url, exp, doc.lines, doc.language, line_table(rules), np.array(labels),
                        np.array(gold_mask), clean_table))  # fmt: skip
    return out, rejected


def fit(pages: list[Page]) -> list[Any]:
    """One CatBoost model per seed in :data:`SEEDS`, on the same data; the ensemble averages them."""
    from catboost import CatBoostClassifier

    tables = [p.table for p in pages] + [p.clean_table for p in pages if p.clean_table is not None]
    labels = [p.labels for p in pages] + [np.ones(len(p.clean_table)) for p in pages if p.clean_table is not None]
    weights = [np.where(p.gold, GOLD_WEIGHT, 1.0) for p in pages] + [
        np.full(len(p.clean_table), CLEAN_COPY_WEIGHT) for p in pages if p.clean_table is not None
    ]
    for p in pages:
        if p.short is not None:
            tables.append(p.short[0])
            labels.append(p.short[1])
            weights.append(np.where(p.short[2], GOLD_WEIGHT, 1.0))
    x, y, w = np.vstack(tables), np.concatenate(labels), np.concatenate(weights)
    models = []
    for seed in SEEDS:
        model = CatBoostClassifier(**{**PARAMS, "random_seed": seed}, verbose=False,
                                   thread_count=os.cpu_count() or 1, allow_writing_files=False)  # fmt: skip
        model.fit(x, y, sample_weight=w)
        models.append(model)
    return models


def export(models: list[Any], cut: tuple[float, float], info: dict[str, Any]) -> dict[str, Any]:
    """CatBoost models as the plain numbers :class:`cleaner.cruft.model.LineModel` reads.

    Several models become one ensemble whose logit is the mean of theirs: every tree's
    leaves are scaled by the model's scale over the number of models, the biases averaged.
    ``cut`` is the pair (``threshold``, ``drop_below``) of :func:`cleaner.cruft.classifier.apply_line_model`.
    """
    from cleaner.cruft.features import FEATURES

    trees, bias_total = [], 0.0
    for model in models:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.json"
            model.save_model(str(path), format="json")
            raw = json.loads(path.read_text("utf-8"))
        scale, bias = raw["scale_and_bias"]
        bias_total += bias[0] if isinstance(bias, list) else bias
        factor = scale / len(models)
        trees += [
            {
                "splits": [[s["float_feature_index"], s["border"]] for s in tree["splits"]],
                "leaves": [round(v * factor, 7) for v in tree["leaf_values"]],
            }
            for tree in raw["oblivious_trees"]
        ]
    return {
        "features": list(FEATURES),
        "threshold": cut[0],
        "drop_below": cut[1],
        "scale": 1.0,
        "bias": bias_total / len(models),
        "info": info,
        "trees": trees,
    }


def scores(
    pages: list[Page], probabilities: list[list[float]], grid: Iterable[tuple[float, float]] = GRID
) -> dict[tuple[float, float], Score]:
    """Snippet scores of the full cruft stage, page by page with its own model's probabilities, at each cut."""
    from cleaner.cruft.classifier import apply_line_model, finish, judge, left_alone

    out = {cut: Score() for cut in grid}
    for page, page_probabilities in zip(pages, probabilities, strict=True):
        rules = judge(page.lines, page.language)
        clean_page = left_alone(rules)
        for cut in out:
            judged = rules.copy()  # applying the model edits the copy; each cut starts from the rules
            if not clean_page:
                apply_line_model(judged, page_probabilities, *cut)
            out[cut].add("\n\n".join(finish(judged).kept), page.expectation)
    return out


def as_line_model(model: Any) -> Any:
    from cleaner.cruft.model import LineModel

    return LineModel.from_dict(export(model, (0.5, 0.5), {}))


def main() -> None:
    if not DEV.exists():
        print("[bench] train_cruft: ../shared/data/extraction-dev is absent, skipped")
        return
    import catboost

    from cleaner.cruft import model as model_module

    limit = int(os.environ.get("BENCH_LIMIT", "0")) or None
    folds = int(os.environ.get("TRAIN_FOLDS", str(FOLDS)))
    start = time.perf_counter()
    cache = os.environ.get("TRAIN_CACHE")  # a pickle of the prepared pages, to try settings quickly
    if cache and Path(cache).exists():
        pages, rejected = pickle.loads(Path(cache).read_bytes())
    else:
        pages, rejected = build_pages(load_pages(limit))
        if cache:
            Path(cache).write_bytes(pickle.dumps((pages, rejected)))
    if SHORT_COPIES:
        for i, p in enumerate(pages):
            p.short = short_copy(p, keep=2 + i % 3)
    for name in filter(None, os.environ.get("TRAIN_DROP", "").split(",")):  # try without some features
        from cleaner.cruft.features import FEATURES

        for i in [i for i, f in enumerate(FEATURES) if f == name or f.startswith(name + "_")]:
            for p in pages:
                p.table[:, i] = 0.0
                for table in (p.clean_table, p.short[0] if p.short else None):
                    if table is not None:
                        table[:, i] = 0.0
    n_lines = sum(len(p.labels) for p in pages)
    print(f"[train] {len(pages)} pages, {n_lines} lines, features in {time.perf_counter() - start:.0f} s", flush=True)

    cv: dict[tuple[float, float], Score] = {}
    if folds > 1:
        probabilities: list[list[float]] = [[] for _ in pages]
        for k in range(folds):
            train = [p for i, p in enumerate(pages) if i % folds != k]
            fold_model = as_line_model(fit(train))
            for i in range(k, len(pages), folds):
                probabilities[i] = fold_model.probabilities(pages[i].table).tolist()
            print(f"[train] fold {k + 1}/{folds} done, {time.perf_counter() - start:.0f} s", flush=True)
        if os.environ.get("TRAIN_CV_PROBS"):  # keep them, to try other ways of applying the model offline
            Path(os.environ["TRAIN_CV_PROBS"]).write_bytes(pickle.dumps(probabilities))
        cv = scores(pages, probabilities)
        for (t, d), s in cv.items():
            print(f"[train] cross-validated, threshold {t} drop below {d}: P {s.precision:.4f} R {s.recall:.4f} "
                  f"F1 {s.f1:.4f}")  # fmt: skip
    cut = max(cv, key=lambda c: cv[c].f1) if cv else (0.5, 0.5)
    final = fit(pages)
    full = as_line_model(final)
    in_sample = scores(pages, [full.probabilities(p.table).tolist() for p in pages], [cut])
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
        "seeds": list(SEEDS),
        "cross_validation": {"folds": folds, **row(cv[cut])} if cv else None,
        "in_sample": row(in_sample[cut]),
    }
    data = export(final, cut, info)
    out = Path(os.environ.get("TRAIN_OUT", str(model_module.MODEL_FILE)))  # elsewhere: a trial, not published
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    model_module.load.cache_clear()

    lines = [
        "## Cruft line model: training and cross-validation",
        "",
        f"Command: `{COMMAND}` — {info['data']}; labels: {info['labels']}; CatBoost {catboost.__version__}, {PARAMS}.",
        "",
        "Text path snippet scores (the cruft stage on textdump scrapes, scored as in `bench/extraction.py`, "
        "pages the stages before cruft reject left out).",
        "",
        "| system | threshold | drop below | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|",
        f"| rules alone | — | — | {rules_only.precision:.4f} | {rules_only.recall:.4f} | {rules_only.f1:.4f} |",
    ]
    shown = {(t, t) for t in THRESHOLDS} | {max((c for c in GRID if c[0] == t), key=lambda c: cv[c].f1)
                                            for t in THRESHOLDS if cv} | {cut}  # fmt: skip
    for c in sorted(shown):
        if cv:
            s = cv[c]
            mark = " ← shipped" if c == cut else ""
            lines.append(f"| rules + model, {folds}-fold cross-validated{mark} | {c[0]} | {c[1]} | {s.precision:.4f} | "
                         f"{s.recall:.4f} | {s.f1:.4f} |")  # fmt: skip
    s = in_sample[cut]
    lines.append(f"| rules + shipped model, in-sample (trained on these pages) | {cut[0]} | {cut[1]} | "
                 f"{s.precision:.4f} | {s.recall:.4f} | {s.f1:.4f} |")  # fmt: skip
    lines += ["", "Each threshold's own best `drop below` is shown, and `drop below` = threshold (one cut for both)."]
    from cleaner.cruft.features import FEATURES

    importance = sum(m.get_feature_importance() for m in final) / len(final)
    top = sorted(zip(FEATURES, importance, strict=False), key=lambda kv: -kv[1])[:15]
    lines += ["", "Most used features: " + ", ".join(f"`{name}` {value:.1f}" for name, value in top) + ".", ""]
    lines.append(f"Total time {time.perf_counter() - start:.0f} s.")
    if out == model_module.MODEL_FILE:
        publish("cruft-model", "\n".join(lines) + "\n")
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
