"""The line model: evaluation of oblivious trees, the packaged file, and how its decisions are applied."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cleaner.cruft import classifier, classify
from cleaner.cruft.classifier import MODEL_MIN_LINES, judge
from cleaner.cruft.features import FEATURES, PageInputs
from cleaner.cruft.model import MODEL_FILE, LineModel, ModelMismatch, load


def _reference_logits(data: dict, table: np.ndarray) -> list[float]:
    """Tree by tree, row by row: the definition the vectorised evaluation must match."""
    out = []
    for row in table:
        total = 0.0
        for tree in data["trees"]:
            leaf = sum(1 << d for d, (f, b) in enumerate(tree["splits"]) if row[f] > b)
            total += tree["leaves"][leaf]
        out.append(data["scale"] * total + data["bias"])
    return out


def _random_model(rng: np.random.Generator, n_features: int, n_trees: int, depth: int) -> dict:
    trees = []
    for _ in range(n_trees):
        d = int(rng.integers(1, depth + 1))  # trees of unequal depth are padded by the loader
        splits = [[int(rng.integers(n_features)), float(rng.normal())] for _ in range(d)]
        trees.append({"splits": splits, "leaves": rng.normal(size=2**d).tolist()})
    names = [f"f{i}" for i in range(n_features)]
    return {"features": names, "threshold": 0.5, "scale": 0.7, "bias": -0.2, "trees": trees}


def test_vectorised_evaluation_matches_the_definition() -> None:
    rng = np.random.default_rng(7)
    for depth in [4] * 19 + [10]:  # leaf indices of up to 8 levels are built in bytes, deeper ones not
        data = _random_model(rng, n_features=6, n_trees=12, depth=depth)
        table = rng.normal(size=(37, 6))
        got = LineModel.from_dict(data).logits(table)
        assert np.allclose(got, _reference_logits(data, table))


def test_empty_table_and_empty_ensemble() -> None:
    model = LineModel.from_dict({"features": ["a"], "threshold": 0.5, "bias": 2.0, "trees": []})
    assert model.logits(np.zeros((3, 1))).tolist() == [2.0, 2.0, 2.0]
    assert model.probabilities(np.zeros((0, 1))).shape == (0,)


def test_packaged_model_matches_the_features() -> None:
    model = load()
    assert model is not None, "cleaner/cruft/line_model.json is missing"
    assert model.features == FEATURES
    assert 0.0 < model.drop_below <= model.threshold < 1.0
    assert model.split_feature.max() < len(FEATURES)
    cv = model.info["cross_validation"]
    assert cv["f1"] > 0.8 and cv["folds"] >= 2  # trained and measured, not a placeholder


def test_model_trained_on_other_features_is_refused(tmp_path: Path) -> None:
    data = json.loads(MODEL_FILE.read_text("utf-8"))
    data["features"] = data["features"][::-1]
    path = tmp_path / "line_model.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelMismatch, match="retrain"):
        load(path)
    assert load(tmp_path / "absent.json") is None


def _constant(logit: float) -> LineModel:
    return LineModel.from_dict({"features": list(FEATURES), "threshold": 0.5, "bias": logit, "trees": []})


BODY = [
    "The council voted on Tuesday to close the old harbour bridge for repairs, a decision that will divert "
    "thousands of commuters for at least two years.",
    "Officials said the bridge, which opened in 1932, had been inspected in the spring and that engineers had "
    "found corrosion in several of its main cables.",
    "What happens next",
    "The works are expected to start in March and the council will publish a timetable for them next week.",
]
PAGE = [
    "Home News Sport Weather Culture Travel",
    "Morning edition",
    "Advertisement",
    *BODY,
    "Sign up for our daily newsletter",
    "Local weather",
    "Contact us",
]


@pytest.fixture
def any_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the model remove kept lines on the small test page (by default only from 40 lines up)."""
    monkeypatch.setattr(classifier, "MODEL_MIN_LINES", 0)


@pytest.mark.usefixtures("any_length")
def test_model_redecides_only_what_the_rules_left_to_position() -> None:
    rules = judge(PAGE, "en")
    lines = list(zip(rules.lines, rules.classes, rules.decisions, strict=True))
    evidence = {text: reason for text, cls, reason in lines if cls}
    positional = {text for text, cls, reason in lines if reason and not cls}
    assert set(evidence.values()) == {"navigation", "ad", "newsletter", "footer"}
    assert positional == {"Morning edition", "Local weather"}
    keep_all = classify(PAGE, "en", model=_constant(10.0))
    drop_all = classify(PAGE, "en", model=_constant(-10.0))
    # Whatever the model says, lines with a class of their own keep it.
    for result in (keep_all, drop_all):
        assert {t: r for t, r in result.removed if t in evidence} == evidence
    # A model sure of every line keeps what the rules had removed for its position alone.
    assert keep_all.kept == [t for t in PAGE if t not in evidence]
    # A model sure of none removes every open line, named by where it sits.
    assert drop_all.kept == []
    reasons = dict(drop_all.removed)
    assert reasons["Morning edition"] == "navigation"
    assert reasons["Local weather"] == "footer"


