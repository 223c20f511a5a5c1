"""The schedule's own outputs, made from a plan: ``schedule.json``, the variant files, and the
calendar events and CSV rows the calendar and bulk writers format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping

from portavoz.scheduler.compose.plan import SOCIAL_STATUSES, Plan, Planned
from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.content.window import Status
from portavoz.scheduler.outputs.ids import event_uid
from portavoz.scheduler.outputs.jsontext import STEP, dumps
from portavoz.scheduler.outputs.model import BulkRow, CalendarEvent
from portavoz.scheduler.site.meta import image_url


def variant_record(item: Planned, variant: Variant, plan: Plan) -> dict[str, object]:
    """The JSON record of one variant (what an API client or a person needs to post it)."""
    post = item.post
    moment = post.moment_on(variant.network)  # the channel's own at:, else the post's date
    status = plan.status_on(item, variant.network)
    return {
        "post": post.path,
        "title": post.title,
        "network": variant.network,
        "status": status.value,
        "held_reason": _held_reason(status, plan),
        "publish_at_utc": _utc(moment),
        "publish_at_local": moment.astimezone(plan.site.timezone).isoformat(),
        "timezone": str(plan.site.timezone),
        "text": variant.text,
        "parts": list(variant.parts),
        "counts": [
            {
                "length": c.length,
                "limit": c.limit,
                "unit": c.unit,
                "fits": c.fits,
                "problems": list(c.problems),
            }
            for c in variant.counts
        ],
        "count": max(c.length for c in variant.counts),
        "limit": variant.counts[0].limit,
        "link": variant.link,
        "url": item.url,
        "facets": [[f.as_record() for f in part] for part in variant.facets],
        "api_text": variant.api_text,
        "api_parts": list(variant.api_parts),
        "dropped": list(variant.dropped),
        "dropped_hashtags": list(variant.dropped_hashtags),
        "first_comment": variant.first_comment,
        "content_warning": variant.content_warning,
        "image": variant.image,
        "image_alt": variant.image_alt,
    }


Records = Mapping[tuple[str, str], dict[str, object]]
"""Each variant's JSON record by (post path, network)."""


def variant_records(plan: Plan) -> Records:
    """The record of every variant, built once for ``schedule.json`` and the variant files."""
    return {
        (item.post.path, variant.network): variant_record(item, variant, plan)
        for item in plan.items
        for variant in item.variants
    }


RecordText = Callable[[Planned, Variant], str]
"""A variant's record as JSON text (:func:`record_text`), asked for once per variant."""

RecordKey = Callable[[Planned, str], str]
"""The key of an item's record on a network (by the network's name: a post's variants
stored in a cache are not decoded to know which networks they are for)."""


def record_text(item: Planned, variant: Variant, plan: Plan) -> str:
    """A variant's record as its ``.json`` file holds it (without the final newline)."""
    return dumps(variant_record(item, variant, plan))


def schedule_json(plan: Plan, records: Records | None = None) -> bytes:
    """``schedule.json`` in UTF-8: every post, its status and its variants (stable, sorted)."""
    if records is None:
        return b"".join(schedule_pieces(plan, lambda i, v: record_text(i, v, plan)))
    known = records
    return b"".join(schedule_pieces(plan, lambda i, v: dumps(known[(i.post.path, v.network)])))


_VARIANT_LEVEL = 4
"""How deep a variant's record sits in ``schedule.json``: document, posts, post, variants."""


_FIRST = f"\n{STEP * 2}".encode()
_NEXT = f",\n{STEP * 2}".encode()
_END = f"\n{STEP}]\n}}\n".encode()


def schedule_pieces(plan: Plan, text_of: RecordText) -> Iterator[bytes]:
    """``schedule.json`` in UTF-8, one post at a time (never the whole document at once).

    The bytes of ``json.dumps(document, ensure_ascii=False, indent=2) + "\n"``. Each
    variant's record comes from ``text_of`` (made once for its own file and for this one),
    indented to its depth: JSON text holds no raw line break, so every ``\n`` starts a line.
    Each post's piece is :func:`post_piece`'s, between separators of their own.
    """
    head = dumps(_schedule_head(plan))  # "{ … }": its closing line gives way to the posts
    if not plan.items:
        yield f'{head[:-2]},\n{STEP}"posts": []\n}}\n'.encode()
        return
    yield f'{head[:-2]},\n{STEP}"posts": ['.encode()
    separator = _FIRST
    for item in plan.items:
        yield separator
        yield post_piece(item, plan, text_of)
        separator = _NEXT
    yield _END


