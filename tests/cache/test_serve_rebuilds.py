"""``mkdocs serve``'s rebuilds, with what they keep in the process, give the pages and panels a
first build of the same files gives, and leave the internal outputs alone; when serve stops,
the internal outputs are those a plain build of the last round's files writes (issue 16).

MkDocs' own serve command runs in this process (only the waiting is replaced, as in
``bench/serve.py``): the first build, then rounds of changes, each followed by the server's own
rebuild, then serve stops. The reference is a first build of a copy with the same changes,
with nothing kept from earlier builds (and, for the internal outputs, a plain build of it).
Each round changes several kinds of input at once, each in another post.
"""

from __future__ import annotations

import itertools
import os
import shutil
import struct
from pathlib import Path

import pytest
from serve_driver import Change, forget, plain_build, serve_outputs

from portavoz.scheduler.content import repository

POSTS = Path("content/blog/posts")
IMAGE = Path("content/assets/images/primavera-en-pedales.jpg")
NOW = "2026-11-20T12:00+01:00"
LATER = "2026-12-24T12:00+01:00"  # the post moved to 2026-12-20 is live by then
LAST = "2027-03-01T12:00+01:00"  # the post of 2027-02-15 is live by then
RESERVAS = "2026-06-16-reservas-con-antelacion.md"
SEISCIENTAS = "2026-01-12-seiscientas-bicis-nuevas.md"
PAST_BOTH = "2027-03-15T12:00+01:00"  # after the x variant's own moment and the expiry
ALQUERIAS = "site/blog/primavera-2027-llega-la-ruta-guiada-de-las-alquerias-de-la-huerta/index.html"
TYPO = b"&#39;bicicletta&#39; is not in the Spanish dictionary"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _reading(root: Path) -> None:
    """A post's text and another's date, a misspelt word, a post's image removed."""
    post = root / POSTS / "2026-10-20-pedalear-en-otono.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nUna frase nueva.\n", encoding="utf-8")
    _edit(root / POSTS / "2026-09-29-nuevas-estaciones.md", "date: 2026-09-29", "date: 2026-12-20")
    quedada = root / POSTS / "2026-07-07-quedada-nocturna-turia.md"
    quedada.write_text(quedada.read_text(encoding="utf-8") + "\nTraed la bicicletta.\n")
    (root / IMAGE).unlink()


def _settings(root: Path) -> None:
    """The image back; the timezone, a template override, the dictionary and the clock."""
    shutil.copy2(Path(__file__).parents[2] / IMAGE, root / IMAGE)
    _edit(root / "mkdocs.yml", "timezone: Europe/Madrid", "timezone: Atlantic/Canary")
    (root / "social").mkdir()
    override = '{% extends "_post.txt.j2" %}{% block link %}→ {{ link }}{% endblock %}'
    (root / "social" / "x.txt.j2").write_text(override, encoding="utf-8")
    with (root / "content" / "dictionary.txt").open("a", encoding="utf-8") as words:
        words.write("bicicletta\n")
    os.environ["PORTAVOZ_NOW"] = LATER  # set by the fixture through monkeypatch: restored


def _later_clock(root: Path) -> None:
    """Only the clock: the post of 2027-02-15 goes from scheduled to live (its records,
    feeds entries, hub rows and page), nothing else changes."""
    os.environ["PORTAVOZ_NOW"] = LAST


def _page_inputs(root: Path) -> None:
    """What the pages' kept values show besides the page: the site's name and description,
    the card image's size, an author's name, an audience's label, the Mastodon server."""
    config = root / "mkdocs.yml"
    _edit(config, "site_name: Rueda Libre", "site_name: Rueda Libre Nueva")
    _edit(config, "site_description: Noticias,", "site_description: Novedades,")
    _edit(config, "label: Comunidad ciclista", "label: Gente ciclista")
    _edit(
        config, "hub_dir: audiencias\n", "hub_dir: audiencias\n      mastodon_instance: m.example\n"
    )
    card = root / "content/assets/images/estaciones-benimaclet-cabanyal.png"
    data = card.read_bytes()
    card.write_bytes(data[:16] + struct.pack(">II", 600, 315) + data[24:])
    _edit(root / "content/blog/.authors.yml", "name: Lucía Ferrer", "name: Lucía Ferrer Pla")


