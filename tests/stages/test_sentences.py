"""Sentence splitting on hand-written cases: every hard case the splitter claims to handle."""

from __future__ import annotations

import pytest

from cleaner import sentence_spans, split_sentences
from cleaner.document import Document
from cleaner.stages.sentences import SplitSentences

CASES_EN = [
    ("Rain fell all night. The river rose by morning.", ["Rain fell all night.", "The river rose by morning."]),
    ("Did they leave? Nobody knows!", ["Did they leave?", "Nobody knows!"]),
    # titles and abbreviations
    ("Dr. Lee met Gen. Ortiz and Prof. Kim on Jan. 4 in town.", None),
    ("The talks ran from 9 a.m. to noon at Smith & Co. in Leeds.", None),
    ("Sales fell, e.g. in Asia, i.e. the main market.", None),
    ("She moved to the U.S. last spring.", None),
    ("She moved to the U.S. Then she moved back.", ["She moved to the U.S.", "Then she moved back."]),
    ("He works for the U.S. Navy in Norfolk.", None),
    ("The firm is Baker Ltd. It was founded in 1901.", ["The firm is Baker Ltd.", "It was founded in 1901."]),
    # initials and the pronoun I
    ("A poem by Mary K. Lowe was read.", None),
    ("The winners were you and I. Did anyone object?", ["The winners were you and I.", "Did anyone object?"]),
    # numbers and decimals
    ("It cost $4.75 and rose 3.5 per cent.", None),
    ("It cost $12.50. Prices then fell.", ["It cost $12.50.", "Prices then fell."]),
    ("See p. 12 and No. 7 for details.", None),
    # ellipses
    ("I thought so... Then I left.", ["I thought so...", "Then I left."]),
    ("Well … maybe not.", None),
    ("He paused . . . and went on.", None),
    ("It was over.... Nobody cheered.", ["It was over....", "Nobody cheered."]),
    # quotations and parentheses
    ('"We will win." Then the crowd left.', ['"We will win."', "Then the crowd left."]),
    ('"We will win," she said. "Soon."', ['"We will win," she said.', '"Soon."']),
    ("'Enough.' he said quietly.", None),
    ("The law (it passed in 1990.) is still in force.", None),
    ("He left (nobody saw him go). She stayed.", ["He left (nobody saw him go).", "She stayed."]),
    # question and exclamation runs
    ("Really?! That is odd.", ["Really?!", "That is odd."]),
    ("Stop!!! Wait for me.", ["Stop!!!", "Wait for me."]),
    ("He sold shares of Yahoo! in May.", None),
    # lists and enumerations
    ("1. Buy milk 2. Call home 3. Rest", ["1. Buy milk", "2. Call home", "3. Rest"]),
    ("1) Buy milk. 2) Call home.", ["1) Buy milk.", "2) Call home."]),
    ("a. first point b. second point", ["a. first point", "b. second point"]),
    ("Items: • apples • pears", ["Items:", "• apples", "• pears"]),
    # URLs and e-mail addresses
    (
        "Write to ann.lee@mail.example.org. She replies fast.",
        ["Write to ann.lee@mail.example.org.", "She replies fast."],
    ),
    (
        "Read https://example.com/a.b/c.html?x=1. It is short.",
        ["Read https://example.com/a.b/c.html?x=1.", "It is short."],
    ),
    ("The site example.com is down.", None),
    # headings without punctuation, one per line
    ("Breaking News\nThe dam held. Crews stayed.", ["Breaking News", "The dam held.", "Crews stayed."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES_EN)
def test_english(text: str, expected: list[str] | None) -> None:
    assert split_sentences(text) == (expected if expected is not None else [text])


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "Am 3. Oktober feiern wir. Dann ist frei.", ["Am 3. Oktober feiern wir.", "Dann ist frei."]),
        ("de", "Das kostet z. B. drei Euro. Das ist viel.", ["Das kostet z. B. drei Euro.", "Das ist viel."]),
        ("de", "„Ich komme.“ Dann ging er.", ["„Ich komme.“", "Dann ging er."]),
        ("es", "¿Vienes hoy? ¡Claro que sí!", ["¿Vienes hoy?", "¡Claro que sí!"]),
        ("es", "La Sra. Gómez llegó tarde. Nadie dijo nada.", ["La Sra. Gómez llegó tarde.", "Nadie dijo nada."]),
        ("fr", "Il pleut. « Rentrons », dit-il.", ["Il pleut.", "« Rentrons », dit-il."]),
        ("ru", "Он приехал в 5 ч. утра. Все спали.", ["Он приехал в 5 ч. утра.", "Все спали."]),
        ("ja", "雨が降った。川があふれた！", ["雨が降った。", "川があふれた！"]),
        ("zh", "他说：「好。」我们走吧。", ["他说：「好。」", "我们走吧。"]),
        ("zh", "我看了《你好！世界》。很好。", ["我看了《你好！世界》。", "很好。"]),
        ("hi", "आज बारिश हुई। कल धूप होगी।", ["आज बारिश हुई।", "कल धूप होगी।"]),
        ("ar", "هل أنت بخير؟ نعم، شكرا.", ["هل أنت بخير؟", "نعم، شكرا."]),
        ("hy", "Նա եկավ։ Բոլորը ուրախ էին։", ["Նա եկավ։", "Բոլորը ուրախ էին։"]),
        ("el", "Τι ώρα είναι; Είναι αργά.", ["Τι ώρα είναι;", "Είναι αργά."]),
        ("ur", "آج بارش ہوئی۔ کل دھوپ ہوگی۔", ["آج بارش ہوئی۔", "کل دھوپ ہوگی۔"]),
    ],
)
def test_other_languages(language: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, language) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\n",
        "no punctuation at all",
        "...",
        "?!",
        "😀 😀. 😀",
        "1234.5678",
        "a",
        "Mr.",
        "x. " * 50,
        "  Leading space. Trailing space.  \n\n  Next paragraph  ",
        "Line one\r\nLine two.\rLine three\u2028Four",
        "(((( [[[ “‘ Dr. ]]] )))) .?!… 。",
    ],
)
def test_any_text_gives_exact_ordered_substrings(text: str) -> None:
    spans = sentence_spans(text)
    last = 0
    for start, stop in spans:
        assert last <= start < stop <= len(text)
        piece = text[start:stop]
        assert piece == piece.strip() and piece
        last = stop
    assert [text[a:b] for a, b in spans] == split_sentences(text)
    # nothing but whitespace is left out
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(text.split()) == "".join(covered.split())


