"""Post URLs as portavoz computes them are the files Material's blog writes, for every option.

Each case builds a small site in tmp_path with one set of Material's blog options (URL
formats with {date}, {categories} and {file}, one or two categories, slug functions with case
and normal form, ``use_directory_urls: false``) and then reads what MkDocs wrote, with
BeautifulSoup and feedparser, never with portavoz:

- the URL ``portavoz check``/``review`` compute for each post (the CLI's reading of mkdocs.yml)
  is the page Material wrote for that post, whose ``<h1>`` is the post's title;
- every audience, hub, share and feed link under or to a post opens a file that exists;
- the CLI and MkDocs read the blog options into equal rules.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from site_reading import REPO, SITE_URL

from portavoz.scheduler.content.material_blog import material_blog
from portavoz.scheduler.content.repository import load_posts
from portavoz.scheduler.content.urls import post_url
from portavoz.scheduler.project import load_project

CLOCK = "2026-12-01T00:00:00+00:00"

POSTS = {
    # An accented title and two accented categories; a date with its own offset, late enough
    # to be the next day in UTC (Material's URL shows the date as written).
    "2026-03-01-ano-nuevo.md": """\
        title: Año nuevo, bicis nuevas
        date: 2026-03-01T23:30:00-05:00
        categories: [Movilidad Eléctrica, Vida en la Ciudad]
        audience: [general, ciclistas]
        channels: [x, mastodon, linkedin]
        summary: Seiscientas bicis más por la ciudad.""",
    # An explicit slug, one category, a file name with a dot ({file} keeps it).
    "2026.05.05-e-brisa.md": """\
        title: Presentamos la E-Brisa
        slug: e-brisa
        date: 2026-05-05 09:30:00
        categories: [Producto]
        audience: [ciclistas]
        channels: [bluesky, telegram]""",
    # No category, a title whose slug differs between slug functions.
    "notas.md": """\
        title: "Rutas: ¿por dónde empezar?"
        date: 2026-06-16
        audience: [general]
        channels: [facebook, threads]""",
}

ASCII_SLUGS = "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower, normalize: NFD}}"
CASES = {
    "material-defaults": {},
    "categories-two": {
        "post_url_format": "{categories}/{slug}",
        "post_url_max_categories": 2,
        "categories_slugify": "!!python/object/apply:pymdownx.slugs.slugify "
        "{kwds: {case: none, normalize: NFD}}",
        "categories_slugify_separator": "_",
    },
    "flat-files": {
        "use_directory_urls": False,
        "post_url_format": "{categories}/{date}/{slug}",
        "post_url_date_format": "yyyy/MM",
        "post_slugify": ASCII_SLUGS,
    },
    "flat-files-by-file": {
        "use_directory_urls": False,
        "blog_dir": "noticias",
        "post_url_format": "{categories}/{file}",
        "post_url_max_categories": 0,
        "post_slugify": "!!python/name:markdown.extensions.toc.slugify",
        "hub": False,
    },
}


@dataclass(frozen=True)
class Site:
    """A built site: its root and what it wrote."""

    root: Path
    site_dir: Path
    options: dict[str, object]

    def pages(self) -> Iterator[tuple[str, BeautifulSoup]]:
        """Every HTML page as (path relative to the site folder, parsed page)."""
        for file in sorted(self.site_dir.rglob("*.html")):
            path = file.relative_to(self.site_dir).as_posix()
            yield path, BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def file_at(self, url: str) -> Path:
        """The file a browser gets for an absolute URL of the site."""
        assert url.startswith(SITE_URL), url
        path = unquote(urlsplit(url).path)[len(urlsplit(SITE_URL).path) :]
        return self.site_dir / (path + "index.html" if not path or path.endswith("/") else path)


CONFIG = textwrap.dedent(
    f"""\
    site_name: URLs
    site_url: {SITE_URL}
    docs_dir: content
    use_directory_urls: DIRECTORY_URLS
    theme:
      name: material
      custom_dir: theme
      language: es
      font: false
    plugins:
      - material/blog:BLOG
      - portavoz/site:
          timezone: Europe/Madrid
          hub: HUB
          audiences:
            general: {{label: Público general}}
            ciclistas: {{label: Comunidad ciclista}}
      - portavoz/scheduler:
          output_dir: .portavoz
    """
)


def _config(options: dict[str, object]) -> str:
    blog = {k: v for k, v in options.items() if k not in {"use_directory_urls", "hub"}}
    blog_lines = "".join(f"\n      {key}: {_yaml(value)}" for key, value in blog.items())
    return (
        CONFIG.replace("BLOG", blog_lines or " {}")
        .replace("DIRECTORY_URLS", str(options.get("use_directory_urls", True)).lower())
        .replace("HUB", str(options.get("hub", True)).lower())
    )


def _yaml(value: object) -> str:
    """A value for mkdocs.yml: a ``!!python`` tag as written, anything else as JSON."""
    return value if isinstance(value, str) and value.startswith("!!") else json.dumps(value)


def _write_site(root: Path, options: dict[str, object]) -> Path:
    blog_dir = str(options.get("blog_dir", "blog"))
    posts = root / "content" / blog_dir / "posts"
    posts.mkdir(parents=True)
    (root / "content" / "index.md").write_text("# Inicio\n", encoding="utf-8")
    (root / "content" / blog_dir / "index.md").write_text("# Blog\n", encoding="utf-8")
    for name, front in POSTS.items():
        text = f"---\n{textwrap.dedent(front)}\n---\n\nUn párrafo del artículo.\n"
        (posts / name).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "mkdocs.yml").write_text(_config(options), encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=sorted(CASES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    run_build = request.getfixturevalue("session_build")
    options = CASES[request.param]
    root = _write_site(tmp_path_factory.mktemp(request.param), options)
    result = run_build(root, {"PORTAVOZ_NOW": CLOCK})
    # --strict: the site plugin's own comparison of URLs (a warning) did not fire either.
    assert result.returncode == 0, result.output
    return Site(root, result.site_dir, options)


def _post_pages(site: Site) -> dict[str, str]:
    """Title → page path of every post page Material wrote (its ``md-content--post`` layout)."""
    found = {}
    for path, page in site.pages():
        if page.select_one(".md-content--post") and page.h1:
            found[page.h1.get_text(strip=True)] = path
    return found


def test_each_post_url_is_the_page_material_wrote(site: Site) -> None:
    project = load_project(site.root / "mkdocs.yml")  # as `portavoz check` reads it
    loaded = load_posts(project.root, project.settings)
    assert loaded.problems == ()
    pages = _post_pages(site)
    assert sorted(pages) == sorted(p.title for p in loaded.posts)
    for post in loaded.posts:
        url = post_url(post, project.settings)
        assert site.file_at(url) == site.site_dir / pages[post.title], url
        canonical = BeautifulSoup(site.file_at(url).read_text("utf-8"), "html.parser")
        assert canonical.find("link", rel="canonical")["href"] == url


def test_every_audience_hub_and_share_link_opens_a_file(site: Site) -> None:
    checked = 0
    for path, page in site.pages():
        here = SITE_URL + path
        links = page.select(".portavoz-audiences a, .portavoz-share a")
        if path.startswith("audiencias/"):
            links += page.select("article ul a")
        for link in links:
            href = str(link["href"])
            if "portavoz-share__link" in link.get("class", []):
                query = parse_qs(urlsplit(href).query)
                url = (query.get("url") or query.get("u") or [""])[0]
                url = url or next(w for w in query["text"][0].split() if w.startswith(SITE_URL))
            else:
                url = urljoin(here, href)
            assert site.file_at(url).is_file(), f"{path}: {href}"
            checked += 1
    assert checked > 0


def test_audiences_without_a_hub_page_are_named_not_linked(site: Site) -> None:
    footers = [page.select_one(".portavoz-audiences") for _, page in site.pages()]
    footers = [f for f in footers if f is not None]
    assert footers
    linked = [a for f in footers for a in f.select("a")]
    named = [s for f in footers for s in f.select("span.portavoz-audience")]
    if site.options.get("hub", True):
        assert linked and not named
    else:
        assert named and not linked


def test_feed_entries_link_the_posts_pages(site: Site) -> None:
    feeds = sorted(site.site_dir.glob("feeds/**/*.xml"))
    assert feeds
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
        for entry in parsed.entries:
            assert site.file_at(entry.link).is_file(), f"{feed.name}: {entry.link}"


def test_cli_and_mkdocs_read_the_same_blog_rules(site: Site) -> None:
    config = load_config(str(site.root / "mkdocs.yml"))
    validated = dict(config.plugins["material/blog"].config)
    from_mkdocs = material_blog(validated, use_directory_urls=config.use_directory_urls)
    assert load_project(site.root / "mkdocs.yml").settings.blog == from_mkdocs
