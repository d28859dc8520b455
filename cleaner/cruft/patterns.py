"""Per-class evidence: line shapes plus small multilingual keyword lists.

Keywords are only evidence: every rule also demands a shape (a short line,
no running sentence, or the keyword filling the whole line), so an article
sentence that merely mentions "cookies" or "sharing" stays.
"""

from __future__ import annotations

import re

from cleaner.cruft.signals import capitalised_share

_I = re.IGNORECASE
# Keyword patterns without flags are matched against the lower-cased line (``str.lower`` once per line):
# case-insensitive matching in ``re`` costs several times more.

# Whole-line slot labels: ads, loaders, sponsor tags.
AD = re.compile(
    r"^\W*(?:advertisements?|advertising|advert|ads?|anzeigen?|werbung|publicité|publicidad|pubblicità|reclame|"
    r"advertentie|reklama|реклама|sponsored(?: content)?|gesponsert|sponsorisé|patrocinado|"
    r"publicidade|anúncio|(?:materiał|artykuł) sponsorowany|"
    r"loader|loading|wird geladen|chargement|cargando|caricamento|laden|carregando|a carregar|ładowanie)\W*$",
)
# The first word of every AD and AD_DISCLOSURE line starts with one of these.
AD_FIRST = ("ad", "anzeige", "werbung", "public", "pubblicit", "reclame", "reklam", "реклама", "sponsor", "gesponsert",
            "patrocinado", "anúncio", "materiał sponsorowany", "artykuł sponsorowany", "load", "wird geladen",
            "chargement", "cargando", "caricamento", "laden", "carregando", "a carregar", "ładowanie")  # fmt: skip

# Skip links and accessibility shortcuts.
SKIP = re.compile(
    r"^\W*(?:skip|go|jump) to\b|accessibility (?:shortcuts|links|help)|^\W*(?:zum|zur|springe zum?) "
    r"(?:inhalt|hauptinhalt|navigation|menü|suche)\b|^\W*aller (?:au|à la) (?:contenu|navigation)|"
    r"^\W*(?:ir|saltar) al contenido|^\W*(?:vai|salta) al contenuto|^\W*(?:direkt )?zum inhalt springen|"
    r"^\W*(?:ir|pular|saltar) para o conteúdo|^\W*przejdź do (?:treści|głównej treści|menu|nawigacji|wyszukiwarki)\b",
)

# Words of share bars and their labels; a line made only of these (plus stop words and counts) is a share bar.
SHARE_WORDS = frozenset(
    str.split(
        """share shares shared sharing tweet retweet pin pinterest facebook twitter x linkedin whatsapp telegram reddit
    xing email e-mail mail print flipboard messenger copy copied clipboard link close button comments comment
    teilen geteilt twittern tweeten drucken kopieren kopiert schließen kommentare kommentar kommentieren link-kopieren
    partager partagez tweeter imprimer envoyer copier copié fermer commentaires commentaire
    compartir compartido compartilhar tuitear imprimir enviar copiar copiado cerrar comentarios comentario
    condividi condividere stampa copia copiato chiudi commenti commento
    delen deel afdrukken kopiëren sluiten reacties reactie
    partilhar partilhe compartilhe fechar comentários comentário
    udostępnij skopiuj kopiuj drukuj zamknij wyślij komentarze komentarz
    article artikel article artículo articolo artigo artykuł story post page seite beitrag"""
    )
)

VIDEO = re.compile(
    r"\bembed (?:link|code)\b|\bcopy to clipboard\b|\bvideo player\b|\b(?:play|watch|replay) (?:the )?video\b|"
    r"\bbrowser (?:does not|doesn't) support\b|\benable javascript\b|\bautoplay\b|\bvideo abspielen\b|"
    r"\blire la vidéo\b|\breproducir (?:el )?vídeo\b|\bguarda il video\b|\bnow playing\b|\bup next\b",
)

