"""The writer's "Social posts" panel under a post in ``mkdocs serve``, as data for its template.

Every text the panel shows is made here, in the site's language; the template
(``plugins/theme/partials/portavoz-social.html``) only escapes and lays it out. Links, hashtags
and mentions are marked where the network itself finds them: a variant's own facets where it
has them (Bluesky, over the text the app posts), else the link and hashtag rules the counters
use, so what is marked is what counts as a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import regex

from portavoz.scheduler.base.problems import Problem, Severity
from portavoz.scheduler.compose.plan import Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.window import STATUS_TEXTS
from portavoz.scheduler.i18n import Messages, Text
from portavoz.scheduler.networks import Count, Facet
from portavoz.scheduler.networks.base import FacetKind
from portavoz.scheduler.networks.hashtags import hashtag_spans
from portavoz.scheduler.networks.urls import find_links

# `@ana`, `@ana.bsky.social`, `@ana@example.social`; not the `@` of an e-mail address or a path.
_MENTION = regex.compile(
    r"(?<![\p{L}\p{N}_@/.])@[\p{L}\p{N}_]+(?:[.\-][\p{L}\p{N}_]+)*"
    r"(?:@[\p{L}\p{N}_\-]+(?:\.[\p{L}\p{N}_\-]+)+)?"
)


@dataclass(frozen=True)
class Span:
    """A run of a part's text: plain, or a link, hashtag or mention.

    Attributes:
        text: The text as shown.
        kind: What it is, or ``None`` for plain text.
        href: Where a link goes (``http(s)`` only), else ``""``.
    """

    text: str
    kind: FacetKind | None = None
    href: str = ""


@dataclass(frozen=True)
class PartView:
    """One part of a variant (the whole text, or one post of a thread), with its count.

    Attributes:
        spans: The text, marked.
        heading: "Part 1 of 3" in a thread, else ``""``.
        length: The network's count of the part.
        limit: The most it may be.
        count: "123 / 280 weighted characters", in the site's language.
        fits: Whether the part can be published as it is.
        problems: What else breaks the network's rules (too many links…).
    """

    spans: tuple[Span, ...]
    heading: str
    length: int
    limit: int
    count: str
    fits: bool
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Card:
    """One channel of the post, as the network would show it."""

    network: str
    label: str
    parts: tuple[PartView, ...]
    link: str
    image: str
    image_alt: str
    content_warning: str
    first_comment: str


@dataclass(frozen=True)
class Finding:
    """A check or brand-voice problem of the post, as the panel lists it."""

    severity: Severity
    severity_label: str
    where: str
    text: str


@dataclass(frozen=True)
class Panel:
    """The "Social posts" panel of one page.

    Attributes:
        labels: The panel's fixed texts by name, in the site's language.
        moment: When the post is published, in the site's time (``""`` if it could not be read).
        status: Its status at the build's moment (``""`` if it could not be read).
        cards: One per channel that could be composed.
        findings: Every check and brand-voice problem of the post's file.
    """

    labels: Mapping[str, str]
    moment: str
    status: str
    cards: tuple[Card, ...]
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def social_panel(
    item: Planned | None,
    problems: Iterable[Problem],
    texts: Messages,
    *,
    zone: dt.tzinfo,
    labels: Mapping[str, str],
) -> Panel:
    """The panel of a post: its variants as cards and its file's problems.

    Args:
        item: The post in the plan, or ``None`` when it could not be read.
        problems: The problems found in the post's file (reading, composing, brand voice).
        texts: The site's catalog.
        zone: The site's timezone (the publish moment is shown in it).
        labels: Network id → the network's name.
    """
    findings = tuple(_finding(p, texts) for p in sorted(set(problems), key=_reading_order))
    fixed = panel_labels(texts)
    if item is None:
        return Panel(fixed, "", "", (), findings)
    cards = tuple(_card(v, labels.get(v.network, v.network), texts) for v in item.variants)
    moment = _moment(item.post.date.astimezone(zone), texts)
    return Panel(fixed, moment, texts(STATUS_TEXTS[item.status]), cards, findings)


def panel_labels(texts: Messages) -> dict[str, str]:
    """The panel's fixed texts (the template escapes them)."""
    keys = {
        "title": Text.PREVIEW_TITLE,
        "publish": Text.PREVIEW_PUBLISH,
        "status": Text.PREVIEW_STATUS,
        "image": Text.PREVIEW_IMAGE,
        "alt": Text.PREVIEW_ALT,
        "no_alt": Text.PREVIEW_NO_ALT,
        "content_warning": Text.PREVIEW_CONTENT_WARNING,
        "first_comment": Text.PREVIEW_FIRST_COMMENT,
        "link": Text.PREVIEW_LINK,
        "findings": Text.PREVIEW_FINDINGS,
        "no_findings": Text.PREVIEW_NO_FINDINGS,
        "no_channels": Text.PREVIEW_NO_CHANNELS,
        "not_read": Text.PREVIEW_NOT_READ,
    }
    return {name: texts(key) for name, key in keys.items()}


