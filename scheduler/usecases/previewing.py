"""The writer's preview in ``mkdocs serve``: each post's panel from this build's plan.

Made again on every rebuild from the plan of that build (the saved file as it now is), so a
panel never shows a count from before the last save.
"""

from __future__ import annotations

from dataclasses import dataclass

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.compose.plan import Plan
from portavoz.scheduler.compose.settings import SchedulerSettings
from portavoz.scheduler.i18n import Messages
from portavoz.scheduler.site.preview import Panel, social_panel


@dataclass(frozen=True)
class Preview:
    """What one build knows for the panels.

    Attributes:
        plan: This build's plan.
        problems: Every problem found reading, composing and linting the posts (brand voice).
        settings: The scheduler's options (the networks' names).
        texts: The site's catalog.
    """

    plan: Plan
    problems: tuple[Problem, ...]
    settings: SchedulerSettings
    texts: Messages

    def panel(self, path: str, src_uri: str) -> Panel | None:
        """The panel of the page at ``src_uri`` (file ``path`` from the project root).

        ``None`` for a page that is not a post and has no problems.
        """
        item = next((i for i in self.plan.items if i.post.src_uri == src_uri), None)
        found = [p for p in self.problems if p.path == path]
        if item is None and not found:
            return None
        labels = {name: network.label for name, network in self.settings.networks.items()}
        zone = self.plan.site.timezone
        return social_panel(item, found, self.texts, zone=zone, labels=labels)
