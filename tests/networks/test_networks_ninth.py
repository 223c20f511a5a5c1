"""Expect: a ninth network, defined only in ninth/ (one module, one template) and registered,
is accepted in front matter, composed with its own template and facts, counted, given a
share link and a feed of its own, by `portavoz check`, `portavoz count` and `mkdocs build`,
with no other file of the repository touched.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import feedparser
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from ninth.pregon import Pregon

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.networks import network_names, register, unregister

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
AT = "2026-11-23T12:00:00+01:00"
POST = "content/blog/posts/2026-01-12-seiscientas-bicis-nuevas.md"
THREADED = "content/blog/posts/2026-05-28-un-ano-de-datos.md"
"""A post with ``thread: true``."""
TITLE = "Empezamos el año con seiscientas bicis nuevas en la calle"
SUMMARY = (
    "Rueda Libre amplía su flota con seiscientas bicicletas eléctricas y refuerza el servicio "
    "en los barrios con más demanda."
)
PAGE = "https://blog.ruedalibre-demo.es/blog/empezamos-el-ano-con-seiscientas-bicis-nuevas-en-la-calle/"
CAMPAIGN = "empezamos-el-ano-con-seiscientas-bicis-nuevas-en-la-calle"
SHOWN_LINK = (
    f"{PAGE.removeprefix('https://')}?utm_source=pregon&utm_medium=social&utm_campaign={CAMPAIGN}"
)
TEXT = f"{TITLE}\n\n{SUMMARY}\n\n¡Oíd! {SHOWN_LINK}\n#valencia"
"""The variant: ninth/pregon.txt.j2 with the link as Pregon shows it and its one hashtag."""
BUILT_INS = ("bluesky", "facebook", "instagram", "linkedin", "mastodon", "telegram", "threads")
# The build registers the network first, as a site's own code (a hook, a plugin) would.
BUILD = """
import sys
sys.path.insert(0, sys.argv.pop(1))
from ninth.pregon import Pregon
from portavoz.scheduler.networks import register
register(Pregon)
from mkdocs.__main__ import cli
cli()
"""


@pytest.fixture
def registered() -> Iterator[None]:
    register(Pregon)
    try:
        yield
    finally:
        unregister("pregon")


def _with_pregon(root: Path, channels: str = "[x, linkedin, bluesky, pregon]") -> Path:
    """The example, its first post sent to Pregón too (or to ``channels``)."""
    return _edit(root, POST, "[x, linkedin, bluesky]", channels)


def _edit(root: Path, post: str, channels: str, new: str) -> Path:
    path = root / post
    text = path.read_text(encoding="utf-8")
    assert f"\nchannels: {channels}\n" in text
    path.write_text(text.replace(f"\nchannels: {channels}\n", f"\nchannels: {new}\n"), "utf-8")
    return root


def _line(root: Path) -> str:
    """Where problems about the post's channels point: ``<post>:<line>``."""
    lines = (root / POST).read_text(encoding="utf-8").splitlines()
    return f"{POST}:{next(i for i, line in enumerate(lines, 1) if line.startswith('channels:'))}"


def _check(root: Path) -> Result:
    args = ["check", str(root), "--at", AT, "--no-lint"]
    return CliRunner().invoke(main, args, env={"PORTAVOZ_NOW": None})


def test_unknown_until_registered(example_site: Path) -> None:
    result = _check(_with_pregon(example_site))

    assert result.exit_code == 1, result.output
    known = ", ".join((*BUILT_INS, "x"))
    assert (
        f"{_line(example_site)}: channels: unknown network 'pregon' (known: {known})"
        in result.output
    )


def test_registered_it_is_a_network_like_the_others(registered: None) -> None:
    assert network_names() == (*BUILT_INS[:5], "pregon", *BUILT_INS[5:], "x")


def test_front_matter_accepts_it(registered: None, example_site: Path) -> None:
    result = _check(_with_pregon(example_site))

    assert result.exit_code == 0, result.output