def _reading_order(problem: Problem) -> tuple[int, str, str]:
    return (problem.line or 0, problem.network, problem.message)


def _finding(problem: Problem, texts: Messages) -> Finding:
    severity = Text.PREVIEW_ERROR if problem.is_error else Text.PREVIEW_WARNING
    where = texts(Text.PREVIEW_LINE, line=problem.line) if problem.line else ""
    what = f"{problem.key}: {problem.message}" if problem.key else problem.message
    return Finding(problem.severity, texts(severity), where, what)


def _moment(local: dt.datetime, texts: Messages) -> str:
    return f"{texts.date(local.date())} {local:%H:%M} ({local.tzname() or ''})"


def _card(variant: Variant, label: str, texts: Messages) -> Card:
    shown = _shown_parts(variant)
    total = len(shown)
    parts = tuple(
        _part(spans, count, texts, texts(Text.PREVIEW_PART, number=i, count=total))
        for i, (spans, count) in enumerate(zip(shown, variant.counts, strict=True), 1)
    )
    if total == 1:
        parts = (_with_heading(parts[0], ""),)
    return Card(
        network=variant.network,
        label=label,
        parts=parts,
        link=variant.link,
        image=variant.image,
        image_alt=variant.image_alt,
        content_warning=variant.content_warning,
        first_comment=variant.first_comment,
    )


def _with_heading(part: PartView, heading: str) -> PartView:
    return PartView(
        part.spans, heading, part.length, part.limit, part.count, part.fits, part.problems
    )


def _part(spans: tuple[Span, ...], count: Count, texts: Messages, heading: str) -> PartView:
    shown = texts(
        Text.PREVIEW_COUNT,
        length=texts.number(count.length),
        limit=texts.number(count.limit),
        unit=texts(count.unit.key),
    )
    return PartView(spans, heading, count.length, count.limit, shown, count.fits, count.problems)


def _shown_parts(variant: Variant) -> list[tuple[Span, ...]]:
    """Each part marked: by the variant's facets over the text the app posts, if it has them."""
    if variant.facets and len(variant.api_parts) == len(variant.facets):
        return [_by_facets(t, f) for t, f in zip(variant.api_parts, variant.facets, strict=True)]
    return [_by_rules(part) for part in variant.parts]


def _by_facets(text: str, facets: Sequence[Facet]) -> tuple[Span, ...]:
    """Cut ``text`` at its facets (UTF-8 byte offsets, turned into code-point indices)."""
    data = text.encode()

    def index(offset: int) -> int:
        return len(data[:offset].decode(errors="ignore"))

    marks = [(index(f.byte_start), index(f.byte_end), f.kind, f.value) for f in facets]
    return _cut(text, marks)


def _by_rules(text: str) -> tuple[Span, ...]:
    """Cut ``text`` at the links, hashtags and mentions the counters' rules find."""
    links = [(k.start, k.end, FacetKind.LINK, k.href) for k in find_links(text)]
    tags = [(s, e, FacetKind.TAG, "") for s, e in hashtag_spans(text)]
    mentions = [(m.start(), m.end(), FacetKind.MENTION, "") for m in _MENTION.finditer(text)]
    return _cut(text, [*links, *tags, *mentions])


def _cut(text: str, marks: Sequence[tuple[int, int, FacetKind, str]]) -> tuple[Span, ...]:
    """Spans of ``text``: the marks in order (an overlapping one is dropped), plain text between."""
    spans: list[Span] = []
    at = 0
    for start, end, kind, value in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            spans.append(Span(text[at:start]))
        href = value if kind is FacetKind.LINK and _is_web(value) else ""
        spans.append(Span(text[start:end], kind, href))
        at = end
    if at < len(text):
        spans.append(Span(text[at:]))
    return tuple(spans)


def _is_web(href: str) -> bool:
    """Only web links are made clickable: a facet's value is the post's own text."""
    return href.lower().startswith(("https://", "http://"))
