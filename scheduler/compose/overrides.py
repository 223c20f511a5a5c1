"""The site's template overrides, read from its folder without following links.

Jinja's ``FileSystemLoader`` follows symbolic links, so ``social/telegram.txt.j2 ->
../.git/config`` would render the checkout token into public feeds. This loader reads each
override through :func:`portavoz.scheduler.base.files.read_regular` and refuses a link
anywhere between the folder and the file, so a refused override is an error naming it, never
a quiet fall back to the shipped template.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from portavoz.scheduler.base.files import read_regular, refusal
from portavoz.scheduler.base.problems import ContentError


class OverrideLoader(jinja2.BaseLoader):
    """Loads ``<name>`` from one folder: regular files only, up to the size cap.

    Args:
        folder: The site's templates folder.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder
        for piece in split_template_path(template):
            path = path / piece
            try:
                mode = path.lstat().st_mode
            except OSError:
                raise jinja2.TemplateNotFound(template) from None
            if stat.S_ISLNK(mode):
                raise jinja2.TemplateError(f"{path}: {refusal(mode)}")
        if stat.S_ISDIR(mode):
            raise jinja2.TemplateNotFound(template)
        try:
            data = read_regular(path, str(path), what="templates")
        except ContentError as exc:
            raise jinja2.TemplateError(exc.problems[0].format()) from None
        except OSError as exc:
            raise jinja2.TemplateError(f"{path}: cannot read the file: {exc.strerror}") from None
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise jinja2.TemplateError(f"{path}: not UTF-8 text; save it as UTF-8") from None
        # Each build makes its own environment (auto_reload is off): never stale.
        return source, str(path), lambda: True
