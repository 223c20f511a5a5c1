"""Scheduler options (``portavoz/scheduler`` plugin config), read alike by the CLI and builds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from portavoz.scheduler.networks import Network, get_network, network_names

DEFAULT_TEMPLATES_DIR = "social"
"""Where a site's template overrides live: beside ``mkdocs.yml``, outside the content folder
and the theme's ``custom_dir`` (MkDocs publishes every file of those two)."""


class SchedulerConfigError(ValueError):
    """An option of ``portavoz/scheduler`` cannot be used."""


@dataclass(frozen=True)
class UtmSettings:
    """UTM parameters added to links in social variants (never to feeds or the site).

    Attributes:
        medium: ``utm_medium``.
        campaign: ``utm_campaign`` pattern; ``{campaign}`` is the post's campaign or its slug.
        enabled: Whether to add UTM parameters at all.
    """

    medium: str = "social"
    campaign: str = "{campaign}"
    enabled: bool = True


@dataclass(frozen=True)
class SchedulerSettings:
    """Everything that shapes the variants.

    Attributes:
        networks: Network counters with their per-site options (limits, link in bio…).
        hashtags: Most hashtags per network variant; a network left out carries its own
            ``default_hashtags``.
        utm: UTM settings.
        templates_dir: Folder of template overrides, relative to the project root.
        body_paragraphs: Paragraphs of the body used in an automatic thread.
        output_dir: Folder of internal outputs, relative to the project root.
        calendar_days: How far back the editorial calendar shows published posts.
    """

    networks: Mapping[str, Network]
    hashtags: Mapping[str, int] = field(default_factory=dict)
    utm: UtmSettings = UtmSettings()
    templates_dir: str = DEFAULT_TEMPLATES_DIR
    body_paragraphs: int = 3
    output_dir: str = ".portavoz"
    calendar_days: int = 180


def scheduler_settings(options: Mapping[str, object]) -> SchedulerSettings:
    """Build settings from the plugin's options (a plain mapping).

    Raises:
        SchedulerConfigError: A network option is unknown or has the wrong type.
    """
    per_network = options.get("networks") or {}
    if not isinstance(per_network, Mapping):
        raise SchedulerConfigError("networks: expected a mapping of network names to options")
    networks: dict[str, Network] = {}
    hashtags: dict[str, int] = {}
    known = network_names()
    for name in known:
        opts = dict(per_network.get(name) or {})
        hashtags[name] = int(opts.pop("hashtags", get_network(name).default_hashtags))
        try:
            networks[name] = get_network(name, **{k: v for k, v in opts.items() if v is not None})
        except (KeyError, TypeError) as exc:
            raise SchedulerConfigError(f"networks: {exc.args[0]}") from None
    unknown = sorted(set(map(str, per_network)) - set(known))
    if unknown:
        raise SchedulerConfigError(
            f"networks: unknown network '{unknown[0]}' (known: {', '.join(known)})"
        )
    utm = options.get("utm") or {}
    if not isinstance(utm, Mapping):
        raise SchedulerConfigError("utm: expected medium, campaign and enabled")
    return SchedulerSettings(
        networks=networks,
        hashtags=hashtags,
        utm=UtmSettings(
            medium=str(utm.get("medium") or "social"),
            campaign=_campaign_pattern(str(utm.get("campaign") or "{campaign}")),
            enabled=bool(utm.get("enabled", True)),
        ),
        templates_dir=str(options.get("templates_dir") or DEFAULT_TEMPLATES_DIR),
        output_dir=str(options.get("output_dir") or ".portavoz"),
        calendar_days=_calendar_days(options.get("calendar_days", 180)),
    )


def _calendar_days(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SchedulerConfigError(f"calendar_days: expected a number of days, found {value!r}")
    return value


def _campaign_pattern(pattern: str) -> str:
    """The ``utm.campaign`` pattern, checked now rather than failing on the first post."""
    try:
        pattern.format(campaign="")
    except KeyError as exc:
        problem = f"unknown field {{{exc.args[0]}}}"
    except (AttributeError, IndexError, ValueError) as exc:
        problem = str(exc)
    else:
        return pattern
    raise SchedulerConfigError(
        f"utm: campaign: cannot use '{pattern}' ({problem}); the only field is {{campaign}}, "
        "and literal braces are written {{ and }}"
    )
