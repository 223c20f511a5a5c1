"""The brand-voice rules' ids: what settings, ``lint_ignore`` and findings call each rule.

A module of its own, below every check, so the checks can name their rule while
:mod:`portavoz.scheduler.lint.rules` imports the checks.
"""

from __future__ import annotations

import enum


class RuleId(enum.StrEnum):
    """A brand-voice rule, by the id writers use (a ``str``, so outputs show the id itself)."""

    SPELLING = "spelling"
    NEUTRALITY = "neutrality"
    BANNED = "banned"
    IMAGE_ALT = "image-alt"
    HASHTAGS = "hashtags"
    CAPS = "caps"
    EMOJI = "emoji"
