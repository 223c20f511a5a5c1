"""Writers' text written into the site's HTML: escaped once, so it reads back as the same text.

Material's templates write page titles, descriptions and author names without escaping (MkDocs
renders themes with Jinja autoescape off) and also feed some of them back through Markdown
(a post's title heads its excerpt, an author's name heads the profile page). A value that must
stay text is therefore given to Material already escaped, in a form that both readers agree on.
"""

from __future__ import annotations

import re

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# Characters that start Markdown or extension syntax (attribute lists, links, emphasis, code,
# emoji, marks, headings' closing hashes), and line breaks, which could end the heading a value
# is in and start a block: as character references they are only text.
_MARKDOWN = "\\`*_{}[]()#!|~^=+:\r\n"
_REFERENCES = {**_HTML, **{char: f"&#{ord(char)};" for char in _MARKDOWN}}
# One character class searched in C: most values have few such characters or none, where
# str.translate with a table looked up every character of every value in Python.
_SPECIAL = re.compile("[" + re.escape("".join(_REFERENCES)) + "]")


def html_text(value: str) -> str:
    """Return plain ``value`` as HTML that shows exactly ``value``, also when read as Markdown.

    Every HTML-significant character becomes an entity and every Markdown-significant one a
    numeric character reference: an HTML parser decodes both back to the original text, and
    Python-Markdown passes character references through untouched, so no attribute list, link,
    emphasis or raw HTML can come out of it.
    """
    return _SPECIAL.sub(_reference, value)


def _reference(found: re.Match[str]) -> str:
    return _REFERENCES[found[0]]
