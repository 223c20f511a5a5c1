"""Names from the configuration that portavoz puts into URLs and file paths are checked.

``mastodon_instance`` becomes the host of every post's Mastodon share link
(``https://<instance>/share?…``): only a bare host name, with an optional port, keeps the link
on that host (a scheme, path, user or ``#`` would move it elsewhere). An audience id names its
hub page (``<hub_dir>/<id>.md``) and its feed (``feeds/audiences/<id>``): only a slug keeps
them inside their folders. Each row of the tables below states what it checks and goes through
the two readers of ``mkdocs.yml``: the CLI's (``portavoz check`` and ``review``) and MkDocs'
(``mkdocs build``: its validation of the plugins' options, then the site plugin's
``on_config``). A refused value gets one message
naming the file and the key; an accepted one passes both. The corpus cases
``corpus/config/mastodon-instance-*.yml`` and ``audience-id-*.yml`` run whole check, review
and build runs on a few of these.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest
from hardening_corpus import PROJECT
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from portavoz.scheduler.project import ConfigError, parse_project

BASE = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")

HOSTS = [
    # (value, accepted, what the row checks)
    ("mastodon.social", True, "the default server"),
    ("valencia.social", True, "another server"),
    ("social.example:8443", True, "a host with a port"),
    ("Mastodon.Social", True, "capitals (host names are not case-sensitive)"),
    ("xn--mastodn-0za.es", True, "an international name written as the DNS has it"),
    ("https://mastodon.social", False, "a scheme"),
    ("mastodon.social/", False, "a trailing slash"),
    ("mastodon.social/@ruedalibre", False, "a path"),
    ("lucia@mastodon.social", False, "a user"),
    ("evil.example#@mastodon.social", False, "a fragment that hides the real host"),
    ("evil.example?x=mastodon.social", False, "a query"),
    ("mastodon.social:0", False, "port 0"),
    ("mastodon.social:65536", False, "a port above 65535"),
    ("mastodon.social:", False, "an empty port"),
    ("", False, "nothing"),
    (" mastodon.social", False, "a space"),
    ("mastodon.social\n", False, "a line break"),
    ("mastodon..social", False, "an empty label"),
    ("-mastodon.social", False, "a label starting with a hyphen"),
    ("a" * 64 + ".social", False, "a label over 63 characters"),
    ("[::1]:8080", False, "an IPv6 literal"),
    ("mastodón.es", False, "non-ASCII letters (the DNS form is xn--…)"),
]

AUDIENCE_IDS = [
    ("clientes", True, "a word"),
    ("clientes-vip", True, "a hyphen"),
    ("clientes_vip", True, "an underscore"),
    ("B2B", True, "capitals and digits"),
    ("../../interno", False, "a path out of the hub folder"),
    ("a/b", False, "a slash"),
    ("con espacio", False, "a space"),
    ("público", False, "a non-ASCII letter"),
    (".oculta", False, "a dot"),
    ("index", False, "the hub's own index page"),
    ("Index", False, "the hub's index page in capitals (case-insensitive file systems)"),
    ("x" * 101, False, "over 100 characters"),
    ("a\nb", False, "a line break"),
]


def with_host(value: str) -> str:
    anchor = "      default_audience: general\n"
    # JSON is YAML: the value is quoted exactly, whatever it holds.
    return BASE.replace(anchor, f"{anchor}      mastodon_instance: {json.dumps(value)}\n", 1)


def with_audience(value: str) -> str:
    return BASE.replace("        ciclistas:\n", f"        {json.dumps(value)}:\n", 1)


def cli_reads(text: str) -> str:
    """What the CLI's reader says of the config ("" when it accepts it)."""
    try:
        parse_project(text, Path("mkdocs.yml"))
    except ConfigError as exc:
        return str(exc)
    return ""


class _Errors(logging.Handler):
    """The errors MkDocs logs while it validates a config (then it aborts)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_reads(text: str, root: Path) -> str:
    """What ``mkdocs build`` says of the config up to the plugins' ``on_config``.

    A scalar option is checked by the core in MkDocs' own validation (the plugins' schemas);
    MkDocs then prefixes the core's message with where it was (``Config value 'plugins': …``).
    """
    shutil.copytree(PROJECT, root)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    errors, logger = _Errors(), logging.getLogger("mkdocs.config")
    logger.addHandler(errors)
    try:
        config = load_config(str(root / "mkdocs.yml"))
    except Abort:
        return "\n".join(m[m.index("mkdocs.yml: ") :] for m in errors.messages)
    finally:
        logger.removeHandler(errors)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config.plugins.on_config(config)
    except PluginError as exc:
        return str(exc)
    return ""


@pytest.mark.parametrize(("value", "accepted", "expect"), HOSTS, ids=[r[2] for r in HOSTS])
def test_mastodon_instance(value: str, accepted: bool, expect: str, tmp_path: Path) -> None:
    assert expect
    text = with_host(value)
    said = {"cli": cli_reads(text), "mkdocs": mkdocs_reads(text, tmp_path / "p")}
    if accepted:
        assert said == {"cli": "", "mkdocs": ""}
        return
    for message in said.values():
        key = "mkdocs.yml: plugins.portavoz/site.mastodon_instance"
        assert message.startswith(f"{key}: {value!r} is not a host name")
        assert "\n" not in message


@pytest.mark.parametrize(
    ("value", "accepted", "expect"), AUDIENCE_IDS, ids=[r[2] for r in AUDIENCE_IDS]
)
def test_audience_id(value: str, accepted: bool, expect: str, tmp_path: Path) -> None:
    assert expect
    text = with_audience(value)
    said = {"cli": cli_reads(text), "mkdocs": mkdocs_reads(text, tmp_path / "p")}
    if accepted:
        assert said == {"cli": "", "mkdocs": ""}
        return
    # A plain id ends the key path as ``.id``; any other is quoted, as ``['../x']``.
    key = f".{value}" if re.fullmatch(r"[A-Za-z0-9_-]+", value) else f"[{value!r}]"
    for message in said.values():
        assert message.startswith(f"mkdocs.yml: plugins.portavoz/site.audiences{key}: an audience")
        assert "\n" not in message