CREDIT = re.compile(
    r"©|\(c\) ?\d{4}|\bcopyright\b\s*(?:©|\d{4}|\W*(?-i:[A-Z]))|\ball rights reserved\b|\balle rechte vorbehalten\b|"
    r"\btous droits réservés\b|\btodos los derechos reservados\b|\btutti i diritti riservati\b|"
    r"\btodos os direitos reservados\b|\bwszelkie prawa zastrzeżone\b|^\W*fot\.\s*\S|"
    r"^\W*(?:photo|photos|foto|fotos|bild|image|picture|credit|crédit|source|quelle|fonte|źródło|zdjęcie)s?\s*(?:credit)?"
    r"\s*[:/]\s*\S|"
    r"\((?:photo|foto|bild|image)s?(?: by|:)[^)]*\)|\b(?:getty images|shutterstock|istock(?:photo)?|imago images|"
    r"picture[- ]alliance|ap photo|afp photo|reuters/|dpa/|epa/|keystone/)|"
    r"\b(?:photo|foto|bild|credit|crédit)s?\s*:\s*[^\s.!?][^.!?]{0,60}$",
    _I,
)

# Words at least one of which every CREDIT alternative contains (as ``signals.words`` tokens): a set test
# on the tokens is far cheaper than running the regex on every line.
CREDIT_WORDS = frozenset(
    str.split(
        """c copyright rights rechte droits derechos diritti photo photos foto fotos bild bilds image images picture
        pictures credit credits crédit crédits source sources quelle quelles getty shutterstock istock istockphoto
        imago alliance afp reuters dpa epa keystone direitos prawa fot fonte fontes źródło zdjęcie zdjęcia"""
    )
)


def credit_words(low: str, toks: list[str]) -> bool:
    """Could a line with these tokens be a credit? (``©`` is not a word, so it is tested apart.)

    >>> credit_words("© ann lee", ["ann", "lee"]), credit_words("the council met", ["the", "council", "met"])
    (True, False)
    """
    return "©" in low or not CREDIT_WORDS.isdisjoint(toks)


FOOTER = re.compile(
    r"\b(?:impressum|datenschutz(?:erklärung)?|privacy (?:policy|notice|settings)|terms (?:of|and) (?:use|service|"
    r"conditions)|cookie (?:policy|settings)|agb|nutzungsbedingungen|mentions légales|politique de confidentialité|"
    r"aviso legal|política de privacidad|sitemap|contact us|kontakt|about us|über uns|disclaimer|haftungsausschluss|"
    r"mediadaten|jobs|karriere|careers|barrierefreiheit|política de privacidade|termos de uso|fale conosco|quem somos|"
    r"mapa do site|polityka prywatności|regulamin|mapa strony|o nas)\b",
)

# Every FOOTER match contains one of these.
FOOTER_LITERALS = (
    "impressum", "datenschutz", "privacy ", "terms ", "cookie ", "agb", "nutzungsbedingungen", "mentions légales",
    "politique de confidentialité", "aviso legal", "política de privacidad", "sitemap", "contact us", "kontakt",
    "about us", "über uns", "disclaimer", "haftungsausschluss", "mediadaten", "jobs", "karriere", "careers",
    "barrierefreiheit", "termos de uso", "fale conosco", "quem somos", "mapa do site", "polityka prywatności",
    "regulamin", "mapa strony", "o nas",
)  # fmt: skip

COOKIE = re.compile(r"\bcookies?\b")
COOKIE_CONTEXT = re.compile(
    r"\b(?:website|webseite|site|browser|accept|akzeptieren|consent|einwilligung|zustimm|einverstanden|privacy|"
    r"datenschutz|utilis|verwend|nutz|use|usamos|utilizziamo|acepta|accetta|settings|einstellungen|utiliz|aceit|"
    r"configura|stron|akceptuj|zgod|używa|ustawie|prywatno)",
)

