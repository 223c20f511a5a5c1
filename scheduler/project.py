"""A portavoz project read from its ``mkdocs.yml`` without importing MkDocs.

The plugins build the same :class:`SiteSettings` from MkDocs' validated config through
:func:`site_settings`, so the CLI and a build always agree.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from portavoz.scheduler.base.clock import ClockError, parse_moment, resolve_now
from portavoz.scheduler.base.options import ConfigError as ConfigError
from portavoz.scheduler.base.options import OptionProblem, OptionReader, shown
from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.base.yaml_load import C_SAFE_LOADER, load_fast_first
from portavoz.scheduler.content.material_blog import MaterialBlog, PythonTag, material_blog
from portavoz.scheduler.content.settings import Audience, SiteSettings
from portavoz.scheduler.content.window import Pause, Window
from portavoz.scheduler.i18n import Messages, Text, language_of, messages
from portavoz.scheduler.site.options import OPTIONS as SITE_OPTIONS
from portavoz.scheduler.site.options import SITE_PATH, site_options

PAUSE_VARIABLE = "PORTAVOZ_PAUSE"
"""Environment variable holding the crisis-pause reason (non-empty: paused)."""
PAUSE_SINCE_VARIABLE = "PORTAVOZ_PAUSE_SINCE"
"""Environment variable holding when the pause began (default: now)."""


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
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, read as pyyaml_env_tag (MkDocs) does.

    Names are tried in order; a variable's value is typed as YAML would type it (``true`` is
    true, ``8`` a number); without any of them, the last item of a list is the default.
    """
    default: object = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
        if len(children) > 1:
            default = loader.construct_object(children.pop())
        names = [loader.construct_scalar(child) for child in children]
    else:
        message = f"expected a scalar or sequence node, but found {type(node).__name__}"
        raise yaml.constructor.ConstructorError(None, None, message, node.start_mark)
    for name in map(str, names):
        if name in os.environ:
            value = os.environ[name]
            # Typed as YAML types a plain scalar (pyyaml_env_tag does the same).
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonTag:
    """A ``!!python/`` value is named, never imported (Material's slug options are read so)."""
    mapping = isinstance(node, yaml.MappingNode)
    options = loader.construct_mapping(node, deep=True) if mapping else {}  # type: ignore[arg-type]
    kwds = options.get("kwds") if suffix.startswith("object/apply:") else None
    return PythonTag(suffix, {str(k): v for k, v in dict(kwds).items()} if kwds else {})


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_constructor("!ENV", _env_tag)


class _FastTolerantLoader(C_SAFE_LOADER or _TolerantLoader):  # type: ignore[misc]
    """:class:`_TolerantLoader`'s constructors over libyaml's parser, where it is installed."""


# The same Python constructors and resolver make the values; libyaml only parses (about ten
# times faster: two configurations were a tenth of a review of one post).
_FastTolerantLoader.yaml_constructors = _TolerantLoader.yaml_constructors
_FastTolerantLoader.yaml_multi_constructors = _TolerantLoader.yaml_multi_constructors


def check_plugin_options(project: Project) -> None:
    """Check every configured portavoz plugin's options through its core constructor.

    Every command does this first, so a bad option anywhere in ``mkdocs.yml`` (nested ones
    included) stops ``check``, ``review`` and ``listen`` with the message ``mkdocs build``
    gives. portavoz/site's other options were checked when the project was read.

    Raises:
        ConfigError: Every problem of every plugin, each with its key path.
    """
    where = project.config_file.name
    problems: list[OptionProblem] = []
    for name, check in _option_checks():
        options = project.plugins.get(name)
        if options is None or options.get("enabled", True) is False:
            continue
        try:
            check(options, where)
        except ConfigError as exc:
            problems += exc.problems
    if problems:
        raise ConfigError(problems, where)


OptionCheck = Callable[[Mapping[str, object], str], object]


def _option_checks() -> list[tuple[str, OptionCheck]]:
    # Imported here: the listening stack (feedparser, httpx) is slow to load.
    from portavoz.scheduler.compose.settings import scheduler_settings
    from portavoz.scheduler.lint.settings import check_lint
    from portavoz.scheduler.listening.settings import load_settings
    from portavoz.scheduler.publish.settings import PLUGIN as PUBLISH
    from portavoz.scheduler.publish.settings import publish_settings

    return [
        (SITE, lambda options, where: site_options(options, where)),
        (PUBLISH, lambda options, where: publish_settings(options, where)),
        ("portavoz/scheduler", lambda options, where: scheduler_settings(options, where)),
        ("portavoz/scheduler", lambda options, where: check_lint(options.get("lint"), where)),
        ("portavoz/listening", lambda options, where: load_settings(options, where=where)),
    ]


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


ReadConfig = Callable[[Path], str | None]
"""Reads a configuration file's text (``None``: no such file): from disk, or from a revision."""


