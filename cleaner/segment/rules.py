"""Per-language knowledge for the sentence splitter: abbreviations, months, punctuation.

The lists are deliberately short and hand-written: the common abbreviations of news and
reference text.  Lower-case, without the final period; dotted forms keep their inner dots
("e.g", "u.s").
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Titles and other words that are (almost) always followed by more of the same sentence.
_EN_TITLES = [
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "prof",
    "rev",
    "hon",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "cpl",
    "maj",
    "adm",
    "cmdr",
    "gov",
    "sen",
    "rep",
    "pres",
    "supt",
    "insp",
    "det",
    "fr",
    "sr",
    "mt",
    "messrs",
    "mme",
    "mlle",
    "e.g",
    "i.e",
    "vs",
    "cf",
    "viz",
    "approx",
    "ca",
]
# Abbreviations that may end a sentence: they do only when a typical sentence start follows.
_EN_ABBREVS = [
    "jr",
    "sr",
    "st",
    "co",
    "corp",
    "inc",
    "ltd",
    "llc",
    "plc",
    "bros",
    "dept",
    "univ",
    "assn",
    "est",
    "etc",
    "al",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "ave",
    "blvd",
    "rd",
    "hwy",
    "ft",
    "yds",
    "lbs",
    "oz",
    "min",
    "max",
    "no",
    "nos",
    "vol",
    "vols",
    "fig",
    "figs",
    "p",
    "pp",
    "ch",
    "sec",
    "art",
    "ed",
    "eds",
    "para",
    "esp",
    "dist",
    "govt",
    "natl",
    "intl",
    "a.m",
    "p.m",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "ph.d",
    "m.d",
    "b.a",
    "m.a",
    "d.c",
    "n.y",
    "l.a",
    "u.s.a",
]
# Abbreviations that announce a number ("p. 55", "No. 5").
_NUMBER_ABBREVS = [
    "p",
    "pp",
    "no",
    "nos",
    "nr",
    "nº",
    "n°",
    "vol",
    "vols",
    "fig",
    "figs",
    "ch",
    "sec",
    "art",
    "page",
    "para",
    "tel",
    "s",
    "rs",
    "rp",
    "inr",
    "usd",
    "eur",
    "gbp",
    "kr",
]

_EN_STARTERS = [
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "thus",
    "so",
    "but",
    "and",
    "or",
    "yet",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
    "you",
    "his",
    "her",
    "its",
    "our",
    "their",
    "my",
    "your",
    "how",
    "what",
    "when",
    "where",
    "why",
    "who",
    "which",
    "while",
    "if",
    "although",
    "though",
    "as",
    "after",
    "before",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "however",
    "meanwhile",
    "also",
    "still",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "one",
    "two",
    "three",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "nor",
    "each",
    "every",
    "both",
    "either",
    "neither",
    "here",
    "let",
    "please",
]

_MONTHS = {
    "en": "january february march april may june july august september october november december",
    "de": "januar jänner februar märz april mai juni juli august september oktober november dezember",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "sk": "januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra "
    "január február marec apríl máj jún júl august september október november december",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}


@dataclass(frozen=True)
class Rules:
    """What the splitter needs to know about one language."""

    titles: frozenset[str] = frozenset()
    abbrevs: frozenset[str] = frozenset()
    number_abbrevs: frozenset[str] = frozenset(_NUMBER_ABBREVS)
    starters: frozenset[str] = frozenset()  # empty: any capitalised word may start a sentence
    months: frozenset[str] = frozenset()
    ordinal_dot: bool = False  # "am 12. Juni": a number with a period is an ordinal
    cased: bool = True  # the script has upper and lower case
    break_lower_after_qm: bool = False  # "?"/"!" end a sentence even before a lower-case word
    extra_terms: str = ""  # further sentence-ending marks that need a following space
    extra: dict[str, str] = field(default_factory=dict)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that often open a sentence; English ones are kept for every language because quoted
# English is common in any news text.
_STARTERS = {
    "da": "jeg du han hun den det de vi i der her så men og hvad hvordan hvor hvorfor hvem hvis når efter før en et",
    "de": "der die das den dem ich du er sie es wir ihr wie was wo warum wer aber und dann doch ein eine auch im am",
    "nl": "de het een ik jij je hij zij ze wij we u hoe wat waar waarom wie maar en dan er dit dat",
    "es": "el la los las un una yo tú él ella nosotros ellos qué cómo dónde por pero y en este esta eso",
    "it": "il lo la i gli le un una io tu lui lei noi voi loro che come dove perché ma e in questo questa",
    "fr": "le la les un une je tu il elle nous vous ils elles que comment où pourquoi mais et en ce cette",
}


_EUROPEAN_TITLES = _words("dr prof mag ing dipl hr hrn fr frl st mt nr no sig sigra sr sra srta lic ud uds mme mlle")


def _rules() -> dict[str, Rules]:
    en = Rules(
        titles=frozenset(_EN_TITLES),
        abbrevs=frozenset(_EN_ABBREVS),
        starters=frozenset(_EN_STARTERS),
        months=_words(_MONTHS["en"]),
    )
    de = Rules(
        titles=_EUROPEAN_TITLES
        | _words("z.b bzw ca vgl ggf evtl u.a d.h sog inkl zzgl abs geb gest jh med kath ev röm jun sen"),
        abbrevs=_words("usw etc str tel jan feb mär apr jun jul aug sep sept okt nov dez mio mrd gmbh co"),
        starters=frozenset(_EN_STARTERS) | _words(_STARTERS["de"]),
        months=_words(_MONTHS["de"]),
        ordinal_dot=True,
    )
    da = Rules(
        titles=_EUROPEAN_TITLES | _words("bl.a f.eks ca dvs mht jf pga inkl evt hr fr nr ang vedr skt sct"),
        starters=frozenset(_EN_STARTERS) | _words(_STARTERS["da"]),
        abbrevs=_words("osv mv etc kr jan feb mar apr jun jul aug sep okt nov dec mio mia tlf"),
        months=_words(_MONTHS["da"]),
        ordinal_dot=True,
    )
    es = Rules(
        titles=_EUROPEAN_TITLES
        | _words("sr sra srta dr dra lic ing arq ud uds d dña pág núm art ej aprox párr párrf cap ee uu sres"),
        starters=frozenset(_EN_STARTERS) | _words(_STARTERS["es"]),
        abbrevs=_words("etc cía ltda s.a ene feb mar abr may jun jul ago sep oct nov dic lun mié jue vie sáb dom min"),
    )
    fr = Rules(
        titles=_EUROPEAN_TITLES | _words("m mm mme mlle dr pr me st ste cf p.ex env art"),
        starters=frozenset(_EN_STARTERS) | _words(_STARTERS["fr"]),
        abbrevs=_words("etc ltd inc cie janv févr avr juil sept oct nov déc"),
    )
    it = Rules(
        titles=_EUROPEAN_TITLES | _words("sig sigg dott dr prof avv ing geom arch on art pag dir amm psicol es rag"),
        starters=frozenset(_EN_STARTERS) | _words(_STARTERS["it"]),
        abbrevs=_words("ecc etc gen feb mar apr mag giu lug ago set ott nov dic"),
    )
    nl = Rules(
        titles=_EUROPEAN_TITLES | _words("dhr mevr mr dr ir ing prof drs mw bijv o.a d.w.z m.b.t t.a.v ca"),
        starters=frozenset(_EN_STARTERS) | _words(_STARTERS["nl"]),
        abbrevs=_words("enz etc jan feb mrt apr jun jul aug sep okt nov dec aanw vnw"),
        months=_words(_MONTHS["nl"]),
    )
    pl = Rules(
        titles=_EUROPEAN_TITLES | _words("prof dr inż mgr hab ks płk gen np tzw m.in ok ul al pl tj"),
        abbrevs=_words("itd itp tys mln mld zł r w bałt"),
        months=_words(_MONTHS["pl"]),
        ordinal_dot=True,
    )
    sk = Rules(
        titles=_EUROPEAN_TITLES | _words("napr tzv resp atď č s.r.o a.s ing mgr phdr judr mudr doc prof p pí"),
        abbrevs=_words("atď a.s tis mil mld"),
        months=_words(_MONTHS["sk"]),
        ordinal_dot=True,
    )
    cyr = _words(
        "г гг т.е т.д т.п т.к т.н др пр им ул д стр см руб коп тыс млн млрд проф акад пл обл р-н"
        " т.б т.г б.з.б ж.ж куб кв пгт пос дер"
    )
    ru = Rules(titles=cyr, abbrevs=_words("и.т.д"), number_abbrevs=_words("№ стр с п т рис ст гл"))
    bg = Rules(titles=cyr | _words("пл бул ул т.г гр"), number_abbrevs=_words("№ стр с"))
    kk = Rules(titles=cyr, break_lower_after_qm=True)
    # Greek: ";" is the question mark; like pySBD, a period ends a sentence even before lower case
    el = Rules(titles=_words("κ κα δρ π.χ κ.λπ"), extra_terms=";", cased=False)
    hy = Rules(titles=frozenset(), extra_terms=":", cased=True)
    uncased = Rules(cased=False)
    ar = Rules(cased=False, titles=_words("د م ص"), extra_terms=":")
    table = {
        "en": en,
        "de": de,
        "da": da,
        "es": es,
        "fr": fr,
        "it": it,
        "nl": nl,
        "pl": pl,
        "sk": sk,
        "ru": ru,
        "bg": bg,
        "kk": kk,
        "el": el,
        "hy": hy,
        "ar": ar,
    }
    for code in ("fa", "ur", "hi", "mr", "am", "my", "zh", "ja", "ko", "th", "he", "bn", "ta", "te"):
        table.setdefault(code, uncased)
    return table


RULES = _rules()
DEFAULT = Rules(
    titles=frozenset(_EN_TITLES) | _EUROPEAN_TITLES,
    abbrevs=frozenset(_EN_ABBREVS),
)


def rules_for(language: str) -> Rules:
    """The rules of ``language`` (ISO 639-1, region ignored); a generic Latin-script set otherwise.

    >>> rules_for("en-GB") is rules_for("en")
    True
    """
    return RULES.get(language.lower().split("-")[0].split("_")[0], DEFAULT)
