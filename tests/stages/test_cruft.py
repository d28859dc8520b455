"""Cruft removal on hand-written scrapes: every class, in English, German, French and Spanish.

Each fixture is a small plain-text scrape: furniture lines mixed with
article paragraphs.  A test names the lines that must go (with their class)
and checks that every other line survives.
"""

from __future__ import annotations

import pytest

from cleaner.cruft import classify
from cleaner.document import Document
from cleaner.stages.cruft import RemoveCruft

EN_BODY = [
    "The city council voted on Tuesday to close the old harbour bridge for repairs, a decision that will divert "
    "thousands of commuters for at least two years.",
    "Officials said the bridge, which opened in 1932, had been inspected in the spring and that engineers had "
    "found corrosion in several of its main cables.",
    "Nevertheless, the vote was close.",
    "“We could not keep it open and look the people of this city in the eye,” the mayor said,",
    "“and we will not pretend that the ferries are enough.”",
    "What happens next",
    "The council listed three measures it would take while the bridge is closed:",
    "more ferries at peak hours;",
    "a temporary bus lane on the ring road;",
    "free parking at the two outer stations.",
    "The works are expected to start in March and the council will publish a timetable for them next week.",
]

EN_SCRAPE = [
    "Skip to main content",
    "News World Business Sport Culture Opinion Video",
    "Advertisement",
    "Council closes harbour bridge for two years",
    "By Jane Miller and Tom Okafor with Reuters",
    "Published on 12/03/2024",
    "Share this article Comments",
    EN_BODY[0],
    "Mayor announces new budget plan for the ring road works",
    EN_BODY[1],
    "Commuters wait for a bus near the harbour bridge. Photo: John Smith/Reuters",
    EN_BODY[2],
    EN_BODY[3],
    EN_BODY[4],
    "ADVERTISEMENT",
    EN_BODY[5],
    EN_BODY[6],
    EN_BODY[7],
    EN_BODY[8],
    EN_BODY[9],
    EN_BODY[10],
    "Sign up for our daily newsletter",
    "Read more",
    "Ferry operators brace for record summer season",
    "New tram line opens in the northern suburbs",
    "We use cookies to improve your experience on our website. By continuing you accept our use of cookies.",
    "Privacy Policy",
    "© 2024 Harbour Daily News. All rights reserved.",
]

EN_EXPECTED = {
    "Skip to main content": "navigation",
    "News World Business Sport Culture Opinion Video": "navigation",
    "Advertisement": "ad",
    "Council closes harbour bridge for two years": "title",
    "By Jane Miller and Tom Okafor with Reuters": "byline",
    "Published on 12/03/2024": "dateline",
    "Share this article Comments": "share",
    "Commuters wait for a bus near the harbour bridge. Photo: John Smith/Reuters": "caption",
    "ADVERTISEMENT": "ad",
    "Mayor announces new budget plan for the ring road works": "related",
    "Sign up for our daily newsletter": "newsletter",
    "Read more": "teaser",
    "Ferry operators brace for record summer season": "teaser",
    "New tram line opens in the northern suburbs": "teaser",
    "We use cookies to improve your experience on our website. By continuing you accept our use of cookies.": "consent",
    "Privacy Policy": "footer",
    "© 2024 Harbour Daily News. All rights reserved.": "caption",
}

DE_BODY = [
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Hafenbrücke für zwei Jahre zu sperren, weil bei einer "
    "Prüfung Rost an den Tragseilen gefunden wurde.",
    "Für die Pendler bedeutet das lange Umwege, denn die Fähren fahren nur zweimal in der Stunde.",
    "Trotzdem war die Abstimmung knapp.",
    "Wie es weitergeht",
    "Die Bauarbeiten sollen im März beginnen, und die Stadt will den Zeitplan in der nächsten Woche vorstellen.",
]

DE_SCRAPE = [
    "Zum Inhalt springen",
    "Startseite Politik Wirtschaft Sport Kultur Wetter",
    "Anzeige",
    "Hafenbrücke wird für zwei Jahre gesperrt",
    "Von Anna Schmidt",
    "Veröffentlicht am 12. März 2024",
    DE_BODY[0],
    "Die Hafenbrücke im Morgenlicht. Foto: dpa/Peter Müller",
    DE_BODY[1],
    DE_BODY[2],
    "Artikel teilen Drucken Kommentare",
    DE_BODY[3],
    DE_BODY[4],
    "Mehr zum Thema",
    "Neue Straßenbahnlinie im Norden eröffnet",
    "Newsletter abonnieren",
    "Impressum",
    "Datenschutz",
]

