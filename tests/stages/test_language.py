"""Language detection: answers, edge cases, sampling, determinism across threads and processes."""

from __future__ import annotations

import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import detect_language
from cleaner.document import Document
from cleaner.stages.language import DetectLanguage, paragraph_languages, sample_text
from cleaner.stages.sentences import SplitSentences

TEXTS = {
    "en": "The council approved the new budget on Tuesday after a long debate about schools and roads.",
    "de": "Der Stadtrat hat am Dienstag nach einer langen Debatte über Schulen und Straßen den Haushalt beschlossen.",
    "fr": "Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur les écoles et les routes.",
    "es": "El consejo aprobó el martes el nuevo presupuesto después de un largo debate sobre escuelas y carreteras.",
    "it": "Il consiglio comunale ha approvato martedì il nuovo bilancio dopo un lungo dibattito su scuole e strade.",
    "ru": "Городской совет во вторник утвердил новый бюджет после долгих споров о школах и дорогах.",
    "zh": "市议会在经过关于学校和道路的长时间辩论后，于星期二批准了新的预算。",
    "ja": "市議会は火曜日、学校と道路についての長い議論の末に新しい予算を承認した。",
    "ar": "وافق المجلس البلدي يوم الثلاثاء على الميزانية الجديدة بعد نقاش طويل حول المدارس والطرق.",
}


@pytest.mark.parametrize(("lang", "text"), TEXTS.items())
def test_detects(lang: str, text: str) -> None:
    code, score = detect_language(text)
    assert code == lang
    assert 0.5 < score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "1234567890",
        "3.14 + 2.71 = 5.85",
        "😀🎉👍",
        "a",
        "x",
        "é",
        "https://example.com/path/page.html",
        "someone@example.org",
        "<someone@example.org> 42",
        "— … !!! ???",
        "#1 @2 $3",
    ],
)
def test_undetermined(text: str) -> None:
    assert detect_language(text) == ("und", 0.0)


def test_codes_match_the_schema_pattern() -> None:
    import re

    for text in TEXTS.values():
        code, _ = detect_language(text)
        assert re.fullmatch(r"[a-z]{2,3}|und", code)


def test_sample_spreads_over_the_text_and_respects_the_budget() -> None:
    text = " ".join(f"word{i}" for i in range(2000))
    sample = sample_text(text, budget=300, windows=3)
    assert len(sample) <= 300
    pieces = sample.split("\n")
    assert len(pieces) == 3
    assert all(piece in text for piece in pieces)
    assert pieces[0].startswith("word0 ") and pieces[-1].endswith("word1999")
    assert sample_text("short text", budget=300) == "short text"


def test_a_long_article_is_judged_by_its_body_not_its_head() -> None:
    head = "Home | News | Sport | Weather | Contact\n"
    body = "\n".join([TEXTS["de"]] * 40)
    assert detect_language(head + body)[0] == "de"
    assert detect_language(head + body) == detect_language(head + body)


def _detect_all(texts: list[str]) -> list[tuple[str, float]]:
    return [detect_language(t) for t in texts]


def _corpus() -> list[str]:
    # ambiguous short texts are where a random detector shows its randomness
    short = ["ok", "hola amigo", "ciao bella", "no way", "sí señor", "merci bien", "danke schön", "tak", "ja nee"]
    return short + list(TEXTS.values())


def test_same_answers_in_any_order_and_in_threads() -> None:
    texts = _corpus() * 3
    expected = {t: detect_language(t) for t in texts}
    shuffled = list(texts)
    random.Random(7).shuffle(shuffled)
    assert [detect_language(t) for t in shuffled] == [expected[t] for t in shuffled]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(detect_language, shuffled))
    assert results == [expected[t] for t in shuffled]


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_same_answers_in_worker_processes(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    texts = _corpus()
    expected = _detect_all(texts)
    chunks = [texts[i::3] for i in range(3)]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context(method)) as pool:
        got = list(pool.map(_detect_all, chunks))
    for chunk, results in zip(chunks, got, strict=True):
        assert results == [expected[texts.index(t)] for t in chunk]


