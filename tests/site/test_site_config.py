"""One configuration path: the CLI and a real ``mkdocs build`` read ``mkdocs.yml`` alike.

The CLI reads ``mkdocs.yml`` itself (it never imports MkDocs) and hands each plugin's options
to the core's constructors; the plugins hand MkDocs' validated config to the same ones. These
tests build a site in-process, take the options the plugins built, and compare them with
what the CLI builds — for the example, for a site that ``INHERIT``s its settings, and for one
that reads values with ``!ENV``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from portavoz.scheduler.base.options import ConfigError
from portavoz.scheduler.cli.main import main
from portavoz.scheduler.compose.settings import scheduler_settings
from portavoz.scheduler.lint.settings import lint_settings
from portavoz.scheduler.listening.settings import load_settings
from portavoz.scheduler.project import load_project, parse_project
from portavoz.scheduler.site.options import PauseOption, site_options
from portavoz.scheduler.usecases.state import received

REPO = Path(__file__).resolve().parents[2]
AT = "2026-11-23T12:00:00+01:00"


def built_options(root: Path, tmp_path: Path) -> dict[str, object]:
    """The options each plugin built inside a real ``mkdocs build`` of ``root``."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "built"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert (tmp_path / "built" / "index.html").is_file()  # the build ran to its end
    scheduler = config.plugins["portavoz/scheduler"]
    return {
        "site": received(config, "test").settings,
        "scheduler": scheduler.scheduling.settings,  # type: ignore[attr-defined]
        "lint": lint_settings(dict(scheduler.config), root),
        "listening": config.plugins["portavoz/listening"].settings,  # type: ignore[attr-defined]
        "site options": site_options(dict(config.plugins["portavoz/site"].config)),
    }


def cli_options(root: Path) -> dict[str, object]:
    """The same options as the CLI builds them from ``mkdocs.yml``."""
    project = load_project(root / "mkdocs.yml")
    scheduler = project.options("portavoz/scheduler")
    return {
        "site": project.settings,
        "scheduler": scheduler_settings(scheduler, language=project.settings.language),
        "lint": lint_settings(scheduler, root),
        "listening": load_settings(
            project.options("portavoz/listening"), language=project.settings.language
        ),
        "site options": site_options(project.options("portavoz/site")),
    }


