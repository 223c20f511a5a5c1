"""Readers for review reports written from the formats' specs, not from portavoz's code.

- Markdown: fenced code blocks as CommonMark defines them (an opening run of three or more
  backticks with an info string, closed by a run at least as long on a line of its own).
- GitHub: workflow commands ``::error file=…,line=…,title=…::message`` with GitHub's escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,})(?P<info>[^`]*)$")
_ANNOTATION = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


@dataclass(frozen=True)
class Block:
    """A fenced code block: its info string and its content (without the final newline)."""

    info: str
    text: str


def fenced_blocks(markdown: str) -> list[Block]:
    """Every fenced code block of a CommonMark document, in order."""
    blocks: list[Block] = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opening = _OPEN.match(lines[i])
        i += 1
        if not opening:
            continue
        fence = opening["fence"]
        closing = re.compile(rf"^ {{0,3}}`{{{len(fence)},}}[ \t]*$")
        content: list[str] = []
        while i < len(lines) and not closing.match(lines[i]):
            content.append(lines[i])
            i += 1
        assert i < len(lines), f"unclosed fence {fence!r}: the block runs to the end"
        i += 1
        blocks.append(Block(opening["info"].strip(), "\n".join(content)))
    return blocks


Shown = tuple[str, object]
"""A block as a reader takes it: ``("text", its text)`` or ``("diff", (before, after))``."""


def read_block(block: Block) -> Shown:
    """A text block as its text; a unified diff as the two texts it compares.

    Each diff line starts with `` `` (in both), ``-`` (only before) or ``+`` (only after), as
    the unified format defines; with every line as context, the two texts are whole.
    """
    if block.info != "diff":
        return block.info, block.text
    before, after = [], []
    for line in block.text.split("\n"):
        mark, rest = line[:1], line[1:]
        assert mark in {" ", "-", "+"}, f"not a unified diff line: {line!r}"
        if mark in {" ", "-"}:
            before.append(rest)
        if mark in {" ", "+"}:
            after.append(rest)
    return "diff", ("\n".join(before), "\n".join(after))


def expected_blocks(document: dict[str, object]) -> list[Shown]:
    """The blocks a reader should see in the Markdown report, in order, from the JSON one.

    A new variant shows each of its parts; a changed one the diff of its previous text with
    its parts (none when only its details changed); a removed one its previous text; an
    unchanged one nothing (collapsed to its counts).
    """
    shown: list[Shown] = []
    for post in document["posts"]:  # type: ignore[attr-defined]
        for variant in post["variants"]:
            if variant["change"] == "new":
                shown += [("text", part) for part in variant["parts"]]
            elif variant["change"] == "removed":
                shown.append(("text", variant["previous"]))
            elif variant["change"] == "changed" and variant["previous"] is not None:
                shown.append(("diff", (variant["previous"], "\n\n".join(variant["parts"]))))
    return shown


@dataclass(frozen=True)
class Annotation:
    """One GitHub workflow command, its properties and message unescaped."""

    level: str
    properties: dict[str, str]
    message: str


def _unescape(value: str) -> str:
    for escaped, raw in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def annotations(output: str) -> list[Annotation]:
    """Parse ``--format github`` output; every line must be a workflow command."""
    found = []
    for line in output.splitlines():
        match = _ANNOTATION.match(line)
        assert match, f"not a GitHub workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in match["props"].split(",") if p)
        found.append(
            Annotation(
                match["level"],
                {k: _unescape(v) for k, v in props.items()},
                _unescape(match["message"]),
            )
        )
    return found
