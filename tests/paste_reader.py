"""An independent reader of the variant ``.txt`` files: label lines split it into sections.

It knows only the documented shape (``--- label ---`` lines; a piece line that looks like one
carries one more leading backslash), not the writer's code.
"""

from __future__ import annotations

import re

LABEL = re.compile(r"^--- (.+) ---$")
ESCAPED = re.compile(r"^\\(\\*--- .* ---)$")


def read_paste(text: str) -> dict[str, str]:
    """Label → piece; a file without label lines is one piece labelled ``text``."""
    assert text.endswith("\n"), "a .txt ends with a line break"
    lines = text[:-1].split("\n")
    if not LABEL.match(lines[0]):
        return {"text": text[:-1]}
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines:
        label = LABEL.match(line)
        if label:
            assert label.group(1) not in sections, f"label {label.group(1)!r} twice"
            current = sections[label.group(1)] = []
        else:
            escaped = ESCAPED.match(line)
            current.append(escaped.group(1) if escaped else line)
    return {label: "\n".join(body) for label, body in sections.items()}


def variant_sections(variant: dict[str, object]) -> dict[str, str]:
    """What ``read_paste`` must find for a variant record of ``schedule.json``."""
    parts = [str(p) for p in variant["parts"]]  # type: ignore[attr-defined]
    sections = {"content warning": str(variant["content_warning"])}
    if len(parts) == 1:
        sections["text"] = parts[0]
    else:
        sections |= {f"{i}/{len(parts)}": part for i, part in enumerate(parts, 1)}
    sections |= {
        "first comment": str(variant["first_comment"]),
        "alt text": str(variant["image_alt"]),
    }
    return {label: body for label, body in sections.items() if body}
