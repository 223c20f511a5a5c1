"""The head and footer partials print markup made once per page in Python
(:mod:`portavoz.scheduler.site.partials`); it must be the bytes their Jinja loops gave. The
loops are kept as the reference (``partials_reference/``, the partials as they were)."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from mkdocs.utils.templates import url_filter

from portavoz.plugins import site as site_plugin
from portavoz.scheduler.site.partials import feeds_html
from portavoz.scheduler.site.share import ShareLink

REFERENCE = Path(__file__).with_name("partials_reference")
PARTIALS = Path(site_plugin.THEME_DIR) / "partials"
HOSTILE = '<b>"Tom & Jerry\'s"</b> </title><script>x</script>'


def _render(folder: Path, name: str, context: dict[str, Any]) -> str:
    """``name`` rendered as MkDocs renders theme templates (no autoescape, its url filter)."""
    env = Environment(loader=FileSystemLoader(folder))
    env.filters["url"] = url_filter
    return env.get_template(name).render(context)


def _fast(name: str, context: dict[str, Any]) -> str:
    """The partial as shipped, with the markup portavoz/site and portavoz/scheduler make."""
    made = dict(context)
    site_plugin._add_markup(made, made["page"])
    if "portavoz_feeds" in made:
        made["portavoz_feeds_html"] = feeds_html(made["portavoz_feeds"])
    return _render(PARTIALS, name, made)


PAGE = SimpleNamespace(url="blog/una-entrada/")
META = [
    ("og:type", "article"),
    ("og:title", HOSTILE),
    ("og:site_name", Markup("Rueda &amp; Libre")),  # already HTML text: not escaped twice
    ("og:image:width", 1200),
    ("twitter:card", "summary_large_image"),
    ("twitter:title", HOSTILE),
]
FEEDS = [{"media_type": "application/rss+xml", "title": HOSTILE, "url": "https://x.es/f?a=1&b=2"}]
LABELS = {"audiences": "Para:", "share": HOSTILE, "share_nav": 'Com"partir'}
SHARE = (
    ShareLink("x", "X", "https://x.com/intent/post?text=a&url=b"),
    ShareLink("mastodon", HOSTILE, "https://m.es/share?text=<a>"),
)
AUDIENCES = [("Ciclistas", "audiencias/ciclistas/"), (HOSTILE, ""), ("Prensa & medios", "p/")]

CASES: dict[str, dict[str, Any]] = {
    "a post": {
        "portavoz_meta": META,
        "portavoz_jsonld": '{"headline": "\\u003cb\\u003e"}',
        "portavoz_feeds": FEEDS * 2,
        "portavoz_labels": LABELS,
        "portavoz_audiences": AUDIENCES,
        "portavoz_share": SHARE,
    },
    "a post with one audience and no share links": {
        "portavoz_meta": META[:1],
        "portavoz_jsonld": "{}",
        "portavoz_labels": LABELS,
        "portavoz_audiences": AUDIENCES[1:2],
        "portavoz_share": (),
    },
    "a post with share links only": {
        "portavoz_meta": [],
        "portavoz_labels": LABELS,
        "portavoz_audiences": [],
        "portavoz_share": SHARE[:1],
    },
    "a page": {"portavoz_meta": META[:2], "portavoz_labels": LABELS, "portavoz_feeds": []},
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", ["portavoz-head.html", "portavoz-post-footer.html"])
def test_the_markup_is_what_the_loops_gave(case: str, name: str) -> None:
    context = {**CASES[case], "page": PAGE, "base_url": "../.."}

    assert _fast(name, context) == _render(REFERENCE, name, context)


def test_a_static_template_gets_the_feed_links_alone() -> None:
    # 404.html: portavoz/scheduler's template globals give its feeds, no page meta.
    context = {"portavoz_feeds": FEEDS, "portavoz_feeds_html": feeds_html(FEEDS), "page": None}
    context["base_url"] = "/"

    fast = _render(PARTIALS, "portavoz-head.html", context)

    assert fast == _render(REFERENCE, "portavoz-head.html", context)
    assert "&amp;b=2" in fast


def _site(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_build_writes_the_pages_the_loops_wrote(example_site: Path, build: Any) -> None:
    env = {"PORTAVOZ_NOW": "2026-06-01T00:00+02:00"}
    done = build(example_site, env)
    assert done.returncode == 0, done.output
    fast = _site(example_site)
    # The site's custom_dir comes before portavoz's templates: the old partials win there.
    partials = example_site / "theme" / "partials"
    partials.mkdir(parents=True, exist_ok=True)
    for name in ("portavoz-head.html", "portavoz-post-footer.html"):
        shutil.copy(REFERENCE / name, partials / name)
    shutil.rmtree(example_site / "site")

    done = build(example_site, env)

    assert done.returncode == 0, done.output
    assert _site(example_site) == fast
    assert any(b"portavoz-share__link" in page for page in fast.values())
    assert any(b'<meta property="og:title"' in page for page in fast.values())
