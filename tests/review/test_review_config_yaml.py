"""Reading ``mkdocs.yml`` with libyaml's parser gives what PyYAML's own parser gives (issue 16).

Both sides of a review read their configuration; PyYAML's pure-Python parser (MkDocs' own)
was a tenth of a review of one post. ``project._load`` parses with libyaml and falls back to
the pure-Python loader on any error; the pure-Python loader is the reference here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from portavoz.scheduler import project
from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.content.material_blog import PythonTag

ROOT = Path(__file__).parents[2]
CONFIGS = sorted(
    [
        ROOT / "mkdocs.yml",
        *(ROOT / "tests/hardening/corpus").glob("*/mkdocs.yml"),
        *(ROOT / "tests/hardening/corpus/config").glob("*.yml"),
    ]
)

TAGGED = """\
site_url: !ENV [PORTAVOZ_TEST_UNSET_URL, "https://example.org/"]
flag: !ENV [PORTAVOZ_TEST_FLAG, false]
copyright: !relative $config_dir
hooks: !!python/name:os.system
plugins:
  - material/blog:
      post_slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds: {case: lower, normalize: NFD}
      categories_slugify: !!python/name:markdown.extensions.toc.slugify
anchors:
  base: &base {a: 1, b: [x, y]}
  more: {<<: *base, c: 2}
  twice: [*base, *base]
dates: [2026-01-09, 2026-01-09 09:10:00, 1e3, 0o17, .inf, ~, yes, "quoted"]
text: |
  línea uno
  línea dos
"""


def test_libyaml_is_used() -> None:
    # The fallback alone would pass every comparison below: make sure the fast path runs.
    assert issubclass(project._FastTolerantLoader, yaml.CSafeLoader)


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_config_reads_as_the_pure_loader_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    try:
        expected: object = yaml.load(text, project._TolerantLoader)
    except yaml.YAMLError as exc:
        with pytest.raises(ConfigError) as raised:
            project._load(text, path)
        assert str(raised.value) == project._yaml_message(exc, path.name)
    else:
        assert project._load(text, path) == expected


def test_tags_anchors_and_scalars_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAVOZ_TEST_FLAG", "true")
    fast = project._load(TAGGED, Path("mkdocs.yml"))
    assert fast == yaml.load(TAGGED, project._TolerantLoader)
    assert isinstance(fast, dict)
    assert fast["site_url"] == "https://example.org/"
    assert fast["flag"] is True
    assert fast["hooks"] == PythonTag("name:os.system")
    assert fast["anchors"]["more"] == {"a": 1, "b": ["x", "y"], "c": 2}


@pytest.mark.parametrize(
    "text",
    [
        "site_name: [unclosed\n",
        "a: 1\n  b: 2\n",
        "key: \x07bell\n",
        "site_url: !ENV {not: allowed}\n",
    ],
    ids=["unclosed", "indentation", "control-character", "env-mapping"],
)
def test_what_libyaml_refuses_gets_the_pure_loaders_message(text: str) -> None:
    try:
        yaml.load(text, project._TolerantLoader)
    except yaml.YAMLError as exc:
        expected = project._yaml_message(exc, "mkdocs.yml")
    else:
        assert project._load(text, Path("mkdocs.yml")) == yaml.load(text, project._TolerantLoader)
        return
    with pytest.raises(ConfigError) as raised:
        project._load(text, Path("mkdocs.yml"))
    assert str(raised.value) == expected
