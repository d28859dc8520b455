"""A rule-based sentence splitter that is linear in the text and keeps exact offsets.

How it works: a regular expression finds every candidate end (a run of ``.!?…`` followed by
closing quotes or brackets and then a space, or a mark such as ``。`` or ``।`` that needs no
space); one small function decides each candidate from the word before it and the word after
it, using the language's :class:`~cleaner.segment.rules.Rules`.  Line breaks always end a
sentence (headings, list items and scraped lines carry no final punctuation).  Enumerations
("1) … 2) …", "a. … b. …", bullets) start a new sentence at each marker.

Each decision looks at a bounded window, so the cost is linear in the text: there is no
backtracking over the paragraph, unlike splitters that rewrite the whole text per rule.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from cleaner.segment.rules import Rules, rules_for

OPENERS = "\"'“‘«‹([{¿¡„‚「『（【《〈"
CLOSERS = "\"'”’»›)]}」』）】》〉“"  # “ closes German and Slovak quotes („…“)
_CLOSE_SET = frozenset(CLOSERS)
_OPEN_CJK = "「『（【《〈"
_CLOSE_CJK = "」』）】》〉"
# Marks that end a sentence without needing a space after them.
NOSPACE_TERMS = "。！？｡．।॥۔؟։።፧፨။"
BULLETS = "•⁃◦▪‣●■►"
DASHES = frozenset(["-", "–", "—", "--", "---"])
# How far back a decision may look (quotes and brackets still open): keeps the cost linear.
WINDOW = 1000
# How far ahead the next word is read (a run without spaces, as in Chinese, is cut here).
WORD = 48

_NEWLINE = re.compile(r"\r\n?|[\n\u2028\u2029]")
_LF = re.compile("\n")
_BULLET = re.compile(rf"[{BULLETS}]")
_MARKER_ONLY = re.compile(rf"[{BULLETS}\s]*(?:\d{{1,3}}|[A-Za-z]|[ivxIVX]{{1,4}})")
_TIMES = frozenset(["a.m", "p.m"])
_ROMAN = re.compile(r"[IVXLC]{1,6}")
_DOTTED = re.compile(r"(?:\w{1,4}\.)+\w{1,4}")


@lru_cache(maxsize=64)
def _candidates(extra_terms: str) -> re.Pattern[str]:
    # one leading character class keeps the scan fast; the rest is decided in Python
    close = re.escape(CLOSERS)
    terms = re.escape(".!?…‼⁇⁈⁉" + extra_terms + NOSPACE_TERMS)
    return re.compile(rf"[{terms}]+[{close}]*")


@lru_cache(maxsize=512)
def _predecessor(marker: str) -> re.Pattern[str]:
    """Finds the enumeration marker before ``marker`` ("2" -> "1.", "b" -> "a.")."""
    prev = str(int(marker) - 1) if marker.isdigit() else chr(ord(marker) - 1)
    return re.compile(rf"(?<![^\s{BULLETS}]){re.escape(prev)}\.(?=[\s)])")


def _first_letter(word: str) -> str:
    for ch in word:
        if ch not in OPENERS:
            return ch
    return ""


def _paren_breaks(text: str, line_ends: list[int]) -> list[int]:
    """Offsets of "2)" or "b)" markers whose predecessor ("1)", "a)") is earlier on the same line."""
    out: list[int] = []
    last: dict[str, int] = {}  # marker -> index of its line
    size = len(text)
    p = text.find(")")
    while p >= 0:
        q = p - 1 if p and text[p - 1] == "." else p  # "1.)"
        i = q
        while i > 0 and q - i < 2 and text[i - 1].isdigit():
            i -= 1
        if i == q and i > 0 and "a" <= text[i - 1] <= "z":
            i -= 1
        starts = i == 0 or text[i - 1].isspace() or text[i - 1] in BULLETS
        if i < q and starts and (p + 1 >= size or text[p + 1].isspace()):
            marker = text[i:q]
            line = bisect_left(line_ends, i)
            prev = str(int(marker) - 1) if marker.isdigit() else chr(ord(marker) - 1)
            if last.get(prev) == line:
                out.append(i)
            last[marker] = line
        p = text.find(")", p + 1)
    return out


class _Splitter:
    __slots__ = ("pattern", "rules")

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.pattern = _candidates(rules.extra_terms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        size = len(text)
        # hard breaks (line ends) and list items, in text order: (offset, 1) ends a line,
        # (offset, 0) starts an item
        if "\r" in text or "\u2028" in text or "\u2029" in text:
            events = [(m.start(), 1) for m in _NEWLINE.finditer(text)]
        else:
            events = [(m.start(), 1) for m in _LF.finditer(text)]
        extra: list[int] = []
        if ")" in text:
            extra += _paren_breaks(text, [pos for pos, _ in events])
        if any(b in text for b in BULLETS):
            extra += [m.start() for m in _BULLET.finditer(text) if m.start() and text[m.start() - 1].isspace()]
        if extra:
            events += [(pos, 0) for pos in extra]
            events.sort()
        events.append((size, 1))
        ei = 0
        sent = 0
        skip = 0
        decide = self._decide
        for m in self.pattern.finditer(text):
            tstart, stop = m.span()
            if tstart < skip:
                continue
            while events[ei][0] < tstart:
                pos, hard = events[ei]
                if pos > sent or hard:
                    _emit(text, sent, pos, out)
                    sent = max(sent, pos + hard)
                ei += 1
            if tstart < sent:
                continue
            k = ei
            while not events[k][1]:
                k += 1
            end = events[k][0]  # the line's end bounds every look-ahead
            token = m.group()
            if stop < end and not text[stop].isspace():
                if (token == "." and text[stop] == " ") or token[0] in NOSPACE_TERMS:
                    pass
                elif token == "." and text[stop].isalpha():
                    # a period glued to the next word: a missing space ("end.Next") or a name ("Node.js")
                    if _glued_end(text, tstart, end):
                        _emit(text, sent, stop, out)
                        sent = stop
                    continue
                else:
                    continue  # "3.5", "U.S.A", "e-mail.com", "...see"
            if token == "." and text.startswith(" .", stop):
                # a spaced ellipsis ". . ." (maybe with a fourth period)
                j = stop
                while text.startswith(" .", j) and j < end:
                    j += 2
                if j - stop >= 4:
                    while j < end and text[j] in _CLOSE_SET:
                        j += 1
                    if j < end and not text[j].isspace():
                        skip = j
                        continue
                    token, stop, skip = text[tstart:j], j, j
            elif stop < end and not text[stop].isspace() and token[0] not in NOSPACE_TERMS:
                continue
            cut = decide(text, token, tstart, stop, sent, end)
            if cut > sent:
                _emit(text, sent, cut, out)
                sent = cut
        for pos, hard in events[ei:]:
            if pos > sent or hard:
                _emit(text, sent, pos, out)
                sent = max(sent, pos + hard)
        return out

    def _decide(self, text: str, token: str, tstart: int, stop: int, sent: int, end: int) -> int:
        """Where the sentence ends for the candidate ``token`` (its end, or earlier), or -1 for no end."""
        rules = self.rules
        term = token.rstrip(CLOSERS)
        closed = len(term) < len(token)
        j = stop
        while j < end and text[j].isspace():
            j += 1
        if j >= end:
            return stop
        k, stop_word = j, min(end, j + WORD)
        while k < stop_word and not text[k].isspace():
            k += 1
        nxt = text[j:k]
        dashed = nxt in DASHES
        if dashed:  # "bar? — деді": the dash continues the sentence when lower case follows
            j = k
            while j < end and text[j].isspace():
                j += 1
            k, stop_word = j, min(end, j + WORD)
            while k < stop_word and not text[k].isspace():
                k += 1
            nxt = text[j:k] or nxt
        first = _first_letter(nxt)
        lower = rules.cased and first.islower()
        if first == "№":
            return -1  # "2012 жыл. № 70": a number reference continues the sentence

        if term[0] in NOSPACE_TERMS:
            before = text[max(sent, tstart - WINDOW) : stop]
            opened = sum(before.count(c) for c in _OPEN_CJK) - sum(before.count(c) for c in _CLOSE_CJK)
            return -1 if opened > 0 else stop
        if "?" in term or "!" in term or "‼" in term:
            if lower and (dashed or not rules.break_lower_after_qm):
                return -1
            return stop
        if term[0] in rules.extra_terms:
            return stop
        if term == ".":
            marker = _new_item(text, tstart, sent)
            if marker >= 0:
                return marker
        if tstart > 0 and text[tstart - 1] in "[(":
            return -1  # "[...]": an omission mark, not an end
        if lower:
            return -1
        if _inside_quote(text, max(sent, tstart - WINDOW), stop):
            return -1
        if " " in term:  # spaced ellipsis ". . ."
            dots = term.count(".")
            if text[tstart - 1].isspace():
                return stop if dots >= 4 else -1
            return tstart + 1  # "word. . . . Next": the sentence ends at the word, the rest opens the next
        if len(term) > 1 or term == "…":
            return stop
        # a single period
        low_bound = max(sent, tstart - WORD)
        ws = max(
            text.rfind(" ", low_bound, tstart),
            text.rfind("\t", low_bound, tstart),
            text.rfind("\xa0", low_bound, tstart),
        )
        if ws < 0 and low_bound > sent:
            ws = low_bound - 1  # a very long "word": only its end matters
        word = text[ws + 1 if ws >= 0 else sent : tstart].lstrip(OPENERS)
        if closed:
            return -1 if _MARKER_ONLY.fullmatch(text, sent, tstart) else stop
        if not word:
            return stop
        if _MARKER_ONLY.fullmatch(text, sent, tstart):
            return -1  # "1. The first item": the marker is not a sentence
        low = word.lower()
        if "'" in low or "’" in low:  # an elided article: "l'Avv." -> "avv"
            low = low.replace("’", "'").rsplit("'", 1)[1]
        if low in rules.titles:
            return -1
        if first.isdigit() and low in rules.number_abbrevs:
            return -1
        if len(word) == 1 and word.isalpha():
            if word == "I" and rules.starters:
                prev = text[max(sent, ws - WORD) : max(ws, sent)].rstrip().rsplit(None, 1)
                if prev and prev[-1][:1].islower():
                    return stop  # "you and I." ends; "Albert I. Jones" does not
            return -1  # an initial
        if low in _TIMES and first.isupper() and self._words(text, max(sent, tstart - 80), tstart) >= 4:
            return stop  # "He left at 6 p.m. Travelers waited": a time rarely goes on with a capital
        if low in rules.abbrevs or ("." in word and _DOTTED.fullmatch(word) and not word[-1].isdigit()):
            return (
                stop
                if self._starts_sentence(nxt, first) and self._words(text, max(sent, tstart - 80), tstart) >= 4
                else -1
            )
        if rules.ordinal_dot:
            if word.isdigit() and (nxt.lower().strip(CLOSERS + ".,;:!?") in rules.months or not first.isupper()):
                return -1
            if _ROMAN.fullmatch(word):
                return -1
        return stop

    def _starts_sentence(self, nxt: str, first: str) -> bool:
        if self.rules.cased and not first.isupper():
            return False
        starters = self.rules.starters
        return not starters or nxt.strip(OPENERS + CLOSERS + ".,;:").lower() in starters

    @staticmethod
    def _words(text: str, start: int, stop: int) -> int:
        return len(text[start:stop].split())


def _new_item(text: str, tstart: int, sent: int) -> int:
    """Where a list item starts when the period at ``tstart`` closes its marker, else -1.

    "1. Buy milk 2. Call home": at "2." the item starts at "2" because "1." came before.
    """
    ws = text.rfind(" ", sent, tstart)
    if ws < sent:
        return -1
    core = text[ws + 1 : tstart].lstrip(BULLETS)
    if not ((core.isdigit() and len(core) <= 2) or (len(core) == 1 and "b" <= core <= "z")) or core == "0":
        return -1
    return ws + 1 if _predecessor(core).search(text, max(sent, tstart - WINDOW), ws + 1) else -1


def _inside_quote(text: str, start: int, stop: int) -> bool:
    """True while a „…“ or «…» quotation opened in ``text[start:stop]`` is still open."""
    part = text[start:stop]
    return part.count("„") + part.count("«") > part.count("“") + part.count("»")


def _glued_end(text: str, pos: int, end: int) -> bool:
    """Whether the period at ``pos``, with a letter right after it, still ends a sentence.

    Only between a lower-case word and a capitalised one that is not part of a name, a URL or
    an e-mail address.
    """
    before = text[pos - 3 : pos]
    if pos < 3 or not (before.isdigit() or (before.isalpha() and before.islower())):
        return False
    if not text[pos + 1].isupper():
        return False
    k, stop = pos + 1, min(end, pos + WORD)
    while k < stop and not text[k].isspace():
        if text[k] in "/@:_\\" or (text[k] == "." and k + 1 < end and not text[k + 1].isspace()):
            return False
        k += 1
    return True


def _emit(text: str, start: int, stop: int, out: list[tuple[int, int]]) -> None:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        out.append((start, stop))


@lru_cache(maxsize=64)
def _splitter(language: str) -> _Splitter:
    return _Splitter(rules_for(language))


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of each sentence in ``text``, in order.

    Sentences never cross a line break and carry no surrounding whitespace.

    >>> sentence_spans("Hi there. Dr. Who came.")
    [(0, 9), (10, 23)]
    """
    return _splitter(language or "en").spans(text)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split ``text`` into sentences; each is an exact substring of ``text``, in order.

    >>> split_sentences("Mr. Smith lives in the U.S. He works at 5 p.m. on Fridays.")
    ['Mr. Smith lives in the U.S.', 'He works at 5 p.m. on Fridays.']
    >>> split_sentences("これはペンです。それはマーカーです。", "ja")
    ['これはペンです。', 'それはマーカーです。']
    """
    return [text[a:b] for a, b in sentence_spans(text, language)]
