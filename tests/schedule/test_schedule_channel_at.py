"""``channels.<network>.at:`` in a real build of the example: each variant has its own moment
in ``schedule.json``, the calendar (read with icalendar), the bulk CSV (read with csv) and the
network feeds (read with feedparser). A live post's variant whose moment is still to come is
scheduled; one moved before its post still waits for the post."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import feedparser
import icalendar
import pytest

TESTS = Path(__file__).resolve().parents[1]
NOW = "2026-11-03T10:00:00+01:00"
OPEN_DAY = "content/blog/posts/2026-11-03-puertas-abiertas-empresas.md"
"""Live at NOW (09:45 local): X two hours later, Telegram on the evening before."""
ROUTE = "content/blog/posts/2027-02-15-ruta-de-las-alquerias.md"
"""Scheduled: X a day later, Bluesky half an hour before (with an image of its own)."""
ROUTE_IMAGE = "../../assets/images/cinco-rutas-cortas.jpg"
UTC = dt.UTC


def _root_conftest(config: pytest.Config) -> ModuleType:
    module = config.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    assert module is not None, "tests/conftest.py is not loaded"
    return module  # type: ignore[no-any-return]


def _set_channels(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def built(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Any:
    conftest = _root_conftest(pytestconfig)
    root = conftest.copy_example(tmp_path_factory.mktemp("channel-at") / "site")
    _set_channels(
        root / OPEN_DAY,
        "channels: [linkedin, x, telegram]\n",
        "channels:\n  linkedin: {}\n  x: {at: +2h}\n  telegram: {at: 2026-11-02 18:00:00}\n",
    )
    _set_channels(
        root / ROUTE,
        "channels: [x, linkedin, facebook, bluesky]\n",
        "channels:\n  x: {at: +1d}\n  linkedin: {}\n  facebook: {}\n"
        f"  bluesky: {{at: -30m, image: {ROUTE_IMAGE}, image_alt: Cinco rutas}}\n",
    )
    result = conftest.run_build(root, {"PORTAVOZ_NOW": NOW})
    assert result.returncode == 0, result.output
    return result


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_schedule_json_gives_each_variant_its_moment_and_status(built: Any) -> None:
    document = json.loads((built.root / ".portavoz/schedule.json").read_text(encoding="utf-8"))
    records = {(p["post"], v["network"]): v for p in document["posts"] for v in p["variants"]}
    expected = {
        (OPEN_DAY, "linkedin"): (dt.datetime(2026, 11, 3, 8, 45, tzinfo=UTC), "live"),
        (OPEN_DAY, "x"): (dt.datetime(2026, 11, 3, 10, 45, tzinfo=UTC), "scheduled"),
        (OPEN_DAY, "telegram"): (dt.datetime(2026, 11, 2, 17, 0, tzinfo=UTC), "live"),
        (ROUTE, "x"): (dt.datetime(2027, 2, 16, 8, 0, tzinfo=UTC), "scheduled"),
        (ROUTE, "bluesky"): (dt.datetime(2027, 2, 15, 7, 30, tzinfo=UTC), "scheduled"),
        (ROUTE, "linkedin"): (dt.datetime(2027, 2, 15, 8, 0, tzinfo=UTC), "scheduled"),
    }
    found = {
        key: (_utc(records[key]["publish_at_utc"]), records[key]["status"]) for key in expected
    }
    assert found == expected
    local = records[(OPEN_DAY, "x")]["publish_at_local"]
    assert dt.datetime.fromisoformat(local).isoformat() == "2026-11-03T11:45:00+01:00"


def test_calendar_events_start_at_the_variants_moments(built: Any) -> None:
    calendar = icalendar.Calendar.from_ical((built.root / ".portavoz/calendar.ics").read_bytes())
    starts = {
        str(event["UID"]).split("@")[0]: event.decoded("DTSTART").astimezone(UTC)
        for event in calendar.walk("VEVENT")
    }
    key = "blog/posts/{}.md#{}".format
    assert starts[key("2026-11-03-puertas-abiertas-empresas", "x")] == dt.datetime(
        2026, 11, 3, 10, 45, tzinfo=UTC
    )
    assert starts[key("2027-02-15-ruta-de-las-alquerias", "x")] == dt.datetime(
        2027, 2, 16, 8, 0, tzinfo=UTC
    )
    assert starts[key("2027-02-15-ruta-de-las-alquerias", "bluesky")] == dt.datetime(
        2027, 2, 15, 7, 30, tzinfo=UTC
    )


def test_bulk_csv_lists_a_live_posts_variant_still_to_come(built: Any) -> None:
    with (built.root / ".portavoz/bulk.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    open_day = [r for r in rows if "puertas" in r["link"]]
    assert [(r["network"], r["date"], r["time"]) for r in open_day] == [
        ("x", "2026-11-03", "11:45")
    ]
    route_x = next(r for r in rows if "alquerias" in r["link"] and r["network"] == "x")
    assert (route_x["date"], route_x["time"]) == ("2027-02-16", "09:00")


def test_exports_and_bulk_csv_give_the_image_as_its_public_url(built: Any) -> None:
    internal = built.root / ".portavoz"
    with (internal / "exports/publer/bluesky.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle) if "alquerias" in r["Text"]]
    url = row["Media URL(s) - Separated by comma"]
    assert row["Date - Intl. format or prompt"] == "2027-02-15 08:30"
    assert row["Alt text(s) - Separated by ||"] == "Cinco rutas"
    site = "https://blog.ruedalibre-demo.es/"
    assert url.startswith(site) and url.endswith("/cinco-rutas-cortas.jpg"), url
    assert (built.site_dir / url.removeprefix(site)).is_file()  # the site serves it there
    with (internal / "bulk.csv").open(encoding="utf-8", newline="") as handle:
        images = {r["image"] for r in csv.DictReader(handle) if r["network"] == "bluesky"}
    assert url in images
    hootsuite = (internal / "exports/hootsuite/x.csv").read_text(encoding="utf-8")
    assert next(csv.reader(hootsuite.splitlines()))[0] == "11/03/2026 11:45"


def test_the_exports_readme_is_in_the_sites_language(built: Any) -> None:
    readme = (built.root / ".portavoz/exports/README.txt").read_text(encoding="utf-8")
    first = readme.splitlines()[0]  # the example's theme.language is es
    assert first == (
        "Todas las fechas y horas de estos archivos están en Europe/Madrid, la zona horaria "
        "del sitio."
    )
    assert "Every date" not in readme and "Hootsuite's bulk composer" not in readme


def _entries(built: Any, network: str) -> dict[str, Any]:
    feed = feedparser.parse((built.site_dir / f"feeds/networks/{network}.rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return {entry.link.split("?")[0]: entry for entry in feed.entries}


def test_network_feeds_hold_a_variant_from_its_own_moment(built: Any) -> None:
    page = (
        "https://blog.ruedalibre-demo.es/blog/"
        "jornada-de-puertas-abiertas-para-empresas-en-nuestra-nave/"
    )
    assert page in _entries(built, "linkedin")
    assert page not in _entries(built, "x")  # due at 11:45, the build looks at 10:00
    telegram = _entries(built, "telegram")[page]
    published = dt.datetime(*telegram.published_parsed[:6], tzinfo=UTC)
    assert published == dt.datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
