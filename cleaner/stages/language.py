"""Stage 6: which language the article is in (langdetect, seeded, on a sample of the text).

langdetect is randomised: each detection draws n-grams at random.  Here every detector is
seeded with the same constant, so an answer depends only on the text, never on call order,
threads or processes.  The profiles are loaded once, in sorted order (``os.listdir`` order
differs between file systems), under a lock.

Speed: langdetect's cost grows with the text (it walks every character in Python) and with
its random trials.  :func:`sample_text` keeps a few windows spread across the article (not
just its head) up to :data:`SAMPLE_CHARS`; ``bench/language.py`` measured how much text that
needs to stay as accurate as the full text.  :class:`_Detector` computes langdetect's own
per-character work with memoised lookups, and runs its random trials on numpy arrays: the
same n-grams in the same order and the same floating-point operations, so the same answers,
only faster (tests compare the probability vectors with stock langdetect's).

Paragraph languages (:func:`paragraph_languages`) cost more than the document's language, as
an article has many paragraphs.  Two shortcuts keep their answers: the cheap gate
(:func:`_clearly`) sums cached per-word votes instead of reading every character, and a
paragraph that fails it is detected with trials that stop after the first when that one
already rules out a confident other language (:data:`_FIRST_TRIAL_FLOOR`).
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

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
MAX_TEXT = 10_000  # langdetect's default max_text_length
PIECE_CACHE = 20_000  # words whose n-grams and votes are kept, least recently used out (a few MB)
_CODES = {"zh-cn": "zh", "zh-tw": "zh"}


_LATIN = re.compile("[A-z]")  # langdetect's Latin test ("A" <= ch <= "z", so [ \\ ] ^ _ ` too)
# langdetect counts as non-Latin every character from U+0300 on: it means to spare the Latin Extended
# Additional block but compares the block number with its name, so the exception never applies.
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")


class _NormalTable(dict[int, str]):
    """A ``str.translate`` table: character code -> langdetect's normalised character, filled on demand."""

    def __missing__(self, code: int) -> str:
        value = self[code] = NGram.normalize(chr(code))
        return value


_NORMAL_TABLE = _NormalTable()


def _script_counts(text: str) -> tuple[int, int]:
    """langdetect's ``(Latin, non-Latin)`` character counts for its cleaning step.

    >>> _script_counts("Tiếng Việt, Москва")
    (7, 8)
    """
    return len(_LATIN.findall(text)), len(_NON_LATIN.findall(text))


@lru_cache(maxsize=PIECE_CACHE)
def _piece_grams(piece: str) -> tuple[str, ...]:
    """langdetect's n-grams (1 to 3 characters, those it has profiles for) of one normalised piece, in its order.

    A piece is a word and the space after it.  langdetect's reader starts from a space, so
    the n-grams ending at each character are that
    character and the two and three characters up to it; a character that follows a
    capital while being one itself adds none (langdetect skips the inside of acronyms).
    Cached: words recur.

    >>> _piece_grams("ab ")
    ('a', ' a', 'b', 'ab', ' ab', 'b ', 'ab ')
    """
    known = _known()
    padded = " " + piece
    out = []
    for i in range(1, len(padded)):
        ch = padded[i]
        if ch.isupper() and padded[i - 1].isupper():
            continue
        if ch != " " and (one := known.get(ch)) is not None:
            out.append(one)
        if (two := known.get(padded[i - 1 : i + 1])) is not None:
            out.append(two)
        if i >= 2 and (three := known.get(padded[i - 2 : i + 1])) is not None:
            out.append(three)
    return tuple(out)


@cache
def _known() -> dict[str, str]:
    """Each n-gram langdetect has a profile for, mapped to itself: cached n-grams share these strings."""
    return {gram: gram for gram in _load().word_lang_prob_map}