def load_project(config_file: Path) -> Project:
    """Read a project's configuration (and the files it inherits from, as MkDocs does).

    Raises:
        ConfigError: The file is missing, not YAML, or an option is wrong.
    """
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file}: cannot read: {exc}") from None
    return parse_project(text, config_file, read=_read_disk)


def _read_disk(path: Path) -> str | None:
    """An inherited file's text, ``None`` when there is none (MkDocs opens it as a path)."""
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def parse_project(text: str, config_file: Path, read: ReadConfig | None = None) -> Project:
    """Read a project's configuration from the text of its ``mkdocs.yml``.

    Args:
        text: The configuration (e.g. as it was at a git revision).
        config_file: Where that file is (or was); its folder is the project root.
        read: Reads a file named by ``INHERIT`` (relative to the file naming it); without
            it (the default), ``INHERIT`` is refused.

    Raises:
        ConfigError: The text is not YAML, an inherited file is missing, or an option is wrong.
    """
    data = _config_data(text, config_file, read, chain=(config_file,))
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
        use_directory_urls=data.get("use_directory_urls", True),
    )
    site_dir = str(data.get("site_dir") or "site")
    root = config_file.parent.resolve()
    theme_dir = str(theme.get("custom_dir") or "")
    return Project(root, config_file.resolve(), settings, plugins, site_dir, theme_dir)


INHERIT = "INHERIT"
"""MkDocs' key naming a parent configuration, deep-merged under this one."""


def _config_data(
    text: str, config_file: Path, read: ReadConfig | None, chain: tuple[Path, ...]
) -> dict[str, object]:
    """One file's settings merged over those it inherits (``mkdocs.utils.yaml.yaml_load``)."""
    data = _load(text, config_file)
    if data is None:  # an empty file, as MkDocs reads it
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file.name}: expected a mapping of settings")
    if INHERIT not in data:
        return data
    parent = _inherited(data.pop(INHERIT), config_file, read, chain)
    return _merged(parent, data)


def _load(text: str, config_file: Path) -> object:
    """One file's YAML, parsed by libyaml where it can.

    What libyaml refuses is read again by PyYAML's own parser, as MkDocs reads it: its message
    (or its value, should libyaml be the stricter) is the one given.
    """
    try:
        return load_fast_first(text, _TolerantLoader, _FastTolerantLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_message(exc, config_file.name)) from None
    except RecursionError:
        # libyaml refuses past its depth limit; PyYAML's composer recurses until Python stops it.
        msg = "lists or mappings are nested too deeply to read; flatten them"
        raise ConfigError(f"{config_file.name}: {msg}") from None


def _inherited(
    value: object, config_file: Path, read: ReadConfig | None, chain: tuple[Path, ...]
) -> dict[str, object]:
    where = f"{config_file.name}: {INHERIT}"
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a file path, found {shown(value)}")
    if read is None:
        raise ConfigError(f"{where}: not supported here; write the settings in one file")
    path = Path(os.path.normpath(config_file.parent / value))
    if path in chain:
        raise ConfigError(
            f"{where}: {shown(value)} inherits from itself, through the files it names"
        )
    text = read(path)
    if text is None:
        raise ConfigError(
            f"{where}: file {shown(value)} not found at '{path}' "
            f"(paths are relative to {config_file.name})"
        )
    return _config_data(text, path, read, (*chain, path))


def _merged(parent: dict[str, object], child: Mapping[str, object]) -> dict[str, object]:
    """``child`` deep-merged over ``parent``: mappings merge key by key, anything else replaces.

    That is mergedeep's ``merge`` with its default strategy, as MkDocs calls it; written here
    (ten lines) rather than relying on a library the core does not otherwise need.
    """
    merged = dict(parent)
    for key, value in child.items():
        below = merged.get(key)
        if isinstance(below, dict) and isinstance(value, Mapping):
            merged[key] = _merged(below, value)
        else:
            merged[key] = value
    return merged


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


SITE = "portavoz/site"


def check_site_option(key: str) -> Callable[[object], None]:
    """A check of portavoz/site's option ``key`` alone (for MkDocs' schema).

    ``default_audience`` alone is checked as text: which audiences exist is checked with
    the whole, when the build or the command reads the settings.
    """

    def check(value: object) -> None:
        if key in SITE_OPTIONS:
            site_options({key: value})
        elif key == "default_audience":
            reader = OptionReader(SITE_PATH)
            reader.text({key: value}, key, "")
            reader.raise_problems()
        else:
            site_settings(site_url="", docs_dir="docs", language="en", blog={}, site={key: value})

    return check


