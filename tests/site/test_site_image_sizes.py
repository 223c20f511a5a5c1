"""Card image sizes are read once per build (issue 16): the site's image is on most pages."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from portavoz.scheduler.site import images
from portavoz.scheduler.site.images import ImageSizes, file_size


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "blog" / "posts").mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "card.png").write_bytes(_png(1200, 630))
    (tmp_path / "blog" / "posts" / "foto.png").write_bytes(_png(800, 400))
    return tmp_path


CASES = [
    ("assets/card.png", ""),
    ("/assets/card.png", "blog/posts/uno.md"),
    ("foto.png", "blog/posts/uno.md"),
    ("../../assets/card.png", "blog/posts/uno.md"),
    ("../fuera.png", ""),
    ("https://example.org/card.png", ""),
    ("falta.png", "blog/posts/uno.md"),
]


@pytest.mark.parametrize(("image", "src_uri"), CASES)
def test_image_sizes_are_file_size(content: Path, image: str, src_uri: str) -> None:
    assert ImageSizes(content).of(image, src_uri) == file_size(content, image, src_uri)


def test_each_image_is_read_once(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = images.read_regular

    def counted(path: Path, shown: str) -> bytes:
        read.append(shown)
        return real(path, shown)

    monkeypatch.setattr(images, "read_regular", counted)
    sizes = ImageSizes(content)
    found = [sizes.of("assets/card.png"), sizes.of("/assets/card.png", "blog/posts/dos.md")]
    found += [sizes.of("foto.png", f"blog/posts/{n}.md") for n in ("uno", "dos")]
    assert found == [(1200, 630), (1200, 630), (800, 400), (800, 400)]
    assert read == ["assets/card.png", "blog/posts/foto.png"]
