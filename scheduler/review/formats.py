"""Review reports: Markdown for a sticky PR comment, JSON for machines, GitHub annotations."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from zoneinfo import ZoneInfo

from portavoz.scheduler.base.inert import code_block, code_span, markdown_text
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.review.review import (
    PostChange,
    PostReview,
    Review,
    VariantChange,
    VariantReview,
)

MARKER = "<!-- portavoz-review -->"
"""Hidden marker CI uses to find and update the same PR comment.

Only :func:`to_markdown` writes it: every value from content, configuration or git is shown
as escaped text or as code (:mod:`portavoz.scheduler.base.inert`), so none can open a
comment, a heading, an image or a mention, and none can carry a second marker.
"""

CHANGE_LABELS = {
    PostChange.ADDED: "Added",
    PostChange.MODIFIED: "Modified",
    PostChange.RENAMED: "Renamed",
    PostChange.DELETED: "Deleted",
    PostChange.AFFECTED: "Affected by a template or config change",
}


def _moment(moment: dt.datetime | None, tz: str) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone(ZoneInfo(tz))
    utc = moment.astimezone(dt.UTC)
    return f"{local:%Y-%m-%d %H:%M} {tz} ({utc:%Y-%m-%d %H:%M} UTC)"


def _problem_line(problem: Problem) -> str:
    icon = "❌" if problem.is_error else "⚠️"
    rule = f" {code_span(problem.rule)}" if problem.rule else ""
    return f"- {icon}{rule} {markdown_text(problem.format())}"


def to_markdown(report: Review, *, max_chars: int | None = None, full_report_url: str = "") -> str:
    """One readable document for a sticky pull-request comment.

    Args:
        report: The review to show.
        max_chars: The longest document to write (GitHub refuses a comment over 65,536
            characters): whole posts are kept while they fit, the rest are counted in a
            closing note. ``None`` writes every post.
        full_report_url: Where the whole report is, linked from that note.
    """
    lines = _header_markdown(report)
    if not report.posts:
        lines.append("No post or social variant changed.")
    blocks = [_post_markdown(post, report.timezone) for post in report.posts]
    shown = len(blocks) if max_chars is None else _fitting(lines, blocks, max_chars)
    for block in blocks[:shown]:
        lines += block
    if shown < len(blocks):
        lines += ["", _cut_note(shown, len(blocks), full_report_url)]
    return "\n".join(lines).rstrip() + "\n"


def _header_markdown(report: Review) -> list[str]:
    lines = [
        MARKER,
        f"## portavoz review · {len(report.posts)} posts · {report.errors} errors · "
        f"{report.warnings} warnings",
        "",
        f"Compared {code_span(report.base)} with {code_span(report.head)} · clock "
        f"{_moment(report.window.now, report.timezone)}",
        "",
    ]
    if report.window.pause:
        lines += [f"> ⏸️ **Crisis pause**: {markdown_text(report.window.pause.reason)}", ""]
    # A blank line ends the quote: the next paragraph would otherwise continue it.
    notes = [f"> {markdown_text(note)}" for note in report.notes]
    lines += [*notes, *([""] if notes else [])]
    if report.global_changes:
        files = ", ".join(code_span(p) for p in report.global_changes)
        lines += [f"Templates or configuration changed ({files}); affected posts are listed.", ""]
    return lines


_CUT_NOTE_ROOM = 400
"""Characters kept free for the closing note of a shortened report (it is under 300)."""


def _fitting(head: list[str], blocks: list[list[str]], max_chars: int) -> int:
    """How many leading post blocks fit in ``max_chars`` with the header and a closing note."""
    used = len("\n".join(head)) + 1 + _CUT_NOTE_ROOM
    for count, block in enumerate(blocks):
        used += len("\n".join(block)) + 1
        if used > max_chars:
            return count
    return len(blocks)


def _cut_note(shown: int, total: int, url: str) -> str:
    where = f"[the full report]({url})" if url else "the full report (`--format markdown`)"
    return (
        f"> ✂️ {total - shown} of {total} posts are not shown: the comment would be longer than "
        f"GitHub allows. The counts above cover every post; read {where}."
    )


def _post_markdown(post: PostReview, tz: str) -> list[str]:
    status = post.status.value if post.status else "—"
    lines = [f"### {CHANGE_LABELS[post.change]}: {markdown_text(post.title)}", ""]
    moved = f" (was {code_span(post.old_path)})" if post.old_path else ""
    lines.append(f"{code_span(post.path)}{moved} · **{status}** · {_moment(post.date, tz)}")
    if post.audiences:
        lines.append(f"Audiences: {markdown_text(', '.join(post.audiences))}")
    lines.append("")
    lines += [_problem_line(p) for p in post.problems]
    if post.problems:
        lines.append("")
    for variant in post.variants:
        lines += _variant_markdown(variant)
    return lines


def _variant_markdown(variant: VariantReview) -> list[str]:
    if variant.change is VariantChange.REMOVED:
        label = markdown_text(variant.label)
        return [f"#### {label} · removed", "", code_block(variant.previous), ""]
    fits = all(c.fits for c in variant.counts)
    counts = ", ".join(f"{c.length}/{c.limit}" for c in variant.counts)
    unit = variant.counts[0].unit if variant.counts else ""
    parts = f" · {len(variant.parts)} parts" if len(variant.parts) > 1 else ""
    icon = "✅" if fits else "❌"
    label = markdown_text(variant.label)
    lines = [f"#### {label} · {variant.change} · {icon} {counts} {unit}{parts}", ""]
    if variant.change is VariantChange.UNCHANGED:  # collapsed: its text is the one already read
        return [
            *lines,
            *(_problem_line(p) for p in variant.problems),
            *([""] if variant.problems else []),
        ]
    for i, part in enumerate(variant.parts, 1):
        if len(variant.parts) > 1:
            lines.append(f"Part {i}/{len(variant.parts)}:")
        lines += [code_block(part), ""]
    lines += [_problem_line(p) for p in variant.problems]
    if variant.previous:
        lines += ["<details><summary>Before</summary>", "", code_block(variant.previous), "",
                  "</details>"]  # fmt: skip
    return [*lines, ""]


def to_json(report: Review) -> str:
    """The review as JSON (stable keys, for bots and dashboards)."""
    document = {
        "base": report.base,
        "head": report.head,
        "now": report.window.now.isoformat(),
        "pause": report.window.pause.reason if report.window.pause else None,
        "global_changes": list(report.global_changes),
        "errors": report.errors,
        "warnings": report.warnings,
        "posts": [_post_json(p) for p in report.posts],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # `##[` is a workflow command anywhere in a line of a CI log; `#` escaped in JSON reads
    # back as the same string (only strings can hold a `#`).
    return text.replace("##[", "#\\u0023[") + "\n"


def _post_json(post: PostReview) -> dict[str, object]:
    return {
        "change": post.change,
        "path": post.path,
        "old_path": post.old_path,
        "title": post.title,
        "status": post.status.value if post.status else None,
        "publish_at_utc": post.date.astimezone(dt.UTC).isoformat() if post.date else None,
        "audiences": list(post.audiences),
        "problems": [_problem_json(p) for p in post.problems],
        "variants": [
            {
                "network": v.network,
                "change": v.change,
                "parts": list(v.parts),
                "counts": [
                    {"length": c.length, "limit": c.limit, "unit": c.unit, "fits": c.fits}
                    for c in v.counts
                ],
                "previous": v.previous or None,
                "problems": [_problem_json(p) for p in v.problems],
            }
            for v in post.variants
        ],
    }


def _problem_json(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "key": problem.key,
        "message": problem.message,
        "severity": problem.severity.value,
        "rule": problem.rule or None,
    }


def to_github(report: Review) -> str:
    """GitHub workflow commands: one annotation per problem, pointing at file and line."""
    lines = []
    for problem in report.problems:
        level = "error" if problem.is_error else "warning"
        # GitHub resolves annotation paths from the repository root, not the project folder.
        path = posixpath.join(report.prefix, problem.path) if report.prefix else problem.path
        where = f"file={_escape_property(path)}"
        if problem.line:
            where += f",line={problem.line}"
        title = _escape_property(f"portavoz {problem.rule or problem.key or 'review'}")
        message = problem.format().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::{level} {where},title={title}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


def _escape_property(value: str) -> str:
    return (
        value.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


FORMATS = {"markdown": to_markdown, "json": to_json, "github": to_github}