SPANISH = (
    "El gobierno anunció ayer que la nueva ley entrará en vigor el próximo mes de enero, después de meses de "
    "negociaciones con los sindicatos y las asociaciones de empresarios del país. Los críticos dicen que llega tarde."
)
ENGLISH = (
    "The government said yesterday that the new law would come into force next January, after months of "
    "talks with the unions and the employers' associations of the country. Critics say it comes too late."
)


def test_paragraph_languages_records_only_confident_differences() -> None:
    paragraphs = [ENGLISH, "Short line.", SPANISH, ENGLISH]
    found = paragraph_languages(paragraphs, "en")
    assert [(p["paragraph"], p["language"]) for p in found] == [(2, "es")]
    assert 0.95 <= found[0]["score"] <= 1.0
    assert paragraph_languages([ENGLISH, ENGLISH], "en") == []
    assert paragraph_languages([SPANISH], "und") == []


def test_stages_set_language_and_paragraph_languages() -> None:
    doc = Document(raw=b"", lines=[ENGLISH, ENGLISH, SPANISH, ENGLISH])
    DetectLanguage().process(doc)
    assert doc.language == "en"
    SplitSentences().process(doc)
    assert doc.paragraph_languages == [{"paragraph": 2, "language": "es", "score": pytest.approx(1.0, abs=0.05)}]
    assert doc.text.split("\n\n")[2] == SPANISH
    assert len(doc.sentences) == 8


def test_paragraph_languages_can_be_switched_off() -> None:
    doc = Document(raw=b"", lines=[ENGLISH, SPANISH], language="en")
    SplitSentences(paragraph_languages=False).process(doc)
    assert doc.paragraph_languages == []
    assert len(doc.sentences) == 4


def test_clean_output_is_schema_valid_with_paragraph_languages() -> None:
    from cleaner import clean, validate_article

    raw = "\n\n".join([ENGLISH, ENGLISH + " It was a long day.", SPANISH, ENGLISH]).encode()
    article = clean(raw)
    data = article.to_dict()
    validate_article(data)
    assert data["language"] == "en"
    assert any(p["language"] == "es" for p in data["paragraph_languages"])


# --- the fast paths compute what langdetect computes ---------------------------------------------

MIXED = [
    *TEXTS.values(),
    SPANISH,
    ENGLISH,
    "Москва — столица России. The Kremlin is there, and so is Red Square, on the Moskva river bank.",
    "東京は日本の首都です。Tokyo is big. 人口は約1400万人で、世界でも有数の大都市として知られています。",
    "ALL CAPITALS HERE and then some ordinary words, with punctuation; quotes 'like this' and e-mail a@b.org.",
    "Straße, Fuß und Öl: ß Ä Ö Ü — Việt Nam, Tiếng Việt có dấu, Đà Nẵng.",
]


def assert_langdetects_probabilities(text: str) -> None:
    from langdetect.detector import Detector

    from cleaner.stages.language import TRIALS, _Detector, _load

    probabilities = []
    for cls in (Detector, _Detector):
        detector = cls(_load())
        detector.n_trial = TRIALS
        detector.append(text)
        detector.get_probabilities()
        probabilities.append(detector.langprob)
    assert probabilities[0] == probabilities[1]


def assert_langdetects_votes(text: str) -> None:
    from collections import Counter

    from langdetect.detector import Detector

    from cleaner.stages.language import _best_language, _load, _votes

    detector = Detector(_load())
    detector.append(text)
    detector.cleaning_text()
    assert _votes(text) == Counter(_best_language(g) for g in detector._extract_ngrams() if len(g) > 1)


def assert_flags_as_a_full_detection(text: str, language: str) -> None:
    from cleaner.stages.language import PARAGRAPH_MIN_SCORE, _foreign

    code, score = detect_language(text)
    want = (code, score) if code not in ("und", language) and score >= PARAGRAPH_MIN_SCORE else None
    assert _foreign(text, language) == want


