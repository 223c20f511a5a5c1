"""Small tables for the helpers every hostile string goes through."""

from __future__ import annotations

import pytest

from portavoz.scheduler.listening.links import canonical_url, safe_url
from portavoz.scheduler.listening.text import escape_markdown, html_to_text, slugify

SAFE_URLS = [
    ("https://a.example/x", "https://a.example/x"),
    ("HTTP://a.example/x", "http://a.example/x"),
    ("javascript:alert(1)", None),
    (" JaVaScRiPt:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("java\nscript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox", None),
    ("//a.example/protocol-relative", None),
    ("/relative", None),
    ("https://", None),
    ("https://a.example:99999/", None),
    (
        'https://a.example/"><script>alert(1)</script>',
        "https://a.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    ),
    ("https://a.example/ñ", "https://a.example/%C3%B1"),
    (None, None),
]


@pytest.mark.parametrize(("given", "expected"), SAFE_URLS)
def test_safe_url(given: str | None, expected: str | None) -> None:
    assert safe_url(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://A.example/p?utm_source=x&b=2&fbclid=1&a=1#frag", "https://a.example/p?b=2&a=1"),
        ("http://a.example:80", "http://a.example/"),
        ("https://a.example:8443/p", "https://a.example:8443/p"),
        (
            "https://www.google.com/url?q=https://b.example/x%3Fgclid%3D1&sa=U",
            "https://b.example/x",
        ),
        ("javascript:alert(1)", None),
    ],
)
def test_canonical_url(given: str, expected: str | None) -> None:
    assert canonical_url(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Facturación", "facturacion"), ("ÁRBOL Ñandú", "arbol-nandu"), ("Straße", "strasse")],
)
def test_slugify_is_ascii(given: str, expected: str) -> None:
    assert slugify(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("<p>a</p><p>b</p>", "a b"),
        ("<script>alert(1)</script>visible", "visible"),
        ("&lt;script&gt;", "<script>"),
        ("x\u202eevil\u200b", "x evil"),
        ("<svg><text>hidden</text></svg>shown", "shown"),
    ],
)
def test_html_to_text(given: str, expected: str) -> None:
    assert html_to_text(given) == expected


def test_escape_markdown_leaves_no_syntax() -> None:
    assert escape_markdown("[x](javascript:1) <b> *a*") == r"\[x\](javascript:1) &lt;b&gt; \*a\*"
