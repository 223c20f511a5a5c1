"""Review reports: Markdown for a sticky PR comment, JSON for machines, GitHub annotations.

The Markdown's own words (headings, labels, notes) are in the site's ``theme.language``
(:mod:`portavoz.scheduler.i18n`); problem messages, JSON and annotations stay in English, as
every message for writers does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from portavoz.scheduler.base.inert import code_block, code_span, markdown_text
from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.content.window import STATUS_TEXTS
from portavoz.scheduler.i18n import Messages, Text, messages
from portavoz.scheduler.review.review import (
    Detail,
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


@dataclass(frozen=True)
class _Style:
    """How a report is written: its language, time zone, site, and how long a text may run."""

    say: Messages
    tz: str
    site_url: str
    clip: int | None = None
    """Longest text shown in a block; ``None`` shows every text whole (the full report)."""
    where: str = ""
    """Where the full report is, for a clipped text's note."""


def to_markdown(report: Review, *, max_chars: int | None = None, full_report_url: str = "") -> str:
    """One readable document for a sticky pull-request comment.

    Args:
        report: The review to show.
        max_chars: The longest document to write (GitHub refuses a comment over 65,536
            characters). When the whole report is longer, the comment counts variants by
            network, shows the first posts in full (long texts clipped), then one line per
            variant that is new, changed or removed, and links the full report for the rest.
            ``None`` writes everything.
        full_report_url: Where the whole report is, linked from the shortened comment.
    """
    say = messages(report.language)
    style = _Style(say, report.timezone, report.site_url)
    whole = _document(
        _header_markdown(report, say), [_post_markdown(p, style) for p in report.posts], say
    )
    if max_chars is None or len(whole) <= max_chars:
        return whole
    return _shortened(report, style, max_chars, _where(full_report_url, say))


def _document(header: list[str], blocks: list[list[str]], say: Messages) -> str:
    lines = list(header)
    if not blocks:
        lines.append(say(Text.REVIEW_NO_CHANGES))
    for block in blocks:
        lines += block
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    return "\n".join(lines).rstrip() + "\n"


def _header_markdown(report: Review, say: Messages, clip: int | None = None) -> list[str]:
    heading = say(
        Text.REVIEW_HEADING,
        posts=say.plural(Text.REVIEW_POSTS_ONE, Text.REVIEW_POSTS_OTHER, len(report.posts)),
        errors=say.plural(Text.REVIEW_ERRORS_ONE, Text.REVIEW_ERRORS_OTHER, report.errors),
        warnings=say.plural(Text.REVIEW_WARNINGS_ONE, Text.REVIEW_WARNINGS_OTHER, report.warnings),
    )
    compared = say(
        Text.REVIEW_COMPARED,
        base=code_span(_clipped(report.base, clip)),
        head=code_span(_clipped(report.head, clip)),
        clock=_moment(report.window.now, report.timezone),
    )
    lines = [MARKER, f"## {heading}", "", compared, ""]
    if report.window.pause:
        reason = markdown_text(_clipped(report.window.pause.reason, clip))
        lines += [f"> ⏸️ **{say(Text.REVIEW_PAUSE)}**: {reason}", ""]
    # A blank line ends the quote: the next paragraph would otherwise continue it.
    quoted = [f"> {markdown_text(_clipped(note, clip))}" for note in report.notes]
    # A bare ">" between notes: consecutive quoted lines would run together as one paragraph.
    notes = [line for i, note in enumerate(quoted) for line in [*([">"] if i else []), note]]
    lines += [*notes, *([""] if notes else [])]
    if report.global_changes:
        changed = report.global_changes
        shown = changed if clip is None else changed[:_GLOBAL_FILES]
        files = ", ".join(code_span(_clipped(p, clip)) for p in shown)
        files += f", … (+{len(changed) - len(shown)})" if len(shown) < len(changed) else ""
        lines += [say(Text.REVIEW_GLOBAL, files=files), ""]
    if report.repository:
        found = [_problem_line(p) for p in report.repository]
        lines += [say(Text.REVIEW_REPOSITORY), "", *found, ""]
    return lines


def _clipped(text: str, clip: int | None) -> str:
    return text if clip is None or len(text) <= clip else text[:clip] + "…"


# What a shortened comment keeps: a clipped text still shows its beginning, the first posts
# are read in full, the other posts one line per variant, and the note after them fits.
_CLIP = 2000
_IN_FULL = 10
_GLOBAL_FILES = 20
_ONE_LINE = 160
_CUT_NOTE_ROOM = 600


def _where(url: str, say: Messages) -> str:
    report = say(Text.REVIEW_FULL_REPORT)
    return f"[{report}]({url})" if url else f"{report} (`--format markdown`)"


