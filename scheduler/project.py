"""A portavoz project read from its ``mkdocs.yml`` without importing MkDocs.

The plugins build the same :class:`SiteSettings` from MkDocs' validated config through
:func:`site_settings`, so the CLI and a build always agree.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pymdownx.slugs import slugify as _pymdownx_slugify

from portavoz.scheduler.base.clock import ClockError, parse_moment, resolve_now
from portavoz.scheduler.content.settings import DEFAULT_SLUGIFY, Audience, SiteSettings, Slugify
from portavoz.scheduler.content.window import Pause, Window

PAUSE_VARIABLE = "PORTAVOZ_PAUSE"
"""Environment variable holding the crisis-pause reason (non-empty: paused)."""
PAUSE_SINCE_VARIABLE = "PORTAVOZ_PAUSE_SINCE"
"""Environment variable holding when the pause began (default: now)."""


class ConfigError(ValueError):
    """The project configuration cannot be used; the message names the file and option."""


@dataclass(frozen=True)
class Project:
    """A site on disk: where it is, its settings, and each plugin's raw options."""

    root: Path
    config_file: Path
    settings: SiteSettings
    plugins: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    site_dir: str = "site"
    """MkDocs' ``site_dir`` as written, relative to ``root`` (``mkdocs build -d`` may differ)."""
    theme_dir: str = ""
    """The theme's ``custom_dir`` as written, relative to ``root`` ("" without one)."""

    def options(self, plugin: str) -> Mapping[str, object]:
        """Raw options of a plugin (``portavoz/scheduler``…), empty when not configured."""
        return self.plugins.get(plugin, {})

    @property
    def pause_options(self) -> Mapping[str, object] | None:
        """The ``pause`` option of portavoz/site (``reason``, ``since``), if set."""
        value = self.options("portavoz/site").get("pause")
        return value if isinstance(value, dict) else None


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing anything: ``!!python/name`` tags become None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    )
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    """Only Material's slug function is rebuilt (its options matter for URLs); nothing else."""
    if suffix == "object/apply:pymdownx.slugs.slugify" and isinstance(node, yaml.MappingNode):
        options = loader.construct_mapping(node, deep=True).get("kwds") or {}
        return _pymdownx_slugify(**{str(k): v for k, v in dict(options).items()})
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_constructor("!ENV", _env_tag)


def find_config(start: Path) -> Path:
    """The ``mkdocs.yml`` at or above ``start`` (a folder or a file inside the project)."""
    here = start.resolve()
    if here.is_file() and here.suffix in {".yml", ".yaml"}:
        return here
    for folder in [here, *here.parents]:
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    raise ConfigError(f"{start}: no mkdocs.yml here or in any parent folder")


def load_project(config_file: Path) -> Project:
    """Read a project's configuration.

    Raises:
        ConfigError: The file is missing, not YAML, or an option is wrong.
    """
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file}: cannot read: {exc}") from None
    return parse_project(text, config_file)


def parse_project(text: str, config_file: Path) -> Project:
    """Read a project's configuration from the text of its ``mkdocs.yml``.

    Args:
        text: The configuration (e.g. as it was at a git revision).
        config_file: Where that file is (or was); its folder is the project root.

    Raises:
        ConfigError: The text is not YAML, or an option is wrong.
    """
    try:
        data = yaml.load(text, _TolerantLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_message(exc, config_file.name)) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file.name}: expected a mapping of settings")
    plugins = _plugin_options(data.get("plugins"))
    theme_value = data.get("theme")
    theme: dict[str, object] = theme_value if isinstance(theme_value, dict) else {}
    settings = site_settings(
        site_url=str(data.get("site_url") or ""),
        docs_dir=str(data.get("docs_dir") or "docs"),
        language=str(theme.get("language") or "en"),
        blog=plugins.get("material/blog", {}),
        site=plugins.get("portavoz/site", {}),
        where=config_file.name,
    )
    site_dir = str(data.get("site_dir") or "site")
    root = config_file.parent.resolve()
    theme_dir = str(theme.get("custom_dir") or "")
    return Project(root, config_file.resolve(), settings, plugins, site_dir, theme_dir)


def _yaml_message(exc: yaml.YAMLError, name: str) -> str:
    """``mkdocs.yml:31: invalid YAML: …`` (PyYAML's own text names ``<unicode string>``)."""
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return f"{name}: invalid YAML: {exc}"
    start = exc.context_mark
    context = f" ({exc.context} that starts on line {start.line + 1})" if start else ""
    return f"{name}:{exc.problem_mark.line + 1}: invalid YAML: {exc.problem}{context}"


def _plugin_options(value: object) -> dict[str, Mapping[str, object]]:
    found: dict[str, Mapping[str, object]] = {}
    items: list[object] = (
        list(value.items()) if isinstance(value, dict) else list(value or [])  # type: ignore[call-overload]
    )
    for item in items:
        if isinstance(item, tuple):
            name, options = item
        elif isinstance(item, dict):
            name, options = next(iter(item.items()))
        else:
            name, options = item, {}
        found[str(name)] = options if isinstance(options, dict) else {}
    return found


