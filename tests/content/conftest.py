"""A minimal portavoz project in tmp_path, configured like the example site."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from portavoz.scheduler.project import load_project

REPO = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"
POSTS = "content/blog/posts"

# Material's blog options as the example writes them (the slug function is a Python tag,
# which yaml.safe_dump cannot write back, so this part is kept as text).
BLOG_OPTIONS = """\
  - material/blog:
      blog_dir: blog
      post_url_format: "{slug}"
      post_slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
          normalize: NFD
"""


def minimal_config() -> str:
    """A mkdocs.yml with the example's blog options and its portavoz/site options."""
    example = load_project(REPO / "mkdocs.yml")
    head = {
        "site_name": "Casos",
        "site_url": example.settings.site_url,
        "docs_dir": "content",
        "theme": {"name": "material", "language": example.settings.language},
    }
    site = yaml.safe_dump(
        [{"portavoz/site": dict(example.options("portavoz/site"))}],
        allow_unicode=True,
        sort_keys=False,
    )
    site = "".join(f"  {line}\n" for line in site.splitlines())
    return (
        yaml.safe_dump(head, allow_unicode=True, sort_keys=False)
        + "plugins:\n"
        + (BLOG_OPTIONS + site)
    )


def make_project(root: Path, *cases: Path) -> Path:
    """Write the minimal project under ``root``, with the example's authors, images and
    ``cases``."""
    (root / POSTS).mkdir(parents=True)
    (root / "mkdocs.yml").write_text(minimal_config(), encoding="utf-8")
    shutil.copy2(REPO / "content/blog/.authors.yml", root / "content/blog/.authors.yml")
    # Cases name the example's images as its posts do (a missing one is an error).
    shutil.copytree(REPO / "content/assets/images", root / "content/assets/images")
    for case in cases:
        shutil.copy2(case, root / POSTS / case.name)
    return root


@pytest.fixture
def case_project(tmp_path: Path) -> Callable[..., Path]:
    """``case_project(*files)``: a fresh minimal project holding those post files."""
    return lambda *cases: make_project(tmp_path / "project", *cases)