def post_piece(item: Planned, plan: Plan, text_of: RecordText) -> bytes:
    """One post of ``schedule.json`` in UTF-8, as :func:`schedule_pieces` writes it: what its
    post, status, URL and variants' records (``text_of``) make at the plan's moment (its
    pause and timezone)."""
    return _post_text(item, plan, text_of).encode()


def _schedule_head(plan: Plan) -> dict[str, object]:
    return {
        "generated_for": _utc(plan.window.now),
        "timezone": str(plan.site.timezone),
        "pause": (
            {"reason": plan.window.pause.reason, "since": _utc(plan.window.pause.since)}
            if plan.window.pause
            else None
        ),
    }


def _post_text(item: Planned, plan: Plan, text_of: RecordText) -> str:
    """One post of ``schedule.json`` (two levels deep), its variants' records last."""
    post = item.post
    fields = {
        "post": post.path,
        "title": post.title,
        "status": item.status.value,
        "held_reason": _held_reason(item.status, plan),
        "publish_at_utc": _utc(post.date),
        "publish_at_local": post.date.astimezone(plan.site.timezone).isoformat(),
        "expires_at_utc": _utc(post.expires) if post.expires else None,
        "url": item.url,
        "audiences": list(post.audiences),
    }
    close = f"\n{STEP * 2}}}"
    text = dumps(fields, 2).removesuffix(close)  # open again: the variants come last
    if not item.variants:
        return f'{text},\n{STEP * 3}"variants": []{close}'
    indent = "\n" + STEP * _VARIANT_LEVEL
    records = f",{indent}".join(text_of(item, v).replace("\n", indent) for v in item.variants)
    return f'{text},\n{STEP * 3}"variants": [{indent}{records}\n{STEP * 3}]{close}'


def calendar_events(plan: Plan, days: int = 180) -> list[CalendarEvent]:
    """One event per post × network: scheduled posts, and live ones of the last ``days`` days.

    Held posts are left out until the pause is lifted. Older live posts are history, not
    planning: leaving them out keeps the calendar small on a site with years of posts.
    """
    since = plan.window.now - dt.timedelta(days=days)
    events = []
    for item in plan.with_status(*SOCIAL_STATUSES):
        if item.status is Status.LIVE and plan.latest(item) < since:  # every variant history
            continue
        for variant in item.variants:
            start = item.post.moment_on(variant.network)
            # A live post's variant due before `since` went out then, or is held by a pause
            # begun before it: left out either way, without asking its own status.
            if item.status is Status.LIVE and start < since:
                continue
            status = plan.status_on(item, variant.network)
            if status not in SOCIAL_STATUSES or (status is Status.LIVE and start < since):
                continue
            events.append(
                CalendarEvent(
                    uid=event_uid(item.post, plan.site.site_url, variant.network),
                    summary=f"[{variant.network}] {item.post.title}",
                    start=start,
                    description=variant.text,
                    url=variant.link,
                    categories=tuple(x for x in (variant.network, item.post.campaign) if x),
                    status=status.value,
                )
            )
    return events


def bulk_rows(plan: Plan) -> list[BulkRow]:
    """Rows for a social scheduler's bulk import: variants still to publish (not held), a
    live post's included when its variant's own ``at:`` is still to come. Images are their
    public URLs on the site: a scheduler fetches them from there, never from the sources."""
    return [
        BulkRow(
            when=item.post.moment_on(variant.network),
            network=variant.network,
            message=variant.text,
            link=variant.link,
            image=image_url(variant.image, item.post, plan.site) if variant.image else "",
            image_alt=variant.image_alt,
            content_warning=variant.content_warning,
            first_comment=variant.first_comment,
            parts=variant.parts,
        )
        for item in plan.with_status(Status.SCHEDULED, Status.LIVE)
        if not (item.status is Status.LIVE and plan.alike(item))  # every variant out: none
        for variant in item.variants
        if plan.status_on(item, variant.network) is Status.SCHEDULED
    ]


def _held_reason(status: Status, plan: Plan) -> str | None:
    if status is Status.HELD and plan.window.pause:
        return plan.window.pause.reason
    return None


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
