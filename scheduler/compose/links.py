"""Links in social variants: the canonical URL plus per-network UTM parameters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from portavoz.scheduler.compose.settings import UtmSettings


def with_utm(url: str, network: str, campaign: str, utm: UtmSettings) -> str:
    """Add ``utm_source=<network>``, ``utm_medium`` and ``utm_campaign`` to a URL.

    Existing query parameters are kept; existing UTM parameters are replaced.
    """
    if not utm.enabled:
        return url
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    query += [
        ("utm_source", network),
        ("utm_medium", utm.medium),
        ("utm_campaign", utm.campaign.format(campaign=campaign)),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))
