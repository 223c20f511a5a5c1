"""Done when: a brand installs the wheel, runs ``portavoz new``, and ``mkdocs build --strict``
passes with every portavoz feature on its posts, in its own language only.

The wheel is built from this repository (:func:`test_packaging.build_wheel`) and installed into
a fresh virtual environment with ``--no-deps``; the dependencies come from the locked
environment through a ``.pth`` line read *after* the new environment's own site-packages, so
portavoz itself is imported from the wheel (checked) and no network is needed. No
``custom_dir``: everything the pages carry ships in the package. The built pages are read with
BeautifulSoup.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

import frontmatter
import material
import pytest
import yaml
from bs4 import BeautifulSoup
from scaffold_config import read_config
from test_packaging import build_wheel

from portavoz.scheduler.i18n import Language, en, es

pytestmark = pytest.mark.slow

NOW = "2026-03-10T12:00:00+00:00"
LOCKED = Path(sysconfig.get_paths()["purelib"])
"""The test environment's site-packages: portavoz's dependencies, as locked."""
MATERIAL = Path(material.__file__).parent / "templates"
"""Material's own files: a built file copied from there (scripts with lunr's stop words in
every language, stylesheets) is not a text of portavoz."""

SPANISH = [
    "Para:", "Compartir", "Programado", "Enlace en la bio", "Audiencias", "comunidad",
    "Público", "Retenido", "Borrador", "Vista previa",
    # the units counts are shown in (review, preview panel): internal JSON names them by id
    "caracteres ponderados", "grafemas", "unidades de código", "caracteres", "bytes UTF-8",
]  # fmt: skip
ENGLISH = [
    "For:", "Share on", "Scheduled", "Link in bio", "Audiences", "community", "Everyone",
    "Held by", "Draft",
    # the units counts are shown in (review, preview panel): internal JSON names them by id
    "weighted characters", "graphemes", "UTF-16 code units", "characters", "UTF-8 bytes",
]  # fmt: skip
DATES = {
    Language.EN: re.compile(r"\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto"
                            r"|septiembre|octubre|noviembre|diciembre) de \d{4}"),
    Language.ES: re.compile(r"\b(January|February|March|April|May|June|July|August|September"
                            r"|October|November|December) \d{1,2}, \d{4}"),
}  # fmt: skip
"""Per scaffold language: a date written in the other language."""


def phrases(catalog: dict[object, str], other: dict[object, str]) -> list[str]:
    """The catalog's phrases of two words or more that the other language never uses."""
    theirs = " ".join(other.values())
    found = set()
    for text in catalog.values():
        for part in re.split(r"\{[^}]*\}", text):
            part = part.strip(" .,:;()·-")
            if " " in part and len(part) >= 8 and part not in theirs:
                found.add(part)
    return sorted(found)


FOREIGN = {
    Language.EN: SPANISH + phrases(dict(es.MESSAGES), dict(en.MESSAGES)),
    Language.ES: ENGLISH + phrases(dict(en.MESSAGES), dict(es.MESSAGES)),
}
"""Per scaffold language: portavoz's texts in the other language, none of which may appear."""


@dataclass(frozen=True)
class Venv:
    """A fresh virtual environment with the wheel installed."""

    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PORTAVOZ_"))}
        env |= {
            "PORTAVOZ_NOW": NOW,
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": f"{self.bin}:/usr/bin:/bin",
        }
        return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=300, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    out = tmp_path_factory.mktemp("install")
    wheel = build_wheel(out / "wheel")
    root = out / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True,
                   timeout=120)  # fmt: skip
    install = [sys.executable, "-m", "pip", "--python", str(root / "bin" / "python"), "install",
               "--no-deps", "--no-index", "--quiet", str(wheel)]  # fmt: skip
    subprocess.run(install, check=True, capture_output=True, timeout=300)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = subprocess.run([root / "bin" / "python", "-c", where], check=True,
                             capture_output=True, text=True, timeout=60).stdout.strip()  # fmt: skip
    # A path line, not the locked environment's own .pth files: its editable finder for
    # /work/main never runs, so `portavoz` can only come from the wheel.
    (Path(purelib) / "zz-locked-dependencies.pth").write_text(f"{LOCKED}\n", encoding="utf-8")
    return Venv(root)


@dataclass(frozen=True)
class Brand:
    """A scaffolded site, built."""

    root: Path
    lang: Language
    build: subprocess.CompletedProcess[str]

    @property
    def site_url(self) -> str:
        return str(read_config(self.root)["site_url"])

    def page(self, relative: str) -> BeautifulSoup:
        html = (self.root / "site" / relative / "index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")


def scaffold_and_build(venv: Venv, root: Path, lang: Language) -> Brand:
    made = venv.run(venv.bin / "portavoz", "new", root, "--lang", lang.value, cwd=root.parent)
    assert made.returncode == 0, made.stdout + made.stderr
    built = venv.run(venv.bin / "python", "-m", "mkdocs", "build", "--strict", cwd=root)
    return Brand(root, lang, built)


@pytest.fixture(scope="module", params=list(Language), ids=str)
def brand(
    request: pytest.FixtureRequest, venv: Venv, tmp_path_factory: pytest.TempPathFactory
) -> Brand:
    root = tmp_path_factory.mktemp("brands") / f"brand-{request.param}"
    return scaffold_and_build(venv, root, request.param)


