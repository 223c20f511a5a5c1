"""Entry point of the ``portavoz`` command: a click group that gathers the commands."""

from __future__ import annotations

import importlib

import click

# Each command lives in its own module, exposing a click command named ``command``.
COMMANDS = [
    "scheduler.cli.check",
    "scheduler.cli.review",
    "scheduler.cli.count",
    "scheduler.cli.listen",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="portavoz")
def main() -> None:
    """portavoz: brand content, social variants and community listening from Markdown."""


for _module_name in COMMANDS:
    main.add_command(importlib.import_module(_module_name).command)


if __name__ == "__main__":
    main()
