"""Links as Bluesky's app shows them: ``host`` plus at most 13 characters of path, then ``...``.

The app (``toShortUrl`` in bluesky-social/social-app, ``src/lib/strings/url-helpers.ts``) parses
the link with the WHATWG URL parser and prints ``host`` (lower case, IDNA, without the default
port, IPv6 in brackets) and ``pathname + search + hash`` (``./..`` resolved, percent-encoded);
a path longer than 15 characters keeps 13 of them and gains ``...``. A link the parser refuses
is shown as written. This module holds the part of the WHATWG parser that http(s) links need.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import idna
import regex

_DISPLAY_PATH_LENGTH = 15
_DISPLAY_PATH_KEPT = 13
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME = regex.compile(r"(https?):[/\\]*", regex.IGNORECASE)
_AUTHORITY_END = regex.compile(r"[/\\?#]")
_C0 = "".join(chr(c) for c in range(0x20))
_FRAGMENT_SET = frozenset(_C0 + ' "<>`')
_QUERY_SET = frozenset(_C0 + " \"#<>'")  # the special-query set (http and https)
_PATH_SET = frozenset(_C0 + ' "#<>?`{}')
_FORBIDDEN_HOST = frozenset("\x00\t\n\r #/:<>?@[\\]^|")
_FORBIDDEN_DOMAIN = _FORBIDDEN_HOST | frozenset(_C0 + "%\x7f")
_SINGLE_DOT = frozenset({".", "%2e"})
_DOUBLE_DOT = frozenset({"..", ".%2e", "%2e.", "%2e%2e"})
_JOINERS = frozenset("\u200c\u200d")
_VIRAMA = 9  # canonical combining class of a virama
_LTR_ALLOWED = frozenset({"L", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})
_RTL_ALLOWED = frozenset({"R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM"})
_RTL_END = frozenset({"R", "AL", "EN", "AN"})


class InvalidURL(ValueError):
    """The WHATWG parser refuses the link (the app then shows it as written)."""


@dataclass(frozen=True)
class WebURL:
    """The parts of an http(s) URL that the app's display reads, serialized as WHATWG does.

    Attributes:
        host: Host with a non-default port, e.g. ``example.com:8080`` or ``[::1]``.
        pathname: The path, starting with ``/``.
        search: ``?`` and the query, or ``""`` when the query is empty.
        hash: ``#`` and the fragment, or ``""`` when it is empty.
    """

    host: str
    pathname: str
    search: str
    hash: str


@lru_cache(maxsize=1024)  # a variant's link, counted with each text the fitter tries
def shorten_for_display(url: str) -> str:
    """Shorten a link as Bluesky's app displays it.

    Args:
        url: A link as written in the text.

    Returns:
        ``host`` plus path, query and fragment, cut to 13 characters + ``...`` when they pass
        15; the link unchanged when it is not an http(s) URL the WHATWG parser accepts.
    """
    try:
        parsed = parse(url)
    except InvalidURL:
        return url
    path = ("" if parsed.pathname == "/" else parsed.pathname) + parsed.search + parsed.hash
    if len(path) > _DISPLAY_PATH_LENGTH:  # all ASCII: code points are UTF-16 units here
        return f"{parsed.host}{path[:_DISPLAY_PATH_KEPT]}..."
    return parsed.host + path


def parse(url: str) -> WebURL:
    """Parse an http(s) URL as the WHATWG URL standard does (the parts :class:`WebURL` holds).

    Raises:
        InvalidURL: Not http(s), or a host, port or IP address the standard refuses.
    """
    url = url.strip(_C0 + " ").replace("\t", "").replace("\n", "").replace("\r", "")
    scheme = _SCHEME.match(url)
    if scheme is None:
        raise InvalidURL(url)
    rest = url[scheme.end() :]
    end = _AUTHORITY_END.search(rest)
    authority, rest = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    host = _host_and_port(authority.rpartition("@")[2], scheme.group(1).lower())
    rest, _, fragment = rest.partition("#") if "#" in rest else (rest, "", None)
    path, _, query = rest.partition("?") if "?" in rest else (rest, "", None)
    return WebURL(
        host=host,
        pathname=_pathname(path),
        search=f"?{_encode(query, _QUERY_SET)}" if query else "",
        hash=f"#{_encode(fragment, _FRAGMENT_SET)}" if fragment else "",
    )


def _host_and_port(authority: str, scheme: str) -> str:
    closing = authority.rfind("]")
    colon = authority.find(":", closing + 1 if authority.startswith("[") else 0)
    raw_host, port = (authority[:colon], authority[colon + 1 :]) if colon >= 0 else (authority, "")
    if not raw_host:
        raise InvalidURL(authority)
    host = _ipv6(raw_host) if raw_host.startswith("[") else _domain(raw_host)
    if port and not (port.isascii() and port.isdigit()):
        raise InvalidURL(authority)
    if port and int(port) > 0xFFFF:
        raise InvalidURL(authority)
    return host if not port or int(port) == _DEFAULT_PORTS[scheme] else f"{host}:{int(port)}"


def _ipv6(raw: str) -> str:
    if not raw.endswith("]") or "%" in raw:
        raise InvalidURL(raw)
    try:
        value = int(ipaddress.IPv6Address(raw[1:-1]))
    except ValueError:
        raise InvalidURL(raw) from None
    pieces = [(value >> (16 * (7 - i))) & 0xFFFF for i in range(8)]
    start, length = _longest_zero_run(pieces)
    if length < 2:
        return f"[{':'.join(f'{p:x}' for p in pieces)}]"
    head = ":".join(f"{p:x}" for p in pieces[:start])
    tail = ":".join(f"{p:x}" for p in pieces[start + length :])
    return f"[{head}::{tail}]"


def _longest_zero_run(pieces: list[int]) -> tuple[int, int]:
    best = (0, 0)
    run_start = None
    for i, piece in enumerate([*pieces, 1]):
        if piece == 0 and run_start is None:
            run_start = i
        elif piece != 0 and run_start is not None:
            if i - run_start > best[1]:  # the first of equally long runs wins
                best = (run_start, i - run_start)
            run_start = None
    return best


def _domain(raw: str) -> str:
    decoded = _percent_decode(raw)
    ascii_domain = _to_ascii(decoded)
    if not ascii_domain or any(c in _FORBIDDEN_DOMAIN for c in ascii_domain):
        raise InvalidURL(raw)
    return _ipv4(ascii_domain) if _ends_in_number(ascii_domain) else ascii_domain


def _percent_decode(text: str) -> str:
    if "%" not in text and text.isascii():
        return text  # nothing to decode: most hosts
    data = text.encode("utf-8", "surrogatepass")
    out = bytearray()
    i = 0
    while i < len(data):
        hexa = data[i + 1 : i + 3]
        if (
            data[i] == 0x25
            and len(hexa) == 2
            and all(chr(b) in "0123456789abcdefABCDEF" for b in hexa)
        ):
            out.append(int(hexa, 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return out.decode("utf-8", "replace")


def _to_ascii(domain: str) -> str:
    """UTS #46 ToASCII as the URL standard calls it (non-transitional, no hyphen checks)."""
    if _LOWER_ASCII_HOST.fullmatch(domain) and "xn--" not in domain:
        # UTS #46 maps none of these characters and checks no label without "xn--": the
        # domain is its own ASCII form, known without loading idna's mapping table.
        return domain
    try:
        mapped = idna.uts46_remap(domain, std3_rules=False, transitional=False)
    except idna.IDNAError:
        raise InvalidURL(domain) from None
    labels = mapped.split(".")
    for label in labels:
        _unicode_label(label)
    return ".".join(_label_to_ascii(label) for label in labels)


