"""Per-network counters: each network measures a post its own way.

>>> get_network("mastodon", limit=11000).count("Hola @ana@example.social").length
9
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from portavoz.scheduler.networks.base import Count, Network
from portavoz.scheduler.networks.bluesky import Bluesky
from portavoz.scheduler.networks.facebook import Facebook
from portavoz.scheduler.networks.instagram import Instagram
from portavoz.scheduler.networks.linkedin import LinkedIn
from portavoz.scheduler.networks.mastodon import Mastodon
from portavoz.scheduler.networks.telegram import Telegram
from portavoz.scheduler.networks.threads import Threads
from portavoz.scheduler.networks.x import X

__all__ = ["NETWORK_NAMES", "Count", "Network", "get_network"]

_NETWORKS: dict[str, Callable[..., Network]] = {
    "bluesky": Bluesky,
    "facebook": Facebook,
    "instagram": Instagram,
    "linkedin": LinkedIn,
    "mastodon": Mastodon,
    "telegram": Telegram,
    "threads": Threads,
    "x": X,
}

NETWORK_NAMES: tuple[str, ...] = tuple(sorted(_NETWORKS))


def get_network(name: str, /, **options: object) -> Network:
    """The network called ``name``, with its options (e.g. a Mastodon server's ``limit``).

    Args:
        name: One of :data:`NETWORK_NAMES`.
        **options: Settings of that network: ``limit`` for all of them, ``hashtag_limit`` and
            ``link_in_bio`` for Instagram, ``byte_limit`` for Bluesky, ``link_limit`` for Threads.

    Returns:
        The network, ready to count.

    Raises:
        KeyError: ``name`` is not a known network.
        TypeError: An option is unknown to that network or of the wrong type.
    """
    try:
        factory = _NETWORKS[name]
    except KeyError:
        known = ", ".join(NETWORK_NAMES)
        raise KeyError(f"unknown network {name!r} (known: {known})") from None
    _check_options(name, factory, options)
    return factory(**options)


def _check_options(name: str, factory: Callable[..., Network], options: dict[str, object]) -> None:
    fields = {f.name: f for f in dataclasses.fields(factory) if f.init}  # type: ignore[arg-type]
    for key, value in options.items():
        if key not in fields:
            accepted = ", ".join(sorted(fields))
            raise TypeError(f"{name}: unknown option {key!r} (accepted: {accepted})")
        expected = type(fields[key].default)
        if expected is not type(None) and (
            not isinstance(value, expected) or isinstance(value, bool) is not (expected is bool)
        ):
            raise TypeError(f"{name}: option {key!r} must be {expected.__name__}, got {value!r}")
