"""``mkdocs serve`` keeps each page's values (meta, JSON-LD, share links) for the next rebuild,
under a key of everything they show besides the build's shared inputs (issue 16): a post's own
card image is one of them, although the post's file does not change when only its image does.

MkDocs' own serve command runs in this process (only the waiting is replaced, as in
``bench/serve.py``); the reference is a first build of a copy with the same files, with nothing
kept from earlier builds.
"""

from __future__ import annotations

import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer

from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.content import repository
from portavoz.scheduler.site import partials
from portavoz.scheduler.usecases import previewing

IMAGE = Path("content/assets/images/e-brisa.png")  # one post's own card, not the site's
WIDTH = b'<meta property="og:image:width" content="'
Change = Callable[[Path], None]


def _resize_image(root: Path) -> None:
    """The post's own image gets another size (its PNG header); the post's file is the same."""
    image = root / IMAGE
    data = image.read_bytes()
    image.write_bytes(data[:16] + struct.pack(">II", 600, 315) + data[24:])


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAVOZ_NOW", "2026-11-20T12:00+01:00")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(repository, "SETTLED_NS", 0)  # the copied posts' reads are kept


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept from an earlier build in this process: the reference path."""
    monkeypatch.setattr(repository, "_KEPT", repository._KeptReads())
    monkeypatch.setattr(previewing, "_PANELS", LastBuild())
    monkeypatch.setattr(partials, "_PAGES", LastBuild())


def _serve(
    root: Path, rounds: list[Change], monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, bytes]]:
    """The files ``mkdocs serve`` on ``root`` serves after its first build and each round."""
    seen: list[dict[str, bytes]] = []

    def serve(self: LiveReloadServer, *, open_in_browser: bool = False) -> None:
        for change in [None, *rounds]:
            if change is not None:
                change(root)
                self.builder()
            served = Path(self.root)
            seen.append(
                {p.relative_to(served).as_posix(): p.read_bytes() for p in served.rglob("*.html")}
            )

    monkeypatch.setattr(LiveReloadServer, "serve", serve)
    args = ["serve", "-q", "-f", str(root / "mkdocs.yml")]
    cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
    return seen


def _post_page(pages: dict[str, bytes]) -> str:
    """The page of the post whose card is :data:`IMAGE`."""
    (name,) = (n for n, d in pages.items() if b'og:image" content="' in d and b"e-brisa.png" in d)
    return name


def test_a_post_s_own_card_image_resized_is_shown_by_the_next_rebuild(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pristine = example_site.parent / "pristine"
    shutil.copytree(example_site, pristine, ignore=shutil.ignore_patterns(".portavoz"))
    _forget(monkeypatch)

    first, resized = _serve(example_site, [_resize_image], monkeypatch)

    page = _post_page(first)
    assert WIDTH + b'1200"' in first[page]
    assert WIDTH + b'600"' in resized[page]
    _resize_image(pristine)
    _forget(monkeypatch)
    (fresh,) = _serve(pristine, [], monkeypatch)
    assert resized == fresh
