"""The ``image-alt`` rule: alternative text that describes the image.

The loader already refuses an image without ``image_alt``; this rule catches alternative text
that is there but says nothing — a file name, a placeholder such as "imagen" or "photo", a
couple of characters — and a variant's image left without one.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from portavoz.scheduler.base.fold import fold
from portavoz.scheduler.lint.context import Finding, PostText
from portavoz.scheduler.lint.ids import RuleId

_FILE_NAME = regex.compile(
    r"^\S+\.(?:png|jpe?g|gif|webp|svg|avif|heic|bmp|tiff?)$|^[\w-]*\d[\w-]*$|^\w+[_-]\w+$",
    regex.IGNORECASE,
)
_PLACEHOLDERS = frozenset(
    {
        "alt", "image", "imagen", "imagenes", "images", "img", "foto", "fotos", "photo",
        "photos", "picture", "pic", "captura", "screenshot", "grafico", "graphic", "banner",
        "cartel", "logo", "icono", "icon", "portada", "cover", "todo", "tbd",
    }
)  # fmt: skip
_FILLER = frozenset({"a", "an", "the", "of", "de", "del", "la", "el", "una", "un"})
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def weakness(alt: str, least: int) -> str | None:
    """Why an alternative text does not describe its image, or ``None`` if it may."""
    text = alt.strip()
    if not text:
        return "is empty"
    if _FILE_NAME.match(text):
        return "is a file name"
    words = [w for w in _WORD.findall(fold(text)) if w not in _FILLER]
    if words and all(w in _PLACEHOLDERS for w in words):
        return "is a placeholder"
    if len(text) < least:
        return f"is only {len(text)} characters long"
    return None


def check_alt_text(ctx: PostText) -> Iterator[Finding]:
    """The post's ``image_alt`` and each variant's image alternative text."""
    post, least = ctx.post, ctx.settings.alt_min_length
    if post.image and post.image_alt is not None:
        why = weakness(post.image_alt, least)
        if why:
            yield Finding(
                RuleId.IMAGE_ALT, "image_alt", post.line_of("image_alt"),
                _message(post.image_alt, why), fold(post.image_alt.strip()), -1,
            )  # fmt: skip
    for variant in ctx.variants:
        if not variant.image:
            continue
        alt = variant.image_alt
        why = weakness(alt, least) if alt else "is missing"
        if why:
            message = f"{variant.network}: image '{variant.image}': " + _message(alt, why)
            line = post.line_of("channels")
            subject = fold(alt.strip()) if alt.strip() else f"{variant.network}: missing"
            yield Finding(RuleId.IMAGE_ALT, "channels", line, message, subject, -1, variant.network)


def _message(alt: str, why: str) -> str:
    shown = f"alternative text '{alt.strip()}' {why}" if alt.strip() else f"alternative text {why}"
    return f"{shown}; describe what the image shows for people who cannot see it"
