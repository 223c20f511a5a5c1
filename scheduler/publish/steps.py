"""What goes out for one variant: its steps (parts, first comment), each with its image.

A variant is reviewed and counted as parts; on the network each part is one remote item,
chained to the one before it (a thread), and a first comment is one more item under the
first. Building the steps is the same for every network except where an adapter says
otherwise (Telegram's caption limit), so it lives here once.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from portavoz.scheduler.compose.variant import Variant
from portavoz.scheduler.networks import Facet


class StepKind(enum.StrEnum):
    """What one step is on the network."""

    PART = "part"  # a post, or a reply to the part before it (threads)
    COMMENT = "comment"  # the first comment, under the first part
    IMAGE = "image"  # the image alone, before a text too long to be its caption


@dataclass(frozen=True)
class Image:
    """An image to upload (or to hand over by URL, where the network fetches it).

    Attributes:
        source: As written in the post (shown in dry runs and messages).
        path: The file in the repository, or ``None`` for an image given as a URL.
        url: Its public address on the deployed site.
        alt: Its alternative text.
    """

    source: str
    path: Path | None
    url: str
    alt: str

    @property
    def mime(self) -> str:
        """The media type from the file name (the networks need it for an upload)."""
        suffix = Path(self.source).suffix.lower().lstrip(".")
        return {"jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"}.get(
            suffix, f"image/{suffix or 'png'}"
        )


@dataclass(frozen=True)
class Step:
    """One remote item.

    Attributes:
        number: Its place in the variant's sequence (1-based; the ledger's ``step``).
        total: How many steps the variant has.
        kind: Part, comment or image.
        text: The text sent.
        facets: Rich-text facets of the text (Bluesky), in the record's shape.
        image: Its image, if any.
    """

    number: int
    total: int
    kind: StepKind
    text: str
    facets: tuple[Facet, ...] = ()
    image: Image | None = None

    @property
    def hashed(self) -> str:
        """What the ledger's hash covers: the text, and the image with its alt text."""
        image = f"\n[image {self.image.source} | {self.image.alt}]" if self.image else ""
        return self.text + image


@dataclass(frozen=True)
class Publication:
    """One variant of one post, as it is to be published.

    Attributes:
        post: The post's file (relative to the project root), the ledger's key.
        network: Network id.
        moment: When it is due on this network.
        variant: The reviewed variant.
        title: The post's title (a link card's title).
        summary: The post's summary (a link card's description).
        lang: The post's language.
        steps: What goes out, in order.
        extra: Facts an adapter needs that only some networks have.
    """

    post: str
    network: str
    moment: dt.datetime
    variant: Variant
    title: str
    summary: str
    lang: str
    steps: tuple[Step, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)


def default_steps(variant: Variant, image: Image | None, *, comments: bool) -> list[Step]:
    """The parts in order (the image on the first), then the first comment where there is one.

    Args:
        variant: The reviewed variant.
        image: Its image, if any.
        comments: Whether the network has a first comment.
    """
    texts = [(StepKind.PART, part) for part in variant.parts]
    if comments and variant.first_comment:
        texts.append((StepKind.COMMENT, variant.first_comment))
    total = len(texts)
    steps = []
    for number, (kind, text) in enumerate(texts, 1):
        facets = variant.facets[number - 1] if kind is StepKind.PART and variant.facets else ()
        steps.append(Step(number, total, kind, text, facets, image if number == 1 else None))
    return steps
