"""A plain ``mkdocs build`` holds no feed document: portavoz/scheduler writes each feed (and each
feeds' sitemap) into ``site_dir`` in ``on_files``, as MkDocs lets plugins do, and hands MkDocs
only the written file; its renderings are not kept for a next build. ``mkdocs serve`` hands
MkDocs the documents and keeps their renderings, as before. Both publish the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from cache_plans import build_in_process, plan
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, Files

from portavoz.scheduler.base.kept import LastBuild
from portavoz.scheduler.compose.settings import FeedOptions
from portavoz.scheduler.outputs import feedset
from portavoz.scheduler.outputs.feeds import render_feed
from portavoz.scheduler.outputs.feedset import site_feeds

OPTIONS = FeedOptions(per_audience=True, per_category=True, per_network=True)


def _feed_files(root: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> list[File]:
    """The files portavoz/scheduler added to an in-process build of ``root``."""
    shutil.rmtree(root / "site", ignore_errors=True)
    found: list[Files] = []
    get_files = mkdocs_build.get_files

    def gathered(*args: Any, **kwargs: Any) -> Files:
        found.append(get_files(*args, **kwargs))
        return found[-1]

    monkeypatch.setattr(mkdocs_build, "get_files", gathered)
    build_in_process(root, command, monkeypatch)
    added = [f for f in found[-1] if f.generated_by == "portavoz/scheduler"]
    assert any(f.src_uri.endswith(".xml") for f in added)
    return added


def test_a_plain_build_writes_the_feeds_itself_and_serve_hands_mkdocs_the_same_bytes(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _feed_files(example_site, "build", monkeypatch)
    assert all(f.abs_src_path == f.abs_dest_path for f in plain)
    written = {f.src_uri: Path(f.abs_dest_path).read_bytes() for f in plain}

    served = _feed_files(example_site, "serve", monkeypatch)

    assert all(f.abs_src_path is None for f in served)  # held in memory, for serve
    assert {f.src_uri: f.content_bytes for f in served} == written
    assert {f.src_uri: Path(f.abs_dest_path).read_bytes() for f in served} == written


class _Rendered:
    """``render_feed``, counting the documents it renders."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, fmt: str, info: Any, entries: Any) -> str:
        self.calls += 1
        return render_feed(fmt, info, entries)


@pytest.mark.parametrize("keep", [True, False])
def test_only_serve_keeps_the_documents_for_its_next_build(
    example_site: Path, monkeypatch: pytest.MonkeyPatch, keep: bool
) -> None:
    rendered = _Rendered()
    monkeypatch.setattr(feedset, "render_feed", rendered)
    monkeypatch.setattr(feedset, "_RENDERED", LastBuild())  # no other test's documents
    made, _ = plan(example_site, cache=False)

    first = {
        p: d
        for f in site_feeds(made, "Rueda Libre", OPTIONS, keep=keep)
        for p, d in f.files().items()
    }
    once = rendered.calls
    again = {
        p: d
        for f in site_feeds(made, "Rueda Libre", OPTIONS, keep=keep)
        for p, d in f.files().items()
    }

    assert again == first and once == len(first)
    assert rendered.calls == (once if keep else 2 * once)
