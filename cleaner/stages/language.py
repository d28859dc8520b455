"""Stage 6: which language the article is in (langdetect, seeded, on a sample of the text).

langdetect is randomised: each detection draws n-grams at random.  Here every detector is
seeded with the same constant, so an answer depends only on the text, never on call order,
threads or processes.  The profiles are loaded once, in sorted order (``os.listdir`` order
differs between file systems), under a lock.

Speed: langdetect's cost grows with the text (it walks every character in Python) and with
its random trials.  :func:`sample_text` keeps a few windows spread across the article (not
just its head) up to :data:`SAMPLE_CHARS`; ``bench/language.py`` measured how much text that
needs to stay as accurate as the full text.  :class:`_Detector` computes langdetect's own
per-character work with memoised lookups: the same n-grams in the same order, so the same
answers, only faster.
"""

from __future__ import annotations

import os
import re
import threading
from typing import Any

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram
from langdetect.utils.unicode_block import unicode_block

from cleaner.document import Document
from cleaner.stages.base import Stage

SEED = 0
# Characters handed to langdetect per text: a few windows spread over the article.
SAMPLE_CHARS = 300
SAMPLE_WINDOWS = 3
# langdetect's random trials per detection (its default is 7); see bench/language.py.
TRIALS = 3
# Fewer letters than this and there is nothing to tell a language by.
MIN_LETTERS = 3
# Paragraph languages: only paragraphs this long are judged, and recorded only when confident.
PARAGRAPH_MIN_CHARS = 200
PARAGRAPH_MIN_LETTERS = 0.7  # share of letters among the characters
PARAGRAPH_MIN_SCORE = 0.95
PARAGRAPH_MAX = 20  # paragraphs judged per article, at most
# Paragraphs whose n-grams vote for the document language this many times more than for any
# other are not re-checked (see _clearly).
PARAGRAPH_GATE = 1.5
PARAGRAPH_GATE_CHARS = 200

_lock = threading.Lock()
_factory: DetectorFactory | None = None
# bounded repetitions keep this linear even on long runs without spaces
_URL = re.compile(r"(?:https?://|www\.)\S{1,2000}|[\w.+-]{1,64}@[\w-]{1,255}(?:\.[\w-]{1,63})+")
# langdetect's region variants and macro-language codes, mapped to ISO 639-1
_SPACES = re.compile(" {2,}")
_CODES = {"zh-cn": "zh", "zh-tw": "zh"}


_NORMAL: dict[str, str] = {}  # character -> langdetect's normalised character
_NON_LATIN: dict[str, bool] = {}  # character -> counts as non-Latin in langdetect's cleaning


class _Detector(Detector):  # type: ignore[misc]
    """langdetect's detector with its per-character work memoised.

    ``append``, ``cleaning_text`` and ``_extract_ngrams`` below compute exactly what
    langdetect's own methods compute (same text, same n-grams, same order) but look each
    character's normalisation and Unicode block up once, instead of on every occurrence.
    The random trials are langdetect's own.
    """

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        latin_count, non_latin_count = 0, 0
        non_latin = _NON_LATIN
        for ch in self.text:
            if "A" <= ch <= "z":
                latin_count += 1
            else:
                flag = non_latin.get(ch)
                if flag is None:
                    flag = non_latin[ch] = ch >= "\u0300" and unicode_block(ch) != "Latin Extended Additional"
                non_latin_count += flag
        if latin_count * 2 < non_latin_count:
            self.text = "".join(ch for ch in self.text if ch < "A" or ch > "z")

    def _extract_ngrams(self) -> list[str]:
        prob_map = self.word_lang_prob_map
        normal = _NORMAL
        result: list[str] = []
        grams, capital = " ", False
        for raw in self.text:
            ch = normal.get(raw)
            if ch is None:
                ch = normal[raw] = NGram.normalize(raw)
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if ch == " ":
                    continue
            elif len(grams) >= 3:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            if ch != " " and ch in prob_map:
                result.append(ch)
            size = len(grams)
            if size >= 2:
                w = grams[-2:]
                if w in prob_map:
                    result.append(w)
                if size >= 3 and grams in prob_map:
                    result.append(grams)
        return result


def _load() -> DetectorFactory:
    global _factory
    if _factory is None:
        with _lock:
            if _factory is None:
                names = sorted(n for n in os.listdir(PROFILES_DIRECTORY) if not n.startswith("."))
                profiles = []
                for name in names:
                    with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as fh:
                        profiles.append(fh.read())
                factory = DetectorFactory()
                factory.load_json_profile(profiles)
                factory.set_seed(SEED)
                _factory = factory
    return _factory