_LOWER_ASCII_HOST = regex.compile(r"[a-z0-9.-]*")


def _label_to_ascii(label: str) -> str:
    if label.isascii():
        return label
    _check_label(label)
    return "xn--" + label.encode("punycode").decode("ascii")


def _unicode_label(label: str) -> str:
    """A label as Unicode: an ``xn--`` label is decoded and must be a valid label itself."""
    if not (label.isascii() and label.startswith("xn--")):
        return label
    try:
        decoded = label[4:].encode("ascii").decode("punycode")
        valid = decoded == idna.uts46_remap(decoded, std3_rules=False, transitional=False)
    except (UnicodeError, idna.IDNAError):
        raise InvalidURL(label) from None
    if not decoded or decoded.isascii() or not valid:
        raise InvalidURL(label)
    _check_label(decoded)
    return decoded


def _check_label(label: str) -> None:
    if not _label_valid(label):
        raise InvalidURL(label)


def _label_valid(label: str) -> bool:
    """UTS #46's validity criteria as Node's URL parser (Ada 2) applies them.

    It departs from the standard in ways the app then shows: the first joiner (ZWJ, ZWNJ)
    settles the whole label, and in a right-to-left label the last character is only
    checked when the label does not start left-to-right.
    """
    if unicodedata.category(label[0]).startswith("M"):
        return False
    for i, char in enumerate(label):
        if char in _JOINERS:
            # A ZWNJ may also stand between Arabic letters of certain joining types; Python
            # does not know joining types, so such a host is refused and shown as written.
            return i > 0 and unicodedata.combining(label[i - 1]) == _VIRAMA
    directions = [unicodedata.bidirectional(c) for c in label]
    if not {"R", "AL", "AN"} & set(directions):
        return True
    last = max(i for i, d in enumerate(directions) if d != "NSM")
    if directions[0] == "L":
        return set(directions[:last]) <= _LTR_ALLOWED
    head = set(directions[: last + 1])
    return head <= _RTL_ALLOWED and not {"EN", "AN"} <= head and directions[last] in _RTL_END


