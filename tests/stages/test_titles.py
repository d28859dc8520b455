"""Page titles: the site name glued to the headline goes, the headline stays whole."""

from __future__ import annotations

import pytest

from cleaner.stages.titles import h1_texts, refine_title


@pytest.mark.parametrize(
    ("title", "sitename", "url", "headings", "expected"),
    [
        ("Rain returns | Valley Herald", "Valley Herald", None, None, "Rain returns"),
        ("Valley Herald – Rain returns", "Valley Herald", None, None, "Rain returns"),
        ("Neue Brücke eröffnet - zeitung.example", None, "https://www.zeitung.example/a", None, "Neue Brücke eröffnet"),
        ("Blog » Notes | Episode 4: On bridges", None, None, ["Episode 4: On bridges"], "Episode 4: On bridges"),
        # separators inside the headline itself are kept
        ("Ten years on: what changed", "Site", None, None, "Ten years on: what changed"),
        ("Anti-war march draws 10,000", "Site", None, None, "Anti-war march draws 10,000"),
        ("Q&A – with the mayor", None, None, None, "Q&A – with the mayor"),
        (
            "Budget 2026: winners and losers · Daily Example",
            "Daily Example",
            None,
            ["Budget 2026: winners and losers"],
            "Budget 2026: winners and losers",
        ),
        (None, "Site", None, None, None),
    ],
)
def test_refine_title(title: str | None, sitename: str | None, url: str | None, headings: list[str] | None,
                      expected: str | None) -> None:  # fmt: skip
    assert refine_title(title, sitename, url, headings) == expected


def test_only_site_names_left_keeps_title() -> None:
    assert refine_title("Example | Example", "Example") == "Example | Example"


def test_h1_texts() -> None:
    html = "<h1>One &amp; <i>two</i></h1><p>x</p><H1 id=a>\n Three </H1><h1></h1>"
    assert h1_texts(html) == ["One & two", "Three"]


def test_unclosed_h1_does_not_swallow_the_next_heading() -> None:
    assert h1_texts("<h1>Site banner <p>menu</p><h1>The headline</h1>") == ["The headline"]


@pytest.mark.timeout(20)
def test_many_unclosed_h1_stay_linear() -> None:
    # Each unclosed <h1> used to scan to the end of the page: about two minutes on this 1 MB page.
    page = "<h1>x " * 20_000 + "y" * 1_000_000 + "<h1>End</h1>"
    assert h1_texts(page) == ["End"]
