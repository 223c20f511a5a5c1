"""The ``hashtags`` rule: no more hashtags in a variant part than its network takes."""

from __future__ import annotations

from collections.abc import Iterator

from portavoz.scheduler.lint.context import Finding, PostText, at
from portavoz.scheduler.lint.ids import RuleId
from portavoz.scheduler.networks import get_network
from portavoz.scheduler.networks.hashtags import find_hashtags


def check_hashtags(ctx: PostText) -> Iterator[Finding]:
    """Variant parts carrying more hashtags than the network allows or the site configures."""
    for order, segment in enumerate(ctx.segments):
        most = ctx.settings.hashtag_max.get(segment.network) if segment.is_variant else None
        if most is None or segment.text.count("#") + segment.text.count("＃") <= most:
            continue  # no limit here, or fewer signs than allowed: no need to find them
        found = len(find_hashtags(segment.text))
        if found > most:
            label = get_network(segment.network).label
            message = f"{found} hashtags, more than the {most} allowed on {label}; keep the best"
            yield at(RuleId.HASHTAGS, segment, order, message, segment.label)
