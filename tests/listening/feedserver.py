"""A local HTTP server for feed fixtures: every behaviour a real feed host has, on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from local_server import serving

FEEDS = Path(__file__).parent / "feeds"
ETAG = '"v1"'
LAST_MODIFIED = "Fri, 20 Nov 2026 10:00:00 GMT"
SLOW_SECONDS = 2.0


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    chunks: int = 0  # > 0: stream the body this many times without Content-Length


@dataclass
class FeedServer:
    """Routes and a log of every request (path and headers)."""

    routes: dict[str, Callable[[dict[str, str]], Reply]]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    base: str = ""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    @property
    def host_port(self) -> str:
        """The server's ``host:port``, for the listening option ``allow_private``."""
        return self.base.removeprefix("http://")

    def headers_for(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]


def feed(name: str, content_type: str = "application/rss+xml; charset=utf-8") -> Reply:
    return Reply(200, {"Content-Type": content_type}, (FEEDS / name).read_bytes())


def conditional(name: str) -> Callable[[dict[str, str]], Reply]:
    def reply(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == ETAG:
            return Reply(304, {"ETag": ETAG})
        found = feed(name)
        return Reply(
            200, {**found.headers, "ETag": ETAG, "Last-Modified": LAST_MODIFIED}, found.body
        )

    return reply


def routes(server: FeedServer) -> dict[str, Callable[[dict[str, str]], Reply]]:
    """The fixture hosts: one path per case."""

    def first_then(good: str, later: Reply) -> Callable[[dict[str, str]], Reply]:
        return lambda _headers: feed(good) if server.hits["/" + good] == 1 else later

    def slow(_headers: dict[str, str]) -> Reply:
        server.stop.wait(SLOW_SECONDS)  # released early when the server stops
        return feed("rss2.xml")

    return {
        "/rss2.xml": conditional("rss2.xml"),
        "/atom.xml": lambda _h: feed("atom.xml", "application/atom+xml"),
        "/rdf.xml": lambda _h: feed("rdf.xml", "application/rdf+xml"),
        "/malformed.xml": lambda _h: feed("malformed.xml", "text/xml"),
        "/wrong-encoding.xml": lambda _h: feed("wrong-encoding.xml"),
        "/moved.xml": lambda _h: Reply(301, {"Location": "/atom-moved.xml"}),
        "/atom-moved.xml": lambda _h: feed("atom-moved.xml", "application/atom+xml"),
        "/gone.xml": lambda _h: Reply(410, {"Content-Type": "text/plain"}, b"gone"),
        "/error.xml": lambda _h: Reply(500, {"Content-Type": "text/plain"}, b"boom"),
        "/slow.xml": slow,
        "/huge.xml": lambda _h: Reply(
            200, {"Content-Type": "application/rss+xml"}, b"<!--" + b"x" * 65536, chunks=64
        ),
        "/hostile.xml": lambda _h: feed("hostile.xml"),
        "/flaky.xml": first_then("flaky.xml", Reply(500, {}, b"down")),
        "/breaks.xml": first_then("breaks.xml", feed("malformed.xml", "text/xml")),
    }


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.requests.append((path, headers))
            server.hits[path] = server.hits.get(path, 0) + 1
            route = server.routes.get(path)
            reply = route(headers) if route else Reply(404, {}, b"not found")
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if not reply.chunks:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                for _ in range(max(1, reply.chunks)):
                    self.wfile.write(reply.body)
            except OSError:
                pass  # the client stopped reading (size cap, timeout): expected

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def serve() -> Iterator[FeedServer]:
    """Run a server on an ephemeral port; stop it (and release slow handlers) afterwards."""
    state = FeedServer(routes={})
    state.routes = routes(state)
    with serving(_handler(state), state.stop) as base:
        state.base = base
        yield state
