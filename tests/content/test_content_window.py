"""The publish window (tables/window.yml), the clock (tables/clock.yml) and build_window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

from portavoz.scheduler.base.clock import ClockError, parse_moment, resolve_now
from portavoz.scheduler.cli.main import main
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Pause, Status, Window
from portavoz.scheduler.project import ConfigError, build_window, load_project

REPO = Path(__file__).resolve().parents[2]
TABLES = Path(__file__).resolve().parent / "tables"
MADRID = ZoneInfo("Europe/Madrid")
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=MADRID)


def _table(name: str) -> list[Any]:
    rows = yaml.safe_load((TABLES / f"{name}.yml").read_text(encoding="utf-8"))
    return [pytest.param(row, id=row["description"]) for row in rows]


@pytest.fixture(scope="module")
def settings() -> SiteSettings:
    """The example site's settings: Europe/Madrid, and 'equipo' as its internal audience."""
    found = load_project(REPO / "mkdocs.yml").settings
    assert found.timezone == MADRID
    assert not found.audiences["equipo"].public
    return found


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=MADRID)


def _post(spec: dict[str, Any]) -> Post:
    date = _aware(spec["date"])
    return Post(
        path="content/blog/posts/p.md",
        src_uri="blog/posts/p.md",
        title="P",
        date=date,
        url_date=date.date(),
        expires=_aware(spec["expires"]) if "expires" in spec else None,
        draft=spec.get("draft", False),
        audiences=tuple(spec.get("audiences", ["general"])),
    )


@pytest.mark.parametrize("case", _table("window"))
def test_window_status(case: dict[str, Any], settings: SiteSettings) -> None:
    pause = case.get("pause")
    window = Window(case["now"], Pause(pause["reason"], _aware(pause["since"])) if pause else None)
    post = _post(case["post"])

    status = window.status(post, settings)

    assert status is Status(case["status"])
    assert window.is_live(post, settings) is (status is Status.LIVE)


@pytest.mark.parametrize("case", _table("clock"))
def test_parse_moment(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(ClockError) as caught:
            parse_moment(case["text"], MADRID)
        assert str(caught.value) == case["error"]
    else:
        found = parse_moment(case["text"], MADRID)
        assert found.tzinfo is not None
        assert found == case["utc"]


def test_parse_moment_names_its_source() -> None:
    with pytest.raises(ClockError, match=r"^--at: 'ayer' is not a moment"):
        parse_moment("ayer", MADRID, source="--at")


def test_resolve_now_prefers_at_over_the_environment() -> None:
    env = {"PORTAVOZ_NOW": "2030-01-01T00:00:00+00:00"}
    assert resolve_now(MADRID, "2027-02-15T09:00", env) == dt.datetime(
        2027, 2, 15, 9, tzinfo=MADRID
    )


def test_resolve_now_reads_the_environment() -> None:
    env = {"PORTAVOZ_NOW": "2027-02-15T08:59:00+01:00"}
    found = resolve_now(MADRID, None, env)
    assert found == dt.datetime(2027, 2, 15, 7, 59, tzinfo=dt.UTC)


def test_resolve_now_without_a_simulated_clock_is_the_real_one() -> None:
    before = dt.datetime.now(dt.UTC)
    found = resolve_now(MADRID, None, {})
    after = dt.datetime.now(dt.UTC)
    assert found.tzinfo == MADRID
    assert before <= found <= after


@pytest.mark.parametrize("at", [None, ""], ids=["none", "empty"])
def test_resolve_now_bad_environment_value_raises(at: str | None) -> None:
    with pytest.raises(ClockError, match="PORTAVOZ_NOW: 'la semana que viene'"):
        resolve_now(MADRID, at, {"PORTAVOZ_NOW": "la semana que viene"})


def test_resolve_now_bad_at_raises() -> None:
    with pytest.raises(ClockError, match="--at: '31/12/2026'"):
        resolve_now(MADRID, "31/12/2026", {})


# build_window: (environment, pause option) -> (now, pause reason, pause since) or error.
WINDOWS = [
    pytest.param({"PORTAVOZ_NOW": "2026-11-23T12:00"}, None, (NOW, None, None), id="no pause"),
    pytest.param(
        {"PORTAVOZ_NOW": "2026-11-23T12:00", "PORTAVOZ_PAUSE": "  "},
        None,
        (NOW, None, None),
        id="blank reason is no pause",
    ),
    pytest.param(
        {"PORTAVOZ_NOW": "2026-11-23T12:00", "PORTAVOZ_PAUSE": "incidencia en la app"},
        None,
        (NOW, "incidencia en la app", NOW),
        id="pause from the environment begins now",
    ),
    pytest.param(
        {
            "PORTAVOZ_NOW": "2026-11-23T12:00",
            "PORTAVOZ_PAUSE": " incidencia ",
            "PORTAVOZ_PAUSE_SINCE": "2026-11-22T18:00",
        },
        None,
        (NOW, "incidencia", dt.datetime(2026, 11, 22, 18, tzinfo=MADRID)),
        id="since from the environment, read in Madrid",
    ),
    pytest.param(
        {"PORTAVOZ_NOW": "2026-11-23T12:00"},
        {"reason": "luto oficial", "since": dt.datetime(2026, 11, 20, 9)},
        (NOW, "luto oficial", dt.datetime(2026, 11, 20, 9, tzinfo=MADRID)),
        id="pause from the option, naive since read in Madrid",
    ),
    pytest.param(
        {"PORTAVOZ_NOW": "2026-11-23T12:00"},
        {"reason": "luto oficial", "since": "2026-11-20T09:00:00+00:00"},
        (NOW, "luto oficial", dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)),
        id="pause from the option, since as text",
    ),
    pytest.param(
        {"PORTAVOZ_NOW": "2026-11-23T12:00", "PORTAVOZ_PAUSE": "del entorno"},
        {"reason": "de la opción", "since": "2026-11-20T09:00:00+00:00"},
        (NOW, "del entorno", dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)),
        id="environment reason wins over the option",
    ),
    pytest.param(
        {"PORTAVOZ_NOW": "2026-11-23T12:00"},
        {"reason": "", "since": "2026-11-20T09:00:00+00:00"},
        (NOW, None, None),
        id="since without a reason is no pause",
    ),
]


