"""Speed of the cruft stage on plain-text scrapes, beside jusText on the same lines.

Command: ``python -m bench cruft`` (``BENCH_LIMIT=N`` uses the first N pages).

Input: the 990 dev pages (``../shared/data/extraction-dev/html``) turned into
plain-text scrapes by ``../shared/tools/textdump.py``.  Each scrape first goes
through the stages before cruft (decode … language), untimed; then the cruft
stage alone is timed on it, and then its parts on their own (the page measured
and its lines judged one by one; the rules' page-wide steps; the line model).
jusText runs on the same lines (one paragraph per line, the page's stop list)
in the same process and loop, so machine noise hits both alike.  The whole pipeline also runs on each scrape, for scale.
Throughput = MB of scrape text (UTF-8) / seconds; CPU seconds
(``time.process_time``) are per core, since the loop is single-threaded.
The stage's one-time set-up (loading the stop lists) is timed apart and printed under the table.
Last, the stage is timed on the HTML path: the same pages as HTML, where it gets the blocks
extraction chose (extraction itself untimed).
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import Any

from bench import publish
from bench.extraction import DEV, before_cruft, justext_text, load_pages, scrapes

COMMAND = "python -m bench cruft"


def main() -> None:
    if not DEV.exists():
        print("[bench] cruft: ../shared/data/extraction-dev is absent, skipped")
        return
    from cleaner.cruft import classifier
    from cleaner.cruft import model as line_model
    from cleaner.document import Document
    from cleaner.pipeline import Pipeline
    from cleaner.stages.cruft import RemoveCruft

    limit = int(os.environ.get("BENCH_LIMIT", "0")) or None
    pages = load_pages(limit)
    texts = scrapes(pages)
    # Streamed like the pipeline does: each document is prepared just before it is timed and
    # dropped after, so the garbage collector never walks hundreds of finished documents.
    prepared = (
        (doc, text)
        for doc, text in zip(before_cruft((url for url, _, _ in pages), texts), texts, strict=True)
        if doc is not None
    )

    megabytes = 0.0
    n_lines = n_docs = 0

    # One-time set-up (the stop lists of ~100 languages and their word index, the line model) happens on the
    # first call; it is timed apart so the table shows the throughput a long-running worker sees.
    w, c = time.perf_counter(), time.process_time()
    stage, rules_only = RemoveCruft(), RemoveCruft(model=False)  # (builds the word index and literal tables)
    line_model.load()
    setup_wall, setup_cpu = time.perf_counter() - w, time.process_time() - c
    clocks = {"cleaner cruft stage": [0.0, 0.0], "cleaner cruft stage, rules only (model=False)": [0.0, 0.0],
              "jusText (same lines)": [0.0, 0.0]}  # fmt: skip
    # The stage's main parts, timed again on their own in the same loop: where the time of the first row goes.
    model = line_model.load()
    parts = {"lines measured (compiled core) and judged on their own (evidence, where the gate lets it)": 0.0,
             "the rules' page-wide steps (body region, context, lifting)": 0.0,
             "line model: rows and trees (compiled core)": 0.0}  # fmt: skip
    page_part, rules_part, model_part = parts
    judged_lines = distinct_lines = 0
    # The whole pipeline on the same scrapes, for scale: what a text input costs from bytes to article.
    # Its one-time loading (language profiles and the like) is paid by a separate pipeline first.
    Pipeline().outcome(Document(raw=b"Warm-up text for the one-time loading. It is not timed.", format="text"))
    pipeline, pipeline_cpu = Pipeline(), 0.0
    for doc, text in prepared:
        megabytes += len(text.encode("utf-8")) / 1e6
        n_lines += len(doc.lines)
        n_docs += 1
        c = time.process_time()
        pipeline.outcome(Document(raw=text.encode("utf-8"), url=doc.url, format="text"))
        pipeline_cpu += time.process_time() - c
        c = time.process_time()
        page = classifier.measure_page(list(doc.lines), doc.language, True)
        parts[page_part] += time.process_time() - c
        judged_lines += int(classifier.gate(page.rows, True).sum())
        distinct_lines += len(page.texts)
        c = time.process_time()
        rules = classifier.judge(list(doc.lines), doc.language, scrape=True, known_title=doc.title, page=page)
        parts[rules_part] += time.process_time() - c
        if model is not None and not classifier.left_alone(rules):
            c = time.process_time()
            model.page_probabilities(classifier.model_inputs(rules), classifier.open_lines(rules))
            parts[model_part] += time.process_time() - c
        for name in clocks:
            copy = replace(doc, lines=list(doc.lines), removed=[])  # each system on its own copy
            w, c = time.perf_counter(), time.process_time()
            if name == "jusText (same lines)":
                justext_text(text, doc.language)
            else:
                (stage if name == "cleaner cruft stage" else rules_only).process(copy)
            clocks[name][0] += time.perf_counter() - w
            clocks[name][1] += time.process_time() - c

    rows = [(name, wall, cpu) for name, (wall, cpu) in clocks.items()]
    ours_cpu, rules_cpu, jt_cpu = (cpu for _, _, cpu in rows)
    out = [
        "## Cruft stage speed",
        "",
        f"Command: `{COMMAND}` — {n_docs} textdump scrapes of the dev pages, {megabytes:.1f} MB, "
        f"{n_lines} lines; one process, interleaved page by page.",
        "",
        "| system | wall s | CPU s | MB/s (wall) | MB/s per core (CPU) |",
        "|---|---|---|---|---|",
    ]
    for name, wall, cpu in rows:
        out.append(f"| {name} | {wall:.2f} | {cpu:.2f} | {megabytes / wall:.2f} | {megabytes / cpu:.2f} |")
    out += [
        "",
        f"cleaner / jusText CPU time: {ours_cpu / jt_cpu:.2f}×; the line model's share: "
        f"{(ours_cpu - rules_cpu) / ours_cpu:.0%} of the stage (target: ≥ 5 MB/s per core).",
        f"One-time set-up before the first page (stop lists and their word index, literal tables, line model), "
        f"not in the table: {setup_cpu:.2f} s CPU, {setup_wall:.2f} s wall.",
    ]
    out += [
        "",
        f"Where the stage's time goes (CPU seconds of each part timed alone, same pages and loop; at the target "
        f"the whole stage would have {megabytes / 5:.2f} s):",
        "",
        "| part | CPU s | share of the stage | MB/s per core if it ran alone |",
        "|---|---:|---:|---:|",
    ]
    # The rest of the stage (the model's decisions, recording removals) is too small to time as a difference:
    # the parts timed alone run colder than inside the stage, so they can add up to more than it.
    for name, cpu in [*parts.items(), ("sum of the three parts", sum(parts.values()))]:
        out.append(f"| {name} | {cpu:.2f} | {cpu / ours_cpu:.0%} | {megabytes / cpu:.1f} |")
    out += [
        "",
        f"The gate let evidence run on {judged_lines} of the {distinct_lines} distinct lines "
        f"({judged_lines / max(distinct_lines, 1):.0%}); the others hold no literal any of its patterns needs.",
    ]
    stage_seconds = {name: stats["seconds"] for name, stats in pipeline.stats_dict().items()}
    shares = ", ".join(
        f"{name} {sec / pipeline_cpu:.0%}" for name, sec in stage_seconds.items() if sec >= 0.005 * pipeline_cpu
    )
    out += [
        "",
        f'The whole pipeline on the same scrapes (bytes to article, `format="text"`, same loop): '
        f"{pipeline_cpu:.2f} s CPU, {megabytes / pipeline_cpu:.2f} MB/s per core; by stage (wall time): {shares}.",
    ]
    out += _html_path(pages, stage)
    text = "\n".join(out) + "\n"
    publish("cruft", text)


def _html_path(pages: list, stage: Any) -> list[str]:
    """The stage on what it gets from an HTML page: the blocks extraction chose (no body region, no line model)."""
    megabytes, cpu, n_docs, n_blocks = 0.0, 0.0, 0, 0
    for doc in before_cruft((url for url, _, _ in pages), (raw for _, raw, _ in pages), fmt="html"):
        if doc is None or not doc.lines:
            continue
        megabytes += len("\n".join(doc.lines).encode("utf-8")) / 1e6
        n_docs += 1
        n_blocks += len(doc.lines)
        c = time.process_time()
        stage.process(doc)
        cpu += time.process_time() - c
    return [
        "",
        f"On the HTML path (the same pages as HTML; the stage gets the {n_blocks} blocks extraction chose on "
        f"{n_docs} pages, {megabytes:.1f} MB, and the body region and line model do not apply): "
        f"{cpu:.2f} s CPU, {megabytes / cpu:.2f} MB/s per core.",
    ]


if __name__ == "__main__":
    main()