NEWSLETTER = re.compile(
    r"\b(?:newsletters?|subscribe|subscription|sign up|signup|abonnieren|abonniere|abonnez|abonnement|inscri|"
    r"suscr[ií]b|iscriviti|registrieren|register now|your e-?mail|ihre e-?mail|e-?mail address|e-?mail-adresse|"
    r"votre e-?mail|tu correo|la tua e-?mail|get our|unlock|assine|inscreva-se|cadastre-se|seu e-?mail|"
    r"zapisz się|subskrybuj|zaprenumeruj|twój e-?mail|twój adres e-?mail)\b",
)

COMMENTS = re.compile(
    r"^\W*\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|replies|antworten|comentários?|"
    r"komentarz(?:e|y)?)\W*$|"
    r"\b(?:leave a (?:comment|reply)|post a comment|write a comment|add a comment|comment(?:ing)? (?:is|are) closed|"
    r"log ?in to (?:comment|reply)|be the first to comment|kommentar (?:schreiben|verfassen|abgeben)|"
    r"(?:noch )?keine kommentare|(?:view|show|load|hide) (?:all )?(?:\d+ )?comments|kommentare? anzeigen|"
    r"laisser un commentaire|deja un comentario|lascia un commento|"
    r"antworten|reply|report abuse|melden|para comentar|will not be published|wird nicht veröffentlicht|"
    r"nicht veröffentlicht|required fields are marked|pflichtfelder sind mit|deixe (?:um comentário|uma resposta)|"
    r"(?:dodaj|napisz) komentarz)\b",
)

# A reader-support or paywall prompt: "Support our journalism", "Unterstütze uns", "Pour lire la suite", "Hazte
# miembro".  Imperatives count only where a sentence starts, so "the union will support our members" stays.
_SUPPORT_IMPERATIVE = (
    r"support (?:our|us|independent|quality)|donate(?: now| today| here)?|make a (?:donation|contribution)|"
    r"become a (?:member|supporter|patron|subscriber)|unterstütze|unterstützen sie (?:uns|unsere?n?)|"
    r"jetzt (?:spenden|unterstützen|mitglied werden)|spenden sie|soutenez-nous|"
    r"soutenez (?:notre|le|la) (?:journalisme|rédaction|média|travail)|faites un don|"
    r"hazte (?:miembro|socio|suscriptor|mecenas)|apóyanos|apoya (?:nuestro|a|el) (?:periodismo|trabajo|medio)|"
    r"haz (?:una|tu) donación|dona (?:ahora|hoy|aquí)|wesprzyj|przekaż darowiznę|"
    r"zostań (?:patronem|patronką|subskrybentem)|"
    r"apoie (?:o|nosso|nossa) (?:jornalismo|trabalho)|faça (?:uma|sua) doação|seja (?:membro|assinante|apoiador)|"
    r"sostienici|sostieni (?:il|la) (?:nostro |nostra )?(?:giornalismo|informazione|redazione|lavoro)|fai una donazione"
)
_SUPPORT_ANYWHERE = (
    r"consider supporting|(?:we|i) need your (?:help|support)|subscribe (?:now )?to (?:continue|keep) reading|"
    r"to (?:continue|keep) reading,? (?:please )?(?:subscribe|log in|sign in)|pour lire la suite|"
    r"accéde[rz] en illimité|"
    r"abonnez-vous pour (?:lire|continuer|accéder)|suscríbete para (?:seguir|leer|continuar)|"
    r"assine para (?:continuar|ler)|abbonati per (?:continuare|leggere)|weiterlesen mit (?:\w+ )?(?:abo|plus)"
)
SUPPORT = re.compile(rf"(?:^|[.!?:|–—]\s*)\W*(?:please )?(?:{_SUPPORT_IMPERATIVE})\b|\b(?:{_SUPPORT_ANYWHERE})\b")

