"""The cheap pre-checks in front of the cruft patterns must never hide a match.

Each pre-check (a literal family, a first-word test) lets a line skip a regular
expression; it is only correct if every line the expression matches passes it.
These lines match the expressions; a pre-check that dropped a needed literal
or first word fails here.  (``tests/cruft/test_gate.py`` does the same with
lines generated from the patterns themselves.)
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.cruft import classifier, classify, lift, measure, patterns
from cleaner.cruft.measure import COL
from cleaner.cruft.signals import ends_sentence, has_url, is_headline_like, words

FAMILY_LINES = {
    "skip": (patterns.SKIP, ["Skip to main content", "Go to accessibility shortcuts", "Zum Inhalt springen",
                             "Aller au contenu principal", "Saltar al contenido", "Vai al contenuto",
                             "Ir para o conteúdo", "Pular para o conteúdo principal", "Przejdź do treści",
                             "Przejdź do menu"]),
    "video": (patterns.VIDEO, ["Copy/paste the article video embed link below", "Watch the video", "Up next",
                               "Lire la vidéo", "Reproducir vídeo", "Your browser does not support it"]),
    "newsletter": (patterns.NEWSLETTER, ["Register now", "Sign up for our daily newsletter", "Newsletter abonnieren",
                                         "Abonnez-vous", "Tu correo electrónico", "Your e-mail", "Unlock this",
                                         "Assine já", "Inscreva-se", "Cadastre-se grátis", "Seu e-mail",
                                         "Zapisz się", "Subskrybuj", "Zaprenumeruj", "Twój adres e-mail"]),
    "comments": (patterns.COMMENTS, ["12 Kommentare", "Leave a reply", "Log in to comment", "Report abuse",
                                     "3 Replies", "Lascia un commento", "Required fields are marked *",
                                     "3 comentários", "Deixe um comentário", "Deixe uma resposta", "12 komentarzy",
                                     "2 komentarze", "Dodaj komentarz", "Napisz komentarz", "View all 32 comments",
                                     "Load comments", "Keine Kommentare"]),
    "support": (patterns.SUPPORT, ["Support our journalism", "Please donate", "Donate today", "Make a contribution",
                                   "Become a member", "Unterstütze uns", "Unterstützen Sie unsere Arbeit",
                                   "Jetzt spenden", "Spenden Sie hier", "Soutenez-nous", "Soutenez notre rédaction",
                                   "Faites un don", "Hazte miembro", "Apóyanos", "Apoya nuestro periodismo",
                                   "Haz una donación", "Dona ahora", "Wesprzyj nas", "Przekaż darowiznę",
                                   "Zostań patronem", "Apoie o jornalismo", "Faça uma doação", "Seja assinante",
                                   "Sostienici", "Sostieni il nostro giornalismo", "Fai una donazione",
                                   "Would you consider supporting us?", "We need your support",
                                   "Subscribe to continue reading", "To continue reading, please log in",
                                   "Pour lire la suite", "Accédez en illimité", "Abonnez-vous pour lire",
                                   "Suscríbete para seguir leyendo", "Assine para continuar", "Abbonati per leggere",
                                   "Weiterlesen mit Plus"]),
    "arrow": (patterns.ARROW_LINK, [">> Mehr Nachrichten", "Weiter lesen →", "‹ Previous", "All stories »"]),
    "breadcrumb": (patterns.BREADCRUMB, ["Home › News › World", "Start / Politik / Inland", "A | B | C"]),
}  # fmt: skip


@pytest.mark.parametrize("family", sorted(FAMILY_LINES))
def test_literal_scan_covers_every_match(family: str) -> None:
    rx, lines = FAMILY_LINES[family]
    lows = [line.lower() for line in lines]
    hits = [measure.hits(bits) for bits in measure.measure(lines, "en")[COL["literals"]].tolist()]
    for line, low, found in zip(lines, lows, hits, strict=True):
        assert found == measure.hits(measure.literal_bits(low)), line  # the core and its definition agree
        text = line if family in {"arrow", "breadcrumb"} else low
        matched = rx.match(text) if family in {"arrow", "breadcrumb"} else rx.search(text)
        assert matched, line  # the fixture line really is one of the pattern's lines
        assert family in found, line


def test_literal_scan_places_hits_on_their_own_line() -> None:
    rows = measure.measure(["the storm", "subscribe here", "", "watch the video", "calm"], "en")
    hits = [measure.hits(bits) & {"newsletter", "video"} for bits in rows[COL["literals"]].tolist()]
    assert [sorted(h) for h in hits] == [[], ["newsletter"], [], ["video"], []]


@pytest.mark.parametrize(
    "line",
    ["By Ann Lee", "Von Max Muster", "Par Jean Dupont", "Written by Ann Lee", "Video editor • Rory Elliott Armstrong",
     "Reporter: Ann Lee", "Autorin: Eva Maier", "Senior correspondent – Ann Lee"],
)  # fmt: skip
def test_byline_first_word_check_keeps_bylines(line: str) -> None:
    toks = words(line)
    assert lift.byline(line) is not None
    assert lift.byline(line, toks[0]) == lift.byline(line)


@pytest.mark.parametrize(
    "line",
    ["Published on", "Updated: 4 February 2025 10:12", "31. Mai", "Veröffentlicht am 12. März 2024",
     "Publié le 12 mars 2024 à 10:15", "Last updated 2024-03-12", "February 7, 2020", "12.03.2024"],
)  # fmt: skip
def test_dateline_prechecks_keep_datelines(line: str) -> None:
    assert lift.dateline(line)[0]
    assert lift.dateline(line, words(line)[0]) == lift.dateline(line)


@pytest.mark.parametrize(
    "line",
    ["This post contains affiliate links.", "Affiliate links on this page are marked with *.",
     "We may earn a commission from links on this page.", "We receive compensation when you click on links.",
     "As an Amazon Associate I earn from qualifying purchases.",
     "Bei den Verlinkungen handelt es sich um Affiliate Links", "Dieser Beitrag enthält Werbelinks",
     "Kaufen Sie über diese Links, erhalten wir eine Provision",
     "Cet article contient des liens affiliés", "Nous pouvons percevoir une commission",
     "Este artículo contiene enlaces de afiliados", "Podemos recibir una comisión", "Contiene link di affiliazione",
     "Artykuł zawiera linki afiliacyjne"],
)  # fmt: skip
def test_affiliate_literals_cover_every_disclosure(line: str) -> None:
    low = line.lower()
    assert patterns.AFFILIATE.search(low), line
    assert patterns.contains_any(low, patterns.AFFILIATE_LITERALS), line


@pytest.mark.parametrize(
    "line",
    ["Follow us on Twitter", "Follow The Gleaner on Instagram", "Folgen Sie uns auf Facebook", "Folge uns auf TikTok",
     "Folgt uns auf Instagram", "Suivez-nous sur X", "Síguenos en YouTube", "Sigue a El País en Telegram",
     "Seguici su Facebook", "Segui il Post su Threads", "Siga-nos no Instagram", "Obserwuj nas w Google News"],
)  # fmt: skip
def test_follow_first_word_check_keeps_follow_prompts(line: str) -> None:
    low = line.lower()
    assert patterns.FOLLOW.match(low), line
    assert words(line)[0] in patterns.FOLLOW_FIRST, line


def test_repeated_lines_are_judged_alike() -> None:
    # Repeats share one judged line object; each copy still gets its own decision.
    lines = [
        "Share this article",
        "The storm reached the coast on Monday and it was the strongest in a decade.",
        "Share this article",
        "Officials said the repairs would take at least two years to finish, he added.",
    ]
    reasons = [d.reason for d in classify(lines, "en").decisions]
    assert reasons[0] == reasons[2] == "share"
    assert reasons[1] is None and reasons[3] is None


@pytest.mark.parametrize(
    "line", ["Home › News › World", "Start / Politik / Inland", "A | B | C", "Home › News", "| a | b | c", "a // b / c"]
)
def test_breadcrumb_test_agrees_with_the_pattern(line: str) -> None:
    assert patterns.is_breadcrumb(line) == bool(patterns.BREADCRUMB.match(line))


def test_long_line_of_short_items_is_judged_at_once() -> None:
    # The pattern backtracks exponentially on this shape (seconds at ten items); the split test does not.
    line = "ab / " * 30 + "x" * 80  # 61 words: short enough for the evidence rules to look at it
    assert not patterns.is_breadcrumb(line)
    assert classify([line, "The storm reached the coast on Monday and it was the strongest in a decade."]).decisions


# Words that trigger every literal family, the first-word gates and the breadcrumb separators, with plain
# filler and sentence ends.
TRIGGER_WORDS = ["skip to", "video", "newsletter", "subscribe", "comments", "reply", ">>", "»", "›", "|", "/", "•",
                 "Home", "News", "the", "storm", "of", "2024", "said.", "more", "read more", "—", "By", "Ann", "Lee",
                 "Published", "Updated:", "12", "March", "Mon,", "Advertisement", "Anzeige:", "Follow", "us", "on",
                 "Twitter", "Category:", "cookies", "accept", "©", "Photo:", "Privacy Policy", "Impressum", "(@ann)",
                 "pic.twitter.com/abc", "affiliate", "links", "Support", "our", "journalism", "Related", "WATCH:",
                 "Loading", "Share", "Tweet", "Editor", "•", "’s", "Associated", "Press", "Events", "Events",
                 "Video editor"]  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@example([" › ".join(["world news"] * 25), "newsletter " * 20 + "video", " | ".join(["the storm"] * 13)], True)
@example(["— Ann Lee (@ann) March 12, 2024", "By Ann Lee", "12. März 2024", "Share Tweet Email"], False)
@given(st.lists(st.lists(st.sampled_from(TRIGGER_WORDS), min_size=1, max_size=95).map(" ".join), max_size=8),
       st.booleans())  # fmt: skip
def test_page_gate_never_hides_a_class(lines: list[str], scrape: bool) -> None:
    # A page runs evidence only on the lines its gate lets through, with the hits the one-pass scan found;
    # each line's class must be what evidence gives it alone, computing everything itself.
    page = classifier.measure_page(lines, "en", scrape)
    for u, text in enumerate(page.texts):
        toks = words(text)
        alone = classifier.Line(text, len(text), len(toks), 0.0, ends_sentence(text))
        first = toks[0] if toks else ""
        assert classifier.REASONS[page.cls[u]] == classifier.evidence(alone, first, page.stoplist, scrape), text


@settings(max_examples=200, deadline=None, derandomize=True)
@example(
    [
        "Storm hits the coast of Maine tonight",
        "Nevertheless, the offer was significant.",
        "Storm hits it: ",
        "See www.example.com/a for the Storm",
        "Ann (@ann) wrote",
    ]
)
@given(st.lists(st.lists(st.sampled_from(TRIGGER_WORDS), min_size=1, max_size=25).map(" ".join), max_size=8))
def test_page_shapes_agree_with_their_line_definitions(lines: list[str]) -> None:
    # The page computes a headline's shape and the URL test over all its lines at once; each line's answer
    # must be the one-line definition's.
    page = classifier.measure_page(lines, "en")
    headline = page.headline_like()
    for u, text in enumerate(page.texts):
        assert headline[u] == is_headline_like(text, len(words(text))), text
        assert page.has_url(u) == has_url(text), text
    assert page.urls().tolist() == [has_url(text) for text in page.texts]


PROSE = ["The storm reached the coast on Monday and it was the strongest in a decade, officials said.",
         "Officials said the repairs would take at least two years to finish, and that was the plan.",
         "Residents of the town said that they had never seen the water rise so fast in their lives."]  # fmt: skip
HEADLINES = ["Rubio confirmed as US secretary of state", "New bridge opens to traffic after six years",
             "See www.example.com/storm for all the Storm news", "Home News Sport Weather Culture Travel"]  # fmt: skip


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PROSE + HEADLINES + ["Advertisement", "Share this article", ""]), max_size=24),
       st.booleans())  # fmt: skip
def test_in_body_context_shortcut_decides_as_line_by_line(lines: list[str], scrape: bool) -> None:
    # Without an embedded post, _in_body_context finds duplicates and related headlines from the page's arrays;
    # its line-by-line form (which embedded posts need) is the definition.
    want = classifier.judge(lines, "en", scrape=scrape)
    by_line = classifier._in_body_context_lines
    with mock.patch.object(classifier, "_in_body_context", lambda rules, *args: by_line(rules, *args)):
        got = classifier.judge(lines, "en", scrape=scrape)
    assert got.decisions == want.decisions