def test_spans_are_offsets() -> None:
    text = "One. Two!\n\nThree?"
    assert sentence_spans(text) == [(0, 4), (5, 9), (11, 17)]


def test_sentences_never_cross_a_paragraph() -> None:
    text = "This line ends without a stop\n\nand this one goes on. Then."
    assert split_sentences(text) == ["This line ends without a stop", "and this one goes on.", "Then."]


def test_unknown_language_falls_back_to_generic_rules() -> None:
    assert split_sentences("Dr. Ruiz arrived. He sat.", "xx") == ["Dr. Ruiz arrived.", "He sat."]
    assert split_sentences("Dr. Ruiz arrived. He sat.", "und") == ["Dr. Ruiz arrived.", "He sat."]


def test_deterministic_and_linear_input_is_fine() -> None:
    para = "The board met. It voted to sell the unit for $2.5 billion to Acme Inc. in March. " * 2000
    first = split_sentences(para)
    assert first == split_sentences(para)
    assert len(first) == 4000


def test_stage_fills_sentences_from_final_text() -> None:
    doc = Document(raw=b"", lines=["Headline here", "", "First point. Second point."], language="en")
    SplitSentences().process(doc)
    assert doc.sentences == ["Headline here", "First point.", "Second point."]
    assert all(s in doc.text for s in doc.sentences)


def test_random_texts_keep_every_invariant() -> None:
    import random

    pieces = [
        "Dr.",
        "U.S.",
        "a.m.",
        "1.",
        "2)",
        "b.",
        "...",
        ". . .",
        "?!",
        "。",
        "«",
        "»",
        "„",
        "“",
        '"',
        "(",
        ")",
        "•",
        "\n",
        "\n\n",
        " ",
        "  ",
        "word",
        "Word",
        "3.5",
        "x@y.org",
        "http://a.b/c.",
        "-",
        "—",
        "I.",
        "!",
    ]
    rng = random.Random(1234)
    for language in ("en", "de", "zh", "kk", "ar", "xx"):
        for _ in range(300):
            text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 30)))
            spans = sentence_spans(text, language)
            last = 0
            for start, stop in spans:
                assert last <= start < stop <= len(text)
                assert "\n" not in text[start:stop]
                assert text[start:stop] == text[start:stop].strip()
                last = stop
            covered = "".join(text[a:b] for a, b in spans)
            assert "".join(text.split()) == "".join(covered.split())
