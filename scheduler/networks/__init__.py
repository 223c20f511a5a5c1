"""The registry of networks: one module per network, each owning its facts behind `Network`.

Validation, composing, counting, share links and feeds all read this registry, so a new
network is one module (a frozen dataclass following :class:`Network`) and one template,
added with :func:`register`.

>>> get_network("mastodon", limit=11000).count("Hola @ana@example.social").length
9
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from portavoz.scheduler.i18n import Text, messages
from portavoz.scheduler.networks.base import Count, Facet, Network
from portavoz.scheduler.networks.bluesky import Bluesky
from portavoz.scheduler.networks.facebook import Facebook
from portavoz.scheduler.networks.instagram import Instagram
from portavoz.scheduler.networks.linkedin import LinkedIn
from portavoz.scheduler.networks.mastodon import Mastodon
from portavoz.scheduler.networks.telegram import Telegram
from portavoz.scheduler.networks.threads import Threads
from portavoz.scheduler.networks.units import Unit
from portavoz.scheduler.networks.x import X

__all__ = [
    "Count",
    "Facet",
    "Network",
    "Unit",
    "get_network",
    "network_names",
    "register",
    "unregister",
]

NetworkFactory = Callable[..., Network]
"""A network's frozen dataclass: called with the site's options for it, it gives the network."""

_REGISTRY: dict[str, NetworkFactory] = {}


def register(factory: NetworkFactory, /) -> None:
    """Add a network under its name (registering the same factory again changes nothing).

    Args:
        factory: A frozen dataclass following :class:`Network`, whose options all have
            defaults; its ``init=False`` fields are facts, the others are site options.

    Raises:
        ValueError: Another network already has that name.
    """
    name = factory().name
    known = _REGISTRY.get(name)
    if known is not None and known is not factory:
        raise ValueError(f"network {name!r} is already registered")
    _REGISTRY[name] = factory


def unregister(name: str, /) -> None:
    """Remove the network called ``name`` (nothing happens when there is none)."""
    _REGISTRY.pop(name, None)


for _builtin in (Bluesky, Facebook, Instagram, LinkedIn, Mastodon, Telegram, Threads, X):
    register(_builtin)


def network_names() -> tuple[str, ...]:
    """Every registered network, sorted (the order used in messages and feeds)."""
    return tuple(sorted(_REGISTRY))


def get_network(name: str, /, *, language: str | None = None, **options: object) -> Network:
    """The network called ``name``, with its options (e.g. a Mastodon server's ``limit``).

    Args:
        name: One of :func:`network_names`.
        language: The site's language (``theme.language``): options left out whose default
            is words (Instagram's ``link_in_bio``) are in it; English when unknown or ``None``.
        **options: Settings of that network: ``limit`` for all of them, ``hashtag_limit`` and
            ``link_in_bio`` for Instagram, ``byte_limit`` for Bluesky, ``link_limit`` for Threads.

    Returns:
        The network, ready to count.

    Raises:
        KeyError: ``name`` is not a known network.
        TypeError: An option is unknown to that network or of the wrong type.
        ValueError: A limit is below its least value (1 for a size, else 0).
    """
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(network_names())
        raise KeyError(f"unknown network {name!r} (known: {known})") from None
    say = messages(language)
    worded: Mapping[str, Text] = getattr(factory, "worded", {})  # a plain factory has none
    options = {**{key: say(text) for key, text in worded.items()}, **options}
    _check_options(name, factory, options)
    return factory(**options)


_LEAST = {"limit": 1, "byte_limit": 1}
"""The least value of the networks' size limits (characters, bytes); other limits count links
or hashtags, and may be 0."""


def _check_options(name: str, factory: NetworkFactory, options: dict[str, object]) -> None:
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
        # Every whole-number option is a limit: a size below 1 would fail every post (count's
        # --limit refuses it too); a count of links or hashtags may be 0 (none allowed).
        least = _LEAST.get(key, 0)
        if expected is int and isinstance(value, int) and value < least:
            raise ValueError(f"{name}: option {key!r} must be at least {least}, got {value!r}")