DE_EXPECTED = {
    "Zum Inhalt springen": "navigation",
    "Startseite Politik Wirtschaft Sport Kultur Wetter": "navigation",
    "Anzeige": "ad",
    "Hafenbrücke wird für zwei Jahre gesperrt": "title",
    "Von Anna Schmidt": "byline",
    "Veröffentlicht am 12. März 2024": "dateline",
    "Die Hafenbrücke im Morgenlicht. Foto: dpa/Peter Müller": "caption",
    "Artikel teilen Drucken Kommentare": "share",
    "Mehr zum Thema": "teaser",
    "Neue Straßenbahnlinie im Norden eröffnet": "teaser",
    "Newsletter abonnieren": "newsletter",
    "Impressum": "footer",
    "Datenschutz": "footer",
}

FR_BODY = [
    "Le conseil municipal a voté mardi la fermeture du vieux pont du port pour deux ans, après la découverte de "
    "traces de corrosion sur les câbles principaux.",
    "Les habitants devront prendre le bac, qui ne passe que deux fois par heure, ou faire un long détour.",
    "Le vote a pourtant été serré.",
]

FR_SCRAPE = [
    "Aller au contenu principal",
    "Publicité",
    "Le pont du port fermé pendant deux ans",
    "Par Marie Dubois",
    "Publié le 12 mars 2024 à 10:15",
    FR_BODY[0],
    "Partager Tweeter Imprimer",
    FR_BODY[1],
    FR_BODY[2],
    "Lire aussi",
    "Une nouvelle ligne de tramway ouvre au nord",
    "Mentions légales",
]

FR_EXPECTED = {
    "Aller au contenu principal": "navigation",
    "Publicité": "ad",
    "Le pont du port fermé pendant deux ans": "title",
    "Par Marie Dubois": "byline",
    "Publié le 12 mars 2024 à 10:15": "dateline",
    "Partager Tweeter Imprimer": "share",
    "Lire aussi": "teaser",
    "Une nouvelle ligne de tramway ouvre au nord": "teaser",
    "Mentions légales": "footer",
}

ES_BODY = [
    "El ayuntamiento aprobó el martes cerrar el viejo puente del puerto durante dos años, después de que una "
    "inspección encontrara corrosión en los cables principales.",
    "Los vecinos tendrán que usar el transbordador, que solo pasa dos veces por hora, o dar un largo rodeo.",
    "Sin embargo, la votación fue ajustada.",
]

ES_SCRAPE = [
    "Ir al contenido",
    "Publicidad",
    "Cierran el puente del puerto durante dos años",
    "Por Carlos Pérez",
    ES_BODY[0],
    "Compartir Facebook Twitter WhatsApp",
    ES_BODY[1],
    ES_BODY[2],
    "Lee también",
    "Abre una nueva línea de tranvía en el norte",
    "Aviso legal",
]

ES_EXPECTED = {
    "Ir al contenido": "navigation",
    "Publicidad": "ad",
    "Cierran el puente del puerto durante dos años": "title",
    "Por Carlos Pérez": "byline",
    "Compartir Facebook Twitter WhatsApp": "share",
    "Lee también": "teaser",
    "Abre una nueva línea de tranvía en el norte": "teaser",
    "Aviso legal": "footer",
}

PL_BODY = [
    "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu w porcie na dwa lata, po tym jak inspekcja "
    "wykazała korozję głównych lin.",
    "Mieszkańcy będą musieli korzystać z promu, który kursuje tylko dwa razy na godzinę, albo nadkładać drogi.",
    "Głosowanie było jednak bardzo wyrównane.",
]

PL_SCRAPE = [
    "Przejdź do treści",
    "Reklama",
    "Most w porcie zamknięty na dwa lata",
    "Autor: Anna Kowalska",
    "Opublikowano: 12 marca 2024, 10:15",
    PL_BODY[0],
    "Fot. Jan Nowak / Agencja Foto",
    "Udostępnij Facebook Twitter Drukuj",
    PL_BODY[1],
    PL_BODY[2],
    "Czytaj też",
    "Nowa linia tramwajowa rusza na północy miasta",
    "12 komentarzy",
    "Zapisz się do naszego newslettera",
    "Polityka prywatności",
]

