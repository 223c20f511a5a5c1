"""Hostile feed hosts on 127.0.0.1: bombs, drips, redirects inward, bytes no header may hold.

Each route answers with raw bytes written by hand (status line, headers, body), so a reply can
be anything a hostile server could send, not only what ``http.server`` would produce. Every
handler is bounded in time: a drip stops when the server stops (or after :data:`DRIP_LIMIT`).
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from local_server import serving

MIB = 1024 * 1024
DRIP_EVERY = 0.2
"""Seconds between two bytes of a dripped answer: far inside any per-read timeout."""
DRIP_LIMIT = 120.0
"""A drip ends by itself after this long, so a fetcher without a deadline is slow, not stuck."""


def rss(title: str, link: str = "https://hostil.example/") -> bytes:
    """A small valid RSS 2.0 feed with one entry called ``title`` (its link named after it)."""
    slug = title.replace(" ", "-")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link><description>d</description>"
        f"<item><title>{title}</title><link>{link}{slug}</link><guid>{link}{slug}</guid>"
        "<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>"
        "<description>Texto de la entrada.</description></item>"
        "</channel></rss>\n"
    ).encode()


def zeros_gzip(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed as they stream (never held whole)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(MIB)
    parts = [packer.compress(block) for _ in range(size // MIB)]
    return b"".join([*parts, packer.flush()])


@dataclass(frozen=True)
class Answer:
    """A raw HTTP answer: head lines (bytes, so any byte can be sent) and body."""

    status: bytes = b"200 OK"
    headers: tuple[bytes, ...] = (b"Content-Type: application/rss+xml; charset=utf-8",)
    body: bytes = b""
    drip: bool = False


@dataclass
class Host:
    """A running server: its routes, the requests it saw and how to reach it."""

    routes: dict[str, Callable[[dict[str, str]], Answer]]
    stop: threading.Event = field(default_factory=threading.Event)
    hits: dict[str, int] = field(default_factory=dict)
    requests: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """The headers of every request, by path."""
    base: str = ""

    @property
    def host_port(self) -> str:
        return self.base.removeprefix("http://")

    @property
    def port(self) -> int:
        return int(self.host_port.rpartition(":")[2])

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _handler(host: Host) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            host.hits[path] = host.hits.get(path, 0) + 1
            route = host.routes.get(path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            host.requests.setdefault(path, []).append(headers)
            answer = route(headers) if route else Answer(b"404 Not Found", (), b"not found")
            with contextlib.suppress(OSError):  # the fetcher gave up (deadline, cap): expected
                self._send(answer)

        def _send(self, answer: Answer) -> None:
            head = b"HTTP/1.1 " + answer.status + b"\r\n"
            head += b"".join(h + b"\r\n" for h in answer.headers)
            if answer.drip:
                self._drip(head + b"X-Drip: ")
                return
            length = b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(answer.body)
            self.wfile.write(head + length + answer.body)
            self.close_connection = True

        def _drip(self, head: bytes) -> None:
            # One byte at a time, and never the blank line that would end the headers.
            for _ in range(int(DRIP_LIMIT / DRIP_EVERY)):
                if host.stop.wait(DRIP_EVERY):
                    break
                self.wfile.write(head[:1] or b"a")
                self.wfile.flush()
                head = head[1:]
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    # Every feed connects at once; the default backlog of 5 would drop connections and the
    # fetcher would wait a second for each retry.
    request_queue_size = 128


def serve(routes: dict[str, Callable[[dict[str, str]], Answer]]) -> Iterator[Host]:
    """Run a server on a free port of 127.0.0.1; stop it (releasing drips) afterwards."""
    host = Host(routes=routes)
    with serving(_handler(host), host.stop, _Server) as base:
        host.base = base
        yield host


def gzipped(body: bytes, times: int = 1) -> bytes:
    """``body`` gzip-compressed ``times`` times over."""
    for _ in range(times):
        body = gzip.compress(body, mtime=0)
    return body
