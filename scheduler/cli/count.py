"""``portavoz count NETWORK [TEXT]``: measure a text as one network does."""

from __future__ import annotations

import json
import sys

import click

from portavoz.scheduler.networks import Count, get_network, network_names


def _network_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    known = network_names()
    if value not in known:
        listed = ", ".join(known)
        raise click.BadParameter(f"unknown network {value!r} (known: {listed})", ctx, param)
    return value


def _read_text(text: str | None) -> str:
    if text is not None and text != "-":
        return text
    # A trailing newline from `echo` or a file is not part of the post.
    return sys.stdin.read().removesuffix("\n")


def _describe(count: Count) -> str:
    verdict = "fits" if count.fits else "does not fit"
    left = f"{count.remaining} left" if count.remaining >= 0 else f"{-count.remaining} over"
    measure = f"{count.length}/{count.limit} {count.unit.english}"
    lines = [f"{count.network}: {measure} ({left}): {verdict}"]
    lines += [f"  - {problem}" for problem in count.problems]
    return "\n".join(lines)


def _as_json(count: Count) -> str:
    return json.dumps(
        {
            "network": count.network,
            "length": count.length,
            "limit": count.limit,
            "unit": count.unit,
            "remaining": count.remaining,
            "fits": count.fits,
            "problems": list(count.problems),
        },
        ensure_ascii=False,
    )


@click.command("count")
@click.argument("network", callback=_network_name)
@click.argument("text", required=False)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Override the limit, e.g. a Mastodon server's."
)
@click.option("--content-warning", "--cw", default="", help="Content warning (Mastodon counts it).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.pass_context
def command(
    ctx: click.Context,
    network: str,
    text: str | None,
    limit: int | None,
    content_warning: str,
    as_json: bool,
) -> None:
    """Count TEXT (or standard input, when omitted or "-") as NETWORK does.

    From standard input, one final line break is dropped (the one echo and editors end a
    file with); any other line break, a second final one included, is part of the post and
    counted. Exits with 0 when the text fits, 1 when it does not.
    """
    counter = get_network(network) if limit is None else get_network(network, limit=limit)
    count = counter.count(_read_text(text), content_warning=content_warning)
    click.echo(_as_json(count) if as_json else _describe(count))
    ctx.exit(0 if count.fits else 1)
