"""Metadata inside the text: bylines, datelines and their values.

Each parser takes one line and returns what it found (names, an ISO date) or
None; the classifier removes the line and lifts the value into the document.
"""

from __future__ import annotations

import re

# A personal name: 2–4 capitalised words (initials and particles allowed).
_NAME = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\.?)"
    r"(?:\s+(?:(?:van|von|der|de|da|del|di|du|la|le|bin|al|ibn)\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*){1,3}"
)
_NAMES = rf"(?P<names>{_NAME}(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bund\b)\s*{_NAME})*)"
_AGENCY = r"(?:AP|AFP|dpa|Reuters|EFE|ANSA|Agencies|agencies|wires|Associated Press|Bloomberg|[A-Z]{2,6})"

BY = re.compile(
    rf"^\W*(?i:by|von|par|por|di|door|av|af|written by|reporting by|text|texto|testo)\s*:?\s+{_NAMES}"
    rf"(?:\s*(?:,|with|mit|avec|con|and|und|;|\|)\s*(?:the\s+)?{_AGENCY})?\s*[.,|]?\s*$"
)
# "The Associated Press’s Matthew Lee": a media organisation's possessive followed by a name.
_MEDIA = (
    r"(?:The\s+)?(?:[A-Z][\w.&-]*\s+){0,3}(?:Press|News|Agency|Times|Post|Journal|Herald|Tribune|Reuters|AFP|AP|"
    r"BBC|CNN|Bloomberg|Guardian|Telegraph|Gazette)"
)
AGENCY_CREDIT = re.compile(rf"^{_MEDIA}['’]s\s+(?P<names>{_NAME})\s*$")
# "Video editor • Name", "Reporter: Name", "Autor: Name".
ROLE_CREDIT = re.compile(
    rf"^\W*(?i:(?:video|photo|senior|chief|deputy|managing)?\s*(?:editor|reporter|correspondent|writer|producer|author|"
    rf"journalist|photographer|autor|autorin|redakteur|redakteurin|redaktion|auteur|rédacteur|autore|redattore|"
    rf"periodista|redactor))\s*[•:|·–—-]\s*{_NAMES}\s*$"
)
# A credit glued to the end of a paragraph without a space: "…dealt with.”The Associated Press’s Matthew Lee".
CREDIT_SUFFIX = re.compile(
    rf"(?<=[.!?…][\"”’»])(?P<credit>(?:{_MEDIA}['’]s\s+(?P<names>{_NAME})|By\s+(?P<names2>{_NAME})))\s*$"
    rf"|(?<=[.!?…])(?P<credit3>(?:{_MEDIA}['’]s\s+(?P<names3>{_NAME})|By\s+(?P<names4>{_NAME})))\s*$"
)


def _numbered(names: str) -> dict[str, int]:
    return {name: number for number, name in enumerate(names.split(), 1)}


# en / de / fr / es / it / nl / pt / pl month names (and common abbreviations) → number.
_MONTHS = {
    **_numbered("january february march april may june july august september october november december"),
    **_numbered("jan feb mar apr may jun jul aug sep oct nov dec"),
    **_numbered("januar februar märz april mai juni juli august september oktober november dezember"),
    **_numbered("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    **_numbered("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"),
    **_numbered("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"),
    **_numbered("januari februari maart april mei juni juli augustus september oktober november december"),
    **_numbered("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"),
    **_numbered("styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień"),
    **_numbered("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"),
    "sept": 9, "jänner": 1, "mrz": 3, "okt": 10, "dez": 12, "févr": 2, "janv": 1, "avr": 4, "juil": 7, "déc": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_DMY = re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d{2})\b")
_D_MONTH_Y = re.compile(
    rf"\b(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<mon>{_MONTH_RE})\.?\s+(?:de\s+)?(?P<y>(?:19|20)\d{{2}})\b", re.I
)
_MONTH_D_Y = re.compile(
    rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I
)

# Matched against the lower-cased line.
# A dateline: a publication marker with an optional date, or a line that is only a date (and time).
DATELINE = re.compile(
    r"^\W*(?:published|updated|last updated|posted|veröffentlicht|aktualisiert|stand|erstellt|publié|mis à jour|"
    r"publicado|publicada|actualizado|atualizado|atualizada|pubblicato|aggiornato|gepubliceerd|bijgewerkt|opublikowano|"
    r"zaktualizowano|aktualizacja)(?:\s+(?:on|am|le|el|il|op|at|em|dnia))?\b\W*"
    r"(?P<rest>.{0,60})$",
)
DATE_ONLY = re.compile(
    rf"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    rf"sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\w*\.?,?\s+)?"
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.?\s+(?:{_MONTH_RE})\.?(?:\s+\d{{4}})?|"
    rf"(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?)"
    rf"(?:,?\s*(?:um|at|à|às|a las|alle|o)?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*(?:uhr|am|pm|h))?)?\W*$",
)


