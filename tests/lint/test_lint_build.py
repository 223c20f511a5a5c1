"""Brand-voice findings reach `mkdocs build`'s log, the same lines `portavoz check` prints.

Warnings are advice: logged at info level in a build, so the ``--strict`` build that publishes
the site never stops on a style suggestion; a rule set to ``error`` stops it, as it fails check.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from portavoz.scheduler.cli.main import main

AT = "2026-11-23T12:00:00+01:00"
POST = """\
---
title: "GRAN OFERTA DE PRIMAVERA en todas las estaciones"
date: 2026-03-01 09:00:00
summary: Bicis nuevas en todas las estaciones.
channels: [x, mastodon]
---

Texto del post.
"""
FINDING = (
    "content/blog/posts/gritos.md:2: title: 'GRAN OFERTA DE PRIMAVERA' is in capitals, "
    "which reads as shouting; write it in sentence case"
)
_TAG = re.compile(r" \[(warning|error) [\w-]+\]$")


def _one_post(site: Path) -> None:
    posts = site / "content/blog/posts"
    shutil.rmtree(posts)  # one post only: the finding is its own, whatever the others hold
    posts.mkdir()
    (posts / "gritos.md").write_text(POST, encoding="utf-8")


def _checked(site: Path) -> list[str]:
    checked = CliRunner().invoke(main, ["check", str(site), "--at", AT])
    # The CLI ends a line with its severity and rule ("[warning caps]"); the log has its level.
    return [
        _TAG.sub("", line) for line in checked.output.splitlines() if line.startswith("content/")
    ]


def _lines(output: str, level: str) -> list[str]:
    return re.findall(rf"^{level}\s+-\s+portavoz: (?:brand voice: )?(content/.*)$", output, re.M)


def test_build_logs_brand_voice_warnings_without_failing_strict(
    example_site: Path, build: Callable[..., Any]
) -> None:
    _one_post(example_site)
    expected = _checked(example_site)

    result = build(example_site, {"PORTAVOZ_NOW": AT})

    assert expected == [FINDING]
    assert _lines(result.output, "INFO") == expected, result.output
    assert result.returncode == 0, result.output


def test_a_rule_set_to_error_stops_the_build(example_site: Path, build: Callable[..., Any]) -> None:
    _one_post(example_site)
    config = example_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plugin = "  - portavoz/scheduler:\n"
    assert plugin in text
    lint = yaml.safe_dump({"lint": {"rules": {"caps": {"severity": "error"}}}}, indent=2)
    indented = "".join(f"      {line}\n" for line in lint.splitlines())
    config.write_text(text.replace(plugin, plugin + indented, 1), encoding="utf-8")

    result = build(example_site, {"PORTAVOZ_NOW": AT})

    assert _checked(example_site) == [FINDING]
    assert _lines(result.output, "ERROR") == [FINDING], result.output
    assert result.returncode == 1
