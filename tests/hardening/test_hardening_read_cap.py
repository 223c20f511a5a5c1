"""``read_regular`` reads what the file holds, up to its cap, whatever its stat said.

The first read asks for the size ``fstat`` gave (issue 16: a buffer of the whole cap was made
for every read); a file that grows after that stat is still read on, and refused past the cap.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portavoz.scheduler.base import files
from portavoz.scheduler.base.files import read_regular
from portavoz.scheduler.base.problems import ContentError


def _stat_says_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    """``fstat`` reports size 0, as for a file that grows right after it is opened."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        found = list(real(fd))
        found[6] = 0  # st_size
        return os.stat_result(found)

    monkeypatch.setattr(files.os, "fstat", fstat)


def test_a_file_larger_than_its_stat_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = bytes(range(256)) * 12_000  # 3 MiB: several reads past the stat's size
    (tmp_path / "post.md").write_bytes(data)
    _stat_says_empty(monkeypatch)
    assert read_regular(tmp_path / "post.md", "post.md") == data


def test_a_file_grown_past_the_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "post.md").write_bytes(b"x" * 5000)
    _stat_says_empty(monkeypatch)
    with pytest.raises(ContentError, match="limited to"):
        read_regular(tmp_path / "post.md", "post.md", limit=4096)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096])
def test_files_up_to_the_cap_are_read_exactly(tmp_path: Path, size: int) -> None:
    (tmp_path / "post.md").write_bytes(b"y" * size)
    assert read_regular(tmp_path / "post.md", "post.md", limit=4096) == b"y" * size
