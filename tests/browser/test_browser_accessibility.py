"""WCAG 2.1 AA, as axe-core 4.14.1 (npm devDependency) judges it in a real Chromium.

The example site and an English ``portavoz new`` site, each with its brand stylesheet, have no
violation at all on a home page, a post, an audience page and the community page (the scaffold
has no community page: listening is off in a new site, so its hub index is checked instead).
A new site whose brand stylesheet is emptied shows Material's defaults: there every violation
must come from Material's own markup (:data:`MATERIAL`, by rule id and selector), none from
what portavoz renders (its post footer, hub and community pages, stylesheet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_harness import PageWatch
from browser_serving import NOW, Served
from click.testing import CliRunner
from playwright.sync_api import Page

from portavoz.scheduler.cli.main import main

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({
    rule: v.id,
    help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""
EXAMPLE_PAGES = {
    "home": "",
    "post": "blog/presentamos-la-e-brisa-nuestra-bici-electrica-mas-ligera/",
    "audience": "audiencias/ciclistas/",
    "community": "comunidad/",
}
SCAFFOLD_PAGES = {
    "home": "",
    "post": "blog/how-we-publish-one-post-every-network/",
    "audience": "audiences/customers/",
    "hub": "audiences/",
}
BRAND_CSS = Path("content/assets/stylesheets/brand.css")
SCAFFOLD_URL = "https://www.my-brand-demo.com/"
"""The new site's ``site_url`` (Material fetches its sitemap there: answered from the build)."""


@dataclass(frozen=True)
class MaterialRule:
    """Violations of one axe rule that Material's own markup shows with its default palette."""

    selectors: tuple[str, ...]  # how each failing node's selector starts
    reason: str


MATERIAL = {
    "color-contrast": MaterialRule(
        (".md-tabs__link", ".md-copyright"),
        "Material greys inactive tabs (70 % white on indigo, 4.28:1) and its footer line (4.47:1)",
    ),
}
"""Material's violations under its defaults, by rule id: the only ones a page may have there."""

Opener = Callable[..., tuple[Page, PageWatch]]
Violations = dict[str, list[str]]


def write_scaffold(folder: Path) -> Path:
    """``portavoz new --lang en`` into ``folder/site-en``, made at the browser builds' clock."""
    root = folder / "site-en"
    args = ["new", str(root), "--lang", "en", "--url", SCAFFOLD_URL]
    done = CliRunner().invoke(main, args, env={"PORTAVOZ_NOW": NOW})
    assert done.exit_code == 0, done.output
    return root


def material_defaults(root: Path) -> None:
    """Empty the brand stylesheet: Material's own colours, portavoz's stylesheet alone."""
    (root / BRAND_CSS).write_text("", encoding="utf-8")


def violations(page: Page) -> Violations:
    """Rule id → selector and failure of each node axe finds failing WCAG 2.1 A/AA."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(RUN_AXE, WCAG_AA)
    return {
        v["rule"]: [f"{n['target']}: {' '.join(n['summary'].split())}" for n in v["nodes"]]
        for v in found
    }


def report(found: Violations) -> str:
    return "\n".join(f"{rule}:\n  " + "\n  ".join(nodes) for rule, nodes in found.items())


def not_materials(found: Violations) -> Violations:
    """The nodes of ``found`` that :data:`MATERIAL` does not list."""
    rest = {}
    for rule, nodes in found.items():
        listed = MATERIAL[rule].selectors if rule in MATERIAL else ()
        mine = [n for n in nodes if not n.startswith(listed)]
        if mine:
            rest[rule] = mine
    return rest


@pytest.fixture(scope="session")
def scaffold(serve_example: Callable[..., Served]) -> Served:
    """A new English site as ``portavoz new`` writes it, built and served."""
    return serve_example("scaffold-en", source=write_scaffold)


@pytest.fixture(scope="session")
def scaffold_material(serve_example: Callable[..., Served]) -> Served:
    """A new English site with its brand stylesheet emptied, built and served."""
    return serve_example("scaffold-en-material", material_defaults, write_scaffold)


@pytest.mark.parametrize("name", list(EXAMPLE_PAGES))
def test_example_pages_have_no_violation(name: str, example: Served, open_page: Opener) -> None:
    page, watch = open_page(example.base, example.url(EXAMPLE_PAGES[name]))
    found = violations(page)
    assert found == {}, f"{page.url}:\n{report(found)}"
    watch.assert_clean(page.url)


@pytest.mark.parametrize("name", list(SCAFFOLD_PAGES))
def test_new_site_pages_have_no_violation(name: str, scaffold: Served, open_page: Opener) -> None:
    page, watch = open_page(scaffold.base, scaffold.url(SCAFFOLD_PAGES[name]), SCAFFOLD_URL)
    found = violations(page)
    assert found == {}, f"{page.url}:\n{report(found)}"
    watch.assert_clean(page.url)


@pytest.mark.parametrize("name", ["post", "audience", "hub"])
def test_under_materials_defaults_only_material_violates(
    name: str, scaffold_material: Served, open_page: Opener
) -> None:
    url = scaffold_material.url(SCAFFOLD_PAGES[name])
    page, _ = open_page(scaffold_material.base, url, SCAFFOLD_URL)
    found = violations(page)

    assert not_materials(found) == {}, f"{page.url}:\n{report(not_materials(found))}"
    # Every listed rule is still seen: axe ran, and the list holds nothing Material has fixed.
    assert sorted(found) == sorted(MATERIAL), report(found)
