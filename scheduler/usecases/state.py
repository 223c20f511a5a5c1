"""The build state ``portavoz/site`` hands to the other plugins, and the one way it is handed.

MkDocs gives every plugin the same configuration object, and ``mkdocs serve`` makes a new one
for each rebuild, so the state is kept on it under one key: it lives exactly as long as the
build, and no plugin reads another plugin's module or attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from portavoz.scheduler.base.problems import Problem
from portavoz.scheduler.content.model import Post
from portavoz.scheduler.content.settings import SiteSettings
from portavoz.scheduler.content.window import Status, Window
from portavoz.scheduler.usecases.caching import CachePlace

STATE_KEY = "portavoz_build"
"""Key of the :class:`BuildState` in MkDocs' configuration (not an option anyone writes)."""


_NO_LINES: Mapping[str, int] = MappingProxyType({})
"""The key lines of a post whose sources are released (:meth:`BuildState.release_sources`)."""


class BuildStateError(LookupError):
    """A plugin asked for the build state before ``portavoz/site`` made it."""


@dataclass(frozen=True)
class BuildState:
    """What ``portavoz/site`` decided for this build: settings, moment, posts.

    Attributes:
        settings: The site's settings (the published ``site_url``, also under ``mkdocs serve``).
        window: The moment the build looks at, and the crisis pause.
        posts: Every post that could be read, by ``src_uri``, in reading order; ``None`` until
            the posts are read (``portavoz/site``'s ``on_files``).
        problems: What reading the posts found (``mkdocs serve`` shows it on the posts' pages).
        caches: The persistent caches' folder in the internal outputs (``portavoz/scheduler``'s
            ``output_dir``), where the posts' reads are kept; ``None``: no such folder.
    """

    settings: SiteSettings
    window: Window
    posts: Mapping[str, Post] | None = None
    problems: tuple[Problem, ...] = ()
    caches: CachePlace | None = None
    # Each post's status at this window and settings, by src_uri (a new state: none yet).
    _statuses: dict[str, tuple[Post, Status]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def with_caches(self, place: CachePlace) -> BuildState:
        """This state with the caches' folder ``portavoz/scheduler`` keeps them in."""
        return replace(self, caches=place)

    def with_posts(self, posts: Iterable[Post], problems: Iterable[Problem] = ()) -> BuildState:
        """This state once the posts are read, with what reading them found."""
        read = MappingProxyType({post.src_uri: post for post in posts})
        return replace(self, posts=read, problems=tuple(problems))

    def read_posts(self) -> tuple[Post, ...]:
        """The posts, once read.

        Raises:
            BuildStateError: ``portavoz/site`` has not read them yet.
        """
        if self.posts is None:
            raise BuildStateError("the posts are read in portavoz/site's on_files, not yet run")
        return tuple(self.posts.values())

    def post(self, src_uri: str) -> Post | None:
        """The post at ``src_uri`` (a page's path in the content folder), if it is one."""
        return (self.posts or {}).get(src_uri)

    def status(self, post: Post) -> Status:
        """Where ``post`` stands at this build's moment (worked out once a post: the plugins
        ask on every page, and for the live posts again)."""
        found = self._statuses.get(post.src_uri)
        if found is None or found[0] is not post:  # kept with its post: never another's
            found = self._statuses[post.src_uri] = post, self.window.status(post, self.settings)
        return found[1]

    def live_posts(self) -> list[Post]:
        """The posts the public may see in this build."""
        return [post for post in self.read_posts() if self.status(post) is Status.LIVE]

    def release_sources(self) -> None:
        """Let go of every post's Markdown body and key lines (a plain build, once its posts
        are composed and linted).

        Composing, linting and the unused-media scan read the body, and their messages the
        lines (:meth:`Post.line_of`), all in ``on_files``; afterwards MkDocs and Material
        read each page from its file, so both would only add to Material's peak. ``mkdocs
        serve`` never calls this: it keeps its posts across rebuilds. The posts are shared by
        the plan, the feeds and every plugin, so each is emptied where it is, not copied.
        """
        for post in (self.posts or {}).values():
            # Frozen for the posts' readers; the build that read them lets go of them.
            object.__setattr__(post, "body", "")
            object.__setattr__(post, "lines", _NO_LINES)


def hand_over(config: MutableMapping[str, object], state: BuildState) -> BuildState:
    """Keep ``state`` on the build's configuration for the other plugins; returns it."""
    config[STATE_KEY] = state
    return state


def received(config: MutableMapping[str, object], plugin: str) -> BuildState:
    """The build state ``portavoz/site`` handed over.

    Args:
        config: The build's configuration.
        plugin: The plugin asking, named in the error.

    Raises:
        BuildStateError: There is none: ``portavoz/site`` is missing or turned off.
    """
    state = config.get(STATE_KEY)
    if not isinstance(state, BuildState):
        raise BuildStateError(
            f"{plugin} needs the portavoz/site plugin: add it to plugins in mkdocs.yml "
            "(in any order) and keep it enabled"
        )
    return state
