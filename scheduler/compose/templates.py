"""Per-network Jinja2 text templates: shipped defaults, overridable from the site's theme.

Social posts are plain text, so templates are rendered without HTML escaping (the counters
check the result). A site overrides ``<network>.txt.j2`` by putting a file of that name in
its templates folder (``social/`` beside ``mkdocs.yml`` by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from scheduler.compose.overrides import OverrideLoader


class TemplateError(ValueError):
    """A template cannot be loaded or rendered; the message names it."""


def environment(overrides: Path | Mapping[str, str] | None) -> SandboxedEnvironment:
    """An environment that looks in the site's templates first, then in the shipped defaults.

    Args:
        overrides: The site's template folder, or its templates as name → source (as they
            were at a git revision), or ``None``.
    """
    loaders: list[jinja2.BaseLoader] = []
    if isinstance(overrides, Path):
        if overrides.is_dir():
            loaders.append(OverrideLoader(overrides))
    elif overrides:
        loaders.append(jinja2.DictLoader(dict(overrides)))
    loaders.append(jinja2.PackageLoader("scheduler.compose", "templates"))
    return SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Each build makes its own environment; without this every render stats the file.
        auto_reload=False,
    )


def render(env: jinja2.Environment, network: str, context: Mapping[str, object]) -> str:
    """Render a network's template, tidying blank lines left by empty parts."""
    name = f"{network}.txt.j2"
    try:
        return tidy(env.get_template(name).render(context))
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{_where(env, name)}: {exc}") from None


def render_string(env: jinja2.Environment, source: str, context: Mapping[str, object]) -> str:
    """Render a front-matter override text (it may use the same variables as templates)."""
    try:
        return tidy(_compiled(env, source).render(context))
    except jinja2.TemplateError as exc:
        raise TemplateError(str(exc)) from None


@lru_cache(maxsize=2048)
def _compiled(env: jinja2.Environment, source: str) -> jinja2.Template:
    """Compile an override once: the fitter and every build render it again and again."""
    return env.from_string(source)


def tidy(text: str) -> str:
    """Strip trailing spaces and collapse runs of blank lines into one."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _where(env: jinja2.Environment, name: str) -> str:
    try:
        source = env.loader.get_source(env, name) if env.loader else None
    except jinja2.TemplateNotFound:
        return f"template {name} not found"
    except jinja2.TemplateError:
        return name  # a refused override: the error itself names the file
    return source[1] if source and source[1] else name
