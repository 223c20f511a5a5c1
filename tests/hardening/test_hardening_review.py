"""Posts cannot forge the review comment: its structure is portavoz's, whatever they say.

Each case of ``corpus/review/hostile-titles.yml`` (its ``description`` says what it checks) is
reviewed as a pull request against the corpus project. The Markdown report is read twice, never
through portavoz: as raw text (exactly one marker, no other ``<!--``) and as HTML rendered by
Python-Markdown with only ``fenced_code`` (GitHub's fences; no attribute lists, no Markdown in
HTML), read back with BeautifulSoup (the one comment is the marker;
headings are portavoz's own; no image, link or raw HTML from content; no ``@name`` outside code
that GitHub would turn into a notification; the hostile text is still shown as text).
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Comment, Tag
from case_tables import table
from hardening_corpus import CORPUS, POSTS, make_project, review

from portavoz.scheduler.base.inert import markdown_text

CASES = CORPUS / "review" / "hostile-titles.yml"
MARKER = "<!-- portavoz-review -->"
WORD_JOINER = "\u2060"
# GitHub links @name where the @ follows no word character and a name character follows it.
# Unicode's explicit embeddings, overrides and isolates (UAX #9, table 1), written out here.
DIRECTIONAL = re.compile("[\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069]")
MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")


def _render(case: dict[str, Any], root: Path) -> tuple[str, BeautifulSoup]:
    files = {f"{POSTS}/{name}": text.encode() for name, text in case["files"].items()}
    run = review(make_project(root), files)
    assert run.exception is None, run.output
    assert run.code == (1 if case["errors"] else 0), run.output
    return run.output, BeautifulSoup(
        markdown.markdown(run.output, extensions=["fenced_code"]), "html.parser"
    )


def _shown(node: Tag) -> str:
    return node.get_text().replace(WORD_JOINER, "")


def _prose(soup: BeautifulSoup) -> list[str]:
    """Text GitHub would scan for mentions: everything outside code."""
    return [s for s in soup.find_all(string=True) if not s.find_parent(["code", "pre"])]


@pytest.mark.parametrize("case", table(CASES))
def test_content_cannot_forge_the_report(case: dict[str, Any], tmp_path: Path) -> None:
    raw, soup = _render(case, tmp_path / "p")
    assert raw.startswith(MARKER + "\n") and raw.count(MARKER) == 1, raw
    assert raw.count("<!--") == 1, raw
    assert DIRECTIONAL.search(raw) is None, raw  # nothing shown in another order than written
    comments = soup.find_all(string=lambda s: isinstance(s, Comment))
    assert [c.strip() for c in comments] == ["portavoz-review"]
    assert soup.find_all(["h1", "img", "script", "table", "del"]) == []
    # The only links are portavoz's own, to a live post's image on the site (``links``).
    assert [a.get("href") for a in soup.find_all("a")] == case.get("links", [])
    headings = soup.find_all("h2")
    assert len(headings) == 1
    # The corpus project is Spanish (theme.language: es): so is the report's heading, in the
    # singular for one ("1 error") and the plural otherwise ("0 errores", "2 errores").
    errors = case["errors"]
    assert f" · {errors} {'error' if errors == 1 else 'errores'} · " in headings[0].get_text()
    assert len(soup.find_all("h3")) == case["posts"]
    assert [t for t in _prose(soup) if MENTION.search(t)] == []
    text = _shown(soup)
    for line in case.get("visible", []):
        assert line in text
    if "title" in case:
        assert _shown(soup.find_all("h3")[0]) == case["title"]
    code = "\n".join(_shown(c) for c in soup.find_all("code"))
    for line in case.get("code", []):
        assert line in code


PIECES = [*"ab1 _*`\\[]()<>!#&|~-+.=:;@/'\"{}é", "&amp;", "<!--", "-->", "http://x.es", "@equipo"]


def test_any_text_reads_back_as_itself_in_a_heading() -> None:
    """Seeded random mixes of Markdown syntax: each heading holds exactly its own text."""
    chooser = random.Random(10)
    for _ in range(3000):
        text = "".join(chooser.choice(PIECES) for _ in range(chooser.randint(1, 12))).strip()
        heading = f"### Added: {markdown_text(text)} ·"  # as the review writes a title
        soup = BeautifulSoup(markdown.markdown(heading), "html.parser")
        assert [t.name for t in soup.find_all()] == ["h3"], (text, heading)
        assert _shown(soup) == f"Added: {text} ·", (text, heading)
        assert [t for t in _prose(soup) if MENTION.search(t)] == [], (text, heading)