def _ngrams(text: str) -> list[str]:
    """langdetect's n-grams of ``text``, in its order, piece by piece from the cache.

    Its reader starts afresh after each space and normalisation may come first
    (see :func:`_words`), so the n-grams of the text are those of its pieces, in order.
    """
    out: list[str] = []
    for piece in _words(text):
        out.extend(_piece_grams(piece))
    return out


def _pieces(text: str) -> list[str]:
    """``text`` cut after each space: langdetect's n-gram reader starts afresh there (:func:`_ngrams`).

    >>> _pieces("ab  cd e")
    ['ab ', 'cd ', 'e']
    """
    words = text.split(" ")
    last = words.pop()
    pieces = [w + " " for w in words if w]
    if last:
        pieces.append(last)
    return pieces


def _appended(text: str, limit: int) -> str:
    """What langdetect's ``Detector.append`` adds for ``text``: no URLs or e-mail addresses, one space per gap."""
    text = Detector.URL_RE.sub(" ", text)
    text = Detector.MAIL_RE.sub(" ", text)
    return _SPACES.sub(" ", NGram.normalize_vi(text)[:limit])


def _cleaned(text: str) -> str:
    """langdetect's ``cleaning_text``: the Latin letters go when other scripts outnumber them two to one."""
    if not _NON_LATIN.search(text):  # the common case: the Latin count cannot matter
        return text
    latin_count, non_latin_count = _script_counts(text)
    if latin_count * 2 < non_latin_count:
        return "".join(ch for ch in text if ch < "A" or ch > "z")
    return text


def _words(text: str) -> list[str]:
    """``text`` normalised as langdetect does and cut after each space, where its n-gram reader starts afresh.

    The normalisation is per character and idempotent, so it may come first: it turns punctuation
    into spaces, and the pieces are bare words, which recur (a good use of the vote cache).

    >>> _words("Ab, cd  e")
    ['Ab ', 'cd ', 'e']
    """
    return _pieces(text.translate(_NORMAL_TABLE))


class _Detector(Detector):  # type: ignore[misc]
    """langdetect's detector with its per-character work memoised, and trials that can stop early.

    ``append``, ``cleaning_text`` and ``_extract_ngrams`` below compute exactly what
    langdetect's own methods compute (same text, same n-grams, same order) but look each
    character's normalisation and Unicode block up once, instead of on every occurrence.
    :meth:`trials` is langdetect's ``_detect_block`` loop (same random draws, same sums), with
    a way to give up after the first trial.
    """

    def append(self, text: str) -> None:
        self.text += _appended(text, self.max_text_length)

    def cleaning_text(self) -> None:
        self.text = _cleaned(self.text)

    def _extract_ngrams(self) -> list[str]:
        return _ngrams(self.text)  # the n-grams of _load()'s profiles, which every _Detector here is built from

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self.trials(ngrams)

    def trials(self, ngrams: list[str], go_on: Callable[[list[float]], bool] | None = None) -> bool:
        """Run the random trials into ``self.langprob``; False if ``go_on`` stopped them after the first.

        langdetect's loop (same draws, same order of operations): each drawn n-gram multiplies
        every language's probability by ``weight + p(n-gram | language)``, and every fifth
        draw normalises by langdetect's own ``sum`` and tests convergence.  The vectors are
        numpy arrays: element-wise IEEE products and quotients, so the very same floats,
        without a Python loop over the 55 languages.

        ``go_on`` sees the first trial's probabilities; when it says no, the other trials are
        not run and ``self.langprob`` stays unset.
        """
        size = len(self.langlist)
        langprob = [0.0] * size
        self.random.seed(self.seed)
        for trial in range(self.n_trial):
            prob = np.array(self._init_probability())
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            i = 0
            while True:
                prob *= weight + _row(self.random.choice(ngrams))
                if i % 5 == 0:
                    prob /= sum(prob.tolist())
                    if max(0.0, *prob.tolist()) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            values = prob.tolist()
            if trial == 0 and go_on is not None and not go_on(values):
                return False
            for j in range(size):
                langprob[j] += values[j] / self.n_trial
        self.langprob = langprob
        return True


