"""The ``.txt`` of a variant: what a person copies into the network, section by section.

A variant with one part and nothing else is its text as it is. Otherwise every piece gets a
label line of its own, in the order a person posts them::

    --- content warning ---
    Huelga
    --- 1/2 ---
    First part, which may hold

    blank lines.
    --- 2/2 ---
    Second part.
    --- first comment ---
    …
    --- alt text ---
    …

A label line is ``--- `` + label + `` ---`` alone on its line. A line of a piece that looks like
one (``--- 2/5 ---`` written in a post) gets one more ``\\`` in front, so the labels stay
unambiguous; a reader drops one leading ``\\`` from such lines.
"""

from __future__ import annotations

import enum

import regex

from portavoz.scheduler.compose.variant import Variant

_LOOKS_LIKE_LABEL = regex.compile(r"^(\\*--- .* ---)$", regex.MULTILINE)


class Section(enum.StrEnum):
    """The labels of the pieces other than the parts (which are labelled ``k/n``)."""

    CONTENT_WARNING = "content warning"
    TEXT = "text"
    FIRST_COMMENT = "first comment"
    ALT_TEXT = "alt text"


def paste_text(variant: Variant) -> str:
    """The ``.txt`` of ``variant``, ending with a line break."""
    sections = _sections(variant)
    if len(sections) == 1 and sections[0][0] == Section.TEXT:
        return variant.parts[0] + "\n"
    return "".join(f"{label_line(label)}\n{escape(body)}\n" for label, body in sections)


def label_line(label: str) -> str:
    """The line that opens a section."""
    return f"--- {label} ---"


def escape(body: str) -> str:
    """``body`` with every line that looks like a label line given one more leading ``\\``."""
    if "--- " not in body:  # no line can look like one (most texts): not searched line by line
        return body
    return _LOOKS_LIKE_LABEL.sub(r"\\\1", body)


def _sections(variant: Variant) -> list[tuple[str, str]]:
    sections: list[tuple[str, str]] = []
    if variant.content_warning:
        sections.append((Section.CONTENT_WARNING, variant.content_warning))
    total = len(variant.parts)
    if total == 1:
        sections.append((Section.TEXT, variant.parts[0]))
    else:
        sections += [(f"{i}/{total}", part) for i, part in enumerate(variant.parts, 1)]
    if variant.first_comment:
        sections.append((Section.FIRST_COMMENT, variant.first_comment))
    if variant.image_alt:
        sections.append((Section.ALT_TEXT, variant.image_alt))
    return sections