def _by_hand(root: Path) -> None:
    """A post removed and one added; and, between the rebuilds, the outputs changed by someone
    else: a variant's record deleted, another's text edited in place (its size and times
    put back), a file left in a post's folder and one in the variants' folder."""
    (root / POSTS / "2026-01-26-cinco-rutas-cortas.md").unlink()
    added = root / POSTS / "2026-10-21-pedalear-de-noche.md"
    shutil.copy2(root / POSTS / "2026-10-20-pedalear-en-otono.md", added)
    _edit(added, "pedalear en otoño con seguridad", "pedalear de noche")
    _edit(added, "date: 2026-10-20 18:30:00", "date: 2026-10-21 18:30:00")
    variants = root / ".portavoz" / "variants"
    if not variants.is_dir():  # the reference's copy: a first build, nothing to change
        return
    records, texts = sorted(variants.rglob("*.json")), sorted(variants.rglob("*.txt"))
    records[0].unlink()
    edited, before = texts[-1], texts[-1].stat()
    with edited.open("r+b") as handle:  # in place: the folder's own times do not move
        handle.write(b"X")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    (records[-1].parent / "notas.txt").write_text("mías\n", encoding="utf-8")
    (variants / "suelto.txt").write_text("mío\n", encoding="utf-8")


def _same_size(root: Path) -> None:
    """A post's title edited in place to one of the same size, with a new modification time:
    only its numbers tell the kept read it changed."""
    post = root / POSTS / RESERVAS
    before = post.stat()
    _edit(post, "hasta treinta minutos", "hasta catorce minutos")
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
    assert post.stat().st_size == before.st_size


def _own_moments(root: Path) -> None:
    """At the same clock: a live post's x variant given its own later moment (scheduled while
    the post is live), another post given an expiry still to come, and an option of
    portavoz/scheduler changed in mkdocs.yml (every Mastodon record holds the limit)."""
    _edit(root / POSTS / RESERVAS, "channels: [telegram, mastodon, x]",
          "channels: {telegram: {}, mastodon: {}, x: {at: 2027-03-10 10:00:00}}")  # fmt: skip
    _edit(
        root / POSTS / SEISCIENTAS,
        "date: 2026-01-12",
        "expires: 2027-03-12 00:00:00\ndate: 2026-01-12",
    )
    _edit(root / "mkdocs.yml", "limit: 500", "limit: 400")


def _out_of_window(root: Path) -> None:
    """Only the clock, past both: the x variant goes out, the other post is withdrawn."""
    os.environ["PORTAVOZ_NOW"] = PAST_BOTH


OTONO = "2026-10-20-pedalear-en-otono.md"
OTONO_PAGE = "site/blog/consejos-para-pedalear-en-otono-con-seguridad/index.html"
PAUSE = ("PORTAVOZ_PAUSE", "PORTAVOZ_PAUSE_SINCE")


def _pause(root: Path) -> None:
    """What a post page's kept entry and values are made from, each once: a post's summary,
    its image and its alt text; a page's description and another's heading; and a pause
    (from the environment: the settings stay the same) holding the post of 2027-02-15."""
    post = root / POSTS / OTONO
    _edit(post, 'summary: "Anochece antes,', 'summary: "Oscurece antes,')
    _edit(post, "images/pedalear-en-otono.jpg", "images/primavera-en-pedales.jpg")
    _edit(post, 'image_alt: "Hojas naranjas', 'image_alt: "Hojas ocres')
    home = root / "content/index.md"
    home.write_text("---\ndescription: Bicis compartidas\n---\n" + home.read_text("utf-8"), "utf-8")
    _edit(root / "content/blog/index.md", "# Blog", "# Noticias")
    os.environ[PAUSE[0]] = "Luto oficial"
    os.environ[PAUSE[1]] = "2027-01-01T00:00+01:00"


def _pause_reason(root: Path) -> None:
    """Only the pause's reason, from the environment: the held post's banner shows it."""
    os.environ[PAUSE[0]] = "Luto oficial por la tormenta"


def _record(files: dict[str, bytes], post: str, network: str) -> bytes:
    """The variant record of ``post`` (its file's name) on ``network``."""
    named = f'"post": "content/blog/posts/{post}"'.encode()
    return next(
        data for name, data in files.items() if name.endswith(f"/{network}.json") and named in data
    )


@pytest.fixture
def site(example_site: Path) -> Path:
    """The example with the brand-voice rules on (their findings are in the panels)."""
    _edit(example_site / "mkdocs.yml", "output_dir: .portavoz\n", "output_dir: .portavoz\n"
          "      lint:\n        dictionary: content/dictionary.txt\n")  # fmt: skip
    return example_site


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAVOZ_NOW", NOW)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    for name in PAUSE:  # set by rounds (os.environ): restored after the test
        # Set first, then removed: a delenv of a name not set records nothing to restore, and
        # the rounds' pause would stay set for the tests after this one in the process.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    # The example was just copied: its posts count as settled all the same, so the rebuilds
    # trust the kept reads of files whose numbers did not move (the path under test).
    monkeypatch.setattr(repository, "SETTLED_NS", 0)