_ROWS: dict[str, Any] = {}  # n-gram -> its profile row as a numpy array
_ROWS_MAX = 20_000  # rows kept (about 12 MB at most); a full cache is emptied


def _row(gram: str) -> Any:
    """The probabilities of ``gram`` in every language, as a numpy array (cached)."""
    row = _ROWS.get(gram)
    if row is None:
        if len(_ROWS) >= _ROWS_MAX:
            _ROWS.clear()
        row = _ROWS[gram] = np.array(_load().word_lang_prob_map[gram])
    return row


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
    """Letters in ``text``, counted up to ``limit``.

    >>> _letters("a1b2c3", 2), _letters("a1b2c3", 10)
    (2, 3)
    """
    if limit >= len(text):
        return sum(map(str.isalpha, text))
    count = 0
    for ch in text:
        if ch.isalpha():
            count += 1
            if count >= limit:
                break
    return count


def _detect(text: str, trials: int = TRIALS, go_on: Callable[[list[float]], bool] | None = None) -> tuple[str, float]:
    """langdetect's answer for ``text``; ``("", 0.0)`` when ``go_on`` stopped the trials after the first."""
    factory = _load()
    detector = _Detector(factory)
    detector.n_trial = trials
    detector.append(text)
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    if not ngrams:
        return "und", 0.0
    if not detector.trials(ngrams, go_on):
        return "", 0.0
    ranked: list[Any] = detector._sort_probability(detector.langprob)
    if not ranked:
        return "und", 0.0
    best = ranked[0]
    return _CODES.get(best.lang, best.lang), round(float(best.prob), 4)


def _prepare(text: str, budget: int | None) -> str | None:
    """The text langdetect is given: URLs and addresses out, sampled to ``budget``; None if too few letters."""
    text = _URL.sub(" ", text) if ("://" in text or "@" in text or "www." in text) else text
    if _letters(text, MIN_LETTERS) < MIN_LETTERS:
        return None
    return sample_text(text, budget) if budget is not None else text


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
    prepared = _prepare(text, budget)
    return ("und", 0.0) if prepared is None else _detect(prepared, trials)


# A paragraph is flagged only if its top language averages PARAGRAPH_MIN_SCORE over TRIALS trials, each at most
# 1, so its first trial gives that language at least this much (less a margin for the 4-digit rounding).
_FIRST_TRIAL_FLOOR = TRIALS * PARAGRAPH_MIN_SCORE - (TRIALS - 1) - 0.001


def _best_language(gram: str) -> str:
    """The language (ISO code) whose profile gives ``gram`` its highest probability (kept by :data:`_VOTE_MARKS`)."""
    factory = _load()
    row = factory.word_lang_prob_map[gram]
    best = factory.langlist[max(range(len(row)), key=row.__getitem__)]
    return _CODES.get(best, best)


@cache
def _marks() -> tuple[dict[str, str], dict[str, str]]:
    """Language code -> the character standing for a vote for it, and back (a string of marks is a list of votes)."""
    codes = sorted({_CODES.get(lang, lang) for lang in _load().langlist})
    marks = {code: chr(0x4E00 + i) for i, code in enumerate(codes)}
    return marks, {mark: code for code, mark in marks.items()}


class _VoteMarks(dict[str, str]):
    """n-gram -> the mark of the language it votes for (:func:`_best_language`); "" for no vote.

    Single characters and n-grams without a profile do not vote.  Filled on demand; the
    n-grams without a profile are unbounded in number, so a full table starts afresh.
    """

    def __missing__(self, gram: str) -> str:
        if len(self) >= VOTE_MARKS_MAX:
            self.clear()
        known = len(gram) > 1 and gram in _load().word_lang_prob_map
        value = self[gram] = _marks()[0][_best_language(gram)] if known else ""
        return value


