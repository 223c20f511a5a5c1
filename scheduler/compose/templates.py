"""Per-network Jinja2 text templates: shipped defaults, overridable from the site's theme.

Social posts are plain text, so templates are rendered without HTML escaping (the counters
check the result). Each network ships its template (:attr:`Network.template`, in
``networks/templates/``); a site overrides ``<network>.txt.j2`` by putting a file of that name
in its templates folder (``social/`` beside ``mkdocs.yml`` by default).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from portavoz.scheduler.compose.overrides import OverrideLoader
from portavoz.scheduler.compose.plain import PlainTemplate, plain_template
from portavoz.scheduler.compose.render_errors import describe
from portavoz.scheduler.compose.render_limits import MAX_TEXT, RenderLimit, check_value, checked
from portavoz.scheduler.compose.sandbox import BoundedEnvironment, render_bounded
from portavoz.scheduler.networks import get_network, network_names
from portavoz.scheduler.networks.base import TEMPLATES

_SUFFIX = ".txt.j2"


class TemplateError(ValueError):
    """A template cannot be loaded or rendered; the message names it."""


def environment(
    overrides: Path | Mapping[str, str] | None, *, shown_as: str | None = None
) -> BoundedEnvironment:
    """An environment that looks in the site's templates first, then in the shipped defaults.

    Renders are bounded in size, work and time (:mod:`portavoz.scheduler.compose.sandbox`).

    Args:
        overrides: The site's template folder, or its templates as name → source (as they
            were at a git revision), or ``None``.
        shown_as: How messages name the overrides folder (the ``templates_dir`` option,
            relative to the project); the folder's own name by default.
    """
    loaders: list[jinja2.BaseLoader] = []
    folders: dict[str, str] = {}
    if isinstance(overrides, Path):
        if overrides.is_dir():
            loaders.append(OverrideLoader(overrides))
        folders[str(overrides)] = shown_as or overrides.name
    elif overrides:
        loaders.append(_NamedDictLoader(dict(overrides), shown_as or "templates"))
    loaders.append(_ShippedLoader())
    env = BoundedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Each build makes its own environment; without this every render stats the file.
        auto_reload=False,
    )
    env.folders = folders
    return env


class _ShippedLoader(jinja2.BaseLoader):
    """Each registered network's own template, and the shipped shapes templates extend."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        name = template.removesuffix(_SUFFIX)
        if template.endswith(_SUFFIX) and name in network_names():
            path = get_network(name).template
        else:
            path = TEMPLATES.joinpath(*split_template_path(template))
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        return path.read_text(encoding="utf-8"), str(path), lambda: True


class _NamedDictLoader(jinja2.BaseLoader):
    """Templates as they were at a git revision, named ``<folder>/<name>`` in messages."""

    def __init__(self, mapping: Mapping[str, str], folder: str) -> None:
        self.mapping = dict(mapping)
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if template not in self.mapping:
            raise jinja2.TemplateNotFound(template)
        return self.mapping[template], f"{self.folder}/{template}", lambda: True


def render(env: jinja2.Environment, network: str, context: Mapping[str, object]) -> str:
    """Render a network's template, tidying blank lines left by empty parts.

    A shipped template the site does not override is rendered as plain Python
    (:mod:`portavoz.scheduler.compose.plain`), which gives the same text; overrides, and
    anything the plain form cannot reproduce, go through the sandbox.
    """
    name = f"{network}{_SUFFIX}"
    plain = _plain(env, name)
    text = plain.render(context) if plain is not None else None
    if text is not None:
        return tidy(text)
    try:
        return tidy(render_bounded(env.get_template(name), context, name))
    except Exception as exc:  # a template is site code: all it raises is content
        raise TemplateError(describe(exc, _folders(env), _where(env, name))) from None


_PLAIN: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, PlainTemplate | None]] = (
    weakref.WeakKeyDictionary()
)
"""Each environment's templates in plain form, by name (``None``: render with Jinja)."""


def _plain(env: jinja2.Environment, name: str) -> PlainTemplate | None:
    """``name`` as plain Python when it and what it extends are the shipped templates."""
    if name in getattr(env, "exhausted", _NONE_EXHAUSTED).reasons:
        return None  # refused earlier in this build: Jinja's path raises the same again
    known = _PLAIN.get(env)
    if known is None:
        known = _PLAIN[env] = {}
    if name not in known:
        ok = env.finalize is checked and not env.autoescape and not env.extensions
        known[name] = plain_template(env, name, lambda n: _shipped_source(env, n)) if ok else None
    return known[name]


@dataclass(frozen=True)
class _NoneExhausted:
    reasons: Mapping[str, object] = field(default_factory=dict)


_NONE_EXHAUSTED = _NoneExhausted()


def _shipped_source(env: jinja2.Environment, name: str) -> str | None:
    """The source of ``name`` when the environment loads the shipped template for it."""
    try:
        found = env.loader.get_source(env, name) if env.loader else None
        shipped = _ShippedLoader().get_source(env, name)
    except jinja2.TemplateError:  # not found, or an override refused: Jinja reports it
        return None
    if found is None or found[:2] != shipped[:2]:
        return None
    return shipped[0]


def render_string(env: jinja2.Environment, source: str, context: Mapping[str, object]) -> str:
    """Render a front-matter override text (it may use the same variables as templates)."""
    plain = _substituted(source, context)
    if plain is not None:
        return tidy(plain)
    try:
        return tidy(render_bounded(_compiled(env, source), context, source))
    except Exception as exc:  # a template is site code: all it raises is content
        raise TemplateError(describe(exc, _folders(env), "text")) from None


@lru_cache(maxsize=2048)
def _compiled(env: jinja2.Environment, source: str) -> jinja2.Template:
    """Compile an override once: the fitter and every build render it again and again."""
    return env.from_string(source)


_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_JINJA_STARTS = ("{{", "{%", "{#")
_LITERALS = frozenset({"true", "false", "none", "True", "False", "None"})
"""Names Jinja reads as constants, not variables."""


def _substituted(source: str, context: Mapping[str, object]) -> str | None:
    """An override made only of text and ``{{ name }}`` of context variables, rendered
    without compiling it (most override texts are this; each is a new template, and
    compiling one costs ten renders); ``None`` for anything else, which Jinja renders.

    It gives what Jinja gives: text data as written (Jinja's newline normalisation and its
    dropping of one final newline are undone by :func:`tidy` either way), each value as
    ``str`` of the value once the sandbox's size check passes it. Whatever could differ or
    fail (an unknown name, a filter, a block, a too big value or text) goes to Jinja.
    """
    pieces = _PLACEHOLDER.split(source)
    texts, names = pieces[::2], pieces[1::2]
    if any(start in text for text in texts for start in _JINJA_STARTS):
        return None
    if any(name not in context or name in _LITERALS for name in names):
        return None
    try:
        for name in names:
            check_value(context[name], "a value")
    except RenderLimit:
        return None
    out = "".join(piece if i % 2 == 0 else str(context[piece]) for i, piece in enumerate(pieces))
    return out if len(out) <= MAX_TEXT else None


def tidy(text: str) -> str:
    """Strip trailing spaces and collapse runs of blank lines into one."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _folders(env: jinja2.Environment) -> Mapping[str, str]:
    return getattr(env, "folders", {})


def _where(env: jinja2.Environment, name: str) -> str:
    try:
        source = env.loader.get_source(env, name) if env.loader else None
    except jinja2.TemplateNotFound:
        return f"template {name} not found"
    except jinja2.TemplateError:
        return name  # a refused override: the error itself names the file
    return source[1] if source and source[1] else name
