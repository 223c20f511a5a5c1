"""Entry point of the ``portavoz`` command: a click group that gathers the commands.

Commands are imported only when run (or listed by ``--help``): ``portavoz review`` in CI must
not pay for the listening stack (httpx, feedparser) it never uses.
"""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Sequence
from typing import Any

import click

from portavoz.scheduler.base.inert import log_lines

COMMANDS = {
    "check": "portavoz.scheduler.cli.check",
    "count": "portavoz.scheduler.cli.count",
    "listen": "portavoz.scheduler.cli.listen",
    "new": "portavoz.scheduler.cli.new",
    "publish": "portavoz.scheduler.cli.publish",
    "review": "portavoz.scheduler.cli.review",
}
"""Command name → module exposing a click command named ``command``."""


class LazyGroup(click.Group):
    """A group that imports a command's module the first time the command is needed.

    It is also the one place errors leave the command: every message (which may quote a
    file name, a configuration value or a git error) is printed as safe log lines, so no value
    in it can start a GitHub workflow command in a CI log.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            # Without standalone mode click returns the code of `ctx.exit(code)` and raises the
            # rest, so the printing and the exit happen here, once.
            done = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = done if isinstance(done, int) else 0
        except click.ClickException as exc:
            shown = io.StringIO()
            exc.show(file=shown)  # click's own wording (usage and hint for usage errors)
            click.echo(log_lines(shown.getvalue().rstrip("\n")), err=True)
            code = exc.exit_code
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code

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
