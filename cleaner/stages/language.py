"""Stage 6: which language the article is in (langdetect, seeded).

langdetect is randomised; seeding its factory once makes every answer
repeatable.  ``und`` (undetermined) with score 0 when there is nothing to
go on.
"""

from __future__ import annotations

import threading

from langdetect import DetectorFactory, detect_langs
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException

from cleaner.document import Document
from cleaner.stages.base import Stage

SEED = 0
MAX_CHARS = 2000
_lock = threading.Lock()
_loaded = False


def _ensure_profiles() -> None:
    global _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                DetectorFactory.seed = SEED
                init_factory()
                _loaded = True


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, probability)`` for ``text``; ``("und", 0.0)`` if unknowable.

    >>> detect_language("The quick brown fox jumps over the lazy dog and runs away.")[0]
    'en'
    >>> detect_language("1234 5678")
    ('und', 0.0)
    """
    if not any(ch.isalpha() for ch in text):
        return "und", 0.0
    _ensure_profiles()
    try:
        best = detect_langs(text[:MAX_CHARS])[0]
    except (LangDetectException, IndexError):
        return "und", 0.0
    lang = best.lang.split("-")[0] if best.lang not in {"zh-cn", "zh-tw"} else "zh"
    return lang, round(best.prob, 4)


class DetectLanguage(Stage):
    """Set ``doc.language`` and ``doc.language_score`` from the body text."""

    name = "language"

    def process(self, doc: Document) -> None:
        doc.language, doc.language_score = detect_language("\n".join(doc.lines))
