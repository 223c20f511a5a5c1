"""Hostile text made inert for each place portavoz shows it: log lines and Markdown.

Every value from content, configuration or the network may try to be more than text where it
is shown. In a CI log a line starting ``::`` (after any spaces) is a GitHub workflow command
(``::error``, ``::add-mask::``, ``::stop-commands::``), and ``##[command]`` is one anywhere in
a line (the runner's legacy form); in a pull-request comment a value may open an HTML comment
that hides the rest, add a heading, an image or a mention that notifies people, or copy the
marker CI uses to find its comment, or reorder what a reviewer reads with an invisible
bidirectional override. The functions here are the one place each of those is
neutralised; the validation of one-line fields uses the same notion of a line break.
"""

from __future__ import annotations

import logging
import re
import unicodedata

LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
"""Characters that end a line for some reader (Python's ``splitlines``, Unicode, browsers)."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LEGACY_COMMAND = "##["
_COMMAND = "::"
_WORD_JOINER = "\u2060"
"""Invisible and not whitespace: it splits a sequence without changing what a reader sees."""


_DIRECTIONAL_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Unicode's explicit embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI,
FSI, PDI): invisible, they reorder what a reader sees around them (``evorppa`` shown as
``approve``), so a report shows them as escapes. The marks (LRM, RLM, ALM) reorder nothing
and right-to-left text needs them: they stay."""

_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
""":data:`LINE_BREAKS` and the control characters: Unicode's ``Cc`` is exactly U+0000–U+001F
and U+007F–U+009F, a category its stability policy never changes. Searched in C: every
one-line field of every post is checked, a walk in Python was a fifth of reading a post."""


def breaking_character(value: str) -> str | None:
    """The first line break or control character (C0, DEL, C1) in ``value``, if any."""
    found = _BREAKING.search(value)
    return found.group() if found is not None else None


def describe_character(ch: str) -> str:
    """``a line break U+000A`` or ``a control character U+0007``."""
    kind = "a line break" if ch in LINE_BREAKS else "a control character"
    return f"{kind} U+{ord(ch):04X}"


def one_line(value: str) -> str:
    """``value`` on one line: line breaks and control characters written as escapes (``\\n``)."""
    if breaking_character(value) is None:
        return value
    return "".join(_escape(ch) if ch in LINE_BREAKS or _is_control(ch) else ch for ch in value)


def visible_directions(value: str) -> str:
    """``value`` with each explicit directional control written as an escape (``\\u202e``).

    The text a reviewer approves must read in the order its characters come: an override
    or an unclosed isolate would show it (and the report's words after it) in another.
    """
    if _DIRECTIONAL_CONTROLS.search(value) is None:
        return value
    return _DIRECTIONAL_CONTROLS.sub(lambda found: _escape(found.group()), value)


def log_line(value: str) -> str:
    """``value`` as one log line that a CI runner cannot read as a workflow command.

    Line breaks are escaped (``\\n``), ``##[`` becomes ``##\\[`` and a leading ``::`` becomes
    ``\\::``, so the text stays readable and nothing in it reaches the runner as a command.
    """
    line = one_line(value).replace(_LEGACY_COMMAND, "##\\[")
    start = len(line) - len(line.lstrip())
    if line.startswith(_COMMAND, start):
        line = f"{line[:start]}\\{line[start:]}"
    return line


class OneLineRecords(logging.Filter):
    """A logging filter that rewrites every record as one :func:`log_line`.

    The MkDocs plugins add it to their loggers, so no message they log (now or later) can
    print a value that starts a new line or reads as a workflow command.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = log_line(record.getMessage())
        record.args = None
        return True


def log_lines(value: str) -> str:
    """Each line of a multi-line message made safe as :func:`log_line` makes one."""
    return "\n".join(log_line(line) for line in value.split("\n"))


# Backslash escapes that both CommonMark (GitHub) and Python-Markdown honour; the HTML
# metacharacters and the GFM-only syntax (tables, strikethrough) become character references.
_BACKSLASHED = frozenset("\\`*_{}[]#!")
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
# What opens a block only at the start of a line: a list item, a setext underline, `1.`.
_BLOCK_START = re.compile(r"^(\d*)([-+=.)])")
_MENTION = re.compile(r"@(?=\w)")
_CODE_LINES = re.compile(r"\r\n|\r|\n")
"""Line endings of CommonMark and of the CI runner's log reader (not U+2028 and the like)."""


def markdown_text(value: str) -> str:
    """``value`` as inline Markdown that renders as exactly that text, on one line.

    No HTML, comment, link, image, emphasis, heading, list or table can come out of it, even
    at the start of a line, and an ``@name`` cannot notify anyone: a word joiner (invisible)
    follows the ``@``.
    """
    line = visible_directions(one_line(value))
    escaped = "".join(_markdown_char(line, i) for i in range(len(line)))
    escaped = _BLOCK_START.sub(lambda m: f"{m[1]}&#{ord(m[2])};", escaped, count=1)
    return _MENTION.sub("@" + _WORD_JOINER, escaped)


def code_span(value: str) -> str:
    """``value`` as an inline code span that it cannot close, on one line."""
    text = _inert_code(visible_directions(one_line(value))) or " "
    ticks = "`" * (_longest_backtick_run(text) + 1)
    # CommonMark drops one space at each end when both are there; a backtick at an end needs it.
    padded = text[0] in "` " or text[-1] in "` "
    return f"{ticks} {text} {ticks}" if padded else f"{ticks}{text}{ticks}"


def code_block(value: str, info: str = "text") -> str:
    """``value`` as a fenced code block whose fence is longer than any backtick run in it."""
    lines = _CODE_LINES.split(visible_directions(value))
    text = "\n".join(_inert_code(line) for line in lines)
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def _inert_code(line: str) -> str:
    """Code shown verbatim, but without ``<!--`` (so no marker) or a workflow command in the
    raw text, whatever reads it: a fence-unaware bot, a log, a text search for the marker.

    Inside code, Markdown shows every character as written, so the only change that keeps the
    text while breaking the sequence is an invisible word joiner.
    """
    line = line.replace("<!--", "<!-" + _WORD_JOINER + "-")
    line = line.replace(_LEGACY_COMMAND, "#" + _WORD_JOINER + "#[")
    start = len(line) - len(line.lstrip())
    if line.startswith(_COMMAND, start):
        line = f"{line[:start]}{_WORD_JOINER}{line[start:]}"
    return line


def _markdown_char(line: str, i: int) -> str:
    """One character of :func:`markdown_text`, escaped only where Markdown would act on it.

    A backslash is literal unless punctuation follows it, and ``_`` inside a word opens no
    emphasis in either dialect: leaving those alone keeps ``image_alt`` and ``'\\t'`` readable.
    """
    ch = line[i]
    after = line[i + 1 : i + 2]
    if ch == "\\" and after and not _is_ascii_punctuation(after):
        return ch
    if ch == "_" and i > 0 and line[i - 1].isalnum() and after.isalnum():
        return ch
    if ch in _BACKSLASHED:
        return "\\" + ch
    return _REFERENCES.get(ch, ch)


def _is_ascii_punctuation(ch: str) -> bool:
    return ch.isascii() and not ch.isalnum() and not ch.isspace() and ch.isprintable()


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
