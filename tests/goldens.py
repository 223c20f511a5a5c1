"""Golden files: expected outputs kept beside their inputs, and the one switch that rewrites them.

``PORTAVOZ_UPDATE_GOLDENS=1`` makes every comparison below write the actual output to the
golden file instead of comparing it (the test's other assertions still run); read
``git diff tests/`` before committing what it wrote. Nothing else regenerates goldens.

Every case states the one thing it checks, as feedparser's fixtures do, in the first line of
the file a person writes: ``# Expect: …`` (YAML, text), ``<!-- Expect: … -->`` (XML, after
the declaration) or an ``"expect"`` field (JSON). tests/test_goldens.py enforces it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

UPDATE = os.environ.get("PORTAVOZ_UPDATE_GOLDENS") == "1"
"""Whether golden files are rewritten from the current code instead of compared."""

EXPECT = "# Expect: "
"""How a text or YAML file states its check (its first line)."""

_XML_EXPECT = re.compile(r"<!--\s*Expect:\s*(.*?)\s*-->")


def check_text(golden: Path, actual: str) -> None:
    """Assert ``golden`` holds exactly ``actual`` (or write it, with the switch)."""
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="")
        return
    assert golden.is_file(), f"{golden} is missing: run with PORTAVOZ_UPDATE_GOLDENS=1"
    assert actual == golden.read_bytes().decode("utf-8"), f"{golden.name} differs"


def check_json(golden: Path, actual: object) -> None:
    """Assert ``golden`` holds ``actual`` as JSON (or write it sorted and indented)."""
    if UPDATE:
        text = json.dumps(actual, ensure_ascii=False, indent=2, sort_keys=True)
        golden.write_text(text + "\n", encoding="utf-8")
        return
    assert actual == json.loads(golden.read_text(encoding="utf-8")), f"{golden.name} differs"


def check_lines(golden: Path, actual: list[str]) -> None:
    """Assert ``golden``, without its ``# Expect:`` line, holds ``actual`` (or write it)."""
    statement = expect_statement(golden) if golden.is_file() else ""
    if UPDATE:
        header = [f"{EXPECT}{statement}"] if statement else []
        golden.write_text("".join(f"{line}\n" for line in [*header, *actual]), encoding="utf-8")
        return
    assert expected_lines(golden) == actual


def expected_lines(golden: Path) -> list[str]:
    """The lines of an expected text file, without its ``# Expect:`` statement."""
    lines = golden.read_text(encoding="utf-8").splitlines()
    return lines[1:] if lines and lines[0].startswith(EXPECT) else lines


def expect_statement(path: Path) -> str:
    """The one-line statement of what a case checks ("" when the file has none).

    Args:
        path: A YAML or text file (first line ``# Expect: …``), an XML file (a comment
            ``<!-- Expect: … -->`` right after the declaration) or a JSON object (``"expect"``).
    """
    # Bytes, leniently: a case may be deliberately mis-encoded (a Latin-1 feed) past its header.
    text = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix == ".json":
        data = json.loads(text)
        found = data.get("expect", "") if isinstance(data, dict) else ""
        return found.strip() if isinstance(found, str) else ""
    if path.suffix == ".xml":
        head = text.removeprefix("\ufeff").lstrip()
        head = head.partition("?>")[2].lstrip() if head.startswith("<?xml") else head
        match = _XML_EXPECT.match(head)
        return match[1] if match else ""
    first = text.partition("\n")[0]
    return first.removeprefix(EXPECT).strip() if first.startswith(EXPECT) else ""