PL_EXPECTED = {
    "Przejdź do treści": "navigation",
    "Reklama": "ad",
    "Most w porcie zamknięty na dwa lata": "title",
    "Autor: Anna Kowalska": "byline",
    "Opublikowano: 12 marca 2024, 10:15": "dateline",
    "Udostępnij Facebook Twitter Drukuj": "share",
    "Fot. Jan Nowak / Agencja Foto": "caption",
    "Czytaj też": "teaser",
    "Nowa linia tramwajowa rusza na północy miasta": "teaser",
    "12 komentarzy": "comments",
    "Zapisz się do naszego newslettera": "newsletter",
    "Polityka prywatności": "footer",
}

PT_BODY = [
    "A câmara municipal aprovou na terça-feira o fecho da velha ponte do porto durante dois anos, depois de uma "
    "inspeção ter encontrado corrosão nos cabos principais.",
    "Os moradores terão de usar o barco, que só passa duas vezes por hora, ou fazer um longo desvio.",
    "A votação, no entanto, foi muito renhida.",
]

PT_SCRAPE = [
    "Ir para o conteúdo principal",
    "Publicidade",
    "Ponte do porto fecha durante dois anos",
    "Por Ana Silva",
    "Publicado em 12 de março de 2024, às 10:15",
    PT_BODY[0],
    "Partilhar Facebook Twitter Imprimir",
    PT_BODY[1],
    PT_BODY[2],
    "Leia também",
    "Nova linha de elétrico abre no norte da cidade",
    "Deixe um comentário",
    "Assine a nossa newsletter",
    "Política de privacidade",
]

PT_EXPECTED = {
    "Ir para o conteúdo principal": "navigation",
    "Publicidade": "ad",
    "Ponte do porto fecha durante dois anos": "title",
    "Por Ana Silva": "byline",
    "Publicado em 12 de março de 2024, às 10:15": "dateline",
    "Partilhar Facebook Twitter Imprimir": "share",
    "Leia também": "teaser",
    "Nova linha de elétrico abre no norte da cidade": "teaser",
    "Deixe um comentário": "comments",
    "Assine a nossa newsletter": "newsletter",
    "Política de privacidade": "footer",
}

CASES = {
    "en": (EN_SCRAPE, EN_EXPECTED, EN_BODY),
    "de": (DE_SCRAPE, DE_EXPECTED, DE_BODY),
    "fr": (FR_SCRAPE, FR_EXPECTED, FR_BODY),
    "es": (ES_SCRAPE, ES_EXPECTED, ES_BODY),
    "pl": (PL_SCRAPE, PL_EXPECTED, PL_BODY),
    "pt": (PT_SCRAPE, PT_EXPECTED, PT_BODY),
}


def _run(lines: list[str], language: str) -> Document:
    doc = Document(raw=b"", format="text", lines=list(lines), language=language)
    RemoveCruft().process(doc)
    return doc


@pytest.mark.parametrize("language", sorted(CASES))
def test_every_cruft_class_removed_with_its_reason(language: str) -> None:
    scrape, expected, _ = CASES[language]
    doc = _run(scrape, language)
    got = {r.text: r.reason for r in doc.removed}
    for line, cls in expected.items():
        assert got.get(line) == f"cruft:{cls}", f"{line!r}: expected {cls}, got {got.get(line)}"


@pytest.mark.parametrize("language", sorted(CASES))
def test_every_body_line_kept(language: str) -> None:
    scrape, _, body = CASES[language]
    assert _run(scrape, language).lines == body


@pytest.mark.parametrize("language", sorted(CASES))
def test_language_hint_is_not_needed(language: str) -> None:
    # The stop list is chosen on the prose itself when the detector had nothing to say.
    scrape, _, body = CASES[language]
    assert _run(scrape, "und").lines == body


def test_metadata_lifted() -> None:
    doc = _run(EN_SCRAPE, "en")
    assert doc.title == "Council closes harbour bridge for two years"
    assert doc.authors == ["Jane Miller", "Tom Okafor"]
    assert doc.published == "2024-03-12"
    de = _run(DE_SCRAPE, "de")
    assert de.title == "Hafenbrücke wird für zwei Jahre gesperrt"
    assert (de.authors, de.published) == (["Anna Schmidt"], "2024-03-12")
    fr = _run(FR_SCRAPE, "fr")
    assert (fr.authors, fr.published) == (["Marie Dubois"], "2024-03-12")


