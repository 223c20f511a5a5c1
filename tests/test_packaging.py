"""The distribution installs one import name, ``portavoz``, with everything its code reads.

The required top-level folders ``scheduler/`` and ``plugins/`` are installed as
``portavoz.scheduler`` and ``portavoz.plugins`` (setuptools' package mapping in
``pyproject.toml``). Here a real wheel is built and read as a zip file, and imports are tried
from a folder outside the repository, as a brand's repository would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FOLDERS = {"portavoz.scheduler": "scheduler", "portavoz.plugins": "plugins"}


def listed_packages() -> list[str]:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    packages: list[str] = meta["tool"]["setuptools"]["packages"]
    return packages


def package_folders() -> list[str]:
    found = []
    for name, folder in FOLDERS.items():
        for init in sorted((REPO / folder).rglob("__init__.py")):
            rel = init.parent.relative_to(REPO / folder)
            found.append(".".join([name, *rel.parts]))
    return sorted(found)


def test_every_package_folder_is_listed() -> None:
    assert sorted(listed_packages()) == package_folders()


def build_wheel(out: Path) -> Path:
    """Build portavoz's wheel into ``out`` (from a copy of the sources) and return its path."""
    # Built from a copy: setuptools builds in the source tree (build/, *.egg-info), and the
    # suite's parallel workers would otherwise build into the same folders at once.
    source = out / "source"
    for folder in FOLDERS.values():
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(REPO / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
               "--quiet", "-w", str(out), str(source)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    (built,) = out.glob("portavoz-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    return zipfile.ZipFile(build_wheel(tmp_path_factory.mktemp("wheel")))


def test_wheel_has_one_top_level_import_name(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"portavoz"}
    assert "portavoz/__init__.py" not in wheel.namelist()  # a namespace: room for add-ons


def test_wheel_version_is_the_release_the_code_reads(wheel: zipfile.ZipFile) -> None:
    from email.parser import HeaderParser

    from portavoz.scheduler.base.release import VERSION

    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    headers = HeaderParser().parsestr(wheel.read(metadata).decode("utf-8"))
    assert headers["Version"] == VERSION
    assert metadata == f"portavoz-{VERSION}.dist-info/METADATA"


def test_wheel_carries_the_files_the_code_reads(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    kinds = {".j2", ".txt", ".yml", ".json", ".html", ".css", ".py"}
    folders = [REPO / folder for folder in FOLDERS.values()]
    shipped = [p for f in folders for p in f.rglob("*") if p.is_file() and p.suffix in kinds]
    missing = [
        str(p.relative_to(REPO))
        for p in shipped
        if "__pycache__" not in p.parts and f"portavoz/{p.relative_to(REPO)}" not in names
    ]
    assert missing == []


def test_entry_points_use_the_portavoz_name(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "portavoz = portavoz.scheduler.cli.main:main" in text
    for plugin in ("site", "scheduler", "listening"):
        assert f"portavoz/{plugin} = portavoz.plugins.{plugin}:" in text


@pytest.mark.parametrize(
    ("statement", "works"),
    [
        ("import portavoz.scheduler.cli.main, portavoz.plugins.site", True),
        ("import scheduler", False),
        ("import plugins", False),
    ],
)
def test_imports_outside_the_repository(statement: str, works: bool, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", statement], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert (done.returncode == 0) is works, done.stderr


def test_no_code_imports_the_folder_names() -> None:
    # Run last in its worker or not: any import of the bare folder names shows up here.
    assert not {m for m in sys.modules if m.split(".")[0] in {"scheduler", "plugins"}}
