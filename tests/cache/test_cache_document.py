"""A cache file's layout, made in one join (issue 16: ``mkdocs serve`` saves the ~5 MiB
variants' cache after each rebuild that composed a post): the bytes are those of the
entries' lines joined as the layout says, and they read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.composing_cache import VARIANTS_CACHE


def _spelled(texts: dict[str, bytes]) -> bytes:
    """The layout as documented: the head, then one entry a line, then the end."""
    lines = [b'"' + key.encode() + b'":' + text for key, text in texts.items()]
    head = b'{"schema":"' + VARIANTS_CACHE.schema.encode() + b'","entries":{'
    return head + b"\n" + b",\n".join(lines) + b"\n}}\n"


@pytest.mark.parametrize("size", [0, 1, 2, 3, 50])
def test_a_document_is_its_entries_lines(size: int, tmp_path: Path) -> None:
    texts = {f"{n:064x}": b"[[],[" + b"1," * n + b"0]]" for n in range(size)}

    data = caching._document(VARIANTS_CACHE, texts)

    assert data == _spelled(texts)
    assert caching._texts(VARIANTS_CACHE, data) == texts