def test_known_metadata_is_not_overwritten() -> None:
    doc = Document(raw=b"", format="text", lines=list(EN_SCRAPE), language="en", title="Bridge", authors=["Ed"])
    RemoveCruft().process(doc)
    assert (doc.title, doc.authors) == ("Bridge", ["Ed"])


def test_embedded_post_echo_removed_but_quote_kept() -> None:
    quote = "“We have offered our neighbours the use of the new ferry terminal for a fee,” the mayor wrote on X."
    quote2 = "“It would be cheap for them and fair for us.”"
    lines = [
        EN_BODY[0],
        quote,
        quote2,
        EN_BODY[1],
        "We have offered our neighbours the use of the new ferry terminal for a fee.",
        "It would be cheap for them… pic.twitter.com/AbCdEf123",
        "— Jane Mayor (@janemayor) March 12, 2024",
        EN_BODY[10],
    ]
    r = classify(lines, "en")
    assert r.kept == [EN_BODY[0], quote, quote2, EN_BODY[1], EN_BODY[10]]
    assert [reason for _, reason in r.removed] == ["embed", "embed", "embed"]


def test_a_post_that_is_not_an_echo_stays() -> None:
    lines = [EN_BODY[0], "The ferry timetable is finally out, and it is a mess. pic.twitter.com/AbCdEf123", EN_BODY[1]]
    assert classify(lines, "en").kept == lines


def test_caption_printed_twice() -> None:
    caption = "A ferry leaves the harbour at dawn as commuters wait on the quay."
    lines = [caption, caption + " Copyright 2024 Harbour Photo Agency. All rights reserved.", *EN_BODY[:2]]
    r = classify(lines, "en")
    assert r.kept == EN_BODY[:2]
    assert [reason for _, reason in r.removed] == ["caption", "caption"]


def test_credit_glued_to_the_last_paragraph() -> None:
    lines = [*EN_BODY[:2], "“The ferries will run all night,” she said.”The Harbour News’s Ann Lee"]
    r = classify(lines, "en")
    assert r.kept[-1] == "“The ferries will run all night,” she said.”"
    assert r.authors == ["Ann Lee"]
    assert ("The Harbour News’s Ann Lee", "byline") in r.removed


def test_repeated_paragraph_removed_once() -> None:
    r = classify([EN_BODY[0], EN_BODY[1], EN_BODY[0]], "en")
    assert r.kept == EN_BODY[:2] and r.removed == [(EN_BODY[0], "duplicate")]


def test_extracted_blocks_skip_the_region_search() -> None:
    # Blocks from the HTML extractor are already the body: a short closing line is not a footer.
    lines = [*EN_BODY[:2], "Thanks for reading"]
    assert classify(lines, "en", scrape=False).kept == lines
    assert classify(lines, "en", scrape=False, known_title="Harbour bridge").kept == lines


def test_known_title_is_not_lifted_again() -> None:
    r = classify(["Bridge closes", *EN_BODY[:2]], "en", scrape=True, known_title="Bridge closes")
    assert r.title is None and r.kept == ["Bridge closes", *EN_BODY[:2]]


def test_extracted_subheadings_are_not_related_headlines() -> None:
    lines = [EN_BODY[0], "Engineers found corrosion in the main cables", EN_BODY[1]]
    assert classify(lines, "en", scrape=False).kept == lines
    assert classify(lines, "en").kept == [EN_BODY[0], EN_BODY[1]]


def test_non_latin_prose_kept() -> None:
    ru = [
        "Городской совет во вторник проголосовал за закрытие старого моста в порту на два года из-за коррозии тросов.",
        "Жителям придётся пользоваться паромом, который ходит только два раза в час.",
    ]
    doc = _run(["Главная Новости Спорт Культура Погода Видео", "Реклама", *ru], "ru")
    assert doc.lines == ru
    assert [r.reason for r in doc.removed] == ["cruft:navigation", "cruft:ad"]


def test_short_note_kept_whole() -> None:
    lines = ["Meeting moved.", "See you at 3."]
    assert _run(lines, "en").lines == lines


def test_every_removal_has_a_class() -> None:
    doc = _run(EN_SCRAPE, "en")
    assert doc.removed and all(r.reason.startswith("cruft:") and len(r.reason) > 6 for r in doc.removed)
    assert len(doc.removed) + len(doc.lines) == len(EN_SCRAPE)