# A heading that announces a teaser list ("Read more", "Mehr zum Thema", "WATCH:") — with an optional headline after it.
TEASER = re.compile(
    r"^\W*(?:read more|read also|read next|more (?:from|on|about|stories|news)|related(?: articles| stories| posts| "
    r"content| news| coverage)?|recommended(?: for you)?|you (?:may|might) also like|also read|see also|see more|"
    r"more like this|watch|"
    r"lesen sie (?:auch|mehr|hier)|auch lesen|mehr zum thema|mehr dazu|weitere artikel|weiterlesen|zum weiterlesen|"
    r"auch interessant|"
    r"das könnte (?:dich|sie) auch interessieren|das thema könnte (?:dich|sie) auch interessieren|siehe auch|"
    r"weitere (?:beiträge|meldungen|nachrichten|themen|pressemitteilungen)|kommentierte artikel|auch auf|"
    r"(?:previous|next) (?:post|article|story)|(?:vorheriger|nächster|voriger) (?:beitrag|artikel)|"
    r"lire aussi|à lire aussi|lire la suite|voir aussi|pour approfondir|sur le même sujet|dans la même rubrique|"
    r"leer más|lee también|lea también|lea más|(?:vea|ver|mira|mire) (?:también|más)|puedes ver|lea|mira|mire|"
    r"(?:te|le) puede interesar|otras noticias|más noticias|(?:notas|noticias|artículos|contenidos?) relacionad[oa]s?|"
    r"leggi anche|potrebbe interessarti|altre notizie|lees ook|meer lezen|"
    r"leia (?:também|mais)|veja (?:também|mais)|saiba mais|leia a seguir|(?:notícias|matérias) relacionadas|mais lidas|"
    r"(?:czytaj|przeczytaj|zobacz) (?:też|także|również|więcej)|polecamy|dowiedz się więcej|podobne artykuły|"
    r"najczęściej czytane|"
    r"mehr themen|mehr zu|neueste (?:beiträge|artikel|nachrichten)|meistdiskutierte? \w+|"
    r"empfohlene[rn]? \w*\s*inhalte?|empfohlene (?:beiträge|artikel|themen)|schon gelesen|"
    r"diese beiträge|beliebte (?:beiträge|artikel)|ähnliche (?:beiträge|artikel)|"
    r"(?:latest|recent|popular) (?:posts|news|articles|stories)|"
    r"most (?:read|popular)|meistgelesen|top stories|trending)\b"
    r"(?P<sep>\s*[:–—|»>-]+)?\s*(?P<tail>.*)$",
)
# Where a TEASER line's first word starts, one of these starts (its alternatives, choices spelled out); the
# one-word ones in TEASER_WORDS stand as whole words.
TEASER_FIRST = (
    "read more",
    "read also",
    "read next",
    "more from",
    "more on",
    "more about",
    "more stories",
    "more news",
    "more like this",
    "related",
    "recommended",
    "you may also like",
    "you might also like",
    "also read",
    "see also",
    "see more",
    "lesen sie auch",
    "lesen sie mehr",
    "lesen sie hier",
    "auch lesen",
    "auch interessant",
    "auch auf",
    "mehr zu",
    "mehr dazu",
    "mehr themen",
    "weiterlesen",
    "zum weiterlesen",
    "das könnte dich",
    "das könnte sie",
    "das thema könnte",
    "siehe auch",
    "weitere artikel",
    "weitere beiträge",
    "weitere meldungen",
    "weitere nachrichten",
    "weitere themen",
    "weitere pressemitteilungen",
    "kommentierte artikel",
    "previous post",
    "previous article",
    "previous story",
    "next post",
    "next article",
    "next story",
    "vorheriger beitrag",
    "vorheriger artikel",
    "nächster beitrag",
    "nächster artikel",
    "voriger beitrag",
    "voriger artikel",
    "lire aussi",
    "à lire aussi",
    "lire la suite",
    "voir aussi",
    "pour approfondir",
    "sur le même sujet",
    "dans la même rubrique",
    "leer más",
    "lee también",
    "vea también",
    "vea más",
    "ver también",
    "ver más",
    "puedes ver",
    "te puede interesar",
    "le puede interesar",
    "otras noticias",
    "más noticias",
    "notas relacionad",
    "noticias relacionad",
    "artículos relacionad",
    "contenido relacionad",
    "contenidos relacionad",
    "leggi anche",
    "potrebbe interessarti",
    "altre notizie",
    "lees ook",
    "meer lezen",
    "leia também",
    "leia mais",
    "leia a seguir",
    "veja também",
    "veja mais",
    "saiba mais",
    "notícias relacionadas",
    "matérias relacionadas",
    "mais lidas",
    *(
        f"{verb} {word}"
        for verb in ("czytaj", "przeczytaj", "zobacz")
        for word in ("też", "także", "również", "więcej")
    ),
    "polecamy",
    "dowiedz się więcej",
    "podobne artykuły",
    "najczęściej czytane",
    "neueste beiträge",
    "neueste artikel",
    "neueste nachrichten",
    "meistdiskutiert",
    "empfohlene",
    "schon gelesen",
    "diese beiträge",
    "beliebte beiträge",
    "beliebte artikel",
    "ähnliche beiträge",
    "ähnliche artikel",
    *(f"{a} {b}" for a in ("latest", "recent", "popular") for b in ("posts", "news", "articles", "stories")),
    "most read",
    "most popular",
    "meistgelesen",
    "top stories",
    "trending",
)
TEASER_WORDS = ("lea", "mira", "mire", "watch")
# Single words that announce a teaser only when a separator follows ("Lea: …", "WATCH: …").
TEASER_NEEDS_SEP = frozenset({"lea", "mira", "mire", "puedes ver", "watch", "auch auf", "lesen sie hier", "auch lesen"})
# A link line set off by arrows: ">> Headline <<".
ARROW_LINK = re.compile(r"^\s*(?:>>(?!>)|←|‹)\s*\S.*$|^.*\S\s*(?:→|›|»)\s*$")

