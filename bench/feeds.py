"""Synthetic RSS feeds served on 127.0.0.1, each after its own delay, with ETag → 304."""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


class _Server(ThreadingHTTPServer):
    """A threaded server that takes every feed's connection at once.

    socketserver's default backlog is 5: with 50 feeds asked at the same moment the kernel
    drops the other connection attempts, and each client waits for its SYN retransmission
    (1 s, then 3 s…), which times the network stack, not portavoz. Real feed hosts queue far
    more than 5.
    """

    request_queue_size = 256


@dataclass
class FeedSite:
    """The feeds, their delays, and what was asked of them."""

    bodies: dict[str, bytes]
    delays: dict[str, float]
    base: str = ""
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def urls(self) -> list[str]:
        return [f"{self.base}/{name}" for name in sorted(self.bodies)]

    def etag(self, name: str) -> str:
        return '"' + hashlib.sha256(self.bodies[name]).hexdigest()[:16] + '"'


def make_feeds(count: int, delay: tuple[float, float], seed: int = 7) -> FeedSite:
    """``count`` RSS 2.0 feeds of 10 items; delays drawn uniformly from ``delay``."""
    rng = random.Random(seed)
    bodies, delays = {}, {}
    for i in range(count):
        name = f"feed-{i:02d}.xml"
        bodies[name] = _rss(i, rng)
        delays[name] = rng.uniform(*delay)
    return FeedSite(bodies, delays)


def _rss(i: int, rng: random.Random) -> bytes:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    items = []
    for k in range(10):
        when = format_datetime(start + timedelta(hours=rng.randrange(0, 24 * 20)))
        brand = " Hablan de Rueda Libre." if rng.random() < 0.3 else ""
        items.append(
            f"<item><title>Entrada {k} del blog {i}</title>"
            f"<link>https://blog{i}.example/{k}</link><guid>https://blog{i}.example/{k}</guid>"
            f"<pubDate>{when}</pubDate>"
            f"<description>{escape(f'Una ruta en bici por Valencia.{brand}')}</description></item>"
        )
    channel = f"<title>Blog {i}</title><link>https://blog{i}.example/</link>"
    xml = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{channel}'
    return (xml + "".join(items) + "</channel></rss>").encode()


@contextmanager
def serving(site: FeedSite) -> Iterator[FeedSite]:
    """Serve ``site`` on a free port of 127.0.0.1 (threaded: delays overlap) until exit."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            name = self.path.lstrip("/")
            if name not in site.bodies:
                self._reply(404, b"", {})
                return
            time.sleep(site.delays[name])
            etag = site.etag(name)
            if self.headers.get("If-None-Match") == etag:
                self._reply(304, b"", {"ETag": etag})
            else:
                headers = {"ETag": etag, "Content-Type": "application/rss+xml; charset=utf-8"}
                self._reply(200, site.bodies[name], headers)

        def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            with site.lock:
                site.statuses.append(status)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
