"""Safe and canonical links.

A link from a feed is used only if it is ``http`` or ``https``; anything else (``javascript:``,
``data:``, ``vbscript:``…) is dropped. The canonical form — tracking parameters removed,
fragment dropped, host lower-cased, Google redirect wrappers unwrapped — is the key that finds
the same story in two feeds.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ref_src",
    }
)
# Google Alerts links point at https://www.google.com/url?url=<the real page>&…
_REDIRECTORS = {("www.google.com", "/url"), ("google.com", "/url")}
_URL_SAFE = "/:?#[]@!$&()*+,;=%~-._"
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Browsers ignore tabs, newlines and other controls inside URLs ("java\tscript:" runs).
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it is an absolute http(s) URL, else ``None``.

    Args:
        url: A link taken from a feed (already entity-decoded by feedparser).
    """
    if not url:
        return None
    compact = _INVISIBLE.sub("", url)
    try:
        parts = urlsplit(compact)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    # Percent-encode what may not appear raw in a URL (quotes, <, >, spaces, non-ASCII), so
    # the link cannot close an HTML attribute or a Markdown autolink wherever it is written.
    return quote(urlunsplit(parts._replace(scheme=parts.scheme.lower())), safe=_URL_SAFE)


def canonical_url(url: str | None) -> str | None:
    """Return the canonical form of a safe URL, or ``None`` if the URL is not safe.

    Args:
        url: A link taken from a feed.
    """
    safe = safe_url(_unwrap_redirect(url) if url else url)
    if safe is None:
        return None
    parts = urlsplit(safe)
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS[parts.scheme]:
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _kept(k)]
    return urlunsplit((parts.scheme, host, parts.path or "/", urlencode(query), ""))


def _kept(parameter: str) -> bool:
    name = parameter.lower()
    return name not in TRACKING_PARAMETERS and not name.startswith(TRACKING_PREFIXES)


def _unwrap_redirect(url: str) -> str:
    parts = urlsplit(_INVISIBLE.sub("", url))
    if ((parts.hostname or "").lower(), parts.path) not in _REDIRECTORS:
        return url
    target = dict(parse_qsl(parts.query)).get("url") or dict(parse_qsl(parts.query)).get("q")
    return target or url
