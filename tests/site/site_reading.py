"""Independent readers for the site tests: the example's posts through python-frontmatter,
and what a build wrote through BeautifulSoup, json and gzip (never through portavoz).
"""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
from bs4 import BeautifulSoup

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
POSTS = REPO / "content" / "blog" / "posts"
SITE_URL = "https://blog.ruedalibre-demo.es/"


@dataclass(frozen=True)
class SourcePost:
    """A post of the example as its front matter says, read with python-frontmatter."""

    file: Path
    meta: dict[str, Any]
    body: str

    @property
    def title(self) -> str:
        return str(self.meta["title"])


def source_posts() -> list[SourcePost]:
    """Every post file of the example, read without portavoz."""
    found = []
    for path in sorted(POSTS.glob("*.md")):
        post = frontmatter.load(str(path))
        found.append(SourcePost(path, dict(post.metadata), post.content))
    return found


def sentences(body: str) -> list[str]:
    """Plain sentences of a post's paragraphs: no Markdown markup, no characters HTML escapes."""
    found = []
    for line in body.splitlines():
        if not line or line.startswith(("#", "-", "*", ">", "|", "<", "!", " ")):
            continue
        if re.search(r"[*_\[\]`<>&\"'{}]", line):
            continue
        found.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    return found


def unique_sentences(post: SourcePost, others: list[SourcePost], minimum: int = 60) -> list[str]:
    """Long sentences of ``post`` that no other post contains (so finding one is a leak)."""
    return [
        s
        for s in sentences(post.body)
        if len(s) >= minimum and not any(s in o.body for o in others if o.file != post.file)
    ]


def readable_text(path: Path) -> str:
    """A built file as a reader sees its text: gunzipped, JSON unescaped, entities decoded."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    if path.suffix == ".json":
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return " ".join(html.unescape(text).split())


def site_texts(site_dir: Path) -> dict[Path, str]:
    """Every file under a built site, as readable text."""
    return {p: readable_text(p) for p in sorted(site_dir.rglob("*")) if p.is_file()}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def listed_titles(pages: list[Path]) -> list[str]:
    """Titles of the posts a blog listing shows (index, archive, category, author pages)."""
    return [
        " ".join(a.get_text().split())
        for page in pages
        for a in soup(page).select("article.md-post h2 a")
    ]


def listing_pages(site_dir: Path, kind: str) -> list[Path]:
    """The pages of one kind of listing, first page first (``index``, ``archive``…)."""
    blog = site_dir / "blog"
    if kind == "index":
        return [blog / "index.html", *sorted((blog / "page").glob("*/index.html"))]
    return sorted((blog / kind).rglob("index.html"))
