"""The persistent reads cache: an unchanged post is decoded from it, exactly as a parse reads it,
and never for other inputs (each input changed once), nor from a damaged file."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from portavoz.scheduler import networks
from portavoz.scheduler.content import repository
from portavoz.scheduler.content.repository import Loaded, load_posts
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.project import load_project
from portavoz.scheduler.usecases import caching, reading_cache
from portavoz.scheduler.usecases.caching import CachePlace
from portavoz.scheduler.usecases.reading_cache import ReadsCache

POSTS = "content/blog/posts"
SEED = "2026-01-26-cinco-rutas-cortas.md"  # has an image; its author is marc

ODD = """\
---
title: "Una entrada con de todo"
date: 2026-05-04T09:30:00+05:45
updated: 2026-05-06T10:00:00Z
expires: 2026-12-01
draft: true
id: entrada-rara
lang: en
slug: rara
thread: true
lint_ignore: [spelling]
authors: [marc, lucia]
categories: [Prensa]
tags: [valencia, flota]
audience: [general]
campaign: otoño
image: ../../assets/images/cinco-rutas-cortas.jpg
image_alt: Cinco líneas
summary: Un resumen.
channels:
  x:
    text: |
      Primera parte
      ---
      Segunda parte
    hashtags: []
    at: +2h30m
  mastodon:
    mentions: ["@ana@example.social"]
    content_warning: aviso
    at: 2026-05-05 10:00:00
  bluesky:
    at: 2026-05-05T10:00:00-03:00
    image: /assets/images/primavera-en-pedales.jpg
    image_alt: Flores
    thread: false
  linkedin: true
  threads: false
---

# Una entrada con de todo

Texto.\r
"""

AMBIGUOUS = """---
title: Otoño
date: 2026-10-25 02:30:00
channels: [x]
---
Cuerpo.
"""

REJECTED = """---
title: Rota
date: 2026-02-30
channels: [tiktok, x]
autors: [nadie]
---
Cuerpo.
"""

MISSING_IMAGE = """---
title: Sin imagen
date: 2026-03-01
image: nada.png
image_alt: nada
---
Cuerpo.
"""

FILES = {
    "odd.md": ODD,
    "missing-image.md": MISSING_IMAGE,
    "ambiguous.md": AMBIGUOUS,
    "rejected.md": REJECTED,
    "no-front-matter.md": "# Solo texto\n",
    "unclosed.md": "---\ntitle: x\n",
    "bad-yaml.md": "---\ntitle: [x\n---\n",
    "empty.md": "",
}


@pytest.fixture
def site(example_site: Path) -> Path:
    root = example_site
    for name, text in FILES.items():
        (root / POSTS / name).write_bytes(text.encode("utf-8"))
    return root


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No other test's cache files or reads in this process's memos."""
    monkeypatch.setattr(repository, "_KEPT", repository._KeptReads())
    caching.forget_files()
    yield
    caching.forget_files()


def _place(root: Path) -> CachePlace:
    return CachePlace.of(root, (root / ".portavoz").resolve())


def _settings(root: Path) -> SiteSettings:
    return load_project(root / "mkdocs.yml").settings


def _exact(loaded: Loaded) -> str:
    """Everything of a load, types included: ``repr`` names each value's type (a tuple is not
    a list), each date's timezone and fold, each post's body and key lines."""
    return repr(loaded)


def _cached(root: Path, settings: SiteSettings) -> tuple[Loaded, ReadsCache]:
    """A load through the cache file as a new process opens it, then saved."""
    caching.forget_files()
    cache = ReadsCache.open(_place(root))
    loaded = load_posts(root, settings, store=cache)
    cache.save()
    caching.forget_files()
    return loaded, cache


def _parsed_never(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes, path: str) -> object:
        raise AssertionError(f"{path} parsed again")

    monkeypatch.setattr(repository, "read_post", refuse)


