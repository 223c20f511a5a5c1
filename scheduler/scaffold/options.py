"""What a scaffold is made from: language, brand name, site URL and timezone, validated.

A scaffold is written in each language portavoz speaks (:class:`~portavoz.scheduler.i18n.Language`);
``tests/scaffold`` checks that every one has its templates.
"""

from __future__ import annotations

import unicodedata
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlsplit

from portavoz.scheduler.i18n import Language

MAX_NAME = 80
"""Longest brand name: it is the site's title in the header of every page."""


DEFAULTS: dict[Language, tuple[str, str, str]] = {
    Language.EN: ("My Brand", "https://www.example.com/", "UTC"),
    Language.ES: ("Mi marca", "https://www.example.com/", "Europe/Madrid"),
}
"""Per language: the name, URL and timezone used when none is given and nobody is asked."""


class ScaffoldError(ValueError):
    """A value a scaffold cannot be made from; the message says what would be right."""


@dataclass(frozen=True)
class ScaffoldOptions:
    """A valid set of values for a new site.

    Attributes:
        lang: Language of every text written.
        name: The brand's name (``site_name``).
        url: Where the site will be published (``site_url``), ending in ``/``.
        timezone: IANA zone in which the posts' dates are read.
    """

    lang: Language
    name: str
    url: str
    timezone: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name))
        object.__setattr__(self, "url", check_url(self.url))
        object.__setattr__(self, "timezone", check_timezone(self.timezone))


def check_name(value: str) -> str:
    """The brand name, trimmed.

    Raises:
        ScaffoldError: Empty, longer than :data:`MAX_NAME`, or with a line break or control
            character (it goes into YAML, HTML titles and social posts).
    """
    name = value.strip()
    if not name:
        raise ScaffoldError("the name is empty; give the brand's name, e.g. --name 'Acme'")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise ScaffoldError(f"the name {name!r} has a line break or control character")
    if len(name) > MAX_NAME:
        raise ScaffoldError(f"the name has {len(name)} characters; at most {MAX_NAME}")
    return name


def check_url(value: str) -> str:
    """The site's address, ending in ``/``.

    Raises:
        ScaffoldError: Not an absolute ``http`` or ``https`` URL with a host, or with a query,
            fragment, credentials or whitespace.
    """
    url = value.strip()
    parts = urlsplit(url)
    hint = "write the address the site will have, e.g. https://blog.example.com/"
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ScaffoldError(f"'{url}' is not an http(s) URL; {hint}")
    if parts.query or parts.fragment or "@" in parts.netloc or any(c.isspace() for c in url):
        raise ScaffoldError(f"'{url}' has a query, fragment, user or space; {hint}")
    return url if url.endswith("/") else url + "/"


def check_timezone(value: str) -> str:
    """The IANA zone ``value`` (``Europe/Madrid``, ``America/New_York``, ``UTC``).

    Raises:
        ScaffoldError: No such zone in the time-zone database.
    """
    zone = value.strip()
    if zone not in zoneinfo.available_timezones():
        raise ScaffoldError(
            f"unknown timezone '{zone}'; use an IANA name such as Europe/Madrid or UTC"
        )
    return zone