VOTE_MARKS_MAX = 200_000  # n-grams whose vote is kept (about 20 MB at most)
_VOTE_MARKS = _VoteMarks()


@lru_cache(maxsize=PIECE_CACHE)
def _piece_votes(piece: str) -> str:
    """The votes of the bigrams and trigrams of one piece of text, one mark each (cached: words recur).

    Only how many votes each language gets matters, not their order, so the n-grams are
    read off the piece directly: every two and three characters, counting the space the
    reader starts from.  A piece with two capitals in a row takes the reader's own path,
    which skips the n-grams ending inside an acronym.

    >>> sorted(_piece_votes("News ")) == sorted("".join(map(_VOTE_MARKS.__getitem__, _piece_grams("News "))))
    True
    """
    if not piece.islower() and sum(map(str.isupper, piece)) > 1:
        return "".join(map(_VOTE_MARKS.__getitem__, _piece_grams(piece)))
    padded = " " + piece
    grams = [padded[i : i + 2] for i in range(len(padded) - 1)]
    grams += [padded[i : i + 3] for i in range(len(padded) - 2)]
    return "".join(map(_VOTE_MARKS.__getitem__, grams))


def _votes(text: str) -> dict[str, int]:
    """How many of the bigrams and trigrams of ``text`` (as langdetect cleans it) each language wins.

    >>> votes = _votes("the quick brown fox jumps over the lazy dog")
    >>> max(votes, key=votes.get)
    'en'
    """
    marks = "".join(map(_piece_votes, _words(_cleaned(_appended(text, MAX_TEXT)))))
    codes = _marks()[1]
    return {codes[mark]: count for mark, count in Counter(marks).items()}


def _clearly(text: str, language: str) -> bool:
    """Whether the n-grams of ``text`` vote clearly for ``language``: a cheap gate before a full detection.

    Each bigram and trigram votes for the language whose profile gives it the highest
    probability; ``language`` must win with 1.5 times the votes of the runner-up.  On the UDHR
    paragraphs of ../shared (836, 50 languages; 200-character samples) this passed 684
    paragraphs for their own language and 5 for a close neighbour (Bulgarian as Macedonian,
    Norwegian as Danish); a ratio of 2 passed 554 and none wrongly, but leaves twice as many
    paragraphs to the full detection.
    """
    votes = _votes(sample_text(text, PARAGRAPH_GATE_CHARS))
    own = votes.pop(language, 0)
    return own > 0 and own >= PARAGRAPH_GATE * max(votes.values(), default=0)


def _foreign(text: str, language: str) -> tuple[str, float] | None:
    """The language of a paragraph if it confidently differs from ``language``, else None.

    The same answer as :func:`detect_language`, but the detection stops after its first
    trial when no other language reaches :data:`_FIRST_TRIAL_FLOOR` there: the average of
    the trials could then not reach :data:`PARAGRAPH_MIN_SCORE`.
    """
    prepared = _prepare(text, SAMPLE_CHARS)
    if prepared is None:
        return None
    codes = [_CODES.get(lang, lang) for lang in _load().langlist]

    def go_on(prob: list[float]) -> bool:
        return any(p >= _FIRST_TRIAL_FLOOR and code != language for code, p in zip(codes, prob, strict=True))

    lang, score = _detect(prepared, TRIALS, go_on)
    if lang in ("", "und", language) or score < PARAGRAPH_MIN_SCORE:
        return None
    return lang, score


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
        found = _foreign(para, language)
        if found is not None:
            out.append({"paragraph": index, "language": found[0], "score": found[1]})
    return out


class DetectLanguage(Stage):
    """Set ``doc.language`` and ``doc.language_score`` from the body text."""

    name = "language"

    def process(self, doc: Document) -> None:
        doc.language, doc.language_score = detect_language("\n".join(doc.lines))