def _shortened(report: Review, style: _Style, max_chars: int, where: str) -> str:
    """The report cut to ``max_chars``: counts by network, first posts, then one line each."""
    say = style.say
    clipping = dataclasses.replace(style, clip=_CLIP, where=where)
    head = [*_header_markdown(report, say, clip=_ONE_LINE), *_network_table(report, say)]
    room = max_chars - _CUT_NOTE_ROOM - len(_joined(head))
    blocks = [_post_markdown(p, clipping) for p in report.posts[:_IN_FULL]]
    in_full = _fitting(blocks, room * 2 // 3)
    shown = say(Text.REVIEW_SHORTENED, shown=in_full, total=len(report.posts), where=where)
    lines = [*head, f"> ✂️ {shown}", ""]
    for block in blocks[:in_full]:
        lines += block
    rest = [_post_lines(p, style) for p in report.posts[in_full:]]
    listed = _fitting(rest, max_chars - _CUT_NOTE_ROOM - len(_joined(lines)))
    if rest:
        lines += [say(Text.REVIEW_LISTED), ""]
        for group in rest[:listed]:
            lines += group
    hidden = len(rest) - listed
    if hidden:
        total = len(report.posts)
        lines += ["", f"> ✂️ {say(Text.REVIEW_CUT, hidden=hidden, total=total, where=where)}"]
    text = _joined(lines)
    if len(text) <= max_chars:
        return text
    # Only a header longer than the whole comment gets here: its heading and the link remain.
    cut = say(Text.REVIEW_CUT, hidden=len(report.posts), total=len(report.posts), where=where)
    return _joined([*head[:3], f"> ✂️ {cut}"])


def _fitting(groups: list[list[str]], room: int) -> int:
    """How many leading groups of lines fit in ``room`` characters."""
    used = 0
    for count, group in enumerate(groups):
        used += len("\n".join(group)) + 1
        if used > room:
            return count
    return len(groups)


def _network_table(report: Review, say: Messages) -> list[str]:
    """How many variants of each network are new, changed, unchanged or removed."""
    counts: dict[str, Counter[VariantChange]] = {}
    labels: dict[str, str] = {}
    for variant in (v for post in report.posts for v in post.variants):
        counts.setdefault(variant.network, Counter())[variant.change] += 1
        labels[variant.network] = variant.label
    if not counts:
        return []
    columns = [say(Text.REVIEW_NETWORK), *(say(VARIANT_LABELS[c]) for c in VariantChange)]
    lines = [f"**{say(Text.REVIEW_BY_NETWORK)}**", "", _row(columns), _row(["---"] * len(columns))]
    for network, found in counts.items():
        cells = [markdown_text(_clipped(labels[network], _ONE_LINE))]
        lines.append(_row(cells + [str(found[c]) for c in VariantChange]))
    return [*lines, ""]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _post_lines(post: PostReview, style: _Style) -> list[str]:
    """A post in one line, and under it one line per variant that is not unchanged."""
    say = style.say
    title = markdown_text(_clipped(post.title, _ONE_LINE))
    path = code_span(_clipped(post.path, _ONE_LINE))
    lines = [f"- {say(CHANGE_LABELS[post.change])}: {title} · {path}"]
    for variant in post.variants:
        if variant.change is not VariantChange.UNCHANGED:
            lines.append(f"  - {_variant_heading(variant, say)}")
    lines += [f"  {_problem_line(p)}" for p in post.all_problems]
    return lines


def _post_markdown(post: PostReview, style: _Style) -> list[str]:
    say = style.say
    lines = [f"### {say(CHANGE_LABELS[post.change])}: {markdown_text(post.title)}", ""]
    moved = f" ({say(Text.REVIEW_WAS, path=code_span(post.old_path))})" if post.old_path else ""
    lines.append(f"{code_span(post.path)}{moved} · {_status(post, say)} · {_when(post, style)}")
    if post.audiences:
        audiences = markdown_text(", ".join(post.audiences))
        lines.append(say(Text.REVIEW_AUDIENCES, audiences=audiences))
    lines.append("")
    lines += [_problem_line(p) for p in post.problems]
    if post.problems:
        lines.append("")
    for variant in post.variants:
        lines += _variant_markdown(variant, style)
    return lines


def _status(post: PostReview, say: Messages) -> str:
    now = f"**{say(STATUS_TEXTS[post.status]) if post.status else '—'}**"
    if post.previous_status is None:
        return now
    return say(Text.REVIEW_WAS_NOW, was=f"**{say(STATUS_TEXTS[post.previous_status])}**", now=now)


def _when(post: PostReview, style: _Style) -> str:
    now = _moment(post.date, style.tz)
    if post.previous_date is None:
        return now
    return style.say(Text.REVIEW_WAS_NOW, was=_moment(post.previous_date, style.tz), now=now)


def _variant_heading(variant: VariantReview, say: Messages) -> str:
    change = say(VARIANT_LABELS[variant.change])
    label = markdown_text(variant.label)
    if variant.change is VariantChange.REMOVED:
        return f"{label} · {change}"
    fits = all(c.fits for c in variant.counts)
    counts = ", ".join(f"{c.length}/{c.limit}" for c in variant.counts)
    unit = say(variant.counts[0].unit.key) if variant.counts else ""
    many = len(variant.parts) > 1
    parts = f" · {say(Text.REVIEW_PARTS, count=len(variant.parts))}" if many else ""
    icon = "✅" if fits else "❌"
    return f"{label} · {change} · {icon} {counts} {unit}{parts}"


def _variant_markdown(variant: VariantReview, style: _Style) -> list[str]:
    say = style.say
    lines = [f"#### {_variant_heading(variant, say)}", ""]
    if variant.change is VariantChange.REMOVED:
        return [*lines, *_block(variant.previous, style), ""]
    problems = [_problem_line(p) for p in variant.problems]
    if variant.change is VariantChange.UNCHANGED:  # collapsed: its text is the one already read
        return [*lines, *problems, *([""] if problems else [])]
    details = _details_markdown(variant, style)
    lines += [*details, *([""] if details else [])]
    if variant.change is VariantChange.NEW:
        many = len(variant.parts) > 1
        for i, part in enumerate(variant.parts, 1):
            if many:
                lines.append(say(Text.REVIEW_PART, number=i, count=len(variant.parts)))
            lines += [*_block(part, style), ""]
    elif variant.previous:
        lines += [*_block(_diff(variant.previous, "\n\n".join(variant.parts)), style, "diff"), ""]
    else:
        lines += [say(Text.REVIEW_TEXT_UNCHANGED), ""]
    return [*lines, *problems, *([""] if problems else [])]


_DETAIL_LABELS = {
    Detail.IMAGE: Text.REVIEW_IMAGE,
    Detail.IMAGE_ALT: Text.REVIEW_IMAGE_ALT,
    Detail.CONTENT_WARNING: Text.REVIEW_CONTENT_WARNING,
    Detail.FIRST_COMMENT: Text.REVIEW_FIRST_COMMENT,
    Detail.MENTIONS: Text.REVIEW_MENTIONS,
    Detail.AT: Text.REVIEW_AT,
}


def _details_markdown(variant: VariantReview, style: _Style) -> list[str]:
    """One line per detail that is set or changed; a changed one reads ``was → now``."""
    now, was = dict(variant.details), dict(variant.was)
    lines = []
    for detail in Detail:
        if detail not in now and detail not in was:
            continue
        value = _detail_value(detail, now.get(detail, ""), variant.image_link, style)
        if detail in was:
            old = _detail_value(detail, was[detail], "", style)
            value = style.say(Text.REVIEW_WAS_NOW, was=old, now=value)
        lines.append(f"- {style.say(_DETAIL_LABELS[detail])}: {value}")
    return lines


def _detail_value(detail: Detail, value: str, link: str, style: _Style) -> str:
    """A detail as inert Markdown: the image as a link to it (on the site) or its path."""
    if not value:
        return "—"
    if detail is Detail.AT:
        return _moment(dt.datetime.fromisoformat(value), style.tz)
    if detail is Detail.IMAGE:
        return _image_markdown(value, link, style.site_url)
    return markdown_text(_clipped(value, style.clip))


def _image_markdown(image: str, link: str, site_url: str) -> str:
    # Only the site's own address is linked: an image elsewhere, or one not online yet, is
    # shown as its address or path, which no one can click.
    if site_url and link.startswith(site_url) and _LINKABLE.fullmatch(link):
        return f"[{markdown_text(posixpath.basename(image) or image)}]({link})"
    return code_span(link or image)


_LINKABLE = re.compile(r"https://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+")
"""A URL a Markdown link holds as written: no parenthesis, bracket, space or angle bracket."""

_LINE_ENDS = re.compile(r"\r\n|\r|\n")
"""The line endings :func:`code_block` splits at: a diff has one marked line for each."""


def _diff(before: str, after: str) -> str:
    """A unified line diff of the whole text (every line as context), without its headers."""
    old, new = _LINE_ENDS.split(before), _LINE_ENDS.split(after)
    found = difflib.unified_diff(old, new, lineterm="", n=max(len(old), len(new)))
    # Every line is context, so there is one hunk: after the ---, +++ and @@ lines.
    return "\n".join(list(found)[3:])


def _block(text: str, style: _Style, info: str = "text") -> list[str]:
    """A fenced block, and when the text is clipped, how much is left out and where it is."""
    if style.clip is None or len(text) <= style.clip:
        return [code_block(text, info)]
    left_out = style.say.number(len(text) - style.clip)
    more = style.say(Text.REVIEW_CLIPPED, count=left_out, where=style.where)
    return [code_block(text[: style.clip], info), "", more]


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
        "notes": list(report.notes),  # what listening heard (the Markdown's quoted notes)
        "repository_problems": [_problem_json(p) for p in report.repository],
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
        "previous_publish_at_utc": (
            post.previous_date.astimezone(dt.UTC).isoformat() if post.previous_date else None
        ),
        "previous_status": post.previous_status.value if post.previous_status else None,
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
                "details": dict(v.details),
                "was": dict(v.was),
                "image_link": v.image_link or None,
                "publish_at_utc": v.at.astimezone(dt.UTC).isoformat() if v.at else None,
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
