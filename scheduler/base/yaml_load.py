"""YAML parsed by libyaml where PyYAML was built with it, PyYAML's own parser otherwise.

libyaml parses about ten times faster; the same Python constructors and resolver make the
values. What libyaml refuses is read again by the pure-Python parser, whose message (or
value, should libyaml be the stricter) is the one given: writers see PyYAML's messages,
as MkDocs shows them.
"""

from __future__ import annotations

import yaml

C_SAFE_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
"""libyaml's safe loader, when PyYAML was built with it."""


def fastest_safe_loader() -> type[yaml.SafeLoader]:
    """libyaml's safe loader where installed, else PyYAML's own (for trusted text, such as
    the package's data, whose errors are never a writer's)."""
    return C_SAFE_LOADER or yaml.SafeLoader


def load_fast_first(
    text: str,
    careful: type[yaml.SafeLoader] = yaml.SafeLoader,
    fast: type[yaml.SafeLoader] | None = None,
) -> object:
    """``text`` parsed by ``fast`` (default: :data:`C_SAFE_LOADER`), and by ``careful`` when
    ``fast`` refuses it or is not installed.

    Raises:
        yaml.YAMLError: ``careful``'s error, when it refuses the text too.
    """
    fast = fast if fast is not None else C_SAFE_LOADER
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # a safe loader, or one made from it
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=careful)  # a safe loader, or one made from it