def _fresh(site: Path, changes: list[Change], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """What serve's first build of a copy of ``site`` with ``changes`` serves."""
    copy = site.parent / f"fresh-{len(changes)}"
    _copy_with(site, copy, changes, monkeypatch)
    forget(monkeypatch)
    return serve_outputs(copy, [], monkeypatch)[0][0]


def _plain(site: Path, changes: list[Change], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The internal outputs a plain build of a copy of ``site`` with ``changes`` writes."""
    copy = site.parent / f"plain-{len(changes)}"
    _copy_with(site, copy, changes, monkeypatch)
    return plain_build(copy, monkeypatch)


def _copy_with(
    site: Path, copy: Path, changes: list[Change], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(".portavoz"))
    monkeypatch.setenv("PORTAVOZ_NOW", NOW)
    for name in PAUSE:
        monkeypatch.delenv(name, raising=False)
    for change in changes:
        change(copy)


def test_each_rebuild_serves_what_a_first_build_of_its_files_serves(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pristine = site.parent / "pristine"
    shutil.copytree(site, pristine)
    # Built before it is served: the outputs a serve starts from, changed by hand in a round.
    plain_build(site, monkeypatch)
    monkeypatch.setenv("PORTAVOZ_NOW", NOW)
    forget(monkeypatch)

    rounds = [_reading, _settings, _later_clock, _page_inputs, _by_hand, _same_size]
    rounds += [_own_moments, _out_of_window, _pause, _pause_reason]
    seen, outputs = serve_outputs(site, rounds, monkeypatch)
    _, reading, settings, clock, page_inputs, by_hand, same_size, moments, out = seen[:9]
    paused, reason = seen[9:]

    assert all(a != b for a, b in itertools.pairwise(seen))  # each round changed them
    # The misspelt word's finding is in its post's panel until the dictionary has the word.
    page = "site/blog/quedada-nocturna-por-el-jardin-del-turia/index.html"
    assert TYPO in reading[page] and TYPO not in settings[page] and b"bicicletta" in settings[page]
    assert reading == _fresh(pristine, [_reading], monkeypatch)  # a post with an error
    assert settings == _fresh(pristine, [_reading, _settings], monkeypatch)
    banner = b"portavoz-banner--scheduled"  # the writers' preview says why it is not online
    assert banner in settings[ALQUERIAS] and banner not in clock[ALQUERIAS]
    assert clock == _fresh(pristine, rounds[:3], monkeypatch)
    assert page_inputs == _fresh(pristine, rounds[:4], monkeypatch)
    # Each input of the kept page values is shown, on a post's page and on another page.
    post, other = (
        page_inputs["site/blog/consejos-para-pedalear-en-otono-con-seguridad/index.html"],
        page_inputs["site/index.html"],
    )
    for shown in (
        b"Rueda Libre Nueva",
        "Lucía Ferrer Pla".encode(),
        b"m.example",
        b"Gente ciclista",
    ):
        assert (
            shown in post
            and shown
            not in clock["site/blog/consejos-para-pedalear-en-otono-con-seguridad/index.html"]
        )
    for shown in (b'content="Novedades,', b'content="600"'):
        assert shown in other and shown not in clock["site/index.html"]
    assert by_hand == _fresh(pristine, rounds[:5], monkeypatch)
    assert any("pedalear-de-noche" in name for name in by_hand)
    # The post edited to the same size: its new title is in its page and feeds.
    assert same_size == _fresh(pristine, rounds[:6], monkeypatch)
    title = b"hasta catorce minutos"
    changed = {name for name, data in same_size.items() if title in data}
    assert {"site/feed.rss.xml", "site/feed.atom.xml"} <= changed
    assert not any(title in data for data in by_hand.values())
    # A variant's own moment and a post's expiry passed by the clock alone, after an option
    # changed: the statuses the kept pages and feeds were made from moved.
    assert moments == _fresh(pristine, rounds[:7], monkeypatch)
    assert out == _fresh(pristine, rounds[:8], monkeypatch)
    # A post's summary, image and alt text, a page's description and another's heading, a
    # pause from the environment, then its reason alone: each is shown as a first build shows it.
    assert paused == _fresh(pristine, rounds[:9], monkeypatch)
    assert reason == _fresh(pristine, rounds, monkeypatch)
    for shown in (b"Oscurece antes", b"primavera-en-pedales.jpg", b"Hojas ocres"):
        assert shown in paused[OTONO_PAGE] and shown not in out[OTONO_PAGE]
    assert b'content="Bicis compartidas"' in paused["site/index.html"]
    assert b'content="Noticias"' in paused["site/blog/index.html"]
    assert b"Luto oficial" in paused[ALQUERIAS] and b"Luto oficial" not in out[ALQUERIAS]
    assert b"por la tormenta" in reason[ALQUERIAS] and b"por la tormenta" not in paused[ALQUERIAS]
    # Written when serve stopped: what a plain build of the last round's files writes (the
    # outputs changed by hand while it served made again, the files left there removed).
    assert outputs == _plain(pristine, rounds, monkeypatch)
    assert title in outputs["schedule.json"]
    assert b'"limit": 400' in _record(outputs, RESERVAS, "mastodon")
    assert b'"status": "withdrawn"' in _record(outputs, SEISCIENTAS, "x")
