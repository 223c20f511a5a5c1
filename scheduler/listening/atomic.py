"""Listening's file writes, all through the one atomic writer (:mod:`portavoz.scheduler.base`).

A reader, or an interrupted run, sees the old file or the new one, never half of it.
"""

from __future__ import annotations

import json
from pathlib import Path

from portavoz.scheduler.base.atomic import write_atomic


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders."""
    write_atomic(path, data)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    write_atomic(path, text)


def write_json(path: Path, data: object) -> None:
    """Write ``data`` as indented, key-sorted UTF-8 JSON, atomically (stable diffs)."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