def assert_alike(cli: dict[str, object], built: dict[str, object]) -> None:
    for name in cli:
        assert cli[name] == built[name], name


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAVOZ_NOW", AT)
    monkeypatch.delenv("PORTAVOZ_PAUSE", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def test_the_example_gives_equal_options_through_cli_and_build(
    example_site: Path, tmp_path: Path
) -> None:
    cli = cli_options(example_site)
    built = built_options(example_site, tmp_path)

    assert_alike(cli, built)
    # The example's own values, so that defaults on both sides cannot make this pass alone.
    assert cli["scheduler"].networks["mastodon"].limit == 500  # type: ignore[attr-defined]
    assert cli["listening"].window_days == 365  # type: ignore[attr-defined]


def inherit_site(example_site: Path) -> Path:
    """The example with its settings in ``base.yml``, and a ``mkdocs.yml`` that inherits them."""
    (example_site / "mkdocs.yml").rename(example_site / "base.yml")
    child = {
        "INHERIT": "base.yml",
        "site_name": "Rueda Libre (heredado)",
        # Merged key by key into the parent's theme: its language and custom_dir stay.
        "theme": {"palette": {"primary": "indigo"}},
    }
    (example_site / "mkdocs.yml").write_text(yaml.safe_dump(child), encoding="utf-8")
    return example_site


def test_an_inherit_site_gives_equal_options_through_cli_and_build(
    example_site: Path, tmp_path: Path
) -> None:
    root = inherit_site(example_site)
    cli = cli_options(root)
    built = built_options(root, tmp_path)

    assert_alike(cli, built)
    assert cli["scheduler"].networks["mastodon"].limit == 500  # type: ignore[attr-defined]
    assert load_project(root / "mkdocs.yml").theme_dir == "theme"


def checked_line(root: Path) -> str:
    result = CliRunner().invoke(main, ["check", str(root), "--at", AT, "--no-lint"])
    return next(line for line in result.output.splitlines() if line.startswith("checked "))


def test_check_on_an_inherit_site_checks_its_posts(example_site: Path) -> None:
    plain = checked_line(REPO)
    inherited = checked_line(inherit_site(example_site))

    assert not plain.startswith("checked 0 posts")
    assert inherited == plain


ENV_VALUES = {
    "site_url: https://blog.ruedalibre-demo.es/": (
        'site_url: !ENV [PORTAVOZ_TEST_SITE_URL, "https://blog.ruedalibre-demo.es/"]'
    ),
    "timezone: Europe/Madrid": "timezone: !ENV PORTAVOZ_TEST_TIMEZONE",
    "limit: 500": "limit: !ENV [PORTAVOZ_TEST_UNSET, PORTAVOZ_TEST_LIMIT, 500]",
    "\n      offline: true": "\n      offline: !ENV [PORTAVOZ_TEST_OFFLINE, false]",
    "      output_dir: .portavoz": (
        "      output_dir: .portavoz\n      calendar_days: !ENV [PORTAVOZ_TEST_DAYS, 90]"
    ),
}
"""The example's values, each read from the environment instead."""


def env_site(example_site: Path) -> Path:
    text = (example_site / "mkdocs.yml").read_text(encoding="utf-8")
    for value, from_env in ENV_VALUES.items():
        assert text.count(value) == 1, value
        text = text.replace(value, from_env)
    (example_site / "mkdocs.yml").write_text(text, encoding="utf-8")
    return example_site


def test_an_env_site_gives_equal_options_through_cli_and_build(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = env_site(example_site)
    monkeypatch.setenv("PORTAVOZ_TEST_SITE_URL", "https://env.ruedalibre-demo.es/")
    monkeypatch.setenv("PORTAVOZ_TEST_TIMEZONE", "Europe/Madrid")
    monkeypatch.setenv("PORTAVOZ_TEST_LIMIT", "480")  # typed as YAML types it: a number
    monkeypatch.setenv("PORTAVOZ_TEST_OFFLINE", "true")
    monkeypatch.delenv("PORTAVOZ_TEST_UNSET", raising=False)
    monkeypatch.delenv("PORTAVOZ_TEST_DAYS", raising=False)

    cli = cli_options(root)
    built = built_options(root, tmp_path)

    assert_alike(cli, built)
    assert cli["site"].site_url == "https://env.ruedalibre-demo.es/"  # type: ignore[attr-defined]
    assert str(cli["site"].timezone) == "Europe/Madrid"  # type: ignore[attr-defined]
    scheduler = cli["scheduler"]
    assert scheduler.networks["mastodon"].limit == 480  # type: ignore[attr-defined]
    assert scheduler.calendar_days == 90  # type: ignore[attr-defined]
    assert cli["listening"].offline is True  # type: ignore[attr-defined]


NESTED_VALUES = {
    "      hub_dir: audiencias": (
        "      hub_dir: audiencias\n      web_fonts: true\n      preview_unpublished: false\n"
        "      pause:\n        since: 2026-11-01T08:00:00+01:00"
    ),
    "      output_dir: .portavoz": (
        "      output_dir: .portavoz\n      utm: {medium: redes, enabled: true}\n"
        "      feeds: {size: 5, folder: /canales/, per_network: false}"
    ),
    "        threshold: 3\n        hours: 24": "        threshold: 2\n        hours: 6",
    "      community:\n": "      community:\n        limit: 12\n        kinds: [community, news]\n",
    "        public: false\n        labels: [marca]": (
        "        public: true\n        labels: [mención]"
    ),
}
"""Nested options of every plugin, set away from their defaults."""


def test_nested_options_are_equal_through_cli_and_build(example_site: Path, tmp_path: Path) -> None:
    text = (example_site / "mkdocs.yml").read_text(encoding="utf-8")
    for value, changed in NESTED_VALUES.items():
        assert text.count(value) == 1, value
        text = text.replace(value, changed)
    (example_site / "mkdocs.yml").write_text(text, encoding="utf-8")

    cli = cli_options(example_site)
    built = built_options(example_site, tmp_path)

    assert_alike(cli, built)
    options = cli["site options"]
    # YAML reads the unquoted moment as a timestamp; both paths keep it so.
    since = options.pause.since  # type: ignore[attr-defined]
    assert options.pause == PauseOption("", since) and since is not None  # type: ignore[attr-defined]
    assert (options.web_fonts, options.preview_unpublished) == (True, False)  # type: ignore[attr-defined]
    scheduler = cli["scheduler"]
    assert scheduler.utm.medium == "redes"  # type: ignore[attr-defined]
    assert (scheduler.feeds.size, scheduler.feeds.folder) == (5, "canales")  # type: ignore[attr-defined]
    assert scheduler.feeds.per_network is False  # type: ignore[attr-defined]
    listening = cli["listening"]
    assert (listening.crisis.threshold, listening.crisis.hours) == (2, 6)  # type: ignore[attr-defined]
    assert listening.community.kinds == ("community", "news")  # type: ignore[attr-defined]
    assert listening.voices.labels == ("mención",)  # type: ignore[attr-defined]
    # The build used them: fewer feeds (none per network) in the folder named.
    assert (tmp_path / "built" / "canales").is_dir()
    assert not (tmp_path / "built" / "canales" / "networks").exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"mkdocs.yml": "INHERIT: falta.yml\n"},
            "mkdocs.yml: INHERIT: file 'falta.yml' not found at ",
        ),
        (
            {"mkdocs.yml": "INHERIT: a.yml\n", "a.yml": "INHERIT: mkdocs.yml\n"},
            "a.yml: INHERIT: 'mkdocs.yml' inherits from itself, through the files it names",
        ),
        (
            {"mkdocs.yml": "INHERIT: a.yml\n", "a.yml": "site_name: [\n"},
            "a.yml:2: invalid YAML: ",
        ),
        ({"mkdocs.yml": "INHERIT: [a.yml]\n"}, "mkdocs.yml: INHERIT: expected a file path"),
    ],
    ids=["missing", "cycle", "bad-yaml", "not-a-path"],
)
def test_inherit_that_cannot_be_followed_is_named(
    files: dict[str, str], message: str, tmp_path: Path
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    with pytest.raises(ConfigError) as raised:
        load_project(tmp_path / "mkdocs.yml")

    assert str(raised.value).startswith(message)


def test_inherit_merges_mappings_and_replaces_everything_else(tmp_path: Path) -> None:
    parent = {
        "site_url": "https://a.example.es/",
        "theme": {"name": "material", "language": "es"},
        "plugins": {"portavoz/site": {"timezone": "Europe/Madrid", "hub_dir": "grupos"}},
    }
    child = {"INHERIT": "sub/base.yml", "plugins": {"portavoz/site": {"hub_dir": "publicos"}}}
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yml").write_text(yaml.safe_dump(parent), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(child), encoding="utf-8")

    settings = load_project(tmp_path / "mkdocs.yml").settings

    assert (settings.language, str(settings.timezone), settings.hub_dir) == (
        "es",
        "Europe/Madrid",
        "publicos",
    )


def test_inherit_without_a_reader_is_refused() -> None:
    with pytest.raises(ConfigError, match="INHERIT: not supported here"):
        parse_project("INHERIT: base.yml\n", Path("mkdocs.yml"))
