"""Sentence splitting: accuracy on the pySBD golden rules and speed, against the alternatives.

Run with ``python -m bench sentences``.  Accuracy is the share of cases whose sentence list
(each sentence stripped, empty ones dropped) equals the expected list exactly.  Every splitter
runs on the same data in the same process; speed is reported in MB/s of CPU time and as a
ratio to ours.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import publish
from cleaner.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "sentences"
SEEDS = ROOT.parent / "shared" / "seeds"
COMMAND = "python -m bench sentences"

Splitter = Callable[[str, str], list[str]]


def load_cases(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def golden_files() -> list[tuple[str, str, Path]]:
    """``(label, language, path)`` for every golden-rules file, the extra pySBD cases last."""
    out = []
    for path in sorted(DATA.glob("golden_rules_*.json")):
        lang = path.stem.removeprefix("golden_rules_")
        if lang == "en_benchmark":
            continue
        out.append((lang, lang, path))
    names = {
        "armenian": "hy",
        "danish": "da",
        "deutsch": "de",
        "english": "en",
        "italian": "it",
        "japanese": "ja",
        "russian": "ru",
        "spanish": "es",
    }
    for path in sorted((DATA / "more").glob("*.json")):
        lang = names[path.stem.split("_")[0]]
        out.append((f"more/{path.stem}", lang, path))
    return out


def score(split: Splitter, cases: list[dict[str, Any]], lang: str) -> float:
    """Percentage of cases whose stripped sentence list matches exactly."""
    ok = 0
    for case in cases:
        want = [s.strip() for s in case["sentences"] if s.strip()]
        try:
            got = [s.strip() for s in split(case["text"], lang) if s.strip()]
        except Exception:  # a competitor that crashes on a case simply fails it
            got = None
        ok += got == want
    return 100.0 * ok / len(cases) if cases else 0.0


def competitors() -> dict[str, Splitter]:
    """The splitters that import here; each takes ``(text, language)``."""
    out: dict[str, Splitter] = {"cleaner": split_sentences}
    try:
        import pysbd

        cache: dict[str, Any] = {}

        def pysbd_split(text: str, lang: str) -> list[str]:
            if lang not in cache:
                try:
                    cache[lang] = pysbd.Segmenter(language=lang, clean=False)
                except Exception:
                    cache[lang] = pysbd.Segmenter(language="en", clean=False)
            return cache[lang].segment(text)

        out["pySBD"] = pysbd_split
    except ImportError:
        pass
    try:
        from sentencex import segment

        out["sentencex"] = lambda text, lang: list(segment(lang, text))
    except ImportError:
        pass
    try:
        import blingfire

        out["blingfire"] = lambda text, lang: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        pass
    try:
        from syntok import segmenter

        def syntok_split(text: str, lang: str) -> list[str]:
            return [
                "".join(t.spacing + t.value for t in sentence).strip()
                for paragraph in segmenter.process(text)
                for sentence in paragraph
            ]

        out["syntok"] = syntok_split
    except ImportError:
        pass
    return out


def news_text() -> str:
    """The English seed articles, one paragraph per line."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def throughput(split: Splitter, text: str, lang: str = "en", budget: float = 1.5) -> float:
    """MB/s of ``split`` over ``text`` (repeated until ``budget`` seconds pass)."""
    size = len(text.encode("utf-8"))
    runs, start = 0, time.process_time()  # CPU time: the machine is shared
    while True:
        split(text, lang)
        runs += 1
        elapsed = time.process_time() - start
        if elapsed >= budget:
            return size * runs / elapsed / 1e6


def one_paragraph(size: int) -> str:
    """A single paragraph (no newline) of about ``size`` characters made from the seed sentences."""
    sentences = " ".join(news_text().split())
    return (sentences + " ") * (size // len(sentences) + 1)


def hostile_texts() -> list[tuple[str, str, str]]:
    """Inputs that make naive splitters quadratic: one endless sentence, long runs, open quotes."""
    return [
        ("`Dr. ` repeated (one sentence)", "Dr. " * 250_000, "en"),
        ("`1) a 2) b ` repeated", "1) a 2) b " * 100_000, "en"),
        ("`a. b. c. …` markers", "a. b. c. d. e. f. g. h. " * 40_000, "en"),
        ("Chinese without spaces", "这是一个句子。" * 140_000, "zh"),
        ("open „ quote never closed", "„" + "Satz eins. Satz zwei. " * 45_000, "de"),
        ("5,000-letter words", ("x" * 5000 + ". ") * 200, "en"),
    ]


def main() -> None:
    splitters = competitors()
    names = list(splitters)
    lines = [f"Command: `{COMMAND}`", "", "### Accuracy (% of cases with the exact sentence list)", ""]
    lines.append("| file | cases | " + " | ".join(names) + " |")
    lines.append("|---|---:|" + "---:|" * len(names))
    for label, lang, path in golden_files():
        cases = load_cases(path)
        cells = [f"{score(splitters[n], cases, lang):.1f}" for n in names]
        lines.append(f"| {label} | {len(cases)} | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)

    text = news_text()
    # a 1 MB news corpus: the seed articles repeated, paragraphs kept
    corpus = "\n\n".join([text] * (1_000_000 // len(text) + 1))
    lines += ["", "### Speed on English news text (seed articles repeated to ~1 MB)", ""]
    lines.append("| splitter | MB/s | x cleaner |")
    lines.append("|---|---:|---:|")
    ours = throughput(split_sentences, corpus)
    for name in names:
        if name == "pySBD":
            # pySBD is far slower; measure it on the plain seed text only
            speed = throughput(splitters[name], text, budget=3.0)
        else:
            speed = ours if name == "cleaner" else throughput(splitters[name], corpus)
        lines.append(f"| {name} | {speed:.2f} | {speed / ours:.3f} |")
        print(lines[-1], flush=True)

    lines += ["", "### Linearity: one paragraph without line breaks", ""]
    lines.append("| splitter | 100 kB (s) | 1 MB (s) | ratio |")
    lines.append("|---|---:|---:|---:|")
    small, large = one_paragraph(100_000), one_paragraph(1_000_000)
    for name in names:
        if name == "pySBD":
            continue  # superlinear: minutes on a long paragraph
        times = []
        for para in (small, large):
            best = float("inf")
            for _ in range(3):  # best of three: the machine is shared
                start = time.process_time()
                splitters[name](para, "en")
                best = min(best, time.process_time() - start)
            times.append(best)
        lines.append(f"| {name} | {times[0]:.4f} | {times[1]:.4f} | {times[1] / times[0]:.1f} |")
        print(lines[-1], flush=True)

    lines += ["", "### Linearity of cleaner on hostile text (1/10 of the text, then all of it)", ""]
    lines.append("| text | size | 1/10 (s) | all (s) | ratio |")
    lines.append("|---|---:|---:|---:|---:|")
    for label, text, lang in hostile_texts():
        times = []
        for part in (text[: len(text) // 10], text):
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                split_sentences(part, lang)
                best = min(best, time.process_time() - start)
            times.append(best)
        lines.append(
            f"| {label} | {len(text) // 1000} kB | {times[0]:.4f} | {times[1]:.4f} | {times[1] / times[0]:.1f} |"
        )
        print(lines[-1], flush=True)

    table = "\n".join(lines) + "\n"
    publish("sentences", table)


if __name__ == "__main__":
    main()