def parse_date(text: str) -> str | None:
    """The first full date (day, month, year) in ``text`` as ``YYYY-MM-DD``.

    >>> parse_date("Published on 04/02/2025"), parse_date("February 4, 2025"), parse_date("4. Februar 2025")
    ('2025-02-04', '2025-02-04', '2025-02-04')
    >>> parse_date("Published on") is None
    True
    """
    for rx in (_ISO, _MONTH_D_Y, _D_MONTH_Y, _DMY):
        m = rx.search(text)
        if not m:
            continue
        month = _MONTHS.get(m.group("mon").lower()) if "mon" in rx.groupindex else int(m.group("m"))
        day, year = int(m.group("d")), int(m.group("y"))
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def split_names(names: str) -> list[str]:
    """Split "Ann Lee and Bo Chen" / "Ann Lee, Bo Chen" into names.

    >>> split_names("Ann Lee and Bo Chen, Cy Dorn")
    ['Ann Lee', 'Bo Chen', 'Cy Dorn']
    """
    parts = re.split(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", names)
    return [p.strip(" .") for p in parts if p.strip(" .")]


# The lower-case first word a BY line can start with, and the first words (or their starts) of a ROLE_CREDIT line.
BY_FIRST = frozenset(str.split("by von par por di door av af written reporting text texto testo"))
ROLE_FIRST = frozenset(
    str.split(
        """editor reporter correspondent writer producer author journalist photographer autor autorin redakteur
        redakteurin redaktion auteur rédacteur autore redattore periodista redactor"""
    )
)
ROLE_PREFIXES = ("video", "photo", "senior", "chief", "deputy", "managing")
ROLE_SEPARATORS = frozenset("•:|·–—-")


def byline(line: str, first: str | None = None) -> list[str] | None:
    """The person names of a byline or credit line, or None if the line is not one.

    >>> byline("By Rory Elliott Armstrong with AP")
    ['Rory Elliott Armstrong']
    >>> byline("The Associated Press’s Matthew Lee")
    ['Matthew Lee']
    >>> byline("Video editor • Rory Elliott Armstrong")
    ['Rory Elliott Armstrong']
    >>> byline("By the river we sat down and wept.") is None
    True

    ``first``, the line's first lower-case word when the caller has it, lets lines that cannot start a
    byline or role credit skip those patterns.
    """
    if len(line) > 120:
        return None
    possessive = "’s" in line or "'s" in line
    by = first is None or first in BY_FIRST
    role = first is None or first in ROLE_FIRST or first.startswith(ROLE_PREFIXES)
    role = role and not ROLE_SEPARATORS.isdisjoint(line)
    if not (by or possessive or role):
        return None  # most lines: none of the three forms can match
    for rx, possible in ((BY, by), (AGENCY_CREDIT, possessive), (ROLE_CREDIT, role)):
        m = rx.match(line) if possible else None
        if m:
            names = split_names(m.group("names"))
            if names and all(1 <= len(n.split()) <= 5 for n in names):
                return names
    return None


_NAME_INITIALS = frozenset(map(chr, [*range(ord("A"), ord("Z") + 1), *range(0xC0, 0xD7), *range(0xD8, 0xDF)]))


def credit_suffix(line: str) -> tuple[str, str, list[str]] | None:
    """Split a credit glued onto the end of a paragraph: ``(body, credit, names)`` or None.

    >>> credit_suffix("“And China will be dealt with.”The Associated Press’s Matthew Lee")
    ('“And China will be dealt with.”', 'The Associated Press’s Matthew Lee', ['Matthew Lee'])
    >>> credit_suffix("He met the Associated Press’s Matthew Lee.") is None
    True
    """
    if "’s" not in line and "'s" not in line and "By " not in line:
        return None  # every credit form holds a possessive or "By"
    last = line.rsplit(None, 1)[-1:]
    if not last or last[0][0] not in _NAME_INITIALS:
        return None  # the line ends with a name: its last word starts with a capital (a regex search costs more)
    m = CREDIT_SUFFIX.search(line)
    if not m:
        return None
    group = "credit" if m.group("credit") else "credit3"
    names = m.group("names") or m.group("names2") or m.group("names3") or m.group("names4")
    return line[: m.start(group)].rstrip(), m.group(group), split_names(names)


# What a DATELINE line's first lower-case word starts with; every DATE_ONLY line holds a digit.
DATELINE_FIRST = (
    "published", "updated", "last", "posted", "veröffentlicht", "aktualisiert", "stand", "erstellt", "publié", "mis",
    "publicado", "publicada", "actualizado", "atualizad", "pubblicato", "aggiornato", "gepubliceerd", "bijgewerkt",
    "opublikowano", "zaktualizowano", "aktualizacja",
)  # fmt: skip
# What the first word of a DATE_ONLY line starts with, when it is not a digit: a weekday or a month.
MONTHS = tuple(sorted(_MONTHS))
DATE_START = ("mo", "tu", "we", "th", "fr", "sa", "su", "di", "mi", "do", "so", *MONTHS)
_DIGIT = re.compile(r"\d")


def dateline(line: str, first: str | None = None) -> tuple[bool, str | None]:
    """Is ``line`` a dateline (publication marker or a bare date)? Also return its date, if complete.

    >>> dateline("Published on"), dateline("Updated: 4 February 2025 10:12"), dateline("31. Mai")
    ((True, None), (True, '2025-02-04'), (True, None))
    >>> dateline("Published on the website of the ministry, the report says so.")
    (False, None)

    ``first``, the line's first lower-case word when the caller has it, lets most lines skip both patterns.
    """
    if len(line) > 80:
        return False, None
    marker = first is None or first.startswith(DATELINE_FIRST)
    if not marker and _DIGIT.search(line) is None:
        return False, None
    line = line.lower()
    m = DATELINE.match(line) if marker else None
    if m:
        rest = m.group("rest")
        date = parse_date(rest)
        # The marker must stand alone or carry a date/time, not open a sentence.
        if date or not rest or DATE_ONLY.match(rest) or re.fullmatch(r"[\d\s.:/,-]+(?:uhr|am|pm|h)?", rest, re.I):
            return True, date
        return False, None
    if DATE_ONLY.match(line):
        return True, parse_date(line)
    return False, None
