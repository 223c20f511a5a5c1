"""Site-level settings the content model needs: timezone, language, audiences, blog layout."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from pymdownx.slugs import slugify as _pymdownx_slugify

Slugify = Callable[[str, str], str]
"""Material's slug function: ``(text, separator) -> slug``."""

DEFAULT_SLUGIFY: Slugify = _pymdownx_slugify(case="lower")
"""Material's default ``post_slugify``."""


@dataclass(frozen=True)
class Audience:
    """A group of readers a post is written for.

    Attributes:
        id: Identifier used in front matter (``audience: [clientes]``).
        label: Human name shown on pages.
        description: One sentence shown on the audience page.
        public: Whether posts for this audience may appear on the public site.
    """

    id: str
    label: str
    description: str = ""
    public: bool = True


@dataclass(frozen=True)
class SiteSettings:
    """Everything about the site that shapes how a post is read and where it goes.

    Attributes:
        docs_dir: Content folder, relative to the project root (``content``).
        blog_dir: Blog folder inside ``docs_dir`` (Material's ``blog_dir``).
        post_dir: Posts folder inside ``docs_dir`` (Material's ``post_dir`` resolved).
        post_url_format: Material's ``post_url_format`` (``{date}/{slug}`` by default).
        post_url_date_format: Material's ``post_url_date_format`` (babel pattern).
        site_url: Absolute site URL with a trailing slash, or ``""``.
        language: Site language (Material ``theme.language``), the default ``lang``.
        timezone: Timezone in which naive dates are read.
        audiences: Configured audiences by id.
        default_audience: Audience of posts that do not say.
        hub_dir: Folder (URL path) of the generated audience hub pages.
        slugify: Material's ``post_slugify`` (slugs of posts without an explicit one).
        slug_separator: Material's ``post_slugify_separator``.
    """

    docs_dir: str = "content"
    blog_dir: str = "blog"
    post_dir: str = "blog/posts"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    site_url: str = ""
    language: str = "en"
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    audiences: Mapping[str, Audience] = field(
        default_factory=lambda: {"public": Audience("public", "Public")}
    )
    default_audience: str = "public"
    hub_dir: str = "audiencias"
    slugify: Slugify = DEFAULT_SLUGIFY
    slug_separator: str = "-"

    @property
    def public_audiences(self) -> tuple[Audience, ...]:
        """Audiences whose posts appear on the public site, in configured order."""
        return tuple(a for a in self.audiences.values() if a.public)