# An advertising disclosure: "Anzeige, enthält Affiliate Links", "*Werbung. Dieser Beitrag …".
AD_DISCLOSURE = re.compile(r"^\W*(?:anzeige|werbung|advertisement|sponsored|publicidad|publicité|reklame)\s*[,.:|–—-]")

# An affiliate disclosure written as a sentence: "This post contains affiliate links", "We may earn a commission",
# "Bei den Verlinkungen handelt es sich um Affiliate Links".  Every form holds one of AFFILIATE_LITERALS.
AFFILIATE = re.compile(
    r"\b(?:(?:this|the|our) (?:post|article|page|story|site|review|guide|content)s? (?:may )?(?:contains?|includes?|"
    r"uses?) (?:\w+ )?affiliate links?|affiliate links? (?:on|in) this (?:post|article|page|site)|"
    r"(?:we|i) (?:may |might |will |could )?(?:receive|earn|get|make) (?:a )?(?:small )?(?:compensation|commission)|"
    r"earn from qualifying purchases|"
    r"(?:beitrag|artikel|text|seite) enthält (?:\w+ )?(?:affiliate|provisions|partner|werbe)-?\s?links|"
    r"handelt es sich um (?:\w+ )?(?:affiliate|provisions|partner|werbe)-?\s?links|"
    r"(?:erhalten|bekommen) wir (?:\w+ )?(?:eine )?provision|"
    r"(?:contient|comporte) des liens (?:d'|d’)?affili[ée]s?|"
    r"nous (?:pouvons |pourrions )?(?:percevoir|recevoir|toucher|touchons|percevons) une commission|"
    r"(?:contiene|incluye) enlaces de afiliados?|(?:podemos recibir|recibimos) una comisión|"
    r"(?:contiene|include) link di affiliazione|zawiera linki afiliacyjne)\b"
)
AFFILIATE_LITERALS = ("affili", "commission", "compensation", "qualifying purchases", "provision", "partner", "werbe",
                      "comisión", "afiliad", "afiliac")  # fmt: skip