def site_settings(
    *,
    site_url: str,
    docs_dir: str,
    language: str,
    blog: Mapping[str, object],
    site: Mapping[str, object],
    where: str = "mkdocs.yml",
) -> SiteSettings:
    """Build the site settings from the options of Material's blog and portavoz/site.

    Raises:
        ConfigError: A timezone or audience option cannot be used.
    """
    blog_dir = str(blog.get("blog_dir", "blog")).strip("/")
    post_dir = str(blog.get("post_dir", "{blog}/posts")).format(blog=blog_dir).strip("/")
    audiences = _audiences(site.get("audiences"), where)
    instance = site.get("mastodon_instance")
    # MkDocs reads a null option as its default; so does the CLI ("" is refused by both).
    _mastodon_instance("mastodon.social" if instance is None else instance, where)
    default = str(site.get("default_audience") or next(iter(audiences)))
    if default not in audiences:
        known = ", ".join(audiences)
        raise ConfigError(f"{where}: default_audience: unknown audience '{default}' ({known})")
    return SiteSettings(
        docs_dir=docs_dir.strip("/") or "docs",
        blog_dir=blog_dir,
        post_dir=post_dir,
        post_url_format=str(blog.get("post_url_format", "{date}/{slug}")),
        post_url_date_format=str(blog.get("post_url_date_format", "yyyy/MM/dd")),
        site_url=site_url,
        language=language,
        timezone=_timezone(site.get("timezone", "UTC"), where),
        audiences=audiences,
        default_audience=default,
        hub_dir=str(site.get("hub_dir") or "audiencias").strip("/"),
        slugify=_slugify_option(blog),
        slug_separator=str(blog.get("post_slugify_separator") or "-"),
    )


def _slugify_option(blog: Mapping[str, object]) -> Slugify:
    found = blog.get("post_slugify")
    return cast(Slugify, found) if callable(found) else DEFAULT_SLUGIFY


def _timezone(value: object, where: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        msg = f"{where}: timezone: unknown timezone '{value}'; use an IANA name like Europe/Madrid"
        raise ConfigError(msg) from None


def _audiences(value: object, where: str) -> dict[str, Audience]:
    if value is None:
        return {"public": Audience("public", "Public")}
    if not isinstance(value, dict) or not value:
        raise ConfigError(f"{where}: audiences: expected a mapping of audience ids to settings")
    found = {}
    for key, spec in value.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: audiences: {key}: expected label, description, public")
        public = spec.get("public", True)
        if not isinstance(public, bool):
            raise ConfigError(f"{where}: audiences: {key}: public must be true or false")
        label = str(spec.get("label") or key)
        audience = _audience_id(key, where)
        found[audience] = Audience(audience, label, str(spec.get("description") or ""), public)
    return found


_AUDIENCE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
# ``index`` would be the hub's own index page (``<hub_dir>/index.md``).
_RESERVED_AUDIENCE_IDS = frozenset({"index"})


def _audience_id(key: object, where: str) -> str:
    """An audience id names a file and a URL (``<hub_dir>/<id>.md``, ``feeds/audiences/<id>``)."""
    found = str(key)
    if not _AUDIENCE_ID.fullmatch(found):
        raise ConfigError(
            f"{where}: audiences: {found!r}: an audience id names its hub page and feed; "
            "use up to 100 letters, digits, hyphens and underscores, like clientes-vip"
        )
    if found.lower() in _RESERVED_AUDIENCE_IDS:
        raise ConfigError(
            f"{where}: audiences: {found!r}: an audience id names its hub page, and this one "
            "is the hub's own index page; choose another id"
        )
    return found


_HOST_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"(?P<host>{_HOST_LABEL}(?:\.{_HOST_LABEL})*)(?::(?P<port>[0-9]{{1,5}}))?")


def _mastodon_instance(value: object, where: str) -> str:
    """A bare host name with an optional port: it is put into share links as ``https://<it>/``."""
    found = _HOST.fullmatch(value) if isinstance(value, str) else None
    port = int(found["port"] or 443) if found else 0
    if found and len(found["host"]) <= 253 and 0 < port < 65536:
        return str(value)
    raise ConfigError(
        f"{where}: mastodon_instance: {value!r} is not a host name; write the server's name "
        "alone, without https://, path or user (like mastodon.social or social.example:8443)"
    )


def build_window(
    settings: SiteSettings,
    pause: Mapping[str, object] | None = None,
    *,
    at: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Window:
    """The moment and pause a build or command uses (clock and pause read here only).

    Args:
        settings: Site settings (for the timezone).
        pause: The ``pause`` option of portavoz/site (``reason`` and ``since``), if any.
        at: Explicit moment from the CLI.
        environ: Environment (default ``os.environ``).

    Raises:
        ConfigError: The clock or the pause moment cannot be read.
    """
    env = os.environ if environ is None else environ
    tz = settings.timezone
    try:
        now = resolve_now(tz, at, env)
        reason = str(env.get(PAUSE_VARIABLE) or (pause or {}).get("reason") or "").strip()
        if not reason:
            return Window(now)
        since_value = env.get(PAUSE_SINCE_VARIABLE) or (pause or {}).get("since")
        since = _since(since_value, tz, now)
    except ClockError as exc:
        raise ConfigError(str(exc)) from None
    return Window(now, Pause(reason, since))


def _since(value: object, tz: ZoneInfo, now: dt.datetime) -> dt.datetime:
    if value is None:
        return now
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return parse_moment(str(value), tz, source="pause.since")