def sample_text(text: str, budget: int = SAMPLE_CHARS, windows: int = SAMPLE_WINDOWS) -> str:
    """Up to ``budget`` characters of ``text``: ``windows`` pieces spread evenly across it, cut at spaces.

    >>> sample_text("one two three four five six seven eight nine ten", budget=20, windows=2)
    'one two\\nnine ten'
    """
    if len(text) <= budget:
        return text
    size = budget // windows
    step = (len(text) - size) / max(windows - 1, 1)
    pieces = []
    for i in range(windows):
        start = int(i * step)
        stop = start + size
        if start:  # begin and end on word boundaries
            space = text.find(" ", start, stop)
            start = space + 1 if space >= 0 else start
        if stop < len(text):
            space = text.rfind(" ", start, stop)
            stop = space if space > start else stop
        pieces.append(text[start:stop].strip())
    return "\n".join(p for p in pieces if p)


def _letters(text: str, limit: int) -> int:
    count = 0
    for ch in text:
        if ch.isalpha():
            count += 1
            if count >= limit:
                break
    return count


def _detect(text: str, trials: int = TRIALS) -> tuple[str, float]:
    factory = _load()
    detector = _Detector(factory)
    detector.n_trial = trials
    detector.append(text)
    try:
        ranked: list[Any] = detector.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    if not ranked:
        return "und", 0.0
    best = ranked[0]
    return _CODES.get(best.lang, best.lang), round(float(best.prob), 4)


def detect_language(text: str, budget: int | None = SAMPLE_CHARS, trials: int = TRIALS) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, probability)`` for ``text``; ``("und", 0.0)`` if unknowable.

    Deterministic: the same text gives the same answer in any order, thread or process.
    ``budget`` caps the characters examined (sampled across the text); ``None`` reads it all.
    ``trials`` is langdetect's number of random trials (its own default is 7).

    >>> detect_language("The quick brown fox jumps over the lazy dog and runs away.")[0]
    'en'
    >>> detect_language("Der schnelle braune Fuchs springt über den faulen Hund.")[0]
    'de'
    >>> detect_language("1234 5678")
    ('und', 0.0)
    """
    text = _URL.sub(" ", text) if ("://" in text or "@" in text or "www." in text) else text
    if _letters(text, MIN_LETTERS) < MIN_LETTERS:
        return "und", 0.0
    if budget is not None:
        text = sample_text(text, budget)
    return _detect(text, trials)


_BEST: dict[str, str] = {}  # n-gram -> the language whose profile gives it the highest probability


def _clearly(text: str, language: str) -> bool:
    """Whether the n-grams of ``text`` vote clearly for ``language``: a cheap gate before a full detection.

    Each bigram and trigram votes for the language whose profile gives it the highest
    probability; ``language`` must win with 1.5 times the votes of the runner-up.  On the UDHR
    paragraphs of ../shared (836, 50 languages; 200-character samples) this passed 684
    paragraphs for their own language and 5 for a close neighbour (Bulgarian as Macedonian,
    Norwegian as Danish); a ratio of 2 passed 554 and none wrongly, but leaves twice as many
    paragraphs to the full detection.
    """
    factory = _load()
    detector = _Detector(factory)
    detector.append(sample_text(text, PARAGRAPH_GATE_CHARS))
    detector.cleaning_text()
    best, langs, table = _BEST, factory.langlist, factory.word_lang_prob_map
    votes: dict[str, int] = {}
    for gram in detector._extract_ngrams():
        if len(gram) < 2:
            continue
        top = best.get(gram)
        if top is None:
            row = table[gram]
            top = best[gram] = langs[max(range(len(row)), key=row.__getitem__)]
        code = _CODES.get(top, top)
        votes[code] = votes.get(code, 0) + 1
    own = votes.pop(language, 0)
    return own > 0 and own >= PARAGRAPH_GATE * max(votes.values(), default=0)


def paragraph_languages(paragraphs: list[str], language: str) -> list[dict[str, Any]]:
    """Paragraphs long enough to judge whose language confidently differs from ``language``.

    Returns ``{"paragraph": index, "language": code, "score": probability}`` entries.

    >>> paragraph_languages(["El gobierno anunció ayer que la nueva ley entrará en vigor el "
    ...     "próximo mes de enero, después de meses de negociaciones con los sindicatos y las "
    ...     "asociaciones de empresarios del país. Los críticos dicen que llega demasiado tarde."],
    ...     "en")[0]["language"]
    'es'
    """
    if language == "und":
        return []
    out: list[dict[str, Any]] = []
    checked = 0
    for index, para in enumerate(paragraphs):
        if len(para) < PARAGRAPH_MIN_CHARS or _letters(para, len(para)) < PARAGRAPH_MIN_LETTERS * len(para):
            continue  # too short, or mostly digits, symbols and code: nothing to judge
        checked += 1
        if checked > PARAGRAPH_MAX:
            break
        if _clearly(para, language):
            continue  # clearly written in the document's language: no need for a full detection
        lang, score = detect_language(para)
        if lang not in ("und", language) and score >= PARAGRAPH_MIN_SCORE:
            out.append({"paragraph": index, "language": lang, "score": score})
    return out


class DetectLanguage(Stage):
    """Set ``doc.language`` and ``doc.language_score`` from the body text."""

    name = "language"

    def process(self, doc: Document) -> None:
        doc.language, doc.language_score = detect_language("\n".join(doc.lines))
