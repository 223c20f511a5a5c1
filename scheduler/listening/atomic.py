"""Atomic file writes: a reader (or an interrupted run) sees the old file or the new, never half.

The data goes to a temporary file in the same folder, is flushed to disk, and replaces the
target with :func:`os.replace`, which is atomic on POSIX and Windows when both paths are on one
file system — hence the same folder (``Path.replace`` is ``os.replace``).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: object) -> None:
    """Write ``data`` as indented, key-sorted UTF-8 JSON, atomically (stable diffs)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    write_text(path, text + "\n")
