"""`portavoz review` reads the committed listening cache as an offline build reads it (issue 16):
the parse committed beside a copy, as `portavoz listen` leaves it under the key of everything
the parse depends on, is used instead of parsing the copy again; without it the copy is parsed.
Neither is trusted more than the other: a pull request can change both as freely."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from review_repo import Run, commit_all

from portavoz.scheduler.listening import cache, pipeline
from portavoz.scheduler.listening.normalise import Entry

CACHE = Path("examples/listening/cache")
ALERTS = "Alertas: Rueda Libre"
CRISIS = "🚨 Escucha: señal de crisis, 3 entradas"


def _crisis_day_parse(repo: Path) -> None:
    """The alerts' copy fetched this morning, its committed parse holding three crisis entries
    of the last day (its bytes, unchanged, hold none)."""
    folder = repo / CACHE
    states = cache.load_states(folder)
    state = dataclasses.replace(states[ALERTS], fetched_at="2026-11-23T08:45:00+00:00")
    states[ALERTS] = state
    cache.save_states(folder, states)
    source = next(s for s in _sources(repo) if s.name == ALERTS)
    entries = [
        Entry(
            id=f"tag:example.org,2026:estafa-{hour}",
            source=source.name,
            kind=source.kind,
            tags=tuple(source.tags),
            title="Clientes de Rueda Libre hablan de estafa",
            link=f"https://diariodelturia.example/estafa-{hour}",
            author="",
            published=datetime(2026, 11, 23, hour, tzinfo=UTC),
            excerpt="Varios usuarios denuncian una estafa.",
            text="Clientes de Rueda Libre hablan de estafa. Varios usuarios denuncian una estafa.",
            html="Varios usuarios denuncian una estafa.",
        )
        for hour in (5, 6, 7)
    ]
    pipeline.keep_parse(folder, source, state, entries)


def _sources(repo: Path) -> tuple[pipeline.Source, ...]:
    import yaml

    from portavoz.scheduler.listening.settings import load_settings

    block = yaml.safe_load((repo / "examples/listening/listening.yml").read_text("utf-8"))
    return load_settings(block[0]["portavoz/listening"], language="es").sources


def test_the_committed_parse_is_read_and_without_it_the_copy_is_parsed(
    repo: Path, run_review: Callable[..., Run]
) -> None:
    _crisis_day_parse(repo)
    commit_all(repo, "Listening cache from a crisis day")

    from_parse = run_review(repo, "--base", "base")

    parses = sorted((repo / CACHE / cache.ENTRIES).glob("*.json"))
    assert parses
    for path in parses:
        path.unlink()
    commit_all(repo, "Listening cache without its parses")

    from_copies = run_review(repo, "--base", "base")

    assert from_parse.exception is None and from_copies.exception is None
    assert CRISIS in from_parse.stdout, from_parse.stdout
    assert "Escucha" not in from_copies.stdout, from_copies.stdout


@pytest.mark.parametrize("name", ["entries", "state"])
def test_a_cache_file_nested_too_deep_is_no_traceback(
    repo: Path, run_review: Callable[..., Run], name: str
) -> None:
    """JSON nested deeper than Python's parser recurses: a stored parse is parsed again from
    its copy, a state file read as no state (as any other unreadable one)."""
    folder = repo / CACHE
    paths = sorted((folder / cache.ENTRIES).glob("*.json")) if name == "entries" else []
    for path in paths or [folder / cache.STATE_FILE]:
        path.write_text("[" * 100_000, "utf-8")
    commit_all(repo, f"A {name} file nested too deep")

    run = run_review(repo, "--base", "base")

    assert run.exception is None, run.exception
    assert run.exit_code == 0, run.stdout + run.stderr