def site_settings(
    *,
    site_url: str,
    docs_dir: str,
    language: str,
    blog: Mapping[str, object],
    site: Mapping[str, object],
    where: str = "mkdocs.yml",
    use_directory_urls: object = True,
) -> SiteSettings:
    """Build the site settings from the options of Material's blog and portavoz/site.

    Raises:
        ConfigError: Every option that cannot be used (timezone, audiences…), with its path.
    """
    reader = OptionReader(SITE_PATH, where)
    try:
        blog_rules = material_blog(blog, use_directory_urls=use_directory_urls, where=where)
    except ConfigError as exc:
        reader.problems.extend(exc.problems)
        blog_rules = MaterialBlog()
    texts = messages(language)
    audiences = _audiences(site.get("audiences"), reader, texts)
    # MkDocs reads a null option as its default; so does the CLI ("" is refused by both).
    _mastodon_instance(reader.text(site, "mastodon_instance", MASTODON_INSTANCE), reader)
    default = reader.text(site, "default_audience", "") or next(iter(audiences))
    if default not in audiences:
        known = ", ".join(audiences)
        reader.problem(reader.key("default_audience"), f"unknown audience '{default}' ({known})")
    timezone = _timezone(reader.text(site, "timezone", TIMEZONE), reader)
    # The hub's folder is a URL readers see: by default, in the site's language.
    hub_dir = reader.text(site, "hub_dir", "").strip("/") or texts(Text.HUB_DIR)
    reader.raise_problems()
    return SiteSettings(
        docs_dir=docs_dir.strip("/") or "docs",
        blog=blog_rules,
        site_url=site_url,
        language=language,
        timezone=timezone,
        audiences=audiences,
        default_audience=default,
        hub_dir=hub_dir,
    )


def language_problem(settings: SiteSettings, where: str = "mkdocs.yml") -> Problem | None:
    """A warning when portavoz has no texts in the site's language (it falls back to English).

    Reported once per build by portavoz/site, and once by ``portavoz check``.

    Args:
        settings: The site settings (``language`` is Material's ``theme.language``).
        where: The configuration file's name, as messages show it.
    """
    _, warning = language_of(settings.language)
    return None if warning is None else Problem(where, None, "", warning, Severity.WARNING)


MASTODON_INSTANCE = "mastodon.social"
"""The Mastodon server of the share link when the site names none."""
TIMEZONE = "UTC"
"""The timezone of dates without an offset when the site names none."""


def _timezone(value: str, reader: OptionReader) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        message = f"unknown timezone {shown(value)}; use an IANA name like Europe/Madrid"
        reader.problem(reader.key("timezone"), message)
        return ZoneInfo("UTC")


def _audiences(value: object, reader: OptionReader, texts: Messages) -> dict[str, Audience]:
    # Without audiences the site has one, shown on the hub under a label in its language.
    fallback = {"public": Audience("public", texts(Text.DEFAULT_AUDIENCE))}
    if value is None or value == {}:
        # MkDocs' own default for the option is {}: the site then has one public audience.
        return fallback
    if not isinstance(value, Mapping):
        message = f"expected a mapping of audience ids to settings, found {shown(value)}"
        reader.problem(reader.key("audiences"), message)
        return fallback
    found = {}
    for key, spec in value.items():
        audience = _audience_id(key, reader)
        options = reader.mapping(spec, "audiences", str(key))
        reader.known(options, ("label", "description", "public"), "audiences", str(key))
        label = reader.text(options, "label", "", "audiences", str(key)) or str(key)
        description = reader.text(options, "description", "", "audiences", str(key))
        public = reader.boolean(options, "public", True, "audiences", str(key))
        found[audience] = Audience(audience, label, description, public)
    return found or fallback


_AUDIENCE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
# ``index`` would be the hub's own index page (``<hub_dir>/index.md``).
_RESERVED_AUDIENCE_IDS = frozenset({"index"})


def _audience_id(key: object, reader: OptionReader) -> str:
    """An audience id names a file and a URL (``<hub_dir>/<id>.md``, ``feeds/audiences/<id>``)."""
    found = str(key)
    where = reader.key("audiences", found)
    if not _AUDIENCE_ID.fullmatch(found):
        reader.problem(
            where,
            "an audience id names its hub page and feed; "
            "use up to 100 letters, digits, hyphens and underscores, like clientes-vip",
        )
    elif found.lower() in _RESERVED_AUDIENCE_IDS:
        reader.problem(
            where,
            "an audience id names its hub page, and this one is the hub's own index page; "
            "choose another id",
        )
    return found


_HOST_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"(?P<host>{_HOST_LABEL}(?:\.{_HOST_LABEL})*)(?::(?P<port>[0-9]{{1,5}}))?")


def _mastodon_instance(value: str, reader: OptionReader) -> None:
    """A bare host name with an optional port: it is put into share links as ``https://<it>/``."""
    found = _HOST.fullmatch(value)
    port = int(found["port"] or 443) if found else 0
    if found and len(found["host"]) <= 253 and 0 < port < 65536:
        return
    reader.problem(
        reader.key("mastodon_instance"),
        f"{shown(value)} is not a host name; write the server's name "
        "alone, without https://, path or user (like mastodon.social or social.example:8443)",
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
