"""Serving a built site on 127.0.0.1 for the browser tests (imported by conftest and tests).

Kept out of ``conftest.py`` because several test folders have one, and ``from conftest import``
would pick whichever was imported first.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path

SITE_URL = "https://blog.ruedalibre-demo.es/"
"""The example's ``site_url``: absolute links to it are served from the local build."""
NOW = "2026-11-23T12:00:00+01:00"
"""The fixed clock of every browser build."""


@dataclass(frozen=True)
class Served:
    """A built site and the local URL it is served at (ending in ``/``)."""

    root: Path
    base: str

    def url(self, path: str = "") -> str:
        return self.base + path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the page watch reports failures; a log line per request is noise


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 at a free port, in a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"
