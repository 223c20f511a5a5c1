"""Site-level settings the content model needs: timezone, language, audiences, blog layout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from portavoz.scheduler.content.material_blog import MaterialBlog


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
        blog: Material's blog options that decide where pages go (and ``use_directory_urls``).
        site_url: Absolute site URL with a trailing slash, or ``""``.
        language: Site language (Material ``theme.language``), the default ``lang``.
        timezone: Timezone in which naive dates are read.
        audiences: Configured audiences by id.
        default_audience: Audience of posts that do not say.
        hub_dir: Folder (URL path) of the generated audience hub pages (by default the
            catalog's word for the site language: ``audiences``, ``audiencias``).
    """

    docs_dir: str = "content"
    blog: MaterialBlog = field(default_factory=MaterialBlog)
    site_url: str = ""
    language: str = "en"
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    audiences: Mapping[str, Audience] = field(
        default_factory=lambda: {"public": Audience("public", "Public")}
    )
    default_audience: str = "public"
    hub_dir: str = "audiences"

    @property
    def blog_dir(self) -> str:
        """The blog's folder inside ``docs_dir`` (Material's ``blog_dir``)."""
        return self.blog.blog_dir

    @property
    def post_dir(self) -> str:
        """The posts' folder inside ``docs_dir`` (Material's ``post_dir`` resolved)."""
        return self.blog.post_dir

    @property
    def public_audiences(self) -> tuple[Audience, ...]:
        """Audiences whose posts appear on the public site, in configured order."""
        return tuple(a for a in self.audiences.values() if a.public)