@pytest.mark.usefixtures("any_length")
def test_between_kept_lines_a_removal_is_boilerplate() -> None:
    class Picky(LineModel):
        def page_probabilities(self, inputs: PageInputs, rows: np.ndarray) -> np.ndarray:
            p = np.ones(len(rows))
            p[PAGE.index("What happens next")] = 0.0
            return p

    base = _constant(0.0)
    picky = Picky(base.features, 0.5, 0.5, 1.0, 0.0, base.split_feature, base.split_border, base.leaves, {})
    removed = dict(classify(PAGE, "en", model=picky).removed)
    assert removed["What happens next"] == "boilerplate"


def test_clean_text_is_left_alone() -> None:
    # Nothing for the rules to remove: a clean article, whatever the model thinks of its lines.
    assert classify(BODY, "en", model=_constant(-10.0)).kept == BODY


@pytest.mark.usefixtures("any_length")
def test_taking_away_a_kept_line_needs_more_certainty_than_giving_one_back() -> None:
    # p = 0.3 for every line: below the threshold (0.5), so a line removed for its position stays
    # removed; above drop_below (0.2), so a line the rules kept stays kept.
    data = {"features": list(FEATURES), "threshold": 0.5, "drop_below": 0.2, "bias": float(np.log(0.3 / 0.7))}
    data["trees"] = []
    result = classify(PAGE, "en", model=LineModel.from_dict(data))
    assert result.kept == BODY
    assert {"Morning edition", "Local weather"} <= {t for t, _ in result.removed}
    # Without drop_below in the file, one cut serves both.
    del data["drop_below"]
    assert LineModel.from_dict(data).drop_below == 0.5
    assert classify(PAGE, "en", model=LineModel.from_dict(data)).kept == []


def test_on_a_short_page_the_model_only_gives_lines_back() -> None:
    assert len(PAGE) < MODEL_MIN_LINES
    drop_all = classify(PAGE, "en", model=_constant(-10.0))
    assert drop_all.kept == BODY  # what the rules kept stays
    keep_all = classify(PAGE, "en", model=_constant(10.0))
    assert "Morning edition" in keep_all.kept  # what they removed for its position can come back
    # The same page padded past the limit with more article: now the model may remove kept lines.
    long_page = PAGE[:3] + BODY * (MODEL_MIN_LINES // len(BODY) + 1) + PAGE[3 + len(BODY) :]
    assert classify(long_page, "en", model=_constant(-10.0)).kept == []


RELATED = "Mayor announces new budget plan for the ring road works"
TOPICS = [
    "bridge", "ferries", "buses", "trams", "parking", "cycling", "schools", "markets", "harbour", "taxes",
    "housing", "rents", "water", "lighting", "parks", "libraries", "museums", "theatres", "clinics", "roads",
    "tunnels", "trains", "stations", "bakeries", "shops", "cafes", "sports", "swimming", "gardens", "trees",
    "noise", "waste", "recycling", "energy", "heating", "schools", "nurseries", "police", "fire", "floods",
]  # fmt: skip


def _long_page() -> list[str]:
    prose = [
        f"On the {n}th evening the council heard residents speak at length about the {topic}, and the "
        "mayor promised that an answer would follow before the end of the month."
        for n, topic in enumerate(TOPICS, start=1)
    ]
    return ["Home News Sport Weather Culture Travel", "Advertisement", prose[0], RELATED, *prose[1:]]


def test_related_headlines_are_redecided_on_long_pages() -> None:
    page = _long_page()
    assert len(page) >= MODEL_MIN_LINES
    assert dict(classify(page, "en", model=False).removed)[RELATED] == "related"
    # A model sure the line is article gives it back; one sure it is not leaves it removed, under its name.
    assert RELATED in classify(page, "en", model=_constant(10.0)).kept
    assert dict(classify(page, "en", model=_constant(-10.0)).removed)[RELATED] == "related"
    # On a short page the rule's decision stands.
    short = page[: MODEL_MIN_LINES // 2]
    assert dict(classify(short, "en", model=_constant(10.0)).removed)[RELATED] == "related"
