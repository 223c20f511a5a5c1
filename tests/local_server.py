"""One way for the tests to run an HTTP server on 127.0.0.1: started, handed over, stopped.

The listening tests (``tests/listening/feedserver.py``) and the hostile-feed cases
(``tests/hardening/hostile_feeds.py``) each answer their own routes; starting the server on a
free port, releasing slow handlers and shutting it down is the same for both.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler],
    stop: threading.Event,
    server: type[ThreadingHTTPServer] = ThreadingHTTPServer,
) -> Iterator[str]:
    """Serve ``handler`` on a free port of 127.0.0.1 and yield its base URL.

    On exit ``stop`` is set first, so handlers that drip or sleep give up, then the server is
    shut down and its thread joined.
    """
    httpd = server(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        assert not thread.is_alive()
