"""Instagram: 2,200-character captions, links that do not click, a hashtag limit.

A link in a caption is plain text, so posts point to the profile's link instead: the
``link_in_bio`` line. Instagram's current policy allows 5 hashtags (the API reference still
says 30); the limit is an option. Captions are measured in UTF-16 code units, the stricter of
the measures Meta's tools use, so an emoji counts 2. A post there is an image, and a JPEG.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from portavoz.scheduler.i18n import Text, messages
from portavoz.scheduler.networks.base import Count, Defaults, with_warning
from portavoz.scheduler.networks.hashtags import find_hashtags
from portavoz.scheduler.networks.units import Unit, utf16_length

DEFAULT_HASHTAG_LIMIT = 5
DEFAULT_LINK_IN_BIO = messages(None)(Text.INSTAGRAM_LINK_IN_BIO)
"""The line in English; a site gets its language's (``get_network(…, language=…)``)."""


@dataclass(frozen=True)
class Instagram(Defaults):
    """Instagram's rules (no web share URL: posts go there from the app).

    Attributes:
        limit: Most characters of a caption (2,200).
        hashtag_limit: Most hashtags (5 by current policy; 30 in the API reference).
        link_in_bio: The line that stands in for a link (default: in the site's language).
    """

    worded: ClassVar[Mapping[str, Text]] = MappingProxyType(
        {"link_in_bio": Text.INSTAGRAM_LINK_IN_BIO}
    )
    needs_image: ClassVar[bool] = True
    # The Graph API makes a post from the image's public URL and fetches JPEG only: "Format:
    # JPEG" in the image specifications of POST /<IG_ID>/media,
    # https://developers.facebook.com/documentation/instagram-platform/instagram-graph-api/reference/ig-user/media
    image_types: ClassVar[tuple[str, ...]] = ("image/jpeg",)

    limit: int = 2200
    hashtag_limit: int | None = DEFAULT_HASHTAG_LIMIT
    link_in_bio: str = DEFAULT_LINK_IN_BIO
    name: str = field(default="instagram", init=False)
    label: str = field(default="Instagram", init=False)
    default_hashtags: int = field(default=5, init=False)
    threadable: bool = field(default=False, init=False)

    def count(self, text: str, *, content_warning: str = "") -> Count:
        """Caption length; hashtags over the limit are a problem."""
        full = with_warning(text, content_warning)
        problems: tuple[str, ...] = ()
        limit = self.hashtag_limit
        # Each hashtag starts with a sign: with no more signs than allowed, none is over.
        if limit is not None and full.count("#") + full.count("＃") > limit:
            tags = find_hashtags(full)
            if len(tags) > limit:
                problems = (f"{len(tags)} hashtags; Instagram allows {limit}",)
        return Count(self.name, utf16_length(full), self.limit, Unit.UTF16, problems)
