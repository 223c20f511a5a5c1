"""The pixel size of a social card image, read from its header (``og:image:width``/``height``).

Link previews draw the card at once when the page gives the size, instead of fetching the image
first. The environment has no imaging library (Pillow is not a dependency), and the size is all
that is needed: PNG, GIF, WebP and JPEG say it in a few bytes of their header. Anything else,
or a header that does not parse, has no size (the meta is then left out, never guessed).
"""

from __future__ import annotations

import posixpath
import struct
from pathlib import Path

from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError

_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG frame headers (SOF0…SOF15 except DHT, JPG and DAC) carry height and width.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})  # markers without a length


def file_size(content: Path, image: str, src_uri: str = "") -> tuple[int, int] | None:
    """The size of an image in the content folder, given as a post (at ``src_uri``) names it.

    Relative to the post's folder, or to the content folder with a leading ``/`` (or without a
    post). A URL elsewhere, a missing file or a link (never followed) has no size.
    """
    path = _content_path(image, src_uri)
    return None if path is None else _read_size(content, path)


class ImageSizes:
    """:func:`file_size` of each image read once: a site's card image is on most of its pages.

    Made for one build (``mkdocs serve`` makes a new one on each rebuild, so a changed image
    is read again).
    """

    def __init__(self, content: Path) -> None:
        self.content = content
        self._known: dict[str, tuple[int, int] | None] = {}
        self._site_card: dict[str, tuple[int, int] | None] = {}

    def of(self, image: str, src_uri: str = "") -> tuple[int, int] | None:
        """As :func:`file_size` ``(content, image, src_uri)``."""
        if not src_uri:  # the site's card, asked on every page that is not a post
            if image not in self._site_card:
                self._site_card[image] = self._of_path(_content_path(image, ""))
            return self._site_card[image]
        return self._of_path(_content_path(image, src_uri))

    def _of_path(self, path: str | None) -> tuple[int, int] | None:
        if path is None:
            return None
        if path not in self._known:
            self._known[path] = _read_size(self.content, path)
        return self._known[path]


def _content_path(image: str, src_uri: str) -> str | None:
    """The image's path in the content folder, or ``None`` for a URL or a path out of it."""
    if "://" in image or image.startswith("//"):
        return None
    base = "" if image.startswith("/") or not src_uri else posixpath.dirname(src_uri)
    path = posixpath.normpath(posixpath.join(base, image.lstrip("/")))
    if path.startswith("../") or path == "..":
        return None
    return path


def _read_size(content: Path, path: str) -> tuple[int, int] | None:
    try:
        return image_size(read_regular(content / path, path))
    except (ContentError, OSError):
        return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """``(width, height)`` of a PNG, GIF, WebP or JPEG image, or ``None``."""
    try:
        if data.startswith(_PNG) and data[12:16] == b"IHDR":
            return _positive(*struct.unpack(">II", data[16:24]))
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return _positive(*struct.unpack("<HH", data[6:10]))
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
        if data[:2] == b"\xff\xd8":
            return _jpeg(data)
    except struct.error:  # a header cut short
        return None
    return None


def _positive(width: int, height: int) -> tuple[int, int] | None:
    return (width, height) if width > 0 and height > 0 else None


def _webp(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 ":  # lossy: 14-bit sizes after the frame tag and start code
        width, height = struct.unpack("<HH", data[26:30])
        return _positive(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":  # lossless: 14-bit sizes minus one, packed after the signature
        bits = int.from_bytes(data[21:25], "little")
        return _positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":  # extended: 24-bit sizes minus one
        width = int.from_bytes(data[24:27], "little") + 1
        return _positive(width, int.from_bytes(data[27:30], "little") + 1)
    return None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker in _STANDALONE:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return _positive(width, height)
        if marker == 0xDA or length < 2:  # image data before any frame header
            return None
        at += 2 + length
    return None