def test_portavoz_comes_from_the_wheel_in_the_new_environment(venv: Venv, tmp_path: Path) -> None:
    probe = "import portavoz.scheduler.cli as c, portavoz.plugins.site as s; print(c.__file__)"
    probe += "; print(s.__file__)"
    where = venv.run(venv.bin / "python", "-c", probe, cwd=tmp_path)
    files = [Path(line) for line in where.stdout.split()]
    assert len(files) == 2 and all(f.is_relative_to(venv.root) for f in files), where


def test_version_and_metadata_are_those_of_the_release(venv: Venv, tmp_path: Path) -> None:
    shown = venv.run(venv.bin / "portavoz", "--version", cwd=tmp_path)
    probe = "from importlib.metadata import metadata as m; print(m('portavoz').as_string())"
    meta = venv.run(venv.bin / "python", "-c", probe, cwd=tmp_path)
    assert shown.returncode == 0 and shown.stdout.startswith("portavoz, version ")
    version = shown.stdout.split()[-1]
    text = meta.stdout
    assert f"Version: {version}" in text and "License-Expression: MIT" in text
    assert "License-File: LICENSE" in text and "Project-URL: " in text
    assert "Classifier: Framework :: MkDocs" in text and "Keywords: mkdocs" in text
    assert "Description-Content-Type: text/markdown" in text
    workflow = (venv.root.parent / "probe").resolve()
    made = venv.run(venv.bin / "portavoz", "new", workflow, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    review = yaml.safe_load((workflow / ".github/workflows/review.yml").read_text("utf-8"))
    assert f'"portavoz=={version}"' in str(review["jobs"]["review"]["steps"])


def test_the_scaffold_builds_strictly_without_a_custom_dir(brand: Brand) -> None:
    assert brand.build.returncode == 0, brand.build.stdout + brand.build.stderr
    config = read_config(brand.root)
    assert "custom_dir" not in config["theme"]


def posts(brand: Brand) -> list[tuple[str, str, dict[str, object]]]:
    """Each post's status and page (from the schedule the build wrote) and its front matter."""
    schedule = json.loads((brand.root / ".portavoz/schedule.json").read_text("utf-8"))
    site_path = urlsplit(brand.site_url).path
    found = []
    for post in schedule["posts"]:
        page = unquote(urlsplit(post["url"]).path).removeprefix(site_path).strip("/")
        found.append((post["status"], page, frontmatter.load(brand.root / post["post"]).metadata))
    return found


def test_post_pages_carry_meta_feeds_audiences_and_share_links(brand: Brand) -> None:
    assert brand.build.returncode == 0, brand.build.stdout + brand.build.stderr
    statuses = sorted(status for status, _, _ in posts(brand))
    assert statuses == ["live", "live", "scheduled"]
    for status, slug, meta in posts(brand):
        if status == "scheduled":  # no page, by design
            assert not (brand.root / "site" / slug).exists(), slug
            continue
        page = brand.page(slug)
        metas = {
            m.get("property") or m.get("name"): m.get("content") for m in page.find_all("meta")
        }
        assert {"og:title", "og:type", "og:url", "og:description", "twitter:card"} <= metas.keys()
        assert unquote(urlsplit(str(metas["og:url"])).path).endswith(f"/{slug}/")
        feeds = page.find_all("link", rel="alternate")
        assert {"application/rss+xml", "application/atom+xml"} <= {f.get("type") for f in feeds}
        links = [str(a.get("href", "")) for a in page.find_all("a")]
        for audience in cast(list[str], meta["audience"]):
            assert any(f"/{audience}/" in h for h in links), (slug, audience)
        hosts = {urlsplit(h).hostname or "" for h in links}
        for network in cast(list[str] | dict[str, object], meta["channels"]):
            expected = {"x": "x.com", "mastodon": "mastodon", "bluesky": "bsky.app",
                        "linkedin": "linkedin.com"}[network]  # fmt: skip
            assert any(expected in host for host in hosts), (slug, network, hosts)


def foreign_texts(brand: Brand) -> list[str]:
    """Each ``file: text`` where a built file or internal output shows the other language."""
    found = []
    outputs = [brand.root / "site", brand.root / ".portavoz"]
    for path in sorted(p for folder in outputs for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(brand.root).as_posix()
        shipped = MATERIAL / path.relative_to(outputs[0]) if name.startswith("site/") else None
        if (shipped and shipped.is_file()) or path.suffix in {".gz", ".png", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if name.startswith(".portavoz/exports/publer/"):
            text = text.partition("\n")[2]  # Publer's own column names, which it reads verbatim
        found += [f"{name}: {t!r}" for t in FOREIGN[brand.lang] if t in text]
        found += [f"{name}: {m[0]!r}" for m in DATES[brand.lang].finditer(text)]
    return found


def test_every_built_file_and_output_is_in_the_sites_language_only(brand: Brand) -> None:
    assert brand.build.returncode == 0, brand.build.stdout + brand.build.stderr
    assert (brand.root / ".portavoz/schedule.json").is_file()
    assert foreign_texts(brand) == []
    # The reader sees the pages: the scaffold's own words in its language are there.
    own = {Language.EN: "Audiences", Language.ES: "Audiencias"}[brand.lang]
    assert own in (brand.root / "site/index.html").read_text("utf-8")


def test_new_into_a_folder_that_is_not_empty_changes_nothing(venv: Venv, brand: Brand) -> None:
    before = {p: p.read_bytes() for p in brand.root.rglob("*") if p.is_file()}
    again = venv.run(venv.bin / "portavoz", "new", brand.root, cwd=brand.root.parent)
    assert again.returncode != 0 and "is not empty" in again.stderr
    assert {p: p.read_bytes() for p in brand.root.rglob("*") if p.is_file()} == before
