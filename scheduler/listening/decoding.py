"""Undoing a feed's ``Content-Encoding`` without ever holding more than the size cap.

httpx decodes a response chunk by chunk, but one chunk of a compression bomb can be gigabytes
(``Content-Encoding: gzip, gzip`` turns 6.8 KB into 4 GiB in a single step). So the fetcher
reads the raw bytes and decodes them here, asking zlib for at most one byte more than the room
left under the cap: a body that would be larger stops as soon as it is, whatever its ratio.
One coding at most is accepted (``gzip`` or ``deflate``, or none); a stack of codings or an
unknown one is refused, since no feed needs it and every bomb does.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

#: What the fetcher asks for in ``Accept-Encoding``, and all it will decode.
ACCEPT_ENCODING = "gzip, deflate"
_GZIP_OR_ZLIB = zlib.MAX_WBITS | 32  # 47: zlib detects a gzip or a zlib header
_RAW_DEFLATE = -zlib.MAX_WBITS  # some servers send "deflate" without the zlib header


class EncodingRefused(Exception):
    """A ``Content-Encoding`` we do not decode; the message says which and why."""


class TooLarge(Exception):
    """The body, decoded, would be larger than the cap."""


class Decoder:
    """Decodes one response body under ``cap`` bytes of output.

    Args:
        codings: The response's ``Content-Encoding`` values, split on commas.
        cap: Largest decoded body accepted, in bytes.

    Raises:
        EncodingRefused: For more than one coding, or one other than gzip and deflate.
    """

    def __init__(self, codings: Sequence[str], cap: int) -> None:
        named = [c.strip().lower() for c in codings if c.strip().lower() not in {"", "identity"}]
        if len(named) > 1:
            raise EncodingRefused(
                f"stacked Content-Encoding {', '.join(named)!r} is refused; a feed uses one at most"
            )
        if named and named[0] not in {"gzip", "x-gzip", "deflate"}:
            raise EncodingRefused(
                f"Content-Encoding {named[0]!r} is not supported (gzip, deflate or none)"
            )
        self._coding = named[0] if named else ""
        self._zlib = zlib.decompressobj(_GZIP_OR_ZLIB) if named else None
        self._cap = cap
        self._started = False
        self.body = bytearray()

    def feed(self, raw: bytes) -> None:
        """Decode the next raw chunk into :attr:`body`.

        Raises:
            TooLarge: As soon as the decoded body exceeds the cap.
            EncodingRefused: If the bytes are not valid data for the declared coding.
        """
        room = self._cap + 1 - len(self.body)
        self.body += raw[:room] if self._zlib is None else self._inflate(raw, room)
        if len(self.body) > self._cap:
            raise TooLarge

    def _inflate(self, raw: bytes, room: int) -> bytes:
        assert self._zlib is not None
        first, self._started = not self._started, True
        try:
            # max_length bounds the output; what does not fit waits unread, and is never needed.
            return self._zlib.decompress(raw, room)
        except zlib.error as error:
            if first and self._coding == "deflate":
                self._zlib = zlib.decompressobj(_RAW_DEFLATE)
                return self._inflate(raw, room)
            raise EncodingRefused(f"body is not valid {self._coding} data ({error})") from None