def _ends_in_number(domain: str) -> bool:
    labels = domain.split(".")
    if labels[-1] == "":
        if len(labels) == 1:
            return False
        labels.pop()
    last = labels[-1]
    return (last.isascii() and last.isdigit()) or _ipv4_number(last) is not None


def _ipv4(domain: str) -> str:
    labels = domain.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    numbers = [_ipv4_number(label) for label in labels]
    if len(labels) > 4 or any(n is None for n in numbers):
        raise InvalidURL(domain)
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        raise InvalidURL(domain)
    address = values[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(values[:-1]))
    return str(ipaddress.IPv4Address(address))


def _ipv4_number(text: str) -> int | None:
    if not text:
        return None
    base, digits = 10, text
    if text[:2] in ("0x", "0X"):
        base, digits = 16, text[2:]
    elif len(text) > 1 and text[0] == "0":
        base, digits = 8, text[1:]
    if not digits:
        return 0
    allowed = {10: "0123456789", 16: "0123456789abcdefABCDEF", 8: "01234567"}[base]
    return int(digits, base) if all(c in allowed for c in digits) else None


def _pathname(path: str) -> str:
    segments: list[str] = []
    # A backslash separates segments as "/" does (http and https are special schemes).
    pieces = path[1:].replace("\\", "/").split("/") if path else [""]
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        segment = _encode(piece, _PATH_SET)
        if segment.lower() in _DOUBLE_DOT:
            if segments:
                segments.pop()
            if last:
                segments.append("")
        elif segment.lower() in _SINGLE_DOT:
            if last:
                segments.append("")
        else:
            segments.append(segment)
    return "/" + "/".join(segments)


def _encode(text: str, keep_encoded: frozenset[str]) -> str:
    if text.isascii() and "\x7f" not in text and keep_encoded.isdisjoint(text):
        return text  # nothing to escape: most paths and queries
    return "".join(
        c if c.isascii() and c not in keep_encoded and c != "\x7f" else _escape(c) for c in text
    )


def _escape(char: str) -> str:
    data = (
        char.encode("utf-8", "replace") if char < "\ud800" or char > "\udfff" else b"\xef\xbf\xbd"
    )
    return "".join(f"%{b:02X}" for b in data)
