"""Reading a scaffold's mkdocs.yml as data, as the tests of ``portavoz new`` need it."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import yaml


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: ``!!python/…`` tags (MkDocs runs them) read as their arguments."""


ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: loader.construct_mapping(node)
)


def read_config(folder: Path) -> dict[str, object]:
    """The ``mkdocs.yml`` in ``folder``."""
    text = (folder / "mkdocs.yml").read_text("utf-8")
    return cast(dict[str, object], yaml.load(text, Loader=ConfigLoader))