# A prompt to follow the site elsewhere: "Follow us on Twitter", "Folgen Sie uns auf Instagram", "Síguenos en
# Facebook".  It starts with the verb (FOLLOW_FIRST, the line's first word).
FOLLOW = re.compile(
    r"^\W*(?:follow|folgen sie|folge|folgt|suivez|síguenos|sigue|seguici|segui|siga|obserwuj)\b.{0,60}?\b"
    r"(?:on|auf|sur|en|su|no|na|w)\s+(?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|telegram|whatsapp|"
    r"threads|bluesky|mastodon|social(?: media)?|google news|pinterest)\b"
)
FOLLOW_FIRST = frozenset(str.split("follow folgen folge folgt suivez síguenos sigue seguici segui siga obserwuj"))

# Section and tag labels: "Kategorie: News", "Tags: …".
TAXONOMY = re.compile(
    r"^\W*(?:kategorie|kategorien|category|categories|tags?|schlagwörter|schlagworte|themen|temas|rubrik|"
    r"section|filed under|posted in|catégories?|etiquetas|categorias?|kategori[ae]|tagi)\s*:",
)

TAXONOMY_FIRST = ("kategori", "categor", "tag", "schlagw", "themen", "temas", "rubrik", "section", "filed under",
                  "posted in", "catégor", "etiquetas")  # fmt: skip

# Tweet signature: "— Name (@handle) Month D, YYYY" and inline picture links.
EMBED_LINK = re.compile(r"\bpic\.twitter\.com/\S+|\binstagram\.com/p/\S+")
EMBED_SIGNATURE = re.compile(
    r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\d[\d./-]+)\W*$"
)
DASHES = ("—", "–", "-")  # an EMBED_SIGNATURE line starts with one…
HANDLE = ("(@",)  # …and holds a handle

# Breadcrumbs: three or more short items joined by separators.
BREADCRUMB = re.compile(r"^(?!\s*\|)(?:[^›»>/|•·]{1,40}\s*[›»>/|•·]\s*){2,}[^›»>/|•·]{1,60}$")

# Literal pre-checks: every match of the pattern named contains one of these substrings (of the lower-cased
# line), so a line holding none of them cannot match and the regex is skipped.  ``in`` on a str runs in C and
# costs a fraction of a regex search; most lines of a page are prose that holds none of them.
# SKIP: all but one alternative start where the line's first word starts.
SKIP_FIRST = (
    "skip to",
    "go to",
    "jump to",
    "springe zu",
    "direkt zum inhalt",
    "aller au",
    "aller à la",
    "ir al contenido",
    "saltar al contenido",
    "vai al contenuto",
    "salta al contenuto",
    "ir para o conte",
    "pular para o conte",
    "saltar para o conte",
    "przejdź do",
    *(f"{a} {b}" for a in ("zum", "zur") for b in ("inhalt", "hauptinhalt", "navigation", "menü", "suche")),
)
SKIP_LITERALS = ("accessibility ",)
VIDEO_LITERALS = ("embed ", "clipboard", "video", "vídeo", "vidéo", "browser ", "javascript", "autoplay",
                  "now playing", "up next")  # fmt: skip
NEWSLETTER_LITERALS = ("newsletter", "subscri", "sign up", "signup", "abonn", "inscri", "suscr", "iscriviti",
                       "regist", "mail", "correo", "get our", "unlock", "assine", "inscrev", "cadastr", "zapisz si",
                       "subskryb", "zaprenumer")  # fmt: skip
COMMENTS_LITERALS = ("comment", "kommentar", "comentar", "reacties", "replies", "antworten", "reply", "log in to",
                     "login to", "report abuse", "melden", "will not be published", "veröffentlicht", "required fields",
                     "pflichtfelder", "comentá", "komentarz", "deixe uma resposta")  # fmt: skip
