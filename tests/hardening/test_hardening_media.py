"""Files beside unpublished posts stay out of the site; those a live page uses are published.

The posts in ``corpus/media/`` (each says what it checks in an ``# Expect:`` line) are dropped
into the corpus project with an image file for every name in ``IMAGES``, whose bytes are unique.
Real ``mkdocs build --strict`` runs at three moments then show, read back with BeautifulSoup and
plain byte searches (never through portavoz), which files reached the site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hardening_corpus import CORPUS, make_project

MEDIA = CORPUS / "media"
POSTS = "content/blog/posts"
ORDINARY = {"PORTAVOZ_NOW": "2026-11-23T12:00:00+01:00"}
PAUSED = {
    **ORDINARY,
    "PORTAVOZ_PAUSE": "crisis",
    "PORTAVOZ_PAUSE_SINCE": "2026-11-19T00:00:00+01:00",
}
LAUNCH = {"PORTAVOZ_NOW": "2027-02-15T09:00:00+01:00"}
"""The future post's moment exactly (its date has no offset: Madrid time)."""

LIVE_POST = {"ordinary", "paused", "launch"}
IMAGES: dict[str, set[str]] = {
    # file (relative to the project) -> the builds that must publish it
    f"{POSTS}/media/viva.png": LIVE_POST,
    f"{POSTS}/media/viva-tarjeta.png": LIVE_POST,  # front-matter image
    f"{POSTS}/media/viva-mastodon.png": LIVE_POST,  # a network's override image
    f"{POSTS}/junto-viva.png": LIVE_POST,  # beside the post's file
    f"{POSTS}/media/compartida.png": LIVE_POST,  # also used by the future post
    f"{POSTS}/media/galeria.png": LIVE_POST,  # used by a page outside the blog
    "content/assets/recurso-futura.png": LIVE_POST,  # outside the posts folder: a site asset
    f"{POSTS}/media/futura.png": {"launch"},
    f"{POSTS}/media/futura-tarjeta.png": {"launch"},
    f"{POSTS}/media/futura-x.png": {"launch"},
    f"{POSTS}/media/futura-folleto.pdf": {"launch"},
    f"{POSTS}/junto-futura.png": {"launch"},
    f"{POSTS}/media/retenida.png": {"ordinary", "launch"},  # held only while paused
    f"{POSTS}/media/borrador.png": set(),
    f"{POSTS}/media/interna.png": set(),
    f"{POSTS}/media/caducada.png": set(),
    f"{POSTS}/media/huerfana.png": set(),  # used by no post at all
}
BUILDS = {"ordinary": ORDINARY, "paused": PAUSED, "launch": LAUNCH}


def _bytes(name: str) -> bytes:
    """Contents no other file has, so finding them anywhere in the site is a leak."""
    return b"\x89PNG\r\n\x1a\n" + f"portavoz-media-test:{name}:end".encode()


def _build(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    for name in {"PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"} - env.keys():
        full.pop(name, None)
    return subprocess.run(
        command, cwd=root, env=full, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module", params=sorted(BUILDS))
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    name = str(request.param)
    files = {p.relative_to(MEDIA).as_posix(): p.read_bytes() for p in MEDIA.rglob("*.md")}
    files.update({path: _bytes(path) for path in IMAGES})
    root = make_project(tmp_path_factory.mktemp("media") / name, files)
    done = _build(root, BUILDS[name])
    assert done.returncode == 0, done.stdout + done.stderr
    return name, root / "site"


def _linked(site: Path) -> set[str]:
    """Every URL an HTML page of the site points to (src, href, srcset, meta content)."""
    found = set()
    for page in site.rglob("*.html"):
        for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for attribute in ("src", "href", "content", "srcset"):
                value = tag.get(attribute)
                found.update(str(value).split() if value else [])
    return found


@pytest.mark.parametrize("image", sorted(IMAGES))
def test_only_media_of_live_pages_are_published(image: str, built: tuple[str, Path]) -> None:
    name, site = built
    files = [p for p in site.rglob("*") if p.is_file()]
    copies = [p for p in files if p.read_bytes() == _bytes(image)]
    linked = [url for url in _linked(site) if url.endswith("/" + Path(image).name)]
    if name in IMAGES[image]:
        assert len(copies) == 1, f"{image} is not published in the {name} build"
        return
    assert copies == [], f"{image} is published in the {name} build: {copies}"
    assert [p for p in files if _bytes(image) in p.read_bytes()] == []
    assert [p for p in files if p.name == Path(image).name] == []
    assert linked == [], f"pages of the {name} build link {image}: {linked}"


def test_a_live_post_shows_its_images(built: tuple[str, Path]) -> None:
    """Expect: the live post's page shows its images at URLs where the site has them."""
    _, site = built
    page = site / "blog" / "una-entrada-publicada" / "index.html"
    images = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("img")
    sources = [
        str(img["src"])
        for img in images
        if "viva" in str(img["src"]) or "compartida" in str(img["src"])
    ]
    assert len(sources) == 3
    for source in sources:
        assert (page.parent / source).resolve().is_file(), source