def test_front_matter_lists_it(registered: None, example_site: Path) -> None:
    result = _check(_with_pregon(example_site, "[x, linkedin, bluesky, pregón]"))

    assert result.exit_code == 1, result.output
    known = ", ".join((*BUILT_INS[:5], "pregon", *BUILT_INS[5:], "x"))
    assert (
        f"{_line(example_site)}: channels: unknown network 'pregón'; did you mean 'pregon'? "
        f"(known: {known})" in result.output
    )


def test_composed_variant_is_counted_by_its_rule(registered: None, example_site: Path) -> None:
    override = "{x, linkedin, bluesky, pregon: {text: '" + "¡Oíd! " * 84 + "'}}"

    result = _check(_with_pregon(example_site, override))

    assert result.exit_code == 1, result.output
    assert (
        f"{_line(example_site)}: channels: pregon: 503 characters, over the limit of 500, "
        "the override text is used as written; shorten it"
    ) in result.output


def test_counted_by_the_cli(registered: None) -> None:
    result = CliRunner().invoke(main, ["count", "pregon", "¡Oíd, oíd! 🔔"])

    assert result.exit_code == 0, result.output
    assert result.output == "pregon: 12/500 characters (488 left): fits\n"


@pytest.fixture(scope="module")
def built(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with two posts sent to Pregón (one as a thread), built strictly."""
    # tests/conftest.py owns how the example is copied; its fixtures are function-scoped.
    root_conftest = pytestconfig.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    example = root_conftest.copy_example(tmp_path_factory.mktemp("ninth") / "example")
    root = _with_pregon(example)
    _edit(root, THREADED, "[x, mastodon, bluesky, threads]", "[x, mastodon, bluesky, pregon]")
    command = [sys.executable, "-c", BUILD, str(HERE), "build", "--strict"]
    command += ["-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAVOZ_NOW": AT}
    done = subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def _variant(root: Path, path: str = POST) -> dict[str, Any]:
    schedule = json.loads((root / ".portavoz/schedule.json").read_text(encoding="utf-8"))
    (post,) = (p for p in schedule["posts"] if p["post"] == path)
    (variant,) = (v for v in post["variants"] if v["network"] == "pregon")
    return variant  # type: ignore[no-any-return]


def test_build_composes_it_with_its_template_and_facts(built: Path) -> None:
    variant = _variant(built)

    assert variant["parts"] == [TEXT]
    assert variant["api_text"] == TEXT.upper()
    assert variant["facets"] == []
    assert variant["counts"] == [
        {"length": len(TEXT), "limit": 500, "unit": "character", "fits": True, "problems": []}
    ]


def test_build_gives_it_a_share_link(built: Path) -> None:
    page = built / "site" / PAGE.removeprefix("https://blog.ruedalibre-demo.es/") / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")

    links = {a["data-network"]: a for a in soup.select("nav.portavoz-share a")}

    assert list(links) == ["x", "linkedin", "bluesky", "pregon"]
    query = urlencode({"titulo": TITLE, "enlace": PAGE})
    assert links["pregon"]["href"] == f"https://pregon.example/compartir?{query}"
    assert links["pregon"].get_text(strip=True) == "Pregón"


def test_build_threads_it(built: Path) -> None:
    parts = _variant(built, THREADED)["parts"]
    counts = _variant(built, THREADED)["counts"]

    assert len(parts) > 1
    assert [part.rsplit("\n\n", 1)[1] for part in parts] == [
        f"{i}/{len(parts)}" for i in range(1, len(parts) + 1)
    ]
    assert [c["length"] for c in counts] == [len(part) for part in parts]
    assert all(c["fits"] and c["length"] <= 500 for c in counts)


@pytest.mark.parametrize("suffix", [".rss.xml", ".atom.xml"])
def test_build_gives_it_a_feed_of_its_variants(built: Path, suffix: str) -> None:
    feed = feedparser.parse(built / f"site/feeds/networks/pregon{suffix}")

    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 2
    (entry,) = (e for e in feed.entries if e.link == PAGE)
    assert entry.id.endswith("#pregon")
    # RSS carries the text as (escaped) HTML, Atom as text.
    assert (html.unescape(entry.summary) if suffix == ".rss.xml" else entry.summary) == TEXT
