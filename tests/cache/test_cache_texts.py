"""A cache file's entries are found by their lines' bounds (issue 16, a second build reads
7 MiB of caches in a new process): the same texts, or the same refusal, as splitting the file
into lines gave, for documents in the layout and for every kind of damage to one."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portavoz.scheduler.usecases import caching
from portavoz.scheduler.usecases.composing_cache import VARIANTS_CACHE

KIND = VARIANTS_CACHE


def _split_texts(data: bytes) -> dict[str, bytes]:
    """The reader as it was before (the reference): split into lines, then each line checked."""
    lines = data.split(b"\n")
    if len(lines) < 4 or lines[0] != caching._head(KIND) or lines[-2:] != [b"}}", b""]:
        return caching._parsed_texts(KIND, json.loads(data.decode("utf-8")))
    body = lines[1:-2] if lines[1:-2] != [b""] else []
    if len(body) > KIND.max_entries:
        raise ValueError("too many")
    texts = {}
    for i, line in enumerate(body):
        end = len(line) if i == len(body) - 1 else len(line) - 1
        if line[:1] != b'"' or line[65:67] != b'":' or (end < len(line) and line[end:] != b","):
            return caching._parsed_texts(KIND, json.loads(data.decode("utf-8")))
        key = line[1:65].decode("ascii")
        if len(key) != 64 or not set(key) <= set("0123456789abcdef"):
            raise ValueError("an entry's key is not a hash")
        texts[key] = line[67:end]
    return texts


def _texts(data: bytes) -> dict[str, bytes]:
    return caching._texts(KIND, data)


def _outcome(read: Callable[[bytes], dict[str, bytes]], data: bytes) -> tuple[str, object]:
    try:
        return "texts", read(data)
    except (ValueError, TypeError, RecursionError) as exc:  # what CacheFile.open refuses
        return "refused", type(exc)


_ROWS = st.lists(
    st.tuples(
        st.text("0123456789abcdefA", min_size=63, max_size=65),
        st.sampled_from([b"[]", b'["a,b"]', b"[1,2]", b'{"k":"\\n"}', b"", b","]),
    ),
    max_size=6,
)


@settings(max_examples=500, deadline=None)
@given(
    rows=_ROWS,
    cut=st.integers(0, 10**6),
    insert=st.sampled_from([b"", b"\n", b",", b'"', b":", b"x"]),
)
def test_entries_are_those_the_lines_give(
    rows: list[tuple[str, bytes]], cut: int, insert: bytes
) -> None:
    texts = dict(rows)
    data = caching._document(KIND, texts)
    at = cut % len(data)  # a byte replaced by another (or removed, or a line broken there)
    damaged = data[:at] + insert + data[at + 1 :]

    for document in (data, damaged):
        found, reference = _outcome(_texts, document), _outcome(_split_texts, document)
        if found == ("refused", caching.OtherVersion):
            # A damage can make another version's head: refused too, only without a warning
            # (tests/cache/test_cache_other_version.py); the reference refused it as damaged.
            assert reference[0] == "refused" and issubclass(reference[1], ValueError)  # type: ignore[arg-type]
        else:
            assert found == reference


_KEY = "ab" * 32


@pytest.mark.parametrize(
    "lines",
    [
        [f'"{_KEY}":[1]', f'"{_KEY[:-1]}f":[2]'],  # no comma between two entries
        [f'"{_KEY}":[1];', f'"{_KEY}":[2]'],  # another character where the comma goes
        [f'"{_KEY}":', '"":[2]'],  # a line too short for its key, the next one after it
        [f'"{_KEY}"', f':[1],"{_KEY}":[2]'],  # a key's line broken before its colon
        [f'"{_KEY}":[1],', ""],  # an empty last line
        [f'"{_KEY}":[1],', "", f'"{_KEY}":[2]'],  # an empty line between entries
        [f'"{_KEY.upper()}":[1]'],  # a key in capitals
        [f'"{_KEY}"-[1]'],
    ],
)
def test_damaged_lines_are_refused_or_read_as_before(lines: list[str]) -> None:
    data = caching._head(KIND) + b"\n" + "\n".join(lines).encode() + b"\n}}\n"

    assert _outcome(_texts, data) == _outcome(_split_texts, data)


@pytest.mark.parametrize("size", [0, 1, 2, 7])
def test_a_document_reads_back_its_entries(size: int) -> None:
    texts = {f"{n:064x}": json.dumps([n, "x,\\n"]).encode() for n in range(size)}

    assert caching._texts(KIND, caching._document(KIND, texts)) == texts


def test_a_document_without_its_blank_body_line_is_parsed_whole() -> None:
    data = caching._head(KIND) + b"\n}}\n"  # not the layout: one JSON document, parsed

    assert caching._texts(KIND, data) == {}
