"""``portavoz new``: what it writes, what it refuses, and that a refusal changes nothing.

Through click's CliRunner (stdin is not a terminal there: nothing is asked, defaults apply),
the written files read back with PyYAML and python-frontmatter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import cast

import frontmatter
import pytest
import yaml
from click.testing import CliRunner, Result
from scaffold_config import read_config

from portavoz.scheduler.cli.main import main
from portavoz.scheduler.i18n import Language
from portavoz.scheduler.scaffold.render import Rendered, portavoz_version, render_workflows
from portavoz.scheduler.scaffold.write import write_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-03-10T12:00:00+00:00"
FILES = {
    ".github/workflows/publish.yml",
    ".github/workflows/review.yml",
    ".gitignore",
    "README.md",
    "content/assets/stylesheets/brand.css",
    "content/assets/team.svg",
    "content/blog/.authors.yml",
    "content/blog/index.md",
    "content/dictionary.txt",
    "content/index.md",
    "mkdocs.yml",
}
POSTS = {
    Language.EN: {
        "2026-03-09-welcome.md",
        "2026-03-07-how-we-publish.md",
        "2026-04-09-coming-next.md",
    },
    Language.ES: {
        "2026-03-09-bienvenida.md",
        "2026-03-07-como-publicamos.md",
        "2026-04-09-muy-pronto.md",
    },
}


def new(*args: str) -> Result:
    return CliRunner().invoke(main, ["new", *args], env={"PORTAVOZ_NOW": NOW})


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` with a digest of its bytes (folders and links too)."""
    seen: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            seen[name] = "-> " + str(path.readlink())
        elif path.is_dir():
            seen[name] = "dir"
        else:
            seen[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def written(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def mkdocs_yml(folder: Path) -> dict[str, object]:
    return read_config(folder)


def plugin(config: dict[str, object], name: str) -> dict[str, object]:
    entries = cast(list[object], config["plugins"])
    (options,) = [e[name] for e in entries if isinstance(e, dict) and name in e]
    return cast(dict[str, object], options)


@pytest.mark.parametrize("lang", list(Language))
def test_new_writes_a_whole_site_in_its_language(lang: Language, tmp_path: Path) -> None:
    done = new(str(tmp_path / "brand"), "--lang", lang.value)
    assert done.exit_code == 0, done.output
    posts = {f"content/blog/posts/{name}" for name in POSTS[lang]}
    assert written(tmp_path / "brand") == FILES | posts
    config = mkdocs_yml(tmp_path / "brand")
    theme = cast(dict[str, object], config["theme"])
    assert theme["name"] == "material" and theme["language"] == lang.value
    assert "custom_dir" not in theme
    site = plugin(config, "portavoz/site")
    assert {"timezone", "audiences", "default_audience"} <= site.keys()
    assert "networks" in plugin(config, "portavoz/scheduler")
    assert "material/blog" in str(config["plugins"])


def test_the_posts_are_live_threaded_and_scheduled_around_now(tmp_path: Path) -> None:
    assert new(str(tmp_path / "b"), "--timezone", "America/New_York").exit_code == 0
    posts = {p.name: frontmatter.load(p) for p in (tmp_path / "b/content/blog/posts").glob("*")}
    now = dt.datetime.fromisoformat(NOW)
    zone = dt.timezone(dt.timedelta(hours=-4))  # New York in March after the DST change
    dates = {n: cast(dt.datetime, p["date"]).replace(tzinfo=zone) for n, p in posts.items()}
    assert dates["2026-03-09-welcome.md"] < now < dates["2026-04-09-coming-next.md"]
    thread = posts["2026-03-07-how-we-publish.md"]
    assert thread["thread"] is True
    overrides = cast(dict[str, dict[str, object]], thread["channels"])
    assert "text" in overrides["x"] and "\n---\n" in str(overrides["bluesky"]["text"])


def test_values_given_are_written_and_read_back_exactly(tmp_path: Path) -> None:
    name = 'Acme "Co": #1 <b> & [friends]'
    done = new(str(tmp_path / "b"), "--name", name, "--url", "https://acme.example.org/blog",
               "--timezone", "Asia/Tokyo")  # fmt: skip
    assert done.exit_code == 0, done.output
    config = mkdocs_yml(tmp_path / "b")
    assert config["site_name"] == name
    assert config["site_url"] == "https://acme.example.org/blog/"
    assert plugin(config, "portavoz/site")["timezone"] == "Asia/Tokyo"
    authors = yaml.safe_load((tmp_path / "b/content/blog/.authors.yml").read_text("utf-8"))
    assert authors["authors"]["team"]["name"] == f"{name} team"
    home = (tmp_path / "b/content/index.md").read_text("utf-8")
    assert "<b>" not in home and "&lt;b&gt;" in home and r"\[friends\]" in home
    dictionary = (tmp_path / "b/content/dictionary.txt").read_text("utf-8").splitlines()
    assert {"Acme", "Co", "friends"} <= set(dictionary)


def test_on_a_terminal_missing_values_are_asked_until_they_are_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portavoz.scheduler.cli.new.interactive", lambda: True)
    answers = ["fr", "es", "Acme", "not a url", "https://acme.example.org", "Mars/X", "Asia/Tokyo"]
    done = CliRunner().invoke(main, ["new", str(tmp_path / "b")], input="\n".join(answers) + "\n")
    assert done.exit_code == 0, done.output
    assert "is not an http(s) URL" in done.output and "unknown timezone 'Mars/X'" in done.output
    config = mkdocs_yml(tmp_path / "b")
    assert cast(dict[str, object], config["theme"])["language"] == "es"
    assert (config["site_name"], config["site_url"]) == ("Acme", "https://acme.example.org/")
    assert plugin(config, "portavoz/site")["timezone"] == "Asia/Tokyo"


def test_given_values_are_not_asked_for_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portavoz.scheduler.cli.new.interactive", lambda: True)
    args = ["new", str(tmp_path / "b"), "--lang", "en", "--name", "A", "--url", "https://a.org",
            "--timezone", "UTC"]  # fmt: skip
    done = CliRunner().invoke(main, args, input="")
    assert done.exit_code == 0, done.output
    assert "Brand name" not in done.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--timezone", "Mars/Olympus_Mons"], "unknown timezone 'Mars/Olympus_Mons'"),
        (["--timezone", "../../etc/passwd"], "unknown timezone"),
        (["--url", "ftp://example.com/"], "is not an http(s) URL"),
        (["--url", "blog.example.com"], "is not an http(s) URL"),
        (["--url", "https://example.com/?utm=1"], "has a query"),
        (["--lang", "fr"], "'fr' is not one of 'en', 'es'"),
        (["--name", "  "], "the name is empty"),
        (["--name", "two\nlines"], "line break or control character"),
    ],
)
def test_bad_values_are_usage_errors_and_nothing_is_written(
    args: list[str], says: str, tmp_path: Path
) -> None:
    done = new(str(tmp_path / "brand"), *args)
    assert done.exit_code == 2, done.output
    assert says in done.output and "Traceback" not in done.output
    assert not (tmp_path / "brand").exists()


