"""Entry point of the ``portavoz`` command: a click group that gathers the commands.

Commands are imported only when run (or listed by ``--help``): ``portavoz review`` in CI must
not pay for the listening stack (httpx, feedparser) it never uses.
"""

from __future__ import annotations

import importlib

import click

COMMANDS = {
    "check": "scheduler.cli.check",
    "count": "scheduler.cli.count",
    "listen": "scheduler.cli.listen",
    "review": "scheduler.cli.review",
}
"""Command name → module exposing a click command named ``command``."""


class LazyGroup(click.Group):
    """A group that imports a command's module the first time the command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(module).command
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="portavoz")
def main() -> None:
    """portavoz: brand content, social variants and community listening from Markdown."""


if __name__ == "__main__":
    main()
