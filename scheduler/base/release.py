"""portavoz's release: the one place its version is written.

``pyproject.toml`` reads it from here (``[tool.setuptools.dynamic]``), so the installed
distribution's version is this one. Code asks this module, not ``importlib.metadata``: that
import and the lookup of the distribution cost ~20 ms, paid by every ``portavoz review``.
"""

from __future__ import annotations

VERSION = "0.1.0"
"""The release (PEP 440): pinned by the workflows of a new site, sent in listening's
User-Agent, and part of the keys of every cache and stored parse."""