# Teaser headings and comment furniture in several languages, each between two paragraphs of an article
# (extracted blocks, so only the lines' own evidence and the context rules decide).
FURNITURE_LINES = {
    "Lea más: El Gobierno anuncia un nuevo plan de vivienda": "teaser",
    "VEA TAMBIÉN": "teaser",
    "Noticias relacionadas": "teaser",
    "Mire: El cantante suspende su gira por una lesión": "teaser",
    "Empfohlene Beiträge": "teaser",
    "Schon gelesen?": "teaser",
    "Dowiedz się więcej: Sejm przyjął nową ustawę o mediach": "teaser",
    # a teaser's headline may ask or exclaim
    "Czytaj też: Czy rząd obniży podatki w przyszłym roku?": "teaser",
    "À lire aussi » Faut-il avoir peur de la hausse des taux ?": "teaser",
    "READ MORE – Who will pay for the new bridge?": "teaser",
    "Auch lesen: Diese Städte bauen die meisten Radwege": "teaser",
    "Lesen Sie hier: Warum die Mieten weiter steigen!": "teaser",
    "Contenido relacionado": "teaser",
    # reader-support and paywall prompts
    "Support our journalism": "support",
    "If you value our work, please consider supporting us. Donate now.": "support",
    "Unterstützen Sie uns mit einer Spende!": "support",
    "Pour lire la suite, abonnez-vous": "support",
    "Hazte socio y disfruta de contenido exclusivo": "support",
    "Wesprzyj nas – każda złotówka się liczy!": "support",
    # affiliate disclosures and prompts to follow the site elsewhere
    "This post contains affiliate links. If you buy through them, we may earn a small commission.": "ad",
    "Dieser Artikel enthält Affiliate-Links: Kaufen Sie darüber ein, erhalten wir eine Provision.": "ad",
    "Cet article contient des liens affiliés.": "ad",
    "Follow us on Instagram and Facebook for more stories like this one.": "share",
    "Folgen Sie uns auf Instagram!": "share",
    "Síguenos en Twitter y en Facebook": "share",
    "View all 32 comments": "comments",
    "Load Comments": "comments",
    "Keine Kommentare": "comments",
}
# The same words inside sentences of an article stay.
FURNITURE_WORDS_IN_PROSE = [
    "Lea más libros este verano, recomendó la ministra durante la presentación del programa.",
    "Mire usted, el problema es otro, dijo el alcalde a los periodistas.",
    "Keine Kommentare wollte der Sprecher der Stadt zu den Vorwürfen abgeben, hieß es am Montag.",
    "Readers can view comments from other readers below each story, the editor explained.",
    # support words in a sentence of the article, not addressed to its reader
    "The union said it would support our members through the strike, its leader told reporters.",
    "Dona Maria said she would donate the land to the town once the school was built.",
    "Soutenez-vous cette réforme, monsieur le ministre, malgré les critiques ?",
    "Die Stadt will die Vereine unterstützen, sagte der Bürgermeister am Montag.",
    "Affiliate links are a common way for bloggers to earn money, the consumer group found in its study.",
    "The agency will receive a commission of five percent on every sale, according to the contract.",
    "Follow the river north for two miles and you will reach the old mill on the left bank.",
    "Sigue en vivo el partido, dijo el entrenador, porque el equipo juega en casa.",
    # a full stop after the separator's text makes it a sentence of the article, not a teaser
    "Read more: the council said it would publish the full report next week.",
    "Lesen Sie hier, was der Rat am Dienstag beschlossen hat, und warum die Brücke schließt.",
    "Auch lesen konnte er nach dem Unfall nur mit großer Mühe, sagte seine Frau.",
]
BEFORE = "The council met on Tuesday evening and voted to close the old harbour bridge for two years of repairs."
AFTER = "Commuters will have to take the ferry, which runs only twice an hour, or make a long detour instead."


@pytest.mark.parametrize("line", sorted(FURNITURE_LINES))
def test_teaser_and_comment_furniture_in_other_languages(line: str) -> None:
    result = classify([BEFORE, line, AFTER], scrape=False)
    assert result.removed == [(line, FURNITURE_LINES[line])]


@pytest.mark.parametrize("line", FURNITURE_WORDS_IN_PROSE)
def test_furniture_words_inside_sentences_stay(line: str) -> None:
    assert classify([BEFORE, line, AFTER], scrape=False).kept == [BEFORE, line, AFTER]