SUPPORT_LITERALS = ("support", "donat", "contribution", "become a ", "unterstütz", "spenden", "mitglied werden",
                    "soutenez", "un don", "hazte", "apóyanos", "apoya ", "donación", "dona ", "wesprzyj", "darowizn",
                    "zostań ", "apoie ", "doação", "seja ", "sostien", "donazione", "need your", "continue reading",
                    "keep reading", "lire la suite", "illimité", "abonnez-vous", "suscríbete", "assine para",
                    "abbonati", "weiterlesen mit")  # fmt: skip
ARROW_CHARS = (">>", "←", "‹", "→", "›", "»")
BREADCRUMB_CHARS = ("›", "»", ">", "/", "|", "•", "·")
EMBED_LITERALS = ("pic.twitter.com/", "instagram.com/p/")  # each holds a "/": _in_body_context relies on it


def contains_any(low: str, literals: tuple[str, ...]) -> bool:
    """Does ``low`` contain any of ``literals``? (The cheap test that guards a regex.)

    >>> contains_any("skip to main content", SKIP_FIRST), contains_any("the council met", SKIP_FIRST)
    (True, False)
    """
    for lit in literals:  # noqa: SIM110 - a plain loop: any() over a generator costs a frame per item
        if lit in low:
            return True
    return False


NO_HITS: frozenset[str] = frozenset()


def share_bar(toks: list[str], stops: frozenset[str]) -> bool:
    """Is a line with these words a share bar: some share word, and nearly all words share words, stop words or counts?

    >>> share_bar(["share", "this", "article", "12"], frozenset({"this"})), share_bar(["the", "council"], frozenset())
    (True, False)
    """
    if SHARE_WORDS.isdisjoint(toks):  # a set test in C: most lines hold no share word
        return False
    filler = sum(1 for t in toks if t in SHARE_WORDS or t in stops or t.isdigit())
    return filler >= 0.8 * len(toks)


_CLAUSE_PUNCT = frozenset(",.;:!?")


def menu_bar(text: str, toks: list[str], stops: frozenset[str]) -> bool:
    """Is ``text`` (with these words) a menu bar run together: capitalised items, often a label repeated?

    Headlines leave some words in lower case (sentence case, or "of"/"to" in title case); menus capitalise them
    all, and some stop lists hold words like "home" or "video", so stop words alone cannot tell.

    >>> menu_bar("Newsletter Events Events Podcasts Videos", ["newsletter", "events", "events", "podcasts", "videos"],
    ...          frozenset({"the"}))
    True
    """
    has_stop = not stops.isdisjoint(toks)
    bare = len(toks) >= 5 and _CLAUSE_PUNCT.isdisjoint(text)
    if has_stop and not bare:
        return False  # neither test below can pass: the capitals need not be counted
    share = capitalised_share(text)
    if share == 1.0 and bare:
        return True
    if has_stop or share < 0.9:
        return False
    return len(toks) >= 6 or len(set(toks)) < len(toks)


_CRUMB_SEP = re.compile(r"[›»>/|•·]")
_PIPE_START = re.compile(r"\s*\|")


def is_breadcrumb(text: str) -> bool:
    """Does ``text`` match ``BREADCRUMB``? The same test by splitting, in time linear in the line's length.

    The regular expression backtracks exponentially on a long line of short items whose last item is too
    long (measured: 1 s for ten items); a page must not be able to stall the stage.

    >>> is_breadcrumb("Home › News › World"), is_breadcrumb("Home › News"), is_breadcrumb("| a | b | c")
    (True, False, False)
    """
    chunks = _CRUMB_SEP.split(text)
    if len(chunks) < 3 or _PIPE_START.match(text):
        return False
    first, *middle, last = chunks
    if not first or len(first.rstrip()) > 40 or not last or len(last.lstrip()) > 60:
        return False
    return all(chunk and len(chunk.strip()) <= 40 for chunk in middle)
