"""Read a Markdown file into front matter and body, with line numbers and clear errors.

python-frontmatter splits the file; the YAML is then parsed here (not by its handler) so that
every key keeps its line, an impossible date such as ``2026-02-30`` becomes a located problem
instead of a ``ValueError`` deep in PyYAML, and duplicate keys are caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import yaml
from frontmatter.default_handlers import YAMLHandler

from portavoz.scheduler.base import files
from portavoz.scheduler.base.problems import ContentError, Problem
from portavoz.scheduler.base.yaml_load import C_SAFE_LOADER

MAX_BYTES = files.MAX_BYTES
"""Posts larger than this are refused: the read cap of every file portavoz reads."""

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings read in front matter (portavoz's own keys need 4).

Checked by portavoz before any YAML parser composes the document, so the answer never depends
on which parser is installed: libyaml refuses past its own limit (1000 since PyYAML 6.0.4) and
the pure-Python composer recurses until Python's recursion limit.
"""


@dataclass(frozen=True)
class BadDate:
    """A YAML timestamp that does not exist in the calendar (kept to report it with its line)."""

    text: str
    reason: str


@dataclass(frozen=True)
class RawPost:
    """A post file split into its parts.

    Attributes:
        meta: Front matter as parsed (values may be :class:`BadDate`).
        lines: 1-based file line of each top-level front-matter key.
        body: Markdown after the front matter.
        has_front_matter: Whether the file had a ``---`` block at all.
        body_line: File line where the body begins, where known.
    """

    meta: dict[str, object]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    has_front_matter: bool = True
    body_line: int | None = None


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """A date, or a :class:`BadDate` for one the calendar does not have (``2026-02-30``)."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError as exc:
        return BadDate(str(node.value), str(exc))


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps bad dates (key lines and duplicates are read from its nodes)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _fast_loader() -> type[yaml.SafeLoader] | None:
    if C_SAFE_LOADER is None:
        return None

    class Fast(C_SAFE_LOADER):  # type: ignore[valid-type,misc]
        """libyaml's parser with :class:`_Loader`'s date handling."""

    Fast.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    return Fast


_FastLoader = _fast_loader()


def read_post(data: bytes, path: str) -> RawPost:
    """Split and parse a post file.

    Args:
        data: The file's bytes.
        path: Path shown in messages (relative to the project root).

    Returns:
        The parsed parts.

    Raises:
        ContentError: The file is not text, not UTF-8, too large, or its YAML is broken.
    """
    text = _decode(data, path)
    handler = YAMLHandler()
    if not handler.detect(text):
        return RawPost(meta={}, body=text, has_front_matter=False, body_line=1)
    try:
        fm, body = handler.split(text)
    except ValueError:
        # python-frontmatter detects the opening line only; without a closing one it cannot split.
        msg = "front matter has no closing '---' line; end the block of keys with ---"
        raise ContentError([Problem(path, 1, "", msg)]) from None
    offset = text[: text.index(fm)].count("\n") if fm else 1
    # libyaml reads well-formed front matter, depth included; anything else (an error, a
    # duplicate key, too deep, no libyaml) is read again the careful way, which gives the
    # messages and lines.
    parsed = _parse_fast(fm, offset)
    if parsed is None:
        _check_depth(fm, path, offset)
        parsed = _parse_yaml(fm, path, offset)
    meta, lines = parsed
    at = text.rfind(body) if body else -1
    body_line = text.count("\n", 0, at) + 1 if at >= 0 else None
    return RawPost(meta=meta, lines=lines, body=body, body_line=body_line)


def post_text(data: bytes, path: str) -> str:
    """A post file's text as :func:`read_post` reads it: a post's body is its end.

    Raises:
        ContentError: The file is not text, not UTF-8, or too large.
    """
    return _decode(data, path)


def _decode(data: bytes, path: str) -> str:
    if len(data) > MAX_BYTES:
        mib = 1024 * 1024
        size, cap = len(data) / mib, MAX_BYTES // mib
        raise ContentError(
            [Problem(path, None, "", f"file is {size:.1f} MiB; posts are limited to {cap} MiB")]
        )
    if b"\x00" in data[:8192]:
        encoding = _wide_encoding(data[:8192])
        what = f"{encoding} text, not UTF-8; save the file as UTF-8" if encoding else ""
        raise ContentError([Problem(path, None, "", what or "binary file, not Markdown text")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        msg = f"not UTF-8 text (byte 0x{byte}); save the file as UTF-8"
        raise ContentError([Problem(path, line, "", msg)]) from None
    return text.replace("\r\n", "\n")


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(head: bytes) -> str:
    """``UTF-16``/``UTF-32`` when NUL-laden bytes are really such text (editors on Windows
    save it), so the writer is told to re-save the file rather than that it is binary."""
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    # Without a BOM: mostly-ASCII UTF-16 has a NUL in every other byte, and nowhere else.
    even, odd = head[0::2], head[1::2]
    for zeros, other in ((even, odd), (odd, even)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            return "UTF-16"
    return ""


def _depth_bound(fm: str) -> int:
    """An upper bound of the nesting depth, from the text alone (cheap; almost always small).

    Each flow collection opens with a bracket; each block collection needs an indent or a
    ``- `` prefix of at least one more column than its parent's (or none, for a list under a
    key: hence twice the width).
    """
    brackets = fm.count("[") + fm.count("{")
    widest = max((len(line) - len(line.lstrip(" -?")) for line in fm.splitlines()), default=0)
    return brackets + 2 * widest + 2


def _check_depth(fm: str, path: str, offset: int) -> None:
    """Refuse front matter nested deeper than :data:`MAX_DEPTH`, at the line where it does."""
    if _depth_bound(fm) <= MAX_DEPTH:
        return
    depth = 0
    try:
        # PyYAML's pure-Python parser is a state machine (no recursion): its events are the same
        # whichever loader reads the document afterwards.
        for event in yaml.parse(fm, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:
                    line = event.start_mark.line + offset + 1
                    msg = (
                        f"front matter nests lists or mappings more than {MAX_DEPTH} levels "
                        "deep; flatten it"
                    )
                    raise ContentError([Problem(path, line, "", msg)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the loader reports it, with its own message and line


def _parse_yaml(fm: str, path: str, offset: int) -> tuple[dict[str, object], dict[str, int]]:
    # Anything unusual (an error, duplicate keys, not a mapping) goes through the pure-Python
    # loader, whose errors carry the text needed for a precise message.
    try:
        loader = _Loader(fm)  # reads the whole text now: refuses control characters here
    except yaml.reader.ReaderError as exc:
        line = fm[: exc.position].count("\n") + offset + 1
        msg = f"invalid YAML front matter: control character U+{exc.character:04X}; remove it"
        raise ContentError([Problem(path, line, "", msg)]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        problems = _duplicate_keys(node, path, offset)
        if problems:
            raise ContentError(problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise ContentError([_yaml_problem(exc, path, offset)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(path, None, "", f"invalid YAML front matter: {exc}")]) from None
    except (ValueError, TypeError, AttributeError, OverflowError):
        # PyYAML's constructors fail this way on explicit tags that lie (`!!int x`).
        msg = (
            "invalid YAML front matter: a value does not fit its explicit type tag "
            "(!!int, !!float, !!timestamp…); remove the tag or fix the value"
        )
        raise ContentError([Problem(path, offset + 1, "", msg)]) from None
    except RecursionError:
        # PyYAML composes nested collections recursively and sets no depth limit of its own.
        msg = "front matter nests lists or mappings too deeply to read; flatten it"
        raise ContentError([Problem(path, offset + 1, "", msg)]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = type(data).__name__
        msg = f"front matter must be a mapping of keys to values, found {kind}"
        raise ContentError([Problem(path, offset + 1, "", msg)])
    lines = {
        str(k.value): k.start_mark.line + offset + 1 for k, _ in cast(yaml.MappingNode, node).value
    }
    return {str(k): v for k, v in data.items()}, lines


def _parse_fast(fm: str, offset: int) -> tuple[dict[str, object], dict[str, int]] | None:
    """Parse well-formed front matter with libyaml; ``None`` for anything else.

    Front matter nested deeper than :data:`MAX_DEPTH` is something else too: libyaml's own
    events make its nodes, so their depth is the one :func:`_check_depth` then reports.
    """
    if _FastLoader is None:
        return None
    loader = _FastLoader(fm)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode) or _too_deep(node):
            return None
        if _duplicate_keys(node, "", offset):
            return None
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError, RecursionError):
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None
    lines = {str(k.value): k.start_mark.line + offset + 1 for k, _ in node.value}
    return {str(k): v for k, v in data.items()}, lines


def _too_deep(node: yaml.Node) -> bool:
    """Whether collections nest deeper than :data:`MAX_DEPTH` as written (aliases add none).

    Iterative, each node once, in document order: an anchored node is met where it is
    written, at the depth its events have there.
    """
    todo: list[tuple[int, yaml.Node]] = [(1, node)]
    visited: set[int] = set()
    while todo:
        depth, current = todo.pop()
        if id(current) in visited or isinstance(current, yaml.ScalarNode):
            continue
        visited.add(id(current))
        if depth > MAX_DEPTH:
            return True
        if isinstance(current, yaml.SequenceNode):
            todo += [(depth + 1, item) for item in reversed(current.value)]
        elif isinstance(current, yaml.MappingNode):
            todo += [(depth + 1, n) for pair in reversed(current.value) for n in reversed(pair)]
    return False


def _duplicate_keys(node: yaml.Node, path: str, offset: int) -> list[Problem]:
    """A key written twice in one mapping, at any depth (YAML would silently keep the last).

    Top-level keys are named as written (``title``), nested ones by their path
    (``channels.x``, ``thread[1].text``). The walk is iterative and visits each node once, so
    aliases (``*a``) cost nothing however often they repeat (billion laughs).
    """
    problems: list[Problem] = []
    todo: list[tuple[str, yaml.Node]] = [("", node)]
    visited: set[int] = set()
    while todo:
        where, current = todo.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        # Children pushed in reverse: nodes are visited in document order, so an anchored
        # node is named where it is written, not where an alias repeats it.
        if isinstance(current, yaml.SequenceNode):
            todo += reversed([(f"{where}[{i}]", item) for i, item in enumerate(current.value)])
        elif isinstance(current, yaml.MappingNode):
            problems += _twice_in(current, where, path, offset)
            todo += reversed([(_key_path(where, k), v) for k, v in current.value])
    return sorted(problems)


def _twice_in(node: yaml.MappingNode, where: str, path: str, offset: int) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue  # only text keys can be compared; `? [a, b]` keys are left to the loader
        name, line = _key_path(where, key), key.start_mark.line + offset + 1
        if name in seen:
            msg = f"key appears twice (first on line {seen[name]}); keep one"
            problems.append(Problem(path, line, name, msg))
        seen.setdefault(name, line)
    return problems


def _key_path(where: str, key: yaml.Node) -> str:
    name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
    return f"{where}.{name}" if where else name


def _yaml_problem(exc: yaml.MarkedYAMLError, path: str, offset: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "syntax error"
    if mark is None:
        return Problem(path, None, "", f"invalid YAML front matter: {what}")
    source = (mark.buffer or "").splitlines()
    text = source[mark.line] if mark.line < len(source) else ""
    hint = "; indent with spaces, YAML does not allow tabs" if "\t" in text else ""
    # An unclosed quote or bracket fails at the end of the block: say where it was opened.
    start = exc.context_mark
    if exc.problem and exc.context and start is not None and start.line != mark.line:
        hint += f" ({exc.context} that starts on line {start.line + offset + 1})"
    return Problem(path, mark.line + offset + 1, "", f"invalid YAML front matter: {what}{hint}")