def test_a_folder_that_is_not_empty_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    (folder / "content").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    (folder / "notes.txt").write_bytes(b"\x00\xffkeep")
    (folder / "link").symlink_to(tmp_path)
    before = tree(folder)
    done = new(str(folder))
    assert done.exit_code == 1
    assert "is not empty" in done.output and "--force" in done.output
    assert "nothing was written" in done.output
    assert tree(folder) == before


def test_force_adds_only_the_missing_files_and_names_those_kept(tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    (folder / ".github").symlink_to(tmp_path, target_is_directory=True)  # leads outside
    done = new(str(folder), "--force")
    assert done.exit_code == 0, done.output
    assert (folder / "mkdocs.yml").read_text("utf-8") == "site_name: Mine\n"
    kept = done.output.split("Kept", 1)[1]
    assert "mkdocs.yml" in kept and ".github/workflows/review.yml" in kept
    assert not (tmp_path / "workflows").exists()  # nothing written through the link
    assert (folder / "content/blog/.authors.yml").is_file()


def test_a_write_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    # The second file needs a folder where the first one is a file: the write fails midway.
    files = [Rendered("a/b.txt", "one"), Rendered("a/c.txt", "two"), Rendered("a/b.txt/d", "x")]
    with pytest.raises(ValueError, match="nothing was left behind"):
        write_site(folder, files)
    assert list(folder.iterdir()) == []


def test_this_repositorys_workflows_are_the_templates_rendered() -> None:
    for rendered in render_workflows(Language.EN, portavoz_version()):
        committed = (ROOT / rendered.path).read_text(encoding="utf-8")
        assert committed == rendered.text, (
            f"{rendered.path} differs from its template (scheduler/scaffold/templates/shared); "
            "render it again with `make workflows`"
        )


@pytest.mark.parametrize("lang", list(Language))
def test_the_workflows_install_the_pinned_release(lang: Language) -> None:
    for rendered in render_workflows(lang, "9.8.7"):
        data = yaml.safe_load(rendered.text)
        runs = [str(s.get("run", "")) for j in data["jobs"].values() for s in j["steps"]]
        installs = [r for r in runs if "pip install" in r]
        # The publish job installs the extra with the networks' client libraries, same release.
        pinned = {f'python -m pip install "portavoz{extra}==9.8.7"' for extra in ("", "[publish]")}
        assert installs and set(installs) <= pinned, rendered.path
