"""Review reports: Markdown for a sticky PR comment, JSON for machines, GitHub annotations.

The Markdown's own words (headings, labels, notes) are in the site's ``theme.language``
(:mod:`portavoz.scheduler.i18n`); problem messages, JSON and annotations stay in English, as
every message for writers does.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from zoneinfo import ZoneInfo

from portavoz.scheduler.base.inert import code_block, code_span, markdown_text
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.i18n import Messages, Text, messages
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
    PostChange.ADDED: Text.REVIEW_ADDED,
    PostChange.MODIFIED: Text.REVIEW_MODIFIED,
    PostChange.RENAMED: Text.REVIEW_RENAMED,
    PostChange.DELETED: Text.REVIEW_DELETED,
    PostChange.AFFECTED: Text.REVIEW_AFFECTED,
}
VARIANT_LABELS = {
    VariantChange.NEW: Text.REVIEW_VARIANT_NEW,
    VariantChange.CHANGED: Text.REVIEW_VARIANT_CHANGED,
    VariantChange.UNCHANGED: Text.REVIEW_VARIANT_UNCHANGED,
    VariantChange.REMOVED: Text.REVIEW_VARIANT_REMOVED,
}
STATUS_LABELS = {
    Status.LIVE: Text.STATUS_LIVE,
    Status.SCHEDULED: Text.STATUS_SCHEDULED,
    Status.HELD: Text.STATUS_HELD,
    Status.DRAFT: Text.STATUS_DRAFT,
    Status.WITHDRAWN: Text.STATUS_WITHDRAWN,
    Status.INTERNAL: Text.STATUS_INTERNAL,
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
    say = messages(report.language)
    lines = _header_markdown(report, say)
    if not report.posts:
        lines.append(say(Text.REVIEW_NO_CHANGES))
    blocks = [_post_markdown(post, report.timezone, say) for post in report.posts]
    shown = len(blocks) if max_chars is None else _fitting(lines, blocks, max_chars)
    for block in blocks[:shown]:
        lines += block
    if shown < len(blocks):
        lines += ["", _cut_note(shown, len(blocks), full_report_url, say)]
    return "\n".join(lines).rstrip() + "\n"


def _header_markdown(report: Review, say: Messages) -> list[str]:
    heading = say(
        Text.REVIEW_HEADING,
        posts=len(report.posts),
        errors=report.errors,
        warnings=report.warnings,
    )
    compared = say(
        Text.REVIEW_COMPARED,
        base=code_span(report.base),
        head=code_span(report.head),
        clock=_moment(report.window.now, report.timezone),
    )
    lines = [MARKER, f"## {heading}", "", compared, ""]
    if report.window.pause:
        reason = markdown_text(report.window.pause.reason)
        lines += [f"> ⏸️ **{say(Text.REVIEW_PAUSE)}**: {reason}", ""]
    # A blank line ends the quote: the next paragraph would otherwise continue it.
    notes = [f"> {markdown_text(note)}" for note in report.notes]
    lines += [*notes, *([""] if notes else [])]
    if report.global_changes:
        files = ", ".join(code_span(p) for p in report.global_changes)
        lines += [say(Text.REVIEW_GLOBAL, files=files), ""]
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


def _cut_note(shown: int, total: int, url: str, say: Messages) -> str:
    report = say(Text.REVIEW_FULL_REPORT)
    where = f"[{report}]({url})" if url else f"{report} (`--format markdown`)"
    return f"> ✂️ {say(Text.REVIEW_CUT, hidden=total - shown, total=total, where=where)}"


def _post_markdown(post: PostReview, tz: str, say: Messages) -> list[str]:
    status = say(STATUS_LABELS[post.status]) if post.status else "—"
    lines = [f"### {say(CHANGE_LABELS[post.change])}: {markdown_text(post.title)}", ""]
    moved = f" ({say(Text.REVIEW_WAS, path=code_span(post.old_path))})" if post.old_path else ""
    lines.append(f"{code_span(post.path)}{moved} · **{status}** · {_moment(post.date, tz)}")
    if post.audiences:
        audiences = markdown_text(", ".join(post.audiences))
        lines.append(say(Text.REVIEW_AUDIENCES, audiences=audiences))
    lines.append("")
    lines += [_problem_line(p) for p in post.problems]
    if post.problems:
        lines.append("")
    for variant in post.variants:
        lines += _variant_markdown(variant, say)
    return lines


def _variant_markdown(variant: VariantReview, say: Messages) -> list[str]:
    change = say(VARIANT_LABELS[variant.change])
    if variant.change is VariantChange.REMOVED:
        label = markdown_text(variant.label)
        return [f"#### {label} · {change}", "", code_block(variant.previous), ""]
    fits = all(c.fits for c in variant.counts)
    counts = ", ".join(f"{c.length}/{c.limit}" for c in variant.counts)
    unit = variant.counts[0].unit if variant.counts else ""
    many = len(variant.parts) > 1
    parts = f" · {say(Text.REVIEW_PARTS, count=len(variant.parts))}" if many else ""
    icon = "✅" if fits else "❌"
    label = markdown_text(variant.label)
    lines = [f"#### {label} · {change} · {icon} {counts} {unit}{parts}", ""]
    if variant.change is VariantChange.UNCHANGED:  # collapsed: its text is the one already read
        return [
            *lines,
            *(_problem_line(p) for p in variant.problems),
            *([""] if variant.problems else []),
        ]
    for i, part in enumerate(variant.parts, 1):
        if many:
            lines.append(say(Text.REVIEW_PART, number=i, count=len(variant.parts)))
        lines += [code_block(part), ""]
    lines += [_problem_line(p) for p in variant.problems]
    if variant.previous:
        before = f"<details><summary>{say(Text.REVIEW_BEFORE)}</summary>"
        lines += [before, "", code_block(variant.previous), "", "</details>"]
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
