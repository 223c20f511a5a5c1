"""``mkdocs serve`` keeps each page's values (meta, JSON-LD, share links) for the next rebuild,
under a key of everything they show besides the build's shared inputs (issue 16): a post's own
card image is one of them, although the post's file does not change when only its image does.

MkDocs' own serve command runs in this process (only the waiting is replaced, as in
``bench/serve.py``); the reference is a first build of a copy with the same files, with nothing
kept from earlier builds. A build's own table of cards' images is checked with two folders'
posts naming one image.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from mkdocs.__main__ import cli
from serve_driver import Change, forget, serve_rounds

from portavoz.scheduler.content import repository

IMAGE = Path("content/assets/images/e-brisa.png")  # one post's own card, not the site's
WIDTH = b'<meta property="og:image:width" content="'


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


def _serve(
    root: Path, rounds: list[Change], monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, bytes]]:
    """The HTML pages ``mkdocs serve`` on ``root`` serves after its first build and each round."""

    def snapshot(served: Path) -> dict[str, bytes]:
        return {p.relative_to(served).as_posix(): p.read_bytes() for p in served.rglob("*.html")}

    return serve_rounds(root, rounds, monkeypatch, snapshot)


def _post_page(pages: dict[str, bytes]) -> str:
    """The page of the post whose card is :data:`IMAGE`."""
    (name,) = (n for n, d in pages.items() if b'og:image" content="' in d and b"e-brisa.png" in d)
    return name


def test_a_post_s_own_card_image_resized_is_shown_by_the_next_rebuild(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pristine = example_site.parent / "pristine"
    shutil.copytree(example_site, pristine, ignore=shutil.ignore_patterns(".portavoz"))
    forget(monkeypatch)

    first, resized = _serve(example_site, [_resize_image], monkeypatch)

    page = _post_page(first)
    assert WIDTH + b'1200"' in first[page]
    assert WIDTH + b'600"' in resized[page]
    _resize_image(pristine)
    forget(monkeypatch)
    (fresh,) = _serve(pristine, [], monkeypatch)
    assert resized == fresh


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


def test_posts_of_two_folders_naming_one_image_show_each_its_own(example_site: Path) -> None:
    # A build takes an image's size and URL once for the posts of a folder naming it: posts
    # of another folder with the same name have another image.
    posts = example_site / "content/blog/posts"
    source = (posts / "2026-01-12-seiscientas-bicis-nuevas.md").read_text(encoding="utf-8")
    (posts / "otra").mkdir()
    for folder, width, title in ((posts, 800, "Uno"), (posts / "otra", 300, "Dos")):
        (folder / "foto.png").write_bytes(_png(width, width // 2))
        card = f'image: foto.png\nimage_alt: "Foto {title}"\ntitle: "{title} empezamos'
        text = source.replace('title: "Empezamos', card)
        (folder / f"2026-01-13-foto-{title.lower()}.md").write_text(text, "utf-8")
    site = example_site / "site"
    args = ["build", "-q", "-f", str(example_site / "mkdocs.yml"), "-d", str(site)]
    cli.main(args=args, prog_name="mkdocs", standalone_mode=False)

    cards = {}
    for page in site.rglob("index.html"):
        data = page.read_bytes()
        for title in ("Uno", "Dos"):
            if f'content="Foto {title}"'.encode() in data:
                cards[title] = data.split(WIDTH, 1)[1].split(b'"', 1)[0]
    assert cards == {"Uno": b"800", "Dos": b"300"}
