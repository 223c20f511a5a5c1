"""Links in social variants: the canonical URL plus per-network UTM parameters."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit, urlunsplit

from portavoz.scheduler.compose.settings import UtmSettings


def with_utm(url: str, network: str, campaign: str, utm: UtmSettings) -> str:
    """Add ``utm_source=<network>``, ``utm_medium`` and ``utm_campaign`` to a URL.

    Existing query parameters are kept; existing UTM parameters are replaced.
    """
    if not utm.enabled:
        return url
    base, query, fragment = _split(url)
    # urlencode() of the kept pairs followed by the UTM ones, piece by piece: each post asks
    # for the same URL and campaign once per network, so the pieces are kept.
    pieces = (
        _kept(query),
        _source_and_medium(network, utm.medium),
        f"utm_campaign={_quoted(utm.campaign.format(campaign=campaign))}",
    )
    # urlunsplit() appends "?query" and then "#fragment" to the rest, which stays the same.
    joined = "&".join(piece for piece in pieces if piece)
    return f"{base}?{joined}#{fragment}" if fragment else f"{base}?{joined}"


@lru_cache(maxsize=256)
def _split(url: str) -> tuple[str, str, str]:
    """The URL without query and fragment (as ``urlunsplit`` writes it), its query, its fragment."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query="", fragment="")), parts.query, parts.fragment


@lru_cache(maxsize=256)
def _kept(query: str) -> str:
    """The query's own parameters, UTM ones left out, encoded as ``urlencode`` does."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, v) for k, v in pairs if not k.startswith("utm_")])


@lru_cache(maxsize=256)
def _source_and_medium(network: str, medium: str) -> str:
    return f"utm_source={quote_plus(network)}&utm_medium={quote_plus(medium)}"


@lru_cache(maxsize=256)
def _quoted(value: str) -> str:
    return quote_plus(value)