@pytest.mark.parametrize(("environ", "option", "expected"), WINDOWS)
def test_build_window(
    environ: dict[str, str],
    option: dict[str, object] | None,
    expected: tuple[dt.datetime, str | None, dt.datetime | None],
    settings: SiteSettings,
) -> None:
    window = build_window(settings, option, environ=environ)

    now, reason, since = expected
    assert window.now == now
    if reason is None:
        assert window.pause is None
    else:
        assert window.pause == Pause(reason, since)  # type: ignore[arg-type]


def test_build_window_at_wins_over_the_environment(settings: SiteSettings) -> None:
    window = build_window(
        settings, None, at="2027-02-15T09:00", environ={"PORTAVOZ_NOW": "2026-01-01"}
    )
    assert window.now == dt.datetime(2027, 2, 15, 9, tzinfo=MADRID)


@pytest.mark.parametrize(
    ("environ", "words"),
    [
        ({"PORTAVOZ_NOW": "pronto"}, "PORTAVOZ_NOW: 'pronto' is not a moment"),
        (
            {
                "PORTAVOZ_NOW": "2026-11-23T12:00",
                "PORTAVOZ_PAUSE": "x",
                "PORTAVOZ_PAUSE_SINCE": "ayer",
            },
            "'ayer' is not a moment",
        ),
    ],
    ids=["bad clock", "bad pause since"],
)
def test_build_window_bad_values_are_config_errors(
    environ: dict[str, str], words: str, settings: SiteSettings
) -> None:
    with pytest.raises(ConfigError, match=words):
        build_window(settings, None, environ=environ)


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--at", "mañana"], {}, "--at: 'mañana' is not a moment"),
        ([], {"PORTAVOZ_NOW": "mañana"}, "PORTAVOZ_NOW: 'mañana' is not a moment"),
    ],
    ids=["--at", "PORTAVOZ_NOW"],
)
def test_check_with_a_bad_clock_says_so(args: list[str], env: dict[str, str], words: str) -> None:
    result = CliRunner().invoke(main, ["check", str(REPO), *args], env=env)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert words in result.output


def test_check_counts_statuses_of_the_example_at_a_fixed_clock() -> None:
    result = CliRunner().invoke(
        main, ["check", str(REPO), "--at", "2026-11-23T12:00+01:00"], env={"PORTAVOZ_NOW": None}
    )

    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "checked 18 posts (1 draft, 1 internal, 14 live, 1 scheduled, 1 withdrawn): "
        "0 errors, 0 warnings"
    )
