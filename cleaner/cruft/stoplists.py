"""Stop-word lists per language (jusText's lists, ~100 languages), keyed by ISO 639-1.

Stop-word density is the strongest single sign of running prose in any
language: menus, share bars and credits are mostly names and nouns.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache
from itertools import repeat

import justext
import numpy as np

# ISO 639-1 → jusText list name (only the codes that have a list).
ISO_TO_JUSTEXT: dict[str, str] = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian", "ast": "Asturian",
    "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "ceb": "Cebuano", "cv": "Chuvash", "hr": "Croatian", "cs": "Czech",
    "da": "Danish", "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati",
    "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "ig": "Igbo",
    "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh",
    "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian", "lt": "Lithuanian",
    "lmo": "Lombard", "nds": "Low_Saxon", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay",
    "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "nap": "Neapolitan", "ne": "Nepali", "new": "Newar",
    "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian",
    "pms": "Piedmontese", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian",
    "sr": "Serbian", "sh": "Serbo_Croatian", "scn": "Sicilian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish",
    "su": "Sundanese", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu",
    "tr": "Turkish", "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "war": "Waray_Waray", "cy": "Welsh", "fy": "West_Frisian",
    "pnb": "Western_Panjabi", "yo": "Yoruba",
}  # fmt: skip


@cache
def stoplist(lang: str) -> frozenset[str]:
    """The lower-case stop words of ISO language ``lang``; empty when there is no list.

    >>> "the" in stoplist("en"), "und" in stoplist("de"), len(stoplist("xx"))
    (True, True, 0)
    """
    name = ISO_TO_JUSTEXT.get(lang.split("-")[0].lower())
    if name is None:
        return frozenset()
    return frozenset(w.lower() for w in justext.get_stoplist(name))


# Codes whose list is another code's ("nb" is "no"): the word index counts that list once, under the other code.
_SAME_LIST = frozenset({"nb"})
_INDEXED = frozenset(ISO_TO_JUSTEXT) - _SAME_LIST


@lru_cache(maxsize=1)
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    # Inverted index word → languages listing it: one pass over the words instead of one per list.
    index: dict[str, list[str]] = {}
    for code in ISO_TO_JUSTEXT:
        if code in _SAME_LIST:
            continue
        for word in stoplist(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


@lru_cache(maxsize=1)
def _language_groups() -> tuple[dict[str, int], np.ndarray, tuple[str, ...]]:
    # Words listed by the same set of languages share one group number; the matrix says which
    # languages list each group (groups × languages, in ISO_TO_JUSTEXT's order).
    groups: dict[tuple[str, ...], int] = {}
    group_of = {word: groups.setdefault(codes, len(groups)) for word, codes in _languages_of_word().items()}
    languages = tuple(ISO_TO_JUSTEXT)
    column = {code: j for j, code in enumerate(languages)}
    matrix = np.zeros((len(groups), len(languages)))
    for g, codes in enumerate(groups):
        matrix[g, [column[code] for code in codes]] = 1.0
    return group_of, matrix, languages


@lru_cache(maxsize=1)
def group_index() -> dict[str, int]:
    """Every word of every stop list → 1 + its group of languages (0 stands for "in no list")."""
    return {word: group + 1 for word, group in _language_groups()[0].items()}


def hint_list(hint: str) -> frozenset[str]:
    """The stop list a hint names, when the word index holds it (empty otherwise: no shortcut for that hint)."""
    return stoplist(hint) if hint in _INDEXED else frozenset()


def hint_holds(other: float, hint: float) -> bool:
    """Does a hint with ``hint`` hits keep its list against a language with ``other``? (It wins near-ties.)

    >>> hint_holds(13, 10), hint_holds(14, 10)
    (True, False)
    """
    return other <= hint * 1.2 + 1


def best_stoplist(words: list[str], hint: str = "und") -> tuple[str, frozenset[str]]:
    """The language whose stop list covers most of ``words`` (lower case); ``hint`` wins near-ties.

    A detector that read the page's menu first can be wrong; the stop lists
    decide on the prose itself.  Returns ``("und", empty)`` when nothing matches.

    >>> best_stoplist("der die und das ist nicht ein".split(), hint="en")[0]
    'de'
    """
    return best_stoplist_of_groups(_per_group(words), hint)


def _per_group(words: list[str]) -> np.ndarray:
    """How many of ``words`` fall in each group of languages of the index."""
    group_of, matrix, _ = _language_groups()
    n_groups = len(matrix)
    counts = Counter(words)  # each distinct word's group looked up once
    ids = np.fromiter(map(group_of.get, counts, repeat(n_groups)), dtype=np.intp, count=len(counts))
    weights = np.fromiter(counts.values(), dtype=float, count=len(counts))
    return np.bincount(ids, weights=weights, minlength=n_groups + 1)[:n_groups]


def best_stoplist_of_groups(per_group: np.ndarray, hint: str = "und") -> tuple[str, frozenset[str]]:
    """:func:`best_stoplist` from how many of the words fall in each group of languages (the index's groups).

    >>> group = _language_groups()[0]
    >>> per_group = np.zeros(len(_language_groups()[1]))
    >>> for word in "der die und das ist nicht ein".split():
    ...     per_group[group[word]] += 1
    >>> best_stoplist_of_groups(per_group, hint="en")[0]
    'de'
    """
    _, matrix, languages = _language_groups()
    stops = hint_list(hint)
    present = np.flatnonzero(per_group)  # a page's words fall in a few groups: multiply only their rows
    if stops:
        # The hint's own words are the ones in its groups.  No other language can count more hits than there
        # are words in some list; when even that many would not beat the hint by the margin below, the hint
        # wins without counting the other ~100 languages.
        counts = per_group[present]
        own = (counts * matrix[present, languages.index(hint)]).sum()  # no BLAS call: its threads would spin
        if hint_holds(counts.sum(), own):
            return hint, stops
    return _count_all(per_group, hint)


def _counted(words: list[str], hint: str) -> tuple[str, frozenset[str]]:
    """:func:`best_stoplist` by counting the hits of every language (no shortcut)."""
    return _count_all(_per_group(words), hint)


def _count_all(per_group: np.ndarray, hint: str) -> tuple[str, frozenset[str]]:
    _, matrix, languages = _language_groups()
    stops = hint_list(hint)
    present = np.flatnonzero(per_group)
    # Hits per language, in ISO_TO_JUSTEXT's order: the words of each group spread to the group's languages.
    # (Sums of whole numbers: exact in any order, so no BLAS call, whose idle threads would spin.)
    hits = dict(zip(languages, (per_group[present, None] * matrix[present]).sum(axis=0).tolist(), strict=True))
    # The most hits (the first such language on a tie), unless the hint comes close enough.
    best = max(languages, key=hits.__getitem__)
    if stops and hint_holds(hits[best], hits[hint]):
        return hint, stops
    if hits[best] <= 1:  # one word in some list says nothing of the language
        return "und", frozenset()
    return best, stoplist(best)