@pytest.mark.parametrize("text", MIXED)
def test_detector_gives_langdetects_probabilities(text: str) -> None:
    assert_langdetects_probabilities(text)


@pytest.mark.parametrize("text", MIXED)
def test_word_votes_are_the_votes_of_langdetects_ngrams(text: str) -> None:
    assert_langdetects_votes(text)


@pytest.mark.parametrize("language", ["en", "es", "de", "fr", "ru", "zh", "pt", "it"])
def test_early_stopping_flags_what_a_full_detection_flags(language: str) -> None:
    for text in MIXED:
        assert_flags_as_a_full_detection(text, language)


@pytest.mark.shared
def test_fast_paths_match_langdetect_on_the_udhr_paragraphs(shared: type) -> None:
    import json

    path = shared.path("data", "langid", "udhr_article.jsonl")
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    for row in rows[::5]:
        assert_langdetects_probabilities(sample_text(row["text"]))
        assert_langdetects_votes(sample_text(row["text"], 200))
        for language in ("en", "de", "da", row["lang"]):
            assert_flags_as_a_full_detection(row["text"], language)


def test_early_stopping_sees_the_first_trial_and_is_safe() -> None:
    from cleaner.stages.language import _FIRST_TRIAL_FLOOR, PARAGRAPH_MIN_SCORE, TRIALS, _Detector, _load

    # a first trial below the floor cannot average to a flag, even if the other trials give 1.0
    assert round((_FIRST_TRIAL_FLOOR + TRIALS - 1) / TRIALS, 4) < PARAGRAPH_MIN_SCORE
    seen: list[list[float]] = []
    detector = _Detector(_load())
    detector.append(SPANISH)
    detector.cleaning_text()
    assert detector.trials(detector._extract_ngrams(), lambda prob: seen.append(list(prob)) is not None) is False
    assert detector.langprob is None
    one = _Detector(_load())
    one.n_trial = 1
    one.append(SPANISH)
    one.get_probabilities()
    assert seen == [one.langprob]


def test_script_counts_are_langdetects() -> None:
    from langdetect.utils.unicode_block import unicode_block

    from cleaner.stages.language import _script_counts

    def langdetect_counts(text: str) -> tuple[int, int]:  # langdetect 1.0.9's Detector.cleaning_text loop
        latin = non_latin = 0
        for ch in text:
            if "A" <= ch <= "z":
                latin += 1
            elif ch >= "\u0300" and unicode_block(ch) != "Latin Extended Additional":
                non_latin += 1
        return latin, non_latin

    every = "".join(chr(c) for c in range(0x20, 0x3000, 7)) + "ḀỿẞỆ\U0001f600"
    for text in [*MIXED, every]:
        assert _script_counts(text) == langdetect_counts(text)


def test_langdetect_normalisation_may_come_first() -> None:
    # _words normalises before cutting into words; the n-gram reader normalises again: same characters
    from langdetect.utils.ngram import NGram

    for code in range(0x20000):
        normal = NGram.normalize(chr(code))
        assert NGram.normalize(normal) == normal, hex(code)


# letters of several scripts and cases, digits, punctuation and spaces: what the n-gram reader treats differently
_READER_TEXT = st.text(st.sampled_from("aAbBzZéÉßẞøØдДяЯ東京ệỆ1 .,'-\u00a0\u0301"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_READER_TEXT)
def test_cached_ngrams_are_langdetects(text: str) -> None:
    from langdetect.detector import Detector

    from cleaner.stages.language import _load, _ngrams

    detector = Detector(_load())
    detector.text = text
    want = detector._extract_ngrams()
    assert _ngrams(text) == want


@settings(max_examples=300, deadline=None)
@given(_READER_TEXT)
def test_votes_are_those_of_langdetects_ngrams_on_any_text(text: str) -> None:
    assert_langdetects_votes(text)
