"""Library API, emit stage, schema, determinism."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cleaner
from cleaner import Article, Document, Pipeline, Rejected, clean, validate_article
from cleaner.stages.base import Stage

TEXT = "Rain is expected in the north tomorrow. Farmers welcomed the news after a dry month."


def test_clean_text_gives_valid_article() -> None:
    article = clean(TEXT)
    data = article.to_dict()
    validate_article(data)
    assert data["language"] == "en"
    assert data["text"] == TEXT
    assert data["sentences"] == [
        "Rain is expected in the north tomorrow.",
        "Farmers welcomed the news after a dry month.",
    ]
    assert data["stats"] == {"chars": len(TEXT), "words": 15, "sentences": 2}
    assert data["pipeline"]["version"] == cleaner.__version__
    assert data["source"]["sha256"] == __import__("hashlib").sha256(TEXT.encode()).hexdigest()


def test_key_order_is_fixed() -> None:
    keys = list(json.loads(clean(TEXT).to_json()))
    assert keys[:4] == ["schema_version", "id", "url", "source"]
    assert keys == list(cleaner.ARTICLE_SCHEMA["required"])


def test_same_input_same_bytes_and_id() -> None:
    a = clean(TEXT.encode(), url="https://x.example/a")
    b = clean(TEXT.encode(), url="https://x.example/a")
    assert a.to_json() == b.to_json()
    assert a.id != clean(TEXT.encode(), url="https://x.example/b").id


def test_bytes_and_str_inputs_agree() -> None:
    assert clean(TEXT).text == clean(TEXT.encode("utf-16")).text


def test_rejection_type_and_reason() -> None:
    with pytest.raises(Rejected) as info:
        clean(b"")
    assert info.value.reason == "empty"


def test_round_trip_from_dict() -> None:
    article = clean(TEXT)
    assert Article.from_dict(article.to_dict()).to_json() == article.to_json()


def test_pipeline_counts_every_stage() -> None:
    pipe = Pipeline()
    list(pipe.run([Document(raw=TEXT.encode()), Document(raw=b""), Document(raw=b"Second doc. Fine.")]))
    stats = pipe.stats()
    assert list(stats) == ["decode", "extract", "encoding", "normalize", "language", "cruft", "sentences", "emit"]
    assert stats["decode"].processed == 3 and stats["decode"].rejected["empty"] == 1
    assert stats["emit"].forwarded == 2
    assert all(s.seconds >= 0 for s in stats.values())


class Boom(Stage):
    name = "boom"

    def process(self, doc: Document) -> None:
        raise ValueError("bug in a custom stage")


def test_custom_composition_and_bug_becomes_rejection() -> None:
    from cleaner.stages import Decode, Emit, Extract

    pipe = Pipeline([Decode(), Extract(), Boom(), Emit()])
    outcome = pipe.outcome(Document(raw=b"Some text here."))
    assert outcome.article is None and outcome.rejection is not None
    assert outcome.rejection.reason == "error:boom"
    assert pipe.stats()["boom"].rejected["error:boom"] == 1
    # without the broken stage the same composition works
    article = Pipeline([Decode(), Extract(), Emit()]).process(Document(raw=b"Some text here."))
    assert article.text == "Some text here."


class BoomOnMarker(Stage):
    """A custom stage with a bug that only some documents trigger."""

    name = "boom"

    def process(self, doc: Document) -> None:
        if any("BOOM" in line for line in doc.lines):
            raise ValueError("bug in a custom stage")


_HTML = (
    b"<html><head><title>Storm</title></head><body><nav>Home News Sport</nav><article><h1>Storm hits the coast</h1>"
    b"<p>The storm reached the coast on Monday and it was the strongest in a decade, officials said.</p>"
    b"<p>Thousands of homes lost power as the winds brought down lines across the region.</p></article></body></html>"
)
MIXED = [
    (TEXT.encode(), "text"),
    (b"", "text"),
    (_HTML, "html"),
    (bytes(range(256)) * 8, "text"),
    (b"A line that says BOOM. It breaks the custom stage.", "text"),
    ("Der Sturm erreichte am Montag die Küste. Tausende Haushalte hatten keinen Strom.".encode(), "text"),
]


def _pipeline() -> Pipeline:
    from cleaner.pipeline import default_stages

    stages = default_stages()
    return Pipeline([*stages[:-1], BoomOnMarker(), stages[-1]])


def _summary(outcomes: list) -> list:
    return [
        (o.article.to_json() if o.article else None, (o.rejection.reason, o.rejection.detail) if o.rejection else None)
        for o in outcomes
    ]


def test_batched_outcomes_equal_one_by_one() -> None:
    one, batched = _pipeline(), _pipeline()
    singles = [one.outcome(Document(raw=raw, format=fmt)) for raw, fmt in MIXED]
    together = batched.outcomes([Document(raw=raw, format=fmt) for raw, fmt in MIXED])
    assert _summary(together) == _summary(singles)
    reasons = [o.rejection.reason if o.rejection else None for o in together]
    assert reasons == [None, "empty", None, "binary", "error:boom", None]
    counts = lambda p: {n: (s.processed, s.forwarded, dict(s.rejected)) for n, s in p.stats().items()}  # noqa: E731
    assert counts(batched) == counts(one)


@pytest.mark.parametrize("batch_size", [1, 2, 4, 100])
def test_run_in_batches_keeps_order_and_reads_ahead_one_batch(batch_size: int) -> None:
    read = []

    def docs():
        for i, (raw, fmt) in enumerate(MIXED):
            read.append(i)
            yield Document(raw=raw, format=fmt)

    expected = [o.article.to_json() for o in _pipeline().outcomes([Document(raw=r, format=f) for r, f in MIXED])
                if o.article]  # fmt: skip
    run = _pipeline().run(docs(), batch_size=batch_size)
    first = next(run)
    assert len(read) == min(batch_size, len(MIXED))  # no further than the first batch before its first article
    assert [first.to_json(), *(a.to_json() for a in run)] == expected


def test_run_refuses_an_empty_batch() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        list(Pipeline().run([Document(raw=b"x")], batch_size=0))


def test_schema_rejects_bad_article() -> None:
    import jsonschema

    data = clean(TEXT).to_dict()
    data["language"] = "English"
    with pytest.raises(jsonschema.ValidationError):
        validate_article(data)
    data = clean(TEXT).to_dict()
    del data["sentences"]
    with pytest.raises(jsonschema.ValidationError):
        validate_article(data)


def test_schema_is_draft_2020_12() -> None:
    import jsonschema

    assert cleaner.ARTICLE_SCHEMA["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(cleaner.ARTICLE_SCHEMA)


def test_public_names_load_on_first_use() -> None:
    code = (
        "import sys, cleaner\n"
        "before = 'trafilatura' in sys.modules or 'cleaner.stages.extract' in sys.modules\n"
        "article = cleaner.clean(b'A short note. It has two sentences.')\n"
        "print(before, 'cleaner.stages.extract' in sys.modules, article.sentences)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split(" ", 2)[:2] == ["False", "True"]
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        cleaner.nothing_here  # noqa: B018
    assert set(cleaner.__all__) <= set(dir(cleaner))