def test_reads_from_the_cache_are_those_of_a_parse(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(site)
    parsed = load_posts(site, settings)
    first, cache = _cached(site, settings)
    assert cache.warning is None
    assert (site / ".portavoz/cache/posts.json").is_file()
    _parsed_never(monkeypatch)

    again, cache = _cached(site, settings)

    assert cache.warning is None
    assert _exact(again) == _exact(first) == _exact(parsed)
    # The odd forms are there: a fixed offset, a zone, an offset `at:`, errors and a warning.
    odd = next(p for p in again.posts if p.path.endswith("odd.md"))
    assert odd.date.utcoffset() is not None and str(odd.date.tzinfo) == "UTC+05:45"
    assert again.rejected and any("happens twice" in p.message for p in again.problems)


def _changed_settings(settings: SiteSettings) -> Iterator[tuple[str, SiteSettings]]:
    yield "timezone", dataclasses.replace(settings, timezone=ZoneInfo("America/New_York"))
    yield "language", dataclasses.replace(settings, language="en")
    audiences = {k: v for k, v in settings.audiences.items() if k != "prensa"}
    yield "audiences", dataclasses.replace(settings, audiences=audiences)
    private = {k: dataclasses.replace(v, public=False) for k, v in settings.audiences.items()}
    yield "public", dataclasses.replace(settings, audiences=private)
    yield "default_audience", dataclasses.replace(settings, default_audience="prensa")
    blog = dataclasses.replace(settings.blog, post_slugify_separator="_")
    yield "post_slugify_separator", dataclasses.replace(settings, blog=blog)
    yield "docs_dir", dataclasses.replace(settings, docs_dir="content/")


@pytest.mark.parametrize("name", [n for n, _ in _changed_settings(SiteSettings())])
def test_each_setting_is_part_of_the_key(site: Path, name: str) -> None:
    settings = _settings(site)
    _cached(site, settings)
    changed = dict(_changed_settings(settings))[name]
    reference = load_posts(site, changed)
    if name != "docs_dir":  # the same folder spelled otherwise: the same reads
        assert _exact(reference) != _exact(load_posts(site, settings)), name

    served, cache = _cached(site, changed)

    assert cache.warning is None
    assert _exact(served) == _exact(reference)


def _edit(root: Path) -> None:
    path = root / POSTS / SEED
    path.write_text(path.read_text("utf-8").replace("title: ", "title: Nuevo: ", 1), "utf-8")


def _drop_author(root: Path) -> None:
    path = root / "content/blog/.authors.yml"
    path.write_text(path.read_text("utf-8").replace("  marc:", "  marco:", 1), "utf-8")


def _drop_image(root: Path) -> None:
    (root / "content/assets/images/cinco-rutas-cortas.jpg").unlink()


def _add_image(root: Path) -> None:
    shutil.copy(root / "content/assets/images/primavera-en-pedales.jpg", root / POSTS / "nada.png")


def _rename(root: Path) -> None:
    (root / POSTS / SEED).rename(root / POSTS / "otro-nombre.md")


@pytest.mark.parametrize(
    "change", [_edit, _drop_author, _drop_image, _add_image, _rename], ids=lambda f: f.__name__
)
def test_each_input_of_the_site_is_part_of_the_key(site: Path, change: object) -> None:
    settings = _settings(site)
    before, _ = _cached(site, settings)
    change(site)  # type: ignore[operator]
    reference = load_posts(site, settings)
    assert _exact(reference) != _exact(before)

    served, cache = _cached(site, settings)

    assert cache.warning is None
    assert _exact(served) == _exact(reference)


def test_the_registered_networks_are_part_of_the_key(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(site)
    before, _ = _cached(site, settings)
    monkeypatch.delitem(networks._REGISTRY, "mastodon")
    reference = load_posts(site, settings)
    assert _exact(reference) != _exact(before)

    served, _ = _cached(site, settings)

    assert _exact(served) == _exact(reference)


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the post files parsed from now on (appended as they are)."""
    parsed: list[str] = []
    read_post = repository.read_post

    def counted(data: bytes, path: str) -> object:
        parsed.append(path)
        return read_post(data, path)

    monkeypatch.setattr(repository, "read_post", counted)
    return parsed


def test_portavoz_code_is_part_of_the_key(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(site)
    _cached(site, settings)
    monkeypatch.setattr(caching, "code_version", lambda: "another version")
    parsed = _count_parses(monkeypatch)

    _cached(site, settings)

    assert len(parsed) == len(list((site / POSTS).glob("*.md")))


def _posts_cache(root: Path) -> Path:
    return root / ".portavoz/cache/posts.json"


def _rows(root: Path) -> tuple[bytes, list[bytes]]:
    head, *rows = _posts_cache(root).read_bytes().split(b"\n")
    return head, rows


def _damage_first(field: str, value: object) -> Callable[[bytes], bytes]:
    """The first entry's post ``field`` (one of the stored ones) set to ``value``."""

    def damage(data: bytes) -> bytes:
        head, rest = data.split(b"\n", 1)
        row, others = rest.split(b"\n", 1)
        key, stored = row.split(b":", 1)
        entry = json.loads(stored.rstrip(b","))
        assert entry[1] is not None, "the first entry is a post"
        entry[1][reading_cache._STORED.index(field)] = value
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
        comma = b"," if stored.endswith(b",") else b""
        return b"\n".join([head, key + b":" + text + comma, others])

    return damage


def _body_too_long(data: bytes) -> bytes:
    head, rest = data.split(b"\n", 1)
    lines = rest.split(b"\n")
    for i, row in enumerate(lines):
        key, _, value = row.partition(b":")
        entry = json.loads(value.rstrip(b",")) if value.startswith(b"[") else None
        if entry is not None and entry[1] is not None:
            entry[2] = 10**9
            text = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
            lines[i] = key + b":" + text + (b"," if value.endswith(b",") else b"")
            break
    return b"\n".join([head, *lines])


DAMAGE = {
    "garbage": lambda data: b"\x00\xff not json",
    "truncated": lambda data: data[: len(data) // 2],
    "wrong type": _damage_first("title", 12),
    "a slug out of its folder": _damage_first("slug", "../../fuera"),
    "a hidden slug": _damage_first("slug", ".oculto"),
    "body longer than its file": _body_too_long,
    "other schema": lambda data: data.replace(reading_cache.SCHEMA.encode(), b"portavoz/x", 1),
    "a python object": lambda data: b'{"schema": {"!!python/object": "os.system"}}',
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_is_ignored_with_one_warning(site: Path, damage: str) -> None:
    settings = _settings(site)
    reference = load_posts(site, settings)
    _cached(site, settings)
    path = _posts_cache(site)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))

    served, cache = _cached(site, settings)

    assert cache.warning is not None
    assert cache.warning.format().startswith(".portavoz/cache/posts.json: cache: unusable cache (")
    assert _exact(served) == _exact(reference)
    again, cache = _cached(site, settings)  # written again from that run
    assert cache.warning is None and _exact(again) == _exact(reference)


def test_a_link_in_place_of_the_cache_is_not_followed(site: Path, tmp_path: Path) -> None:
    settings = _settings(site)
    _cached(site, settings)
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps({"schema": reading_cache.SCHEMA, "entries": {}}), "utf-8")
    _posts_cache(site).unlink()
    _posts_cache(site).symlink_to(outside)
    before = outside.read_bytes()

    served, cache = _cached(site, settings)

    assert cache.warning is not None and _exact(served) == _exact(load_posts(site, settings))
    assert not _posts_cache(site).is_symlink() and outside.read_bytes() == before


_FIELD = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=30
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=_FIELD, summary=_FIELD, body=_FIELD, tag=_FIELD)
def test_any_text_reads_back_alike(
    site: Path, title: str, summary: str, body: str, tag: str
) -> None:
    def quoted(value: str) -> str:  # a JSON string is a YAML double-quoted one
        return json.dumps(value, ensure_ascii=False)

    keys = f"title: {quoted(title)}\nsummary: {quoted(summary)}\ntags: [{quoted(tag)}]"
    text = f"---\n{keys}\ndate: 2026-03-01\n---\n{body}"
    for old in (site / POSTS).glob("*.md"):
        old.unlink()
    (site / POSTS / "one.md").write_text(text, "utf-8")
    settings_ = _settings(site)
    reference = load_posts(site, settings_)
    _cached(site, settings_)

    served, cache = _cached(site, settings_)

    assert cache.warning is None and _exact(served) == _exact(reference)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file a build wrote (site and internal outputs), the caches' folder left out."""
    found = {}
    for top in (root / "site", root / ".portavoz"):
        for path in sorted(top.rglob("*")):
            if path.is_file() and "cache" not in path.relative_to(root).parts:
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def test_a_build_reading_from_the_cache_writes_what_a_parsing_build_writes(
    example_site: Path, build: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_site
    now = {"PORTAVOZ_NOW": "2026-06-01T00:00+02:00"}
    done = build(root, now, strict=False)  # no cache yet: every post is parsed
    assert done.returncode == 0, done.output
    cold = _tree(root)
    assert _posts_cache(root).is_file()
    _parsed_never(monkeypatch)
    # This process may have hashed portavoz's files before the build's did.
    caching.code_version.cache_clear()
    for name in ("PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAVOZ_NOW", now["PORTAVOZ_NOW"])
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    mkdocs_build(config)

    assert _tree(root) == cold


def test_serve_rebuilds_keep_the_entries_of_the_reads_they_keep(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(site)

    def serve_build() -> None:  # mkdocs serve: the process's kept reads, then the file
        cache = ReadsCache.open(_place(site))
        load_posts(site, settings, keep=True, store=cache)
        cache.save()

    serve_build()
    _edit(site)
    serve_build()  # one file parsed, every other read taken from the process
    monkeypatch.setattr(repository, "_KEPT", repository._KeptReads())  # a new process
    parsed = _count_parses(monkeypatch)

    served, _ = _cached(site, settings)

    assert parsed == []
    assert _exact(served) == _exact(load_posts(site, settings))


def test_a_post_whose_timezone_has_no_json_form_is_read_not_stored(site: Path) -> None:
    # A zone made apart from the process's one instance would not come back as itself.
    settings = dataclasses.replace(_settings(site), timezone=ZoneInfo.no_cache("Europe/Madrid"))
    reference = load_posts(site, settings)

    first, cache = _cached(site, settings)

    assert cache.warning is None and _exact(first) == _exact(reference)
    text = _posts_cache(site).read_text("utf-8")
    stored = text.count("\n") - 2  # the head and the closing line
    # Only the posts that never reach a moment of that zone are stored (none of the example's).
    assert stored < len(reference.posts) + len(reference.rejected)
