"""From options to files: every file of a new site, rendered from the shipped templates.

Templates use ``[[ … ]]`` and ``[% … %]`` instead of Jinja's braces: the files they make hold
GitHub expressions (``${{ github.run_id }}``) and portavoz's own social templates
(``{{ link }}``), which must come out as written.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from typing import cast
from zoneinfo import ZoneInfo

import jinja2
import yaml

from portavoz.scheduler.base.release import VERSION
from portavoz.scheduler.i18n import Language
from portavoz.scheduler.scaffold.options import ScaffoldOptions

TEMPLATES = files(__package__).joinpath("templates")
"""The shipped templates: ``shared/`` for structure, ``en/`` and ``es/`` for prose and words."""

WORKFLOWS = ("review.yml", "publish.yml")
"""The GitHub workflows, written to ``.github/workflows/``."""


class Example(StrEnum):
    """The three example posts: their template is ``post-<value>.md.j2``."""

    LIVE = "live"  # published yesterday
    THREAD = "thread"  # per-network overrides and a thread, published three days ago
    SCHEDULED = "scheduled"  # goes live in a month

    @property
    def offset(self) -> dt.timedelta:
        """How far from the day the site is made the post is dated."""
        days = {Example.LIVE: -1, Example.THREAD: -3, Example.SCHEDULED: 30}[self]
        return dt.timedelta(days=days)


SHARED = {
    "mkdocs.yml": "mkdocs.yml.j2",
    "content/assets/team.svg": "team.svg.j2",
    "content/assets/stylesheets/brand.css": "brand.css.j2",
}
"""Target path → template in ``shared/``, the same in every language."""

PROSE = {
    "README.md": "README.md.j2",
    ".gitignore": "gitignore.j2",
    "content/index.md": "index.md.j2",
    "content/blog/index.md": "blog-index.md.j2",
    "content/blog/.authors.yml": "authors.yml.j2",
    "content/dictionary.txt": "dictionary.txt.j2",
}
"""Target path → template in the language's folder."""


@dataclass(frozen=True)
class Rendered:
    """One file of the new site.

    Attributes:
        path: Relative POSIX path inside the site's folder.
        text: Its content.
    """

    path: str
    text: str


def portavoz_version() -> str:
    """The portavoz release, which the workflows pin."""
    return VERSION


def render_site(options: ScaffoldOptions, now: dt.datetime, release: str) -> list[Rendered]:
    """Every file of a new site, in ``options.lang``.

    Args:
        options: The brand's values.
        now: The moment the site is made: the example posts are dated around it.
        release: The portavoz version the workflows install.
    """
    texts = _texts(options.lang)
    base = {"o": options, "t": texts, "release": release, "names": _name_words(options.name)}
    local = now.astimezone(ZoneInfo(options.timezone))
    out = [Rendered(p, _render(f"shared/{t}", base)) for p, t in SHARED.items()]
    out += [Rendered(p, _render(f"{options.lang}/{t}", base)) for p, t in PROSE.items()]
    slugs = cast(Mapping[str, str], texts["slugs"])
    for example in Example:
        day = (local + example.offset).replace(hour=9, minute=0, second=0, microsecond=0)
        path = f"content/blog/posts/{day:%Y-%m-%d}-{slugs[example]}.md"
        context = {**base, "date": f"{day:%Y-%m-%d %H:%M:%S}"}
        out.append(Rendered(path, _render(f"{options.lang}/post-{example}.md.j2", context)))
    return out + render_workflows(options.lang, release)


def render_workflows(lang: Language, release: str) -> list[Rendered]:
    """The GitHub workflows: review of pull requests, build and publication to GitHub Pages.

    Args:
        lang: Language of their comments, step names and fallback messages.
        release: The portavoz version they install (``pip install "portavoz==<release>"``).
    """
    context = {"t": _texts(lang), "release": release}
    return [
        Rendered(f".github/workflows/{name}", _render(f"shared/{name}.j2", context))
        for name in WORKFLOWS
    ]


def _texts(lang: Language) -> Mapping[str, object]:
    source = TEMPLATES.joinpath(lang.value, "texts.yml").read_text(encoding="utf-8")
    return cast(Mapping[str, object], yaml.safe_load(source))


def _name_words(name: str) -> list[str]:
    """The brand name's words, for the dictionary (the spell checker does not know them)."""
    return sorted({w for w in re.findall(r"[^\W\d_][\w'’-]*", name) if len(w) > 1})


def _yaml_scalar(value: object) -> str:
    """``value`` as a YAML double-quoted scalar (JSON's strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


_MARKDOWN = re.compile(r"([\\`*_\[\]#|])")


def _markdown(value: object) -> str:
    """A value from people as literal Markdown text: what Markdown or HTML would read, escaped."""
    return _MARKDOWN.sub(r"\\\1", html.escape(str(value), quote=False))


def _comment(text: str, indent: int) -> str:
    """A text of several lines as a YAML comment: each line after the first ``# ``-prefixed."""
    return ("\n" + " " * indent + "# ").join(str(text).splitlines())


def _load(name: str) -> str:
    return TEMPLATES.joinpath(*name.split("/")).read_text(encoding="utf-8")


_ENV = jinja2.Environment(
    loader=jinja2.FunctionLoader(_load),
    autoescape=False,  # YAML, Markdown and shell: values from people go through |yaml
    undefined=jinja2.StrictUndefined,
    block_start_string="[%",
    block_end_string="%]",
    variable_start_string="[[",
    variable_end_string="]]",
    comment_start_string="[#",
    comment_end_string="#]",
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["yaml"] = _yaml_scalar
_ENV.filters["comment"] = _comment
_ENV.filters["md"] = _markdown


def _render(template: str, context: Mapping[str, object]) -> str:
    return _ENV.get_template(template).render(context)
