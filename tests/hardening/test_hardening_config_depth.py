"""A ``mkdocs.yml`` nested past every YAML parser's patience is refused in one line.

libyaml stops at its own depth limit (1000 since PyYAML 6.0.4); the configuration is then read
again by PyYAML's pure-Python parser (for its messages), whose composer recurses until Python's
recursion limit. Both ends give one message naming the file, from ``parse_project`` (which
``portavoz review`` reads each revision's configuration with) and from ``portavoz check``,
never a traceback. (``mkdocs build`` reads the file with
MkDocs' own loader before any plugin runs, so its answer is MkDocs'.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.project import ConfigError, parse_project

DEEP = "site_name: x\nsite_url: https://example.org/\nextra: " + "[" * 3000 + "]" * 3000 + "\n"


def test_parse_project_refuses_a_too_deep_config() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_project(DEEP, Path("/nowhere/mkdocs.yml"))
    assert str(caught.value) == (
        "mkdocs.yml: lists or mappings are nested too deeply to read; flatten them"
    )


def test_check_refuses_a_too_deep_config_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(DEEP, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    result = CliRunner().invoke(main, ["check", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "nested too deeply to read" in result.output
